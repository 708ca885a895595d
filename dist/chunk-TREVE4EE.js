import { createRequire as __sluiceCreateRequire } from 'node:module';
import { dirname as __sluiceDirname } from 'node:path';
import { fileURLToPath as __sluiceFileURLToPath } from 'node:url';
const require = __sluiceCreateRequire(import.meta.url);
const __filename = __sluiceFileURLToPath(import.meta.url);
const __dirname = __sluiceDirname(__filename);
if (!globalThis.__sluiceQuietBuffer) {
  globalThis.__sluiceQuietBuffer = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) { const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1]; if (code === 'DEP0005') return; return emitWarning.call(this, warning, ...rest); };
}
import {
  SluiceError
} from "./chunk-5FWABYZE.js";

// src/project/yaml-file.ts
import { readFileSync } from "node:fs";
function placeIn(yaml, path) {
  let line;
  return {
    file: yaml.file,
    get line() {
      line ??= yaml.lineOf(path);
      return line;
    }
  };
}
function parseYaml(text, file) {
  const loader = new Loader(text, file);
  const document = loader.load();
  return {
    file,
    value: document.value ?? {},
    lineOf(path) {
      let line = document.line;
      let node = document.value;
      for (const step of path) {
        if (typeof node !== "object" || node === null) break;
        const lines = loader.lines.get(node);
        if (!lines) break;
        if (Array.isArray(node)) {
          if (typeof step !== "number" || step < 0 || step >= node.length) break;
          line = lines[step];
          node = node[step];
        } else {
          const at = lines.lastIndexOf(String(step));
          if (at < 0) break;
          line = lines[at + 1];
          node = node[String(step)];
        }
      }
      return line + 1;
    }
  };
}
function readYaml(file, displayPath = file) {
  return parseYaml(readFileSync(file, "utf8"), displayPath);
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var CHECK_HINT = "check the indentation and the quoting around this line";
var BLOCK_HINT = "indent this line as the other entries of that block are, or further to put it under the entry above";
var TAB_HINT = "YAML does not allow tabs for indentation: indent with spaces";
var STREAM_START = 0;
var STREAM_END = 1;
var DIRECTIVE = 2;
var DOCUMENT_START = 3;
var DOCUMENT_END = 4;
var BLOCK_SEQUENCE_START = 5;
var BLOCK_MAPPING_START = 6;
var BLOCK_END = 7;
var FLOW_SEQUENCE_START = 8;
var FLOW_MAPPING_START = 9;
var FLOW_SEQUENCE_END = 10;
var FLOW_MAPPING_END = 11;
var BLOCK_ENTRY = 12;
var FLOW_ENTRY = 13;
var KEY = 14;
var VALUE = 15;
var ALIAS = 16;
var ANCHOR = 17;
var TAG = 18;
var SCALAR = 19;
var TOKEN_NAMES = [
  "<stream start>",
  "<stream end>",
  "<directive>",
  "<document start>",
  "<document end>",
  "<block sequence start>",
  "<block mapping start>",
  "<block end>",
  "[",
  "{",
  "]",
  "}",
  "-",
  ",",
  "?",
  ":",
  "<alias>",
  "<anchor>",
  "<tag>",
  "<scalar>"
];
var PLAIN = 0;
var SINGLE_QUOTED = 1;
var DOUBLE_QUOTED = 2;
var LITERAL = 3;
var FOLDED = 4;
var Token = class {
  constructor(kind, line, column, value = "", style = PLAIN, handle = null, detail = "") {
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.value = value;
    this.style = style;
    this.handle = handle;
    this.detail = detail;
  }
  kind;
  line;
  column;
  value;
  style;
  handle;
  detail;
};
var TAB = 9;
var LF = 10;
var CR = 13;
var SPACE = 32;
var NEL = 133;
var LS = 8232;
var PS = 8233;
function isBreak(c) {
  return c === LF || c === CR || c === NEL || c === LS || c === PS;
}
function isBreakOrEnd(c) {
  return c === 0 || isBreak(c);
}
function isBlankOrEnd(c) {
  return c === SPACE || c === TAB || c === 0 || isBreak(c);
}
function isWordChar(c) {
  return c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 45 || c === 95;
}
var charTable = (chars) => {
  const table = new Uint8Array(128);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
};
var INDICATORS = charTable("-?:,[]{}#&*!|>'\"%@`");
var FLOW_INDICATORS = charTable(",[]{}");
var BLOCK_PLAIN_STOPS = charTable(" 	\r\n\0");
BLOCK_PLAIN_STOPS[58] = 2;
var FLOW_PLAIN_STOPS = charTable(" 	\r\n\0,[]{}");
FLOW_PLAIN_STOPS[58] = 2;
var AFTER_ANCHOR = charTable("?:,]}%@`");
var URI_CHARS = charTable(";/?:@&=+$,.!~*'()[]");
var ESCAPES = /* @__PURE__ */ new Map([
  ["0", "\0"],
  ["a", "\x07"],
  ["b", "\b"],
  ["t", "	"],
  ["	", "	"],
  ["n", "\n"],
  ["v", "\v"],
  ["f", "\f"],
  ["r", "\r"],
  ["e", "\x1B"],
  [" ", " "],
  ['"', '"'],
  ["\\", "\\"],
  ["/", "/"],
  ["N", ""],
  ["_", " "],
  ["L", "\u2028"],
  ["P", "\u2029"]
]);
var ESCAPE_LENGTHS = /* @__PURE__ */ new Map([["x", 2], ["u", 4], ["U", 8]]);
function quoteChar(c) {
  if (c === 0) return "the end of the file";
  if (c === TAB) return "'\\t'";
  if (isBreak(c)) return "a line break";
  return `'${String.fromCharCode(c)}'`;
}
var Scanner = class {
  constructor(text, fail) {
    this.fail = fail;
    this.text = text + "\0";
    if (text.charCodeAt(0) === 65279) this.pos = this.lineStart = 1;
    this.tokens.push(new Token(STREAM_START, 0, 0));
  }
  fail;
  text;
  pos = 0;
  line = 0;
  lineStart = 0;
  flowLevel = 0;
  indent = -1;
  indents = [];
  /** Whether a simple key (and, in block context, a block collection) may start here. */
  allowSimpleKey = true;
  /** The possible simple key at each flow level, there being at most one per level; each record is reused. */
  simpleKeys = [];
  simpleKeyCount = 0;
  /** Tokens scanned and not yet taken; a ':' may still insert KEY before one of them. */
  tokens = [];
  head = 0;
  tokensTaken = 0;
  done = false;
  peek() {
    while (this.needMoreTokens()) this.fetchMoreTokens();
    return this.tokens[this.head];
  }
  next() {
    const token = this.peek();
    this.head++;
    this.tokensTaken++;
    if (this.head === this.tokens.length && this.head >= 1024) {
      this.tokens.length = 0;
      this.head = 0;
    }
    return token;
  }
  get column() {
    return this.pos - this.lineStart;
  }
  at(offset) {
    return this.text.charCodeAt(this.pos + offset) || 0;
  }
  failHere(problem, hint) {
    return this.fail(problem, this.line, this.column, hint);
  }
  /** Consumes one line break (\r\n counts as one) and returns it as PyYAML folds it. */
  readBreak() {
    const c = this.text.charCodeAt(this.pos);
    this.pos += c === CR && this.text.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    this.line++;
    this.lineStart = this.pos;
    return c === LS || c === PS ? String.fromCharCode(c) : "\n";
  }
  atDocumentMarker() {
    const c = this.at(0);
    return (c === 45 || c === 46) && this.at(1) === c && this.at(2) === c && isBlankOrEnd(this.at(3));
  }
  needMoreTokens() {
    if (this.done) return false;
    if (this.head === this.tokens.length) return true;
    if (this.simpleKeyCount === 0) return false;
    this.staleSimpleKeys();
    for (const key of this.simpleKeys) if (key?.active && key.tokenNumber === this.tokensTaken) return true;
    return false;
  }
  fetchMoreTokens() {
    this.scanToNextToken();
    this.staleSimpleKeys();
    this.unwindIndent(this.column);
    const c = this.at(0);
    const inFlow = this.flowLevel > 0;
    switch (c) {
      case 0:
        return this.fetchStreamEnd();
      case 37:
        if (this.column === 0) return this.fetchDirective();
        break;
      case 45:
        if (this.column === 0 && this.atDocumentMarker()) return this.fetchDocumentIndicator(DOCUMENT_START);
        if (isBlankOrEnd(this.at(1))) return this.fetchBlockEntry();
        break;
      case 46:
        if (this.column === 0 && this.atDocumentMarker()) return this.fetchDocumentIndicator(DOCUMENT_END);
        break;
      case 91:
        return this.fetchFlowCollectionStart(FLOW_SEQUENCE_START);
      case 123:
        return this.fetchFlowCollectionStart(FLOW_MAPPING_START);
      case 93:
        return this.fetchFlowCollectionEnd(FLOW_SEQUENCE_END);
      case 125:
        return this.fetchFlowCollectionEnd(FLOW_MAPPING_END);
      case 44:
        return this.fetchFlowEntry();
      case 63:
        if (inFlow || isBlankOrEnd(this.at(1))) return this.fetchKey();
        break;
      case 58:
        if (inFlow || isBlankOrEnd(this.at(1))) return this.fetchValue();
        break;
      case 42:
        return this.fetchAnchor(ALIAS);
      case 38:
        return this.fetchAnchor(ANCHOR);
      case 33:
        return this.fetchTag();
      case 124:
        if (!inFlow) return this.fetchBlockScalar(false);
        break;
      case 62:
        if (!inFlow) return this.fetchBlockScalar(true);
        break;
      case 39:
        return this.fetchFlowScalar(false);
      case 34:
        return this.fetchFlowScalar(true);
    }
    if (this.canStartPlain(c)) return this.fetchPlain();
    if (c === TAB) this.failHere("found character '\\t' that cannot start any token", TAB_HINT);
    this.failHere(`found character ${quoteChar(c)} that cannot start any token`, "quote the value: this character cannot start a plain one");
  }
  canStartPlain(c) {
    if (!isBlankOrEnd(c) && !(c < 128 && INDICATORS[c])) return true;
    return !isBlankOrEnd(this.at(1)) && (c === 45 || this.flowLevel === 0 && (c === 63 || c === 58));
  }
  scanToNextToken() {
    const text = this.text;
    for (; ; ) {
      let c = text.charCodeAt(this.pos);
      while (c === SPACE || c === TAB && (this.flowLevel > 0 || !this.allowSimpleKey)) c = text.charCodeAt(++this.pos);
      if (c === 35) while (!isBreakOrEnd(c)) c = text.charCodeAt(++this.pos);
      if (!isBreak(c)) return;
      this.readBreak();
      if (this.flowLevel === 0) this.allowSimpleKey = true;
    }
  }
  // Simple keys: a key without '?' is only known to be one when its ':' comes, on the same line.
  staleSimpleKeys() {
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
  longerThanKeyLimit(start) {
    if (this.pos - start <= 1024) return false;
    let count = 0;
    for (let at = start; at < this.pos; at++) {
      const c = this.text.charCodeAt(at);
      if (c < 56320 || c > 57343) count++;
    }
    return count > 1024;
  }
  saveSimpleKey() {
    if (!this.allowSimpleKey) return;
    this.removeSimpleKey();
    const key = this.simpleKeys[this.flowLevel] ??= { active: false, tokenNumber: 0, required: false, pos: 0, line: 0, column: 0 };
    key.active = true;
    key.tokenNumber = this.tokensTaken + this.tokens.length - this.head;
    key.required = this.flowLevel === 0 && this.indent === this.column;
    key.pos = this.pos;
    key.line = this.line;
    key.column = this.column;
    this.simpleKeyCount++;
  }
  removeSimpleKey() {
    const key = this.simpleKeys[this.flowLevel];
    if (!key?.active) return;
    if (key.required) this.failAtKey(key);
    key.active = false;
    this.simpleKeyCount--;
  }
  failAtKey(key) {
    return this.fail("could not find expected ':' after this key", key.line, key.column, "a line at this indentation must be 'key: value'; is a ':' missing, or the line indented too little?");
  }
  // Indentation: block collections open and close by column.
  unwindIndent(column) {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.tokens.push(new Token(BLOCK_END, this.line, this.column));
      this.indent = this.indents.pop();
    }
  }
  addIndent(column) {
    if (this.indent >= column) return false;
    this.indents.push(this.indent);
    this.indent = column;
    return true;
  }
  // Fetchers: one per kind of token, each settling simple keys and indentation as PyYAML does.
  /** Puts a token before queued ones (a key's KEY, found at its ':'); they are few, so shifting them is cheap. */
  insertToken(at, token) {
    const tokens = this.tokens;
    for (let index = tokens.length; index > at; index--) tokens[index] = tokens[index - 1];
    tokens[at] = token;
  }
  push(kind, length = 1) {
    this.tokens.push(new Token(kind, this.line, this.column));
    this.pos += length;
  }
  fetchStreamEnd() {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    for (const key of this.simpleKeys) if (key) key.active = false;
    this.simpleKeyCount = 0;
    this.push(STREAM_END, 0);
    this.done = true;
  }
  fetchDirective() {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanDirective());
  }
  fetchDocumentIndicator(kind) {
    this.unwindIndent(-1);
    this.removeSimpleKey();
    this.allowSimpleKey = false;
    this.push(kind, 3);
  }
  fetchFlowCollectionStart(kind) {
    this.saveSimpleKey();
    this.flowLevel++;
    this.allowSimpleKey = true;
    this.push(kind);
  }
  fetchFlowCollectionEnd(kind) {
    this.removeSimpleKey();
    if (this.flowLevel > 0) this.flowLevel--;
    this.allowSimpleKey = false;
    this.push(kind);
  }
  fetchFlowEntry() {
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    this.push(FLOW_ENTRY);
  }
  fetchBlockEntry() {
    if (this.flowLevel === 0) {
      if (!this.allowSimpleKey) this.failHere("sequence entries are not allowed here", CHECK_HINT);
      if (this.addIndent(this.column)) this.push(BLOCK_SEQUENCE_START, 0);
    }
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    this.push(BLOCK_ENTRY);
  }
  fetchKey() {
    if (this.flowLevel === 0) {
      if (!this.allowSimpleKey) this.failHere("mapping keys are not allowed here", CHECK_HINT);
      if (this.addIndent(this.column)) this.push(BLOCK_MAPPING_START, 0);
    }
    this.allowSimpleKey = this.flowLevel === 0;
    this.removeSimpleKey();
    this.push(KEY);
  }
  fetchValue() {
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
        if (!this.allowSimpleKey) this.failHere("mapping values are not allowed here", "quote a value that holds ': ', or put the key on its own line");
        if (this.addIndent(this.column)) this.push(BLOCK_MAPPING_START, 0);
      }
      this.allowSimpleKey = this.flowLevel === 0;
      this.removeSimpleKey();
    }
    this.push(VALUE);
  }
  fetchAnchor(kind) {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanAnchor(kind));
  }
  fetchTag() {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanTag());
  }
  fetchBlockScalar(folded) {
    this.allowSimpleKey = true;
    this.removeSimpleKey();
    this.tokens.push(this.scanBlockScalar(folded));
  }
  fetchFlowScalar(double) {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanFlowScalar(double));
  }
  fetchPlain() {
    this.saveSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanPlain());
  }
  // Scanners for directives, anchors and tags.
  skipBlanks() {
    while (this.at(0) === SPACE || this.at(0) === TAB) this.pos++;
  }
  scanDirective() {
    const line = this.line;
    const column = this.column;
    this.pos++;
    const start = this.pos;
    while (isWordChar(this.at(0))) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (!name || !isBlankOrEnd(this.at(0))) this.failHere(`expected a directive name, but found ${quoteChar(this.at(0))}`);
    let token;
    if (name === "YAML") {
      this.skipBlanks();
      const versionStart = this.pos;
      while (this.at(0) >= 48 && this.at(0) <= 57) this.pos++;
      if (this.at(0) !== 46 || this.pos === versionStart) this.failHere(`expected a version such as 1.1, but found ${quoteChar(this.at(0))}`);
      this.pos++;
      const minorStart = this.pos;
      while (this.at(0) >= 48 && this.at(0) <= 57) this.pos++;
      if (this.pos === minorStart || !isBlankOrEnd(this.at(0))) this.failHere(`expected a version such as 1.1, but found ${quoteChar(this.at(0))}`);
      token = new Token(DIRECTIVE, line, column, name, PLAIN, null, this.text.slice(versionStart, this.pos));
    } else if (name === "TAG") {
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
  scanAnchor(kind) {
    const line = this.line;
    const column = this.column;
    this.pos++;
    const start = this.pos;
    while (isWordChar(this.at(0))) this.pos++;
    const c = this.at(0);
    if (this.pos === start || !(isBlankOrEnd(c) || c < 128 && AFTER_ANCHOR[c])) {
      this.failHere(`expected alphabetic or numeric character in the ${kind === ALIAS ? "alias" : "anchor"} name, but found ${quoteChar(c)}`, "anchor and alias names hold only letters, digits, '-' and '_'");
    }
    return new Token(kind, line, column, this.text.slice(start, this.pos));
  }
  scanTag() {
    const line = this.line;
    const column = this.column;
    let handle;
    let suffix;
    const next = this.at(1);
    if (next === 60) {
      handle = null;
      this.pos += 2;
      suffix = this.scanTagUri(true);
      if (this.at(0) !== 62) this.failHere(`expected '>', but found ${quoteChar(this.at(0))}`);
      this.pos++;
    } else if (isBlankOrEnd(next)) {
      handle = null;
      suffix = "!";
      this.pos++;
    } else {
      let length = 1;
      let c2 = next;
      while (!isBlankOrEnd(c2) && c2 !== 33) c2 = this.at(++length);
      if (c2 === 33) handle = this.scanTagHandle();
      else {
        handle = "!";
        this.pos++;
      }
      suffix = this.scanTagUri(false);
    }
    const c = this.at(0);
    if (!isBlankOrEnd(c) && !(c === 44 && this.flowLevel > 0)) this.failHere(`expected ' ' after the tag, but found ${quoteChar(c)}`);
    return new Token(TAG, line, column, suffix, PLAIN, handle);
  }
  scanTagHandle() {
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
  scanTagUri(verbatim) {
    let value = "";
    let start = this.pos;
    for (; ; ) {
      const c = this.at(0);
      if (c === 37) {
        value += this.text.slice(start, this.pos) + this.scanUriEscapes();
        start = this.pos;
      } else if (isWordChar(c) || c < 128 && URI_CHARS[c] && (verbatim || c !== 44 && c !== 91 && c !== 93)) {
        this.pos++;
      } else break;
    }
    value += this.text.slice(start, this.pos);
    if (!value) this.failHere(`expected a tag URI, but found ${quoteChar(this.at(0))}`);
    return value;
  }
  scanUriEscapes() {
    const bytes = [];
    while (this.at(0) === 37) {
      const hex = this.text.slice(this.pos + 1, this.pos + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) this.failHere("expected a URI escape of 2 hexadecimal digits");
      bytes.push(parseInt(hex, 16));
      this.pos += 3;
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
    } catch {
      return this.failHere("the URI escapes in this tag are not UTF-8");
    }
  }
  // Scanners for scalars.
  scanBlockScalar(folded) {
    const line = this.line;
    const column = this.column;
    this.pos++;
    let chomping = 0;
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
      if (c === 48) this.failHere("expected indentation indicator in the range 1-9, but found 0");
      increment = c - 48;
      this.pos++;
    };
    if (readChomping()) readIncrement();
    else {
      readIncrement();
      if (increment) readChomping();
    }
    if (!isBlankOrEnd(this.at(0)) && this.at(0) !== 35) this.failHere(`expected chomping or indentation indicators, but found ${quoteChar(this.at(0))}`);
    this.skipBlanks();
    if (this.at(0) === 35) while (!isBreakOrEnd(this.at(0))) this.pos++;
    if (!isBreakOrEnd(this.at(0))) this.failHere(`expected a comment or a line break, but found ${quoteChar(this.at(0))}`);
    if (isBreak(this.at(0))) this.readBreak();
    const minIndent = Math.max(this.indent + 1, 1);
    let indent;
    let breaks = "";
    if (increment === 0) {
      let maxIndent = 0;
      for (; ; ) {
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
    let value = "";
    let lineBreak = "";
    while (this.column === indent && this.at(0) !== 0) {
      value += breaks;
      const leadingNonSpace = this.at(0) !== SPACE && this.at(0) !== TAB;
      const start = this.pos;
      while (!isBreakOrEnd(this.at(0))) this.pos++;
      value += this.text.slice(start, this.pos);
      lineBreak = isBreak(this.at(0)) ? this.readBreak() : "";
      breaks = this.blockScalarBreaks(indent);
      if (this.column !== indent || this.at(0) === 0) break;
      if (folded && lineBreak === "\n" && leadingNonSpace && this.at(0) !== SPACE && this.at(0) !== TAB) {
        if (!breaks) value += " ";
      } else value += lineBreak;
    }
    if (chomping !== -1) value += lineBreak;
    if (chomping === 1) value += breaks;
    return new Token(SCALAR, line, column, value, folded ? FOLDED : LITERAL);
  }
  blockScalarBreaks(indent) {
    let breaks = "";
    while (this.column < indent && this.at(0) === SPACE) this.pos++;
    while (isBreak(this.at(0))) {
      breaks += this.readBreak();
      while (this.column < indent && this.at(0) === SPACE) this.pos++;
    }
    return breaks;
  }
  scanFlowScalar(double) {
    const line = this.line;
    const column = this.column;
    const quote = double ? 34 : 39;
    this.pos++;
    let value = this.flowScalarNonSpaces(double);
    while (this.at(0) !== quote) {
      value += this.flowScalarSpaces(line, column);
      value += this.flowScalarNonSpaces(double);
    }
    this.pos++;
    return new Token(SCALAR, line, column, value, double ? DOUBLE_QUOTED : SINGLE_QUOTED);
  }
  flowScalarNonSpaces(double) {
    const text = this.text;
    let value = "";
    for (; ; ) {
      const start = this.pos;
      let c = text.charCodeAt(this.pos);
      while (c !== 39 && c !== 34 && c !== 92 && c !== SPACE && c !== TAB && c !== 0 && !isBreak(c)) c = text.charCodeAt(++this.pos);
      if (this.pos > start) value += text.slice(start, this.pos);
      if (!double && c === 39 && this.at(1) === 39) {
        value += "'";
        this.pos += 2;
      } else if (double && c === 39 || !double && (c === 34 || c === 92)) {
        value += text[this.pos];
        this.pos++;
      } else if (double && c === 92) {
        this.pos++;
        const escape = text[this.pos];
        const replacement = ESCAPES.get(escape);
        const length = ESCAPE_LENGTHS.get(escape);
        if (replacement !== void 0) {
          value += replacement;
          this.pos++;
        } else if (length !== void 0) {
          this.pos++;
          const hex = text.slice(this.pos, this.pos + length);
          if (hex.length !== length || !/^[0-9A-Fa-f]*$/.test(hex)) this.failHere(`expected escape sequence of ${length} hexadecimal numbers`);
          const code = parseInt(hex, 16);
          if (code > 1114111) this.failHere(`the escape \\${escape}${hex} is not a Unicode character`);
          value += String.fromCodePoint(code);
          this.pos += length;
        } else if (isBreak(text.charCodeAt(this.pos))) {
          this.readBreak();
          value += this.flowScalarBreaks();
        } else {
          this.failHere(`found unknown escape character ${quoteChar(text.charCodeAt(this.pos))}`, "a backslash in double quotes starts an escape: write \\\\ for a backslash, or use single quotes");
        }
      } else return value;
    }
  }
  flowScalarSpaces(line, column) {
    const start = this.pos;
    this.skipBlanks();
    const c = this.at(0);
    if (c === 0) this.failHere(`found unexpected end of stream while scanning the quoted scalar that starts at line ${line + 1}, column ${column + 1}`, "close the quote");
    if (!isBreak(c)) return this.text.slice(start, this.pos);
    const lineBreak = this.readBreak();
    const breaks = this.flowScalarBreaks();
    if (lineBreak !== "\n") return lineBreak + breaks;
    return breaks || " ";
  }
  flowScalarBreaks() {
    let breaks = "";
    for (; ; ) {
      if (this.atDocumentMarker()) this.failHere("found unexpected document separator inside a quoted scalar", "close the quote");
      this.skipBlanks();
      if (!isBreak(this.at(0))) return breaks;
      breaks += this.readBreak();
    }
  }
  scanPlain() {
    const text = this.text;
    const line = this.line;
    const column = this.column;
    const indent = this.indent + 1;
    const inFlow = this.flowLevel > 0;
    const stops = inFlow ? FLOW_PLAIN_STOPS : BLOCK_PLAIN_STOPS;
    let sliceStart = -1;
    let sliceEnd = -1;
    let folded;
    let joiner = "";
    let p = this.pos;
    for (; ; ) {
      let c = text.charCodeAt(p);
      if (c === 35) break;
      const start = p;
      for (; ; ) {
        if (c < 128) {
          const stop = stops[c];
          if (stop === 1) break;
          if (stop === 2) {
            const next = text.charCodeAt(p + 1);
            if (isBlankOrEnd(next) || inFlow && next < 128 && FLOW_INDICATORS[next]) break;
            if (inFlow && next === 63) this.fail("found unexpected ':' inside a plain scalar", this.line, p - this.lineStart, "quote the value");
          }
        } else if (c === NEL || c === LS || c === PS) break;
        c = text.charCodeAt(++p);
      }
      if (p === start) break;
      this.allowSimpleKey = false;
      if (folded !== void 0) folded += joiner + text.slice(start, p);
      else {
        if (sliceStart < 0) sliceStart = start;
        sliceEnd = p;
      }
      let after = p;
      while (c === SPACE || c === TAB) c = text.charCodeAt(++after);
      if (!isBreak(c)) {
        if (after === p || c === 35) break;
        if (folded !== void 0) joiner = text.slice(p, after);
        p = after;
        continue;
      }
      this.pos = after;
      joiner = this.foldPlainBreaks(indent);
      p = this.pos;
      if (!joiner || text.charCodeAt(p) === 35 || !inFlow && p - this.lineStart < indent) break;
      folded ??= text.slice(sliceStart, sliceEnd);
    }
    this.pos = p;
    return new Token(SCALAR, line, column, folded ?? text.slice(sliceStart, sliceEnd), PLAIN);
  }
  /** The line breaks after a line of a plain scalar, folded as they join the next line; '' ends the scalar. */
  foldPlainBreaks(indent) {
    const text = this.text;
    const lineBreak = this.readBreak();
    this.allowSimpleKey = true;
    if (this.atDocumentMarker()) return "";
    let breaks = "";
    for (; ; ) {
      const c = text.charCodeAt(this.pos);
      if (c === SPACE) this.pos++;
      else if (c === TAB) {
        if (this.column < indent) this.failHere("found a tab character that violates indentation", TAB_HINT);
        this.pos++;
      } else if (isBreak(c)) {
        breaks += this.readBreak();
        if (this.atDocumentMarker()) return "";
      } else break;
    }
    if (lineBreak !== "\n") return lineBreak + breaks;
    return breaks || " ";
  }
};
var YAML_TAG = "tag:yaml.org,2002:";
var STR = `${YAML_TAG}str`;
var INT = `${YAML_TAG}int`;
var FLOAT = `${YAML_TAG}float`;
var BOOL = `${YAML_TAG}bool`;
var NULL = `${YAML_TAG}null`;
var TIMESTAMP = `${YAML_TAG}timestamp`;
var BINARY = `${YAML_TAG}binary`;
var MERGE = `${YAML_TAG}merge`;
var VALUE_KEY = `${YAML_TAG}value`;
var SEQ = `${YAML_TAG}seq`;
var MAP = `${YAML_TAG}map`;
var SET = `${YAML_TAG}set`;
var OMAP = `${YAML_TAG}omap`;
var PAIRS = `${YAML_TAG}pairs`;
var SCALAR_TAGS = /* @__PURE__ */ new Set([STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, BINARY]);
var DEFAULT_TAG_HANDLES = /* @__PURE__ */ new Map([["!", "!"], ["!!", YAML_TAG]]);
var SCALAR_NODE = 0;
var SEQUENCE_NODE = 1;
var MAPPING_NODE = 2;
var NODE_NAMES = ["scalar", "sequence", "mapping"];
var MERGE_KEY = /* @__PURE__ */ Symbol("merge key");
var Loader = class {
  constructor(text, file) {
    this.text = text;
    this.file = file;
    this.scanner = new Scanner(text, this.fail);
  }
  text;
  file;
  /** Every mapping's keys and their lines (key, line, key, line…), every sequence's items' lines. */
  lines = /* @__PURE__ */ new Map();
  scanner;
  anchors = /* @__PURE__ */ new Map();
  tagHandles = DEFAULT_TAG_HANDLES;
  // What parseNode last read, besides its value: PyYAML's node kind and tag, its first line and a scalar's text.
  lastKind = SCALAR_NODE;
  lastTag = STR;
  lastLine = 0;
  lastText = "";
  fail = (problem, line, column, hint = CHECK_HINT) => {
    throw new SluiceError(`Invalid YAML: ${problem}`, { file: this.file, line: line + 1, column: column + 1, hint });
  };
  failAt(token, problem, hint) {
    return this.fail(problem, token.line, token.column, hint);
  }
  load() {
    this.checkPrintable();
    const scanner = this.scanner;
    scanner.next();
    let document;
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
    if (another) this.failAt(another, "expected a single document in the file, but found another document", "dbt reads one document per file: remove the second '---'");
    return document ?? { value: null, line: 0 };
  }
  /** PyYAML's reader refuses control characters (other than tab and line breaks) anywhere in the file. */
  checkPrintable() {
    const match = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(this.text);
    if (!match) return;
    const before = this.text.slice(0, match.index);
    const lines = before.split(/\r\n|[\r\n\x85\u2028\u2029]/);
    const code = match[0].codePointAt(0).toString(16).padStart(4, "0");
    this.fail(`special characters are not allowed (found #x${code})`, lines.length - 1, lines[lines.length - 1].length, "remove the control character; an editor that shows invisible characters helps find it");
  }
  /** Skips document end markers and, if another document follows, reads its directives and returns its '---'. */
  startExplicitDocument() {
    const scanner = this.scanner;
    while (scanner.peek().kind === DOCUMENT_END) scanner.next();
    if (scanner.peek().kind === STREAM_END) return void 0;
    this.readDirectives();
    const token = scanner.peek();
    if (token.kind !== DOCUMENT_START) this.failAt(token, `expected '<document start>', but found '${TOKEN_NAMES[token.kind]}'`);
    return scanner.next();
  }
  readDirectives() {
    const handles = /* @__PURE__ */ new Map();
    let version;
    while (this.scanner.peek().kind === DIRECTIVE) {
      const token = this.scanner.next();
      if (token.value === "YAML") {
        if (version !== void 0) this.failAt(token, "found duplicate YAML directive");
        if (token.detail.split(".")[0].replace(/^0+(?=\d)/, "") !== "1") this.failAt(token, "found incompatible YAML document (version 1.* is required)");
        version = token.detail;
      } else if (token.value === "TAG") {
        if (handles.has(token.handle)) this.failAt(token, `duplicate tag handle '${token.handle}'`);
        handles.set(token.handle, token.detail);
      }
    }
    for (const [handle, prefix] of DEFAULT_TAG_HANDLES) if (!handles.has(handle)) handles.set(handle, prefix);
    this.tagHandles = handles;
  }
  /**
   * Reads one node and returns its value; `lastKind`, `lastTag`, `lastLine` and `lastText` describe it.
   * A key's plain '<<' or '=' is returned as text, for the mapping to handle.
   */
  parseNode(block, indentlessSequence, key) {
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
    let anchor;
    let tagToken;
    if (first.kind === ANCHOR) {
      anchor = scanner.next();
      if (scanner.peek().kind === TAG) tagToken = scanner.next();
    } else if (first.kind === TAG) {
      tagToken = scanner.next();
      if (scanner.peek().kind === ANCHOR) anchor = scanner.next();
    }
    let tag = null;
    if (tagToken) {
      if (tagToken.handle === null) tag = tagToken.value;
      else {
        const prefix = this.tagHandles.get(tagToken.handle);
        if (prefix === void 0) this.failAt(tagToken, `found undefined tag handle '${tagToken.handle}'`, `declare it with a %TAG directive, or use '!!'`);
        tag = prefix + tagToken.value;
      }
    }
    if (anchor) {
      const earlier = this.anchors.get(anchor.value);
      if (earlier) this.failAt(anchor, `found duplicate anchor '${anchor.value}'; first occurrence at line ${earlier.line + 1}`, "give each anchor its own name");
    }
    const anchorName = anchor?.value;
    const line = first.line;
    const token = scanner.peek();
    let value;
    if (indentlessSequence && token.kind === BLOCK_ENTRY) value = this.parseSequence(anchorName, tag, line, false, true);
    else if (token.kind === SCALAR) {
      scanner.next();
      value = this.parseScalar(token.value, tag, token.style === PLAIN, first, anchorName, key);
    } else if (token.kind === FLOW_SEQUENCE_START) value = this.parseSequence(anchorName, tag, line, true, false);
    else if (token.kind === FLOW_MAPPING_START) value = this.parseMapping(anchorName, tag, line, true);
    else if (block && token.kind === BLOCK_SEQUENCE_START) value = this.parseSequence(anchorName, tag, line, false, false);
    else if (block && token.kind === BLOCK_MAPPING_START) value = this.parseMapping(anchorName, tag, line, false);
    else if (anchor || tagToken) {
      value = this.parseScalar("", tag, true, first, anchorName, key);
    } else {
      this.failAt(token, `expected the node content, but found '${TOKEN_NAMES[token.kind]}'`, token.kind === STREAM_END ? "is a closing bracket or quote missing?" : CHECK_HINT);
    }
    this.lastLine = line;
    return value;
  }
  /** `start` is the node's first token (its tag or anchor if it has one), where PyYAML reports what it cannot construct. */
  parseScalar(text, tag, plain, start, anchor, key) {
    const resolved = tag === null || tag === "!" ? plain || tag === "!" ? resolveImplicit(text) : STR : tag;
    const value = this.constructScalar(resolved, text, start, key);
    this.lastKind = SCALAR_NODE;
    this.lastTag = resolved;
    this.lastText = text;
    if (anchor !== void 0) this.anchors.set(anchor, { value, kind: SCALAR_NODE, tag: resolved, text, line: start.line });
    return value;
  }
  constructScalar(tag, text, token, key) {
    if (tag === STR) return text;
    const fail = (problem, hint = "quote the value to keep it as text") => this.failAt(token, problem, hint);
    switch (tag) {
      case NULL:
        return null;
      case BOOL:
        return BOOLEANS.get(text.toLowerCase()) ?? fail(`cannot read '${text}' as a boolean`);
      case INT: {
        const value = integerOf(text);
        return value === void 0 ? fail(`cannot read '${text}' as an integer`) : Number(value);
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
      return fail(`expected a ${tag === SEQ || tag === OMAP || tag === PAIRS ? "sequence" : "mapping"} node, but found scalar`, CHECK_HINT);
    }
    return fail(`could not determine a constructor for the tag '${tag}'`, "dbt reads YAML with PyYAML's safe loader, which knows only the standard tags such as !!str and !!int");
  }
  /** Reads a key and names it; '<<' (the merge key) comes back as MERGE_KEY. */
  parseKey(block) {
    const start = this.scanner.peek();
    const value = this.parseNode(block, block, true);
    if (this.lastTag === MERGE) return MERGE_KEY;
    if (this.lastKind !== SCALAR_NODE) {
      this.failAt(start, "found unhashable key: a mapping key cannot be a list or a mapping", `a value that starts with '{' or '[' must be quoted, as Jinja must be: "{{ doc('orders') }}"`);
    }
    return keyName(this.lastTag, value, this.lastText);
  }
  /** A block sequence, an indentless one (items at the parent key's indentation) or a flow sequence. */
  parseSequence(anchor, tag, line, flow, indentless) {
    const scanner = this.scanner;
    const special = this.collectionTag(tag, SEQUENCE_NODE, scanner.peek());
    if (!indentless) scanner.next();
    const list = [];
    const lines = [];
    if (anchor !== void 0 && !special) this.anchors.set(anchor, { value: list, kind: SEQUENCE_NODE, tag: SEQ, text: "", line });
    if (flow) {
      for (let first = true; ; first = false) {
        let token = scanner.peek();
        if (token.kind === FLOW_SEQUENCE_END) break;
        if (!first) {
          if (token.kind !== FLOW_ENTRY) this.failAt(token, `expected ',' or ']', but got '${TOKEN_NAMES[token.kind]}' in the flow sequence that starts at line ${line + 1}`, "is a comma or a closing bracket missing?");
          scanner.next();
          token = scanner.peek();
        }
        if (token.kind === KEY) {
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
        const empty = token.kind === BLOCK_ENTRY || token.kind === BLOCK_END || indentless && (token.kind === KEY || token.kind === VALUE);
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
    let value = list;
    if (special) {
      value = list.map((item, index) => {
        if (!isRecord(item) || Object.keys(item).length !== 1) this.fail(`expected a mapping of one pair in the !!${special}`, lines[index], 0);
        return Object.entries(item)[0];
      });
      this.lines.set(value, lines);
      if (anchor !== void 0) this.anchors.set(anchor, { value, kind: SEQUENCE_NODE, tag, text: "", line });
    }
    this.lastKind = SEQUENCE_NODE;
    this.lastTag = tag ?? SEQ;
    return value;
  }
  /** Returns 'omap', 'pairs' or 'set' for those tags, undefined for the plain collection; refuses the rest. */
  collectionTag(tag, kind, token) {
    if (tag === null || tag === "!" || tag === (kind === SEQUENCE_NODE ? SEQ : MAP)) return void 0;
    if (kind === SEQUENCE_NODE && (tag === OMAP || tag === PAIRS)) return tag.slice(YAML_TAG.length);
    if (kind === MAPPING_NODE && tag === SET) return "set";
    if (SCALAR_TAGS.has(tag)) this.failAt(token, `expected a scalar node, but found ${NODE_NAMES[kind]}`);
    if (tag === SEQ || tag === MAP || tag === SET || tag === OMAP || tag === PAIRS) {
      this.failAt(token, `expected a ${tag === MAP || tag === SET ? "mapping" : "sequence"} node, but found ${NODE_NAMES[kind]}`);
    }
    return this.failAt(token, `could not determine a constructor for the tag '${tag}'`, "dbt reads YAML with PyYAML's safe loader, which knows only the standard tags such as !!str and !!int");
  }
  parseMapping(anchor, tag, line, flow) {
    const scanner = this.scanner;
    const special = this.collectionTag(tag, MAPPING_NODE, scanner.peek());
    scanner.next();
    const mapping = new MappingBuilder(this);
    if (anchor !== void 0 && !special) this.anchors.set(anchor, { value: mapping.map, kind: MAPPING_NODE, tag: MAP, text: "", line });
    if (flow) {
      for (let first = true; ; first = false) {
        let token = scanner.peek();
        if (token.kind === FLOW_MAPPING_END) break;
        if (!first) {
          if (token.kind !== FLOW_ENTRY) this.failAt(token, `expected ',' or '}', but got '${TOKEN_NAMES[token.kind]}' in the flow mapping that starts at line ${line + 1}`, "is a comma or a closing brace missing?");
          scanner.next();
          token = scanner.peek();
        }
        if (token.kind === KEY) {
          scanner.next();
          const next = scanner.peek().kind;
          const empty = next === VALUE || next === FLOW_ENTRY || next === FLOW_MAPPING_END;
          const key = empty ? "null" : this.parseKey(false);
          this.addPair(mapping, key, empty ? token.line : this.lastLine, FLOW_MAPPING_END);
        } else if (token.kind !== FLOW_MAPPING_END) {
          const key = this.parseKey(false);
          mapping.add(key, this.lastLine, null, SCALAR_NODE, this.lastLine);
        }
      }
      scanner.next();
    } else {
      for (; ; ) {
        const token = scanner.peek();
        if (token.kind === BLOCK_END) break;
        if (token.kind !== KEY) this.failAt(token, `expected <block end>, but found '${TOKEN_NAMES[token.kind]}' in the block mapping that starts at line ${line + 1}`, BLOCK_HINT);
        scanner.next();
        const next = scanner.peek().kind;
        const empty = next === KEY || next === VALUE || next === BLOCK_END;
        const key = empty ? "null" : this.parseKey(true);
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
    if (anchor !== void 0) this.anchors.set(anchor, { value: keys, kind: MAPPING_NODE, tag: SET, text: "", line });
    return keys;
  }
  /** After a key: reads ': value' if there is one (else the value is null) and adds the pair. */
  addPair(mapping, key, keyLine, end) {
    const scanner = this.scanner;
    let value = null;
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
  parseFlowPair(keyToken) {
    const scanner = this.scanner;
    scanner.next();
    const next = scanner.peek().kind;
    const empty = next === VALUE || next === FLOW_ENTRY || next === FLOW_SEQUENCE_END;
    const key = empty ? "null" : this.parseKey(false);
    const mapping = new MappingBuilder(this);
    this.addPair(mapping, key, empty ? keyToken.line : this.lastLine, FLOW_SEQUENCE_END);
    this.lastKind = MAPPING_NODE;
    this.lastTag = MAP;
    return mapping.finish();
  }
  /** Merge sources in PyYAML's order: for `<<: [*a, *b]`, b first, so that a, merged later, wins. */
  mergeSources(value, kind, line) {
    if (kind === MAPPING_NODE && isRecord(value)) return [value];
    if (kind === SEQUENCE_NODE && Array.isArray(value)) {
      const lines = this.lines.get(value);
      return value.map((item, index) => {
        if (!isRecord(item)) this.fail("expected a mapping for merging, but found something else", lines?.[index] ?? line, 0, "<< takes a mapping or a list of mappings, e.g. <<: [*defaults, *more]");
        return item;
      }).reverse();
    }
    return this.fail(`expected a mapping or list of mappings for merging, but found ${NODE_NAMES[kind]}`, line, 0, "<< takes a mapping or a list of mappings, e.g. <<: *defaults");
  }
};
var MappingBuilder = class {
  constructor(loader) {
    this.loader = loader;
  }
  loader;
  map = {};
  lines = [];
  merges;
  add(key, keyLine, value, kind, valueLine) {
    if (key === MERGE_KEY) {
      this.merges ??= [];
      this.merges.push(...this.loader.mergeSources(value, kind, valueLine));
      return;
    }
    setEntry(this.map, key, value);
    this.lines.push(key, keyLine);
  }
  lineOf(key) {
    return this.lines[this.lines.lastIndexOf(key) + 1];
  }
  finish() {
    const map = this.map;
    if (this.merges) {
      const own = Object.entries(map);
      for (const key of Object.keys(map)) delete map[key];
      const lines = [];
      for (const source of this.merges) {
        for (const [key, value] of Object.entries(source)) setEntry(map, key, value);
        lines.push(...this.loader.lines.get(source) ?? []);
      }
      for (const [key, value] of own) setEntry(map, key, value);
      this.lines = [...lines, ...this.lines];
    }
    this.loader.lines.set(map, this.lines);
    return map;
  }
};
function setEntry(map, key, value) {
  if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
var BOOL_PATTERN = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
var NULL_PATTERN = /^(?:~|null|Null|NULL)$/;
var FLOAT_PATTERN = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
var INT_PATTERN = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
var TIMESTAMP_PATTERN = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;
function resolveImplicit(text) {
  if (text === "") return NULL;
  const first = text.charCodeAt(0);
  switch (first) {
    case 121:
    case 89:
    case 116:
    case 84:
    case 102:
    case 70:
    case 111:
    case 79:
      return text.length <= 5 && BOOL_PATTERN.test(text) ? BOOL : STR;
    case 110:
    case 78:
      if (text.length > 5) return STR;
      return BOOL_PATTERN.test(text) ? BOOL : NULL_PATTERN.test(text) ? NULL : STR;
    case 126:
      return text === "~" ? NULL : STR;
    case 60:
      return text === "<<" ? MERGE : STR;
    case 61:
      return text === "=" ? VALUE_KEY : STR;
    case 43:
    case 45:
    case 46:
      return FLOAT_PATTERN.test(text) ? FLOAT : first !== 46 && INT_PATTERN.test(text) ? INT : STR;
  }
  if (first >= 48 && first <= 57) {
    if (FLOAT_PATTERN.test(text)) return FLOAT;
    if (INT_PATTERN.test(text)) return INT;
    if (TIMESTAMP_PATTERN.test(text)) return TIMESTAMP;
  }
  return STR;
}
var BOOLEANS = /* @__PURE__ */ new Map([["yes", true], ["no", false], ["true", true], ["false", false], ["on", true], ["off", false]]);
function integerOf(text) {
  let digits = text.replaceAll("_", "");
  const negative = digits[0] === "-";
  if (digits[0] === "-" || digits[0] === "+") digits = digits.slice(1);
  let value;
  if (digits === "0") return 0n;
  if (digits.startsWith("0b")) {
    if (!/^[01]+$/.test(digits.slice(2))) return void 0;
    value = BigInt(digits);
  } else if (digits.startsWith("0x")) {
    if (!/^[0-9a-fA-F]+$/.test(digits.slice(2))) return void 0;
    value = BigInt(digits);
  } else if (digits[0] === "0") {
    if (!/^[0-7]+$/.test(digits)) return void 0;
    value = BigInt(`0o${digits}`);
  } else if (digits.includes(":")) {
    value = 0n;
    for (const part of digits.split(":")) {
      if (!/^[0-9]+$/.test(part)) return void 0;
      value = value * 60n + BigInt(part);
    }
  } else {
    if (!/^[0-9]+$/.test(digits)) return void 0;
    value = BigInt(digits);
  }
  return negative ? -value : value;
}
var PYTHON_FLOAT = /^\s*[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?|inf(?:inity)?|nan)\s*$/;
function pythonFloat(text) {
  if (!PYTHON_FLOAT.test(text)) return void 0;
  const trimmed = text.trim();
  const unsigned = trimmed.replace(/^[-+]/, "");
  if (unsigned.startsWith("inf")) return trimmed[0] === "-" ? -Infinity : Infinity;
  if (unsigned === "nan") return NaN;
  return Number(trimmed);
}
function floatOf(text) {
  let value = text.replaceAll("_", "").toLowerCase();
  const sign = value[0] === "-" ? -1 : 1;
  if (value[0] === "-" || value[0] === "+") value = value.slice(1);
  if (value === ".inf") return sign * Infinity;
  if (value === ".nan") return NaN;
  if (value.includes(":")) {
    let total = 0;
    let base = 1;
    for (const part of value.split(":").reverse()) {
      const digit = pythonFloat(part);
      if (digit === void 0) return void 0;
      total += digit * base;
      base *= 60;
    }
    return sign * total;
  }
  const number = pythonFloat(value);
  return number === void 0 ? void 0 : sign * number;
}
var TIMESTAMP_PARTS = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;
function timestampText(text, fail) {
  const parts = TIMESTAMP_PARTS.exec(text);
  if (!parts) return fail(`cannot read '${text}' as a timestamp`);
  const [, year, month, day, hour, minute, second, fraction, zone, zoneSign, zoneHours, zoneMinutes] = parts;
  let offset = "";
  if (zoneSign) {
    const minutes = Number(zoneHours) * 60 + Number(zoneMinutes ?? 0);
    if (minutes >= 24 * 60) fail(`invalid timestamp '${text}': the UTC offset must be less than 24 hours`);
    offset = `${zoneSign === "-" && minutes > 0 ? "-" : "+"}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  } else if (zone) offset = "+00:00";
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (y < 1) fail(`invalid date '${text}': year ${y} is out of range`);
  if (m < 1 || m > 12) fail(`invalid date '${text}': month must be in 1..12`);
  const daysInMonth = new Date(Date.UTC(2e3, m, 0)).getUTCDate() - (m === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0);
  if (d < 1 || d > daysInMonth) fail(`invalid date '${text}': day is out of range for month`);
  const date = `${year}-${pad(m)}-${pad(d)}`;
  if (hour === void 0) return date;
  if (Number(hour) > 23) fail(`invalid timestamp '${text}': hour must be in 0..23`);
  if (Number(minute) > 59) fail(`invalid timestamp '${text}': minute must be in 0..59`);
  if (Number(second) > 59) fail(`invalid timestamp '${text}': second must be in 0..59`);
  const micro = (fraction ?? "").slice(0, 6).padEnd(6, "0");
  return `${date} ${pad(Number(hour))}:${minute}:${second}${Number(micro) ? `.${micro}` : ""}${offset}`;
}
function pad(value) {
  return String(value).padStart(2, "0");
}
function binaryText(text, fail) {
  if (/[^\x00-\x7f]/.test(text)) fail("failed to convert base64 data into ascii");
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, "");
  const data = /^[A-Za-z0-9+/]*/.exec(clean)[0];
  const padding = /^=*/.exec(clean.slice(data.length))[0].length;
  if (data.length % 4 === 1 || padding < (4 - data.length % 4) % 4) fail("failed to decode base64 data: incorrect padding");
  const bytes = Buffer.from(data, "base64");
  const quote = bytes.includes(39) && !bytes.includes(34) ? '"' : "'";
  let shown = "";
  for (const byte of bytes) {
    if (byte === quote.charCodeAt(0) || byte === 92) shown += `\\${String.fromCharCode(byte)}`;
    else if (byte === 9) shown += "\\t";
    else if (byte === 10) shown += "\\n";
    else if (byte === 13) shown += "\\r";
    else if (byte < 32 || byte >= 127) shown += `\\x${byte.toString(16).padStart(2, "0")}`;
    else shown += String.fromCharCode(byte);
  }
  return `b${quote}${shown}${quote}`;
}
function keyName(tag, value, text) {
  if (typeof value === "string") return value;
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (tag === INT) return (integerOf(text) ?? 0n).toString();
  if (typeof value === "number") return pythonFloatText(value);
  return String(value);
}
function pythonFloatText(value) {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = Math.abs(value).toExponential().split("e");
  const exponent = Number(exponentText);
  const digits = mantissa.replace(".", "");
  const sign = value < 0 ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${shown}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${"0".repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

export {
  placeIn,
  parseYaml,
  readYaml,
  isRecord
};
