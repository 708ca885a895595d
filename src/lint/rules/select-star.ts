/**
 * AM04: a model outside staging lists the columns it returns. With `select *` in its final select, a
 * column added, dropped or renamed upstream silently changes the model's own columns — and every
 * dashboard on top of it. Like SQLFluff, a wildcard is fine when it reads a CTE or subquery whose columns
 * are known (dbt's `select * from final`), so the import CTEs (`select * from {{ ref('…') }}`) of dbt's
 * style guide are not flagged: only what the final select passes through from outside the file is.
 * Staging models select from sources and rename; `select *` there is a choice, not an accident.
 */
import type { SqlRule, Violation } from '../rule.js';
import type { SqlFile } from '../sql-file.js';
import { outermostSelects, queryShape, selectsWithin, wildcardOf, type QueryShape, type SelectShape } from './query-shape.js';
import { uniqueViolations } from './unique-violations.js';

export const selectStar: SqlRule = {
  code: 'AM04',
  name: 'select-star',
  description: "A model outside staging lists its columns: no 'select *' in its final select that passes through the columns of a relation outside the file.",
  severity: 'warning',
  enabledByDefault: true,
  needsAst: false,
  check(file: SqlFile): Violation[] {
    if (file.model.layer === 'staging' || file.model.resourceType !== 'model') return [];
    const shape = queryShape(file);
    const violations: Violation[] = [];
    for (const select of outermostSelects(shape)) {
      for (const item of select.items) {
        const wildcard = wildcardOf(shape, item);
        if (!wildcard) continue;
        const unknown = unknownColumnsOf(file, shape, select, wildcard.qualifier, new Set());
        if (unknown === null) continue;
        const star = shape.tokens[wildcard.star];
        const written = shape.tokens.slice(item.start, wildcard.star + 1).map((token) => token.text).join('');
        violations.push({
          ...file.position(star.start),
          message: `select ${written} in the model's final select passes through every column of ${unknown}: list the columns this model returns`,
        });
      }
    }
    return uniqueViolations(violations);
  },
};

/**
 * The relation outside the file whose columns a wildcard passes through (as the author wrote it), or
 * null when every relation it reads is a CTE or subquery with a known column list.
 */
function unknownColumnsOf(file: SqlFile, shape: QueryShape, select: SelectShape, qualifier: string, visiting: Set<number>): string | null {
  const sources = qualifier
    ? select.sources.filter((source) => (source.alias ?? source.name[source.name.length - 1]) === qualifier)
    : select.sources;
  if (qualifier && sources.length === 0) return `'${qualifier}'`;
  for (const source of sources) {
    if (source.kind === 'subquery') {
      const unknown = unknownColumnsIn(file, shape, selectsWithin(shape, source.open, source.close), visiting);
      if (unknown !== null) return unknown;
      continue;
    }
    const cte = source.kind === 'table' && source.name.length === 1 ? cteBefore(shape, source.name[0], select.start) : -1;
    if (cte >= 0) {
      if (visiting.has(cte)) continue; // a recursive CTE: its columns are those of its first branch
      visiting.add(cte);
      const { open, close } = shape.ctes[cte];
      const unknown = unknownColumnsIn(file, shape, selectsWithin(shape, open, close), visiting);
      if (unknown !== null) return unknown;
      continue;
    }
    const first = source.nameTokens[0];
    const last = source.nameTokens[Math.min(source.name.length, source.nameTokens.length) - 1] ?? first;
    return first === undefined ? 'a relation' : relationAsWritten(file, shape, first, last);
  }
  return null;
}

/** A relation's name as the author wrote it: `{{ ref('orders') }}` rather than what it renders to. */
function relationAsWritten(file: SqlFile, shape: QueryShape, first: number, last: number): string {
  const rendered = shape.tokens.slice(first, last + 1).map((token) => token.text).join('');
  if (file.sourceRange(shape.tokens[first].start, shape.tokens[last].end)) return rendered;
  // What an expression wrote maps to where the expression starts, inside its `{{ }}`.
  const { line, column } = file.position(shape.tokens[first].start);
  const text = file.sourceLine(line);
  const open = text.lastIndexOf('{{', column - 1);
  const close = text.indexOf('}}', column - 1);
  return open >= 0 && close > open ? text.slice(open, close + 2) : rendered;
}

function unknownColumnsIn(file: SqlFile, shape: QueryShape, selects: SelectShape[], visiting: Set<number>): string | null {
  for (const select of selects) {
    for (const item of select.items) {
      const wildcard = wildcardOf(shape, item);
      if (!wildcard) continue;
      const unknown = unknownColumnsOf(file, shape, select, wildcard.qualifier, visiting);
      if (unknown !== null) return unknown;
    }
  }
  return null;
}

/** The CTE of that name defined before a place (the nearest one, as SQL scoping finds it), or -1. */
function cteBefore(shape: QueryShape, name: string, before: number): number {
  let found = -1;
  shape.ctes.forEach((cte, index) => {
    if (cte.name === name && cte.nameToken < before) found = index;
  });
  return found;
}
