/**
 * How values render in `{{ }}` and `~` (Python's str(): True, None, ['a', 1], {'a': 1}, 1.0),
 * literals, operators with Python's rules, truthiness, comparison and subscripts. Expected outputs
 * are Jinja2's (3.1, sandboxed with do and loopcontrols, as dbt sets it up).
 */
import { describe, expect, it } from '@jest/globals';
import { render, renderError } from './render-helpers.js';

describe('rendering values the way Jinja does', () => {
  const cases: Array<[string, string]> = [
    // literals and Python rendering
    ["{{ True }}|{{ False }}|{{ None }}|{{ true }}|{{ false }}|{{ none }}", "True|False|None|True|False|None"],
    ["{{ [1, 'a', none, true, 1.5] }}|{{ {'a': 1, 'b': [none, false]} }}|{{ [] }}|{{ {} }}", "[1, 'a', None, True, 1.5]|{'a': 1, 'b': [None, False]}|[]|{}"],
    ["{{ (1, 2) }}|{{ (1,) }}|{{ () }}|{{ [('a', \"b'c\")] }}|{{ ['say \"hi\"', 'it\\'s'] }}|{{ ['tab\\there', 'new\\nline', 'back\\\\slash'] }}", "(1, 2)|(1,)|()|[('a', \"b'c\")]|['say \"hi\"', \"it's\"]|['tab\\there', 'new\\nline', 'back\\\\slash']"],
    ["{{ 1.0 }}|{{ 2.50 }}|{{ 0.1 + 0.2 }}|{{ 1e16 }}|{{ 1.5e3 }}|{{ 2e-5 }}|{{ 0.0001 }}|{{ 123456789.0 * 1000000000 }}|{{ -0.0 }}", "1.0|2.5|0.30000000000000004|1e+16|1500.0|2e-05|0.0001|1.23456789e+17|-0.0"],
    ["[{{ undefined_name }}]|{{ 'a' ~ none }}|{{ 'a' ~ undefined_name }}|{{ 'a' ~ 1 ~ true ~ [1] ~ {'k': none} }}", "[]|aNone|a|a1True[1]{'k': None}"],
    ["{{ 'a' 'b' }}|{{ '\\d+' }}|{{ '\\x41\\u00e9' }}|{{ \"q\\\"q\" }}|{{ 1_000 }}", "ab|\\d+|Aé|q\"q|1000"],
    ["{{ 1, 2 }}|{% set t = 1, 'a' %}{{ t }}", "(1, 2)|(1, 'a')"],
    // arithmetic
    ["{{ 1 + 2 }}|{{ 1 + 2.0 }}|{{ 7 / 2 }}|{{ 8 / 2 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7.0 // 2 }}|{{ 7 % 3 }}|{{ -7 % 3 }}|{{ -7.5 % 2 }}|{{ 2 ** 10 }}|{{ 2 ** -1 }}|{{ 4 ** 0.5 }}", "3|3.0|3.5|4.0|3|-4|3.0|1|2|0.5|1024|0.5|2.0"],
    ["{{ 2 ** 64 }}|{{ 9007199254740993 + 1 }}|{{ 10 ** 20 // 3 }}|{{ 3 * 1.0 }}|{{ 1 / 3 }}", "18446744073709551616|9007199254740994|33333333333333333333|3.0|0.3333333333333333"],
    ["{{ 'ab' * 3 }}|{{ [1] * 3 }}|{{ 2 * 'x' }}|{{ [1] + [2] }}|{{ (1,) + (2,) }}|{{ 'a' + 'b' }}|{{ true + 1 }}|{{ -true }}", "ababab|[1, 1, 1]|xx|[1, 2]|(1, 2)|ab|2|-1"],
    ["{{ 1 + 2 * 3 }}|{{ (1 + 2) * 3 }}|{{ 3 * 5 // 2 }}|{{ 2 * 3 // 4 }}|{{ 10 - 2 - 3 }}|{{ 100 / 10 / 2 }}|{{ -2 ** 2 }}|{{ 2 ** 3 ** 2 }}|{{ 'a' ~ 2 * 3 }}", "7|9|7|1|5|5.0|4|64|a6"],
    // comparison and logic
    ["{{ 1 == 1.0 }}{{ '1' == 1 }}{{ [1] == [1] }}{{ [1] == (1,) }}{{ none == none }}{{ undefined_name == none }}{{ 1 != 2 }}{{ {'a': [1]} == {'a': [1]} }}", "TrueFalseTrueFalseTrueFalseTrueTrue"],
    ["{{ 1 < 2 < 3 }}{{ 3 > 2 > 2 }}{{ 'a' < 'b' }}{{ [1, 2] < [1, 3] }}{{ 2 >= 2.0 }}", "TrueFalseTrueTrueTrue"],
    ["{{ 'a' in 'abc' }}{{ 1 in [1, 2] }}{{ 1.0 in [1] }}{{ 'x' in {'x': 1} }}{{ 3 not in [1] }}{{ 'a' in undefined_name }}{{ ('a', 1) in {'a': 1}.items() }}", "TrueTrueTrueTrueTrueFalseTrue"],
    ["{{ 1 and 2 }}|{{ 0 and 2 }}|{{ 0 or 'x' }}|{{ [] or {} }}|{{ not [] }}|{{ none or none }}|{{ not 1 == 2 }}|{{ not 'a' in 'abc' }}", "2|0|x|{}|True|None|True|False"],
    ["{% if [] %}A{% else %}B{% endif %}{% if {} %}A{% else %}B{% endif %}{% if '' %}A{% else %}B{% endif %}{% if 0 %}A{% else %}B{% endif %}{% if 0.0 %}A{% else %}B{% endif %}{% if undefined_name %}A{% else %}B{% endif %}{% if [0] %}A{% else %}B{% endif %}{% if 'False' %}A{% else %}B{% endif %}", "BBBBBBAA"],
    ["{{ 'yes' if 1 else 'no' }}|{{ 'yes' if 0 }}|{{ 'a' if 0 else 'b' if 1 else 'c' }}|{{ 'x' if 'a' is string else 'y' }}", "yes||b|x"],
    // subscripts
    ["{{ 'abc'[1] }}{{ 'abc'[-1] }}|{{ [1, 2, 3][-1] }}|{{ [1, 2, 3][1:] }}|{{ 'abcdef'[::2] }}|{{ [1, 2, 3][::-1] }}|{{ (1, 2, 3)[:2] }}|{{ 'abc'[5] }}|{{ [1][5] }}", "bc|3|[2, 3]|ace|[3, 2, 1]|(1, 2)||"],
    ["{% set x = {'a': [1, {'b': none}]} %}{{ x.a[1].b }}|{{ x['a'][0] }}|{{ x.a.0 }}|{{ none.attr }}|{{ {'a': 1}.b }}", "None|1|1||"],
    // undefined
    ["{{ undefined_name is defined }}{{ undefined_name is undefined }}{{ undefined_name | default('d') }}{{ undefined_name | length }}{{ undefined_name | list }}[{{ undefined_name | upper }}]{% for x in undefined_name %}never{% endfor %}", "FalseTrued0[][]"],
  ];

  it.each(cases)('%s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('renders context values: JS numbers as Python ints or floats, objects through toString', () => {
    const relation = { toString: () => '"db"."main"."orders"' };
    expect(render('{{ n }}|{{ f }}|{{ big }}|{{ rel }}|{{ [rel.toString()] }}', { n: 3, f: 2.5, big: 12345678901234567890n, rel: relation })).toBe(
      '3|2.5|12345678901234567890|"db"."main"."orders"|[\'"db"."main"."orders"\']',
    );
  });

  it('refuses what Python would reject or render differently', () => {
    expect(renderError("{{ 'a' + 1 }}").message).toBe('TypeError: can only concatenate str (not "int") to str');
    expect(renderError('{{ 1 / 0 }}').message).toBe('ZeroDivisionError: division by zero');
    expect(renderError("{{ 1 < 'a' }}").message).toBe("TypeError: '<' not supported between instances of 'int' and 'str'");
    expect(renderError("{{ 1 in 'abc' }}").message).toBe("TypeError: 'in <string>' requires string as left operand, not int");
    expect(renderError('{{ undefined_name.attr }}').message).toBe("UndefinedError: 'undefined_name' is undefined");
    expect(renderError('{{ undefined_name + 1 }}').message).toMatch(/^UndefinedError/);
    expect(renderError('{{ undefined_fn() }}').message).toBe("UndefinedError: 'undefined_fn' is undefined");
    expect(renderError('{{ ref }}', { ref: () => 'x' }).message).toMatch(/cannot render the function/);
    expect(renderError("{{ [1, 2] | map('string') }}").message).toMatch(/cannot render a generator/);
    // A JS object cannot keep Python's order for integer-like keys, nor have int keys.
    expect(renderError("{{ {'2': 'b', '1': 'a'} }}").message).toMatch(/would be reordered/);
    expect(renderError("{{ {1: 'a'} }}").message).toMatch(/dict keys must be strings/);
    expect(render("{{ {'1': 'a', '2': 'b'} }}")).toBe("{'1': 'a', '2': 'b'}");
  });

  it('drops one trailing newline and normalizes line endings, like Jinja', () => {
    expect(render('a\nb\n')).toBe('a\nb');
    expect(render('a\r\nb\r\n\r\n')).toBe('a\nb\n');
  });
});
