/**
 * The library API that both shells — the CLI and the GitHub Action — call: open a project and its
 * warehouse, then plan, ci, promote, rollback, drop or janitor. Output goes through `out`, secrets masked.
 */
import { requestCancellation } from './execute/cancellation.js';
import { writeManifest } from './graph/manifest.js';
import { runCi, runDiff, planAgainstProduction, stateStoreFor, type CiResult } from './plan/ci.js';
import type { Report } from './report/report-json.js';
import { dropEnvironment, runJanitor, type JanitorResult } from './plan/cleanup.js';
import { environmentName, PRODUCTION } from './plan/environment.js';
import type { Plan } from './plan/plan.js';
import { runPromote, type PromoteResult } from './plan/promote.js';
import { runRollback, type RollbackResult } from './plan/rollback.js';
import type { DeploymentRecord } from './plan/state-store.js';
import { openSession, type Session, type SessionOptions } from './session.js';
import { connectWarehouse, describeTarget } from './warehouse/connect.js';
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
export async function withWarehouse<T>(session: Session, options: Pick<ProjectOptions, 'out' | 'waitForFileSeconds'>, work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await connectWarehouse(resolveTargetPaths(session.project.profile.target, session.project.root), {
    waitForFileSeconds: options.waitForFileSeconds,
    out: options.out,
    profileFile: session.project.profile.file,
    runId: session.renderer.invocationId,
  });
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

function header(session: Session, command: string, out: (line: string) => void): void {
  out(`Sluice ${command} · project ${session.project.name} · production target ${session.project.profile.targetName} (${describeTarget(session.project.profile.target)})`);
}

export async function plan(options: ProjectOptions & { environment: string }): Promise<{ plan: Plan; environment: string }> {
  const environment = environmentName({ env: options.environment });
  const session = openProject({ ...options, writeManifest: false });
  header(session, `plan --env ${environment}`, options.out);
  const result = await withWarehouse(session, options, (warehouse) => planAgainstProduction(session, warehouse));
  return { plan: result, environment };
}

export async function ci(options: ProjectOptions & { environment: string; fullRefresh?: boolean; threads?: number }): Promise<CiResult> {
  const name = environmentName({ env: options.environment });
  const session = openProject(options);
  header(session, `ci --env ${name}`, options.out);
  return withWarehouse(session, options, (warehouse) => runCi(session, warehouse, { environment: name, fullRefresh: options.fullRefresh, threads: options.threads, out: options.out }));
}

export async function diff(options: ProjectOptions & { environment: string }): Promise<{ report: Report; reportPath: string }> {
  const name = environmentName({ env: options.environment });
  const session = openProject(options);
  header(session, `diff --env ${name}`, options.out);
  return withWarehouse(session, options, (warehouse) => runDiff(session, warehouse, { environment: name, out: options.out }));
}

export async function promote(options: ProjectOptions & { fullRefresh?: boolean; forceUnlock?: boolean; gitSha?: string | null; threads?: number }): Promise<PromoteResult> {
  const session = openProject(options);
  header(session, 'promote', options.out);
  const wait = options.waitForFileSeconds ?? session.config.promote.lockTimeoutSeconds;
  return withWarehouse(session, { ...options, waitForFileSeconds: wait }, (warehouse) => runPromote(session, warehouse, options));
}

export async function rollback(options: ProjectOptions & { to?: string }): Promise<RollbackResult> {
  const session = openProject(options);
  header(session, 'rollback', options.out);
  const wait = options.waitForFileSeconds ?? session.config.promote.lockTimeoutSeconds;
  return withWarehouse(session, { ...options, waitForFileSeconds: wait }, (warehouse) => runRollback(session, warehouse, { to: options.to, out: options.out }));
}

export async function deployments(options: ProjectOptions): Promise<DeploymentRecord[]> {
  const session = openProject(options);
  return withWarehouse(session, options, (warehouse) => stateStoreFor(session, warehouse).deployments(PRODUCTION));
}

export async function drop(options: ProjectOptions & { environment: string }): Promise<string[]> {
  const name = environmentName({ env: options.environment });
  const session = openProject(options);
  return withWarehouse(session, options, (warehouse) => dropEnvironment(session, warehouse, name, options.out));
}

export async function janitor(options: ProjectOptions & { olderThanSeconds?: number; dryRun?: boolean; closedPullRequests?: Set<number> }): Promise<JanitorResult> {
  const session = openProject(options);
  header(session, 'janitor', options.out);
  return withWarehouse(session, options, (warehouse) => runJanitor(session, warehouse, options));
}
