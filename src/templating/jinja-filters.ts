/**
 * Jinja's built-in filters with Jinja's semantics (Python's str(), case-insensitive `sort`/`unique`,
 * generators from `map`/`select`, `tojson` as json.dumps with sorted keys), plus dbt's text filters.
 * Filters Jinja has but Sluice does not implement are registered to fail with a clear message, so a
 * template never silently renders something else.
 */
import { bindArgs, REQUIRED, type Kwargs, type Signature } from './python-args.js';
import { roundFloat } from './python-format.js';
import { pythonMethod } from './python-methods.js';
import {
  PY_FILTER,
  add,
  callFilter,
  callTest,
  getattr,
  getitem,
  mod,
  type EnvLike,
  type FilterImpl,
} from './jinja-runtime.js';
import { SafeString } from './nunjucks-internals.js';
import {
  PyDictView,
  PyFloat,
  PyIterator,
  PyNamedTuple,
  PyTuple,
  floatRepr,
  hasOwn,
  isDict,
  isFloat,
  isInt,
  isNumeric,
  isStr,
  makeFloat,
  pyCompare,
  pyError,
  pyIterate,
  pyLen,
  pySorted,
  pyStr,
  pyTruthy,
  strValue,
  toNumber,
  typeName,
} from './python-values.js';

type Getter = (item: unknown) => unknown;

// ---------------------------------------------------------------- helpers

/** Jinja's make_attrgetter: dotted paths, integer parts, looked up like `item[part]`. */
function attrGetter(attribute: unknown, postprocess?: Getter, fallback?: unknown): Getter {
  const parts: unknown[] =
    attribute === null || attribute === undefined
      ? []
      : isStr(attribute)
        ? strValue(attribute).split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))
        : [attribute];
  return (item) => {
    let value = item;
    for (const part of parts) {
      value = getitem(value, part, String(part));
      if (fallback !== null && fallback !== undefined && value === undefined) value = fallback;
    }
    return postprocess ? postprocess(value) : value;
  };
}

/** `attribute="a,b"` sorts by several keys. */
function multiAttrGetter(attribute: unknown, postprocess?: Getter): Getter {
  if (!isStr(attribute)) return attrGetter(attribute, postprocess);
  const getters = strValue(attribute)
    .split(',')
    .map((part) => attrGetter(part, postprocess));
  return getters.length === 1 ? getters[0] : (item) => getters.map((g) => g(item));
}

const ignoreCase: Getter = (value) => (isStr(value) ? strValue(value).toLowerCase() : value);

function text(value: unknown): string {
  return pyStr(value);
}

function asInt(value: unknown, what: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (!isInt(value)) throw pyError('TypeError', `'${typeName(value)}' object cannot be interpreted as an integer`, what);
  return toNumber(value);
}

const PY_WHITESPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Python's int(text, base); undefined when Python would raise ValueError. */
function parseIntText(raw: string, base: number): number | bigint | undefined {
  const t = raw.replace(PY_WHITESPACE, '');
  const m = /^([+-]?)(0[xXoObB])?(_?[0-9a-zA-Z]+(?:_[0-9a-zA-Z]+)*)$/.exec(t);
  if (!m) return undefined;
  const prefix = m[2]?.toLowerCase();
  let radix = base;
  if (prefix) {
    const prefixRadix = prefix === '0x' ? 16 : prefix === '0o' ? 8 : 2;
    if (base !== 0 && base !== prefixRadix) return undefined;
    radix = prefixRadix;
  } else if (m[3].startsWith('_')) return undefined;
  if (radix === 0) radix = 10;
  const digits = m[3].replace(/_/g, '').toLowerCase();
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  if (![...digits].every((d) => alphabet.includes(d))) return undefined;
  let value = 0n;
  for (const d of digits) value = value * BigInt(radix) + BigInt(alphabet.indexOf(d));
  if (m[1] === '-') value = -value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Python's float(text); undefined when Python would raise ValueError. */
function parseFloatText(raw: string): number | undefined {
  const t = raw.replace(PY_WHITESPACE, '');
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ''));
}

