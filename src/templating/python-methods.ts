/**
 * The methods Python gives str, list, tuple and dict values, so `name.upper()`, `cols.append(c)` and
 * `cfg.get('k')` behave in templates as they do in Jinja.
 */
import { bindArgs, noKwargs, REQUIRED, type Kwargs, type Signature } from './python-args.js';
import { strFormat, type AttributeGetter, type ItemGetter } from './python-format.js';
import {
  PyDictView,
  PyRange,
  PyTuple,
  checkDictOrder,
  isIntegerLikeKey,
  hasOwn,
  isDict,
  isInt,
  isStr,
  pyEq,
  pyError,
  pyIterate,
  pyRepr,
  pySorted,
  setOwn,
  strValue,
  toNumber,
  typeName,
  isObjectKeyed,
  markObjectKeyed,
  objectKey,
  refuseObjectKeys,
  PySet,
  PyMappedSequence,
} from './python-values.js';

export type MethodImpl = (self: never, args: unknown[], kwargs: Kwargs) => unknown;

/** Accessors the str.format implementation needs; set by the runtime to avoid an import cycle. */
export const formatAccess: { getattr: AttributeGetter; getitem: ItemGetter } = {
  getattr: () => undefined,
  getitem: () => undefined,
};

// ---------------------------------------------------------------- helpers

// Characters for which Python's str.isspace() is true.
const WHITESPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const isWhitespace = (ch: string): boolean => WHITESPACE.includes(ch);
const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

function asInt(value: unknown, what: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (!isInt(value)) throw pyError('TypeError', `${what} must be an integer, not ${typeName(value)}`);
  return toNumber(value);
}

function asStr(value: unknown, fnName: string): string {
  if (!isStr(value)) throw pyError('TypeError', `${fnName}() argument must be str, not ${typeName(value)}`);
  return strValue(value);
}

/** Python slice bounds (start/end arguments of find, count, startswith…). */
function sliceBounds(length: number, start: unknown, end: unknown): [number, number] {
  const norm = (value: unknown, fallback: number): number => {
    if (value === null || value === undefined) return fallback;
    let n = asInt(value, 'slice indices');
    if (n < 0) n += length;
    return Math.min(Math.max(n, 0), length);
  };
  return [norm(start, 0), norm(end, length)];
}

function stripChars(chars: unknown, fnName: string): ((ch: string) => boolean) {
  if (chars === null || chars === undefined) return isWhitespace;
  const set = asStr(chars, fnName);
  return (ch) => set.includes(ch);
}

function lstrip(text: string, strip: (ch: string) => boolean): string {
  let i = 0;
  while (i < text.length && strip(text[i])) i++;
  return text.slice(i);
}

function rstrip(text: string, strip: (ch: string) => boolean): string {
  let i = text.length;
  while (i > 0 && strip(text[i - 1])) i--;
  return text.slice(0, i);
}

function splitWhitespace(text: string, maxsplit: number): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isWhitespace(text[i])) i++;
    if (i >= text.length) break;
    if (maxsplit >= 0 && parts.length === maxsplit) {
      // The remainder keeps its inner and trailing whitespace, like CPython.
      parts.push(text.slice(i));
      return parts;
    }
    let j = i;
    while (j < text.length && !isWhitespace(text[j])) j++;
    parts.push(text.slice(i, j));
    i = j;
  }
  return parts;
}

function rsplitWhitespace(text: string, maxsplit: number): string[] {
  const parts: string[] = [];
  let i = text.length;
  while (i > 0) {
    while (i > 0 && isWhitespace(text[i - 1])) i--;
    if (i <= 0) break;
    if (maxsplit >= 0 && parts.length === maxsplit) {
      parts.push(text.slice(0, i));
      return parts.reverse();
    }
    let j = i;
    while (j > 0 && !isWhitespace(text[j - 1])) j--;
    parts.push(text.slice(j, i));
    i = j;
  }
  return parts.reverse();
}

