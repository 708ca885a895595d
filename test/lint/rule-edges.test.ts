/**
 * SQL rules at their edges: wildcards through subqueries, CTEs, recursive CTEs, table functions and
 * LATERAL VIEW (AM04), several statements, unused CTEs among used ones (ST03).
 */
import { describe, expect, it } from '@jest/globals';
import type { SqlRule, Violation } from '../../src/lint/rule.js';
import { selectStar } from '../../src/lint/rules/select-star.js';
import { unusedCte } from '../../src/lint/rules/unused-cte.js';
import { SqlFile } from '../../src/lint/sql-file.js';

/** A model file in the analytics layer whose rendered SQL is its source (no Jinja). */
function check(rule: SqlRule, sql: string): Violation[] {
  const file = new SqlFile({ path: 'models/x.sql', source: sql, rendered: sql, map: [0, 0, 0, 0], dialect: 'duckdb', model: { name: 'x', resourceType: 'model', materialized: 'view', layer: 'analytics' } });
  return rule.check(file);
}

const passesThrough = (written: string, relation: string) => `select ${written} in the model's final select passes through every column of ${relation}: list the columns this model returns`;

describe('AM04 select-star, where the columns come from', () => {
  it('names a qualifier that matches no relation of the select', () => {
    expect(check(selectStar, 'select x.* from (select 1 as id) as y')).toEqual([{ line: 1, column: 10, message: passesThrough('x.*', "'x'") }]);
  });

  it('follows a wildcard into a subquery and a CTE to the relation outside the file', () => {
    expect(check(selectStar, 'select * from (select * from "main"."orders") as o')).toEqual([{ line: 1, column: 8, message: passesThrough('*', '"main"."orders"') }]);
    expect(check(selectStar, 'with a as (select * from "main"."orders") select * from a')).toEqual([{ line: 1, column: 50, message: passesThrough('*', '"main"."orders"') }]);
  });

  it('leaves a recursive CTE with known columns alone', () => {
    expect(check(selectStar, 'with recursive r as (select 1 as n union all select n + 1 from r where n < 3) select * from r')).toEqual([]);
  });

  it('names a table function, and the table of a LATERAL VIEW', () => {
    expect(check(selectStar, 'select * from range(10) as t')).toEqual([{ line: 1, column: 8, message: passesThrough('*', 'range') }]);
    expect(check(selectStar, 'select * from "main"."orders" lateral view explode(items) as item')).toEqual([{ line: 1, column: 8, message: passesThrough('*', '"main"."orders"') }]);
  });

  it('checks the last of several statements', () => {
    expect(check(selectStar, 'select 1 as a; select * from "main"."orders"')).toEqual([{ line: 1, column: 23, message: passesThrough('*', '"main"."orders"') }]);
  });
});

describe('ST03 unused-cte', () => {
  it('flags only the CTE nothing reads, at its name', () => {
    expect(check(unusedCte, 'with a as (select 1 as id), b as (select 2 as id) select * from a')).toEqual([{ line: 1, column: 29, message: "CTE 'b' is defined but never used: remove it or read from it" }]);
    expect(check(unusedCte, 'with a as (select 1 as id) select 1 as x')).toEqual([{ line: 1, column: 6, message: "CTE 'a' is defined but never used: remove it or read from it" }]);
  });
});
