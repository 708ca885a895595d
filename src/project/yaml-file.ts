/**
 * YAML files read as dbt reads them, with their places: a parse error names the file, line and column, and
 * `lineOf` finds the line of any key or list item.
 *
 * dbt reads every YAML file with PyYAML's SafeLoader: YAML 1.1, through libyaml (PyYAML's C scanner) where it is
 * installed, as it is in dbt's usual installs. This loader follows PyYAML's scanner, parser, resolver and safe
 * constructor, so it gives the values PyYAML gives; where libyaml accepts more (tabs after a value or inside a
 * flow collection, '?' inside a plain scalar in a flow collection, a tag followed by ',') it accepts that too,
 * because dbt does. What both refuse is refused with a SluiceError that says where.
 *
 * Values are JSON-like, as PyYAML's are Python's: a mapping is an object, a sequence an array, and
 * - a date or datetime is the text Python's str() prints for it, which is what a Jinja template prints:
 *   `2024-01-01`, `2024-01-01 10:00:00`, `2024-01-01 10:00:00.500000+00:00`;
 * - !!binary is the text str() prints for the bytes (b'...'), !!set the list of its keys, !!omap and !!pairs a list
 *   of [key, value] pairs;
 * - a key that is not a string is named as json.dumps names it in dbt's manifest.json: `true`, `null`, `1`, `2.5`.
 * Integers and floats are both numbers, so 1.0 reads as 1.
 */
import { readFileSync } from 'node:fs';
import { SluiceError } from '../errors.js';

export interface YamlFile<T = unknown> {
  file: string;
  value: T;
  /** The 1-based line of the entry at `path` (keys and indexes), or of the closest parent that exists. */
  lineOf(path: Array<string | number>): number;
}

/** A place in a YAML file whose line is only worked out when someone reads it. */
export interface YamlPlace {
  file: string;
  readonly line: number;
}

export function placeIn(yaml: YamlFile, path: Array<string | number>): YamlPlace {
  let line: number | undefined;
  return {
    file: yaml.file,
    get line() {
      line ??= yaml.lineOf(path);
      return line;
    },
  };
}

export function parseYaml<T = unknown>(text: string, file: string): YamlFile<T> {
  const loader = new Loader(text, file);
  const document = loader.load();
  return {
    file,
    value: (document.value ?? {}) as T,
    lineOf(path) {
      let line = document.line;
      let node = document.value;
      for (const step of path) {
        if (typeof node !== 'object' || node === null) break;
        const lines = loader.lines.get(node);
        if (!lines) break;
        if (Array.isArray(node)) {
          if (typeof step !== 'number' || step < 0 || step >= node.length) break;
          line = lines[step] as number;
          node = node[step];
        } else {
          // Keys and their lines alternate; the last of duplicate keys is the one that counts.
          const at = lines.lastIndexOf(String(step));
          if (at < 0) break;
          line = lines[at + 1] as number;
          node = (node as Record<string, unknown>)[String(step)];
        }
      }
      return line + 1;
    },
  };
}

