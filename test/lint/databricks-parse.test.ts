/**
 * Databricks (and DuckDB) SQL that real models write has a parsed tree, so the tree rules run on it:
 * `* EXCEPT (…)`, QUALIFY, LATERAL VIEW, JSON paths, lambdas, `::` casts, GROUP BY ALL and the rest are
 * prepared for node-sql-parser's grammar in place — every offset kept, so findings keep their line and
 * column — and the token rules read `* EXCEPT` as a star, not a set operation.
 */
import { describe, expect, it } from '@jest/globals';
import type { SqlRule, Violation } from '../../src/lint/rule.js';
import { qualifiedColumns } from '../../src/lint/rules/qualified-columns.js';
import { queryShape } from '../../src/lint/rules/query-shape.js';
import { selectStar } from '../../src/lint/rules/select-star.js';
import { outputColumns } from '../../src/lint/output-columns.js';
import { SqlFile } from '../../src/lint/sql-file.js';
import { parseableSql } from '../../src/sql/sql-parser.js';

function sqlFile(sql: string, dialect = 'databricks'): SqlFile {
  return new SqlFile({ path: 'models/x.sql', source: sql, rendered: sql, map: [0, 0, 0, 0], dialect, model: { name: 'x', resourceType: 'model', materialized: 'table', layer: 'analytics' } });
}

/** The tree must be there; then the rule runs as lint runs it. */
function check(rule: SqlRule, sql: string, dialect = 'databricks'): Violation[] {
  const file = sqlFile(sql, dialect);
  expect(file.parseError).toBeUndefined();
  expect(file.ast).not.toBeNull();
  if (rule.applies && !rule.applies(file)) return [];
  return rule.check(file);
}

const places = (violations: Violation[]) => violations.map(({ line, column }) => [line, column]);

describe("Databricks' star clause: select * except (…)", () => {
  const sql = ['with customers as (', '    select * from `main`.`crm`.`customers`', ')', 'select * except (ssn, birth_date)', 'from customers'].join('\n');

  it('is a star with columns left out, not a set operation', () => {
    const shape = queryShape(sqlFile(sql));
    expect(shape.selects).toHaveLength(2);
    expect(shape.selects[1].setOperation).toBe(false);
    expect(shape.selects[1].sources.map((source) => source.name.join('.'))).toEqual(['customers']);
    expect(places(selectStar.check(sqlFile(sql)))).toEqual([[4, 8]]);
  });

  it('parses, and a join that reads it still has its bare columns flagged', () => {
    const joined = [
      'with c as (select id, name, ssn from `main`.`crm`.`customers`)',
      'select c.* except (ssn), total',
      'from c join `main`.`shop`.`orders` o on c.id = o.customer_id',
    ].join('\n');
    expect(places(check(qualifiedColumns, joined))).toEqual([[2, 26]]);
    expect(check(qualifiedColumns, sql)).toEqual([]);
  });
});

