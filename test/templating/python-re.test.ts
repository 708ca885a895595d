/**
 * `modules.re` as dbt templates use it: Python's regular expressions, translated to JavaScript where
 * the two differ. Every expected value is what Python 3.11 prints for the same template.
 */
import { describe, expect, it } from '@jest/globals';
import { pythonModules } from '../../src/templating/python-modules.js';
import { render, renderError } from './render-helpers.js';

const context = { modules: pythonModules(() => new Date()) };

describe('modules.re', () => {

  const cases: Array<[string, string, string]> = [
    [
      "dbt_utils.slugify's substitutions; a $ in the replacement is text",
      "{% set re = modules.re %}{% set s = 'Hello World - 2024' | lower %}{% set s = re.sub('[ -]+', '_', s) %}{% set s = re.sub('[^a-z0-9_]+', '', s) %}{{ re.sub('^[0-9]', '_' + s[0], s) }}|{{ re.sub('^[0-9]', '_1', '1abc') }}|{{ re.sub('o', '$&$1', 'foo') }}",
      "hello_world_2024|_1abc|f$&$1$&$1",
    ],
    [
      "a verbose, case-insensitive pattern with a look-behind (dbt-project-evaluator)",
      "{% set re = modules.re %}{% set sql = \"select * from my_db.orders o\\n  join \\\"raw\\\".\\\"payments\\\" p on true -- from x.y\\n  left join [dbo].[customers] c on true\\n  select distinct from_a from b.c\" %}{{ re.findall('(?ix)\n\n                # NOT following \"distinct \"\n                (?<!distinct\\s)\n\n                # first matching group\n                # from or join followed by at least 1 whitespace character            \n                (from|join)\\s+\n\n                # second matching group\n                # 1 or 0 of (opening bracket, backtick, or quotation mark)\n                ([\\[`\\\"\\']?)\n\n                # third matching group\n                # at least 1 word character\n                (\\w+-?\\w*)\n\n                # fouth matching group\n                # 1 or 0 of (closing bracket, backtick, or quotation mark)\n                ([\\]`\\\"\\']?)\n\n                # fifth matching group\n                # a period\n                (\\.)\n\n                # sixth matching group\n                # 1 or 0 of (opening bracket, backtick, or quotation mark)\n                ([\\[`\\\"\\']?)\n\n                # seventh matching group\n                # at least 1 word character\n                (\\w+-?\\w*)\n\n                # eighth matching group\n                # 1 or 0 of (closing bracket, backtick, or quotation mark) folowed by a whitespace character or end of string\n                ([\\]`\\\"\\']?)(?=\\s|$)\n\n                ', re.sub('(--).*', '', sql)) }}",
      "[('from', '', 'my_db', '', '.', '', 'orders', ''), ('join', '\"', 'raw', '\"', '.', '\"', 'payments', '\"'), ('join', '[', 'dbo', ']', '.', '[', 'customers', ']'), ('from', '', 'b', '', '.', '', 'c', '')]",
    ],
    [
      "search returns a match object",
      "{% set re = modules.re %}{% set m = re.search('(?P<y>\\\\d{4})-(\\\\d\\\\d)(x)?', 'on 2024-05 ok') %}{{ m }}|{{ m.groups() }}|{{ m.groupdict() }}|{{ m.span(2) }}|{{ m.start() }}|{{ m.end(1) }}|{{ m.lastindex }}|{{ m.lastgroup }}|{{ m[1] }}|{{ m['y'] }}|{{ m.group(0, 1) }}|{{ m.group('y') }}|{{ m.group(3) }}|{{ m.expand('\\\\2/\\\\g<y>') }}|{{ m.span(3) }}|{{ m.groups('-') }}|{{ m.string }}|{{ m.re }}|{{ m.pos }}|{{ m.endpos }}",
      "<re.Match object; span=(3, 10), match='2024-05'>|('2024', '05', None)|{'y': '2024'}|(8, 10)|3|7|2|None|2024|2024|('2024-05', '2024')|2024|None|05/2024|(-1, -1)|('2024', '05', '-')|on 2024-05 ok|re.compile('(?P<y>\\\\d{4})-(\\\\d\\\\d)(x)?')|0|13",
    ],
    [
      "match, fullmatch and search with positions",
      "{% set re = modules.re %}{{ re.fullmatch('a|ab', 'ab') }}|{{ re.match('a|ab', 'ab') }}|{{ re.fullmatch('a', 'ab') }}|{{ re.compile('b').match('ab', 1) }}|{{ re.compile('^b').search('ab', 1) }}|{{ re.compile('a$').search('ab', 0, 1) }}|{{ re.match('x', 'ab') is none }}",
      "<re.Match object; span=(0, 2), match='ab'>|<re.Match object; span=(0, 1), match='a'>|None|<re.Match object; span=(1, 2), match='b'>|None|<re.Match object; span=(0, 1), match='a'>|True",
    ],
    [
      "sub: group references, escapes, count, callables",
      "{% set re = modules.re %}{{ re.sub('(a)|b', '[\\\\1]', 'ab') }}|{{ re.subn('a', 'o', 'banana') }}|{{ re.sub('a', 'o', 'banana', 2) }}|{{ re.sub('a', 'o', 'banana', count=1) }}|{{ re.sub('(?P<x>a)', '\\\\g<x>\\\\g<0>\\\\g<1>', 'ba') }}|{{ re.sub('a', '\\\\.\\\\n\\\\\\\\', 'a') }}|{% macro shout(m) %}{{ m.group(0) | upper }}{% endmacro %}{{ re.sub('an', shout, 'banana') }}",
      "[a][]|('bonono', 3)|bonona|bonana|baaa|\\.\n\\|bANANa",
    ],
    [
      "findall and split with groups",
      "{% set re = modules.re %}{{ re.findall('(a)(b)?', 'ab a') }}|{{ re.split('(,)|;', 'a,b;c', maxsplit=5) }}|{{ re.split(',', 'a,b,c', 1) }}|{{ re.findall('(a)', 'aa') }}|{{ re.split('\\\\s*,\\\\s*', 'a , b,c') }}",
      "[('a', 'b'), ('a', '')]|['a', ',', 'b', None, 'c']|['a', 'b,c']|['a', 'a']|['a', 'b', 'c']",
    ],
    [
      "empty matches follow Python 3.7+",
      "{% set re = modules.re %}{{ re.findall('x*', 'axb') }}|{{ re.split('x*', 'axb') }}|{{ re.sub('x*', '-', 'abxd') }}|{{ re.findall('a??', 'aa') }}|{{ re.sub('a??', '-', 'baac') }}|{{ re.split('(|a)', 'bab') }}",
      "['', 'x', '', '']|['', 'a', '', 'b', '']|-a-b--d-|['', 'a', '', 'a', '']|-b-----c-|['', '', 'b', '', '', 'a', '', '', 'b', '', '']",
    ],
    [
      "Unicode classes, dot and anchors as Python has them",
      "{% set re = modules.re %}{{ re.match('\\\\w+', 'héllo wörld') }}|{{ re.findall('\\\\d', '١٢3') }}|{{ re.findall('.', 'a\\rb\\n') }}|{{ re.findall('^\\\\w', 'a\\nb\\rc', re.M) }}|{{ re.search('a$', 'a\\n') }}|{{ re.search('a\\\\Z', 'a\\n') }}|{{ re.findall('a$', 'a\\na\\n', re.M) }}|{{ re.findall('\\\\bfoo\\\\b', 'foo foobar éfoo foo_ foo') }}|{{ re.findall('\\\\s+', 'a \\x1c b\\ufeffc') }}|{{ re.findall('[^\\\\W\\\\d]+', 'ab12cd') }}|{{ re.findall('\\\\w', 'aé', re.A) }}",
      "<re.Match object; span=(0, 5), match='héllo'>|['١', '٢', '3']|['a', '\\r', 'b']|['a', 'b']|<re.Match object; span=(0, 1), match='a'>|None|['a', 'a']|['foo', 'foo']|[' \\x1c ']|['ab', 'cd']|['a']",
    ],
    [
      "flags and inline flags",
      "{% set re = modules.re %}{{ re.search('ABC', 'xabcx', re.I) }}|{{ re.search('(?i)ABC', 'xabcx') }}|{{ re.search('a.c', 'a\\nc', re.S) }}|{{ re.search('a.c', 'a\\nc') }}|{{ re.search('(?s:a.c)', 'a\\nc') }}|{{ re.search('(?x) a b # comment', 'ab') }}|{{ re.search('a b', 'ab', re.X) }}|{{ re.search('a\\\\ b', 'a b', re.X) }}|{{ re.IGNORECASE + re.M }}|{{ re.compile('a', re.I) }}|{{ re.compile('(?i)a').flags }}",
      "<re.Match object; span=(1, 4), match='abc'>|<re.Match object; span=(1, 4), match='abc'>|<re.Match object; span=(0, 3), match='a\\nc'>|None|<re.Match object; span=(0, 3), match='a\\nc'>|<re.Match object; span=(0, 2), match='ab'>|<re.Match object; span=(0, 2), match='ab'>|<re.Match object; span=(0, 3), match='a b'>|10|re.compile('a', re.IGNORECASE)|34",
    ],
    [
      "back-references, look-arounds and escapes",
      "{% set re = modules.re %}{{ re.search('(a)\\\\1', 'xaa') }}|{{ re.search('(?P<q>[\\'\"]).*?(?P=q)', 'say \"hi\" now') }}|{{ re.search('(?<=\\\\$)\\\\d+', 'cost $42') }}|{{ re.search('(?<!x)y', 'xy zy') }}|{{ re.search('\\\\x41\\\\u00e9\\\\101', 'Aé' ~ 'A') }}|{{ re.findall('x{,3}', 'xxxxx') }}|{{ re.findall('a{', 'a{') }}|{{ re.findall('x{}', 'x{}') }}|{{ re.findall('[]a]', ']a') }}|{{ re.findall('[a-]', 'a-b') }}",
      "<re.Match object; span=(1, 3), match='aa'>|<re.Match object; span=(4, 8), match='\"hi\"'>|<re.Match object; span=(6, 8), match='42'>|<re.Match object; span=(4, 5), match='y'>|<re.Match object; span=(0, 3), match='AéA'>|['xxx', 'xx', '']|['a{']|['x{}']|[']', 'a']|['a', '-']",
    ],
    [
      "escape, compile and finditer",
      "{% set re = modules.re %}{{ re.escape('a.b-c d#e&f~g_h!i@\"/') }}|{{ re.compile('(a)(?P<n>b)').groups }}|{{ re.compile('(a)(?P<n>b)').groupindex }}|{{ re.compile('x').pattern }}|{% for m in re.finditer('(\\\\w)(\\\\d)', 'a1 b2') %}{{ m.group(1) }}{{ m.start() }}{% endfor %}|{{ re.findall('😀.', 'a😀b😀c') }}|{{ re.search('c', 'a😀b😀c').span() }}",
      "a\\.b\\-c\\ d\\#e\\&f\\~g_h!i@\"/|2|{'n': 2}|x|a0b3|['😀b', '😀c']|(4, 5)",
    ],
    [
      "dbt-project-evaluator's complexity count and path exclusion",
      "{% set re = modules.re %}{% set ns = namespace(c=0) %}{% for token in ['select', 'from', 'where'] %}{% set ns.c = ns.c + (re.findall('\\\\b' ~ token ~ '[\\\\t\\\\r\\\\n (]', 'SELECT a FROM b where select(1)', re.IGNORECASE) | length) %}{% endfor %}{{ ns.c }}|{{ re.search('models/staging/.*', 'Models/Staging/a.sql', re.IGNORECASE) is not none }}",
      "4|True",
    ],
  ];

  it.each(cases)('%s', (_title, source, expected) => {
    expect(render(source, context)).toBe(expected);
  });

  const errors: Array<[string, string]> = [
    ["{% set re = modules.re %}{{ re.compile('a**') }}", "re.error: multiple repeat at position 2"],
    ["{% set re = modules.re %}{{ re.compile('(?<=a+)b') }}", "re.error: look-behind requires fixed-width pattern"],
    ["{% set re = modules.re %}{{ re.compile('(a') }}", "re.error: missing ), unterminated subpattern at position 0"],
    ["{% set re = modules.re %}{{ re.compile('[a') }}", "re.error: unterminated character set at position 0"],
    ["{% set re = modules.re %}{{ re.compile('\\\\q') }}", "re.error: bad escape \\q at position 0"],
    ["{% set re = modules.re %}{{ re.compile('a(?i)b') }}", "re.error: global flags not at the start of the expression at position 1"],
    ["{% set re = modules.re %}{{ re.compile('(?P<a>x)(?P<a>y)') }}", "re.error: redefinition of group name 'a' as group 2; was group 1 at position 12"],
    ["{% set re = modules.re %}{{ re.compile('[z-a]') }}", "re.error: bad character range z-a at position 1"],
    ["{% set re = modules.re %}{{ re.sub('a', '\\\\q', 'a') }}", "re.error: bad escape \\q at position 0"],
    ["{% set re = modules.re %}{{ re.sub('(a)', '\\\\2', 'a') }}", "re.error: invalid group reference 2 at position 1"],
    ["{% set re = modules.re %}{{ re.search('a', none) }}", "TypeError: expected string or bytes-like object, got 'NoneType'"],
  ];

  it.each(errors)('raises what Python raises: %s', (source, message) => {
    expect(renderError(source, context).message).toBe(message);
  });

  // Python accepts these; JavaScript has no equivalent, so they are refused rather than matched differently.
  it.each([
    ['(?>a)', 'an atomic group'],
    ['a++', 'a possessive repeat'],
    ['(a)(?(1)a|b)', 'a conditional group'],
    ['(?i:a)b', 'case-insensitivity switched on or off for part of a pattern'],
    ['\\N{LATIN SMALL LETTER A}', 'a named character escape'],
    ['(a|)*', 'a repeat of a group that can match empty'],
    ['(?:|a)+', 'a repeat whose body prefers matching empty'],
    ['(?:(a)|b)+\\1', 'a back-reference to group 1'],
  ])('refuses %s: %s', (pattern, what) => {
    const error = renderError(`{{ modules.re.compile(${JSON.stringify(pattern)}) }}`, context);
    expect(error.message).toContain(`re.error: Sluice cannot translate ${what}`);
  });

  it('refuses a flag combination JavaScript cannot express', () => {
    expect(renderError('{{ modules.re.compile("a", modules.re.I + modules.re.A) }}', context).message).toContain('re.ASCII with re.IGNORECASE');
  });

  it('refuses to guess a group the last repetition skipped, where Python keeps an earlier one', () => {
    // Python: ('b', 'a'); JavaScript forgets 'a' when the second repetition takes the other branch.
    expect(renderError("{{ modules.re.match('((a)|b)+', 'ab').groups() }}", context).message).toContain('Sluice cannot tell what Python captures in group 2');
    // When the last repetition did capture it, the answer is Python's.
    expect(render("{{ modules.re.match('((a)|b)+', 'ba').groups() }}|{{ modules.re.sub('(?:(a)|b)+', 'x', 'ab') }}", context)).toBe("('a', 'a')|x");
  });

  it('matches optional groups that can be empty as Python does', () => {
    expect(render("{{ modules.re.match('(\\\\b)?', 'x').groups() }}|{{ modules.re.match('(a*)?', 'b').groups() }}|{{ modules.re.search('(?:\\\\W??)?', ' a') }}", context)).toBe(
      "('',)|('',)|<re.Match object; span=(0, 0), match=''>",
    );
  });
});
