/** The report's data changes as plain lines for the terminal: what `ci` and `diff` print after building. */
import { formatCount, formatRowChange } from './format.js';
import type { Report } from './report-json.js';

export function dataChangeLines(report: Report): string[] {
  const lines: string[] = [];
  for (const change of report.breaking) {
    lines.push(`BREAKING ${change.model}.${change.column} ${change.change}: read by ${change.read_by.join(', ')}`);
  }
  const diffed = report.models.filter((model) => model.rows || model.schema || model.values || model.profile);
  if (!diffed.length) return lines;
  lines.push('Data changes against production:');
  const width = Math.max(...diffed.map((model) => model.name.length));
  for (const model of diffed) {
    const parts = [`rows ${formatRowChange(model.rows)}`];
    const schema = model.schema;
    if (schema) {
      const changes = [
        ...schema.added.map((column) => `+${column}`),
        ...schema.removed.map((column) => `-${column}`),
        ...schema.changed.map((entry) => `${entry.column} ${entry.from}→${entry.to}`),
      ];
      if (changes.length) parts.push(`schema ${changes.join(' ')}`);
    }
    const values = model.values;
    if (values) {
      const columns = Object.entries(values.columns)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([column, count]) => `${column} ${formatCount(count)}`);
      parts.push(
        `values ${formatCount(values.only_base)} removed · ${formatCount(values.only_env)} added · ${formatCount(values.changed_rows)} changed${columns.length ? ` (${columns.join(', ')})` : ''}`,
      );
    } else if (model.profile) parts.push('no key: profile compared');
    lines.push(`  ${model.name.padEnd(width)}  ${parts.join(' · ')}`);
    for (const note of model.diff_notes) lines.push(`  ${' '.repeat(width)}  note: ${note}`);
  }
  return lines;
}
