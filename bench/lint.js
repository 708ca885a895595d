#!/usr/bin/env node
/**
 * `npm run bench` (lint part): `sluice lint` over a generated 3,000-model project, the whole command as
 * a user runs it (process start, project load, render, SQL rules on worker threads, project rules).
 * Target (PRODUCT.md, issue 14): ≥ 500 files/s cold on 2 cores with the default rules; SQLFluff does
 * about 1 file/s with dbt templating. Figures, each the median of several runs:
 *   cold — `--no-cache`, default rules: every file rendered, tokenized, parsed where a rule needs the tree;
 *   cold with formatting — the same with `lint.format: true` in sluice.yml (the FMT01 check opted in);
 *   warm — unchanged files come from target/sluice/lint-cache.json (a second lint, or a restored cache).
 * The generated models get two edits so that sql-formatter can check them (its placeholders cannot sit
 * inside an SQL string or share a line with a Jinja statement): without them every file would be
 * skipped by the formatter and the figure would leave out its cost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateProject } from './generate-project.js';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '..', 'bin', 'sluice.js');
const SIZE = Number(process.env.BENCH_LINT_MODELS ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_FILES_PER_SECOND = 500;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function lintOnce(dir, args) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [CLI, 'lint', '--project-dir', dir, '--format', 'json', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0 && child.status !== 1) throw new Error(`sluice lint failed (${child.status}): ${child.stderr}`);
  return { seconds, result: JSON.parse(child.stdout) };
}

function measure(dir, args) {
  lintOnce(dir, args); // warms the disk cache (and, for warm runs, writes the lint cache)
  const runs = Array.from({ length: RUNS }, () => lintOnce(dir, args));
  const seconds = median(runs.map((run) => run.seconds));
  return { seconds, best: Math.min(...runs.map((run) => run.seconds)), result: runs[0].result };
}

const dir = mkdtempSync(join(tmpdir(), `sluice-bench-lint-${SIZE}-`));
try {
  const project = generateProject(dir, { models: SIZE });
  for (const model of project.models) {
    const path = join(dir, model.path);
    const text = readFileSync(path, 'utf8')
      .replaceAll('{% if not loop.last %},{% endif %}', '{{ "," if not loop.last }}')
      .replaceAll(`'{{ var("start_date") }}'`, `{{ "'" ~ var("start_date") ~ "'" }}`);
    writeFileSync(path, text);
  }
  const cold = measure(dir, ['--no-cache']);
  const warm = measure(dir, []);
  writeFileSync(join(dir, 'sluice.yml'), 'lint:\n  format: true\n');
  const formatted = measure(dir, ['--no-cache']);
  rmSync(join(dir, 'sluice.yml'));
  const { stats } = cold.result;
  const checkedByFormatter = stats.files - formatted.result.stats.format_skipped.length;
  console.log(`Lint ${stats.files} model files, the whole command (median of ${RUNS} runs; ${stats.workers} worker threads)`);
  for (const [name, run] of [['cold, default rules', cold], ['cold, with formatting (lint.format)', formatted], ['warm (lint cache)', warm]]) {
    const perSecond = stats.files / run.seconds;
    console.log(
      `  ${name}: ${run.seconds.toFixed(2)} s (best ${run.best.toFixed(2)} s) = ${Math.round(perSecond)} files/s = ${(perSecond / TARGET_FILES_PER_SECOND).toFixed(2)}× the 500 files/s target, ~${Math.round(perSecond)}× SQLFluff's ~1 file/s`,
    );
  }
  console.log(`  parsed by node-sql-parser where a rule needed the tree: ${stats.parsed} of ${stats.parse_attempted}; formatter checked ${checkedByFormatter} of ${stats.files} (with lint.format); findings: ${cold.result.lint.length}`);
  // --stats parses every file, also where no rule needs the tree: what parsing costs, and the share parsed.
  const everyFile = lintOnce(dir, ['--no-cache', '--stats']);
  const all = everyFile.result.stats;
  const attempted = all.parse_attempted;
  console.log(
    `  cold with every file parsed (--stats): ${everyFile.seconds.toFixed(2)} s = ${Math.round(stats.files / everyFile.seconds)} files/s; ${all.parsed} of ${attempted} parsed (${((100 * all.parsed) / Math.max(attempted, 1)).toFixed(1)} %)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
