/**
 * Where a project rule's finding points: at the `ref()` / `source()` call in the model's file that
 * makes the dependency, at the node's YAML entry, or at the top of its file when there is nothing
 * closer. Only the text already loaded is searched: no file is read again.
 */
import type { ColumnInfo, Node } from '../../project/types.js';

export interface Place {
  /** Project-relative, posix. */
  file: string;
  line: number;
  column: number;
  /** The file of the node a YAML finding is about (a model's .sql): linting that file brings the finding. */
  about?: string;
}

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function placeOfMatch(node: Node, pattern: RegExp): Place {
  const match = pattern.exec(node.rawCode);
  // A ref made inside a macro is not in the model's own text: the file's first line is the closest.
  if (!match) return { file: node.originalFilePath, line: 1, column: 1 };
  return { file: node.originalFilePath, ...positionAt(node.rawCode, match.index) };
}

/** Where the model calls `ref('name')` (or `ref('package', 'name')`, with or without a version). */
export function refCallPlace(node: Node, name: string): Place {
  return placeOfMatch(node, new RegExp(`\\bref\\s*\\(\\s*(?:['"][^'"]*['"]\\s*,\\s*)?['"]${escaped(name)}['"]`));
}

/** Where the model calls `source('source_name', 'table_name')`. */
export function sourceCallPlace(node: Node, sourceName: string, tableName: string): Place {
  return placeOfMatch(node, new RegExp(`\\bsource\\s*\\(\\s*['"]${escaped(sourceName)}['"]\\s*,\\s*['"]${escaped(tableName)}['"]`));
}

/** The node's YAML entry (a model's properties, a source table), else the top of its file. */
export function entryPlace(node: Node): Place {
  if (node.yamlPlace) return { file: node.yamlPlace.file, line: node.yamlPlace.line, column: 1, about: node.originalFilePath };
  return { file: node.originalFilePath, line: 1, column: 1 };
}

/** A YAML column's own line (else the model's entry). */
export function columnPlace(node: Node, column: ColumnInfo): Place {
  const place = column.yamlPlace;
  return place ? { file: place.file, line: place.line, column: 1, about: node.originalFilePath } : entryPlace(node);
}
