/**
 * `sluice adopt` on DuckDB and on Databricks (the emulator, through the real driver): a production that
 * `run` built (as dbt would have) is recorded without a table being built or changed; what is missing or
 * differs from the SQL is reported and left unrecorded; the next pull request builds only what it changed
 * and diffs against the adopted tables; rollback explains what it can restore.
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { columnDifferences } from '../../src/plan/adopt.js';
import { runCliAsync } from '../support/project.js';
import { WAREHOUSES } from '../support/warehouses.js';

const PROJECT = {
  'seeds/raw_orders.csv': 'id,status,amount\n1,placed,10\n2,shipped,20\n3,shipped,30\n',
  'models/stg_orders.sql': "select id, status, amount from {{ ref('raw_orders') }}",
  'models/orders_by_status.sql': "{{ config(materialized='table') }}select status, count(*) as orders, sum(amount) as amount from {{ ref('stg_orders') }} group by status",
  'models/big_orders.sql': "{{ config(materialized='table') }}select id, amount from {{ ref('stg_orders') }} where amount >= 20",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: orders_by_status\n    columns:\n      - name: status\n        tests: [unique, not_null]\n',
};

const lines: string[] = [];
const out = (line: string) => lines.push(line);

describe('comparing columns', () => {
  it('matches names case-insensitively and types by their synonyms, and names what differs', () => {
    expect(columnDifferences([{ name: 'ID', type: 'INTEGER' }, { name: 'name', type: 'VARCHAR' }], [{ name: 'id', type: 'int' }, { name: 'name', type: 'string' }])).toEqual([]);
    expect(columnDifferences([{ name: 'id', type: 'int' }, { name: 'amount', type: 'decimal(18,2)' }], [{ name: 'id', type: 'bigint' }, { name: 'extra', type: 'int' }])).toEqual([
      'production lacks column amount that the SQL returns',
      'production has column extra that the SQL does not return',
      'column id is bigint in production, int from the SQL',
    ]);
  });
});

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouse = kind.use();
  const makeProject = (files: Record<string, string>) => {
    lines.length = 0;
    return warehouse.makeProject(files);
  };

  it('records what production has without building anything; the next pull request builds only what it changed', async () => {
    const dir = await makeProject(PROJECT);
    // Production as dbt left it: built by run, no Sluice state.
    expect((await runCliAsync(['build', '--project-dir', dir])).code).toBe(0);
    const statementsBefore = warehouse.emulator?.statements.length ?? 0;
    const adopted = await runCliAsync(['adopt', '--project-dir', dir]);
    expect(adopted.stderr).toBe('');
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toMatch(/adopted +raw_orders\n/);
    expect(adopted.stdout).toMatch(/adopted +orders_by_status\n/);
    expect(adopted.stdout).toMatch(/Adopted 4 of 4 nodes as d\d{8}T\d{6}Z-[0-9a-f]{4}: the next pull request builds only what it changes/);
    if (warehouse.emulator) {
      // Nothing but Sluice's state was written: no CREATE/REPLACE/INSERT/DROP on production's schema.
      const writes = warehouse.emulator.statements.slice(statementsBefore).filter((sql) => /^\s*(create|insert|drop|alter|merge|delete|update|replace)/i.test(sql) && !/sluice_state/.test(sql));
      expect(writes).toEqual([]);
    }
    const deployments = await pipeline.deployments({ projectDir: dir, out });
    expect(deployments.map((deployment) => [deployment.kind, deployment.models.length])).toEqual([['adopt', 4]]);

    // A pull request that changes one model builds it and what reads it; the rest is read from the adopted tables.
    writeFileSync(join(dir, 'models/big_orders.sql'), "{{ config(materialized='table') }}select id, amount from {{ ref('stg_orders') }} where amount >= 30");
    const ci = await pipeline.ci({ projectDir: dir, environment: 'pr_1', out, lint: false });
    expect(Object.fromEntries(ci.report.models.map((model) => [model.name, model.status]))).toEqual({ raw_orders: 'deferred', stg_orders: 'deferred', orders_by_status: 'deferred', big_orders: 'built' });
    const big = ci.report.models.find((model) => model.name === 'big_orders')!;
    expect(big).toMatchObject({ change: 'modified', rows: { base: 2, env: 1 } });

    // Promote, then rollback: back to production as adopted, and saying so.
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    lines.length = 0;
    await pipeline.rollback({ projectDir: dir, out });
    expect(lines.join('\n')).toMatch(/big_orders +restored .* \(production as adopted in d\d{8}T/);
    expect((await warehouse.query(dir, 'select count(*) as n from main.big_orders'))).toEqual([{ n: 2 }]);
    // Nothing before the adoption is kept: the next rollback says so clearly.
    const again = await runCliAsync(['rollback', '--project-dir', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/Nothing to roll back: production was adopted as d\S+ \(.*, 4 models recorded as they were\), and nothing has been deployed since\. Sluice keeps no version from before the adoption, so it cannot restore one\./);
  });

  it('reports a missing relation and columns that differ from the SQL, and records only what matches', async () => {
    const dir = await makeProject(PROJECT);
    expect((await runCliAsync(['build', '--project-dir', dir, '--exclude', 'big_orders'])).code).toBe(0);
    // Someone changed production by hand: a column production has, and the SQL does not return.
    await warehouse.execute(dir, 'create or replace table main.orders_by_status as select status, count(*) as orders, sum(amount) as amount, 1 as legacy from main.stg_orders group by status');
    const dryRun = await runCliAsync(['adopt', '--project-dir', dir, '--dry-run']);
    expect(dryRun.code).toBe(1);
    expect(dryRun.stdout).toContain('Dry run: nothing was recorded.');
    expect(await pipeline.deployments({ projectDir: dir, out })).toEqual([]);

    const result = await runCliAsync(['adopt', '--project-dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/missing +big_orders +\S*big_orders\S* does not exist/);
    expect(result.stdout).toMatch(/differs +orders_by_status +production has column legacy that the SQL does not return/);
    expect(result.stdout).toMatch(/adopted +stg_orders\n/);
    expect(result.stdout).toContain('Not recorded (2): big_orders, orders_by_status. The next pull request plans them as new and builds them');
    const { plan } = await pipeline.plan({ projectDir: dir, environment: 'pr_2', out });
    expect(Object.fromEntries(plan.nodes.map((node) => [node.name, node.change]))).toEqual({ raw_orders: 'deferred', stg_orders: 'deferred', orders_by_status: 'new', big_orders: 'new' });
    // Adopting again leaves what is recorded as it is.
    const twice = await runCliAsync(['adopt', '--project-dir', dir]);
    expect(twice.stdout).toMatch(/deployed +stg_orders +already in Sluice's state: left as it is/);
  });
});
