/**
 * `sluice lint` as a user runs it: findings at the author's lines through Jinja, the output formats,
 * --changed-since, --fix, noqa, sluice.yml settings, and bad input (files that do not render, do not
 * parse, are binary or empty; unknown rules; unknown git refs).
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../src/pipeline.js';
import { REPO_ROOT, makeProject, runCli } from '../support/project.js';

interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
}

interface LintJson {
  lint: Finding[];
  fixed: string[];
  stats: { files: number; parse_attempted: number; parsed: number; workers: number; unparsed: Array<{ file: string; reason: string }> };
}

const SOURCES = `version: 2
sources:
  - name: raw
    tables:
      - name: orders
`;

function lintJson(dir: string, ...args: string[]): { code: number; json: LintJson; stderr: string } {
  const result = runCli(['lint', '--project-dir', dir, '--format', 'json', ...args]);
  if (result.code !== 0 && result.code !== 1) throw new Error(`lint exited ${result.code}: ${result.stderr}`);
  return { code: result.code, json: JSON.parse(result.stdout) as LintJson, stderr: result.stderr };
}

const ofRule = (json: LintJson, rule: string) => json.lint.filter((finding) => finding.rule === rule);

/** A project as `dbt init` and jaffle-shop lay it out: stg_ models in staging/, unprefixed marts, tests, few descriptions. */
const JAFFLE_STYLE = {
  'models/staging/__sources.yml': 'version: 2\nsources:\n  - name: ecom\n    tables:\n      - name: raw_customers\n      - name: raw_orders\n',
  'models/staging/stg_customers.sql':
    "with\n\nsource as (\n\n    select * from {{ source('ecom', 'raw_customers') }}\n\n),\n\nrenamed as (\n\n    select\n        id as customer_id,\n        name as customer_name\n\n    from source\n\n)\n\nselect * from renamed\n",
  'models/staging/stg_orders.sql':
    "with\n\nsource as (\n\n    select * from {{ source('ecom', 'raw_orders') }}\n\n),\n\nrenamed as (\n\n    select\n        id as order_id,\n        customer as customer_id,\n        order_total\n\n    from source\n\n)\n\nselect * from renamed\n",
  'models/staging/stg_models.yml':
    'version: 2\nmodels:\n  - name: stg_customers\n    columns:\n      - name: customer_id\n        data_tests: [unique, not_null]\n  - name: stg_orders\n    columns:\n      - name: order_id\n        data_tests: [unique, not_null]\n',
  'models/marts/orders.sql': "select\n    order_id,\n    customer_id,\n    order_total\nfrom {{ ref('stg_orders') }}\n",
  'models/marts/customers.sql':
    "with\n\ncustomers as (\n\n    select * from {{ ref('stg_customers') }}\n\n),\n\norders as (\n\n    select * from {{ ref('orders') }}\n\n)\n\nselect\n    customers.customer_id,\n    customers.customer_name,\n    count(orders.order_id) as count_lifetime_orders\nfrom customers\nleft join orders on customers.customer_id = orders.customer_id\ngroup by 1, 2\n",
  'models/marts/marts.yml':
    'version: 2\nmodels:\n  - name: orders\n    description: One row per order.\n    columns:\n      - name: order_id\n        data_tests: [unique, not_null]\n      - name: order_total\n  - name: customers\n    columns:\n      - name: customer_id\n        description: The key.\n        data_tests: [unique, not_null]\n      - name: customer_name\n',
};

