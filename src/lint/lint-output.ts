/**
 * How lint findings are printed: text for people, JSON for tools (`{lint: [...], stats}` — the same
 * `lint` array as report.json), and GitHub workflow commands that become annotations on the lines.
 */
import { plural } from '../report/format.js';
import type { ReportLint } from '../report/report-json.js';
import type { LintOutcome, LintStats } from './lint-project.js';

export type LintFormat = 'text' | 'json' | 'github';

export function lintCounts(findings: ReportLint[]): { errors: number; warnings: number } {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** One line: how many files, how many findings, how much of the SQL parsed, how fast. */
export function lintSummaryLine(outcome: LintOutcome): string {
  const { errors, warnings } = lintCounts(outcome.findings);
  const { stats } = outcome;
  const verdict = errors || warnings ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : 'clean';
  const details = [
    stats.parseAttempted ? `SQL parsed in ${stats.parsed} of ${stats.parseAttempted}${stats.parseAttempted < stats.files ? ' that a rule needed parsed' : ''}` : '',
    stats.cached ? `${stats.cached} unchanged from the lint cache` : '',
    // A rate means something over many files, not over the few of a pull request.
    stats.files >= 50 && stats.seconds > 0 ? `${Math.round(stats.files / stats.seconds)} files/s` : '',
  ].filter(Boolean);
  return `Linted ${plural(stats.files, 'file')} in ${stats.seconds.toFixed(2)} s: ${verdict}${details.length ? ` (${details.join(', ')})` : ''}`;
}

export function formatText(outcome: LintOutcome, options: { stats?: boolean } = {}): string[] {
  const lines = outcome.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}: ${finding.severity === 'error' ? 'error  ' : 'warning'} ${finding.rule}  ${finding.message}`);
  for (const file of outcome.fixed) lines.push(`fixed ${file}`);
  if (outcome.stats.unparsed.length) {
    lines.push(`Rules on the parsed SQL skipped ${plural(outcome.stats.unparsed.length, 'file')} node-sql-parser cannot parse (token rules ran):`);
    for (const entry of options.stats ? outcome.stats.unparsed : outcome.stats.unparsed.slice(0, 5)) lines.push(`  ${entry.file}: ${entry.reason}`);
    if (!options.stats && outcome.stats.unparsed.length > 5) lines.push(`  … and ${outcome.stats.unparsed.length - 5} more (--stats lists them)`);
  }
  if (options.stats && outcome.stats.formatSkipped.length) {
    lines.push(`The formatter left ${plural(outcome.stats.formatSkipped.length, 'file')} alone:`);
    for (const entry of outcome.stats.formatSkipped) lines.push(`  ${entry.file}: ${entry.reason}`);
  }
  lines.push(lintSummaryLine(outcome));
  return lines;
}

export function formatJson(outcome: LintOutcome): string {
  const { stats } = outcome;
  return JSON.stringify(
    {
      lint: outcome.findings,
      fixed: outcome.fixed,
      // The same figures as the text summary line, whatever the output format.
      stats: { files: stats.files, parse_attempted: stats.parseAttempted, parsed: stats.parsed, unparsed: stats.unparsed, format_skipped: stats.formatSkipped, workers: stats.workers, cached: stats.cached, seconds: Number(stats.seconds.toFixed(3)) },
      // Paths given on the command line that are not linted, with why (a macro file, a package's file, …).
      skipped: stats.skipped,
    },
    null,
    2,
  );
}

/** GitHub's escaping for workflow command data and properties (the CLI writes them without @actions/core). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,title=…::message` lines; `prefix` turns project paths into repository paths. */
export function formatGithub(findings: ReportLint[], prefix = ''): string[] {
  return findings.map((finding) => {
    const file = `${prefix}${finding.file}`;
    const properties = `file=${escapeProperty(file)},line=${finding.line},col=${finding.column},title=${escapeProperty(`Sluice ${finding.rule}`)}`;
    return `::${finding.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(finding.message)}`;
  });
}
