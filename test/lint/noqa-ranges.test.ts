/**
 * SQLFluff's noqa forms as Sluice reads them: a line (`-- noqa`, `-- noqa: RF02,CP01`), ranges
 * (`-- noqa: disable=RF02` … `-- noqa: enable=RF02`, `disable=all` / `enable=all`), the same in block
 * comments (`/* noqa *\/`), rules named by code, name, group or glob — and names that are no rule, which
 * are a NOQA warning at the comment, never a crash. Then through `sluice lint`, on a model and a test.
 */
import { describe, expect, test } from '@jest/globals';
import { lintFile } from '../../src/lint/lint-file.js';
import { isSilenced, noqaProblems, readNoqa } from '../../src/lint/noqa.js';
import { ALL_RULES } from '../../src/lint/rule-catalog.js';
import { closestNames } from '../../src/errors.js';
import { makeProject, runCli } from '../support/project.js';

const silenced = (sql: string, line: number, code: string, name?: string) => isSilenced(readNoqa(sql), line, code, name);

/** Which lines of `sql` have a finding of `code` after lintFile (rendered SQL = the source, no Jinja). */
function linesOf(sql: string, code: string): number[] {
  const rules = ALL_RULES.filter((rule) => ['CV03', 'CP01', 'AM01'].includes(rule.code)).map((rule) => [rule.code, rule.severity] as [string, 'error' | 'warning']);
  const result = lintFile({
    path: 'models/x.sql',
    source: sql,
    rendered: sql,
    map: [0, 0, 0, 0],
    dialect: 'duckdb',
    model: { name: 'x', resourceType: 'model', materialized: 'view', layer: null },
    rules,
    format: null,
  });
  return result.findings.filter((finding) => finding.rule === code).map((finding) => finding.line);
}

const problemsOf = (sql: string) => noqaProblems(readNoqa(sql), ALL_RULES, (name) => closestNames(name, ALL_RULES.map((rule) => rule.code)));

describe('noqa comments on one line', () => {
  test('-- noqa silences every rule on its line, -- noqa: a list only those rules, and nothing on the other lines', () => {
    const sql = 'select a, -- noqa\nb, -- noqa: CV03, cp01\nc -- noqa:RF02\nfrom t\n';
    expect(silenced(sql, 1, 'AM04')).toBe(true);
    expect(silenced(sql, 2, 'CV03')).toBe(true);
    expect(silenced(sql, 2, 'CP01')).toBe(true);
    expect(silenced(sql, 2, 'AM04')).toBe(false);
    expect(silenced(sql, 3, 'RF02')).toBe(true);
    expect(silenced(sql, 3, 'CV03')).toBe(false);
    expect(silenced(sql, 4, 'CV03')).toBe(false);
  });

  test('/* noqa */ and /* noqa: … */ block comments work as the -- forms do, on the line the comment opens', () => {
    const sql = 'select a, /* noqa */\nb, /* noqa: CV03 */ c\nfrom t\n';
    expect(silenced(sql, 1, 'CP01')).toBe(true);
    expect(silenced(sql, 2, 'CV03')).toBe(true);
    expect(silenced(sql, 2, 'CP01')).toBe(false);
    // A trailing comma before FROM, found without the comment and silenced with it.
    expect(linesOf('select a, b,\nfrom t\n', 'CV03')).toEqual([1]);
    expect(linesOf('select a, b, /* noqa: CV03 */\nfrom t\n', 'CV03')).toEqual([]);
    expect(linesOf('select a, b, /* noqa */\nfrom t\n', 'CV03')).toEqual([]);
  });

  test('a rule is named by its code, its name, its group (the letters of codes) or a glob; PRS is accepted', () => {
    expect(silenced('select 1 -- noqa: trailing-comma\n', 1, 'CV03', 'trailing-comma')).toBe(true);
    expect(silenced('select 1 -- noqa: CV\n', 1, 'CV03')).toBe(true);
    expect(silenced('select 1 -- noqa: CV0*\n', 1, 'CV03')).toBe(true);
    expect(silenced('select 1 -- noqa: C\n', 1, 'CV03')).toBe(false);
    expect(silenced('select 1 -- noqa: CV0\n', 1, 'CV03')).toBe(false);
    expect(problemsOf('select 1 -- noqa: trailing-comma, CV, ST0*, PRS\n')).toEqual([]);
  });

  test('noqa in prose is not a directive; "-- noqa (why)" is a plain noqa', () => {
    expect(silenced('select 1 -- this is noqa: CV03\n', 1, 'CV03')).toBe(false);
    expect(silenced('select 1 -- noqa (legacy, see #12)\n', 1, 'CV03')).toBe(true);
  });
});

