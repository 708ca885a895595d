/**
 * The plain data a loaded project is made of. Loading fills these; the graph, execution and report
 * stages read them and never go back to the files.
 */
import type { Relation } from '../warehouse/warehouse.js';
import type { NamedSelector } from './selectors-file.js';

export type ResourceType = 'model' | 'seed' | 'source' | 'test' | 'unit_test' | 'snapshot' | 'exposure' | 'analysis' | 'operation';

export type Materialization = 'view' | 'table' | 'ephemeral' | 'incremental' | 'seed' | 'test' | 'unit' | 'snapshot';

/** A node's resolved config: dbt's keys, plus whatever else the project sets (kept as is). */
export interface NodeConfig {
  enabled: boolean;
  materialized: Materialization;
  schema?: string | null;
  alias?: string | null;
  database?: string | null;
  tags: string[];
  meta: Record<string, unknown>;
  docs?: Record<string, unknown>;
  unique_key?: string | string[] | null;
  incremental_strategy?: string | null;
  on_schema_change?: string;
  full_refresh?: boolean | null;
  column_types?: Record<string, string>;
  quote_columns?: boolean;
  delimiter?: string;
  // tests
  severity?: string;
  where?: string | null;
  error_if?: string;
  warn_if?: string;
  fail_calc?: string;
  limit?: number | null;
  store_failures?: boolean | null;
  'pre-hook'?: string[];
  'post-hook'?: string[];
  [key: string]: unknown;
}

export interface ColumnInfo {
  name: string;
  description: string;
  data_type?: string;
  meta: Record<string, unknown>;
  tags: string[];
  /** Column constraints as dbt's manifest lists them (`not_null`, `unique`, `primary_key`, …). */
  constraints?: Array<Record<string, unknown>>;
  /** Where the column is declared in YAML (lint points there). */
  readonly yamlPlace?: { file: string; readonly line: number };
}

/** A `ref()` as written: `ref('m')`, `ref('pkg', 'm')`, `ref('m', v=2)`. */
export interface RefCall {
  package?: string;
  name: string;
  version?: string;
}

export interface TestMetadata {
  /** The generic test's name, e.g. `not_null`, `accepted_values`. */
  name: string;
  /** The package the test macro comes from, if namespaced (`dbt_utils.expression_is_true`). */
  namespace?: string;
  /** Keyword arguments from YAML, `model` and `column_name` excluded. */
  kwargs: Record<string, unknown>;
  /** The config the YAML test entry sets itself: it wins over config() in the test's definition. */
  entryConfig?: Record<string, unknown>;
}

export interface UnitTestInput {
  /** `ref('x')`, `source('s','t')` or `this`, as written. */
  input: string;
  format: 'dict' | 'csv' | 'sql';
  rows?: Array<Record<string, unknown>>;
  sql?: string;
}

export interface UnitTestDefinition {
  model: string;
  given: UnitTestInput[];
  expect: UnitTestInput;
  overrides: { macros: Record<string, unknown>; vars: Record<string, unknown>; env_vars: Record<string, string> };
  versions?: { include?: string[]; exclude?: string[] };
}

