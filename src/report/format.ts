/**
 * Numbers the way people read them and text that cannot break the Markdown, HTML or tables around it.
 * Every renderer formats through these, so a count or a name looks the same everywhere.
 */
import type { ReportValue } from './report-json.js';

/** A real minus sign: it lines up with `+` and cannot be read as a dash. */
export const MINUS = '\u2212';
const DASH = '—';

// Made on first use: building a number format costs tens of milliseconds, which commands that print no
// report (sluice ls) should not pay at start-up.
let integerFormat: Intl.NumberFormat | undefined;
const integers = (): Intl.NumberFormat => (integerFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }));

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `48210` → `48,210`; anything that is not a finite number → `—` (never `NaN` or `Infinity`). */
export function formatCount(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH;
  const digits = integers().format(Math.abs(value));
  return value < 0 ? `${MINUS}${digits}` : digits;
}

/** A signed difference: `+12`, `−108`, `0`. */
export function formatDelta(value: number): string {
  if (!isNumber(value)) return DASH;
  if (value > 0) return `+${formatCount(value)}`;
  return formatCount(value);
}

/**
 * A signed percentage with as many decimals as its size needs: `−0.22 %`, `+12.5 %`, `+1,250 %`, and
 * `+<0.01 %` for a change too small to show, so a real change never reads as zero.
 */
export function formatPercent(percent: number): string {
  if (!isNumber(percent)) return DASH;
  if (percent === 0) return '0 %';
  const sign = percent > 0 ? '+' : MINUS;
  const size = Math.abs(percent);
  let digits: string;
  if (size >= 100) digits = integers().format(size);
  else if (size >= 10) digits = size.toFixed(1);
  else if (size >= 0.01) digits = size.toFixed(2);
  else digits = '<0.01';
  return `${sign}${digits} %`;
}

/** An unsigned share such as a sample size: `10 %`, `0.5 %`. */
export function formatShare(percent: number): string {
  if (!isNumber(percent)) return DASH;
  return `${Number(percent.toFixed(2))} %`;
}

/** `base → env` as a percentage of base, or null when there is no base to divide by. */
export function percentChange(base: number, env: number): number | null {
  if (!isNumber(base) || !isNumber(env) || base === 0) return null;
  return ((env - base) / Math.abs(base)) * 100;
}

/**
 * Row counts for a model: `48,210 → 48,102 (−108, −0.22 %)`; a new model has only its count, a removed
 * one only its base.
 */
export function formatRowChange(rows: { base: number | null; env: number | null } | null): string {
  if (!rows) return DASH;
  const { base, env } = rows;
  if (!isNumber(base) && !isNumber(env)) return DASH;
  if (!isNumber(base)) return formatCount(env);
  if (!isNumber(env)) return `${formatCount(base)} → ${DASH}`;
  const counts = `${formatCount(base)} → ${formatCount(env)}`;
  if (base === env) return counts;
  const percent = percentChange(base, env);
  const delta = formatDelta(env - base);
  return percent === null ? `${counts} (${delta})` : `${counts} (${delta}, ${formatPercent(percent)})`;
}

/** `41 s`, `3 min 12 s`, `1 h 4 min`. */
export function formatDuration(seconds: number): string {
  if (!isNumber(seconds) || seconds < 0) return DASH;
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return whole % 60 ? `${minutes} min ${whole % 60} s` : `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}

/** `1 model`, `3 models`, `1,200 models`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** Cuts text to at most `max` code points (never inside a surrogate pair), marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  // A string's length counts UTF-16 units, never fewer than its code points: most texts need no cut.
  if (text.length <= max) return text;
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  return `${codePoints.slice(0, Math.max(0, max - 1)).join('')}…`;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A zero-width space after `@`: data in a public comment must never notify a GitHub user. */
function defuseMentions(text: string): string {
  return text.replace(/@/g, '@\u200b');
}

function flatten(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Free text (messages, notes) in Markdown, in or out of a table cell: Markdown's punctuation is
 * backslash-escaped, HTML's special characters become entities, and line breaks are flattened so a table
 * row stays one line.
 */
export function escapeText(text: string): string {
  const escaped = flatten(text).replace(/[&<>]|[\\`*_[\]~|]/g, (character) => HTML_ENTITIES[character] ?? `\\${character}`);
  return defuseMentions(escaped);
}

/**
 * Text inside HTML such as a `<summary>` line: GitHub does not read Markdown there, so only HTML's
 * special characters are escaped.
 */
export function escapeHtml(text: string): string {
  return defuseMentions(flatten(text).replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]!));
}

/**
 * A Markdown code span that shows `text` exactly: the fence is longer than any run of backticks inside,
 * and line breaks become `↵` so the span (and a table row around it) stays on one line. Code spans also
 * keep names and values from turning into links, emphasis or @-mentions.
 */
export function code(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, '↵');
  if (flat === '') return '` `';
  const longestRun = flat.includes('`') ? Math.max(...flat.match(/`+/g)!.map((run) => run.length)) : 0;
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space on each side when both are there, and a backtick at an edge would merge with the fence.
  const padded = /^[ `]|[ `]$/.test(flat) && !/^ +$/.test(flat) ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}

/** Inline code inside HTML (e.g. a `<summary>`), where Markdown code spans do not apply. */
export function htmlCode(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

/**
 * One table row. A `|` inside a code span still splits a GitHub table cell unless it is escaped, so every
 * raw pipe in a cell is escaped here; plain text reaches this point with pipes already as entities.
 */
export function tableRow(cells: string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

export function tableHeader(titles: string[]): string {
  return `${tableRow(titles)}\n|${titles.map(() => '---').join('|')}|`;
}

/** A sample value in a table cell: strings and numbers as code, so whitespace and masks (`•••`) show as they are. */
export function formatValue(value: ReportValue, maxLength = 80): string {
  if (value === null) return '*null*';
  if (value === '') return '*empty*';
  return code(truncate(String(value), maxLength));
}

/** Only web links go into Markdown links; anything else (or nothing) gives null and the caller prints plain text. */
export function safeUrl(url: string | undefined | null): string | null {
  if (!url) return null;
  if (!/^https?:\/\/[^\s]+$/i.test(url) && !/^#[\w-]*$/.test(url)) return null;
  return url.replace(/[()<>"'`]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[text](url)` when the url is safe, else the text alone. */
export function link(text: string, url: string | undefined | null): string {
  const safe = safeUrl(url);
  return safe ? `[${text}](${safe})` : text;
}
