/**
 * Rules read the rendered SQL, where a Jinja loop repeats the same source text: one place in the source
 * is reported once, with one fix, however often it was rendered.
 */
import type { Violation } from '../rule.js';

export function uniqueViolations(violations: Violation[]): Violation[] {
  if (violations.length < 2) return violations;
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.line}:${violation.column}:${violation.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
