/**
 * What exists in a Databricks catalog: columns from DESCRIBE TABLE, relations from the catalog's
 * information_schema, schemas from SHOW SCHEMAS. The legacy `hive_metastore` (and any catalog without an
 * information_schema) is read with SHOW TABLES, SHOW VIEWS and DESCRIBE TABLE EXTENDED instead. Unity
 * Catalog stores names lower-case and resolves them without regard to case, so names are compared
 * lower-cased.
 */
import type { Column, QueryResult, Relation, RelationType } from '../warehouse.js';
import { DatabricksWarehouseError } from './databricks-errors.js';
import type { DatabricksDialect } from './databricks-dialect.js';

// A missing table, view, schema or catalog: DESCRIBE and SHOW say so with an error.
const NOT_FOUND_CLASSES = new Set(['TABLE_OR_VIEW_NOT_FOUND', 'SCHEMA_NOT_FOUND', 'NO_SUCH_CATALOG_EXCEPTION']);
/** The workspace's Hive metastore: a catalog outside Unity Catalog, without information_schema. */
export const HIVE_METASTORE = 'hive_metastore';

/** What DESCRIBE TABLE EXTENDED says about a relation's storage. */
export interface TableDetails {
  /** MANAGED, EXTERNAL, VIEW, MATERIALIZED_VIEW, STREAMING_TABLE … upper-case. */
  type: string;
  /** Where its files are (a view has none). */
  location?: string;
  /** delta, parquet, … lower-case (a view has none). */
  provider?: string;
}

export function isHiveMetastore(catalog: string | undefined): boolean {
  return catalog?.toLowerCase() === HIVE_METASTORE;
}

export class DatabricksIntrospector {
  /** Catalogs found to have no information_schema (lower-case): asked with SHOW and DESCRIBE from then on. */
  private readonly withoutInformationSchema = new Set<string>([HIVE_METASTORE]);

  constructor(
    private readonly query: (sql: string) => Promise<QueryResult>,
    private readonly dialect: DatabricksDialect,
    private readonly defaultDatabase: string,
  ) {}

  async getColumns(relation: Relation): Promise<Column[] | null> {
    const result = await this.describe(relation, false);
    if (!result) return null;
    const columns: Column[] = [];
    // The columns come first; a blank row or a `# …` heading starts partition and table details.
    for (const row of result.rows) {
      const name = String(row.col_name ?? '');
      if (!name.trim() || name.startsWith('#')) break;
      columns.push({ name, type: String(row.data_type) });
    }
    return columns;
  }

  /** Type, location and format of a relation, or null if it does not exist. */
  async getTableDetails(relation: Relation): Promise<TableDetails | null> {
    const result = await this.describe(relation, true);
    if (!result) return null;
    // The `# Detailed Table Information` rows are key (col_name) and value (data_type).
    const start = result.rows.findIndex((row) => String(row.col_name ?? '').trim() === '# Detailed Table Information');
    const detail = new Map<string, string>();
    for (const row of start < 0 ? [] : result.rows.slice(start + 1)) detail.set(String(row.col_name ?? '').trim().toLowerCase(), String(row.data_type ?? '').trim());
    const type = (detail.get('type') ?? '').toUpperCase().replace(/ /g, '_');
    return {
      type,
      ...(detail.get('location') ? { location: detail.get('location') } : {}),
      ...(detail.get('provider') ? { provider: detail.get('provider')!.toLowerCase() } : {}),
    };
  }

  async getRelationType(relation: Relation): Promise<RelationType | null> {
    const { database, schema, identifier } = this.qualified(relation);
    const result = await this.fromInformationSchema(
      database,
      `SELECT table_type FROM ${this.dialect.quoteIdentifier(database)}.information_schema.tables\n` +
        `WHERE ${this.matches('table_schema', schema)} AND ${this.matches('table_name', identifier)}`,
    );
    if (result) return result.rows.length ? relationType(result.rows[0].table_type) : null;
    const details = await this.getTableDetails(relation);
    return details && relationType(details.type);
  }

  async listSchemas(database?: string): Promise<string[]> {
    const result = await this.query(`SHOW SCHEMAS IN ${this.dialect.quoteIdentifier(database ?? this.defaultDatabase)}`);
    // The column is `databaseName` on Databricks (`namespace` on open-source Spark): take the first.
    const names = result.rows.map((row) => String(Object.values(row)[0]));
    return names.filter((name) => name !== 'information_schema').sort();
  }

  async listRelations(database: string | undefined, schema: string): Promise<Array<{ identifier: string; type: RelationType }>> {
    const catalog = database ?? this.defaultDatabase;
    const result = await this.fromInformationSchema(
      catalog,
      `SELECT table_name, table_type FROM ${this.dialect.quoteIdentifier(catalog)}.information_schema.tables\n` +
        `WHERE ${this.matches('table_schema', schema)}\nORDER BY table_name`,
    );
    if (result) return result.rows.map((row) => ({ identifier: String(row.table_name), type: relationType(row.table_type) }));
    // SHOW TABLES lists tables and views (`database, tableName, isTemporary`); SHOW VIEWS the views alone
    // (`namespace, viewName, isTemporary`). Both add the session's temporary views, which no schema holds.
    const where = `${this.dialect.quoteIdentifier(catalog)}.${this.dialect.quoteIdentifier(schema)}`;
    const tables = await this.ifFound(() => this.query(`SHOW TABLES IN ${where}`));
    if (!tables) return [];
    const views = (await this.ifFound(() => this.query(`SHOW VIEWS IN ${where}`)))?.rows ?? [];
    const viewNames = new Set(views.filter((row) => row.isTemporary !== true).map((row) => String(row.viewName).toLowerCase()));
    return tables.rows
      .filter((row) => row.isTemporary !== true)
      .map((row) => String(row.tableName))
      .sort()
      .map((identifier) => ({ identifier, type: viewNames.has(identifier.toLowerCase()) ? 'view' : 'table' }));
  }

  private describe(relation: Relation, extended: boolean): Promise<QueryResult | null> {
    return this.ifFound(() => this.query(`DESCRIBE TABLE ${extended ? 'EXTENDED ' : ''}${this.dialect.relationName(this.qualified(relation))}`));
  }

  /**
   * A query of the catalog's information_schema, or null where the catalog has none: the Hive metastore,
   * or a catalog whose information_schema turns out to be missing (remembered for the next question).
   */
  private async fromInformationSchema(catalog: string, sql: string): Promise<QueryResult | null> {
    if (this.withoutInformationSchema.has(catalog.toLowerCase())) return null;
    try {
      return await this.query(sql);
    } catch (error) {
      if (!(error instanceof DatabricksWarehouseError) || error.errorClass !== 'TABLE_OR_VIEW_NOT_FOUND') throw error;
      this.withoutInformationSchema.add(catalog.toLowerCase());
      return null;
    }
  }

  /** The result, or null when the warehouse says the relation, schema or catalog does not exist. */
  private async ifFound(run: () => Promise<QueryResult>): Promise<QueryResult | null> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof DatabricksWarehouseError && error.errorClass && NOT_FOUND_CLASSES.has(error.errorClass)) return null;
      throw error;
    }
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
