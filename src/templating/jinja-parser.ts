/**
 * Jinja's grammar: a tokenizer and a recursive-descent parser of our own. The tokens are nunjucks'
 * (the parser used to run on nunjucks' lexer, and templates keep tokenizing the same way, quirks
 * included: `none`/`null` literals, `r/…/` regex tokens, `1.` floats); the grammar is Jinja's:
 * operator precedence (`~` binds looser than `*` but tighter than `+`, `is` binds like a filter),
 * tuples, `for … if`, `set ns.attr`, tuple targets, `*args`/`**kwargs` in calls,
 * `do`/`with`/`break`/`continue`, Python string escapes and literal names (`True`/`None`), and
 * Jinja's whitespace control (`{%-`, `-%}`, `{%+`, `+%}`, `{{-`, `{{+`, `-}}`, `{#-`, `-#}`, …).
 * Statements and expressions become the plain nodes below, which the interpreter
 * (jinja-interpreter.ts) runs.
 *
 * Compiling every model's template is the largest single cost of planning a project, so the
 * tokenizer works on character codes and cuts template text (most of a SQL model) with one search.
 */

// ---------------------------------------------------------------- nodes

interface At {
  line: number;
  col: number;
}

export type Expr =
  | (At & { kind: 'Const'; value: string | number | bigint | boolean | null; float?: boolean })
  | (At & { kind: 'Name'; name: string })
  | (At & { kind: 'Tuple'; items: Expr[] })
  | (At & { kind: 'List'; items: Expr[] })
  | (At & { kind: 'Dict'; pairs: Array<[Expr, Expr]> })
  | (At & { kind: 'GetAttr'; target: Expr; name: string })
  | (At & { kind: 'GetItem'; target: Expr; key: Expr })
  | (At & { kind: 'Slice'; target: Expr; start: Expr | null; stop: Expr | null; step: Expr | null })
  | CallExpr
  | FilterExpr
  | (At & { kind: 'Test'; target: Expr; name: string; args: CallArgs })
  | (At & { kind: 'Unary'; op: 'not' | '-' | '+'; operand: Expr })
  | (At & { kind: 'Binary'; op: string; left: Expr; right: Expr })
  | (At & { kind: 'Compare'; first: Expr; ops: Array<{ op: string; expr: Expr }> })
  | (At & { kind: 'CondExpr'; test: Expr; body: Expr; else_: Expr | null });

export interface CallArgs {
  args: Expr[];
  kwargs: Array<[string, Expr]>;
  starArgs: Expr | null;
  starKwargs: Expr | null;
}

export type CallExpr = At & { kind: 'Call'; fn: Expr; call: CallArgs };
/** `target` is null for the filter of a `{% filter %}` or `{% set x | f %}` block. */
export type FilterExpr = At & { kind: 'Filter'; target: Expr | null; name: string; call: CallArgs };

export type Target =
  | (At & { kind: 'name'; name: string })
  | (At & { kind: 'tuple'; items: Target[] })
  | (At & { kind: 'ns'; name: string; attr: string });

export interface Param {
  name: string;
  default: Expr | null;
}

/** A statement list: a block's body, or the whole template. */
export type Body = Stmt[];

export type Stmt =
  | (At & { kind: 'Text'; value: string })
  | (At & { kind: 'Output'; expr: Expr })
  | (At & { kind: 'If'; test: Expr; body: Body; else_: Body | null })
  | (At & { kind: 'For'; target: Target; iter: Expr; test: Expr | null; body: Body; else_: Body | null })
  | (At & { kind: 'Set'; target: Target; value: Expr })
  | (At & { kind: 'SetBlock'; target: Target; body: Body; filter: FilterExpr | null })
  | (At & { kind: 'Macro'; name: string; params: Param[]; body: Body })
  | (At & { kind: 'CallBlock'; call: CallExpr; params: Param[]; body: Body })
  | (At & { kind: 'FilterBlock'; filter: FilterExpr; body: Body })
  | (At & { kind: 'Do'; expr: Expr })
  | (At & { kind: 'With'; targets: Target[]; values: Expr[]; body: Body })
  | (At & { kind: 'Break' | 'Continue' });

// ---------------------------------------------------------------- errors

/** A syntax error with its 1-based place. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

// ---------------------------------------------------------------- tokens

/** Token kinds (numbers: the parser compares them at every step). */
const Tok = {
  DATA: 1,
  COMMENT: 2,
  BLOCK_START: 3,
  BLOCK_END: 4,
  VARIABLE_START: 5,
  VARIABLE_END: 6,
  STRING: 7,
  INT: 8,
  FLOAT: 9,
  BOOLEAN: 10,
  NONE: 11,
  SYMBOL: 12,
  OPERATOR: 13,
  LEFT_PAREN: 14,
  RIGHT_PAREN: 15,
  LEFT_BRACKET: 16,
  RIGHT_BRACKET: 17,
  LEFT_CURLY: 18,
  RIGHT_CURLY: 19,
  COMMA: 20,
  COLON: 21,
  TILDE: 22,
  PIPE: 23,
  REGEX: 24,
} as const;

interface Token {
  type: number;
  value: string;
  /** 0-based, as the parser keeps them until an error converts them. */
  lineno: number;
  colno: number;
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const ASCII_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DIGITS = /^\d+(_\d+)*$/;
const STARTS_WITH_DIGIT = /^\d/;
const EXPONENT_FLOAT = /^\d+(_\d+)*(\.\d+(_\d+)*)?e[+-]?\d+(_\d+)*$/i;
const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);

/** How tightly binary operators bind, Jinja's order: or < and < not < comparisons < + - < ~ < * / // % < **. */
const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARE = 4;
const SUM = 5;
const CONCAT = 6;
const PRODUCT = 7;
const POWER = 8;
const OPERATOR_LEVELS = new Map<string, number>([
  ['+', SUM], ['-', SUM], ['*', PRODUCT], ['/', PRODUCT], ['//', PRODUCT], ['%', PRODUCT], ['**', POWER],
  ['==', COMPARE], ['!=', COMPARE], ['<', COMPARE], ['>', COMPARE], ['<=', COMPARE], ['>=', COMPARE], ['===', COMPARE], ['!==', COMPARE],
]);
const SYMBOL_LEVELS = new Map<string, number>([['or', OR], ['and', AND], ['in', COMPARE], ['not', COMPARE]]);
/** The arguments of `x | upper`, `x is none`: nothing, shared (the AST is never changed). */
const NO_KWARG_EXPRS: Array<[string, Expr]> = Object.freeze([]) as unknown as Array<[string, Expr]>;
const NO_CALL_ARGS: CallArgs = Object.freeze({ args: Object.freeze([]) as unknown as Expr[], kwargs: NO_KWARG_EXPRS, starArgs: null, starKwargs: null });
/** Tokens that start the argument of a test written without parentheses (`x is divisibleby 3`). */
const TEST_ARGUMENT_STARTS = new Set<number>([Tok.SYMBOL, Tok.STRING, Tok.INT, Tok.FLOAT, Tok.LEFT_BRACKET, Tok.LEFT_CURLY, Tok.BOOLEAN, Tok.NONE]);
const END_TAGS = new Set([
  'endif', 'endfor', 'endmacro', 'endcall', 'endfilter', 'endset', 'endwith', 'endraw', 'else', 'elif', 'endblock',
  'endtest', 'enddata_test', 'endmaterialization', 'enddocs', 'endsnapshot', 'endautoescape', 'endtrans',
]);
const UNSUPPORTED_TAGS: Record<string, string> = {
  include: "dbt has no template loader: put shared SQL in a macro and call it",
  import: 'dbt macros are global: call the macro directly, or through its package name (pkg.macro())',
  from: 'dbt macros are global: call the macro directly, or through its package name (pkg.macro())',
  extends: 'dbt models cannot extend templates: use macros',
  block: 'dbt models cannot use template inheritance blocks: use macros',
  autoescape: 'Sluice renders SQL with autoescaping off, as dbt does',
};

