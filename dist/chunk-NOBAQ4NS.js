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
  primaryKeyFor,
  selectNodes
} from "./chunk-H6OTBMW3.js";
import {
  changedFilesSince
} from "./chunk-R3NE7RCL.js";
import {
  blankNode,
  toPosix
} from "./chunk-Z4AALHN7.js";
import {
  FORMAT_RULE,
  SQL_RULES,
  SqlFile,
  applyRuleFlags,
  columnPlace,
  entryPlace,
  hardCodedRelation,
  isSilenced,
  isStagingLayer,
  layerOf,
  lintFile,
  loadFormatterFor,
  loadLintSettings,
  modelLayer,
  noqaProblems,
  outputColumns,
  projectModels,
  readNoqa,
  refCallPlace,
  ruleSetting,
  sourceCallPlace,
  stagingLayer
} from "./chunk-3LORLH5I.js";
import {
  codeTokens,
  tokenizeSql
} from "./chunk-DMNIRXCU.js";
import {
  SluiceError,
  closestNames
} from "./chunk-5FWABYZE.js";

// src/lint/lint-project.ts
import { renameSync as renameSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { performance } from "node:perf_hooks";

// src/lint/lint-cache.ts
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var CACHE_FORMAT = 1;
function versions() {
  const require2 = createRequire(import.meta.url);
  const version = (name) => {
    try {
      return require2(`${name}/package.json`).version;
    } catch {
      return "?";
    }
  };
  let sluice = "?";
  try {
    sluice = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
  } catch {
  }
  let built = "";
  try {
    const path = fileURLToPath(import.meta.url);
    const stats = statSync(path);
    built = path.endsWith(join("lint", "lint-cache.js")) ? String(stats.mtimeMs) : `${basename(path)}:${stats.size}`;
  } catch {
  }
  return `${CACHE_FORMAT}/${sluice}/${built}/${version("node-sql-parser")}/${version("sql-formatter")}`;
}
var LintCache = class {
  path;
  stored;
  used = /* @__PURE__ */ new Map();
  version = versions();
  constructor(targetPath) {
    this.path = join(targetPath, "sluice", "lint-cache.json");
    this.stored = /* @__PURE__ */ new Map();
    try {
      const data = JSON.parse(readFileSync(this.path, "utf8"));
      if (data.version === this.version) for (const [key, result] of Object.entries(data.files)) this.stored.set(key, result);
    } catch {
    }
  }
  keyOf(input) {
    return createHash("sha1").update(this.version).update("\0").update(JSON.stringify(input)).digest("base64url");
  }
  get(key) {
    const result = this.stored.get(key);
    if (result) this.used.set(key, result);
    return result;
  }
  set(key, result) {
    this.used.set(key, result);
  }
  /** Keeps only this run's files: a cache never grows beyond the project. */
  save() {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const temporary = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ version: this.version, files: Object.fromEntries(this.used) }));
      renameSync(temporary, this.path);
    } catch {
    }
  }
};

// src/lint/layers-in-effect.ts
var MIN_PREFIXED_MODELS = 2;
var MIN_PREFIXED_SHARE = 0.75;
function unfollowedLayers(settings, models) {
  const unfollowed = /* @__PURE__ */ new Set();
  if (settings.layersConfigured) return unfollowed;
  const counts = new Map(settings.layers.map((layer) => [layer.name, { models: 0, prefixed: 0 }]));
  for (const model of models) {
    const layer = layerOf(settings, model.path);
    if (!layer) continue;
    const count = counts.get(layer.name);
    count.models++;
    const name = model.name.toLowerCase();
    if (layer.prefixes.some((prefix) => name.startsWith(prefix.toLowerCase()))) count.prefixed++;
  }
  for (const [name, count] of counts) {
    if (count.prefixed < MIN_PREFIXED_MODELS || count.prefixed < MIN_PREFIXED_SHARE * count.models) unfollowed.add(name);
  }
  return unfollowed;
}

// src/lint/rules/documented-column-exists.ts
var documentedColumnExists = {
  code: "SL08",
  name: "documented-column-exists",
  description: "Every column documented in a model's YAML is a column the model's SQL produces.",
  severity: "error",
  enabledByDefault: true,
  readsFileResults: true,
  check(context) {
    const violations = [];
    for (const node of projectModels(context)) {
      const documentedColumns = Object.values(node.columns);
      if (!documentedColumns.length) continue;
      const output = context.outputColumns(node);
      if (!output) continue;
      const produced = new Set(output.map((name) => name.toLowerCase()));
      for (const column of documentedColumns) {
        if (produced.has(column.name.toLowerCase())) continue;
        violations.push({
          ...columnPlace(node, column),
          message: `column '${column.name}' is documented for model '${node.name}', which does not produce it (it produces ${output.join(", ")})`
        });
      }
    }
    return violations;
  }
};

