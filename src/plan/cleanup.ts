/**
 * `sluice drop --env pr_7` and `sluice janitor`: removing pull-request environments. Only schemas that
 * carry Sluice's environment prefix are ever dropped — never production's, never the state schema.
 */
import type { Session } from '../session.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { stateStoreFor } from './state-store.js';
import { AUDIT_ENVIRONMENT, dropEnvironmentSchemas, environmentOfSchema, pullRequestEnvironment } from './environment.js';
import { guardedWarehouse } from './guard.js';

export async function dropEnvironment(session: Session, warehouse: Warehouse, name: string, out: (line: string) => void): Promise<string[]> {
  const environment = pullRequestEnvironment(name, session.config);
  const dropped = await dropEnvironmentSchemas(guardedWarehouse(warehouse, environment), environment);
  await stateStoreFor(session, warehouse).forgetEnvironment(name);
  if (dropped.length) out(`Dropped environment ${name}: ${dropped.join(', ')}`);
  else out(`Environment ${name} has no schemas: nothing to drop.`);
  return dropped;
}

/** The pull-request environments that have schemas in the warehouse (`pr_7`, …), sorted. */
export async function listEnvironments(session: Session, warehouse: Warehouse): Promise<string[]> {
  const names = new Set<string>();
  for (const schema of await warehouse.listSchemas(session.config.environments.catalog ?? undefined)) {
    const name = environmentOfSchema(schema, session.config);
    if (name && name !== AUDIT_ENVIRONMENT) names.add(name);
  }
  return [...names].sort();
}

export interface JanitorOptions {
  olderThanSeconds?: number;
  dryRun?: boolean;
  /** Pull request numbers known to be closed (the Action asks GitHub): dropped whatever their age. */
  closedPullRequests?: Set<number>;
  now?: Date;
  out: (line: string) => void;
}

export interface JanitorResult {
  dropped: string[];
  kept: string[];
}

export async function runJanitor(session: Session, warehouse: Warehouse, options: JanitorOptions): Promise<JanitorResult> {
  const { out } = options;
  const ttl = options.olderThanSeconds ?? session.config.environments.ttlSeconds;
  const now = options.now ?? new Date();
  const environments = await listEnvironments(session, warehouse);
  const runs = await stateStoreFor(session, warehouse).runs();
  const lastActive = new Map<string, string>();
  for (const run of runs) if ((lastActive.get(run.environment) ?? '') < run.startedAt) lastActive.set(run.environment, run.startedAt);
  const result: JanitorResult = { dropped: [], kept: [] };
  for (const name of environments) {
    const number = /^pr_(\d+)$/.exec(name)?.[1];
    const closed = number !== undefined && options.closedPullRequests?.has(Number(number));
    const last = lastActive.get(name);
    const ageSeconds = last ? (now.getTime() - Date.parse(last)) / 1000 : undefined;
    let reason: string | undefined;
    if (closed) reason = `pull request #${number} is closed`;
    else if (ageSeconds !== undefined && ageSeconds > ttl) reason = `last built ${formatAge(ageSeconds)} ago`;
    else if (ageSeconds === undefined) reason = undefined;
    if (!reason) {
      result.kept.push(name);
      out(`  keep ${name}${ageSeconds === undefined ? ' (no run recorded: age unknown)' : ` (last built ${formatAge(ageSeconds)} ago)`}`);
      continue;
    }
    if (options.dryRun) out(`  would drop ${name}: ${reason}`);
    else {
      out(`  drop ${name}: ${reason}`);
      await dropEnvironment(session, warehouse, name, (line) => out(`    ${line}`));
    }
    result.dropped.push(name);
  }
  out(`${options.dryRun ? 'Dry run: would drop' : 'Dropped'} ${result.dropped.length} environment${result.dropped.length === 1 ? '' : 's'}, kept ${result.kept.length}.`);
  return result;
}

function formatAge(seconds: number): string {
  if (seconds >= 86_400) return `${Math.floor(seconds / 86_400)}d`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds)}s`;
}
