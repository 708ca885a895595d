#!/usr/bin/env node
/**
 * Mutation testing (StrykerJS) of the modules in stryker/modules.mjs, one Stryker run per module, each
 * with only that module's tests; then the score per module, and exit code 1 if any is below 80 %.
 *
 *   npm run mutate                    every module, one after the other
 *   npm run mutate -- guard limits    only these
 *
 * Reports: reports/mutation/<module>.html and .json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from '../stryker/modules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BREAK = 80;

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !MODULES[name]);
if (unknown.length) {
  console.error(`Unknown module: ${unknown.join(', ')}. Modules: ${Object.keys(MODULES).join(', ')}`);
  process.exit(2);
}
const names = asked.length ? asked : Object.keys(MODULES);

/** Stryker's mutation score: detected (killed, timed out) over valid mutants (detected, survived, not covered). */
function score(reportPath) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const file of Object.values(report.files)) for (const mutant of file.mutants) count[mutant.status] = (count[mutant.status] ?? 0) + 1;
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  return { ...count, score: valid ? (100 * detected) / valid : 100 };
}

const results = [];
for (const name of names) {
  const reportPath = join(root, 'reports', 'mutation', `${name}.json`);
  rmSync(reportPath, { force: true });
  const started = Date.now();
  console.log(`\n=== ${name}: ${MODULES[name].mutate.join(', ')}`);
  const run = spawnSync(process.execPath, [join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', 'stryker.config.mjs'], {
    cwd: root,
    env: { ...process.env, MODULE: name },
    stdio: 'inherit',
  });
  const minutes = (Date.now() - started) / 60_000;
  results.push({ name, minutes, ...(existsSync(reportPath) ? score(reportPath) : { score: null, exit: run.status }) });
}

console.log('\nMutation score per module');
console.log('module        score   killed  timeout  survived  no cov.  compile err.  minutes');
for (const result of results) {
  const cells = result.score === null
    ? [result.name.padEnd(12), 'failed (no report)'.padStart(7)]
    : [
        result.name.padEnd(12),
        `${result.score.toFixed(1)} %`.padStart(7),
        String(result.Killed).padStart(7),
        String(result.Timeout).padStart(8),
        String(result.Survived).padStart(9),
        String(result.NoCoverage).padStart(8),
        String(result.CompileError).padStart(13),
        result.minutes.toFixed(1).padStart(8),
      ];
  console.log(cells.join(' '));
}
const below = results.filter((result) => result.score === null || result.score < BREAK);
if (below.length) {
  console.error(`\nBelow ${BREAK} %: ${below.map((result) => result.name).join(', ')}`);
  process.exit(1);
}