// src/lint/rules/documented.ts
var documented = {
  code: "SL07",
  name: "documented",
  description: "Every model has a description, and every column listed in its YAML has one.",
  severity: "warning",
  enabledByDefault: false,
  check(context) {
    const violations = [];
    for (const node of projectModels(context)) {
      if (!node.description.trim()) {
        const hint = node.yamlPlace ? "add a description" : "describe it in a YAML file (models: - name: … description: …)";
        violations.push({ ...entryPlace(node), message: `model '${node.name}' has no description: ${hint}` });
      }
      for (const column of Object.values(node.columns)) {
        if (column.description.trim()) continue;
        violations.push({ ...columnPlace(node, column), message: `column '${column.name}' of model '${node.name}' has no description` });
      }
    }
    return violations;
  }
};

// src/lint/rules/layer-direction.ts
var layerDirection = {
  code: "SL04",
  name: "layer-direction",
  description: "No model refs a model in a higher layer: refs go from higher layers down to lower ones.",
  severity: "error",
  enabledByDefault: true,
  check(context) {
    const violations = [];
    for (const node of projectModels(context)) {
      const layer = modelLayer(context, node);
      if (!layer) continue;
      for (const parentId of context.graph.parents.get(node.uniqueId) ?? []) {
        const parent = context.graph.nodes.get(parentId);
        if (parent?.resourceType !== "model") continue;
        const parentLayer = modelLayer(context, parent);
        if (!parentLayer || parentLayer.rank <= layer.rank) continue;
        violations.push({
          ...refCallPlace(node, parent.name),
          message: `${layer.layer.name} model '${node.name}' reads '${parent.name}' from the higher ${parentLayer.layer.name} layer: a layer reads only its own and lower layers`
        });
      }
    }
    return violations;
  }
};

// src/lint/rules/layer-naming.ts
var layerNaming = {
  code: "SL01",
  name: "layer-naming",
  description: "A model in a layer's folder has a name that starts with one of the layer's prefixes.",
  severity: "warning",
  enabledByDefault: true,
  check(context) {
    const violations = [];
    for (const node of projectModels(context)) {
      const layer = modelLayer(context, node)?.layer;
      if (!layer || !layer.prefixes.length) continue;
      const name = node.name.toLowerCase();
      if (layer.prefixes.some((prefix) => name.startsWith(prefix.toLowerCase()))) continue;
      violations.push({
        file: node.originalFilePath,
        line: 1,
        column: 1,
        message: `model '${node.name}' is in the ${layer.name} layer, so its name should start with ${layer.prefixes.join(" or ")}`
      });
    }
    return violations;
  }
};

// src/lint/rules/primary-key-test.ts
function testedColumn(test) {
  const argument = test.testMetadata?.kwargs.column_name;
  return (test.columnName ?? (typeof argument === "string" ? argument : void 0))?.trim().toLowerCase();
}
function hasKeyTest(tests) {
  const unique = /* @__PURE__ */ new Set();
  const notNull = /* @__PURE__ */ new Set();
  for (const test of tests) {
    const { name, namespace } = test.testMetadata;
    if (name === "unique_combination_of_columns" && namespace === "dbt_utils") return true;
    const column = testedColumn(test);
    if (column === void 0) continue;
    if (name === "unique") unique.add(column);
    else if (name === "not_null") notNull.add(column);
  }
  for (const column of unique) if (notNull.has(column)) return true;
  return false;
}
var primaryKeyTest = {
  code: "SL06",
  name: "primary-key-test",
  description: "Every built model has a primary-key test: a column with unique and not_null tests, or dbt_utils.unique_combination_of_columns.",
  severity: "warning",
  enabledByDefault: true,
  check(context) {
    const testsOf = /* @__PURE__ */ new Map();
    for (const node of context.graph.nodes.values()) {
      if (node.resourceType !== "test" || !node.testMetadata || !node.attachedNode) continue;
      const tests = testsOf.get(node.attachedNode);
      if (tests) tests.push(node);
      else testsOf.set(node.attachedNode, [node]);
    }
    const violations = [];
    for (const node of projectModels(context)) {
      if (node.config.materialized === "ephemeral" || hasKeyTest(testsOf.get(node.uniqueId) ?? [])) continue;
      const declared = primaryKeyFor({ uniqueKey: node.config.unique_key, meta: node.meta });
      const advice = declared ? `test its key ${declared.columns.join(", ")} (from ${declared.source}) with ${declared.columns.length > 1 ? "dbt_utils.unique_combination_of_columns" : "unique and not_null"}` : "give its key column unique and not_null tests";
      violations.push({ ...entryPlace(node), message: `model '${node.name}' has no primary-key test: ${advice}` });
    }
    return violations;
  }
};

