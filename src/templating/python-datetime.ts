/**
 * Python's `datetime` module as dbt templates reach it (`modules.datetime`): date, datetime, time,
 * timedelta and the tzinfo protocol, with Python's arithmetic, comparisons, str()/repr(), strftime
 * (glibc's directives, as CPython on Linux prints them), strptime and fromisoformat.
 *
 * Values are exact: a date is its day ordinal, a time of day is microseconds, a timedelta is Python's
 * (days, seconds, microseconds). Operators reach these objects through the `__add__`/`__lt__`/… hooks
 * of python-values.ts; the Jinja runtime hides the `_`-prefixed fields from templates.
 */
import { bindArgs, REQUIRED, type Kwargs, type Signature } from './python-args.js';
import { pyFunction, splitKeywordArgs, type JinjaFunction } from './jinja-runtime.js';
import {
  DAY_NAMES,
  EPOCH_ORDINAL,
  MAX_ORDINAL,
  MAX_YEAR,
  MIN_YEAR,
  MONTH_NAMES,
  checkDate,
  fromIsoCalendar,
  fromOrdinal,
  isoCalendar,
  toOrdinal,
  weekdayOf,
} from './python-calendar.js';
import { NOT_IMPLEMENTED, PyNamedTuple, isNumeric, isStr, makeFloat, pyError, pyRepr, strRepr, strValue, toNumber, typeName } from './python-values.js';

const US_PER_SECOND = 1_000_000;
const US_PER_MINUTE = 60_000_000;
const US_PER_HOUR = 3_600_000_000;
const US_PER_DAY = 86_400_000_000;
const MAX_DELTA_DAYS = 999_999_999;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Binds a method's nunjucks-style arguments (positional, then a keyword object) to a signature. */
function params(name: string, raw: unknown[], signature: Signature): unknown[] {
  const { args, kwargs } = splitKeywordArgs(raw);
  return bindArgs(name, signature, args, kwargs);
}

/** An int argument, as Python's C functions take them (bool counts; float does not). */
export function intArg(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  throw pyError('TypeError', `'${typeName(value)}' object cannot be interpreted as an integer`);
}

function isIntegral(value: unknown): boolean {
  return typeof value === 'boolean' || typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}

function strArg(value: unknown, what: string): string {
  if (!isStr(value)) throw pyError('TypeError', `${what} argument must be str, not ${typeName(value)}`);
  return strValue(value);
}

// ---------------------------------------------------------------- exact rationals for timedelta

/** A float's exact value as numerator/denominator (Python's float.as_integer_ratio). */
function floatRatio(value: number): [bigint, bigint] {
  if (!Number.isFinite(value)) throw pyError(Number.isNaN(value) ? 'ValueError' : 'OverflowError', 'cannot convert float to integer');
  let scaled = value;
  let denominator = 1n;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    denominator *= 2n;
  }
  return [BigInt(scaled), denominator];
}

/** numerator/denominator rounded to an integer, ties to even (how Python rounds microseconds). */
function divideRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  let quotient = numerator / denominator;
  let remainder = numerator % denominator;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += denominator;
  }
  const twice = 2n * remainder;
  if (twice > denominator || (twice === denominator && quotient % 2n !== 0n)) quotient += 1n;
  return quotient;
}

function exactRatio(value: unknown): [bigint, bigint] {
  if (typeof value === 'bigint') return [value, 1n];
  if (typeof value === 'boolean') return [value ? 1n : 0n, 1n];
  const number = toNumber(value);
  return Number.isInteger(number) ? [BigInt(number), 1n] : floatRatio(number);
}

// ---------------------------------------------------------------- timedelta

export class PyTimedelta {
  /** Already in Python's normal form: 0 <= seconds < 86400, 0 <= microseconds < 1e6. */
  constructor(
    readonly _days: number,
    readonly _seconds: number,
    readonly _micro: number,
  ) {}

  /** Any (days, seconds, microseconds) integers, carried into the normal form and range-checked. */
  static of(days: number, seconds: number, microseconds: number): PyTimedelta {
    const carrySeconds = Math.floor(microseconds / US_PER_SECOND);
    const micro = microseconds - carrySeconds * US_PER_SECOND;
    const totalSeconds = seconds + carrySeconds;
    const carryDays = Math.floor(totalSeconds / 86_400);
    const normalDays = days + carryDays;
    if (Math.abs(normalDays) > MAX_DELTA_DAYS) throw pyError('OverflowError', `days=${normalDays}; must have magnitude <= ${MAX_DELTA_DAYS}`);
    return new PyTimedelta(normalDays, totalSeconds - carryDays * 86_400, micro);
  }

  static fromMicroseconds(total: bigint): PyTimedelta {
    const day = BigInt(US_PER_DAY);
    let days = total / day;
    let rest = total % day;
    if (rest < 0n) {
      days -= 1n;
      rest += day;
    }
    if (days > BigInt(MAX_DELTA_DAYS) || days < -BigInt(MAX_DELTA_DAYS)) throw pyError('OverflowError', `days=${days}; must have magnitude <= ${MAX_DELTA_DAYS}`);
    return PyTimedelta.of(Number(days), 0, Number(rest));
  }

  _totalMicroseconds(): bigint {
    return BigInt(this._days) * BigInt(US_PER_DAY) + BigInt(this._seconds * US_PER_SECOND + this._micro);
  }

  /** The whole delta in microseconds; exact below 2^53 (about 285 years). */
  _microsNumber(): number {
    return this._days * US_PER_DAY + this._seconds * US_PER_SECOND + this._micro;
  }

  get days(): number {
    return this._days;
  }
  get seconds(): number {
    return this._seconds;
  }
  get microseconds(): number {
    return this._micro;
  }
  total_seconds(): unknown {
    return makeFloat(Number(this._totalMicroseconds()) / US_PER_SECOND);
  }

