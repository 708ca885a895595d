/** SL05's scan of a model's source: what it takes for a hard-coded relation, past Jinja, strings and CTE names. */
import { describe, expect, it } from '@jest/globals';
import { hardCodedRelations } from '../../src/lint/rules/hard-coded-relation.js';

const names = (sql: string) => hardCodedRelations(sql).map((relation) => relation.name);

describe('hardCodedRelations', () => {
  it('skips Jinja statements and comments, also with their closing marks inside strings', () => {
    expect(names('{% set q = "select * from raw.a %}" %}select * from raw.b')).toEqual(['raw.b']);
    expect(names("{{ 'it\\'s }}' }} as x from raw.c")).toEqual(['raw.c']);
    expect(names('{# from raw.d %} }} #}select 1 from raw.e')).toEqual(['raw.e']);
    expect(names("{% if x == '}' %}select 1 from raw.f{% endif %}")).toEqual(['raw.f']);
  });

  it('reads past braces that open no Jinja', () => {
    expect(names("select {'a': 1} as m from raw.t")).toEqual(['raw.t']);
    expect(names('select 1 from raw.u {')).toEqual(['raw.u']);
  });

  it('keeps the lines of a multi-line Jinja tag, so findings point at the line written', () => {
    const sql = "{% set cols = [\n  'a',\n  'b'\n] %}\nselect 1\nfrom raw.orders";
    const [found] = hardCodedRelations(sql);
    expect(found.name).toBe('raw.orders');
    expect(sql.slice(0, found.start).split('\n')).toHaveLength(6);
  });

  it('knows the CTEs of the file in any case and quoting, also MATERIALIZED and NOT MATERIALIZED ones', () => {
    expect(names('with Orders as (select 1 as id) select * from orders')).toEqual([]);
    expect(names('with "orders" as (select 1 as id) select * from orders')).toEqual([]);
    expect(names('with `orders` as (select 1 as id) select * from `orders`')).toEqual([]);
    expect(names('with o as not materialized (select 1 as id), p as materialized (select 2 as id) select * from o join p using (id)')).toEqual([]);
    expect(names('with o (id) as (select 1) select * from o join raw.x using (id)')).toEqual(['raw.x']);
  });
});
