/**
 * Databricks SQL text (Unity Catalog, Delta tables): backtick quoting, three-part names, Spark's
 * string literals, Delta DDL, MERGE, CLONE and RESTORE, and which statements are safe to send twice.
 * Data and small functions, no connection.
 */
import type { Column, FreshnessQuery, IncrementalStrategy, Relation, RelationType, SeedType, SnapshotChangeSet, SqlDialect, SqlValue, TableOptions } from '../warehouse.js';
import { StandardSqlStatements } from '../standard-sql.js';

const seedColumnTypes: Record<SeedType, string> = {
  integer: 'bigint',
  number: 'double',
  date: 'date',
  timestamp: 'timestamp',
  boolean: 'boolean',
  text: 'string',
};

export class DatabricksDialect extends StandardSqlStatements implements SqlDialect {
  readonly name = 'databricks' as const;
  readonly incrementalStrategies: readonly IncrementalStrategy[] = ['merge', 'append', 'delete+insert'];
  readonly defaultIncrementalStrategy: IncrementalStrategy = 'merge';

  quoteIdentifier(name: string): string {
    return `\`${name.replaceAll('`', '``')}\``;
  }

  relationName(relation: Relation): string {
    const parts = relation.database ? [relation.database, relation.schema, relation.identifier] : [relation.schema, relation.identifier];
    return parts.map((part) => this.quoteIdentifier(part)).join('.');
  }

  // Spark reads a backslash inside '…' as an escape, and two quotes in a row as two adjacent literals
  // ('it''s' is "its"): so both the backslash and the quote are escaped with a backslash.
  literal(value: SqlValue): string {
    if (value === null) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `CAST('${value}' AS DOUBLE)`;
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  }

  seedColumnType(type: SeedType): string {
    return seedColumnTypes[type];
  }

  // CREATE OR REPLACE keeps the table's history, grants and identity and replaces it in one commit, so
  // readers never see it missing (and RESTORE can undo it). The select goes on its own line so that a
  // trailing `-- comment` in it cannot swallow what follows.
  createTableAs(relation: Relation, selectSql: string, options: TableOptions = {}): string {
    const clauses = [`CREATE OR REPLACE TABLE ${this.relationName(relation)} USING DELTA`];
    if (options.partitionBy?.length) clauses.push(`PARTITIONED BY (${this.columnList(options.partitionBy)})`);
    if (options.clusterBy?.length) clauses.push(`CLUSTER BY (${this.columnList(options.clusterBy)})`);
    if (options.location) clauses.push(`LOCATION ${this.literal(options.location)}`);
    if (options.comment) clauses.push(`COMMENT ${this.literal(options.comment)}`);
    const properties = Object.entries(options.properties ?? {});
    if (properties.length) clauses.push(`TBLPROPERTIES (${properties.map(([key, value]) => `${this.literal(key)} = ${this.literal(value)}`).join(', ')})`);
    return `${clauses.join('\n')}\nAS\n${selectSql}`;
  }

  createViewAs(relation: Relation, selectSql: string): string {
    return `CREATE OR REPLACE VIEW ${this.relationName(relation)} AS\n${selectSql}`;
  }

  // Replacing a view drops its privileges; altering its query keeps them, and it never goes missing.
  alterViewAs(relation: Relation, selectSql: string): string {
    return `ALTER VIEW ${this.relationName(relation)} AS\n${selectSql}`;
  }

  commentOn(relation: Relation, _type: RelationType, comment: string, column?: string): string {
    return column === undefined
      ? `COMMENT ON TABLE ${this.relationName(relation)} IS ${this.literal(comment)}`
      : `COMMENT ON COLUMN ${this.relationName(relation)}.${this.quoteIdentifier(column)} IS ${this.literal(comment)}`;
  }

  // Unity Catalog's securable for tables and views alike is TABLE; principals are backquoted names.
  showGrants(relation: Relation): string {
    return `SHOW GRANTS ON TABLE ${this.relationName(relation)}`;
  }

