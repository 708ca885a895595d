/**
 * Without a usable key, the next best thing: per-column aggregates on each side (NULLs, distinct values,
 * min, max, and the sum of numbers), one query per side.
 */
import type { ColumnProfile, ProfileDiff, ReportValue } from '../report/report-json.js';
import type { Column, Relation, Warehouse } from '../warehouse/warehouse.js';
import { isNumeric, typeFamily } from './column-types.js';
import { diffDialectFor } from './diff-dialect.js';
import { MASK } from './value-diff.js';

export interface ProfiledRelation {
  relation: Relation;
  columns: Column[];
}

export interface ProfileDiffOptions {
  /** Why there is a profile rather than a value diff (no key, a key that is not unique, …). */
  reason: string;
  where?: string | null;
  /** Their counts are shown; their min, max and sum never leave the warehouse. */
  maskedColumns?: string[];
}

/**
 * Profiles every column of either side, in the environment's order then the columns only the base has;
 * a column missing on a side has a null profile there. `base` is null for a new model.
 */
export async function profileDiff(warehouse: Warehouse, base: ProfiledRelation | null, env: ProfiledRelation, options: ProfileDiffOptions): Promise<ProfileDiff> {
  const masked = new Set((options.maskedColumns ?? []).map((name) => name.toLowerCase()));
  const baseProfiles = base ? await profileSide(warehouse, base, options.where ?? null, masked) : new Map<string, ColumnProfile>();
  const envProfiles = await profileSide(warehouse, env, options.where ?? null, masked);
  const envNames = new Set(env.columns.map((column) => column.name.toLowerCase()));
  const names = [...env.columns.map((column) => column.name), ...(base?.columns ?? []).map((column) => column.name).filter((name) => !envNames.has(name.toLowerCase()))];
  return {
    reason: options.reason,
    columns: names.map((name) => ({
      name,
      base: baseProfiles.get(name.toLowerCase()) ?? null,
      env: envProfiles.get(name.toLowerCase()) ?? null,
    })),
  };
}

async function profileSide(warehouse: Warehouse, side: ProfiledRelation, where: string | null, masked: Set<string>): Promise<Map<string, ColumnProfile>> {
  const { dialect } = warehouse;
  const diffDialect = diffDialectFor(dialect);
  const profiles = new Map<string, ColumnProfile>();
  if (!side.columns.length) return profiles;
  const select = side.columns.flatMap((column, index) => {
    const name = dialect.quoteIdentifier(column.name);
    const family = typeFamily(column.type);
    const hidden = masked.has(column.name.toLowerCase());
    const distinctOf = diffDialect.comparesAsText(column.type) ? dialect.cast(name, diffDialect.textType) : name;
    const aggregates = [`count(*) - count(${name}) AS nulls${index}`, `count(DISTINCT ${distinctOf}) AS distinct${index}`];
    // Nested and unknown types may have no order (Spark cannot order a map); their min and max stay null.
    if (!hidden && family !== 'other') aggregates.push(`min(${name}) AS min${index}`, `max(${name}) AS max${index}`);
    // Summed as DECIMAL(38,0) so that a large BIGINT column cannot overflow (Databricks' ANSI mode fails on it).
    if (!hidden && isNumeric(column.type)) aggregates.push(`sum(${family === 'integer' ? dialect.cast(name, 'DECIMAL(38,0)') : name}) AS sum${index}`);
    return aggregates;
  });
  const { rows } = await warehouse.query(`SELECT ${select.join(', ')} FROM ${dialect.relationName(side.relation)}${where ? ` WHERE (${where})` : ''}`);
  const row = rows[0];
  side.columns.forEach((column, index) => {
    const hidden = masked.has(column.name.toLowerCase());
    const shown = (field: string): ReportValue => (hidden ? MASK : (row[field] ?? null));
    profiles.set(column.name.toLowerCase(), {
      nulls: Number(row[`nulls${index}`]),
      distinct: Number(row[`distinct${index}`]),
      min: typeFamily(column.type) === 'other' ? null : shown(`min${index}`),
      max: typeFamily(column.type) === 'other' ? null : shown(`max${index}`),
      sum: isNumeric(column.type) ? shown(`sum${index}`) : null,
    });
  });
  return profiles;
}
