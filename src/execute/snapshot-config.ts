/**
 * A snapshot's configuration as dbt reads it: the strategy (`timestamp` with `updated_at`, `check` with
 * `check_cols`), `unique_key` (one expression or a list), what happens to rows deleted from the source
 * (`hard_deletes`, or the legacy `invalidate_hard_deletes`), `dbt_valid_to_current` and the names of the
 * meta columns (`snapshot_meta_column_names`). Checked when the project is opened, so that a bad snapshot
 * stops the command with its file and line before any SQL runs (dbt refuses it when parsing).
 */
import { SluiceError } from '../errors.js';
import type { Node, NodeConfig } from '../project/types.js';

export type SnapshotStrategy = 'timestamp' | 'check';
export type HardDeletes = 'ignore' | 'invalidate' | 'new_record';

/** The names of the columns dbt adds to a snapshot table. */
export interface SnapshotMetaColumns {
  scdId: string;
  updatedAt: string;
  validFrom: string;
  validTo: string;
  isDeleted: string;
}

export interface SnapshotSettings {
  strategy: SnapshotStrategy;
  /** SQL expressions over the snapshot query's columns, as written (dbt does not quote them). */
  uniqueKey: string[];
  /** The `updated_at` expression; null for a check snapshot without one, which uses the time of the snapshot. */
  updatedAt: string | null;
  /** Check strategy: the compared columns, or every column of the query. */
  checkCols: 'all' | string[];
  hardDeletes: HardDeletes;
  /** SQL expression current versions hold in dbt_valid_to instead of NULL. */
  validToCurrent: string | null;
  columns: SnapshotMetaColumns;
}

const META_KEYS: Record<string, keyof SnapshotMetaColumns> = {
  dbt_scd_id: 'scdId',
  dbt_updated_at: 'updatedAt',
  dbt_valid_from: 'validFrom',
  dbt_valid_to: 'validTo',
  dbt_is_deleted: 'isDeleted',
};

