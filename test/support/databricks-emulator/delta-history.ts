/**
 * A simple Delta version model: every write to a table commits a new version, and each version is
 * kept as a full copy in a hidden DuckDB catalog, so that DESCRIBE HISTORY, time travel (`VERSION AS
 * OF n`), CLONE of a version and RESTORE behave as they do on Delta. Views have no history.
 *
 * Retention, as Delta keeps it. Each version is made of data files (here: numbered stand-ins). A commit
 * that rewrites rows removes the previous version's files (an append keeps them, a metadata change or a
 * VACUUM commit changes none); a removed file stays on storage until a VACUUM deletes it, which VACUUM
 * does once it was removed more than the retention ago (`RETAIN n HOURS`, else the table's
 * `delta.deletedFileRetentionDuration`, default 'interval 7 days'). Reading an older version then needs:
 *  - its log entry: the log is cleaned of entries older than `delta.logRetentionDuration` (default
 *    'interval 30 days') when a later commit writes a checkpoint (here: at every commit). Gone →
 *    DELTA_VERSION_NOT_FOUND (RESTORE: DELTA_CANNOT_RESTORE_TABLE_VERSION).
 *  - a commit time within `delta.deletedFileRetentionDuration` of now, unless it is the latest version:
 *    Databricks blocks time travel beyond it even before a VACUUM ran →
 *    DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION.
 *  - every one of its files → DELTA_FILE_NOT_FOUND_DETAILED once a VACUUM deleted one.
 * DESCRIBE HISTORY keeps listing every version whose log entry is kept, also those whose files are gone,
 * and lists the VACUUM START / VACUUM END commits (with `specifiedRetentionMillis`), as Databricks does.
 *
 * Time is the emulator's clock: `EmulatorClock.advance(ms)` ages every version at once, so that a test
 * sees a week pass without waiting.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DatabricksSqlError } from './databricks-errors.js';
import { duckdbIdentifier } from './sql-tokens.js';

export const HISTORY_CATALOG = '__delta_log';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_DELETED_FILE_RETENTION = 'interval 7 days';
export const DEFAULT_LOG_RETENTION = 'interval 30 days';

/** Now, shifted by what a test asked for. */
export class EmulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /**
   * An instant of the warehouse as the client's own clock reads it: time the test skipped has passed for
   * the warehouse only, so what the warehouse shows (DESCRIBE HISTORY) is that much older to the client.
   */
  toClient(ms: number): number {
    return ms - this.offsetMs;
  }

  /** An instant a client names (TIMESTAMP AS OF) on the warehouse's clock. */
  fromClient(ms: number): number {
    return ms + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`The emulator's clock only moves forward: ${ms}`);
    this.offsetMs += ms;
  }
}

export interface HistoryEntry {
  version: number;
  timestamp: Date;
  /** Delta's operation name: WRITE, MERGE, DELETE, CREATE TABLE AS SELECT, RESTORE, CLONE, … */
  operation: string;
  parameters: Record<string, string>;
  metrics: Record<string, string>;
  /** The DuckDB relation holding this version's rows. */
  snapshot: string;
  /** The data files this version reads. */
  files: number[];
}

/** How a commit changes the table's data files. */
export type FileChange =
  /** The rows were rewritten: new files replace all the previous ones. */
  | { kind: 'rewrite' }
  /** Rows were added: a new file beside the previous ones. */
  | { kind: 'append' }
  /** Metadata only (properties, comments, columns added, VACUUM): the same files. */
  | { kind: 'none' }
  /** The files of an earlier version come back (RESTORE). */
  | { kind: 'restore'; version: number };

/** A table's retention settings, from its properties. */
export interface Retention {
  deletedFileRetentionMs: number;
  logRetentionMs: number;
}

interface TableLog {
  entries: HistoryEntry[];
  /** When each file stopped being part of the latest version. */
  removedAt: Map<number, number>;
  /** Files a VACUUM deleted. */
  deleted: Set<number>;
}

export class DeltaHistory {
  private readonly tables = new Map<string, TableLog>();
  private snapshots = 0;
  private files = 0;

  constructor(readonly clock = new EmulatorClock()) {}

  /** Records a new version of `key` (`catalog.schema.table`, lower-case) from the table's current rows. */
  async commit(
    connection: DuckDBConnection,
    key: string,
    duckdbRelation: string,
    operation: string,
    parameters: Record<string, string> = {},
    metrics: Record<string, string> = {},
    change: FileChange = { kind: 'rewrite' },
    retention?: Retention,
  ): Promise<number> {
    const log: TableLog = this.tables.get(key) ?? { entries: [], removedAt: new Map(), deleted: new Set() };
    const snapshot = `${duckdbIdentifier(HISTORY_CATALOG)}.main.${duckdbIdentifier(`v${++this.snapshots}`)}`;
    await connection.run(`CREATE TABLE ${snapshot} AS SELECT * FROM ${duckdbRelation}`);
    // An empty version reads no files.
    const empty = (await connection.runAndReadAll(`SELECT count(*) FROM ${snapshot}`)).getRows()[0][0] === 0n;
    const previous = log.entries.at(-1);
    // Strictly increasing commit times, as Delta's are.
    const now = Math.max(this.clock.now(), (previous?.timestamp.getTime() ?? 0) + 1);
    const version = previous ? previous.version + 1 : 0;
    const before = previous?.files ?? [];
    let files: number[];
    if (change.kind === 'none') files = [...before];
    else if (change.kind === 'restore') files = [...(log.entries.find((e) => e.version === change.version)?.files ?? [])];
    else if (empty) files = [];
    else if (change.kind === 'append') files = [...before, ++this.files];
    else files = [++this.files];
    for (const file of before) if (!files.includes(file)) log.removedAt.set(file, now);
    for (const file of files) log.removedAt.delete(file);
    log.entries.push({ version, timestamp: new Date(now), operation, parameters, metrics, snapshot, files });
    this.tables.set(key, log);
    if (retention) await this.cleanLog(connection, log, now - retention.logRetentionMs);
    return version;
  }

