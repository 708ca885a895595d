/**
 * Python's str/list/tuple/dict methods in templates. Expected outputs are Jinja2's (3.1, sandboxed
 * with the do and loopcontrols extensions, as dbt sets it up) for the same template.
 */
import { describe, expect, it } from '@jest/globals';
import { render, renderError } from './render-helpers.js';

describe('Python methods on values', () => {
  const cases: Array<[string, string]> = [
    // str
    ["{{ 'Hello'.upper() }}|{{ 'Hello'.lower() }}", "HELLO|hello"],
    ["[{{ '  x  '.strip() }}][{{ 'xxhixx'.strip('x') }}][{{ '  x '.lstrip() }}][{{ ' x  '.rstrip() }}][{{ 'abcba'.lstrip('ab') }}][{{ 'abcba'.rstrip('ab') }}]", "[x][hi][x ][ x][cba][abc]"],
    ["{{ 'a,b,c'.split(',') }}{{ '  a b  c '.split() }}{{ 'a,b,c'.split(',', 1) }}{{ '  a b  c '.split(None, 1) }}{{ 'a,,b'.split(',') }}{{ ''.split() }}{{ ''.split(',') }}", "['a', 'b', 'c']['a', 'b', 'c']['a', 'b,c']['a', 'b  c ']['a', '', 'b'][]['']"],
    ["{{ 'a,b,c'.rsplit(',', 1) }}{{ ' a b c '.rsplit(None, 1) }}", "['a,b', 'c'][' a b', 'c']"],
    ["{{ 'abc'.startswith('a') }}{{ 'abc'.startswith(('x', 'a')) }}{{ 'abc'.startswith('b') }}{{ 'abc'.startswith('b', 1) }}{{ 'abc'.endswith('bc') }}{{ 'abc'.endswith(('x', 'y')) }}", "TrueTrueFalseTrueTrueFalse"],
    ["{{ 'a.b.c'.replace('.', '_') }}|{{ 'aaa'.replace('a', 'b', 2) }}|{{ 'ab'.replace('', '-') }}|{{ 'abc'.replace('x', 'y') }}", "a_b_c|bba|-a-b-|abc"],
    ["{{ '{} and {}'.format(1, 'x') }}|{{ '{0}{1}{0}'.format('a', 'b') }}|{{ '{name}!'.format(name='hi') }}|{{ '{0}-{k}'.format('p', k='q') }}|{{ '{{}}'.format() }}|{{ '{:>5}|{:<5}|{:^5}'.format('a', 'b', 'c') }}", "1 and x|aba|hi!|p-q|{}|    a|b    |  c  "],
    ["{{ '{:.2f}'.format(3.14159) }}|{{ '{:05d}'.format(42) }}|{{ '{:,}'.format(1234567) }}|{{ '{!r}'.format('x') }}|{{ '{0[a]}'.format({'a': 1}) }}|{{ '{}'.format(none) }}|{{ '{}'.format([1, 'a']) }}", "3.14|00042|1,234,567|'x'|1|None|[1, 'a']"],
    ["{{ ', '.join(['a', 'b', 'c']) }}|{{ ''.join('abc') }}|{{ '-'.join(('x', 'y')) }}|{{ ','.join({'k1': 1, 'k2': 2}) }}", "a, b, c|abc|x-y|k1,k2"],
    ["{{ 'hello big world'.title() }}|{{ \"they're bill's\".title() }}|{{ 'hELLO wORLD'.capitalize() }}", "Hello Big World|They'Re Bill'S|Hello world"],
    ["{{ 'banana'.count('a') }}|{{ 'banana'.count('an') }}|{{ 'aaa'.count('') }}|{{ 'banana'.find('n') }}|{{ 'banana'.find('z') }}|{{ 'banana'.find('a', 2) }}|{{ 'banana'.rfind('a') }}|{{ 'banana'.index('b') }}", "3|2|4|2|-1|3|5|0"],
    ["{{ '123'.isdigit() }}{{ '12a'.isdigit() }}{{ ''.isdigit() }}|{{ 'abc'.isalpha() }}{{ 'ab1'.isalpha() }}|{{ 'ABC'.isupper() }}{{ 'AbC'.isupper() }}{{ '1'.isupper() }}|{{ 'abc'.islower() }}{{ 'a1'.islower() }}{{ 'aB'.islower() }}", "TrueFalseFalse|TrueFalse|TrueFalseFalse|TrueTrueFalse"],
    ["{{ '42'.zfill(5) }}|{{ '-42'.zfill(5) }}|{{ 'abc'.zfill(2) }}", "00042|-0042|abc"],
    ["{{ 'a\nb\r\nc\n'.splitlines() }}{{ 'a\nb'.splitlines(true) }}{{ ''.splitlines() }}", "['a', 'b', 'c']['a\\n', 'b'][]"],
    ["{{ 'ab'.center(6, '*') }}|{{ 'ab'.ljust(4, '.') }}|{{ 'ab'.rjust(4) }}|{{ 'a=b=c'.partition('=') }}|{{ 'a=b=c'.rpartition('=') }}|{{ 'pre_x'.removeprefix('pre_') }}", "**ab**|ab..|  ab|('a', '=', 'b=c')|('a=b', '=', 'c')|x"],
    // list
    ["{% set l = [3, 1, 2] %}{% do l.append(4) %}{{ l }}|{% do l.extend([5, 6]) %}{{ l }}|{{ l.pop() }}|{{ l.pop(0) }}|{{ l }}|{% do l.insert(0, 9) %}{{ l }}|{% do l.insert(-1, 7) %}{{ l }}", "[3, 1, 2, 4]|[3, 1, 2, 4, 5, 6]|6|3|[1, 2, 4, 5]|[9, 1, 2, 4, 5]|[9, 1, 2, 4, 7, 5]"],
    ["{% set l = [3, 1, 2, 1] %}{% do l.remove(1) %}{{ l }}|{{ l.index(2) }}|{{ l.count(1) }}|{% do l.sort() %}{{ l }}|{% do l.sort(reverse=true) %}{{ l }}|{% do l.reverse() %}{{ l }}", "[3, 2, 1]|1|1|[1, 2, 3]|[3, 2, 1]|[1, 2, 3]"],
    ["{% set l = [1] %}{% set c = l.copy() %}{% do c.append(2) %}{{ l }}{{ c }}", "[1][1, 2]"],
    ["{% set l = [] %}{{ l.append(1) }}|{{ l }}", "None|[1]"],
    ["{{ (1, 2, 1).count(1) }}|{{ (1, 2, 1).index(2) }}", "2|1"],
    // dict
    ["{% set d = {'a': 1, 'b': 2} %}{{ d.items() }}|{{ d.keys() }}|{{ d.values() }}|{{ d.items() | list }}|{{ d.keys() | list }}", "dict_items([('a', 1), ('b', 2)])|dict_keys(['a', 'b'])|dict_values([1, 2])|[('a', 1), ('b', 2)]|['a', 'b']"],
    ["{% set d = {'a': 1} %}{{ d.get('a') }}|{{ d.get('z') }}|{{ d.get('z', 0) }}|{{ d['a'] }}|{{ d.a }}|{{ d.z }}|{{ d['z'] }}", "1|None|0|1|1||"],
    ["{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{% do d.update(c=3) %}{% do d.update([('e', 5)]) %}{{ d }}|{{ d.update(x=1) }}", "{'a': 1, 'b': 2, 'c': 3, 'e': 5}|None"],
    ["{% set d = {'a': 1, 'b': 2} %}{{ d.pop('a') }}|{{ d.pop('z', 'dflt') }}|{{ d }}|{{ d.setdefault('x', 7) }}|{{ d.setdefault('b', 8) }}|{{ d }}", "1|dflt|{'b': 2}|7|2|{'b': 2, 'x': 7}"],
    ["{% set d = {'a': 1} %}{% set c = d.copy() %}{% do c.update(b=2) %}{{ d }}{{ c }}", "{'a': 1}{'a': 1, 'b': 2}"],
    ["{% set d = {'items': 'data'} %}{{ d['items'] }}|{{ d.items() | list }}", "data|[('items', 'data')]"],
    ["{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}|{% for k in {'a': 1, 'b': 2} %}{{ k }};{% endfor %}|{% for v in {'a': 1, 'b': 2}.values() %}{{ v }};{% endfor %}", "a=1;b=2;|a;b;|1;2;"],
  ];

  it.each(cases)('%s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('raises what Python raises', () => {
    expect(renderError("{{ 'x'.join(['a', 1]) }}").message).toBe('TypeError: sequence item 1: expected str instance, int found');
    expect(renderError("{{ 'ab'.startswith(['a']) }}").message).toBe('TypeError: startswith first arg must be str or a tuple of str, not list');
    expect(renderError('{{ [1, 2].index(3) }}').message).toBe('ValueError: 3 is not in list');
    expect(renderError('{{ [].pop() }}').message).toBe('IndexError: pop from empty list');
    expect(renderError("{{ {'a': 1}.pop('b') }}").message).toBe("KeyError: 'b'");
    expect(renderError("{{ ''.split('') }}").message).toBe('ValueError: empty separator');
  });

  it('leaves attributes Python does not have undefined', () => {
    expect(render("{{ 'abc'.length }}|{{ [1, 2].length }}|{{ 'abc'.length is defined }}")).toBe('||False');
  });
});
