import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb/duckdb-warehouse.js';
import { WarehouseError } from '../../src/warehouse/warehouse.js';

// Long enough to still be running when the test looks; it is always cancelled, never awaited to the end.
const ENDLESS = 'SELECT sum(hash(i)) FROM range(1000000000000) t(i)';

function settled(promise: Promise<unknown>): { done: boolean } {
  const state = { done: false };
  promise.then(
    () => (state.done = true),
    () => (state.done = true),
  );
  return state;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DuckDB warehouse', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-duckdb-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the default database after the file stem, or memory', async () => {
    const file = await DuckDBWarehouse.open({ path: join(dir, 'nested', 'folder', 'sluice.duckdb'), threads: 1 });
    expect(file.defaultDatabase).toBe('sluice');
    await file.close();
    expect(existsSync(join(dir, 'nested', 'folder', 'sluice.duckdb'))).toBe(true);
    const memory = await DuckDBWarehouse.open({ path: ':memory:', threads: 1 });
    expect(memory.defaultDatabase).toBe('memory');
    await memory.ping();
    await memory.close();
  });

  it('keeps a file database across reconnects', async () => {
    const path = join(dir, 'persist.duckdb');
    const first = await DuckDBWarehouse.open({ path, threads: 2 });
    await first.execute('CREATE SCHEMA s; CREATE TABLE s.kept AS SELECT 42 AS answer');
    await first.close();
    const second = await DuckDBWarehouse.open({ path, threads: 2 });
    expect((await second.query('SELECT answer FROM s.kept')).rows).toEqual([{ answer: 42 }]);
    await second.close();
  });

  it('opens a relative path from the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const warehouse = await DuckDBWarehouse.open({ path: 'target/relative.duckdb', threads: 1 });
      await warehouse.close();
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(dir, 'target', 'relative.duckdb'))).toBe(true);
  });

  describe('values and introspection', () => {
    let warehouse: DuckDBWarehouse;
    beforeAll(async () => {
      warehouse = await DuckDBWarehouse.open({ path: ':memory:', threads: 1 });
    });
    afterAll(() => warehouse.close());

    it('returns plain JS values with exact wide numbers', async () => {
      const result = await warehouse.query(`
        SELECT 2::BIGINT ** 60 AS big_double, (2::BIGINT << 59) AS big, 42::BIGINT AS small_bigint,
               170141183460469231731687303715884105727::HUGEINT AS huge,
               1.5::DECIMAL(38,10) AS dec_simple, 0.1::DECIMAL(38,20) AS dec_tenth,
               123456789012345678901234.5678901234::DECIMAL(38,10) AS dec_wide, 0.0000001::DECIMAL(18,10) AS dec_small,
               DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 13:14:15.123456' AS ts, TIMESTAMP '2024-02-29 13:14:15' AS ts0,
               TRUE AS yes, 'text' AS t, NULL::INTEGER AS nothing, 7 AS i, 2.5::DOUBLE AS dbl, [1, 2] AS list`);
      expect(result.rows).toEqual([
        {
          big_double: 2 ** 60,
          big: '1152921504606846976',
          small_bigint: 42,
          huge: '170141183460469231731687303715884105727',
          dec_simple: 1.5,
          dec_tenth: 0.1,
          dec_wide: '123456789012345678901234.5678901234',
          dec_small: 1e-7,
          d: '2024-02-29',
          ts: '2024-02-29 13:14:15.123456',
          ts0: '2024-02-29 13:14:15',
          yes: true,
          t: 'text',
          nothing: null,
          i: 7,
          dbl: 2.5,
          list: '[1,2]',
        },
      ]);
      const types = Object.fromEntries(result.columns.map((c) => [c.name, c.type]));
      expect(types).toMatchObject({ big: 'BIGINT', dec_wide: 'DECIMAL(38,10)', d: 'DATE', ts: 'TIMESTAMP', list: 'INTEGER[]' });
    });

    it('reports rows affected by writes', async () => {
      expect((await warehouse.execute('CREATE OR REPLACE TABLE r AS SELECT * FROM range(5)')).rowsAffected).toBe(5);
      expect((await warehouse.execute('INSERT INTO r SELECT * FROM range(3)')).rowsAffected).toBe(3);
      expect((await warehouse.execute('UPDATE r SET range = 0 WHERE range < 2')).rowsAffected).toBe(4);
      expect((await warehouse.execute('DELETE FROM r WHERE range = 0')).rowsAffected).toBe(4);
      expect((await warehouse.execute('CREATE OR REPLACE VIEW rv AS SELECT 1')).rowsAffected).toBeUndefined();
    });

    it('describes relations, case-insensitively', async () => {
      await warehouse.execute('CREATE SCHEMA IF NOT EXISTS Staging');
      await warehouse.execute('CREATE OR REPLACE TABLE Staging."Stg_Orders" (id BIGINT, amount DECIMAL(18,2), placed_at TIMESTAMP)');
      await warehouse.execute('CREATE OR REPLACE VIEW staging.recent AS SELECT id FROM staging.stg_orders');
      expect(await warehouse.getColumns({ schema: 'staging', identifier: 'stg_orders' })).toEqual([
        { name: 'id', type: 'BIGINT' },
        { name: 'amount', type: 'DECIMAL(18,2)' },
        { name: 'placed_at', type: 'TIMESTAMP' },
      ]);
      expect(await warehouse.getColumns({ database: 'memory', schema: 'staging', identifier: 'recent' })).toEqual([{ name: 'id', type: 'BIGINT' }]);
      expect(await warehouse.getColumns({ schema: 'staging', identifier: 'missing' })).toBeNull();
      expect(await warehouse.getRelationType({ schema: 'STAGING', identifier: 'STG_ORDERS' })).toBe('table');
      expect(await warehouse.getRelationType({ schema: 'staging', identifier: 'recent' })).toBe('view');
      expect(await warehouse.getRelationType({ schema: 'main', identifier: 'recent' })).toBeNull();
      expect(await warehouse.getRelationType({ database: 'other', schema: 'staging', identifier: 'recent' })).toBeNull();
      expect(await warehouse.listSchemas()).toEqual(['Staging', 'main']);
      expect(await warehouse.listSchemas('memory')).toEqual(['Staging', 'main']);
      expect(await warehouse.listRelations(undefined, 'staging')).toEqual([
        { identifier: 'Stg_Orders', type: 'table' },
        { identifier: 'recent', type: 'view' },
      ]);
    });

    it('turns DuckDB errors into WarehouseErrors with the message and the SQL', async () => {
      const sql = 'SELECT * FROM no_such_table';
      const error = await warehouse.query(sql).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WarehouseError);
      expect((error as WarehouseError).message).toMatch(/Table with name no_such_table does not exist/);
      expect((error as WarehouseError).sql).toBe(sql);
      // The connection is still usable afterwards.
      expect((await warehouse.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });

  describe('concurrency and cancellation', () => {
    it('runs up to `threads` statements at once, and cancel interrupts them', async () => {
      const warehouse = await DuckDBWarehouse.open({ path: ':memory:', threads: 2 });
      const slow = warehouse.query(ENDLESS);
      const slowState = settled(slow);
      // A second statement finishes while the first is still running: they overlap.
      expect((await warehouse.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(slowState.done).toBe(false);
      await warehouse.cancel();
      const error = await slow.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WarehouseError);
      expect((error as Error).message).toMatch(/interrupt/i);
      // Both connections serve statements again after a cancel.
      const again = await Promise.all([warehouse.query('SELECT 1 AS a'), warehouse.query('SELECT 2 AS a')]);
      expect(again.map((r) => r.rows[0].a)).toEqual([1, 2]);
      await warehouse.close();
    });

    it('with one thread, a statement waits for the running one; cancel rejects both', async () => {
      const warehouse = await DuckDBWarehouse.open({ path: ':memory:', threads: 1 });
      const slow = warehouse.query(ENDLESS);
      const quick = warehouse.query('SELECT 1');
      const quickState = settled(quick);
      await sleep(200);
      expect(quickState.done).toBe(false);
      await warehouse.cancel();
      await expect(slow).rejects.toBeInstanceOf(WarehouseError);
      await expect(quick).rejects.toThrow(/Cancelled/);
      await warehouse.ping();
      await warehouse.close();
    });

    it('cancel stops a statement even when it comes before DuckDB has started it', async () => {
      const warehouse = await DuckDBWarehouse.open({ path: ':memory:', threads: 1 });
      for (let attempt = 0; attempt < 5; attempt++) {
        const slow = warehouse.query(ENDLESS);
        await new Promise((resolve) => setImmediate(resolve));
        await warehouse.cancel();
        await expect(slow).rejects.toThrow(/interrupt/i);
      }
      await warehouse.close();
    });

    it('close interrupts what runs and refuses new statements', async () => {
      const warehouse = await DuckDBWarehouse.open({ path: ':memory:', threads: 1 });
      const slow = warehouse.query(ENDLESS);
      await warehouse.close();
      await expect(slow).rejects.toBeInstanceOf(WarehouseError);
      await expect(warehouse.query('SELECT 1')).rejects.toThrow(/closed/);
    });
  });
});
