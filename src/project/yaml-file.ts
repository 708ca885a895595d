/**
 * YAML files read with their places: a parse error names the file and line, and entries can be located.
 * Values come from js-yaml (fast, YAML 1.2 core schema); the `yaml` package, which keeps every node's
 * position, parses a file again only when a line is asked for — errors, mostly.
 */
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import { SluiceError } from '../errors.js';

export interface YamlFile<T = unknown> {
  file: string;
  value: T;
  /** The 1-based line of the entry at `path` (keys and indexes), or of the closest parent that exists. */
  lineOf(path: Array<string | number>): number;
}

/** A place in a YAML file whose line is only worked out when someone reads it. */
export interface YamlPlace {
  file: string;
  readonly line: number;
}

export function placeIn(yaml: YamlFile, path: Array<string | number>): YamlPlace {
  let line: number | undefined;
  return {
    file: yaml.file,
    get line() {
      line ??= yaml.lineOf(path);
      return line;
    },
  };
}

function parseWithPositions(text: string, file: string): { document: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  // Duplicate keys are allowed, the last one winning, as PyYAML (and so dbt) reads them.
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
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
  return { document, lineCounter };
}

export function parseYaml<T = unknown>(text: string, file: string): YamlFile<T> {
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, filename: file, json: true });
  } catch (error) {
    // The positional parser words errors better; if it accepts the text, report js-yaml's own.
    parseWithPositions(text, file);
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
    throw new SluiceError(`Invalid YAML: ${reason}`, {
      file,
      line: mark ? mark.line + 1 : undefined,
      column: mark ? mark.column + 1 : undefined,
      hint: 'check the indentation and the quoting around this line',
    });
  }
  let positions: { document: Document; lineCounter: LineCounter } | undefined;
  return {
    file,
    value: (value ?? {}) as T,
    lineOf(path) {
      positions ??= parseWithPositions(text, file);
      for (let length = path.length; length >= 0; length--) {
        // A mapping key's own line, not its value's (a nested mapping's value starts a line later).
        const key = path[length - 1];
        const parent = length > 0 ? positions.document.getIn(path.slice(0, length - 1), true) : undefined;
        if (typeof key === 'string' && isMap(parent)) {
          // The last of duplicate keys is the one that counts.
          const pair = parent.items.findLast((item) => isScalar(item.key) && String(item.key.value) === key);
          if (pair && isNode(pair.key) && pair.key.range) return positions.lineCounter.linePos(pair.key.range[0]).line;
        }
        const found = positions.document.getIn(path.slice(0, length), true);
        if (isNode(found) && found.range) return positions.lineCounter.linePos(found.range[0]).line;
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
