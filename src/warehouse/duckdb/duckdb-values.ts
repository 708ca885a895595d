/**
 * Turns a DuckDB result into plain JS values (`SqlValue`): integers beyond 2^53 and decimals that a
 * double cannot hold exactly stay strings, dates and timestamps are DuckDB's own text.
 */
import { DuckDBTypeId, ResultReturnType, StatementType, type DuckDBResult } from '@duckdb/node-api';
import type { Column, SqlValue } from '../warehouse.js';
import { plainDecimal } from '../sql-values.js';

export interface StatementResult {
  columns: Column[];
  rows: Record<string, SqlValue>[];
  rowsAffected?: number;
}

export async function readResult(result: DuckDBResult): Promise<StatementResult> {
  // Duplicate names (`select 1 as a, 2 as a`) come back as `a`, `a:1` so that no value is lost.
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  const columns = names.map((name, index) => ({ name, type: types[index].toString() }));
  // The JSON conversion already gives exact strings for the wide types; we narrow them where safe.
  const jsonRows = await result.getRowsJson();
  const rows = jsonRows.map((jsonRow) => {
    const row: Record<string, SqlValue> = {};
    names.forEach((name, index) => {
      row[name] = toSqlValue(jsonRow[index], types[index].typeId);
    });
    return row;
  });
  return { columns, rows, rowsAffected: rowsAffected(result, rows) };
}

function rowsAffected(result: DuckDBResult, rows: Record<string, SqlValue>[]): number | undefined {
  if (result.returnType === ResultReturnType.CHANGED_ROWS) return result.rowsChanged;
  // CREATE TABLE … AS reports the rows it wrote as a one-row `Count` result, not as changed rows.
  if (result.statementType === StatementType.CREATE && rows.length === 1 && typeof rows[0].Count === 'number') {
    return rows[0].Count;
  }
  return undefined;
}

const wideIntegers = new Set([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT, DuckDBTypeId.BIGNUM]);

function toSqlValue(value: unknown, typeId: DuckDBTypeId): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && wideIntegers.has(typeId)) return integerValue(value);
  if (typeof value === 'string' && typeId === DuckDBTypeId.DECIMAL) return decimalValue(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Lists, structs, maps and intervals have no scalar form: their JSON text is what a caller can show.
  return JSON.stringify(value);
}

function integerValue(text: string): SqlValue {
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : text;
}

/** A number when the double reads back as the same decimal, otherwise DuckDB's exact text. */
function decimalValue(text: string): SqlValue {
  const number = Number(text);
  return plainDecimal(String(number)) === plainDecimal(text) ? number : text;
}
