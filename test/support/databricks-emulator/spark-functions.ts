/**
 * Spark SQL's built-in functions on DuckDB. Databricks knows the names below and nothing else: any
 * other call fails with UNRESOLVED_ROUTINE, as DuckDB-only functions (`string_split`, `list_aggr`,
 * `arbitrary` …) fail on Databricks. Calls whose DuckDB namesake computes something else, or which DuckDB
 * lacks, are rewritten to compute what Databricks computes (semantics from docs.databricks.com's
 * function pages); the rest run on DuckDB as written. Dates and times are spark-datetime.ts's.
 */
import { DatabricksSqlError } from './databricks-errors.js';
import { allArgs, arity, helper, raise, unsupported, withClauses, type FunctionCall, type Translation } from './spark-call.js';
import { DATETIME_TRANSLATIONS, datetimeCast, datetimeHelperMacros } from './spark-datetime.js';
import { HASH_FUNCTIONS } from './spark-hash.js';
import { DUCKDB_ONLY_TYPES, INTEGRAL_TYPES, typeHelperMacros, unsupportedDatatype } from './spark-types.js';
import { duckdbIdentifier, isSignificant, isSymbol, isWord, type Token } from './sql-tokens.js';

export { SPARK_HELPERS } from './spark-call.js';
export type { FunctionCall } from './spark-call.js';

// Databricks' built-in functions (Spark's, plus Databricks' own) as data: lower-case names, aliases included.
const SPARK_FUNCTION_NAMES = `
  abs acos acosh add_months aes_decrypt aes_encrypt aggregate any any_value approx_count_distinct approx_percentile
  approx_top_k array array_agg array_append array_compact array_contains array_distinct array_except array_insert
  array_intersect array_join array_max array_min array_position array_prepend array_remove array_repeat array_size
  array_sort array_union arrays_overlap arrays_zip ascii asin asinh assert_true atan atan2 atanh avg base64 bigint bin
  binary bit_and bit_count bit_get bit_length bit_or bit_reverse bit_xor bitmap_bit_position bitmap_bucket_number
  bitmap_construct_agg bitmap_count bitmap_or_agg bool_and bool_or boolean bround btrim cardinality case cast cbrt ceil
  ceiling char char_length character_length charindex chr coalesce collate collation collect_list collect_set concat
  concat_ws contains conv convert_timezone corr cos cosh cot count count_if count_min_sketch covar_pop covar_samp crc32
  csc cube cume_dist curdate current_catalog current_database current_date current_metastore current_schema
  current_timestamp current_timezone current_user current_version date date_add date_diff date_format
  date_from_unix_date date_part date_sub date_trunc dateadd datediff datepart day dayname dayofmonth dayofweek
  dayofyear decimal decode degrees dense_rank double e element_at elt encode endswith equal_null every exp explode
  explode_outer expm1 extract factorial filter find_in_set first first_value flatten float floor forall format_number
  format_string from_csv from_json from_unixtime from_utc_timestamp from_xml get get_json_object getbit greatest
  grouping grouping_id hash hex histogram_numeric hll_sketch_agg hll_sketch_estimate hll_union hll_union_agg hour
  hypot if ifnull ilike in initcap inline inline_outer input_file_block_length input_file_block_start input_file_name
  instr int is_account_group_member is_member is_valid_utf8 is_variant_null isnan isnotnull isnull java_method
  json_array_length json_object_keys json_tuple kurtosis lag last last_day last_value lcase lead least left len length
  levenshtein like listagg ln localtimestamp locate log log10 log1p log2 lower lpad ltrim luhn_check make_date
  make_dt_interval make_interval make_timestamp make_timestamp_ntz make_valid_utf8 make_ym_interval map map_concat
  map_contains_key map_entries map_filter map_from_arrays map_from_entries map_keys map_values map_zip_with mask max
  max_by md5 mean median min min_by minute mod mode monotonically_increasing_id month monthname months_between
  named_struct nanvl negative next_day now nth_value ntile nullif nullifzero nvl nvl2 octet_length overlay parse_json
  parse_url percent_rank percentile percentile_approx percentile_cont percentile_disc pi pmod posexplode
  posexplode_outer position positive pow power printf quarter radians raise_error rand randn random randstr range
  rank read_files reduce reflect regexp regexp_count regexp_extract regexp_extract_all regexp_instr regexp_like
  regexp_replace regexp_substr regr_avgx regr_avgy regr_count regr_intercept regr_r2 regr_slope regr_sxx regr_sxy
  regr_syy repeat replace reverse right rint rlike round row_number rpad rtrim schema_of_csv schema_of_json
  schema_of_variant schema_of_xml sec second secret sentences sequence session_user session_window sha sha1 sha2
  shiftleft shiftright shiftrightunsigned shuffle sign signum sin sinh size skewness slice smallint some sort_array
  soundex space spark_partition_id split split_part sqrt stack startswith std stddev stddev_pop stddev_samp
  str_to_map string string_agg struct substr substring substring_index sum tan tanh timediff timestamp
  timestamp_micros timestamp_millis timestamp_seconds timestampadd timestampdiff tinyint to_binary to_char to_csv
  to_date to_json to_number to_timestamp to_timestamp_ltz to_timestamp_ntz to_unix_timestamp to_utc_timestamp
  to_varchar to_variant_object to_xml transform transform_keys transform_values translate trim trunc try_add
  try_aes_decrypt try_avg try_cast try_divide try_element_at try_mod try_multiply try_parse_json try_reflect
  try_remainder try_subtract try_sum try_to_binary try_to_number try_to_timestamp try_url_decode try_variant_get
  typeof ucase unbase64 unhex uniform unix_date unix_micros unix_millis unix_seconds unix_timestamp upper url_decode
  url_encode user uuid var_pop var_samp variance variant_explode variant_get version weekday weekofyear width_bucket
  window window_time xpath xpath_boolean xpath_double xpath_float xpath_int xpath_long xpath_number xpath_short
  xpath_string xxhash64 year zeroifnull zip_with
`;

