/**
 * The library API that both shells — the CLI and the GitHub Action — call: open a project and its
 * warehouse, then lint, plan, ci, promote, rollback, drop or janitor. Output goes through `out`, secrets masked.
 * Each command's modules load when it runs, so that `sluice ls` does not pay for planning and lint.
 */
import { resolve as resolvePath } from 'node:path';
import { SluiceError } from './errors.js';
import { requestCancellation } from './execute/cancellation.js';
import { writeManifest } from './graph/manifest.js';
import type { LintOutcome, LintRequest } from './lint/lint-project.js';
import type { CiResult } from './plan/ci.js';
import type { Report } from './report/report-json.js';
import type { JanitorResult } from './plan/cleanup.js';
import { environmentName, PRODUCTION, pullRequestEnvironment } from './plan/environment.js';
import type { Plan } from './plan/plan.js';
import type { PromoteResult } from './plan/promote.js';
import type { RollbackResult } from './plan/rollback.js';
import type { AdoptResult } from './plan/adopt.js';
import type { DeploymentRecord, RunRecord } from './plan/state-store.js';
import { readDbtProject } from './project/dbt-project.js';
import { loadProjectProfile, type LoadOptions } from './project/load.js';
import { productionTarget } from './plan/production-target.js';
import type { Profile } from './project/types.js';
import { openSession, type Session, type SessionOptions } from './session.js';
import { connectWarehouse, describeTarget, lazyWarehouse } from './warehouse/connect.js';
import { resolveTargetPaths } from './warehouse/target-paths.js';
import type { Warehouse } from './warehouse/warehouse.js';

export interface ProjectOptions extends SessionOptions {
  out: (line: string) => void;
  /** Wait this long for another process's DuckDB file lock (deploys). */
  waitForFileSeconds?: number;
}

/**
 * Opens the project (exit-2 errors surface here, before any SQL), prints its warnings and writes the
 * manifest — except for a read-only preview (`plan`), where writing it would cost more than the plan.
 */
export function openProject(options: ProjectOptions & { writeManifest?: boolean }): Session {
  const session = openSession(options);
  for (const warning of [...session.project.warnings, ...session.renderer.warnings.map((message) => ({ message, file: undefined, line: undefined }))]) {
    options.out(`Warning: ${warning.message}${warning.file ? ` (${warning.file}${warning.line ? `:${warning.line}` : ''})` : ''}`);
  }
  if (options.writeManifest !== false) writeManifest(session);
  return session;
}

/** Connects to the session's target for the duration of `work`; SIGINT/SIGTERM cancel running statements. */
export async function withWarehouse<T>(
  session: Session,
  options: Pick<ProjectOptions, 'out' | 'waitForFileSeconds'> & { lazy?: boolean },
  work: (warehouse: Warehouse) => Promise<T>,
): Promise<T> {
  const target = resolveTargetPaths(session.project.profile.target, session.project.root);
  const connect = () =>
    connectWarehouse(target, { waitForFileSeconds: options.waitForFileSeconds, out: options.out, profileFile: session.project.profile.file, runId: session.renderer.invocationId });
  // `lazy`: connect only when something asks the warehouse (compile).
  const warehouse = options.lazy ? lazyWarehouse(target, connect) : await connect();
  const cancel = () => {
    options.out('Cancelling: stopping running statements; nothing new starts.');
    requestCancellation();
    void warehouse.cancel();
  };
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    return await work(warehouse);
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    await warehouse.close();
  }
}

/**
 * Opens the project on its production target (see production-target.ts), as every environment command
 * does: a profile without one stops here, exit 2, before any connection.
 */
export function openProduction(options: ProjectOptions & { writeManifest?: boolean }): Session {
  const chosen = productionTarget(options);
  return openProject({ ...options, target: chosen.name });
}

function header(session: Session, command: string, out: (line: string) => void): void {
  out(`Sluice ${command} · project ${session.project.name} · production target ${session.project.profile.targetName} (${describeTarget(session.project.profile.target)})`);
}

