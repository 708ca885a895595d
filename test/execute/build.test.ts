/**
 * Building real projects through the library, on DuckDB and on Databricks (the emulator, through the
 * real driver), from one test definition: materializations, seeds, tests, skips, unit tests and
 * run_results.json, asserted on the rows and files a user would look at.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, type Command, type RunSummary } from '../../src/execute/run-task.js';
import { openSession, type Session } from '../../src/session.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { WAREHOUSES } from '../support/warehouses.js';

function statusOf(summary: RunSummary, name: string) {
  const result = summary.results.find((item) => item.node.name === name);
  if (!result) throw new Error(`no result for ${name}: ${summary.results.map((item) => item.node.name).join(', ')}`);
  return result;
}

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouseUnderTest = kind.use();
  const makeProject = (files: Record<string, string>, options?: { threads?: number }) => warehouseUnderTest.makeProject(files, options);

  async function run(dir: string, command: Command, options: { select?: string[]; fullRefresh?: boolean; failFast?: boolean; vars?: string } = {}): Promise<{ summary: RunSummary; lines: string[]; session: Session; warehouse: Warehouse }> {
    const lines: string[] = [];
    const session = openSession({ projectDir: dir, vars: options.vars, log: (line) => lines.push(line) });
    const warehouse = await warehouseUnderTest.connect(dir);
    const summary = await runCommand(session, warehouse, command, { ...options, out: (line) => lines.push(line) });
    return { summary, lines, session, warehouse };
  }

  async function rows(warehouse: Warehouse, sql: string) {
    return (await warehouse.query(sql)).rows;
  }

  describe('materializations', () => {
    it('builds views, tables and ephemeral models in dependency order', async () => {
      const dir = await makeProject({
        'seeds/raw_people.csv': 'id,name,age\n1,Ann,34\n2,Bob,\n3,Cy,51\n',
        'models/base.sql': "{{ config(materialized='ephemeral') }}\nselect id, name, age from {{ ref('raw_people') }}",
        'models/people.sql': "{{ config(materialized='table') }}\nselect * from {{ ref('base') }} where age is not null",
        'models/people_view.sql': "select count(*) as n from {{ ref('people') }}",
      });
      await run(dir, 'seed');
      const { summary, warehouse } = await run(dir, 'run');
      expect(summary.ok).toBe(true);
      expect(summary.results.map((result) => result.node.name).sort()).toEqual(['people', 'people_view']);
      expect(await rows(warehouse, 'select n from main.people_view')).toEqual([{ n: 2 }]);
      expect(await rows(warehouse, "select table_type from information_schema.tables where table_name = 'people_view'")).toEqual([{ table_type: 'VIEW' }]);
      const compiled = readFileSync(join(dir, 'target/compiled/test_project/models/people.sql'), 'utf8');
      expect(compiled).toContain('__dbt__cte__base as (');
      expect(statusOf(summary, 'people').rowsAffected).toBe(2);
    });

    it("prints exceptions.warn and log() of a model's run once each, also when the render stops to ask the warehouse", async () => {
      const dir = await makeProject({
        'models/careful.sql': [
          "{% if execute %}{% do exceptions.warn('the source is late') %}{% endif %}",
          "{% set answer = run_query('select 41 + 1 as n') %}",
          "{% if execute %}{% do log('the answer is ' ~ answer.columns[0].values()[0], info=True) %}{% endif %}",
          'select 1 as id',
        ].join('\n'),
      });
      const { summary, lines } = await run(dir, 'run');
      expect(summary.ok).toBe(true);
      expect(lines.filter((line) => line.includes('the source is late'))).toEqual(['Warning: the source is late (models/careful.sql)']);
      expect(lines.filter((line) => line.includes('the answer is'))).toEqual(['the answer is 42']);
    });

    it('persists docs (persist_docs) as comments on tables, views and their columns', async () => {
      const dir = await makeProject({
        'dbt_project.yml': 'name: test_project\nprofile: test_project\nmodels:\n  test_project:\n    +persist_docs: {relation: true, columns: true}\n',
        'models/people.sql': "{{ config(materialized='table') }}\nselect 1 as id, 'Ann' as name",
        'models/people_view.sql': "select id from {{ ref('people') }}",
        'models/schema.yml': ['version: 2', 'models:', '  - name: people', "    description: It's people", '    columns:', '      - name: name', '        description: Given name', '  - name: people_view', '    description: A view'].join('\n'),
      });
      const { summary, warehouse } = await run(dir, 'run');
      expect(summary.ok).toBe(true);
      const comments =
        kind.name === 'duckdb'
          ? [
              ...(await rows(warehouse, "select table_name as name, comment from duckdb_tables() where table_name = 'people' union all select view_name, comment from duckdb_views() where view_name = 'people_view'")),
              ...(await rows(warehouse, "select column_name as name, comment from duckdb_columns() where table_name = 'people' and column_name = 'name'")),
            ]
          : [
              ...(await rows(warehouse, "select table_name as name, comment from information_schema.tables where table_name in ('people', 'people_view')")),
              ...(await rows(warehouse, "select column_name as name, comment from information_schema.columns where table_name = 'people' and column_name = 'name'")),
            ];
      expect(comments.map((row) => `${String(row.name)}: ${String(row.comment)}`).sort()).toEqual(['name: Given name', "people: It's people", 'people_view: A view']);
    });

    it('puts models in <target schema>_<custom schema>, as dbt does', async () => {
      const dir = await makeProject({
        'dbt_project.yml': 'name: test_project\nprofile: test_project\nmodels:\n  test_project:\n    marts:\n      +schema: analytics\n      +materialized: table\n',
        'models/marts/orders.sql': 'select 1 as id',
      });
      const { warehouse, summary } = await run(dir, 'run');
      expect(summary.ok).toBe(true);
      expect(await rows(warehouse, "select table_schema, table_type from information_schema.tables where table_name = 'orders'")).toEqual([
        { table_schema: 'main_analytics', table_type: warehouseUnderTest.tableType },
      ]);
    });

    it('uses the project\'s own generate_schema_name when it defines one', async () => {
      const dir = await makeProject({
        'macros/naming.sql': '{% macro generate_schema_name(custom_schema_name, node) -%}{{ custom_schema_name or target.schema }}{%- endmacro %}',
        'models/orders.sql': "{{ config(schema='sales', materialized='table') }}select 1 as id",
      });
      const { warehouse } = await run(dir, 'run');
      expect(await rows(warehouse, "select table_schema from information_schema.tables where table_name = 'orders'")).toEqual([{ table_schema: 'sales' }]);
    });

    it('merges incremental models on unique_key, and rebuilds them on --full-refresh', async () => {
      const dir = await makeProject({
        'models/events.sql': [
          "{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge') }}",
          "select * from (values (1, 'a', {{ var('version', 1) }}), (2, 'b', {{ var('version', 1) }})) as t(id, label, version)",
          '{% if is_incremental() %}where id >= (select max(id) from {{ this }}){% endif %}',
        ].join('\n'),
      });
      await run(dir, 'run');
      const second = await run(dir, 'run', { vars: '{version: 2}' });
      expect(statusOf(second.summary, 'events').adapterMessage).toBe('MERGE');
      // Only id 2 passes the incremental filter: it is updated in place, id 1 keeps version 1.
      expect(await rows(second.warehouse, 'select id, version from main.events order by id')).toEqual([
        { id: 1, version: 1 },
        { id: 2, version: 2 },
      ]);
      await second.warehouse.close();
      const third = await run(dir, 'run', { vars: '{version: 3}', fullRefresh: true });
      expect(statusOf(third.summary, 'events').adapterMessage).toBe('CREATE TABLE');
      expect(await rows(third.warehouse, 'select id, version from main.events order by id')).toEqual([
        { id: 1, version: 3 },
        { id: 2, version: 3 },
      ]);
    });

    it('appends with the append strategy', async () => {
      const dir = await makeProject({
        'models/log.sql': "{{ config(materialized='incremental', incremental_strategy='append') }}select 1 as id",
      });
      await run(dir, 'run');
      const { warehouse } = await run(dir, 'run');
      expect(await rows(warehouse, 'select count(*) as n from main.log')).toEqual([{ n: 2 }]);
    });

    it('reports a warehouse error with the model, its compiled SQL path and the message, and skips its children', async () => {
      const dir = await makeProject({
        'models/broken.sql': 'select no_such_column from (select 1 as id) t',
        'models/child.sql': "select * from {{ ref('broken') }}",
      });
      const { summary, lines } = await run(dir, 'run');
      expect(summary.ok).toBe(false);
      const broken = statusOf(summary, 'broken');
      expect(broken.status).toBe('error');
      expect(broken.message).toContain("model 'broken' (models/broken.sql)");
      expect(broken.message).toContain('no_such_column');
      expect(broken.message).toContain(join('target', 'compiled', 'test_project', 'models', 'broken.sql'));
      expect(statusOf(summary, 'child').status).toBe('skipped');
      expect(lines.some((line) => line.includes('ERROR') && line.includes('broken'))).toBe(true);
      const results = JSON.parse(readFileSync(join(dir, 'target/run_results.json'), 'utf8'));
      expect(results.results.map((result: { unique_id: string; status: string }) => [result.unique_id, result.status]).sort()).toEqual([
        ['model.test_project.broken', 'error'],
        ['model.test_project.child', 'skipped'],
      ]);
    });
  });

  describe('seeds', () => {
    it('infers column types and honours column_types', async () => {
      // `string` is a text type on both warehouses (Databricks wants a length for varchar).
      const dir = await makeProject({
        'dbt_project.yml': 'name: test_project\nprofile: test_project\nseeds:\n  test_project:\n    codes:\n      +column_types:\n        code: string\n',
        'seeds/codes.csv': 'code,amount,day,active\n007,1.5,2024-01-02,true\n010,2,2024-02-03,false\n',
      });
      const { warehouse, summary } = await run(dir, 'seed');
      expect(statusOf(summary, 'codes').rowsAffected).toBe(2);
      const columns = await rows(warehouse, "select column_name, data_type from information_schema.columns where table_name = 'codes' order by ordinal_position");
      const text = { duckdb: 'VARCHAR', databricks: 'STRING' }[warehouseUnderTest.name];
      expect(columns).toEqual([
        { column_name: 'code', data_type: text },
        { column_name: 'amount', data_type: 'DOUBLE' },
        { column_name: 'day', data_type: 'DATE' },
        { column_name: 'active', data_type: 'BOOLEAN' },
      ]);
      expect(await rows(warehouse, 'select code from main.codes order by code')).toEqual([{ code: '007' }, { code: '010' }]);
    });
  });

  const TESTED_PROJECT = {
    'seeds/customers.csv': 'id,region\n1,EU\n2,EU\n3,US\n',
    'seeds/orders.csv': 'id,customer_id,status\n10,1,placed\n11,2,shipped\n12,9,placed\n13,3,lost\n',
    'models/stg_orders.sql': "select * from {{ ref('orders') }}",
    'models/order_report.sql': "select status, count(*) as n from {{ ref('stg_orders') }} group by status",
    'models/schema.yml': `version: 2
models:
  - name: stg_orders
    columns:
      - name: id
        data_tests: [unique, not_null]
      - name: customer_id
        data_tests:
          - relationships:
              to: ref('customers')
              field: id
      - name: status
        data_tests:
          - unique:
              config:
                tags: ['strict']
          - accepted_values:
              values: ['placed', 'shipped', 'lost']
              config:
                tags: ['injected_data']
          - accepted_values:
              name: status_is_known_warn
              values: ['placed', 'shipped']
              config:
                severity: warn
`,
  };

  describe('data tests', () => {
    it('passes, fails and warns like dbt, and a failing test skips what is downstream in build', async () => {
      const dir = await makeProject(TESTED_PROJECT);
      const { summary } = await run(dir, 'build');
      expect(statusOf(summary, 'unique_stg_orders_id').status).toBe('pass');
      expect(statusOf(summary, 'not_null_stg_orders_id').status).toBe('pass');
      const relationships = statusOf(summary, 'relationships_stg_orders_customer_id__id__ref_customers_');
      expect(relationships.status).toBe('fail');
      expect(relationships.failures).toBe(1);
      expect(relationships.message).toBe('Got 1 result, configured to fail if != 0');
      expect(statusOf(summary, 'accepted_values_stg_orders_status__placed__shipped__lost').status).toBe('pass');
      const warn = statusOf(summary, 'status_is_known_warn');
      expect(warn.status).toBe('warn');
      expect(warn.failures).toBe(1);
      // A failing test of stg_orders alone skips the report built on it. (The relationships test, whose
      // parents are stg_orders and the customers seed, precedes nothing: no node is downstream of both.)
      expect(statusOf(summary, 'unique_stg_orders_status').status).toBe('fail');
      expect(statusOf(summary, 'order_report').status).toBe('skipped');
      expect(summary.ok).toBe(false);
    });

    it('selects tests by tag, and `where` filters the tested rows', async () => {
      const files = {
        ...TESTED_PROJECT,
        'models/schema.yml': TESTED_PROJECT['models/schema.yml'].replace("field: id\n", "field: id\n              config:\n                where: \"customer_id < 5\"\n"),
      };
      const dir = await makeProject(files);
      await run(dir, 'seed');
      await run(dir, 'run');
      const tagged = await run(dir, 'test', { select: ['tag:injected_data'] });
      expect(tagged.summary.results.map((result) => result.node.name)).toEqual(['accepted_values_stg_orders_status__placed__shipped__lost']);
      const all = await run(dir, 'test');
      expect(statusOf(all.summary, 'relationships_stg_orders_customer_id__id__ref_customers_').status).toBe('pass');
    });

    it('runs custom generic tests, singular tests and error_if thresholds', async () => {
      const dir = await makeProject({
        'tests/generic/is_positive.sql': '{% test is_positive(model, column_name) %}select * from {{ model }} where {{ column_name }} <= 0{% endtest %}',
        'tests/no_big_orders.sql': "select * from {{ ref('amounts') }} where amount > 100",
        'models/amounts.sql': 'select * from (values (1, 5), (2, -1), (3, -2), (4, 500)) as t(id, amount)',
        'models/schema.yml': `version: 2
models:
  - name: amounts
    columns:
      - name: amount
        data_tests:
          - is_positive:
              config:
                error_if: ">5"
`,
      });
      await run(dir, 'run');
      const { summary } = await run(dir, 'test');
      // Two failing rows: not above error_if's 5, but above warn_if's 0, so the test warns.
      expect(statusOf(summary, 'is_positive_amounts_amount').status).toBe('warn');
      expect(statusOf(summary, 'is_positive_amounts_amount').failures).toBe(2);
      expect(statusOf(summary, 'no_big_orders').status).toBe('fail');
    });

    it('stops at the first failure with --fail-fast', async () => {
      const dir = await makeProject(TESTED_PROJECT, { threads: 1 });
      const { summary } = await run(dir, 'build', { failFast: true });
      expect(summary.results.some((result) => result.message === 'Skipping due to fail_fast')).toBe(true);
      expect(summary.ok).toBe(false);
    });
  });

  describe('unit tests', () => {
    const files = {
      'seeds/orders.csv': 'id,amount,currency\n1,10,EUR\n2,20,USD\n',
      'models/revenue.sql': "select currency, sum(amount * {{ var('rate', 1) }}) as revenue from {{ ref('orders') }} group by currency",
      'models/unit.yml': `unit_tests:
  - name: sums_per_currency
    model: revenue
    given:
      - input: ref('orders')
        rows:
          - {id: 1, amount: 5, currency: EUR}
          - {id: 2, amount: 7, currency: EUR}
          - {id: 3, amount: 1, currency: USD}
    expect:
      rows:
        - {currency: EUR, revenue: 12}
        - {currency: USD, revenue: 1}
  - name: applies_the_rate
    model: revenue
    overrides:
      vars: {rate: 2}
    given:
      - input: ref('orders')
        format: csv
        rows: |
          id,amount,currency
          1,5,EUR
    expect:
      rows:
        - {currency: EUR, revenue: 10}
`,
    };

    it('runs the model on fixture rows and compares with the expected rows', async () => {
      const dir = await makeProject(files);
      const { summary } = await run(dir, 'build');
      expect(statusOf(summary, 'sums_per_currency').status).toBe('pass');
      expect(statusOf(summary, 'applies_the_rate').status).toBe('pass');
      expect(summary.ok).toBe(true);
    });

    it('fails with the differing rows when the expectation is wrong', async () => {
      const dir = await makeProject({ ...files, 'models/unit.yml': files['models/unit.yml'].replace('{currency: USD, revenue: 1}', '{currency: USD, revenue: 99}') });
      const { summary } = await run(dir, 'build');
      const failed = statusOf(summary, 'sums_per_currency');
      expect(failed.status).toBe('fail');
      expect(failed.message).toContain('revenue=99');
      // A failing unit test keeps its model from being built.
      expect(statusOf(summary, 'revenue').status).toBe('skipped');
    });
  });

  describe('run_results.json', () => {
    it('has dbt\'s shape', async () => {
      const dir = await makeProject({ 'models/one.sql': 'select 1 as id' });
      await run(dir, 'run');
      const document = JSON.parse(readFileSync(join(dir, 'target/run_results.json'), 'utf8'));
      expect(document.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/run-results/v6.json');
      expect(document.results[0]).toMatchObject({ unique_id: 'model.test_project.one', status: 'success', failures: null, message: null });
      expect(typeof document.results[0].execution_time).toBe('number');
    });
  });

  describe('bad seed files', () => {
    it('stops before any SQL runs when a CSV row is ragged, naming file and line', async () => {
      const dir = await makeProject({
        'seeds/good.csv': 'id\n1\n',
        'seeds/bad.csv': 'id,name\n1,Ann\n2,Bob,extra\n',
      });
      const session = openSession({ projectDir: dir });
      const warehouse = await warehouseUnderTest.connect(dir);
      const failure = runCommand(session, warehouse, 'seed', { out: () => undefined });
      await expect(failure).rejects.toMatchObject({ file: 'seeds/bad.csv', line: 3 });
      expect(await warehouse.getRelationType({ schema: 'main', identifier: 'good' })).toBeNull();
    });
  });

  describe('hooks', () => {
    it('runs pre-hooks and post-hooks around the model, rendered with its context', async () => {
      const dir = await makeProject({
        'models/audit.sql': "{{ config(materialized='table') }}select 'start' as event",
        'models/orders.sql': [
          '{{ config(',
          "  materialized='table',",
          "  pre_hook=\"insert into {{ ref('audit') }} values ('before {{ this.identifier }}')\",",
          "  post_hook=[\"insert into {{ ref('audit') }} select 'after ' || count(*) from {{ this }}\"]",
          ') }}',
          "-- depends_on: {{ ref('audit') }}",
          'select 1 as id union all select 2',
        ].join('\n'),
      });
      const { summary, warehouse } = await run(dir, 'run');
      expect(summary.ok).toBe(true);
      expect(await rows(warehouse, 'select event from main.audit order by event')).toEqual([{ event: 'after 2' }, { event: 'before orders' }, { event: 'start' }]);
    });
  });
});
