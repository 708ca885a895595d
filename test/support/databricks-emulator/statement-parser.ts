/**
 * A cursor over a statement's significant tokens (no spaces or comments), for reading the parts of
 * Databricks statements the emulator must understand: names, keywords and parenthesised groups.
 */
import { DatabricksSqlError } from './databricks-errors.js';
import { identifierOf, isSignificant, isSymbol, isWord, tokenize, type Token } from './sql-tokens.js';

export interface QualifiedName {
  parts: string[];
  /** Token indices: the name covers tokens[start, end). */
  start: number;
  end: number;
}

export class StatementParser {
  readonly tokens: Token[];
  private readonly significant: number[];
  private position = 0;

  constructor(sql: string) {
    const tokens = tokenize(sql);
    // A trailing semicolon is allowed; anything after it would be a second statement.
    let last = tokens.length - 1;
    while (last >= 0 && !isSignificant(tokens[last])) last--;
    if (isSymbol(tokens[last], ';')) tokens.splice(last, 1);
    if (tokens.some((token) => isSymbol(token, ';'))) throw syntaxError("Syntax error at or near ';': one statement per request.");
    this.tokens = tokens;
    this.significant = tokens.flatMap((token, index) => (isSignificant(token) ? [index] : []));
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.significant[this.position + offset]];
  }

  atEnd(): boolean {
    return this.position >= this.significant.length;
  }

  /** The index in `tokens` of the current significant token (or the end). */
  get tokenIndex(): number {
    return this.significant[this.position] ?? this.tokens.length;
  }

  next(): Token | undefined {
    return this.tokens[this.significant[this.position++]];
  }

  /** Consumes the words if they come next, in order; otherwise consumes nothing. */
  accept(...words: string[]): boolean {
    if (!words.every((word, index) => isWord(this.peek(index), word))) return false;
    this.position += words.length;
    return true;
  }

  expect(...words: string[]): void {
    if (!this.accept(...words)) throw syntaxError(`Syntax error at or near ${describe(this.peek())}: expected ${words.join(' ')}.`);
  }

  acceptSymbol(text: string): boolean {
    if (!isSymbol(this.peek(), text)) return false;
    this.position++;
    return true;
  }

  /** One of the words, consumed, upper-cased; or undefined. */
  oneOf(...words: string[]): string | undefined {
    const token = this.peek();
    if (!isWord(token, ...words)) return undefined;
    this.position++;
    return (token as { text: string }).text.toUpperCase();
  }

  /** A dotted name: `a`, `` `a`.b ``, `cat.sch.tbl`. */
  name(): QualifiedName {
    const start = this.tokenIndex;
    const first = identifierOf(this.peek());
    if (first === undefined) throw syntaxError(`Syntax error at or near ${describe(this.peek())}: expected a name.`);
    this.position++;
    const parts = [first];
    while (isSymbol(this.peek(), '.') && identifierOf(this.peek(1)) !== undefined) {
      parts.push(identifierOf(this.peek(1))!);
      this.position += 2;
    }
    return { parts, start, end: this.significant[this.position - 1] + 1 };
  }

  /** Skips a parenthesised group from its `(`; returns the token range inside the parentheses. */
  group(): { start: number; end: number } {
    if (!isSymbol(this.peek(), '(')) throw syntaxError(`Syntax error at or near ${describe(this.peek())}: expected '('.`);
    const start = this.tokenIndex + 1;
    let depth = 0;
    for (;;) {
      const token = this.next();
      if (!token) throw syntaxError("Syntax error: missing ')'.");
      if (isSymbol(token, '(')) depth++;
      else if (isSymbol(token, ')') && --depth === 0) return { start, end: this.significant[this.position - 1] };
    }
  }

  /** Skips to the end. */
  skipRest(): void {
    this.position = this.significant.length;
  }

  /** Skips significant tokens up to (not including) the first of `words` at depth 0 (outside parentheses and CASE … END). */
  skipUntil(...words: string[]): void {
    let depth = 0;
    while (!this.atEnd()) {
      const token = this.peek();
      if (depth === 0 && isWord(token, ...words)) return;
      depth += nesting(token);
      this.position++;
    }
  }

  /** Skips significant tokens up to (not including) the symbol at parenthesis depth 0. */
  skipUntilSymbol(symbol: string): void {
    let depth = 0;
    while (!this.atEnd()) {
      const token = this.peek();
      if (depth === 0 && isSymbol(token, symbol)) return;
      depth += nesting(token);
      this.position++;
    }
  }

  /** Whether one of the words appears at depth 0 from here on (the position does not move). */
  hasAhead(...words: string[]): boolean {
    let depth = 0;
    for (let offset = 0; this.peek(offset); offset++) {
      const token = this.peek(offset);
      if (depth === 0 && isWord(token, ...words)) return true;
      depth += nesting(token);
    }
    return false;
  }

  /** An integer literal. */
  integer(): number {
    const token = this.next();
    if (token?.kind !== 'number' || !/^\d+$/.test(token.text)) throw syntaxError(`Syntax error at or near ${describe(token)}: expected a number.`);
    return Number(token.text);
  }

  string(): string {
    const token = this.next();
    if (token?.kind !== 'string') throw syntaxError(`Syntax error at or near ${describe(token)}: expected a string.`);
    return token.value;
  }
}

/** +1 for a token that opens a nested part (`(`, CASE), -1 for one that closes it. */
function nesting(token: Token | undefined): number {
  if (isSymbol(token, '(') || isWord(token, 'CASE')) return 1;
  if (isSymbol(token, ')') || isWord(token, 'END')) return -1;
  return 0;
}

export function syntaxError(message: string): DatabricksSqlError {
  return new DatabricksSqlError('PARSE_SYNTAX_ERROR', message, '42601');
}

function describe(token: Token | undefined): string {
  if (!token) return 'end of input';
  switch (token.kind) {
    case 'string':
      return `'${token.value}'`;
    case 'quoted':
      return `\`${token.name}\``;
    case 'word':
    case 'symbol':
    case 'number':
    case 'raw':
    case 'space':
    case 'comment':
      return `'${token.text}'`;
  }
}
