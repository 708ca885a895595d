/**
 * Spark's result types for the aggregates DuckDB types otherwise (Spark's Sum and Average):
 * `sum(decimal(p,s))` is decimal(min(38, p+10), s) where DuckDB answers decimal(38,s), and
 * `avg(decimal(p,s))` is decimal(min(38, p+4), min(38, s+4)) where DuckDB answers double. And
 * `CAST(<an aggregate> AS <integral type>)` truncates a fraction, as every Spark cast to an integral type
 * does, where DuckDB rounds (sql-translation truncates other casts with a macro, which DuckDB cannot pick
 * for an aggregate's result).
 *
 * The text alone does not say the argument's type, so DuckDB's binder is asked first: a probe of the same
 * statement in which each argument is wrapped as the one field of a struct named after it — same value,
 * same type — is planned, not run (json_serialize_plan), and the plan carries each field's type. The
 * statement is then rendered with a cast to Spark's type around each such aggregate. A statement DuckDB
 * cannot plan (not a query, or an error the real run will report) keeps DuckDB's types.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { containsAggregate } from './spark-functions.js';
import { INTEGRAL_TYPES } from './spark-types.js';
import { duckdbString, isSignificant, isSymbol, isWord, type Token } from './sql-tokens.js';

const MAX_PRECISION = 38;
const MARKER = '__sluice_typed_';

/** A part of the statement whose type is asked: an aggregate's argument, or what a CAST to an integral type casts. */
interface TypedSite {
  kind: 'sum' | 'avg' | 'integral_cast';
  /** The tokens whose type the probe asks. */
  typed: [start: number, end: number];
  /** The tokens wrapped once the type is known: the whole call (with FILTER and OVER) or the cast operand. */
  wrapped: [start: number, end: number];
  /** When the call (the whole CAST for a cast) is a select item without an alias: its range and the name it keeps. */
  item?: { range: [start: number, end: number]; name: string };
}

/** A DuckDB type as json_serialize_plan writes it. */
interface PlanType {
  id: string;
  type_info?: { width?: number; scale?: number } | null;
}

/** The sites of a statement's tokens whose Spark type differs from DuckDB's for some argument types. */
export function findTypedSites(tokens: Token[]): TypedSite[] {
  const sites: TypedSite[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'word' || isSymbol(tokens[previousSignificant(tokens, i)], '.')) continue;
    const open = nextSignificant(tokens, i + 1);
    if (!isSymbol(tokens[open], '(')) continue;
    const close = matching(tokens, open);
    if (close < 0) continue;
    const name = token.text.toLowerCase();
    if (name === 'sum' || name === 'avg' || name === 'mean') {
      let start = nextSignificant(tokens, open + 1);
      if (isWord(tokens[start], 'DISTINCT', 'ALL')) start = start + 1;
      if (hasTopLevelComma(tokens, start, close)) continue;
      const end = callEnd(tokens, close + 1);
      sites.push({ kind: name === 'sum' ? 'sum' : 'avg', typed: [start, close], wrapped: [i, end], item: selectItem(tokens, i, end) });
    } else if (name === 'cast' || name === 'try_cast') {
      const as = topLevelAs(tokens, open + 1, close);
      const type = nextSignificant(tokens, as + 1);
      const target = tokens[type];
      if (as < 0 || nextSignificant(tokens, type + 1) !== close || target?.kind !== 'word' || !INTEGRAL_TYPES.has(target.text.toUpperCase())) continue;
      if (!containsAggregate(tokens.slice(open + 1, as))) continue;
      sites.push({ kind: 'integral_cast', typed: [open + 1, as], wrapped: [open + 1, as], item: selectItem(tokens, i, close + 1) });
    }
  }
  return sites;
}

/** The probe: each site's typed tokens as the one field of a struct named after the site. */
export function markedForProbe(tokens: Token[], sites: TypedSite[]): Token[] {
  return rewrite(tokens, sites.map((site, index) => ({ range: site.typed, wrap: (inner: Token[]) => asMarkedField(index, inner) })));
}

/** The types the probe's plan gives each site, by site index; empty when DuckDB cannot plan it. */
export async function plannedTypes(connection: DuckDBConnection, probeSql: string): Promise<Map<number, PlanType>> {
  const reader = await connection.runAndReadAll(`SELECT json_serialize_plan(${duckdbString(probeSql)})`);
  const plan = JSON.parse(String(reader.getRowsJS()[0][0])) as { error?: boolean };
  const types = new Map<number, PlanType>();
  if (plan.error) return types;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const site = typeof record.first === 'string' && record.first.startsWith(MARKER) ? Number(record.first.slice(MARKER.length)) : undefined;
    if (site !== undefined && !types.has(site) && record.second && typeof record.second === 'object') types.set(site, record.second as PlanType);
    Object.values(record).forEach(visit);
  };
  visit(plan);
  return types;
}

