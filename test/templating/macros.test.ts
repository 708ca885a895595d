/**
 * Macros: arguments bound as Jinja binds them (defaults, keywords, `kwargs`, `varargs`, `caller`),
 * dbt's `return()` (native values, early exit, same-file and cross-file calls), macros exported from
 * one file and called while another renders, with context objects read through getters.
 */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { callMacro, compileTemplate, getExportedMacros, jinjaReturn, renderTemplate } from '../../src/templating/template.js';
import { env, render, renderError } from './render-helpers.js';

describe('macro arguments, as Jinja binds them', () => {
  // Expected outputs are Jinja2's (3.1, sandboxed with do and loopcontrols, as dbt sets it up).
  const cases: Array<[string, string]> = [
    ["{% macro m(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1) }}|{{ m(1, 3) }}|{{ m(b=5, a=4) }}|[{{ m() }}]", "1-2|1-3|4-5|[-2]"],
    ["{% macro m(a, b, c=3) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1, c=9, b=2) }}|{% macro n(a, b=a) %}{{ b }}{% endmacro %}{{ n(3) }}", "129|3"],
    ["{% macro m(a) %}{{ a }}|{{ kwargs }}|{{ varargs }}{% endmacro %}{{ m(1, 2, 3, x=4) }}|{{ m(0) }}", "1|{'x': 4}|(2, 3)|0|{}|()"],
    ["{% macro m() %}{{ kwargs }}{% endmacro %}{{ m(a=1, b='x') }}|{% macro v() %}{{ varargs }}{% endmacro %}{{ v(1, 2) }}", "{'a': 1, 'b': 'x'}|(1, 2)"],
    ["{% macro m(a) %}{{ a }}{% endmacro %}{{ m(*[1]) }}|{{ m(**{'a': 2}) }}|{% set args = [1, 2] %}{% macro s(a, b) %}{{ a + b }}{% endmacro %}{{ s(*args) }}", "1|2|3"],
    ["{% macro outer() %}[{{ inner() }}]{% endmacro %}{% macro inner() %}in{% endmacro %}{{ outer() }}", "[in]"],
    ["{% macro m() %}{% set x = 1 %}{{ x }}{% endmacro %}{% set x = 5 %}{{ m() }}{{ x }}|{% set top = 'T' %}{% macro t() %}{{ top }}{% endmacro %}{{ t() }}", "15|T"],
    ["{% macro m() %}{{ later }}{% endmacro %}{% set later = 'L' %}{{ m() }}", "L"],
    ["{% for i in [1, 2] %}{% macro m() %}{{ i }}{% endmacro %}{{ m() }}{% endfor %}", "12"],
    ["{% macro wrap() %}<{{ caller() }}>{% endmacro %}{% call wrap() %}inner{% endcall %}|{% macro w2(x) %}{{ caller(x * 2) }}{% endmacro %}{% call(v) w2(5) %}got {{ v }}{% endcall %}", "<inner>|got 10"],
    ["{% macro each(items) %}{% for i in items %}{{ caller(i) }}{% endfor %}{% endmacro %}{% call(x) each([1, 2]) %}<{{ x }}>{% endcall %}", "<1><2>"],
    ["{% set outer = 'O' %}{% macro m() %}{{ caller() }}{% endmacro %}{% for i in [1] %}{% call m() %}{{ outer }}{{ i }}{% endcall %}{% endfor %}", "O1"],
    ["{% macro m() %}x{% endmacro %}{% set r = m() %}{{ r ~ r }}|{{ m.name }}|{{ m is callable }}", "xx|m|True"],
  ];

  it.each(cases)('%s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('rejects arguments the macro does not take', () => {
    expect(renderError('{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}').message).toBe("TypeError: macro 'm' takes not more than 1 argument(s)");
    expect(renderError('{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, c=2) }}').message).toBe("TypeError: macro 'm' takes no keyword argument 'c'");
    expect(renderError('{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, a=2) }}').message).toBe("TypeError: macro 'm' takes no keyword argument 'a'");
    expect(renderError('{% macro m() %}x{% endmacro %}{% call m() %}y{% endcall %}').message).toMatch(/two values for the special caller argument/);
  });
});

