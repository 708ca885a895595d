/** The real `sluice` command, run as a user runs it: help, exit codes, output and files. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, runCli } from '../support/project.js';

describe('sluice CLI', () => {
  it('shows help for every command', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['compile', 'ls', 'seed', 'run', 'test', 'build', 'debug', 'demo']) expect(help.stdout).toContain(command);
    const build = runCli(['build', '--help']);
    expect(build.code).toBe(0);
    for (const flag of ['--project-dir', '--profiles-dir', '--target', '--select', '--exclude', '--vars', '--threads', '--full-refresh', '--fail-fast']) {
      expect(build.stdout).toContain(flag);
    }
  });

  it('exits 2 on an unknown option or command', () => {
    expect(runCli(['build', '--no-such-flag']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
  });

  it('exits 2 with the file and a hint for an invalid project, before any SQL runs', () => {
    const dir = makeProject({ 'models/a.sql': "select * from {{ ref('nope') }}" });
    const result = runCli(['run', '--project-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("depends on ref('nope'), which was not found");
    expect(result.stderr).toContain('at models/a.sql:1');
    expect(existsSync(join(dir, 'target', 'test.duckdb'))).toBe(false);
  });

  it('exits 0 when everything passes and 1 when a test fails', () => {
    const dir = makeProject({
      'models/a.sql': 'select * from (values (1), (1)) as t(id)',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests: [not_null, unique]\n',
    });
    const run = runCli(['run', '--project-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/OK\s+view model main\.a/);
    const test = runCli(['test', '--project-dir', dir, '--select', 'a']);
    expect(test.code).toBe(1);
    expect(test.stdout).toMatch(/FAIL\s+unique_a_id/);
    expect(test.stdout).toMatch(/PASS\s+not_null_a_id/);
    expect(test.stdout).toContain('PASS=1 WARN=0 ERROR=1 SKIP=0 TOTAL=2');
  });

  it('lists resources as JSON and writes the manifest', () => {
    const dir = makeProject({
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "{{ config(tags=['nightly']) }}select * from {{ ref('a') }}",
    });
    const result = runCli(['ls', '--project-dir', dir, '--select', 'tag:nightly', '--output', 'json']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ name: 'b', resource_type: 'model', unique_id: 'model.test_project.b', tags: ['nightly'] });
    expect(lines[0].depends_on.nodes).toEqual(['model.test_project.a']);
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8'));
    expect(manifest.parent_map['model.test_project.b']).toEqual(['model.test_project.a']);
    expect(manifest.child_map['model.test_project.a']).toEqual(['model.test_project.b']);
    expect(manifest.nodes['model.test_project.b']).toMatchObject({ original_file_path: 'models/b.sql', raw_code: "{{ config(tags=['nightly']) }}select * from {{ ref('a') }}" });
    const plus = runCli(['ls', '--project-dir', dir, '--select', '+b', '--output', 'name']);
    expect(plus.stdout.trim().split('\n')).toEqual(['a', 'b']);
  });

  it('compiles SQL under target/compiled with refs resolved', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1 as id', 'models/b.sql': "select * from {{ ref('a') }}" });
    const result = runCli(['compile', '--project-dir', dir]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'target/compiled/test_project/models/b.sql'), 'utf8')).toBe('select * from "main"."a"');
  });

  it('checks the connection with debug', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1' });
    const result = runCli(['debug', '--project-dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('connection: OK');
    expect(result.stdout).toContain('profile:  test_project');
  });
});
