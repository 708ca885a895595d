/**
 * `sluice lint` where SQLFluff users run a linter: file paths as arguments (as pre-commit passes them),
 * `--rules` / `--exclude-rules`, singular tests, snapshots and analyses linted besides models, and the
 * pre-commit hook of .pre-commit-hooks.yaml run the way pre-commit runs it. Bad input (a path that does
 * not exist, an unknown rule) exits 2 naming it, with a hint.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
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
  stats: { files: number };
}

const SOURCES = 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n';
const SNAPSHOT_CONFIG = "{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='snapshots') }}";

/** A project with a model of each layer, a singular test, an analysis, snapshots in SQL and YAML, a macro and a SQL script outside the project's paths. */
const PROJECT = {
  'models/staging/sources.yml': SOURCES,
  'models/staging/stg_orders.sql': 'select id, amount from {{ source("raw", "orders") }}\n',
  'models/marts/fact_orders.sql': "select *\nfrom {{ ref('stg_orders') }}\n",
  'models/marts/fact_refunds.sql': "select id, amount,\nfrom {{ ref('stg_orders') }}\nwhere amount < 0\n",
  'tests/staging/negative_amounts.sql': "select *\nfrom {{ ref('stg_orders') }}\nwhere amount < 0\n",
  'tests/no_orphans.sql': "select id, amount,\nfrom {{ ref('fact_orders') }}\n",
  'analyses/revenue.sql': "select sum(amount) as revenue,\nfrom {{ ref('fact_orders') }}\n",
  'snapshots/orders_snapshot.sql': `-- history of orders\n{% snapshot orders_snapshot %}\n${SNAPSHOT_CONFIG}\nselect id, amount,\nfrom {{ source('raw', 'orders') }}\n{% endsnapshot %}\n`,
  'snapshots/snapshots.yml': "snapshots:\n  - name: orders_yaml_snapshot\n    relation: source('raw', 'orders')\n    config: { unique_key: id, strategy: check, check_cols: all }\n",
  'macros/cents.sql': '{% macro cents(column) %}{{ column }} * 100,{% endmacro %}\n',
  'scripts/backfill.sql': 'select id, amount,\nfrom raw.orders\n',
  'seeds/countries.csv': 'code,name\nfr,France\n',
};

function lintJson(args: string[], cwd: string): { code: number; json: LintJson; stderr: string } {
  const result = runCli(['lint', '--format', 'json', ...args], { cwd });
  if (result.code !== 0 && result.code !== 1) throw new Error(`lint exited ${result.code}: ${result.stderr}`);
  return { code: result.code, json: JSON.parse(result.stdout) as LintJson, stderr: result.stderr };
}

const places = (json: LintJson, rule: string) => json.lint.filter((finding) => finding.rule === rule).map((finding) => `${finding.file}:${finding.line}`);
const files = (json: LintJson) => [...new Set(json.lint.map((finding) => finding.file))].sort();

describe('sluice lint of a whole project: models, singular tests, analyses and snapshots', () => {
  test('the SQL rules run on every kind of file; select * and the project rules (naming, primary keys) on models only; a YAML snapshot has no file to lint', () => {
    const dir = makeProject(PROJECT);
    const { code, json } = lintJson(['--project-dir', dir], REPO_ROOT);
    expect(code).toBe(1);
    expect(places(json, 'CV03')).toEqual([
      'analyses/revenue.sql:1',
      'models/marts/fact_refunds.sql:1',
      // The line and column are the file's, not the block's: the comment above the block counts.
      'snapshots/orders_snapshot.sql:4',
      'tests/no_orphans.sql:1',
    ]);
    expect(places(json, 'AM04')).toEqual(['models/marts/fact_orders.sql:1']);
    // The test in tests/staging/ is no staging model: no layer or primary-key rule looks at it.
    for (const finding of json.lint) if (/^SL/.test(finding.rule)) expect(finding.file).toMatch(/^models\//);
    expect(files(json).some((file) => file.includes('snapshots.yml') || file.startsWith('macros/') || file.startsWith('scripts/'))).toBe(false);
    // 3 models, 2 tests, 1 analysis, 1 snapshot file.
    expect(json.stats.files).toBe(7);
  });

  test('--fix fixes a snapshot in its file and leaves the block, its config and the rest of the file as they were', () => {
    const dir = makeProject(PROJECT);
    const result = runCli(['lint', '--project-dir', dir, '--fix', 'snapshots/orders_snapshot.sql', 'tests/no_orphans.sql'], { cwd: dir });
    expect(result.stdout).toMatch(/^fixed snapshots\/orders_snapshot\.sql$/m);
    expect(result.stdout).toMatch(/^fixed tests\/no_orphans\.sql$/m);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'snapshots/orders_snapshot.sql'), 'utf8')).toBe(
      `-- history of orders\n{% snapshot orders_snapshot %}\n${SNAPSHOT_CONFIG}\nselect id, amount\nfrom {{ source('raw', 'orders') }}\n{% endsnapshot %}\n`,
    );
    expect(readFileSync(join(dir, 'tests/no_orphans.sql'), 'utf8')).toBe("select id, amount\nfrom {{ ref('fact_orders') }}\n");
  });
});

