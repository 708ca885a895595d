/**
 * Spark's datetime patterns (docs.databricks.com, "Datetime patterns"): read as Spark 3 reads them,
 * refused with the error Databricks raises, and turned into DuckDB SQL that formats a TIMESTAMP
 * (date_format, from_unixtime) or into a regular expression that parses a string (to_timestamp,
 * to_date, unix_timestamp). Spark refuses week-based letters (Y w W u e c) since 3.0, the letters A n N p
 * always and E F q Q when parsing; java.time refuses unknown letters and letter counts it has no form
 * for. The emulator computes in UTC (its only session time zone), so zone letters print UTC's offset.
 */
import { DatabricksSqlError } from './databricks-errors.js';
import { unsupported } from './spark-call.js';
import { duckdbString } from './sql-tokens.js';

export type PatternElement =
  | { kind: 'literal'; text: string }
  | { kind: 'field'; letter: string; count: number }
  | { kind: 'optional'; elements: PatternElement[] };

export type PatternUse = 'format' | 'parse';

const WEEK_BASED_LETTERS = new Set(['Y', 'W', 'w', 'u', 'e', 'c']);
const ILLEGAL_LETTERS = new Set(['A', 'n', 'N', 'p']);
const ILLEGAL_WHEN_PARSING = new Set(['E', 'F', 'q', 'Q']);
// Narrow text forms and years past six digits: Spark refuses them before java.time sees the pattern.
const TOO_LONG = ['GGGGG', 'MMMMM', 'LLLLL', 'EEEEE', 'QQQQQ', 'qqqqq', 'yyyyyyy'];
// The letters SimpleDateFormat (Spark 2's parser) knows: a pattern it accepts is reported as an upgrade problem.
const LEGACY_LETTERS = new Set('GyMdkHmsSEDFwWahKzZYuXL');
// Letter counts java.time accepts (1-based): [min, max], or a list.
const JAVA_COUNTS: Record<string, number[]> = {
  G: [1, 2, 3, 4, 5], M: [1, 2, 3, 4, 5], L: [1, 2, 3, 4, 5], Q: [1, 2, 3, 4, 5], q: [1, 2, 3, 4, 5], E: [1, 2, 3, 4, 5],
  y: range(1, 19), d: [1, 2], H: [1, 2], h: [1, 2], K: [1, 2], k: [1, 2], m: [1, 2], s: [1, 2], D: [1, 2, 3], F: [1], a: [1],
  S: range(1, 9), V: [2], v: [1, 4], z: [1, 2, 3, 4], O: [1, 4], X: [1, 2, 3, 4, 5], x: [1, 2, 3, 4, 5], Z: [1, 2, 3, 4, 5],
  B: [1, 4, 5], g: range(1, 19),
};
// Letters java.time knows that the emulator does not compute (zone names, day periods, Julian days, aligned weeks).
const NOT_EMULATED = new Set(['V', 'v', 'z', 'B', 'g', 'F']);
const NOT_EMULATED_WHEN_PARSING = new Set(['O', 'G']);
const DOCS = 'https://docs.databricks.com/en/sql/language-manual/sql-ref-datetime-pattern.html';

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The pattern as elements, or Databricks' error for a pattern it refuses. */
export function readDatetimePattern(pattern: string, use: PatternUse): PatternElement[] {
  const unquoted = pattern.split("'").filter((_, index) => index % 2 === 0).join("'");
  for (const letter of unquoted) {
    if (WEEK_BASED_LETTERS.has(letter)) throw weekBasedPattern(letter);
  }
  for (const letter of unquoted) {
    if (ILLEGAL_LETTERS.has(letter) || (use === 'parse' && ILLEGAL_WHEN_PARSING.has(letter))) {
      throw new DatabricksSqlError(
        'INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER',
        `Unrecognized datetime pattern: ${pattern}. Illegal pattern character found in datetime pattern: ${letter}. Please provide legal character.`,
        '22007',
      );
    }
  }
  const tooLong = TOO_LONG.find((run) => unquoted.includes(run));
  if (tooLong) {
    throw legacyAccepts(pattern)
      ? patternRecognition(pattern)
      : new DatabricksSqlError('INVALID_DATETIME_PATTERN.LENGTH', `Unrecognized datetime pattern: ${pattern}. Too many letters in datetime pattern: ${tooLong[0]}. Please reduce pattern length.`, '22007');
  }
  const elements = javaElements(pattern);
  if (!elements) {
    throw legacyAccepts(pattern)
      ? patternRecognition(pattern)
      : new DatabricksSqlError('INVALID_DATETIME_PATTERN.WITH_SUGGESTION', `Unrecognized datetime pattern: ${pattern}. You can form a valid datetime pattern with the guide from '${DOCS}'.`, '22007');
  }
  for (const field of fields(elements)) {
    if (NOT_EMULATED.has(field.letter) || (use === 'parse' && NOT_EMULATED_WHEN_PARSING.has(field.letter))) {
      throw unsupported(`the datetime pattern letter '${field.letter}' ${use === 'parse' ? 'when parsing' : 'when formatting'}`);
    }
  }
  return elements;
}

