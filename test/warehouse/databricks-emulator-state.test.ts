import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';

// What the emulator remembers between statements, as Databricks does: grants, comments, properties,
// table kinds and clone rules, Delta retention and VACUUM, commit conflicts, the Hive metastore — all
// through the real @databricks/sql driver.

type Row = Record<string, unknown>;

interface DriverSession {
  sql(statement: string): Promise<Row[]>;
  /** The error message of a statement that must fail. */
  error(statement: string): Promise<string>;
  close(): Promise<void>;
}

async function connect(connection: { host: string; port: number; path: string; token: string; caCert: string }): Promise<DriverSession> {
  const { DBSQLClient } = await import('@databricks/sql');
  const client = new DBSQLClient({ logger: { log: () => undefined } as never });
  await client.connect({
    host: connection.host,
    port: connection.port,
    path: connection.path,
    token: connection.token,
    customCaCert: Buffer.from(connection.caCert),
    telemetryEnabled: false,
    preserveBigNumericPrecision: true,
  } as never);
  const session = await client.openSession();
  const sql = async (statement: string) => {
    const operation = await session.executeStatement(statement);
    try {
      // As for DDL: wait for the outcome first (fetchAll does not wait for a statement without rows).
      await operation.finished();
      return (await operation.fetchAll()) as Row[];
    } finally {
      // A failed operation may be closed already (the failure came with the direct results).
      await operation.close().catch(() => undefined);
    }
  };
  return {
    sql,
    error: (statement) =>
      sql(statement).then(
        () => 'no error',
        (error: { message?: string }) => String(error?.message ?? error),
      ),
    async close() {
      await session.close();
      await client.close();
    },
  };
}

const DAY_MS = 24 * 3600_000;

