/**
 * `modules.pytz` as dbt templates use it, on the IANA database in Node's ICU. Every expected value is
 * what Python 3.11 with pytz prints for the same template.
 */
import { describe, expect, it } from '@jest/globals';
import { pythonModules, runStartedAt } from '../../src/templating/python-modules.js';
import { render, renderError } from './render-helpers.js';

const started = new Date(Date.UTC(2024, 0, 15, 12, 34, 56, 789));
const context = { modules: pythonModules(() => started), run_started_at: runStartedAt(started) };

describe('modules.pytz', () => {

  const cases: Array<[string, string, string]> = [
    [
      "a zone attached directly is its first entry, local mean time (as pytz does)",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la }}|{{ [la] }}|{{ dt.datetime(2024, 1, 1, tzinfo=la) }}|{{ dt.datetime(2024, 1, 1, tzinfo=la).tzname() }}|{{ la.zone }}|{{ dt.datetime(1997, 9, 29, 6, 14, tzinfo=pytz.timezone('America/Los_Angeles')) }}",
      "America/Los_Angeles|[<DstTzInfo 'America/Los_Angeles' LMT-1 day, 16:07:00 STD>]|2024-01-01 00:00:00-07:53|LMT|America/Los_Angeles|1997-09-29 06:14:00-07:53",
    ],
    [
      "localize picks the offset in effect at the wall time",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{% set p = la.localize(dt.datetime(2024, 7, 1)) %}{{ p }}|{{ [p] }}|{{ p.strftime('%Z %z') }}|{{ p.tzinfo }}|{{ p.utcoffset() }}|{{ p.dst() }}|{{ p.tzname() }}|{{ la.localize(dt.datetime(2024, 1, 1)).dst() }}",
      "2024-07-01 00:00:00-07:00|[datetime.datetime(2024, 7, 1, 0, 0, tzinfo=<DstTzInfo 'America/Los_Angeles' PDT-1 day, 17:00:00 DST>)]|PDT -0700|America/Los_Angeles|-1 day, 17:00:00|1:00:00|PDT|0:00:00",
    ],
    [
      "localize in DST gaps and folds: is_dst=False by default, like pytz",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la.localize(dt.datetime(2024, 3, 10, 2, 30)) }}|{{ la.localize(dt.datetime(2024, 3, 10, 2, 30), is_dst=True) }}|{{ la.localize(dt.datetime(2024, 11, 3, 1, 30)) }}|{{ la.localize(dt.datetime(2024, 11, 3, 1, 30), is_dst=True) }}|{{ pytz.timezone('Europe/London').localize(dt.datetime(2024, 10, 27, 1, 30)) }}|{{ pytz.timezone('Australia/Lord_Howe').localize(dt.datetime(2024, 4, 7, 1, 45)) }}",
      "2024-03-10 02:30:00-08:00|2024-03-10 02:30:00-07:00|2024-11-03 01:30:00-08:00|2024-11-03 01:30:00-07:00|2024-10-27 01:30:00+00:00|2024-04-07 01:45:00+10:30",
    ],
    [
      "before 1901 every zone is in local mean time, as pytz's data has it",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la.localize(dt.datetime(1850, 6, 1)) }}|{{ la.localize(dt.datetime(1883, 11, 18, 12, 3)) }}|{{ dt.datetime(1800, 1, 1, tzinfo=pytz.utc).astimezone(la) }}|{{ la.localize(dt.datetime(1943, 6, 1)) }}",
      "1850-06-01 00:00:00-07:53|1883-11-18 12:03:00-07:53|1799-12-31 16:07:00-07:53|1943-06-01 00:00:00-07:00",
    ],
    [
      "arithmetic keeps the offset until normalize",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{% set x = la.localize(dt.datetime(2024, 3, 9, 12)) + dt.timedelta(days=1) %}{{ x }}|{{ la.normalize(x) }}|{{ [la.normalize(x)] }}",
      "2024-03-10 12:00:00-08:00|2024-03-10 13:00:00-07:00|[datetime.datetime(2024, 3, 10, 13, 0, tzinfo=<DstTzInfo 'America/Los_Angeles' PDT-1 day, 17:00:00 DST>)]",
    ],
    [
      "astimezone, comparison and subtraction go through UTC",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{% set tk = pytz.timezone('Asia/Tokyo') %}{{ tk.localize(dt.datetime(2024, 1, 1)).astimezone(la) }}|{{ tk.localize(dt.datetime(2024, 1, 1)).timestamp() }}|{{ la.localize(dt.datetime(2024, 1, 1)) == pytz.utc.localize(dt.datetime(2024, 1, 1, 8)) }}|{{ la.localize(dt.datetime(2024, 1, 1)) - pytz.utc.localize(dt.datetime(2024, 1, 1)) }}|{{ la.localize(dt.datetime(2024, 1, 1)) < pytz.utc.localize(dt.datetime(2024, 1, 1, 8, 0, 1)) }}|{{ dt.datetime(2024, 1, 1, tzinfo=la).astimezone(pytz.utc) }}",
      "2023-12-31 07:00:00-08:00|1704034800.0|True|8:00:00|True|2024-01-01 07:53:00+00:00",
    ],
    [
      "zones around the world",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{% for z in ['Europe/Paris', 'Asia/Tokyo', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Europe/London', 'Australia/Sydney', 'America/New_York', 'Etc/GMT+5', 'UTC', 'utc', 'Etc/UTC', 'GMT', 'US/Pacific', 'america/new_york', 'America/St_Johns'] %}{% set t = pytz.timezone(z) %}{% set a = t.localize(dt.datetime(2024, 1, 15)) %}{% set b = t.localize(dt.datetime(2024, 7, 15)) %}{{ t }} {{ a }} {{ b }} {{ dt.datetime(2024, 1, 1, tzinfo=t) }} {{ b.utcoffset() }} {{ b.dst() }};{% endfor %}",
      "Europe/Paris 2024-01-15 00:00:00+01:00 2024-07-15 00:00:00+02:00 2024-01-01 00:00:00+00:09 2:00:00 1:00:00;Asia/Tokyo 2024-01-15 00:00:00+09:00 2024-07-15 00:00:00+09:00 2024-01-01 00:00:00+09:19 9:00:00 0:00:00;America/Sao_Paulo 2024-01-15 00:00:00-03:00 2024-07-15 00:00:00-03:00 2024-01-01 00:00:00-03:06 -1 day, 21:00:00 0:00:00;Asia/Kathmandu 2024-01-15 00:00:00+05:45 2024-07-15 00:00:00+05:45 2024-01-01 00:00:00+05:41 5:45:00 0:00:00;Europe/London 2024-01-15 00:00:00+00:00 2024-07-15 00:00:00+01:00 2024-01-01 00:00:00-00:01 1:00:00 1:00:00;Australia/Sydney 2024-01-15 00:00:00+11:00 2024-07-15 00:00:00+10:00 2024-01-01 00:00:00+10:05 10:00:00 0:00:00;America/New_York 2024-01-15 00:00:00-05:00 2024-07-15 00:00:00-04:00 2024-01-01 00:00:00-04:56 -1 day, 20:00:00 1:00:00;Etc/GMT+5 2024-01-15 00:00:00-05:00 2024-07-15 00:00:00-05:00 2024-01-01 00:00:00-05:00 -1 day, 19:00:00 0:00:00;UTC 2024-01-15 00:00:00+00:00 2024-07-15 00:00:00+00:00 2024-01-01 00:00:00+00:00 0:00:00 0:00:00;UTC 2024-01-15 00:00:00+00:00 2024-07-15 00:00:00+00:00 2024-01-01 00:00:00+00:00 0:00:00 0:00:00;Etc/UTC 2024-01-15 00:00:00+00:00 2024-07-15 00:00:00+00:00 2024-01-01 00:00:00+00:00 0:00:00 0:00:00;GMT 2024-01-15 00:00:00+00:00 2024-07-15 00:00:00+00:00 2024-01-01 00:00:00+00:00 0:00:00 0:00:00;US/Pacific 2024-01-15 00:00:00-08:00 2024-07-15 00:00:00-07:00 2024-01-01 00:00:00-07:53 -1 day, 17:00:00 1:00:00;America/New_York 2024-01-15 00:00:00-05:00 2024-07-15 00:00:00-04:00 2024-01-01 00:00:00-04:56 -1 day, 20:00:00 1:00:00;America/St_Johns 2024-01-15 00:00:00-03:30 2024-07-15 00:00:00-02:30 2024-01-01 00:00:00-03:31 -1 day, 21:30:00 1:00:00;",
    ],
    [
      "repr of zones and their periods",
      "{% set dt = modules.datetime %}{% for z in ['America/New_York', 'Etc/GMT+5', 'Etc/UTC', 'GMT', 'US/Pacific'] %}{% set t = modules.pytz.timezone(z) %}{{ [t, t.localize(dt.datetime(2024, 1, 15)).tzinfo, t.localize(dt.datetime(2024, 7, 15)).tzinfo] }} {{ t.localize(dt.datetime(2024, 1, 15)).strftime('%Z') }} {{ t.localize(dt.datetime(2024, 7, 15)).strftime('%Z') }};{% endfor %}",
      "[<DstTzInfo 'America/New_York' LMT-1 day, 19:04:00 STD>, <DstTzInfo 'America/New_York' EST-1 day, 19:00:00 STD>, <DstTzInfo 'America/New_York' EDT-1 day, 20:00:00 DST>] EST EDT;[<StaticTzInfo 'Etc/GMT+5'>, <StaticTzInfo 'Etc/GMT+5'>, <StaticTzInfo 'Etc/GMT+5'>] -05 -05;[<StaticTzInfo 'Etc/UTC'>, <StaticTzInfo 'Etc/UTC'>, <StaticTzInfo 'Etc/UTC'>] UTC UTC;[<StaticTzInfo 'GMT'>, <StaticTzInfo 'GMT'>, <StaticTzInfo 'GMT'>] GMT GMT;[<DstTzInfo 'US/Pacific' LMT-1 day, 16:07:00 STD>, <DstTzInfo 'US/Pacific' PST-1 day, 16:00:00 STD>, <DstTzInfo 'US/Pacific' PDT-1 day, 17:00:00 DST>] PST PDT;",
    ],
    [
      "utc and FixedOffset",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{{ pytz.utc.localize(dt.datetime(2024, 1, 1)) }}|{{ [pytz.utc.localize(dt.datetime(2024, 1, 1))] }}|{{ pytz.FixedOffset(-300) }}|{{ dt.datetime(2024, 1, 1, tzinfo=pytz.FixedOffset(330)) }}|{{ pytz.utc }}|{{ [pytz.utc] }}|{{ pytz.timezone('UTC') == pytz.utc }}",
      "2024-01-01 00:00:00+00:00|[datetime.datetime(2024, 1, 1, 0, 0, tzinfo=<UTC>)]|pytz.FixedOffset(-300)|2024-01-01 00:00:00+05:30|UTC|[<UTC>]|True",
    ],
    [
      "a zone's own utcoffset/tzname/dst localize a naive datetime first",
      "{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la.utcoffset(dt.datetime(2024, 7, 1)) }}|{{ la.tzname(dt.datetime(2024, 7, 1)) }}|{{ la.dst(dt.datetime(2024, 7, 1)) }}",
      "-1 day, 17:00:00|PDT|1:00:00",
    ],
    [
      "dbt_date's datetime() and to_compile_datetime steps",
      "{% set dt = modules.datetime %}{% set tokyo = modules.pytz.timezone('Asia/Tokyo') %}{{ dt.datetime(year=2026, month=9, day=1, hour=0, minute=0, second=0, microsecond=0, tzinfo=modules.pytz.timezone('UTC')) }}|{{ tokyo.localize(dt.datetime.strptime('2026-09-01', '%Y-%m-%d')).timestamp() }}|{{ dt.datetime.fromisoformat('2026-08-15T12:00:00+00:00').timestamp() }}|{{ run_started_at.astimezone(modules.pytz.timezone('Asia/Kolkata')) }}",
      "2026-09-01 00:00:00+00:00|1788188400.0|1786795200.0|2024-01-15 18:04:56.789000+05:30",
    ],
  ];

  it.each(cases)('%s', (_title, source, expected) => {
    expect(render(source, context)).toBe(expected);
  });

  const errors: Array<[string, string]> = [
    ["{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la.localize(dt.datetime(2024, 11, 3, 1, 30), is_dst=None) }}", "AmbiguousTimeError: 2024-11-03 01:30:00"],
    ["{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la.localize(dt.datetime(2024, 3, 10, 2, 30), is_dst=None) }}", "NonExistentTimeError: 2024-03-10 02:30:00"],
    ["{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la.localize(la.localize(dt.datetime(2024, 3, 10, 2, 30))) }}", "ValueError: Not naive datetime (tzinfo is already set)"],
    ["{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la.normalize(dt.datetime(2024, 1, 1)) }}", "ValueError: Naive time - no tzinfo set"],
    ["{% set dt = modules.datetime %}{% set pytz = modules.pytz %}{% set la = pytz.timezone('America/Los_Angeles') %}{{ la.utcoffset(dt.datetime(2024, 11, 3, 1, 30)) }}", "AmbiguousTimeError: 2024-11-03 01:30:00"],
    ["{{ modules.pytz.timezone('Foo/Bar') }}", "UnknownTimeZoneError: 'Foo/Bar'"],
    ["{{ modules.pytz.timezone('+05:00') }}", "UnknownTimeZoneError: '+05:00'"],
  ];

  it.each(errors)('raises what Python raises: %s', (source, message) => {
    expect(renderError(source, context).message).toBe(message);
  });

});
