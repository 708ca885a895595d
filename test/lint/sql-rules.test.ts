/**
 * The SQL rules, one by one: what each must find (at the line and column the author wrote, with its
 * message), the near misses it must leave alone, and its fixes applied to the file — after which the
 * rule finds nothing. Then the same rules through a real Jinja render, where rendered and source lines
 * differ.
 */
import { describe, expect, it } from '@jest/globals';
import { lintProject } from '../../src/lint/lint-project.js';
import type { Edit, SqlRule, Violation } from '../../src/lint/rule.js';
import { columnOrder } from '../../src/lint/rules/column-order.js';
import { distinctWithGroupBy } from '../../src/lint/rules/distinct-with-group-by.js';
import { jinjaSpacing } from '../../src/lint/rules/jinja-spacing.js';
import { keywordCase } from '../../src/lint/rules/keyword-case.js';
import { qualifiedColumns } from '../../src/lint/rules/qualified-columns.js';
import { selectStar } from '../../src/lint/rules/select-star.js';
import { SQL_RULES } from '../../src/lint/rules/sql-rules.js';
import { trailingComma } from '../../src/lint/rules/trailing-comma.js';
import { unusedCte } from '../../src/lint/rules/unused-cte.js';
import { SqlFile } from '../../src/lint/sql-file.js';
import { openSession } from '../../src/session.js';
import { makeProject } from '../support/project.js';

interface FileOptions {
  layer?: string | null;
  dialect?: string;
  resourceType?: string;
}

/** A file whose rendered SQL is its source (no Jinja). */
function sqlFile(sql: string, { layer = 'analytics', dialect = 'duckdb', resourceType = 'model' }: FileOptions = {}): SqlFile {
  return new SqlFile({ path: 'models/x.sql', source: sql, rendered: sql, map: [0, 0, 0, 0], dialect, model: { name: 'x', resourceType, materialized: 'view', layer } });
}

/** Runs a rule as the linter does: a tree rule only on SQL that parses. */
function check(rule: SqlRule, sql: string, options?: FileOptions): Violation[] {
  const file = sqlFile(sql, options);
  if (rule.needsAst && file.ast === null) return [];
  return rule.check(file);
}

