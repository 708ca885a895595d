/** Source freshness in the comment and the job summary, rendered from report objects. */
import { describe, expect, it } from '@jest/globals';
import { describeFreshness, formatAge, freshnessPhrase } from '../../src/report/freshness-section.js';
import { COMMENT_MAX_LENGTH, renderComment } from '../../src/report/markdown.js';
import type { Report, ReportFreshness } from '../../src/report/report-json.js';
import { renderSummary } from '../../src/report/summary.js';
import { airlineReport, hugeReport } from './fixtures.js';
import { structureProblems } from './structure.js';

const HOUR = 3600;

function source(table: string, fields: Partial<ReportFreshness> = {}): ReportFreshness {
  return {
    source: 'erp',
    table,
    unique_id: `source.airline.erp.${table}`,
    status: 'pass',
    max_loaded_at: '2026-11-28T04:00:00Z',
    age_seconds: 2 * HOUR,
    warn_after: { count: 24, period: 'hour' },
    error_after: { count: 2, period: 'day' },
    filter: null,
    message: null,
    ...fields,
  };
}

function withFreshness(report: Report): Report {
  report.freshness = [
    source('customers'),
    source('orders', { status: 'warn', age_seconds: 30 * HOUR + 1200 }),
    source('trips', { status: 'error', age_seconds: 2.5 * 86_400 }),
    source('aeroplanes', { status: 'runtime error', max_loaded_at: null, age_seconds: null, message: 'Catalog Error: Table with name aeroplanes does not exist!' }),
    source('bookings', { status: 'error', max_loaded_at: null, age_seconds: null, filter: "kind = 'new'" }),
  ];
  return report;
}

describe('source freshness in the comment', () => {
  const comment = renderComment(withFreshness(airlineReport()), { reportPath: 'target/sluice/report.json' });
  const lines = comment.split('\n');

  it('calls out the sources that are not fresh near the top, worst first, with how stale they are', () => {
    const start = lines.indexOf('⏰ **Source freshness:** 4 of 5 sources read by this run are not fresh:');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 5)).toEqual([
      '- ❌ source `erp.trips` last loaded 2.5 d ago (error after 2 d)',
      "- ❌ source `erp.bookings` was never loaded: no row matching its filter has a loaded\\_at value (error after 2 d)",
      '- ❌ source `erp.aeroplanes` could not be checked: Catalog Error: Table with name aeroplanes does not exist!',
      '- ⚠️ source `erp.orders` last loaded 30 h ago (warn after 24 h)',
    ]);
    // After the breaking changes, before the failures and everything else.
    expect(start).toBeGreaterThan(lines.findIndex((line) => line.startsWith('⚠️ **1 breaking change**')));
    expect(start).toBeLessThan(lines.findIndex((line) => line.startsWith('### ❌')));
    // A fresh source is not called out.
    expect(comment).not.toContain('erp.customers');
    expect(structureProblems(comment)).toEqual([]);
  });

  it('says nothing about freshness when every source is fresh, or none was checked', () => {
    const fresh = airlineReport();
    fresh.freshness = [source('customers')];
    expect(renderComment(fresh)).not.toContain('Source freshness');
    expect(renderComment(airlineReport())).toBe(renderComment({ ...airlineReport(), freshness: [] }));
  });

  it('stays under GitHub\'s limit with thousands of stale sources: shortened, never dropped', () => {
    const report = hugeReport(500);
    report.freshness = Array.from({ length: 5000 }, (_, index) => source(`table_with_a_rather_long_name_${index}`, { status: 'warn', age_seconds: 30 * HOUR }));
    const text = renderComment(report, { reportPath: 'target/sluice/report.json' });
    expect(text.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
    expect(text).toContain('⏰ **Source freshness:** 5,000 of 5,000 sources read by this run are not fresh:');
    expect(text).toMatch(/… and [\d,]+ more sources in /);
    expect(structureProblems(text)).toEqual([]);
  });
});

describe('source freshness in the job summary', () => {
  it('has the stale sources at the top and a table of every source checked, worst first', () => {
    const summary = renderSummary(withFreshness(airlineReport()), { reportPath: 'target/sluice/report.json' });
    const lines = summary.split('\n');
    expect(summary).toContain('- ⚠️ source `erp.orders` last loaded 30 h ago (warn after 24 h)');
    const table = lines.indexOf('### Source freshness');
    expect(table).toBeGreaterThan(lines.findIndex((line) => line.startsWith('⏰ **Source freshness:**')));
    expect(lines.slice(table + 2, table + 9)).toEqual([
      '| source | newest loaded_at (UTC) | age | warn after | error after | status |',
      '|---|---|---|---|---|---|',
      '| `erp.trips` | `2026-11-28T04:00:00Z` | 60 h | 24 h | 2 d | ❌ error |',
      '| `erp.bookings` | — | — | 24 h | 2 d | ❌ error |',
      '| `erp.aeroplanes` | — | — | 24 h | 2 d | ❌ Catalog Error: Table with name aeroplanes does not exist! |',
      '| `erp.orders` | `2026-11-28T04:00:00Z` | 30 h | 24 h | 2 d | ⚠️ warn |',
      '| `erp.customers` | `2026-11-28T04:00:00Z` | 2 h | 24 h | 2 d | ✅ pass |',
    ]);
    expect(structureProblems(summary)).toEqual([]);
  });
});

describe('freshness phrases', () => {
  it('give ages the way one reads them, in the unit of the threshold they broke', () => {
    expect([45, 12 * 60, 30 * HOUR, 5 * 86_400].map(formatAge)).toEqual(['45 s', '12 min', '30 h', '5 d']);
    expect(freshnessPhrase(source('a', { status: 'warn', age_seconds: 90 * 60, warn_after: { count: 30, period: 'minute' } }))).toBe('last loaded 90 min ago (warn after 30 min)');
    expect(freshnessPhrase(source('a', { status: 'error', age_seconds: 72 * HOUR, error_after: { count: 48, period: 'hour' } }))).toBe('last loaded 72 h ago (error after 48 h)');
    expect(freshnessPhrase(source('a'))).toBe('last loaded 2 h ago');
    expect(describeFreshness(source('orders', { status: 'warn', age_seconds: 30 * HOUR }))).toBe('source erp.orders last loaded 30 h ago (warn after 24 h); newest value 2026-11-28T04:00:00Z');
  });
});
