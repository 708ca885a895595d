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
  isRecord
} from "./chunk-TREVE4EE.js";

// src/project/config.ts
var KNOWN_CONFIG_KEYS = /* @__PURE__ */ new Set([
  "enabled",
  "materialized",
  "schema",
  "alias",
  "database",
  "tags",
  "meta",
  "docs",
  "unique_key",
  "incremental_strategy",
  "on_schema_change",
  "full_refresh",
  "column_types",
  "quote_columns",
  "delimiter",
  "severity",
  "where",
  "error_if",
  "warn_if",
  "fail_calc",
  "limit",
  "store_failures",
  "store_failures_as",
  "pre-hook",
  "post-hook",
  "pre_hook",
  "post_hook",
  "persist_docs",
  "grants",
  "contract",
  "access",
  "group",
  "quoting",
  "sql_header",
  "file_format",
  "location_root",
  "partition_by",
  "clustered_by",
  "buckets",
  "tblproperties",
  "liquid_clustered_by",
  "auto_liquid_cluster",
  "zorder",
  "on_configuration_change",
  "incremental_predicates",
  "merge_update_columns",
  "merge_exclude_columns",
  "event_time",
  "batch_size",
  "lookback",
  "begin",
  "concurrent_batches",
  "strategy",
  "updated_at",
  "check_cols",
  "target_schema",
  "target_database",
  "snapshot_meta_column_names",
  "hard_deletes",
  "dbt_valid_to_current",
  "invalidate_hard_deletes",
  "packages",
  "freshness",
  "loaded_at_field",
  "loaded_at_query",
  "external_location",
  "options",
  "format",
  "location",
  "plugin",
  "glue_register",
  "compression",
  "partition_overwrite",
  "catalog",
  "databricks_tags",
  "compute",
  "submission_method",
  "unique_tests",
  "labels",
  "batch_id",
  "transient",
  "copy_grants",
  "predicates",
  "sluice"
]);
var APPEND_KEYS = /* @__PURE__ */ new Set(["tags", "pre-hook", "post-hook"]);
var DICT_UPDATE_KEYS = /* @__PURE__ */ new Set(["meta", "quoting", "column_types", "docs", "contract", "grants", "tblproperties"]);
function defaultConfig(resourceType) {
  const materialized = resourceType === "seed" ? "seed" : resourceType === "test" ? "test" : resourceType === "unit_test" ? "unit" : resourceType === "snapshot" ? "snapshot" : "view";
  const config = { enabled: true, materialized, tags: [], meta: {}, "pre-hook": [], "post-hook": [] };
  if (resourceType === "model") config.on_schema_change = "ignore";
  if (resourceType === "source") Object.assign(config, { freshness: null, loaded_at_field: null, event_time: null });
  if (resourceType === "test") {
    config.severity = "ERROR";
    config.error_if = "!= 0";
    config.warn_if = "!= 0";
    config.fail_calc = "count(*)";
    config.schema = "dbt_test__audit";
  }
  return config;
}
function normalizeValue(key, value) {
  if (APPEND_KEYS.has(key)) {
    if (value === null || value === void 0) return [];
    return Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return value;
}
function canonicalKey(key) {
  return key === "pre_hook" ? "pre-hook" : key === "post_hook" ? "post-hook" : key;
}
function mergeConfig(config, update) {
  for (const [rawKey, rawValue] of Object.entries(update)) {
    const key = canonicalKey(rawKey);
    const value = normalizeValue(key, rawValue);
    if (APPEND_KEYS.has(key)) {
      const existing = config[key] ?? [];
      const merged = [...existing, ...value];
      config[key] = key === "tags" ? [...new Set(merged)] : merged;
    } else if (DICT_UPDATE_KEYS.has(key) && isRecord(value)) {
      config[key] = { ...isRecord(config[key]) ? config[key] : {}, ...value };
    } else {
      config[key] = value;
    }
  }
  return config;
}
function isKnownConfigKey(key) {
  return KNOWN_CONFIG_KEYS.has(key);
}
function unknownConfigKeys(update) {
  return Object.keys(update).filter((key) => !KNOWN_CONFIG_KEYS.has(key));
}
function configFromProjectTree(tree, fqn, warnings, file, seenWarnings) {
  const levels = [];
  let level = tree;
  for (let depth = 0; ; depth++) {
    if (!isRecord(level)) break;
    const configs = {};
    for (const [key, value] of Object.entries(level)) {
      if (key.startsWith("+")) configs[key.slice(1)] = value;
      else if (!isRecord(value)) configs[key] = value;
    }
    for (const key of unknownConfigKeys(configs)) {
      const message = `unknown config key '${key}' in ${file} (under ${fqn.slice(0, depth).join(".") || "the top level"}); it is kept but Sluice does not use it`;
      if (!seenWarnings.has(message)) {
        seenWarnings.add(message);
        warnings.push({ message, file });
      }
    }
    levels.push(configs);
    if (depth >= fqn.length) break;
    const next = level[fqn[depth]];
    if (!isRecord(next)) break;
    level = next;
  }
  return levels;
}
function severityOf(config) {
  return String(config.severity ?? "ERROR").toUpperCase() === "WARN" ? "WARN" : "ERROR";
}
function uniqueKeyColumns(config) {
  const key = config.unique_key;
  if (key === void 0 || key === null || key === "") return [];
  return Array.isArray(key) ? key.map(String) : [String(key)];
}

// src/project/blank-node.ts
function blankNode(identity, schema = "") {
  return {
    ...identity,
    description: "",
    config: defaultConfig(identity.resourceType),
    tags: [],
    columns: {},
    meta: {},
    rawCode: "",
    refs: [],
    sources: [],
    dependsOn: { nodes: [], macros: [] },
    relation: { schema, identifier: identity.name }
  };
}

// src/project/files.ts
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
function listFiles(dir, extensions) {
  const found = [];
  const entered = /* @__PURE__ */ new Set();
  const walk = (current) => {
    let real;
    try {
      real = realpathSync(current);
    } catch {
      return;
    }
    if (entered.has(real)) return;
    entered.add(real);
    let entries;
    try {
      entries = readdirSync(current);
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      if (entry.startsWith(".")) continue;
      const path = join(current, entry);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (!stats) continue;
      if (stats.isDirectory()) walk(path);
      else if (extensions.some((extension) => entry.endsWith(extension))) found.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return found;
}
function toPosix(path) {
  return path.split(sep).join("/");
}

// src/graph/graph.ts
function emptyGraph() {
  return { nodes: /* @__PURE__ */ new Map(), parents: /* @__PURE__ */ new Map(), children: /* @__PURE__ */ new Map() };
}
function addNode(graph, node) {
  graph.nodes.set(node.uniqueId, node);
  if (!graph.parents.has(node.uniqueId)) graph.parents.set(node.uniqueId, /* @__PURE__ */ new Set());
  if (!graph.children.has(node.uniqueId)) graph.children.set(node.uniqueId, /* @__PURE__ */ new Set());
}
function addEdge(graph, parent, child) {
  graph.parents.get(child).add(parent);
  graph.children.get(parent).add(child);
}
function reachable(edges, start, depth = Infinity) {
  const seen = /* @__PURE__ */ new Set();
  let frontier = [...start];
  for (let step = 0; step < depth && frontier.length; step++) {
    const next = [];
    for (const id of frontier) {
      for (const neighbour of edges.get(id) ?? []) {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
  return seen;
}
var ancestors = (graph, ids, depth) => reachable(graph.parents, ids, depth);
var descendants = (graph, ids, depth) => reachable(graph.children, ids, depth);

export {
  defaultConfig,
  mergeConfig,
  isKnownConfigKey,
  unknownConfigKeys,
  configFromProjectTree,
  severityOf,
  uniqueKeyColumns,
  blankNode,
  listFiles,
  toPosix,
  emptyGraph,
  addNode,
  addEdge,
  ancestors,
  descendants
};