export function readYaml<T = unknown>(file: string, displayPath = file): YamlFile<T> {
  return parseYaml<T>(readFileSync(file, 'utf8'), displayPath);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CHECK_HINT = 'check the indentation and the quoting around this line';
const BLOCK_HINT = 'indent this line as the other entries of that block are, or further to put it under the entry above';
const TAB_HINT = 'YAML does not allow tabs for indentation: indent with spaces';

/** Throws the SluiceError for a problem at a 0-based line and column. */
type Fail = (problem: string, line: number, column: number, hint?: string) => never;

// ─── Scanner: text to tokens, as PyYAML's scanner cuts them ─────────────────────────────────────────────────────

const STREAM_START = 0;
const STREAM_END = 1;
const DIRECTIVE = 2;
const DOCUMENT_START = 3;
const DOCUMENT_END = 4;
const BLOCK_SEQUENCE_START = 5;
const BLOCK_MAPPING_START = 6;
const BLOCK_END = 7;
const FLOW_SEQUENCE_START = 8;
const FLOW_MAPPING_START = 9;
const FLOW_SEQUENCE_END = 10;
const FLOW_MAPPING_END = 11;
const BLOCK_ENTRY = 12;
const FLOW_ENTRY = 13;
const KEY = 14;
const VALUE = 15;
const ALIAS = 16;
const ANCHOR = 17;
const TAG = 18;
const SCALAR = 19;

/** Token names as PyYAML's messages spell them, so an error reads as dbt's would. */
const TOKEN_NAMES = [
  '<stream start>', '<stream end>', '<directive>', '<document start>', '<document end>', '<block sequence start>',
  '<block mapping start>', '<block end>', '[', '{', ']', '}', '-', ',', '?', ':', '<alias>', '<anchor>', '<tag>', '<scalar>',
];

const PLAIN = 0;
const SINGLE_QUOTED = 1;
const DOUBLE_QUOTED = 2;
const LITERAL = 3;
const FOLDED = 4;

class Token {
  constructor(
    readonly kind: number,
    /** 0-based, as are all lines and columns until an error or lineOf reports them. */
    readonly line: number,
    readonly column: number,
    /** A scalar's text, an anchor's or alias's name, a tag's suffix, a directive's name. */
    readonly value = '',
    readonly style = PLAIN,
    /** A tag's handle (null for a verbatim tag) or a %TAG directive's handle. */
    readonly handle: string | null = null,
    /** A %YAML directive's version or a %TAG directive's prefix. */
    readonly detail = '',
  ) {}
}

/** A token that may turn out to be a mapping key once a ':' follows it on the same line. */
interface SimpleKey {
  active: boolean;
  tokenNumber: number;
  required: boolean;
  pos: number;
  line: number;
  column: number;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const NEL = 0x85;
const LS = 0x2028;
const PS = 0x2029;

function isBreak(c: number): boolean {
  return c === LF || c === CR || c === NEL || c === LS || c === PS;
}

/** The end of the text reads as 0: the reader refuses NUL inside it, as PyYAML's does. */
function isBreakOrEnd(c: number): boolean {
  return c === 0 || isBreak(c);
}

function isBlankOrEnd(c: number): boolean {
  return c === SPACE || c === TAB || c === 0 || isBreak(c);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
}

const charTable = (chars: string) => {
  const table = new Uint8Array(128);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
};
/** Characters a plain scalar may not start with (PyYAML's check_plain). */
const INDICATORS = charTable('-?:,[]{}#&*!|>\'"%@`');
/** Characters that end a plain scalar inside a flow collection. */
const FLOW_INDICATORS = charTable(',[]{}');
/** Per ASCII character, for scanning plain scalars: 1 ends a word, 2 (':') ends it when a space follows. */
const BLOCK_PLAIN_STOPS = charTable(' \t\r\n\0');
BLOCK_PLAIN_STOPS[58] = 2;
const FLOW_PLAIN_STOPS = charTable(' \t\r\n\0,[]{}');
FLOW_PLAIN_STOPS[58] = 2;
/** What may follow an anchor or alias name. */
const AFTER_ANCHOR = charTable('?:,]}%@`');
/** Characters of a tag URI besides letters, digits, '-' and '_' ('%' starts an escape). */
const URI_CHARS = charTable(';/?:@&=+$,.!~*\'()[]');

const ESCAPES = new Map<string, string>([
  ['0', '\0'], ['a', '\x07'], ['b', '\b'], ['t', '\t'], ['\t', '\t'], ['n', '\n'], ['v', '\v'], ['f', '\f'], ['r', '\r'],
  ['e', '\x1b'], [' ', ' '], ['"', '"'], ['\\', '\\'], ['/', '/'], ['N', '\x85'], ['_', '\xa0'], ['L', '\u2028'], ['P', '\u2029'],
]);
const ESCAPE_LENGTHS = new Map<string, number>([['x', 2], ['u', 4], ['U', 8]]);

function quoteChar(c: number): string {
  if (c === 0) return 'the end of the file';
  if (c === TAB) return "'\\t'";
  if (isBreak(c)) return 'a line break';
  return `'${String.fromCharCode(c)}'`;
}

class Scanner {
  private readonly text: string;
  private pos = 0;
  private line = 0;
  private lineStart = 0;
  private flowLevel = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  /** Whether a simple key (and, in block context, a block collection) may start here. */
  private allowSimpleKey = true;
  /** The possible simple key at each flow level, there being at most one per level; each record is reused. */
  private readonly simpleKeys: Array<SimpleKey | undefined> = [];
  private simpleKeyCount = 0;
  /** Tokens scanned and not yet taken; a ':' may still insert KEY before one of them. */
  private tokens: Token[] = [];
  private head = 0;
  private tokensTaken = 0;
  private done = false;

  constructor(text: string, private readonly fail: Fail) {
    this.text = text + '\0';
    if (text.charCodeAt(0) === 0xfeff) this.pos = this.lineStart = 1;
    this.tokens.push(new Token(STREAM_START, 0, 0));
  }

  peek(): Token {
    while (this.needMoreTokens()) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  next(): Token {
    const token = this.peek();
    this.head++;
    this.tokensTaken++;
    // Taken tokens are dropped now and then rather than after each one: that is cheaper.
    if (this.head === this.tokens.length && this.head >= 1024) {
      this.tokens.length = 0;
      this.head = 0;
    }
    return token;
  }

  private get column(): number {
    return this.pos - this.lineStart;
  }

  private at(offset: number): number {
    return this.text.charCodeAt(this.pos + offset) || 0;
  }

  private failHere(problem: string, hint?: string): never {
    return this.fail(problem, this.line, this.column, hint);
  }

  /** Consumes one line break (\r\n counts as one) and returns it as PyYAML folds it. */
  private readBreak(): string {
    const c = this.text.charCodeAt(this.pos);
    this.pos += c === CR && this.text.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    this.line++;
    this.lineStart = this.pos;
    return c === LS || c === PS ? String.fromCharCode(c) : '\n';
  }

  private atDocumentMarker(): boolean {
    const c = this.at(0);
    return (c === 45 || c === 46) && this.at(1) === c && this.at(2) === c && isBlankOrEnd(this.at(3));
  }

  private needMoreTokens(): boolean {
    if (this.done) return false;
    if (this.head === this.tokens.length) return true;
    if (this.simpleKeyCount === 0) return false;
    // The first queued token may still become a key: scan on until that is settled.
    this.staleSimpleKeys();
    for (const key of this.simpleKeys) if (key?.active && key.tokenNumber === this.tokensTaken) return true;
    return false;
  }

  private fetchMoreTokens(): void {
    this.scanToNextToken();
    this.staleSimpleKeys();
    this.unwindIndent(this.column);
    const c = this.at(0);
    const inFlow = this.flowLevel > 0;
    switch (c) {
      case 0:
        return this.fetchStreamEnd();
      case 37: // %
        if (this.column === 0) return this.fetchDirective();
        break;
      case 45: // -
        if (this.column === 0 && this.atDocumentMarker()) return this.fetchDocumentIndicator(DOCUMENT_START);
        if (isBlankOrEnd(this.at(1))) return this.fetchBlockEntry();
        break;
      case 46: // .
        if (this.column === 0 && this.atDocumentMarker()) return this.fetchDocumentIndicator(DOCUMENT_END);
        break;
      case 91: // [
        return this.fetchFlowCollectionStart(FLOW_SEQUENCE_START);
      case 123: // {
        return this.fetchFlowCollectionStart(FLOW_MAPPING_START);
      case 93: // ]
        return this.fetchFlowCollectionEnd(FLOW_SEQUENCE_END);
      case 125: // }
        return this.fetchFlowCollectionEnd(FLOW_MAPPING_END);
      case 44: // ,
        return this.fetchFlowEntry();
      case 63: // ?
        if (inFlow || isBlankOrEnd(this.at(1))) return this.fetchKey();
        break;
      case 58: // :
        if (inFlow || isBlankOrEnd(this.at(1))) return this.fetchValue();
        break;
      case 42: // *
        return this.fetchAnchor(ALIAS);
      case 38: // &
        return this.fetchAnchor(ANCHOR);
      case 33: // !
        return this.fetchTag();
      case 124: // |
        if (!inFlow) return this.fetchBlockScalar(false);
        break;
      case 62: // >
        if (!inFlow) return this.fetchBlockScalar(true);
        break;
      case 39: // '
        return this.fetchFlowScalar(false);
      case 34: // "
        return this.fetchFlowScalar(true);
    }
    if (this.canStartPlain(c)) return this.fetchPlain();
    if (c === TAB) this.failHere("found character '\\t' that cannot start any token", TAB_HINT);
    this.failHere(`found character ${quoteChar(c)} that cannot start any token`, 'quote the value: this character cannot start a plain one');
  }

  private canStartPlain(c: number): boolean {
    if (!isBlankOrEnd(c) && !(c < 128 && INDICATORS[c])) return true;
    // '-', and in block context '?' and ':', may start one when something other than a space follows.
    return !isBlankOrEnd(this.at(1)) && (c === 45 || (this.flowLevel === 0 && (c === 63 || c === 58)));
  }

  private scanToNextToken(): void {
    const text = this.text;
    for (;;) {
      let c = text.charCodeAt(this.pos);
      // PyYAML skips spaces only; libyaml also skips tabs in flow context and after a token on the same line.
      while (c === SPACE || (c === TAB && (this.flowLevel > 0 || !this.allowSimpleKey))) c = text.charCodeAt(++this.pos);
      if (c === 35) while (!isBreakOrEnd(c)) c = text.charCodeAt(++this.pos);
      if (!isBreak(c)) return;
      this.readBreak();
      if (this.flowLevel === 0) this.allowSimpleKey = true;
    }
  }

  // Simple keys: a key without '?' is only known to be one when its ':' comes, on the same line.

  private staleSimpleKeys(): void {
    if (this.simpleKeyCount === 0) return;
    for (const key of this.simpleKeys) {
      if (key?.active && (key.line !== this.line || this.longerThanKeyLimit(key.pos))) {
        if (key.required) this.failAtKey(key);
        key.active = false;
        this.simpleKeyCount--;
      }
    }
  }

  /** PyYAML limits a simple key to 1024 characters (code points, not UTF-16 units). */
  private longerThanKeyLimit(start: number): boolean {
    if (this.pos - start <= 1024) return false;
    let count = 0;
    for (let at = start; at < this.pos; at++) {
      const c = this.text.charCodeAt(at);
      if (c < 0xdc00 || c > 0xdfff) count++;
    }
    return count > 1024;
  }

  private saveSimpleKey(): void {
    if (!this.allowSimpleKey) return;
    this.removeSimpleKey();
    const key = (this.simpleKeys[this.flowLevel] ??= { active: false, tokenNumber: 0, required: false, pos: 0, line: 0, column: 0 });
    key.active = true;
    key.tokenNumber = this.tokensTaken + this.tokens.length - this.head;
    // A line in block context that starts at the mapping's indentation must be a key.
    key.required = this.flowLevel === 0 && this.indent === this.column;
    key.pos = this.pos;
    key.line = this.line;
    key.column = this.column;
    this.simpleKeyCount++;
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.flowLevel];
    if (!key?.active) return;
    if (key.required) this.failAtKey(key);
    key.active = false;
    this.simpleKeyCount--;
  }

  private failAtKey(key: SimpleKey): never {
    return this.fail("could not find expected ':' after this key", key.line, key.column, "a line at this indentation must be 'key: value'; is a ':' missing, or the line indented too little?");
  }

  // Indentation: block collections open and close by column.

  private unwindIndent(column: number): void {
    if (this.flowLevel > 0) return; // PyYAML ignores indentation inside flow collections.
    while (this.indent > column) {
      this.tokens.push(new Token(BLOCK_END, this.line, this.column));
      this.indent = this.indents.pop()!;
    }
  }

  private addIndent(column: number): boolean {
    if (this.indent >= column) return false;
    this.indents.push(this.indent);
    this.indent = column;
    return true;
  }

  // Fetchers: one per kind of token, each settling simple keys and indentation as PyYAML does.

  /** Puts a token before queued ones (a key's KEY, found at its ':'); they are few, so shifting them is cheap. */
  private insertToken(at: number, token: Token): void {
    const tokens = this.tokens;
    for (let index = tokens.length; index > at; index--) tokens[index] = tokens[index - 1];
    tokens[at] = token;
  }

  private push(kind: number, length = 1): void {
    this.tokens.push(new Token(kind, this.line, this.column));
    this.pos += length;
  }

  private fetchStreamEnd(): void {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    for (const key of this.simpleKeys) if (key) key.active = false;
    this.simpleKeyCount = 0;
    this.push(STREAM_END, 0);
    this.done = true;
  }

  private fetchDirective(): void {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanDirective());
  }

  private fetchDocumentIndicator(kind: number): void {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    this.push(kind, 3);
  }

  private fetchFlowCollectionStart(kind: number): void {
    this.saveSimpleKey();
    this.flowLevel++;
    this.allowSimpleKey = true;
    this.push(kind);
  }

  private fetchFlowCollectionEnd(kind: number): void {
    this.removeSimpleKey();
    // A stray bracket at the top level is left for the parser to refuse.
    if (this.flowLevel > 0) this.flowLevel--;
    this.allowSimpleKey = false;
    this.push(kind);
  }

  private fetchFlowEntry(): void {
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    this.push(FLOW_ENTRY);
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.allowSimpleKey) this.failHere('sequence entries are not allowed here', CHECK_HINT);
      if (this.addIndent(this.column)) this.push(BLOCK_SEQUENCE_START, 0);
    }
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    this.push(BLOCK_ENTRY);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.allowSimpleKey) this.failHere('mapping keys are not allowed here', CHECK_HINT);
      if (this.addIndent(this.column)) this.push(BLOCK_MAPPING_START, 0);
    }
    this.allowSimpleKey = this.flowLevel === 0;
    this.removeSimpleKey();
    this.push(KEY);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.flowLevel];
    if (key?.active) {
      key.active = false;
      this.simpleKeyCount--;
      const at = this.head + key.tokenNumber - this.tokensTaken;
      this.insertToken(at, new Token(KEY, key.line, key.column));
      if (this.flowLevel === 0 && this.addIndent(key.column)) this.insertToken(at, new Token(BLOCK_MAPPING_START, key.line, key.column));
      this.allowSimpleKey = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.allowSimpleKey) this.failHere('mapping values are not allowed here', "quote a value that holds ': ', or put the key on its own line");
        if (this.addIndent(this.column)) this.push(BLOCK_MAPPING_START, 0);
      }
      this.allowSimpleKey = this.flowLevel === 0;
      this.removeSimpleKey();
    }
    this.push(VALUE);
  }

  private fetchAnchor(kind: number): void {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanAnchor(kind));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanTag());
  }

  private fetchBlockScalar(folded: boolean): void {
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    this.tokens.push(this.scanBlockScalar(folded));
  }

  private fetchFlowScalar(double: boolean): void {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanFlowScalar(double));
  }

  private fetchPlain(): void {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanPlain());
  }

  // Scanners for directives, anchors and tags.

  private skipBlanks(): void {
    while (this.at(0) === SPACE || this.at(0) === TAB) this.pos++;
  }

  private scanDirective(): Token {
    const line = this.line;
    const column = this.column;
    this.pos++;
    const start = this.pos;
    while (isWordChar(this.at(0))) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (!name || !isBlankOrEnd(this.at(0))) this.failHere(`expected a directive name, but found ${quoteChar(this.at(0))}`);
    let token: Token;
    if (name === 'YAML') {
      this.skipBlanks();
      const versionStart = this.pos;
      while (this.at(0) >= 48 && this.at(0) <= 57) this.pos++;
      if (this.at(0) !== 46 || this.pos === versionStart) this.failHere(`expected a version such as 1.1, but found ${quoteChar(this.at(0))}`);
      this.pos++;
      const minorStart = this.pos;
      while (this.at(0) >= 48 && this.at(0) <= 57) this.pos++;
      if (this.pos === minorStart || !isBlankOrEnd(this.at(0))) this.failHere(`expected a version such as 1.1, but found ${quoteChar(this.at(0))}`);
      token = new Token(DIRECTIVE, line, column, name, PLAIN, null, this.text.slice(versionStart, this.pos));
    } else if (name === 'TAG') {
      this.skipBlanks();
      const handle = this.scanTagHandle();
      if (this.at(0) !== SPACE && this.at(0) !== TAB) this.failHere(`expected ' ', but found ${quoteChar(this.at(0))}`);
      this.skipBlanks();
      const prefix = this.scanTagUri(true);
      if (!isBlankOrEnd(this.at(0))) this.failHere(`expected ' ', but found ${quoteChar(this.at(0))}`);
      token = new Token(DIRECTIVE, line, column, name, PLAIN, handle, prefix);
    } else {
      while (!isBreakOrEnd(this.at(0))) this.pos++;
      token = new Token(DIRECTIVE, line, column, name);
    }
    this.skipBlanks();
    if (this.at(0) === 35) while (!isBreakOrEnd(this.at(0))) this.pos++;
    if (!isBreakOrEnd(this.at(0))) this.failHere(`expected a comment or a line break, but found ${quoteChar(this.at(0))}`);
    if (isBreak(this.at(0))) this.readBreak();
    return token;
  }

  private scanAnchor(kind: number): Token {
    const line = this.line;
    const column = this.column;
    this.pos++;
    const start = this.pos;
    while (isWordChar(this.at(0))) this.pos++;
    const c = this.at(0);
    // PyYAML allows letters, digits, '-' and '_' only, so that `[*a, b]` reads one way.
    if (this.pos === start || !(isBlankOrEnd(c) || (c < 128 && AFTER_ANCHOR[c]))) {
      this.failHere(`expected alphabetic or numeric character in the ${kind === ALIAS ? 'alias' : 'anchor'} name, but found ${quoteChar(c)}`, "anchor and alias names hold only letters, digits, '-' and '_'");
    }
    return new Token(kind, line, column, this.text.slice(start, this.pos));
  }

  private scanTag(): Token {
    const line = this.line;
    const column = this.column;
    let handle: string | null;
    let suffix: string;
    const next = this.at(1);
    if (next === 60) { // !<verbatim>
      handle = null;
      this.pos += 2;
      suffix = this.scanTagUri(true);
      if (this.at(0) !== 62) this.failHere(`expected '>', but found ${quoteChar(this.at(0))}`);
      this.pos++;
    } else if (isBlankOrEnd(next)) { // the non-specific tag '!'
      handle = null;
      suffix = '!';
      this.pos++;
    } else {
      let length = 1;
      let c = next;
      while (!isBlankOrEnd(c) && c !== 33) c = this.at(++length);
      if (c === 33) handle = this.scanTagHandle();
      else {
        handle = '!';
        this.pos++;
      }
      // libyaml ends a tag at ',', '[' and ']', so `[!!str, a]` reads as it does in dbt.
      suffix = this.scanTagUri(false);
    }
    const c = this.at(0);
    if (!isBlankOrEnd(c) && !(c === 44 && this.flowLevel > 0)) this.failHere(`expected ' ' after the tag, but found ${quoteChar(c)}`);
    return new Token(TAG, line, column, suffix, PLAIN, handle);
  }

  private scanTagHandle(): string {
    const start = this.pos;
    if (this.at(0) !== 33) this.failHere(`expected '!', but found ${quoteChar(this.at(0))}`);
    this.pos++;
    if (this.at(0) !== SPACE) {
      while (isWordChar(this.at(0))) this.pos++;
      if (this.at(0) !== 33) this.failHere(`expected '!', but found ${quoteChar(this.at(0))}`);
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private scanTagUri(verbatim: boolean): string {
    let value = '';
    let start = this.pos;
    for (;;) {
      const c = this.at(0);
      if (c === 37) {
        value += this.text.slice(start, this.pos) + this.scanUriEscapes();
        start = this.pos;
      } else if (isWordChar(c) || (c < 128 && URI_CHARS[c] && (verbatim || (c !== 44 && c !== 91 && c !== 93)))) {
        this.pos++;
      } else break;
    }
    value += this.text.slice(start, this.pos);
    if (!value) this.failHere(`expected a tag URI, but found ${quoteChar(this.at(0))}`);
    return value;
  }

  private scanUriEscapes(): string {
    const bytes: number[] = [];
    while (this.at(0) === 37) {
      const hex = this.text.slice(this.pos + 1, this.pos + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) this.failHere('expected a URI escape of 2 hexadecimal digits');
      bytes.push(parseInt(hex, 16));
      this.pos += 3;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
    } catch {
      return this.failHere('the URI escapes in this tag are not UTF-8');
    }
  }

  // Scanners for scalars.

  private scanBlockScalar(folded: boolean): Token {
    const line = this.line;
    const column = this.column;
    this.pos++;
    let chomping = 0; // 1 keeps trailing line breaks, -1 strips them all, 0 keeps one
    let increment = 0;
    const readChomping = () => {
      const c = this.at(0);
      if (c === 43 || c === 45) {
        chomping = c === 43 ? 1 : -1;
        this.pos++;
        return true;
      }
      return false;
    };
    const readIncrement = () => {
      const c = this.at(0);
      if (c < 48 || c > 57) return;
      if (c === 48) this.failHere('expected indentation indicator in the range 1-9, but found 0');
      increment = c - 48;
      this.pos++;
    };
    if (readChomping()) readIncrement();
    else {
      readIncrement();
      if (increment) readChomping();
    }
    // libyaml also takes a comment right after the indicators (`|# note`).
    if (!isBlankOrEnd(this.at(0)) && this.at(0) !== 35) this.failHere(`expected chomping or indentation indicators, but found ${quoteChar(this.at(0))}`);
    this.skipBlanks();
    if (this.at(0) === 35) while (!isBreakOrEnd(this.at(0))) this.pos++;
    if (!isBreakOrEnd(this.at(0))) this.failHere(`expected a comment or a line break, but found ${quoteChar(this.at(0))}`);
    if (isBreak(this.at(0))) this.readBreak();

    const minIndent = Math.max(this.indent + 1, 1);
    let indent: number;
    let breaks = '';
    if (increment === 0) {
      // Without an indicator the first non-empty line sets the indentation.
      let maxIndent = 0;
      for (;;) {
        const c = this.at(0);
        if (c === SPACE) {
          this.pos++;
          if (this.column > maxIndent) maxIndent = this.column;
        } else if (isBreak(c)) breaks += this.readBreak();
        else break;
      }
      indent = Math.max(minIndent, maxIndent);
    } else {
      indent = minIndent + increment - 1;
      breaks = this.blockScalarBreaks(indent);
    }

    let value = '';
    let lineBreak = '';
    while (this.column === indent && this.at(0) !== 0) {
      value += breaks;
      const leadingNonSpace = this.at(0) !== SPACE && this.at(0) !== TAB;
      const start = this.pos;
      while (!isBreakOrEnd(this.at(0))) this.pos++;
      value += this.text.slice(start, this.pos);
      lineBreak = isBreak(this.at(0)) ? this.readBreak() : '';
      breaks = this.blockScalarBreaks(indent);
      if (this.column !== indent || this.at(0) === 0) break;
      // Folding joins two lines with a space unless either is more indented or blank lines sit between.
      if (folded && lineBreak === '\n' && leadingNonSpace && this.at(0) !== SPACE && this.at(0) !== TAB) {
        if (!breaks) value += ' ';
      } else value += lineBreak;
    }
    if (chomping !== -1) value += lineBreak;
    if (chomping === 1) value += breaks;
    return new Token(SCALAR, line, column, value, folded ? FOLDED : LITERAL);
  }

  private blockScalarBreaks(indent: number): string {
    let breaks = '';
    while (this.column < indent && this.at(0) === SPACE) this.pos++;
    while (isBreak(this.at(0))) {
      breaks += this.readBreak();
      while (this.column < indent && this.at(0) === SPACE) this.pos++;
    }
    return breaks;
  }

  private scanFlowScalar(double: boolean): Token {
    const line = this.line;
    const column = this.column;
    const quote = double ? 34 : 39;
    this.pos++;
    // Quoted scalars ignore indentation: the quotes mark where they begin and end.
    let value = this.flowScalarNonSpaces(double);
    while (this.at(0) !== quote) {
      value += this.flowScalarSpaces(line, column);
      value += this.flowScalarNonSpaces(double);
    }
    this.pos++;
    return new Token(SCALAR, line, column, value, double ? DOUBLE_QUOTED : SINGLE_QUOTED);
  }

  private flowScalarNonSpaces(double: boolean): string {
    const text = this.text;
    let value = '';
    for (;;) {
      const start = this.pos;
      let c = text.charCodeAt(this.pos);
      while (c !== 39 && c !== 34 && c !== 92 && c !== SPACE && c !== TAB && c !== 0 && !isBreak(c)) c = text.charCodeAt(++this.pos);
      if (this.pos > start) value += text.slice(start, this.pos);
      if (!double && c === 39 && this.at(1) === 39) {
        value += "'";
        this.pos += 2;
      } else if ((double && c === 39) || (!double && (c === 34 || c === 92))) {
        value += text[this.pos];
        this.pos++;
      } else if (double && c === 92) {
        this.pos++;
        const escape = text[this.pos];
        const replacement = ESCAPES.get(escape);
        const length = ESCAPE_LENGTHS.get(escape);
        if (replacement !== undefined) {
          value += replacement;
          this.pos++;
        } else if (length !== undefined) {
          this.pos++;
          const hex = text.slice(this.pos, this.pos + length);
          if (hex.length !== length || !/^[0-9A-Fa-f]*$/.test(hex)) this.failHere(`expected escape sequence of ${length} hexadecimal numbers`);
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) this.failHere(`the escape \\${escape}${hex} is not a Unicode character`);
          value += String.fromCodePoint(code);
          this.pos += length;
        } else if (isBreak(text.charCodeAt(this.pos))) {
          this.readBreak();
          value += this.flowScalarBreaks();
        } else {
          this.failHere(`found unknown escape character ${quoteChar(text.charCodeAt(this.pos))}`, 'a backslash in double quotes starts an escape: write \\\\ for a backslash, or use single quotes');
        }
      } else return value;
    }
  }

  private flowScalarSpaces(line: number, column: number): string {
    const start = this.pos;
    this.skipBlanks();
    const c = this.at(0);
    if (c === 0) this.failHere(`found unexpected end of stream while scanning the quoted scalar that starts at line ${line + 1}, column ${column + 1}`, 'close the quote');
    if (!isBreak(c)) return this.text.slice(start, this.pos);
    const lineBreak = this.readBreak();
    const breaks = this.flowScalarBreaks();
    if (lineBreak !== '\n') return lineBreak + breaks;
    return breaks || ' ';
  }

  private flowScalarBreaks(): string {
    let breaks = '';
    for (;;) {
      if (this.atDocumentMarker()) this.failHere('found unexpected document separator inside a quoted scalar', 'close the quote');
      this.skipBlanks();
      if (!isBreak(this.at(0))) return breaks;
      breaks += this.readBreak();
    }
  }

  private scanPlain(): Token {
    const text = this.text;
    const line = this.line;
    const column = this.column;
    const indent = this.indent + 1;
    const inFlow = this.flowLevel > 0;
    const stops = inFlow ? FLOW_PLAIN_STOPS : BLOCK_PLAIN_STOPS;
    // Most plain scalars are one line: their value is a slice of the text, and only a line break makes a new string.
    let sliceStart = -1;
    let sliceEnd = -1;
    let folded: string | undefined;
    let joiner = '';
    let p = this.pos;
    for (;;) {
      let c = text.charCodeAt(p);
      if (c === 35) break;
      const start = p;
      for (;;) {
        if (c < 128) {
          const stop = stops[c];
          if (stop === 1) break;
          if (stop === 2) { // ':' ends the scalar before a space (or, in flow context, an indicator)
            const next = text.charCodeAt(p + 1);
            if (isBlankOrEnd(next) || (inFlow && next < 128 && FLOW_INDICATORS[next])) break;
            if (inFlow && next === 63) this.fail("found unexpected ':' inside a plain scalar", this.line, p - this.lineStart, 'quote the value');
          }
        } else if (c === NEL || c === LS || c === PS) break;
        c = text.charCodeAt(++p);
      }
      if (p === start) break;
      this.allowSimpleKey = false;
      if (folded !== undefined) folded += joiner + text.slice(start, p);
      else {
        if (sliceStart < 0) sliceStart = start;
        sliceEnd = p;
      }
      // The whitespace after the word: PyYAML ends a plain scalar at a tab; libyaml reads tabs between words as spaces.
      let after = p;
      while (c === SPACE || c === TAB) c = text.charCodeAt(++after);
      if (!isBreak(c)) {
        if (after === p || c === 35) break;
        if (folded !== undefined) joiner = text.slice(p, after);
        p = after;
        continue;
      }
      this.pos = after;
      joiner = this.foldPlainBreaks(indent);
      p = this.pos;
      if (!joiner || text.charCodeAt(p) === 35 || (!inFlow && p - this.lineStart < indent)) break;
      folded ??= text.slice(sliceStart, sliceEnd);
    }
    this.pos = p;
    return new Token(SCALAR, line, column, folded ?? text.slice(sliceStart, sliceEnd), PLAIN);
  }

  /** The line breaks after a line of a plain scalar, folded as they join the next line; '' ends the scalar. */
  private foldPlainBreaks(indent: number): string {
    const text = this.text;
    const lineBreak = this.readBreak();
    this.allowSimpleKey = true;
    if (this.atDocumentMarker()) return '';
    let breaks = '';
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === SPACE) this.pos++;
      else if (c === TAB) {
        if (this.column < indent) this.failHere('found a tab character that violates indentation', TAB_HINT);
        this.pos++;
      } else if (isBreak(c)) {
        breaks += this.readBreak();
        if (this.atDocumentMarker()) return '';
      } else break;
    }
    if (lineBreak !== '\n') return lineBreak + breaks;
    return breaks || ' ';
  }
}

