/**
 * SQLFluff's inline ignores, read from `--` and `/* … *\/` comments:
 *
 * ```sql
 * select *            -- noqa                 every rule, on this line
 * select a, b, from t -- noqa: CV03, CP01     these rules, on this line
 * -- noqa: disable=RF02                       these rules (or `all`) from this line on…
 * -- noqa: enable=RF02                        …until this line, which is checked again
 * select * /* noqa: AM04 *\/ from t           the same in a block comment
 * ```
 * A rule is named by its code (`RF02`), its name (`qualified-columns`), its group — the letters of its
 * code (`CP`, `SL`, `TMP`) — or a glob (`ST0*`); `PRS` (SQLFluff's parse errors) is accepted and matches
 * nothing, since SQL that does not parse is no finding here. A name that matches no rule is reported
 * (`unknownNoqaRules`, a NOQA warning), never an error: the rest of the comment still applies.
 */

/** `all`, or the rule references a comment lists (upper case, as written otherwise). */
export type NoqaRules = 'all' | string[];

export interface NoqaComment {
  line: number;
  column: number;
  /** null: a line ignore; else a range that starts (`disable`) or ends (`enable`) here. */
  action: 'disable' | 'enable' | null;
  rules: NoqaRules;
}

export interface NoqaDirectives {
  /** Line ignores by line. */
  lines: Map<number, NoqaRules>;
  /** disable= / enable= comments in line order. */
  ranges: NoqaComment[];
  /** Every comment, for checking the names they use. */
  comments: NoqaComment[];
  /** Comments that name nothing (`-- noqa:`, `disable=` with no rule): what is wrong and how it was read. */
  malformed: Array<{ line: number; column: number; message: string }>;
}

const NONE: NoqaDirectives = { lines: new Map(), ranges: [], comments: [], malformed: [] };

/** `noqa` right after the comment opens; what follows a colon is the comment's body. */
const LINE_COMMENT = /--[ \t]*noqa\b([^\n]*)/gi;
const BLOCK_COMMENT = /\/\*\s*noqa\b([\s\S]*?)\*\//gi;

export function readNoqa(source: string): NoqaDirectives {
  if (!/noqa/i.test(source)) return NONE;
  const directives: NoqaDirectives = { lines: new Map(), ranges: [], comments: [], malformed: [] };
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const placeOf = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
  const found: Array<{ offset: number; body: string }> = [];
  for (const match of source.matchAll(LINE_COMMENT)) found.push({ offset: match.index, body: match[1].split(/--|\/\*/)[0] });
  for (const match of source.matchAll(BLOCK_COMMENT)) found.push({ offset: match.index, body: match[1] });
  found.sort((a, b) => a.offset - b.offset);
  for (const { offset, body } of found) {
    const place = placeOf(offset);
    const comment = readComment(body.trim(), place, directives.malformed);
    if (!comment) continue;
    directives.comments.push(comment);
    if (comment.action) directives.ranges.push(comment);
    else {
      const before = directives.lines.get(comment.line);
      const merged: NoqaRules = before === 'all' || comment.rules === 'all' ? 'all' : [...(before ?? []), ...comment.rules];
      directives.lines.set(comment.line, merged);
    }
  }
  return directives;
}

function readComment(body: string, place: { line: number; column: number }, malformed: NoqaDirectives['malformed']): NoqaComment | null {
  // `-- noqa`, or `-- noqa (why)`: every rule on the line.
  if (!body.startsWith(':')) return { ...place, action: null, rules: 'all' };
  const text = body.slice(1).trim();
  const range = /^(disable|enable)\s*=\s*(.*)$/is.exec(text);
  const list = (range ? range[2] : text).split(/[\s,]+/).filter(Boolean).map((name) => name.toUpperCase());
  if (range && !list.length) {
    malformed.push({ ...place, message: `'noqa: ${range[1].toLowerCase()}=' names no rule; it is ignored (e.g. noqa: ${range[1].toLowerCase()}=RF02, or ${range[1].toLowerCase()}=all)` });
    return null;
  }
  if (!list.length) {
    malformed.push({ ...place, message: "'noqa:' names no rule; read as '-- noqa' (every rule on this line)" });
    return { ...place, action: null, rules: 'all' };
  }
  const action = range ? (range[1].toLowerCase() as 'disable' | 'enable') : null;
  return { ...place, action, rules: list.includes('ALL') ? 'all' : list };
}

/** Whether a reference in a noqa comment (upper case) names this rule. */
export function namesRule(reference: string, code: string, name?: string): boolean {
  if (reference === 'ALL' || reference === code) return true;
  if (name && reference === name.toUpperCase()) return true;
  if (/[*?]/.test(reference)) return globPattern(reference).test(code);
  // A group: the letters of codes (CP → CP01), not a code's prefix that runs into its digits.
  return /^[A-Z]+$/.test(reference) && code.startsWith(reference) && /^\d/.test(code.slice(reference.length));
}

const globs = new Map<string, RegExp>();
function globPattern(reference: string): RegExp {
  let pattern = globs.get(reference);
  if (!pattern) {
    pattern = new RegExp(`^${reference.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    globs.set(reference, pattern);
  }
  return pattern;
}

function listNames(rules: NoqaRules, code: string, name?: string): boolean {
  return rules === 'all' || rules.some((reference) => namesRule(reference, code, name));
}

/** Whether a finding of this rule on this line is silenced: a line ignore there, or the last range comment before it that names the rule disabled it. */
export function isSilenced(directives: NoqaDirectives, line: number, code: string, name?: string): boolean {
  const here = directives.lines.get(line);
  if (here && listNames(here, code, name)) return true;
  let disabled = false;
  for (const range of directives.ranges) {
    if (range.line > line) break;
    if (listNames(range.rules, code, name)) disabled = range.action === 'disable';
  }
  return disabled;
}

/** SQLFluff's group of parse errors: accepted in noqa, matches nothing here (SQL that does not parse is no finding). */
const ACCEPTED_GROUPS = new Set(['PRS']);

/**
 * What is wrong with a file's noqa comments: names that match no rule (with the closest codes, from
 * `suggest`), and comments that name nothing. One entry per comment.
 */
export function noqaProblems(
  directives: NoqaDirectives,
  rules: ReadonlyArray<{ code: string; name: string }>,
  suggest: (name: string) => string[],
): Array<{ line: number; column: number; message: string }> {
  const problems = [...directives.malformed];
  for (const comment of directives.comments) {
    if (comment.rules === 'all') continue;
    const unknown = comment.rules.filter((reference) => !ACCEPTED_GROUPS.has(reference) && !rules.some((rule) => namesRule(reference, rule.code, rule.name)));
    if (!unknown.length) continue;
    const hints = unknown.flatMap((reference) => {
      if (reference === 'DISABLE' || reference === 'ENABLE') return [`${reference.toLowerCase()}=<rules>`];
      return suggest(reference);
    });
    problems.push({
      line: comment.line,
      column: comment.column,
      message: `noqa names ${unknown.length === 1 ? 'a rule' : 'rules'} Sluice does not have: ${unknown.join(', ')}; ${unknown.length === 1 ? 'it is' : 'they are'} ignored${hints.length ? ` (did you mean ${[...new Set(hints)].join(' or ')}?)` : ' (sluice lint --help lists the rules)'}`,
    });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
