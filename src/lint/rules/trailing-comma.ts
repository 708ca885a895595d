/**
 * CV03 (select list trailing comma): no comma between the last selected column and FROM. DuckDB accepts
 * one, so a model can pass every local run and then fail in production: Spark SQL, and so Databricks,
 * rejects it. Hence an error, not a style warning. The fix removes the comma, only where the comma and
 * the FROM are both literal text of one piece of the file — a comma that a Jinja loop writes after every
 * column is the loop's to handle (`{% if not loop.last %},{% endif %}`), and removing it would break the
 * other columns.
 */
import type { SqlRule, Violation } from '../rule.js';
import type { SqlFile } from '../sql-file.js';
import { isWord } from './query-shape.js';
import { uniqueViolations } from './unique-violations.js';

export const trailingComma: SqlRule = {
  code: 'CV03',
  name: 'trailing-comma',
  description: 'No comma after the last column of a select list: Spark SQL (Databricks) rejects a comma before FROM, even where DuckDB accepts it.',
  severity: 'error',
  enabledByDefault: true,
  needsAst: false,
  check(file: SqlFile): Violation[] {
    const tokens = file.tokens;
    const violations: Violation[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'comma') continue;
      let next = i + 1;
      while (tokens[next]?.type === 'comment') next++;
      if (!isWord(tokens[next], 'from')) continue;
      const comma = tokens[i];
      const violation: Violation = { ...file.position(comma.start), message: 'trailing comma before FROM: Spark SQL (Databricks) rejects it; remove the comma' };
      const span = file.sourceRange(comma.start, tokens[next].end);
      if (span && file.source[span.start] === ',') violation.fix = [{ start: span.start, end: span.start + 1, text: '' }];
      violations.push(violation);
    }
    return uniqueViolations(violations);
  },
};