// ─── Loader: tokens to values, as PyYAML's parser, composer and safe constructor build them ──────────────────────

const YAML_TAG = 'tag:yaml.org,2002:';
const STR = `${YAML_TAG}str`;
const INT = `${YAML_TAG}int`;
const FLOAT = `${YAML_TAG}float`;
const BOOL = `${YAML_TAG}bool`;
const NULL = `${YAML_TAG}null`;
const TIMESTAMP = `${YAML_TAG}timestamp`;
const BINARY = `${YAML_TAG}binary`;
const MERGE = `${YAML_TAG}merge`;
/** The tag of a plain '=' (YAML 1.1's value key): a key named '=', but no value PyYAML can construct. */
const VALUE_KEY = `${YAML_TAG}value`;
const SEQ = `${YAML_TAG}seq`;
const MAP = `${YAML_TAG}map`;
const SET = `${YAML_TAG}set`;
const OMAP = `${YAML_TAG}omap`;
const PAIRS = `${YAML_TAG}pairs`;
const SCALAR_TAGS = new Set([STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, BINARY]);

const DEFAULT_TAG_HANDLES: ReadonlyMap<string, string> = new Map([['!', '!'], ['!!', YAML_TAG]]);

const SCALAR_NODE = 0;
const SEQUENCE_NODE = 1;
const MAPPING_NODE = 2;
const NODE_NAMES = ['scalar', 'sequence', 'mapping'];

