/**
 * Errors the way a SQL warehouse words them: `[ERROR_CLASS] message SQLSTATE: xxxxx`. DuckDB's errors
 * are renamed into the Databricks error classes that mean the same thing, so that a client sees the
 * classes and SQLSTATEs it would see in production.
 */

export class DatabricksSqlError extends Error {
  constructor(
    readonly errorClass: string,
    readonly detail: string,
    readonly sqlState: string,
  ) {
    super(`[${errorClass}] ${detail} SQLSTATE: ${sqlState}`);
    this.name = 'DatabricksSqlError';
  }
}

/** What INVALID_TIMEZONE says after naming the zone. */
export const INVALID_TIMEZONE_REASON =
  " is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm' or '(+|-)HH:mm:ss', e.g '-08', '+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for '+00:00'.";

// DuckDB's internal type names in its errors → Spark's.
const SPARK_TYPE_NAMES: Record<string, string> = { INT8: 'TINYINT', INT16: 'SMALLINT', INT32: 'INT', INT64: 'BIGINT', INT128: 'DECIMAL(38,0)', DOUBLE: 'DOUBLE', FLOAT: 'FLOAT', VARCHAR: 'STRING' };
const sparkTypeName = (duckdbName: string) => SPARK_TYPE_NAMES[duckdbName.toUpperCase()] ?? duckdbName.toUpperCase();

interface ErrorRule {
  pattern: RegExp;
  errorClass: string;
  sqlState: string;
  detail?(match: RegExpExecArray): string;
}

const RULES: ErrorRule[] = [
  {
    pattern: /Table with name "?([^"!\s]+)"? does not exist/,
    errorClass: 'TABLE_OR_VIEW_NOT_FOUND',
    sqlState: '42P01',
    detail: (m) => `The table or view \`${m[1]}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`,
  },
  {
    pattern: /Schema with name "?([^"!\s]+)"? does not exist/,
    errorClass: 'SCHEMA_NOT_FOUND',
    sqlState: '42704',
    detail: (m) => `The schema \`${m[1]}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`,
  },
  {
    pattern: /Catalog "?([^"!\s]+)"? does not exist/,
    errorClass: 'NO_SUCH_CATALOG_EXCEPTION',
    sqlState: '42704',
    detail: (m) => `Catalog '${m[1]}' was not found. Please verify the catalog name and then retry the query or command again.`,
  },
  { pattern: /Schema with name .* already exists/, errorClass: 'SCHEMA_ALREADY_EXISTS', sqlState: '42P06' },
  { pattern: /with name .* already exists/, errorClass: 'TABLE_OR_VIEW_ALREADY_EXISTS', sqlState: '42P07' },
  { pattern: /Cannot drop entry .* because there are entries that depend on it/, errorClass: 'SCHEMA_NOT_EMPTY', sqlState: '2BP01' },
  { pattern: /Parser Error/, errorClass: 'PARSE_SYNTAX_ERROR', sqlState: '42601' },
  { pattern: /Referenced column .* not found|column .* not found|does not have a column named/i, errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION', sqlState: '42703' },
  {
    pattern: /Could not convert string '(.*)' to (\w+)/,
    errorClass: 'CAST_INVALID_INPUT',
    sqlState: '22018',
    detail: (m) =>
      `The value '${m[1]}' of the type "STRING" cannot be cast to "${sparkTypeName(m[2])}" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`,
  },
  {
    pattern: /Type (\w+) with value (.*) can't be cast because the value is out of range for the destination type (\w+)/,
    errorClass: 'CAST_OVERFLOW',
    sqlState: '22003',
    detail: (m) => `The value ${m[2]} of the type "${sparkTypeName(m[1])}" cannot be cast to "${sparkTypeName(m[3])}" due to an overflow. Use \`try_cast\` to tolerate overflow and return NULL instead.`,
  },
  {
    pattern: /Overflow in (addition|subtraction|multiplication) of (\w+)/,
    errorClass: 'ARITHMETIC_OVERFLOW',
    sqlState: '22003',
    detail: (m) =>
      `${sparkTypeName(m[2]) === 'INT' ? 'integer' : 'long'} overflow. Use 'try_${{ addition: 'add', subtraction: 'subtract', multiplication: 'multiply' }[m[1]]}' to tolerate overflow and return NULL instead. If necessary set ansi_mode to "false" to bypass this error.`,
  },
  { pattern: /Conversion Error/, errorClass: 'CAST_INVALID_INPUT', sqlState: '22018' },
  { pattern: /NOT NULL constraint failed/, errorClass: 'DELTA_NOT_NULL_CONSTRAINT_VIOLATED', sqlState: '23502' },
  { pattern: /Existing object .* is of type/, errorClass: 'WRONG_COMMAND_FOR_OBJECT_TYPE', sqlState: '42809' },
  { pattern: /Division by zero/i, errorClass: 'DIVIDE_BY_ZERO', sqlState: '22012' },
  {
    // The emulator's Spark macros are overloaded by argument type, as Spark's functions accept some types only.
    pattern: /Macro (\w+)\(\) does not support the supplied arguments/,
    errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
    sqlState: '42K09',
    detail: (m) => `Cannot resolve a call of the emulator's \`${m[1]}\` helper due to data type mismatch: an argument has a type the Spark function does not accept.`,
  },
  {
    pattern: /Unknown TimeZone '([^']*)'/,
    errorClass: 'INVALID_TIMEZONE',
    sqlState: '22009',
    detail: (m) => `The timezone: ${m[1]}${INVALID_TIMEZONE_REASON}`,
  },
];

/**
 * The Databricks error for a DuckDB error; DuckDB's own text stays in the message so nothing is lost.
 * `rename` puts back the names DuckDB knows under other names (catalogs it reserves).
 */
export function fromDuckDBError(error: unknown, rename: (text: string) => string = (text) => text): DatabricksSqlError {
  if (error instanceof DatabricksSqlError) return error;
  // Not `instanceof Error`: DuckDB's errors may come from another realm (Jest runs tests in a VM context).
  const text = typeof (error as Error | undefined)?.message === 'string' ? (error as Error).message : String(error);
  const message = rename(text.split('\n')[0]);
  // The emulator's own Spark-semantics helpers raise Databricks' errors through DuckDB's error().
  const raised = /\[([A-Z][A-Z0-9_.]*)\] (.*) SQLSTATE: ([0-9A-Z]{5})/.exec(message);
  if (raised) return new DatabricksSqlError(raised[1], raised[2], raised[3]);
  for (const rule of RULES) {
    const match = rule.pattern.exec(message);
    if (match) return new DatabricksSqlError(rule.errorClass, rule.detail ? rule.detail(match) : message, rule.sqlState);
  }
  return new DatabricksSqlError('INTERNAL_ERROR', `(emulator, from DuckDB) ${message}`, 'XX000');
}
