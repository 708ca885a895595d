/**
 * Which columns identify a model's rows, for the value diff: the `unique_key` config, else
 * `meta.primary_key`, else the first column that has both a `unique` and a `not_null` test.
 */

export interface PrimaryKeyInputs {
  /** The model's `unique_key` config: a column, a list of columns, or a comma-separated list. */
  uniqueKey?: unknown;
  /** The model's `meta` (`primary_key`: a column or a list of columns). */
  meta?: Record<string, unknown> | null;
  /** The model's columns with the names of their tests, in declaration order. */
  columnTests?: Array<{ column: string; tests: string[] }>;
}

export interface PrimaryKey {
  columns: string[];
  source: 'unique_key' | 'meta.primary_key' | 'tests';
}

export function primaryKeyFor(inputs: PrimaryKeyInputs): PrimaryKey | null {
  const fromConfig = columnList(inputs.uniqueKey);
  if (fromConfig) return { columns: fromConfig, source: 'unique_key' };
  const fromMeta = columnList(inputs.meta?.primary_key);
  if (fromMeta) return { columns: fromMeta, source: 'meta.primary_key' };
  const tested = inputs.columnTests?.find(({ tests }) => hasTest(tests, 'unique') && hasTest(tests, 'not_null'));
  return tested ? { columns: [tested.column], source: 'tests' } : null;
}

// A generic test may be written with its package (`dbt.unique`).
function hasTest(tests: string[], name: string): boolean {
  return tests.some((test) => test.toLowerCase() === name || test.toLowerCase().endsWith(`.${name}`));
}

/**
 * Column names from a string or a list of strings. A key that is an expression rather than column names
 * (`id || '-' || day`) cannot be joined on by name, so it gives no key.
 */
function columnList(value: unknown): string[] | null {
  const parts = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((part) => typeof part === 'string') ? (value as string[]) : null;
  if (!parts) return null;
  const names = parts.map((part) => columnName(part.trim()));
  if (!names.length || names.some((name) => name === null)) return null;
  return names as string[];
}

/** A bare identifier, or any name in double quotes or backquotes; null for anything else. */
function columnName(text: string): string | null {
  const quoted = /^(["`])(.+)\1$/.exec(text);
  if (quoted) return quoted[2];
  return /^[\p{L}_][\p{L}\p{N}_$]*$/u.test(text) ? text : null;
}