function weekBasedPattern(letter: string): DatabricksSqlError {
  return new DatabricksSqlError(
    'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN',
    `You may get a different result due to the upgrading to Spark >= 3.0: All week-based patterns are unsupported since Spark 3.0, detected week-based character: ${letter}. Please use the SQL function EXTRACT instead.`,
    '42K0B',
  );
}

function patternRecognition(pattern: string): DatabricksSqlError {
  return new DatabricksSqlError(
    'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION',
    `You may get a different result due to the upgrading to Spark >= 3.0: Fail to recognize '${pattern}' pattern in the DateTimeFormatter. 1) You can set "spark.sql.legacy.timeParserPolicy" to "LEGACY" to restore the behavior before Spark 3.0. 2) You can form a valid datetime pattern with the guide from '${DOCS}'.`,
    '42K0B',
  );
}

/** Whether SimpleDateFormat (Spark 2) would accept the pattern: known letters, closed quotes, at most 3 X. */
function legacyAccepts(pattern: string): boolean {
  for (let i = 0; i < pattern.length; ) {
    const char = pattern[i];
    if (char === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close === -1) return false;
      i = close + 1;
    } else if (/[A-Za-z]/.test(char)) {
      let end = i;
      while (pattern[end] === char) end++;
      if (!LEGACY_LETTERS.has(char) || (char === 'X' && end - i > 3)) return false;
      i = end;
    } else {
      i++;
    }
  }
  return true;
}

/** The pattern as java.time's DateTimeFormatterBuilder reads it, or undefined where it throws. */
function javaElements(pattern: string): PatternElement[] | undefined {
  const stack: PatternElement[][] = [[]];
  const push = (element: PatternElement) => {
    const current = stack.at(-1)!;
    const last = current.at(-1);
    if (element.kind === 'literal' && last?.kind === 'literal') last.text += element.text;
    else current.push(element);
  };
  for (let i = 0; i < pattern.length; ) {
    const char = pattern[i];
    if (/[A-Za-z]/.test(char)) {
      let end = i;
      while (pattern[end] === char) end++;
      const count = end - i;
      if (!JAVA_COUNTS[char]?.includes(count)) return undefined;
      push({ kind: 'field', letter: char, count });
      i = end;
    } else if (char === "'") {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) return undefined;
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      // '' outside a quoted text is one quote.
      push({ kind: 'literal', text: j === i + 1 ? "'" : text });
      i = j + 1;
    } else if (char === '[') {
      stack.push([]);
      i++;
    } else if (char === ']') {
      if (stack.length === 1) return undefined;
      const elements = stack.pop()!;
      stack.at(-1)!.push({ kind: 'optional', elements });
      i++;
    } else if (char === '{' || char === '}' || char === '#') {
      return undefined;
    } else {
      push({ kind: 'literal', text: char });
      i++;
    }
  }
  // An optional section left open ends with the pattern.
  while (stack.length > 1) {
    const elements = stack.pop()!;
    stack.at(-1)!.push({ kind: 'optional', elements });
  }
  return stack[0];
}

