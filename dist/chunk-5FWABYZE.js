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

// src/errors.ts
var SluiceError = class extends Error {
  file;
  line;
  column;
  hint;
  code;
  details;
  constructor(message, place = {}) {
    super(message);
    this.name = "SluiceError";
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.hint = place.hint;
    this.code = place.code;
    this.details = place.details ?? {};
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

export {
  SluiceError,
  WarehouseConnectionError,
  closestNames,
  didYouMean,
  ProblemList
};
