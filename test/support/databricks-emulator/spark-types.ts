/**
 * Spark's types and ANSI arithmetic on DuckDB: the type names only DuckDB knows (refused as Databricks
 * refuses them), casts to integral types that truncate a fraction instead of rounding it and refuse a
 * string that is not a whole number, and divisions and remainders by zero that fail.
 */
import { DatabricksSqlError } from './databricks-errors.js';
import { helper, raise } from './spark-call.js';
import { duckdbString } from './sql-tokens.js';

/** Type names DuckDB accepts and Databricks does not (Spark's own aliases — LONG, SHORT, BYTE, REAL — are not here). */
export const DUCKDB_ONLY_TYPES = new Set([
  'HUGEINT', 'UHUGEINT', 'UBIGINT', 'UINTEGER', 'USMALLINT', 'UTINYINT', 'VARINT', 'BIGNUM', 'INT1', 'INT2', 'INT4', 'INT8', 'INT16', 'INT32', 'INT64', 'INT128',
  'FLOAT4', 'FLOAT8', 'TEXT', 'BLOB', 'BYTEA', 'VARBINARY', 'BPCHAR', 'UUID', 'JSON', 'LIST', 'UNION', 'ENUM', 'BIT', 'BITSTRING', 'TIMESTAMPTZ', 'TIMETZ',
  'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS', 'TIMESTAMP_US', 'DATETIME', 'SIGNED', 'OID', 'LOGICAL', 'BOOL',
]);

export function unsupportedDatatype(name: string): DatabricksSqlError {
  return new DatabricksSqlError('UNSUPPORTED_DATATYPE', `Unsupported data type "${name.toUpperCase()}".`, '0A000');
}

/** Spark's integral types, as a cast target. */
export const INTEGRAL_TYPES = new Set(['TINYINT', 'BYTE', 'SMALLINT', 'SHORT', 'INT', 'INTEGER', 'BIGINT', 'LONG']);

const DIVIDE_BY_ZERO = raise('DIVIDE_BY_ZERO', 'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "ansi_mode" to "false" to bypass this error.', '22012');
const REMAINDER_BY_ZERO = raise('REMAINDER_BY_ZERO', 'Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If necessary set "ansi_mode" to "false" to bypass this error.', '22012');

/** CREATE MACRO statements for the helpers above. */
export function typeHelperMacros(): string[] {
  const malformed =
    `CASE WHEN fail THEN error(${duckdbString("[CAST_INVALID_INPUT] The value '")} || x || ${duckdbString(`' of the type "STRING" cannot be cast to "`)} || target || ` +
    `${duckdbString('" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. SQLSTATE: 22018')}) END`;
  const integers = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'BOOLEAN'];
  return [
    `CREATE MACRO ${helper('divisor')}(d) AS CASE WHEN d = 0 THEN ${DIVIDE_BY_ZERO} ELSE d END`,
    `CREATE MACRO ${helper('remainder_divisor')}(d) AS CASE WHEN d = 0 THEN ${REMAINDER_BY_ZERO} ELSE d END`,
    // What CAST(x AS <integral>) casts: fractions truncated toward zero; a string must be a whole number (blanks around).
    `CREATE MACRO ${helper('integral_source')}(x VARCHAR, target, fail) AS CASE WHEN x IS NULL THEN NULL ` +
      `WHEN regexp_full_match(x, '\\s*[+-]?\\d+\\s*') THEN trim(x) ELSE ${malformed} END, ` +
      `(x DOUBLE, target, fail) AS trunc(x), (x FLOAT, target, fail) AS trunc(x), (x DECIMAL(38, 10), target, fail) AS trunc(x), ` +
      `${integers.map((type) => `(x ${type}, target, fail) AS x`).join(', ')}, (x, target, fail) AS x`,
  ];
}
