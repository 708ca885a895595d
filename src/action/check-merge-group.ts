/**
 * A merge queue asking for checks (`merge_group` checks_requested): the group's head commit — the base
 * branch with the queued pull requests merged — is linted, built into an environment of its own, tested
 * and diffed against production, and reported on the check run of that commit (see ci-check-run.ts),
 * in the job summary and the outputs. There is no pull request, so no comment. The environment is dropped
 * afterwards, also when the build or a test failed: nothing reads it once the queue has its answer.
 */
import * as core from '@actions/core';
import { SluiceError } from '../errors.js';
import type { MergeGroupInfo } from '../github/event-context.js';
import { appendJobSummary } from '../github/workflow-output.js';
import * as pipeline from '../pipeline.js';
import { code, plural } from '../report/format.js';
import type { ActionRun } from './action-run.js';
import { reportOnCheckRun, withCheckRun } from './ci-check-run.js';
import { ciWithLint } from './lint-step.js';
import { runLintOnly } from './lint-only.js';
import { maskProfileSecrets } from './profile-secrets.js';
import { mergeGroupFiles } from './pull-request-files.js';
import type { Verdict } from './verdict.js';

export const MERGE_GROUP_READ_ONLY_REASON =
  "The workflow's token may not create check runs (GitHub answered 403), so Sluice ran lint only on the merge group: nothing was built, tested or diffed. Give the workflow 'checks: write'.";

/**
 * `mq_` and the first 12 hex digits of the group's head commit: from the SHA only (the group's ref holds
 * branch names, which never reach SQL), and the same name when a run of that commit is retried.
 */
export function mergeGroupEnvironment(mergeGroup: MergeGroupInfo): string {
  const digits = mergeGroup.headSha.slice(0, 12).toLowerCase();
  if (!/^[0-9a-f]{12}$/.test(digits)) throw new SluiceError(`The merge group's head_sha is not a commit SHA: ${JSON.stringify(mergeGroup.headSha)}`);
  return `mq_${digits}`;
}

export async function checkMergeGroup(run: ActionRun, mergeGroup: MergeGroupInfo): Promise<void> {
  const environment = mergeGroupEnvironment(mergeGroup);
  const files = mergeGroupFiles(run, mergeGroup);
  let built = false;
  let verdict: Verdict | undefined;
  try {
    await withCheckRun(run, {
      headSha: mergeGroup.headSha,
      why: 'checking a merge group',
      readOnly: () => runLintOnly(run, null, MERGE_GROUP_READ_ONLY_REASON, files),
      work: async (checkRun) => {
        maskProfileSecrets(run);
        built = true;
        const result = await ciWithLint({ ...run.projectOptions, environment }, { files });
        verdict = await reportOnCheckRun(run, result, checkRun, environment);
      },
    });
  } finally {
    // After the check run is completed, so the queue has its answer first; a failure to drop does not
    // hide the build's own error.
    if (built) await dropMergeGroupEnvironment(run, mergeGroup, environment);
  }
  if (verdict?.fail) core.setFailed(`Sluice: ${verdict.failure}`);
}

/** Drops the environment; when that fails, a warning (the janitor drops it once it is older than its TTL). */
async function dropMergeGroupEnvironment(run: ActionRun, mergeGroup: MergeGroupInfo, environment: string): Promise<void> {
  const commit = code(mergeGroup.headSha.slice(0, 12));
  try {
    const dropped = await pipeline.drop({ ...run.projectOptions, environment });
    const what = dropped.length ? `dropped ${plural(dropped.length, 'schema')}: ${dropped.map(code).join(', ')}` : 'it had no schemas: nothing to drop';
    await appendJobSummary(`### Merge group ${commit}\n\nThe merge group's environment ${code(environment)} is not kept: ${what}.\n`);
  } catch (error) {
    const message = run.log.mask(error instanceof Error ? error.message : String(error));
    const warning = `Could not drop the merge group's environment ${environment}: ${message}. The janitor drops it once it is older than sluice.yml's environments.ttl.`;
    core.warning(warning, { title: 'Sluice' });
    await appendJobSummary(`### Merge group ${commit}\n\n⚠️ ${warning}\n`).catch(() => undefined);
  }
}
