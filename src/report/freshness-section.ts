/**
 * Source freshness in a rendering: the sources that are not fresh, called out near the top of the comment
 * and the job summary ("⚠️ source `erp.orders` last loaded 30 h ago (warn after 24 h)"), and the table
 * of every source checked for the summary. Pure functions of report.json's `freshness[]`.
 */
import { code, escapeText, formatCount, plural, tableHeader, tableRow, truncate } from './format.js';
import type { Section } from './limits.js';
import type { FreshnessThreshold, Report, ReportFreshness } from './report-json.js';

/** Names and messages are bounded so that the section, which is never dropped, always fits. */
const MAX_NAME = 200;
const MAX_MESSAGE = 300;

const STATUS_ICONS: Record<ReportFreshness['status'], string> = { pass: '✅', warn: '⚠️', error: '❌', 'runtime error': '❌' };
const STATUS_ORDER: Record<ReportFreshness['status'], number> = { error: 0, 'runtime error': 1, warn: 2, pass: 3 };
const UNITS: Record<FreshnessThreshold['period'], string> = { minute: 'min', hour: 'h', day: 'd' };

/** `45 s`, `12 min`, `30 h`, `3 d`: coarse, as one reads how long ago something happened. */
export function formatAge(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 120) return `${whole} s`;
  if (whole < 120 * 60) return `${Math.floor(whole / 60)} min`;
  if (whole < 72 * 3600) return `${Math.floor(whole / 3600)} h`;
  return `${formatCount(Math.floor(whole / 86_400))} d`;
}

/** `24 h`, `30 min`, `2 d`. */
export function formatThreshold(threshold: FreshnessThreshold | null): string {
  return threshold ? `${formatCount(threshold.count)} ${UNITS[threshold.period]}` : '—';
}

const PERIOD_SECONDS: Record<FreshnessThreshold['period'], number> = { minute: 60, hour: 3600, day: 86_400 };

/** An age in a threshold's unit, so the two compare at a glance: `72 h` against `48 h`, `2.5 d` against `2 d`. */
function formatAgeIn(seconds: number, period: FreshnessThreshold['period']): string {
  const value = Math.max(0, seconds / PERIOD_SECONDS[period]);
  // One decimal below 10, so that 2.5 d does not read as the 2 d it exceeds; whole units above.
  const shown = value < 10 ? (Math.floor(value * 10) / 10).toFixed(1).replace(/\.0$/, '') : formatCount(Math.floor(value));
  return `${shown} ${UNITS[period]}`;
}

/** The threshold a status was judged by (`error_after` for an error), or null for a pass. */
function brokenThreshold(entry: ReportFreshness): { name: string; threshold: FreshnessThreshold } | null {
  if (entry.status === 'error' && entry.error_after) return { name: 'error after', threshold: entry.error_after };
  if (entry.status === 'warn' && entry.warn_after) return { name: 'warn after', threshold: entry.warn_after };
  return null;
}

/** `last loaded 30 h ago (warn after 24 h)`, `was never loaded (error after 2 d)`, `could not be checked: …` — plain text. */
export function freshnessPhrase(entry: ReportFreshness): string {
  if (entry.status === 'runtime error') return `could not be checked: ${entry.message ?? 'unknown error'}`;
  const broken = brokenThreshold(entry);
  const after = broken ? ` (${broken.name} ${formatThreshold(broken.threshold)})` : '';
  if (entry.max_loaded_at === null || entry.age_seconds === null) return `was never loaded: no row${entry.filter ? ' matching its filter' : ''} has a loaded_at value${after}`;
  return `last loaded ${broken ? formatAgeIn(entry.age_seconds, broken.threshold.period) : formatAge(entry.age_seconds)} ago${after}`;
}

/** The terminal's line for a source that is not fresh: its phrase and, when known, the newest value. */
export function describeFreshness(entry: ReportFreshness): string {
  const newest = entry.max_loaded_at && entry.status !== 'runtime error' ? `; newest value ${entry.max_loaded_at}` : '';
  return `source ${entry.source}.${entry.table} ${freshnessPhrase(entry)}${newest}`;
}

export function isStale(entry: ReportFreshness): boolean {
  return entry.status !== 'pass';
}

function sourceName(entry: ReportFreshness): string {
  return code(truncate(`${entry.source}.${entry.table}`, MAX_NAME));
}

function staleLine(entry: ReportFreshness): string {
  const phrase = entry.status === 'runtime error' ? `could not be checked: ${escapeText(truncate((entry.message ?? 'unknown error').trim(), MAX_MESSAGE))}` : escapeText(freshnessPhrase(entry));
  return `- ${STATUS_ICONS[entry.status]} source ${sourceName(entry)} ${phrase}`;
}

function worstFirst(entries: ReportFreshness[]): ReportFreshness[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => STATUS_ORDER[a.entry.status] - STATUS_ORDER[b.entry.status] || a.index - b.index)
    .map(({ entry }) => entry);
}

/** The sources that are not fresh, worst first; empty (so not rendered) when every source is fresh. */
export function staleSourcesSection(report: Report, elsewhere: string): Section {
  const checked = report.freshness ?? [];
  const stale = worstFirst(checked.filter(isStale));
  return {
    name: 'stale sources',
    required: true,
    head: `⏰ **Source freshness:** ${formatCount(stale.length)} of ${plural(checked.length, 'source')} read by this run ${stale.length === 1 ? 'is' : 'are'} not fresh:`,
    items: stale.map(staleLine),
    more: (count) => `… and ${plural(count, 'more source')} in ${elsewhere}.`,
  };
}

function freshnessRow(entry: ReportFreshness): string {
  const status = entry.status === 'runtime error' ? `${STATUS_ICONS[entry.status]} ${escapeText(truncate((entry.message ?? '').trim(), 200)) || 'runtime error'}` : `${STATUS_ICONS[entry.status]} ${entry.status}`;
  return tableRow([
    sourceName(entry),
    entry.max_loaded_at ? code(entry.max_loaded_at) : '—',
    entry.age_seconds === null ? '—' : formatAge(entry.age_seconds),
    formatThreshold(entry.warn_after),
    formatThreshold(entry.error_after),
    status,
  ]);
}

/** Every source checked, worst first (a cut for size drops fresh sources before stale ones). */
export function freshnessTableSection(report: Report, elsewhere: string): Section {
  return {
    name: 'source freshness rows',
    whole: 'the table of source freshness',
    head: `### Source freshness\n\n${tableHeader(['source', 'newest loaded_at (UTC)', 'age', 'warn after', 'error after', 'status'])}`,
    items: worstFirst(report.freshness ?? []).map(freshnessRow),
    more: (count) => `… and ${plural(count, 'more source')} in ${elsewhere}.`,
  };
}
