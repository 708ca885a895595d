/**
 * `--log-format json`: one JSON object per line, in dbt's shape, with node events a monitor can follow and
 * every human line kept; `deployments --output json` and `runs` for the history. The real CLI on DuckDB.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../src/execute/run-task.js';
import { openProject, withWarehouse } from '../../src/pipeline.js';
import type { LogEvent } from '../../src/report/log-events.js';
import { DUCKDB_PROFILE, makeProject, runCli } from '../support/project.js';

interface LogLine {
  info: { name: string; code: string; msg: string; level: string; invocation_id: string; pid: number; thread: string; ts: string };
  data: Record<string, any>;
}

/** Every line of stdout, parsed: a line that is not one JSON object fails the test. */
function logLines(stdout: string): LogLine[] {
  const lines = stdout.split('\n');
  expect(lines.pop()).toBe('');
  return lines.map((line) => {
    const parsed = JSON.parse(line) as LogLine;
    expect(Object.keys(parsed)).toEqual(['info', 'data']);
    return parsed;
  });
}

const finished = (lines: LogLine[]) => new Map(lines.filter((line) => line.info.name === 'NodeFinished').map((line) => [line.data.node_info.unique_id as string, line]));

/** Timings differ between two runs; everything else in a line must not. */
const comparable = (line: string) => line.trim().replace(/\d+\.\d+s\b/g, 'N.NNs');

const BUILD_PROJECT = {
  'seeds/raw.csv': 'id\n1\n2\n3\n',
  'models/a.sql': "{{ config(materialized='table') }}\n{% do log('hello from model a', info=True) %}\nselect id from {{ ref('raw') }}",
  'models/bad.sql': "select no_such_column from {{ ref('a') }}",
  'models/c.sql': "select * from {{ ref('bad') }}",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests: [unique]\n',
};