// src/lint/rules/source-outside-staging.ts
var sourceOutsideStaging = {
  code: "SL03",
  name: "source-outside-staging",
  description: "No model outside the staging layer reads a source directly: it reads the staging model instead.",
  severity: "warning",
  enabledByDefault: true,
  check(context) {
    const violations = [];
    const staging = stagingLayer(context);
    if (!staging) return violations;
    for (const node of projectModels(context)) {
      const layer = modelLayer(context, node);
      if (isStagingLayer(context, layer)) continue;
      for (const parentId of context.graph.parents.get(node.uniqueId) ?? []) {
        const parent = context.graph.nodes.get(parentId);
        if (parent?.resourceType !== "source") continue;
        const where = layer ? `${layer.layer.name} model` : "model";
        violations.push({
          ...sourceCallPlace(node, parent.sourceName ?? "", parent.name),
          message: `${where} '${node.name}' reads source '${parent.sourceName}.${parent.name}' directly: read it through a ${staging.name} model`
        });
      }
    }
    return violations;
  }
};

// src/lint/rules/staging-reads-sources.ts
var MODEL_LIKE = /* @__PURE__ */ new Set(["model", "snapshot"]);
var stagingReadsSources = {
  code: "SL02",
  name: "staging-reads-sources",
  description: "A staging model reads only sources and seeds, never another model or snapshot.",
  severity: "warning",
  enabledByDefault: true,
  check(context) {
    const violations = [];
    for (const node of projectModels(context)) {
      const layer = modelLayer(context, node);
      if (!isStagingLayer(context, layer)) continue;
      for (const parentId of context.graph.parents.get(node.uniqueId) ?? []) {
        const parent = context.graph.nodes.get(parentId);
        if (!parent || !MODEL_LIKE.has(parent.resourceType)) continue;
        violations.push({
          ...refCallPlace(node, parent.name),
          message: `${layer.layer.name} model '${node.name}' reads ${parent.resourceType} '${parent.name}': ${layer.layer.name} models read only sources and seeds (move the join to a higher layer)`
        });
      }
    }
    return violations;
  }
};

// src/lint/rules/unused-source.ts
var unusedSource = {
  code: "SL09",
  name: "unused-source",
  description: "Every declared source table is read by a model, snapshot, exposure or test of something else.",
  severity: "warning",
  enabledByDefault: true,
  check(context) {
    const violations = [];
    for (const node of context.graph.nodes.values()) {
      if (node.resourceType !== "source" || node.packageName !== context.project.name) continue;
      let read = false;
      for (const childId of context.graph.children.get(node.uniqueId) ?? []) {
        const child = context.graph.nodes.get(childId);
        if (child && !(child.resourceType === "test" && child.attachedNode === node.uniqueId)) {
          read = true;
          break;
        }
      }
      if (read) continue;
      violations.push({
        ...entryPlace(node),
        message: `source '${node.sourceName}.${node.name}' is declared but nothing reads it: read it with {{ source('${node.sourceName}', '${node.name}') }} or remove it`
      });
    }
    return violations;
  }
};

// src/lint/rules/project-rules.ts
var PROJECT_RULES = [
  layerNaming,
  stagingReadsSources,
  sourceOutsideStaging,
  layerDirection,
  hardCodedRelation,
  primaryKeyTest,
  documented,
  documentedColumnExists,
  unusedSource
];

// src/lint/rule-catalog.ts
var TEMPLATE_RULES = {
  renderFailed: { code: "TMP01", name: "renders", description: "The file renders: its Jinja runs and its refs and sources exist." },
  binary: { code: "TMP02", name: "text-file", description: "The file is UTF-8 text, not binary." },
  empty: { code: "TMP03", name: "not-empty", description: "The file has SQL in it." }
};
var NOQA_RULE = { code: "NOQA", name: "noqa-rules", description: "noqa comments name rules that exist." };
var ALL_RULES = [
  ...SQL_RULES,
  ...PROJECT_RULES,
  { ...FORMAT_RULE, severity: "warning", enabledByDefault: false },
  { ...TEMPLATE_RULES.renderFailed, severity: "error", enabledByDefault: true },
  { ...TEMPLATE_RULES.binary, severity: "error", enabledByDefault: true },
  { ...TEMPLATE_RULES.empty, severity: "warning", enabledByDefault: true },
  { ...NOQA_RULE, severity: "warning", enabledByDefault: true }
];
var ALWAYS_CHECKED = /* @__PURE__ */ new Set([TEMPLATE_RULES.renderFailed.code, TEMPLATE_RULES.binary.code, TEMPLATE_RULES.empty.code, NOQA_RULE.code]);

