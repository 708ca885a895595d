/**
 * SL05 hard-coded-relation: a model reads tables through `{{ ref() }}` and `{{ source() }}`, never by
 * writing their names after FROM or JOIN (`from raw.orders`). A hard-coded name is invisible to the
 * graph: the model is built in the wrong order, a pull request's environment reads production instead
 * of its own tables, and a renamed table breaks at run time instead of at load time.
 *
 * It reads the model's source (Jinja included), so it points at the line the author wrote. Not
 * findings: names of CTEs of the same file, subqueries, table functions (`unnest(…)`, `range(10)`),
 * FROM inside function calls (`extract(year from d)`), `is distinct from`, and any name made with Jinja
 * (`{{ this }}`, `{{ target.schema }}.x`), which Sluice cannot judge without rendering.
 */
import { tokenizeSql, type SqlToken } from '../../sql/sql-tokens.js';
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { projectModels } from './project-nodes.js';
import { positionAt } from './project-places.js';

/** SQL tokens plus one `jinja` token for each `{{ … }}` expression. */
type Token = SqlToken | { type: 'jinja'; text: string; start: number; end: number };

/** The text with Jinja blanked (newlines kept, so offsets hold), and where the `{{ … }}` expressions were. */
function blankJinja(text: string): { sql: string; expressions: Array<{ start: number; end: number }> } {
  const expressions: Array<{ start: number; end: number }> = [];
  const parts: string[] = [];
  let copied = 0;
  const blank = (start: number, end: number) => {
    const tag = text.slice(start, end);
    parts.push(text.slice(copied, start), tag.includes('\n') ? tag.replace(/[^\n]/g, ' ') : ' '.repeat(tag.length));
    copied = end;
  };
  let i = text.indexOf('{');
  while (i >= 0 && i < text.length - 1) {
    const kind = text[i + 1];
    if (kind !== '{' && kind !== '%' && kind !== '#') {
      i = text.indexOf('{', i + 1);
      continue;
    }
    const close = kind === '{' ? '}}' : kind === '%' ? '%}' : '#}';
    let end = i + 2;
    let quote: string | null = null;
    // Strings inside the tag may hold its closing characters.
    while (end < text.length) {
      const char = text[end];
      if (quote) {
        if (char === '\\') end++;
        else if (char === quote) quote = null;
      } else if (kind !== '#' && (char === '"' || char === "'")) quote = char;
      else if (text.startsWith(close, end)) break;
      end++;
    }
    end = Math.min(end + 2, text.length);
    if (kind === '{') expressions.push({ start: i, end });
    blank(i, end);
    i = text.indexOf('{', end);
  }
  parts.push(text.slice(copied));
  return { sql: parts.join(''), expressions };
}

/** Code tokens and Jinja expressions in order; Jinja inside a SQL string or comment is dropped. */
function templateTokens(rawCode: string): Token[] {
  const { sql, expressions } = blankJinja(rawCode);
  const sqlTokens = tokenizeSql(sql);
  const tokens: Token[] = [];
  let next = 0;
  for (const token of sqlTokens) {
    while (next < expressions.length && expressions[next].start < token.start) {
      tokens.push({ type: 'jinja', text: rawCode.slice(expressions[next].start, expressions[next].end), ...expressions[next] });
      next++;
    }
    // An expression inside a string or comment: part of that token, not SQL of its own.
    while (next < expressions.length && expressions[next].start < token.end) next++;
    if (token.type !== 'comment') tokens.push(token);
  }
  for (; next < expressions.length; next++) tokens.push({ type: 'jinja', text: rawCode.slice(expressions[next].start, expressions[next].end), ...expressions[next] });
  return tokens;
}

