import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import nunjucks from 'nunjucks';
import { parse as parseYaml } from 'yaml';
import { openSession } from '../../src/session.js';

interface GeneratedModel {
  name: string;
  path: string;
  refs: string[];
  materialized: string;
}
interface SourceTable {
  source: string;
  schema: string;
  table: string;
}
interface Generated {
  models: GeneratedModel[];
  sources: SourceTable[];
  files: string[];
}
interface Generator {
  generateProject(dir: string, options: { models: number; seed?: number; dbtUtils?: string }): Generated;
  createSourceTablesSql(sources: SourceTable[], rows?: number): string[];
}

// The generator is plain JavaScript for Node alone; imported by path so TypeScript does not need its types.
const generatorPath = fileURLToPath(new URL('../../bench/generate-project.js', import.meta.url));
let generator: Generator;
const temporaryDirs: string[] = [];

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
  temporaryDirs.push(dir);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split('\\').join('/'))
    .sort();
}

const REF = /\{\{\s*ref\('([^']+)'\)\s*\}\}/g;
const SOURCE = /\{\{\s*source\('([^']+)',\s*'([^']+)'\)\s*\}\}/g;

/** Model name → the names it refs, read from the SQL files themselves. */
function refsOnDisk(dir: string): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  for (const path of filesUnder(join(dir, 'models')).filter((p) => p.endsWith('.sql'))) {
    const name = path.split('/').pop()!.replace(/\.sql$/, '');
    const sql = readFileSync(join(dir, 'models', path), 'utf8');
    refs.set(name, [...sql.matchAll(REF)].map((match) => match[1]));
  }
  return refs;
}

/** Kahn's algorithm: the build order, or undefined when the refs have a cycle. */
function buildOrder(refs: Map<string, string[]>): string[] | undefined {
  const waiting = new Map([...refs].map(([name, parents]) => [name, new Set(parents)]));
  const order: string[] = [];
  let ready = [...waiting].filter(([, parents]) => parents.size === 0).map(([name]) => name);
  while (ready.length) {
    order.push(...ready);
    const done = new Set(ready);
    for (const name of ready) waiting.delete(name);
    ready = [];
    for (const [name, parents] of waiting) {
      for (const parent of done) parents.delete(parent);
      if (parents.size === 0) ready.push(name);
    }
  }
  return waiting.size ? undefined : order;
}

function longestChain(refs: Map<string, string[]>): number {
  const depth = new Map<string, number>();
  const measure = (name: string): number => {
    if (!depth.has(name)) depth.set(name, 1 + Math.max(0, ...(refs.get(name) ?? []).map(measure)));
    return depth.get(name)!;
  };
  return Math.max(...[...refs.keys()].map(measure));
}

interface PropertiesFile {
  models?: Array<{ name: string; columns: Array<{ name: string; data_tests?: unknown[] }> }>;
  sources?: Array<{ name: string; schema: string; tables: Array<{ name: string }> }>;
}

function yamlFiles(dir: string): PropertiesFile[] {
  return filesUnder(dir)
    .filter((path) => path.endsWith('.yml') && path.startsWith('models/'))
    .map((path) => parseYaml(readFileSync(join(dir, path), 'utf8')) as PropertiesFile);
}

