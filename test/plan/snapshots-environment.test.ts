/**
 * Snapshots in environments, on DuckDB and on Databricks (the emulator, through the real driver): a pull
 * request's snapshot starts from a copy of production's table — the history it holds — applies the
 * pull request's source once, and never writes production's table; its diff is keyed on dbt_scd_id; promote
 * builds it into the audit relation, tests it there and publishes it.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import type { SqlValue } from '../../src/warehouse/warehouse.js';
import { WAREHOUSES } from '../support/warehouses.js';

const PROJECT = {
  'seeds/raw_customers.csv': 'id,name,updated_at\n1,Ann,2024-01-01 00:00:00\n2,Bob,2024-01-01 00:00:00\n3,Cy,2024-01-01 00:00:00\n',
  'snapshots/customers_history.sql': [
    '{% snapshot customers_history %}',
    "{{ config(target_schema='history', unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='invalidate') }}",
    "select id, name, updated_at from {{ ref('raw_customers') }}",
    '{% endsnapshot %}',
  ].join('\n'),
  'snapshots/schema.yml': 'snapshots:\n  - name: customers_history\n    columns:\n      - name: dbt_scd_id\n        data_tests: [unique, not_null]\n',
  'models/current_customers.sql': "{{ config(materialized='table') }}select id, name from {{ ref('customers_history') }} where dbt_valid_to is null",
};

/** The source the pull request brings: Ann renamed, Bob deleted, Dee new. */
const CHANGED_CUSTOMERS = 'id,name,updated_at\n1,Ann B,2024-02-01 00:00:00\n3,Cy,2024-01-01 00:00:00\n4,Dee,2024-02-01 00:00:00\n';

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouse = kind.use();
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);
  const history = (dir: string, schema: string) =>
    warehouse.query(dir, `select id, name, dbt_scd_id, cast(dbt_valid_from as string) as valid_from, cast(dbt_valid_to as string) as valid_to from ${schema}.customers_history`);
  const sorted = (rows: Record<string, SqlValue>[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it("starts a pull request's snapshot from production's table and never writes production's; promote publishes it", async () => {
    const dir = await warehouse.makeProject(PROJECT);
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    // Production's history holds a version the source never had: a copy keeps it, a first run would not.
    await warehouse.execute(
      dir,
      "insert into history.customers_history values (9, 'Old', cast('2023-01-01 00:00:00' as timestamp), 'kept-version', cast('2023-01-01 00:00:00' as timestamp), cast('2023-01-01 00:00:00' as timestamp), cast('2023-06-01 00:00:00' as timestamp))",
    );
    const productionBefore = sorted(await history(dir, 'history'));
    expect(productionBefore).toHaveLength(4);

    writeFileSync(join(dir, 'seeds/raw_customers.csv'), CHANGED_CUSTOMERS);
    const { plan } = await pipeline.plan({ projectDir: dir, environment: 'pr_5', out });
    expect(Object.fromEntries(plan.nodes.map((node) => [node.name, `${node.change}: ${node.reason}`]))).toEqual({
      raw_customers: 'modified: SQL changed',
      customers_history: 'impacted: reads raw_customers',
      current_customers: 'impacted: reads customers_history',
    });

    lines.length = 0;
    const ci = await pipeline.ci({ projectDir: dir, environment: 'pr_5', out });
    expect(ci.report.ok).toBe(true);
    expect(lines).toContain("  snapshot customers_history starts from a copy of production's history.customers_history");
    const environment = await history(dir, 'sluice_pr_5__history');
    const byVersion = (rows: Record<string, SqlValue>[], id: number) =>
      rows.filter((row) => row.id === id).sort((a, b) => String(a.valid_from).localeCompare(String(b.valid_from))).map((row) => [row.name, row.valid_from, row.valid_to]);
    expect(byVersion(environment, 9)).toEqual([['Old', '2023-01-01 00:00:00', '2023-06-01 00:00:00']]);
    expect(byVersion(environment, 1)).toEqual([
      ['Ann', '2024-01-01 00:00:00', '2024-02-01 00:00:00'],
      ['Ann B', '2024-02-01 00:00:00', null],
    ]);
    // Bob's deletion closes his version at the time of the pull request's snapshot.
    expect(byVersion(environment, 2)).toEqual([['Bob', '2024-01-01 00:00:00', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)]]);
    expect(byVersion(environment, 4)).toEqual([['Dee', '2024-02-01 00:00:00', null]]);
    // Production's table is exactly as it was.
    expect(sorted(await history(dir, 'history'))).toEqual(productionBefore);

    // The report: built, tested, diffed on dbt_scd_id — two versions closed, two new.
    const report = JSON.parse(readFileSync(ci.reportPath, 'utf8'));
    const snapshot = report.models.find((model: { name: string }) => model.name === 'customers_history');
    expect(snapshot).toMatchObject({ status: 'built', change: 'impacted', materialized: 'snapshot' });
    expect(snapshot.values).toMatchObject({ key: ['dbt_scd_id'], only_base: 0, only_env: 2, changed_rows: 2, columns: { dbt_valid_to: 2 } });
    expect(report.tests.map((test: { name: string; status: string }) => [test.name, test.status]).sort()).toEqual([
      ['not_null_customers_history_dbt_scd_id', 'pass'],
      ['unique_customers_history_dbt_scd_id', 'pass'],
    ]);

    // A second run of ci starts from production's copy again: the same versions, not a second application.
    await pipeline.ci({ projectDir: dir, environment: 'pr_5', out });
    expect((await history(dir, 'sluice_pr_5__history')).length).toBe(environment.length);
    expect(sorted(await history(dir, 'history'))).toEqual(productionBefore);

    // Promote: written to the audit relation (from production's copy), tested there, then published.
    lines.length = 0;
    const promoted = await pipeline.promote({ projectDir: dir, out });
    expect(promoted.status).toBe('published');
    expect(lines).toContain("  snapshot customers_history starts from a copy of production's history.customers_history");
    expect(lines.filter((line) => line.startsWith('  published customers_history'))).toHaveLength(1);
    const published = await history(dir, 'history');
    expect(published).toHaveLength(6);
    expect(byVersion(published, 9)).toEqual([['Old', '2023-01-01 00:00:00', '2023-06-01 00:00:00']]);
    expect(byVersion(published, 1)).toEqual([
      ['Ann', '2024-01-01 00:00:00', '2024-02-01 00:00:00'],
      ['Ann B', '2024-02-01 00:00:00', null],
    ]);
    expect(await warehouse.query(dir, 'select id, name from main.current_customers order by id')).toEqual([
      { id: 1, name: 'Ann B' },
      { id: 3, name: 'Cy' },
      { id: 4, name: 'Dee' },
    ]);
    const after = await pipeline.plan({ projectDir: dir, environment: 'pr_5', out });
    expect(after.plan.nodes.every((node) => node.change === 'deferred')).toBe(true);
  });
});
