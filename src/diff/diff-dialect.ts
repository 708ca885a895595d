/**
 * Where the diff's SQL differs between warehouses: data and small functions keyed on the dialect's name,
 * so that the diff's SQL builders read the same for both.
 */
import type { SqlDialect } from '../warehouse/warehouse.js';
import { normaliseType } from './column-types.js';

export interface DiffDialect {
  /** A 64-bit hash of one or more values: the same values give the same hash on both sides of a diff. */
  hash(expressions: string[]): string;
  /** A fingerprint of a row's values for "has anything changed?": NULLs in different places must differ. */
  rowHash(expressions: string[]): string;
  /** NULL-safe "the two values differ". */
  differ(a: string, b: string): string;
  /** Distinct count of one or more key columns (never NULL here). */
  countDistinct(expressions: string[]): string;
  /** The type that every value can be cast to for comparison as text. */
  readonly textType: string;
  /** The 64-bit integer type, for keys that are integers of different widths on the two sides. */
  readonly bigintType: string;
  /** Types the warehouse cannot compare or hash as they are: compared as text. */
  comparesAsText(type: string): boolean;
  /**
   * Whether the FULL OUTER JOIN on the key should carry the base side's columns along. DuckDB's hash join
   * streams its probe side, so carrying them costs little and saves a second scan of the base table. A
   * Spark sort-merge join shuffles every column it carries, so there both sides' columns are fetched
   * afterwards for the few keys that differ (a broadcast join).
   */
  readonly carryBaseColumns: boolean;
  /** Whether samples are picked by ranking the keys alone and joining the rows back (see value-diff-sql.ts). */
  readonly ranksKeysOnly: boolean;
}

const duckdb: DiffDialect = {
  hash: (expressions) => `hash(${expressions.join(', ')})`,
  // DuckDB's hash keeps the position of NULLs: hash(NULL, 1) <> hash(1, NULL).
  rowHash: (expressions) => (expressions.length ? `hash(${expressions.join(', ')})` : 'CAST(0 AS UBIGINT)'),
  differ: (a, b) => `${a} IS DISTINCT FROM ${b}`,
  countDistinct: (expressions) => (expressions.length === 1 ? `count(DISTINCT ${expressions[0]})` : `count(DISTINCT hash(${expressions.join(', ')}))`),
  textType: 'VARCHAR',
  bigintType: 'BIGINT',
  comparesAsText: () => false,
  carryBaseColumns: true,
  ranksKeysOnly: true,
};

const databricks: DiffDialect = {
  hash: (expressions) => `xxhash64(${expressions.join(', ')})`,
  // Spark's xxhash64 skips NULL arguments, so (NULL, 1) and (1, NULL) would hash alike: the NULL flags
  // tell them apart.
  rowHash: (expressions) => (expressions.length ? `xxhash64(${[...expressions, ...expressions.map((e) => `(${e} IS NULL)`)].join(', ')})` : 'CAST(0 AS BIGINT)'),
  differ: (a, b) => `NOT (${a} <=> ${b})`,
  // Written with a hash so that it reads the same for one key column or several.
  countDistinct: (expressions) => (expressions.length === 1 ? `count(DISTINCT ${expressions[0]})` : `count(DISTINCT xxhash64(${expressions.join(', ')}))`),
  textType: 'STRING',
  bigintType: 'BIGINT',
  // Maps can be neither compared nor hashed in Spark; variants cannot be compared.
  comparesAsText: (type) => /^(map<|variant$)/.test(normaliseType(type)),
  carryBaseColumns: false,
  ranksKeysOnly: false,
};

const DIFF_DIALECTS: Record<SqlDialect['name'], DiffDialect> = { duckdb, databricks };

export function diffDialectFor(dialect: SqlDialect): DiffDialect {
  return DIFF_DIALECTS[dialect.name];
}

/**
 * A filter that keeps the keys whose hash falls in the first `percent` % of buckets: the same keys on
 * both sides. The modulo is made non-negative because Spark's hash is signed.
 */
export function keySampleFilter(diffDialect: DiffDialect, keyExpressions: string[], percent: number): string {
  const buckets = 1_000_000;
  const kept = Math.round(percent * (buckets / 100));
  return `((${diffDialect.hash(keyExpressions)} % ${buckets}) + ${buckets}) % ${buckets} < ${kept}`;
}
