/**
 * The value diff of a model by its primary key, computed in the warehouse in two statements (see
 * value-diff-sql.ts): a cheap key check, then one pass that counts rows only in the base, only in the
 * environment, changed rows and changes per column, with a few samples. The client receives one totals
 * row per kind and the samples, whatever the tables' size.
 *
 * The key must be unique on each side. Proving it with a GROUP BY on each side would cost more than the
 * diff itself, so the key check only catches a key that is plainly wrong (repeats among the first rows,
 * before a join on it could multiply rows), and the diff's own counts prove the rest at no extra scan:
 *   - a key repeated among the rows that differ shows as fewer distinct keys than rows of a kind;
 *   - a key repeated among matched rows makes one side match more rows than the other
 *     (rows − rows only on that side);
 * what can slip through are keys whose repeated rows are identical copies of each other and of the
 * other side's rows: they change no number of the diff.
 */
import { SluiceError } from '../errors.js';
import type { ReportValue, ValueDiff, ValueSample } from '../report/report-json.js';
import type { Column, Relation, SqlValue, Warehouse } from '../warehouse/warehouse.js';
import { comparableTypes, isInexact, normaliseType, typeFamily } from './column-types.js';
import { diffDialectFor } from './diff-dialect.js';
import { alias, KEY_CHECK_HEAD_ROWS, keyCheckSql, valueDiffSql, type ColumnPlan, type KeyPlan, type ValueDiffPlan } from './value-diff-sql.js';

/** A column on both sides: `type` is the environment's type, `baseType` the base's when it differs. */
export interface DiffColumn extends Column {
  baseType?: string;
}

/** How notes name the two sides. */
export interface SideNames {
  base: string;
  env: string;
}

export const DEFAULT_SIDE_NAMES: SideNames = { base: 'production', env: 'the pull request' };

export const MASK = '•••';

export interface ValueDiffOptions {
  base: Relation;
  env: Relation;
  /** The primary key's columns. */
  key: string[];
  /** The compared columns: on both sides, key excluded (see `comparedColumns`). */
  columns: DiffColumn[];
  /** The key columns' types on both sides, when known: keys of different types are joined as text or BIGINT. */
  keyColumns?: DiffColumn[];
  /** Sample rows per kind of difference, and in all (default 5). */
  samples?: number;
  /** Floats and decimals are equal within this absolute difference (default 0). */
  floatTolerance?: number;
  /** Keep only the keys whose hash falls in the first N % (the same keys on both sides); null for all. */
  samplePercent?: number | null;
  /** A SQL condition applied to both sides. */
  where?: string | null;
  /** Columns whose values never leave the warehouse: shown as `•••` in samples. */
  maskedColumns?: string[];
  names?: SideNames;
}

export interface ValueDiffResult {
  /** Null when the key turned out not to be unique: the notes say why, and the caller falls back to a profile. */
  values: ValueDiff | null;
  notes: string[];
}

const KINDS = ['changed', 'only_base', 'only_env'] as const;
type Kind = (typeof KINDS)[number];

/** Columns shown for a row that is on one side only. */
const ONE_SIDED_COLUMNS = 3;

export async function valueDiff(warehouse: Warehouse, options: ValueDiffOptions): Promise<ValueDiffResult> {
  const names = options.names ?? DEFAULT_SIDE_NAMES;
  const notes: string[] = [];
  const plan = planValueDiff(warehouse, options, notes);
  const keyList = plan.key.map((key) => key.name).join(', ');

  const check = await readKeyCheck(warehouse, keyCheckSql(warehouse.dialect, plan));
  const repeated = (['base', 'env'] as const).filter((side) => check[side].repeatedKeys > 0);
  if (repeated.length) {
    for (const side of repeated) {
      const count = check[side].repeatedKeys;
      notes.push(`The key (${keyList}) is not unique in ${names[side]}: ${count} key${count === 1 ? ' repeats' : 's repeat'} within its first ${KEY_CHECK_HEAD_ROWS.toLocaleString('en-US')} rows.`);
    }
    return { values: null, notes };
  }
  if (check.base.nullKeys || check.env.nullKeys) {
    notes.push(`Rows with a NULL in the key (${keyList}) are left out of the value diff: ${check.base.nullKeys} in ${names.base}, ${check.env.nullKeys} in ${names.env}.`);
  }

  const { rows } = await warehouse.query(valueDiffSql(warehouse.dialect, plan));
  const totals = new Map<Kind, Record<string, SqlValue>>();
  const samples = new Map<Kind, Record<string, SqlValue>[]>(KINDS.map((kind) => [kind, []]));
  for (const row of rows) {
    const kind = row.diff_kind as Kind;
    if (row.diff_part === 'totals') totals.set(kind, row);
    else samples.get(kind)!.push(row);
  }
  const count = (kind: Kind, field: string) => Number(totals.get(kind)?.[field] ?? 0);

  const duplicated = duplicatedKeyNotes(check, count, keyList, names);
  if (duplicated.length) return { values: null, notes: [...notes, ...duplicated] };

  const changes: Record<string, number> = {};
  plan.columns.forEach((column, index) => {
    const changed = count('changed', alias.changes(index));
    if (changed > 0) changes[column.name] = changed;
  });
  const sampled = plan.samplePercent !== null || plan.where ? { percent: plan.samplePercent, where: plan.where } : null;
  return {
    values: {
      key: plan.key.map((key) => key.name),
      only_base: count('only_base', 'row_count'),
      only_env: count('only_env', 'row_count'),
      changed_rows: count('changed', 'row_count'),
      columns: changes,
      samples: pickSamples(samples, plan),
      sampled,
    },
    notes,
  };
}

