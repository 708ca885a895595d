import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { comparedColumns, valueDiff } from '../../src/diff/value-diff.js';
import { keyCheckSql, valueDiffSql } from '../../src/diff/value-diff-sql.js';
import { SluiceError } from '../../src/errors.js';
import type { QueryResult, Warehouse } from '../../src/warehouse/warehouse.js';
import { createEvents, createOrders, createTable, openDuckDB, ORDER_COLUMNS, ORDER_COMPARED, type OrdersFixture } from './fixtures.js';

describe('valueDiff on DuckDB', () => {
  let warehouse: Warehouse;
  let orders: OrdersFixture;

  beforeAll(async () => {
    warehouse = await openDuckDB();
    orders = await createOrders(warehouse, 'diff');
  });
  afterAll(async () => {
    await warehouse?.close();
  });

  const diffOrders = (options: Partial<Parameters<typeof valueDiff>[1]> = {}) =>
    valueDiff(warehouse, { base: orders.base, env: orders.env, key: ['id'], columns: ORDER_COMPARED, ...options });

  it('counts rows only on one side, changed rows and changes per column, NULL-safely', async () => {
    const { values, notes } = await diffOrders();
    expect(notes).toEqual([]);
    expect(values).toMatchObject({
      key: ['id'],
      only_base: 1,
      only_env: 1,
      // 3 status, 4 note NULL → 'late', 6 amount by 0.0004, 7 email, 8 qty and amount; 5 has NULL = NULL.
      changed_rows: 5,
      columns: { amount: 2, status: 1, note: 1, email: 1, qty: 1 },
      sampled: null,
    });
  });

  it('returns samples of every kind in key order, with before and after values of the changed columns', async () => {
    const { values } = await diffOrders({ samples: 5 });
    expect(values!.samples).toEqual([
      { kind: 'changed', key: [3], columns: [{ name: 'status', base: 'open', env: 'closed' }] },
      { kind: 'changed', key: [4], columns: [{ name: 'note', base: null, env: 'late' }] },
      { kind: 'changed', key: [6], columns: [{ name: 'amount', base: 10, env: 10.0004 }] },
      {
        kind: 'only_base',
        key: [1],
        columns: [
          { name: 'amount', base: 12.5, env: null },
          { name: 'status', base: 'open', env: null },
          { name: 'note', base: 'gift', env: null },
        ],
      },
      {
        kind: 'only_env',
        key: [11],
        columns: [
          { name: 'amount', base: null, env: 110 },
          { name: 'status', base: null, env: 'open' },
          { name: 'note', base: null, env: null },
        ],
      },
    ]);
    const more = await diffOrders({ samples: 20 });
    expect(more.values!.samples.filter((sample) => sample.kind === 'changed').map((sample) => sample.key)).toEqual([[3], [4], [6], [7], [8]]);
    expect(more.values!.samples.find((sample) => sample.key[0] === 8)!.columns).toEqual([
      { name: 'amount', base: 5, env: 6 },
      { name: 'qty', base: 1, env: null },
    ]);
    expect((await diffOrders({ samples: 0 })).values!.samples).toEqual([]);
  });

  it('treats floats within the tolerance as equal', async () => {
    const { values } = await diffOrders({ floatTolerance: 0.001 });
    expect(values).toMatchObject({ changed_rows: 4, columns: { amount: 1, status: 1, note: 1, email: 1, qty: 1 } });
    const tight = await diffOrders({ floatTolerance: 0.0001 });
    expect(tight.values).toMatchObject({ changed_rows: 5, columns: { amount: 2 } });
  });

  it('counts a float that becomes NULL (or NULL that becomes a float) as changed, whatever the tolerance', async () => {
    const base = { schema: 'diff', identifier: 'nulls_base' };
    const env = { schema: 'diff', identifier: 'nulls_env' };
    const columns = [{ name: 'id', type: 'INT' }, { name: 'v', type: 'DOUBLE' }];
    await createTable(warehouse, base, columns, [[1, 5], [2, null], [3, null], [4, 1]]);
    await createTable(warehouse, env, columns, [[1, null], [2, 5], [3, null], [4, 1.0000001]]);
    const { values } = await valueDiff(warehouse, { base, env, key: ['id'], columns: [{ name: 'v', type: 'DOUBLE' }], floatTolerance: 0.001 });
    expect(values).toMatchObject({ changed_rows: 2, columns: { v: 2 } });
  });

  it('applies the where to both joins: a key repeated only in rows the where leaves out multiplies nothing', async () => {
    const base = { schema: 'diff', identifier: 'where_base' };
    const env = { schema: 'diff', identifier: 'where_env' };
    const columns = [{ name: 'id', type: 'INT' }, { name: 'region', type: 'VARCHAR' }, { name: 'v', type: 'INT' }];
    // Key 1 repeats on both sides, but its second rows are in a region the where leaves out.
    await createTable(warehouse, base, columns, [[1, 'eu', 1], [1, 'us', 99], [2, 'eu', 2]]);
    await createTable(warehouse, env, columns, [[1, 'eu', 10], [1, 'us', 77], [2, 'eu', 2]]);
    const { values, notes } = await valueDiff(warehouse, { base, env, key: ['id'], columns: [{ name: 'region', type: 'VARCHAR' }, { name: 'v', type: 'INT' }], where: "region = 'eu'", samples: 5 });
    expect(notes).toEqual([]);
    expect(values).toMatchObject({ only_base: 0, only_env: 0, changed_rows: 1, columns: { v: 1 } });
    expect(values!.samples).toHaveLength(1);
  });

  it('never brings a masked column to the client: compared in the warehouse, shown as •••', async () => {
    const seen: QueryResult[] = [];
    const recording: Warehouse = Object.create(warehouse, {
      query: { value: async (sql: string) => { const result = await warehouse.query(sql); seen.push(result); return result; } },
    });
    const { values } = await valueDiff(recording, { base: orders.base, env: orders.env, key: ['id'], columns: ORDER_COMPARED, samples: 20, maskedColumns: ['EMAIL'] });
    expect(values!.columns.email).toBe(1);
    const seven = values!.samples.find((sample) => sample.key[0] === 7)!;
    expect(seven.columns).toEqual([{ name: 'email', base: '•••', env: '•••' }]);
    const everyValue = seen.flatMap((result) => result.rows.flatMap((row) => Object.values(row)));
    expect(everyValue.some((value) => typeof value === 'string' && value.includes('@'))).toBe(false);
    expect(seen.flatMap((result) => result.columns.map((column) => column.name))).not.toContain('email');
  });

  it('masks a key column too: rows are still matched and ordered by it in the warehouse', async () => {
    const seen: QueryResult[] = [];
    const recording: Warehouse = Object.create(warehouse, {
      query: { value: async (sql: string) => { const result = await warehouse.query(sql); seen.push(result); return result; } },
    });
    const { values } = await valueDiff(recording, { base: orders.base, env: orders.env, key: ['id'], columns: ORDER_COMPARED, samples: 3, maskedColumns: ['id'] });
    expect(values).toMatchObject({ only_base: 1, only_env: 1, changed_rows: 5 });
    expect(values!.samples.map((sample) => [sample.kind, sample.key])).toEqual([['changed', ['•••']], ['only_base', ['•••']], ['only_env', ['•••']]]);
    expect(values!.samples[0].columns).toEqual([{ name: 'status', base: 'open', env: 'closed' }]);
    const sampleRows = seen.at(-1)!.rows.filter((row) => row.diff_part === 'sample');
    expect(sampleRows.length).toBeGreaterThanOrEqual(3);
    expect(sampleRows.every((row) => row.k0 === null)).toBe(true);
  });

  it('limits both sides with where, and says so', async () => {
    const { values } = await diffOrders({ where: 'id <= 5' });
    expect(values).toMatchObject({ only_base: 1, only_env: 0, changed_rows: 2, columns: { status: 1, note: 1 }, sampled: { percent: null, where: 'id <= 5' } });
  });

  it('matches rows on a composite key', async () => {
    const events = await createEvents(warehouse, 'composite', 1000);
    const columns = [{ name: 'value', type: 'BIGINT' }];
    const { values, notes } = await valueDiff(warehouse, { ...events, key: ['region', 'day', 'seq'], columns, samples: 3 });
    expect(notes).toEqual([]);
    // seq 0..999: seq % 50 = 1 only in production (20), seq % 50 = 2 only in the pull request (20), seq % 10 = 0 changed (100).
    expect(values).toMatchObject({ only_base: 20, only_env: 20, changed_rows: 100, columns: { value: 100 } });
    expect(values!.samples).toEqual([
      // The first key of each kind in (region, day, seq) order: 140 is the apac seq (n % 3 = 2) with day 0
      // and seq % 10 = 0; 701 and 602 likewise for seq % 50 = 1 (no day 0 below 1,000) and seq % 50 = 2.
      { kind: 'changed', key: ['apac', 0, 140], columns: [{ name: 'value', base: 280, env: 281 }] },
      { kind: 'only_base', key: ['apac', 1, 701], columns: [{ name: 'value', base: 1402, env: null }] },
      { kind: 'only_env', key: ['apac', 0, 602], columns: [{ name: 'value', base: null, env: 1204 }] },
    ]);
  });

  it('samples by a hash of the key: the same keys on both sides, about the share asked for, the same every run', async () => {
    const events = await createEvents(warehouse, 'sampled', 20000);
    const columns = [{ name: 'value', type: 'BIGINT' }];
    const options = { ...events, key: ['region', 'day', 'seq'], columns, samplePercent: 10 };
    const first = await valueDiff(warehouse, options);
    const again = await valueDiff(warehouse, options);
    expect(again.values).toEqual(first.values);
    const { values } = first;
    // Unsampled: 400 only in production, 400 only in the pull request, 2000 changed.
    expect(values!.sampled).toEqual({ percent: 10, where: null });
    for (const [count, total] of [[values!.only_base, 400], [values!.only_env, 400], [values!.changed_rows, 2000]]) {
      expect(count).toBeGreaterThan(total * 0.06);
      expect(count).toBeLessThan(total * 0.14);
    }
    // Had the two sides kept different keys, unchanged rows would show up as rows on one side only.
    const same = await valueDiff(warehouse, { ...options, env: events.base });
    expect(same.values).toMatchObject({ only_base: 0, only_env: 0, changed_rows: 0 });
  });

  it('leaves rows with a NULL key out, and says how many', async () => {
    const columns = [{ name: 'id', type: 'INT' }, { name: 'label', type: 'STRING' }];
    const base = { schema: 'diff', identifier: 'null_keys_base' };
    const env = { schema: 'diff', identifier: 'null_keys_env' };
    await createTable(warehouse, base, columns, [[1, 'a'], [null, 'x'], [null, 'y']]);
    await createTable(warehouse, env, columns, [[1, 'b'], [null, 'x']]);
    const { values, notes } = await valueDiff(warehouse, { base, env, key: ['id'], columns: [columns[1]] });
    expect(values).toMatchObject({ only_base: 0, only_env: 0, changed_rows: 1, columns: { label: 1 } });
    expect(notes).toEqual(['Rows with a NULL in the key (id) are left out of the value diff: 2 in production, 1 in the pull request.']);
  });

  it('gives no values when the key repeats among the first rows, before joining on it', async () => {
    const base = { schema: 'diff', identifier: 'repeated_base' };
    await createTable(warehouse, base, ORDER_COLUMNS, [
      [3, 30, 'open', null, 'a@example.com', 1],
      [3, 31, 'open', null, 'b@example.com', 1],
      [4, 40, 'open', null, 'c@example.com', 1],
    ]);
    const { values, notes } = await valueDiff(warehouse, { base, env: orders.env, key: ['id'], columns: ORDER_COMPARED });
    expect(values).toBeNull();
    expect(notes).toEqual(['The key (id) is not unique in production: 1 key repeats within its first 100,000 rows.']);
  });

  it('finds a key repeated beyond the first rows from the diff’s own counts', async () => {
    // 120,000 unique ids, then one repeated: the key check reads the first 100,000 rows only.
    const unique = { schema: 'diff', identifier: 'late_unique' };
    const repeatedMatched = { schema: 'diff', identifier: 'late_repeat_matched' };
    const repeatedNew = { schema: 'diff', identifier: 'late_repeat_new' };
    await warehouse.execute(`CREATE TABLE diff.late_unique AS SELECT CAST(range AS INT) AS id, 'v' AS label FROM range(120000)`);
    await warehouse.execute(`CREATE TABLE diff.late_repeat_matched AS SELECT * FROM diff.late_unique`);
    await warehouse.execute(`INSERT INTO diff.late_repeat_matched VALUES (7, 'v')`);
    await warehouse.execute(`CREATE TABLE diff.late_repeat_new AS SELECT * FROM diff.late_unique`);
    await warehouse.execute(`INSERT INTO diff.late_repeat_new VALUES (200000, 'new'), (200000, 'new')`);
    const columns = [{ name: 'label', type: 'VARCHAR' }];

    // Repeated on a key both sides have, in identical rows: only the counts of matched rows tell.
    const matched = await valueDiff(warehouse, { base: repeatedMatched, env: unique, key: ['id'], columns });
    expect(matched.values).toBeNull();
    expect(matched.notes).toEqual(['The key (id) is not unique in production: on the keys both sides share, it has 1 more row than the pull request.']);

    // Repeated on a new key: more rows than keys among the rows that differ.
    const added = await valueDiff(warehouse, { base: unique, env: repeatedNew, key: ['id'], columns });
    expect(added.values).toBeNull();
    expect(added.notes).toEqual(['The key (id) is not unique in the pull request: keys repeat among the rows that differ.']);

    // The where leaves the repeated key out: the key is unique in what is compared.
    const filtered = await valueDiff(warehouse, { base: repeatedMatched, env: unique, key: ['id'], columns, where: 'id <> 7' });
    expect(filtered).toEqual({ values: expect.objectContaining({ only_base: 0, only_env: 0, changed_rows: 0 }), notes: [] });
  });

  it('compares a column whose type became incomparable as text, and says so', async () => {
    const base = { schema: 'diff', identifier: 'retyped_base' };
    const env = { schema: 'diff', identifier: 'retyped_env' };
    await createTable(warehouse, base, [{ name: 'id', type: 'INT' }, { name: 'qty', type: 'INT' }, { name: 'ratio', type: 'INT' }], [[1, 1, 1], [2, 2, 2], [3, 3, 3]]);
    await createTable(warehouse, env, [{ name: 'id', type: 'INT' }, { name: 'qty', type: 'VARCHAR' }, { name: 'ratio', type: 'DOUBLE' }], [[1, '1', 1], [2, 'two', 2.5], [3, null, 3]]);
    const compared = comparedColumns(
      [{ name: 'id', type: 'INTEGER' }, { name: 'qty', type: 'INTEGER' }, { name: 'ratio', type: 'INTEGER' }],
      [{ name: 'id', type: 'INTEGER' }, { name: 'qty', type: 'VARCHAR' }, { name: 'ratio', type: 'DOUBLE' }],
      ['id'],
    );
    const { values, notes } = await valueDiff(warehouse, { base, env, key: ['id'], columns: compared.columns, keyColumns: compared.keyColumns, samples: 1 });
    expect(notes).toEqual(['Column qty changed type (INTEGER → VARCHAR): its values are compared as text.']);
    expect(values).toMatchObject({ changed_rows: 2, columns: { qty: 2, ratio: 1 } });
    expect(values!.samples).toEqual([{ kind: 'changed', key: [2], columns: [{ name: 'qty', base: 2, env: 'two' }, { name: 'ratio', base: 2, env: 2.5 }] }]);
  });

  it('matches keys whose type changed', async () => {
    const base = { schema: 'diff', identifier: 'rekeyed_base' };
    const env = { schema: 'diff', identifier: 'rekeyed_env' };
    await createTable(warehouse, base, [{ name: 'id', type: 'INT' }, { name: 'v', type: 'INT' }], [[1, 1], [2, 2]]);
    await createTable(warehouse, env, [{ name: 'id', type: 'VARCHAR' }, { name: 'v', type: 'INT' }], [['1', 1], ['2', 3]]);
    const { values, notes } = await valueDiff(warehouse, {
      base,
      env,
      key: ['id'],
      keyColumns: [{ name: 'id', type: 'VARCHAR', baseType: 'INTEGER' }],
      columns: [{ name: 'v', type: 'INTEGER' }],
    });
    expect(values).toMatchObject({ only_base: 0, only_env: 0, changed_rows: 1, samples: [{ key: ['2'], kind: 'changed' }] });
    expect(notes).toEqual(['The key column id changed type (INTEGER → VARCHAR): keys are matched as text.']);
  });

  it('treats columns that differ only in case as the same columns', async () => {
    await warehouse.execute(`CREATE TABLE diff.upper_base AS SELECT id AS "ID", amount AS "AMOUNT", status AS "Status" FROM diff.orders_base`);
    const baseColumns = (await warehouse.getColumns({ schema: 'diff', identifier: 'upper_base' }))!;
    const envColumns = (await warehouse.getColumns(orders.env))!;
    const compared = comparedColumns(baseColumns, envColumns, ['id']);
    expect(compared.columns.map((column) => column.name)).toEqual(['amount', 'status']);
    const { values } = await valueDiff(warehouse, { base: { schema: 'diff', identifier: 'upper_base' }, env: orders.env, key: ['id'], columns: compared.columns, keyColumns: compared.keyColumns });
    expect(values).toMatchObject({ only_base: 1, only_env: 1, changed_rows: 3, columns: { amount: 2, status: 1 } });
  });

  it('works with no compared column at all (a table that is only its key)', async () => {
    const { values } = await diffOrders({ columns: [] });
    expect(values).toMatchObject({ only_base: 1, only_env: 1, changed_rows: 0, columns: {} });
  });

  it('rejects settings that make no sense', async () => {
    await expect(diffOrders({ samplePercent: 0 })).rejects.toThrow(SluiceError);
    await expect(diffOrders({ samplePercent: 120 })).rejects.toThrow(/sample_percent/);
    await expect(diffOrders({ samples: -1 })).rejects.toThrow(/samples/);
    await expect(diffOrders({ floatTolerance: -0.1 })).rejects.toThrow(/tolerance/);
  });

  it('runs two statements: the key check and the diff', async () => {
    const statements: string[] = [];
    const recording: Warehouse = Object.create(warehouse, {
      query: { value: (sql: string) => (statements.push(sql), warehouse.query(sql)) },
    });
    await valueDiff(recording, { base: orders.base, env: orders.env, key: ['id'], columns: ORDER_COMPARED });
    expect(statements).toHaveLength(2);
    const plan = { base: orders.base, env: orders.env, key: [{ name: 'id', castTo: null, masked: false }], columns: [], where: null, samplePercent: null, samples: 5, floatTolerance: 0 };
    expect(statements[0]).toBe(keyCheckSql(warehouse.dialect, plan));
    expect(statements[1]).toContain('FULL OUTER JOIN');
    expect(valueDiffSql(warehouse.dialect, plan).match(/FULL OUTER JOIN/g)).toHaveLength(1);
  });
});
