/**
 * target/sources.json as dbt writes it (schema v3): metadata, one result per source table checked —
 * unique_id, max_loaded_at, snapshotted_at, max_loaded_at_time_ago_in_s, status, criteria,
 * adapter_response, timing, thread_id, execution_time; a check that could not run as
 * {unique_id, error, status: "runtime error"} — and elapsed_time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DBT_VERSION } from '../dbt-version.js';
import type { FreshnessCheck, FreshnessRun } from './check-freshness.js';
import { NEVER_LOADED_MICROS } from './check-freshness.js';

export const SOURCES_SCHEMA_VERSION = 'https://schemas.getdbt.com/dbt/sources/v3.json';

/**
 * Python's isoformat of a datetime, to the microsecond: `2026-12-06T10:00:00+00:00` for an aware one
 * (`suffix` `+00:00`), `2026-12-06T10:00:00.120000Z` for dbt's naive UTC times (`suffix` `Z`).
 */
export function pythonIsoformat(microseconds: number, suffix: '+00:00' | 'Z'): string {
  const whole = Math.floor(microseconds / 1e6);
  const fraction = Math.round(microseconds - whole * 1e6);
  const seconds = new Date(whole * 1000).toISOString().slice(0, 19);
  return `${seconds}${fraction ? `.${String(fraction).padStart(6, '0')}` : ''}${suffix}`;
}

function result(check: FreshnessCheck): Record<string, unknown> {
  if (check.status === 'runtime error') return { unique_id: check.node.uniqueId, error: check.message, status: 'runtime error' };
  return {
    unique_id: check.node.uniqueId,
    max_loaded_at: pythonIsoformat(check.maxLoadedAt ?? NEVER_LOADED_MICROS, '+00:00'),
    snapshotted_at: pythonIsoformat(check.snapshottedAt!, '+00:00'),
    max_loaded_at_time_ago_in_s: check.ageSeconds,
    status: check.status,
    criteria: check.rule,
    adapter_response: { _message: 'OK' },
    timing: check.timing.map((step) => ({ name: step.name, started_at: pythonIsoformat(step.startedAt * 1000, 'Z'), completed_at: pythonIsoformat(step.completedAt * 1000, 'Z') })),
    thread_id: check.threadId,
    execution_time: check.executionTime,
  };
}

/** The sources.json document of a run. */
export function sourcesDocument(run: FreshnessRun, options: { invocationId: string; invocationStartedAt: Date; generatedAt?: Date }): Record<string, unknown> {
  return {
    metadata: {
      dbt_schema_version: SOURCES_SCHEMA_VERSION,
      dbt_version: DBT_VERSION,
      generator: 'sluice',
      generated_at: pythonIsoformat((options.generatedAt ?? new Date()).getTime() * 1000, 'Z'),
      invocation_id: options.invocationId,
      invocation_started_at: pythonIsoformat(options.invocationStartedAt.getTime() * 1000, 'Z'),
      env: {},
    },
    results: run.results.map(result),
    elapsed_time: run.elapsedSeconds,
  };
}

export function writeSourcesJson(path: string, run: FreshnessRun, options: { invocationId: string; invocationStartedAt: Date }): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(sourcesDocument(run, options), null, 2)}\n`);
  return path;
}
