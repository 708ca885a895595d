/**
 * The SQL of the value diff: pure functions from a plan to statement text, for either warehouse.
 *
 * The key check (one cheap statement): per side, the rows the diff covers, those with a NULL key, and the
 * keys repeated within the first rows — enough to stop a key that is plainly not unique before a join
 * on it multiplies rows. The diff itself proves the rest (see value-diff.ts).
 *
 * The diff (one statement):
 *   base_rows, env_rows   each side's key and a hash of its compared columns (where, sample applied)
 *   differing             FULL OUTER JOIN on the key, keeping the keys whose row hash differs: the
 *                         floor's join, and the only step that handles every row
 *   compared              the columns of those few keys, fetched by key (DuckDB carries the base's
 *                         columns through the join and fetches only the environment's), and one
 *                         changed flag per column: NULL-safe, within the float tolerance
 *   differences           rows that really differ (a hash can differ for values within the tolerance)
 *   result                one totals row per kind (rows, distinct keys, changes per column) and up to
 *                         `samples` rows per kind in key order; masked columns are never selected
 */
import type { Relation, SqlDialect } from '../warehouse/warehouse.js';
import { diffDialectFor, keySampleFilter, type DiffDialect } from './diff-dialect.js';

export interface KeyPlan {
  name: string;
  /** Both sides' key cast to this type, when the two sides' key types differ. */
  castTo: string | null;
  /** PII: ordered by in the warehouse, never selected. */
  masked: boolean;
}

export type Comparison = 'exact' | 'tolerance' | 'text';

export interface ColumnPlan {
  name: string;
  comparison: Comparison;
  /** PII: compared in the warehouse, never selected. */
  masked: boolean;
}

export interface ValueDiffPlan {
  base: Relation;
  env: Relation;
  key: KeyPlan[];
  columns: ColumnPlan[];
  where: string | null;
  /** In (0, 100): the share of keys kept by hash; null for every key. */
  samplePercent: number | null;
  samples: number;
  floatTolerance: number;
}

/** Rows read from the start of each side to catch a plainly non-unique key before joining on it. */
export const KEY_CHECK_HEAD_ROWS = 100_000;

/** Aliases of the result columns, so that a user's column names never matter. */
export const alias = {
  key: (index: number) => `k${index}`,
  flag: (index: number) => `f${index}`,
  changes: (index: number) => `n${index}`,
  base: (index: number) => `b${index}`,
  env: (index: number) => `e${index}`,
  carried: (index: number) => `c${index}`,
};

export function keyCheckSql(dialect: SqlDialect, plan: ValueDiffPlan): string {
  const sql = new DiffSql(dialect, plan);
  return [sql.keyCheckSide('base', plan.base), sql.keyCheckSide('env', plan.env)].join('\nUNION ALL\n');
}

export function valueDiffSql(dialect: SqlDialect, plan: ValueDiffPlan): string {
  return new DiffSql(dialect, plan).diff();
}

class DiffSql {
  private readonly diffDialect: DiffDialect;

  constructor(
    private readonly dialect: SqlDialect,
    private readonly plan: ValueDiffPlan,
  ) {
    this.diffDialect = diffDialectFor(dialect);
  }

  keyCheckSide(side: 'base' | 'env', relation: Relation): string {
    const { plan } = this;
    const keys = plan.key.map((key) => this.keyExpression('', key));
    const filter = this.rowFilter(keys);
    const anyNull = keys.map((key) => `${key} IS NULL`).join(' OR ');
    const headFilter = [...filter, ...keys.map((key) => `${key} IS NOT NULL`)];
    const keyAliases = keys.map((_, index) => alias.key(index));
    return [
      `SELECT '${side}' AS side, t.row_count, t.null_keys, r.repeated_keys`,
      `FROM (SELECT count(*) AS row_count, count(CASE WHEN ${anyNull} THEN 1 END) AS null_keys FROM ${this.dialect.relationName(relation)}${where(filter)}) AS t`,
      `CROSS JOIN (SELECT count(*) AS repeated_keys FROM (`,
      `  SELECT ${keyAliases.join(', ')} FROM (SELECT ${keys.map((key, index) => `${key} AS ${keyAliases[index]}`).join(', ')} FROM ${this.dialect.relationName(relation)}${where(headFilter)} LIMIT ${KEY_CHECK_HEAD_ROWS}) AS head`,
      `  GROUP BY ${keyAliases.join(', ')} HAVING count(*) > 1) AS repeats) AS r`,
    ].join('\n');
  }

