/**
 * What running a template needs (jinja-interpreter.ts calls it): scopes, name lookup, attribute
 * and item access, calls, macros, loops and operators, each with Jinja's (Python's) semantics.
 *
 * Calling convention shared with nunjucks: a JS function receives its positional arguments followed,
 * when there are keyword arguments, by one object marked as keyword arguments (see
 * `splitKeywordArgs`). Functions we implement carry `PY_CALL`, a fast path taking `(args, kwargs)`.
 */
import { SluiceError } from '../errors.js';
import { SafeString } from './nunjucks-internals.js';
import { NO_KWARGS, type Kwargs } from './python-args.js';
import { printfFormat } from './python-format.js';
import { formatAccess, pythonMethod } from './python-methods.js';
import {
  JinjaRuntimeError,
  NOT_IMPLEMENTED,
  Namespace,
  PyDictView,
  PyFloat,
  PyIterator,
  PyMappedSequence,
  PyNamedTuple,
  PyRange,
  PyTuple,
  checkDictOrder,
  hasOwn,
  isDict,
  isFloat,
  isInt,
  isNumeric,
  isStr,
  makeFloat,
  makeRange,
  markObjectKeyed,
  objectBinary,
  objectKey,
  objectPrototypeHas,
  objectUnary,
  pyCompare,
  pyEq,
  pyError,
  pyIterate,
  pyStr,
  pyTruthy,
  setOwn,
  strValue,
  toNumber,
  typeName,
} from './python-values.js';

// ---------------------------------------------------------------- Undefined modes

/**
 * Whether Undefined is dbt's parse-time one (dbt-common's `create_undefined`, used with
 * `capture_macros=True`): its attributes, items and calls are Undefined again instead of errors, so
 * `{{ results.columns[0].values() }}` parses before `results` exists. Printing, testing, iterating,
 * comparing and arithmetic stay as Jinja's default Undefined does them.
 *
 * In dbt the leniency belongs to each Undefined value, made by the model's environment, and travels
 * with it into the macros the model calls. Sluice's Undefined is a single value (`undefined`), so the
 * leniency belongs to the render instead: it holds for everything the render runs, macros included.
 * Only the branches that would have raised read it, so strict renders pay nothing for it.
 */
let lenientUndefined = false;

export function undefinedIsLenient(): boolean {
  return lenientUndefined;
}

/** Runs `work` with lenient (dbt parse-time) or strict Undefined, restoring the outer mode after. */
export function withUndefinedMode<T>(lenient: boolean, work: () => T): T {
  const outer = lenientUndefined;
  lenientUndefined = lenient;
  try {
    return work();
  } finally {
    lenientUndefined = outer;
  }
}

// ---------------------------------------------------------------- callables

/** Fast-path calling convention of the functions we implement: `(args, kwargs)`. */
export const PY_CALL: unique symbol = Symbol('jinja.pyCall');
/** What a macro function was declared with (name, parameters). */
export const MACRO_INFO: unique symbol = Symbol('jinja.macro');

export type PyImpl = (args: unknown[], kwargs: Kwargs) => unknown;
export type JinjaFunction = ((...args: unknown[]) => unknown) & { [PY_CALL]?: PyImpl; [MACRO_INFO]?: MacroSpec };

const KEYWORDS = '__keywords';

/** Marks an object as the keyword arguments of a call, the way nunjucks does. */
export function makeKeywordArgs(kwargs: Kwargs): Kwargs {
  const marked = { ...kwargs };
  Object.defineProperty(marked, KEYWORDS, { value: true, enumerable: false });
  return marked;
}

/** Splits a nunjucks-style argument list into positional arguments and keyword arguments. */
export function splitKeywordArgs(raw: unknown[]): { args: unknown[]; kwargs: Kwargs } {
  const last = raw[raw.length - 1];
  if (raw.length > 0 && last !== null && typeof last === 'object' && hasOwn(last, KEYWORDS)) {
    const kwargs: Kwargs = {};
    for (const key of Object.keys(last)) if (key !== KEYWORDS) kwargs[key] = (last as Kwargs)[key];
    return { args: raw.slice(0, -1), kwargs };
  }
  return { args: raw, kwargs: NO_KWARGS };
}

/** Wraps an `(args, kwargs)` implementation as a function callable both ways. */
export function pyFunction(name: string, impl: PyImpl): JinjaFunction {
  const fn = function jinjaFunction(...raw: unknown[]): unknown {
    const { args, kwargs } = splitKeywordArgs(raw);
    return impl(args, kwargs);
  } as JinjaFunction;
  Object.defineProperty(fn, 'name', { value: name });
  fn[PY_CALL] = impl;
  return fn;
}

function hasKeys(obj: Kwargs): boolean {
  for (const key in obj) if (hasOwn(obj, key)) return true;
  return false;
}

function undefinedError(desc: string): JinjaRuntimeError {
  return pyError('UndefinedError', `'${desc}' is undefined`);
}

