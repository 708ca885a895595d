#!/usr/bin/env node
/**
 * Data-aware impact benchmark (issue 15): a generated 1,000-model DuckDB project whose hub model is read by
 * 20 descendants, 3 of which read its column c_x (bench/impact-project.js). Production is deployed with
 * `sluice promote`; then the values of c_x change (`c_x + 1 as c_x`) and `sluice ci --env pr_1` runs.
 *
 * Checks, from target/sluice/report.json, that ci built exactly the hub, its 3 readers of c_x and the
 * readers of the columns those change (as the scenario's declared lineage says), and deferred every other
 * descendant with its reason; exits 1 otherwise. Then times ci as a whole process (the CLI), with
 * data-aware impact and with `impact: {data_aware: false}` in sluice.yml (every descendant rebuilt),
 * alternately, and prints the medians and their ratio.
 *
 * The hub reads a source of its own, of BENCH_IMPACT_ROWS rows (default 1,000,000); the generated models
 * keep the generator's 100 rows, so the full build stays quick and ci's fixed cost (load and plan of the
 * whole project) is the same in both modes.
 *
 *   npm run bench:impact   (BENCH_IMPACT_MODELS, BENCH_IMPACT_ROWS, BENCH_IMPACT_RUNS to change the sizes)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createSourceTablesSql, generateProject } from './generate-project.js';
import { addImpactScenario, changeHubColumn, expectedImpact, SCENARIO_MODELS, SOURCE } from './impact-project.js';
import { connectWarehouse } from '../lib/warehouse/connect.js';

const MODELS = Number(process.env.BENCH_IMPACT_MODELS ?? 1000);
const RUNS = Number(process.env.BENCH_IMPACT_RUNS ?? 3);
// Rows of the hub's source (the generated models keep the generator's 100): what each rebuild of the hub's
// descendants costs, as a fact table's descendants cost more than the rest of a project.
const ROWS = Number(process.env.BENCH_IMPACT_ROWS ?? 1_000_000);
const CLI = fileURLToPath(new URL('../bin/sluice.js', import.meta.url));
// The generated profile has one target, dev: it is production here.
const SLUICE_YML = 'production:\n  target: dev\n';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The CLI as a user runs it, timed as a whole process. */
function sluice(dir, args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args, '--project-dir', dir], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status === 2 || result.status === null) {
    throw new Error(`sluice ${args.join(' ')} exited ${result.status ?? result.signal}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  }
  return { code: result.status, seconds, stdout: result.stdout };
}

function ci(dir) {
  const run = sluice(dir, ['ci', '--env', 'pr_1']);
  return { ...run, report: JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'report.json'), 'utf8')) };
}

const builtNames = (report) => report.models.filter((model) => model.status === 'built').map((model) => model.name).sort();
const sameSet = (a, b) => a.length === b.length && [...a].sort().every((name, i) => name === [...b].sort()[i]);

const root = mkdtempSync(join(tmpdir(), `sluice-bench-impact-${MODELS}-`));
const dir = join(root, 'data-aware');
const dirOff = join(root, 'data-aware-off');
try {
  const generated = generateProject(dir, { models: MODELS - SCENARIO_MODELS });
  const staging = generated.models.filter((model) => model.refs.length === 0).map((model) => model.name);
  const scenario = addImpactScenario(dir, { other: staging[0] });
  const expected = expectedImpact(scenario);
  writeFileSync(join(dir, 'sluice.yml'), SLUICE_YML);
  const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: join(dir, 'target', 'bench.duckdb') });
  for (const statement of [...createSourceTablesSql(generated.sources), ...createSourceTablesSql([SOURCE], ROWS)]) await warehouse.execute(statement);
  await warehouse.close();

  const promoted = sluice(dir, ['promote']);
  if (promoted.code !== 0) throw new Error(`sluice promote exited ${promoted.code}:\n${promoted.stdout.slice(-3000)}`);
  changeHubColumn(dir);
  // The same deployed project twice, one with data-aware impact turned off.
  cpSync(dir, dirOff, { recursive: true });
  writeFileSync(join(dirOff, 'sluice.yml'), `${SLUICE_YML}impact:\n  data_aware: false\n`);

  const descendants = scenario.models.slice(1).map((model) => model.name);
  const first = ci(dir);
  const models = new Map(first.report.models.map((model) => [model.name, model]));
  const built = builtNames(first.report);
  const failures = [];
  if (!sameSet(built, expected.built)) {
    const missing = expected.built.filter((name) => !built.includes(name));
    const extra = built.filter((name) => !expected.built.includes(name));
    failures.push(`built ${built.length} models, expected ${expected.built.length}: ${missing.length ? `not built: ${missing.join(', ')}; ` : ''}${extra.length ? `built wrongly: ${extra.join(', ')}` : ''}`);
  }
  for (const name of expected.deferred) {
    const model = models.get(name);
    if (model?.status !== 'deferred' || model.change !== 'impacted' || !model.reason) {
      failures.push(`${name} should be deferred (impacted, with a reason), is ${model ? `${model.status} (${model.change}): ${model.reason}` : 'not in the report'}`);
    }
  }
  // Every other model is unchanged and read from production (change null).
  const planned = first.report.models.filter((model) => model.change !== null).map((model) => model.name);
  if (!sameSet(planned, [scenario.hub, ...descendants])) failures.push(`the plan is not the hub and its ${descendants.length} descendants: ${planned.join(', ')}`);
  if (first.code !== 0) failures.push(`sluice ci exited ${first.code}`);

  const off = ci(dirOff);
  const offBuilt = builtNames(off.report);
  if (!sameSet(offBuilt, [scenario.hub, ...descendants])) failures.push(`with data_aware: false, ci built ${offBuilt.length} models, not the hub and its ${descendants.length} descendants`);

  // Timed runs, alternating so that drift in the machine's speed affects both alike; each must decide the same.
  const seconds = { on: [], off: [] };
  for (let run = 0; run < RUNS; run++) {
    const on = ci(dir);
    seconds.on.push(on.seconds);
    if (!sameSet(builtNames(on.report), expected.built)) failures.push(`timed run ${run + 1} built ${builtNames(on.report).join(', ')}`);
    seconds.off.push(ci(dirOff).seconds);
  }

  console.log(`Data-aware impact benchmark: ${MODELS}-model generated project; ${scenario.hub} (${ROWS.toLocaleString('en-US')} rows) read by ${descendants.length} descendants, 3 of them read ${scenario.column}; ${scenario.hub}.${scenario.column} changed (c_x + 1 as c_x)`);
  console.log(`  promote (full build of production): ${promoted.seconds.toFixed(1)} s`);
  console.log(`  ci built ${built.length} models: ${built.join(', ')}`);
  for (const name of built) if (models.get(name)?.reason) console.log(`    ${name}: ${models.get(name).reason}`);
  const deferred = first.report.models.filter((model) => model.status === 'deferred' && model.change !== null);
  console.log(`  ci deferred ${deferred.length} of the ${descendants.length} descendants:`);
  for (const model of deferred) console.log(`    ${model.name}: ${model.reason}`);
  console.log(`  expected (from the scenario's declared lineage): built ${expected.built.length}, deferred ${expected.deferred.length}: ${failures.length ? 'NOT as expected' : 'exact'}`);
  console.log(`  tests run: ${first.report.tests.length} with data-aware impact, ${off.report.tests.length} without`);
  const onMedian = median(seconds.on);
  const offMedian = median(seconds.off);
  console.log(`  ci wall time, median of ${RUNS} (whole process: load, plan ${MODELS} models, build, test, lint, diff):`);
  console.log(`    data-aware impact:        ${onMedian.toFixed(2)} s  (runs: ${seconds.on.map((s) => s.toFixed(2)).join(', ')}), ${built.length} models built`);
  console.log(`    impact.data_aware: false: ${offMedian.toFixed(2)} s  (runs: ${seconds.off.map((s) => s.toFixed(2)).join(', ')}), ${offBuilt.length} models built`);
  console.log(`    ratio: ${(onMedian / offMedian).toFixed(2)}× the time without data-aware impact`);
  for (const failure of failures) console.log(`  FAILED: ${failure}`);
  if (failures.length) process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