function fields(elements: PatternElement[]): Array<{ letter: string; count: number }> {
  return elements.flatMap((element) => (element.kind === 'field' ? [element] : element.kind === 'optional' ? fields(element.elements) : []));
}

// ---- formatting ----

type Piece = { strftime: string } | { sql: string };

const QUARTER_NAMES = `['1st quarter', '2nd quarter', '3rd quarter', '4th quarter']`;

/** DuckDB SQL formatting the TIMESTAMP `t` (an expression that may be repeated) with the pattern's elements. */
export function formatSql(elements: PatternElement[], t: string): string {
  const pieces: Piece[] = [];
  const add = (piece: Piece) => {
    const last = pieces.at(-1);
    if ('strftime' in piece && last && 'strftime' in last) last.strftime += piece.strftime;
    else pieces.push(piece);
  };
  const walk = (list: PatternElement[]) => {
    for (const element of list) {
      // Formatting prints an optional section whenever its fields are available, and here they always are.
      if (element.kind === 'optional') walk(element.elements);
      else if (element.kind === 'literal') add({ strftime: element.text.replaceAll('%', '%%') });
      else add(formatField(element.letter, element.count, t));
    }
  };
  walk(elements);
  if (!pieces.length) pieces.push({ strftime: '' });
  const sql = pieces.map((piece) => ('strftime' in piece ? `strftime(${t}, ${duckdbString(piece.strftime)})` : piece.sql));
  return sql.length === 1 ? sql[0] : `(${sql.join(' || ')})`;
}

function formatField(letter: string, count: number, t: string): Piece {
  // Zero-padded to a minimum width, never cut (lpad would cut).
  const text = (sql: string, width = 1) => ({ sql: width > 1 ? `printf('%0${width}d', ${sql})` : `CAST(${sql} AS VARCHAR)` });
  const padded = (short: string, long: string) => ({ strftime: count === 1 ? short : long });
  switch (letter) {
    case 'G':
      return { sql: count === 4 ? `CASE WHEN year(${t}) > 0 THEN 'Anno Domini' ELSE 'Before Christ' END` : `CASE WHEN year(${t}) > 0 THEN 'AD' ELSE 'BC' END` };
    case 'y':
      if (count === 2) return { strftime: '%y' };
      if (count === 4) return { strftime: '%Y' };
      return text(`year(${t})`, count);
    case 'M':
    case 'L':
      return { strftime: ['%-m', '%m', '%b', '%B'][count - 1] };
    case 'd':
      return padded('%-d', '%d');
    case 'D':
      return count === 2 ? text(`dayofyear(${t})`, 2) : padded('%-j', '%j');
    case 'Q':
    case 'q':
      if (count === 4) return { sql: `${QUARTER_NAMES}[quarter(${t})]` };
      return { sql: `${count === 3 ? "'Q' || " : ''}${text(`quarter(${t})`, count === 2 ? 2 : 1).sql}` };
    case 'E':
      return { strftime: count === 4 ? '%A' : '%a' };
    case 'a':
      return { strftime: '%p' };
    case 'h':
      return padded('%-I', '%I');
    case 'H':
      return padded('%-H', '%H');
    case 'K':
      return text(`hour(${t}) % 12`, count);
    case 'k':
      return text(`CASE hour(${t}) WHEN 0 THEN 24 ELSE hour(${t}) END`, count);
    case 'm':
      return padded('%-M', '%M');
    case 's':
      return padded('%-S', '%S');
    case 'S':
      if (count === 3) return { strftime: '%g' };
      if (count === 6) return { strftime: '%f' };
      // Digits past the sixth are zeros: Spark keeps microseconds.
      return { sql: `left(strftime(${t}, '%f') || '000', ${count})` };
    case 'X':
      return { strftime: 'Z' };
    case 'x':
      return { strftime: ['+00', '+0000', '+00:00', '+0000', '+00:00'][count - 1] };
    case 'Z':
      return { strftime: count === 4 ? 'GMT' : count === 5 ? 'Z' : '+0000' };
    case 'O':
      return { strftime: 'GMT' };
    default:
      throw unsupported(`the datetime pattern letter '${letter}'`);
  }
}

// ---- parsing ----

