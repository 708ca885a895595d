import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DatabricksWarehouse } from '../../src/warehouse/databricks/databricks-warehouse.js';
import { WarehouseConnectionError } from '../../src/errors.js';
import { WarehouseError } from '../../src/warehouse/warehouse.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';

// Short waits between tries, so that retries take milliseconds here.
const RETRY = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 };

describe('Databricks faults: retried when safe, clear when not', () => {
  let emulator: DatabricksEmulator;
  let warehouse: DatabricksWarehouse;

  const sent = (pattern: RegExp) => emulator.requests.filter((request) => request.statement && pattern.test(request.statement));
  const rowCount = async () => Number((await emulator.run('SELECT count(*) FROM main.faults.events'))[0][0]);

  beforeAll(async () => {
    emulator = await startDatabricksEmulator();
    warehouse = await DatabricksWarehouse.open({ target: emulator.target(), retry: RETRY });
    await warehouse.execute('CREATE SCHEMA IF NOT EXISTS main.faults');
    await warehouse.execute('CREATE OR REPLACE TABLE main.faults.events (id BIGINT) USING DELTA');
  });
  afterAll(async () => {
    await warehouse?.close();
    await emulator?.stop();
  });
  beforeEach(() => emulator.faults.clear());

  it('an HTTP 503 on a read is retried with backoff, and the read succeeds', async () => {
    emulator.faults.httpError({ method: 'ExecuteStatement', statement: /retried_read/, times: 2 });
    expect((await warehouse.query('SELECT 42 AS retried_read')).rows).toEqual([{ retried_read: 42 }]);
    expect(sent(/retried_read/).map((request) => request.fault ?? 'handled')).toEqual(['http 503', 'http 503', 'handled']);
  });

  it('an HTTP 503 on CREATE OR REPLACE is retried too', async () => {
    emulator.faults.httpError({ method: 'ExecuteStatement', statement: /CREATE OR REPLACE TABLE `main`.`faults`.`replaced`/ });
    await warehouse.execute(warehouse.dialect.createTableAs({ schema: 'faults', identifier: 'replaced' }, 'SELECT 1 AS one'));
    expect(await warehouse.getRelationType({ schema: 'faults', identifier: 'replaced' })).toBe('table');
  });

  it('an HTTP 503 or 429 on the ExecuteStatement of an INSERT is retried: the warehouse turned it away, so it runs once', async () => {
    const before = await rowCount();
    emulator.faults.httpError({ method: 'ExecuteStatement', statement: /INSERT INTO main.faults.events/ });
    emulator.faults.httpError({ method: 'ExecuteStatement', statement: /INSERT INTO main.faults.events/, status: 429 });
    await warehouse.execute('INSERT INTO main.faults.events VALUES (1)');
    expect(sent(/INSERT INTO main.faults.events/).map((request) => request.fault ?? 'handled')).toEqual(['http 503', 'http 429', 'handled']);
    expect(await rowCount()).toBe(before + 1);
  });

  it('an INSERT whose status can no longer be read is cancelled on the warehouse, reported failed, and writes nothing', async () => {
    const before = await rowCount();
    emulator.faults.slowStatement(/INSERT INTO main.faults.events VALUES \(2\)/, 4000);
    const started = Date.now();
    // More 503s on the status polls than the driver's own short retry takes.
    emulator.faults.httpError({ method: 'GetOperationStatus', times: 6 });
    const error = await warehouse.execute('INSERT INTO main.faults.events VALUES (2)').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/the statement's status could not be read, so Sluice cancelled it/);
    expect(emulator.cancelled.some((statement) => /VALUES \(2\)/.test(statement))).toBe(true);
    // Past the time the statement would have committed, had it not been cancelled.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 4200 - (Date.now() - started))));
    expect(await rowCount()).toBe(before);
    expect(sent(/VALUES \(2\)/)).toHaveLength(1);
  });

  it('a warehouse that stays unavailable fails after the last try, saying so', async () => {
    const impatient = await DatabricksWarehouse.open({ target: emulator.target({ warehouse_start_timeout: 0 }), retry: RETRY });
    emulator.faults.httpError({ method: 'ExecuteStatement', statement: /never_available/, times: Infinity });
    const error = await impatient.query('SELECT 1 AS never_available').catch((e: unknown) => e);
    await impatient.close();
    expect((error as Error).message).toMatch(/is not available \(starting or stopped\?\): HTTP 503 \(after 3 tries\)$/);
    expect(sent(/never_available/)).toHaveLength(3);
  });

  it('a dropped connection on a read is retried', async () => {
    emulator.faults.dropConnection({ method: 'ExecuteStatement', statement: /dropped_read/ });
    expect((await warehouse.query('SELECT 7 AS dropped_read')).rows).toEqual([{ dropped_read: 7 }]);
    expect(sent(/dropped_read/).map((request) => request.fault ?? 'handled')).toEqual(['dropped', 'handled']);
  });

  it('a dropped connection on a MERGE is not retried, and says the connection was lost', async () => {
    emulator.faults.dropConnection({ method: 'ExecuteStatement', statement: /^.*\nMERGE/ });
    const merge = "MERGE INTO main.faults.events AS t USING (SELECT 5 AS id) AS s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)";
    const error = await warehouse.execute(merge).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^The connection to the Databricks host '127\.0\.0\.1:\d+' was lost .*\(not retried: the statement is not safe to run twice\)$/);
    expect(sent(/\nMERGE/)).toHaveLength(1);
  });

  it("a 503 on a status poll is the driver's own short retry", async () => {
    emulator.faults.slowStatement(/polled/, 150);
    emulator.faults.httpError({ method: 'GetOperationStatus' });
    expect((await warehouse.query('SELECT 3 AS polled')).rows).toEqual([{ polled: 3 }]);
    const polls = emulator.requests.filter((request) => request.method === 'GetOperationStatus');
    expect(polls.some((request) => request.fault === 'http 503')).toBe(true);
  });

  it('an INSERT that waits for a new session goes ahead when opening the session needed another try', async () => {
    const wide = await DatabricksWarehouse.open({ target: emulator.target({ threads: 2 }), retry: RETRY });
    emulator.faults.slowStatement(/holds_the_first_session/, 300);
    const holding = wide.query('SELECT 1 AS holds_the_first_session');
    emulator.faults.httpError({ method: 'OpenSession' });
    const before = await rowCount();
    await wide.execute('INSERT INTO main.faults.events VALUES (3)');
    expect(await rowCount()).toBe(before + 1);
    await holding;
    await wide.close();
  });

  it('a session the warehouse forgot is replaced, and the statement runs once', async () => {
    const before = await rowCount();
    const sessions = () => emulator.requests.filter((request) => request.method === 'OpenSession').length;
    const opened = sessions();
    await emulator.expireSessions();
    await warehouse.execute('INSERT INTO main.faults.events VALUES (2)');
    expect(await rowCount()).toBe(before + 1);
    expect(sessions()).toBe(opened + 1);
  });

  it('a failing statement surfaces the warehouse message and is not retried', async () => {
    emulator.faults.failStatement(/doomed/, { errorClass: 'INSUFFICIENT_PERMISSIONS', message: 'User does not have SELECT on Table main.x.y.', sqlState: '42501' });
    const error = await warehouse.query('SELECT 1 AS doomed').catch((e: unknown) => e);
    expect((error as Error).message).toBe('[INSUFFICIENT_PERMISSIONS] User does not have SELECT on Table main.x.y. SQLSTATE: 42501');
    expect(emulator.statements.filter((statement) => statement.includes('doomed'))).toHaveLength(1);
  });
});

