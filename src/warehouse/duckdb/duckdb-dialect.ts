/**
 * DuckDB's SQL text: quoting, literals, DDL and the incremental strategies. Data and small functions,
 * no connection.
 */
import type { Column, FreshnessQuery, IncrementalStrategy, Relation, RelationType, SeedType, SnapshotChangeSet, SqlDialect, SqlValue } from '../warehouse.js';
import { StandardSqlStatements } from '../standard-sql.js';

const seedColumnTypes: Record<SeedType, string> = {
  integer: 'INTEGER',
  number: 'DOUBLE',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  boolean: 'BOOLEAN',
  text: 'VARCHAR',
};

export class DuckDBDialect extends StandardSqlStatements implements SqlDialect {
  readonly name = 'duckdb' as const;
  readonly incrementalStrategies: readonly IncrementalStrategy[] = ['append', 'merge', 'delete+insert'];
  readonly defaultIncrementalStrategy: IncrementalStrategy = 'delete+insert';

  quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
  }

  relationName(relation: Relation): string {
    const parts = relation.database ? [relation.database, relation.schema, relation.identifier] : [relation.schema, relation.identifier];
    return parts.map((part) => this.quoteIdentifier(part)).join('.');
  }

  literal(value: SqlValue): string {
    if (value === null) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `CAST('${value}' AS DOUBLE)`;
    return `'${value.replaceAll("'", "''")}'`;
  }

  seedColumnType(type: SeedType): string {
    return seedColumnTypes[type];
  }

  // The select goes on its own line so that a trailing `-- comment` in it cannot swallow what follows.
  createTableAs(relation: Relation, selectSql: string): string {
    return `CREATE OR REPLACE TABLE ${this.relationName(relation)} AS\n${selectSql}`;
  }

  createViewAs(relation: Relation, selectSql: string): string {
    return `CREATE OR REPLACE VIEW ${this.relationName(relation)} AS\n${selectSql}`;
  }

  // DuckDB keeps comments on tables, views and columns (dbt-duckdb's persist_docs); it has no grants.
  commentOn(relation: Relation, type: RelationType, comment: string, column?: string): string {
    return column === undefined
      ? `COMMENT ON ${type === 'view' ? 'VIEW' : 'TABLE'} ${this.relationName(relation)} IS ${this.literal(comment)}`
      : `COMMENT ON COLUMN ${this.relationName(relation)}.${this.quoteIdentifier(column)} IS ${this.literal(comment)}`;
  }

  createTable(relation: Relation, columns: Column[]): string {
    const definitions = columns.map((column) => `${this.quoteIdentifier(column.name)} ${column.type}`);
    return `CREATE OR REPLACE TABLE ${this.relationName(relation)} (${definitions.join(', ')})`;
  }

  dropRelation(relation: Relation, type: RelationType): string {
    return `DROP ${type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${this.relationName(relation)}`;
  }

  renameRelation(from: Relation, toIdentifier: string, type: RelationType): string {
    return `ALTER ${type === 'view' ? 'VIEW' : 'TABLE'} ${this.relationName(from)} RENAME TO ${this.quoteIdentifier(toIdentifier)}`;
  }

  // DuckDB takes one ALTER action per statement; execute() runs the statements in order.
  addColumns(relation: Relation, columns: Column[]): string {
    return columns
      .map((column) => `ALTER TABLE ${this.relationName(relation)} ADD COLUMN ${this.quoteIdentifier(column.name)} ${column.type}`)
      .join(';\n');
  }
  dropColumns(relation: Relation, columns: string[]): string[] {
    return columns.map((column) => `ALTER TABLE ${this.relationName(relation)} DROP COLUMN ${this.quoteIdentifier(column)}`);
  }


  cast(expression: string, type: string): string {
    return `CAST(${expression} AS ${type})`;
  }

  protected schemaName(database: string | undefined, schema: string): string {
    return database ? `${this.quoteIdentifier(database)}.${this.quoteIdentifier(schema)}` : this.quoteIdentifier(schema);
  }

  // epoch_us reads a TIMESTAMP (no zone) as UTC and a TIMESTAMPTZ as the instant it is: dbt's reading,
  // whatever the session's TimeZone.
  freshnessQuery(loadedAt: FreshnessQuery): string {
    return this.freshnessSelect(loadedAt, (expression) => `epoch_us(${expression})`, 'current_timestamp');
  }

  protected readonly snapshotTextType = 'VARCHAR';

  // dbt's default snapshot macros (which dbt-duckdb keeps) write the flag as text.
  snapshotDeletedFlag(deleted: boolean): string {
    return deleted ? "'True'" : "'False'";
  }

  // As dbt-duckdb does: close the ended versions, then insert every new one (no check that its scd id is
  // new, unlike a MERGE). Run as one transaction.
  applySnapshotChanges(target: Relation, changeSet: SnapshotChangeSet): string[] {
    const q = (name: string) => this.quoteIdentifier(name);
    const changes = `${this.relationName(changeSet.changes)} AS ${q('sluice_changes')}`;
    const kind = `${q('sluice_changes')}.${q(changeSet.changeColumn)}`;
    const close = [
      `UPDATE ${this.relationName(target)} AS ${q('sluice_target')}`,
      `SET ${q(changeSet.validToColumn)} = ${q('sluice_changes')}.${q(changeSet.validToColumn)}`,
      `FROM ${changes}`,
      `WHERE ${q('sluice_changes')}.${q(changeSet.scdIdColumn)} = ${q('sluice_target')}.${q(changeSet.scdIdColumn)}`,
      `  AND ${kind} IN ('update', 'delete')`,
      `  AND ${changeSet.isCurrent(q('sluice_target'))}`,
    ].join('\n');
    const list = this.columnList(changeSet.insertColumns);
    const values = changeSet.insertColumns.map((column) => `${q('sluice_changes')}.${q(column)}`).join(', ');
    const insert = `INSERT INTO ${this.relationName(target)} (${list})\nSELECT ${values}\nFROM ${changes}\nWHERE ${kind} = 'insert'`;
    return [close, insert];
  }

  // DuckDB has no zero-copy clone: a plain copy.
  cloneTable(target: Relation, source: Relation): string {
    return `CREATE OR REPLACE TABLE ${this.relationName(target)} AS SELECT * FROM ${this.relationName(source)}`;
  }
}
