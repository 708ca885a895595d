/**
 * The columns a model's SQL returns, by name, for the rule that checks documented columns exist. From
 * the parsed tree when the file was parsed anyway, else from the tokens of its final select list —
 * `x as name`, `name`, `t.name` — so that no file is parsed just for this. Null when any column is
 * unnamed or a wildcard: then nobody can say, and the rule stays silent.
 */
import { identifierName, outermostSelects, queryShape, wildcardOf } from './rules/query-shape.js';
import type { SqlFile } from './sql-file.js';

const NAME_TYPES = new Set(['word', 'keyword', 'quoted']);

/** The names of the outermost select's columns, when every one of them has a name. */
export function outputColumnsOfTree(ast: unknown): string[] | null {
  const statement = (Array.isArray(ast) ? ast[ast.length - 1] : ast) as { type?: string; columns?: unknown } | null;
  if (!statement || statement.type !== 'select' || !Array.isArray(statement.columns)) return null;
  const names: string[] = [];
  for (const column of statement.columns as Array<{ expr?: { type?: string; column?: unknown }; as?: unknown }>) {
    const alias = typeof column.as === 'string' ? column.as : (column.as as { value?: unknown } | null)?.value;
    if (typeof alias === 'string') {
      names.push(alias.toLowerCase());
      continue;
    }
    if (column.expr?.type !== 'column_ref') return null;
    const raw = column.expr.column;
    const name = typeof raw === 'string' ? raw : ((raw as { expr?: { value?: unknown } })?.expr?.value as string | undefined);
    if (typeof name !== 'string' || name === '*') return null;
    names.push(name.toLowerCase());
  }
  return names;
}

/** The same from the tokens: the first branch of the final select decides the names. */
export function outputColumnsOfTokens(file: SqlFile): string[] | null {
  const shape = queryShape(file);
  const final = outermostSelects(shape)[0];
  if (!final || !final.items.length) return null;
  const { tokens } = shape;
  const names: string[] = [];
  for (const item of final.items) {
    if (wildcardOf(shape, item)) return null;
    const last = tokens[item.end - 1];
    if (!last || !NAME_TYPES.has(last.type)) return null;
    const length = item.end - item.start;
    const before = tokens[item.end - 2];
    const aliased = length >= 3 && before !== undefined && before.type === 'keyword' && before.text.toLowerCase() === 'as';
    // `name` or `t.name` (or `s.t.name`): dots between names and nothing else.
    let plain = true;
    for (let i = item.start; i < item.end; i++) {
      const expected = (i - item.start) % 2 === 0 ? NAME_TYPES.has(tokens[i].type) : tokens[i].type === 'dot';
      if (!expected) plain = false;
    }
    if (!aliased && !plain) return null;
    names.push(identifierName(last));
  }
  return names;
}

export function outputColumns(file: SqlFile): string[] | null {
  return file.parsed ? outputColumnsOfTree(file.ast) : outputColumnsOfTokens(file);
}
