/**
 * The tokenizer and operator parsing of jinja-parser.ts: how text, tags, strings, numbers and
 * operators are cut and bound, and the line and column every error points at (lines are counted
 * across text, comments, raw blocks and multi-line strings).
 */
import { describe, expect, it } from '@jest/globals';
import { render, renderError } from './render-helpers.js';

function place(source: string): [string, number | undefined, number | undefined] {
  const error = renderError(source);
  return [error.message, error.line, error.column];
}

describe('the Jinja tokenizer', () => {
  it('reads Python string escapes and joins adjacent literals', () => {
    expect(render(String.raw`{{ "a\x41\u00e9\101\d\t|" }}`)).toBe('aAéA\\d\t|');
    // A backslash before a newline continues the string on the next line.
    expect(render("{{ 'it\\'s' }}|{{ \"a\" 'b' }}|{{ \"a\\\nb\" }}")).toBe("it's|ab|ab");
  });

  it('reads numbers as Jinja does', () => {
    expect(render('{{ 1.5e3 }}|{{ 2.5e-3 }}|{{ 1_000 + 1 }}|{{ 10 // 3 }}|{{ 2 ** 10 }}|{{ 12345678901234567890 }}')).toBe(
      '1500.0|0.0025|1001|3|1024|12345678901234567890',
    );
    expect(render('{{ xs.0.name }}|{{ xs.1.1 }}', { xs: [{ name: 'n' }, [5, 6]] })).toBe('n|6');
  });

  it('closes dicts, not the tag, with }} inside brackets', () => {
    expect(render("{{ {'a': {'b': 1}} }}|{{ f({'k': [1, {'z': 2}]}) }}", { f: (value: unknown) => JSON.stringify(value) })).toBe(
      `{'a': {'b': 1}}|{"k":[1,{"z":2}]}`,
    );
  });

  it('takes tabs and no-break spaces inside tags as whitespace', () => {
    expect(render('{{\u00a0x\t}}|{%\tif x\u00a0%}yes{% endif %}', { x: 1 })).toBe('1|yes');
  });

  it('keeps whitespace control around comments and raw blocks', () => {
    expect(render('a  {#- c -#}  b|{% raw -%}  {{ x }}  {%- endraw %}')).toBe('ab|{{ x }}');
  });

  it('points at the line and column of errors after text, comments and multi-line strings', () => {
    expect(place('line1\n{# a\ncomment #}\n{{ "two\nlines" }}\n{{ 1 + }}')).toEqual(["unexpected '}}'", 6, 8]);
    expect(place('{% raw %}\n{{ x }}\n{% endraw %}\n{{ 1 + }}')).toEqual(["unexpected '}}'", 4, 8]);
    expect(place(`${'select 1\n'.repeat(500)}{{ x | no_such_filter }}`)).toEqual(["no filter named 'no_such_filter'", 501, 8]);
  });

  it('points at broken strings, comments and tags', () => {
    expect(place('a\n\n  {{ "abc')).toEqual(['unterminated string literal', 3, 10]);
    expect(place('x\n{{ "\\x4" }}')).toEqual(['truncated \\x escape in string', 2, 8]);
    expect(place('{# never closed\n\n')).toEqual(['unclosed comment: expected #} before the end of the template', 1, 1]);
    expect(place('{% if true x %}\n{% endif %}')).toEqual(['expected block end in if statement', 1, 14]);
    expect(place("{{ {'a': 1 -}}   x")).toEqual(["expected ',', got '}}'", 1, 12]);
  });

  it("binds operators in Jinja's order, comparisons chained", () => {
    expect(render("{{ not 1 == 2 and 3 < 4 < 5 or false }}|{{ 2 * 3 ~ 4 }}|{{ 'b' ~ 'c' in 'abc' }}|{{ not 1 in [2] }}|{{ 1 < 2 == true }}")).toBe(
      'True|64|True|True|False',
    );
    expect(render('{{ 0 or 2 and 3 }}|{{ 5 - 3 - 1 }}|{{ 2 * 3 % 4 }}')).toBe('3|1|2');
    // `~` binds tighter than `+`: 1 + (2 ~ 3).
    expect(renderError('{{ 1 + 2 ~ 3 }}').message).toBe("TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  });

  it('rejects what is not Jinja', () => {
    expect(place('{{ r/a/ }}')).toEqual(['regular expression literals (r/…/) are not Jinja', 1, 4]);
    expect(renderError('{{ 1 === 1 }}').hint).toBe("use '=='");
  });
});
