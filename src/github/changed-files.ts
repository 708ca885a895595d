/**
 * The files a pull request changes, for lint: from git when the checkout holds both the base and the
 * head commit (`git diff base...head`, what the pull request's "Files changed" tab shows), otherwise from
 * the pull request files API, paginated — which lists at most 3,000 files.
 */
import { execFile } from 'node:child_process';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { GitHubClient } from './client.js';

/** GitHub's pull request files API lists no more than this many files. */
export const PULL_REQUEST_FILES_MAX = 3000;

export interface ChangedFilesRequest {
  client: GitHubClient;
  owner: string;
  repo: string;
  pullNumber: number;
}

function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((done) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout) => done(error ? null : stdout));
  });
}

/** The repository's top folder as git sees it, or null when `dir` is not in a git checkout (or git is missing). */
export async function gitTopLevel(dir: string): Promise<string | null> {
  const top = await git(dir, ['rev-parse', '--show-toplevel']);
  return top ? top.trim() : null;
}

/** Files changed between the merge base of `baseSha` and `headSha`, or null if the checkout cannot tell. */
export async function changedFilesFromGit(repositoryRoot: string, baseSha: string, headSha: string): Promise<string[] | null> {
  if (!baseSha || !headSha) return null;
  for (const sha of [baseSha, headSha]) {
    if ((await git(repositoryRoot, ['cat-file', '-e', `${sha}^{commit}`])) === null) return null;
  }
  // Three dots: what the pull request changes since it branched off, not what the base did since.
  const listed = await git(repositoryRoot, ['diff', '--name-only', '--diff-filter=d', '-z', `${baseSha}...${headSha}`]);
  if (listed === null) return null;
  return listed.split('\0').filter(Boolean);
}

/** Paths relative to the repository root, deleted files left out; `truncated` when GitHub's 3,000-file limit was reached. */
export async function changedFilesFromApi(request: ChangedFilesRequest): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  let listed = 0;
  const pages = request.client.paginate.iterator(request.client.rest.pulls.listFiles, { owner: request.owner, repo: request.repo, pull_number: request.pullNumber, per_page: 100 });
  for await (const page of pages) {
    for (const file of page.data) {
      listed += 1;
      if (file.status !== 'removed') files.push(file.filename);
    }
    if (listed >= PULL_REQUEST_FILES_MAX) break;
  }
  return { files, truncated: listed >= PULL_REQUEST_FILES_MAX };
}

/** The changed files inside the project, relative to the project folder (what lint takes). */
export function filesInProject(files: string[], repositoryRoot: string, projectDir: string): string[] {
  const project = resolve(projectDir);
  const inside: string[] = [];
  for (const file of files) {
    const path = relative(project, resolve(repositoryRoot, file));
    if (path && !path.startsWith('..') && !isAbsolute(path)) inside.push(path.split(sep).join('/'));
  }
  return inside;
}
