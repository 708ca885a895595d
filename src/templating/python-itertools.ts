/**
 * Python's `itertools` as dbt templates reach it (`modules.itertools`): the functions dbt exports
 * (count, cycle, repeat, accumulate, chain, compress, islice, starmap, tee, zip_longest, product,
 * permutations, combinations, combinations_with_replacement; dbt leaves out groupby, dropwhile,
 * filterfalse and takewhile). Each returns a single-use iterator, lazy like Python's, yielding tuples.
 */
import { bindArgs, NO_KWARGS, REQUIRED, type Kwargs, type Signature } from './python-args.js';
import { add, call, pyFunction, type JinjaFunction } from './jinja-runtime.js';
import { PyIterator, PyTuple, isInt, pyError, pyIterate, pyTruthy, toNumber, typeName } from './python-values.js';

/** Iterates a value lazily when it is an iterator (count(), cycle() may be endless), else as Python's iter(). */
function* iterate(value: unknown): Generator<unknown> {
  if (value instanceof PyIterator) {
    for (let step = value.iterator.next(); !step.done; step = value.iterator.next()) yield step.value;
  } else yield* pyIterate(value);
}

const lazy = (items: Iterable<unknown>): PyIterator => PyIterator.of(items);

function fn(name: string, signature: Signature, impl: (...values: unknown[]) => unknown): JinjaFunction {
  return pyFunction(name, (args: unknown[], kwargs: Kwargs) => impl(...bindArgs(name, signature, args, kwargs)));
}

/** A function taking `*args` (and the named keywords listed). */
function variadic(name: string, keywords: Signature, impl: (args: unknown[], ...values: unknown[]) => unknown): JinjaFunction {
  return pyFunction(name, (args: unknown[], kwargs: Kwargs) => impl(args, ...bindArgs(name, keywords, [], kwargs)));
}

function countArg(value: unknown, message: string): number {
  if (!isInt(value) && typeof value !== 'boolean') throw pyError('ValueError', message);
  const n = toNumber(value);
  if (n < 0) throw pyError('ValueError', message);
  return n;
}

function rArg(value: unknown): number {
  if (!isInt(value) && typeof value !== 'boolean') throw pyError('TypeError', `'${typeName(value)}' object cannot be interpreted as an integer`);
  const r = toNumber(value);
  if (r < 0) throw pyError('ValueError', 'r must be non-negative');
  return r;
}

/** Index tuples in Python's (lexicographic) order for combinations of r out of n. */
function* combinationIndices(n: number, r: number, withReplacement: boolean): Generator<number[]> {
  if (r > n && !withReplacement) return;
  if (n === 0 && r > 0) return;
  const indices = withReplacement ? new Array<number>(r).fill(0) : Array.from({ length: r }, (_, i) => i);
  yield [...indices];
  for (;;) {
    let i = r - 1;
    const top = (k: number): number => (withReplacement ? n - 1 : k + n - r);
    while (i >= 0 && indices[i] === top(i)) i--;
    if (i < 0) return;
    indices[i]++;
    for (let j = i + 1; j < r; j++) indices[j] = withReplacement ? indices[i] : indices[j - 1] + 1;
    yield [...indices];
  }
}

function* permutationIndices(n: number, r: number): Generator<number[]> {
  if (r > n) return;
  const used = new Array<boolean>(n).fill(false);
  const current: number[] = [];
  function* extend(): Generator<number[]> {
    if (current.length === r) {
      yield [...current];
      return;
    }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      used[i] = true;
      current.push(i);
      yield* extend();
      current.pop();
      used[i] = false;
    }
  }
  yield* extend();
}

function* cartesian(pools: unknown[][]): Generator<PyTuple> {
  if (pools.some((pool) => pool.length === 0)) return;
  const indices = new Array<number>(pools.length).fill(0);
  for (;;) {
    yield PyTuple.fromItems(indices.map((index, i) => pools[i][index]));
    let i = pools.length - 1;
    while (i >= 0 && indices[i] === pools[i].length - 1) indices[i--] = 0;
    if (i < 0) return;
    indices[i]++;
  }
}

/** `tee`: n iterators over one source, each reading a shared buffer at its own pace. */
function tee(source: unknown, n: number): PyTuple {
  const upstream = iterate(source);
  const buffer: unknown[] = [];
  let exhausted = false;
  const reader = function* (): Generator<unknown> {
    for (let i = 0; ; i++) {
      if (i === buffer.length) {
        if (exhausted) return;
        const step = upstream.next();
        if (step.done) {
          exhausted = true;
          return;
        }
        buffer.push(step.value);
      }
      yield buffer[i];
    }
  };
  return PyTuple.fromItems(Array.from({ length: n }, () => lazy({ [Symbol.iterator]: reader })));
}

