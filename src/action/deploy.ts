/**
 * A push to the default branch: `promote` the pushed commit (write → audit → publish). A failed test
 * leaves production as it was and fails the step, whatever `fail-on` says: a deploy that did not happen
 * is never a success.
 */
import * as core from '@actions/core';
import { existsSync } from 'node:fs';
import { appendJobSummary } from '../github/workflow-output.js';
import * as pipeline from '../pipeline.js';
import { code } from '../report/format.js';
import { renderSummary } from '../report/summary.js';
import type { ActionRun } from './action-run.js';
import { writeOutputs } from './report-outputs.js';

export async function promoteToProduction(run: ActionRun): Promise<void> {
  const result = await pipeline.promote({ ...run.projectOptions, gitSha: run.context.sha || null });
  // promote.json: the pull request's report.json beside it is left as ci wrote it.
  const reportFile = pipeline.reportJsonPath(run.projectDir, 'promote.json');
  const reportPath = result.report && existsSync(reportFile) ? reportFile : null;
  writeOutputs({ report: result.report, reportPath, environment: result.target });
  const shown = reportPath ? (run.repositoryPathOf(reportPath) ?? reportPath) : undefined;
  const status =
    result.status === 'published'
      ? `✅ **Published** ${code(result.deployId ?? '')} to production (${code(result.target)})${run.context.sha ? ` from ${code(run.context.sha.slice(0, 12))}` : ''}. Undo it with ${code('sluice rollback')}.`
      : result.status === 'up_to_date'
        ? '✅ **Production is up to date**: nothing to deploy.'
        : `❌ **Not published**: production is unchanged. What failed:\n\n${result.failures.map((failure) => `- ${code(failure)}`).join('\n')}`;
  await appendJobSummary([`## 🚦 Sluice · promote`, '', status, ...(result.report ? ['', renderSummary(result.report, { reportPath: shown })] : [])].join('\n'));
  if (result.status === 'failed') core.setFailed(`Sluice promote: not published, production is unchanged (${result.failures.join('; ')})`);
}
