/**
 * The files a pull request changes, from the pull request files API (paginated; it lists at most 3,000
 * files), for when the checkout cannot tell (src/git.ts asks git first).
 */
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
