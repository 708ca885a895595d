/**
 * A run's summary as sluice_state keeps it (`runs.summary_json`), for teams to chart their runs: what was
 * built, reused, deferred, failed and skipped, how the tests went, how long it took and where the time went,
 * the rows written. A pure function of the run's report and results; `sluice runs` prints it.
 */
import type { RunSummary } from '../execute/run-task.js';
import type { Report } from './report-json.js';

/** How many of the slowest nodes a summary keeps the timings of: enough to chart, bounded for any project. */
export const SLOWEST_NODES = 50;

export interface NodeTiming {
  unique_id: string;
  name: string;
  resource_type: string;
  status: string;
  /** Seconds. */
  execution_time: number;
  /** What the warehouse reported writing; null when it reported nothing (views, tests). */
  rows_affected: number | null;
}

export interface RunSummaryRecord {
  version: 1;
  command: string;
  env: string;
  ok: boolean;
  /** The whole run when the caller timed it, else the build; null when nothing was built. */
  elapsed_seconds: number | null;
  /** The build's part (running the nodes). */
  build_seconds: number | null;
  /** Disjoint: a model published from a pull request's environment is `reused`, not `built`. */
  models: { built: number; reused: number; deferred: number; failed: number; skipped: number; total: number };
  /** `failed` counts tests that failed and tests that could not run (error). */
  tests: { passed: number; failed: number; warned: number; skipped: number; total: number };
  /** Rows the warehouse reported written, over every node that reported a count; null when none did. */
  rows_affected: number | null;
  /** Bytes written: neither DuckDB nor Databricks reports them to Sluice, so null for now. */
  bytes_written: number | null;
  /** How many nodes ran, and the timings of the slowest (at most SLOWEST_NODES), slowest first. */
  nodes: { timed: number; slowest: NodeTiming[] };
}

/** What the caller adds: `elapsedSeconds` for the whole run, and fields of its own (deploy id, failures), kept beside. */
export interface RunSummaryExtra {
  elapsedSeconds?: number;
  [field: string]: unknown;
}

const seconds = (value: number) => Math.round(value * 1000) / 1000;

/** The summary of a run; `summary` is null when nothing was built (a gate stopped it first). The summary's own fields win over `extra`'s. */
export function runSummaryOf(report: Report, summary: RunSummary | null, extra: RunSummaryExtra = {}): RunSummaryRecord & Record<string, unknown> {
  const { elapsedSeconds, ...fields } = extra;
  const models = { built: 0, reused: 0, deferred: 0, failed: 0, skipped: 0, total: report.models.length };
  for (const model of report.models) {
    if (model.reused_from) models.reused++;
    else models[model.status]++;
  }
  const tests = { passed: 0, failed: 0, warned: 0, skipped: 0, total: report.tests.length };
  for (const test of report.tests) {
    if (test.status === 'pass') tests.passed++;
    else if (test.status === 'warn') tests.warned++;
    else if (test.status === 'skipped') tests.skipped++;
    else tests.failed++;
  }
  const results = summary?.results ?? [];
  const counted = results.filter((result) => result.rowsAffected !== undefined);
  const timings: NodeTiming[] = results
    .filter((result) => result.status !== 'skipped')
    .map((result) => ({
      unique_id: result.uniqueId,
      name: result.node.name,
      resource_type: result.node.resourceType,
      status: result.status,
      execution_time: seconds(result.executionTime),
      rows_affected: result.rowsAffected ?? null,
    }))
    .sort((a, b) => b.execution_time - a.execution_time || a.unique_id.localeCompare(b.unique_id));
  const buildSeconds = summary ? seconds(summary.elapsedSeconds) : null;
  return {
    ...fields,
    version: 1,
    command: report.command,
    env: report.env,
    ok: report.ok,
    elapsed_seconds: elapsedSeconds !== undefined ? seconds(elapsedSeconds) : buildSeconds,
    build_seconds: buildSeconds,
    models,
    tests,
    rows_affected: counted.length ? counted.reduce((sum, result) => sum + (result.rowsAffected ?? 0), 0) : null,
    bytes_written: null,
    nodes: { timed: timings.length, slowest: timings.slice(0, SLOWEST_NODES) },
  };
}

/** One line for `sluice runs`: a summary this Sluice wrote in words; an older or failed run's fields as they are. */
export function describeRunSummary(summary: Record<string, unknown>): string {
  if (summary.version !== 1 || typeof summary.models !== 'object' || typeof summary.tests !== 'object') {
    return Object.keys(summary).length ? JSON.stringify(summary) : '';
  }
  const record = summary as unknown as RunSummaryRecord;
  const { models, tests } = record;
  const parts = [
    `models: ${models.built} built, ${models.reused} reused, ${models.deferred} deferred, ${models.failed} failed, ${models.skipped} skipped`,
    `tests: ${tests.passed} passed, ${tests.failed} failed, ${tests.warned} warned${tests.skipped ? `, ${tests.skipped} skipped` : ''}`,
  ];
  if (record.rows_affected !== null) parts.push(`${record.rows_affected.toLocaleString('en-US')} rows`);
  if (record.elapsed_seconds !== null) parts.push(`${record.elapsed_seconds.toFixed(1)}s`);
  if (typeof summary.deployId === 'string') parts.push(summary.deployId);
  if (typeof summary.error === 'string') parts.push(`error: ${summary.error}`);
  return parts.join('; ');
}