/** Names are ASCII almost always: the Unicode regex only runs for the rest. */
function isIdentifier(text: string): boolean {
  return ASCII_IDENTIFIER.test(text) || IDENTIFIER.test(text);
}

/** The level of the binary or comparison operator `tok` is, or 0. */
function operatorLevel(tok: Token | null): number {
  if (!tok) return 0;
  if (tok.type === Tok.OPERATOR) return OPERATOR_LEVELS.get(tok.value) ?? 0;
  if (tok.type === Tok.SYMBOL) return SYMBOL_LEVELS.get(tok.value) ?? 0;
  return tok.type === Tok.TILDE ? CONCAT : 0;
}

function describe(tok: Token | null): string {
  if (!tok) return 'end of template';
  if (tok.type === Tok.BLOCK_END) return "'%}'";
  if (tok.type === Tok.VARIABLE_END) return "'}}'";
  if (tok.type === Tok.STRING) return 'string';
  if (tok.type === Tok.REGEX) return "a regular expression literal (r/…/)";
  return `'${tok.value}'`;
}

// Character codes the tokenizer looks at.
const NEWLINE = 10;
const HASH = 35;
const PERCENT = 37;
const PLUS = 43;
const MINUS = 45;
const SLASH = 47;
const BACKSLASH = 92;
const LEFT_BRACE = 123;
const RIGHT_BRACE = 125;
const LOWER_R = 114;

/** Tag openers as written (plain, `-`, `+`): shared strings, not one slice of the template per tag. */
const BLOCK_OPENERS = ['{%', '{%-', '{%+'] as const;
const VARIABLE_OPENERS = ['{{', '{{-', '{{+'] as const;

/** `-` or `+`: the whitespace-control signs Jinja reads after an opener and before a closer. */
function isSign(code: number): boolean {
  return code === MINUS || code === PLUS;
}

/**
 * Whitespace as Python's str.isspace() (and `\s` in Jinja's regexes) sees it, which `-` strips: unlike
 * JS's trim, it takes \x1c–\x1f and \x85 and leaves a byte-order mark.
 */
function isPythonSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13) || (code >= 28 && code <= 31);
  if (code < 0x85) return false;
  return (
    code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}

/** What a `-` on the previous tag's closer leaves of the text after it. */
function stripLeadingSpace(text: string): string {
  let start = 0;
  while (start < text.length && isPythonSpace(text.charCodeAt(start))) start++;
  return start === 0 ? text : text.slice(start);
}

