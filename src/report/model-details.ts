/**
 * The job summary's longer account of one model, collapsed: relations, why it was built, the full schema
 * diff, every changed column, the diff's notes and, without a key, the column profiles that differ.
 */
import { differingProfileColumns, hasSchemaChange, reviewedModels } from './facts.js';
import { code, escapeHtml, escapeText, formatCount, formatRowChange, formatShare, formatValue, plural, tableHeader, tableRow, truncate } from './format.js';
import type { Section } from './limits.js';
import { changedColumns, changeCell, schemaCell } from './model-table.js';
import type { ColumnProfile, ProfileDiff, Report, ReportModel, ReportValue } from './report-json.js';

function relationLine(model: ReportModel): string | null {
  if (!model.relation && !model.base_relation) return null;
  const parts = [model.relation ? `PR ${code(model.relation)}` : '', model.base_relation ? `prod ${code(model.base_relation)}` : ''].filter(Boolean);
  return `- **Relations:** ${parts.join(' · ')}`;
}

function schemaLines(model: ReportModel): string[] {
  const schema = model.schema;
  if (!schema) return [];
  const lines = [`- **Schema:** ${hasSchemaChange(schema) ? schemaCell(schema, Number.MAX_SAFE_INTEGER) : 'unchanged'}`];
  if (schema.reordered.length) lines.push(`- **Reordered columns** (order in the PR): ${schema.reordered.map((column) => code(column)).join(', ')}`);
  return lines;
}

function valuesLines(model: ReportModel): string[] {
  const values = model.values;
  if (!values) return [];
  const key = values.key.map((column) => code(column)).join(', ');
  const lines = [
    `- **Values by key** (${key}): ${formatCount(values.only_base)} removed · ${formatCount(values.only_env)} added · ${formatCount(values.changed_rows)} changed`,
  ];
  const columns = changedColumns(values);
  if (columns.length) lines.push(`- **Changed rows by column:** ${columns.map(([name, count]) => `${code(name)} ${formatCount(count)}`).join(', ')}`);
  if (values.sampled) {
    const { percent, where } = values.sampled;
    const parts = [percent !== null ? `a ${formatShare(percent)} sample of the keys` : '', where !== null ? `rows where ${code(where)}` : ''].filter(Boolean);
    lines.push(`- **Compared:** ${parts.join(', ')}`);
  }
  return lines;
}

/** `3 → 5`, or the one value when both sides agree. */
function profileCell(base: ColumnProfile | null, env: ColumnProfile | null, field: keyof ColumnProfile): string {
  const show = (profile: ColumnProfile | null): string => {
    if (!profile) return '—';
    const value: ReportValue = profile[field];
    return field === 'nulls' || field === 'distinct' ? formatCount(value as number) : formatValue(value, 40);
  };
  const before = show(base);
  const after = show(env);
  return before === after ? before : `${before} → ${after}`;
}

function profileTable(profile: ProfileDiff): string[] {
  const differing = differingProfileColumns(profile);
  if (!differing.length) return [];
  return [
    '',
    tableHeader(['column', 'nulls', 'distinct', 'min', 'max', 'sum']),
    ...differing.map((column) =>
      tableRow([
        code(column.name),
        ...(['nulls', 'distinct', 'min', 'max', 'sum'] as const).map((field) => profileCell(column.base, column.env, field)),
      ]),
    ),
  ];
}

export function modelDetailsBlock(model: ReportModel): string {
  const lines = [
    relationLine(model),
    model.reason ? `- **Why:** ${escapeText(truncate(model.reason, 300))}` : null,
    `- **Rows** (prod → PR): ${formatRowChange(model.rows)}`,
    ...schemaLines(model),
    ...valuesLines(model),
    model.profile && !model.values ? `- **No key:** ${escapeText(truncate(model.profile.reason, 300))}; profiles differ in ${plural(differingProfileColumns(model.profile).length, 'column')}` : null,
    ...model.diff_notes.map((note) => `- **Note:** ${escapeText(truncate(note, 300))}`),
    model.message ? `- **Message:** ${escapeText(truncate(model.message, 1000))}` : null,
    ...(model.profile && !model.values ? profileTable(model.profile) : []),
  ].filter((line): line is string => line !== null);
  return [`<details><summary><b>${escapeHtml(model.name)}</b> — ${changeCell(model)}, ${escapeHtml(model.materialized)}</summary>`, '', ...lines, '', '</details>'].join('\n');
}

export function modelDetailsSection(report: Report): Section {
  return {
    name: 'model details',
    whole: 'the model details',
    head: '### Model details',
    items: reviewedModels(report).map(modelDetailsBlock),
    separator: '\n\n',
  };
}
