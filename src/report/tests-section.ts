/**
 * Tests in a rendering: the failures (failed builds and failing tests — never cut), the warnings
 * (collapsed), and the full table of every test for the job summary.
 */
import { testOutcome, type TestOutcome } from './facts.js';
import { code, escapeText, formatCount, htmlCode, plural, tableHeader, tableRow, truncate } from './format.js';
import type { Section } from './limits.js';
import type { Report, ReportModel, ReportTest } from './report-json.js';

/** Messages are bounded so that the sections that are never cut always fit. */
const MAX_MESSAGE = 500;
const MAX_NAME = 200;

export const OUTCOME_ICONS: Record<TestOutcome, string> = { passed: '✅', warned: '⚠️', failed: '❌', skipped: '⏭️' };

export function isUnitTest(test: ReportTest): boolean {
  return test.unique_id.startsWith('unit_test.');
}

function testTitle(test: ReportTest, inline: (text: string) => string): string {
  const kind = isUnitTest(test) ? 'unit test ' : '';
  const on = test.model ? ` on ${inline(truncate(test.model, MAX_NAME))}` : '';
  return `${kind}${inline(truncate(test.name, MAX_NAME))}${on}`;
}

function failingRows(test: ReportTest): string | null {
  if (typeof test.failures !== 'number' || !Number.isFinite(test.failures)) return null;
  return plural(test.failures, 'failing row');
}

function message(text: string | null): string {
  return text ? escapeText(truncate(text.trim(), MAX_MESSAGE)) : '';
}

function modelFailureLine(model: ReportModel): string {
  const why = message(model.message);
  return `- ❌ ${code(truncate(model.name, MAX_NAME))} failed to build${why ? `: ${why}` : ''}`;
}

function testFailureLine(test: ReportTest): string {
  const rows = failingRows(test);
  const why = message(test.message);
  return `- ❌ ${testTitle(test, code)}${rows ? ` — **${rows}**` : ''}${why ? `: ${why}` : ''}`;
}

/** Failed builds and failing tests with their failing-row counts and messages. */
export function failuresSection(report: Report, elsewhere: string): Section {
  const failedModels = report.models.filter((model) => model.status === 'failed');
  const failedTests = report.tests.filter((test) => testOutcome(test) === 'failed');
  const title = [
    failedModels.length ? `${plural(failedModels.length, 'model')} failed to build` : '',
    failedTests.length ? `${plural(failedTests.length, 'test')} failed` : '',
  ].filter(Boolean);
  return {
    name: 'failures',
    required: true,
    head: `### ❌ ${title.join(' · ')}`,
    items: [...failedModels.map(modelFailureLine), ...failedTests.map(testFailureLine)],
    more: (count) => `… and ${plural(count, 'more failure')} in ${elsewhere}.`,
  };
}

function warningBlock(test: ReportTest): string {
  const rows = failingRows(test);
  return [
    `<details><summary>⚠️ <b>Warning:</b> ${testTitle(test, htmlCode)}${rows ? ` — ${rows}` : ''}</summary>`,
    '',
    message(test.message) || 'No message.',
    '',
    '</details>',
  ].join('\n');
}

/** Tests that warned, each collapsed with its message. */
export function warningsSection(report: Report): Section {
  return {
    name: 'warnings',
    whole: 'the warnings',
    items: report.tests.filter((test) => testOutcome(test) === 'warned').map(warningBlock),
    separator: '\n\n',
  };
}

const OUTCOME_ORDER: Record<TestOutcome, number> = { failed: 0, warned: 1, skipped: 2, passed: 3 };

function testRow(test: ReportTest): string {
  const time = typeof test.execution_time === 'number' && Number.isFinite(test.execution_time) ? `${test.execution_time.toFixed(2)} s` : '—';
  return tableRow([
    OUTCOME_ICONS[testOutcome(test)],
    `${code(test.name)}${isUnitTest(test) ? ' *(unit test)*' : ''}`,
    test.model ? code(test.model) : '—',
    typeof test.failures === 'number' ? formatCount(test.failures) : '—',
    time,
    message(test.message ? truncate(test.message, 200) : null) || '—',
  ]);
}

/** Every test with its status, worst first (so a cut for size drops passing tests before failing ones). */
export function testsTableSection(report: Report, elsewhere: string): Section {
  const sorted = report.tests
    .map((test, index) => ({ test, index }))
    .sort((a, b) => OUTCOME_ORDER[testOutcome(a.test)] - OUTCOME_ORDER[testOutcome(b.test)] || a.index - b.index)
    .map(({ test }) => test);
  return {
    name: 'test rows',
    whole: 'the table of all tests',
    head: `### Tests\n\n${tableHeader(['', 'test', 'model', 'failing rows', 'time', 'message'])}`,
    items: sorted.map(testRow),
    more: (count) => `… and ${plural(count, 'more test')} in ${elsewhere}.`,
  };
}
