#!/usr/bin/env node
/**
 * `npm run bench` (start-up part): how long the CLI takes before it does any work, side by side with a
 * bare `node -e 0` on the same machine, so the figure holds while the machine's speed drifts. Each round
 * runs the three commands in turn; the ratios are taken round by round, and the medians are quoted.
 * Targets (issue 14): `sluice --version` within 1.5× of `node -e 0`, `sluice ls` on the example within 5×.
 * Every command pays start-up, and the Action pays it on every push.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '..', 'bin', 'sluice.js');
const ROUNDS = Number(process.env.BENCH_RUNS ?? 15);
const TARGETS = { version: 1.5, ls: 5 };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function seconds(args, cwd) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  return elapsed;
}

// ls writes target/manifest.json: a copy of the example keeps the repository's folder as it is.
const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-startup-'));
try {
  const project = join(dir, 'airline');
  cpSync(resolve(here, '..', 'examples', 'airline'), project, { recursive: true, filter: (path) => !path.includes(`${join('airline', 'target')}`) });
  const commands = {
    node: [['-e', '0'], dir],
    version: [[CLI, '--version'], dir],
    ls: [[CLI, 'ls', '--project-dir', project], dir],
  };
  for (const [args, cwd] of Object.values(commands)) seconds(args, cwd); // warm-up: the disk cache
  const times = { node: [], version: [], ls: [] };
  const ratios = { version: [], ls: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, [args, cwd]] of Object.entries(commands)) times[name].push(seconds(args, cwd));
    for (const name of ['version', 'ls']) ratios[name].push(times[name][round] / times.node[round]);
  }
  console.log(`Start-up, the whole process (median of ${ROUNDS} rounds; ratios round by round against node -e 0 run beside it)`);
  console.log(`  node -e 0: ${median(times.node).toFixed(3)} s`);
  for (const [name, label] of [['version', 'sluice --version'], ['ls', 'sluice ls (examples/airline)']]) {
    const ratio = median(ratios[name]);
    console.log(`  ${label}: ${median(times[name]).toFixed(3)} s = ${ratio.toFixed(2)}× node -e 0 (target ≤ ${TARGETS[name]}×${ratio <= TARGETS[name] ? ', met' : ', NOT met'})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
