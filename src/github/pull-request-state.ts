/**
 * Which pull requests are closed, as GitHub says: what the janitor needs to drop the environments of
 * pull requests that were merged or abandoned, whatever their age.
 */
import type { GitHubClient } from './client.js';
import { GitHubApiError } from './github-api-error.js';

export interface PullRequestStates {
  closed: Set<number>;
  open: Set<number>;
  /** Numbers GitHub does not know (404): an environment someone named `pr_N` by hand. */
  unknown: number[];
}

export async function pullRequestStates(client: GitHubClient, owner: string, repo: string, numbers: number[]): Promise<PullRequestStates> {
  const states: PullRequestStates = { closed: new Set(), open: new Set(), unknown: [] };
  for (const number of numbers) {
    try {
      const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
      (data.state === 'closed' ? states.closed : states.open).add(number);
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 404) states.unknown.push(number);
      else throw error;
    }
  }
  return states;
}
