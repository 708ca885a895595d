#!/usr/bin/env node
/**
 * Databricks path benchmark: the real @databricks/sql driver against the local emulator (Thrift over HTTPS,
 * executing on DuckDB) compared with DuckDB direct — the per-statement overhead, and building the bundled
 * example through each. The emulator is test code: this script compiles it with the project's tsconfig
 * into .bench-build/ first (npm run bench does).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { startDatabricksEmulator } = await import(join(root, '.bench-build', 'test', 'support', 'databricks-emulator', 'index.js'));
const pipeline = await import(join(root, 'lib', 'pipeline.js'));
const { connectWarehouse } = await import(join(root, 'lib', 'warehouse', 'connect.js'));

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 200);
const quiet = () => undefined;

async function perStatement(warehouse) {
  await warehouse.query('select 1 as one');
  const started = performance.now();
  for (let index = 0; index < STATEMENTS; index++) await warehouse.query(`select ${index} as n`);
  return (performance.now() - started) / STATEMENTS;
}

function yamlProfile(target) {
  const lines = Object.entries(target).map(([key, value]) => `      ${key}: ${JSON.stringify(value)}`);
  return `airline:\n  target: prod\n  outputs:\n    prod:\n${lines.join('\n')}\n`;
}

async function buildExample(profileText) {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-dbx-'));
  cpSync(join(root, 'examples', 'airline'), dir, { recursive: true, filter: (path) => !path.includes(`${join('airline', 'target')}`) });
  if (profileText) (await import('node:fs')).writeFileSync(join(dir, 'profiles.yml'), profileText);
  const started = performance.now();
  const lines = [];
  const result = await pipeline.promote({ projectDir: dir, target: "prod", out: (line) => lines.push(line) });
  if (result.status === "failed") console.log(lines.filter((line) => !/ PASS /.test(line)).join("\n"));
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { seconds, status: result.status };
}

const emulator = await startDatabricksEmulator({ catalogs: ['main'] });
try {
  const duckdb = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
  const direct = await perStatement(duckdb);
  await duckdb.close();
  const databricks = await connectWarehouse(emulator.target({ schema: 'analytics', threads: 1 }));
  const throughDriver = await perStatement(databricks);
  await databricks.close();

  const local = await buildExample(null);
  const remote = await buildExample(yamlProfile(emulator.target({ schema: 'analytics', threads: 4 })));
  console.log('Databricks path: the real @databricks/sql driver → local emulator (HTTPS, Thrift, DuckDB underneath)');
  console.log(`  per statement: ${throughDriver.toFixed(2)} ms through the driver and emulator vs ${direct.toFixed(2)} ms DuckDB direct — ${(throughDriver / direct).toFixed(1)}× (${STATEMENTS} statements)`);
  console.log(`  promote of examples/airline (seeds, 11 models, tests, publish): ${remote.seconds.toFixed(1)} s through the driver vs ${local.seconds.toFixed(1)} s on DuckDB — ${(remote.seconds / local.seconds).toFixed(1)}× (${remote.status}/${local.status})`);
} finally {
  await emulator.stop();
}