/** What a `-` on the next tag's opener leaves of the text before it. */
function stripTrailingSpace(text: string): string {
  let end = text.length;
  while (end > 0 && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Whether a comment (`{#…#}` as written) ends with `-#}`. The sign must follow the opener's own
 * sign: in `{#-#}` the dash opens, as Jinja reads it, and the comment strips only before itself.
 */
function commentStripsAfter(comment: string): boolean {
  const contentStart = isSign(comment.charCodeAt(2)) ? 3 : 2;
  const sign = comment.length - 3;
  return sign >= contentStart && comment.charCodeAt(sign) === MINUS;
}

/**
 * What a character is inside a tag: whitespace, one of nunjucks' delimiters (they end a name or
 * number and are tokens of their own), or part of a name or number (0).
 */
const WHITESPACE = 1;
const DELIMITER = 2;
const CHAR_CLASS = new Uint8Array(256);
// Inside a tag Jinja skips `\s+` as Python's regexes read it: every Unicode space, \u2028 included.
for (let code = 0; code < 256; code++) if (isPythonSpace(code)) CHAR_CLASS[code] = WHITESPACE;
for (const ch of '()[]{}%*-+~/#,:|.<>=!') CHAR_CLASS[ch.charCodeAt(0)] = DELIMITER;

function charClass(code: number): number {
  if (code < 256) return CHAR_CLASS[code];
  return isPythonSpace(code) ? WHITESPACE : 0;
}

/** Two- and three-character operators, as nunjucks reads them (`!==` and `===` only to reject them). */
const LONG_OPERATORS = new Set(['==', '===', '!=', '!==', '<=', '>=', '//', '**']);

const DELIMITER_TYPES: Record<string, number> = {
  '(': Tok.LEFT_PAREN,
  ')': Tok.RIGHT_PAREN,
  '[': Tok.LEFT_BRACKET,
  ']': Tok.RIGHT_BRACKET,
  '{': Tok.LEFT_CURLY,
  '}': Tok.RIGHT_CURLY,
  ',': Tok.COMMA,
  ':': Tok.COLON,
  '~': Tok.TILDE,
  '|': Tok.PIPE,
};

const ALL_DIGITS = /^[0-9]+$/;
const HEX_DIGIT = /^[0-9a-fA-F]$/;
const OCTAL_DIGIT = /^[0-7]$/;

/**
 * Splits a template into tokens, one at a time, keeping the 0-based line and column of each.
 * Outside tags it returns template text, comments and tag openers; inside, the tag's tokens up to
 * and including its closer (whitespace is skipped).
 */
class Lexer {
  index = 0;
  lineno = 0;
  /** Index of the first character of the current line (the column is counted from it). */
  private lineStart = 0;
  /** Inside a tag (after `{%` or `{{`, up to its closer). */
  private inCode = false;
  /** Brackets open in the current tag: like Jinja's lexer, `}}` inside them closes a dict (`{{ f({'a': {'b': 1}}) }}`), not the tag. */
  private depth = 0;

  /** Where each line starts, found once: moving over text then costs nothing per character. */
  private readonly lineStarts: number[] = [0];

  constructor(readonly str: string) {
    for (let nl = str.indexOf('\n'); nl >= 0; nl = str.indexOf('\n', nl + 1)) this.lineStarts.push(nl + 1);
  }

  get colno(): number {
    return this.index - this.lineStart;
  }

  next(): Token | null {
    return this.inCode ? this.codeToken() : this.dataToken();
  }

  /** Moves to `end` (possibly one past the end of the template, as nunjucks' tokenizer could), counting lines. */
  moveTo(end: number): void {
    const starts = this.lineStarts;
    while (this.lineno + 1 < starts.length && starts[this.lineno + 1] <= end) this.lineno++;
    this.lineStart = starts[this.lineno];
    this.index = end;
  }

  /** A token that may span lines (text, comments, strings). */
  private token(type: number, value: string, lineno: number, colno: number, end: number): Token {
    this.moveTo(end);
    return { type, value, lineno, colno };
  }

  /** A token on one line: names, numbers, operators, tag delimiters. */
  private shortToken(type: number, value: string, lineno: number, colno: number, end: number): Token {
    this.index = end;
    return { type, value, lineno, colno };
  }

  /** Template text up to the next tag or comment (one search, not a character at a time), or a tag opener or comment. */
  private dataToken(): Token | null {
    const { str, index } = this;
    if (index >= str.length) return null;
    const lineno = this.lineno;
    const colno = index - this.lineStart;
    if (str.charCodeAt(index) === LEFT_BRACE) {
      const kind = str.charCodeAt(index + 1);
      if (kind === PERCENT || kind === LEFT_BRACE) {
        // Jinja's lexer takes one `-` or `+` after every opener, `{{+` included (`{{+x}}` prints x).
        const sign = str.charCodeAt(index + 2);
        const openers = kind === PERCENT ? BLOCK_OPENERS : VARIABLE_OPENERS;
        const value = sign === MINUS ? openers[1] : sign === PLUS ? openers[2] : openers[0];
        this.inCode = true;
        return this.shortToken(kind === PERCENT ? Tok.BLOCK_START : Tok.VARIABLE_START, value, lineno, colno, index + value.length);
      }
      if (kind === HASH) {
        const end = str.indexOf('#}', index + 2);
        if (end < 0) throw new TemplateSyntaxError('unclosed comment: expected #} before the end of the template', lineno + 1, colno + 1);
        return this.token(Tok.COMMENT, str.slice(index, end + 2), lineno, colno, end + 2);
      }
    }
    // Unlike nunjucks, a stray `#}` in text is text, as in Jinja.
    let end = index + 1;
    for (;;) {
      end = str.indexOf('{', end);
      if (end < 0) {
        end = str.length;
        break;
      }
      const kind = str.charCodeAt(end + 1);
      if (kind === PERCENT || kind === LEFT_BRACE || kind === HASH) break;
      end++;
    }
    return this.token(Tok.DATA, str.slice(index, end), lineno, colno, end);
  }

  private codeToken(): Token | null {
    const str = this.str;
    let i = this.index;
    let code = str.charCodeAt(i);
    while (charClass(code) === WHITESPACE) {
      if (code === NEWLINE) {
        this.lineno++;
        this.lineStart = i + 1;
      }
      code = str.charCodeAt(++i);
    }
    this.index = i;
    if (i >= str.length) return null;
    const lineno = this.lineno;
    const colno = i - this.lineStart;
    const next = str.charCodeAt(i + 1);
    if (code === RIGHT_BRACE && next === RIGHT_BRACE && this.depth > 0) {
      this.depth--;
      return this.shortToken(Tok.RIGHT_CURLY, '}', lineno, colno, i + 1);
    }
    if (code === 39 /* ' */ || code === 34 /* " */) return this.stringToken(code, lineno, colno);
    if (code === PERCENT && next === RIGHT_BRACE) return this.closer(Tok.BLOCK_END, '%}', lineno, colno);
    // `-%}` and `+%}` end a block (Jinja tries them before operators: `{% set x = a+%}` is `a`); `}}` only takes `-`.
    if (next === PERCENT && (code === MINUS || code === PLUS) && str.charCodeAt(i + 2) === RIGHT_BRACE) return this.closer(Tok.BLOCK_END, code === MINUS ? '-%}' : '+%}', lineno, colno);
    if (code === RIGHT_BRACE && next === RIGHT_BRACE) return this.closer(Tok.VARIABLE_END, '}}', lineno, colno);
    if (code === MINUS && next === RIGHT_BRACE && str.charCodeAt(i + 2) === RIGHT_BRACE) return this.closer(Tok.VARIABLE_END, '-}}', lineno, colno);
    if (code === LOWER_R && next === SLASH) return this.regexToken(lineno, colno);
    if (charClass(code) === DELIMITER) return this.delimiterToken(lineno, colno);
    // A name, a number or a literal name (`true`, `none`), up to whitespace or a delimiter.
    let end = i + 1;
    while (end < str.length && charClass(str.charCodeAt(end)) === 0) end++;
    const text = str.slice(i, end);
    const first = text.charCodeAt(0);
    if (first >= 48 && first <= 57 && ALL_DIGITS.test(text)) {
      if (str.charCodeAt(end) !== 46 /* . */) return this.shortToken(Tok.INT, text, lineno, colno, end);
      // `1.5`, and `1.` as nunjucks reads it (the parser rejects it, or reads `xs.0.name`).
      let digitsEnd = end + 1;
      for (let c = str.charCodeAt(digitsEnd); c >= 48 && c <= 57; c = str.charCodeAt(++digitsEnd));
      return this.shortToken(Tok.FLOAT, str.slice(i, digitsEnd), lineno, colno, digitsEnd);
    }
    if (text === 'true' || text === 'false') return this.shortToken(Tok.BOOLEAN, text, lineno, colno, end);
    if (text === 'none' || text === 'null') return this.shortToken(Tok.NONE, text, lineno, colno, end);
    return this.shortToken(Tok.SYMBOL, text, lineno, colno, end);
  }

  /** `%}` or `}}`: the tag is over. */
  private closer(type: number, value: string, lineno: number, colno: number): Token {
    this.inCode = false;
    this.depth = 0;
    return this.shortToken(type, value, lineno, colno, this.index + value.length);
  }

  private delimiterToken(lineno: number, colno: number): Token {
    const { str, index } = this;
    let value = str[index];
    const two = value + (str[index + 1] ?? '');
    if (LONG_OPERATORS.has(two)) {
      const three = two + (str[index + 2] ?? '');
      value = LONG_OPERATORS.has(three) ? three : two;
    }
    const type = DELIMITER_TYPES[value] ?? Tok.OPERATOR;
    if (type === Tok.LEFT_CURLY || type === Tok.LEFT_PAREN || type === Tok.LEFT_BRACKET) this.depth++;
    else if ((type === Tok.RIGHT_CURLY || type === Tok.RIGHT_PAREN || type === Tok.RIGHT_BRACKET) && this.depth > 0) this.depth--;
    return this.shortToken(type, value, lineno, colno, index + value.length);
  }

  /** nunjucks reads `r/…/flags` as a regex literal; the parser rejects it, but tokenizes past it first. */
  private regexToken(lineno: number, colno: number): Token {
    const str = this.str;
    let i = this.index + 2;
    while (i < str.length) {
      if (str.charCodeAt(i) === SLASH && str.charCodeAt(i - 1) !== BACKSLASH) {
        i++;
        break;
      }
      i++;
    }
    while (i < str.length && 'gimy'.includes(str[i])) i++;
    return this.token(Tok.REGEX, str.slice(this.index, i), lineno, colno, i);
  }

  /** A string literal with Python's escapes: \n \t \xNN \uNNNN…; unknown escapes keep their backslash (`'\d'`). */
  private stringToken(quote: number, lineno: number, colno: number): Token {
    const str = this.str;
    let i = this.index + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= str.length) {
        this.moveTo(i);
        throw new TemplateSyntaxError('unterminated string literal', this.lineno + 1, this.colno + 1);
      }
      const code = str.charCodeAt(i);
      if (code === quote) break;
      if (code !== BACKSLASH) {
        i++;
        continue;
      }
      out += str.slice(chunk, i);
      const esc = str.charAt(i + 1);
      // Past the end of the template the escape is '' and the position one past the end, as in nunjucks.
      i += 2;
      const hex = (n: number): string => {
        const start = i;
        while (i - start < n && HEX_DIGIT.test(str.charAt(i))) i++;
        if (i - start !== n) {
          this.moveTo(i);
          throw new TemplateSyntaxError(`truncated \\${esc} escape in string`, this.lineno + 1, this.colno + 1);
        }
        return String.fromCodePoint(parseInt(str.slice(start, i), 16));
      };
      switch (esc) {
        case '\n':
          break;
        case '\\':
        case "'":
        case '"':
          out += esc;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'a':
          out += '\x07';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'v':
          out += '\v';
          break;
        case 'x':
          out += hex(2);
          break;
        case 'u':
          out += hex(4);
          break;
        case 'U':
          out += hex(8);
          break;
        default:
          if (OCTAL_DIGIT.test(esc)) {
            const start = i - 1;
            while (i - start < 3 && OCTAL_DIGIT.test(str.charAt(i))) i++;
            out += String.fromCodePoint(parseInt(str.slice(start, i), 8));
          } else out += `\\${esc}`;
      }
      chunk = i;
    }
    out += str.slice(chunk, i);
    return this.token(Tok.STRING, out, lineno, colno, i + 1);
  }
}

