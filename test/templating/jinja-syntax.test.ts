/**
 * Jinja statements and expressions on nunjucks: set/namespace/with/do, for loops (filters, else,
 * `loop`, unpacking, break/continue), scoping, whitespace control, raw, comments, filter blocks and
 * tests. Expected outputs are Jinja2's (3.1, sandboxed with do and loopcontrols, as dbt sets it up).
 */
import { describe, expect, it } from '@jest/globals';
import { compileTemplate } from '../../src/templating/template.js';
import { env, render, renderError } from './render-helpers.js';

describe('Jinja statements and tests', () => {
  const cases: Array<[string, string]> = [
    // set and scoping
    ["{% set x = 1 %}{% for i in [1, 2] %}{% set x = x + i %}{{ x }}{% endfor %}|{{ x }}", "23|1"],
    ["{% set x = 0 %}{% if true %}{% set x = 1 %}{% endif %}{{ x }}", "1"],
    ["{% for i in range(3) %}{% set inner = i %}{% endfor %}[{{ inner }}]", "[]"],
    ["{% set x %}  block {{ 1 + 1 }} {% endset %}[{{ x }}]|{% set y | upper %}abc{% endset %}{{ y }}", "[  block 2 ]|ABC"],
    ["{% set a, b = (1, 2) %}{{ b }}{{ a }}|{% set c, d = 'xy' %}{{ c }}{{ d }}|{% set e, f = 1, 2 %}{{ e }}{{ f }}|{% set (g, (h, i)) = (1, (2, 3)) %}{{ g }}{{ h }}{{ i }}", "21|xy|12|123"],
    ["{% set ns = namespace(count=0, items=[]) %}{% for i in [1, 2, 3] %}{% set ns.count = ns.count + i %}{% do ns.items.append(i) %}{% endfor %}{{ ns.count }}|{{ ns.items }}|{{ ns }}", "6|[1, 2, 3]|<Namespace {'count': 6, 'items': [1, 2, 3]}>"],
    ["{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}{{ ns.c is defined }}", "12False"],
    ["{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]", "3[]"],
    ["{% do [1].append(2) %}done", "done"],
    // for loops
    ["{% for x in [1, 2, 3] if x > 1 %}{{ loop.index }}/{{ loop.length }}:{{ x }};{% endfor %}", "1/2:2;2/2:3;"],
    ["{% for x in [] %}a{% else %}empty{% endfor %}|{% for x in [1, 2] if x > 5 %}a{% else %}none passed{% endfor %}", "empty|none passed"],
    ["{% for x in 'ab' %}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.revindex }}{{ loop.revindex0 }}{{ x }};{% endfor %}", "0TrueFalse21a;1FalseTrue10b;"],
    ["{% for x in [1, 2, 3] %}{{ loop.previtem }}-{{ loop.nextitem }}-{{ loop.cycle('a', 'b') }};{% endfor %}", "-2-a;1-3-b;2--a;"],
    ["{% for x in [1, 1, 2] %}{{ loop.changed(x) }}{% endfor %}|{% for x in [1] %}{{ loop.length }}{{ loop.depth }}{{ loop.depth0 }}{% endfor %}", "TrueFalseTrue|110"],
    ["{% for a, b in [(1, 2), (3, 4)] %}{{ a + b }};{% endfor %}|{% for a, (b, c) in [(1, (2, 3))] %}{{ a }}{{ b }}{{ c }}{% endfor %}", "3;7;|123"],
    ["{% for i in [1, 2] %}{% for j in [3, 4] %}{{ loop.index }}{{ i }}{{ j }},{% endfor %}{{ loop.index }};{% endfor %}", "113,214,1;123,224,2;"],
    ["{% for i in [1, 2] %}{% set outer_loop = loop %}{% for j in [3] %}{{ outer_loop.index }}{% endfor %}{% endfor %}", "12"],
    ["{% for i in [1, 2, 3] %}{% if i == 2 %}{% break %}{% endif %}{{ i }}{% endfor %}|{% for i in [1, 2, 3] %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% endfor %}", "1|13"],
    ["{% set l = [1] %}{% for x in l %}{% if x < 3 %}{% do l.append(x + 1) %}{% endif %}{{ x }}{% endfor %}", "123"],
    ["{% set seen = [] %}{% for x in [1, 2, 1, 3] if x not in seen %}{% do seen.append(x) %}{{ x }}{% endfor %}", "123"],
    ["{% for x in undefined_name %}a{% else %}b{% endfor %}", "b"],
    ["{% for x in range(10, 0, -3) %}{{ x }},{% endfor %}|{{ range(3) }}|{{ range(5)[1:3] }}", "10,7,4,1,|range(0, 3)|range(1, 3)"],
    // whitespace control, comments, raw
    ["a\n  {%- if true -%}\n  b\n  {%- endif -%}\n  c", "abc"],
    ["{%- for i in [1, 2] -%}\n  {{ i }}\n{%- endfor %}\nend", "12\nend"],
    ["  {% if true %}\n  x\n  {% endif %}\n", "  \n  x\n  "],
    ["a {# comment #} b {#- trimmed -#} c|{{ 'a' }}{#\nmulti\nline\n#}{{ 'b' }}", "a  bc|ab"],
    ["{{- ' x ' -}}\n{{ 'y' }}", " x y"],
    ["{% raw %}{{ not rendered }}{% endraw %}|a\n{%- raw -%}\n  {{ raw }}  \n{%- endraw -%}\nb", "{{ not rendered }}|a{{ raw }}b"],
    ["select {{ {'a': {'b': 1}}}}", "select {'a': {'b': 1}}"],
    // filter blocks and call blocks
    ["{% filter upper %}hello {{ 'x' }}{% endfilter %}|{% filter replace('a', 'b') | upper %}aaa{% endfilter %}", "HELLO X|BBB"],
    // tests
    ["{{ 1 is number }}{{ 1.5 is float }}{{ 1 is integer }}{{ true is integer }}{{ true is number }}{{ 'a' is string }}{{ {} is mapping }}{{ [] is sequence }}{{ 'a' is sequence }}{{ [] is iterable }}{{ none is iterable }}", "TrueTrueTrueFalseTrueTrueTrueTrueTrueTrueFalse"],
    ["{{ 6 is divisibleby 3 }}{{ 6 is divisibleby(4) }}{{ 2 is in [1, 2] }}{{ 'a' is lower }}{{ 'A' is upper }}{{ 1 is eq 1 }}{{ 1 is ne 1 }}{{ 1 is lt 2 }}{{ 3 is gt 2 }}{{ 1 is odd }}{{ 2 is even }}{{ true is boolean }}{{ none is boolean }}", "TrueFalseTrueTrueTrueTrueFalseTrueTrueTrueTrueTrueFalse"],
    ["{{ none is none }}{{ 1 is not none }}{{ undefined_name is none }}{{ range is callable }}{{ 'x' is sameas 'x' }}{{ none is sameas none }}{{ 'upper' is filter }}{{ 'odd' is test }}{{ ('a' | e) is escaped }}{{ 1 is ge 1 }}{{ 1 is le 0 }}{{ 'a' is equalto 'a' }}", "TrueTrueFalseTrueTrueTrueTrueTrueTrueTrueFalseTrue"],
    ["{% if x is defined and x > 1 %}big{% else %}small{% endif %}|{{ 'x' if undefined_name is not defined }}", "small|x"],
  ];

  it.each(cases)('%s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('refuses what Jinja refuses', () => {
    expect(renderError('{% set x = 5 %}{% set x.a = 1 %}').message).toMatch(/cannot assign attribute on non-namespace object/);
    expect(renderError('{% for a, b in [(1, 2, 3)] %}{% endfor %}').message).toBe('ValueError: too many values to unpack (expected 2)');
    expect(renderError('{% for x in none %}{% endfor %}').message).toBe("TypeError: 'NoneType' object is not iterable");
    expect(renderError('{% for x in 5 %}{% endfor %}').message).toBe("TypeError: 'int' object is not iterable");
    expect(renderError('{{ range(1, 2, 0) }}').message).toBe('ValueError: range() arg 3 must not be zero');
    expect(renderError('{{ range(100001) }}').message).toMatch(/Range too big/);
    expect(renderError('{% break %}').message).toBe("'{% break %}' outside a for loop");
    expect(renderError('{% for loop in [1] %}{% endfor %}').message).toMatch(/special 'loop' variable/);
    expect(renderError('{% set x = 5 %}{{ x[1:] }}').message).toBe("TypeError: 'int' object is not subscriptable");
    expect(renderError('{{ range(2) + range(2) }}').message).toBe("TypeError: unsupported operand type(s) for +: 'range' and 'range'");
    expect(renderError("{{ [1] in {'a': 1} }}").message).toBe("TypeError: unhashable type: 'list'");
  });

  it('renders through the environment and the nunjucks Template too, with the same semantics', () => {
    expect(env.renderString('{{ x }}|{{ [1, none] }}|{% if [] %}a{% else %}b{% endif %}', { x: true })).toBe('True|[1, None]|b');
    expect(compileTemplate(env, '{% set y = 2 %}{{ x ~ y }}', 'models/n.sql').render({ x: null })).toBe('None2');
  });

  it('reads context values at every lookup (getters)', () => {
    let calls = 0;
    const context = {
      get counter() {
        calls += 1;
        return calls;
      },
    };
    expect(render('{{ counter }},{{ counter }}', context)).toBe('1,2');
  });

  it('lets a top-level set shadow a context value without changing the context object', () => {
    const context = { target: { name: 'dev' } };
    expect(render("{{ target.name }}{% set target = {'name': 'prod'} %}{{ target.name }}", context)).toBe('devprod');
    expect(context.target.name).toBe('dev');
  });
});