/** How an expression reads in the template, for error messages; computed only when needed. */
export type Desc = string | (() => string);

function descText(desc: Desc): string {
  return typeof desc === 'function' ? desc() : desc;
}

/** Calls `fn` from a template. */
export function call(fn: unknown, desc: Desc, args: unknown[], kwargs: Kwargs | null, self: unknown): unknown {
  if (typeof fn !== 'function') {
    if (fn === undefined) {
      if (lenientUndefined) return undefined;
      throw undefinedError(descText(desc));
    }
    throw pyError('TypeError', `'${typeName(fn)}' object is not callable`, `'${descText(desc)}' is not a function`);
  }
  const py = (fn as JinjaFunction)[PY_CALL];
  if (py) return py(args, kwargs ?? NO_KWARGS);
  return fn.apply(self, kwargs && hasKeys(kwargs) ? [...args, makeKeywordArgs(kwargs)] : args);
}

/** `f(*args, **kwargs)`: merges the starred parts into a plain call. */
export function callDynamic(
  fn: unknown,
  desc: Desc,
  args: unknown[],
  kwargs: Kwargs | null,
  starArgs: unknown,
  starKwargs: unknown,
  self: unknown,
): unknown {
  const allArgs = starArgs === undefined ? args : [...args, ...pyIterate(starArgs)];
  let allKwargs = kwargs;
  if (starKwargs !== undefined) {
    if (!isDict(starKwargs)) throw pyError('TypeError', `argument after ** must be a mapping, not ${typeName(starKwargs)}`);
    allKwargs = { ...(kwargs ?? {}) };
    for (const key of Object.keys(starKwargs)) {
      if (hasOwn(allKwargs, key)) throw pyError('TypeError', `got multiple values for keyword argument '${key}'`);
      allKwargs[key] = starKwargs[key];
    }
  }
  return call(fn, desc, allArgs, allKwargs, self);
}

// ---------------------------------------------------------------- scopes

/** One scope: the root, a macro call, one loop iteration, a `with` block. */
export class JinjaFrame {
  readonly vars: Record<string, unknown> = Object.create(null);
  constructor(
    readonly parent: JinjaFrame | null,
    readonly isRoot = false,
  ) {}
  push(): JinjaFrame {
    return new JinjaFrame(this);
  }
}

/** What running a template needs from a context; nunjucks' own Context has the same methods. */
export interface ContextLike {
  lookup(name: string): unknown;
  setVariable(name: string, value: unknown): void;
  addExport(name: string): void;
}

/**
 * The variables of one render. Its own variables (top-level `set`, macros) sit on an object whose
 * prototype is the caller's context object, so context properties — getters included — are read
 * at every lookup, never copied.
 */
export class JinjaContext implements ContextLike {
  readonly vars: Record<string, unknown>;
  readonly exported = new Set<string>();
  constructor(
    readonly globals: Record<string, unknown>,
    context: object,
  ) {
    this.vars = Object.create(context) as Record<string, unknown>;
  }
  lookup(name: string): unknown {
    const value = this.vars[name];
    if (value !== undefined && !(objectPrototypeHas(name) && value === (Object.prototype as Record<string, unknown>)[name])) return value;
    return hasOwn(this.globals, name) ? this.globals[name] : undefined;
  }
  setVariable(name: string, value: unknown): void {
    Object.defineProperty(this.vars, name, { value, writable: true, enumerable: true, configurable: true });
  }
  addExport(name: string): void {
    this.exported.add(name);
  }
  getVariables(): Record<string, unknown> {
    return this.vars;
  }
}

export function rootFrame(): JinjaFrame {
  return new JinjaFrame(null, true);
}

/** Reads a name: the enclosing scopes, then the context, then the environment's globals. */
export function lookup(context: ContextLike, frame: JinjaFrame, name: string): unknown {
  for (let f: JinjaFrame | null = frame; f; f = f.parent) {
    if (name in f.vars) return f.vars[name];
  }
  return context.lookup(name);
}

/** `{% set name = value %}`: local to the current scope; at the top level, a template variable. */
export function setVar(context: ContextLike, frame: JinjaFrame, name: string, value: unknown): void {
  if (frame.isRoot) {
    context.setVariable(name, value);
    if (name[0] !== '_') context.addExport(name);
  } else frame.vars[name] = value;
}

/** `{% set ns.attr = value %}`. */
export function setAttr(target: unknown, name: string, value: unknown): void {
  if (!(target instanceof Namespace)) {
    throw pyError('TemplateRuntimeError', 'cannot assign attribute on non-namespace object', "create it with 'namespace()'");
  }
  setOwn(target as unknown as Record<string, unknown>, name, value);
}

/** Tuple unpacking (`{% set a, b = pair %}`, `{% for k, v in … %}`). */
export function unpack(value: unknown, count: number): unknown[] {
  const items = pyIterate(value);
  if (items.length < count) throw pyError('ValueError', `not enough values to unpack (expected ${count}, got ${items.length})`);
  if (items.length > count) throw pyError('ValueError', `too many values to unpack (expected ${count})`);
  return items;
}