const lower = (token: Token | undefined) => token?.text.toLowerCase();
const unquoted = (text: string) => text.replace(/^["`]|["`]$/g, '').toLowerCase();

/** Names defined by `name as (`, `name (a, b) as (` and `name as [not] materialized (`. */
function cteNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((token, index) => {
    if (lower(token) !== 'as' || token.type !== 'keyword') return;
    let after = index + 1;
    if (lower(tokens[after]) === 'not') after++;
    if (lower(tokens[after]) === 'materialized') after++;
    if (tokens[after]?.type !== 'open' || tokens[after].text !== '(') return;
    let before = index - 1;
    if (tokens[before]?.type === 'close') {
      for (let depth = 0; before >= 0; before--) {
        if (tokens[before].type === 'close') depth++;
        else if (tokens[before].type === 'open' && --depth === 0) break;
      }
      before--;
    }
    const name = tokens[before];
    if (name && (name.type === 'word' || name.type === 'quoted')) names.add(unquoted(name.text));
  });
  return names;
}

export interface HardCodedRelation {
  name: string;
  /** Offset in the model's source. */
  start: number;
}

/** What sits where a relation is expected: how far it reaches, and the name when it is a hard-coded one. */
interface RelationSlot {
  end: number;
  relation: HardCodedRelation | null;
}

/** The hard-coded relation names after FROM and JOIN. */
export function hardCodedRelations(rawCode: string): HardCodedRelation[] {
  const tokens = templateTokens(rawCode);
  const ctes = cteNames(tokens);
  const found: HardCodedRelation[] = [];
  const afterBrackets = (open: number): number => {
    for (let index = open, depth = 0; index < tokens.length; index++) {
      if (tokens[index].type === 'open') depth++;
      else if (tokens[index].type === 'close' && --depth === 0) return index + 1;
    }
    return tokens.length;
  };
  /** null when nothing relation-like is there (`lateral`, `values`, a string): the FROM list ends. */
  const slotAt = (index: number): RelationSlot | null => {
    const first = tokens[index];
    if (!first) return null;
    // A subquery.
    if (first.type === 'open') return { end: afterBrackets(index), relation: null };
    if (first.type !== 'word' && first.type !== 'quoted' && first.type !== 'jinja') return null;
    const parts = [first];
    let end = index + 1;
    while (tokens[end]?.type === 'dot' && tokens[end + 1] && ['word', 'quoted', 'keyword', 'jinja'].includes(tokens[end + 1].type)) {
      parts.push(tokens[end + 1]);
      end += 2;
    }
    // A table function (`unnest(x)`, `read_parquet('…')`), not a relation name.
    if (tokens[end]?.type === 'open') return { end: afterBrackets(end), relation: null };
    // A name made with Jinja: only rendering knows what it is.
    if (parts.some((part) => part.type === 'jinja')) return { end, relation: null };
    if (parts.length === 1 && ctes.has(unquoted(first.text))) return { end, relation: null };
    return { end, relation: { name: parts.map((part) => part.text).join('.'), start: first.start } };
  };
  // Per open bracket: whether a query (SELECT/WITH) started inside it. FROM in a function call is not a query's FROM.
  const inQuery: boolean[] = [true];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.type === 'open') inQuery.push(false);
    else if (token.type === 'close') {
      if (inQuery.length > 1) inQuery.pop();
    } else if (token.type === 'keyword' && (lower(token) === 'select' || lower(token) === 'with')) inQuery[inQuery.length - 1] = true;
    if (token.type !== 'keyword' || !inQuery[inQuery.length - 1]) continue;
    const word = lower(token);
    const isFrom = word === 'from' && lower(tokens[index - 1]) !== 'distinct';
    if (!isFrom && word !== 'join') continue;
    // `from a, b`: each relation of the list; a JOIN has one.
    for (let at = index + 1; at < tokens.length; ) {
      const slot = slotAt(at);
      if (!slot) break;
      if (slot.relation) found.push(slot.relation);
      if (!isFrom) break;
      at = slot.end;
      if (lower(tokens[at]) === 'as') at++;
      if (tokens[at]?.type === 'word' || tokens[at]?.type === 'quoted') at++;
      if (tokens[at]?.type === 'open') at = afterBrackets(at);
      if (tokens[at]?.type !== 'comma') break;
      at++;
    }
  }
  return found;
}

export const hardCodedRelation: ProjectRule = {
  code: 'SL05',
  name: 'hard-coded-relation',
  description: 'A model reads tables through ref() and source(), never by writing their names after FROM or JOIN.',
  severity: 'warning',
  enabledByDefault: true,
  readsFileResults: true,
  check(context) {
    const violations: ProjectViolation[] = [];
    for (const node of projectModels(context)) {
      if (!node.rawCode) continue;
      // The file lint finds them on the worker threads; a model it did not lint is read here.
      for (const relation of context.hardCodedRelations?.(node) ?? hardCodedRelations(node.rawCode)) {
        violations.push({
          file: node.originalFilePath,
          ...positionAt(node.rawCode, relation.start),
          message: `'${relation.name}' is a hard-coded relation: read it with {{ ref('…') }} or {{ source('…', '…') }} so the graph and pull-request environments know about it`,
        });
      }
    }
    return violations;
  },
};
