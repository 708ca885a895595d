#!/usr/bin/env node
/**
 * Environments benchmark: in a generated 1,000-model project deployed to production, one model changes.
 * Reports the plan time (target ≤ 1 s), that the plan is exactly that model and its dependents, and how
 * many models `ci` builds against a full build.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSourceTablesSql, generateProject } from './generate-project.js';
import * as pipeline from '../lib/pipeline.js';
import { openSession } from '../lib/session.js';
import { descendants } from '../lib/graph/graph.js';
import { connectWarehouse } from '../lib/warehouse/connect.js';

const MODELS = Number(process.env.BENCH_ENV_MODELS ?? 1000);
const quiet = () => undefined;

const dir = mkdtempSync(join(tmpdir(), `sluice-bench-env-${MODELS}-`));
try {
  const generated = generateProject(dir, { models: MODELS });
  // The generated profile's one target, dev, is production here (Sluice never takes a default target for it).
  writeFileSync(join(dir, 'sluice.yml'), 'production:\n  target: dev\n');
  const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: join(dir, 'target', 'bench.duckdb') });
  for (const statement of createSourceTablesSql(generated.sources)) await warehouse.execute(statement);
  await warehouse.close();

  let started = performance.now();
  const deploy = await pipeline.promote({ projectDir: dir, out: quiet });
  const fullSeconds = (performance.now() - started) / 1000;
  const fullBuilt = deploy.plan.build.size;

  // Change one model in the middle of the graph: its dependents must be planned, nothing else.
  const target = generated.models[Math.floor(generated.models.length / 2)];
  const path = join(dir, target.path);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/\bselect\b/i, 'select /* changed */ distinct'));
  const session = openSession({ projectDir: dir, log: quiet });
  const id = `model.bench.${target.name}`;
  const expected = new Set([id, ...[...descendants(session.graph, [id])].filter((node) => node.startsWith('model.'))]);

  pipeline.plan; // warm the modules once, as a long-lived shell would
  started = performance.now();
  const { plan } = await pipeline.plan({ projectDir: dir, environment: 'pr_1', out: quiet });
  const planSeconds = (performance.now() - started) / 1000;
  const planned = new Set([...plan.build]);
  const exact = planned.size === expected.size && [...expected].every((node) => planned.has(node));

  started = performance.now();
  const ci = await pipeline.ci({ projectDir: dir, environment: 'pr_1', out: quiet });
  const ciSeconds = (performance.now() - started) / 1000;
  const ciBuilt = ci.report.models.filter((model) => model.status === 'built').length;

  console.log(`Environments benchmark: ${MODELS}-model generated project, one model changed (${target.name})`);
  console.log(`  plan (load, render, fingerprint ${MODELS} models, read state, compare): ${planSeconds.toFixed(2)} s — ${(planSeconds / 1).toFixed(2)}× the 1 s target`);
  console.log(`  planned ${planned.size} models = the changed model and its ${expected.size - 1} dependents: ${exact ? 'exact' : 'NOT exact'}`);
  console.log(`  ci built ${ciBuilt} models in ${ciSeconds.toFixed(1)} s; the full build (first promote) built ${fullBuilt} in ${fullSeconds.toFixed(1)} s — ${(ciBuilt / fullBuilt * 100).toFixed(1)} % of the models`);
  if (!exact) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
