/**
 * The bundled example builds green with the row counts its generator promises, tag selection picks the
 * right tests, and `sluice demo` runs the whole story from a scratch folder.
 */
import { describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, createdProjects, runCli } from '../support/project.js';

function copyExample(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'sluice-airline-'));
  createdProjects.push(scratch); // removed after this file's tests (test/support/cleanup.ts)
  const dir = join(scratch, 'airline');
  cpSync(join(REPO_ROOT, 'examples', 'airline'), dir, { recursive: true, filter: (path) => !path.includes(`${join('airline', 'target')}`) });
  return dir;
}

describe('examples/airline', () => {
  const dir = copyExample();

  it('seeds and builds with every test green', () => {
    const seed = runCli(['seed', '--project-dir', dir]);
    expect(seed.stderr).toBe('');
    expect(seed.code).toBe(0);
    const build = runCli(['build', '--project-dir', dir]);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/ERROR=0 SKIP=0/);
    const results = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')).results as Array<{ unique_id: string; status: string; adapter_response: { rows_affected?: number } }>;
    const rows = (id: string) => results.find((result) => result.unique_id === id)?.adapter_response.rows_affected;
    expect(rows('seed.airline.sap_orders')).toBe(32048);
    expect(rows('model.airline.fact_orders')).toBe(32048);
    expect(rows('model.airline.dim_customers')).toBe(3000);
    expect(rows('model.airline.mart_revenue_by_region_month')).toBe(249);
    expect(rows('snapshot.airline.customer_history')).toBe(3000);
    // Both rules warn (the data is of 2025-06-30): exit 0.
    const freshness = runCli(['source', 'freshness', '--project-dir', dir]);
    expect(freshness.code).toBe(0);
    // Checked on two threads: in either order.
    expect(freshness.stdout.match(/WARN freshness of \S+/g)?.sort()).toEqual(['WARN freshness of aeroplane_api.models', 'WARN freshness of sap.orders']);
    expect(results.filter((result) => result.unique_id.startsWith('unit_test.')).map((result) => result.status)).toEqual(['pass', 'pass', 'pass']);
    expect(results.every((result) => ['success', 'pass', 'warn'].includes(result.status))).toBe(true);
  });

  it('runs only the ingested-data tests with --select tag:injected_data', () => {
    const result = runCli(['ls', '--project-dir', dir, '--select', 'tag:injected_data', '--resource-type', 'test', '--output', 'path']);
    expect(result.code).toBe(0);
    const paths = result.stdout.trim().split('\n');
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.every((path) => path.startsWith('models/staging/'))).toBe(true);
  });

  it('runs a second build incrementally: fact_orders merges instead of rebuilding', () => {
    const run = runCli(['run', '--project-dir', dir, '--select', 'fact_orders']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/fact_orders .*\[MERGE/);
  });
});

