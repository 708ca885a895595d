/**
 * Promote on DuckDB, in process, asserted on what it says and keeps: the plan's lines, a failed audit,
 * kept versions and their pruning, and the small helpers behind deploy ids and kept copies.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { copyRelation, interruptedDeployments, newDeployId, restoreCopySql } from '../../src/plan/promote.js';
import type { DeploymentRecord } from '../../src/plan/state-store.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { WAREHOUSES } from '../support/warehouses.js';

const lines: string[] = [];
const out = (line: string) => lines.push(line);

describe('deploy ids and kept copies', () => {
  const open: Warehouse[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });

  it('makes deploy ids that sort by time, to the millisecond, with four hex digits', () => {
    // 456 ms is 1c8 in hex: two deploys in one second still sort by time.
    expect(newDeployId(new Date('2026-11-29T01:02:03.456Z'))).toMatch(/^d20261129T010203Z-1c8[0-9a-f]$/);
    expect(newDeployId(new Date('2026-11-29T01:02:03.007Z')) < newDeployId(new Date('2026-11-29T01:02:03.456Z'))).toBe(true);
    expect(newDeployId()).toMatch(/^d\d{8}T\d{6}Z-[0-9a-f]{4}$/);
  });

  it('keeps a copy in sluice_versions under the schema and name of the table', () => {
    expect(copyRelation({ database: 'db', schema: 'main', identifier: 'orders' }, 'd1')).toEqual({ database: 'db', schema: 'sluice_versions', identifier: 'main__orders__sluice_d1' });
  });

  it('puts a copy back by renaming it when it is beside the table, else by copying and dropping it', async () => {
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
    open.push(warehouse);
    const { dialect } = warehouse;
    const table = { schema: 'main', identifier: 'orders' };
    expect(restoreCopySql(dialect, { schema: 'main', identifier: 'orders__sluice_d1' }, table)).toEqual([dialect.renameRelation({ schema: 'main', identifier: 'orders__sluice_d1' }, 'orders', 'table')]);
    const apart = copyRelation(table, 'd1');
    expect(restoreCopySql(dialect, apart, table)).toEqual([dialect.createTableAs(table, `select * from ${dialect.relationName(apart)}`), dialect.dropRelation(apart, 'table')]);
    // A copy in another database is not beside the table, even in a schema of the same name.
    expect(restoreCopySql(dialect, { database: 'other', schema: 'main', identifier: 'orders__sluice_d1' }, table)).toHaveLength(2);
  });

  it('finds the deployments interrupted while publishing that nothing completed since', () => {
    const deployment = (deployId: string, status: DeploymentRecord['status'], extra: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
      deployId,
      environment: 'production',
      kind: 'promote',
      runId: deployId,
      gitSha: null,
      createdAt: '2026-01-01T00:00:00Z',
      status,
      models: [],
      rollsBack: null,
      continues: null,
      ...extra,
    });
    const all = [
      deployment('d1', 'publishing'),
      deployment('d2', 'published', { continues: 'd1' }),
      deployment('d3', 'publishing'),
      deployment('d4', 'publishing'),
      deployment('d5', 'published', { continues: 'd4' }),
      deployment('d6', 'publishing', { kind: 'rollback' }),
      deployment('d7', 'published'),
    ];
    expect(interruptedDeployments(all).map((record) => record.deployId)).toEqual(['d3']);
  });
});

describe('promote, on DuckDB', () => {
  const warehouse = WAREHOUSES.find((kind) => kind.name === 'duckdb')!.use();
  const PROJECT = {
    'sluice.yml': 'promote:\n  lock_timeout: 2s\n  lock_expiry: 60s\n  keep_versions: 1\n',
    'seeds/raw_orders.csv': 'id,amount\n1,10\n2,20\n',
    'models/orders.sql': "{{ config(materialized='table') }}select id, amount from {{ ref('raw_orders') }}",
    'models/schema.yml': 'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        tests: [unique]\n',
  };

  it('says what it builds and publishes, keeps one previous version when asked, and is then up to date', async () => {
    const dir = await warehouse.makeProject(PROJECT);
    lines.length = 0;
    const first = await pipeline.promote({ projectDir: dir, out });
    expect(first.status).toBe('published');
    expect(lines).toContain('Write and audit: building 2 nodes into audit relations (sluice_audit__*)');
    expect(lines).toContain(`Publish: deploying 2 nodes to production as ${first.deployId}`);
    expect(lines).toContain('  published orders');
    expect(lines).toContain(`Published ${first.deployId} to prod. Undo it with: sluice rollback`);
    expect(lines).toContain(`Report: ${join(dir, 'target', 'sluice', 'promote.json')} (and promote.md beside it)`);

    const deployIds: string[] = [];
    for (const factor of [2, 3]) {
      writeFileSync(join(dir, 'models/orders.sql'), `{{ config(materialized='table') }}select id, amount * ${factor} as amount from {{ ref('raw_orders') }}`);
      lines.length = 0;
      const next = await pipeline.promote({ projectDir: dir, out });
      deployIds.push(next.deployId!);
      expect(lines).toContain(`Write and audit: building 1 node into audit relations (sluice_audit__*)`);
      expect(lines).toContain(`Publish: deploying 1 node to production as ${next.deployId}`);
      expect(lines).toContain('  published orders (previous version kept for rollback)');
    }
    // keep_versions: 1 — only the copy the last deploy kept is left.
    expect(await warehouse.query(dir, "select table_name from information_schema.tables where table_schema = 'sluice_versions'")).toEqual([{ table_name: `main__orders__sluice_${deployIds[1]}` }]);
    // The audit schemas are gone.
    expect((await warehouse.schemas(dir)).filter((schema) => schema.startsWith('sluice_audit'))).toEqual([]);

    lines.length = 0;
    const again = await pipeline.promote({ projectDir: dir, out });
    expect(again).toMatchObject({ status: 'up_to_date', deployId: null, failures: [] });
    expect(lines).toContain('Production is up to date: nothing to deploy.');
  });

  it('publishes nothing when a test fails, and says which with its failing rows', async () => {
    const dir = await warehouse.makeProject({ ...PROJECT, 'seeds/raw_orders.csv': 'id,amount\n1,10\n1,20\n2,5\n2,6\n' });
    lines.length = 0;
    const result = await pipeline.promote({ projectDir: dir, out });
    expect(result.status).toBe('failed');
    expect(result.failures).toEqual(['test unique_orders_id: fail (2 failing rows)']);
    expect(lines).toContain('Not published: production is unchanged. What failed:');
    expect(lines).toContain('  test unique_orders_id: fail (2 failing rows)');
    expect(await warehouse.query(dir, "select count(*)::int as n from information_schema.tables where table_schema = 'main'")).toEqual([{ n: 0 }]);
    expect((await warehouse.schemas(dir)).filter((schema) => schema.startsWith('sluice_audit'))).toEqual([]);

    writeFileSync(join(dir, 'seeds/raw_orders.csv'), 'id,amount\n1,10\n1,20\n2,5\n');
    const one = await pipeline.promote({ projectDir: dir, out });
    expect(one.failures).toEqual(['test unique_orders_id: fail (1 failing row)']);
  });
});