describe("dbt's return()", () => {
  it('ends the macro and hands its caller the native value', () => {
    const source = `
{%- macro columns() -%}{{ return(['id', 'name']) }}{%- endmacro -%}
{%- macro settings() -%}{% do return({'a': 1, 'n': none}) %}{%- endmacro -%}
{%- for c in columns() %}{{ loop.index }}:{{ c | upper }} {% endfor -%}
|{{ columns() | length }}|{{ settings().a }}|{{ settings() }}|{{ columns() is sequence }}`;
    expect(render(source, { return: jinjaReturn })).toBe("1:ID 2:NAME |2|1|{'a': 1, 'n': None}|True");
  });

  it('stops the macro where it is called, also inside a loop, and lets the caller go on', () => {
    const source = `
{%- macro early(x) %}before{% if x %}{{ return('early ' ~ x) }}{% endif %}after{% endmacro -%}
{%- macro first_even(xs) %}{% for x in xs %}{% if x is even %}{{ return(x) }}{% endif %}{% endfor %}{{ return(none) }}{% endmacro -%}
{%- macro caller_macro() %}[{{ early(1) }}|{{ early(0) }}|{{ first_even([1, 3, 4, 6]) }}|{{ first_even([1]) }}] and more{% endmacro -%}
{{ caller_macro() }}`;
    expect(render(source, { return: jinjaReturn })).toBe('[early 1|beforeafter|4|None] and more');
  });

  it('is also a global of the environment, and an error outside a macro', () => {
    expect(render('{% macro m() %}{{ return(3) }}{% endmacro %}{{ m() + 1 }}')).toBe('4');
    const error = renderError('select 1\n{{ return(1) }}');
    expect(error.message).toMatch(/return\(\) called outside a macro/);
    expect(error.line).toBe(2);
  });

  it('passes through nested macros and call blocks to the top-level macro around them, as in dbt', () => {
    // In dbt only the macros it loads catch return(): a {% call %} body's return() ends the macro
    // that called caller(), whose caller then goes on.
    const source = `
{%- macro run_it() -%}before {{ caller() }} after{%- endmacro -%}
{%- macro outer() -%}
  {%- call run_it() -%}{{ return('from the call body') }}{%- endcall %} and outer goes on
{%- endmacro -%}
{{ outer() }}`;
    expect(render(source)).toBe('from the call body and outer goes on');
  });
});

describe('macros shared between files', () => {
  const macroFile = `
{% set ignored = undefined_function() %}
{%- macro columns() -%}{{ return(['id', 'name']) }}{%- endmacro -%}
{%- macro quoted(c) -%}"{{ c }}"{%- endmacro -%}
{%- macro select_list() -%}
  {%- set out = [] -%}
  {%- for c in columns() -%}{%- do out.append(quoted(c)) -%}{%- endfor -%}
  {{ out | join(', ') }} from {{ this }}
{%- endmacro -%}
{%- macro with_kwargs(a, b=2) -%}{{ a }}/{{ b }}/{{ kwargs }}{%- endmacro -%}
{%- macro failing() -%}

{{ 1 // 0 }}
{%- endmacro -%}`;

  /** A context like the lead's: its values are getters reading the node rendering now. */
  function liveContext(): { context: Record<string, unknown>; current: { node: string } } {
    const current = { node: 'none_yet' };
    const context: Record<string, unknown> = {};
    Object.defineProperty(context, 'this', { enumerable: true, get: () => `"main"."${current.node}"` });
    return { context, current };
  }

  it('runs only the macro definitions of a macro file, as dbt loads it', () => {
    const macros = getExportedMacros(compileTemplate(env, macroFile, 'macros/cols.sql'), {});
    expect(Object.keys(macros)).toEqual(['columns', 'quoted', 'select_list', 'with_kwargs', 'failing']);
  });

  it('reads the context they were exported with at every call (getters), from another file', () => {
    const { context, current } = liveContext();
    Object.assign(context, getExportedMacros(compileTemplate(env, macroFile, 'macros/cols.sql'), context));
    const model = compileTemplate(env, 'select {{ select_list() }}', 'models/b.sql');
    current.node = 'orders';
    expect(renderTemplate(model, context)).toBe('select "id", "name" from "main"."orders"');
    current.node = 'customers';
    expect(renderTemplate(model, context)).toBe('select "id", "name" from "main"."customers"');
  });

  it('are callable from JS with positional and keyword arguments', () => {
    const macros = getExportedMacros(compileTemplate(env, macroFile, 'macros/cols.sql'), {});
    expect(callMacro(macros.columns)).toEqual(['id', 'name']);
    expect(callMacro(macros.with_kwargs, [1], { b: 3, extra: 'x' })).toBe("1/3/{'extra': 'x'}");
    // nunjucks' own convention: a trailing object marked as keyword arguments.
    expect(macros.with_kwargs(5, { __keywords: true, z: 1 })).toBe("5/2/{'z': 1}");
  });

  it('report errors at the macro line, and where they were called from', () => {
    const { context } = liveContext();
    Object.assign(context, getExportedMacros(compileTemplate(env, macroFile, 'macros/cols.sql'), context));
    const error = renderError('select 1,\n  {{ failing() }}', context, 'models/c.sql');
    expect(error).toBeInstanceOf(SluiceError);
    expect(error.message).toBe('ZeroDivisionError: integer division or modulo by zero');
    expect([error.file, error.line]).toEqual(['macros/cols.sql', 13]);
    expect(error.hint).toBe('called from models/c.sql:2');
  });
});