function textNode(tok: Token, text: string): Stmt {
  return { kind: 'Text', line: tok.lineno, col: tok.colno, value: text };
}

// ---------------------------------------------------------------- the parser

interface OpenBlock {
  tag: string;
  line: number;
  col: number;
  ends: string;
}

class JinjaParser {
  /** One token of lookahead. */
  private peeked: Token | null = null;
  /** The end tags the body being parsed stops at (`parseStatement` returns null on them). */
  private breakOnBlocks: string[] | null = null;
  /** Set by a `-%}`, `-}}` or `-#}`: the next template text loses its leading whitespace. */
  private dropLeadingWhitespace = false;
  private readonly openBlocks: OpenBlock[] = [];

  constructor(private readonly lexer: Lexer) {}

  // ------------------------------------------------------------ plumbing

  private nextToken(): Token | null {
    const tok = this.peeked;
    if (tok) {
      this.peeked = null;
      return tok;
    }
    return this.lexer.next();
  }

  private peekToken(): Token | null {
    return (this.peeked ??= this.lexer.next());
  }

  private pushToken(tok: Token | null): void {
    this.peeked = tok;
  }

  /** Consumes the next token if it has this type. */
  private skip(type: number): boolean {
    const tok = this.peekToken();
    if (!tok || tok.type !== type) return false;
    this.peeked = null;
    return true;
  }

  private skipValue(type: number, value: string): boolean {
    const tok = this.peekToken();
    if (!tok || tok.type !== type || tok.value !== value) return false;
    this.peeked = null;
    return true;
  }

  private skipSymbol(value: string): boolean {
    return this.skipValue(Tok.SYMBOL, value);
  }

  /** An error at the next token (or where the tokenizer stopped). */
  private fail(msg: string): never {
    const tok = this.peekToken();
    const lineno = tok ? tok.lineno : this.lexer.lineno;
    const colno = tok ? tok.colno : this.lexer.colno;
    throw new TemplateSyntaxError(msg, lineno + 1, colno + 1);
  }

  private failAt(tok: Token | null, msg: string, hint?: string): never {
    const line = tok ? tok.lineno : this.lexer.lineno;
    const col = tok ? tok.colno : this.lexer.colno;
    throw new TemplateSyntaxError(msg, line + 1, col + 1, hint);
  }

  /** Expects `%}` (or `-%}`, which drops the whitespace after it). */
  private advanceAfterBlockEnd(name: string): void {
    const tok = this.nextToken();
    // The error points past the unexpected token, as nunjucks' parser did.
    if (!tok || tok.type !== Tok.BLOCK_END) this.fail(`expected block end in ${name} statement`);
    if (tok.value.charCodeAt(0) === MINUS) this.dropLeadingWhitespace = true;
  }

  private advanceAfterVariableEnd(): void {
    const tok = this.nextToken();
    if (!tok || tok.type !== Tok.VARIABLE_END) {
      this.pushToken(tok);
      this.fail('expected variable end');
    }
    this.dropLeadingWhitespace = tok.value === '-}}';
  }

  private at(tok: Token): At {
    return { line: tok.lineno, col: tok.colno };
  }

  private isSymbol(tok: Token | null, value?: string): boolean {
    return !!tok && tok.type === Tok.SYMBOL && (value === undefined || tok.value === value);
  }

  private isOperator(tok: Token | null, value: string): boolean {
    return !!tok && tok.type === Tok.OPERATOR && tok.value === value;
  }

  private expectType(type: number, what: string): Token {
    const tok = this.nextToken();
    if (!tok || tok.type !== type) this.failAt(tok, `expected ${what}, got ${describe(tok)}`);
    return tok;
  }

  private expectName(what = 'a name'): Token {
    const tok = this.nextToken();
    if (!tok || tok.type !== Tok.SYMBOL || !isIdentifier(tok.value)) this.failAt(tok, `expected ${what}, got ${describe(tok)}`);
    return tok;
  }

  /** Ends the opening tag of a block; Jinja allows a Python-style colon before `%}`. */
  private endOpeningTag(name: string): void {
    this.skip(Tok.COLON);
    this.advanceAfterBlockEnd(name);
  }

  /** Ends a block tag: the matching end tag, then `%}`. */
  private endBlock(open: OpenBlock): void {
    const tok = this.nextToken()!;
    this.advanceAfterBlockEnd(tok.value);
    if (this.openBlocks[this.openBlocks.length - 1] === open) this.openBlocks.pop();
  }

  private open(tok: Token, ends: string): OpenBlock {
    const block = { tag: tok.value, line: tok.lineno, col: tok.colno, ends };
    this.openBlocks.push(block);
    return block;
  }

  /**
   * The template-level loop (text, `{{ }}`, `{% %}`, comments) with Jinja's whitespace control: a `-`
   * beside a delimiter strips the whitespace on that side. A `+` asks to keep it, which changes nothing
   * under dbt's settings (no lstrip_blocks, no trim_blocks), so `+` is read and ignored.
   */
  private parseNodes(): Stmt[] {
    const nodes: Stmt[] = [];
    for (let tok = this.nextToken(); tok; tok = this.nextToken()) {
      if (tok.type === Tok.DATA) {
        let data = tok.value;
        if (this.dropLeadingWhitespace) {
          data = stripLeadingSpace(data);
          this.dropLeadingWhitespace = false;
        }
        const next = this.peekToken();
        if (
          next &&
          ((next.type === Tok.BLOCK_START && next.value === '{%-') ||
            ((next.type === Tok.VARIABLE_START || next.type === Tok.COMMENT) && next.value.charCodeAt(2) === MINUS))
        ) {
          data = stripTrailingSpace(data);
        }
        if (data) nodes.push(textNode(tok, data));
      } else if (tok.type === Tok.BLOCK_START) {
        this.dropLeadingWhitespace = false;
        const statement = this.parseStatement();
        if (!statement) break;
        nodes.push(statement);
      } else if (tok.type === Tok.VARIABLE_START) {
        const expr = this.parseExpression();
        this.dropLeadingWhitespace = false;
        this.advanceAfterVariableEnd();
        nodes.push({ kind: 'Output', line: tok.lineno, col: tok.colno, expr });
      } else if (tok.type === Tok.COMMENT) {
        this.dropLeadingWhitespace = commentStripsAfter(tok.value);
      } else this.failAt(tok, `unexpected ${describe(tok)}`);
    }
    return nodes;
  }

  /** The whole template. */
  parseRoot(): Body {
    return this.parseNodes();
  }

