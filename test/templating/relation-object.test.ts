/** dbt's Relation as templates use it: a mapping with metadata, compared by value, usable as a dict key. */
import { describe, expect, it } from '@jest/globals';
import { RelationObject } from '../../src/templating/relation-object.js';
import { dialectFor } from '../../src/warehouse/dialects.js';
import { render, renderError } from './render-helpers.js';

const duckdb = dialectFor('duckdb');
const orders = () => new RelationObject({ database: 'db', schema: 'main', identifier: 'orders' }, duckdb);

describe('a relation in a template', () => {
  it("is a mapping whose metadata names a Relation class, as dbt_utils' _is_relation checks", () => {
    const check = "{{ rel is mapping }} {{ rel.get('metadata', {}).get('type', '').endswith('Relation') }} {{ rel.get('identifier') }} {{ rel.get('nope', 'x') }}";
    expect(render(check, { rel: orders() })).toBe('True True orders x');
    expect(render('{{ rel is mapping }}', { rel: 'main.orders' })).toBe('False');
  });

  it('equals another relation of the same name, and not a string', () => {
    expect(render('{{ a == b }} {{ a == "main.orders" }}', { a: orders(), b: orders() })).toBe('True False');
  });

  it('is a dict key: update, lookup, membership', () => {
    const template = '{% set d = {} %}{% do d.update({rel: []}) %}{% do d[rel].append(1) %}{{ d[other] }} {{ other in d }} {{ "main.orders" in d }}';
    expect(render(template, { rel: orders(), other: orders() })).toBe('[1] True False');
  });

  it("refuses to list such a dict's keys rather than give back text instead of relations", () => {
    const error = renderError('{% set d = {rel: 1} %}{% for k in d %}{{ k.identifier }}{% endfor %}', { rel: orders() });
    expect(error.message).toContain('cannot list the keys of a dict whose keys are relations');
  });

  it('offers the path, include and without_identifier as dbt does', () => {
    expect(render('{{ rel.without_identifier() }}|{{ rel.include(database=false) }}|{{ rel.path.schema }}', { rel: orders() })).toBe('"db"."main"|"main"."orders"|main');
  });
});
