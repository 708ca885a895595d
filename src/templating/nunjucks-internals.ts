/**
 * Typed access to the parts of nunjucks that @types/nunjucks does not describe: the tokenizer, the
 * parser class we extend, and SafeString (nunjucks' Markup).
 * Everything here is read-only use of nunjucks; nothing is patched.
 */
import nunjucks from 'nunjucks';

export interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

export interface Tokenizer {
  str: string;
  index: number;
  lineno: number;
  colno: number;
  in_code: boolean;
  nextToken(): Token | null;
  forwardN(n: number): void;
  current(): string;
  forward(): void;
  isFinished(): boolean;
  _parseString(delimiter: string): string;
}

/** Nodes of the statement lists (`parse`, `parseAsRoot`) and template text. */
export interface NunjucksNode {
  typename: string;
  lineno: number;
  colno: number;
  children?: unknown[];
  value?: unknown;
}

export interface NunjucksParser {
  tokens: Tokenizer;
  peeked: Token | null;
  breakOnBlocks: string[] | null;
  dropLeadingWhitespace: boolean;
  nextToken(withWhitespace?: boolean): Token | null;
  peekToken(): Token | null;
  pushToken(tok: Token | null): void;
  skip(type: string): boolean;
  expect(type: string): Token;
  skipValue(type: string, value: string): boolean;
  skipSymbol(value: string): boolean;
  advanceAfterBlockEnd(name?: string): Token;
  advanceAfterVariableEnd(): void;
  parseNodes(): unknown[];
  parse(): NunjucksNode;
  parseAsRoot(): NunjucksNode;
  parseUntilBlocks(...names: string[]): NunjucksNode;
  error(msg: string, lineno?: number, colno?: number): Error;
  fail(msg: string, lineno?: number, colno?: number): never;
}

interface NunjucksInternals {
  lexer: {
    lex(src: string, opts?: object): Tokenizer;
    TOKEN_STRING: string;
    TOKEN_WHITESPACE: string;
    TOKEN_DATA: string;
    TOKEN_BLOCK_START: string;
    TOKEN_BLOCK_END: string;
    TOKEN_VARIABLE_START: string;
    TOKEN_VARIABLE_END: string;
    TOKEN_COMMENT: string;
    TOKEN_LEFT_PAREN: string;
    TOKEN_RIGHT_PAREN: string;
    TOKEN_LEFT_BRACKET: string;
    TOKEN_RIGHT_BRACKET: string;
    TOKEN_LEFT_CURLY: string;
    TOKEN_RIGHT_CURLY: string;
    TOKEN_OPERATOR: string;
    TOKEN_COMMA: string;
    TOKEN_COLON: string;
    TOKEN_TILDE: string;
    TOKEN_PIPE: string;
    TOKEN_INT: string;
    TOKEN_FLOAT: string;
    TOKEN_BOOLEAN: string;
    TOKEN_NONE: string;
    TOKEN_SYMBOL: string;
    TOKEN_REGEX: string;
  };
  parser: { Parser: new (tokens: Tokenizer) => NunjucksParser };
  runtime: {
    SafeString: new (value: string) => { val: string; toString(): string };
  };
  lib: { TemplateError: new (message: string, lineno?: number, colno?: number) => Error };
}

export const internals = nunjucks as unknown as NunjucksInternals;
export const lexer = internals.lexer;
export const NunjucksParserClass = internals.parser.Parser;
export const SafeString = internals.runtime.SafeString;