describe('what sluice lint checks by default', () => {
  test('a jaffle-shop-style project lints clean; what sluice.yml opts in to (format, SL07, layers) is then checked', () => {
    const { code, json } = lintJson(makeProject(JAFFLE_STYLE));
    expect(json.lint).toEqual([]);
    expect(code).toBe(0);
    expect(json.stats.files).toBe(4);

    const optedIn = lintJson(
      makeProject({
        ...JAFFLE_STYLE,
        'sluice.yml': 'lint:\n  format: true\n  rules: { SL07: warning }\n  layers:\n    staging: { folders: [staging], prefixes: [stg_] }\n    marts: { folders: [marts], prefixes: [fct_, dim_] }\n',
      }),
    ).json;
    expect(ofRule(optedIn, 'SL01').map((finding) => finding.file)).toEqual(['models/marts/customers.sql', 'models/marts/orders.sql']);
    expect(ofRule(optedIn, 'SL07').length).toBeGreaterThanOrEqual(4);
    expect(ofRule(optedIn, 'FMT01').length).toBeGreaterThan(0);
  });

  test('default layers count where the project clearly follows them: 2 or more models, at least 3/4 of a folder, carry the prefix', () => {
    const staging = {
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n',
      'models/staging/stg_payments.sql': 'select id from {{ source("raw", "orders") }}\n',
    };
    const model = "select id\nfrom {{ ref('stg_orders') }}\n";
    // 3 of 4 marts carry an analytics prefix: the layer is followed, and the fourth is a finding.
    const followed = lintJson(makeProject({ ...staging, 'models/marts/dim_a.sql': model, 'models/marts/fct_b.sql': model, 'models/marts/fct_c.sql': model, 'models/marts/orders.sql': model })).json;
    expect(ofRule(followed, 'SL01').map((finding) => finding.file)).toEqual(['models/marts/orders.sql']);
    // 2 of 4: no convention to hold the others to.
    const mixed = lintJson(makeProject({ ...staging, 'models/marts/dim_a.sql': model, 'models/marts/fct_b.sql': model, 'models/marts/c.sql': model, 'models/marts/orders.sql': model })).json;
    expect(ofRule(mixed, 'SL01')).toEqual([]);
    // A single stg_ model proves nothing: staging/ is no layer, so neither SL01 nor SL03 (nothing is "outside staging").
    const single = lintJson(
      makeProject({
        'models/staging/sources.yml': SOURCES,
        'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n',
        'models/staging/orders_raw.sql': 'select id from {{ source("raw", "orders") }}\n',
        'models/marts/dim_a.sql': 'select id from {{ source("raw", "orders") }}\n',
        'models/marts/fct_b.sql': model,
      }),
    ).json;
    expect(single.lint.filter((finding) => /^SL0[1-4]$/.test(finding.rule))).toEqual([]);
    // Layers written in sluice.yml always count.
    const configured = lintJson(makeProject({ ...staging, 'models/marts/orders.sql': model, 'sluice.yml': 'lint:\n  layers:\n    staging: { folders: [staging], prefixes: [stg_] }\n    marts: { folders: [marts], prefixes: [fct_] }\n' })).json;
    expect(ofRule(configured, 'SL01').map((finding) => finding.file)).toEqual(['models/marts/orders.sql']);
  });

  test('--select reports only the findings of the files it selected, project rules included', () => {
    const dir = makeProject({
      'models/staging/sources.yml': `${SOURCES}      - name: unused\n`,
      'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_a.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
      'models/analytics/fact_b.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
    });
    const all = lintJson(dir).json;
    expect(new Set(all.lint.map((finding) => finding.file))).toEqual(new Set(['models/staging/sources.yml', 'models/staging/stg_orders.sql', 'models/analytics/fact_a.sql', 'models/analytics/fact_b.sql']));
    const selected = lintJson(dir, '--select', 'fact_a').json;
    expect(selected.stats.files).toBe(1);
    expect(selected.lint.length).toBeGreaterThan(0);
    expect(selected.lint.filter((finding) => finding.file !== 'models/analytics/fact_a.sql')).toEqual([]);
  });

  test('sluice lint --help says which rules run by default and how to turn the others on', () => {
    const help = runCli(['lint', '--help']);
    expect(help.code).toBe(0);
    const [on, off] = help.stdout.split('Off unless sluice.yml turns them on:');
    expect(on).toMatch(/Rules on by default/);
    expect(on).toMatch(/^ {2}AM04 /m);
    expect(on).toMatch(/^ {2}SL01 /m);
    expect(on).not.toMatch(/^ {2}(SL07|FMT01) /m);
    expect(off).toMatch(/^ {2}SL07 /m);
    expect(off).toMatch(/^ {2}FMT01 /m);
    expect(off).toMatch(/rules: \{ SL07: warning/);
    expect(off).toMatch(/format: /);
    expect(on).toMatch(/at least 2 of the models in its folders/);
  });
});

describe('sluice lint', () => {
  test('a finding points at the line the author wrote, through config() and ref()', () => {
    const dir = makeProject({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id, amount from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_orders.sql': "{{ config(materialized='table') }}\n\n-- every order\nselect *\nfrom {{ ref('stg_orders') }}\n",
    });
    const { json } = lintJson(dir);
    const stars = ofRule(json, 'AM04');
    expect(stars).toHaveLength(1);
    expect(stars[0]).toMatchObject({ file: 'models/analytics/fact_orders.sql', line: 4, severity: 'warning' });
    // Staging models may select *: AM04 is about the layers people query.
    expect(json.lint.filter((finding) => finding.file === 'models/staging/stg_orders.sql' && finding.rule === 'AM04')).toEqual([]);
    expect(json.stats.files).toBe(2);
  });

  test('--format github prints workflow commands with file, line and column; text names the rule', () => {
    const dir = makeProject({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_orders.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
    });
    const github = runCli(['lint', '--project-dir', dir, '--format', 'github']);
    expect(github.stdout).toMatch(/^::warning file=models\/analytics\/fact_orders\.sql,line=1,col=\d+,title=Sluice AM04::/m);
    const text = runCli(['lint', '--project-dir', dir]);
    expect(text.stdout).toMatch(/models\/analytics\/fact_orders\.sql:1:\d+: warning AM04 /);
    expect(text.stdout).toMatch(/Linted 2 files in [\d.]+ s/);
  });

  test('an error-level finding exits 1; noqa comments silence a line, for one rule or all', () => {
    const dir = makeProject({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id, amount, from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_a.sql': "select * -- noqa: AM04\nfrom {{ ref('stg_orders') }}\n",
      'models/analytics/fact_b.sql': "select * -- noqa\nfrom {{ ref('stg_orders') }}\n",
      'models/analytics/fact_c.sql': "select * -- noqa: CP01\nfrom {{ ref('stg_orders') }}\n",
    });
    const { code, json } = lintJson(dir);
    expect(code).toBe(1);
    expect(ofRule(json, 'CV03')).toMatchObject([{ file: 'models/staging/stg_orders.sql', line: 1, severity: 'error' }]);
    expect(ofRule(json, 'AM04').map((finding) => finding.file)).toEqual(['models/analytics/fact_c.sql']);
  });

  test('sluice.yml turns rules off, changes severity per folder, and warns about unknown rule codes', () => {
    const files = {
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_orders.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
      'models/legacy/fact_old.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
    };
    const dir = makeProject({
      ...files,
      'sluice.yml': 'lint:\n  rules:\n    AM04: error\n    XX99: off\n  overrides:\n    - path: models/legacy\n      rules:\n        AM04: off\n',
    });
    const { code, json, stderr } = lintJson(dir);
    expect(code).toBe(1);
    expect(ofRule(json, 'AM04')).toMatchObject([{ file: 'models/analytics/fact_orders.sql', severity: 'error' }]);
    expect(stderr).toMatch(/unknown lint rule 'XX99' in sluice\.yml; it is ignored \(sluice\.yml:4\)/);
  });

  test('a wrong value in the lint section of sluice.yml is bad input: exit 2 with the file, the line and what is allowed', () => {
    const base = { 'models/staging/sources.yml': SOURCES, 'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n' };
    const severity = runCli(['lint', '--project-dir', makeProject({ ...base, 'sluice.yml': 'lint:\n  rules:\n    AM04: loud\n' })]);
    expect(severity.code).toBe(2);
    expect(severity.stderr).toMatch(/lint rule AM04 must be off, warning or error, got "loud"/);
    expect(severity.stderr).toMatch(/sluice\.yml:3/);
    const format = runCli(['lint', '--project-dir', makeProject({ ...base, 'sluice.yml': 'lint:\n  format:\n    keyword_case: shouty\n' })]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/lint\.format\.keyword_case has an invalid value "shouty"/);
    const overrides = runCli(['lint', '--project-dir', makeProject({ ...base, 'sluice.yml': 'lint:\n  overrides:\n    - rules: { AM04: off }\n' })]);
    expect(overrides.code).toBe(2);
    expect(overrides.stderr).toMatch(/each lint override needs a path/);
  });

  test('a file that does not render is a finding with its line, and the other files are still linted', () => {
    const dir = makeProject({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_broken.sql': "select id\nfrom {{ ref('stg_orders') }}\nwhere {{ no_such_macro() }}\n",
      'models/analytics/fact_syntax.sql': "select id\n{% if true %}\nfrom {{ ref('stg_orders') }}\n",
      'models/analytics/fact_unknown.sql': "select id from {{ ref('stg_order') }}\n",
      'models/analytics/fact_fine.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
    });
    const { code, json } = lintJson(dir);
    expect(code).toBe(1);
    const failures = ofRule(json, 'TMP01');
    expect(failures.map((finding) => [finding.file, finding.line])).toEqual([
      ['models/analytics/fact_broken.sql', 3],
      ['models/analytics/fact_syntax.sql', expect.any(Number)],
      ['models/analytics/fact_unknown.sql', 1],
    ]);
    expect(failures[0].message).toMatch(/no_such_macro/);
    expect(failures[2].message).toMatch(/stg_order/);
    expect(ofRule(json, 'AM04').map((finding) => finding.file)).toEqual(['models/analytics/fact_fine.sql']);
  });

  test('SQL the parser cannot read is not an error: token rules still run and --stats names the file', () => {
    const dir = makeProject({
      'models/staging/sources.yml': `${SOURCES}      - name: customers\n`,
      // Two tables and a bare name, so the qualified-columns rule wants the tree; QUALIFY is beyond node-sql-parser.
      'models/staging/stg_orders.sql':
        'select o.id, name\nFROM {{ source("raw", "orders") }} as o join {{ source("raw", "customers") }} as c on o.customer_id = c.id\nqualify row_number() over (partition by o.id order by c.name) = 1\n',
      'models/staging/stg_customers.sql': 'select id, name from {{ source("raw", "customers") }}\n',
    });
    const { code, json } = lintJson(dir);
    expect(code).toBe(0);
    // Only stg_orders needed the tree (two tables, a bare column): one file went to the parser, which failed.
    expect(json.stats).toMatchObject({ files: 2, parse_attempted: 1, parsed: 0 });
    expect(json.stats.unparsed.map((entry) => entry.file)).toEqual(['models/staging/stg_orders.sql']);
    // CP01 is a token rule: `FROM` among lower-case keywords is still found.
    expect(ofRule(json, 'CP01')).toMatchObject([{ file: 'models/staging/stg_orders.sql', line: 2, column: 1 }]);
    // --stats parses every file, also where no rule needed the tree, to give the parser's share.
    const stats = lintJson(dir, '--stats').json;
    expect(stats.stats).toMatchObject({ files: 2, parse_attempted: 2, parsed: 1 });
    const text = runCli(['lint', '--project-dir', dir, '--stats']);
    expect(text.stdout).toMatch(/models\/staging\/stg_orders\.sql: /);
    expect(text.stdout).toMatch(/SQL parsed in 1 of 2\b/);
    // Without --stats, text says what JSON says: one file went to the parser.
    expect(runCli(['lint', '--project-dir', dir]).stdout).toMatch(/SQL parsed in 0 of 1 that a rule needed parsed/);
  });

  test('binary and empty model files are findings, not crashes', () => {
    const dir = makeProject({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_empty.sql': '',
    });
    writeFileSync(join(dir, 'models/analytics/fact_blob.sql'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0xfe, 0x0a]));
    const { code, json } = lintJson(dir);
    expect(code).toBe(1);
    expect(ofRule(json, 'TMP02')).toMatchObject([{ file: 'models/analytics/fact_blob.sql', severity: 'error' }]);
    expect(ofRule(json, 'TMP03')).toMatchObject([{ file: 'models/analytics/fact_empty.sql', severity: 'warning' }]);
  });

  test('--changed-since lints only what changed since the ref; an unknown ref is bad input (exit 2)', () => {
    const dir = makeProject({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_a.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
      'models/analytics/fact_b.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
    });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, 'models/analytics/fact_b.sql'), "select *\nfrom {{ ref('stg_orders') }}\nwhere true\n");
    writeFileSync(join(dir, 'models/analytics/fact_new.sql'), "select *\nfrom {{ ref('stg_orders') }}\n");
    const { json } = lintJson(dir, '--changed-since', 'main');
    expect(json.stats.files).toBe(2);
    expect([...new Set(json.lint.map((finding) => finding.file))].sort()).toEqual(['models/analytics/fact_b.sql', 'models/analytics/fact_new.sql']);

    const bad = runCli(['lint', '--project-dir', dir, '--changed-since', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/'no-such-branch' is not a commit in this repository/);
  });

  test('--fix applies safe fixes and formats, compiles to the same SQL, and a second --fix changes nothing', () => {
    const model = "{{ config(materialized='table') }}\n\nselect id,   amount ,\n  status,\nfrom {{ ref('stg_orders') }} where amount>0\n";
    const dir = makeProject({
      'sluice.yml': 'lint:\n  format: true\n',
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id, amount, status from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_orders.sql': model,
    });
    const before = lintJson(dir).json;
    expect(ofRule(before, 'CV03')).toHaveLength(1);
    expect(ofRule(before, 'FMT01').map((finding) => finding.file)).toContain('models/analytics/fact_orders.sql');

    const fixed = lintJson(dir, '--fix').json;
    expect(fixed.fixed).toContain('models/analytics/fact_orders.sql');
    expect(ofRule(fixed, 'CV03')).toEqual([]);
    expect(ofRule(fixed, 'FMT01')).toEqual([]);
    const text = readFileSync(join(dir, 'models/analytics/fact_orders.sql'), 'utf8');
    expect(text).toContain("{{ config(materialized='table') }}");
    expect(text).toContain("{{ ref('stg_orders') }}");
    expect(text).not.toMatch(/status,\s*from/);

    // What it compiles to: the same tokens as the original minus the trailing comma.
    const compile = runCli(['compile', '--project-dir', dir, '--select', 'fact_orders']);
    expect(compile.code).toBe(0);
    const compiled = readFileSync(join(dir, 'target/compiled/test_project/models/analytics/fact_orders.sql'), 'utf8');
    expect(compiled.replace(/\s+/g, ' ').trim()).toBe('select id, amount, status from "main"."stg_orders" where amount > 0');

    const again = lintJson(dir, '--fix').json;
    expect(again.fixed).toEqual([]);
    expect(readFileSync(join(dir, 'models/analytics/fact_orders.sql'), 'utf8')).toBe(text);
  });

  test('formatting is checked when sluice.yml opts in (lint.format) or --check asks, and --check makes it an error', () => {
    const files = {
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id,amount from {{ source("raw", "orders") }}\n',
    };
    const dir = makeProject(files);
    // Off by default: the team has not agreed on a format, and --fix leaves the file's layout alone.
    expect(ofRule(lintJson(dir).json, 'FMT01')).toEqual([]);
    expect(lintJson(dir, '--fix').json.fixed).toEqual([]);
    const check = lintJson(dir, '--check');
    expect(check.code).toBe(1);
    expect(ofRule(check.json, 'FMT01')).toMatchObject([{ severity: 'error' }]);

    const optedIn = makeProject({ ...files, 'sluice.yml': 'lint:\n  format:\n    keyword_case: lower\n' });
    expect(ofRule(lintJson(optedIn).json, 'FMT01')).toMatchObject([{ file: 'models/staging/stg_orders.sql', severity: 'warning' }]);
    const optedOut = makeProject({ ...files, 'sluice.yml': 'lint:\n  format:\n    enabled: false\n' });
    expect(ofRule(lintJson(optedOut).json, 'FMT01')).toEqual([]);
  });

  test('the bundled example project lints clean', () => {
    const result = runCli(['lint', '--project-dir', join(REPO_ROOT, 'examples', 'airline'), '--format', 'json']);
    const json = JSON.parse(result.stdout) as LintJson;
    expect(json.lint).toEqual([]);
    expect(result.code).toBe(0);
    expect(json.stats.files).toBeGreaterThanOrEqual(11);
  });

  test('worker threads and the main thread find the same things', async () => {
    const files: Record<string, string> = { 'models/staging/sources.yml': SOURCES, 'models/staging/stg_orders.sql': 'select id, amount from {{ source("raw", "orders") }}\n' };
    for (let i = 0; i < 60; i++) {
      files[`models/analytics/fact_${i}.sql`] = i % 3 === 0 ? `select *\nfrom {{ ref('stg_orders') }}\n` : `select id,\n    amount\nFROM {{ ref('stg_orders') }}\n`;
    }
    const dir = makeProject(files);
    const viaWorkers = lintJson(dir).json; // the CLI runs the compiled worker script for 61 files
    const inline = await lint({ projectDir: dir, out: () => undefined, workers: 0, cache: false });
    expect(viaWorkers.stats.workers).toBeGreaterThan(0);
    expect(inline.stats.workers).toBe(0);
    expect(viaWorkers.lint).toEqual(inline.findings);
    expect(ofRule(viaWorkers, 'AM04')).toHaveLength(20);
  });

  test('an unchanged file is not linted again: the second run reads target/sluice/lint-cache.json', () => {
    const dir = makeProject({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': 'select id, amount from {{ source("raw", "orders") }}\n',
      'models/analytics/fact_a.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
      'models/analytics/fact_b.sql': "select id\nfrom {{ ref('stg_orders') }}\n",
    });
    const first = lintJson(dir).json as LintJson & { stats: { cached: number } };
    expect(first.stats.cached).toBe(0);
    const second = lintJson(dir).json as LintJson & { stats: { cached: number } };
    expect(second.stats.cached).toBe(3);
    expect(second.lint).toEqual(first.lint);
    writeFileSync(join(dir, 'models/analytics/fact_b.sql'), "select *\nfrom {{ ref('stg_orders') }}\n");
    const third = lintJson(dir).json as LintJson & { stats: { cached: number } };
    expect(third.stats.cached).toBe(2);
    expect(ofRule(third, 'AM04').map((finding) => finding.file)).toEqual(['models/analytics/fact_a.sql', 'models/analytics/fact_b.sql']);
    const fresh = lintJson(dir, '--no-cache').json as LintJson & { stats: { cached: number } };
    expect(fresh.stats.cached).toBe(0);
    expect(fresh.lint).toEqual(third.lint);
  });

  test('ci lints the models the pull request changed and puts the findings in report.json', () => {
    const dir = makeProject({
      'models/staging/stg_accounts.sql': "select 1 as id, 'x' as name\n",
      'models/analytics/dim_accounts.sql': "select\n    id,\n    name\nfrom {{ ref('stg_accounts') }}\n",
      'models/analytics/_analytics.yml':
        'version: 2\nmodels:\n  - name: dim_accounts\n    description: Accounts.\n    columns:\n      - name: id\n        description: Key.\n        tests: [unique, not_null]\n      - name: name\n        description: Name.\n      - name: region\n        description: Not built by anything.\n',
    });
    expect(runCli(['promote', '--project-dir', dir]).code).toBe(0);
    writeFileSync(join(dir, 'models/analytics/dim_accounts.sql'), "-- now every column\nselect *\nfrom {{ ref('stg_accounts') }}\n");
    const ci = runCli(['ci', '--project-dir', dir, '--env', 'pr_1']);
    expect(ci.code).toBe(1); // SL08 is an error
    expect(ci.stdout).toMatch(/models\/analytics\/dim_accounts\.sql:2:\d+: warning AM04/);
    const report = JSON.parse(readFileSync(join(dir, 'target/sluice/report.json'), 'utf8')) as { lint: Finding[] };
    expect(report.lint.filter((finding) => finding.rule === 'AM04')).toMatchObject([{ file: 'models/analytics/dim_accounts.sql', line: 2, severity: 'warning' }]);
    // The unchanged staging model is not linted here.
    expect(report.lint.filter((finding) => finding.file === 'models/staging/stg_accounts.sql')).toEqual([]);
    // `select *` hides the columns from the SQL; the warehouse knows what was built: `region` is not.
    expect(report.lint.filter((finding) => finding.rule === 'SL08')).toMatchObject([
      { file: 'models/analytics/_analytics.yml', line: 11, severity: 'error', message: expect.stringMatching(/'region'.*produces id, name/) },
    ]);
  });

  test('a Databricks project lints without its secrets, and its three-part names parse', () => {
    const dir = makeProject({
      'profiles.yml':
        "test_project:\n  target: prod\n  outputs:\n    prod:\n      type: databricks\n      host: example.cloud.databricks.com\n      http_path: /sql/1.0/warehouses/abc\n      token: \"{{ env_var('SLUICE_TEST_UNSET_TOKEN') }}\"\n      catalog: main\n      schema: analytics\n",
      'models/staging/sources.yml': `${SOURCES}      - name: customers\n`,
      'models/staging/stg_orders.sql': 'select id, customer_id, amount from {{ source("raw", "orders") }}\n',
      'models/staging/stg_customers.sql': 'select id, name from {{ source("raw", "customers") }}\n',
      'models/analytics/fact_orders.sql':
        "select\n    o.id,\n    name\nfrom {{ ref('stg_orders') }} as o\njoin {{ ref('stg_customers') }} as c on o.customer_id = c.id\n",
    });
    const { json } = lintJson(dir, '--stats');
    expect(json.stats.unparsed).toEqual([]);
    expect(json.stats.parsed).toBe(3);
    // Compiled: from `main`.`analytics`.`stg_orders` as o join … — the tree saw the join.
    expect(ofRule(json, 'RF02')).toMatchObject([{ file: 'models/analytics/fact_orders.sql', line: 3, column: 5 }]);
  });
});
