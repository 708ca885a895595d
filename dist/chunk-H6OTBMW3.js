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
  ancestors,
  descendants
} from "./chunk-Z4AALHN7.js";
import {
  require_picomatch
} from "./chunk-JUZGTHLJ.js";
import {
  SluiceError,
  didYouMean
} from "./chunk-5FWABYZE.js";
import {
  __toESM
} from "./chunk-3BX4YTM4.js";

// src/graph/selector.ts
var import_picomatch = __toESM(require_picomatch(), 1);
function unmatchedMessage(unmatched) {
  return `The selection criterion '${unmatched.text}' does not match any enabled nodes${unmatched.suggestion ? ` (${unmatched.suggestion})` : ""}`;
}
var METHODS = [
  "fqn",
  "path",
  "file",
  "tag",
  "config",
  "resource_type",
  "package",
  "source",
  "exposure",
  "test_name",
  "test_type",
  "unit_test",
  "state",
  "group",
  "access",
  "version"
];
var METHODS_HINT = "valid methods: fqn, path, file, tag, config.<key>, resource_type, package, source, exposure, test_name, test_type, unit_test, state, group, access, version (e.g. tag:nightly, +stg_orders, path:models/staging)";
var UNSUPPORTED_METHODS = {
  result: "it needs the results of a previous run, which Sluice does not read",
  source_status: "it needs a previous source freshness run, which Sluice does not read",
  metric: "Sluice has no metrics",
  semantic_model: "Sluice has no semantic models",
  saved_query: "Sluice has no saved queries"
};
var RESOURCE_TYPES = [
  "model",
  "seed",
  "snapshot",
  "source",
  "test",
  "unit_test",
  "analysis",
  "exposure",
  "metric",
  "semantic_model",
  "saved_query",
  "operation",
  "function"
];
var TEST_TYPES = ["generic", "singular", "unit", "data"];
var STATE_VALUES = ["new", "old", "modified", "unmodified"];
var STATE_MODIFIED_ASPECTS = ["body", "configs", "relation", "persisted_descriptions", "macros", "contract"];
var VERSION_VALUES = ["latest", "prerelease", "old", "none"];
var ACCESS_VALUES = ["public", "protected", "private"];
function selectorError(message, hint = METHODS_HINT) {
  return new SluiceError(message, { hint });
}
function parseSelector(text) {
  const tokens = text.split(/\s+/).filter((token) => token !== "");
  if (tokens.length === 0) throw selectorError("The selector is empty");
  return {
    text: text.trim(),
    union: tokens.map((token) => {
      const parts = token.split(",");
      if (parts.some((part) => part === "")) {
        throw selectorError(
          `Selector '${token}' has an empty part around a comma`,
          "commas join criteria that must all match, with no spaces around them: tag:nightly,config.materialized:table"
        );
      }
      return { text: token, criteria: parts.map(parseCriterion) };
    })
  };
}
function parseCriterion(text) {
  let rest = text;
  let childrensParents = false;
  let parentsDepth;
  let childrenDepth;
  if (rest.startsWith("@")) {
    childrensParents = true;
    rest = rest.slice(1);
  }
  const parents = /^(\d*)\+/.exec(rest);
  if (parents) {
    parentsDepth = parents[1] === "" ? Infinity : Number(parents[1]);
    rest = rest.slice(parents[0].length);
  }
  const children = /\+(\d*)$/.exec(rest);
  if (children) {
    childrenDepth = children[1] === "" ? Infinity : Number(children[1]);
    rest = rest.slice(0, children.index);
  }
  if (childrensParents && childrenDepth !== void 0) {
    throw selectorError(
      `Selector '${text}' combines '@' with a trailing '+'`,
      "'@x' already selects x's descendants and their ancestors: write '@x' or 'x+'"
    );
  }
  if (rest.includes("+") || rest.includes("@")) {
    throw selectorError(
      `Selector '${text}' has a '+' or '@' in the middle`,
      "graph operators go around a criterion: '+x' and '2+x' add ancestors, 'x+' and 'x+1' descendants, '@x' both"
    );
  }
  let method;
  let methodArgs = [];
  let methodWritten = false;
  let value = rest;
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const written = rest.slice(0, colon);
    value = rest.slice(colon + 1);
    [method, methodArgs] = resolveMethod(written, text);
    methodWritten = true;
  } else if (rest.includes("/") || rest.includes("\\")) {
    method = "path";
  } else if (/\.(sql|py|csv)$/i.test(rest)) {
    method = "file";
  } else {
    method = "fqn";
  }
  if (value === "") throw selectorError(`Selector '${text}' has no value to match`);
  const criterion = { text, method, methodWritten, methodArgs, value, childrensParents };
  if (parentsDepth !== void 0) criterion.parentsDepth = parentsDepth;
  if (childrenDepth !== void 0) criterion.childrenDepth = childrenDepth;
  validateValue(criterion);
  return criterion;
}
function resolveMethod(written, text) {
  const [name, ...args] = written.split(".");
  if (!/^\w+$/.test(name) || args.some((arg) => arg === "")) {
    throw selectorError(`Selector '${text}' has a malformed method '${written}'`);
  }
  if (name in UNSUPPORTED_METHODS) {
    throw selectorError(`Selector method '${name}:' is not supported: ${UNSUPPORTED_METHODS[name]}`);
  }
  if (!METHODS.includes(name)) {
    const guess = didYouMean(name, METHODS);
    throw selectorError(`Unknown selector method '${name}' in '${text}'${guess ? `: ${guess}` : ""}`);
  }
  const method = name;
  if (method === "config" && args.length === 0) {
    throw selectorError(`Selector '${text}' needs a config key`, "name the key after 'config.': config.materialized:table");
  }
  if (method !== "config" && args.length > 0) {
    throw selectorError(`Selector method '${method}' takes no '.${args.join(".")}' in '${text}'`);
  }
  return [method, args];
}
function validateValue(criterion) {
  const { method, value, text } = criterion;
  const oneOf = (allowed, given) => {
    if (!allowed.includes(given)) {
      throw selectorError(`Selector '${text}': '${given}' is not a valid ${method} value`, `use one of: ${allowed.join(", ")}`);
    }
  };
  switch (method) {
    case "resource_type":
      oneOf(RESOURCE_TYPES, value);
      break;
    case "test_type":
      oneOf(TEST_TYPES, value);
      break;
    case "version":
      oneOf(VERSION_VALUES, value);
      break;
    case "access":
      oneOf(ACCESS_VALUES, value);
      break;
    case "state": {
      const [state, aspect, ...more] = value.split(".");
      oneOf(STATE_VALUES, state);
      if (aspect !== void 0) {
        if (state !== "modified" || more.length > 0) {
          throw selectorError(`Selector '${text}': only state:modified takes an aspect`, `use state:modified.<${STATE_MODIFIED_ASPECTS.join("|")}>`);
        }
        oneOf(STATE_MODIFIED_ASPECTS, aspect);
      }
      break;
    }
    case "source":
      if (value.split(".").length > 3) {
        throw selectorError(`Selector '${text}' names too many parts`, "use source:<source>, source:<source>.<table> or source:<package>.<source>.<table>");
      }
      break;
    case "exposure":
      if (value.split(".").length > 2) {
        throw selectorError(`Selector '${text}' names too many parts`, "use exposure:<name> or exposure:<package>.<name>");
      }
      break;
    default:
      break;
  }
}
function selectNodes(graph, options, index = new NodeIndex(graph)) {
  const include = parseAll(options.select ?? []);
  const exclude = parseAll(options.exclude ?? []);
  for (const expression of [...include, ...exclude]) checkStateAvailable(expression, options);
  const selection = { graph, options, mode: options.indirectSelection ?? "eager", index };
  let selected = include.length ? combine(selection, include.map((expression) => selectExpression(selection, expression)), "union") : { direct: new Set(graph.nodes.keys()), indirect: /* @__PURE__ */ new Set() };
  if (exclude.length) {
    const excluded = combine(selection, exclude.map((expression) => selectExpression(selection, expression)), "union");
    selected = combine(selection, [selected, excluded], "difference");
  }
  const types = options.resourceTypes ? new Set(options.resourceTypes) : void 0;
  const result = /* @__PURE__ */ new Set();
  for (const [id, node] of graph.nodes) {
    if (selected.direct.has(id) && (!types || types.has(node.resourceType))) result.add(id);
  }
  return result;
}
function parseAll(texts) {
  return texts.filter((text) => text.trim() !== "").map(parseSelector);
}
function checkStateAvailable(expression, options) {
  for (const intersection of expression.union) {
    for (const criterion of intersection.criteria) {
      if (criterion.method !== "state") continue;
      const state = criterion.value.split(".")[0];
      const needsModified = state === "modified" || state === "unmodified";
      if (needsModified ? !options.stateModified : !options.stateNew) {
        throw new SluiceError(`state:${state} needs a production state`, {
          hint: "state: selectors compare with what production last deployed; plan against an environment whose production state is recorded"
        });
      }
    }
  }
}
function selectExpression(selection, expression) {
  return combine(
    selection,
    expression.union.map((intersection) => {
      const selected = combine(selection, intersection.criteria.map((criterion) => selectCriterion(selection, criterion)), "intersection");
      if (selected.direct.size === 0 && selection.options.onUnmatched) {
        selection.options.onUnmatched({ text: intersection.text, suggestion: suggestionFor(selection, intersection) });
      }
      return selected;
    }),
    "union"
  );
}
function suggestionFor(selection, intersection) {
  const nodes = [...selection.graph.nodes.values()];
  for (const criterion of intersection.criteria) {
    const matches = criterionMatcher(criterion, selection.options);
    if (nodes.some(matches)) continue;
    const candidates = /* @__PURE__ */ new Set();
    for (const node of nodes) for (const candidate of candidateValues(criterion, node, selection.options)) candidates.add(candidate);
    const guess = didYouMean(criterion.value, candidates);
    if (!guess) continue;
    const start = criterion.methodWritten ? criterion.text.indexOf(":") + 1 : criterion.text.indexOf(criterion.value);
    const [before, after] = [criterion.text.slice(0, start), criterion.text.slice(start + criterion.value.length)];
    return guess.replace(/'([^']*)'/g, (_, value) => `'${before}${value}${after}'`);
  }
  return void 0;
}
function candidateValues(criterion, node, options) {
  switch (criterion.method) {
    case "fqn":
      return criterion.value.includes(".") ? [node.name, node.fqn.slice(1).join("."), node.fqn.join(".")] : [node.name];
    case "path": {
      const parts = normalisePath(node.originalFilePath).split("/");
      return parts.map((_, index) => parts.slice(0, index + 1).join("/"));
    }
    case "file":
      return [baseName(node.originalFilePath)];
    case "tag":
      return tagsOf(node);
    case "package":
      return [node.packageName, ...node.packageName === options.rootProject ? ["this"] : []];
    case "source":
      return node.resourceType === "source" && node.sourceName ? [node.sourceName, `${node.sourceName}.${node.name}`] : [];
    case "exposure":
      return node.resourceType === "exposure" ? [node.name] : [];
    case "group":
      return typeof node.config.group === "string" ? [node.config.group] : [];
    case "test_name":
      return node.testMetadata ? [node.testMetadata.name] : [];
    case "unit_test":
      return node.resourceType === "unit_test" ? [node.name] : [];
    default:
      return [];
  }
}
function selectCriterion(selection, criterion) {
  const { graph } = selection;
  const indexed = selection.index.lookup(criterion);
  const matched = new Set(indexed);
  if (!indexed) {
    const matches = criterionMatcher(criterion, selection.options);
    for (const [id, node] of graph.nodes) if (matches(node)) matched.add(id);
  }
  const collected = new Set(matched);
  if (criterion.childrensParents) {
    const below = descendants(graph, matched);
    for (const id of below) collected.add(id);
    for (const id of ancestors(graph, [...matched, ...below])) collected.add(id);
  }
  if (criterion.parentsDepth !== void 0) {
    for (const id of ancestors(graph, matched, criterion.parentsDepth)) collected.add(id);
  }
  if (criterion.childrenDepth !== void 0) {
    for (const id of descendants(graph, matched, criterion.childrenDepth)) collected.add(id);
  }
  return addTestsOf(selection, collected);
}
function addTestsOf(selection, selected) {
  const { graph, mode } = selection;
  const direct = new Set(selected);
  const indirect = /* @__PURE__ */ new Set();
  if (mode === "empty") return { direct, indirect };
  const buildable = mode === "buildable" ? buildableFrom(graph, selected) : void 0;
  for (const id of selected) {
    for (const childId of graph.children.get(id) ?? []) {
      if (direct.has(childId) || indirect.has(childId)) continue;
      const subjects = testSubjects(graph, childId);
      if (!subjects || !subjects.includes(id)) continue;
      if (mode === "eager" || subjects.every((subject) => selected.has(subject))) direct.add(childId);
      else if (buildable && subjects.every((subject) => buildable.has(subject))) direct.add(childId);
      else indirect.add(childId);
    }
  }
  return { direct, indirect };
}
function buildableFrom(graph, selected) {
  const allowed = /* @__PURE__ */ new Set([...selected, ...ancestors(graph, selected)]);
  for (const [id, node] of graph.nodes) if (node.resourceType === "source") allowed.add(id);
  return allowed;
}
function testSubjects(graph, id) {
  const node = graph.nodes.get(id);
  if (!node) return void 0;
  const parents = [...graph.parents.get(id) ?? []];
  if (node.resourceType === "test") return parents;
  if (node.resourceType !== "unit_test") return void 0;
  if (node.attachedNode) return [node.attachedNode];
  const model = node.unitTest?.model;
  const tested = parents.filter((parent) => {
    const parentNode = graph.nodes.get(parent);
    return parentNode?.resourceType === "model" && parentNode.name === model;
  });
  return tested.length ? tested : parents;
}
function combine(selection, parts, operation) {
  const directSets = parts.map((part) => part.direct);
  const candidateSets = parts.map((part) => /* @__PURE__ */ new Set([...part.direct, ...part.indirect]));
  const direct = setOperation(directSets, operation);
  const candidates = setOperation(candidateSets, operation);
  const { graph, mode } = selection;
  if (mode === "cautious" || mode === "buildable") {
    const allowed = mode === "buildable" ? /* @__PURE__ */ new Set([...direct, ...ancestors(graph, direct)]) : direct;
    for (const id of candidates) {
      if (direct.has(id)) continue;
      const subjects = testSubjects(graph, id);
      if (subjects && subjects.every((subject) => allowed.has(subject))) direct.add(id);
    }
  }
  return { direct, indirect: candidates };
}
function setOperation(sets, operation) {
  const [first, ...rest] = sets;
  const result = new Set(first);
  for (const set of rest) {
    if (operation === "union") {
      for (const id of set) result.add(id);
    } else if (operation === "intersection") {
      for (const id of result) if (!set.has(id)) result.delete(id);
    } else {
      for (const id of set) result.delete(id);
    }
  }
  return result;
}
function criterionMatcher(criterion, options) {
  const { value } = criterion;
  switch (criterion.method) {
    case "fqn":
      return (node) => fqnMatches(node, value);
    case "path":
      return pathMatcher(value);
    case "file":
      return (node) => fileNames(node).some((name) => fnmatch(name, value));
    case "tag":
      return (node) => tagsOf(node).some((tag) => fnmatch(tag, value));
    case "config":
      return configMatcher(criterion.methodArgs, value);
    case "resource_type":
      return (node) => node.resourceType === value;
    case "package": {
      const packageName = value === "this" ? options.rootProject : value;
      return (node) => fnmatch(node.packageName, packageName);
    }
    case "source":
      return sourceMatcher(value);
    case "exposure": {
      const parts = value.split(".");
      const name = parts.pop();
      const packageName = parts[0];
      return (node) => node.resourceType === "exposure" && fnmatch(node.name, name) && (packageName === void 0 || fnmatch(node.packageName, packageName));
    }
    case "test_name":
      return (node) => {
        const metadata = node.testMetadata;
        if (node.resourceType !== "test" || !metadata) return false;
        return fnmatch(metadata.name, value) || !!metadata.namespace && fnmatch(`${metadata.namespace}.${metadata.name}`, value);
      };
    case "test_type":
      return testTypeMatcher(value);
    case "unit_test":
      return (node) => node.resourceType === "unit_test" && fqnMatches(node, value);
    case "state":
      return stateMatcher(value, options);
    case "group":
      return (node) => typeof node.config.group === "string" && fnmatch(node.config.group, value);
    case "access":
      return (node) => node.resourceType === "model" && (node.config.access ?? "protected") === value;
    case "version":
      return versionMatcher(value);
  }
}
function fqnMatches(node, selector) {
  const leaves = fqnLeaves(node);
  const dotted = selector.includes(".");
  if (leaves.some((leaf) => leaf === selector || !dotted && fnmatch(leaf, selector))) return true;
  const parts = selector.split(".");
  return fqnPrefixMatches(node.fqn, parts) || fqnPrefixMatches(node.fqn.slice(1), parts);
}
function fqnPrefixMatches(fqn, selectorParts) {
  const flat = flatFqn(fqn);
  if (flat.length < selectorParts.length) return false;
  for (let i = 0; i < selectorParts.length; i++) {
    if (hasWildcard(selectorParts[i])) return fnmatch(flat.slice(i).join("."), selectorParts.slice(i).join("."));
    if (flat[i] !== selectorParts[i]) return false;
  }
  return true;
}
function flatFqn(fqn) {
  return fqn.some((segment) => segment.includes(".")) ? fqn.flatMap((segment) => segment.split(".")) : fqn;
}
function fqnLeaves(node) {
  const leaves = [node.name];
  if (node.version !== void 0) {
    const version = `v${node.version}`.replace(/\./g, "_");
    leaves.push(`${node.name}_${version}`, `${node.name}.${version}`);
  } else if (node.fqn.length) {
    leaves.push(node.fqn[node.fqn.length - 1]);
  }
  return leaves;
}
function pathMatcher(value) {
  const pattern = normalisePath(value);
  const matches = hasWildcard(pattern) ? (0, import_picomatch.default)(pattern, { dot: true }) : (candidate) => candidate === pattern;
  return (node) => pathAndFolders(node).some((path) => matches(path));
}
function pathAndFolders(node) {
  const paths = [];
  let candidate = normalisePath(node.originalFilePath);
  while (candidate !== "") {
    paths.push(candidate);
    const slash = candidate.lastIndexOf("/");
    candidate = slash < 0 ? "" : candidate.slice(0, slash);
  }
  return paths;
}
function normalisePath(path) {
  return path.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/+$/, "");
}
function baseName(path) {
  return normalisePath(path).split("/").pop() ?? "";
}
function fileNames(node) {
  const name = baseName(node.originalFilePath);
  return [name, name.replace(/\.[^.]*$/, "")];
}
function tagsOf(node) {
  return [...node.tags, ...node.config.tags ?? []];
}
var INDEX_KEYS = {
  fqn: (node) => {
    const keys = fqnLeaves(node);
    for (const fqn of [flatFqn(node.fqn), flatFqn(node.fqn.slice(1))]) {
      let prefix = fqn[0];
      for (let i = 0; i < fqn.length; i++) keys.push(i === 0 ? prefix : prefix = `${prefix}.${fqn[i]}`);
    }
    return keys;
  },
  path: pathAndFolders,
  file: fileNames,
  tag: tagsOf
};
var NodeIndex = class {
  constructor(graph) {
    this.graph = graph;
  }
  graph;
  maps = /* @__PURE__ */ new Map();
  /** The unique_ids the criterion matches, before graph operators; undefined when every node must be tested. */
  lookup(criterion) {
    const { method } = criterion;
    if (!(method in INDEX_KEYS)) return void 0;
    const value = method === "path" ? normalisePath(criterion.value) : criterion.value;
    if (hasWildcard(value)) return void 0;
    return this.map(method).get(value) ?? [];
  }
  map(method) {
    let map = this.maps.get(method);
    if (!map) {
      map = /* @__PURE__ */ new Map();
      for (const [id, node] of this.graph.nodes) {
        for (const key of INDEX_KEYS[method](node)) {
          const ids = map.get(key);
          if (!ids) map.set(key, [id]);
          else if (ids[ids.length - 1] !== id) ids.push(id);
        }
      }
      this.maps.set(method, map);
    }
    return map;
  }
};
function configMatcher(keys, value) {
  const caseless = keys.length === 1 && keys[0] === "severity";
  const equals = (configValue) => {
    if (typeof configValue === "string") return caseless ? configValue.toLowerCase() === value.toLowerCase() : configValue === value;
    if (typeof configValue === "boolean") return String(configValue) === value.toLowerCase();
    if (typeof configValue === "number") return String(configValue) === value;
    return false;
  };
  return (node) => {
    let current = node.config;
    for (const key of keys) {
      if (current === null || typeof current !== "object" || !(key in current)) return false;
      current = current[key];
    }
    return Array.isArray(current) ? current.some(equals) : equals(current);
  };
}
function sourceMatcher(value) {
  const parts = value.split(".");
  const [packageName, sourceName, tableName] = parts.length === 3 ? parts : parts.length === 2 ? [void 0, parts[0], parts[1]] : [void 0, parts[0], void 0];
  return (node) => node.resourceType === "source" && fnmatch(node.sourceName ?? "", sourceName) && (tableName === void 0 || fnmatch(node.name, tableName)) && (packageName === void 0 || fnmatch(node.packageName, packageName));
}
function testTypeMatcher(value) {
  switch (value) {
    case "generic":
      return (node) => node.resourceType === "test" && !!node.testMetadata;
    case "singular":
      return (node) => node.resourceType === "test" && !node.testMetadata;
    case "unit":
      return (node) => node.resourceType === "unit_test";
    default:
      return (node) => node.resourceType === "test";
  }
}
function stateMatcher(value, options) {
  const [state, aspect] = value.split(".");
  const modified = options.stateModified;
  const isNew = options.stateNew;
  switch (state) {
    case "modified":
      return (node) => modified(node.uniqueId, aspect);
    case "unmodified":
      return (node) => !modified(node.uniqueId);
    case "new":
      return (node) => isNew(node.uniqueId);
    default:
      return (node) => !isNew(node.uniqueId);
  }
}
function versionMatcher(value) {
  return (node) => {
    if (node.resourceType !== "model") return false;
    if (node.version === void 0) return value === "none";
    const latest = node.latestVersion ?? node.version;
    const order = compareVersions(node.version, latest);
    if (value === "latest") return order === 0;
    if (value === "prerelease") return order > 0;
    if (value === "old") return order < 0;
    return false;
  };
}
function compareVersions(a, b) {
  const numbers = [Number(a), Number(b)];
  if (numbers.every((n) => !Number.isNaN(n))) return Math.sign(numbers[0] - numbers[1]);
  return a === b ? 0 : a < b ? -1 : 1;
}
var fnmatchCache = /* @__PURE__ */ new Map();
function hasWildcard(text) {
  return /[*?[]/.test(text);
}
function fnmatch(name, pattern) {
  if (!hasWildcard(pattern)) return name === pattern;
  let regex = fnmatchCache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${fnmatchSource(pattern)}$`, "s");
    fnmatchCache.set(pattern, regex);
  }
  return regex.test(name);
}
function fnmatchSource(pattern) {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else if (char === "[") {
      let end = i + 1;
      if (pattern[end] === "!") end++;
      if (pattern[end] === "]") end++;
      end = pattern.indexOf("]", end);
      if (end < 0) {
        source += "\\[";
        continue;
      }
      let members = pattern.slice(i + 1, end);
      const negated = members.startsWith("!");
      if (negated) members = members.slice(1);
      source += `[${negated ? "^" : ""}${members.replace(/[\\^\]]/g, (m, offset) => m === "^" && offset > 0 ? m : `\\${m}`)}]`;
      i = end;
    } else source += char.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return source;
}

// src/diff/primary-key.ts
function primaryKeyFor(inputs) {
  const fromConfig = columnList(inputs.uniqueKey);
  if (fromConfig) return { columns: fromConfig, source: "unique_key" };
  const fromMeta = columnList(inputs.meta?.primary_key);
  if (fromMeta) return { columns: fromMeta, source: "meta.primary_key" };
  const tested = inputs.columnTests?.find(({ tests }) => hasTest(tests, "unique") && hasTest(tests, "not_null"));
  return tested ? { columns: [tested.column], source: "tests" } : null;
}
function hasTest(tests, name) {
  return tests.some((test) => test.toLowerCase() === name || test.toLowerCase().endsWith(`.${name}`));
}
function columnList(value) {
  const parts = typeof value === "string" ? value.split(",") : Array.isArray(value) && value.every((part) => typeof part === "string") ? value : null;
  if (!parts) return null;
  const names = parts.map((part) => columnName(part.trim()));
  if (!names.length || names.some((name) => name === null)) return null;
  return names;
}
function columnName(text) {
  const quoted = /^(["`])(.+)\1$/.exec(text);
  if (quoted) return quoted[2];
  return /^[\p{L}_][\p{L}\p{N}_$]*$/u.test(text) ? text : null;
}

export {
  unmatchedMessage,
  selectNodes,
  NodeIndex,
  primaryKeyFor
};
