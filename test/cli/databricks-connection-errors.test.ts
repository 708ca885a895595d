/**
 * A Databricks profile that cannot connect — an unreachable host, a rejected token, a wrong http_path —
 * is bad input: every command that needs the warehouse stops with exit 2 and a clear error naming the
 * profile, without a stack trace and without the secret.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';
import { makeProject, prodProfile, runCliAsync } from '../support/project.js';

const SECRET = 'dapi-never-printed-0123456789';

function project(target: Record<string, unknown>): string {
  const profile = prodProfile(target);
  return makeProject({
    'profiles.yml': profile,
    'seeds/raw.csv': 'id\n1\n',
    'models/first.sql': "select id from {{ ref('raw') }}",
    'models/sources.yml': 'version: 2\nsources:\n  - name: erp\n    loaded_at_field: loaded_at\n    freshness:\n      warn_after: {count: 1, period: day}\n    tables:\n      - name: orders\n',
    'macros/hello.sql': "{% macro hello() %}{% do run_query('select 1') %}{% endmacro %}",
  });
}

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectCleanExit2(result: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(/\n  at .*profiles\.yml\n  hint: /);
  expect(result.stderr).not.toMatch(/Internal error|\n\s+at .*\.js:\d+/);
  expect(result.stdout + result.stderr).not.toContain(SECRET);
}

describe('Databricks connection failures are exit 2 with a clear error in every command', () => {
  let emulator: DatabricksEmulator;
  beforeAll(async () => {
    emulator = await startDatabricksEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it('an unreachable host', async () => {
    const dir = project(emulator.target({ port: await closedPort(), token: SECRET, connect_retries: 0 }));
    const commands = [['build'], ['seed'], ['run'], ['plan', '--env', 'pr_1'], ['ci', '--env', 'pr_1'], ['promote'], ['rollback'], ['source', 'freshness'], ['run-operation', 'hello']];
    const results = await Promise.all(commands.map((command) => runCliAsync([...command, '--project-dir', dir], { timeoutMs: 60_000 })));
    for (const result of results) expectCleanExit2(result, /^Error: Could not connect to the Databricks host '127\.0\.0\.1:\d+' \(connection refused\): check host\n/m);
  });

  it('a rejected token and a wrong http_path', async () => {
    const badToken = await runCliAsync(['build', '--project-dir', project(emulator.target({ token: SECRET }))], { timeoutMs: 60_000 });
    expectCleanExit2(badToken, /^Error: The Databricks workspace at 127\.0\.0\.1:\d+ rejected the token \(HTTP 401\)/m);
    expect(badToken.stderr).toMatch(/hint: token is a personal access token/);
    const badPath = await runCliAsync(['promote', '--project-dir', project(emulator.target({ http_path: '/sql/1.0/warehouses/nope' }))], { timeoutMs: 60_000 });
    expectCleanExit2(badPath, /^Error: The Databricks workspace at 127\.0\.0\.1:\d+ has no SQL warehouse at http_path '\/sql\/1\.0\/warehouses\/nope' \(HTTP 404\)/m);
  });
});
