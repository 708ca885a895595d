/**
 * The DuckDB warehouse: a connection pool, the DuckDB dialect and the introspector behind the one
 * `Warehouse` interface.
 */
import { WarehouseError, type Column, type ExecuteResult, type QueryResult, type Relation, type RelationType, type SqlValue, type Warehouse } from '../warehouse.js';
import { DuckDBConnectionPool, type DuckDBConnectionOptions } from './duckdb-connection.js';
import { DuckDBDialect } from './duckdb-dialect.js';
import { DuckDBIntrospector } from './duckdb-introspector.js';

export class DuckDBWarehouse implements Warehouse {
  readonly dialect = new DuckDBDialect();
  private readonly introspector: DuckDBIntrospector;

  private constructor(
    private readonly pool: DuckDBConnectionPool,
    /** The catalog of the opened file: DuckDB names it after the file stem (`memory` for `:memory:`). */
    readonly defaultDatabase: string,
  ) {
    this.introspector = new DuckDBIntrospector((sql) => this.query(sql), this.dialect, defaultDatabase);
  }

  static async open(options: DuckDBConnectionOptions): Promise<DuckDBWarehouse> {
    const pool = await DuckDBConnectionPool.open(options);
    try {
      const { rows } = await pool.run('SELECT current_database() AS name');
      return new DuckDBWarehouse(pool, String(rows[0].name));
    } catch (error) {
      await pool.close();
      throw error;
    }
  }

  async execute(sql: string): Promise<ExecuteResult> {
    const { rowsAffected } = await this.pool.run(sql);
    return rowsAffected === undefined ? {} : { rowsAffected };
  }

  async query(sql: string): Promise<QueryResult> {
    const { columns, rows } = await this.pool.run(sql);
    return { columns, rows };
  }

  /**
   * Bulk load through DuckDB's appender: the values go into a temporary all-text table, then one
   * INSERT … SELECT casts them to the target's types, exactly as the literal path would.
   */
  insertRows(relation: Relation, columns: Column[], rows: SqlValue[][]): Promise<number> {
    const target = this.dialect.relationName(relation);
    return this.pool.withConnection(`bulk insert into ${target}`, async (connection) => {
      const staging = `__sluice_load_${Math.random().toString(36).slice(2, 10)}`;
      const quoted = columns.map((column) => this.dialect.quoteIdentifier(column.name));
      await connection.run(`CREATE TEMP TABLE ${this.dialect.quoteIdentifier(staging)} (${quoted.map((name) => `${name} VARCHAR`).join(', ')})`);
      try {
        const appender = await connection.createAppender(staging, 'main', 'temp');
        for (const row of rows) {
          for (const value of row) {
            if (value === null) appender.appendNull();
            else appender.appendVarchar(String(value));
          }
          appender.endRow();
        }
        appender.closeSync();
        const casts = columns.map((column, index) => `CAST(${quoted[index]} AS ${column.type})`).join(', ');
        await connection.run(`INSERT INTO ${target} (${quoted.join(', ')}) SELECT ${casts} FROM temp.main.${this.dialect.quoteIdentifier(staging)}`);
        return rows.length;
      } finally {
        await connection.run(`DROP TABLE IF EXISTS temp.main.${this.dialect.quoteIdentifier(staging)}`);
      }
    });
  }

  /** One transaction on one connection: every statement, or none of them. */
  transaction(statements: string[], afterStatement?: (done: number) => void): Promise<void> {
    return this.pool.withConnection('transaction', async (connection) => {
      await connection.run('BEGIN TRANSACTION');
      try {
        for (const [index, statement] of statements.entries()) {
          await connection.run(statement);
          afterStatement?.(index + 1);
        }
        await connection.run('COMMIT');
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw new WarehouseError(error instanceof Error ? error.message : String(error), statements.join(';\n'));
      }
    });
  }

  getColumns(relation: Relation): Promise<Column[] | null> {
    return this.introspector.getColumns(relation);
  }

  /** DuckDB keeps no table versions: the row count and an order-independent hash of the rows. */
  async inputVersion(relation: Relation): Promise<string | null> {
    if (!(await this.getRelationType(relation))) return null;
    const { rows } = await this.query(`select count(*) as n, coalesce(bit_xor(hash(t)), 0) as h from ${this.dialect.relationName(relation)} as t`);
    return `rows:${String(rows[0].n)}:${String(rows[0].h)}`;
  }

  getRelationType(relation: Relation): Promise<RelationType | null> {
    return this.introspector.getRelationType(relation);
  }

  listSchemas(database?: string): Promise<string[]> {
    return this.introspector.listSchemas(database);
  }

  listRelations(database: string | undefined, schema: string): Promise<Array<{ identifier: string; type: RelationType }>> {
    return this.introspector.listRelations(database, schema);
  }

  async ping(): Promise<void> {
    await this.pool.run('SELECT 1');
  }

  cancel(): Promise<void> {
    return this.pool.cancel();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
