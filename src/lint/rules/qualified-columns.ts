/**
 * RF02: in a select that reads several relations, every column says which one it comes from. An
 * unqualified column works until someone adds a column of the same name to the other table; then the
 * query fails, or worse, on some engines reads the wrong one. The parsed tree says which names are
 * column references (not functions, aliases, types or keywords); the tokens say where they are written,
 * since node-sql-parser gives no positions. Both list the selects in text order; a file where the two
 * lists do not line up is left alone rather than guessed at.
 */
import type { SqlRule, Violation } from '../rule.js';
import type { SqlFile } from '../sql-file.js';
import { identifierName, isWord, queryShape, type QueryShape, type SelectShape } from './query-shape.js';
import { uniqueViolations } from './unique-violations.js';

type AstNode = Record<string, unknown>;

export const qualifiedColumns: SqlRule = {
  code: 'RF02',
  name: 'qualified-columns',
  description: 'In a select that reads more than one table, every column is qualified with its table or alias.',
  severity: 'warning',
  enabledByDefault: true,
  needsAst: true,
  applies: (file) => {
    const shape = queryShape(file);
    return shape.selects.some((select) => select.sources.length >= 2 && mayReadUnqualified(shape, select));
  },
  check(file: SqlFile): Violation[] {
    const shape = queryShape(file);
    const astSelects = selectNodesOf(file.ast);
    if (astSelects.length !== shape.selects.length) return [];
    if (astSelects.some((node, index) => !sameColumnCount(node, shape.selects[index]))) return [];
    const violations: Violation[] = [];
    astSelects.forEach((node, index) => {
      const from = node.from;
      if (!Array.isArray(from) || from.length < 2) return;
      const names = unqualifiedColumnNames(node);
      if (names.strict.size === 0 && names.late.size === 0) return;
      const select = shape.selects[index];
      const relations = select.sources.length >= 2 ? select.sources.map((source) => source.alias ?? source.name[source.name.length - 1] ?? '(subquery)') : [];
      const aliases = Array.isArray(node.columns) ? node.columns.map((column) => (columnName((column as AstNode).as) ?? '').toLowerCase()) : [];
      for (const token of unqualifiedTokens(shape, select, names, aliases)) {
        violations.push({
          ...file.position(token.start),
          message: `column '${token.text}' is not qualified in a select that reads ${relations.length ? relations.join(', ') : 'several relations'}: write which one it comes from (e.g. ${relations[0] ?? 't'}.${token.text})`,
        });
      }
    });
    return uniqueViolations(violations);
  },
};

/** A keyword between these reads as a name (`select o.id, rows from …`), not as SQL. */
const BEFORE_NAME = new Set(['comma', 'open']);
const AFTER_NAME = new Set(['comma', 'close']);

/**
 * Whether a select that reads several relations has a name that may be an unqualified column: a word
 * (or quoted name) that is not a relation or its alias, not part of a dotted name, not a function, and not
 * an alias or type after AS — or a keyword standing alone between separators (`rows`, `range` as
 * columns). Only then is the tree, which tells columns from everything else, worth parsing: most files
 * qualify everything, and parsing costs more than every other rule together.
 */
function mayReadUnqualified(shape: QueryShape, select: SelectShape): boolean {
  const { tokens } = shape;
  const relations = new Set(select.sources.flatMap((source) => source.nameTokens));
  for (let i = select.start + 1; i < select.end; i++) {
    const token = tokens[i];
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (token.type === 'keyword') {
      const afterSelect = i === select.start + 1;
      if ((afterSelect || BEFORE_NAME.has(before?.type ?? '')) && (after === undefined || AFTER_NAME.has(after.type) || isWord(after, 'from'))) return true;
      continue;
    }
    if (token.type !== 'word' && token.type !== 'quoted') continue;
    if (relations.has(i) || before?.type === 'dot' || after?.type === 'dot' || after?.type === 'open' || isWord(before, 'as')) continue;
    return true;
  }
  return false;
}

/** Every select node of the tree, in the order their SELECT keywords are written. */
function selectNodesOf(ast: unknown): AstNode[] {
  const found: AstNode[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown) => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as AstNode;
    // A select's WITH is written before its SELECT keyword, so the CTEs' selects come first.
    if (node.type === 'select') {
      visit(node.with);
      found.push(node);
    }
    // Object keys keep the parser's order: columns, from, where, group by, having, order by, then a
    // UNION's next branch — the order of the text.
    for (const key in node) if (key !== 'tableList' && key !== 'columnList' && key !== 'loc' && key !== 'with') visit(node[key]);
  };
  visit(ast);
  return found;
}

