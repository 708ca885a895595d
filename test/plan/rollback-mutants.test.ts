/**
 * Rollback on DuckDB, in process: what it restores for each kind of model, what it says (lines, errors
 * and hints), which deployments `--to` undoes, and what it records.
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { SluiceError } from '../../src/errors.js';
import { WAREHOUSES } from '../support/warehouses.js';

const PROJECT = {
  'sluice.yml': 'promote:\n  lock_timeout: 2s\n  lock_expiry: 60s\n',
  'seeds/raw_orders.csv': 'id,amount\n1,10\n2,20\n',
  'models/orders.sql': "{{ config(materialized='table') }}select id, amount from {{ ref('raw_orders') }}",
  'models/orders_view.sql': "{{ config(materialized='view') }}select id from {{ ref('orders') }}",
};

const lines: string[] = [];
const out = (line: string) => lines.push(line);

describe('rollback, on DuckDB', () => {
  const warehouse = WAREHOUSES.find((kind) => kind.name === 'duckdb')!.use();
  const makeProject = (files: Record<string, string>) => warehouse.makeProject(files);
  const query = (dir: string, sql: string) => warehouse.query(dir, sql);
  const rollbackError = async (dir: string, to?: string): Promise<SluiceError> => {
    try {
      await pipeline.rollback({ projectDir: dir, out, to });
    } catch (error) {
      if (error instanceof SluiceError) return error;
      throw error;
    }
    throw new Error('rollback did not fail');
  };

  it('says why there is nothing to roll back, with a hint', async () => {
    const dir = await makeProject(PROJECT);
    const never = await rollbackError(dir);
    expect(never.message).toBe('Nothing to roll back: production has never been deployed by Sluice');
    expect(never.hint).toBe('deploy first with sluice promote');
    await pipeline.promote({ projectDir: dir, out });
    await pipeline.rollback({ projectDir: dir, out });
    const none = await rollbackError(dir);
    expect(none.message).toBe('Nothing to roll back: no published deployment is left to undo');
    expect(none.hint).toBe('sluice deployments lists what was deployed and rolled back');
  });

  it('undoes only the last deployment by default, and every one back to --to, newest first', async () => {
    const dir = await makeProject(PROJECT);
    const first = await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='table') }}select id, amount * 2 as amount from {{ ref('raw_orders') }}");
    const second = await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='table') }}select id, amount * 3 as amount from {{ ref('raw_orders') }}");
    const third = await pipeline.promote({ projectDir: dir, out });
    expect(await query(dir, 'select sum(amount)::int as total from main.orders')).toEqual([{ total: 90 }]);

    const unknown = await rollbackError(dir, 'd20000101T000000Z-beef');
    expect(unknown.message).toBe("Deployment 'd20000101T000000Z-beef' is not a published deployment that can be undone");
    expect(unknown.hint).toBe(`published deployments: ${third.deployId}, ${second.deployId}, ${first.deployId}`);

    lines.length = 0;
    const last = await pipeline.rollback({ projectDir: dir, out });
    expect(last.undone).toEqual([third.deployId]);
    expect(await query(dir, 'select sum(amount)::int as total from main.orders')).toEqual([{ total: 60 }]);
    expect(lines).toContain(`Rolled back ${third.deployId} (recorded as ${last.deployId}):`);
    expect(lines).toContain(`  ${'orders'.padEnd('orders_view'.length)}  restored the table as it was before ${third.deployId}`);

    // The third is undone already: --to the first undoes the second and the first.
    lines.length = 0;
    const both = await pipeline.rollback({ projectDir: dir, out, to: first.deployId! });
    expect(both.undone).toEqual([second.deployId, first.deployId]);
    expect(lines.find((line) => line.startsWith('Rolled back'))).toBe(
      `Rolled back ${second.deployId}, ${first.deployId} — the first deployment: its 3 models did not exist before, so rolling back drops them (recorded as ${both.deployId}):`,
    );
    expect(await query(dir, "select count(*)::int as n from information_schema.tables where table_schema = 'main'")).toEqual([{ n: 0 }]);

    const deployments = await pipeline.deployments({ projectDir: dir, out });
    expect(deployments.map((deployment) => [deployment.kind, deployment.status, deployment.rollsBack ?? null])).toEqual([
      ['promote', 'rolled_back', null],
      ['promote', 'rolled_back', null],
      ['promote', 'rolled_back', null],
      ['rollback', 'published', third.deployId],
      ['rollback', 'published', `${second.deployId},${first.deployId}`],
    ]);
  });

  it("restores a view's SQL and a table that became a view, and drops a model that was new", async () => {
    const dir = await makeProject(PROJECT);
    const first = await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/orders_view.sql'), "{{ config(materialized='view') }}select id, 1 as one from {{ ref('orders') }}");
    writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='view') }}select id, amount + 1 as amount from {{ ref('raw_orders') }}");
    writeFileSync(join(dir, 'models/a_new_model_with_a_long_name.sql'), "select count(*) as n from {{ ref('orders') }}");
    const second = await pipeline.promote({ projectDir: dir, out });
    expect(await query(dir, "select table_name, table_type from information_schema.tables where table_schema = 'main' and table_name = 'orders'")).toEqual([{ table_name: 'orders', table_type: 'VIEW' }]);

    lines.length = 0;
    const result = await pipeline.rollback({ projectDir: dir, out });
    expect(result.models.sort()).toEqual(['a_new_model_with_a_long_name', 'orders', 'orders_view']);
    expect(lines).toEqual(
      expect.arrayContaining([
        `  a_new_model_with_a_long_name  dropped: it was new in ${second.deployId} (production had no a_new_model_with_a_long_name before)`,
        `  orders_view                   restored the view's SQL from before ${second.deployId}`,
        `  orders                        restored the table as it was before ${second.deployId}`,
      ]),
    );
    expect(lines[1]).toBe(`Rolled back ${second.deployId} (recorded as ${result.deployId}):`);
    expect(await query(dir, "select table_name, table_type from information_schema.tables where table_schema = 'main' order by table_name")).toEqual([
      { table_name: 'orders', table_type: 'BASE TABLE' },
      { table_name: 'orders_view', table_type: 'VIEW' },
      { table_name: 'raw_orders', table_type: 'BASE TABLE' },
    ]);
    expect(await query(dir, 'select * from main.orders_view order by id')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await query(dir, 'select sum(amount)::int as total from main.orders')).toEqual([{ total: 30 }]);
    // Production's state is the first deployment's again.
    const deployments = await pipeline.deployments({ projectDir: dir, out });
    expect(deployments[deployments.length - 1].models.map((model) => [model.name, model.deployId]).sort()).toEqual([
      ['orders', first.deployId],
      ['orders_view', first.deployId],
    ]);
  });

  it('says so when the only model of the first deployment is dropped, and restores an ephemeral model in the state only', async () => {
    const dir = await makeProject({
      'sluice.yml': PROJECT['sluice.yml'],
      'models/helper.sql': "{{ config(materialized='ephemeral') }}select 1 as id",
      'models/only.sql': "{{ config(materialized='table') }}select * from {{ ref('helper') }}",
    });
    const first = await pipeline.promote({ projectDir: dir, out });
    lines.length = 0;
    const result = await pipeline.rollback({ projectDir: dir, out });
    expect(result.models.sort()).toEqual(['helper', 'only']);
    expect(lines[1]).toBe(`Rolled back ${first.deployId} — the first deployment: its 1 model did not exist before, so rolling back drops it (recorded as ${result.deployId}):`);
    expect(lines).toContain('  helper      state restored (ephemeral: nothing in the warehouse)');
    expect(lines).toContain(`  only        dropped: it was new in ${first.deployId} (production had no only before)`);
  });

  it("names the first deployment's single model when rolling it back drops it", async () => {
    const dir = await makeProject({ 'sluice.yml': PROJECT['sluice.yml'], 'models/only.sql': "{{ config(materialized='table') }}select 1 as id" });
    const first = await pipeline.promote({ projectDir: dir, out });
    lines.length = 0;
    const result = await pipeline.rollback({ projectDir: dir, out });
    expect(lines[1]).toBe(`Rolled back ${first.deployId} — the first deployment: its 1 model did not exist before, so rolling back drops it (recorded as ${result.deployId}):`);
  });

  it('refuses, changing nothing, when the kept copy is gone', async () => {
    const dir = await makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='table') }}select id, amount * 2 as amount from {{ ref('raw_orders') }}");
    const second = await pipeline.promote({ projectDir: dir, out });
    const copies = await query(dir, "select table_name from information_schema.tables where table_schema = 'sluice_versions'");
    for (const copy of copies) await warehouse.execute(dir, `drop table sluice_versions."${String(copy.table_name)}"`);
    const error = await rollbackError(dir);
    expect(error.message).toBe(`The version of 'orders' before ${second.deployId} is no longer kept`);
    expect(error.hint).toBe('Sluice keeps 2 previous version(s) per model (promote.keep_versions in sluice.yml)');
    expect(await query(dir, 'select sum(amount)::int as total from main.orders')).toEqual([{ total: 60 }]);
    // The lock was released: another command does not wait for it.
    const started = Date.now();
    await expect(pipeline.rollback({ projectDir: dir, out })).rejects.toThrow('is no longer kept');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
