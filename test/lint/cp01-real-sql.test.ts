/**
 * CP01 on SQL as real models write it: words in comments (nested ones, one right after a `*`, after a
 * DuckDB string ending in a backslash) are not keywords; named arguments, functions called like keywords
 * and columns named like keywords are names, not keywords — while the keywords around them are still
 * judged.
 */
import { describe, expect, it } from '@jest/globals';
import type { Violation } from '../../src/lint/rule.js';
import { keywordCase } from '../../src/lint/rules/keyword-case.js';
import { SqlFile } from '../../src/lint/sql-file.js';

function check(sql: string, dialect = 'duckdb'): Violation[] {
  const file = new SqlFile({ path: 'models/x.sql', source: sql, rendered: sql, map: [0, 0, 0, 0], dialect, model: { name: 'x', resourceType: 'model', materialized: 'view', layer: 'analytics' } });
  return keywordCase.check(file);
}

const flagged = (violations: Violation[]) => violations.map(({ line, column, message }) => `${line}:${column} ${message.split(' should')[0]}`);

describe('CP01 on comments', () => {
  it('does not take a word in a nested block comment for the first keyword', () => {
    const sql = [
      '/* Revenue per day.',
      '   /* the old version: SELECT DISTINCT day FROM payments */',
      '   SELECT DISTINCT was replaced by the grouping below. */',
      'select day, sum(amount) as revenue',
      'from payments',
      'group by day',
    ].join('\n');
    expect(check(sql)).toEqual([]);
    expect(check(sql, 'databricks')).toEqual([]);
  });

  it('reads a block comment right after a star as a comment', () => {
    expect(check('SELECT */* all AND every column */ FROM payments')).toEqual([]);
    expect(flagged(check('SELECT */* all columns */ from payments'))).toEqual(["1:27 keyword 'from'"]);
  });

  it("reads a DuckDB string that ends in a backslash as the string it is (no keyword in the next string's text)", () => {
    const sql = ["select replace(path, '\\', '/') as folder", 'from files', "where kind = 'Report AND Summary'"].join('\n');
    expect(check(sql)).toEqual([]);
    // Spark SQL escapes with a backslash: there the same text is one long string, and nothing is judged in it.
    expect(check("select 'it\\'s' as s FROM t", 'databricks').length).toBe(1);
    // DuckDB's E'…' escapes too.
    expect(check("select E'it\\'s' as s FROM t").length).toBe(1);
  });
});

describe('CP01 on names and functions that look like keywords', () => {
  it('leaves named arguments alone', () => {
    const sql = 'SELECT f.value\nFROM events AS e,\nLATERAL FLATTEN(input => e.payload, outer => true) AS f';
    expect(check(sql)).toEqual([]);
    expect(check("select * from read_csv('a.csv', header := true, all_varchar := false, sample_size := -1)")).toEqual([]);
  });

  it('leaves functions called like keywords alone (rlike, like, ilike, exists, left, right, replace), but judges the operator', () => {
    const sql = [
      'select LEFT(code, 2) as prefix, RIGHT(code, 2) as suffix, REPLACE(code, \'-\', \'\') as plain,',
      "    RLIKE(email, '^[a-z]+@') as valid, LIKE(name, 'A%') as a_name, ILIKE(name, 'b%') as b_name,",
      "    EXISTS(tags, t -> t = 'vip') as vip",
      'from customers',
      "where name LIKE ('%' || suffix) and exists (select 1 from orders)",
    ].join('\n');
    expect(flagged(check(sql))).toEqual(["5:12 keyword 'LIKE'"]);
    expect(flagged(check('SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u) and a IN (1, 2)'))).toEqual(["1:48 keyword 'and'"]);
  });

  it('leaves columns, aliases and relations named like keywords alone: after a dot, before one, after AS, quoted, alone in a list', () => {
    const sql = [
      'WITH grouping AS (SELECT * FROM plans)',
      'SELECT plan_id, limit, left, right, date, plan.limit AS plan_limit, usage AS limit, "limit" AS quoted,',
      '    limit.offset, cast(limit AS int) AS n',
      'FROM grouping AS limit',
      'WHERE limit > 0 AND offset <> 1',
    ].join('\n');
    expect(check(sql)).toEqual([]);
  });

  it('still judges the keywords: LIMIT with a number, ORDER BY … DESC, a join', () => {
    const sql = 'SELECT a.id\nFROM a left join b ON a.id = b.id\nORDER BY a.id desc\nlimit 10';
    expect(flagged(check(sql))).toEqual(["2:8 keyword 'left'", "2:13 keyword 'join'", "3:15 keyword 'desc'", "4:1 keyword 'limit'"]);
  });
});
