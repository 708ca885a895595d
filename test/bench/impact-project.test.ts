/**
 * The 1,000-model impact benchmark's scenario (bench/impact-project.js), at 60 models on DuckDB: a hub read
 * by 20 descendants, 3 of which read its column c_x. After `c_x + 1 as c_x`, ci rebuilds exactly the hub,
 * those 3 and the 2 readers of the columns they change, and defers the 15 others with the reason; with
 * data-aware impact off the same change rebuilds all 20.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pipeline from '../../src/pipeline.js';
import { descendants } from '../../src/graph/graph.js';
import type { Report } from '../../src/report/report-json.js';
import { openSession } from '../../src/session.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import { createdProjects } from '../support/project.js';

interface SourceTable {
  source: string;
  schema: string;
  table: string;
}
interface ScenarioModel {
  name: string;
  reads: Record<string, string[] | '*'>;
}
interface Scenario {
  hub: string;
  column: string;
  models: ScenarioModel[];
}
interface Generator {
  generateProject(dir: string, options: { models: number }): { models: Array<{ name: string; refs: string[] }>; sources: SourceTable[] };
  createSourceTablesSql(sources: SourceTable[], rows?: number): string[];
}
interface ImpactProject {
  SCENARIO_MODELS: number;
  SOURCE: SourceTable;
  addImpactScenario(dir: string, options: { other: string }): Scenario;
  changeHubColumn(dir: string): void;
  expectedImpact(scenario: Scenario): { built: string[]; deferred: string[] };
}

// Plain JavaScript for Node alone, as the benchmarks are: imported by path so TypeScript needs no types.
const benchModule = (name: string) => fileURLToPath(new URL(`../../bench/${name}`, import.meta.url));

const MODELS = 60;
const READERS_OF_C_X = ['impact_x_passthrough', 'impact_x_scaled', 'impact_x_totals'];
/** Readers of what those 3 change: c_x passed through (by name), x_scaled (through `select *`). */
const READERS_OF_CHANGED = ['impact_x_plus_y', 'impact_x_scaled_all'];

const lines: string[] = [];
const out = (line: string) => lines.push(line);
const names = (report: Report, status: string) => report.models.filter((model) => model.change !== null && model.status === status).map((model) => model.name).sort();

describe('the impact benchmark scenario (bench/impact-project.js)', () => {
  let dir: string;
  let scenario: Scenario;
  let expected: { built: string[]; deferred: string[] };

  beforeAll(async () => {
    const generator = (await import(benchModule('generate-project.js'))) as Generator;
    const impact = (await import(benchModule('impact-project.js'))) as ImpactProject;
    dir = mkdtempSync(join(tmpdir(), 'sluice-impact-'));
    createdProjects.push(dir);
    const generated = generator.generateProject(dir, { models: MODELS - impact.SCENARIO_MODELS });
    scenario = impact.addImpactScenario(dir, { other: generated.models.find((model) => model.refs.length === 0)!.name });
    expected = impact.expectedImpact(scenario);
    writeFileSync(join(dir, 'sluice.yml'), 'production:\n  target: dev\n');
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: join(dir, 'target', 'bench.duckdb') });
    for (const statement of [...generator.createSourceTablesSql(generated.sources), ...generator.createSourceTablesSql([impact.SOURCE])]) await warehouse.execute(statement);
    await warehouse.close();
    expect((await pipeline.promote({ projectDir: dir, out })).status).toBe('published');
    impact.changeHubColumn(dir);
  });

  it('is a hub read by 20 descendants in a 60-model project, 3 of which read c_x', () => {
    const session = openSession({ projectDir: dir, log: () => undefined });
    expect([...session.graph.nodes.values()].filter((node) => node.resourceType === 'model')).toHaveLength(MODELS);
    const below = [...descendants(session.graph, [`model.bench.${scenario.hub}`])].filter((id) => id.startsWith('model.'));
    expect(below).toHaveLength(20);
    const readers = scenario.models.filter((model) => (model.reads[scenario.hub] ?? []).includes(scenario.column)).map((model) => model.name);
    expect(readers.sort()).toEqual(READERS_OF_C_X);
    // The benchmark's expectation, computed from the scenario's declared reads, is the same set.
    expect(expected.built.sort()).toEqual([scenario.hub, ...READERS_OF_C_X, ...READERS_OF_CHANGED].sort());
    expect(expected.deferred).toHaveLength(15);
  });

  it('ci rebuilds exactly the hub, its 3 readers of c_x and their readers of changed columns, and defers the other 15', async () => {
    const { report } = await pipeline.ci({ projectDir: dir, environment: 'pr_1', out, lint: false });
    expect(names(report, 'built')).toEqual([scenario.hub, ...READERS_OF_C_X, ...READERS_OF_CHANGED].sort());
    expect(names(report, 'deferred')).toEqual([...expected.deferred].sort());
    const byName = new Map(report.models.map((model) => [model.name, model]));
    expect(byName.get('impact_x_totals')!.reason).toBe('reads impact_hub.c_x, which changed');
    expect(byName.get('impact_x_scaled_all')!.reason).toBe('reads every column of impact_x_scaled (*), and x_scaled changed');
    // Each deferred model names the rebuilt parent it reads no changed column of; below deferred models, none was rebuilt.
    const belowDeferred = ['impact_amounts_all', 'impact_joined_y', 'impact_status_all'];
    for (const name of expected.deferred) {
      const reason = belowDeferred.includes(name) ? 'nothing it reads was rebuilt: it reads only what production has' : expect.stringMatching(/^reads no changed column of impact_\w+$/);
      expect(byName.get(name)).toMatchObject({ status: 'deferred', change: 'impacted', reason });
    }
    // A `select *` over a CTE that picks other columns than c_x, and an import CTE (`select *` over the hub) that names none.
    expect(byName.get('impact_y_via_cte')!.reason).toBe('reads no changed column of impact_hub');
    expect(byName.get('impact_amounts')!.reason).toBe('reads no changed column of impact_hub');
    // Two parents: a rebuilt reader of c_x (read for its unchanged c_y) and a deferred model.
    expect(byName.get('impact_y_and_amount')!.reason).toBe('reads no changed column of impact_x_passthrough');
    expect(report.ok).toBe(true);
  });

  it('with impact.data_aware false, the same change rebuilds all 20 descendants', async () => {
    writeFileSync(join(dir, 'sluice.yml'), 'production:\n  target: dev\nimpact:\n  data_aware: false\n');
    const { report } = await pipeline.ci({ projectDir: dir, environment: 'pr_2', out, lint: false });
    expect(names(report, 'built')).toEqual(scenario.models.map((model) => model.name).sort());
    expect(names(report, 'deferred')).toEqual([]);
  });
});
