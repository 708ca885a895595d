/**
 * Databricks SQL tokens → DuckDB SQL text. Token by token: backquoted names become double-quoted ones,
 * Spark's string literals standard ones, Spark's types (`array<int>`, `struct<a: int>`) and operators
 * (`<=>`, `div`, 0-based `[n]`) DuckDB's. Every function call is checked against Databricks' built-ins and
 * rewritten where DuckDB would compute something else (spark-functions.ts); DATE'…' and TIMESTAMP'…'
 * literals are read as Spark reads them (spark-datetime.ts). DuckDB-only syntax that
 * Databricks refuses (`[1, 2]` list literals, `{…}` structs, `//`, `->` outside a lambda, `* EXCLUDE`,
 * `USING SAMPLE`, `ORDER BY` inside a call, DuckDB's types and statements) is refused here too, and ANSI
 * mode's errors are raised where DuckDB would answer NULL (a division by zero).
 */
import { DatabricksSqlError } from './databricks-errors.js';
import { datetimeLiteral } from './spark-datetime.js';
import { lambdaOf, translateCall, type FunctionCall } from './spark-functions.js';
import { helper } from './spark-call.js';
import { DUCKDB_ONLY_TYPES, unsupportedDatatype } from './spark-types.js';
import { duckdbIdentifier, duckdbString, identifierOf, isSignificant, isSymbol, isWord, type Token } from './sql-tokens.js';

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

// Statements DuckDB runs and Databricks does not know (DuckDB's transactions, extensions, files and settings).
const DUCKDB_STATEMENTS = new Set(['BEGIN', 'START', 'ABORT', 'PRAGMA', 'INSTALL', 'LOAD', 'ATTACH', 'DETACH', 'CHECKPOINT', 'FORCE', 'SUMMARIZE', 'EXPORT', 'IMPORT', 'VACUUM_DUCKDB']);

/** DuckDB text for a run of tokens. Adjacent string literals concatenate, as in Spark. */
export function renderTokens(tokens: Token[]): string {
  refuseDuckdbStatement(tokens);
  return new TokenRenderer(tokens).render(0, tokens.length);
}

/**
 * A statement only DuckDB runs. Databricks' interactive transactions (BEGIN TRANSACTION … COMMIT) need
 * catalog-managed tables, which the emulator does not model; COMMIT and ROLLBACK outside one fail as
 * Databricks documents (NO_ACTIVE_TRANSACTION; its SQLSTATE is not documented, 25000 is the standard's).
 */
