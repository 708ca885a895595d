/**
 * Databricks outside the plain Unity Catalog managed table, through the real driver and the emulator:
 * a workspace's legacy `hive_metastore` catalog (no information_schema, no shallow clone), and pull
 * requests whose production incremental model is an EXTERNAL table or a materialized view (Unity
 * Catalog clones managed to managed and external to external only, and never a materialized view).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { SluiceError } from '../../src/errors.js';
import { DatabricksWarehouse } from '../../src/warehouse/databricks/databricks-warehouse.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';
import { runCommand } from '../../src/execute/run-task.js';
import { loadProfile } from '../../src/project/profiles.js';
import { openSession } from '../../src/session.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import { makeProject, prodProfile, PROFILE_NAME } from '../support/project.js';

const INCREMENTAL = [
  "{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge') }}",
  "select id, amount from {{ ref('raw_orders') }}",
  '{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}',
].join('\n');

const PROJECT = {
  'seeds/raw_orders.csv': 'id,status,amount\n1,placed,10\n2,shipped,20\n3,shipped,30\n',
  'models/orders_by_status.sql': "{{ config(materialized='table') }}select status, sum(amount) as amount from {{ ref('raw_orders') }} group by status",
  'models/shipped.sql': "{{ config(materialized='view') }}select id, amount from {{ ref('raw_orders') }} where status = 'shipped'",
  'models/fact_orders.sql': INCREMENTAL,
};

let emulator: DatabricksEmulator;
const lines: string[] = [];
const out = (line: string) => lines.push(line);
const rows = async (sql: string) => (await emulator.run(sql)).map((row) => row.map((cell) => (typeof cell === 'bigint' ? Number(cell) : cell)));
/** DESCRIBE TABLE EXTENDED's detail rows as an object: Type, Location, Provider … */
const details = async (relation: string) => Object.fromEntries((await emulator.run(`DESCRIBE TABLE EXTENDED ${relation}`)).map((row) => [String(row[0]), row[1]]));

/** A project whose production is `catalog`.`schema` (a place of its own: tests share the emulator). */
function project(catalog: string, files: Record<string, string> = {}, schema = 'analytics'): string {
  lines.length = 0;
  const target = emulator.target({ catalog, schema, threads: 2 });
  const profile = prodProfile(target);
  return makeProject({ 'profiles.yml': profile, ...PROJECT, ...files });
}

/** `sluice build`, in this process (the CLI runs the compiled lib/, which these sources may be ahead of). */
async function build(dir: string): Promise<boolean> {
  const session = openSession({ projectDir: dir, log: out });
  const profile = loadProfile({ projectDir: dir, profilesDir: dir, profileName: PROFILE_NAME });
  const warehouse = await connectWarehouse(profile.target, { profileFile: profile.file });
  try {
    return (await runCommand(session, warehouse, 'build', { out })).ok;
  } finally {
    await warehouse.close();
  }
}

/** A change to the incremental model, so that a pull request rebuilds it from production's table. */
function changeIncremental(dir: string): void {
  writeFileSync(join(dir, 'models/fact_orders.sql'), INCREMENTAL.replace('select id, amount', 'select id, amount + 0 as amount'));
}

beforeAll(async () => {
  emulator = await startDatabricksEmulator({ catalogs: ['main', 'hive_metastore', 'lake', 'marts', 'locked', 'nested'] });
});
afterAll(async () => {
  await emulator?.stop();
});

