/** Seeds on Databricks go in batched INSERTs with bound parameters: awkward values arrive intact, never spliced into SQL. */
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
  it('binds every value as a parameter, in batches under the 256-parameter limit', async () => {
    const relation = { database: 'main', schema: 'raw', identifier: 'people' };
    const columns = [
      { name: 'id', type: 'bigint' },
      { name: 'name', type: 'string' },
      { name: 'born', type: 'date' },
      { name: 'active', type: 'boolean' },
      { name: 'score', type: 'double' },
    ];
    await warehouse.execute(warehouse.dialect.createTable(relation, columns));
    const awkward = "O'Brien \\ \"quoted\" ; drop table x; --";
    const rows = Array.from({ length: 120 }, (_, index) => [index + 1, index === 0 ? awkward : `p${index + 1}`, '2024-02-29', index % 2 === 0, index === 1 ? null : index / 4]);
    const before = emulator.statements.length;
    expect(await warehouse.insertRows!(relation, columns, rows)).toBe(120);
    const inserts = emulator.statements.slice(before).filter((statement) => /INSERT INTO/.test(statement));
    // 5 columns: at most 51 rows (255 parameters) per statement.
    expect(inserts).toHaveLength(3);
    expect(inserts.every((statement) => !statement.includes("O'Brien") && (statement.match(/\?/g) ?? []).length <= 256)).toBe(true);
    const result = await warehouse.query('SELECT id, name, born, active, score FROM `main`.`raw`.`people` WHERE id <= 2 ORDER BY id');
    expect(result.rows).toEqual([
      { id: 1, name: awkward, born: '2024-02-29', active: true, score: 0 },
      { id: 2, name: 'p2', born: '2024-02-29', active: false, score: null },
    ]);
    expect((await warehouse.query('SELECT count(*) AS n FROM `main`.`raw`.`people`')).rows).toEqual([{ n: 120 }]);
  });
});
