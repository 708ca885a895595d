#!/usr/bin/env node
/**
 * `npm run bench` (lint on real-looking models): `sluice lint` over a generated 3,000-model project whose
 * models look like real teams' ones (bench/lint-real-project.js: a hundred lines and more, CTE chains, Jinja
 * loops, a package's macros, `graph` read in macros), the whole command as a user runs it. bench/lint.js's
 * short models flatter the lint; this is the figure to hold against the target (PRODUCT.md, issue 16):
 *   cold — `--no-cache`, default rules: ≥ 500 files/s on 2 cores;
 *   warm — unchanged files from target/sluice/lint-cache.json;
 *   --select of one model against `sluice ls` on the same project (what the Action runs on a pull
 *   request's few changed files): within 1.5× of it.
 * Each figure is the median of BENCH_RUNS runs (3) after one that warms the disk cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateLintProject } from './lint-real-project.js';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '..', 'bin', 'sluice.js');
const SIZE = Number(process.env.BENCH_LINT_MODELS ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_FILES_PER_SECOND = 500;
const TARGET_SELECT_RATIO = 1.5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function sluice(args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0 && child.status !== 1) throw new Error(`sluice ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  return { seconds, stdout: child.stdout };
}

function measure(args) {
  sluice(args);
  const runs = Array.from({ length: RUNS }, () => sluice(args));
  return { seconds: median(runs.map((run) => run.seconds)), best: Math.min(...runs.map((run) => run.seconds)), stdout: runs[0].stdout };
}

const dir = mkdtempSync(join(tmpdir(), `sluice-bench-lint-real-${SIZE}-`));
try {
  const project = generateLintProject(dir, { models: SIZE });
  const lint = ['lint', '--project-dir', dir, '--format', 'json'];
  const cold = measure([...lint, '--no-cache']);
  const warm = measure(lint);
  const { stats, lint: findings } = JSON.parse(cold.stdout);
  console.log(
    `Lint ${stats.files} real-looking model files (${Math.round(project.sqlLines / project.models.length)} lines each on average; median of ${RUNS} runs; ${stats.workers} worker threads)`,
  );
  for (const [name, run] of [['cold, default rules', cold], ['warm (lint cache)', warm]]) {
    const perSecond = stats.files / run.seconds;
    console.log(`  ${name}: ${run.seconds.toFixed(2)} s (best ${run.best.toFixed(2)} s) = ${Math.round(perSecond)} files/s = ${(perSecond / TARGET_FILES_PER_SECOND).toFixed(2)}× the 500 files/s target`);
  }
  console.log(`  parsed by node-sql-parser where a rule needed the tree: ${stats.parsed} of ${stats.parse_attempted}; findings: ${findings.length}`);
  // A mart deep in the graph, as a pull request changes one.
  const model = project.models.filter((m) => m.layer === 'marts').at(-1).name;
  const selected = measure([...lint, '--no-cache', '--select', model]);
  const listed = measure(['ls', '--project-dir', dir]);
  const ratio = selected.seconds / listed.seconds;
  console.log(
    `  lint --select ${model}: ${selected.seconds.toFixed(2)} s; sluice ls: ${listed.seconds.toFixed(2)} s; ratio ${ratio.toFixed(2)} (target ≤ ${TARGET_SELECT_RATIO})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