// src/lint/lint-targets.ts
import { existsSync, readFileSync as readFileSync2, realpathSync, statSync as statSync2 } from "node:fs";
import { basename as basename2, isAbsolute, relative, resolve } from "node:path";
var LINTED_TYPES = /* @__PURE__ */ new Set(["model", "test", "analysis", "snapshot"]);
var normalizeNewlines = (text) => text.replace(/\r\n?/g, "\n");
function lintableNodes(project) {
  return [...project.nodes.values()].filter(
    (node) => node.packageName === project.name && LINTED_TYPES.has(node.resourceType) && node.originalFilePath.endsWith(".sql") && !node.testMetadata
  );
}
function targetOf(node) {
  const kind = node.resourceType;
  if (kind !== "snapshot") {
    const text2 = normalizeNewlines(node.rawCode);
    return { kind, node, path: node.originalFilePath, absolutePath: node.absolutePath, text: text2, source: text2, template: node, templateFor: (fixed) => fixed };
  }
  let text;
  try {
    text = normalizeNewlines(readFileSync2(node.absolutePath, "utf8"));
  } catch {
    text = normalizeNewlines(node.rawCode);
  }
  const source = snapshotBlockOnly(text, node.name) ?? normalizeNewlines(node.rawCode);
  return {
    kind,
    node,
    path: node.originalFilePath,
    absolutePath: node.absolutePath,
    text,
    source,
    template: { ...node, uniqueId: `${node.uniqueId}#lint`, rawCode: source },
    templateFor: (fixed) => snapshotBlockOnly(fixed, node.name)
  };
}
var SNAPSHOT_BLOCK = /\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/dg;
var OUTSIDE = /--[ \t]*noqa\b[^\n]*|\/\*\s*noqa\b[\s\S]*?\*\/|[^\n]/gi;
function snapshotBlockOnly(text, name) {
  for (const match of text.matchAll(SNAPSHOT_BLOCK)) {
    if (match[1] !== name) continue;
    const [start, end] = match.indices[2];
    const blank = (part) => part.replace(OUTSIDE, (kept) => kept.length > 1 ? kept : " ");
    return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
  }
  return null;
}
function plainSqlTarget(project, path, absolutePath) {
  const text = normalizeNewlines(readFileSync2(absolutePath, "utf8"));
  const name = basename2(absolutePath).replace(/\.sql$/i, "");
  const node = {
    ...blankNode({ uniqueId: `sql.${project.name}.${path}`, resourceType: "analysis", name, packageName: project.name, path, originalFilePath: path, absolutePath, fqn: [project.name, name] }),
    rawCode: text
  };
  return { kind: "sql", node, path, absolutePath, text, source: text, template: node, templateFor: (fixed) => fixed };
}
function resolveGivenPaths(project, paths, cwd = process.cwd()) {
  const given = { files: /* @__PURE__ */ new Set(), plain: [], skipped: [] };
  const nodeFiles = new Set(lintableNodes(project).map((node) => node.originalFilePath));
  const allNodes = [...project.nodes.values()];
  const root = project.packages.find((pkg) => pkg.name === project.name && !pkg.internal);
  const macroFolders = root?.macroPaths ?? ["macros"];
  const seen = /* @__PURE__ */ new Set();
  for (const written of paths) {
    const absolute = resolve(cwd, written);
    if (!existsSync(absolute)) {
      throw new SluiceError(`no such file or folder: ${written}`, {
        hint: `paths are read from the current folder (${cwd}) or are absolute; --project-dir names the project, not where the paths start`
      });
    }
    const path = projectPath(project.root, absolute);
    if (seen.has(path)) continue;
    seen.add(path);
    const inside = !path.startsWith("../") && path !== ".." && !isAbsolute(path);
    if (statSync2(absolute).isDirectory()) {
      const prefix = path === "" ? "" : `${path}/`;
      const under = inside ? [...nodeFiles].filter((file) => file.startsWith(prefix)) : [];
      if (under.length) for (const file of under) given.files.add(file);
      else given.skipped.push({ file: path || ".", reason: inside ? "a folder with no models, tests, snapshots or analyses of the project in it" : "a folder outside the project" });
      continue;
    }
    const skip = (reason) => given.skipped.push({ file: path, reason });
    if (nodeFiles.has(path)) given.files.add(path);
    else if (/\.ya?ml$/i.test(path) && inside) given.files.add(path);
    else if (!/\.sql$/i.test(path)) skip("not a SQL file");
    else if (project.disabled.some((node) => node.originalFilePath === path)) skip("disabled (enabled: false in its config)");
    else if (allNodes.some((node) => node.originalFilePath === path && node.packageName !== project.name)) {
      skip(`a file of the installed package '${allNodes.find((node) => node.originalFilePath === path).packageName}': sluice lints the project's own files`);
    } else if ([...project.macros.values()].some((macro) => macro.originalFilePath === path) || inside && macroFolders.some((folder) => path.startsWith(`${folder.replace(/\/+$/, "")}/`))) {
      skip("a macro file: its SQL is linted where the models, tests and snapshots that call it use it");
    } else if (allNodes.some((node) => node.originalFilePath === path)) skip("its node has no SQL of its own to lint (a Python model, or defined in YAML)");
    else given.plain.push(plainSqlTarget(project, path, absolute));
  }
  return given;
}
function projectPath(projectRoot, absolute) {
  const plain = toPosix(relative(projectRoot, absolute));
  if (!plain.startsWith("..")) return plain;
  try {
    const real = toPosix(relative(realpathSync(projectRoot), realpathSync(absolute)));
    return real.startsWith("..") ? plain : real;
  } catch {
    return plain;
  }
}

