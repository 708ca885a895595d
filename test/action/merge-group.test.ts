/**
 * The Action on a merge queue (`merge_group` checks_requested), end to end on DuckDB and on the Databricks
 * emulator: the bundled dist/index.js, run as a runner runs it, with GitHub's own merge_group payload
 * (test/fixtures/github/events/merge_group.checks_requested.json, from @octokit/webhooks-examples) against
 * the fake GitHub server. The group's head commit is built into mq_<12 hex digits>, tested and diffed
 * against production, reported on its check run (no comment: there is no pull request), and its
 * environment is dropped afterwards — also when a test failed, which fails the check and the job.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { startFakeGitHub, type FakeGitHub } from '../support/github-server.js';
import { WAREHOUSES } from '../support/warehouses.js';
import { eventPayload, runAction } from './run-action.js';

const PROJECT = {
  '.gitignore': 'target/\n',
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

/** A checkout with history: the project committed as the base, `change` committed on top as the merge group's head. */
function checkoutWithHistory(dir: string, change: Record<string, string>): { base: string; head: string } {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  for (const [path, text] of Object.entries(change)) writeFileSync(join(dir, path), text);
  git('add', '.');
  git('commit', '-q', '--allow-empty', '-m', 'Merge pull request #104');
  return { base, head: git('rev-parse', 'HEAD') };
}

/** GitHub's merge_group payload for a group whose head and base are these commits. */
function mergeGroupEvent(commits: { base: string; head: string }, adjust?: (group: Record<string, any>) => void) {
  return eventPayload('merge_group.checks_requested', (payload) => {
    payload.merge_group.head_sha = commits.head;
    payload.merge_group.base_sha = commits.base;
    payload.merge_group.head_ref = `refs/heads/gh-readonly-queue/main/pr-104-${commits.base}`;
    payload.merge_group.head_commit.id = commits.head;
    adjust?.(payload.merge_group);
  });
}

/** What a runner sets for a merge_group run: GITHUB_SHA is the group's head, GITHUB_REF its queue branch. */
function runMergeGroup(payload: Record<string, any>, dir: string, github: FakeGitHub, inputs?: Record<string, string>) {
  return runAction({ event: 'merge_group', payload, workspace: dir, apiUrl: github.url, sha: payload.merge_group.head_sha, ref: payload.merge_group.head_ref, inputs });
}

const quiet = () => undefined;

describe.each(WAREHOUSES)('a merge group on $name', (kind) => {
  const warehouse = kind.use();
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub();
  });
  afterEach(async () => {
    await github.close();
  });

  it("builds the group's head into its own environment, reports on its check run, posts no comment, and drops the environment", async () => {
    const dir = await warehouse.makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, profilesDir: dir, out: quiet });
    const commits = checkoutWithHistory(dir, { 'models/orders.sql': "{{ config(materialized='table') }}\nselect order_id, amount * 2 as amount from {{ ref('raw_orders') }}\n" });
    // The queue's ref carries branch names: nothing of it may reach a schema name.
    const payload = mergeGroupEvent(commits, (group) => (group.head_ref = "refs/heads/gh-readonly-queue/main/pr-104-x'; drop schema main; --"));
    const environment = `mq_${commits.head.slice(0, 12)}`;

    const result = await runMergeGroup(payload, dir, github);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Changed files (git diff): 1 file in the project.');
    expect(result.stdout).toContain(`Dropped environment ${environment}: sluice_${environment}__main`);

    expect(github.state.checkRuns).toHaveLength(1);
    expect(github.state.checkRuns[0]).toMatchObject({ name: 'Sluice', head_sha: commits.head, status: 'completed', conclusion: 'success', output: { title: '1 model built, 2 tests passed' } });
    expect(github.state.checkRuns[0].output.text).toContain('orders');
    // No pull request, so no comment: only the check run was written to, and nothing asked about issues.
    expect(github.state.comments).toEqual([]);
    expect(github.requests.map((request) => `${request.method} ${request.path.replace(/\d+$/, 'N')}`)).toEqual(['POST /repos/octo-org/warehouse/check-runs', 'PATCH /repos/octo-org/warehouse/check-runs/N']);

    expect(result.outputs).toEqual({ 'report-path': join(dir, 'target', 'sluice', 'report.json'), 'models-built': '1', 'tests-failed': '0', 'lint-errors': '0', environment });
    const report = JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'report.json'), 'utf8'));
    expect(report).toMatchObject({ env: environment, base_env: 'prod' });
    expect(report.models.find((model: { name: string }) => model.name === 'orders')).toMatchObject({ status: 'built', change: 'modified', values: { changed_rows: 3 } });
    expect(result.summary).toContain(`## 🚦 Sluice · \`${environment}\` vs \`prod\``);
    expect(result.summary).toContain(`The merge group's environment \`${environment}\` is not kept: dropped 1 schema: \`sluice_${environment}__main\`.`);

    // The environment is gone; production is as it was.
    const schemas = await warehouse.schemas(dir);
    expect(schemas.filter((schema) => schema.startsWith('sluice_mq_'))).toEqual([]);
    expect(schemas).toContain('main');
    expect((await warehouse.tableRows(dir, 'main.orders', 'order_id')).map((row) => Number(row.amount))).toEqual([10, 20, 30]);
  });

  it('fails the check and the job when a test or a model fails in the group, and still drops the environment', async () => {
    const dir = await warehouse.makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, profilesDir: dir, out: quiet });
    const commits = checkoutWithHistory(dir, {
      'seeds/raw_orders.csv': 'order_id,amount\n1,10\n1,20\n3,30\n',
      'models/broken.sql': "select no_such_column from {{ ref('raw_orders') }}\n",
    });
    const environment = `mq_${commits.head.slice(0, 12)}`;

    const result = await runMergeGroup(mergeGroupEvent(commits), dir, github);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::Sluice: 1 model failed to build \(broken\) · 1 test failed \(unique_orders_order_id\)/m);
    expect(github.state.checkRuns).toHaveLength(1);
    expect(github.state.checkRuns[0]).toMatchObject({ head_sha: commits.head, status: 'completed', conclusion: 'failure', output: { title: expect.stringMatching(/^1 model failed to build \(broken\) · 1 test failed \(unique_orders_order_id\)/) } });
    expect(github.state.checkRuns[0].output.annotations).toContainEqual(expect.objectContaining({ path: 'models/schema.yml', annotation_level: 'failure', title: 'Test unique_orders_order_id failed' }));
    expect(github.state.comments).toEqual([]);
    expect(result.outputs).toMatchObject({ 'tests-failed': '1', environment });
    expect(result.summary).toContain('unique_orders_order_id');
    expect(result.summary).toContain(`The merge group's environment \`${environment}\` is not kept: dropped 1 schema`);
    expect((await warehouse.schemas(dir)).filter((schema) => schema.startsWith('sluice_mq_'))).toEqual([]);
  });
});