export const SPARK_FUNCTIONS = new Set(SPARK_FUNCTION_NAMES.split(/\s+/).filter(Boolean));

/** CREATE MACRO statements for SPARK_HELPERS. */
export function sparkHelperMacros(): string[] {
  return [
    ...datetimeHelperMacros(),
    ...typeHelperMacros(),
    // slice(array, start, length): 1-based start, negative from the end; 0 is an error.
    `CREATE MACRO ${helper('slice')}(a, s, l) AS CASE ` +
      `WHEN s = 0 THEN ${raise('INVALID_PARAMETER_VALUE.START', 'The value of parameter(s) `start` in `slice` is invalid: Expects a positive or a negative value for `start`, but got 0.', '22023')} ` +
      `WHEN l < 0 THEN ${raise('INVALID_PARAMETER_VALUE.LENGTH', 'The value of parameter(s) `length` in `slice` is invalid: Expects `length` greater than or equal to 0.', '22023')} ` +
      `WHEN s > 0 THEN list_slice(a, s, s + l - 1) WHEN len(a) + s < 0 THEN list_slice(a, 1, 0) ` +
      `ELSE list_slice(a, len(a) + s + 1, len(a) + s + l) END`,
    // right/left(str, len): an empty string for len <= 0 (DuckDB would count from the other end).
    `CREATE MACRO ${helper('right')}(s, n) AS CASE WHEN s IS NULL OR n IS NULL THEN NULL WHEN n <= 0 THEN '' ELSE right(s, n) END`,
    `CREATE MACRO ${helper('left')}(s, n) AS CASE WHEN s IS NULL OR n IS NULL THEN NULL WHEN n <= 0 THEN '' ELSE left(s, n) END`,
    // split_part: part 0 is an error; an empty delimiter does not split.
    `CREATE MACRO ${helper('split_part')}(s, d, n) AS CASE ` +
      `WHEN n = 0 THEN ${raise('INVALID_INDEX_OF_ZERO', 'The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).', '22003')} ` +
      `WHEN d = '' THEN CASE WHEN n IN (1, -1) THEN s ELSE '' END ELSE split_part(s, d, n) END`,
    `CREATE MACRO ${helper('pmod')}(a, n) AS CASE WHEN a % n < 0 AND n > 0 THEN a % n + n ELSE a % n END`,
    // get(array, index): 0-based, null outside the array (negative too).
    `CREATE MACRO ${helper('get')}(a, i) AS CASE WHEN i < 0 THEN NULL ELSE a[i + 1] END`,
  ];
}