/** A merge key (<<) in a mapping: its value is merged in, not stored. */
const MERGE_KEY = Symbol('merge key');

interface Anchored {
  value: unknown;
  kind: number;
  tag: string;
  /** A scalar's text, from which a key's name is made. */
  text: string;
  line: number;
}

class Loader {
  /** Every mapping's keys and their lines (key, line, key, line…), every sequence's items' lines. */
  readonly lines = new Map<object, Array<string | number>>();
  private readonly scanner: Scanner;
  private readonly anchors = new Map<string, Anchored>();
  private tagHandles = DEFAULT_TAG_HANDLES;
  // What parseNode last read, besides its value: PyYAML's node kind and tag, its first line and a scalar's text.
  private lastKind = SCALAR_NODE;
  private lastTag = STR;
  private lastLine = 0;
  private lastText = '';

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.scanner = new Scanner(text, this.fail);
  }

  private readonly fail: Fail = (problem, line, column, hint = CHECK_HINT) => {
    throw new SluiceError(`Invalid YAML: ${problem}`, { file: this.file, line: line + 1, column: column + 1, hint });
  };

  private failAt(token: Token, problem: string, hint?: string): never {
    return this.fail(problem, token.line, token.column, hint);
  }

  load(): { value: unknown; line: number } {
    this.checkPrintable();
    const scanner = this.scanner;
    scanner.next(); // stream start
    let document: { value: unknown; line: number } | undefined;
    const first = scanner.peek();
    if (first.kind !== DIRECTIVE && first.kind !== DOCUMENT_START && first.kind !== STREAM_END) {
      document = { value: this.parseNode(true, false, false), line: this.lastLine };
      if (scanner.peek().kind === DOCUMENT_END) scanner.next();
    } else if (this.startExplicitDocument()) {
      const token = scanner.peek();
      const empty = token.kind === DIRECTIVE || token.kind === DOCUMENT_START || token.kind === DOCUMENT_END || token.kind === STREAM_END;
      document = empty ? { value: null, line: token.line } : { value: this.parseNode(true, false, false), line: this.lastLine };
      if (scanner.peek().kind === DOCUMENT_END) scanner.next();
    }
    const another = document && this.startExplicitDocument();
    if (another) this.failAt(another, 'expected a single document in the file, but found another document', "dbt reads one document per file: remove the second '---'");
    return document ?? { value: null, line: 0 };
  }

  /** PyYAML's reader refuses control characters (other than tab and line breaks) anywhere in the file. */
  private checkPrintable(): void {
    const match = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(this.text);
    if (!match) return;
    const before = this.text.slice(0, match.index);
    const lines = before.split(/\r\n|[\r\n\x85\u2028\u2029]/);
    const code = match[0].codePointAt(0)!.toString(16).padStart(4, '0');
    this.fail(`special characters are not allowed (found #x${code})`, lines.length - 1, lines[lines.length - 1].length, 'remove the control character; an editor that shows invisible characters helps find it');
  }

  /** Skips document end markers and, if another document follows, reads its directives and returns its '---'. */
  private startExplicitDocument(): Token | undefined {
    const scanner = this.scanner;
    while (scanner.peek().kind === DOCUMENT_END) scanner.next();
    if (scanner.peek().kind === STREAM_END) return undefined;
    this.readDirectives();
    const token = scanner.peek();
    if (token.kind !== DOCUMENT_START) this.failAt(token, `expected '<document start>', but found '${TOKEN_NAMES[token.kind]}'`);
    return scanner.next();
  }

  private readDirectives(): void {
    const handles = new Map<string, string>();
    let version: string | undefined;
    while (this.scanner.peek().kind === DIRECTIVE) {
      const token = this.scanner.next();
      if (token.value === 'YAML') {
        if (version !== undefined) this.failAt(token, 'found duplicate YAML directive');
        if (token.detail.split('.')[0].replace(/^0+(?=\d)/, '') !== '1') this.failAt(token, 'found incompatible YAML document (version 1.* is required)');
        version = token.detail;
      } else if (token.value === 'TAG') {
        if (handles.has(token.handle!)) this.failAt(token, `duplicate tag handle '${token.handle}'`);
        handles.set(token.handle!, token.detail);
      }
    }
    for (const [handle, prefix] of DEFAULT_TAG_HANDLES) if (!handles.has(handle)) handles.set(handle, prefix);
    this.tagHandles = handles;
  }

  /**
   * Reads one node and returns its value; `lastKind`, `lastTag`, `lastLine` and `lastText` describe it.
   * A key's plain '<<' or '=' is returned as text, for the mapping to handle.
   */
  private parseNode(block: boolean, indentlessSequence: boolean, key: boolean): unknown {
    const scanner = this.scanner;
    const first = scanner.peek();
    if (first.kind === ALIAS) {
      scanner.next();
      const anchored = this.anchors.get(first.value);
      if (!anchored) this.failAt(first, `found undefined alias '${first.value}'`, `define the anchor &${first.value} before this alias`);
      if (!key && anchored.tag === MERGE) this.failAt(first, `could not determine a constructor for the tag '${MERGE}'`);
      this.lastKind = anchored.kind;
      this.lastTag = anchored.tag;
      this.lastText = anchored.text;
      this.lastLine = first.line;
      return anchored.value;
    }
    let anchor: Token | undefined;
    let tagToken: Token | undefined;
    if (first.kind === ANCHOR) {
      anchor = scanner.next();
      if (scanner.peek().kind === TAG) tagToken = scanner.next();
    } else if (first.kind === TAG) {
      tagToken = scanner.next();
      if (scanner.peek().kind === ANCHOR) anchor = scanner.next();
    }
    let tag: string | null = null;
    if (tagToken) {
      if (tagToken.handle === null) tag = tagToken.value;
      else {
        const prefix = this.tagHandles.get(tagToken.handle);
        if (prefix === undefined) this.failAt(tagToken, `found undefined tag handle '${tagToken.handle}'`, `declare it with a %TAG directive, or use '!!'`);
        tag = prefix + tagToken.value;
      }
    }
    if (anchor) {
      const earlier = this.anchors.get(anchor.value);
      if (earlier) this.failAt(anchor, `found duplicate anchor '${anchor.value}'; first occurrence at line ${earlier.line + 1}`, 'give each anchor its own name');
    }
    const anchorName = anchor?.value;
    const line = first.line;
    const token = scanner.peek();
    let value: unknown;
    if (indentlessSequence && token.kind === BLOCK_ENTRY) value = this.parseSequence(anchorName, tag, line, false, true);
    else if (token.kind === SCALAR) {
      scanner.next();
      value = this.parseScalar(token.value, tag, token.style === PLAIN, first, anchorName, key);
    } else if (token.kind === FLOW_SEQUENCE_START) value = this.parseSequence(anchorName, tag, line, true, false);
    else if (token.kind === FLOW_MAPPING_START) value = this.parseMapping(anchorName, tag, line, true);
    else if (block && token.kind === BLOCK_SEQUENCE_START) value = this.parseSequence(anchorName, tag, line, false, false);
    else if (block && token.kind === BLOCK_MAPPING_START) value = this.parseMapping(anchorName, tag, line, false);
    else if (anchor || tagToken) {
      // A tag or an anchor with nothing after it is an empty scalar.
      value = this.parseScalar('', tag, true, first, anchorName, key);
    } else {
      this.failAt(token, `expected the node content, but found '${TOKEN_NAMES[token.kind]}'`, token.kind === STREAM_END ? 'is a closing bracket or quote missing?' : CHECK_HINT);
    }
    this.lastLine = line;
    return value;
  }

  /** `start` is the node's first token (its tag or anchor if it has one), where PyYAML reports what it cannot construct. */
  private parseScalar(text: string, tag: string | null, plain: boolean, start: Token, anchor: string | undefined, key: boolean): unknown {
    // The non-specific tag '!' resolves as a plain scalar does, quoted or not, as in PyYAML.
    const resolved = tag === null || tag === '!' ? (plain || tag === '!' ? resolveImplicit(text) : STR) : tag;
    const value = this.constructScalar(resolved, text, start, key);
    this.lastKind = SCALAR_NODE;
    this.lastTag = resolved;
    this.lastText = text;
    if (anchor !== undefined) this.anchors.set(anchor, { value, kind: SCALAR_NODE, tag: resolved, text, line: start.line });
    return value;
  }

  private constructScalar(tag: string, text: string, token: Token, key: boolean): unknown {
    if (tag === STR) return text;
    const fail = (problem: string, hint = 'quote the value to keep it as text'): never => this.failAt(token, problem, hint);
    switch (tag) {
      case NULL:
        return null;
      case BOOL:
        return BOOLEANS.get(text.toLowerCase()) ?? fail(`cannot read '${text}' as a boolean`);
      case INT: {
        const value = integerOf(text);
        return value === undefined ? fail(`cannot read '${text}' as an integer`) : Number(value);
      }
      case FLOAT:
        return floatOf(text) ?? fail(`cannot read '${text}' as a float`);
      case TIMESTAMP:
        return timestampText(text, fail);
      case BINARY:
        return binaryText(text, fail);
      case MERGE:
      case VALUE_KEY:
        if (key) return text;
    }
    if (tag === SEQ || tag === MAP || tag === SET || tag === OMAP || tag === PAIRS) {
      return fail(`expected a ${tag === SEQ || tag === OMAP || tag === PAIRS ? 'sequence' : 'mapping'} node, but found scalar`, CHECK_HINT);
    }
    return fail(`could not determine a constructor for the tag '${tag}'`, "dbt reads YAML with PyYAML's safe loader, which knows only the standard tags such as !!str and !!int");
  }

  /** Reads a key and names it; '<<' (the merge key) comes back as MERGE_KEY. */
  private parseKey(block: boolean): string | typeof MERGE_KEY {
    const start = this.scanner.peek();
    const value = this.parseNode(block, block, true);
    if (this.lastTag === MERGE) return MERGE_KEY;
    if (this.lastKind !== SCALAR_NODE) {
      this.failAt(start, 'found unhashable key: a mapping key cannot be a list or a mapping', `a value that starts with '{' or '[' must be quoted, as Jinja must be: "{{ doc('orders') }}"`);
    }
    return keyName(this.lastTag, value, this.lastText);
  }

  /** A block sequence, an indentless one (items at the parent key's indentation) or a flow sequence. */
  private parseSequence(anchor: string | undefined, tag: string | null, line: number, flow: boolean, indentless: boolean): unknown[] {
    const scanner = this.scanner;
    const special = this.collectionTag(tag, SEQUENCE_NODE, scanner.peek());
    if (!indentless) scanner.next();
    const list: unknown[] = [];
    const lines: number[] = [];
    if (anchor !== undefined && !special) this.anchors.set(anchor, { value: list, kind: SEQUENCE_NODE, tag: SEQ, text: '', line });
    if (flow) {
      for (let first = true; ; first = false) {
        let token = scanner.peek();
        if (token.kind === FLOW_SEQUENCE_END) break;
        if (!first) {
          if (token.kind !== FLOW_ENTRY) this.failAt(token, `expected ',' or ']', but got '${TOKEN_NAMES[token.kind]}' in the flow sequence that starts at line ${line + 1}`, 'is a comma or a closing bracket missing?');
          scanner.next();
          token = scanner.peek();
        }
        if (token.kind === KEY) {
          // `[a: 1]` holds a mapping of one pair.
          list.push(this.parseFlowPair(token));
          lines.push(token.line);
        } else if (token.kind !== FLOW_SEQUENCE_END) {
          list.push(this.parseNode(false, false, false));
          lines.push(this.lastLine);
        }
      }
      scanner.next();
    } else {
      while (scanner.peek().kind === BLOCK_ENTRY) {
        const entry = scanner.next();
        const token = scanner.peek();
        const empty = token.kind === BLOCK_ENTRY || token.kind === BLOCK_END || (indentless && (token.kind === KEY || token.kind === VALUE));
        list.push(empty ? null : this.parseNode(true, false, false));
        lines.push(empty ? entry.line : this.lastLine);
      }
      if (!indentless) {
        const token = scanner.peek();
        if (token.kind !== BLOCK_END) this.failAt(token, `expected <block end>, but found '${TOKEN_NAMES[token.kind]}' in the block sequence that starts at line ${line + 1}`, BLOCK_HINT);
        scanner.next();
      }
    }
    this.lines.set(list, lines);
    let value: unknown[] = list;
    if (special) {
      value = list.map((item, index) => {
        if (!isRecord(item) || Object.keys(item).length !== 1) this.fail(`expected a mapping of one pair in the !!${special}`, lines[index], 0);
        return Object.entries(item)[0];
      });
      this.lines.set(value, lines);
      if (anchor !== undefined) this.anchors.set(anchor, { value, kind: SEQUENCE_NODE, tag: tag!, text: '', line });
    }
    this.lastKind = SEQUENCE_NODE;
    this.lastTag = tag ?? SEQ;
    return value;
  }

  /** Returns 'omap', 'pairs' or 'set' for those tags, undefined for the plain collection; refuses the rest. */
  private collectionTag(tag: string | null, kind: number, token: Token): string | undefined {
    if (tag === null || tag === '!' || tag === (kind === SEQUENCE_NODE ? SEQ : MAP)) return undefined;
    if (kind === SEQUENCE_NODE && (tag === OMAP || tag === PAIRS)) return tag.slice(YAML_TAG.length);
    if (kind === MAPPING_NODE && tag === SET) return 'set';
    if (SCALAR_TAGS.has(tag)) this.failAt(token, `expected a scalar node, but found ${NODE_NAMES[kind]}`);
    if (tag === SEQ || tag === MAP || tag === SET || tag === OMAP || tag === PAIRS) {
      this.failAt(token, `expected a ${tag === MAP || tag === SET ? 'mapping' : 'sequence'} node, but found ${NODE_NAMES[kind]}`);
    }
    return this.failAt(token, `could not determine a constructor for the tag '${tag}'`, "dbt reads YAML with PyYAML's safe loader, which knows only the standard tags such as !!str and !!int");
  }

  private parseMapping(anchor: string | undefined, tag: string | null, line: number, flow: boolean): unknown {
    const scanner = this.scanner;
    const special = this.collectionTag(tag, MAPPING_NODE, scanner.peek());
    scanner.next();
    const mapping = new MappingBuilder(this);
    if (anchor !== undefined && !special) this.anchors.set(anchor, { value: mapping.map, kind: MAPPING_NODE, tag: MAP, text: '', line });
    if (flow) {
      for (let first = true; ; first = false) {
        let token = scanner.peek();
        if (token.kind === FLOW_MAPPING_END) break;
        if (!first) {
          if (token.kind !== FLOW_ENTRY) this.failAt(token, `expected ',' or '}', but got '${TOKEN_NAMES[token.kind]}' in the flow mapping that starts at line ${line + 1}`, 'is a comma or a closing brace missing?');
          scanner.next();
          token = scanner.peek();
        }
        if (token.kind === KEY) {
          scanner.next();
          const next = scanner.peek().kind;
          const empty = next === VALUE || next === FLOW_ENTRY || next === FLOW_MAPPING_END;
          const key = empty ? 'null' : this.parseKey(false);
          this.addPair(mapping, key, empty ? token.line : this.lastLine, FLOW_MAPPING_END);
        } else if (token.kind !== FLOW_MAPPING_END) {
          // `{a, b}`: keys without values.
          const key = this.parseKey(false);
          mapping.add(key, this.lastLine, null, SCALAR_NODE, this.lastLine);
        }
      }
      scanner.next();
    } else {
      for (;;) {
        const token = scanner.peek();
        if (token.kind === BLOCK_END) break;
        if (token.kind !== KEY) this.failAt(token, `expected <block end>, but found '${TOKEN_NAMES[token.kind]}' in the block mapping that starts at line ${line + 1}`, BLOCK_HINT);
        scanner.next();
        const next = scanner.peek().kind;
        const empty = next === KEY || next === VALUE || next === BLOCK_END;
        const key = empty ? 'null' : this.parseKey(true);
        this.addPair(mapping, key, empty ? token.line : this.lastLine, BLOCK_END);
      }
      scanner.next();
    }
    const map = mapping.finish();
    this.lastKind = MAPPING_NODE;
    this.lastTag = tag ?? MAP;
    if (!special) return map;
    const keys = Object.keys(map);
    this.lines.set(keys, keys.map((key) => mapping.lineOf(key)));
    if (anchor !== undefined) this.anchors.set(anchor, { value: keys, kind: MAPPING_NODE, tag: SET, text: '', line });
    return keys;
  }

  /** After a key: reads ': value' if there is one (else the value is null) and adds the pair. */
  private addPair(mapping: MappingBuilder, key: string | typeof MERGE_KEY, keyLine: number, end: number): void {
    const scanner = this.scanner;
    let value: unknown = null;
    let kind = SCALAR_NODE;
    let valueLine = keyLine;
    if (scanner.peek().kind === VALUE) {
      const valueToken = scanner.next();
      valueLine = valueToken.line;
      const next = scanner.peek().kind;
      const block = end === BLOCK_END;
      const empty = block ? next === KEY || next === VALUE || next === BLOCK_END : next === FLOW_ENTRY || next === end;
      if (!empty) {
        value = this.parseNode(block, block, false);
        kind = this.lastKind;
        valueLine = this.lastLine;
      }
    }
    mapping.add(key, keyLine, value, kind, valueLine);
  }

  private parseFlowPair(keyToken: Token): Record<string, unknown> {
    const scanner = this.scanner;
    scanner.next();
    const next = scanner.peek().kind;
    const empty = next === VALUE || next === FLOW_ENTRY || next === FLOW_SEQUENCE_END;
    const key = empty ? 'null' : this.parseKey(false);
    const mapping = new MappingBuilder(this);
    this.addPair(mapping, key, empty ? keyToken.line : this.lastLine, FLOW_SEQUENCE_END);
    this.lastKind = MAPPING_NODE;
    this.lastTag = MAP;
    return mapping.finish();
  }

  /** Merge sources in PyYAML's order: for `<<: [*a, *b]`, b first, so that a, merged later, wins. */
  mergeSources(value: unknown, kind: number, line: number): Array<Record<string, unknown>> {
    if (kind === MAPPING_NODE && isRecord(value)) return [value];
    if (kind === SEQUENCE_NODE && Array.isArray(value)) {
      const lines = this.lines.get(value);
      return value
        .map((item, index) => {
          if (!isRecord(item)) this.fail('expected a mapping for merging, but found something else', (lines?.[index] as number | undefined) ?? line, 0, '<< takes a mapping or a list of mappings, e.g. <<: [*defaults, *more]');
          return item;
        })
        .reverse();
    }
    return this.fail(`expected a mapping or list of mappings for merging, but found ${NODE_NAMES[kind]}`, line, 0, '<< takes a mapping or a list of mappings, e.g. <<: *defaults');
  }
}