  /** A block's body, up to one of the end tags `names` (left for the caller to read). */
  private body(...names: string[]): Body {
    const outer = this.breakOnBlocks;
    this.breakOnBlocks = names;
    const body = this.parseNodes();
    this.breakOnBlocks = outer;
    if (!this.peekToken()) {
      const open = this.openBlocks[this.openBlocks.length - 1];
      if (open) {
        throw new TemplateSyntaxError(
          `unclosed '{% ${open.tag} %}': expected '{% ${open.ends} %}' before the end of the template`,
          open.line + 1,
          open.col + 1,
        );
      }
    }
    return body;
  }

  // ------------------------------------------------------------ statements

  /** Called by parseNodes after `{%`; returns null at the end tag it is waiting for. */
  private parseStatement(): Stmt | null {
    const tok = this.peekToken();
    if (!tok) this.fail('expected a tag name after {%, got end of template');
    if (tok.type !== Tok.SYMBOL) this.failAt(tok, `expected a tag name after '{%', got ${describe(tok)}`);
    if (this.breakOnBlocks && this.breakOnBlocks.includes(tok.value)) return null;
    switch (tok.value) {
      case 'if':
        return this.parseJinjaIf();
      case 'for':
        return this.parseJinjaFor();
      case 'set':
        return this.parseJinjaSet();
      case 'macro':
        return this.parseJinjaMacro();
      case 'call':
        return this.parseJinjaCallBlock();
      case 'filter':
        return this.parseJinjaFilterBlock();
      case 'do':
        return this.parseJinjaDo();
      case 'with':
        return this.parseJinjaWith();
      case 'break':
      case 'continue': {
        this.nextToken();
        this.advanceAfterBlockEnd(tok.value);
        return { kind: tok.value === 'break' ? 'Break' : 'Continue', line: tok.lineno, col: tok.colno };
      }
      case 'raw':
        return this.parseJinjaRaw();
      default:
        break;
    }
    if (UNSUPPORTED_TAGS[tok.value]) {
      this.failAt(tok, `'{% ${tok.value} %}' is not supported`, UNSUPPORTED_TAGS[tok.value]);
    }
    if (END_TAGS.has(tok.value)) {
      const open = this.openBlocks[this.openBlocks.length - 1];
      this.failAt(
        tok,
        `unexpected '{% ${tok.value} %}'`,
        open ? `the innermost open block is '{% ${open.tag} %}' from line ${open.line + 1}, closed by '{% ${open.ends} %}'` : 'no block is open here',
      );
    }
    this.failAt(
      tok,
      `unknown block tag '${tok.value}'`,
      "Jinja tags: if, for, set, macro, call, filter, do, with, break, continue, raw; dbt's test, snapshot, docs, materialization",
    );
  }

  private parseJinjaIf(): Stmt {
    const tag = this.nextToken()!;
    const block = this.open(tag, 'endif');
    const root: Stmt & { kind: 'If' } = { kind: 'If', line: tag.lineno, col: tag.colno, test: this.parseTuple(false), body: null as unknown as Body, else_: null };
    this.endOpeningTag('if');
    root.body = this.body('elif', 'else', 'endif');
    let current = root;
    for (;;) {
      const end = this.peekToken()!;
      if (end.value === 'elif') {
        this.nextToken();
        const branch: Stmt & { kind: 'If' } = { kind: 'If', line: end.lineno, col: end.colno, test: this.parseTuple(false), body: null as unknown as Body, else_: null };
        this.endOpeningTag('elif');
        branch.body = this.body('elif', 'else', 'endif');
        current.else_ = [branch];
        current = branch;
        continue;
      }
      if (end.value === 'else') {
        this.nextToken();
        this.endOpeningTag('else');
        current.else_ = this.body('endif');
      }
      this.endBlock(block);
      return root;
    }
  }

  private parseJinjaFor(): Stmt {
    const tag = this.nextToken()!;
    const target = this.parseTarget(false);
    const names = this.targetNames(target);
    if (names.includes('loop')) this.failAt(tag, "can't assign to the special 'loop' variable in a for-loop target");
    if (!this.skipSymbol('in')) this.failAt(this.peekToken(), `expected 'in' in the for loop, got ${describe(this.peekToken())}`);
    const iter = this.parseTuple(false, false, (tok) => this.isSymbol(tok, 'recursive'));
    const test = this.skipSymbol('if') ? this.parseExpr() : null;
    if (this.isSymbol(this.peekToken(), 'recursive')) this.failAt(this.peekToken(), "recursive for loops ('{% for … recursive %}') are not supported");
    this.endOpeningTag('for');
    const block = this.open(tag, 'endfor');
    const body = this.body('endfor', 'else');
    let else_: Body | null = null;
    if (this.peekToken()!.value === 'else') {
      this.nextToken();
      this.endOpeningTag('else');
      else_ = this.body('endfor');
    }
    this.endBlock(block);
    return { kind: 'For', line: tag.lineno, col: tag.colno, target, iter, test, body, else_ };
  }

  private parseJinjaSet(): Stmt {
    const tag = this.nextToken()!;
    const target = this.parseTarget(true);
    if (this.skipValue(Tok.OPERATOR, '=')) {
      const value = this.parseTuple();
      this.advanceAfterBlockEnd('set');
      return { kind: 'Set', line: tag.lineno, col: tag.colno, target, value };
    }
    if (target.kind === 'tuple') this.failAt(tag, 'a block set ({% set x %}…{% endset %}) assigns one name');
    const filter = this.peekToken()?.type === Tok.PIPE ? (this.parseFilterChain(null) as FilterExpr) : null;
    this.endOpeningTag('set');
    const block = this.open(tag, 'endset');
    const body = this.body('endset');
    this.endBlock(block);
    return { kind: 'SetBlock', line: tag.lineno, col: tag.colno, target, body, filter };
  }

  private parseJinjaMacro(): Stmt {
    const tag = this.nextToken()!;
    const name = this.expectName('a macro name').value;
    const params = this.parseSignature();
    this.endOpeningTag('macro');
    const block = this.open(tag, 'endmacro');
    const body = this.body('endmacro');
    this.endBlock(block);
    return { kind: 'Macro', line: tag.lineno, col: tag.colno, name, params, body };
  }

  private parseJinjaCallBlock(): Stmt {
    const tag = this.nextToken()!;
    const params = this.peekToken()?.type === Tok.LEFT_PAREN ? this.parseSignature() : [];
    const call = this.parseExpr();
    if (call.kind !== 'Call') this.failAt(tag, "expected a call in '{% call %}', e.g. {% call my_macro() %}");
    this.endOpeningTag('call');
    const block = this.open(tag, 'endcall');
    const body = this.body('endcall');
    this.endBlock(block);
    return { kind: 'CallBlock', line: tag.lineno, col: tag.colno, call, params, body };
  }

  private parseJinjaFilterBlock(): Stmt {
    const tag = this.nextToken()!;
    const filter = this.parseFilterChain(null, true) as FilterExpr;
    this.endOpeningTag('filter');
    const block = this.open(tag, 'endfilter');
    const body = this.body('endfilter');
    this.endBlock(block);
    return { kind: 'FilterBlock', line: tag.lineno, col: tag.colno, filter, body };
  }

  private parseJinjaDo(): Stmt {
    const tag = this.nextToken()!;
    const expr = this.parseTuple();
    this.advanceAfterBlockEnd('do');
    return { kind: 'Do', line: tag.lineno, col: tag.colno, expr };
  }

