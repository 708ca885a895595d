/** Typos in a project are found when it loads, with the file, the line and a did-you-mean (issue 14). */
import { describe, expect, it } from '@jest/globals';
import { ProjectErrors, SluiceError } from '../../src/errors.js';
import { loadProject } from '../../src/project/load.js';
import { makeProject } from '../support/project.js';

function problemsOf(work: () => unknown): SluiceError[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ProjectErrors) return error.problems;
    if (error instanceof SluiceError) return [error];
    throw error;
  }
  throw new Error('expected a SluiceError');
}

const ORDERS = { 'models/orders.sql': 'select 1 as id, 2 as customer_id' };

describe('generic tests that name no test macro', () => {
  it('stop the load with the line and a did-you-mean', () => {
    const dir = makeProject({
      ...ORDERS,
      'models/schema.yml': `models:
  - name: orders
    columns:
      - name: id
        data_tests:
          - not_null
          - uniqe
          - dbt_utils.expression_is_tru:
              expression: "id > 0"
`,
    });
    const problems = problemsOf(() => loadProject({ projectDir: dir }));
    expect(problems.map((problem) => [problem.message, problem.file, problem.line, problem.hint])).toEqual([
      ["Unknown generic test 'uniqe' on column 'id' of model 'orders': no test macro 'test_uniqe'", 'models/schema.yml', 7, "did you mean 'unique'?"],
      [
        "Unknown generic test 'dbt_utils.expression_is_tru' on column 'id' of model 'orders': no test macro 'dbt_utils.test_expression_is_tru'",
        'models/schema.yml',
        8,
        "no package named 'dbt_utils' is installed: add it to packages.yml and run sluice deps",
      ],
    ]);
  });

  it("resolve to a package's tests by namespace, the project's own tests in macros/ and tests/generic/, and dbt's", () => {
    const dir = makeProject({
      ...ORDERS,
      'dbt_packages/dbt_utils/dbt_project.yml': 'name: dbt_utils\n',
      'dbt_packages/dbt_utils/macros/expression_is_true.sql': '{% test expression_is_true(model, expression) %}select 1 where false{% endtest %}',
      'macros/positive.sql': '{% macro test_positive(model, column_name) %}select 1 where false{% endmacro %}',
      'tests/generic/even.sql': '{% test even(model, column_name) %}select 1 where false{% endtest %}',
      'models/schema.yml': `models:
  - name: orders
    data_tests:
      - dbt_utils.expression_is_true:
          arguments: {expression: "id > 0"}
    columns:
      - name: id
        data_tests: [unique, not_null, positive, even, dbt.not_null]
      - name: customer_id
        data_tests:
          - relationships: {to: ref('orders'), field: id}
          - dbt_utils.expression_is_tru:
              expression: "id > 0"
              config: {enabled: false}
`,
    });
    const project = loadProject({ projectDir: dir });
    expect([...project.nodes.values()].filter((node) => node.resourceType === 'test')).toHaveLength(7);
  });

  it("suggest a package's test by its namespaced name", () => {
    const dir = makeProject({
      ...ORDERS,
      'dbt_packages/dbt_utils/dbt_project.yml': 'name: dbt_utils\n',
      'dbt_packages/dbt_utils/macros/expression_is_true.sql': '{% test expression_is_true(model, expression) %}select 1 where false{% endtest %}',
      'models/schema.yml': 'models:\n  - name: orders\n    data_tests:\n      - expression_is_true: {expression: "id > 0"}\n',
    });
    const [problem] = problemsOf(() => loadProject({ projectDir: dir }));
    expect(problem.message).toContain("Unknown generic test 'expression_is_true' on model 'orders'");
    expect(problem.hint).toBe("did you mean 'dbt_utils.expression_is_true'?");
  });

  it('a list item indented under the one above (`unique - not_null`) is an error, not a silently dropped test', () => {
    const dir = makeProject({
      ...ORDERS,
      'models/schema.yml': 'models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests:\n          - unique\n            - not_null\n',
    });
    const [problem] = problemsOf(() => loadProject({ projectDir: dir }));
    expect(problem.message).toBe("'unique - not_null' is not a test name: it reads as one item of the list, not two");
    expect([problem.file, problem.line]).toEqual(['models/schema.yml', 6]);
    expect(problem.hint).toContain("'- unique' then '- not_null'");
  });
});

