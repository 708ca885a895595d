/** Report objects for the renderer tests: a small realistic one (the airline example's pull request) and a generated huge one. */
import type { Report, ReportModel, ReportTest, ValueDiff } from '../../src/report/report-json.js';

export function model(name: string, fields: Partial<ReportModel> = {}): ReportModel {
  return {
    name,
    unique_id: `model.airline.${name}`,
    status: 'built',
    change: null,
    reason: null,
    materialized: 'table',
    relation: `pr_42.${name}`,
    base_relation: `prod.${name}`,
    parents: [],
    rows: null,
    schema: null,
    values: null,
    profile: null,
    diff_notes: [],
    message: null,
    ...fields,
  };
}

export function values(fields: Partial<ValueDiff> = {}): ValueDiff {
  return { key: ['id'], only_base: 0, only_env: 0, changed_rows: 0, columns: {}, samples: [], sampled: null, ...fields };
}

export function test(name: string, modelName: string | null, status: string, fields: Partial<ReportTest> = {}): ReportTest {
  return {
    name,
    unique_id: `test.airline.${name}`,
    model: modelName,
    status,
    failures: status === 'pass' ? 0 : null,
    message: null,
    severity: 'error',
    execution_time: 0.05,
    ...fields,
  };
}

const noSchemaChange = { added: [], removed: [], changed: [], reordered: [] };

/** PR #42 of the airline example: two modified models, their impact, one new, one removed, one failed build. */
export function airlineReport(): Report {
  return {
    version: 1,
    generated_at: '2026-11-29T10:00:00.000Z',
    command: 'ci',
    env: 'pr_42',
    base_env: 'prod',
    run_id: 'run-1',
    ok: false,
    pull_request: { number: 42, url: 'https://github.com/acme/airline/pull/42', title: 'Customer segments' },
    timing: { total: 41.2, warehouse: 37 },
    models: [
      model('stg_sap__customers', { status: 'deferred', relation: 'prod.stg_sap__customers' }),
      model('stg_sap__trips', { status: 'deferred', relation: 'prod.stg_sap__trips' }),
      model('stg_sap__orders', {
        change: 'modified',
        materialized: 'view',
        rows: { base: 48_210, env: 48_102 },
        schema: noSchemaChange,
        values: values({
          key: ['order_id'],
          only_base: 108,
          samples: [
            { key: [100_017], kind: 'only_base', columns: [{ name: 'status', base: 'cancelled', env: null }] },
            { key: [100_018], kind: 'only_base', columns: [] },
          ],
        }),
      }),
      model('dim_customers', {
        change: 'modified',
        parents: ['stg_sap__customers'],
        rows: { base: 5_000, env: 5_000 },
        schema: { added: ['customer_segment'], removed: ['customer_group'], changed: [], reordered: [] },
        values: values({ key: ['customer_id'] }),
      }),
      model('dim_aeroplanes', {
        change: 'modified',
        status: 'failed',
        parents: ['seed_aeroplane_specs'],
        message: 'Binder Error: column "seats" not found',
      }),
      model('fact_orders', {
        change: 'impacted',
        materialized: 'incremental',
        parents: ['stg_sap__orders', 'dim_customers'],
        rows: { base: 48_210, env: 48_102 },
        schema: noSchemaChange,
        values: values({
          key: ['order_id'],
          only_base: 108,
          changed_rows: 1_913,
          columns: { customer_segment_key: 1_913, customer_email: 1_913, amount_eur: 2 },
          samples: [
            { key: [100_017], kind: 'changed', columns: [{ name: 'customer_segment_key', base: 3, env: 4 }, { name: 'customer_email', base: '•••', env: '•••' }] },
            { key: [100_233], kind: 'changed', columns: [{ name: 'customer_segment_key', base: 1, env: 2 }] },
            { key: [100_400], kind: 'changed', columns: [{ name: 'note', base: 'a|b <script>x</script>', env: 'use `rm -rf` @octocat' }] },
          ],
          sampled: { percent: 10, where: null },
        }),
      }),
      model('fact_trips', { change: 'impacted', status: 'skipped', parents: ['dim_aeroplanes', 'stg_sap__trips'] }),
      model('fact_new_bookings', { change: 'new', parents: ['stg_sap__orders'], base_relation: null, rows: { base: null, env: 1_250 } }),
      model('mart_revenue_by_region_month', {
        change: 'impacted',
        parents: ['fact_orders'],
        rows: { base: 360, env: 360 },
        values: values({ key: ['region', 'month'], changed_rows: 17, columns: { revenue_eur: 17 } }),
      }),
      model('mart_active_customers', {
        change: 'impacted',
        parents: ['dim_customers'],
        rows: { base: 360, env: 360 },
        values: values({ key: ['region', 'month'] }),
      }),
      model('dim_legacy_regions', { change: 'removed', status: 'skipped', relation: null, rows: { base: 12, env: null } }),
    ],
    tests: [
      test('not_null_stg_sap__orders_order_id', 'stg_sap__orders', 'pass'),
      test('unique_stg_sap__orders_order_id', 'stg_sap__orders', 'pass'),
      test('unique_dim_customers_customer_id', 'dim_customers', 'pass'),
      test('relationships_fact_orders_customer_id__customer_id__ref_dim_customers_', 'fact_orders', 'fail', {
        failures: 12,
        message: 'Got 12 results, configured to fail if != 0',
      }),
      test('not_null_fact_orders_order_id', 'fact_orders', 'pass'),
      test('accepted_values_mart_active_customers_region', 'mart_active_customers', 'warn', {
        failures: 12,
        severity: 'warn',
        message: "Got 12 results, configured to warn if != 0: value 'Baltics' <not in list>",
      }),
      test('not_null_mart_active_customers_region', 'mart_active_customers', 'pass'),
      {
        ...test('revenue_sums_by_month', 'mart_revenue_by_region_month', 'fail', { failures: 2, message: 'actual differs from expected in 2 rows' }),
        unique_id: 'unit_test.airline.mart_revenue_by_region_month.revenue_sums_by_month',
      },
      test('not_null_fact_trips_trip_id', 'fact_trips', 'skipped', { message: 'Skipped: dim_aeroplanes failed' }),
    ],
    lint: [{ file: 'models/staging/stg_sap__orders.sql', line: 3, column: 8, rule: 'AM04', severity: 'warning', message: 'Query produces an unknown number of result columns (select *).' }],
    breaking: [{ model: 'dim_customers', column: 'customer_group', change: 'removed', read_by: ['mart_active_customers', 'revenue'] }],
  };
}

