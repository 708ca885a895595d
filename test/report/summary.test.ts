import { describe, expect, it } from '@jest/globals';
import { renderComment } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report-json.js';
import { renderSummary } from '../../src/report/summary.js';
import { airlineReport, model, values } from './fixtures.js';
import { structureProblems } from './structure.js';

function block(text: string, start: string): string[] {
  const from = text.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return text.slice(from, text.indexOf('</details>', from) + '</details>'.length).split('\n');
}

describe('the job summary', () => {
  const summary = renderSummary(airlineReport(), { reportPath: 'target/sluice/report.json' });

  it('opens like the comment, without the marker', () => {
    const comment = renderComment(airlineReport());
    expect(summary.startsWith('## 🚦 Sluice · [PR #42](https://github.com/acme/airline/pull/42) → `pr_42`\n\n**5 models changed')).toBe(true);
    expect(summary).not.toContain('<!-- sluice:pr-report -->');
    const headline = (text: string): string | undefined => text.split('\n').find((line) => line.startsWith('**'));
    expect(headline(summary)).toBe(headline(comment));
    expect(summary).toContain('⚠️ **1 breaking change**');
    expect(summary).toContain('### ❌ 1 model failed to build · 2 tests failed');
  });

  it('has the model table under a heading, and every model in detail', () => {
    expect(summary).toContain('### Models\n\n| model | change | rows (prod → PR) | schema | values (by key) | tests |');
    expect(block(summary, '<details><summary><b>fact_orders</b>')).toEqual([
      '<details><summary><b>fact_orders</b> — impacted, incremental</summary>',
      '',
      '- **Relations:** PR `pr_42.fact_orders` · prod `prod.fact_orders`',
      '- **Rows** (prod → PR): 48,210 → 48,102 (−108, −0.22 %)',
      '- **Schema:** unchanged',
      '- **Values by key** (`order_id`): 108 removed · 0 added · 1,913 changed',
      '- **Changed rows by column:** `customer_email` 1,913, `customer_segment_key` 1,913, `amount_eur` 2',
      '- **Compared:** a 10 % sample of the keys',
      '',
      '</details>',
    ]);
    expect(summary).toContain('- **Message:** Binder Error: column "seats" not found');
  });

  it('lists every test with its status, failures first', () => {
    const tests = summary.slice(summary.indexOf('### Tests'), summary.indexOf('### Lint'));
    const rows = tests.split('\n').filter((line) => /^\| (✅|❌|⚠️|⏭️) \| `/.test(line));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toBe(
      '| ❌ | `relationships_fact_orders_customer_id__customer_id__ref_dim_customers_` | `fact_orders` | 12 | 0.05 s | Got 12 results, configured to fail if != 0 |',
    );
    expect(rows[1]).toBe('| ❌ | `revenue_sums_by_month` *(unit test)* | `mart_revenue_by_region_month` | 2 | 0.05 s | actual differs from expected in 2 rows |');
    expect(rows[2]!.startsWith('| ⚠️ |')).toBe(true);
    expect(rows[3]).toBe('| ⏭️ | `not_null_fact_trips_trip_id` | `fact_trips` | — | 0.05 s | Skipped: dim\\_aeroplanes failed |');
    expect(rows.slice(4).every((row) => row.startsWith('| ✅ |'))).toBe(true);
  });

  it('has the lint findings, the samples and the models read from production', () => {
    expect(summary).toContain(
      '### Lint: 1 finding\n\n|  | where | rule | message |\n|---|---|---|---|\n' +
        '| ⚠️ | `models/staging/stg_sap__orders.sql:3:8` | `AM04` | Query produces an unknown number of result columns (select \\*). |',
    );
    expect(summary).toContain('### Samples\n\n<details><summary><b>stg_sap__orders</b> — 2 of 108 removed</summary>');
    expect(summary).toContain('| `100017` | `customer_email` | `•••` | `•••` |');
    expect(block(summary, '<details><summary>2 models read from production')).toEqual([
      '<details><summary>2 models read from production</summary>',
      '',
      '- `stg_sap__customers`',
      '- `stg_sap__trips`',
      '',
      '</details>',
    ]);
    expect(summary.trimEnd().split('\n').at(-1)).toBe('<sub>Built in 41 s (warehouse 37 s) · diffs on a 10 % key sample for 1 model · full report in `target/sluice/report.json`</sub>');
    expect(structureProblems(summary)).toEqual([]);
  });

  it('shows the profiles that differ for a model without a key', () => {
    const report: Report = {
      ...airlineReport(),
      models: [
        model('dim_regions', {
          change: 'modified',
          rows: { base: 4, env: 4 },
          profile: {
            reason: 'no unique key',
            columns: [
              { name: 'name', base: { nulls: 0, distinct: 4, min: 'Baltics', max: 'Nordics', sum: null }, env: { nulls: 1, distinct: 3, min: 'Baltics', max: 'Nordics', sum: null } },
              { name: 'id', base: { nulls: 0, distinct: 4, min: 1, max: 4, sum: 10 }, env: { nulls: 0, distinct: 4, min: 1, max: 4, sum: 10 } },
              { name: 'added_column', base: null, env: { nulls: 0, distinct: 1, min: 1, max: 1, sum: 4 } },
            ],
          },
        }),
      ],
    };
    expect(block(renderSummary(report), '<details><summary><b>dim_regions</b>')).toEqual([
      '<details><summary><b>dim_regions</b> — modified, table</summary>',
      '',
      '- **Relations:** PR `pr_42.dim_regions` · prod `prod.dim_regions`',
      '- **Rows** (prod → PR): 4 → 4',
      '- **No key:** no unique key; profiles differ in 2 columns',
      '',
      '| column | nulls | distinct | min | max | sum |',
      '|---|---|---|---|---|---|',
      '| `name` | 0 → 1 | 4 → 3 | `Baltics` | `Nordics` | *null* |',
      '| `added_column` | — → 0 | — → 1 | — → `1` | — → `1` | — → `4` |',
      '',
      '</details>',
    ]);
  });

  it('keeps every model and every sample when they fit, where the comment would cut', () => {
    const report: Report = {
      ...airlineReport(),
      models: Array.from({ length: 120 }, (_, index) =>
        model(`fact_model_${index}`, {
          change: 'modified',
          rows: { base: 100, env: 101 },
          values: values({ changed_rows: 1, columns: { amount: 1 }, samples: [{ key: [index], kind: 'changed', columns: [{ name: 'amount', base: 1, env: 2 }] }] }),
        }),
      ),
    };
    const text = renderSummary(report);
    expect(text.split('\n').filter((line) => line.startsWith('| `fact_model_'))).toHaveLength(120);
    expect(text.split('\n').filter((line) => line.startsWith('<details><summary><b>fact_model_') && line.includes('changed rows'))).toHaveLength(120);
    expect(text).not.toContain('Shortened');
  });

  it('stays under a smaller byte limit, counting multi-byte characters as bytes', () => {
    const report = airlineReport();
    report.models.push(model('dim_städte_東京', { change: 'modified', message: '✈️'.repeat(2_000) }));
    const text = renderSummary(report, { maxBytes: 6_000 });
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(6_000);
    expect(text).toMatch(/Shortened to stay under the job summary's 6,000-byte limit\*\*, left out: /);
    expect(structureProblems(text)).toEqual([]);
  });
});
