/** Seeds on Databricks go in INSERTs of escaped, typed literals of about 1 MiB each: awkward values arrive intact, any width fits, few commits. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';

let emulator: DatabricksEmulator;
let warehouse: Warehouse;
beforeAll(async () => {
  emulator = await startDatabricksEmulator();
  warehouse = await connectWarehouse(emulator.target({ schema: 'raw' }));
  await warehouse.execute('CREATE SCHEMA IF NOT EXISTS `main`.`raw`');
});
afterAll(async () => {
  await warehouse.close();
  await emulator.stop();
});

describe('insertRows', () => {
  it('writes awkward values as escaped literals that arrive intact, typed as their columns', async () => {
    const relation = { database: 'main', schema: 'raw', identifier: 'people' };
    const columns = [
      { name: 'id', type: 'bigint' },
      { name: 'name', type: 'string' },
      { name: 'born', type: 'date' },
      { name: 'active', type: 'boolean' },
      { name: 'score', type: 'double' },
    ];
    await warehouse.execute(warehouse.dialect.createTable(relation, columns));
    const awkward = "O'Brien \\ \"quoted\" ; drop table x; -- it''s";
    const rows = Array.from({ length: 120 }, (_, index) => [index + 1, index === 0 ? awkward : `p${index + 1}`, '2024-02-29', index % 2 === 0, index === 1 ? null : index / 4]);
    const before = emulator.statements.length;
    expect(await warehouse.insertRows!(relation, columns, rows)).toBe(120);
    expect(emulator.statements.slice(before).filter((statement) => /INSERT INTO/.test(statement))).toHaveLength(1);
    const result = await warehouse.query('SELECT id, name, born, active, score FROM `main`.`raw`.`people` WHERE id <= 2 ORDER BY id');
    expect(result.rows).toEqual([
      { id: 1, name: awkward, born: '2024-02-29', active: true, score: 0 },
      { id: 2, name: 'p2', born: '2024-02-29', active: false, score: null },
    ]);
    expect((await warehouse.query('SELECT count(*) AS n FROM `main`.`raw`.`people`')).rows).toEqual([{ n: 120 }]);
  });

  it('fits a seed wider than 256 columns, and puts thousands of rows in one statement of at most about 1 MiB', async () => {
    const wide = { database: 'main', schema: 'raw', identifier: 'wide' };
    const wideColumns = Array.from({ length: 300 }, (_, index) => ({ name: `c${index}`, type: 'bigint' }));
    await warehouse.execute(warehouse.dialect.createTable(wide, wideColumns));
    await warehouse.insertRows!(wide, wideColumns, [wideColumns.map((_, index) => index), wideColumns.map((_, index) => -index)]);
    expect((await warehouse.query('SELECT sum(c299) AS total, count(*) AS n FROM `main`.`raw`.`wide`')).rows).toEqual([{ total: 0, n: 2 }]);

    // 3,000 rows in one commit (bound parameters took 36 statements for three columns).
    const long = { database: 'main', schema: 'raw', identifier: 'long' };
    const longColumns = [{ name: 'id', type: 'bigint' }, { name: 'label', type: 'string' }];
    await warehouse.execute(warehouse.dialect.createTable(long, longColumns));
    let before = emulator.statements.length;
    await warehouse.insertRows!(long, longColumns, Array.from({ length: 3_000 }, (_, index) => [index, `row number ${index}`]));
    expect(emulator.statements.slice(before).filter((statement) => /INSERT INTO/.test(statement))).toHaveLength(1);
    expect((await warehouse.query('SELECT count(DISTINCT id) AS n FROM `main`.`raw`.`long`')).rows).toEqual([{ n: 3000 }]);

    // A statement stays under about 1 MiB: rows of 600 kB go one by one.
    before = emulator.statements.length;
    await warehouse.insertRows!(long, longColumns, [1, 2, 3].map((id) => [-id, 'x'.repeat(600_000)]));
    const big = emulator.statements.slice(before).filter((statement) => /INSERT INTO/.test(statement));
    expect(big.map((statement) => Math.round(Buffer.byteLength(statement) / 100_000))).toEqual([6, 6, 6]);
    expect((await warehouse.query('SELECT count(*) AS n, min(length(label)) AS shortest FROM `main`.`raw`.`long` WHERE id < 0')).rows).toEqual([{ n: 3, shortest: 600000 }]);
  });
});
