/**
 * The Databricks warehouse: a session pool on the `@databricks/sql` driver, the Databricks dialect and
 * the introspector behind the one `Warehouse` interface — plus the Delta operations environments use
 * (clone, table version, restore).
 */
import type { Column, ExecuteResult, QueryResult, Relation, RelationType, SqlValue, TableCopy, Warehouse } from '../warehouse.js';

/** How much SQL one seed INSERT carries: large enough for few commits, far below what a warehouse accepts. */
const MAX_INSERT_BYTES = 1024 * 1024;
import { DatabricksConnectionPool, type RetryPolicy } from './databricks-connection.js';
import { DatabricksDialect, isRetrySafe } from './databricks-dialect.js';
import { DatabricksIntrospector, isHiveMetastore } from './databricks-introspector.js';
import { readDatabricksProfile, type DatabricksSettings } from './databricks-profile.js';

export interface DatabricksOpenOptions {
  /** The profile target's keys as written, env_var() rendered (see databricks-profile.ts). */
  target: Record<string, unknown>;
  /** The profiles.yml the target came from: named in errors about the target. */
  profileFile?: string;
  /** Sluice's run id, written into a comment on every statement. */
  runId?: string;
  /** How statements are retried after transient failures (tests shorten the waits). */
  retry?: Partial<RetryPolicy>;
}

export class DatabricksWarehouse implements Warehouse {
  readonly dialect = new DatabricksDialect();
  private readonly introspector: DatabricksIntrospector;

  private constructor(
    private readonly pool: DatabricksConnectionPool,
    /** The catalog relations default to: the profile's, or the warehouse's current one. */
    readonly defaultDatabase: string,
  ) {
    this.introspector = new DatabricksIntrospector((sql) => this.query(sql), this.dialect, defaultDatabase);
  }

  static async open(options: DatabricksOpenOptions): Promise<DatabricksWarehouse> {
    const settings: DatabricksSettings = readDatabricksProfile(options.target, options.profileFile);
    const pool = await DatabricksConnectionPool.open(settings, { runId: options.runId, retry: options.retry, profileFile: options.profileFile });
    try {
      const catalog = settings.catalog ?? String((await pool.run('SELECT current_catalog() AS catalog', true)).rows[0].catalog);
      return new DatabricksWarehouse(pool, catalog);
    } catch (error) {
      await pool.close();
      throw error;
    }
  }

  async execute(sql: string): Promise<ExecuteResult> {
    const { rowsAffected } = await this.pool.run(sql, isRetrySafe(sql));
    return rowsAffected === undefined ? {} : { rowsAffected };
  }

  async query(sql: string): Promise<QueryResult> {
    const { columns, rows } = await this.pool.run(sql, isRetrySafe(sql));
    return { columns, rows };
  }