/** Python's hash-equality key, for `unique`; unhashable values raise like Python. */
function hashKey(value: unknown): string {
  if (isStr(value)) return `s:${strValue(value)}`;
  if (isNumeric(value)) return `n:${toNumber(value)}`;
  if (value === null) return 'None';
  if (value === undefined) return 'Undefined';
  if (value instanceof PyTuple) return `t:(${value.map(hashKey).join(',')})`;
  if (Array.isArray(value) || isDict(value)) throw pyError('TypeError', `unhashable type: '${typeName(value)}'`);
  return `o:${objectId(value as object)}`;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
function objectId(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) objectIds.set(value, (id = nextObjectId++));
  return id;
}

function* mapItems(items: Iterable<unknown>, fn: Getter): Generator<unknown> {
  for (const item of items) yield fn(item);
}

/** Iterates lazily (generators stay lazy, lists are read as they are). */
function lazyItems(value: unknown): Iterable<unknown> {
  if (value instanceof PyIterator) return { [Symbol.iterator]: () => value.iterator };
  return pyIterate(value);
}

function reversedItems(value: unknown): unknown[] | undefined {
  if (value === undefined) return [];
  if (isStr(value)) return Array.from(strValue(value)).reverse();
  if (Array.isArray(value)) return [...value].reverse();
  if (isDict(value)) return Object.keys(value).reverse();
  return undefined;
}

// Markupsafe's escaping, which Jinja's `e`/`escape` use.
function htmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function htmlUnescape(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

// ---------------------------------------------------------------- json

function jsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const code = value.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Python's json.dumps(value, sort_keys=True, indent=indent). */
export function pyJsonDumps(value: unknown, indent: number | string | null = null, sortKeys = true): string {
  const pad = indent === null ? null : typeof indent === 'number' ? ' '.repeat(indent) : indent;
  const encode = (v: unknown, level: number): string => {
    if (v === null) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (isStr(v)) return jsonString(strValue(v));
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' || v instanceof PyFloat) {
      const n = toNumber(v);
      if (Number.isNaN(n)) return 'NaN';
      if (n === Infinity) return 'Infinity';
      if (n === -Infinity) return '-Infinity';
      return isFloat(v) ? floatRepr(n) : pyStr(n);
    }
    const open = (items: string[], start: string, end: string): string => {
      if (items.length === 0) return start + end;
      if (pad === null) return start + items.join(', ') + end;
      const inner = '\n' + pad.repeat(level + 1);
      return start + inner + items.join(',' + inner) + '\n' + pad.repeat(level) + end;
    };
    if (Array.isArray(v) && !(v instanceof PyDictView)) return open(v.map((item) => encode(item, level + 1)), '[', ']');
    if (isDict(v)) {
      const keys = sortKeys ? pySorted(Object.keys(v)) : Object.keys(v);
      return open(keys.map((k) => `${jsonString(k)}: ${encode(v[k], level + 1)}`), '{', '}');
    }
    throw pyError('TypeError', `Object of type ${typeName(v)} is not JSON serializable`);
  };
  return encode(value, 0);
}

// ---------------------------------------------------------------- the filters

type Body = (value: unknown, params: unknown[], env: EnvLike) => unknown;

const FILTERS: Record<string, FilterImpl> = {};

function define(names: string | string[], signature: Signature, body: Body): void {
  for (const name of Array.isArray(names) ? names : [names]) {
    FILTERS[name] = (value, args, kwargs, env) => body(value, bindArgs(name, signature, args, kwargs), env);
  }
}

/** Filters taking `*args, **kwargs` (map, select, format…) get them unbound. */
function defineVariadic(name: string, impl: FilterImpl): void {
  FILTERS[name] = impl;
}

define('abs', [], (value) => {
  // Value objects (a timedelta) answer abs() themselves.
  const abs = value !== null && typeof value === 'object' ? (value as { __abs__?: unknown }).__abs__ : undefined;
  if (typeof abs === 'function') return abs.call(value);
  if (!isNumeric(value)) throw pyError('TypeError', `bad operand type for abs(): '${typeName(value)}'`);
  if (typeof value === 'bigint') return value < 0n ? -value : value;
  return isFloat(value) ? makeFloat(Math.abs(toNumber(value))) : Math.abs(toNumber(value));
});

