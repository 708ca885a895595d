/**
 * The SQL as node-sql-parser's grammar for a dialect can read it. Each grammar lacks some of what
 * Databricks or DuckDB models write (JSON paths, lambdas, `LATERAL VIEW`, `* EXCEPT (…)`…). For each such
 * construct a small function finds it in the tokens and blanks it (spaces, newlines kept) or rewrites it
 * to text of the same length that reads the same columns — so every offset, and with it the line and
 * column of every finding and parse error, stays where it was. What the rules read from the tree
 * (selects, their relations, column references, output names) survives each change; what a construct
 * adds beyond that (a JSON path inside a column, a lambda's body) is not needed by any rule.
 *
 * Which constructs each dialect's grammar needs prepared is data: PREPARATIONS.
 */
import { codeTokens, tokenizeSql, type SqlToken } from './sql-tokens.js';

/** The SQL being prepared: its code tokens (no comments) and each parenthesis's or bracket's partner. */
interface TokenizedSql {
  tokens: SqlToken[];
  partner: Int32Array;
}

/** Blank `[start, end)` of the SQL, or write `text` (of the same length) there. */
interface Rewrite {
  start: number;
  end: number;
  text?: string;
}

type Preparation = (sql: TokenizedSql) => Rewrite[];

const NAME_TYPES = new Set(['word', 'keyword', 'quoted']);

function isName(token: SqlToken | undefined): token is SqlToken {
  return token !== undefined && NAME_TYPES.has(token.type);
}

function isWord(token: SqlToken | undefined, ...words: string[]): boolean {
  return token !== undefined && (token.type === 'word' || token.type === 'keyword') && words.includes(token.text.toLowerCase());
}

/** A token an operator may follow: the end of an operand (a name, a literal, a closing parenthesis). */
function endsOperand(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.type === 'word' || token.type === 'quoted' || token.type === 'string' || token.type === 'number' || token.type === 'close');
}

/** `text` padded with spaces to `length`. */
function padded(text: string, length: number): string {
  return text + ' '.repeat(Math.max(0, length - text.length));
}

/** Databricks' `catalog.schema.table` loses its catalog: the tree then names a relation by schema and table, as everything that reads it expects. */
const threePartNames: Preparation = ({ tokens }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 0; i + 4 < tokens.length; i++) {
    const [a, dot1, b, dot2, c] = tokens.slice(i, i + 5);
    if (tokens[i - 1]?.type === 'dot') continue;
    if (isName(a) && dot1.type === 'dot' && isName(b) && dot2.type === 'dot' && isName(c) && tokens[i + 5]?.type !== 'dot') {
      rewrites.push({ start: a.start, end: b.start });
      i += 4;
    }
  }
  return rewrites;
};

/** Spark SQL's "…" is a string, not a name as in the grammar: written '…' (a ' inside becomes a space). */
const doubleQuotedStrings: Preparation = ({ tokens }) =>
  tokens
    .filter((token) => token.type === 'string' && token.text.startsWith('"') && token.text.length >= 2 && token.text.endsWith('"'))
    .map((token) => ({ start: token.start, end: token.end, text: `'${token.text.slice(1, -1).replace(/'/g, ' ')}'` }));

/** `* EXCEPT (a, b)` (Databricks), `* EXCLUDE (…)` and `* REPLACE (…)` (DuckDB): the star stays, its modifier goes. */
const starModifiers: Preparation = ({ tokens, partner }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const end = starModifierEnd(tokens, partner, i);
    if (end >= 0) rewrites.push({ start: tokens[i + 1].start, end: tokens[end].end });
  }
  return rewrites;
};

