/**
 * dbt's block tags, rewritten before nunjucks sees the template, keeping every line where it was
 * (so an error still points at the author's line):
 *   {% test name(args) %}…{% endtest %}          → the macro `test_name` (also `data_test`)
 *   {% materialization name, adapter='x' %}…      → the macro `materialization_name_x` (parsed, never run)
 *   {% docs name %}…{% enddocs %}                  → removed, returned in `docs`
 *   {% snapshot name %}…{% endsnapshot %}          → removed, returned in `snapshots`
 * Whitespace-control dashes on these tags keep their effect (a `+` has none under dbt's settings).
 */
import { SluiceError } from '../errors.js';

export interface ExtractedBlock {
  name: string;
  /** The Jinja text between the opening and closing tags, as written. */
  body: string;
  /** 1-based line of the opening tag. */
  line: number;
  /** 1-based line the body starts on (the line of the opening tag's `%}`). */
  bodyLine: number;
}

export interface PreprocessedSource {
  /** The template for nunjucks, with the same number of lines as the input. */
  source: string;
  docs: ExtractedBlock[];
  snapshots: ExtractedBlock[];
}

interface Tag {
  start: number;
  end: number;
  leftDash: boolean;
  rightDash: boolean;
  /** The tag's content without the delimiters and dashes. */
  content: string;
  name: string;
}