function applyEdits(text: string, edits: Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** The file after every fix the rule offers; asserts that each finding had one. */
function fixed(rule: SqlRule, sql: string, options?: FileOptions): string {
  const violations = check(rule, sql, options);
  expect(violations.length).toBeGreaterThan(0);
  for (const violation of violations) expect(violation.fix?.length).toBeGreaterThan(0);
  return applyEdits(sql, violations.flatMap((violation) => violation.fix ?? []));
}

const places = (violations: Violation[]) => violations.map(({ line, column }) => [line, column]);

describe('the SQL rules', () => {
  it('are listed in code order, with unique codes and kebab-case names', () => {
    expect(SQL_RULES.map((rule) => rule.code)).toEqual(['AM01', 'AM04', 'CP01', 'CV03', 'JJ01', 'RF02', 'ST03', 'ST06']);
    expect(SQL_RULES.map((rule) => rule.name)).toEqual([
      'distinct-with-group-by',
      'select-star',
      'keyword-case',
      'trailing-comma',
      'jinja-spacing',
      'qualified-columns',
      'unused-cte',
      'column-order',
    ]);
    expect(SQL_RULES.filter((rule) => !rule.enabledByDefault).map((rule) => rule.code)).toEqual(['ST06']);
    expect(SQL_RULES.filter((rule) => rule.severity === 'error').map((rule) => rule.code)).toEqual(['CV03']);
    expect(SQL_RULES.filter((rule) => rule.needsAst).map((rule) => rule.code)).toEqual(['RF02']);
  });

  it('run on SQL node-sql-parser cannot parse (QUALIFY), except the tree rule', () => {
    const sql = 'with unused as (select 1 as x)\nselect *, id\nfrom "main"."orders"\nqualify row_number() over (partition by id order by ts desc) = 1';
    expect(sqlFile(sql).ast).toBeNull();
    expect(places(check(selectStar, sql))).toEqual([[2, 8]]);
    expect(places(check(unusedCte, sql))).toEqual([[1, 6]]);
    expect(check(qualifiedColumns, sql)).toEqual([]);
  });
});

describe('AM04 select-star', () => {
  it('flags a wildcard over an inline VALUES table (and does not trip over its column list)', () => {
    expect(places(check(selectStar, "select * from (values (1, 'a'), (2, 'b')) as t(id, name)"))).toEqual([[1, 8]]);
  });

  it("flags 'select *' in a model's final select", () => {
    const violations = check(selectStar, 'select *\nfrom "main"."orders"');
    expect(violations).toEqual([
      { line: 1, column: 8, message: `select * in the model's final select passes through every column of "main"."orders": list the columns this model returns` },
    ]);
  });

  it("follows a 't.*' through CTEs to the relation outside the file", () => {
    const sql = 'with orders as (\n    select * from "main"."orders"\n)\nselect o.*, 1 as one\nfrom orders as o';
    expect(check(selectStar, sql)).toEqual([
      { line: 4, column: 10, message: `select o.* in the model's final select passes through every column of "main"."orders": list the columns this model returns` },
    ]);
  });

  it('leaves count(*), multiplication and import CTEs narrowed by the final select alone', () => {
    expect(check(selectStar, 'select count(*) as n, 2 * 3 as six, a*b as product\nfrom "main"."orders"')).toEqual([]);
    const dbtStyle = [
      'with orders as (',
      '    select * from "main"."orders"',
      '),',
      'final as (',
      '    select id, amount from orders',
      ')',
      'select * from final',
    ].join('\n');
    expect(check(selectStar, dbtStyle)).toEqual([]);
    expect(check(selectStar, 'select * from (select id, amount from "main"."orders") as o')).toEqual([]);
  });

  it('leaves staging models and tests alone', () => {
    expect(check(selectStar, 'select * from "raw"."orders"', { layer: 'staging' })).toEqual([]);
    expect(check(selectStar, 'select * from "main"."orders" where id is null', { resourceType: 'test' })).toEqual([]);
    expect(check(selectStar, 'select * from "main"."orders"', { layer: null })).toHaveLength(1);
  });
});

describe('CP01 keyword-case', () => {
  const mixed = 'select id\nFROM orders\nwhere id > 1';

  it('flags a keyword cased unlike the first one, and re-cases it', () => {
    expect(check(keywordCase, mixed)).toEqual([
      {
        line: 2,
        column: 1,
        message: "keyword 'FROM' should be 'from': this file's keywords are lower case (as 'select' on line 1 sets)",
        fix: [{ start: 10, end: 14, text: 'from' }],
      },
    ]);
    const result = fixed(keywordCase, mixed);
    expect(result).toBe('select id\nfrom orders\nwhere id > 1');
    expect(check(keywordCase, result)).toEqual([]);
  });

  it('follows an upper-case file, and capitalised keywords', () => {
    const upper = 'SELECT id\nFROM orders\nwhere id > 1 AND amount > 0';
    expect(places(check(keywordCase, upper))).toEqual([[3, 1]]);
    expect(fixed(keywordCase, upper)).toBe('SELECT id\nFROM orders\nWHERE id > 1 AND amount > 0');
    expect(fixed(keywordCase, 'Select id\nfrom orders')).toBe('Select id\nFrom orders');
  });

  it('leaves consistent files, functions, literals and names after a dot alone', () => {
    expect(check(keywordCase, 'SELECT id FROM orders WHERE id > 1 ORDER BY id')).toEqual([]);
    expect(check(keywordCase, 'select t.Left, LEFT(name, 2) as initials, NULL as nothing, TRUE as yes, CAST(id as int) as n, "FROM" from t')).toEqual([]);
    // Keywords that are also column names, where they stand as names.
    expect(check(keywordCase, 'SELECT id, range, rows FROM t WHERE window = 1')).toEqual([]);
    expect(places(check(keywordCase, 'select sum(x) OVER (partition by id rows between unbounded preceding and current row) as s from t'))).toEqual([[1, 15]]);
  });
});

describe('RF02 qualified-columns', () => {
  const join = 'select id, o.amount\nfrom "main"."orders" o\njoin "main"."customers" c on o.customer_id = c.id';

  it('asks for the parsed tree only when a joined select has a name that may be an unqualified column', () => {
    const qualified = sqlFile('select o.id, round(o.amount, 2) as amount, cast(c.since as date) as since\nfrom "main"."orders" as o\njoin "main"."customers" c on o.customer_id = c.id');
    expect(qualifiedColumns.applies!(qualified)).toBe(false);
    expect(qualified.parsed).toBeUndefined(); // nothing parsed it
    expect(qualifiedColumns.applies!(sqlFile(join))).toBe(true);
    expect(qualifiedColumns.applies!(sqlFile('select o.id, rows\nfrom o join c on o.id = c.id'))).toBe(true);
    expect(qualifiedColumns.applies!(sqlFile('select id, amount from "main"."orders"'))).toBe(false);
  });

  it('flags a bare column in a select that joins two tables', () => {
    expect(check(qualifiedColumns, join)).toEqual([
      { line: 1, column: 8, message: "column 'id' is not qualified in a select that reads o, c: write which one it comes from (e.g. o.id)" },
    ]);
    const where = 'select o.id\nfrom orders o, customers c\nwhere o.customer_id = c.id\n  and status = 1';
    expect(places(check(qualifiedColumns, where))).toEqual([[4, 7]]);
  });

  it('flags a bare column that shares its name with an output alias (sum(amount) as amount), but not the alias read in ORDER BY', () => {
    const sql = 'select o.id, sum(amount) as amount\nfrom orders o\njoin payments p on o.id = p.order_id\ngroup by o.id\norder by amount';
    expect(places(check(qualifiedColumns, sql))).toEqual([[1, 18]]);
    const qualified = 'select o.id, sum(p.amount) as amount\nfrom orders o\njoin payments p on o.id = p.order_id\ngroup by o.id\norder by amount';
    expect(check(qualifiedColumns, qualified)).toEqual([]);
  });

  it('reads Databricks SQL (backtick names)', () => {
    const sql = 'select `id`, b.name\nfrom `main`.`a` as a\njoin `main`.`b` as b on a.id = b.id';
    expect(places(check(qualifiedColumns, sql, { dialect: 'databricks' }))).toEqual([[1, 8]]);
  });

  it('leaves single-table selects, qualified columns, output aliases and USING columns alone', () => {
    expect(check(qualifiedColumns, 'select id, amount from orders where amount > 0')).toEqual([]);
    expect(
      check(qualifiedColumns, 'select o.id, sum(o.amount) as total\nfrom orders o\njoin customers c on o.customer_id = c.id\ngroup by o.id\norder by total'),
    ).toEqual([]);
    expect(check(qualifiedColumns, 'select id, a.x, b.y from a join b using (id)')).toEqual([]);
    // The subquery reads one table: its bare column is fine; the outer select's are qualified.
    expect(check(qualifiedColumns, 'select s.x, b.y\nfrom (select x from a) s\njoin b on s.x = b.x')).toEqual([]);
  });
});

describe('ST03 unused-cte', () => {
  it('flags a CTE that nothing reads', () => {
    const sql = 'with a as (select 1 as x),\nb as (select 2 as y)\nselect x from a';
    expect(check(unusedCte, sql)).toEqual([{ line: 2, column: 1, message: "CTE 'b' is defined but never used: remove it or read from it" }]);
  });

  it('flags a recursive CTE that only reads itself, and a name read from another schema', () => {
    expect(places(check(unusedCte, 'with recursive r as (\n  select 1 as n union all select n + 1 from r where n < 3\n)\nselect 1 as one'))).toEqual([[1, 16]]);
    expect(places(check(unusedCte, 'with b as (select 1 as y)\nselect y from other.b'))).toEqual([[1, 6]]);
  });

  it('leaves CTEs read by later CTEs, joins and qualified columns alone', () => {
    const sql = [
      'with orders as (select * from "main"."orders"),',
      '"Customers" as (select * from "main"."customers"),',
      'paid as (select * from orders where paid),',
      'final as (',
      '  select paid.id, "Customers".name from paid join "customers" on paid.customer_id = "Customers".id',
      ')',
      'select id, name from final',
    ].join('\n');
    expect(check(unusedCte, sql)).toEqual([]);
    expect(check(unusedCte, 'select count(*) as n from orders')).toEqual([]);
  });
});

describe('CV03 trailing-comma', () => {
  const sql = 'select id,\n    amount,\nfrom orders';

  it('flags a comma before FROM as an error, and removes it', () => {
    expect(trailingComma.severity).toBe('error');
    expect(check(trailingComma, sql)).toEqual([
      { line: 2, column: 11, message: 'trailing comma before FROM: Spark SQL (Databricks) rejects it; remove the comma', fix: [{ start: 21, end: 22, text: '' }] },
    ]);
    const result = fixed(trailingComma, sql);
    expect(result).toBe('select id,\n    amount\nfrom orders');
    expect(check(trailingComma, result)).toEqual([]);
    const commented = 'select (select max(x), from t) as m, -- the last one\nfrom u';
    expect(places(check(trailingComma, commented))).toEqual([
      [1, 22],
      [1, 36],
    ]);
    expect(fixed(trailingComma, commented)).toBe('select (select max(x) from t) as m -- the last one\nfrom u');
  });

  it('leaves commas in function calls and select lists alone', () => {
    expect(check(trailingComma, 'select coalesce(a, b) as c, extract(year from d) as y, trim(both from e) as f\nfrom t')).toEqual([]);
    expect(check(trailingComma, "select a, ',' as comma from t")).toEqual([]);
  });
});

describe('AM01 distinct-with-group-by', () => {
  it('flags DISTINCT with GROUP BY in one select', () => {
    expect(check(distinctWithGroupBy, 'select distinct customer_id, count(*) as n\nfrom orders\ngroup by customer_id')).toEqual([
      {
        line: 1,
        column: 8,
        message: 'DISTINCT with GROUP BY in the same select: the grouping already makes rows distinct; drop DISTINCT or group by what should be distinct',
      },
    ]);
  });

  it('leaves DISTINCT alone, aggregates of DISTINCT, and a grouped select over a distinct subquery', () => {
    expect(check(distinctWithGroupBy, 'select distinct customer_id from orders')).toEqual([]);
    expect(check(distinctWithGroupBy, 'select region, count(distinct customer_id) as customers from orders group by region')).toEqual([]);
    expect(check(distinctWithGroupBy, 'select a, count(*) as n from (select distinct a, b from t) as s group by a')).toEqual([]);
    expect(check(distinctWithGroupBy, 'select a is distinct from b as changed from t group by a, b')).toEqual([]);
  });
});

describe('ST06 column-order', () => {
  it('is off by default', () => {
    expect(columnOrder.enabledByDefault).toBe(false);
  });

  it('flags a plain column after a calculation, and a wildcard after a column', () => {
    expect(check(columnOrder, 'select\n    amount * 2 as doubled,\n    id\nfrom orders')).toEqual([
      { line: 3, column: 5, message: 'a simple column comes after a calculation (line 2): put wildcards, then plain columns, before calculations' },
    ]);
    expect(places(check(columnOrder, 'select id, * from orders'))).toEqual([[1, 12]]);
  });

  it('leaves ordered lists, casts, literals and UNION branches alone', () => {
    const ordered = "select *, o.id, 'x' as kind, cast(o.id as int) as n, o.amount::decimal(10, 2) as amount, sum(o.amount) over (partition by o.id) as total\nfrom orders o";
    expect(check(columnOrder, ordered)).toEqual([]);
    expect(check(columnOrder, 'select a + 1 as a1, b from t\nunion all\nselect c, d from u')).toEqual([]);
  });
});

describe('JJ01 jinja-spacing', () => {
  it('flags a tag without one space inside, and fixes it', () => {
    const sql = "select *\nfrom {{ref('orders')}}";
    expect(check(jinjaSpacing, sql)).toEqual([
      {
        line: 2,
        column: 6,
        message: "Jinja tag spacing: one space inside the delimiters ('{{ref('orders')}}' should be '{{ ref('orders') }}')",
        fix: [
          { start: 16, end: 16, text: ' ' },
          { start: 29, end: 29, text: ' ' },
        ],
      },
    ]);
    expect(fixed(jinjaSpacing, sql)).toBe("select *\nfrom {{ ref('orders') }}");
  });

  it('normalises extra spaces and keeps whitespace control', () => {
    const sql = "{%-  if is_incremental()-%}\nwhere ts > {{  var('since')   }}\n{%- endif %}";
    expect(places(check(jinjaSpacing, sql))).toEqual([
      [1, 1],
      [2, 12],
    ]);
    const result = fixed(jinjaSpacing, sql);
    expect(result).toBe("{%- if is_incremental() -%}\nwhere ts > {{ var('since') }}\n{%- endif %}");
    expect(check(jinjaSpacing, result)).toEqual([]);
  });

  it('leaves spaced tags, multi-line tags, comments, raw blocks and strings alone', () => {
    const sql = [
      '{{',
      "    config(materialized='table')",
      '}}',
      "{# {{no_spaces_in_a_comment}} #}",
      "select {{- ' }}' -}} as x, '{' as brace",
      '{%- if true -%}',
      "from {{ ref('a') }}",
      '{% endif %}',
      '{% raw %}{{not_jinja}}{% endraw %}',
    ].join('\n');
    expect(check(jinjaSpacing, sql)).toEqual([]);
  });
});

describe('the rules through a Jinja render', () => {
  const model = [
    '{%- set columns = [',
    "    'id',",
    "    'amount',",
    '] -%}',
    'select',
    '{%- for column in columns %}',
    '    {{column}},',
    '{%- endfor %}',
    "FROM {{ ref('a') }}",
  ].join('\n');
  const files = {
    'models/staging/a.sql': 'select 1 as id, 2 as amount',
    'models/analytics/fact_b.sql': model,
    'models/analytics/fact_c.sql': "{{ upper_select() }}\nunion all\nselect 2 as one\nfrom {{ ref('a') }}",
    'macros/upper_select.sql': '{% macro upper_select() %}SELECT 1 AS one{% endmacro %}',
    'models/analytics/fact_d.sql': [
      "{{ config(materialized='incremental', unique_key='id') }}",
      'with new_rows as (',
      "    select id from {{ ref('a') }}",
      '),',
      'latest as (',
      '    select max(id) as id from {{ this }}',
      '),',
      'unused as (select 1 as id)',
      'select id from new_rows',
      '{% if is_incremental() %}',
      'where id > (select id from latest)',
      '{% endif %}',
    ].join('\n'),
  };

  function renderedFile(dir: string, name: string): SqlFile {
    const session = openSession({ projectDir: dir });
    const node = [...session.project.nodes.values()].find((candidate) => candidate.name === name)!;
    const { sql, map } = session.renderer.renderWithSourceMap(node);
    return new SqlFile({ path: node.originalFilePath, source: node.rawCode, rendered: sql, map, dialect: 'duckdb', model: { name, resourceType: 'model', materialized: 'view', layer: 'analytics' } });
  }

  it('report the source line, not the rendered one', async () => {
    const dir = makeProject(files);
    const outcome = await lintProject(openSession({ projectDir: dir }), { workers: 0 });
    const sqlRules = new Set(SQL_RULES.map((rule) => rule.code));
    const findings = outcome.findings.filter((finding) => finding.file === 'models/analytics/fact_b.sql' && sqlRules.has(finding.rule));
    expect(findings.map(({ line, column, rule }) => [rule, line, column])).toEqual([
      ['JJ01', 7, 5],
      ['CV03', 7, 15],
      ['CP01', 9, 1],
    ]);
  });

  it('fix what the author wrote, and not a comma that a loop writes', () => {
    const dir = makeProject(files);
    const file = renderedFile(dir, 'fact_b');
    expect(file.rendered).toContain('amount,\nFROM "main"');
    const comma = trailingComma.check(file);
    expect(places(comma)).toEqual([[7, 15]]);
    expect(comma[0].fix).toBeUndefined();
    const keyword = keywordCase.check(file);
    expect(places(keyword)).toEqual([[9, 1]]);
    expect(applyEdits(file.source, keyword[0].fix!).split('\n')[8]).toBe("from {{ ref('a') }}");
  });

  it('count a CTE read in a Jinja branch that did not render as used', () => {
    const dir = makeProject(files);
    const file = renderedFile(dir, 'fact_d');
    expect(file.rendered).not.toContain('latest)');
    expect(unusedCte.check(file)).toEqual([{ line: 8, column: 1, message: "CTE 'unused' is defined but never used: remove it or read from it" }]);
  });

  it("leave the case of keywords a macro wrote to the macro", () => {
    const dir = makeProject(files);
    const file = renderedFile(dir, 'fact_c');
    expect(file.rendered).toContain('SELECT 1 AS one\nunion all');
    expect(keywordCase.check(file)).toEqual([]);
  });

  it('map back through a hand-made source map: a keyword after a ref on line 2', () => {
    const source = "select *\nfrom {{ ref('a') }} WHERE id = 1";
    const file = new SqlFile({
      path: 'models/x.sql',
      source,
      rendered: 'select *\nfrom "main"."a" WHERE id = 1',
      map: [0, 0, 0, 0, 14, 1, 1, 8, 24, 0, 1, 19],
      dialect: 'duckdb',
      model: { name: 'x', resourceType: 'model', materialized: 'view', layer: 'analytics' },
    });
    const violations = keywordCase.check(file);
    expect(places(violations)).toEqual([[2, 21]]);
    expect(applyEdits(source, violations[0].fix!)).toBe("select *\nfrom {{ ref('a') }} where id = 1");
    expect(selectStar.check(file)).toEqual([
      { line: 1, column: 8, message: "select * in the model's final select passes through every column of {{ ref('a') }}: list the columns this model returns" },
    ]);
  });
});