// ---------------------------------------------------------------- attributes and items

const FUNCTION_OWN_HIDDEN = new Set(['length', 'name', 'prototype', 'caller', 'arguments']);

function boundMethod(obj: unknown, name: string, impl: (self: never, args: unknown[], kwargs: Kwargs) => unknown): JinjaFunction {
  return pyFunction(name, (args, kwargs) => impl(obj as never, args, kwargs));
}

/**
 * A function found on an object, bound to it; ours (macros, globals) need no binding, and a function
 * carrying attributes of its own is a callable value (a class like `datetime.datetime`), not a method:
 * binding would drop them.
 */
function bindTo(value: unknown, obj: unknown): unknown {
  if (typeof value !== 'function' || (value as JinjaFunction)[PY_CALL]) return value;
  for (const key in value) if (hasOwn(value, key)) return value;
  return value.bind(obj);
}

function macroAttribute(spec: MacroSpec, name: string): unknown {
  switch (name) {
    case 'name':
      return spec.name;
    case 'arguments':
      return PyTuple.fromItems(spec.args);
    case 'catch_kwargs':
      return spec.catchKwargs;
    case 'catch_varargs':
      return spec.catchVarargs;
    case 'caller':
      return spec.caller;
    default:
      return undefined;
  }
}

// Jinja's Markup (from |safe, |e, |tojson) escapes the arguments of its str methods; not mimicked.
function markupMethodError(name: string): JinjaRuntimeError {
  return pyError(
    'TypeError',
    `str method '${name}' called on a Markup value (the result of |safe, |e or |tojson): Jinja would HTML-escape its arguments`,
    'use filters instead (| replace, | upper, …)',
  );
}

/** `obj.name`: Python attributes first (methods of str/list/dict), then dict keys. */
export function getattr(obj: unknown, name: string, desc = 'value'): unknown {
  if (obj === undefined) {
    if (lenientUndefined) return undefined;
    throw undefinedError(desc);
  }
  if (obj === null || typeof obj === 'number' || typeof obj === 'boolean' || typeof obj === 'bigint') return undefined;
  if (obj instanceof SafeString) throw markupMethodError(name);
  if (typeof obj === 'string' || Array.isArray(obj)) {
    // agate's rows and columns answer by name too (Jinja's `row.id` falls back to `row['id']`).
    if (obj instanceof PyMappedSequence && !pythonMethod(obj, name)) return obj.named(name);
    if (obj instanceof PyNamedTuple) {
      const field = obj.fields.indexOf(name);
      if (field >= 0) return obj[field];
    }
    const method = pythonMethod(obj, name);
    return method ? boundMethod(obj, name, method) : undefined;
  }
  if (isDict(obj)) {
    const own = hasOwn(obj, name);
    const value = own ? obj[name] : undefined;
    if (typeof value === 'function') return bindTo(value, obj);
    const method = pythonMethod(obj, name);
    if (method) return boundMethod(obj, name, method);
    return value;
  }
  if (obj instanceof Namespace) return hasOwn(obj, name) ? (obj as unknown as Record<string, unknown>)[name] : undefined;
  if (obj instanceof PyIterator || obj instanceof PyFloat) return undefined;
  if (typeof obj === 'function') {
    const spec = (obj as JinjaFunction)[MACRO_INFO];
    if (spec) return macroAttribute(spec, name);
    if (FUNCTION_OWN_HIDDEN.has(name) || !hasOwn(obj, name)) return undefined;
    return bindTo((obj as unknown as Record<string, unknown>)[name], obj);
  }
  // Objects from the context: their JS properties, minus private and Object.prototype ones (as
  // Jinja's sandbox hides `_private` attributes).
  if (name[0] === '_' || name === 'constructor' || !(name in (obj as object))) return undefined;
  const value = (obj as Record<string, unknown>)[name];
  if (objectPrototypeHas(name) && value === (Object.prototype as Record<string, unknown>)[name]) return undefined;
  return bindTo(value, obj);
}

/** `obj.name(args)` without building a bound method for the common cases. */
export function callMethod(obj: unknown, name: string, desc: Desc, args: unknown[], kwargs: Kwargs | null, self: unknown): unknown {
  if (typeof obj === 'string' || (Array.isArray(obj) && !(obj instanceof PyDictView))) {
    const method = pythonMethod(obj, name);
    if (method) return method(obj as never, args, kwargs ?? NO_KWARGS);
  } else if (isDict(obj) && typeof obj[name] !== 'function') {
    const method = pythonMethod(obj, name);
    if (method) return method(obj as never, args, kwargs ?? NO_KWARGS);
  }
  return call(getattr(obj, name, descText(desc)), () => `${descText(desc)}.${name}`, args, kwargs, self);
}

