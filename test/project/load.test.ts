/** Loading projects: configs, profiles, YAML properties and the errors for bad input. */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../../src/errors.js';
import { loadProject } from '../../src/project/load.js';
import { openSession } from '../../src/session.js';
import { makeProject } from '../support/project.js';

function errorOf(work: () => unknown): SluiceError {
  try {
    work();
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('expected a SluiceError');
}

describe('dbt_project.yml configs', () => {
  it('applies the config tree along the fqn, with + keys, append for tags and YAML config on top', () => {
    const dir = makeProject({
      'dbt_project.yml': `name: test_project
profile: test_project
models:
  +tags: ['all']
  test_project:
    +materialized: table
    staging:
      materialized: view
      +tags: ['staging']
      +meta: {owner: data}
`,
      'models/staging/stg_a.sql': 'select 1 as id',
      'models/marts/fact_a.sql': 'select 1 as id',
      'models/staging/props.yml': 'version: 2\nmodels:\n  - name: stg_a\n    config:\n      tags: [yaml]\n      meta: {pii: false}\n',
    });
    const project = loadProject({ projectDir: dir });
    const stg = project.nodes.get('model.test_project.stg_a')!;
    expect(stg.config.materialized).toBe('view');
    expect(stg.config.tags).toEqual(['all', 'staging', 'yaml']);
    expect(stg.config.meta).toEqual({ owner: 'data', pii: false });
    expect(project.nodes.get('model.test_project.fact_a')!.config.materialized).toBe('table');
  });

  it('warns about an unknown config key without failing', () => {
    const dir = makeProject({
      'dbt_project.yml': 'name: test_project\nprofile: test_project\nmodels:\n  test_project:\n    +materialised: table\n',
      'models/a.sql': 'select 1',
    });
    const project = loadProject({ projectDir: dir });
    expect(project.warnings.map((warning) => warning.message).join('\n')).toContain("unknown config key 'materialised'");
  });
});

describe('profiles', () => {
  it('renders env_var() and picks --target', () => {
    const dir = makeProject({
      'profiles.yml': `test_project:
  target: dev
  outputs:
    dev: {type: duckdb, path: dev.duckdb, schema: main}
    ci:
      type: duckdb
      path: "{{ env_var('SLUICE_TEST_DB') }}"
      schema: "{{ env_var('SLUICE_TEST_SCHEMA', 'fallback') }}"
      threads: 3
`,
      'models/a.sql': 'select 1',
    });
    const project = loadProject({ projectDir: dir, target: 'ci', env: { SLUICE_TEST_DB: 'ci.duckdb' } });
    expect(project.profile.targetName).toBe('ci');
    expect(project.profile.target).toMatchObject({ path: 'ci.duckdb', schema: 'fallback', threads: 3 });
  });

  it('says where it looked when profiles.yml is missing', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1' });
    const empty = join(dir, 'nowhere');
    mkdirSync(empty);
    const error = errorOf(() => loadProject({ projectDir: dir, profilesDir: empty }));
    expect(error.message).toContain("No profiles.yml found for profile 'test_project'");
    expect(error.hint).toContain(empty);
  });

  it('names the missing target and the ones that exist', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1' });
    const error = errorOf(() => loadProject({ projectDir: dir, target: 'staging' }));
    expect(error.message).toBe("Target 'staging' not found in profile 'test_project'");
    expect(error.hint).toContain('targets there: prod');
  });

  it('names the missing environment variable', () => {
    const dir = makeProject({
      'profiles.yml': "test_project:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: \"{{ env_var('SLUICE_NOT_SET_ANYWHERE') }}\"\n      schema: main\n",
    });
    const error = errorOf(() => loadProject({ projectDir: dir, env: {} }));
    expect(error.message).toContain("'SLUICE_NOT_SET_ANYWHERE' is required but not set");
    expect(error.file).toContain('profiles.yml');
  });
});

