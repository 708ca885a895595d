/**
 * `modules.datetime` and `run_started_at` as dbt templates use them. Every expected value is what
 * Python 3.11 (Jinja2 3.1, dbt's `modules` exports, pytz) prints for the same template.
 */
import { describe, expect, it } from '@jest/globals';
import { pythonModules, runStartedAt } from '../../src/templating/python-modules.js';
import { render, renderError } from './render-helpers.js';

const started = new Date(Date.UTC(2024, 0, 15, 12, 34, 56, 789));
const context = { modules: pythonModules(() => started), run_started_at: runStartedAt(started) };

describe('modules.datetime', () => {

  const cases: Array<[string, string, string]> = [
    [
      "prints dates and datetimes as Python's str() does",
      "{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1) }}|{{ dt.datetime(2024, 1, 1, 13, 5, 7, 120) }}|{{ dt.date(2024, 1, 1) }}|{{ dt.datetime(2024, 1, 1, tzinfo=modules.pytz.utc) }}|{{ dt.time(1, 2, 3, 4) }}",
      "2024-01-01 00:00:00|2024-01-01 13:05:07.000120|2024-01-01|2024-01-01 00:00:00+00:00|01:02:03.000004",
    ],
    [
      "shows repr() inside lists",
      "{% set dt = modules.datetime %}{{ [dt.date(2024, 1, 1), dt.datetime(2024, 1, 1, 2, 3, 4, 5), dt.datetime(2024, 1, 1), dt.timedelta(days=1, hours=2), dt.timedelta(0), dt.time(1, 2)] }}",
      "[datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1, 2, 3, 4, 5), datetime.datetime(2024, 1, 1, 0, 0), datetime.timedelta(days=1, seconds=7200), datetime.timedelta(0), datetime.time(1, 2)]",
    ],
    [
      "prints timedeltas with Python's normal form",
      "{% set dt = modules.datetime %}{{ dt.timedelta(days=1, hours=2) }}|{{ dt.timedelta(hours=-1) }}|{{ dt.timedelta(microseconds=-1) }}|{{ dt.timedelta(days=-3, hours=1, microseconds=5) }}|{{ dt.timedelta(weeks=2, milliseconds=1.5) }}|{{ dt.timedelta(days=1.5, minutes=0.1) }}|{{ dt.timedelta(seconds=0.5e-6) }}|{{ dt.timedelta(seconds=1.5e-6) }}",
      "1 day, 2:00:00|-1 day, 23:00:00|-1 day, 23:59:59.999999|-3 days, 1:00:00.000005|14 days, 0:00:00.001500|1 day, 12:00:06|0:00:00|0:00:00.000002",
    ],
    [
      "reads fields and calendar facts",
      "{% set d = modules.datetime.datetime(2024, 12, 30, 13, 5, 7, 120) %}{{ d.year }}-{{ d.month }}-{{ d.day }} {{ d.hour }}:{{ d.minute }}:{{ d.second }}.{{ d.microsecond }}|{{ d.tzinfo }}|{{ d.weekday() }} {{ d.isoweekday() }}|{{ d.isocalendar() }}|{{ d.isocalendar()[0] }} {{ d.isocalendar().week }}|{{ d.date() }}|{{ d.time() }}|{{ d.toordinal() }}",
      "2024-12-30 13:5:7.120|None|0 1|datetime.IsoCalendarDate(year=2025, week=1, weekday=1)|2025 1|2024-12-30|13:05:07.000120|739250",
    ],
    [
      "formats with isoformat and ctime",
      "{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1, 1, 2, 3, 4000).isoformat(timespec='milliseconds') }}|{{ dt.datetime(2024, 1, 1).isoformat(sep='x', timespec='hours') }}|{{ dt.datetime(2024, 1, 1, 5).isoformat() }}|{{ dt.date(2024, 2, 3).isoformat() }}|{{ dt.datetime(2024, 1, 1).ctime() }}",
      "2024-01-01T01:02:03.004|2024-01-01x00|2024-01-01T05:00:00|2024-02-03|Mon Jan  1 00:00:00 2024",
    ],
    [
      "replaces fields",
      "{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1).replace(year=2020, hour=5) }}|{{ dt.date(2024, 2, 28).replace(day=29) }}|{{ dt.datetime(2024, 1, 1, tzinfo=modules.pytz.utc).replace(tzinfo=none) }}",
      "2020-01-01 05:00:00|2024-02-29|2024-01-01 00:00:00",
    ],
    [
      "does date arithmetic",
      "{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 31) + dt.timedelta(days=1) }}|{{ dt.datetime(2024, 3, 1) - dt.timedelta(days=1) }}|{{ dt.datetime(2024, 3, 1) - dt.datetime(2024, 1, 1, 12) }}|{{ dt.date(2024, 3, 1) - dt.date(2023, 3, 1) }}|{{ dt.date(2024, 1, 1) + dt.timedelta(hours=36) }}|{{ dt.timedelta(days=1) + dt.datetime(2024, 1, 1) }}|{{ (dt.datetime(2024, 1, 2) - dt.datetime(2024, 1, 1)).days }}|{{ (dt.datetime(2024, 1, 2) - dt.datetime(2024, 1, 1)).total_seconds() }}",
      "2024-02-01 00:00:00|2024-02-29 00:00:00|59 days, 12:00:00|366 days, 0:00:00|2024-01-02|2024-01-02 00:00:00|1|86400.0",
    ],
    [
      "does timedelta arithmetic",
      "{% set dt = modules.datetime %}{{ dt.timedelta(hours=1) * 1.5 }}|{{ 2 * dt.timedelta(hours=1) }}|{{ dt.timedelta(hours=1) / dt.timedelta(minutes=7) }}|{{ dt.timedelta(hours=1) / 7 }}|{{ dt.timedelta(hours=1) // dt.timedelta(minutes=7) }}|{{ dt.timedelta(hours=1) % dt.timedelta(minutes=7) }}|{{ dt.timedelta(hours=1) // 7 }}|{{ -dt.timedelta(hours=1) }}|{{ dt.timedelta(hours=1, microseconds=5).total_seconds() }}|{{ dt.timedelta(days=2).days }} {{ dt.timedelta(hours=25).seconds }} {{ dt.timedelta(microseconds=1).microseconds }}",
      "1:30:00|2:00:00|8.571428571428571|0:08:34.285714|8|0:04:00|0:08:34.285714|-1 day, 23:00:00|3600.000005|2 3600 1",
    ],
    [
      "compares and sorts",
      "{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1) < dt.datetime(2024, 1, 2) }} {{ dt.datetime(2024, 1, 1) == dt.datetime(2024, 1, 1) }} {{ dt.date(2024, 1, 1) <= dt.date(2024, 1, 1) }} {{ dt.date(2024, 1, 1) == dt.datetime(2024, 1, 1) }} {{ dt.timedelta(1) > dt.timedelta(hours=23) }} {{ dt.datetime(2024, 1, 1) == dt.datetime(2024, 1, 1, tzinfo=modules.pytz.utc) }} {{ dt.date(2024, 1, 1) in [dt.date(2024, 1, 1)] }}|{{ [dt.date(2024, 3, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1)] | sort }}|{{ [dt.timedelta(3), dt.timedelta(1)] | max }}|{% if dt.timedelta(0) %}T{% else %}F{% endif %}{% if dt.timedelta(1) %}T{% else %}F{% endif %}",
      "True True True False True False True|[datetime.date(2024, 1, 1), datetime.date(2024, 2, 1), datetime.date(2024, 3, 1)]|3 days, 0:00:00|FT",
    ],
    [
      "strftime: every common directive",
      "{{ modules.datetime.datetime(2024, 12, 30, 13, 5, 7, 120).strftime('%a %A %w %d %b %B %m %y %Y %H %I %p %M %S %f %z %Z %j %U %W %c %x %X %% %G %u %V %g') }}",
      "Mon Monday 1 30 Dec December 12 24 2024 13 01 PM 05 07 000120   365 52 53 Mon Dec 30 13:05:07 2024 12/30/24 13:05:07 % 2025 1 01 25",
    ],
    [
      "strftime: glibc's flags, widths and unknown directives",
      "{{ modules.datetime.datetime(2024, 1, 5, 13, 5, 7).strftime('%10Y|%-I|%_m|%0e|%^B|%#p|%-j|%3d|%-f|%Ey|%Od|%-%|%5a|%05a|%_y|%^p|%#a|%D|%F|%T|%R|%r|%h|%k|%l|%P|%C|%Q|%E|%') }}",
      "0000002024|1| 1|05|JANUARY|pm|5|005|%-f|24|05|%|  Fri|00Fri|24|PM|FRI|01/05/24|2024-01-05|13:05:07|13:05|01:05:07 PM|Jan|13| 1|pm|20|%Q|%E|%",
    ],
    [
      "strftime: small years, dates and times",
      "{% set dt = modules.datetime %}{{ dt.datetime(1, 1, 1).strftime('%Y %G %C %y %F %c') }}|{{ dt.datetime(999, 1, 2).strftime('%Y|%y|%G|%C|%e') }}|{{ dt.date(2024, 1, 5).strftime('%H:%M:%S %z %Z %f') }}|{{ dt.time(13, 5, 7, 12).strftime('%Y-%m-%d %H %j %a') }}",
      "1 1 0 01 1-01-01 Mon Jan  1 00:00:00 1|999|99|999|9| 2|00:00:00   000000|1900-01-01 13 001 Mon",
    ],
    [
      "strptime",
      "{% set p = modules.datetime.datetime.strptime %}{{ p('2024-01-05', '%Y-%m-%d') }}|{{ p(' 5/1/24', '%d/%m/%y') }}|{{ p('jan 5 2024', '%b %d %Y') }}|{{ p('2024-01-05T10:20:30.5+0530', '%Y-%m-%dT%H:%M:%S.%f%z') }}|{{ p('10pm', '%I%p') }}|{{ p('2023 366', '%Y %j') }}|{{ p('2024 10 1', '%Y %W %w') }}|{{ p('2024 10 1', '%G %V %u') }}|{{ p('2024 10 1', '%Y %U %w') }}|{{ p('Monday 2024', '%A %Y') }}|{{ p('2024-01-05 Z', '%Y-%m-%d %z') }}|{{ p('2024-01-05 +01:00:30', '%Y-%m-%d %z') }}|{{ p('Tue Jan  2 03:04:05 2024', '%c') }}|{{ p('01/02/24', '%x') }}",
      "2024-01-05 00:00:00|2024-01-05 00:00:00|2024-01-05 00:00:00|2024-01-05 10:20:30.500000+05:30|1900-01-01 22:00:00|2024-01-01 00:00:00|2024-03-04 00:00:00|2024-03-04 00:00:00|2024-03-11 00:00:00|2024-01-01 00:00:00|2024-01-05 00:00:00+00:00|2024-01-05 00:00:00+01:00:30|2024-01-02 03:04:05|2024-01-02 00:00:00",
    ],
    [
      "fromisoformat, as Python 3.11 reads it",
      "{% set f = modules.datetime.datetime.fromisoformat %}{{ f('2024-01-01') }}|{{ f('20240101') }}|{{ f('2024-W01-2') }}|{{ f('2024-01-01T10') }}|{{ f('2024-01-01 10:20') }}|{{ f('2024-01-01T1020') }}|{{ f('2024-01-01T10:20:30.5') }}|{{ f('2024-01-01T10:20:30,123456789') }}|{{ f('2024-01-01T10:20:30Z') }}|{{ f('2024-01-01T10:20:30+0530') }}|{{ f('2024-01-01T10:20:30-05') }}|{{ f('2024-01-01T10:20:30+05:30:15.5') }}|{{ f('2024-01-01x10:20') }}|{{ [f('2024-01-01T10:20:30-00:00').tzinfo] }}|{{ modules.datetime.date.fromisoformat('2024W01') }}",
      "2024-01-01 00:00:00|2024-01-01 00:00:00|2024-01-02 00:00:00|2024-01-01 10:00:00|2024-01-01 10:20:00|2024-01-01 10:20:00|2024-01-01 10:20:30.500000|2024-01-01 10:20:30.123456|2024-01-01 10:20:30+00:00|2024-01-01 10:20:30+05:30|2024-01-01 10:20:30-05:00|2024-01-01 10:20:30+05:30:15.500000|2024-01-01 10:20:00|[datetime.timezone.utc]|2024-01-01",
    ],
    [
      "class attributes and other constructors",
      "{% set dt = modules.datetime %}{{ dt.datetime.min }}|{{ dt.datetime.max }}|{{ dt.date.min }}|{{ dt.timedelta.max }}|{{ dt.timedelta.min }}|{{ dt.timedelta.resolution }}|{{ dt.date.fromordinal(738886) }}|{{ dt.datetime.fromordinal(738886) }}|{{ dt.date.fromisocalendar(2024, 1, 1) }}|{{ dt.datetime.utcfromtimestamp(1704067200.5) }}|{{ dt.datetime.fromtimestamp(1704067200, modules.pytz.utc) }}|{{ dt.datetime(2024, 1, 1, tzinfo=modules.pytz.utc).timestamp() }}|{{ dt.datetime.combine(dt.date(2024, 1, 1), dt.time(5, 6)) }}",
      "0001-01-01 00:00:00|9999-12-31 23:59:59.999999|0001-01-01|999999999 days, 23:59:59.999999|-999999999 days, 0:00:00|0:00:00.000001|2024-01-01|2024-01-01 00:00:00|2024-01-01|2024-01-01 00:00:00.500000|2024-01-01 00:00:00+00:00|1704067200.0|2024-01-01 05:06:00",
    ],
    [
      "run_started_at is an aware UTC datetime",
      "{{ run_started_at }}|{{ run_started_at.strftime('%Y-%m-%d %H:%M:%S %Z %z') }}|{{ run_started_at.tzinfo }}|{{ [run_started_at] }}|{{ run_started_at.isoformat() }}|{{ run_started_at.timestamp() }}|{{ run_started_at.astimezone(modules.pytz.timezone('America/New_York')) }}",
      "2024-01-15 12:34:56.789000+00:00|2024-01-15 12:34:56 UTC +0000|UTC|[datetime.datetime(2024, 1, 15, 12, 34, 56, 789000, tzinfo=<UTC>)]|2024-01-15T12:34:56.789000+00:00|1705322096.789|2024-01-15 07:34:56.789000-05:00",
    ],
  ];

  it.each(cases)('%s', (_title, source, expected) => {
    expect(render(source, context)).toBe(expected);
  });

  const errors: Array<[string, string]> = [
    ["{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1) < dt.datetime(2024, 1, 1, tzinfo=modules.pytz.utc) }}", "TypeError: can't compare offset-naive and offset-aware datetimes"],
    ["{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1) - dt.datetime(2024, 1, 1, tzinfo=modules.pytz.utc) }}", "TypeError: can't subtract offset-naive and offset-aware datetimes"],
    ["{% set dt = modules.datetime %}{{ dt.date(2024, 1, 1) < dt.datetime(2024, 1, 1) }}", "TypeError: can't compare datetime.datetime to datetime.date"],
    ["{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1) < 1 }}", "TypeError: '<' not supported between instances of 'datetime.datetime' and 'int'"],
    ["{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1) + 1 }}", "TypeError: unsupported operand type(s) for +: 'datetime.datetime' and 'int'"],
    ["{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1) - dt.date(2024, 1, 1) }}", "TypeError: unsupported operand type(s) for -: 'datetime.datetime' and 'datetime.date'"],
    ["{% set dt = modules.datetime %}{{ dt.datetime(2024, 2, 30) }}", "ValueError: day is out of range for month"],
    ["{% set dt = modules.datetime %}{{ dt.datetime(2024, 1, 1, 24) }}", "ValueError: hour must be in 0..23"],
    ["{% set dt = modules.datetime %}{{ dt.datetime(2024.0, 1, 1) }}", "TypeError: 'float' object cannot be interpreted as an integer"],
    ["{% set dt = modules.datetime %}{{ dt.datetime(9999, 12, 31) + dt.timedelta(1) }}", "OverflowError: date value out of range"],
    ["{% set dt = modules.datetime %}{{ dt.timedelta(days=999999999) + dt.timedelta(1) }}", "OverflowError: days=1000000000; must have magnitude <= 999999999"],
    ["{% set dt = modules.datetime %}{{ dt.timedelta(days='x') }}", "TypeError: unsupported type for timedelta days component: str"],
    ["{{ modules.datetime.datetime.strptime('2024-01-05 extra', '%Y-%m-%d') }}", "ValueError: unconverted data remains:  extra"],
    ["{{ modules.datetime.datetime.strptime('2024-13-05', '%Y-%m-%d') }}", "ValueError: time data '2024-13-05' does not match format '%Y-%m-%d'"],
    ["{{ modules.datetime.datetime.strptime('2024-02-30', '%Y-%m-%d') }}", "ValueError: day is out of range for month"],
    ["{{ modules.datetime.datetime.strptime('12', '%q') }}", "ValueError: 'q' is a bad directive in format '%q'"],
    ["{{ modules.datetime.datetime.fromisoformat('2024-1-1') }}", "ValueError: Invalid isoformat string: '2024-1-1'"],
    ["{{ modules.datetime.datetime.fromisoformat('2024-01-01T10:20:30+01:00Z') }}", "ValueError: Invalid isoformat string: '2024-01-01T10:20:30+01:00Z'"],
  ];

  it.each(errors)('raises what Python raises: %s', (source, message) => {
    expect(renderError(source, context).message).toBe(message);
  });

  it('reads the clock it is given: now() and today() are local wall time, now(tz) and utcnow() are not', () => {
    const local = `${started.getFullYear()}-${String(started.getMonth() + 1).padStart(2, '0')}-${String(started.getDate()).padStart(2, '0')}`;
    const time = `${String(started.getHours()).padStart(2, '0')}:${String(started.getMinutes()).padStart(2, '0')}:56.789000`;
    expect(render('{{ modules.datetime.datetime.now() }}|{{ modules.datetime.datetime.today() }}|{{ modules.datetime.date.today() }}', context)).toBe(
      `${local} ${time}|${local} ${time}|${local}`,
    );
    expect(render("{{ modules.datetime.datetime.now(modules.pytz.utc) }}|{{ modules.datetime.datetime.utcnow() }}|{{ modules.datetime.datetime.now().strftime('%Y') }}", context)).toBe(
      '2024-01-15 12:34:56.789000+00:00|2024-01-15 12:34:56.789000|2024',
    );
  });

  it("runs dbt_date's to_compile_datetime: strings, dates and run_started_at compared in a time zone", () => {
    const macros = `
      {%- macro to_dt(value, tz=None) -%}
        {%- set tzinfo = modules.pytz.timezone(tz if tz else 'UTC') -%}
        {%- if value is string -%}
          {%- set trimmed = value | trim -%}
          {%- if trimmed | length == 10 -%}{{ return(tzinfo.localize(modules.datetime.datetime.strptime(trimmed, '%Y-%m-%d'))) }}{%- endif -%}
          {%- set parsed = modules.datetime.datetime.fromisoformat(trimmed | replace('Z', '+00:00')) -%}
          {%- if parsed.tzinfo is none -%}{{ return(tzinfo.localize(parsed)) }}{%- endif -%}
          {{ return(parsed) }}
        {%- endif -%}
        {%- if value.hour is defined -%}
          {%- if value.tzinfo is none -%}{{ return(tzinfo.localize(value)) }}{%- endif -%}
          {{ return(value) }}
        {%- endif -%}
        {{ return(tzinfo.localize(modules.datetime.datetime(value.year, value.month, value.day))) }}
      {%- endmacro -%}
      {%- macro is_before(value, reference, tz=None) -%}
        {{ return(to_dt(reference, tz).timestamp() < to_dt(value, tz).timestamp()) }}
      {%- endmacro -%}`;
    expect(
      render(
        `${macros}{{ is_before('2026-09-01', '2026-08-31T14:59:59Z', 'Asia/Tokyo') }} {{ is_before('2026-09-01', '2026-08-31T15:00:00Z', 'Asia/Tokyo') }} ` +
          `{{ is_before('2026-09-01', '2026-09-01T06:59:59Z', 'America/Los_Angeles') }} {{ is_before(modules.datetime.date(2099, 1, 1), run_started_at) }} ` +
          `{{ to_dt('2026-09-01', 'America/Los_Angeles') }} {{ to_dt(modules.datetime.date(2026, 9, 1), 'Asia/Tokyo') }}`,
        context,
      ),
    ).toBe('True False True True 2026-09-01 00:00:00-07:00 2026-09-01 00:00:00+09:00');
  });

  it("formats with str.format's date directives and takes abs() of a timedelta, as Python does", () => {
    expect(render("{{ '{:%Y-%m}'.format(modules.datetime.date(2024, 3, 9)) }}|{{ (modules.datetime.timedelta(hours=-1)) | abs }}", context)).toBe('2024-03|1:00:00');
  });

  it('exposes what dbt exposes: date, datetime, time, timedelta and tzinfo, not timezone', () => {
    expect(render('{{ modules.datetime.timezone is defined }}|{{ modules.datetime.tzinfo is defined }}', context)).toBe('False|True');
  });
});
