import { describe, expect, it } from '@jest/globals';
import { DBSQLClient } from '@databricks/sql';
import { startDatabricksEmulator } from '../support/databricks-emulator/index.js';

describe('scratch', () => {
  it('talks', async () => {
    const emulator = await startDatabricksEmulator({ pageSize: 3 });
    const client = new DBSQLClient({ logger: { log() {} } as never });
    await client.connect({ host: emulator.host, port: emulator.port, path: emulator.path, token: emulator.token, customCaCert: emulator.caCert, telemetryEnabled: false, preserveBigNumericPrecision: true } as never);
    const session = await client.openSession({ initialCatalog: 'main', initialSchema: 'default' });
    const run = async (sql: string) => {
      const op = await session.executeStatement(sql);
      await op.finished();
      const rows = await op.fetchAll();
      const schema = await op.getSchema();
      await op.close();
      return { rows, schema: schema?.columns.map((c) => c.columnName) };
    };
    console.log(await run(`SELECT 1 AS one, (2::BIGINT << 59) AS big, 123456789012345678901234.5678901234::DECIMAL(38,10) AS d, DATE '2024-02-29' AS dd, TIMESTAMP '2024-02-29 13:14:15.123456' AS ts, 'x' AS s, NULL AS n, true AS b, 2.5 AS dbl`));
    console.log(await run(`CREATE SCHEMA IF NOT EXISTS main.s`));
    console.log(await run(`CREATE OR REPLACE TABLE \`main\`.\`s\`.\`t\` USING DELTA TBLPROPERTIES ('a'='b') AS SELECT * FROM range(7) r(i)`));
    console.log(await run(`SELECT * FROM main.s.t`));
    console.log(await run(`DESCRIBE HISTORY main.s.t`));
    console.log(await run(`SHOW TABLES IN main.s`));
    console.log(await run(`SELECT * FROM main.information_schema.tables`));
    try { await run(`SELECT * FROM nope`); } catch (e) { console.log('ERR', (e as Error).constructor.name, (e as Error).message, (e as any).response?.sqlState); }
    await session.close();
    await client.close();
    await emulator.stop();
    expect(1).toBe(1);
  });
});
