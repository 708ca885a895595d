/**
 * Databricks SQL tokens → DuckDB SQL text. Token by token: backquoted names become double-quoted ones,
 * Spark's string literals standard ones, Spark's types (`array<int>`, `struct<a: int>`) and operators
 * (`<=>`, `div`, 0-based `[n]`) DuckDB's. Every function call is checked against Databricks' built-ins and
 * rewritten where DuckDB would compute something else (spark-functions.ts); DATE'…' and TIMESTAMP'…'
 * literals are read as Spark reads them (spark-datetime.ts). DuckDB-only syntax that
 * Databricks refuses (`[1, 2]` list literals, `{…}` structs, `//`, `->` outside a lambda) is refused here too.
 */
import { DatabricksSqlError } from './databricks-errors.js';
import { datetimeLiteral } from './spark-datetime.js';
import { lambdaOf, translateCall, type FunctionCall } from './spark-functions.js';
import { duckdbIdentifier, duckdbString, isSignificant, isSymbol, isWord, type Token } from './sql-tokens.js';

// Spark type names DuckDB does not know.
const TYPE_RENAMES: Record<string, string> = { timestamp_ntz: 'TIMESTAMP', timestamp_ltz: 'TIMESTAMP' };

const NUMBER_SUFFIX_TYPES: Record<string, string> = { L: 'BIGINT', S: 'SMALLINT', Y: 'TINYINT', D: 'DOUBLE', F: 'FLOAT' };

// Words followed by `(` that open a clause, a list or a type's parameters, not a function call.
const NOT_CALLS = new Set([
  'AS', 'IN', 'EXISTS', 'VALUES', 'OVER', 'FILTER', 'USING', 'ON', 'AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE', 'SELECT', 'FROM',
  'JOIN', 'WHERE', 'BY', 'GROUP', 'ORDER', 'PARTITION', 'HAVING', 'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'ALL', 'DISTINCT',
  'ANY', 'SOME', 'LATERAL', 'TABLE', 'INTO', 'INSERT', 'OPTIONS', 'TBLPROPERTIES', 'ROLLUP', 'CUBE', 'SETS', 'WITHIN', 'RETURN',
  'KEY', 'CHECK', 'DEFAULT', 'TABLESAMPLE', 'IDENTIFIER', 'WITH', 'RECURSIVE', 'PIVOT', 'UNPIVOT', 'FOR', 'LIKE', 'ILIKE',
  'DECIMAL', 'DEC', 'NUMERIC', 'VARCHAR', 'CHAR', 'CHARACTER', 'INTERVAL', 'CASE',
]);

// Keywords after which an expression starts: a word after them followed by `(` is a call, `[` a list literal.
const EXPRESSION_KEYWORDS = new Set([
  'SELECT', 'WHERE', 'AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE', 'ON', 'BY', 'HAVING', 'DISTINCT', 'ALL', 'RETURN', 'CASE', 'IS',
  'LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'BETWEEN', 'FROM', 'JOIN', 'LATERAL', 'QUALIFY', 'LIMIT', 'OFFSET', 'SET', 'DIV', 'ESCAPE',
  'IN', 'EXISTS', 'USING', 'AS', 'VALUES', 'WITH', 'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'ANY', 'SOME',
]);

