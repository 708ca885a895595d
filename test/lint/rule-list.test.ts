/**
 * The rules as `sluice lint --help` and the README list them: code, name, severity, whether each runs by
 * default, and a one-sentence description.
 */
import { describe, expect, it } from '@jest/globals';
import { lintRulesHelp } from '../../src/lint/rule-catalog.js';
import { PROJECT_RULES } from '../../src/lint/rules/project-rules.js';
import { SQL_RULES } from '../../src/lint/rules/sql-rules.js';

describe('the rule list', () => {
  const rules = [...SQL_RULES, ...PROJECT_RULES];

  it('gives each rule its code, name, severity and default', () => {
    expect(rules.map((rule) => [rule.code, rule.name, rule.severity, rule.enabledByDefault])).toEqual([
      ['AM01', 'distinct-with-group-by', 'warning', true],
      ['AM04', 'select-star', 'warning', true],
      ['CP01', 'keyword-case', 'warning', true],
      ['CV03', 'trailing-comma', 'error', true],
      ['JJ01', 'jinja-spacing', 'warning', true],
      ['RF02', 'qualified-columns', 'warning', true],
      ['ST03', 'unused-cte', 'warning', true],
      ['ST06', 'column-order', 'warning', false],
      ['SL01', 'layer-naming', 'warning', true],
      ['SL02', 'staging-reads-sources', 'warning', true],
      ['SL03', 'source-outside-staging', 'warning', true],
      ['SL04', 'layer-direction', 'error', true],
      ['SL05', 'hard-coded-relation', 'warning', true],
      ['SL06', 'primary-key-test', 'warning', true],
      ['SL07', 'documented', 'warning', false],
      ['SL08', 'documented-column-exists', 'error', true],
      ['SL09', 'unused-source', 'warning', true],
    ]);
  });

  it('describes each rule in one sentence, shown in the help', () => {
    const help = lintRulesHelp();
    for (const rule of rules) {
      expect([rule.code, rule.description]).toEqual([rule.code, expect.stringMatching(/^[A-Z`].{20,}\.$/)]);
      expect(help).toContain(`${rule.code.padEnd(5)} ${rule.name.padEnd(25)} ${rule.severity.padEnd(7)}  ${rule.description}`);
    }
  });
});
