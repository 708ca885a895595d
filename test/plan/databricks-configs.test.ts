/**
 * dbt-databricks' configs change the SQL Sluice sends, as dbt-databricks does, through the real driver
 * and the emulator: partitioning, clustering, properties, location, comments (persist_docs), grants
 * (given, kept, revoked), views altered in place on deploy (keeping their privileges), the merge's
 * update/exclude columns and predicates; what Sluice cannot honour is refused before any SQL runs.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';
import { makeProject, prodProfile, runCliAsync } from '../support/project.js';

let emulator: DatabricksEmulator;
beforeEach(async () => {
  emulator = await startDatabricksEmulator({ catalogs: ['main'] });
});
afterEach(async () => {
  await emulator.stop();
});

const out = () => undefined;

function profile(): string {
  const target = emulator.target({ schema: 'analytics', threads: 2, connect_timeout: 30 });
  return prodProfile(target);
}

const ORDERS_CONFIG = `{{ config(materialized='table', partition_by='day', tblproperties={'delta.appendOnly': 'false', 'team': 'finance'},
  persist_docs={'relation': true, 'columns': true}, grants={'select': ['analysts', 'finance']}) }}`;

const PROJECT = () => ({
  'profiles.yml': profile(),
  'seeds/raw_orders.csv': 'id,day,amount\n1,1,10\n2,1,20\n3,2,30\n',
  'models/orders.sql': `${ORDERS_CONFIG}\nselect id, day, amount from {{ ref('raw_orders') }}`,
  'models/orders_view.sql': "{{ config(materialized='view', grants={'select': ['analysts']}) }}\nselect id, amount from {{ ref('orders') }}",
  'models/orders_clustered.sql': "{{ config(materialized='table', liquid_clustered_by=['id'], location_root='s3://lake/root') }}\nselect id from {{ ref('orders') }}",
  'models/schema.yml': ['version: 2', 'models:', '  - name: orders', '    description: One row per order', '    columns:', '      - name: amount', '        description: In euros'].join('\n'),
});

const rows = (sql: string) => emulator.run(sql);
const tableGrants = async (name: string) =>
  (await rows(`SHOW GRANTS ON TABLE ${name}`)).filter((row) => row[2] === 'TABLE').map((row) => `${String(row[1])} ${String(row[0])}`).sort();

describe('dbt-databricks configs on Databricks', () => {
  it('publishes tables with their partitioning, clustering, properties, location, comments and grants; views are altered in place and keep theirs', async () => {
    const dir = makeProject(PROJECT());
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    // DESCRIBE DETAIL: format, id, name, description, location, created, modified, partitionColumns, clusteringColumns, …
    const detail = async (name: string) => (await rows(`DESCRIBE DETAIL main.analytics.${name}`))[0].map(String);
    expect((await detail('orders'))[7]).toBe('["day"]');
    expect((await detail('orders_clustered')).slice(7, 9)).toEqual(['[]', '["id"]']);
    const described = Object.fromEntries((await rows('DESCRIBE TABLE EXTENDED main.analytics.orders')).map((row) => [String(row[0]), [row[1], row[2]]]));
    expect(described.amount).toEqual(['bigint', 'In euros']);
    expect(described.Comment).toEqual(['One row per order', '']);
    expect(String(described['Table Properties'][0])).toMatch(/delta\.appendOnly=false,.*team=finance/);
    const clustered = Object.fromEntries((await rows('DESCRIBE TABLE EXTENDED main.analytics.orders_clustered')).map((row) => [String(row[0]), String(row[1])]));
    expect([clustered.Type, clustered.Location]).toEqual(['EXTERNAL', 's3://lake/root/orders_clustered']);
    expect(await tableGrants('main.analytics.orders')).toEqual(['SELECT analysts', 'SELECT finance']);
    expect(await tableGrants('main.analytics.orders_view')).toEqual(['SELECT analysts']);

    // A deploy that changes the view and drops a principal from the table's grants.
    const project = PROJECT();
    writeFileSync(join(dir, 'models/orders.sql'), `${ORDERS_CONFIG.replace("['analysts', 'finance']", "['analysts']")}\nselect id, day, amount * 2 as amount from {{ ref('raw_orders') }}`);
    writeFileSync(join(dir, 'models/orders_view.sql'), project['models/orders_view.sql'].replace('select id, amount', 'select id, amount, 1 as version'));
    const sent = emulator.statements.length;
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    const statements = emulator.statements.slice(sent);
    expect(statements.some((statement) => /^ALTER VIEW `main`\.`analytics`\.`orders_view` AS$/m.test(statement))).toBe(true);
    expect(statements.some((statement) => /DROP VIEW|CREATE OR REPLACE VIEW `main`\.`analytics`\.`orders_view`/.test(statement))).toBe(false);
    expect(await tableGrants('main.analytics.orders_view')).toEqual(['SELECT analysts']);
    expect(await tableGrants('main.analytics.orders')).toEqual(['SELECT analysts']);
    expect(await rows('SELECT version FROM main.analytics.orders_view LIMIT 1')).toEqual([[1]]);

    // A pull request's copy never takes production's location, and is granted to no one.
    expect((await pipeline.ci({ projectDir: dir, environment: 'pr_1', out, lint: false })).report.ok).toBe(true);
    writeFileSync(join(dir, 'models/orders_clustered.sql'), PROJECT()['models/orders_clustered.sql'].replace('select id', 'select id, 1 as flag'));
    await pipeline.ci({ projectDir: dir, environment: 'pr_1', out, lint: false });
    const inPr = Object.fromEntries((await rows('DESCRIBE TABLE EXTENDED main.sluice_pr_1__analytics.orders_clustered')).map((row) => [String(row[0]), String(row[1])]));
    expect(inPr.Location).toBe('s3://lake/root/main/sluice_pr_1__analytics/orders_clustered');
  });

  it("applies merge_update_columns, merge_exclude_columns and incremental_predicates to an incremental model's merge", async () => {
    const model = (options: string) => `{{ config(materialized='incremental', unique_key='id', ${options}) }}\nselect id, name, amount, day from {{ ref('raw') }}`;
    const dir = makeProject({
      'profiles.yml': profile(),
      'seeds/raw.csv': 'id,name,amount,day\n1,a,10,1\n2,b,20,5\n',
      'models/updated.sql': model("merge_update_columns=['amount']"),
      'models/excluded.sql': model("merge_exclude_columns=['name']"),
      'models/narrowed.sql': model("incremental_predicates=['DBT_INTERNAL_DEST.day > 2']"),
    });
    expect((await runCliAsync(['build', '--project-dir', dir])).code).toBe(0);
    writeFileSync(join(dir, 'seeds/raw.csv'), 'id,name,amount,day\n1,z,11,1\n2,y,22,5\n');
    expect((await runCliAsync(['build', '--project-dir', dir])).code).toBe(0);
    const table = async (name: string) => (await rows(`SELECT id, name, amount FROM main.analytics.${name} ORDER BY id, name`)).map(([id, label, amount]) => [Number(id), label, Number(amount)]);
    // Only amount is updated: the names stay.
    expect(await table('updated')).toEqual([[1, 'a', 11], [2, 'b', 22]]);
    expect(await table('excluded')).toEqual([[1, 'a', 11], [2, 'b', 22]]);
    // Row 1 (day 1) is outside the predicate: it does not match, so its new version is inserted beside it.
    expect(await table('narrowed')).toEqual([[1, 'a', 10], [1, 'z', 11], [2, 'y', 22]]);
  });

  it('refuses a file format other than Delta, sql_header and partitioning with clustering: exit 2, model and key named, nothing run', async () => {
    for (const [config, message] of [
      ["file_format='parquet'", /Model 'm': file_format 'parquet' is not supported/],
      ["sql_header='set x = 1'", /Model 'm': sql_header is not supported on Databricks/],
      ["partition_by='id', liquid_clustered_by='id'", /Model 'm': liquid_clustered_by cannot be combined with partition_by/],
      ['grants={"select": [1]}', /Model 'm': grants lists principals by name/],
    ] as const) {
      const dir = makeProject({ 'profiles.yml': profile(), 'models/m.sql': `{{ config(materialized='table', ${config}) }}\nselect 1 as id` });
      const sent = emulator.statements.length;
      const result = await runCliAsync(['build', '--project-dir', dir]);
      expect([result.code, result.stderr]).toEqual([2, expect.stringMatching(message)]);
      expect(result.stderr).toMatch(/\n  at models\/m\.sql\n  hint: /);
      expect(emulator.statements.slice(sent).filter((statement) => /CREATE|INSERT/.test(statement))).toEqual([]);
    }
  });
});
