/**
 * The GitHub client against the fake GitHub server: safe requests retried on transient failures, a POST
 * never; clear errors; the sticky comment found across pages by marker and login; the token's login.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createGitHubClient } from '../../src/github/client.js';
import { GitHubApiError } from '../../src/github/github-api-error.js';
import { upsertStickyComment } from '../../src/github/sticky-comment.js';
import { tokenLogin } from '../../src/github/token-login.js';
import { COMMENT_MARKER } from '../../src/report/markdown.js';
import { makePull, startFakeGitHub, type FakeGitHub } from '../support/github-server.js';

const FAST = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

function client(url: string, log?: (line: string) => void) {
  return createGitHubClient({ token: 'ghs_test', apiUrl: url, retry: FAST, log });
}

describe('retries', () => {
  it('repeats a read and an update after 5xx and 429, up to the policy, and never a create', async () => {
    github = await startFakeGitHub();
    github.state.pulls.set(2, makePull(github.state, 2));
    const logged: string[] = [];
    const octokit = client(github.url, (line) => logged.push(line));
    github.fail({ method: 'GET', path: /\/pulls\/2$/, status: 503, times: 1 });
    github.fail({ method: 'GET', path: /\/pulls\/2$/, status: 429, times: 1 });
    expect((await octokit.rest.pulls.get({ owner: 'octo-org', repo: 'warehouse', pull_number: 2 })).data.number).toBe(2);
    expect(logged).toEqual([expect.stringContaining('GET /repos/octo-org/warehouse/pulls/2 answered 503: retrying'), expect.stringContaining('answered 429: retrying')]);

    github.fail({ method: 'GET', path: /\/pulls\/2$/, status: 502, times: 3 });
    const exhausted = await octokit.rest.pulls.get({ owner: 'octo-org', repo: 'warehouse', pull_number: 2 }).catch((error: unknown) => error);
    expect(exhausted).toBeInstanceOf(GitHubApiError);
    expect((exhausted as GitHubApiError).message).toBe('GitHub API GET /repos/octo-org/warehouse/pulls/2 answered 502: Server Error (after 3 attempts)');

    github.fail({ method: 'POST', path: /\/issues\/2\/comments$/, status: 503, times: 1 });
    const created = await octokit.rest.issues.createComment({ owner: 'octo-org', repo: 'warehouse', issue_number: 2, body: 'x' }).catch((error: unknown) => error);
    expect((created as GitHubApiError).status).toBe(503);
    expect(github.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(github.state.comments).toHaveLength(0);
  });

  it('repeats a request that got no answer, then says GitHub could not be reached', async () => {
    github = await startFakeGitHub();
    const url = github.url;
    await github.close();
    github = undefined;
    const error = (await tokenLogin(client(url)).catch((thrown: unknown) => thrown)) as GitHubApiError;
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/^GitHub API GET \/user got no response: .* \(after 3 attempts\)$/);
    expect(error.hint).toContain('GITHUB_API_URL');
  });
});

describe('the sticky comment', () => {
  it('is found on a later page by its marker and our login, and updated in place', async () => {
    github = await startFakeGitHub({ perPageMax: 2, login: 'sluice-bot' });
    github.state.pulls.set(2, makePull(github.state, 2));
    const at = '2024-01-01T00:00:00Z';
    const other = (id: number, login: string, body: string) => ({ id, issue_number: 2, body, user: { login, type: 'User' }, created_at: at, updated_at: at });
    github.state.comments.push(other(1, 'octocat', 'looks good'), other(2, 'octocat', `${COMMENT_MARKER} quoted`), other(3, 'sluice-bot', 'an ordinary comment'), other(4, 'hubot', 'hi'), other(5, 'sluice-bot', `${COMMENT_MARKER}\nold report`));
    const octokit = client(github.url);
    expect(await tokenLogin(octokit)).toBe('sluice-bot');
    const result = await upsertStickyComment(octokit, { owner: 'octo-org', repo: 'warehouse', issueNumber: 2, login: 'sluice-bot' }, `${COMMENT_MARKER}\nnew report`);
    expect(result).toMatchObject({ id: 5, action: 'updated' });
    expect(github.state.comments.map((comment) => comment.body)).toEqual(['looks good', `${COMMENT_MARKER} quoted`, 'an ordinary comment', 'hi', `${COMMENT_MARKER}\nnew report`]);
    expect(github.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/comments')).map((request) => request.query.page ?? '1')).toEqual(['1', '2', '3']);
  });

  it("is posted as github-actions[bot] with the workflow's token, which may not read /user", async () => {
    github = await startFakeGitHub({ userEndpoint: 'forbidden' });
    expect(await tokenLogin(client(github.url))).toBe('github-actions[bot]');
  });
});