export interface ComparedColumns {
  /** The key's columns with both sides' types. */
  keyColumns: DiffColumn[];
  /** Columns on both sides other than the key, in the environment's order, with both sides' types. */
  columns: DiffColumn[];
  /** Key columns that a side does not have: no value diff is possible. */
  missingKey: { base: string[]; env: string[] };
}

/** What a value diff compares, from the two sides' introspected columns (names matched case-insensitively). */
export function comparedColumns(baseColumns: Column[], envColumns: Column[], key: string[]): ComparedColumns {
  const baseByName = new Map(baseColumns.map((column) => [column.name.toLowerCase(), column]));
  const envByName = new Map(envColumns.map((column) => [column.name.toLowerCase(), column]));
  const keyNames = new Set(key.map((name) => name.toLowerCase()));
  const both = (column: Column): DiffColumn => ({ name: column.name, type: column.type, baseType: baseByName.get(column.name.toLowerCase())!.type });
  return {
    keyColumns: key.filter((name) => baseByName.has(name.toLowerCase()) && envByName.has(name.toLowerCase())).map((name) => both(envByName.get(name.toLowerCase())!)),
    columns: envColumns.filter((column) => !keyNames.has(column.name.toLowerCase()) && baseByName.has(column.name.toLowerCase())).map(both),
    missingKey: {
      base: key.filter((name) => !baseByName.has(name.toLowerCase())),
      env: key.filter((name) => !envByName.has(name.toLowerCase())),
    },
  };
}

function planValueDiff(warehouse: Warehouse, options: ValueDiffOptions, notes: string[]): ValueDiffPlan {
  if (!options.key.length) throw new Error('valueDiff needs at least one key column');
  const samples = options.samples ?? 5;
  const floatTolerance = options.floatTolerance ?? 0;
  if (!Number.isInteger(samples) || samples < 0) throw new SluiceError(`diff samples must be a whole number of rows, 0 or more; got ${samples}`);
  if (!Number.isFinite(floatTolerance) || floatTolerance < 0) throw new SluiceError(`diff float tolerance must be a number, 0 or more; got ${floatTolerance}`);
  let samplePercent = options.samplePercent ?? null;
  if (samplePercent !== null && !(samplePercent > 0 && samplePercent <= 100)) {
    throw new SluiceError(`diff sample_percent must be more than 0 and at most 100; got ${samplePercent}`, { hint: 'leave it out to compare every row' });
  }
  if (samplePercent === 100) samplePercent = null;

  const diffDialect = diffDialectFor(warehouse.dialect);
  const masked = new Set((options.maskedColumns ?? []).map((name) => name.toLowerCase()));
  const keyTypes = new Map((options.keyColumns ?? []).map((column) => [column.name.toLowerCase(), column]));
  const key: KeyPlan[] = options.key.map((name) => {
    const column = keyTypes.get(name.toLowerCase());
    let castTo: string | null = null;
    if (column?.baseType && normaliseType(column.baseType) !== normaliseType(column.type)) {
      const integers = typeFamily(column.baseType) === 'integer' && typeFamily(column.type) === 'integer';
      castTo = integers ? diffDialect.bigintType : diffDialect.textType;
      if (!integers) notes.push(`The key column ${name} changed type (${column.baseType} → ${column.type}): keys are matched as text.`);
    }
    return { name, castTo, masked: masked.has(name.toLowerCase()) };
  });

  const keyNames = new Set(options.key.map((name) => name.toLowerCase()));
  const columns: ColumnPlan[] = options.columns
    .filter((column) => !keyNames.has(column.name.toLowerCase()))
    .map((column) => {
      const baseType = column.baseType ?? column.type;
      const plan = { name: column.name, masked: masked.has(column.name.toLowerCase()) };
      if (!comparableTypes(baseType, column.type)) {
        notes.push(`Column ${column.name} changed type (${baseType} → ${column.type}): its values are compared as text.`);
        return { ...plan, comparison: 'text' as const };
      }
      if (diffDialect.comparesAsText(baseType) || diffDialect.comparesAsText(column.type)) return { ...plan, comparison: 'text' as const };
      if (floatTolerance > 0 && (isInexact(baseType) || isInexact(column.type))) return { ...plan, comparison: 'tolerance' as const };
      return { ...plan, comparison: 'exact' as const };
    });

  return { base: options.base, env: options.env, key, columns, where: options.where ?? null, samplePercent, samples, floatTolerance };
}

