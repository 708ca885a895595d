/**
 * The names every Jinja template can use without a context: `range`, `dict`, `namespace`,
 * `cycler`, `joiner` (Jinja's defaults), plus dbt's `return`.
 */
import { bindArgs } from './python-args.js';
import { jinjaReturn, pyFunction, type JinjaFunction } from './jinja-runtime.js';
import { dictKey } from './python-methods.js';
import { Namespace, checkDictOrder, isDict, isInt, makeRange, pyError, pyIterate, setOwn, toNumber, typeName } from './python-values.js';

function rangeInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (!isInt(value)) throw pyError('TypeError', `'${typeName(value)}' object cannot be interpreted as an integer`);
  return toNumber(value);
}

const range = pyFunction('range', (args, kwargs) => {
  if (Object.keys(kwargs).length) throw pyError('TypeError', 'range() takes no keyword arguments');
  if (args.length < 1 || args.length > 3) throw pyError('TypeError', `range expected at most 3 arguments, got ${args.length}`);
  const ints = args.map(rangeInt);
  const [start, stop, step] = ints.length === 1 ? [0, ints[0], 1] : [ints[0], ints[1], ints[2] ?? 1];
  if (step === 0) throw pyError('ValueError', 'range() arg 3 must not be zero');
  return makeRange(start, stop, step);
});

/** dict(mapping_or_pairs, **kwargs) as Python builds it. */
function buildDict(fnName: string, args: unknown[], kwargs: Record<string, unknown>): Record<string, unknown> {
  if (args.length > 1) throw pyError('TypeError', `${fnName} expected at most 1 argument, got ${args.length}`);
  const out: Record<string, unknown> = {};
  const order: string[] = [];
  const put = (key: unknown, value: unknown): void => {
    const k = dictKey(key);
    if (!order.includes(k)) order.push(k);
    setOwn(out, k, value);
  };
  const source = args[0];
  if (source !== undefined) {
    if (isDict(source)) for (const key of Object.keys(source)) put(key, source[key]);
    else {
      for (const pair of pyIterate(source)) {
        const items = pyIterate(pair);
        if (items.length !== 2) throw pyError('ValueError', `dictionary update sequence element has length ${items.length}; 2 is required`);
        put(items[0], items[1]);
      }
    }
  }
  for (const key of Object.keys(kwargs)) put(key, kwargs[key]);
  checkDictOrder(out, order);
  return out;
}

const dict = pyFunction('dict', (args, kwargs) => buildDict('dict', args, kwargs));

const namespace = pyFunction('namespace', (args, kwargs) => new Namespace(buildDict('namespace', args, kwargs)));

/** Jinja's cycler: `.next()`, `.reset()`, `.current`. */
export class Cycler {
  private position = 0;
  readonly items: unknown[];
  constructor(items: unknown[]) {
    if (items.length === 0) throw pyError('RuntimeError', 'at least one item has to be provided');
    this.items = items;
  }
  get current(): unknown {
    return this.items[this.position];
  }
  next(): unknown {
    const value = this.current;
    this.position = (this.position + 1) % this.items.length;
    return value;
  }
  reset(): null {
    this.position = 0;
    return null;
  }
}

const cycler = pyFunction('cycler', (args, kwargs) => {
  if (Object.keys(kwargs).length) throw pyError('TypeError', 'cycler() takes no keyword arguments');
  return new Cycler(args);
});

const joiner = pyFunction('joiner', (args, kwargs) => {
  const [sep] = bindArgs('joiner', [['sep', ', ']], args, kwargs);
  let used = false;
  return pyFunction('joiner', () => {
    if (!used) {
      used = true;
      return '';
    }
    return sep;
  });
});

export function jinjaGlobals(): Record<string, JinjaFunction> {
  return { range, dict, namespace, cycler, joiner, return: jinjaReturn };
}