  private parseJinjaWith(): Stmt {
    const tag = this.nextToken()!;
    const targets: Target[] = [];
    const values: Expr[] = [];
    while (this.peekToken() && this.peekToken()!.type !== Tok.BLOCK_END) {
      if (targets.length) this.expectType(Tok.COMMA, "','");
      targets.push(this.parseTarget(false));
      if (!this.skipValue(Tok.OPERATOR, '=')) this.failAt(this.peekToken(), `expected '=' in '{% with %}', got ${describe(this.peekToken())}`);
      values.push(this.parseExpr());
    }
    this.endOpeningTag('with');
    const block = this.open(tag, 'endwith');
    const body = this.body('endwith');
    this.endBlock(block);
    return { kind: 'With', line: tag.lineno, col: tag.colno, targets, values, body };
  }

  /**
   * `{% raw %}…{% endraw %}`: the text up to the first endraw, untouched, less the whitespace a `-` on
   * either side strips. Jinja's lexer reads the opening tag whole: it may end in `%}` or `-%}` but not
   * `+%}` (then `raw` is an unknown tag); the endraw tag takes any sign.
   */
  private parseJinjaRaw(): Stmt {
    const tag = this.nextToken()!;
    const close = this.peekToken();
    if (close?.type === Tok.BLOCK_END && close.value === '+%}') {
      this.failAt(tag, "'{% raw +%}' is not valid Jinja: the raw tag ends with '%}' or '-%}'");
    }
    this.advanceAfterBlockEnd('raw');
    const lexer = this.lexer;
    const endRaw = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;
    endRaw.lastIndex = lexer.index;
    const end = endRaw.exec(lexer.str);
    if (!end) this.failAt(tag, "unclosed '{% raw %}': expected '{% endraw %}' before the end of the template");
    let text = lexer.str.slice(lexer.index, end.index);
    if (this.dropLeadingWhitespace) {
      text = stripLeadingSpace(text);
      this.dropLeadingWhitespace = false;
    }
    if (end[1] === '-') text = stripTrailingSpace(text);
    lexer.moveTo(end.index + end[0].length);
    if (end[2] === '-') this.dropLeadingWhitespace = true;
    return textNode(tag, text);
  }

  private parseSignature(): Param[] {
    this.expectType(Tok.LEFT_PAREN, "'('");
    const params: Param[] = [];
    while (this.peekToken()?.type !== Tok.RIGHT_PAREN) {
      if (params.length) this.expectType(Tok.COMMA, "','");
      if (this.peekToken()?.type === Tok.RIGHT_PAREN) break;
      const nameTok = this.expectName('a parameter name');
      // dbt allows typed parameters (`x: str`, `cols: List[str]`); the types are not checked.
      if (this.skip(Tok.COLON)) this.skipTypeName();
      let fallback: Expr | null = null;
      if (this.skipValue(Tok.OPERATOR, '=')) fallback = this.parseExpr();
      else if (params.some((p) => p.default)) this.failAt(nameTok, 'non-default argument follows default argument');
      params.push({ name: nameTok.value, default: fallback });
    }
    this.nextToken();
    return params;
  }

  private skipTypeName(): void {
    this.expectName('a type name');
    if (this.skip(Tok.LEFT_BRACKET)) {
      let first = true;
      while (this.peekToken()?.type !== Tok.RIGHT_BRACKET) {
        if (!first) this.expectType(Tok.COMMA, "','");
        this.skipTypeName();
        first = false;
      }
      this.nextToken();
    }
  }

  // ------------------------------------------------------------ assignment targets

  private parseTarget(withNamespace: boolean): Target {
    const first = this.parseTargetItem(withNamespace);
    if (this.peekToken()?.type !== Tok.COMMA) return first;
    const items = [first];
    while (this.skip(Tok.COMMA)) {
      const next = this.peekToken();
      if (this.isSymbol(next, 'in') || this.isOperator(next, '=') || next?.type === Tok.BLOCK_END) break;
      items.push(this.parseTargetItem(false));
    }
    return { kind: 'tuple', line: first.line, col: first.col, items };
  }

  private parseTargetItem(withNamespace: boolean): Target {
    const tok = this.peekToken();
    if (tok?.type === Tok.LEFT_PAREN) {
      this.nextToken();
      const inner = this.parseTarget(false);
      this.expectType(Tok.RIGHT_PAREN, "')'");
      return inner.kind === 'tuple' ? inner : { kind: 'tuple', line: inner.line, col: inner.col, items: [inner] };
    }
    if (tok && (tok.type === Tok.BOOLEAN || tok.type === Tok.NONE || ['True', 'False', 'None'].includes(tok.value))) {
      this.failAt(tok, `can't assign to '${tok.value}'`);
    }
    const name = this.expectName('a variable name');
    if (withNamespace && this.isOperator(this.peekToken(), '.')) {
      this.nextToken();
      const attr = this.expectName('an attribute name');
      return { kind: 'ns', line: name.lineno, col: name.colno, name: name.value, attr: attr.value };
    }
    return { kind: 'name', line: name.lineno, col: name.colno, name: name.value };
  }

  private targetNames(target: Target): string[] {
    if (target.kind === 'name') return [target.name];
    if (target.kind === 'tuple') return target.items.flatMap((t) => this.targetNames(t));
    return [];
  }

  // ------------------------------------------------------------ expressions

  /** The inside of `{{ … }}`: an expression, or an implicit tuple. */
  private parseExpression(): Expr {
    return this.parseTuple(true);
  }