function splitSep(text: string, sep: string, maxsplit: number): string[] {
  if (sep === '') throw pyError('ValueError', 'empty separator');
  const parts = text.split(sep);
  if (maxsplit < 0 || parts.length - 1 <= maxsplit) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

function rsplitSep(text: string, sep: string, maxsplit: number): string[] {
  if (sep === '') throw pyError('ValueError', 'empty separator');
  const parts = text.split(sep);
  if (maxsplit < 0 || parts.length - 1 <= maxsplit) return parts;
  const keep = parts.length - maxsplit;
  return [parts.slice(0, keep).join(sep), ...parts.slice(keep)];
}

const isCased = (ch: string): boolean => ch.toLowerCase() !== ch.toUpperCase();

function title(text: string): string {
  let out = '';
  let previousCased = false;
  for (const ch of text) {
    out += previousCased ? ch.toLowerCase() : ch.toUpperCase();
    previousCased = isCased(ch);
  }
  return out;
}

function affixes(value: unknown, fnName: string): string[] {
  if (isStr(value)) return [strValue(value)];
  if (value instanceof PyTuple) return value.map((item) => asStr(item, fnName));
  throw pyError('TypeError', `${fnName} first arg must be str or a tuple of str, not ${typeName(value)}`);
}

function pad(text: string, width: unknown, fill: unknown, where: 'left' | 'right' | 'center'): string {
  const n = asInt(width, 'width');
  const fillChar = fill === undefined ? ' ' : strValue(fill);
  if (Array.from(fillChar).length !== 1) throw pyError('TypeError', 'The fill character must be exactly one character long');
  const length = Array.from(text).length;
  if (n <= length) return text;
  const margin = n - length;
  if (where === 'left') return fillChar.repeat(margin) + text;
  if (where === 'right') return text + fillChar.repeat(margin);
  const left = Math.floor(margin / 2) + (margin & n & 1);
  return fillChar.repeat(left) + text + fillChar.repeat(margin - left);
}

function count(text: string, sub: string, start: number, end: number): number {
  const region = text.slice(start, end);
  if (sub === '') return start <= text.length ? region.length + 1 : 0;
  let n = 0;
  for (let i = region.indexOf(sub); i >= 0; i = region.indexOf(sub, i + sub.length)) n++;
  return n;
}

const s = (sig: Signature) => sig;

// ---------------------------------------------------------------- str

const STR_METHODS: Record<string, (self: string, args: unknown[], kwargs: Kwargs) => unknown> = {
  upper: (self, args, kwargs) => (bindArgs('upper', [], args, kwargs), self.toUpperCase()),
  lower: (self, args, kwargs) => (bindArgs('lower', [], args, kwargs), self.toLowerCase()),
  casefold: (self, args, kwargs) => (bindArgs('casefold', [], args, kwargs), self.toLowerCase()),
  swapcase: (self, args, kwargs) => {
    bindArgs('swapcase', [], args, kwargs);
    return Array.from(self, (ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');
  },
  title: (self, args, kwargs) => (bindArgs('title', [], args, kwargs), title(self)),
  capitalize: (self, args, kwargs) => {
    bindArgs('capitalize', [], args, kwargs);
    const [first = '', ...rest] = Array.from(self);
    return first.toUpperCase() + rest.join('').toLowerCase();
  },
  strip: (self, args, kwargs) => {
    const [chars] = bindArgs('strip', s([['chars', null]]), args, kwargs);
    const test = stripChars(chars, 'strip');
    return rstrip(lstrip(self, test), test);
  },
  lstrip: (self, args, kwargs) => {
    const [chars] = bindArgs('lstrip', s([['chars', null]]), args, kwargs);
    return lstrip(self, stripChars(chars, 'lstrip'));
  },
  rstrip: (self, args, kwargs) => {
    const [chars] = bindArgs('rstrip', s([['chars', null]]), args, kwargs);
    return rstrip(self, stripChars(chars, 'rstrip'));
  },
  split: (self, args, kwargs) => {
    const [sep, maxsplit] = bindArgs('split', s([['sep', null], ['maxsplit', -1]]), args, kwargs);
    const max = asInt(maxsplit, 'maxsplit');
    return sep === null || sep === undefined ? splitWhitespace(self, max) : splitSep(self, asStr(sep, 'split'), max);
  },
  rsplit: (self, args, kwargs) => {
    const [sep, maxsplit] = bindArgs('rsplit', s([['sep', null], ['maxsplit', -1]]), args, kwargs);
    const max = asInt(maxsplit, 'maxsplit');
    return sep === null || sep === undefined ? rsplitWhitespace(self, max) : rsplitSep(self, asStr(sep, 'rsplit'), max);
  },
  splitlines: (self, args, kwargs) => {
    const [keepends] = bindArgs('splitlines', s([['keepends', false]]), args, kwargs);
    const lines: string[] = [];
    let rest = self;
    while (rest.length > 0) {
      const m = LINE_BREAKS.exec(rest);
      if (!m) {
        lines.push(rest);
        break;
      }
      lines.push(rest.slice(0, m.index + (keepends ? m[0].length : 0)));
      rest = rest.slice(m.index + m[0].length);
    }
    return lines;
  },
  startswith: (self, args, kwargs) => {
    noKwargs('startswith', kwargs);
    const [prefix, start, end] = bindArgs('startswith', s([['prefix', REQUIRED], ['start', null], ['end', null]]), args, {});
    const [from, to] = sliceBounds(self.length, start, end);
    const region = self.slice(from, to);
    return affixes(prefix, 'startswith').some((p) => region.startsWith(p) && from + p.length <= to);
  },
  endswith: (self, args, kwargs) => {
    noKwargs('endswith', kwargs);
    const [suffix, start, end] = bindArgs('endswith', s([['suffix', REQUIRED], ['start', null], ['end', null]]), args, {});
    const [from, to] = sliceBounds(self.length, start, end);
    const region = self.slice(from, to);
    return affixes(suffix, 'endswith').some((p) => region.endsWith(p));
  },
  removeprefix: (self, args, kwargs) => {
    const [prefix] = bindArgs('removeprefix', s([['prefix', REQUIRED]]), args, kwargs);
    const p = asStr(prefix, 'removeprefix');
    return p && self.startsWith(p) ? self.slice(p.length) : self;
  },
  removesuffix: (self, args, kwargs) => {
    const [suffix] = bindArgs('removesuffix', s([['suffix', REQUIRED]]), args, kwargs);
    const p = asStr(suffix, 'removesuffix');
    return p && self.endsWith(p) ? self.slice(0, -p.length) : self;
  },
  replace: (self, args, kwargs) => {
    const [old, replacement, countArg] = bindArgs('replace', s([['old', REQUIRED], ['new', REQUIRED], ['count', -1]]), args, kwargs);
    const from = asStr(old, 'replace');
    const to = asStr(replacement, 'replace');
    const limit = asInt(countArg, 'count');
    const parts = from === '' ? ['', ...Array.from(self), ''] : self.split(from);
    if (from === '' && self === '') return limit === 0 ? '' : to;
    if (limit < 0 || parts.length - 1 <= limit) return from === '' ? parts.join(to).slice(0) : parts.join(to);
    return parts.slice(0, limit + 1).join(to) + from + parts.slice(limit + 1).join(from);
  },
  format: (self, args, kwargs) => strFormat(self, args, kwargs, formatAccess.getattr, formatAccess.getitem),
  format_map: (self, args, kwargs) => {
    const [mapping] = bindArgs('format_map', s([['mapping', REQUIRED]]), args, kwargs);
    if (!isDict(mapping)) throw pyError('TypeError', `format_map() argument must be a mapping, not ${typeName(mapping)}`);
    return strFormat(self, [], mapping, formatAccess.getattr, formatAccess.getitem);
  },
  join: (self, args, kwargs) => {
    const [iterable] = bindArgs('join', s([['iterable', REQUIRED]]), args, kwargs);
    const items = pyIterate(iterable);
    return items
      .map((item, i) => {
        if (!isStr(item)) throw pyError('TypeError', `sequence item ${i}: expected str instance, ${typeName(item)} found`);
        return strValue(item);
      })
      .join(self);
  },
  count: (self, args, kwargs) => {
    const [sub, start, end] = bindArgs('count', s([['sub', REQUIRED], ['start', null], ['end', null]]), args, kwargs);
    const [from, to] = sliceBounds(self.length, start, end);
    return count(self, asStr(sub, 'count'), from, to);
  },
  find: (self, args, kwargs) => {
    const [sub, start, end] = bindArgs('find', s([['sub', REQUIRED], ['start', null], ['end', null]]), args, kwargs);
    const [from, to] = sliceBounds(self.length, start, end);
    const needle = asStr(sub, 'find');
    const i = self.slice(0, to).indexOf(needle, from);
    return i >= 0 && i + needle.length <= to ? i : -1;
  },
  rfind: (self, args, kwargs) => {
    const [sub, start, end] = bindArgs('rfind', s([['sub', REQUIRED], ['start', null], ['end', null]]), args, kwargs);
    const [from, to] = sliceBounds(self.length, start, end);
    const needle = asStr(sub, 'rfind');
    const i = self.slice(0, to).lastIndexOf(needle);
    return i >= from ? i : -1;
  },
  index: (self, args, kwargs) => {
    const i = STR_METHODS.find(self, args, kwargs) as number;
    if (i < 0) throw pyError('ValueError', 'substring not found');
    return i;
  },
  rindex: (self, args, kwargs) => {
    const i = STR_METHODS.rfind(self, args, kwargs) as number;
    if (i < 0) throw pyError('ValueError', 'substring not found');
    return i;
  },
  isdigit: (self) => /^\p{Nd}+$/u.test(self),
  isdecimal: (self) => /^\p{Nd}+$/u.test(self),
  isnumeric: (self) => /^\p{N}+$/u.test(self),
  isalpha: (self) => /^\p{L}+$/u.test(self),
  isalnum: (self) => /^[\p{L}\p{N}]+$/u.test(self),
  isspace: (self) => self.length > 0 && Array.from(self).every(isWhitespace),
  isupper: (self) => /[\p{Lu}\p{Lt}]/u.test(self) && !/\p{Ll}/u.test(self),
  islower: (self) => /\p{Ll}/u.test(self) && !/[\p{Lu}\p{Lt}]/u.test(self),
  istitle: (self) => self.length > 0 && /[\p{Lu}\p{Lt}]/u.test(self) && title(self) === self,
  isidentifier: (self) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(self),
  zfill: (self, args, kwargs) => {
    const [width] = bindArgs('zfill', s([['width', REQUIRED]]), args, kwargs);
    const n = asInt(width, 'width');
    if (self.length >= n) return self;
    const sign = self[0] === '+' || self[0] === '-' ? self[0] : '';
    return sign + '0'.repeat(n - self.length) + self.slice(sign.length);
  },
  center: (self, args, kwargs) => {
    const [width, fill] = bindArgs('center', s([['width', REQUIRED], ['fillchar', ' ']]), args, kwargs);
    return pad(self, width, fill, 'center');
  },
  ljust: (self, args, kwargs) => {
    const [width, fill] = bindArgs('ljust', s([['width', REQUIRED], ['fillchar', ' ']]), args, kwargs);
    return pad(self, width, fill, 'right');
  },
  rjust: (self, args, kwargs) => {
    const [width, fill] = bindArgs('rjust', s([['width', REQUIRED], ['fillchar', ' ']]), args, kwargs);
    return pad(self, width, fill, 'left');
  },
  partition: (self, args, kwargs) => {
    const [sep] = bindArgs('partition', s([['sep', REQUIRED]]), args, kwargs);
    const text = asStr(sep, 'partition');
    if (text === '') throw pyError('ValueError', 'empty separator');
    const i = self.indexOf(text);
    return i < 0 ? PyTuple.make(self, '', '') : PyTuple.make(self.slice(0, i), text, self.slice(i + text.length));
  },
  rpartition: (self, args, kwargs) => {
    const [sep] = bindArgs('rpartition', s([['sep', REQUIRED]]), args, kwargs);
    const text = asStr(sep, 'rpartition');
    if (text === '') throw pyError('ValueError', 'empty separator');
    const i = self.lastIndexOf(text);
    return i < 0 ? PyTuple.make('', '', self) : PyTuple.make(self.slice(0, i), text, self.slice(i + text.length));
  },
};

// ---------------------------------------------------------------- list and tuple

function indexOf(items: unknown[], value: unknown, start: unknown, end: unknown, what: string): number {
  const [from, to] = sliceBounds(items.length, start, end);
  for (let i = from; i < to; i++) if (pyEq(items[i], value)) return i;
  throw pyError('ValueError', `${pyRepr(value)} is not in ${what}`);
}

const SEQUENCE_METHODS: Record<string, (self: unknown[], args: unknown[], kwargs: Kwargs) => unknown> = {
  count: (self, args, kwargs) => {
    const [value] = bindArgs('count', s([['value', REQUIRED]]), args, kwargs);
    return self.filter((item) => pyEq(item, value)).length;
  },
  index: (self, args, kwargs) => {
    const [value, start, end] = bindArgs('index', s([['value', REQUIRED], ['start', null], ['stop', null]]), args, kwargs);
    return indexOf(self, value, start, end, self instanceof PyTuple ? 'tuple' : 'list');
  },
};

const LIST_METHODS: Record<string, (self: unknown[], args: unknown[], kwargs: Kwargs) => unknown> = {
  ...SEQUENCE_METHODS,
  append: (self, args, kwargs) => {
    const [value] = bindArgs('append', s([['object', REQUIRED]]), args, kwargs);
    self.push(value);
    return null;
  },
  extend: (self, args, kwargs) => {
    const [iterable] = bindArgs('extend', s([['iterable', REQUIRED]]), args, kwargs);
    for (const item of [...pyIterate(iterable)]) self.push(item);
    return null;
  },
  insert: (self, args, kwargs) => {
    const [index, value] = bindArgs('insert', s([['index', REQUIRED], ['object', REQUIRED]]), args, kwargs);
    let i = asInt(index, 'list indices');
    if (i < 0) i = Math.max(i + self.length, 0);
    self.splice(Math.min(i, self.length), 0, value);
    return null;
  },
  remove: (self, args, kwargs) => {
    const [value] = bindArgs('remove', s([['value', REQUIRED]]), args, kwargs);
    const i = self.findIndex((item) => pyEq(item, value));
    if (i < 0) throw pyError('ValueError', 'list.remove(x): x not in list');
    self.splice(i, 1);
    return null;
  },
  pop: (self, args, kwargs) => {
    const [index] = bindArgs('pop', s([['index', -1]]), args, kwargs);
    if (self.length === 0) throw pyError('IndexError', 'pop from empty list');
    let i = asInt(index, 'list indices');
    if (i < 0) i += self.length;
    if (i < 0 || i >= self.length) throw pyError('IndexError', 'pop index out of range');
    return self.splice(i, 1)[0];
  },
  sort: (self, args, kwargs) => {
    const [key, reverse] = bindArgs('sort', s([['key', null], ['reverse', false]]), [], { ...kwargs });
    if (args.length) throw pyError('TypeError', 'sort() takes no positional arguments');
    if (key !== null) throw pyError('TypeError', "list.sort(key=…) is not supported in templates", "use the '| sort(attribute=…)' filter");
    const sorted = pySorted(self, undefined, !!reverse);
    self.splice(0, self.length, ...sorted);
    return null;
  },
  reverse: (self, args, kwargs) => {
    bindArgs('reverse', [], args, kwargs);
    self.reverse();
    return null;
  },
  copy: (self, args, kwargs) => (bindArgs('copy', [], args, kwargs), [...self]),
  clear: (self, args, kwargs) => {
    bindArgs('clear', [], args, kwargs);
    self.length = 0;
    return null;
  },
};

// ---------------------------------------------------------------- dict

/** Dict keys are strings in JS; ints (from YAML) are looked up by their text. */
export function dictKey(key: unknown): string {
  if (isStr(key)) return strValue(key);
  if (isInt(key)) return String(key);
  const hashed = objectKey(key);
  if (hashed !== undefined) return hashed;
  throw pyError('TypeError', `dict keys must be str in templates, not ${typeName(key)}`);
}

const DICT_METHODS: Record<string, (self: Record<string, unknown>, args: unknown[], kwargs: Kwargs) => unknown> = {
  keys: (self, args, kwargs) => (bindArgs('keys', [], args, kwargs), refuseObjectKeys(self), PyDictView.create('dict_keys', Object.keys(self))),
  values: (self, args, kwargs) => (bindArgs('values', [], args, kwargs), PyDictView.create('dict_values', Object.values(self))),
  items: (self, args, kwargs) => {
    bindArgs('items', [], args, kwargs);
    refuseObjectKeys(self);
    return PyDictView.create('dict_items', Object.keys(self).map((k) => PyTuple.make(k, self[k])));
  },
  get: (self, args, kwargs) => {
    noKwargs('get', kwargs);
    const [key, fallback] = bindArgs('get', s([['key', REQUIRED], ['default', null]]), args, {});
    const k = dictKey(key);
    return hasOwn(self, k) ? self[k] : fallback;
  },
  pop: (self, args, kwargs) => {
    noKwargs('pop', kwargs);
    if (args.length === 0) throw pyError('TypeError', 'pop expected at least 1 argument, got 0');
    if (args.length > 2) throw pyError('TypeError', `pop expected at most 2 arguments, got ${args.length}`);
    const k = dictKey(args[0]);
    if (hasOwn(self, k)) {
      const value = self[k];
      delete self[k];
      return value;
    }
    if (args.length === 2) return args[1];
    throw pyError('KeyError', pyRepr(args[0]));
  },
  popitem: (self, args, kwargs) => {
    bindArgs('popitem', [], args, kwargs);
    const keys = Object.keys(self);
    if (keys.length === 0) throw pyError('KeyError', "'popitem(): dictionary is empty'");
    const key = keys[keys.length - 1];
    const value = self[key];
    delete self[key];
    return PyTuple.make(key, value);
  },
  setdefault: (self, args, kwargs) => {
    noKwargs('setdefault', kwargs);
    const [key, fallback] = bindArgs('setdefault', s([['key', REQUIRED], ['default', null]]), args, {});
    const k = dictKey(key);
    if (!hasOwn(self, k)) {
      // Only an integer-like key can land out of insertion order (and listing the keys of a large dict on every call would cost).
      const order = isIntegerLikeKey(k) ? [...Object.keys(self), k] : null;
      setOwn(self, k, fallback);
      if (order) checkDictOrder(self, order);
    }
    return self[k];
  },
  update: (self, args, kwargs) => {
    if (args.length > 1) throw pyError('TypeError', `update expected at most 1 argument, got ${args.length}`);
    // The insertion order, followed from the first new integer-like key on: until then the object's own
    // order is the dict's (other keys go last in both), and listing the keys of a large dict on every
    // update (a template counting in a loop) would cost.
    let order: string[] | null = null;
    const put = (key: unknown, value: unknown): void => {
      const k = dictKey(key);
      if (!hasOwn(self, k)) {
        if (!order && isIntegerLikeKey(k)) order = Object.keys(self);
        order?.push(k);
      }
      setOwn(self, k, value);
    };
    if (args.length === 1 && args[0] !== null && args[0] !== undefined) {
      const other = args[0];
      if (isDict(other) && isObjectKeyed(other)) markObjectKeyed(self);
      if (isDict(other)) for (const k of Object.keys(other)) put(k, other[k]);
      else {
        for (const pair of pyIterate(other)) {
          const items = pyIterate(pair);
          if (items.length !== 2) throw pyError('ValueError', `dictionary update sequence element has length ${items.length}; 2 is required`);
          put(items[0], items[1]);
        }
      }
    }
    for (const k of Object.keys(kwargs)) put(k, kwargs[k]);
    if (order) checkDictOrder(self, order);
    return null;
  },
  copy: (self, args, kwargs) => {
    bindArgs('copy', [], args, kwargs);
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(self)) setOwn(copy, k, self[k]);
    return copy;
  },
  clear: (self, args, kwargs) => {
    bindArgs('clear', [], args, kwargs);
    for (const k of Object.keys(self)) delete self[k];
    return null;
  },
};

/** The Python method `name` of a value, if it has one. */
// ---------------------------------------------------------------- set and agate's MappedSequence

const others = (args: unknown[]) => args.map((other) => [...pyIterate(other)]);

const SET_METHODS: Record<string, (self: PySet, args: unknown[], kwargs: Kwargs) => unknown> = {
  add: (self, args, kwargs) => {
    const [item] = bindArgs('add', s([['element', REQUIRED]]), args, kwargs);
    if (!self.has(item)) self.push(item);
    return null;
  },
  update: (self, args, kwargs) => {
    noKwargs('update', kwargs);
    for (const items of others(args)) for (const item of items) if (!self.has(item)) self.push(item);
    return null;
  },
  discard: (self, args, kwargs) => {
    const [item] = bindArgs('discard', s([['element', REQUIRED]]), args, kwargs);
    const index = self.findIndex((member) => pyEq(member, item));
    if (index >= 0) self.splice(index, 1);
    return null;
  },
  remove: (self, args, kwargs) => {
    const [item] = bindArgs('remove', s([['element', REQUIRED]]), args, kwargs);
    const index = self.findIndex((member) => pyEq(member, item));
    if (index < 0) throw pyError('KeyError', pyRepr(item));
    self.splice(index, 1);
    return null;
  },
  pop: (self, args, kwargs) => {
    bindArgs('pop', [], args, kwargs);
    if (!self.length) throw pyError('KeyError', "'pop from an empty set'");
    return self.shift();
  },
  clear: (self, args, kwargs) => (bindArgs('clear', [], args, kwargs), self.splice(0), null),
  copy: (self, args, kwargs) => (bindArgs('copy', [], args, kwargs), PySet.fromItems(self)),
  union: (self, args, kwargs) => (noKwargs('union', kwargs), PySet.fromItems([...self, ...others(args).flat()])),
  intersection: (self, args, kwargs) => {
    noKwargs('intersection', kwargs);
    const sets = others(args).map((items) => PySet.fromItems(items));
    return PySet.fromItems(self.filter((item) => sets.every((set) => set.has(item))));
  },
  difference: (self, args, kwargs) => {
    noKwargs('difference', kwargs);
    const sets = others(args).map((items) => PySet.fromItems(items));
    return PySet.fromItems(self.filter((item) => !sets.some((set) => set.has(item))));
  },
  symmetric_difference: (self, args, kwargs) => {
    const [other] = bindArgs('symmetric_difference', s([['other', REQUIRED]]), args, kwargs);
    const set = PySet.fromItems(pyIterate(other));
    return PySet.fromItems([...self.filter((item) => !set.has(item)), ...set.filter((item) => !self.has(item))]);
  },
  issubset: (self, args, kwargs) => {
    const [other] = bindArgs('issubset', s([['other', REQUIRED]]), args, kwargs);
    const set = PySet.fromItems(pyIterate(other));
    return self.every((item) => set.has(item));
  },
  issuperset: (self, args, kwargs) => {
    const [other] = bindArgs('issuperset', s([['other', REQUIRED]]), args, kwargs);
    return [...pyIterate(other)].every((item) => self.has(item));
  },
  isdisjoint: (self, args, kwargs) => {
    const [other] = bindArgs('isdisjoint', s([['other', REQUIRED]]), args, kwargs);
    return ![...pyIterate(other)].some((item) => self.has(item));
  },
};

const MAPPED_SEQUENCE_METHODS: Record<string, (self: PyMappedSequence, args: unknown[], kwargs: Kwargs) => unknown> = {
  keys: (self, args, kwargs) => (bindArgs('keys', [], args, kwargs), [...self.names]),
  values: (self, args, kwargs) => (bindArgs('values', [], args, kwargs), [...self]),
  items: (self, args, kwargs) => (bindArgs('items', [], args, kwargs), self.names.map((name, index) => PyTuple.make(name, self[index]))),
  get: (self, args, kwargs) => {
    const [key, fallback] = bindArgs('get', s([['key', REQUIRED], ['default', null]]), args, kwargs);
    const index = self.names.indexOf(String(key));
    return index < 0 ? fallback : self[index];
  },
  dict: (self, args, kwargs) => (bindArgs('dict', [], args, kwargs), Object.fromEntries(self.names.map((name, index) => [name, self[index]]))),
};

export function pythonMethod(value: unknown, name: string): MethodImpl | undefined {
  if (isStr(value)) return Object.prototype.hasOwnProperty.call(STR_METHODS, name) ? (STR_METHODS[name] as MethodImpl) : undefined;
  if (value instanceof PySet) return Object.prototype.hasOwnProperty.call(SET_METHODS, name) ? (SET_METHODS[name] as MethodImpl) : undefined;
  if (value instanceof PyMappedSequence) {
    if (Object.prototype.hasOwnProperty.call(MAPPED_SEQUENCE_METHODS, name)) return MAPPED_SEQUENCE_METHODS[name] as MethodImpl;
    return Object.prototype.hasOwnProperty.call(SEQUENCE_METHODS, name) ? (SEQUENCE_METHODS[name] as MethodImpl) : undefined;
  }
  if (Array.isArray(value)) {
    if (value instanceof PyTuple || value instanceof PyRange) {
      return Object.prototype.hasOwnProperty.call(SEQUENCE_METHODS, name) ? (SEQUENCE_METHODS[name] as MethodImpl) : undefined;
    }
    if (value instanceof PyDictView) return undefined;
    return Object.prototype.hasOwnProperty.call(LIST_METHODS, name) ? (LIST_METHODS[name] as MethodImpl) : undefined;
  }
  if (isDict(value)) return Object.prototype.hasOwnProperty.call(DICT_METHODS, name) ? (DICT_METHODS[name] as MethodImpl) : undefined;
  return undefined;
}

