/** Typos and small mistakes are caught and named, with a did-you-mean, before any SQL runs (issue 14). */
import { describe, expect, it } from '@jest/globals';
import { makeProject, runCli } from '../support/project.js';

const MODELS = {
  'models/dim_customers.sql': 'select 1 as id',
  'models/orders.sql': "select id from {{ ref('dim_customers') }}",
};

describe('a selection that matches nothing', () => {
  it('warns with a did-you-mean and exits 0, as dbt does; --warn-error makes it exit 2', () => {
    const dir = makeProject(MODELS);
    const ls = runCli(['ls', '--project-dir', dir, '--profiles-dir', dir, '--select', 'dim_customer']);
    expect(ls.code).toBe(0);
    expect(ls.stdout).toContain("Warning: The selection criterion 'dim_customer' does not match any enabled nodes (did you mean 'dim_customers'?)");

    const path = runCli(['ls', '--project-dir', dir, '--profiles-dir', dir, '--select', 'path:models/nope', 'orders']);
    expect(path.code).toBe(0);
    expect(path.stdout).toContain("Warning: The selection criterion 'path:models/nope' does not match any enabled nodes");
    expect(path.stdout).toContain('test_project.orders');

    const run = runCli(['run', '--project-dir', dir, '--profiles-dir', dir, '--select', 'dim_customer']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(did you mean 'dim_customers'?)");
    expect(run.stdout).toContain('Nothing to do');

    const strict = runCli(['run', '--project-dir', dir, '--profiles-dir', dir, '--select', 'dim_customer', '--warn-error']);
    expect(strict.code).toBe(2);
    expect(strict.stderr + strict.stdout).toContain("The selection criterion 'dim_customer' does not match any enabled nodes");
  });
});

describe('a generic test that names no test macro', () => {
  it('is exit 2 when the project loads, before any model is built', () => {
    const dir = makeProject({ ...MODELS, 'models/schema.yml': 'models:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [not_null, uniqe]\n' });
    const build = runCli(['build', '--project-dir', dir, '--profiles-dir', dir]);
    expect(build.code).toBe(2);
    expect(build.stderr).toContain("Error: Unknown generic test 'uniqe' on column 'id' of model 'orders'");
    expect(build.stderr).toContain('at models/schema.yml:5');
    expect(build.stderr).toContain("hint: did you mean 'unique'?");
    expect(build.stdout).not.toContain('OK');
  });
});

describe('Jinja that names something that does not exist', () => {
  it('an unknown macro gets a did-you-mean, a var() iterated while unset names the variable, doc() names the block', () => {
    const dir = makeProject({
      ...MODELS,
      'macros/cents.sql': '{% macro to_cents(column) %}{{ column }} * 100{% endmacro %}',
      'models/docs.md': '{% docs orders_table %}One row per order.{% enddocs %}',
      'models/amounts.sql': "select\n  {{ to_cent('id') }} as cents\nfrom {{ ref('orders') }}",
      'models/wide.sql': "select id\n{% for column in var('extra_columns') %}\n  , {{ column }}\n{% endfor %}\nfrom {{ ref('orders') }}",
      'models/described.sql': "select id from {{ ref('orders') }} -- {{ doc('orders_tabel') }}",
    });
    const compile = runCli(['compile', '--project-dir', dir, '--profiles-dir', dir]);
    expect(compile.code).toBe(2);
    expect(compile.stdout).toContain("UndefinedError: 'to_cent' is undefined (models/amounts.sql:2)\n      hint: did you mean 'to_cents'?");
    expect(compile.stdout).toContain("TypeError: 'NoneType' object is not iterable: var('extra_columns') is None, the variable is not set (models/wide.sql:2)");
    expect(compile.stdout).toContain("hint: set extra_columns under vars: in dbt_project.yml or with --vars, or give var() a default: var('extra_columns', [])");
    expect(compile.stdout).toContain("Documentation block 'orders_tabel' not found");
  });
});
