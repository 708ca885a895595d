/** YAML files read with their places: a parse error names the file and line, and entries can be located. */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { SluiceError } from '../errors.js';

export interface YamlFile<T = unknown> {
  file: string;
  value: T;
  /** The 1-based line of the entry at `path` (keys and indexes), or of the closest parent that exists. */
  lineOf(path: Array<string | number>): number;
}

export function parseYaml<T = unknown>(text: string, file: string): YamlFile<T> {
  const lineCounter = new LineCounter();
  const document: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problem = document.errors[0];
  if (problem) {
    const start = problem.linePos?.[0] ?? lineCounter.linePos(Math.min(problem.pos[0], text.length));
    const message = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new SluiceError(`Invalid YAML: ${message}`, {
      file,
      line: start?.line,
      column: start?.col,
      hint: 'check the indentation and the quoting around this line',
    });
  }
  const value = (document.toJS({ maxAliasCount: 1000 }) ?? {}) as T;
  return {
    file,
    value,
    lineOf(path) {
      for (let length = path.length; length >= 0; length--) {
        const found = document.getIn(path.slice(0, length), true);
        if (isNode(found) && found.range) return lineCounter.linePos(found.range[0]).line;
      }
      return 1;
    },
  };
}

export function readYaml<T = unknown>(file: string, displayPath = file): YamlFile<T> {
  return parseYaml<T>(readFileSync(file, 'utf8'), displayPath);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
