/**
 * A source table's freshness rule as dbt resolves it: `warn_after` / `error_after` (`{count, period}`)
 * and `filter`, from the source's and the table's `freshness:` and `config: freshness:` (dbt 1.10), the
 * table's overriding the source's threshold by threshold, `freshness: null` turning it off, and the
 * `sources:` tree of dbt_project.yml when the YAML sets nothing. `loaded_at_field` / `loaded_at_query`
 * follow the same table-over-source rule. A malformed rule is an error with its file and line.
 */
import { SluiceError, type ErrorPlace } from '../errors.js';
import type { DbtProjectFile } from '../project/dbt-project.js';
import type { Warning } from '../project/types.js';
import { isRecord, type YamlFile } from '../project/yaml-file.js';

export const FRESHNESS_PERIODS = ['minute', 'hour', 'day'] as const;
export type FreshnessPeriod = (typeof FRESHNESS_PERIODS)[number];

/** One threshold. Both parts set makes it active; null is a threshold turned off with `warn_after: null`. */
export interface FreshnessTime {
  count: number | null;
  period: FreshnessPeriod | null;
}

/** dbt's FreshnessThreshold, in the shape manifest.json and sources.json write it. */
export interface FreshnessRule {
  warn_after: FreshnessTime | null;
  error_after: FreshnessTime | null;
  filter: string | null;
}

export type FreshnessStatus = 'pass' | 'warn' | 'error' | 'runtime error';

/** An active threshold: count and period both set. */
export type ActiveThreshold = { count: number; period: FreshnessPeriod };

const PERIOD_SECONDS: Record<FreshnessPeriod, number> = { minute: 60, hour: 3600, day: 86_400 };

export function isActive(time: FreshnessTime | null | undefined): time is ActiveThreshold {
  return !!time && time.count !== null && time.period !== null;
}

/** Whether the rule checks anything (dbt's `has_freshness`): a source without one is not checked. */
export function hasFreshness(rule: FreshnessRule | null | undefined): rule is FreshnessRule {
  return !!rule && (isActive(rule.warn_after) || isActive(rule.error_after));
}

export function thresholdSeconds(time: ActiveThreshold): number {
  return time.count * PERIOD_SECONDS[time.period];
}

/** Error when older than error_after, else warn when older than warn_after, else pass (strictly older, as dbt). */
export function freshnessStatus(rule: FreshnessRule, ageSeconds: number): 'pass' | 'warn' | 'error' {
  if (isActive(rule.error_after) && ageSeconds > thresholdSeconds(rule.error_after)) return 'error';
  if (isActive(rule.warn_after) && ageSeconds > thresholdSeconds(rule.warn_after)) return 'warn';
  return 'pass';
}

/** The rule a node carries (load.ts stores the resolved one in `node.freshness`), or null. */
export function freshnessRuleOf(node: { freshness?: unknown }): FreshnessRule | null {
  const value = node.freshness;
  if (!isRecord(value)) return null;
  const time = (entry: unknown): FreshnessTime | null =>
    isRecord(entry) ? { count: typeof entry.count === 'number' ? entry.count : null, period: FRESHNESS_PERIODS.includes(entry.period as FreshnessPeriod) ? (entry.period as FreshnessPeriod) : null } : null;
  return { warn_after: time(value.warn_after), error_after: time(value.error_after), filter: typeof value.filter === 'string' ? value.filter : null };
}

type Path = Array<string | number>;
type PlaceOf = (path: Path) => ErrorPlace;

/** A rule nobody set: dbt's default FreshnessThreshold (falsy, but not null). */
function unsetRule(): FreshnessRule {
  return { warn_after: { count: null, period: null }, error_after: { count: null, period: null }, filter: null };
}

function parseTime(value: unknown, name: string, placeOf: PlaceOf, warnings: Warning[]): FreshnessTime | null {
  if (value === undefined) return { count: null, period: null };
  if (value === null) return null;
  if (!isRecord(value)) {
    throw new SluiceError(`freshness ${name} must be a mapping such as {count: 12, period: hour}, got ${JSON.stringify(value)}`, { ...placeOf([name]), hint: `e.g. ${name}: {count: 12, period: hour}` });
  }
  for (const key of Object.keys(value)) {
    if (key !== 'count' && key !== 'period') warnings.push({ message: `unknown key '${key}' in freshness ${name}; it is ignored`, ...placeOf([name, key]) });
  }
  let count: number | null = null;
  if (value.count !== undefined && value.count !== null) {
    if (typeof value.count !== 'number' || !Number.isInteger(value.count)) {
      throw new SluiceError(`freshness ${name}.count must be a whole number, got ${JSON.stringify(value.count)}`, { ...placeOf([name, 'count']), hint: `e.g. ${name}: {count: 12, period: hour}` });
    }
    count = value.count;
  }
  let period: FreshnessPeriod | null = null;
  if (value.period !== undefined && value.period !== null) {
    if (!FRESHNESS_PERIODS.includes(value.period as FreshnessPeriod)) {
      throw new SluiceError(`freshness ${name}.period must be minute, hour or day, got ${JSON.stringify(value.period)}`, { ...placeOf([name, 'period']), hint: 'dbt knows the periods minute, hour and day' });
    }
    period = value.period as FreshnessPeriod;
  }
  if ((count === null) !== (period === null)) {
    // dbt accepts half a threshold and never applies it: say so rather than refuse a project dbt loads.
    warnings.push({ message: `freshness ${name} needs both a count and a period; without ${count === null ? 'a count' : 'a period'} it is never applied`, ...placeOf([name]) });
  }
  return { count, period };
}

