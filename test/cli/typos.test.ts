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
