/** The real-looking project bench/lint-real.js lints: it loads, every model renders, and its macros read `graph`. */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSession } from '../../src/session.js';

interface Generated {
  models: Array<{ name: string; path: string; layer: string; refs: string[] }>;
  files: string[];
  sqlLines: number;
}

// Plain JavaScript for Node alone; imported by path so TypeScript does not need its types.
const generatorPath = fileURLToPath(new URL('../../bench/lint-real-project.js', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function generate(models: number, seed?: number): Promise<{ dir: string; project: Generated }> {
  const { generateLintProject } = (await import(generatorPath)) as { generateLintProject: (dir: string, options: { models: number; seed?: number }) => Generated };
  const dir = mkdtempSync(join(tmpdir(), 'sluice-lint-real-'));
  dirs.push(dir);
  return { dir, project: generateLintProject(dir, { models, seed }) };
}

describe('the real-looking lint bench project', () => {
  it('loads, renders every model from long sources, and reads graph in its macros', async () => {
    const { dir, project } = await generate(60);
    expect(project.models).toHaveLength(60);
    expect(project.sqlLines / project.models.length).toBeGreaterThan(80);
    const errors: string[] = [];
    const session = openSession({ projectDir: dir, onNodeError: (node, error) => errors.push(`${node.uniqueId}: ${String(error)}`) });
    expect(errors).toEqual([]);
    const inventory = session.renderer.renderWithSourceMap(session.graph.nodes.get('model.lint_bench.graph_model_inventory')!).sql;
    for (const model of project.models) {
      const node = session.graph.nodes.get(`model.lint_bench.${model.name}`)!;
      expect(node.refs.map((ref) => ref.name)).toEqual(model.refs);
      expect(session.renderer.renderWithSourceMap(node).sql).not.toContain('{{');
      expect(inventory).toContain(`'model.lint_bench.${model.name}'`);
    }
    const macros = project.files.filter((file) => file.startsWith('dbt_packages/bench_utils/macros/')).map((file) => readFileSync(join(dir, file), 'utf8'));
    expect(macros.filter((text) => text.includes('graph.')).length).toBeGreaterThanOrEqual(3);
  });

  it('writes the same bytes for the same size and seed', async () => {
    const [a, b] = [await generate(30, 3), await generate(30, 3)];
    for (const file of a.project.files) expect(readFileSync(join(b.dir, file), 'utf8')).toBe(readFileSync(join(a.dir, file), 'utf8'));
  });
});
