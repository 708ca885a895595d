/**
 * Everything the report says about one model's data, from its two relations: row counts, the schema
 * diff, and the value diff by key — or, without a usable key, a profile of each side. Plain data in,
 * the report's `rows`, `schema`, `values`, `profile` and `diff_notes` out.
 */
import type { ProfileDiff, SchemaDiff, ValueDiff } from '../report/report-json.js';
import type { Relation, Warehouse } from '../warehouse/warehouse.js';
import { profileDiff } from './profile-diff.js';
import { rowCounts } from './row-counts.js';
import { schemaDiff } from './schema-diff.js';
import { comparedColumns, DEFAULT_SIDE_NAMES, valueDiff, type ValueDiffOptions } from './value-diff.js';

/** The value diff's settings (see `ValueDiffOptions`), and the key, which may be missing. */
export interface RelationDiffOptions extends Pick<ValueDiffOptions, 'samples' | 'floatTolerance' | 'samplePercent' | 'where' | 'maskedColumns' | 'names'> {
  /** The primary key (see `primaryKeyFor`), or null when the model has none. */
  key: string[] | null;
}

export interface RelationDiff {
  rows: { base: number | null; env: number } | null;
  schema: SchemaDiff | null;
  values: ValueDiff | null;
  profile: ProfileDiff | null;
  notes: string[];
}

/** `base` is production's relation, or null for a new model. */
export async function diffRelation(warehouse: Warehouse, base: Relation | null, env: Relation, options: RelationDiffOptions): Promise<RelationDiff> {
  const names = options.names ?? DEFAULT_SIDE_NAMES;
  const { dialect } = warehouse;
  const notes: string[] = [];
  const envColumns = await warehouse.getColumns(env);
  if (!envColumns) return { rows: null, schema: null, values: null, profile: null, notes: [`${dialect.relationName(env)} does not exist: nothing to diff.`] };
  const baseColumns = base ? await warehouse.getColumns(base) : null;
  if (base && !baseColumns) notes.push(`${dialect.relationName(base)} does not exist in ${names.base}: nothing to compare with.`);
  const rows = await rowCounts(warehouse, baseColumns ? base : null, env, { where: options.where });
  if (!base || !baseColumns) return { rows, schema: null, values: null, profile: null, notes };

  const schema = schemaDiff(baseColumns, envColumns);
  const profile = async (reason: string) =>
    profileDiff(warehouse, { relation: base, columns: baseColumns }, { relation: env, columns: envColumns }, { reason, where: options.where, maskedColumns: options.maskedColumns });

  if (!options.key?.length) {
    const reason = 'No primary key to match rows by: set unique_key or meta.primary_key, or give a column unique and not_null tests.';
    return { rows, schema, values: null, profile: await profile(reason), notes: [...notes, reason] };
  }
  const compared = comparedColumns(baseColumns, envColumns, options.key);
  const missing = [
    ...compared.missingKey.base.map((column) => `${column} is not in ${names.base}`),
    ...compared.missingKey.env.map((column) => `${column} is not in ${names.env}`),
  ];
  if (missing.length) {
    const reason = `The key (${options.key.join(', ')}) cannot match rows: ${missing.join('; ')}.`;
    return { rows, schema, values: null, profile: await profile(reason), notes: [...notes, reason] };
  }

  const result = await valueDiff(warehouse, {
    base,
    env,
    key: compared.keyColumns.map((column) => column.name),
    keyColumns: compared.keyColumns,
    columns: compared.columns,
    samples: options.samples,
    floatTolerance: options.floatTolerance,
    samplePercent: options.samplePercent,
    where: options.where,
    maskedColumns: options.maskedColumns,
    names,
  });
  notes.push(...result.notes);
  if (result.values) return { rows, schema, values: result.values, profile: null, notes };
  return { rows, schema, values: null, profile: await profile(result.notes.at(-1) ?? 'No value diff.'), notes };
}
