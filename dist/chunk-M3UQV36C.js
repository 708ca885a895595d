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
  StandardSqlStatements
} from "./chunk-CXFOSMQA.js";

// src/warehouse/duckdb/duckdb-dialect.ts
var seedColumnTypes = {
  integer: "INTEGER",
  number: "DOUBLE",
  date: "DATE",
  timestamp: "TIMESTAMP",
  boolean: "BOOLEAN",
  text: "VARCHAR"
};
var DuckDBDialect = class extends StandardSqlStatements {
  name = "duckdb";
  incrementalStrategies = ["append", "merge", "delete+insert"];
  defaultIncrementalStrategy = "delete+insert";
  quoteIdentifier(name) {
    return `"${name.replaceAll('"', '""')}"`;
  }
  relationName(relation) {
    const parts = relation.database ? [relation.database, relation.schema, relation.identifier] : [relation.schema, relation.identifier];
    return parts.map((part) => this.quoteIdentifier(part)).join(".");
  }
  literal(value) {
    if (value === null) return "NULL";
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : `CAST('${value}' AS DOUBLE)`;
    return `'${value.replaceAll("'", "''")}'`;
  }
  seedColumnType(type) {
    return seedColumnTypes[type];
  }
  // The select goes on its own line so that a trailing `-- comment` in it cannot swallow what follows.
  createTableAs(relation, selectSql) {
    return `CREATE OR REPLACE TABLE ${this.relationName(relation)} AS
${selectSql}`;
  }
  createViewAs(relation, selectSql) {
    return `CREATE OR REPLACE VIEW ${this.relationName(relation)} AS
${selectSql}`;
  }
  // DuckDB keeps comments on tables, views and columns (dbt-duckdb's persist_docs); it has no grants.
  commentOn(relation, type, comment, column) {
    return column === void 0 ? `COMMENT ON ${type === "view" ? "VIEW" : "TABLE"} ${this.relationName(relation)} IS ${this.literal(comment)}` : `COMMENT ON COLUMN ${this.relationName(relation)}.${this.quoteIdentifier(column)} IS ${this.literal(comment)}`;
  }
  createTable(relation, columns) {
    const definitions = columns.map((column) => `${this.quoteIdentifier(column.name)} ${column.type}`);
    return `CREATE OR REPLACE TABLE ${this.relationName(relation)} (${definitions.join(", ")})`;
  }
  dropRelation(relation, type) {
    return `DROP ${type === "view" ? "VIEW" : "TABLE"} IF EXISTS ${this.relationName(relation)}`;
  }
  renameRelation(from, toIdentifier, type) {
    return `ALTER ${type === "view" ? "VIEW" : "TABLE"} ${this.relationName(from)} RENAME TO ${this.quoteIdentifier(toIdentifier)}`;
  }
  // DuckDB takes one ALTER action per statement; execute() runs the statements in order.
  addColumns(relation, columns) {
    return columns.map((column) => `ALTER TABLE ${this.relationName(relation)} ADD COLUMN ${this.quoteIdentifier(column.name)} ${column.type}`).join(";\n");
  }
  dropColumns(relation, columns) {
    return columns.map((column) => `ALTER TABLE ${this.relationName(relation)} DROP COLUMN ${this.quoteIdentifier(column)}`);
  }
  cast(expression, type) {
    return `CAST(${expression} AS ${type})`;
  }
  schemaName(database, schema) {
    return database ? `${this.quoteIdentifier(database)}.${this.quoteIdentifier(schema)}` : this.quoteIdentifier(schema);
  }
  // epoch_us reads a TIMESTAMP (no zone) as UTC and a TIMESTAMPTZ as the instant it is: dbt's reading,
  // whatever the session's TimeZone.
  freshnessQuery(loadedAt) {
    return this.freshnessSelect(loadedAt, (expression) => `epoch_us(${expression})`, "current_timestamp");
  }
  snapshotTextType = "VARCHAR";
  // dbt's default snapshot macros (which dbt-duckdb keeps) write the flag as text.
  snapshotDeletedFlag(deleted) {
    return deleted ? "'True'" : "'False'";
  }
  // As dbt-duckdb does: close the ended versions, then insert every new one (no check that its scd id is
  // new, unlike a MERGE). Run as one transaction.
  applySnapshotChanges(target, changeSet) {
    const q = (name) => this.quoteIdentifier(name);
    const changes = `${this.relationName(changeSet.changes)} AS ${q("sluice_changes")}`;
    const kind = `${q("sluice_changes")}.${q(changeSet.changeColumn)}`;
    const close = [
      `UPDATE ${this.relationName(target)} AS ${q("sluice_target")}`,
      `SET ${q(changeSet.validToColumn)} = ${q("sluice_changes")}.${q(changeSet.validToColumn)}`,
      `FROM ${changes}`,
      `WHERE ${q("sluice_changes")}.${q(changeSet.scdIdColumn)} = ${q("sluice_target")}.${q(changeSet.scdIdColumn)}`,
      `  AND ${kind} IN ('update', 'delete')`,
      `  AND ${changeSet.isCurrent(q("sluice_target"))}`
    ].join("\n");
    const list = this.columnList(changeSet.insertColumns);
    const values = changeSet.insertColumns.map((column) => `${q("sluice_changes")}.${q(column)}`).join(", ");
    const insert = `INSERT INTO ${this.relationName(target)} (${list})
SELECT ${values}
FROM ${changes}
WHERE ${kind} = 'insert'`;
    return [close, insert];
  }
  // DuckDB has no zero-copy clone: a plain copy.
  cloneTable(target, source) {
    return `CREATE OR REPLACE TABLE ${this.relationName(target)} AS SELECT * FROM ${this.relationName(source)}`;
  }
};

export {
  DuckDBDialect
};
