/**
 * Spark's date and time functions on DuckDB, with Databricks' semantics (docs.databricks.com function
 * pages; Spark's DateTimeUtils where the docs are silent): DAYOFWEEK counts from Sunday, WEEK is the ISO
 * week, SECOND keeps its fraction, strings become dates and timestamps as Spark casts them, a pattern is
 * a Spark datetime pattern (datetime-patterns.ts), a parse failure is CANNOT_PARSE_TIMESTAMP. DuckDB
 * macros overloaded by argument type stand in for Spark's type coercion; everything runs in UTC, the
 * emulator's one session time zone.
 */
import { DatabricksSqlError, INVALID_TIMEZONE_REASON } from './databricks-errors.js';
import { formatSql, parseSpec, readDatetimePattern, MONTHS_LONG, MONTHS_SHORT, type PatternUse } from './datetime-patterns.js';
import { arity, helper, unsupported, type FunctionCall, type Translation } from './spark-call.js';
import { duckdbString, isSignificant, isSymbol, isWord, type Token } from './sql-tokens.js';

const H = helper;

/** `error(…)` with Databricks' text around a run-time value. */
function raiseWith(errorClass: string, before: string, value: string, after: string, sqlState: string): string {
  return `error(${duckdbString(`[${errorClass}] ${before}`)} || ${value} || ${duckdbString(`${after} SQLSTATE: ${sqlState}`)})`;
}

// A string that does not cast: Databricks' error, or NULL for try_cast (`fail` false).
const castInvalid = (target: string) =>
  'CASE WHEN fail THEN ' + raiseWith('CAST_INVALID_INPUT', "The value '", '__sp_s', `' of the type "STRING" cannot be cast to "${target}" because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`, '22018') + ' END';

const DAYS_IN_MONTH = (y: string, m: string) =>
  `(CASE WHEN ${m} = 2 THEN CASE WHEN (${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0 THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
const VALID_DATE = (y: string, m: string, d: string) =>
  `(${y} BETWEEN -290307 AND 294246 AND CASE WHEN ${m} BETWEEN 1 AND 12 THEN ${d} BETWEEN 1 AND ${DAYS_IN_MONTH(y, m)} ELSE false END)`;
// Java's ZoneId.SHORT_IDS that name regions (EST, MST and HST are fixed offsets), which Spark accepts as zone names.
const SHORT_ZONE_IDS: Record<string, string> = {
  ACT: 'Australia/Darwin', AET: 'Australia/Sydney', AGT: 'America/Argentina/Buenos_Aires', ART: 'Africa/Cairo', AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo', BST: 'Asia/Dhaka', CAT: 'Africa/Harare', CNT: 'America/St_Johns', CST: 'America/Chicago', CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa', ECT: 'Europe/Paris', IET: 'America/Indiana/Indianapolis', IST: 'Asia/Kolkata', JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia', NET: 'Asia/Yerevan', NST: 'Pacific/Auckland', PLT: 'Asia/Karachi', PNT: 'America/Phoenix', PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles', SST: 'Pacific/Guadalcanal', VST: 'Asia/Ho_Chi_Minh',
};
const DAY_NAMES = ['MO', 'MON', 'MONDAY', 'TU', 'TUE', 'TUESDAY', 'WE', 'WED', 'WEDNESDAY', 'TH', 'THU', 'THURSDAY', 'FR', 'FRI', 'FRIDAY', 'SA', 'SAT', 'SATURDAY', 'SU', 'SUN', 'SUNDAY'];
const DATE_REGEX = '^\\s*([+-]?\\d{4,7})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T].*)?)?)?\\s*$';
const ZONE_OFFSET_REGEX = '(?:UTC|GMT|UT)?([+-])(?:(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?|(\\d{2})(\\d{2})(\\d{2})?)';

/** `value` computed once and named in `body` (DuckDB has no LET; a macro repeats its arguments). */
function bind(value: string, name: string, body: string): string {
  // `name.field` is read with struct_extract: DuckDB cannot bind a field of a lambda parameter in a MERGE's
  // WHEN condition (an internal error), where Databricks takes a date or timestamp cast like anywhere else.
  const fields = body.replace(new RegExp(`\\b${name}\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'), (_, field: string) => `struct_extract(${name}, '${field}')`);
  return `list_transform([${value}], lambda ${name}: ${fields})[1]`;
}

/** A whole-number field read by a pattern: '' when absent, NULL when it overflows. */
const digits = (field: string, absent: string) => `CASE WHEN ${field} = '' THEN ${absent} ELSE TRY_CAST(${field} AS BIGINT) END`;
const MERIDIEM = (pm: string) => `CASE WHEN ${pm} THEN 12 ELSE 0 END`;

