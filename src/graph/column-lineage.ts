/**
 * Which columns a model's SQL reads — enough to tell whether removing or retyping a column of its parent
 * breaks it. Parsed with node-sql-parser where the SQL parses; where it does not (Spark SQL it lacks,
 * QUALIFY, …), a conservative textual check: the column's name as a whole word, or any `*`.
 */
import { parseableSql, sqlParserFor } from '../sql/sql-parser.js';

export interface ColumnsRead {
  /** Lower-case names of the columns the SQL mentions. */
  columns: Set<string>;
  /** Whether it selects `*` somewhere (then it reads every column it can see). */
  star: boolean;
  /** Whether the parser understood the SQL (otherwise the answer is textual and conservative). */
  parsed: boolean;
}

export function columnsRead(sql: string, dialect: string): ColumnsRead {
  try {
    const { parser, database } = sqlParserFor(dialect);
    const entries = parser.columnList(parseableSql(sql, dialect), { database });
    const columns = new Set<string>();
    let star = false;
    for (const entry of entries) {
      const column = entry.split('::').pop() ?? '';
      if (column === '(.*)' || column === '*') star = true;
      else columns.add(column.replace(/^["`]|["`]$/g, '').toLowerCase());
    }
    return { columns, star, parsed: true };
  } catch {
    return { columns: new Set(), star: /(^|[\s,(.])\*(\s|,|$|\))/m.test(sql), parsed: false };
  }
}

/** Whether SQL may read `column`: yes when it names it or selects `*`; textual where it does not parse. */
export function readsColumn(sql: string, column: string, dialect: string): boolean {
  const read = columnsRead(sql, dialect);
  if (read.star) return true;
  if (read.parsed) return read.columns.has(column.toLowerCase());
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`, 'i').test(sql);
}
