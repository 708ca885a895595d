/** Fingerprints: comment and whitespace changes are not changes; SQL, config and upstream changes are. */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintProject, normalizeSql } from '../../src/graph/fingerprint.js';
import { openSession } from '../../src/session.js';
import { makeProject } from '../support/project.js';

async function fingerprints(dir: string, runStartedAt?: Date) {
  const session = openSession({ projectDir: dir, runStartedAt });
  return fingerprintProject(session);
}

describe('normalizeSql', () => {
  it('drops comments, collapses whitespace and drops it around commas, but not inside string literals', () => {
    expect(normalizeSql("select  a, -- why\n  b /* note */ from t where c = 'x  -- y'")).toBe("select a,b from t where c = 'x  -- y'");
  });
});

describe('fingerprintProject', () => {
  const files = {
    'models/base.sql': "select 1 as id, '{{ run_started_at }}' as loaded_at, '{{ invocation_id }}' as run",
    'models/child.sql': "select * from {{ ref('base') }}",
  };

  it('does not change with comments, whitespace, the clock or the run', async () => {
    const dir = makeProject(files);
    const before = await fingerprints(dir, new Date('2024-01-01T00:00:00Z'));
    writeFileSync(join(dir, 'models/base.sql'), `-- a comment\n${files['models/base.sql'].replace(' as id,', '   as id ,\n')}`);
    const after = await fingerprints(dir, new Date('2025-06-30T12:00:00Z'));
    expect(after.get('model.test_project.base')!.own).toBe(before.get('model.test_project.base')!.own);
    expect(after.get('model.test_project.child')!.data).toBe(before.get('model.test_project.child')!.data);
  });

  it('changes with the SQL, and the change reaches downstream data fingerprints only', async () => {
    const dir = makeProject(files);
    const before = await fingerprints(dir);
    writeFileSync(join(dir, 'models/base.sql'), files['models/base.sql'].replace('1 as id', '2 as id'));
    const after = await fingerprints(dir);
    expect(after.get('model.test_project.base')!.sql).not.toBe(before.get('model.test_project.base')!.sql);
    expect(after.get('model.test_project.child')!.own).toBe(before.get('model.test_project.child')!.own);
    expect(after.get('model.test_project.child')!.data).not.toBe(before.get('model.test_project.child')!.data);
  });

  it('changes with the config that changes data, not with tags', async () => {
    const dir = makeProject(files);
    const before = await fingerprints(dir);
    writeFileSync(join(dir, 'models/child.sql'), `{{ config(tags=['x']) }}${files['models/child.sql']}`);
    expect((await fingerprints(dir)).get('model.test_project.child')!.own).toBe(before.get('model.test_project.child')!.own);
    writeFileSync(join(dir, 'models/child.sql'), `{{ config(materialized='table') }}${files['models/child.sql']}`);
    const after = (await fingerprints(dir)).get('model.test_project.child')!;
    expect(after.config).not.toBe(before.get('model.test_project.child')!.config);
    expect(after.sql).toBe(before.get('model.test_project.child')!.sql);
  });

  it('does not depend on the schemas refs point at', async () => {
    const dir = makeProject(files);
    const before = await fingerprints(dir);
    writeFileSync(join(dir, 'profiles.yml'), 'test_project:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/x.duckdb\n      schema: elsewhere\n');
    expect((await fingerprints(dir)).get('model.test_project.child')!.data).toBe(before.get('model.test_project.child')!.data);
  });
});
