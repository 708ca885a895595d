/**
 * The `lint:` section of sluice.yml: which rules run and how severe they are (for the whole project and
 * per folder), the project's layers (folders, name prefixes, order) and the formatter's settings.
 *
 * ```yaml
 * lint:
 *   rules: { ST06: warning, AM04: off }        # off | warning | error
 *   overrides:
 *     - path: models/legacy/**
 *       rules: { AM04: off }
 *   layers:                                    # lowest first
 *     staging: { folders: [staging], prefixes: [stg_] }
 *     analytics: { folders: [analytics, marts], prefixes: [dim_, fact_, mart_] }
 *   format: { keyword_case: lower, indent: 2 }   # opts in to the formatting check (FMT01)
 * ```
 * Without sluice.yml the defaults are meant to pass a typical dbt project quietly: no formatting check
 * (a team opts in with `lint.format`), no documentation rule (SL07 is opt-in), and the layer rules only
 * for the default layers the project already follows (see layers-in-effect.ts).
 */
import picomatch from 'picomatch';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError, closestNames } from '../errors.js';
import type { Warning } from '../project/types.js';
import { isRecord, readYaml, type YamlFile } from '../project/yaml-file.js';
import { namesRule } from './noqa.js';
import type { RuleInfo, Severity } from './rule.js';

export type RuleSetting = Severity | 'off';

export interface Layer {
  name: string;
  /** Folder names: a model whose path has one of them as a folder is in this layer. */
  folders: string[];
  /** Its models' names start with one of these. */
  prefixes: string[];
}

export interface FormatSettings {
  enabled: boolean;
  keywordCase: 'preserve' | 'upper' | 'lower';
  functionCase: 'preserve' | 'upper' | 'lower';
  dataTypeCase: 'preserve' | 'upper' | 'lower';
  tabWidth: number;
  useTabs: boolean;
  expressionWidth: number;
  logicalOperatorNewline: 'before' | 'after';
  denseOperators: boolean;
  linesBetweenQueries: number;
}

export interface LintSettings {
  rules: Map<string, RuleSetting>;
  overrides: Array<{ path: string; matches: (path: string) => boolean; rules: Map<string, RuleSetting> }>;
  layers: Layer[];
  /** Whether the layers come from sluice.yml (always checked) or are Sluice's defaults. */
  layersConfigured: boolean;
  /** Default layers the project does not follow: the layer rules leave their models alone (set by the lint runner). */
  unfollowedLayers: Set<string>;
  format: FormatSettings;
  /** `--rules` / `--exclude-rules`: they win over sluice.yml (applyRuleFlags). */
  flags?: RuleFlags;
}

export interface RuleFlags {
  /** `--rules`: only these run (at sluice.yml's severity, or their own where sluice.yml turns them off); null: no narrowing. */
  only: Set<string> | null;
  /** `--exclude-rules`: these do not run. */
  excluded: Set<string>;
  /** What `--rules` does not narrow (the checks of the file itself: it renders, is text…). */
  unnarrowed: Set<string>;
}

export const DEFAULT_LAYERS: Layer[] = [
  { name: 'staging', folders: ['staging'], prefixes: ['stg_'] },
  { name: 'intermediate', folders: ['intermediate'], prefixes: ['int_'] },
  { name: 'analytics', folders: ['analytics', 'marts'], prefixes: ['dim_', 'fact_', 'fct_', 'mart_'] },
];

export function defaultLintSettings(): LintSettings {
  return {
    rules: new Map(),
    overrides: [],
    layers: DEFAULT_LAYERS.map((layer) => ({ ...layer })),
    layersConfigured: false,
    unfollowedLayers: new Set(),
    format: {
      enabled: false,
      keywordCase: 'preserve',
      functionCase: 'preserve',
      dataTypeCase: 'preserve',
      tabWidth: 4,
      useTabs: false,
      expressionWidth: 80,
      logicalOperatorNewline: 'before',
      denseOperators: false,
      linesBetweenQueries: 1,
    },
  };
}

const SECTION_KEYS = ['rules', 'overrides', 'layers', 'format'];
const FORMAT_KEYS: Record<string, keyof FormatSettings> = {
  enabled: 'enabled',
  keyword_case: 'keywordCase',
  function_case: 'functionCase',
  data_type_case: 'dataTypeCase',
  indent: 'tabWidth',
  use_tabs: 'useTabs',
  expression_width: 'expressionWidth',
  logical_operator_newline: 'logicalOperatorNewline',
  dense_operators: 'denseOperators',
  lines_between_queries: 'linesBetweenQueries',
};

