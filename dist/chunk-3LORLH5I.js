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
  parseErrorMessage,
  parseableSql,
  require_picomatch,
  sqlParserFor
} from "./chunk-JUZGTHLJ.js";
import {
  isRecord,
  readYaml
} from "./chunk-TREVE4EE.js";
import {
  codeTokens,
  tokenizeSql
} from "./chunk-DMNIRXCU.js";
import {
  SluiceError,
  closestNames
} from "./chunk-5FWABYZE.js";
import {
  __toESM
} from "./chunk-3BX4YTM4.js";

// src/lint/rules/query-shape.ts
var CLAUSES = /* @__PURE__ */ new Set(["from", "where", "having", "qualify", "window", "limit", "lateral"]);
var BY_CLAUSES = /* @__PURE__ */ new Set(["group", "order", "cluster", "distribute", "sort"]);
var SET_OPERATORS = /* @__PURE__ */ new Set(["union", "except", "intersect", "minus"]);
var JOIN_WORDS = /* @__PURE__ */ new Set(["join", "left", "right", "full", "inner", "outer", "cross", "natural", "anti", "semi", "asof", "positional", "on", "using"]);
var cache = /* @__PURE__ */ new WeakMap();
function queryShape(file) {
  let shape = cache.get(file);
  if (!shape) {
    shape = buildQueryShape(codeTokens(file.tokens));
    cache.set(file, shape);
  }
  return shape;
}
function identifierName(token) {
  if (token.type === "quoted") {
    const quote = token.text[0];
    return token.text.slice(1, token.text.endsWith(quote) && token.text.length > 1 ? -1 : void 0).split(quote + quote).join(quote).toLowerCase();
  }
  return token.text.toLowerCase();
}
function isWord(token, word) {
  return token !== void 0 && (token.type === "keyword" || token.type === "word") && token.text.length === word.length && token.text.toLowerCase() === word;
}
function isName(token) {
  return token !== void 0 && (token.type === "word" || token.type === "quoted");
}
function buildQueryShape(tokens) {
  const count = tokens.length;
  const depth = new Int32Array(count);
  const partner = new Int32Array(count).fill(-1);
  const owner = new Int32Array(count).fill(-1);
  const selects = [];
  const open = [];
  const parens = [];
  let level = 0;
  const close = (select, end) => {
    select.end = end;
    finishSelect(select, tokens, depth, partner);
  };
  for (let i = 0; i < count; i++) {
    const token = tokens[i];
    let top = open[open.length - 1];
    if (token.type === "open") {
      depth[i] = level;
      owner[i] = top ? top.index : -1;
      parens.push(i);
      level++;
      continue;
    }
    if (token.type === "close") {
      const opening = parens.pop();
      if (opening !== void 0) {
        partner[opening] = i;
        partner[i] = opening;
      }
      level = Math.max(0, level - 1);
      while (top && top.depth > level) {
        close(open.pop(), i);
        top = open[open.length - 1];
      }
      depth[i] = level;
      owner[i] = top ? top.index : -1;
      continue;
    }
    depth[i] = level;
    if (token.type === "semicolon") {
      while (top && top.depth >= level) {
        close(open.pop(), i);
        top = open[open.length - 1];
      }
      continue;
    }
    if (token.type === "keyword" || token.type === "word") {
      const word = token.text.toLowerCase();
      if (word === "select") {
        while (top && top.depth >= level) {
          close(open.pop(), i);
          top = open[open.length - 1];
        }
        const select = {
          index: selects.length,
          start: i,
          end: count,
          depth: level,
          parent: top ?? null,
          distinct: -1,
          items: [],
          clauses: /* @__PURE__ */ new Map(),
          sources: [],
          setOperation: false
        };
        selects.push(select);
        open.push(select);
        owner[i] = select.index;
        continue;
      }
      if (top && top.depth === level) {
        if (SET_OPERATORS.has(word) && tokens[i - 1]?.text !== "*") {
          close(open.pop(), i);
          top = open[open.length - 1];
        } else if (word === "distinct" && i === top.start + 1) top.distinct = i;
        else if (!top.clauses.has(word)) {
          if (word === "from") {
            if (!(isWord(tokens[i - 1], "distinct") && i - 1 !== top.distinct)) top.clauses.set(word, i);
          } else if (CLAUSES.has(word)) top.clauses.set(word, i);
          else if (BY_CLAUSES.has(word) && isWord(tokens[i + 1], "by")) top.clauses.set(word, i);
        }
      }
    }
    owner[i] = top ? top.index : -1;
  }
  while (open.length) close(open.pop(), count);
  for (const select of selects) select.setOperation = inSetOperation(select, tokens);
  return { tokens, depth, partner, owner, selects, ctes: findCtes(tokens, partner) };
}
function finishSelect(select, tokens, depth, partner) {
  let listStart = select.start + 1;
  if (select.distinct >= 0) {
    listStart = select.distinct + 1;
    if (isWord(tokens[listStart], "on") && tokens[listStart + 1]?.type === "open") listStart = Math.max(listStart, partner[listStart + 1] + 1);
  } else if (isWord(tokens[listStart], "all")) listStart++;
  let listEnd = select.end;
  for (const index of select.clauses.values()) listEnd = Math.min(listEnd, index);
  let itemStart = listStart;
  for (let i = listStart; i <= listEnd; i++) {
    if (i === listEnd || tokens[i].type === "comma" && depth[i] === select.depth) {
      if (i > itemStart) select.items.push({ start: itemStart, end: i });
      itemStart = i + 1;
    }
  }
  const from = select.clauses.get("from");
  if (from === void 0) return;
  let fromEnd = select.end;
  for (const [clause, index] of select.clauses) if (clause !== "from" && clause !== "lateral" && index > from) fromEnd = Math.min(fromEnd, index);
  select.sources = readSources(tokens, depth, partner, select.depth, from + 1, fromEnd);
}
function readSources(tokens, depth, partner, level, start, end) {
  const sources = [];
  let expectSource = true;
  let i = start;
  while (i < end) {
    const token = tokens[i];
    if (depth[i] !== level) {
      i++;
      continue;
    }
    if (token.type === "comma" || isWord(token, "join")) {
      expectSource = true;
      i++;
      continue;
    }
    if (isWord(token, "lateral") && isWord(tokens[i + 1], "view")) {
      expectSource = true;
      i += isWord(tokens[i + 2], "outer") ? 3 : 2;
      continue;
    }
    if (!expectSource || isWord(token, "lateral") || isWord(token, "view") || isWord(token, "outer")) {
      i++;
      continue;
    }
    const source = { kind: "other", name: [], alias: null, nameTokens: [], open: -1, close: -1 };
    if (token.type === "open") {
      source.open = i;
      source.close = partner[i] >= 0 ? partner[i] : end;
      if (isWord(tokens[i + 1], "select") || isWord(tokens[i + 1], "with")) source.kind = "subquery";
      i = source.close + 1;
    } else if (isName(token) || token.type === "keyword") {
      for (; ; ) {
        source.name.push(identifierName(tokens[i]));
        source.nameTokens.push(i);
        if (tokens[i + 1]?.type === "dot" && tokens[i + 2] && i + 2 < end) i += 2;
        else break;
      }
      i++;
      source.kind = "table";
      if (tokens[i]?.type === "open" && i < end) {
        source.kind = "function";
        i = (partner[i] >= 0 ? partner[i] : end) + 1;
      }
    } else {
      i++;
      continue;
    }
    if (isWord(tokens[i], "as") && i < end) i++;
    const alias = tokens[i];
    if (i < end && isName(alias) && !JOIN_WORDS.has(alias.text.toLowerCase())) {
      source.alias = identifierName(alias);
      source.nameTokens.push(i);
      i++;
    }
    sources.push(source);
    expectSource = false;
  }
  return sources;
}
function inSetOperation(select, tokens) {
  let after = select.end;
  while (tokens[after]?.type === "close") after++;
  const next = tokens[after];
  if (next && SET_OPERATORS.has(next.text.toLowerCase())) return true;
  let before = select.start - 1;
  while (tokens[before]?.type === "open") before--;
  if (isWord(tokens[before], "name") && isWord(tokens[before - 1], "by")) before -= 2;
  if (isWord(tokens[before], "all") || isWord(tokens[before], "distinct")) before--;
  const previous = tokens[before];
  return previous !== void 0 && SET_OPERATORS.has(previous.text.toLowerCase());
}
function findCtes(tokens, partner) {
  const ctes = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], "with")) continue;
    let j = i + 1;
    if (isWord(tokens[j], "recursive")) j++;
    for (; ; ) {
      const name = tokens[j];
      if (!name || !(isName(name) || name.type === "keyword")) break;
      let k = j + 1;
      if (tokens[k]?.type === "open" && partner[k] > k) k = partner[k] + 1;
      if (!isWord(tokens[k], "as")) break;
      k++;
      if (isWord(tokens[k], "not")) k++;
      if (isWord(tokens[k], "materialized")) k++;
      if (tokens[k]?.type !== "open" || partner[k] < k) break;
      ctes.push({ name: identifierName(name), nameToken: j, open: k, close: partner[k] });
      j = partner[k] + 1;
      if (tokens[j]?.type !== "comma") break;
      j++;
    }
  }
  return ctes;
}
function selectsWithin(shape, open, close) {
  return shape.selects.filter((select) => select.start > open && select.start < close && (select.parent === null || select.parent.start < open));
}
function outermostSelects(shape) {
  return shape.selects.filter((select) => select.parent === null && !shape.ctes.some((cte) => select.start > cte.open && select.start < cte.close));
}
function wildcardOf(shape, item) {
  const tokens = shape.tokens;
  if (tokens[item.start].text === "*") return { qualifier: "", star: item.start };
  let i = item.start;
  while (i + 1 < item.end && isName(tokens[i]) && tokens[i + 1].type === "dot") {
    if (tokens[i + 2]?.text === "*" && i + 2 < item.end) return { qualifier: identifierName(tokens[i]), star: i + 2 };
    i += 2;
  }
  return null;
}

