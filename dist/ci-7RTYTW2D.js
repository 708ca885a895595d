import { createRequire as __sluiceCreateRequire } from 'node:module';
import { dirname as __sluiceDirname } from 'node:path';
import { fileURLToPath as __sluiceFileURLToPath } from 'node:url';
const require = __sluiceCreateRequire(import.meta.url);
const __filename = __sluiceFileURLToPath(import.meta.url);
const __dirname = __sluiceDirname(__filename);
if (!globalThis.__sluiceQuietBuffer) {
  globalThis.__sluiceQuietBuffer = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) { const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1]; if (code === 'DEP0005') return; return emitWarning.call(this, warning, ...rest); };
}
import {
  buildIntoEnvironment,
  buildReport,
  checkSourcesRead,
  compileSql,
  environmentRelations,
  fingerprintProject,
  freshnessEntry,
  modifiedIncrementals
} from "./chunk-7YBONGJ7.js";
import {
  guardedWarehouse
} from "./chunk-6V3BRGZ5.js";
import {
  formatPlan,
  planChanges,
  plural,
  snapshotMetaColumns,
  useRelations,
  writeReportFiles
} from "./chunk-FCCVW6P6.js";
import {
  PRODUCTION,
  pullRequestEnvironment
} from "./chunk-PQX6INGK.js";
import "./chunk-M3UQV36C.js";
import "./chunk-OSLAW4OG.js";
import "./chunk-MMQEHTF6.js";
import "./chunk-CXFOSMQA.js";
import {
  lintProject,
  primaryKeyFor
} from "./chunk-WENERPJM.js";
import "./chunk-65VQH3CG.js";
import "./chunk-R3NE7RCL.js";
import "./chunk-YI42GV3Y.js";
import {
  parseableSql,
  sqlParserFor
} from "./chunk-H2YAXGRM.js";
import "./chunk-TYVAU7KW.js";
import "./chunk-TREVE4EE.js";
import {
  codeTokens,
  tokenizeSql
} from "./chunk-6BBIOLVB.js";
import {
  stateStoreFor
} from "./chunk-4GFH4QRU.js";
import {
  SluiceError
} from "./chunk-5FWABYZE.js";
import "./chunk-3BX4YTM4.js";

// src/plan/ci.ts
import { randomUUID } from "node:crypto";

