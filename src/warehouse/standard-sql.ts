/**
 * The statements DuckDB and Databricks spell the same way, given each one's quoting: schemas, inserts,
 * MERGE and delete+insert. Each dialect extends this and keeps only what differs.
 */
import type { FreshnessQuery, MergeOptions, Relation } from './warehouse.js';

export abstract class StandardSqlStatements {
  abstract quoteIdentifier(name: string): string;
  abstract relationName(relation: Relation): string;
  protected abstract schemaName(database: string | undefined, schema: string): string;

  createSchema(database: string | undefined, schema: string): string {
    return `CREATE SCHEMA IF NOT EXISTS ${this.schemaName(database, schema)}`;
  }

  dropSchema(database: string | undefined, schema: string): string {
    return `DROP SCHEMA IF EXISTS ${this.schemaName(database, schema)} CASCADE`;
  }

  /** The text type dbt's snapshot hash casts each value to. */
  protected abstract readonly snapshotTextType: string;

  snapshotHash(expressions: string[]): string {
    const parts = expressions.map((expression) => `coalesce(cast(${expression} as ${this.snapshotTextType}), '')`);
    return `md5(${parts.join(" || '|' || ")})`;
  }

  protected columnList(columns: string[]): string {
    return columns.map((column) => this.quoteIdentifier(column)).join(', ');
  }

  insertValues(relation: Relation, columns: string[], rows: string[][]): string {
    if (rows.length === 0) throw new Error('insertValues needs at least one row');
    const values = rows.map((row) => `(${row.join(', ')})`).join(',\n');
    return `INSERT INTO ${this.relationName(relation)} (${this.columnList(columns)}) VALUES\n${values}`;
  }

  insertFrom(target: Relation, source: Relation, columns: string[]): string {
    const list = this.columnList(columns);
    return `INSERT INTO ${this.relationName(target)} (${list})\nSELECT ${list} FROM ${this.relationName(source)}`;
  }

  // Columns are named rather than `UPDATE SET *`/`INSERT *`: the target may have columns the source
  // lacks (on_schema_change), which `*` would refuse. The aliases are dbt's, which incremental_predicates use.
  merge(target: Relation, source: Relation, uniqueKey: string[], columns: string[], options: MergeOptions = {}): string {
    const targetAlias = 'DBT_INTERNAL_DEST';
    const sourceAlias = 'DBT_INTERNAL_SOURCE';
    // Without a key nothing matches, so every source row is inserted (dbt's `on FALSE`).
    const conditions = uniqueKey.length ? uniqueKey.map((key) => `${targetAlias}.${this.quoteIdentifier(key)} = ${sourceAlias}.${this.quoteIdentifier(key)}`) : ['FALSE'];
    const on = [...(options.predicates ?? []).map((predicate) => `(${predicate})`), ...conditions].join(' AND ');
    const keys = new Set(uniqueKey.map((key) => key.toLowerCase()));
    const only = options.updateColumns && new Set(options.updateColumns.map((column) => column.toLowerCase()));
    const excluded = new Set((options.excludeColumns ?? []).map((column) => column.toLowerCase()));
    const updated = columns.filter((column) => !keys.has(column.toLowerCase()) && !excluded.has(column.toLowerCase()) && (!only || only.has(column.toLowerCase())));
    const lines = [`MERGE INTO ${this.relationName(target)} AS ${targetAlias}`, `USING ${this.relationName(source)} AS ${sourceAlias}`, `ON ${on}`];
    if (uniqueKey.length && updated.length) {
      const assignments = updated.map((column) => `${this.quoteIdentifier(column)} = ${sourceAlias}.${this.quoteIdentifier(column)}`);
      lines.push(`WHEN MATCHED THEN UPDATE SET ${assignments.join(', ')}`);
    }
    const sourceValues = columns.map((column) => `${sourceAlias}.${this.quoteIdentifier(column)}`).join(', ');
    lines.push(`WHEN NOT MATCHED THEN INSERT (${this.columnList(columns)}) VALUES (${sourceValues})`);
    return lines.join('\n');
  }

  /**
   * dbt's freshness query (collect_freshness and its loaded_at_query form), with both times turned into
   * microseconds since the epoch by `epochMicros`, so that no driver's reading of time zones is involved.
   * A loaded_at_query is closed on a line of its own: a trailing `-- comment` in it cannot swallow the `)`.
   */
  protected freshnessSelect(loadedAt: FreshnessQuery, epochMicros: (expression: string) => string, now: string): string {
    const snapshottedAt = `${epochMicros(now)} as snapshotted_at`;
    if ('query' in loadedAt) {
      const query = loadedAt.query.replace(/[\s;]+$/, '');
      return `with source_query as (\n${query}\n)\nselect\n  ${epochMicros('(select * from source_query)')} as max_loaded_at,\n  ${snapshottedAt}`;
    }
    const select = `select\n  ${epochMicros(`max(${loadedAt.field})`)} as max_loaded_at,\n  ${snapshottedAt}\nfrom ${this.relationName(loadedAt.relation)}`;
    return loadedAt.filter ? `${select}\nwhere ${loadedAt.filter}` : select;
  }

  deleteInsert(target: Relation, source: Relation, uniqueKey: string[], columns: string[], options: MergeOptions = {}): string[] {
    const insert = this.insertFrom(target, source, columns);
    if (!uniqueKey.length) return [insert];
    const keys = this.columnList(uniqueKey);
    const tuple = uniqueKey.length > 1 ? `(${keys})` : keys;
    // As dbt's delete+insert: the predicates (on the target's columns, unqualified) narrow which rows may be deleted.
    const predicates = (options.predicates ?? []).map((predicate) => `\n  AND (${predicate})`).join('');
    const remove = `DELETE FROM ${this.relationName(target)}\nWHERE ${tuple} IN (SELECT ${keys} FROM ${this.relationName(source)})${predicates}`;
    return [remove, insert];
  }
}
