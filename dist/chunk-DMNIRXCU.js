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

// src/sql/sql-tokens.ts
var SQL_KEYWORDS = new Set(
  "all and anti any as asc between both by case cast cluster create cross current_date current_timestamp desc distinct distribute else end escape except exists explode false filter following for from full group grouping having if ilike in inner intersect interval is join lateral left like limit minus natural not null nulls offset on or order outer over partition pivot preceding qualify range recursive right rlike rollup row rows select semi sort table tablesample then to true unbounded union unpivot using values view when where window with within".split(" ")
);
var WORD_START = /[A-Za-z_]/;
var WORD_CHAR = /[A-Za-z0-9_$]/;
var DIGIT = /[0-9]/;
var OPERATOR_CHARS = "=<>!+-*/%|&^~:?@#";
var STRING_RULES = {
  databricks: { backslashEscapes: true, doubleQuotedStrings: true },
  duckdb: { backslashEscapes: false, doubleQuotedStrings: false }
};
var ANY_DIALECT = { backslashEscapes: true, doubleQuotedStrings: false };
function tokenizeSql(sql, dialect) {
  const rules = dialect !== void 0 && STRING_RULES[dialect] || ANY_DIALECT;
  const tokens = [];
  const length = sql.length;
  let i = 0;
  const push = (type, start, end) => tokens.push({ type, text: sql.slice(start, end), start, end });
  while (i < length) {
    const char = sql[i];
    const start = i;
    if (char === " " || char === "\n" || char === "	" || char === "\r") {
      i++;
      continue;
    }
    if (char === "-" && sql[i + 1] === "-") {
      const newline = sql.indexOf("\n", i);
      i = newline < 0 ? length : newline;
      push("comment", start, i);
      continue;
    }
    if (char === "/" && sql[i + 1] === "*") {
      i = blockCommentEnd(sql, i);
      push("comment", start, i);
      continue;
    }
    if (char === "'" || char === '"' || char === "`") {
      const previous = tokens[tokens.length - 1];
      const isString = char === "'" || char === '"' && rules.doubleQuotedStrings;
      const escapes = isString && (rules.backslashEscapes || previous?.end === i && previous.type === "word" && previous.text.toLowerCase() === "e");
      i++;
      while (i < length) {
        if (sql[i] === "\\" && escapes) i += 2;
        else if (sql[i] === char) {
          if (sql[i + 1] === char) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      push(isString ? "string" : "quoted", start, Math.min(i, length));
      continue;
    }
    if (WORD_START.test(char)) {
      i++;
      while (i < length && WORD_CHAR.test(sql[i])) i++;
      const text = sql.slice(start, i);
      tokens.push({ type: SQL_KEYWORDS.has(text.toLowerCase()) ? "keyword" : "word", text, start, end: i });
      continue;
    }
    if (DIGIT.test(char) || char === "." && DIGIT.test(sql[i + 1] ?? "")) {
      i++;
      while (i < length && /[0-9.eE_]/.test(sql[i])) {
        if ((sql[i] === "e" || sql[i] === "E") && (sql[i + 1] === "-" || sql[i + 1] === "+")) i++;
        i++;
      }
      while (i < length && /[A-Za-z]/.test(sql[i])) i++;
      push("number", start, i);
      continue;
    }
    i++;
    switch (char) {
      case ",":
        push("comma", start, i);
        break;
      case "(":
      case "[":
        push("open", start, i);
        break;
      case ")":
      case "]":
        push("close", start, i);
        break;
      case ".":
        push("dot", start, i);
        break;
      case ";":
        push("semicolon", start, i);
        break;
      default:
        if (OPERATOR_CHARS.includes(char)) {
          while (i < length && OPERATOR_CHARS.includes(sql[i]) && !(sql[i] === "-" && sql[i + 1] === "-") && !(sql[i] === "/" && sql[i + 1] === "*")) i++;
          push("operator", start, i);
        } else push("other", start, i);
    }
  }
  return tokens;
}
function blockCommentEnd(sql, start) {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  const first = sql.indexOf("*/", start + 2);
  return first < 0 ? sql.length : first + 2;
}
function codeTokens(tokens) {
  return tokens.filter((token) => token.type !== "comment");
}

export {
  tokenizeSql,
  codeTokens
};
