/**
 * dbt's parse-time Undefined (`renderTemplate(…, { lenientUndefined: true })`): attributes, items and
 * calls of an undefined value are Undefined again, so a model that reads what only exists at run time
 * parses, as it does in dbt. Everything else keeps Jinja's default Undefined: it prints as '', is
 * falsy and not defined, iterates as nothing, and fails in arithmetic and ordering comparisons.
 * Expected outputs were checked against Jinja2 3.1 with an Undefined that behaves as dbt-common's.
 */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { compileTemplate, getExportedMacros, renderTemplate } from '../../src/templating/template.js';
import { env } from './render-helpers.js';

const file = 'models/m.sql';

function context(extra: object = {}): Record<string, unknown> {
  return { x: 1, none_value: null, obj: { a: { b: 2 } }, items: [1, 2], ...extra };
}

function parseRender(source: string, ctx: object = context()): string {
  return renderTemplate(compileTemplate(env, source, file), ctx, file, { lenientUndefined: true });
}

function strictRender(source: string, ctx: object = context()): string {
  return renderTemplate(compileTemplate(env, source, file), ctx, file);
}

function errorOf(work: () => unknown): SluiceError {
  try {
    work();
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('lenient (parse-time) Undefined', () => {
  const chains: string[] = [
    '{{ u.a }}',
    '{{ u.a.b }}',
    "{{ u['a'] }}",
    '{{ u[0] }}',
    '{{ u() }}',
    '{{ u(1, k=2).x }}',
    '{{ u.columns[0].values() }}',
    '{{ u[1:2] }}',
    '{{ u.a[1:] }}',
    '{{ obj.a.missing.x }}',
    '{{ obj.missing.x.y() }}',
    '{{ obj.a.missing() }}',
    '{{ obj.a.b.c.d }}',
    '{{ none_value.a.b }}',
    '{{ x.a.b }}',
    '{{ u.upper() }}{{ u.items() }}',
    '{{ u(*items) }}{{ u.f(*items) }}',
    "{{ u | attr('x') }}{{ '{0.x}'.format(u) }}",
    '{% set ns = namespace(v=u.a) %}{{ ns.v.b }}',
  ];

  it.each(chains)('renders %s as Undefined where the strict render fails', (expr) => {
    expect(parseRender(`[${expr}]`)).toBe('[]');
    expect(errorOf(() => strictRender(`[${expr}]`)).message).toMatch(/^UndefinedError: '.*' is undefined$/);
  });

  it("keeps Jinja's Undefined for printing, tests, iteration and equality", () => {
    expect(parseRender('{{ u.a is defined }}|{{ u.a is undefined }}|{{ u.a is none }}')).toBe('False|True|False');
    expect(parseRender("{% for i in u.a %}{{ i }}{% else %}empty{% endfor %}|{{ u.a | length }}|{{ u.a | default('d') }}|{{ u.a ~ 'z' }}")).toBe('empty|0|d|z');
    expect(parseRender('{% if u.a %}t{% else %}f{% endif %}|{{ not u.a }}|{{ u.a and 1 }}|{{ u.a or 2 }}')).toBe('f|True||2');
    expect(parseRender("{{ u.a == u.b }}|{{ u.a == 1 }}|{{ u.a != 1 }}|{{ 'a' in u.a }}|{{ u.a in [1] }}")).toBe('True|False|True|False|False');
    expect(parseRender("{{ u.a | list }}|{{ u.a | join(',') }}|{{ [u] | map(attribute='x') | list }}")).toBe('[]||[Undefined]');
  });

  it('still fails where Jinja\'s default Undefined fails: arithmetic, ordering, unpacking', () => {
    for (const expr of ['u.a + 1', '1 + u.a', 'u.a - 1', 'u.a * 2', 'u.a ** 2', 'u.a % 2', '-u.a', 'u.a < 1']) {
      expect(errorOf(() => parseRender(`{{ ${expr} }}`)).message).toMatch(/^UndefinedError: /);
    }
    expect(errorOf(() => parseRender('{% set a, b = u.pair %}')).message).toBe('ValueError: not enough values to unpack (expected 2, got 0)');
    // Only Undefined is lenient: None and numbers are still not callable.
    expect(errorOf(() => parseRender('{{ none_value() }}')).message).toBe("TypeError: 'NoneType' object is not callable");
    expect(errorOf(() => parseRender('{{ x() }}')).message).toBe("TypeError: 'int' object is not callable");
  });

  it('still runs the arguments and keys of what gives Undefined, so refs in them are recorded', () => {
    const refs: string[] = [];
    const ref = (name: string): string => {
      refs.push(name);
      return name;
    };
    expect(parseRender("[{{ u.a(ref('m')) }}|{{ u[ref('k')] }}|{{ u.b.c(ref('n')).d }}|{{ missing_fn(ref('o')) }}|{{ u[ref('s'):] }}]", context({ ref }))).toBe('[||||]');
    expect(refs).toEqual(['m', 'k', 'n', 'o', 's']);
  });

  it("keeps return() working in the macros a parse render calls, with Undefined's values", () => {
    const macroSource = [
      '{% macro first_value(result) %}{{ return(result.columns[0].values()) }}{% endmacro %}',
      "{% macro first_row(result) %}{% for row in result.rows %}{{ return(row) }}{% endfor %}{{ return('no rows') }}{% endmacro %}",
      '{% macro columns_of(relation) %}{% if relation.columns.x %}{{ return(1) }}{% endif %}{{ return(first_value(relation)) }}{% endmacro %}',
    ].join('\n');
    const ctx = context();
    Object.assign(ctx, getExportedMacros(compileTemplate(env, macroSource, 'macros/m.sql'), ctx));
    const model = [
      '[{{ first_value(results) }}|{{ first_value(results) is defined }}|{% set v = first_value(results) %}{{ v.more[0] }}]',
      '[{{ first_row(results) }}|{{ first_row({"rows": [7]}) }}]',
      '[{{ columns_of(results).table }}]',
      // Through a package namespace, as `dbt_utils.get_column_values(…)` is called.
      '[{{ pkg.first_row(results) }}|{{ pkg.missing_macro(results).x }}]',
      'after',
    ].join('\n');
    ctx.pkg = { first_row: ctx.first_row };
    expect(parseRender(model, ctx)).toBe('[|False|]\n[no rows|7]\n[]\n[no rows|]\nafter');
    // The same model fails when rendered strictly: the leniency is the render's.
    expect(errorOf(() => strictRender(model, ctx)).message).toBe("UndefinedError: 'result' is undefined");
  });

  it('belongs to one render: strict renders before, after and inside it stay strict', () => {
    const strictTemplate = compileTemplate(env, '{{ u.a }}', 'models/strict.sql');
    const renderStrictly = (): string => renderTemplate(strictTemplate, {}, 'models/strict.sql');
    expect(() => renderStrictly()).toThrow("UndefinedError: 'u' is undefined");
    // A template rendered (strictly) by a function the lenient render calls.
    const nested = errorOf(() => parseRender('{{ u.a }}{{ render_other() }}', context({ render_other: renderStrictly })));
    expect(nested.message).toBe("UndefinedError: 'u' is undefined");
    expect(nested.file).toBe('models/strict.sql');
    // A lenient render that fails leaves the next render strict.
    expect(() => parseRender('{{ u.a + 1 }}')).toThrow(SluiceError);
    expect(() => renderStrictly()).toThrow("UndefinedError: 'u' is undefined");
    expect(parseRender('[{{ u.a }}]')).toBe('[]');
  });
});