/** The statement with Spark's types: each typed aggregate cast to Spark's decimal, each integral cast of a fraction truncated. */
export function withSparkTypes(tokens: Token[], sites: TypedSite[], types: Map<number, PlanType>): Token[] {
  const wraps = sites.flatMap((site, index) => {
    const type = types.get(index);
    const wrap = type && sparkTyping(site.kind, type);
    if (!wrap) return [];
    // The item keeps the name it had without the cast (listed first: the alias goes around the cast).
    const alias = site.item && { range: site.item.range, wrap: (inner: Token[]) => [...inner, word('AS'), { kind: 'quoted', name: site.item!.name } as Token] };
    return [...(alias ? [alias] : []), { range: site.wrapped, wrap }];
  });
  return wraps.length ? rewrite(tokens, wraps) : tokens;
}

function sparkTyping(kind: TypedSite['kind'], type: PlanType): ((inner: Token[]) => Token[]) | undefined {
  if (kind === 'integral_cast') {
    if (!['DECIMAL', 'DOUBLE', 'FLOAT'].includes(type.id)) return undefined;
    // Toward zero: ceil below zero, floor above (Spark's ceil and floor keep a decimal a decimal).
    return (inner) => [
      word('CASE'), word('WHEN'), symbol('('), ...inner, symbol(')'), symbol('<'), number('0'), word('THEN'), word('ceil'), symbol('('), ...inner, symbol(')'),
      word('ELSE'), word('floor'), symbol('('), ...inner, symbol(')'), word('END'),
    ];
  }
  if (type.id !== 'DECIMAL' || type.type_info?.width === undefined || type.type_info.scale === undefined) return undefined;
  const { width, scale } = type.type_info;
  const [precision, resultScale] = kind === 'sum' ? [Math.min(MAX_PRECISION, width + 10), scale] : [Math.min(MAX_PRECISION, width + 4), Math.min(MAX_PRECISION, scale + 4)];
  return (inner) => [word('CAST'), symbol('('), ...inner, word('AS'), word('DECIMAL'), symbol('('), number(String(precision)), symbol(','), number(String(resultScale)), symbol(')'), symbol(')')];
}

function asMarkedField(index: number, inner: Token[]): Token[] {
  const field = `${MARKER}${index}`;
  return [word('named_struct'), symbol('('), { kind: 'string', value: field }, symbol(','), ...inner, symbol(')'), symbol('.'), word(field)];
}

/**
 * The tokens with each range replaced by its wrap of the (rewritten) tokens inside it. Ranges nest or are
 * apart; of two on the same tokens the one listed first is the outer one.
 */
function rewrite(tokens: Token[], wraps: Array<{ range: [number, number]; wrap: (inner: Token[]) => Token[] }>): Token[] {
  const emit = (from: number, to: number, done: Set<number>): Token[] => {
    const out: Token[] = [];
    for (let i = from; i < to; ) {
      let chosen = -1;
      wraps.forEach(({ range }, index) => {
        if (done.has(index) || range[0] !== i || range[1] > to) return;
        if (chosen < 0 || range[1] > wraps[chosen].range[1]) chosen = index;
      });
      if (chosen < 0) {
        out.push(tokens[i++]);
        continue;
      }
      const { range, wrap } = wraps[chosen];
      out.push(...spaced(wrap(emit(range[0], range[1], new Set([...done, chosen])))));
      i = range[1];
    }
    return out;
  };
  return emit(0, tokens.length, new Set());
}

// Words that end a select item (or begin what follows the select list).
const ITEM_ENDS = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'WINDOW', 'QUALIFY', 'CLUSTER', 'DISTRIBUTE', 'SORT']);
// Words before which a comma-separated list is not a select list.
const OTHER_LISTS = new Set(['FROM', 'WHERE', 'BY', 'HAVING', 'ON', 'WINDOW', 'QUALIFY', 'LIMIT', 'VALUES', 'USING', 'JOIN', 'WHEN', 'THEN', 'ELSE', 'CASE', 'SET', 'INTO']);

/**
 * The tokens [start, end) as a whole select item without an alias, and the name Spark gives such an item
 * (its text, normalised: `sum(DISTINCT x)`); undefined when they are part of an expression or aliased.
 */
