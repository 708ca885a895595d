/**
 * Line annotations: lint findings and the models and tests that failed, placed on the file and line they
 * come from. They go into a check run (GitHub takes at most 50 per request, so they are sent in batches)
 * or, where the token cannot create check runs (a fork), out as workflow commands (`::error file=…`).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { NodeResult } from '../execute/run-results.js';
import type { ReportLint } from '../report/report-json.js';

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface Annotation {
  /** Relative to the repository root, with forward slashes: what GitHub matches against the diff. */
  path: string;
  startLine: number;
  endLine: number;
  /** Only on a one-line annotation: GitHub refuses columns on a range of lines. */
  startColumn?: number;
  level: AnnotationLevel;
  title: string;
  message: string;
}

/** GitHub's limit on annotations in one create or update of a check run. */
export const ANNOTATIONS_PER_REQUEST = 50;
const MAX_MESSAGE = 4000;
const MAX_TITLE = 255;

/** Maps a path inside the project to a repository path; null for a file outside the repository. */
export function repositoryPath(repositoryRoot: string, projectDir: string, file: string): string | null {
  const path = relative(resolve(repositoryRoot), resolve(projectDir, file));
  if (!path || path.startsWith('..') || isAbsolute(path)) return null;
  return path.split(sep).join('/');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function lineOf(value: number | undefined): number {
  return Number.isInteger(value) && value! >= 1 ? value! : 1;
}

export function lintAnnotations(findings: ReportLint[], toPath: (file: string) => string | null): Annotation[] {
  const annotations: Annotation[] = [];
  for (const finding of findings) {
    const path = toPath(finding.file);
    if (!path) continue;
    const line = lineOf(finding.line);
    annotations.push({
      path,
      startLine: line,
      endLine: line,
      startColumn: finding.column >= 1 ? finding.column : undefined,
      level: finding.severity === 'error' ? 'failure' : 'warning',
      title: clip(`Sluice lint ${finding.rule}`, MAX_TITLE),
      message: clip(finding.message, MAX_MESSAGE),
    });
  }
  return annotations;
}

const RESULT_LEVELS: Partial<Record<NodeResult['status'], AnnotationLevel>> = { error: 'failure', fail: 'failure', warn: 'warning' };

/** Models the warehouse refused to build and tests that failed or warned, on their SQL file (a model) or YAML line (a generic test). */
export function resultAnnotations(results: NodeResult[], toPath: (file: string) => string | null): Annotation[] {
  const annotations: Annotation[] = [];
  for (const result of results) {
    const level = RESULT_LEVELS[result.status];
    if (!level) continue;
    const node = result.node;
    const place = node.resourceType === 'model' || !node.yamlPlace ? { file: node.originalFilePath, line: 1 } : node.yamlPlace;
    const path = toPath(place.file);
    if (!path) continue;
    const what = node.resourceType === 'model' ? `Model ${node.name} failed to build` : `Test ${node.name} ${result.status === 'warn' ? 'warned' : 'failed'}`;
    annotations.push({
      path,
      startLine: lineOf(place.line),
      endLine: lineOf(place.line),
      level,
      title: clip(what, MAX_TITLE),
      message: clip(result.message ?? what, MAX_MESSAGE),
    });
  }
  return annotations;
}

/** Consecutive groups of at most `size` annotations, in order. */
export function annotationBatches(annotations: Annotation[], size: number = ANNOTATIONS_PER_REQUEST): Annotation[][] {
  const batches: Annotation[][] = [];
  for (let index = 0; index < annotations.length; index += size) batches.push(annotations.slice(index, index + size));
  return batches;
}

/** The check-runs API's shape of an annotation. */
export function checkRunAnnotation(annotation: Annotation) {
  return {
    path: annotation.path,
    start_line: annotation.startLine,
    end_line: annotation.endLine,
    ...(annotation.startColumn !== undefined && annotation.startLine === annotation.endLine ? { start_column: annotation.startColumn, end_column: annotation.startColumn } : {}),
    annotation_level: annotation.level,
    title: annotation.title,
    message: annotation.message,
  };
}
