/**
 * A pull request opened, pushed to or reopened: lint its changed files and run `ci` into `pr_<number>`,
 * then report — outputs, the job summary, the check run on the head commit (with line annotations; see
 * ci-check-run.ts) and the one sticky comment.
 */
import * as core from '@actions/core';
import { dirname } from 'node:path';
import type { CheckRunRef } from '../github/check-run.js';
import type { PullRequestInfo } from '../github/event-context.js';
import { upsertStickyComment } from '../github/sticky-comment.js';
import { tokenLogin } from '../github/token-login.js';
import { renderComment } from '../report/markdown.js';
import { writeReportFiles } from '../report/write-report.js';
import type { ActionRun } from './action-run.js';
import { reportOnCheckRun, withCheckRun } from './ci-check-run.js';
import { ciWithLint } from './lint-step.js';
import { runLintOnly } from './lint-only.js';
import { maskProfileSecrets } from './profile-secrets.js';
import { pullRequestFiles } from './pull-request-files.js';

export const READ_ONLY_REASON =
  "The workflow's token may not create check runs (GitHub answered 403), so Sluice ran lint only: nothing was built, tested or diffed. A pull request from a fork gets such a token; otherwise give the workflow 'checks: write' and 'pull-requests: write'.";

export async function checkPullRequest(run: ActionRun, pullRequest: PullRequestInfo): Promise<void> {
  await withCheckRun(run, {
    headSha: pullRequest.headSha,
    why: 'checking a pull request',
    readOnly: () => runLintOnly(run, pullRequest, READ_ONLY_REASON),
    work: async (checkRun) => {
      maskProfileSecrets(run);
      await buildAndReport(run, pullRequest, checkRun);
    },
  });
}

async function buildAndReport(run: ActionRun, pullRequest: PullRequestInfo, checkRun: CheckRunRef): Promise<void> {
  const environment = `pr_${pullRequest.number}`;
  const files = await pullRequestFiles(run, pullRequest);
  const result = await ciWithLint({ ...run.projectOptions, environment }, { files });
  const report = result.report;
  report.pull_request = { number: pullRequest.number, url: pullRequest.url };
  // report.json and its renderings on disk say which pull request they are about, as the comment does.
  writeReportFiles(dirname(dirname(result.reportPath)), report);
  const verdict = await reportOnCheckRun(run, result, checkRun, environment);

  if (run.inputs.comment) {
    const github = run.github('checking a pull request');
    const login = await tokenLogin(github);
    const reportPath = run.repositoryPathOf(result.reportPath) ?? result.reportPath;
    const body = renderComment(report, { summaryUrl: run.context.runUrl, reportPath });
    const comment = await upsertStickyComment(github, { owner: run.context.owner, repo: run.context.repo, issueNumber: pullRequest.number, login }, body);
    run.log.info(`Comment ${comment.action}: ${comment.url}`);
  }
  if (verdict.fail) core.setFailed(`Sluice: ${verdict.failure}`);
}
