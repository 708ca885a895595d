/**
 * Real projects' layouts and habits: packages exactly as `dbt deps` leaves them, dbt's own macros and
 * dispatch, disabled per-adapter variants, generic tests named alike, ephemeral models read by tests,
 * dbt_project.yml rendered as dbt renders it, Python models, and every problem reported at once.
 * Each project here is ours, written for the test, laid out as real ones are.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectErrors, SluiceError } from '../../src/errors.js';
import { openSession } from '../../src/session.js';
import { makeProject, runCliAsync } from '../support/project.js';

/** A package as `dbt deps` installs it: the whole repository, its own integration_tests/ project included. */
const INSTALLED_PACKAGE = {
  'dbt_packages/kit/dbt_project.yml': "name: 'key_kit'\nversion: '1.0.0'\nconfig-version: 2\n",
  'dbt_packages/kit/macros/keys.sql': [
    '{% macro surrogate_key(fields) -%}',
    "  {{ return(adapter.dispatch('surrogate_key', 'key_kit')(fields)) }}",
    '{%- endmacro %}',
    '{% macro default__surrogate_key(fields) -%}',
    "  md5({{ dbt.concat(key_kit._coalesced(fields)) }})",
    '{%- endmacro %}',
  ].join('\n'),
  'dbt_packages/kit/macros/_helpers.sql': [
    '{% macro _coalesced(fields) -%}',
    '  {%- set out = [] -%}',
    "  {%- for field in fields -%}{%- do out.append(\"coalesce(cast(\" ~ field ~ \" as varchar), '')\") -%}{%- endfor -%}",
    '  {{ return(out) }}',
    '{%- endmacro %}',
  ].join('\n'),
  // The package's own test project: not a package, its models are not ours.
  'dbt_packages/kit/integration_tests/dbt_project.yml': "name: 'key_kit_integration_tests'\nprofile: test_project\n",
  'dbt_packages/kit/integration_tests/models/only_in_integration_tests.sql': 'select broken sql {{ nope(',
  'dbt_packages/kit/integration_tests/packages.yml': 'packages:\n  - local: ../\n',
  'packages.yml': 'packages:\n  - package: acme/key_kit\n    version: 1.0.0\n',
};

function problemsOf(work: () => unknown): SluiceError[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ProjectErrors) return error.problems;
    if (error instanceof SluiceError) return [error];
    throw error;
  }
  throw new Error('expected the project to fail to load');
}