/** One `freshness:` value as written: undefined when the key is absent (not set), null when written null. */
function parseRule(value: unknown, placeOf: PlaceOf, warnings: Warning[]): FreshnessRule | null {
  if (value === undefined) return unsetRule();
  if (value === null) return null;
  if (!isRecord(value)) {
    throw new SluiceError(`freshness must be a mapping of warn_after, error_after and filter (or null), got ${JSON.stringify(value)}`, {
      ...placeOf([]),
      hint: 'e.g. freshness: {warn_after: {count: 12, period: hour}, error_after: {count: 24, period: hour}}',
    });
  }
  for (const key of Object.keys(value)) {
    if (!['warn_after', 'error_after', 'filter'].includes(key)) warnings.push({ message: `unknown key '${key}' in freshness; it is ignored`, ...placeOf([key]) });
  }
  if (value.filter !== undefined && value.filter !== null && typeof value.filter !== 'string') {
    throw new SluiceError(`freshness filter must be a SQL condition (a string), got ${JSON.stringify(value.filter)}`, placeOf(['filter']));
  }
  return {
    warn_after: parseTime(value.warn_after, 'warn_after', placeOf, warnings),
    error_after: parseTime(value.error_after, 'error_after', placeOf, warnings),
    filter: typeof value.filter === 'string' ? value.filter : null,
  };
}

/** A later threshold over an earlier one: null turns it off, an active one replaces it, an inactive one keeps it. */
function mergeTime(base: FreshnessTime | null, update: FreshnessTime | null): FreshnessTime | null {
  if (update === null) return null;
  if (isActive(update)) return update;
  return base ?? null;
}

/**
 * Merges the rules in order (source, source config, table, table config): a later rule refines an earlier
 * one threshold by threshold; a null rule turns freshness off, and only a rule that checks something
 * turns it back on.
 */
function mergeRules(rules: Array<FreshnessRule | null>): FreshnessRule | null {
  let merged: FreshnessRule | null = rules[0];
  for (const update of rules.slice(1)) {
    if (merged && update) {
      merged = { warn_after: mergeTime(merged.warn_after, update.warn_after), error_after: mergeTime(merged.error_after, update.error_after), filter: update.filter ?? merged.filter };
    } else if (!merged && hasFreshness(update)) merged = update;
    else merged = null;
  }
  return merged;
}

export interface SourceFreshnessInput {
  yaml: YamlFile;
  /** `['sources', i]` and `['sources', i, 'tables', j]` in the YAML file. */
  sourcePath: Path;
  tablePath: Path;
  /** The source and table entries as rendered. */
  source: Record<string, unknown>;
  table: Record<string, unknown>;
  /** The `freshness` config dbt_project.yml's `sources:` tree gives the table (undefined or null: none). */
  projectFreshness: unknown;
  /** The dbt_project.yml files that tree comes from (the package's, then the root's), for error lines. */
  projectFiles: DbtProjectFile[];
  warnings: Warning[];
}

export interface SourceFreshness {
  /** The resolved rule; null when turned off, undefined when nothing sets one. */
  freshness: FreshnessRule | null | undefined;
  loadedAtField?: string;
  loadedAtQuery?: string;
}

function configOf(entry: Record<string, unknown>): Record<string, unknown> {
  return isRecord(entry.config) ? entry.config : {};
}

/** dbt_project.yml rules already found bad: every source they apply to would report the same problem. */
const reportedProjectRules = new WeakMap<DbtProjectFile, Set<string>>();