function selectItem(tokens: Token[], start: number, end: number): TypedSite['item'] {
  const next = tokens[nextSignificant(tokens, end)];
  if (next && !isSymbol(next, ',') && !isSymbol(next, ')') && !isSymbol(next, ';') && !(next.kind === 'word' && ITEM_ENDS.has(next.text.toUpperCase()))) return undefined;
  let depth = 0;
  for (let i = previousSignificant(tokens, start); ; i = previousSignificant(tokens, i)) {
    const token = tokens[i];
    if (!token) return undefined;
    if (isSymbol(token, ')')) depth++;
    else if (isSymbol(token, '(')) {
      if (depth-- === 0) return undefined;
    } else if (depth === 0 && token.kind === 'word' && OTHER_LISTS.has(token.text.toUpperCase())) return undefined;
    else if (depth === 0 && isWord(token, 'SELECT')) break;
    else if (depth === 0 && i === previousSignificant(tokens, start) && !isSymbol(token, ',') && !isWord(token, 'DISTINCT', 'ALL')) return undefined;
  }
  const significant = tokens.slice(start, end).filter(isSignificant);
  if (!significant.every((token) => token.kind === 'word' || token.kind === 'symbol' || token.kind === 'number' || token.kind === 'quoted')) return undefined;
  const spelled = (token: Token) => (token.kind === 'quoted' ? token.name : token.kind === 'number' ? `${token.text}${token.suffix}` : (token as { text: string }).text);
  const name = significant.map((token, index) => {
    const before = significant[index - 1];
    const apart = before && !isSymbol(before, '(') && !isSymbol(before, '.') && !isSymbol(token, ')') && !isSymbol(token, ',') && !isSymbol(token, '.') && !isSymbol(token, '(');
    return `${apart ? ' ' : ''}${spelled(token)}`;
  });
  return { range: [start, end], name: name.join('') };
}

/** Where a call that closes before `from` ends: a following FILTER (WHERE …) and OVER (…) or OVER name belong to it. */
function callEnd(tokens: Token[], from: number): number {
  let end = from;
  let at = nextSignificant(tokens, end);
  if (isWord(tokens[at], 'FILTER') && isSymbol(tokens[nextSignificant(tokens, at + 1)], '(')) {
    end = matching(tokens, nextSignificant(tokens, at + 1)) + 1;
    at = nextSignificant(tokens, end);
  }
  if (isWord(tokens[at], 'OVER')) {
    const window = nextSignificant(tokens, at + 1);
    end = isSymbol(tokens[window], '(') ? matching(tokens, window) + 1 : window + 1;
  }
  return end > 0 ? end : from;
}

function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    else if (isSymbol(tokens[i], ')') && --depth === 0) return i;
  }
  return -1;
}

function hasTopLevelComma(tokens: Token[], from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (isSymbol(tokens[i], '(') || isSymbol(tokens[i], '[')) depth++;
    else if (isSymbol(tokens[i], ')') || isSymbol(tokens[i], ']')) depth--;
    else if (depth === 0 && isSymbol(tokens[i], ',')) return true;
  }
  return false;
}

function topLevelAs(tokens: Token[], from: number, to: number): number {
  let depth = 0;
  let as = -1;
  for (let i = from; i < to; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    else if (isSymbol(tokens[i], ')')) depth--;
    else if (depth === 0 && isWord(tokens[i], 'AS')) as = i;
  }
  return as;
}

function nextSignificant(tokens: Token[], from: number): number {
  let i = from;
  while (i < tokens.length && !isSignificant(tokens[i])) i++;
  return i;
}

function previousSignificant(tokens: Token[], from: number): number {
  let i = from - 1;
  while (i >= 0 && !isSignificant(tokens[i])) i--;
  return i;
}

/** The tokens with a space wherever two words, names or literals would otherwise run together (and at both ends). */
function spaced(tokens: Token[]): Token[] {
  const runsTogether = (token: Token | undefined) => token !== undefined && ['word', 'quoted', 'number', 'string', 'raw'].includes(token.kind);
  const space: Token = { kind: 'space', text: ' ' };
  const out: Token[] = [space];
  tokens.forEach((token, index) => {
    if (index > 0 && runsTogether(tokens[index - 1]) && runsTogether(token)) out.push(space);
    out.push(token);
  });
  return [...out, space];
}

const word = (text: string): Token => ({ kind: 'word', text });
const symbol = (text: string): Token => ({ kind: 'symbol', text });
const number = (text: string): Token => ({ kind: 'number', text, suffix: '' });
