import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliAsync, type CliResult } from '../support/project.js';
import { WAREHOUSES } from '../support/warehouses.js';

// dbt's global project (global_project/): the cross-database macros packages call as dbt.x(…), run for
// real on each warehouse. Every model casts its values to text, so that both warehouses answer in one
// form and a date that came back as a timestamp would show.

const HELPERS = `
{% macro as_text(expression) %}cast({{ expression }} as {{ dbt.type_string() }}){% endmacro %}
{% macro a_date(iso) %}cast('{{ iso }}' as date){% endmacro %}
{% macro a_timestamp(iso) %}cast('{{ iso }}' as timestamp){% endmacro %}
`;

/** A model selecting each expression as text, in a column named by its key. */
function textModel(columns: Record<string, string>, from = ''): string {
  const list = Object.entries(columns).map(([name, expression]) => `  {{ as_text(${expression}) }} as ${name}`);
  return `select\n${list.join(',\n')}\n${from}`;
}

const DATES = textModel({
  datediff_month: `dbt.datediff(a_date('2024-01-31'), a_date('2024-02-01'), 'month')`,
  datediff_month_back: `dbt.datediff(a_date('2024-02-01'), a_date('2024-01-31'), 'month')`,
  datediff_day: `dbt.datediff(a_timestamp('2024-01-01 23:00:00'), a_timestamp('2024-01-02 01:00:00'), 'day')`,
  datediff_week_month: `dbt.datediff(a_date('2024-01-01'), a_date('2024-01-31'), 'week')`,
  datediff_week_saturday_sunday: `dbt.datediff(a_date('2024-01-06'), a_date('2024-01-07'), 'week')`,
  datediff_week_sunday_monday: `dbt.datediff(a_date('2024-01-07'), a_date('2024-01-08'), 'week')`,
  datediff_quarter: `dbt.datediff(a_date('2024-03-31'), a_date('2024-04-01'), 'quarter')`,
  datediff_year: `dbt.datediff(a_date('2023-12-31'), a_date('2024-01-01'), 'year')`,
  datediff_hour: `dbt.datediff(a_timestamp('2024-01-01 10:59:00'), a_timestamp('2024-01-01 11:00:00'), 'hour')`,
  datediff_minute: `dbt.datediff(a_timestamp('2024-01-01 10:00:59'), a_timestamp('2024-01-01 10:01:00'), 'minute')`,
  datediff_second: `dbt.datediff(a_timestamp('2024-01-01 10:00:00.900'), a_timestamp('2024-01-01 10:00:01.100'), 'second')`,
  datediff_millisecond: `dbt.datediff(a_timestamp('2024-01-01 10:00:00.000900'), a_timestamp('2024-01-01 10:00:00.001100'), 'millisecond')`,
  dateadd_month: `dbt.dateadd('month', 1, a_date('2024-01-31'))`,
  dateadd_day: `dbt.dateadd('day', -1, a_date('2024-01-01'))`,
  dateadd_quarter: `dbt.dateadd('quarter', 1, a_date('2024-01-31'))`,
  dateadd_week: `dbt.dateadd(datepart='week', interval=2, from_date_or_timestamp=a_date('2024-01-01'))`,
  dateadd_hour: `dbt.dateadd('hour', 36, a_timestamp('2024-01-01 00:00:00'))`,
  dateadd_year: `dbt.dateadd('year', 1, a_date('2024-02-29'))`,
  date_trunc_month: `dbt.date_trunc('month', a_timestamp('2024-02-10 13:14:15'))`,
  date_trunc_week: `dbt.date_trunc('week', a_date('2024-01-07'))`,
  date_trunc_quarter: `dbt.date_trunc('quarter', a_date('2024-05-20'))`,
  last_day_month: `dbt.last_day(a_date('2024-02-10'), 'month')`,
  last_day_quarter: `dbt.last_day(a_date('2024-02-10'), 'quarter')`,
  last_day_year: `last_day(a_date('2024-02-10'), 'year')`,
  date_parts: `dbt.date(2024, 2, 29)`,
  intervals_between: `dbt.get_intervals_between(a_date('2024-01-15'), a_date('2024-03-01'), 'month')`,
  current_timestamp_today: `'(cast(' ~ dbt.current_timestamp() ~ ' as date) >= ' ~ a_date('2024-01-01') ~ ')'`,
  snapshot_time: `'(cast(' ~ dbt.snapshot_get_time() ~ ' as date) >= ' ~ a_date('2024-01-01') ~ ')'`,
  backcompat_times: `'(cast(' ~ dbt.current_timestamp_backcompat() ~ ' as date) >= ' ~ a_date('2024-01-01') ~ ' and cast(' ~ dbt.current_timestamp_in_utc_backcompat() ~ ' as date) >= ' ~ a_date('2024-01-01') ~ ')'`,
});