describe('noqa ranges', () => {
  test('disable=RULE silences it from its line until enable=RULE, whose line is checked again', () => {
    const sql = ['select a,', '-- noqa: disable=CV03', 'b,', 'from t', '-- noqa: enable=CV03', 'select c,', 'from u'].join('\n');
    expect([1, 2, 3, 4, 5, 6].map((line) => silenced(sql, line, 'CV03'))).toEqual([false, true, true, true, false, false]);
    expect(silenced(sql, 3, 'CP01')).toBe(false);
    const lint = 'select a,\nfrom t;\n-- noqa: disable=CV03\nselect b,\nfrom u;\n-- noqa: enable=CV03\nselect c,\nfrom v;\n';
    expect(linesOf(lint, 'CV03')).toEqual([1, 7]);
  });

  test('disable=all silences every rule until enable=all; enable of one rule re-enables only it', () => {
    const sql = ['-- noqa: disable=all', 'select a,', '-- noqa: enable=CV03', 'select b,', '-- noqa: enable=all', 'select c,'].join('\n');
    expect(silenced(sql, 2, 'CV03')).toBe(true);
    expect(silenced(sql, 2, 'CP01')).toBe(true);
    expect(silenced(sql, 4, 'CV03')).toBe(false);
    expect(silenced(sql, 4, 'CP01')).toBe(true);
    expect(silenced(sql, 6, 'CP01')).toBe(false);
  });

  test('a range that is never closed runs to the end of the file; block-comment ranges work too', () => {
    const sql = 'select a /* noqa: disable=CP01 */\nSELECT b\nFROM t\n';
    expect([1, 2, 3].map((line) => silenced(sql, line, 'CP01'))).toEqual([true, true, true]);
    expect(linesOf('select a, b\n/* noqa: disable=CP01 */\nFROM t\n', 'CP01')).toEqual([]);
    expect(linesOf('select a, b\nFROM t\n', 'CP01')).toEqual([2]);
  });
});

describe('noqa that names nothing Sluice has: a warning, not a crash', () => {
  test('an unknown code is named, with the closest codes; the known ones in the same comment still apply', () => {
    const sql = 'select a, -- noqa: CV03, CV30\nb from t -- noqa: disable=XYZZY\n';
    expect(silenced(sql, 1, 'CV03')).toBe(true);
    expect(problemsOf(sql)).toEqual([
      { line: 1, column: 11, message: expect.stringMatching(/^noqa names a rule Sluice does not have: CV30; it is ignored \(did you mean CV03/) },
      { line: 2, column: 10, message: expect.stringMatching(/XYZZY; it is ignored \(sluice lint --help lists the rules\)$/) },
    ]);
  });

  test('malformed comments are read as far as they go and reported with how they were read', () => {
    expect(problemsOf('select 1 -- noqa:\n')).toEqual([{ line: 1, column: 10, message: "'noqa:' names no rule; read as '-- noqa' (every rule on this line)" }]);
    expect(silenced('select 1 -- noqa:\n', 1, 'CV03')).toBe(true);
    expect(problemsOf('select 1 -- noqa: disable=\n')[0].message).toMatch(/'noqa: disable=' names no rule; it is ignored \(e\.g\. noqa: disable=RF02, or disable=all\)/);
    expect(problemsOf('select 1 -- noqa: disable CV03\n')[0].message).toMatch(/DISABLE; it is ignored \(did you mean disable=<rules>/);
  });
});

describe('sluice lint honours the noqa forms in models and tests, and warns about unknown rules', () => {
  test('ranges and block comments silence findings; an unknown code is a NOQA warning at its line, not an error', () => {
    const dir = makeProject({
      'models/staging/sources.yml': 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n',
      'models/staging/stg_orders.sql': [
        '-- noqa: disable=CV03',
        'select id, amount,',
        'from {{ source("raw", "orders") }}',
        '-- noqa: enable=CV03',
        'union all',
        'select id, amount,',
        'from {{ source("raw", "orders") }}',
      ].join('\n'),
      'tests/amounts.sql': "select id, amount, /* noqa: CV03 */\nfrom {{ ref('stg_orders') }} -- noqa: CV99\nwhere amount < 0\n",
    });
    const result = runCli(['lint', '--project-dir', dir, '--format', 'json']);
    const findings = (JSON.parse(result.stdout) as { lint: Array<{ file: string; line: number; rule: string; severity: string; message: string }> }).lint;
    expect(findings.filter((finding) => finding.rule === 'CV03').map((finding) => `${finding.file}:${finding.line}`)).toEqual(['models/staging/stg_orders.sql:6']);
    expect(findings.filter((finding) => finding.rule === 'NOQA')).toEqual([
      expect.objectContaining({ file: 'tests/amounts.sql', line: 2, severity: 'warning', message: expect.stringContaining('CV99; it is ignored (did you mean CV03?)') }),
    ]);
    expect(result.code).toBe(1); // the CV03 on line 6 is an error
  });
});