describe('Databricks statement timeout and connect retries', () => {
  let emulator: DatabricksEmulator;
  beforeAll(async () => {
    emulator = await startDatabricksEmulator();
  });
  afterAll(() => emulator?.stop());

  it('a statement that runs past statement_timeout is cancelled on the warehouse', async () => {
    const warehouse = await DatabricksWarehouse.open({ target: emulator.target({ statement_timeout: 1 }), retry: RETRY });
    // The warehouse gets its own, later, timeout as a backstop.
    expect(emulator.statements.some((statement) => /SET STATEMENT_TIMEOUT = 31$/.test(statement))).toBe(true);
    emulator.faults.slowStatement(/too_slow/, 20000);
    const started = Date.now();
    const error = await warehouse.query('SELECT 1 AS too_slow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect((error as Error).message).toBe('The statement ran longer than the statement timeout of 1 s and was cancelled');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(emulator.cancelled.some((statement) => statement.includes('too_slow'))).toBe(true);
    expect((await warehouse.query('SELECT 1 AS quick')).rows).toEqual([{ quick: 1 }]);
    await warehouse.close();
  });

  it("the warehouse's own STATEMENT_TIMEOUT stops a statement when no client timer does", async () => {
    const warehouse = await DatabricksWarehouse.open({ target: emulator.target(), retry: RETRY });
    await warehouse.execute('SET STATEMENT_TIMEOUT = 1');
    emulator.faults.slowStatement(/left_running/, 20000);
    const error = await warehouse.query('SELECT 1 AS left_running').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^\[QUERY_EXECUTION_TIMEOUT_EXCEEDED\] .* SQLSTATE: 57KD0$/);
    await warehouse.close();
  });

  it('a warehouse that is starting is tried again on connect (connect_retries)', async () => {
    emulator.faults.httpError({ method: 'OpenSession', status: 502 });
    const warehouse = await DatabricksWarehouse.open({ target: emulator.target({ connect_retries: 1, warehouse_start_timeout: 0 }), retry: RETRY });
    await warehouse.ping();
    await warehouse.close();

    emulator.faults.httpError({ method: 'OpenSession', times: 2 });
    const error = await DatabricksWarehouse.open({ target: emulator.target({ connect_retries: 1, warehouse_start_timeout: 0 }), retry: RETRY }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseConnectionError);
    expect((error as Error).message).toMatch(/is not available \(starting or stopped\?\): HTTP 503 \(after 2 tries in \d+ s\)$/);
    expect((error as WarehouseConnectionError).hint).toMatch(/warehouse_start_timeout \(0 s\)/);
  });

  it('a warehouse that is starting is waited for within warehouse_start_timeout, at the pace its Retry-After asks', async () => {
    emulator.faults.httpError({ method: 'OpenSession', times: 3, retryAfterSeconds: 1 });
    const seen = emulator.requests.length;
    const started = Date.now();
    const warehouse = await DatabricksWarehouse.open({ target: emulator.target({ connect_retries: 0, warehouse_start_timeout: 30 }), retry: RETRY });
    const waited = Date.now() - started;
    await warehouse.ping();
    await warehouse.close();
    // Three answers asked for a second each; the retry policy alone would have waited 0.2 s at most.
    expect(waited).toBeGreaterThanOrEqual(3000);
    expect(emulator.requests.slice(seen).filter((request) => request.method === 'OpenSession').map((request) => request.fault ?? 'handled')).toEqual(['http 503', 'http 503', 'http 503', 'handled']);
  });
});
