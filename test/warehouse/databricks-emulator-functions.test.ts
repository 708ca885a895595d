import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';

// Spark functions on the emulator: Databricks' results (from the examples on docs.databricks.com's
// function pages), and Databricks' refusal of what only DuckDB accepts.
describe('Databricks emulator: functions as Databricks computes them', () => {
  let emulator: DatabricksEmulator;
  beforeAll(async () => {
    emulator = await startDatabricksEmulator();
  });
  afterAll(() => emulator?.stop());

  const row = async (sql: string) => (await emulator.run(sql))[0];
  const error = (sql: string) =>
    emulator.run(sql).then(
      () => 'no error',
      (e: Error) => e.message,
    );
  const micros = (iso: string) => BigInt(Date.parse(`${iso}Z`)) * 1000n;

  it('adds and diffs timestamps by unit keyword', async () => {
    expect(
      await row(`SELECT timestampadd(MONTH, -1, TIMESTAMP'2022-03-31 00:00:00'), timestampadd(MICROSECOND, 5, TIMESTAMP'2022-02-28 00:00:00'),
        dateadd(QUARTER, 1, DATE'2024-01-31'), timestampadd(WEEK, 2, '2024-01-01')`),
    ).toEqual([micros('2022-02-28T00:00:00'), micros('2022-02-28T00:00:00') + 5n, micros('2024-04-30T00:00:00'), micros('2024-01-15T00:00:00')]);
    // Whole units elapsed: a month needs the day and time of the start to be reached again.
    expect(
      await row(`SELECT timestampdiff(MONTH, TIMESTAMP'2021-02-28 12:00:00', TIMESTAMP'2021-03-28 11:59:59'),
        timestampdiff(MONTH, TIMESTAMP'2021-02-28 12:00:00', TIMESTAMP'2021-03-28 12:00:00'),
        timestampdiff(YEAR, DATE'2021-01-01', DATE'1900-03-28'), timestampdiff(MONTH, DATE'2024-01-31', DATE'2024-02-29'),
        datediff(DAY, TIMESTAMP'2024-01-01 23:00:00', TIMESTAMP'2024-01-02 22:00:00'), timestampdiff(HOUR, TIMESTAMP'2024-01-01 10:59:00', TIMESTAMP'2024-01-01 12:00:00'),
        timestampdiff(WEEK, DATE'2024-01-14', DATE'2024-01-01'), datediff('2024-03-01', '2024-02-01')`),
    ).toEqual([0n, 1n, -120n, 0n, 0n, 1n, -1n, 29]);
  });

  it('refuses a quoted unit where Databricks wants a keyword', async () => {
    expect(await error(`SELECT timestampadd('day', 1, DATE'2024-01-01')`)).toMatch(/^\[INVALID_PARAMETER_VALUE\.DATETIME_UNIT\] .*string literal 'day'.* SQLSTATE: 22023$/);
    // DuckDB's spelling of a date difference.
    expect(await error(`SELECT date_diff('month', DATE'2024-01-31', DATE'2024-02-01')`)).toMatch(/^\[INVALID_PARAMETER_VALUE\.DATETIME_UNIT\]/);
  });

  it('truncates dates to timestamps, weeks to Mondays, and returns NULL for an unknown unit', async () => {
    expect(await row(`SELECT date_trunc('MM', '2015-03-05T09:32:05.359'), date_trunc('week', DATE'2024-01-07'), date_trunc('JAHR', DATE'2024-01-07'), trunc('2019-08-04', 'quarter'), last_day('2024-02-10')`)).toEqual([
      micros('2015-03-01T00:00:00'),
      micros('2024-01-01T00:00:00'),
      null,
      Date.parse('2019-07-01') / 86_400_000,
      Date.parse('2024-02-29') / 86_400_000,
    ]);
  });

  it('splits strings as Databricks does', async () => {
    expect(await row(`SELECT split_part('a,b,c', ',', 2), split_part('a,b,c', ',', -1), split_part('a,b,c', ',', 5), split_part('a.b', '', 1), get(split('a.b.c', '[.]'), 0), split('a.b.c', '[.]')[2]`)).toEqual([
      'b',
      'c',
      '',
      'a.b',
      'a',
      'c',
    ]);
    expect(await error(`SELECT split_part('a,b', ',', 0)`)).toMatch(/^\[INVALID_INDEX_OF_ZERO\] .* SQLSTATE: 22003$/);
  });

  it('concatenates to NULL when a part is NULL, takes right/left of nothing as empty, finds positions from 1', async () => {
    expect(await row(`SELECT concat('a', NULL), concat('a', 1, 'b'), 'a' || 'b', right('abc', 2), right('abc', -1), left('abc', 0), locate('b', 'abc'), position('z', 'abc'), position('c' IN 'abc')`)).toEqual([
      null,
      'a1b',
      'ab',
      'bc',
      '',
      '',
      2,
      0,
      3,
    ]);
  });

  it('builds arrays with 0-based subscripts, slices, sorts and joins them', async () => {
    expect(
      await row(`SELECT array(1, 2, 3)[0], array_join(slice(array('a', 'b', 'c'), 2, 5), '-'), array_join(slice(array('a', 'b', 'c'), -2, 1), '-'),
        array_join(array_append(array('a'), 'b'), ','), array_join(sort_array(array('b', NULL, 'a'), false), ','), size(array()),
        cast(concat(array(1), array(2)) AS STRING), cast(cast(array() AS array<int>) AS STRING), array_join(transform(array(1, 2), x -> x * 10), ',')`),
    ).toEqual([1, 'b-c', 'b', 'a,b', 'b,a', 0, '[1, 2]', '[]', '10,20']);
    expect(await error(`SELECT slice(array(1), 0, 1)`)).toMatch(/^\[INVALID_PARAMETER_VALUE\.START\]/);
    expect(await row(`SELECT count(*), CAST(min(n) AS INT), CAST(max(n) AS INT) FROM (SELECT explode(sequence(3, 1)) AS n)`)).toEqual([3n, 1, 3]);
  });

  it('aggregates lists and strings without NULLs, in WITHIN GROUP order', async () => {
    const values = `FROM VALUES (1, 'b'), (2, 'a'), (3, NULL), (4, 'c') AS t(id, name)`;
    expect(
      await row(`SELECT listagg(name, '-') WITHIN GROUP (ORDER BY id DESC), string_agg(name) WITHIN GROUP (ORDER BY name), size(collect_list(name)),
        array_join(transform(sort_array(collect_list(named_struct('k', id, 'v', name)) FILTER (WHERE name IS NOT NULL), false), e -> e.v), ','),
        any_value(id) IS NOT NULL, bool_or(id > 3) ${values}`),
    ).toEqual(['c-a-b', 'abc', 3, 'c,a,b', true, true]);
    expect(await row(`SELECT size(collect_list(name)) FROM VALUES (CAST(NULL AS STRING)) AS t(name)`)).toEqual([0]);
  });

  it('refuses functions and syntax only DuckDB has', async () => {
    for (const sql of [`SELECT string_split('a,b', ',')`, `SELECT list_aggr(array('a'), 'string_agg', ',')`, `SELECT arbitrary(1)`, `SELECT array_to_string(array('a'), ',')`]) {
      expect(await error(sql)).toMatch(/^\[UNRESOLVED_ROUTINE\] Cannot resolve routine `\w+` .* SQLSTATE: 42883$/);
    }
    for (const sql of [`SELECT [1, 2]`, `SELECT array(1, 2)[1:2]`, `SELECT 7 // 2`, `SELECT {'a': 1}`, `SELECT '{"a":1}' -> 'a'`]) {
      expect(await error(sql)).toMatch(/^\[PARSE_SYNTAX_ERROR\]/);
    }
    // Spark's integer division truncates toward zero.
    expect(await row(`SELECT CAST(7 div 2 AS INT), CAST(-7 div 2 AS INT)`)).toEqual([3, -3]);
  });

  it('reads a doubled quote as two adjacent literals and a backslash as the escape', async () => {
    expect(await row(`SELECT 'it''s', 'it\\'s', md5(cast(true AS STRING)), cast(false AS STRING)`)).toEqual(['its', "it's", 'b326b5062b2f0e69046810717534cb09', 'false']);
  });

  it('converts time zones and knows the session time zone', async () => {
    expect(await row(`SELECT current_timezone(), to_utc_timestamp(TIMESTAMP'2024-01-01 10:00:00', 'America/New_York'), to_utc_timestamp(TIMESTAMP'2024-01-01 10:00:00', current_timezone())`)).toEqual([
      'Etc/UTC',
      micros('2024-01-01T15:00:00'),
      micros('2024-01-01T10:00:00'),
    ]);
  });
});