describe('hive_metastore', () => {
  it("introspects a catalog without information_schema: relation types, listings, schemas, columns; a missing schema is nothing, not an error", async () => {
    await emulator.run('CREATE SCHEMA hive_metastore.legacy');
    await emulator.run('CREATE TABLE hive_metastore.legacy.managed_t (id BIGINT, name STRING) USING DELTA');
    await emulator.run("CREATE TABLE hive_metastore.legacy.external_t (id BIGINT) USING DELTA LOCATION 's3://bucket/legacy/external_t'");
    await emulator.run('CREATE VIEW hive_metastore.legacy.v AS SELECT id FROM hive_metastore.legacy.managed_t');
    const warehouse = await DatabricksWarehouse.open({ target: emulator.target({ catalog: 'hive_metastore', schema: 'legacy' }) });
    try {
      expect(warehouse.defaultDatabase).toBe('hive_metastore');
      const at = (identifier: string, schema = 'legacy') => ({ schema, identifier });
      expect(await warehouse.getRelationType(at('managed_t'))).toBe('table');
      expect(await warehouse.getRelationType(at('EXTERNAL_T'))).toBe('table');
      expect(await warehouse.getRelationType(at('v'))).toBe('view');
      expect(await warehouse.getRelationType(at('missing'))).toBeNull();
      expect(await warehouse.getRelationType(at('managed_t', 'no_such_schema'))).toBeNull();
      // The catalog named in upper case is the same metastore.
      expect(await warehouse.getRelationType({ database: 'HIVE_METASTORE', schema: 'legacy', identifier: 'v' })).toBe('view');
      expect(await warehouse.listRelations(undefined, 'legacy')).toEqual([
        { identifier: 'external_t', type: 'table' },
        { identifier: 'managed_t', type: 'table' },
        { identifier: 'v', type: 'view' },
      ]);
      expect(await warehouse.listRelations('hive_metastore', 'no_such_schema')).toEqual([]);
      expect(await warehouse.listSchemas()).toEqual(['default', 'legacy']);
      expect(await warehouse.getColumns(at('managed_t'))).toEqual([
        { name: 'id', type: 'bigint' },
        { name: 'name', type: 'string' },
      ]);
      expect(await warehouse.getColumns(at('missing'))).toBeNull();
      // A Unity Catalog catalog is still read from its information_schema.
      await emulator.run('CREATE SCHEMA main.uc');
      await emulator.run('CREATE VIEW main.uc.uv AS SELECT 1 AS id');
      expect(await warehouse.listRelations('main', 'uc')).toEqual([{ identifier: 'uv', type: 'view' }]);
      expect(emulator.statements.some((statement) => /FROM `main`\.information_schema\.tables/.test(statement))).toBe(true);
      expect(emulator.statements.some((statement) => /`hive_metastore`\.information_schema/i.test(statement))).toBe(false);
    } finally {
      await warehouse.close();
    }
  });

  it('builds a seed, a table, a view and an incremental model (twice) into hive_metastore with `sluice build`', async () => {
    const dir = project('hive_metastore', {}, 'built');
    expect(await build(dir)).toBe(true);
    expect(await rows('SELECT status, amount FROM hive_metastore.built.orders_by_status ORDER BY status')).toEqual([['placed', 10], ['shipped', 50]]);
    expect(await rows('SELECT count(*) FROM hive_metastore.built.shipped')).toEqual([[2]]);
    expect(await rows('SELECT count(*), sum(amount) FROM hive_metastore.built.fact_orders')).toEqual([[3, 60]]);
    // The second run finds the incremental table and merges only what is new.
    await emulator.run('INSERT INTO hive_metastore.built.fact_orders VALUES (100, 1)');
    expect(await build(dir)).toBe(true);
    expect(await rows('SELECT count(*), sum(amount) FROM hive_metastore.built.fact_orders')).toEqual([[4, 61]]);
    expect((await details('hive_metastore.built.shipped')).Type).toBe('VIEW');
  });

  it("starts a pull request's incremental model from a full copy of production's hive_metastore table (no shallow clone there)", async () => {
    const dir = project('hive_metastore', { 'sluice.yml': 'environments:\n  prefix: hms_\n' });
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    await emulator.run('INSERT INTO hive_metastore.analytics.fact_orders VALUES (100, 1)');
    changeIncremental(dir);
    const result = await pipeline.ci({ projectDir: dir, environment: 'pr_3', out });
    expect(result.report.ok).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/incremental fact_orders starts from a full copy of production's analytics\.fact_orders: .*Hive metastore/));
    expect(await rows('SELECT count(*), sum(amount) FROM hive_metastore.hms_pr_3__analytics.fact_orders')).toEqual([[4, 61]]);
    expect(await rows('SELECT count(*) FROM hive_metastore.analytics.fact_orders')).toEqual([[4]]);
  });
});

