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
  guardedWarehouse
} from "./chunk-6V3BRGZ5.js";
import {
  DBT_VERSION,
  NOT_A_LITERAL,
  buildOrder,
  cancellationRequested,
  describeFreshness,
  freshnessRuleOf,
  freshnessStatus,
  hasFreshness,
  isActive,
  literalEval,
  nodeDocument,
  snapshotMetaColumns,
  snapshotSettings,
  storedFingerprint,
  useRelations
} from "./chunk-ITBSQU2E.js";
import {
  WarehouseError
} from "./chunk-MMQEHTF6.js";
import {
  NodeIndex,
  primaryKeyFor,
  selectNodes,
  unmatchedMessage
} from "./chunk-H6OTBMW3.js";
import {
  ancestors,
  blankNode,
  descendants,
  severityOf,
  uniqueKeyColumns
} from "./chunk-Z4AALHN7.js";
import {
  parseableSql,
  sqlParserFor
} from "./chunk-JUZGTHLJ.js";
import {
  isRecord
} from "./chunk-TREVE4EE.js";
import {
  codeTokens,
  tokenizeSql
} from "./chunk-DMNIRXCU.js";
import {
  SluiceError,
  didYouMean
} from "./chunk-5FWABYZE.js";

// src/graph/fingerprint.ts
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
var DATA_CONFIG_KEYS = [
  "materialized",
  "unique_key",
  "incremental_strategy",
  "on_schema_change",
  "schema",
  "alias",
  "database",
  "pre-hook",
  "post-hook",
  "column_types",
  "delimiter",
  "quote_columns",
  "partition_by",
  "clustered_by",
  "liquid_clustered_by",
  "cluster_by",
  "buckets",
  "file_format",
  "location_root",
  "tblproperties",
  "sql_header",
  "incremental_predicates",
  "merge_update_columns",
  "merge_exclude_columns",
  // snapshots
  "strategy",
  "updated_at",
  "check_cols",
  "hard_deletes",
  "invalidate_hard_deletes",
  "dbt_valid_to_current",
  "snapshot_meta_column_names",
  "target_schema",
  "target_database"
];
var FINGERPRINTED_TYPES = /* @__PURE__ */ new Set(["model", "seed", "snapshot"]);
function hash(text) {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}
function stableJson(value) {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().filter((key) => value[key] !== void 0).map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
function normalizeSql(sql) {
  let out = "";
  let index = 0;
  let pendingSpace = false;
  const tight = /[,()]/;
  const emit = (text) => {
    if (pendingSpace && out.length && !tight.test(text[0]) && !tight.test(out[out.length - 1])) out += " ";
    pendingSpace = false;
    out += text;
  };
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (char === "-" && next === "-") {
      const end = sql.indexOf("\n", index);
      index = end < 0 ? sql.length : end;
      pendingSpace = true;
    } else if (char === "/" && next === "*") {
      const end = sql.indexOf("*/", index + 2);
      index = end < 0 ? sql.length : end + 2;
      pendingSpace = true;
    } else if (char === "'" || char === '"' || char === "`") {
      let stop = index + 1;
      while (stop < sql.length && sql[stop] !== char) stop += sql[stop] === "\\" && char === "'" ? 2 : 1;
      emit(sql.slice(index, stop + 1));
      index = stop + 1;
    } else if (/\s/.test(char)) {
      pendingSpace = true;
      index++;
    } else {
      emit(char);
      index++;
    }
  }
  return out;
}
function configFingerprint(node) {
  const picked = {};
  for (const key of DATA_CONFIG_KEYS) if (node.config[key] !== void 0 && node.config[key] !== null) picked[key] = node.config[key];
  if (node.version) picked.version = node.version;
  return hash(stableJson(picked));
}
async function fingerprintProject(session, warehouse) {
  const fingerprints = /* @__PURE__ */ new Map();
  const { graph, renderer } = session;
  for (const id of buildOrder(graph)) {
    const node = graph.nodes.get(id);
    if (!FINGERPRINTED_TYPES.has(node.resourceType) && node.resourceType !== "source") continue;
    let source;
    if (node.resourceType === "source") source = `${node.relation.database ?? ""}.${node.relation.schema}.${node.relation.identifier}`;
    else if (node.resourceType === "seed") source = readFileSync(node.absolutePath, "utf8");
    else source = normalizeSql(await renderer.render(node, { warehouse, canonical: true }));
    const sql = hash(source);
    const config = configFingerprint(node);
    const own = hash(`${sql}:${config}`);
    const parents = [...graph.parents.get(id) ?? []].sort().map((parent) => fingerprints.get(parent)?.data ?? parent);
    fingerprints.set(id, { sql, config, own, data: hash([own, ...parents].join("|")) });
  }
  return fingerprints;
}