define('attr', [['name', REQUIRED]], (value, [name]) => {
  if (isDict(value)) {
    const own = hasOwn(value, strValue(name)) ? value[strValue(name)] : undefined;
    return typeof own === 'function' || pythonMethod(value, strValue(name)) ? getattr(value, strValue(name)) : undefined;
  }
  return getattr(value, text(name));
});

define('batch', [['linecount', REQUIRED], ['fill_with', null]], (value, [linecount, fill]) => {
  const size = asInt(linecount, 'batch size');
  if (size <= 0) throw pyError('ValueError', 'batch size must be positive');
  return new PyIterator(
    (function* batches() {
      let current: unknown[] = [];
      for (const item of lazyItems(value)) {
        if (current.length === size) {
          yield current;
          current = [];
        }
        current.push(item);
      }
      if (current.length) {
        if (fill !== null && current.length < size) while (current.length < size) current.push(fill);
        yield current;
      }
    })(),
  );
});

define('capitalize', [], (value) => {
  const [first = '', ...rest] = Array.from(text(value));
  return first.toUpperCase() + rest.join('').toLowerCase();
});

define('center', [['width', 80]], (value, [width]) => pythonMethod('', 'center')!(text(value) as never, [width], {}));

define(['count', 'length'], [], (value) => pyLen(value));

define(['d', 'default'], [['default_value', ''], ['boolean', false]], (value, [fallback, boolean]) =>
  value === undefined || (pyTruthy(boolean) && !pyTruthy(value)) ? fallback : value,
);

define('dictsort', [['case_sensitive', false], ['by', 'key'], ['reverse', false]], (value, [caseSensitive, by, reverse]) => {
  if (!isDict(value)) throw pyError('TypeError', `dictsort expects a dict, not ${typeName(value)}`);
  const position = by === 'key' ? 0 : by === 'value' ? 1 : -1;
  if (position < 0) throw pyError('FilterArgumentError', 'You can only sort by either "key" or "value"');
  const items = Object.keys(value).map((k) => PyTuple.make(k, value[k]));
  return pySorted(items, (item) => (pyTruthy(caseSensitive) ? item[position] : ignoreCase(item[position])), pyTruthy(reverse));
});

define(['e', 'escape'], [], (value) => (value instanceof SafeString ? value : new SafeString(htmlEscape(text(value)))));
define('forceescape', [], (value) => new SafeString(htmlEscape(text(value))));
define('safe', [], (value) => (value instanceof SafeString ? value : new SafeString(text(value))));

define('first', [], (value) => {
  if (value instanceof PyIterator) {
    const step = value.iterator.next();
    return step.done ? undefined : step.value;
  }
  return pyIterate(value)[0];
});

define('last', [], (value) => {
  const items = reversedItems(value);
  if (!items) throw pyError('TypeError', `'${typeName(value)}' object is not reversible`, "convert it first: '| list | last'");
  return items[0];
});

// Jinja's Undefined refuses int(), float() and `+`, so these filters raise on it.
function notUndefined(value: unknown): void {
  if (value === undefined) throw pyError('UndefinedError', 'an undefined value was used');
}

define('float', [['default', makeFloat(0)]], (value, [fallback]) => {
  notUndefined(value);
  if (isStr(value)) {
    const parsed = parseFloatText(strValue(value));
    return parsed === undefined ? fallback : makeFloat(parsed);
  }
  if (isNumeric(value)) return makeFloat(toNumber(value));
  return fallback;
});

defineVariadic('format', (value, args, kwargs) => {
  const hasKwargs = Object.keys(kwargs).length > 0;
  if (args.length && hasKwargs) throw pyError('FilterArgumentError', "can't handle positional and keyword arguments at the same time");
  return mod(text(value), hasKwargs ? { ...kwargs } : PyTuple.fromItems(args));
});

