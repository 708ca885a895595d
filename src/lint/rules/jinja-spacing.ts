/**
 * JJ01: a Jinja tag has one space inside each delimiter — `{{ ref('a') }}`, `{% if x %}`, and with
 * whitespace control `{{- x -}}`, `{%- if x -%}` — so tags read the same across a project. A tag whose
 * content starts or ends on its own line (a multi-line `{{ config(…) }}`) is fine. Read from the source
 * the author wrote, in one pass; `{# comments #}` and `{% raw %}` blocks are left alone.
 */
import type { Edit, SqlRule, Violation } from '../rule.js';
import type { SqlFile } from '../sql-file.js';

export const jinjaSpacing: SqlRule = {
  code: 'JJ01',
  name: 'jinja-spacing',
  description: "Jinja tags have exactly one space inside their delimiters: '{{ x }}', '{% if x %}', '{{- x -}}'.",
  severity: 'warning',
  enabledByDefault: true,
  needsAst: false,
  check(file: SqlFile): Violation[] {
    const source = file.source;
    const violations: Violation[] = [];
    let at = source.indexOf('{');
    while (at >= 0 && at < source.length - 1) {
      const kind = source[at + 1];
      if (kind === '#') {
        const end = source.indexOf('#}', at + 2);
        if (end < 0) break;
        at = source.indexOf('{', end + 2);
        continue;
      }
      if (kind !== '{' && kind !== '%') {
        at = source.indexOf('{', at + 1);
        continue;
      }
      const tag = readTag(source, at, kind === '{' ? '}}' : '%}');
      if (!tag) break;
      const content = source.slice(tag.innerStart, tag.innerEnd);
      if (kind === '%' && /^\s*raw\s*$/.test(content)) {
        const endraw = findEndRaw(source, tag.end);
        if (endraw < 0) break;
        at = source.indexOf('{', endraw);
        continue;
      }
      const violation = checkTag(file, at, tag, content);
      if (violation) violations.push(violation);
      at = source.indexOf('{', tag.end);
    }
    return violations;
  },
};

interface Tag {
  /** After the opening delimiter and its whitespace-control sign. */
  innerStart: number;
  /** Before the closing delimiter's whitespace-control sign. */
  innerEnd: number;
  /** After the closing delimiter. */
  end: number;
}

/** The tag that starts at `start`, its end found outside string literals; null when it never closes. */
function readTag(source: string, start: number, close: string): Tag | null {
  let i = start + 2;
  const innerStart = source[i] === '-' || source[i] === '+' ? i + 1 : i;
  let quote = '';
  for (; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === "'" || char === '"') quote = char;
    else if (char === close[0] && source[i + 1] === close[1]) {
      const innerEnd = i > innerStart && (source[i - 1] === '-' || source[i - 1] === '+') ? i - 1 : i;
      return { innerStart, innerEnd: Math.max(innerStart, innerEnd), end: i + 2 };
    }
  }
  return null;
}

/** Where the `{% endraw %}` after a `{% raw %}` ends, or -1. */
function findEndRaw(source: string, from: number): number {
  for (let at = source.indexOf('{%', from); at >= 0; at = source.indexOf('{%', at + 2)) {
    const close = source.indexOf('%}', at + 2);
    if (close < 0) return -1;
    if (/^[-+]?\s*endraw\s*[-+]?$/.test(source.slice(at + 2, close))) return close + 2;
  }
  return -1;
}

function checkTag(file: SqlFile, start: number, tag: Tag, content: string): Violation | null {
  const body = content.trim();
  if (!body) return null;
  const leading = content.slice(0, content.length - content.trimStart().length);
  const trailing = content.slice(content.trimEnd().length);
  const fine = (space: string) => space === ' ' || space.includes('\n');
  if (fine(leading) && fine(trailing)) return null;
  const fix: Edit[] = [];
  if (!fine(leading)) fix.push({ start: tag.innerStart, end: tag.innerStart + leading.length, text: ' ' });
  if (!fine(trailing)) fix.push({ start: tag.innerEnd - trailing.length, end: tag.innerEnd, text: ' ' });
  const written = file.source.slice(start, tag.end);
  const fixed = applyEdits(written, fix.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start })));
  const shown = written.length <= 60 && !written.includes('\n') ? `'${written}' should be '${fixed}'` : 'this tag needs it';
  return {
    ...file.sourcePosition(start),
    message: `Jinja tag spacing: one space inside the delimiters (${shown})`,
    fix,
  };
}

function applyEdits(text: string, edits: Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