// src/lint/rules/unique-violations.ts
function uniqueViolations(violations) {
  if (violations.length < 2) return violations;
  const seen = /* @__PURE__ */ new Set();
  return violations.filter((violation) => {
    const key = `${violation.line}:${violation.column}:${violation.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// src/lint/rules/column-order.ts
var BAND_NAMES = ["a wildcard", "a simple column", "a calculation"];
var columnOrder = {
  code: "ST06",
  name: "column-order",
  description: "In a select list, wildcards come first, then plain columns, then calculations, aggregates and window functions.",
  severity: "warning",
  enabledByDefault: false,
  needsAst: false,
  check(file) {
    const shape = queryShape(file);
    const violations = [];
    for (const select of shape.selects) {
      if (select.setOperation) continue;
      let highest = 0;
      let highestItem = null;
      for (const item of select.items) {
        const band = bandOf(shape, item);
        if (band < highest && highestItem) {
          const after = shape.tokens[highestItem.start];
          violations.push({
            ...file.position(shape.tokens[item.start].start),
            message: `${BAND_NAMES[band]} comes after ${BAND_NAMES[highest]} (line ${file.position(after.start).line}): put wildcards, then plain columns, before calculations`
          });
          break;
        }
        if (band > highest) {
          highest = band;
          highestItem = item;
        }
      }
    }
    return uniqueViolations(violations);
  }
};
function bandOf(shape, item) {
  if (wildcardOf(shape, item)) return 0;
  const tokens = shape.tokens.slice(item.start, item.end);
  const expression = withoutAlias(tokens);
  return isSimple(expression) ? 1 : 2;
}
function withoutAlias(tokens) {
  const length = tokens.length;
  if (length >= 3 && isWord(tokens[length - 2], "as")) return tokens.slice(0, -2);
  const last = tokens[length - 1];
  const before = tokens[length - 2];
  if (length >= 2 && (last.type === "word" || last.type === "quoted") && before.type !== "dot" && before.type !== "operator") return tokens.slice(0, -1);
  return tokens;
}
function isSimple(tokens) {
  if (tokens.length >= 5 && isWord(tokens[0], "cast") && tokens[1].type === "open" && tokens[tokens.length - 1].type === "close") {
    const as = tokens.findIndex((token) => isWord(token, "as"));
    return as > 2 && isPlainValue(tokens.slice(2, as));
  }
  const cast = tokens.findIndex((token) => token.text === "::");
  if (cast > 0) return isPlainValue(tokens.slice(0, cast)) && tokens.slice(cast + 1).every((token) => token.type !== "operator");
  return isPlainValue(tokens);
}
function isPlainValue(tokens) {
  if (tokens.length === 1) {
    const token = tokens[0];
    if (token.type === "number" || token.type === "string" || token.type === "word" || token.type === "quoted") return true;
    return token.type === "keyword" && ["true", "false", "null"].includes(token.text.toLowerCase());
  }
  if (tokens.length % 2 === 0) return false;
  return tokens.every((token, index) => index % 2 === 0 ? token.type === "word" || token.type === "quoted" : token.type === "dot");
}

// src/lint/rules/distinct-with-group-by.ts
var distinctWithGroupBy = {
  code: "AM01",
  name: "distinct-with-group-by",
  description: "A select uses either SELECT DISTINCT or GROUP BY, not both.",
  severity: "warning",
  enabledByDefault: true,
  needsAst: false,
  check(file) {
    const shape = queryShape(file);
    const violations = [];
    for (const select of shape.selects) {
      if (select.distinct < 0 || !select.clauses.has("group")) continue;
      violations.push({
        ...file.position(shape.tokens[select.distinct].start),
        message: "DISTINCT with GROUP BY in the same select: the grouping already makes rows distinct; drop DISTINCT or group by what should be distinct"
      });
    }
    return uniqueViolations(violations);
  }
};

// src/lint/rules/jinja-spacing.ts
var jinjaSpacing = {
  code: "JJ01",
  name: "jinja-spacing",
  description: "Jinja tags have exactly one space inside their delimiters: '{{ x }}', '{% if x %}', '{{- x -}}'.",
  severity: "warning",
  enabledByDefault: true,
  needsAst: false,
  check(file) {
    const source = file.source;
    const violations = [];
    let at = source.indexOf("{");
    while (at >= 0 && at < source.length - 1) {
      const kind = source[at + 1];
      if (kind === "#") {
        const end = source.indexOf("#}", at + 2);
        if (end < 0) break;
        at = source.indexOf("{", end + 2);
        continue;
      }
      if (kind !== "{" && kind !== "%") {
        at = source.indexOf("{", at + 1);
        continue;
      }
      const tag = readTag(source, at, kind === "{" ? "}}" : "%}");
      if (!tag) break;
      const content = source.slice(tag.innerStart, tag.innerEnd);
      if (kind === "%" && /^\s*raw\s*$/.test(content)) {
        const endraw = findEndRaw(source, tag.end);
        if (endraw < 0) break;
        at = source.indexOf("{", endraw);
        continue;
      }
      const violation = checkTag(file, at, tag, content);
      if (violation) violations.push(violation);
      at = source.indexOf("{", tag.end);
    }
    return violations;
  }
};
function readTag(source, start, close) {
  let i = start + 2;
  const innerStart = source[i] === "-" || source[i] === "+" ? i + 1 : i;
  let quote = "";
  for (; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = "";
    } else if (char === "'" || char === '"') quote = char;
    else if (char === close[0] && source[i + 1] === close[1]) {
      const innerEnd = i > innerStart && (source[i - 1] === "-" || source[i - 1] === "+") ? i - 1 : i;
      return { innerStart, innerEnd: Math.max(innerStart, innerEnd), end: i + 2 };
    }
  }
  return null;
}
function findEndRaw(source, from) {
  for (let at = source.indexOf("{%", from); at >= 0; at = source.indexOf("{%", at + 2)) {
    const close = source.indexOf("%}", at + 2);
    if (close < 0) return -1;
    if (/^[-+]?\s*endraw\s*[-+]?$/.test(source.slice(at + 2, close))) return close + 2;
  }
  return -1;
}
function checkTag(file, start, tag, content) {
  const body = content.trim();
  if (!body) return null;
  const leading = content.slice(0, content.length - content.trimStart().length);
  const trailing = content.slice(content.trimEnd().length);
  const fine = (space) => space === " " || space.includes("\n");
  if (fine(leading) && fine(trailing)) return null;
  const fix = [];
  if (!fine(leading)) fix.push({ start: tag.innerStart, end: tag.innerStart + leading.length, text: " " });
  if (!fine(trailing)) fix.push({ start: tag.innerEnd - trailing.length, end: tag.innerEnd, text: " " });
  const written = file.source.slice(start, tag.end);
  const fixed = applyEdits(written, fix.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start })));
  const shown = written.length <= 60 && !written.includes("\n") ? `'${written}' should be '${fixed}'` : "this tag needs it";
  return {
    ...file.sourcePosition(start),
    message: `Jinja tag spacing: one space inside the delimiters (${shown})`,
    fix
  };
}
function applyEdits(text, edits) {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

// src/lint/rules/keyword-case.ts
var CASE_NAMES = { upper: "upper case", lower: "lower case", capitalised: "capitalised" };
var FUNCTION_WORDS = /* @__PURE__ */ new Set(["cast", "left", "right", "if", "explode", "range", "grouping", "row", "filter"]);
var OPERATOR_FUNCTIONS = /* @__PURE__ */ new Set(["like", "ilike", "rlike", "exists", "any", "in"]);
var NOT_JUDGED = /* @__PURE__ */ new Set(["true", "false", "null", "current_date", "current_timestamp"]);
var SOFT_KEYWORDS = new Set(
  "range rows row view table values filter window to for sort partition cluster distribute following preceding unbounded pivot unpivot semi anti minus tablesample grouping rollup within both escape recursive natural lateral qualify interval nulls explode limit offset".split(" ")
);
var STARTS_CLAUSE = /* @__PURE__ */ new Set(["select", "with", "values", "table", "not", "lateral", "distinct", "all", "case", "exists", "null"]);
var keywordCase = {
  code: "CP01",
  name: "keyword-case",
  description: "Keywords are cased consistently within a file, as the first keyword is cased (all upper, all lower or capitalised).",
  severity: "warning",
  enabledByDefault: true,
  needsAst: false,
  check(file) {
    const tokens = queryShape(file).tokens;
    const written = [];
    let expected = null;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type !== "keyword" || !isKeywordUse(tokens, i)) continue;
      const range = file.sourceRange(token.start, token.end);
      if (!range || file.source.slice(range.start, range.end) !== token.text) continue;
      const tokenCase = caseOf(token.text);
      written.push({ token, start: range.start, end: range.end, case: tokenCase });
      if (!expected && tokenCase) expected = { case: tokenCase, token, line: file.sourcePosition(range.start).line };
    }
    if (!expected) return [];
    const violations = [];
    for (const keyword of written) {
      if (keyword.case === expected.case) continue;
      const text = recase(keyword.token.text, expected.case);
      violations.push({
        ...file.sourcePosition(keyword.start),
        message: `keyword '${keyword.token.text}' should be '${text}': this file's keywords are ${CASE_NAMES[expected.case]} (as '${expected.token.text}' on line ${expected.line} sets)`,
        fix: [{ start: keyword.start, end: keyword.end, text }]
      });
    }
    return uniqueViolations(violations);
  }
};
function isKeywordUse(tokens, index) {
  const word = tokens[index].text.toLowerCase();
  if (NOT_JUDGED.has(word)) return false;
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  if (previous?.type === "dot" || next?.type === "dot") return false;
  if (previous?.type === "operator" && previous.text === ":" && previous.end === tokens[index].start) return false;
  if (next?.type === "operator" && (next.text === "=>" || next.text === ":=")) return false;
  if (next?.type === "open") {
    if (FUNCTION_WORDS.has(word)) {
      return word === "filter" && tokens[index + 2]?.text.toLowerCase() === "where";
    }
    if (OPERATOR_FUNCTIONS.has(word)) return endsExpression(previous) || isSubquery(tokens[index + 2]);
  }
  if (!STARTS_CLAUSE.has(word)) {
    if (isKeyword(previous, "as") && next?.type !== "open") return false;
    if ((isKeyword(previous, "from") || isKeyword(previous, "join")) && next?.type !== "open") return false;
    if (standsAlone(previous, next)) return false;
  }
  if (SOFT_KEYWORDS.has(word) && standsAsValue(next)) return false;
  return true;
}
function isKeyword(token, word) {
  return token !== void 0 && token.type === "keyword" && token.text.toLowerCase() === word;
}
function endsExpression(token) {
  return token !== void 0 && (token.type === "word" || token.type === "quoted" || token.type === "string" || token.type === "number" || token.type === "close");
}
function isSubquery(token) {
  return isKeyword(token, "select") || isKeyword(token, "with");
}
function standsAlone(previous, next) {
  const afterStart = previous === void 0 || previous.type === "comma" || previous.type === "open" || isKeyword(previous, "select") || isKeyword(previous, "with");
  const beforeEnd = next === void 0 || next.type === "comma" || next.type === "close" || next.type === "semicolon" || isKeyword(next, "from") || isKeyword(next, "as");
  return afterStart && beforeEnd;
}
function standsAsValue(next) {
  if (!next) return true;
  if (next.type === "comma" || next.type === "close" || next.type === "operator" || next.type === "dot" || next.type === "semicolon") return true;
  const word = next.text.toLowerCase();
  return next.type === "keyword" && (word === "from" || word === "as");
}
function caseOf(text) {
  const lower2 = text.toLowerCase();
  if (text === lower2) return "lower";
  const upper = text.toUpperCase();
  if (text === upper) return "upper";
  if (text === upper[0] + lower2.slice(1)) return "capitalised";
  return null;
}
function recase(text, to) {
  if (to === "upper") return text.toUpperCase();
  if (to === "lower") return text.toLowerCase();
  return text[0].toUpperCase() + text.slice(1).toLowerCase();
}

