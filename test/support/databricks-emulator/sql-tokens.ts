/**
 * Databricks (Spark) SQL as tokens: Spark's backslash-escaped string literals read into their values,
 * backquoted names into theirs. sql-translation.ts turns tokens into DuckDB SQL.
 */

export type Token =
  | { kind: 'space'; text: string }
  | { kind: 'comment'; text: string }
  /** A string literal: `value` is what it means, escapes resolved. */
  | { kind: 'string'; value: string }
  /** A backquoted identifier. */
  | { kind: 'quoted'; name: string }
  /** A bare identifier or keyword. */
  | { kind: 'word'; text: string }
  | { kind: 'number'; text: string; suffix: string }
  | { kind: 'symbol'; text: string }
  /** DuckDB text put in place of other tokens by a translation step. */
  | { kind: 'raw'; text: string };

const MULTI_CHAR_SYMBOLS = ['<=>', '<=', '>=', '<>', '!=', '==', '||', '::', '->', '=>'];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const char = sql[i];
    let match: RegExpExecArray | null;
    if ((match = /^\s+/.exec(rest))) {
      tokens.push({ kind: 'space', text: match[0] });
      i += match[0].length;
    } else if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      const text = end === -1 ? rest : sql.slice(i, end);
      tokens.push({ kind: 'comment', text });
      i += text.length;
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new SqlSyntaxError('Unclosed comment');
      tokens.push({ kind: 'comment', text: sql.slice(i, end + 2) });
      i = end + 2;
    } else if (char === "'" || char === '"') {
      const { value, end } = readStringLiteral(sql, i);
      tokens.push({ kind: 'string', value });
      i = end;
    } else if (char === '`') {
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new SqlSyntaxError('Unclosed backquoted identifier');
        if (sql[j] === '`') {
          if (sql[j + 1] === '`') {
            name += '`';
            j += 2;
            continue;
          }
          break;
        }
        name += sql[j++];
      }
      tokens.push({ kind: 'quoted', name });
      i = j + 1;
    } else if ((match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest))) {
      const suffix = /^(?:BD|[LSYDF])(?![\p{L}\p{N}_])/iu.exec(rest.slice(match[0].length))?.[0] ?? '';
      tokens.push({ kind: 'number', text: match[0], suffix });
      i += match[0].length + suffix.length;
    } else if ((match = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(rest))) {
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    } else {
      const symbol = MULTI_CHAR_SYMBOLS.find((candidate) => rest.startsWith(candidate)) ?? char;
      tokens.push({ kind: 'symbol', text: symbol });
      i += symbol.length;
    }
  }
  return tokens;
}

export class SqlSyntaxError extends Error {}

// Spark's default (spark.sql.parser.escapedStringLiterals=false): a backslash escapes the next character.
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', '0': '\0', Z: '\x1a' };

function readStringLiteral(sql: string, start: number): { value: string; end: number } {
  const quote = sql[start];
  let value = '';
  let j = start + 1;
  for (;;) {
    if (j >= sql.length) throw new SqlSyntaxError('Unclosed string literal');
    const char = sql[j];
    if (char === quote) return { value, end: j + 1 };
    if (char === '\\' && j + 1 < sql.length) {
      const next = sql[j + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(sql.slice(j + 2, j + 6))) {
        value += String.fromCharCode(parseInt(sql.slice(j + 2, j + 6), 16));
        j += 6;
      } else if (next === '%' || next === '_') {
        // Kept with the backslash so that LIKE still sees an escaped wildcard.
        value += `\\${next}`;
        j += 2;
      } else {
        value += ESCAPES[next] ?? next;
        j += 2;
      }
      continue;
    }
    value += char;
    j++;
  }
}

export function isSignificant(token: Token): boolean {
  return token.kind !== 'space' && token.kind !== 'comment';
}

/** The identifier a word or backquoted token names, or undefined for anything else. */
export function identifierOf(token: Token | undefined): string | undefined {
  if (!token) return undefined;
  if (token.kind === 'quoted') return token.name;
  if (token.kind === 'word') return token.text;
  return undefined;
}

export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.some((word) => word.toUpperCase() === token.text.toUpperCase());
}

export function isSymbol(token: Token | undefined, text: string): boolean {
  return token?.kind === 'symbol' && token.text === text;
}

export function duckdbIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function duckdbString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
