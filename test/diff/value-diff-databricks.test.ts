/**
 * The value diff's Databricks SQL (`<=>`, `xxhash64`, the fetch by key after the join), run through the
 * real driver against the emulator, on the same fixtures as the DuckDB tests.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { diffRelation } from '../../src/diff/relation-diff.js';
import { valueDiff } from '../../src/diff/value-diff.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';
import { createEvents, createOrders, createTable, openDuckDB, ORDER_COMPARED, type OrdersFixture } from './fixtures.js';

describe('valueDiff on Databricks (emulator, real driver)', () => {
  let emulator: DatabricksEmulator;
  let warehouse: Warehouse;
  let orders: OrdersFixture;

  beforeAll(async () => {
    emulator = await startDatabricksEmulator();
    warehouse = await connectWarehouse(emulator.target());
    orders = await createOrders(warehouse, 'diff');
  });
  afterAll(async () => {
    await warehouse?.close();
    await emulator?.stop();
  });

  it('counts, samples and masks as on DuckDB, in Databricks SQL', async () => {
    emulator.statements.splice(0);
    const { values, notes } = await valueDiff(warehouse, { base: orders.base, env: orders.env, key: ['id'], columns: ORDER_COMPARED, maskedColumns: ['email'], samples: 4 });
    expect(notes).toEqual([]);
    expect(values).toMatchObject({ only_base: 1, only_env: 1, changed_rows: 5, columns: { amount: 2, status: 1, note: 1, email: 1, qty: 1 } });
    expect(values!.samples).toEqual([
      { kind: 'changed', key: [3], columns: [{ name: 'status', base: 'open', env: 'closed' }] },
      { kind: 'changed', key: [4], columns: [{ name: 'note', base: null, env: 'late' }] },
      { kind: 'only_base', key: [1], columns: [{ name: 'amount', base: 12.5, env: null }, { name: 'status', base: 'open', env: null }, { name: 'note', base: 'gift', env: null }] },
      { kind: 'only_env', key: [11], columns: [{ name: 'amount', base: null, env: 110 }, { name: 'status', base: null, env: 'open' }, { name: 'note', base: null, env: null }] },
    ]);
    const diffStatement = emulator.statements.find((statement) => statement.includes('FULL OUTER JOIN'))!;
    expect(diffStatement).toContain('<=>');
    expect(diffStatement).toContain('xxhash64(');
    // The email is compared in the warehouse but never selected.
    expect(diffStatement).not.toMatch(/`email` AS [be]\d/);

    const tolerant = await valueDiff(warehouse, { base: orders.base, env: orders.env, key: ['id'], columns: ORDER_COMPARED, floatTolerance: 0.001 });
    expect(tolerant.values).toMatchObject({ changed_rows: 4, columns: { amount: 1 } });
  });

  it('gives the same numbers as DuckDB on a composite key limited by where, and samples by key hash', async () => {
    const duckdb = await openDuckDB();
    try {
      const [onDatabricks, onDuckDB] = await Promise.all([createEvents(warehouse, 'events', 5000), createEvents(duckdb, 'events', 5000)]);
      const options = { key: ['region', 'day', 'seq'], columns: [{ name: 'value', type: 'BIGINT' }], where: 'day < 6', samples: 3 };
      const databricksDiff = await valueDiff(warehouse, { ...onDatabricks, ...options });
      expect(databricksDiff).toEqual(await valueDiff(duckdb, { ...onDuckDB, ...options }));
      expect(databricksDiff.values!.changed_rows).toBeGreaterThan(0);
      // Spark's xxhash64 picks other keys than DuckDB's hash, but the same keys on both sides: a sample
      // counts a part of each kind of difference, and a table against itself differs in nothing.
      const sampled = (await valueDiff(warehouse, { ...onDatabricks, ...options, samplePercent: 25 })).values!;
      const full = databricksDiff.values!;
      expect(sampled.sampled).toEqual({ percent: 25, where: 'day < 6' });
      for (const count of ['only_base', 'only_env', 'changed_rows'] as const) {
        expect(sampled[count]).toBeLessThan(full[count]);
        expect(sampled[count]).toBeGreaterThan(full[count] * 0.1);
      }
      const same = await valueDiff(warehouse, { ...onDatabricks, ...options, samplePercent: 25, env: onDatabricks.base });
      expect(same.values).toMatchObject({ only_base: 0, only_env: 0, changed_rows: 0 });
    } finally {
      await duckdb.close();
    }
  });

  it('falls back to a profile for a key that is not unique, and compares a retyped column as text', async () => {
    const repeated = { schema: 'diff', identifier: 'orders_repeated' };
    await warehouse.execute(`CREATE TABLE diff.orders_repeated AS SELECT * FROM diff.orders_env UNION ALL SELECT * FROM diff.orders_env WHERE id = 4`);
    const notUnique = await diffRelation(warehouse, orders.base, repeated, { key: ['id'] });
    expect(notUnique.values).toBeNull();
    expect(notUnique.notes).toEqual(['The key (id) is not unique in the pull request: 1 key repeats within its first 100,000 rows.']);
    expect(notUnique.profile!.columns.find((column) => column.name === 'qty')!.env).toEqual({ nulls: 1, distinct: 4, min: 1, max: 4, sum: 18 });

    const retyped = { schema: 'diff', identifier: 'orders_retyped' };
    await createTable(warehouse, retyped, [{ name: 'id', type: 'INT' }, { name: 'qty', type: 'STRING' }], [[2, '1'], [3, 'one'], [11, '1']]);
    const diff = await diffRelation(warehouse, orders.base, retyped, { key: ['id'] });
    expect(diff.schema!.changed).toEqual([{ column: 'qty', from: 'int', to: 'string' }]);
    expect(diff.notes).toEqual(['Column qty changed type (int → string): its values are compared as text.']);
    expect(diff.values).toMatchObject({ only_base: 8, only_env: 1, changed_rows: 1, columns: { qty: 1 } });
  });
});
