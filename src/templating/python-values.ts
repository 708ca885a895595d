/**
 * How Jinja's Python values live in JavaScript, and Python's rules for them: str(), repr(),
 * truthiness, equality, ordering, iteration.
 *
 * The mapping:
 *   Jinja Undefined → `undefined`       None → `null`           bool → boolean
 *   int → integral number (or bigint)   float → non-integral number, or `PyFloat` when integral
 *   str → string                        list → Array            tuple → `PyTuple` (an Array)
 *   dict → plain object                 range → `PyRange`       dict.keys()/values()/items() → `PyDictView`
 *   generators (map, select, …) → `PyIterator`, single use like Python's.
 * Class instances from the render context are "objects": attributes are their JS properties, and they
 * render through a `__str__()` method or their own `toString()`.
 */
import { SafeString } from './nunjucks-internals.js';

/** A Python float whose value happens to be integral (`2.0`), so it still renders as `2.0`. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return floatRepr(this.value);
  }
}

/** A Python tuple. Species is Array so `map`/`slice` give plain lists. */
export class PyTuple extends Array<unknown> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  static make(...items: unknown[]): PyTuple {
    return PyTuple.fromItems(items);
  }
  static fromItems(items: Iterable<unknown>): PyTuple {
    const tuple = new PyTuple();
    for (const item of items) tuple.push(item);
    return tuple;
  }
}

/** A named tuple (`groupby` gives `(grouper, list)` pairs readable as `.grouper` and `.list`). */
export class PyNamedTuple extends PyTuple {
  fields: string[] = [];
  /** Set for named tuples that print as `Name(field=value, …)` (Python's own, like IsoCalendarDate); Jinja's print as tuples. */
  typeLabel?: string;
  static create(fields: string[], items: unknown[], typeLabel?: string): PyNamedTuple {
    const tuple = new PyNamedTuple();
    tuple.fields = fields;
    if (typeLabel) tuple.typeLabel = typeLabel;
    for (const item of items) tuple.push(item);
    return tuple;
  }
}

/** A Python range object: a list you can index and measure, rendered as `range(a, b)`. */
export class PyRange extends Array<unknown> {
  start = 0;
  stop = 0;
  step = 1;
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

export type DictViewKind = 'dict_keys' | 'dict_values' | 'dict_items';

/** `dict.keys()`, `.values()`, `.items()`: iterable and sized, not subscriptable. */
/**
 * A Python set (what dbt's `set()` returns): its items in insertion order (Python's order is arbitrary),
 * compared and printed as a set — `set(a) == set(b)` ignores order, as dbt_utils' equality test needs.
 */
export class PySet extends Array<unknown> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  static fromItems(items: Iterable<unknown>): PySet {
    const set = new PySet();
    const seen = new Set<string>();
    for (const item of items) {
      const key = setKey(item);
      if (seen.has(key)) continue;
      seen.add(key);
      set.push(item);
    }
    return set;
  }
  has(item: unknown): boolean {
    const key = setKey(item);
    return this.some((member) => setKey(member) === key);
  }
  __sub__(other: unknown): unknown {
    if (!(other instanceof PySet)) return NOT_IMPLEMENTED;
    return PySet.fromItems(this.filter((item) => !other.has(item)));
  }
}

/** Set membership by value: numbers by value (1 == 1.0 == True), everything else by its repr. */
function setKey(item: unknown): string {
  if (typeof item === 'boolean') return `n:${item ? 1 : 0}`;
  if (typeof item === 'number' || typeof item === 'bigint' || item instanceof PyFloat) return `n:${Number(item instanceof PyFloat ? item.value : item)}`;
  if (isStr(item)) return `s:${strValue(item)}`;
  return `r:${pyRepr(item)}`;
}

/**
 * agate's MappedSequence (a run_query table's rows and columns, one row): a sequence whose items also
 * answer by name — `row['id']`, `table.columns['id']`, `.keys()`, `.values()`, `.items()`, `.get()`.
 */
export class PyMappedSequence extends Array<unknown> {
  names: string[] = [];
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  static create(names: string[], items: unknown[]): PyMappedSequence {
    const sequence = new PyMappedSequence();
    sequence.names = names;
    for (const item of items) sequence.push(item);
    return sequence;
  }
  /** The item named `name`, or undefined. */
  named(name: string): unknown {
    const index = this.names.indexOf(name);
    return index < 0 ? undefined : this[index];
  }
}

