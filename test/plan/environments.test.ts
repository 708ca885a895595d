/**
 * Environments end to end, on DuckDB and on Databricks (the emulator, through the real driver), from one
 * test definition: plan against production state, ci into a pull request's schemas, promote (write →
 * audit → publish), a failed promote, a crash mid-publish, the lock, rollback, drop and janitor —
 * asserted on rows, relations, state and report.json.
 */
import { describe, expect, it } from '@jest/globals';
import { hostname } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { runCliAsync, type CliResult } from '../support/project.js';
import { WAREHOUSES } from '../support/warehouses.js';

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

/** Waits, up to `seconds`, until `condition` holds; fails with `what` otherwise. */
async function waitUntil(condition: () => boolean, what: string, seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up after ${seconds}s waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouse = kind.use();
  const makeProject = (files: Record<string, string>) => {
    lines.length = 0;
    return warehouse.makeProject(files);
  };
  const query = (dir: string, sql: string) => warehouse.query(dir, sql);
  const schemas = (dir: string) => warehouse.schemas(dir);
  /** How report.json and compiled SQL spell a relation: two parts on DuckDB, three (the profile's catalog first) on Databricks. */
  const spelled = (dir: string, schema: string, identifier: string) =>
    warehouse.name === 'duckdb' ? `"${schema}"."${identifier}"` : `\`${warehouse.database(dir)}\`.\`${schema}\`.\`${identifier}\``;

  describe('plan and ci', () => {
    it('plans everything when production has no state, and nothing after a deploy', async () => {
      const dir = await makeProject(PROJECT);
      const printed = await runCliAsync(['plan', '--project-dir', dir, '--pr', '1']);
      expect(printed.stdout).toContain('Production has no state yet: everything is planned as new.');
      const empty = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out });
      expect(empty.plan.hasProductionState).toBe(false);
      expect(empty.plan.nodes.every((node) => node.change === 'new')).toBe(true);
      expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
      const after = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out });
      expect(after.plan.nodes.map((node) => node.change)).toEqual(after.plan.nodes.map(() => 'deferred'));
    });

    it('builds only the changed model and what reads it, reading the rest from production, twice with the same result', async () => {
      const dir = await makeProject(PROJECT);
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
      expect(byName.stg_orders).toMatchObject({ status: 'built', change: 'modified', relation: spelled(dir, 'sluice_pr_7__main', 'stg_orders') });
      expect(byName.raw_orders).toMatchObject({ status: 'deferred', change: null, relation: spelled(dir, 'main', 'raw_orders') });
      expect(report.tests.map((test: { name: string; status: string }) => [test.name, test.status])).toEqual([
        ['not_null_orders_by_status_status', 'pass'],
        ['unique_orders_by_status_status', 'pass'],
      ]);
      // The deferred seed is read from production; nothing of the pull request touched production.
      const compiled = readFileSync(join(dir, 'target/compiled/test_project/models/stg_orders.sql'), 'utf8');
      expect(compiled).toContain(`from ${spelled(dir, 'main', 'raw_orders')}`);
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
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      // Production's fact table holds a row the source no longer has: a copy keeps it, a rebuild would not.
      await warehouse.execute(dir, 'insert into main.fact_orders values (100, 1)');
      writeFileSync(join(dir, 'models/fact_orders.sql'), PROJECT['models/fact_orders.sql'].replace('select id, amount', 'select id, amount + 0 as amount'));
      await pipeline.ci({ projectDir: dir, environment: 'pr_2', out });
      expect(lines.some((line) => line.includes("incremental fact_orders starts from a copy of production's main.fact_orders"))).toBe(true);
      expect(await query(dir, 'select count(*) as n from sluice_pr_2__main.fact_orders where id = 100')).toEqual([{ n: 1 }]);
      await pipeline.ci({ projectDir: dir, environment: 'pr_2', fullRefresh: true, out });
      expect(await query(dir, 'select count(*) as n from sluice_pr_2__main.fact_orders where id = 100')).toEqual([{ n: 0 }]);
    });

    it('selects state:modified+ from the plan', async () => {
      const dir = await makeProject(PROJECT);
      expect((await runCliAsync(['promote', '--project-dir', dir])).code).toBe(0);
      writeFileSync(join(dir, 'models/fact_orders.sql'), PROJECT['models/fact_orders.sql'].replace('select id, amount', 'select id, amount + 1 as amount'));
      const result = await runCliAsync(['ls', '--project-dir', dir, '--select', 'state:modified+', '--resource-type', 'model', '--output', 'name']);
      expect(result.stdout.trim().split('\n')).toEqual(['big_spenders', 'fact_orders']);
    });

    it('refuses a hook that writes outside the environment, before it runs', async () => {
      const dir = await makeProject({
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

    it("runs on-run-start/end hooks in the pull request's environment, and refuses one that writes to production", async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      const projectFile = readFileSync(join(dir, 'dbt_project.yml'), 'utf8');
      writeFileSync(join(dir, 'dbt_project.yml'), `${projectFile}\non-run-end: "create table {{ target.schema }}.hook_ran as select {{ results | length }} as n"\n`);
      writeFileSync(join(dir, 'models/stg_orders.sql'), `${PROJECT['models/stg_orders.sql']} where id > 0`);
      const ran = await pipeline.ci({ projectDir: dir, environment: 'pr_6', out });
      expect(ran.report.ok).toBe(true);
      const environmentSchema = (await schemas(dir)).find((schema) => schema.startsWith('sluice_pr_6__'))!;
      // results: the models built and the tests run (what data-aware impact deferred is not in them).
      const ranNodes = ran.report.models.filter((model) => model.status === 'built').length + ran.report.tests.length;
      expect(ranNodes).toBeGreaterThanOrEqual(2);
      expect(await query(dir, `select n from ${environmentSchema}.hook_ran`)).toEqual([{ n: ranNodes }]);
      expect((await schemas(dir)).filter((schema) => schema.startsWith('sluice_pr_6__'))).toEqual([environmentSchema]);
      writeFileSync(join(dir, 'dbt_project.yml'), `${projectFile}\non-run-start: "delete from main.raw_orders"\n`);
      const refused = await pipeline.ci({ projectDir: dir, environment: 'pr_7', out });
      expect(refused.report.ok).toBe(false);
      expect(lines.join('\n')).toContain("Refused DELETE of main.raw_orders: it is outside environment 'pr_7'");
      expect(await query(dir, 'select count(*) as n from main.raw_orders')).toEqual([{ n: 4 }]);
    });

    it("refuses run_query and statement() writes to production from a pull request's model, while planning and building", async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      const writes = {
        run_query: "{% if execute %}{% do run_query('delete from main.raw_orders') %}{% endif %}",
        statement: "{% call statement('wipe', fetch_result=False) %}delete from main.raw_orders{% endcall %}",
      };
      for (const [how, jinja] of Object.entries(writes)) {
        writeFileSync(join(dir, 'models/stg_orders.sql'), `${jinja}\n${PROJECT['models/stg_orders.sql']}`);
        await expect(pipeline.plan({ projectDir: dir, environment: 'pr_4', out })).rejects.toThrow("Refused DELETE of main.raw_orders: it is outside environment 'pr_4'");
        await expect(pipeline.ci({ projectDir: dir, environment: 'pr_4', out })).rejects.toThrow("Refused DELETE of main.raw_orders: it is outside environment 'pr_4'");
        expect([how, await query(dir, 'select count(*) as n from main.raw_orders')]).toEqual([how, [{ n: 4 }]]);
      }
    });
  });

  describe('promote', () => {
    it('publishes only when every error-level test passes, and leaves production as it was otherwise', async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      // Two statuses collapse into one: orders_by_status gets duplicate rows, its unique test fails.
      writeFileSync(join(dir, 'models/orders_by_status.sql'), "{{ config(materialized='table') }}select status, count(*) as orders, sum(amount) as amount from {{ ref('stg_orders') }} group by status, id");
      const before = await warehouse.tableRows(dir, 'main.orders_by_status', 'status');
      const result = await runCliAsync(['promote', '--project-dir', dir]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Not published: production is unchanged. What failed:');
      expect(result.stdout).toMatch(/test unique_orders_by_status_status: fail \(1 failing row\)/);
      expect(await warehouse.tableRows(dir, 'main.orders_by_status', 'status')).toEqual(before);
      expect((await schemas(dir)).filter((schema) => schema.startsWith('sluice_audit'))).toEqual([]);
      const deployments = await pipeline.deployments({ projectDir: dir, out });
      expect(deployments).toHaveLength(1);
    });

    it('leaves production consistent when killed mid-publish, and the next promote converges', async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount * 10 as amount from {{ ref('raw_orders') }}");
      // DuckDB publishes in one transaction: killed inside it, after its 4th statement. Databricks publishes
      // model by model: killed after the first model (stg_orders) and its state row.
      const fault = { duckdb: 'publish:4', databricks: 'publish-step:0' }[warehouse.name];
      const killed = await runCliAsync(['promote', '--project-dir', dir], { env: { SLUICE_FAULT: fault }, timeoutMs: 60_000 });
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.stdout).toContain('Publish: deploying');
      expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 65 }]);
      // DuckDB's transaction left no trace; Databricks' deployment is recorded as interrupted while publishing.
      const statuses = (await pipeline.deployments({ projectDir: dir, out })).map((deployment) => deployment.status);
      expect(statuses).toEqual(warehouse.name === 'duckdb' ? ['published'] : ['published', 'publishing']);
      // Each model is old or new, and the state says which: the next plan picks up exactly what is left.
      const { plan } = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out });
      const changes = Object.fromEntries(plan.nodes.map((node) => [node.name, node.change]));
      if (warehouse.name === 'duckdb') {
        expect(await query(dir, 'select sum(amount) as total from main.stg_orders')).toEqual([{ total: 65 }]);
        expect(changes).toMatchObject({ stg_orders: 'modified', orders_by_status: 'impacted' });
      } else {
        expect(await query(dir, 'select sum(amount) as total from main.stg_orders')).toEqual([{ total: 650 }]);
        expect(changes).toMatchObject({ stg_orders: 'deferred', orders_by_status: 'impacted' });
        expect(plan.nodes.find((node) => node.name === 'orders_by_status')!.reason).toBe('its upstream changed since it was deployed');
      }
      // The dead process's lock is taken over, the change is published.
      const again = await runCliAsync(['promote', '--project-dir', dir]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('which has ended: taking it over');
      expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 650 }]);
    });

    it('waits for a live lock, then fails clearly; --force-unlock removes it', async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      // A holder that is alive: this very test process.
      const now = new Date().toISOString();
      await warehouse.execute(dir, `insert into sluice_state.locks values ('deploy', 'someone', ${process.pid}, '${hostname()}', '${now}', '${now}')`);
      writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount + 1 as amount from {{ ref('raw_orders') }}");
      const started = Date.now();
      const blocked = await runCliAsync(['promote', '--project-dir', dir]);
      expect(blocked.code).toBe(2);
      expect(blocked.stdout).toContain('Waiting for the deploy lock');
      expect(blocked.stderr).toContain(`Another deploy holds the lock (process ${process.pid}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      const forced = await runCliAsync(['promote', '--project-dir', dir, '--force-unlock']);
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain('Published');
    });

    it('runs two promotes one after the other: the second waits (for the DuckDB file; for the lock row on Databricks), then finds nothing to do', async () => {
      const dir = await makeProject({ ...PROJECT, 'sluice.yml': 'promote:\n  lock_timeout: 60s\n  lock_expiry: 60s\n' });
      await pipeline.promote({ projectDir: dir, out });
      writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount + 2 as amount from {{ ref('raw_orders') }}");
      // This test process holds what the two promotes queue on until both are waiting for it, so that they
      // start together; then one of them holds it for its whole promote while the other waits.
      const waiting = { duckdb: 'Waiting for another process to release the DuckDB file', databricks: `Waiting for the deploy lock held by process ${process.pid}` }[warehouse.name];
      let release: () => Promise<void>;
      if (warehouse.name === 'duckdb') {
        const held = await warehouse.connect(dir);
        release = () => held.close();
      } else {
        const now = new Date().toISOString();
        await warehouse.execute(dir, `insert into sluice_state.locks values ('deploy', 'the test', ${process.pid}, '${hostname()}', '${now}', '${now}')`);
        release = () => warehouse.execute(dir, "delete from sluice_state.locks where holder = 'the test'");
      }
      const outputs = ['', ''];
      const promote = (index: number): Promise<CliResult> =>
        runCliAsync(['promote', '--project-dir', dir], { timeoutMs: 60_000, onStdout: (text) => (outputs[index] += text) });
      const runs = Promise.all([promote(0), promote(1)]);
      await waitUntil(() => outputs.every((output) => output.includes(waiting)), 'both promotes wait');
      await release();
      const [first, second] = await runs;
      expect([first.code, second.code]).toEqual([0, 0]);
      const published = [first, second].filter((result) => result.stdout.includes('Published d'));
      const upToDate = [first, second].filter((result) => result.stdout.includes('Production is up to date'));
      expect(published).toHaveLength(1);
      expect(upToDate).toHaveLength(1);
      expect(await pipeline.deployments({ projectDir: dir, out })).toHaveLength(2);
      expect(await query(dir, 'select sum(amount) as total from main.stg_orders')).toEqual([{ total: 73 }]);
    });

    it('refuses a state schema written by a newer Sluice', async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      await warehouse.execute(dir, "update sluice_state.sluice_meta set value = '99' where key = 'schema_version'");
      await expect(pipeline.plan({ projectDir: dir, environment: 'pr_1', out })).rejects.toThrow('was written by a newer Sluice (state version 99');
    });

    it('migrates state written by an older Sluice (version 1: deployments without `continues`) and keeps its history', async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      // Version 1's deployments table, as it was: the same rows without the `continues` column.
      const v1 = 'deploy_id, environment, kind, run_id, git_sha, created_at, status, models_json, rolls_back';
      await warehouse.execute(dir, `create table sluice_state.deployments_v1 as select ${v1} from sluice_state.deployments`);
      await warehouse.execute(dir, 'drop table sluice_state.deployments');
      await warehouse.execute(dir, `create table sluice_state.deployments as select ${v1} from sluice_state.deployments_v1`);
      await warehouse.execute(dir, 'drop table sluice_state.deployments_v1');
      await warehouse.execute(dir, "update sluice_state.sluice_meta set value = '1' where key = 'schema_version'");
      writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount * 3 as amount from {{ ref('raw_orders') }}");
      expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
      expect(await query(dir, "select value from sluice_state.sluice_meta where key = 'schema_version'")).toEqual([{ value: '2' }]);
      const history = await pipeline.deployments({ projectDir: dir, out });
      expect(history.map((deployment) => [deployment.status, deployment.continues])).toEqual([
        ['published', null],
        ['published', null],
      ]);
      await pipeline.rollback({ projectDir: dir, out });
      expect(await query(dir, 'select sum(amount) as total from main.stg_orders')).toEqual([{ total: 65 }]);
    });
  });

  describe('rollback', () => {
    it('restores tables (a kept copy on DuckDB, a Delta version on Databricks), views from their SQL, and drops what was new', async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount * 3 as amount from {{ ref('raw_orders') }}");
      writeFileSync(join(dir, 'models/new_model.sql'), "select count(*) as n from {{ ref('stg_orders') }}");
      expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
      expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 195 }]);
      // Kept copies live in sluice_versions, out of sight of production's readers (DuckDB; Delta keeps versions itself).
      const tables = await query(dir, "select table_schema, table_name from information_schema.tables where table_name like '%__sluice_d%'");
      const copies = tables.map((row) => `${String(row.table_schema)}.${String(row.table_name)}`);
      if (warehouse.name === 'duckdb') {
        expect(copies).toEqual(expect.arrayContaining([expect.stringMatching(/^sluice_versions\.main__orders_by_status__sluice_d/)]));
        expect(copies.filter((copy) => !copy.startsWith('sluice_versions.'))).toEqual([]);
      }
      else expect(copies).toEqual([]);
      lines.length = 0;
      const result = await pipeline.rollback({ projectDir: dir, out });
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^  new_model +dropped: it was new in d/), expect.stringMatching(/^  orders_by_status +restored (the table|Delta version \d+,) as it was before d/)]));
      expect(result.models.sort()).toEqual(['big_spenders', 'fact_orders', 'new_model', 'orders_by_status', 'stg_orders']);
      if (warehouse.name === 'databricks') {
        const restore = new RegExp(`^RESTORE TABLE \`${warehouse.database(dir)}\`\\.\`main\`\\.\`orders_by_status\` TO VERSION AS OF \\d+$`, 'm');
        expect(warehouse.emulator!.statements.some((statement) => restore.test(statement))).toBe(true);
      }
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

    it('rolls back the first deployment by dropping what it created, and says so', async () => {
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      lines.length = 0;
      const result = await pipeline.rollback({ projectDir: dir, out });
      expect(result.models.sort()).toEqual(['big_spenders', 'fact_orders', 'orders_by_status', 'raw_orders', 'stg_orders']);
      expect(lines.join('\n')).toContain('the first deployment: its 5 models did not exist before, so rolling back drops them');
      expect(await query(dir, "select count(*) as n from information_schema.tables where table_schema = 'main'")).toEqual([{ n: 0 }]);
    });

    it('still restores a copy that an older Sluice kept beside the production table', async () => {
      if (warehouse.name !== 'duckdb') return; // copies are DuckDB's; Delta keeps versions
      const dir = await makeProject(PROJECT);
      await pipeline.promote({ projectDir: dir, out });
      writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, status, amount * 3 as amount from {{ ref('raw_orders') }}");
      await pipeline.promote({ projectDir: dir, out });
      const [copy] = await query(dir, "select table_name from information_schema.tables where table_schema = 'sluice_versions' and table_name like 'main__orders_by_status__%'");
      const deployId = String(copy.table_name).replace('main__orders_by_status__sluice_', '');
      // As the copy was kept before sluice_versions: main.orders_by_status__sluice_<deploy id>.
      await warehouse.execute(dir, `create table main."orders_by_status__sluice_${deployId}" as select * from sluice_versions."main__orders_by_status__sluice_${deployId}"; drop table sluice_versions."main__orders_by_status__sluice_${deployId}"`);
      for (const [table, column] of [['deployments', 'models_json'], ['models', 'restore_json']]) {
        await warehouse.execute(dir, `update sluice_state.${table} set ${column} = replace(${column}, '"schema":"sluice_versions","identifier":"main__orders_by_status__sluice_', '"schema":"main","identifier":"orders_by_status__sluice_')`);
      }
      await pipeline.rollback({ projectDir: dir, out });
      expect(await query(dir, 'select sum(amount) as total from main.orders_by_status')).toEqual([{ total: 65 }]);
      expect(await query(dir, "select count(*) as n from information_schema.tables where table_name like 'orders_by_status__sluice_d%'")).toEqual([{ n: 0 }]);
    });

    it('says so when there is nothing to roll back', async () => {
      const dir = await makeProject(PROJECT);
      const never = await runCliAsync(['rollback', '--project-dir', dir]);
      expect(never.code).toBe(2);
      expect(never.stderr).toContain('Nothing to roll back: production has never been deployed by Sluice');
      await pipeline.promote({ projectDir: dir, out });
      await pipeline.rollback({ projectDir: dir, out });
      await expect(pipeline.rollback({ projectDir: dir, out })).rejects.toThrow('no published deployment is left to undo');
    });
  });

  describe('drop and janitor', () => {
    it("drops only the environment's prefixed schemas, never production or the state", async () => {
      const dir = await makeProject(PROJECT);
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

    it('refuses to drop production', async () => {
      const dir = await makeProject(PROJECT);
      const result = await runCliAsync(['drop', '--project-dir', dir, '--env', 'prod']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("'prod' is production");
    });
  });
});