describe('unknown keys in YAML properties', () => {
  const warningsOf = (files: Record<string, string>) =>
    loadProject({ projectDir: makeProject({ ...ORDERS, ...files }) }).warnings.filter((warning) => warning.message.startsWith('unknown key'));

  it('warn with the file, the line and the key meant', () => {
    const warnings = warningsOf({
      'models/schema.yml': `version: 2
model:
  - name: other
models:
  - name: orders
    descripton: One row per order.
    colums:
      - name: id
        data_tests: [unique]
    columns:
      - name: customer_id
        data_tsts: [not_null]
sources:
  - name: erp
    tables:
      - name: orders
        freshnes: {warn_after: {count: 1, period: day}}
`,
    });
    expect(warnings.map((warning) => [warning.message, warning.file, warning.line])).toEqual([
      ["unknown key 'model' in this properties file (did you mean 'models'?); dbt does not read it and neither does Sluice", 'models/schema.yml', 2],
      ["unknown key 'descripton' in the model 'orders' (did you mean 'description'?); dbt does not read it and neither does Sluice", 'models/schema.yml', 6],
      ["unknown key 'colums' in the model 'orders' (did you mean 'columns'?); dbt does not read it and neither does Sluice", 'models/schema.yml', 7],
      ["unknown key 'data_tsts' in the column 'customer_id' of model 'orders' (did you mean 'data_tests' or 'data_type'?); dbt does not read it and neither does Sluice", 'models/schema.yml', 12],
      ["unknown key 'freshnes' in the source table 'orders' of source 'erp' (did you mean 'freshness'?); dbt does not read it and neither does Sluice", 'models/schema.yml', 17],
    ]);
  });

  it('leave alone every key dbt reads, and configs written at the top level', () => {
    const warnings = warningsOf({
      'seeds/countries.csv': 'code\nNL\n',
      'snapshots/orders_snapshot.sql': "{% snapshot orders_snapshot %}{{ config(unique_key='id', strategy='check', check_cols='all') }}select 1 as id{% endsnapshot %}",
      'macros/cents.sql': '{% macro cents(x) %}{{ x }} * 100{% endmacro %}',
      'models/schema.yml': `version: 2
models:
  - name: orders
    description: Orders
    meta: {owner: finance}
    docs: {show: true}
    config: {materialized: table}
    materialized: table
    tags: [daily]
    access: public
    group: finance
    deprecation_date: 2030-01-01
    constraints: [{type: primary_key, columns: [id]}]
    latest_version: 1
    versions:
      - v: 1
        columns:
          - include: all
            exclude: [customer_id]
    columns:
      - name: id
        description: The key
        data_type: integer
        quote: false
        tags: [pk]
        meta: {pii: false}
        constraints: [{type: not_null}]
        tests: [unique]
seeds:
  - name: countries
    config: {delimiter: ","}
    columns: [{name: code, data_tests: [not_null]}]
snapshots:
  - name: orders_snapshot
    description: History
macros:
  - name: cents
    description: Dollars to cents
    arguments: [{name: x, type: number, description: dollars}]
groups:
  - name: finance
    owner: {name: Finance}
exposures:
  - name: board
    type: dashboard
    owner: {email: bi@example.com}
    maturity: high
    url: https://bi.example.com
    depends_on: [ref('orders')]
unit_tests:
  - name: keeps_rows
    model: orders
    given: []
    expect: {format: dict, rows: [{id: 1}]}
    overrides: {vars: {x: 1}}
sources:
  - name: erp
    database: raw
    schema: erp
    loader: fivetran
    loaded_at_field: _loaded_at
    freshness: {warn_after: {count: 1, period: day}}
    quoting: {identifier: false}
    tables:
      - name: orders
        identifier: ORDERS
        external: {location: s3://bucket/orders}
        loaded_at_field: updated_at
        columns: [{name: id, tests: [not_null]}]
`,
    });
    expect(warnings).toEqual([]);
  });

  it("are not looked for in installed packages' files", () => {
    const warnings = warningsOf({
      'dbt_packages/helpers/dbt_project.yml': 'name: helpers\n',
      'dbt_packages/helpers/models/schema.yml': 'models:\n  - name: helper\n    colums: []\n',
      'dbt_packages/helpers/models/helper.sql': 'select 1 as id',
    });
    expect(warnings).toEqual([]);
  });
});

describe('test names with more after them', () => {
  it('are read as dbt reads them (the name at the start) unless a space shows a folded list item', () => {
    const dir = makeProject({
      ...ORDERS,
      'models/schema.yml': 'models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests:\n          - "not_null:"\n          - "unique:": {config: {severity: warn}}\n',
    });
    const tests = [...loadProject({ projectDir: dir }).nodes.values()].filter((node) => node.resourceType === 'test').map((node) => node.name);
    expect(tests.sort()).toEqual(['not_null_orders_id', 'unique_orders_id']);
    const folded = makeProject({ ...ORDERS, 'models/schema.yml': 'models:\n  - name: orders\n    data_tests:\n      - unique\n        not_null\n' });
    const [problem] = problemsOf(() => loadProject({ projectDir: folded }));
    expect([problem.message, problem.line]).toEqual(["'unique not_null' is not a test name", 4]);
  });
});

describe('unknown keys that recur', () => {
  it('are one warning that counts the places, when no key is close', () => {
    const files: Record<string, string> = {};
    for (const name of ['a', 'b', 'c']) {
      files[`models/${name}.sql`] = 'select 1 as id';
      files[`models/${name}.yml`] = `column_definitions:\n  id: &id {name: id, description: The key}\nmodels:\n  - name: ${name}\n    owner: data-team\n    columns: [*id]\n`;
    }
    const warnings = loadProject({ projectDir: makeProject(files) }).warnings.filter((warning) => warning.message.startsWith('unknown key'));
    expect(warnings.map((warning) => [warning.message, warning.file, warning.line])).toEqual([
      [
        "unknown key 'column_definitions' in this properties file; dbt does not read it and neither does Sluice; a top-level key that only holds YAML anchors belongs under 'anchors:' (and 2 more places in 3 files)",
        'models/a.yml',
        1,
      ],
      ["unknown key 'owner' in the model 'a'; dbt does not read it and neither does Sluice (and 2 more places in 3 files)", 'models/a.yml', 5],
    ]);
  });
});

describe('a flow mapping split by a comma', () => {
  it('is named as such: the rest of the description became a key', () => {
    const dir = makeProject({ ...ORDERS, 'models/schema.yml': 'models:\n  - name: orders\n    columns:\n      - {name: id, description: One per (order, day).}\n' });
    const [warning] = loadProject({ projectDir: dir }).warnings;
    expect(warning.message).toBe(
      "unknown key 'day).' in the column 'id' of model 'orders'; dbt does not read it and neither does Sluice; in {…} a comma ends an unquoted value, and what follows it becomes a key: quote the value before it",
    );
    expect(warning.line).toBe(4);
  });
});
