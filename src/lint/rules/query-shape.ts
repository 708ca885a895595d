/**
 * The shape of a file's rendered SQL as the token rules need it: where each SELECT starts and ends, its
 * select list, its clauses, the relations its FROM reads, and the CTEs each WITH defines. Built from the
 * tokens in linear passes, without a parser, so that it holds for SQL node-sql-parser cannot parse
 * (QUALIFY, LATERAL VIEW, DuckDB's extensions); built once per file and shared by its rules.
 */
import type { SqlFile } from '../sql-file.js';
import { codeTokens, type SqlToken } from '../../sql/sql-tokens.js';

/** Token indices (into QueryShape.tokens), `end` exclusive. */
export interface TokenRange {
  start: number;
  end: number;
}

/** A relation a FROM clause reads. */
export interface SourceShape {
  kind: 'table' | 'subquery' | 'function' | 'other';
  /** The name's parts, unquoted and lower case (tables and functions). */
  name: string[];
  alias: string | null;
  /** Indices of the name and alias tokens: they name relations, not columns. */
  nameTokens: number[];
  /** The parentheses around a subquery. */
  open: number;
  close: number;
}

export interface SelectShape {
  /** Its position in QueryShape.selects (text order). */
  index: number;
  /** The SELECT token. */
  start: number;
  /** One past its last token. */
  end: number;
  /** Parenthesis depth of its own tokens. */
  depth: number;
  /** The select it is nested in (a subquery's outer select), or null. */
  parent: SelectShape | null;
  /** The DISTINCT right after SELECT, or -1. */
  distinct: number;
  items: TokenRange[];
  /** First token of each of its own clauses: from, where, group, having, qualify, window, order, limit… */
  clauses: Map<string, number>;
  sources: SourceShape[];
  /** One branch of a UNION, EXCEPT or INTERSECT. */
  setOperation: boolean;
}

export interface CteShape {
  /** Unquoted, lower case. */
  name: string;
  nameToken: number;
  /** The parentheses around its body. */
  open: number;
  close: number;
}

export interface QueryShape {
  /** The rendered SQL's tokens without comments; every index here points into this list. */
  tokens: SqlToken[];
  /** Each token's parenthesis depth (an opening or closing parenthesis has the depth outside it). */
  depth: Int32Array;
  /** For a parenthesis, the index of its partner (or -1). */
  partner: Int32Array;
  /** For each token, the index of the select whose own level it is on (or -1). */
  owner: Int32Array;
  selects: SelectShape[];
  ctes: CteShape[];
}

const CLAUSES = new Set(['from', 'where', 'having', 'qualify', 'window', 'limit', 'lateral']);
/** Clauses written as two words: GROUP BY, ORDER BY and Spark's CLUSTER/DISTRIBUTE/SORT BY. */
const BY_CLAUSES = new Set(['group', 'order', 'cluster', 'distribute', 'sort']);
const SET_OPERATORS = new Set(['union', 'except', 'intersect', 'minus']);
/** Words that may stand before JOIN: never a table's alias. */
const JOIN_WORDS = new Set(['join', 'left', 'right', 'full', 'inner', 'outer', 'cross', 'natural', 'anti', 'semi', 'asof', 'positional', 'on', 'using']);

const cache = new WeakMap<SqlFile, QueryShape>();

export function queryShape(file: SqlFile): QueryShape {
  let shape = cache.get(file);
  if (!shape) {
    shape = buildQueryShape(codeTokens(file.tokens));
    cache.set(file, shape);
  }
  return shape;
}

/** A word's or quoted name's identity: unquoted, lower case. */
export function identifierName(token: SqlToken): string {
  if (token.type === 'quoted') {
    const quote = token.text[0];
    return token.text.slice(1, token.text.endsWith(quote) && token.text.length > 1 ? -1 : undefined).split(quote + quote).join(quote).toLowerCase();
  }
  return token.text.toLowerCase();
}

export function isWord(token: SqlToken | undefined, word: string): boolean {
  return token !== undefined && (token.type === 'keyword' || token.type === 'word') && token.text.length === word.length && token.text.toLowerCase() === word;
}

function isName(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.type === 'word' || token.type === 'quoted');
}

