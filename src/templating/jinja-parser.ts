/**
 * Jinja's grammar on nunjucks' tokenizer. We extend nunjucks' Parser for its token plumbing, its
 * template-data and whitespace-control handling (`parseNodes`, `{%-`/`-%}`), and replace everything
 * that differs from Jinja: operator precedence (`~` binds looser than `*` but tighter than `+`, `is`
 * binds like a filter), tuples, `for … if`, `set ns.attr`, tuple targets, `*args`/`**kwargs` in
 * calls, `do`/`with`/`break`/`continue`, Python string escapes and literal names
 * (`True`/`None`). Statements and expressions become the plain nodes below, which the
 * interpreter (jinja-interpreter.ts) runs.
 */
import { NunjucksParserClass, lexer, type NunjucksNode, type NunjucksParser, type Token, type Tokenizer } from './nunjucks-internals.js';

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

/** A statement body: nunjucks' NodeList of our statements and its Output/TemplateData nodes. */
export type Body = NunjucksNode & { children: Stmt[] };

export type Stmt =
  | (NunjucksNode & { typename: 'Output'; kind?: undefined; children: Array<NunjucksNode | Expr> })
  | (At & { kind: 'If'; test: Expr; body: Body; else_: Body | Stmt | null; typename?: undefined })
  | (At & { kind: 'For'; target: Target; iter: Expr; test: Expr | null; body: Body; else_: Body | null; typename?: undefined })
  | (At & { kind: 'Set'; target: Target; value: Expr; typename?: undefined })
  | (At & { kind: 'SetBlock'; target: Target; body: Body; filter: FilterExpr | null; typename?: undefined })
  | (At & { kind: 'Macro'; name: string; params: Param[]; body: Body; typename?: undefined })
  | (At & { kind: 'CallBlock'; call: CallExpr; params: Param[]; body: Body; typename?: undefined })
  | (At & { kind: 'FilterBlock'; filter: FilterExpr; body: Body; typename?: undefined })
  | (At & { kind: 'Do'; expr: Expr; typename?: undefined })
  | (At & { kind: 'With'; targets: Target[]; values: Expr[]; body: Body; typename?: undefined })
  | (At & { kind: 'Break' | 'Continue'; typename?: undefined });

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

const T = lexer;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
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

function describe(tok: Token | null): string {
  if (!tok) return 'end of template';
  if (tok.type === T.TOKEN_BLOCK_END) return "'%}'";
  if (tok.type === T.TOKEN_VARIABLE_END) return "'}}'";
  if (tok.type === T.TOKEN_STRING) return 'string';
  return `'${tok.value}'`;
}

/** Python's string escapes: \n \t \xNN \uNNNN…; unknown escapes keep their backslash (`'\d'`). */
function parsePythonString(tokens: Tokenizer, delimiter: string): string {
  tokens.forward();
  let out = '';
  while (!tokens.isFinished() && tokens.current() !== delimiter) {
    const ch = tokens.current();
    if (ch !== '\\') {
      out += ch;
      tokens.forward();
      continue;
    }
    tokens.forward();
    const esc = tokens.current();
    tokens.forward();
    const hex = (n: number): string => {
      let digits = '';
      for (let i = 0; i < n && /[0-9a-fA-F]/.test(tokens.current()); i++) {
        digits += tokens.current();
        tokens.forward();
      }
      if (digits.length !== n) throw new TemplateSyntaxError(`truncated \\${esc} escape in string`, tokens.lineno + 1, tokens.colno + 1);
      return String.fromCodePoint(parseInt(digits, 16));
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
        if (/[0-7]/.test(esc)) {
          let digits = esc;
          while (digits.length < 3 && /[0-7]/.test(tokens.current())) {
            digits += tokens.current();
            tokens.forward();
          }
          out += String.fromCodePoint(parseInt(digits, 8));
        } else out += `\\${esc}`;
    }
  }
  if (tokens.isFinished()) throw new TemplateSyntaxError('unterminated string literal', tokens.lineno + 1, tokens.colno + 1);
  tokens.forward();
  return out;
}

/** Template text, as nunjucks' parser represents it (an Output holding TemplateData). */
function textNode(tok: Token, text: string): NunjucksNode {
  return { typename: 'Output', lineno: tok.lineno, colno: tok.colno, children: [{ typename: 'TemplateData', lineno: tok.lineno, colno: tok.colno, value: text }] };
}

// ---------------------------------------------------------------- a faster tokenizer

/** Moves the tokenizer over `count` characters, keeping its line and column. */
function advance(tokens: Tokenizer, count: number): void {
  const { str, index } = tokens;
  let newline = -1;
  let lines = 0;
  for (let i = index; i < index + count; i++) {
    if (str.charCodeAt(i) === 10) {
      lines++;
      newline = i;
    }
  }
  tokens.index = index + count;
  if (newline < 0) tokens.colno += count;
  else {
    tokens.lineno += lines;
    tokens.colno = index + count - newline - 1;
  }
}

