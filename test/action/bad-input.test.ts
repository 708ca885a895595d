/**
 * The Action given bad input: each mistake is named (the input, the environment variable, the driver),
 * nothing is built, and events it does not handle end in a notice with exit code 0.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makePull, startFakeGitHub, type FakeGitHub } from '../support/github-server.js';
import { makeProject } from '../support/project.js';
import { ACTION_ENTRY, eventPayload, runAction } from './run-action.js';

const PROJECT = { 'models/orders.sql': 'select 1 as order_id\n' };
const DATABRICKS_PROFILE = (extra: string) =>
  `test_project:\n  target: prod\n  outputs:\n    prod:\n      type: databricks\n      host: example.cloud.databricks.com\n      catalog: main\n      schema: analytics\n${extra}`;

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.pulls.set(2, makePull(github.state, 2, { files: [{ filename: 'models/orders.sql', status: 'added' }] }));
});
afterEach(async () => {
  await github.close();
});

describe('missing or wrong inputs', () => {
  it('names the github-token input when it is empty, before building anything', async () => {
    const dir = makeProject(PROJECT);
    const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened'), workspace: dir, apiUrl: github.url, inputs: { 'github-token': '' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::The 'github-token' input is empty, and checking a pull request needs it/m);
    expect(result.summary).toContain("The 'github-token' input is empty");
    expect(github.requests).toEqual([]);
    expect(existsSync(join(dir, 'target', 'test.duckdb'))).toBe(false);
  });

  it("names the profile's unset environment variable and the input that can stand in for it", async () => {
    const dir = makeProject({ ...PROJECT, 'profiles.yml': DATABRICKS_PROFILE(`      http_path: /sql/1.0/warehouses/abc\n      token: "{{ env_var('DATABRICKS_TOKEN') }}"\n`) });
    const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened'), workspace: dir, apiUrl: github.url });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error title=Sluice,file=profiles\.yml,line=\d+::Environment variable 'DATABRICKS_TOKEN' is required but not set%0A  hint: pass it to the step .*databricks-token/m);
    expect(github.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(github.state.comments).toEqual([]);
  });

  it('names the connection input for a value the profile lacks, and fails the check run it started', async () => {
    const dir = makeProject({ ...PROJECT, 'profiles.yml': DATABRICKS_PROFILE('') });
    const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened'), workspace: dir, apiUrl: github.url, inputs: { 'databricks-token': 'dapi-not-a-real-token' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::The Databricks target is missing 'http_path'%0A  hint: set the Action's 'databricks-http-path' input, or the profile's 'http_path'/);
    expect(github.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Sluice failed' } });
    expect(result.stdout.split('\n').filter((line) => line.includes('dapi-not-a-real-token'))).toEqual(['::add-mask::dapi-not-a-real-token']);
  });

  it("deploys only to a production it is told about: not the profile's default target dev, unless the target input names it", async () => {
    const dir = makeProject({ ...PROJECT, 'profiles.yml': 'test_project:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/dev.duckdb\n' });
    const push = eventPayload('push.default-branch');
    const refused = await runAction({ event: 'push', payload: push, workspace: dir, apiUrl: github.url, sha: push.after, ref: push.ref });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^::error title=Sluice,file=profiles\.yml,line=3::Which target is production\? .*hint: add "production: \{target: <name>\}" to sluice\.yml, or pass --target <name> \(the Action's 'target' input\)/m);
    expect(existsSync(join(dir, 'target', 'dev.duckdb'))).toBe(false);
    const told = await runAction({ event: 'push', payload: push, workspace: dir, apiUrl: github.url, sha: push.after, ref: push.ref, inputs: { target: 'dev' } });
    expect(told.code).toBe(0);
    expect(told.outputs).toMatchObject({ environment: 'dev', 'models-built': '1' });
    expect(told.summary).toContain('to production (`dev`)');
  });

  it('names the project-dir input when there is no dbt project where it points', async () => {
    const dir = makeProject(PROJECT);
    const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened'), workspace: dir, apiUrl: github.url, inputs: { 'project-dir': 'analytics' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`::error::No dbt_project.yml in ${join(dir, 'analytics')}%0A  hint: set the Action's 'project-dir' input`);
    expect(github.state.checkRuns[0]).toMatchObject({ conclusion: 'failure', output: { summary: `No dbt_project.yml in ${join(dir, 'analytics')}` } });
  });

  it('names an input with a value it does not take', async () => {
    const dir = makeProject(PROJECT);
    const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened'), workspace: dir, apiUrl: github.url, inputs: { 'fail-on': 'sometimes' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error::The 'fail-on' input must be one of error, warn, breaking, never; got 'sometimes'");
  });

  it("says which event a command needs when 'command' asks for ci on a push", async () => {
    const dir = makeProject(PROJECT);
    const result = await runAction({ event: 'push', payload: eventPayload('push.default-branch'), workspace: dir, apiUrl: github.url, inputs: { command: 'ci' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error::The 'ci' command works on a pull request's environment, and a 'push' event has no pull request");
  });

  it('names the field when a merge_group payload has no head commit SHA, before building or writing to GitHub', async () => {
    const dir = makeProject(PROJECT);
    const payload = eventPayload('merge_group.checks_requested', (event) => delete event.merge_group.head_sha);
    const result = await runAction({ event: 'merge_group', payload, workspace: dir, apiUrl: github.url, ref: payload.merge_group.head_ref });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error::The event payload's merge_group\.head_sha is missing%0A  hint: Sluice builds and checks the merge group's head commit/m);
    expect(result.summary).toContain("The event payload's merge_group.head_sha is missing");
    expect(github.requests).toEqual([]);
    expect(existsSync(join(dir, 'target'))).toBe(false);
  });

  it('says clearly when the DuckDB driver is not installed where the Action runs', async () => {
    // The bundle alone, outside the repository: no node_modules next to it or in the workspace.
    const place = mkdtempSync(join(tmpdir(), 'sluice-action-alone-'));
    try {
      cpSync(dirname(ACTION_ENTRY), join(place, 'dist'), { recursive: true });
      const dir = makeProject(PROJECT);
      const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened'), workspace: dir, apiUrl: github.url, bundle: join(place, 'dist', 'index.js') });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("::error::The warehouse driver '@duckdb/node-api' is not installed");
      expect(github.state.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    } finally {
      rmSync(place, { recursive: true, force: true });
    }
  });
});

describe('events the Action does not handle', () => {
  it.each([
    ['issues', 'issues.opened', 'refs/heads/master', "Sluice does nothing on a 'issues' event"],
    ['push', 'push.default-branch', 'refs/heads/feature', "A push to branch 'feature' is not a deploy"],
    ['pull_request_target', 'pull_request.opened', 'refs/heads/master', 'Sluice does not run on pull_request_target'],
  ])('a %s event (%s, %s): a notice, exit code 0, nothing done', async (event, fixture, ref, notice) => {
    const dir = makeProject(PROJECT);
    const result = await runAction({ event, payload: eventPayload(fixture), workspace: dir, apiUrl: github.url, ref });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^::notice title=Sluice%3A nothing to do::${notice}`, 'm'));
    expect(result.summary).toContain(notice);
    expect(github.requests).toEqual([]);
    expect(existsSync(join(dir, 'target'))).toBe(false);
  });

  it('a merge group that was destroyed (dequeued or merged): a notice, nothing built', async () => {
    const dir = makeProject(PROJECT);
    const payload = eventPayload('merge_group.checks_requested', (event) => (event.action = 'destroyed'));
    const result = await runAction({ event: 'merge_group', payload, workspace: dir, apiUrl: github.url, ref: payload.merge_group.head_ref });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to do for a merge group that was destroyed');
    expect(github.requests).toEqual([]);
    expect(existsSync(join(dir, 'target'))).toBe(false);
  });

  it('a pull request that was only labelled: a notice, nothing built', async () => {
    const dir = makeProject(PROJECT);
    const result = await runAction({ event: 'pull_request', payload: eventPayload('pull_request.opened', (payload) => (payload.action = 'labeled')), workspace: dir, apiUrl: github.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to do for a pull request that was labeled');
    expect(github.requests).toEqual([]);
  });
});
