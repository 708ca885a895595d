/**
 * A simple Delta version model: every write to a table commits a new version, and each version is
 * kept as a full copy in a hidden DuckDB catalog, so that DESCRIBE HISTORY, time travel (`VERSION AS
 * OF n`), CLONE of a version and RESTORE behave as they do on Delta. Views have no history.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbIdentifier } from './sql-tokens.js';

export const HISTORY_CATALOG = '__delta_log';

export interface HistoryEntry {
  version: number;
  timestamp: Date;
  /** Delta's operation name: WRITE, MERGE, DELETE, CREATE TABLE AS SELECT, RESTORE, CLONE, … */
  operation: string;
  parameters: Record<string, string>;
  metrics: Record<string, string>;
  /** The DuckDB relation holding this version's rows. */
  snapshot: string;
}

export class DeltaHistory {
  private readonly tables = new Map<string, HistoryEntry[]>();
  private snapshots = 0;

  /** Records a new version of `key` (`catalog.schema.table`, lower-case) from the table's current rows. */
  async commit(
    connection: DuckDBConnection,
    key: string,
    duckdbRelation: string,
    operation: string,
    parameters: Record<string, string> = {},
    metrics: Record<string, string> = {},
  ): Promise<number> {
    const entries = this.tables.get(key) ?? [];
    const snapshot = `${duckdbIdentifier(HISTORY_CATALOG)}.main.${duckdbIdentifier(`v${++this.snapshots}`)}`;
    await connection.run(`CREATE TABLE ${snapshot} AS SELECT * FROM ${duckdbRelation}`);
    const previous = entries.at(-1);
    // Strictly increasing commit times, as Delta's are.
    const now = Math.max(Date.now(), (previous?.timestamp.getTime() ?? 0) + 1);
    const version = previous ? previous.version + 1 : 0;
    entries.push({ version, timestamp: new Date(now), operation, parameters, metrics, snapshot });
    this.tables.set(key, entries);
    return version;
  }

  /** Newest first, as DESCRIBE HISTORY lists them. */
  entries(key: string): HistoryEntry[] {
    return [...(this.tables.get(key) ?? [])].reverse();
  }

  version(key: string, version: number): HistoryEntry | undefined {
    return this.tables.get(key)?.find((entry) => entry.version === version);
  }

  has(key: string): boolean {
    return this.tables.has(key);
  }

  async drop(connection: DuckDBConnection, key: string): Promise<void> {
    for (const entry of this.tables.get(key) ?? []) await connection.run(`DROP TABLE IF EXISTS ${entry.snapshot}`);
    this.tables.delete(key);
  }

  /** Drops the history of every table in a schema (`catalog.schema`). */
  async dropSchema(connection: DuckDBConnection, schemaKey: string): Promise<void> {
    for (const key of [...this.tables.keys()]) if (key.startsWith(`${schemaKey}.`)) await this.drop(connection, key);
  }

  /** Drops the history of every table in a catalog. */
  async dropCatalog(connection: DuckDBConnection, catalog: string): Promise<void> {
    for (const key of [...this.tables.keys()]) if (key.startsWith(`${catalog}.`)) await this.drop(connection, key);
  }

  rename(fromKey: string, toKey: string): void {
    const entries = this.tables.get(fromKey);
    if (!entries) return;
    this.tables.delete(fromKey);
    this.tables.set(toKey, entries);
  }
}