describe('Databricks emulator: Unity Catalog and Delta state, through the driver', () => {
  let emulator: DatabricksEmulator;
  let db: DriverSession;
  const sql = (statement: string) => db.sql(statement);
  const error = (statement: string) => db.error(statement);
  const grants = async (statement: string) => (await sql(statement)).map((row) => [row.Principal, row.ActionType, row.ObjectType, row.ObjectKey]);

  beforeAll(async () => {
    emulator = await startDatabricksEmulator({ catalogs: ['main', 'hive_metastore'] });
    db = await connect(emulator);
    await sql('CREATE SCHEMA main.s');
  });
  afterAll(async () => {
    await db?.close();
    await emulator?.stop();
  });

  it('grants and revokes privileges on tables, views and schemas, and shows them as Databricks does', async () => {
    await sql('CREATE TABLE main.s.orders (id BIGINT) USING DELTA');
    await sql('GRANT SELECT, MODIFY ON TABLE main.s.orders TO `analysts`');
    await sql('GRANT SELECT ON main.s.orders TO `alf@melmak.et`');
    await sql('GRANT USE SCHEMA ON SCHEMA main.s TO `analysts`');
    expect(await grants('SHOW GRANTS ON TABLE main.s.orders')).toEqual([
      ['alf@melmak.et', 'SELECT', 'TABLE', 'main.s.orders'],
      ['analysts', 'MODIFY', 'TABLE', 'main.s.orders'],
      ['analysts', 'SELECT', 'TABLE', 'main.s.orders'],
      // Inherited from the schema.
      ['analysts', 'USE SCHEMA', 'SCHEMA', 'main.s'],
    ]);
    await sql('REVOKE MODIFY ON TABLE main.s.orders FROM `analysts`');
    expect(await grants('SHOW GRANTS `analysts` ON TABLE main.s.orders')).toEqual([
      ['analysts', 'SELECT', 'TABLE', 'main.s.orders'],
      ['analysts', 'USE SCHEMA', 'SCHEMA', 'main.s'],
    ]);
    expect(Object.keys((await sql('SHOW GRANTS ON SCHEMA main.s'))[0])).toEqual(['Principal', 'ActionType', 'ObjectType', 'ObjectKey']);
    expect(await error('GRANT SELEKT ON TABLE main.s.orders TO `analysts`')).toMatch(/^\[INVALID_PARAMETER_VALUE\.PRIVILEGE\] Privilege SELEKT is not applicable .* SQLSTATE: 22023$/);
    expect(await error('GRANT USE CATALOG ON TABLE main.s.orders TO `analysts`')).toMatch(/Privilege USE CATALOG is not applicable/);
    expect(await error('GRANT SELECT ON TABLE main.s.missing TO `analysts`')).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\]/);
  });

  it('keeps grants on ALTER VIEW … AS and CREATE OR REPLACE TABLE, loses them on CREATE OR REPLACE VIEW and DROP + CREATE', async () => {
    const selectors = async (object: string) => (await grants(`SHOW GRANTS ON TABLE ${object}`)).filter((row) => row[2] === 'TABLE').map((row) => row[0]);
    await sql('CREATE TABLE main.s.kept (id BIGINT)');
    await sql('CREATE VIEW main.s.v AS SELECT id FROM main.s.kept');
    await sql('GRANT SELECT ON VIEW main.s.v TO `readers`');
    await sql('GRANT SELECT ON TABLE main.s.kept TO `readers`');
    expect(await error('GRANT MODIFY ON VIEW main.s.v TO `readers`')).toMatch(/Privilege MODIFY is not applicable/);

    await sql('ALTER VIEW main.s.v AS SELECT id, 1 AS one FROM main.s.kept');
    expect(await selectors('main.s.v')).toEqual(['readers']);
    expect(await sql('SELECT * FROM main.s.v')).toEqual([]);
    await sql('CREATE OR REPLACE VIEW main.s.v AS SELECT id FROM main.s.kept');
    expect(await selectors('main.s.v')).toEqual([]);

    await sql('CREATE OR REPLACE TABLE main.s.kept USING DELTA AS SELECT 1 AS id');
    expect(await selectors('main.s.kept')).toEqual(['readers']);
    await sql('DROP TABLE main.s.kept');
    await sql('CREATE TABLE main.s.kept (id BIGINT)');
    expect(await selectors('main.s.kept')).toEqual([]);
    expect(await error('ALTER VIEW main.s.kept AS SELECT 1 AS id')).toMatch(/^\[EXPECT_VIEW_NOT_TABLE/);
  });

  it('remembers comments, properties, format, partitioning, clustering and location, and shows them where Databricks does', async () => {
    await sql(`CREATE TABLE main.s.sales (id BIGINT COMMENT 'the key', region STRING, amount DECIMAL(10, 2))
      USING DELTA PARTITIONED BY (region) COMMENT 'One row per sale'
      TBLPROPERTIES ('delta.appendOnly' = 'false', owner.team = 'finance')`);
    await sql("ALTER TABLE main.s.sales ALTER COLUMN amount COMMENT 'in euros'");
    const extended = (await sql('DESCRIBE TABLE EXTENDED main.s.sales')).map((row) => [row.col_name, row.data_type, row.comment]);
    expect(extended.slice(0, 7)).toEqual([
      ['id', 'bigint', 'the key'],
      ['region', 'string', null],
      ['amount', 'decimal(10,2)', 'in euros'],
      ['# Partition Information', '', ''],
      ['# col_name', 'data_type', 'comment'],
      ['region', 'string', null],
      ['', '', ''],
    ]);
    expect(extended).toContainEqual(['Comment', 'One row per sale', '']);
    expect(extended).toContainEqual(['Type', 'MANAGED', '']);
    expect(extended).toContainEqual(['Table Properties', '[delta.minReaderVersion=1,delta.minWriterVersion=2,delta.appendOnly=false,owner.team=finance]', '']);

    await sql("COMMENT ON TABLE main.s.sales IS 'Sales, one row each'");
    await sql("ALTER TABLE main.s.sales SET TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 60 days')");
    await sql("ALTER TABLE main.s.sales UNSET TBLPROPERTIES ('owner.team')");
    expect(await error("ALTER TABLE main.s.sales UNSET TBLPROPERTIES ('nope')")).toMatch(/^\[UNSET_NONEXISTENT_PROPERTIES\]/);
    expect(await error("ALTER TABLE main.s.sales SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'a week')")).toMatch(/^\[DELTA_INVALID_INTERVAL\]/);
    expect(await sql('SHOW TBLPROPERTIES main.s.sales')).toEqual([
      { key: 'delta.minReaderVersion', value: '1' },
      { key: 'delta.minWriterVersion', value: '2' },
      { key: 'delta.appendOnly', value: 'false' },
      { key: 'delta.logRetentionDuration', value: 'interval 60 days' },
    ]);
    expect(await sql("SHOW TBLPROPERTIES main.s.sales ('delta.appendOnly')")).toEqual([{ key: 'delta.appendOnly', value: 'false' }]);

    const [detail] = await sql('DESCRIBE DETAIL main.s.sales');
    expect(detail).toMatchObject({ format: 'delta', name: 'main.s.sales', description: 'Sales, one row each', partitionColumns: '["region"]', clusteringColumns: '[]' });
    expect(JSON.parse(String(detail.properties))).toEqual({ 'delta.appendOnly': 'false', 'delta.logRetentionDuration': 'interval 60 days' });
    expect(String(detail.location)).toMatch(/^s3:\/\/.*__unitystorage/);

    await sql("CREATE TABLE main.s.events (id BIGINT, at TIMESTAMP) USING PARQUET CLUSTER BY (at) LOCATION 's3://bucket/events'");
    expect(await sql('DESCRIBE DETAIL main.s.events')).toEqual([expect.objectContaining({ format: 'parquet', location: 's3://bucket/events', clusteringColumns: '["at"]', partitionColumns: '[]' })]);
    expect(await error('CREATE TABLE main.s.both (a INT, b INT) PARTITIONED BY (a) CLUSTER BY (b)')).toMatch(/^\[SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED\]/);

    // A CTAS and a view may name their columns with comments.
    await sql("CREATE TABLE main.s.named (n COMMENT 'a number', label) AS SELECT 1, 'one'");
    await sql("CREATE VIEW main.s.named_view (n COMMENT 'still a number') COMMENT 'A view' AS SELECT n FROM main.s.named");
    expect(await sql('SELECT n, label FROM main.s.named')).toEqual([{ n: 1, label: 'one' }]);
    expect((await sql('DESCRIBE TABLE main.s.named_view')).map((row) => row.comment)).toEqual(['still a number']);
    expect(await sql(
      `SELECT table_name, table_type, data_source_format, comment FROM main.information_schema.tables
       WHERE table_schema = 's' AND table_name IN ('sales', 'events', 'named_view') ORDER BY table_name`,
    )).toEqual([
      { table_name: 'events', table_type: 'EXTERNAL', data_source_format: 'PARQUET', comment: null },
      { table_name: 'named_view', table_type: 'VIEW', data_source_format: null, comment: 'A view' },
      { table_name: 'sales', table_type: 'MANAGED', data_source_format: 'DELTA', comment: 'Sales, one row each' },
    ]);
    expect(await sql("SELECT column_name, comment FROM main.information_schema.columns WHERE table_name = 'sales' ORDER BY ordinal_position")).toEqual([
      { column_name: 'id', comment: 'the key' },
      { column_name: 'region', comment: null },
      { column_name: 'amount', comment: 'in euros' },
    ]);
  });

  it("applies Unity Catalog's shallow-clone rules: managed to managed, external to external, tables only", async () => {
    await sql('CREATE TABLE main.s.managed AS SELECT 1 AS id');
    await sql("CREATE TABLE main.s.ext LOCATION 's3://bucket/ext' AS SELECT 2 AS id");
    await sql('CREATE MATERIALIZED VIEW main.s.mv AS SELECT id FROM main.s.managed');
    await sql('CREATE STREAMING TABLE main.s.st (id BIGINT)');
    await sql('CREATE VIEW main.s.plain_view AS SELECT 1 AS id');
    const notManaged = /^\[CANNOT_SHALLOW_CLONE_NON_UC_MANAGED_TABLE_AS_SOURCE_OR_TARGET\] .* SQLSTATE: 0AKUC$/;

    await sql('CREATE TABLE main.s.managed_clone SHALLOW CLONE main.s.managed');
    expect(await sql('SELECT id FROM main.s.managed_clone')).toEqual([{ id: 1 }]);
    expect(await error('CREATE TABLE main.s.ext_clone SHALLOW CLONE main.s.ext')).toMatch(notManaged);
    await sql("CREATE TABLE main.s.ext_clone SHALLOW CLONE main.s.ext LOCATION 's3://bucket/ext_clone'");
    expect((await sql("SELECT table_type FROM main.information_schema.tables WHERE table_name = 'ext_clone'"))[0].table_type).toBe('EXTERNAL');
    expect(await error("CREATE TABLE main.s.managed_ext SHALLOW CLONE main.s.managed LOCATION 's3://bucket/m'")).toMatch(notManaged);
    expect(await error('CREATE TABLE main.s.mv_clone SHALLOW CLONE main.s.mv')).toMatch(notManaged);
    expect(await error('CREATE TABLE main.s.st_clone SHALLOW CLONE main.s.st')).toMatch(notManaged);
    expect(await error('CREATE TABLE main.s.view_clone SHALLOW CLONE main.s.plain_view')).toMatch(/^\[EXPECT_TABLE_NOT_VIEW\.NO_ALTERNATIVE\] 'CLONE' expects a table/);
    // A deep clone copies the files: an external table becomes a managed copy.
    await sql('CREATE TABLE main.s.ext_copy DEEP CLONE main.s.ext');
    expect((await sql("SELECT table_type FROM main.information_schema.tables WHERE table_name = 'ext_copy'"))[0].table_type).toBe('MANAGED');
    // Materialized views and streaming tables are what they are, for DROP too.
    expect((await sql("SELECT table_type FROM main.information_schema.tables WHERE table_name = 'mv'"))[0].table_type).toBe('MATERIALIZED_VIEW');
    expect(await error('DROP TABLE main.s.mv')).toMatch(/^\[WRONG_COMMAND_FOR_OBJECT_TYPE\] .*Use DROP MATERIALIZED VIEW instead/);
    await sql('DROP MATERIALIZED VIEW main.s.mv');
    await sql('DROP TABLE main.s.st');
  });

  it('VACUUM deletes the files of old versions: they are still listed by DESCRIBE HISTORY, but no longer read or restored', async () => {
    await sql('CREATE TABLE main.s.vac (n INT) USING DELTA'); // v0
    await sql('INSERT INTO main.s.vac VALUES (1)'); // v1: an append keeps v0's files
    await sql('INSERT OVERWRITE main.s.vac VALUES (2)'); // v2: v1's files are removed
    await sql('UPDATE main.s.vac SET n = 3'); // v3: v2's files are removed
    expect(await error('VACUUM main.s.vac RETAIN 0 HOURS')).toMatch(
      /^\[DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT\] .*delta\.retentionDurationCheck\.enabled = false.*at least 168 hours\. SQLSTATE: 22003$/,
    );
    await sql('VACUUM main.s.vac'); // default 7 days: nothing removed that long ago
    expect(await sql('SELECT n FROM main.s.vac VERSION AS OF 1')).toEqual([{ n: 1 }]);

    await sql('SET spark.databricks.delta.retentionDurationCheck.enabled = false');
    expect(await sql('VACUUM main.s.vac RETAIN 0 HOURS')).toEqual([{ path: expect.stringMatching(/^s3:\/\//) }]);
    const missingFiles = /^\[DELTA_FILE_NOT_FOUND_DETAILED\] File .* referenced in the transaction log cannot be found\..* SQLSTATE: 42K03$/;
    expect(await error('SELECT n FROM main.s.vac VERSION AS OF 1')).toMatch(missingFiles);
    expect(await error('SELECT n FROM main.s.vac@v2')).toMatch(missingFiles);
    expect(await error('RESTORE TABLE main.s.vac TO VERSION AS OF 2')).toMatch(missingFiles);
    expect(await error('CREATE TABLE main.s.vac_clone SHALLOW CLONE main.s.vac VERSION AS OF 1')).toMatch(missingFiles);
    // v0 had no files that a later commit removed; v3 is current.
    expect(await sql('SELECT count(*) AS rows FROM main.s.vac VERSION AS OF 0')).toEqual([{ rows: 0n }]);
    expect(await sql('SELECT n FROM main.s.vac VERSION AS OF 3')).toEqual([{ n: 3 }]);

    const history = await sql('DESCRIBE HISTORY main.s.vac');
    expect(history.map((row) => [Number(row.version), row.operation])).toEqual([
      [7, 'VACUUM END'], [6, 'VACUUM START'], [5, 'VACUUM END'], [4, 'VACUUM START'],
      [3, 'UPDATE'], [2, 'WRITE'], [1, 'WRITE'], [0, 'CREATE TABLE'],
    ]);
    expect(JSON.parse(String(history[1].operationParameters))).toMatchObject({ retentionCheckEnabled: 'false', specifiedRetentionMillis: '0' });
    await sql('SET spark.databricks.delta.retentionDurationCheck.enabled = true');
  });

  it('blocks time travel beyond delta.deletedFileRetentionDuration, and forgets versions past delta.logRetentionDuration', async () => {
    await sql('CREATE TABLE main.s.aged (n INT) USING DELTA'); // v0
    await sql('INSERT INTO main.s.aged VALUES (1)'); // v1
    await sql("CREATE TABLE main.s.kept_long (n INT) TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval 30 days')");
    await sql('INSERT INTO main.s.kept_long VALUES (1)');
    emulator.advanceClock(8 * DAY_MS);
    await sql('INSERT INTO main.s.aged VALUES (2)'); // v2, today
    expect(await error('SELECT * FROM main.s.aged VERSION AS OF 1')).toMatch(
      /^\[DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION\] Cannot time travel beyond delta\.deletedFileRetentionDuration \(168 HOURS\) set on the table\. SQLSTATE: 0AKDC$/,
    );
    expect(await error('RESTORE TABLE main.s.aged TO VERSION AS OF 0')).toMatch(/DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION/);
    expect(await sql('SELECT count(*) AS rows FROM main.s.aged VERSION AS OF 2')).toEqual([{ rows: 2n }]);
    await sql('INSERT INTO main.s.kept_long VALUES (2)');
    expect(await sql('SELECT count(*) AS rows FROM main.s.kept_long VERSION AS OF 1')).toEqual([{ rows: 1n }]);

    // The log keeps 30 days: a commit after that cleans the older entries out.
    emulator.advanceClock(31 * DAY_MS);
    await sql('INSERT INTO main.s.aged VALUES (3)'); // v3
    expect((await sql('DESCRIBE HISTORY main.s.aged')).map((row) => Number(row.version))).toEqual([3]);
    expect(await error('SELECT * FROM main.s.aged VERSION AS OF 0')).toMatch(/^\[DELTA_VERSION_NOT_FOUND\] Cannot time travel Delta table `main`.`s`.`aged` to version 0\. Available versions: \[3, 3\]/);
  });

  it('tells a client which versions it can still restore, by the rule in the emulator header', async () => {
    await sql("CREATE TABLE main.s.rule (n INT) TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval 3 days')"); // v0
    await sql('INSERT INTO main.s.rule VALUES (1)'); // v1
    emulator.advanceClock(1 * DAY_MS);
    await sql('UPDATE main.s.rule SET n = 2'); // v2, removes v1's files
    await sql('UPDATE main.s.rule SET n = 3'); // v3, removes v2's files
    emulator.advanceClock(1 * DAY_MS);
    await sql('SET spark.databricks.delta.retentionDurationCheck.enabled = false');
    await sql('VACUUM main.s.rule RETAIN 12 HOURS');
    await sql('SET spark.databricks.delta.retentionDurationCheck.enabled = true');
    emulator.advanceClock(1.5 * DAY_MS);
    await sql('INSERT INTO main.s.rule VALUES (4)'); // v6, now

    const history = await sql('DESCRIBE HISTORY main.s.rule');
    const property = (await sql("SHOW TBLPROPERTIES main.s.rule ('delta.deletedFileRetentionDuration')"))[0].value as string;
    const retentionMs = Number(/(\d+) days/.exec(property)![1]) * DAY_MS;
    const at = (row: Row) => (row.timestamp as Date).getTime();
    const now = at(history[0]);
    const entry = (version: number) => history.find((row) => Number(row.version) === version);
    const restorable = (version: number) => {
      const wanted = entry(version);
      if (!wanted) return false;
      if (version === Number(history[0].version)) return true;
      if (at(wanted) < now - retentionMs) return false;
      return !history.some((row) => {
        if (row.operation !== 'VACUUM START' || Number(row.version) <= version) return false;
        const parameters = JSON.parse(String(row.operationParameters)) as Record<string, string>;
        return at(row) - Number(parameters.specifiedRetentionMillis) > at(entry(version + 1)!);
      });
    };
    const readable = async (version: number) => (await error(`SELECT * FROM main.s.rule VERSION AS OF ${version}`)) === 'no error';
    for (const version of [0, 1, 2, 3, 4, 5, 6]) {
      expect([version, restorable(version)]).toEqual([version, await readable(version)]);
    }
    expect([0, 1, 2, 3, 4, 5, 6].filter(restorable)).toEqual([3, 4, 5, 6]);
  });

  it('fails a chosen write with a Delta commit conflict, as often as armed, and keeps nothing it wrote', async () => {
    await sql('CREATE TABLE main.s.contended (n INT) USING DELTA');
    emulator.faults.concurrentWrite(/INSERT INTO main\.s\.contended/, { times: 2 });
    const message = await error('INSERT INTO main.s.contended VALUES (1)');
    expect(message).toBe(
      '[DELTA_CONCURRENT_APPEND.WITHOUT_HINT] Transaction conflict detected. A concurrent WRITE added data to table `main`.`s`.`contended` committed at version 0. ' +
        'The concurrent operation modified data that should have been read by this operation. Please retry the operation. ' +
        'Refer to https://docs.databricks.com/delta/concurrency-control.html for more information. SQLSTATE: 2D521',
    );
    expect(await error('INSERT INTO main.s.contended VALUES (1)')).toMatch(/^\[DELTA_CONCURRENT_APPEND/);
    await sql('INSERT INTO main.s.contended VALUES (1)');
    expect(await sql('SELECT n FROM main.s.contended')).toEqual([{ n: 1 }]);
  });

  it('has a hive_metastore catalog without information_schema, outside Unity Catalog', async () => {
    await sql('CREATE SCHEMA hive_metastore.legacy');
    await sql('CREATE TABLE hive_metastore.legacy.t (id BIGINT) USING DELTA');
    expect(await sql('SHOW TABLES IN hive_metastore.legacy')).toEqual([{ database: 'legacy', tableName: 't', isTemporary: false }]);
    expect(await sql('SHOW SCHEMAS IN hive_metastore')).toEqual([{ databaseName: 'default' }, { databaseName: 'legacy' }]);
    expect(await sql('DESCRIBE TABLE hive_metastore.legacy.t')).toEqual([{ col_name: 'id', data_type: 'bigint', comment: null }]);
    expect(await error('SELECT * FROM hive_metastore.information_schema.tables')).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\] The table or view `hive_metastore`.`information_schema`.`tables` cannot be found/);
    expect(await sql("SELECT count(*) AS n FROM system.information_schema.tables WHERE table_catalog = 'hive_metastore'")).toEqual([{ n: 0n }]);
    const notManaged = /^\[CANNOT_SHALLOW_CLONE_NON_UC_MANAGED_TABLE_AS_SOURCE_OR_TARGET\]/;
    expect(await error('CREATE TABLE main.s.from_hive SHALLOW CLONE hive_metastore.legacy.t')).toMatch(notManaged);
    await sql('CREATE TABLE main.s.uc_source AS SELECT 1 AS id');
    expect(await error('CREATE TABLE hive_metastore.legacy.from_uc SHALLOW CLONE main.s.uc_source')).toMatch(notManaged);
    await sql('CREATE TABLE main.s.hive_copy DEEP CLONE hive_metastore.legacy.t');
  });
});

describe('npm run emulator', () => {
  it('prints one JSON line to connect with, serves the driver, and cleans up on SIGTERM', async () => {
    const child = spawn(process.execPath, ['scripts/emulator.mjs'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buffered = '';
        const timer = setTimeout(() => reject(new Error(`no JSON line within 60 s; stderr: ${stderr}`)), 60000);
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const newline = buffered.indexOf('\n');
          if (newline >= 0) {
            clearTimeout(timer);
            resolve(buffered.slice(0, newline));
          }
        });
        child.on('exit', () => reject(new Error(`the emulator exited early: ${stderr}`)));
      });
      const settings = JSON.parse(line) as { host: string; port: number; http_path: string; token: string; ca_cert: string };
      expect(Object.keys(settings).sort()).toEqual(['ca_cert', 'host', 'http_path', 'port', 'token']);
      expect(existsSync(settings.ca_cert)).toBe(true);
      const { readFileSync } = await import('node:fs');
      const session = await connect({ host: settings.host, port: settings.port, path: settings.http_path, token: settings.token, caCert: readFileSync(settings.ca_cert, 'utf8') });
      try {
        expect(await session.sql('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        await session.close();
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(dirname(settings.ca_cert))).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
  }, 90000);
});