// src/lint/rules/qualified-columns.ts
var qualifiedColumns = {
  code: "RF02",
  name: "qualified-columns",
  description: "In a select that reads more than one table, every column is qualified with its table or alias.",
  severity: "warning",
  enabledByDefault: true,
  needsAst: true,
  applies: (file) => {
    const shape = queryShape(file);
    return shape.selects.some((select) => select.sources.length >= 2 && mayReadUnqualified(shape, select));
  },
  check(file) {
    const shape = queryShape(file);
    const astSelects = selectNodesOf(file.ast);
    if (astSelects.length !== shape.selects.length) return [];
    if (astSelects.some((node, index) => !sameColumnCount(node, shape.selects[index]))) return [];
    const violations = [];
    astSelects.forEach((node, index) => {
      const from = node.from;
      if (!Array.isArray(from) || from.length < 2) return;
      const names = unqualifiedColumnNames(node);
      if (names.strict.size === 0 && names.late.size === 0) return;
      const select = shape.selects[index];
      const relations = select.sources.length >= 2 ? select.sources.map((source) => source.alias ?? source.name[source.name.length - 1] ?? "(subquery)") : [];
      const aliases = Array.isArray(node.columns) ? node.columns.map((column) => (columnName(column.as) ?? "").toLowerCase()) : [];
      for (const token of unqualifiedTokens(shape, select, names, aliases)) {
        violations.push({
          ...file.position(token.start),
          message: `column '${token.text}' is not qualified in a select that reads ${relations.length ? relations.join(", ") : "several relations"}: write which one it comes from (e.g. ${relations[0] ?? "t"}.${token.text})`
        });
      }
    });
    return uniqueViolations(violations);
  }
};
var BEFORE_NAME = /* @__PURE__ */ new Set(["comma", "open"]);
var AFTER_NAME = /* @__PURE__ */ new Set(["comma", "close"]);
function mayReadUnqualified(shape, select) {
  const { tokens } = shape;
  const relations = new Set(select.sources.flatMap((source) => source.nameTokens));
  for (let i = select.start + 1; i < select.end; i++) {
    const token = tokens[i];
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (token.type === "keyword") {
      const afterSelect = i === select.start + 1;
      if ((afterSelect || BEFORE_NAME.has(before?.type ?? "")) && (after === void 0 || AFTER_NAME.has(after.type) || isWord(after, "from"))) return true;
      continue;
    }
    if (token.type !== "word" && token.type !== "quoted") continue;
    if (relations.has(i) || before?.type === "dot" || after?.type === "dot" || after?.type === "open" || isWord(before, "as")) continue;
    return true;
  }
  return false;
}
function selectNodesOf(ast) {
  const found = [];
  const seen = /* @__PURE__ */ new Set();
  const visit = (value) => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value;
    if (node.type === "select") {
      visit(node.with);
      found.push(node);
    }
    for (const key in node) if (key !== "tableList" && key !== "columnList" && key !== "loc" && key !== "with") visit(node[key]);
  };
  visit(ast);
  return found;
}
function sameColumnCount(node, select) {
  const columns = node.columns;
  return Array.isArray(columns) ? columns.length === select.items.length : select.items.length === 1;
}
var LATE_CLAUSES = /* @__PURE__ */ new Set(["groupby", "having", "qualify", "orderby"]);
function unqualifiedColumnNames(root) {
  const strict = /* @__PURE__ */ new Set();
  const late = /* @__PURE__ */ new Set();
  let names = strict;
  const visit = (value) => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value;
    if (node !== root && node.type === "select") return;
    if (node.type === "column_ref") {
      if (!node.table && !node.schema) {
        const name = columnName(node.column);
        if (name && name !== "*") names.add(name.toLowerCase());
      }
      return;
    }
    for (const key in node) {
      if (key === "tableList" || key === "columnList" || key === "with") continue;
      if (node === root) names = LATE_CLAUSES.has(key) ? late : strict;
      visit(node[key]);
    }
  };
  visit(root);
  for (const column of Array.isArray(root.columns) ? root.columns : []) {
    const alias = columnName(column.as);
    if (alias) late.delete(alias.toLowerCase());
  }
  for (const source of Array.isArray(root.from) ? root.from : []) {
    const using = source.using;
    if (Array.isArray(using)) {
      for (const column of using) {
        strict.delete((columnName(column) ?? "").toLowerCase());
        late.delete((columnName(column) ?? "").toLowerCase());
      }
    }
  }
  return { strict, late };
}
function columnName(value) {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const node = value;
    if (typeof node.value === "string") return node.value;
    if (node.expr) return columnName(node.expr);
  }
  return null;
}
function unqualifiedTokens(shape, select, names, aliases) {
  const { tokens, owner, depth } = shape;
  const relationNames = new Set(select.sources.flatMap((source) => source.nameTokens));
  const found = [];
  let lateClauses = false;
  let item = 0;
  for (let i = select.start + 1; i < select.end; i++) {
    const token = tokens[i];
    if (owner[i] !== select.index) continue;
    while (item < select.items.length && select.items[item].end <= i) item++;
    const inItem = item < select.items.length && select.items[item].start <= i;
    if (inItem && aliases.slice(0, item).includes(identifierName(token))) continue;
    if (depth[i] === select.depth) {
      if ((isWord(token, "group") || isWord(token, "order")) && isWord(tokens[i + 1], "by")) lateClauses = true;
      if (isWord(token, "having") || isWord(token, "qualify")) lateClauses = true;
    }
    if (token.type !== "word" && token.type !== "quoted") continue;
    const name = identifierName(token);
    if (!(names.late.has(name) || !lateClauses && names.strict.has(name)) || relationNames.has(i)) continue;
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (previous.type === "dot" || next?.type === "dot" || next?.type === "open") continue;
    if (isWord(previous, "as") || previous.text === "::" || previous.type === "word" || previous.type === "quoted" || previous.type === "close") continue;
    found.push(token);
  }
  return found;
}