const BLOCKS = new Set(['test', 'data_test', 'materialization', 'docs', 'snapshot']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Index just past the closing delimiter, skipping quoted strings; -1 if unclosed. */
function findClose(source: string, from: number, close: '}}' | '%}'): number {
  // Character codes: this scan reads every tag of every file that has a dbt block.
  const first = close.charCodeAt(0);
  const second = close.charCodeAt(1);
  let quote = 0;
  for (let i = from; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (quote) {
      if (code === 92 /* \ */) i++;
      else if (code === quote) quote = 0;
    } else if (code === 34 /* " */ || code === 39 /* ' */) quote = code;
    else if (code === first && source.charCodeAt(i + 1) === second) return i + 2;
  }
  return -1;
}

function lineAt(source: string, index: number, cache: { index: number; line: number }): number {
  // Lines are counted forward from the last position asked for: the scan only moves forward.
  let { index: at, line } = cache.index <= index ? cache : { index: 0, line: 1 };
  for (; at < index; at++) if (source.charCodeAt(at) === 10) line++;
  cache.index = index;
  cache.line = line;
  return line;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Pads `replacement` with newlines so it spans as many lines as `original`. */
function sameLines(original: string, replacement: string, beforeClose: number): string {
  const missing = newlines(original) - newlines(replacement);
  if (missing <= 0) return replacement;
  return replacement.slice(0, beforeClose) + '\n'.repeat(missing) + replacement.slice(beforeClose);
}

/** Splits `a, b=[1, 2], c='x,y'` at its top-level commas. */
function splitArgs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') {
        current += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

function open(tag: Tag, keyword: string): string {
  return `{%${tag.leftDash ? '-' : ''} ${keyword}`;
}

function close(tag: Tag): string {
  return ` ${tag.rightDash ? '-' : ''}%}`;
}

// Most files have none of these tags; they skip the scan.
const MAYBE_BLOCKS = /\{%[-+]?\s*(?:test|data_test|materialization|docs|snapshot)\b/;

export function preprocessJinja(source: string, file: string): PreprocessedSource {
  if (!MAYBE_BLOCKS.test(source)) return { source, docs: [], snapshots: [] };
  const docs: ExtractedBlock[] = [];
  const snapshots: ExtractedBlock[] = [];
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const lines = { index: 0, line: 1 };
  const fail = (message: string, index: number, hint?: string): never => {
    throw new SluiceError(message, { file, line: lineAt(source, index, { index: 0, line: 1 }), hint });
  };

  /** The next `{% … %}` tag at or after `from`, skipping comments, expressions and raw blocks. */
  const nextTag = (from: number): Tag | null => {
    let i = from;
    for (;;) {
      const j = source.indexOf('{', i);
      if (j < 0 || j + 1 >= source.length) return null;
      const kind = source[j + 1];
      if (kind === '#') {
        const end = source.indexOf('#}', j + 2);
        if (end < 0) return null;
        i = end + 2;
      } else if (kind === '{') {
        const end = findClose(source, j + 2, '}}');
        if (end < 0) return null;
        i = end;
      } else if (kind === '%') {
        const end = findClose(source, j + 2, '%}');
        if (end < 0) return null;
        let content = source.slice(j + 2, end - 2);
        // A `+` (`{%+ test … +%}`) is read and dropped: it changes nothing without lstrip/trim_blocks.
        const leftSign = content.startsWith('-') || content.startsWith('+');
        const rightSign = content.length > (leftSign ? 1 : 0) && (content.endsWith('-') || content.endsWith('+'));
        const leftDash = leftSign && content.startsWith('-');
        const rightDash = rightSign && content.endsWith('-');
        content = content.slice(leftSign ? 1 : 0, rightSign ? -1 : undefined).trim();
        const name = IDENT.exec(content)?.[0] ?? '';
        if (name === 'raw') {
          const rest = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
          rest.lastIndex = end;
          const m = rest.exec(source);
          if (!m) return null;
          i = m.index + m[0].length;
          continue;
        }
        return { start: j, end, leftDash, rightDash, content, name };
      } else i = j + 1;
    }
  };

  const findEnd = (openTag: Tag): Tag => {
    const endName = `end${openTag.name}`;
    for (let tag = nextTag(openTag.end); tag; tag = nextTag(tag.end)) {
      if (tag.name === endName) return tag;
      if (BLOCKS.has(tag.name)) break;
    }
    return fail(`'{% ${openTag.name} %}' is never closed: expected '{% ${endName} %}'`, openTag.start);
  };

  const blockName = (tag: Tag): { name: string; rest: string } => {
    const afterKeyword = tag.content.slice(tag.name.length).trimStart();
    const name = IDENT.exec(afterKeyword)?.[0];
    if (!name) return fail(`'{% ${tag.name} %}' needs a name`, tag.start);
    return { name, rest: afterKeyword.slice(name.length) };
  };

  for (let tag = nextTag(0); tag; tag = nextTag(tag.end)) {
    if (!BLOCKS.has(tag.name)) continue;
    const endTag = findEnd(tag);
    const original = source.slice(tag.start, tag.end);
    const { name, rest } = blockName(tag);
    if (tag.name === 'test' || tag.name === 'data_test') {
      if (!rest.trimStart().startsWith('(')) fail(`'{% ${tag.name} ${name} %}' needs its arguments, e.g. {% test ${name}(model, column_name) %}`, tag.start);
      const text = `${open(tag, `macro test_${name}`)}${rest}${close(tag)}`;
      edits.push({ start: tag.start, end: tag.end, text: sameLines(original, text, text.length - 3) });
      edits.push({ start: endTag.start, end: endTag.end, text: `${open(endTag, 'endmacro')}${close(endTag)}` });
    } else if (tag.name === 'materialization') {
      let adapter = 'default';
      let languages = "['sql']";
      const args = rest.trim().replace(/^,/, '');
      for (const arg of splitArgs(args)) {
        const m = /^\s*([A-Za-z_]\w*)\s*(?:=\s*([\s\S]*?))?\s*$/.exec(arg);
        if (!m) fail(`invalid materialization argument '${arg.trim()}'`, tag.start);
        const [, key, value] = m!;
        if (key === 'default' && value === undefined) continue;
        if (key === 'adapter' && value !== undefined) {
          const quoted = /^(['"])(\w+)\1$/.exec(value.trim());
          if (!quoted) fail(`materialization adapter must be a quoted name, got ${value.trim()}`, tag.start);
          adapter = quoted![2];
        } else if (key === 'supported_languages' && value !== undefined) languages = value.trim();
        else fail(`unknown materialization argument '${key}'`, tag.start, "materializations take 'default', adapter='…' and supported_languages=[…]");
      }
      const text = `${open(tag, `macro materialization_${name}_${adapter}(supported_languages=${languages.replace(/\n/g, ' ')})`)}${close(tag)}`;
      edits.push({ start: tag.start, end: tag.end, text: sameLines(original, text, text.length - 3) });
      edits.push({ start: endTag.start, end: endTag.end, text: `${open(endTag, 'endmacro')}${close(endTag)}` });
    } else {
      if (rest.trim()) fail(`unexpected '${rest.trim()}' after '{% ${tag.name} ${name}'`, tag.start);
      const block: ExtractedBlock = {
        name,
        body: source.slice(tag.end, endTag.start),
        line: lineAt(source, tag.start, lines),
        bodyLine: lineAt(source, tag.end, lines),
      };
      (tag.name === 'docs' ? docs : snapshots).push(block);
      // A comment holding only the newlines keeps the line count and the outer dashes' effect.
      const span = source.slice(tag.start, endTag.end);
      edits.push({ start: tag.start, end: endTag.end, text: `{#${tag.leftDash ? '-' : ''}${'\n'.repeat(newlines(span))}${endTag.rightDash ? '-' : ''}#}` });
    }
    tag = endTag;
  }

  if (edits.length === 0) return { source, docs, snapshots };
  let out = '';
  let last = 0;
  for (const edit of edits) {
    out += source.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  return { source: out + source.slice(last), docs, snapshots };
}
