/**
 * Every lint rule Sluice has — SQL rules, project rules, the formatting check and the template checks —
 * for sluice.yml's rule names and the summary `sluice lint --help` prints. It loads the rules' small
 * modules and nothing else (no parser, no formatter), so help stays quick.
 */
import { DEFAULT_LAYERS } from './lint-config.js';
import { MIN_PREFIXED_MODELS, MIN_PREFIXED_SHARE } from './layers-in-effect.js';
import type { RuleInfo } from './rule.js';
import { FORMAT_RULE } from './rules/formatted.js';
import { PROJECT_RULES } from './rules/project-rules.js';
import { SQL_RULES } from './rules/sql-rules.js';

export const TEMPLATE_RULES = {
  renderFailed: { code: 'TMP01', name: 'renders', description: 'The file renders: its Jinja runs and its refs and sources exist.' },
  binary: { code: 'TMP02', name: 'text-file', description: 'The file is UTF-8 text, not binary.' },
  empty: { code: 'TMP03', name: 'not-empty', description: 'The file has SQL in it.' },
};

/** A noqa comment that names a rule Sluice does not have (noqa.ts): a warning at the comment. */
export const NOQA_RULE = { code: 'NOQA', name: 'noqa-rules', description: 'noqa comments name rules that exist.' };

/** Off by default: FMT01 runs when sluice.yml has `lint.format` (or with --check). */
export const ALL_RULES: RuleInfo[] = [
  ...SQL_RULES,
  ...PROJECT_RULES,
  { ...FORMAT_RULE, severity: 'warning', enabledByDefault: false },
  { ...TEMPLATE_RULES.renderFailed, severity: 'error', enabledByDefault: true },
  { ...TEMPLATE_RULES.binary, severity: 'error', enabledByDefault: true },
  { ...TEMPLATE_RULES.empty, severity: 'warning', enabledByDefault: true },
  { ...NOQA_RULE, severity: 'warning', enabledByDefault: true },
];

/**
 * Checks of the file itself that `--rules` does not narrow (as SQLFluff always reports its templating
 * and parsing errors): the file renders, is text, is not empty, its noqa comments name real rules.
 * `--exclude-rules` still turns them off.
 */
export const ALWAYS_CHECKED = new Set([TEMPLATE_RULES.renderFailed.code, TEMPLATE_RULES.binary.code, TEMPLATE_RULES.empty.code, NOQA_RULE.code]);

/** The layer rules: they check only layers in effect (layers-in-effect.ts). */
const LAYER_RULES = new Set(['SL01', 'SL02', 'SL03', 'SL04']);

/** What `sluice lint --help` adds: which rules run by default, and how to turn the others on. */
export function lintRulesHelp(): string {
  const line = (rule: RuleInfo) => `  ${rule.code.padEnd(5)} ${rule.name.padEnd(25)} ${rule.severity.padEnd(7)}  ${rule.description}`;
  const on = ALL_RULES.filter((rule) => rule.enabledByDefault);
  const off = ALL_RULES.filter((rule) => !rule.enabledByDefault);
  const layers = DEFAULT_LAYERS.map((layer) => `${layer.folders.join('|')}/ ${layer.prefixes.join(' ')}`).join('; ');
  return [
    '',
    'Rules on by default (a typical dbt project passes them quietly):',
    ...on.map(line),
    '',
    `  ${[...LAYER_RULES].join(', ')} check the layers of lint.layers in sluice.yml; without it, each default layer`,
    `  (${layers})`,
    `  that the project clearly follows: at least ${MIN_PREFIXED_MODELS} of the models in its folders carry one of its`,
    `  prefixes, and they are at least ${Math.round(MIN_PREFIXED_SHARE * 100)} % of them.`,
    '',
    'Off unless sluice.yml turns them on:',
    ...off.map(line),
    '',
    'In sluice.yml:',
    '  lint:',
    '    rules: { SL07: warning, ST06: error, AM04: off }   # off | warning | error',
    '    format: { keyword_case: lower }                   # or `format: true`: the FMT01 check, and --fix formats',
    '    layers:                                           # lowest first: SL01-SL04 check these',
    '      staging: { folders: [staging], prefixes: [stg_] }',
    '      marts: { folders: [marts], prefixes: [dim_, fct_] }',
    '--check checks formatting whatever sluice.yml says, and makes an unformatted file an error.',
    '--rules AM04,CP01 runs only those (codes, names or groups such as CP; also rules that are off), and',
    `--exclude-rules RF02 leaves rules out; both win over sluice.yml. ${[...ALWAYS_CHECKED].join(', ')} always run (unless excluded).`,
    '',
    'Models, singular tests, analyses and snapshots are linted (layer, primary-key and formatting rules: models).',
    'Paths (sluice lint models/a.sql tests/b.sql, as pre-commit passes them) lint those files; a SQL file that is',
    'no node of the project is linted as plain SQL, other paths are named as skipped.',
    '',
    'In the SQL: -- noqa (the line), -- noqa: AM04,CP01 (those rules on the line), -- noqa: disable=RF02 or',
    'disable=all until -- noqa: enable=RF02 or enable=all; /* noqa */ forms the same. A rule noqa names that does',
    'not exist is a NOQA warning.',
  ].join('\n');
}
