#!/usr/bin/env node
/**
 * `npm run bench`: load + render + plan time for generated projects of 1,000 and 3,000 models.
 * Target (PRODUCT.md): ≤ 3 s for 3,000 models on 2 cores; dbt's parse took 2 min 47 s for 1,599 models.
 * Each figure is the median of several fresh runs in this process, after one warm-up run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateProject } from './generate-project.js';
import { planProject } from '../lib/bench/plan-project.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,3000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_SECONDS_3000 = 3;
const DBT_PARSE_SECONDS_PER_MODEL = 167 / 1599;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Also 3,000 models with dbt_utils installed and called from a third of them: the real package when
// BENCH_DBT_UTILS names a checkout of dbt-labs/dbt-utils, else a stand-in written for the benchmark.
const VARIANTS = [...SIZES.map((size) => ({ size })), { size: 3000, dbtUtils: process.env.BENCH_DBT_UTILS || 'stand-in' }];

const rows = [];
for (const { size, dbtUtils } of VARIANTS) {
  const dir = mkdtempSync(join(tmpdir(), `sluice-bench-${size}-`));
  try {
    generateProject(dir, { models: size, dbtUtils });
    planProject(dir); // warm-up: module loading and JIT, as a long-lived process would have
    const times = [];
    let summary;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      summary = planProject(dir);
      times.push((performance.now() - started) / 1000);
    }
    rows.push({ size, label: dbtUtils ? `${size} + dbt_utils${dbtUtils === 'stand-in' ? ' (stand-in)' : ''}` : String(size), seconds: median(times), best: Math.min(...times), summary });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log('Load + render + plan (median of %d runs)', RUNS);
console.log('models | nodes | seconds | best | models/s | vs target (3 s @ 3,000) | vs dbt parse (extrapolated)');
for (const row of rows) {
  const target = (TARGET_SECONDS_3000 * row.size) / 3000;
  const dbt = DBT_PARSE_SECONDS_PER_MODEL * row.size;
  console.log(
    `${row.label.padStart(6)} | ${String(row.summary.nodes).padStart(5)} | ${row.seconds.toFixed(3).padStart(7)} | ${row.best.toFixed(3)} | ${Math.round(row.size / row.seconds).toLocaleString('en-US').padStart(8)} | ${(row.seconds / target).toFixed(2)}× of budget | ${(dbt / row.seconds).toFixed(0)}× faster`,
  );
}
