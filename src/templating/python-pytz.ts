/**
 * pytz as dbt templates reach it (`modules.pytz`): `timezone(name)`, `utc`, `FixedOffset`, with
 * pytz's own behaviour — a zone attached directly (`datetime(..., tzinfo=tz)`) means its first entry
 * (local mean time), `localize` picks the offset of a wall time (is_dst=False by default), arithmetic
 * keeps the offset until `normalize`.
 *
 * The rules come from the IANA database in Node's ICU, read through Intl.DateTimeFormat: the offset at
 * an instant is exact; whether an offset is daylight time, and the abbreviation, are inferred (see
 * `ZoneRules`).
 */
import { bindArgs, REQUIRED, type Kwargs } from './python-args.js';
import { pyFunction, splitKeywordArgs } from './jinja-runtime.js';
import { EPOCH_ORDINAL } from './python-calendar.js';
import { PyDatetime, PyTimedelta, PyTzinfo, intArg } from './python-datetime.js';
import { isStr, pyError, pyTruthy, strRepr, strValue, typeName } from './python-values.js';

const US_PER_SECOND = 1_000_000;
const HOUR_MS = 3_600_000;
/** The earliest instant Intl formats; every zone's first entry is in effect there. */
const FAR_PAST_MS = -8.64e15;
/**
 * pytz reads the 32-bit part of tzdata's files, which starts at -2^31 seconds (1901-12-13T20:45:52Z):
 * before it, every zone is in its first entry (local mean time), whatever changed earlier.
 */
const PYTZ_FIRST_TRANSITION_MS = -(2 ** 31) * 1000;

/** pytz rounds every offset to whole minutes (old Pythons required it), local mean time included. */
function roundToMinute(seconds: number): number {
  return Math.floor((seconds + 30) / 60) * 60;
}

/** One IANA zone's rules, read from Intl; shared by all of the zone's tzinfo objects. */
class ZoneRules {
  private readonly offsetFormat: Intl.DateTimeFormat;
  private readonly nameFormat: Intl.DateTimeFormat;
  private readonly standardByYear = new Map<number, number>();
  private readonly periods = new Map<string, PytzTimezone>();
  /** The raw offset (seconds) of the zone's first entry: local mean time, or the one offset of a fixed zone. */
  readonly initialOffset: number;
  /** Zones whose offset never changed (`Etc/GMT+5`, `Etc/UTC`): pytz's StaticTzInfo. */
  readonly isStatic: boolean;

