/** fail-on: which findings fail the check, and what the check run and the step say. */
import { describe, expect, it } from '@jest/globals';
import { judgeReport } from '../../src/action/verdict.js';
import type { Report } from '../../src/report/report-json.js';
import { model, test } from '../report/fixtures.js';

function report(fields: Partial<Report>): Report {
  return { version: 1, generated_at: '', command: 'ci', env: 'pr_2', base_env: 'prod', run_id: '', ok: true, models: [model('orders')], tests: [test('unique_orders_id', 'orders', 'pass')], lint: [], breaking: [], ...fields };
}

const lintWarning = { file: 'models/orders.sql', line: 1, column: 1, rule: 'CP01', severity: 'warning' as const, message: 'case' };
const lintError = { ...lintWarning, rule: 'CV03', severity: 'error' as const };
const breaking = { model: 'orders', column: 'amount', change: 'removed', read_by: ['revenue'] };

describe('fail-on', () => {
  it('passes a clean report whatever it is set to', () => {
    for (const failOn of ['error', 'breaking', 'warn', 'never'] as const) {
      expect(judgeReport(report({}), failOn)).toEqual({ fail: false, conclusion: 'success', title: '1 model built, 1 test passed', failure: '' });
    }
  });

  it('error: failed models, failed tests and lint errors fail; warnings and breaking changes do not', () => {
    const failing = report({ models: [model('orders', { status: 'failed' })], tests: [test('unique_orders_id', 'orders', 'fail'), test('not_null_orders_id', 'orders', 'warn')], lint: [lintError, lintWarning], breaking: [breaking] });
    expect(judgeReport(failing, 'error')).toEqual({
      fail: true,
      conclusion: 'failure',
      title: '1 model failed to build (orders) · 1 test failed (unique_orders_id) · 1 lint error · 1 breaking change · 1 test warned · 1 lint warning',
      failure: '1 model failed to build (orders) · 1 test failed (unique_orders_id) · 1 lint error',
    });
    expect(judgeReport(report({ lint: [lintWarning], breaking: [breaking] }), 'error')).toMatchObject({ fail: false, conclusion: 'success' });
  });

  it('breaking adds breaking changes; warn adds warnings too; never fails nothing but says so', () => {
    expect(judgeReport(report({ breaking: [breaking] }), 'breaking')).toMatchObject({ fail: true, failure: '1 breaking change' });
    expect(judgeReport(report({ lint: [lintWarning] }), 'breaking')).toMatchObject({ fail: false });
    expect(judgeReport(report({ lint: [lintWarning] }), 'warn')).toMatchObject({ fail: true, failure: '1 lint warning' });
    expect(judgeReport(report({ tests: [test('unique_orders_id', 'orders', 'error')] }), 'never')).toMatchObject({ fail: false, conclusion: 'neutral', title: '1 test failed (unique_orders_id)' });
  });

  it('names at most five tests', () => {
    const tests = Array.from({ length: 7 }, (_, index) => test(`test_${index}`, 'orders', 'fail'));
    expect(judgeReport(report({ tests }), 'error').failure).toBe('7 tests failed (test_0, test_1, test_2, test_3, test_4, …)');
  });
});