/** Where the modifier after a select list's `*` at `star` ends (its last token), or -1 when there is none. */
function starModifierEnd(tokens: SqlToken[], partner: Int32Array, star: number): number {
  if (tokens[star].text !== '*' || !isWord(tokens[star + 1], 'except', 'exclude', 'replace')) return -1;
  const before = tokens[star - 1];
  if (!(before === undefined || before.type === 'dot' || before.type === 'comma' || isWord(before, 'select', 'distinct', 'all'))) return -1;
  const open = star + 2;
  if (tokens[open]?.type === 'open' && partner[open] > open) return partner[open];
  // DuckDB's EXCLUDE takes one bare name too.
  return isWord(tokens[star + 1], 'exclude') && isName(tokens[open]) ? open : -1;
}

/** EXCEPT, INTERSECT and MINUS between selects: a UNION for the grammar (the same selects either way). */
const setOperators: Preparation = ({ tokens, partner }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!isWord(token, 'except', 'intersect', 'minus') || (tokens[i - 1] && starModifierEnd(tokens, partner, i - 1) >= 0)) continue;
    const next = tokens[i + 1];
    if (!(isWord(next, 'select', 'all', 'distinct', 'with', 'from') || next?.type === 'open')) continue;
    rewrites.push({ start: token.start, end: token.end, text: padded('union', token.end - token.start) });
  }
  return rewrites;
};

/** Databricks' JSON paths, `raw:customer.id`, `raw:['a b'][0]`: the column stays, its path goes. */
const jsonPaths: Preparation = ({ tokens, partner }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 1; i + 1 < tokens.length; i++) {
    const colon = tokens[i];
    if (colon.type !== 'operator' || colon.text !== ':' || !endsOperand(tokens[i - 1]) || tokens[i - 1].end !== colon.start) continue;
    // A path: names after dots, and [...] subscripts, from the first step on.
    let last = -1;
    let j = i + 1;
    for (;;) {
      const token = tokens[j];
      const stepStart = j === i + 1 || tokens[j - 1]?.type === 'dot';
      if (stepStart && isName(token)) last = j++;
      else if (token?.type === 'dot' && last === j - 1 && isName(tokens[j + 1])) j++;
      else if (token?.text === '[' && (j === i + 1 || last === j - 1) && partner[j] > j) {
        last = partner[j];
        j = last + 1;
      } else break;
    }
    if (last > i) {
      rewrites.push({ start: colon.start, end: tokens[last].end });
      i = last;
    }
  }
  return rewrites;
};

/**
 * Lambdas, `transform(xs, x -> x + 1)`, `(acc, x) -> acc + x`: the whole argument goes (with the comma
 * before it), so that its parameters are not read as columns. `payload -> 'key'` (DuckDB's JSON arrow)
 * stays.
 */
const lambdas: Preparation = ({ tokens, partner }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 1; i + 1 < tokens.length; i++) {
    if (tokens[i].type !== 'operator' || tokens[i].text !== '->') continue;
    if (tokens[i + 1].type === 'string' || tokens[i + 1].type === 'number') continue;
    let params = i - 1;
    if (tokens[params].type === 'close' && partner[params] >= 0) params = partner[params];
    else if (!isName(tokens[params])) continue;
    const before = tokens[params - 1];
    if (!(before?.type === 'comma' || (before?.type === 'open' && before.text === '('))) continue;
    // The body runs to the next comma or closing parenthesis of the call.
    let end = i + 1;
    while (end < tokens.length && tokens[end].type !== 'comma' && tokens[end].type !== 'close') {
      end = tokens[end].type === 'open' && partner[end] > end ? partner[end] + 1 : end + 1;
    }
    const start = before.type === 'comma' ? before.start : tokens[params].start;
    // A lambda first in the call takes the comma after it instead.
    const stop = before.type === 'open' && tokens[end]?.type === 'comma' ? tokens[end].end : tokens[end - 1].end;
    rewrites.push({ start, end: stop });
    i = end;
  }
  return rewrites;
};

/**
 * Spark's `LATERAL VIEW [OUTER] explode(xs) t AS x, y` is a relation the select reads: written
 * `cross join explode(xs) t` (its column names blanked), so the select still reads two relations.
 */
