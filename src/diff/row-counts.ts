/** Row counts of a model's two sides, in one query. */
import type { Relation, Warehouse } from '../warehouse/warehouse.js';

export interface RowCountOptions {
  /** `diff.where`: counts only the rows it keeps, on both sides. */
  where?: string | null;
}

/** `base` is null for a model that production does not have yet. */
export async function rowCounts(warehouse: Warehouse, base: Relation | null, env: Relation, options: RowCountOptions = {}): Promise<{ base: number | null; env: number }> {
  const { dialect } = warehouse;
  const count = (relation: Relation) => `(SELECT count(*) FROM ${dialect.relationName(relation)}${options.where ? ` WHERE (${options.where})` : ''})`;
  const columns = [`${count(env)} AS env_rows`];
  if (base) columns.push(`${count(base)} AS base_rows`);
  const { rows } = await warehouse.query(`SELECT ${columns.join(', ')}`);
  return { base: base ? Number(rows[0].base_rows) : null, env: Number(rows[0].env_rows) };
}
