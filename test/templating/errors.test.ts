/**
 * Errors name the file, the line (and column for syntax) and what went wrong; errors thrown on
 * purpose by context functions pass through unchanged, with the template line added.
 */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { compileTemplate, renderTemplate, toSluiceError } from '../../src/templating/template.js';
import { env, render, renderError } from './render-helpers.js';

function compileError(source: string): SluiceError {
  try {
    compileTemplate(env, source, 'models/bad.sql');
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('expected a compile error');
}

describe('syntax errors, found when the template is compiled', () => {
  it('points at an unclosed block tag', () => {
    const error = compileError('select 1\n{% if x %}\nfrom t');
    expect(error.message).toBe("unclosed '{% if %}': expected '{% endif %}' before the end of the template");
    expect([error.file, error.line]).toEqual(['models/bad.sql', 2]);
  });

  it('names an unknown block tag', () => {
    const error = compileError('select 1\n\n  {% foo bar %}');
    expect(error.message).toBe("unknown block tag 'foo'");
    expect([error.line, error.column]).toEqual([3, 6]);
    expect(error.hint).toMatch(/Jinja tags: if, for, set/);
  });

  it('says which block a stray end tag does not close', () => {
    const error = compileError('{% for x in y %}\n{% endif %}');
    expect(error.message).toBe("unexpected '{% endif %}'");
    expect(error.line).toBe(2);
    expect(error.hint).toBe("the innermost open block is '{% for %}' from line 1, closed by '{% endfor %}'");
  });

  it('points at a broken expression', () => {
    const error = compileError('\n\n  {{ 1 + }}');
    expect(error.message).toBe("unexpected '}}'");
    expect([error.line, error.column]).toEqual([3, 10]);
  });

  it('finds unknown filters and tests at load, with a suggestion', () => {
    const error = compileError('select\n{{ cols | lenght }}');
    expect(error.message).toBe("no filter named 'lenght'");
    expect(error.line).toBe(2);
    expect(error.hint).toBe("did you mean 'length'?");
    expect(compileError('{{ x is nonexistent }}').message).toBe("no test named 'nonexistent'");
  });

  it('defers unknown filters inside an if to the render, like Jinja', () => {
    expect(render("{% if false %}{{ 'x' | nonexistent }}{% endif %}ok")).toBe('ok');
    expect(renderError("{% if true %}{{ 'x' | nonexistent }}{% endif %}").message).toBe("TemplateRuntimeError: No filter named 'nonexistent'.");
  });

  it('names constructs Sluice does not support', () => {
    expect(compileError('{% include "other.sql" %}').message).toBe("'{% include %}' is not supported");
    expect(compileError("{% extends 'base' %}").message).toBe("'{% extends %}' is not supported");
    expect(compileError('{% for x in xs recursive %}{% endfor %}').message).toMatch(/recursive for loops/);
    expect(compileError('{{ a === b }}').message).toBe("'===' is not a Jinja operator");
  });
});

describe('errors while rendering', () => {
  it('carry the file and line of the expression that failed', () => {
    const error = renderError('select\n  {{ amount / 0 }}', { amount: 1 }, 'models/m.sql');
    expect(error.message).toBe('ZeroDivisionError: division by zero');
    expect([error.file, error.line]).toEqual(['models/m.sql', 2]);
  });

  it('name a call of an undefined name with the close names: context members, macros and local variables', () => {
    const toCents = () => 'x';
    const error = renderError('{% set amount_col = 1 %}\nselect {{ to_cent(amount_cols) }}', { to_cents: toCents }, 'models/m.sql');
    expect([error.message, error.line, error.hint]).toEqual(["UndefinedError: 'to_cent' is undefined", 2, "did you mean 'to_cents'?"]);
    const local = renderError('{% macro m(col_name) %}{{ col_nme() }}{% endmacro %}{{ m(1) }}');
    expect(local.hint).toMatch(/^did you mean 'col_name'\?/);
    expect(renderError('{{ nothing_like_it() }}').hint).toBe('no macro, variable or function has that name: check the spelling, or the package that defines it');
  });

  it('name what a for loop over None iterated: a var() that is not set, or the expression', () => {
    const varError = renderError("select\n{% for c in var('extra_columns') %}{{ c }}{% endfor %}", { var: () => null }, 'models/m.sql');
    expect([varError.message, varError.line]).toEqual(["TypeError: 'NoneType' object is not iterable: var('extra_columns') is None, the variable is not set", 2]);
    expect(varError.hint).toContain("var('extra_columns', [])");
    expect(renderError('{% for c in settings.columns %}{% endfor %}', { settings: { columns: null } }).message).toBe(
      "TypeError: 'NoneType' object is not iterable: the for loop iterates settings.columns, which is None",
    );
  });

  it('pass a SluiceError thrown by a context function through, adding the line', () => {
    const thrown = new SluiceError("unknown ref 'ordres'", { hint: "did you mean 'orders'?" });
    const context = {
      ref: () => {
        throw thrown;
      },
    };
    const error = renderError("select *\nfrom {{ ref('ordres') }}", context, 'models/m.sql');
    expect(error).toBe(thrown);
    expect([error.file, error.line, error.hint]).toEqual(['models/m.sql', 2, "did you mean 'orders'?"]);
  });

  it('keep the place a context function gave its SluiceError', () => {
    const thrown = new SluiceError('bad var', { file: 'dbt_project.yml', line: 7 });
    const error = renderError('{{ var("x") }}', { var: () => { throw thrown; } });
    expect([error.file, error.line]).toEqual(['dbt_project.yml', 7]);
  });

  it('turn other errors from context functions into SluiceErrors with the line, keeping the cause', () => {
    const bug = new TypeError('x is not a function');
    const error = renderError('\n{{ broken() }}', { broken: () => { throw bug; } });
    expect(error.message).toBe('x is not a function');
    expect(error.line).toBe(2);
    expect(error.cause).toBe(bug);
  });

  it('strip the path and position nunjucks puts in its messages', () => {
    const error = toSluiceError(new Error('(unknown path) [Line 3, Column 5]\n  filter not found: x'), 'models/m.sql');
    expect(error.message).toBe('filter not found: x');
    expect([error.file, error.line, error.column]).toEqual(['models/m.sql', 3, 5]);
  });

  it('refuse templates that compileTemplate did not make', () => {
    const template = compileTemplate(env, 'x', 'a.sql');
    expect(renderTemplate(template, {})).toBe('x');
    expect(() => renderTemplate(new (template.constructor as new (src: string) => typeof template)('y'), {})).toThrow(/compileTemplate/);
  });
});