export async function plan(options: ProjectOptions & { environment: string }): Promise<{ plan: Plan; environment: string }> {
  const environment = environmentName({ env: options.environment });
  const session = openProduction({ ...options, writeManifest: false });
  header(session, `plan --env ${environment}`, options.out);
  const { planAgainstProduction } = await import('./plan/ci.js');
  const result = await withWarehouse(session, options, (warehouse) => planAgainstProduction(session, warehouse, pullRequestEnvironment(environment, session.config)));
  return { plan: result, environment };
}

export async function ci(options: ProjectOptions & { environment: string; fullRefresh?: boolean; fullRefreshModified?: boolean; threads?: number; lint?: LintRequest | false }): Promise<CiResult> {
  const name = environmentName({ env: options.environment });
  const session = openProduction(options);
  header(session, `ci --env ${name}`, options.out);
  const { runCi } = await import('./plan/ci.js');
  return withWarehouse(session, options, (warehouse) => runCi(session, warehouse, { environment: name, fullRefresh: options.fullRefresh, fullRefreshModified: options.fullRefreshModified, threads: options.threads, out: options.out, lint: options.lint }));
}

export async function diff(options: ProjectOptions & { environment: string }): Promise<{ report: Report; reportPath: string }> {
  const name = environmentName({ env: options.environment });
  const session = openProduction(options);
  header(session, `diff --env ${name}`, options.out);
  const { runDiff } = await import('./plan/ci.js');
  return withWarehouse(session, options, (warehouse) => runDiff(session, warehouse, { environment: name, out: options.out }));
}

export async function promote(options: ProjectOptions & { fullRefresh?: boolean; forceUnlock?: boolean; gitSha?: string | null; threads?: number }): Promise<PromoteResult & { target: string }> {
  const session = openProduction(options);
  header(session, 'promote', options.out);
  const wait = options.waitForFileSeconds ?? session.config.promote.lockTimeoutSeconds;
  const { runPromote } = await import('./plan/promote.js');
  const result = await withWarehouse(session, { ...options, waitForFileSeconds: wait }, (warehouse) => runPromote(session, warehouse, options));
  return { ...result, target: session.project.profile.targetName };
}

export async function rollback(options: ProjectOptions & { to?: string }): Promise<RollbackResult> {
  const session = openProduction(options);
  header(session, 'rollback', options.out);
  const wait = options.waitForFileSeconds ?? session.config.promote.lockTimeoutSeconds;
  const { runRollback } = await import('./plan/rollback.js');
  return withWarehouse(session, { ...options, waitForFileSeconds: wait }, (warehouse) => runRollback(session, warehouse, { to: options.to, out: options.out }));
}

/** `sluice adopt`: records production's existing relations that match the project as deployed, building nothing. */
export async function adopt(options: ProjectOptions & { dryRun?: boolean; gitSha?: string | null }): Promise<AdoptResult> {
  const session = openProduction(options);
  header(session, options.dryRun ? 'adopt --dry-run' : 'adopt', options.out);
  const wait = options.waitForFileSeconds ?? session.config.promote.lockTimeoutSeconds;
  const { runAdopt } = await import('./plan/adopt.js');
  return withWarehouse(session, { ...options, waitForFileSeconds: wait }, (warehouse) => runAdopt(session, warehouse, options));
}

export async function deployments(options: ProjectOptions): Promise<DeploymentRecord[]> {
  const session = openProduction(options);
  const { stateStoreFor } = await import('./plan/state-store.js');
  return withWarehouse(session, options, (warehouse) => stateStoreFor(session, warehouse).deployments(PRODUCTION));
}

/** `sluice runs`: the recorded runs (ci, promote) with their summaries, oldest first; `limit`: the most recent only. */
export async function runs(options: ProjectOptions & { environment?: string; limit?: number }): Promise<RunRecord[]> {
  const session = openProduction({ ...options, writeManifest: false });
  const { stateStoreFor } = await import('./plan/state-store.js');
  return withWarehouse(session, options, (warehouse) => stateStoreFor(session, warehouse).runs(options.environment, options.limit));
}