/** Every resource in the project: models, seeds, sources, tests, unit tests, snapshots, exposures. */
export interface Node {
  uniqueId: string;
  resourceType: ResourceType;
  name: string;
  packageName: string;
  /** Path relative to its resource folder, e.g. `staging/stg_orders.sql`. */
  path: string;
  /** Path relative to the root project, e.g. `models/staging/stg_orders.sql`. */
  originalFilePath: string;
  /** Absolute path of the file, for reading and error messages. */
  absolutePath: string;
  fqn: string[];
  description: string;
  config: NodeConfig;
  tags: string[];
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  /** Jinja source of models, tests and snapshots; empty for seeds and sources. Python source of a Python model. */
  rawCode: string;
  /** Models: `python` for a `.py` model (compiled, never run by Sluice); SQL otherwise. */
  language?: 'sql' | 'python';
  /** Filled by rendering: what the SQL refers to. */
  refs: RefCall[];
  sources: Array<[string, string]>;
  /** unique_ids this node depends on (models, seeds, sources, snapshots) and macros it uses. */
  dependsOn: { nodes: string[]; macros: string[] };
  /** Where it is built. Sources: the source table. Ephemeral models and tests: their would-be name. */
  relation: Relation;
  version?: string;
  latestVersion?: string;
  /** Tests only. */
  testMetadata?: TestMetadata;
  columnName?: string;
  attachedNode?: string;
  /** Unit tests only. */
  unitTest?: UnitTestDefinition;
  /** Sources only. */
  sourceName?: string;
  /** The source's own description and meta (the table's are `description` and `meta`). */
  sourceDescription?: string;
  sourceMeta?: Record<string, unknown>;
  identifier?: string;
  loader?: string;
  /** The resolved freshness rule (src/freshness/freshness-rule.ts): null when turned off, undefined when none is set. */
  freshness?: unknown;
  loadedAtField?: string;
  /** dbt 1.10's `loaded_at_query`: SQL returning the one timestamp freshness is measured from. */
  loadedAtQuery?: string;
  /** Exposures only. */
  exposure?: { type: string; owner?: unknown; url?: string; maturity?: string; label?: string };
  /** Models: `deprecation_date` and `time_spine` from YAML. */
  deprecationDate?: string;
  timeSpine?: Record<string, unknown>;
  /** Model-level constraints from YAML. */
  constraints?: Array<Record<string, unknown>>;
  /** Filled when the node is compiled at execute time. */
  compiledCode?: string;
  /** Where in a YAML file the node was declared, for errors. */
  yamlPlace?: { file: string; readonly line: number };
}

export interface Macro {
  uniqueId: string;
  name: string;
  packageName: string;
  originalFilePath: string;
  absolutePath: string;
  /** The whole file the macro sits in: macros are compiled a file at a time. */
  fileSource: string;
  line: number;
}

export interface Profile {
  profileName: string;
  targetName: string;
  /** The target's keys as written, env_var() rendered. Secrets included: never print this. */
  target: Record<string, unknown> & { type: string; schema: string; threads: number; database?: string };
  /** Where the profile was read from. */
  file: string;
  /** Values that must never be printed (tokens, passwords, client secrets, secret env vars). */
  secrets: string[];
}

export interface PackageInfo {
  name: string;
  root: string;
  /** The package's dbt_project.yml, parsed. */
  project: Record<string, unknown>;
  macroPaths: string[];
  modelPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  snapshotPaths: string[];
  /** Sluice's own global project (package `dbt`): its macros are dbt's, reached as `dbt.x` and last in every lookup. */
  internal?: boolean;
}

export interface Warning {
  message: string;
  file?: string;
  line?: number;
}

/** A loaded project: every node, macro and setting, ready to render and plan. */
export interface Project {
  name: string;
  root: string;
  packages: PackageInfo[];
  /** The root project's parsed dbt_project.yml. */
  projectFile: Record<string, unknown>;
  /** The enabled nodes by unique_id. */
  nodes: Map<string, Node>;
  /** Nodes set aside by `enabled: false` (dbt's manifest.disabled): never built, never a duplicate of an enabled one. */
  disabled: Node[];
  /**
   * Nodes with the unique_id of one in `nodes` (a package's per-adapter variants of one model): which one
   * is enabled is known only once in-file config() is read, so parsing decides (see buildGraph).
   */
  sameIdCandidates: Node[];
  macros: Map<string, Macro>;
  /** Docs blocks by name. */
  docs: Map<string, string>;
  vars: Record<string, unknown>;
  cliVars: Record<string, unknown>;
  profile: Profile;
  warnings: Warning[];
  targetPath: string;
  /** Named selections from selectors.yml (`--selector NAME`). */
  selectors: Map<string, NamedSelector>;
  /** When this run started and its id: templates see them as run_started_at and invocation_id everywhere. */
  runStartedAt: Date;
  invocationId: string;
}
