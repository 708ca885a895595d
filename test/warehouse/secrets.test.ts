/**
 * Secrets never leave: a recognisable token, given through env_var() in profiles.yml, appears in no line
 * the CLI prints, no error, and no file under target/ — through a build with a failing model, ci, promote
 * and a rejected token, all through the real driver against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';
import { CLI, makeProject, type CliResult } from '../support/project.js';

/** The CLI in a child process, asynchronously: the emulator answers from this process's event loop. */
function runCli(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

const TOKEN = 'dapi-SECRET-0123456789abcdef-recognisable';

let emulator: DatabricksEmulator;
beforeAll(async () => {
  emulator = await startDatabricksEmulator({ token: TOKEN, catalogs: ['main'] });
});
afterAll(async () => {
  await emulator.stop();
});

function profile(): string {
  const target = emulator.target({ schema: 'analytics', threads: 2, connect_timeout: 30 });
  const lines = Object.entries(target)
    .filter(([key]) => key !== 'token')
    .map(([key, value]) => `      ${key}: ${JSON.stringify(value)}`);
  return `test_project:\n  target: prod\n  outputs:\n    prod:\n${lines.join('\n')}\n      token: "{{ env_var('SLUICE_TEST_DATABRICKS_TOKEN') }}"\n`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets', () => {
  it('appear in no output, error or file, whatever happens', async () => {
    const dir = makeProject({
      'profiles.yml': profile(),
      'seeds/raw.csv': 'id\n1\n2\n',
      'models/good.sql': "select id from {{ ref('raw') }}",
      'models/bad.sql': 'select no_such_column from (select 1 as id) t',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: good\n    columns:\n      - name: id\n        tests: [unique]\n',
    });
    const env = { SLUICE_TEST_DATABRICKS_TOKEN: TOKEN };
    const outputs = [
      await runCli(['debug', '--project-dir', dir], { env }),
      await runCli(['build', '--project-dir', dir], { env }),
      await runCli(['promote', '--project-dir', dir], { env }),
    ];
    writeFileSync(join(dir, 'models/bad.sql'), 'select 1 as id');
    writeFileSync(join(dir, 'models/good.sql'), "select id * 2 as id from {{ ref('raw') }} union all select 2");
    outputs.push(await runCli(['ci', '--project-dir', dir, '--pr', '3'], { env }));
    // A token the warehouse rejects must not be echoed either.
    outputs.push(await runCli(['debug', '--project-dir', dir], { env: { SLUICE_TEST_DATABRICKS_TOKEN: `${TOKEN}-wrong` } }));

    expect(outputs[0].stdout).toContain('connection: OK');
    expect(outputs[1].code).toBe(1);
    expect(outputs[1].stdout).toContain("Database error in model 'bad'");
    expect(outputs[2].code).toBe(1);
    expect(outputs[2].stdout).toContain('Not published: production is unchanged.');
    // ci: the unique test on good fails (two rows with id 2).
    expect(outputs[3].code).toBe(1);
    expect(outputs[3].stdout).toMatch(/FAIL\s+unique_good_id/);
    expect(outputs[4].stdout).toMatch(/connection: FAILED — .*token/i);
    for (const output of outputs) {
      expect(output.stdout).not.toContain(TOKEN.slice(5));
      expect(output.stderr).not.toContain(TOKEN.slice(5));
    }
    const files = filesUnder(join(dir, 'target'));
    expect(files.some((file) => file.endsWith('report.json'))).toBe(true);
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toContain(TOKEN.slice(5));
  });
});
