/**
 * Whitespace control as Jinja2 3.1's lexer reads it under dbt's settings (no trim_blocks, no
 * lstrip_blocks, one trailing newline dropped): `-` after an opener or before a closer strips the
 * whitespace (newlines included) on that side; `+` is accepted wherever Jinja accepts it (`{%+`,
 * `+%}`, `{{+`, `{#+`, `+#}`) and changes nothing. Every expected output was checked against Jinja2.
 */
import { describe, expect, it } from '@jest/globals';
import { callMacro, compileTemplate, getExportedMacros } from '../../src/templating/template.js';
import { env, render, renderError } from './render-helpers.js';

function place(source: string): [string, number | undefined, number | undefined] {
  const error = renderError(source);
  return [error.message, error.line, error.column];
}

describe('whitespace control', () => {
  const cases: Array<[string, string]> = [
    // `{%+` and `+%}`: no lstrip_blocks and no trim_blocks, so nothing is stripped.
    ['a\n  {%+ if true %}x{% endif %}', 'a\n  x'],
    ['a\n  {% if true +%}\n  x{% endif %}', 'a\n  \n  x'],
    ['{% for i in [1, 2] +%}\n{{ i }}{%+ endfor %}', '\n1\n2'],
    ['{% macro m() -%}\n  x\n{%- endmacro +%}\n[{{ m() }}]', '\n[x]'],
    // `-` strips every whitespace character on its side, newlines included.
    ['a\n  {%- if true %}x{% endif %}', 'ax'],
    ['a\n  {% if true -%}\n  x{% endif %}', 'a\n  x'],
    ['\n\n  {%- if true -%}  \n\n  x\n\n  {%- endif -%}\n\n  y\n', 'xy'],
    ['a\n{%+ if\n  true\n-%}\n x{% endif +%}\ny', 'a\nx\ny'],
    // A sign right before `%}` belongs to the closer, not to the expression (`x+%}` is `x`).
    ['{% set y = x+%}[{{ y }}]', '[1]'],
    ['{% set y = x -%}  [{{ y }}]', '[1]'],
    // Expressions: `{{-`, `-}}` and `{{+` (Jinja reads the `+` as part of the opener, so `{{+s}}` prints s).
    ['a {{- x -}} b', 'a1b'],
    ['a {{-1}} b', 'a1 b'],
    ['a {{+ x }} b|{{+s}}|{{+-1}}', 'a 1 b|a|-1'],
    ['a\n{{+ x }}\n', 'a\n1'],
    ["{{ {'a': 1}['a'] -}} x", '1x'],
    // Comments: `{#-`, `-#}`, `{#+`, `+#}`; in `{#-#}` the dash opens the comment and strips only before it.
    ['a {#- c -#} b', 'ab'],
    ['a {#+ c +#} b', 'a  b'],
    ['a {#- c +#} b', 'a b'],
    ['a  {#-#}  b|a  {#+#}  b|a  {##}  b', 'a  b|a    b|a    b'],
    ['a\n\n{#+ comment\n-#}\n\nb', 'a\n\nb'],
    // Raw blocks: the signs act on the outside; the inside stays as written.
    ['a  {% raw %}  {{ x }}  {% endraw %}  b', 'a    {{ x }}    b'],
    ['a  {%- raw -%}  {{ x }}  {%- endraw -%}  b', 'a{{ x }}b'],
    ['a  {%+ raw %} {{ x }} {%+ endraw +%}  b', 'a   {{ x }}   b'],
    ['a  {%- raw %} {%- x -%} {% endraw -%}  b', 'a {%- x -%} b'],
  ];

  it.each(cases)('renders %j as Jinja does', (source, expected) => {
    expect(render(source, { x: 1, s: 'a' })).toBe(expected);
  });

  it("strips what Python's str.isspace() calls whitespace, not what JavaScript's trim does", () => {
    // \v, \x1c, \x85 and a no-break space are Python whitespace; a byte-order mark is not.
    expect(render('a \v\x1c\x85\xa0{%- if true -%}\ufeff x{% endif %}')).toBe('a\ufeff x');
    expect(render('a {% if true -%}\ufeff x{% endif %}')).toBe('a \ufeff x');
  });

  it("reads `+` on dbt's block tags", () => {
    expect(render('a\n{%+ docs d %}text{%+ enddocs +%}\nb|{%- docs e +%} x {% enddocs -%}  c')).toBe('a\n\nb|c');
    const macros = getExportedMacros(compileTemplate(env, '{%+ test positive(model) +%}\nselect {{ model }}\n{%- endtest %}', 'macros/t.sql'), {});
    expect(callMacro(macros.test_positive, ['orders'])).toBe('\nselect orders');
  });

  it('rejects, with the line, the forms Jinja rejects', () => {
    // Jinja: "tag name expected" — one sign per delimiter, so the second is an operator.
    expect(place('a\n  {%+- if true %}x{% endif %}')).toEqual(["expected a tag name after '{%', got '-'", 2, 6]);
    expect(renderError('{%+- if true %}x{% endif %}', {}, 'models/orders.sql').file).toBe('models/orders.sql');
    expect(place('{%-+ if true %}x{% endif %}')).toEqual(["expected a tag name after '{%', got '+'", 1, 4]);
    expect(place('{%+%}')).toEqual(["expected a tag name after '{%', got '%}'", 1, 4]);
    // `+` never closes an expression, and a block closer takes one sign.
    expect(place('a\n{{ x +}} b')).toEqual(["unexpected '}}'", 2, 7]);
    expect(place('{{+}}')).toEqual(["expected an expression, got '}}'", 1, 4]);
    expect(place('{% if true +-%}x{% endif %}')[1]).toBe(1);
    // Jinja's lexer only takes `%}` or `-%}` after `raw` ("Encountered unknown tag 'raw'").
    expect(place("\n{% raw +%} x {% endraw %}")).toEqual(["'{% raw +%}' is not valid Jinja: the raw tag ends with '%}' or '-%}'", 2, 4]);
  });
});

describe('whitespace inside tags', () => {
  it('skips every space Python sees as one, a paragraph separator included', () => {
    expect(render("{{ config({'a': 1,\u2029'b': 2}) }}", { config: (value: Record<string, number>) => Object.keys(value).join('') })).toBe('ab');
    expect(render('{{\u00a01\u000b+\u000c2\u3000}}')).toBe('3');
  });
});
