/**
 * target/sluice/report.json: the machine-readable result of `ci`, `diff` and `promote`, the contract other
 * tools build on (PRODUCT.md). Every renderer (the pull-request comment, the job summary, JUnit) is a pure
 * function of this object.
 */
export type ModelStatus = 'built' | 'deferred' | 'failed' | 'skipped';
export type ModelChange = 'modified' | 'impacted' | 'new' | 'removed' | null;

/** A value as it appears in samples: JSON scalars; masked values are the string `'•••'`. */
export type ReportValue = string | number | boolean | null;

export interface SchemaDiff {
  added: string[];
  removed: string[];
  changed: Array<{ column: string; from: string; to: string }>;
  /** Columns present on both sides whose position changed (the order in the pull request). */
  reordered: string[];
}

export interface ValueSample {
  /** The key's values, in key order. */
  key: ReportValue[];
  /** `changed`: a row on both sides that differs; `only_base` / `only_env`: a row on one side. */
  kind: 'changed' | 'only_base' | 'only_env';
  /** For `changed`: the columns that differ, with both values. For one-sided rows: a few of its columns. */
  columns: Array<{ name: string; base: ReportValue; env: ReportValue }>;
}

export interface ValueDiff {
  key: string[];
  only_base: number;
  only_env: number;
  changed_rows: number;
  /** Changed rows per column (only columns with at least one change). */
  columns: Record<string, number>;
  samples: ValueSample[];
  /** Set when the diff covers part of the rows: `diff.sample_percent` and/or `diff.where`. */
  sampled: { percent: number | null; where: string | null } | null;
}

/** Without a usable key: per-column aggregates on each side. */
export interface ProfileDiff {
  reason: string;
  columns: Array<{
    name: string;
    base: ColumnProfile | null;
    env: ColumnProfile | null;
  }>;
}

export interface ColumnProfile {
  nulls: number;
  distinct: number;
  min: ReportValue;
  max: ReportValue;
  /** Numbers only. */
  sum: ReportValue;
}

export interface ReportModel {
  name: string;
  unique_id: string;
  status: ModelStatus;
  change: ModelChange;
  reason: string | null;
  materialized: string;
  /** Where the pull request's version is (or production's, for a deferred model). */
  relation: string | null;
  /** Production's relation, when there is one to compare with. */
  base_relation: string | null;
  /** Names of the models this one reads (for the lineage graph). */
  parents: string[];
  rows: { base: number | null; env: number | null } | null;
  schema: SchemaDiff | null;
  values: ValueDiff | null;
  profile: ProfileDiff | null;
  /** Why a diff is missing or partial (no key, key not unique, incomparable types, …). */
  diff_notes: string[];
  message: string | null;
  /**
   * promote only: published from the pull request's environment that built and tested it (named here),
   * instead of built again. Absent when the model was built.
   */
  reused_from?: string;
}

export interface ReportTest {
  name: string;
  unique_id: string;
  model: string | null;
  status: string;
  failures: number | null;
  message: string | null;
  severity?: 'error' | 'warn';
  /** Seconds. */
  execution_time?: number;
}

export interface ReportLint {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface BreakingChange {
  model: string;
  column: string;
  /** `removed` or `retyped (int → string)`. */
  change: string;
  /** Downstream models and exposures that read the column. */
  read_by: string[];
}

/** A threshold of a source's freshness rule, as dbt writes it: `{count: 24, period: hour}`. */
export interface FreshnessThreshold {
  count: number;
  period: 'minute' | 'hour' | 'day';
}

/** The freshness of one source table the run reads (`ci`, `promote`). */
export interface ReportFreshness {
  /** The source's name and the table's, as `source('erp', 'orders')` names them. */
  source: string;
  table: string;
  unique_id: string;
  /** `pass`, `warn`, `error` (older than error_after) or `runtime error` (the check could not run). */
  status: 'pass' | 'warn' | 'error' | 'runtime error';
  /** The newest loaded_at value, in UTC (ISO 8601); null when no row has one or the check failed. */
  max_loaded_at: string | null;
  /** Seconds between it and the warehouse's now; null when max_loaded_at is. */
  age_seconds: number | null;
  /** The thresholds in force (null: none). */
  warn_after: FreshnessThreshold | null;
  error_after: FreshnessThreshold | null;
  filter: string | null;
  /** Why the check could not run. */
  message: string | null;
}

export interface Report {
  version: 1;
  generated_at: string;
  command: string;
  env: string;
  base_env: string;
  run_id: string;
  ok: boolean;
  /** The pull request, when known (the Action sets it). */
  pull_request?: { number: number; url?: string; title?: string } | null;
  /** Seconds the run took, and how many of them the warehouse worked. */
  timing?: { total: number; warehouse?: number } | null;
  models: ReportModel[];
  tests: ReportTest[];
  lint: ReportLint[];
  breaking: BreakingChange[];
  /** Freshness of the sources upstream of what the run builds (`ci`, `promote`; absent from older reports). */
  freshness?: ReportFreshness[];
}
