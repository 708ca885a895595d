/**
 * Turns what the driver returns into plain JS values (`SqlValue`), with the conventions of the DuckDB
 * adapter: integers beyond 2^53 and decimals that a double cannot hold exactly stay strings (the driver
 * runs with `preserveBigNumericPrecision`, so they arrive exact), dates are `YYYY-MM-DD` and timestamps
 * `YYYY-MM-DD HH:MM:SS[.fff]` in UTC. Column types are Databricks' own names (`bigint`, `decimal(18,2)`).
 */
import type { TTableSchema, TTypeDesc } from '@databricks/sql/thrift/TCLIService_types.js';
import type { Column, SqlValue } from '../warehouse.js';
import { plainDecimal } from '../sql-values.js';

export interface StatementResult {
  columns: Column[];
  rows: Record<string, SqlValue>[];
  rowsAffected?: number;
}

// TTypeId → Databricks type name. The ids are fixed by the Thrift protocol (TCLIService.thrift).
const TYPE_NAMES: Record<number, string> = {
  0: 'boolean',
  1: 'tinyint',
  2: 'smallint',
  3: 'int',
  4: 'bigint',
  5: 'float',
  6: 'double',
  7: 'string',
  8: 'timestamp',
  9: 'binary',
  10: 'array',
  11: 'map',
  12: 'struct',
  13: 'uniontype',
  14: 'user_defined',
  15: 'decimal',
  16: 'void',
  17: 'date',
  18: 'varchar',
  19: 'char',
  20: 'interval year to month',
  21: 'interval day to second',
};

export function readResult(schema: TTableSchema | null, driverRows: object[]): StatementResult {
  const descriptors = [...(schema?.columns ?? [])].sort((a, b) => a.position - b.position);
  const columns = descriptors.map((descriptor) => ({ name: descriptor.columnName, type: typeName(descriptor.typeDesc) }));
  const rows = driverRows.map((driverRow) => {
    const record = driverRow as Record<string, unknown>;
    const row: Record<string, SqlValue> = {};
    for (const column of columns) row[column.name] = toSqlValue(record[column.name], column.type);
    return row;
  });
  return { columns, rows, rowsAffected: rowsAffected(columns, rows) };
}

// Writes answer with a row of metrics: MERGE, INSERT, UPDATE, DELETE and CREATE … AS have num_affected_rows.
function rowsAffected(columns: Column[], rows: Record<string, SqlValue>[]): number | undefined {
  if (rows.length !== 1 || !columns.some((column) => column.name === 'num_affected_rows')) return undefined;
  const value = Number(rows[0].num_affected_rows);
  return Number.isFinite(value) ? value : undefined;
}

function typeName(typeDesc: TTypeDesc): string {
  const entry = typeDesc.types[0]?.primitiveEntry;
  if (!entry) return 'string';
  const name = TYPE_NAMES[entry.type] ?? 'string';
  const qualifiers = entry.typeQualifiers?.qualifiers;
  if (name === 'decimal' && qualifiers) return `decimal(${qualifiers.precision?.i32Value ?? 10},${qualifiers.scale?.i32Value ?? 0})`;
  return name;
}

export function toSqlValue(value: unknown, type: string): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'string' && type.startsWith('decimal')) return decimalValue(value);
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : timestampText(value);
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Arrays, structs and maps have no scalar form: their JSON text is what a caller can show.
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
}

/** `2024-02-29 13:14:15.12` in UTC: the shape the DuckDB adapter gives, so that both warehouses read alike. */
function timestampText(date: Date): string {
  const [day, time] = date.toISOString().replace('Z', '').split('T');
  return `${day} ${time.replace(/\.?0+$/, '')}`;
}

/** A number when the double reads back as the same decimal, otherwise the exact text. */
function decimalValue(text: string): SqlValue {
  const number = Number(text);
  return Number.isFinite(number) && sameDecimal(String(number), text) ? number : text;
}

function sameDecimal(a: string, b: string): boolean {
  return plainDecimal(a) === plainDecimal(b);
}