/** DuckDB text for a call of a Spark function, or an error for a name Databricks does not know. */
export function translateCall(call: FunctionCall): string {
  const translation = TRANSLATIONS[call.name];
  if (translation) return translation(call);
  if (!SPARK_FUNCTIONS.has(call.name)) throw unresolvedRoutine(call.name);
  return withClauses(`${call.name}(${allArgs(call)})`, call);
}

export function unresolvedRoutine(name: string): DatabricksSqlError {
  return new DatabricksSqlError(
    'UNRESOLVED_ROUTINE',
    `Cannot resolve routine \`${name}\` on search path [\`system\`.\`builtin\`, \`system\`.\`session\`]. Verify the spelling of \`${name}\`, check that the routine exists, and confirm you have \`USE\` privilege on the catalog and schema, and EXECUTE on the routine.`,
    '42883',
  );
}

// ---- arrays and aggregates ----

/** collect_list / array_agg / collect_set: NULLs left out, an empty array for a group without values. */
function collect(distinct: boolean): Translation {
  return (call) => {
    arity(call, 1);
    const { modifier, expression } = splitModifier(call.sql(0));
    const unique = distinct || modifier === 'DISTINCT';
    const condition = `(${expression}) IS NOT NULL${call.filter ? ` AND (${call.filter})` : ''}`;
    return `coalesce(list(${unique ? 'DISTINCT ' : ''}${expression}) FILTER (WHERE ${condition}), [])`;
  };
}

/** listagg / string_agg(expr [, delimiter]) [WITHIN GROUP (ORDER BY …)]: NULLs skipped, '' as the default delimiter. */
function listagg(call: FunctionCall): string {
  arity(call, 1, 2);
  const { modifier, expression } = splitModifier(call.sql(0));
  const delimiter = call.args.length > 1 ? call.sql(1) : "''";
  const order = call.orderBy ? ` ${call.orderBy}` : '';
  const filter = call.filter ? ` FILTER (WHERE ${call.filter})` : '';
  return `string_agg(${modifier ? `${modifier} ` : ''}${expression}, ${delimiter}${order})${filter}`;
}

function splitModifier(sql: string): { modifier?: string; expression: string } {
  const match = /^\s*(DISTINCT|ALL)\s+([\s\S]*)$/i.exec(sql);
  return match ? { modifier: match[1].toUpperCase(), expression: match[2] } : { expression: sql };
}

/** named_struct('a', x, 'b', y): field names must be string literals. */
function namedStruct(call: FunctionCall): string {
  if (call.args.length === 0 || call.args.length % 2) throw unsupported('named_struct without name/value pairs');
  const fields: string[] = [];
  for (let i = 0; i < call.args.length; i += 2) {
    const name = call.literal(i);
    if (name === undefined) throw unsupported('named_struct with a field name that is not a string literal');
    fields.push(`${duckdbIdentifier(name)} := ${call.sql(i + 1)}`);
  }
  return `struct_pack(${fields.join(', ')})`;
}

// Spark's aggregate functions (and OVER, for any window function).
const AGGREGATES = new Set(
  'any any_value approx_count_distinct approx_percentile array_agg avg bit_and bit_or bit_xor bool_and bool_or collect_list collect_set corr count count_if covar_pop covar_samp every first first_value kurtosis last last_value listagg max max_by mean median min min_by mode percentile percentile_approx percentile_cont percentile_disc skewness some std stddev stddev_pop stddev_samp string_agg sum try_avg try_sum var_pop var_samp variance'.split(' '),
);