// src/lint/lint-pool.ts
import { existsSync as existsSync2 } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { Worker } from "node:worker_threads";
var MIN_FILES_FOR_WORKERS = 48;
var BATCH_SIZE = 24;
var BATCHES_IN_FLIGHT = 3;
function workerScript() {
  const url = new URL("./lint-worker.js", import.meta.url);
  if (url.protocol !== "file:") return null;
  const path = fileURLToPath2(url);
  return existsSync2(path) ? path : null;
}
var LintPool = class {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  script = workerScript();
  inputs = [];
  results = [];
  workers = [];
  /** Inputs from here on are not yet in a batch. */
  batched = 0;
  queue = [];
  sent = /* @__PURE__ */ new Map();
  nextId = 0;
  inFlightLimit = BATCHES_IN_FLIGHT;
  failure = null;
  settle = null;
  /** How many workers this many files get. */
  workersFor(files) {
    if (!this.script) return 0;
    const wanted = this.options.workers ?? (files >= MIN_FILES_FOR_WORKERS ? Math.min(availableParallelism(), 8) : 0);
    return Math.min(wanted, Math.ceil(files / BATCH_SIZE));
  }
  /** Hands over a file; resolves once the main thread may go on (after letting finished batches in). */
  async add(input) {
    this.inputs.push(input);
    while (this.workers.length < this.workersFor(this.inputs.length)) this.startWorker();
    if (this.workers.length && this.inputs.length - this.batched >= BATCH_SIZE) {
      this.cutBatches(false);
      await new Promise((resolve2) => setImmediate(resolve2));
    }
  }
  async finish() {
    if (!this.workers.length) {
      await loadFormatterFor(this.inputs);
      return { results: this.inputs.map(lintFile), workers: 0 };
    }
    try {
      this.inFlightLimit = Infinity;
      this.cutBatches(true);
      await new Promise((resolve2) => {
        this.settle = resolve2;
        this.check();
      });
      if (this.failure) throw this.failure;
      return { results: this.results, workers: this.workers.length };
    } finally {
      await this.terminate();
    }
  }
  /** Stops the workers (finish does; call it when the files will not be finished). */
  async terminate() {
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }
  startWorker() {
    const worker = { thread: new Worker(this.script), inFlight: 0 };
    worker.thread.on("message", (message) => {
      worker.inFlight--;
      const batch = this.sent.get(message.id);
      this.sent.delete(message.id);
      if (message.error) this.fail(new Error(`lint worker failed: ${message.error}`));
      else message.results.forEach((result, i) => this.results[batch.start + i] = result);
      this.dispatch();
      this.check();
    });
    worker.thread.once("error", (error) => this.fail(error));
    worker.thread.once("exit", (code) => {
      if (worker.inFlight > 0) this.fail(new Error(`lint worker stopped (exit code ${code})`));
    });
    this.workers.push(worker);
  }
  cutBatches(all) {
    while (this.inputs.length - this.batched >= BATCH_SIZE || all && this.inputs.length > this.batched) {
      const start = this.batched;
      this.batched = Math.min(start + BATCH_SIZE, this.inputs.length);
      this.queue.push({ start, inputs: this.inputs.slice(start, this.batched) });
    }
    this.dispatch();
  }
  /** Sends queued batches to the least busy workers. */
  dispatch() {
    while (this.queue.length && !this.failure) {
      const worker = this.workers.reduce((least, candidate) => candidate.inFlight < least.inFlight ? candidate : least);
      if (worker.inFlight >= this.inFlightLimit) return;
      const batch = this.queue.shift();
      const id = this.nextId++;
      this.sent.set(id, batch);
      worker.inFlight++;
      worker.thread.postMessage({ id, inputs: batch.inputs });
    }
  }
  fail(error) {
    this.failure ??= error;
    this.check();
  }
  /** Resolves finish once every batch is back (or one failed). */
  check() {
    if (!this.settle) return;
    if (this.failure || this.batched === this.inputs.length && !this.queue.length && !this.sent.size) {
      this.settle();
      this.settle = null;
    }
  }
};

