/**
 * The one interface the rest of Sluice uses to talk to a warehouse. Nothing above `warehouse/` knows
 * which database is behind it: SQL text differences live in the `SqlDialect`, connections and
 * introspection in each implementation's own files.
 */

/** A table or view, addressed by up to three parts. `database` is the catalog. */
export interface Relation {
  database?: string;
  schema: string;
  identifier: string;
}

export type RelationType = 'table' | 'view';

export interface Column {
  name: string;
  /** The warehouse's own type name, e.g. `INTEGER`, `DECIMAL(18,2)`, `string`. */
  type: string;
}

/** Values come back as plain JS: numbers (or strings for integers beyond 2^53 and exact decimals), strings, booleans, null; dates and timestamps as ISO strings. */
export type SqlValue = string | number | boolean | null;

export interface QueryResult {
  columns: Column[];
  rows: Record<string, SqlValue>[];
}

export interface ExecuteResult {
  /** Rows written by an INSERT/MERGE/DELETE/CREATE … AS, when the warehouse reports it. */
  rowsAffected?: number;
}

/** The types a seed column can be inferred as (dbt's agate inference). */
export type SeedType = 'integer' | 'number' | 'date' | 'timestamp' | 'boolean' | 'text';

export type IncrementalStrategy = 'merge' | 'append' | 'delete+insert';

/** How a table is copied into an environment: one statement, and what the build output says of it. */
export interface TableCopy {
  /** Replaces the target with the copy. */
  sql: string;
  /** Why the copy is a full one rather than a zero-copy clone, when it is. */
  fullCopyBecause?: string;
  /** Where the copy's own files are, when it has a location of its own (an external clone). */
  location?: string;
}

/** A snapshot's changes staged in a table, one row per version to insert or to close. */
export interface SnapshotChangeSet {
  changes: Relation;
  /** Says what each row is: 'insert' (a new version), 'update' or 'delete' (close the version with this scd id). */
  changeColumn: string;
  scdIdColumn: string;
  validToColumn: string;
  /** The columns an inserted version fills, named alike in both tables. */
  insertColumns: string[];
  /** SQL that is true when the snapshot's row under `alias` is the current version. */
  isCurrent(alias: string): string;
}

/** A table's clauses from dbt-databricks' configs. */
export interface TableOptions {
  partitionBy?: string[];
  clusterBy?: string[];
  properties?: Record<string, string>;
  /** An external table's location. */
  location?: string;
  comment?: string;
}

/**
 * dbt's merge options. In `predicates` the target is `DBT_INTERNAL_DEST` and the new rows are
 * `DBT_INTERNAL_SOURCE`, as dbt names them.
 */
export interface MergeOptions {
  /** Only these columns are updated on a matched row (merge_update_columns). */
  updateColumns?: string[];
  /** These columns are not updated on a matched row (merge_exclude_columns). */
  excludeColumns?: string[];
  /** Conditions ANDed to the match (incremental_predicates). */
  predicates?: string[];
}

/** SQL text for one warehouse: data and small functions, no connections. */
export interface SqlDialect {
  readonly name: 'duckdb' | 'databricks';
  /** Valid incremental strategies and the default one. */
  readonly incrementalStrategies: readonly IncrementalStrategy[];
  readonly defaultIncrementalStrategy: IncrementalStrategy;
  quoteIdentifier(name: string): string;
  /** Fully qualified, quoted name of a relation. */
  relationName(relation: Relation): string;
  /** A SQL literal for a JS value (strings escaped). */
  literal(value: SqlValue): string;
  /** The column type for an inferred seed type. */
  seedColumnType(type: SeedType): string;
  createSchema(database: string | undefined, schema: string): string;
  dropSchema(database: string | undefined, schema: string): string;
  /** A table from a query, replacing what is there; `options` are the adapter's table clauses (Databricks only). */
  createTableAs(relation: Relation, selectSql: string, options?: TableOptions): string;
  createViewAs(relation: Relation, selectSql: string): string;
  /** Replaces an existing view's query in place, keeping its privileges (Databricks: ALTER VIEW … AS). */
  alterViewAs?(relation: Relation, selectSql: string): string;
  /** persist_docs: a comment on a table or view, or on one of its columns. */
  commentOn?(relation: Relation, type: RelationType, comment: string, column?: string): string;
  /** Grants (Databricks): the privileges on a table or view (Principal, ActionType, ObjectType, ObjectKey rows), and GRANT/REVOKE. */
  showGrants?(relation: Relation, type: RelationType): string;
  grant?(relation: Relation, type: RelationType, privilege: string, principal: string): string;
  revoke?(relation: Relation, type: RelationType, privilege: string, principal: string): string;
  createTable(relation: Relation, columns: Column[]): string;
  dropRelation(relation: Relation, type: RelationType): string;
  /** Rename within the same schema. */
  renameRelation(from: Relation, toIdentifier: string, type: RelationType): string;
  /** Insert rows given as SQL literals, one statement per batch. */
  insertValues(relation: Relation, columns: string[], rows: string[][]): string;
  /** Append the rows of `source` into `target` (same column names). */
  insertFrom(target: Relation, source: Relation, columns: string[]): string;
  /** Merge `source` into `target` on `uniqueKey`: update matched rows, insert the others. */
  merge(target: Relation, source: Relation, uniqueKey: string[], columns: string[], options?: MergeOptions): string;
  /** Delete target rows whose key is in `source`, then insert every source row: returns the statements in order. */
  deleteInsert(target: Relation, source: Relation, uniqueKey: string[], columns: string[], options?: MergeOptions): string[];
  /** Add columns to a table (on_schema_change: append_new_columns). */
  addColumns(relation: Relation, columns: Column[]): string;
  /** Remove columns from a table (on_schema_change: sync_all_columns); statements in order. */
  dropColumns(relation: Relation, columns: string[]): string[];
  /** `cast(expr as type)`. */
  cast(expression: string, type: string): string;
  /** A copy of `source` as `target` (replacing it) that costs as little as the warehouse allows: a zero-copy clone where there is one. */
  cloneTable(target: Relation, source: Relation): string;
  /** Warehouses with table history (Delta): put a table back to an earlier version. */
  restoreTable?(relation: Relation, version: number): string;
  /** Snapshots: dbt's version id, md5 of the expressions as text ('' for NULL), joined with '|'. */
  snapshotHash(expressions: string[]): string;
  /** Snapshots with `hard_deletes: new_record`: the value dbt_is_deleted holds, as the adapter's dbt writes it. */
  snapshotDeletedFlag(deleted: boolean): string;
  /** Snapshots: close the versions a change set ends and insert its new ones, as the adapter's dbt does; statements in order. */
  applySnapshotChanges(target: Relation, changeSet: SnapshotChangeSet): string[];
  /**
   * Source freshness, computed in the warehouse: one row of `max_loaded_at` (the newest value of the
   * loaded_at_field expression over the relation, filtered, or the one value of a loaded_at_query) and
   * `snapshotted_at` (now), both as microseconds since the epoch in UTC — a timestamp without a time zone
   * counts as UTC, as dbt reads it. `max_loaded_at` is null when no row has a value.
   */
  freshnessQuery(loadedAt: FreshnessQuery): string;
}