interface KeyCheckSide {
  rowCount: number;
  nullKeys: number;
  repeatedKeys: number;
}

async function readKeyCheck(warehouse: Warehouse, sql: string): Promise<Record<'base' | 'env', KeyCheckSide>> {
  const { rows } = await warehouse.query(sql);
  const side = (name: string): KeyCheckSide => {
    const row = rows.find((candidate) => candidate.side === name);
    return { rowCount: Number(row?.row_count ?? 0), nullKeys: Number(row?.null_keys ?? 0), repeatedKeys: Number(row?.repeated_keys ?? 0) };
  };
  return { base: side('base'), env: side('env') };
}

/** Proof from the diff's counts that the key repeats somewhere (see the top of this file). */
function duplicatedKeyNotes(check: Record<'base' | 'env', KeyCheckSide>, count: (kind: Kind, field: string) => number, keyList: string, names: SideNames): string[] {
  const notes: string[] = [];
  const where: Record<Kind, string> = { only_base: names.base, only_env: names.env, changed: `${names.base} or ${names.env}` };
  for (const kind of KINDS) {
    // Not a count of extra rows: the fetch by key multiplies a repeated key's rows again.
    if (count(kind, 'row_count') > count(kind, 'key_count')) notes.push(`The key (${keyList}) is not unique in ${where[kind]}: keys repeat among the rows that differ.`);
  }
  const matchedBase = check.base.rowCount - check.base.nullKeys - count('only_base', 'row_count');
  const matchedEnv = check.env.rowCount - check.env.nullKeys - count('only_env', 'row_count');
  if (!notes.length && matchedBase !== matchedEnv) {
    const side = matchedBase > matchedEnv ? names.base : names.env;
    const other = matchedBase > matchedEnv ? names.env : names.base;
    const extra = Math.abs(matchedBase - matchedEnv);
    notes.push(`The key (${keyList}) is not unique in ${side}: on the keys both sides share, it has ${extra} more row${extra === 1 ? '' : 's'} than ${other}.`);
  }
  return notes;
}

/**
 * Up to `samples` rows in all, taken in turn from each kind (changed, only in the base, only in the
 * environment) so that every kind is shown, each kind in key order.
 */
function pickSamples(rowsByKind: Map<Kind, Record<string, SqlValue>[]>, plan: ValueDiffPlan): ValueSample[] {
  const queues = KINDS.map((kind) => [...rowsByKind.get(kind)!].sort((a, b) => Number(a.sample_rank) - Number(b.sample_rank)));
  const picked: Record<string, SqlValue>[][] = KINDS.map(() => []);
  let left = plan.samples;
  while (left > 0 && queues.some((queue) => queue.length)) {
    queues.forEach((queue, index) => {
      if (left > 0 && queue.length) {
        picked[index].push(queue.shift()!);
        left--;
      }
    });
  }
  return KINDS.flatMap((kind, index) => picked[index].map((row) => sampleOf(kind, row, plan)));
}

function sampleOf(kind: Kind, row: Record<string, SqlValue>, plan: ValueDiffPlan): ValueSample {
  const key = plan.key.map((column, index): ReportValue => (column.masked ? MASK : row[alias.key(index)]));
  const value = (column: ColumnPlan, field: string): ReportValue => (column.masked ? MASK : row[field]);
  if (kind === 'changed') {
    const columns = plan.columns
      .map((column, index) => ({ column, index }))
      .filter(({ index }) => isTrue(row[alias.flag(index)]))
      .map(({ column, index }) => ({ name: column.name, base: value(column, alias.base(index)), env: value(column, alias.env(index)) }));
    return { key, kind, columns };
  }
  const columns = plan.columns.slice(0, ONE_SIDED_COLUMNS).map((column, index) =>
    kind === 'only_base'
      ? { name: column.name, base: value(column, alias.base(index)), env: null }
      : { name: column.name, base: null, env: value(column, alias.env(index)) },
  );
  return { key, kind, columns };
}

function isTrue(value: SqlValue): boolean {
  return value === true || value === 1 || value === 'true';
}
