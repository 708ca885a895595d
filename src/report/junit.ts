/**
 * JUnit XML for CI test viewers: one `<testsuite>` per model, one `<testcase>` per data or unit test.
 * A failing test is a `<failure>` with its failing-row count, a test that errored an `<error>`, a
 * skipped one `<skipped>`; a warning passes, with the warning in `<system-out>`.
 */
import { plural } from './format.js';
import { isUnitTest } from './tests-section.js';
import type { Report, ReportTest } from './report-json.js';

/** Tests attached to no single model. */
const PROJECT_SUITE = '(project)';

/** Drops what XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
function xmlCharacters(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** Escaped for text content and attribute values alike; line breaks and tabs survive attribute normalisation. */
export function escapeXml(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };
  return xmlCharacters(text).replace(/[&<>"'\n\r\t]/g, (character) => entities[character]!);
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function seconds(test: ReportTest): number {
  return typeof test.execution_time === 'number' && Number.isFinite(test.execution_time) && test.execution_time > 0 ? test.execution_time : 0;
}

function failureSummary(test: ReportTest): string {
  if (typeof test.failures === 'number' && Number.isFinite(test.failures)) return plural(test.failures, 'failing row');
  return test.message?.split('\n')[0] ?? test.status;
}

/** The element inside a `<testcase>` that says how it went (nothing for a pass). */
function outcomeElement(test: ReportTest): string {
  const kind = isUnitTest(test) ? 'unit_test' : 'data_test';
  const body = escapeXml(test.message ?? '');
  switch (test.status) {
    case 'pass':
    case 'success':
      return '';
    case 'warn':
      return `<system-out>${escapeXml(`Warning: ${failureSummary(test)}${test.message ? `\n${test.message}` : ''}`)}</system-out>`;
    case 'skipped':
      return `<skipped${attributes({ message: test.message ?? 'skipped' })}/>`;
    case 'error':
      return `<error${attributes({ message: failureSummary(test), type: kind })}>${body}</error>`;
    default:
      return `<failure${attributes({ message: failureSummary(test), type: kind })}>${body}</failure>`;
  }
}

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function countTests(tests: ReportTest[]): SuiteCounts {
  const counts = { tests: tests.length, failures: 0, errors: 0, skipped: 0, time: 0 };
  for (const test of tests) {
    if (test.status === 'error') counts.errors += 1;
    else if (test.status === 'skipped') counts.skipped += 1;
    else if (!['pass', 'success', 'warn'].includes(test.status)) counts.failures += 1;
    counts.time += seconds(test);
  }
  return counts;
}

function countAttributes(counts: SuiteCounts): Record<string, string | number> {
  return { tests: counts.tests, failures: counts.failures, errors: counts.errors, skipped: counts.skipped, time: counts.time.toFixed(3) };
}

function testcase(test: ReportTest, suite: string): string {
  const open = `    <testcase${attributes({ name: test.name, classname: suite, time: seconds(test).toFixed(3) })}`;
  const outcome = outcomeElement(test);
  return outcome ? `${open}>\n      ${outcome}\n    </testcase>` : `${open}/>`;
}

/** Suites in the order their first test appears in the report, so the output is stable. */
function suitesOf(report: Report): Map<string, ReportTest[]> {
  const suites = new Map<string, ReportTest[]>();
  for (const test of report.tests) {
    const name = test.model ?? PROJECT_SUITE;
    const tests = suites.get(name) ?? [];
    tests.push(test);
    suites.set(name, tests);
  }
  return suites;
}

export function renderJunit(report: Report): string {
  const suites = [...suitesOf(report)].map(([name, tests]) => {
    const header = `  <testsuite${attributes({ name, ...countAttributes(countTests(tests)), timestamp: report.generated_at })}>`;
    return [header, ...tests.map((test) => testcase(test, name)), '  </testsuite>'].join('\n');
  });
  const root = `<testsuites${attributes({ name: `sluice ${report.command} ${report.env}`, ...countAttributes(countTests(report.tests)) })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites, '</testsuites>', ''].join('\n');
}