  constructor(readonly name: string) {
    this.offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
    this.nameFormat = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'short' });
    this.initialOffset = this.rawOffsetAt(FAR_PAST_MS);
    const probes = [1850, 1900, 1950, 1980, 2000, new Date().getUTCFullYear()].flatMap((year) => [Date.UTC(year, 0, 1), Date.UTC(year, 6, 1)]);
    this.isStatic = probes.every((instant) => this.rawOffsetAt(instant) === this.initialOffset);
  }

  /** The offset from UTC, in seconds, at an instant, as pytz has it. */
  rawOffsetAt(epochMs: number): number {
    if (epochMs < PYTZ_FIRST_TRANSITION_MS && this.initialOffset !== undefined) return this.initialOffset;
    const part = this.offsetFormat.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /^GMT([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(part);
    if (!match) return 0;
    const seconds = Number(match[2]) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0);
    return match[1] === '-' ? -seconds : seconds;
  }

  /** The offset pytz uses at an instant, in seconds. */
  offsetAt(epochMs: number): number {
    return roundToMinute(this.rawOffsetAt(epochMs));
  }

  /**
   * The zone's standard offset in a year: the smaller of its January and July offsets. (Daylight time
   * adds to the offset; zones whose data calls winter the daylight period, like Europe/Dublin, differ.)
   */
  private standardOffset(year: number): number {
    let standard = this.standardByYear.get(year);
    if (standard === undefined) {
      standard = Math.min(this.rawOffsetAt(Date.UTC(year, 0, 1)), this.rawOffsetAt(Date.UTC(year, 6, 1)));
      this.standardByYear.set(year, standard);
    }
    return standard;
  }

  /**
   * The abbreviation tzdata gives: CLDR's en-US name where it has a letter one (PST, EDT, GMT, UTC),
   * tzdata's numeric style otherwise (`+0530`, `-03`), LMT for local mean time.
   */
  private abbreviationAt(epochMs: number, rawOffset: number): string {
    if (!this.isStatic && rawOffset === this.initialOffset) return 'LMT';
    // ICU calls every zero-offset fixed zone UTC; tzdata names the GMT ones GMT.
    if (this.isStatic && rawOffset === 0) return /GMT|Greenwich/i.test(this.name) ? 'GMT' : 'UTC';
    const name = this.nameFormat.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Za-z]{2,5}$/.test(name)) return name;
    const minutes = Math.abs(roundToMinute(rawOffset)) / 60;
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}${minutes % 60 ? String(minutes % 60).padStart(2, '0') : ''}`;
    return `${rawOffset < 0 ? '-' : '+'}${hhmm}`;
  }

  /** The tzinfo in effect at an instant (one object per distinct period, as pytz keeps them). */
  periodAt(epochMs: number): PytzTimezone {
    const raw = this.rawOffsetAt(epochMs);
    const abbreviation = this.abbreviationAt(epochMs, raw);
    let dst = 0;
    if (!this.isStatic && abbreviation !== 'LMT') {
      const standard = this.standardOffset(new Date(epochMs).getUTCFullYear());
      if (raw > standard) dst = roundToMinute(raw - standard);
    }
    return this.period(roundToMinute(raw), dst, abbreviation);
  }

  /** The tzinfo `pytz.timezone(name)` returns: the zone's first entry. */
  initialPeriod(): PytzTimezone {
    return this.periodAt(FAR_PAST_MS);
  }

  private period(offsetSeconds: number, dstSeconds: number, abbreviation: string): PytzTimezone {
    const key = `${offsetSeconds}|${dstSeconds}|${abbreviation}`;
    let tz = this.periods.get(key);
    if (!tz) {
      tz = new PytzTimezone(this, offsetSeconds * US_PER_SECOND, dstSeconds * US_PER_SECOND, abbreviation);
      this.periods.set(key, tz);
    }
    return tz;
  }
}

/** A wall time read as if it were UTC, in milliseconds: the starting point for finding its offset. */
function wallAsUtcMs(dt: PyDatetime): number {
  return (dt._ordinal - EPOCH_ORDINAL) * 86_400_000 + Math.floor(dt._micros / 1000);
}

function naiveArgument(dt: unknown, fnName: string): PyDatetime {
  if (!(dt instanceof PyDatetime)) throw pyError('AttributeError', `'${typeName(dt)}' object has no attribute 'tzinfo'`, `${fnName}() takes a datetime`);
  if (dt._tz !== null) throw pyError('ValueError', 'Not naive datetime (tzinfo is already set)');
  return dt;
}

function awareArgument(dt: unknown): PyDatetime {
  if (!(dt instanceof PyDatetime)) throw pyError('AttributeError', `'${typeName(dt)}' object has no attribute 'tzinfo'`);
  if (dt._tz === null) throw pyError('ValueError', 'Naive time - no tzinfo set');
  return dt;
}

/** is_dst as pytz reads it: None refuses to guess, anything else is a bool. */
function isDstArgument(value: unknown): boolean | null {
  return value === null ? null : pyTruthy(value);
}

/** The keyword-or-positional `(dt, is_dst)` of pytz's methods. */
function dtAndIsDst(name: string, raw: unknown[], isDstDefault: boolean | null): [unknown, boolean | null] {
  const { args, kwargs } = splitKeywordArgs(raw);
  const [dt, isDst] = bindArgs(name, [['dt', REQUIRED], ['is_dst', isDstDefault]], args, kwargs);
  return [dt, isDstArgument(isDst)];
}

const SIX_HOURS = PyTimedelta.of(0, 6 * 3600, 0);

/** A pytz zone (DstTzInfo or StaticTzInfo) in one of its periods: a fixed offset, a DST amount, an abbreviation. */
export class PytzTimezone extends PyTzinfo {
  constructor(
    readonly _rules: ZoneRules,
    readonly _offset: number,
    readonly _dst: number,
    readonly _abbreviation: string,
  ) {
    super();
  }
  get zone(): string {
    return this._rules.name;
  }
  // Asked without a datetime (a time's tzinfo), a zone with transitions cannot answer: pytz gives None.
  _offsetOf(dt: PyDatetime | null): number | null {
    return dt === null && !this._rules.isStatic ? null : this._offset;
  }
  _nameOf(dt: PyDatetime | null): string | null {
    return dt === null && !this._rules.isStatic ? null : this._abbreviation;
  }
  _dstOf(dt: PyDatetime | null): number | null {
    return dt === null && !this._rules.isStatic ? null : this._dst;
  }
  _fromUtc(utc: PyDatetime): PyDatetime {
    const period = this._rules.periodAt(wallAsUtcMs(utc));
    return utc._shifted(period._offset)._withTz(period);
  }

  /** The local time `dt` (naive) in this zone, with the offset pytz picks for it. */
  _localize(dt: PyDatetime, isDst: boolean | null): PyDatetime {
    const rules = this._rules;
    if (rules.isStatic) return dt._withTz(this);
    const wallMs = wallAsUtcMs(dt);
    const nearby = new Set([-15, 0, 15].map((hours) => rules.offsetAt(wallMs + hours * HOUR_MS)));
    const valid = [...nearby].filter((offset) => rules.offsetAt(wallMs - offset * 1000) === offset);
    const periods = valid.map((offset) => rules.periodAt(wallMs - offset * 1000));
    if (periods.length === 1) return dt._withTz(periods[0]);
    if (periods.length === 0) {
      // A wall time skipped by a transition: pytz takes the offset from one side of the gap and keeps
      // the wall time (is_dst=False: the side before it).
      if (isDst === null) throw pyError('NonExistentTimeError', dt.__str__());
      const side = isDst ? (dt.__add__(SIX_HOURS) as PyDatetime) : (dt.__sub__(SIX_HOURS) as PyDatetime);
      return dt._withTz(this._localize(side, isDst)._tz);
    }
    // A wall time that happens twice: the period whose DST flag is is_dst, else by UTC order.
    if (isDst === null) throw pyError('AmbiguousTimeError', dt.__str__());
    const matching = periods.filter((period) => period._dst !== 0 === isDst);
    if (matching.length === 1) return dt._withTz(matching[0]);
    const candidates = matching.length ? matching : periods;
    const pick = candidates.reduce((best, period) => ((isDst ? period._offset > best._offset : period._offset < best._offset) ? period : best));
    return dt._withTz(pick);
  }

  localize(...raw: unknown[]): PyDatetime {
    const [dt, isDst] = dtAndIsDst('localize', raw, false);
    return this._localize(naiveArgument(dt, 'localize'), isDst);
  }
  normalize(...raw: unknown[]): PyDatetime {
    const [dt] = dtAndIsDst('normalize', raw, false);
    return this._fromUtc(awareArgument(dt)._utcWall());
  }
  // pytz answers for a naive datetime by localizing it first (is_dst=None: ambiguous times raise).
  override utcoffset(...raw: unknown[]): PyTimedelta | null {
    const period = this._periodFor('utcoffset', raw);
    return period ? PyTimedelta.of(0, 0, period._offset) : this._rules.isStatic ? PyTimedelta.of(0, 0, this._offset) : null;
  }
  override tzname(...raw: unknown[]): string | null {
    const period = this._periodFor('tzname', raw);
    return period ? period._abbreviation : this._rules.isStatic ? this._abbreviation : null;
  }
  override dst(...raw: unknown[]): PyTimedelta | null {
    const period = this._periodFor('dst', raw);
    return period ? PyTimedelta.of(0, 0, period._dst) : this._rules.isStatic ? PyTimedelta.of(0, 0, 0) : null;
  }
  private _periodFor(name: string, raw: unknown[]): PytzTimezone | null {
    const [dt, isDst] = dtAndIsDst(name, raw, null);
    if (dt === null) return null;
    if (this._rules.isStatic) return this;
    if (dt instanceof PyDatetime && dt._tz === this) return this;
    return this._localize(naiveArgument(dt, name), isDst)._tz as PytzTimezone;
  }

  __str__(): string {
    return this._rules.name;
  }
  __repr__(): string {
    if (this._rules.isStatic) return `<StaticTzInfo ${strRepr(this._rules.name)}>`;
    const offset = `${this._offset > 0 ? '+' : ''}${PyTimedelta.of(0, 0, this._offset).__str__()}`;
    return `<DstTzInfo ${strRepr(this._rules.name)} ${this._abbreviation}${offset} ${this._dst ? 'DST' : 'STD'}>`;
  }
  __hash_key__(): string {
    return `pytz:${this._rules.name}:${this._offset}:${this._dst}:${this._abbreviation}`;
  }
}

/** pytz's fixed-offset zones (`pytz.utc`, `pytz.FixedOffset(minutes)`): localize attaches, normalize converts. */
class PytzFixed extends PyTzinfo {
  constructor(
    readonly _offset: number,
    readonly _name: string | null,
    private readonly _text: string,
    readonly zone: string | null,
  ) {
    super();
  }
  _offsetOf(): number {
    return this._offset;
  }
  _nameOf(): string | null {
    return this._name;
  }
  _dstOf(): number {
    return 0;
  }
  _fromUtc(utc: PyDatetime): PyDatetime {
    return utc._shifted(this._offset)._withTz(this);
  }
  localize(...raw: unknown[]): PyDatetime {
    const [dt] = dtAndIsDst('localize', raw, false);
    return naiveArgument(dt, 'localize')._withTz(this);
  }
  normalize(...raw: unknown[]): PyDatetime {
    const [dt] = dtAndIsDst('normalize', raw, false);
    return this._fromUtc(awareArgument(dt)._utcWall());
  }
  __str__(): string {
    return this._text;
  }
  __repr__(): string {
    return this._name === 'UTC' ? '<UTC>' : this._text;
  }
  __hash_key__(): string {
    return `pytz-fixed:${this._offset}`;
  }
}

/** `pytz.utc`, which dbt's `run_started_at` carries. */
export const PYTZ_UTC = new PytzFixed(0, 'UTC', 'UTC', 'UTC');

const fixedOffsets = new Map<number, PytzFixed>();

function fixedOffset(minutesValue: unknown): PytzFixed {
  const minutes = intArg(minutesValue);
  if (minutes === 0) return PYTZ_UTC;
  if (Math.abs(minutes) >= 1440) throw pyError('ValueError', `('absolute offset is too large', ${minutes})`);
  let tz = fixedOffsets.get(minutes);
  if (!tz) {
    tz = new PytzFixed(minutes * 60 * US_PER_SECOND, null, `pytz.FixedOffset(${minutes})`, null);
    fixedOffsets.set(minutes, tz);
  }
  return tz;
}

const zones = new Map<string, ZoneRules>();

/** `pytz.timezone(name)`: case-insensitive like pytz; links keep the name they were asked by. */
export function pytzTimezone(nameValue: unknown): PyTzinfo {
  const name = isStr(nameValue) ? strValue(nameValue) : undefined;
  if (name === undefined || !/^[A-Za-z]/.test(name)) throw pyError('UnknownTimeZoneError', name === undefined ? typeName(nameValue) : strRepr(name));
  if (name.toUpperCase() === 'UTC') return PYTZ_UTC;
  let rules = zones.get(name);
  if (!rules) {
    let resolved: string;
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      throw pyError('UnknownTimeZoneError', strRepr(name));
    }
    rules = new ZoneRules(resolved.toLowerCase() === name.toLowerCase() ? resolved : name);
    zones.set(name, rules);
  }
  return rules.initialPeriod();
}

/** `modules.pytz` as dbt exposes it (pytz's `__all__`, less the country and name tables). */
export function pytzModule(): Record<string, unknown> {
  return {
    timezone: pyFunction('timezone', (args: unknown[], kwargs: Kwargs) => pytzTimezone(bindArgs('timezone', [['zone', REQUIRED]], args, kwargs)[0])),
    utc: PYTZ_UTC,
    FixedOffset: pyFunction('FixedOffset', (args: unknown[], kwargs: Kwargs) => fixedOffset(bindArgs('FixedOffset', [['offset', REQUIRED]], args, kwargs)[0])),
  };
}
