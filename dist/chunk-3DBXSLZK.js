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

// src/warehouse/warehouse.ts
var WarehouseError = class extends Error {
  constructor(message, sql) {
    super(message);
    this.sql = sql;
    this.name = "WarehouseError";
  }
  sql;
};

// src/errors.ts
var SluiceError = class extends Error {
  file;
  line;
  column;
  hint;
  constructor(message, place = {}) {
    super(message);
    this.name = "SluiceError";
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.hint = place.hint;
  }
  /** "models/a.sql:3:7" or the parts that are known. */
  get where() {
    if (!this.file) return void 0;
    let where = this.file;
    if (this.line !== void 0) where += `:${this.line}`;
    if (this.line !== void 0 && this.column !== void 0) where += `:${this.column}`;
    return where;
  }
  /** The block the CLI prints. */
  format() {
    const lines = [`Error: ${this.message}`];
    if (this.where) lines.push(`  at ${this.where}`);
    if (this.hint) lines.push(`  hint: ${this.hint}`);
    return lines.join("\n");
  }
};
var WarehouseConnectionError = class extends SluiceError {
  constructor(message, place = {}) {
    super(message, place);
    this.name = "WarehouseConnectionError";
  }
};
function closestNames(name, candidates, max = 3) {
  const scored = [];
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.max(2, Math.floor(name.length / 3))) scored.push([distance, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, max).map(([, candidate]) => candidate);
}
function editDistance(a, b) {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
function didYouMean(name, candidates) {
  const close = closestNames(name, candidates);
  return close.length ? `did you mean ${close.map((c) => `'${c}'`).join(" or ")}?` : void 0;
}
var SHOWN_PROBLEMS = 25;
var ProjectErrors = class extends SluiceError {
  constructor(problems) {
    const first = problems[0];
    super(problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more problem${problems.length === 2 ? "" : "s"})`, {
      file: first.file,
      line: first.line,
      column: first.column,
      hint: first.hint
    });
    this.problems = problems;
    this.name = "ProjectErrors";
  }
  problems;
  format() {
    if (this.problems.length === 1) return this.problems[0].format();
    const shown = this.problems.slice(0, SHOWN_PROBLEMS).map((problem) => problem.format());
    const rest = this.problems.length - shown.length;
    return [`${this.problems.length} problems in the project:`, ...shown, ...rest > 0 ? [`… and ${rest} more`] : []].join("\n");
  }
};
var ProblemList = class {
  problems = [];
  attempt(work, fallback) {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof SluiceError)) throw error;
      this.add(error);
      return fallback;
    }
  }
  add(error) {
    if (error instanceof ProjectErrors) this.problems.push(...error.problems);
    else this.problems.push(error);
  }
  throwIfAny() {
    if (this.problems.length) throw new ProjectErrors(this.problems);
  }
};

// src/warehouse/standard-sql.ts
var StandardSqlStatements = class {
  createSchema(database, schema) {
    return `CREATE SCHEMA IF NOT EXISTS ${this.schemaName(database, schema)}`;
  }
  dropSchema(database, schema) {
    return `DROP SCHEMA IF EXISTS ${this.schemaName(database, schema)} CASCADE`;
  }
  snapshotHash(expressions) {
    const parts = expressions.map((expression) => `coalesce(cast(${expression} as ${this.snapshotTextType}), '')`);
    return `md5(${parts.join(" || '|' || ")})`;
  }
  columnList(columns) {
    return columns.map((column) => this.quoteIdentifier(column)).join(", ");
  }
  insertValues(relation, columns, rows) {
    if (rows.length === 0) throw new Error("insertValues needs at least one row");
    const values = rows.map((row) => `(${row.join(", ")})`).join(",\n");
    return `INSERT INTO ${this.relationName(relation)} (${this.columnList(columns)}) VALUES
${values}`;
  }
  insertFrom(target, source, columns) {
    const list = this.columnList(columns);
    return `INSERT INTO ${this.relationName(target)} (${list})
SELECT ${list} FROM ${this.relationName(source)}`;
  }
  // Columns are named rather than `UPDATE SET *`/`INSERT *`: the target may have columns the source
  // lacks (on_schema_change), which `*` would refuse. The aliases are dbt's, which incremental_predicates use.
  merge(target, source, uniqueKey, columns, options = {}) {
    const targetAlias = "DBT_INTERNAL_DEST";
    const sourceAlias = "DBT_INTERNAL_SOURCE";
    const conditions = uniqueKey.length ? uniqueKey.map((key) => `${targetAlias}.${this.quoteIdentifier(key)} = ${sourceAlias}.${this.quoteIdentifier(key)}`) : ["FALSE"];
    const on = [...(options.predicates ?? []).map((predicate) => `(${predicate})`), ...conditions].join(" AND ");
    const keys = new Set(uniqueKey.map((key) => key.toLowerCase()));
    const only = options.updateColumns && new Set(options.updateColumns.map((column) => column.toLowerCase()));
    const excluded = new Set((options.excludeColumns ?? []).map((column) => column.toLowerCase()));
    const updated = columns.filter((column) => !keys.has(column.toLowerCase()) && !excluded.has(column.toLowerCase()) && (!only || only.has(column.toLowerCase())));
    const lines = [`MERGE INTO ${this.relationName(target)} AS ${targetAlias}`, `USING ${this.relationName(source)} AS ${sourceAlias}`, `ON ${on}`];
    if (uniqueKey.length && updated.length) {
      const assignments = updated.map((column) => `${this.quoteIdentifier(column)} = ${sourceAlias}.${this.quoteIdentifier(column)}`);
      lines.push(`WHEN MATCHED THEN UPDATE SET ${assignments.join(", ")}`);
    }
    const sourceValues = columns.map((column) => `${sourceAlias}.${this.quoteIdentifier(column)}`).join(", ");
    lines.push(`WHEN NOT MATCHED THEN INSERT (${this.columnList(columns)}) VALUES (${sourceValues})`);
    return lines.join("\n");
  }
  /**
   * dbt's freshness query (collect_freshness and its loaded_at_query form), with both times turned into
   * microseconds since the epoch by `epochMicros`, so that no driver's reading of time zones is involved.
   * A loaded_at_query is closed on a line of its own: a trailing `-- comment` in it cannot swallow the `)`.
   */
  freshnessSelect(loadedAt, epochMicros, now) {
    const snapshottedAt = `${epochMicros(now)} as snapshotted_at`;
    if ("query" in loadedAt) {
      const query = loadedAt.query.replace(/[\s;]+$/, "");
      return `with source_query as (
${query}
)
select
  ${epochMicros("(select * from source_query)")} as max_loaded_at,
  ${snapshottedAt}`;
    }
    const select = `select
  ${epochMicros(`max(${loadedAt.field})`)} as max_loaded_at,
  ${snapshottedAt}
from ${this.relationName(loadedAt.relation)}`;
    return loadedAt.filter ? `${select}
where ${loadedAt.filter}` : select;
  }
  deleteInsert(target, source, uniqueKey, columns, options = {}) {
    const insert = this.insertFrom(target, source, columns);
    if (!uniqueKey.length) return [insert];
    const keys = this.columnList(uniqueKey);
    const tuple = uniqueKey.length > 1 ? `(${keys})` : keys;
    const predicates = (options.predicates ?? []).map((predicate) => `
  AND (${predicate})`).join("");
    const remove = `DELETE FROM ${this.relationName(target)}
WHERE ${tuple} IN (SELECT ${keys} FROM ${this.relationName(source)})${predicates}`;
    return [remove, insert];
  }
};

export {
  SluiceError,
  WarehouseConnectionError,
  closestNames,
  didYouMean,
  ProblemList,
  StandardSqlStatements,
  WarehouseError
};