describe('Databricks SQL the grammar lacked', () => {
  it('QUALIFY', () => {
    const sql = [
      'select o.order_id, status',
      'from `main`.`shop`.`orders` o',
      'join `main`.`shop`.`order_events` e on o.order_id = e.order_id',
      'qualify row_number() over (partition by o.order_id order by e.event_at desc) = 1',
    ].join('\n');
    expect(places(check(qualifiedColumns, sql))).toEqual([[1, 20]]);
  });

  it('LATERAL VIEW explode(…): the exploded relation is one more relation the select reads', () => {
    const sql = ['select b.basket_id, item', 'from `main`.`shop`.`baskets` b', 'lateral view outer explode(b.items) i as item', 'where b.closed'].join('\n');
    expect(places(check(qualifiedColumns, sql))).toEqual([[1, 21]]);
  });

  it("JSON paths (raw:a.b, raw:['x'][0], raw:a::string): the column is read, its path is not a column", () => {
    const sql = [
      'select e.event_id,',
      "    payload:customer.id::string as customer_id,",
      "    e.payload:['line items'][0].sku as first_sku",
      'from `main`.`web`.`events` e',
      'join `main`.`web`.`sessions` s on e.session_id = s.session_id',
    ].join('\n');
    expect(check(qualifiedColumns, sql).map((violation) => [violation.line, violation.column, violation.message.split(' is ')[0]])).toEqual([[2, 5, "column 'payload'"]]);
    expect(outputColumns(sqlFile(sql))).toEqual(['event_id', 'customer_id', 'first_sku']);
  });

  it('lambdas: their parameters are not columns', () => {
    const sql = [
      'select o.order_id,',
      '    transform(o.lines, l -> l.qty * l.price) as amounts,',
      '    aggregate(o.lines, 0, (acc, l) -> acc + l.qty) as quantity,',
      '    filter(o.tags, t -> t <> c.segment) as tags',
      'from `main`.`shop`.`orders` o join `main`.`crm`.`customers` c on o.customer_id = c.id',
    ].join('\n');
    expect(check(qualifiedColumns, sql)).toEqual([]);
  });

  it('and the rest a dbt model on Databricks writes: casts, GROUP BY ALL, ILIKE, "strings", anti joins, <=>, typed casts, EXCEPT', () => {
    const sql = [
      'with orders as (',
      '    select order_id, cast(tags as array<string>) as tags, amount::decimal(18, 2) as amount',
      '    from `main`.`shop`.`orders`',
      '    where channel ilike "web%" and coupon <=> null',
      '),',
      'returned as (',
      '    select o.order_id from orders o left anti join `main`.`shop`.`returns` r on o.order_id = r.order_id',
      '    distribute by o.order_id sort by o.order_id',
      '),',
      'totals as (',
      '    select order_id, percentile_cont(0.5) within group (order by amount) as median, sum(amount) as total',
      '    from orders group by all',
      ')',
      'select order_id, total from totals',
      'except',
      'select order_id, 0 as total from returned',
    ].join('\n');
    expect(sqlFile(sql).ast).not.toBeNull();
    expect(check(qualifiedColumns, sql)).toEqual([]);
  });
});

describe('DuckDB SQL the grammar lacked', () => {
  it('GROUP BY ALL, * EXCLUDE, ^, //, slices and lambdas', () => {
    const sql = [
      'select * exclude (raw), elo ^ 2 as elo_squared, games // 2 as half, name[1:3] as initials,',
      '    list_transform(scores, s -> s * 2) as doubled',
      'from "main"."teams"',
      'group by all',
    ].join('\n');
    expect(sqlFile(sql, 'duckdb').ast).not.toBeNull();
    const joined = 'select t.team, count(*) as games, elo ^ 2 as e\nfrom "main"."teams" t join "main"."games" g on g.team = t.team\ngroup by all';
    expect(places(check(qualifiedColumns, joined, 'duckdb'))).toEqual([[1, 35]]);
  });
});

describe('parseableSql', () => {
  it('keeps every offset and every line break, so findings and parse errors keep their place', () => {
    const sql = [
      "select payload:a.b, x -> x + 1, * except (c)",
      'from t lateral view',
      '  explode(xs) e as x',
      "qualify row_number() over (partition by \"k\" order by 1) = 1",
    ].join('\n');
    const prepared = parseableSql(sql, 'databricks');
    expect(prepared).toHaveLength(sql.length);
    expect([...prepared].map((char, i) => (char === '\n' ? i : -1)).filter((i) => i >= 0)).toEqual([...sql].map((char, i) => (char === '\n' ? i : -1)).filter((i) => i >= 0));
    const broken = sqlFile('select a:b, c\nfrom t\nwhere a ==== 1');
    expect(broken.ast).toBeNull();
    expect(broken.parseError).toMatch(/at line 3, column \d+ of the compiled SQL/);
  });
});
