/**
 * Reads a seed CSV the way dbt does (agate): a header row, `''` and `null` as NULL, and each column's
 * type inferred as the first of integer, number, date, timestamp, boolean, text that accepts every value.
 */
import { parse } from 'csv-parse/sync';
import { SluiceError } from '../errors.js';
import type { SeedType, SqlDialect, SqlValue } from '../warehouse/warehouse.js';

export interface SeedColumn {
  name: string;
  type: SeedType;
  /** The type set in `column_types`: the value stays text and the warehouse casts it. */
  explicitType?: string;
  /** An integer column with a value outside 32 bits, which dbt's `integer` type cannot hold. */
  bigint?: boolean;
}

export interface SeedTable {
  columns: SeedColumn[];
  rows: SqlValue[][];
}

export interface SeedCsvOptions {
  delimiter?: string;
  columnTypes?: Record<string, string>;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export function readSeedCsv(file: string, text: string, options: SeedCsvOptions = {}): SeedTable {
  const records = parseRecords(file, text, options.delimiter ?? ',');
  if (!records.length) throw new SluiceError('The seed file is empty: it needs a header row', { file, line: 1, hint: 'the first line names the columns, e.g. id,name' });
  const header = records[0];
  checkHeader(file, header);
  const names = header.record;
  const body = records.slice(1);
  for (const { record, info } of body) {
    if (record.length !== names.length) {
      throw new SluiceError(`Expected ${names.length} fields (one per header column) but found ${record.length}`, {
        file,
        line: startLine(record, info),
        hint: 'give the row one value per column; quote values that contain the delimiter, e.g. "Paris, France"',
      });
    }
  }

  const explicitTypes = new Map(Object.entries(options.columnTypes ?? {}).map(([name, type]) => [name.toLowerCase(), type]));
  const columns: SeedColumn[] = [];
  const converters: Array<(raw: string) => SqlValue> = [];
  names.forEach((name, index) => {
    const values = body.map(({ record }) => record[index]).filter((raw) => !isNull(raw));
    const explicitType = explicitTypes.get(name.toLowerCase());
    if (explicitType) {
      columns.push({ name, type: 'text', explicitType });
      converters.push((raw) => raw);
      return;
    }
    const type = inferType(values);
    const column: SeedColumn = { name, type };
    if (type === 'integer' && values.some((raw) => !fitsInt32(raw))) column.bigint = true;
    columns.push(column);
    converters.push(valueReader[type]);
  });

  const rows = body.map(({ record }) => record.map((raw, index) => (isNull(raw) ? null : converters[index](raw))));
  return { columns, rows };
}

/**
 * The column's SQL type: the explicit one, else the dialect's for the inferred type. `BIGINT` is spelled
 * the same by every warehouse Sluice supports.
 */
export function seedColumnSqlType(column: SeedColumn, dialect: SqlDialect): string {
  if (column.explicitType) return column.explicitType;
  if (column.bigint) return 'BIGINT';
  return dialect.seedColumnType(column.type);
}

/** SQL literals for `SqlDialect.insertValues`, one array per row. */
export function seedRowsToLiterals(table: SeedTable, dialect: SqlDialect): string[][] {
  const literals = table.columns.map((column) => literalWriter(column, dialect));
  return table.rows.map((row) => row.map((value, index) => (value === null ? 'NULL' : literals[index](value))));
}

function literalWriter(column: SeedColumn, dialect: SqlDialect): (value: SqlValue) => string {
  if (column.explicitType || column.type === 'date' || column.type === 'timestamp') {
    const type = seedColumnSqlType(column, dialect);
    return (value) => dialect.cast(dialect.literal(value), type);
  }
  // Integers beyond 2^53 are kept as digit strings: write them as bare numbers, not as text.
  if (column.type === 'integer') return (value) => (typeof value === 'string' ? value : dialect.literal(value));
  return (value) => dialect.literal(value);
}

function parseRecords(file: string, text: string, delimiter: string): CsvRecord[] {
  try {
    return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as CsvRecord[];
  } catch (error) {
    // csv-parse reports an unclosed quote at the end of the file; the mistake is where the quote opened.
    const opened = (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(text, delimiter) : undefined;
    if (opened !== undefined) {
      throw new SluiceError(`Invalid CSV: the quoted value that starts on line ${opened} is never closed`, {
        file,
        line: opened,
        hint: 'close the quote on this line ("Paris, France"); a quote inside a quoted value is written twice ("")',
      });
    }
    const line = (error as { lines?: number }).lines;
    throw new SluiceError(`Invalid CSV: ${(error as Error).message}`, { file, line, hint: 'check the quotes on this line: a quote inside a quoted value is written twice ("")' });
  }
}

/** The line of the quote that opens a field and is never closed, scanning as CSV does: quotes open a field only at its start. */
function unclosedQuoteLine(text: string, delimiter: string): number | undefined {
  let line = 1;
  let openedOn: number | undefined;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (openedOn !== undefined) {
      if (char === '"' && text[i + 1] === '"') i++;
      else if (char === '"') {
        openedOn = undefined;
        fieldStart = false;
      } else if (char === '\n') line++;
      continue;
    }
    if (char === '"' && fieldStart) openedOn = line;
    else if (char === '\n') {
      line++;
      fieldStart = true;
    } else if (text.startsWith(delimiter, i)) {
      fieldStart = true;
      i += delimiter.length - 1;
    } else if (char !== '\r' && char !== '\ufeff') fieldStart = false;
  }
  return openedOn;
}

function checkHeader(file: string, header: CsvRecord): void {
  const line = startLine(header.record, header.info);
  const seen = new Set<string>();
  header.record.forEach((name, index) => {
    if (!name.trim()) throw new SluiceError(`Header column ${index + 1} has no name`, { file, line, hint: 'name every column in the first line' });
    // Warehouses compare column names without regard to case.
    const key = name.toLowerCase();
    if (seen.has(key)) throw new SluiceError(`Duplicate column name '${name}' in the header`, { file, line, hint: 'column names must differ (case is ignored)' });
    seen.add(key);
  });
}

/** csv-parse reports the line a record ends on; a quoted field may span several lines. */
function startLine(record: string[], info: { lines: number }): number {
  const innerNewlines = record.reduce((count, field) => count + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  return info.lines - innerNewlines;
}

function isNull(raw: string): boolean {
  const trimmed = raw.trim();
  return trimmed === '' || trimmed.toLowerCase() === 'null';
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// `2024-01-31 08:00:00` and ISO `2024-01-31T08:00:00.5Z`.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?Z?$/;

const typeTests: Array<[SeedType, (value: string) => boolean]> = [
  ['integer', (value) => INTEGER.test(value)],
  ['number', (value) => NUMBER.test(value)],
  ['date', (value) => isDate(DATE.exec(value))],
  ['timestamp', (value) => isDate(TIMESTAMP.exec(value))],
  ['boolean', (value) => /^(true|false)$/i.test(value)],
];

/** An all-null column is integer, as in dbt. */
function inferType(values: string[]): SeedType {
  const trimmed = values.map((value) => value.trim());
  for (const [type, accepts] of typeTests) {
    if (trimmed.every(accepts)) return type;
  }
  return 'text';
}

function isDate(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years below 100 as written
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fitsInt32(raw: string): boolean {
  const value = BigInt(raw.trim());
  return value >= -2147483648n && value <= 2147483647n;
}

const valueReader: Record<SeedType, (raw: string) => SqlValue> = {
  integer: (raw) => {
    const digits = raw.trim().replace(/^\+/, '');
    return Number.isSafeInteger(Number(digits)) ? Number(digits) : digits;
  },
  number: (raw) => Number(raw.trim()),
  date: (raw) => raw.trim(),
  timestamp: (raw) => raw.trim(),
  boolean: (raw) => raw.trim().toLowerCase() === 'true',
  text: (raw) => raw,
};