  __str__(): string {
    const hours = Math.floor(this._seconds / 3600);
    const minutes = Math.floor(this._seconds / 60) % 60;
    let text = `${hours}:${pad(minutes)}:${pad(this._seconds % 60)}`;
    if (this._micro) text += `.${pad(this._micro, 6)}`;
    if (this._days) text = `${this._days} day${Math.abs(this._days) === 1 ? '' : 's'}, ${text}`;
    return text;
  }
  __repr__(): string {
    const parts: string[] = [];
    if (this._days) parts.push(`days=${this._days}`);
    if (this._seconds) parts.push(`seconds=${this._seconds}`);
    if (this._micro) parts.push(`microseconds=${this._micro}`);
    return `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
  }
  toString(): string {
    return this.__str__();
  }
  __bool__(): boolean {
    return this._days !== 0 || this._seconds !== 0 || this._micro !== 0;
  }
  __hash_key__(): string {
    return `timedelta:${this._days}:${this._seconds}:${this._micro}`;
  }
  __eq__(other: unknown): boolean {
    return other instanceof PyTimedelta && other._days === this._days && other._seconds === this._seconds && other._micro === this._micro;
  }
  __lt__(other: unknown): unknown {
    if (!(other instanceof PyTimedelta)) return NOT_IMPLEMENTED;
    return this._totalMicroseconds() < other._totalMicroseconds();
  }
  __neg__(): PyTimedelta {
    return PyTimedelta.of(-this._days, -this._seconds, -this._micro);
  }
  __pos__(): PyTimedelta {
    return this;
  }
  /** For an `abs` that consults it (Jinja's `abs` filter does not yet). */
  __abs__(): PyTimedelta {
    return this._days < 0 ? this.__neg__() : this;
  }
  __add__(other: unknown): unknown {
    if (!(other instanceof PyTimedelta)) return NOT_IMPLEMENTED;
    return PyTimedelta.of(this._days + other._days, this._seconds + other._seconds, this._micro + other._micro);
  }
  __radd__(other: unknown): unknown {
    return this.__add__(other);
  }
  __sub__(other: unknown): unknown {
    if (!(other instanceof PyTimedelta)) return NOT_IMPLEMENTED;
    return PyTimedelta.of(this._days - other._days, this._seconds - other._seconds, this._micro - other._micro);
  }
  __mul__(other: unknown): unknown {
    if (!isNumeric(other)) return NOT_IMPLEMENTED;
    const [numerator, denominator] = exactRatio(other);
    return PyTimedelta.fromMicroseconds(divideRoundHalfEven(this._totalMicroseconds() * numerator, denominator));
  }
  __rmul__(other: unknown): unknown {
    return this.__mul__(other);
  }
  __truediv__(other: unknown): unknown {
    if (other instanceof PyTimedelta) {
      if (!other.__bool__()) throw pyError('ZeroDivisionError', 'division by zero');
      return makeFloat(Number(this._totalMicroseconds()) / Number(other._totalMicroseconds()));
    }
    if (!isNumeric(other)) return NOT_IMPLEMENTED;
    const [numerator, denominator] = exactRatio(other);
    if (numerator === 0n) throw pyError('ZeroDivisionError', 'division by zero');
    return PyTimedelta.fromMicroseconds(divideRoundHalfEven(this._totalMicroseconds() * denominator, numerator));
  }
  __floordiv__(other: unknown): unknown {
    if (other instanceof PyTimedelta) {
      if (!other.__bool__()) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
      return Number(floorDivide(this._totalMicroseconds(), other._totalMicroseconds()));
    }
    if (!isIntegral(other)) return NOT_IMPLEMENTED;
    const divisor = BigInt(intArg(other));
    if (divisor === 0n) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
    return PyTimedelta.fromMicroseconds(floorDivide(this._totalMicroseconds(), divisor));
  }
  __mod__(other: unknown): unknown {
    if (!(other instanceof PyTimedelta)) return NOT_IMPLEMENTED;
    if (!other.__bool__()) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
    const a = this._totalMicroseconds();
    const b = other._totalMicroseconds();
    return PyTimedelta.fromMicroseconds(a - floorDivide(a, b) * b);
  }
}

function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return quotient * b !== a && a < 0n !== b < 0n ? quotient - 1n : quotient;
}

const TIMEDELTA_UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['days', BigInt(US_PER_DAY)],
  ['seconds', BigInt(US_PER_SECOND)],
  ['microseconds', 1n],
  ['milliseconds', 1000n],
  ['minutes', BigInt(US_PER_MINUTE)],
  ['hours', BigInt(US_PER_HOUR)],
  ['weeks', 7n * BigInt(US_PER_DAY)],
];

/** `timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)`: exact, then rounded half-even. */
function makeTimedelta(args: unknown[], kwargs: Kwargs): PyTimedelta {
  const values = bindArgs('timedelta', TIMEDELTA_UNITS.map(([name]) => [name, 0] as const), args, kwargs);
  let numerator = 0n;
  let denominator = 1n;
  TIMEDELTA_UNITS.forEach(([name, unit], i) => {
    const value = values[i];
    if (!isNumeric(value)) throw pyError('TypeError', `unsupported type for timedelta ${name} component: ${typeName(value)}`);
    const [n, d] = exactRatio(value);
    numerator = numerator * d + n * unit * denominator;
    denominator *= d;
  });
  return PyTimedelta.fromMicroseconds(divideRoundHalfEven(numerator, denominator));
}

// ---------------------------------------------------------------- tzinfo

/** `+HH:MM`, with `:SS` and `.ffffff` only when present, as Python prints UTC offsets. */
export function formatOffset(offsetMicros: number, separator: string): string {
  const sign = offsetMicros < 0 ? '-' : '+';
  let rest = Math.abs(offsetMicros);
  const hours = Math.floor(rest / US_PER_HOUR);
  rest -= hours * US_PER_HOUR;
  const minutes = Math.floor(rest / US_PER_MINUTE);
  rest -= minutes * US_PER_MINUTE;
  const seconds = Math.floor(rest / US_PER_SECOND);
  const micro = rest - seconds * US_PER_SECOND;
  let text = `${sign}${pad(hours)}${separator}${pad(minutes)}`;
  if (seconds || micro) text += `${separator}${pad(seconds)}`;
  if (micro) text += `.${pad(micro, 6)}`;
  return text;
}

/**
 * Python's tzinfo protocol. The `_` methods are what datetime uses; the others are what templates call
 * (`tz.utcoffset(dt)`), which zones with their own rules (pytz) override.
 */
export abstract class PyTzinfo {
  /** The UTC offset in microseconds of a datetime that carries this tzinfo, or null (naive). */
  abstract _offsetOf(dt: PyDatetime | null): number | null;
  abstract _nameOf(dt: PyDatetime | null): string | null;
  abstract _dstOf(dt: PyDatetime | null): number | null;
  /** This zone's datetime for a UTC wall time (a naive datetime holding UTC). */
  abstract _fromUtc(utc: PyDatetime): PyDatetime;

  utcoffset(...raw: unknown[]): PyTimedelta | null {
    const [dt] = params('utcoffset', raw, [['dt', REQUIRED]]);
    return deltaOrNone(this._offsetOf(datetimeOrNone(dt)));
  }
  tzname(...raw: unknown[]): string | null {
    const [dt] = params('tzname', raw, [['dt', REQUIRED]]);
    return this._nameOf(datetimeOrNone(dt));
  }
  dst(...raw: unknown[]): PyTimedelta | null {
    const [dt] = params('dst', raw, [['dt', REQUIRED]]);
    return deltaOrNone(this._dstOf(datetimeOrNone(dt)));
  }
  fromutc(...raw: unknown[]): PyDatetime {
    const [dt] = params('fromutc', raw, [['dt', REQUIRED]]);
    if (!(dt instanceof PyDatetime)) throw pyError('TypeError', 'fromutc() argument must be a datetime.datetime instance');
    if (dt._tz !== this) throw pyError('ValueError', 'fromutc: dt.tzinfo is not self');
    return this._fromUtc(dt._withTz(null));
  }
}

function deltaOrNone(micros: number | null): PyTimedelta | null {
  return micros === null ? null : PyTimedelta.of(0, 0, micros);
}

function datetimeOrNone(value: unknown): PyDatetime | null {
  if (value === null || value instanceof PyDatetime) return value;
  throw pyError('TypeError', `argument must be a datetime.datetime instance or None, not ${typeName(value)}`);
}

export function tzinfoArg(value: unknown): PyTzinfo | null {
  if (value === null || value === undefined) return null;
  if (value instanceof PyTzinfo) return value;
  throw pyError('TypeError', `tzinfo argument must be None or of a tzinfo subclass, not type '${typeName(value)}'`);
}

/** `datetime.timezone`: a fixed offset from UTC, with an optional name. */
export class PyTimezone extends PyTzinfo {
  constructor(
    readonly _offset: number,
    readonly _name: string | null = null,
  ) {
    super();
  }
  _offsetOf(): number {
    return this._offset;
  }
  _nameOf(): string {
    if (this._name !== null) return this._name;
    return this._offset === 0 ? 'UTC' : `UTC${formatOffset(this._offset, ':')}`;
  }
  _dstOf(): null {
    return null;
  }
  _fromUtc(utc: PyDatetime): PyDatetime {
    return utc._shifted(this._offset)._withTz(this);
  }
  __str__(): string {
    return this._nameOf();
  }
  __repr__(): string {
    if (this._offset === 0 && this._name === null) return 'datetime.timezone.utc';
    const delta = PyTimedelta.of(0, 0, this._offset).__repr__();
    return this._name === null ? `datetime.timezone(${delta})` : `datetime.timezone(${delta}, ${strRepr(this._name)})`;
  }
  __eq__(other: unknown): boolean {
    return other instanceof PyTimezone && other._offset === this._offset;
  }
  __hash_key__(): string {
    return `timezone:${this._offset}`;
  }
}

export const UTC_TIMEZONE = new PyTimezone(0);

/** A fixed-offset timezone as fromisoformat/strptime make them (`+00:00` is `timezone.utc`). */
function fixedTimezone(offsetMicros: number): PyTimezone {
  if (Math.abs(offsetMicros) >= US_PER_DAY) {
    throw pyError(
      'ValueError',
      `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${PyTimedelta.of(0, 0, offsetMicros).__repr__()}.`,
    );
  }
  return offsetMicros === 0 ? UTC_TIMEZONE : new PyTimezone(offsetMicros);
}

// ---------------------------------------------------------------- the machine's local time

/** Milliseconds since the epoch of a wall time read in the machine's time zone (what naive datetimes mean to timestamp()). */
function localWallToEpochMs(ordinal: number, micros: number): number {
  const [year, month, day] = fromOrdinal(ordinal);
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month - 1, day);
  const ms = Math.floor(micros / 1000);
  date.setHours(Math.floor(ms / 3_600_000), Math.floor(ms / 60_000) % 60, Math.floor(ms / 1000) % 60, ms % 1000);
  return date.getTime();
}

function localOffsetMicros(epochMs: number): number {
  return -new Date(epochMs).getTimezoneOffset() * US_PER_MINUTE;
}

function localZoneName(epochMs: number): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'UTC';
}

// ---------------------------------------------------------------- date

const KEEP: unique symbol = Symbol('keep');

export class PyDate {
  constructor(
    readonly _ordinal: number,
    readonly _year: number,
    readonly _month: number,
    readonly _day: number,
  ) {}

  static fromOrdinal(ordinal: number): PyDate {
    if (ordinal < 1 || ordinal > MAX_ORDINAL) throw pyError('OverflowError', 'date value out of range');
    const [year, month, day] = fromOrdinal(ordinal);
    return new PyDate(ordinal, year, month, day);
  }

  static of(year: number, month: number, day: number): PyDate {
    checkDate(year, month, day);
    return new PyDate(toOrdinal(year, month, day), year, month, day);
  }

  get year(): number {
    return this._year;
  }
  get month(): number {
    return this._month;
  }
  get day(): number {
    return this._day;
  }
  weekday(): number {
    return weekdayOf(this._ordinal);
  }
  isoweekday(): number {
    return weekdayOf(this._ordinal) + 1;
  }
  isocalendar(): PyNamedTuple {
    return PyNamedTuple.create(['year', 'week', 'weekday'], isoCalendar(this._ordinal, this._year), 'datetime.IsoCalendarDate');
  }
  toordinal(): number {
    return this._ordinal;
  }
  isoformat(): string {
    return `${pad(this._year, 4)}-${pad(this._month)}-${pad(this._day)}`;
  }
  strftime(...raw: unknown[]): string {
    const [format] = params('strftime', raw, [['format', REQUIRED]]);
    return strftime(strArg(format, 'strftime()'), this._fields());
  }
  ctime(): string {
    return strftime('%a %b %e %H:%M:%S %Y', this._fields());
  }
  replace(...raw: unknown[]): PyDate {
    const [year, month, day] = params('replace', raw, [
      ['year', KEEP],
      ['month', KEEP],
      ['day', KEEP],
    ]);
    return PyDate.of(year === KEEP ? this._year : intArg(year), month === KEEP ? this._month : intArg(month), day === KEEP ? this._day : intArg(day));
  }
  /** What strftime reads; a date's time of day is midnight, with no zone. */
  _fields(): TimeFields {
    return { ordinal: this._ordinal, year: this._year, month: this._month, day: this._day, micros: 0, offset: null, zoneName: null, epochSeconds: () => Math.floor(localWallToEpochMs(this._ordinal, 0) / 1000) };
  }
  _shiftedDays(days: number): PyDate {
    return PyDate.fromOrdinal(this._ordinal + days);
  }

  __str__(): string {
    return this.isoformat();
  }
  toString(): string {
    return this.__str__();
  }
  /** `format(d, spec)`: strftime with the spec, str() without one. */
  __format__(spec: string): string {
    return spec ? strftime(spec, this._fields()) : this.__str__();
  }
  __repr__(): string {
    return `datetime.date(${this._year}, ${this._month}, ${this._day})`;
  }
  __hash_key__(): string {
    return `date:${this._ordinal}`;
  }
  __eq__(other: unknown): boolean {
    return other instanceof PyDate && !(other instanceof PyDatetime) && other._ordinal === this._ordinal;
  }
  __lt__(other: unknown): unknown {
    // Python's message names the types in this order whichever side the datetime is on.
    if (other instanceof PyDatetime) throw pyError('TypeError', "can't compare datetime.datetime to datetime.date");
    if (!(other instanceof PyDate)) return NOT_IMPLEMENTED;
    return this._ordinal < other._ordinal;
  }
  __add__(other: unknown): unknown {
    return other instanceof PyTimedelta ? this._shiftedDays(other._days) : NOT_IMPLEMENTED;
  }
  __radd__(other: unknown): unknown {
    return this.__add__(other);
  }
  __sub__(other: unknown): unknown {
    if (other instanceof PyTimedelta) return this._shiftedDays(-other._days);
    if (other instanceof PyDate && !(other instanceof PyDatetime)) return PyTimedelta.of(this._ordinal - other._ordinal, 0, 0);
    return NOT_IMPLEMENTED;
  }
}

// ---------------------------------------------------------------- time of day (shared by time and datetime)

function timeFields(micros: number): [number, number, number, number] {
  const hour = Math.floor(micros / US_PER_HOUR);
  const minute = Math.floor(micros / US_PER_MINUTE) % 60;
  const second = Math.floor(micros / US_PER_SECOND) % 60;
  return [hour, minute, second, micros % US_PER_SECOND];
}

function checkTime(hour: number, minute: number, second: number, microsecond: number, fold: number): number {
  if (hour < 0 || hour > 23) throw pyError('ValueError', 'hour must be in 0..23');
  if (minute < 0 || minute > 59) throw pyError('ValueError', 'minute must be in 0..59');
  if (second < 0 || second > 59) throw pyError('ValueError', 'second must be in 0..59');
  if (microsecond < 0 || microsecond > 999_999) throw pyError('ValueError', 'microsecond must be in 0..999999');
  if (fold !== 0 && fold !== 1) throw pyError('ValueError', 'fold must be either 0 or 1');
  return hour * US_PER_HOUR + minute * US_PER_MINUTE + second * US_PER_SECOND + microsecond;
}

function isoTime(micros: number, timespec: unknown): string {
  const spec = strArg(timespec, 'isoformat()');
  const [hour, minute, second, micro] = timeFields(micros);
  switch (spec) {
    case 'hours':
      return pad(hour);
    case 'minutes':
      return `${pad(hour)}:${pad(minute)}`;
    case 'seconds':
      return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
    case 'milliseconds':
      return `${pad(hour)}:${pad(minute)}:${pad(second)}.${pad(Math.floor(micro / 1000), 3)}`;
    case 'microseconds':
      return `${pad(hour)}:${pad(minute)}:${pad(second)}.${pad(micro, 6)}`;
    case 'auto':
      return `${pad(hour)}:${pad(minute)}:${pad(second)}${micro ? `.${pad(micro, 6)}` : ''}`;
    default:
      throw pyError('ValueError', 'Unknown timespec value');
  }
}

/** `, 5` for repr(): seconds and microseconds only when they are not zero, as Python prints them. */
function reprTime(micros: number): string {
  const [hour, minute, second, micro] = timeFields(micros);
  let text = `${hour}, ${minute}`;
  if (second || micro) text += `, ${second}`;
  if (micro) text += `, ${micro}`;
  return text;
}

// ---------------------------------------------------------------- datetime

export class PyDatetime extends PyDate {
  constructor(
    ordinal: number,
    year: number,
    month: number,
    day: number,
    /** Microseconds since midnight of the wall clock. */
    readonly _micros: number,
    readonly _tz: PyTzinfo | null,
    readonly _fold: number = 0,
  ) {
    super(ordinal, year, month, day);
  }

  static fromParts(ordinal: number, micros: number, tz: PyTzinfo | null, fold = 0): PyDatetime {
    const carry = Math.floor(micros / US_PER_DAY);
    const day = ordinal + carry;
    if (day < 1 || day > MAX_ORDINAL) throw pyError('OverflowError', 'date value out of range');
    const [year, month, dayOfMonth] = fromOrdinal(day);
    return new PyDatetime(day, year, month, dayOfMonth, micros - carry * US_PER_DAY, tz, fold);
  }

  static override of(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, microsecond = 0, tz: PyTzinfo | null = null, fold = 0): PyDatetime {
    checkDate(year, month, day);
    const micros = checkTime(hour, minute, second, microsecond, fold);
    return new PyDatetime(toOrdinal(year, month, day), year, month, day, micros, tz, fold);
  }

  /** A UTC instant (ms since the epoch, plus sub-millisecond microseconds) as a naive UTC wall time. */
  static utcFromEpochMs(epochMs: number, extraMicros = 0): PyDatetime {
    const days = Math.floor(epochMs / 86_400_000);
    return PyDatetime.fromParts(EPOCH_ORDINAL + days, (epochMs - days * 86_400_000) * 1000 + extraMicros, null);
  }

  /** A UTC instant as the machine's naive local wall time. */
  static localFromEpochMs(epochMs: number, extraMicros = 0): PyDatetime {
    return PyDatetime.utcFromEpochMs(epochMs, extraMicros)._shifted(localOffsetMicros(epochMs));
  }

  get hour(): number {
    return timeFields(this._micros)[0];
  }
  get minute(): number {
    return timeFields(this._micros)[1];
  }
  get second(): number {
    return timeFields(this._micros)[2];
  }
  get microsecond(): number {
    return this._micros % US_PER_SECOND;
  }
  get tzinfo(): PyTzinfo | null {
    return this._tz;
  }
  get fold(): number {
    return this._fold;
  }

  /** The UTC offset in microseconds; null when naive. */
  _offset(): number | null {
    return this._tz ? this._tz._offsetOf(this) : null;
  }
  _shifted(micros: number): PyDatetime {
    return PyDatetime.fromParts(this._ordinal, this._micros + micros, this._tz);
  }
  _withTz(tz: PyTzinfo | null): PyDatetime {
    return new PyDatetime(this._ordinal, this._year, this._month, this._day, this._micros, tz, this._fold);
  }
  /** The UTC instant as (day ordinal, microseconds of day); the wall time itself when naive. */
  _instant(): [number, number] {
    const offset = this._offset();
    if (offset === null || offset === 0) return [this._ordinal, this._micros];
    const micros = this._micros - offset;
    const carry = Math.floor(micros / US_PER_DAY);
    return [this._ordinal + carry, micros - carry * US_PER_DAY];
  }
  /** Milliseconds since the epoch (sub-millisecond microseconds dropped); naive datetimes are local time. */
  _epochMs(): number {
    if (this._offset() === null) return localWallToEpochMs(this._ordinal, this._micros);
    const [days, micros] = this._instant();
    return (days - EPOCH_ORDINAL) * 86_400_000 + Math.floor(micros / 1000);
  }
  /** The naive UTC wall time of this instant (naive datetimes are read as local time, as Python does). */
  _utcWall(): PyDatetime {
    if (this._offset() === null) return PyDatetime.utcFromEpochMs(this._epochMs(), this._micros % 1000);
    const [days, micros] = this._instant();
    return PyDatetime.fromParts(days, micros, null);
  }

  override _fields(): TimeFields {
    return {
      ordinal: this._ordinal,
      year: this._year,
      month: this._month,
      day: this._day,
      micros: this._micros,
      offset: this._offset(),
      zoneName: this._tz ? this._tz._nameOf(this) : null,
      epochSeconds: () => Math.floor(localWallToEpochMs(this._ordinal, this._micros) / 1000),
    };
  }

  date(): PyDate {
    return new PyDate(this._ordinal, this._year, this._month, this._day);
  }
  time(): PyTime {
    return new PyTime(this._micros, null, this._fold);
  }
  timetz(): PyTime {
    return new PyTime(this._micros, this._tz, this._fold);
  }
  override replace(...raw: unknown[]): PyDatetime {
    const names = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo', 'fold'] as const;
    const values = params('replace', raw, names.map((name) => [name, KEEP] as const));
    const current = [this._year, this._month, this._day, ...timeFields(this._micros)];
    const pick = (i: number): number => (values[i] === KEEP ? current[i] : intArg(values[i]));
    const tz = values[7] === KEEP ? this._tz : tzinfoArg(values[7]);
    const fold = values[8] === KEEP ? this._fold : intArg(values[8]);
    return PyDatetime.of(pick(0), pick(1), pick(2), pick(3), pick(4), pick(5), pick(6), tz, fold);
  }
  astimezone(...raw: unknown[]): PyDatetime {
    const [tzValue] = params('astimezone', raw, [['tz', null]]);
    const tz = tzinfoArg(tzValue);
    if (tz !== null && tz === this._tz) return this;
    const utc = this._utcWall();
    if (tz !== null) return tz._fromUtc(utc);
    // No zone given: the machine's local zone, as a fixed offset named like the platform names it.
    const epochMs = this._epochMs();
    return new PyTimezone(localOffsetMicros(epochMs), localZoneName(epochMs))._fromUtc(utc);
  }
  utcoffset(): PyTimedelta | null {
    return deltaOrNone(this._offset());
  }
  dst(): PyTimedelta | null {
    return this._tz ? deltaOrNone(this._tz._dstOf(this)) : null;
  }
  tzname(): string | null {
    return this._tz ? this._tz._nameOf(this) : null;
  }
  timestamp(): unknown {
    if (this._offset() === null) return makeFloat((localWallToEpochMs(this._ordinal, this._micros) * 1000 + (this._micros % 1000)) / US_PER_SECOND);
    const [days, micros] = this._instant();
    return makeFloat(((days - EPOCH_ORDINAL) * US_PER_DAY + micros) / US_PER_SECOND);
  }
  override isoformat(...raw: unknown[]): string {
    const [sep, timespec] = params('isoformat', raw, [
      ['sep', 'T'],
      ['timespec', 'auto'],
    ]);
    const offset = this._offset();
    return `${super.isoformat()}${strArg(sep, 'isoformat()')}${isoTime(this._micros, timespec)}${offset === null ? '' : formatOffset(offset, ':')}`;
  }
  override ctime(): string {
    return strftime('%a %b %e %H:%M:%S %Y', this._fields());
  }

  override __str__(): string {
    return this.isoformat(' ');
  }
  override __repr__(): string {
    const zone = this._tz ? `, tzinfo=${pyRepr(this._tz)}` : '';
    const fold = this._fold ? ', fold=1' : '';
    return `datetime.datetime(${this._year}, ${this._month}, ${this._day}, ${reprTime(this._micros)}${fold}${zone})`;
  }
  override __hash_key__(): string {
    const [days, micros] = this._instant();
    return `datetime:${this._offset() === null ? 'naive' : 'aware'}:${days}:${micros}`;
  }
  override __eq__(other: unknown): boolean {
    if (!(other instanceof PyDatetime)) return false;
    if ((this._offset() === null) !== (other._offset() === null)) return false;
    const [a, b] = [this._instant(), other._instant()];
    return a[0] === b[0] && a[1] === b[1];
  }
  override __lt__(other: unknown): unknown {
    if (!(other instanceof PyDate)) return NOT_IMPLEMENTED;
    if (!(other instanceof PyDatetime)) throw pyError('TypeError', "can't compare datetime.datetime to datetime.date");
    if ((this._offset() === null) !== (other._offset() === null)) throw pyError('TypeError', "can't compare offset-naive and offset-aware datetimes");
    const [a, b] = [this._instant(), other._instant()];
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  }
  override __add__(other: unknown): unknown {
    if (!(other instanceof PyTimedelta)) return NOT_IMPLEMENTED;
    return PyDatetime.fromParts(this._ordinal + other._days, this._micros + other._seconds * US_PER_SECOND + other._micro, this._tz);
  }
  override __radd__(other: unknown): unknown {
    return this.__add__(other);
  }
  override __sub__(other: unknown): unknown {
    if (other instanceof PyTimedelta) return PyDatetime.fromParts(this._ordinal - other._days, this._micros - other._seconds * US_PER_SECOND - other._micro, this._tz);
    if (!(other instanceof PyDatetime)) return NOT_IMPLEMENTED;
    if ((this._offset() === null) !== (other._offset() === null)) throw pyError('TypeError', "can't subtract offset-naive and offset-aware datetimes");
    const [a, b] = [this._instant(), other._instant()];
    return PyTimedelta.of(a[0] - b[0], 0, a[1] - b[1]);
  }
}

// ---------------------------------------------------------------- time

export class PyTime {
  constructor(
    readonly _micros: number,
    readonly _tz: PyTzinfo | null,
    readonly _fold: number = 0,
  ) {}
  get hour(): number {
    return timeFields(this._micros)[0];
  }
  get minute(): number {
    return timeFields(this._micros)[1];
  }
  get second(): number {
    return timeFields(this._micros)[2];
  }
  get microsecond(): number {
    return this._micros % US_PER_SECOND;
  }
  get tzinfo(): PyTzinfo | null {
    return this._tz;
  }
  get fold(): number {
    return this._fold;
  }
  _offset(): number | null {
    return this._tz ? this._tz._offsetOf(null) : null;
  }
  isoformat(...raw: unknown[]): string {
    const [timespec] = params('isoformat', raw, [['timespec', 'auto']]);
    const offset = this._offset();
    return isoTime(this._micros, timespec) + (offset === null ? '' : formatOffset(offset, ':'));
  }
  strftime(...raw: unknown[]): string {
    const [format] = params('strftime', raw, [['format', REQUIRED]]);
    // Python formats a time on 1900-01-01.
    const ordinal = toOrdinal(1900, 1, 1);
    return strftime(strArg(format, 'strftime()'), {
      ordinal,
      year: 1900,
      month: 1,
      day: 1,
      micros: this._micros,
      offset: this._offset(),
      zoneName: this._tz ? this._tz._nameOf(null) : null,
      epochSeconds: () => Math.floor(localWallToEpochMs(ordinal, this._micros) / 1000),
    });
  }
  replace(...raw: unknown[]): PyTime {
    const names = ['hour', 'minute', 'second', 'microsecond', 'tzinfo', 'fold'] as const;
    const values = params('replace', raw, names.map((name) => [name, KEEP] as const));
    const current = timeFields(this._micros);
    const pick = (i: number): number => (values[i] === KEEP ? current[i] : intArg(values[i]));
    const fold = values[5] === KEEP ? this._fold : intArg(values[5]);
    return new PyTime(checkTime(pick(0), pick(1), pick(2), pick(3), fold), values[4] === KEEP ? this._tz : tzinfoArg(values[4]), fold);
  }
  utcoffset(): PyTimedelta | null {
    return deltaOrNone(this._offset());
  }
  tzname(): string | null {
    return this._tz ? this._tz._nameOf(null) : null;
  }
  __str__(): string {
    return this.isoformat();
  }
  toString(): string {
    return this.__str__();
  }
  __format__(spec: string): string {
    return spec ? this.strftime(spec) : this.__str__();
  }
  __repr__(): string {
    const zone = this._tz ? `, tzinfo=${pyRepr(this._tz)}` : '';
    return `datetime.time(${reprTime(this._micros)}${this._fold ? ', fold=1' : ''}${zone})`;
  }
  __bool__(): boolean {
    return true;
  }
  __hash_key__(): string {
    return `time:${this._micros - (this._offset() ?? 0)}:${this._offset() === null}`;
  }
  __eq__(other: unknown): boolean {
    if (!(other instanceof PyTime) || (this._offset() === null) !== (other._offset() === null)) return false;
    return this._micros - (this._offset() ?? 0) === other._micros - (other._offset() ?? 0);
  }
  __lt__(other: unknown): unknown {
    if (!(other instanceof PyTime)) return NOT_IMPLEMENTED;
    if ((this._offset() === null) !== (other._offset() === null)) throw pyError('TypeError', "can't compare offset-naive and offset-aware times");
    return this._micros - (this._offset() ?? 0) < other._micros - (other._offset() ?? 0);
  }
}

// Python's qualified type names, for error messages (`'<' not supported between instances of 'datetime.date' and 'int'`).
for (const [cls, name] of [
  [PyDate, 'datetime.date'],
  [PyDatetime, 'datetime.datetime'],
  [PyTime, 'datetime.time'],
  [PyTimedelta, 'datetime.timedelta'],
  [PyTimezone, 'datetime.timezone'],
] as const) {
  Object.defineProperty(cls, 'name', { value: name });
}

// ---------------------------------------------------------------- strftime

export interface TimeFields {
  ordinal: number;
  year: number;
  month: number;
  day: number;
  /** Microseconds since midnight. */
  micros: number;
  /** UTC offset in microseconds; null for naive values. */
  offset: number | null;
  zoneName: string | null;
  /** `%s`: seconds since the epoch of the wall time read as local time (glibc's mktime). */
  epochSeconds: () => number;
}

type Directive = { text: string; numeric: boolean; width: number; pad: string };

const num = (value: number, width = 2, padChar = '0'): Directive => ({ text: String(value), numeric: true, width, pad: padChar });
const word = (text: string): Directive => ({ text, numeric: false, width: 0, pad: ' ' });

/** The value of one conversion; undefined for what glibc does not know (printed as written). */
function directive(code: string, f: TimeFields): Directive | undefined {
  const [hour, minute, second, micro] = timeFields(f.micros);
  const weekday = weekdayOf(f.ordinal);
  const sundayWeekday = (weekday + 1) % 7;
  const yearDay = f.ordinal - toOrdinal(f.year, 1, 1);
  switch (code) {
    case 'a':
      return word(DAY_NAMES[weekday].slice(0, 3));
    case 'A':
      return word(DAY_NAMES[weekday]);
    case 'b':
    case 'h':
      return word(MONTH_NAMES[f.month - 1].slice(0, 3));
    case 'B':
      return word(MONTH_NAMES[f.month - 1]);
    case 'c':
      return word(strftime('%a %b %e %H:%M:%S %Y', f));
    case 'C':
      return num(Math.floor(f.year / 100), 1);
    case 'd':
      return num(f.day);
    case 'D':
    case 'x':
      return word(strftime('%m/%d/%y', f));
    case 'e':
      return num(f.day, 2, ' ');
    case 'F':
      return word(strftime('%Y-%m-%d', f));
    case 'f':
      return word(pad(micro, 6));
    case 'G':
      return num(isoCalendar(f.ordinal, f.year)[0], 1);
    case 'g':
      return num(isoCalendar(f.ordinal, f.year)[0] % 100);
    case 'H':
      return num(hour);
    case 'I':
      return num(((hour + 11) % 12) + 1);
    case 'j':
      return num(yearDay + 1, 3);
    case 'k':
      return num(hour, 2, ' ');
    case 'l':
      return num(((hour + 11) % 12) + 1, 2, ' ');
    case 'm':
      return num(f.month);
    case 'M':
      return num(minute);
    case 'n':
      return word('\n');
    case 'p':
      return word(hour < 12 ? 'AM' : 'PM');
    case 'P':
      return word(hour < 12 ? 'am' : 'pm');
    case 'r':
      return word(strftime('%I:%M:%S %p', f));
    case 'R':
      return word(strftime('%H:%M', f));
    case 's':
      return num(f.epochSeconds(), 1);
    case 'S':
      return num(second);
    case 't':
      return word('\t');
    case 'T':
    case 'X':
      return word(strftime('%H:%M:%S', f));
    case 'u':
      return num(weekday + 1, 1);
    case 'U':
      return num(Math.floor((yearDay + 7 - sundayWeekday) / 7));
    case 'V':
      return num(isoCalendar(f.ordinal, f.year)[1]);
    case 'w':
      return num(sundayWeekday, 1);
    case 'W':
      return num(Math.floor((yearDay + 7 - weekday) / 7));
    case 'y':
      return num(f.year % 100);
    case 'Y':
      return num(f.year, 1);
    case 'z':
      return word(f.offset === null ? '' : formatOffset(f.offset, ''));
    case 'Z':
      return word(f.zoneName ?? '');
    case '%':
      return word('%');
    default:
      return undefined;
  }
}

/** The `#` flag swaps case the way glibc does: names to upper case, am/pm and zone names to lower. */
const LOWERED_BY_HASH = new Set(['p', 'Z']);

/**
 * `strftime` as CPython on Linux gives it: Python fills `%f`, `%z`, `%Z`; glibc the rest, with its
 * flags (`%-d`, `%_d`, `%0e`, `%^a`, `%#p`), widths (`%10Y`), `E`/`O` modifiers, and unknown
 * conversions printed as written. Names are the C locale's.
 */
export function strftime(format: string, f: TimeFields): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    let j = i + 1;
    let padFlag = '';
    let upper = false;
    let swap = false;
    for (; j < format.length && '-_0^#'.includes(format[j]); j++) {
      if (format[j] === '^') upper = true;
      else if (format[j] === '#') swap = true;
      else padFlag = format[j];
    }
    const widthStart = j;
    while (j < format.length && format[j] >= '0' && format[j] <= '9') j++;
    const width = j > widthStart ? Number(format.slice(widthStart, j)) : undefined;
    if ((format[j] === 'E' || format[j] === 'O') && j + 1 < format.length && directive(format[j + 1], f)) j++;
    const code = format[j];
    // Python itself replaces only a bare %f; with flags glibc sees an unknown conversion.
    const value = code === undefined || (code === 'f' && j !== i + 1) ? undefined : directive(code, f);
    if (!value) {
      out += format.slice(i, j + 1);
      i = j;
      continue;
    }
    let text = value.text;
    if (upper || (swap && !LOWERED_BY_HASH.has(code))) text = text.toUpperCase();
    else if (swap) text = text.toLowerCase();
    const padWidth = width ?? value.width;
    if (padFlag !== '-' && text.length < padWidth) {
      const padChar = padFlag === '_' ? ' ' : padFlag === '0' ? '0' : value.numeric ? value.pad : width !== undefined ? ' ' : value.pad;
      text = text.padStart(padWidth, padChar);
    }
    out += text;
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------- strptime

const ABBREVIATED = (names: string[]): string[] => names.map((name) => name.slice(0, 3));

function alternatives(names: string[]): string {
  // Longest first, so `May` does not stop `Mayo`-like prefixes from matching whole names.
  return `(${[...names].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
}

const STRPTIME_PATTERNS: Record<string, string> = {
  d: '(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])',
  f: '([0-9]{1,6})',
  H: '(2[0-3]|[0-1][0-9]|[0-9])',
  I: '(1[0-2]|0[1-9]|[1-9])',
  G: '([0-9]{4})',
  j: '(36[0-6]|3[0-5][0-9]|[12][0-9][0-9]|0[1-9][0-9]|00[1-9]|[1-9][0-9]|0[1-9]|[1-9])',
  m: '(1[0-2]|0[1-9]|[1-9])',
  M: '([0-5][0-9]|[0-9])',
  S: '(6[0-1]|[0-5][0-9]|[0-9])',
  U: '(5[0-3]|[0-4][0-9]|[0-9])',
  W: '(5[0-3]|[0-4][0-9]|[0-9])',
  w: '([0-6])',
  u: '([1-7])',
  V: '(5[0-3]|0[1-9]|[1-4][0-9]|[0-9])',
  y: '([0-9]{2})',
  Y: '([0-9]{4})',
  z: '([+-][0-9]{2}:?[0-5][0-9](?::?[0-5][0-9](?:\\.[0-9]{1,6})?)?|Z)',
  a: alternatives(ABBREVIATED(DAY_NAMES)),
  A: alternatives(DAY_NAMES),
  b: alternatives(ABBREVIATED(MONTH_NAMES)),
  B: alternatives(MONTH_NAMES),
  p: '(am|pm)',
};

/** The C locale's composite formats, as strptime expands them. */
const STRPTIME_COMPOSITES: Record<string, string> = { c: '%a %b %d %H:%M:%S %Y', x: '%m/%d/%y', X: '%H:%M:%S' };

interface StrptimeFormat {
  regex: RegExp;
  codes: string[];
}

const strptimeCache = new Map<string, StrptimeFormat>();

function localZoneNames(): string[] {
  const year = new Date().getFullYear();
  return ['utc', 'gmt', ...[0, 6].map((month) => localZoneName(new Date(year, month, 1).getTime()).toLowerCase())];
}

function compileStrptime(format: string): StrptimeFormat {
  const cached = strptimeCache.get(format);
  if (cached) return cached;
  const codes: string[] = [];
  const expanded = format.replace(/%([cxX])/g, (whole, code: string) => STRPTIME_COMPOSITES[code] ?? whole);
  let source = '';
  for (let i = 0; i < expanded.length; i++) {
    const ch = expanded[i];
    if (ch === '%') {
      const code = expanded[++i];
      if (code === undefined) throw pyError('ValueError', `stray % in format ${strRepr(format)}`);
      if (code === '%') {
        source += '%';
        continue;
      }
      const pattern = code === 'Z' ? alternatives([...new Set(localZoneNames())]) : STRPTIME_PATTERNS[code];
      if (!pattern) throw pyError('ValueError', `${strRepr(code)} is a bad directive in format ${strRepr(format)}`);
      if (codes.includes(code)) throw pyError('error', `redefinition of group name ${strRepr(code)} as group ${codes.length + 1}; was group ${codes.indexOf(code) + 1}`);
      codes.push(code);
      source += pattern;
    } else if (/\s/.test(ch)) {
      while (i + 1 < expanded.length && /\s/.test(expanded[i + 1])) i++;
      source += '\\s+';
    } else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const compiled = { regex: new RegExp(`^(?:${source})`, 'i'), codes };
  if (strptimeCache.size > 256) strptimeCache.clear();
  strptimeCache.set(format, compiled);
  return compiled;
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const body = text.slice(1);
  if (body[2] === ':' && body.length > 5 && body[5] !== ':') throw pyError('ValueError', `Inconsistent use of : in ${text}`);
  const digits = body.replace(/:/g, '');
  const [whole, fraction = ''] = digits.split('.');
  const micros =
    Number(whole.slice(0, 2)) * US_PER_HOUR + Number(whole.slice(2, 4)) * US_PER_MINUTE + Number(whole.slice(4, 6) || 0) * US_PER_SECOND + Number(fraction.padEnd(6, '0') || 0);
  return sign * micros;
}

/** `datetime.strptime(text, format)`, with Python's defaults (1900-01-01) and week/ISO/day-of-year rules. */
export function strptime(text: string, format: string): PyDatetime {
  const { regex, codes } = compileStrptime(format);
  const match = regex.exec(text);
  if (!match) throw pyError('ValueError', `time data ${strRepr(text)} does not match format ${strRepr(format)}`);
  if (match[0].length !== text.length) throw pyError('ValueError', `unconverted data remains: ${text.slice(match[0].length)}`);
  const found = new Map<string, string>();
  codes.forEach((code, i) => found.set(code, match[i + 1]));
  const zone = found.get('z');
  if (zone === 'z') throw pyError('ValueError', `time data ${strRepr(text)} does not match format ${strRepr(format)}`);

  const number = (code: string): number | undefined => (found.has(code) ? Number(found.get(code)!.trim()) : undefined);
  const nameIndex = (code: string, names: string[]): number | undefined => {
    const value = found.get(code)?.toLowerCase();
    return value === undefined ? undefined : names.findIndex((name) => name.toLowerCase() === value);
  };
  let year = number('Y') ?? (found.has('y') ? (number('y')! < 69 ? 2000 : 1900) + number('y')! : 1900);
  let month = number('m') ?? (nameIndex('B', MONTH_NAMES) ?? nameIndex('b', ABBREVIATED(MONTH_NAMES)) ?? 0) + 1;
  let day = number('d') ?? 1;
  let hour = number('H') ?? 0;
  if (!found.has('H') && found.has('I')) {
    const twelve = number('I')! % 12;
    hour = found.get('p')?.toLowerCase() === 'pm' ? twelve + 12 : twelve;
  }
  const minute = number('M') ?? 0;
  const second = number('S') ?? 0;
  const micro = found.has('f') ? Number(found.get('f')!.padEnd(6, '0')) : 0;
  let weekday: number | undefined = nameIndex('A', DAY_NAMES) ?? nameIndex('a', ABBREVIATED(DAY_NAMES));
  if (found.has('w')) weekday = (number('w')! + 6) % 7;
  if (found.has('u')) weekday = number('u')! - 1;

  const isoYear = number('G');
  const isoWeek = number('V');
  const weekdayCodes = "('%A', '%a', '%w', or '%u')";
  if (isoYear !== undefined && (isoWeek === undefined || weekday === undefined)) {
    throw pyError('ValueError', `ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ${weekdayCodes}.`);
  }
  if (isoWeek !== undefined && (isoYear === undefined || weekday === undefined)) {
    throw pyError('ValueError', `ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ${weekdayCodes}.`);
  }
  if (isoYear !== undefined && found.has('j')) {
    throw pyError('ValueError', "Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.");
  }

  let ordinal: number | undefined;
  if (isoYear !== undefined) ordinal = fromIsoCalendar(isoYear, isoWeek!, weekday! + 1);
  else if (found.has('j')) ordinal = toOrdinal(year, 1, 1) + number('j')! - 1;
  else if (weekday !== undefined && (found.has('U') || found.has('W'))) {
    // Week 1 starts on the year's first Monday (%W) or Sunday (%U); days before it are week 0.
    const january1 = toOrdinal(year, 1, 1);
    const mondayStart = found.has('W');
    const firstWeekday = mondayStart ? 0 : 6;
    const firstWeekStart = january1 + ((firstWeekday - weekdayOf(january1) + 7) % 7);
    const dayInWeek = mondayStart ? weekday : (weekday + 1) % 7;
    ordinal = firstWeekStart + (number(mondayStart ? 'W' : 'U')! - 1) * 7 + dayInWeek;
  }
  if (ordinal !== undefined) {
    if (ordinal < 1 || ordinal > MAX_ORDINAL) throw pyError('OverflowError', 'date value out of range');
    [year, month, day] = fromOrdinal(ordinal);
  }
  const tz = zone === undefined ? null : fixedTimezone(parseOffset(zone));
  return PyDatetime.of(year, month, day, hour, minute, second, micro, tz);
}

// ---------------------------------------------------------------- fromisoformat

function invalidIso(text: string): never {
  throw pyError('ValueError', `Invalid isoformat string: ${strRepr(text)}`);
}

const isDigits = (text: string): boolean => /^[0-9]+$/.test(text);

/** The date part of an ISO string (`YYYY-MM-DD`, `YYYYMMDD`, `YYYY-Www[-D]`, `YYYYWww[D]`); undefined if malformed. */
function parseIsoDate(text: string): PyDate | undefined {
  const week = /^([0-9]{4})(-?)W([0-9]{2})(?:\2([1-7]))?$/.exec(text);
  if (week) return PyDate.fromOrdinal(fromIsoCalendar(Number(week[1]), Number(week[3]), Number(week[4] ?? 1)));
  const calendar = /^([0-9]{4})(-?)([0-9]{2})\2([0-9]{2})$/.exec(text);
  if (!calendar) return undefined;
  return PyDate.of(Number(calendar[1]), Number(calendar[3]), Number(calendar[4]));
}

/** How long the date part of an ISO datetime string is, read as Python 3.11 reads it. */
function isoDateLength(text: string): number {
  if (text.length === 7) return 7;
  if (text[4] === '-') {
    if (text[5] !== 'W') return 10;
    return text.length > 8 && text[8] === '-' ? 10 : 8;
  }
  if (text[4] === 'W') return text.length > 7 && /[0-9]/.test(text[7]) ? 8 : 7;
  return 8;
}

/** `HH[:MM[:SS]][.fff…]` or `HHMM[SS]`: hours, minutes, seconds, microseconds; undefined if malformed. */
function parseIsoClock(text: string): [number, number, number, number] | undefined {
  const parts = [0, 0, 0, 0];
  let pos = 0;
  let extended = false;
  for (let i = 0; i < 3; i++) {
    const two = text.slice(pos, pos + 2);
    if (two.length < 2 || !isDigits(two)) return undefined;
    parts[i] = Number(two);
    pos += 2;
    const next = text[pos];
    if (next === undefined) return parts as [number, number, number, number];
    if (i === 0) extended = next === ':';
    if (next === '.' || next === ',') break;
    if (i === 2) return undefined;
    if (extended) {
      if (next !== ':') return undefined;
      pos += 1;
    } else if (next === ':') return undefined;
  }
  const fraction = text.slice(pos + 1);
  if (!fraction || !isDigits(fraction)) return undefined;
  parts[3] = Number(fraction.slice(0, 6).padEnd(6, '0'));
  return parts as [number, number, number, number];
}

/** `datetime.fromisoformat(text)` as Python 3.11 reads it. */
export function datetimeFromIso(text: string): PyDatetime {
  if (text.length < 7) invalidIso(text);
  const dateLength = isoDateLength(text);
  const date = parseIsoDate(text.slice(0, dateLength));
  if (!date) invalidIso(text);
  if (text.length === dateLength) return PyDatetime.fromParts(date._ordinal, 0, null);
  const timeText = text.slice(dateLength + 1);
  if (!timeText) invalidIso(text);
  const zoneAt = timeText.search(/[+\-Z]/);
  const clockText = zoneAt < 0 ? timeText : timeText.slice(0, zoneAt).replace(/ $/, '');
  const clock = parseIsoClock(clockText);
  if (!clock) invalidIso(text);
  let tz: PyTzinfo | null = null;
  if (zoneAt >= 0) {
    const zoneText = timeText.slice(zoneAt);
    if (zoneText === 'Z') tz = UTC_TIMEZONE;
    else {
      const offset = parseIsoClock(zoneText.slice(1));
      if (zoneText[0] === 'Z' || !offset) invalidIso(text);
      const micros = offset[0] * US_PER_HOUR + offset[1] * US_PER_MINUTE + offset[2] * US_PER_SECOND + offset[3];
      tz = fixedTimezone(zoneText[0] === '-' ? -micros : micros);
    }
  }
  return PyDatetime.of(date._year, date._month, date._day, clock[0], clock[1], clock[2], clock[3], tz);
}

function dateFromIso(text: string): PyDate {
  return parseIsoDate(text) ?? invalidIso(text);
}

// ---------------------------------------------------------------- the module

/** A Python class as a template sees it: callable (the constructor), with class attributes. */
function pyClass(name: string, construct: (args: unknown[], kwargs: Kwargs) => unknown, attributes: Record<string, unknown>): JinjaFunction {
  return Object.assign(pyFunction(name, construct), attributes);
}

function method(name: string, signature: Signature, impl: (...values: unknown[]) => unknown): JinjaFunction {
  return pyFunction(name, (args, kwargs) => impl(...bindArgs(name, signature, args, kwargs)));
}

/** Seconds since the epoch (int or float) as whole milliseconds and the microseconds beyond them, rounded half-even as Python does. */
function splitTimestamp(value: unknown): [number, number] {
  if (!isNumeric(value)) throw pyError('TypeError', `'${typeName(value)}' object cannot be interpreted as an integer`);
  const [numerator, denominator] = exactRatio(value);
  const micros = divideRoundHalfEven(numerator * BigInt(US_PER_SECOND), denominator);
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  return [Number(ms), Number(micros - ms * 1000n)];
}

/** `modules.datetime` as dbt exposes it: date, datetime, time, timedelta, tzinfo. `now` is the clock. */
export function datetimeModule(now: () => Date): Record<string, unknown> {
  const localNow = (): PyDatetime => PyDatetime.localFromEpochMs(now().getTime());
  const fromTimestamp = (timestamp: unknown, tzValue: unknown): PyDatetime => {
    const tz = tzinfoArg(tzValue);
    const [ms, micros] = splitTimestamp(timestamp);
    return tz ? tz._fromUtc(PyDatetime.utcFromEpochMs(ms, micros)) : PyDatetime.localFromEpochMs(ms, micros);
  };
  const datetimeFields = (values: unknown[]): PyDatetime => {
    const [year, month, day, hour, minute, second, microsecond, tzinfo, fold] = values;
    return PyDatetime.of(intArg(year), intArg(month), intArg(day), intArg(hour), intArg(minute), intArg(second), intArg(microsecond), tzinfoArg(tzinfo), intArg(fold));
  };

  const date = pyClass(
    'date',
    (args, kwargs) => {
      const [year, month, day] = bindArgs('date', [['year', REQUIRED], ['month', REQUIRED], ['day', REQUIRED]], args, kwargs);
      return PyDate.of(intArg(year), intArg(month), intArg(day));
    },
    {
      today: method('today', [], () => localNow().date()),
      fromisoformat: method('fromisoformat', [['date_string', REQUIRED]], (text) => dateFromIso(strArg(text, 'fromisoformat:'))),
      fromordinal: method('fromordinal', [['ordinal', REQUIRED]], (ordinal) => PyDate.fromOrdinal(intArg(ordinal))),
      fromtimestamp: method('fromtimestamp', [['timestamp', REQUIRED]], (timestamp) => fromTimestamp(timestamp, null).date()),
      fromisocalendar: method('fromisocalendar', [['year', REQUIRED], ['week', REQUIRED], ['day', REQUIRED]], (year, week, day) =>
        PyDate.fromOrdinal(fromIsoCalendar(intArg(year), intArg(week), intArg(day))),
      ),
      min: PyDate.of(MIN_YEAR, 1, 1),
      max: PyDate.of(MAX_YEAR, 12, 31),
      resolution: PyTimedelta.of(1, 0, 0),
    },
  );

  const datetimeSignature: Signature = [
    ['year', REQUIRED],
    ['month', REQUIRED],
    ['day', REQUIRED],
    ['hour', 0],
    ['minute', 0],
    ['second', 0],
    ['microsecond', 0],
    ['tzinfo', null],
    ['fold', 0],
  ];
  const datetime = pyClass('datetime', (args, kwargs) => datetimeFields(bindArgs('datetime', datetimeSignature, args, kwargs)), {
    now: method('now', [['tz', null]], (tz) => {
      const zone = tzinfoArg(tz);
      return zone ? zone._fromUtc(PyDatetime.utcFromEpochMs(now().getTime())) : localNow();
    }),
    today: method('today', [], localNow),
    utcnow: method('utcnow', [], () => PyDatetime.utcFromEpochMs(now().getTime())),
    fromtimestamp: method('fromtimestamp', [['timestamp', REQUIRED], ['tz', null]], fromTimestamp),
    utcfromtimestamp: method('utcfromtimestamp', [['timestamp', REQUIRED]], (timestamp) => PyDatetime.utcFromEpochMs(...splitTimestamp(timestamp))),
    fromisoformat: method('fromisoformat', [['date_string', REQUIRED]], (text) => datetimeFromIso(strArg(text, 'fromisoformat:'))),
    strptime: method('strptime', [['date_string', REQUIRED], ['format', REQUIRED]], (text, format) =>
      strptime(strArg(text, 'strptime()'), strArg(format, 'strptime()')),
    ),
    fromordinal: method('fromordinal', [['ordinal', REQUIRED]], (ordinal) => PyDatetime.fromParts(intArg(ordinal), 0, null)),
    combine: method('combine', [['date', REQUIRED], ['time', REQUIRED], ['tzinfo', KEEP]], (day, time, tzinfo) => {
      if (!(day instanceof PyDate)) throw pyError('TypeError', `combine() argument 1 must be datetime.date, not ${typeName(day)}`);
      if (!(time instanceof PyTime)) throw pyError('TypeError', `combine() argument 2 must be datetime.time, not ${typeName(time)}`);
      return new PyDatetime(day._ordinal, day._year, day._month, day._day, time._micros, tzinfo === KEEP ? time._tz : tzinfoArg(tzinfo), time._fold);
    }),
    fromisocalendar: method('fromisocalendar', [['year', REQUIRED], ['week', REQUIRED], ['day', REQUIRED]], (year, week, day) =>
      PyDatetime.fromParts(fromIsoCalendar(intArg(year), intArg(week), intArg(day)), 0, null),
    ),
    min: PyDatetime.of(MIN_YEAR, 1, 1),
    max: PyDatetime.of(MAX_YEAR, 12, 31, 23, 59, 59, 999_999),
    resolution: PyTimedelta.of(0, 0, 1),
  });

  const timeSignature: Signature = [
    ['hour', 0],
    ['minute', 0],
    ['second', 0],
    ['microsecond', 0],
    ['tzinfo', null],
    ['fold', 0],
  ];
  const time = pyClass(
    'time',
    (args, kwargs) => {
      const [hour, minute, second, microsecond, tzinfo, fold] = bindArgs('time', timeSignature, args, kwargs);
      return new PyTime(checkTime(intArg(hour), intArg(minute), intArg(second), intArg(microsecond), intArg(fold)), tzinfoArg(tzinfo), intArg(fold));
    },
    {
      min: new PyTime(0, null),
      max: new PyTime(US_PER_DAY - 1, null),
      resolution: PyTimedelta.of(0, 0, 1),
    },
  );

  const timedelta = pyClass('timedelta', makeTimedelta, {
    min: PyTimedelta.of(-MAX_DELTA_DAYS, 0, 0),
    max: PyTimedelta.of(MAX_DELTA_DAYS, 86_399, 999_999),
    resolution: PyTimedelta.of(0, 0, 1),
  });

  const tzinfo = pyClass(
    'tzinfo',
    () => {
      throw pyError('TypeError', 'Sluice cannot make tzinfo instances: use modules.pytz.timezone(name) or modules.pytz.utc');
    },
    {},
  );

  return { date, datetime, time, timedelta, tzinfo };
}

/** A UTC instant as an aware datetime in `tz` (how dbt's run_started_at is built). */
export function datetimeAtInstant(instant: Date, tz: PyTzinfo): PyDatetime {
  return tz._fromUtc(PyDatetime.utcFromEpochMs(instant.getTime()));
}
