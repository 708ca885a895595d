/**
 * selectors.yml and the selection flags dbt workflows use: --selector, -m/--models, --indirect-selection,
 * --warn-error and --warn-error-options.
 */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { selectForCommand } from '../../src/execute/run-task.js';
import { openSession } from '../../src/session.js';
import { makeProject, runCliAsync } from '../support/project.js';

const MODELS = {
  'models/staging/stg_orders.sql': "{{ config(tags=['nightly']) }}select 1 as id",
  'models/staging/stg_customers.sql': "{{ config(tags=['nightly']) }}select 1 as id",
  'models/marts/orders.sql': "select * from {{ ref('stg_orders') }}",
  'models/marts/customers.sql': "select * from {{ ref('stg_customers') }}",
  'models/marts/report.sql': "select * from {{ ref('orders') }} join {{ ref('customers') }} using (id)",
  'models/schema.yml': ['version: 2', 'models:', '  - name: report', '    columns:', '      - name: id', '        tests: [unique]'].join('\n'),
};

function names(files: Record<string, string>, selector?: string, resourceTypes: Array<'model' | 'test'> = ['model']): string[] {
  const session = openSession({ projectDir: makeProject({ ...MODELS, ...files }) });
  return selectForCommand(session, 'ls', { selector }, resourceTypes).map((node) => node.name);
}

function errorOf(work: () => unknown): SluiceError {
  try {
    work();
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('expected a SluiceError');
}

const selectorsFile = (lines: string[]) => ({ 'selectors.yml': ['selectors:', ...lines].join('\n') });

describe('selectors.yml', () => {
  it('reads a selector string, method/value with graph options, the {tag: x} shorthand and a reference to another selector', () => {
    const files = selectorsFile([
      '  - name: as_string',
      '    definition: tag:nightly',
      '  - name: with_children',
      '    definition: {method: fqn, value: stg_orders, children: true}',
      '  - name: one_generation',
      '    definition: {method: path, value: models/marts/report.sql, parents: true, parents_depth: 1}',
      '  - name: shorthand',
      '    definition: {tag: nightly}',
      '  - name: reused',
      '    definition: {method: selector, value: as_string}',
    ]);
    expect(names(files, 'as_string')).toEqual(['stg_customers', 'stg_orders']);
    expect(names(files, 'with_children')).toEqual(['orders', 'report', 'stg_orders']);
    expect(names(files, 'one_generation')).toEqual(['customers', 'orders', 'report']);
    expect(names(files, 'shorthand')).toEqual(['stg_customers', 'stg_orders']);
    expect(names(files, 'reused')).toEqual(['stg_customers', 'stg_orders']);
  });

  it('combines definitions with union, intersection and exclude', () => {
    const files = selectorsFile([
      '  - name: marts_but_report',
      '    definition:',
      '      union:',
      '        - path: models/marts',
      '        - exclude:',
      '            - report',
      '  - name: nightly_orders',
      '    definition:',
      '      intersection:',
      '        - tag:nightly',
      '        - method: fqn',
      '          value: "*orders"',
      '  - name: upstream_of_report_not_staging',
      '    definition:',
      '      method: fqn',
      '      value: report',
      '      parents: true',
      '      exclude: [path:models/staging]',
    ]);
    expect(names(files, 'marts_but_report')).toEqual(['customers', 'orders']);
    expect(names(files, 'nightly_orders')).toEqual(['stg_orders']);
    expect(names(files, 'upstream_of_report_not_staging')).toEqual(['customers', 'orders', 'report']);
  });

  it('uses the default selector when nothing is selected, and indirect selection per definition', () => {
    const files = selectorsFile([
      '  - name: daily',
      '    default: true',
      '    definition: {method: fqn, value: report, indirect_selection: empty}',
      '  - name: report_tests',
      '    definition: {method: fqn, value: report}',
    ]);
    expect(names(files, undefined, ['model', 'test'])).toEqual(['report']);
    expect(names(files, 'report_tests', ['model', 'test'])).toEqual(['report', 'unique_report_id']);
  });

  it('rejects what dbt rejects, with file and line', () => {
    const bad = (lines: string[]) => errorOf(() => openSession({ projectDir: makeProject({ ...MODELS, ...selectorsFile(lines) }) }));
    const unknownKey = bad(['  - name: a', '    definition:', '      method: tag', '      value: nightly', '      parentz: true']);
    expect([unknownKey.message, unknownKey.file, unknownKey.line]).toEqual(["selectors.yml: unknown key 'parentz'", 'selectors.yml', 6]);
    expect(bad(['  - name: a', '    definition: [tag:nightly]']).message).toContain('not a list');
    expect(bad(['  - name: a', '    definition: {method: selector, value: later}', '  - name: later', '    definition: tag:x']).message).toContain("selector 'later' is not defined above this one");
    expect(bad(['  - name: a', '    default: true', '    definition: tag:x', '  - name: b', '    default: true', '    definition: tag:y']).message).toContain('both default');
    const session = openSession({ projectDir: makeProject({ ...MODELS, ...selectorsFile(['  - name: nightly', '    definition: tag:nightly']) }) });
    expect(errorOf(() => selectForCommand(session, 'ls', { selector: 'nightlyy' })).hint).toBe("did you mean 'nightly'?");
    expect(errorOf(() => selectForCommand(session, 'ls', { selector: 'nightly', select: ['report'] })).message).toBe('--selector cannot be combined with --select or --exclude');
  });
});

describe('selection flags on the command line', () => {
  it('builds what --selector names, takes -m as --select, and --indirect-selection empty leaves tests out', async () => {
    const dir = makeProject({ ...MODELS, ...selectorsFile(['  - name: report_only', '    definition: {method: fqn, value: report, parents: true}']) });
    const built = await runCliAsync(['build', '--project-dir', dir, '--selector', 'report_only']);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('PASS=6');
    const listed = await runCliAsync(['ls', '--project-dir', dir, '-m', 'report', '--output', 'name']);
    expect(listed.stdout.trim().split('\n')).toEqual(['report', 'unique_report_id']);
    const noTests = await runCliAsync(['ls', '--project-dir', dir, '-m', 'report', '--indirect-selection', 'empty', '--output', 'name']);
    expect(noTests.stdout.trim().split('\n')).toEqual(['report']);
  });

  it('fails a warning test with --warn-error, and with --warn-error-options naming LogTestResult', async () => {
    const dir = makeProject({
      'models/a.sql': 'select 1 as id union all select 1',
      'models/schema.yml': ['version: 2', 'models:', '  - name: a', '    columns:', '      - name: id', '        tests:', '          - unique:', '              config: {severity: warn}'].join('\n'),
    });
    const plain = await runCliAsync(['build', '--project-dir', dir]);
    expect([plain.code, plain.stdout.includes('WARN=1')]).toEqual([0, true]);
    const strict = await runCliAsync(['build', '--project-dir', dir, '--warn-error']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('configured to warn if != 0 (--warn-error)');
    const byOptions = await runCliAsync(['build', '--project-dir', dir, '--warn-error-options', '{"include": ["LogTestResult"]}']);
    expect(byOptions.code).toBe(1);
    const excluded = await runCliAsync(['build', '--project-dir', dir, '--warn-error-options', '{"include": "all", "exclude": ["LogTestResult"]}']);
    expect(excluded.code).toBe(0);
  });
});
