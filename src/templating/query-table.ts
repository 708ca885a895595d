/**
 * What `run_query()` and `load_result(...).table` return: the parts of agate's Table that dbt macros use
 * (`.rows`, `.columns[i].values()`, `.columns['name']`, `.column_names`, `.print_table()`).
 */
import type { QueryResult, SqlValue } from '../warehouse/warehouse.js';

export class QueryColumn {
  constructor(
    readonly name: string,
    readonly data_type: string,
    private readonly items: SqlValue[],
  ) {}
  values(): SqlValue[] {
    return this.items;
  }
}

export class QueryTable {
  readonly column_names: string[];
  readonly column_types: string[];
  /** Rows as lists; each row also answers by column name (`row['id']`). */
  readonly rows: Array<SqlValue[] & Record<string, SqlValue>>;
  readonly columns: QueryColumn[] & Record<string, QueryColumn>;

  constructor(result: QueryResult) {
    this.column_names = result.columns.map((column) => column.name);
    this.column_types = result.columns.map((column) => column.type);
    this.rows = result.rows.map((row) => {
      const list = this.column_names.map((name) => row[name]) as SqlValue[] & Record<string, SqlValue>;
      for (const name of this.column_names) Object.defineProperty(list, name, { value: row[name], enumerable: false });
      return list;
    });
    const columns = result.columns.map(
      (column, index) => new QueryColumn(column.name, column.type, this.rows.map((row) => row[index])),
    ) as QueryColumn[] & Record<string, QueryColumn>;
    for (const column of columns) Object.defineProperty(columns, column.name, { value: column, enumerable: false });
    this.columns = columns;
  }

  get length(): number {
    return this.rows.length;
  }

  /** agate's Table iterates over its rows: `{% for row in run_query(sql) %}`. */
  [Symbol.iterator](): Iterator<SqlValue[] & Record<string, SqlValue>> {
    return this.rows[Symbol.iterator]();
  }

  print_table(): string {
    return '';
  }
}
