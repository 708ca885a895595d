/**
 * What `run_query()` and `load_result(...).table` return: the parts of agate's Table that dbt macros use
 * (`.rows`, `.columns[i].values()`, `.columns['name']`, `.column_names`, `.print_table()`).
 */
import type { QueryResult, SqlValue } from '../warehouse/warehouse.js';
import { PyMappedSequence } from './python-values.js';

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
  /** Rows, each a sequence that also answers by column name (`row['id']`, `row.id`). */
  readonly rows: PyMappedSequence[];
  /** Columns in order, by index or by name (`table.columns['id'].values()`, `.items()`). */
  readonly columns: PyMappedSequence;

  constructor(result: QueryResult) {
    this.column_names = result.columns.map((column) => column.name);
    this.column_types = result.columns.map((column) => column.type);
    this.rows = result.rows.map((row) => PyMappedSequence.create(this.column_names, this.column_names.map((name) => row[name])));
    this.columns = PyMappedSequence.create(
      this.column_names,
      result.columns.map((column, index) => new QueryColumn(column.name, column.type, this.rows.map((row) => row[index] as SqlValue))),
    );
  }

  get length(): number {
    return this.rows.length;
  }

  /** agate's Table iterates over its rows: `{% for row in run_query(sql) %}`. */
  [Symbol.iterator](): Iterator<PyMappedSequence> {
    return this.rows[Symbol.iterator]();
  }

  print_table(): string {
    return '';
  }
}
