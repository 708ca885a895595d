/**
 * Lint without a build: a pull request from a fork (no secrets, a read-only token), a token that may not
 * write, or `command: lint`. The findings go out as workflow-command annotations — which need no
 * permission — and into the job summary, which says why nothing was built.
 */
import * as core from '@actions/core';
import { lintAnnotations } from '../github/annotations.js';
import type { PullRequestInfo } from '../github/event-context.js';
import { appendJobSummary, emitAnnotations } from '../github/workflow-output.js';
import { code, plural } from '../report/format.js';
import { fitSections, utf8Bytes } from '../report/limits.js';
import { lintSection } from '../report/lint-section.js';
import type { Report, ReportLint } from '../report/report-json.js';
import { SUMMARY_MAX_BYTES } from '../report/summary.js';
import type { ActionRun } from './action-run.js';
import * as pipeline from '../pipeline.js';
import { pullRequestFiles } from './pull-request-files.js';
import { writeOutputs } from './report-outputs.js';
import { judgeReport } from './verdict.js';

/** `files`: what to lint when there is no pull request (a merge group's changed files); else the pull request's, or the whole project. */
export async function runLintOnly(run: ActionRun, pullRequest: PullRequestInfo | null, why: string | null, files?: string[]): Promise<void> {
  files ??= pullRequest ? await pullRequestFiles(run, pullRequest) : undefined;
  const outcome = await pipeline.lint({ ...run.projectOptions, files });
  run.log.info(`Linted ${plural(outcome.stats.files, 'file')}: ${plural(outcome.findings.length, 'finding')}.`);
  emitAnnotations(lintAnnotations(outcome.findings, run.repositoryPathOf));
  const report = lintReport(outcome.findings, pullRequest);
  const verdict = judgeReport(report, run.inputs.failOn);
  writeOutputs({ lintErrors: outcome.findings.filter((finding) => finding.severity === 'error').length });
  await appendJobSummary(lintSummary(report, why, files));
  if (why) core.notice(why, { title: 'Sluice: lint only' });
  if (verdict.fail) core.setFailed(`Sluice lint: ${verdict.failure}`);
}

/** A report holding only lint findings: what the shared renderers and the verdict read. */
function lintReport(findings: ReportLint[], pullRequest: PullRequestInfo | null): Report {
  return {
    version: 1,
    generated_at: new Date().toISOString(),
    command: 'lint',
    env: pullRequest ? `pr_${pullRequest.number}` : 'lint',
    base_env: 'prod',
    run_id: '',
    ok: !findings.some((finding) => finding.severity === 'error'),
    pull_request: pullRequest ? { number: pullRequest.number, url: pullRequest.url } : null,
    models: [],
    tests: [],
    lint: findings,
    breaking: [],
  };
}

function lintSummary(report: Report, why: string | null, files: string[] | undefined): string {
  const errors = report.lint.filter((finding) => finding.severity === 'error').length;
  const scope = files ? `${plural(files.length, 'changed file')} in the project` : 'the whole project';
  const headline = report.lint.length
    ? `**${plural(report.lint.length, 'lint finding')}${errors ? ` (${plural(errors, 'error')})` : ''}** in ${scope}.`
    : `**Lint clean** in ${scope}.`;
  const head = [`## 🚦 Sluice · lint${report.pull_request ? ` · PR #${report.pull_request.number}` : ''}`, '', ...(why ? [`> ${why}`, ''] : []), headline].join('\n');
  const elsewhere = code('sluice lint');
  return fitSections([{ name: 'headline', items: [head] }, lintSection(report, { collapsed: false, elsewhere })], [{ section: 'lint findings', keep: 0 }], {
    limit: SUMMARY_MAX_BYTES,
    measure: utf8Bytes,
    note: (omitted) => `> ✂️ Shortened to stay under the job summary's limit, left out: ${omitted.join(', ')}. Run ${elsewhere} to see them all.`,
  });
}
