/**
 * Python models (`models/x.py` with `def model(dbt, session)`), read as dbt reads them: without running
 * Python. dbt finds `dbt.ref(…)`, `dbt.source(…)` and `dbt.config(…)` calls in the source, whose arguments
 * must be literals; compiling appends the `dbt` object the function receives. Sluice compiles them, puts
 * them in the graph and the manifest, and reports at build time that it cannot run Python.
 */
import { SluiceError } from '../errors.js';
import { literalEval, NOT_A_LITERAL } from '../templating/python-literal.js';
import type { RefCall } from './types.js';

export interface PythonModelCalls {
  refs: RefCall[];
  sources: Array<[string, string]>;
  config: Record<string, unknown>;
}

/** Python source with comments and string contents blanked (same length), so calls are found only in code. */
function codeOnly(source: string): string {
  let out = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (char === '#') {
      const end = source.indexOf('\n', index);
      const stop = end < 0 ? source.length : end;
      out += ' '.repeat(stop - index);
      index = stop;
    } else if (char === "'" || char === '"') {
      const triple = source.startsWith(char.repeat(3), index);
      const quote = triple ? char.repeat(3) : char;
      let stop = index + quote.length;
      while (stop < source.length && !source.startsWith(quote, stop)) stop += source[stop] === '\\' ? 2 : 1;
      stop = Math.min(source.length, stop + quote.length);
      // Keep the quotes and the text: arguments are string literals we must read.
      out += source.slice(index, stop);
      index = stop;
    } else {
      out += char;
      index++;
    }
  }
  return out;
}

/** The argument list of a call whose `(` is at `open`: its text up to the matching `)`. */
function argumentText(code: string, open: number): string | undefined {
  let depth = 0;
  let quote: string | null = null;
  for (let index = open; index < code.length; index++) {
    const char = code[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) return code.slice(open + 1, index);
    }
  }
  return undefined;
}

/** Splits `a, b=c, [d, e]` at top-level commas. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  if (text.slice(start).trim()) parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** What a Python model's source asks of dbt. Arguments that are not literals are an error, as in dbt. */
export function readPythonModel(source: string, file: string): PythonModelCalls {
  const code = codeOnly(source);
  const found: PythonModelCalls = { refs: [], sources: [], config: {} };
  for (const match of code.matchAll(/\bdbt\s*\.\s*(ref|source|config)\s*\(/g)) {
    const line = code.slice(0, match.index).split('\n').length;
    const text = argumentText(code, match.index! + match[0].length - 1);
    if (text === undefined) throw new SluiceError(`Unclosed dbt.${match[1]}( call`, { file, line });
    const positional: unknown[] = [];
    const keywords: Record<string, unknown> = {};
    for (const part of splitArguments(text)) {
      const keyword = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*([\s\S]*)$/.exec(part);
      const value = literalEval(keyword ? keyword[2] : part);
      if (value === NOT_A_LITERAL) {
        throw new SluiceError(`dbt.${match[1]}() in a Python model takes literal arguments only, got: ${part}`, {
          file,
          line,
          hint: 'dbt reads these calls without running the model: write the value itself, not a variable',
        });
      }
      if (keyword) keywords[keyword[1]] = value;
      else positional.push(value);
    }
    if (match[1] === 'config') Object.assign(found.config, keywords);
    else if (match[1] === 'source') found.sources.push([String(positional[0]), String(positional[1])]);
    else {
      const version = keywords.v ?? keywords.version;
      const call: RefCall = positional.length >= 2 ? { package: String(positional[0]), name: String(positional[1]) } : { name: String(positional[0]) };
      if (version !== undefined && version !== null) call.version = String(version);
      found.refs.push(call);
    }
  }
  return found;
}