  getColumns(relation: Relation): Promise<Column[] | null> {
    return this.introspector.getColumns(relation);
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

  /**
   * Seeds: INSERTs of typed literals (Spark's escaping: backslash and quote backslash-escaped), each
   * statement up to about 1 MiB of SQL, so that a 100,000-row seed is a handful of commits and a seed
   * of any width fits (bound parameters stop at 256 per statement: one row of a wider seed would not).
   * Inserts are not safe to repeat: a transient failure fails the seed.
   */
  async insertRows(relation: Relation, columns: Column[], rows: SqlValue[][]): Promise<number> {
    const head = `INSERT INTO ${this.dialect.relationName(this.qualified(relation))} (${columns.map((column) => this.dialect.quoteIdentifier(column.name)).join(', ')}) VALUES\n`;
    const literal = columns.map((column) => {
      const text = /^(?:string|varchar|char)\b/i.test(column.type);
      return (value: SqlValue) => (value === null || typeof value !== 'string' || text ? this.dialect.literal(value) : this.dialect.cast(this.dialect.literal(value), column.type));
    });
    let batch: string[] = [];
    let size = head.length;
    const flush = async () => {
      if (batch.length) await this.pool.run(head + batch.join(',\n'), false);
      batch = [];
      size = head.length;
    };
    for (const row of rows) {
      const values = `(${row.map((value, index) => literal[index](value)).join(', ')})`;
      if (batch.length && size + values.length + 2 > MAX_INSERT_BYTES) await flush();
      batch.push(values);
      size += values.length + 2;
    }
    await flush();
    return rows.length;
  }

  /** A table's Delta version (a view's data cannot be told from its metadata: null). */
  async inputVersion(relation: Relation): Promise<string | null> {
    if ((await this.getRelationType(relation)) !== 'table') return null;
    return `delta:${await this.tableVersion(relation)}`;
  }

  /** The newest Delta version of a table (recorded before publishing, for rollback). */
  async tableVersion(relation: Relation): Promise<number> {
    const { rows } = await this.query(this.dialect.latestVersion(this.qualified(relation)));
    return Number(rows[0].version);
  }

  /**
   * Whether version `version` of a Delta table can still be restored, from DESCRIBE HISTORY and the
   * table's retention: it must still be listed; unless it is the latest, it must lie within
   * delta.deletedFileRetentionDuration of now (Databricks refuses time travel beyond it), and no VACUUM
   * since may have deleted files removed when the next version replaced it.
   */
  async restoreProblem(relation: Relation, version: number): Promise<string | null> {
    const name = this.dialect.relationName(this.qualified(relation));
    const history = (await this.query(`DESCRIBE HISTORY ${name}`)).rows.map((row) => ({
      version: Number(row.version),
      at: instant(row.timestamp),
      operation: String(row.operation ?? ''),
      parameters: mapValue(row.operationParameters),
    }));
    const entry = history.find((row) => row.version === version);
    if (!entry) return `version ${version} is no longer in the table's history (delta.logRetentionDuration)`;
    const latest = Math.max(...history.map((row) => row.version));
    if (version === latest) return null;
    const retention = await this.historyRetentionSeconds(relation);
    if (Date.now() - entry.at > retention * 1000) return `version ${version} is older than the table keeps replaced files (delta.deletedFileRetentionDuration, ${formatSeconds(retention)})`;
    const replacedAt = history.filter((row) => row.version > version).reduce((earliest, row) => Math.min(earliest, row.at), Infinity);
    for (const row of history) {
      if (row.operation !== 'VACUUM START' || row.version <= version) continue;
      const kept = Number(row.parameters.specifiedRetentionMillis ?? retention * 1000);
      if (row.at - kept > replacedAt) return `a VACUUM (version ${row.version}) deleted the files of version ${version}`;
    }
    return null;
  }

  /** delta.deletedFileRetentionDuration in seconds (Delta's default: 7 days). */
  async historyRetentionSeconds(relation: Relation): Promise<number> {
    const { rows } = await this.query(`SHOW TBLPROPERTIES ${this.dialect.relationName(this.qualified(relation))}`);
    const setting = rows.find((row) => String(row.key).toLowerCase() === 'delta.deletedfileretentionduration');
    return setting ? intervalSeconds(String(setting.value)) : 7 * 24 * 3600;
  }

  /** Puts a table back to an earlier Delta version. */
  async restoreTable(relation: Relation, version: number): Promise<void> {
    await this.execute(this.dialect.restoreTable(this.qualified(relation), version));
  }

  /** Replaces `target` with a (shallow, by default) clone of `source`. */
  async cloneTable(target: Relation, source: Relation, options: { shallow?: boolean; version?: number } = {}): Promise<void> {
    await this.execute(this.dialect.cloneTable(this.qualified(target), this.qualified(source), options));
  }

  /**
   * How a pull request's environment starts from production's table, by what DESCRIBE TABLE EXTENDED says
   * it is. Unity Catalog shallow-clones Delta tables only, managed to managed and external to external: a
   * managed table gets a plain shallow clone, an external one a clone at a location of the environment's
   * own. A materialized view, a streaming table, another format, or anything in the Hive metastore (Unity
   * Catalog's shallow clone does not reach it) is copied in full into a managed Delta table.
   */
  async tableCopy(target: Relation, source: Relation): Promise<TableCopy> {
    const [to, from] = [this.qualified(target), this.qualified(source)];
    const fullCopy = (because: string): TableCopy => ({ sql: this.dialect.createTableAs(to, `SELECT * FROM ${this.dialect.relationName(from)}`), fullCopyBecause: because });
    if (isHiveMetastore(from.database) || isHiveMetastore(to.database)) return fullCopy('the Hive metastore has no Unity Catalog shallow clone');
    const details = await this.introspector.getTableDetails(from);
    // Gone since it was listed: the clone fails and says so.
    if (!details) return { sql: this.dialect.cloneTable(to, from) };
    if (details.type !== 'MANAGED' && details.type !== 'EXTERNAL') return fullCopy(`it is a ${details.type.toLowerCase().replace(/_/g, ' ')}, which Unity Catalog cannot clone`);
    if (details.provider && details.provider !== 'delta') return fullCopy(`it is a ${details.provider} table, and Unity Catalog shallow-clones Delta tables only`);
    if (details.type === 'MANAGED') return { sql: this.dialect.cloneTable(to, from) };
    const location = environmentLocation(details.location, to);
    if (!location) return fullCopy(`it is an external table at ${details.location ?? 'no location Databricks named'}, and no location of the environment's own can be derived from it`);
    return { sql: this.dialect.externalClone(to, from, location), location };
  }

  async ping(): Promise<void> {
    await this.pool.run('SELECT 1', true);
  }

  cancel(): Promise<void> {
    return this.pool.cancel();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private qualified(relation: Relation): Relation & { database: string } {
    return { ...relation, database: relation.database ?? this.defaultDatabase };
  }
}

/**
 * Where an environment's external clone keeps its files: in production's table's folder, under the
 * environment's catalog, schema and table (`<folder>/<catalog>/<schema>/<table>`: for a table under a
 * location_root, the path the environment's own build gives it). Never production's own path, nor a path
 * inside it or around it: then nothing.
 */
function environmentLocation(production: string | undefined, target: Relation & { database: string }): string | undefined {
  const path = production?.trim().replace(/\/+$/, '');
  const authority = path ? /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path) : null;
  if (!path || !authority || path.length === authority[0].length) return undefined;
  const folder = path.slice(0, path.lastIndexOf('/'));
  const location = [folder, target.database, target.schema, target.identifier].join('/');
  const [a, b] = [location.toLowerCase(), path.toLowerCase()];
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`) ? undefined : location;
}

/** A TIMESTAMP cell as milliseconds since the epoch (the driver gives a Date or text). */
function instant(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  const text = String(value ?? '');
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/** A MAP cell (the driver gives complex values as JSON text) as a record. */
function mapValue(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object' && !(value instanceof Date)) return value as Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(String(value ?? '{}'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const INTERVAL_UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 };

/** Delta's interval text ('interval 7 days', '168 hours') in seconds; unreadable text counts as Delta's default. */
function intervalSeconds(text: string): number {
  const match = /^\s*(?:interval\s+)?(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week)s?\s*$/i.exec(text);
  return match ? Number(match[1]) * INTERVAL_UNITS[match[2].toLowerCase()] : 7 * 24 * 3600;
}

function formatSeconds(seconds: number): string {
  return seconds % 86400 === 0 ? `${seconds / 86400} day${seconds === 86400 ? '' : 's'}` : `${Math.round(seconds / 3600)} hours`;
}