describe('--log-format json', () => {
  it("prints one JSON object per line in dbt's shape: node events with their status, and every human line as a Note", () => {
    // Two copies of one project, so that both outputs are a first build's.
    const textDir = makeProject(BUILD_PROJECT);
    const dir = makeProject(BUILD_PROJECT);
    const text = runCli(['build', '--project-dir', textDir]);
    const json = runCli(['build', '--project-dir', dir, '--log-format', 'json']);
    expect(text.code).toBe(1);
    expect(json.code).toBe(1);
    const lines = logLines(json.stdout);

    const codes: Record<string, string> = { CommandStarted: 'SL001', NodeStart: 'Q024', NodeFinished: 'Q025', CommandCompleted: 'Q039', Note: 'Z050' };
    const { invocation_id } = JSON.parse(readFileSync(join(dir, 'target/run_results.json'), 'utf8')).metadata;
    for (const { info } of lines) {
      expect(Object.keys(info)).toEqual(['name', 'code', 'msg', 'level', 'invocation_id', 'pid', 'thread', 'ts']);
      expect(info.code).toBe(codes[info.name]);
      expect(['debug', 'info', 'warn', 'error']).toContain(info.level);
      // One id for the whole invocation, the one run_results.json records.
      expect(info.invocation_id).toBe(invocation_id);
      expect(Number.isInteger(info.pid)).toBe(true);
      expect(new Date(info.ts).toISOString()).toBe(info.ts);
    }

    expect(lines[0].info.name).toBe('CommandStarted');
    expect(lines[0].data.command).toBe('build');
    const completed = lines[lines.length - 1];
    expect(completed.info.name).toBe('CommandCompleted');
    expect(completed.data).toMatchObject({ command: 'build', success: false, exit_code: 1, stats: { pass: 3, warn: 0, error: 1, skip: 1, deferred: 0, total: 5 } });

    const nodes = finished(lines);
    expect([...nodes.keys()].sort()).toEqual(['model.test_project.a', 'model.test_project.bad', 'model.test_project.c', 'seed.test_project.raw', 'test.test_project.unique_a_id.f6a5f640da'].sort());
    const status = (id: string) => nodes.get(id)!.data.node_info.node_status;
    expect(status('seed.test_project.raw')).toBe('success');
    expect(status('model.test_project.a')).toBe('success');
    expect(status('test.test_project.unique_a_id.f6a5f640da')).toBe('pass');
    expect(status('model.test_project.bad')).toBe('error');
    expect(status('model.test_project.c')).toBe('skipped');

    const a = nodes.get('model.test_project.a')!;
    expect(a.data.node_info).toMatchObject({ node_name: 'a', node_path: 'a.sql', resource_type: 'model', materialized: 'table', node_relation: { schema: 'main', alias: 'a' } });
    expect(a.data.run_result).toMatchObject({ status: 'success', adapter_response: { rows_affected: 3 } });
    expect(a.data.node_info.node_started_at <= a.data.node_info.node_finished_at).toBe(true);
    const bad = nodes.get('model.test_project.bad')!;
    expect(bad.info.level).toBe('error');
    expect(bad.data.run_result.message).toContain("Database error in model 'bad'");
    // A node that never ran has no start.
    expect(nodes.get('model.test_project.c')!.data.node_info.node_started_at).toBeNull();
    const starts = lines.filter((line) => line.info.name === 'NodeStart').map((line) => line.data.node_info.unique_id as string);
    expect(starts.sort()).toEqual([...nodes.keys()].filter((id) => id !== 'model.test_project.c').sort());
    for (const id of starts) {
      const started = lines.findIndex((line) => line.info.name === 'NodeStart' && line.data.node_info.unique_id === id);
      expect(started).toBeLessThan(lines.indexOf(nodes.get(id)!));
    }

    // Nothing the human-readable output says is lost: each of its lines is a Note or a node event's msg.
    const said = new Set(lines.flatMap((line) => line.info.msg.split('\n')).map((line) => comparable(line.replaceAll(dir, '<project>'))));
    const textLines = text.stdout.split('\n').filter((line) => line.trim()).map((line) => line.replaceAll(textDir, '<project>'));
    expect(textLines).toContain('hello from model a');
    expect(textLines.filter((line) => !said.has(comparable(line)))).toEqual([]);
    expect(lines.find((line) => line.info.msg === 'hello from model a')!.info.name).toBe('Note');
  });

  it('masks secrets in every string of every event, also where JSON escapes them', () => {
    const secret = 'pa\\ss-word-4242';
    const dir = makeProject({
      'profiles.yml': `${DUCKDB_PROFILE}      password: '${secret}'\n`,
      'models/a.sql': 'select 1 as id',
      'models/leaks.sql': `select "${secret}" from {{ ref('a') }}`,
    });
    const result = runCli(['run', '--project-dir', dir, '--log-format', 'json']);
    expect(result.code).toBe(1);
    const lines = logLines(result.stdout);
    expect(finished(lines).get('model.test_project.leaks')!.data.run_result.message).toContain('*****');
    expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toContain(JSON.stringify(secret).slice(1, -1));
  });

  it('is also asked for by DBT_LOG_FORMAT=json, before the command or after it', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1 as id' });
    for (const result of [runCli(['run', '--project-dir', dir], { env: { DBT_LOG_FORMAT: 'json' } }), runCli(['--log-format', 'json', 'run', '--project-dir', dir])]) {
      expect(result.code).toBe(0);
      const nodes = finished(logLines(result.stdout));
      expect(nodes.get('model.test_project.a')!.data.node_info.node_status).toBe('success');
    }
    // The human-readable lines stay the default.
    const text = runCli(['run', '--project-dir', dir]);
    expect(text.stdout).toMatch(/^Sluice run · project test_project/);
    expect(text.stdout).toMatch(/\n {2}1 of 1 OK {4}view model main\.a \.+ \[CREATE VIEW in \d+\.\d\ds\]\n/);
  });

  it('exits 2 with the accepted values for a format it does not know', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1 as id' });
    for (const result of [runCli(['run', '--project-dir', dir, '--log-format', 'yaml']), runCli(['run', '--project-dir', dir], { env: { DBT_LOG_FORMAT: 'yaml' } })]) {
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/'yaml'( from env 'DBT_LOG_FORMAT')? is invalid\. Allowed choices are text, json/);
      expect(result.stdout).toBe('');
    }
    // lint has findings of its own to print: --log-format json is refused, DBT_LOG_FORMAT (set for dbt) ignored.
    const lint = runCli(['lint', '--project-dir', dir, '--log-format', 'json']);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain('--log-format json is not available for sluice lint');
    const lintWithEnvironment = runCli(['lint', '--project-dir', dir], { env: { DBT_LOG_FORMAT: 'json' } });
    expect(lintWithEnvironment.code).toBe(0);
    expect(lintWithEnvironment.stdout).not.toContain('"info"');
  });

  it('ends an invalid project with the error and a failed completion, exit 2, stderr unchanged', () => {
    const dir = makeProject({ 'models/a.sql': "select * from {{ ref('nowhere') }}" });
    const text = runCli(['build', '--project-dir', dir]);
    const json = runCli(['build', '--project-dir', dir, '--log-format', 'json']);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe(text.stderr);
    const lines = logLines(json.stdout);
    expect(lines.map((line) => line.info.name)).toEqual(['CommandStarted', 'MainEncounteredError', 'CommandCompleted']);
    expect(lines[1].info.level).toBe('error');
    expect(text.stderr).toContain(lines[1].data.exc);
    expect(lines[1].data.exc).toContain('nowhere');
    expect(lines[2].data).toMatchObject({ command: 'build', success: false, exit_code: 2 });
  });

  it('reports a node the gate defers as a NodeFinished event with status deferred, and no start', async () => {
    const dir = makeProject({ 'models/a.sql': 'select 1 as id', 'models/b.sql': "select * from {{ ref('a') }}", 'models/c.sql': "select * from {{ ref('b') }}" });
    const lines: string[] = [];
    const events: LogEvent[] = [];
    const out = (line: string) => lines.push(line);
    // b exists, as a deferred node's relation does (it is read from where it already is).
    expect(runCli(['run', '--project-dir', dir]).code).toBe(0);
    const session = openProject({ projectDir: dir, out });
    const summary = await withWarehouse(session, { out }, (warehouse) =>
      runCommand(session, warehouse, 'run', { out, events: (event) => events.push(event), gate: async (node) => (node.name === 'b' ? 'reads no changed column of a' : null) }),
    );
    expect(summary.deferred?.get('model.test_project.b')).toBe('reads no changed column of a');
    const outcome = (id: string) => events.filter((event) => event.name === 'NodeFinished' && event.data.node_info.unique_id === id).map((event) => (event.name === 'NodeFinished' ? event.data.run_result : null));
    expect(outcome('model.test_project.b')).toEqual([{ status: 'deferred', message: 'reads no changed column of a', execution_time: 0, num_failures: null, adapter_response: {} }]);
    expect(outcome('model.test_project.c')).toMatchObject([{ status: 'success' }]);
    expect(events.filter((event) => event.name === 'NodeStart').map((event) => (event.name === 'NodeStart' ? event.data.node_info.unique_id : ''))).toEqual(['model.test_project.a', 'model.test_project.c']);
    // The node lines went to the events (their msg), not to out; the reason is still a line.
    expect(lines.some((line) => /^\s+\d+ of 3 /.test(line))).toBe(false);
    expect(events.find((event) => event.name === 'NodeFinished' && event.data.node_info.unique_id === 'model.test_project.b')!.msg).toMatch(/^2 of 3 DEFER view model main\.b \.+ \[DEFER\]$/);
    expect(lines).toContain('      reads no changed column of a');
  });
});

