/**
 * Tests of the fake GitHub server itself, driven by the real Octokit client: it must accept what
 * GitHub accepts, refuse what GitHub refuses (with GitHub's statuses and messages), paginate the way
 * Octokit expects, and keep the state the Action's tests inspect.
 */
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { makePull, startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../support/github-server.js';

const owner = 'octo-org';
const repo = 'warehouse';
const sha = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

let server: FakeGitHub | undefined;

async function start(options: FakeGitHubOptions = {}): Promise<{ github: FakeGitHub; octokit: Octokit }> {
  server = await startFakeGitHub(options);
  server.state.pulls.set(2, makePull(server.state, 2));
  const octokit = new Octokit({ auth: 'ghs_test', baseUrl: server.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
  return { github: server, octokit };
}

/** The status and GitHub error body of a request that must fail. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; data: { message: string; errors?: Array<{ message?: string; field?: string }> } }> {
  try {
    await promise;
  } catch (error) {
    const { status, response } = error as { status: number; response?: { data: { message: string } } };
    return { status, data: response?.data as { message: string; errors?: Array<{ message?: string; field?: string }> } };
  }
  throw new Error('the request succeeded, but the fake GitHub should have refused it');
}

afterEach(async () => {
  // close() also fails the test when the fake sent an answer that breaks GitHub's schema.
  await server?.close();
  server = undefined;
});

describe('comments', () => {
  test('create, list and update one comment; another user\'s comment keeps its author', async () => {
    const { github, octokit } = await start();
    github.state.comments.push({
      id: 7,
      issue_number: 2,
      body: '<!-- sluice -->\nI copied the bot',
      user: { login: 'octocat', type: 'User' },
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
    });

    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: '<!-- sluice -->\nfirst' });
    expect(created.status).toBe(201);
    expect(created.data.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
    expect(created.data.body).toBe('<!-- sluice -->\nfirst');

    const updated = await octokit.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: '<!-- sluice -->\nsecond' });
    expect(updated.status).toBe(200);
    expect(updated.data.id).toBe(created.data.id);

    const listed = await octokit.rest.issues.listComments({ owner, repo, issue_number: 2 });
    expect(listed.data.map((comment) => [comment.id, comment.user?.login, comment.user?.type, comment.body])).toEqual([
      [7, 'octocat', 'User', '<!-- sluice -->\nI copied the bot'],
      [created.data.id, 'github-actions[bot]', 'Bot', '<!-- sluice -->\nsecond'],
    ]);
    expect(github.state.comments).toHaveLength(2);
    expect(github.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /repos/octo-org/warehouse/issues/2/comments 201',
      `PATCH /repos/octo-org/warehouse/issues/comments/${created.data.id} 200`,
      'GET /repos/octo-org/warehouse/issues/2/comments 200',
    ]);
    expect(github.requests[0]!.body).toEqual({ body: '<!-- sluice -->\nfirst' });
  });

  test('a login without [bot] comments as a User', async () => {
    const { octokit } = await start({ login: 'sluice-ci' });
    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'hello' });
    expect(created.data.user).toMatchObject({ login: 'sluice-ci', type: 'User' });
  });

  test('paginate returns all 75 comments in order, following Link headers', async () => {
    const { github, octokit } = await start();
    for (let index = 1; index <= 75; index += 1) {
      github.state.comments.push({ id: index, issue_number: 2, body: `comment ${index}`, user: { login: 'octocat', type: 'User' }, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' });
    }
    // A comment on another pull request must not be listed.
    github.state.pulls.set(3, makePull(github.state, 3));
    github.state.comments.push({ id: 500, issue_number: 3, body: 'elsewhere', user: { login: 'octocat', type: 'User' }, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' });

    const first = await octokit.rest.issues.listComments({ owner, repo, issue_number: 2, per_page: 20 });
    expect(first.data).toHaveLength(20);
    expect(first.headers.link).toMatch(/<http:\/\/127\.0\.0\.1:\d+\/repos\/octo-org\/warehouse\/issues\/2\/comments\?per_page=20&page=2>; rel="next"/);
    expect(first.headers.link).toMatch(/page=4>; rel="last"/);

    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: 2, per_page: 20 });
    expect(all.map((comment) => comment.body)).toEqual(Array.from({ length: 75 }, (_, index) => `comment ${index + 1}`));
    const pages = github.requests.slice(1).map((request) => request.query.page ?? '1');
    expect(pages).toEqual(['1', '2', '3', '4']);

    const defaultPage = await octokit.rest.issues.listComments({ owner, repo, issue_number: 2 });
    expect(defaultPage.data).toHaveLength(30); // GitHub's default per_page
    const capped = await octokit.rest.issues.listComments({ owner, repo, issue_number: 2, per_page: 500 });
    expect(capped.data).toHaveLength(75);
    expect(capped.headers.link).toBeUndefined();
  });

  test('perPageMax caps per_page below GitHub\'s 100', async () => {
    const { github, octokit } = await start({ perPageMax: 10 });
    for (let index = 1; index <= 25; index += 1) {
      github.state.comments.push({ id: index, issue_number: 2, body: `c${index}`, user: { login: 'octocat', type: 'User' }, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' });
    }
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: 2, per_page: 100 });
    expect(all).toHaveLength(25);
    expect(github.requests).toHaveLength(3);
  });

  test('a body of 65,536 characters is taken, 65,537 is refused with GitHub\'s 422', async () => {
    const { github, octokit } = await start();
    const longest = await octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'x'.repeat(65_536) });
    expect(longest.status).toBe(201);

    const tooLong = await failure(octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'x'.repeat(65_537) }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.data.message).toBe('Validation Failed');
    expect(tooLong.data.errors?.[0]?.message).toBe('body is too long (maximum is 65536 characters)');

    const tooLongUpdate = await failure(octokit.rest.issues.updateComment({ owner, repo, comment_id: longest.data.id, body: 'y'.repeat(65_537) }));
    expect(tooLongUpdate.status).toBe(422);
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0]!.body).toBe('x'.repeat(65_536));
  });

  test('a comment without a body, or on a pull request that does not exist, is refused', async () => {
    const { github, octokit } = await start();
    const missing = await failure(octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: 2 } as never));
    expect(missing.status).toBe(422);
    expect(missing.data.message).toContain('"body" wasn\'t supplied.');

    const wrongType = await failure(octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: 2, body: 42 } as never));
    expect(wrongType.status).toBe(422);
    expect(wrongType.data.errors?.[0]?.field).toBe('body');

    const noSuchPull = await failure(octokit.rest.issues.createComment({ owner, repo, issue_number: 99, body: 'hello' }));
    expect(noSuchPull.status).toBe(404);
    const noSuchComment = await failure(octokit.rest.issues.updateComment({ owner, repo, comment_id: 123456, body: 'hello' }));
    expect(noSuchComment.status).toBe(404);
    expect(github.state.comments).toEqual([]);
  });
});

describe('check runs', () => {
  const annotation = (line: number): { path: string; start_line: number; end_line: number; annotation_level: 'failure'; message: string } => ({
    path: 'models/orders.sql',
    start_line: line,
    end_line: line,
    annotation_level: 'failure',
    message: `problem ${line}`,
  });

  test('annotations are taken 50 per request and accumulate across updates', async () => {
    const { github, octokit } = await start();
    const created = await octokit.rest.checks.create({
      owner,
      repo,
      name: 'sluice',
      head_sha: sha,
      status: 'in_progress',
      output: { title: 'Sluice', summary: 'running', annotations: Array.from({ length: 50 }, (_, index) => annotation(index + 1)) },
    });
    expect(created.status).toBe(201);
    expect(created.data.output.annotations_count).toBe(50);

    const updated = await octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: created.data.id,
      conclusion: 'failure',
      output: { title: 'Sluice', summary: 'done', annotations: [annotation(51), annotation(52)] },
    });
    expect(updated.data).toMatchObject({ status: 'completed', conclusion: 'failure', head_sha: sha });
    expect(updated.data.output.annotations_count).toBe(52);
    expect(github.state.checkRuns).toHaveLength(1);
    expect(github.state.checkRuns[0]!.output.summary).toBe('done');
    expect(github.state.checkRuns[0]!.output.annotations.map((item) => (item as { start_line: number }).start_line)).toEqual(
      Array.from({ length: 52 }, (_, index) => index + 1),
    );
  });

  test('51 annotations in one request are refused, and nothing is stored', async () => {
    const { github, octokit } = await start();
    const tooMany = await failure(
      octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: sha, output: { title: 'Sluice', summary: 's', annotations: Array.from({ length: 51 }, (_, index) => annotation(index + 1)) } }),
    );
    expect(tooMany.status).toBe(422);
    expect(tooMany.data.message).toMatch(/^Invalid request\./);
    expect(tooMany.data.message).toContain('output/annotations');
    expect(github.state.checkRuns).toEqual([]);
  });

  test('an unknown conclusion, a missing head_sha or an overlong summary is a 422', async () => {
    const { github, octokit } = await start();
    const nope = await failure(octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: sha, conclusion: 'nope' as never }));
    expect(nope.status).toBe(422);
    expect(nope.data.message).toContain('"nope" is not one of');
    expect(nope.data.errors?.[0]?.field).toBe('conclusion');

    const noSha = await failure(octokit.request('POST /repos/{owner}/{repo}/check-runs', { owner, repo, name: 'sluice' } as never));
    expect(noSha.status).toBe(422);
    expect(noSha.data.message).toContain('"head_sha" wasn\'t supplied.');

    const longSummary = await failure(octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: sha, output: { title: 't', summary: 's'.repeat(65_536) } }));
    expect(longSummary.status).toBe(422);
    const longText = await failure(octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: sha, output: { title: 't', summary: 's', text: 't'.repeat(65_536) } }));
    expect(longText.status).toBe(422);
    const longest = await octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: sha, output: { title: 't', summary: 's'.repeat(65_535), text: 't'.repeat(65_535) } });
    expect(longest.status).toBe(201);

    const completedWithoutConclusion = await failure(octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: sha, status: 'completed' }));
    expect(completedWithoutConclusion.status).toBe(422);
    const notASha = await failure(octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: 'main' }));
    expect(notASha.status).toBe(422);
    const columnsAcrossLines = await failure(
      octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: sha, output: { title: 't', summary: 's', annotations: [{ ...annotation(1), end_line: 3, start_column: 1, end_column: 4 }] } }),
    );
    expect(columnsAcrossLines.status).toBe(422);
    expect(github.state.checkRuns).toHaveLength(1);
  });
});

describe('pull requests and the repository', () => {
  test('files are paginated and capped at 3,000, as GitHub does', async () => {
    const { github, octokit } = await start();
    github.state.pulls.set(5, makePull(github.state, 5, { files: Array.from({ length: 3_100 }, (_, index) => ({ filename: `models/m${index}.sql`, status: 'modified', additions: 1, deletions: 1 })) }));
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: 5, per_page: 100 });
    expect(files).toHaveLength(3_000);
    expect(files[0]).toMatchObject({ filename: 'models/m0.sql', status: 'modified', additions: 1, deletions: 1, changes: 2 });
    expect(files.at(-1)!.filename).toBe('models/m2999.sql');
  });

  test('a pull request from a fork shows its head repository; list filters by state', async () => {
    const { github, octokit } = await start();
    github.state.pulls.set(3, makePull(github.state, 3, { head: { sha, ref: 'patch-1', repo: { full_name: 'forker/warehouse', fork: true } } }));
    github.state.pulls.set(4, makePull(github.state, 4, { state: 'closed', merged: true }));
    const fork = await octokit.rest.pulls.get({ owner, repo, pull_number: 3 });
    expect(fork.data.head.repo?.full_name).toBe('forker/warehouse');
    expect(fork.data.head.repo?.fork).toBe(true);
    expect(fork.data.base.repo.full_name).toBe('octo-org/warehouse');
    expect(fork.data.head.sha).toBe(sha);

    const closed = await octokit.rest.pulls.list({ owner, repo, state: 'closed' });
    expect(closed.data.map((pull) => [pull.number, pull.state, pull.merged_at !== null])).toEqual([[4, 'closed', true]]);
    const open = await octokit.rest.pulls.list({ owner, repo });
    expect(open.data.map((pull) => pull.number)).toEqual([3, 2]);
    const all = await octokit.rest.pulls.list({ owner, repo, state: 'all', direction: 'asc' });
    expect(all.data.map((pull) => pull.number)).toEqual([2, 3, 4]);

    const badState = await failure(octokit.rest.pulls.list({ owner, repo, state: 'merged' as never }));
    expect(badState.status).toBe(422);
    const badNumber = await failure(octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: 'abc' as never }));
    expect(badNumber.status).toBe(422);
    const missing = await failure(octokit.rest.pulls.get({ owner, repo, pull_number: 404 }));
    expect(missing.status).toBe(404);
  });

  test('the repository, another repository, an unknown route', async () => {
    const { octokit } = await start({ defaultBranch: 'main' });
    const repository = await octokit.rest.repos.get({ owner, repo });
    expect(repository.data).toMatchObject({ full_name: 'octo-org/warehouse', default_branch: 'main', fork: false });
    expect((await failure(octokit.rest.repos.get({ owner, repo: 'other' }))).status).toBe(404);
    expect((await failure(octokit.request('GET /repos/{owner}/{repo}/releases', { owner, repo }))).status).toBe(404);
  });

  test('a non-conforming answer of the fake itself fails loudly', async () => {
    const { github, octokit } = await start();
    github.state.pulls.set(6, makePull(github.state, 6, { files: [{ filename: 'a.sql', status: 'bogus' }] }));
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await failure(octokit.rest.pulls.listFiles({ owner, repo, pull_number: 6 }))).status).toBe(500);
      expect(String(consoleError.mock.calls[0]?.[0])).toContain('/0/status must be equal to one of the allowed values');
    } finally {
      consoleError.mockRestore();
    }
    server = undefined; // closed here instead of in afterEach
    await expect(github.close()).rejects.toThrow(/broke GitHub's schema[\s\S]*pulls\/list-files/);
  });
});

describe('tokens and injected failures', () => {
  test('a request without a token is a 401', async () => {
    const { github } = await start();
    const anonymous = new Octokit({ baseUrl: github.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
    const answer = await failure(anonymous.rest.pulls.get({ owner, repo, pull_number: 2 }));
    expect(answer.status).toBe(401);
    expect(answer.data.message).toBe('Requires authentication');
  });

  test('a fork\'s read-only token may read but not comment or create check runs', async () => {
    const { github, octokit } = await start({ readOnlyToken: true });
    const comment = await failure(octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'hello' }));
    expect(comment.status).toBe(403);
    expect(comment.data.message).toBe('Resource not accessible by integration');
    const check = await failure(octokit.rest.checks.create({ owner, repo, name: 'sluice', head_sha: sha }));
    expect(check.status).toBe(403);
    expect((await octokit.rest.pulls.get({ owner, repo, pull_number: 2 })).status).toBe(200);
    expect(github.state.comments).toEqual([]);
    expect(github.state.checkRuns).toEqual([]);
  });

  test('GET /user answers the login, or 403 for an Actions token', async () => {
    const ok = await start({ login: 'sluice-bot' });
    expect((await ok.octokit.rest.users.getAuthenticated()).data.login).toBe('sluice-bot');
    await ok.github.close();

    const forbidden = await start({ userEndpoint: 'forbidden' });
    const answer = await failure(forbidden.octokit.rest.users.getAuthenticated());
    expect(answer.status).toBe(403);
    expect(answer.data.message).toBe('Resource not accessible by integration');
  });

  test('fail() answers the given status the given number of times, then the request goes through', async () => {
    const { github, octokit } = await start();
    github.fail({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 502, times: 2 });
    github.fail({ method: 'GET', path: /^\/repos\/octo-org\/warehouse$/, status: 403, message: 'API rate limit exceeded' });
    expect((await failure(octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'a' }))).status).toBe(502);
    expect((await failure(octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'a' }))).status).toBe(502);
    expect((await octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'a' })).status).toBe(201);
    const limited = await failure(octokit.rest.repos.get({ owner, repo }));
    expect(limited).toMatchObject({ status: 403, data: { message: 'API rate limit exceeded' } });
    expect((await octokit.rest.repos.get({ owner, repo })).status).toBe(200);
    expect(github.requests.map((request) => request.status)).toEqual([502, 502, 201, 403, 200]);
    expect(github.state.comments).toHaveLength(1);
  });

  test('@actions/github getOctokit reaches the fake through GITHUB_API_URL', async () => {
    const { github } = await start();
    const previous = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = github.url; // read when @actions/github is first imported
    try {
      const { getOctokit } = await import('@actions/github');
      const octokit = getOctokit('ghs_test');
      const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: 2, body: 'from getOctokit' });
      expect(created.status).toBe(201);
      expect(github.state.comments.map((comment) => comment.body)).toEqual(['from getOctokit']);
    } finally {
      if (previous === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = previous;
    }
  });
});
