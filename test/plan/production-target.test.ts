/**
 * Production is explicit: `--target`, sluice.yml's `production: {target: …}`, or a target named prod or
 * production — never the profile's default target (usually dev) by accident. Every output names the real
 * target. And the report files: ci and diff write report.json, promote writes promote.json beside it, a
 * diff of an environment that was never built is exit 2 and touches neither.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { makeProject, runCliAsync } from '../support/project.js';

/** A profile whose default target is dev, as most teams' are, with a second target named `name`. */
function profile(name: string | null): string {
  const output = (file: string) => `      type: duckdb\n      path: target/${file}.duckdb\n      schema: main\n`;
  return `test_project:\n  target: dev\n  outputs:\n    dev:\n${output('dev')}${name ? `    ${name}:\n${output(name)}` : ''}`;
}

const MODELS = {
  'models/orders.sql': "{{ config(materialized='table') }}select * from (values (1, 10), (2, 20)) as t(id, amount)",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        tests: [unique, not_null]\n',
};

const lines: string[] = [];
const out = (line: string) => lines.push(line);

describe('which target is production', () => {
  it('stops every environment command with a hint when nothing says which target is production', async () => {
    const dir = makeProject({ ...MODELS, 'profiles.yml': profile('staging') });
    for (const command of [['plan', '--pr', '1'], ['ci', '--pr', '1'], ['diff', '--pr', '1'], ['promote'], ['rollback'], ['drop', '--pr', '1'], ['janitor'], ['deployments'], ['adopt']]) {
      const result = await runCliAsync([...command, '--project-dir', dir]);
      expect({ command: command[0], code: result.code }).toEqual({ command: command[0], code: 2 });
      expect(result.stderr).toContain("Which target is production? sluice.yml names none, and profile 'test_project' has no target named prod or production. Sluice never takes the profile's default target ('dev') for production.");
      expect(result.stderr).toContain(`at ${join(dir, 'profiles.yml')}:3`);
      expect(result.stderr).toContain('hint: add "production: {target: <name>}" to sluice.yml, or pass --target <name>');
      expect(result.stderr).toContain("the profile's targets: dev, staging");
    }
    // Nothing connected: no database file was made for dev (or staging).
    expect(existsSync(join(dir, 'target', 'dev.duckdb'))).toBe(false);
    expect(existsSync(join(dir, 'target', 'staging.duckdb'))).toBe(false);
    // The dbt commands keep dbt's rule: the profile's default target.
    expect((await runCliAsync(['run', '--project-dir', dir])).code).toBe(0);
    expect(existsSync(join(dir, 'target', 'dev.duckdb'))).toBe(true);
  });

  it('takes a target named prod (or production) over the default dev, and names it everywhere', async () => {
    for (const name of ['prod', 'production']) {
      const dir = makeProject({ ...MODELS, 'profiles.yml': profile(name) });
      lines.length = 0;
      const promoted = await pipeline.promote({ projectDir: dir, out });
      expect(promoted).toMatchObject({ status: 'published', target: name });
      expect(lines[0]).toContain(`· production target ${name} (duckdb target/${name}.duckdb schema main)`);
      expect(existsSync(join(dir, 'target', `${name}.duckdb`))).toBe(true);
      expect(existsSync(join(dir, 'target', 'dev.duckdb'))).toBe(false);
    }
  });

  it('takes sluice.yml production.target, and --target over it; report.json and the comment name it', async () => {
    const dir = makeProject({ ...MODELS, 'profiles.yml': profile('warehouse'), 'sluice.yml': 'production:\n  target: warehouse\n' });
    const promoted = await runCliAsync(['promote', '--project-dir', dir]);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('· production target warehouse (duckdb target/warehouse.duckdb schema main)');
    expect(promoted.stdout).toContain('to warehouse. Undo it with: sluice rollback');
    writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='table') }}select * from (values (1, 10), (2, 25)) as t(id, amount)");
    const ci = await runCliAsync(['ci', '--project-dir', dir, '--pr', '3']);
    expect(ci.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'report.json'), 'utf8'));
    expect(report).toMatchObject({ env: 'pr_3', base_env: 'warehouse' });
    expect(readFileSync(join(dir, 'target', 'sluice', 'report.md'), 'utf8')).toContain('`pr_3` vs `warehouse`');
    expect(existsSync(join(dir, 'target', 'dev.duckdb'))).toBe(false);
    // --target wins over sluice.yml: dev has no state, so everything is new there.
    const plan = await runCliAsync(['plan', '--project-dir', dir, '--pr', '3', '--target', 'dev']);
    expect(plan.stdout).toContain('· production target dev (duckdb target/dev.duckdb schema main)');
    expect(plan.stdout).toContain('Production has no state yet');
  });

  it('refuses a production.target that the profile does not have, or that is not a name (exit 2, sluice.yml and its line)', async () => {
    const typo = makeProject({ ...MODELS, 'profiles.yml': profile('prod'), 'sluice.yml': 'state:\n  schema: sluice_state\nproduction:\n  target: prdo\n' });
    const result = await runCliAsync(['plan', '--project-dir', typo, '--pr', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("production.target 'prdo' is not a target of profile 'test_project'");
    expect(result.stderr).toContain('at sluice.yml:4');
    expect(result.stderr).toMatch(/hint: .*did you mean 'prod'\?.*targets there: dev, prod/i);
    const notName = makeProject({ ...MODELS, 'profiles.yml': profile('prod'), 'sluice.yml': 'production:\n  target: [prod]\n' });
    const invalid = await runCliAsync(['promote', '--project-dir', notName]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('production.target must be the name of a target in profiles.yml, got ["prod"]');
    expect(invalid.stderr).toContain('at sluice.yml:2');
  });
});

describe('report files', () => {
  it('promote writes promote.json and promote.md beside the pull request report, which it leaves alone', async () => {
    const dir = makeProject({ ...MODELS, 'profiles.yml': profile('prod') });
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='table') }}select * from (values (1, 10), (2, 25)) as t(id, amount)");
    await pipeline.ci({ projectDir: dir, environment: 'pr_4', out });
    const reportFile = join(dir, 'target', 'sluice', 'report.json');
    const before = readFileSync(reportFile, 'utf8');
    const beforeMd = readFileSync(join(dir, 'target', 'sluice', 'report.md'), 'utf8');
    const promoted = await pipeline.promote({ projectDir: dir, out });
    expect(readFileSync(reportFile, 'utf8')).toBe(before);
    expect(readFileSync(join(dir, 'target', 'sluice', 'report.md'), 'utf8')).toBe(beforeMd);
    const promoteJson = JSON.parse(readFileSync(join(dir, 'target', 'sluice', 'promote.json'), 'utf8'));
    expect(promoteJson).toMatchObject({ command: 'promote', env: 'prod', promote: { status: 'published', deployId: promoted.deployId, target: 'prod', published: ['orders'] } });
    const markdown = readFileSync(join(dir, 'target', 'sluice', 'promote.md'), 'utf8');
    expect(markdown).toContain(`✅ **Published \`${promoted.deployId}\`** to \`prod\`: 1 model (\`orders\`)`);
    // pr_4 built and tested orders on the same inputs: promote publishes that table, built and tested once.
    expect(markdown).toContain('| `orders` | modified | reused from `pr_4` |');
    expect(markdown).toContain('1 table published as `pr_4` built and tested it on the same inputs: not built or tested again.');
    expect(markdown).not.toContain('Tests on the audit relations');
    // Nothing to deploy: promote.md says so.
    await pipeline.promote({ projectDir: dir, out });
    expect(readFileSync(join(dir, 'target', 'sluice', 'promote.md'), 'utf8')).toContain('✅ **`prod` is up to date**: nothing was published.');
    expect(readFileSync(reportFile, 'utf8')).toBe(before);
  });

  it('diff of an environment that was never built is exit 2 and leaves the report files untouched', async () => {
    const dir = makeProject({ ...MODELS, 'profiles.yml': profile('prod') });
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/orders.sql'), "{{ config(materialized='table') }}select * from (values (1, 10), (2, 25)) as t(id, amount)");
    await pipeline.ci({ projectDir: dir, environment: 'pr_4', out });
    const reportFile = join(dir, 'target', 'sluice', 'report.json');
    const before = { text: readFileSync(reportFile, 'utf8'), time: statSync(reportFile).mtimeMs };
    const result = await runCliAsync(['diff', '--project-dir', dir, '--pr', '8']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Environment 'pr_8' does not exist: no sluice_pr_8__* schema");
    expect(result.stderr).toContain('hint: build it first with sluice ci --env pr_8');
    expect(readFileSync(reportFile, 'utf8')).toBe(before.text);
    expect(statSync(reportFile).mtimeMs).toBe(before.time);
    // The one that exists still diffs.
    const diff = await runCliAsync(['diff', '--project-dir', dir, '--pr', '4']);
    expect(diff.code).toBe(0);
    expect(JSON.parse(readFileSync(reportFile, 'utf8'))).toMatchObject({ command: 'diff', env: 'pr_4', base_env: 'prod' });
  });
});
