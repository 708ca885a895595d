/**
 * Lints one rendered file: runs the SQL rules it has enabled (tree rules only when the SQL parses),
 * drops what noqa comments silence (noqa.ts), checks the formatting, and reads the model's output columns
 * from the parsed tree for the project rules. Plain data in, plain data out: a worker thread runs it.
 */
import type { ReportLint } from '../report/report-json.js';
import type { FormatSettings } from './lint-config.js';
import type { Edit, Severity, Violation } from './rule.js';
import { SQL_RULES } from './rules/sql-rules.js';
import { isSilenced, readNoqa } from './noqa.js';
import { outputColumns as outputColumnsOfFile } from './output-columns.js';
import { SqlFile, type SqlFileInput } from './sql-file.js';
import { FORMAT_RULE } from './rules/formatted.js';
import { hardCodedRelations, type HardCodedRelation } from './rules/hard-coded-relation.js';

export { FORMAT_RULE };

/** sql-formatter is large: loaded once, and only when some file's formatting is checked. */
let formatter: typeof import('./format-sql.js') | null = null;

/** Call before lintFile on these inputs (the pool and the worker do). */
export async function loadFormatterFor(inputs: FileLintInput[]): Promise<void> {
  if (!formatter && inputs.some((input) => input.format)) formatter = await import('./format-sql.js');
}

export interface FileLintInput extends SqlFileInput {
  /** The SQL rules enabled for this file, with their severity. */
  rules: Array<[code: string, severity: Severity]>;
  /** Check formatting (FMT01) at this severity; null: do not. */
  format: { settings: FormatSettings; severity: Severity } | null;
  /** Parse the SQL even when no rule needs the tree (`--stats`: the share node-sql-parser understands). */
  parseAll?: boolean;
  /** Find the source's hard-coded relations for the project rule SL05 (here, on a worker thread). */
  findHardCodedRelations?: boolean;
}

export interface FileFinding extends ReportLint {
  fix?: Edit[];
}

export interface FileLintResult {
  path: string;
  findings: FileFinding[];
  /** Whether node-sql-parser understood the SQL; null when no rule needed it. */
  parsed: boolean | null;
  parseError?: string;
  /** The model's output columns (lower case) when the SQL parsed and names every column; else null. */
  outputColumns: string[] | null;
  /** Why formatting left the file alone, when it did. */
  formatSkipped?: string;
  /** With findHardCodedRelations: the relations after FROM and JOIN written as names, not ref() or source(). */
  hardCodedRelations?: HardCodedRelation[];
}

const RULES_BY_CODE = new Map(SQL_RULES.map((rule) => [rule.code, rule]));

export function lintFile(input: FileLintInput): FileLintResult {
  const file = new SqlFile(input);
  const findings: FileFinding[] = [];
  const noqa = readNoqa(input.source);
  const add = (rule: string, severity: Severity, line: number, column: number, message: string, fix?: Edit[]) => {
    if (isSilenced(noqa, line, rule, RULES_BY_CODE.get(rule)?.name ?? (rule === FORMAT_RULE.code ? FORMAT_RULE.name : undefined))) return;
    findings.push({ file: input.path, line, column, rule, severity, message, ...(fix?.length ? { fix } : {}) });
  };
  if (input.rendered !== null) {
    for (const [code, severity] of input.rules) {
      const rule = RULES_BY_CODE.get(code);
      if (!rule) continue;
      // A cheap look at the tokens first: the tree is parsed only for a rule that has something to check.
      if (rule.applies && !rule.applies(file)) continue;
      if (rule.needsAst && file.ast === null) continue;
      let violations: Violation[];
      try {
        violations = rule.check(file);
      } catch (error) {
        // A rule's bug must not stop the lint (or a pull request's ci): say so, and go on.
        add(rule.code, 'warning', 1, 1, `the ${rule.name} rule failed on this file (a bug in Sluice, please report it): ${(error as Error).message}`);
        continue;
      }
      for (const violation of violations) add(rule.code, severity, violation.line, violation.column, violation.message, violation.fix);
    }
  }
  if (input.parseAll && input.rendered !== null) void file.ast;
  // From the tree the rules used, if they parsed it (nothing is parsed twice), else from the tokens.
  const outputColumns = input.rendered !== null && input.model.resourceType === 'model' ? outputColumnsOfFile(file) : null;
  const result: FileLintResult = { path: input.path, findings, parsed: file.parsed ?? null, outputColumns };
  if (file.parseError && file.parsed === false) result.parseError = file.parseError;
  if (input.findHardCodedRelations) result.hardCodedRelations = hardCodedRelations(input.source);
  if (input.format && input.source.trim()) {
    if (!formatter) throw new Error('lintFile checks formatting only after loadFormatterFor');
    const outcome = formatter.formatSqlSource(input.source, input.dialect, input.format.settings, 'check');
    if (outcome.status === 'formatted') {
      const line = firstDifferentLine(input.source, outcome.text);
      add(FORMAT_RULE.code, input.format.severity, line, 1, 'not formatted (sluice lint --fix formats it)');
    } else if (outcome.status === 'skipped') result.formatSkipped = outcome.reason;
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return result;
}

function firstDifferentLine(before: string, after: string): number {
  const a = before.split('\n');
  const b = after.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return Math.min(i + 1, a.length);
  return 1;
}

/** Whether the rule code is one of the SQL rules. */
export function isSqlRule(code: string): boolean {
  return RULES_BY_CODE.has(code);
}