/** What a parsed field means; the regular expression's group numbers say where each is (0: absent). */
export const PARSED_ROLES = [
  'year', 'year2', 'month', 'monthShort', 'monthLong', 'day', 'dayOfYear', 'hour', 'hour12', 'hour0to11', 'hour1to24',
  'minute', 'second', 'fraction', 'ampm', 'zone',
] as const;
export type ParsedRole = (typeof PARSED_ROLES)[number];

export interface ParseSpec {
  /** RE2, case-insensitive, matching the whole string; one group per role (an empty one for a role the pattern lacks). */
  regex: string;
  /** The roles in the order of the regular expression's groups. */
  names: ParsedRole[];
}

export const MONTHS_SHORT = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
export const MONTHS_LONG = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A regular expression with one group per field, as java.time's strict parser reads digits and names. */
export function parseSpec(elements: PatternElement[]): ParseSpec {
  const groups = Object.fromEntries(PARSED_ROLES.map((role) => [role, 0])) as Record<ParsedRole, number>;
  let next = 1;
  const group = (role: ParsedRole, regex: string) => {
    if (groups[role] || (role.startsWith('hour') && (groups.hour || groups.hour12 || groups.hour0to11 || groups.hour1to24))) {
      throw unsupported('a datetime pattern that parses the same field twice');
    }
    groups[role] = next++;
    return `(${regex})`;
  };
  // One letter: as many digits as come (java.time's NORMAL width); two: exactly two.
  const digits = (count: number) => (count === 1 ? '\\d{1,19}' : `\\d{${count}}`);
  const walk = (list: PatternElement[]): string =>
    list
      .map((element) => {
        if (element.kind === 'literal') return escapeRegex(element.text);
        if (element.kind === 'optional') return `(?:${walk(element.elements)})?`;
        const { letter, count } = element;
        switch (letter) {
          case 'y':
            if (count === 2) return group('year2', '\\d{2}');
            return group('year', count < 4 ? `\\d{${count},19}` : `\\d{${count}}`);
          case 'M':
          case 'L':
            if (count === 3) return group('monthShort', MONTHS_SHORT.join('|'));
            if (count === 4) return group('monthLong', MONTHS_LONG.join('|'));
            return group('month', digits(count));
          case 'd':
            return group('day', digits(count));
          case 'D':
            return group('dayOfYear', count === 1 ? '\\d{1,19}' : count === 2 ? '\\d{2,3}' : '\\d{3}');
          case 'H':
            return group('hour', digits(count));
          case 'h':
            return group('hour12', digits(count));
          case 'K':
            return group('hour0to11', digits(count));
          case 'k':
            return group('hour1to24', digits(count));
          case 'm':
            return group('minute', digits(count));
          case 's':
            return group('second', digits(count));
          case 'S':
            // Spark parses 1 to n fraction digits for n letters S.
            return group('fraction', `\\d{1,${count}}`);
          case 'a':
            return group('ampm', 'am|pm');
          case 'X':
          case 'x':
          case 'Z':
            return group('zone', offsetRegex(letter, count));
          default:
            throw unsupported(`the datetime pattern letter '${letter}' when parsing`);
        }
      })
      .join('');
  const regex = walk(elements);
  const absent = PARSED_ROLES.filter((role) => !groups[role]);
  const names = [...PARSED_ROLES.filter((role) => groups[role]).sort((a, b) => groups[a] - groups[b]), ...absent];
  return { regex: `(?i)${regex}${'()'.repeat(absent.length)}`, names };
}

function offsetRegex(letter: string, count: number): string {
  const forms: Record<number, string> = {
    1: '[+-]\\d{2}(?:\\d{2})?',
    2: '[+-]\\d{4}',
    3: '[+-]\\d{2}:\\d{2}',
    4: '[+-]\\d{4}(?:\\d{2})?',
    5: '[+-]\\d{2}:\\d{2}(?::\\d{2})?',
  };
  if (letter === 'Z') return count === 4 ? 'GMT(?:[+-]\\d{2}:\\d{2}(?::\\d{2})?)?' : count === 5 ? `Z|${forms[5]}` : '[+-]\\d{4}';
  return letter === 'X' ? `Z|${forms[count]}` : forms[count];
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
