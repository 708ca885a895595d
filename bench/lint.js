#!/usr/bin/env node
/**
 * `npm run bench` (lint part): `sluice lint` over a generated 3,000-model project, the whole command as
 * a user runs it (process start, project load, render, SQL rules on worker threads, project rules,
 * formatting check). Target (PRODUCT.md): ≥ 500 files/s on 2 cores; SQLFluff does about 1 file/s with
 * dbt templating. Reports files/s (median of several runs) and the share of files whose SQL parsed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateProject } from './generate-project.js';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '..', 'bin', 'sluice.js');
const SIZE = Number(process.env.BENCH_LINT_MODELS ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_FILES_PER_SECOND = 500;
const SQLFLUFF_FILES_PER_SECOND = 1;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), `sluice-bench-lint-${SIZE}-`));
try {
  generateProject(dir, { models: SIZE });
  const times = [];
  let result;
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, [CLI, 'lint', '--project-dir', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    if (child.status !== 0 && child.status !== 1) throw new Error(`sluice lint failed (${child.status}): ${child.stderr}`);
    result = JSON.parse(child.stdout);
    if (run > 0) times.push(seconds); // the first run warms the disk cache
  }
  const { stats } = result;
  const wall = median(times);
  const perSecond = stats.files / wall;
  const attempted = stats.parsed + stats.unparsed.length;
  console.log(`Lint ${stats.files} model files (whole command, median of ${RUNS} runs)`);
  console.log(`  wall ${wall.toFixed(2)} s (best ${Math.min(...times).toFixed(2)} s), inside lint ${stats.seconds.toFixed(2)} s`);
  console.log(`  ${Math.round(perSecond)} files/s = ${(perSecond / TARGET_FILES_PER_SECOND).toFixed(2)}× the 500 files/s target, ~${Math.round(perSecond / SQLFLUFF_FILES_PER_SECOND)}× SQLFluff's ~1 file/s`);
  console.log(`  parsed by node-sql-parser: ${stats.parsed} of ${attempted} (${((100 * stats.parsed) / Math.max(attempted, 1)).toFixed(1)} %); findings: ${result.lint.length}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