/** CREATE MACRO statements for the date and time helpers. */
export function datetimeHelperMacros(): string[] {
  const monthsOf = (t: string) => `(year(${t}) * 12 + month(${t}))`;
  const withinMonth = (t: string) => `(epoch_us(${t}) - epoch_us(date_trunc('month', ${t})))`;
  const months = `(${monthsOf('__sp_ab.e')} - ${monthsOf('__sp_ab.s')})`;
  const dateParts = ['CAST(__sp_date.y AS BIGINT)', "CAST(coalesce(nullif(__sp_date.m, ''), '1') AS BIGINT)", "CAST(coalesce(nullif(__sp_date.d, ''), '1') AS BIGINT)"] as const;
  const v = (field: string) => `__sp_v.${field}`;
  return [
    // timestampdiff's MONTH: a month has elapsed when the calendar month grew and the day and time reached the start's.
    `CREATE MACRO ${H('months_elapsed')}(a, b) AS ${bind('struct_pack(s := a, e := b)', '__sp_ab',
      `${months} + CASE WHEN ${months} > 0 AND ${withinMonth('__sp_ab.e')} < ${withinMonth('__sp_ab.s')} THEN -1 ` +
        `WHEN ${months} < 0 AND ${withinMonth('__sp_ab.e')} > ${withinMonth('__sp_ab.s')} THEN 1 ELSE 0 END`)}`,
    // Spark's string-to-date cast: yyyy[-m[m][-d[d][ or T and anything]]], blanks around.
    `CREATE MACRO ${H('string_to_date')}(s, fail) AS ${bind('s', '__sp_s', bind(`regexp_extract(__sp_s, ${duckdbString(DATE_REGEX)}, ['y', 'm', 'd'])`, '__sp_date',
      `CASE WHEN __sp_s IS NULL THEN NULL WHEN __sp_date.y <> '' AND ${VALID_DATE(...dateParts)} THEN make_date(${dateParts.join(', ')}) ELSE ${castInvalid('DATE')} END`))}`,
    // Spark's string-to-timestamp cast: a year or year-month alone, else date, time, fraction and zone.
    `CREATE MACRO ${H('string_to_timestamp')}(s, fail) AS ${bind('s', '__sp_s',
      `CASE WHEN __sp_s IS NULL THEN NULL ` +
        `WHEN regexp_full_match(__sp_s, '\\s*[+-]?\\d{4,7}(?:-\\d{1,2})?\\s*') THEN CAST(${H('string_to_date')}(__sp_s, fail) AS TIMESTAMP) ` +
        `WHEN regexp_full_match(__sp_s, '\\s*[+-]?\\d.*') THEN coalesce(CAST(TRY_CAST(trim(__sp_s) AS TIMESTAMPTZ) AS TIMESTAMP), ${castInvalid('TIMESTAMP')}) ` +
        `ELSE ${castInvalid('TIMESTAMP')} END`)}`,
    // Where Spark casts implicitly (function arguments): strings, dates and timestamps, not numbers.
    `CREATE MACRO ${H('ts_implicit')}(x VARCHAR) AS ${H('string_to_timestamp')}(x, true), (x TIMESTAMP) AS x, (x DATE) AS CAST(x AS TIMESTAMP), (x TIMESTAMPTZ) AS CAST(x AS TIMESTAMP)`,
    `CREATE MACRO ${H('date_implicit')}(x VARCHAR) AS ${H('string_to_date')}(x, true), (x DATE) AS x, (x TIMESTAMP) AS CAST(x AS DATE), (x TIMESTAMPTZ) AS CAST(CAST(x AS TIMESTAMP) AS DATE)`,
    // CAST(x AS DATE) and try_cast (\`fail\` false: NULL for a string that does not cast).
    `CREATE MACRO ${H('date_cast')}(x VARCHAR, fail) AS ${H('string_to_date')}(x, fail), (x DATE, fail) AS x, (x TIMESTAMP, fail) AS CAST(x AS DATE), (x TIMESTAMPTZ, fail) AS CAST(CAST(x AS TIMESTAMP) AS DATE)`,
    // CAST(x AS TIMESTAMP): numbers are seconds since the epoch, their fraction truncated to microseconds.
    `CREATE MACRO ${H('ts_cast')}(x VARCHAR, fail) AS ${H('string_to_timestamp')}(x, fail), (x TIMESTAMP, fail) AS x, (x DATE, fail) AS CAST(x AS TIMESTAMP), ` +
      `(x TIMESTAMPTZ, fail) AS CAST(x AS TIMESTAMP), (x BIGINT, fail) AS make_timestamp(x * 1000000), (x DOUBLE, fail) AS make_timestamp(CAST(trunc(x * 1000000) AS BIGINT))`,
    // Seconds since the epoch, rounded down (Math.floorDiv).
    `CREATE MACRO ${H('epoch_seconds')}(t) AS ${bind('epoch_us(t)', '__sp_us', '(__sp_us - ((__sp_us % 1000000) + 1000000) % 1000000) // 1000000')}`,
    // A whole number of seconds, as from_unixtime takes it (a fraction is truncated).
    `CREATE MACRO ${H('whole_seconds')}(x BIGINT) AS x, (x DOUBLE) AS CAST(trunc(x) AS BIGINT), (x VARCHAR) AS CAST(x AS BIGINT)`,
    // Time zones: offsets ('+08:00', 'GMT-8', 'Z') are fixed; Java's short ids name regions or offsets; other names go to ICU.
    `CREATE MACRO ${H('zone_offset_seconds')}(tz) AS ${bind('tz', '__sp_tz',
      `CASE WHEN __sp_tz IN ('Z', 'UTC', 'GMT', 'UT') THEN 0 WHEN __sp_tz IN ('EST', 'MST', 'HST') THEN CASE __sp_tz WHEN 'EST' THEN -18000 WHEN 'MST' THEN -25200 ELSE -36000 END ` +
        `WHEN regexp_full_match(__sp_tz, ${duckdbString(ZONE_OFFSET_REGEX)}) THEN ` +
        bind(`regexp_extract(__sp_tz, ${duckdbString(`^${ZONE_OFFSET_REGEX}$`)}, ['sign', 'h', 'm', 's', 'hh', 'mm', 'ss'])`, '__sp_off',
          `CASE WHEN __sp_off.sign = '-' THEN -1 ELSE 1 END * (CAST(coalesce(nullif(__sp_off.h, ''), __sp_off.hh) AS INTEGER) * 3600 ` +
            `+ CAST(coalesce(nullif(coalesce(nullif(__sp_off.m, ''), __sp_off.mm), ''), '0') AS INTEGER) * 60 ` +
            `+ CAST(coalesce(nullif(coalesce(nullif(__sp_off.s, ''), __sp_off.ss), ''), '0') AS INTEGER))`) +
        ` END`)}`,
    `CREATE MACRO ${H('zone_region')}(tz) AS CASE tz ${Object.entries(SHORT_ZONE_IDS)
      .map(([id, region]) => `WHEN '${id}' THEN '${region}'`)
      .join(' ')} ELSE tz END`,
    // The wall time in `tz` of the UTC time `t` (direction 1), or the UTC time of the wall time `t` in `tz` (-1).
    `CREATE MACRO ${H('shift_zone')}(t, tz, direction) AS ${bind(`struct_pack(t := t, tz := tz, off := ${H('zone_offset_seconds')}(tz))`, '__sp_z',
      `CASE WHEN __sp_z.off IS NULL THEN CASE WHEN direction = 1 THEN CAST(timezone(${H('zone_region')}(__sp_z.tz), timezone('UTC', __sp_z.t)) AS TIMESTAMP) ` +
        `ELSE CAST(timezone('UTC', timezone(${H('zone_region')}(__sp_z.tz), __sp_z.t)) AS TIMESTAMP) END ` +
        `WHEN abs(__sp_z.off) <= 64800 THEN __sp_z.t + to_seconds(direction * __sp_z.off) ` +
        `ELSE ${raiseWith('INVALID_TIMEZONE', 'The timezone: ', '__sp_z.tz', INVALID_TIMEZONE_REASON, '22009')} END`)}`,
    // months_between: whole months when the days of month match or both are month ends, else 31-day months.
    `CREATE MACRO ${H('months_between')}(t1, t2, round_off) AS ${bind('struct_pack(a := t1, b := t2, r := round_off)', '__sp_mb',
      `CASE WHEN __sp_mb.a IS NULL OR __sp_mb.b IS NULL OR __sp_mb.r IS NULL THEN NULL ` +
        `WHEN day(__sp_mb.a) = day(__sp_mb.b) OR (__sp_mb.a::DATE = last_day(__sp_mb.a) AND __sp_mb.b::DATE = last_day(__sp_mb.b)) ` +
        `THEN CAST(${monthsOf('__sp_mb.a')} - ${monthsOf('__sp_mb.b')} AS DOUBLE) ` +
        `ELSE ${bind(
          `${monthsOf('__sp_mb.a')} - ${monthsOf('__sp_mb.b')} + ((day(__sp_mb.a) - day(__sp_mb.b)) * 86400 ` +
            `+ (hour(__sp_mb.a) * 3600 + minute(__sp_mb.a) * 60 + second(__sp_mb.a)) - (hour(__sp_mb.b) * 3600 + minute(__sp_mb.b) * 60 + second(__sp_mb.b))) / 2678400.0`,
          '__sp_diff',
          // Java's Math.round: half up.
          'CASE WHEN __sp_mb.r THEN floor(__sp_diff * 1e8 + 0.5) / 1e8 ELSE __sp_diff END',
        )} END`)}`,
    `CREATE MACRO ${H('next_day')}(d, name) AS ${bind(`struct_pack(d := d, name := name, n := list_position(${sqlList(DAY_NAMES)}, upper(name)))`, '__sp_nd',
      `CASE WHEN __sp_nd.d IS NULL OR __sp_nd.name IS NULL THEN NULL ` +
        `WHEN __sp_nd.n IS NULL THEN ${raiseWith('ILLEGAL_DAY_OF_WEEK', 'Illegal input for day of week: ', '__sp_nd.name', '.', '22009')} ` +
        `ELSE __sp_nd.d + CAST(((__sp_nd.n - 1) // 3 + 1 - isodow(__sp_nd.d) + 6) % 7 + 1 AS INTEGER) END`)}`,
    `CREATE MACRO ${H('make_date')}(y, m, d) AS ${bind('struct_pack(y := y, m := m, d := d)', '__sp_md',
      `CASE WHEN __sp_md.y IS NULL OR __sp_md.m IS NULL OR __sp_md.d IS NULL THEN NULL ` +
        `WHEN __sp_md.m NOT BETWEEN 1 AND 12 THEN ${raiseWith('DATETIME_FIELD_OUT_OF_BOUNDS', 'Invalid value for MonthOfYear (valid values 1 - 12): ', 'CAST(__sp_md.m AS VARCHAR)', '. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.', '22023')} ` +
        `WHEN __sp_md.d NOT BETWEEN 1 AND ${DAYS_IN_MONTH('__sp_md.y', '__sp_md.m')} THEN ${raiseWith('DATETIME_FIELD_OUT_OF_BOUNDS', 'Invalid date: ', "printf('%d-%02d-%d', __sp_md.y, __sp_md.m, __sp_md.d)", '. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.', '22023')} ` +
        `ELSE make_date(__sp_md.y, __sp_md.m, __sp_md.d) END`)}`,
    // Parsing with a pattern: the groups datetime-patterns.ts names after what they hold, resolved strictly as java.time does.
    `CREATE MACRO ${H('parsed_timestamp')}(s, p, fail) AS ${bind(
      `struct_pack(` +
        `y := CASE WHEN p.f.year <> '' THEN TRY_CAST(p.f.year AS BIGINT) WHEN p.f.year2 <> '' THEN 2000 + TRY_CAST(p.f.year2 AS BIGINT) ELSE 1970 END, ` +
        `month := CASE WHEN p.f.month <> '' THEN TRY_CAST(p.f.month AS BIGINT) WHEN p.f.monthShort <> '' THEN list_position(${sqlList(MONTHS_SHORT)}, lower(p.f.monthShort)) ` +
        `WHEN p.f.monthLong <> '' THEN list_position(${sqlList(MONTHS_LONG)}, lower(p.f.monthLong)) END, ` +
        `day := ${digits('p.f.day', 'NULL')}, doy := ${digits('p.f.dayOfYear', 'NULL')}, ` +
        `pm := CASE WHEN p.f.ampm <> '' THEN lower(p.f.ampm) = 'pm' END, ` +
        `kind := CASE WHEN p.f.hour <> '' THEN 'H' WHEN p.f.hour12 <> '' THEN 'h' WHEN p.f.hour0to11 <> '' THEN 'K' WHEN p.f.hour1to24 <> '' THEN 'k' ELSE '' END, ` +
        `hour := ${digits("p.f.hour || p.f.hour12 || p.f.hour0to11 || p.f.hour1to24", 'NULL')}, ` +
        `minute := ${digits('p.f.minute', '0')}, second := ${digits('p.f.second', '0')}, ` +
        `micros := CASE WHEN p.f.fraction = '' THEN 0 ELSE CAST(rpad(left(p.f.fraction, 6), 6, '0') AS BIGINT) END, ` +
        `zone := CASE WHEN p.f.zone = '' THEN 0 ELSE coalesce(${H('zone_offset_seconds')}(upper(p.f.zone)), 0) END)`,
      '__sp_v',
      bind(`struct_pack(m := coalesce(${v('month')}, 1), d := coalesce(${v('day')}, 1), ` +
        // Spark's defaults: January, the 1st; an hour of the am-pm alone is in the morning, a PM alone is noon.
        `h := CASE ${v('kind')} WHEN 'H' THEN ${v('hour')} WHEN 'h' THEN ${v('hour')} % 12 + ${MERIDIEM(v('pm'))} WHEN 'K' THEN ${v('hour')} + ${MERIDIEM(v('pm'))} ` +
        `WHEN 'k' THEN ${v('hour')} % 24 ELSE ${MERIDIEM(v('pm'))} END)`, '__sp_r',
        `CASE WHEN s IS NULL THEN NULL ` +
          `WHEN p.ok AND ${VALID_DATE(v('y'), '__sp_r.m', '__sp_r.d')} ` +
          `AND CASE ${v('kind')} WHEN 'H' THEN ${v('hour')} BETWEEN 0 AND 23 AND (${v('pm')} IS NULL OR ${v('pm')} = (${v('hour')} >= 12)) ` +
          `WHEN 'h' THEN ${v('hour')} BETWEEN 1 AND 12 WHEN 'K' THEN ${v('hour')} BETWEEN 0 AND 11 WHEN 'k' THEN ${v('hour')} BETWEEN 1 AND 24 ELSE true END ` +
          `AND ${v('minute')} BETWEEN 0 AND 59 AND ${v('second')} BETWEEN 0 AND 59 ` +
          // A day of the year must agree with a month and day given beside it.
          `AND (${v('doy')} IS NULL OR (${v('doy')} BETWEEN 1 AND CASE WHEN ${DAYS_IN_MONTH(v('y'), '2')} = 29 THEN 366 ELSE 365 END ` +
          `AND (${v('month')} IS NULL OR month(make_date(${v('y')}, 1, 1) + CAST(${v('doy')} - 1 AS INTEGER)) = ${v('month')}) ` +
          `AND (${v('day')} IS NULL OR day(make_date(${v('y')}, 1, 1) + CAST(${v('doy')} - 1 AS INTEGER)) = ${v('day')}))) ` +
          `THEN CAST(CASE WHEN ${v('doy')} IS NULL THEN make_date(${v('y')}, __sp_r.m, __sp_r.d) ELSE make_date(${v('y')}, 1, 1) + CAST(${v('doy')} - 1 AS INTEGER) END AS TIMESTAMP) ` +
          `+ to_microseconds((__sp_r.h * 3600 + ${v('minute')} * 60 + ${v('second')} - ${v('zone')}) * 1000000 + ${v('micros')}) ` +
          `WHEN fail THEN ${raiseWith('CANNOT_PARSE_TIMESTAMP', "Text '", 's', "' could not be parsed. Use `try_to_timestamp` to tolerate invalid input string and return NULL instead.", '22007')} END`),
    )}`,
    // Strings are parsed; dates and timestamps are taken as they are (Spark ignores the pattern for them).
    `CREATE MACRO ${H('parse_datetime')}(x VARCHAR, re, names, fail) AS ` +
      bind('x', '__sp_s', bind('struct_pack(ok := regexp_full_match(__sp_s, re), f := regexp_extract(__sp_s, re, names))', '__sp_p', `${H('parsed_timestamp')}(__sp_s, __sp_p, fail)`)) +
      `, (x TIMESTAMP, re, names, fail) AS x, (x DATE, re, names, fail) AS CAST(x AS TIMESTAMP), (x TIMESTAMPTZ, re, names, fail) AS CAST(x AS TIMESTAMP)`,
  ];
}

function sqlList(values: string[]): string {
  return `[${values.map(duckdbString).join(', ')}]`;
}

/**
 * A call of a helper macro overloaded by argument type. DuckDB cannot choose an overload for an aggregate or
 * a window function, so any argument but a name or a literal reaches the macro through a one-element list.
 */
function overloaded(macro: string, sql: string, tokens: Token[], rest = ''): string {
  const tail = rest ? `, ${rest}` : '';
  return isPlain(tokens) ? `${H(macro)}(${sql}${tail})` : `list_transform([${sql}], lambda __sp_arg: ${H(macro)}(__sp_arg${tail}))[1]`;
}

/** A (dotted) name, a literal, or a typed literal such as DATE'2020-01-01'. */
function isPlain(tokens: Token[]): boolean {
  const significant = tokens.filter(isSignificant);
  if (significant.length === 2 && significant[0].kind === 'word' && significant[1].kind === 'string') return true;
  return significant.every((token, index) =>
    index % 2 === 1 ? isSymbol(token, '.') : token.kind === 'word' || token.kind === 'quoted' || (significant.length === 1 && (token.kind === 'string' || token.kind === 'number')),
  ) && significant.length % 2 === 1;
}

// ---- patterns ----

function patternArgument(call: FunctionCall, index: number, use: PatternUse) {
  const pattern = call.literal(index);
  if (pattern === undefined) throw unsupported(`${call.name} with a format that is not a string literal`);
  return { pattern, elements: readDatetimePattern(pattern, use) };
}

/** DuckDB text formatting the TIMESTAMP text `t` with call argument `index` as the pattern. */
function formatted(call: FunctionCall, index: number, t: string): string {
  const { elements } = patternArgument(call, index, 'format');
  return formatSql(elements, t);
}

/** A TIMESTAMP parsed from argument 0 with the pattern in argument `index` (or `pattern`). */
function parsed(call: FunctionCall, index: number | string, fail: boolean): string {
  const elements = typeof index === 'string' ? readDatetimePattern(index, 'parse') : patternArgument(call, index, 'parse').elements;
  const spec = parseSpec(elements);
  return overloaded('parse_datetime', call.sql(0), call.args[0], `${duckdbString(spec.regex)}, ${sqlList(spec.names)}, ${fail}`);
}

// ---- fields ----

const ts = (call: FunctionCall, index: number) => overloaded('ts_implicit', call.sql(index), call.args[index]);
const date = (call: FunctionCall, index: number) => overloaded('date_implicit', call.sql(index), call.args[index]);
const tsCast = (call: FunctionCall, index: number, fail = true) => overloaded('ts_cast', call.sql(index), call.args[index], String(fail));

// extract / date_part fields (Spark's DatePart.parseExtractField), as DuckDB text over a DATE `d` or TIMESTAMP `t`.
const EXTRACT_FIELDS: Array<[string[], (d: string, t: string) => string]> = [
  [['YEAR', 'Y', 'YEARS', 'YR', 'YRS'], (d) => `CAST(year(${d}) AS INTEGER)`],
  [['YEAROFWEEK'], (d) => `CAST(isoyear(${d}) AS INTEGER)`],
  [['QUARTER', 'QTR'], (d) => `CAST(quarter(${d}) AS INTEGER)`],
  [['MONTH', 'MON', 'MONS', 'MONTHS'], (d) => `CAST(month(${d}) AS INTEGER)`],
  [['WEEK', 'W', 'WEEKS'], (d) => `CAST(weekofyear(${d}) AS INTEGER)`],
  [['DAY', 'D', 'DAYS'], (d) => `CAST(day(${d}) AS INTEGER)`],
  [['DAYOFWEEK', 'DOW'], (d) => `CAST(dayofweek(${d}) + 1 AS INTEGER)`],
  [['DAYOFWEEK_ISO', 'DOW_ISO'], (d) => `CAST(isodow(${d}) AS INTEGER)`],
  [['DOY'], (d) => `CAST(dayofyear(${d}) AS INTEGER)`],
  [['HOUR', 'H', 'HOURS', 'HR', 'HRS'], (_, t) => `CAST(hour(${t}) AS INTEGER)`],
  [['MINUTE', 'M', 'MIN', 'MINS', 'MINUTES'], (_, t) => `CAST(minute(${t}) AS INTEGER)`],
  [['SECOND', 'S', 'SEC', 'SECONDS', 'SECS'], (_, t) => `CAST(CAST(microsecond(${t}) AS DECIMAL(18, 6)) / 1000000 AS DECIMAL(8, 6))`],
];

function extractField(call: FunctionCall, field: string, source: string, tokens: Token[]): string {
  const entry = EXTRACT_FIELDS.find(([names]) => names.includes(field.toUpperCase()));
  if (!entry) throw new DatabricksSqlError('INVALID_EXTRACT_FIELD', `Cannot extract \`${field}\` from ${source.trim()}.`, '42601');
  if (isWord(tokens.find(isSignificant), 'INTERVAL')) throw unsupported(`${call.name} from an INTERVAL`);
  return entry[1](overloaded('date_implicit', source, tokens), overloaded('ts_implicit', source, tokens));
}

/** extract(field FROM source). */
function extract(call: FunctionCall): string {
  arity(call, 1);
  const tokens = call.args[0].filter(isSignificant);
  if (tokens.length < 3 || tokens[0].kind !== 'word' || !isWord(tokens[1], 'FROM')) {
    throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', "Syntax error at or near 'extract'.", '42601');
  }
  return extractField(call, tokens[0].text, call.sqlSlice(0, 2), tokens.slice(2));
}

/** date_part('field', source): the field must be a constant string. */
function datePart(call: FunctionCall): string {
  arity(call, 2);
  const field = call.literal(0);
  if (field === undefined) {
    throw new DatabricksSqlError(
      'NON_FOLDABLE_ARGUMENT',
      `The function \`${call.name}\` requires the parameter \`field\` to be a foldable expression of the type "STRING", but the actual argument is a non-foldable.`,
      '42K08',
    );
  }
  return extractField(call, field, call.sql(1), call.args[1]);
}

const onDate = (sql: (d: string) => string): Translation => (call) => (arity(call, 1), sql(date(call, 0)));
const onTimestamp = (sql: (t: string) => string): Translation => (call) => (arity(call, 1), sql(ts(call, 0)));

// ---- arithmetic ----

const DATETIME_UNITS = ['YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'DAYOFYEAR', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND'];

/** The unit keyword of timestampadd/timestampdiff: a quoted unit is Databricks' INVALID_PARAMETER_VALUE.DATETIME_UNIT. */
function datetimeUnit(call: FunctionCall): string {
  const quoted = call.literal(0);
  if (quoted !== undefined) {
    throw new DatabricksSqlError(
      'INVALID_PARAMETER_VALUE.DATETIME_UNIT',
      `The value of parameter(s) \`unit\` in \`${call.name}\` is invalid: expects one of the units without quotes ${DATETIME_UNITS.join(', ')}, but got the string literal '${quoted}'.`,
      '22023',
    );
  }
  const unit = call.keyword(0)?.toUpperCase();
  if (!unit || !DATETIME_UNITS.includes(unit)) {
    throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${unit ?? call.sql(0)}': expected a datetime unit.`, '42601');
  }
  return unit;
}

const ADD_STEPS: Record<string, [number, string]> = {
  YEAR: [1, 'year'], QUARTER: [3, 'month'], MONTH: [1, 'month'], WEEK: [7, 'day'], DAY: [1, 'day'], DAYOFYEAR: [1, 'day'],
  HOUR: [1, 'hour'], MINUTE: [1, 'minute'], SECOND: [1, 'second'], MILLISECOND: [1, 'millisecond'], MICROSECOND: [1, 'microsecond'],
};

/** timestampadd(unit, value, expr): a TIMESTAMP; month steps land on a shorter month's last day. */
function timestampAdd(call: FunctionCall): string {
  arity(call, 3);
  const [factor, unit] = ADD_STEPS[datetimeUnit(call)];
  return `(${ts(call, 2)} + CAST(${call.sql(1)} AS BIGINT)${factor === 1 ? '' : ` * ${factor}`} * INTERVAL 1 ${unit})`;
}

const MICROS_PER: Record<string, bigint> = {
  MICROSECOND: 1n, MILLISECOND: 1000n, SECOND: 1_000_000n, MINUTE: 60_000_000n, HOUR: 3_600_000_000n, DAY: 86_400_000_000n, WEEK: 604_800_000_000n,
};

/** timestampdiff(unit, start, end): whole units elapsed, truncated toward zero (a DAY is 86400 seconds). */
function timestampDiff(call: FunctionCall): string {
  arity(call, 3);
  const unit = datetimeUnit(call);
  const start = ts(call, 1);
  const end = ts(call, 2);
  const micros = MICROS_PER[unit];
  // DuckDB's // on integers truncates toward zero, as Java's long division does.
  if (micros !== undefined) return `((epoch_us(${end}) - epoch_us(${start})) // ${micros})`;
  const months = `${H('months_elapsed')}(${start}, ${end})`;
  if (unit === 'MONTH') return months;
  return `(${months} // ${unit === 'QUARTER' ? 3 : 12})`;
}

/** The two-argument datediff(end, start) / date_diff(end, start): days between two dates. */
function daysBetween(call: FunctionCall): string {
  return `CAST(${date(call, 0)} - ${date(call, 1)} AS INTEGER)`;
}

const addDays = (sign: string) => (call: FunctionCall) => (arity(call, 2), `CAST(${date(call, 0)} ${sign} CAST(${call.sql(1)} AS INTEGER) AS DATE)`);

const TRUNC_UNITS: Record<string, string> = {
  YEAR: 'year', YYYY: 'year', YY: 'year', QUARTER: 'quarter', MONTH: 'month', MM: 'month', MON: 'month', WEEK: 'week',
  DAY: 'day', DD: 'day', HOUR: 'hour', MINUTE: 'minute', SECOND: 'second', MILLISECOND: 'millisecond', MICROSECOND: 'microsecond',
};

/** date_trunc(unit, expr): a TIMESTAMP (weeks start on Monday); an unknown unit gives NULL. */
function dateTrunc(call: FunctionCall): string {
  arity(call, 2);
  const value = ts(call, 1);
  return truncBy(call, 0, Object.keys(TRUNC_UNITS), (unit) => `date_trunc('${unit}', ${value})`, 'TIMESTAMP');
}

/** trunc(date, unit): a DATE, for YEAR, QUARTER, MONTH and WEEK units; NULL for others. */
function truncDate(call: FunctionCall): string {
  arity(call, 2);
  const value = date(call, 0);
  const units = ['YEAR', 'YYYY', 'YY', 'QUARTER', 'MONTH', 'MM', 'MON', 'WEEK'];
  return truncBy(call, 1, units, (unit) => `CAST(date_trunc('${unit}', ${value}) AS DATE)`, 'DATE');
}

function truncBy(call: FunctionCall, unitIndex: number, units: string[], truncate: (unit: string) => string, type: string): string {
  const literal = call.literal(unitIndex);
  if (literal !== undefined) {
    const key = literal.trim().toUpperCase();
    return units.includes(key) ? truncate(TRUNC_UNITS[key]) : `CAST(NULL AS ${type})`;
  }
  const cases = units.map((key) => `WHEN ${duckdbString(key)} THEN ${truncate(TRUNC_UNITS[key])}`);
  return `(CASE upper(${call.sql(unitIndex)}) ${cases.join(' ')} ELSE CAST(NULL AS ${type}) END)`;
}

// ---- conversions ----

/** to_timestamp(expr [, fmt]) and its kin: a cast without a pattern, a parse with one. */
const toTimestamp = (fail: boolean): Translation => (call) => {
  arity(call, 1, 2);
  if (call.args.length === 2) return parsed(call, 1, fail);
  return tsCast(call, 0, fail);
};

/** unix_timestamp([expr [, fmt]]) / to_unix_timestamp(expr [, fmt]): seconds since the epoch. */
const unixTimestamp = (minimum: number): Translation => (call) => {
  arity(call, ...[0, 1, 2].filter((count) => count >= minimum));
  if (!call.args.length) return `${H('epoch_seconds')}(CAST(current_timestamp AS TIMESTAMP))`;
  return `${H('epoch_seconds')}(${parsed(call, call.args.length === 2 ? 1 : 'yyyy-MM-dd HH:mm:ss', true)})`;
};

/** from_unixtime(seconds [, fmt]): the time as a string, 'yyyy-MM-dd HH:mm:ss' by default. */
function fromUnixtime(call: FunctionCall): string {
  arity(call, 1, 2);
  const t = `make_timestamp(${overloaded('whole_seconds', call.sql(0), call.args[0])} * 1000000)`;
  return call.args.length === 2 ? formatted(call, 1, t) : formatSql(readDatetimePattern('yyyy-MM-dd HH:mm:ss', 'format'), t);
}

/** convert_timezone([sourceTz, ] targetTz, sourceTs): a wall time in one zone as the wall time in another. */
function convertTimezone(call: FunctionCall): string {
  arity(call, 2, 3);
  const [source, target, value] = call.args.length === 3 ? [call.sql(0), call.sql(1), ts(call, 2)] : ["'UTC'", call.sql(0), ts(call, 1)];
  return `${H('shift_zone')}(${H('shift_zone')}(${value}, ${source}, -1), ${target}, 1)`;
}

/** CAST and try_cast to DATE, TIMESTAMP or TIMESTAMP_NTZ as Spark casts (numbers are seconds since the epoch); undefined for other types. */
export function datetimeCast(operand: string, tokens: Token[], type: string, tryCast: boolean): string | undefined {
  const target = type.toUpperCase();
  if (target === 'DATE') return overloaded('date_cast', operand, tokens, String(!tryCast));
  if (target === 'TIMESTAMP' || target === 'TIMESTAMP_NTZ' || target === 'TIMESTAMP_LTZ') return overloaded('ts_cast', operand, tokens, String(!tryCast));
  return undefined;
}

/** DATE'…' and TIMESTAMP'…' literals read as Spark reads strings (a zone or offset in a timestamp counts). */
export function datetimeLiteral(type: string, value: string): string | undefined {
  if (type === 'DATE') return `${H('string_to_date')}(${duckdbString(value)}, true)`;
  if (type === 'TIMESTAMP' || type === 'TIMESTAMP_NTZ' || type === 'TIMESTAMP_LTZ') return `${H('string_to_timestamp')}(${duckdbString(value)}, true)`;
  return undefined;
}

/** Date and time functions whose DuckDB namesakes compute something else, or that DuckDB lacks. */
export const DATETIME_TRANSLATIONS: Record<string, Translation> = {
  extract,
  date_part: datePart,
  datepart: datePart,
  year: onDate((d) => `CAST(year(${d}) AS INTEGER)`),
  quarter: onDate((d) => `CAST(quarter(${d}) AS INTEGER)`),
  month: onDate((d) => `CAST(month(${d}) AS INTEGER)`),
  day: onDate((d) => `CAST(day(${d}) AS INTEGER)`),
  dayofmonth: onDate((d) => `CAST(day(${d}) AS INTEGER)`),
  dayofyear: onDate((d) => `CAST(dayofyear(${d}) AS INTEGER)`),
  weekofyear: onDate((d) => `CAST(weekofyear(${d}) AS INTEGER)`),
  // Spark's dayofweek is 1 (Sunday) to 7; weekday is 0 (Monday) to 6.
  dayofweek: onDate((d) => `CAST(dayofweek(${d}) + 1 AS INTEGER)`),
  weekday: onDate((d) => `CAST(isodow(${d}) - 1 AS INTEGER)`),
  // Three-letter English names (DuckDB's dayname and monthname spell them out).
  dayname: onDate((d) => `strftime(${d}, '%a')`),
  monthname: onDate((d) => `strftime(${d}, '%b')`),
  hour: onTimestamp((t) => `CAST(hour(${t}) AS INTEGER)`),
  minute: onTimestamp((t) => `CAST(minute(${t}) AS INTEGER)`),
  second: onTimestamp((t) => `CAST(second(${t}) AS INTEGER)`),
  date_format: (call) => (arity(call, 2), formatted(call, 1, ts(call, 0))),
  to_date: (call) => (arity(call, 1, 2), call.args.length === 1 ? date(call, 0) : `CAST(${parsed(call, 1, true)} AS DATE)`),
  to_timestamp: toTimestamp(true),
  to_timestamp_ntz: toTimestamp(true),
  to_timestamp_ltz: toTimestamp(true),
  try_to_timestamp: toTimestamp(false),
  unix_timestamp: unixTimestamp(0),
  to_unix_timestamp: unixTimestamp(1),
  from_unixtime: fromUnixtime,
  unix_seconds: onTimestamp((t) => `${H('epoch_seconds')}(${t})`),
  unix_millis: onTimestamp((t) => `(epoch_us(${t}) - ((epoch_us(${t}) % 1000) + 1000) % 1000) // 1000`),
  unix_micros: onTimestamp((t) => `epoch_us(${t})`),
  unix_date: onDate((d) => `CAST(${d} - DATE '1970-01-01' AS INTEGER)`),
  date_from_unix_date: (call) => (arity(call, 1), `CAST(DATE '1970-01-01' + CAST(${call.sql(0)} AS INTEGER) AS DATE)`),
  timestamp_seconds: (call) => (arity(call, 1), tsCast(call, 0)),
  timestamp_millis: (call) => (arity(call, 1), `make_timestamp(CAST(${call.sql(0)} AS BIGINT) * 1000)`),
  timestamp_micros: (call) => (arity(call, 1), `make_timestamp(CAST(${call.sql(0)} AS BIGINT))`),
  make_date: (call) => (arity(call, 3), `${H('make_date')}(CAST(${call.sql(0)} AS INTEGER), CAST(${call.sql(1)} AS INTEGER), CAST(${call.sql(2)} AS INTEGER))`),
  last_day: onDate((d) => `last_day(${d})`),
  next_day: (call) => (arity(call, 2), `${H('next_day')}(${date(call, 0)}, ${call.sql(1)})`),
  months_between: (call) => (arity(call, 2, 3), `${H('months_between')}(${ts(call, 0)}, ${ts(call, 1)}, ${call.args.length === 3 ? call.sql(2) : 'true'})`),
  add_months: (call) => (arity(call, 2), `CAST(${date(call, 0)} + CAST(${call.sql(1)} AS INTEGER) * INTERVAL 1 month AS DATE)`),
  timestampadd: timestampAdd,
  dateadd: (call) => (call.args.length === 3 ? timestampAdd(call) : addDays('+')(call)),
  date_add: (call) => (call.args.length === 3 ? timestampAdd(call) : addDays('+')(call)),
  date_sub: addDays('-'),
  timestampdiff: timestampDiff,
  timediff: timestampDiff,
  datediff: (call) => (call.args.length === 3 ? timestampDiff(call) : (arity(call, 2), daysBetween(call))),
  date_diff: (call) => (call.args.length === 3 ? timestampDiff(call) : (arity(call, 2), daysBetween(call))),
  date_trunc: dateTrunc,
  trunc: truncDate,
  // to_utc_timestamp(ts, tz): the wall time `ts` in `tz`, shown as UTC's wall time; from_utc_timestamp the reverse.
  to_utc_timestamp: (call) => (arity(call, 2), `${H('shift_zone')}(${ts(call, 0)}, ${call.sql(1)}, -1)`),
  from_utc_timestamp: (call) => (arity(call, 2), `${H('shift_zone')}(${ts(call, 0)}, ${call.sql(1)}, 1)`),
  convert_timezone: convertTimezone,
  current_timestamp: (call) => (arity(call, 0), 'CAST(current_timestamp AS TIMESTAMP)'),
  now: (call) => (arity(call, 0), 'CAST(current_timestamp AS TIMESTAMP)'),
  localtimestamp: (call) => (arity(call, 0), 'CAST(current_timestamp AS TIMESTAMP)'),
  current_date: (call) => (arity(call, 0), 'current_date'),
  curdate: (call) => (arity(call, 0), 'current_date'),
  date: (call) => (arity(call, 1), date(call, 0)),
  timestamp: (call) => (arity(call, 1), tsCast(call, 0)),
};