/** Whether promote publishes pull requests' tested tables (sluice.yml promote.reuse, on unless turned off). */
export function promoteReuses(options: ProjectOptions): boolean {
  return openProduction({ ...options, out: () => undefined }).config.promote.reuse;
}

export async function drop(options: ProjectOptions & { environment: string }): Promise<string[]> {
  const name = environmentName({ env: options.environment });
  const session = openProduction(options);
  const { dropEnvironment } = await import('./plan/cleanup.js');
  return withWarehouse(session, options, (warehouse) => dropEnvironment(session, warehouse, name, options.out));
}

export async function janitor(options: ProjectOptions & { olderThanSeconds?: number; dryRun?: boolean; closedPullRequests?: Set<number> }): Promise<JanitorResult> {
  const session = openProduction(options);
  header(session, 'janitor', options.out);
  const { runJanitor } = await import('./plan/cleanup.js');
  return withWarehouse(session, options, (warehouse) => runJanitor(session, warehouse, options));
}

/** The profile lint uses when a project has none (lint needs a SQL dialect, not a connection). */
const LINT_STAND_IN: Profile = { profileName: 'lint', targetName: 'lint', target: { type: 'duckdb', schema: 'main', threads: 1 }, file: '', secrets: [] };

/**
 * Lints the project's models (or the files asked for) without connecting: a file that does not render is
 * a finding, not a failure; an unset env_var() in profiles.yml (a fork has no secrets) reads as ''.
 * With `fix`, files are rewritten and linted again, so the findings are what is left.
 */
export async function lint(options: ProjectOptions & LintRequest): Promise<LintOutcome> {
  const renderErrors = new Map<string, unknown>();
  const open = (profile?: Profile) =>
    openProject({ ...options, writeManifest: false, lenientProfile: true, profile, onNodeError: (node, error) => renderErrors.set(node.uniqueId, error) });
  let session: Session;
  try {
    session = open();
  } catch (error) {
    if (!(error instanceof SluiceError) || error.code !== 'no-profiles') throw error;
    options.out('Warning: no profiles.yml found; linting the SQL as DuckDB SQL');
    session = open(LINT_STAND_IN);
  }
  const known = session.project.warnings.length;
  const { lintProject } = await import('./lint/lint-project.js');
  const outcome = await lintProject(session, options, renderErrors);
  for (const warning of session.project.warnings.slice(known)) {
    options.out(`Warning: ${warning.message}${warning.file ? ` (${warning.file}${warning.line ? `:${warning.line}` : ''})` : ''}`);
  }
  if (!outcome.fixed.length) return outcome;
  const again = await lint({ ...options, fix: false, out: () => undefined });
  return { ...again, fixed: outcome.fixed };
}

// What the GitHub Action needs besides the commands above.

/**
 * The production target a project's environment commands run on (connection overrides applied), read
 * without loading the models.
 */
export function targetProfile(options: LoadOptions): Profile {
  return loadProjectProfile({ ...options, target: productionTarget(options).name });
}

/** Where `ci` and `diff` write report.json, and `promote` promote.json (under the project's target-path). */
export function reportJsonPath(projectDir: string, file: 'report.json' | 'promote.json' = 'report.json'): string {
  const root = resolvePath(projectDir);
  return resolvePath(root, readDbtProject(root).targetPath, 'sluice', file);
}

/** The pull-request environments that have schemas in the warehouse (`pr_7`, …), sorted: what janitor may drop. */
export async function environments(options: ProjectOptions): Promise<string[]> {
  const session = openProduction({ ...options, writeManifest: false });
  const { listEnvironments } = await import('./plan/cleanup.js');
  return withWarehouse(session, options, (warehouse) => listEnvironments(session, warehouse));
}
