import { describe, expect, it } from '@jest/globals';
import { COMMENT_MARKER, renderCheckRunText, renderComment } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report-json.js';
import { airlineReport, model, test, values } from './fixtures.js';
import { structureProblems, tableCells } from './structure.js';

const options = { summaryUrl: 'https://github.com/acme/airline/actions/runs/7', reportPath: 'target/sluice/report.json' };

function lines(text: string): string[] {
  return text.split('\n');
}

describe('the pull-request comment', () => {
  const comment = renderComment(airlineReport(), options);

  it('starts with the hidden marker, then the pull request and its environment', () => {
    expect(lines(comment).slice(0, 2)).toEqual([COMMENT_MARKER, '## 🚦 Sluice · [PR #42](https://github.com/acme/airline/pull/42) → `pr_42`']);
  });

  it('has a one-line headline: models, tests, lint and data changes', () => {
    expect(lines(comment)).toContain(
      '**5 models changed (1 new, 1 removed) · 4 impacted · 2 read from production · ❌ 1 model failed to build · 1 skipped · ' +
        '5 tests passed, 1 warning, 2 failed, 1 skipped (8 data tests on 5 models, 1 unit test) · 1 lint finding · data changed in 6 models**',
    );
  });

  it('puts breaking changes first, right under the headline', () => {
    const all = lines(comment);
    const headline = all.findIndex((line) => line.startsWith('**5 models changed'));
    expect(all.slice(headline + 2, headline + 4)).toEqual([
      '⚠️ **1 breaking change** — removed or retyped columns that downstream models or exposures read:',
      '- `dim_customers.customer_group` removed — read by `mart_active_customers`, `revenue`',
    ]);
  });

  it('lists failed builds and failing tests with their failing-row counts and messages', () => {
    const all = lines(comment);
    const start = all.indexOf('### ❌ 1 model failed to build · 2 tests failed');
    expect(start).toBeGreaterThan(0);
    expect(all.slice(start + 1, start + 4)).toEqual([
      '- ❌ `dim_aeroplanes` failed to build: Binder Error: column "seats" not found',
      '- ❌ `relationships_fact_orders_customer_id__customer_id__ref_dim_customers_` on `fact_orders` — **12 failing rows**: Got 12 results, configured to fail if != 0',
      '- ❌ unit test `revenue_sums_by_month` on `mart_revenue_by_region_month` — **2 failing rows**: actual differs from expected in 2 rows',
    ]);
  });

  it('has a row per reviewed model: change, rows with Δ and %, schema, values, tests', () => {
    const all = lines(comment);
    expect(all).toContain('| model | change | rows (prod → PR) | schema | values (by key) | tests |');
    expect(all).toContain('| `stg_sap__orders` | modified | 48,210 → 48,102 (−108, −0.22 %) | — | 108 removed · 0 added · 0 changed | 2/2 ✅ |');
    expect(all).toContain('| `dim_customers` | modified | 5,000 → 5,000 | ➕ `customer_segment` ➖ `customer_group` | no changes | 1/1 ✅ |');
    expect(all).toContain('| `mart_active_customers` | impacted | 360 → 360 | — | no changes | 1/2 ⚠️ |');
    expect(all).toContain(
      '| `fact_orders` | impacted | 48,210 → 48,102 (−108, −0.22 %) | — | 108 removed · 0 added · 1,913 changed ' +
        '(`customer_email` 1,913, `customer_segment_key` 1,913, `amount_eur` 2) · on a 10 % sample | 1/2 ❌ |',
    );
  });

  it('shows a new model with just its count, a removed one with its base, failed and skipped ones with their status', () => {
    const all = lines(comment);
    expect(all).toContain('| `fact_new_bookings` | new | 1,250 | — | — | — |');
    expect(all).toContain('| `dim_legacy_regions` | removed | 12 → — | — | — | — |');
    expect(all).toContain('| `dim_aeroplanes` | modified · ❌ failed | — | — | — | — |');
    expect(all).toContain('| `fact_trips` | impacted · ⏭️ skipped | — | — | — | 0/1 ⏭️ |');
    // Deferred models are read from production, not reviewed.
    expect(comment).not.toContain('| `stg_sap__customers`');
  });

  it('orders the pull request own changes before what they impact', () => {
    const rows = lines(comment).filter((line) => line.startsWith('| `'));
    const names = rows.map((row) => tableCells(row)[0]).filter((name) => !/^`\d/.test(name!));
    expect(names.slice(0, 5)).toEqual(['`stg_sap__orders`', '`dim_customers`', '`dim_aeroplanes`', '`fact_new_bookings`', '`dim_legacy_regions`']);
  });

  it('collapses samples per model: key, column, prod and PR values, masked values still masked', () => {
    const start = comment.indexOf('<details><summary><b>fact_orders</b> — 3 of 1,913 changed rows</summary>');
    expect(start).toBeGreaterThan(0);
    const block = comment.slice(start, comment.indexOf('</details>', start));
    expect(lines(block)).toEqual(
      expect.arrayContaining([
        '| `order_id` | column | prod | PR |',
        '| `100017` | `customer_segment_key` | `3` | `4` |',
        '| `100017` | `customer_email` | `•••` | `•••` |',
        '| `100233` | `customer_segment_key` | `1` | `2` |',
      ]),
    );
    expect(comment).toContain('<details><summary><b>stg_sap__orders</b> — 2 of 108 removed</summary>');
    expect(comment).toContain('| `100017` | `status` | `cancelled` | *(no row)* |');
  });

  it('escapes pipes, HTML and backticks in values so they cannot break the table or render', () => {
    const row = lines(comment).find((line) => line.startsWith('| `100400`'))!;
    expect(row).toBe('| `100400` | `note` | `a\\|b <script>x</script>` | ``use `rm -rf` @octocat`` |');
    expect(tableCells(row)).toHaveLength(4);
  });

  it('collapses warnings with their messages, escaped', () => {
    expect(comment).toContain(
      '<details><summary>⚠️ <b>Warning:</b> <code>accepted_values_mart_active_customers_region</code> on <code>mart_active_customers</code> — 12 failing rows</summary>\n\n' +
        "Got 12 results, configured to warn if != 0: value 'Baltics' &lt;not in list&gt;\n\n</details>",
    );
  });

  it('draws the lineage in Mermaid', () => {
    expect(comment).toContain('```mermaid\ngraph LR\n');
    expect(lines(comment)).toContain('  n1["dim_customers"]:::modified');
  });

  it('ends with where the full report is', () => {
    expect(lines(comment.trimEnd()).at(-1)).toBe(
      '<sub>Built in 41 s (warehouse 37 s) · diffs on a 10 % key sample for 1 model · full report in the ' +
        '[job summary](https://github.com/acme/airline/actions/runs/7) and `target/sluice/report.json`</sub>',
    );
  });

  it('is well-formed Markdown and says nothing was left out when everything fits', () => {
    expect(structureProblems(comment)).toEqual([]);
    expect(comment).not.toContain('Shortened');
    expect(comment).not.toMatch(/NaN|Infinity|undefined|\[object/);
  });

  it('escapes odd characters in model names', () => {
    const report: Report = {
      ...airlineReport(),
      models: [
        model('weird|name`<b>', {
          change: 'modified',
          rows: { base: 1, env: 2 },
          values: values({ changed_rows: 1, columns: { 'col|x': 1 }, samples: [{ key: ['k|1'], kind: 'changed', columns: [{ name: 'col|x', base: '<i>', env: null }] }] }),
        }),
      ],
      tests: [test('t', 'weird|name`<b>', 'fail', { failures: 1, message: 'bad | value <x> `y`' })],
      breaking: [],
      lint: [],
    };
    const text = renderComment(report);
    expect(lines(text)).toContain('| ``weird\\|name`<b>`` | modified | 1 → 2 (+1, +100 %) | — | 0 removed · 0 added · 1 changed (`col\\|x` 1) | 0/1 ❌ |');
    expect(text).toContain('<details><summary><b>weird|name`&lt;b&gt;</b> — 1 of 1 changed rows</summary>');
    expect(lines(text)).toContain('| `k\\|1` | `col\\|x` | `<i>` | *null* |');
    expect(lines(text)).toContain('- ❌ `t` on ``weird|name`<b>`` — **1 failing row**: bad \\| value &lt;x&gt; \\`y\\`');
    expect(structureProblems(text)).toEqual([]);
  });

  it('without a pull request, names the environment and its base; without anything to report, still says so', () => {
    const report: Report = { ...airlineReport(), pull_request: null, timing: null, models: [], tests: [], lint: [], breaking: [] };
    const text = renderComment(report);
    expect(lines(text).slice(0, 4)).toEqual([COMMENT_MARKER, '## 🚦 Sluice · `pr_42` vs `prod`', '', '**0 models changed · 0 impacted · no tests · lint clean**']);
    expect(lines(text.trimEnd()).at(-1)).toBe('<sub>full report in the job summary and `report.json`</sub>');
  });

  it('says how a model without a key was compared', () => {
    const report: Report = {
      ...airlineReport(),
      models: [
        model('dim_regions', {
          change: 'modified',
          rows: { base: 4, env: 4 },
          profile: {
            reason: 'no unique key',
            columns: [
              { name: 'name', base: { nulls: 0, distinct: 4, min: 'a', max: 'd', sum: null }, env: { nulls: 1, distinct: 3, min: 'a', max: 'd', sum: null } },
              { name: 'id', base: { nulls: 0, distinct: 4, min: 1, max: 4, sum: 10 }, env: { nulls: 0, distinct: 4, min: 1, max: 4, sum: 10 } },
            ],
          },
          diff_notes: ['No key: add a unique and not_null test or meta.primary_key to compare values by key.'],
        }),
      ],
    };
    expect(lines(renderComment(report))).toContain(
      '| `dim_regions` | modified | 4 → 4 | — | profiles differ in 1 column<br><sub>No key: add a unique and not\\_null test or meta.primary\\_key to compare values by key.</sub> | — |',
    );
  });
});

describe('the check run text', () => {
  it('is the comment without the marker', () => {
    const text = renderCheckRunText(airlineReport(), 65_535, options);
    expect(text).not.toContain(COMMENT_MARKER);
    expect(text).toBe(renderComment(airlineReport(), options).replace(`${COMMENT_MARKER}\n`, ''));
  });
});