define('groupby', [['attribute', REQUIRED], ['default', null], ['case_sensitive', false]], (value, [attribute, fallback, caseSensitive]) => {
  const sensitive = pyTruthy(caseSensitive);
  const key = attrGetter(attribute, sensitive ? undefined : ignoreCase, fallback);
  const output = attrGetter(attribute, undefined, fallback);
  const groups: PyNamedTuple[] = [];
  let currentKey: unknown;
  let current: unknown[] | undefined;
  for (const item of pySorted(pyIterate(value), key)) {
    const k = key(item);
    if (!current || pyCompare(k, currentKey) !== 0) {
      current = [];
      currentKey = k;
      groups.push(PyNamedTuple.create(['grouper', 'list'], [sensitive ? k : output(item), current]));
    }
    current.push(item);
  }
  return groups;
});

define('indent', [['width', 4], ['first', false], ['blank', false]], (value, [width, first, blank]) => {
  notUndefined(value);
  const indention = isStr(width) ? strValue(width) : ' '.repeat(asInt(width, 'indent width'));
  const lines = pythonMethod('', 'splitlines')!((text(value) + '\n') as never, [], {}) as string[];
  let out: string;
  if (pyTruthy(blank)) out = lines.join('\n' + indention);
  else {
    out = lines.shift() ?? '';
    if (lines.length) out += '\n' + lines.map((line) => (line ? indention + line : line)).join('\n');
  }
  return pyTruthy(first) ? indention + out : out;
});

define('int', [['default', 0], ['base', 10]], (value, [fallback, base]) => {
  notUndefined(value);
  if (isStr(value)) {
    const parsed = parseIntText(strValue(value), asInt(base, 'base'));
    if (parsed !== undefined) return parsed;
    const asFloat = parseFloatText(strValue(value));
    return asFloat !== undefined && Number.isFinite(asFloat) ? Math.trunc(asFloat) : fallback;
  }
  if (typeof value === 'bigint') return value;
  if (isNumeric(value)) {
    const n = toNumber(value);
    return Number.isFinite(n) ? Math.trunc(n) || 0 : fallback;
  }
  return fallback;
});

define('items', [], (value) => {
  if (value === undefined) return PyIterator.of([]);
  if (!isDict(value)) throw pyError('TypeError', 'Can only get item pairs from a mapping.');
  return PyIterator.of(Object.keys(value).map((k) => PyTuple.make(k, value[k])));
});

define('join', [['d', ''], ['attribute', null]], (value, [separator, attribute]) => {
  let items = pyIterate(value);
  if (attribute !== null) items = items.map(attrGetter(attribute));
  return items.map(text).join(text(separator));
});

define('list', [], (value) => [...pyIterate(value)]);
define('lower', [], (value) => text(value).toLowerCase());
define('upper', [], (value) => text(value).toUpperCase());

defineVariadic('map', (value, args, kwargs, env) => {
  if (!pyTruthy(value)) return PyIterator.of([]);
  let fn: Getter;
  if (args.length === 0 && hasOwn(kwargs, 'attribute')) {
    const { attribute, default: fallback, ...rest } = kwargs;
    const extra = Object.keys(rest)[0];
    if (extra) throw pyError('FilterArgumentError', `Unexpected keyword argument '${extra}'`);
    fn = attrGetter(attribute, undefined, fallback);
  } else {
    if (args.length === 0) throw pyError('FilterArgumentError', 'map requires a filter argument');
    const [name, ...rest] = args;
    fn = (item) => callFilter(env, undefined, text(name), item, rest, kwargs);
  }
  return new PyIterator(mapItems(lazyItems(value), fn));
});

function minMax(which: 'min' | 'max'): Body {
  return (value, [caseSensitive, attribute]) => {
    const items = pyIterate(value);
    if (items.length === 0) return undefined;
    const key = attrGetter(attribute, pyTruthy(caseSensitive) ? undefined : ignoreCase);
    let best = items[0];
    let bestKey = key(best);
    for (let i = 1; i < items.length; i++) {
      const k = key(items[i]);
      const order = pyCompare(k, bestKey, which === 'max' ? '>' : '<');
      if (which === 'max' ? order > 0 : order < 0) {
        best = items[i];
        bestKey = k;
      }
    }
    return best;
  };
}
define('max', [['case_sensitive', false], ['attribute', null]], minMax('max'));
define('min', [['case_sensitive', false], ['attribute', null]], minMax('min'));

