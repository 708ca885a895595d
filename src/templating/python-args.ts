/**
 * Python's argument binding for the functions we implement (str/list/dict methods, filters, tests,
 * globals): positional then keyword arguments, defaults, and Python's TypeErrors for the rest.
 */
import { pyError } from './python-values.js';

export type Kwargs = Record<string, unknown>;

/** Marks a parameter without a default. */
export const REQUIRED: unique symbol = Symbol('required');

/** `[name, default]` pairs; `REQUIRED` as the default makes the parameter mandatory. */
export type Signature = ReadonlyArray<readonly [string, unknown]>;

export const NO_KWARGS: Kwargs = Object.freeze({}) as Kwargs;

/** Binds args/kwargs to a signature; returns the values in signature order. */
export function bindArgs(fnName: string, signature: Signature, args: unknown[], kwargs: Kwargs): unknown[] {
  if (args.length > signature.length) {
    throw pyError('TypeError', `${fnName}() takes at most ${signature.length} argument${signature.length === 1 ? '' : 's'} (${args.length} given)`);
  }
  const values = new Array<unknown>(signature.length);
  for (let i = 0; i < signature.length; i++) values[i] = i < args.length ? args[i] : signature[i][1];
  for (const key of Object.keys(kwargs)) {
    const index = signature.findIndex(([name]) => name === key);
    if (index < 0) throw pyError('TypeError', `${fnName}() got an unexpected keyword argument '${key}'`);
    if (index < args.length) throw pyError('TypeError', `${fnName}() got multiple values for argument '${key}'`);
    values[index] = kwargs[key];
  }
  for (let i = 0; i < signature.length; i++) {
    if (values[i] === REQUIRED) throw pyError('TypeError', `${fnName}() missing required argument '${signature[i][0]}'`);
  }
  return values;
}

/** Rejects keyword arguments for functions that take only positional ones. */
export function noKwargs(fnName: string, kwargs: Kwargs): void {
  const first = Object.keys(kwargs)[0];
  if (first !== undefined) throw pyError('TypeError', `${fnName}() takes no keyword arguments`);
}