const STRINGS = textModel({
  concat: `dbt.concat(["'a'", "'b'", "'c'"])`,
  concat_null: `'(' ~ dbt.concat(["'a'", "cast(null as " ~ dbt.type_string() ~ ")"]) ~ ') is null'`,
  hash_text: `dbt.hash("'abc'")`,
  hash_number: `dbt.hash('1')`,
  split_part_second: `dbt.split_part("'a,b,c'", "','", 2)`,
  split_part_last: `dbt.split_part("'a,b,c'", "','", -1)`,
  split_part_beyond: `dbt.split_part("'a,b,c'", "','", 4)`,
  string_literal: `dbt.string_literal(dbt.escape_single_quotes("it's"))`,
  escaped: `"'" ~ dbt.escape_single_quotes("don't 'quote' me") ~ "'"`,
  replaced: `dbt.replace("'aXbX'", "'X'", "'-'")`,
  right_part: `dbt.right("'abcdef'", 3)`,
  text_length: `dbt.length("'abcdef'")`,
  position_found: `dbt.position("'c'", "'abcabc'")`,
  position_missing: `dbt.position("'z'", "'abc'")`,
  cast_int: `dbt.cast("'42'", dbt.type_int())`,
  safe_cast_bad: `'(' ~ dbt.safe_cast("'abc'", dbt.type_int()) ~ ') is null'`,
  safe_cast_good: `dbt.safe_cast("'42'", dbt.type_int())`,
  bool_true: `dbt.cast_bool_to_text('(1 = 1)')`,
  bool_false: `dbt.cast_bool_to_text('(1 = 0)')`,
  equal: `dbt.equals("'x'", "'x'")`,
  equal_null: `'(' ~ dbt.equals("'x'", 'null') ~ ') is null'`,
  type_string_name: `"'" ~ dbt.type_string() ~ "'"`,
  type_numeric_name: `"'" ~ dbt.type_numeric() ~ "'"`,
  numeric_value: `dbt.cast("'1.5'", dbt.type_numeric())`,
  float_value: `dbt.cast("'1.5'", dbt.type_float())`,
  bigint_value: `dbt.cast("'9007199254740993'", dbt.type_bigint())`,
  boolean_value: `dbt.cast("'true'", dbt.type_boolean())`,
  timestamp_value: `dbt.cast("'2024-01-01 10:00:00'", dbt.type_timestamp())`,
  powers_of_two: `dbt.get_powers_of_two(5)`,
  array_built: `dbt.array_construct(['1', '2'])`,
  array_of_text: `dbt.array_construct(["'a'", "'b'"])`,
  array_empty: `dbt.array_construct([], dbt.type_int())`,
  array_appended: `dbt.array_append(dbt.array_construct(['1']), '2')`,
  array_joined: `dbt.array_concat(dbt.array_construct(['1']), dbt.array_construct(['2', '3']))`,
});

const VALUES = `with v as (
  select 1 as id, 'b' as name, true as flag union all
  select 2, 'a', false union all
  select 3, null, false union all
  select 4, 'c', false
)`;

const AGGREGATES = `${VALUES}\n${textModel(
  {
    listagg_any_order_length: `dbt.length(dbt.listagg('name'))`,
    listagg_ordered: `dbt.listagg('name', "'-'", 'order by id desc')`,
    listagg_ordered_limited: `dbt.listagg(measure='name', delimiter_text="', '", order_by_clause='order by name', limit_num=2)`,
    listagg_ordered_desc_limited: `dbt.listagg('name', "','", 'order by id desc', 2)`,
    listagg_limited_length: `dbt.length(dbt.listagg('name', "','", none, 2))`,
    listagg_none: `'((select ' ~ dbt.listagg('name', "','", 'order by id', 2) ~ ' from v where name is null) is null)'`,
    any_value: `'(' ~ dbt.any_value('id') ~ ' between 1 and 4)'`,
    bool_or_true: `dbt.bool_or('flag')`,
    bool_or_false: `dbt.bool_or('id > 10')`,
  },
  'from v',
)}`;

const SETS = `with a as (select 1 as n union all select 2 union all select 3), b as (select 2 as n)
select 'except' as operation, n from (select n from a {{ dbt.except() }} select n from b) as difference
union all
select 'intersect' as operation, n from (select n from a {{ dbt.intersect() }} select n from b) as common`;

function failed(result: CliResult): string {
  return `sluice exited ${result.code}\n${result.stdout}\n${result.stderr}`;
}

