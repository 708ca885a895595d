import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SluiceError, WarehouseConnectionError } from '../../src/errors.js';
import { DatabricksWarehouseError } from '../../src/warehouse/databricks/databricks-errors.js';
import { DatabricksWarehouse } from '../../src/warehouse/databricks/databricks-warehouse.js';
import { WarehouseError } from '../../src/warehouse/warehouse.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';

const RUN_ID = 'run-2024-05-01T10:00:00Z-7f3a';

describe('Databricks warehouse on the real driver, against the emulator', () => {
  let emulator: DatabricksEmulator;
  let warehouse: DatabricksWarehouse;

  beforeAll(async () => {
    emulator = await startDatabricksEmulator({ pageSize: 1000 });
    warehouse = await DatabricksWarehouse.open({ target: emulator.target(), runId: RUN_ID });
  });
  afterAll(async () => {
    await warehouse?.close();
    await emulator?.stop();
  });

  it('takes the catalog from the profile, or asks the warehouse for its current one', async () => {
    expect(warehouse.defaultDatabase).toBe('main');
    const withoutCatalog = await DatabricksWarehouse.open({ target: emulator.target({ catalog: undefined }), runId: RUN_ID });
    expect(withoutCatalog.defaultDatabase).toBe('main');
    await withoutCatalog.close();
  });

  it('returns plain JS values: exact BIGINT and DECIMAL, dates and UTC timestamps as text', async () => {
    const result = await warehouse.query(`
      SELECT CAST(1 AS BIGINT) << 60 AS big, CAST(42 AS BIGINT) AS small_bigint,
             CAST(123456789012345678901234.5678901234 AS DECIMAL(38,10)) AS dec_wide,
             CAST(1.5 AS DECIMAL(38,10)) AS dec_simple, CAST(0.0000001 AS DECIMAL(18,10)) AS dec_small,
             CAST(-12.30 AS DECIMAL(10,2)) AS dec_negative,
             DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 13:14:15.123' AS ts, TIMESTAMP '2024-02-29 13:14:15' AS ts0,
             TRUE AS yes, 'text' AS t, CAST(NULL AS INT) AS nothing, 7 AS i, CAST(2.5 AS DOUBLE) AS dbl`);
    expect(result.rows).toEqual([
      {
        big: '1152921504606846976',
        small_bigint: 42,
        dec_wide: '123456789012345678901234.5678901234',
        dec_simple: 1.5,
        dec_small: 1e-7,
        dec_negative: -12.3,
        d: '2024-02-29',
        ts: '2024-02-29 13:14:15.123',
        ts0: '2024-02-29 13:14:15',
        yes: true,
        t: 'text',
        nothing: null,
        i: 7,
        dbl: 2.5,
      },
    ]);
    const types = Object.fromEntries(result.columns.map((column) => [column.name, column.type]));
    expect(types).toMatchObject({ big: 'bigint', dec_wide: 'decimal(38,10)', d: 'date', ts: 'timestamp', t: 'string', i: 'int', dbl: 'double', yes: 'boolean' });
  });

  it('reads results of many pages', async () => {
    const result = await warehouse.query('SELECT CAST(id AS BIGINT) AS id FROM range(2500) AS r(id) ORDER BY id');
    expect(result.rows).toHaveLength(2500);
    expect(result.rows[2499]).toEqual({ id: 2499 });
    // 2500 rows in pages of 1000: the direct result, then two more fetches.
    const fetches = emulator.requests.filter((request) => request.method === 'FetchResults');
    expect(fetches.length).toBeGreaterThanOrEqual(2);
  });

  it('reports rows affected by writes', async () => {
    await warehouse.execute(warehouse.dialect.createSchema('main', 'counts'));
    expect((await warehouse.execute('CREATE OR REPLACE TABLE main.counts.r USING DELTA AS SELECT id FROM range(5) AS r(id)')).rowsAffected).toBe(5);
    expect((await warehouse.execute('INSERT INTO main.counts.r SELECT id FROM range(3) AS r(id)')).rowsAffected).toBe(3);
    expect((await warehouse.execute('UPDATE main.counts.r SET id = 0 WHERE id < 2')).rowsAffected).toBe(4);
    expect((await warehouse.execute('DELETE FROM main.counts.r WHERE id = 0')).rowsAffected).toBe(4);
    expect((await warehouse.execute('CREATE OR REPLACE VIEW main.counts.rv AS SELECT 1 AS one')).rowsAffected).toBeUndefined();
  });

  it('describes relations: names lower-case as Unity Catalog stores them, matched without regard to case', async () => {
    await warehouse.execute('CREATE SCHEMA IF NOT EXISTS main.Staging');
    await warehouse.execute('CREATE OR REPLACE TABLE main.Staging.`Stg_Orders` (id BIGINT, Amount DECIMAL(18,2), placed_at TIMESTAMP) USING DELTA');
    await warehouse.execute('CREATE OR REPLACE VIEW main.staging.recent AS SELECT id FROM main.staging.stg_orders');
    expect(await warehouse.getColumns({ schema: 'staging', identifier: 'stg_orders' })).toEqual([
      { name: 'id', type: 'bigint' },
      { name: 'Amount', type: 'decimal(18,2)' },
      { name: 'placed_at', type: 'timestamp' },
    ]);
    expect(await warehouse.getColumns({ database: 'main', schema: 'STAGING', identifier: 'Recent' })).toEqual([{ name: 'id', type: 'bigint' }]);
    expect(await warehouse.getColumns({ schema: 'staging', identifier: 'missing' })).toBeNull();
    expect(await warehouse.getColumns({ schema: 'no_such_schema', identifier: 'x' })).toBeNull();
    expect(await warehouse.getRelationType({ schema: 'STAGING', identifier: 'STG_ORDERS' })).toBe('table');
    expect(await warehouse.getRelationType({ schema: 'staging', identifier: 'recent' })).toBe('view');
    expect(await warehouse.getRelationType({ schema: 'default', identifier: 'recent' })).toBeNull();
    expect(await warehouse.listSchemas()).toEqual(expect.arrayContaining(['default', 'staging']));
    expect(await warehouse.listSchemas()).not.toContain('information_schema');
    expect(await warehouse.listRelations(undefined, 'Staging')).toEqual([
      { identifier: 'recent', type: 'view' },
      { identifier: 'stg_orders', type: 'table' },
    ]);
  });

  it("turns the warehouse's errors into WarehouseErrors with its message, error class and SQLSTATE", async () => {
    const sql = 'SELECT * FROM main.default.no_such_table';
    const error = await warehouse.query(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect(error).toBeInstanceOf(DatabricksWarehouseError);
    expect((error as DatabricksWarehouseError).message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\] .*no_such_table.* SQLSTATE: 42P01/);
    expect((error as DatabricksWarehouseError).errorClass).toBe('TABLE_OR_VIEW_NOT_FOUND');
    expect((error as DatabricksWarehouseError).sqlState).toBe('42P01');
    expect((error as DatabricksWarehouseError).sql).toBe(sql);
    // The session is still usable afterwards.
    expect((await warehouse.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('a statement the warehouse refuses at once (ERROR_STATUS) fails with its message', async () => {
    emulator.faults.failStatement(/refused_by_warehouse/, {
      errorClass: 'INSUFFICIENT_PERMISSIONS',
      message: "User does not have USE CATALOG on Catalog 'prod'.",
      sqlState: '42501',
    });
    const error = (await warehouse.query('SELECT 1 AS refused_by_warehouse').catch((e: unknown) => e)) as DatabricksWarehouseError;
    expect(error).toBeInstanceOf(DatabricksWarehouseError);
    expect(error.message).toBe("[INSUFFICIENT_PERMISSIONS] User does not have USE CATALOG on Catalog 'prod'. SQLSTATE: 42501");
    expect(error.errorClass).toBe('INSUFFICIENT_PERMISSIONS');
    expect(error.sqlState).toBe('42501');
  });

  it('writes Spark string literals that survive quotes, backslashes and comment markers', async () => {
    const awkward = [`O'Brien`, `back\\slash`, `it's "quoted"; -- not a comment /* nor this */`, `two''quotes`, `tab\there`, `line\nbreak`, `ünïcödé ✓`, `\\'`];
    const people = { database: 'main', schema: 'counts', identifier: 'people' };
    await warehouse.execute(warehouse.dialect.createTable(people, [{ name: 'name', type: 'string' }, { name: 'n', type: 'int' }]));
    const rows = awkward.map((name, index) => [warehouse.dialect.literal(name), warehouse.dialect.literal(index)]);
    expect((await warehouse.execute(warehouse.dialect.insertValues(people, ['name', 'n'], rows))).rowsAffected).toBe(awkward.length);
    const stored = await warehouse.query('SELECT name FROM main.counts.people ORDER BY n');
    expect(stored.rows.map((row) => row.name)).toEqual(awkward);
  });

  it('records Delta versions, restores one, and clones a table (shallow, or as of a version)', async () => {
    const orders = { schema: 'counts', identifier: 'orders' };
    await warehouse.execute(warehouse.dialect.createTableAs(orders, 'SELECT id FROM range(3) AS r(id)'));
    const before = await warehouse.tableVersion(orders);
    await warehouse.execute('INSERT INTO main.counts.orders VALUES (100)');
    expect(await warehouse.tableVersion(orders)).toBe(before + 1);
    await warehouse.cloneTable({ schema: 'counts', identifier: 'orders_then' }, orders, { version: before });
    await warehouse.cloneTable({ schema: 'counts', identifier: 'orders_now' }, orders);
    await warehouse.restoreTable(orders, before);
    const count = async (table: string) => (await warehouse.query(`SELECT count(*) AS n FROM main.counts.${table}`)).rows[0].n;
    expect(await count('orders')).toBe(3);
    expect(await count('orders_then')).toBe(3);
    expect(await count('orders_now')).toBe(4);
    expect(emulator.statements.some((s) => s.includes('SHALLOW CLONE `main`.`counts`.`orders` VERSION AS OF'))).toBe(true);
  });

  it('runs up to `threads` statements at once on separate sessions', async () => {
    const wide = await DatabricksWarehouse.open({ target: emulator.target({ threads: 3 }), runId: RUN_ID });
    const sessionsBefore = emulator.requests.filter((request) => request.method === 'OpenSession').length;
    emulator.faults.slowStatement(/slow_marker/, 1000, 3);
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => wide.query(`SELECT ${n} AS slow_marker`)));
    // Three one-second statements side by side, not one after the other.
    expect(Date.now() - started).toBeLessThan(2500);
    expect(emulator.requests.filter((request) => request.method === 'OpenSession').length - sessionsBefore).toBe(2);
    await wide.close();
  });

  it('close() cancels what runs and refuses new statements', async () => {
    const closing = await DatabricksWarehouse.open({ target: emulator.target(), runId: RUN_ID });
    emulator.faults.slowStatement(/closed_under/, 10000);
    const slow = closing.query('SELECT 1 AS closed_under');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await closing.close();
    await expect(slow).rejects.toThrow(/cancelled/);
    await expect(closing.query('SELECT 1')).rejects.toThrow(/closed/);
  });

  it('cancel() cancels running statements on the warehouse', async () => {
    emulator.faults.slowStatement(/cancel_me/, 10000);
    const slow = warehouse.query('SELECT 1 AS cancel_me');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await warehouse.cancel();
    const error = await slow.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect((error as Error).message).toMatch(/cancelled/);
    expect(emulator.cancelled.some((statement) => statement.includes('cancel_me'))).toBe(true);
    expect((await warehouse.query('SELECT 2 AS after')).rows).toEqual([{ after: 2 }]);
  });

  it('carries the run id in a comment on every statement', async () => {
    await warehouse.ping();
    // Every statement of this describe block: all of them come from warehouses opened with RUN_ID.
    expect(emulator.statements.length).toBeGreaterThan(40);
    for (const statement of emulator.statements) expect(statement.startsWith(`/* sluice run_id=${RUN_ID} */\n`)).toBe(true);
  });
});

describe('Databricks connection errors', () => {
  let emulator: DatabricksEmulator;
  beforeAll(async () => {
    emulator = await startDatabricksEmulator({ token: 'dapi-correct-token' });
  });
  afterAll(() => emulator?.stop());

  it('a rejected token: check the token, and the token is not in the message', async () => {
    const error = await DatabricksWarehouse.open({ target: emulator.target({ token: 'dapi-wrong-secret-0123' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseConnectionError);
    expect((error as Error).message).toMatch(/rejected the token \(HTTP 401\): check the token/);
    expect((error as Error).message).not.toMatch(/dapi-wrong-secret-0123/);
  });

  it('a 403 reads the same', async () => {
    const strict = await startDatabricksEmulator({ authFailureStatus: 403 });
    const error = await DatabricksWarehouse.open({ target: strict.target({ token: 'nope' }) }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/rejected the token \(HTTP 403\): check the token/);
    await strict.stop();
  });

  it('a wrong http_path names the path', async () => {
    const error = await DatabricksWarehouse.open({ target: emulator.target({ http_path: '/sql/1.0/warehouses/wrong-id' }) }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/no SQL warehouse at http_path '\/sql\/1.0\/warehouses\/wrong-id' \(HTTP 404\): check http_path/);
  });

  it('an unreachable host fails fast and names the host', async () => {
    const closed = await startDatabricksEmulator();
    const port = closed.port;
    await closed.stop();
    const started = Date.now();
    const error = await DatabricksWarehouse.open({ target: emulator.target({ port, connect_retries: 2 }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseConnectionError);
    expect((error as Error).message).toBe(`Could not connect to the Databricks host '127.0.0.1:${port}' (connection refused): check host`);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a missing host, http_path or token names the field and the profile file', async () => {
    for (const field of ['host', 'http_path', 'token']) {
      const error = await DatabricksWarehouse.open({ target: emulator.target({ [field]: undefined }), profileFile: '/project/profiles.yml' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SluiceError);
      expect((error as SluiceError).message).toMatch(new RegExp(`missing '${field}'`));
      expect((error as SluiceError).file).toBe('/project/profiles.yml');
    }
  });
});