export class PyDictView extends Array<unknown> {
  kind: DictViewKind = 'dict_keys';
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  static create(kind: DictViewKind, items: unknown[]): PyDictView {
    const view = new PyDictView();
    view.kind = kind;
    for (const item of items) view.push(item);
    return view;
  }
}

/** A Python generator: filters like `map` and `select` return one; it can be iterated once. */
export class PyIterator {
  constructor(readonly iterator: Iterator<unknown>) {}
  static of(items: Iterable<unknown>): PyIterator {
    return new PyIterator(items[Symbol.iterator]());
  }
  /** The items not consumed yet; consumes them. */
  drain(): unknown[] {
    const items: unknown[] = [];
    for (let step = this.iterator.next(); !step.done; step = this.iterator.next()) items.push(step.value);
    return items;
  }
}

/** Jinja's `namespace()`: the one object `{% set ns.attr = … %}` may write to. */
export class Namespace {
  constructor(attributes: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(attributes)) setOwn(this as unknown as Record<string, unknown>, key, value);
  }
}

/**
 * Python's NotImplemented: what a value object's operator method (`__add__`, `__lt__`, …) returns for an
 * operand it does not handle, so the other operand, then Python's TypeError, get their turn.
 */
export const NOT_IMPLEMENTED: unique symbol = Symbol('NotImplemented');

export type BinaryOperator = 'add' | 'sub' | 'mul' | 'truediv' | 'floordiv' | 'mod';

function dunder(value: unknown, name: string): ((this: unknown, other?: unknown) => unknown) | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const method = (value as Record<string, unknown>)[name];
  return typeof method === 'function' ? (method as (this: unknown, other?: unknown) => unknown) : undefined;
}

/**
 * A binary operator on value objects (dates, timedeltas), as Python tries it: `a.__op__(b)`, then
 * `b.__rop__(a)`. NOT_IMPLEMENTED when neither side handles it. Reached only after the numeric,
 * string and sequence cases, so plain values never pay for it.
 */
export function objectBinary(op: BinaryOperator, a: unknown, b: unknown): unknown {
  const forward = dunder(a, `__${op}__`);
  if (forward) {
    const result = forward.call(a, b);
    if (result !== NOT_IMPLEMENTED) return result;
  }
  const reflected = dunder(b, `__r${op}__`);
  return reflected ? reflected.call(b, a) : NOT_IMPLEMENTED;
}

/** A unary operator (`__neg__`, `__pos__`) on a value object; NOT_IMPLEMENTED when it has none. */
export function objectUnary(name: '__neg__' | '__pos__', a: unknown): unknown {
  const method = dunder(a, name);
  return method ? method.call(a) : NOT_IMPLEMENTED;
}

/** An error Jinja raises while rendering (TypeError, ValueError, UndefinedError, …). */
export class JinjaRuntimeError extends Error {
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'JinjaRuntimeError';
    this.hint = hint;
  }
}

export function pyError(kind: string, message: string, hint?: string): JinjaRuntimeError {
  return new JinjaRuntimeError(`${kind}: ${message}`, hint);
}

// ---------------------------------------------------------------- classification

const objectPrototypeNames = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isStr(value: unknown): value is string {
  return typeof value === 'string' || value instanceof SafeString;
}

/** The JS string of a str value (unwrapping nunjucks' SafeString). */
export function strValue(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** A plain object stands for a Python dict. */
/**
 * Marks a class whose instances Jinja sees as a mapping (`x is mapping`) although they are objects with
 * attributes, as dbt's Relation is (a dataclass that implements Mapping).
 */
export const PY_MAPPING: unique symbol = Symbol('sluice.pyMapping');

export function isMappingObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [PY_MAPPING]?: boolean })[PY_MAPPING] === true;
}

/**
 * Objects Python can hash may be dict keys (dbt's relations: `{relation: []}`). Dicts here have string
 * keys, so such a key is stored under a text no string key can equal; the dict is marked, and listing its
 * keys — which would give that text instead of the object — is refused rather than rendered differently.
 */
const OBJECT_KEYED = new WeakSet<object>();

