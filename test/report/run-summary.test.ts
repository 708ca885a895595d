import { describe, expect, it } from '@jest/globals';
import type { NodeResult } from '../../src/execute/run-results.js';
import type { RunSummary } from '../../src/execute/run-task.js';
import type { Node } from '../../src/project/types.js';
import { describeRunSummary, runSummaryOf, SLOWEST_NODES } from '../../src/report/run-summary.js';
import { airlineReport, model, test } from './fixtures.js';

/** A run result of a node: only the fields a summary reads. */
function result(uniqueId: string, status: NodeResult['status'], executionTime: number, rowsAffected?: number): NodeResult {
  const [resourceType, , name] = uniqueId.split('.');
  const node = { uniqueId, name, resourceType } as Node;
  return { uniqueId, status, executionTime, message: null, failures: null, node, ...(rowsAffected !== undefined ? { rowsAffected } : {}) };
}

function runSummary(results: NodeResult[], elapsedSeconds = 12.3456): RunSummary {
  return { command: 'build', results, elapsedSeconds, ok: true };
}

describe('runSummaryOf', () => {
  it('counts models by what happened to them, a reused model apart from the built ones', () => {
    const report = {
      ...airlineReport(),
      models: [
        model('a'),
        model('b'),
        model('c', { reused_from: 'pr_7' }),
        model('d', { status: 'deferred' }),
        model('e', { status: 'deferred' }),
        model('f', { status: 'failed' }),
        model('g', { status: 'skipped' }),
      ],
      tests: [test('t1', 'a', 'pass'), test('t2', 'a', 'pass'), test('t3', 'b', 'fail'), test('t4', 'b', 'error'), test('t5', 'c', 'warn'), test('t6', 'f', 'skipped')],
    };
    const summary = runSummaryOf(report, runSummary([]));
    expect(summary.models).toEqual({ built: 2, reused: 1, deferred: 2, failed: 1, skipped: 1, total: 7 });
    expect(summary.tests).toEqual({ passed: 2, failed: 2, warned: 1, skipped: 1, total: 6 });
    expect(summary).toMatchObject({ version: 1, command: 'ci', env: 'pr_42', ok: false });
  });

  it('sums the rows the warehouse reported and keeps the slowest nodes, slowest first', () => {
    const results = [
      result('model.airline.a', 'success', 1.5, 100),
      result('seed.airline.s', 'success', 0.25, 20),
      result('model.airline.v', 'success', 4.00049),
      result('test.airline.t', 'pass', 0.5),
      result('model.airline.never', 'skipped', 0),
    ];
    const summary = runSummaryOf(airlineReport(), runSummary(results));
    expect(summary.rows_affected).toBe(120);
    expect(summary.bytes_written).toBeNull();
    expect(summary.build_seconds).toBe(12.346);
    expect(summary.elapsed_seconds).toBe(12.346);
    expect(summary.nodes.timed).toBe(4);
    expect(summary.nodes.slowest).toEqual([
      { unique_id: 'model.airline.v', name: 'v', resource_type: 'model', status: 'success', execution_time: 4, rows_affected: null },
      { unique_id: 'model.airline.a', name: 'a', resource_type: 'model', status: 'success', execution_time: 1.5, rows_affected: 100 },
      { unique_id: 'test.airline.t', name: 't', resource_type: 'test', status: 'pass', execution_time: 0.5, rows_affected: null },
      { unique_id: 'seed.airline.s', name: 's', resource_type: 'seed', status: 'success', execution_time: 0.25, rows_affected: 20 },
    ]);
  });

  it(`keeps at most ${SLOWEST_NODES} timings however big the project, and says how many nodes ran`, () => {
    const results = Array.from({ length: 400 }, (_, index) => result(`model.airline.m${index}`, 'success', index / 100));
    const summary = runSummaryOf(airlineReport(), runSummary(results));
    expect(summary.nodes.timed).toBe(400);
    expect(summary.nodes.slowest).toHaveLength(SLOWEST_NODES);
    expect(summary.nodes.slowest[0].unique_id).toBe('model.airline.m399');
    expect(JSON.stringify(summary).length).toBeLessThan(20_000);
  });

  it('has no rows, timings or build time when nothing was built, and takes the whole run time and extra fields from the caller', () => {
    const summary = runSummaryOf(airlineReport(), null, { elapsedSeconds: 3.21, failures: ['source erp.orders: error'], models: 'not the summary' });
    expect(summary.rows_affected).toBeNull();
    expect(summary.build_seconds).toBeNull();
    expect(summary.elapsed_seconds).toBe(3.21);
    expect(summary.nodes).toEqual({ timed: 0, slowest: [] });
    expect(summary.failures).toEqual(['source erp.orders: error']);
    // The caller's fields never replace the summary's own.
    expect(summary.models).toMatchObject({ total: airlineReport().models.length });
    expect(summary).not.toHaveProperty('elapsedSeconds');
  });

  it('round-trips through JSON unchanged (it is stored as summary_json)', () => {
    const summary = runSummaryOf(airlineReport(), runSummary([result('model.airline.a', 'success', 1, 5)]), { deployId: 'd1' });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('describeRunSummary', () => {
  it('puts a summary in words, and an older summary as its JSON', () => {
    const report = { ...airlineReport(), models: [model('a'), model('b', { status: 'deferred' })], tests: [test('t', 'a', 'pass')] };
    const line = describeRunSummary(runSummaryOf(report, runSummary([result('model.airline.a', 'success', 2, 1234)], 2.5), { deployId: 'd20260101T000000Z-abcd' }));
    expect(line).toBe('models: 1 built, 0 reused, 1 deferred, 0 failed, 0 skipped; tests: 1 passed, 0 failed, 0 warned; 1,234 rows; 2.5s; d20260101T000000Z-abcd');
    expect(describeRunSummary({ built: 3 })).toBe('{"built":3}');
    expect(describeRunSummary({})).toBe('');
  });
});
