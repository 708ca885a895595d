/**
 * Runs the bundled Action the way a GitHub runner does: `node dist/index.js` in a child process, with
 * the inputs as `INPUT_<NAME>` variables (upper-cased, hyphens kept) — the defaults from action.yml for
 * those a workflow leaves out — the event payload in a file named by GITHUB_EVENT_PATH, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, and GITHUB_API_URL pointing at the fake GitHub server.
 *
 * It runs the committed dist/index.js; dist-fresh.test.ts (and check-dist in CI) make sure dist/ is the
 * bundle of the current sources.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/project.js';

/** What the runner substitutes for `${{ github.token }}` in the tests. */
export const WORKFLOW_TOKEN = 'ghs_sluiceWorkflowToken0123456789';
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
/** GITHUB_SHA of a pull_request run is the test merge commit, not the head: check runs must not use it. */
export const MERGE_SHA = '5c8e1f3a9b7d6e4c2a0f1e3d5b7a9c8e6f4d2b0a';
export const EVENTS_DIR = join(REPO_ROOT, 'test', 'fixtures', 'github', 'events');

interface ActionInput {
  default?: string;
}

/** The inputs action.yml declares, with their defaults as the runner evaluates them. */
export function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, ActionInput> };
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, String(input.default ?? '').replace('${{ github.token }}', WORKFLOW_TOKEN)]));
}

/** The committed bundle, run as a runner runs it; dist-fresh.test.ts checks it is built from the current sources. */
export const ACTION_ENTRY = join(REPO_ROOT, 'dist', 'index.js');

/** A payload from test/fixtures/github/events, with changes (a pull request's number, SHAs…) applied by `adjust`. */
export function eventPayload(fixture: string, adjust?: (payload: Record<string, any>) => void): Record<string, any> {
  const payload = JSON.parse(readFileSync(join(EVENTS_DIR, `${fixture}.json`), 'utf8')) as Record<string, any>;
  adjust?.(payload);
  return payload;
}

export interface ActionRunOptions {
  /** The GitHub event name (GITHUB_EVENT_NAME). */
  event: string;
  payload: Record<string, unknown>;
  /** The checkout (GITHUB_WORKSPACE); the project is its `project-dir` input, `.` by default. */
  workspace: string;
  /** The fake GitHub server's URL. */
  apiUrl: string;
  /** Inputs the workflow sets (`with:`); the others get action.yml's defaults. */
  inputs?: Record<string, string>;
  /** GITHUB_SHA; default MERGE_SHA. */
  sha?: string;
  /** GITHUB_REF; default refs/heads/master. */
  ref?: string;
  /** Called with the Action's process once it runs (to cancel it as a runner does). */
  onSpawn?: (child: ChildProcess) => void;
  /** More environment variables (`env:` of the step, e.g. a profile's secrets). */
  env?: Record<string, string>;
  /** The bundle to run; default: the committed dist/index.js. */
  bundle?: string;
  timeoutMs?: number;
}

export interface ActionResult {
  code: number;
  stdout: string;
  stderr: string;
  /** What the step set with core.setOutput. */
  outputs: Record<string, string>;
  /** The job summary it wrote. */
  summary: string;
}

/** Variables of the test's own environment that a runner would set differently (or the test process itself runs in CI). */
const RUNNER_VARIABLE = /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/;

export async function runAction(options: ActionRunOptions): Promise<ActionResult> {
  const bundle = options.bundle ?? ACTION_ENTRY;
  const runnerDir = mkdtempSync(join(tmpdir(), 'sluice-runner-'));
  const eventPath = join(runnerDir, 'event.json');
  const outputPath = join(runnerDir, 'output');
  const summaryPath = join(runnerDir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const inputs = { ...actionDefaults(), ...options.inputs };
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !RUNNER_VARIABLE.test(name)));
  Object.assign(env, {
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'octo-org/warehouse',
    GITHUB_SHA: options.sha ?? MERGE_SHA,
    GITHUB_REF: options.ref ?? 'refs/heads/master',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    ...options.env,
  });
  try {
    const { code, stdout, stderr } = await spawnNode(bundle, options.workspace, env, options.timeoutMs ?? 60_000, options.onSpawn);
    return { code, stdout, stderr, outputs: parseOutputFile(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
  } finally {
    rmSync(runnerDir, { recursive: true, force: true });
  }
}

function spawnNode(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  onSpawn?: (child: ChildProcess) => void,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr });
    });
  });
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks (what core.setOutput writes). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index]);
    if (!match) continue;
    const value: string[] = [];
    for (index++; index < lines.length && lines[index] !== match[2]; index++) value.push(lines[index]);
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}