function normalizeIndex(key: unknown, length: number): number | undefined {
  if (typeof key === 'boolean') key = key ? 1 : 0;
  if (typeof key === 'bigint') key = Number(key);
  if (typeof key !== 'number' || !Number.isInteger(key)) return undefined;
  const index = key < 0 ? key + length : key;
  return index >= 0 && index < length ? index : undefined;
}

const surrogates = /[\uD800-\uDFFF]/;

/** `obj[key]`: Python subscription first, then attributes; anything missing is Undefined. */
export function getitem(obj: unknown, key: unknown, desc = 'value'): unknown {
  if (obj === undefined) {
    if (lenientUndefined) return undefined;
    throw undefinedError(desc);
  }
  if (obj === null) return undefined;
  if (typeof obj === 'string' || obj instanceof SafeString) {
    const text = strValue(obj);
    if (isStr(key)) return getattr(text, strValue(key), desc);
    const chars = surrogates.test(text) ? Array.from(text) : text;
    const index = normalizeIndex(key, chars.length);
    return index === undefined ? undefined : chars[index];
  }
  if (Array.isArray(obj)) {
    if (isStr(key)) return getattr(obj, strValue(key), desc);
    if (obj instanceof PyDictView) return undefined;
    const index = normalizeIndex(key, obj.length);
    return index === undefined ? undefined : obj[index];
  }
  if (isDict(obj)) {
    if (isStr(key)) {
      const k = strValue(key);
      return hasOwn(obj, k) ? obj[k] : getattr(obj, k, desc);
    }
    if (isInt(key)) {
      const k = String(key);
      return hasOwn(obj, k) ? obj[k] : undefined;
    }
    const hashed = objectKey(key);
    return hashed !== undefined && hasOwn(obj, hashed) ? obj[hashed] : undefined;
  }
  // Value objects that subscribe (a regex match: `m[1]`, `m['name']`); Undefined from them falls back
  // to attributes for str keys, as Jinja's getitem does after a LookupError.
  const subscript = typeof obj === 'object' ? (obj as { __getitem__?: unknown }).__getitem__ : undefined;
  if (typeof subscript === 'function') {
    const item = subscript.call(obj, key);
    if (item !== undefined || !isStr(key)) return item;
  }
  if (isStr(key)) return getattr(obj, strValue(key), desc);
  if (typeof obj === 'object' && (typeof key === 'number' || typeof key === 'bigint')) {
    const k = String(key);
    return k in (obj as object) ? (obj as Record<string, unknown>)[k] : undefined;
  }
  return undefined;
}

function sliceIndices(length: number, start: unknown, stop: unknown, step: unknown): [number, number, number] {
  const toInt = (value: unknown): number | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (!isInt(value)) throw pyError('TypeError', 'slice indices must be integers or None');
    return toNumber(value);
  };
  const stepValue = toInt(step) ?? 1;
  if (stepValue === 0) throw pyError('ValueError', 'slice step cannot be zero');
  const clamp = (value: number | null, fallback: number, low: number, high: number): number => {
    if (value === null) return fallback;
    const v = value < 0 ? value + length : value;
    return Math.min(Math.max(v, low), high);
  };
  if (stepValue > 0) return [clamp(toInt(start), 0, 0, length), clamp(toInt(stop), length, 0, length), stepValue];
  return [clamp(toInt(start), length - 1, -1, length - 1), clamp(toInt(stop), -1, -1, length - 1), stepValue];
}

/** `obj[start:stop:step]`. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown, desc = 'value'): unknown {
  if (obj === undefined) {
    if (lenientUndefined) return undefined;
    throw undefinedError(desc);
  }
  const isText = typeof obj === 'string' || obj instanceof SafeString;
  // Jinja slices without its getitem fallback: what cannot be sliced raises.
  if (!isText && (!Array.isArray(obj) || obj instanceof PyDictView)) {
    throw pyError('TypeError', isDict(obj) ? "unhashable type: 'slice'" : `'${typeName(obj)}' object is not subscriptable`);
  }
  const items: ArrayLike<unknown> = isText ? Array.from(strValue(obj)) : (obj as unknown[]);
  const [from, to, by] = sliceIndices(items.length, start, stop, step);
  const out: unknown[] = [];
  if (by > 0) for (let i = from; i < to; i += by) out.push(items[i]);
  else for (let i = from; i > to; i += by) out.push(items[i]);
  if (isText) return out.join('');
  if (obj instanceof PyRange) return makeRange(obj.start + from * obj.step, obj.start + to * obj.step, obj.step * by);
  return obj instanceof PyTuple ? PyTuple.fromItems(out) : out;
}

// ---------------------------------------------------------------- literals

export function tuple(items: unknown[]): PyTuple {
  return PyTuple.fromItems(items);
}

/** A dict literal from `[key, value, key, value, …]`. */
export function dict(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const order: string[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const key = flat[i];
    let k: string;
    if (isStr(key)) k = strValue(key);
    else {
      const hashed = objectKey(key);
      if (hashed === undefined) throw pyError('TypeError', `dict keys must be strings in Sluice templates, not ${typeName(key)}`, "quote the key: {'name': value}");
      markObjectKeyed(out);
      k = hashed;
    }
    order.push(k);
    setOwn(out, k, flat[i + 1]);
  }
  checkDictOrder(out, order);
  return out;
}