// src/lint/rules/select-star.ts
var selectStar = {
  code: "AM04",
  name: "select-star",
  description: "A model outside staging lists its columns: no 'select *' in its final select that passes through the columns of a relation outside the file.",
  severity: "warning",
  enabledByDefault: true,
  needsAst: false,
  check(file) {
    if (file.model.layer === "staging" || file.model.resourceType !== "model") return [];
    const shape = queryShape(file);
    const violations = [];
    for (const select of outermostSelects(shape)) {
      for (const item of select.items) {
        const wildcard = wildcardOf(shape, item);
        if (!wildcard) continue;
        const unknown = unknownColumnsOf(file, shape, select, wildcard.qualifier, /* @__PURE__ */ new Set());
        if (unknown === null) continue;
        const star = shape.tokens[wildcard.star];
        const written = shape.tokens.slice(item.start, wildcard.star + 1).map((token) => token.text).join("");
        violations.push({
          ...file.position(star.start),
          message: `select ${written} in the model's final select passes through every column of ${unknown}: list the columns this model returns`
        });
      }
    }
    return uniqueViolations(violations);
  }
};
function unknownColumnsOf(file, shape, select, qualifier, visiting) {
  const sources = qualifier ? select.sources.filter((source) => (source.alias ?? source.name[source.name.length - 1]) === qualifier) : select.sources;
  if (qualifier && sources.length === 0) return `'${qualifier}'`;
  for (const source of sources) {
    if (source.kind === "subquery") {
      const unknown = unknownColumnsIn(file, shape, selectsWithin(shape, source.open, source.close), visiting);
      if (unknown !== null) return unknown;
      continue;
    }
    const cte = source.kind === "table" && source.name.length === 1 ? cteBefore(shape, source.name[0], select.start) : -1;
    if (cte >= 0) {
      if (visiting.has(cte)) continue;
      visiting.add(cte);
      const { open, close } = shape.ctes[cte];
      const unknown = unknownColumnsIn(file, shape, selectsWithin(shape, open, close), visiting);
      if (unknown !== null) return unknown;
      continue;
    }
    const first = source.nameTokens[0];
    const last = source.nameTokens[Math.min(source.name.length, source.nameTokens.length) - 1] ?? first;
    return first === void 0 ? "a relation" : relationAsWritten(file, shape, first, last);
  }
  return null;
}
function relationAsWritten(file, shape, first, last) {
  const rendered = shape.tokens.slice(first, last + 1).map((token) => token.text).join("");
  if (file.sourceRange(shape.tokens[first].start, shape.tokens[last].end)) return rendered;
  const { line, column } = file.position(shape.tokens[first].start);
  const text = file.sourceLine(line);
  const open = text.lastIndexOf("{{", column - 1);
  const close = text.indexOf("}}", column - 1);
  return open >= 0 && close > open ? text.slice(open, close + 2) : rendered;
}
function unknownColumnsIn(file, shape, selects, visiting) {
  for (const select of selects) {
    for (const item of select.items) {
      const wildcard = wildcardOf(shape, item);
      if (!wildcard) continue;
      const unknown = unknownColumnsOf(file, shape, select, wildcard.qualifier, visiting);
      if (unknown !== null) return unknown;
    }
  }
  return null;
}
function cteBefore(shape, name, before) {
  let found = -1;
  shape.ctes.forEach((cte, index) => {
    if (cte.name === name && cte.nameToken < before) found = index;
  });
  return found;
}

// src/lint/rules/trailing-comma.ts
var trailingComma = {
  code: "CV03",
  name: "trailing-comma",
  description: "No comma after the last column of a select list: Spark SQL (Databricks) rejects a comma before FROM, even where DuckDB accepts it.",
  severity: "error",
  enabledByDefault: true,
  needsAst: false,
  check(file) {
    const tokens = file.tokens;
    const violations = [];
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== "comma") continue;
      let next = i + 1;
      while (tokens[next]?.type === "comment") next++;
      if (!isWord(tokens[next], "from")) continue;
      const comma = tokens[i];
      const violation = { ...file.position(comma.start), message: "trailing comma before FROM: Spark SQL (Databricks) rejects it; remove the comma" };
      const span = file.sourceRange(comma.start, tokens[next].end);
      if (span && file.source[span.start] === ",") violation.fix = [{ start: span.start, end: span.start + 1, text: "" }];
      violations.push(violation);
    }
    return uniqueViolations(violations);
  }
};

