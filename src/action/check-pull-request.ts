/**
 * A pull request opened, pushed to or reopened: lint its changed files and run `ci` into `pr_<number>`,
 * then report — outputs, the job summary, the check run on the head commit (with line annotations) and
 * the one sticky comment. The summary is written before GitHub is written to, so that it is there even
 * when GitHub fails.
 */
import * as core from '@actions/core';
import { cancellationRequested } from '../execute/cancellation.js';
import { dirname } from 'node:path';
import { lintAnnotations, resultAnnotations } from '../github/annotations.js';
import { completeCheckRun, startCheckRun, type CheckRunRef } from '../github/check-run.js';
import type { PullRequestInfo } from '../github/event-context.js';
import { GitHubApiError } from '../github/github-api-error.js';
import { upsertStickyComment } from '../github/sticky-comment.js';
import { tokenLogin } from '../github/token-login.js';
import { appendJobSummary } from '../github/workflow-output.js';
import { renderCheckRunText, renderComment } from '../report/markdown.js';
import { renderHeadline } from '../report/overview.js';
import { renderSummary } from '../report/summary.js';
import { writeReportFiles } from '../report/write-report.js';
import type { ActionRun } from './action-run.js';
import { ciWithLint } from './lint-step.js';
import { runLintOnly } from './lint-only.js';
import { maskProfileSecrets } from './profile-secrets.js';
import { pullRequestFiles } from './pull-request-files.js';
import { writeOutputs } from './report-outputs.js';
import { judgeReport } from './verdict.js';

export const READ_ONLY_REASON =
  "The workflow's token may not create check runs (GitHub answered 403), so Sluice ran lint only: nothing was built, tested or diffed. A pull request from a fork gets such a token; otherwise give the workflow 'checks: write' and 'pull-requests: write'.";

export async function checkPullRequest(run: ActionRun, pullRequest: PullRequestInfo): Promise<void> {
  const github = run.github('checking a pull request');
  const { owner, repo } = run.context;
  let checkRun: CheckRunRef;
  try {
    checkRun = await startCheckRun(github, { owner, repo, headSha: pullRequest.headSha, detailsUrl: run.context.runUrl });
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 403) return runLintOnly(run, pullRequest, READ_ONLY_REASON);
    throw error;
  }
  try {
    maskProfileSecrets(run);
    await buildAndReport(run, pullRequest, checkRun);
  } catch (error) {
    // The check must not stay "in progress" forever; the error itself is reported by the caller. A job
    // cancelled while it built (a newer push, or someone pressing Cancel) is "cancelled", not a failure.
    const message = run.log.mask(error instanceof Error ? error.message : String(error));
    const cancelled = cancellationRequested();
    await completeCheckRun(github, checkRun, {
      conclusion: cancelled ? 'cancelled' : 'failure',
      title: cancelled ? 'Sluice was cancelled' : 'Sluice failed',
      summary: message,
      annotations: [],
    }).catch(() => undefined);
    throw error;
  }
}

async function buildAndReport(run: ActionRun, pullRequest: PullRequestInfo, checkRun: CheckRunRef): Promise<void> {
  const github = run.github('checking a pull request');
  const environment = `pr_${pullRequest.number}`;
  const files = await pullRequestFiles(run, pullRequest);
  const result = await ciWithLint({ ...run.projectOptions, environment }, { files });
  const report = result.report;
  report.pull_request = { number: pullRequest.number, url: pullRequest.url };
  // report.json and its renderings on disk say which pull request they are about, as the comment does.
  writeReportFiles(dirname(dirname(result.reportPath)), report);
  const reportPath = run.repositoryPathOf(result.reportPath) ?? result.reportPath;

  writeOutputs({ report, reportPath: result.reportPath, environment });
  await appendJobSummary(renderSummary(report, { reportPath }));

  const judged = judgeReport(report, run.inputs.failOn);
  // A job cancelled while it built still reports what it has, as cancelled.
  const verdict = cancellationRequested() ? { ...judged, conclusion: 'cancelled' as const, fail: true, failure: 'cancelled', title: `Cancelled · ${judged.title}` } : judged;
  const annotations = [...lintAnnotations(report.lint, run.repositoryPathOf), ...resultAnnotations(result.summary.results, run.repositoryPathOf)];
  await completeCheckRun(github, checkRun, {
    conclusion: verdict.conclusion,
    title: verdict.title,
    summary: renderHeadline(report),
    text: renderCheckRunText(report, undefined, { summaryUrl: run.context.runUrl, reportPath }),
    annotations,
  });
  run.log.info(`Check run ${checkRun.id}: ${verdict.conclusion} (${annotations.length} annotations).`);

  if (run.inputs.comment) {
    const login = await tokenLogin(github);
    const body = renderComment(report, { summaryUrl: run.context.runUrl, reportPath });
    const comment = await upsertStickyComment(github, { owner: run.context.owner, repo: run.context.repo, issueNumber: pullRequest.number, login }, body);
    run.log.info(`Comment ${comment.action}: ${comment.url}`);
  }
  if (verdict.fail) core.setFailed(`Sluice: ${verdict.failure}`);
}
