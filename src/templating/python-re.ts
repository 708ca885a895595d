/**
 * Python's `re` as dbt templates reach it (`modules.re`). Patterns are parsed with Python's grammar
 * and rewritten as JavaScript `u`-mode regular expressions wherever the two differ — `\w`, `\d`, `\s`,
 * `\b` are Unicode as in Python, `.` stops only at `\n`, `$` also matches before a final newline,
 * `(?P<name>…)`, `(?P=name)`, inline and verbose flags, `{,n}` — and a construct JavaScript cannot
 * express (conditionals, atomic groups, possessive quantifiers, `\N{…}`, case-insensitivity switched
 * for part of a pattern) is refused with re.error rather than matched differently.
 *
 * Searching follows Python 3.7+: an empty match may follow a non-empty one, and after an empty match
 * the search resumes at the same place wanting a non-empty match. Positions are code points.
 */
import { bindArgs, REQUIRED, type Kwargs, type Signature } from './python-args.js';
import { call, pyFunction, splitKeywordArgs, type JinjaFunction } from './jinja-runtime.js';
import { PyIterator, PyTuple, isInt, isStr, pyError, pyRepr, strRepr, strValue, toNumber, typeName } from './python-values.js';

// ---------------------------------------------------------------- flags

export const RE_FLAGS = {
  NOFLAG: 0,
  TEMPLATE: 1,
  IGNORECASE: 2,
  LOCALE: 4,
  MULTILINE: 8,
  DOTALL: 16,
  UNICODE: 32,
  VERBOSE: 64,
  ASCII: 256,
} as const;
const { IGNORECASE, LOCALE, MULTILINE, DOTALL, UNICODE, VERBOSE, ASCII } = RE_FLAGS;

const INLINE_FLAGS: Record<string, number> = { a: ASCII, i: IGNORECASE, L: LOCALE, m: MULTILINE, s: DOTALL, u: UNICODE, x: VERBOSE };
const FLAG_NAMES: Array<[number, string]> = [
  [IGNORECASE, 're.IGNORECASE'],
  [LOCALE, 're.LOCALE'],
  [MULTILINE, 're.MULTILINE'],
  [DOTALL, 're.DOTALL'],
  [UNICODE, 're.UNICODE'],
  [VERBOSE, 're.VERBOSE'],
  [ASCII, 're.ASCII'],
];

function reError(message: string, position?: number, hint?: string): never {
  throw pyError('re.error', position === undefined ? message : `${message} at position ${position}`, hint);
}

function unsupported(what: string, position: number): never {
  reError(`Sluice cannot translate ${what} to a JavaScript regular expression`, position, 'JavaScript has no equivalent; rewrite the pattern without it');
}

// ---------------------------------------------------------------- Python's character classes, in u mode
// (not v mode, which would nest classes: Node 20's V8 mis-matches `/(?:a[^c])+/v`).

// Python's \w is str.isalnum() or '_'; \d is Unicode decimal digits; \s is str.isspace().
const WORD_SET = '\\p{L}\\p{N}_';
const DIGIT_SET = '\\p{Nd}';
const SPACE_SET = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const ASCII_WORD_SET = 'a-zA-Z0-9_';
const ASCII_DIGIT_SET = '0-9';
const ASCII_SPACE_SET = ' \\t\\n\\r\\f\\v';

const ANY = '[\\s\\S]';
const AT_START = `(?<!${ANY})`;
const AT_END = `(?!${ANY})`;

/** A literal code point, safe anywhere in a u-mode pattern, in or out of a class. */
function literal(codePoint: number): string {
  const ch = String.fromCodePoint(codePoint);
  return /[A-Za-z0-9]/.test(ch) ? ch : `\\u{${codePoint.toString(16)}}`;
}

const PY_WHITESPACE = ' \t\n\r\v\f';
const ASCII_LETTERS = /[A-Za-z]/;
const OCTAL = /[0-7]/;
const DIGIT = /[0-9]/;
const HEX = /^[0-9a-fA-F]+$/;

/** What one parsed piece compiles to, and the widths Python checks look-behinds with. */
interface Piece {
  js: string;
  min: number;
  max: number;
  /** `char`/`set` repeat as they are; anything else is wrapped in (?:) first; `anchor` cannot repeat. */
  kind: 'char' | 'set' | 'group' | 'anchor' | 'other';
  /** The group number when the piece is a capturing group. */
  capture?: number;
  /** It may prefer an empty match where a non-empty one exists (a lazy `*?`, an alternative `(|a)`). */
  shadow?: boolean;
}

interface GroupInfo {
  parent: number;
  min: number;
  max: number;
  closed: boolean;
  /** Something between this group and the repeats around it may skip it (an alternative, a `?`). */
  skippable: boolean;
  /**
   * Inside a repeat, and skippable within it: Python keeps the value an earlier repetition captured,
   * JavaScript clears it at each repetition. The two agree whenever the last repetition captured it.
   */
  stale: boolean;
}

export interface Translation {
  source: string;
  ignoreCase: boolean;
  flags: number;
  groups: number;
  groupIndex: Map<string, number>;
  /** Each group's enclosing group (0 for the top level), to tell which group closed last. */
  groupParents: number[];
  /** Groups whose value JavaScript may have cleared where Python keeps an earlier repetition's. */
  staleGroups: Set<number>;
  /** Whether an empty match can be preferred where a non-empty one exists (lazy repeats, alternatives). */
  emptyMayShadow: boolean;
}

/** One pass over a Python pattern, writing its JavaScript equivalent. */
class PatternTranslator {
  private pos = 0;
  private readonly chars: string[];
  private flags: number;
  private readonly groups: GroupInfo[] = [{ parent: -1, min: 0, max: 0, closed: false, skippable: false, stale: false }];
  private readonly references: Array<[number, number]> = [];
  private readonly groupIndex = new Map<string, number>();
  private readonly openGroups: number[] = [0];
  private globalCase: boolean;

  constructor(
    pattern: string,
    flags: number,
  ) {
    this.chars = Array.from(pattern);
    this.flags = flags;
    this.globalCase = (flags & IGNORECASE) !== 0;
    if (flags & LOCALE) throw pyError('ValueError', 'cannot use LOCALE flag with a str pattern');
    if (flags & ASCII && flags & UNICODE) throw pyError('ValueError', 'ASCII and UNICODE flags are incompatible');
  }

