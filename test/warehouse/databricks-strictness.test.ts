import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DBSQLClient } from '@databricks/sql';
import { runCliAsync } from '../support/project.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';
import { thriftTypes } from '../support/databricks-emulator/driver-modules.js';
import { WAREHOUSES } from '../support/warehouses.js';

// The emulator is as strict as Databricks: what only DuckDB accepts is refused with Databricks' error
// class, and what Databricks computes — Spark's hashes, ANSI casts and errors, result types — comes back
// through the real @databricks/sql driver as Databricks would send it.
type DBSQLClientType = DBSQLClient;
type IDBSQLSession = Awaited<ReturnType<DBSQLClient['openSession']>>;

describe('Databricks emulator: as strict as Databricks', () => {
  let emulator: DatabricksEmulator;
  let client: DBSQLClientType;
  let session: IDBSQLSession;
  beforeAll(async () => {
    emulator = await startDatabricksEmulator({ catalogs: ['main', 'hive_metastore'] });
    const { DBSQLClient } = await import('@databricks/sql');
    client = new DBSQLClient({ logger: { log: () => undefined } }) as unknown as DBSQLClientType;
    await client.connect({ host: emulator.host, port: emulator.port, path: emulator.path, token: emulator.token, customCaCert: emulator.caCert } as never);
    session = await client.openSession();
  });
  afterAll(async () => {
    await session?.close();
    await client?.close();
    await emulator?.stop();
  });

  /** Rows and the column types (Thrift's type names, `BIGINT_TYPE` …) of one statement. */
  async function query(sql: string): Promise<{ rows: Record<string, unknown>[]; types: string[] }> {
    const operation = await session.executeStatement(sql);
    try {
      // A statement without a result set reports its failure here, not in fetchAll.
      await operation.finished();
      const rows = (await operation.fetchAll()) as Record<string, unknown>[];
      const schema = await operation.getSchema();
      // TTypeId maps names to numbers and back: the name of a column's type id.
      const names = thriftTypes.TTypeId as unknown as Record<number, string>;
      const types = (schema?.columns ?? []).map((column: { typeDesc: { types: Array<{ primitiveEntry?: { type: number } }> } }) => names[column.typeDesc.types[0].primitiveEntry!.type]);
      return { rows, types };
    } finally {
      await operation.close();
    }
  }
  const values = async (sql: string) => Object.values((await query(sql)).rows[0]);
  const error = (sql: string) =>
    query(sql).then(
      () => 'no error',
      (e: Error) => e.message,
    );

  it('refuses DuckDB-only syntax, functions, types and statements with the error Databricks gives', async () => {
    const refused: Array<[sql: string, errorClass: string]> = [
      ['SELECT * EXCLUDE (b) FROM VALUES (1, 2) AS t(a, b)', 'PARSE_SYNTAX_ERROR'],
      ['SELECT * REPLACE (a + 1 AS a) FROM VALUES (1, 2) AS t(a, b)', 'PARSE_SYNTAX_ERROR'],
      ['SELECT * FROM range(10) USING SAMPLE 10%', 'PARSE_SYNTAX_ERROR'],
      ["SELECT string_agg(x, ',' ORDER BY x) FROM VALUES ('a'), ('b') AS t(x)", 'PARSE_SYNTAX_ERROR'],
      ['SELECT array_agg(x ORDER BY x) FROM VALUES (1) AS t(x)', 'PARSE_SYNTAX_ERROR'],
      ['SELECT list_value(1, 2)', 'UNRESOLVED_ROUTINE'],
      ["SELECT strftime(current_date(), '%Y')", 'UNRESOLVED_ROUTINE'],
      ['SELECT epoch_ms(1000)', 'UNRESOLVED_ROUTINE'],
      ['SELECT struct_pack(a := 1)', 'UNRESOLVED_ROUTINE'],
      ["SELECT string_split('a,b', ',')", 'UNRESOLVED_ROUTINE'],
      // DuckDB's date_diff takes its unit as a string; Databricks' date_diff takes a keyword.
      ["SELECT date_diff('day', DATE'2024-01-01', DATE'2024-01-02')", 'INVALID_PARAMETER_VALUE.DATETIME_UNIT'],
      ['SELECT CAST(1 AS HUGEINT)', 'UNSUPPORTED_DATATYPE'],
      ['SELECT 1::UBIGINT', 'UNSUPPORTED_DATATYPE'],
      ["SELECT CAST('a' AS TEXT)", 'UNSUPPORTED_DATATYPE'],
      ['SELECT [1, 2]', 'PARSE_SYNTAX_ERROR'],
      ["SELECT {'a': 1}", 'PARSE_SYNTAX_ERROR'],
      ['SELECT 7 // 2', 'PARSE_SYNTAX_ERROR'],
      ['BEGIN', 'PARSE_SYNTAX_ERROR'],
      ['COMMIT', 'NO_ACTIVE_TRANSACTION'],
      ['ROLLBACK', 'NO_ACTIVE_TRANSACTION'],
      ['PRAGMA version', 'PARSE_SYNTAX_ERROR'],
      ["ATTACH 'x.db' AS x", 'PARSE_SYNTAX_ERROR'],
      ['INSTALL httpfs', 'PARSE_SYNTAX_ERROR'],
    ];
    for (const [sql, errorClass] of refused) {
      expect([sql, await error(sql)]).toEqual([sql, expect.stringMatching(new RegExp(`^\\[${errorClass.replace('.', '\\.')}\\] .* SQLSTATE: [0-9A-Z]{5}$`))]);
    }
  });

  it("runs Databricks' own spellings of the same things", async () => {
    expect(await values('SELECT * EXCEPT (b) FROM VALUES (1, 2, 3) AS t(a, b, c)')).toEqual([1, 3]);
    expect(await values('SELECT t.* EXCEPT (a) FROM VALUES (1, 2) AS t(a, b)')).toEqual([2]);
    expect(await values("SELECT listagg(x, ',') WITHIN GROUP (ORDER BY x DESC), array_join(sort_array(collect_list(x)), '-') FROM VALUES ('a'), ('b') AS t(x)")).toEqual(['b,a', 'a-b']);
    expect(await values("SELECT 'abc' RLIKE '^a', 'abc' RLIKE 'b', 'abc' NOT RLIKE 'z', 'abc' REGEXP 'c$', 'abc' RLIKE 'x'")).toEqual([true, true, true, true, false]);
    expect(
      await values(`SELECT named_struct('a', 1, 'b', 'x').b, struct(1, 'a').col2, map('k', 2)['k'], CAST(array(1) AS array<bigint>)[0], size(array(1, 2)), sha2('abc', 256), sha2('abc', 0) = sha2('abc', 256), date_format(DATE'2024-03-01', 'yyyy/MM'), to_date('2024-03-01') = DATE'2024-03-01', timestampadd(DAY, 1, DATE'2024-01-31') = TIMESTAMP'2024-02-01 00:00:00', current_timestamp() IS NOT NULL`),
    ).toEqual(['x', 'a', 2, 1, 2, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', true, '2024/03', true, true, true]);
  });

  it("hashes as Spark does: xxhash64 and hash seeded with 42, by type, NULLs skipped (Databricks' documented values)", async () => {
    // docs.databricks.com's xxhash64 and hash pages, and pyspark's examples for 'ABC' and ('ABC', 'DEF').
    const hashes = `xxhash64('Spark', array(123), 2), hash('Spark', array(123), 2), xxhash64('ABC'), xxhash64('ABC', 'DEF'), hash('ABC'), hash('ABC', 'DEF')`;
    expect(await values(`SELECT ${hashes.split(/, (?=x?x?hash)/).map((call) => `CAST(${call} AS STRING)`).join(', ')}`)).toEqual([
      '5602566077635097486',
      '-1321691492',
      '4105715581806190027',
      '3233247871021311208',
      '-757602832',
      '599895104',
    ]);
    const { rows, types } = await query(`SELECT xxhash64(1) AS i, xxhash64(1L) AS l, xxhash64(CAST(1 AS SMALLINT)) AS s, xxhash64(true) AS b, xxhash64(NULL, 1) AS nl, xxhash64(1, NULL) AS ln,
      xxhash64(NULL) AS n, xxhash64(-0.0D) = xxhash64(0.0D) AS zero, xxhash64(DATE'1970-01-02') = xxhash64(1) AS day, xxhash64(TIMESTAMP'1970-01-01 00:00:00.000001') = xxhash64(1L) AS micro,
      xxhash64(CAST(1.5 AS DECIMAL(10,2))) = xxhash64(150L) AS short_decimal, xxhash64(CAST(1.5 AS DECIMAL(30,2))) = xxhash64(150L) AS long_decimal, xxhash64('a', 'b') = xxhash64('b', 'a') AS ordered`);
    // An int is hashed as 4 bytes, a bigint as 8: they differ; a smallint and a boolean are ints; NULLs change nothing.
    expect(types.slice(0, 7)).toEqual(Array(7).fill('BIGINT_TYPE'));
    const row = rows[0];
    expect(row.i).not.toBe(row.l);
    expect([row.s, row.b, row.nl, row.ln]).toEqual([row.i, row.i, row.i, row.i]);
    expect(row.n).toBe(42);
    expect([row.zero, row.day, row.micro, row.short_decimal, row.long_decimal, row.ordered]).toEqual([true, true, true, true, false, false]);
    expect(await error('SELECT xxhash64(map(1, 2))')).toMatch(/^\[DATATYPE_MISMATCH\.HASH_MAP_TYPE\]/);
  });

  it('casts and divides in ANSI mode: fractions truncated, malformed strings and zero divisors refused, try_ functions NULL', async () => {
    expect(await values(`SELECT CAST(1.5 AS INT), CAST(-1.5 AS INT), CAST(2.7D AS BIGINT), CAST(' 12 ' AS INT), try_cast('x' AS INT), try_cast('1.5' AS INT), try_divide(1, 0), try_mod(5, 0), pmod(-7, 3), 7 div 2, -7 % 3`)).toEqual([
      1, -1, 2, 12, null, null, null, null, 2, 3, -1,
    ]);
    expect(await error(`SELECT CAST('x' AS INT)`)).toMatch(/^\[CAST_INVALID_INPUT\] The value 'x' of the type "STRING" cannot be cast to "INT" because it is malformed\. .* SQLSTATE: 22018$/);
    expect(await error(`SELECT CAST('1.5' AS BIGINT)`)).toMatch(/^\[CAST_INVALID_INPUT\] The value '1\.5' of the type "STRING" cannot be cast to "BIGINT"/);
    for (const sql of ['SELECT 1/0', 'SELECT a / b FROM VALUES (1, 0) AS t(a, b)', 'SELECT 1 div 0', 'SELECT 6 / (1 - 1) * 2']) {
      expect(await error(sql)).toMatch(/^\[DIVIDE_BY_ZERO\] Division by zero\. Use `try_divide` .* SQLSTATE: 22012$/);
    }
    expect(await error('SELECT 5 % 0')).toMatch(/^\[REMAINDER_BY_ZERO\] .* SQLSTATE: 22012$/);
    expect(await error('SELECT 2147483647 + 1')).toMatch(/^\[ARITHMETIC_OVERFLOW\] integer overflow\. .* SQLSTATE: 22003$/);
    expect(await error('SELECT CAST(3000000000 AS INT)')).toMatch(/^\[CAST_OVERFLOW\] The value 3000000000 of the type "BIGINT" cannot be cast to "INT" due to an overflow\. .* SQLSTATE: 22003$/);
  });

  it('types aggregates as Spark does, in result sets and in a table built from them', async () => {
    const aggregates = `SELECT sum(i) AS sum_int, sum(l) AS sum_bigint, count(*) AS counted, count_if(i > 0) AS counted_if, avg(i) AS avg_int, sum(f) AS sum_double, min(i) AS min_int
      FROM VALUES (1, 2L, 1.5D), (2, 3L, 2.5D) AS t(i, l, f)`;
    const { rows, types } = await query(aggregates);
    expect(types).toEqual(['BIGINT_TYPE', 'BIGINT_TYPE', 'BIGINT_TYPE', 'BIGINT_TYPE', 'DOUBLE_TYPE', 'DOUBLE_TYPE', 'INT_TYPE']);
    expect(rows).toEqual([{ sum_int: 3, sum_bigint: 5, counted: 2, counted_if: 2, avg_int: 1.5, sum_double: 4, min_int: 1 }]);
    await query(`CREATE TABLE default.aggregates AS ${aggregates}`);
    const described = (await query('DESCRIBE TABLE default.aggregates')).rows.map((row) => `${String(row.col_name)} ${String(row.data_type)}`);
    expect(described.slice(0, 7)).toEqual(['sum_int bigint', 'sum_bigint bigint', 'counted bigint', 'counted_if bigint', 'avg_int double', 'sum_double double', 'min_int int']);
  });

  it("types sums and averages of decimals as Spark does (p+10 and p+4, s+4, at most 38), in result sets, tables and views", async () => {
    await query('CREATE TABLE default.amounts (price DECIMAL(10,2), rate DECIMAL(30,9), wide DECIMAL(36,35), region STRING)');
    await query(`INSERT INTO default.amounts VALUES (1.25, 0.5, 0.1, 'a'), (2.50, 1.25, 0.2, 'a'), (-0.75, 2.0, 0.3, 'b')`);
    const decimals = `SELECT region, sum(price) AS sum_price, avg(price) AS avg_price, sum(rate) AS sum_rate, avg(rate) AS avg_rate, sum(wide) AS sum_wide,
      avg(wide) AS avg_wide, sum(DISTINCT price) FILTER (WHERE price > 0) AS sum_positive, sum(price) OVER (PARTITION BY region) AS running,
      sum(CAST(price AS DECIMAL(13,2))) AS widened, mean(price) AS mean_price FROM amounts GROUP BY region, price ORDER BY region, price`;
    const { rows, types } = await query(decimals);
    expect(types).toEqual(['STRING_TYPE', ...Array(10).fill('DECIMAL_TYPE')]);
    expect(rows[0]).toEqual({
      region: 'a', sum_price: 1.25, avg_price: 1.25, sum_rate: 0.5, avg_rate: 0.5, sum_wide: expect.closeTo(0.1, 12), avg_wide: expect.closeTo(0.1, 12), sum_positive: 1.25, running: 3.75, widened: 1.25, mean_price: 1.25,
    });
    await query(`CREATE TABLE default.decimal_aggregates AS ${decimals}`);
    await query(`CREATE VIEW default.decimal_aggregates_view AS ${decimals}`);
    for (const relation of ['default.decimal_aggregates', 'default.decimal_aggregates_view']) {
      const described = (await query(`DESCRIBE TABLE ${relation}`)).rows.map((row) => `${String(row.col_name)} ${String(row.data_type)}`);
      expect([relation, described.slice(0, 11)]).toEqual([relation, [
        'region string', 'sum_price decimal(20,2)', 'avg_price decimal(14,6)', 'sum_rate decimal(38,9)', 'avg_rate decimal(34,13)', 'sum_wide decimal(38,35)',
        'avg_wide decimal(38,38)', 'sum_positive decimal(20,2)', 'running decimal(20,2)', 'widened decimal(23,2)', 'mean_price decimal(14,6)',
      ]]);
    }
    // An average keeps Spark's scale: 4 more digits than the argument.
    expect(await values('SELECT CAST(avg(price) AS STRING) FROM amounts')).toEqual(['1.000000']);
  });

  it('truncates a fraction when it casts an aggregate to an integral type, as any ANSI cast does', async () => {
    expect(await values(`SELECT CAST(sum(d) AS INT), CAST(avg(d) AS BIGINT), CAST(sum(f) AS INT), CAST(-sum(d) AS INT), CAST(max(d) AS SMALLINT), CAST(count(*) AS INT)
      FROM VALUES (1.25, 1.25D), (1.30, 1.3D) AS t(d, f)`)).toEqual([2, 1, 2, -2, 1, 2]);
    expect(await values('SELECT CAST(sum(d) OVER () AS INT), CAST(avg(d) OVER () AS TINYINT) FROM VALUES (1.25), (1.30) AS t(d)')).toEqual([2, 1]);
  });

  it("refuses the names Unity Catalog refuses, even in backticks, and hive_metastore's stricter ones", async () => {
    await query('CREATE TABLE default.named (id INT)');
    const unityCatalog: Array<[sql: string, errorClass: string]> = [
      ['CREATE SCHEMA `bad.name`', 'INVALID_PARAMETER_VALUE'],
      ['CREATE SCHEMA main.`has space`', 'INVALID_PARAMETER_VALUE'],
      ['CREATE CATALOG `cat a log`', 'INVALID_PARAMETER_VALUE'],
      ['CREATE TABLE default.`a/b` (id INT)', 'INVALID_PARAMETER_VALUE'],
      ['CREATE TABLE `tab\tbed` (id INT)', 'INVALID_PARAMETER_VALUE'],
      ['CREATE OR REPLACE TABLE default.`c d` AS SELECT 1 AS id', 'INVALID_PARAMETER_VALUE'],
      ['CREATE VIEW default.`v.w` AS SELECT 1 AS id', 'INVALID_PARAMETER_VALUE'],
      ['CREATE TABLE default.`e/f` SHALLOW CLONE default.named', 'INVALID_PARAMETER_VALUE'],
      ['ALTER TABLE default.named RENAME TO default.`g.h`', 'INVALID_PARAMETER_VALUE'],
      [`CREATE TABLE default.${'t'.repeat(256)} (id INT)`, 'INVALID_PARAMETER_VALUE.INVALID_FIELD_LENGTH'],
    ];
    for (const [sql, errorClass] of unityCatalog) {
      expect([sql, await error(sql)]).toEqual([sql, expect.stringMatching(new RegExp(`^\\[${errorClass.replaceAll('.', '\\.')}\\] .* SQLSTATE: 22023$`))]);
    }
    expect(await error('CREATE SCHEMA `bad.name`')).toBe(
      '[INVALID_PARAMETER_VALUE] Invalid input: RPC CreateSchema Field managedcatalog.SchemaInfo.name: name "bad.name" is not a valid name. Valid names cannot contain spaces, periods, forward slashes, or control characters. SQLSTATE: 22023',
    );
    // Hyphens, other characters, 255 characters, any column name: Unity Catalog takes them (in backticks).
    for (const sql of ['CREATE SCHEMA `ok-name`', 'CREATE TABLE `ok-name`.`Ünïcødé-表` (`a b.c/d` INT)', `CREATE TABLE default.${'t'.repeat(255)} (id INT)`]) {
      expect([sql, await error(sql)]).toEqual([sql, 'no error']);
    }
    expect(await values('SELECT count(*) FROM information_schema.tables WHERE table_name = \'ünïcødé-表\'')).toEqual([1]);

    await query('CREATE SCHEMA hive_metastore.legacy');
    for (const sql of ['CREATE SCHEMA hive_metastore.`ok-name`', 'CREATE TABLE hive_metastore.legacy.`my-table` (id INT)', 'CREATE VIEW hive_metastore.legacy.`ünï` AS SELECT 1 AS id']) {
      expect([sql, await error(sql)]).toEqual([sql, expect.stringMatching(/^\[INVALID_SCHEMA_OR_RELATION_NAME\] `.*` is not a valid name for tables\/schemas\. Valid names only contain alphabet characters, numbers and _\. SQLSTATE: 42602$/)]);
    }
    expect(await error('CREATE TABLE hive_metastore.legacy.Plain_Name_1 (id INT)')).toBe('no error');
  });
});

// Every databricks__ and spark__ macro of dbt's global project, rendered by Sluice and run on the emulator.
const databricks = WAREHOUSES.find((kind) => kind.name === 'databricks')!;
describe("dbt's Databricks macros on the strict emulator", () => {
  const warehouse = databricks.use();

  it('run, and compute what Databricks computes', async () => {
    const text = (expression: string) => `cast({{ ${expression} }} as string)`;
    const columns: Record<string, string> = {
      concat: text(`dbt.spark__concat(["'a'", "'b'"])`),
      datediff: text(`dbt.databricks__datediff("cast('2024-01-31' as date)", "cast('2024-02-01' as date)", 'month')`),
      safe_cast: text(`dbt.spark__safe_cast("'x'", 'int')`),
      dateadd: text(`dbt.databricks__dateadd('day', 1, "cast('2024-02-28' as date)")`),
      listagg: text(`dbt.databricks__listagg('name', "','", 'order by name desc', none)`),
      listagg_limited: text(`dbt.databricks__listagg('name', "','", 'order by name', 1)`),
      escaped: `'{{ dbt.spark__escape_single_quotes("it's") }}'`,
      array_concat: text(`dbt.spark__array_concat('array(1)', 'array(2)')`),
      array_construct: text(`dbt.spark__array_construct(['1', '2'], 'int')`),
      array_empty: text(`dbt.spark__array_construct([], 'int')`),
      type_names: `'{{ dbt.spark__type_string() }} {{ dbt.spark__type_numeric() }}'`,
      position: text(`dbt.spark__position("'b'", "'abc'")`),
      now: `cast({{ dbt.spark__current_timestamp() }} as date) >= cast('2024-01-01' as date)`,
      backcompat: `cast({{ dbt.spark__current_timestamp_backcompat() }} as date) >= cast('2024-01-01' as date)`,
      in_utc: `cast({{ dbt.spark__current_timestamp_in_utc_backcompat() }} as date) >= cast('2024-01-01' as date)`,
    };
    const model = `select\n${Object.entries(columns).map(([name, sql]) => `  ${sql} as ${name}`).join(',\n')}\nfrom (select 'a' as name union all select 'b') as names`;
    const dir = await warehouse.makeProject({
      'models/macros_on_databricks.sql': model,
      'models/series.sql': '{{ dbt.spark__generate_series(3) }}',
    });
    const result = await runCliAsync(['run', '--project-dir', dir]);
    if (result.code !== 0) throw new Error(`sluice exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    expect(await warehouse.query(dir, 'select * from main.macros_on_databricks limit 1')).toEqual([
      {
        concat: 'ab',
        datediff: '1',
        safe_cast: null,
        dateadd: '2024-02-29 00:00:00',
        listagg: 'b,a',
        listagg_limited: 'a',
        escaped: "it's",
        array_concat: '[1, 2]',
        array_construct: '[1, 2]',
        array_empty: '[]',
        type_names: 'string decimal(28,6)',
        position: '2',
        now: true,
        backcompat: true,
        in_utc: true,
      },
    ]);
    expect(await warehouse.query(dir, 'select cast(generated_number as int) as n from main.series order by n')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
});
