/**
 * Results as the emulator hands them to the wire: columns with Databricks type names, and cells in one
 * fixed form per type. DuckDB types are named the way Databricks would name the same column.
 */
import { DuckDBTypeId, type DuckDBResult, type DuckDBType } from '@duckdb/node-api';

/** A Databricks type name as DESCRIBE prints it: `bigint`, `decimal(18,2)`, `string`, … */
export interface ResultColumn {
  name: string;
  type: string;
}

/**
 * One cell: boolean; number for tinyint/smallint/int/float/double; bigint for bigint; the exact text for
 * decimal; string; Uint8Array for binary; days since 1970 for date; microseconds since 1970 (UTC) for
 * timestamp; null.
 */
export type Cell = null | boolean | number | bigint | string | Uint8Array;

export interface ResultSet {
  columns: ResultColumn[];
  rows: Cell[][];
}

export function resultSet(columns: Array<[name: string, type: string]>, rows: Cell[][]): ResultSet {
  return { columns: columns.map(([name, type]) => ({ name, type })), rows };
}

// DuckDB's simple type names (as information_schema writes them) → Databricks'. Types with no
// Databricks twin here (lists, structs, intervals, uuids …) travel as their DuckDB text: `string`.
const SIMPLE_TYPE_NAMES: Record<string, string> = {
  BOOLEAN: 'boolean',
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  INTEGER: 'int',
  BIGINT: 'bigint',
  UTINYINT: 'smallint',
  USMALLINT: 'int',
  UINTEGER: 'bigint',
  UBIGINT: 'decimal(20,0)',
  // Databricks refuses HUGEINT: DuckDB's 128-bit integers come from sums and counts, which Spark types BIGINT.
  HUGEINT: 'bigint',
  UHUGEINT: 'decimal(38,0)',
  FLOAT: 'float',
  DOUBLE: 'double',
  VARCHAR: 'string',
  BLOB: 'binary',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamp',
  TIMESTAMPTZ: 'timestamp',
  TIMESTAMP_S: 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  TIMESTAMP_NS: 'timestamp',
};

/** Databricks' name for a DuckDB type written as text (`DECIMAL(18,2)` → `decimal(18,2)`). */
export function databricksTypeName(duckdbType: string): string {
  const upper = duckdbType.trim().toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  return SIMPLE_TYPE_NAMES[upper] ?? 'string';
}

/** The same mapping as a SQL expression over a DuckDB type-name column, for the emulated information_schema. */
export function databricksTypeNameSql(column: string): string {
  const cases = Object.entries(SIMPLE_TYPE_NAMES).map(([duckdb, databricks]) => `WHEN '${duckdb}' THEN '${databricks}'`);
  return (
    `CASE WHEN ${column} LIKE 'DECIMAL(%' THEN lower(replace(${column}, ' ', '')) ` +
    `ELSE CASE upper(${column}) ${cases.join(' ')} ELSE 'string' END END`
  );
}

function databricksTypeOf(type: DuckDBType): string {
  return databricksTypeName(type.toString());
}

export async function readDuckDBResult(result: DuckDBResult): Promise<ResultSet> {
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  const columns = names.map((name, index) => ({ name, type: databricksTypeOf(types[index]) }));
  const rows = await result.getRows();
  return { columns, rows: rows.map((row) => row.map((value, index) => toCell(value, types[index].typeId))) };
}

function toCell(value: unknown, typeId: DuckDBTypeId): Cell {
  if (value === null || value === undefined) return null;
  const v = value as Record<string, unknown>;
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return Boolean(value);
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return Number(value);
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.HUGEINT:
      return BigInt(value as bigint | number);
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      return String(value);
    case DuckDBTypeId.DECIMAL:
      return decimalText(v.value as bigint, v.scale as number);
    case DuckDBTypeId.VARCHAR:
      return String(value);
    case DuckDBTypeId.BLOB:
      return v.bytes as Uint8Array;
    case DuckDBTypeId.DATE:
      return v.days as number;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return v.micros as bigint;
    case DuckDBTypeId.TIMESTAMP_S:
      return (v.seconds as bigint) * 1000000n;
    case DuckDBTypeId.TIMESTAMP_MS:
      return (v.milliseconds as bigint) * 1000n;
    case DuckDBTypeId.TIMESTAMP_NS:
      return (v.nanoseconds as bigint) / 1000n;
    default:
      return String(value);
  }
}

/** `12345`, scale 2 → `123.45`: the exact text of an unscaled decimal. */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale <= 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