function selectOrReject(select: boolean, lookupAttr: boolean): FilterImpl {
  return (value, args, kwargs, env) => {
    if (!pyTruthy(value)) return PyIterator.of([]);
    let transform: Getter = (x) => x;
    let offset = 0;
    if (lookupAttr) {
      if (args.length === 0) throw pyError('FilterArgumentError', 'Missing parameter for attribute name');
      transform = attrGetter(args[0]);
      offset = 1;
    }
    const testName = args[offset];
    const testArgs = args.slice(offset + 1);
    const test: (x: unknown) => boolean =
      testName === undefined ? pyTruthy : (x) => callTest(env, undefined, text(testName), x, testArgs, kwargs);
    return new PyIterator(
      (function* chosen() {
        for (const item of lazyItems(value)) if (test(transform(item)) === select) yield item;
      })(),
    );
  };
}
defineVariadic('select', selectOrReject(true, false));
defineVariadic('reject', selectOrReject(false, false));
defineVariadic('selectattr', selectOrReject(true, true));
defineVariadic('rejectattr', selectOrReject(false, true));

define('replace', [['old', REQUIRED], ['new', REQUIRED], ['count', null]], (value, [old, replacement, count]) =>
  pythonMethod('', 'replace')!(text(value) as never, [text(old), text(replacement), count === null ? -1 : count], {}),
);

define('reverse', [], (value) => {
  if (isStr(value)) return Array.from(strValue(value)).reverse().join('');
  const items = reversedItems(value);
  if (items) return PyIterator.of(items);
  const list = pyIterate(value);
  return [...list].reverse();
});

define('round', [['precision', 0], ['method', 'common']], (value, [precision, method]) => {
  if (method !== 'common' && method !== 'ceil' && method !== 'floor') {
    throw pyError('FilterArgumentError', 'method must be common, ceil or floor');
  }
  if (!isNumeric(value)) throw pyError('TypeError', `type ${typeName(value)} doesn't define __round__ method`);
  const places = asInt(precision, 'precision');
  const x = toNumber(value);
  if (method === 'common') {
    if (!isFloat(value)) {
      if (places >= 0) return typeof value === 'bigint' ? value : x;
      return roundFloat(x, places);
    }
    return makeFloat(roundFloat(x, places));
  }
  const factor = 10 ** places;
  return makeFloat((method === 'ceil' ? Math.ceil(x * factor) : Math.floor(x * factor)) / factor);
});

define('slice', [['slices', REQUIRED], ['fill_with', null]], (value, [slices, fill]) => {
  const seq = pyIterate(value);
  const count = asInt(slices, 'slices');
  const perSlice = Math.floor(seq.length / count);
  const withExtra = seq.length % count;
  const out: unknown[][] = [];
  let offset = 0;
  for (let n = 0; n < count; n++) {
    const start = offset + n * perSlice;
    if (n < withExtra) offset += 1;
    const end = offset + (n + 1) * perSlice;
    const part = seq.slice(start, end);
    if (fill !== null && n >= withExtra) part.push(fill);
    out.push(part);
  }
  return PyIterator.of(out);
});

define('sort', [['reverse', false], ['case_sensitive', false], ['attribute', null]], (value, [reverse, caseSensitive, attribute]) =>
  pySorted(pyIterate(value), multiAttrGetter(attribute, pyTruthy(caseSensitive) ? undefined : ignoreCase), pyTruthy(reverse)),
);

define('string', [], (value) => (value instanceof SafeString ? value : text(value)));

define('striptags', [], (value) => {
  let s = text(value);
  for (let start = s.indexOf('<!--'); start >= 0; start = s.indexOf('<!--')) {
    const end = s.indexOf('-->', start);
    if (end < 0) break;
    s = s.slice(0, start) + s.slice(end + 3);
  }
  for (let start = s.indexOf('<'); start >= 0; start = s.indexOf('<')) {
    const end = s.indexOf('>', start);
    if (end < 0) break;
    s = s.slice(0, start) + s.slice(end + 1);
  }
  return htmlUnescape((pythonMethod('', 'split')!(s as never, [], {}) as string[]).join(' '));
});

