/**
 * Reuse on merge, on DuckDB and on Databricks (the emulator, through the real driver): after a green pull
 * request, promote publishes the environment's tested tables without building them again (counted in the
 * statements it sends), and rebuilds when a production input changed since the pull request's build.
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { runPromote } from '../../src/plan/promote.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { WAREHOUSES } from '../support/warehouses.js';

const STAGING = "{{ config(materialized='table') }}select id, name, region, segment from {{ ref('raw_customers') }}";

const PROJECT = {
  'seeds/raw_customers.csv': 'id,name,region,segment\n1,Ada,north,gold\n2,Bo,south,silver\n3,Cy,north,gold\n',
  'models/stg_customers.sql': STAGING,
  'models/segments.sql': "{{ config(materialized='table') }}select id, segment from {{ ref('stg_customers') }}",
  'models/by_region.sql': "{{ config(materialized='table') }}select region, count(*) as customers from {{ ref('stg_customers') }} group by region",
  'models/stamped.sql': "{{ config(materialized='table') }}select id, segment, current_date as seen_on from {{ ref('stg_customers') }}",
  'models/segment_view.sql': "{{ config(materialized='view') }}select segment, count(*) as n from {{ ref('segments') }} group by segment",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: stg_customers\n    columns:\n      - name: id\n        tests: [unique, not_null]\n  - name: segments\n    columns:\n      - name: id\n        tests: [unique, not_null]\n',
};

/** The warehouse, with every statement sent through it recorded. */
function recording(warehouse: Warehouse, statements: string[]): Warehouse {
  return new Proxy(warehouse, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'execute' || property === 'query') return (sql: string) => (statements.push(sql), (value as (sql: string) => Promise<unknown>).call(target, sql));
      if (property === 'transaction' && typeof value === 'function') return (sqls: string[], after?: (done: number) => void) => (statements.push(...sqls), (value as (s: string[], a?: (done: number) => void) => Promise<void>).call(target, sqls, after));
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouse = kind.use();
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);

  /** Production deployed, stg_customers' segment upper-cased, ci green in pr_5. */
  async function greenPullRequest(): Promise<string> {
    const dir = await warehouse.makeProject(PROJECT);
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    writeFileSync(join(dir, 'models/stg_customers.sql'), STAGING.replace('segment from', 'upper(segment) as segment from'));
    const ci = await pipeline.ci({ projectDir: dir, environment: 'pr_5', out, lint: false });
    expect(ci.report.ok).toBe(true);
    return dir;
  }

  async function promoteCounting(dir: string): Promise<{ result: Awaited<ReturnType<typeof runPromote>>; statements: string[] }> {
    const statements: string[] = [];
    lines.length = 0;
    const session = pipeline.openProduction({ projectDir: dir, out });
    const connection = await warehouse.connect(dir);
    try {
      const result = await runPromote(session, recording(connection, statements), { out });
      return { result, statements };
    } finally {
      await connection.close();
    }
  }

  it('publishes the tested tables of a green pull request without building them again', async () => {
    const dir = await greenPullRequest();
    const { result, statements } = await promoteCounting(dir);
    expect(result.status).toBe('published');
    const models = Object.fromEntries(result.report!.models.filter((model) => model.change).map((model) => [model.name, `${model.status} ${model.reused_from ?? '-'}`]));
    expect(models).toEqual({ stg_customers: 'built pr_5', segments: 'built pr_5', by_region: 'deferred -', segment_view: 'built -', stamped: 'built -' });
    // Nothing built in the audit schemas but the view (views are cheap) and the model that reads the clock
    // (built later, it builds other rows), no test run again, and each reused table copied once from pr_5.
    const audit = statements.filter((sql) => /create (or replace )?(table|view) \S*sluice_audit__/i.test(sql));
    expect(audit.map((sql) => /create (?:or replace )?(?:table|view) \S*?[`"]?(segment_view|stg_customers|segments|stamped)[`"]? /i.exec(sql)?.[1]).sort()).toEqual(['segment_view', 'stamped']);
    expect(statements.filter((sql) => / as failures,/i.test(sql))).toEqual([]);
    expect(statements.filter((sql) => /create or replace table[^;]*select \* from [^;]*sluice_pr_5__/i.test(sql))).toHaveLength(2);
    expect(lines).toContain('  reused 2 tables built and tested in pull requests\' environments: stg_customers (pr_5), segments (pr_5)');
    // The run's summary, kept in sluice_state for charts, counts them apart.
    const runs = await pipeline.runs({ projectDir: dir, out });
    expect(runs.map((run) => [run.kind, run.environment, (run.summary.models as Record<string, number>)])).toEqual([
      ['promote', 'prod', expect.objectContaining({ built: 6, total: 6 })],
      ['ci', 'pr_5', expect.objectContaining({ built: 4, deferred: 2 })],
      ['promote', 'prod', expect.objectContaining({ built: 2, reused: 2, deferred: 2 })],
    ]);
    expect(await warehouse.query(dir, 'select segment from main.segments order by id')).toEqual([{ segment: 'GOLD' }, { segment: 'SILVER' }, { segment: 'GOLD' }]);
    // The deploy can be undone like any other.
    lines.length = 0;
    await pipeline.rollback({ projectDir: dir, out });
    expect(await warehouse.query(dir, 'select segment from main.segments order by id')).toEqual([{ segment: 'gold' }, { segment: 'silver' }, { segment: 'gold' }]);
  });

  it('builds again when a production input changed after the pull request was built', async () => {
    const dir = await greenPullRequest();
    await warehouse.execute(dir, "insert into main.raw_customers values (4, 'Di', 'south', 'bronze')");
    const { result, statements } = await promoteCounting(dir);
    expect(result.status).toBe('published');
    expect(result.report!.models.filter((model) => model.reused_from).map((model) => model.name)).toEqual([]);
    expect(lines).toContain('  built stg_customers again: raw_customers changed since pr_5 built it');
    expect(lines).toContain('  built segments again: stg_customers, which it reads, is built again');
    expect(statements.filter((sql) => /create (or replace )?table \S*sluice_audit__main[`"]?\.[`"]?stg_customers[`"]? /i.test(sql))).toHaveLength(1);
    expect(statements.filter((sql) => / as failures,/i.test(sql)).length).toBeGreaterThanOrEqual(4);
    expect(await warehouse.query(dir, 'select segment from main.segments order by id')).toEqual([{ segment: 'GOLD' }, { segment: 'SILVER' }, { segment: 'GOLD' }, { segment: 'BRONZE' }]);
  });

  it("builds again when the environment's table was written to after its tests passed", async () => {
    const dir = await greenPullRequest();
    await warehouse.execute(dir, "insert into sluice_pr_5__main.segments values (9, 'FORGED')");
    const { result } = await promoteCounting(dir);
    expect(result.report!.models.filter((model) => model.reused_from).map((model) => model.name)).toEqual(['stg_customers']);
    expect(lines).toContain("  built segments again: pr_5's table changed since it was tested");
    expect(await warehouse.query(dir, "select count(*) as n from main.segments where segment = 'FORGED'")).toEqual([{ n: 0 }]);
  });

  it('builds again when sluice.yml turns reuse off', async () => {
    const dir = await greenPullRequest();
    writeFileSync(join(dir, 'sluice.yml'), 'promote:\n  reuse: false\n');
    const { result } = await promoteCounting(dir);
    expect(result.report!.models.filter((model) => model.reused_from)).toEqual([]);
    expect(result.report!.models.find((model) => model.name === 'stg_customers')!.status).toBe('built');
  });
});