function refuseDuckdbStatement(tokens: Token[]): void {
  const significant = tokens.filter(isSignificant);
  const [first, second] = significant;
  if (first?.kind !== 'word') return;
  const upper = first.text.toUpperCase();
  // Only as a statement: a keyword alone, or followed by a word or a string (never an operator, as a column would be).
  if (second && second.kind !== 'word' && second.kind !== 'string' && !isSymbol(second, ';')) return;
  if (upper === 'COMMIT' || upper === 'ROLLBACK') {
    throw new DatabricksSqlError('NO_ACTIVE_TRANSACTION', `There is no active transaction to ${upper.toLowerCase()}.`, '25000');
  }
  if (upper === 'BEGIN' && isWord(second, 'TRANSACTION', 'WORK')) {
    throw new DatabricksSqlError('EMULATOR_UNSUPPORTED', 'The Databricks emulator does not support interactive transactions (they need catalog-managed tables).', '0A000');
  }
  if (DUCKDB_STATEMENTS.has(upper) || (upper === 'COPY' && !isWord(second, 'INTO'))) throw parseError(first.text);
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
        return this.checkedDivisor(i, end, '/', 'divisor');
      case '%':
        return this.checkedDivisor(i, end, '%', 'remainder_divisor');
      case '*':
        return this.star(i, start, end);
      case '::': {
        const type = this.tokens[this.nextSignificant(i + 1, end)];
        if (type?.kind === 'word' && DUCKDB_ONLY_TYPES.has(type.text.toUpperCase())) throw unsupportedDatatype(type.text);
        return { text: '::', next: i + 1 };
      }
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

  /** `*` as a select star: Spark's `* EXCEPT (cols)` is DuckDB's `* EXCLUDE (cols)`; DuckDB's own modifiers are refused. */
  private star(i: number, start: number, end: number): { text: string; next: number } {
    const previous = this.tokens[this.previousSignificant(i, start)];
    const selectsAll = !previous || isSymbol(previous, ',') || isSymbol(previous, '.') || isWord(previous, 'SELECT', 'DISTINCT', 'ALL');
    const next = this.nextSignificant(i + 1, end);
    if (!selectsAll) return { text: '*', next: i + 1 };
    if (isWord(this.tokens[next], 'EXCLUDE', 'REPLACE', 'RENAME')) throw parseError((this.tokens[next] as { text: string }).text);
    const open = this.nextSignificant(next + 1, end);
    if (isWord(this.tokens[next], 'EXCEPT') && isSymbol(this.tokens[open], '(')) {
      const close = this.matching(open, '(', ')', end);
      return { text: `* EXCLUDE (${this.render(open + 1, close)})`, next: close + 1 };
    }
    return { text: '*', next: i + 1 };
  }

  /**
   * `a / b`, `a div b`, `a % b`: ANSI mode raises DIVIDE_BY_ZERO (REMAINDER_BY_ZERO for `%`) where DuckDB
   * answers NULL, so the divisor — the operand right of the operator — goes through a checking helper.
   */
  private checkedDivisor(i: number, end: number, operator: string, check: string): { text: string; next: number } {
    const from = this.nextSignificant(i + 1, end);
    const to = this.operandEnd(from, end);
    if (to <= from) return { text: operator, next: i + 1 };
    return { text: `${operator} ${helper(check)}(${this.render(from, to).trim()})`, next: to };
  }

  /** Where the operand starting at `from` ends: a unary sign, a primary (literal, name, call, group, CASE) and its subscripts and casts. */
  private operandEnd(from: number, end: number): number {
    let i = from;
    while (i < end && (isSymbol(this.tokens[i], '-') || isSymbol(this.tokens[i], '+') || isSymbol(this.tokens[i], '~') || !isSignificant(this.tokens[i]))) i++;
    const token = this.tokens[i];
    if (!token) return from;
    if (isSymbol(token, '(')) i = this.matching(i, '(', ')', end) + 1;
    else if (isWord(token, 'CASE')) i = this.caseEnd(i, end) + 1;
    else if (token.kind === 'number') i++;
    else if (token.kind === 'string') {
      i++;
      while (this.tokens[this.nextSignificant(i, end)]?.kind === 'string') i = this.nextSignificant(i, end) + 1;
    } else if (token.kind === 'word' || token.kind === 'quoted' || token.kind === 'raw') {
      i++;
      const literal = this.nextSignificant(i, end);
      if (token.kind === 'word' && this.tokens[literal]?.kind === 'string') return literal + 1;
      if (isSymbol(this.tokens[this.nextSignificant(i, end)], '(') && token.kind === 'word') {
        i = this.matching(this.nextSignificant(i, end), '(', ')', end) + 1;
        const over = this.nextSignificant(i, end);
        if (isWord(this.tokens[over], 'OVER')) {
          const window = this.nextSignificant(over + 1, end);
          i = isSymbol(this.tokens[window], '(') ? this.matching(window, '(', ')', end) + 1 : window + 1;
        }
      }
    } else return from;
    for (;;) {
      const next = this.nextSignificant(i, end);
      if (isSymbol(this.tokens[next], '[')) i = this.matching(next, '[', ']', end) + 1;
      else if (isSymbol(this.tokens[next], '.') && identifierOf(this.tokens[next + 1]) !== undefined) i = next + 2;
      else if (isSymbol(this.tokens[next], '::')) {
        i = this.nextSignificant(next + 1, end) + 1;
        const parameters = this.nextSignificant(i, end);
        if (isSymbol(this.tokens[parameters], '(')) i = this.matching(parameters, '(', ')', end) + 1;
      } else return i;
    }
  }

  private caseEnd(at: number, end: number): number {
    let depth = 0;
    for (let i = at; i < end; i++) {
      if (isWord(this.tokens[i], 'CASE')) depth++;
      else if (isWord(this.tokens[i], 'END') && --depth === 0) return i;
    }
    throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', "Syntax error at or near end of input: missing 'END'.", '42601');
  }

  private word(i: number, start: number, end: number): { text: string; next: number } {
    const token = this.tokens[i] as { text: string };
    const upper = token.text.toUpperCase();
    const next = this.nextSignificant(i + 1, end);
    if (upper === 'USING' && isWord(this.tokens[next], 'SAMPLE')) throw parseError('SAMPLE');
    if (DUCKDB_ONLY_TYPES.has(upper) && this.declaresColumnType(i, start)) throw unsupportedDatatype(token.text);
    // RLIKE / REGEXP find the pattern anywhere in the string; DuckDB's ~ matches the whole string.
    if ((upper === 'RLIKE' || upper === 'REGEXP') && endsExpression(this.tokens[this.previousSignificant(i, start)])) return this.regexpMatch(next, end, '~');
    if (upper === 'NOT' && isWord(this.tokens[next], 'RLIKE', 'REGEXP') && endsExpression(this.tokens[this.previousSignificant(i, start)])) {
      return this.regexpMatch(this.nextSignificant(next + 1, end), end, '!~');
    }
    if ((upper === 'ARRAY' || upper === 'MAP' || upper === 'STRUCT') && isSymbol(this.tokens[next], '<')) return this.type(i, end);
    const previous = this.tokens[this.previousSignificant(i, start)];
    if (isSymbol(this.tokens[next], '(') && !NOT_CALLS.has(upper) && startsExpression(previous)) {
      const call = this.call(i, next, end);
      if (call) return call;
    }
    if (upper === 'DIV' && endsExpression(previous) && continuesExpression(this.tokens[next])) return this.checkedDivisor(i, end, '//', 'divisor');
    const literal = this.tokens[next];
    if (literal?.kind === 'string' && !isSymbol(previous, '.')) {
      const typed = datetimeLiteral(upper, literal.value);
      if (typed) return { text: typed, next: next + 1 };
    }
    return { text: TYPE_RENAMES[token.text.toLowerCase()] ?? token.text, next: i + 1 };
  }

  private regexpMatch(from: number, end: number, operator: string): { text: string; next: number } {
    const to = this.operandEnd(from, end);
    if (to <= from) throw parseError('RLIKE');
    return { text: ` ${operator} ('(?s:.*)(?:' || ${this.render(from, to).trim()} || ')(?s:.*)')`, next: to };
  }

  /** Whether the word at `i` is the type of a column definition (`name type …`, the first two tokens rendered). */
  private declaresColumnType(i: number, start: number): boolean {
    const name = this.nextSignificant(start, i);
    // The emulator quotes the names of the column definitions it renders; no statement starts with a quoted name.
    return start === 0 && name < i && this.tokens[name].kind === 'quoted' && this.nextSignificant(name + 1, i + 1) === i;
  }

  /** A function call from its name at `nameAt` and `(` at `open`; undefined when it turns out to be a CTE's column list. */
  private call(nameAt: number, open: number, end: number): { text: string; next: number } | undefined {
    const close = this.matching(open, '(', ')', end);
    let next = close + 1;
    const after = this.nextSignificant(next, end);
    if (isWord(this.tokens[after], 'AS') && isSymbol(this.tokens[this.nextSignificant(after + 1, end)], '(')) return undefined;

    // DuckDB's ordered aggregates (`string_agg(x, ',' ORDER BY x)`): Spark orders with WITHIN GROUP.
    let depth = 0;
    for (let i = open + 1; i < close; i++) {
      const token = this.tokens[i];
      if (isSymbol(token, '(') || isSymbol(token, '[')) depth++;
      else if (isSymbol(token, ')') || isSymbol(token, ']')) depth--;
      else if (depth === 0 && isWord(token, 'ORDER') && isWord(this.tokens[this.nextSignificant(i + 1, close)], 'BY')) throw parseError('ORDER');
    }
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