/** What a source's freshness is measured from: a column (or expression) of the table, or a query of one value. */
export type FreshnessQuery = { relation: Relation; field: string; filter: string | null } | { query: string };

/** What every warehouse connection offers. Methods may be called concurrently, up to `threads` at a time. */
export interface Warehouse {
  readonly dialect: SqlDialect;
  /** The database (catalog) that relations default to. */
  readonly defaultDatabase: string | undefined;
  /** Runs a statement; rejects with a WarehouseError carrying the warehouse's message. */
  execute(sql: string): Promise<ExecuteResult>;
  /** Runs a query and returns every row: keep it for small results (tests, samples, introspection). */
  query(sql: string): Promise<QueryResult>;
  /**
   * Optional bulk load of rows into an existing table, each value cast to its column's type. Warehouses
   * without a faster path leave it out and callers insert literal batches.
   */
  insertRows?(relation: Relation, columns: Column[], rows: SqlValue[][]): Promise<number>;
  /**
   * Optional: runs the statements as one transaction — all of them or none. Warehouses without
   * multi-statement transactions leave it out, and callers publish step by step.
   */
  transaction?(statements: string[], afterStatement?: (done: number) => void): Promise<void>;
  /**
   * Warehouses with table history (Delta): a table's current version, recorded before a publish replaces
   * the table so that rollback can restore it. Without it, Sluice keeps a copy of the previous table.
   */
  tableVersion?(relation: Relation): Promise<number>;
  /** Warehouses with table history: why a version can no longer be restored (its files vacuumed, its log gone), or null when it can. */
  restoreProblem?(relation: Relation, version: number): Promise<string | null>;
  /**
   * What identifies the data a relation holds now, to tell later whether it changed (promote reuses a
   * pull request's tables only if what they read is unchanged): Delta's version on Databricks, a checksum
   * of the rows on DuckDB. null when it cannot be told (a view on Databricks) or the relation is missing.
   */
  inputVersion?(relation: Relation): Promise<string | null>;
  /** Warehouses with table history: how long the files of replaced versions are kept (Delta's delta.deletedFileRetentionDuration), in seconds. */
  historyRetentionSeconds?(relation: Relation): Promise<number>;
  /**
   * Optional: how to copy `source` into `target` for an environment, chosen by what the source is. It
   * only reads; the caller runs the statement (through the guard). Without it, `dialect.cloneTable`.
   */
  tableCopy?(target: Relation, source: Relation): Promise<TableCopy>;
  /** Columns of a relation in order, or null if it does not exist. */
  getColumns(relation: Relation): Promise<Column[] | null>;
  /** Whether a relation exists, and as what. */
  getRelationType(relation: Relation): Promise<RelationType | null>;
  listSchemas(database?: string): Promise<string[]>;
  /** Relations in one schema. */
  listRelations(database: string | undefined, schema: string): Promise<Array<{ identifier: string; type: RelationType }>>;
  /** Checks the connection with a trivial query; throws a WarehouseError if it cannot. */
  ping(): Promise<void>;
  /** Cancels running statements. */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

export class WarehouseError extends Error {
  constructor(
    message: string,
    readonly sql?: string,
  ) {
    super(message);
    this.name = 'WarehouseError';
  }
}
