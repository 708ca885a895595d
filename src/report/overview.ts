/**
 * What every rendering opens and closes with: the title, the one-line headline, the breaking changes
 * (always first, never cut) and the footer.
 */
import { countReport, type ReportCounts } from './facts.js';
import { code, escapeText, formatCount, formatDuration, formatShare, link, plural, truncate } from './format.js';
import type { Section } from './limits.js';
import type { BreakingChange, Report } from './report-json.js';

/** Names in sections that are never cut are still bounded, so those sections always fit. */
const MAX_NAME = 200;
const MAX_READERS = 10;

/** `## 🚦 Sluice · PR #42 → `pr_42`` (or the environment against its base when there is no pull request). */
export function renderTitle(report: Report): string {
  const pullRequest = report.pull_request;
  const subject = pullRequest
    ? `${link(`PR #${pullRequest.number}`, pullRequest.url)} → ${code(truncate(report.env, MAX_NAME))}`
    : `${code(truncate(report.env, MAX_NAME))} vs ${code(truncate(report.base_env, MAX_NAME))}`;
  return `## 🚦 Sluice · ${subject}`;
}

function modelsPhrase(counts: ReportCounts): string[] {
  const details = [counts.new ? `${formatCount(counts.new)} new` : '', counts.removed ? `${formatCount(counts.removed)} removed` : ''].filter(Boolean);
  const phrases = [`${plural(counts.changed, 'model')} changed${details.length ? ` (${details.join(', ')})` : ''}`, `${formatCount(counts.impacted)} impacted`];
  if (counts.unaffected) phrases.push(`${formatCount(counts.unaffected)} not rebuilt (${counts.unaffected === 1 ? 'reads' : 'read'} nothing that changed)`);
  if (counts.deferred) phrases.push(`${formatCount(counts.deferred)} read from production`);
  if (counts.failedModels) phrases.push(`❌ ${plural(counts.failedModels, 'model')} failed to build`);
  if (counts.skippedModels) phrases.push(`${formatCount(counts.skippedModels)} skipped`);
  return phrases;
}

function testsPhrase(counts: ReportCounts, report: Report): string {
  const { passed, warned, failed, skipped } = counts.tests;
  if (passed + warned + failed + skipped === 0) return 'no tests';
  const parts = [`${plural(passed, 'test')} passed`];
  if (warned) parts.push(plural(warned, 'warning'));
  if (failed) parts.push(`${formatCount(failed)} failed`);
  if (skipped) parts.push(`${formatCount(skipped)} skipped`);
  return `${parts.join(', ')} (${testKinds(report)})`;
}

/** What the tests were, so that the headline adds up with the table: `14 data tests on 3 models, 2 unit tests, 1 singular test`. */
function testKinds(report: Report): string {
  const unit = report.tests.filter((test) => test.unique_id.startsWith('unit_test.'));
  const data = report.tests.filter((test) => !test.unique_id.startsWith('unit_test.') && test.model !== null);
  const singular = report.tests.length - unit.length - data.length;
  const models = new Set(data.map((test) => test.model));
  const kinds = [data.length ? `${plural(data.length, 'data test')} on ${plural(models.size, 'model')}` : '', unit.length ? plural(unit.length, 'unit test') : '', singular ? plural(singular, 'singular test') : ''];
  return kinds.filter(Boolean).join(', ');
}

function lintPhrase(counts: ReportCounts): string {
  const findings = counts.lintErrors + counts.lintWarnings;
  if (!findings) return 'lint clean';
  return `${plural(findings, 'lint finding')}${counts.lintErrors ? ` (${plural(counts.lintErrors, 'error')})` : ''}`;
}

function dataPhrase(counts: ReportCounts): string | null {
  if (counts.dataChanged === null) return null;
  return counts.dataChanged ? `data changed in ${plural(counts.dataChanged, 'model')}` : 'no data changes';
}

/**
 * One bold line: models changed/impacted/read from production, tests, lint and data changes —
 * e.g. `**2 models changed · 3 impacted · 14 read from production · 24 tests passed, 1 warning · lint clean · data changed in 4 models**`.
 */
export function renderHeadline(report: Report): string {
  const counts = countReport(report);
  const phrases = [...modelsPhrase(counts), testsPhrase(counts, report), lintPhrase(counts), dataPhrase(counts)].filter((phrase): phrase is string => !!phrase);
  return `**${phrases.join(' · ')}**`;
}

function breakingLine(breaking: BreakingChange): string {
  const column = code(truncate(`${breaking.model}.${breaking.column}`, MAX_NAME));
  const readers = breaking.read_by.slice(0, MAX_READERS).map((reader) => code(truncate(reader, MAX_NAME)));
  const moreReaders = breaking.read_by.length - readers.length;
  if (moreReaders > 0) readers.push(`and ${formatCount(moreReaders)} more`);
  const readBy = readers.length ? ` — read by ${readers.join(', ')}` : '';
  return `- ${column} ${escapeText(truncate(breaking.change, MAX_NAME))}${readBy}`;
}

/** Breaking changes: a list that may shrink but is never dropped (`elsewhere` says where the rest is). */
export function breakingSection(report: Report, elsewhere: string): Section {
  return {
    name: 'breaking changes',
    required: true,
    head: `⚠️ **${plural(report.breaking.length, 'breaking change')}** — removed or retyped columns that downstream models or exposures read:`,
    items: report.breaking.map(breakingLine),
    more: (count) => `… and ${plural(count, 'more breaking change')} in ${elsewhere}.`,
  };
}

/** `on a 10 % key sample` when every sampled diff used the same percentage, else just `sampled`. */
function samplingPhrase(report: Report): string | null {
  const sampled = report.models.filter((model) => model.values?.sampled);
  if (!sampled.length) return null;
  const percents = new Set(sampled.map((model) => model.values!.sampled!.percent));
  const [percent] = [...percents];
  const how = percents.size === 1 && typeof percent === 'number' ? `on a ${formatShare(percent)} key sample` : 'on part of the rows';
  return `diffs ${how} for ${plural(sampled.length, 'model')}`;
}

/** The small print: time taken, sampling, and where the full report is (`fullReport`, already Markdown). */
export function renderFooter(report: Report, fullReport: string): string {
  const parts: string[] = [];
  if (report.timing) {
    const warehouse = report.timing.warehouse;
    parts.push(`Built in ${formatDuration(report.timing.total)}${typeof warehouse === 'number' ? ` (warehouse ${formatDuration(warehouse)})` : ''}`);
  }
  const sampling = samplingPhrase(report);
  if (sampling) parts.push(sampling);
  parts.push(`full report in ${fullReport}`);
  return `<sub>${parts.join(' · ')}</sub>`;
}
