/**
 * Formats a model's source file — SQL with Jinja — with sql-formatter in the target's dialect, or says
 * why it leaves the file alone.
 *
 * sql-formatter knows no Jinja, so each tag is swapped for a placeholder first and swapped back after:
 * an expression (`{{ … }}`) becomes one word, a Jinja comment (`{# … #}`) within a line an SQL block
 * comment, and a line holding nothing but Jinja (`{% if … %}`, `{% endif %}`, `{% set … %}`,
 * `{{ config(…) }}`) an SQL line comment that the formatter keeps on a line of its own. Every tag comes
 * back byte for byte, once, in its order. The lines before the first SQL (the config block, `set`s,
 * comments) are kept exactly as written. A file is skipped, never guessed at, when a statement tag shares
 * its line with SQL, Jinja sits in a string or quoted name, a block's body is not the model's SQL
 * (`raw`, `macro`, `call`, `filter`, a block `set`), the formatter fails or changes more than whitespace
 * and letter case, or formatting the result again would change it.
 */
import { duckdb, formatDialect, spark, sql, type DialectOptions, type FormatOptionsWithDialect } from 'sql-formatter';
import type { FormatSettings } from './lint-config.js';
import { tokenizeSql, type SqlToken } from '../sql/sql-tokens.js';

export type FormatOutcome =
  | { status: 'unchanged' }
  | { status: 'formatted'; text: string }
  | { status: 'skipped'; reason: string };

/** sql-formatter's grammar per target; Spark's rejects DuckDB's double-quoted names, so this matters. */
const FORMATTER_DIALECTS: Record<string, DialectOptions> = { databricks: spark, spark, duckdb };

/** Statement tags whose body is not SQL the model renders (or is not Jinja at all): formatting it is a guess. */
const OPAQUE_BLOCKS = new Set(['raw', 'macro', 'call', 'filter']);

