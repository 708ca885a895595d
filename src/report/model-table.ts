/**
 * The table with a row per reviewed model: change and status, rows production → pull request, schema
 * changes, changed values, and its tests.
 */
import { differingProfileColumns, hasSchemaChange, isUnaffected, reviewedModels, testOutcome, testsByModel } from './facts.js';
import { code, escapeText, formatCount, formatRowChange, formatShare, plural, tableHeader, tableRow, truncate } from './format.js';
import type { Section } from './limits.js';
import type { Report, ReportModel, ReportTest, SchemaDiff, ValueDiff } from './report-json.js';

export interface ModelTableOptions {
  /** Changed columns named in the values cell (the most changed first). */
  topColumns: number;
  /** Schema changes named in the schema cell. */
  schemaChanges: number;
  /** Where cut rows can be found, for the "… and K more models" line. */
  elsewhere: string;
  /** A heading above the table. */
  title?: string;
}

const DASH = '—';

export function changeCell(model: ReportModel): string {
  const change = model.change ?? 'rebuilt';
  if (isUnaffected(model)) return `${change} · not rebuilt`;
  if (model.status === 'failed') return `${change} · ❌ failed`;
  // Removed models are skipped by design; any other skip means something upstream failed.
  if (model.status === 'skipped' && model.change !== 'removed') return `${change} · ⏭️ skipped`;
  return change;
}

/** `➕ `a` ➖ `b` 🔁 `c` int → bigint ↕️ 2 reordered`, naming at most `limit` columns. */
export function schemaCell(schema: SchemaDiff | null, limit: number): string {
  if (!schema || !hasSchemaChange(schema)) return DASH;
  const named = [
    ...schema.added.map((column) => `➕ ${code(column)}`),
    ...schema.removed.map((column) => `➖ ${code(column)}`),
    ...schema.changed.map((change) => `🔁 ${code(change.column)} ${escapeText(change.from)} → ${escapeText(change.to)}`),
  ];
  const shown = named.slice(0, limit);
  if (named.length > shown.length) shown.push(`+${formatCount(named.length - shown.length)} more`);
  if (schema.reordered.length) shown.push(`↕️ ${formatCount(schema.reordered.length)} reordered`);
  return shown.join(' ');
}

/** Columns by how many rows changed in them, most first; ties by name so the order is stable. */
export function changedColumns(values: ValueDiff): Array<[string, number]> {
  return Object.entries(values.columns).sort(([nameA, countA], [nameB, countB]) => countB - countA || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0));
}

function sampledPhrase(values: ValueDiff): string {
  const sampled = values.sampled;
  if (!sampled) return '';
  const parts = [sampled.percent !== null ? `${formatShare(sampled.percent)} sample` : '', sampled.where !== null ? 'filtered rows' : ''].filter(Boolean);
  return ` · on a ${parts.join(' of ')}`;
}

/** `108 removed · 0 added · 1,913 changed (`customer_segment_key` 1,913)`. */
export function valuesCell(model: ReportModel, topColumns: number): string {
  const values = model.values;
  if (isUnaffected(model)) return `read from production: ${escapeText(truncate(model.reason ?? '', 160))}`;
  let text = DASH;
  if (values) {
    const total = values.only_base + values.only_env + values.changed_rows;
    text = total ? `${formatCount(values.only_base)} removed · ${formatCount(values.only_env)} added · ${formatCount(values.changed_rows)} changed` : 'no changes';
    const columns = changedColumns(values);
    if (columns.length) {
      const named = columns.slice(0, topColumns).map(([name, count]) => `${code(name)} ${formatCount(count)}`);
      if (columns.length > named.length) named.push(`+${plural(columns.length - named.length, 'more column')}`);
      text += ` (${named.join(', ')})`;
    }
    text += sampledPhrase(values);
  } else if (model.profile) {
    const differing = differingProfileColumns(model.profile).length;
    text = differing ? `profiles differ in ${plural(differing, 'column')}` : 'profiles match';
  }
  // Why a diff is missing or partial matters to a reviewer as much as the numbers.
  const note = model.diff_notes[0] ?? (model.profile && !model.values ? model.profile.reason : null);
  if (note) text += `<br><sub>${escapeText(truncate(note, 120))}</sub>`;
  return text;
}

/** `5/6 ❌`: passed of all, with the worst outcome's icon. */
export function testsCell(tests: ReportTest[]): string {
  if (!tests.length) return DASH;
  const outcomes = tests.map(testOutcome);
  const passed = outcomes.filter((outcome) => outcome === 'passed').length;
  const icon = outcomes.includes('failed') ? '❌' : outcomes.includes('warned') ? '⚠️' : outcomes.includes('skipped') ? '⏭️' : '✅';
  return `${passed}/${tests.length} ${icon}`;
}

export function modelRow(model: ReportModel, tests: ReportTest[], options: ModelTableOptions): string {
  return tableRow([
    code(model.name),
    changeCell(model),
    formatRowChange(model.rows),
    schemaCell(model.schema, options.schemaChanges),
    valuesCell(model, options.topColumns),
    testsCell(tests),
  ]);
}

/** The table as a section: rows are the items, so a cut keeps the first models and says how many more there are. */
export function modelTableSection(report: Report, options: ModelTableOptions): Section {
  const tests = testsByModel(report);
  const header = tableHeader(['model', 'change', 'rows (prod → PR)', 'schema', 'values (by key)', 'tests']);
  return {
    name: 'model rows',
    whole: 'the model table',
    head: options.title ? `${options.title}\n\n${header}` : header,
    items: reviewedModels(report).map((model) => modelRow(model, tests.get(model.name) ?? [], options)),
    more: (count) => `… and ${plural(count, 'more model')} in ${options.elsewhere}.`,
  };
}
