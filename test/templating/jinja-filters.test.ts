/**
 * Jinja's filters with Jinja's behaviour (generators from map/select, case-insensitive sort and
 * unique, json.dumps for tojson, Python rounding), and dbt's text filters. Expected outputs are
 * Jinja2's (3.1, sandboxed with do and loopcontrols, as dbt sets it up).
 */
import { describe, expect, it } from '@jest/globals';
import { env, render, renderError } from './render-helpers.js';

describe('Jinja filters', () => {
  const cases: Array<[string, string]> = [
    // map / select / reject / selectattr / rejectattr
    ["{{ [1, 2, 3] | map('string') | join(',') }}|{{ ['a', 'B'] | map('upper') | list }}|{{ ['x', 'y'] | map('replace', 'x', 'z') | list }}|{{ [' a ', 'b '] | map('trim') | list }}", "1,2,3|['A', 'B']|['z', 'y']|['a', 'b']"],
    ["{{ [{'a': 1}, {'a': 2}] | map(attribute='a') | list }}|{{ [{'a': 1}, {'b': 2}] | map(attribute='a', default=0) | list }}|{{ [{'a': {'b': 1}}] | map(attribute='a.b') | list }}|{{ [[1, 2], [3, 4]] | map(attribute=0) | list }}", "[1, 2]|[1, 0]|[1]|[1, 3]"],
    ["{{ [1, 2, 3, 4] | select('even') | list }}|{{ [1, 2, 3, 4] | reject('even') | list }}|{{ [0, 1, '', none, 'x'] | select | list }}|{{ [1, 2, 3, 4] | reject('gt', 2) | list }}|{{ ['a', 'b'] | select('in', ['a']) | list }}", "[2, 4]|[1, 3]|[1, 'x']|[1, 2]|['a']"],
    ["{{ [{'x': 1}, {'x': 0}, {}] | selectattr('x') | list }}|{{ [{'x': 1}, {'x': 2}] | selectattr('x', 'eq', 2) | list }}|{{ [{'x': 1}, {'x': 2}] | rejectattr('x', '>', 1) | list }}|{{ [{'x': 1}, {'x': 2}] | selectattr('x', 'in', [2]) | map(attribute='x') | list }}", "[{'x': 1}]|[{'x': 2}]|[{'x': 1}]|[2]"],
    ["{% set g = [1, 2, 3] | map('string') %}{{ g | list }}{{ g | list }}|{% if [] | select %}generators are always true{% endif %}", "['1', '2', '3'][]|generators are always true"],
    // unique / sort / min / max / sum
    ["{{ ['b', 'a', 'B'] | unique | list }}|{{ ['b', 'a', 'B'] | unique(true) | list }}|{{ [1, true, 1.0, 'a', 'A'] | unique | list }}|{{ [{'k': 1}, {'k': 1}] | unique(attribute='k') | list }}", "['b', 'a']|['b', 'a', 'B']|[1, 'a']|[{'k': 1}]"],
    ["{{ [3, 1, 2] | sort }}|{{ [3, 1, 2] | sort(reverse=true) }}|{{ ['b', 'A', 'a', 'B'] | sort }}|{{ ['b', 'A', 'a', 'B'] | sort(case_sensitive=true) }}|{{ [{'n': 2}, {'n': 1}] | sort(attribute='n') }}", "[1, 2, 3]|[3, 2, 1]|['A', 'a', 'b', 'B']|['A', 'B', 'a', 'b']|[{'n': 1}, {'n': 2}]"],
    ["{{ [{'n': 'b', 'v': 1}, {'n': 'a', 'v': 1}, {'n': 'c', 'v': 0}] | sort(attribute='v,n') | map(attribute='n') | join }}", "cab"],
    ["{{ [1, 5, 3] | max }}|{{ [1, 5, 3] | min }}|{{ ['a', 'B'] | max }}|{{ ['a', 'B'] | max(case_sensitive=true) }}|{{ [{'v': 1}, {'v': 2}] | max(attribute='v') }}|{{ [] | max }}", "5|1|B|a|{'v': 2}|"],
    ["{{ [1, 2] | sum }}|{{ [1, 2.5] | sum }}|{{ [{'v': 1}, {'v': 2}] | sum(attribute='v') }}|{{ [1, 2, 3] | sum(start=10) }}|{{ [[1], [2]] | sum(start=[]) }}", "3|3.5|3|16|[1, 2]"],
    // strings
    ["{{ 'a-b' | replace('-', '_') }}|{{ 'aaa' | replace('a', 'b', 2) }}|{{ 123 | replace('2', 'x') }}|[{{ '  t  ' | trim }}]|{{ 'xtx' | trim('x') }}|{{ 'AbC' | lower }}|{{ 'abc' | upper }}", "a_b|bba|1x3|[t]|t|abc|ABC"],
    ["{{ 'hello world-foo (bar)' | title }}|{{ \"it's ok\" | title }}|{{ 'aBC dEF' | capitalize }}|{{ 'abc' | center(7) }}|{{ 'hello   world' | wordcount }}", "Hello World-Foo (Bar)|It's Ok|Abc def|  abc  |2"],
    ["{{ 'a\nb\n\nc' | indent }}|{{ 'a\nb\n\nc' | indent(2, true, true) }}|{{ 'a\nb' | indent('> ') }}", "a\n    b\n\n    c|  a\n  b\n  \n  c|a\n> b"],
    ["{{ 'hello world' | truncate(5) }}|{{ 'hello world foo bar baz' | truncate(12) }}|{{ 'hello world foo bar baz' | truncate(12, true) }}|{{ 'short' | truncate(10) }}", "he...|hello...|hello wor...|short"],
    ["{{ '<a href=\"x\">' | e }}|{{ '<b>' | escape }}|{{ '<b>' | safe }}|{{ '<p>a &amp; <b>b</b></p>' | striptags }}|{{ 'a%sb%d' | format('x', 3) }}|{{ '%(k)s' | format(k='v') }}", "&lt;a href=&#34;x&#34;&gt;|&lt;b&gt;|<b>|a & b|axb3|v"],
    // conversions
    ["{{ 3 | string }}|{{ none | string }}|{{ '3' | int + 1 }}|{{ '3.9' | int }}|{{ 'x' | int }}|{{ 'x' | int(7) }}|{{ '0x1f' | int(base=16) }}|{{ 3.99 | int }}|{{ none | int }}|{{ '1_000' | int }}", "3|None|4|3|0|7|31|3|0|1000"],
    ["{{ '2.5' | float }}|{{ 'x' | float }}|{{ 3 | float }}|{{ ' 1e3 ' | float }}|{{ 'inf' | float }}|{{ true | float }}", "2.5|0.0|3.0|1000.0|inf|1.0"],
    ["{{ {'a': 1} | items | list }}|{{ 'ab' | list }}|{{ {'a': 1} | list }}|{{ (1, 2) | list }}|{{ undefined_name | items | list }}", "[('a', 1)]|['a', 'b']|['a']|[1, 2]|[]"],
    ["{{ 2.5 | round }}|{{ 3.5 | round }}|{{ 3 | round }}|{{ 2.675 | round(2) }}|{{ 0.125 | round(2) }}|{{ 1.25 | round(1, 'ceil') }}|{{ 1.21 | round(1, 'floor') }}|{{ 1250 | round(-2) }}|{{ -3 | abs }}|{{ -2.5 | abs }}", "2.0|4.0|3|2.67|0.12|1.3|1.2|1200|3|2.5"],
    // default, join, length, first, last, batch, slice, reverse, dictsort, groupby, tojson
    ["{{ undefined_name | default('d') }}|{{ none | default('d') }}|{{ none | default('d', true) }}|{{ '' | d('e', true) }}|{{ 0 | default(5) }}|{{ undefined_name | d }}|", "d|None|d|e|0||"],
    ["{{ [1, 2] | join }}|{{ [1, 2] | join(', ') }}|{{ (1, 2) | join('-') }}|{{ {'a': 1, 'b': 2} | join(',') }}|{{ [{'a': 'x'}, {'a': 'y'}] | join('-', attribute='a') }}|{{ [none, true] | join(' ') }}", "12|1, 2|1-2|a,b|x-y|None True"],
    ["{{ [1, 2] | length }}|{{ 'abc' | count }}|{{ {'a': 1} | length }}|{{ 'héllo' | length }}|{{ range(4) | length }}", "2|3|1|5|4"],
    ["{{ [1, 2, 3] | first }}|{{ [1, 2, 3] | last }}|{{ 'abc' | first }}|{{ {'a': 1, 'b': 2} | last }}|{{ [] | first }}|{{ [1, 2] | map('string') | first }}", "1|3|a|b||1"],
    ["{{ [1, 2, 3, 4, 5] | batch(2) | list }}|{{ [1, 2, 3, 4, 5] | batch(2, 'x') | list }}|{{ [1, 2, 3, 4, 5] | slice(2) | list }}|{{ [1, 2, 3, 4] | slice(3, 0) | list }}", "[[1, 2], [3, 4], [5]]|[[1, 2], [3, 4], [5, 'x']]|[[1, 2, 3], [4, 5]]|[[1, 2], [3, 0], [4, 0]]"],
    ["{{ [1, 2, 3] | reverse | list }}|{{ 'abc' | reverse }}|{{ {'a': 1, 'b': 2} | reverse | list }}", "[3, 2, 1]|cba|['b', 'a']"],
    ["{{ {'b': 1, 'A': 2, 'a': 3} | dictsort }}|{{ {'b': 1, 'a': 2} | dictsort(by='value', reverse=true) }}", "[('A', 2), ('a', 3), ('b', 1)]|[('a', 2), ('b', 1)]"],
    ["{% for g in [{'t': 'x', 'v': 1}, {'t': 'Y', 'v': 2}, {'t': 'x', 'v': 3}] | groupby('t') %}{{ g.grouper }}={{ g.list | map(attribute='v') | list }};{% endfor %}|{{ ([{'k': 1}] | groupby('k'))[0] }}", "x=[1, 3];Y=[2];|(1, [{'k': 1}])"],
    ["{{ {'b': 2, 'a': [1, 'x', none, true, 1.5, 1.0]} | tojson }}|{{ \"x<y & it's\" | tojson }}|{{ 'é' | tojson }}|{{ [1, {'a': 2}] | tojson(2) }}|{{ [] | tojson(2) }}", "{\"a\": [1, \"x\", null, true, 1.5, 1.0], \"b\": 2}|\"x\\u003cy \\u0026 it\\u0027s\"|\"\\u00e9\"|[\n  1,\n  {\n    \"a\": 2\n  }\n]|[]"],
    ["{{ {'a': 1} | attr('a') }}|{{ 'x' | attr('upper') is callable }}", "|True"],
    ["{{ undefined_name | sum }}|{{ undefined_name | max }}|{{ undefined_name | groupby('a') }}|{{ undefined_name | slice(2) | list }}|[{{ undefined_name | center(3) }}]|{{ false | map('string') | list }}|{{ none | select | list }}", "0||[]|[[], []]|[   ]|[]|[]"],
  ];

  it.each(cases)('%s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('raises where Jinja raises', () => {
    expect(renderError("{{ [1, 2] | select('odd') | length }}").message).toBe("TypeError: object of type 'generator' has no len()");
    expect(renderError("{{ [3, 'a'] | sort }}").message).toBe("TypeError: '<' not supported between instances of 'str' and 'int'");
    expect(renderError('{{ [[1], [1]] | unique | list }}').message).toBe("TypeError: unhashable type: 'list'");
    expect(renderError('{{ none | length }}').message).toBe("TypeError: object of type 'NoneType' has no len()");
    expect(renderError("{{ ['a', 'b'] | sum }}").message).toMatch(/unsupported operand type\(s\) for \+: 'int' and 'str'/);
    expect(renderError("{{ [1] | map('string') | last }}").message).toMatch(/'generator' object is not reversible/);
    for (const filter of ['int', 'float', 'indent']) expect(renderError(`{{ undefined_name | ${filter} }}`).message).toMatch(/^UndefinedError/);
  });

  it('fails for Jinja filters Sluice does not implement, naming them', () => {
    expect(renderError("{{ 'x' | urlize }}").message).toBe("TemplateRuntimeError: the 'urlize' filter is not supported by Sluice");
  });

  it("has dbt's text filters", () => {
    expect(render("{{ 'a' | as_text }}|{{ 1 | as_number }}|{{ true | as_bool }}|{{ [1] | is_list }}|{{ 'x' | is_list }}")).toBe('a|1|True|True|False');
  });

  it('takes filters the lead adds in nunjucks style, with keyword arguments', () => {
    env.addFilter('suffix', (value: unknown, ...rest: unknown[]) => {
      const kwargs = rest[rest.length - 1] as { with?: string };
      return `${String(value)}${kwargs.with}`;
    });
    expect(render("{{ 'a' | suffix(with='_x') }}")).toBe('a_x');
  });
});