describe("a pull request's copy of a production incremental table that Unity Catalog cannot shallow-clone as it is", () => {
  it('clones an EXTERNAL production table to an external clone at a location of its own, never production’s', async () => {
    const dir = project('lake', { 'sluice.yml': 'environments:\n  prefix: ext_\n' });
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    // Production's table is external (as a location_root makes it), with a row the seed does not have.
    await emulator.run('DROP TABLE lake.analytics.fact_orders');
    await emulator.run("CREATE TABLE lake.analytics.fact_orders LOCATION 's3://lake/prod/analytics/fact_orders' AS SELECT * FROM VALUES (1, 10), (2, 20), (3, 30), (100, 1) AS t(id, amount)");
    changeIncremental(dir);
    const result = await pipeline.ci({ projectDir: dir, environment: 'pr_4', out });
    expect(result.report.ok).toBe(true);
    const clone = await details('lake.ext_pr_4__analytics.fact_orders');
    expect(clone.Type).toBe('EXTERNAL');
    expect(clone.Location).toBe('s3://lake/prod/analytics/lake/ext_pr_4__analytics/fact_orders');
    expect((await details('lake.analytics.fact_orders')).Location).toBe('s3://lake/prod/analytics/fact_orders');
    // As Unity Catalog does, the emulator refuses a clone whose files would be production's or inside them.
    for (const location of ['s3://lake/prod/analytics/fact_orders', 's3://lake/prod/analytics/fact_orders/pr_4']) {
      await expect(emulator.run(`CREATE TABLE lake.ext_pr_4__analytics.other SHALLOW CLONE lake.analytics.fact_orders LOCATION '${location}'`)).rejects.toThrow(/LOCATION_OVERLAP/);
    }
    expect(emulator.statements.some((statement) => /SHALLOW CLONE `lake`\.`analytics`\.`fact_orders` LOCATION /.test(statement))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/incremental fact_orders starts from a clone of production's analytics\.fact_orders, an external table: .*s3:\/\/lake\/prod\/analytics\/lake\/ext_pr_4__analytics\/fact_orders/));
    expect(await rows('SELECT count(*), sum(amount) FROM lake.ext_pr_4__analytics.fact_orders')).toEqual([[4, 61]]);
    // Again, over the clone the first run left.
    expect((await pipeline.ci({ projectDir: dir, environment: 'pr_4', out })).report.ok).toBe(true);
    expect(await rows('SELECT count(*), sum(amount) FROM lake.ext_pr_4__analytics.fact_orders')).toEqual([[4, 61]]);
  });

  it('copies an external table in full when the only location it could derive would lie inside production’s', async () => {
    const dir = project('nested', { 'sluice.yml': 'environments:\n  prefix: nest_\n' });
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    // <production's folder>/<catalog>/… would be inside production's own files, at s3://lake/nested.
    await emulator.run('DROP TABLE nested.analytics.fact_orders');
    await emulator.run("CREATE TABLE nested.analytics.fact_orders LOCATION 's3://lake/nested' AS SELECT * FROM VALUES (1, 10), (100, 1) AS t(id, amount)");
    changeIncremental(dir);
    expect((await pipeline.ci({ projectDir: dir, environment: 'pr_8', out })).report.ok).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/incremental fact_orders starts from a full copy of production's analytics\.fact_orders: it is an external table at s3:\/\/lake\/nested, and no location of the environment's own/));
    expect((await details('nested.nest_pr_8__analytics.fact_orders')).Type).toBe('MANAGED');
    expect(await rows('SELECT count(*), sum(amount) FROM nested.nest_pr_8__analytics.fact_orders')).toEqual([[2, 11]]);
  });

  it('copies a production materialized view in full, and says why', async () => {
    const dir = project('marts', { 'sluice.yml': 'environments:\n  prefix: mv_\n' });
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    await emulator.run('DROP TABLE marts.analytics.fact_orders');
    await emulator.run('CREATE MATERIALIZED VIEW marts.analytics.fact_orders AS SELECT * FROM VALUES (1, 10), (2, 20), (3, 30), (100, 1) AS t(id, amount)');
    changeIncremental(dir);
    const result = await pipeline.ci({ projectDir: dir, environment: 'pr_5', out });
    expect(result.report.ok).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/incremental fact_orders starts from a full copy of production's analytics\.fact_orders: it is a materialized view/));
    expect((await details('marts.mv_pr_5__analytics.fact_orders')).Type).toBe('MANAGED');
    expect(await rows('SELECT count(*), sum(amount) FROM marts.mv_pr_5__analytics.fact_orders')).toEqual([[4, 61]]);
  });

  it('names the model and what to do when production’s table cannot be copied', async () => {
    const dir = project('locked', { 'sluice.yml': 'environments:\n  prefix: fail_\n' });
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    changeIncremental(dir);
    emulator.faults.failStatement(/SHALLOW CLONE/, { errorClass: 'INSUFFICIENT_PERMISSIONS', message: 'User does not have SELECT on Table locked.analytics.fact_orders' });
    const failure = await pipeline.ci({ projectDir: dir, environment: 'pr_6', out }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SluiceError);
    expect((failure as SluiceError).message).toMatch(/^Model 'fact_orders': production's analytics\.fact_orders could not be copied into environment 'pr_6'.*does not have SELECT/s);
    expect((failure as SluiceError).hint).toMatch(/--full-refresh/);
  });
});
