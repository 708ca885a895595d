/**
 * The job summary: the comment's report in its long form — every model with its details, every sample,
 * every test with its status, the lint findings — under GitHub's 1 MiB limit for a step summary.
 */
import { code, formatCount, plural } from './format.js';
import { fitSections, utf8Bytes, type LadderStep, type Section } from './limits.js';
import { lineageSection } from './lineage-section.js';
import { lintSection } from './lint-section.js';
import { modelDetailsSection } from './model-details.js';
import { modelTableSection } from './model-table.js';
import { breakingSection, renderFooter, renderHeadline, renderTitle } from './overview.js';
import type { Report } from './report-json.js';
import { isUnaffected } from './facts.js';
import { samplesSection } from './samples.js';
import { failuresSection, testsTableSection } from './tests-section.js';
import { freshnessTableSection, staleSourcesSection } from './freshness-section.js';

/** GitHub's limit for one step's summary, in bytes. */
export const SUMMARY_MAX_BYTES = 1_048_576;

export interface SummaryOptions {
  maxBytes?: number;
  /** Where report.json is, as the reader would look for it (default `report.json`). */
  reportPath?: string;
}

const SUMMARY_LADDER: LadderStep[] = [
  { section: 'sample tables', keep: 0 },
  { section: 'models read from production', keep: 0 },
  { section: 'model details', keep: 0 },
  { section: 'test rows', keep: 0 },
  { section: 'source freshness rows', keep: 0 },
  { section: 'lint findings', keep: 0 },
  { section: 'model rows', keep: 50 },
  { section: 'lineage graph', keep: 0 },
  { section: 'model rows', keep: 0 },
  { section: 'stale sources', keep: 0 },
  { section: 'failures', keep: 0 },
  { section: 'breaking changes', keep: 0 },
];

function deferredSection(report: Report, elsewhere: string): Section {
  const deferred = report.models.filter((model) => model.status === 'deferred' && !isUnaffected(model));
  return {
    name: 'models read from production',
    whole: 'the list of models read from production',
    head: `<details><summary>${plural(deferred.length, 'model')} read from production</summary>\n`,
    items: deferred.map((model) => `- ${code(model.name)}`),
    tail: '\n\n</details>',
    more: (count) => `… and ${plural(count, 'more model')} in ${elsewhere}.`,
  };
}

function summarySections(report: Report, elsewhere: string): Section[] {
  const head = [renderTitle(report), '', renderHeadline(report)].join('\n');
  return [
    { name: 'headline', items: [head] },
    breakingSection(report, elsewhere),
    staleSourcesSection(report, elsewhere),
    failuresSection(report, elsewhere),
    lineageSection(report, { maxNodes: 300, elsewhere }),
    modelTableSection(report, { topColumns: 5, schemaChanges: 10, elsewhere, title: '### Models' }),
    modelDetailsSection(report),
    samplesSection(report, '### Samples'),
    testsTableSection(report, elsewhere),
    freshnessTableSection(report, elsewhere),
    lintSection(report, { collapsed: false, elsewhere }),
    deferredSection(report, elsewhere),
  ];
}

function formatLimit(bytes: number): string {
  return bytes % SUMMARY_MAX_BYTES === 0 ? `${formatCount(bytes / SUMMARY_MAX_BYTES)} MiB` : `${formatCount(bytes)}-byte`;
}

/** The job summary in Markdown, at most `maxBytes` bytes of UTF-8. */
export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const elsewhere = code(options.reportPath ?? 'report.json');
  return fitSections(summarySections(report, elsewhere), SUMMARY_LADDER, {
    limit: maxBytes,
    measure: utf8Bytes,
    note: (omitted) => `> ✂️ **Shortened to stay under the job summary's ${formatLimit(maxBytes)} limit**, left out: ${omitted.join(', ')}. Everything is in ${elsewhere}.`,
    footer: renderFooter(report, elsewhere),
  });
}