/** A mapping being read: pairs go in as they come; merged mappings go first when it is finished, as in PyYAML. */
class MappingBuilder {
  readonly map: Record<string, unknown> = {};
  private lines: Array<string | number> = [];
  private merges: Array<Record<string, unknown>> | undefined;

  constructor(private readonly loader: Loader) {}

  add(key: string | typeof MERGE_KEY, keyLine: number, value: unknown, kind: number, valueLine: number): void {
    if (key === MERGE_KEY) {
      this.merges ??= [];
      this.merges.push(...this.loader.mergeSources(value, kind, valueLine));
      return;
    }
    setEntry(this.map, key, value);
    this.lines.push(key, keyLine);
  }

  lineOf(key: string): number {
    return this.lines[this.lines.lastIndexOf(key) + 1] as number;
  }

  finish(): Record<string, unknown> {
    const map = this.map;
    if (this.merges) {
      // Rebuilt in place, so that aliases to this mapping see the result.
      const own = Object.entries(map);
      for (const key of Object.keys(map)) delete map[key];
      const lines: Array<string | number> = [];
      for (const source of this.merges) {
        for (const [key, value] of Object.entries(source)) setEntry(map, key, value);
        lines.push(...(this.loader.lines.get(source) ?? []));
      }
      for (const [key, value] of own) setEntry(map, key, value);
      this.lines = [...lines, ...this.lines];
    }
    this.loader.lines.set(map, this.lines);
    return map;
  }
}

function setEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

// ─── Resolver and constructors: PyYAML's YAML 1.1 rules for plain scalars ────────────────────────────────────────

const BOOL_PATTERN = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const NULL_PATTERN = /^(?:~|null|Null|NULL)$/;
// A float needs a dot, and an exponent needs a sign: 1e3 and 1.0e3 stay strings in YAML 1.1.
const FLOAT_PATTERN = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
// Octal is a leading 0 (0777); 1:30 is sexagesimal (90).
const INT_PATTERN = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const TIMESTAMP_PATTERN = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

/** The tag PyYAML's resolver gives a plain scalar, tried in its order and keyed by the first character. */
function resolveImplicit(text: string): string {
  if (text === '') return NULL;
  const first = text.charCodeAt(0);
  switch (first) {
    case 121: case 89: case 116: case 84: case 102: case 70: case 111: case 79: // y Y t T f F o O
      return text.length <= 5 && BOOL_PATTERN.test(text) ? BOOL : STR;
    case 110: case 78: // n N
      if (text.length > 5) return STR;
      return BOOL_PATTERN.test(text) ? BOOL : NULL_PATTERN.test(text) ? NULL : STR;
    case 126: // ~
      return text === '~' ? NULL : STR;
    case 60: // <
      return text === '<<' ? MERGE : STR;
    case 61: // =
      return text === '=' ? VALUE_KEY : STR;
    case 43: case 45: case 46: // + - .
      return FLOAT_PATTERN.test(text) ? FLOAT : first !== 46 && INT_PATTERN.test(text) ? INT : STR;
  }
  if (first >= 48 && first <= 57) {
    if (FLOAT_PATTERN.test(text)) return FLOAT;
    if (INT_PATTERN.test(text)) return INT;
    if (TIMESTAMP_PATTERN.test(text)) return TIMESTAMP;
  }
  return STR;
}