describe('a merge group that fails or falls back, on DuckDB', () => {
  const warehouse = WAREHOUSES.find((kind) => kind.name === 'duckdb')!.use();
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub();
  });
  afterEach(async () => {
    await github.close();
  });

  it('fails the check run it started when the run itself fails, and drops the environment all the same', async () => {
    // A file where ci writes its report folder: the build and the tests run, writing the report throws.
    const dir = await warehouse.makeProject(PROJECT);
    const commits = checkoutWithHistory(dir, {});
    mkdirSync(join(dir, 'target'), { recursive: true });
    writeFileSync(join(dir, 'target', 'sluice'), 'not a folder\n');
    const result = await runMergeGroup(mergeGroupEvent(commits), dir, github);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::EEXIST: file already exists, mkdir '.*target\/sluice'/m);
    expect(github.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Sluice failed', summary: expect.stringContaining('EEXIST') } });
    // It had been built before the failure, and is dropped after it.
    const environment = `mq_${commits.head.slice(0, 12)}`;
    expect(result.stdout).toContain(`Dropped environment ${environment}: sluice_${environment}__main`);
    expect((await warehouse.schemas(dir)).filter((schema) => schema.startsWith('sluice_mq_'))).toEqual([]);
  });

  it('lints what the plan found changed when the checkout has no history', async () => {
    // Production has both models, each with the same trailing comma; the group changes only orders.
    const dir = await warehouse.makeProject({ ...PROJECT, 'models/orders.sql': "select order_id, amount, from {{ ref('raw_orders') }}\n", 'models/untouched.sql': 'select 1 as id,\nfrom (select 1) as t\n' });
    await pipeline.promote({ projectDir: dir, profilesDir: dir, out: quiet });
    writeFileSync(join(dir, 'models/orders.sql'), "select order_id, amount * 2 as amount, from {{ ref('raw_orders') }}\n");
    // The package's own payload, as it is: its commits are in no checkout here.
    const result = await runMergeGroup(eventPayload('merge_group.checks_requested'), dir, github);
    expect(result.stdout).toContain("The checkout lacks the merge group's base commit");
    expect(result.code).toBe(1);
    const annotations = github.state.checkRuns[0].output.annotations as Array<{ path: string; title: string }>;
    expect(annotations.filter((annotation) => annotation.title === 'Sluice lint CV03').map((annotation) => annotation.path)).toEqual(['models/orders.sql']);
    expect(github.state.checkRuns[0]).toMatchObject({ head_sha: '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d', conclusion: 'failure', output: { title: '1 lint error' } });
    expect(result.outputs).toMatchObject({ environment: 'mq_2ffea6db159f', 'lint-errors': '1', 'models-built': '1' });
    expect((await warehouse.schemas(dir)).filter((schema) => schema.startsWith('sluice_mq_'))).toEqual([]);
  });

  it('is only linted when the token may not create check runs (403), and says so', async () => {
    await github.close();
    github = await startFakeGitHub({ readOnlyToken: true });
    const dir = await warehouse.makeProject({ ...PROJECT, 'models/orders.sql': "select order_id, amount, from {{ ref('raw_orders') }}\n" });
    const commits = checkoutWithHistory(dir, { 'models/orders.sql': "select order_id, amount, from {{ ref('raw_orders') }} -- changed\n" });
    const result = await runMergeGroup(mergeGroupEvent(commits), dir, github);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error title=Sluice lint CV03,file=models\/orders\.sql/m);
    expect(result.stdout).toContain('::notice title=Sluice%3A lint only::The workflow');
    expect(result.summary).toContain('ran lint only on the merge group');
    expect(result.summary).toContain('1 changed file in the project');
    expect(github.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual(['POST /repos/octo-org/warehouse/check-runs 403']);
    expect(readdirSync(join(dir, 'target'), { recursive: true }).map(String).filter((file) => /\.duckdb$|report\.json$/.test(file))).toEqual([]);
  });
});
