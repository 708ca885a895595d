/** The environment commands: plan, ci, promote, rollback, deployments, drop, janitor. */
import { SluiceError } from '../errors.js';
import { formatPlan } from '../plan/plan.js';
import * as pipeline from '../pipeline.js';
import { parseDuration } from '../project/sluice-config.js';
import type { DeploymentRecord, RunRecord } from '../plan/state-store.js';
import { describeRunSummary } from '../report/run-summary.js';
import { dataChangeLines } from '../report/text.js';
import { commandPrinter, projectOptions, type CommonOptions } from './commands.js';
import { environmentSecrets } from './json-log.js';

export interface EnvironmentOptions extends CommonOptions {
  env?: string;
  pr?: string;
  forceUnlock?: boolean;
  to?: string;
  olderThan?: string;
  dryRun?: boolean;
  fullRefreshModified?: boolean;
  /** `runs --limit`. */
  limit?: number;
}

/** Secrets from the environment are masked until the profile says which ones matter. */
export function printer(options: EnvironmentOptions) {
  return commandPrinter(options, environmentSecrets());
}

export function base(options: EnvironmentOptions, out: (line: string) => void) {
  return projectOptions(options, out);
}

function environmentOf(options: EnvironmentOptions): string {
  if (options.pr !== undefined) {
    if (!/^[1-9][0-9]*$/.test(options.pr)) throw new SluiceError(`--pr must be a pull request number, got '${options.pr}'`, { hint: 'e.g. --pr 7' });
    return `pr_${options.pr}`;
  }
  if (!options.env) throw new SluiceError('Which environment? Pass --env NAME or --pr NUMBER', { hint: 'e.g. --env pr_7' });
  return options.env;
}

export async function runPlan(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  const { plan, environment } = await pipeline.plan({ ...base(options, out), environment: environmentOf(options) });
  for (const line of formatPlan(plan, environment)) out(line);
  return 0;
}

export async function runCiCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  const result = await pipeline.ci({ ...base(options, out), environment: environmentOf(options), fullRefresh: options.fullRefresh, fullRefreshModified: options.fullRefreshModified, threads: options.threads });
  out('');
  for (const line of dataChangeLines(result.report)) out(line);
  out(`Report: ${result.reportPath} (and report.md, summary.md, junit.xml beside it)`);
  return result.report.ok ? 0 : 1;
}

export async function runPromoteCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  const result = await pipeline.promote({ ...base(options, out), fullRefresh: options.fullRefresh, forceUnlock: options.forceUnlock, threads: options.threads, gitSha: process.env.GITHUB_SHA ?? null });
  return result.status === 'failed' ? 1 : 0;
}

export async function runRollbackCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  await pipeline.rollback({ ...base(options, out), to: options.to });
  return 0;
}

export async function runDeploymentsCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  const deployments = await pipeline.deployments(base(options, out));
  if (options.output === 'json') {
    out(JSON.stringify(deployments.map(deploymentJson), null, 2));
    return 0;
  }
  if (!deployments.length) {
    out('No deployments yet.');
    return 0;
  }
  for (const deployment of deployments) {
    const models = `${deployment.models.length} model${deployment.models.length === 1 ? '' : 's'}`;
    const what =
      deployment.kind === 'rollback'
        ? `rollback of ${deployment.rollsBack}`
        : deployment.kind === 'adopt'
          ? `${models} adopted as they were in production (nothing before is kept)`
          : `${models}${deployment.status === 'publishing' ? ' (interrupted while publishing)' : ''}${deployment.continues ? `, completing ${deployment.continues}` : ''}`;
    out(`${deployment.deployId}  ${deployment.createdAt}  ${deployment.kind.padEnd(8)}  ${deployment.status.padEnd(11)}  ${what}${deployment.gitSha ? `  ${deployment.gitSha.slice(0, 12)}` : ''}`);
  }
  return 0;
}

/** A deployment in `deployments --output json`: snake_case, as report.json. */
function deploymentJson(deployment: DeploymentRecord) {
  return {
    deploy_id: deployment.deployId,
    kind: deployment.kind,
    status: deployment.status,
    git_sha: deployment.gitSha,
    created_at: deployment.createdAt,
    run_id: deployment.runId,
    models: deployment.models.map((model) => ({
      name: model.name,
      unique_id: model.uniqueId,
      resource_type: model.resourceType,
      materialized: model.materialized,
      relation: { database: model.relation.database ?? null, schema: model.relation.schema, identifier: model.relation.identifier },
    })),
    rolls_back: deployment.rollsBack,
    continues: deployment.continues,
  };
}

/** `sluice runs`: the recorded runs, oldest first (the most recent `--limit`, default 50), with their summaries. */
export async function runRunsCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  const environment = options.env !== undefined || options.pr !== undefined ? environmentOf(options) : undefined;
  const runs = await pipeline.runs({ ...base(options, out), environment, limit: options.limit ?? 50 });
  if (options.output === 'json') {
    out(JSON.stringify(runs.map(runJson), null, 2));
    return 0;
  }
  if (!runs.length) {
    out(environment ? `No runs recorded in ${environment} yet.` : 'No runs recorded yet.');
    return 0;
  }
  for (const run of runs) {
    const summary = describeRunSummary(run.summary);
    out(`${run.runId}  ${run.startedAt}  ${run.environment.padEnd(8)}  ${run.kind.padEnd(7)}  ${run.status.padEnd(7)}${summary ? `  ${summary}` : ''}`);
  }
  return 0;
}

function runJson(run: RunRecord) {
  return { run_id: run.runId, environment: run.environment, kind: run.kind, status: run.status, started_at: run.startedAt, ended_at: run.endedAt, summary: run.summary };
}

export async function runDropCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  await pipeline.drop({ ...base(options, out), environment: environmentOf(options) });
  return 0;
}

export async function runJanitorCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  let olderThanSeconds: number | undefined;
  if (options.olderThan !== undefined) {
    olderThanSeconds = parseDuration(options.olderThan);
    if (olderThanSeconds === undefined) throw new SluiceError(`--older-than must be a duration such as 12h or 7d, got '${options.olderThan}'`);
  }
  await pipeline.janitor({ ...base(options, out), olderThanSeconds, dryRun: options.dryRun });
  return 0;
}

export async function runDiffCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer(options);
  const result = await pipeline.diff({ ...base(options, out), environment: environmentOf(options) });
  for (const line of dataChangeLines(result.report)) out(line);
  out(`Report: ${result.reportPath}`);
  return 0;
}
