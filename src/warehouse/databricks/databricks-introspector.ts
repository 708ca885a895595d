/**
 * What exists in Unity Catalog: columns from DESCRIBE TABLE, relations from the catalog's
 * information_schema, schemas from SHOW SCHEMAS. Unity Catalog stores names lower-case and resolves
 * them without regard to case, so names are compared lower-cased.
 */
import type { Column, QueryResult, Relation, RelationType } from '../warehouse.js';
import { DatabricksWarehouseError } from './databricks-errors.js';
import type { DatabricksDialect } from './databricks-dialect.js';

// A missing table, view or schema: DESCRIBE says so with an error.
const NOT_FOUND_CLASSES = new Set(['TABLE_OR_VIEW_NOT_FOUND', 'SCHEMA_NOT_FOUND', 'NO_SUCH_CATALOG_EXCEPTION']);

export class DatabricksIntrospector {
  constructor(
    private readonly query: (sql: string) => Promise<QueryResult>,
    private readonly dialect: DatabricksDialect,
    private readonly defaultDatabase: string,
  ) {}

  async getColumns(relation: Relation): Promise<Column[] | null> {
    let result: QueryResult;
    try {
      result = await this.query(`DESCRIBE TABLE ${this.dialect.relationName(this.qualified(relation))}`);
    } catch (error) {
      if (error instanceof DatabricksWarehouseError && error.errorClass && NOT_FOUND_CLASSES.has(error.errorClass)) return null;
      throw error;
    }
    const columns: Column[] = [];
    // The columns come first; a blank row or a `# …` heading starts partition and table details.
    for (const row of result.rows) {
      const name = String(row.col_name ?? '');
      if (!name.trim() || name.startsWith('#')) break;
      columns.push({ name, type: String(row.data_type) });
    }
    return columns;
  }

  async getRelationType(relation: Relation): Promise<RelationType | null> {
    const { database, schema, identifier } = this.qualified(relation);
    const result = await this.query(
      `SELECT table_type FROM ${this.dialect.quoteIdentifier(database)}.information_schema.tables\n` +
        `WHERE ${this.matches('table_schema', schema)} AND ${this.matches('table_name', identifier)}`,
    );
    if (!result.rows.length) return null;
    return relationType(result.rows[0].table_type);
  }

  async listSchemas(database?: string): Promise<string[]> {
    const result = await this.query(`SHOW SCHEMAS IN ${this.dialect.quoteIdentifier(database ?? this.defaultDatabase)}`);
    // The column is `databaseName` on Databricks (`namespace` on open-source Spark): take the first.
    const names = result.rows.map((row) => String(Object.values(row)[0]));
    return names.filter((name) => name !== 'information_schema').sort();
  }

  async listRelations(database: string | undefined, schema: string): Promise<Array<{ identifier: string; type: RelationType }>> {
    const result = await this.query(
      `SELECT table_name, table_type FROM ${this.dialect.quoteIdentifier(database ?? this.defaultDatabase)}.information_schema.tables\n` +
        `WHERE ${this.matches('table_schema', schema)}\nORDER BY table_name`,
    );
    return result.rows.map((row) => ({ identifier: String(row.table_name), type: relationType(row.table_type) }));
  }

  private qualified(relation: Relation): Relation & { database: string } {
    return { ...relation, database: relation.database ?? this.defaultDatabase };
  }

  private matches(column: string, name: string): string {
    return `lower(${column}) = lower(${this.dialect.literal(name)})`;
  }
}

// MANAGED and EXTERNAL tables, and the table-like MATERIALIZED_VIEW and STREAMING_TABLE, read as tables.
function relationType(tableType: unknown): RelationType {
  return tableType === 'VIEW' ? 'view' : 'table';
}
