/**
 * The keys dbt reads in YAML property files (models/*.yml …), to catch a typo such as `colums:` — which
 * would silently drop a model's column tests — with a warning that names the file, the line and the key
 * meant. dbt itself keeps unknown keys of models, seeds, snapshots, columns and source tables (and warns
 * on adapters that validate YAML against its JSON schema); it rejects them elsewhere. Sluice warns in
 * every case and never stops the load for it.
 *
 * Sources of the key lists: dbt-core 1.11 `contracts/graph/unparsed.py` (what dbt-core parses) and the
 * resources JSON schema it validates with (what dbt Fusion accepts), both unions kept.
 */
import { didYouMean } from '../errors.js';
import { isKnownConfigKey } from './config.js';
import type { Warning } from './types.js';
import { isRecord, type YamlFile } from './yaml-file.js';

/** What a mapping may hold: its own keys, whether config keys may sit at its top level, and nested mappings to check. */
interface Shape {
  /** What the mapping is called in messages: "model", "column"… */
  what: string;
  keys: readonly string[];
  /** dbt moves config keys written at the top level into `config:` (with a deprecation warning), so they are not typos. */
  configKeys?: boolean;
  /** Keys whose value is a list of mappings of another shape (`columns`), or a mapping (`expect`). */
  children?: Record<string, () => Shape>;
}

/**
 * Config keys of dbt's JSON schema (every adapter's) that Sluice's own list lacks: at the top level of a
 * model or a source table they are misplaced configs, not typos.
 */
const ADAPTER_CONFIG_KEYS = new Set([
  'adapter_properties', 'additional_libs', 'as_columnstore', 'auto_refresh', 'automatic_clustering', 'backup', 'base_location_root',
  'base_location_subpath', 'bind', 'catalog_name', 'category', 'cluster_by', 'cluster_id', 'create_notebook', 'custom_checks',
  'databricks_compute', 'dataproc_cluster_name', 'description', 'dist', 'enable_list_inference', 'enable_refresh', 'external_access_integrations',
  'external_volume', 'grant_access_to', 'hours_to_expiration', 'http_path', 'imports', 'include_full_name_in_path', 'index_url', 'indexes',
  'initialize', 'intermediate_format', 'jar_file_uri', 'job_cluster_config', 'kms_key_name', 'labels_from_meta', 'matched_condition',
  'max_staleness', 'merge_with_schema_evolution', 'not_matched_by_source_action', 'not_matched_by_source_condition', 'not_matched_condition',
  'notebook_template_id', 'partition_expiration_days', 'partitions', 'primary_key', 'python_job_config', 'python_version', 'query_tag',
  'refresh_interval_minutes', 'refresh_mode', 'require_partition_filter', 'resource_tags', 'row_access_policy', 'schedule', 'schema_origin',
  'secrets', 'secure', 'skip_matched_step', 'skip_not_matched_step', 'snowflake_warehouse', 'sort', 'sort_type', 'source_alias', 'state',
  'static_analysis', 'strictness', 'sync', 'table_format', 'table_tag', 'table_type', 'target_alias', 'target_lag', 'timeout',
  'tmp_relation_type', 'use_anonymous_sproc', 'user_folder_for_python',
]);

const TESTS = ['data_tests', 'tests'];
const DOCUMENTED = ['name', 'description', 'meta', 'docs', 'config'];

const COLUMN: Shape = {
  what: 'column',
  keys: [...DOCUMENTED, ...TESTS, 'data_type', 'constraints', 'quote', 'tags', 'granularity', 'column_mask', 'databricks_tags', 'dimension', 'entity', 'policy_tags'],
};

/** A model version's `columns` may also hold one `include`/`exclude` entry. */
const VERSION_COLUMN: Shape = { ...COLUMN, keys: [...COLUMN.keys, 'include', 'exclude'] };

const VERSION: Shape = {
  what: 'model version',
  keys: ['v', 'defined_in', 'description', 'access', 'config', 'constraints', 'docs', ...TESTS, 'columns', 'deprecation_date', 'meta', 'group', 'tags'],
  configKeys: true,
  children: { columns: () => VERSION_COLUMN },
};

