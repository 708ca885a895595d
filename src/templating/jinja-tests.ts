/**
 * Jinja's tests (`x is defined`, `x is divisibleby 3`, `x is in seq`…), with Python's notion of
 * types: a bool is a number, a string is a sequence, Undefined is iterable and empty.
 */
import { bindArgs, REQUIRED } from './python-args.js';
import { PY_TEST, compare, contains, mod, type EnvLike, type TestImpl } from './jinja-runtime.js';
import { pythonMethod } from './python-methods.js';
import { SafeString } from './nunjucks-internals.js';
import {
  Namespace,
  PyDictView,
  PyIterator,
  isDict,
  isFloat,
  isMappingObject,
  isInt,
  isNumeric,
  isStr,
  pyEq,
  pyStr,
  strValue,
} from './python-values.js';

const TESTS: Record<string, TestImpl> = {};

function define(names: string[], arity: 0 | 1, test: (value: unknown, other: unknown, env: EnvLike) => boolean): void {
  for (const name of names) {
    TESTS[name] = (value, args, kwargs, env) => {
      const [other] = bindArgs(name, arity === 1 ? [['other', REQUIRED]] : [], args, kwargs);
      return test(value, other, env);
    };
  }
}

const strTest = (method: string) => (value: unknown) => pythonMethod('', method)!(pyStr(value) as never, [], {}) as boolean;

define(['odd'], 0, (value) => pyEq(mod(value, 2), 1));
define(['even'], 0, (value) => pyEq(mod(value, 2), 0));
define(['divisibleby'], 1, (value, num) => pyEq(mod(value, num), 0));
define(['defined'], 0, (value) => value !== undefined);
define(['undefined'], 0, (value) => value === undefined);
define(['filter'], 0, (value, _other, env) => isStr(value) && typeof env.filters[strValue(value)] === 'function');
define(['test'], 0, (value, _other, env) => isStr(value) && typeof env.tests[strValue(value)] === 'function');
define(['none'], 0, (value) => value === null);
define(['boolean'], 0, (value) => typeof value === 'boolean');
define(['false'], 0, (value) => value === false);
define(['true'], 0, (value) => value === true);
define(['integer'], 0, (value) => isInt(value));
define(['float'], 0, (value) => isFloat(value));
define(['lower'], 0, strTest('islower'));
define(['upper'], 0, strTest('isupper'));
define(['string'], 0, (value) => isStr(value));
define(['mapping'], 0, (value) => isDict(value) || isMappingObject(value));
define(['number'], 0, (value) => isNumeric(value));
// Python: anything with len() and __getitem__ (dict views have no __getitem__; Undefined has both).
define(['sequence'], 0, (value) => value === undefined || isStr(value) || isDict(value) || (Array.isArray(value) && !(value instanceof PyDictView)));
define(['iterable'], 0, (value) => {
  if (value === undefined || isStr(value) || Array.isArray(value) || isDict(value) || value instanceof PyIterator) return true;
  if (value === null || typeof value !== 'object' || value instanceof Namespace) return false;
  return Symbol.iterator in value;
});
// Jinja's Undefined defines __call__ (calling it raises), so it counts as callable.
define(['callable'], 0, (value) => value === undefined || typeof value === 'function');
define(['sameas'], 1, (value, other) => value === other || (value !== value && other !== other));
define(['escaped'], 0, (value) => value instanceof SafeString);
define(['in'], 1, (value, seq) => contains(seq, value));
define(['==', 'eq', 'equalto'], 1, (value, other) => compare('==', value, other));
define(['!=', 'ne'], 1, (value, other) => compare('!=', value, other));
define(['>', 'gt', 'greaterthan'], 1, (value, other) => compare('>', value, other));
define(['>=', 'ge'], 1, (value, other) => compare('>=', value, other));
define(['<', 'lt', 'lessthan'], 1, (value, other) => compare('<', value, other));
define(['<=', 'le'], 1, (value, other) => compare('<=', value, other));

/** The tests, as functions nunjucks can also call (value, ...args). */
export function jinjaTests(env: EnvLike): Record<string, ((...args: unknown[]) => boolean) & { [PY_TEST]: TestImpl }> {
  const out: Record<string, ((...args: unknown[]) => boolean) & { [PY_TEST]: TestImpl }> = {};
  for (const [name, impl] of Object.entries(TESTS)) {
    const fn = ((value: unknown, ...args: unknown[]) => impl(value, args, {}, env)) as ((...args: unknown[]) => boolean) & {
      [PY_TEST]: TestImpl;
    };
    fn[PY_TEST] = impl;
    out[name] = fn;
  }
  return out;
}