describe('packages as dbt deps leaves them', () => {
  it("calls an installed package's macros by its namespace (underscore macros too), and not its integration_tests project", async () => {
    const dir = makeProject({
      ...INSTALLED_PACKAGE,
      'models/orders.sql': "select {{ key_kit.surrogate_key(['id', 'status']) }} as order_key, id from (select 1 as id, 'placed' as status) as o",
    });
    // A link back up the tree, as `dbt deps` makes for a local package, must not send the loader round in circles.
    symlinkSync(join(dir, 'dbt_packages', 'kit'), join(dir, 'dbt_packages', 'kit', 'integration_tests', 'dbt_packages_kit'));
    const session = openSession({ projectDir: dir });
    expect([...session.graph.nodes.keys()].filter((id) => id.startsWith('model.'))).toEqual(['model.test_project.orders']);
    expect(session.project.packages.map((pkg) => pkg.name)).toEqual(['test_project', 'key_kit', 'dbt']);
    const result = await runCliAsync(['run', '--project-dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const compiled = readFileSync(join(dir, 'target/compiled/test_project/models/orders.sql'), 'utf8');
    expect(compiled).toContain("md5(coalesce(cast(id as varchar), '') || coalesce(cast(status as varchar), ''))");
  });

  it("does not reach another package's macro by its bare name, as dbt does not", () => {
    const dir = makeProject({ ...INSTALLED_PACKAGE, 'models/orders.sql': "select {{ surrogate_key(['id']) }} as k from (select 1 as id) as o" });
    const session = openSession({ projectDir: dir, keepGoing: true });
    return runCliAsync(['compile', '--project-dir', dir]).then((result) => {
      expect(session.nodeErrors.size).toBe(0); // parse-time: dbt lets an undefined name pass
      expect(result.stdout).toContain("'surrogate_key' is undefined");
      expect(result.code).toBe(1);
    });
  });

  it("follows dispatch: search_order, and a root project's override of a dbt macro", async () => {
    const dir = makeProject({
      ...INSTALLED_PACKAGE,
      'dbt_project.yml': [
        'name: test_project',
        'profile: test_project',
        'dispatch:',
        '  - macro_namespace: key_kit',
        "    search_order: ['test_project', 'key_kit']",
      ].join('\n'),
      'macros/overrides.sql': [
        "{% macro duckdb__surrogate_key(fields) %}'ours:' || {{ fields | join(\" || ':' || \") }}{% endmacro %}",
        // A root project overrides dbt's own macro for its adapter.
        "{% macro duckdb__concat(fields) %}concat_ws('-', {{ fields | join(', ') }}){% endmacro %}",
      ].join('\n'),
      'models/keys.sql': "select {{ key_kit.surrogate_key(['a', 'b']) }} as k, {{ dbt.concat(['a', 'b']) }} as c from (select 'x' as a, 'y' as b) as t",
    });
    const result = await runCliAsync(['compile', '--project-dir', dir]);
    expect(result.code).toBe(0);
    const compiled = readFileSync(join(dir, 'target/compiled/test_project/models/keys.sql'), 'utf8');
    expect(compiled).toBe("select 'ours:' || a || ':' || b as k, concat_ws('-', a, b) as c from (select 'x' as a, 'y' as b) as t");
  });

  it("names a package's relations with its own generate_schema_name, unless the root project has one", () => {
    const pkg = {
      'dbt_packages/audit/dbt_project.yml': 'name: audit\n',
      'dbt_packages/audit/macros/schema.sql': "{% macro generate_schema_name(custom, node) %}audit_{{ target.schema }}{% endmacro %}",
      'dbt_packages/audit/models/audit_log.sql': 'select 1 as id',
      'models/orders.sql': 'select 1 as id',
    };
    const schemas = (files: Record<string, string>) => {
      const nodes = openSession({ projectDir: makeProject(files) }).graph.nodes;
      return [nodes.get('model.audit.audit_log')!.relation.schema, nodes.get('model.test_project.orders')!.relation.schema];
    };
    expect(schemas(pkg)).toEqual(['audit_main', 'main']);
    const root = { ...pkg, 'macros/schema.sql': "{% macro generate_schema_name(custom, node) %}root_{{ node.package_name }}{% endmacro %}" };
    expect(schemas(root)).toEqual(['root_audit', 'root_test_project']);
  });

  it('reads a local: package from dbt_packages/ when dbt deps installed it there, even if the local path is gone', () => {
    const dir = makeProject({
      'dbt_packages/helpers/dbt_project.yml': "name: 'helpers'\n",
      'dbt_packages/helpers/macros/m.sql': "{% macro hello() %}'hello'{% endmacro %}",
      'packages.yml': 'packages:\n  - local: ../gone/helpers\n',
      'models/a.sql': 'select {{ helpers.hello() }} as greeting',
    });
    const session = openSession({ projectDir: dir });
    expect(session.project.packages.map((pkg) => pkg.name)).toEqual(['test_project', 'helpers', 'dbt']);
  });
});

describe("nodes as dbt identifies them", () => {
  it('keeps disabled per-adapter variants of one model aside and builds the enabled one', async () => {
    const variant = (adapter: string, sql: string) => `{{ config(enabled=target.type == '${adapter}') }}\n${sql}`;
    const dir = makeProject({
      'models/duckdb/dates.sql': variant('duckdb', "select 'duckdb' as built_for"),
      'models/databricks/dates.sql': variant('databricks', "select 'databricks' as built_for"),
      'models/schema.yml': 'version: 2\nmodels:\n  - name: dates\n    columns:\n      - name: built_for\n        tests: [not_null]\n',
    });
    const session = openSession({ projectDir: dir });
    expect(session.graph.nodes.get('model.test_project.dates')!.originalFilePath).toBe('models/duckdb/dates.sql');
    expect(session.project.disabled.map((node) => node.originalFilePath)).toEqual(['models/databricks/dates.sql']);
    const result = await runCliAsync(['build', '--project-dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PASS=2');
    const manifest = JSON.parse(readFileSync(join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.test_project.dates'].original_file_path).toBe('models/duckdb/dates.sql');
    expect(manifest.disabled['model.test_project.dates'].map((node: { original_file_path: string }) => node.original_file_path)).toEqual(['models/databricks/dates.sql']);
  });

  it('gives generic tests with the same custom name on different models distinct unique_ids', () => {
    const dir = makeProject({
      'models/a.sql': 'select 1 as id',
      'models/b.sql': 'select 1 as id',
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: a',
        '    columns:',
        '      - name: id',
        '        tests:',
        '          - unique:',
        '              name: id_is_unique',
        '  - name: b',
        '    columns:',
        '      - name: id',
        '        tests:',
        '          - unique:',
        '              name: id_is_unique',
      ].join('\n'),
    });
    const tests = [...openSession({ projectDir: dir }).graph.nodes.values()].filter((node) => node.resourceType === 'test');
    expect(tests.map((test) => test.name)).toEqual(['id_is_unique', 'id_is_unique']);
    expect(new Set(tests.map((test) => test.uniqueId)).size).toBe(2);
    expect(tests.every((test) => /^test\.test_project\.id_is_unique\.[0-9a-f]{10}$/.test(test.uniqueId))).toBe(true);
  });

  it("reads a test's name as dbt does, from the start of the key (a stray colon after it is ignored)", () => {
    const dir = makeProject({
      'models/a.sql': 'select 1 as id',
      'models/schema.yml': ['version: 2', 'models:', '  - name: a', '    tests:', '      - "dbt.unique:":', '          column_name: id'].join('\n'),
    });
    const [test] = [...openSession({ projectDir: dir }).graph.nodes.values()].filter((node) => node.resourceType === 'test');
    expect([test.testMetadata!.namespace, test.testMetadata!.name, test.name]).toEqual(['dbt', 'unique', 'dbt_unique_a_id']);
  });

  it('names long generic tests as dbt does: the full name in the unique_id, a hashed short name for the relation', () => {
    const dir = makeProject({
      'models/customer_lifetime_orders.sql': "select 'placed' as order_status",
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: customer_lifetime_orders',
        '    columns:',
        '      - name: order_status',
        '        tests:',
        '          - accepted_values:',
        "              values: ['placed', 'shipped', 'completed', 'returned']",
      ].join('\n'),
    });
    const test = [...openSession({ projectDir: dir }).graph.nodes.values()].find((node) => node.resourceType === 'test')!;
    expect(test.name).toBe('accepted_values_customer_lifetime_orders_order_status__placed__shipped__completed__returned');
    // The first 30 characters of `<test>_<model>`, then the md5 of the full name.
    expect(test.relation.identifier).toBe('accepted_values_customer_lifet_3c6651526224a83f86bffc3569559e7f');
    const short = makeProject({
      'models/orders.sql': "select 'placed' as status",
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: orders',
        '    columns:',
        '      - name: status',
        '        tests:',
        '          - accepted_values:',
        "              values: ['placed', 'shipped', 'completed', 'returned', 'refunded']",
      ].join('\n'),
    });
    // `<test>_<model>` (the column is not part of it) shorter than 30 characters is kept whole.
    const shortTest = [...openSession({ projectDir: short }).graph.nodes.values()].find((node) => node.resourceType === 'test')!;
    expect(shortTest.relation.identifier).toBe('accepted_values_orders_f7fb25779f7c87960db44f52c8c83102');
  });

  it('compiles analyses with their ephemeral parents inlined, and never runs them', async () => {
    const dir = makeProject({
      'models/base.sql': "{{ config(materialized='ephemeral') }}select 1 as id",
      'analyses/explore.sql': "select count(*) from {{ ref('base') }}",
    });
    const compiled = await runCliAsync(['compile', '--project-dir', dir]);
    expect(compiled.code).toBe(0);
    expect(readFileSync(join(dir, 'target/compiled/test_project/analyses/explore.sql'), 'utf8')).toBe('with __dbt__cte__base as (\nselect 1 as id\n)\nselect count(*) from __dbt__cte__base');
    const built = await runCliAsync(['build', '--project-dir', dir]);
    expect(built.stdout).not.toContain('explore');
  });

  it('injects an ephemeral model as a CTE into the tests that read it, relationships `to:` included', async () => {
    const dir = makeProject({
      'models/customers.sql': "{{ config(materialized='ephemeral') }}select 1 as id union all select 2",
      'models/orders.sql': 'select 10 as order_id, 1 as customer_id union all select 11, 2',
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: orders',
        '    columns:',
        '      - name: customer_id',
        '        tests:',
        '          - relationships:',
        "              to: ref('customers')",
        '              field: id',
        '  - name: customers',
        '    columns:',
        '      - name: id',
        '        tests: [unique]',
      ].join('\n'),
    });
    const result = await runCliAsync(['build', '--project-dir', dir]);
    expect(result.stdout).toContain('PASS=3');
    expect(result.code).toBe(0);
  });
});

describe('dbt_project.yml as dbt renders it', () => {
  it('renders config values natively: a var() default false disables, a Jinja materialization applies', () => {
    const dir = makeProject({
      'dbt_project.yml': [
        'name: test_project',
        'profile: test_project',
        'models:',
        '  test_project:',
        '    optional:',
        "      +enabled: \"{{ var('load_optional', false) }}\"",
        "    +materialized: \"{{ 'table' if target.type == 'duckdb' else 'view' }}\"",
      ].join('\n'),
      'models/optional/extra.sql': 'select 1 as id',
      'models/main.sql': 'select 1 as id',
    });
    const session = openSession({ projectDir: dir });
    expect([...session.graph.nodes.keys()]).toEqual(['model.test_project.main']);
    expect(session.graph.nodes.get('model.test_project.main')!.config.materialized).toBe('table');
    const enabled = openSession({ projectDir: dir, vars: '{load_optional: true}' });
    expect(enabled.graph.nodes.has('model.test_project.extra')).toBe(true);
  });
});

describe('YAML properties as dbt renders them', () => {
  it('renders config in properties natively, and a test entry\'s config; descriptions as text, test arguments not at all', async () => {
    const dir = makeProject({
      'seeds/prices.csv': 'sku,price\nA,1.50\nB,2.25\n',
      'seeds/schema.yml': [
        'version: 2',
        'seeds:',
        '  - name: prices',
        '    description: "{{ [1, 2] }}"',
        '    config:',
        '      column_types:',
        "        price: \"{{ 'decimal(10,2)' if target.type == 'duckdb' else 'double' }}\"",
        '    columns:',
        '      - name: sku',
        '        tests:',
        '          - unique:',
        '              config:',
        "                enabled: \"{{ var('check_skus', false) }}\"",
        '          - not_null',
      ].join('\n'),
    });
    const session = openSession({ projectDir: dir });
    const seed = session.graph.nodes.get('seed.test_project.prices')!;
    expect(seed.config.column_types).toEqual({ price: 'decimal(10,2)' });
    // As dbt's docs pass renders them: text, never a native value.
    expect(seed.description).toBe('[1, 2]');
    expect([...session.graph.nodes.values()].filter((node) => node.resourceType === 'test').map((node) => node.name)).toEqual(['not_null_prices_sku']);
    expect(session.project.disabled.map((node) => node.name)).toEqual(['unique_prices_sku']);
    const built = await runCliAsync(['seed', '--project-dir', dir]);
    expect(built.code).toBe(0);
  });

  it("applies config() written in a generic test's definition, under the YAML entry's own config", () => {
    const dir = makeProject({
      'tests/generic/is_empty.sql': "{% test is_empty(model) %}{{ config(severity='warn', fail_calc='n') }}select count(*) as n from {{ model }}{% endtest %}",
      'models/a.sql': 'select 1 as id',
      'models/schema.yml': ['version: 2', 'models:', '  - name: a', '    tests:', '      - is_empty', '      - is_empty:', '          name: strict_empty', '          config: {severity: error}'].join('\n'),
    });
    const tests = [...openSession({ projectDir: dir }).graph.nodes.values()].filter((node) => node.resourceType === 'test');
    expect(tests.map((test) => [test.name, test.config.severity, test.config.fail_calc, test.dependsOn.macros])).toEqual([
      ['is_empty_a_', 'warn', 'n', ['macro.dbt.get_where_subquery', 'macro.test_project.test_is_empty']],
      ['strict_empty', 'error', 'n', ['macro.dbt.get_where_subquery', 'macro.test_project.test_is_empty']],
    ]);
  });

  it("resolves a package's ref() to its own model first under the require_ref_prefers_node_package_to_root flag", () => {
    const files = (flag: boolean) => ({
      'dbt_project.yml': `name: test_project\nprofile: test_project\nflags:\n  require_ref_prefers_node_package_to_root: ${flag}\n`,
      'models/dates.sql': "select 'root' as owner",
      'dbt_packages/calendar/dbt_project.yml': 'name: calendar\n',
      'dbt_packages/calendar/models/dates.sql': "select 'calendar' as owner",
      'dbt_packages/calendar/models/weeks.sql': "select * from {{ ref('dates') }}",
    });
    const parentOf = (flag: boolean) => [...openSession({ projectDir: makeProject(files(flag)) }).graph.parents.get('model.calendar.weeks')!];
    expect(parentOf(false)).toEqual(['model.test_project.dates']);
    expect(parentOf(true)).toEqual(['model.calendar.dates']);
  });
});

describe('compiling without the warehouse', () => {
  it('compiles a Databricks project with no workspace to reach, until a template asks the warehouse something', async () => {
    const profile = [
      'test_project:',
      '  target: prod',
      '  outputs:',
      '    prod:',
      '      type: databricks',
      '      host: workspace.invalid',
      '      http_path: /sql/1.0/warehouses/x',
      '      token: not-a-token',
      '      catalog: main',
      '      schema: analytics',
    ].join('\n');
    const dir = makeProject({ 'profiles.yml': profile, 'models/a.sql': "select {{ dbt.concat(['x', 'y']) }} as xy", 'models/b.sql': "{% if execute %}{% do run_query('select 1') %}{% endif %}select 1 as one" });
    const result = await runCliAsync(['compile', '--project-dir', dir]);
    expect(readFileSync(join(dir, 'target/compiled/test_project/models/a.sql'), 'utf8')).toBe('select concat(x, y) as xy');
    expect(result.stdout).toMatch(/ERROR\s+view model analytics\.b/);
    expect(result.code).toBe(1);
  });
});

describe('Python models', () => {
  it('reads their refs and config, compiles them with the dbt object, and says at build time that Sluice cannot run them', async () => {
    const dir = makeProject({
      'models/orders.sql': 'select 1 as id',
      'models/scores.py': [
        'def model(dbt, session):',
        '    # dbt.ref("not_a_call") in a comment is not a dependency',
        "    dbt.config(materialized='table', tags=['py'])",
        "    orders = dbt.ref('orders')",
        '    return orders',
      ].join('\n'),
      'models/after_scores.sql': "select * from {{ ref('scores') }}",
    });
    const session = openSession({ projectDir: dir });
    const scores = session.graph.nodes.get('model.test_project.scores')!;
    expect(scores.refs).toEqual([{ name: 'orders' }]);
    expect(scores.config.tags).toEqual(['py']);
    expect([...session.graph.children.get('model.test_project.scores')!]).toEqual(['model.test_project.after_scores']);
    const compiled = await runCliAsync(['compile', '--project-dir', dir]);
    expect(compiled.code).toBe(0);
    const code = readFileSync(join(dir, 'target/compiled/test_project/models/scores.py'), 'utf8');
    expect(code).toContain("orders = dbt.ref('orders')");
    expect(code).toContain('_dbt_refs = {"orders": "\\"main\\".\\"orders\\""}');
    const built = await runCliAsync(['run', '--project-dir', dir]);
    expect(built.code).toBe(1);
    expect(built.stdout).toContain("'scores' is a Python model: Sluice compiles Python models but cannot run them");
    expect(built.stdout).toMatch(/SKIP\s+view model main\.after_scores/);
  });

  it('refuses a dbt.ref() argument that is not a literal, naming the file and line', () => {
    const dir = makeProject({ 'models/p.py': "def model(dbt, session):\n    name = 'orders'\n    return dbt.ref(name)\n" });
    const [problem] = problemsOf(() => openSession({ projectDir: dir }));
    expect(problem.message).toContain('takes literal arguments only');
    expect([problem.file, problem.line]).toEqual(['models/p.py', 3]);
  });
});

describe('every problem at once', () => {
  it('reports each broken file of a project together, with file and line', () => {
    const dir = makeProject({
      'models/a.sql': "select * from {{ ref('nope') }}",
      'models/b.sql': 'select 1\n{% if %}',
      'models/c.sql': 'select 1 as fine',
      'models/d.sql': "select * from {{ source('raw', 'missing') }}",
    });
    const problems = problemsOf(() => openSession({ projectDir: dir }));
    expect(problems.map((problem) => `${problem.file}:${problem.line}`).sort()).toEqual(['models/a.sql:1', 'models/b.sql:2', 'models/d.sql:1']);
  });

  it('reports every broken YAML file together', () => {
    const dir = makeProject({
      'models/one.yml': 'version: 2\nmodels: [\n  - name: x\n',
      'models/two.yml': 'version: 2\nmodels:\n  - name: y\n   columns: []\n',
      'models/c.sql': 'select 1 as fine',
    });
    const problems = problemsOf(() => openSession({ projectDir: dir }));
    expect(problems.map((problem) => problem.file).sort()).toEqual(['models/one.yml', 'models/two.yml']);
  });

  it('compiles every node it can and reports the others, exit 2 for an invalid project', async () => {
    const dir = makeProject({
      'models/a.sql': "select * from {{ ref('nope') }}",
      'models/b.sql': "select {{ this_macro_does_not_exist() }} as x",
      'models/c.sql': 'select 1 as fine',
    });
    const result = await runCliAsync(['compile', '--project-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("depends on ref('nope'), which was not found");
    expect(result.stdout).toContain("'this_macro_does_not_exist' is undefined");
    expect(readFileSync(join(dir, 'target/compiled/test_project/models/c.sql'), 'utf8')).toBe('select 1 as fine');
  });
});
