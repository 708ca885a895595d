import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { profileDiff } from '../../src/diff/profile-diff.js';
import { diffRelation } from '../../src/diff/relation-diff.js';
import { rowCounts } from '../../src/diff/row-counts.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { createOrders, createTable, openDuckDB, ORDER_COLUMNS, type OrdersFixture } from './fixtures.js';

describe('row counts, profiles and the whole diff of a relation, on DuckDB', () => {
  let warehouse: Warehouse;
  let orders: OrdersFixture;
  const missing = { schema: 'diff', identifier: 'never_built' };

  beforeAll(async () => {
    warehouse = await openDuckDB();
    orders = await createOrders(warehouse, 'diff');
  });
  afterAll(async () => {
    await warehouse?.close();
  });

  it('counts rows on both sides, or only the environment’s for a new model, honouring where', async () => {
    expect(await rowCounts(warehouse, orders.base, orders.env)).toEqual({ base: 10, env: 10 });
    expect(await rowCounts(warehouse, null, orders.env)).toEqual({ base: null, env: 10 });
    expect(await rowCounts(warehouse, orders.base, orders.env, { where: "status = 'open'" })).toEqual({ base: 6, env: 5 });
  });

  it('profiles every column of each side: nulls, distinct, min, max, and sum for numbers', async () => {
    const profile = await profileDiff(
      warehouse,
      { relation: orders.base, columns: ORDER_COLUMNS },
      { relation: orders.env, columns: ORDER_COLUMNS },
      { reason: 'No key.', maskedColumns: ['email'] },
    );
    expect(profile.reason).toBe('No key.');
    const byName = Object.fromEntries(profile.columns.map((column) => [column.name, column]));
    expect(byName.amount.base).toEqual({ nulls: 0, distinct: 10, min: 5, max: 100, sum: 427.5 });
    expect(byName.amount.env).toMatchObject({ nulls: 0, distinct: 10, min: 6, max: 110 });
    expect(byName.amount.env!.sum).toBeCloseTo(526.0004, 9);
    expect(byName.note).toEqual({
      name: 'note',
      base: { nulls: 7, distinct: 3, min: 'fragile', max: 'vip', sum: null },
      env: { nulls: 7, distinct: 3, min: 'fragile', max: 'vip', sum: null },
    });
    expect(byName.qty.env).toEqual({ nulls: 1, distinct: 4, min: 1, max: 4, sum: 15 });
    // Counted, but its values never leave the warehouse.
    expect(byName.email.base).toEqual({ nulls: 0, distinct: 10, min: '•••', max: '•••', sum: null });
  });

  it('profiles a column on the side that has it, null on the other', async () => {
    const env = { schema: 'diff', identifier: 'renamed_env' };
    await createTable(warehouse, env, [{ name: 'id', type: 'INT' }, { name: 'total', type: 'DOUBLE' }], [[1, 2.5], [2, null]]);
    const profile = await profileDiff(
      warehouse,
      { relation: orders.base, columns: ORDER_COLUMNS.slice(0, 2) },
      { relation: env, columns: [{ name: 'id', type: 'INTEGER' }, { name: 'total', type: 'DOUBLE' }] },
      { reason: 'r' },
    );
    expect(profile.columns.map((column) => [column.name, column.base !== null, column.env !== null])).toEqual([
      ['id', true, true],
      ['total', false, true],
      ['amount', true, false],
    ]);
    expect(profile.columns[1].env).toEqual({ nulls: 1, distinct: 1, min: 2.5, max: 2.5, sum: 2.5 });
  });

  it('diffs a relation by its key: counts, schema and values', async () => {
    const diff = await diffRelation(warehouse, orders.base, orders.env, { key: ['id'], maskedColumns: ['email'] });
    expect(diff.rows).toEqual({ base: 10, env: 10 });
    expect(diff.schema).toEqual({ added: [], removed: [], changed: [], reordered: [] });
    expect(diff.values).toMatchObject({ only_base: 1, only_env: 1, changed_rows: 5, columns: { amount: 2, status: 1, note: 1, email: 1, qty: 1 } });
    expect(diff.profile).toBeNull();
    expect(diff.notes).toEqual([]);
  });

  it('reports a retyped and a removed column, and still diffs the rest', async () => {
    const env = { schema: 'diff', identifier: 'retyped_orders' };
    await warehouse.execute(`CREATE TABLE diff.retyped_orders AS SELECT id, amount, status, CAST(qty AS VARCHAR) AS qty FROM diff.orders_env`);
    const diff = await diffRelation(warehouse, orders.base, env, { key: ['id'] });
    expect(diff.schema).toEqual({ added: [], removed: ['note', 'email'], changed: [{ column: 'qty', from: 'INTEGER', to: 'VARCHAR' }], reordered: [] });
    expect(diff.values).toMatchObject({ only_base: 1, only_env: 1, changed_rows: 3, columns: { qty: 1, status: 1, amount: 2 } });
    expect(diff.notes).toEqual(['Column qty changed type (INTEGER → VARCHAR): its values are compared as text.']);
  });

  it('gives counts only for a new model, and for a base that does not exist', async () => {
    expect(await diffRelation(warehouse, null, orders.env, { key: ['id'] })).toEqual({ rows: { base: null, env: 10 }, schema: null, values: null, profile: null, notes: [] });
    expect(await diffRelation(warehouse, missing, orders.env, { key: ['id'] })).toEqual({
      rows: { base: null, env: 10 },
      schema: null,
      values: null,
      profile: null,
      notes: ['"diff"."never_built" does not exist in production: nothing to compare with.'],
    });
  });

  it('falls back to a profile without a key', async () => {
    const diff = await diffRelation(warehouse, orders.base, orders.env, { key: null });
    expect(diff.values).toBeNull();
    expect(diff.profile!.reason).toMatch(/^No primary key/);
    expect(diff.profile!.columns.map((column) => column.name)).toEqual(['id', 'amount', 'status', 'note', 'email', 'qty']);
    expect(diff.rows).toEqual({ base: 10, env: 10 });
    expect(diff.notes).toEqual([diff.profile!.reason]);
  });

  it('falls back to a profile when the key is not unique, or a side lacks it', async () => {
    const repeated = { schema: 'diff', identifier: 'orders_repeated' };
    await warehouse.execute(`CREATE TABLE diff.orders_repeated AS SELECT * FROM diff.orders_env UNION ALL SELECT * FROM diff.orders_env WHERE id = 4`);
    const notUnique = await diffRelation(warehouse, orders.base, repeated, { key: ['id'] });
    expect(notUnique.values).toBeNull();
    expect(notUnique.notes).toEqual(['The key (id) is not unique in the pull request: 1 key repeats within its first 100,000 rows.']);
    expect(notUnique.profile!.reason).toBe(notUnique.notes[0]);
    expect(notUnique.profile!.columns.find((column) => column.name === 'id')!.env).toMatchObject({ distinct: 10, min: 2, max: 11 });

    const noKey = await diffRelation(warehouse, orders.base, orders.env, { key: ['order_id'] });
    expect(noKey.notes).toEqual(['The key (order_id) cannot match rows: order_id is not in production; order_id is not in the pull request.']);
    expect(noKey.profile).not.toBeNull();
  });

  it('compares a base whose columns differ only in case as unchanged', async () => {
    const upper = { schema: 'diff', identifier: 'orders_upper' };
    await warehouse.execute(`CREATE TABLE diff.orders_upper AS SELECT id AS "ID", amount AS "AMOUNT", status AS "STATUS", note AS "NOTE", email AS "EMAIL", qty AS "QTY" FROM diff.orders_env`);
    const diff = await diffRelation(warehouse, upper, orders.env, { key: ['id'] });
    expect(diff.schema).toEqual({ added: [], removed: [], changed: [], reordered: [] });
    expect(diff.values).toMatchObject({ only_base: 0, only_env: 0, changed_rows: 0, columns: {} });
  });
});
