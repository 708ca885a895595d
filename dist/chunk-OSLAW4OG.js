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

// src/warehouse/databricks/databricks-dialect.ts
var seedColumnTypes = {
  integer: "bigint",
  number: "double",
  date: "date",
  timestamp: "timestamp",
  boolean: "boolean",
  text: "string"
};
var DatabricksDialect = class extends StandardSqlStatements {
  name = "databricks";
  incrementalStrategies = ["merge", "append", "delete+insert"];
  defaultIncrementalStrategy = "merge";
  quoteIdentifier(name) {
    return `\`${name.replaceAll("`", "``")}\``;
  }
  relationName(relation) {
    const parts = relation.database ? [relation.database, relation.schema, relation.identifier] : [relation.schema, relation.identifier];
    return parts.map((part) => this.quoteIdentifier(part)).join(".");
  }
  // Spark reads a backslash inside '…' as an escape, and two quotes in a row as two adjacent literals
  // ('it''s' is "its"): so both the backslash and the quote are escaped with a backslash.
  literal(value) {
    if (value === null) return "NULL";
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : `CAST('${value}' AS DOUBLE)`;
    return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  }
  seedColumnType(type) {
    return seedColumnTypes[type];
  }
  // CREATE OR REPLACE keeps the table's history, grants and identity and replaces it in one commit, so
  // readers never see it missing (and RESTORE can undo it). The select goes on its own line so that a
  // trailing `-- comment` in it cannot swallow what follows.
  createTableAs(relation, selectSql, options = {}) {
    const clauses = [`CREATE OR REPLACE TABLE ${this.relationName(relation)} USING DELTA`];
    if (options.partitionBy?.length) clauses.push(`PARTITIONED BY (${this.columnList(options.partitionBy)})`);
    if (options.clusterBy?.length) clauses.push(`CLUSTER BY (${this.columnList(options.clusterBy)})`);
    if (options.location) clauses.push(`LOCATION ${this.literal(options.location)}`);
    if (options.comment) clauses.push(`COMMENT ${this.literal(options.comment)}`);
    const properties = Object.entries(options.properties ?? {});
    if (properties.length) clauses.push(`TBLPROPERTIES (${properties.map(([key, value]) => `${this.literal(key)} = ${this.literal(value)}`).join(", ")})`);
    return `${clauses.join("\n")}
AS
${selectSql}`;
  }
  createViewAs(relation, selectSql) {
    return `CREATE OR REPLACE VIEW ${this.relationName(relation)} AS
${selectSql}`;
  }
  // Replacing a view drops its privileges; altering its query keeps them, and it never goes missing.
  alterViewAs(relation, selectSql) {
    return `ALTER VIEW ${this.relationName(relation)} AS
${selectSql}`;
  }
  commentOn(relation, _type, comment, column) {
    return column === void 0 ? `COMMENT ON TABLE ${this.relationName(relation)} IS ${this.literal(comment)}` : `COMMENT ON COLUMN ${this.relationName(relation)}.${this.quoteIdentifier(column)} IS ${this.literal(comment)}`;
  }
  // Unity Catalog's securable for tables and views alike is TABLE; principals are backquoted names.
  showGrants(relation) {
    return `SHOW GRANTS ON TABLE ${this.relationName(relation)}`;
  }
  grant(relation, _type, privilege, principal) {
    return `GRANT ${privilegeName(privilege)} ON TABLE ${this.relationName(relation)} TO ${this.quoteIdentifier(principal)}`;
  }
  revoke(relation, _type, privilege, principal) {
    return `REVOKE ${privilegeName(privilege)} ON TABLE ${this.relationName(relation)} FROM ${this.quoteIdentifier(principal)}`;
  }
  createTable(relation, columns) {
    const definitions = columns.map((column) => `${this.quoteIdentifier(column.name)} ${column.type}`);
    return `CREATE OR REPLACE TABLE ${this.relationName(relation)} (${definitions.join(", ")}) USING DELTA`;
  }
  dropRelation(relation, type) {
    return `DROP ${type === "view" ? "VIEW" : "TABLE"} IF EXISTS ${this.relationName(relation)}`;
  }
  // The new name is written in full, in the same catalog and schema: Unity Catalog cannot rename across
  // schemas, and a bare name could be read against the session's current schema.
  renameRelation(from, toIdentifier, type) {
    const to = this.relationName({ ...from, identifier: toIdentifier });
    return `ALTER ${type === "view" ? "VIEW" : "TABLE"} ${this.relationName(from)} RENAME TO ${to}`;
  }
  // One statement: a SQL warehouse runs one statement per request.
  addColumns(relation, columns) {
    const definitions = columns.map((column) => `${this.quoteIdentifier(column.name)} ${column.type}`);
    return `ALTER TABLE ${this.relationName(relation)} ADD COLUMNS (${definitions.join(", ")})`;
  }
  // Delta drops columns only with column mapping on (delta.columnMapping.mode = 'name'), as in dbt-databricks.
  dropColumns(relation, columns) {
    return [`ALTER TABLE ${this.relationName(relation)} DROP COLUMNS (${this.columnList(columns)})`];
  }
  cast(expression, type) {
    return `CAST(${expression} AS ${type})`;
  }
  /**
   * A copy of `source` (optionally as of a Delta version) under `target`, replacing what is there. A
   * shallow clone copies no data files: the way a pull request's incremental model starts from production.
   */
  cloneTable(target, source, options = {}) {
    const version = options.version === void 0 ? "" : ` VERSION AS OF ${integer(options.version)}`;
    return `CREATE OR REPLACE TABLE ${this.relationName(target)} ${options.shallow === false ? "DEEP" : "SHALLOW"} CLONE ${this.relationName(source)}${version}`;
  }
  /** Puts a Delta table back to the rows and schema of an earlier version (rollback). */
  restoreTable(relation, version) {
    return `RESTORE TABLE ${this.relationName(relation)} TO VERSION AS OF ${integer(version)}`;
  }
  // unix_micros takes a TIMESTAMP, an instant; a TIMESTAMP_NTZ is read in the session's time zone (UTC
  // unless the warehouse is set otherwise), which is dbt's reading of a value without a zone.
  freshnessQuery(loadedAt) {
    return this.freshnessSelect(loadedAt, (expression) => `unix_micros(${expression})`, "current_timestamp()");
  }
  snapshotTextType = "STRING";
  // dbt-databricks keeps dbt_is_deleted as a BOOLEAN.
  snapshotDeletedFlag(deleted) {
    return deleted ? "TRUE" : "FALSE";
  }
  /**
   * One MERGE on the scd id, as dbt-databricks writes it: a current version a change closes gets its
   * dbt_valid_to; a new version is inserted unless the table already holds a row with its scd id.
   */
  applySnapshotChanges(target, changeSet) {
    const q = (name) => this.quoteIdentifier(name);
    const [dest, changes] = [q("sluice_target"), q("sluice_changes")];
    const kind = `${changes}.${q(changeSet.changeColumn)}`;
    const list = this.columnList(changeSet.insertColumns);
    const values = changeSet.insertColumns.map((column) => `${changes}.${q(column)}`).join(", ");
    return [
      [
        `MERGE INTO ${this.relationName(target)} AS ${dest}`,
        `USING ${this.relationName(changeSet.changes)} AS ${changes}`,
        `ON ${changes}.${q(changeSet.scdIdColumn)} = ${dest}.${q(changeSet.scdIdColumn)}`,
        `WHEN MATCHED AND ${changeSet.isCurrent(dest)} AND ${kind} IN ('update', 'delete')`,
        `  THEN UPDATE SET ${q(changeSet.validToColumn)} = ${changes}.${q(changeSet.validToColumn)}`,
        `WHEN NOT MATCHED AND ${kind} = 'insert'`,
        `  THEN INSERT (${list}) VALUES (${values})`
      ].join("\n")
    ];
  }
  /** The newest Delta version of a table: one row with a `version` column. */
  latestVersion(relation) {
    return `DESCRIBE HISTORY ${this.relationName(relation)} LIMIT 1`;
  }
  schemaName(database, schema) {
    return database ? `${this.quoteIdentifier(database)}.${this.quoteIdentifier(schema)}` : this.quoteIdentifier(schema);
  }
  /** A shallow clone of an EXTERNAL table: Unity Catalog clones external to external only, so it needs files of its own at `location`. */
  externalClone(target, source, location) {
    return `${this.cloneTable(target, source)} LOCATION ${this.literal(location)}`;
  }
};
function privilegeName(privilege) {
  const name = privilege.trim().toUpperCase().replace(/_/g, " ");
  if (!/^[A-Z]+(?: [A-Z]+)*$/.test(name)) throw new Error(`Not a privilege: ${privilege}`);
  return name;
}
function integer(value) {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a Delta table version: ${value}`);
  return String(value);
}
function isRetrySafe(sql) {
  const words = leadingWords(sql, 8);
  const [first] = words;
  if (first === "WITH" && /\b(?:INSERT|MERGE|DELETE|UPDATE)\b/i.test(sql)) return false;
  if (["SELECT", "WITH", "VALUES", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "SET", "USE", "RESTORE"].includes(first)) return true;
  if (first === "CREATE") return words[1] === "OR" && words[2] === "REPLACE" ? true : hasSequence(words, ["IF", "NOT", "EXISTS"]);
  if (first === "DROP") return hasSequence(words, ["IF", "EXISTS"]);
  return false;
}
function leadingWords(sql, count) {
  const text = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, "");
  return (text.match(/[A-Za-z_]+/g) ?? []).slice(0, count).map((word) => word.toUpperCase());
}
function hasSequence(words, sequence) {
  return words.some((_, index) => sequence.every((word, offset) => words[index + offset] === word));
}

export {
  DatabricksDialect,
  isRetrySafe
};