/** Where a snapshot's configuration is best pointed at: its `config(` call, its block, or its YAML entry. */
function placeOf(node: Node): { file: string; line?: number } {
  if (/\.ya?ml$/i.test(node.originalFilePath)) return { file: node.originalFilePath, line: node.yamlPlace?.line };
  const code = node.rawCode;
  const call = code.search(/\bconfig\s*\(/);
  const at = call >= 0 ? call : code.search(/\S/);
  return { file: node.originalFilePath, line: at >= 0 ? code.slice(0, at).split('\n').length : undefined };
}

function fail(node: Node, message: string, hint?: string): never {
  throw new SluiceError(`Snapshot '${node.name}': ${message}`, { ...placeOf(node), hint });
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** The meta column names, dbt's defaults where `snapshot_meta_column_names` leaves one out. */
export function snapshotMetaColumns(config: NodeConfig): SnapshotMetaColumns {
  const columns: SnapshotMetaColumns = { scdId: 'dbt_scd_id', updatedAt: 'dbt_updated_at', validFrom: 'dbt_valid_from', validTo: 'dbt_valid_to', isDeleted: 'dbt_is_deleted' };
  const names = config.snapshot_meta_column_names;
  if (names && typeof names === 'object' && !Array.isArray(names)) {
    for (const [key, value] of Object.entries(names as Record<string, unknown>)) {
      if (META_KEYS[key] && typeof value === 'string' && value.trim()) columns[META_KEYS[key]] = value.trim();
    }
  }
  return columns;
}

/** dbt's rule: `invalidate_hard_deletes` and `hard_deletes` exclude each other; unset means ignore. */
function hardDeletesOf(node: Node): HardDeletes {
  const legacy = node.config.invalidate_hard_deletes;
  const mode = node.config.hard_deletes;
  if (legacy !== undefined && legacy !== null && mode !== undefined && mode !== null) {
    fail(node, 'both invalidate_hard_deletes and hard_deletes are set', "keep hard_deletes ('ignore', 'invalidate' or 'new_record') and remove invalidate_hard_deletes");
  }
  if (legacy === true || legacy === 'true' || legacy === 'True' || mode === 'invalidate') return 'invalidate';
  if (mode === 'new_record') return 'new_record';
  if (mode === undefined || mode === null || mode === 'ignore') return 'ignore';
  return fail(node, `hard_deletes is '${String(mode)}'`, "use 'ignore' (the default), 'invalidate' or 'new_record'");
}

/** The snapshot's settings; throws a SluiceError naming its file and line for configuration dbt refuses. */
export function snapshotSettings(node: Node): SnapshotSettings {
  const { config } = node;
  if (config.materialized !== undefined && config.materialized !== 'snapshot') {
    fail(node, `materialized is '${String(config.materialized)}'`, "a snapshot's materialization is always 'snapshot': remove the setting");
  }
  const strategy = config.strategy;
  if (!isSet(strategy)) fail(node, "no 'strategy' is configured", "add strategy='timestamp' (with updated_at) or strategy='check' (with check_cols)");
  if (strategy !== 'timestamp' && strategy !== 'check') {
    fail(node, `unknown strategy '${String(strategy)}'`, "use 'timestamp' or 'check' (custom snapshot strategy macros are not supported)");
  }
  const key = config.unique_key;
  if (!isSet(key)) fail(node, "no 'unique_key' is configured", "add unique_key='id' (a column, or a list of columns)");
  const uniqueKey = (Array.isArray(key) ? key : [key]).map((part) => String(part).trim());
  if (uniqueKey.some((part) => !part)) fail(node, 'unique_key has an empty entry', 'name a column in each entry of unique_key');
  const checkCols = config.check_cols;
  const updatedAt = isSet(config.updated_at) ? String(config.updated_at).trim() : null;
  let columnsToCheck: 'all' | string[] = 'all';
  if (strategy === 'check') {
    if (!isSet(checkCols)) fail(node, "the check strategy needs 'check_cols'", "set check_cols='all' or a list of columns, e.g. check_cols=['status', 'amount']");
    if (typeof checkCols === 'string') {
      if (checkCols !== 'all') fail(node, `check_cols is '${checkCols}'`, "use 'all' or a list of columns, e.g. ['status']");
    } else if (Array.isArray(checkCols) && checkCols.every((column) => typeof column === 'string' && column.trim())) {
      columnsToCheck = checkCols.map((column) => String(column).trim());
    } else {
      fail(node, 'check_cols must be \'all\' or a list of column names', "e.g. check_cols=['status', 'amount']");
    }
  } else {
    if (!updatedAt) fail(node, "the timestamp strategy needs 'updated_at'", "set updated_at to the column that says when a row last changed, e.g. updated_at='updated_at'");
    if (isSet(checkCols)) fail(node, "a timestamp snapshot should not have 'check_cols'", "remove check_cols, or use strategy='check'");
  }
  const names = config.snapshot_meta_column_names;
  if (isSet(names)) {
    if (typeof names !== 'object' || Array.isArray(names)) fail(node, 'snapshot_meta_column_names must be a mapping', 'e.g. {dbt_valid_from: start_date, dbt_valid_to: end_date}');
    for (const [name, value] of Object.entries(names as Record<string, unknown>)) {
      if (!META_KEYS[name]) fail(node, `snapshot_meta_column_names has an unknown key '${name}'`, `use ${Object.keys(META_KEYS).join(', ')}`);
      if (value !== null && typeof value !== 'string') fail(node, `snapshot_meta_column_names.${name} must be a column name`);
    }
  }
  const validToCurrent = isSet(config.dbt_valid_to_current) ? String(config.dbt_valid_to_current).trim() : null;
  return {
    strategy,
    uniqueKey,
    updatedAt,
    checkCols: columnsToCheck,
    hardDeletes: hardDeletesOf(node),
    validToCurrent,
    columns: snapshotMetaColumns(config),
  };
}
