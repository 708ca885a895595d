/**
 * The Action on pull requests, end to end on DuckDB: the bundled dist/index.js, run as a runner runs it,
 * against the fake GitHub server. One sticky comment (created, then updated in place), a check run on
 * the head commit with a conclusion from `fail-on`, outputs and the job summary; a fork gets lint only.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMMENT_MARKER } from '../../src/report/markdown.js';
import { makePull, startFakeGitHub, type FakeGitHub } from '../support/github-server.js';
import { makeProject } from '../support/project.js';
import { eventPayload, HEAD_SHA, runAction } from './run-action.js';

const PROJECT = {
  'seeds/raw_orders.csv': 'order_id,amount\n1,10\n2,20\n3,30\n',
  'models/orders.sql': "select order_id, amount from {{ ref('raw_orders') }}\n",
  'models/schema.yml': `version: 2
models:
  - name: orders
    columns:
      - name: order_id
        tests: [unique, not_null]
`,
};

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.pulls.set(2, makePull(github.state, 2, { files: [{ filename: 'models/orders.sql', status: 'modified' }] }));
});
afterEach(async () => {
  await github.close();
});

function pullRequestEvent(action: string, fixture = `pull_request.${action}`) {
  return eventPayload(fixture);
}

describe('a pull request', () => {
  it('gets one comment, created when opened and updated in place on the next push', async () => {
    const dir = makeProject(PROJECT);
    // Someone quoting the marker in a comment of their own: not ours, never overwritten.
    const quoted = { id: 7, issue_number: 2, body: `${COMMENT_MARKER} quoted`, user: { login: 'octocat', type: 'User' }, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' };
    github.state.comments.push({ ...quoted });
    const opened = await runAction({ event: 'pull_request', payload: pullRequestEvent('opened'), workspace: dir, apiUrl: github.url });
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    expect(github.state.comments).toHaveLength(2);
    const comment = github.state.comments.find((candidate) => candidate.user.login === 'github-actions[bot]')!;
    const firstBody = comment.body;
    expect(firstBody.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment.body).toContain('PR #2');
    expect(comment.body).toContain('`pr_2`');
    expect(github.state.checkRuns).toHaveLength(1);
    expect(github.state.checkRuns[0]).toMatchObject({ name: 'Sluice', head_sha: HEAD_SHA, status: 'completed', conclusion: 'success' });
    expect(opened.outputs).toEqual({ 'report-path': join(dir, 'target', 'sluice', 'report.json'), 'models-built': '2', 'tests-failed': '0', 'lint-errors': '0', environment: 'pr_2' });
    expect(opened.summary).toContain('## 🚦 Sluice');
    expect(opened.summary).toContain('orders');

    writeFileSync(join(dir, 'models/order_total.sql'), "select sum(amount) as total from {{ ref('orders') }}\n");
    const pushed = await runAction({ event: 'pull_request', payload: pullRequestEvent('synchronize'), workspace: dir, apiUrl: github.url });
    expect(pushed.code).toBe(0);
    expect(github.state.comments).toHaveLength(2);
    expect(github.state.comments.find((candidate) => candidate.id === quoted.id)).toEqual(quoted);
    const updated = github.state.comments.find((candidate) => candidate.id === comment.id)!;
    expect(firstBody).not.toContain('order_total');
    expect(updated.body).toContain('order_total');
    expect(github.requests.filter((request) => request.method === 'PATCH' && /\/issues\/comments\/\d+$/.test(request.path))).toHaveLength(1);
    expect(github.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/issues/2/comments'))).toHaveLength(1);
  });
});

describe('a pull request whose data fails a test', () => {
  it('fails the check run and the step, and the comment names the test', async () => {
    const dir = makeProject({ ...PROJECT, 'seeds/raw_orders.csv': 'order_id,amount\n1,10\n1,20\n3,30\n' });
    const result = await runAction({ event: 'pull_request', payload: pullRequestEvent('opened'), workspace: dir, apiUrl: github.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::Sluice: 1 test failed \(unique_orders_order_id\)/m);
    expect(github.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 test failed (unique_orders_order_id)' } });
    // The failing test is annotated on the YAML line that declares it.
    expect(github.state.checkRuns[0].output.annotations).toContainEqual(expect.objectContaining({ path: 'models/schema.yml', annotation_level: 'failure', title: 'Test unique_orders_order_id failed' }));
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0].body).toContain('unique_orders_order_id');
    expect(result.outputs['tests-failed']).toBe('1');
    expect(result.summary).toContain('unique_orders_order_id');
  });

  it("reports without failing the step when fail-on is 'never'", async () => {
    const dir = makeProject({ ...PROJECT, 'seeds/raw_orders.csv': 'order_id,amount\n1,10\n1,20\n' });
    const result = await runAction({ event: 'pull_request', payload: pullRequestEvent('reopened'), workspace: dir, apiUrl: github.url, inputs: { 'fail-on': 'never', comment: 'false' } });
    expect(result.code).toBe(0);
    expect(github.state.checkRuns[0]).toMatchObject({ conclusion: 'neutral' });
    expect(github.state.comments).toHaveLength(0);
  });
});

describe('a pull request whose job is cancelled', () => {
  it('stops its statements and ends the check run as cancelled, not failed', async () => {
    // Ten billion rows: minutes of work unless the cancel interrupts it.
    const dir = makeProject({ ...PROJECT, 'models/orders.sql': "select count(*) as order_id from range(100000) a, range(100000) b\n" });
    let sentAt = 0;
    const result = await runAction({
      event: 'pull_request',
      payload: pullRequestEvent('opened'),
      workspace: dir,
      apiUrl: github.url,
      onSpawn: (child) => {
        let stdout = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          // A runner cancelling the job sends SIGINT to the step's process.
          if (!sentAt && stdout.includes('Running build')) {
            sentAt = Date.now();
            setTimeout(() => child.kill('SIGINT'), 300);
          }
        });
      },
    });
    expect(sentAt).toBeGreaterThan(0);
    expect(Date.now() - sentAt).toBeLessThan(20_000);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('Cancelling: stopping running statements');
    expect(github.state.checkRuns).toHaveLength(1);
    expect(github.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
  });
});

describe('a pull request from a fork', () => {
  it('is only linted: annotations as workflow commands and a summary that says why; nothing built or posted', async () => {
    await github.close();
    github = await startFakeGitHub({ readOnlyToken: true });
    github.state.pulls.set(2, makePull(github.state, 2, { head: { sha: HEAD_SHA, ref: 'changes', repo: { full_name: 'Codertocat/warehouse', fork: true } }, files: [{ filename: 'models/orders.sql', status: 'modified' }] }));
    // A fork's run has no secrets: the profile's env_var() is unset, and lint must not need it.
    const dir = makeProject({
      ...PROJECT,
      'models/orders.sql': "select order_id, amount, from {{ ref('raw_orders') }}\n",
      'profiles.yml': `test_project:\n  target: prod\n  outputs:\n    prod:\n      type: databricks\n      host: example.cloud.databricks.com\n      http_path: /sql/1.0/warehouses/abc\n      token: "{{ env_var('DATABRICKS_TOKEN') }}"\n      catalog: main\n      schema: analytics\n`,
    });
    const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened.fork'), workspace: dir, apiUrl: github.url });
    expect(result.stdout).toMatch(/^::error title=Sluice lint CV03,file=models\/orders\.sql,line=1,endLine=1,col=\d+::trailing comma before FROM/m);
    expect(result.stdout).toContain('::notice title=Sluice%3A lint only::This pull request comes from a fork');
    expect(result.summary).toContain('comes from a fork');
    expect(result.summary).toContain('nothing was built');
    expect(result.summary).toContain('CV03');
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ 'lint-errors': '1', environment: '', 'report-path': '' });
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(github.state.comments).toHaveLength(0);
    expect(github.state.checkRuns).toHaveLength(0);
    expect(existsSync(join(dir, 'target', 'sluice', 'report.json'))).toBe(false);
  });

  it('is only linted when the token turns out to be read-only (403 on creating the check run)', async () => {
    await github.close();
    github = await startFakeGitHub({ readOnlyToken: true });
    github.state.pulls.set(2, makePull(github.state, 2, { files: [{ filename: 'models/orders.sql', status: 'modified' }] }));
    // As for a Dependabot pull request: no secrets either, so the profile cannot even be read in full.
    const dir = makeProject({ ...PROJECT, 'profiles.yml': "test_project:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: \"target/{{ env_var('SLUICE_TEST_UNSET_PATH') }}.duckdb\"\n" });
    const result = await runAction({ event: 'pull_request', payload: pullRequestEvent('opened'), workspace: dir, apiUrl: github.url });
    expect(result.code).toBe(0);
    expect(result.summary).toContain('may not create check runs');
    expect(github.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual(['POST /repos/octo-org/warehouse/check-runs 403']);
    // Nothing built: no database file, no report (lint may keep its cache under target/).
    expect(readdirSync(join(dir, 'target'), { recursive: true }).map(String).filter((file) => /\.duckdb$|report\.json$/.test(file))).toEqual([]);
  });
});

describe('a report larger than GitHub takes', () => {
  it('is trimmed to fit the comment, and its annotations are sent 50 per request', async () => {
    // One finding per line (keyword case: `AS` in a file that starts in lower case): 1,200 findings.
    const columns = Array.from({ length: 1200 }, (_, index) => `  ${index} AS column_${index}`).join(',\n');
    const dir = makeProject({ ...PROJECT, 'models/orders.sql': `select\n${columns},\n  order_id, amount\nfrom {{ ref('raw_orders') }}\n` });
    const result = await runAction({ event: 'pull_request', payload: pullRequestEvent('opened'), workspace: dir, apiUrl: github.url, inputs: { 'fail-on': 'never' } });
    expect(result.code).toBe(0);
    const body = github.state.comments[0].body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('Shortened to stay under GitHub');
    const annotations = github.state.checkRuns[0].output.annotations;
    expect(annotations.length).toBeGreaterThanOrEqual(1200);
    const updates = github.requests.filter((request) => request.method === 'PATCH' && /check-runs\/\d+$/.test(request.path));
    expect(updates.length).toBe(Math.ceil(annotations.length / 50));
    expect(updates.every((request) => request.status === 200)).toBe(true);
    expect(github.state.checkRuns[0].status).toBe('completed');
    expect(result.summary).toContain('models/orders.sql:1201:8');
  });
});

describe('GitHub failing', () => {
  it('retries a read that got a 502 once, and succeeds', async () => {
    github.fail({ method: 'GET', path: /\/issues\/2\/comments$/, status: 502, times: 1 });
    const dir = makeProject(PROJECT);
    const result = await runAction({ event: 'pull_request', payload: pullRequestEvent('opened'), workspace: dir, apiUrl: github.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('answered 502: retrying');
    expect(github.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/issues/2/comments')).map((request) => request.status)).toEqual([502, 200]);
    expect(github.state.comments).toHaveLength(1);
  });

  it('fails clearly when creating the comment fails (never retried), with the job summary written', async () => {
    github.fail({ method: 'POST', path: /\/issues\/2\/comments$/, status: 500, times: 5 });
    const dir = makeProject(PROJECT);
    const result = await runAction({ event: 'pull_request', payload: pullRequestEvent('opened'), workspace: dir, apiUrl: github.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::GitHub API POST \/repos\/octo-org\/warehouse\/issues\/2\/comments answered 500: Internal Server Error/m);
    expect(github.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/issues/2/comments'))).toHaveLength(1);
    expect(result.summary).toContain('## 🚦 Sluice · [PR #2]');
    expect(result.summary).toContain('Sluice failed');
    expect(github.state.checkRuns[0].status).toBe('completed');
  });
});

describe('a project in a subfolder of a git checkout', () => {
  it("lints the files git says the pull request changed, and annotates them at the repository's paths", async () => {
    const repo = makeProject({});
    const project = join(repo, 'analytics');
    for (const [path, text] of Object.entries({ ...PROJECT, 'dbt_project.yml': 'name: test_project\nprofile: test_project\n', 'profiles.yml': readFileSync(join(repo, 'profiles.yml'), 'utf8'), 'models/untouched.sql': 'select 1 as id,\nfrom (select 1) as t\n' })) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), text);
    }
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'master');
    git('add', 'analytics');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    writeFileSync(join(project, 'models/orders.sql'), "select order_id, amount, from {{ ref('raw_orders') }}\n");
    git('commit', '-q', '-am', 'head');
    const head = git('rev-parse', 'HEAD');
    const payload = eventPayload('pull_request.opened', (event) => {
      event.pull_request.head.sha = head;
      event.pull_request.base.sha = base;
    });
    const result = await runAction({ event: 'pull_request', payload, workspace: repo, apiUrl: github.url, inputs: { 'project-dir': 'analytics' } });
    expect(result.stdout).toContain('Changed files (git diff): 1 file in the project.');
    expect(github.requests.some((request) => request.path.endsWith('/pulls/2/files'))).toBe(false);
    // Only the changed file is linted: untouched.sql has the same trailing comma, and no finding.
    const annotations = github.state.checkRuns[0].output.annotations as Array<{ path: string; title: string }>;
    expect(annotations.filter((annotation) => annotation.title === 'Sluice lint CV03').map((annotation) => annotation.path)).toEqual(['analytics/models/orders.sql']);
    expect(github.state.checkRuns[0]).toMatchObject({ head_sha: head, conclusion: 'failure' });
    expect(result.outputs['lint-errors']).toBe('1');
    expect(result.outputs['report-path']).toBe(join(project, 'target', 'sluice', 'report.json'));
    expect(github.state.comments[0].body).toContain('`analytics/target/sluice/report.json`');
    expect(result.code).toBe(1);
  });
});