// ---------------------------------------------------------------- operators

const DUNDER_NAMES = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod' } as const;

/** Operands that are not numbers: value objects' own operators (datetime + timedelta), else the TypeError. */
function objectOperands(op: keyof typeof DUNDER_NAMES, a: unknown, b: unknown): unknown {
  const result = objectBinary(DUNDER_NAMES[op], a, b);
  if (result === NOT_IMPLEMENTED) throw operandError(op, a, b);
  return result;
}

function operandError(op: string, a: unknown, b: unknown): JinjaRuntimeError {
  if (a === undefined || b === undefined) return pyError('UndefinedError', `an undefined value cannot be used with '${op}'`);
  if (op === '+' && isStr(a)) return pyError('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
  if (op === '+' && Array.isArray(a) && !Array.isArray(b)) {
    return pyError('TypeError', `can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`);
  }
  return pyError('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function normalizeBig(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function toBig(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  return BigInt(toNumber(value));
}

/** +, -, * on numbers with Python's int/float rules; ints stay exact beyond 2^53. */
function arithmetic(op: '+' | '-' | '*', a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) return objectOperands(op, a, b);
  const float = isFloat(a) || isFloat(b);
  if (!float) {
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      const x = toBig(a);
      const y = toBig(b);
      return normalizeBig(op === '+' ? x + y : op === '-' ? x - y : x * y);
    }
    const x = toNumber(a);
    const y = toNumber(b);
    const result = op === '+' ? x + y : op === '-' ? x - y : x * y;
    if (Number.isSafeInteger(result)) return result;
    return normalizeBig(op === '+' ? BigInt(x) + BigInt(y) : op === '-' ? BigInt(x) - BigInt(y) : BigInt(x) * BigInt(y));
  }
  const x = toNumber(a);
  const y = toNumber(b);
  return makeFloat(op === '+' ? x + y : op === '-' ? x - y : x * y);
}

/** Sequences `+` joins: list + list, tuple + tuple (not ranges or dict views). */
function sameSequenceKind(a: unknown[], b: unknown[]): boolean {
  return (a instanceof PyTuple) === (b instanceof PyTuple) && !isViewLike(a) && !isViewLike(b);
}

function isViewLike(value: unknown): boolean {
  return value instanceof PyDictView || value instanceof PyRange;
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b)) {
    const result = a + b;
    if (Number.isSafeInteger(result)) return result;
  }
  if (isStr(a) && isStr(b)) {
    // Jinja's Markup escapes the other operand of `+`; not mimicked.
    if ((a as unknown) instanceof SafeString || (b as unknown) instanceof SafeString) {
      throw pyError('TypeError', "'+' with a Markup value (the result of |safe, |e or |tojson): Jinja would HTML-escape the other side", "use '~' to join strings");
    }
    return strValue(a) + strValue(b);
  }
  if (Array.isArray(a) && Array.isArray(b) && sameSequenceKind(a, b)) {
    return a instanceof PyTuple ? PyTuple.fromItems([...a, ...b]) : [...a, ...b];
  }
  return arithmetic('+', a, b);
}

export function sub(a: unknown, b: unknown): unknown {
  return arithmetic('-', a, b);
}

function repeatCount(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return isInt(value) ? toNumber(value) : undefined;
}

export function mul(a: unknown, b: unknown): unknown {
  const seq = isStr(a) || Array.isArray(a) ? a : isStr(b) || Array.isArray(b) ? b : undefined;
  if (seq !== undefined) {
    const times = repeatCount(seq === a ? b : a);
    if (times === undefined || isViewLike(seq)) throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(seq === a ? b : a)}'`);
    if (isStr(seq)) return strValue(seq).repeat(Math.max(times, 0));
    const out: unknown[] = [];
    for (let i = 0; i < times; i++) out.push(...(seq as unknown[]));
    return seq instanceof PyTuple ? PyTuple.fromItems(out) : out;
  }
  return arithmetic('*', a, b);
}

export function div(a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) return objectOperands('/', a, b);
  const y = toNumber(b);
  if (y === 0) throw pyError('ZeroDivisionError', 'division by zero');
  return makeFloat(toNumber(a) / y);
}