  grant(relation: Relation, _type: RelationType, privilege: string, principal: string): string {
    return `GRANT ${privilegeName(privilege)} ON TABLE ${this.relationName(relation)} TO ${this.quoteIdentifier(principal)}`;
  }

  revoke(relation: Relation, _type: RelationType, privilege: string, principal: string): string {
    return `REVOKE ${privilegeName(privilege)} ON TABLE ${this.relationName(relation)} FROM ${this.quoteIdentifier(principal)}`;
  }

  createTable(relation: Relation, columns: Column[]): string {
    const definitions = columns.map((column) => `${this.quoteIdentifier(column.name)} ${column.type}`);
    return `CREATE OR REPLACE TABLE ${this.relationName(relation)} (${definitions.join(', ')}) USING DELTA`;
  }

  dropRelation(relation: Relation, type: RelationType): string {
    return `DROP ${type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${this.relationName(relation)}`;
  }

  // The new name is written in full, in the same catalog and schema: Unity Catalog cannot rename across
  // schemas, and a bare name could be read against the session's current schema.
  renameRelation(from: Relation, toIdentifier: string, type: RelationType): string {
    const to = this.relationName({ ...from, identifier: toIdentifier });
    return `ALTER ${type === 'view' ? 'VIEW' : 'TABLE'} ${this.relationName(from)} RENAME TO ${to}`;
  }

  // One statement: a SQL warehouse runs one statement per request.
  addColumns(relation: Relation, columns: Column[]): string {
    const definitions = columns.map((column) => `${this.quoteIdentifier(column.name)} ${column.type}`);
    return `ALTER TABLE ${this.relationName(relation)} ADD COLUMNS (${definitions.join(', ')})`;
  }

  // Delta drops columns only with column mapping on (delta.columnMapping.mode = 'name'), as in dbt-databricks.
  dropColumns(relation: Relation, columns: string[]): string[] {
    return [`ALTER TABLE ${this.relationName(relation)} DROP COLUMNS (${this.columnList(columns)})`];
  }

  cast(expression: string, type: string): string {
    return `CAST(${expression} AS ${type})`;
  }

  /**
   * A copy of `source` (optionally as of a Delta version) under `target`, replacing what is there. A
   * shallow clone copies no data files: the way a pull request's incremental model starts from production.
   */
  cloneTable(target: Relation, source: Relation, options: { shallow?: boolean; version?: number } = {}): string {
    const version = options.version === undefined ? '' : ` VERSION AS OF ${integer(options.version)}`;
    return `CREATE OR REPLACE TABLE ${this.relationName(target)} ${options.shallow === false ? 'DEEP' : 'SHALLOW'} CLONE ${this.relationName(source)}${version}`;
  }

  /** Puts a Delta table back to the rows and schema of an earlier version (rollback). */
  restoreTable(relation: Relation, version: number): string {
    return `RESTORE TABLE ${this.relationName(relation)} TO VERSION AS OF ${integer(version)}`;
  }

  // unix_micros takes a TIMESTAMP, an instant; a TIMESTAMP_NTZ is read in the session's time zone (UTC
  // unless the warehouse is set otherwise), which is dbt's reading of a value without a zone.
  freshnessQuery(loadedAt: FreshnessQuery): string {
    return this.freshnessSelect(loadedAt, (expression) => `unix_micros(${expression})`, 'current_timestamp()');
  }

  protected readonly snapshotTextType = 'STRING';

  // dbt-databricks keeps dbt_is_deleted as a BOOLEAN.
  snapshotDeletedFlag(deleted: boolean): string {
    return deleted ? 'TRUE' : 'FALSE';
  }

