/** Test helpers: a real dbt project in a temp folder, and the real CLI run as a user would run it. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'bin', 'sluice.js');

/** The profile a test project's dbt_project.yml names. */
export const PROFILE_NAME = 'test_project';

/** Its one target is named `prod`: the environment commands take it for production (and so do run, build…). */
export const DUCKDB_PROFILE = `test_project:
  target: prod
  outputs:
    prod:
      type: duckdb
      path: target/test.duckdb
      schema: main
      threads: 2
`;

/** A profiles.yml whose `prod` target (the default) has these keys, e.g. the emulator's `target()`. */
export function prodProfile(target: Record<string, unknown>): string {
  return `${PROFILE_NAME}:\n  target: prod\n  outputs:\n    prod:\n${Object.entries(target).map(([key, value]) => `      ${key}: ${JSON.stringify(value)}`).join('\n')}\n`;
}

export const PROJECT_FILE = `name: test_project
profile: test_project
`;

/** Folders made by makeProject in this test file; test/support/cleanup.ts removes them after the file's tests. */
export const createdProjects: string[] = [];

/** Writes `files` (path → text) into a new temp folder; a dbt_project.yml and profiles.yml are added unless given. */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-test-'));
  createdProjects.push(dir);
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

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this long; default 120 s. */
  timeoutMs?: number;
  /** Called with each piece of standard output as it arrives (runCliAsync only). */
  onStdout?: (text: string) => void;
}

export function runCli(args: string[], options: Pick<CliOptions, 'cwd' | 'env'> = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The real CLI in a child process, without blocking this one: a warehouse served by the test process
 * (the Databricks emulator) keeps answering while the CLI runs. `signal` says how a killed child ended.
 */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr });
    });
  });
}
