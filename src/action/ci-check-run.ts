/**
 * What checking a commit with `ci` shares, whether the commit is a pull request's head or a merge group's:
 * the check run created "in progress" first (GitHub's 403 means a read-only token: the caller falls back
 * to lint only), then — once `ci` has built, tested and diffed — the outputs, the job summary and the
 * check run completed with the verdict and line annotations. A run that fails or is cancelled still
 * completes its check run. The summary is written before GitHub is written to, so that it is there even
 * when GitHub fails.
 */
import { cancellationRequested } from '../execute/cancellation.js';
import { lintAnnotations, resultAnnotations } from '../github/annotations.js';
import { completeCheckRun, startCheckRun, type CheckRunRef } from '../github/check-run.js';
import { GitHubApiError } from '../github/github-api-error.js';
import { appendJobSummary } from '../github/workflow-output.js';
import type { CiResult } from '../plan/ci.js';
import { renderCheckRunText } from '../report/markdown.js';
import { renderHeadline } from '../report/overview.js';
import { renderSummary } from '../report/summary.js';
import type { ActionRun } from './action-run.js';
import { writeOutputs } from './report-outputs.js';
import { judgeReport, type Verdict } from './verdict.js';

export interface CheckedCommit {
  headSha: string;
  /** What the GitHub client is for, should the token be missing ('checking a pull request'). */
  why: string;
  /** What to do instead when the token may not create check runs. */
  readOnly(): Promise<void>;
  /** The work the check run reports on; it completes the check run itself when it gets that far. */
  work(checkRun: CheckRunRef): Promise<void>;
}

export async function withCheckRun(run: ActionRun, commit: CheckedCommit): Promise<void> {
  const github = run.github(commit.why);
  const { owner, repo } = run.context;
  let checkRun: CheckRunRef;
  try {
    checkRun = await startCheckRun(github, { owner, repo, headSha: commit.headSha, detailsUrl: run.context.runUrl });
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 403) return commit.readOnly();
    throw error;
  }
  try {
    await commit.work(checkRun);
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

/**
 * Outputs, the job summary and the completed check run for what `ci` found in `environment`; the
 * verdict by `fail-on` (cancelled when the job was), which the caller turns into a failed step.
 */
export async function reportOnCheckRun(run: ActionRun, result: CiResult, checkRun: CheckRunRef, environment: string): Promise<Verdict> {
  const github = run.github('reporting on a check run');
  const report = result.report;
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
  return verdict;
}