// src/lint/lint-project.ts
var FORMAT_INFO = { ...ALL_RULES.find((rule) => rule.code === FORMAT_RULE.code), enabledByDefault: true };
function errorPlace(error) {
  const sluice = error;
  const hint = sluice.hint ? ` (${sluice.hint})` : "";
  return { line: sluice.line ?? 1, column: sluice.column ?? 1, message: `${sluice.message ?? String(error)}${hint}` };
}
function projectTargets(session, request) {
  const { project, graph } = session;
  let nodes = lintableNodes(project);
  if (request.select?.length || request.exclude?.length) {
    const chosen = selectNodes(graph, { select: request.select, exclude: request.exclude, rootProject: project.name, stateModified: session.stateModified, stateNew: session.stateNew });
    nodes = nodes.filter((node) => chosen.has(node.uniqueId));
  }
  return nodes.map(targetOf).sort((a, b) => a.path.localeCompare(b.path) || a.node.name.localeCompare(b.node.name));
}
async function lintProject(session, request, renderErrors = /* @__PURE__ */ new Map()) {
  const started = performance.now();
  const { project, renderer } = session;
  const settings = loadLintSettings(project.root, ALL_RULES, project.warnings);
  applyRuleFlags(settings, ALL_RULES, request, ALWAYS_CHECKED);
  if (request.check || settings.flags?.only?.has(FORMAT_RULE.code)) settings.format.enabled = true;
  const dialect = renderer.dialect.name;
  const given = request.paths ? resolveGivenPaths(project, request.paths) : null;
  const wanted = given ? given.files : request.files ? new Set(request.files.map(normalizePath)) : request.changedSince ? changedFilesSince(project.root, request.changedSince) : null;
  const rootModels = [...project.nodes.values()].filter((node) => node.resourceType === "model" && node.packageName === project.name);
  settings.unfollowedLayers = unfollowedLayers(settings, rootModels);
  const selected = Boolean(request.select?.length || request.exclude?.length);
  const targets = [...projectTargets(session, request).filter((target) => !wanted || wanted.has(target.path)), ...given?.plain ?? []];
  const findings = [];
  const noqaOf = noqaReader();
  const noqaReported = /* @__PURE__ */ new Set();
  const report = (rule, target, place) => {
    const severity = ruleSetting(settings, rule, target.path);
    if (severity !== "off" && !isSilenced(noqaOf(target), place.line, rule.code, rule.name)) {
      findings.push({ file: target.path, rule: rule.code, severity, ...place });
    }
  };
  const ruleInfo = (code) => ALL_RULES.find((rule) => rule.code === code);
  const cache = request.cache === false ? null : new LintCache(project.targetPath);
  const pool = new LintPool({ workers: request.workers });
  const keys = [];
  const results = [];
  const linted = [];
  const misses = [];
  try {
    for (const target of targets) {
      const { source } = target;
      if (source.includes("\0") || source.includes("�")) {
        report(ruleInfo(TEMPLATE_RULES.binary.code), target, { line: 1, column: 1, message: "not a text file (binary or not UTF-8): not linted" });
        continue;
      }
      if (!source.trim()) {
        const what = target.kind === "model" ? ": the model builds nothing" : target.kind === "test" ? ": the test checks nothing" : "";
        report(ruleInfo(TEMPLATE_RULES.empty.code), target, { line: 1, column: 1, message: `the file is empty${what}` });
        continue;
      }
      for (const problem of noqaProblems(noqaOf(target), ALL_RULES, suggestCodes)) {
        const place = `${target.path}:${problem.line}:${problem.column}`;
        if (!noqaReported.has(place)) report(NOQA_INFO, target, problem);
        noqaReported.add(place);
      }
      let rendered = null;
      const loadError = renderErrors.get(target.node.uniqueId);
      try {
        if (loadError) throw loadError;
        rendered = renderer.renderWithSourceMap(target.template);
      } catch (error) {
        report(ruleInfo(TEMPLATE_RULES.renderFailed.code), target, errorPlace(error));
      }
      const input = { ...fileInput(settings, target, rendered, dialect, request.check ?? false), parseAll: request.parseAll };
      const i = linted.push(target) - 1;
      if (cache) keys.push(cache.keyOf(input));
      const hit = cache?.get(keys[i]);
      if (hit) results[i] = hit;
      else {
        misses.push(i);
        await pool.add(input);
      }
    }
  } catch (error) {
    await pool.terminate();
    throw error;
  }
  const linting = pool.finish();
  const lintedFiles = /* @__PURE__ */ new Set([...targets.map((target) => target.path), ...wanted ? [...wanted].filter((file) => /\.ya?ml$/.test(file)) : []]);
  const projectRules = projectRuleRun(session, settings, wanted || selected ? lintedFiles : null, request.builtColumns);
  try {
    projectRules.whileLinting();
  } catch (error) {
    await linting.catch(() => void 0);
    throw error;
  }
  const done = await linting;
  misses.forEach((i, n) => {
    results[i] = done.results[n];
    cache?.set(keys[i], done.results[n]);
  });
  cache?.save();
  const workers = done.workers;
  const byPath = new Map(results.map((result) => [result.path, result]));
  for (const result of results) findings.push(...result.findings);
  const models = new Map(linted.filter((target) => target.kind === "model").map((target) => [target.path, target]));
  findings.push(...projectRules.findings(byPath, (path) => models.has(path) ? noqaOf(models.get(path)) : null));
  const formatter = request.fix && settings.format.enabled ? await import("./format-sql-3Q2BG4YO.js") : null;
  const fixed = request.fix ? applyFixes(session, linted, results, findings, dialect, settings, formatter) : [];
  const stats = {
    files: new Set(targets.map((target) => target.path)).size,
    parseAttempted: results.filter((result) => result.parsed !== null).length,
    parsed: results.filter((result) => result.parsed).length,
    unparsed: results.filter((result) => result.parsed === false).map((result) => ({ file: result.path, reason: result.parseError ?? "not parsed" })),
    formatSkipped: results.filter((result) => result.formatSkipped).map((result) => ({ file: result.path, reason: result.formatSkipped })),
    workers,
    cached: linted.length - misses.length,
    seconds: (performance.now() - started) / 1e3,
    skipped: given?.skipped ?? []
  };
  const sorted = findings.map(({ fix: _fix, ...finding }) => finding).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return { findings: sorted, stats, fixed };
}
var NOQA_INFO = ALL_RULES.find((rule) => rule.code === NOQA_RULE.code);
var suggestCodes = (name) => closestNames(name, ALL_RULES.map((rule) => rule.code));
function noqaReader() {
  const read = /* @__PURE__ */ new WeakMap();
  return (target) => {
    let directives = read.get(target);
    if (!directives) {
      directives = readNoqa(target.source);
      read.set(target, directives);
    }
    return directives;
  };
}
function normalizePath(path) {
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}
function fileInput(settings, target, rendered, dialect, check) {
  const { node, path, source } = target;
  const rules = [];
  for (const rule of SQL_RULES) {
    const setting = ruleSetting(settings, rule, path);
    if (setting !== "off") rules.push([rule.code, setting]);
  }
  const formatSetting = ruleSetting(settings, FORMAT_INFO, path);
  const formatted = settings.format.enabled && formatSetting !== "off" && target.kind === "model";
  const format = formatted ? { settings: settings.format, severity: check ? "error" : formatSetting } : null;
  const isModel = target.kind === "model";
  return {
    path,
    source,
    rendered: rendered?.sql ?? null,
    map: rendered?.map ?? [],
    dialect,
    model: {
      name: node.name,
      resourceType: target.kind === "sql" ? "sql" : node.resourceType,
      materialized: String(node.config.materialized ?? "view"),
      layer: isModel ? layerOf(settings, path)?.name ?? null : null
    },
    rules,
    format,
    // SL05 reads the file as it is: with its newlines normalized, its offsets would not be the file's.
    findHardCodedRelations: isModel && source === node.rawCode && ruleSetting(settings, hardCodedRelation, path) !== "off"
  };
}
function projectRuleRun(session, settings, files, builtColumns) {
  let results = null;
  const columnsCache = /* @__PURE__ */ new Map();
  const linted = () => {
    if (!results) throw new Error("a project rule read the linted files before they were linted (mark it readsFileResults)");
    return results;
  };
  const outputColumns2 = (node) => {
    const fileResults = linted();
    const built = builtColumns?.(node);
    if (built) return built;
    const result = fileResults.get(node.originalFilePath);
    if (result) return result.outputColumns;
    if (!columnsCache.has(node.uniqueId)) {
      let columns = null;
      try {
        const rendered = session.renderer.renderWithSourceMap(node);
        const model = { name: node.name, resourceType: node.resourceType, materialized: String(node.config.materialized ?? "view"), layer: null };
        columns = outputColumns(new SqlFile({ path: node.originalFilePath, source: node.rawCode, rendered: rendered.sql, map: rendered.map, dialect: session.renderer.dialect.name, model }));
      } catch {
        columns = null;
      }
      columnsCache.set(node.uniqueId, columns);
    }
    return columnsCache.get(node.uniqueId);
  };
  const allFiles = files ?? /* @__PURE__ */ new Set();
  const hardCodedRelations = (node) => linted().get(node.originalFilePath)?.hardCodedRelations;
  const context = { project: session.project, graph: session.graph, settings, files: allFiles, outputColumns: outputColumns2, hardCodedRelations };
  const violations = /* @__PURE__ */ new Map();
  return {
    whileLinting() {
      for (const rule of PROJECT_RULES) if (!rule.readsFileResults) violations.set(rule, rule.check(context));
    },
    /** `noqaOf`: a linted model file's noqa comments (null for other files: YAML). */
    findings(fileResults, noqaOf) {
      results = fileResults;
      const findings = [];
      for (const rule of PROJECT_RULES) {
        for (const violation of violations.get(rule) ?? rule.check(context)) {
          if (files && !files.has(violation.file) && !(violation.about && files.has(violation.about))) continue;
          const severity = ruleSetting(settings, rule, violation.file);
          if (severity === "off") continue;
          const noqa = noqaOf(violation.file);
          if (noqa && isSilenced(noqa, violation.line, rule.code, rule.name)) continue;
          findings.push({ file: violation.file, line: violation.line, column: violation.column, rule: rule.code, severity, message: violation.message });
        }
      }
      return findings;
    }
  };
}
function compiledTokens(session, target, text, attempt) {
  const template = target.templateFor(text);
  if (template === null) return null;
  const copy = { ...target.node, uniqueId: `${target.node.uniqueId}#lint-fix-${attempt}`, rawCode: template };
  try {
    return codeTokens(tokenizeSql(session.renderer.renderWithSourceMap(copy).sql)).map(
      (token) => token.type === "keyword" || token.type === "word" ? token.text.toLowerCase() : token.text
    );
  } catch {
    return null;
  }
}
function applyEdits(text, edits) {
  const unique = [...new Map(edits.map((edit) => [`${edit.start}:${edit.end}:${edit.text}`, edit])).values()].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of unique) {
    if (edit.end > limit) continue;
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}
var fixAttempt = 0;
function applyFixes(session, linted, results, findings, dialect, settings, formatter) {
  const fixed = [];
  const byFile = /* @__PURE__ */ new Map();
  linted.forEach((target, i) => byFile.set(target.path, [...byFile.get(target.path) ?? [], i]));
  for (const [path, indexes] of byFile) {
    const targets = indexes.map((i) => linted[i]);
    const original = targets[0].text;
    const renders = (text2) => targets.map((target) => compiledTokens(session, target, text2, ++fixAttempt));
    const edits = findings.filter((finding) => finding.file === path && finding.fix).flatMap((finding) => finding.fix);
    let text = edits.length ? applyEdits(original, edits) : original;
    if (text !== original && renders(text).includes(null)) text = original;
    if (formatter && targets.length === 1 && targets[0].kind === "model") {
      const outcome = formatter.formatSqlSource(text, dialect, settings.format);
      if (outcome.status === "formatted") {
        const [before] = renders(text);
        const [after] = renders(outcome.text);
        if (before && after && before.length === after.length && before.every((token, i) => token === after[i])) text = outcome.text;
        else results[indexes[0]].formatSkipped = "formatting would change the compiled SQL; left as it is";
      }
    }
    if (text === original) continue;
    const file = targets[0].absolutePath;
    const temporary = `${file}.sluice-fix`;
    writeFileSync2(temporary, text);
    renameSync2(temporary, file);
    fixed.push(path);
  }
  return fixed;
}

export {
  TEMPLATE_RULES,
  ALL_RULES,
  lintProject
};
