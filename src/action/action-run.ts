/**
 * What every event handler works with: the inputs, the event, the log, where the project and the
 * repository are, the options the library calls take, and a GitHub client made on first use.
 */
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { repositoryPath } from '../github/annotations.js';
import type { GitHubContext } from '../github/event-context.js';
import { gitTopLevel } from '../git.js';
import type { ProjectOptions } from '../pipeline.js';
import type { ActionLog } from './action-log.js';
import { requireToken, type ActionInputs } from './inputs.js';

export interface ActionRun {
  inputs: ActionInputs;
  context: GitHubContext;
  log: ActionLog;
  /** Absolute. */
  projectDir: string;
  /** The checkout's top folder: annotation paths are relative to it. */
  repositoryRoot: string;
  projectOptions: ProjectOptions;
  /** The GitHub client; throws an error naming the `github-token` input when it is empty. */
  github(why: string): GitHubClient;
  /** A project file (relative to the project, or absolute) as a repository path, or null outside the repository. */
  repositoryPathOf(file: string): string | null;
}

export async function prepareRun(inputs: ActionInputs, context: GitHubContext, log: ActionLog): Promise<ActionRun> {
  // Real paths: git reports the checkout's real path, and paths relative to it must line up.
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : path);
  const projectDir = real(resolve(context.workspace, inputs.projectDir));
  const repositoryRoot = gitTopLevel(projectDir) ?? real(resolve(context.workspace));
  let client: GitHubClient | undefined;
  return {
    inputs,
    context,
    log,
    projectDir,
    repositoryRoot,
    projectOptions: {
      projectDir,
      profilesDir: inputs.profilesDir ? resolve(context.workspace, inputs.profilesDir) : undefined,
      target: inputs.target,
      targetOverrides: inputs.targetOverrides,
      out: log.info,
    },
    github(why) {
      client ??= createGitHubClient({ token: requireToken(inputs, why), log: log.info });
      return client;
    },
    repositoryPathOf: (file) => repositoryPath(repositoryRoot, projectDir, file),
  };
}
