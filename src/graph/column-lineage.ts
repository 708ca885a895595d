/**
 * Which columns a model's SQL reads — enough to tell whether removing or retyping a column of its parent
 * breaks it. Parsed with node-sql-parser where the SQL parses; where it does not (Spark SQL it lacks,
 * QUALIFY, …), a conservative textual check: the column's name as a whole word, or any `*`.
 */
import { parseableSql, sqlParserFor } from '../sql/sql-parser.js';
import { codeTokens, tokenizeSql, type SqlToken } from '../sql/sql-tokens.js';

export interface ColumnsRead {
  /** Lower-case names of the columns the SQL mentions. */
  columns: Set<string>;
  /** Whether it selects `*` somewhere (then it reads every column it can see). */
  star: boolean;
  /** Whether the parser understood the SQL (otherwise the answer is textual and conservative). */
  parsed: boolean;
}

export function columnsRead(sql: string, dialect: string): ColumnsRead {
  try {
    const { parser, database } = sqlParserFor(dialect);
    const entries = parser.columnList(parseableSql(sql, dialect), { database });
    const columns = new Set<string>();
    let star = false;
    for (const entry of entries) {
      const column = entry.split('::').pop() ?? '';
      if (column === '(.*)' || column === '*') star = true;
      else columns.add(column.replace(/^["`]|["`]$/g, '').toLowerCase());
    }
    return { columns, star, parsed: true };
  } catch {
    return { columns: new Set(), star: /(^|[\s,(.])\*(\s|,|$|\))/m.test(sql), parsed: false };
  }
}

/** Whether SQL may read `column`: yes when it names it or selects `*`; textual where it does not parse. */
export function readsColumn(sql: string, column: string, dialect: string): boolean {
  const read = columnsRead(sql, dialect);
  if (read.star) return true;
  if (read.parsed) return read.columns.has(column.toLowerCase());
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`, 'i').test(sql);
}

/**
 * What a compiled model reads of the relations it selects from, told from its tokens (so that it works on
 * any SQL, parsed or not): every column it can read by name is among the words it mentions, and a star
 * (`select *`, `t.*`, `struct(*)`) over a relation that is not a CTE or a subquery reads all of that
 * relation's columns. A star over a CTE or subquery reads only what that CTE reads, which the words and
 * stars inside it already say. Where that cannot be told, `uncertain` says why.
 */
export interface RelationReads {
  /** Lower-case words the SQL mentions outside strings and comments (names unquoted). */
  words: Set<string>;
  /** Lower-case identifiers (last name part) of the base relations read through a star. */
  starRelations: Set<string>;
  /** Why the reads cannot be told from the text (NATURAL JOIN, COLUMNS(…), a star whose relation is not found), or null. */
  uncertain: string | null;
}

interface FromItem {
  /** Lower-case last name part, or null for a subquery or table function. */
  identifier: string | null;
  alias: string | null;
  /** A relation of the warehouse, not a CTE, subquery or table function. */
  base: boolean;
  /** Where the name it is known by (its alias, else its identifier) stands in the FROM clause. */
  at: number;
}

const FROM_ENDS = new Set(['where', 'group', 'order', 'having', 'limit', 'qualify', 'window', 'union', 'except', 'intersect', 'minus', 'lateral', 'pivot', 'unpivot', 'sort', 'cluster', 'distribute', 'offset', 'select', 'fetch']);
const JOIN_WORDS = new Set(['join', 'inner', 'left', 'right', 'full', 'outer', 'cross', 'semi', 'anti', 'natural', 'asof', 'positional', 'on', 'using']);
const STAR_AFTER = new Set(['select', 'distinct', 'all']);

function unquote(token: SqlToken): string {
  return (token.type === 'quoted' ? token.text.slice(1, -1) : token.text).toLowerCase();
}

const isName = (token: SqlToken | undefined): token is SqlToken => token !== undefined && (token.type === 'word' || token.type === 'quoted' || token.type === 'keyword');

export function relationReads(sql: string): RelationReads {
  const tokens = codeTokens(tokenizeSql(sql));
  const depth: number[] = [];
  let level = 0;
  for (const token of tokens) {
    if (token.type === 'close') level--;
    depth.push(level);
    if (token.type === 'open') level++;
  }
  const lower = tokens.map((token) => (token.type === 'keyword' || token.type === 'word' ? token.text.toLowerCase() : ''));
  const words = new Set<string>();
  for (const token of tokens) if (isName(token)) words.add(unquote(token));

  // CTE names: `name as (`, `name as [not] materialized (`, `name (columns) as (`.
  const ctes = new Set<string>();
  const bodies: Array<{ name: string; open: number }> = [];
  const definitions = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (lower[i] !== 'as') continue;
    let next = i + 1;
    if (lower[next] === 'not') next++;
    if (lower[next] === 'materialized') next++;
    if (tokens[next]?.type !== 'open') continue;
    let name = i - 1;
    if (tokens[name]?.type === 'close') {
      let open = name;
      while (open > 0 && !(tokens[open].type === 'open' && depth[open] === depth[name])) open--;
      name = open - 1;
    }
    if (isName(tokens[name]) && tokens[name - 1]?.type !== 'dot') {
      ctes.add(unquote(tokens[name]));
      bodies.push({ name: unquote(tokens[name]), open: next });
      definitions.add(name);
    }
  }

  let uncertain: string | null = null;
  const why = (reason: string) => {
    uncertain ??= reason;
  };
  if (lower.includes('natural')) why('a NATURAL JOIN reads the columns both sides share');
  for (let i = 0; i + 1 < tokens.length; i++) if (lower[i] === 'columns' && tokens[i + 1].type === 'open') why('COLUMNS(…) chooses its columns by pattern');

  const matchingClose = (open: number): number => {
    let index = open + 1;
    while (index < tokens.length && !(tokens[index].type === 'close' && depth[index] === depth[open])) index++;
    return index;
  };

  /** The relations of the FROM clause at `from` (the index of its FROM keyword). */
  const fromItems = (from: number): FromItem[] => {
    const items: FromItem[] = [];
    const d = depth[from];
    let index = from + 1;
    while (index < tokens.length) {
      // Skip to the start of the next item: after FROM, a comma or JOIN, past LATERAL/ONLY.
      while (lower[index] === 'lateral' || lower[index] === 'only') index++;
      const token = tokens[index];
      if (!token || depth[index] < d) break;
      let item: FromItem;
      if (token.type === 'open') {
        index = matchingClose(index) + 1;
        item = { identifier: null, alias: null, base: false, at: -1 };
      } else if (isName(token)) {
        const parts = [unquote(token)];
        index++;
        while (tokens[index]?.type === 'dot' && isName(tokens[index + 1])) {
          parts.push(unquote(tokens[index + 1]));
          index += 2;
        }
        if (tokens[index]?.type === 'open') {
          index = matchingClose(index) + 1; // a table function
          item = { identifier: null, alias: null, base: false, at: -1 };
        } else {
          const identifier = parts[parts.length - 1];
          item = { identifier, alias: null, base: !(parts.length === 1 && ctes.has(identifier)), at: index - 1 };
        }
      } else break;
      if (lower[index] === 'as') index++;
      const alias = tokens[index];
      if (alias && depth[index] === d && (alias.type === 'word' || alias.type === 'quoted') && !FROM_ENDS.has(lower[index]) && !JOIN_WORDS.has(lower[index])) {
        item.alias = unquote(alias);
        item.at = index;
        index++;
      }
      items.push(item);
      // Past the join condition to the next comma or JOIN at this depth, or the clause's end.
      while (index < tokens.length && depth[index] >= d) {
        if (depth[index] === d && (tokens[index].type === 'comma' || lower[index] === 'join' || FROM_ENDS.has(lower[index]) || tokens[index].type === 'semicolon')) break;
        index++;
      }
      if (index >= tokens.length || depth[index] < d || tokens[index].type === 'semicolon' || FROM_ENDS.has(lower[index])) break;
      index++; // the comma or JOIN
    }
    return items;
  };

  // Where each CTE's body ends, and which CTE a token is in ('' for the model's own query).
  const spans = bodies.map((body) => ({ ...body, close: matchingClose(body.open) }));
  const scopeOf = (index: number): string => {
    let inner: { name: string; open: number; close: number } | null = null;
    for (const span of spans) if (span.open < index && index < span.close && (!inner || span.open > inner.open)) inner = span;
    return inner ? inner.name : '';
  };
  // Per scope: the relations its stars read all of, and the CTEs its stars read all of.
  const starsIn = new Map<string, { bases: Set<string>; ctes: Set<string> }>();
  const starOf = (scope: string) => {
    let found = starsIn.get(scope);
    if (!found) starsIn.set(scope, (found = { bases: new Set(), ctes: new Set() }));
    return found;
  };
  const read = (index: number, item: FromItem) => {
    if (item.base && item.identifier) starOf(scopeOf(index)).bases.add(item.identifier);
    else if (item.identifier && ctes.has(item.identifier)) starOf(scopeOf(index)).ctes.add(item.identifier);
  };
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'operator' || tokens[i].text !== '*') continue;
    const before = tokens[i - 1];
    let qualifier: string | null = null;
    if (before?.type === 'dot' && isName(tokens[i - 2])) qualifier = unquote(tokens[i - 2]);
    else if (before?.type === 'open') {
      // count(*) counts rows; any other function of * (struct(*), hash(*), …) reads every column.
      if (lower[i - 2] === 'count') continue;
    } else if (!(before?.type === 'comma' || STAR_AFTER.has(lower[i - 1] ?? ''))) continue; // multiplication
    // The FROM of the select this star belongs to: the next FROM at the same depth (or the select's own, for struct(*)).
    let d = depth[i];
    if (before?.type === 'open') {
      let select = i - 1;
      while (select >= 0 && !(lower[select] === 'select' && depth[select] < depth[i])) select--;
      d = select >= 0 ? depth[select] : 0;
    }
    let from = i + 1;
    while (from < tokens.length && depth[from] >= d && !(depth[from] === d && lower[from] === 'from')) from++;
    if (from >= tokens.length || depth[from] < d) {
      why('a * with no FROM it reads from');
      continue;
    }
    const items = fromItems(from);
    if (qualifier === null) {
      for (const item of items) read(i, item);
      continue;
    }
    const item = items.find((candidate) => candidate.alias === qualifier) ?? items.find((candidate) => candidate.alias === null && candidate.identifier === qualifier);
    if (!item) why(`${qualifier}.* names no relation of its FROM`);
    else read(i, item);
  }
  // DuckDB reads a relation's name (or alias) used as a value as its whole row: `to_json(h)`, `cast(t as varchar)`.
  for (let from = 0; from < tokens.length; from++) {
    if (lower[from] !== 'from') continue;
    for (const item of fromItems(from)) {
      const name = item.alias ?? item.identifier;
      if (!name || item.at < 0 || !(item.base || ctes.has(name) || (item.identifier !== null && ctes.has(item.identifier)))) continue;
      for (let i = 0; i < tokens.length; i++) {
        if (i === item.at || definitions.has(i) || !isName(tokens[i]) || unquote(tokens[i]) !== name) continue;
        if (tokens[i + 1]?.type === 'dot' || tokens[i - 1]?.type === 'dot' || lower[i - 1] === 'from' || lower[i - 1] === 'join' || lower[i - 1] === 'as' || tokens[i + 1]?.type === 'open') continue;
        if (tokens[i - 1]?.type === 'comma' && depth[i - 1] === depth[from] && i > from) continue; // another FROM item of the same list
        read(i, item);
      }
    }
  }
  // A * over a relation inside a CTE reads all of its columns only if they reach the model's output: the
  // CTE is itself read through a * by the model's query, or by a CTE that is, and so on. Otherwise what
  // is read from the CTE is read by name, and the names are among the words.
  const reaching = new Set<string>(['']);
  for (let grown = true; grown; ) {
    grown = false;
    for (const scope of [...reaching]) {
      for (const cte of starsIn.get(scope)?.ctes ?? []) {
        if (!reaching.has(cte)) {
          reaching.add(cte);
          grown = true;
        }
      }
    }
  }
  const starRelations = new Set<string>();
  for (const scope of reaching) for (const base of starsIn.get(scope)?.bases ?? []) starRelations.add(base);
  return { words, starRelations, uncertain };
}