describe('history: deployments --output json and runs', () => {
  it('lists deployments as a JSON array, and the runs of ci and promote with their summaries', () => {
    const dir = makeProject({
      'seeds/raw.csv': 'id\n1\n2\n',
      'models/orders.sql': "{{ config(materialized='table') }}\nselect id from {{ ref('raw') }}",
      'models/orders_view.sql': "select * from {{ ref('orders') }}",
    });
    expect(JSON.parse(runCli(['deployments', '--project-dir', dir, '--output', 'json']).stdout)).toEqual([]);
    const promote = runCli(['promote', '--project-dir', dir, '--log-format', 'json']);
    expect(promote.code).toBe(0);
    const promoted = finished(logLines(promote.stdout));
    expect(promoted.get('model.test_project.orders')!.data.node_info.node_status).toBe('success');
    expect(promoted.get('model.test_project.orders')!.data.node_info.node_relation.schema).not.toBe('main'); // built in the audit relations first

    const listed = runCli(['deployments', '--project-dir', dir, '--output', 'json']);
    expect(listed.code).toBe(0);
    const [deployment, ...others] = JSON.parse(listed.stdout);
    expect(others).toEqual([]);
    expect(deployment).toMatchObject({ deploy_id: expect.stringMatching(/^d\d{8}T\d{6}Z-/), kind: 'promote', status: 'published', git_sha: null, rolls_back: null, continues: null });
    expect(new Date(deployment.created_at).toISOString()).toBe(deployment.created_at);
    const models = deployment.models.map((model: { name: string }) => model).sort((x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name));
    expect(models.map((model: { name: string }) => model.name)).toEqual(['orders', 'orders_view', 'raw']);
    expect(models[0]).toEqual({ name: 'orders', unique_id: 'model.test_project.orders', resource_type: 'model', materialized: 'table', relation: { database: null, schema: 'main', identifier: 'orders' } });

    expect(runCli(['rollback', '--project-dir', dir]).code).toBe(0);
    const history = JSON.parse(runCli(['deployments', '--project-dir', dir, '--output', 'json']).stdout);
    expect(history.map((entry: { kind: string; status: string; rolls_back: string | null }) => [entry.kind, entry.status, entry.rolls_back])).toEqual([
      ['promote', 'rolled_back', null],
      ['rollback', 'published', deployment.deploy_id],
    ]);

    writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='table') }}\nselect id * 10 as id from {{ ref('raw') }}");
    const ci = runCli(['ci', '--project-dir', dir, '--pr', '4', '--log-format', 'json']);
    expect(ci.code).toBe(0);
    const built = finished(logLines(ci.stdout)).get('model.test_project.orders')!;
    expect(built.data.node_info).toMatchObject({ node_status: 'success', node_relation: { schema: 'sluice_pr_4__main', alias: 'orders' } });

    const runs = runCli(['runs', '--project-dir', dir, '--output', 'json']);
    expect(runs.code).toBe(0);
    const recorded = JSON.parse(runs.stdout) as Array<{ run_id: string; environment: string; kind: string; status: string; started_at: string; ended_at: string; summary: Record<string, unknown> }>;
    expect(recorded.map((run) => [run.environment, run.kind, run.status])).toEqual([
      ['prod', 'promote', 'success'],
      ['pr_4', 'ci', 'success'],
    ]);
    expect(recorded[0].run_id).toBe(deployment.run_id);
    const onlyCi = JSON.parse(runCli(['runs', '--project-dir', dir, '--output', 'json', '--pr', '4']).stdout);
    expect(onlyCi.map((run: { kind: string }) => run.kind)).toEqual(['ci']);
    const latest = JSON.parse(runCli(['runs', '--project-dir', dir, '--output', 'json', '--limit', '1']).stdout);
    expect(latest.map((run: { run_id: string }) => run.run_id)).toEqual([recorded[1].run_id]);
    const text = runCli(['runs', '--project-dir', dir]);
    expect(text.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(text.stdout).toContain(`${recorded[0].run_id}  ${recorded[0].started_at}  prod      promote  success`);
  });

  it('exits 2 for an output format it does not know and a limit that is not a count', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1 as id' });
    for (const args of [['deployments', '--output', 'xml'], ['runs', '--output', 'xml'], ['runs', '--limit', '0'], ['runs', '--limit', 'ten']]) {
      const result = runCli([...args, '--project-dir', dir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/'xml' is invalid\. Allowed choices are text, json|--limit must be a whole number of 1 or more/);
    }
  });
});