/**
 * The rule's setting for a file: the last matching folder override, else the project's, else its default
 * — unless `--exclude-rules` names it (off) or `--rules` leaves it out (off) or names it (on).
 */
export function ruleSetting(settings: LintSettings, rule: RuleInfo, path: string): RuleSetting {
  let setting: RuleSetting | undefined = settings.rules.get(rule.code);
  for (const override of settings.overrides) {
    if (override.rules.has(rule.code) && override.matches(path)) setting = override.rules.get(rule.code);
  }
  const flags = settings.flags;
  if (flags?.excluded.has(rule.code)) return 'off';
  if (flags?.only && !flags.unnarrowed.has(rule.code)) {
    if (!flags.only.has(rule.code)) return 'off';
    return setting === undefined || setting === 'off' ? rule.severity : setting;
  }
  return setting ?? (rule.enabledByDefault ? rule.severity : 'off');
}

/**
 * SQLFluff's `--rules` and `--exclude-rules` (each a comma-separated list, the flag may repeat): rule
 * codes, names (`select-star`), groups — the letters of codes (`CP`, `SL`) — or globs (`ST0*`), as in
 * noqa comments. A name that is no rule is bad input, with the closest codes.
 */
export function applyRuleFlags(
  settings: LintSettings,
  knownRules: RuleInfo[],
  flags: { rules?: string[]; excludeRules?: string[] },
  unnarrowed: Set<string>,
): void {
  if (!flags.rules?.length && !flags.excludeRules?.length) return;
  const only = flags.rules?.length ? ruleCodesOf('--rules', flags.rules, knownRules) : null;
  const excluded = flags.excludeRules?.length ? ruleCodesOf('--exclude-rules', flags.excludeRules, knownRules) : new Set<string>();
  settings.flags = { only, excluded, unnarrowed };
}

function ruleCodesOf(flag: string, values: string[], knownRules: RuleInfo[]): Set<string> {
  const codes = new Set<string>();
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean);
  if (!names.length) throw new SluiceError(`${flag} names no rule`, { hint: `e.g. ${flag} AM04,CP01 (sluice lint --help lists the rules)` });
  for (const name of names) {
    const wanted = name.toUpperCase();
    const matching = knownRules.filter((rule) => namesRule(wanted, rule.code, rule.name));
    if (!matching.length) {
      const suggestion = closestNames(wanted, [...knownRules.map((rule) => rule.code), ...knownRules.map((rule) => rule.name)]);
      throw new SluiceError(`unknown rule '${name}' in ${flag}`, {
        hint: suggestion.length ? `did you mean ${suggestion.join(' or ')}? (sluice lint --help lists the rules)` : 'sluice lint --help lists the rules',
      });
    }
    for (const rule of matching) codes.add(rule.code);
  }
  return codes;
}

/** The layer a model's path puts it in, or null. */
export function layerOf(settings: LintSettings, path: string): Layer | null {
  const folders = path.split('/').slice(0, -1);
  return settings.layers.find((layer) => layer.folders.some((folder) => folders.includes(folder))) ?? null;
}

