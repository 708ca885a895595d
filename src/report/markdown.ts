/**
 * The pull-request comment (and a check run's text): the report as a reviewer reads it, within GitHub's
 * size limits. A pure function of the report object.
 */
import { code, formatCount, link } from './format.js';
import { fitSections, utf16Length, type LadderStep, type Section } from './limits.js';
import { lineageSection } from './lineage-section.js';
import { lintSection } from './lint-section.js';
import { modelTableSection } from './model-table.js';
import { breakingSection, renderFooter, renderHeadline, renderTitle } from './overview.js';
import type { Report } from './report-json.js';
import { samplesSection } from './samples.js';
import { failuresSection, warningsSection } from './tests-section.js';
import { staleSourcesSection } from './freshness-section.js';

/** The hidden first line by which the Action finds its own comment to update it. */
export const COMMENT_MARKER = '<!-- sluice:pr-report -->';
/** GitHub rejects comments longer than this (in characters). */
export const COMMENT_MAX_LENGTH = 65_536;
/** A check run's output text has its own, one smaller, limit. */
export const CHECK_RUN_MAX_LENGTH = 65_535;

export interface CommentOptions {
  /** Link to the job summary, where the longer report is. */
  summaryUrl?: string;
  /** Where report.json is, as the reader would look for it (default `report.json`). */
  reportPath?: string;
  maxLength?: number;
}

/** The first model rows survive longer than the lineage graph; the rest go before it. */
const MODEL_ROWS_KEPT_LONGEST = 20;

/**
 * What goes first when the comment is too long: samples, lint details, warnings, model rows beyond the
 * first 20, the lineage graph, the remaining rows — and only then, shortened but never dropped, the
 * sources that are not fresh, the failures and the breaking changes. The headline is never cut.
 */
const COMMENT_LADDER: LadderStep[] = [
  { section: 'sample tables', keep: 0 },
  { section: 'lint findings', keep: 0 },
  { section: 'warnings', keep: 0 },
  { section: 'model rows', keep: MODEL_ROWS_KEPT_LONGEST },
  { section: 'lineage graph', keep: 0 },
  { section: 'model rows', keep: 0 },
  { section: 'stale sources', keep: 0 },
  { section: 'failures', keep: 0 },
  { section: 'breaking changes', keep: 0 },
];

function commentSections(report: Report, elsewhere: string, marker: boolean): Section[] {
  const head = [marker ? COMMENT_MARKER : null, renderTitle(report), '', renderHeadline(report)].filter((line) => line !== null).join('\n');
  return [
    { name: 'headline', items: [head] },
    breakingSection(report, elsewhere),
    staleSourcesSection(report, elsewhere),
    failuresSection(report, elsewhere),
    lineageSection(report, { maxNodes: 100, elsewhere }),
    modelTableSection(report, { topColumns: 3, schemaChanges: 4, elsewhere }),
    samplesSection(report),
    warningsSection(report),
    lintSection(report, { collapsed: true, elsewhere }),
  ];
}

function render(report: Report, options: CommentOptions, marker: boolean, defaultLimit: number): string {
  const limit = options.maxLength ?? defaultLimit;
  const elsewhere = `the ${link('job summary', options.summaryUrl)} and ${code(options.reportPath ?? 'report.json')}`;
  return fitSections(commentSections(report, elsewhere, marker), COMMENT_LADDER, {
    limit,
    measure: utf16Length,
    note: (omitted) => `> ✂️ **Shortened to stay under GitHub's ${formatCount(limit)}-character limit**, left out: ${omitted.join(', ')}. Everything is in ${elsewhere}.`,
    footer: renderFooter(report, elsewhere),
  });
}

/** The pull-request comment: marker, title, headline, breaking changes, stale sources, failures, lineage, models, samples, warnings, lint. */
export function renderComment(report: Report, options: CommentOptions = {}): string {
  return render(report, options, true, COMMENT_MAX_LENGTH);
}

/** The same body for a check run's output text: no marker (a check run is found by its name), its own limit. */
export function renderCheckRunText(report: Report, maxLength: number = CHECK_RUN_MAX_LENGTH, options: Omit<CommentOptions, 'maxLength'> = {}): string {
  return render(report, { ...options, maxLength }, false, CHECK_RUN_MAX_LENGTH);
}