describe('sluice lint PATH…', () => {
  test('lints exactly the files given (relative to the current folder, or absolute), resolved to their nodes; other paths are named as skipped', () => {
    const dir = makeProject(PROJECT);
    const { code, json, stderr } = lintJson(
      ['models/marts/fact_refunds.sql', join(dir, 'tests/no_orphans.sql'), 'snapshots/orders_snapshot.sql', 'macros/cents.sql', 'seeds/countries.csv', 'scripts/backfill.sql'],
      dir,
    );
    expect(code).toBe(1);
    expect(files(json)).toEqual(['models/marts/fact_refunds.sql', 'scripts/backfill.sql', 'snapshots/orders_snapshot.sql', 'tests/no_orphans.sql']);
    // The plain SQL file outside the project's paths: the SQL rules, and SL05 (a model rule) does not apply.
    expect(places(json, 'CV03')).toContain('scripts/backfill.sql:1');
    expect(json.lint.filter((finding) => finding.file === 'scripts/backfill.sql').map((finding) => finding.rule)).toEqual(['CV03']);
    // Project rules keep to the files given: fact_orders (select *, no primary key) is not one of them.
    expect(files(json)).not.toContain('models/marts/fact_orders.sql');
    expect(json.stats.files).toBe(4);
    expect(stderr).toMatch(/^Skipped macros\/cents\.sql: a macro file/m);
    expect(stderr).toMatch(/^Skipped seeds\/countries\.csv: not a SQL file$/m);
    // The JSON says so too.
    expect((json as unknown as { skipped: Array<{ file: string }> }).skipped.map((skipped) => skipped.file).sort()).toEqual(['macros/cents.sql', 'seeds/countries.csv']);
  });

  test('paths are read from the current folder while --project-dir names the project; a file outside it is plain SQL; a folder brings its nodes', () => {
    const repo = makeProject({});
    const project = join(repo, 'transform');
    for (const [path, text] of Object.entries({ ...PROJECT, 'dbt_project.yml': 'name: test_project\nprofile: test_project\n', 'profiles.yml': readFileSync(join(repo, 'profiles.yml'), 'utf8') })) {
      mkdirSync(join(project, path, '..'), { recursive: true });
      writeFileSync(join(project, path), text);
    }
    mkdirSync(join(repo, 'sql'));
    writeFileSync(join(repo, 'sql', 'report.sql'), 'SELECT a from t\n');
    const { json } = lintJson(['--project-dir', 'transform', 'transform/tests', 'sql/report.sql'], repo);
    expect(files(json)).toEqual(['../sql/report.sql', 'tests/no_orphans.sql']);
    expect(places(json, 'CP01')).toEqual(['../sql/report.sql:1']);
    expect(json.stats.files).toBe(3);

    // Annotations name files from the repository's root, also one outside the project.
    expect(spawnSync('git', ['init', '-q'], { cwd: repo }).status).toBe(0);
    const github = runCli(['lint', '--project-dir', 'transform', '--format', 'github', 'sql/report.sql'], { cwd: repo });
    expect(github.stdout).toMatch(/^::warning file=sql\/report\.sql,line=1,col=10,title=Sluice CP01::/m);
  });

  test('a disabled model, a file of an installed package and a folder without nodes are skipped with the reason', () => {
    const dir = makeProject({
      ...PROJECT,
      'models/marts/fact_old.sql': "{{ config(enabled=false) }}\nselect id, amount,\nfrom {{ ref('stg_orders') }}\n",
      'dbt_packages/util/dbt_project.yml': 'name: util\n',
      'dbt_packages/util/models/util_model.sql': 'select 1 as id,\n',
      'docs/notes.sql': '',
    });
    const result = runCli(['lint', 'models/marts/fact_old.sql', 'dbt_packages/util/models/util_model.sql', 'macros', 'models/staging/stg_orders.sql'], { cwd: dir });
    expect(result.stdout).toMatch(/^Skipped models\/marts\/fact_old\.sql: disabled \(enabled: false in its config\)$/m);
    expect(result.stdout).toMatch(/^Skipped dbt_packages\/util\/models\/util_model\.sql: a file of the installed package 'util'/m);
    expect(result.stdout).toMatch(/^Skipped macros: a folder with no models, tests, snapshots or analyses of the project in it$/m);
    expect(result.stdout).toMatch(/Linted 1 file in/);
  });

  test('a path that does not exist is bad input: exit 2 naming it, with where paths are read from', () => {
    const dir = makeProject(PROJECT);
    const result = runCli(['lint', 'models/marts/fact_refunds.sql', 'models/marts/fact_order.sql'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: no such file or folder: models\/marts\/fact_order\.sql$/m);
    expect(result.stderr).toMatch(/hint: paths are read from the current folder \(.+\) or are absolute; --project-dir names the project/);
    expect(result.stdout).toBe('');
  });

  test('a binary file given as SQL is a TMP02 finding, and a plain SQL file whose Jinja fails is TMP01, not a crash', () => {
    const dir = makeProject({ ...PROJECT, 'scripts/blob.sql': 'select \u0000\u0001', 'scripts/broken.sql': "select * from {{ ref('nowhere') }}\n" });
    const { json } = lintJson(['scripts/blob.sql', 'scripts/broken.sql'], dir);
    expect(json.lint.map((finding) => `${finding.file} ${finding.rule}`)).toEqual(['scripts/blob.sql TMP02', 'scripts/broken.sql TMP01']);
    expect(json.lint[1].message).toMatch(/ref\('nowhere'\), which was not found/);
  });
});

describe('--rules and --exclude-rules', () => {
  const withSettings = {
    ...PROJECT,
    'sluice.yml': 'lint:\n  rules:\n    AM04: error\n    CV03: off\n',
  };

  test('--rules narrows to those rules and turns on what sluice.yml turned off; severities set in sluice.yml stay', () => {
    const dir = makeProject(withSettings);
    const narrowed = lintJson(['--project-dir', dir, '--rules', 'CV03'], REPO_ROOT).json;
    expect([...new Set(narrowed.lint.map((finding) => finding.rule))]).toEqual(['CV03']);
    expect(places(narrowed, 'CV03')).toHaveLength(4);
    const am04 = lintJson(['--project-dir', dir, '--rules', 'select-star,ST06', '--rules', 'CP'], REPO_ROOT);
    expect([...new Set(am04.json.lint.map((finding) => finding.rule))]).toEqual(['AM04']);
    expect(am04.json.lint[0].severity).toBe('error');
    expect(am04.code).toBe(1);
  });

  test('--exclude-rules leaves rules out, also when --rules names them; the checks of the file itself are not narrowed by --rules', () => {
    const dir = makeProject({ ...withSettings, 'models/marts/fact_broken.sql': "select id from {{ ref('nowhere') }}\n" });
    const { json } = lintJson(['--project-dir', dir, '--exclude-rules', 'AM04,SL'], REPO_ROOT);
    expect(json.lint.map((finding) => finding.rule).filter((rule) => rule === 'AM04' || rule.startsWith('SL'))).toEqual([]);
    expect(places(json, 'TMP01')).toEqual(['models/marts/fact_broken.sql:1']);
    const narrowed = lintJson(['--project-dir', dir, '--rules', 'AM04,CV03', '--exclude-rules', 'CV03'], REPO_ROOT).json;
    expect([...new Set(narrowed.lint.map((finding) => finding.rule))].sort()).toEqual(['AM04', 'TMP01']);
    const noTemplateCheck = lintJson(['--project-dir', dir, '--rules', 'AM04', '--exclude-rules', 'TMP01'], REPO_ROOT).json;
    expect([...new Set(noTemplateCheck.lint.map((finding) => finding.rule))]).toEqual(['AM04']);
  });

  test('--rules FMT01 checks formatting without lint.format in sluice.yml', () => {
    const dir = makeProject(PROJECT);
    const { json } = lintJson(['--rules', 'FMT01', 'models/marts/fact_refunds.sql'], dir);
    expect(json.lint.map((finding) => finding.rule)).toEqual(['FMT01']);
  });

  test('an unknown rule is bad input: exit 2 naming it and the flag, with the closest codes', () => {
    const dir = makeProject(PROJECT);
    const rules = runCli(['lint', '--project-dir', dir, '--rules', 'AM04,AM4']);
    expect(rules.code).toBe(2);
    expect(rules.stderr).toMatch(/^Error: unknown rule 'AM4' in --rules$/m);
    expect(rules.stderr).toMatch(/hint: did you mean AM04\b.*\(sluice lint --help lists the rules\)/);
    const exclude = runCli(['lint', '--project-dir', dir, '--exclude-rules', 'qualified-column']);
    expect(exclude.code).toBe(2);
    expect(exclude.stderr).toMatch(/^Error: unknown rule 'qualified-column' in --exclude-rules$/m);
    expect(exclude.stderr).toMatch(/did you mean qualified-columns/);
    const empty = runCli(['lint', '--project-dir', dir, '--rules', ',']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^Error: --rules names no rule$/m);
    expect(empty.stderr).toMatch(/hint: e\.g\. --rules AM04,CP01/);
  });
});

describe('the pre-commit hook', () => {
  interface Hook {
    id: string;
    entry: string;
    language: string;
    files: string;
    pass_filenames: boolean;
  }
  const hooks = parseYaml(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((entry) => entry.id === 'sluice-lint')!;

  /** Runs the hook's entry as pre-commit does: in the repository's root, its args, then the changed files its `files` pattern matches. */
  function runHook(repo: string, changed: string[], args: string[] = []) {
    const [command, ...entryArgs] = hook.entry.split(/\s+/);
    const bin = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[command];
    const pattern = new RegExp(hook.files);
    const filenames = changed.filter((file) => pattern.test(file));
    const result = spawnSync(process.execPath, [join(REPO_ROOT, bin), ...entryArgs, ...args, ...filenames], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  test('is a node hook on .sql files that passes their names to `sluice lint`', () => {
    expect(hook).toMatchObject({ entry: 'sluice lint', language: 'node', pass_filenames: true });
    expect(new RegExp(hook.files).test('models/a.sql')).toBe(true);
    expect(new RegExp(hook.files).test('models/a.yml')).toBe(false);
  });

  test('fails the commit (exit 1) on an error in a changed file, passes when they have warnings at most, and lints only them', () => {
    const repo = makeProject(PROJECT);
    const failing = runHook(repo, ['models/marts/fact_refunds.sql', 'models/staging/sources.yml', 'README.md']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^models\/marts\/fact_refunds\.sql:1:\d+: error {3}CV03 /m);
    expect(failing.stdout).toMatch(/Linted 1 file in/);
    const passing = runHook(repo, ['models/staging/stg_orders.sql', 'tests/staging/negative_amounts.sql']);
    expect(passing.stdout).toMatch(/Linted 2 files in [\d.]+ s: 0 errors, 1 warning$/m);
    expect(passing.code).toBe(0);
  });

  test('with the project in a subfolder, args: [--project-dir, transform] and the files as the repository names them', () => {
    const repo = makeProject({});
    for (const [path, text] of Object.entries(PROJECT)) {
      mkdirSync(join(repo, 'transform', path, '..'), { recursive: true });
      writeFileSync(join(repo, 'transform', path), text);
    }
    writeFileSync(join(repo, 'transform', 'dbt_project.yml'), 'name: test_project\nprofile: test_project\n');
    writeFileSync(join(repo, 'transform', 'profiles.yml'), readFileSync(join(repo, 'profiles.yml'), 'utf8'));
    const result = runHook(repo, ['transform/tests/no_orphans.sql', 'transform/models/staging/stg_orders.sql'], ['--project-dir', 'transform']);
    expect(result.stdout).toMatch(/^tests\/no_orphans\.sql:1:\d+: error {3}CV03 /m);
    expect(result.code).toBe(1);
  });

  test('the README shows the .pre-commit-config.yaml snippet that uses it', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const snippet = /```yaml\n# \.pre-commit-config\.yaml\n([\s\S]*?)```/.exec(readme);
    expect(snippet).not.toBeNull();
    const config = parseYaml(snippet![1]) as { repos: Array<{ repo: string; hooks: Array<{ id: string }> }> };
    expect(config.repos[0].hooks.map((entry) => entry.id)).toContain(hook.id);
  });
});
