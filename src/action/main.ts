/**
 * The GitHub Action: read the inputs and the event, mask every secret, make the library call the event
 * asks for (route.ts), report to GitHub, and turn any failure into a failed step — a SluiceError as an
 * error annotation on its file and line — with the job summary still written.
 */
import * as core from '@actions/core';
import { SluiceError } from '../errors.js';
import { readGitHubContext, pullRequestOf } from '../github/event-context.js';
import { appendJobSummary } from '../github/workflow-output.js';
import { ActionLog } from './action-log.js';
import { prepareRun, type ActionRun } from './action-run.js';
import { checkMergeGroup } from './check-merge-group.js';
import { checkPullRequest } from './check-pull-request.js';
import { promoteToProduction } from './deploy.js';
import { dropPullRequestEnvironment, runJanitor } from './environment-cleanup.js';
import { CONNECTION_INPUTS, readInputs } from './inputs.js';
import { runLintOnly } from './lint-only.js';
import { previewPlan } from './plan-preview.js';
import { installMissingPackages } from './package-install.js';
import { maskProfileSecrets } from './profile-secrets.js';
import { chooseRoute, type Route } from './route.js';

export async function run(): Promise<void> {
  const log = new ActionLog();
  log.addEnvironmentSecrets();
  let actionRun: ActionRun | undefined;
  try {
    const inputs = readInputs(log);
    const context = readGitHubContext();
    const route = chooseRoute(context, pullRequestOf(context), inputs.command);
    if (route.kind === 'skip') {
      core.notice(route.why, { title: 'Sluice: nothing to do' });
      await appendJobSummary(`## 🚦 Sluice\n\n${route.why}\n`);
      return;
    }
    actionRun = await prepareRun(inputs, context, log);
    await installMissingPackages(actionRun);
    // Work on a warehouse reads the profile (and so its secrets) first: they are masked before anything
    // is printed. Lint needs no connection (a fork's run has no secrets to read), and the check of a pull
    // request or a merge group first finds out whether its token may write (if not, it only lints).
    if (route.kind !== 'lint' && route.kind !== 'ci' && route.kind !== 'merge-group') maskProfileSecrets(actionRun);
    await follow(actionRun, route);
  } catch (error) {
    await reportFailure(error, log, actionRun);
  }
}

async function follow(run: ActionRun, route: Exclude<Route, { kind: 'skip' }>): Promise<void> {
  switch (route.kind) {
    case 'ci':
      return checkPullRequest(run, route.pullRequest);
    case 'merge-group':
      return checkMergeGroup(run, route.mergeGroup);
    case 'lint':
      return runLintOnly(run, route.pullRequest, route.why);
    case 'plan':
      return previewPlan(run, route.pullRequest);
    case 'drop':
      return dropPullRequestEnvironment(run, route.pullRequest);
    case 'promote':
      return promoteToProduction(run);
    case 'janitor':
      return runJanitor(run);
  }
}

/**
 * Where the Action's inputs are the fix, say which: a project folder that is not there, a connection value
 * the profile lacks or reads from an unset environment variable.
 */
export function withInputHint(error: unknown): unknown {
  if (!(error instanceof SluiceError)) return error;
  // Matched on the error's code, never on its wording.
  if (error.code === 'no-project') {
    return new SluiceError(error.message, { code: error.code, hint: "set the Action's 'project-dir' input to the folder with dbt_project.yml, relative to the repository root" });
  }
  const variable = error.code === 'env-var-unset' ? error.details.variable : undefined;
  const key = error.code === 'target-setting-missing' ? error.details.key : undefined;
  const input = Object.entries(CONNECTION_INPUTS).find(([, profileKey]) => profileKey === key)?.[0];
  let hint: string;
  if (variable) hint = `pass it to the step (env: ${variable}: \${{ secrets.${variable} }}), or set the Action's connection inputs (${Object.keys(CONNECTION_INPUTS).join(', ')})`;
  else if (input) hint = `set the Action's '${input}' input${/token|secret/.test(input) ? ' from a secret' : ''}, or the profile's '${key}'`;
  else return error;
  return new SluiceError(error.message, { file: error.file, line: error.line, column: error.column, code: error.code, details: { ...error.details }, hint: error.hint ? `${hint}; ${error.hint}` : hint });
}

async function reportFailure(thrown: unknown, log: ActionLog, run: ActionRun | undefined): Promise<void> {
  const error = withInputHint(thrown);
  const message = log.mask(error instanceof SluiceError ? error.message : error instanceof Error ? error.message : String(error));
  const hint = error instanceof SluiceError && error.hint ? log.mask(error.hint) : undefined;
  const text = hint ? `${message}\n  hint: ${hint}` : message;
  const file = error instanceof SluiceError && error.file && run ? run.repositoryPathOf(error.file) : null;
  if (error instanceof SluiceError && file) {
    core.error(text, { title: 'Sluice', file, startLine: error.line, ...(error.line !== undefined && error.column !== undefined ? { startColumn: error.column } : {}) });
    process.exitCode = core.ExitCode.Failure;
  } else {
    core.setFailed(text);
  }
  if (!(error instanceof SluiceError) && error instanceof Error && error.stack) core.debug(log.mask(error.stack));
  const where = error instanceof SluiceError && error.where ? `\n  at ${error.where}` : '';
  await appendJobSummary(`## 🚦 Sluice failed\n\n\`\`\`\n${log.mask(`Error: ${message}${where}${hint ? `\n  hint: ${hint}` : ''}`).replace(/```/g, "'''")}\n\`\`\`\n`).catch(() => undefined);
}
