/**
 * ST06: a select list reads wildcards first, then plain columns (and literals and simple casts), then
 * calculations, aggregates and window functions — the columns that pass through before the ones that
 * need thought. Off by default: reordering changes a model's column order, which a team may rely on.
 * Selects joined by UNION are left alone, since their columns line up by position.
 */
import type { SqlRule, Violation } from '../rule.js';
import type { SqlFile } from '../sql-file.js';
import type { SqlToken } from '../../sql/sql-tokens.js';
import { isWord, queryShape, wildcardOf, type QueryShape, type TokenRange } from './query-shape.js';
import { uniqueViolations } from './unique-violations.js';

const BAND_NAMES = ['a wildcard', 'a simple column', 'a calculation'];

export const columnOrder: SqlRule = {
  code: 'ST06',
  name: 'column-order',
  description: 'In a select list, wildcards come first, then plain columns, then calculations, aggregates and window functions.',
  severity: 'warning',
  enabledByDefault: false,
  needsAst: false,
  check(file: SqlFile): Violation[] {
    const shape = queryShape(file);
    const violations: Violation[] = [];
    for (const select of shape.selects) {
      if (select.setOperation) continue;
      let highest = 0;
      let highestItem: TokenRange | null = null;
      for (const item of select.items) {
        const band = bandOf(shape, item);
        if (band < highest && highestItem) {
          const after = shape.tokens[highestItem.start];
          violations.push({
            ...file.position(shape.tokens[item.start].start),
            message: `${BAND_NAMES[band]} comes after ${BAND_NAMES[highest]} (line ${file.position(after.start).line}): put wildcards, then plain columns, before calculations`,
          });
          break;
        }
        if (band > highest) {
          highest = band;
          highestItem = item;
        }
      }
    }
    return uniqueViolations(violations);
  },
};

/** 0: a wildcard; 1: a column, a literal or a cast of one; 2: anything else. */
function bandOf(shape: QueryShape, item: TokenRange): number {
  if (wildcardOf(shape, item)) return 0;
  const tokens = shape.tokens.slice(item.start, item.end);
  const expression = withoutAlias(tokens);
  return isSimple(expression) ? 1 : 2;
}

function withoutAlias(tokens: SqlToken[]): SqlToken[] {
  const length = tokens.length;
  if (length >= 3 && isWord(tokens[length - 2], 'as')) return tokens.slice(0, -2);
  const last = tokens[length - 1];
  const before = tokens[length - 2];
  // `amount total`: a name right after an expression is its alias (a name after a dot or `::` is not).
  if (length >= 2 && (last.type === 'word' || last.type === 'quoted') && before.type !== 'dot' && before.type !== 'operator') return tokens.slice(0, -1);
  return tokens;
}

function isSimple(tokens: SqlToken[]): boolean {
  // cast(x as type)
  if (tokens.length >= 5 && isWord(tokens[0], 'cast') && tokens[1].type === 'open' && tokens[tokens.length - 1].type === 'close') {
    const as = tokens.findIndex((token) => isWord(token, 'as'));
    return as > 2 && isPlainValue(tokens.slice(2, as));
  }
  // x::type
  const cast = tokens.findIndex((token) => token.text === '::');
  if (cast > 0) return isPlainValue(tokens.slice(0, cast)) && tokens.slice(cast + 1).every((token) => token.type !== 'operator');
  return isPlainValue(tokens);
}

/** A column reference (`a`, `t.a`, `"A"`) or a literal. */
function isPlainValue(tokens: SqlToken[]): boolean {
  if (tokens.length === 1) {
    const token = tokens[0];
    if (token.type === 'number' || token.type === 'string' || token.type === 'word' || token.type === 'quoted') return true;
    return token.type === 'keyword' && ['true', 'false', 'null'].includes(token.text.toLowerCase());
  }
  if (tokens.length % 2 === 0) return false;
  return tokens.every((token, index) => (index % 2 === 0 ? token.type === 'word' || token.type === 'quoted' : token.type === 'dot'));
}
