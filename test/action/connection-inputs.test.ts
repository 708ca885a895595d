/**
 * The Databricks connection inputs stand in for the profile's values (a workflow passes secrets as
 * inputs; the profile's env_var() for them is then never read), on the emulator through the real driver,
 * and the token is masked everywhere the Action writes.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';
import { makePull, startFakeGitHub, type FakeGitHub } from '../support/github-server.js';
import { makeProject } from '../support/project.js';
import { eventPayload, runAction } from './run-action.js';

let emulator: DatabricksEmulator;
let github: FakeGitHub;
beforeAll(async () => {
  emulator = await startDatabricksEmulator({ catalogs: ['main'] });
}, 120_000);
afterAll(async () => {
  await emulator.stop();
});
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.pulls.set(2, makePull(github.state, 2, { files: [{ filename: 'models/orders.sql', status: 'added' }] }));
});
afterEach(async () => {
  await github.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

describe('Databricks connection inputs', () => {
  it('connect with the inputs instead of the profile, and the token never shows', async () => {
    const target = emulator.target();
    const dir = makeProject({
      'profiles.yml': `test_project:
  target: prod
  outputs:
    prod:
      type: databricks
      host: "{{ env_var('DATABRICKS_HOST') }}"
      http_path: /sql/1.0/warehouses/not-this-one
      token: "{{ env_var('DATABRICKS_TOKEN') }}"
      port: ${Number(target.port)}
      ca_cert: ${JSON.stringify(target.ca_cert)}
      catalog: main
      schema: analytics
      connect_timeout: 30
`,
      'models/orders.sql': "{{ config(materialized='table') }}\nselect 1 as order_id\n",
    });
    const token = String(target.token);
    const result = await runAction({
      event: 'pull_request',
      payload: eventPayload('pull_request.opened'),
      workspace: dir,
      apiUrl: github.url,
      inputs: { 'databricks-host': '127.0.0.1', 'databricks-http-path': String(target.http_path), 'databricks-token': token },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(Number((await emulator.run('select count(*) from main.sluice_pr_2__analytics.orders'))[0][0])).toBe(1);
    expect(github.state.comments).toHaveLength(1);
    expect(result.stdout.split('\n').filter((line) => line.includes(token))).toEqual([`::add-mask::${token}`]);
    expect(result.summary).not.toContain(token);
    expect(github.state.comments[0].body).not.toContain(token);
    for (const file of filesUnder(join(dir, 'target'))) expect(readFileSync(file, 'latin1')).not.toContain(token);
  });
});
