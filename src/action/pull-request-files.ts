/**
 * The files a pull request (or a merge group) changes inside the project, relative to it (what lint
 * takes): from git if the checkout has both commits, else, for a pull request, from the API (reading
 * works with a read-only token), else undefined — then the whole project, or for `ci` what its plan
 * found modified, is linted.
 */
import * as core from '@actions/core';
import { changedFilesBetween } from '../git.js';
import { changedFilesFromApi, filesInProject, PULL_REQUEST_FILES_MAX } from '../github/changed-files.js';
import type { MergeGroupInfo, PullRequestInfo } from '../github/event-context.js';
import { formatCount, plural } from '../report/format.js';
import type { ActionRun } from './action-run.js';

/** From `git diff base...head`, or null when the checkout lacks either commit. */
function filesFromGit(run: ActionRun, baseSha: string, headSha: string): string[] | null {
  const fromGit = changedFilesBetween(run.repositoryRoot, baseSha, headSha);
  if (!fromGit) return null;
  const files = filesInProject(fromGit, run.repositoryRoot, run.projectDir);
  run.log.info(`Changed files (git diff): ${plural(files.length, 'file')} in the project.`);
  return files;
}

/** A merge group has no files API: without both commits in the checkout, undefined. */
export function mergeGroupFiles(run: ActionRun, mergeGroup: MergeGroupInfo): string[] | undefined {
  const files = filesFromGit(run, mergeGroup.baseSha, mergeGroup.headSha);
  if (files) return files;
  run.log.info("The checkout lacks the merge group's base commit, so git cannot list what it changes (check out with fetch-depth: 0).");
  return undefined;
}

export async function pullRequestFiles(run: ActionRun, pullRequest: PullRequestInfo): Promise<string[] | undefined> {
  const fromGit = filesFromGit(run, pullRequest.baseSha, pullRequest.headSha);
  if (fromGit) return fromGit;
  if (!run.inputs.githubToken) {
    run.log.info('The checkout lacks the base commit and there is no token to ask GitHub: linting the whole project.');
    return undefined;
  }
  const changed = await changedFilesFromApi({ client: run.github('listing the changed files'), owner: run.context.owner, repo: run.context.repo, pullNumber: pullRequest.number });
  if (changed.truncated) core.warning(`GitHub lists only the first ${formatCount(PULL_REQUEST_FILES_MAX)} files of a pull request: lint covers those. Check out with fetch-depth: 0 to lint them all.`);
  const files = filesInProject(changed.files, run.repositoryRoot, run.projectDir);
  run.log.info(`Changed files (pull request files API): ${plural(files.length, 'file')} in the project.`);
  return files;
}