  translate(): Translation {
    const body = this.alternation(true);
    if (this.pos < this.chars.length) reError('unbalanced parenthesis', this.pos);
    // A back-reference to such a group would match differently, not just capture differently.
    for (const [index, at] of this.references) {
      if (this.groups[index].stale) unsupported(`a back-reference to group ${index}, which a repeat may leave holding an earlier repetition's text`, at);
    }
    if ((this.flags & ASCII) && this.globalCase) {
      reError('Sluice cannot translate re.ASCII with re.IGNORECASE', undefined, 'JavaScript folds case over all of Unicode; drop one of the two flags');
    }
    const flags = this.flags & ASCII ? this.flags : this.flags | UNICODE;
    return {
      source: body.js,
      ignoreCase: this.globalCase,
      flags,
      groups: this.groups.length - 1,
      groupIndex: this.groupIndex,
      groupParents: this.groups.map((group) => group.parent),
      staleGroups: new Set(this.groups.flatMap((group, index) => (group.stale ? [index] : []))),
      emptyMayShadow: body.shadow === true,
    };
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private get verbose(): boolean {
    return (this.flags & VERBOSE) !== 0;
  }
  private get ascii(): boolean {
    return (this.flags & ASCII) !== 0;
  }

  /** Verbose mode: whitespace and `#` comments between tokens are not part of the pattern. */
  private skipVerbose(): void {
    if (!this.verbose) return;
    for (;;) {
      const ch = this.peek();
      if (ch !== undefined && PY_WHITESPACE.includes(ch)) this.pos++;
      else if (ch === '#') {
        while (this.pos < this.chars.length && this.chars[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private alternation(topLevel = false): Piece {
    const firstGroup = this.groups.length;
    const branches = [this.sequence(topLevel)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence(false));
    }
    if (branches.length === 1) return branches[0];
    this.markSkippable(firstGroup);
    return {
      js: branches.map((branch) => branch.js).join('|'),
      min: Math.min(...branches.map((b) => b.min)),
      max: Math.max(...branches.map((b) => b.max)),
      kind: 'other',
      // An earlier alternative that can match empty is chosen over a later, longer one.
      shadow: branches.some((branch, i) => branch.shadow || (branch.min === 0 && i < branches.length - 1)),
    };
  }

  /** The groups opened since `firstGroup` may not take part in a match of what holds them. */
  private markSkippable(firstGroup: number): void {
    for (let i = firstGroup; i < this.groups.length; i++) this.groups[i].skippable = true;
  }

  private sequence(topLevel: boolean): Piece {
    let js = '';
    let min = 0;
    let max = 0;
    let shadow = false;
    let first = topLevel;
    for (;;) {
      this.skipVerbose();
      const ch = this.peek();
      if (ch === undefined || ch === '|' || ch === ')') break;
      const firstGroup = this.groups.length;
      const atom = this.atom(first);
      if (atom === null) continue; // flags or a comment: nothing to match
      first = false;
      this.skipVerbose();
      const repeated = this.quantified(atom, firstGroup);
      js += repeated.js;
      min += repeated.min;
      max += repeated.max;
      shadow ||= repeated.shadow === true;
    }
    return { js, min, max, kind: 'other', shadow };
  }

  /** `{m,n}` at the current position, if it is one (Python reads `{` that is not a repeat as a literal). */
  private braceRepeat(): { min: number; max: number; length: number } | undefined {
    let i = this.pos + 1;
    let low = '';
    while (DIGIT.test(this.chars[i] ?? '')) low += this.chars[i++];
    let high = low;
    let comma = false;
    if (this.chars[i] === ',') {
      comma = true;
      i++;
      high = '';
      while (DIGIT.test(this.chars[i] ?? '')) high += this.chars[i++];
    }
    // `{}` is literal text; `{,}` and `{,n}` are repeats from zero.
    if (this.chars[i] !== '}' || (!low && !comma)) return undefined;
    const min = low ? Number(low) : 0;
    const max = high ? Number(high) : comma ? Infinity : min;
    return { min, max, length: i + 1 - this.pos };
  }

  private isRepeatAt(): boolean {
    const ch = this.peek();
    return ch === '*' || ch === '+' || ch === '?' || (ch === '{' && this.braceRepeat() !== undefined);
  }

  private quantified(atom: Piece, firstGroup: number): Piece {
    if (!this.isRepeatAt()) return atom;
    const at = this.pos;
    if (atom.kind === 'anchor') reError('nothing to repeat', at);
    let min: number;
    let max: number;
    const ch = this.peek()!;
    if (ch === '{') {
      const brace = this.braceRepeat()!;
      if (brace.max < brace.min) reError('min repeat greater than max repeat', at + 1);
      ({ min, max } = brace);
      this.pos += brace.length;
    } else {
      this.pos++;
      [min, max] = ch === '*' ? [0, Infinity] : ch === '+' ? [1, Infinity] : [0, 1];
    }
    let lazy = false;
    if (this.peek() === '?') {
      lazy = true;
      this.pos++;
    } else if (this.peek() === '+') unsupported('a possessive repeat', this.pos);
    this.skipVerbose();
    if (this.isRepeatAt()) reError('multiple repeat', this.pos);
    if (max > 1) {
      // A repeated group captures in every repetition; groups that a repetition may skip keep, in
      // Python, what an earlier one captured.
      for (let i = firstGroup; i < this.groups.length; i++) if (i !== atom.capture && this.groups[i].skippable) this.groups[i].stale = true;
    }
    if (min === 0) this.markSkippable(firstGroup);
    // A repetition that matches empty is kept by Python (its groups capture '', and it ends the
    // repeat) but undone by JavaScript, which then tries the body's other, longer ways to match.
    if (atom.min === 0 && max > 1) {
      if (this.groups.slice(firstGroup).some((group) => group.min === 0)) unsupported('a repeat of a group that can match empty', at);
      if (atom.shadow) unsupported('a repeat whose body prefers matching empty', at);
    }
    // An optional part that can match empty: as an alternative with the empty string, which
    // JavaScript keeps as Python does.
    if (atom.min === 0 && max === 1 && min === 0) {
      return { js: lazy ? `(?:|${atom.js})` : `(?:${atom.js}|)`, min: 0, max: atom.max, kind: 'group', shadow: lazy || atom.shadow };
    }
    const body = atom.kind === 'char' || atom.kind === 'set' || atom.kind === 'group' ? atom.js : `(?:${atom.js})`;
    const count = max === Infinity ? (min === 0 ? '*' : min === 1 ? '+' : `{${min},}`) : min === 0 && max === 1 ? '?' : min === max ? `{${min}}` : `{${min},${max}}`;
    return { js: `${body}${count}${lazy ? '?' : ''}`, min: atom.min * min, max: atom.max * max, kind: 'other', shadow: atom.shadow || (lazy && min === 0) };
  }

  /** One atom; null for what matches nothing (inline flags, comments). */
  private atom(first: boolean): Piece | null {
    const at = this.pos;
    const ch = this.chars[this.pos++];
    switch (ch) {
      case '(':
        return this.group(at, first);
      case '[':
        return this.characterClass(at);
      case '.':
        return { js: this.flags & DOTALL ? ANY : '[^\\n]', min: 1, max: 1, kind: 'set' };
      case '^':
        return { js: this.flags & MULTILINE ? '(?<![^\\n])' : AT_START, min: 0, max: 0, kind: 'anchor' };
      case '$':
        return { js: this.flags & MULTILINE ? '(?![^\\n])' : `(?=\\n?${AT_END})`, min: 0, max: 0, kind: 'anchor' };
      case '\\':
        return this.escape(at);
      case '*':
      case '+':
      case '?':
        return reError('nothing to repeat', at);
      case '{':
        this.pos = at;
        if (this.braceRepeat()) reError('nothing to repeat', at);
        this.pos = at + 1;
        return { js: literal(0x7b), min: 1, max: 1, kind: 'char' };
      default:
        return { js: literal(ch.codePointAt(0)!), min: 1, max: 1, kind: 'char' };
    }
  }

  private wordBoundary(negated: boolean): string {
    const word = `[${this.ascii ? ASCII_WORD_SET : WORD_SET}]`;
    // Python 3.11's \B never matches in an empty string.
    return negated ? `(?!${AT_START}${AT_END})(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))` : `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
  }

  /** The class body of `\d`, `\w`, `\s` (positive) for the current ASCII/Unicode mode. */
  private categorySet(letter: string): string {
    const lower = letter.toLowerCase();
    if (lower === 'd') return this.ascii ? ASCII_DIGIT_SET : DIGIT_SET;
    if (lower === 'w') return this.ascii ? ASCII_WORD_SET : WORD_SET;
    return this.ascii ? ASCII_SPACE_SET : SPACE_SET;
  }

  /** `\1`…`\99` as a group reference, or a 3-digit octal escape, as Python decides between them. */
  private digitEscape(at: number, firstDigit: string): Piece {
    if (firstDigit === '0') {
      let digits = '0';
      while (digits.length < 3 && OCTAL.test(this.peek() ?? '')) digits += this.chars[this.pos++];
      return { js: literal(parseInt(digits, 8)), min: 1, max: 1, kind: 'char' };
    }
    let digits = firstDigit;
    if (DIGIT.test(this.peek() ?? '')) {
      if (OCTAL.test(firstDigit) && OCTAL.test(this.peek()!) && OCTAL.test(this.peek(1) ?? '')) {
        digits += this.chars[this.pos++] + this.chars[this.pos++];
        const value = parseInt(digits, 8);
        if (value > 0o377) reError(`octal escape value \\${digits} outside of range 0-0o377`, at);
        return { js: literal(value), min: 1, max: 1, kind: 'char' };
      }
      digits += this.chars[this.pos++];
    }
    return this.groupReference(Number(digits), at, at + 1);
  }

  private groupReference(index: number, at: number, errorAt: number): Piece {
    const group = this.groups[index];
    if (!group || index === 0) reError(`invalid group reference ${index}`, errorAt);
    if (!group.closed) reError('cannot refer to an open group', at);
    this.references.push([index, at]);
    return { js: `(?:\\${index})`, min: group.min, max: group.max, kind: 'other' };
  }

  private hexEscape(at: number, letter: string, length: number): number {
    const digits = this.chars.slice(this.pos, this.pos + length).join('');
    if (digits.length < length || !HEX.test(digits)) reError(`incomplete escape \\${letter}${digits.replace(/[^0-9a-fA-F].*$/, '')}`, at);
    this.pos += length;
    const value = parseInt(digits, 16);
    if (value > 0x10ffff) reError(`bad escape \\${letter}${digits}`, at);
    return value;
  }

  /** Escapes both inside and outside classes share; undefined for the ones that differ. */
  private commonEscape(at: number, letter: string): number | undefined {
    switch (letter) {
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      case 'x':
        return this.hexEscape(at, 'x', 2);
      case 'u':
        return this.hexEscape(at, 'u', 4);
      case 'U':
        return this.hexEscape(at, 'U', 8);
      case 'N':
        return unsupported('a named character escape (\\N{...})', at);
      default:
        return undefined;
    }
  }

  private escape(at: number): Piece {
    const letter = this.chars[this.pos++];
    if (letter === undefined) reError('bad escape (end of pattern)', at);
    switch (letter) {
      case 'A':
        return { js: AT_START, min: 0, max: 0, kind: 'anchor' };
      case 'Z':
        return { js: AT_END, min: 0, max: 0, kind: 'anchor' };
      case 'b':
      case 'B':
        return { js: this.wordBoundary(letter === 'B'), min: 0, max: 0, kind: 'anchor' };
      case 'd':
      case 'w':
      case 's':
        return { js: `[${this.categorySet(letter)}]`, min: 1, max: 1, kind: 'set' };
      case 'D':
      case 'W':
      case 'S':
        return { js: `[^${this.categorySet(letter)}]`, min: 1, max: 1, kind: 'set' };
    }
    const code = this.commonEscape(at, letter);
    if (code !== undefined) return { js: literal(code), min: 1, max: 1, kind: 'char' };
    if (DIGIT.test(letter)) return this.digitEscape(at, letter);
    if (ASCII_LETTERS.test(letter)) reError(`bad escape \\${letter}`, at);
    return { js: literal(letter.codePointAt(0)!), min: 1, max: 1, kind: 'char' };
  }

  /** One member of a class: a code point, a set (`\w` → `\p{L}\p{N}_`), or a negated set (`\W`). */
  private classMember(at: number, ch: string): { code?: number; set?: string; negatedSet?: string; text: string } {
    if (ch !== '\\') return { code: ch.codePointAt(0)!, text: ch };
    const letter = this.chars[this.pos++];
    if (letter === undefined) reError('unterminated character set', at);
    const text = `\\${letter}`;
    if ('dws'.includes(letter)) return { set: this.categorySet(letter), text };
    if ('DWS'.includes(letter)) return { negatedSet: this.categorySet(letter), text };
    if (letter === 'b') return { code: 8, text };
    const code = this.commonEscape(at, letter);
    if (code !== undefined) return { code, text };
    if (OCTAL.test(letter)) {
      let digits = letter;
      while (digits.length < 3 && OCTAL.test(this.peek() ?? '')) digits += this.chars[this.pos++];
      const value = parseInt(digits, 8);
      if (value > 0o377) reError(`octal escape value \\${digits} outside of range 0-0o377`, at);
      return { code: value, text: `\\${digits}` };
    }
    if (DIGIT.test(letter) || ASCII_LETTERS.test(letter)) reError(`bad escape ${text}`, at);
    return { code: letter.codePointAt(0)!, text };
  }

  private characterClass(at: number): Piece {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const bodyStart = this.pos;
    let body = '';
    const complements: string[] = [];
    for (;;) {
      const memberAt = this.pos;
      const ch = this.chars[this.pos++];
      if (ch === undefined) reError('unterminated character set', at);
      if (ch === ']' && memberAt !== bodyStart) break;
      const first = this.classMember(memberAt, ch);
      if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.pos++;
        const secondAt = this.pos;
        const second = this.classMember(secondAt, this.chars[this.pos++]);
        if (first.code === undefined || second.code === undefined || second.code < first.code) {
          reError(`bad character range ${first.text}-${second.text}`, memberAt);
        }
        body += `${literal(first.code)}-${literal(second.code)}`;
      } else if (this.peek() === '-' && this.peek(1) === undefined) {
        reError('unterminated character set', at);
      } else if (first.negatedSet !== undefined) complements.push(first.negatedSet);
      else body += first.set ?? literal(first.code!);
    }
    if (!complements.length) return { js: `[${negated ? '^' : ''}${body}]`, min: 1, max: 1, kind: 'set' };
    // A u-mode class cannot hold `\W`, `\S`, `\D`: [P\W] is P or not-w; [^P\W] is not P and w.
    if (!negated) {
      const options = [...(body ? [`[${body}]`] : []), ...complements.map((set) => `[^${set}]`)];
      return { js: `(?:${options.join('|')})`, min: 1, max: 1, kind: 'group' };
    }
    const checks = [...(body ? [`(?![${body}])`] : []), ...complements.slice(0, -1).map((set) => `(?=[${set}])`)];
    return { js: `(?:${checks.join('')}[${complements[complements.length - 1]}])`, min: 1, max: 1, kind: 'group' };
  }

  /** `(?aiLmsux-imsx` flag letters; returns [on, off]. */
  private flagLetters(): [number, number] {
    let on = 0;
    let off = 0;
    let negative = false;
    for (;;) {
      const ch = this.peek();
      if (ch === '-' && !negative) {
        negative = true;
        this.pos++;
        continue;
      }
      if (ch === undefined || !(ch in INLINE_FLAGS)) break;
      const flag = INLINE_FLAGS[ch];
      this.pos++;
      if (negative) {
        if (flag & (ASCII | UNICODE | LOCALE)) reError('bad inline flags: cannot turn off flags \'a\', \'u\' and \'L\'', this.pos);
        off |= flag;
      } else {
        if (flag === LOCALE) reError("bad inline flags: cannot use 'L' flag with a str pattern", this.pos);
        on |= flag;
      }
    }
    if ((on & ASCII) && (on & UNICODE)) reError("bad inline flags: flags 'a', 'u' and 'L' are incompatible", this.pos);
    if (on & off) reError('bad inline flags: flag turned on and off', this.pos);
    if (!on && !off && this.peek() !== ':') reError('missing -, : or )', this.pos);
    return [on, off];
  }

  private groupName(at: number, terminator: string): string {
    let name = '';
    while (this.peek() !== undefined && this.peek() !== terminator) name += this.chars[this.pos++];
    if (this.peek() !== terminator) reError(`missing ${terminator}, unterminated name`, at);
    this.pos++;
    if (!name) reError('missing group name', at);
    if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name)) reError(`bad character in group name ${strRepr(name)}`, at);
    return name;
  }

  private closeGroup(at: number): void {
    if (this.peek() !== ')') reError('missing ), unterminated subpattern', at);
    this.pos++;
  }

  private group(at: number, first: boolean): Piece | null {
    if (this.peek() !== '?') return this.capture(at, null);
    this.pos++;
    const kind = this.chars[this.pos++];
    switch (kind) {
      case ':': {
        const inner = this.alternation();
        this.closeGroup(at);
        return { js: `(?:${inner.js})`, min: inner.min, max: inner.max, kind: 'group', shadow: inner.shadow };
      }
      case 'P': {
        const next = this.chars[this.pos++];
        if (next === '<') {
          const name = this.groupName(at + 4, '>');
          const existing = this.groupIndex.get(name);
          if (existing !== undefined) reError(`redefinition of group name ${strRepr(name)} as group ${this.groups.length}; was group ${existing}`, at + 4);
          return this.capture(at, name);
        }
        if (next === '=') {
          const name = this.groupName(at + 4, ')');
          const index = this.groupIndex.get(name);
          if (index === undefined) reError(`unknown group name ${strRepr(name)}`, at + 4);
          return this.groupReference(index, at + 4, at + 4);
        }
        return reError(`unknown extension ?P${next ?? ''}`, at + 1);
      }
      case '=':
      case '!': {
        const inner = this.alternation();
        this.closeGroup(at);
        return { js: `(?${kind}${inner.js})`, min: 0, max: 0, kind: 'other' };
      }
      case '<': {
        const direction = this.chars[this.pos++];
        if (direction !== '=' && direction !== '!') return reError(`unknown extension ?<${direction ?? ''}`, at + 1);
        const inner = this.alternation();
        this.closeGroup(at);
        if (inner.min !== inner.max) reError('look-behind requires fixed-width pattern');
        return { js: `(?<${direction}${inner.js})`, min: 0, max: 0, kind: 'other' };
      }
      case '#': {
        while (this.peek() !== undefined && this.peek() !== ')') this.pos++;
        if (this.peek() !== ')') reError('missing ), unterminated comment', at);
        this.pos++;
        return null;
      }
      case '(':
        return unsupported('a conditional group (?(...)...)', at);
      case '>':
        return unsupported('an atomic group (?>...)', at);
      default: {
        this.pos--;
        if (kind === undefined || !(kind in INLINE_FLAGS || kind === '-')) reError(`unknown extension ?${kind ?? ''}`, at + 1);
        const [on, off] = this.flagLetters();
        if (this.peek() === ')') {
          this.pos++;
          if (off) reError('missing :', this.pos - 1);
          if (!first) reError('global flags not at the start of the expression', at);
          this.flags |= on;
          if (on & IGNORECASE) this.globalCase = true;
          return null;
        }
        if (this.peek() !== ':') reError('missing -, : or )', this.pos);
        this.pos++;
        // Scoped flags: s, m, x and a/u change how this translator writes the group; case cannot.
        const caseInside = on & IGNORECASE ? true : off & IGNORECASE ? false : this.globalCase;
        if (caseInside !== this.globalCase) unsupported('case-insensitivity switched on or off for part of a pattern', at);
        const outer = this.flags;
        this.flags = (this.flags | on) & ~off;
        if (on & ASCII) this.flags &= ~UNICODE;
        if (on & UNICODE) this.flags &= ~ASCII;
        const inner = this.alternation();
        this.flags = outer;
        this.closeGroup(at);
        return { js: `(?:${inner.js})`, min: inner.min, max: inner.max, kind: 'group', shadow: inner.shadow };
      }
    }
  }

  private capture(at: number, name: string | null): Piece {
    const index = this.groups.length;
    const info: GroupInfo = { parent: this.openGroups[this.openGroups.length - 1], min: 0, max: 0, closed: false, skippable: false, stale: false };
    this.groups.push(info);
    if (name !== null) this.groupIndex.set(name, index);
    this.openGroups.push(index);
    const inner = this.alternation();
    this.closeGroup(at);
    this.openGroups.pop();
    Object.assign(info, { min: inner.min, max: inner.max, closed: true });
    return { js: `(${inner.js})`, min: inner.min, max: inner.max, kind: 'group', capture: index, shadow: inner.shadow };
  }
}

export function translatePattern(pattern: string, flags: number): Translation {
  return new PatternTranslator(pattern, flags).translate();
}

// ---------------------------------------------------------------- compiled patterns

/** UTF-16 offsets to code point positions, for strings with characters outside the BMP. */
function codePointIndex(text: string, utf16: number): number {
  let count = 0;
  for (let i = 0; i < utf16; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) count++;
  }
  return count;
}

function utf16Index(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

const hasAstral = (text: string): boolean => /[\uD800-\uDBFF]/.test(text);

/** A subject as a search sees it: the string cut at endpos, and position conversions. */
class Subject {
  readonly text: string;
  private readonly astral: boolean;
  constructor(
    readonly original: string,
    endpos: number,
  ) {
    this.astral = hasAstral(original);
    this.text = original.slice(0, this.toUtf16(endpos));
  }
  toUtf16(codePoints: number): number {
    if (!this.astral) return Math.min(codePoints, this.original.length);
    return utf16Index(this.original, codePoints);
  }
  toCodePoints(utf16: number): number {
    return this.astral ? codePointIndex(this.original, utf16) : utf16;
  }
  length(): number {
    return this.toCodePoints(this.text.length);
  }
}

/**
 * A group's text in a match. Undefined for a group the match skipped — unless the last repetition of
 * a repeat skipped it, where Python would give an earlier repetition's text: that is refused.
 */
function groupText(translation: Translation, found: RegExpExecArray, index: number): string | undefined {
  const text = found[index];
  if (text === undefined && translation.staleGroups.has(index)) {
    throw pyError(
      're.error',
      `Sluice cannot tell what Python captures in group ${index} here: the last repetition of the repeat around it skipped it`,
      'Python keeps the text an earlier repetition captured, JavaScript does not; capture it outside the repeat',
    );
  }
  return text;
}

/** Groups 1…n of a match (undefined where skipped). */
function groupTexts(translation: Translation, found: RegExpExecArray): Array<string | undefined> {
  const texts: Array<string | undefined> = [];
  for (let i = 1; i <= translation.groups; i++) texts.push(groupText(translation, found, i));
  return texts;
}

/** A JavaScript match, and how it was found when that was Python's retry for a non-empty match. */
type Found = RegExpExecArray & { nonEmptyAfter?: number };

const MAX_CACHE = 512;
const patternCache = new Map<string, PyPattern>();

function clampPosition(value: unknown, length: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (!isInt(value) && typeof value !== 'boolean') throw pyError('TypeError', `'${typeName(value)}' object cannot be interpreted as an integer`);
  const n = typeof value === 'boolean' ? Number(value) : toNumber(value);
  return Math.max(0, Math.min(n < 0 ? 0 : n, length));
}

function subjectArg(value: unknown): string {
  if (!isStr(value)) throw pyError('TypeError', `expected string or bytes-like object, got '${typeName(value)}'`);
  return strValue(value);
}

function params(name: string, raw: unknown[], signature: Signature): unknown[] {
  const { args, kwargs } = splitKeywordArgs(raw);
  return bindArgs(name, signature, args, kwargs);
}

const MAXSIZE = Number.MAX_SAFE_INTEGER;

export class PyPattern {
  private searchRegex?: RegExp;
  private stickyRegex?: RegExp;
  private fullRegex?: RegExp;
  private indicesRegex?: RegExp;

  constructor(
    readonly _source: string,
    readonly _translation: Translation,
  ) {}

  private build(source: string, flags: string): RegExp {
    try {
      return new RegExp(source, `u${this._translation.ignoreCase ? 'i' : ''}${flags}`);
    } catch (error) {
      return reError(`Sluice could not translate the pattern ${strRepr(this._source)} to JavaScript (${(error as Error).message})`);
    }
  }
  _search(): RegExp {
    return (this.searchRegex ??= this.build(this._translation.source, 'g'));
  }
  _sticky(): RegExp {
    return (this.stickyRegex ??= this.build(this._translation.source, 'y'));
  }
  _full(): RegExp {
    return (this.fullRegex ??= this.build(`(?:${this._translation.source})${AT_END}`, 'y'));
  }
  /** With group offsets (the `d` flag), only when a match's group positions are asked for. */
  _indices(found: Found): RegExp {
    if (found.nonEmptyAfter !== undefined) return this._nonEmpty(found.nonEmptyAfter, 'yd');
    return (this.indicesRegex ??= this.build(this._translation.source, 'yd'));
  }
  /** A match that must end past code point `after - 1`: Python's retry after an empty match. */
  private _nonEmpty(after: number, flags: string): RegExp {
    return this.build(`(?:${this._translation.source})(?<=${AT_START}${ANY}{${after},})`, flags);
  }

  /** The first match at or after `from` (UTF-16); with `nonEmptyAt`, one starting there must not be empty. */
  _find(subject: Subject, from: number, mustAdvance: boolean): Found | null {
    const text = subject.text;
    if (mustAdvance) {
      if (this._translation.emptyMayShadow) {
        // Python retries at the same place for a non-empty match; ask JavaScript for one ending past it.
        const after = subject.toCodePoints(from) + 1;
        const nonEmpty = this._nonEmpty(after, 'y');
        nonEmpty.lastIndex = from;
        const found: Found | null = nonEmpty.exec(text);
        if (found) {
          found.nonEmptyAfter = after;
          return found;
        }
      }
      if (from >= text.length) return null;
      from += (text.codePointAt(from) ?? 0) > 0xffff ? 2 : 1;
    }
    const regex = this._search();
    regex.lastIndex = from;
    return regex.exec(text);
  }

  /** Every match from `pos`, as Python's finditer yields them. */
  *_iterate(subject: Subject, pos: number): Generator<Found> {
    let from = subject.toUtf16(pos);
    let mustAdvance = false;
    while (from <= subject.text.length) {
      const found = this._find(subject, from, mustAdvance);
      if (!found) return;
      yield found;
      const end = found.index + found[0].length;
      mustAdvance = found[0].length === 0;
      from = end;
    }
  }

  private window(raw: unknown[], name: string): [Subject, number] {
    const values = params(name, raw, [['string', REQUIRED], ['pos', 0], ['endpos', MAXSIZE]]);
    const text = subjectArg(values[0]);
    const length = hasAstral(text) ? Array.from(text).length : text.length;
    const endpos = clampPosition(values[2], length, length);
    const subject = new Subject(text, endpos);
    const pos = clampPosition(values[1], length, 0);
    return [subject, pos];
  }

  _match(subject: Subject, pos: number, regex: RegExp): PyMatch | null {
    const from = subject.toUtf16(pos);
    if (from > subject.text.length) return null;
    regex.lastIndex = from;
    const found = regex.exec(subject.text);
    return found ? new PyMatch(this, subject, found, pos) : null;
  }

  get pattern(): string {
    return this._source;
  }
  get flags(): number {
    return this._translation.flags;
  }
  get groups(): number {
    return this._translation.groups;
  }
  get groupindex(): Record<string, number> {
    return Object.fromEntries(this._translation.groupIndex);
  }

  search(...raw: unknown[]): PyMatch | null {
    const [subject, pos] = this.window(raw, 'search');
    if (pos > subject.length()) return null;
    const found = this._find(subject, subject.toUtf16(pos), false);
    return found ? new PyMatch(this, subject, found, pos) : null;
  }
  match(...raw: unknown[]): PyMatch | null {
    const [subject, pos] = this.window(raw, 'match');
    return this._match(subject, pos, this._sticky());
  }
  fullmatch(...raw: unknown[]): PyMatch | null {
    const [subject, pos] = this.window(raw, 'fullmatch');
    return this._match(subject, pos, this._full());
  }
  finditer(...raw: unknown[]): PyIterator {
    const [subject, pos] = this.window(raw, 'finditer');
    const matches = this._iterate(subject, pos);
    const self = this;
    return PyIterator.of({
      *[Symbol.iterator]() {
        for (const found of matches) yield new PyMatch(self, subject, found, pos);
      },
    });
  }
  findall(...raw: unknown[]): unknown[] {
    const [subject, pos] = this.window(raw, 'findall');
    const groups = this._translation.groups;
    const out: unknown[] = [];
    for (const found of this._iterate(subject, pos)) {
      if (groups === 0) out.push(found[0]);
      else if (groups === 1) out.push(groupText(this._translation, found, 1) ?? '');
      else out.push(PyTuple.fromItems(groupTexts(this._translation, found).map((group) => group ?? '')));
    }
    return out;
  }
  split(...raw: unknown[]): unknown[] {
    const [text, maxsplitValue] = params('split', raw, [['string', REQUIRED], ['maxsplit', 0]]);
    const subject = new Subject(subjectArg(text), MAXSIZE);
    const maxsplit = maxsplitValue === null ? 0 : toNumber(maxsplitValue);
    const out: unknown[] = [];
    let last = 0;
    let count = 0;
    if (maxsplit >= 0) {
      for (const found of this._iterate(subject, 0)) {
        if (maxsplit > 0 && count >= maxsplit) break;
        out.push(subject.text.slice(last, found.index), ...groupTexts(this._translation, found).map((group) => group ?? null));
        last = found.index + found[0].length;
        count++;
      }
    }
    out.push(subject.text.slice(last));
    return out;
  }
  sub(...raw: unknown[]): string {
    const [repl, text, count] = params('sub', raw, [['repl', REQUIRED], ['string', REQUIRED], ['count', 0]]);
    return this._substitute(repl, subjectArg(text), toNumber(count))[0];
  }
  subn(...raw: unknown[]): PyTuple {
    const [repl, text, count] = params('subn', raw, [['repl', REQUIRED], ['string', REQUIRED], ['count', 0]]);
    return PyTuple.fromItems(this._substitute(repl, subjectArg(text), toNumber(count)));
  }
  _substitute(repl: unknown, text: string, count: number): [string, number] {
    const subject = new Subject(text, MAXSIZE);
    const expand = typeof repl === 'function' ? undefined : parseReplacement(subjectArg(repl), this);
    let out = '';
    let last = 0;
    let done = 0;
    for (const found of this._iterate(subject, 0)) {
      if (count > 0 && done >= count) break;
      out += text.slice(last, found.index);
      if (expand) out += expand(found);
      else {
        const replaced = call(repl, 'repl', [new PyMatch(this, subject, found, 0)], null, undefined);
        if (!isStr(replaced)) throw pyError('TypeError', `expected str instance, ${typeName(replaced)} found`);
        out += strValue(replaced);
      }
      last = found.index + found[0].length;
      done++;
    }
    return [out + text.slice(last), done];
  }

  __repr__(): string {
    const flags = FLAG_NAMES.filter(([bit]) => bit !== UNICODE && this._translation.flags & bit).map(([, name]) => name);
    const text = strRepr(this._source);
    return flags.length ? `re.compile(${text}, ${flags.join('|')})` : `re.compile(${text})`;
  }
  __str__(): string {
    return this.__repr__();
  }
  __eq__(other: unknown): boolean {
    return other instanceof PyPattern && other._source === this._source && other._translation.flags === this._translation.flags;
  }
  __hash_key__(): string {
    return `pattern:${this._translation.flags}:${this._source}`;
  }
}

// ---------------------------------------------------------------- replacement templates

type Expansion = (found: RegExpExecArray) => string;

/** A `sub` replacement (`\1`, `\g<name>`, `\g<0>`, `\n`…) parsed once into a function of the match. */
function parseReplacement(template: string, pattern: PyPattern): Expansion {
  const chars = Array.from(template);
  const parts: Array<string | number> = [];
  let text = '';
  const groups = pattern._translation.groups;
  const reference = (index: number, at: number): void => {
    if (index > groups) reError(`invalid group reference ${index}`, at);
    parts.push(text, index);
    text = '';
  };
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '\\') {
      text += chars[i];
      continue;
    }
    const at = i;
    const letter = chars[++i];
    if (letter === undefined) reError('bad escape (end of pattern)', at);
    if (letter === 'g') {
      if (chars[i + 1] !== '<') reError('missing <', i + 1);
      const close = chars.indexOf('>', i + 2);
      if (close < 0) reError('missing >, unterminated name', i + 2);
      const name = chars.slice(i + 2, close).join('');
      if (!name) reError('missing group name', i + 2);
      if (/^[0-9]+$/.test(name)) reference(Number(name), i + 2);
      else {
        const index = pattern._translation.groupIndex.get(name);
        if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) reError(`bad character in group name ${strRepr(name)}`, i + 2);
        if (index === undefined) throw pyError('IndexError', `unknown group name ${strRepr(name)}`);
        reference(index, i + 2);
      }
      i = close;
    } else if (letter === '0') {
      let digits = '';
      while (digits.length < 2 && OCTAL.test(chars[i + 1] ?? '')) digits += chars[++i];
      text += String.fromCodePoint(parseInt(digits || '0', 8));
    } else if (DIGIT.test(letter)) {
      let digits = letter;
      if (DIGIT.test(chars[i + 1] ?? '')) {
        if (OCTAL.test(letter) && OCTAL.test(chars[i + 1]) && OCTAL.test(chars[i + 2] ?? '')) {
          const octal = letter + chars[i + 1] + chars[i + 2];
          const value = parseInt(octal, 8);
          if (value > 0o377) reError(`octal escape value \\${octal} outside of range 0-0o377`, at);
          text += String.fromCodePoint(value);
          i += 2;
          continue;
        }
        digits += chars[++i];
      }
      reference(Number(digits), at + 1);
    } else {
      const known: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
      if (letter in known) text += known[letter];
      else if (ASCII_LETTERS.test(letter)) reError(`bad escape \\${letter}`, at);
      else text += `\\${letter}`;
    }
  }
  parts.push(text);
  if (parts.length === 1) return () => text;
  return (found) => parts.map((part) => (typeof part === 'number' ? (groupText(pattern._translation, found, part) ?? '') : part)).join('');
}

// ---------------------------------------------------------------- match objects

export class PyMatch {
  private spans?: Array<[number, number] | undefined>;

  constructor(
    readonly _pattern: PyPattern,
    readonly _subject: Subject,
    readonly _found: Found,
    readonly _pos: number,
  ) {}

  private _groupNumber(key: unknown): number | undefined {
    if (isStr(key)) return this._pattern._translation.groupIndex.get(strValue(key));
    if (isInt(key) || typeof key === 'boolean') {
      const index = toNumber(key);
      return index >= 0 && index <= this._pattern._translation.groups ? index : undefined;
    }
    return undefined;
  }
  private _text(index: number): string | undefined {
    return groupText(this._pattern._translation, this._found, index);
  }
  private _index(key: unknown): number {
    const index = this._groupNumber(key);
    if (index === undefined) throw pyError('IndexError', 'no such group');
    return index;
  }
  /** Each group's (start, end) in code points; group spans need a second, sticky run with the `d` flag. */
  private _spans(): Array<[number, number] | undefined> {
    if (!this.spans) {
      const regex = this._pattern._indices(this._found);
      regex.lastIndex = this._found.index;
      const again = regex.exec(this._subject.text);
      const indices = again?.indices ?? [[this._found.index, this._found.index + this._found[0].length]];
      this.spans = Array.from({ length: this._pattern._translation.groups + 1 }, (_, i) => {
        const span = indices[i];
        if (!span && i > 0) groupText(this._pattern._translation, this._found, i);
        return span ? [this._subject.toCodePoints(span[0]), this._subject.toCodePoints(span[1])] : undefined;
      });
    }
    return this.spans;
  }
  private _span(group: unknown): [number, number] {
    const index = this._index(group ?? 0);
    if (index === 0) return [this._subject.toCodePoints(this._found.index), this._subject.toCodePoints(this._found.index + this._found[0].length)];
    return this._spans()[index] ?? [-1, -1];
  }

  group(...raw: unknown[]): unknown {
    const { args } = splitKeywordArgs(raw);
    if (args.length === 0) return this._found[0];
    const values = args.map((key) => this._text(this._index(key)) ?? null);
    return values.length === 1 ? values[0] : PyTuple.fromItems(values);
  }
  groups(...raw: unknown[]): PyTuple {
    const [fallback] = params('groups', raw, [['default', null]]);
    return PyTuple.fromItems(groupTexts(this._pattern._translation, this._found).map((value) => value ?? fallback));
  }
  groupdict(...raw: unknown[]): Record<string, unknown> {
    const [fallback] = params('groupdict', raw, [['default', null]]);
    const out: Record<string, unknown> = {};
    for (const [name, index] of this._pattern._translation.groupIndex) out[name] = this._text(index) ?? fallback;
    return out;
  }
  start(...raw: unknown[]): number {
    return this._span(params('start', raw, [['group', 0]])[0])[0];
  }
  end(...raw: unknown[]): number {
    return this._span(params('end', raw, [['group', 0]])[0])[1];
  }
  span(...raw: unknown[]): PyTuple {
    return PyTuple.fromItems(this._span(params('span', raw, [['group', 0]])[0]));
  }
  expand(...raw: unknown[]): string {
    const [template] = params('expand', raw, [['template', REQUIRED]]);
    return parseReplacement(subjectArg(template), this._pattern)(this._found);
  }
  get string(): string {
    return this._subject.original;
  }
  get re(): PyPattern {
    return this._pattern;
  }
  get pos(): number {
    return this._pos;
  }
  get endpos(): number {
    return this._subject.length();
  }
  /** The group that closed last: the furthest end, and of groups ending together the outer or later one. */
  get lastindex(): number | null {
    const parents = this._pattern._translation.groupParents;
    const spans = this._spans();
    let best: number | null = null;
    for (let i = 1; i < spans.length; i++) {
      const span = spans[i];
      if (!span) continue;
      if (best === null || span[1] > spans[best]![1]) best = i;
      else if (span[1] === spans[best]![1]) {
        let enclosing = parents[i];
        while (enclosing > 0 && enclosing !== best) enclosing = parents[enclosing];
        if (enclosing !== best) best = i;
      }
    }
    return best;
  }
  get lastgroup(): string | null {
    const index = this.lastindex;
    if (index === null) return null;
    for (const [name, i] of this._pattern._translation.groupIndex) if (i === index) return name;
    return null;
  }
  __getitem__(key: unknown): unknown {
    const index = this._groupNumber(key);
    return index === undefined ? undefined : (this._text(index) ?? null);
  }
  __repr__(): string {
    const [start, end] = this._span(0);
    return `<re.Match object; span=(${start}, ${end}), match=${pyRepr(this._found[0])}>`;
  }
  __str__(): string {
    return this.__repr__();
  }
}

for (const [cls, name] of [
  [PyPattern, 're.Pattern'],
  [PyMatch, 're.Match'],
] as const) {
  Object.defineProperty(cls, 'name', { value: name });
}

// ---------------------------------------------------------------- the module

function flagsArg(value: unknown): number {
  if (typeof value === 'boolean' || isInt(value)) return toNumber(value);
  throw pyError('TypeError', `unsupported operand type(s) for &: '${typeName(value)}' and 'int'`);
}

/** `re.compile(pattern, flags)`, cached as Python caches compiled patterns. */
export function compilePattern(pattern: unknown, flagsValue: unknown = 0): PyPattern {
  const flags = flagsArg(flagsValue ?? 0);
  if (pattern instanceof PyPattern) {
    if (flags) throw pyError('ValueError', 'cannot process flags argument with a compiled pattern');
    return pattern;
  }
  if (!isStr(pattern)) throw pyError('TypeError', 'first argument must be string or compiled pattern');
  const source = strValue(pattern);
  const key = `${flags}\u0000${source}`;
  let compiled = patternCache.get(key);
  if (!compiled) {
    compiled = new PyPattern(source, translatePattern(source, flags));
    if (patternCache.size >= MAX_CACHE) patternCache.clear();
    patternCache.set(key, compiled);
  }
  return compiled;
}

const ESCAPED = new Set(Array.from('()[]{}?*+-|^$\\.&~# \t\n\r\v\f'));

/** `re.escape`: Python 3.7+ escapes only the characters special in patterns. */
function escape(text: string): string {
  let out = '';
  for (const ch of text) out += ESCAPED.has(ch) ? `\\${ch}` : ch;
  return out;
}

function fn(name: string, signature: Signature, impl: (...values: unknown[]) => unknown): JinjaFunction {
  return pyFunction(name, (args: unknown[], kwargs: Kwargs) => impl(...bindArgs(name, signature, args, kwargs)));
}

/** A method of the compiled pattern, called with the module function's remaining arguments. */
function viaPattern(name: 'search' | 'match' | 'fullmatch' | 'findall' | 'finditer', string: unknown, pattern: unknown, flags: unknown): unknown {
  return compilePattern(pattern, flags)[name](string);
}

/** `modules.re` as dbt exposes it (re's `__all__`). */
export function reModule(): Record<string, unknown> {
  const searchLike = (name: 'search' | 'match' | 'fullmatch' | 'findall' | 'finditer'): JinjaFunction =>
    fn(name, [['pattern', REQUIRED], ['string', REQUIRED], ['flags', 0]], (pattern, string, flags) => viaPattern(name, subjectArg(string), pattern, flags));
  return {
    search: searchLike('search'),
    match: searchLike('match'),
    fullmatch: searchLike('fullmatch'),
    findall: searchLike('findall'),
    finditer: searchLike('finditer'),
    sub: fn('sub', [['pattern', REQUIRED], ['repl', REQUIRED], ['string', REQUIRED], ['count', 0], ['flags', 0]], (pattern, repl, string, count, flags) =>
      compilePattern(pattern, flags)._substitute(repl, subjectArg(string), toNumber(count))[0],
    ),
    subn: fn('subn', [['pattern', REQUIRED], ['repl', REQUIRED], ['string', REQUIRED], ['count', 0], ['flags', 0]], (pattern, repl, string, count, flags) =>
      PyTuple.fromItems(compilePattern(pattern, flags)._substitute(repl, subjectArg(string), toNumber(count))),
    ),
    split: fn('split', [['pattern', REQUIRED], ['string', REQUIRED], ['maxsplit', 0], ['flags', 0]], (pattern, string, maxsplit, flags) =>
      compilePattern(pattern, flags).split(string, maxsplit),
    ),
    compile: fn('compile', [['pattern', REQUIRED], ['flags', 0]], (pattern, flags) => compilePattern(pattern, flags)),
    escape: fn('escape', [['pattern', REQUIRED]], (text) => escape(subjectArg(text))),
    purge: fn('purge', [], () => {
      patternCache.clear();
      return null;
    }),
    A: ASCII,
    ASCII,
    I: IGNORECASE,
    IGNORECASE,
    L: LOCALE,
    LOCALE,
    M: MULTILINE,
    MULTILINE,
    S: DOTALL,
    DOTALL,
    X: VERBOSE,
    VERBOSE,
    U: UNICODE,
    UNICODE,
    NOFLAG: 0,
  };
}