export function floordiv(a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) return objectOperands('//', a, b);
  const float = isFloat(a) || isFloat(b);
  const y = toNumber(b);
  if (y === 0) throw pyError('ZeroDivisionError', float ? 'float floor division by zero' : 'integer division or modulo by zero');
  if (!float && (typeof a === 'bigint' || typeof b === 'bigint' || !Number.isSafeInteger(toNumber(a)))) {
    const x = toBig(a);
    const d = toBig(b);
    const q = x / d;
    return normalizeBig(q * d !== x && (x < 0n) !== (d < 0n) ? q - 1n : q);
  }
  const result = Math.floor(toNumber(a) / y);
  return float ? makeFloat(result) : result;
}

/** `%`: printf-style formatting on strings, Python's modulo (sign of the divisor) on numbers. */
export function mod(a: unknown, b: unknown): unknown {
  if (isStr(a)) return printfFormat(strValue(a), b);
  if (!isNumeric(a) || !isNumeric(b)) return objectOperands('%', a, b);
  const float = isFloat(a) || isFloat(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (y === 0) throw pyError('ZeroDivisionError', float ? 'float modulo' : 'integer modulo by zero');
  let result = x % y;
  if (result !== 0 && result < 0 !== y < 0) result += y;
  return float ? makeFloat(result) : result;
}

export function pow(a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) throw operandError('**', a, b);
  const float = isFloat(a) || isFloat(b);
  const x = toNumber(a);
  const y = toNumber(b);
  if (!float) {
    if (y < 0) {
      if (x === 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      return makeFloat(x ** y);
    }
    const result = x ** y;
    return Number.isSafeInteger(result) ? result : normalizeBig(toBig(a) ** toBig(b));
  }
  if (x === 0 && y < 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
  if (x < 0 && !Number.isInteger(y)) throw pyError('ValueError', 'a negative number to a fractional power is a complex number');
  return makeFloat(x ** y);
}

export function neg(a: unknown): unknown {
  if (typeof a === 'bigint') return normalizeBig(-a);
  if (!isNumeric(a)) {
    const negated = objectUnary('__neg__', a);
    if (negated !== NOT_IMPLEMENTED) return negated;
    throw pyError(a === undefined ? 'UndefinedError' : 'TypeError', `bad operand type for unary -: '${typeName(a)}'`);
  }
  return isFloat(a) ? makeFloat(-toNumber(a)) : -toNumber(a) || 0;
}

export function pos(a: unknown): unknown {
  if (typeof a === 'bigint' || isFloat(a)) return a;
  if (!isNumeric(a)) {
    const same = objectUnary('__pos__', a);
    if (same !== NOT_IMPLEMENTED) return same;
    throw pyError(a === undefined ? 'UndefinedError' : 'TypeError', `bad operand type for unary +: '${typeName(a)}'`);
  }
  return toNumber(a);
}

/** `~`: both sides as Python str() (Undefined is ''). */
export function concat(a: unknown, b: unknown): string {
  return pyStr(a) + pyStr(b);
}

export function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return pyEq(a, b);
    case '!=':
      return !pyEq(a, b);
    case '<':
      return pyCompare(a, b, op) < 0;
    case '<=':
      return pyCompare(a, b, op) <= 0;
    case '>':
      return pyCompare(a, b, op) > 0;
    case '>=':
      return pyCompare(a, b, op) >= 0;
    case 'in':
      return contains(b, a);
    case 'notin':
      return !contains(b, a);
    default:
      throw pyError('TemplateSyntaxError', `unknown comparison '${op}'`);
  }
}

