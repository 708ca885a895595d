import { describe, expect, it } from '@jest/globals';
import { escapeXml, renderJunit } from '../../src/report/junit.js';
import type { Report } from '../../src/report/report-json.js';
import { airlineReport, test } from './fixtures.js';
import { parseXml, type XmlElement } from './xml.js';

function testcases(suite: XmlElement): XmlElement[] {
  return suite.children.filter((child) => child.name === 'testcase');
}

describe('JUnit XML', () => {
  const root = parseXml(renderJunit(airlineReport()));

  it('has a suite per model, in report order, with counts that add up', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ name: 'sluice ci pr_42', tests: '9', failures: '2', errors: '0', skipped: '1', time: '0.450' });
    expect(root.children.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures, suite.attributes.skipped])).toEqual([
      ['stg_sap__orders', '2', '0', '0'],
      ['dim_customers', '1', '0', '0'],
      ['fact_orders', '2', '1', '0'],
      ['mart_active_customers', '2', '0', '0'],
      ['mart_revenue_by_region_month', '1', '1', '0'],
      ['fact_trips', '1', '0', '1'],
    ]);
    const total = root.children.reduce((sum, suite) => sum + testcases(suite).length, 0);
    expect(total).toBe(9);
  });

  it('reports a failing data test with its failing-row count and message', () => {
    const factOrders = root.children.find((suite) => suite.attributes.name === 'fact_orders')!;
    const [failing, passing] = testcases(factOrders);
    expect(failing!.attributes).toEqual({ name: 'relationships_fact_orders_customer_id__customer_id__ref_dim_customers_', classname: 'fact_orders', time: '0.050' });
    expect(failing!.children).toEqual([
      { name: 'failure', attributes: { message: '12 failing rows', type: 'data_test' }, children: [], text: 'Got 12 results, configured to fail if != 0' },
    ]);
    expect(passing!.children).toEqual([]);
  });

  it('reports unit tests, warnings and skipped tests', () => {
    const revenue = root.children.find((suite) => suite.attributes.name === 'mart_revenue_by_region_month')!;
    expect(testcases(revenue)[0]!.children[0]!.attributes).toEqual({ message: '2 failing rows', type: 'unit_test' });
    const active = root.children.find((suite) => suite.attributes.name === 'mart_active_customers')!;
    expect(testcases(active)[0]!.children).toEqual([
      { name: 'system-out', attributes: {}, children: [], text: "Warning: 12 failing rows\nGot 12 results, configured to warn if != 0: value 'Baltics' <not in list>" },
    ]);
    const trips = root.children.find((suite) => suite.attributes.name === 'fact_trips')!;
    expect(testcases(trips)[0]!.children).toEqual([{ name: 'skipped', attributes: { message: 'Skipped: dim_aeroplanes failed' }, children: [], text: '' }]);
  });

  it('escapes names and messages, keeps line breaks in attributes, and drops characters XML cannot hold', () => {
    const report: Report = {
      ...airlineReport(),
      tests: [
        test('odd <name> & "quotes" \'x\'', 'model]]>', 'error', { message: 'line 1\nline 2 <b>&amp;</b>\u0000\u001b]]>', execution_time: 1.5 }),
        test('no_model', null, 'fail', { failures: 1_234 }),
        test('skipped_one', null, 'skipped', { message: 'upstream\nfailed' }),
      ],
    };
    const xml = renderJunit(report);
    const parsed = parseXml(xml);
    const [suite, project] = parsed.children;
    expect(suite!.attributes.name).toBe('model]]>');
    const testcase = testcases(suite!)[0]!;
    expect(testcase.attributes.name).toBe('odd <name> & "quotes" \'x\'');
    expect(testcase.children[0]).toEqual({
      name: 'error',
      // Without a failing-row count, the message's first line says what went wrong.
      attributes: { message: 'line 1', type: 'data_test' },
      children: [],
      text: 'line 1\nline 2 <b>&amp;</b>]]>',
    });
    expect(suite!.attributes).toMatchObject({ errors: '1', failures: '0', time: '1.500' });
    expect(project!.attributes.name).toBe('(project)');
    expect(testcases(project!)[0]!.children[0]!.attributes.message).toBe('1,234 failing rows');
    // A line break in an attribute survives only as a character reference.
    expect(xml).toContain('<skipped message="upstream&#10;failed"/>');
    expect(testcases(project!)[1]!.children[0]!.attributes.message).toBe('upstream\nfailed');
    expect(parsed.attributes).toMatchObject({ tests: '3', failures: '1', errors: '1', skipped: '1' });
  });

  it('is valid with no tests at all', () => {
    const parsed = parseXml(renderJunit({ ...airlineReport(), tests: [] }));
    expect(parsed.attributes).toMatchObject({ tests: '0', failures: '0' });
    expect(parsed.children).toEqual([]);
  });

  it('the test reader rejects what a real parser would', () => {
    expect(() => parseXml('<a>x < y</a>')).toThrow();
    expect(() => parseXml('<a b="x < y"/>')).toThrow('raw <');
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a><b></a>')).toThrow('closes');
    expect(() => parseXml('<a>\u0001</a>')).toThrow('character');
    expect(escapeXml('a\tb\u{1F600}\uD800')).toBe('a&#9;b\u{1F600}');
  });
});
