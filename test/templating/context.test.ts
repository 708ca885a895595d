/** The dbt context: ref/source/var/env_var/config/this/target, macros across files, dispatch, run_query. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { openSession } from '../../src/session.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, runCliAsync } from '../support/project.js';

const open: Warehouse[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function compile(files: Record<string, string>, model: string, options: { vars?: string; env?: NodeJS.ProcessEnv } = {}) {
  const dir = makeProject(files);
  const session = openSession({ projectDir: dir, vars: options.vars, env: options.env });
  const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
  open.push(warehouse);
  const node = session.graph.nodes.get(`model.test_project.${model}`)!;
  return { sql: (await session.renderer.render(node, { warehouse })).trim(), session, warehouse };
}

describe('dbt context', () => {
  it('resolves var() from --vars over dbt_project.yml, with defaults', async () => {
    const files = {
      'dbt_project.yml': 'name: test_project\nprofile: test_project\nvars:\n  region: EU\n  limit: 5\n',
      'models/a.sql': "{{ var('region') }} {{ var('limit') }} {{ var('missing', 'dflt') }}",
    };
    expect((await compile(files, 'a')).sql).toBe('EU 5 dflt');
    expect((await compile(files, 'a', { vars: '{region: US}' })).sql).toBe('US 5 dflt');
  });

  it('fails clearly on a required var that is not set', async () => {
    await expect(compile({ 'models/a.sql': "select {{ var('nope') }}" }, 'a')).rejects.toThrow("Required var 'nope' not found");
  });

  it('reads env_var() with a default', async () => {
    const files = { 'models/a.sql': "{{ env_var('SLUICE_CTX_TEST') }}-{{ env_var('SLUICE_CTX_UNSET', 'd') }}" };
    expect((await compile(files, 'a', { env: { SLUICE_CTX_TEST: 'x' } })).sql).toBe('x-d');
  });

  it('renders this, target and config.get', async () => {
    const files = {
      'models/a.sql': "{{ config(materialized='table', unique_key='id') }}{{ this }}|{{ this.identifier }}|{{ target.name }}|{{ target.type }}|{{ config.get('unique_key') }}|{{ config.get('nope', 'fallback') }}",
    };
    expect((await compile(files, 'a')).sql).toBe('"main"."a"|a|prod|duckdb|id|fallback');
  });

  it('calls project macros from models, and dispatches to adapter-prefixed then default__ implementations', async () => {
    const files = {
      'macros/money.sql': [
        "{% macro money(col) %}{{ return(adapter.dispatch('money', 'test_project')(col)) }}{% endmacro %}",
        '{% macro default__money(col) %}round({{ col }}, 2){% endmacro %}',
        '{% macro duckdb__money(col) %}round(cast({{ col }} as decimal(18, 2)), 2){% endmacro %}',
      ].join('\n'),
      'macros/list.sql': "{% macro columns() %}{{ return(['a', 'b']) }}{% endmacro %}",
      'models/a.sql': "select {{ money('x') }}{% for c in columns() %}, {{ c }}{% endfor %}",
    };
    expect((await compile(files, 'a')).sql).toBe('select round(cast(x as decimal(18, 2)), 2), a, b');
  });

  it('answers run_query from the warehouse while compiling', async () => {
    const files = {
      'models/a.sql': [
        "{% set result = run_query('select 40 + 2 as answer union all select 7') %}",
        '{% if execute %}{% for row in result.rows %}{{ row[0] }};{% endfor %}{{ result.columns[0].values() | sum }}{% endif %}',
      ].join(''),
    };
    expect((await compile(files, 'a')).sql).toBe('42;7;49');
  });

  it('runs statement blocks and load_result', async () => {
    const files = {
      'models/a.sql': "{% call statement('numbers', fetch_result=True) %}select 3 as n{% endcall %}{% if execute %}{{ load_result('numbers')['data'][0][0] }}{% endif %}",
    };
    expect((await compile(files, 'a')).sql).toBe('3');
  });

  it('exposes columns of a relation through adapter.get_columns_in_relation', async () => {
    const files = {
      'models/a.sql':
        "{% set cols = adapter.get_columns_in_relation(api.Relation.create(schema='main', identifier='t')) %}{% for c in cols %}{{ c.name }}:{{ c.data_type }}:{{ c.is_string() }}:{{ c.is_number() }} {% endfor %}",
    };
    const dir = makeProject(files);
    const session = openSession({ projectDir: dir });
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
    open.push(warehouse);
    await warehouse.execute('create table main.t (id integer, name varchar)');
    const sql = await session.renderer.render(session.graph.nodes.get('model.test_project.a')!, { warehouse });
    // dbt's Column: a string column without a size is character varying(256), as dbt-duckdb reports it.
    expect(sql.trim()).toBe('id:INTEGER:False:True name:character varying(256):True:False');
  });

  it('raises compiler errors with the model file', async () => {
    await expect(compile({ 'models/a.sql': "{{ exceptions.raise_compiler_error('bad input here') }}" }, 'a')).rejects.toThrow('bad input here');
  });
});

describe('what packages read from the dbt context', () => {
  it("gives graph nodes dbt's manifest shape: sources' freshness, exposures' owner, models' time_spine and constraints", async () => {
    const files = {
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': [
        'version: 2',
        'sources:',
        '  - name: raw',
        '    tables:',
        '      - name: events',
        '        freshness: {warn_after: {count: 12, period: hour}}',
        'models:',
        '  - name: orders',
        '    time_spine: {standard_granularity_column: id}',
        '    columns:',
        '      - name: id',
        '        constraints: [{type: not_null}]',
        'exposures:',
        '  - name: board',
        '    type: dashboard',
        '    owner: {name: Ana, email: ana@example.com}',
        "    depends_on: [ref('orders')]",
      ].join('\n'),
      'models/report.sql': [
        "{% set src = graph.sources['source.test_project.raw.events'] %}",
        "{% set model = graph.nodes['model.test_project.orders'] %}",
        "{% set board = graph.exposures['exposure.test_project.board'] %}",
        '{{ src.freshness.warn_after.count }} {{ src.freshness.error_after.count }} {{ src.config.freshness }}',
        '|{{ model.time_spine.standard_granularity_column }} {{ tojson(model.columns.id.constraints) }}',
        '|{{ board.owner.email }}',
        "|{{ graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | rejectattr('time_spine', 'none') | map(attribute='name') | join(',') }}",
      ].join(''),
    };
    expect((await compile(files, 'report')).sql).toBe(
      '12 None None|id [{"type": "not_null", "name": null, "expression": null, "warn_unenforced": true, "warn_unsupported": true, "to": null, "to_columns": []}]|ana@example.com|orders',
    );
  });

  it('records the macros a node calls itself as depends_on.macros, not those they call', () => {
    const dir = makeProject({
      'macros/outer.sql': '{% macro outer() %}{{ inner() }}{% endmacro %}{% macro inner() %}1{% endmacro %}',
      'models/a.sql': 'select {{ outer() }} as x, {{ dbt.concat(["a", "b"]) }} as y',
    });
    const session = openSession({ projectDir: dir });
    expect(session.graph.nodes.get('model.test_project.a')!.dependsOn.macros).toEqual(['macro.dbt.concat', 'macro.test_project.outer']);
  });

  it("lets a project override ref() with a macro that calls dbt's own through builtins.ref", async () => {
    const files = {
      'macros/ref.sql': "{% macro ref(model_name) %}{{ return(builtins.ref(model_name).include(database=false)) }}{% endmacro %}",
      'models/base.sql': 'select 1 as id',
      'models/a.sql': "select * from {{ ref('base') }}",
    };
    expect((await compile(files, 'a')).sql).toBe('select * from "main"."base"');
  });

  it('offers the run config on builtins.ref, where elementary reads package versions', async () => {
    const files = {
      'dbt_packages/kit/dbt_project.yml': "name: kit\nversion: '2.1.0'\n",
      'models/a.sql': "{{ builtins.ref.config.dependencies['kit'].version }} {{ builtins.ref.config.project_name }}",
    };
    expect((await compile(files, 'a')).sql).toBe('2.1.0 test_project');
  });

  it('runs every statement a template issues, identical ones included, and asks the warehouse afresh in each render', async () => {
    const insert = "{% call statement('add', fetch_result=False) %}insert into main.log values (1){% endcall %}";
    const dir = makeProject({
      'models/a.sql': `${insert}${insert}select 1 as id`,
      'models/b.sql': `${insert}select count(*) as n from main.log -- {{ ref('a') }}`,
      'models/c.sql': "{% set cols = adapter.get_columns_in_relation(ref('b')) %}select {{ cols | length }} as n",
    });
    const session = openSession({ projectDir: dir });
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
    open.push(warehouse);
    await warehouse.execute('create table main.log (x integer)');
    const render = (name: string) => session.renderer.render(session.graph.nodes.get(`model.test_project.${name}`)!, { warehouse });
    await render('a');
    await render('b');
    expect((await warehouse.query('select count(*) as n from main.log')).rows).toEqual([{ n: 3 }]);
    expect((await render('c')).trim()).toBe('select 0 as n');
    await warehouse.execute('create table main.b as select 1 as n');
    expect((await render('c')).trim()).toBe('select 1 as n');
  });

  it('says which command runs in flags.WHICH', async () => {
    const dir = makeProject({ 'models/a.sql': "select '{{ flags.WHICH }}' as command" });
    const compiled = await runCliAsync(['compile', '--project-dir', dir]);
    expect(compiled.code).toBe(0);
    expect(readFileSync(join(dir, 'target/compiled/test_project/models/a.sql'), 'utf8')).toBe("select 'compile' as command");
    await runCliAsync(['run', '--project-dir', dir]);
    expect(readFileSync(join(dir, 'target/compiled/test_project/models/a.sql'), 'utf8')).toBe("select 'run' as command");
  });

  it('names the DuckDB catalog in target.database, as dbt-duckdb does', async () => {
    expect((await compile({ 'models/a.sql': '{{ target.database }}' }, 'a')).sql).toBe('test');
  });

  it('iterates a run_query table by rows, and offers dbt Column helpers and the ephemeral prefix', async () => {
    const files = {
      'models/a.sql': [
        "{% for row in run_query('select 1 as n union all select 2 order by n') %}{{ row[0] }}{% endfor %}",
        "|{{ api.Column.translate_type('STRING') }} {{ api.Column.string_type(20) }} {{ api.Column.numeric_type('numeric', 18, 2) }}",
        "|{{ api.Relation.add_ephemeral_prefix('x') }}|{{ adapter.behavior.enable_truthy_nulls_equals_macro.no_warn }}",
      ].join(''),
    };
    expect((await compile(files, 'a')).sql).toBe('12|TEXT character varying(20) numeric(18,2)|__dbt__cte__x|False');
  });

  it('offers set/zip and their strict forms, try_or_compiler_error and dbt_version', async () => {
    const files = {
      'models/a.sql': [
        "{{ set([1, 1, 2]) | list }} {{ set(1, default='none') }} {{ zip([1, 2], ['a', 'b']) | list }} {{ zip(1, default='nz') }}",
        "|{{ try_or_compiler_error('bad', modules.re.escape, 'a.b') }}|{{ dbt_version }}",
      ].join(''),
    };
    expect((await compile(files, 'a')).sql).toBe("[1, 2] none [(1, 'a'), (2, 'b')] nz|a\\.b|1.11.0");
    await expect(compile({ 'models/b.sql': '{{ set_strict(1) }}' }, 'b')).rejects.toThrow('set_strict() got a number, which is not iterable');
  });

  it("reads a DuckDB source from files with external_location, relative to the project's folder", async () => {
    const files = {
      'data/events.csv': 'id,kind\n1,click\n2,view\n',
      'models/schema.yml': ['version: 2', 'sources:', '  - name: files', '    meta:', "      external_location: 'data/{name}.csv'", '    tables:', '      - name: events'].join('\n'),
      'models/a.sql': "select count(*) as n from {{ source('files', 'events') }}",
    };
    const { sql, warehouse, session } = await compile(files, 'a');
    expect(sql).toBe(`select count(*) as n from '${join(session.project.root, 'data/events.csv')}'`);
    expect((await warehouse.query(sql)).rows).toEqual([{ n: 2 }]);
  });
});