// src/lint/lint-output.ts
function lintCounts(findings) {
  const errors = findings.filter((finding) => finding.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}
function lintSummaryLine(outcome) {
  const { errors, warnings } = lintCounts(outcome.findings);
  const { stats } = outcome;
  const verdict = errors || warnings ? `${plural(errors, "error")}, ${plural(warnings, "warning")}` : "clean";
  const details = [
    stats.parseAttempted ? `SQL parsed in ${stats.parsed} of ${stats.parseAttempted}${stats.parseAttempted < stats.files ? " that a rule needed parsed" : ""}` : "",
    stats.cached ? `${stats.cached} unchanged from the lint cache` : "",
    // A rate means something over many files, not over the few of a pull request.
    stats.files >= 50 && stats.seconds > 0 ? `${Math.round(stats.files / stats.seconds)} files/s` : ""
  ].filter(Boolean);
  return `Linted ${plural(stats.files, "file")} in ${stats.seconds.toFixed(2)} s: ${verdict}${details.length ? ` (${details.join(", ")})` : ""}`;
}
function formatText(outcome, options = {}) {
  const lines = outcome.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}: ${finding.severity === "error" ? "error  " : "warning"} ${finding.rule}  ${finding.message}`);
  for (const file of outcome.fixed) lines.push(`fixed ${file}`);
  if (outcome.stats.unparsed.length) {
    lines.push(`Rules on the parsed SQL skipped ${plural(outcome.stats.unparsed.length, "file")} node-sql-parser cannot parse (token rules ran):`);
    for (const entry of options.stats ? outcome.stats.unparsed : outcome.stats.unparsed.slice(0, 5)) lines.push(`  ${entry.file}: ${entry.reason}`);
    if (!options.stats && outcome.stats.unparsed.length > 5) lines.push(`  … and ${outcome.stats.unparsed.length - 5} more (--stats lists them)`);
  }
  if (options.stats && outcome.stats.formatSkipped.length) {
    lines.push(`The formatter left ${plural(outcome.stats.formatSkipped.length, "file")} alone:`);
    for (const entry of outcome.stats.formatSkipped) lines.push(`  ${entry.file}: ${entry.reason}`);
  }
  lines.push(lintSummaryLine(outcome));
  return lines;
}

// src/diff/column-types.ts
function normaliseType(type) {
  return type.trim().toLowerCase().replace(/\s+/g, " ").replace(/\s*([(),<>:[\]])\s*/g, "$1");
}
var FAMILIES = [
  ["integer", /^(tinyint|smallint|int|integer|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|int1|int2|int4|int8|int16|int32|int64|int128|long|short|byte|signed)$/],
  ["decimal", /^(decimal|numeric|dec)(\(\d+(,\d+)?\))?$/],
  ["float", /^(float|float4|float8|double|double precision|real)$/],
  ["text", /^(varchar|string|text|char|bpchar|nvarchar|character|character varying)(\(\d+\))?$/],
  ["boolean", /^(boolean|bool|logical)$/],
  ["temporal", /^(date|datetime|timestamp(_ntz|_ltz|_s|_ms|_ns|tz)?|timestamp with(out)? time zone)$/]
];
function typeFamily(type) {
  const normalised = normaliseType(type);
  return FAMILIES.find(([, pattern]) => pattern.test(normalised))?.[0] ?? "other";
}
var NUMERIC = /* @__PURE__ */ new Set(["integer", "decimal", "float"]);
function isNumeric(type) {
  return NUMERIC.has(typeFamily(type));
}
function isInexact(type) {
  const family = typeFamily(type);
  return family === "float" || family === "decimal";
}
function comparableTypes(a, b) {
  if (normaliseType(a) === normaliseType(b)) return true;
  const [familyA, familyB] = [typeFamily(a), typeFamily(b)];
  if (NUMERIC.has(familyA) && NUMERIC.has(familyB)) return true;
  return familyA === familyB && familyA !== "other";
}

// src/diff/diff-dialect.ts
var duckdb = {
  hash: (expressions) => `hash(${expressions.join(", ")})`,
  // DuckDB's hash keeps the position of NULLs: hash(NULL, 1) <> hash(1, NULL).
  rowHash: (expressions) => expressions.length ? `hash(${expressions.join(", ")})` : "CAST(0 AS UBIGINT)",
  differ: (a, b) => `${a} IS DISTINCT FROM ${b}`,
  countDistinct: (expressions) => expressions.length === 1 ? `count(DISTINCT ${expressions[0]})` : `count(DISTINCT hash(${expressions.join(", ")}))`,
  textType: "VARCHAR",
  bigintType: "BIGINT",
  comparesAsText: () => false,
  carryBaseColumns: true,
  ranksKeysOnly: true
};
var databricks = {
  hash: (expressions) => `xxhash64(${expressions.join(", ")})`,
  // Spark's xxhash64 skips NULL arguments, so (NULL, 1) and (1, NULL) would hash alike: the NULL flags
  // tell them apart.
  rowHash: (expressions) => expressions.length ? `xxhash64(${[...expressions, ...expressions.map((e) => `(${e} IS NULL)`)].join(", ")})` : "CAST(0 AS BIGINT)",
  differ: (a, b) => `NOT (${a} <=> ${b})`,
  // Written with a hash so that it reads the same for one key column or several.
  countDistinct: (expressions) => expressions.length === 1 ? `count(DISTINCT ${expressions[0]})` : `count(DISTINCT xxhash64(${expressions.join(", ")}))`,
  textType: "STRING",
  bigintType: "BIGINT",
  // Maps can be neither compared nor hashed in Spark; variants cannot be compared.
  comparesAsText: (type) => /^(map<|variant$)/.test(normaliseType(type)),
  carryBaseColumns: false,
  ranksKeysOnly: false
};
var DIFF_DIALECTS = { duckdb, databricks };
function diffDialectFor(dialect) {
  return DIFF_DIALECTS[dialect.name];
}
function keySampleFilter(diffDialect, keyExpressions, percent) {
  const buckets = 1e6;
  const kept = Math.round(percent * (buckets / 100));
  return `((${diffDialect.hash(keyExpressions)} % ${buckets}) + ${buckets}) % ${buckets} < ${kept}`;
}

// src/diff/value-diff-sql.ts
var KEY_CHECK_HEAD_ROWS = 1e5;
var alias = {
  key: (index) => `k${index}`,
  flag: (index) => `f${index}`,
  changes: (index) => `n${index}`,
  base: (index) => `b${index}`,
  env: (index) => `e${index}`,
  carried: (index) => `c${index}`
};
function keyCheckSql(dialect, plan) {
  const sql = new DiffSql(dialect, plan);
  return [sql.keyCheckSide("base", plan.base), sql.keyCheckSide("env", plan.env)].join("\nUNION ALL\n");
}
function valueDiffSql(dialect, plan) {
  return new DiffSql(dialect, plan).diff();
}
var DiffSql = class {
  constructor(dialect, plan) {
    this.dialect = dialect;
    this.plan = plan;
    this.diffDialect = diffDialectFor(dialect);
  }
  dialect;
  plan;
  diffDialect;
  keyCheckSide(side, relation) {
    const { plan } = this;
    const keys = plan.key.map((key) => this.keyExpression("", key));
    const filter = this.rowFilter(keys);
    const anyNull = keys.map((key) => `${key} IS NULL`).join(" OR ");
    const headFilter = [...filter, ...keys.map((key) => `${key} IS NOT NULL`)];
    const keyAliases = keys.map((_, index) => alias.key(index));
    return [
      `SELECT '${side}' AS side, t.row_count, t.null_keys, r.repeated_keys`,
      `FROM (SELECT count(*) AS row_count, count(CASE WHEN ${anyNull} THEN 1 END) AS null_keys FROM ${this.dialect.relationName(relation)}${where(filter)}) AS t`,
      `CROSS JOIN (SELECT count(*) AS repeated_keys FROM (`,
      `  SELECT ${keyAliases.join(", ")} FROM (SELECT ${keys.map((key, index) => `${key} AS ${keyAliases[index]}`).join(", ")} FROM ${this.dialect.relationName(relation)}${where(headFilter)} LIMIT ${KEY_CHECK_HEAD_ROWS}) AS head`,
      `  GROUP BY ${keyAliases.join(", ")} HAVING count(*) > 1) AS repeats) AS r`
    ].join("\n");
  }
  diff() {
    const { plan, diffDialect } = this;
    const carry = diffDialect.carryBaseColumns;
    const keyAliases = plan.key.map((_, index) => alias.key(index));
    const ctes = [
      `base_rows AS (
${this.sideRows(plan.base, carry)}
)`,
      `env_rows AS (
${this.sideRows(plan.env, false)}
)`,
      `differing AS (
${this.differing(carry)}
)`,
      `compared AS (
${this.compared(carry)}
)`,
      `differences AS (
  SELECT * FROM compared WHERE ${["diff_kind <> 'changed'", ...plan.columns.map((_, index) => alias.flag(index))].join(" OR ")}
)`
    ];
    const unmasked = plan.columns.map((column, index) => ({ column, index })).filter(({ column }) => !column.masked);
    const totals = [
      `'totals' AS diff_part`,
      "diff_kind",
      "count(*) AS row_count",
      `${diffDialect.countDistinct(keyAliases)} AS key_count`,
      ...plan.columns.map((_, index) => `sum(CASE WHEN ${alias.flag(index)} THEN 1 ELSE 0 END) AS ${alias.changes(index)}`),
      "NULL AS sample_rank",
      ...keyAliases.map((key) => `NULL AS ${key}`),
      ...plan.columns.map((_, index) => `NULL AS ${alias.flag(index)}`),
      ...unmasked.flatMap(({ index }) => [`NULL AS ${alias.base(index)}`, `NULL AS ${alias.env(index)}`])
    ];
    const statement = [`WITH ${ctes.join(",\n")}`, `SELECT ${totals.join(", ")}
FROM differences GROUP BY diff_kind`];
    if (plan.samples > 0) statement.push("UNION ALL", this.samples());
    return statement.join("\n");
  }
  /**
   * Up to `samples` rows of each kind, in key order. Where the warehouse's window sorts whole rows
   * (DuckDB), only the kinds and keys are ranked and the picked rows joined back; Spark cuts a rank
   * filter down per partition before sorting, so there the rows are ranked as they are.
   */
  samples() {
    const { plan } = this;
    const keyAliases = plan.key.map((_, index) => alias.key(index));
    const rank = `row_number() OVER (PARTITION BY diff_kind ORDER BY ${keyAliases.join(", ")}) AS sample_rank`;
    const keysOnly = this.diffDialect.ranksKeysOnly;
    const from = keysOnly ? "d." : "";
    const select = [
      `'sample' AS diff_part`,
      `${from}diff_kind AS diff_kind`,
      "NULL AS row_count",
      "NULL AS key_count",
      ...plan.columns.map((_, index) => `NULL AS ${alias.changes(index)}`),
      `${keysOnly ? "picked." : ""}sample_rank AS sample_rank`,
      ...keyAliases.map((key, index) => `${plan.key[index].masked ? "NULL" : `${from}${key}`} AS ${key}`),
      ...plan.columns.map((_, index) => `${from}${alias.flag(index)} AS ${alias.flag(index)}`),
      ...plan.columns.flatMap(
        (column, index) => column.masked ? [] : [`${from}${alias.base(index)} AS ${alias.base(index)}`, `${from}${alias.env(index)} AS ${alias.env(index)}`]
      )
    ].join(", ");
    const limit = `LIMIT ${plan.samples * 3}`;
    if (!keysOnly) {
      return `SELECT * FROM (
SELECT ${select}
FROM (SELECT *, ${rank} FROM differences) AS ranked
WHERE sample_rank <= ${plan.samples} ${limit}) AS samples`;
    }
    const pickedKeys = keyAliases.map((key) => `picked.${key} = d.${key}`).join(" AND ");
    return [
      `SELECT * FROM (`,
      `SELECT ${select}`,
      `FROM differences AS d JOIN (`,
      `  SELECT * FROM (SELECT diff_kind, ${keyAliases.join(", ")}, ${rank} FROM differences) AS ranked WHERE sample_rank <= ${plan.samples}`,
      `) AS picked ON picked.diff_kind = d.diff_kind AND ${pickedKeys} ${limit}) AS samples`
    ].join("\n");
  }
  sideRows(relation, carry) {
    const { plan } = this;
    const keys = plan.key.map((key) => this.keyExpression("", key));
    const columns = plan.columns.map((column) => this.comparable(this.dialect.quoteIdentifier(column.name), column));
    const select = [...keys.map((key, index) => `${key} AS ${alias.key(index)}`), `${this.diffDialect.rowHash(columns)} AS row_hash`];
    if (carry) select.push(...plan.columns.map((column, index) => `${this.dialect.quoteIdentifier(column.name)} AS ${alias.carried(index)}`));
    const filter = [...keys.map((key) => `${key} IS NOT NULL`), ...this.rowFilter(keys)];
    return `  SELECT ${select.join(", ")}
  FROM ${this.dialect.relationName(relation)}${where(filter)}`;
  }
  differing(carry) {
    const { plan } = this;
    const keyAliases = plan.key.map((_, index) => alias.key(index));
    const select = [
      ...keyAliases.map((key) => `coalesce(b.${key}, e.${key}) AS ${key}`),
      "b.row_hash IS NOT NULL AS in_base",
      "e.row_hash IS NOT NULL AS in_env"
    ];
    if (carry) select.push(...plan.columns.map((_, index) => `b.${alias.carried(index)}`));
    return [
      `  SELECT ${select.join(", ")}`,
      `  FROM base_rows AS b FULL OUTER JOIN env_rows AS e ON ${keyAliases.map((key) => `b.${key} = e.${key}`).join(" AND ")}`,
      `  WHERE ${this.diffDialect.differ("b.row_hash", "e.row_hash")}`
    ].join("\n");
  }
  compared(carry) {
    const { plan, dialect } = this;
    const baseValue = (index) => carry ? `d.${alias.carried(index)}` : `b.${dialect.quoteIdentifier(plan.columns[index].name)}`;
    const envValue = (index) => `e.${dialect.quoteIdentifier(plan.columns[index].name)}`;
    const select = [
      ...plan.key.map((_, index) => `d.${alias.key(index)}`),
      `CASE WHEN NOT d.in_env THEN 'only_base' WHEN NOT d.in_base THEN 'only_env' ELSE 'changed' END AS diff_kind`,
      ...plan.columns.map((column, index) => `${this.changed(baseValue(index), envValue(index), column)} AS ${alias.flag(index)}`),
      ...plan.columns.flatMap((column, index) => column.masked ? [] : [`${baseValue(index)} AS ${alias.base(index)}`, `${envValue(index)} AS ${alias.env(index)}`])
    ];
    const lines = [`  SELECT ${select.join(", ")}`, "  FROM differing AS d"];
    if (!carry) lines.push(`  LEFT JOIN ${this.source(plan.base)} AS b ON ${this.keyMatch("b.")}`);
    lines.push(`  LEFT JOIN ${this.source(plan.env)} AS e ON ${this.keyMatch("e.")}`);
    return lines.join("\n");
  }
  /** The changed flag of one column: never NULL. */
  changed(base, env, column) {
    if (column.comparison === "tolerance") {
      return `coalesce(abs(${base} - ${env}) > ${this.dialect.literal(this.plan.floatTolerance)}, (${base} IS NULL) <> (${env} IS NULL))`;
    }
    return this.diffDialect.differ(this.comparable(base, column), this.comparable(env, column));
  }
  comparable(expression, column) {
    return column.comparison === "text" ? this.dialect.cast(expression, this.diffDialect.textType) : expression;
  }
  keyExpression(prefix, key) {
    const column = `${prefix}${this.dialect.quoteIdentifier(key.name)}`;
    return key.castTo ? this.dialect.cast(column, key.castTo) : column;
  }
  keyMatch(prefix) {
    return this.plan.key.map((key, index) => `${this.keyExpression(prefix, key)} = d.${alias.key(index)}`).join(" AND ");
  }
  /**
   * A side's rows for the second join. The where applies here too: a key repeated only in rows that the
   * where leaves out must not multiply the rows of the diff.
   */
  source(relation) {
    const name = this.dialect.relationName(relation);
    return this.plan.where ? `(SELECT * FROM ${name} WHERE (${this.plan.where}))` : name;
  }
  rowFilter(keyExpressions) {
    const filter = [];
    if (this.plan.where) filter.push(`(${this.plan.where})`);
    if (this.plan.samplePercent !== null) filter.push(keySampleFilter(this.diffDialect, keyExpressions, this.plan.samplePercent));
    return filter;
  }
};
function where(conditions) {
  return conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "";
}

// src/diff/value-diff.ts
var DEFAULT_SIDE_NAMES = { base: "production", env: "the pull request" };
var MASK = "•••";
var KINDS = ["changed", "only_base", "only_env"];
var ONE_SIDED_COLUMNS = 3;
async function valueDiff(warehouse, options) {
  const names = options.names ?? DEFAULT_SIDE_NAMES;
  const notes = [];
  const plan = planValueDiff(warehouse, options, notes);
  const keyList = plan.key.map((key) => key.name).join(", ");
  const check = await readKeyCheck(warehouse, keyCheckSql(warehouse.dialect, plan));
  const repeated = ["base", "env"].filter((side) => check[side].repeatedKeys > 0);
  if (repeated.length) {
    for (const side of repeated) {
      const count2 = check[side].repeatedKeys;
      notes.push(`The key (${keyList}) is not unique in ${names[side]}: ${count2} key${count2 === 1 ? " repeats" : "s repeat"} within its first ${KEY_CHECK_HEAD_ROWS.toLocaleString("en-US")} rows.`);
    }
    return { values: null, notes };
  }
  if (check.base.nullKeys || check.env.nullKeys) {
    notes.push(`Rows with a NULL in the key (${keyList}) are left out of the value diff: ${check.base.nullKeys} in ${names.base}, ${check.env.nullKeys} in ${names.env}.`);
  }
  const { rows } = await warehouse.query(valueDiffSql(warehouse.dialect, plan));
  const totals = /* @__PURE__ */ new Map();
  const samples = new Map(KINDS.map((kind) => [kind, []]));
  for (const row of rows) {
    const kind = row.diff_kind;
    if (row.diff_part === "totals") totals.set(kind, row);
    else samples.get(kind).push(row);
  }
  const count = (kind, field) => Number(totals.get(kind)?.[field] ?? 0);
  const duplicated = duplicatedKeyNotes(check, count, keyList, names);
  if (duplicated.length) return { values: null, notes: [...notes, ...duplicated] };
  const changes = {};
  plan.columns.forEach((column, index) => {
    const changed = count("changed", alias.changes(index));
    if (changed > 0) changes[column.name] = changed;
  });
  const sampled = plan.samplePercent !== null || plan.where ? { percent: plan.samplePercent, where: plan.where } : null;
  return {
    values: {
      key: plan.key.map((key) => key.name),
      only_base: count("only_base", "row_count"),
      only_env: count("only_env", "row_count"),
      changed_rows: count("changed", "row_count"),
      columns: changes,
      samples: pickSamples(samples, plan),
      sampled
    },
    notes
  };
}
function comparedColumns(baseColumns, envColumns, key) {
  const baseByName = new Map(baseColumns.map((column) => [column.name.toLowerCase(), column]));
  const envByName = new Map(envColumns.map((column) => [column.name.toLowerCase(), column]));
  const keyNames = new Set(key.map((name) => name.toLowerCase()));
  const both = (column) => ({ name: column.name, type: column.type, baseType: baseByName.get(column.name.toLowerCase()).type });
  return {
    keyColumns: key.filter((name) => baseByName.has(name.toLowerCase()) && envByName.has(name.toLowerCase())).map((name) => both(envByName.get(name.toLowerCase()))),
    columns: envColumns.filter((column) => !keyNames.has(column.name.toLowerCase()) && baseByName.has(column.name.toLowerCase())).map(both),
    missingKey: {
      base: key.filter((name) => !baseByName.has(name.toLowerCase())),
      env: key.filter((name) => !envByName.has(name.toLowerCase()))
    }
  };
}
function planValueDiff(warehouse, options, notes) {
  if (!options.key.length) throw new Error("valueDiff needs at least one key column");
  const samples = options.samples ?? 5;
  const floatTolerance = options.floatTolerance ?? 0;
  if (!Number.isInteger(samples) || samples < 0) throw new SluiceError(`diff samples must be a whole number of rows, 0 or more; got ${samples}`);
  if (!Number.isFinite(floatTolerance) || floatTolerance < 0) throw new SluiceError(`diff float tolerance must be a number, 0 or more; got ${floatTolerance}`);
  let samplePercent = options.samplePercent ?? null;
  if (samplePercent !== null && !(samplePercent > 0 && samplePercent <= 100)) {
    throw new SluiceError(`diff sample_percent must be more than 0 and at most 100; got ${samplePercent}`, { hint: "leave it out to compare every row" });
  }
  if (samplePercent === 100) samplePercent = null;
  const diffDialect = diffDialectFor(warehouse.dialect);
  const masked = new Set((options.maskedColumns ?? []).map((name) => name.toLowerCase()));
  const keyTypes = new Map((options.keyColumns ?? []).map((column) => [column.name.toLowerCase(), column]));
  const key = options.key.map((name) => {
    const column = keyTypes.get(name.toLowerCase());
    let castTo = null;
    if (column?.baseType && normaliseType(column.baseType) !== normaliseType(column.type)) {
      const integers = typeFamily(column.baseType) === "integer" && typeFamily(column.type) === "integer";
      castTo = integers ? diffDialect.bigintType : diffDialect.textType;
      if (!integers) notes.push(`The key column ${name} changed type (${column.baseType} → ${column.type}): keys are matched as text.`);
    }
    return { name, castTo, masked: masked.has(name.toLowerCase()) };
  });
  const keyNames = new Set(options.key.map((name) => name.toLowerCase()));
  const columns = options.columns.filter((column) => !keyNames.has(column.name.toLowerCase())).map((column) => {
    const baseType = column.baseType ?? column.type;
    const plan = { name: column.name, masked: masked.has(column.name.toLowerCase()) };
    if (!comparableTypes(baseType, column.type)) {
      notes.push(`Column ${column.name} changed type (${baseType} → ${column.type}): its values are compared as text.`);
      return { ...plan, comparison: "text" };
    }
    if (diffDialect.comparesAsText(baseType) || diffDialect.comparesAsText(column.type)) return { ...plan, comparison: "text" };
    if (floatTolerance > 0 && (isInexact(baseType) || isInexact(column.type))) return { ...plan, comparison: "tolerance" };
    return { ...plan, comparison: "exact" };
  });
  return { base: options.base, env: options.env, key, columns, where: options.where ?? null, samplePercent, samples, floatTolerance };
}
async function readKeyCheck(warehouse, sql) {
  const { rows } = await warehouse.query(sql);
  const side = (name) => {
    const row = rows.find((candidate) => candidate.side === name);
    return { rowCount: Number(row?.row_count ?? 0), nullKeys: Number(row?.null_keys ?? 0), repeatedKeys: Number(row?.repeated_keys ?? 0) };
  };
  return { base: side("base"), env: side("env") };
}
function duplicatedKeyNotes(check, count, keyList, names) {
  const notes = [];
  const where2 = { only_base: names.base, only_env: names.env, changed: `${names.base} or ${names.env}` };
  for (const kind of KINDS) {
    if (count(kind, "row_count") > count(kind, "key_count")) notes.push(`The key (${keyList}) is not unique in ${where2[kind]}: keys repeat among the rows that differ.`);
  }
  const matchedBase = check.base.rowCount - check.base.nullKeys - count("only_base", "row_count");
  const matchedEnv = check.env.rowCount - check.env.nullKeys - count("only_env", "row_count");
  if (!notes.length && matchedBase !== matchedEnv) {
    const side = matchedBase > matchedEnv ? names.base : names.env;
    const other = matchedBase > matchedEnv ? names.env : names.base;
    const extra = Math.abs(matchedBase - matchedEnv);
    notes.push(`The key (${keyList}) is not unique in ${side}: on the keys both sides share, it has ${extra} more row${extra === 1 ? "" : "s"} than ${other}.`);
  }
  return notes;
}
function pickSamples(rowsByKind, plan) {
  const queues = KINDS.map((kind) => [...rowsByKind.get(kind)].sort((a, b) => Number(a.sample_rank) - Number(b.sample_rank)));
  const picked = KINDS.map(() => []);
  let left = plan.samples;
  while (left > 0 && queues.some((queue) => queue.length)) {
    queues.forEach((queue, index) => {
      if (left > 0 && queue.length) {
        picked[index].push(queue.shift());
        left--;
      }
    });
  }
  return KINDS.flatMap((kind, index) => picked[index].map((row) => sampleOf(kind, row, plan)));
}
function sampleOf(kind, row, plan) {
  const key = plan.key.map((column, index) => column.masked ? MASK : row[alias.key(index)]);
  const value = (column, field) => column.masked ? MASK : row[field];
  if (kind === "changed") {
    const columns2 = plan.columns.map((column, index) => ({ column, index })).filter(({ index }) => isTrue(row[alias.flag(index)])).map(({ column, index }) => ({ name: column.name, base: value(column, alias.base(index)), env: value(column, alias.env(index)) }));
    return { key, kind, columns: columns2 };
  }
  const columns = plan.columns.slice(0, ONE_SIDED_COLUMNS).map(
    (column, index) => kind === "only_base" ? { name: column.name, base: value(column, alias.base(index)), env: null } : { name: column.name, base: null, env: value(column, alias.env(index)) }
  );
  return { key, kind, columns };
}
function isTrue(value) {
  return value === true || value === 1 || value === "true";
}

// src/diff/profile-diff.ts
async function profileDiff(warehouse, base, env, options) {
  const masked = new Set((options.maskedColumns ?? []).map((name) => name.toLowerCase()));
  const baseProfiles = base ? await profileSide(warehouse, base, options.where ?? null, masked) : /* @__PURE__ */ new Map();
  const envProfiles = await profileSide(warehouse, env, options.where ?? null, masked);
  const envNames = new Set(env.columns.map((column) => column.name.toLowerCase()));
  const names = [...env.columns.map((column) => column.name), ...(base?.columns ?? []).map((column) => column.name).filter((name) => !envNames.has(name.toLowerCase()))];
  return {
    reason: options.reason,
    columns: names.map((name) => ({
      name,
      base: baseProfiles.get(name.toLowerCase()) ?? null,
      env: envProfiles.get(name.toLowerCase()) ?? null
    }))
  };
}
async function profileSide(warehouse, side, where2, masked) {
  const { dialect } = warehouse;
  const diffDialect = diffDialectFor(dialect);
  const profiles = /* @__PURE__ */ new Map();
  if (!side.columns.length) return profiles;
  const select = side.columns.flatMap((column, index) => {
    const name = dialect.quoteIdentifier(column.name);
    const family = typeFamily(column.type);
    const hidden = masked.has(column.name.toLowerCase());
    const distinctOf = diffDialect.comparesAsText(column.type) ? dialect.cast(name, diffDialect.textType) : name;
    const aggregates = [`count(*) - count(${name}) AS nulls${index}`, `count(DISTINCT ${distinctOf}) AS distinct${index}`];
    if (!hidden && family !== "other") aggregates.push(`min(${name}) AS min${index}`, `max(${name}) AS max${index}`);
    if (!hidden && isNumeric(column.type)) aggregates.push(`sum(${family === "integer" ? dialect.cast(name, "DECIMAL(38,0)") : name}) AS sum${index}`);
    return aggregates;
  });
  const { rows } = await warehouse.query(`SELECT ${select.join(", ")} FROM ${dialect.relationName(side.relation)}${where2 ? ` WHERE (${where2})` : ""}`);
  const row = rows[0];
  side.columns.forEach((column, index) => {
    const hidden = masked.has(column.name.toLowerCase());
    const shown = (field) => hidden ? MASK : row[field] ?? null;
    profiles.set(column.name.toLowerCase(), {
      nulls: Number(row[`nulls${index}`]),
      distinct: Number(row[`distinct${index}`]),
      min: typeFamily(column.type) === "other" ? null : shown(`min${index}`),
      max: typeFamily(column.type) === "other" ? null : shown(`max${index}`),
      sum: isNumeric(column.type) ? shown(`sum${index}`) : null
    });
  });
  return profiles;
}

// src/diff/row-counts.ts
async function rowCounts(warehouse, base, env, options = {}) {
  const { dialect } = warehouse;
  const count = (relation) => `(SELECT count(*) FROM ${dialect.relationName(relation)}${options.where ? ` WHERE (${options.where})` : ""})`;
  const columns = [`${count(env)} AS env_rows`];
  if (base) columns.push(`${count(base)} AS base_rows`);
  const { rows } = await warehouse.query(`SELECT ${columns.join(", ")}`);
  return { base: base ? Number(rows[0].base_rows) : null, env: Number(rows[0].env_rows) };
}

// src/diff/schema-diff.ts
function schemaDiff(baseColumns, envColumns) {
  const baseByName = new Map(baseColumns.map((column) => [column.name.toLowerCase(), column]));
  const envNames = new Set(envColumns.map((column) => column.name.toLowerCase()));
  const added = envColumns.filter((column) => !baseByName.has(column.name.toLowerCase())).map((column) => column.name);
  const removed = baseColumns.filter((column) => !envNames.has(column.name.toLowerCase())).map((column) => column.name);
  const changed = [];
  for (const column of envColumns) {
    const before = baseByName.get(column.name.toLowerCase());
    if (before && normaliseType(before.type) !== normaliseType(column.type)) changed.push({ column: column.name, from: before.type, to: column.type });
  }
  return { added, removed, changed, reordered: movedColumns(baseColumns, envColumns) };
}
function movedColumns(baseColumns, envColumns) {
  const basePosition = /* @__PURE__ */ new Map();
  baseColumns.forEach((column, index) => basePosition.set(column.name.toLowerCase(), index));
  const common = envColumns.filter((column) => basePosition.has(column.name.toLowerCase()));
  const positions = common.map((column) => basePosition.get(column.name.toLowerCase()));
  const kept = longestIncreasingRun(positions);
  return common.filter((_, index) => !kept.has(index)).map((column) => column.name);
}
function longestIncreasingRun(values) {
  const tails = [];
  const previous = new Array(values.length).fill(-1);
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = low + high >> 1;
      if (values[tails[middle]] < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1];
    tails[low] = index;
  });
  const kept = /* @__PURE__ */ new Set();
  for (let index = tails.length ? tails[tails.length - 1] : -1; index !== -1; index = previous[index]) kept.add(index);
  return kept;
}

// src/diff/relation-diff.ts
async function diffRelation(warehouse, base, env, options) {
  const names = options.names ?? DEFAULT_SIDE_NAMES;
  const { dialect } = warehouse;
  const notes = [];
  const envColumns = await warehouse.getColumns(env);
  if (!envColumns) return { rows: null, schema: null, values: null, profile: null, notes: [`${dialect.relationName(env)} does not exist: nothing to diff.`] };
  const baseColumns = base ? await warehouse.getColumns(base) : null;
  if (base && !baseColumns) notes.push(`${dialect.relationName(base)} does not exist in ${names.base}: nothing to compare with.`);
  const rows = await rowCounts(warehouse, baseColumns ? base : null, env, { where: options.where });
  if (!base || !baseColumns) return { rows, schema: null, values: null, profile: null, notes };
  const schema = schemaDiff(baseColumns, envColumns);
  const profile = async (reason) => profileDiff(warehouse, { relation: base, columns: baseColumns }, { relation: env, columns: envColumns }, { reason, where: options.where, maskedColumns: options.maskedColumns });
  if (!options.key?.length) {
    const reason = "No primary key to match rows by: set unique_key or meta.primary_key, or give a column unique and not_null tests.";
    return { rows, schema, values: null, profile: await profile(reason), notes: [...notes, reason] };
  }
  const compared = comparedColumns(baseColumns, envColumns, options.key);
  const missing = [
    ...compared.missingKey.base.map((column) => `${column} is not in ${names.base}`),
    ...compared.missingKey.env.map((column) => `${column} is not in ${names.env}`)
  ];
  if (missing.length) {
    const reason = `The key (${options.key.join(", ")}) cannot match rows: ${missing.join("; ")}.`;
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
    names
  });
  notes.push(...result.notes);
  if (result.values) return { rows, schema, values: result.values, profile: null, notes };
  return { rows, schema, values: null, profile: await profile(result.notes.at(-1) ?? "No value diff."), notes };
}

// src/graph/column-lineage.ts
function columnsRead(sql, dialect) {
  try {
    const { parser, database } = sqlParserFor(dialect);
    const entries = parser.columnList(parseableSql(sql, dialect), { database });
    const columns = /* @__PURE__ */ new Set();
    let star = false;
    for (const entry of entries) {
      const column = entry.split("::").pop() ?? "";
      if (column === "(.*)" || column === "*") star = true;
      else columns.add(column.replace(/^["`]|["`]$/g, "").toLowerCase());
    }
    return { columns, star, parsed: true };
  } catch {
    return { columns: /* @__PURE__ */ new Set(), star: /(^|[\s,(.])\*(\s|,|$|\))/m.test(sql), parsed: false };
  }
}
function readsColumn(sql, column, dialect) {
  const read = columnsRead(sql, dialect);
  if (read.star) return true;
  if (read.parsed) return read.columns.has(column.toLowerCase());
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`, "i").test(sql);
}
var FROM_ENDS = /* @__PURE__ */ new Set(["where", "group", "order", "having", "limit", "qualify", "window", "union", "except", "intersect", "minus", "lateral", "pivot", "unpivot", "sort", "cluster", "distribute", "offset", "select", "fetch"]);
var JOIN_WORDS = /* @__PURE__ */ new Set(["join", "inner", "left", "right", "full", "outer", "cross", "semi", "anti", "natural", "asof", "positional", "on", "using"]);
var STAR_AFTER = /* @__PURE__ */ new Set(["select", "distinct", "all"]);
function unquote(token) {
  return (token.type === "quoted" ? token.text.slice(1, -1) : token.text).toLowerCase();
}
var isName = (token) => token !== void 0 && (token.type === "word" || token.type === "quoted" || token.type === "keyword");
function relationReads(sql) {
  const tokens = codeTokens(tokenizeSql(sql));
  const depth = [];
  let level = 0;
  for (const token of tokens) {
    if (token.type === "close") level--;
    depth.push(level);
    if (token.type === "open") level++;
  }
  const lower = tokens.map((token) => token.type === "keyword" || token.type === "word" ? token.text.toLowerCase() : "");
  const words = /* @__PURE__ */ new Set();
  for (const token of tokens) if (isName(token)) words.add(unquote(token));
  const ctes = /* @__PURE__ */ new Set();
  for (let i = 0; i < tokens.length; i++) {
    if (lower[i] !== "as") continue;
    let next = i + 1;
    if (lower[next] === "not") next++;
    if (lower[next] === "materialized") next++;
    if (tokens[next]?.type !== "open") continue;
    let name = i - 1;
    if (tokens[name]?.type === "close") {
      let open = name;
      while (open > 0 && !(tokens[open].type === "open" && depth[open] === depth[name])) open--;
      name = open - 1;
    }
    if (isName(tokens[name]) && tokens[name - 1]?.type !== "dot") ctes.add(unquote(tokens[name]));
  }
  let uncertain = null;
  const why = (reason) => {
    uncertain ??= reason;
  };
  if (lower.includes("natural")) why("a NATURAL JOIN reads the columns both sides share");
  for (let i = 0; i + 1 < tokens.length; i++) if (lower[i] === "columns" && tokens[i + 1].type === "open") why("COLUMNS(…) chooses its columns by pattern");
  const matchingClose = (open) => {
    let index = open + 1;
    while (index < tokens.length && !(tokens[index].type === "close" && depth[index] === depth[open])) index++;
    return index;
  };
  const fromItems = (from) => {
    const items = [];
    const d = depth[from];
    let index = from + 1;
    while (index < tokens.length) {
      while (lower[index] === "lateral" || lower[index] === "only") index++;
      const token = tokens[index];
      if (!token || depth[index] < d) break;
      let item;
      if (token.type === "open") {
        index = matchingClose(index) + 1;
        item = { identifier: null, alias: null, base: false };
      } else if (isName(token)) {
        const parts = [unquote(token)];
        index++;
        while (tokens[index]?.type === "dot" && isName(tokens[index + 1])) {
          parts.push(unquote(tokens[index + 1]));
          index += 2;
        }
        if (tokens[index]?.type === "open") {
          index = matchingClose(index) + 1;
          item = { identifier: null, alias: null, base: false };
        } else {
          const identifier = parts[parts.length - 1];
          item = { identifier, alias: null, base: !(parts.length === 1 && ctes.has(identifier)) };
        }
      } else break;
      if (lower[index] === "as") index++;
      const alias2 = tokens[index];
      if (alias2 && depth[index] === d && (alias2.type === "word" || alias2.type === "quoted") && !FROM_ENDS.has(lower[index]) && !JOIN_WORDS.has(lower[index])) {
        item.alias = unquote(alias2);
        index++;
      }
      items.push(item);
      while (index < tokens.length && depth[index] >= d) {
        if (depth[index] === d && (tokens[index].type === "comma" || lower[index] === "join" || FROM_ENDS.has(lower[index]) || tokens[index].type === "semicolon")) break;
        index++;
      }
      if (index >= tokens.length || depth[index] < d || tokens[index].type === "semicolon" || FROM_ENDS.has(lower[index])) break;
      index++;
    }
    return items;
  };
  const starRelations = /* @__PURE__ */ new Set();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "operator" || tokens[i].text !== "*") continue;
    const before = tokens[i - 1];
    let qualifier = null;
    if (before?.type === "dot" && isName(tokens[i - 2])) qualifier = unquote(tokens[i - 2]);
    else if (before?.type === "open") {
      if (lower[i - 2] === "count") continue;
    } else if (!(before?.type === "comma" || STAR_AFTER.has(lower[i - 1] ?? ""))) continue;
    let d = depth[i];
    if (before?.type === "open") {
      let select = i - 1;
      while (select >= 0 && !(lower[select] === "select" && depth[select] < depth[i])) select--;
      d = select >= 0 ? depth[select] : 0;
    }
    let from = i + 1;
    while (from < tokens.length && depth[from] >= d && !(depth[from] === d && lower[from] === "from")) from++;
    if (from >= tokens.length || depth[from] < d) {
      why("a * with no FROM it reads from");
      continue;
    }
    const items = fromItems(from);
    if (qualifier === null) {
      for (const item2 of items) if (item2.base && item2.identifier) starRelations.add(item2.identifier);
      continue;
    }
    const item = items.find((candidate) => candidate.alias === qualifier) ?? items.find((candidate) => candidate.alias === null && candidate.identifier === qualifier);
    if (!item) why(`${qualifier}.* names no relation of its FROM`);
    else if (item.base && item.identifier) starRelations.add(item.identifier);
  }
  return { words, starRelations, uncertain };
}

// src/plan/breaking.ts
function sqlOf(session, node) {
  if (node.compiledCode) return node.compiledCode;
  try {
    return session.renderer.renderSync(node);
  } catch {
    return node.rawCode;
  }
}
function declaredColumns(exposure, model) {
  const meta = exposure.meta ?? {};
  const columns = meta.columns;
  if (Array.isArray(columns)) return columns.map(String).map((entry) => entry.includes(".") ? entry : `${model}.${entry}`);
  if (columns && typeof columns === "object") {
    const forModel = columns[model];
    return Array.isArray(forModel) ? forModel.map((entry) => `${model}.${String(entry)}`) : [];
  }
  return null;
}
function breakingChanges(session, models) {
  const { graph } = session;
  const dialect = session.renderer.dialect.name;
  const changes = [];
  for (const model of models) {
    if (!model.schema) continue;
    const lost = [
      ...model.schema.removed.map((column) => ({ column, change: "removed" })),
      ...model.schema.changed.map((entry) => ({ column: entry.column, change: `retyped (${entry.from} → ${entry.to})` }))
    ];
    if (!lost.length) continue;
    const children = [...graph.children.get(model.unique_id) ?? []].map((id) => graph.nodes.get(id));
    for (const { column, change } of lost) {
      const readBy = [];
      for (const child of children) {
        if (child.resourceType === "model" && readsColumn(sqlOf(session, child), column, dialect)) readBy.push(child.name);
        if (child.resourceType === "exposure") {
          const declared = declaredColumns(child, model.name);
          if (declared === null || declared.map((entry) => entry.toLowerCase()).includes(`${model.name}.${column}`.toLowerCase())) readBy.push(`exposure ${child.name}`);
        }
      }
      if (readBy.length) changes.push({ model: model.name, column, change, read_by: readBy.sort() });
    }
  }
  return changes;
}

// src/plan/diff-models.ts
function maskedColumns(session, node, columns) {
  const declared = Object.values(node.columns).filter((column) => column.meta?.pii === true || column.meta?.pii === "true").map((column) => column.name.toLowerCase());
  return columns.filter((column) => declared.includes(column.toLowerCase()) || session.config.diff.maskPatterns.some((pattern) => pattern.test(column)));
}
function columnTests(session, node) {
  const byColumn = /* @__PURE__ */ new Map();
  for (const child of session.graph.children.get(node.uniqueId) ?? []) {
    const test = session.graph.nodes.get(child);
    if (test.resourceType !== "test" || test.attachedNode !== node.uniqueId || !test.columnName || !test.testMetadata) continue;
    const name = test.testMetadata.namespace ? `${test.testMetadata.namespace}.${test.testMetadata.name}` : test.testMetadata.name;
    byColumn.set(test.columnName, [...byColumn.get(test.columnName) ?? [], name]);
  }
  return [...byColumn.entries()].map(([column, tests]) => ({ column, tests }));
}
var ModelDiffs = class {
  constructor(session, warehouse, environment) {
    this.session = session;
    this.warehouse = warehouse;
    this.environment = environment;
  }
  session;
  warehouse;
  environment;
  diffs = /* @__PURE__ */ new Map();
  /** Whether the node's diff was computed (or is being computed). */
  has(node) {
    return this.diffs.has(node.uniqueId);
  }
  /** The diff of a node built in the environment with its production twin (`isNew`: production has none). */
  of(node, isNew) {
    let diff = this.diffs.get(node.uniqueId);
    if (!diff) {
      diff = this.compute(node, isNew);
      this.diffs.set(node.uniqueId, diff);
    }
    return diff;
  }
  async compute(node, isNew) {
    const { session, warehouse, environment } = this;
    const settings = session.config.diff;
    const env = environment.relationFor(node.relation);
    const key = node.resourceType === "snapshot" ? { columns: [snapshotMetaColumns(node.config).scdId] } : primaryKeyFor({ uniqueKey: node.config.unique_key, meta: node.meta, columnTests: columnTests(session, node) });
    const envColumns = (await warehouse.getColumns(env) ?? []).map((column) => column.name);
    return diffRelation(warehouse, isNew ? null : node.relation, env, {
      key: key?.columns ?? null,
      samples: settings.samples,
      floatTolerance: settings.floatTolerance,
      samplePercent: settings.samplePercent,
      where: settings.where,
      maskedColumns: maskedColumns(session, node, envColumns),
      names: { base: "production", env: environment.name }
    });
  }
};
async function diffModels(session, warehouse, report, environment, out, diffs = new ModelDiffs(session, warehouse, environment)) {
  const settings = session.config.diff;
  let diffed = 0;
  for (const model of report.models) {
    const node = session.graph.nodes.get(model.unique_id);
    if (!node || model.status !== "built" || node.config.materialized === "ephemeral") continue;
    if (diffed >= settings.maxModels && !diffs.has(node)) {
      model.diff_notes.push(`Not diffed: more than diff.max_models (${settings.maxModels}) models changed.`);
      continue;
    }
    diffed++;
    fill(model, await diffs.of(node, model.change === "new"));
  }
  report.breaking = breakingChanges(session, report.models);
  if (diffed) out(`Diffed ${diffed} model${diffed === 1 ? "" : "s"} against production.`);
}
function fill(model, result) {
  model.rows = result.rows;
  model.schema = result.schema;
  model.values = result.values;
  model.profile = result.profile;
  model.diff_notes.push(...result.notes);
}

// src/plan/impact.ts
function dataChange(diff, settings) {
  const change = { rows: false, columns: /* @__PURE__ */ new Set(), reordered: false, inexact: null };
  if (!diff.schema || !diff.rows || diff.rows.base === null) {
    change.inexact = "it has nothing in production to compare with";
    return change;
  }
  for (const column of [...diff.schema.added, ...diff.schema.removed, ...diff.schema.changed.map((changed) => changed.column)]) change.columns.add(column.toLowerCase());
  change.reordered = diff.schema.reordered.length > 0;
  if (diff.rows.base !== diff.rows.env) change.rows = true;
  if (!diff.values) change.inexact = "its rows have no key to compare them by";
  else if (diff.values.sampled) change.inexact = "its diff covers part of the rows (diff.sample_percent or diff.where)";
  else if (settings.floatTolerance > 0) change.inexact = "its diff ignores small float differences (diff.float_tolerance)";
  if (diff.values) {
    if (diff.values.only_base > 0 || diff.values.only_env > 0) change.rows = true;
    for (const [column, count] of Object.entries(diff.values.columns)) if (count > 0) change.columns.add(column.toLowerCase());
  }
  return change;
}
function rebuildReason(parent, identifier, change, reads) {
  if (change.inexact) return `${parent} changed and ${change.inexact}`;
  if (change.rows) return `${parent}'s rows changed`;
  if (!change.columns.size && !change.reordered) return null;
  if (reads.uncertain) return `${parent} changed and what it reads cannot be told: ${reads.uncertain}`;
  if (reads.starRelations.has(identifier.toLowerCase())) return `reads every column of ${parent} (*), and ${describeColumns(change)} changed`;
  const read = [...change.columns].filter((column) => reads.words.has(column)).sort();
  if (read.length) return `reads ${read.map((column) => `${parent}.${column}`).join(", ")}, which changed`;
  return null;
}
function describeColumns(change) {
  const columns = [...change.columns].sort();
  if (!columns.length) return "its column order";
  return columns.length > 4 ? `${columns.slice(0, 4).join(", ")} and ${columns.length - 4} more` : columns.join(", ");
}
var DataAwareImpact = class {
  constructor(context) {
    this.context = context;
    this.planned = new Map(context.plan.nodes.map((node) => [node.uniqueId, node]));
  }
  context;
  /** Nodes deferred, with the reason the report gives. */
  deferred = /* @__PURE__ */ new Map();
  /** Conditional nodes rebuilt, with the reason. */
  rebuilt = /* @__PURE__ */ new Map();
  changes = /* @__PURE__ */ new Map();
  planned;
  /** A reason to defer `node`, or null to run it. */
  async decide(node) {
    if (node.resourceType === "test" || node.resourceType === "unit_test") {
      const model = node.attachedNode && this.deferred.has(node.attachedNode) ? this.context.session.graph.nodes.get(node.attachedNode) : void 0;
      return model ? `${model.name} was deferred: production's is unchanged` : null;
    }
    if (!this.planned.get(node.uniqueId)?.conditional) return null;
    const reason = await this.rebuildReason(node);
    if (reason !== null) {
      this.rebuilt.set(node.uniqueId, reason);
      return null;
    }
    const changed = this.changedParentNames(node);
    const deferral = `reads no changed column of ${changed.length ? changed.join(", ") : "what changed"}: read from production`;
    this.deferred.set(node.uniqueId, deferral);
    return deferral;
  }
  async rebuildReason(node) {
    const parents = this.effectiveParents(node);
    if (parents.some((parent) => parent === "changed-code")) return "an ephemeral model it reads changed";
    let reads = null;
    for (const parent of parents) {
      const change = await this.changeOf(parent);
      if (!change.rows && !change.columns.size && !change.reordered && !change.inexact) continue;
      if (!reads) {
        const questions = [];
        const sql = await compileSql({ renderer: this.context.session.renderer, nodes: this.context.session.graph.nodes, options: { warehouse: this.context.warehouse, questions } }, node);
        const asked = questions.find((question) => !question.startsWith("relation:") && !question.startsWith("columns:"));
        if (asked) return `its Jinja asks the warehouse for data (${asked.split(":")[0]}), so what it builds may change with ${parent.name}`;
        reads = relationReads(sql);
      }
      const reason = rebuildReason(parent.name, parent.relation.identifier, change, reads);
      if (reason) return reason;
    }
    return null;
  }
  /** Built parents whose data changed, by name, for the deferral's reason. */
  changedParentNames(node) {
    return this.effectiveParents(node).filter((parent) => parent !== "changed-code").map((parent) => parent.name).sort();
  }
  /**
   * The parents that were built in this run (looking through ephemeral models, and through sources to
   * the seeds that load them); 'changed-code' for an ephemeral model whose own SQL changed.
   */
  effectiveParents(node) {
    const { graph } = this.context.session;
    const found = [];
    const seen = /* @__PURE__ */ new Set();
    const visit = (id) => {
      for (const parentId of graph.parents.get(id) ?? []) {
        if (seen.has(parentId)) continue;
        seen.add(parentId);
        const parent = graph.nodes.get(parentId);
        if (!parent) continue;
        if (parent.resourceType === "model" && parent.config.materialized === "ephemeral") {
          const change = this.planned.get(parentId)?.change;
          if (change === "modified" || change === "new") found.push("changed-code");
          else visit(parentId);
        } else if (parent.resourceType === "source") {
          visit(parentId);
        } else if (this.context.plan.build.has(parentId) && !this.deferred.has(parentId) && ["model", "seed", "snapshot"].includes(parent.resourceType)) {
          found.push(parent);
        }
      }
    };
    visit(node.uniqueId);
    return found;
  }
  changeOf(parent) {
    let change = this.changes.get(parent.uniqueId);
    if (!change) {
      const settings = this.context.session.config.diff;
      change = this.context.diff(parent).then((diff) => dataChange(diff, settings));
      this.changes.set(parent.uniqueId, change);
    }
    return change;
  }
};