// src/execute/compile-node.ts
async function compileSql(context, node) {
  if (node.language === "python") return compilePythonModel(context, node);
  const ephemerals = [];
  const sql = await context.renderer.render(node, { ...context.options, onEphemeral: (parent) => ephemerals.push(parent) });
  return injectCtes(sql, await ephemeralCtes(context, ephemerals, /* @__PURE__ */ new Set()));
}
async function ephemeralCtes(context, ephemerals, seen) {
  const ctes = [];
  for (const ephemeral of ephemerals) {
    if (seen.has(ephemeral.uniqueId)) continue;
    seen.add(ephemeral.uniqueId);
    const inner = [];
    const sql = await context.renderer.render(ephemeral, { ...context.options, isIncremental: false, onEphemeral: (parent) => inner.push(parent) });
    ctes.push(...await ephemeralCtes(context, inner, seen));
    ctes.push([`__dbt__cte__${ephemeral.relation.identifier}`, sql.trim()]);
  }
  return ctes;
}
function injectCtes(sql, ctes) {
  if (!ctes.length) return sql;
  const definitions = ctes.map(([name, body]) => `${name} as (
${body}
)`).join(", ");
  const leading = /^(\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*)with(\s+recursive)?\b/i.exec(sql);
  if (leading) {
    const at = leading[0].length;
    return `${sql.slice(0, at)} ${definitions}, ${sql.slice(at).replace(/^\s+/, "")}`;
  }
  return `with ${definitions}
${sql}`;
}
async function compileGenericTest(context, test) {
  const metadata = test.testMetadata;
  const attached = context.nodes.get(test.attachedNode);
  const ephemerals = [];
  const { renderer } = context;
  const options = { ...context.options, onEphemeral: (parent) => ephemerals.push(parent) };
  const kwargs = {};
  for (const [key, value] of Object.entries(metadata.kwargs)) kwargs[key] = await evaluateArgument(renderer, test, value, options);
  const relation = attached.resourceType === "source" ? `source('${attached.sourceName}', '${attached.name}')` : `ref('${attached.name}'${attached.version ? `, v='${attached.version}'` : ""})`;
  const modelRelation = await renderer.evaluateExpression(`get_where_subquery(${relation})`, test, options);
  if (test.columnName !== void 0) kwargs.column_name = test.columnName;
  kwargs.model = modelRelation;
  const result = await renderer.callMacroExecuting(`test_${metadata.name}`, [], kwargs, test, options, metadata.namespace);
  return injectCtes(String(result ?? ""), await ephemeralCtes(context, ephemerals, /* @__PURE__ */ new Set()));
}
var LOOKS_LIKE_CALL = /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s;
async function evaluateArgument(renderer, test, value, options) {
  if (typeof value === "string") {
    if (LOOKS_LIKE_CALL.test(value)) return renderer.evaluateExpression(value.trim(), test, options);
    const text = value.includes("{{") || value.includes("{%") ? await renderer.render(test, options, { key: `argument:${value}`, text: value }) : value;
    const literal = literalEval(text);
    return literal === NOT_A_LITERAL ? text : literal;
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => evaluateArgument(renderer, test, item, options)));
  if (value !== null && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await evaluateArgument(renderer, test, item, options)]));
    return Object.fromEntries(entries);
  }
  return value;
}
function wrapTestSql(test, sql) {
  const config = test.config;
  const failCalc = String(config.fail_calc ?? "count(*)");
  const limit = config.limit === void 0 || config.limit === null ? "" : `
limit ${Number(config.limit)}`;
  const warnIf = String(config.warn_if ?? "!= 0");
  const errorIf = severityOf(config) === "WARN" ? "!= 0" : String(config.error_if ?? "!= 0");
  return [
    "select",
    `  ${failCalc} as failures,`,
    `  ${failCalc} ${warnIf} as should_warn,`,
    `  ${failCalc} ${errorIf} as should_error`,
    "from (",
    `${sql.trim()}${limit}`,
    ") dbt_internal_test"
  ].join("\n");
}
function pythonString(text) {
  return JSON.stringify(text);
}
function pythonValue(value) {
  if (value === null || value === void 0) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonValue).join(", ")}]`;
  if (typeof value === "object") return `{${Object.entries(value).map(([key, item]) => `${pythonString(key)}: ${pythonValue(item)}`).join(", ")}}`;
  return pythonString(String(value));
}
function compilePythonModel(context, node) {
  const { renderer } = context;
  const resolver = renderer.resolver;
  const relationName = (target) => renderer.dialect.relationName(resolver.relationOf(target));
  const refs = node.refs.map((call) => {
    const key = [call.package, call.name].filter(Boolean).join(".") + (call.version ? `.v${call.version}` : "");
    return `${pythonString(key)}: ${pythonString(relationName(resolver.ref(node, call)))}`;
  });
  const sources = node.sources.map(([sourceName, tableName]) => `${pythonString(`${sourceName}.${tableName}`)}: ${pythonString(relationName(resolver.source(node, sourceName, tableName)))}`);
  const self = resolver.relationOf(node);
  return [
    node.rawCode.replace(/\s+$/, ""),
    "",
    "",
    "# The dbt object that model(dbt, session) receives, compiled by Sluice.",
    `_dbt_refs = {${refs.join(", ")}}`,
    `_dbt_sources = {${sources.join(", ")}}`,
    `_dbt_config = ${pythonValue(node.config)}`,
    "",
    "def _dbt_ref_key(*args, **kwargs):",
    "    version = kwargs.get('v') or kwargs.get('version')",
    "    return '.'.join(args) + ('.v' + str(version) if version else '')",
    "",
    "class _DbtConfig:",
    "    def __init__(self, *args, **kwargs):",
    "        pass",
    "    @staticmethod",
    "    def get(key, default=None):",
    "        return _dbt_config.get(key, default)",
    "",
    "class _DbtThis:",
    `    database = ${pythonString(self.database ?? "")}`,
    `    schema = ${pythonString(self.schema)}`,
    `    identifier = ${pythonString(self.identifier)}`,
    "    def __repr__(self):",
    `        return ${pythonString(renderer.dialect.relationName(self))}`,
    "",
    "class dbtObj:",
    "    def __init__(self, load_df_function):",
    "        self.ref = lambda *args, **kwargs: load_df_function(_dbt_refs[_dbt_ref_key(*args, **kwargs)])",
    "        self.source = lambda *args: load_df_function(_dbt_sources['.'.join(args)])",
    "        self.config = _DbtConfig",
    "        self.this = _DbtThis()",
    "        self.is_incremental = False",
    ""
  ].join("\n");
}

// src/execute/relation-config.ts
function configError(node, key, message, hint) {
  return new SluiceError(`Model '${node.name}': ${key} ${message}`, { file: node.originalFilePath, hint });
}
function columnList(node, key) {
  const value = node.config[key];
  if (value === void 0 || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  throw configError(node, key, `must be a column name or a list of column names, got ${JSON.stringify(value)}`, `e.g. ${key}: ['region', 'order_date']`);
}
function stringMap(node, key) {
  const value = node.config[key];
  if (value === void 0 || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw configError(node, key, `must be a mapping, got ${JSON.stringify(value)}`, `e.g. ${key}: {'delta.enableChangeDataFeed': 'true'}`);
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, String(item)]));
}
function wantedGrants(node) {
  const value = node.config.grants;
  const grants = /* @__PURE__ */ new Map();
  if (value === void 0 || value === null) return grants;
  if (typeof value !== "object" || Array.isArray(value)) throw configError(node, "grants", `must be a mapping of privilege to principals, got ${JSON.stringify(value)}`, "e.g. grants: {select: ['analysts']}");
  for (const [privilege, principals] of Object.entries(value)) {
    const list = principals === null || principals === void 0 ? [] : Array.isArray(principals) ? principals : [principals];
    if (!list.every((principal) => typeof principal === "string")) throw configError(node, "grants", `lists principals by name: ${privilege} has ${JSON.stringify(principals)}`, "e.g. grants: {select: ['analysts', 'reporting@example.com']}");
    grants.set(privilege.replace(/^\+/, "").toUpperCase().replace(/_/g, " "), list);
  }
  return grants;
}
function persistDocs(node) {
  const value = node.config.persist_docs;
  if (value === void 0 || value === null) return { relation: false, columns: false };
  if (typeof value !== "object" || Array.isArray(value)) throw configError(node, "persist_docs", `must be a mapping, got ${JSON.stringify(value)}`, "e.g. persist_docs: {relation: true, columns: true}");
  const record = value;
  return { relation: record.relation === true, columns: record.columns === true };
}
function checkRelationConfig(node, dialect) {
  if (node.resourceType !== "model" && node.resourceType !== "seed" && node.resourceType !== "snapshot") return;
  columnList(node, "partition_by");
  columnList(node, "liquid_clustered_by");
  columnList(node, "cluster_by");
  stringMap(node, "tblproperties");
  wantedGrants(node);
  persistDocs(node);
  mergeOptions(node);
  if (dialect.name !== "databricks") return;
  const format = node.config.file_format;
  if (format !== void 0 && format !== null && String(format).toLowerCase() !== "delta") {
    throw configError(node, "file_format", `'${String(format)}' is not supported: Sluice publishes, rolls back and clones Delta tables`, "leave file_format out (Delta is the default) or set file_format: delta");
  }
  if (node.config.sql_header !== void 0 && node.config.sql_header !== null && String(node.config.sql_header).trim()) {
    throw configError(node, "sql_header", "is not supported on Databricks: a SQL warehouse runs one statement per request, so the header could not share the session with the model", "put the statement in a pre_hook, or into the model itself (a CTE or a SQL function)");
  }
  if (columnList(node, "partition_by").length && (columnList(node, "liquid_clustered_by").length || columnList(node, "cluster_by").length)) {
    throw configError(node, "liquid_clustered_by", "cannot be combined with partition_by: Delta tables are either partitioned or liquid-clustered", "keep one of the two");
  }
}
function tableOptions(node, relation, placement) {
  const options = {};
  const partitionBy = columnList(node, "partition_by");
  const clusterBy = [...columnList(node, "liquid_clustered_by"), ...columnList(node, "cluster_by")];
  const properties = stringMap(node, "tblproperties");
  if (partitionBy.length) options.partitionBy = partitionBy;
  if (clusterBy.length) options.clusterBy = clusterBy;
  if (Object.keys(properties).length) options.properties = properties;
  const root = node.config.location_root;
  if (typeof root === "string" && root) {
    const full = placement.inEnvironment || node.config.include_full_name_in_path === true;
    const parts = full ? [relation.database ?? "hive_metastore", relation.schema, relation.identifier] : [relation.identifier];
    options.location = [root.replace(/\/+$/, ""), ...parts].join("/");
  }
  if (persistDocs(node).relation && node.description) options.comment = node.description;
  return options;
}
function mergeOptions(node) {
  const update = columnList(node, "merge_update_columns");
  const exclude = columnList(node, "merge_exclude_columns");
  if (update.length && exclude.length) {
    throw configError(node, "merge_update_columns", "and merge_exclude_columns cannot both be set", "keep the one that names fewer columns");
  }
  const predicates = node.config.incremental_predicates;
  const list = predicates === void 0 || predicates === null ? [] : Array.isArray(predicates) ? predicates : [predicates];
  if (!list.every((predicate) => typeof predicate === "string")) {
    throw configError(node, "incremental_predicates", `must be a list of SQL conditions, got ${JSON.stringify(predicates)}`, 'e.g. incremental_predicates: ["DBT_INTERNAL_DEST.order_date > dateadd(day, -7, current_date)"]');
  }
  const options = {};
  if (update.length) options.updateColumns = update;
  if (exclude.length) options.excludeColumns = exclude;
  if (list.length) options.predicates = list;
  return options;
}
async function afterCreateStatements(warehouse, node, relation, type, placement, options = {}) {
  const { dialect } = warehouse;
  const statements = [];
  const docs = persistDocs(node);
  const commentInCreate = type === "table" && dialect.name === "databricks";
  if (docs.relation && node.description && !commentInCreate && dialect.commentOn) statements.push(dialect.commentOn(relation, type, node.description));
  if (docs.columns && dialect.commentOn) {
    const documented = Object.values(node.columns).filter((column) => column.description);
    if (documented.length) {
      const existing = new Set((await warehouse.getColumns(options.columnsFrom ?? relation) ?? []).map((column) => column.name.toLowerCase()));
      for (const column of documented) if (existing.has(column.name.toLowerCase())) statements.push(dialect.commentOn(relation, type, column.description, column.name));
    }
  }
  const wanted = wantedGrants(node);
  if (!wanted.size || placement.inEnvironment || !dialect.grant || !dialect.showGrants) return statements;
  const current = options.fresh ? /* @__PURE__ */ new Map() : await currentGrants(warehouse, relation, type);
  for (const [privilege, principals] of current) {
    const keep = new Set((wanted.get(privilege) ?? []).map((principal) => principal.toLowerCase()));
    for (const principal of principals) if (!keep.has(principal.toLowerCase())) statements.push(dialect.revoke(relation, type, privilege, principal));
  }
  for (const [privilege, principals] of wanted) {
    const has = new Set([...current.get(privilege) ?? []].map((principal) => principal.toLowerCase()));
    for (const principal of principals) if (!has.has(principal.toLowerCase())) statements.push(dialect.grant(relation, type, privilege, principal));
  }
  return statements;
}
async function currentGrants(warehouse, relation, type) {
  const result = await warehouse.query(warehouse.dialect.showGrants(relation, type));
  const grants = /* @__PURE__ */ new Map();
  for (const row of result.rows) {
    const objectType = String(row.ObjectType ?? row.object_type ?? "").toUpperCase();
    const privilege = String(row.ActionType ?? row.action_type ?? "").toUpperCase();
    if (objectType !== "TABLE" && objectType !== "VIEW") continue;
    if (privilege === "OWN" || !privilege) continue;
    const set = grants.get(privilege) ?? /* @__PURE__ */ new Set();
    set.add(String(row.Principal ?? row.principal));
    grants.set(privilege, set);
  }
  return grants;
}

// node_modules/csv-parse/lib/api/CsvError.js
var CsvError = class _CsvError extends Error {
  constructor(code, message, options, ...contexts) {
    if (Array.isArray(message)) message = message.join(" ").trim();
    super(message);
    if (Error.captureStackTrace !== void 0) {
      Error.captureStackTrace(this, _CsvError);
    }
    this.code = code;
    for (const context of contexts) {
      for (const key in context) {
        const value = context[key];
        this[key] = Buffer.isBuffer(value) ? value.toString(options.encoding) : value == null ? value : JSON.parse(JSON.stringify(value));
      }
    }
  }
};

// node_modules/csv-parse/lib/utils/is_object.js
var is_object = function(obj) {
  return typeof obj === "object" && obj !== null && !Array.isArray(obj);
};

// node_modules/csv-parse/lib/api/normalize_columns_array.js
var normalize_columns_array = function(columns) {
  const normalizedColumns = [];
  for (let i = 0, l = columns.length; i < l; i++) {
    const column = columns[i];
    if (column === void 0 || column === null || column === false) {
      normalizedColumns[i] = { disabled: true };
    } else if (typeof column === "string" || typeof column === "number") {
      normalizedColumns[i] = { name: `${column}` };
    } else if (is_object(column)) {
      if (typeof column.name !== "string") {
        throw new CsvError("CSV_OPTION_COLUMNS_MISSING_NAME", [
          "Option columns missing name:",
          `property "name" is required at position ${i}`,
          "when column is an object literal"
        ]);
      }
      normalizedColumns[i] = column;
    } else {
      throw new CsvError("CSV_INVALID_COLUMN_DEFINITION", [
        "Invalid column definition:",
        "expect a string or a literal object,",
        `got ${JSON.stringify(column)} at position ${i}`
      ]);
    }
  }
  return normalizedColumns;
};

// node_modules/csv-parse/lib/utils/ResizeableBuffer.js
var ResizeableBuffer = class {
  constructor(size = 100) {
    this.size = size;
    this.length = 0;
    this.buf = Buffer.allocUnsafe(size);
  }
  prepend(val) {
    if (Buffer.isBuffer(val)) {
      const length = this.length + val.length;
      if (length >= this.size) {
        this.resize();
        if (length >= this.size) {
          throw Error("INVALID_BUFFER_STATE");
        }
      }
      const buf = this.buf;
      this.buf = Buffer.allocUnsafe(this.size);
      val.copy(this.buf, 0);
      buf.copy(this.buf, val.length);
      this.length += val.length;
    } else {
      const length = this.length++;
      if (length === this.size) {
        this.resize();
      }
      const buf = this.clone();
      this.buf[0] = val;
      buf.copy(this.buf, 1, 0, length);
    }
  }
  append(val) {
    const length = this.length++;
    if (length === this.size) {
      this.resize();
    }
    this.buf[length] = val;
  }
  clone() {
    return Buffer.from(this.buf.slice(0, this.length));
  }
  resize() {
    const length = this.length;
    this.size = this.size * 2;
    const buf = Buffer.allocUnsafe(this.size);
    this.buf.copy(buf, 0, 0, length);
    this.buf = buf;
  }
  toString(encoding) {
    if (encoding) {
      return this.buf.toString(encoding, 0, this.length);
    } else {
      return Uint8Array.prototype.slice.call(this.buf.slice(0, this.length));
    }
  }
  toJSON() {
    return this.toString("utf8");
  }
  reset() {
    this.length = 0;
  }
};
var ResizeableBuffer_default = ResizeableBuffer;

// node_modules/csv-parse/lib/api/init_state.js
var init_state = function(options) {
  const timchars = [
    // Basic Latin
    32,
    // [Space](https://www.fileformat.info/info/unicode/char/0020/index.htm)
    9,
    // [CHARACTER TABULATION (HT)](https://www.fileformat.info/info/unicode/char/0009/index.htm)
    10,
    // [LINE FEED (LF)](https://www.fileformat.info/info/unicode/char/000a/index.htm)
    13,
    // [CARRIAGE RETURN (CR)](https://www.fileformat.info/info/unicode/char/000d/index.htm)
    12,
    // [FORM FEED (FF)](https://www.fileformat.info/info/unicode/char/000c/index.htm)
    11,
    // [LINE TABULATION (VT)](https://www.fileformat.info/info/unicode/char/000b/index.htm)
    // Latin-1 Supplement
    160,
    // [NO-BREAK SPACE (NBSP)](https://www.fileformat.info/info/unicode/char/00a0/index.htm)
    // Ogham
    5760,
    // [OGHAM SPACE MARK](https://www.fileformat.info/info/unicode/char/1680/index.htm)
    // General Punctuation
    8192,
    // [EN QUAD](https://www.fileformat.info/info/unicode/char/2000/index.htm)
    8193,
    // [EM QUAD](https://www.fileformat.info/info/unicode/char/2001/index.htm)
    8194,
    // [EN SPACE](https://www.fileformat.info/info/unicode/char/2002/index.htm)
    8195,
    // [EM SPACE](https://www.fileformat.info/info/unicode/char/2003/index.htm)
    8196,
    // [THREE-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2004/index.htm)
    8197,
    // [FOUR-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2005/index.htm)
    8198,
    // [SIX-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2006/index.htm)
    8199,
    // [FIGURE SPACE](https://www.fileformat.info/info/unicode/char/2007/index.htm)
    8200,
    // [PUNCTUATION SPACE](https://www.fileformat.info/info/unicode/char/2008/index.htm)
    8201,
    // [THIN SPACE](https://www.fileformat.info/info/unicode/char/2009/index.htm)
    8202,
    // [HAIR SPACE](https://www.fileformat.info/info/unicode/char/200a/index.htm)
    8232,
    // [LINE SEPARATOR](https://www.fileformat.info/info/unicode/char/2028/index.htm)
    8233,
    // [PARAGRAPH SEPARATOR](https://www.fileformat.info/info/unicode/char/2029/index.htm)
    8239,
    // [NARROW NO-BREAK SPACE (NNBSP)](https://www.fileformat.info/info/unicode/char/202f/index.htm)
    8287,
    // [MEDIUM MATHEMATICAL SPACE (MMSP)](https://www.fileformat.info/info/unicode/char/205f/index.htm)
    12288,
    // [IDEOGRAPHIC SPACE](https://www.fileformat.info/info/unicode/char/3000/index.htm)
    65279
    // [ZERO WIDTH NO-BREAK SPACE (BOM)](https://www.fileformat.info/info/unicode/char/feff/index.htm)
  ].reduce((acc, codepoint) => {
    const encoded = Buffer.from(
      String.fromCharCode(codepoint),
      options.encoding
    );
    if (codepoint !== 63 && encoded.length === 1 && encoded[0] === 63) {
      return acc;
    }
    acc.push(encoded);
    return acc;
  }, []);
  const timcharFirstBytes = new Uint8Array(256);
  for (const t of timchars) timcharFirstBytes[t[0]] = 1;
  return {
    bomSkipped: false,
    bufBytesStart: 0,
    castField: options.cast_function,
    commenting: false,
    delimiterBufPrevious: void 0,
    delimiterDiscovered: false,
    // Current error encountered by a record
    error: void 0,
    enabled: options.from_line === 1,
    escaping: false,
    escapeIsQuote: Buffer.isBuffer(options.escape) && Buffer.isBuffer(options.quote) && Buffer.compare(options.escape, options.quote) === 0,
    // columns can be `false`, `true`, `Array`
    expectedRecordLength: Array.isArray(options.columns) ? options.columns.length : void 0,
    field: new ResizeableBuffer_default(20),
    firstLineToHeaders: options.cast_first_line_to_header,
    needMoreDataSize: Math.max(
      // Skip if the remaining buffer smaller than comment
      options.comment !== null ? options.comment.length : 0,
      ...options.delimiter ? options.delimiter.map((delimiter) => delimiter.length) : [],
      // Auto discovery of delimiter is limited to 1 character
      options.delimiter_auto ? 1 : 0,
      // Skip if the remaining buffer can be escape sequence
      options.quote !== null ? options.quote.length : 0,
      ...timchars.map((t) => t.length)
    ),
    previousBuf: void 0,
    quoting: false,
    stop: false,
    rawBuffer: new ResizeableBuffer_default(100),
    record: [],
    recordHasError: false,
    record_length: 0,
    recordDelimiterMaxLength: options.record_delimiter.length === 0 ? 0 : Math.max(...options.record_delimiter.map((v) => v.length)),
    trimChars: [
      Buffer.from(" ", options.encoding)[0],
      Buffer.from("	", options.encoding)[0]
    ],
    wasQuoting: false,
    wasRowDelimiter: false,
    timchars,
    timcharFirstBytes
  };
};

// node_modules/csv-parse/lib/utils/underscore.js
var underscore = function(str) {
  return str.replace(/([A-Z])/g, function(_, match) {
    return "_" + match.toLowerCase();
  });
};

// node_modules/csv-parse/lib/api/normalize_options.js
var normalize_options = function(opts) {
  const options = {};
  for (const opt in opts) {
    options[underscore(opt)] = opts[opt];
  }
  if (options.encoding === void 0 || options.encoding === true) {
    options.encoding = "utf8";
  } else if (options.encoding === null || options.encoding === false) {
    options.encoding = null;
  } else if (typeof options.encoding !== "string" && options.encoding !== null) {
    throw new CsvError(
      "CSV_INVALID_OPTION_ENCODING",
      [
        "Invalid option encoding:",
        "encoding must be a string or null to return a buffer,",
        `got ${JSON.stringify(options.encoding)}`
      ],
      options
    );
  }
  if (options.bom === void 0 || options.bom === null || options.bom === false) {
    options.bom = false;
  } else if (options.bom !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_BOM",
      [
        "Invalid option bom:",
        "bom must be true,",
        `got ${JSON.stringify(options.bom)}`
      ],
      options
    );
  }
  options.cast_function = null;
  if (options.cast === void 0 || options.cast === null || options.cast === false || options.cast === "") {
    options.cast = void 0;
  } else if (typeof options.cast === "function") {
    options.cast_function = options.cast;
    options.cast = true;
  } else if (options.cast !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST",
      [
        "Invalid option cast:",
        "cast must be true or a function,",
        `got ${JSON.stringify(options.cast)}`
      ],
      options
    );
  }
  if (options.cast_date === void 0 || options.cast_date === null || options.cast_date === false || options.cast_date === "") {
    options.cast_date = false;
  } else if (options.cast_date === true) {
    options.cast_date = function(value) {
      const date = Date.parse(value);
      return !isNaN(date) ? new Date(date) : value;
    };
  } else if (typeof options.cast_date !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST_DATE",
      [
        "Invalid option cast_date:",
        "cast_date must be true or a function,",
        `got ${JSON.stringify(options.cast_date)}`
      ],
      options
    );
  }
  options.cast_first_line_to_header = void 0;
  if (options.columns === true) {
    options.cast_first_line_to_header = void 0;
  } else if (typeof options.columns === "function") {
    options.cast_first_line_to_header = options.columns;
    options.columns = true;
  } else if (Array.isArray(options.columns)) {
    options.columns = normalize_columns_array(options.columns);
  } else if (options.columns === void 0 || options.columns === null || options.columns === false) {
    options.columns = false;
  } else {
    throw new CsvError(
      "CSV_INVALID_OPTION_COLUMNS",
      [
        "Invalid option columns:",
        "expect an array, a function or true,",
        `got ${JSON.stringify(options.columns)}`
      ],
      options
    );
  }
  if (options.group_columns_by_name === void 0 || options.group_columns_by_name === null || options.group_columns_by_name === false) {
    options.group_columns_by_name = false;
  } else if (options.group_columns_by_name !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "expect an boolean,",
        `got ${JSON.stringify(options.group_columns_by_name)}`
      ],
      options
    );
  } else if (options.columns === false) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "the `columns` mode must be activated."
      ],
      options
    );
  }
  if (options.comment === void 0 || options.comment === null || options.comment === false || options.comment === "") {
    options.comment = null;
  } else {
    if (typeof options.comment === "string") {
      options.comment = Buffer.from(options.comment, options.encoding);
    }
    if (!Buffer.isBuffer(options.comment)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_COMMENT",
        [
          "Invalid option comment:",
          "comment must be a buffer or a string,",
          `got ${JSON.stringify(options.comment)}`
        ],
        options
      );
    }
  }
  if (options.comment_no_infix === void 0 || options.comment_no_infix === null || options.comment_no_infix === false) {
    options.comment_no_infix = false;
  } else if (options.comment_no_infix !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_COMMENT",
      [
        "Invalid option comment_no_infix:",
        "value must be a boolean,",
        `got ${JSON.stringify(options.comment_no_infix)}`
      ],
      options
    );
  }
  if (options.delimiter_auto === void 0 || options.delimiter_auto === null || options.delimiter_auto === false) {
    options.delimiter_auto = false;
  } else if (options.delimiter_auto === true) {
    options.delimiter_auto = {};
  } else if (!is_object(options.delimiter_auto)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_DELIMITER_AUTO",
      [
        "Invalid option delimiter_auto:",
        "delimiter_auto must be a boolean or a configuration object,",
        `got ${JSON.stringify(options.delimiter_auto)}`
      ],
      options
    );
  }
  if (options.delimiter_auto) {
    if (options.delimiter_auto.preferred === void 0)
      options.delimiter_auto.preferred = {
        [",".charCodeAt(0)]: 1.8,
        ["	".charCodeAt(0)]: 1.8,
        [";".charCodeAt(0)]: 1.6,
        [" ".charCodeAt(0)]: 1.6,
        [":".charCodeAt(0)]: 1.5,
        [".".charCodeAt(0)]: 1.4,
        ["/".charCodeAt(0)]: 1.4
      };
    else if (!is_object(options.delimiter_auto.preferred)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "preferred must be an object,",
          `got ${JSON.stringify(options.delimiter_auto.preferred)}`
        ],
        options
      );
    }
    if (options.delimiter_auto.score === void 0)
      options.delimiter_auto.score = (info, options2) => {
        return (info.total - info.std) * (options2.preferred[info.char_code] || 1);
      };
    else if (typeof options.delimiter_auto.score !== "function") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "score must be a function,",
          `got ${JSON.stringify(options.delimiter_auto.score)}`
        ],
        options
      );
    }
    if (options.delimiter_auto.size === void 0)
      options.delimiter_auto.size = 2048;
    else if (typeof options.delimiter_auto.size !== "number") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "size must be a number,",
          `got ${JSON.stringify(options.delimiter_auto.size)}`
        ],
        options
      );
    }
  }
  const delimiter_json = JSON.stringify(options.delimiter);
  if (options.delimiter_auto !== false) {
    options.delimiter = [];
  }
  if (!Array.isArray(options.delimiter)) {
    if (options.delimiter === void 0 || options.delimiter === null || options.delimiter === false) {
      options.delimiter = Buffer.from(",", options.encoding);
    }
    options.delimiter = [options.delimiter];
  }
  options.delimiter = options.delimiter.map(function(delimiter) {
    if (typeof delimiter === "string") {
      delimiter = Buffer.from(delimiter, options.encoding);
    }
    if (!Buffer.isBuffer(delimiter) || delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER",
        [
          "Invalid option delimiter:",
          "delimiter must be a non empty string or buffer or array of string|buffer,",
          `got ${delimiter_json}`
        ],
        options
      );
    }
    return delimiter;
  });
  if (options.escape === void 0 || options.escape === true) {
    options.escape = Buffer.from('"', options.encoding);
  } else if (typeof options.escape === "string") {
    options.escape = Buffer.from(options.escape, options.encoding);
  } else if (options.escape === null || options.escape === false) {
    options.escape = null;
  }
  if (options.escape !== null) {
    if (!Buffer.isBuffer(options.escape)) {
      throw new Error(
        `Invalid Option: escape must be a buffer, a string or a boolean, got ${JSON.stringify(options.escape)}`
      );
    }
  }
  if (options.from === void 0 || options.from === null) {
    options.from = 1;
  } else {
    if (typeof options.from === "string" && /\d+/.test(options.from)) {
      options.from = parseInt(options.from);
    }
    if (Number.isInteger(options.from)) {
      if (options.from < 0) {
        throw new Error(
          `Invalid Option: from must be a positive integer, got ${JSON.stringify(opts.from)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from must be an integer, got ${JSON.stringify(options.from)}`
      );
    }
  }
  if (options.from_line === void 0 || options.from_line === null) {
    options.from_line = 1;
  } else {
    if (typeof options.from_line === "string" && /\d+/.test(options.from_line)) {
      options.from_line = parseInt(options.from_line);
    }
    if (Number.isInteger(options.from_line)) {
      if (options.from_line <= 0) {
        throw new Error(
          `Invalid Option: from_line must be a positive integer greater than 0, got ${JSON.stringify(opts.from_line)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from_line must be an integer, got ${JSON.stringify(opts.from_line)}`
      );
    }
  }
  if (options.ignore_last_delimiters === void 0 || options.ignore_last_delimiters === null) {
    options.ignore_last_delimiters = false;
  } else if (typeof options.ignore_last_delimiters === "number") {
    options.ignore_last_delimiters = Math.floor(options.ignore_last_delimiters);
    if (options.ignore_last_delimiters === 0) {
      options.ignore_last_delimiters = false;
    }
  } else if (typeof options.ignore_last_delimiters !== "boolean") {
    throw new CsvError(
      "CSV_INVALID_OPTION_IGNORE_LAST_DELIMITERS",
      [
        "Invalid option `ignore_last_delimiters`:",
        "the value must be a boolean value or an integer,",
        `got ${JSON.stringify(options.ignore_last_delimiters)}`
      ],
      options
    );
  }
  if (options.ignore_last_delimiters === true && options.columns === false) {
    throw new CsvError(
      "CSV_IGNORE_LAST_DELIMITERS_REQUIRES_COLUMNS",
      [
        "The option `ignore_last_delimiters`",
        "requires the activation of the `columns` option"
      ],
      options
    );
  }
  if (options.info === void 0 || options.info === null || options.info === false) {
    options.info = false;
  } else if (options.info !== true) {
    throw new Error(
      `Invalid Option: info must be true, got ${JSON.stringify(options.info)}`
    );
  }
  if (options.max_record_size === void 0 || options.max_record_size === null || options.max_record_size === false) {
    options.max_record_size = 0;
  } else if (Number.isInteger(options.max_record_size) && options.max_record_size >= 0) {
  } else if (typeof options.max_record_size === "string" && /\d+/.test(options.max_record_size)) {
    options.max_record_size = parseInt(options.max_record_size);
  } else {
    throw new Error(
      `Invalid Option: max_record_size must be a positive integer, got ${JSON.stringify(options.max_record_size)}`
    );
  }
  if (options.objname === void 0 || options.objname === null || options.objname === false) {
    options.objname = void 0;
  } else if (Buffer.isBuffer(options.objname)) {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty buffer`);
    }
    if (options.encoding === null) {
    } else {
      options.objname = options.objname.toString(options.encoding);
    }
  } else if (typeof options.objname === "string") {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty string`);
    }
  } else if (typeof options.objname === "number") {
  } else {
    throw new Error(
      `Invalid Option: objname must be a string or a buffer, got ${options.objname}`
    );
  }
  if (options.objname !== void 0) {
    if (typeof options.objname === "number") {
      if (options.columns !== false) {
        throw Error(
          "Invalid Option: objname index cannot be combined with columns or be defined as a field"
        );
      }
    } else {
      if (options.columns === false) {
        throw Error(
          "Invalid Option: objname field must be combined with columns or be defined as an index"
        );
      }
    }
  }
  if (options.on_record === void 0 || options.on_record === null) {
    options.on_record = void 0;
  } else if (typeof options.on_record !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_ON_RECORD",
      [
        "Invalid option `on_record`:",
        "expect a function,",
        `got ${JSON.stringify(options.on_record)}`
      ],
      options
    );
  }
  if (options.on_skip !== void 0 && options.on_skip !== null && typeof options.on_skip !== "function") {
    throw new Error(
      `Invalid Option: on_skip must be a function, got ${JSON.stringify(options.on_skip)}`
    );
  }
  if (options.quote === null || options.quote === false || options.quote === "") {
    options.quote = null;
  } else {
    if (options.quote === void 0 || options.quote === true) {
      options.quote = Buffer.from('"', options.encoding);
    } else if (typeof options.quote === "string") {
      options.quote = Buffer.from(options.quote, options.encoding);
    }
    if (!Buffer.isBuffer(options.quote)) {
      throw new Error(
        `Invalid Option: quote must be a buffer or a string, got ${JSON.stringify(options.quote)}`
      );
    }
  }
  if (options.raw === void 0 || options.raw === null || options.raw === false) {
    options.raw = false;
  } else if (options.raw !== true) {
    throw new Error(
      `Invalid Option: raw must be true, got ${JSON.stringify(options.raw)}`
    );
  }
  if (options.record_delimiter === void 0) {
    options.record_delimiter = [];
  } else if (typeof options.record_delimiter === "string" || Buffer.isBuffer(options.record_delimiter)) {
    if (options.record_delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer,",
          `got ${JSON.stringify(options.record_delimiter)}`
        ],
        options
      );
    }
    options.record_delimiter = [options.record_delimiter];
  } else if (!Array.isArray(options.record_delimiter)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_RECORD_DELIMITER",
      [
        "Invalid option `record_delimiter`:",
        "value must be a string, a buffer or array of string|buffer,",
        `got ${JSON.stringify(options.record_delimiter)}`
      ],
      options
    );
  }
  options.record_delimiter = options.record_delimiter.map(function(rd, i) {
    if (typeof rd !== "string" && !Buffer.isBuffer(rd)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a string, a buffer or array of string|buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`
        ],
        options
      );
    } else if (rd.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`
        ],
        options
      );
    }
    if (typeof rd === "string") {
      rd = Buffer.from(rd, options.encoding);
    }
    return rd;
  });
  if (typeof options.relax_column_count === "boolean") {
  } else if (options.relax_column_count === void 0 || options.relax_column_count === null) {
    options.relax_column_count = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count must be a boolean, got ${JSON.stringify(options.relax_column_count)}`
    );
  }
  if (typeof options.relax_column_count_less === "boolean") {
  } else if (options.relax_column_count_less === void 0 || options.relax_column_count_less === null) {
    options.relax_column_count_less = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_less must be a boolean, got ${JSON.stringify(options.relax_column_count_less)}`
    );
  }
  if (typeof options.relax_column_count_more === "boolean") {
  } else if (options.relax_column_count_more === void 0 || options.relax_column_count_more === null) {
    options.relax_column_count_more = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_more must be a boolean, got ${JSON.stringify(options.relax_column_count_more)}`
    );
  }
  if (typeof options.relax_quotes === "boolean") {
  } else if (options.relax_quotes === void 0 || options.relax_quotes === null) {
    options.relax_quotes = false;
  } else {
    throw new Error(
      `Invalid Option: relax_quotes must be a boolean, got ${JSON.stringify(options.relax_quotes)}`
    );
  }
  if (typeof options.skip_empty_lines === "boolean") {
  } else if (options.skip_empty_lines === void 0 || options.skip_empty_lines === null) {
    options.skip_empty_lines = false;
  } else {
    throw new Error(
      `Invalid Option: skip_empty_lines must be a boolean, got ${JSON.stringify(options.skip_empty_lines)}`
    );
  }
  if (typeof options.skip_records_with_empty_values === "boolean") {
  } else if (options.skip_records_with_empty_values === void 0 || options.skip_records_with_empty_values === null) {
    options.skip_records_with_empty_values = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_empty_values must be a boolean, got ${JSON.stringify(options.skip_records_with_empty_values)}`
    );
  }
  if (typeof options.skip_records_with_error === "boolean") {
  } else if (options.skip_records_with_error === void 0 || options.skip_records_with_error === null) {
    options.skip_records_with_error = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_error must be a boolean, got ${JSON.stringify(options.skip_records_with_error)}`
    );
  }
  if (options.rtrim === void 0 || options.rtrim === null || options.rtrim === false) {
    options.rtrim = false;
  } else if (options.rtrim !== true) {
    throw new Error(
      `Invalid Option: rtrim must be a boolean, got ${JSON.stringify(options.rtrim)}`
    );
  }
  if (options.ltrim === void 0 || options.ltrim === null || options.ltrim === false) {
    options.ltrim = false;
  } else if (options.ltrim !== true) {
    throw new Error(
      `Invalid Option: ltrim must be a boolean, got ${JSON.stringify(options.ltrim)}`
    );
  }
  if (options.trim === void 0 || options.trim === null || options.trim === false) {
    options.trim = false;
  } else if (options.trim !== true) {
    throw new Error(
      `Invalid Option: trim must be a boolean, got ${JSON.stringify(options.trim)}`
    );
  }
  if (options.trim === true && opts.ltrim !== false) {
    options.ltrim = true;
  } else if (options.ltrim !== true) {
    options.ltrim = false;
  }
  if (options.trim === true && opts.rtrim !== false) {
    options.rtrim = true;
  } else if (options.rtrim !== true) {
    options.rtrim = false;
  }
  if (options.to === void 0 || options.to === null) {
    options.to = -1;
  } else if (options.to !== -1) {
    if (typeof options.to === "string" && /\d+/.test(options.to)) {
      options.to = parseInt(options.to);
    }
    if (Number.isInteger(options.to)) {
      if (options.to <= 0) {
        throw new Error(
          `Invalid Option: to must be a positive integer greater than 0, got ${JSON.stringify(opts.to)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to must be an integer, got ${JSON.stringify(opts.to)}`
      );
    }
  }
  if (options.to_line === void 0 || options.to_line === null) {
    options.to_line = -1;
  } else if (options.to_line !== -1) {
    if (typeof options.to_line === "string" && /\d+/.test(options.to_line)) {
      options.to_line = parseInt(options.to_line);
    }
    if (Number.isInteger(options.to_line)) {
      if (options.to_line <= 0) {
        throw new Error(
          `Invalid Option: to_line must be a positive integer greater than 0, got ${JSON.stringify(opts.to_line)}`
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to_line must be an integer, got ${JSON.stringify(opts.to_line)}`
      );
    }
  }
  return options;
};

// node_modules/csv-parse/lib/utils/delimiter_discover.js
var delimiter_discover = function(records, options) {
  if (!options) {
    ({ delimiter_auto: options } = normalize_options({ delimiter_auto: true }));
  }
  if (typeof records === "string") {
    records = Buffer.from(records);
  }
  if (Buffer.isBuffer(records)) {
    records = ((data) => {
      const records2 = [];
      const parser = transform({ delimiter: [] });
      const push = (record) => records2.push(record);
      const close = () => {
      };
      const error = parser.parse(data, true, push, close);
      if (error !== void 0) throw error;
      return records2;
    })(records);
  }
  const info = Array(127).fill().map(() => ({ lines: [] }));
  records.map(([record], line) => {
    for (let i = 0, l = record.length; i < l; i++) {
      const code = record.charCodeAt(i);
      if (info[code].lines[line] === void 0) info[code].lines[line] = 0;
      info[code].lines[line]++;
    }
  });
  info.map((info2, i) => {
    info2.char_code = i;
    info2.std = std(info2.lines);
    info2.total = info2.lines.reduce((acc, val) => acc + val, 0);
    info2.preferred = !!options.preferred[i];
    info2.score = options.score(info2, options);
  });
  const result = info.reduce(
    (acc, info2) => acc.score > info2.score ? acc : info2,
    {}
  );
  return String.fromCharCode(result.char_code);
};
var std = function(array) {
  const n = array.length;
  if (n === 0) return 0;
  const mean = array.reduce((a, b) => a + b) / n;
  return Math.sqrt(
    array.map((x) => Math.pow(x - mean, 2)).reduce((a, b) => a + b) / n
  );
};

// node_modules/csv-parse/lib/api/index.js
var isRecordEmpty = function(record) {
  return record.every(
    (field) => field == null || field.toString && field.toString().trim() === ""
  );
};
var cr = 13;
var nl = 10;
var boms = {
  // Note, the following are equals:
  // Buffer.from("\ufeff")
  // Buffer.from([239, 187, 191])
  // Buffer.from('EFBBBF', 'hex')
  utf8: Buffer.from([239, 187, 191]),
  // Note, the following are equals:
  // Buffer.from "\ufeff", 'utf16le
  // Buffer.from([255, 254])
  utf16le: Buffer.from([255, 254])
};
var transform = function(original_options = {}) {
  const info = {
    bytes: 0,
    bytes_records: 0,
    comment_lines: 0,
    empty_lines: 0,
    invalid_field_length: 0,
    lines: 1,
    records: 0
  };
  const options = normalize_options(original_options);
  return {
    info,
    original_options,
    options,
    state: init_state(options),
    __needMoreData: function(i, bufLen, end) {
      if (end) return false;
      const { encoding, escape, quote } = this.options;
      const { quoting, needMoreDataSize, recordDelimiterMaxLength } = this.state;
      const numOfCharLeft = bufLen - i - 1;
      const requiredLength = Math.max(
        needMoreDataSize,
        // Skip if the remaining buffer smaller than record delimiter
        // If "record_delimiter" is yet to be discovered:
        // 1. It is equals to `[]` and "recordDelimiterMaxLength" equals `0`
        // 2. We set the length to windows line ending in the current encoding
        // Note, that encoding is known from user or bom discovery at that point
        // recordDelimiterMaxLength,
        recordDelimiterMaxLength === 0 ? Buffer.from("\r\n", encoding).length : recordDelimiterMaxLength,
        // Skip if remaining buffer can be an escaped quote
        quoting ? (escape === null ? 0 : escape.length) + quote.length : 0,
        // Skip if remaining buffer can be record delimiter following the closing quote
        quoting ? quote.length + recordDelimiterMaxLength : 0
      );
      return numOfCharLeft < requiredLength;
    },
    // Central parser implementation
    parse: function(nextBuf, end, push, close) {
      const {
        bom,
        comment_no_infix,
        delimiter_auto,
        encoding,
        from_line,
        ltrim,
        max_record_size,
        raw,
        relax_quotes,
        rtrim,
        skip_empty_lines,
        to,
        to_line
      } = this.options;
      let { comment, escape, quote, record_delimiter } = this.options;
      const {
        bomSkipped,
        delimiterDiscovered,
        delimiterBufPrevious,
        rawBuffer,
        escapeIsQuote
      } = this.state;
      if (!delimiterDiscovered && delimiter_auto) {
        let delimiterBuf;
        if (delimiterBufPrevious === void 0) {
          delimiterBuf = nextBuf;
        } else if (delimiterBufPrevious !== void 0 && nextBuf === void 0) {
          delimiterBuf = delimiterBufPrevious;
        } else {
          delimiterBuf = Buffer.concat([delimiterBufPrevious, nextBuf]);
        }
        nextBuf = void 0;
        if (end || delimiterBuf.length > delimiter_auto.size) {
          this.options.delimiter = [
            Buffer.from(
              delimiter_discover(delimiterBuf, this.options.delimiter_auto)
            )
          ];
          this.state.previousBuf = delimiterBuf;
          this.state.delimiterBufPrevious = void 0;
          this.state.delimiterDiscovered = true;
        } else {
          this.state.delimiterBufPrevious = delimiterBuf;
          return;
        }
      }
      const { previousBuf } = this.state;
      let buf;
      if (previousBuf === void 0) {
        if (nextBuf === void 0) {
          close();
          return;
        } else {
          buf = nextBuf;
        }
      } else if (previousBuf !== void 0 && nextBuf === void 0) {
        buf = previousBuf;
      } else {
        buf = Buffer.concat([previousBuf, nextBuf]);
      }
      if (bomSkipped === false) {
        if (bom === false) {
          this.state.bomSkipped = true;
        } else if (buf.length < 3) {
          if (end === false) {
            this.state.previousBuf = buf;
            return;
          }
        } else {
          for (const encoding2 in boms) {
            if (boms[encoding2].compare(buf, 0, boms[encoding2].length) === 0) {
              const bomLength = boms[encoding2].length;
              this.state.bufBytesStart += bomLength;
              buf = buf.slice(bomLength);
              const options2 = normalize_options({
                ...this.original_options,
                encoding: encoding2
              });
              for (const key in options2) {
                this.options[key] = options2[key];
              }
              ({ comment, escape, quote } = this.options);
              break;
            }
          }
          this.state.bomSkipped = true;
        }
      }
      const bufLen = buf.length;
      let pos;
      for (pos = 0; pos < bufLen; pos++) {
        if (this.__needMoreData(pos, bufLen, end)) {
          break;
        }
        if (this.state.wasRowDelimiter === true) {
          this.info.lines++;
          this.state.wasRowDelimiter = false;
        }
        if (to_line !== -1 && this.info.lines > to_line) {
          this.state.stop = true;
          close();
          return;
        }
        if (this.state.quoting === false && record_delimiter.length === 0) {
          const record_delimiterCount = this.__autoDiscoverRecordDelimiter(
            buf,
            pos
          );
          if (record_delimiterCount) {
            record_delimiter = this.options.record_delimiter;
          }
        }
        const chr = buf[pos];
        if (raw === true) {
          rawBuffer.append(chr);
        }
        if ((chr === cr || chr === nl) && this.state.wasRowDelimiter === false) {
          this.state.wasRowDelimiter = true;
        }
        if (this.state.escaping === true) {
          this.state.escaping = false;
        } else {
          if (escape !== null && this.state.quoting === true && this.__isEscape(buf, pos, chr) && pos + escape.length < bufLen) {
            if (escapeIsQuote) {
              if (this.__isQuote(buf, pos + escape.length)) {
                this.state.escaping = true;
                pos += escape.length - 1;
                continue;
              }
            } else {
              this.state.escaping = true;
              pos += escape.length - 1;
              continue;
            }
          }
          if (this.state.commenting === false && this.__isQuote(buf, pos)) {
            if (this.state.quoting === true) {
              const nextChr = buf[pos + quote.length];
              const isNextChrTrimable = rtrim && this.__isCharTrimable(buf, pos + quote.length);
              const isNextChrComment = comment !== null && this.__compareBytes(comment, buf, pos + quote.length, nextChr);
              const isNextChrDelimiter = this.__isDelimiter(
                buf,
                pos + quote.length,
                nextChr
              );
              const isNextChrRecordDelimiter = record_delimiter.length === 0 ? this.__autoDiscoverRecordDelimiter(buf, pos + quote.length) : this.__isRecordDelimiter(nextChr, buf, pos + quote.length);
              if (escape !== null && this.__isEscape(buf, pos, chr) && this.__isQuote(buf, pos + escape.length)) {
                pos += escape.length - 1;
              } else if (!nextChr || isNextChrDelimiter || isNextChrRecordDelimiter || isNextChrComment || isNextChrTrimable) {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                pos += quote.length - 1;
                continue;
              } else if (relax_quotes === false) {
                const err = this.__error(
                  new CsvError(
                    "CSV_INVALID_CLOSING_QUOTE",
                    [
                      "Invalid Closing Quote:",
                      `got "${String.fromCharCode(nextChr)}"`,
                      `at line ${this.info.lines}`,
                      "instead of delimiter, record delimiter, trimable character",
                      "(if activated) or comment"
                    ],
                    this.options,
                    this.__infoField()
                  )
                );
                if (err !== void 0) return err;
              } else {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                this.state.field.prepend(quote);
                pos += quote.length - 1;
              }
            } else {
              if (this.state.field.length !== 0) {
                if (relax_quotes === false) {
                  const info2 = this.__infoField();
                  const bom2 = Object.keys(boms).map(
                    (b) => boms[b].equals(this.state.field.toString()) ? b : false
                  ).filter(Boolean)[0];
                  const err = this.__error(
                    new CsvError(
                      "INVALID_OPENING_QUOTE",
                      [
                        "Invalid Opening Quote:",
                        `a quote is found on field ${JSON.stringify(info2.column)} at line ${info2.lines}, value is ${JSON.stringify(this.state.field.toString(encoding))}`,
                        bom2 ? `(${bom2} bom)` : void 0
                      ],
                      this.options,
                      info2,
                      {
                        field: this.state.field
                      }
                    )
                  );
                  if (err !== void 0) return err;
                }
              } else {
                this.state.quoting = true;
                pos += quote.length - 1;
                continue;
              }
            }
          }
          if (this.state.quoting === false) {
            const recordDelimiterLength = this.__isRecordDelimiter(
              chr,
              buf,
              pos
            );
            if (recordDelimiterLength !== 0) {
              const skipCommentLine = this.state.commenting && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0;
              if (skipCommentLine) {
                this.info.comment_lines++;
              } else {
                if (this.state.enabled === false && this.info.lines + (this.state.wasRowDelimiter === true ? 1 : 0) >= from_line) {
                  this.state.enabled = true;
                  this.__resetField();
                  this.__resetRecord();
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                if (skip_empty_lines === true && this.state.wasQuoting === false && this.state.record.length === 0 && this.state.field.length === 0) {
                  this.info.empty_lines++;
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                this.info.bytes = this.state.bufBytesStart + pos;
                const errField = this.__onField();
                if (errField !== void 0) return errField;
                this.info.bytes = this.state.bufBytesStart + pos + recordDelimiterLength;
                const errRecord = this.__onRecord(push);
                if (errRecord !== void 0) return errRecord;
                if (to !== -1 && this.info.records >= to) {
                  this.state.stop = true;
                  close();
                  return;
                }
              }
              this.state.commenting = false;
              pos += recordDelimiterLength - 1;
              continue;
            }
            if (this.state.commenting) {
              continue;
            }
            if (comment !== null && (comment_no_infix === false || this.state.record.length === 0 && this.state.field.length === 0)) {
              const commentCount = this.__compareBytes(comment, buf, pos, chr);
              if (commentCount !== 0) {
                this.state.commenting = true;
                continue;
              }
            }
            const delimiterLength = this.__isDelimiter(buf, pos, chr);
            if (delimiterLength !== 0) {
              this.info.bytes = this.state.bufBytesStart + pos;
              const errField = this.__onField();
              if (errField !== void 0) return errField;
              pos += delimiterLength - 1;
              continue;
            }
          }
        }
        if (this.state.commenting === false) {
          if (max_record_size !== 0 && this.state.record_length + this.state.field.length > max_record_size) {
            return this.__error(
              new CsvError(
                "CSV_MAX_RECORD_SIZE",
                [
                  "Max Record Size:",
                  "record exceed the maximum number of tolerated bytes",
                  `of ${max_record_size}`,
                  `at line ${this.info.lines}`
                ],
                this.options,
                this.__infoField()
              )
            );
          }
        }
        const lappend = ltrim === false || this.state.quoting === true || this.state.field.length !== 0 || !this.__isCharTrimable(buf, pos);
        const rappend = rtrim === false || this.state.wasQuoting === false;
        if (lappend === true && rappend === true) {
          this.state.field.append(chr);
        } else if (rtrim === true && !this.__isCharTrimable(buf, pos)) {
          return this.__error(
            new CsvError(
              "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE",
              [
                "Invalid Closing Quote:",
                "found non trimable byte after quote",
                `at line ${this.info.lines}`
              ],
              this.options,
              this.__infoField()
            )
          );
        } else {
          if (lappend === false) {
            pos += this.__isCharTrimable(buf, pos) - 1;
          }
          continue;
        }
      }
      if (end === true) {
        if (this.state.quoting === true) {
          const err = this.__error(
            new CsvError(
              "CSV_QUOTE_NOT_CLOSED",
              [
                "Quote Not Closed:",
                `the parsing is finished with an opening quote at line ${this.info.lines}`
              ],
              this.options,
              this.__infoField()
            )
          );
          if (err !== void 0) return err;
        } else {
          if (this.state.wasQuoting === true || this.state.record.length !== 0 || this.state.field.length !== 0) {
            this.info.bytes = this.state.bufBytesStart + pos;
            const errField = this.__onField();
            if (errField !== void 0) return errField;
            const errRecord = this.__onRecord(push);
            if (errRecord !== void 0) return errRecord;
          } else if (this.state.wasRowDelimiter === true) {
            this.info.empty_lines++;
          } else if (this.state.commenting === true) {
            this.info.comment_lines++;
          }
        }
      } else {
        this.state.bufBytesStart += pos;
        this.state.previousBuf = buf.slice(pos);
      }
      if (this.state.wasRowDelimiter === true) {
        this.info.lines++;
        this.state.wasRowDelimiter = false;
      }
    },
    __onRecord: function(push) {
      const {
        columns,
        group_columns_by_name,
        encoding,
        info: info2,
        from,
        relax_column_count,
        relax_column_count_less,
        relax_column_count_more,
        raw,
        skip_records_with_empty_values
      } = this.options;
      const { enabled, record } = this.state;
      if (enabled === false) {
        return this.__resetRecord();
      }
      const recordLength = record.length;
      if (columns === true) {
        if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
          this.__resetRecord();
          return;
        }
        return this.__firstLineToColumns(record);
      }
      if (columns === false && this.info.records === 0) {
        this.state.expectedRecordLength = recordLength;
      }
      if (recordLength !== this.state.expectedRecordLength) {
        const err = columns === false ? new CsvError(
          "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH",
          [
            "Invalid Record Length:",
            `expect ${this.state.expectedRecordLength},`,
            `got ${recordLength} on line ${this.info.lines}`
          ],
          this.options,
          this.__infoField(),
          {
            record
          }
        ) : new CsvError(
          "CSV_RECORD_INCONSISTENT_COLUMNS",
          [
            "Invalid Record Length:",
            `columns length is ${columns.length},`,
            // rename columns
            `got ${recordLength} on line ${this.info.lines}`
          ],
          this.options,
          this.__infoField(),
          {
            record
          }
        );
        if (relax_column_count === true || relax_column_count_less === true && recordLength < this.state.expectedRecordLength || relax_column_count_more === true && recordLength > this.state.expectedRecordLength) {
          this.info.invalid_field_length++;
          this.state.error = err;
        } else {
          const finalErr = this.__error(err);
          if (finalErr) return finalErr;
        }
      }
      if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
        this.__resetRecord();
        return;
      }
      if (this.state.recordHasError === true) {
        this.__resetRecord();
        this.state.recordHasError = false;
        return;
      }
      this.info.records++;
      if (from === 1 || this.info.records >= from) {
        const { objname } = this.options;
        if (columns !== false) {
          const obj = {};
          for (let i = 0, l = record.length; i < l; i++) {
            if (columns[i] === void 0 || columns[i].disabled) continue;
            if (group_columns_by_name === true && Object.hasOwn(obj, columns[i].name)) {
              if (Array.isArray(obj[columns[i].name])) {
                obj[columns[i].name] = obj[columns[i].name].concat(record[i]);
              } else {
                obj[columns[i].name] = [obj[columns[i].name], record[i]];
              }
            } else {
              Object.defineProperty(obj, columns[i].name, {
                value: record[i],
                enumerable: true,
                writable: true,
                configurable: true
              });
            }
          }
          if (raw === true || info2 === true) {
            const extRecord = Object.assign(
              { record: obj },
              raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
              info2 === true ? { info: this.__infoRecord() } : {}
            );
            const err = this.__push(
              objname === void 0 ? extRecord : [obj[objname], extRecord],
              push
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === void 0 ? obj : [obj[objname], obj],
              push
            );
            if (err) {
              return err;
            }
          }
        } else {
          if (raw === true || info2 === true) {
            const extRecord = Object.assign(
              { record },
              raw === true ? { raw: this.state.rawBuffer.toString(encoding) } : {},
              info2 === true ? { info: this.__infoRecord() } : {}
            );
            const err = this.__push(
              objname === void 0 ? extRecord : [record[objname], extRecord],
              push
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === void 0 ? record : [record[objname], record],
              push
            );
            if (err) {
              return err;
            }
          }
        }
      }
      this.__resetRecord();
    },
    __firstLineToColumns: function(record) {
      const { firstLineToHeaders } = this.state;
      try {
        const headers = firstLineToHeaders === void 0 ? record : firstLineToHeaders.call(null, record);
        if (!Array.isArray(headers)) {
          return this.__error(
            new CsvError(
              "CSV_INVALID_COLUMN_MAPPING",
              [
                "Invalid Column Mapping:",
                "expect an array from column function,",
                `got ${JSON.stringify(headers)}`
              ],
              this.options,
              this.__infoField(),
              {
                headers
              }
            )
          );
        }
        const normalizedHeaders = normalize_columns_array(headers);
        this.state.expectedRecordLength = normalizedHeaders.length;
        this.options.columns = normalizedHeaders;
        this.__resetRecord();
        return;
      } catch (err) {
        return err;
      }
    },
    __resetRecord: function() {
      if (this.options.raw === true) {
        this.state.rawBuffer.reset();
      }
      this.state.error = void 0;
      this.state.record = [];
      this.state.record_length = 0;
    },
    __onField: function() {
      const { cast, encoding, rtrim, max_record_size } = this.options;
      const { enabled, wasQuoting } = this.state;
      if (enabled === false) {
        return this.__resetField();
      }
      let field = this.state.field.toString(encoding);
      if (rtrim === true && wasQuoting === false) {
        field = field.trimRight();
      }
      if (cast === true) {
        const [err, f] = this.__cast(field);
        if (err !== void 0) return err;
        field = f;
      }
      this.state.record.push(field);
      if (max_record_size !== 0 && typeof field === "string") {
        this.state.record_length += field.length;
      }
      this.__resetField();
    },
    __resetField: function() {
      this.state.field.reset();
      this.state.wasQuoting = false;
    },
    __push: function(record, push) {
      const { on_record } = this.options;
      if (on_record !== void 0) {
        const info2 = this.__infoRecord();
        try {
          record = on_record.call(null, record, info2);
        } catch (err) {
          return err;
        }
        if (record === void 0 || record === null) {
          return;
        }
      }
      this.info.bytes_records += this.info.bytes;
      push(record);
    },
    // Return a tuple with the error and the casted value
    __cast: function(field) {
      const { columns, relax_column_count } = this.options;
      const isColumns = Array.isArray(columns);
      if (isColumns === true && relax_column_count && this.options.columns.length <= this.state.record.length) {
        return [void 0, void 0];
      }
      if (this.state.castField !== null) {
        try {
          const info2 = this.__infoField();
          return [void 0, this.state.castField.call(null, field, info2)];
        } catch (err) {
          return [err];
        }
      }
      if (this.__isFloat(field)) {
        return [void 0, parseFloat(field)];
      } else if (this.options.cast_date !== false) {
        const info2 = this.__infoField();
        return [void 0, this.options.cast_date.call(null, field, info2)];
      }
      return [void 0, field];
    },
    __compareBytes: function(sourceBuf, targetBuf, targetPos, firstByte) {
      if (sourceBuf[0] !== firstByte) return 0;
      const sourceLength = sourceBuf.length;
      for (let i = 1; i < sourceLength; i++) {
        if (sourceBuf[i] !== targetBuf[targetPos + i]) return 0;
      }
      return sourceLength;
    },
    // Helper to test if a character is trimable
    __isCharTrimable: function(buf, pos) {
      const { timchars, timcharFirstBytes } = this.state;
      const first = buf[pos];
      if (first === void 0 || timcharFirstBytes[first] === 0) return 0;
      loop1: for (let i = 0; i < timchars.length; i++) {
        const timchar = timchars[i];
        for (let j = 0; j < timchar.length; j++) {
          if (timchar[j] !== buf[pos + j]) continue loop1;
        }
        return timchar.length;
      }
      return 0;
    },
    __isDelimiter: function(buf, pos, chr) {
      const { delimiter, ignore_last_delimiters } = this.options;
      if (ignore_last_delimiters === true && this.state.record.length === this.options.columns.length - 1) {
        return 0;
      } else if (ignore_last_delimiters !== false && typeof ignore_last_delimiters === "number" && this.state.record.length === ignore_last_delimiters - 1) {
        return 0;
      }
      loop1: for (let i = 0; i < delimiter.length; i++) {
        const del = delimiter[i];
        if (del[0] === chr) {
          for (let j = 1; j < del.length; j++) {
            if (del[j] !== buf[pos + j]) continue loop1;
          }
          return del.length;
        }
      }
      return 0;
    },
    __isEscape: function(buf, pos, chr) {
      const { escape } = this.options;
      if (escape === null) return false;
      const l = escape.length;
      if (escape[0] === chr) {
        for (let i = 0; i < l; i++) {
          if (escape[i] !== buf[pos + i]) {
            return false;
          }
        }
        return true;
      }
      return false;
    },
    __isFloat: function(value) {
      return value - parseFloat(value) + 1 >= 0;
    },
    // Keep it in case we implement the `cast_int` option
    // __isInt(value){
    //   // return Number.isInteger(parseInt(value))
    //   // return !isNaN( parseInt( obj ) );
    //   return /^(\-|\+)?[1-9][0-9]*$/.test(value)
    // }
    __isQuote: function(buf, pos) {
      const { quote } = this.options;
      if (quote === null) return false;
      const l = quote.length;
      for (let i = 0; i < l; i++) {
        if (quote[i] !== buf[pos + i]) {
          return false;
        }
      }
      return true;
    },
    __isRecordDelimiter: function(chr, buf, pos) {
      const { record_delimiter } = this.options;
      const recordDelimiterLength = record_delimiter.length;
      loop1: for (let i = 0; i < recordDelimiterLength; i++) {
        const rd = record_delimiter[i];
        const rdLength = rd.length;
        if (rd[0] !== chr) {
          continue;
        }
        for (let j = 1; j < rdLength; j++) {
          if (rd[j] !== buf[pos + j]) {
            continue loop1;
          }
        }
        return rd.length;
      }
      return 0;
    },
    __autoDiscoverRecordDelimiter: function(buf, pos) {
      const { encoding } = this.options;
      const rds = [
        // Important, the windows line ending must be before mac os 9
        Buffer.from("\r\n", encoding),
        Buffer.from("\n", encoding),
        Buffer.from("\r", encoding)
      ];
      loop: for (let i = 0; i < rds.length; i++) {
        const l = rds[i].length;
        for (let j = 0; j < l; j++) {
          if (rds[i][j] !== buf[pos + j]) {
            continue loop;
          }
        }
        this.options.record_delimiter.push(rds[i]);
        this.state.recordDelimiterMaxLength = rds[i].length;
        return rds[i].length;
      }
      return 0;
    },
    __error: function(msg) {
      const { encoding, raw, skip_records_with_error } = this.options;
      const err = typeof msg === "string" ? new Error(msg) : msg;
      if (skip_records_with_error) {
        this.state.recordHasError = true;
        if (this.options.on_skip !== void 0) {
          try {
            this.options.on_skip(
              err,
              raw ? this.state.rawBuffer.toString(encoding) : void 0
            );
          } catch (err2) {
            return err2;
          }
        }
        return void 0;
      } else {
        return err;
      }
    },
    __infoDataSet: function() {
      return {
        ...this.info,
        columns: this.options.columns
      };
    },
    __infoRecord: function() {
      const { columns, raw, encoding } = this.options;
      return {
        ...this.__infoDataSet(),
        bytes_records: this.info.bytes,
        error: this.state.error,
        header: columns === true,
        index: this.state.record.length,
        raw: raw ? this.state.rawBuffer.toString(encoding) : void 0
      };
    },
    __infoField: function() {
      const { columns } = this.options;
      const isColumns = Array.isArray(columns);
      const bytes_records = this.info.bytes_records;
      return {
        ...this.__infoRecord(),
        bytes_records,
        column: isColumns === true ? columns.length > this.state.record.length ? columns[this.state.record.length].name : null : this.state.record.length,
        quoting: this.state.wasQuoting
      };
    }
  };
};

// node_modules/csv-parse/lib/sync.js
var parse = function(data, opts = {}) {
  if (typeof data === "string") {
    data = Buffer.from(data);
  }
  const records = opts && opts.objname ? /* @__PURE__ */ Object.create(null) : [];
  const parser = transform(opts);
  const push = (record) => {
    if (parser.options.objname === void 0) records.push(record);
    else {
      records[record[0]] = record[1];
    }
  };
  const close = () => {
  };
  const error = parser.parse(data, true, push, close);
  if (error !== void 0) throw error;
  return records;
};

// src/project/seed-csv.ts
function readSeedCsv(file, text, options = {}) {
  const records = parseRecords(file, text, options.delimiter ?? ",");
  if (!records.length) throw new SluiceError("The seed file is empty: it needs a header row", { file, line: 1, hint: "the first line names the columns, e.g. id,name" });
  const header = records[0];
  checkHeader(file, header);
  const names = header.record;
  const body = records.slice(1);
  for (const { record, info } of body) {
    if (record.length !== names.length) {
      throw new SluiceError(`Expected ${names.length} fields (one per header column) but found ${record.length}`, {
        file,
        line: startLine(record, info),
        hint: 'give the row one value per column; quote values that contain the delimiter, e.g. "Paris, France"'
      });
    }
  }
  const explicitTypes = new Map(Object.entries(options.columnTypes ?? {}).map(([name, type]) => [name.toLowerCase(), type]));
  const columns = [];
  const converters = [];
  names.forEach((name, index) => {
    const values = body.map(({ record }) => record[index]).filter((raw) => !isNull(raw));
    const explicitType = explicitTypes.get(name.toLowerCase());
    if (explicitType) {
      columns.push({ name, type: "text", explicitType });
      converters.push((raw) => raw);
      return;
    }
    const type = inferType(values);
    const column = { name, type };
    if (type === "integer" && values.some((raw) => !fitsInt32(raw))) column.bigint = true;
    columns.push(column);
    converters.push(valueReader[type]);
  });
  const rows = body.map(({ record }) => record.map((raw, index) => isNull(raw) ? null : converters[index](raw)));
  return { columns, rows };
}
function seedColumnSqlType(column, dialect) {
  if (column.explicitType) return column.explicitType;
  if (column.bigint) return "BIGINT";
  return dialect.seedColumnType(column.type);
}
function seedRowsToLiterals(table, dialect) {
  const literals = table.columns.map((column) => literalWriter(column, dialect));
  return table.rows.map((row) => row.map((value, index) => value === null ? "NULL" : literals[index](value)));
}
function literalWriter(column, dialect) {
  if (column.explicitType || column.type === "date" || column.type === "timestamp") {
    const type = seedColumnSqlType(column, dialect);
    return (value) => dialect.cast(dialect.literal(value), type);
  }
  if (column.type === "integer") return (value) => typeof value === "string" ? value : dialect.literal(value);
  return (value) => dialect.literal(value);
}
function parseRecords(file, text, delimiter) {
  try {
    return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true });
  } catch (error) {
    const opened = error.code === "CSV_QUOTE_NOT_CLOSED" ? unclosedQuoteLine(text, delimiter) : void 0;
    if (opened !== void 0) {
      throw new SluiceError(`Invalid CSV: the quoted value that starts on line ${opened} is never closed`, {
        file,
        line: opened,
        hint: 'close the quote on this line ("Paris, France"); a quote inside a quoted value is written twice ("")'
      });
    }
    const line = error.lines;
    throw new SluiceError(`Invalid CSV: ${error.message}`, { file, line, hint: 'check the quotes on this line: a quote inside a quoted value is written twice ("")' });
  }
}
function unclosedQuoteLine(text, delimiter) {
  let line = 1;
  let openedOn;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (openedOn !== void 0) {
      if (char === '"' && text[i + 1] === '"') i++;
      else if (char === '"') {
        openedOn = void 0;
        fieldStart = false;
      } else if (char === "\n") line++;
      continue;
    }
    if (char === '"' && fieldStart) openedOn = line;
    else if (char === "\n") {
      line++;
      fieldStart = true;
    } else if (text.startsWith(delimiter, i)) {
      fieldStart = true;
      i += delimiter.length - 1;
    } else if (char !== "\r" && char !== "\uFEFF") fieldStart = false;
  }
  return openedOn;
}
function checkHeader(file, header) {
  const line = startLine(header.record, header.info);
  const seen = /* @__PURE__ */ new Set();
  header.record.forEach((name, index) => {
    if (!name.trim()) throw new SluiceError(`Header column ${index + 1} has no name`, { file, line, hint: "name every column in the first line" });
    const key = name.toLowerCase();
    if (seen.has(key)) throw new SluiceError(`Duplicate column name '${name}' in the header`, { file, line, hint: "column names must differ (case is ignored)" });
    seen.add(key);
  });
}
function startLine(record, info) {
  const innerNewlines = record.reduce((count, field) => count + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  return info.lines - innerNewlines;
}
function isNull(raw) {
  const trimmed = raw.trim();
  return trimmed === "" || trimmed.toLowerCase() === "null";
}
var INTEGER = /^[+-]?\d+$/;
var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
var TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?Z?$/;
var typeTests = [
  ["integer", (value) => INTEGER.test(value)],
  ["number", (value) => NUMBER.test(value)],
  ["date", (value) => isDate(DATE.exec(value))],
  ["timestamp", (value) => isDate(TIMESTAMP.exec(value))],
  ["boolean", (value) => /^(true|false)$/i.test(value)]
];
function inferType(values) {
  const trimmed = values.map((value) => value.trim());
  for (const [type, accepts] of typeTests) {
    if (trimmed.every(accepts)) return type;
  }
  return "text";
}
function isDate(match) {
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = /* @__PURE__ */ new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
function fitsInt32(raw) {
  const value = BigInt(raw.trim());
  return value >= -2147483648n && value <= 2147483647n;
}
var valueReader = {
  integer: (raw) => {
    const digits = raw.trim().replace(/^\+/, "");
    return Number.isSafeInteger(Number(digits)) ? Number(digits) : digits;
  },
  number: (raw) => Number(raw.trim()),
  date: (raw) => raw.trim(),
  timestamp: (raw) => raw.trim(),
  boolean: (raw) => raw.trim().toLowerCase() === "true",
  text: (raw) => raw
};

// src/execute/materializations.ts
import { readFileSync as readFileSync2 } from "node:fs";
var SEED_BATCH_ROWS = 500;
function ensureSchema(warehouse, relation, created) {
  const key = `${relation.database ?? ""}.${relation.schema}`;
  let creating = created.get(key);
  if (!creating) {
    creating = warehouse.execute(warehouse.dialect.createSchema(relation.database, relation.schema));
    created.set(key, creating);
  }
  return creating;
}
async function replaceType(warehouse, relation, existing, wanted) {
  if (existing && existing !== wanted) await warehouse.execute(warehouse.dialect.dropRelation(relation, existing));
}
async function countRows(warehouse, relation) {
  const result = await warehouse.query(`select count(*) as row_count from ${warehouse.dialect.relationName(relation)}`);
  return Number(result.rows[0]?.row_count ?? 0);
}
function viewStatement(dialect, relation, sql, existing) {
  return existing === "view" && dialect.alterViewAs ? dialect.alterViewAs(relation, sql) : dialect.createViewAs(relation, sql);
}
async function materializeView(warehouse, model) {
  await replaceType(warehouse, model.relation, model.existing, "view");
  await warehouse.execute(viewStatement(warehouse.dialect, model.relation, model.sql, model.existing));
  await applyAfterCreate(warehouse, model, "view");
  return { message: "CREATE VIEW" };
}
async function materializeTable(warehouse, model) {
  const { relation } = model;
  await replaceType(warehouse, relation, model.existing, "table");
  const result = await warehouse.execute(warehouse.dialect.createTableAs(relation, model.sql, tableOptions(model.node, relation, model.placement)));
  await applyAfterCreate(warehouse, model, "table");
  return { message: "CREATE TABLE", rowsAffected: result.rowsAffected ?? await countRows(warehouse, relation) };
}
async function applyAfterCreate(warehouse, model, type) {
  for (const statement of await afterCreateStatements(warehouse, model.node, model.relation, type, model.placement)) await warehouse.execute(statement);
}
function incrementalStrategy(node, warehouse) {
  const { dialect } = warehouse;
  const wanted = String(node.config.incremental_strategy ?? dialect.defaultIncrementalStrategy);
  if (!dialect.incrementalStrategies.includes(wanted)) {
    throw new SluiceError(`incremental_strategy '${wanted}' is not available on ${dialect.name}`, {
      file: node.originalFilePath,
      hint: `use one of: ${dialect.incrementalStrategies.join(", ")}`
    });
  }
  return wanted;
}
async function materializeIncremental(warehouse, model) {
  const { node, relation, sql } = model;
  const { dialect } = warehouse;
  const strategy = incrementalStrategy(node, warehouse);
  const staging = { ...relation, identifier: `${relation.identifier}__dbt_tmp` };
  await warehouse.execute(dialect.createTableAs(staging, sql));
  try {
    const targetColumns = await warehouse.getColumns(relation) ?? [];
    const stagingColumns = await warehouse.getColumns(staging) ?? [];
    const columns = await reconcileColumns(warehouse, node, relation, targetColumns, stagingColumns);
    const keys = uniqueKeyColumns(node.config);
    const options = mergeOptions(node);
    let rowsAffected;
    if (strategy === "merge" && keys.length) {
      rowsAffected = (await warehouse.execute(dialect.merge(relation, staging, keys, columns, options))).rowsAffected;
    } else if (strategy === "delete+insert" && keys.length) {
      for (const statement of dialect.deleteInsert(relation, staging, keys, columns, options)) rowsAffected = (await warehouse.execute(statement)).rowsAffected;
    } else {
      rowsAffected = (await warehouse.execute(dialect.insertFrom(relation, staging, columns))).rowsAffected;
    }
    await applyAfterCreate(warehouse, model, "table");
    return { message: strategy === "merge" && keys.length ? "MERGE" : "INSERT", rowsAffected };
  } finally {
    await warehouse.execute(dialect.dropRelation(staging, "table"));
  }
}
async function reconcileColumns(warehouse, node, relation, target, staged) {
  const mode = String(node.config.on_schema_change ?? "ignore");
  const targetNames = new Set(target.map((column) => column.name.toLowerCase()));
  const stagedNames = new Set(staged.map((column) => column.name.toLowerCase()));
  const added = staged.filter((column) => !targetNames.has(column.name.toLowerCase()));
  const removed = target.filter((column) => !stagedNames.has(column.name.toLowerCase()));
  if (!added.length && !removed.length) return staged.map((column) => column.name);
  if (mode === "fail") {
    throw new SluiceError(`The columns of incremental model '${node.name}' changed (added: ${added.map((c) => c.name).join(", ") || "none"}; removed: ${removed.map((c) => c.name).join(", ") || "none"})`, {
      file: node.originalFilePath,
      hint: "set on_schema_change to 'append_new_columns' or 'sync_all_columns', or run with --full-refresh"
    });
  }
  if (mode === "append_new_columns" || mode === "sync_all_columns") {
    if (added.length) await warehouse.execute(warehouse.dialect.addColumns(relation, added));
    if (mode === "sync_all_columns" && removed.length) {
      for (const statement of warehouse.dialect.dropColumns(relation, removed.map((column) => column.name))) await warehouse.execute(statement);
    }
    return staged.map((column) => column.name);
  }
  return staged.filter((column) => targetNames.has(column.name.toLowerCase())).map((column) => column.name);
}
function readSeed(node) {
  return readSeedCsv(node.originalFilePath, readFileSync2(node.absolutePath, "utf8"), {
    delimiter: node.config.delimiter,
    columnTypes: node.config.column_types
  });
}
async function materializeSeed(warehouse, table, relation, fullRefresh, existing) {
  const { dialect } = warehouse;
  const columns = table.columns.map((column) => ({ name: column.name, type: seedColumnSqlType(column, dialect) }));
  const existingColumns = existing === "table" ? await warehouse.getColumns(relation) : null;
  const sameShape = existingColumns !== null && existingColumns.length === columns.length && existingColumns.every((column, index) => column.name.toLowerCase() === columns[index].name.toLowerCase());
  let message = "INSERT";
  if (!fullRefresh && sameShape) {
    await warehouse.execute(`delete from ${dialect.relationName(relation)}`);
  } else {
    if (existing) await warehouse.execute(dialect.dropRelation(relation, existing));
    await warehouse.execute(dialect.createTable(relation, columns));
    message = "CREATE";
  }
  if (warehouse.insertRows) {
    await warehouse.insertRows(relation, columns, table.rows);
    return { message, rowsAffected: table.rows.length };
  }
  const literals = seedRowsToLiterals(table, dialect);
  const names = columns.map((column) => column.name);
  for (let start = 0; start < literals.length; start += SEED_BATCH_ROWS) {
    await warehouse.execute(dialect.insertValues(relation, names, literals.slice(start, start + SEED_BATCH_ROWS)));
  }
  return { message, rowsAffected: table.rows.length };
}

// src/execute/relation-cache.ts
var RelationCache = class {
  constructor(warehouse) {
    this.warehouse = warehouse;
  }
  warehouse;
  schemas = /* @__PURE__ */ new Map();
  schemaKey(relation) {
    return `${relation.database ?? ""}.${relation.schema}`.toLowerCase();
  }
  listing(relation) {
    const key = this.schemaKey(relation);
    let listing = this.schemas.get(key);
    if (!listing) {
      listing = this.warehouse.listRelations(relation.database, relation.schema).then((relations) => new Map(relations.map((item) => [item.identifier.toLowerCase(), item.type])));
      this.schemas.set(key, listing);
    }
    return listing;
  }
  async type(relation) {
    return (await this.listing(relation)).get(relation.identifier.toLowerCase()) ?? null;
  }
  /** Records what a statement this run sent did to a relation. */
  async set(relation, type) {
    const listing = await this.listing(relation);
    if (type) listing.set(relation.identifier.toLowerCase(), type);
    else listing.delete(relation.identifier.toLowerCase());
  }
};

// src/execute/run-task.ts
import { mkdirSync as mkdirSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { dirname, join as join2 } from "node:path";

// src/execute/run-results.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
function writeRunResults(session, command, results, elapsedSeconds) {
  const path = join(session.project.targetPath, "run_results.json");
  const document = {
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json",
      dbt_version: DBT_VERSION,
      generator: "sluice",
      generated_at: (/* @__PURE__ */ new Date()).toISOString(),
      invocation_id: session.renderer.invocationId,
      env: {}
    },
    // Ephemeral models are compiled into their readers, never run: dbt leaves them out.
    results: results.filter((result) => !isEphemeralModel(result.node)).map((result) => ({
      unique_id: result.uniqueId,
      status: result.status,
      thread_id: "Thread-1",
      timing: [],
      execution_time: result.executionTime,
      adapter_response: result.adapterMessage ? { _message: result.adapterMessage, code: result.adapterMessage, rows_affected: result.rowsAffected ?? null } : {},
      message: result.message,
      failures: result.failures,
      compiled: result.compiledCode !== void 0,
      compiled_code: result.compiledCode ?? null,
      relation_name: result.relationName ?? null,
      batch_results: null
    })),
    elapsed_time: elapsedSeconds,
    args: { which: command }
  };
  mkdirSync(session.project.targetPath, { recursive: true });
  writeFileSync(path, `${JSON.stringify(document, null, 2)}
`);
  return path;
}
function isEphemeralModel(node) {
  return node.resourceType === "model" && node.config.materialized === "ephemeral";
}

// src/execute/scheduler.ts
async function runTasks(tasks, options) {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const waitingOn = /* @__PURE__ */ new Map();
  const dependents = /* @__PURE__ */ new Map();
  for (const task of tasks) {
    const deps = task.dependsOn.filter((dep) => byId.has(dep) && dep !== task.id);
    waitingOn.set(task.id, deps.length);
    for (const dep of deps) {
      const list = dependents.get(dep) ?? [];
      list.push(task.id);
      dependents.set(dep, list);
    }
  }
  const outcomes = /* @__PURE__ */ new Map();
  const skipReasons = /* @__PURE__ */ new Map();
  const ready = tasks.filter((task) => waitingOn.get(task.id) === 0).map((task) => task.id);
  let running = 0;
  let stopped = false;
  return new Promise((resolve, reject) => {
    const finish = (id, outcome) => {
      outcomes.set(id, outcome);
      options.onFinish?.(id, outcome);
      if (options.failFast && (outcome.status === "error" || outcome.status === "fail")) stopped = true;
      for (const child of dependents.get(id) ?? []) {
        if (options.stopsDependents.has(outcome.status) && !skipReasons.has(child)) skipReasons.set(child, null);
        const remaining = waitingOn.get(child) - 1;
        waitingOn.set(child, remaining);
        if (remaining === 0) ready.push(child);
      }
    };
    const pump = () => {
      while (ready.length && (running < options.threads || skipReasons.has(ready[0]) || stopped || options.shouldStop?.())) {
        const id = ready.shift();
        if (options.shouldStop?.()) {
          finish(id, { status: "skipped", message: "Cancelled" });
          continue;
        }
        if (stopped && !outcomes.has(id)) {
          finish(id, { status: "skipped", message: "Skipping due to fail_fast" });
          continue;
        }
        if (skipReasons.has(id)) {
          finish(id, { status: "skipped", message: skipReasons.get(id) ?? null });
          continue;
        }
        running++;
        options.onStart?.(id);
        byId.get(id).run().then(
          (outcome) => {
            running--;
            finish(id, outcome);
            pump();
          },
          (error) => {
            running--;
            finish(id, { status: "error", message: error instanceof Error ? error.message : String(error) });
            pump();
          }
        );
      }
      if (running === 0 && !ready.length) {
        if (outcomes.size < tasks.length) reject(new Error("The task graph has a cycle or a missing dependency"));
        else resolve(outcomes);
      }
    };
    pump();
  });
}

// src/execute/snapshot-sql.ts
var CHANGE_COLUMN = "sluice_change";
var KEY_PREFIX = "sluice_key_";
var UPDATED_AT = "sluice_updated_at";
function updatedAtExpression(context) {
  return context.settings.updatedAt ?? context.now;
}
function currentValidTo(updatedAt, validToCurrent) {
  return `CASE WHEN FALSE THEN ${updatedAt} ELSE ${validToCurrent ?? "NULL"} END`;
}
function firstSnapshotSelect(context) {
  const { dialect, settings } = context;
  const q = (name) => dialect.quoteIdentifier(name);
  const updatedAt = updatedAtExpression(context);
  const meta = [
    `${dialect.snapshotHash([...settings.uniqueKey, updatedAt])} AS ${q(settings.columns.scdId)}`,
    `${updatedAt} AS ${q(settings.columns.updatedAt)}`,
    `${updatedAt} AS ${q(settings.columns.validFrom)}`,
    `${currentValidTo(updatedAt, settings.validToCurrent)} AS ${q(settings.columns.validTo)}`
  ];
  if (settings.hardDeletes === "new_record") meta.push(`${dialect.snapshotDeletedFlag(false)} AS ${q(settings.columns.isDeleted)}`);
  return `SELECT *,
  ${meta.join(",\n  ")}
FROM (
${context.sql}
) AS snapshot_query`;
}
function isCurrentVersion(dialect, settings, alias2) {
  const validTo = `${alias2}.${dialect.quoteIdentifier(settings.columns.validTo)}`;
  return settings.validToCurrent ? `(${validTo} = ${settings.validToCurrent} OR ${validTo} IS NULL)` : `${validTo} IS NULL`;
}
function findColumn(columns, name) {
  return columns.find((column) => column.toLowerCase() === name.toLowerCase());
}
function checkChanged(inputs) {
  const { dialect, settings, sourceColumns, targetColumns } = inputs;
  const wanted = settings.checkCols === "all" ? sourceColumns : settings.checkCols.map((name) => findColumn(sourceColumns, name) ?? name);
  const compared = wanted.filter((column) => findColumn(targetColumns, column) !== void 0);
  if (compared.length < wanted.length || !compared.length) return "TRUE";
  return compared.map((column) => `current_rows.${dialect.quoteIdentifier(column)} IS DISTINCT FROM incoming.${dialect.quoteIdentifier(column)}`).map((test) => `(${test})`).join(" OR ");
}
function snapshotChangesSelect(inputs) {
  const { dialect, settings, sourceColumns, targetColumns } = inputs;
  const q = (name) => dialect.quoteIdentifier(name);
  const { columns } = settings;
  const keys = settings.uniqueKey.map((_, index) => `${KEY_PREFIX}${index + 1}`);
  const keyFields = settings.uniqueKey.map((expression, index) => `${expression} AS ${keys[index]}`).join(", ");
  const keysMatch = keys.map((key) => `current_rows.${key} = incoming.${key}`).join(" AND ");
  const newRecord = settings.hardDeletes === "new_record";
  const tracksDeletes = settings.hardDeletes !== "ignore";
  const deletedFlag = `current_rows.${q(columns.isDeleted)} = ${dialect.snapshotDeletedFlag(true)}`;
  const changed = settings.strategy === "timestamp" ? `current_rows.${q(columns.validFrom)} < incoming.${UPDATED_AT}` : checkChanged(inputs);
  const replaced = newRecord ? `(${changed}) OR ${deletedFlag}` : `(${changed})`;
  const incomingColumns = sourceColumns.map((column) => `incoming.${q(column)}`);
  const nulls = sourceColumns.map((column) => `NULL AS ${q(column)}`);
  const closing = (kind, validTo) => [`'${kind}' AS ${CHANGE_COLUMN}`, ...nulls, `current_rows.${q(columns.scdId)} AS ${q(columns.scdId)}`, `NULL AS ${q(columns.updatedAt)}`, `NULL AS ${q(columns.validFrom)}`, `${validTo} AS ${q(columns.validTo)}`, ...newRecord ? [`NULL AS ${q(columns.isDeleted)}`] : []];
  const updatedAt = `incoming.${UPDATED_AT}`;
  const branches = [];
  branches.push(
    [
      "SELECT",
      `  ${[
        `'insert' AS ${CHANGE_COLUMN}`,
        ...incomingColumns,
        `${dialect.snapshotHash([...keys.map((key) => `incoming.${key}`), updatedAt])} AS ${q(columns.scdId)}`,
        `${updatedAt} AS ${q(columns.updatedAt)}`,
        `${updatedAt} AS ${q(columns.validFrom)}`,
        `${currentValidTo(updatedAt, settings.validToCurrent)} AS ${q(columns.validTo)}`,
        ...newRecord ? [`${dialect.snapshotDeletedFlag(false)} AS ${q(columns.isDeleted)}`] : []
      ].join(",\n  ")}`,
      `FROM incoming LEFT JOIN current_rows ON ${keysMatch}`,
      `WHERE current_rows.${keys[0]} IS NULL OR ${replaced}`
    ].join("\n")
  );
  branches.push(["SELECT", `  ${closing("update", updatedAt).join(",\n  ")}`, `FROM incoming JOIN current_rows ON ${keysMatch}`, `WHERE ${replaced}`].join("\n"));
  if (tracksDeletes) {
    const strictlyCurrent = settings.validToCurrent ? `current_rows.${q(columns.validTo)} = ${settings.validToCurrent}` : `current_rows.${q(columns.validTo)} IS NULL`;
    const missing = `incoming.${keys[0]} IS NULL${newRecord ? ` AND NOT (${deletedFlag} AND ${strictlyCurrent})` : ""}`;
    branches.push(["SELECT", `  ${closing("delete", inputs.now).join(",\n  ")}`, `FROM current_rows LEFT JOIN incoming ON ${keysMatch}`, `WHERE ${missing}`].join("\n"));
    if (newRecord) {
      const lastValues = sourceColumns.map((column) => {
        const held = findColumn(targetColumns, column);
        return held ? `current_rows.${q(held)} AS ${q(column)}` : `NULL AS ${q(column)}`;
      });
      branches.push(
        [
          "SELECT",
          `  ${[
            `'insert' AS ${CHANGE_COLUMN}`,
            ...lastValues,
            `${dialect.snapshotHash([`current_rows.${q(columns.scdId)}`, inputs.now])} AS ${q(columns.scdId)}`,
            `${inputs.now} AS ${q(columns.updatedAt)}`,
            `${inputs.now} AS ${q(columns.validFrom)}`,
            `current_rows.${q(columns.validTo)} AS ${q(columns.validTo)}`,
            `${dialect.snapshotDeletedFlag(true)} AS ${q(columns.isDeleted)}`
          ].join(",\n  ")}`,
          `FROM current_rows LEFT JOIN incoming ON ${keysMatch}`,
          `WHERE ${missing}`
        ].join("\n")
      );
    }
  }
  const ctes = [
    `snapshot_query AS (
${inputs.sql}
)`,
    `incoming AS (
  SELECT *, ${keyFields}, ${updatedAtExpression(inputs)} AS ${UPDATED_AT}
  FROM snapshot_query
)`,
    `current_rows AS (
  SELECT *, ${keyFields}
  FROM ${dialect.relationName(inputs.target)} AS snapshotted
  WHERE ${isCurrentVersion(dialect, settings, "snapshotted")}
)`
  ];
  return `WITH ${ctes.join(",\n")}
${branches.join("\nUNION ALL\n")}`;
}
function changeSet(settings, dialect, changes, insertColumns) {
  return {
    changes,
    changeColumn: CHANGE_COLUMN,
    scdIdColumn: settings.columns.scdId,
    validToColumn: settings.columns.validTo,
    insertColumns,
    isCurrent: (alias2) => isCurrentVersion(dialect, settings, alias2)
  };
}

// src/execute/snapshot.ts
async function materializeSnapshot(warehouse, run) {
  const { dialect } = warehouse;
  const settings = snapshotSettings(run.node);
  const context = { dialect, settings, sql: run.sql, now: run.now };
  if (run.existing === "view") {
    throw new SluiceError(`Snapshot '${run.node.name}' would write ${dialect.relationName(run.relation)}, which is a view`, {
      file: run.node.originalFilePath,
      hint: "a snapshot is a table: drop the view, or point the snapshot elsewhere (target_schema, schema, alias)"
    });
  }
  if (!run.existing) {
    const result = await warehouse.execute(dialect.createTableAs(run.relation, firstSnapshotSelect(context), run.table));
    return { message: "CREATE TABLE", rowsAffected: result.rowsAffected ?? await countRows2(warehouse, run.relation) };
  }
  const targetColumns = (await warehouse.getColumns(run.relation) ?? []).map((column) => column.name);
  assertSnapshotTable(run, settings, targetColumns, dialect.relationName(run.relation));
  const sourceColumns = (await warehouse.query(`SELECT * FROM (
${run.sql}
) AS snapshot_query WHERE 1 = 0`)).columns.map((column) => column.name);
  const staging = { ...run.relation, identifier: `${run.relation.identifier}__dbt_tmp` };
  await warehouse.execute(dialect.createTableAs(staging, snapshotChangesSelect({ ...context, target: run.relation, sourceColumns, targetColumns })));
  try {
    const stagedColumns = await warehouse.getColumns(staging) ?? [];
    const held = new Set(targetColumns.map((column) => column.toLowerCase()));
    const written = stagedColumns.filter((column) => column.name.toLowerCase() !== CHANGE_COLUMN);
    const added = written.filter((column) => !held.has(column.name.toLowerCase()));
    if (added.length) await warehouse.execute(dialect.addColumns(run.relation, added));
    const counts = await warehouse.query(`SELECT ${dialect.quoteIdentifier(CHANGE_COLUMN)} AS change_kind, count(*) AS n FROM ${dialect.relationName(staging)} GROUP BY 1`);
    const statements = dialect.applySnapshotChanges(run.relation, changeSet(settings, dialect, staging, written.map((column) => column.name)));
    if (statements.length > 1 && warehouse.transaction) await warehouse.transaction(statements);
    else for (const statement of statements) await warehouse.execute(statement);
    const changed = counts.rows.reduce((total, row) => total + Number(row.n ?? 0), 0);
    return { message: "SNAPSHOT", rowsAffected: changed };
  } finally {
    await warehouse.execute(dialect.dropRelation(staging, "table"));
  }
}
async function countRows2(warehouse, relation) {
  const result = await warehouse.query(`SELECT count(*) AS row_count FROM ${warehouse.dialect.relationName(relation)}`);
  return Number(result.rows[0]?.row_count ?? 0);
}
function assertSnapshotTable(run, settings, targetColumns, name) {
  const held = new Set(targetColumns.map((column) => column.toLowerCase()));
  const needed = [settings.columns.scdId, settings.columns.validFrom, settings.columns.validTo, ...settings.hardDeletes === "new_record" ? [settings.columns.isDeleted] : []];
  const missing = needed.filter((column) => !held.has(column.toLowerCase()));
  if (!missing.length) return;
  throw new SluiceError(`${name} is not a snapshot table of '${run.node.name}': it has no ${missing.join(", ")} column${missing.length === 1 ? "" : "s"}`, {
    file: run.node.originalFilePath,
    hint: settings.hardDeletes === "new_record" && missing.length === 1 && missing[0] === settings.columns.isDeleted ? `hard_deletes: new_record needs the ${settings.columns.isDeleted} column: add it to the table first (dbt does not), or start a new snapshot table` : "a snapshot writes only to a table it made: point it at another relation, or drop this one"
  });
}

// src/execute/run-hooks.ts
function hookNode(project, packageName, kind, index, sql) {
  return { ...operationNode(project, packageName, `${packageName}-${kind}-${index}`), rawCode: sql, tags: [kind] };
}
function operationNode(project, packageName, name) {
  return blankNode(
    {
      uniqueId: `operation.${packageName}.${name}`,
      resourceType: "operation",
      name,
      packageName,
      path: `hooks/${name}.sql`,
      originalFilePath: "./dbt_project.yml",
      absolutePath: `${project.root}/dbt_project.yml`,
      fqn: [packageName, "hooks", name]
    },
    String(project.profile.target.schema)
  );
}
function projectHooks(project, kind) {
  const packages = project.packages.filter((pkg) => !pkg.internal);
  const ordered = [...packages.filter((pkg) => pkg.name !== project.name).sort((a, b) => a.name.localeCompare(b.name)), ...packages.filter((pkg) => pkg.name === project.name)];
  return ordered.flatMap((pkg) => {
    const raw = pkg.project[kind];
    const list = raw === void 0 || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    const sqls = list.map((hook) => isRecord(hook) ? String(hook.sql ?? "") : String(hook));
    return sqls.map((sql, index) => hookNode(project, pkg.name, kind, index, sql));
  });
}
function runEndContext(session, results) {
  const succeeded = results.filter((result) => ["success", "pass", "warn"].includes(result.status) && ["model", "seed", "snapshot"].includes(result.node.resourceType));
  const pairs = /* @__PURE__ */ new Map();
  for (const result of succeeded) {
    const relation = session.resolver.relationOf(result.node);
    pairs.set(`${relation.database ?? ""}.${relation.schema}`, [relation.database ?? null, relation.schema]);
  }
  return {
    results: results.map((result) => ({
      node: nodeDocument(result.node, { relation: session.resolver.relationOf(result.node), relationName: result.relationName ?? null }),
      status: result.status,
      message: result.message,
      failures: result.failures,
      execution_time: result.executionTime,
      adapter_response: result.adapterMessage ? { _message: result.adapterMessage, rows_affected: result.rowsAffected ?? null } : {},
      thread_id: "Thread-1",
      timing: []
    })),
    schemas: [...new Set([...pairs.values()].map(([, schema]) => schema))],
    database_schemas: [...pairs.values()]
  };
}
async function runProjectHooks(session, options, kind, extras, out) {
  const { warehouse } = options;
  const hooks = projectHooks(session.project, kind);
  const outcomes = [];
  if (!hooks.length) return outcomes;
  out(`Running ${hooks.length} ${kind} hook${hooks.length === 1 ? "" : "s"}`);
  let failed = false;
  for (const [index, hook] of hooks.entries()) {
    const name = `${hook.packageName}.${kind}.${index}`;
    if (failed) {
      outcomes.push({ name, status: "skipped", message: `${name} skipped`, executionTime: 0 });
      out(`  ${index + 1} of ${hooks.length} SKIP  hook ${name}`);
      continue;
    }
    const started = Date.now();
    try {
      const sql = (await session.renderer.renderWith(hook, hook.rawCode, extras, options)).trim();
      if (sql) await warehouse.execute(sql);
      const seconds2 = (Date.now() - started) / 1e3;
      outcomes.push({ name, status: "success", message: `${name} passed`, executionTime: seconds2 });
      out(`  ${index + 1} of ${hooks.length} OK    hook ${name} [OK in ${seconds2.toFixed(2)}s]`);
    } catch (error) {
      failed = true;
      const message = error instanceof WarehouseError || error instanceof Error ? error.message : String(error);
      outcomes.push({ name, status: "error", message: `${name} failed, error:
 ${message}`, executionTime: (Date.now() - started) / 1e3 });
      out(`  ${index + 1} of ${hooks.length} ERROR hook ${name}`);
      for (const line of message.split("\n")) out(`      ${line}`);
    }
  }
  out("");
  return outcomes;
}

// src/execute/unit-tests.ts
function parseInput(test, model, input, refs) {
  const place = { file: test.yamlPlace?.file ?? test.originalFilePath, line: test.yamlPlace?.line };
  if (input === "this") return { key: "this", cte: `__dbt__cte__${model.name}`, node: model };
  const ref = /^ref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?(?:,\s*v(?:ersion)?\s*=\s*['"]?([\w.]+)['"]?\s*)?\)$/.exec(input);
  if (ref) {
    const call = ref[2] ? { package: ref[1], name: ref[2], version: ref[3] } : { name: ref[1], version: ref[3] };
    const node = refs.resolveRef(test, call);
    const key = `ref:${call.package ? `${call.package}.` : ""}${call.name}${call.version ? `.v${call.version}` : ""}`;
    return { key, cte: `__dbt__cte__${node.name}`, node };
  }
  const source = /^source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)$/.exec(input);
  if (source) {
    const node = refs.resolveSource(test, source[1], source[2]);
    return { key: `source:${source[1]}.${source[2]}`, cte: `__dbt__cte__${source[1]}__${source[2]}`, node };
  }
  throw new SluiceError(`Unit test input '${input}' is not ref(...), source(...) or this`, { ...place, hint: "write input: ref('model_name')" });
}
function fixtureSql(warehouse, columns, rows) {
  const { dialect } = warehouse;
  const lookup = (row, name) => {
    const key = Object.keys(row).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    return key === void 0 ? null : row[key];
  };
  const selectRow = (row) => "select " + columns.map((column) => {
    const value = row ? lookup(row, column.name) : null;
    return `${dialect.cast(dialect.literal(toSqlValue(value)), column.type)} as ${dialect.quoteIdentifier(column.name)}`;
  }).join(", ");
  if (!rows.length) return `${selectRow(void 0)} where 1 = 0`;
  return rows.map(selectRow).join("\nunion all\n");
}
function toSqlValue(value) {
  if (value === void 0 || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  return JSON.stringify(value);
}
async function runUnitTest(test, model, warehouse, renderer, refs, relationOf) {
  const definition = test.unitTest;
  const place = { file: test.yamlPlace?.file ?? test.originalFilePath, line: test.yamlPlace?.line };
  const ctes = [];
  const inputs = /* @__PURE__ */ new Map();
  for (const given of definition.given) {
    const parsed = parseInput(test, model, given.input, refs);
    inputs.set(parsed.key, parsed.cte);
    ctes.push([parsed.cte, await inputSql(warehouse, given, parsed, relationOf, place)]);
  }
  const isIncrementalOverride = definition.overrides.macros.is_incremental;
  if (model.config.materialized === "incremental" && isIncrementalOverride === void 0) {
    throw new SluiceError(`Unit test '${test.name}' tests incremental model '${model.name}' without overriding is_incremental`, {
      ...place,
      hint: "add overrides: {macros: {is_incremental: false}} (or true, with a given input for this)"
    });
  }
  const modelSql = await renderer.render(model, {
    warehouse,
    isIncremental: Boolean(isIncrementalOverride),
    unitTest: { inputs, macroOverrides: definition.overrides.macros, varOverrides: definition.overrides.vars, envOverrides: definition.overrides.env_vars }
  });
  const actualSql = injectCtes(modelSql, ctes);
  const { dialect } = warehouse;
  const actualColumns = (await warehouse.query(`select * from (
${actualSql}
) as sluice_actual where 1 = 0`)).columns;
  const expectSql = await expectedSql(warehouse, definition.expect, actualColumns, place);
  const expectedNames = expectSql.columns;
  const missing = expectedNames.filter((name) => !actualColumns.some((column) => column.name.toLowerCase() === name.toLowerCase()));
  if (missing.length) {
    return { status: "fail", failures: 1, message: `The model does not return the expected column(s) ${missing.join(", ")}`, sql: actualSql };
  }
  const list = expectedNames.map((name) => dialect.quoteIdentifier(name)).join(", ");
  const compare = [
    `with sluice_actual as (select ${list} from (
${actualSql}
) as sluice_model),`,
    `sluice_expected as (${expectSql.sql}),`,
    `only_actual as (select ${list} from sluice_actual except all select ${list} from sluice_expected),`,
    `only_expected as (select ${list} from sluice_expected except all select ${list} from sluice_actual)`,
    `select 'actual' as sluice_side, ${list} from only_actual`,
    "union all",
    `select 'expected' as sluice_side, ${list} from only_expected`
  ].join("\n");
  const difference = await warehouse.query(compare);
  if (!difference.rows.length) return { status: "pass", failures: 0, message: null, sql: compare };
  const shown = difference.rows.slice(0, 10).map((row) => `  ${row.sluice_side === "actual" ? "+ actual  " : "- expected"} ${expectedNames.map((name) => `${name}=${formatValue(row[name])}`).join(", ")}`);
  return {
    status: "fail",
    failures: 1,
    message: `actual differs from expected (${difference.rows.length} row${difference.rows.length === 1 ? "" : "s"}):
${shown.join("\n")}`,
    sql: compare
  };
}
function formatValue(value) {
  return value === null || value === void 0 ? "null" : String(value);
}
async function inputSql(warehouse, given, parsed, relationOf, place) {
  if (given.format === "sql") return given.sql ?? "";
  const relation = relationOf(parsed.node);
  const columns = await warehouse.getColumns(relation);
  if (!columns) {
    throw new SluiceError(`Unit test input ${given.input} needs its relation ${warehouse.dialect.relationName(relation)} to exist, for its column types`, {
      ...place,
      hint: "build the parents first (sluice build does), or give the input with format: sql"
    });
  }
  return fixtureSql(warehouse, columns, given.rows ?? []);
}
async function expectedSql(warehouse, expect, actualColumns, place) {
  if (expect.format === "sql") {
    const sql = expect.sql ?? "";
    const columns2 = (await warehouse.query(`select * from (${sql}) as sluice_expected where 1 = 0`)).columns.map((column) => column.name);
    return { sql, columns: columns2 };
  }
  const rows = expect.rows ?? [];
  const names = rows.length ? Object.keys(rows[0]) : actualColumns.map((column) => column.name);
  const columns = names.map((name) => {
    const actual = actualColumns.find((column) => column.name.toLowerCase() === name.toLowerCase());
    return { name: actual?.name ?? name, type: actual?.type ?? "varchar" };
  });
  if (!names.length) throw new SluiceError("A unit test expects no columns", { ...place });
  return { sql: fixtureSql(warehouse, columns, rows), columns: columns.map((column) => column.name) };
}

// src/graph/yaml-selection.ts
function evaluateSelection(spec, graph, options, index = new NodeIndex(graph)) {
  switch (spec.kind) {
    case "criterion":
      return selectNodes(graph, { ...options, select: [spec.text], indirectSelection: spec.indirectSelection ?? options.indirectSelection }, index);
    case "union": {
      const union = /* @__PURE__ */ new Set();
      for (const part of spec.parts) for (const id of evaluateSelection(part, graph, options, index)) union.add(id);
      return union;
    }
    case "intersection": {
      const [first, ...rest] = spec.parts.map((part) => evaluateSelection(part, graph, options, index));
      return new Set([...first ?? []].filter((id) => rest.every((set) => set.has(id))));
    }
    case "difference": {
      const minus = evaluateSelection(spec.minus, graph, options, index);
      return new Set([...evaluateSelection(spec.base, graph, options, index)].filter((id) => !minus.has(id)));
    }
  }
}

// src/execute/selection.ts
var COMMAND_TYPES = {
  seed: ["seed"],
  run: ["model"],
  snapshot: ["snapshot"],
  test: ["test", "unit_test"],
  build: ["seed", "model", "snapshot", "test", "unit_test"],
  compile: ["model", "test", "snapshot", "analysis"]
};
function selectForCommand(session, command, options, resourceTypes) {
  const types = resourceTypes ?? (command === "ls" ? void 0 : COMMAND_TYPES[command]);
  if (options.only) {
    const only = options.only;
    const chosen = [...session.graph.nodes.values()].filter((node) => {
      if (types && !types.includes(node.resourceType)) return false;
      if (only.has(node.uniqueId)) return true;
      if (node.resourceType === "unit_test") return only.has(node.attachedNode);
      if (node.resourceType === "test") return [...session.graph.parents.get(node.uniqueId)].some((parent) => only.has(parent));
      return false;
    });
    return chosen.sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
  }
  const base = { rootProject: session.project.name, stateModified: session.stateModified, stateNew: session.stateNew, indirectSelection: options.indirectSelection };
  const selector = namedSelector(session, options);
  if (selector) {
    const ids2 = evaluateSelection(selector.definition, session.graph, base);
    return [...ids2].sort().map((id) => session.graph.nodes.get(id)).filter((node) => !types || types.includes(node.resourceType));
  }
  const ids = selectNodes(session.graph, {
    ...base,
    select: options.select?.length ? options.select : void 0,
    exclude: options.exclude,
    resourceTypes: types,
    onUnmatched: (unmatched) => {
      if (options.warnError || warnErrorIncludes(options.warnErrorOptions, "NoNodesForSelectionCriteria")) {
        throw new SluiceError(unmatchedMessage(unmatched), { hint: "check the selector for a typo; without --warn-error this is a warning" });
      }
      (options.out ?? ((line) => process.stdout.write(`${line}
`)))(`Warning: ${unmatchedMessage(unmatched)}`);
    }
  });
  return [...ids].sort().map((id) => session.graph.nodes.get(id));
}
function warnErrorIncludes(options, event) {
  if (!options || options.exclude.includes(event)) return false;
  return options.include === "all" || options.include.includes(event);
}
function namedSelector(session, options) {
  const { selectors } = session.project;
  if (options.selector !== void 0) {
    if (options.select?.length || options.exclude?.length) throw new SluiceError("--selector cannot be combined with --select or --exclude", { hint: "put the whole selection in the selector, or use --select alone" });
    const selector = selectors.get(options.selector);
    if (!selector) {
      throw new SluiceError(`No selector named '${options.selector}' in selectors.yml`, {
        file: "selectors.yml",
        hint: didYouMean(options.selector, selectors.keys()) ?? (selectors.size ? `selectors: ${[...selectors.keys()].join(", ")}` : "the project has no selectors.yml")
      });
    }
    return selector;
  }
  if (options.select?.length || options.exclude?.length) return void 0;
  return [...selectors.values()].find((selector) => selector.default);
}

// src/report/log-events.ts
var EVENT_SINK = /* @__PURE__ */ Symbol("sluice.logEvents");
function eventSinkOf(out) {
  return out?.[EVENT_SINK];
}
var BUILT_TYPES = /* @__PURE__ */ new Set(["model", "seed", "snapshot"]);
function nodeInfo(node, place, status, startedAt, finishedAt) {
  const built = place && BUILT_TYPES.has(node.resourceType);
  return {
    node_path: node.path,
    node_name: node.name,
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    materialized: node.resourceType === "model" || node.resourceType === "snapshot" || node.resourceType === "seed" ? String(node.config.materialized ?? node.resourceType) : null,
    node_status: status,
    node_started_at: startedAt ? startedAt.toISOString() : null,
    node_finished_at: finishedAt ? finishedAt.toISOString() : null,
    node_relation: built ? { database: place.relation.database ?? null, schema: place.relation.schema, alias: place.relation.identifier, relation_name: place.relationName } : null
  };
}
function nodeStartEvent(node, place, startedAt) {
  return { name: "NodeStart", level: "info", msg: `Began running node ${node.uniqueId}`, data: { node_info: nodeInfo(node, place, "started", startedAt, null) } };
}
function nodeFinishedEvent(line, node, place, outcome, startedAt) {
  const result = "executionTime" in outcome ? outcome : null;
  const adapter = result ? { ...result.adapterMessage !== void 0 ? { _message: result.adapterMessage } : {}, ...result.rowsAffected !== void 0 ? { rows_affected: result.rowsAffected } : {} } : {};
  return {
    name: "NodeFinished",
    level: outcome.status === "error" || outcome.status === "fail" ? "error" : outcome.status === "warn" ? "warn" : "info",
    msg: line.trim(),
    data: {
      node_info: nodeInfo(node, place, outcome.status, startedAt, /* @__PURE__ */ new Date()),
      run_result: { status: outcome.status, message: outcome.message, execution_time: result?.executionTime ?? 0, num_failures: result?.failures ?? null, adapter_response: adapter }
    }
  };
}

// src/execute/run-task.ts
function executable(node) {
  return !(node.resourceType === "model" && node.config.materialized === "ephemeral");
}
function transparent(node) {
  return !executable(node) || node.resourceType === "source";
}
function taskDependencies(session, nodes, command) {
  const { graph } = session;
  const selected = new Set(nodes.map((node) => node.uniqueId));
  const deps = new Map(nodes.map((node) => [node.uniqueId, /* @__PURE__ */ new Set()]));
  const nearestExecutable = (id, seen = /* @__PURE__ */ new Set()) => {
    const node = graph.nodes.get(id);
    if (!node || seen.has(id)) return [];
    seen.add(id);
    if (!transparent(node)) return [id];
    return [...graph.parents.get(id) ?? []].flatMap((parent) => nearestExecutable(parent, seen));
  };
  for (const node of nodes) {
    if (node.resourceType === "unit_test") {
      const model = node.attachedNode;
      for (const parent of graph.parents.get(model) ?? []) for (const dep of nearestExecutable(parent)) if (selected.has(dep)) deps.get(node.uniqueId).add(dep);
      if (selected.has(model) && command === "build") deps.get(model).add(node.uniqueId);
      continue;
    }
    for (const parent of graph.parents.get(node.uniqueId) ?? []) {
      for (const dep of nearestExecutable(parent)) if (selected.has(dep) && dep !== node.uniqueId) deps.get(node.uniqueId).add(dep);
    }
  }
  if (command === "build") {
    const downstreamOf = /* @__PURE__ */ new Map();
    const downstream = (id) => {
      let found = downstreamOf.get(id);
      if (!found) {
        found = new Set([...descendants(graph, [id])].filter((child) => selected.has(child) && !["test", "unit_test"].includes(graph.nodes.get(child).resourceType)));
        downstreamOf.set(id, found);
      }
      return found;
    };
    for (const test of nodes.filter((node) => node.resourceType === "test")) {
      const parents = [...graph.parents.get(test.uniqueId) ?? []];
      if (!parents.length) continue;
      let common = downstream(parents[0]);
      if (parents.length > 1) {
        const upstream = ancestors(graph, [test.uniqueId]);
        common = new Set([...common].filter((id) => parents.every((parent) => downstream(parent).has(id)) && !upstream.has(id)));
      }
      for (const id of common) deps.get(id).add(test.uniqueId);
    }
  }
  return deps;
}
function formatLine(index, total, status, node, what, detail) {
  const counter = `${String(index).padStart(String(total).length)} of ${total}`;
  const label = `${status.padEnd(5)} ${what}`;
  const dots = ".".repeat(Math.max(3, 70 - label.length));
  return `  ${counter} ${label} ${dots} [${detail}]`;
}
function describeNode(node, relationName) {
  if (node.resourceType === "test") return node.name;
  if (node.resourceType === "unit_test") return `unit test ${node.unitTest.model}::${node.name}`;
  if (node.resourceType === "analysis") return `analysis ${node.name}`;
  const kind = node.resourceType === "seed" || node.resourceType === "snapshot" ? node.resourceType : `${node.config.materialized} model`;
  return `${kind} ${relationName(node)}`;
}
async function runCommand(session, warehouse, command, options = {}) {
  const out = options.out ?? ((line) => process.stdout.write(`${line}
`));
  const started = Date.now();
  session.renderer.command = command;
  const warnsAreErrors = (event) => Boolean(options.warnError) || warnErrorIncludes(options.warnErrorOptions, event);
  session.renderer.warnError = warnsAreErrors("JinjaLogWarning");
  const nodes = selectForCommand(session, command, options).filter((node) => command === "compile" || executable(node));
  if (!nodes.length) {
    out("Nothing to do: the selection matched no nodes.");
    return { command, results: [], elapsedSeconds: 0, ok: true };
  }
  if (command !== "compile" && !warehouse) throw new SluiceError(`'${command}' needs a warehouse connection`);
  const seeds = /* @__PURE__ */ new Map();
  if (command !== "compile") {
    for (const node of nodes) if (node.resourceType === "seed") seeds.set(node.uniqueId, readSeed(node));
  }
  if (warehouse && command !== "compile") for (const node of nodes) checkRelationConfig(node, warehouse.dialect);
  const deps = taskDependencies(session, nodes, command);
  const threads = options.threads ?? session.project.profile.target.threads;
  const createdSchemas = /* @__PURE__ */ new Map();
  const relations = warehouse ? options.relations ?? new RelationCache(warehouse) : void 0;
  const results = /* @__PURE__ */ new Map();
  const deferred = /* @__PURE__ */ new Map();
  const labels = /* @__PURE__ */ new Map();
  const relationText = (node) => {
    const relation = session.resolver.relationOf(node);
    return [relation.schema, relation.identifier].join(".");
  };
  const executeOptions = () => ({ warehouse });
  const compileContext = { renderer: session.renderer, nodes: session.graph.nodes, options: { warehouse } };
  let finished = 0;
  const events = options.events ?? eventSinkOf(options.out);
  const nodeStarts = /* @__PURE__ */ new Map();
  const nodePlace = (node) => {
    const relation = session.resolver.relationOf(node);
    return { relation, relationName: warehouse ? warehouse.dialect.relationName(relation) : null };
  };
  const nodeLine = (line, node, outcome) => events ? events(nodeFinishedEvent(line, node, nodePlace(node), outcome, nodeStarts.get(node.uniqueId) ?? null)) : out(line);
  out(`Running ${command} with ${threads} thread${threads === 1 ? "" : "s"} on ${nodes.length} node${nodes.length === 1 ? "" : "s"}`);
  const runsHooks = HOOK_COMMANDS.has(command) && warehouse !== void 0;
  const startHookNodes = runsHooks ? projectHooks(session.project, "on-run-start") : [];
  if (startHookNodes.length) {
    const building = nodes.filter((node) => node.resourceType === "seed" || node.resourceType === "snapshot" || node.resourceType === "model" && node.config.materialized !== "ephemeral");
    const relations2 = [...building.map((node) => session.resolver.relationOf(node)), ...options.hookTarget ? [options.hookTarget] : []];
    await Promise.all(relations2.map((relation) => ensureSchema(warehouse, relation, createdSchemas)));
  }
  const hookOptions = { warehouse, targetPlace: options.hookTarget && { database: options.hookTarget.database, schema: options.hookTarget.schema } };
  const startHooks = runsHooks ? await runProjectHooks(session, hookOptions, "on-run-start", {}, out) : [];
  const startFailed = startHooks.some((hook) => hook.status === "error");
  const tasks = nodes.map((node) => ({
    id: node.uniqueId,
    dependsOn: [...deps.get(node.uniqueId)],
    run: async () => {
      if (startFailed) return { status: "skipped", message: "an on-run-start hook failed" };
      if (gateFailure) return { status: "skipped", message: "the run stopped" };
      const nodeStarted = Date.now();
      let result;
      const parseError = session.nodeErrors.get(node.uniqueId);
      try {
        if (parseError) throw parseError;
        let gated = null;
        try {
          gated = options.gate ? await options.gate(node) : null;
        } catch (error) {
          gateFailure ??= { error };
          return { status: "skipped", message: "the run stopped" };
        }
        if (gated !== null) {
          const outcome = typeof gated === "string" ? { reason: gated, label: "DEFER" } : gated;
          deferred.set(node.uniqueId, outcome.reason);
          labels.set(node.uniqueId, outcome.label);
          return { status: "success", message: outcome.reason };
        }
        if (events) {
          nodeStarts.set(node.uniqueId, new Date(nodeStarted));
          events(nodeStartEvent(node, nodePlace(node), nodeStarts.get(node.uniqueId)));
        }
        result = await executeNode(session, warehouse, command, node, {
          compileContext,
          createdSchemas,
          fullRefresh: Boolean(options.fullRefresh) || Boolean(options.fullRefreshNodes?.has(node.uniqueId)),
          executeOptions,
          seeds,
          relations,
          warnError: warnsAreErrors("LogTestResult"),
          placement: { inEnvironment: Boolean(options.inEnvironment) }
        });
      } catch (error) {
        result = errorResult(session, node, error);
      }
      result.executionTime = (Date.now() - nodeStarted) / 1e3;
      results.set(node.uniqueId, result);
      return { status: result.status, message: result.message };
    }
  }));
  const stopsDependents = new Set(command === "build" ? ["error", "fail", "skipped"] : ["error", "skipped"]);
  let gateFailure = null;
  const outcomes = await runTasks(tasks, {
    threads,
    stopsDependents,
    failFast: options.failFast,
    shouldStop: cancellationRequested,
    onFinish: (id, outcome) => {
      finished++;
      const node = session.graph.nodes.get(id);
      if (deferred.has(id)) {
        const label = labels.get(id) ?? "DEFER";
        nodeLine(formatLine(finished, nodes.length, label, node, describeNode(node, relationText), label), node, { status: "deferred", message: deferred.get(id) });
        if (node.resourceType !== "test" && node.resourceType !== "unit_test") out(`      ${deferred.get(id)}`);
        return;
      }
      const result = results.get(id) ?? skippedResult(node, outcome.message ?? null);
      results.set(id, result);
      nodeLine(formatLine(finished, nodes.length, statusWord(result), node, describeNode(node, relationText), resultDetail(result)), node, result);
      if ((result.status === "error" || result.status === "fail") && result.message) {
        for (const line of result.message.split("\n")) out(`      ${line}`);
      }
    }
  });
  if (gateFailure) throw gateFailure.error;
  const ordered = nodes.filter((node) => !deferred.has(node.uniqueId)).map((node) => results.get(node.uniqueId) ?? skippedResult(node, outcomes.get(node.uniqueId)?.message ?? null));
  const endHooks = runsHooks ? await runProjectHooks(session, hookOptions, "on-run-end", runEndContext(session, ordered), out) : [];
  const hooksFailed = [...startHooks, ...endHooks].some((hook) => hook.status === "error");
  const elapsedSeconds = (Date.now() - started) / 1e3;
  writeRunResults(session, command, ordered, elapsedSeconds);
  const counts = countStatuses(ordered);
  out("");
  out(`Finished ${command} of ${nodes.length} node${nodes.length === 1 ? "" : "s"} in ${elapsedSeconds.toFixed(2)}s.`);
  out(`PASS=${counts.pass} WARN=${counts.warn} ERROR=${counts.error} SKIP=${counts.skipped}${deferred.size ? ` DEFER=${deferred.size}` : ""} TOTAL=${ordered.length}`);
  return { command, results: ordered, elapsedSeconds, ok: counts.error === 0 && counts.skipped === 0 && !hooksFailed, ...options.gate ? { deferred } : {} };
}
var HOOK_COMMANDS = /* @__PURE__ */ new Set(["run", "build", "seed", "snapshot", "test"]);
function countStatuses(results) {
  const counts = { pass: 0, warn: 0, error: 0, skipped: 0 };
  for (const result of results) {
    if (result.status === "success" || result.status === "pass") counts.pass++;
    else if (result.status === "warn") counts.warn++;
    else if (result.status === "skipped") counts.skipped++;
    else counts.error++;
  }
  return counts;
}
function statusWord(result) {
  switch (result.status) {
    case "success":
      return "OK";
    case "pass":
      return "PASS";
    case "warn":
      return "WARN";
    case "fail":
      return "FAIL";
    case "skipped":
      return "SKIP";
    default:
      return "ERROR";
  }
}
function resultDetail(result) {
  const time = `in ${result.executionTime.toFixed(2)}s`;
  if (result.status === "skipped") return "SKIP";
  if (result.status === "error") return `ERROR ${time}`;
  if (result.failures !== null && result.failures !== void 0 && result.status !== "pass" && result.status !== "success") return `${result.failures} failing ${time}`;
  const rows = result.rowsAffected !== void 0 ? ` ${result.rowsAffected.toLocaleString("en-US")}` : "";
  return `${result.adapterMessage ?? statusWord(result)}${rows} ${time}`;
}
function skippedResult(node, message) {
  return { uniqueId: node.uniqueId, status: "skipped", executionTime: 0, message, failures: null, node };
}
function errorResult(session, node, error) {
  const compiledPath = compiledPathOf(session, node);
  let message;
  if (error instanceof WarehouseError) {
    message = `Database error in ${node.resourceType} '${node.name}' (${node.originalFilePath})
${error.message}
compiled SQL: ${compiledPath}`;
  } else if (error instanceof SluiceError) {
    message = `${error.message}${error.where ? ` (${error.where})` : ` (${node.originalFilePath})`}${error.hint ? `
hint: ${error.hint}` : ""}`;
  } else {
    message = `${error instanceof Error ? error.message : String(error)} (${node.originalFilePath})`;
  }
  return { uniqueId: node.uniqueId, status: "error", executionTime: 0, message, failures: null, node };
}
function compiledPathOf(session, node) {
  const base = join2(session.project.targetPath, "compiled", node.packageName);
  const underYaml = node.resourceType === "test" && node.testMetadata || node.resourceType === "snapshot" && /\.ya?ml$/i.test(node.originalFilePath);
  const file = underYaml ? join2(node.originalFilePath, `${node.resourceType === "test" ? node.relation.identifier : node.name}.sql`) : node.originalFilePath;
  return join2(base, file);
}
function writeCompiled(session, node, sql) {
  const path = compiledPathOf(session, node);
  mkdirSync2(dirname(path), { recursive: true });
  writeFileSync2(path, sql);
  node.compiledCode = sql;
}
async function executeNode(session, warehouse, command, node, context) {
  const base = { uniqueId: node.uniqueId, executionTime: 0, message: null, failures: null, node };
  if (command === "compile") {
    const sql = node.resourceType === "test" ? await compileTest(context.compileContext, node) : node.resourceType === "unit_test" ? "" : await compileSql(context.compileContext, node);
    if (node.resourceType !== "unit_test") writeCompiled(session, node, sql);
    return { ...base, status: "success", compiledCode: sql };
  }
  if (node.language === "python") {
    throw new SluiceError(`'${node.name}' is a Python model: Sluice compiles Python models but cannot run them`, {
      file: node.originalFilePath,
      hint: `build it with dbt, or leave it out (--exclude ${node.name}) and read it from where it was built`
    });
  }
  const wh = warehouse;
  const relation = session.resolver.relationOf(node);
  if (node.resourceType === "seed") {
    await ensureSchema(wh, relation, context.createdSchemas);
    const result = await materializeSeed(wh, context.seeds.get(node.uniqueId), relation, context.fullRefresh, await context.relations.type(relation));
    await applyAfterCreate(wh, { node, relation, placement: context.placement }, "table");
    await context.relations.set(relation, "table");
    return { ...base, status: "success", adapterMessage: result.message, rowsAffected: result.rowsAffected, relationName: wh.dialect.relationName(relation) };
  }
  if (node.resourceType === "model") return runModel(session, wh, node, relation, context);
  if (node.resourceType === "snapshot") return runSnapshot(session, wh, node, relation, context);
  if (node.resourceType === "unit_test") {
    const model = session.graph.nodes.get(node.attachedNode);
    const outcome = await runUnitTest(node, model, wh, session.renderer, session.refs, (target) => session.resolver.relationOf(target));
    return { ...base, status: outcome.status, failures: outcome.failures, message: outcome.message, compiledCode: outcome.sql };
  }
  if (node.resourceType === "test") return runDataTest(session, wh, node, context);
  throw new SluiceError(`Cannot execute a ${node.resourceType}`);
}
async function compileTest(context, node) {
  return node.testMetadata ? compileGenericTest(context, node) : compileSql(context, node);
}
async function runHooks(session, warehouse, node, key, options) {
  for (const [index, hook] of (node.config[key] ?? []).entries()) {
    const sql = await session.renderer.render(node, options, { key: `${node.uniqueId}:${key}:${index}:${hook}`, text: hook });
    if (sql.trim()) await warehouse.execute(sql);
  }
}
async function runModel(session, warehouse, node, relation, context) {
  const materialized = String(node.config.materialized);
  if (!["view", "table", "incremental"].includes(materialized)) {
    throw new SluiceError(`Unknown materialization '${materialized}' for model '${node.name}'`, {
      file: node.originalFilePath,
      hint: "use view, table, incremental or ephemeral (custom materializations are not supported yet)"
    });
  }
  const existing = await context.relations.type(relation);
  const fullRefresh = node.config.full_refresh === void 0 || node.config.full_refresh === null ? context.fullRefresh : Boolean(node.config.full_refresh);
  const isIncremental = materialized === "incremental" && existing === "table" && !fullRefresh;
  const options = { ...context.executeOptions(), isIncremental, fullRefresh };
  const sql = await compileSql({ ...context.compileContext, options }, node);
  writeCompiled(session, node, sql);
  await ensureSchema(warehouse, relation, context.createdSchemas);
  await runHooks(session, warehouse, node, "pre-hook", options);
  let result;
  const model = { node, relation, sql, existing, placement: context.placement };
  if (materialized === "view") result = await materializeView(warehouse, model);
  else if (materialized === "table" || !isIncremental) result = await materializeTable(warehouse, model);
  else result = await materializeIncremental(warehouse, model);
  await context.relations.set(relation, materialized === "view" ? "view" : "table");
  await runHooks(session, warehouse, node, "post-hook", options);
  return builtResult(warehouse, node, relation, sql, result);
}
function builtResult(warehouse, node, relation, sql, result) {
  return {
    uniqueId: node.uniqueId,
    status: "success",
    executionTime: 0,
    message: null,
    failures: null,
    node,
    adapterMessage: result.message,
    rowsAffected: result.rowsAffected,
    compiledCode: sql,
    relationName: warehouse.dialect.relationName(relation)
  };
}
async function runSnapshot(session, warehouse, node, relation, context) {
  const options = context.executeOptions();
  const sql = await compileSql({ ...context.compileContext, options }, node);
  writeCompiled(session, node, sql);
  const now = (await session.renderer.render(node, options, { key: "snapshot:snapshot_get_time", text: "{{ snapshot_get_time() }}" })).trim();
  await ensureSchema(warehouse, relation, context.createdSchemas);
  await runHooks(session, warehouse, node, "pre-hook", options);
  const result = await materializeSnapshot(warehouse, { node, relation, sql, existing: await context.relations.type(relation), now, table: tableOptions(node, relation, context.placement) });
  await applyAfterCreate(warehouse, { node, relation, placement: context.placement }, "table");
  await context.relations.set(relation, "table");
  await runHooks(session, warehouse, node, "post-hook", options);
  return builtResult(warehouse, node, relation, sql, result);
}
async function runDataTest(session, warehouse, node, context) {
  const sql = await compileTest(context.compileContext, node);
  const wrapped = wrapTestSql(node, sql);
  writeCompiled(session, node, sql);
  const result = await warehouse.query(wrapped);
  const row = result.rows[0] ?? { failures: 0, should_warn: false, should_error: false };
  const failures = Number(row.failures ?? 0);
  const truthy = (value) => value === true || value === "true" || value === 1;
  let status = "pass";
  if (severityOf(node.config) === "ERROR" && truthy(row.should_error)) status = "fail";
  else if (truthy(row.should_warn)) status = "warn";
  const warned = status === "warn" || status === "fail" && !(severityOf(node.config) === "ERROR" && truthy(row.should_error));
  if (status === "warn" && context.warnError) status = "fail";
  const message = status === "pass" ? null : `Got ${failures} result${failures === 1 ? "" : "s"}, configured to ${status === "fail" && !warned ? "fail" : "warn"} if ${warned ? node.config.warn_if : node.config.error_if}${warned && status === "fail" ? " (--warn-error)" : ""}`;
  return { uniqueId: node.uniqueId, status, executionTime: 0, message, failures: status === "pass" ? 0 : failures, node, compiledCode: sql };
}

// src/plan/environment-build.ts
function environmentRelations(session, plan, environment, relocated) {
  const built = (node) => {
    if (plan.build.has(node.uniqueId)) return true;
    if (node.resourceType === "source") return [...session.graph.parents.get(node.uniqueId) ?? []].some((parent) => plan.build.has(parent));
    if ((node.resourceType === "test" || node.resourceType === "unit_test") && node.attachedNode) return plan.build.has(node.attachedNode);
    return false;
  };
  return (node) => relocated?.get(node.uniqueId) ?? (built(node) ? environment.relationFor(node.relation) : node.relation);
}
async function buildIntoEnvironment(session, warehouse, plan, environment, options) {
  const relocated = options.relocated ?? /* @__PURE__ */ new Map();
  const relationOf = environmentRelations(session, plan, environment, relocated);
  useRelations(session, relationOf);
  const guarded = guardedWarehouse(warehouse, environment);
  const fullRefreshNodes = options.fullRefreshModified ? modifiedIncrementals(session, plan) : /* @__PURE__ */ new Set();
  const relations = new RelationCache(guarded);
  const start = startFromProduction(session, guarded, warehouse, relationOf, relations, { environment: environment.name, fullRefresh: Boolean(options.fullRefresh), fullRefreshNodes, out: options.out });
  const gate = async (node) => {
    const reason = options.impact ? await options.impact.decide(node) : null;
    if (reason !== null) {
      if (node.resourceType !== "test" && node.resourceType !== "unit_test") plan.build.delete(node.uniqueId);
      return reason;
    }
    if (options.reuse) {
      const testedIn = reusedTest(session, plan, options.reuse, node);
      if (testedIn) return { reason: `passed in ${testedIn}, on the same data`, label: "REUSE" };
      const build = await options.reuse.decide(node);
      if (build) {
        relocated.set(node.uniqueId, build.relation);
        return { reason: `reused from ${build.environment}: built and tested there on the same inputs`, label: "REUSE" };
      }
    }
    if (plan.build.has(node.uniqueId)) await start(node);
    return null;
  };
  const target = session.project.profile.target;
  const hookTarget = environment.relationFor({ database: target.database === void 0 ? void 0 : String(target.database), schema: String(target.schema), identifier: "" });
  return runCommand(session, guarded, "build", { only: new Set(plan.build), fullRefresh: options.fullRefresh, threads: options.threads, hookTarget, inEnvironment: true, fullRefreshNodes, gate, relations, out: options.out });
}
function reusedTest(session, plan, reuse, node) {
  if (node.resourceType !== "test" || !node.attachedNode) return null;
  const environment = reuse.reused.get(node.attachedNode)?.environment;
  if (!environment) return null;
  for (const parent of session.graph.parents.get(node.uniqueId) ?? []) {
    if (plan.build.has(parent) && reuse.reused.get(parent)?.environment !== environment) return null;
  }
  return environment;
}
function modifiedIncrementals(session, plan) {
  return new Set(plan.nodes.filter((planned) => planned.change === "modified" && session.graph.nodes.get(planned.uniqueId)?.config.materialized === "incremental").map((planned) => planned.uniqueId));
}
function continuesProduction(node, fullRefresh) {
  if (node.resourceType === "snapshot") return true;
  return node.resourceType === "model" && node.config.materialized === "incremental" && !fullRefresh && node.config.full_refresh !== true;
}
function startFromProduction(session, guarded, warehouse, relationOf, relations, options) {
  const created = /* @__PURE__ */ new Map();
  const production = new RelationCache(warehouse);
  return async (node) => {
    if (!continuesProduction(node, options.fullRefresh || options.fullRefreshNodes.has(node.uniqueId))) return;
    const target = relationOf(node);
    if (await production.type(node.relation) !== "table") {
      if (node.resourceType === "snapshot" && await guarded.getRelationType(target) === "table") {
        await guarded.execute(guarded.dialect.dropRelation(target, "table"));
        await relations.set(target, null);
      }
      return;
    }
    await ensureSchema(guarded, target, created);
    const productionName = `${node.relation.schema}.${node.relation.identifier}`;
    const kind = node.resourceType === "snapshot" ? "snapshot" : "incremental";
    const copy = warehouse.tableCopy ? await warehouse.tableCopy(target, node.relation) : { sql: warehouse.dialect.cloneTable(target, node.relation) };
    try {
      await guarded.execute(copy.sql);
      await relations.set(target, "table");
    } catch (error) {
      if (!(error instanceof WarehouseError)) throw error;
      const access = "Sluice needs to read production's table and create tables in the environment's schema (an external table's clone also needs CREATE EXTERNAL TABLE on its location)";
      throw new SluiceError(`${kind === "snapshot" ? "Snapshot" : "Model"} '${node.name}': production's ${productionName} could not be copied into environment '${options.environment}': ${error.message}`, {
        file: node.originalFilePath,
        // A snapshot's history is what it holds: --full-refresh does not rebuild it.
        hint: kind === "snapshot" ? access : `${access}; or run ci with --full-refresh to build the model from scratch`
      });
    }
    if (copy.fullCopyBecause) options.out(`  ${kind} ${node.name} starts from a full copy of production's ${productionName}: ${copy.fullCopyBecause}`);
    else if (copy.location) options.out(`  ${kind} ${node.name} starts from a clone of production's ${productionName}, an external table: the clone's files are at ${copy.location}`);
    else options.out(`  ${kind} ${node.name} starts from a copy of production's ${productionName}`);
  };
}

