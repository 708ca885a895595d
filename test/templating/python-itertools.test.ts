/**
 * `modules.itertools` as dbt templates use it. Every expected value is what Python 3.11 prints for the
 * same template.
 */
import { describe, expect, it } from '@jest/globals';
import { pythonModules } from '../../src/templating/python-modules.js';
import { render, renderError } from './render-helpers.js';

const context = { modules: pythonModules(() => new Date()) };

describe('modules.itertools', () => {

  const cases: Array<[string, string, string]> = [
    [
      "chain and product",
      "{% set it = modules.itertools %}{{ it.chain([1, 2], (3,), 'ab') | list }}|{{ it.chain.from_iterable([[1], [2, 3]]) | list }}|{{ it.product('ab', [1, 2]) | list }}|{{ it.product([0, 1], repeat=2) | list }}|{% for x, y in it.product([1, 2], 'ab') %}{{ x }}{{ y }} {% endfor %}",
      "[1, 2, 3, 'a', 'b']|[1, 2, 3]|[('a', 1), ('a', 2), ('b', 1), ('b', 2)]|[(0, 0), (0, 1), (1, 0), (1, 1)]|1a 1b 2a 2b ",
    ],
    [
      "combinations and permutations",
      "{% set it = modules.itertools %}{{ it.combinations('abcd', 2) | list }}|{{ it.combinations([1, 2], 3) | list }}|{{ it.combinations_with_replacement('abc', 2) | list }}|{{ it.permutations('abc') | list }}|{{ it.permutations([1, 2, 3], 2) | list }}",
      "[('a', 'b'), ('a', 'c'), ('a', 'd'), ('b', 'c'), ('b', 'd'), ('c', 'd')]|[]|[('a', 'a'), ('a', 'b'), ('a', 'c'), ('b', 'b'), ('b', 'c'), ('c', 'c')]|[('a', 'b', 'c'), ('a', 'c', 'b'), ('b', 'a', 'c'), ('b', 'c', 'a'), ('c', 'a', 'b'), ('c', 'b', 'a')]|[(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2)]",
    ],
    [
      "endless iterators, sliced",
      "{% set it = modules.itertools %}{{ it.islice(it.count(), 5) | list }}|{{ it.islice(it.count(10, 2), 1, 4) | list }}|{{ it.islice('abcdefg', 0, none, 2) | list }}|{{ it.islice(it.cycle('ab'), 5) | list }}|{{ it.repeat('x', 3) | list }}|{{ it.islice(it.count(0.5), 3) | list }}",
      "[0, 1, 2, 3, 4]|[12, 14, 16]|['a', 'c', 'e', 'g']|['a', 'b', 'a', 'b', 'a']|['x', 'x', 'x']|[0.5, 1.5, 2.5]",
    ],
    [
      "accumulate, compress, zip_longest, tee, starmap",
      "{% set it = modules.itertools %}{{ it.accumulate([1, 2, 3, 4]) | list }}|{{ it.accumulate([1, 2, 3], initial=10) | list }}|{{ it.compress('abcdef', [1, 0, 1, 0, 1, 1]) | list }}|{{ it.zip_longest('abc', [1]) | list }}|{{ it.zip_longest('ab', 'c', fillvalue='-') | list }}|{% set a, b = it.tee([1, 2, 3]) %}{{ a | list }}{{ b | list }}|{{ it.starmap(modules.datetime.date, [(2024, 1, 2)]) | list }}",
      "[1, 3, 6, 10]|[10, 11, 13, 16]|['a', 'c', 'e', 'f']|[('a', 1), ('b', None), ('c', None)]|[('a', 'c'), ('b', '-')]|[1, 2, 3][1, 2, 3]|[datetime.date(2024, 1, 2)]",
    ],
    [
      "only what dbt exports",
      "{% set it = modules.itertools %}{{ it.groupby is defined }}|{{ it.takewhile is defined }}|{{ it.product is defined }}",
      "False|False|True",
    ],
  ];

  it.each(cases)('%s', (_title, source, expected) => {
    expect(render(source, context)).toBe(expected);
  });

  const errors: Array<[string, string]> = [
    ["{% set it = modules.itertools %}{{ it.islice([1, 2], -1) | list }}", "ValueError: Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."],
    ["{% set it = modules.itertools %}{{ it.combinations([1, 2], -1) | list }}", "ValueError: r must be non-negative"],
  ];

  it.each(errors)('raises what Python raises: %s', (source, message) => {
    expect(renderError(source, context).message).toBe(message);
  });

});
