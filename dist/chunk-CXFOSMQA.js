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
  StandardSqlStatements
};