function buildQueryShape(tokens: SqlToken[]): QueryShape {
  const count = tokens.length;
  const depth = new Int32Array(count);
  const partner = new Int32Array(count).fill(-1);
  const owner = new Int32Array(count).fill(-1);
  const selects: SelectShape[] = [];
  const open: SelectShape[] = [];
  const parens: number[] = [];
  let level = 0;

  const close = (select: SelectShape, end: number) => {
    select.end = end;
    finishSelect(select, tokens, depth, partner);
  };

  for (let i = 0; i < count; i++) {
    const token = tokens[i];
    let top = open[open.length - 1];
    if (token.type === 'open') {
      depth[i] = level;
      owner[i] = top ? top.index : -1;
      parens.push(i);
      level++;
      continue;
    }
    if (token.type === 'close') {
      const opening = parens.pop();
      if (opening !== undefined) {
        partner[opening] = i;
        partner[i] = opening;
      }
      level = Math.max(0, level - 1);
      while (top && top.depth > level) {
        close(open.pop()!, i);
        top = open[open.length - 1];
      }
      depth[i] = level;
      owner[i] = top ? top.index : -1;
      continue;
    }
    depth[i] = level;
    if (token.type === 'semicolon') {
      while (top && top.depth >= level) {
        close(open.pop()!, i);
        top = open[open.length - 1];
      }
      continue;
    }
    if (token.type === 'keyword' || token.type === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'select') {
        while (top && top.depth >= level) {
          close(open.pop()!, i);
          top = open[open.length - 1];
        }
        const select: SelectShape = {
          index: selects.length,
          start: i,
          end: count,
          depth: level,
          parent: top ?? null,
          distinct: -1,
          items: [],
          clauses: new Map(),
          sources: [],
          setOperation: false,
        };
        selects.push(select);
        open.push(select);
        owner[i] = select.index;
        continue;
      }
      if (top && top.depth === level) {
        // `* EXCEPT (a, b)` (Databricks) leaves columns out of a star: no set operation.
        if (SET_OPERATORS.has(word) && tokens[i - 1]?.text !== '*') {
          close(open.pop()!, i);
          top = open[open.length - 1];
        } else if (word === 'distinct' && i === top.start + 1) top.distinct = i;
        else if (!top.clauses.has(word)) {
          if (word === 'from') {
            // `a IS [NOT] DISTINCT FROM b` compares; it starts no clause.
            if (!(isWord(tokens[i - 1], 'distinct') && i - 1 !== top.distinct)) top.clauses.set(word, i);
          } else if (CLAUSES.has(word)) top.clauses.set(word, i);
          else if (BY_CLAUSES.has(word) && isWord(tokens[i + 1], 'by')) top.clauses.set(word, i);
        }
      }
    }
    owner[i] = top ? top.index : -1;
  }
  while (open.length) close(open.pop()!, count);

  for (const select of selects) select.setOperation = inSetOperation(select, tokens);
  return { tokens, depth, partner, owner, selects, ctes: findCtes(tokens, partner) };
}

/** Splits the select list into items and reads the FROM clause, once the select's end is known. */
function finishSelect(select: SelectShape, tokens: SqlToken[], depth: Int32Array, partner: Int32Array): void {
  let listStart = select.start + 1;
  if (select.distinct >= 0) {
    listStart = select.distinct + 1;
    // DuckDB's DISTINCT ON (…)
    if (isWord(tokens[listStart], 'on') && tokens[listStart + 1]?.type === 'open') listStart = Math.max(listStart, partner[listStart + 1] + 1);
  } else if (isWord(tokens[listStart], 'all')) listStart++;
  let listEnd = select.end;
  for (const index of select.clauses.values()) listEnd = Math.min(listEnd, index);
  let itemStart = listStart;
  for (let i = listStart; i <= listEnd; i++) {
    if (i === listEnd || (tokens[i].type === 'comma' && depth[i] === select.depth)) {
      if (i > itemStart) select.items.push({ start: itemStart, end: i });
      itemStart = i + 1;
    }
  }
  const from = select.clauses.get('from');
  if (from === undefined) return;
  let fromEnd = select.end;
  for (const [clause, index] of select.clauses) if (clause !== 'from' && clause !== 'lateral' && index > from) fromEnd = Math.min(fromEnd, index);
  select.sources = readSources(tokens, depth, partner, select.depth, from + 1, fromEnd);
}

