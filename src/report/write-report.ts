/**
 * The report's files under target/sluice/: report.json, report.md (the comment), summary.md and junit.xml,
 * which `ci` and `diff` write; and promote.json and promote.md, which `promote` writes beside them so that
 * the pull request's report is never overwritten.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJunit } from './junit.js';
import { promoteReport, renderPromote, type PromoteOutcome } from './promote-markdown.js';
import { renderComment } from './markdown.js';
import type { Report } from './report-json.js';
import { renderSummary } from './summary.js';

export interface ReportFiles {
  json: string;
  markdown: string;
  summary: string;
  junit: string;
}

export function writeReportFiles(targetPath: string, report: Report): ReportFiles {
  const dir = join(targetPath, 'sluice');
  mkdirSync(dir, { recursive: true });
  const files: ReportFiles = {
    json: join(dir, 'report.json'),
    markdown: join(dir, 'report.md'),
    summary: join(dir, 'summary.md'),
    junit: join(dir, 'junit.xml'),
  };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.markdown, renderComment(report, { reportPath: 'target/sluice/report.json' }));
  writeFileSync(files.summary, renderSummary(report, { reportPath: 'target/sluice/report.json' }));
  writeFileSync(files.junit, renderJunit(report));
  return files;
}

export function writePromoteFiles(targetPath: string, report: Report, outcome: PromoteOutcome): { json: string; markdown: string } {
  const dir = join(targetPath, 'sluice');
  mkdirSync(dir, { recursive: true });
  const files = { json: join(dir, 'promote.json'), markdown: join(dir, 'promote.md') };
  const promote = promoteReport(report, outcome);
  writeFileSync(files.json, `${JSON.stringify(promote, null, 2)}\n`);
  writeFileSync(files.markdown, renderPromote(promote));
  return files;
}