// src/lint/rules/unused-cte.ts
var unusedCte = {
  code: "ST03",
  name: "unused-cte",
  description: "Every CTE defined in a WITH clause is used by the query.",
  severity: "warning",
  enabledByDefault: true,
  needsAst: false,
  check(file) {
    const shape = queryShape(file);
    if (shape.ctes.length === 0) return [];
    const names = new Set(shape.ctes.map((cte) => cte.name));
    const definitions = new Set(shape.ctes.map((cte) => cte.nameToken));
    const lastMention = /* @__PURE__ */ new Map();
    const tokens = shape.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type !== "word" && token.type !== "quoted" && token.type !== "keyword") continue;
      if (definitions.has(i) || tokens[i - 1]?.type === "dot" || tokens[i + 1]?.type === "open" || isWord(tokens[i - 1], "as")) continue;
      const name = identifierName(token);
      if (names.has(name)) lastMention.set(name, i);
    }
    const violations = [];
    for (const cte of shape.ctes) {
      if ((lastMention.get(cte.name) ?? -1) > cte.close) continue;
      const token = tokens[cte.nameToken];
      if (readInSkippedJinja(file, cte.name, tokens[cte.nameToken], tokens[cte.close])) continue;
      violations.push({ ...file.position(token.start), message: `CTE '${token.text}' is defined but never used: remove it or read from it` });
    }
    return uniqueViolations(violations);
  }
};
function readInSkippedJinja(file, name, nameToken, close) {
  if (!file.source.includes("{%")) return false;
  const after = file.sourceRange(close.start, close.end)?.end ?? file.sourceRange(nameToken.start, nameToken.end)?.end ?? 0;
  const source = file.source.toLowerCase();
  const wordChar = /[a-z0-9_]/;
  for (let at = source.indexOf(name, after); at >= 0; at = source.indexOf(name, at + 1)) {
    if (!wordChar.test(source[at - 1] ?? " ") && !wordChar.test(source[at + name.length] ?? " ")) return true;
  }
  return false;
}

// src/lint/rules/sql-rules.ts
var SQL_RULES = [distinctWithGroupBy, selectStar, keywordCase, trailingComma, jinjaSpacing, qualifiedColumns, unusedCte, columnOrder];