export function objectKey(key: unknown): string | undefined {
  const hash = key !== null && typeof key === 'object' ? (key as { __hash_key__?: unknown }).__hash_key__ : undefined;
  return typeof hash === 'function' ? `\u0000${String(hash.call(key))}` : undefined;
}

export function markObjectKeyed(dict: object): void {
  OBJECT_KEYED.add(dict);
}

export function isObjectKeyed(dict: object): boolean {
  return OBJECT_KEYED.has(dict);
}

export function refuseObjectKeys(dict: object): void {
  if (OBJECT_KEYED.has(dict)) {
    throw pyError('TypeError', 'Sluice cannot list the keys of a dict whose keys are relations', 'look values up by the relation instead: d[relation]');
  }
}

export function isDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isInt(value: unknown): boolean {
  return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
}

export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

/** int, float or bool: what Python arithmetic accepts. */
export function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value instanceof PyFloat;
}

/** The number a numeric value stands for (bool → 0/1). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  return NaN;
}

/** A float result: integral values keep their float-ness in a PyFloat. */
export function makeFloat(value: number): number | PyFloat {
  return Number.isInteger(value) ? new PyFloat(value) : value;
}

/** Python's type name, for error messages and tests. */
export function typeName(value: unknown): string {
  if (value === undefined) return 'Undefined';
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'bigint') return 'int';
  if (value instanceof PyFloat) return 'float';
  if (isStr(value)) return 'str';
  if (value instanceof PyTuple) return 'tuple';
  if (value instanceof PyRange) return 'range';
  if (value instanceof PyDictView) return value.kind;
  if (value instanceof PySet) return 'set';
  if (value instanceof PyMappedSequence) return 'MappedSequence';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyIterator) return 'generator';
  if (value instanceof Namespace) return 'Namespace';
  if (typeof value === 'function') return 'function';
  if (isDict(value)) return 'dict';
  const name = (value as object).constructor?.name;
  return name || 'object';
}

// Jinja's sandbox (which dbt uses) refuses longer ranges.
const MAX_RANGE = 100000;

/** A Python range (bounded as in Jinja's sandbox). */
export function makeRange(start: number, stop: number, step: number): PyRange {
  const range = new PyRange();
  range.start = start;
  range.stop = stop;
  range.step = step;
  const length = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  if (length > MAX_RANGE) {
    throw pyError('OverflowError', `Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`);
  }
  for (let i = 0; i < length; i++) range.push(start + i * step);
  return range;
}

// ---------------------------------------------------------------- dict helpers

/** Own property access that never reaches Object.prototype (`d.constructor` is not a key). */
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

const integerLikeKey = /^(?:0|[1-9]\d*)$/;

/** Whether a JS object puts the key before the others (see checkDictOrder). */
export function isIntegerLikeKey(key: string): boolean {
  return integerLikeKey.test(key);
}

/**
 * JS objects list integer-like keys first, Python dicts keep insertion order. A dict whose order the
 * object would change is refused rather than silently reordered.
 */
export function checkDictOrder(obj: Record<string, unknown>, insertionOrder: string[]): void {
  if (!insertionOrder.some((key) => integerLikeKey.test(key))) return;
  const actual = Object.keys(obj);
  const unique = [...new Set(insertionOrder)];
  if (actual.length === unique.length && actual.every((key, i) => key === unique[i])) return;
  throw pyError(
    'TypeError',
    `dict keys ${unique.map((k) => `'${k}'`).join(', ')} would be reordered: JavaScript objects put integer-like keys first`,
    'insert integer-like keys in ascending order, or use keys that are not plain integers',
  );
}

export function objectPrototypeHas(name: string): boolean {
  return objectPrototypeNames.has(name);
}

// ---------------------------------------------------------------- str() and repr()