/** The relations of a FROM clause: names, subqueries and table functions, each with its alias. */
function readSources(tokens: SqlToken[], depth: Int32Array, partner: Int32Array, level: number, start: number, end: number): SourceShape[] {
  const sources: SourceShape[] = [];
  let expectSource = true;
  let i = start;
  while (i < end) {
    const token = tokens[i];
    if (depth[i] !== level) {
      i++;
      continue;
    }
    if (token.type === 'comma' || isWord(token, 'join')) {
      expectSource = true;
      i++;
      continue;
    }
    // Spark's LATERAL VIEW [OUTER] explode(…) alias: one more relation.
    if (isWord(token, 'lateral') && isWord(tokens[i + 1], 'view')) {
      expectSource = true;
      i += isWord(tokens[i + 2], 'outer') ? 3 : 2;
      continue;
    }
    if (!expectSource || isWord(token, 'lateral') || isWord(token, 'view') || isWord(token, 'outer')) {
      i++;
      continue;
    }
    const source: SourceShape = { kind: 'other', name: [], alias: null, nameTokens: [], open: -1, close: -1 };
    if (token.type === 'open') {
      source.open = i;
      source.close = partner[i] >= 0 ? partner[i] : end;
      if (isWord(tokens[i + 1], 'select') || isWord(tokens[i + 1], 'with')) source.kind = 'subquery';
      i = source.close + 1;
    } else if (isName(token) || token.type === 'keyword') {
      for (;;) {
        source.name.push(identifierName(tokens[i]));
        source.nameTokens.push(i);
        if (tokens[i + 1]?.type === 'dot' && tokens[i + 2] && i + 2 < end) i += 2;
        else break;
      }
      i++;
      source.kind = 'table';
      if (tokens[i]?.type === 'open' && i < end) {
        source.kind = 'function';
        i = (partner[i] >= 0 ? partner[i] : end) + 1;
      }
    } else {
      i++;
      continue;
    }
    if (isWord(tokens[i], 'as') && i < end) i++;
    const alias = tokens[i];
    if (i < end && isName(alias) && !JOIN_WORDS.has(alias.text.toLowerCase())) {
      source.alias = identifierName(alias);
      source.nameTokens.push(i);
      i++;
    }
    sources.push(source);
    expectSource = false;
  }
  return sources;
}

/** Whether UNION/EXCEPT/INTERSECT joins this select to another (the word may sit outside parentheses). */
function inSetOperation(select: SelectShape, tokens: SqlToken[]): boolean {
  let after = select.end;
  while (tokens[after]?.type === 'close') after++;
  const next = tokens[after];
  if (next && SET_OPERATORS.has(next.text.toLowerCase())) return true;
  let before = select.start - 1;
  while (tokens[before]?.type === 'open') before--;
  // UNION [ALL | DISTINCT] [BY NAME] SELECT
  if (isWord(tokens[before], 'name') && isWord(tokens[before - 1], 'by')) before -= 2;
  if (isWord(tokens[before], 'all') || isWord(tokens[before], 'distinct')) before--;
  const previous = tokens[before];
  return previous !== undefined && SET_OPERATORS.has(previous.text.toLowerCase());
}

/** WITH name [(columns)] AS [NOT] [MATERIALIZED] (body), … — wherever a WITH starts a query. */
function findCtes(tokens: SqlToken[], partner: Int32Array): CteShape[] {
  const ctes: CteShape[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'with')) continue;
    let j = i + 1;
    if (isWord(tokens[j], 'recursive')) j++;
    for (;;) {
      const name = tokens[j];
      if (!name || !(isName(name) || name.type === 'keyword')) break;
      let k = j + 1;
      if (tokens[k]?.type === 'open' && partner[k] > k) k = partner[k] + 1;
      if (!isWord(tokens[k], 'as')) break;
      k++;
      if (isWord(tokens[k], 'not')) k++;
      if (isWord(tokens[k], 'materialized')) k++;
      if (tokens[k]?.type !== 'open' || partner[k] < k) break;
      ctes.push({ name: identifierName(name), nameToken: j, open: k, close: partner[k] });
      j = partner[k] + 1;
      if (tokens[j]?.type !== 'comma') break;
      j++;
    }
  }
  return ctes;
}

/** The selects that make up the query between two parentheses (its branches, not their subqueries). */
export function selectsWithin(shape: QueryShape, open: number, close: number): SelectShape[] {
  return shape.selects.filter((select) => select.start > open && select.start < close && (select.parent === null || select.parent.start < open));
}

/** The selects that make up a file's result: outside every CTE body and every subquery. */
export function outermostSelects(shape: QueryShape): SelectShape[] {
  return shape.selects.filter((select) => select.parent === null && !shape.ctes.some((cte) => select.start > cte.open && select.start < cte.close));
}

/**
 * A select-list item that is a wildcard: `*` or `t.*` (DuckDB's `* EXCLUDE (…)` too). Returns the
 * qualifier (lower case, '' for a bare `*`) and the `*` token, or null.
 */
export function wildcardOf(shape: QueryShape, item: TokenRange): { qualifier: string; star: number } | null {
  const tokens = shape.tokens;
  if (tokens[item.start].text === '*') return { qualifier: '', star: item.start };
  let i = item.start;
  while (i + 1 < item.end && isName(tokens[i]) && tokens[i + 1].type === 'dot') {
    if (tokens[i + 2]?.text === '*' && i + 2 < item.end) return { qualifier: identifierName(tokens[i]), star: i + 2 };
    i += 2;
  }
  return null;
}
