/**
 * AM01: a select does not use DISTINCT and GROUP BY together. Grouping already makes the grouped columns
 * distinct, so the DISTINCT is either redundant or hides that the select list and the grouping disagree;
 * either way the reader has to work out which one the author meant.
 */
import type { SqlRule, Violation } from '../rule.js';
import type { SqlFile } from '../sql-file.js';
import { queryShape } from './query-shape.js';
import { uniqueViolations } from './unique-violations.js';

export const distinctWithGroupBy: SqlRule = {
  code: 'AM01',
  name: 'distinct-with-group-by',
  description: 'A select uses either SELECT DISTINCT or GROUP BY, not both.',
  severity: 'warning',
  enabledByDefault: true,
  needsAst: false,
  check(file: SqlFile): Violation[] {
    const shape = queryShape(file);
    const violations: Violation[] = [];
    for (const select of shape.selects) {
      if (select.distinct < 0 || !select.clauses.has('group')) continue;
      violations.push({
        ...file.position(shape.tokens[select.distinct].start),
        message: 'DISTINCT with GROUP BY in the same select: the grouping already makes rows distinct; drop DISTINCT or group by what should be distinct',
      });
    }
    return uniqueViolations(violations);
  },
};