  diff(): string {
    const { plan, diffDialect } = this;
    const carry = diffDialect.carryBaseColumns;
    const keyAliases = plan.key.map((_, index) => alias.key(index));
    const ctes = [
      `base_rows AS (\n${this.sideRows(plan.base, carry)}\n)`,
      `env_rows AS (\n${this.sideRows(plan.env, false)}\n)`,
      `differing AS (\n${this.differing(carry)}\n)`,
      `compared AS (\n${this.compared(carry)}\n)`,
      `differences AS (\n  SELECT * FROM compared WHERE ${['diff_kind <> \'changed\'', ...plan.columns.map((_, index) => alias.flag(index))].join(' OR ')}\n)`,
    ];
    const unmasked = plan.columns.map((column, index) => ({ column, index })).filter(({ column }) => !column.masked);
    const totals = [
      `'totals' AS diff_part`,
      'diff_kind',
      'count(*) AS row_count',
      `${diffDialect.countDistinct(keyAliases)} AS key_count`,
      ...plan.columns.map((_, index) => `sum(CASE WHEN ${alias.flag(index)} THEN 1 ELSE 0 END) AS ${alias.changes(index)}`),
      'NULL AS sample_rank',
      ...keyAliases.map((key) => `NULL AS ${key}`),
      ...plan.columns.map((_, index) => `NULL AS ${alias.flag(index)}`),
      ...unmasked.flatMap(({ index }) => [`NULL AS ${alias.base(index)}`, `NULL AS ${alias.env(index)}`]),
    ];
    const statement = [`WITH ${ctes.join(',\n')}`, `SELECT ${totals.join(', ')}\nFROM differences GROUP BY diff_kind`];
    if (plan.samples > 0) statement.push('UNION ALL', this.samples());
    return statement.join('\n');
  }

  /**
   * Up to `samples` rows of each kind, in key order. Where the warehouse's window sorts whole rows
   * (DuckDB), only the kinds and keys are ranked and the picked rows joined back; Spark cuts a rank
   * filter down per partition before sorting, so there the rows are ranked as they are.
   */
  private samples(): string {
    const { plan } = this;
    const keyAliases = plan.key.map((_, index) => alias.key(index));
    const rank = `row_number() OVER (PARTITION BY diff_kind ORDER BY ${keyAliases.join(', ')}) AS sample_rank`;
    const keysOnly = this.diffDialect.ranksKeysOnly;
    const from = keysOnly ? 'd.' : '';
    const select = [
      `'sample' AS diff_part`,
      `${from}diff_kind AS diff_kind`,
      'NULL AS row_count',
      'NULL AS key_count',
      ...plan.columns.map((_, index) => `NULL AS ${alias.changes(index)}`),
      `${keysOnly ? 'picked.' : ''}sample_rank AS sample_rank`,
      ...keyAliases.map((key, index) => `${plan.key[index].masked ? 'NULL' : `${from}${key}`} AS ${key}`),
      ...plan.columns.map((_, index) => `${from}${alias.flag(index)} AS ${alias.flag(index)}`),
      ...plan.columns.flatMap((column, index) =>
        column.masked ? [] : [`${from}${alias.base(index)} AS ${alias.base(index)}`, `${from}${alias.env(index)} AS ${alias.env(index)}`],
      ),
    ].join(', ');
    // The limit keeps the client's share small even if a repeated key (reported, then discarded) multiplies rows.
    const limit = `LIMIT ${plan.samples * 3}`;
    if (!keysOnly) {
      return `SELECT * FROM (\nSELECT ${select}\nFROM (SELECT *, ${rank} FROM differences) AS ranked\nWHERE sample_rank <= ${plan.samples} ${limit}) AS samples`;
    }
    const pickedKeys = keyAliases.map((key) => `picked.${key} = d.${key}`).join(' AND ');
    return [
      `SELECT * FROM (`,
      `SELECT ${select}`,
      `FROM differences AS d JOIN (`,
      `  SELECT * FROM (SELECT diff_kind, ${keyAliases.join(', ')}, ${rank} FROM differences) AS ranked WHERE sample_rank <= ${plan.samples}`,
      `) AS picked ON picked.diff_kind = d.diff_kind AND ${pickedKeys} ${limit}) AS samples`,
    ].join('\n');
  }