/** Python's `item in container`. */
export function contains(container: unknown, item: unknown): boolean {
  if (container === undefined) return false;
  if (isStr(container)) {
    if (!isStr(item)) throw pyError('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return strValue(container).includes(strValue(item));
  }
  if (Array.isArray(container)) {
    for (const element of container) if (pyEq(element, item)) return true;
    return false;
  }
  if (isDict(container)) {
    if (isStr(item)) return hasOwn(container, strValue(item));
    if (Array.isArray(item) && !(item instanceof PyTuple)) throw pyError('TypeError', `unhashable type: '${typeName(item)}'`);
    if (isDict(item)) throw pyError('TypeError', "unhashable type: 'dict'");
    if (isInt(item)) return hasOwn(container, String(item));
    const hashed = objectKey(item);
    return hashed !== undefined && hasOwn(container, hashed);
  }
  if (container instanceof PyIterator) {
    for (let step = container.iterator.next(); !step.done; step = container.iterator.next()) if (pyEq(step.value, item)) return true;
    return false;
  }
  if (container !== null && typeof container === 'object' && !(container instanceof Namespace) && Symbol.iterator in container) {
    for (const element of container as Iterable<unknown>) if (pyEq(element, item)) return true;
    return false;
  }
  throw pyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}


// ---------------------------------------------------------------- loops

const MISSING: unique symbol = Symbol('missing');

function liveIterator(items: unknown[]): Iterator<unknown> {
  let i = 0;
  // Index-based like Python's list iterator: items appended during the loop are visited.
  return { next: () => (i < items.length ? { done: false, value: items[i++] } : { done: true, value: undefined }) };
}

function loopIterator(iterable: unknown): Iterator<unknown> {
  if (Array.isArray(iterable)) return liveIterator(iterable);
  if (iterable instanceof PyIterator) return iterable.iterator;
  return liveIterator(pyIterate(iterable));
}

function* filtered(iterator: Iterator<unknown>, test: (item: unknown) => boolean): Generator<unknown> {
  for (let step = iterator.next(); !step.done; step = iterator.next()) if (test(step.value)) yield step.value;
}

/** Jinja's `loop` variable, and the iteration itself (`_advance`). */
export class LoopState {
  index0 = -1;
  readonly depth0 = 0;
  private _iterator: Iterator<unknown>;
  private _after: unknown = MISSING;
  private _before: unknown = MISSING;
  private _current: unknown = MISSING;
  private _length: number | undefined;
  private _lastChanged: unknown = MISSING;
  constructor(
    private readonly _iterable: unknown,
    private readonly _filtered: boolean,
    iterator: Iterator<unknown>,
  ) {
    this._iterator = iterator;
  }
  _advance(): boolean {
    let value: unknown;
    if (this._after !== MISSING) {
      value = this._after;
      this._after = MISSING;
    } else {
      const step = this._iterator.next();
      if (step.done) return false;
      value = step.value;
    }
    this.index0 += 1;
    this._before = this._current;
    this._current = value;
    return true;
  }
  get _value(): unknown {
    return this._current;
  }
  private _peek(): unknown {
    if (this._after === MISSING) {
      const step = this._iterator.next();
      this._after = step.done ? MISSING : step.value;
    }
    return this._after;
  }
  get length(): number {
    if (this._length !== undefined) return this._length;
    if (!this._filtered && (Array.isArray(this._iterable) || isStr(this._iterable) || isDict(this._iterable))) {
      this._length = Array.isArray(this._iterable) ? this._iterable.length : pyIterate(this._iterable).length;
    } else {
      const rest: unknown[] = [];
      for (let step = this._iterator.next(); !step.done; step = this._iterator.next()) rest.push(step.value);
      this._iterator = liveIterator(rest);
      this._length = rest.length + this.index + (this._after !== MISSING ? 1 : 0);
    }
    return this._length;
  }
  get index(): number {
    return this.index0 + 1;
  }
  get revindex(): number {
    return this.length - this.index0;
  }
  get revindex0(): number {
    return this.length - this.index;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this._peek() === MISSING;
  }
  get depth(): number {
    return this.depth0 + 1;
  }
  get previtem(): unknown {
    return this._before === MISSING ? undefined : this._before;
  }
  get nextitem(): unknown {
    const next = this._peek();
    return next === MISSING ? undefined : next;
  }
  cycle(...args: unknown[]): unknown {
    const { args: values } = splitKeywordArgs(args);
    if (values.length === 0) throw pyError('TypeError', 'no items for cycling given');
    return values[this.index0 % values.length];
  }
  changed(...args: unknown[]): boolean {
    const values = PyTuple.fromItems(splitKeywordArgs(args).args);
    if (this._lastChanged === MISSING || !pyEq(this._lastChanged, values)) {
      this._lastChanged = values;
      return true;
    }
    return false;
  }
  __repr__(): string {
    return `<LoopContext ${this.index}/${this.length}>`;
  }
}

/** Starts a `{% for %}`: the optional `if` filter is applied lazily, item by item, as Jinja does. */
export function loop(iterable: unknown, test: ((item: unknown) => boolean) | null): LoopState {
  const iterator = loopIterator(iterable);
  return test ? new LoopState(iterable, true, filtered(iterator, test)) : new LoopState(iterable, false, iterator);
}

// ---------------------------------------------------------------- macros and return

/** Thrown by `return(value)`; the nearest top-level macro catches it and returns `value`. */
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

/** dbt's `return()`: put it in the render context (the environment has it as a global too). */
export const jinjaReturn = pyFunction('return', (args, kwargs) => {
  if (args.length !== 1 || hasKeys(kwargs)) throw pyError('TypeError', 'return() takes exactly one argument');
  throw new ReturnSignal(args[0]);
});

export interface MacroSpec {
  name: string;
  args: string[];
  catchKwargs: boolean;
  catchVarargs: boolean;
  caller: boolean;
  /** Top-level macros end at `return()`; nested macros and `{% call %}` bodies let it through, like dbt. */
  catchReturn: boolean;
}

export type MacroBody = (frame: JinjaFrame) => string;
export type MacroDefault = ((frame: JinjaFrame) => unknown) | null;

/** Builds a macro: binds arguments the way Jinja's Macro.__call__ does, then runs the body. */
export function makeMacro(spec: MacroSpec, definingFrame: JinjaFrame, defaults: MacroDefault[], body: MacroBody): JinjaFunction {
  const impl: PyImpl = (args, kwargs) => {
    const frame = new JinjaFrame(definingFrame);
    const vars = frame.vars;
    const names = spec.args;
    const rest: Kwargs = hasKeys(kwargs) ? { ...kwargs } : {};
    let pending: number[] | undefined;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (i < args.length) vars[name] = args[i];
      else if (hasOwn(rest, name)) {
        vars[name] = rest[name];
        delete rest[name];
      } else if (defaults[i]) (pending ??= []).push(i);
      else vars[name] = undefined;
    }
    if (pending) for (const i of pending) vars[names[i]] = defaults[i]!(frame);
    if (spec.caller) {
      vars.caller = rest.caller;
      delete rest.caller;
    }
    if (spec.catchKwargs) vars.kwargs = rest;
    else {
      const extra = Object.keys(rest)[0];
      if (extra === 'caller') throw pyError('TypeError', `macro '${spec.name}' was invoked with two values for the special caller argument`);
      if (extra !== undefined) throw pyError('TypeError', `macro '${spec.name}' takes no keyword argument '${extra}'`);
    }
    if (spec.catchVarargs) vars.varargs = PyTuple.fromItems(args.slice(names.length));
    else if (args.length > names.length) {
      throw pyError('TypeError', `macro '${spec.name}' takes not more than ${names.length} argument(s)`);
    }
    if (!spec.catchReturn) return body(frame);
    try {
      return body(frame);
    } catch (error) {
      if (error instanceof ReturnSignal) return error.value;
      throw error;
    }
  };
  const fn = pyFunction(spec.name, impl);
  fn[MACRO_INFO] = spec;
  return fn;
}