/**
 * nunjucks' tokenizer walks text one character at a time; template text (the SQL) is most of a
 * model, so text between tags is cut with one search instead. Tokens are the same as nunjucks'
 * (data, `{%`/`{%-`, `{{`/`{{-`, comments); unlike nunjucks, a stray `#}` in text is text, as in Jinja.
 */
function dataToken(tokens: Tokenizer): Token | null {
  const { str, index } = tokens;
  if (index >= str.length) return null;
  const lineno = tokens.lineno;
  const colno = tokens.colno;
  if (str.charCodeAt(index) === 123 /* { */) {
    const kind = str[index + 1];
    if (kind === '%' || kind === '{') {
      const value = str[index + 2] === '-' ? `{${kind}-` : `{${kind}`;
      advance(tokens, value.length);
      tokens.in_code = true;
      return { type: kind === '%' ? T.TOKEN_BLOCK_START : T.TOKEN_VARIABLE_START, value, lineno, colno };
    }
    if (kind === '#') {
      const end = str.indexOf('#}', index + 2);
      if (end < 0) throw new TemplateSyntaxError('unclosed comment: expected #} before the end of the template', lineno + 1, colno + 1);
      const value = str.slice(index, end + 2);
      advance(tokens, value.length);
      return { type: T.TOKEN_COMMENT, value, lineno, colno };
    }
  }
  let end = index + 1;
  for (;;) {
    end = str.indexOf('{', end);
    if (end < 0) {
      end = str.length;
      break;
    }
    const kind = str[end + 1];
    if (kind === '%' || kind === '{' || kind === '#') break;
    end++;
  }
  const value = str.slice(index, end);
  advance(tokens, value.length);
  return { type: T.TOKEN_DATA, value, lineno, colno };
}

/** Bulk versions of the tokenizer's per-character helpers, on this instance. */
function speedUpTokenizer(tokens: Tokenizer): void {
  const t = tokens as Tokenizer & {
    _extractMatching(breakOnMatch: boolean, chars: string): string | null;
    forwardN(n: number): void;
  };
  t.forwardN = (n: number) => advance(tokens, n);
  (t as unknown as { _matches(text: string): boolean })._matches = (text: string) => tokens.str.startsWith(text, tokens.index);
  t._extractMatching = (breakOnMatch: boolean, chars: string) => {
    const { str, index } = tokens;
    if (index >= str.length) return null;
    let end = index;
    while (end < str.length && chars.includes(str[end]) !== breakOnMatch) end++;
    if (end === index) return '';
    advance(tokens, end - index);
    return str.slice(index, end);
  };
}

// ---------------------------------------------------------------- the parser

interface OpenBlock {
  tag: string;
  line: number;
  col: number;
  ends: string;
}

const BaseParser = NunjucksParserClass as unknown as new (tokens: Tokenizer) => NunjucksParser;

export class JinjaParser extends BaseParser {
  private openBlocks!: OpenBlock[];

  constructor(tokens: Tokenizer) {
    super(tokens);
    this.openBlocks = [];
    // Python string semantics for string literals, on this tokenizer only.
    tokens._parseString = (delimiter: string) => parsePythonString(tokens, delimiter);
    speedUpTokenizer(tokens);
    // Like Jinja's lexer, `}}` inside open brackets closes a dict (`{{ f({'a': {'b': 1}}) }}`), not
    // the expression; nunjucks' tokenizer would end the expression there.
    const next = tokens.nextToken.bind(tokens);
    let depth = 0;
    tokens.nextToken = () => {
      if (!tokens.in_code) return dataToken(tokens);
      if (depth > 0 && tokens.str.startsWith('}}', tokens.index)) {
        const tok = { type: T.TOKEN_RIGHT_CURLY, value: '}', lineno: tokens.lineno, colno: tokens.colno };
        tokens.forward();
        depth--;
        return tok;
      }
      const tok = next();
      if (tok) {
        if (tok.type === T.TOKEN_LEFT_CURLY || tok.type === T.TOKEN_LEFT_PAREN || tok.type === T.TOKEN_LEFT_BRACKET) depth++;
        else if (tok.type === T.TOKEN_RIGHT_CURLY || tok.type === T.TOKEN_RIGHT_PAREN || tok.type === T.TOKEN_RIGHT_BRACKET) depth = Math.max(0, depth - 1);
        else if (tok.type === T.TOKEN_VARIABLE_END || tok.type === T.TOKEN_BLOCK_END) depth = 0;
      }
      return tok;
    };
  }

  // ------------------------------------------------------------ plumbing

