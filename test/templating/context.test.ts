/** The dbt context: ref/source/var/env_var/config/this/target, macros across files, dispatch, run_query. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { openSession } from '../../src/session.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { makeProject } from '../support/project.js';

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
    expect((await compile(files, 'a')).sql).toBe('"main"."a"|a|dev|duckdb|id|fallback');
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
