/** Lint findings as a table: collapsed in the comment (the headline has the count), open in the job summary. */
import { code, escapeText, plural, tableHeader, tableRow, truncate } from './format.js';
import type { Section } from './limits.js';
import type { Report, ReportLint } from './report-json.js';

function findingRow(finding: ReportLint): string {
  return tableRow([
    finding.severity === 'error' ? '❌' : '⚠️',
    code(`${finding.file}:${finding.line}:${finding.column}`),
    code(finding.rule),
    escapeText(truncate(finding.message, 300)),
  ]);
}

export function lintSection(report: Report, options: { collapsed: boolean; elsewhere: string }): Section {
  const table = tableHeader(['', 'where', 'rule', 'message']);
  const head = options.collapsed
    ? `<details><summary>${plural(report.lint.length, 'lint finding')}</summary>\n\n${table}`
    : `### Lint: ${plural(report.lint.length, 'finding')}\n\n${table}`;
  return {
    name: 'lint findings',
    whole: 'the lint findings',
    head,
    items: report.lint.map(findingRow),
    // `</details>` after a blank line, so the table ends before the HTML block does.
    tail: options.collapsed ? '\n\n</details>' : '',
    more: (count) => `… and ${plural(count, 'more finding')} in ${options.elsewhere}.`,
  };
}