// Words that end an expression list rather than continue an expression (so `x div` before them is an alias).
const CLAUSE_WORDS = new Set(['FROM', 'WHERE', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW', 'QUALIFY', 'AS', 'END']);

/** DuckDB text for a run of tokens. Adjacent string literals concatenate, as in Spark. */
export function renderTokens(tokens: Token[]): string {
  return new TokenRenderer(tokens).render(0, tokens.length);
}

class TokenRenderer {
  constructor(private readonly tokens: Token[]) {}

  render(start: number, end: number): string {
    const { tokens } = this;
    let out = '';
    for (let i = start; i < end; i++) {
      const token = tokens[i];
      switch (token.kind) {
        case 'space':
        case 'comment':
        case 'raw':
          out += token.text;
          break;
        case 'string': {
          let value = token.value;
          for (let next = this.nextSignificant(i + 1, end); next < end && tokens[next].kind === 'string'; next = this.nextSignificant(i + 1, end)) {
            value += (tokens[next] as { value: string }).value;
            i = next;
          }
          out += duckdbString(value);
          break;
        }
        case 'quoted':
          out += duckdbIdentifier(token.name);
          break;
        case 'number': {
          const type = NUMBER_SUFFIX_TYPES[token.suffix.toUpperCase()];
          out += type ? `CAST(${token.text} AS ${type})` : token.text;
          break;
        }
        case 'symbol': {
          const rendered = this.symbol(i, start, end);
          out += rendered.text;
          i = rendered.next - 1;
          break;
        }
        case 'word': {
          const rendered = this.word(i, start, end);
          out += rendered.text;
          i = rendered.next - 1;
          break;
        }
      }
    }
    return out;
  }

  private symbol(i: number, start: number, end: number): { text: string; next: number } {
    const token = this.tokens[i] as { text: string };
    switch (token.text) {
      case '<=>':
        return { text: ' IS NOT DISTINCT FROM ', next: i + 1 };
      case '==':
        return { text: '=', next: i + 1 };
      case '{':
        throw parseError('{');
      case '->':
        throw parseError('->');
      case '/':
        if (isSymbol(this.tokens[i + 1], '/')) throw parseError('/');
        return { text: '/', next: i + 1 };
      case '[': {
        if (!endsExpression(this.tokens[this.previousSignificant(i, start)])) throw parseError('[');
        const close = this.matching(i, '[', ']', end);
        // DuckDB's list slices (`[1:2]`) are not Spark SQL.
        if (this.tokens.slice(i + 1, close).some((token) => isSymbol(token, ':'))) throw parseError(':');
        // Spark's array subscripts count from 0, DuckDB's from 1 (a map key is a string, left alone).
        const inside = this.tokens.slice(i + 1, close).filter(isSignificant);
        const index = inside.length === 1 && inside[0].kind === 'number' && /^\d+$/.test(inside[0].text) && !inside[0].suffix ? Number(inside[0].text) + 1 : undefined;
        return { text: `[${index ?? this.render(i + 1, close)}]`, next: close + 1 };
      }
      default:
        return { text: token.text, next: i + 1 };
    }
  }

  private word(i: number, start: number, end: number): { text: string; next: number } {
    const token = this.tokens[i] as { text: string };
    const upper = token.text.toUpperCase();
    const next = this.nextSignificant(i + 1, end);
    if ((upper === 'ARRAY' || upper === 'MAP' || upper === 'STRUCT') && isSymbol(this.tokens[next], '<')) return this.type(i, end);
    const previous = this.tokens[this.previousSignificant(i, start)];
    if (isSymbol(this.tokens[next], '(') && !NOT_CALLS.has(upper) && startsExpression(previous)) {
      const call = this.call(i, next, end);
      if (call) return call;
    }
    if (upper === 'DIV' && endsExpression(previous) && continuesExpression(this.tokens[next])) return { text: '//', next: i + 1 };
    const literal = this.tokens[next];
    if (literal?.kind === 'string' && !isSymbol(previous, '.')) {
      const typed = datetimeLiteral(upper, literal.value);
      if (typed) return { text: typed, next: next + 1 };
    }
    return { text: TYPE_RENAMES[token.text.toLowerCase()] ?? token.text, next: i + 1 };
  }

  /** A function call from its name at `nameAt` and `(` at `open`; undefined when it turns out to be a CTE's column list. */
  private call(nameAt: number, open: number, end: number): { text: string; next: number } | undefined {
    const close = this.matching(open, '(', ')', end);
    let next = close + 1;
    const after = this.nextSignificant(next, end);
    if (isWord(this.tokens[after], 'AS') && isSymbol(this.tokens[this.nextSignificant(after + 1, end)], '(')) return undefined;

    const ranges = this.splitArguments(open + 1, close);
    const args = ranges.map(([from, to]) => this.tokens.slice(from, to));
    const call: FunctionCall = {
      name: (this.tokens[nameAt] as { text: string }).text.toLowerCase(),
      args,
      sql: (index) => this.argument(ranges[index]),
      sqlSlice: (index, start, end) => {
        const [from, to] = ranges[index];
        const significant = this.tokens.slice(from, to).flatMap((token, offset) => (isSignificant(token) ? [from + offset] : []));
        // From just after the token before the slice, so that a call at its start still follows a significant token.
        const begin = start === 0 ? from : (significant[start - 1] ?? to - 1) + 1;
        return this.render(begin, end === undefined || end >= significant.length ? to : significant[end]).trim();
      },
      keyword: (index) => {
        const significant = args[index]?.filter(isSignificant) ?? [];
        return significant.length === 1 && significant[0].kind === 'word' ? significant[0].text : undefined;
      },
      literal: (index) => {
        const significant = args[index]?.filter(isSignificant) ?? [];
        return significant.length && significant.every((token) => token.kind === 'string') ? significant.map((token) => (token as { value: string }).value).join('') : undefined;
      },
    };
    // WITHIN GROUP (ORDER BY …) and FILTER (WHERE …) belong to the call.
    let at = this.nextSignificant(next, end);
    if (isWord(this.tokens[at], 'WITHIN') && isWord(this.tokens[this.nextSignificant(at + 1, end)], 'GROUP')) {
      const groupOpen = this.nextSignificant(this.nextSignificant(at + 1, end) + 1, end);
      const groupClose = this.matching(groupOpen, '(', ')', end);
      call.orderBy = this.render(groupOpen + 1, groupClose).trim();
      next = groupClose + 1;
      at = this.nextSignificant(next, end);
    }
    if (isWord(this.tokens[at], 'FILTER') && isSymbol(this.tokens[this.nextSignificant(at + 1, end)], '(')) {
      const filterOpen = this.nextSignificant(at + 1, end);
      const filterClose = this.matching(filterOpen, '(', ')', end);
      const where = this.nextSignificant(filterOpen + 1, filterClose);
      if (!isWord(this.tokens[where], 'WHERE')) throw parseError('FILTER');
      call.filter = this.render(where + 1, filterClose).trim();
      next = filterClose + 1;
    }
    return { text: translateCall(call), next };
  }

  /** DuckDB text of one argument: a Spark lambda (`x -> …`) becomes DuckDB's (`lambda x: …`). */
  private argument([from, to]: [number, number]): string {
    const lambda = lambdaOf(this.tokens.slice(from, to));
    if (!lambda) return this.render(from, to).trim();
    return `lambda ${lambda.parameters.map(duckdbIdentifier).join(', ')}: ${this.render(from + lambda.body, to).trim()}`;
  }

  private splitArguments(from: number, to: number): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    let depth = 0;
    let begin = from;
    for (let i = from; i < to; i++) {
      const token = this.tokens[i];
      if (isSymbol(token, '(') || isSymbol(token, '[')) depth++;
      else if (isSymbol(token, ')') || isSymbol(token, ']')) depth--;
      else if (depth === 0 && isSymbol(token, ',')) {
        ranges.push([begin, i]);
        begin = i + 1;
      }
    }
    if (ranges.length || this.tokens.slice(begin, to).some(isSignificant)) ranges.push([begin, to]);
    return ranges;
  }

  /** A Spark type from `at` (array<…>, map<…, …>, struct<name: type, …>, or a simple one) as DuckDB text. */
  private type(at: number, end: number): { text: string; next: number } {
    const token = this.tokens[at];
    if (token.kind !== 'word' && token.kind !== 'quoted') throw parseError(describe(token));
    const name = token.kind === 'word' ? token.text : token.name;
    const upper = name.toUpperCase();
    let i = this.nextSignificant(at + 1, end);
    if ((upper === 'ARRAY' || upper === 'MAP' || upper === 'STRUCT') && isSymbol(this.tokens[i], '<')) {
      const parts: string[] = [];
      i = this.nextSignificant(i + 1, end);
      for (;;) {
        if (upper === 'STRUCT') {
          const field = this.tokens[i];
          if (field?.kind !== 'word' && field?.kind !== 'quoted') throw parseError(describe(field));
          i = this.nextSignificant(i + 1, end);
          if (isSymbol(this.tokens[i], ':')) i = this.nextSignificant(i + 1, end);
          const inner = this.type(i, end);
          parts.push(`${duckdbIdentifier(field.kind === 'word' ? field.text : field.name)} ${inner.text}`);
          i = this.nextSignificant(inner.next, end);
        } else {
          const inner = this.type(i, end);
          parts.push(inner.text);
          i = this.nextSignificant(inner.next, end);
        }
        if (isSymbol(this.tokens[i], ',')) i = this.nextSignificant(i + 1, end);
        else if (isSymbol(this.tokens[i], '>')) break;
        else throw parseError(describe(this.tokens[i]));
      }
      if (upper === 'ARRAY') return { text: `${parts[0]}[]`, next: i + 1 };
      if (upper === 'MAP') return { text: `MAP(${parts.join(', ')})`, next: i + 1 };
      return { text: `STRUCT(${parts.join(', ')})`, next: i + 1 };
    }
    const simple = name.toLowerCase() === 'binary' ? 'BLOB' : (TYPE_RENAMES[name.toLowerCase()] ?? name);
    if (isSymbol(this.tokens[i], '(')) {
      const close = this.matching(i, '(', ')', end);
      return { text: `${simple}(${this.render(i + 1, close)})`, next: close + 1 };
    }
    return { text: simple, next: at + 1 };
  }

  private matching(open: number, opener: string, closer: string, end: number): number {
    let depth = 0;
    for (let i = open; i < end; i++) {
      if (isSymbol(this.tokens[i], opener)) depth++;
      else if (isSymbol(this.tokens[i], closer) && --depth === 0) return i;
    }
    throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near end of input: missing '${closer}'.`, '42601');
  }

  private nextSignificant(from: number, end: number): number {
    let i = from;
    while (i < end && !isSignificant(this.tokens[i])) i++;
    return i;
  }

  private previousSignificant(from: number, start: number): number {
    let i = from - 1;
    while (i >= start && !isSignificant(this.tokens[i])) i--;
    return i;
  }
}

/** Whether a token before a word leaves room for an expression to start (so `word(` is a call). */
function startsExpression(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === 'word') return EXPRESSION_KEYWORDS.has(previous.text.toUpperCase()) && previous.text.toUpperCase() !== 'AS';
  if (previous.kind === 'symbol') return previous.text !== '.' && previous.text !== ')' && previous.text !== ']';
  return false;
}

/** Whether a token ends an operand (so a following `[` is a subscript, `div` an operator). */
function endsExpression(previous: Token | undefined): boolean {
  if (!previous) return false;
  if (previous.kind === 'word') return !EXPRESSION_KEYWORDS.has(previous.text.toUpperCase());
  if (previous.kind === 'symbol') return previous.text === ')' || previous.text === ']';
  return previous.kind === 'quoted' || previous.kind === 'number' || previous.kind === 'string' || previous.kind === 'raw';
}

function continuesExpression(next: Token | undefined): boolean {
  if (!next) return false;
  if (next.kind === 'word') return !CLAUSE_WORDS.has(next.text.toUpperCase());
  if (next.kind === 'symbol') return next.text === '(' || next.text === '-';
  return next.kind === 'number' || next.kind === 'quoted' || next.kind === 'raw';
}

function parseError(near: string): DatabricksSqlError {
  return new DatabricksSqlError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${near}'.`, '42601');
}

function describe(token: Token | undefined): string {
  if (!token) return 'end of input';
  switch (token.kind) {
    case 'string':
      return token.value;
    case 'quoted':
      return token.name;
    default:
      return token.text;
  }
}
