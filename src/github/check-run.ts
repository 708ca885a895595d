/**
 * The pull request's check run, on its head commit: created "in progress" when the work starts, completed
 * with the report's text, a conclusion and line annotations at the end. GitHub takes at most 50
 * annotations per request and appends those of every update, so they go in batches, the last update
 * also completing the run.
 */
import type { GitHubClient } from './client.js';
import { annotationBatches, checkRunAnnotation, type Annotation } from './annotations.js';

export const CHECK_RUN_NAME = 'Sluice';
/** GitHub's limit on a check run's output summary and text, each. */
export const CHECK_RUN_OUTPUT_MAX = 65_535;

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'cancelled';

export interface CheckRunRef {
  owner: string;
  repo: string;
  id: number;
}

export async function startCheckRun(client: GitHubClient, options: { owner: string; repo: string; headSha: string; detailsUrl?: string }): Promise<CheckRunRef> {
  const { data } = await client.rest.checks.create({
    owner: options.owner,
    repo: options.repo,
    name: CHECK_RUN_NAME,
    head_sha: options.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
    ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
  });
  return { owner: options.owner, repo: options.repo, id: data.id };
}

export interface CheckRunOutcome {
  conclusion: CheckConclusion;
  title: string;
  /** Markdown, at most 65,535 characters (longer is cut). */
  summary: string;
  /** Markdown, at most 65,535 characters: renderCheckRunText fits it. */
  text?: string;
  annotations: Annotation[];
}

function fit(text: string): string {
  return text.length <= CHECK_RUN_OUTPUT_MAX ? text : `${text.slice(0, CHECK_RUN_OUTPUT_MAX - 1)}…`;
}

export async function completeCheckRun(client: GitHubClient, run: CheckRunRef, outcome: CheckRunOutcome): Promise<void> {
  const output = { title: outcome.title.slice(0, 255), summary: fit(outcome.summary), ...(outcome.text ? { text: fit(outcome.text) } : {}) };
  const batches = annotationBatches(outcome.annotations);
  if (!batches.length) batches.push([]);
  for (const [index, batch] of batches.entries()) {
    const last = index === batches.length - 1;
    await client.rest.checks.update({
      owner: run.owner,
      repo: run.repo,
      check_run_id: run.id,
      output: { ...output, ...(batch.length ? { annotations: batch.map(checkRunAnnotation) } : {}) },
      ...(last ? { status: 'completed' as const, conclusion: outcome.conclusion, completed_at: new Date().toISOString() } : {}),
    });
  }
}