  /** Log cleanup at a checkpoint: entries older than the log retention go, the latest always stays. */
  private async cleanLog(connection: DuckDBConnection, log: TableLog, cutoff: number): Promise<void> {
    while (log.entries.length > 1 && log.entries[0].timestamp.getTime() < cutoff) {
      const expired = log.entries.shift()!;
      await connection.run(`DROP TABLE IF EXISTS ${expired.snapshot}`);
    }
  }

  /** Newest first, as DESCRIBE HISTORY lists them. */
  entries(key: string): HistoryEntry[] {
    return [...(this.tables.get(key)?.entries ?? [])].reverse();
  }

  version(key: string, version: number): HistoryEntry | undefined {
    return this.tables.get(key)?.entries.find((entry) => entry.version === version);
  }

  has(key: string): boolean {
    return this.tables.has(key);
  }

  /**
   * The version's entry if it can still be read, or Databricks' error for why not (see the header).
   * `display` is the table's quoted name, `restoring` picks RESTORE's wording for a missing version.
   */
  readable(key: string, version: number, retention: Retention, display: string, restoring = false): HistoryEntry {
    const entries = this.tables.get(key)?.entries ?? [];
    const entry = entries.find((e) => e.version === version);
    if (!entry) {
      const range = entries.length ? `${entries[0].version}, ${entries.at(-1)!.version}` : '';
      if (restoring) throw new DatabricksSqlError('DELTA_CANNOT_RESTORE_TABLE_VERSION', `Cannot restore table to version ${version}. Available versions: [${range}].`, '22003');
      throw new DatabricksSqlError('DELTA_VERSION_NOT_FOUND', `Cannot time travel Delta table ${display} to version ${version}. Available versions: [${range}].`, '22003');
    }
    const latest = entries.at(-1)!;
    if (entry !== latest && entry.timestamp.getTime() < this.clock.now() - retention.deletedFileRetentionMs) {
      throw new DatabricksSqlError(
        'DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION',
        `Cannot time travel beyond delta.deletedFileRetentionDuration (${formatHours(retention.deletedFileRetentionMs)} HOURS) set on the table.`,
        '0AKDC',
      );
    }
    const log = this.tables.get(key)!;
    const missing = entry.files.find((file) => log.deleted.has(file));
    if (missing !== undefined) {
      throw new DatabricksSqlError(
        'DELTA_FILE_NOT_FOUND_DETAILED',
        `File ${dataFilePath(key, missing)} referenced in the transaction log cannot be found. This occurs when data has been manually deleted from the file system rather than using the table \`DELETE\` statement. For more information, see https://docs.databricks.com/delta/delta-intro.html#frequently-asked-questions`,
        '42K03',
      );
    }
    return entry;
  }

  /** Deletes the files removed from the table before `cutoff` (ms since the epoch); how many it deleted. */
  vacuum(key: string, cutoff: number): number {
    const log = this.tables.get(key);
    if (!log) return 0;
    let deleted = 0;
    for (const [file, removedAt] of log.removedAt) {
      if (removedAt < cutoff && !log.deleted.has(file)) {
        log.deleted.add(file);
        deleted++;
      }
    }
    return deleted;
  }

  async drop(connection: DuckDBConnection, key: string): Promise<void> {
    for (const entry of this.tables.get(key)?.entries ?? []) await connection.run(`DROP TABLE IF EXISTS ${entry.snapshot}`);
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

/**
 * A Delta duration property in milliseconds: 'interval 7 days', 'interval 168 hours', '30 days'. Delta
 * refuses other values when the property is set.
 */
export function durationMs(value: string): number {
  const match = /^\s*(?:interval\s+)?(\d+)\s+(second|minute|hour|day|week)s?\s*$/i.exec(value);
  if (!match) {
    throw new DatabricksSqlError('DELTA_INVALID_INTERVAL', `${value} is not a valid INTERVAL.`, '22006');
  }
  const unit: Record<string, number> = { second: 1000, minute: 60_000, hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };
  return Number(match[1]) * unit[match[2].toLowerCase()];
}

export function formatHours(ms: number): string {
  return String(ms / HOUR_MS);
}

function dataFilePath(key: string, file: number): string {
  return `s3://emulator-metastore/${key.replaceAll('.', '/')}/part-${String(file).padStart(5, '0')}-emulator.c000.snappy.parquet`;
}