export function containsAggregate(tokens: Token[]): boolean {
  const significant = tokens.filter(isSignificant);
  return significant.some((token, i) => isWord(token, 'OVER') || (token.kind === 'word' && AGGREGATES.has(token.text.toLowerCase()) && isSymbol(significant[i + 1], '(')));
}

function fieldName(arg: Token[]): string | undefined {
  const significant = arg.filter(isSignificant);
  const last = significant.at(-1);
  const named = significant.every((token, i) => (i % 2 ? isSymbol(token, '.') : token.kind === 'word' || token.kind === 'quoted'));
  if (!named || !last) return undefined;
  return last.kind === 'quoted' ? last.name : (last as { text: string }).text;
}

/** sort_array(array [, ascending]): nulls first when ascending, last when descending. */
function sortArray(call: FunctionCall): string {
  arity(call, 1, 2);
  const ascending = call.args.length === 1 ? 'TRUE' : call.sql(1).trim().toUpperCase();
  if (ascending !== 'TRUE' && ascending !== 'FALSE') throw unsupported('sort_array with a direction that is not TRUE or FALSE');
  return ascending === 'TRUE' ? `list_sort(${call.sql(0)}, 'ASC', 'NULLS FIRST')` : `list_sort(${call.sql(0)}, 'DESC', 'NULLS LAST')`;
}

/** sequence(start, stop [, step]): counts down when start > stop and no step is given (numbers only here). */
function sequence(call: FunctionCall): string {
  arity(call, 2, 3);
  const [start, stop] = [call.sql(0), call.sql(1)];
  const step = call.args.length === 3 ? call.sql(2) : `CASE WHEN ${start} <= ${stop} THEN 1 ELSE -1 END`;
  return `generate_series(${start}, ${stop}, ${step})`;
}

/** xxhash64(…) / hash(…) as Spark computes them (spark-hash.ts); a bare NULL changes nothing, so it is left out. */
function sparkHash(duckdbName: string): Translation {
  return (call) => {
    if (!call.args.length) throw new DatabricksSqlError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${call.name}\` requires > 0 parameters but the actual number is 0.`, '42605');
    const kept = call.args.flatMap((arg, index) => {
      const significant = arg.filter(isSignificant);
      return significant.length === 1 && isWord(significant[0], 'NULL') ? [] : [call.sql(index)];
    });
    return `${duckdbName}(${kept.length ? kept.join(', ') : 'CAST(NULL AS INTEGER)'})`;
  };
}

// ---- the table ----

/** Functions Spark types INT whose DuckDB namesakes answer BIGINT. */
const INT_RESULTS = ['length', 'char_length', 'character_length', 'octet_length', 'bit_length', 'instr', 'ascii'];

const intResult: Translation = (call) => `CAST(${call.name}(${allArgs(call)}) AS INTEGER)`;

const castTo = (type: string): Translation => (call) => {
  arity(call, 1);
  return `CAST(${call.sql(0)} AS ${type})`;
};

/** CAST(x AS type): dates and timestamps as Spark casts them (numbers are seconds since the epoch), other types as DuckDB does. */
function cast(call: FunctionCall): string {
  arity(call, 1);
  const tokens = call.args[0].filter(isSignificant);
  let depth = 0;
  let as = -1;
  tokens.forEach((token, index) => {
    if (isSymbol(token, '(')) depth++;
    else if (isSymbol(token, ')')) depth--;
    else if (depth === 0 && token.kind === 'word' && token.text.toUpperCase() === 'AS') as = index;
  });
  const type = tokens[as + 1];
  if (type?.kind === 'word' && DUCKDB_ONLY_TYPES.has(type.text.toUpperCase())) throw unsupportedDatatype(type.text);
  if (as > 0 && as === tokens.length - 2 && type.kind === 'word') {
    const sql = datetimeCast(call.sqlSlice(0, 0, as), tokens.slice(0, as), type.text, call.name === 'try_cast');
    if (sql) return sql;
    // (DuckDB picks a macro overload before it types an aggregate or a window: those are cast as DuckDB casts.)
    if (INTEGRAL_TYPES.has(type.text.toUpperCase()) && !containsAggregate(tokens.slice(0, as))) {
      const target = type.text.toUpperCase().replace(/^INTEGER$/, 'INT').replace(/^LONG$/, 'BIGINT').replace(/^SHORT$/, 'SMALLINT').replace(/^BYTE$/, 'TINYINT');
      return `${call.name}(${helper('integral_source')}(${call.sqlSlice(0, 0, as)}, '${target}', ${call.name === 'cast'}) AS ${type.text})`;
    }
  }
  return `${call.name}(${call.sql(0)})`;
}

