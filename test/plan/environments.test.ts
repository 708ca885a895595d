/**
 * Environments end to end on DuckDB: plan against production state, ci into a pull request's schemas,
 * promote (write → audit → publish), a failed promote, a crash mid-publish, the lock, rollback, drop
 * and janitor — asserted on rows, relations, state and report.json.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { CLI, makeProject, runCli } from '../support/project.js';

const PROJECT = {
  'sluice.yml': 'promote:\n  lock_timeout: 2s\n  lock_expiry: 60s\n',
  'seeds/raw_orders.csv': 'id,status,amount\n1,placed,10\n2,shipped,20\n3,shipped,30\n4,returned,5\n',
  'models/stg_orders.sql': "select id, status, amount from {{ ref('raw_orders') }}",
  'models/orders_by_status.sql': "{{ config(materialized='table') }}select status, count(*) as orders, sum(amount) as amount from {{ ref('stg_orders') }} group by status",
  'models/fact_orders.sql': [
    "{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge') }}",
    "select id, amount from {{ ref('stg_orders') }}",
    '{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}',
  ].join('\n'),
  'models/big_spenders.sql': "{{ config(materialized='table') }}select * from {{ ref('fact_orders') }} where amount >= 20",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: orders_by_status\n    columns:\n      - name: status\n        tests: [unique, not_null]\n',
};

const lines: string[] = [];
const out = (line: string) => lines.push(line);
const open: Warehouse[] = [];

afterEach(async () => {
  while (open.length) await open.pop()!.close();
  lines.length = 0;
});

async function query(dir: string, sql: string) {
  const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: join(dir, 'target', 'test.duckdb') });
  try {
    return (await warehouse.query(sql)).rows;
  } finally {
    await warehouse.close();
  }
}

async function schemas(dir: string): Promise<string[]> {
  return (await query(dir, "select schema_name from information_schema.schemata where catalog_name = 'test' order by schema_name")).map((row) => String(row.schema_name));
}

describe('plan and ci', () => {
  it('plans everything when production has no state, and nothing after a deploy', async () => {
    const dir = makeProject(PROJECT);
    const printed = runCli(['plan', '--project-dir', dir, '--pr', '1']);
    expect(printed.stdout).toContain('Production has no state yet: everything is planned as new.');
    const empty = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out });
    expect(empty.plan.hasProductionState).toBe(false);
    expect(empty.plan.nodes.every((node) => node.change === 'new')).toBe(true);
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    const after = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out });
    expect(after.plan.nodes.map((node) => node.change)).toEqual(after.plan.nodes.map(() => 'deferred'));
  });

  it('builds only the changed model and what reads it, reading the rest from production, twice with the same result', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount * 2 as amount from {{ ref('raw_orders') }}");
    const { plan } = await pipeline.plan({ projectDir: dir, environment: 'pr_7', out });
    const changes = Object.fromEntries(plan.nodes.map((node) => [node.name, `${node.change}: ${node.reason}`]));
    expect(changes).toEqual({
      raw_orders: 'deferred: unchanged: read from production',
      stg_orders: 'modified: SQL changed',
      orders_by_status: 'impacted: reads stg_orders',
      fact_orders: 'impacted: reads stg_orders',
      big_spenders: 'impacted: reads fact_orders',
    });

    const first = await pipeline.ci({ projectDir: dir, environment: 'pr_7', out });
    expect(first.report.ok).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'report.json'), 'utf8'));
    expect(report).toMatchObject({ env: 'pr_7', base_env: 'prod' });
    const byName = Object.fromEntries(report.models.map((model: { name: string }) => [model.name, model]));
    expect(byName.stg_orders).toMatchObject({ status: 'built', change: 'modified', relation: '"sluice_pr_7__main"."stg_orders"' });
    expect(byName.raw_orders).toMatchObject({ status: 'deferred', change: null, relation: '"main"."raw_orders"' });
    expect(report.tests.map((test: { name: string; status: string }) => [test.name, test.status])).toEqual([
      ['not_null_orders_by_status_status', 'pass'],
      ['unique_orders_by_status_status', 'pass'],
    ]);
    // The deferred seed is read from production; nothing of the pull request touched production.
    const compiled = readFileSync(join(dir, 'target/compiled/test_project/models/stg_orders.sql'), 'utf8');
    expect(compiled).toContain('from "main"."raw_orders"');
    expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 65 }]);
    expect(await query(dir, 'select sum(amount) as total from sluice_pr_7__main.orders_by_status')).toEqual([{ total: 130 }]);
    expect(await schemas(dir)).toContain('sluice_pr_7__main');
    expect(await query(dir, "select count(*) as n from information_schema.tables where table_schema = 'sluice_pr_7__main' and table_name = 'raw_orders'")).toEqual([{ n: 0 }]);

    // The incremental fact table started from production's copy; its filter adds no new ids.
    const firstFacts = await query(dir, 'select count(*) as n, sum(amount) as total from sluice_pr_7__main.fact_orders');
    expect(firstFacts).toEqual([{ n: 4, total: 65 }]);
    const second = await pipeline.ci({ projectDir: dir, environment: 'pr_7', out });
    expect(second.report.ok).toBe(true);
    expect(await query(dir, 'select count(*) as n, sum(amount) as total from sluice_pr_7__main.fact_orders')).toEqual(firstFacts);
    expect(await query(dir, 'select sum(amount) as total from sluice_pr_7__main.orders_by_status')).toEqual([{ total: 130 }]);
  });

  it('starts an incremental model from a copy of its production table', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    // Production's fact table holds a row the source no longer has: a copy keeps it, a rebuild would not.
    await (async () => {
      const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: join(dir, 'target', 'test.duckdb') });
      await warehouse.execute('insert into main.fact_orders values (100, 1)');
      await warehouse.close();
    })();
    writeFileSync(join(dir, 'models/fact_orders.sql'), PROJECT['models/fact_orders.sql'].replace('select id, amount', 'select id, amount + 0 as amount'));
    await pipeline.ci({ projectDir: dir, environment: 'pr_2', out });
    expect(lines.some((line) => line.includes("incremental fact_orders starts from a copy of production's main.fact_orders"))).toBe(true);
    expect(await query(dir, 'select count(*) as n from sluice_pr_2__main.fact_orders where id = 100')).toEqual([{ n: 1 }]);
    await pipeline.ci({ projectDir: dir, environment: 'pr_2', fullRefresh: true, out });
    expect(await query(dir, 'select count(*) as n from sluice_pr_2__main.fact_orders where id = 100')).toEqual([{ n: 0 }]);
  });

  it('selects state:modified+ from the plan', () => {
    const dir = makeProject(PROJECT);
    expect(runCli(['promote', '--project-dir', dir]).code).toBe(0);
    writeFileSync(join(dir, 'models/fact_orders.sql'), PROJECT['models/fact_orders.sql'].replace('select id, amount', 'select id, amount + 1 as amount'));
    const result = runCli(['ls', '--project-dir', dir, '--select', 'state:modified+', '--resource-type', 'model', '--output', 'name']);
    expect(result.stdout.trim().split('\n')).toEqual(['big_spenders', 'fact_orders']);
  });

  it('refuses a hook that writes outside the environment, before it runs', async () => {
    const dir = makeProject({
      ...PROJECT,
      'models/orders_by_status.sql': `{{ config(post_hook="delete from main.raw_orders") }}${PROJECT['models/orders_by_status.sql']}`,
    });
    const result = await pipeline.ci({ projectDir: dir, environment: 'pr_3', out });
    expect(result.report.ok).toBe(false);
    const failed = result.report.models.find((model) => model.name === 'orders_by_status')!;
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain("Refused DELETE of main.raw_orders: it is outside environment 'pr_3'");
    // The seed was built into the environment (production has no state), production's table never existed.
    expect(await query(dir, "select count(*) as n from information_schema.tables where table_schema = 'main'")).toEqual([{ n: 0 }]);
  });
});

describe('promote', () => {
  it('publishes only when every error-level test passes, and leaves production as it was otherwise', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    // Two statuses collapse into one: orders_by_status gets duplicate rows, its unique test fails.
    writeFileSync(join(dir, 'models/orders_by_status.sql'), "{{ config(materialized='table') }}select status, count(*) as orders, sum(amount) as amount from {{ ref('stg_orders') }} group by status, id");
    const before = await query(dir, 'select * from main.orders_by_status order by status');
    const result = runCli(['promote', '--project-dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Not published: production is unchanged. What failed:');
    expect(result.stdout).toMatch(/test unique_orders_by_status_status: fail \(1 failing row\)/);
    expect(await query(dir, 'select * from main.orders_by_status order by status')).toEqual(before);
    expect((await schemas(dir)).filter((schema) => schema.startsWith('sluice_audit'))).toEqual([]);
    const deployments = await pipeline.deployments({ projectDir: dir, out });
    expect(deployments).toHaveLength(1);
  });

  it('leaves production consistent when killed mid-publish, and the next promote converges', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount * 10 as amount from {{ ref('raw_orders') }}");
    const killed = spawnSync(process.execPath, [CLI, 'promote', '--project-dir', dir], { env: { ...process.env, SLUICE_FAULT: 'publish:4' }, encoding: 'utf8', timeout: 60_000 });
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).toContain('Publish: deploying');
    expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 65 }]);
    expect(await pipeline.deployments({ projectDir: dir, out })).toHaveLength(1);
    // The dead process's lock is taken over, the change is published.
    const again = runCli(['promote', '--project-dir', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('which has ended: taking it over');
    expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 650 }]);
  });

  it('waits for a live lock, then fails clearly; --force-unlock removes it', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: join(dir, 'target', 'test.duckdb') });
    // A holder that is alive: this very test process.
    await warehouse.execute(`insert into sluice_state.locks values ('deploy', 'someone', ${process.pid}, '${(await import('node:os')).hostname()}', '${new Date().toISOString()}', '${new Date().toISOString()}')`);
    await warehouse.close();
    writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount + 1 as amount from {{ ref('raw_orders') }}");
    const started = Date.now();
    const blocked = runCli(['promote', '--project-dir', dir]);
    expect(blocked.code).toBe(2);
    expect(blocked.stdout).toContain('Waiting for the deploy lock');
    expect(blocked.stderr).toContain(`Another deploy holds the lock (process ${process.pid}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    const forced = runCli(['promote', '--project-dir', dir, '--force-unlock']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Published');
  });

  it('runs two promotes one after the other: the second waits for the database file, then finds nothing to do', async () => {
    const dir = makeProject(PROJECT);
    const run = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'promote', '--project-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout });
        });
      });
    const [first, second] = await Promise.all([run(), run()]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const outputs = [first.stdout, second.stdout];
    expect(outputs.filter((output) => output.includes('Published d'))).toHaveLength(1);
    expect(outputs.filter((output) => output.includes('Production is up to date'))).toHaveLength(1);
    expect(await pipeline.deployments({ projectDir: dir, out })).toHaveLength(1);
  });

  it('refuses a state schema written by a newer Sluice', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: join(dir, 'target', 'test.duckdb') });
    await warehouse.execute("update sluice_state.sluice_meta set value = '99' where key = 'schema_version'");
    await warehouse.close();
    await expect(pipeline.plan({ projectDir: dir, environment: 'pr_1', out })).rejects.toThrow('was written by a newer Sluice (state version 99');
  });
});

describe('rollback', () => {
  it('restores tables from their kept copies, views from their SQL, and drops what was new', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount * 3 as amount from {{ ref('raw_orders') }}");
    writeFileSync(join(dir, 'models/new_model.sql'), "select count(*) as n from {{ ref('stg_orders') }}");
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 195 }]);
    const result = await pipeline.rollback({ projectDir: dir, out });
    expect(result.models.sort()).toEqual(['big_spenders', 'fact_orders', 'new_model', 'orders_by_status', 'stg_orders']);
    expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 65 }]);
    expect(await query(dir, 'select sum(amount) as total from main.stg_orders')).toEqual([{ total: 65 }]);
    expect(await query(dir, "select count(*) as n from information_schema.tables where table_name = 'new_model'")).toEqual([{ n: 0 }]);
    const deployments = await pipeline.deployments({ projectDir: dir, out });
    expect(deployments.map((deployment) => [deployment.kind, deployment.status])).toEqual([
      ['promote', 'published'],
      ['promote', 'rolled_back'],
      ['rollback', 'published'],
    ]);
    // After the rollback, production's state is the first deploy again: the change plans as modified.
    const { plan } = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out });
    expect(plan.nodes.find((node) => node.name === 'stg_orders')!.change).toBe('modified');
  });

  it('says so when there is nothing to roll back', async () => {
    const dir = makeProject(PROJECT);
    const never = runCli(['rollback', '--project-dir', dir]);
    expect(never.code).toBe(2);
    expect(never.stderr).toContain('Nothing to roll back: production has never been deployed by Sluice');
    await pipeline.promote({ projectDir: dir, out });
    await pipeline.rollback({ projectDir: dir, out });
    await expect(pipeline.rollback({ projectDir: dir, out })).rejects.toThrow('no published deployment is left to undo');
  });
});

describe('drop and janitor', () => {
  it('drops only the environment\'s prefixed schemas, never production or the state', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount - 1 as amount from {{ ref('raw_orders') }}");
    await pipeline.ci({ projectDir: dir, environment: 'pr_4', out });
    await pipeline.ci({ projectDir: dir, environment: 'pr_5', out });
    expect(await schemas(dir)).toEqual(expect.arrayContaining(['main', 'sluice_pr_4__main', 'sluice_pr_5__main', 'sluice_state']));
    expect(await pipeline.drop({ projectDir: dir, environment: 'pr_4', out })).toEqual(['sluice_pr_4__main']);
    expect(await schemas(dir)).not.toContain('sluice_pr_4__main');
    expect(await schemas(dir)).toContain('sluice_pr_5__main');

    const dryRun = await pipeline.janitor({ projectDir: dir, olderThanSeconds: 0, dryRun: true, out });
    expect(dryRun.dropped).toEqual(['pr_5']);
    expect(await schemas(dir)).toContain('sluice_pr_5__main');
    const kept = await pipeline.janitor({ projectDir: dir, out });
    expect(kept).toEqual({ dropped: [], kept: ['pr_5'] });
    const swept = await pipeline.janitor({ projectDir: dir, olderThanSeconds: 0, out });
    expect(swept.dropped).toEqual(['pr_5']);
    const left = await schemas(dir);
    expect(left.filter((schema) => schema.startsWith('sluice_pr_'))).toEqual([]);
    expect(left).toEqual(expect.arrayContaining(['main', 'sluice_state']));
  });

  it('refuses to drop production', () => {
    const dir = makeProject(PROJECT);
    const result = runCli(['drop', '--project-dir', dir, '--env', 'prod']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'prod' is production");
    rmSync(dir, { recursive: true, force: true });
  });
});