describe('sluice demo', () => {
  it('tells the whole pull-request story on the example, in a scratch folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-demo-test-'));
    createdProjects.push(dir);
    const result = runCli(['demo', '--dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = result.stdout;
    // Production deployed, then the pull request builds only dim_customers and what reads it.
    expect(output).toMatch(/Published d\d{8}T\d{6}Z-[0-9a-f]{4}/);
    expect(output).toContain('Plan for pr_1: 1 modified, 0 new, 2 impacted, 0 removed, 14 deferred');
    // Data-aware impact: the snapshot reads every column of dim_customers and is rebuilt; the mart reads none that changed.
    expect(output).toContain('built 2 of 17 models (dim_customers, customer_history); the other 15 were read from production');
    expect(output).toMatch(/OK\s+table model sluice_pr_1__main_analytics\.dim_customers/);
    // The pull-request comment, with the data changes the bundled change really makes.
    expect(output).toContain('<!-- sluice:pr-report -->');
    expect(output).toContain('**1 model changed · 1 impacted · 1 not rebuilt (reads nothing that changed) · 14 read from production');
    // The snapshot starts from production's history: merging closes a version of each customer whose order count changed, and adds one.
    expect(output).toContain("snapshot customer_history starts from a copy of production's main_snapshots.customer_history");
    const history = /\| `customer_history` \| impacted \| 3,000 → ([\d,]+) \(\+([\d,]+), [^|]*\| ➕ `customer_segment` \| 0 removed · ([\d,]+) added · ([\d,]+) changed \(`dbt_valid_to` ([\d,]+)\)/.exec(output);
    const changedCustomers = /\| `dim_customers` \| modified [^\n]*\(`lifetime_orders` ([\d,]*\d)/.exec(output)![1];
    expect(history?.slice(2)).toEqual([changedCustomers, changedCustomers, changedCustomers, changedCustomers]);
    // The freshness of the sources the pull request reads, in the comment.
    expect(output).toMatch(/⚠️ source `sap\.orders` last loaded \d+ d ago \(warn after 1 d\)/);
    expect(output).toMatch(/\| `dim_customers` \| modified \| 3,000 → 3,000 \| ➕ `customer_segment` \| 0 removed · 0 added · [\d,]+ changed \(`lifetime_orders` [\d,]+/);
    expect(output).toMatch(/\| `mart_revenue_by_region_month` \| impacted · not rebuilt \| — \| — \| read from production: reads no changed column of dim\\_customers \|/);
    expect(output).toMatch(/Rolled back d\d{8}T\d{6}Z-[0-9a-f]{4} \(recorded as d\S+\):\n(?: +\S+ +(?:state )?restored\b.*\n)* +dim_customers +restored the table as it was before d/);
    // The merge publishes the table the pull request built and tested; the mart keeps its table, its state moves on.
    expect(output).toContain('  published dim_customers from pr_1 (previous version kept for rollback)');
    expect(output).toContain("  recorded mart_revenue_by_region_month: reads nothing that changed, production's is unchanged");
    expect(output).toContain('Dropped environment pr_1: sluice_pr_1__main_analytics, sluice_pr_1__main_snapshots');
    expect(output).toContain('Demo finished: deployed, changed in a pull request, built in isolation, promoted, rolled back and cleaned up.');
    // It counts what it shows: every build's shown lines are numbered 1…N of N, and the passing tests it
    // leaves out are summed up; the headline's tests add up by kind.
    const builds = output.split(/\nRunning build with /).slice(1).map((build) => build.split('\nFinished build')[0]);
    expect(builds.length).toBeGreaterThanOrEqual(3);
    for (const build of builds) {
      const numbers = [...build.matchAll(/^\s+(\d+) of (\d+) /gm)].map((match) => [Number(match[1]), Number(match[2])]);
      expect(numbers.map(([index]) => index)).toEqual(numbers.map((_, position) => position + 1));
      expect(new Set(numbers.map(([, total]) => total))).toEqual(new Set([numbers.length]));
    }
    expect(output).toMatch(/ … and \d+ passing tests, not listed/);
    expect(output).toMatch(/\d+ tests passed \(\d+ data tests on \d+ models, 2 unit tests, 1 singular test\)/);
  });
});

describe('examples/changes/pr_2', () => {
  it('changes a column the mart reads: ci rebuilds the mart and shows revenue moving between customer groups', () => {
    const dir = copyExample();
    expect(runCli(['promote', '--project-dir', dir]).code).toBe(0);
    cpSync(join(REPO_ROOT, 'examples', 'changes', 'pr_2'), dir, { recursive: true });
    const ci = runCli(['ci', '--project-dir', dir, '--env', 'pr_2']);
    expect(ci.stderr).toBe('');
    expect(ci.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'report.json'), 'utf8')) as { models: Array<{ name: string; status: string; reason: string; values: { columns: Record<string, number> } | null }> };
    const mart = report.models.find((model) => model.name === 'mart_revenue_by_region_month')!;
    expect(mart.status).toBe('built');
    expect(mart.reason).toBe('reads dim_customers.customer_group, which changed');
    const customers = report.models.find((model) => model.name === 'dim_customers')!;
    expect(Object.keys(customers.values!.columns)).toEqual(['customer_group']);
    // The mart's rows are keyed by region and customer group: travel agencies' rows leave, business rows change.
    expect(mart.values).not.toBeNull();
  });
});