const renamed = (duckdbName: string): Translation => (call) => withClauses(`${duckdbName}(${allArgs(call)})`, call);

const TRANSLATIONS: Record<string, Translation> = {
  ...Object.fromEntries(INT_RESULTS.map((name) => [name, intResult])),
  // Strings.
  concat: (call) => (call.args.length ? `(${call.args.map((_, i) => call.sql(i)).join(' || ')})` : "''"),
  right: (call) => (arity(call, 2), `${helper('right')}(${allArgs(call)})`),
  left: (call) => (arity(call, 2), `${helper('left')}(${allArgs(call)})`),
  replace: (call) => (arity(call, 2, 3), `replace(${call.sql(0)}, ${call.sql(1)}, ${call.args.length === 3 ? call.sql(2) : "''"})`),
  locate: (call) => (arity(call, 2), `CAST(strpos(${call.sql(1)}, ${call.sql(0)}) AS INTEGER)`),
  // position(substr IN str) is one argument and runs as written; position(substr, str) is locate.
  position: (call) => (call.args.length === 1 ? `CAST(position(${call.sql(0)}) AS INTEGER)` : (arity(call, 2), `CAST(strpos(${call.sql(1)}, ${call.sql(0)}) AS INTEGER)`)),
  split_part: (call) => (arity(call, 3), `${helper('split_part')}(${allArgs(call)})`),
  split: (call) => {
    if (call.args.length !== 2) throw unsupported('split with a limit');
    return `regexp_split_to_array(${allArgs(call)})`;
  },
  regexp_replace: (call) => (arity(call, 3), `regexp_replace(${allArgs(call)}, 'g')`),
  listagg,
  string_agg: listagg,
  ...DATETIME_TRANSLATIONS,
  cast,
  try_cast: cast,
  // Arrays, structs, aggregates.
  array: (call) => `[${allArgs(call)}]`,
  array_append: renamed('list_append'),
  array_join: (call) => {
    arity(call, 2, 3);
    const array = call.args.length === 3 ? `list_transform(${call.sql(0)}, lambda __element: coalesce(__element, ${call.sql(2)}))` : call.sql(0);
    return `array_to_string(${array}, ${call.sql(1)})`;
  },
  slice: (call) => (arity(call, 3), `${helper('slice')}(${allArgs(call)})`),
  get: (call) => (arity(call, 2), `${helper('get')}(${allArgs(call)})`),
  size: (call) => (arity(call, 1), `CAST(len(${call.sql(0)}) AS INTEGER)`),
  array_size: (call) => (arity(call, 1), `CAST(len(${call.sql(0)}) AS INTEGER)`),
  cardinality: (call) => (arity(call, 1), `CAST(len(${call.sql(0)}) AS INTEGER)`),
  sort_array: sortArray,
  transform: (call) => (arity(call, 2), `list_transform(${allArgs(call)})`),
  filter: (call) => (arity(call, 2), `list_filter(${allArgs(call)})`),
  sequence,
  explode: (call) => (arity(call, 1), `unnest(${call.sql(0)})`),
  named_struct: namedStruct,
  collect_list: collect(false),
  array_agg: collect(false),
  collect_set: collect(true),
  // Spark's any_value keeps the first value met, null or not (DuckDB's skips nulls).
  any_value: (call) => (arity(call, 1, 2), withClauses(`first(${call.sql(0)})`, call)),
  every: renamed('bool_and'),
  // rand(): uniform in [0, 1) as DuckDB's random(); a seed (a reproducible sequence) DuckDB cannot give per call.
  rand: (call) => {
    if (call.args.length) throw unsupported('rand with a seed');
    return 'random()';
  },
  // Conditionals and casts.
  nvl: renamed('coalesce'),
  nvl2: (call) => (arity(call, 3), `(CASE WHEN ${call.sql(0)} IS NOT NULL THEN ${call.sql(1)} ELSE ${call.sql(2)} END)`),
  equal_null: (call) => (arity(call, 2), `(${call.sql(0)} IS NOT DISTINCT FROM ${call.sql(1)})`),
  xxhash64: sparkHash(HASH_FUNCTIONS.xxhash64),
  // sha2(x, bits): DuckDB has SHA-256 only; 0 means 256.
  sha2: (call) => {
    arity(call, 2);
    const bits = call.sql(1).trim();
    if (bits !== '256' && bits !== '0') throw unsupported(`sha2 with ${bits} bits`);
    return `sha256(${call.sql(0)})`;
  },
  sha: renamed('sha1'),
  // struct(a, 1): a field per argument, named after a column it names, else col1, col2, …
  struct: (call) => {
    if (!call.args.length) return 'struct_pack()';
    return `struct_pack(${call.args.map((arg, i) => `${duckdbIdentifier(fieldName(arg) ?? `col${i + 1}`)} := ${call.sql(i)}`).join(', ')})`;
  },
  try_divide: (call) => (arity(call, 2), `(${call.sql(0)} / nullif(${call.sql(1)}, 0))`),
  try_mod: (call) => (arity(call, 2), `(${call.sql(0)} % nullif(${call.sql(1)}, 0))`),
  mod: (call) => (arity(call, 2), `(${call.sql(0)} % ${helper('remainder_divisor')}(${call.sql(1)}))`),
  // pmod: the remainder made non-negative for a positive divisor.
  pmod: (call) => (arity(call, 2), `${helper('pmod')}(${call.sql(0)}, ${helper('remainder_divisor')}(${call.sql(1)}))`),
  map: (call) => {
    if (call.args.length % 2) throw new DatabricksSqlError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`map\` requires 2n (n > 0) parameters but the actual number is ${call.args.length}.`, '42605');
    const keys = call.args.flatMap((_, i) => (i % 2 ? [] : [call.sql(i)]));
    const values = call.args.flatMap((_, i) => (i % 2 ? [call.sql(i)] : []));
    return `map([${keys.join(', ')}], [${values.join(', ')}])`;
  },
  hash: sparkHash(HASH_FUNCTIONS.hash),
  string: castTo('VARCHAR'),
  int: castTo('INTEGER'),
  bigint: castTo('BIGINT'),
  smallint: castTo('SMALLINT'),
  tinyint: castTo('TINYINT'),
  double: castTo('DOUBLE'),
  float: castTo('FLOAT'),
  boolean: castTo('BOOLEAN'),
};

/** Whether an argument is a lambda (`x -> …`, `(a, b) -> …`); returns its parameters and where its body starts. */
export function lambdaOf(tokens: Token[]): { parameters: string[]; body: number } | undefined {
  const indices = tokens.flatMap((token, index) => (isSignificant(token) ? [index] : []));
  const at = (n: number) => tokens[indices[n]];
  if (at(0)?.kind === 'word' && isSymbol(at(1), '->')) return { parameters: [(at(0) as { text: string }).text], body: indices[1] + 1 };
  if (!isSymbol(at(0), '(')) return undefined;
  const parameters: string[] = [];
  let n = 1;
  for (;;) {
    const token = at(n);
    if (token?.kind !== 'word') return undefined;
    parameters.push(token.text);
    if (isSymbol(at(n + 1), ',')) n += 2;
    else if (isSymbol(at(n + 1), ')') && isSymbol(at(n + 2), '->')) return { parameters, body: indices[n + 2] + 1 };
    else return undefined;
  }
}