const BOOLEANS = new Map([['yes', true], ['no', false], ['true', true], ['false', false], ['on', true], ['off', false]]);

/** PyYAML's int constructor: underscores dropped, then binary, hex, octal (leading 0), base 60 or decimal. */
function integerOf(text: string): bigint | undefined {
  let digits = text.replaceAll('_', '');
  const negative = digits[0] === '-';
  if (digits[0] === '-' || digits[0] === '+') digits = digits.slice(1);
  let value: bigint;
  if (digits === '0') return 0n;
  if (digits.startsWith('0b')) {
    if (!/^[01]+$/.test(digits.slice(2))) return undefined;
    value = BigInt(digits);
  } else if (digits.startsWith('0x')) {
    if (!/^[0-9a-fA-F]+$/.test(digits.slice(2))) return undefined;
    value = BigInt(digits);
  } else if (digits[0] === '0') {
    if (!/^[0-7]+$/.test(digits)) return undefined;
    value = BigInt(`0o${digits}`);
  } else if (digits.includes(':')) {
    value = 0n;
    for (const part of digits.split(':')) {
      if (!/^[0-9]+$/.test(part)) return undefined;
      value = value * 60n + BigInt(part);
    }
  } else {
    if (!/^[0-9]+$/.test(digits)) return undefined;
    value = BigInt(digits);
  }
  return negative ? -value : value;
}