/** A check that the n-th select of the tree is the n-th SELECT of the text. */
function sameColumnCount(node: AstNode, select: SelectShape): boolean {
  const columns = node.columns;
  return Array.isArray(columns) ? columns.length === select.items.length : select.items.length === 1;
}

/** Clauses where a bare name may be one of the select's own output aliases (`order by total`, `qualify rank = 1`). */
const LATE_CLAUSES = new Set(['groupby', 'having', 'qualify', 'orderby']);

/**
 * Lower-case names of the columns a select (not its subqueries) references without a table: `strict`
 * where a bare name can only be a column (the select list, FROM and JOIN, WHERE) — `sum(amount) as
 * amount` still reads an unqualified `amount` — and `late` where it may be an output alias (GROUP BY,
 * HAVING, QUALIFY, ORDER BY), the aliases left out.
 */
function unqualifiedColumnNames(root: AstNode): { strict: Set<string>; late: Set<string> } {
  const strict = new Set<string>();
  const late = new Set<string>();
  let names = strict;
  const visit = (value: unknown) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as AstNode;
    if (node !== root && node.type === 'select') return;
    if (node.type === 'column_ref') {
      if (!node.table && !node.schema) {
        const name = columnName(node.column);
        if (name && name !== '*') names.add(name.toLowerCase());
      }
      return;
    }
    for (const key in node) {
      if (key === 'tableList' || key === 'columnList' || key === 'with') continue;
      if (node === root) names = LATE_CLAUSES.has(key) ? late : strict;
      visit(node[key]);
    }
  };
  visit(root);
  // A select's own output aliases, where they may be read (ORDER BY total), are not ambiguous.
  for (const column of Array.isArray(root.columns) ? root.columns : []) {
    const alias = columnName((column as AstNode).as);
    if (alias) late.delete(alias.toLowerCase());
  }
  // USING columns are one column for both sides.
  for (const source of Array.isArray(root.from) ? root.from : []) {
    const using = (source as AstNode).using;
    if (Array.isArray(using)) {
      for (const column of using) {
        strict.delete((columnName(column) ?? '').toLowerCase());
        late.delete((columnName(column) ?? '').toLowerCase());
      }
    }
  }
  return { strict, late };
}

function columnName(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const node = value as AstNode;
    if (typeof node.value === 'string') return node.value;
    if (node.expr) return columnName(node.expr);
  }
  return null;
}

/**
 * Where the select itself (not a subquery of it) writes one of these names as a bare column: a strict
 * name before the select's GROUP BY / HAVING / QUALIFY / ORDER BY (after them it may be an output
 * alias), a late one anywhere. In the select list, a name that an earlier item's alias gives (`a.x - b.x
 * as diff, diff * 2 as double_diff`: DuckDB's and Spark's lateral column aliases) reads that alias;
 * `aliases` are the items' aliases, in order ('' for none).
 */
function unqualifiedTokens(shape: QueryShape, select: SelectShape, names: { strict: Set<string>; late: Set<string> }, aliases: string[]) {
  const { tokens, owner, depth } = shape;
  const relationNames = new Set(select.sources.flatMap((source) => source.nameTokens));
  const found = [];
  let lateClauses = false;
  let item = 0;
  for (let i = select.start + 1; i < select.end; i++) {
    const token = tokens[i];
    if (owner[i] !== select.index) continue;
    while (item < select.items.length && select.items[item].end <= i) item++;
    const inItem = item < select.items.length && select.items[item].start <= i;
    if (inItem && aliases.slice(0, item).includes(identifierName(token))) continue;
    // The select's own clauses, not an ORDER BY inside a window, WITHIN GROUP or an aggregate's call.
    if (depth[i] === select.depth) {
      if ((isWord(token, 'group') || isWord(token, 'order')) && isWord(tokens[i + 1], 'by')) lateClauses = true;
      if (isWord(token, 'having') || isWord(token, 'qualify')) lateClauses = true;
    }
    if (token.type !== 'word' && token.type !== 'quoted') continue;
    const name = identifierName(token);
    if (!(names.late.has(name) || (!lateClauses && names.strict.has(name))) || relationNames.has(i)) continue;
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (previous.type === 'dot' || next?.type === 'dot' || next?.type === 'open') continue;
    // An alias (`as total`, `sum(x) total`) or a type (`x::date`, `cast(x as date)`).
    if (isWord(previous, 'as') || previous.text === '::' || previous.type === 'word' || previous.type === 'quoted' || previous.type === 'close') continue;
    found.push(token);
  }
  return found;
}
