/**
 * Checking source freshness: for each source table with a rule, the newest `loaded_at_field` (filtered)
 * or the value of its `loaded_at_query` and the warehouse's now, both computed in the warehouse, then
 * compared with the rule — pass, warn, error, or runtime error when the check itself cannot run. One line
 * per table as dbt prints it; `sluice source freshness`, `ci` and `promote` all check through here.
 */
import { SluiceError } from '../errors.js';
import { runTasks, type SchedulerTask } from '../execute/scheduler.js';
import { cancellationRequested } from '../execute/cancellation.js';
import type { Node } from '../project/types.js';
import { describeFreshness } from '../report/freshness-section.js';
import type { ReportFreshness } from '../report/report-json.js';
import type { Relation, SqlValue, Warehouse } from '../warehouse/warehouse.js';
import { freshnessRuleOf, freshnessStatus, hasFreshness, isActive, type FreshnessRule, type FreshnessStatus } from './freshness-rule.js';

/** dbt's "never loaded": an empty table counts as loaded at the start of year 1, so it is never fresh. */
export const NEVER_LOADED_MICROS = Date.parse('0001-01-01T00:00:00Z') * 1000;

export interface FreshnessTiming {
  name: 'compile' | 'execute';
  /** Milliseconds since the epoch. */
  startedAt: number;
  completedAt: number;
}

export interface FreshnessCheck {
  node: Node;
  rule: FreshnessRule;
  /** The relation that was read. */
  relation: Relation;
  status: FreshnessStatus;
  /** Microseconds since the epoch (UTC), or null when no row has a value. */
  maxLoadedAt: number | null;
  /** The warehouse's now, in microseconds since the epoch. */
  snapshottedAt: number | null;
  /** Seconds between the two as dbt counts them (from year 1 when nothing was loaded); null after a runtime error. */
  ageSeconds: number | null;
  /** Why the check could not run (runtime error). */
  message: string | null;
  timing: FreshnessTiming[];
  executionTime: number;
  threadId: string;
}

export interface FreshnessRun {
  results: FreshnessCheck[];
  elapsedSeconds: number;
}

export interface CheckFreshnessOptions {
  threads: number;
  out: (line: string) => void;
  /** Where each source is read (an environment may read a copy); default its own relation. */
  relationOf?: (node: Node) => Relation;
}

/** The sources among `nodes` that have a freshness rule, in unique_id order: what a check covers. */
export function sourcesWithFreshness(nodes: Iterable<Node>): Node[] {
  return [...nodes].filter((node) => node.resourceType === 'source' && hasFreshness(freshnessRuleOf(node))).sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
}

function micros(value: SqlValue | undefined, what: string): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new SluiceError(`Expected a timestamp for ${what}, got ${JSON.stringify(value)}`);
  return number;
}

async function measure(node: Node, rule: FreshnessRule, relation: Relation, warehouse: Warehouse, timing: FreshnessTiming[]): Promise<Pick<FreshnessCheck, 'status' | 'maxLoadedAt' | 'snapshottedAt' | 'ageSeconds'>> {
  const compiling: FreshnessTiming = { name: 'compile', startedAt: Date.now(), completedAt: 0 };
  timing.push(compiling);
  const name = `${node.sourceName}.${node.name}`;
  let sql: string;
  if (node.loadedAtQuery) sql = warehouse.dialect.freshnessQuery({ query: node.loadedAtQuery });
  else if (node.loadedAtField) sql = warehouse.dialect.freshnessQuery({ relation, field: node.loadedAtField, filter: rule.filter });
  else {
    throw new SluiceError(`Could not compute freshness for source ${name}: no 'loaded_at_field' provided, and Sluice does not read freshness from table metadata`, {
      hint: 'set loaded_at_field (or loaded_at_query) on the source or the table',
    });
  }
  compiling.completedAt = Date.now();
  const executing: FreshnessTiming = { name: 'execute', startedAt: Date.now(), completedAt: 0 };
  timing.push(executing);
  const { rows } = await warehouse.query(sql);
  executing.completedAt = Date.now();
  if (rows.length !== 1) throw new SluiceError(`The freshness query of source ${name} returned ${rows.length} rows instead of one`);
  const field = node.loadedAtQuery ? 'the loaded_at_query' : `loaded_at_field '${node.loadedAtField}'`;
  const maxLoadedAt = micros(rows[0].max_loaded_at, `${field} of source ${name}`);
  const snapshottedAt = micros(rows[0].snapshotted_at, 'the current time');
  if (snapshottedAt === null) throw new SluiceError('The warehouse gave no current time');
  const ageSeconds = (snapshottedAt - (maxLoadedAt ?? NEVER_LOADED_MICROS)) / 1e6;
  return { status: freshnessStatus(rule, ageSeconds), maxLoadedAt, snapshottedAt, ageSeconds };
}

