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
    // Region names, Java's short ids (PST a region, EST a fixed offset), offsets; dbt-date's convert_timezone.
    expect(
      await row(`SELECT from_utc_timestamp('2016-08-31', 'Asia/Seoul'), to_utc_timestamp('2016-08-31', 'Asia/Seoul'), from_utc_timestamp('2016-08-31', 'PST'),
        from_utc_timestamp('2016-08-31', 'EST'), from_utc_timestamp('2016-08-31', '+08:00'), to_utc_timestamp('2016-08-31', 'GMT+8'),
        from_utc_timestamp(to_utc_timestamp(TIMESTAMP'2021-06-07 14:35:20', 'UTC'), 'America/Los_Angeles'),
        convert_timezone('Europe/Brussels', 'America/Los_Angeles', timestamp_ntz'2021-12-06 00:00:00')`),
    ).toEqual([
      micros('2016-08-31T09:00:00'),
      micros('2016-08-30T15:00:00'),
      micros('2016-08-30T17:00:00'),
      micros('2016-08-30T19:00:00'),
      micros('2016-08-31T08:00:00'),
      micros('2016-08-30T16:00:00'),
      micros('2021-06-07T07:35:20'),
      micros('2021-12-05T15:00:00'),
    ]);
    for (const zone of ['Mars/Base', '+19:00']) {
      expect(await error(`SELECT from_utc_timestamp('2016-08-31', '${zone}')`)).toMatch(/^\[INVALID_TIMEZONE\] The timezone: \S+ is invalid\. .* SQLSTATE: 22009$/);
    }
  });

  it('extracts Spark fields: DAYOFWEEK counts from Sunday, DAYOFWEEK_ISO from Monday, WEEK is ISO, SECOND keeps its fraction', async () => {
    expect(
      await row(`SELECT extract(YEAR FROM TIMESTAMP '2019-08-12 01:00:00.123456'), extract(week FROM timestamp'2019-08-12 01:00:00.123456'), extract(DAY FROM DATE'2019-08-12'),
        extract(SECONDS FROM timestamp'2019-10-01 00:00:01.000001'), extract(doy FROM DATE'2019-08-12'), date_part('YEAROFWEEK', '2005-01-02'),
        date_part('dayofweek', DATE'2020-11-29'), date_part('dayofweek_iso', TIMESTAMP'2020-11-29 10:00:00'), datepart('QTR', '2016-08-31'), date_part('H', '2009-07-30 12:58:59')`),
    ).toEqual([2019, 33, 12, '1.000001', 224, 2004, 1, 7, 3, 12]);
    expect(
      await row(`SELECT dayofweek('2009-07-30'), weekday('2009-07-30'), weekofyear('2008-02-20'), dayofyear('2016-04-09'), quarter('2016-08-31'), year('2016-07-30'),
        hour('2009-07-30 12:58:59'), minute('2009-07-30 12:58:59'), second('2009-07-30 12:58:59'), dayname(DATE'2024-11-01'), monthname(TIMESTAMP'2024-04-08 13:08:15')`),
    ).toEqual([5, 3, 8, 100, 3, 2016, 12, 58, 59, 'Fri', 'Apr']);
    expect(await error(`SELECT extract(fortnight FROM DATE'2020-01-01')`)).toMatch(/^\[INVALID_EXTRACT_FIELD\] Cannot extract `fortnight` from .* SQLSTATE: 42601$/);
    // DuckDB's spellings are not Databricks' fields.
    expect(await error(`SELECT date_part('isodow', DATE'2020-01-01')`)).toMatch(/^\[INVALID_EXTRACT_FIELD\]/);
    expect(await error(`SELECT date_part(unit, DATE'2020-01-01') FROM VALUES ('year') AS t(unit)`)).toMatch(/^\[NON_FOLDABLE_ARGUMENT\]/);
  });

  it('formats with Spark datetime patterns', async () => {
    expect(
      await row(`SELECT date_format('2016-04-08', 'y'), date_format(DATE'2020-11-29', 'EEEE'), date_format(DATE'2020-11-29', 'E'), date_format(DATE'2020-11-29', 'MMMM'),
        date_format(DATE'2020-11-29', 'MMM'), date_format(TIMESTAMP'2026-06-01 10:30:45', 'yyyy-MM-dd\\'T\\'HH:mm:ss'), date_format(DATE'2026-06-15', 'yyyy-Q-dd QQQ QQQQ'),
        date_format(DATE'2026-06-15', 'GGGG yyyy-DDD'), date_format(TIMESTAMP'2026-06-15 14:30:45.123456', 'S SS SSS SSSSSS SSSSSSSS'),
        date_format(TIMESTAMP'2026-06-15 00:05:09', 'h hh K k a H m s'), date_format(DATE'0020-03-04', 'y yy yyy yyyy'), date_format(TIMESTAMP'2026-06-15 14:30:45+02:00', 'HH:mm:ssXXX'),
        date_format(DATE'2026-06-05', 'd dd D DD [yyyy] \\'at\\' 100%'), date_format(CAST(NULL AS DATE), 'yyyy'), from_unixtime(0, 'yyyy-MM-dd HH:mm:ss'), from_unixtime(1623076520)`),
    ).toEqual([
      '2016', 'Sunday', 'Sun', 'November', 'Nov', '2026-06-01T10:30:45', '2026-2-15 Q2 2nd quarter', 'Anno Domini 2026-166', '1 12 123 123456 12345600',
      '12 12 0 24 AM 0 5 9', '20 20 020 0020', '12:30:45Z', '5 05 156 156 2026 at 100%', null, '1970-01-01 00:00:00', '2021-06-07 14:35:20',
    ]);
  });

  it('refuses the datetime patterns Databricks refuses', async () => {
    // Week-based letters since Spark 3.0, also in a parse pattern (to_date(…, 'YYYY-MM-dd') is the usual mistake).
    for (const sql of [`SELECT date_format(DATE'2020-01-01', 'YYYY')`, `SELECT to_date('2024-12-18', 'YYYY-MM-dd')`, `SELECT date_format(DATE'2020-01-01', 'e')`, `SELECT date_format(DATE'2020-01-01', 'u')`]) {
      expect(await error(sql)).toMatch(/^\[INCONSISTENT_BEHAVIOR_CROSS_VERSION\.DATETIME_WEEK_BASED_PATTERN\] .* detected week-based character: \w\. Please use the SQL function EXTRACT instead\. SQLSTATE: 42K0B$/);
    }
    expect(await error(`SELECT date_format(current_date(), 'QQQQQ')`)).toMatch(/^\[INVALID_DATETIME_PATTERN\.LENGTH\] .* SQLSTATE: 22007$/);
    expect(await error(`SELECT date_format(current_date(), 'A')`)).toMatch(/^\[INVALID_DATETIME_PATTERN\.ILLEGAL_CHARACTER\] .* character found in datetime pattern: A\./);
    // Text fields format but do not parse.
    expect(await error(`SELECT to_timestamp('Mon 2020', 'EEE yyyy')`)).toMatch(/^\[INVALID_DATETIME_PATTERN\.ILLEGAL_CHARACTER\] .*: E\./);
    // Letters and counts java.time refuses: an upgrade error where Spark 2 accepted the pattern, else a plain one.
    for (const pattern of ['MMMMM', 'ddd', 'aa']) {
      expect(await error(`SELECT date_format(current_date(), '${pattern}')`)).toMatch(/^\[INCONSISTENT_BEHAVIOR_CROSS_VERSION\.DATETIME_PATTERN_RECOGNITION\] .*'(MMMMM|ddd|aa)'/);
    }
    // Spark has no '' escape in literals: 'yyyy''T''HH' is the literals 'yyyy' 'T' 'HH' run together.
    expect(await error(`SELECT date_format(current_date(), 'yyyy''T''HH')`)).toMatch(/^\[INVALID_DATETIME_PATTERN\.WITH_SUGGESTION\] Unrecognized datetime pattern: yyyyTHH\./);
  });

  it('parses strings with a pattern as strictly as Spark 3, and casts strings, numbers and typed literals as Spark does', async () => {
    const day = (iso: string) => Date.parse(iso) / 86_400_000;
    expect(
      await row(`SELECT to_date('2009-07-30 04:17:52'), to_date('2016-12-31', 'yyyy-MM-dd'), to_timestamp('2016-12-31 00:12:00'), to_timestamp('2016-12-31', 'yyyy-MM-dd'),
        to_timestamp('12/31/2016 3:04 PM', 'MM/dd/yyyy h:mm a'), to_timestamp('31-Dec-16 00:12:00.5', 'dd-MMM-yy HH:mm:ss.SSS'), to_timestamp('2016-12-31T10:00:00+02:00', 'yyyy-MM-dd\\'T\\'HH:mm:ssXXX'),
        to_date('1/2/2020', 'M/d/yyyy'), to_date('01/01/2016', 'mm/dd/yyyy'), unix_timestamp('2016-04-08', 'yyyy-MM-dd'), to_unix_timestamp('2016-04-08 01:02:03'), unix_timestamp(TIMESTAMP'1969-12-31 23:59:59.5')`),
    ).toEqual([
      day('2009-07-30'), day('2016-12-31'), micros('2016-12-31T00:12:00'), micros('2016-12-31T00:00:00'), micros('2016-12-31T15:04:00'), micros('2016-12-31T00:12:00.500'),
      micros('2016-12-31T08:00:00'), day('2020-01-02'), day('2016-01-01'), 1460073600n, 1460077323n, -1n,
    ]);
    // Two letters take two digits; the whole string must match; dates are checked against the calendar.
    expect(
      await row(`SELECT try_to_timestamp('2016-1-31', 'yyyy-MM-dd'), try_to_timestamp('2016-12-31 10:00', 'yyyy-MM-dd'), try_to_timestamp('2015-02-29', 'yyyy-MM-dd'),
        try_to_timestamp('2016-02-29', 'yyyy-MM-dd'), try_to_timestamp('13 AM', 'HH a')`),
    ).toEqual([null, null, null, micros('2016-02-29T00:00:00'), null]);
    expect(await error(`SELECT to_date('2016-12-32', 'yyyy-MM-dd')`)).toMatch(/^\[CANNOT_PARSE_TIMESTAMP\] Text '2016-12-32' could not be parsed\. Use `try_to_timestamp` .* SQLSTATE: 22007$/);
    expect(await error(`SELECT unix_timestamp('2016-04-08')`)).toMatch(/^\[CANNOT_PARSE_TIMESTAMP\]/);
    // Numbers are seconds since the epoch (dbt-date's from_unixtimestamp); offsets and zones in strings count.
    expect(
      await row(`SELECT to_timestamp(1623076520), CAST(1623076520.5 AS TIMESTAMP), timestamp_seconds(1230219000), CAST('1997-09-29 06:14:00-07:53' AS TIMESTAMP),
        to_timestamp('2021-06-07 07:35:20 America/Los_Angeles'), TIMESTAMP'2026-06-15 14:30:45+02:00', CAST('2020' AS DATE), CAST('2020-03-04 12:00:00' AS DATE), DATE'2020-1-5'`),
    ).toEqual([
      micros('2021-06-07T14:35:20'), micros('2021-06-07T14:35:20.500'), micros('2008-12-25T15:30:00'), micros('1997-09-29T14:07:00'), micros('2021-06-07T14:35:20'),
      micros('2026-06-15T12:30:45'), day('2020-01-01'), day('2020-03-04'), day('2020-01-05'),
    ]);
    expect(await row(`SELECT try_cast('2020-13-01' AS DATE), try_cast('2020' AS DATE), try_to_timestamp('not a time'), try_cast('2020-01-01 10:00:00+02:00' AS TIMESTAMP)`)).toEqual([
      null,
      day('2020-01-01'),
      null,
      micros('2020-01-01T08:00:00'),
    ]);
    expect(await error(`SELECT CAST('2020-13-01' AS DATE)`)).toMatch(/^\[CAST_INVALID_INPUT\] The value '2020-13-01' of the type "STRING" cannot be cast to "DATE" .* SQLSTATE: 22018$/);
    expect(await error(`SELECT CAST(1 AS DATE)`)).toMatch(/^\[DATATYPE_MISMATCH\.UNEXPECTED_INPUT_TYPE\]/);
    expect(await error(`SELECT date_format(20200101, 'yyyy')`)).toMatch(/^\[DATATYPE_MISMATCH\.UNEXPECTED_INPUT_TYPE\]/);
  });

  it('does date arithmetic as Databricks does', async () => {
    const day = (iso: string) => Date.parse(iso) / 86_400_000;
    expect(
      await row(`SELECT last_day('2009-01-12'), next_day('2015-01-14', 'TU'), next_day('2015-01-13', 'tuesday'), add_months('2016-08-31', 1), date_add('2016-07-30', 1),
        date_sub('2016-07-30', 1), datediff('2009-07-31', '2009-07-30'), make_date(2013, 7, 15), make_date(2019, 7, NULL), trunc('2019-08-04', 'week'),
        date_from_unix_date(1), unix_date(DATE'1970-01-02')`),
    ).toEqual([day('2009-01-31'), day('2015-01-20'), day('2015-01-20'), day('2016-09-30'), day('2016-07-31'), day('2016-07-29'), 1, day('2013-07-15'), null, day('2019-07-29'), day('1970-01-02'), 1]);
    expect(
      await row(`SELECT months_between('1997-02-28 10:30:00', '1996-10-30'), months_between('1997-02-28 10:30:00', '1996-10-30', false), months_between('2024-02-29', '2024-01-31'),
        unix_seconds(TIMESTAMP('1970-01-01 00:00:01Z')), unix_millis(TIMESTAMP('1970-01-01 00:00:01Z')), unix_micros(TIMESTAMP('1970-01-01 00:00:01Z')),
        date_trunc('MILLISECOND', '2015-03-05T09:32:05.123456'), date_trunc('QUARTER', DATE'2015-05-05')`),
    ).toEqual([3.94959677, 3.9495967741935485, 1, 1n, 1000n, 1000000n, micros('2015-03-05T09:32:05.123'), micros('2015-04-01T00:00:00')]);
    expect(await error(`SELECT next_day('2015-01-14', 'xx')`)).toMatch(/^\[ILLEGAL_DAY_OF_WEEK\] Illegal input for day of week: xx\. SQLSTATE: 22009$/);
    expect(await error(`SELECT make_date(2019, 13, 1)`)).toMatch(/^\[DATETIME_FIELD_OUT_OF_BOUNDS\] .*MonthOfYear.* SQLSTATE: 22023$/);
  });

  it('takes aggregates and window functions as arguments of date functions', async () => {
    expect(
      await emulator.run(`SELECT date_format(lag(d) OVER (ORDER BY d), 'MMM d'), date_trunc('MONTH', max(d) OVER ()), extract(DOW FROM min(d) OVER ())
        FROM VALUES (DATE'2024-03-10'), (DATE'2024-03-11') AS t(d) ORDER BY d`),
    ).toEqual([
      [null, micros('2024-03-01T00:00:00'), 1],
      ['Mar 10', micros('2024-03-01T00:00:00'), 1],
    ]);
    expect(await row(`SELECT datediff(max(d), min(d)), to_timestamp(max(s), 'yyyy/MM/dd') FROM VALUES (DATE'2024-03-10', '2024/01/02'), (DATE'2024-03-31', '2024/01/03') AS t(d, s)`)).toEqual([
      21,
      micros('2024-01-03T00:00:00'),
    ]);
  });

  it('refuses session settings that would change what date functions compute', async () => {
    for (const sql of [`SET TIME ZONE 'America/Los_Angeles'`, `SET timezone = Asia/Tokyo`, `SET legacy_time_parser_policy = LEGACY`, `SET ansi_mode = false`]) {
      expect(await error(sql)).toMatch(/^\[EMULATOR_UNSUPPORTED\]/);
    }
    expect(await error(`SET TIME ZONE 'UTC'`)).toBe('no error');
  });
});