/** Reads the `lint:` section of sluice.yml (if any); unknown rule codes are warnings naming them. */
export function loadLintSettings(projectRoot: string, knownRules: RuleInfo[], warnings: Warning[]): LintSettings {
  const settings = defaultLintSettings();
  const path = ['sluice.yml', 'sluice.yaml'].map((name) => join(projectRoot, name)).find((candidate) => existsSync(candidate));
  if (!path) return settings;
  const yaml = readYaml<Record<string, unknown>>(path, path.endsWith('.yaml') ? 'sluice.yaml' : 'sluice.yml');
  const section = isRecord(yaml.value) ? yaml.value.lint : undefined;
  if (section === undefined || section === null) return settings;
  const place = (...keys: Array<string | number>) => ({ file: yaml.file, line: yaml.lineOf(['lint', ...keys]) });
  if (!isRecord(section)) throw new SluiceError(`'lint' in ${yaml.file} must be a mapping`, place());
  for (const key of Object.keys(section)) {
    if (!SECTION_KEYS.includes(key)) warnings.push({ message: `unknown key 'lint.${key}' in ${yaml.file}; it is ignored`, ...place(key) });
  }
  const codes = new Map(knownRules.map((rule) => [rule.code.toUpperCase(), rule.code]));
  for (const rule of knownRules) codes.set(rule.name.toUpperCase(), rule.code);
  const readRules = (value: unknown, keys: Array<string | number>): Map<string, RuleSetting> => {
    const rules = new Map<string, RuleSetting>();
    if (value === undefined || value === null) return rules;
    if (!isRecord(value)) throw new SluiceError(`lint.${keys.join('.')} must map rule codes to off, warning or error`, place(...keys));
    for (const [name, raw] of Object.entries(value)) {
      const code = codes.get(name.toUpperCase());
      if (!code) {
        const suggestion = closestNames(name.toUpperCase(), [...codes.keys()]);
        warnings.push({
          message: `unknown lint rule '${name}' in ${yaml.file}; it is ignored${suggestion.length ? ` (did you mean ${suggestion.join(' or ')}?)` : ''}`,
          ...place(...keys, name),
        });
        continue;
      }
      const setting = raw === false ? 'off' : raw === true ? undefined : isRecord(raw) ? raw.severity : raw;
      if (setting === undefined) {
        const rule = knownRules.find((known) => known.code === code)!;
        rules.set(code, rule.severity);
      } else if (setting === 'off' || setting === 'warning' || setting === 'error') rules.set(code, setting);
      else if (setting === 'warn') rules.set(code, 'warning');
      else throw new SluiceError(`lint rule ${name} must be off, warning or error, got ${JSON.stringify(setting)}`, place(...keys, name));
    }
    return rules;
  };
  settings.rules = readRules(section.rules, ['rules']);
  if (section.overrides !== undefined && section.overrides !== null) {
    if (!Array.isArray(section.overrides)) throw new SluiceError('lint.overrides must be a list of {path, rules}', place('overrides'));
    settings.overrides = section.overrides.map((entry, index) => {
      if (!isRecord(entry) || typeof entry.path !== 'string') {
        throw new SluiceError('each lint override needs a path (a folder or glob such as models/legacy/**) and rules', place('overrides', index));
      }
      const pattern = entry.path.replace(/\/+$/, '');
      const glob = /[*?[\]{}]/.test(pattern) ? picomatch(pattern) : null;
      const matches = (file: string) => (glob ? glob(file) : file === pattern || file.startsWith(`${pattern}/`));
      return { path: pattern, matches, rules: readRules(entry.rules, ['overrides', index, 'rules']) };
    });
  }
  if (section.layers !== undefined && section.layers !== null) {
    settings.layers = readLayers(section.layers, place);
    settings.layersConfigured = true;
  }
  if (section.format !== undefined && section.format !== null) readFormat(yaml, section.format, settings.format, place, warnings);
  return settings;
}

type Place = (...keys: Array<string | number>) => { file: string; line: number | undefined };

function stringList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return null;
}

function readLayers(value: unknown, place: Place): Layer[] {
  if (!isRecord(value)) throw new SluiceError('lint.layers must map layer names (lowest first) to {folders, prefixes}', place('layers'));
  return Object.entries(value).map(([name, spec]) => {
    const entry = isRecord(spec) ? spec : {};
    const folders = entry.folders === undefined ? [name] : stringList(entry.folders);
    const prefixes = entry.prefixes === undefined ? [] : stringList(entry.prefixes);
    if (!folders || !prefixes) {
      throw new SluiceError(`lint.layers.${name} needs folders and prefixes as lists of strings`, { ...place('layers', name), hint: `e.g. ${name}: { folders: [${name}], prefixes: [stg_] }` });
    }
    return { name, folders, prefixes };
  });
}

/** `lint.format` opts in to the formatting check: `true`, or a mapping of settings (unless it says `enabled: false`). */
function readFormat(yaml: YamlFile, value: unknown, format: FormatSettings, place: Place, warnings: Warning[]): void {
  if (typeof value === 'boolean') {
    format.enabled = value;
    return;
  }
  if (!isRecord(value)) throw new SluiceError('lint.format must be a mapping of formatter settings, true or false', place('format'));
  format.enabled = true;
  const target = format as unknown as Record<string, unknown>;
  for (const [key, raw] of Object.entries(value)) {
    const field = FORMAT_KEYS[key];
    if (!field) {
      warnings.push({ message: `unknown key 'lint.format.${key}' in ${yaml.file}; it is ignored (known: ${Object.keys(FORMAT_KEYS).join(', ')})`, ...place('format', key) });
      continue;
    }
    const current = target[field];
    const ok =
      typeof current === typeof raw &&
      (typeof raw !== 'number' || (Number.isInteger(raw) && raw >= 0)) &&
      (field.endsWith('Case') ? ['preserve', 'upper', 'lower'].includes(raw as string) : true) &&
      (field === 'logicalOperatorNewline' ? ['before', 'after'].includes(raw as string) : true);
    if (!ok) throw new SluiceError(`lint.format.${key} has an invalid value ${JSON.stringify(raw)}`, place('format', key));
    target[field] = raw;
  }
}
