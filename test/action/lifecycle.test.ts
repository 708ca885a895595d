/**
 * A pull request's life through the Action, on DuckDB and on the Databricks emulator (which answers from
 * this process while the Action runs in a child process): opened → built into pr_2 and commented;
 * synchronize → the same comment updated; from a fork → lint only; closed → its environment dropped; the merge pushed to the default branch → promoted; the nightly
 * janitor drops what GitHub reports closed.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { makePull, startFakeGitHub, type FakeGitHub } from '../support/github-server.js';
import { WAREHOUSES } from '../support/warehouses.js';
import { eventPayload, runAction } from './run-action.js';

const PROJECT = {
  'seeds/raw_orders.csv': 'order_id,amount\n1,10\n2,20\n3,30\n',
  'models/orders.sql': "{{ config(materialized='table') }}\nselect order_id, amount from {{ ref('raw_orders') }}\n",
  'models/schema.yml': `version: 2
models:
  - name: orders
    columns:
      - name: order_id
        tests: [unique, not_null]
`,
};


describe.each(WAREHOUSES)('the Action on $name', (kind) => {
  const warehouse = kind.use();
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub();
    github.state.pulls.set(2, makePull(github.state, 2, { files: [{ filename: 'models/orders.sql', status: 'added' }] }));
  });
  afterEach(async () => {
    await github.close();
  });

  it('builds a pull request, drops its environment when it closes, and promotes the merge', async () => {
    const dir = await warehouse.makeProject(PROJECT);
    const opened = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened'), workspace: dir, apiUrl: github.url });
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    expect(await warehouse.schemas(dir)).toContain('sluice_pr_2__main');
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.checkRuns[0]).toMatchObject({ conclusion: 'success' });
    const commentId = github.state.comments[0].id;

    // The next push: the same comment, updated in place; a new check run for the new head.
    const synchronized = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.synchronize'), workspace: dir, apiUrl: github.url });
    expect(synchronized.code).toBe(0);
    expect(github.state.comments.map((comment) => comment.id)).toEqual([commentId]);
    expect(github.requests.filter((request) => request.method === 'PATCH' && request.path.endsWith(`/issues/comments/${commentId}`))).toHaveLength(1);
    expect(github.state.checkRuns).toHaveLength(2);

    // The same pull request from a fork: lint only — nothing built, nothing written to GitHub.
    const schemasBefore = await warehouse.schemas(dir);
    const writesBefore = github.requests.filter((request) => request.method !== 'GET').length;
    const forked = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened.fork'), workspace: dir, apiUrl: github.url });
    expect(forked.code).toBe(0);
    expect(forked.summary).toContain('nothing was built');
    expect(github.requests.filter((request) => request.method !== 'GET')).toHaveLength(writesBefore);
    expect(await warehouse.schemas(dir)).toEqual(schemasBefore);

    github.state.pulls.get(2)!.state = 'closed';
    // Merged: the environment stays for the deploy of the merge to reuse its tested tables.
    const closed = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.closed.merged'), workspace: dir, apiUrl: github.url });
    expect(closed.code).toBe(0);
    expect(await warehouse.schemas(dir)).toContain('sluice_pr_2__main');
    expect(closed.summary).toContain('Pull request #2 was merged: its environment `pr_2` is kept');
    expect(closed.outputs.environment).toBe('pr_2');

    const push = eventPayload('push.default-branch');
    const pushed = await runAction({ event: 'push', payload: push, workspace: dir, apiUrl: github.url, sha: push.after, ref: push.ref });
    expect(pushed.code).toBe(0);
    expect(pushed.outputs).toMatchObject({ environment: 'prod', 'models-built': '2', 'tests-failed': '0' });
    // The deploy's report is promote.json; the pull request's report.json stays as its check wrote it.
    expect(pushed.outputs['report-path']).toBe(join(realpathSync(dir), 'target', 'sluice', 'promote.json'));
    expect(JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'promote.json'), 'utf8')).promote).toMatchObject({ status: 'published', target: 'prod' });
    expect(JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'report.json'), 'utf8'))).toMatchObject({ env: 'pr_2', base_env: 'prod' });
    expect(pushed.summary).toContain('**Published**');
    // The pull request's tested tables were published, not built again.
    const promoted = JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'promote.json'), 'utf8')) as { models: Array<{ name: string; reused_from?: string }> };
    expect(promoted.models.filter((model) => model.reused_from === 'pr_2').map((model) => model.name).sort()).toEqual(['orders', 'raw_orders']);
    expect((await warehouse.tableRows(dir, 'main.orders', 'order_id')).map((row) => Number(row.amount))).toEqual([10, 20, 30]);
    const deployments = await warehouse.query(dir, 'select git_sha, status from sluice_state.deployments');
    expect(deployments).toEqual([{ git_sha: push.after, status: 'published' }]);
    // Only the pull request's checks wrote to GitHub (check run, comment; then check run, comment update):
    // a fork's lint, a drop and a deploy do not.
    expect(github.requests.filter((request) => request.method !== 'GET').map((request) => request.method)).toEqual(['POST', 'PATCH', 'POST', 'POST', 'PATCH', 'PATCH']);
  });

  it('fails the check when a data test fails, naming the test in the comment', async () => {
    const dir = await warehouse.makeProject({ ...PROJECT, 'seeds/raw_orders.csv': 'order_id,amount\n1,10\n1,20\n' });
    const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.synchronize'), workspace: dir, apiUrl: github.url });
    expect(result.code).toBe(1);
    expect(github.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(github.state.comments[0].body).toContain('unique_orders_order_id');
    expect(result.outputs['tests-failed']).toBe('1');
  });

  it('drops, on schedule, the environments of pull requests that GitHub reports closed', async () => {
    const dir = await warehouse.makeProject(PROJECT);
    for (const number of [2, 3]) await pipeline.ci({ projectDir: dir, profilesDir: dir, environment: `pr_${number}`, lint: false, out: () => undefined });
    expect(await warehouse.schemas(dir)).toEqual(expect.arrayContaining(['sluice_pr_2__main', 'sluice_pr_3__main']));
    github.state.pulls.get(2)!.state = 'closed';
    github.state.pulls.set(3, makePull(github.state, 3));
    const result = await runAction({ event: 'schedule', payload: eventPayload('schedule'), workspace: dir, apiUrl: github.url });
    expect(result.code).toBe(0);
    const schemas = await warehouse.schemas(dir);
    expect(schemas).not.toContain('sluice_pr_2__main');
    expect(schemas).toContain('sluice_pr_3__main');
    expect(result.summary).toContain('Dropped 1 environment: `pr_2`; kept 1: `pr_3`');
    expect(github.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual(['GET /repos/octo-org/warehouse/pulls/2', 'GET /repos/octo-org/warehouse/pulls/3']);
  });
});