// ---------------------------------------------------------------- filters and tests

/** Fast-path implementation of a filter we define: `(value, args, kwargs, env)`. */
export const PY_FILTER: unique symbol = Symbol('jinja.filter');
export const PY_TEST: unique symbol = Symbol('jinja.test');

export interface EnvLike {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  globals: Record<string, unknown>;
}

export type FilterImpl = (value: unknown, args: unknown[], kwargs: Kwargs, env: EnvLike) => unknown;
export type TestImpl = (value: unknown, args: unknown[], kwargs: Kwargs, env: EnvLike) => boolean;

export function callFilter(env: EnvLike, self: unknown, name: string, value: unknown, args: unknown[], kwargs: Kwargs | null): unknown {
  const fn = env.filters[name] as (((...a: unknown[]) => unknown) & { [PY_FILTER]?: FilterImpl }) | undefined;
  if (typeof fn !== 'function') throw pyError('TemplateRuntimeError', `No filter named '${name}'.`);
  const impl = fn[PY_FILTER];
  if (impl) return impl(value, args, kwargs ?? NO_KWARGS, env);
  return fn.apply(self, kwargs && hasKeys(kwargs) ? [value, ...args, makeKeywordArgs(kwargs)] : [value, ...args]);
}

export function callTest(env: EnvLike, self: unknown, name: string, value: unknown, args: unknown[], kwargs: Kwargs | null): boolean {
  const fn = env.tests[name] as (((...a: unknown[]) => unknown) & { [PY_TEST]?: TestImpl }) | undefined;
  if (typeof fn !== 'function') throw pyError('TemplateRuntimeError', `No test named '${name}'.`);
  const impl = fn[PY_TEST];
  if (impl) return impl(value, args, kwargs ?? NO_KWARGS, env);
  return pyTruthy(fn.apply(self, kwargs && hasKeys(kwargs) ? [value, ...args, makeKeywordArgs(kwargs)] : [value, ...args]));
}

// ---------------------------------------------------------------- errors

/** Where an error passed through on its way out: `file:line`, innermost first. */
export const TEMPLATE_TRACE: unique symbol = Symbol('jinja.trace');

type Placed = { file?: string; line?: number; column?: number; [TEMPLATE_TRACE]?: string[] };

/**
 * Gives an error the template place it happened at (file, line), once; outer templates it passes
 * through are recorded in a trace. `return()` signals pass untouched.
 */
export function annotate(error: unknown, file: string, line: number): unknown {
  if (error instanceof ReturnSignal) return error;
  let placed: Placed & Error;
  if (error instanceof SluiceError || error instanceof JinjaRuntimeError) placed = error as Placed & Error;
  else {
    const message = error instanceof Error ? error.message : String(error);
    placed = new JinjaRuntimeError(error instanceof RangeError && /call stack/.test(message) ? 'maximum recursion depth exceeded' : message) as Placed & JinjaRuntimeError;
    (placed as Error).cause = error;
  }
  if (placed.line === undefined && placed.file === undefined) {
    placed.file = file;
    placed.line = line;
  } else {
    const trace = (placed[TEMPLATE_TRACE] ??= []);
    const where = `${file}:${line}`;
    if (trace.length < 8 && trace[trace.length - 1] !== where) trace.push(where);
  }
  return placed;
}

formatAccess.getattr = (obj, name) => getattr(obj, name);
formatAccess.getitem = (obj, key) => getitem(obj, key);