/** Python's repr() of a float. */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${sign}${intPart}.${fraction}`;
}

export function intRepr(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
}

function numberRepr(value: number): string {
  return Number.isInteger(value) ? intRepr(value) : floatRepr(value);
}

const nonPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's repr() of a str: single quotes unless the text has ' and no ". */
export function strRepr(text: string, asciiOnly = false): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (ch !== ' ' && nonPrintable.test(ch)) || (asciiOnly && code > 0x7f)) {
      if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

function customToString(value: object): ((this: object) => string) | undefined {
  const toString = (value as { toString?: unknown }).toString;
  if (typeof toString === 'function' && toString !== Object.prototype.toString) return toString as (this: object) => string;
  return undefined;
}

/** Python's str() of a value, as `{{ }}`, `~` and `|string` render it. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return numberRepr(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof SafeString) return value.toString();
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (isDict(value)) {
    // A plain object with its own __str__/toString is a value object (a relation), not a dict.
    const own = typeof value.__str__ === 'function' ? value.__str__ : typeof value.toString === 'function' && hasOwn(value, 'toString') ? value.toString : undefined;
    return own ? String((own as () => unknown).call(value)) : pyRepr(value);
  }
  if (Array.isArray(value) || value instanceof Namespace) return pyRepr(value);
  if (value instanceof PyIterator) {
    throw pyError('TypeError', 'cannot render a generator (the result of map, select, unique, …)', "convert it first: '| list' or '| join(\", \")'");
  }
  if (typeof value === 'function') {
    throw pyError('TypeError', `cannot render the function '${value.name || 'anonymous'}'`, 'did you forget the parentheses of a call?');
  }
  const str = (value as { __str__?: unknown }).__str__;
  if (typeof str === 'function') return String(str.call(value));
  const toString = customToString(value as object);
  if (toString) return toString.call(value as object);
  throw pyError('TypeError', `cannot render an object of type '${typeName(value)}'`);
}

/** Python's repr() of a value, as lists and dicts show their items. */
export function pyRepr(value: unknown, asciiOnly = false): string {
  if (isStr(value)) return strRepr(strValue(value), asciiOnly);
  if (value === undefined) return 'Undefined';
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint' || value instanceof PyFloat) {
    return pyStr(value);
  }
  const item = (v: unknown): string => pyRepr(v, asciiOnly);
  if (value instanceof PyNamedTuple && value.typeLabel) {
    return `${value.typeLabel}(${value.fields.map((field, i) => `${field}=${item(value[i])}`).join(', ')})`;
  }
  if (value instanceof PyTuple) return value.length === 1 ? `(${item(value[0])},)` : `(${value.map(item).join(', ')})`;
  if (value instanceof PyRange) return value.step === 1 ? `range(${value.start}, ${value.stop})` : `range(${value.start}, ${value.stop}, ${value.step})`;
  if (value instanceof PyDictView) return `${value.kind}([${value.map(item).join(', ')}])`;
  if (value instanceof PySet) return value.length ? `{${value.map(item).join(', ')}}` : 'set()';
  if (Array.isArray(value)) return `[${value.map(item).join(', ')}]`;
  if (isDict(value)) {
    if (typeof value.__repr__ === 'function') return String((value.__repr__ as () => unknown).call(value));
    if (typeof value.__str__ === 'function' || (typeof value.toString === 'function' && hasOwn(value, 'toString'))) return pyStr(value);
    return `{${Object.keys(value).map((k) => `${strRepr(k, asciiOnly)}: ${item(value[k])}`).join(', ')}}`;
  }
  if (value instanceof Namespace) {
    const attrs = value as unknown as Record<string, unknown>;
    return `<Namespace {${Object.keys(attrs).map((k) => `${strRepr(k, asciiOnly)}: ${item(attrs[k])}`).join(', ')}}>`;
  }
  if (value instanceof PyIterator) return '<generator object>';
  if (typeof value === 'function') return `<function ${value.name || 'anonymous'}>`;
  const repr = (value as { __repr__?: unknown }).__repr__;
  if (typeof repr === 'function') return String(repr.call(value));
  return pyStr(value);
}

// ---------------------------------------------------------------- truth, equality, order

export function pyTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (value === true) return true;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (value instanceof PyFloat) return value.value !== 0;
  if (value instanceof SafeString) return value.toString().length > 0;
  if (isDict(value)) {
    for (const key in value) if (hasOwn(value, key)) return true;
    return false;
  }
  // Value objects may be false (a zero timedelta), through their own __bool__.
  const bool = dunder(value, '__bool__');
  return bool ? Boolean(bool.call(value)) : true;
}

function sequenceKind(value: unknown[]): string {
  if (value instanceof PyTuple) return 'tuple';
  if (value instanceof PyDictView) return value.kind;
  if (value instanceof PyRange) return 'range';
  return 'list';
}

/** Python's `==`. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      const x = typeof a === 'bigint' ? a : toNumber(a);
      const y = typeof b === 'bigint' ? b : toNumber(b);
      return x == y; // eslint-disable-line eqeqeq -- bigint/number comparison is exact
    }
    return toNumber(a) === toNumber(b);
  }
  if (isStr(a) || isStr(b)) return isStr(a) && isStr(b) && strValue(a) === strValue(b);
  if (a instanceof PySet || b instanceof PySet) {
    return a instanceof PySet && b instanceof PySet && a.length === b.length && a.every((item) => b.has(item));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (sequenceKind(a) !== sequenceKind(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEq(a[i], b[i])) return false;
    return true;
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => hasOwn(b, key) && pyEq(a[key], b[key]));
  }
  // Value objects (relations, dates) compare by value through their own __eq__.
  const eq = typeof a === 'object' ? (a as { __eq__?: unknown }).__eq__ : undefined;
  if (typeof eq === 'function') return Boolean(eq.call(a, b));
  return false;
}

function orderingError(op: string, a: unknown, b: unknown): JinjaRuntimeError {
  return pyError('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/**
 * Python's ordering comparison: -1, 0 or 1, NaN when incomparable floats are involved.
 * Mixed types raise TypeError like Python 3.
 */
export function pyCompare(a: unknown, b: unknown, op = '<'): number {
  if (a === undefined || b === undefined) throw pyError('UndefinedError', 'an undefined value cannot be compared');
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      const x = typeof a === 'bigint' ? a : toNumber(a);
      const y = typeof b === 'bigint' ? b : toNumber(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = toNumber(a);
    const y = toNumber(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (isStr(a) && isStr(b)) {
    const x = strValue(a);
    const y = strValue(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (Array.isArray(a) && Array.isArray(b) && sequenceKind(a) === sequenceKind(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!pyEq(a[i], b[i])) return pyCompare(a[i], b[i], op);
    }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  // Value objects (dates, timedeltas) order themselves through __lt__, which may raise Python's own
  // TypeError (naive against aware datetimes) or decline with NOT_IMPLEMENTED.
  const lt = dunder(a, '__lt__');
  if (lt) {
    const less = lt.call(a, b);
    if (less !== NOT_IMPLEMENTED) return less ? -1 : dunder(b, '__lt__')?.call(b, a) === true ? 1 : 0;
  }
  throw orderingError(op, a, b);
}

/** Python's sorted(): stable, TypeError on mixed types. */
export function pySorted<T>(items: T[], key: (item: T) => unknown = (x) => x, reverse = false): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: key(item) }));
  keyed.sort((x, y) => {
    const order = pyCompare(x.key, y.key);
    const cmp = Number.isNaN(order) ? 0 : order;
    return (reverse ? -cmp : cmp) || x.index - y.index;
  });
  return keyed.map((entry) => entry.item);
}

// ---------------------------------------------------------------- iteration

/** The items Python's iter() would produce, as an array (consumes generators). */
export function pyIterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (value === undefined) return [];
  if (value instanceof SafeString) return Array.from(value.toString());
  if (value instanceof PyIterator) return value.drain();
  if (isDict(value)) {
    refuseObjectKeys(value);
    return Object.keys(value);
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Namespace) && Symbol.iterator in value) {
    return Array.from(value as Iterable<unknown>);
  }
  throw pyError('TypeError', `'${typeName(value)}' object is not iterable`);
}

/** Python's len(). */
export function pyLen(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value === 'string') return Array.from(value).length;
  if (value instanceof SafeString) return Array.from(value.toString()).length;
  if (Array.isArray(value)) return value.length;
  if (isDict(value)) return Object.keys(value).length;
  throw pyError('TypeError', `object of type '${typeName(value)}' has no len()`);
}

/**
 * A value as plain JavaScript for code outside templates: tuples, ranges and dict views become
 * arrays, generators are drained, integral floats become numbers.
 */
export function toNative(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (value instanceof SafeString) return value.toString();
  if (value instanceof PyIterator) return value.drain().map(toNative);
  if (Array.isArray(value)) return Array.from(value, toNative);
  if (isDict(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, toNative(value[key]));
    return out;
  }
  return value;
}
