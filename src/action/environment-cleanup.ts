/**
 * Removing pull-request environments: `drop` when a pull request closes, and the `janitor` on a schedule,
 * which also drops the environments of pull requests GitHub reports closed (their close event may have
 * been missed, or its run failed).
 */
import type { PullRequestInfo } from '../github/event-context.js';
import { pullRequestStates } from '../github/pull-request-state.js';
import { appendJobSummary } from '../github/workflow-output.js';
import * as pipeline from '../pipeline.js';
import { code, plural } from '../report/format.js';
import type { ActionRun } from './action-run.js';
import { writeOutputs } from './report-outputs.js';

export async function dropPullRequestEnvironment(run: ActionRun, pullRequest: PullRequestInfo): Promise<void> {
  const environment = `pr_${pullRequest.number}`;
  // A merged pull request's tested tables are what the deploy of the merge publishes (promote.reuse): its
  // push runs beside this close, so the environment stays for it, and the janitor drops it (its pull
  // request is closed) on its next run.
  if (pullRequest.merged && pipeline.promoteReuses(run.projectOptions)) {
    writeOutputs({ environment });
    await appendJobSummary(
      `## 🚦 Sluice · ${code(environment)} kept

Pull request #${pullRequest.number} was merged: its environment ${code(environment)} is kept, so that the deploy of the merge can publish the tables it built and tested instead of building them again (promote.reuse). The janitor drops it on its next run, as the environment of a closed pull request.
`,
    );
    run.log.info(`Pull request #${pullRequest.number} was merged: environment ${environment} kept for promote to reuse; the janitor drops it.`);
    return;
  }
  const dropped = await pipeline.drop({ ...run.projectOptions, environment });
  writeOutputs({ environment });
  const what = dropped.length ? `dropped ${plural(dropped.length, 'schema')}: ${dropped.map(code).join(', ')}` : 'it had no schemas: nothing to drop';
  await appendJobSummary(`## 🚦 Sluice · drop ${code(environment)}\n\nPull request #${pullRequest.number} was ${pullRequest.merged ? 'merged' : 'closed'}; its environment ${code(environment)}: ${what}.\n`);
}

export async function runJanitor(run: ActionRun): Promise<void> {
  const github = run.github('asking GitHub which pull requests are closed');
  const names = await pipeline.environments({ ...run.projectOptions, out: () => undefined });
  const numbers = names.map((name) => /^pr_(\d+)$/.exec(name)?.[1]).filter((number): number is string => number !== undefined).map(Number);
  const states = await pullRequestStates(github, run.context.owner, run.context.repo, numbers);
  run.log.info(`Environments: ${names.length ? names.join(', ') : 'none'}; closed pull requests among them: ${states.closed.size ? [...states.closed].map((n) => `#${n}`).join(', ') : 'none'}.`);
  const result = await pipeline.janitor({ ...run.projectOptions, closedPullRequests: states.closed });
  writeOutputs({});
  const lines = [
    '## 🚦 Sluice · janitor',
    '',
    `Dropped ${plural(result.dropped.length, 'environment')}${result.dropped.length ? `: ${result.dropped.map(code).join(', ')}` : ''}; kept ${result.kept.length}${result.kept.length ? `: ${result.kept.map(code).join(', ')}` : ''}.`,
  ];
  if (states.unknown.length) lines.push('', `GitHub knows no pull request ${states.unknown.map((n) => `#${n}`).join(', ')}: those environments are dropped by age only.`);
  await appendJobSummary(`${lines.join('\n')}\n`);
}
