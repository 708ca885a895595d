/**
 * Sample rows behind a value diff, one collapsed `<details>` per model: key, column, production's value
 * and the pull request's. Values arrive already masked (`•••`) where the project says so; they are shown
 * as code so a value can neither format nor link nor mention anyone.
 */
import { reviewedModels } from './facts.js';
import { code, escapeHtml, formatCount, formatValue, tableHeader, tableRow } from './format.js';
import type { Section } from './limits.js';
import type { Report, ReportModel, ValueDiff, ValueSample } from './report-json.js';

const ABSENT = '*(no row)*';

function sampleRows(sample: ValueSample): string[] {
  const key = sample.key.map((value) => formatValue(value)).join(', ');
  if (!sample.columns.length) {
    return [tableRow([key, sample.kind === 'only_base' ? '*(row removed)*' : '*(row added)*', '', ''])];
  }
  return sample.columns.map((column) => {
    const base = sample.kind === 'only_env' ? ABSENT : formatValue(column.base);
    const env = sample.kind === 'only_base' ? ABSENT : formatValue(column.env);
    return tableRow([key, code(column.name), base, env]);
  });
}

/** `3 of 1,913 changed rows · 1 of 108 removed`: how many samples of each kind stand for how many rows. */
function samplesPhrase(values: ValueDiff): string {
  const kinds: Array<[ValueSample['kind'], number, string]> = [
    ['changed', values.changed_rows, 'changed rows'],
    ['only_base', values.only_base, 'removed'],
    ['only_env', values.only_env, 'added'],
  ];
  return kinds
    .map(([kind, total, label]) => [values.samples.filter((sample) => sample.kind === kind).length, total, label] as const)
    .filter(([shown]) => shown > 0)
    .map(([shown, total, label]) => `${formatCount(shown)} of ${formatCount(total)} ${label}`)
    .join(' · ');
}

/** A model's samples as a collapsed block, or null when there are none. */
export function samplesBlock(model: ReportModel): string | null {
  const values = model.values;
  if (!values || !values.samples.length) return null;
  const keyTitle = values.key.length ? values.key.map((column) => code(column)).join(', ') : 'key';
  return [
    `<details><summary><b>${escapeHtml(model.name)}</b> — ${samplesPhrase(values)}</summary>`,
    '',
    tableHeader([keyTitle, 'column', 'prod', 'PR']),
    ...values.samples.flatMap(sampleRows),
    '',
    '</details>',
  ].join('\n');
}

/** Every model's samples; `head` titles them where they are not right under the model table. */
export function samplesSection(report: Report, head?: string): Section {
  return {
    name: 'sample tables',
    whole: 'the samples',
    head,
    items: reviewedModels(report)
      .map(samplesBlock)
      .filter((block): block is string => block !== null),
    separator: '\n\n',
  };
}
