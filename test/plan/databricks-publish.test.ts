/**
 * Promote on Databricks through the real driver and the emulator, with faults: publishing is model by
 * model (each table replaced atomically, its state row right after), so a failure or a crash in the middle
 * leaves every model old or new with the state saying which, and the next promote converges. Transient
 * failures of statements that are safe to repeat are retried; rollback restores Delta versions.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../../src/errors.js';
import * as pipeline from '../../src/pipeline.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';
import { CLI, makeProject, prodProfile } from '../support/project.js';

let emulator: DatabricksEmulator;
beforeEach(async () => {
  emulator = await startDatabricksEmulator({ catalogs: ['main'] });
});
afterEach(async () => {
  await emulator.stop();
});

function project(): string {
  const target = emulator.target({ schema: 'analytics', threads: 2, connect_timeout: 30 });
  const profile = prodProfile(target);
  return makeProject({
    'profiles.yml': profile,
    'seeds/raw.csv': 'id,amount\n1,10\n2,20\n',
    'models/first.sql': "{{ config(materialized='table') }}select id, amount from {{ ref('raw') }}",
    'models/second.sql': "{{ config(materialized='table') }}select sum(amount) as total from {{ ref('first') }}",
  });
}

const out = () => undefined;
const scalar = async (sql: string) => String((await emulator.run(sql))[0]?.[0]);

function change(dir: string, factor: number): void {
  writeFileSync(join(dir, 'models/first.sql'), `{{ config(materialized='table') }}select id, amount * ${factor} as amount from {{ ref('raw') }}`);
}

describe('promote on Databricks', () => {
  it('restores Delta versions on rollback', async () => {
    const dir = project();
    await pipeline.promote({ projectDir: dir, out });
    change(dir, 10);
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    expect(await scalar('select total from main.analytics.second')).toBe('300');
    await pipeline.rollback({ projectDir: dir, out });
    expect(await scalar('select total from main.analytics.second')).toBe('30');
    expect(emulator.statements.some((statement) => /RESTORE TABLE `main`\.`analytics`\.`second` TO VERSION AS OF \d+/.test(statement))).toBe(true);
  });

  it('leaves each model old or new when publishing fails in the middle, and converges on the next promote', async () => {
    const dir = project();
    await pipeline.promote({ projectDir: dir, out });
    change(dir, 10);
    emulator.faults.failStatement(/CREATE OR REPLACE TABLE `main`\.`analytics`\.`second`/, { errorClass: 'INTERNAL_ERROR', message: 'injected failure' });
    await expect(pipeline.promote({ projectDir: dir, out })).rejects.toThrow('injected failure');
    // The run that threw is recorded as failed, with its error, not left running.
    expect(await emulator.run("select status, summary_json from main.sluice_state.runs where kind = 'promote' order by started_at desc limit 1")).toEqual([
      ['failed', expect.stringContaining('injected failure')],
    ]);
    // first was published (and its state row written), second was not: old data, old state.
    expect(await scalar('select sum(amount) from main.analytics.first')).toBe('300');
    expect(await scalar('select total from main.analytics.second')).toBe('30');
    expect(Number(await scalar("select count(*) from main.sluice_state.locks"))).toBe(0);
    const { plan } = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out });
    expect(Object.fromEntries(plan.nodes.map((node) => [node.name, node.change]))).toMatchObject({ first: 'deferred', second: 'impacted' });
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    expect(await scalar('select total from main.analytics.second')).toBe('300');
  });

  it('checks before touching anything that every version a rollback restores is still restorable, and says which is not', async () => {
    const dir = project();
    await pipeline.promote({ projectDir: dir, out });
    change(dir, 10);
    await pipeline.promote({ projectDir: dir, out });
    const before = emulator.statements.length;
    // Past Delta's default retention of 7 days: time travel to the replaced versions is refused.
    emulator.advanceClock(8 * 24 * 3600_000);
    const late = await pipeline.rollback({ projectDir: dir, out }).catch((error: unknown) => error as SluiceError);
    expect(late).toBeInstanceOf(SluiceError);
    expect((late as SluiceError).message).toMatch(/^Cannot roll back: versions it needs are no longer restorable, so nothing was changed:\n  first \(before d\w+-\w+\): version \d+ is older than the table keeps replaced files \(delta.deletedFileRetentionDuration, 7 days\)\n  second/);
    expect((late as SluiceError).hint).toMatch(/roll forward instead/);
    expect(emulator.statements.slice(before).filter((statement) => /RESTORE|CREATE OR REPLACE|DROP|ALTER/.test(statement))).toEqual([]);
    expect(await scalar('select total from main.analytics.second')).toBe('300');

  });

  it('refuses a rollback whose versions a VACUUM removed, within the retention too', async () => {
    const dir = project();
    await pipeline.promote({ projectDir: dir, out });
    change(dir, 100);
    await pipeline.promote({ projectDir: dir, out });
    await emulator.run('SET spark.databricks.delta.retentionDurationCheck.enabled = false');
    await emulator.run('VACUUM main.analytics.second RETAIN 0 HOURS');
    const vacuumed = await pipeline.rollback({ projectDir: dir, out }).catch((error: unknown) => error as SluiceError);
    expect((vacuumed as SluiceError).message).toMatch(/^Cannot roll back: a version it needs is no longer restorable, so nothing was changed:\n  second \(before d\w+-\w+\): a VACUUM \(version \d+\) deleted the files of version \d+$/);
    expect(await scalar('select total from main.analytics.second')).toBe('3000');
  });

  it('warns on promote when a table keeps replaced files for less than promote.rollback_window', async () => {
    const dir = project();
    writeFileSync(join(dir, 'sluice.yml'), 'promote:\n  rollback_window: 3d\n');
    await pipeline.promote({ projectDir: dir, out });
    await emulator.run("ALTER TABLE main.analytics.second SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval 48 hours')");
    change(dir, 10);
    const lines: string[] = [];
    await pipeline.promote({ projectDir: dir, out: (line) => lines.push(line) });
    expect(lines.filter((line) => line.includes('warning'))).toEqual([
      '  warning: second keeps replaced files for 2 days (delta.deletedFileRetentionDuration), less than promote.rollback_window (3 days): rolling this deploy back fails after that',
    ]);
  });

  it('records the deployment before publishing: a rollback undoes a publish that stopped half way, alone or with the promote that completed it', async () => {
    const dir = project();
    await pipeline.promote({ projectDir: dir, out });
    const failSecond = () => emulator.faults.failStatement(/CREATE OR REPLACE TABLE `main`\.`analytics`\.`second`/, { errorClass: 'INTERNAL_ERROR', message: 'injected failure' });

    // Stopped half way, then rolled back on its own: first is restored.
    change(dir, 10);
    failSecond();
    await expect(pipeline.promote({ projectDir: dir, out })).rejects.toThrow('injected failure');
    const interrupted = (await pipeline.deployments({ projectDir: dir, out })).at(-1)!;
    expect([interrupted.status, interrupted.models.map((model) => model.name)]).toEqual(['publishing', ['first', 'second']]);
    await pipeline.rollback({ projectDir: dir, out });
    expect([await scalar('select sum(amount) from main.analytics.first'), await scalar('select total from main.analytics.second')]).toEqual(['30', '30']);

    // Stopped half way, completed by the next promote, then rolled back: both deployments are undone.
    change(dir, 100);
    failSecond();
    await expect(pipeline.promote({ projectDir: dir, out })).rejects.toThrow('injected failure');
    const completing = await pipeline.promote({ projectDir: dir, out });
    expect(completing.status).toBe('published');
    expect(await scalar('select total from main.analytics.second')).toBe('3000');
    const lines: string[] = [];
    await pipeline.rollback({ projectDir: dir, out: (line) => lines.push(line) });
    expect([await scalar('select sum(amount) from main.analytics.first'), await scalar('select total from main.analytics.second')]).toEqual(['30', '30']);
    expect(lines.join('\n')).toMatch(new RegExp(`Rolled back ${completing.deployId}, d\\w+-\\w+ \\(recorded as d\\S+\\):\n +second +restored Delta version \\d+, as it was before`));
    // And the state agrees with the tables: nothing is left to deploy but the change itself.
    const { plan } = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out });
    expect(Object.fromEntries(plan.nodes.map((node) => [node.name, node.change]))).toMatchObject({ first: 'modified', second: 'impacted' });
  });

  it('converges after the process is killed between two published models', async () => {
    const dir = project();
    await pipeline.promote({ projectDir: dir, out });
    change(dir, 10);
    const signal = await new Promise<string | null>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'promote', '--project-dir', dir], { env: { ...process.env, SLUICE_FAULT: 'publish-step:0' }, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', (_code, received) => {
        clearTimeout(timer);
        resolve(received);
      });
    });
    expect(signal).toBe('SIGKILL');
    expect(await scalar('select sum(amount) from main.analytics.first')).toBe('300');
    expect(await scalar('select total from main.analytics.second')).toBe('30');
    // The dead promote's lock is taken over; what is left is published.
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    expect(await scalar('select total from main.analytics.second')).toBe('300');
  });

  it('tries state, lock and publish writes again when Delta refused their commit for a concurrent writer (nothing of them was written)', async () => {
    const dir = project();
    await pipeline.promote({ projectDir: dir, out });
    change(dir, 10);
    const conflicted = [/INSERT INTO `main`\.`sluice_state`\.`locks`/i, /INSERT INTO `main`\.`sluice_state`\.`runs`/i, /INSERT INTO `main`\.`sluice_state`\.`models`/i, /CREATE OR REPLACE TABLE `main`\.`analytics`\.`first`/];
    for (const pattern of conflicted) emulator.faults.concurrentWrite(pattern, { times: 2 });
    const sent = emulator.statements.length;
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    expect(await scalar('select total from main.analytics.second')).toBe('300');
    // Each conflicted statement went three times (two refused commits, then the one that counted), and wrote once.
    for (const pattern of conflicted) expect(emulator.statements.slice(sent).filter((statement) => pattern.test(statement)).length).toBeGreaterThanOrEqual(3);
    expect(await scalar("select count(*) from main.sluice_state.runs where kind = 'promote'")).toBe('2');
    expect(await scalar('select count(*) from main.sluice_state.locks')).toBe('0');
  });

  it('retries a transient 503 on a statement that is safe to repeat', async () => {
    const dir = project();
    emulator.faults.httpError({ method: 'ExecuteStatement', statement: /CREATE OR REPLACE VIEW|CREATE OR REPLACE TABLE/, status: 503 });
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    expect(await scalar('select total from main.analytics.second')).toBe('30');
  });
});
