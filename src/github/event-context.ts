/**
 * What the runner tells a step about the event that started the workflow: the `GITHUB_*` variables and
 * the webhook payload in `GITHUB_EVENT_PATH`, read into plain, checked values. Only numbers and SHAs are
 * taken from a pull request or a merge group: titles and branch names never reach Sluice's SQL.
 */
import { readFileSync } from 'node:fs';
import { SluiceError } from '../errors.js';

export interface GitHubContext {
  eventName: string;
  /** The `action` of the payload (`opened`, `closed`…), when it has one. */
  action: string | undefined;
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
  /** GITHUB_SHA: for a pull request the merge commit, not its head. */
  sha: string;
  ref: string;
  workspace: string;
  /** The run's page, where the job summary is shown. */
  runUrl: string | undefined;
  defaultBranch: string | undefined;
}

export interface PullRequestInfo {
  number: number;
  /** The head commit a check run belongs to. */
  headSha: string;
  baseSha: string;
  /** From another repository: no secrets and a read-only token. */
  fromFork: boolean;
  /** Closed by a merge (only meaningful when the event's action is `closed`). */
  merged: boolean;
  url: string | undefined;
}

/** A merge queue's group of pull requests (a `merge_group` event), as its head commit and the commit it goes onto. */
export interface MergeGroupInfo {
  /** The group's head commit: what is built, and what the check run belongs to. */
  headSha: string;
  /** The commit of the target branch the group goes onto ('' when the payload has none). */
  baseSha: string;
}

const SHA = /^[0-9a-f]{40}$/i;

export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const eventName = env.GITHUB_EVENT_NAME;
  if (!eventName) throw new SluiceError('GITHUB_EVENT_NAME is not set: this runs as a step of a GitHub Actions workflow', { hint: 'run the CLI (sluice ci, sluice promote …) outside GitHub Actions' });
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) throw new SluiceError(`GITHUB_REPOSITORY must be 'owner/name', got '${repository}'`);
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const repositoryPayload = record(payload.repository);
  return {
    eventName,
    action: typeof payload.action === 'string' ? payload.action : undefined,
    payload,
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
    defaultBranch: typeof repositoryPayload?.default_branch === 'string' ? repositoryPayload.default_branch : undefined,
  };
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SluiceError(`Could not read the event payload GITHUB_EVENT_PATH=${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return record(parsed) ?? {};
  } catch (error) {
    throw new SluiceError(`The event payload ${path} is not JSON: ${(error as Error).message}`, { file: path });
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The pull request of a `pull_request` event, or null for other events. */
export function pullRequestOf(context: GitHubContext): PullRequestInfo | null {
  const pull = record(context.payload.pull_request);
  if (!pull) return null;
  const number = Number(pull.number ?? context.payload.number);
  if (!Number.isInteger(number) || number < 1) throw new SluiceError(`The event payload's pull request number is not a positive whole number: ${JSON.stringify(pull.number)}`);
  const head = record(pull.head);
  const base = record(pull.base);
  const headSha = String(head?.sha ?? '');
  const baseSha = String(base?.sha ?? '');
  if (!SHA.test(headSha)) throw new SluiceError(`The event payload's pull_request.head.sha is not a commit SHA: ${JSON.stringify(head?.sha)}`);
  // A deleted fork leaves head.repo null: it is still someone else's code.
  const headRepo = record(head?.repo);
  const baseRepo = record(base?.repo) ?? record(context.payload.repository);
  const baseName = String(baseRepo?.full_name ?? `${context.owner}/${context.repo}`);
  return {
    number,
    headSha,
    baseSha: SHA.test(baseSha) ? baseSha : '',
    fromFork: !headRepo || headRepo.full_name !== baseName,
    merged: pull.merged === true,
    url: typeof pull.html_url === 'string' ? pull.html_url : undefined,
  };
}

/**
 * The merge group of a `merge_group` event, or null for other events. Only its SHAs are taken: its refs
 * (`refs/heads/gh-readonly-queue/main/pr-123-…`) hold branch names, which never reach Sluice.
 */
export function mergeGroupOf(context: GitHubContext): MergeGroupInfo | null {
  if (context.eventName !== 'merge_group') return null;
  const group = record(context.payload.merge_group);
  if (!group) throw new SluiceError('The merge_group event payload has no merge_group', { hint: "GitHub sends it with every merge_group event: is GITHUB_EVENT_PATH the event's own payload?" });
  const headSha = String(group.head_sha ?? '');
  if (!SHA.test(headSha)) {
    const what = group.head_sha === undefined || group.head_sha === null ? 'missing' : `not a commit SHA: ${JSON.stringify(group.head_sha)}`;
    throw new SluiceError(`The event payload's merge_group.head_sha is ${what}`, { hint: "Sluice builds and checks the merge group's head commit, and names its environment after it" });
  }
  const baseSha = String(group.base_sha ?? '');
  return { headSha: headSha.toLowerCase(), baseSha: SHA.test(baseSha) ? baseSha.toLowerCase() : '' };
}