// src/plan/ci.ts
function changedModelFiles(session, plan) {
  return plan.nodes.filter((node) => node.change === "modified" || node.change === "new").map((node) => session.graph.nodes.get(node.uniqueId)).filter((node) => node?.resourceType === "model").map((node) => node.originalFilePath);
}
async function columnsBuilt(warehouse, summary, environment) {
  const columns = /* @__PURE__ */ new Map();
  for (const result of summary.results) {
    const node = result.node;
    if (result.status !== "success" || node.resourceType !== "model" || node.config.materialized === "ephemeral") continue;
    if (!Object.keys(node.columns).length) continue;
    const described = await warehouse.getColumns(environment.relationFor(node.relation));
    if (described) columns.set(node.uniqueId, described.map((column) => column.name.toLowerCase()));
  }
  return columns;
}
async function planAgainstProduction(session, warehouse, environment) {
  const state = stateStoreFor(session, warehouse);
  const production = await state.deployedModels(PRODUCTION);
  const fingerprints = await fingerprintProject(session, environment ? guardedWarehouse(warehouse, environment) : warehouse);
  const plan = planChanges(session, fingerprints, production);
  const changes = new Map(plan.nodes.map((node) => [node.uniqueId, node.change]));
  session.stateModified = (id) => changes.get(id) === "modified" || changes.get(id) === "new";
  session.stateNew = (id) => changes.get(id) === "new";
  return plan;
}
async function runCi(session, warehouse, options) {
  const environment = pullRequestEnvironment(options.environment, session.config);
  const state = stateStoreFor(session, warehouse);
  const plan = await planAgainstProduction(session, warehouse, environment);
  for (const line of formatPlan(plan, environment.name)) options.out(line);
  options.out("");
  const runId = randomUUID();
  const startedAt = (/* @__PURE__ */ new Date()).toISOString();
  await state.startRun({ runId, environment: environment.name, kind: "ci", startedAt });
  return state.closingRun(runId, async () => {
    const freshness = await checkSourcesRead(session, guardedWarehouse(warehouse, environment), plan.build, { threads: options.threads, out: options.out });
    const fullRefreshModified = options.fullRefreshModified ?? session.config.ci.fullRefreshModified;
    const diffs = new ModelDiffs(session, warehouse, environment);
    const impact = dataAwareImpact(session, warehouse, plan, environment, diffs);
    const summary = await buildIntoEnvironment(session, warehouse, plan, environment, { ...options, fullRefreshModified, impact });
    if (impact) explainImpact(session, plan, impact);
    let lint = null;
    if (options.lint !== false) {
      options.out("");
      const builtColumns = await columnsBuilt(warehouse, summary, environment);
      lint = await lintProject(session, { ...options.lint ?? { files: changedModelFiles(session, plan) }, fix: false, builtColumns: (node) => builtColumns.get(node.uniqueId) ?? null });
      for (const line of formatText(lint)) options.out(line);
    }
    const report = buildReport(session, plan, summary, { command: "ci", env: environment.name, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
    report.freshness = freshness.results.map(freshnessEntry);
    noteIncrementalHistory(session, plan, report, Boolean(options.fullRefresh || fullRefreshModified));
    if (lint) {
      report.lint = lint.findings;
      if (lint.findings.some((finding) => finding.severity === "error")) report.ok = false;
    }
    await diffModels(session, warehouse, report, environment, options.out, diffs);
    await state.finishRun(runId, report.ok ? "success" : "failed", { built: summary.results.filter((result) => result.status === "success").length });
    const reportPath = writeReportFiles(session.project.targetPath, report).json;
    return { plan, summary, report, reportPath, environment };
  });
}
function dataAwareImpact(session, warehouse, plan, environment, diffs) {
  if (!session.config.impact.dataAware) return void 0;
  const isNew = new Set(plan.nodes.filter((node) => node.change === "new").map((node) => node.uniqueId));
  return new DataAwareImpact({ session, plan, warehouse: guardedWarehouse(warehouse, environment), diff: (node) => diffs.of(node, isNew.has(node.uniqueId)) });
}
function explainImpact(session, plan, impact) {
  for (const node of [...plan.nodes].reverse()) {
    const model = session.graph.nodes.get(node.uniqueId);
    if (!node.conditional || model?.config.materialized !== "ephemeral" || !plan.build.has(node.uniqueId)) continue;
    if ([...session.graph.children.get(node.uniqueId) ?? []].some((child) => plan.build.has(child))) continue;
    plan.build.delete(node.uniqueId);
    impact.deferred.set(node.uniqueId, "ephemeral, and every model that reads it was deferred");
  }
  for (const node of plan.nodes) {
    const reason = impact.deferred.get(node.uniqueId) ?? impact.rebuilt.get(node.uniqueId);
    if (reason) node.reason = reason;
  }
}
function noteIncrementalHistory(session, plan, report, rebuilt) {
  for (const id of modifiedIncrementals(session, plan)) {
    const model = report.models.find((candidate) => candidate.unique_id === id);
    if (!model) continue;
    const onSchemaChange = String(session.graph.nodes.get(id).config.on_schema_change ?? "ignore");
    if (rebuilt) {
      model.diff_notes.unshift("Incremental model rebuilt in full here (--full-refresh-modified): its whole history uses the new logic.");
      continue;
    }
    const columns = onSchemaChange === "ignore" ? ", and columns it adds are left out (on_schema_change: ignore)" : "";
    model.diff_notes.unshift(`Incremental model: only the rows this run added use the new logic; its history was not rebuilt${columns}. Rebuild it here with ci --full-refresh-modified; on merge, promote continues production's table the same way unless run with --full-refresh.`);
  }
}
async function runDiff(session, warehouse, options) {
  const environment = pullRequestEnvironment(options.environment, session.config);
  const database = environment.catalog ?? void 0;
  if (!(await warehouse.listSchemas(database)).some((schema) => environment.ownsSchema(database, schema))) {
    throw new SluiceError(`Environment '${environment.name}' does not exist: no ${environment.schemaPrefix}* schema${environment.catalog ? ` in catalog ${environment.catalog}` : ""}`, {
      hint: `build it first with sluice ci --env ${environment.name}; sluice janitor --dry-run lists the environments that exist`
    });
  }
  const plan = await planAgainstProduction(session, warehouse, environment);
  const relations = new Set(
    (await Promise.all([...new Set([...plan.build].map((id) => session.graph.nodes.get(id)).map((node) => environment.relationFor(node.relation).schema))].map(async (schema) => {
      const listed = await warehouse.listRelations(environment.catalog ?? void 0, schema);
      return listed.map((relation) => `${schema}.${relation.identifier}`.toLowerCase());
    }))).flat()
  );
  const built = new Set([...plan.build].filter((id) => {
    const node = session.graph.nodes.get(id);
    const relation = environment.relationFor(node.relation);
    return relations.has(`${relation.schema}.${relation.identifier}`.toLowerCase());
  }));
  const summary = {
    command: "build",
    results: [...built].map((id) => ({ uniqueId: id, status: "success", executionTime: 0, message: null, failures: null, node: session.graph.nodes.get(id) })),
    elapsedSeconds: 0,
    ok: true
  };
  useRelations(session, environmentRelations(session, plan, environment));
  const report = buildReport(session, plan, summary, { command: "diff", env: environment.name, runId: randomUUID(), relationName: (relation) => warehouse.dialect.relationName(relation) });
  const missing = [...plan.build].filter((id) => !built.has(id) && session.graph.nodes.get(id).config.materialized !== "ephemeral");
  if (missing.length) options.out(`Not built in ${environment.name} (run sluice ci first): ${missing.map((id) => session.graph.nodes.get(id).name).join(", ")}`);
  await diffModels(session, warehouse, report, environment, options.out);
  const reportPath = writeReportFiles(session.project.targetPath, report).json;
  return { report, reportPath };
}
export {
  dataAwareImpact,
  explainImpact,
  planAgainstProduction,
  runCi,
  runDiff
};