/** What Python's float() reads, once PyYAML has dropped underscores and lower-cased the text. */
const PYTHON_FLOAT = /^\s*[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?|inf(?:inity)?|nan)\s*$/;

function pythonFloat(text: string): number | undefined {
  if (!PYTHON_FLOAT.test(text)) return undefined;
  const trimmed = text.trim();
  const unsigned = trimmed.replace(/^[-+]/, '');
  if (unsigned.startsWith('inf')) return trimmed[0] === '-' ? -Infinity : Infinity;
  if (unsigned === 'nan') return NaN;
  return Number(trimmed);
}

/** PyYAML's float constructor: .inf, .nan, base 60 (1:30.5) or Python's float(). */
function floatOf(text: string): number | undefined {
  let value = text.replaceAll('_', '').toLowerCase();
  const sign = value[0] === '-' ? -1 : 1;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  if (value === '.inf') return sign * Infinity;
  if (value === '.nan') return NaN;
  if (value.includes(':')) {
    // Summed from the last part up, as PyYAML does, so that rounding matches.
    let total = 0;
    let base = 1;
    for (const part of value.split(':').reverse()) {
      const digit = pythonFloat(part);
      if (digit === undefined) return undefined;
      total += digit * base;
      base *= 60;
    }
    return sign * total;
  }
  const number = pythonFloat(value);
  return number === undefined ? undefined : sign * number;
}

const TIMESTAMP_PARTS = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

/**
 * A YAML timestamp as the text Python's str() gives the date or datetime PyYAML builds — what Jinja prints.
 * Refused where Python's date and datetime refuse it (a 30th of February, hour 24), as dbt then fails.
 */
function timestampText(text: string, fail: (problem: string) => never): string {
  const parts = TIMESTAMP_PARTS.exec(text);
  if (!parts) return fail(`cannot read '${text}' as a timestamp`);
  const [, year, month, day, hour, minute, second, fraction, zone, zoneSign, zoneHours, zoneMinutes] = parts;
  let offset = '';
  if (zoneSign) {
    const minutes = Number(zoneHours) * 60 + Number(zoneMinutes ?? 0);
    if (minutes >= 24 * 60) fail(`invalid timestamp '${text}': the UTC offset must be less than 24 hours`);
    offset = `${zoneSign === '-' && minutes > 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  } else if (zone) offset = '+00:00';
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (y < 1) fail(`invalid date '${text}': year ${y} is out of range`);
  if (m < 1 || m > 12) fail(`invalid date '${text}': month must be in 1..12`);
  const daysInMonth = new Date(Date.UTC(2000, m, 0)).getUTCDate() - (m === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0);
  if (d < 1 || d > daysInMonth) fail(`invalid date '${text}': day is out of range for month`);
  const date = `${year}-${pad(m)}-${pad(d)}`;
  if (hour === undefined) return date;
  if (Number(hour) > 23) fail(`invalid timestamp '${text}': hour must be in 0..23`);
  if (Number(minute) > 59) fail(`invalid timestamp '${text}': minute must be in 0..59`);
  if (Number(second) > 59) fail(`invalid timestamp '${text}': second must be in 0..59`);
  const micro = (fraction ?? '').slice(0, 6).padEnd(6, '0');
  return `${date} ${pad(Number(hour))}:${minute}:${second}${Number(micro) ? `.${micro}` : ''}${offset}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** !!binary as the text str() gives Python bytes: b'...'. */
function binaryText(text: string, fail: (problem: string) => never): string {
  if (/[^\x00-\x7f]/.test(text)) fail('failed to convert base64 data into ascii');
  // As Python's base64.decodebytes: other characters are skipped and the data ends at its padding.
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, '');
  const data = /^[A-Za-z0-9+/]*/.exec(clean)![0];
  const padding = /^=*/.exec(clean.slice(data.length))![0].length;
  if (data.length % 4 === 1 || padding < (4 - (data.length % 4)) % 4) fail('failed to decode base64 data: incorrect padding');
  const bytes = Buffer.from(data, 'base64');
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let shown = '';
  for (const byte of bytes) {
    if (byte === quote.charCodeAt(0) || byte === 0x5c) shown += `\\${String.fromCharCode(byte)}`;
    else if (byte === 9) shown += '\\t';
    else if (byte === 10) shown += '\\n';
    else if (byte === 13) shown += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) shown += `\\x${byte.toString(16).padStart(2, '0')}`;
    else shown += String.fromCharCode(byte);
  }
  return `b${quote}${shown}${quote}`;
}

/** The name of a mapping key as json.dumps writes it in dbt's manifest.json. */
function keyName(tag: string, value: unknown, text: string): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (tag === INT) return (integerOf(text) ?? 0n).toString();
  if (typeof value === 'number') return pythonFloatText(value);
  return String(value);
}

/** Python's repr of a float: the shortest digits that read back, in fixed notation from 1e-4 up to 1e16. */
function pythonFloatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  const sign = value < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${shown}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}