describe('bad input', () => {
  it('reports malformed YAML with file and line', () => {
    const dir = makeProject({ 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns: [\n' });
    const error = errorOf(() => loadProject({ projectDir: dir }));
    expect(error.message).toMatch(/^Invalid YAML/);
    expect(error.file).toBe('models/schema.yml');
    expect(error.line).toBeGreaterThanOrEqual(4);
  });

  it('rejects two enabled models with one name', () => {
    const dir = makeProject({ 'models/a/orders.sql': 'select 1', 'models/b/orders.sql': 'select 2' });
    const error = errorOf(() => openSession({ projectDir: dir }));
    expect(error.message).toContain("Two models are named 'orders'");
    expect(error.message).toContain('models/a/orders.sql');
    expect(error.message).toContain('models/b/orders.sql');
  });
});

describe('YAML properties', () => {
  it('creates sources, generic tests with dbt names, unit tests and exposures', () => {
    const dir = makeProject({
      'models/orders.sql': "select * from {{ source('erp', 'orders') }}",
      'models/schema.yml': `version: 2
sources:
  - name: erp
    schema: raw
    tables:
      - name: orders
        identifier: ORDERS_V2
        columns:
          - name: id
            tests: [not_null]
models:
  - name: orders
    description: All orders
    columns:
      - name: status
        data_tests:
          - accepted_values:
              values: [placed, shipped]
              quote: false
unit_tests:
  - name: keeps_rows
    model: orders
    given:
      - input: source('erp', 'orders')
        rows: [{id: 1}]
    expect:
      rows: [{id: 1}]
exposures:
  - name: dashboard
    type: dashboard
    owner: {name: BI}
    depends_on: [ref('orders')]
`,
    });
    const project = loadProject({ projectDir: dir });
    const source = project.nodes.get('source.test_project.erp.orders')!;
    expect(source.relation).toMatchObject({ schema: 'raw', identifier: 'ORDERS_V2' });
    const names = [...project.nodes.values()].filter((node) => node.resourceType === 'test').map((node) => node.name).sort();
    expect(names).toEqual(['accepted_values_orders_status__False__placed__shipped', 'source_not_null_erp_orders_id']);
    expect(project.nodes.get('unit_test.test_project.orders.keeps_rows')!.unitTest!.given[0].rows).toEqual([{ id: 1 }]);
    expect(project.nodes.get('exposure.test_project.dashboard')!.refs).toEqual([{ name: 'orders' }]);
    expect(project.nodes.get('model.test_project.orders')!.description).toBe('All orders');
  });

  it('reads duplicate keys as dbt does (PyYAML): the last one wins', () => {
    const dir = makeProject({
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: orders\n    description: first draft\n    description: One row per order.\n',
    });
    const project = loadProject({ projectDir: dir });
    const orders = [...project.nodes.values()].find((node) => node.name === 'orders')!;
    expect(orders.description).toBe('One row per order.');
  });

  it('loads model versions with their own aliases', () => {
    const dir = makeProject({
      'models/dim.sql': 'select 2 as v',
      'models/dim_v1.sql': 'select 1 as v',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: dim\n    latest_version: 2\n    versions:\n      - v: 1\n      - v: 2\n',
    });
    const project = loadProject({ projectDir: dir });
    expect(project.nodes.get('model.test_project.dim.v1')!.rawCode).toBe('select 1 as v');
    expect(project.nodes.get('model.test_project.dim.v2')!.rawCode).toBe('select 2 as v');
    expect(project.nodes.has('model.test_project.dim_v1')).toBe(false);
  });

  it('loads local packages from packages.yml', () => {
    const dir = makeProject({
      'packages.yml': 'packages:\n  - local: ./libs/helpers\n',
      'libs/helpers/dbt_project.yml': 'name: helpers\n',
      'libs/helpers/macros/shout.sql': '{% macro shout(x) %}upper({{ x }}){% endmacro %}',
      'libs/helpers/models/helper_model.sql': 'select 1 as id',
      'models/a.sql': 'select 1',
    });
    const project = loadProject({ projectDir: dir });
    expect(project.macros.has('macro.helpers.shout')).toBe(true);
    expect(project.nodes.get('model.helpers.helper_model')!.packageName).toBe('helpers');
  });

  it('asks for sluice deps when a hub package is declared but not installed', () => {
    const dir = makeProject({ 'packages.yml': 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n' });
    writeFileSync(join(dir, 'models.sql'), '');
    const error = errorOf(() => loadProject({ projectDir: dir }));
    expect(error.hint).toContain('sluice deps');
  });
});