const MODEL: Shape = {
  what: 'model',
  keys: [
    ...DOCUMENTED, ...TESTS, 'columns', 'constraints', 'access', 'group', 'contract', 'tags', 'quote_columns', 'latest_version', 'versions',
    'deprecation_date', 'time_spine', 'agg_time_dimension', 'derived_semantics', 'identifier', 'metrics', 'primary_entity', 'semantic_model',
    'static_analysis_off_reason',
  ],
  configKeys: true,
  children: { columns: () => COLUMN, versions: () => VERSION },
};

const SEED: Shape = {
  what: 'seed',
  keys: [...DOCUMENTED, ...TESTS, 'columns', 'access', 'group', 'tags', 'quote_columns', 'static_analysis_off_reason'],
  configKeys: true,
  children: { columns: () => COLUMN },
};

const SNAPSHOT: Shape = { ...SEED, what: 'snapshot', keys: [...SEED.keys, 'relation'] };

const ANALYSIS: Shape = {
  what: 'analysis',
  keys: [...DOCUMENTED, 'columns', 'access', 'group', 'tags', 'data_type', 'constraints', 'static_analysis_off_reason'],
  children: { columns: () => COLUMN },
};

const MACRO_ARGUMENT: Shape = { what: 'macro argument', keys: ['name', 'type', 'description'] };

const MACRO: Shape = {
  what: 'macro',
  keys: [...DOCUMENTED, 'arguments', 'data_type', 'constraints'],
  children: { arguments: () => MACRO_ARGUMENT },
};

const FRESHNESS_KEYS = ['freshness', 'loaded_at_field', 'loaded_at_field_present', 'loaded_at_query'];

const TABLE: Shape = {
  what: 'source table',
  keys: [...DOCUMENTED, ...TESTS, ...FRESHNESS_KEYS, 'columns', 'identifier', 'quoting', 'external', 'tags', 'data_type', 'constraints', 'loader'],
  configKeys: true,
  children: { columns: () => COLUMN },
};

const SOURCE: Shape = {
  what: 'source',
  keys: [...DOCUMENTED, ...FRESHNESS_KEYS, 'database', 'catalog', 'schema', 'loader', 'quoting', 'tables', 'tags', 'overrides'],
  children: { tables: () => TABLE },
};

const EXPOSURE: Shape = {
  what: 'exposure',
  keys: ['name', 'type', 'owner', 'description', 'label', 'maturity', 'meta', 'tags', 'url', 'depends_on', 'config', 'enabled'],
};

const GROUP: Shape = { what: 'group', keys: ['name', 'owner', 'description', 'config'] };

const UNIT_TEST_INPUT: Shape = { what: "unit test's given input", keys: ['input', 'rows', 'format', 'fixture'] };
const UNIT_TEST_EXPECT: Shape = { what: "unit test's expect", keys: ['rows', 'format', 'fixture'] };
const UNIT_TEST_OVERRIDES: Shape = { what: "unit test's overrides", keys: ['macros', 'vars', 'env_vars'] };

const UNIT_TEST: Shape = {
  what: 'unit test',
  keys: ['name', 'model', 'given', 'expect', 'description', 'overrides', 'config', 'versions', 'static_analysis_off_reason'],
  children: { given: () => UNIT_TEST_INPUT, expect: () => UNIT_TEST_EXPECT, overrides: () => UNIT_TEST_OVERRIDES },
};

/** A properties file's top level; the resource types Sluice does not model (metrics…) are not looked into. */
const PROPERTIES_FILE: Shape = {
  what: 'properties file',
  keys: [
    'version', 'models', 'sources', 'seeds', 'snapshots', 'analyses', 'macros', 'exposures', 'groups', 'unit_tests', 'data_tests', 'tests',
    'metrics', 'semantic_models', 'saved_queries', 'functions', 'anchors',
  ],
  children: {
    models: () => MODEL,
    sources: () => SOURCE,
    seeds: () => SEED,
    snapshots: () => SNAPSHOT,
    analyses: () => ANALYSIS,
    macros: () => MACRO,
    exposures: () => EXPOSURE,
    groups: () => GROUP,
    unit_tests: () => UNIT_TEST,
  },
};

