/**
 * ST03: every CTE a WITH defines is read. An unused CTE is dead code that still costs a reader's time
 * (and, on engines that materialise CTEs, the warehouse's). Read from the tokens, so it works on SQL the
 * parser does not understand: a CTE counts as used when its name appears as a name after its definition,
 * or in the source after it (a Jinja branch that did not render, such as `{% if is_incremental() %}`).
 * A column that shares its name hides an unused CTE, which errs on the side of silence.
 */
import type { SqlRule, Violation } from '../rule.js';
import type { SqlFile } from '../sql-file.js';
import type { SqlToken } from '../../sql/sql-tokens.js';
import { identifierName, isWord, queryShape } from './query-shape.js';
import { uniqueViolations } from './unique-violations.js';

export const unusedCte: SqlRule = {
  code: 'ST03',
  name: 'unused-cte',
  description: 'Every CTE defined in a WITH clause is used by the query.',
  severity: 'warning',
  enabledByDefault: true,
  needsAst: false,
  check(file: SqlFile): Violation[] {
    const shape = queryShape(file);
    if (shape.ctes.length === 0) return [];
    const names = new Set(shape.ctes.map((cte) => cte.name));
    const definitions = new Set(shape.ctes.map((cte) => cte.nameToken));
    // The last place each CTE name is written as a name (outside a definition).
    const lastMention = new Map<string, number>();
    const tokens = shape.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type !== 'word' && token.type !== 'quoted' && token.type !== 'keyword') continue;
      // Not a relation: a name after a dot (another schema's table), a function, an alias (`as name`).
      if (definitions.has(i) || tokens[i - 1]?.type === 'dot' || tokens[i + 1]?.type === 'open' || isWord(tokens[i - 1], 'as')) continue;
      const name = identifierName(token);
      if (names.has(name)) lastMention.set(name, i);
    }
    const violations: Violation[] = [];
    for (const cte of shape.ctes) {
      // A reference must come after the body: a recursive CTE's mention of itself does not use it.
      if ((lastMention.get(cte.name) ?? -1) > cte.close) continue;
      const token = tokens[cte.nameToken];
      if (readInSkippedJinja(file, cte.name, tokens[cte.nameToken], tokens[cte.close])) continue;
      violations.push({ ...file.position(token.start), message: `CTE '${token.text}' is defined but never used: remove it or read from it` });
    }
    return uniqueViolations(violations);
  },
};

/**
 * Whether the source names the CTE after its definition although the rendered SQL does not: then a
 * branch that did not render (`{% if is_incremental() %} … from existing {% endif %}`) reads it.
 */
function readInSkippedJinja(file: SqlFile, name: string, nameToken: SqlToken, close: SqlToken): boolean {
  if (!file.source.includes('{%')) return false;
  const after = file.sourceRange(close.start, close.end)?.end ?? file.sourceRange(nameToken.start, nameToken.end)?.end ?? 0;
  const source = file.source.toLowerCase();
  const wordChar = /[a-z0-9_]/;
  for (let at = source.indexOf(name, after); at >= 0; at = source.indexOf(name, at + 1)) {
    if (!wordChar.test(source[at - 1] ?? ' ') && !wordChar.test(source[at + name.length] ?? ' ')) return true;
  }
  return false;
}