const lateralViews: Preparation = ({ tokens, partner }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!isWord(tokens[i], 'lateral') || !isWord(tokens[i + 1], 'view')) continue;
    let j = i + 2;
    if (isWord(tokens[j], 'outer')) j++;
    const fn = tokens[j];
    if (!isName(fn) || tokens[j + 1]?.type !== 'open' || partner[j + 1] < 0) continue;
    // Word for word, so that whatever separates them (a line break) stays: `cross   join`.
    rewrites.push({ start: tokens[i].start, end: tokens[i].end, text: padded('cross', tokens[i].end - tokens[i].start) });
    rewrites.push({ start: tokens[i + 1].start, end: tokens[i + 1].end, text: 'join' });
    if (j === i + 3) rewrites.push({ start: tokens[i + 2].start, end: tokens[i + 2].end });
    let k = partner[j + 1] + 1;
    if (isName(tokens[k]) && !isWord(tokens[k], 'as', 'lateral', 'where', 'group', 'having', 'order', 'limit', 'join', 'on')) k++;
    if (isWord(tokens[k], 'as')) {
      const from = tokens[k].start;
      let last = k + 1;
      while (isName(tokens[last]) && tokens[last + 1]?.type === 'comma' && isName(tokens[last + 2])) last += 2;
      if (isName(tokens[last])) rewrites.push({ start: from, end: tokens[last].end });
    }
    i = k;
  }
  return rewrites;
};

/** `LEFT ANTI JOIN`, `SEMI JOIN`: a join of two relations all the same, for the grammar. */
const filteringJoins: Preparation = ({ tokens }) =>
  tokens.filter((token, i) => isWord(token, 'anti', 'semi') && isWord(tokens[i + 1], 'join')).map((token) => ({ start: token.start, end: token.end }));

/** Spark's CLUSTER BY, DISTRIBUTE BY and SORT BY order rows between executors, not the result: blanked. */
const distributionClauses: Preparation = ({ tokens, partner }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!isWord(tokens[i], 'cluster', 'distribute', 'sort') || !isWord(tokens[i + 1], 'by')) continue;
    let end = i + 2;
    while (end < tokens.length && tokens[end].type !== 'close' && tokens[end].type !== 'semicolon' && !isWord(tokens[end], 'limit', 'union', 'except', 'intersect', 'minus', 'window')) {
      if (isWord(tokens[end], 'sort') && isWord(tokens[end + 1], 'by')) break;
      end = tokens[end].type === 'open' && partner[end] > end ? partner[end] + 1 : end + 1;
    }
    rewrites.push({ start: tokens[i].start, end: tokens[end - 1].end });
    i = end - 1;
  }
  return rewrites;
};

/** `array<string>`, `map<string, int>`, `struct<a: int>` as a cast's type: a plain type of the same length. */
const complexTypes: Preparation = ({ tokens }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 1; i + 1 < tokens.length; i++) {
    if (!isWord(tokens[i], 'array', 'map', 'struct') || !(isWord(tokens[i - 1], 'as') || tokens[i - 1].text === '::')) continue;
    if (tokens[i + 1].type !== 'operator' || !tokens[i + 1].text.startsWith('<')) continue;
    let depth = 0;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      const text = tokens[j].type === 'operator' ? tokens[j].text : '';
      for (const char of text) depth += char === '<' ? 1 : char === '>' ? -1 : 0;
      if (depth <= 0) break;
    }
    if (j >= tokens.length) continue;
    const length = tokens[j].end - tokens[i].start;
    rewrites.push({ start: tokens[i].start, end: tokens[j].end, text: padded('string', length) });
    i = j;
  }
  return rewrites;
};

/** Spark's null-safe `a <=> b`: an equality for the grammar. */
const nullSafeEquality: Preparation = ({ tokens }) => tokens.filter((token) => token.type === 'operator' && token.text === '<=>').map((token) => ({ start: token.start, end: token.end, text: ' = ' }));

