import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';

// The emulator's own SQL, run without the driver: what it promises about Databricks semantics, so
// that tests built on it can trust it.
describe('Databricks emulator: Databricks SQL on DuckDB', () => {
  let emulator: DatabricksEmulator;
  beforeAll(async () => {
    emulator = await startDatabricksEmulator({ catalogs: ['main', 'prod'] });
    await emulator.run('CREATE SCHEMA main.s');
  });
  afterAll(() => emulator?.stop());

  const run = (sql: string) => emulator.run(sql);
  const error = (sql: string) => run(sql).then(
    () => 'no error',
    (e: Error) => e.message,
  );

  it("reads Spark string literals: backslash escapes, adjacent literals, double quotes", async () => {
    expect(await run(`SELECT 'it\\'s', 'a' 'b', "dq", 'back\\\\slash', 'x''y', 'tab\\tend'`)).toEqual([["it's", 'ab', 'dq', 'back\\slash', 'xy', 'tab\tend']]);
  });

  it('quotes with backticks, compares null-safely with <=>, types bigint and decimal exactly', async () => {
    expect(await run('SELECT 1 AS `a``b`, NULL <=> NULL AS same, CAST(1 AS BIGINT) << 62 AS big, 1.50 AS d')).toEqual([[1, true, 4611686018427387904n, '1.50']]);
  });

  it('refuses two statements in one request', async () => {
    expect(await error('SELECT 1; SELECT 2')).toMatch(/^\[PARSE_SYNTAX_ERROR\] .* SQLSTATE: 42601$/);
  });

  it('keeps catalogs apart and stores names lower-case', async () => {
    await run('CREATE SCHEMA prod.Analytics');
    await run("CREATE TABLE prod.analytics.Orders USING DELTA TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true') COMMENT 'x' AS SELECT 1 AS Id");
    expect(await run('SHOW TABLES IN prod.analytics')).toEqual([['analytics', 'orders', false]]);
    expect(await run('SHOW SCHEMAS IN prod')).toEqual([['analytics'], ['default'], ['information_schema']]);
    expect(await run("SHOW SCHEMAS IN prod LIKE 'ana*|def*'")).toEqual([['analytics'], ['default']]);
    expect(await run('SELECT Id FROM prod.analytics.ORDERS')).toEqual([[1]]);
    expect(await error('SELECT * FROM main.analytics.orders')).toMatch(/TABLE_OR_VIEW_NOT_FOUND/);
    expect(await run('SHOW CATALOGS')).toEqual([['main'], ['prod']]);
    expect(await run('SELECT current_catalog(), current_schema()')).toEqual([['main', 'default']]);
  });

  it('describes tables, with details on request, and answers the information_schema', async () => {
    await run('CREATE OR REPLACE TABLE main.s.typed (id BIGINT NOT NULL, amount DECIMAL(18, 2) COMMENT "money", at TIMESTAMP_NTZ, name STRING)');
    expect(await run('DESCRIBE TABLE main.s.typed')).toEqual([
      ['id', 'bigint', null],
      ['amount', 'decimal(18,2)', 'money'],
      ['at', 'timestamp', null],
      ['name', 'string', null],
    ]);
    const extended = await run('DESCRIBE TABLE EXTENDED main.s.typed');
    expect(extended).toContainEqual(['Type', 'MANAGED', '']);
    expect(extended).toContainEqual(['Provider', 'delta', '']);
    expect(await run("SELECT column_name, data_type, full_data_type FROM main.information_schema.columns WHERE table_name = 'typed' ORDER BY ordinal_position")).toEqual([
      ['id', 'BIGINT', 'bigint'],
      ['amount', 'DECIMAL', 'decimal(18,2)'],
      ['at', 'TIMESTAMP', 'timestamp'],
      ['name', 'STRING', 'string'],
    ]);
    expect(await run("SELECT t.table_type FROM system.information_schema.tables t WHERE t.table_name = 'typed'")).toEqual([['MANAGED']]);
  });

  it('merges by name with UPDATE SET * and INSERT *, and counts what it did', async () => {
    await run("CREATE TABLE main.s.target AS SELECT * FROM VALUES (1, 'a', 'x'), (2, 'b', 'y') AS v(id, letter, other)");
    await run("CREATE TABLE main.s.changes AS SELECT * FROM VALUES ('Y2', 2, 'B'), ('Z3', 3, 'C') AS v(other, id, letter)");
    expect(await run('MERGE INTO main.s.target t USING main.s.changes c ON t.id = c.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *')).toEqual([[2n, 1n, 0n, 1n]]);
    expect(await run('SELECT id, letter, other FROM main.s.target ORDER BY id')).toEqual([
      [1, 'a', 'x'],
      [2, 'B', 'Y2'],
      [3, 'C', 'Z3'],
    ]);
    const conditional = `MERGE INTO main.s.target AS t USING (SELECT 1 AS id) AS c ON t.id = c.id
      WHEN MATCHED AND t.letter = 'a' THEN UPDATE SET letter = CASE WHEN t.other = 'x' THEN 'A' ELSE 'a?' END
      WHEN NOT MATCHED THEN INSERT (id, letter, other) VALUES (c.id, '-', '-')`;
    expect(await run(conditional)).toEqual([[1n, 1n, 0n, 0n]]);
    expect(await run('SELECT letter FROM main.s.target WHERE id = 1')).toEqual([['A']]);
  });

  it("takes date and timestamp casts in a MERGE's WHEN condition, as Databricks does (a snapshot's dbt_valid_to_current)", async () => {
    await run("CREATE TABLE main.s.versions AS SELECT * FROM VALUES (1, CAST('9999-12-31' AS TIMESTAMP)), (2, CAST(NULL AS TIMESTAMP)) AS v(id, valid_to)");
    await run('CREATE TABLE main.s.closing AS SELECT * FROM VALUES (1), (2) AS v(id)');
    const close = (current: string) =>
      `MERGE INTO main.s.versions AS t USING main.s.closing AS c ON t.id = c.id WHEN MATCHED AND (t.valid_to = ${current} OR t.valid_to IS NULL) THEN UPDATE SET valid_to = TIMESTAMP '2024-05-01 00:00:00'`;
    expect(await run(close("cast('9999-12-31' as timestamp)"))).toEqual([[2n, 2n, 0n, 0n]]);
    expect(await run(close("to_date('9999-12-31')"))).toEqual([[0n, 0n, 0n, 0n]]);
    expect(await error(close("cast('9999-99-99' as timestamp)"))).toMatch(/^\[CAST_INVALID_INPUT\] The value '9999-99-99' of the type "STRING" cannot be cast to "TIMESTAMP"/);
  });

  it('keeps Delta versions: history, time travel, clone of a version, restore', async () => {
    await run('CREATE TABLE main.s.v AS SELECT 1 AS n');
    await run('INSERT INTO main.s.v VALUES (2)');
    await run('INSERT OVERWRITE main.s.v SELECT 10 AS n');
    const history = await run('DESCRIBE HISTORY main.s.v');
    expect(history.map((row) => [row[0], row[4]])).toEqual([
      [2n, 'WRITE'],
      [1n, 'WRITE'],
      [0n, 'CREATE TABLE AS SELECT'],
    ]);
    expect(await run('SELECT n FROM main.s.v VERSION AS OF 1 ORDER BY n')).toEqual([[1], [2]]);
    expect(await run('SELECT count(*) FROM main.s.v@v0')).toEqual([[1n]]);
    await run('CREATE TABLE main.s.v_clone SHALLOW CLONE main.s.v VERSION AS OF 1');
    expect(await run('SELECT count(*) FROM main.s.v_clone')).toEqual([[2n]]);
    expect((await run('DESCRIBE HISTORY main.s.v_clone'))[0][4]).toBe('CLONE');
    await run('RESTORE TABLE main.s.v TO VERSION AS OF 0');
    expect(await run('SELECT n FROM main.s.v')).toEqual([[1]]);
    expect((await run('DESCRIBE HISTORY main.s.v LIMIT 1'))[0].slice(0, 5)).toEqual([3n, expect.any(BigInt), 'emulator', 'emulator', 'RESTORE']);
    expect(await error('RESTORE TABLE main.s.v TO VERSION AS OF 9')).toMatch(/^\[DELTA_CANNOT_RESTORE_TABLE_VERSION\] Cannot restore table to version 9. Available versions: \[0, 3\]/);
    expect(await error('SELECT * FROM main.s.v VERSION AS OF 9')).toMatch(/Cannot time travel .* to version 9. Available versions: \[0, 3\]/);
    // A renamed table keeps its history; a dropped one loses it.
    await run('ALTER TABLE main.s.v RENAME TO main.s.v_renamed');
    expect(await run('DESCRIBE HISTORY main.s.v_renamed LIMIT 1')).toHaveLength(1);
    await run('DROP TABLE main.s.v_renamed');
    await run('CREATE TABLE main.s.v_renamed AS SELECT 1 AS n');
    expect((await run('DESCRIBE HISTORY main.s.v_renamed')).map((row) => row[0])).toEqual([0n]);
  });

  it('answers with the errors Databricks gives', async () => {
    await run('CREATE TABLE main.s.existing (a INT)');
    await run('CREATE VIEW main.s.a_view AS SELECT 1 AS a');
    await run('CREATE SCHEMA main.other');
    expect(await error('CREATE TABLE main.s.existing (a INT)')).toMatch(/^\[TABLE_OR_VIEW_ALREADY_EXISTS\] .* SQLSTATE: 42P07$/);
    expect(await error('ALTER TABLE main.s.existing RENAME TO main.other.existing')).toMatch(/^\[CANNOT_RENAME_ACROSS_SCHEMA\] .* SQLSTATE: 0AKD0$/);
    expect(await error('DROP TABLE main.s.a_view')).toMatch(/^\[WRONG_COMMAND_FOR_OBJECT_TYPE\]/);
    expect(await error('DROP SCHEMA main.s')).toMatch(/^\[SCHEMA_NOT_EMPTY\] .* SQLSTATE: 2BP01$/);
    expect(await error('SELECT * FROM nowhere.s.t')).toMatch(/^\[NO_SUCH_CATALOG_EXCEPTION\]|^\[TABLE_OR_VIEW_NOT_FOUND\]/);
    expect(await error('CREATE TABLE main.missing.t (a INT)')).toMatch(/^\[SCHEMA_NOT_FOUND\] .* SQLSTATE: 42704$/);
    expect(await error('SELECT no_such_column FROM main.s.existing')).toMatch(/^\[UNRESOLVED_COLUMN/);
    expect(await error('SET STATEMENT_TIMEOUT = 999999')).toMatch(/^\[INVALID_CONF_VALUE/);
    await run('DROP SCHEMA main.other CASCADE');
    expect(await run('SHOW SCHEMAS IN main LIKE "other"')).toEqual([]);
  });
});
