/**
 * What a step hands back to the runner without the REST API: workflow-command annotations (shown on the
 * run and, for files in the diff, on the pull request's lines), the job summary and step outputs. These
 * need no token permission, so they are how a fork's lint-only run reports.
 */
import * as core from '@actions/core';
import type { Annotation } from './annotations.js';

export function emitAnnotations(annotations: Annotation[]): void {
  for (const annotation of annotations) {
    const properties: core.AnnotationProperties = {
      title: annotation.title,
      file: annotation.path,
      startLine: annotation.startLine,
      endLine: annotation.endLine,
      ...(annotation.startColumn !== undefined && annotation.startLine === annotation.endLine ? { startColumn: annotation.startColumn } : {}),
    };
    if (annotation.level === 'failure') core.error(annotation.message, properties);
    else if (annotation.level === 'warning') core.warning(annotation.message, properties);
    else core.notice(annotation.message, properties);
  }
}

/** Appends Markdown to the job summary; a no-op outside a runner (no GITHUB_STEP_SUMMARY). */
export async function appendJobSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false;
  await core.summary.addRaw(markdown, true).write();
  return true;
}

export function setOutputs(outputs: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, String(value));
}
