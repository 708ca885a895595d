/**
 * Column types as the diff sees them: one spelling per type, and the family a type belongs to, for both
 * DuckDB's names (`INTEGER`, `VARCHAR`, `DECIMAL(18,2)`, `INTEGER[]`) and Databricks' (`int`, `string`,
 * `decimal(18,2)`, `array<int>`). Two columns can be compared as they are when their families allow it;
 * otherwise the diff compares their text.
 */

export type TypeFamily = 'integer' | 'decimal' | 'float' | 'text' | 'boolean' | 'temporal' | 'other';

/** `DECIMAL( 18, 2 )` → `decimal(18,2)`: lower case, single spaces, none around punctuation. */
export function normaliseType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),<>:[\]])\s*/g, '$1');
}

const FAMILIES: Array<[TypeFamily, RegExp]> = [
  ['integer', /^(tinyint|smallint|int|integer|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|int1|int2|int4|int8|int16|int32|int64|int128|long|short|byte|signed)$/],
  ['decimal', /^(decimal|numeric|dec)(\(\d+(,\d+)?\))?$/],
  ['float', /^(float|float4|float8|double|double precision|real)$/],
  ['text', /^(varchar|string|text|char|bpchar|nvarchar|character|character varying)(\(\d+\))?$/],
  ['boolean', /^(boolean|bool|logical)$/],
  ['temporal', /^(date|datetime|timestamp(_ntz|_ltz|_s|_ms|_ns|tz)?|timestamp with(out)? time zone)$/],
];

export function typeFamily(type: string): TypeFamily {
  const normalised = normaliseType(type);
  return FAMILIES.find(([, pattern]) => pattern.test(normalised))?.[0] ?? 'other';
}

const NUMERIC: ReadonlySet<TypeFamily> = new Set(['integer', 'decimal', 'float']);

export function isNumeric(type: string): boolean {
  return NUMERIC.has(typeFamily(type));
}

/** Floats and decimals: the types a tolerance applies to. */
export function isInexact(type: string): boolean {
  const family = typeFamily(type);
  return family === 'float' || family === 'decimal';
}

/**
 * Whether values of the two types can be compared with `=` on both warehouses without a cast that can
 * fail: the same type, two numbers, two texts, two booleans, a date and a timestamp. Anything else (an
 * int that became a string, a struct that changed shape) is compared as text.
 */
export function comparableTypes(a: string, b: string): boolean {
  if (normaliseType(a) === normaliseType(b)) return true;
  const [familyA, familyB] = [typeFamily(a), typeFamily(b)];
  if (NUMERIC.has(familyA) && NUMERIC.has(familyB)) return true;
  return familyA === familyB && familyA !== 'other';
}
