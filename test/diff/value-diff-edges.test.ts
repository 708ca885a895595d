/** The value diff's planning and notes at their edges, on DuckDB: what is compared, how, and what the notes say. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { comparedColumns, valueDiff } from '../../src/diff/value-diff.js';
import { SluiceError } from '../../src/errors.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { createOrders, createTable, openDuckDB, ORDER_COMPARED, type OrdersFixture } from './fixtures.js';

describe('valueDiff at the edges, on DuckDB', () => {
  let warehouse: Warehouse;
  let orders: OrdersFixture;
  beforeAll(async () => {
    warehouse = await openDuckDB();
    orders = await createOrders(warehouse, 'edges');
  });
  afterAll(async () => {
    await warehouse?.close();
  });
  const diffOrders = (options: Partial<Parameters<typeof valueDiff>[1]> = {}) =>
    valueDiff(warehouse, { base: orders.base, env: orders.env, key: ['id'], columns: ORDER_COMPARED, ...options });

  it('lists only the columns that changed', async () => {
    const { values } = await diffOrders();
    expect(values!.columns).toEqual({ amount: 2, status: 1, note: 1, email: 1, qty: 1 });
  });

  it('takes samples in turn from each kind, no more than asked for', async () => {
    const { values } = await diffOrders({ samples: 2 });
    expect(values!.samples.map((sample) => [sample.kind, sample.key])).toEqual([
      ['changed', [3]],
      ['only_base', [1]],
    ]);
    const one = await diffOrders({ samples: 1 });
    expect(one.values!.samples.map((sample) => sample.kind)).toEqual(['changed']);
  });

  it('needs a key, and explains a sample_percent out of range', async () => {
    await expect(diffOrders({ key: [] })).rejects.toThrow('valueDiff needs at least one key column');
    const error = await diffOrders({ samplePercent: 101 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SluiceError);
    expect((error as SluiceError).message).toBe('diff sample_percent must be more than 0 and at most 100; got 101');
    expect((error as SluiceError).hint).toBe('leave it out to compare every row');
    await expect(diffOrders({ samples: 1.5 })).rejects.toThrow('diff samples must be a whole number of rows, 0 or more; got 1.5');
    await expect(diffOrders({ floatTolerance: Number.NaN })).rejects.toThrow('diff float tolerance must be a number, 0 or more; got NaN');
  });

  it('compares every row at sample_percent 100, and says nothing was sampled', async () => {
    const all = await diffOrders();
    const hundred = await diffOrders({ samplePercent: 100 });
    expect(hundred.values).toEqual(all.values);
    expect(hundred.values!.sampled).toBeNull();
  });

  it('masks columns and keys named in any case', async () => {
    const { values } = await diffOrders({ maskedColumns: ['EMAIL', 'ID'], samples: 10 });
    const changed = values!.samples.find((sample) => sample.kind === 'changed' && sample.columns.some((column) => column.name === 'email'))!;
    expect(changed.key).toEqual(['•••']);
    expect(changed.columns.find((column) => column.name === 'email')).toEqual({ name: 'email', base: '•••', env: '•••' });
  });

  it('matches integer keys of different widths without a note, and reads key types in any case', async () => {
    const base = { schema: 'edges', identifier: 'narrow_keys' };
    const env = { schema: 'edges', identifier: 'wide_keys' };
    await createTable(warehouse, base, [{ name: 'id', type: 'INT' }, { name: 'v', type: 'INT' }], [[1, 1], [2, 2]]);
    await createTable(warehouse, env, [{ name: 'id', type: 'BIGINT' }, { name: 'v', type: 'INT' }], [[1, 1], [2, 3]]);
    const { values, notes } = await valueDiff(warehouse, { base, env, key: ['id'], keyColumns: [{ name: 'ID', type: 'BIGINT', baseType: 'INTEGER' }], columns: [{ name: 'v', type: 'INTEGER' }] });
    expect(notes).toEqual([]);
    expect(values).toMatchObject({ only_base: 0, only_env: 0, changed_rows: 1, samples: [{ key: [2], kind: 'changed' }] });
    // A key whose type family changed is matched as text, and that is said.
    const text = await valueDiff(warehouse, { base, env, key: ['id'], keyColumns: [{ name: 'ID', type: 'VARCHAR', baseType: 'INTEGER' }], columns: [{ name: 'v', type: 'INTEGER' }] });
    expect(text.notes).toEqual(['The key column id changed type (INTEGER → VARCHAR): keys are matched as text.']);
  });

  it('notes NULL keys on either side alone, with the sides named as asked', async () => {
    const columns = [{ name: 'id', type: 'INT' }, { name: 'label', type: 'VARCHAR' }];
    const base = { schema: 'edges', identifier: 'no_null_keys' };
    const env = { schema: 'edges', identifier: 'one_null_key' };
    await createTable(warehouse, base, columns, [[1, 'a']]);
    await createTable(warehouse, env, columns, [[1, 'a'], [null, 'x']]);
    const { notes } = await valueDiff(warehouse, { base, env, key: ['id'], columns: [columns[1]], names: { base: 'main', env: 'pr_7' } });
    expect(notes).toEqual(['Rows with a NULL in the key (id) are left out of the value diff: 0 in main, 1 in pr_7.']);
  });

  it('counts repeated keys in the key check, in the plural too', async () => {
    const columns = [{ name: 'id', type: 'INT' }, { name: 'label', type: 'VARCHAR' }];
    const base = { schema: 'edges', identifier: 'unique_keys' };
    const env = { schema: 'edges', identifier: 'two_repeated_keys' };
    await createTable(warehouse, base, columns, [[1, 'a'], [2, 'b']]);
    await createTable(warehouse, env, columns, [[1, 'a'], [1, 'a'], [2, 'b'], [2, 'c']]);
    const { values, notes } = await valueDiff(warehouse, { base, env, key: ['id'], columns: [columns[1]] });
    expect(values).toBeNull();
    expect(notes).toEqual(['The key (id) is not unique in the pull request: 2 keys repeat within its first 100,000 rows.']);
  });

  it('tells from the counts which side has more rows on shared keys, and how many', async () => {
    await warehouse.execute('CREATE TABLE edges.many AS SELECT CAST(range AS INT) AS id, 1 AS v FROM range(100005)');
    await warehouse.execute('CREATE TABLE edges.many_repeated AS SELECT * FROM edges.many');
    await warehouse.execute('INSERT INTO edges.many_repeated VALUES (100001, 1), (100002, 1)');
    const columns = [{ name: 'v', type: 'INTEGER' }];
    const { values, notes } = await valueDiff(warehouse, { base: { schema: 'edges', identifier: 'many' }, env: { schema: 'edges', identifier: 'many_repeated' }, key: ['id'], columns });
    expect(values).toBeNull();
    expect(notes).toEqual(['The key (id) is not unique in the pull request: on the keys both sides share, it has 2 more rows than production.']);
  });

  it('says which columns a side lacks, and compares only what both have', () => {
    const compared = comparedColumns(
      [{ name: 'ID', type: 'INTEGER' }, { name: 'a', type: 'INTEGER' }, { name: 'gone', type: 'INTEGER' }],
      [{ name: 'a', type: 'BIGINT' }, { name: 'added', type: 'INTEGER' }, { name: 'region', type: 'VARCHAR' }],
      ['id', 'region'],
    );
    expect(compared).toEqual({
      keyColumns: [],
      columns: [{ name: 'a', type: 'BIGINT', baseType: 'INTEGER' }],
      missingKey: { base: ['region'], env: ['id'] },
    });
  });
});
