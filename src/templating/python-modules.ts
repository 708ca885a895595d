/**
 * The parts of Python's `datetime` and `re` that dbt templates reach through `modules`, and the
 * `run_started_at` value. Times are UTC, as dbt's are.
 */
const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Keywords = Record<string, unknown> & { __keywords?: boolean };

function keywords(args: unknown[]): [unknown[], Keywords] {
  const last = args[args.length - 1] as Keywords | undefined;
  if (last && typeof last === 'object' && last.__keywords) return [args.slice(0, -1), last];
  return [args, {}];
}

export class PyTimedelta {
  constructor(readonly milliseconds: number) {}
  get days(): number {
    return Math.floor(this.milliseconds / 86_400_000);
  }
  total_seconds(): number {
    return this.milliseconds / 1000;
  }
  toString(): string {
    const days = this.days;
    const rest = this.milliseconds - days * 86_400_000;
    const time = `${Math.floor(rest / 3_600_000)}:${pad(Math.floor(rest / 60_000) % 60)}:${pad(Math.floor(rest / 1000) % 60)}`;
    return days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${time}` : time;
  }
}

export class PyDatetime {
  constructor(
    readonly date: Date,
    private readonly dateOnly = false,
  ) {}
  get year() {
    return this.date.getUTCFullYear();
  }
  get month() {
    return this.date.getUTCMonth() + 1;
  }
  get day() {
    return this.date.getUTCDate();
  }
  get hour() {
    return this.date.getUTCHours();
  }
  get minute() {
    return this.date.getUTCMinutes();
  }
  get second() {
    return this.date.getUTCSeconds();
  }
  get microsecond() {
    return this.date.getUTCMilliseconds() * 1000;
  }
  strftime(format: string): string {
    const d = this.date;
    return format.replace(/%([a-zA-Z%])/g, (whole, code: string) => {
      switch (code) {
        case 'Y': return String(d.getUTCFullYear());
        case 'y': return pad(d.getUTCFullYear() % 100);
        case 'm': return pad(d.getUTCMonth() + 1);
        case 'd': return pad(d.getUTCDate());
        case 'H': return pad(d.getUTCHours());
        case 'I': return pad(((d.getUTCHours() + 11) % 12) + 1);
        case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
        case 'M': return pad(d.getUTCMinutes());
        case 'S': return pad(d.getUTCSeconds());
        case 'f': return pad(d.getUTCMilliseconds() * 1000, 6);
        case 'j': return pad(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
        case 'A': return DAY_NAMES[d.getUTCDay()];
        case 'a': return DAY_NAMES[d.getUTCDay()].slice(0, 3);
        case 'B': return MONTH_NAMES[d.getUTCMonth()];
        case 'b': return MONTH_NAMES[d.getUTCMonth()].slice(0, 3);
        case 'w': return String(d.getUTCDay());
        case 'z': return this.dateOnly ? '' : '+0000';
        case 'Z': return this.dateOnly ? '' : 'UTC';
        case '%': return '%';
        default: return whole;
      }
    });
  }
  isoformat(separator = 'T'): string {
    if (this.dateOnly) return this.strftime('%Y-%m-%d');
    const micro = this.microsecond ? `.${pad(this.microsecond, 6)}` : '';
    return `${this.strftime('%Y-%m-%d')}${separator}${this.strftime('%H:%M:%S')}${micro}+00:00`;
  }
  timestamp(): number {
    return this.date.getTime() / 1000;
  }
  toDate(): PyDatetime {
    return new PyDatetime(new Date(Date.UTC(this.year, this.date.getUTCMonth(), this.day)), true);
  }
  replace(...args: unknown[]): PyDatetime {
    const [, kwargs] = keywords(args);
    const d = new Date(this.date.getTime());
    if (kwargs.year !== undefined) d.setUTCFullYear(Number(kwargs.year));
    if (kwargs.month !== undefined) d.setUTCMonth(Number(kwargs.month) - 1);
    if (kwargs.day !== undefined) d.setUTCDate(Number(kwargs.day));
    if (kwargs.hour !== undefined) d.setUTCHours(Number(kwargs.hour));
    if (kwargs.minute !== undefined) d.setUTCMinutes(Number(kwargs.minute));
    if (kwargs.second !== undefined) d.setUTCSeconds(Number(kwargs.second));
    if (kwargs.microsecond !== undefined) d.setUTCMilliseconds(Math.floor(Number(kwargs.microsecond) / 1000));
    return new PyDatetime(d, this.dateOnly);
  }
  /** `dt + timedelta` is written `dt.add(delta)` here: Jinja's `+` on objects cannot be overloaded. */
  add(delta: PyTimedelta): PyDatetime {
    return new PyDatetime(new Date(this.date.getTime() + delta.milliseconds), this.dateOnly);
  }
  subtract(delta: PyTimedelta): PyDatetime {
    return new PyDatetime(new Date(this.date.getTime() - delta.milliseconds), this.dateOnly);
  }
  toString(): string {
    return this.isoformat(' ');
  }
}

function timedelta(...args: unknown[]): PyTimedelta {
  const [positional, kwargs] = keywords(args);
  const value = (name: string, index: number) => Number(kwargs[name] ?? positional[index] ?? 0);
  const ms =
    value('days', 0) * 86_400_000 +
    value('seconds', 1) * 1000 +
    value('microseconds', 2) / 1000 +
    value('milliseconds', 3) +
    value('minutes', 4) * 60_000 +
    value('hours', 5) * 3_600_000 +
    value('weeks', 6) * 604_800_000;
  return new PyTimedelta(ms);
}

function datetimeOf(...args: unknown[]): PyDatetime {
  const [positional] = keywords(args);
  const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0] = positional.map(Number);
  return new PyDatetime(new Date(Date.UTC(year, month - 1, day, hour, minute, second)));
}

export function pythonModules(now: () => Date) {
  const datetimeClass = Object.assign(datetimeOf, {
    now: () => new PyDatetime(now()),
    utcnow: () => new PyDatetime(now()),
    today: () => new PyDatetime(now()),
    fromisoformat: (text: string) => new PyDatetime(new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`)),
    strptime: (text: string) => new PyDatetime(new Date(/[zZ]$/.test(text) ? text : `${text.replace(' ', 'T')}Z`)),
  });
  const dateClass = Object.assign((...args: unknown[]) => datetimeOf(...args).toDate(), {
    today: () => new PyDatetime(now()).toDate(),
    fromisoformat: (text: string) => new PyDatetime(new Date(`${text}T00:00:00Z`), true),
  });
  return {
    datetime: { datetime: datetimeClass, date: dateClass, timedelta, timezone: { utc: 'UTC' } },
    pytz: { utc: 'UTC', timezone: (name: string) => name },
    re: {
      match: (pattern: string, text: string) => new RegExp(`^(?:${pattern})`).exec(text),
      search: (pattern: string, text: string) => new RegExp(pattern).exec(text),
      sub: (pattern: string, replacement: string, text: string) => text.replace(new RegExp(pattern, 'g'), replacement.replace(/\\(\d)/g, '$$$1')),
      findall: (pattern: string, text: string) => [...text.matchAll(new RegExp(pattern, 'g'))].map((m) => (m.length > 1 ? m[1] : m[0])),
      split: (pattern: string, text: string) => text.split(new RegExp(pattern)),
      escape: (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      IGNORECASE: 2,
      I: 2,
    },
    itertools: {},
  };
}