  override error(msg: string, lineno?: number, colno?: number): Error {
    if (lineno === undefined || colno === undefined) {
      const tok = this.peekToken();
      lineno = tok ? tok.lineno : this.tokens.lineno;
      colno = tok ? tok.colno : this.tokens.colno;
    }
    return new TemplateSyntaxError(msg, lineno + 1, colno + 1);
  }

  override fail(msg: string, lineno?: number, colno?: number): never {
    throw this.error(msg, lineno, colno);
  }

  private failAt(tok: Token | null, msg: string, hint?: string): never {
    const line = tok ? tok.lineno : this.tokens.lineno;
    const col = tok ? tok.colno : this.tokens.colno;
    throw new TemplateSyntaxError(msg, line + 1, col + 1, hint);
  }

  private at(tok: Token): At {
    return { line: tok.lineno, col: tok.colno };
  }

  private isSymbol(tok: Token | null, value?: string): boolean {
    return !!tok && tok.type === T.TOKEN_SYMBOL && (value === undefined || tok.value === value);
  }

  private isOperator(tok: Token | null, value: string): boolean {
    return !!tok && tok.type === T.TOKEN_OPERATOR && tok.value === value;
  }

  private expectType(type: string, what: string): Token {
    const tok = this.nextToken();
    if (!tok || tok.type !== type) this.failAt(tok, `expected ${what}, got ${describe(tok)}`);
    return tok;
  }

  private expectName(what = 'a name'): Token {
    const tok = this.nextToken();
    if (!tok || tok.type !== T.TOKEN_SYMBOL || !IDENTIFIER.test(tok.value)) this.failAt(tok, `expected ${what}, got ${describe(tok)}`);
    return tok;
  }