export function itertoolsModule(): Record<string, unknown> {
  const chain = Object.assign(
    variadic('chain', [], (iterables) => lazy((function* () {
      for (const iterable of iterables) yield* iterate(iterable);
    })())),
    {
      from_iterable: fn('from_iterable', [['iterable', REQUIRED]], (iterables) => lazy((function* () {
        for (const iterable of iterate(iterables)) yield* iterate(iterable);
      })())),
    },
  );
  return {
    count: fn('count', [['start', 0], ['step', 1]], (start, step) => lazy((function* () {
      for (let value = start; ; value = add(value, step)) yield value;
    })())),
    cycle: fn('cycle', [['iterable', REQUIRED]], (iterable) => lazy((function* () {
      const saved: unknown[] = [];
      for (const item of iterate(iterable)) {
        saved.push(item);
        yield item;
      }
      while (saved.length) yield* saved;
    })())),
    repeat: fn('repeat', [['object', REQUIRED], ['times', null]], (object, times) => lazy((function* () {
      const n = times === null ? Infinity : Math.max(0, toNumber(times));
      for (let i = 0; i < n; i++) yield object;
    })())),
    accumulate: fn('accumulate', [['iterable', REQUIRED], ['func', null], ['initial', null]], (iterable, func, initial) => lazy((function* () {
      const combine = (a: unknown, b: unknown): unknown => (func === null ? add(a, b) : call(func, 'func', [a, b], NO_KWARGS, undefined));
      let total = initial;
      let started = initial !== null;
      if (started) yield total;
      for (const item of iterate(iterable)) {
        total = started ? combine(total, item) : item;
        started = true;
        yield total;
      }
    })())),
    chain,
    compress: fn('compress', [['data', REQUIRED], ['selectors', REQUIRED]], (data, selectors) => lazy((function* () {
      const choose = iterate(selectors);
      for (const item of iterate(data)) {
        const step = choose.next();
        if (step.done) return;
        if (pyTruthy(step.value)) yield item;
      }
    })())),
    islice: variadic('islice', [], (args) => {
      if (args.length < 2 || args.length > 4) throw pyError('TypeError', `islice expected 2 to 4 arguments, got ${args.length}`);
      const bounds = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.';
      const [source, ...rest] = args;
      const [startValue, stopValue, stepValue] = rest.length === 1 ? [null, rest[0], null] : [rest[0], rest[1], rest[2] ?? null];
      // Python names the stop argument when it is the only bound given.
      const stopBounds = rest.length === 1 ? 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.' : bounds;
      const start = startValue === null ? 0 : countArg(startValue, bounds);
      const stop = stopValue === null ? Infinity : countArg(stopValue, stopBounds);
      const step = stepValue === null ? 1 : countArg(stepValue, 'Step for islice() must be a positive integer or None.');
      if (step === 0) throw pyError('ValueError', 'Step for islice() must be a positive integer or None.');
      return lazy((function* () {
        let index = 0;
        let next = start;
        if (next >= stop) return;
        for (const item of iterate(source)) {
          if (index === next) {
            yield item;
            next += step;
            if (next >= stop) return;
          }
          index++;
        }
      })());
    }),
    starmap: fn('starmap', [['function', REQUIRED], ['iterable', REQUIRED]], (func, iterable) => lazy((function* () {
      for (const item of iterate(iterable)) yield call(func, 'function', pyIterate(item), NO_KWARGS, undefined);
    })())),
    tee: fn('tee', [['iterable', REQUIRED], ['n', 2]], (iterable, n) => tee(iterable, rArg(n))),
    zip_longest: variadic('zip_longest', [['fillvalue', null]], (iterables, fillvalue) => lazy((function* () {
      const sources = iterables.map(iterate);
      for (;;) {
        let live = 0;
        const row = sources.map((source) => {
          const step = source.next();
          if (step.done) return fillvalue;
          live++;
          return step.value;
        });
        if (live === 0) return;
        yield PyTuple.fromItems(row);
      }
    })())),
    product: variadic('product', [['repeat', 1]], (iterables, repeat) => {
      const pools = iterables.map((iterable) => [...iterate(iterable)]);
      const times = rArg(repeat);
      return lazy(cartesian(Array.from({ length: times }, () => pools).flat()));
    }),
    permutations: fn('permutations', [['iterable', REQUIRED], ['r', null]], (iterable, r) => {
      const pool = [...iterate(iterable)];
      const size = r === null ? pool.length : rArg(r);
      return lazy((function* () {
        for (const indices of permutationIndices(pool.length, size)) yield PyTuple.fromItems(indices.map((i) => pool[i]));
      })());
    }),
    combinations: fn('combinations', [['iterable', REQUIRED], ['r', REQUIRED]], (iterable, r) => {
      const pool = [...iterate(iterable)];
      const size = rArg(r);
      return lazy((function* () {
        for (const indices of combinationIndices(pool.length, size, false)) yield PyTuple.fromItems(indices.map((i) => pool[i]));
      })());
    }),
    combinations_with_replacement: fn('combinations_with_replacement', [['iterable', REQUIRED], ['r', REQUIRED]], (iterable, r) => {
      const pool = [...iterate(iterable)];
      const size = rArg(r);
      return lazy((function* () {
        for (const indices of combinationIndices(pool.length, size, true)) yield PyTuple.fromItems(indices.map((i) => pool[i]));
      })());
    }),
  };
}
