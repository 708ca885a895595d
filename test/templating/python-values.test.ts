/** The value model at the JS boundary: what the lead's code gets back, and JSON as Python writes it. */
import { describe, expect, it } from '@jest/globals';
import { pyJsonDumps } from '../../src/templating/jinja-filters.js';
import { callMacro, compileTemplate, getExportedMacros, toNative } from '../../src/templating/template.js';
import { PyFloat, PyTuple, floatRepr } from '../../src/templating/python-values.js';
import { env } from './render-helpers.js';

describe('values crossing into JavaScript', () => {
  it('toNative turns tuples, generators and integral floats into plain JS', () => {
    const macros = getExportedMacros(
      compileTemplate(env, "{% macro m() %}{{ return({'t': (1, 2.0), 'g': [1, 2] | map('string'), 'n': none}) }}{% endmacro %}", 'macros/m.sql'),
      {},
    );
    const value = callMacro(macros.m) as Record<string, unknown>;
    expect(value.t).toBeInstanceOf(PyTuple);
    expect(toNative(value)).toEqual({ t: [1, 2], g: ['1', '2'], n: null });
  });

  it('callMacro passes keyword arguments to plain JS functions the nunjucks way', () => {
    const seen: unknown[][] = [];
    const fn = (...args: unknown[]) => seen.push(args);
    callMacro(fn, [1], { a: 2 });
    expect(seen[0][0]).toBe(1);
    expect(seen[0][1]).toMatchObject({ a: 2 });
    expect((seen[0][1] as Record<string, unknown>).__keywords).toBe(true);
    expect(Object.keys(seen[0][1] as object)).toEqual(['a']);
  });

  it('writes floats and JSON the way Python does', () => {
    expect([1e16, 1.5e-5, 0.1, 123.0, -0].map(floatRepr)).toEqual(['1e+16', '1.5e-05', '0.1', '123.0', '-0.0']);
    expect(pyJsonDumps({ b: [1, new PyFloat(2), 'é'], a: null }, null)).toBe('{"a": null, "b": [1, 2.0, "\\u00e9"]}');
    expect(pyJsonDumps({ b: 1, a: 2 }, null, false)).toBe('{"b": 1, "a": 2}');
  });
});