  private sideRows(relation: Relation, carry: boolean): string {
    const { plan } = this;
    const keys = plan.key.map((key) => this.keyExpression('', key));
    const columns = plan.columns.map((column) => this.comparable(this.dialect.quoteIdentifier(column.name), column));
    const select = [...keys.map((key, index) => `${key} AS ${alias.key(index)}`), `${this.diffDialect.rowHash(columns)} AS row_hash`];
    if (carry) select.push(...plan.columns.map((column, index) => `${this.dialect.quoteIdentifier(column.name)} AS ${alias.carried(index)}`));
    const filter = [...keys.map((key) => `${key} IS NOT NULL`), ...this.rowFilter(keys)];
    return `  SELECT ${select.join(', ')}\n  FROM ${this.dialect.relationName(relation)}${where(filter)}`;
  }

  private differing(carry: boolean): string {
    const { plan } = this;
    const keyAliases = plan.key.map((_, index) => alias.key(index));
    const select = [
      ...keyAliases.map((key) => `coalesce(b.${key}, e.${key}) AS ${key}`),
      'b.row_hash IS NOT NULL AS in_base',
      'e.row_hash IS NOT NULL AS in_env',
    ];
    if (carry) select.push(...plan.columns.map((_, index) => `b.${alias.carried(index)}`));
    return [
      `  SELECT ${select.join(', ')}`,
      `  FROM base_rows AS b FULL OUTER JOIN env_rows AS e ON ${keyAliases.map((key) => `b.${key} = e.${key}`).join(' AND ')}`,
      `  WHERE ${this.diffDialect.differ('b.row_hash', 'e.row_hash')}`,
    ].join('\n');
  }

  private compared(carry: boolean): string {
    const { plan, dialect } = this;
    const baseValue = (index: number) => (carry ? `d.${alias.carried(index)}` : `b.${dialect.quoteIdentifier(plan.columns[index].name)}`);
    const envValue = (index: number) => `e.${dialect.quoteIdentifier(plan.columns[index].name)}`;
    const select = [
      ...plan.key.map((_, index) => `d.${alias.key(index)}`),
      `CASE WHEN NOT d.in_env THEN 'only_base' WHEN NOT d.in_base THEN 'only_env' ELSE 'changed' END AS diff_kind`,
      ...plan.columns.map((column, index) => `${this.changed(baseValue(index), envValue(index), column)} AS ${alias.flag(index)}`),
      ...plan.columns.flatMap((column, index) => (column.masked ? [] : [`${baseValue(index)} AS ${alias.base(index)}`, `${envValue(index)} AS ${alias.env(index)}`])),
    ];
    const lines = [`  SELECT ${select.join(', ')}`, '  FROM differing AS d'];
    if (!carry) lines.push(`  LEFT JOIN ${this.source(plan.base)} AS b ON ${this.keyMatch('b.')}`);
    lines.push(`  LEFT JOIN ${this.source(plan.env)} AS e ON ${this.keyMatch('e.')}`);
    return lines.join('\n');
  }

  /** The changed flag of one column: never NULL. */
  private changed(base: string, env: string, column: ColumnPlan): string {
    if (column.comparison === 'tolerance') {
      return `coalesce(abs(${base} - ${env}) > ${this.dialect.literal(this.plan.floatTolerance)}, (${base} IS NULL) <> (${env} IS NULL))`;
    }
    return this.diffDialect.differ(this.comparable(base, column), this.comparable(env, column));
  }

  private comparable(expression: string, column: ColumnPlan): string {
    return column.comparison === 'text' ? this.dialect.cast(expression, this.diffDialect.textType) : expression;
  }

  private keyExpression(prefix: string, key: KeyPlan): string {
    const column = `${prefix}${this.dialect.quoteIdentifier(key.name)}`;
    return key.castTo ? this.dialect.cast(column, key.castTo) : column;
  }

  private keyMatch(prefix: string): string {
    return this.plan.key.map((key, index) => `${this.keyExpression(prefix, key)} = d.${alias.key(index)}`).join(' AND ');
  }

  /**
   * A side's rows for the second join. The where applies here too: a key repeated only in rows that the
   * where leaves out must not multiply the rows of the diff.
   */
  private source(relation: Relation): string {
    const name = this.dialect.relationName(relation);
    return this.plan.where ? `(SELECT * FROM ${name} WHERE (${this.plan.where}))` : name;
  }

  private rowFilter(keyExpressions: string[]): string[] {
    const filter: string[] = [];
    if (this.plan.where) filter.push(`(${this.plan.where})`);
    if (this.plan.samplePercent !== null) filter.push(keySampleFilter(this.diffDialect, keyExpressions, this.plan.samplePercent));
    return filter;
  }
}

function where(conditions: string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}