  /** Jinja's parse_tuple: `a, b` is a tuple where a tuple may stand without parentheses. */
  private parseTuple(withCondexpr = true, explicitParens = false, extraEnd?: (tok: Token | null) => boolean): Expr {
    const start = this.peekToken();
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expectType(Tok.COMMA, "','");
      const tok = this.peekToken();
      if (!tok || tok.type === Tok.VARIABLE_END || tok.type === Tok.BLOCK_END || tok.type === Tok.RIGHT_PAREN || extraEnd?.(tok)) break;
      items.push(withCondexpr ? this.parseExpr() : this.parseOr());
      if (this.peekToken()?.type === Tok.COMMA) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length) return items[0];
      if (!explicitParens) this.failAt(this.peekToken(), `expected an expression, got ${describe(this.peekToken())}`);
    }
    return { kind: 'Tuple', line: start ? start.lineno : 0, col: start ? start.colno : 0, items };
  }

  private parseExpr(withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondExpr() : this.parseOr();
  }

  private parseCondExpr(): Expr {
    let expr = this.parseOr();
    while (this.skipSymbol('if')) {
      const test = this.parseOr();
      const else_ = this.skipSymbol('else') ? this.parseCondExpr() : null;
      expr = { kind: 'CondExpr', line: expr.line, col: expr.col, test, body: expr, else_ };
    }
    return expr;
  }

  private parseOr(): Expr {
    return this.parseOperators(OR);
  }

  /**
   * An expression whose operators bind at least as tightly as `level`, by precedence climbing: one
   * loop, where a function per level would take a dozen calls to reach each name or literal.
   */
  private parseOperators(level: number): Expr {
    let left: Expr;
    const first = this.peekToken();
    if (level <= NOT && this.isSymbol(first, 'not')) {
      this.nextToken();
      left = { kind: 'Unary', op: 'not', line: first!.lineno, col: first!.colno, operand: this.parseOperators(NOT) };
    } else left = this.parseUnary();
    for (;;) {
      const tok = this.peekToken();
      const opLevel = operatorLevel(tok);
      if (opLevel === 0 || opLevel < level) return left;
      if (opLevel === COMPARE) left = this.parseComparisons(left);
      else {
        this.nextToken();
        // Left-associative: the right operand only takes operators that bind tighter.
        left = { kind: 'Binary', op: tok!.value, line: left.line, col: left.col, left, right: this.parseOperators(opLevel + 1) };
      }
    }
  }

  /** `first < b <= c in d not in e`: one chained comparison. */
  private parseComparisons(first: Expr): Expr {
    const ops: Array<{ op: string; expr: Expr }> = [];
    for (;;) {
      const tok = this.peekToken();
      if (tok?.type === Tok.OPERATOR && COMPARE_OPS.has(tok.value)) {
        this.nextToken();
        ops.push({ op: tok.value, expr: this.parseOperators(SUM) });
      } else if (tok?.type === Tok.OPERATOR && (tok.value === '===' || tok.value === '!==')) {
        this.failAt(tok, `'${tok.value}' is not a Jinja operator`, `use '${tok.value.slice(0, 2)}'`);
      } else if (this.isSymbol(tok, 'in')) {
        this.nextToken();
        ops.push({ op: 'in', expr: this.parseOperators(SUM) });
      } else if (this.isSymbol(tok, 'not')) {
        this.nextToken();
        if (!this.skipSymbol('in')) this.failAt(this.peekToken(), `expected 'in' after 'not', got ${describe(this.peekToken())}`);
        ops.push({ op: 'notin', expr: this.parseOperators(SUM) });
      } else break;
    }
    return { kind: 'Compare', line: first.line, col: first.col, first, ops };
  }

  private parseUnary(withFilter = true): Expr {
    const tok = this.peekToken();
    let node: Expr;
    if (this.isOperator(tok, '-') || this.isOperator(tok, '+')) {
      this.nextToken();
      node = { kind: 'Unary', op: tok!.value as '-' | '+', line: tok!.lineno, col: tok!.colno, operand: this.parseUnary(false) };
    } else if (this.isOperator(tok, '!')) {
      this.failAt(tok, "'!' is not a Jinja operator", "use 'not'");
    } else node = this.parsePrimary();
    node = this.parsePostfixOps(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  private parsePrimary(): Expr {
    const tok = this.nextToken();
    if (!tok) this.failAt(null, 'unexpected end of template, expected an expression');
    const at = this.at(tok);
    switch (tok.type) {
      case Tok.SYMBOL:
        if (tok.value === 'True' || tok.value === 'False') return { kind: 'Const', line: at.line, col: at.col, value: tok.value === 'True' };
        if (tok.value === 'None') return { kind: 'Const', line: at.line, col: at.col, value: null };
        if (STARTS_WITH_DIGIT.test(tok.value)) {
          // `1_000` and `1e16` reach us as names.
          if (DIGITS.test(tok.value)) return this.intConst(tok.value.replace(/_/g, ''), at);
          return this.exponentFloat(tok, tok.value);
        }
        if (!isIdentifier(tok.value)) this.failAt(tok, `unexpected '${tok.value}'`);
        return { kind: 'Name', line: at.line, col: at.col, name: tok.value };
      case Tok.BOOLEAN:
        return { kind: 'Const', line: at.line, col: at.col, value: tok.value === 'true' };
      case Tok.NONE:
        // Jinja knows `none`; `null` is an ordinary (usually undefined) name there.
        return tok.value === 'null' ? { kind: 'Name', line: at.line, col: at.col, name: 'null' } : { kind: 'Const', line: at.line, col: at.col, value: null };
      case Tok.STRING: {
        let value = tok.value;
        while (this.peekToken()?.type === Tok.STRING) value += this.nextToken()!.value;
        return { kind: 'Const', line: at.line, col: at.col, value };
      }
      case Tok.INT:
        return this.intConst(tok.value, at);
      case Tok.FLOAT: {
        if (tok.value.endsWith('.')) this.failAt(tok, `invalid number '${tok.value}'`);
        // `1.5e3` reaches us as `1.5` and `e3` (or `e` `-` `3`) side by side.
        const next = this.peekToken();
        if (next && next.type === Tok.SYMBOL && /^e/i.test(next.value) && next.lineno === tok.lineno && next.colno === tok.colno + tok.value.length) {
          this.nextToken();
          return this.exponentFloat(tok, tok.value + next.value);
        }
        return { kind: 'Const', line: at.line, col: at.col, value: parseFloat(tok.value), float: true };
      }
      case Tok.LEFT_PAREN: {
        const inner = this.parseTuple(true, true);
        this.expectType(Tok.RIGHT_PAREN, "')'");
        return inner;
      }
      case Tok.LEFT_BRACKET:
        return this.parseList(at);
      case Tok.LEFT_CURLY:
        return this.parseDict(at);
      case Tok.REGEX:
        this.failAt(tok, "regular expression literals (r/…/) are not Jinja");
      // falls through (failAt never returns)
      default:
        this.failAt(tok, `unexpected ${describe(tok)}`);
    }
  }

  /** A float with an exponent (`1e16`, `2.5e-3`): the tokenizer splits it at the sign. */
  private exponentFloat(first: Token, text: string): Expr {
    let literal = text;
    if (/e$/i.test(literal)) {
      const sign = this.peekToken();
      if (this.isOperator(sign, '-') || this.isOperator(sign, '+')) {
        this.nextToken();
        const digits = this.nextToken();
        if (!digits || digits.type !== Tok.INT) this.failAt(digits, `invalid number '${literal}${sign!.value}'`);
        literal += sign!.value + digits.value;
      }
    }
    if (!EXPONENT_FLOAT.test(literal)) this.failAt(first, `invalid number '${literal}'`);
    return { kind: 'Const', line: first.lineno, col: first.colno, value: Number(literal.replace(/_/g, '')), float: true };
  }

  private intConst(text: string, at: At): Expr {
    // Up to 15 digits is always a safe integer; longer literals may need a BigInt.
    if (text.length <= 15) return { kind: 'Const', line: at.line, col: at.col, value: Number(text) };
    const big = BigInt(text);
    return { kind: 'Const', line: at.line, col: at.col, value: big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big };
  }

  private parseList(at: At): Expr {
    const items: Expr[] = [];
    while (this.peekToken()?.type !== Tok.RIGHT_BRACKET) {
      if (items.length) this.expectType(Tok.COMMA, "','");
      if (this.peekToken()?.type === Tok.RIGHT_BRACKET) break;
      items.push(this.parseExpr());
    }
    this.expectType(Tok.RIGHT_BRACKET, "']'");
    return { kind: 'List', line: at.line, col: at.col, items };
  }

  private parseDict(at: At): Expr {
    const pairs: Array<[Expr, Expr]> = [];
    while (this.peekToken()?.type !== Tok.RIGHT_CURLY) {
      if (pairs.length) this.expectType(Tok.COMMA, "','");
      if (this.peekToken()?.type === Tok.RIGHT_CURLY) break;
      const key = this.parseExpr();
      this.expectType(Tok.COLON, "':'");
      pairs.push([key, this.parseExpr()]);
    }
    this.expectType(Tok.RIGHT_CURLY, "'}'");
    return { kind: 'Dict', line: at.line, col: at.col, pairs };
  }

  /** `.name`, `.0`, `[key]`, `[a:b]` and calls. */
  private parsePostfixOps(node: Expr): Expr {
    for (;;) {
      const tok = this.peekToken();
      if (this.isOperator(tok, '.')) {
        this.nextToken();
        const attr = this.nextToken();
        if (attr && (attr.type === Tok.SYMBOL || attr.type === Tok.BOOLEAN || attr.type === Tok.NONE) && isIdentifier(attr.value)) {
          node = { kind: 'GetAttr', line: tok!.lineno, col: tok!.colno, target: node, name: attr.value };
        } else if (attr && attr.type === Tok.INT) {
          node = { kind: 'GetItem', line: tok!.lineno, col: tok!.colno, target: node, key: this.intConst(attr.value, this.at(attr)) };
        } else if (attr && attr.type === Tok.FLOAT && /^\d+\.\d*$/.test(attr.value)) {
          // The tokenizer reads `xs.0.name` as `xs` `.` `0.` `name`, and `xs.0.1` as `xs` `.` `0.1`.
          const [first, second] = attr.value.split('.');
          node = { kind: 'GetItem', line: tok!.lineno, col: tok!.colno, target: node, key: this.intConst(first, this.at(attr)) };
          if (second) node = { kind: 'GetItem', line: tok!.lineno, col: tok!.colno, target: node, key: this.intConst(second, this.at(attr)) };
          else {
            const name = this.nextToken();
            if (!name || name.type !== Tok.SYMBOL || !isIdentifier(name.value)) this.failAt(name, `expected an attribute name after '.', got ${describe(name)}`);
            node = { kind: 'GetAttr', line: tok!.lineno, col: tok!.colno, target: node, name: name.value };
          }
        } else this.failAt(attr, `expected an attribute name after '.', got ${describe(attr)}`);
      } else if (tok?.type === Tok.LEFT_BRACKET) {
        this.nextToken();
        node = this.parseSubscript(node, tok);
      } else if (tok?.type === Tok.LEFT_PAREN) {
        node = { kind: 'Call', line: tok.lineno, col: tok.colno, fn: node, call: this.parseCallArgs() };
      } else return node;
    }
  }

  private parseSubscript(target: Expr, open: Token): Expr {
    const at = this.at(open);
    const isColon = (): boolean => this.peekToken()?.type === Tok.COLON;
    const isEnd = (): boolean => this.peekToken()?.type === Tok.RIGHT_BRACKET || this.peekToken()?.type === Tok.COMMA;
    let start: Expr | null = null;
    if (!isColon()) {
      start = this.parseExpr();
      if (!isColon()) {
        if (this.peekToken()?.type === Tok.COMMA) this.failAt(this.peekToken(), 'tuple subscripts (x[a, b]) are not supported');
        this.expectType(Tok.RIGHT_BRACKET, "']'");
        return { kind: 'GetItem', line: at.line, col: at.col, target, key: start };
      }
    }
    this.nextToken();
    const stop = isColon() || isEnd() ? null : this.parseExpr();
    let step: Expr | null = null;
    if (isColon()) {
      this.nextToken();
      step = isEnd() ? null : this.parseExpr();
    }
    this.expectType(Tok.RIGHT_BRACKET, "']'");
    return { kind: 'Slice', line: at.line, col: at.col, target, start, stop, step };
  }

  private parseCallArgs(): CallArgs {
    const open = this.expectType(Tok.LEFT_PAREN, "'('");
    // Most calls have no keyword arguments: they share one empty list (the AST is never changed).
    const call: CallArgs = { args: [], kwargs: NO_KWARG_EXPRS, starArgs: null, starKwargs: null };
    const invalid = (): never => this.failAt(open, 'invalid syntax for function call expression');
    let needComma = false;
    while (this.peekToken()?.type !== Tok.RIGHT_PAREN) {
      if (needComma) {
        this.expectType(Tok.COMMA, "',' or ')'");
        if (this.peekToken()?.type === Tok.RIGHT_PAREN) break;
      }
      const tok = this.peekToken();
      if (this.isOperator(tok, '*')) {
        if (call.starArgs || call.starKwargs) invalid();
        this.nextToken();
        call.starArgs = this.parseExpr();
      } else if (this.isOperator(tok, '**')) {
        if (call.starKwargs) invalid();
        this.nextToken();
        call.starKwargs = this.parseExpr();
      } else {
        const expr = this.parseExpr();
        if (this.isOperator(this.peekToken(), '=')) {
          if (expr.kind !== 'Name' || call.starKwargs) invalid();
          this.nextToken();
          if (call.kwargs === NO_KWARG_EXPRS) call.kwargs = [];
          call.kwargs.push([(expr as Expr & { kind: 'Name' }).name, this.parseExpr()]);
        } else {
          if (call.starArgs || call.starKwargs || call.kwargs.length) invalid();
          call.args.push(expr);
        }
      }
      needComma = true;
    }
    this.nextToken();
    return call;
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      const tok = this.peekToken();
      if (tok?.type === Tok.PIPE) node = this.parseFilterChain(node) as Expr;
      else if (this.isSymbol(tok, 'is')) node = this.parseTest(node);
      else if (tok?.type === Tok.LEFT_PAREN) node = { kind: 'Call', line: tok.lineno, col: tok.colno, fn: node, call: this.parseCallArgs() };
      else return node;
    }
  }

  /** `| name(args) | other`; with `startInline` the first name has no pipe (`{% filter upper %}`). */
  private parseFilterChain(target: Expr | null, startInline = false): Expr | FilterExpr {
    let node: Expr | FilterExpr | null = target;
    while (this.peekToken()?.type === Tok.PIPE || startInline) {
      if (!startInline) this.nextToken();
      startInline = false;
      const nameTok = this.expectName('a filter name');
      let name = nameTok.value;
      while (this.isOperator(this.peekToken(), '.')) {
        this.nextToken();
        name += `.${this.expectName('a filter name').value}`;
      }
      const call = this.peekToken()?.type === Tok.LEFT_PAREN ? this.parseCallArgs() : NO_CALL_ARGS;
      node = { kind: 'Filter', line: nameTok.lineno, col: nameTok.colno, target: node as Expr | null, name, call };
    }
    return node as Expr | FilterExpr;
  }

  private parseTest(node: Expr): Expr {
    const isTok = this.nextToken()!;
    const negated = this.skipSymbol('not');
    const nameTok = this.nextToken();
    if (!nameTok || !(nameTok.type === Tok.SYMBOL || nameTok.type === Tok.NONE || nameTok.type === Tok.BOOLEAN)) {
      this.failAt(nameTok, `expected a test name after 'is', got ${describe(nameTok)}`);
    }
    let name = nameTok.value;
    while (this.isOperator(this.peekToken(), '.')) {
      this.nextToken();
      name += `.${this.expectName('a test name').value}`;
    }
    let call = NO_CALL_ARGS;
    const next = this.peekToken();
    if (next?.type === Tok.LEFT_PAREN) call = this.parseCallArgs();
    else if (
      next &&
      TEST_ARGUMENT_STARTS.has(next.type) &&
      !(next.type === Tok.SYMBOL && ['else', 'or', 'and'].includes(next.value))
    ) {
      if (this.isSymbol(next, 'is')) this.failAt(next, 'you cannot chain multiple tests with is');
      call = { args: [this.parsePostfixOps(this.parsePrimary())], kwargs: NO_KWARG_EXPRS, starArgs: null, starKwargs: null };
    }
    const test: Expr = { kind: 'Test', line: isTok.lineno, col: isTok.colno, target: node, name, args: call };
    return negated ? { kind: 'Unary', op: 'not', line: isTok.lineno, col: isTok.colno, operand: test } : test;
  }
}

/** Parses a (preprocessed, newline-normalized) template into its statement list. */
export function parseTemplate(source: string): Body {
  return new JinjaParser(new Lexer(source)).parseRoot();
}
