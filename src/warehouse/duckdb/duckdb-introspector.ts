/**
 * What exists in a DuckDB database, read from `information_schema`. DuckDB's identifiers are
 * case-insensitive, so names are matched without regard to case.
 */
import type { Column, QueryResult, Relation, RelationType, SqlDialect } from '../warehouse.js';

export class DuckDBIntrospector {
  constructor(
    private readonly query: (sql: string) => Promise<QueryResult>,
    private readonly dialect: SqlDialect,
    private readonly defaultDatabase: string,
  ) {}

  // DESCRIBE binds only this relation; information_schema.columns binds every view in the database,
  // which makes it slower the bigger the project.
  async getColumns(relation: Relation): Promise<Column[] | null> {
    let result: QueryResult;
    try {
      result = await this.query(`DESCRIBE ${this.dialect.relationName({ ...relation, database: relation.database ?? this.defaultDatabase })}`);
    } catch (error) {
      if (error instanceof Error && /Catalog Error|does not exist/i.test(error.message)) return null;
      throw error;
    }
    return result.rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  }

  async getRelationType(relation: Relation): Promise<RelationType | null> {
    const result = await this.query(`SELECT table_type FROM information_schema.tables\nWHERE ${this.relationFilter(relation)}`);
    if (!result.rows.length) return null;
    return relationType(result.rows[0].table_type);
  }

  async listSchemas(database?: string): Promise<string[]> {
    const result = await this.query(
      `SELECT schema_name FROM information_schema.schemata\n` +
        `WHERE ${this.matches('catalog_name', database ?? this.defaultDatabase)}\nORDER BY schema_name`,
    );
    return result.rows.map((row) => String(row.schema_name));
  }

  async listRelations(database: string | undefined, schema: string): Promise<Array<{ identifier: string; type: RelationType }>> {
    const result = await this.query(
      `SELECT table_name, table_type FROM information_schema.tables\n` +
        `WHERE ${this.matches('table_catalog', database ?? this.defaultDatabase)} AND ${this.matches('table_schema', schema)}\n` +
        `ORDER BY table_name`,
    );
    return result.rows.map((row) => ({ identifier: String(row.table_name), type: relationType(row.table_type) }));
  }

  private relationFilter(relation: Relation): string {
    return [
      this.matches('table_catalog', relation.database ?? this.defaultDatabase),
      this.matches('table_schema', relation.schema),
      this.matches('table_name', relation.identifier),
    ].join(' AND ');
  }

  private matches(column: string, name: string): string {
    return `lower(${column}) = lower(${this.dialect.literal(name)})`;
  }
}

function relationType(tableType: unknown): RelationType {
  return tableType === 'VIEW' ? 'view' : 'table';
}
