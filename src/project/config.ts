/**
 * Config resolution the way dbt does it: class defaults, then the `dbt_project.yml` tree along the node's
 * fqn, then YAML `config:`, then in-file `config()` calls (later wins, with dbt's merge rules).
 */
import type { NodeConfig, ResourceType, Warning } from './types.js';
import { isRecord } from './yaml-file.js';

/** Keys dbt (and its Databricks and DuckDB adapters) know; anything else is warned about, never fatal. */
const KNOWN_CONFIG_KEYS = new Set([
  'enabled', 'materialized', 'schema', 'alias', 'database', 'tags', 'meta', 'docs', 'unique_key',
  'incremental_strategy', 'on_schema_change', 'full_refresh', 'column_types', 'quote_columns', 'delimiter',
  'severity', 'where', 'error_if', 'warn_if', 'fail_calc', 'limit', 'store_failures', 'store_failures_as',
  'pre-hook', 'post-hook', 'pre_hook', 'post_hook', 'persist_docs', 'grants', 'contract', 'access', 'group', 'quoting',
  'sql_header', 'file_format', 'location_root', 'partition_by', 'clustered_by', 'buckets', 'tblproperties',
  'liquid_clustered_by', 'auto_liquid_cluster', 'zorder', 'on_configuration_change', 'incremental_predicates',
  'merge_update_columns', 'merge_exclude_columns', 'event_time', 'batch_size', 'lookback', 'begin',
  'concurrent_batches', 'strategy', 'updated_at', 'check_cols', 'target_schema', 'target_database',
  'snapshot_meta_column_names', 'hard_deletes', 'dbt_valid_to_current', 'invalidate_hard_deletes',
  'packages', 'freshness', 'loaded_at_field', 'loaded_at_query', 'external_location', 'options', 'format', 'location',
  'plugin', 'glue_register', 'compression', 'partition_overwrite', 'catalog', 'databricks_tags',
  'compute', 'submission_method', 'unique_tests', 'labels', 'batch_id', 'transient', 'copy_grants',
  'predicates', 'sluice',
]);

const APPEND_KEYS = new Set(['tags', 'pre-hook', 'post-hook']);
const DICT_UPDATE_KEYS = new Set(['meta', 'quoting', 'column_types', 'docs', 'contract', 'grants', 'tblproperties']);

export function defaultConfig(resourceType: ResourceType): NodeConfig {
  const materialized =
    resourceType === 'seed' ? 'seed' : resourceType === 'test' ? 'test' : resourceType === 'unit_test' ? 'unit' : resourceType === 'snapshot' ? 'snapshot' : 'view';
  const config: NodeConfig = { enabled: true, materialized, tags: [], meta: {}, 'pre-hook': [], 'post-hook': [] };
  if (resourceType === 'model') config.on_schema_change = 'ignore';
  // dbt's source config carries these keys even when unset (packages read `node.config.freshness`).
  if (resourceType === 'source') Object.assign(config, { freshness: null, loaded_at_field: null, event_time: null });
  if (resourceType === 'test') {
    config.severity = 'ERROR';
    config.error_if = '!= 0';
    config.warn_if = '!= 0';
    config.fail_calc = 'count(*)';
    config.schema = 'dbt_test__audit';
  }
  return config;
}

function normalizeValue(key: string, value: unknown): unknown {
  if (APPEND_KEYS.has(key)) {
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return value;
}

function canonicalKey(key: string): string {
  return key === 'pre_hook' ? 'pre-hook' : key === 'post_hook' ? 'post-hook' : key;
}

/** Merges `update` into `config` in place with dbt's rules. */
export function mergeConfig(config: NodeConfig, update: Record<string, unknown>): NodeConfig {
  for (const [rawKey, rawValue] of Object.entries(update)) {
    const key = canonicalKey(rawKey);
    const value = normalizeValue(key, rawValue);
    if (APPEND_KEYS.has(key)) {
      const existing = (config[key] as string[] | undefined) ?? [];
      const merged = [...existing, ...(value as string[])];
      config[key] = key === 'tags' ? [...new Set(merged)] : merged;
    } else if (DICT_UPDATE_KEYS.has(key) && isRecord(value)) {
      config[key] = { ...(isRecord(config[key]) ? (config[key] as object) : {}), ...value };
    } else {
      config[key] = value;
    }
  }
  return config;
}

export function isKnownConfigKey(key: string): boolean {
  return KNOWN_CONFIG_KEYS.has(key);
}

/** Unknown keys of one config object, for warnings. */
export function unknownConfigKeys(update: Record<string, unknown>): string[] {
  return Object.keys(update).filter((key) => !KNOWN_CONFIG_KEYS.has(key));
}

/**
 * The configs the `dbt_project.yml` tree gives a node with this fqn: the root level, then each fqn
 * segment. `+key` (or a plain key with a non-dict value) is a config; a plain key with a dict is a folder.
 */
export function configFromProjectTree(
  tree: unknown,
  fqn: string[],
  warnings: Warning[],
  file: string,
  seenWarnings: Set<string>,
): Record<string, unknown>[] {
  const levels: Record<string, unknown>[] = [];
  let level: unknown = tree;
  for (let depth = 0; ; depth++) {
    if (!isRecord(level)) break;
    const configs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(level)) {
      if (key.startsWith('+')) configs[key.slice(1)] = value;
      else if (!isRecord(value)) configs[key] = value;
    }
    for (const key of unknownConfigKeys(configs)) {
      const message = `unknown config key '${key}' in ${file} (under ${fqn.slice(0, depth).join('.') || 'the top level'}); it is kept but Sluice does not use it`;
      if (!seenWarnings.has(message)) {
        seenWarnings.add(message);
        warnings.push({ message, file });
      }
    }
    levels.push(configs);
    if (depth >= fqn.length) break;
    const next = level[fqn[depth]];
    if (!isRecord(next)) break;
    level = next;
  }
  return levels;
}

/** Normalised severity: `ERROR` or `WARN`. */
export function severityOf(config: NodeConfig): 'ERROR' | 'WARN' {
  return String(config.severity ?? 'ERROR').toUpperCase() === 'WARN' ? 'WARN' : 'ERROR';
}

export function uniqueKeyColumns(config: NodeConfig): string[] {
  const key = config.unique_key;
  if (key === undefined || key === null || key === '') return [];
  return Array.isArray(key) ? key.map(String) : [String(key)];
}
