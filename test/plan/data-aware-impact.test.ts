/**
 * Data-aware impact, on DuckDB and on Databricks (the emulator, through the real driver): after a change
 * to stg_customers, a reader is rebuilt only if it reads a column whose values or type changed, or the
 * rows changed — through a CTE, an ephemeral model, `select *` and a reader of a `select *` reader — and
 * every other reader is deferred to production with the reason. Both directions: what reads only
 * unchanged columns is not rebuilt; a filter that removes rows, a changed join, a renamed column and a
 * changed type still rebuild every reader of them.
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import type { Report } from '../../src/report/report-json.js';
import { WAREHOUSES } from '../support/warehouses.js';

const STAGING = "select c.id, c.name, r.region_name as region, c.segment, c.score from {{ ref('raw_customers') }} as c left join {{ ref('raw_regions') }} as r on c.region_id = r.region_id";

const PROJECT = {
  'seeds/raw_customers.csv': 'id,name,region_id,segment,score\n1,Ada,1,gold,1.5\n2,Bo,2,silver,2.5\n3,Cy,9,gold,3.5\n4,Di,1,bronze,4.5\n',
  'seeds/raw_regions.csv': 'region_id,region_name\n1,north\n2,south\n',
  'models/stg_customers.sql': `{{ config(materialized='table') }}${STAGING}`,
  'models/by_region.sql': "{{ config(materialized='table') }}select coalesce(region, 'unknown') as region, count(*) as customers from {{ ref('stg_customers') }} group by 1",
  'models/names.sql': "{{ config(materialized='table') }}with c as (select id, name from {{ ref('stg_customers') }}) select * from c",
  'models/everything.sql': "{{ config(materialized='table') }}select * from {{ ref('stg_customers') }}",
  'models/segments_of_everything.sql': "{{ config(materialized='table') }}select id, segment from {{ ref('everything') }}",
  'models/eph_names.sql': "{{ config(materialized='ephemeral') }}select id, name from {{ ref('stg_customers') }}",
  'models/via_ephemeral.sql': "{{ config(materialized='table') }}select * from {{ ref('eph_names') }}",
  'models/scores.sql': "{{ config(materialized='table') }}select id, score from {{ ref('stg_customers') }}",
  'models/region_names.sql': "{{ config(materialized='table') }}select region from {{ ref('by_region') }}",
  'models/import_cte.sql': "{{ config(materialized='table') }}with c as (select * from {{ ref('stg_customers') }}) select c.id, c.name from c",
  'models/asks_for_data.sql': "{{ config(materialized='table') }}{% set answer = run_query('select 1 as one') %}select id from {{ ref('stg_customers') }}",
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: stg_customers',
    '    columns:',
    '      - name: id',
    '        tests: [unique, not_null]',
    '  - name: by_region',
    '    columns:',
    '      - name: region',
    '        tests: [unique, not_null]',
    '  - name: everything',
    '    columns:',
    '      - name: id',
    '        tests: [unique, not_null]',
    '  - name: names',
    '    columns:',
    '      - name: id',
    '        tests: [not_null]',
    '',
  ].join('\n'),
};

const lines: string[] = [];
const out = (line: string) => lines.push(line);

/** name → "status: reason" of every model downstream of stg_customers. */
function outcome(report: Report): Record<string, string> {
  return Object.fromEntries(report.models.filter((model) => model.change === 'impacted' || model.change === 'modified').map((model) => [model.name, `${model.status}: ${model.reason}`]));
}

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouse = kind.use();

  /** A project deployed to production, then stg_customers changed to `staging`; ci's report. */
  async function ciAfter(staging: string, extra: Record<string, string> = {}): Promise<{ report: Report; dir: string }> {
    lines.length = 0;
    const dir = await warehouse.makeProject({ ...PROJECT, ...extra });
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    writeFileSync(join(dir, 'models/stg_customers.sql'), `{{ config(materialized='table') }}${staging}`);
    const { report } = await pipeline.ci({ projectDir: dir, environment: 'pr_3', out, lint: false });
    return { report, dir };
  }

  it('rebuilds only the readers of a column whose values changed, and defers the rest with the reason', async () => {
    const { report, dir } = await ciAfter(STAGING.replace('c.segment', 'upper(c.segment) as segment'));
    expect(outcome(report)).toEqual({
      stg_customers: 'built: SQL changed',
      by_region: 'deferred: reads no changed column of stg_customers',
      names: 'deferred: reads no changed column of stg_customers',
      everything: 'built: reads every column of stg_customers (*), and segment changed',
      segments_of_everything: 'built: reads everything.segment, which changed',
      eph_names: 'deferred: ephemeral, and every model that reads it was deferred',
      via_ephemeral: 'deferred: reads no changed column of stg_customers',
      scores: 'deferred: reads no changed column of stg_customers',
      asks_for_data: 'built: its Jinja asks the warehouse for data (query), so what it builds may change with stg_customers',
      // A * inside an import CTE whose columns are then named reads only those names.
      import_cte: 'deferred: reads no changed column of stg_customers',
      region_names: 'deferred: nothing it reads was rebuilt: it reads only what production has',
    });
    // A deferred model's tests go with it; the rebuilt ones' run in the environment.
    const tests = report.tests.map((test) => test.model);
    expect(tests).toContain('everything');
    expect(tests).not.toContain('names');
    // Nothing of a deferred model was built in the environment: its readers read production's.
    const built = await warehouse.query(dir, `select table_name from information_schema.tables where table_schema like 'sluice_pr_3%' order by table_name`);
    expect(built.map((row) => String(row.table_name))).toEqual(['asks_for_data', 'everything', 'segments_of_everything', 'stg_customers']);
    expect(lines.some((line) => /DEFER .*by_region/.test(line))).toBe(true);
  });

  it('rebuilds every reader when a filter removes rows', async () => {
    const { report } = await ciAfter(`${STAGING} where c.id <> 4`);
    const { region_names: regionNames, ...readers } = outcome(report);
    expect(Object.values(readers).every((text) => text.startsWith('built: '))).toBe(true);
    expect(outcome(report).by_region).toBe("built: stg_customers's rows changed");
    // One level further, the measure starts again: by_region's counts changed, not its regions.
    expect(regionNames).toBe('deferred: reads no changed column of by_region');
  });

  it('rebuilds every reader when a changed join drops rows', async () => {
    const { report } = await ciAfter(STAGING.replace('left join', 'inner join'));
    expect(outcome(report).names).toBe("built: stg_customers's rows changed");
    expect(outcome(report).scores).toBe("built: stg_customers's rows changed");
  });

  it('rebuilds the readers of a renamed column (which then fail) and of a retyped one, and defers the others', async () => {
    const renamed = await ciAfter(STAGING.replace('c.name', 'c.name as full_name'));
    const names = outcome(renamed.report);
    expect(names.names).toMatch(/^failed: reads stg_customers\.name, which changed/);
    expect(names.via_ephemeral).toMatch(/^failed: reads stg_customers\.name, which changed/);
    expect(names.everything).toBe('built: reads every column of stg_customers (*), and full_name, name changed');
    expect(names.by_region).toBe('deferred: reads no changed column of stg_customers');
    const retyped = await ciAfter(STAGING.replace('c.score', 'cast(c.score as decimal(10, 2)) as score'));
    expect(outcome(retyped.report).scores).toBe('built: reads stg_customers.score, which changed');
    expect(outcome(retyped.report).names).toBe('deferred: reads no changed column of stg_customers');
  });

  it('promotes the same way: what reads nothing that changed keeps its table and only its state moves on; rollback restores the state', async () => {
    lines.length = 0;
    const dir = await warehouse.makeProject(PROJECT);
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    writeFileSync(join(dir, 'models/stg_customers.sql'), `{{ config(materialized='table') }}${STAGING.replace('c.segment', 'upper(c.segment) as segment')}`);
    lines.length = 0;
    const promoted = await pipeline.promote({ projectDir: dir, out });
    expect(promoted.status).toBe('published');
    expect(outcome(promoted.report!).by_region).toBe('deferred: reads no changed column of stg_customers');
    expect(outcome(promoted.report!).segments_of_everything).toBe('built: reads everything.segment, which changed');
    expect(lines.some((line) => /OK .*\.by_region /.test(line))).toBe(false);
    expect(lines).toContain("  recorded by_region: reads nothing that changed, production's is unchanged");
    expect(await warehouse.query(dir, 'select distinct segment from main.segments_of_everything order by segment')).toEqual([{ segment: 'BRONZE' }, { segment: 'GOLD' }, { segment: 'SILVER' }]);
    // Production's state knows the unaffected models are current: the next pull request defers them all.
    const next = await pipeline.plan({ projectDir: dir, environment: 'pr_4', out });
    expect(next.plan.nodes.filter((node) => node.change !== 'deferred').map((node) => node.name)).toEqual([]);
    lines.length = 0;
    await pipeline.rollback({ projectDir: dir, out });
    expect(lines.some((line) => /^ {2}by_region +state restored: d\S+ did not change its table$/.test(line))).toBe(true);
    expect(await warehouse.query(dir, 'select distinct segment from main.segments_of_everything order by segment')).toEqual([{ segment: 'bronze' }, { segment: 'gold' }, { segment: 'silver' }]);
    const back = await pipeline.plan({ projectDir: dir, environment: 'pr_4', out });
    expect(Object.fromEntries(back.plan.nodes.filter((node) => node.change !== 'deferred').map((node) => [node.name, node.change]))).toMatchObject({ stg_customers: 'modified', by_region: 'impacted', names: 'impacted' });
  });

  it('rebuilds everything downstream when sluice.yml turns data-aware impact off', async () => {
    const { report } = await ciAfter(STAGING.replace('c.segment', 'upper(c.segment) as segment'), { 'sluice.yml': 'impact:\n  data_aware: false\n' });
    expect(Object.values(outcome(report)).every((text) => text.startsWith('built: '))).toBe(true);
    expect(outcome(report).by_region).toBe('built: reads stg_customers');
  });
});
