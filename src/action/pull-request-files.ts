/**
 * The files a pull request changes inside the project, relative to it (what lint takes): from git if
 * the checkout has both commits, else from the API (reading works with a read-only token), else
 * undefined — then the whole project is linted.
 */
import * as core from '@actions/core';
import { changedFilesBetween } from '../git.js';
import { changedFilesFromApi, filesInProject, PULL_REQUEST_FILES_MAX } from '../github/changed-files.js';
import type { PullRequestInfo } from '../github/event-context.js';
import { formatCount, plural } from '../report/format.js';
import type { ActionRun } from './action-run.js';

export async function pullRequestFiles(run: ActionRun, pullRequest: PullRequestInfo): Promise<string[] | undefined> {
  const fromGit = changedFilesBetween(run.repositoryRoot, pullRequest.baseSha, pullRequest.headSha);
  if (fromGit) {
    const files = filesInProject(fromGit, run.repositoryRoot, run.projectDir);
    run.log.info(`Changed files (git diff): ${plural(files.length, 'file')} in the project.`);
    return files;
  }
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
