/** The environment commands: plan, ci, promote, rollback, deployments, drop, janitor. */
import { SluiceError } from '../errors.js';
import { formatPlan } from '../plan/plan.js';
import * as pipeline from '../pipeline.js';
import { parseDuration } from '../project/sluice-config.js';
import { dataChangeLines } from '../report/text.js';
import { maskingPrinter, type CommonOptions } from './commands.js';

export interface EnvironmentOptions extends CommonOptions {
  env?: string;
  pr?: string;
  forceUnlock?: boolean;
  to?: string;
  olderThan?: string;
  dryRun?: boolean;
  fullRefreshModified?: boolean;
}

/** Secrets from the environment are masked until the profile says which ones matter. */
export function printer() {
  const secrets = Object.entries(process.env)
    .filter(([key, value]) => value && /(TOKEN|SECRET|PASSWORD)/i.test(key))
    .map(([, value]) => value as string);
  return maskingPrinter(secrets);
}

export function base(options: EnvironmentOptions, out: (line: string) => void) {
  return { projectDir: options.projectDir ?? '.', profilesDir: options.profilesDir, target: options.target, vars: options.vars, out };
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
  const out = printer();
  const { plan, environment } = await pipeline.plan({ ...base(options, out), environment: environmentOf(options) });
  for (const line of formatPlan(plan, environment)) out(line);
  return 0;
}

export async function runCiCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer();
  const result = await pipeline.ci({ ...base(options, out), environment: environmentOf(options), fullRefresh: options.fullRefresh, fullRefreshModified: options.fullRefreshModified, threads: options.threads });
  out('');
  for (const line of dataChangeLines(result.report)) out(line);
  out(`Report: ${result.reportPath} (and report.md, summary.md, junit.xml beside it)`);
  return result.report.ok ? 0 : 1;
}

export async function runPromoteCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer();
  const result = await pipeline.promote({ ...base(options, out), fullRefresh: options.fullRefresh, forceUnlock: options.forceUnlock, threads: options.threads, gitSha: process.env.GITHUB_SHA ?? null });
  return result.status === 'failed' ? 1 : 0;
}

export async function runRollbackCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer();
  await pipeline.rollback({ ...base(options, out), to: options.to });
  return 0;
}

export async function runDeploymentsCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer();
  const deployments = await pipeline.deployments(base(options, out));
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

export async function runDropCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer();
  await pipeline.drop({ ...base(options, out), environment: environmentOf(options) });
  return 0;
}

export async function runJanitorCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer();
  let olderThanSeconds: number | undefined;
  if (options.olderThan !== undefined) {
    olderThanSeconds = parseDuration(options.olderThan);
    if (olderThanSeconds === undefined) throw new SluiceError(`--older-than must be a duration such as 12h or 7d, got '${options.olderThan}'`);
  }
  await pipeline.janitor({ ...base(options, out), olderThanSeconds, dryRun: options.dryRun });
  return 0;
}

export async function runDiffCommand(options: EnvironmentOptions): Promise<number> {
  const out = printer();
  const result = await pipeline.diff({ ...base(options, out), environment: environmentOf(options) });
  for (const line of dataChangeLines(result.report)) out(line);
  out(`Report: ${result.reportPath}`);
  return 0;
}
