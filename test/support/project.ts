/** Test helpers: a real dbt project in a temp folder, and the real CLI run as a user would run it. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'bin', 'sluice.js');

export const DUCKDB_PROFILE = `test_project:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: target/test.duckdb
      schema: main
      threads: 2
`;

export const PROJECT_FILE = `name: test_project
profile: test_project
`;

/** Writes `files` (path → text) into a new temp folder; a dbt_project.yml and profiles.yml are added unless given. */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-test-'));
  const all = { 'dbt_project.yml': PROJECT_FILE, 'profiles.yml': DUCKDB_PROFILE, ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
