/** `command: plan`: what `ci` would build for the pull request, without building it. */
import type { PullRequestInfo } from '../github/event-context.js';
import { appendJobSummary } from '../github/workflow-output.js';
import * as pipeline from '../pipeline.js';
import { formatPlan } from '../plan/plan.js';
import type { ActionRun } from './action-run.js';
import { writeOutputs } from './report-outputs.js';

export async function previewPlan(run: ActionRun, pullRequest: PullRequestInfo): Promise<void> {
  const { plan, environment } = await pipeline.plan({ ...run.projectOptions, environment: `pr_${pullRequest.number}` });
  const lines = formatPlan(plan, environment);
  for (const line of lines) run.log.info(line);
  writeOutputs({ environment });
  await appendJobSummary(`## 🚦 Sluice · plan for pull request #${pullRequest.number}\n\n\`\`\`\n${run.log.mask(lines.join('\n')).replace(/```/g, "'''")}\n\`\`\`\n`);
}
