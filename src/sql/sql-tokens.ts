/**
 * A small SQL tokenizer — for lint's token rules, the formatter's checks and the parser's preparation:
 * words, quoted names, strings, numbers, operators and comments, each with its offsets. It never fails:
 * anything it does not know is a one-character `other` token, so token rules run on SQL no parser
 * understands.
 */

export type SqlTokenType = 'keyword' | 'word' | 'quoted' | 'string' | 'number' | 'operator' | 'comma' | 'open' | 'close' | 'dot' | 'semicolon' | 'comment' | 'other';

export interface SqlToken {
  type: SqlTokenType;
  text: string;
  /** Offsets in the tokenized text, `end` exclusive. */
  start: number;
  end: number;
}

/** Words SQL reserves or uses as clause keywords (Spark SQL and DuckDB); the case rule looks at these. */
export const SQL_KEYWORDS = new Set(
  (
    'all and anti any as asc between both by case cast cluster create cross current_date current_timestamp desc distinct ' +
    'distribute else end escape except exists explode false filter following for from full group grouping having if ilike ' +
    'in inner intersect interval is join lateral left like limit minus natural not null nulls offset on or order outer over ' +
    'partition pivot preceding qualify range recursive right rlike rollup row rows select semi sort table tablesample then ' +
    'to true unbounded union unpivot using values view when where window with within'
  ).split(' '),
);

const WORD_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_$]/;
const DIGIT = /[0-9]/;
const OPERATOR_CHARS = '=<>!+-*/%|&^~:?@#';

/** How a dialect writes strings. */
interface StringRules {
  /** A backslash escapes the next character of a string. */
  backslashEscapes: boolean;
  /** "…" is a string, not a name. */
  doubleQuotedStrings: boolean;
}

/**
 * Spark SQL (Databricks) reads `'it\'s'` and takes "…" for a string (its names are in backticks); DuckDB,
 * like standard SQL, takes a backslash literally (`'C:\'` is a whole string) except in E'…', and "…" is a
 * name.
 */
const STRING_RULES: Record<string, StringRules> = {
  databricks: { backslashEscapes: true, doubleQuotedStrings: true },
  duckdb: { backslashEscapes: false, doubleQuotedStrings: false },
};
/** Without a dialect: backslashes escape, "…" is a name. */
const ANY_DIALECT: StringRules = { backslashEscapes: true, doubleQuotedStrings: false };

/** The tokens of `sql`; the dialect decides how its strings are written (STRING_RULES). */
export function tokenizeSql(sql: string, dialect?: string): SqlToken[] {
  const rules = (dialect !== undefined && STRING_RULES[dialect]) || ANY_DIALECT;
  const tokens: SqlToken[] = [];
  const length = sql.length;
  let i = 0;
  const push = (type: SqlTokenType, start: number, end: number) => tokens.push({ type, text: sql.slice(start, end), start, end });
  while (i < length) {
    const char = sql[i];
    const start = i;
    if (char === ' ' || char === '\n' || char === '\t' || char === '\r') {
      i++;
      continue;
    }
    if (char === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      i = newline < 0 ? length : newline;
      push('comment', start, i);
      continue;
    }
    if (char === '/' && sql[i + 1] === '*') {
      i = blockCommentEnd(sql, i);
      push('comment', start, i);
      continue;
    }
    if (char === "'" || char === '"' || char === '`') {
      const previous = tokens[tokens.length - 1];
      // DuckDB's E'…' escapes with backslashes too.
      const isString = char === "'" || (char === '"' && rules.doubleQuotedStrings);
      const escapes = isString && (rules.backslashEscapes || (previous?.end === i && previous.type === 'word' && previous.text.toLowerCase() === 'e'));
      i++;
      while (i < length) {
        if (sql[i] === '\\' && escapes) i += 2;
        else if (sql[i] === char) {
          if (sql[i + 1] === char) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      push(isString ? 'string' : 'quoted', start, Math.min(i, length));
      continue;
    }
    if (WORD_START.test(char)) {
      i++;
      while (i < length && WORD_CHAR.test(sql[i])) i++;
      const text = sql.slice(start, i);
      tokens.push({ type: SQL_KEYWORDS.has(text.toLowerCase()) ? 'keyword' : 'word', text, start, end: i });
      continue;
    }
    if (DIGIT.test(char) || (char === '.' && DIGIT.test(sql[i + 1] ?? ''))) {
      i++;
      while (i < length && /[0-9.eE_]/.test(sql[i])) {
        if ((sql[i] === 'e' || sql[i] === 'E') && (sql[i + 1] === '-' || sql[i + 1] === '+')) i++;
        i++;
      }
      while (i < length && /[A-Za-z]/.test(sql[i])) i++;
      push('number', start, i);
      continue;
    }
    i++;
    switch (char) {
      case ',':
        push('comma', start, i);
        break;
      case '(':
      case '[':
        push('open', start, i);
        break;
      case ')':
      case ']':
        push('close', start, i);
        break;
      case '.':
        push('dot', start, i);
        break;
      case ';':
        push('semicolon', start, i);
        break;
      default:
        if (OPERATOR_CHARS.includes(char)) {
          // An operator ends where a comment starts: a `*` right before a block comment is a star.
          while (i < length && OPERATOR_CHARS.includes(sql[i]) && !(sql[i] === '-' && sql[i + 1] === '-') && !(sql[i] === '/' && sql[i + 1] === '*')) i++;
          push('operator', start, i);
        } else push('other', start, i);
    }
  }
  return tokens;
}

// Where a block comment that starts at `start` ends: Spark SQL and DuckDB both nest them, so a comment
// that comments out another ends at the closing mark that balances its opening one. One whose nesting
// never balances (an opening mark in its prose, as in a path `models/` followed by `*.sql`) ends at its
// first closing mark.
function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  const first = sql.indexOf('*/', start + 2);
  return first < 0 ? sql.length : first + 2;
}

/** The tokens that carry meaning: no comments. */
export function codeTokens(tokens: SqlToken[]): SqlToken[] {
  return tokens.filter((token) => token.type !== 'comment');
}