const PLACEHOLDER_PREFIX = /__sluice_/i;
/** Any placeholder in the formatter's output, whole; case-insensitive because function_case may change a word. */
const PLACEHOLDER = /-- __sluice_stmt_(\d+)__|\/\* __sluice_note_(\d+)__ \*\/|__sluice_jinja_(\d+)__/gi;
const LINE_PLACEHOLDER = /^[ \t]*-- __sluice_stmt_\d+__$/i;
const STATEMENT_MARK = /__sluice_stmt_/i;
/** Placeholders, whole or cut short, as they show in a formatter's error message. */
const ANY_PLACEHOLDER_TEXT = /(?:-- |\/\* )?__sluice_[a-z]*(?:_\d*)?(?:__)?(?: \*\/)?/gi;
const TAG_START = /\{[{%#]/g;
const STATEMENT_NAME = /^\{%[-+]?\s*([A-Za-z_]\w*)/;
const CONFIG_CALL = /^\{\{[-+]?\s*config\s*\(/;

type TagKind = 'expression' | 'statement' | 'comment';

interface JinjaTag {
  kind: TagKind;
  start: number;
  /** Exclusive. */
  end: number;
}

/** A run of Jinja tags that is alone on its line(s): nothing but whitespace around and between them. */
interface JinjaLine {
  start: number;
  end: number;
  /** Where its line ends: the newline after it, or the end of the text. */
  lineEnd: number;
  tags: JinjaTag[];
}

interface Placeholder {
  id: number;
  kind: 'word' | 'note' | 'line';
  tag: JinjaTag;
  /** The source it stands for, [from, to). */
  from: number;
  to: number;
  /** Where it is in the formatter's input, and its length there. */
  at: number;
  length: number;
}

class Skip extends Error {}

/**
 * `check` only asks whether the file is formatted: one pass, and a file that would change is
 * 'formatted' without the second pass that proves the result stable (--fix does that).
 */
export function formatSqlSource(source: string, dialect: 'duckdb' | 'databricks' | string, settings: FormatSettings, mode: 'fix' | 'check' = 'fix'): FormatOutcome {
  if (!settings.enabled) return { status: 'unchanged' };
  const crlf = source.includes('\r');
  if (crlf && (/\r(?!\n)/.test(source) || /(?<!\r)\n/.test(source))) return { status: 'skipped', reason: 'the file mixes line endings' };
  const text = crlf ? source.replace(/\r\n/g, '\n') : source;
  if (PLACEHOLDER_PREFIX.test(text)) return { status: 'skipped', reason: "the file contains '__sluice_', which the formatter uses for Jinja" };
  const options = formatterOptions(dialect, settings);
  let once: string;
  try {
    once = formatText(text, options);
  } catch (error) {
    if (error instanceof Skip) return { status: 'skipped', reason: error.message };
    throw error;
  }
  if (once === text) return { status: 'unchanged' };
  if (mode === 'check') return { status: 'formatted', text: crlf ? once.replace(/\n/g, '\r\n') : once };
  try {
    if (formatText(once, options) !== once) return { status: 'skipped', reason: 'formatting is not stable here' };
  } catch (error) {
    if (error instanceof Skip) return { status: 'skipped', reason: 'formatting is not stable here' };
    throw error;
  }
  return { status: 'formatted', text: crlf ? once.replace(/\n/g, '\r\n') : once };
}

function formatterOptions(dialect: string, settings: FormatSettings): FormatOptionsWithDialect {
  return {
    dialect: FORMATTER_DIALECTS[dialect.toLowerCase()] ?? sql,
    keywordCase: settings.keywordCase,
    functionCase: settings.functionCase,
    dataTypeCase: settings.dataTypeCase,
    tabWidth: settings.tabWidth,
    useTabs: settings.useTabs,
    expressionWidth: settings.expressionWidth,
    logicalOperatorNewline: settings.logicalOperatorNewline,
    denseOperators: settings.denseOperators,
    linesBetweenQueries: settings.linesBetweenQueries,
  };
}

/** One formatting pass over \n-separated text; throws Skip with the reason when it cannot be done safely. */
function formatText(text: string, options: FormatOptionsWithDialect): string {
  const tags = jinjaTags(text);
  const lines = jinjaLines(text, tags);
  const bodyStart = firstSqlLineStart(text, tags, lines);
  if (bodyStart < 0) return text;
  const { input, placeholders } = withPlaceholders(text, bodyStart, tags, lines);
  const inputTokens = tokenizeSql(input);
  checkPlaceholderPlaces(text, inputTokens, placeholders);
  let output: string;
  try {
    output = formatDialect(input, options);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    // Its line and column are in the placeholder text; the author needs the line of the file.
    const place = /at line (\d+) column \d+/.exec(message);
    const line = place ? lineOf(text, sourceOffset(input, Number(place[1]), bodyStart, placeholders)) : undefined;
    const located = place ? message.replace(place[0], `at line ${line}`) : message;
    throw new Skip(`sql-formatter: ${located.replace(ANY_PLACEHOLDER_TEXT, '{{…}}')}`);
  }
  if (!sameTokens(inputTokens, tokenizeSql(output))) throw new Skip('the formatter would change more than whitespace and letter case');
  return text.slice(0, bodyStart) + restore(text, output, placeholders) + (text.endsWith('\n') ? '\n' : '');
}

/** The offset in the file of the start of a line of the formatter's input. */
function sourceOffset(input: string, line: number, bodyStart: number, placeholders: Placeholder[]): number {
  let offset = 0;
  for (let n = 1; n < line && offset >= 0; n++) offset = input.indexOf('\n', offset) + 1;
  let shift = bodyStart;
  for (const placeholder of placeholders) {
    if (placeholder.at > offset) break;
    if (placeholder.at + placeholder.length > offset) return placeholder.from;
    shift += placeholder.to - placeholder.from - placeholder.length;
  }
  return offset + shift;
}

/** Every Jinja tag in the text, in order; Jinja reads the file before SQL does, so SQL quoting is ignored here. */
function jinjaTags(text: string): JinjaTag[] {
  const tags: JinjaTag[] = [];
  TAG_START.lastIndex = 0;
  for (let match = TAG_START.exec(text); match; match = TAG_START.exec(text)) {
    const start = match.index;
    const kind: TagKind = text[start + 1] === '{' ? 'expression' : text[start + 1] === '%' ? 'statement' : 'comment';
    const end = kind === 'comment' ? commentEnd(text, start) : tagEnd(text, start, kind === 'expression' ? '}}' : '%}');
    if (end < 0) throw new Skip(`the Jinja tag on line ${lineOf(text, start)} is not closed`);
    if (kind === 'statement') {
      const name = STATEMENT_NAME.exec(text.slice(start, Math.min(end, start + 40)))?.[1] ?? '';
      if (OPAQUE_BLOCKS.has(name) || (name === 'set' && !hasTopLevelEquals(text.slice(start + 2, end - 2)))) {
        throw new Skip(`the {% ${name} %} block on line ${lineOf(text, start)} holds text that is not the model's SQL`);
      }
    }
    tags.push({ kind, start, end });
    TAG_START.lastIndex = end;
  }
  return tags;
}

function commentEnd(text: string, start: number): number {
  const close = text.indexOf('#}', start + 2);
  return close < 0 ? -1 : close + 2;
}

/** The end of an expression or statement tag: its closer outside strings and brackets, as Jinja's lexer finds it. */
function tagEnd(text: string, start: number, closer: string): number {
  let depth = 0;
  for (let i = start + 2; i < text.length; i++) {
    const char = text[i];
    if (char === "'" || char === '"') {
      for (i++; i < text.length && text[i] !== char; i++) if (text[i] === '\\') i++;
    } else if (char === '(' || char === '[' || char === '{') depth++;
    else if ((char === ')' || char === ']' || char === '}') && depth > 0) depth--;
    else if (depth === 0 && char === closer[0] && text[i + 1] === closer[1]) return i + 2;
  }
  return -1;
}

/** `{% set x = … %}` assigns; `{% set x %}…{% endset %}` captures a block. */
function hasTopLevelEquals(inner: string): boolean {
  return /^[-+]?\s*set\s+[\w\s,.()]+=(?!=)/.test(inner);
}

/** Groups the tags that stand alone on their line: nothing but spaces around and between them. */
function jinjaLines(text: string, tags: JinjaTag[]): JinjaLine[] {
  const lines: JinjaLine[] = [];
  let i = 0;
  while (i < tags.length) {
    const first = tags[i];
    let j = i;
    while (j + 1 < tags.length && onlySpaceBetween(text, tags[j].end, tags[j + 1].start)) j++;
    const newline = text.indexOf('\n', tags[j].end);
    const lineEnd = newline < 0 ? text.length : newline;
    if (onlySpaceBetween(text, text.lastIndexOf('\n', first.start - 1) + 1, first.start) && onlySpaceBetween(text, tags[j].end, lineEnd)) {
      lines.push({ start: first.start, end: tags[j].end, lineEnd, tags: tags.slice(i, j + 1) });
    }
    i = j + 1;
  }
  return lines;
}

/** Only spaces and tabs (no newline) in text[from, to). */
function onlySpaceBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
}

/**
 * Where the SQL starts: the first line with SQL on it that is not a comment. Everything before it — the
 * config block, `set`s, comments, blank lines — is kept as written. -1 when the file has no SQL at all.
 */
function firstSqlLineStart(text: string, tags: JinjaTag[], lines: JinjaLine[]): number {
  // Blank the Jinja lines out (same length) so only SQL and inline Jinja remain to be found.
  let probe = text;
  if (lines.length) {
    const parts: string[] = [];
    let at = 0;
    for (const line of lines) {
      parts.push(text.slice(at, line.start), text.slice(line.start, line.end).replace(/[^\n]/g, ' '));
      at = line.end;
    }
    parts.push(text.slice(at));
    probe = parts.join('');
  }
  const tokens = tokenizeSql(probe);
  const firstCode = tokens.findIndex((token) => token.type !== 'comment');
  let lineIndex = 0;
  const inlineTag = tags.find((tag) => {
    while (lineIndex < lines.length && lines[lineIndex].end < tag.end) lineIndex++;
    return !(lineIndex < lines.length && lines[lineIndex].start <= tag.start);
  });
  let start = Math.min(firstCode < 0 ? Infinity : tokens[firstCode].start, inlineTag ? inlineTag.start : Infinity);
  if (start === Infinity) return -1;
  // A comment that ends on that line but starts earlier is not split.
  const straddling = tokens.find((token) => token.type === 'comment' && token.start < start && token.end > text.lastIndexOf('\n', start - 1));
  if (straddling) start = straddling.start;
  return text.lastIndexOf('\n', start - 1) + 1;
}

/** The body (from bodyStart) with every Jinja tag or Jinja line swapped for a placeholder. */
function withPlaceholders(text: string, bodyStart: number, tags: JinjaTag[], lines: JinjaLine[]): { input: string; placeholders: Placeholder[] } {
  const placeholders: Placeholder[] = [];
  const parts: string[] = [];
  let length = 0;
  let at = bodyStart;
  const put = (from: number, to: number, kind: Placeholder['kind'], tag: JinjaTag) => {
    const id = placeholders.length;
    const literal = text.slice(at, from);
    const marker = kind === 'line' ? `-- __sluice_stmt_${id}__` : kind === 'note' ? `/* __sluice_note_${id}__ */` : `__sluice_jinja_${id}__`;
    parts.push(literal, marker);
    placeholders.push({ id, kind, tag, from, to, at: length + literal.length, length: marker.length });
    length += literal.length + marker.length;
    at = to;
  };
  let lineIndex = 0;
  for (const tag of tags) {
    if (tag.start < bodyStart) continue;
    while (lineIndex < lines.length && lines[lineIndex].end <= tag.start) lineIndex++;
    const line = lines[lineIndex];
    const onJinjaLine = line !== undefined && line.start <= tag.start && !isValueLine(text, line);
    if (!onJinjaLine) put(tag.start, tag.end, tag.kind === 'comment' ? 'note' : 'word', tag);
    else if (tag.start === line.start) {
      put(line.start, line.end, 'line', tag);
      at = line.lineEnd; // trailing spaces would become part of the SQL comment
    }
  }
  parts.push(text.slice(at));
  return { input: parts.join(''), placeholders };
}

/** A line of only expressions (`{{ dbt_utils.star(…) }}`) stands for SQL, unless it is a config call. */
function isValueLine(text: string, line: JinjaLine): boolean {
  return line.tags.every((tag) => tag.kind === 'expression' && !CONFIG_CALL.test(text.slice(tag.start, tag.end)));
}

/** Rejects Jinja that sits where a placeholder cannot stand for it: in strings, or statement tags within SQL. */
function checkPlaceholderPlaces(text: string, tokens: SqlToken[], placeholders: Placeholder[]): void {
  let t = 0;
  for (const placeholder of placeholders) {
    while (t < tokens.length && tokens[t].end <= placeholder.at) t++;
    const token = tokens[t];
    const line = () => lineOf(text, placeholder.tag.start);
    if (token.type === 'string' || token.type === 'quoted') {
      // sql-formatter never changes what is inside a string or a quoted name: an expression there
      // (`'{{ var("start") }}'`, very common in dbt) stays as written. Statements and comments do not.
      if (placeholder.kind === 'word' && placeholder.tag.kind === 'expression') continue;
      throw new Skip(`Jinja on line ${line()} is inside an SQL string or quoted name`);
    }
    const whole = token.start === placeholder.at && token.end === placeholder.at + placeholder.length;
    if (placeholder.kind === 'line') {
      if (token.type !== 'comment' || !whole) throw new Skip(`the Jinja on line ${line()} is inside an SQL comment`);
    } else if (placeholder.kind === 'note') {
      if (token.type !== 'comment' || !whole) throw new Skip(`the Jinja comment on line ${line()} is inside an SQL comment`);
    } else if (placeholder.tag.kind === 'statement') {
      throw new Skip(
        token.type === 'comment'
          ? `the Jinja statement on line ${line()} is inside an SQL comment`
          : `the Jinja statement on line ${line()} shares its line with SQL; put it on a line of its own`,
      );
    }
  }
}

/** Whether the formatter changed only whitespace and the case of words; comments may be re-indented inside. */
function sameTokens(before: SqlToken[], after: SqlToken[]): boolean {
  const a = tokenSignature(before);
  const b = tokenSignature(after);
  return a.length === b.length && a.every((text, i) => text === b[i]);
}

function tokenSignature(tokens: SqlToken[]): string[] {
  const signature: string[] = [];
  let previous: SqlToken | undefined;
  for (const token of tokens) {
    const text =
      token.type === 'keyword' || token.type === 'word'
        ? token.text.toLowerCase()
        : token.type === 'comment'
          ? token.text.replace(/\s+/g, '')
          : token.text;
    // `=-1` and `= -1` are the same SQL; a run of operators is compared as one.
    if (token.type === 'operator' && previous?.type === 'operator') signature[signature.length - 1] += text;
    else signature.push(`${token.type}:${text}`);
    previous = token;
  }
  return signature;
}

/** Puts every tag back, checking each appears once, in order, and Jinja lines stay alone on their lines. */
function restore(text: string, output: string, placeholders: Placeholder[]): string {
  for (const line of output.split('\n')) {
    if (STATEMENT_MARK.test(line) && !LINE_PLACEHOLDER.test(line)) throw new Skip('the formatter would put a Jinja statement on a line with SQL');
  }
  let expected = 0;
  const body = output.replace(PLACEHOLDER, (_match, line?: string, note?: string, word?: string) => {
    const id = Number(line ?? note ?? word);
    if (id !== expected) throw new Skip('the formatter would move or repeat a Jinja tag');
    expected++;
    return text.slice(placeholders[id].from, placeholders[id].to);
  });
  if (expected !== placeholders.length) throw new Skip('the formatter would drop a Jinja tag');
  return body;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