function errorMessage(error: unknown): string {
  if (error instanceof SluiceError) return `${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

const STATUS_WORDS: Record<FreshnessStatus, string> = { pass: 'PASS', warn: 'WARN', error: 'ERROR STALE', 'runtime error': 'ERROR' };

/** `  2 of 3 WARN freshness of erp.orders ........ [WARN in 0.02s]`, as dbt prints a freshness result. */
export function freshnessLine(index: number, total: number, check: Pick<FreshnessCheck, 'node' | 'status' | 'executionTime'>): string {
  const counter = `${String(index).padStart(String(total).length)} of ${total}`;
  const word = STATUS_WORDS[check.status];
  const label = `${word} freshness of ${check.node.sourceName}.${check.node.name}`;
  const dots = '.'.repeat(Math.max(3, 70 - label.length));
  return `  ${counter} ${label} ${dots} [${word} in ${check.executionTime.toFixed(2)}s]`;
}

/** The check's result as report.json's `freshness[]` entry. */
export function freshnessEntry(check: FreshnessCheck): ReportFreshness {
  const active = (time: FreshnessRule['warn_after']) => (isActive(time) ? { count: time.count, period: time.period } : null);
  return {
    source: check.node.sourceName ?? '',
    table: check.node.name,
    unique_id: check.node.uniqueId,
    status: check.status,
    max_loaded_at: check.maxLoadedAt === null ? null : isoTimestamp(check.maxLoadedAt),
    age_seconds: check.maxLoadedAt === null || check.ageSeconds === null ? null : Math.round(check.ageSeconds * 1000) / 1000,
    warn_after: active(check.rule.warn_after),
    error_after: active(check.rule.error_after),
    filter: check.rule.filter,
    message: check.message,
  };
}

/** `2026-12-06T10:00:00Z` (milliseconds when there are any): an instant in UTC. */
export function isoTimestamp(microseconds: number): string {
  return new Date(Math.floor(microseconds / 1000)).toISOString().replace('.000Z', 'Z');
}

/**
 * Checks the freshness of `sources` (each must have a rule) on `warehouse`, `threads` at a time, and
 * prints a line per table as it finishes — with, for a stale table or a failed check, why. A check that
 * cannot run is a runtime error result, never a thrown error.
 */
export async function checkFreshness(sources: Node[], warehouse: Warehouse, options: CheckFreshnessOptions): Promise<FreshnessRun> {
  const started = Date.now();
  const results = new Map<string, FreshnessCheck>();
  const byId = new Map(sources.map((node) => [node.uniqueId, node]));
  const freeThreads: number[] = [];
  let threadsMade = 0;
  let finished = 0;
  const tasks: SchedulerTask[] = sources.map((node) => ({
    id: node.uniqueId,
    dependsOn: [],
    run: async () => {
      const thread = freeThreads.sort((a, b) => a - b).shift() ?? ++threadsMade;
      const rule = freshnessRuleOf(node)!;
      const relation = (options.relationOf ?? ((source: Node) => source.relation))(node);
      const timing: FreshnessTiming[] = [];
      const nodeStarted = Date.now();
      let check: FreshnessCheck;
      try {
        check = { node, rule, relation, ...(await measure(node, rule, relation, warehouse, timing)), message: null, timing, executionTime: 0, threadId: `Thread-${thread}` };
      } catch (error) {
        for (const step of timing) step.completedAt ||= Date.now();
        check = { node, rule, relation, status: 'runtime error', maxLoadedAt: null, snapshottedAt: null, ageSeconds: null, message: errorMessage(error), timing, executionTime: 0, threadId: `Thread-${thread}` };
      }
      check.executionTime = (Date.now() - nodeStarted) / 1000;
      results.set(node.uniqueId, check);
      freeThreads.push(thread);
      return { status: check.status === 'pass' ? 'pass' : check.status === 'warn' ? 'warn' : 'error', message: check.message };
    },
  }));
  options.out(`Checking the freshness of ${sources.length} source table${sources.length === 1 ? '' : 's'} with ${options.threads} thread${options.threads === 1 ? '' : 's'}`);
  await runTasks(tasks, {
    threads: options.threads,
    stopsDependents: new Set(),
    shouldStop: cancellationRequested,
    onFinish: (id, outcome) => {
      finished++;
      const node = byId.get(id)!;
      // A task that never ran (a cancelled job) could not be checked.
      const check = results.get(id) ?? cancelledCheck(node, options, outcome.message ?? 'Cancelled');
      results.set(id, check);
      options.out(freshnessLine(finished, sources.length, check));
      if (check.status !== 'pass') for (const line of describeFreshness(freshnessEntry(check)).split('\n')) options.out(`      ${line}`);
    },
  });
  return { results: sources.map((node) => results.get(node.uniqueId)!), elapsedSeconds: (Date.now() - started) / 1000 };
}

function cancelledCheck(node: Node, options: CheckFreshnessOptions, message: string): FreshnessCheck {
  const relation = (options.relationOf ?? ((source: Node) => source.relation))(node);
  return { node, rule: freshnessRuleOf(node)!, relation, status: 'runtime error', maxLoadedAt: null, snapshottedAt: null, ageSeconds: null, message, timing: [], executionTime: 0, threadId: 'Thread-1' };
}