/** Where a `+freshness` of a dbt_project.yml `sources:` tree is written, for an error about it. */
function projectFreshnessPlace(files: DbtProjectFile[], value: unknown): PlaceOf {
  const found: Array<{ file: DbtProjectFile; path: Path }> = [];
  const visit = (file: DbtProjectFile, node: unknown, path: Path) => {
    if (!isRecord(node)) return;
    for (const [key, item] of Object.entries(node)) {
      if (key.replace(/^\+/, '') === 'freshness' && (key.startsWith('+') || !isRecord(item))) found.push({ file, path: [...path, key] });
      else visit(file, item, [...path, key]);
    }
  };
  for (const file of files) visit(file, file.raw.sources, ['sources']);
  const same = found.find((entry) => JSON.stringify(entry.path.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), entry.file.raw)) === JSON.stringify(value));
  const place = same ?? found[0];
  if (!place) return () => ({ file: files[0]?.file });
  return (path) => ({ file: place.file.file, line: place.file.yaml.lineOf([...place.path, ...path]) });
}

/** A dbt_project.yml rule, parsed; a bad one is reported once (with the sources it applies to left without a rule). */
function projectRule(value: unknown, files: DbtProjectFile[], warnings: Warning[]): FreshnessRule | undefined {
  const key = JSON.stringify(value);
  const reported = reportedProjectRules.get(files[0]) ?? new Set<string>();
  if (reported.has(key)) return undefined;
  try {
    return parseRule(value, projectFreshnessPlace(files, value), warnings) ?? undefined;
  } catch (error) {
    reported.add(key);
    reportedProjectRules.set(files[0], reported);
    throw error;
  }
}

function loadedAtText(value: unknown, key: string, placeOf: PlaceOf): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SluiceError(`${key} must be SQL text, got ${JSON.stringify(value)}`, placeOf([key]));
  if (!value.trim()) throw new SluiceError(`${key} cannot be an empty string`, { ...placeOf([key]), hint: `name the column that says when a row was loaded, or remove ${key}` });
  return value;
}

/** The rule, loaded_at_field and loaded_at_query of one source table, as dbt resolves them. */
export function resolveSourceFreshness(input: SourceFreshnessInput): SourceFreshness {
  const { yaml, sourcePath, tablePath, source, table, warnings } = input;
  const at = (base: Path): PlaceOf => (path) => ({ file: yaml.file, line: yaml.lineOf([...base, ...path]) });
  const sourceConfig = configOf(source);
  const tableConfig = configOf(table);
  const fromYaml = mergeRules([
    parseRule(source.freshness, at([...sourcePath, 'freshness']), warnings),
    parseRule(sourceConfig.freshness, at([...sourcePath, 'config', 'freshness']), warnings),
    parseRule(table.freshness, at([...tablePath, 'freshness']), warnings),
    parseRule(tableConfig.freshness, at([...tablePath, 'config', 'freshness']), warnings),
  ]);
  let freshness: FreshnessRule | null | undefined = fromYaml;
  if (fromYaml && !hasFreshness(fromYaml)) {
    // The YAML sets nothing that checks: dbt_project.yml's `+freshness` applies (dbt never merges the two).
    // A null there is the config's default as much as a rule turned off: either way nothing is checked.
    const project = input.projectFreshness;
    freshness = project === undefined || project === null ? undefined : projectRule(project, input.projectFiles, warnings);
  }

  // loaded_at_field / loaded_at_query: top-level keys or config (dbt 1.10), the table's over the source's.
  const field = (entry: Record<string, unknown>, base: Path) =>
    loadedAtText(entry.loaded_at_field, 'loaded_at_field', at(base)) ?? loadedAtText(configOf(entry).loaded_at_field, 'loaded_at_field', at([...base, 'config']));
  const query = (entry: Record<string, unknown>, base: Path) =>
    loadedAtText(entry.loaded_at_query, 'loaded_at_query', at(base)) ?? loadedAtText(configOf(entry).loaded_at_query, 'loaded_at_query', at([...base, 'config']));
  const tableField = field(table, tablePath);
  const tableQuery = query(table, tablePath);
  const sourceField = field(source, sourcePath);
  const sourceQuery = query(source, sourcePath);
  const tableSetsField = 'loaded_at_field' in table || tableField !== undefined;
  if (tableSetsField && tableQuery !== undefined) {
    throw new SluiceError('A source table cannot set both loaded_at_field and loaded_at_query', { ...at(tablePath)(['loaded_at_query']), hint: 'keep one: a column (loaded_at_field) or a query returning one timestamp (loaded_at_query)' });
  }
  if (sourceField !== undefined && sourceQuery !== undefined) {
    throw new SluiceError('A source cannot set both loaded_at_field and loaded_at_query', { ...at(sourcePath)(['loaded_at_query']), hint: 'keep one: a column (loaded_at_field) or a query returning one timestamp (loaded_at_query)' });
  }
  // A table's `loaded_at_field: null` drops the source's field and query alike.
  const loadedAtField = tableSetsField ? tableField : sourceField;
  const loadedAtQuery = tableQuery ?? (tableSetsField ? undefined : sourceQuery);
  return { freshness, loadedAtField, loadedAtQuery };
}
