/**
 * `sluice demo`: the whole pull-request story on the bundled example, on embedded DuckDB — deploy to
 * production, open pull request #1 (a bundled change), plan it, build it in its own schemas, merge and
 * promote it, roll it back, and drop its environment.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatPlan } from '../plan/plan.js';
import { renderComment } from '../report/markdown.js';
import * as pipeline from '../pipeline.js';
import type { CommonOptions } from './commands.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The bundled example and its example changes, wherever Sluice is installed. */
export const bundledExample = () => resolve(here, '..', '..', 'examples', 'airline');
const bundledChange = (name: string) => resolve(here, '..', '..', 'examples', 'changes', name);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export async function runDemo(options: CommonOptions): Promise<number> {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  // A build's lines are held until it finishes: passing tests (by the dozen), and the tests deferred with
  // their model (or passed already where a reused table was built), are summed up in one line each, and what is shown is counted as shown ("3 of 17"), so
  // that no number is skipped. Indented detail lines stay under the line they belong to.
  const held: string[] = [];
  const progress = /^(\s*)\d+ of \d+ (.*)$/;
  const passing = /^\s+\d+ of \d+ PASS /;
  const deferredTest = /^\s+\d+ of \d+ (DEFER|REUSE) (?!(\w+ model|seed|snapshot) )/;
  const flush = () => {
    const shown = held.filter((line) => !passing.test(line) && !deferredTest.test(line));
    const total = shown.filter((line) => progress.test(line)).length;
    const passed = held.filter((line) => passing.test(line)).length;
    const deferred = held.filter((line) => deferredTest.test(line)).length;
    let index = 0;
    for (const line of shown) write(line.replace(progress, (_, _indent: string, rest: string) => `  ${String(++index).padStart(String(total).length)} of ${total} ${rest}`));
    if (passed) write(`  … and ${passed} passing test${passed === 1 ? '' : 's'}, not listed`);
    if (deferred) write(`  … and ${deferred} test${deferred === 1 ? '' : 's'} of deferred or reused models, not run again`);
    held.length = 0;
  };
  const out = (line: string) => {
    if (progress.test(line) || (held.length && /^\s/.test(line) && line.trim())) held.push(line);
    else {
      flush();
      write(line);
    }
  };
  const source = bundledExample();
  const dir = options.dir ? resolve(options.dir) : mkdtempSync(join(tmpdir(), 'sluice-demo-'));
  const projectDir = join(dir, 'airline');
  if (existsSync(projectDir)) rmSync(projectDir, { recursive: true, force: true });
  cpSync(source, projectDir, { recursive: true, filter: (path) => !/[\\/](target|logs)([\\/]|$)/.test(path.slice(source.length)) });
  const project = { projectDir, target: 'prod', out };
  const step = (title: string) => {
    write('');
    write(`━━ ${title}`);
  };

  write('Sluice demo — an airline selling seats: SAP and aeroplane-API data → staging → a star schema → a revenue mart.');
  write(`The project is copied to ${projectDir}; production is its \`prod\` target, a local DuckDB file. No credentials.`);

  step('1. Deploy to production: `sluice promote` (write → audit → publish; production has no state yet)');
  const first = await pipeline.promote(project);
  if (first.status !== 'published') return 1;

  step('2. Pull request #1 changes dim_customers (examples/changes/pr_1)');
  const change = bundledChange('pr_1');
  for (const file of filesUnder(change)) {
    if (file.endsWith('README.md')) continue;
    const path = relative(change, file);
    cpSync(file, join(projectDir, path));
    write(`  changed ${path}`);
  }

  step('3. `sluice plan --env pr_1`: what the pull request changes, compared with production');
  const { plan } = await pipeline.plan({ ...project, environment: 'pr_1' });
  for (const line of formatPlan(plan, 'pr_1')) write(line);

  step('4. `sluice ci --env pr_1`: build only the changed and impacted models into sluice_pr_1__* and test them');
  const ci = await pipeline.ci({ ...project, environment: 'pr_1' });
  const built = ci.report.models.filter((model) => model.status === 'built').map((model) => model.name);
  write(`  built ${built.length} of ${ci.report.models.length} models (${built.join(', ')}); the other ${ci.report.models.length - built.length} were read from production`);
  if (!ci.report.ok) return 1;
  write('');
  write(`The pull-request comment Sluice writes for it (${join(projectDir, 'target', 'sluice', 'report.md')}):`);
  write('');
  write(renderComment(ci.report, { reportPath: 'target/sluice/report.json' }));

  step('5. Merge → `sluice promote`: audit the change, then publish it to production');
  const second = await pipeline.promote(project);
  if (second.status !== 'published') return 1;

  step('6. `sluice rollback`: undo that deployment');
  await pipeline.rollback(project);

  step('7. The pull request closes → `sluice drop --env pr_1`');
  await pipeline.drop({ ...project, environment: 'pr_1' });

  flush();
  write('');
  write('Demo finished: deployed, changed in a pull request, built in isolation, promoted, rolled back and cleaned up.');
  write(`Look around: ${projectDir} — target/sluice/report.json and report.md (the pull request's report), promote.json and promote.md (the deploy), target/run_results.json, target/manifest.json.`);
  return 0;
}