// src/plan/report-model.ts
function buildReport(session, plan, summary, options) {
  const results = new Map(summary.results.map((result) => [result.uniqueId, result]));
  const models = plan.nodes.map((planned) => {
    const node = session.graph.nodes.get(planned.uniqueId);
    const result = results.get(planned.uniqueId);
    let status = "deferred";
    if (planned.change === "removed") status = "skipped";
    else if (result) status = result.status === "success" ? "built" : result.status === "skipped" ? "skipped" : "failed";
    else if (plan.build.has(planned.uniqueId)) status = node?.config.materialized === "ephemeral" ? "built" : "skipped";
    return {
      name: planned.name,
      unique_id: planned.uniqueId,
      status,
      change: planned.change === "deferred" ? null : planned.change,
      reason: planned.reason,
      materialized: planned.materialized,
      relation: node && node.config.materialized !== "ephemeral" ? options.relationName(session.resolver.relationOf(node)) : null,
      base_relation: node && node.config.materialized !== "ephemeral" && planned.change !== "new" ? options.relationName(node.relation) : null,
      parents: node ? [...session.graph.parents.get(node.uniqueId) ?? []].map((id) => session.graph.nodes.get(id)).filter((parent) => ["model", "seed", "snapshot"].includes(parent.resourceType)).map((parent) => parent.name).sort() : [],
      rows: null,
      schema: null,
      values: null,
      profile: null,
      diff_notes: [],
      message: result?.message ?? null
    };
  });
  const tests = summary.results.filter((result) => result.node.resourceType === "test" || result.node.resourceType === "unit_test").map((result) => ({
    name: result.node.name,
    unique_id: result.uniqueId,
    model: result.node.attachedNode ? session.graph.nodes.get(result.node.attachedNode)?.name ?? null : null,
    status: result.status,
    failures: result.failures,
    message: result.message,
    severity: String(result.node.config.severity ?? "ERROR").toUpperCase() === "WARN" ? "warn" : "error",
    execution_time: result.executionTime
  }));
  return {
    version: 1,
    generated_at: (/* @__PURE__ */ new Date()).toISOString(),
    command: options.command,
    env: options.env,
    // Production is named by its target, as the header lines name it.
    base_env: session.project.profile.targetName,
    run_id: options.runId,
    ok: summary.ok,
    models,
    tests,
    lint: [],
    breaking: []
  };
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
  const bodies = [];
  const definitions = /* @__PURE__ */ new Set();
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
    if (isName(tokens[name]) && tokens[name - 1]?.type !== "dot") {
      ctes.add(unquote(tokens[name]));
      bodies.push({ name: unquote(tokens[name]), open: next });
      definitions.add(name);
    }
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
        item = { identifier: null, alias: null, base: false, at: -1 };
      } else if (isName(token)) {
        const parts = [unquote(token)];
        index++;
        while (tokens[index]?.type === "dot" && isName(tokens[index + 1])) {
          parts.push(unquote(tokens[index + 1]));
          index += 2;
        }
        if (tokens[index]?.type === "open") {
          index = matchingClose(index) + 1;
          item = { identifier: null, alias: null, base: false, at: -1 };
        } else {
          const identifier = parts[parts.length - 1];
          item = { identifier, alias: null, base: !(parts.length === 1 && ctes.has(identifier)), at: index - 1 };
        }
      } else break;
      if (lower[index] === "as") index++;
      const alias2 = tokens[index];
      if (alias2 && depth[index] === d && (alias2.type === "word" || alias2.type === "quoted") && !FROM_ENDS.has(lower[index]) && !JOIN_WORDS.has(lower[index])) {
        item.alias = unquote(alias2);
        item.at = index;
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
  const spans = bodies.map((body) => ({ ...body, close: matchingClose(body.open) }));
  const scopeOf = (index) => {
    let inner = null;
    for (const span of spans) if (span.open < index && index < span.close && (!inner || span.open > inner.open)) inner = span;
    return inner ? inner.name : "";
  };
  const starsIn = /* @__PURE__ */ new Map();
  const starOf = (scope) => {
    let found = starsIn.get(scope);
    if (!found) starsIn.set(scope, found = { bases: /* @__PURE__ */ new Set(), ctes: /* @__PURE__ */ new Set() });
    return found;
  };
  const read = (index, item) => {
    if (item.base && item.identifier) starOf(scopeOf(index)).bases.add(item.identifier);
    else if (item.identifier && ctes.has(item.identifier)) starOf(scopeOf(index)).ctes.add(item.identifier);
  };
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
      for (const item2 of items) read(i, item2);
      continue;
    }
    const item = items.find((candidate) => candidate.alias === qualifier) ?? items.find((candidate) => candidate.alias === null && candidate.identifier === qualifier);
    if (!item) why(`${qualifier}.* names no relation of its FROM`);
    else read(i, item);
  }
  for (let from = 0; from < tokens.length; from++) {
    if (lower[from] !== "from") continue;
    for (const item of fromItems(from)) {
      const name = item.alias ?? item.identifier;
      if (!name || item.at < 0 || !(item.base || ctes.has(name) || item.identifier !== null && ctes.has(item.identifier))) continue;
      for (let i = 0; i < tokens.length; i++) {
        if (i === item.at || definitions.has(i) || !isName(tokens[i]) || unquote(tokens[i]) !== name) continue;
        if (tokens[i + 1]?.type === "dot" || tokens[i - 1]?.type === "dot" || lower[i - 1] === "from" || lower[i - 1] === "join" || lower[i - 1] === "as" || tokens[i + 1]?.type === "open") continue;
        if (tokens[i - 1]?.type === "comma" && depth[i - 1] === depth[from] && i > from) continue;
        read(i, item);
      }
    }
  }
  const reaching = /* @__PURE__ */ new Set([""]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const scope of [...reaching]) {
      for (const cte of starsIn.get(scope)?.ctes ?? []) {
        if (!reaching.has(cte)) {
          reaching.add(cte);
          grown = true;
        }
      }
    }
  }
  const starRelations = /* @__PURE__ */ new Set();
  for (const scope of reaching) for (const base of starsIn.get(scope)?.bases ?? []) starRelations.add(base);
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
  constructor(session, warehouse, environment, placeOf) {
    this.session = session;
    this.warehouse = warehouse;
    this.environment = environment;
    this.placeOf = placeOf;
  }
  session;
  warehouse;
  environment;
  placeOf;
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
    const env = this.placeOf?.(node) ?? environment.relationFor(node.relation);
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
    let reason;
    try {
      reason = await this.rebuildReason(node);
    } catch (error) {
      reason = `what changed could not be measured (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
    }
    if (reason !== null) {
      this.rebuilt.set(node.uniqueId, reason);
      return null;
    }
    const changed = this.changedParentNames(node);
    const deferral = changed.length ? `reads no changed column of ${changed.join(", ")}` : "nothing it reads was rebuilt: it reads only what production has";
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

// src/report/run-summary.ts
var SLOWEST_NODES = 50;
var seconds = (value) => Math.round(value * 1e3) / 1e3;
function runSummaryOf(report, summary, extra = {}) {
  const { elapsedSeconds, ...fields } = extra;
  const models = { built: 0, reused: 0, deferred: 0, failed: 0, skipped: 0, total: report.models.length };
  for (const model of report.models) {
    if (model.reused_from) models.reused++;
    else models[model.status]++;
  }
  const tests = { passed: 0, failed: 0, warned: 0, skipped: 0, total: report.tests.length };
  for (const test of report.tests) {
    if (test.status === "pass") tests.passed++;
    else if (test.status === "warn") tests.warned++;
    else if (test.status === "skipped") tests.skipped++;
    else tests.failed++;
  }
  const results = summary?.results ?? [];
  const counted = results.filter((result) => result.rowsAffected !== void 0);
  const timings = results.filter((result) => result.status !== "skipped").map((result) => ({
    unique_id: result.uniqueId,
    name: result.node.name,
    resource_type: result.node.resourceType,
    status: result.status,
    execution_time: seconds(result.executionTime),
    rows_affected: result.rowsAffected ?? null
  })).sort((a, b) => b.execution_time - a.execution_time || a.unique_id.localeCompare(b.unique_id));
  const buildSeconds = summary ? seconds(summary.elapsedSeconds) : null;
  return {
    ...fields,
    version: 1,
    command: report.command,
    env: report.env,
    ok: report.ok,
    elapsed_seconds: elapsedSeconds !== void 0 ? seconds(elapsedSeconds) : buildSeconds,
    build_seconds: buildSeconds,
    models,
    tests,
    rows_affected: counted.length ? counted.reduce((sum, result) => sum + (result.rowsAffected ?? 0), 0) : null,
    bytes_written: null,
    nodes: { timed: timings.length, slowest: timings.slice(0, SLOWEST_NODES) }
  };
}

// src/plan/reuse.ts
function reusable(node) {
  if (node.resourceType === "seed") return true;
  return node.resourceType === "model" && (node.config.materialized === "table" || node.config.materialized === "incremental");
}
var CLOCK = /\b(current_date|current_timestamp|current_time|localtimestamp|localtime|now|getdate|sysdate|systimestamp|unix_timestamp|current_timezone)\b/i;
var CLOCK_IN_JINJA = /\b(run_started_at|invocation_id|modules\.datetime|modules\.time)\b/;
function readsTheClock(node) {
  if (CLOCK_IN_JINJA.test(node.rawCode)) return "its Jinja reads the time of the run";
  const compiled = node.compiledCode ?? "";
  const match = CLOCK.exec(compiled.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, " "));
  return match ? `its SQL reads the clock (${match[1].toLowerCase()})` : null;
}
function buildInputs(session, node) {
  const { graph } = session;
  const inputs = /* @__PURE__ */ new Map();
  const visit = (id) => {
    for (const parentId of graph.parents.get(id) ?? []) {
      const parent = graph.nodes.get(parentId);
      if (!parent || inputs.has(parentId)) continue;
      if (parent.resourceType === "model" && parent.config.materialized === "ephemeral") visit(parentId);
      else if (["model", "seed", "snapshot", "source"].includes(parent.resourceType)) inputs.set(parentId, parent);
    }
  };
  visit(node.uniqueId);
  if (node.resourceType === "snapshot" || node.config.materialized === "incremental") inputs.set(node.uniqueId, node);
  return [...inputs.values()];
}
var InputVersions = class {
  constructor(warehouse) {
    this.warehouse = warehouse;
  }
  warehouse;
  versions = /* @__PURE__ */ new Map();
  of(relation) {
    const key = `${relation.database ?? ""}.${relation.schema}.${relation.identifier}`.toLowerCase();
    let version = this.versions.get(key);
    if (!version) {
      version = this.warehouse.inputVersion ? this.warehouse.inputVersion(relation).catch(() => null) : Promise.resolve(null);
      this.versions.set(key, version);
    }
    return version;
  }
};
async function versionsBeforeBuild(session, plan, versions) {
  const planned = new Map(plan.nodes.map((node) => [node.uniqueId, node.change]));
  const relations = [];
  for (const id of plan.build) {
    const node = session.graph.nodes.get(id);
    if (!reusable(node)) continue;
    for (const input of buildInputs(session, node)) if (planned.get(input.uniqueId) !== "new") relations.push(input.relation);
  }
  await Promise.all(relations.map((relation) => versions.of(relation)));
}
async function testedBuilds(session, context) {
  const { plan, report, environment } = context;
  const failedTests = new Set(report.tests.filter((test) => !["pass", "success", "warn"].includes(test.status)).map((test) => test.model));
  const builds = [];
  const builtAt = (/* @__PURE__ */ new Date()).toISOString();
  for (const model of report.models) {
    const node = session.graph.nodes.get(model.unique_id);
    const fingerprint = context.fingerprints.get(model.unique_id);
    if (!node || !fingerprint || model.status !== "built" || !reusable(node) || failedTests.has(node.name) || readsTheClock(node)) continue;
    const inputs = {};
    let known = true;
    for (const input of buildInputs(session, node)) {
      if (input.uniqueId !== node.uniqueId && plan.build.has(input.uniqueId)) {
        inputs[input.uniqueId] = { from: "environment" };
        continue;
      }
      const version = await context.versions.of(input.relation);
      if (version === null) known = false;
      inputs[input.uniqueId] = { from: "production", version: version ?? "" };
    }
    if (!known) continue;
    const relation = environment.relationFor(node.relation);
    const tableVersion = await context.versions.of(relation);
    if (tableVersion === null) continue;
    builds.push({
      environment: environment.name,
      uniqueId: node.uniqueId,
      name: node.name,
      fingerprint: storedFingerprint(fingerprint),
      dataFingerprint: fingerprint.data,
      relation,
      tableVersion,
      inputs,
      runId: context.runId,
      gitSha: context.gitSha,
      builtAt
    });
  }
  return builds;
}
var ReuseOnMerge = class {
  constructor(session, warehouse, plan, fingerprints, builds, versions) {
    this.session = session;
    this.warehouse = warehouse;
    this.plan = plan;
    this.fingerprints = fingerprints;
    this.versions = versions;
    for (const build of builds) this.byNode.set(build.uniqueId, [...this.byNode.get(build.uniqueId) ?? [], build]);
  }
  session;
  warehouse;
  plan;
  fingerprints;
  versions;
  reused = /* @__PURE__ */ new Map();
  notReused = /* @__PURE__ */ new Map();
  byNode = /* @__PURE__ */ new Map();
  /** The tested build to publish for `node`, or null to build it (the reason kept in `notReused`). */
  async decide(node) {
    if (!reusable(node) || !this.plan.build.has(node.uniqueId)) return null;
    const fingerprint = this.fingerprints.get(node.uniqueId);
    const candidates = this.byNode.get(node.uniqueId) ?? [];
    if (!candidates.length) return null;
    const same = candidates.filter((build) => build.fingerprint === storedFingerprint(fingerprint) && build.dataFingerprint === fingerprint.data);
    if (!same.length) {
      this.notReused.set(node.uniqueId, `${candidates[0].environment} built a different version of it`);
      return null;
    }
    let why = "";
    for (const build of same) {
      why = await this.mismatch(node, build);
      if (!why) {
        this.reused.set(node.uniqueId, build);
        return build;
      }
    }
    this.notReused.set(node.uniqueId, why);
    return null;
  }
  /** Why `build` cannot stand for what promote would build now, or '' when it can. */
  async mismatch(node, build) {
    if (await this.warehouse.getRelationType(build.relation) !== "table") return `${build.environment}'s table is gone`;
    if (await this.versions.of(build.relation) !== build.tableVersion) return `${build.environment}'s table changed since it was tested`;
    const inputs = buildInputs(this.session, node);
    if (inputs.length !== Object.keys(build.inputs).length) return `it reads other relations than in ${build.environment}`;
    for (const input of inputs) {
      const then = build.inputs[input.uniqueId];
      if (!then) return `it reads ${input.name}, which ${build.environment}'s build did not`;
      const builtHere = input.uniqueId !== node.uniqueId && this.plan.build.has(input.uniqueId);
      if (builtHere) {
        if (this.reused.get(input.uniqueId)?.environment !== build.environment || then.from !== "environment") return `${input.name}, which it reads, is built again`;
        continue;
      }
      if (then.from !== "production") return `${build.environment} built ${input.name}, which it reads, and production's is used now`;
      const now = await this.versions.of(input.relation);
      if (now === null || now !== then.version) return `${input.uniqueId === node.uniqueId ? "production's table" : input.name} changed since ${build.environment} built it`;
    }
    return "";
  }
};