describe('bench/generate-project.js', () => {
  let dir: string;
  let generated: Generated;

  beforeAll(async () => {
    generator = (await import(generatorPath)) as Generator;
    dir = newDir();
    generated = generator.generateProject(dir, { models: 50 });
  });

  afterAll(() => {
    for (const temporary of temporaryDirs) rmSync(temporary, { recursive: true, force: true });
  });

  it('writes dbt_project.yml, profiles.yml, a macro and one SQL file per model', () => {
    const project = parseYaml(readFileSync(join(dir, 'dbt_project.yml'), 'utf8'));
    expect(project).toMatchObject({ name: 'bench', profile: 'bench', 'config-version': 2, vars: { start_date: '2020-01-01' } });
    expect(project.models.bench.staging).toEqual({ '+schema': 'staging', '+tags': ['staging', 'injected_data'] });
    expect(project.models.bench.marts['+materialized']).toBe('table');
    expect(project.models.bench.marts['+tags']).toContain('transformed_data');

    const profiles = parseYaml(readFileSync(join(dir, 'profiles.yml'), 'utf8'));
    expect(profiles.bench.outputs[profiles.bench.target]).toMatchObject({ type: 'duckdb', path: 'target/bench.duckdb', schema: 'main' });

    expect(readFileSync(join(dir, 'macros/clean_amount.sql'), 'utf8')).toMatch(/\{% macro clean_amount\(/);
    const sqlFiles = filesUnder(join(dir, 'models')).filter((path) => path.endsWith('.sql'));
    expect(sqlFiles).toHaveLength(50);
    expect(generated.files).toEqual(filesUnder(dir));
    expect(generated.models.map((model) => model.name).sort()).toEqual(sqlFiles.map((p) => p.split('/').pop()!.replace('.sql', '')).sort());
  });

  it('lays models out in staging, intermediate and marts, with about 10% staging', () => {
    const sqlFiles = filesUnder(join(dir, 'models')).filter((path) => path.endsWith('.sql'));
    const staging = sqlFiles.filter((path) => path.startsWith('staging/'));
    expect(staging).toHaveLength(5);
    expect(staging.every((path) => /^staging\/\w+\/stg_\w+__\w+\.sql$/.test(path))).toBe(true);
    expect(sqlFiles.filter((path) => path.startsWith('intermediate/')).length).toBeGreaterThan(20);
    expect(sqlFiles.filter((path) => path.startsWith('marts/')).length).toBeGreaterThan(10);
  });

  it('staging models read declared sources; the other models ref 1 to 4 earlier models, as a DAG', () => {
    const declared = new Set(
      yamlFiles(dir).flatMap((file) => (file.sources ?? []).flatMap((source) => source.tables.map((table) => `${source.name}.${table.name}`))),
    );
    const refs = refsOnDisk(dir);
    for (const [name, parents] of refs) {
      const sql = readFileSync(join(dir, generated.models.find((model) => model.name === name)!.path), 'utf8');
      if (name.startsWith('stg_')) {
        expect(parents).toEqual([]);
        const sources = [...sql.matchAll(SOURCE)].map((match) => `${match[1]}.${match[2]}`);
        expect(sources).toHaveLength(1);
        expect(declared.has(sources[0])).toBe(true);
      } else {
        expect(sql).not.toMatch(SOURCE);
        expect(parents.length).toBeGreaterThanOrEqual(1);
        expect(parents.length).toBeLessThanOrEqual(4);
        expect(new Set(parents).size).toBe(parents.length);
        for (const parent of parents) expect(refs.has(parent)).toBe(true);
      }
    }
    expect(buildOrder(refs)).toHaveLength(50);
    // layered like a real project, not a flat fan-out
    expect(longestChain(refs)).toBeGreaterThanOrEqual(5);
  });

  it('uses the Jinja real projects use', () => {
    const sql = generated.models.map((model) => readFileSync(join(dir, model.path), 'utf8'));
    const count = (pattern: RegExp) => sql.filter((text) => pattern.test(text)).length;
    expect(count(/\{% set cols = \[/)).toBe(50);
    expect(count(/\{% for c in cols -?%\}[\s\S]*\{% if not loop\.last %\},\{% endif %\}[\s\S]*\{% endfor %\}/)).toBe(50);
    expect(count(/\{\{ clean_amount\(/)).toBe(50);
    expect(count(/var\("start_date"\)/)).toBe(45);
    expect(count(/\{\{ config\(materialized='table'\) \}\}/)).toBeGreaterThan(0);
    const incremental = generated.models.filter((model) => model.materialized === 'incremental');
    expect(incremental.length).toBeGreaterThan(0);
    for (const model of incremental) {
      const text = readFileSync(join(dir, model.path), 'utf8');
      expect(text).toContain(`{{ config(materialized='incremental', unique_key='id') }}`);
      expect(text).toMatch(/\{% if is_incremental\(\) %\}[\s\S]*\{\{ this \}\}[\s\S]*\{% endif %\}/);
    }
  });

  it('documents most models in per-folder YAML, with columns and the four built-in tests', () => {
    const models = yamlFiles(dir).flatMap((file) => file.models ?? []);
    expect(models.length).toBeGreaterThanOrEqual(35);
    const refs = new Map(generated.models.map((model) => [model.name, model.refs]));
    for (const model of models) {
      expect(model.columns.map((column) => column.name)).toEqual(['id', 'account_id', 'amount', 'status', 'updated_at']);
      const idTests = model.columns[0].data_tests!;
      expect(idTests.slice(0, 2)).toEqual(['unique', 'not_null']);
      if (!model.name.startsWith('stg_')) {
        const relationships = (idTests[2] as { relationships: { to: string; field: string } }).relationships;
        expect(relationships.field).toBe('id');
        expect(refs.get(model.name)).toContain(/ref\('(\w+)'\)/.exec(relationships.to)![1]);
      }
      expect(model.columns[3].data_tests).toEqual([{ accepted_values: { values: ['placed', 'shipped', 'returned', 'cancelled'] } }]);
    }
  });

  it('writes identical bytes for the same size and seed, and a different project for another seed', () => {
    const again = newDir();
    generator.generateProject(again, { models: 50 });
    expect(filesUnder(again)).toEqual(filesUnder(dir));
    for (const path of filesUnder(dir)) expect(readFileSync(join(again, path)).equals(readFileSync(join(dir, path)))).toBe(true);

    const other = newDir();
    generator.generateProject(other, { models: 50, seed: 7 });
    const differs = filesUnder(other).some((path) => {
      try {
        return !readFileSync(join(other, path)).equals(readFileSync(join(dir, path)));
      } catch {
        return true;
      }
    });
    expect(differs).toBe(true);
  });

  it('builds on DuckDB, and its data tests pass', async () => {
    // Render with a minimal dbt context: refs become tables in `main`, sources their raw tables.
    const macros = readFileSync(join(dir, 'macros/clean_amount.sql'), 'utf8');
    const environment = new nunjucks.Environment(null, { autoescape: false });
    const context = {
      ref: (name: string) => `main.${name}`,
      source: (source: string, table: string) => `raw_${source}.${table}`,
      var: (name: string, fallback?: unknown) => (name === 'start_date' ? '2020-01-01' : fallback),
      config: () => '',
      is_incremental: () => false,
    };
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      for (const statement of generator.createSourceTablesSql(generated.sources, 50)) await connection.run(statement);
      const byName = new Map(generated.models.map((model) => [model.name, model]));
      for (const name of buildOrder(refsOnDisk(dir))!) {
        const sql = environment.renderString(macros + readFileSync(join(dir, byName.get(name)!.path), 'utf8'), context);
        await connection.run(`create table main.${name} as ${sql}`);
      }
      const scalar = async (sql: string) => Number((await (await connection.run(sql)).getRows())[0][0]);
      for (const model of generated.models) {
        const relation = `main.${model.name}`;
        expect(await scalar(`select count(*) from ${relation}`)).toBe(50);
        expect(await scalar(`select count(*) from (select id from ${relation} group by id having count(*) > 1)`)).toBe(0);
        expect(await scalar(`select count(*) from ${relation} where id is null`)).toBe(0);
        expect(await scalar(`select count(*) from ${relation} where status not in ('placed', 'shipped', 'returned', 'cancelled')`)).toBe(0);
        if (model.refs.length) {
          const parent = `main.${model.refs[0]}`;
          expect(await scalar(`select count(*) from ${relation} c left join ${parent} p on c.id = p.id where p.id is null`)).toBe(0);
        }
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('installs dbt_utils (a stand-in written for the bench) and calls it from a third of the downstream models, which Sluice renders', () => {
    const target = newDir();
    const result = generator.generateProject(target, { models: 60, dbtUtils: 'stand-in' });
    expect(result.files).toEqual(expect.arrayContaining(['packages.yml', 'dbt_packages/dbt_utils/dbt_project.yml', 'dbt_packages/dbt_utils/macros/sql/generate_surrogate_key.sql']));
    const downstream = result.models.filter((model) => model.refs.length);
    const calling = downstream.filter((model) => readFileSync(join(target, model.path), 'utf8').includes('dbt_utils.generate_surrogate_key'));
    expect(calling.length).toBe(Math.ceil(downstream.length / 3));
    const session = openSession({ projectDir: target, log: () => undefined });
    const sql = session.renderer.renderSync(session.graph.nodes.get(`model.bench.${calling[0].name}`)!);
    expect(sql).toContain("md5(cast(coalesce(cast(base.id as text), '_null_') || '-' ||");
  });

  it('runs as a script, and refuses a folder that is not empty', () => {
    const target = join(newDir(), 'project');
    const output = execFileSync(process.execPath, [generatorPath, target, '12'], { encoding: 'utf8' });
    expect(output).toMatch(/^wrote 12 models/);
    expect(filesUnder(target).filter((path) => path.endsWith('.sql') && path.startsWith('models/'))).toHaveLength(12);

    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [generatorPath, target, '12'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/is not empty/);
  });
});