  /** Ends the opening tag of a block; Jinja allows a Python-style colon before `%}`. */
  private endOpeningTag(name: string): void {
    this.skip(T.TOKEN_COLON);
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
   * The template-level loop (text, `{{ }}`, `{% %}`, comments) with nunjucks' whitespace control,
   * building plain nodes (nunjucks' node classes are slow to construct).
   */
  override parseNodes(): unknown[] {
    const nodes: unknown[] = [];
    for (let tok = this.nextToken(); tok; tok = this.nextToken()) {
      if (tok.type === T.TOKEN_DATA) {
        let data = tok.value;
        if (this.dropLeadingWhitespace) {
          data = data.replace(/^\s*/, '');
          this.dropLeadingWhitespace = false;
        }
        const next = this.peekToken();
        if (
          next &&
          ((next.type === T.TOKEN_BLOCK_START && next.value.endsWith('-')) ||
            ((next.type === T.TOKEN_VARIABLE_START || next.type === T.TOKEN_COMMENT) && next.value.charAt(2) === '-'))
        ) {
          data = data.replace(/\s*$/, '');
        }
        if (data) nodes.push(textNode(tok, data));
      } else if (tok.type === T.TOKEN_BLOCK_START) {
        this.dropLeadingWhitespace = false;
        const statement = this.parseStatement();
        if (!statement) break;
        nodes.push(statement);
      } else if (tok.type === T.TOKEN_VARIABLE_START) {
        const expr = this.parseExpression();
        this.dropLeadingWhitespace = false;
        this.advanceAfterVariableEnd();
        nodes.push({ typename: 'Output', lineno: tok.lineno, colno: tok.colno, children: [expr] });
      } else if (tok.type === T.TOKEN_COMMENT) {
        this.dropLeadingWhitespace = tok.value.charAt(tok.value.length - 3) === '-';
      } else this.failAt(tok, `unexpected ${describe(tok)}`);
    }
    return nodes;
  }

  override parseUntilBlocks(...names: string[]): NunjucksNode {
    const body = super.parseUntilBlocks(...names);
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

  private body(...names: string[]): Body {
    return this.parseUntilBlocks(...names) as Body;
  }

  // ------------------------------------------------------------ statements

  /** Called by nunjucks' parseNodes after `{%`; returns null at the end tag it is waiting for. */
  parseStatement(): Stmt | NunjucksNode | null {
    const tok = this.peekToken();
    if (!tok) this.fail('expected a tag name after {%, got end of template');
    if (tok.type !== T.TOKEN_SYMBOL) this.failAt(tok, `expected a tag name after '{%', got ${describe(tok)}`);
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
        return { kind: tok.value === 'break' ? 'Break' : 'Continue', ...this.at(tok) };
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
    const root: Stmt & { kind: 'If' } = { kind: 'If', ...this.at(tag), test: this.parseTuple(false), body: null as unknown as Body, else_: null };
    this.endOpeningTag('if');
    root.body = this.body('elif', 'else', 'endif');
    let current = root;
    for (;;) {
      const end = this.peekToken()!;
      if (end.value === 'elif') {
        this.nextToken();
        const branch: Stmt & { kind: 'If' } = { kind: 'If', ...this.at(end), test: this.parseTuple(false), body: null as unknown as Body, else_: null };
        this.endOpeningTag('elif');
        branch.body = this.body('elif', 'else', 'endif');
        current.else_ = branch;
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
    return { kind: 'For', ...this.at(tag), target, iter, test, body, else_ };
  }

  private parseJinjaSet(): Stmt {
    const tag = this.nextToken()!;
    const target = this.parseTarget(true);
    if (this.skipValue(T.TOKEN_OPERATOR, '=')) {
      const value = this.parseTuple();
      this.advanceAfterBlockEnd('set');
      return { kind: 'Set', ...this.at(tag), target, value };
    }
    if (target.kind === 'tuple') this.failAt(tag, 'a block set ({% set x %}…{% endset %}) assigns one name');
    const filter = this.peekToken()?.type === T.TOKEN_PIPE ? (this.parseFilterChain(null) as FilterExpr) : null;
    this.endOpeningTag('set');
    const block = this.open(tag, 'endset');
    const body = this.body('endset');
    this.endBlock(block);
    return { kind: 'SetBlock', ...this.at(tag), target, body, filter };
  }

  private parseJinjaMacro(): Stmt {
    const tag = this.nextToken()!;
    const name = this.expectName('a macro name').value;
    const params = this.parseSignature();
    this.endOpeningTag('macro');
    const block = this.open(tag, 'endmacro');
    const body = this.body('endmacro');
    this.endBlock(block);
    return { kind: 'Macro', ...this.at(tag), name, params, body };
  }

  private parseJinjaCallBlock(): Stmt {
    const tag = this.nextToken()!;
    const params = this.peekToken()?.type === T.TOKEN_LEFT_PAREN ? this.parseSignature() : [];
    const call = this.parseExpr();
    if (call.kind !== 'Call') this.failAt(tag, "expected a call in '{% call %}', e.g. {% call my_macro() %}");
    this.endOpeningTag('call');
    const block = this.open(tag, 'endcall');
    const body = this.body('endcall');
    this.endBlock(block);
    return { kind: 'CallBlock', ...this.at(tag), call, params, body };
  }

  private parseJinjaFilterBlock(): Stmt {
    const tag = this.nextToken()!;
    const filter = this.parseFilterChain(null, true) as FilterExpr;
    this.endOpeningTag('filter');
    const block = this.open(tag, 'endfilter');
    const body = this.body('endfilter');
    this.endBlock(block);
    return { kind: 'FilterBlock', ...this.at(tag), filter, body };
  }

  private parseJinjaDo(): Stmt {
    const tag = this.nextToken()!;
    const expr = this.parseTuple();
    this.advanceAfterBlockEnd('do');
    return { kind: 'Do', ...this.at(tag), expr };
  }

  private parseJinjaWith(): Stmt {
    const tag = this.nextToken()!;
    const targets: Target[] = [];
    const values: Expr[] = [];
    while (this.peekToken() && this.peekToken()!.type !== T.TOKEN_BLOCK_END) {
      if (targets.length) this.expectType(T.TOKEN_COMMA, "','");
      targets.push(this.parseTarget(false));
      if (!this.skipValue(T.TOKEN_OPERATOR, '=')) this.failAt(this.peekToken(), `expected '=' in '{% with %}', got ${describe(this.peekToken())}`);
      values.push(this.parseExpr());
    }
    this.endOpeningTag('with');
    const block = this.open(tag, 'endwith');
    const body = this.body('endwith');
    this.endBlock(block);
    return { kind: 'With', ...this.at(tag), targets, values, body };
  }

  /** `{% raw %}…{% endraw %}`: text up to the first endraw, honouring `-` on either tag. */
  private parseJinjaRaw(): NunjucksNode {
    const tag = this.nextToken()!;
    this.advanceAfterBlockEnd('raw');
    const tokens = this.tokens;
    const rest = tokens.str.slice(tokens.index);
    const end = /\{%(-?)\s*endraw\s*(-?)%\}/.exec(rest);
    if (!end) this.failAt(tag, "unclosed '{% raw %}': expected '{% endraw %}' before the end of the template");
    let text = rest.slice(0, end.index);
    if (this.dropLeadingWhitespace) {
      text = text.replace(/^\s*/, '');
      this.dropLeadingWhitespace = false;
    }
    if (end[1]) text = text.replace(/\s*$/, '');
    tokens.forwardN(end.index + end[0].length);
    tokens.in_code = false;
    if (end[2]) this.dropLeadingWhitespace = true;
    return textNode(tag, text);
  }

  private parseSignature(): Param[] {
    this.expectType(T.TOKEN_LEFT_PAREN, "'('");
    const params: Param[] = [];
    while (this.peekToken()?.type !== T.TOKEN_RIGHT_PAREN) {
      if (params.length) this.expectType(T.TOKEN_COMMA, "','");
      if (this.peekToken()?.type === T.TOKEN_RIGHT_PAREN) break;
      const nameTok = this.expectName('a parameter name');
      // dbt allows typed parameters (`x: str`, `cols: List[str]`); the types are not checked.
      if (this.skip(T.TOKEN_COLON)) this.skipTypeName();
      let fallback: Expr | null = null;
      if (this.skipValue(T.TOKEN_OPERATOR, '=')) fallback = this.parseExpr();
      else if (params.some((p) => p.default)) this.failAt(nameTok, 'non-default argument follows default argument');
      params.push({ name: nameTok.value, default: fallback });
    }
    this.nextToken();
    return params;
  }

  private skipTypeName(): void {
    this.expectName('a type name');
    if (this.skip(T.TOKEN_LEFT_BRACKET)) {
      let first = true;
      while (this.peekToken()?.type !== T.TOKEN_RIGHT_BRACKET) {
        if (!first) this.expectType(T.TOKEN_COMMA, "','");
        this.skipTypeName();
        first = false;
      }
      this.nextToken();
    }
  }

  // ------------------------------------------------------------ assignment targets

  private parseTarget(withNamespace: boolean): Target {
    const first = this.parseTargetItem(withNamespace);
    if (this.peekToken()?.type !== T.TOKEN_COMMA) return first;
    const items = [first];
    while (this.skip(T.TOKEN_COMMA)) {
      const next = this.peekToken();
      if (this.isSymbol(next, 'in') || this.isOperator(next, '=') || next?.type === T.TOKEN_BLOCK_END) break;
      items.push(this.parseTargetItem(false));
    }
    return { kind: 'tuple', line: first.line, col: first.col, items };
  }

  private parseTargetItem(withNamespace: boolean): Target {
    const tok = this.peekToken();
    if (tok?.type === T.TOKEN_LEFT_PAREN) {
      this.nextToken();
      const inner = this.parseTarget(false);
      this.expectType(T.TOKEN_RIGHT_PAREN, "')'");
      return inner.kind === 'tuple' ? inner : { kind: 'tuple', line: inner.line, col: inner.col, items: [inner] };
    }
    if (tok && (tok.type === T.TOKEN_BOOLEAN || tok.type === T.TOKEN_NONE || ['True', 'False', 'None'].includes(tok.value))) {
      this.failAt(tok, `can't assign to '${tok.value}'`);
    }
    const name = this.expectName('a variable name');
    if (withNamespace && this.isOperator(this.peekToken(), '.')) {
      this.nextToken();
      const attr = this.expectName('an attribute name');
      return { kind: 'ns', ...this.at(name), name: name.value, attr: attr.value };
    }
    return { kind: 'name', ...this.at(name), name: name.value };
  }

  private targetNames(target: Target): string[] {
    if (target.kind === 'name') return [target.name];
    if (target.kind === 'tuple') return target.items.flatMap((t) => this.targetNames(t));
    return [];
  }

  // ------------------------------------------------------------ expressions

  /** What nunjucks' parseNodes calls for `{{ … }}`: an expression, or an implicit tuple. */
  parseExpression(): Expr {
    return this.parseTuple(true);
  }

  /** Jinja's parse_tuple: `a, b` is a tuple where a tuple may stand without parentheses. */
  private parseTuple(withCondexpr = true, explicitParens = false, extraEnd?: (tok: Token | null) => boolean): Expr {
    const start = this.peekToken();
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expectType(T.TOKEN_COMMA, "','");
      const tok = this.peekToken();
      if (!tok || tok.type === T.TOKEN_VARIABLE_END || tok.type === T.TOKEN_BLOCK_END || tok.type === T.TOKEN_RIGHT_PAREN || extraEnd?.(tok)) break;
      items.push(withCondexpr ? this.parseExpr() : this.parseOr());
      if (this.peekToken()?.type === T.TOKEN_COMMA) isTuple = true;
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
    let left = this.parseAnd();
    while (this.skipSymbol('or')) left = { kind: 'Binary', op: 'or', line: left.line, col: left.col, left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.skipSymbol('and')) left = { kind: 'Binary', op: 'and', line: left.line, col: left.col, left, right: this.parseNot() };
    return left;
  }

  private parseNot(): Expr {
    const tok = this.peekToken();
    if (this.isSymbol(tok, 'not')) {
      this.nextToken();
      return { kind: 'Unary', op: 'not', ...this.at(tok!), operand: this.parseNot() };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const first = this.parseMath1();
    const ops: Array<{ op: string; expr: Expr }> = [];
    for (;;) {
      const tok = this.peekToken();
      if (tok?.type === T.TOKEN_OPERATOR && COMPARE_OPS.has(tok.value)) {
        this.nextToken();
        ops.push({ op: tok.value, expr: this.parseMath1() });
      } else if (tok?.type === T.TOKEN_OPERATOR && (tok.value === '===' || tok.value === '!==')) {
        this.failAt(tok, `'${tok.value}' is not a Jinja operator`, `use '${tok.value.slice(0, 2)}'`);
      } else if (this.isSymbol(tok, 'in')) {
        this.nextToken();
        ops.push({ op: 'in', expr: this.parseMath1() });
      } else if (this.isSymbol(tok, 'not')) {
        this.nextToken();
        if (!this.skipSymbol('in')) this.failAt(this.peekToken(), `expected 'in' after 'not', got ${describe(this.peekToken())}`);
        ops.push({ op: 'notin', expr: this.parseMath1() });
      } else break;
    }
    return ops.length ? { kind: 'Compare', line: first.line, col: first.col, first, ops } : first;
  }

  private parseMath1(): Expr {
    let left = this.parseConcat();
    for (;;) {
      const tok = this.peekToken();
      if (!this.isOperator(tok, '+') && !this.isOperator(tok, '-')) return left;
      this.nextToken();
      left = { kind: 'Binary', op: tok!.value, line: left.line, col: left.col, left, right: this.parseConcat() };
    }
  }

  private parseConcat(): Expr {
    let left = this.parseMath2();
    while (this.peekToken()?.type === T.TOKEN_TILDE) {
      this.nextToken();
      left = { kind: 'Binary', op: '~', line: left.line, col: left.col, left, right: this.parseMath2() };
    }
    return left;
  }

  private parseMath2(): Expr {
    let left = this.parsePow();
    for (;;) {
      const tok = this.peekToken();
      if (!tok || tok.type !== T.TOKEN_OPERATOR || !['*', '/', '//', '%'].includes(tok.value)) return left;
      this.nextToken();
      left = { kind: 'Binary', op: tok.value, line: left.line, col: left.col, left, right: this.parsePow() };
    }
  }

  private parsePow(): Expr {
    let left = this.parseUnary();
    while (this.isOperator(this.peekToken(), '**')) {
      this.nextToken();
      left = { kind: 'Binary', op: '**', line: left.line, col: left.col, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(withFilter = true): Expr {
    const tok = this.peekToken();
    let node: Expr;
    if (this.isOperator(tok, '-') || this.isOperator(tok, '+')) {
      this.nextToken();
      node = { kind: 'Unary', op: tok!.value as '-' | '+', ...this.at(tok!), operand: this.parseUnary(false) };
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
      case T.TOKEN_SYMBOL:
        if (tok.value === 'True' || tok.value === 'False') return { kind: 'Const', ...at, value: tok.value === 'True' };
        if (tok.value === 'None') return { kind: 'Const', ...at, value: null };
        if (/^\d+(_\d+)*$/.test(tok.value)) return this.intConst(tok.value.replace(/_/g, ''), at);
        if (/^\d/.test(tok.value)) return this.exponentFloat(tok, tok.value);
        if (!IDENTIFIER.test(tok.value)) this.failAt(tok, `unexpected '${tok.value}'`);
        return { kind: 'Name', ...at, name: tok.value };
      case T.TOKEN_BOOLEAN:
        return { kind: 'Const', ...at, value: tok.value === 'true' };
      case T.TOKEN_NONE:
        // Jinja knows `none`; `null` is an ordinary (usually undefined) name there.
        return tok.value === 'null' ? { kind: 'Name', ...at, name: 'null' } : { kind: 'Const', ...at, value: null };
      case T.TOKEN_STRING: {
        let value = tok.value;
        while (this.peekToken()?.type === T.TOKEN_STRING) value += this.nextToken()!.value;
        return { kind: 'Const', ...at, value };
      }
      case T.TOKEN_INT:
        return this.intConst(tok.value, at);
      case T.TOKEN_FLOAT: {
        if (tok.value.endsWith('.')) this.failAt(tok, `invalid number '${tok.value}'`);
        // `1.5e3` reaches us as `1.5` and `e3` (or `e` `-` `3`) side by side.
        const next = this.peekToken();
        if (next && next.type === T.TOKEN_SYMBOL && /^e/i.test(next.value) && next.lineno === tok.lineno && next.colno === tok.colno + tok.value.length) {
          this.nextToken();
          return this.exponentFloat(tok, tok.value + next.value);
        }
        return { kind: 'Const', ...at, value: parseFloat(tok.value), float: true };
      }
      case T.TOKEN_LEFT_PAREN: {
        const inner = this.parseTuple(true, true);
        this.expectType(T.TOKEN_RIGHT_PAREN, "')'");
        return inner;
      }
      case T.TOKEN_LEFT_BRACKET:
        return this.parseList(at);
      case T.TOKEN_LEFT_CURLY:
        return this.parseDict(at);
      case T.TOKEN_REGEX:
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
        if (!digits || digits.type !== T.TOKEN_INT) this.failAt(digits, `invalid number '${literal}${sign!.value}'`);
        literal += sign!.value + digits.value;
      }
    }
    if (!/^\d+(_\d+)*(\.\d+(_\d+)*)?e[+-]?\d+(_\d+)*$/i.test(literal)) this.failAt(first, `invalid number '${literal}'`);
    return { kind: 'Const', ...this.at(first), value: Number(literal.replace(/_/g, '')), float: true };
  }

  private intConst(text: string, at: At): Expr {
    const big = BigInt(text);
    return { kind: 'Const', ...at, value: big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big };
  }

  private parseList(at: At): Expr {
    const items: Expr[] = [];
    while (this.peekToken()?.type !== T.TOKEN_RIGHT_BRACKET) {
      if (items.length) this.expectType(T.TOKEN_COMMA, "','");
      if (this.peekToken()?.type === T.TOKEN_RIGHT_BRACKET) break;
      items.push(this.parseExpr());
    }
    this.expectType(T.TOKEN_RIGHT_BRACKET, "']'");
    return { kind: 'List', ...at, items };
  }

  private parseDict(at: At): Expr {
    const pairs: Array<[Expr, Expr]> = [];
    while (this.peekToken()?.type !== T.TOKEN_RIGHT_CURLY) {
      if (pairs.length) this.expectType(T.TOKEN_COMMA, "','");
      if (this.peekToken()?.type === T.TOKEN_RIGHT_CURLY) break;
      const key = this.parseExpr();
      this.expectType(T.TOKEN_COLON, "':'");
      pairs.push([key, this.parseExpr()]);
    }
    this.expectType(T.TOKEN_RIGHT_CURLY, "'}'");
    return { kind: 'Dict', ...at, pairs };
  }

  /** `.name`, `.0`, `[key]`, `[a:b]` and calls. */
  private parsePostfixOps(node: Expr): Expr {
    for (;;) {
      const tok = this.peekToken();
      if (this.isOperator(tok, '.')) {
        this.nextToken();
        const attr = this.nextToken();
        if (attr && (attr.type === T.TOKEN_SYMBOL || attr.type === T.TOKEN_BOOLEAN || attr.type === T.TOKEN_NONE) && IDENTIFIER.test(attr.value)) {
          node = { kind: 'GetAttr', ...this.at(tok!), target: node, name: attr.value };
        } else if (attr && attr.type === T.TOKEN_INT) {
          node = { kind: 'GetItem', ...this.at(tok!), target: node, key: this.intConst(attr.value, this.at(attr)) };
        } else if (attr && attr.type === T.TOKEN_FLOAT && /^\d+\.\d*$/.test(attr.value)) {
          // The tokenizer reads `xs.0.name` as `xs` `.` `0.` `name`, and `xs.0.1` as `xs` `.` `0.1`.
          const [first, second] = attr.value.split('.');
          node = { kind: 'GetItem', ...this.at(tok!), target: node, key: this.intConst(first, this.at(attr)) };
          if (second) node = { kind: 'GetItem', ...this.at(tok!), target: node, key: this.intConst(second, this.at(attr)) };
          else {
            const name = this.nextToken();
            if (!name || name.type !== T.TOKEN_SYMBOL || !IDENTIFIER.test(name.value)) this.failAt(name, `expected an attribute name after '.', got ${describe(name)}`);
            node = { kind: 'GetAttr', ...this.at(tok!), target: node, name: name.value };
          }
        } else this.failAt(attr, `expected an attribute name after '.', got ${describe(attr)}`);
      } else if (tok?.type === T.TOKEN_LEFT_BRACKET) {
        this.nextToken();
        node = this.parseSubscript(node, tok);
      } else if (tok?.type === T.TOKEN_LEFT_PAREN) {
        node = { kind: 'Call', ...this.at(tok), fn: node, call: this.parseCallArgs() };
      } else return node;
    }
  }

  private parseSubscript(target: Expr, open: Token): Expr {
    const at = this.at(open);
    const isColon = (): boolean => this.peekToken()?.type === T.TOKEN_COLON;
    const isEnd = (): boolean => this.peekToken()?.type === T.TOKEN_RIGHT_BRACKET || this.peekToken()?.type === T.TOKEN_COMMA;
    let start: Expr | null = null;
    if (!isColon()) {
      start = this.parseExpr();
      if (!isColon()) {
        if (this.peekToken()?.type === T.TOKEN_COMMA) this.failAt(this.peekToken(), 'tuple subscripts (x[a, b]) are not supported');
        this.expectType(T.TOKEN_RIGHT_BRACKET, "']'");
        return { kind: 'GetItem', ...at, target, key: start };
      }
    }
    this.nextToken();
    const stop = isColon() || isEnd() ? null : this.parseExpr();
    let step: Expr | null = null;
    if (isColon()) {
      this.nextToken();
      step = isEnd() ? null : this.parseExpr();
    }
    this.expectType(T.TOKEN_RIGHT_BRACKET, "']'");
    return { kind: 'Slice', ...at, target, start, stop, step };
  }

  private parseCallArgs(): CallArgs {
    const open = this.expectType(T.TOKEN_LEFT_PAREN, "'('");
    const call: CallArgs = { args: [], kwargs: [], starArgs: null, starKwargs: null };
    const invalid = (): never => this.failAt(open, 'invalid syntax for function call expression');
    let needComma = false;
    while (this.peekToken()?.type !== T.TOKEN_RIGHT_PAREN) {
      if (needComma) {
        this.expectType(T.TOKEN_COMMA, "',' or ')'");
        if (this.peekToken()?.type === T.TOKEN_RIGHT_PAREN) break;
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
      if (tok?.type === T.TOKEN_PIPE) node = this.parseFilterChain(node) as Expr;
      else if (this.isSymbol(tok, 'is')) node = this.parseTest(node);
      else if (tok?.type === T.TOKEN_LEFT_PAREN) node = { kind: 'Call', ...this.at(tok), fn: node, call: this.parseCallArgs() };
      else return node;
    }
  }

  /** `| name(args) | other`; with `startInline` the first name has no pipe (`{% filter upper %}`). */
  private parseFilterChain(target: Expr | null, startInline = false): Expr | FilterExpr {
    let node: Expr | FilterExpr | null = target;
    while (this.peekToken()?.type === T.TOKEN_PIPE || startInline) {
      if (!startInline) this.nextToken();
      startInline = false;
      const nameTok = this.expectName('a filter name');
      let name = nameTok.value;
      while (this.isOperator(this.peekToken(), '.')) {
        this.nextToken();
        name += `.${this.expectName('a filter name').value}`;
      }
      const call = this.peekToken()?.type === T.TOKEN_LEFT_PAREN ? this.parseCallArgs() : { args: [], kwargs: [], starArgs: null, starKwargs: null };
      node = { kind: 'Filter', ...this.at(nameTok), target: node as Expr | null, name, call };
    }
    return node as Expr | FilterExpr;
  }

  private parseTest(node: Expr): Expr {
    const isTok = this.nextToken()!;
    const negated = this.skipSymbol('not');
    const nameTok = this.nextToken();
    if (!nameTok || !(nameTok.type === T.TOKEN_SYMBOL || nameTok.type === T.TOKEN_NONE || nameTok.type === T.TOKEN_BOOLEAN)) {
      this.failAt(nameTok, `expected a test name after 'is', got ${describe(nameTok)}`);
    }
    let name = nameTok.value;
    while (this.isOperator(this.peekToken(), '.')) {
      this.nextToken();
      name += `.${this.expectName('a test name').value}`;
    }
    let call: CallArgs = { args: [], kwargs: [], starArgs: null, starKwargs: null };
    const next = this.peekToken();
    if (next?.type === T.TOKEN_LEFT_PAREN) call = this.parseCallArgs();
    else if (
      next &&
      [T.TOKEN_SYMBOL, T.TOKEN_STRING, T.TOKEN_INT, T.TOKEN_FLOAT, T.TOKEN_LEFT_BRACKET, T.TOKEN_LEFT_CURLY, T.TOKEN_BOOLEAN, T.TOKEN_NONE].includes(next.type) &&
      !(next.type === T.TOKEN_SYMBOL && ['else', 'or', 'and'].includes(next.value))
    ) {
      if (this.isSymbol(next, 'is')) this.failAt(next, 'you cannot chain multiple tests with is');
      call.args.push(this.parsePostfixOps(this.parsePrimary()));
    }
    const test: Expr = { kind: 'Test', ...this.at(isTok), target: node, name, args: call };
    return negated ? { kind: 'Unary', op: 'not', ...this.at(isTok), operand: test } : test;
  }
}

/** Parses a (preprocessed, newline-normalized) template into its statement list. */
export function parseTemplate(source: string): Body {
  const tokens = lexer.lex(source, {});
  const parser = new JinjaParser(tokens);
  try {
    return parser.parseAsRoot() as Body;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw error;
    // The tokenizer throws plain errors (an unclosed comment); give them the place it stopped at.
    const message = error instanceof Error ? error.message : String(error);
    throw new TemplateSyntaxError(message, tokens.lineno + 1, tokens.colno + 1);
  }
}
