/**
 * What the CLI loads before it does anything: `--version` and `--help` load no project code, and a
 * command loads only what it needs (`ls` neither the warehouse drivers, nor the formatter, nor GitHub's
 * client). How fast that makes start-up is measured in bench/startup.js, not here.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO_ROOT } from '../support/project.js';

/** A module hook that names, on stderr, every package module the process imports. */
const TRACE_HOOK = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent('export async function load(url, context, next) { if (url.includes("/node_modules/") || url.includes("/lib/")) process.stderr.write("LOADED " + url + "\\\\n"); return next(url, context); }'));`,
)}`;

function packagesLoaded(args: string[], cwd = REPO_ROOT): { code: number; stdout: string; packages: Set<string>; modules: Set<string> } {
  const result = spawnSync(process.execPath, ['--import', TRACE_HOOK, CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  const packages = new Set<string>();
  for (const match of result.stderr.matchAll(/^LOADED .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(match[1]);
  // Sluice's own compiled modules, as `plan/promote.js`.
  const modules = new Set([...result.stderr.matchAll(/^LOADED file:.*?\/lib\/(.+\.js)$/gm)].map((match) => match[1]));
  return { code: result.status ?? -1, stdout: result.stdout, packages, modules };
}

const HEAVY = ['@duckdb/node-api', '@databricks/sql', 'sql-formatter', 'node-sql-parser', '@octokit/rest', '@actions/core', 'tar'];

describe('sluice start-up', () => {
  test('--version prints the package version and loads no package at all', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = packagesLoaded(['--version']);
    expect(result.stdout.trim()).toBe(version);
    expect([...result.packages]).toEqual([]);
  });

  test('--help loads the command-line parser and nothing of the project machinery', () => {
    const result = packagesLoaded(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: sluice/);
    expect([...result.packages]).toEqual(['commander']);
  });

  test('ls loads the templating engine it needs, and no warehouse driver, formatter or GitHub client', () => {
    const result = packagesLoaded(['ls', '--project-dir', join(REPO_ROOT, 'examples', 'airline')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/stg_sap__orders/);
    expect(result.packages.has('nunjucks')).toBe(true);
    expect(HEAVY.filter((name) => result.packages.has(name))).toEqual([]);
    // Nor planning, deploys, lint or running nodes: those load when their commands run.
    expect(result.modules.has('project/load.js')).toBe(true);
    expect([...result.modules].filter((module) => /^(plan\/(ci|promote|rollback|adopt|cleanup)|lint\/lint-project|diff\/|execute\/(run-task|materializations|snapshot)\.js)/.test(module))).toEqual([]);
    expect(result.packages.has('csv-parse')).toBe(false);
  });
});