// src/freshness/check-freshness.ts
var NEVER_LOADED_MICROS = Date.parse("0001-01-01T00:00:00Z") * 1e3;
function sourcesWithFreshness(nodes) {
  return [...nodes].filter((node) => node.resourceType === "source" && hasFreshness(freshnessRuleOf(node))).sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
}
function micros(value, what) {
  if (value === null || value === void 0) return null;
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(number)) throw new SluiceError(`Expected a timestamp for ${what}, got ${JSON.stringify(value)}`);
  return number;
}
async function measure(node, rule, relation, warehouse, timing) {
  const compiling = { name: "compile", startedAt: Date.now(), completedAt: 0 };
  timing.push(compiling);
  const name = `${node.sourceName}.${node.name}`;
  let sql;
  if (node.loadedAtQuery) sql = warehouse.dialect.freshnessQuery({ query: node.loadedAtQuery });
  else if (node.loadedAtField) sql = warehouse.dialect.freshnessQuery({ relation, field: node.loadedAtField, filter: rule.filter });
  else {
    throw new SluiceError(`Could not compute freshness for source ${name}: no 'loaded_at_field' provided, and Sluice does not read freshness from table metadata`, {
      hint: "set loaded_at_field (or loaded_at_query) on the source or the table"
    });
  }
  compiling.completedAt = Date.now();
  const executing = { name: "execute", startedAt: Date.now(), completedAt: 0 };
  timing.push(executing);
  const { rows } = await warehouse.query(sql);
  executing.completedAt = Date.now();
  if (rows.length !== 1) throw new SluiceError(`The freshness query of source ${name} returned ${rows.length} rows instead of one`);
  const field = node.loadedAtQuery ? "the loaded_at_query" : `loaded_at_field '${node.loadedAtField}'`;
  const maxLoadedAt = micros(rows[0].max_loaded_at, `${field} of source ${name}`);
  const snapshottedAt = micros(rows[0].snapshotted_at, "the current time");
  if (snapshottedAt === null) throw new SluiceError("The warehouse gave no current time");
  const ageSeconds = (snapshottedAt - (maxLoadedAt ?? NEVER_LOADED_MICROS)) / 1e6;
  return { status: freshnessStatus(rule, ageSeconds), maxLoadedAt, snapshottedAt, ageSeconds };
}
function errorMessage(error) {
  if (error instanceof SluiceError) return `${error.message}${error.hint ? `
hint: ${error.hint}` : ""}`;
  return error instanceof Error ? error.message : String(error);
}
var STATUS_WORDS = { pass: "PASS", warn: "WARN", error: "ERROR STALE", "runtime error": "ERROR" };
function freshnessLine(index, total, check) {
  const counter = `${String(index).padStart(String(total).length)} of ${total}`;
  const word = STATUS_WORDS[check.status];
  const label = `${word} freshness of ${check.node.sourceName}.${check.node.name}`;
  const dots = ".".repeat(Math.max(3, 70 - label.length));
  return `  ${counter} ${label} ${dots} [${word} in ${check.executionTime.toFixed(2)}s]`;
}
function freshnessEntry(check) {
  const active = (time) => isActive(time) ? { count: time.count, period: time.period } : null;
  return {
    source: check.node.sourceName ?? "",
    table: check.node.name,
    unique_id: check.node.uniqueId,
    status: check.status,
    max_loaded_at: check.maxLoadedAt === null ? null : isoTimestamp(check.maxLoadedAt),
    age_seconds: check.maxLoadedAt === null || check.ageSeconds === null ? null : Math.round(check.ageSeconds * 1e3) / 1e3,
    warn_after: active(check.rule.warn_after),
    error_after: active(check.rule.error_after),
    filter: check.rule.filter,
    message: check.message
  };
}
function isoTimestamp(microseconds) {
  return new Date(Math.floor(microseconds / 1e3)).toISOString().replace(".000Z", "Z");
}
async function checkFreshness(sources, warehouse, options) {
  const started = Date.now();
  const results = /* @__PURE__ */ new Map();
  const byId = new Map(sources.map((node) => [node.uniqueId, node]));
  const freeThreads = [];
  let threadsMade = 0;
  let finished = 0;
  const tasks = sources.map((node) => ({
    id: node.uniqueId,
    dependsOn: [],
    run: async () => {
      const thread = freeThreads.sort((a, b) => a - b).shift() ?? ++threadsMade;
      const rule = freshnessRuleOf(node);
      const relation = (options.relationOf ?? ((source) => source.relation))(node);
      const timing = [];
      const nodeStarted = Date.now();
      let check;
      try {
        check = { node, rule, relation, ...await measure(node, rule, relation, warehouse, timing), message: null, timing, executionTime: 0, threadId: `Thread-${thread}` };
      } catch (error) {
        for (const step of timing) step.completedAt ||= Date.now();
        check = { node, rule, relation, status: "runtime error", maxLoadedAt: null, snapshottedAt: null, ageSeconds: null, message: errorMessage(error), timing, executionTime: 0, threadId: `Thread-${thread}` };
      }
      check.executionTime = (Date.now() - nodeStarted) / 1e3;
      results.set(node.uniqueId, check);
      freeThreads.push(thread);
      return { status: check.status === "pass" ? "pass" : check.status === "warn" ? "warn" : "error", message: check.message };
    }
  }));
  options.out(`Checking the freshness of ${sources.length} source table${sources.length === 1 ? "" : "s"} with ${options.threads} thread${options.threads === 1 ? "" : "s"}`);
  await runTasks(tasks, {
    threads: options.threads,
    stopsDependents: /* @__PURE__ */ new Set(),
    shouldStop: cancellationRequested,
    onFinish: (id, outcome) => {
      finished++;
      const node = byId.get(id);
      const check = results.get(id) ?? cancelledCheck(node, options, outcome.message ?? "Cancelled");
      results.set(id, check);
      options.out(freshnessLine(finished, sources.length, check));
      if (check.status !== "pass") for (const line of describeFreshness(freshnessEntry(check)).split("\n")) options.out(`      ${line}`);
    }
  });
  return { results: sources.map((node) => results.get(node.uniqueId)), elapsedSeconds: (Date.now() - started) / 1e3 };
}
function cancelledCheck(node, options, message) {
  const relation = (options.relationOf ?? ((source) => source.relation))(node);
  return { node, rule: freshnessRuleOf(node), relation, status: "runtime error", maxLoadedAt: null, snapshottedAt: null, ageSeconds: null, message, timing: [], executionTime: 0, threadId: "Thread-1" };
}

