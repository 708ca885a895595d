/**
 * CP01: keywords are cased one way in a file. Like SQLFluff's default ("consistent"), the first keyword
 * sets the case; a file in upper case and one in lower case are both fine, a file that mixes them is
 * harder to read. Only keywords the author typed count: what a macro wrote is the macro's business, and
 * its keywords cannot be fixed in this file anyway.
 */
import type { SqlRule, Violation } from '../rule.js';
import type { SqlFile } from '../sql-file.js';
import type { SqlToken } from '../../sql/sql-tokens.js';
import { queryShape } from './query-shape.js';
import { uniqueViolations } from './unique-violations.js';

type Case = 'upper' | 'lower' | 'capitalised';

const CASE_NAMES: Record<Case, string> = { upper: 'upper case', lower: 'lower case', capitalised: 'capitalised' };

/** Keywords that, before a parenthesis, are function calls (CP03's business, not this rule's). */
const FUNCTION_WORDS = new Set(['cast', 'left', 'right', 'if', 'explode', 'range', 'grouping', 'row', 'filter']);
/**
 * Keywords that are also functions of Spark SQL or DuckDB (`rlike(email, '…')`, `exists(tags, t -> …)`):
 * a call where an expression starts, an operator after one (`email rlike (…)`).
 */
const OPERATOR_FUNCTIONS = new Set(['like', 'ilike', 'rlike', 'exists', 'any', 'in']);
/** Literals have their own SQLFluff rule (CP04), bare functions theirs (CP03). */
const NOT_JUDGED = new Set(['true', 'false', 'null', 'current_date', 'current_timestamp']);
/**
 * Keywords that are also common column names (`range`, `rows`, `window`, `limit`…): where one stands as a
 * value (before a comma, FROM, AS, an operator or a closing parenthesis) it is taken for a name and not judged.
 */
const SOFT_KEYWORDS = new Set(
  (
    'range rows row view table values filter window to for sort partition cluster distribute following preceding unbounded pivot ' +
    'unpivot semi anti minus tablesample grouping rollup within both escape recursive natural lateral qualify interval nulls ' +
    'explode limit offset'
  ).split(' '),
);
/** Keywords that start a query or a clause where a name could stand: after AS or FROM they are still keywords. */
const STARTS_CLAUSE = new Set(['select', 'with', 'values', 'table', 'not', 'lateral', 'distinct', 'all', 'case', 'exists', 'null']);

export const keywordCase: SqlRule = {
  code: 'CP01',
  name: 'keyword-case',
  description: 'Keywords are cased consistently within a file, as the first keyword is cased (all upper, all lower or capitalised).',
  severity: 'warning',
  enabledByDefault: true,
  needsAst: false,
  check(file: SqlFile): Violation[] {
    const tokens = queryShape(file).tokens;
    const written: Array<{ token: SqlToken; start: number; end: number; case: Case | null }> = [];
    let expected: { case: Case; token: SqlToken; line: number } | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type !== 'keyword' || !isKeywordUse(tokens, i)) continue;
      const range = file.sourceRange(token.start, token.end);
      if (!range || file.source.slice(range.start, range.end) !== token.text) continue;
      const tokenCase = caseOf(token.text);
      written.push({ token, start: range.start, end: range.end, case: tokenCase });
      if (!expected && tokenCase) expected = { case: tokenCase, token, line: file.sourcePosition(range.start).line };
    }
    if (!expected) return [];
    const violations: Violation[] = [];
    for (const keyword of written) {
      if (keyword.case === expected.case) continue;
      const text = recase(keyword.token.text, expected.case);
      violations.push({
        ...file.sourcePosition(keyword.start),
        message: `keyword '${keyword.token.text}' should be '${text}': this file's keywords are ${CASE_NAMES[expected.case]} (as '${expected.token.text}' on line ${expected.line} sets)`,
        fix: [{ start: keyword.start, end: keyword.end, text }],
      });
    }
    return uniqueViolations(violations);
  },
};

/**
 * Whether a keyword token is used as a keyword here — not a name (after or before a dot, in a JSON path,
 * after AS, a relation after FROM or JOIN, a named argument `outer => true`, a lone select item), a
 * function call or a literal.
 */
function isKeywordUse(tokens: SqlToken[], index: number): boolean {
  const word = tokens[index].text.toLowerCase();
  if (NOT_JUDGED.has(word)) return false;
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  if (previous?.type === 'dot' || next?.type === 'dot') return false;
  // A step of a JSON path: `payload:limit`.
  if (previous?.type === 'operator' && previous.text === ':' && previous.end === tokens[index].start) return false;
  if (next?.type === 'operator' && (next.text === '=>' || next.text === ':=')) return false;
  if (next?.type === 'open') {
    if (FUNCTION_WORDS.has(word)) {
      // FILTER (WHERE …) is a clause of an aggregate; filter(array, x -> …) is Spark's function.
      return word === 'filter' && tokens[index + 2]?.text.toLowerCase() === 'where';
    }
    if (OPERATOR_FUNCTIONS.has(word)) return endsExpression(previous) || isSubquery(tokens[index + 2]);
  }
  if (!STARTS_CLAUSE.has(word)) {
    if (isKeyword(previous, 'as') && next?.type !== 'open') return false;
    if ((isKeyword(previous, 'from') || isKeyword(previous, 'join')) && next?.type !== 'open') return false;
    if (standsAlone(previous, next)) return false;
  }
  if (SOFT_KEYWORDS.has(word) && standsAsValue(next)) return false;
  return true;
}

function isKeyword(token: SqlToken | undefined, word: string): boolean {
  return token !== undefined && token.type === 'keyword' && token.text.toLowerCase() === word;
}

/** A token after which an operator, not an expression, follows: a name, a literal, a closing parenthesis. */
function endsExpression(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.type === 'word' || token.type === 'quoted' || token.type === 'string' || token.type === 'number' || token.type === 'close');
}

function isSubquery(token: SqlToken | undefined): boolean {
  return isKeyword(token, 'select') || isKeyword(token, 'with');
}

/** A select item, argument or CTE name of one word: `select id, limit, x`, `cast(limit as int)`, `with grouping as (`. */
function standsAlone(previous: SqlToken | undefined, next: SqlToken | undefined): boolean {
  const afterStart = previous === undefined || previous.type === 'comma' || previous.type === 'open' || isKeyword(previous, 'select') || isKeyword(previous, 'with');
  const beforeEnd = next === undefined || next.type === 'comma' || next.type === 'close' || next.type === 'semicolon' || isKeyword(next, 'from') || isKeyword(next, 'as');
  return afterStart && beforeEnd;
}

function standsAsValue(next: SqlToken | undefined): boolean {
  if (!next) return true;
  if (next.type === 'comma' || next.type === 'close' || next.type === 'operator' || next.type === 'dot' || next.type === 'semicolon') return true;
  const word = next.text.toLowerCase();
  return next.type === 'keyword' && (word === 'from' || word === 'as');
}

function caseOf(text: string): Case | null {
  const lower = text.toLowerCase();
  if (text === lower) return 'lower';
  const upper = text.toUpperCase();
  if (text === upper) return 'upper';
  if (text === upper[0] + lower.slice(1)) return 'capitalised';
  return null;
}

function recase(text: string, to: Case): string {
  if (to === 'upper') return text.toUpperCase();
  if (to === 'lower') return text.toLowerCase();
  return text[0].toUpperCase() + text.slice(1).toLowerCase();
}