/** `percentile_cont(0.5) WITHIN GROUP (ORDER BY x)`: the call stays, the ordering goes. */
const withinGroup: Preparation = ({ tokens, partner }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (isWord(tokens[i], 'within') && isWord(tokens[i + 1], 'group') && tokens[i + 2].type === 'open' && partner[i + 2] > i) {
      rewrites.push({ start: tokens[i].start, end: tokens[partner[i + 2]].end });
    }
  }
  return rewrites;
};

/** `2 ^ 3` (DuckDB's power, Spark's exclusive or): an operator the grammar knows, of the same length. */
const caretOperator: Preparation = ({ tokens }) => tokens.filter((token) => token.type === 'operator' && token.text === '^').map((token) => ({ start: token.start, end: token.end, text: '*' }));

/** DuckDB's integer division `a // b`: a division. */
const integerDivision: Preparation = ({ tokens }) => tokens.filter((token) => token.type === 'operator' && token.text === '//').map((token) => ({ start: token.start, end: token.end, text: '/ ' }));

/** `GROUP BY ALL`, `ORDER BY ALL`: the grouping and ordering by every plain column; no column is named. */
const byAll: Preparation = ({ tokens }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (isWord(tokens[i], 'group', 'order') && isWord(tokens[i + 1], 'by') && isWord(tokens[i + 2], 'all') && !(tokens[i + 3]?.type === 'open')) {
      rewrites.push({ start: tokens[i].start, end: tokens[i + 2].end });
    }
  }
  return rewrites;
};

/** DuckDB's slices, `xs[2:3]`, `name[:1]`: the list stays, the slice goes. */
const slices: Preparation = ({ tokens, partner }) => {
  const rewrites: Rewrite[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const open = tokens[i];
    if (open.text !== '[' || partner[i] < i || !endsOperand(tokens[i - 1])) continue;
    const close = partner[i];
    const inside = tokens.slice(i + 1, close);
    if (inside.some((token) => token.type === 'operator' && token.text.startsWith(':'))) rewrites.push({ start: open.start, end: tokens[close].end });
    i = close;
  }
  return rewrites;
};

/**
 * What each dialect's grammar needs prepared, in order (a later rewrite wins where two overlap).
 * Databricks is read with Snowflake's grammar (QUALIFY, `::` casts, GROUP BY ALL, ILIKE, lateral
 * functions, named arguments, backtick names); DuckDB with PostgreSQL's.
 */
const PREPARATIONS: Record<string, Preparation[]> = {
  databricks: [threePartNames, doubleQuotedStrings, starModifiers, setOperators, jsonPaths, lambdas, lateralViews, filteringJoins, distributionClauses, complexTypes, nullSafeEquality, withinGroup, caretOperator],
  duckdb: [starModifiers, lambdas, filteringJoins, caretOperator, integerDivision, byAll, slices],
};

/**
 * The SQL as the dialect's grammar can read it, every offset where it was (see PREPARATIONS). `tokens`:
 * the SQL's tokens in that dialect, when the caller has them already.
 */
export function parseableSql(sql: string, dialect: string, tokens: SqlToken[] = tokenizeSql(sql, dialect)): string {
  const preparations = PREPARATIONS[dialect] ?? PREPARATIONS.duckdb;
  const code = codeTokens(tokens);
  const prepared: TokenizedSql = { tokens: code, partner: partners(code) };
  const rewrites = preparations.flatMap((prepare) => prepare(prepared));
  if (!rewrites.length) return sql;
  const chars = sql.split('');
  for (const rewrite of rewrites) {
    for (let i = rewrite.start; i < rewrite.end; i++) {
      if (chars[i] === '\n') continue;
      chars[i] = rewrite.text?.[i - rewrite.start] ?? ' ';
    }
  }
  return chars.join('');
}

/** For each `(` or `[`, the index of the `)` or `]` that closes it, and back; -1 for the unmatched. */
function partners(tokens: SqlToken[]): Int32Array {
  const partner = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'open') open.push(i);
    else if (token.type === 'close') {
      const opening = open.pop();
      if (opening !== undefined) {
        partner[opening] = i;
        partner[i] = opening;
      }
    }
  });
  return partner;
}