// src/freshness/source-freshness.ts
function sourcesReadBy(session, build) {
  const { graph } = session;
  const upstream = [...ancestors(graph, build)].map((id) => graph.nodes.get(id)).filter((node) => node.resourceType === "source");
  const loadedByThisRun = (node) => [...graph.parents.get(node.uniqueId) ?? []].some((parent) => build.has(parent));
  return sourcesWithFreshness(upstream.filter((node) => !loadedByThisRun(node)));
}
async function checkSourcesRead(session, warehouse, build, options) {
  const sources = sourcesReadBy(session, build);
  if (!sources.length) return { results: [], elapsedSeconds: 0 };
  options.out("");
  options.out("Source freshness of what this run reads:");
  return checkFreshness(sources, warehouse, { threads: options.threads ?? session.project.profile.target.threads, out: options.out, relationOf: (node) => node.relation });
}
function blockingChecks(run, gate) {
  if (!gate) return [];
  return run.results.filter((check) => check.status === "error" || check.status === "runtime error" || gate === "warn" && check.status === "warn");
}

export {
  FINGERPRINTED_TYPES,
  fingerprintProject,
  compileSql,
  tableOptions,
  afterCreateStatements,
  seedColumnSqlType,
  viewStatement,
  readSeed,
  RelationCache,
  environmentRelations,
  buildIntoEnvironment,
  modifiedIncrementals,
  buildReport,
  ModelDiffs,
  diffModels,
  dataAwareImpact,
  explainImpact,
  runSummaryOf,
  InputVersions,
  versionsBeforeBuild,
  testedBuilds,
  ReuseOnMerge,
  freshnessEntry,
  checkSourcesRead,
  blockingChecks
};