/** A key dbt does not read, where it was found. */
interface UnknownKey {
  key: string;
  /** "the model 'orders'", "this properties file". */
  where: string;
  /** "did you mean 'columns'?" */
  guess?: string;
  /** The shape's name: unknown keys recur by kind of mapping. */
  kind: string;
  file: string;
  line: number;
  topLevel: boolean;
}

/**
 * Warns of every key of the properties files that dbt does not read, with the key most likely meant.
 * A key with no likely meaning that recurs (a project's own top-level key holding YAML anchors in every
 * file) is one warning that counts the places, not one per file.
 */
export function warnUnknownPropertyKeys(files: YamlFile[], warnings: Warning[]): void {
  const found: UnknownKey[] = [];
  for (const yaml of files) if (isRecord(yaml.value)) checkMapping(yaml, [], yaml.value, PROPERTIES_FILE, undefined, found);
  const recurring = new Map<string, UnknownKey[]>();
  for (const unknown of found) {
    if (unknown.guess) {
      warnings.push({ message: unknownKeyMessage(unknown), file: unknown.file, line: unknown.line });
      continue;
    }
    const group = `${unknown.kind}\0${unknown.key}`;
    recurring.set(group, [...(recurring.get(group) ?? []), unknown]);
  }
  for (const [first, ...more] of recurring.values()) {
    const files = new Set([first, ...more].map((unknown) => unknown.file)).size;
    const also = more.length ? ` (and ${more.length} more place${more.length === 1 ? '' : 's'}${files > 1 ? ` in ${files} files` : ''})` : '';
    warnings.push({ message: `${unknownKeyMessage(first)}${also}`, file: first.file, line: first.line });
  }
}

function unknownKeyMessage(unknown: UnknownKey): string {
  // dbt (from 1.10) reads YAML anchors' home at the top level under `anchors:`.
  const anchors = unknown.topLevel && !unknown.guess ? "; a top-level key that only holds YAML anchors belongs under 'anchors:'" : '';
  // `{name: x, description: per (day, kind).}`: the comma ended the description, the rest became a key.
  const split = /[^\w-]/.test(unknown.key) ? '; in {…} a comma ends an unquoted value, and what follows it becomes a key: quote the value before it' : '';
  return `unknown key '${unknown.key}' in ${unknown.where}${unknown.guess ? ` (${unknown.guess})` : ''}; dbt does not read it and neither does Sluice${anchors}${split}`;
}

function checkMapping(yaml: YamlFile, path: Array<string | number>, value: Record<string, unknown>, shape: Shape, owner: string | undefined, found: UnknownKey[]): void {
  const name = typeof value.name === 'string' ? value.name : typeof value.v === 'string' || typeof value.v === 'number' ? `v${value.v}` : undefined;
  const here = [name === undefined ? shape.what : `${shape.what} '${name}'`, owner].filter(Boolean).join(' of ');
  for (const [key, item] of Object.entries(value)) {
    if (shape.keys.includes(key)) {
      const child = shape.children?.[key]?.();
      if (child) checkChild(yaml, [...path, key], item, child, path.length ? here : undefined, found);
      continue;
    }
    if (shape.configKeys && (isKnownConfigKey(key) || ADAPTER_CONFIG_KEYS.has(key))) continue;
    found.push({
      key,
      where: path.length ? `the ${here}` : 'this properties file',
      guess: didYouMean(key, shape.keys),
      kind: shape.what,
      file: yaml.file,
      line: yaml.lineOf([...path, key]),
      topLevel: path.length === 0,
    });
  }
}

function checkChild(yaml: YamlFile, path: Array<string | number>, value: unknown, shape: Shape, owner: string | undefined, found: UnknownKey[]): void {
  if (isRecord(value)) checkMapping(yaml, path, value, shape, owner, found);
  else if (Array.isArray(value)) value.forEach((item, index) => isRecord(item) && checkMapping(yaml, [...path, index], item, shape, owner, found));
}