describe.each(WAREHOUSES)('dbt global macros on $name', (kind) => {
  const warehouse = kind.use();
  const databricks = kind.name === 'databricks';

  it('compute what dbt documents, in SQL the warehouse runs', async () => {
    const dir = await warehouse.makeProject({
      'macros/helpers.sql': HELPERS,
      'models/dates.sql': DATES,
      'models/strings.sql': STRINGS,
      'models/aggregates.sql': AGGREGATES,
      'models/sets.sql': SETS,
      'models/calendar.sql': `{{ dbt.date_spine('day', a_date('2024-01-30'), a_date('2024-02-02')) }}`,
      'models/series.sql': '{{ dbt.generate_series(5) }}',
      'models/series_portable.sql': '{{ dbt.default__generate_series(5) }}',
      'models/lookups.sql': `{% set built = load_relation(ref('sets')) %}
{% set absent = load_relation(api.Relation.create(schema=this.schema, identifier='no_such_relation')) %}
select '{{ built.identifier if built else "none" }}' as built, '{{ "none" if absent is none else "found" }}' as absent, '{{ should_store_failures() }}' as store_failures`,
    });
    const result = await runCliAsync(['run', '--project-dir', dir]);
    if (result.code !== 0) throw new Error(failed(result));
    expect(result.code).toBe(0);

    const [dates] = await warehouse.query(dir, 'select * from main.dates');
    expect(dates).toEqual({
      datediff_month: '1',
      datediff_month_back: '-1',
      datediff_day: '1',
      datediff_week_month: '4',
      // Weeks as each dbt adapter counts them: dbt-duckdb's start on Sunday, dbt-databricks' on Monday.
      datediff_week_saturday_sunday: databricks ? '0' : '1',
      datediff_week_sunday_monday: databricks ? '1' : '0',
      datediff_quarter: '1',
      datediff_year: '1',
      datediff_hour: '1',
      datediff_minute: '1',
      datediff_second: '1',
      datediff_millisecond: '1',
      dateadd_month: '2024-02-29 00:00:00',
      dateadd_day: '2023-12-31 00:00:00',
      dateadd_quarter: '2024-04-30 00:00:00',
      dateadd_week: '2024-01-15 00:00:00',
      dateadd_hour: '2024-01-02 12:00:00',
      dateadd_year: '2025-02-28 00:00:00',
      date_trunc_month: '2024-02-01 00:00:00',
      date_trunc_week: '2024-01-01 00:00:00',
      date_trunc_quarter: '2024-04-01 00:00:00',
      last_day_month: '2024-02-29',
      last_day_quarter: '2024-03-31',
      last_day_year: '2024-12-31',
      date_parts: '2024-02-29',
      intervals_between: '2',
      current_timestamp_today: 'true',
      snapshot_time: 'true',
      backcompat_times: 'true',
    });

    const [strings] = await warehouse.query(dir, 'select * from main.strings');
    expect(strings).toEqual({
      concat: 'abc',
      concat_null: 'true',
      hash_text: '900150983cd24fb0d6963f7d28e17f72',
      hash_number: 'c4ca4238a0b923820dcc509a6f75849b',
      split_part_second: 'b',
      split_part_last: 'c',
      split_part_beyond: '',
      string_literal: "it's",
      escaped: "don't 'quote' me",
      replaced: 'a-b-',
      right_part: 'def',
      text_length: '6',
      position_found: '3',
      position_missing: '0',
      cast_int: '42',
      safe_cast_bad: 'true',
      safe_cast_good: '42',
      bool_true: 'true',
      bool_false: 'false',
      equal: 'true',
      equal_null: 'true',
      type_string_name: databricks ? 'string' : 'text',
      type_numeric_name: databricks ? 'decimal(28,6)' : 'numeric(28,6)',
      numeric_value: '1.500000',
      float_value: '1.5',
      bigint_value: '9007199254740993',
      boolean_value: 'true',
      timestamp_value: '2024-01-01 10:00:00',
      powers_of_two: '3',
      array_built: '[1, 2]',
      array_of_text: '[a, b]',
      array_empty: '[]',
      array_appended: '[1, 2]',
      array_joined: '[1, 2, 3]',
    });

    const [aggregates] = await warehouse.query(dir, 'select * from main.aggregates');
    expect(aggregates).toEqual({
      listagg_any_order_length: '5',
      listagg_ordered: 'c-a-b',
      listagg_ordered_limited: 'a, b',
      listagg_ordered_desc_limited: 'c,a',
      listagg_limited_length: '3',
      listagg_none: 'true',
      any_value: 'true',
      bool_or_true: 'true',
      bool_or_false: 'false',
    });

    expect(await warehouse.query(dir, 'select operation, n from main.sets order by operation, n')).toEqual([
      { operation: 'except', n: 1 },
      { operation: 'except', n: 3 },
      { operation: 'intersect', n: 2 },
    ]);
    // Helpers packages call by bare name: dbt-utils' load_relation and should_store_failures.
    expect(await warehouse.query(dir, 'select * from main.lookups')).toEqual([{ built: 'sets', absent: 'none', store_failures: 'False' }]);
    const text = (rows: Record<string, unknown>[]) => rows.map((row) => Object.values(row)[0]);
    expect(text(await warehouse.query(dir, 'select cast(cast(date_day as date) as string) as d from main.calendar order by 1'))).toEqual(['2024-01-30', '2024-01-31', '2024-02-01']);
    for (const series of ['series', 'series_portable']) {
      expect(text(await warehouse.query(dir, `select cast(generated_number as string) as n from main.${series} order by generated_number`))).toEqual(['1', '2', '3', '4', '5']);
    }

    // What each warehouse was sent: its own functions and quoting.
    const compiled = (model: string) => readFileSync(join(dir, 'target', 'compiled', 'test_project', 'models', `${model}.sql`), 'utf8');
    if (databricks) {
      expect(compiled('dates')).toContain("timestampdiff(MONTH, date_trunc('MONTH', cast('2024-01-31' as date)), date_trunc('MONTH', cast('2024-02-01' as date)))");
      expect(compiled('dates')).toContain("timestampadd(QUARTER, 1, cast('2024-01-31' as date))");
      expect(compiled('strings')).toContain("'don\\'t \\'quote\\' me'");
      expect(compiled('strings')).toContain('array(1, 2)');
      expect(compiled('aggregates')).toContain("listagg(name, '-') within group (order by id desc)");
      expect(compiled('aggregates')).toContain('sort_array(collect_list(named_struct(');
    } else {
      expect(compiled('dates')).toContain("date_diff('month', cast(cast('2024-01-31' as date) as timestamp), cast(cast('2024-02-01' as date) as timestamp))");
      expect(compiled('strings')).toContain("'don''t ''quote'' me'");
      expect(compiled('aggregates')).toContain("string_agg(name, '-' order by id desc)");
    }
  });

  it("uses a root project's adapter-specific and default overrides before dbt's own", async () => {
    const dir = await warehouse.makeProject({
      'macros/overrides.sql': `
{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) %}'duckdb__dateadd of {{ datepart }}'{% endmacro %}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) %}'spark__dateadd of {{ datepart }}'{% endmacro %}
{% macro default__safe_cast(field, type) %}'default__safe_cast to {{ type }}'{% endmacro %}`,
      'models/overridden.sql': `select {{ dbt.dateadd('day', 1, 'x') }} as added, {{ dateadd('month', 1, 'x') }} as added_bare, {{ dbt.safe_cast("'1'", 'bigint') }} as cast_with, {{ dbt.right("'abc'", 1) }} as kept`,
    });
    const result = await runCliAsync(['run', '--project-dir', dir]);
    if (result.code !== 0) throw new Error(failed(result));
    expect(result.code).toBe(0);
    // The root project is searched first, every prefix in turn: on Databricks its spark__ comes before dbt's own
    // databricks__dateadd, and its default__safe_cast before dbt's duckdb__ or spark__safe_cast.
    const prefix = databricks ? 'spark' : 'duckdb';
    expect(await warehouse.query(dir, 'select * from main.overridden')).toEqual([
      { added: `${prefix}__dateadd of day`, added_bare: `${prefix}__dateadd of month`, cast_with: 'default__safe_cast to bigint', kept: 'c' },
    ]);
  });

  it('compiles without building: the SQL a model sends names the warehouse type of each cast', async () => {
    const dir = await warehouse.makeProject({
      'models/typed.sql': `select {{ dbt.safe_cast("'1'", dbt.type_bigint()) }} as n, {{ dbt.concat(['a', 'b']) }} as ab, {{ dbt.position("'b'", 'ab') }} as at from (select 'x' as a, 'y' as b) as t`,
    });
    const result = await runCliAsync(['compile', '--project-dir', dir]);
    if (result.code !== 0) throw new Error(failed(result));
    expect(result.code).toBe(0);
    const sql = readFileSync(join(dir, 'target', 'compiled', 'test_project', 'models', 'typed.sql'), 'utf8');
    expect(sql.trim()).toBe(
      databricks
        ? `select try_cast('1' as bigint) as n, concat(a, b) as ab, locate('b', ab) as at from (select 'x' as a, 'y' as b) as t`
        : `select try_cast('1' as bigint) as n, a || b as ab, position('b' in ab) as at from (select 'x' as a, 'y' as b) as t`,
    );
  });
});
