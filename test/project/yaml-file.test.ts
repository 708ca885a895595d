/**
 * YAML read as dbt reads it: PyYAML's SafeLoader (YAML 1.1). Expected values are what
 * `yaml.safe_load` returns, with dates and times as the text Python's str() prints for them.
 */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { parseYaml } from '../../src/project/yaml-file.js';

function valueOf(text: string): unknown {
  return parseYaml(text, 'models/schema.yml').value;
}

function errorOf(text: string): SluiceError {
  try {
    parseYaml(text, 'models/schema.yml');
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('expected a SluiceError');
}

describe('flow collections', () => {
  it('accepts a closing bracket indented less than the items', () => {
    expect(valueOf('macro-paths: [\n  "macros",\n]\n')).toEqual({ 'macro-paths': ['macros'] });
  });

  it('accepts flow items and brackets indented less than the key deep inside block mappings', () => {
    const text = `sources:
  - name: raw
    tables:
      - name: orders
        columns: [
    {name: id},
  ]
`;
    expect(valueOf(text)).toEqual({ sources: [{ name: 'raw', tables: [{ name: 'orders', columns: [{ name: 'id' }] }] }] });
  });

  it('ignores indentation inside braces, down to the first column', () => {
    expect(valueOf('vars:\n  dates: {\nstart: 1,\nend: 2\n}\n')).toEqual({ vars: { dates: { start: 1, end: 2 } } });
  });

  it('reads single pairs and bare keys as PyYAML does', () => {
    expect(valueOf('a: [b: 1, c]\nd: {e, f: 2}\n')).toEqual({ a: [{ b: 1 }, 'c'], d: { e: null, f: 2 } });
  });
});

describe('quoted scalars', () => {
  it('ignore indentation: a description may go on at the indentation of its key', () => {
    const text = `models:
  - name: orders
    columns:
      - name: primary_key
        description: "Primary key of orders. It is at the grain
        of the order line"
        tests:
          - not_null
`;
    expect(valueOf(text)).toEqual({
      models: [{ name: 'orders', columns: [{ name: 'primary_key', description: 'Primary key of orders. It is at the grain of the order line', tests: ['not_null'] }] }],
    });
  });
});

describe('explicit keys', () => {
  it('reads ? keys in nested flow mappings, as in PyYAML’s canonical examples', () => {
    const text = `%YAML 1.1
---
!!map {
  ? !!str "mapping"
  : !!map {
    ? !!str "sky" : !!str "blue",
    ? !!str "sea" : !!str "green",
  }
}
`;
    expect(valueOf(text)).toEqual({ mapping: { sky: 'blue', sea: 'green' } });
  });
});

describe('anchors, aliases and merge keys', () => {
  it('repeats an anchored node where it is aliased', () => {
    expect(valueOf('base: &base\n  materialized: view\n  tags: [a]\norders: *base\nlist: &l [1, 2]\ncopy: *l\n')).toEqual({
      base: { materialized: 'view', tags: ['a'] },
      orders: { materialized: 'view', tags: ['a'] },
      list: [1, 2],
      copy: [1, 2],
    });
  });

  it('merges a mapping under <<, the mapping’s own keys winning wherever they stand', () => {
    const text = `defaults: &defaults
  materialized: view
  schema: staging
orders:
  materialized: table
  <<: *defaults
customers:
  <<: *defaults
  schema: marts
`;
    const value = valueOf(text) as Record<string, Record<string, unknown>>;
    expect(value.orders).toEqual({ materialized: 'table', schema: 'staging' });
    expect(value.customers).toEqual({ materialized: 'view', schema: 'marts' });
    // Merged keys come first, as they do in the dict PyYAML builds.
    expect(Object.keys(value.customers)).toEqual(['materialized', 'schema']);
  });

  it('lets the earlier of several merged mappings win', () => {
    const text = `a: &a {x: 1, y: 1}
b: &b {y: 2, z: 2}
c:
  <<: [*a, *b]
  z: 3
`;
    const merged = (valueOf(text) as Record<string, Record<string, unknown>>).c;
    expect(merged).toEqual({ x: 1, y: 1, z: 3 });
    // PyYAML merges b first and then a over it, so b's keys lead.
    expect(Object.keys(merged)).toEqual(['y', 'z', 'x']);
  });

  it('refuses to merge anything but mappings, as PyYAML does', () => {
    const error = errorOf('a: 1\nb:\n  <<: 1\n');
    expect(error.message).toContain('expected a mapping or list of mappings for merging');
    expect(error.line).toBe(3);
  });

  it('refuses undefined aliases and anchors defined twice', () => {
    expect(errorOf('a: 1\nb: *nope\n')).toMatchObject({ line: 2, file: 'models/schema.yml' });
    expect(errorOf('a: 1\nb: *nope\n').message).toContain("undefined alias 'nope'");
    expect(errorOf('a: &x 1\nb: &x 2\n').message).toContain("duplicate anchor 'x'");
  });
});

describe('duplicate keys', () => {
  it('keeps the last value and points at the last key', () => {
    const yaml = parseYaml<Record<string, unknown>>('name: a\ndescription: first\nname: b\n', 'dbt_project.yml');
    expect(yaml.value).toEqual({ name: 'b', description: 'first' });
    expect(yaml.lineOf(['name'])).toBe(3);
  });
});

describe('YAML 1.1 scalars', () => {
  it.each([
    ['yes', true], ['Yes', true], ['YES', true], ['no', false], ['No', false], ['NO', false],
    ['on', true], ['On', true], ['ON', true], ['off', false], ['Off', false], ['OFF', false],
    ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
    ['y', 'y'], ['n', 'n'], ['Y', 'Y'], ['N', 'N'], ['yEs', 'yEs'], ['tRUE', 'tRUE'],
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'], ['', null],
    ['0', 0], ['-0', 0], ['+12', 12], ['1_000', 1000], ['0x1F', 31], ['-0x_1f', -31], ['0777', 511], ['0b101', 5],
    ['08', '08'], ['1:30', 90], ['-1:30', -90], ['190:20:30', 685230], ['10:00', 600], ['09:30', '09:30'], ['1:60', '1:60'],
    ['1.5', 1.5], ['1.', 1], ['.5', 0.5], ['-.5', '-.5'], ['1e3', '1e3'], ['1.0e3', '1.0e3'], ['1.0e+3', 1000], ['1.0E-3', 0.001],
    ['1_0.5', 10.5], ['.inf', Infinity], ['-.Inf', -Infinity], ['+.INF', Infinity], ['.nan', NaN], ['-.nan', '-.nan'], ['1:30.5', 90.5],
    ['0o17', '0o17'], ['3.14.15', '3.14.15'], ['1,000', '1,000'], ['NaN', 'NaN'], ['inf', 'inf'],
  ])('reads %p as %p', (text, expected) => {
    expect((valueOf(`value: ${text}\n`) as { value: unknown }).value).toEqual(expected);
  });

  it.each([
    ['2024-01-01', '2024-01-01'],
    ['2024-1-1', '2024-1-1'],
    ['2024-01-01 10:00:00', '2024-01-01 10:00:00'],
    ['2024-1-1 1:00:00', '2024-01-01 01:00:00'],
    ['2024-01-01T10:00:00Z', '2024-01-01 10:00:00+00:00'],
    ['2024-01-01t10:00:00.5-05:00', '2024-01-01 10:00:00.500000-05:00'],
    ['2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43.100000-05:00'],
    ['2024-01-01 10:00', '2024-01-01 10:00'],
  ])('reads the timestamp %p as Python prints it: %p', (text, expected) => {
    expect((valueOf(`value: ${text}\n`) as { value: unknown }).value).toBe(expected);
  });

  it('refuses a date Python cannot build, as dbt does', () => {
    const error = errorOf('vars:\n  start: 2024-02-30\n');
    expect(error.message).toContain('day is out of range for month');
    expect(error.line).toBe(2);
  });

  it('keeps quoted scalars as strings and resolves the non-specific tag', () => {
    expect(valueOf(`a: 'yes'\nb: "1.0"\nc: '2024-01-01'\nd: ! "12"\ne: !!str 12\nf: !!int "12"\n`)).toEqual({
      a: 'yes', b: '1.0', c: '2024-01-01', d: 12, e: '12', f: 12,
    });
  });

  it('names non-string keys as dbt writes them to manifest.json', () => {
    expect(valueOf('on: a\n2: b\n~: c\n2.50: d\n2024-01-01: e\n')).toEqual({ true: 'a', 2: 'b', null: 'c', '2.5': 'd', '2024-01-01': 'e' });
  });

  it('refuses tags PyYAML has no constructor for, and = or << as values', () => {
    expect(errorOf('a: !ref x\n').message).toContain("could not determine a constructor for the tag '!ref'");
    expect(errorOf('a: =\n').message).toContain('could not determine a constructor');
    expect(errorOf('a: <<\n').message).toContain('could not determine a constructor');
  });
});

describe('block scalars and multi-line plain scalars', () => {
  it('folds and keeps lines as PyYAML does', () => {
    expect(valueOf('a: |\n  x\n   y\n  z\nb: >\n  x\n  y\n\n  z\n   w\nc: x\n  y\n\n  z\nd: |-\n  kept\n\n')).toEqual({
      a: 'x\n y\nz\n',
      b: 'x y\nz\n w\n',
      c: 'x y\nz',
      d: 'kept',
    });
  });
});

describe('tabs', () => {
  it('accepts a tab after a value, as the C loader dbt uses does', () => {
    expect(valueOf('a: b\t# note\nc:\td\n')).toEqual({ a: 'b', c: 'd' });
  });

  it('refuses a tab used as indentation, with the line and a hint', () => {
    const error = errorOf('models:\n\t- name: a\n');
    expect(error).toMatchObject({ file: 'models/schema.yml', line: 2, column: 1 });
    expect(error.message).toMatch(/^Invalid YAML: /);
    expect(error.hint).toContain('tab');
  });
});

describe('errors PyYAML raises', () => {
  it.each([
    ['models:\n  - name: a\n    columns: [\n', 4, "expected the node content, but found '<stream end>'"],
    ['a:\n  b: 1\n c: 2\n', 3, "expected <block end>, but found '<block mapping start>'"],
    ['a: b: c\n', 1, 'mapping values are not allowed here'],
    ['a: [1, 2\nb: 3\n', 2, "expected ',' or ']', but got ':'"],
    ['a: "x\n', 2, 'found unexpected end of stream'],
    ['a: 1\nb\nc: 2\n', 2, "could not find expected ':'"],
  ])('refuses %p at line %p', (text, line, message) => {
    const error = errorOf(text);
    expect(error.message).toContain(message);
    expect(error.line).toBe(line);
    expect(error.file).toBe('models/schema.yml');
  });
});

describe('lineOf', () => {
  const text = `# properties
version: 2
models:
  - name: orders
    columns:
      - name: id

      -
        name: status
`;
  const yaml = parseYaml(text, 'models/schema.yml');

  it('gives a key its own line and a list item the line it starts on', () => {
    expect(yaml.lineOf(['version'])).toBe(2);
    expect(yaml.lineOf(['models'])).toBe(3);
    expect(yaml.lineOf(['models', 0])).toBe(4);
    expect(yaml.lineOf(['models', 0, 'columns'])).toBe(5);
    expect(yaml.lineOf(['models', 0, 'columns', 1])).toBe(9);
    expect(yaml.lineOf(['models', 0, 'columns', 1, 'name'])).toBe(9);
  });

  it('falls back to the closest parent that exists', () => {
    expect(yaml.lineOf(['models', 0, 'config', 'tags'])).toBe(4);
    expect(yaml.lineOf(['models', 5])).toBe(3);
    expect(yaml.lineOf(['sources'])).toBe(2);
  });

  it('reads an empty file as an empty mapping', () => {
    expect(parseYaml('# nothing yet\n', 'models/schema.yml').value).toEqual({});
  });
});