define('sum', [['attribute', null], ['start', 0]], (value, [attribute, start]) => {
  if (isStr(start)) throw pyError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  let items = pyIterate(value);
  if (attribute !== null) items = items.map(attrGetter(attribute));
  return items.reduce((total, item) => add(total, item), start);
});

define('title', [], (value) =>
  text(value)
    .split(/([-\s({[<]+)/u)
    .filter((item) => item)
    .map((item) => {
      const [first, ...rest] = Array.from(item);
      return first.toUpperCase() + rest.join('').toLowerCase();
    })
    .join(''),
);

define('tojson', [['indent', null]], (value, [indent]) => {
  const json = pyJsonDumps(value, indent as number | string | null);
  return new SafeString(json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027'));
});

define('trim', [['chars', null]], (value, [chars]) => pythonMethod('', 'strip')!(text(value) as never, [chars], {}));

define('truncate', [['length', 255], ['killwords', false], ['end', '...'], ['leeway', null]], (value, [length, killwords, end, leeway]) => {
  const s = text(value);
  const max = asInt(length, 'length');
  const tail = text(end);
  const slack = leeway === null ? 5 : asInt(leeway, 'leeway');
  if (max < tail.length) throw pyError('AssertionError', `expected length >= ${tail.length}, got ${max}`);
  if (slack < 0) throw pyError('AssertionError', `expected leeway >= 0, got ${slack}`);
  if (s.length <= max + slack) return s;
  if (pyTruthy(killwords)) return s.slice(0, max - tail.length) + tail;
  const head = s.slice(0, max - tail.length);
  const cut = head.lastIndexOf(' ');
  return (cut >= 0 ? head.slice(0, cut) : head) + tail;
});

define('unique', [['case_sensitive', false], ['attribute', null]], (value, [caseSensitive, attribute]) => {
  const key = attrGetter(attribute, pyTruthy(caseSensitive) ? undefined : ignoreCase);
  return new PyIterator(
    (function* unique() {
      const seen = new Set<string>();
      for (const item of lazyItems(value)) {
        const k = hashKey(key(item));
        if (!seen.has(k)) {
          seen.add(k);
          yield item;
        }
      }
    })(),
  );
});

define('wordcount', [], (value) => (text(value).match(/[\p{L}\p{N}_]+/gu) ?? []).length);

// dbt's filters: markers for its native rendering, and `is_list`.
for (const name of ['as_text', 'as_bool', 'as_native', 'as_number']) define(name, [], (value) => value);
define('is_list', [], (value) => Array.isArray(value) && !(value instanceof PyTuple) && !(value instanceof PyDictView));

// Jinja filters Sluice does not implement: an error names them instead of rendering differently.
for (const name of ['filesizeformat', 'pprint', 'random', 'urlencode', 'urlize', 'wordwrap', 'xmlattr']) {
  defineVariadic(name, () => {
    throw pyError('TemplateRuntimeError', `the '${name}' filter is not supported by Sluice`);
  });
}

/** The filters, as functions nunjucks can also call (value, ...args, kwargs). */
export function jinjaFilters(env: EnvLike): Record<string, ((...args: unknown[]) => unknown) & { [PY_FILTER]: FilterImpl }> {
  const out: Record<string, ((...args: unknown[]) => unknown) & { [PY_FILTER]: FilterImpl }> = {};
  for (const [name, impl] of Object.entries(FILTERS)) {
    const fn = function jinjaFilter(value: unknown, ...rest: unknown[]): unknown {
      const last = rest[rest.length - 1];
      const hasKwargs = rest.length > 0 && last !== null && typeof last === 'object' && hasOwn(last, '__keywords');
      const kwargs: Kwargs = hasKwargs ? { ...(last as Kwargs) } : {};
      return impl(value, hasKwargs ? rest.slice(0, -1) : rest, kwargs, env);
    } as ((...args: unknown[]) => unknown) & { [PY_FILTER]: FilterImpl };
    fn[PY_FILTER] = impl;
    out[name] = fn;
  }
  return out;
}