  /**
   * One MERGE on the scd id, as dbt-databricks writes it: a current version a change closes gets its
   * dbt_valid_to; a new version is inserted unless the table already holds a row with its scd id.
   */
  applySnapshotChanges(target: Relation, changeSet: SnapshotChangeSet): string[] {
    const q = (name: string) => this.quoteIdentifier(name);
    const [dest, changes] = [q('sluice_target'), q('sluice_changes')];
    const kind = `${changes}.${q(changeSet.changeColumn)}`;
    const list = this.columnList(changeSet.insertColumns);
    const values = changeSet.insertColumns.map((column) => `${changes}.${q(column)}`).join(', ');
    return [
      [
        `MERGE INTO ${this.relationName(target)} AS ${dest}`,
        `USING ${this.relationName(changeSet.changes)} AS ${changes}`,
        `ON ${changes}.${q(changeSet.scdIdColumn)} = ${dest}.${q(changeSet.scdIdColumn)}`,
        `WHEN MATCHED AND ${changeSet.isCurrent(dest)} AND ${kind} IN ('update', 'delete')`,
        `  THEN UPDATE SET ${q(changeSet.validToColumn)} = ${changes}.${q(changeSet.validToColumn)}`,
        `WHEN NOT MATCHED AND ${kind} = 'insert'`,
        `  THEN INSERT (${list}) VALUES (${values})`,
      ].join('\n'),
    ];
  }

  /** The newest Delta version of a table: one row with a `version` column. */
  latestVersion(relation: Relation): string {
    return `DESCRIBE HISTORY ${this.relationName(relation)} LIMIT 1`;
  }

  protected schemaName(database: string | undefined, schema: string): string {
    return database ? `${this.quoteIdentifier(database)}.${this.quoteIdentifier(schema)}` : this.quoteIdentifier(schema);
  }

  /** A shallow clone of an EXTERNAL table: Unity Catalog clones external to external only, so it needs files of its own at `location`. */
  externalClone(target: Relation, source: Relation, location: string): string {
    return `${this.cloneTable(target, source)} LOCATION ${this.literal(location)}`;
  }
}

/** A privilege as GRANT takes it: words only (SELECT, MODIFY, ALL PRIVILEGES, …), never SQL. */
function privilegeName(privilege: string): string {
  const name = privilege.trim().toUpperCase().replace(/_/g, ' ');
  if (!/^[A-Z]+(?: [A-Z]+)*$/.test(name)) throw new Error(`Not a privilege: ${privilege}`);
  return name;
}

function integer(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a Delta table version: ${value}`);
  return String(value);
}

/**
 * Whether a statement may be sent again after a failure that leaves its outcome unknown (an HTTP 503, a
 * dropped connection): only if running it twice ends in the same state as running it once.
 *  - reads (SELECT, WITH … SELECT, VALUES, SHOW, DESCRIBE, EXPLAIN) change nothing;
 *  - CREATE OR REPLACE … and CREATE … IF NOT EXISTS end with the same object either way;
 *  - DROP … IF EXISTS ends with the object gone either way;
 *  - SET and USE only set session state;
 *  - RESTORE … TO VERSION AS OF n ends with version n's rows either way.
 * Never INSERT, MERGE, DELETE, UPDATE (a second run writes twice), a plain CREATE (the second run fails
 * on the object the first made), ALTER (a rename or added column cannot be repeated), or anything else.
 */
export function isRetrySafe(sql: string): boolean {
  const words = leadingWords(sql, 8);
  const [first] = words;
  // Spark lets a WITH clause lead a write (`WITH c AS (…) INSERT INTO …`): any such word makes it a write.
  if (first === 'WITH' && /\b(?:INSERT|MERGE|DELETE|UPDATE)\b/i.test(sql)) return false;
  if (['SELECT', 'WITH', 'VALUES', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'SET', 'USE', 'RESTORE'].includes(first)) return true;
  if (first === 'CREATE') return words[1] === 'OR' && words[2] === 'REPLACE' ? true : hasSequence(words, ['IF', 'NOT', 'EXISTS']);
  if (first === 'DROP') return hasSequence(words, ['IF', 'EXISTS']);
  return false;
}

/** The first words of a statement, upper-cased, after leading comments and parentheses. */
function leadingWords(sql: string, count: number): string[] {
  const text = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  return (text.match(/[A-Za-z_]+/g) ?? []).slice(0, count).map((word) => word.toUpperCase());
}

function hasSequence(words: string[], sequence: string[]): boolean {
  return words.some((_, index) => sequence.every((word, offset) => words[index + offset] === word));
}