// src/lint/noqa.ts
var NONE = { lines: /* @__PURE__ */ new Map(), ranges: [], comments: [], malformed: [] };
var LINE_COMMENT = /--[ \t]*noqa\b([^\n]*)/gi;
var BLOCK_COMMENT = /\/\*\s*noqa\b([\s\S]*?)\*\//gi;
function readNoqa(source) {
  if (!/noqa/i.test(source)) return NONE;
  const directives = { lines: /* @__PURE__ */ new Map(), ranges: [], comments: [], malformed: [] };
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const placeOf = (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = low + high + 1 >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] + 1 };
  };
  const found = [];
  for (const match of source.matchAll(LINE_COMMENT)) found.push({ offset: match.index, body: match[1].split(/--|\/\*/)[0] });
  for (const match of source.matchAll(BLOCK_COMMENT)) found.push({ offset: match.index, body: match[1] });
  found.sort((a, b) => a.offset - b.offset);
  for (const { offset, body } of found) {
    const place = placeOf(offset);
    const comment = readComment(body.trim(), place, directives.malformed);
    if (!comment) continue;
    directives.comments.push(comment);
    if (comment.action) directives.ranges.push(comment);
    else {
      const before = directives.lines.get(comment.line);
      const merged = before === "all" || comment.rules === "all" ? "all" : [...before ?? [], ...comment.rules];
      directives.lines.set(comment.line, merged);
    }
  }
  return directives;
}
function readComment(body, place, malformed) {
  if (!body.startsWith(":")) return { ...place, action: null, rules: "all" };
  const text = body.slice(1).trim();
  const range = /^(disable|enable)\s*=\s*(.*)$/is.exec(text);
  const list = (range ? range[2] : text).split(/[\s,]+/).filter(Boolean).map((name) => name.toUpperCase());
  if (range && !list.length) {
    malformed.push({ ...place, message: `'noqa: ${range[1].toLowerCase()}=' names no rule; it is ignored (e.g. noqa: ${range[1].toLowerCase()}=RF02, or ${range[1].toLowerCase()}=all)` });
    return null;
  }
  if (!list.length) {
    malformed.push({ ...place, message: "'noqa:' names no rule; read as '-- noqa' (every rule on this line)" });
    return { ...place, action: null, rules: "all" };
  }
  const action = range ? range[1].toLowerCase() : null;
  return { ...place, action, rules: list.includes("ALL") ? "all" : list };
}
function namesRule(reference, code, name) {
  if (reference === "ALL" || reference === code) return true;
  if (name && reference === name.toUpperCase()) return true;
  if (/[*?]/.test(reference)) return globPattern(reference).test(code);
  return /^[A-Z]+$/.test(reference) && code.startsWith(reference) && /^\d/.test(code.slice(reference.length));
}
var globs = /* @__PURE__ */ new Map();
function globPattern(reference) {
  let pattern = globs.get(reference);
  if (!pattern) {
    pattern = new RegExp(`^${reference.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
    globs.set(reference, pattern);
  }
  return pattern;
}
function listNames(rules, code, name) {
  return rules === "all" || rules.some((reference) => namesRule(reference, code, name));
}
function isSilenced(directives, line, code, name) {
  const here = directives.lines.get(line);
  if (here && listNames(here, code, name)) return true;
  let disabled = false;
  for (const range of directives.ranges) {
    if (range.line > line) break;
    if (listNames(range.rules, code, name)) disabled = range.action === "disable";
  }
  return disabled;
}
var ACCEPTED_GROUPS = /* @__PURE__ */ new Set(["PRS"]);
function noqaProblems(directives, rules, suggest) {
  const problems = [...directives.malformed];
  for (const comment of directives.comments) {
    if (comment.rules === "all") continue;
    const unknown = comment.rules.filter((reference) => !ACCEPTED_GROUPS.has(reference) && !rules.some((rule) => namesRule(reference, rule.code, rule.name)));
    if (!unknown.length) continue;
    const hints = unknown.flatMap((reference) => {
      if (reference === "DISABLE" || reference === "ENABLE") return [`${reference.toLowerCase()}=<rules>`];
      return suggest(reference);
    });
    problems.push({
      line: comment.line,
      column: comment.column,
      message: `noqa names ${unknown.length === 1 ? "a rule" : "rules"} Sluice does not have: ${unknown.join(", ")}; ${unknown.length === 1 ? "it is" : "they are"} ignored${hints.length ? ` (did you mean ${[...new Set(hints)].join(" or ")}?)` : " (sluice lint --help lists the rules)"}`
    });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

// src/lint/output-columns.ts
var NAME_TYPES = /* @__PURE__ */ new Set(["word", "keyword", "quoted"]);
function outputColumnsOfTree(ast) {
  const statement = Array.isArray(ast) ? ast[ast.length - 1] : ast;
  if (!statement || statement.type !== "select" || !Array.isArray(statement.columns)) return null;
  const names = [];
  for (const column of statement.columns) {
    const alias = typeof column.as === "string" ? column.as : column.as?.value;
    if (typeof alias === "string") {
      names.push(alias.toLowerCase());
      continue;
    }
    if (column.expr?.type !== "column_ref") return null;
    const raw = column.expr.column;
    const name = typeof raw === "string" ? raw : raw?.expr?.value;
    if (typeof name !== "string" || name === "*") return null;
    names.push(name.toLowerCase());
  }
  return names;
}
function outputColumnsOfTokens(file) {
  const shape = queryShape(file);
  const final = outermostSelects(shape)[0];
  if (!final || !final.items.length) return null;
  const { tokens } = shape;
  const names = [];
  for (const item of final.items) {
    if (wildcardOf(shape, item)) return null;
    const last = tokens[item.end - 1];
    if (!last || !NAME_TYPES.has(last.type)) return null;
    const length = item.end - item.start;
    const before = tokens[item.end - 2];
    const aliased = length >= 3 && before !== void 0 && before.type === "keyword" && before.text.toLowerCase() === "as";
    let plain = true;
    for (let i = item.start; i < item.end; i++) {
      const expected = (i - item.start) % 2 === 0 ? NAME_TYPES.has(tokens[i].type) : tokens[i].type === "dot";
      if (!expected) plain = false;
    }
    if (!aliased && !plain) return null;
    names.push(identifierName(last));
  }
  return names;
}
function outputColumns(file) {
  return file.parsed ? outputColumnsOfTree(file.ast) : outputColumnsOfTokens(file);
}

// src/lint/sql-file.ts
function lineStartsOf(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
function positionIn(starts, offset) {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = low + high + 1 >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}
var SqlFile = class {
  path;
  source;
  rendered;
  dialect;
  model;
  sourceLines;
  segments;
  tokenCache;
  sourceTokenCache;
  astCache;
  constructor(input) {
    this.path = input.path;
    this.source = input.source;
    this.rendered = input.rendered;
    this.dialect = input.dialect;
    this.model = input.model;
    this.sourceLines = lineStartsOf(input.source);
    this.segments = this.placeSegments(input.map);
  }
  /** Tokens of the rendered SQL (empty when it did not render). */
  get tokens() {
    this.tokenCache ??= this.rendered === null ? [] : tokenizeSql(this.rendered, this.dialect);
    return this.tokenCache;
  }
  /** Tokens of the source with the Jinja tags in it (for rules about what the author typed). */
  get sourceTokens() {
    this.sourceTokenCache ??= tokenizeSql(this.source, this.dialect);
    return this.sourceTokenCache;
  }
  /** node-sql-parser's tree of the rendered SQL, or null when it cannot parse it. */
  get ast() {
    if (!this.astCache) {
      if (this.rendered === null || !this.rendered.trim()) this.astCache = { ast: null, error: "nothing to parse" };
      else {
        try {
          const { parser, database } = sqlParserFor(this.dialect);
          this.astCache = { ast: parser.astify(parseableSql(this.rendered, this.dialect, this.tokens), { database }) };
        } catch (error) {
          this.astCache = { ast: null, error: parseErrorMessage(error) };
        }
      }
    }
    return this.astCache.ast;
  }
  /** Whether the parser was asked and understood the SQL; undefined when no rule asked. */
  get parsed() {
    return this.astCache ? this.astCache.ast !== null : void 0;
  }
  get parseError() {
    return this.astCache?.error;
  }
  /** The source line and column of a place in the rendered SQL. */
  position(renderedOffset) {
    return positionIn(this.sourceLines, this.sourceOffset(renderedOffset));
  }
  /** The line and column of a place in the source. */
  sourcePosition(sourceOffset) {
    return positionIn(this.sourceLines, sourceOffset);
  }
  /** The source text of a line (1-based), without its newline. */
  sourceLine(line) {
    const start = this.sourceLines[line - 1] ?? this.source.length;
    const end = this.sourceLines[line] !== void 0 ? this.sourceLines[line] - 1 : this.source.length;
    return this.source.slice(start, end);
  }
  /**
   * The source range that a range of the rendered SQL was copied from, when all of it is literal text of
   * one piece (so a fix there edits exactly what it means to); otherwise null.
   */
  sourceRange(start, end) {
    const index = this.segmentAt(start);
    const segment = this.segments[index];
    if (!segment?.literal) return null;
    const next = this.segments[index + 1];
    if (next && end > next.out) return null;
    return { start: segment.source + (start - segment.out), end: segment.source + (end - segment.out) };
  }
  sourceOffset(renderedOffset) {
    const segment = this.segments[this.segmentAt(renderedOffset)];
    if (!segment) return Math.min(renderedOffset, this.source.length);
    return segment.literal ? Math.min(segment.source + (renderedOffset - segment.out), this.source.length) : segment.source;
  }
  segmentAt(offset) {
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    if (high < 0 || segments[0].out > offset) return -1;
    while (low < high) {
      const mid = low + high + 1 >> 1;
      if (segments[mid].out <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
  /** Source offsets of the recorded pieces; literal text is found where whitespace control left it. */
  placeSegments(map) {
    const segments = [];
    const rendered = this.rendered ?? "";
    for (let i = 0; i < map.length; i += 4) {
      const out = map[i];
      const literal = map[i + 1] === 0;
      const written = (this.sourceLines[map[i + 2]] ?? this.source.length) + map[i + 3];
      let source = written;
      if (literal) {
        const nextOut = i + 4 < map.length ? map[i + 4] : rendered.length;
        const text = rendered.slice(out, nextOut);
        if (text && !this.source.startsWith(text, written)) {
          const found = this.source.indexOf(text.slice(0, 64), written);
          if (found >= 0 && !this.source.slice(written, found).trim()) source = found;
        }
      }
      segments.push({ out, literal, source });
    }
    return segments;
  }
};

// src/lint/rules/formatted.ts
var FORMAT_RULE = { code: "FMT01", name: "formatted", description: "The file is formatted as sql-formatter formats it (sluice lint --fix does it)." };

// src/lint/lint-config.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { existsSync } from "node:fs";
import { join } from "node:path";
var DEFAULT_LAYERS = [
  { name: "staging", folders: ["staging"], prefixes: ["stg_"] },
  { name: "intermediate", folders: ["intermediate"], prefixes: ["int_"] },
  { name: "analytics", folders: ["analytics", "marts"], prefixes: ["dim_", "fact_", "fct_", "mart_"] }
];
function defaultLintSettings() {
  return {
    rules: /* @__PURE__ */ new Map(),
    overrides: [],
    layers: DEFAULT_LAYERS.map((layer) => ({ ...layer })),
    layersConfigured: false,
    unfollowedLayers: /* @__PURE__ */ new Set(),
    format: {
      enabled: false,
      keywordCase: "preserve",
      functionCase: "preserve",
      dataTypeCase: "preserve",
      tabWidth: 4,
      useTabs: false,
      expressionWidth: 80,
      logicalOperatorNewline: "before",
      denseOperators: false,
      linesBetweenQueries: 1
    }
  };
}
var SECTION_KEYS = ["rules", "overrides", "layers", "format"];
var FORMAT_KEYS = {
  enabled: "enabled",
  keyword_case: "keywordCase",
  function_case: "functionCase",
  data_type_case: "dataTypeCase",
  indent: "tabWidth",
  use_tabs: "useTabs",
  expression_width: "expressionWidth",
  logical_operator_newline: "logicalOperatorNewline",
  dense_operators: "denseOperators",
  lines_between_queries: "linesBetweenQueries"
};
function ruleSetting(settings, rule, path) {
  let setting = settings.rules.get(rule.code);
  for (const override of settings.overrides) {
    if (override.rules.has(rule.code) && override.matches(path)) setting = override.rules.get(rule.code);
  }
  const flags = settings.flags;
  if (flags?.excluded.has(rule.code)) return "off";
  if (flags?.only && !flags.unnarrowed.has(rule.code)) {
    if (!flags.only.has(rule.code)) return "off";
    return setting === void 0 || setting === "off" ? rule.severity : setting;
  }
  return setting ?? (rule.enabledByDefault ? rule.severity : "off");
}
function applyRuleFlags(settings, knownRules, flags, unnarrowed) {
  if (!flags.rules?.length && !flags.excludeRules?.length) return;
  const only = flags.rules?.length ? ruleCodesOf("--rules", flags.rules, knownRules) : null;
  const excluded = flags.excludeRules?.length ? ruleCodesOf("--exclude-rules", flags.excludeRules, knownRules) : /* @__PURE__ */ new Set();
  settings.flags = { only, excluded, unnarrowed };
}
function ruleCodesOf(flag, values, knownRules) {
  const codes = /* @__PURE__ */ new Set();
  const names = values.flatMap((value) => value.split(",")).map((name) => name.trim()).filter(Boolean);
  if (!names.length) throw new SluiceError(`${flag} names no rule`, { hint: `e.g. ${flag} AM04,CP01 (sluice lint --help lists the rules)` });
  for (const name of names) {
    const wanted = name.toUpperCase();
    const matching = knownRules.filter((rule) => namesRule(wanted, rule.code, rule.name));
    if (!matching.length) {
      const suggestion = closestNames(wanted, [...knownRules.map((rule) => rule.code), ...knownRules.map((rule) => rule.name)]);
      throw new SluiceError(`unknown rule '${name}' in ${flag}`, {
        hint: suggestion.length ? `did you mean ${suggestion.join(" or ")}? (sluice lint --help lists the rules)` : "sluice lint --help lists the rules"
      });
    }
    for (const rule of matching) codes.add(rule.code);
  }
  return codes;
}
function layerOf(settings, path) {
  const folders = path.split("/").slice(0, -1);
  return settings.layers.find((layer) => layer.folders.some((folder) => folders.includes(folder))) ?? null;
}
function loadLintSettings(projectRoot, knownRules, warnings) {
  const settings = defaultLintSettings();
  const path = ["sluice.yml", "sluice.yaml"].map((name) => join(projectRoot, name)).find((candidate) => existsSync(candidate));
  if (!path) return settings;
  const yaml = readYaml(path, path.endsWith(".yaml") ? "sluice.yaml" : "sluice.yml");
  const section = isRecord(yaml.value) ? yaml.value.lint : void 0;
  if (section === void 0 || section === null) return settings;
  const place = (...keys) => ({ file: yaml.file, line: yaml.lineOf(["lint", ...keys]) });
  if (!isRecord(section)) throw new SluiceError(`'lint' in ${yaml.file} must be a mapping`, place());
  for (const key of Object.keys(section)) {
    if (!SECTION_KEYS.includes(key)) warnings.push({ message: `unknown key 'lint.${key}' in ${yaml.file}; it is ignored`, ...place(key) });
  }
  const codes = new Map(knownRules.map((rule) => [rule.code.toUpperCase(), rule.code]));
  for (const rule of knownRules) codes.set(rule.name.toUpperCase(), rule.code);
  const readRules = (value, keys) => {
    const rules = /* @__PURE__ */ new Map();
    if (value === void 0 || value === null) return rules;
    if (!isRecord(value)) throw new SluiceError(`lint.${keys.join(".")} must map rule codes to off, warning or error`, place(...keys));
    for (const [name, raw] of Object.entries(value)) {
      const code = codes.get(name.toUpperCase());
      if (!code) {
        const suggestion = closestNames(name.toUpperCase(), [...codes.keys()]);
        warnings.push({
          message: `unknown lint rule '${name}' in ${yaml.file}; it is ignored${suggestion.length ? ` (did you mean ${suggestion.join(" or ")}?)` : ""}`,
          ...place(...keys, name)
        });
        continue;
      }
      const setting = raw === false ? "off" : raw === true ? void 0 : isRecord(raw) ? raw.severity : raw;
      if (setting === void 0) {
        const rule = knownRules.find((known) => known.code === code);
        rules.set(code, rule.severity);
      } else if (setting === "off" || setting === "warning" || setting === "error") rules.set(code, setting);
      else if (setting === "warn") rules.set(code, "warning");
      else throw new SluiceError(`lint rule ${name} must be off, warning or error, got ${JSON.stringify(setting)}`, place(...keys, name));
    }
    return rules;
  };
  settings.rules = readRules(section.rules, ["rules"]);
  if (section.overrides !== void 0 && section.overrides !== null) {
    if (!Array.isArray(section.overrides)) throw new SluiceError("lint.overrides must be a list of {path, rules}", place("overrides"));
    settings.overrides = section.overrides.map((entry, index) => {
      if (!isRecord(entry) || typeof entry.path !== "string") {
        throw new SluiceError("each lint override needs a path (a folder or glob such as models/legacy/**) and rules", place("overrides", index));
      }
      const pattern = entry.path.replace(/\/+$/, "");
      const glob = /[*?[\]{}]/.test(pattern) ? (0, import_picomatch.default)(pattern) : null;
      const matches = (file) => glob ? glob(file) : file === pattern || file.startsWith(`${pattern}/`);
      return { path: pattern, matches, rules: readRules(entry.rules, ["overrides", index, "rules"]) };
    });
  }
  if (section.layers !== void 0 && section.layers !== null) {
    settings.layers = readLayers(section.layers, place);
    settings.layersConfigured = true;
  }
  if (section.format !== void 0 && section.format !== null) readFormat(yaml, section.format, settings.format, place, warnings);
  return settings;
}
function stringList(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  return null;
}
function readLayers(value, place) {
  if (!isRecord(value)) throw new SluiceError("lint.layers must map layer names (lowest first) to {folders, prefixes}", place("layers"));
  return Object.entries(value).map(([name, spec]) => {
    const entry = isRecord(spec) ? spec : {};
    const folders = entry.folders === void 0 ? [name] : stringList(entry.folders);
    const prefixes = entry.prefixes === void 0 ? [] : stringList(entry.prefixes);
    if (!folders || !prefixes) {
      throw new SluiceError(`lint.layers.${name} needs folders and prefixes as lists of strings`, { ...place("layers", name), hint: `e.g. ${name}: { folders: [${name}], prefixes: [stg_] }` });
    }
    return { name, folders, prefixes };
  });
}
function readFormat(yaml, value, format, place, warnings) {
  if (typeof value === "boolean") {
    format.enabled = value;
    return;
  }
  if (!isRecord(value)) throw new SluiceError("lint.format must be a mapping of formatter settings, true or false", place("format"));
  format.enabled = true;
  const target = format;
  for (const [key, raw] of Object.entries(value)) {
    const field = FORMAT_KEYS[key];
    if (!field) {
      warnings.push({ message: `unknown key 'lint.format.${key}' in ${yaml.file}; it is ignored (known: ${Object.keys(FORMAT_KEYS).join(", ")})`, ...place("format", key) });
      continue;
    }
    const current = target[field];
    const ok = typeof current === typeof raw && (typeof raw !== "number" || Number.isInteger(raw) && raw >= 0) && (field.endsWith("Case") ? ["preserve", "upper", "lower"].includes(raw) : true) && (field === "logicalOperatorNewline" ? ["before", "after"].includes(raw) : true);
    if (!ok) throw new SluiceError(`lint.format.${key} has an invalid value ${JSON.stringify(raw)}`, place("format", key));
    target[field] = raw;
  }
}

// src/lint/rules/project-nodes.ts
function projectModels(context) {
  const models = [];
  for (const node of context.graph.nodes.values()) {
    if (node.resourceType === "model" && node.packageName === context.project.name) models.push(node);
  }
  return models;
}
function modelLayer(context, node) {
  const layer = layerOf(context.settings, node.path);
  if (!layer || context.settings.unfollowedLayers.has(layer.name)) return null;
  return { layer, rank: context.settings.layers.indexOf(layer) };
}
function isStagingLayer(context, place) {
  return place !== null && place.rank === 0;
}
function stagingLayer(context) {
  const lowest = context.settings.layers[0];
  return lowest && !context.settings.unfollowedLayers.has(lowest.name) ? lowest : null;
}

// src/lint/rules/project-places.ts
function positionAt(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
function escaped(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function placeOfMatch(node, pattern) {
  const match = pattern.exec(node.rawCode);
  if (!match) return { file: node.originalFilePath, line: 1, column: 1 };
  return { file: node.originalFilePath, ...positionAt(node.rawCode, match.index) };
}
function refCallPlace(node, name) {
  return placeOfMatch(node, new RegExp(`\\bref\\s*\\(\\s*(?:['"][^'"]*['"]\\s*,\\s*)?['"]${escaped(name)}['"]`));
}
function sourceCallPlace(node, sourceName, tableName) {
  return placeOfMatch(node, new RegExp(`\\bsource\\s*\\(\\s*['"]${escaped(sourceName)}['"]\\s*,\\s*['"]${escaped(tableName)}['"]`));
}
function entryPlace(node) {
  if (node.yamlPlace) return { file: node.yamlPlace.file, line: node.yamlPlace.line, column: 1, about: node.originalFilePath };
  return { file: node.originalFilePath, line: 1, column: 1 };
}
function columnPlace(node, column) {
  const place = column.yamlPlace;
  return place ? { file: place.file, line: place.line, column: 1, about: node.originalFilePath } : entryPlace(node);
}

// src/lint/rules/hard-coded-relation.ts
function blankJinja(text) {
  const expressions = [];
  const parts = [];
  let copied = 0;
  const blank = (start, end) => {
    const tag = text.slice(start, end);
    parts.push(text.slice(copied, start), tag.includes("\n") ? tag.replace(/[^\n]/g, " ") : " ".repeat(tag.length));
    copied = end;
  };
  let i = text.indexOf("{");
  while (i >= 0 && i < text.length - 1) {
    const kind = text[i + 1];
    if (kind !== "{" && kind !== "%" && kind !== "#") {
      i = text.indexOf("{", i + 1);
      continue;
    }
    const close = kind === "{" ? "}}" : kind === "%" ? "%}" : "#}";
    let end = i + 2;
    let quote = null;
    while (end < text.length) {
      const char = text[end];
      if (quote) {
        if (char === "\\") end++;
        else if (char === quote) quote = null;
      } else if (kind !== "#" && (char === '"' || char === "'")) quote = char;
      else if (text.startsWith(close, end)) break;
      end++;
    }
    end = Math.min(end + 2, text.length);
    if (kind === "{") expressions.push({ start: i, end });
    blank(i, end);
    i = text.indexOf("{", end);
  }
  parts.push(text.slice(copied));
  return { sql: parts.join(""), expressions };
}
function templateTokens(rawCode) {
  const { sql, expressions } = blankJinja(rawCode);
  const sqlTokens = tokenizeSql(sql);
  const tokens = [];
  let next = 0;
  for (const token of sqlTokens) {
    while (next < expressions.length && expressions[next].start < token.start) {
      tokens.push({ type: "jinja", text: rawCode.slice(expressions[next].start, expressions[next].end), ...expressions[next] });
      next++;
    }
    while (next < expressions.length && expressions[next].start < token.end) next++;
    if (token.type !== "comment") tokens.push(token);
  }
  for (; next < expressions.length; next++) tokens.push({ type: "jinja", text: rawCode.slice(expressions[next].start, expressions[next].end), ...expressions[next] });
  return tokens;
}
var lower = (token) => token?.text.toLowerCase();
var unquoted = (text) => text.replace(/^["`]|["`]$/g, "").toLowerCase();
function cteNames(tokens) {
  const names = /* @__PURE__ */ new Set();
  tokens.forEach((token, index) => {
    if (lower(token) !== "as" || token.type !== "keyword") return;
    let after = index + 1;
    if (lower(tokens[after]) === "not") after++;
    if (lower(tokens[after]) === "materialized") after++;
    if (tokens[after]?.type !== "open" || tokens[after].text !== "(") return;
    let before = index - 1;
    if (tokens[before]?.type === "close") {
      for (let depth = 0; before >= 0; before--) {
        if (tokens[before].type === "close") depth++;
        else if (tokens[before].type === "open" && --depth === 0) break;
      }
      before--;
    }
    const name = tokens[before];
    if (name && (name.type === "word" || name.type === "quoted")) names.add(unquoted(name.text));
  });
  return names;
}
function hardCodedRelations(rawCode) {
  const tokens = templateTokens(rawCode);
  const ctes = cteNames(tokens);
  const found = [];
  const afterBrackets = (open) => {
    for (let index = open, depth = 0; index < tokens.length; index++) {
      if (tokens[index].type === "open") depth++;
      else if (tokens[index].type === "close" && --depth === 0) return index + 1;
    }
    return tokens.length;
  };
  const slotAt = (index) => {
    const first = tokens[index];
    if (!first) return null;
    if (first.type === "open") return { end: afterBrackets(index), relation: null };
    if (first.type !== "word" && first.type !== "quoted" && first.type !== "jinja") return null;
    const parts = [first];
    let end = index + 1;
    while (tokens[end]?.type === "dot" && tokens[end + 1] && ["word", "quoted", "keyword", "jinja"].includes(tokens[end + 1].type)) {
      parts.push(tokens[end + 1]);
      end += 2;
    }
    if (tokens[end]?.type === "open") return { end: afterBrackets(end), relation: null };
    if (parts.some((part) => part.type === "jinja")) return { end, relation: null };
    if (parts.length === 1 && ctes.has(unquoted(first.text))) return { end, relation: null };
    return { end, relation: { name: parts.map((part) => part.text).join("."), start: first.start } };
  };
  const inQuery = [true];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.type === "open") inQuery.push(false);
    else if (token.type === "close") {
      if (inQuery.length > 1) inQuery.pop();
    } else if (token.type === "keyword" && (lower(token) === "select" || lower(token) === "with")) inQuery[inQuery.length - 1] = true;
    if (token.type !== "keyword" || !inQuery[inQuery.length - 1]) continue;
    const word = lower(token);
    const isFrom = word === "from" && lower(tokens[index - 1]) !== "distinct";
    if (!isFrom && word !== "join") continue;
    for (let at = index + 1; at < tokens.length; ) {
      const slot = slotAt(at);
      if (!slot) break;
      if (slot.relation) found.push(slot.relation);
      if (!isFrom) break;
      at = slot.end;
      if (lower(tokens[at]) === "as") at++;
      if (tokens[at]?.type === "word" || tokens[at]?.type === "quoted") at++;
      if (tokens[at]?.type === "open") at = afterBrackets(at);
      if (tokens[at]?.type !== "comma") break;
      at++;
    }
  }
  return found;
}
var hardCodedRelation = {
  code: "SL05",
  name: "hard-coded-relation",
  description: "A model reads tables through ref() and source(), never by writing their names after FROM or JOIN.",
  severity: "warning",
  enabledByDefault: true,
  readsFileResults: true,
  check(context) {
    const violations = [];
    for (const node of projectModels(context)) {
      if (!node.rawCode) continue;
      for (const relation of context.hardCodedRelations?.(node) ?? hardCodedRelations(node.rawCode)) {
        violations.push({
          file: node.originalFilePath,
          ...positionAt(node.rawCode, relation.start),
          message: `'${relation.name}' is a hard-coded relation: read it with {{ ref('…') }} or {{ source('…', '…') }} so the graph and pull-request environments know about it`
        });
      }
    }
    return violations;
  }
};

// src/lint/lint-file.ts
var formatter = null;
async function loadFormatterFor(inputs) {
  if (!formatter && inputs.some((input) => input.format)) formatter = await import("./format-sql-3Q2BG4YO.js");
}
var RULES_BY_CODE = new Map(SQL_RULES.map((rule) => [rule.code, rule]));
function lintFile(input) {
  const file = new SqlFile(input);
  const findings = [];
  const noqa = readNoqa(input.source);
  const add = (rule, severity, line, column, message, fix) => {
    if (isSilenced(noqa, line, rule, RULES_BY_CODE.get(rule)?.name ?? (rule === FORMAT_RULE.code ? FORMAT_RULE.name : void 0))) return;
    findings.push({ file: input.path, line, column, rule, severity, message, ...fix?.length ? { fix } : {} });
  };
  if (input.rendered !== null) {
    for (const [code, severity] of input.rules) {
      const rule = RULES_BY_CODE.get(code);
      if (!rule) continue;
      if (rule.applies && !rule.applies(file)) continue;
      if (rule.needsAst && file.ast === null) continue;
      let violations;
      try {
        violations = rule.check(file);
      } catch (error) {
        add(rule.code, "warning", 1, 1, `the ${rule.name} rule failed on this file (a bug in Sluice, please report it): ${error.message}`);
        continue;
      }
      for (const violation of violations) add(rule.code, severity, violation.line, violation.column, violation.message, violation.fix);
    }
  }
  if (input.parseAll && input.rendered !== null) void file.ast;
  const outputColumns2 = input.rendered !== null && input.model.resourceType === "model" ? outputColumns(file) : null;
  const result = { path: input.path, findings, parsed: file.parsed ?? null, outputColumns: outputColumns2 };
  if (file.parseError && file.parsed === false) result.parseError = file.parseError;
  if (input.findHardCodedRelations) result.hardCodedRelations = hardCodedRelations(input.source);
  if (input.format && input.source.trim()) {
    if (!formatter) throw new Error("lintFile checks formatting only after loadFormatterFor");
    const outcome = formatter.formatSqlSource(input.source, input.dialect, input.format.settings, "check");
    if (outcome.status === "formatted") {
      const line = firstDifferentLine(input.source, outcome.text);
      add(FORMAT_RULE.code, input.format.severity, line, 1, "not formatted (sluice lint --fix formats it)");
    } else if (outcome.status === "skipped") result.formatSkipped = outcome.reason;
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return result;
}
function firstDifferentLine(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return Math.min(i + 1, a.length);
  return 1;
}

export {
  SQL_RULES,
  readNoqa,
  isSilenced,
  noqaProblems,
  outputColumns,
  SqlFile,
  FORMAT_RULE,
  ruleSetting,
  applyRuleFlags,
  layerOf,
  loadLintSettings,
  projectModels,
  modelLayer,
  isStagingLayer,
  stagingLayer,
  refCallPlace,
  sourceCallPlace,
  entryPlace,
  columnPlace,
  hardCodedRelation,
  loadFormatterFor,
  lintFile
};
