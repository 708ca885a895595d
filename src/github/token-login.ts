/**
 * Whose token the Action holds: the login its comments are posted under, so that the sticky comment is
 * only ever one of our own. A personal or app user token can ask GET /user; the workflow's GITHUB_TOKEN
 * (an integration token) cannot — GitHub answers 403 — and comments as `github-actions[bot]`.
 */
import type { GitHubClient } from './client.js';
import { GitHubApiError } from './github-api-error.js';

export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export async function tokenLogin(client: GitHubClient): Promise<string> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 403) return ACTIONS_BOT_LOGIN;
    throw error;
  }
}