/**
 * A pull request far larger than any comment can hold: `count` changed models with long names, many
 * changed columns and samples, multi-byte values, a few breaking changes and failing tests.
 */
export function hugeReport(count = 500, options: { failingTests?: number } = {}): Report {
  const report = airlineReport();
  const longName = (index: number): string => `mart_customer_lifetime_value_by_region_segment_and_booking_channel_${String(index).padStart(4, '0')}`;
  report.models = Array.from({ length: count }, (_, index) =>
    model(longName(index), {
      change: index % 3 === 0 ? 'modified' : 'impacted',
      parents: index ? [longName(index - 1)] : ['stg_sap__customers'],
      rows: { base: 1_000_000 + index, env: 1_000_000 - index },
      schema: { added: [`new_column_${index}`], removed: [], changed: [{ column: 'amount', from: 'INTEGER', to: 'DOUBLE' }], reordered: [] },
      values: values({
        key: ['customer_id', 'booking_id'],
        only_base: index,
        only_env: 2 * index,
        changed_rows: 10_000 + index,
        columns: Object.fromEntries(Array.from({ length: 30 }, (_, column) => [`changed_column_with_a_long_name_${column}`, 10_000 - column])),
        samples: Array.from({ length: 20 }, (_, sample) => ({
          key: [index, sample],
          kind: 'changed' as const,
          columns: Array.from({ length: 3 }, (_, column) => ({
            name: `changed_column_with_a_long_name_${column}`,
            base: `Zürich ✈️ 東京 — ${'ä'.repeat(40)} ${sample}`,
            env: column === 2 ? '•••' : `Zürich ✈️ 東京 — ${'ö'.repeat(40)} ${sample}`,
          })),
        })),
      }),
    }),
  );
  report.models.push(model('stg_sap__customers', { status: 'deferred' }));
  report.tests = report.models.flatMap((reportModel, index) => [
    test(`not_null_${reportModel.name}_customer_id`, reportModel.name, 'pass'),
    test(`unique_${reportModel.name}_booking_id`, reportModel.name, index < (options.failingTests ?? 5) ? 'fail' : 'pass', {
      failures: index < (options.failingTests ?? 5) ? 3 + index : 0,
      message: index < (options.failingTests ?? 5) ? `Got ${3 + index} results, configured to fail if != 0` : null,
    }),
  ]);
  report.lint = Array.from({ length: 300 }, (_, index) => ({
    file: `models/marts/${longName(index)}.sql`,
    line: index + 1,
    column: 1,
    rule: 'CP01',
    severity: 'warning' as const,
    message: 'Keywords must be consistently upper case.',
  }));
  report.breaking = [
    { model: longName(0), column: 'customer_group', change: 'removed', read_by: [longName(1), 'revenue'] },
    { model: longName(3), column: 'amount', change: 'retyped (INTEGER → DOUBLE)', read_by: [longName(4)] },
  ];
  return report;
}
