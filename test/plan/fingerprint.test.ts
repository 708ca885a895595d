/** Fingerprints: comment and whitespace changes are not changes; SQL, config and upstream changes are. */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintProject, normalizeSql, stableJson } from '../../src/graph/fingerprint.js';
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

describe('stableJson', () => {
  it('sorts keys at every depth, leaves out undefined values and keeps array order', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(stableJson({ a: 1, b: 2 })).toBe(stableJson({ b: 2, a: 1 }));
    expect(stableJson(undefined)).toBe('null');
    expect(stableJson('x')).toBe('"x"');
    expect(stableJson([{ y: 1, x: 2 }])).toBe('[{"x":2,"y":1}]');
  });
});

describe('normalizeSql, more', () => {
  it('ends a line comment at the end of the text and an unclosed block comment too', () => {
    expect(normalizeSql('select 1 -- the end')).toBe('select 1');
    expect(normalizeSql('select 1 /* never closed')).toBe('select 1');
    expect(normalizeSql('select /* a */ 1')).toBe('select 1');
    expect(normalizeSql('select--x\n1')).toBe('select 1');
  });

  it('keeps quoted identifiers and backticks whole, and an escaped quote inside a string', () => {
    expect(normalizeSql('select "a  b", `c  d` from t')).toBe('select "a  b",`c  d` from t');
    expect(normalizeSql("select 'it\\'s  -- here' , x")).toBe("select 'it\\'s  -- here',x");
    // A backslash escapes only in single-quoted strings.
    expect(normalizeSql('select "a\\"  ,  b')).toBe('select "a\\",b');
    expect(normalizeSql("select 'open  ")).toBe("select 'open  ");
  });

  it('drops leading and trailing whitespace and whitespace inside parentheses, keeps one space between words', () => {
    expect(normalizeSql('  \n\tselect\n\n  count( * )\tfrom  t  ')).toBe('select count(*)from t');
    expect(normalizeSql('select a\nfrom t')).toBe('select a from t');
    expect(normalizeSql('f (x) , g')).toBe('f(x),g');
    expect(normalizeSql('select/*c*/1')).toBe('select 1');
    expect(normalizeSql('select /*/ x */ 1')).toBe('select 1');
  });

  it('keeps arithmetic that looks like the start of a comment', () => {
    expect(normalizeSql('select 5 - 2, 4/2, 3*4 from t')).toBe('select 5 - 2,4/2,3*4 from t');
  });

  it('ends a string literal at its closing quote, whatever its length', () => {
    expect(normalizeSql("select 'abc'  ,  x")).toBe("select 'abc',x");
    expect(normalizeSql("select 'ab'  ,  x")).toBe("select 'ab',x");
    expect(normalizeSql('select "abc"  ,  x')).toBe('select "abc",x');
  });
});

describe('fingerprintProject, config and inputs', () => {
  // A value for every config key that changes a model's data.
  const DATA_CONFIG: Record<string, string> = {
    materialized: 'table',
    unique_key: 'id',
    incremental_strategy: 'merge',
    on_schema_change: 'fail',
    schema: 'other',
    alias: 'other_name',
    database: 'other_db',
    'pre-hook': 'select 1',
    'post-hook': 'select 2',
    column_types: '{id: bigint}',
    delimiter: "';'",
    quote_columns: 'true',
    partition_by: 'id',
    clustered_by: 'id',
    liquid_clustered_by: 'id',
    cluster_by: 'id',
    buckets: '4',
    file_format: 'delta',
    location_root: '/data',
    tblproperties: '{a: b}',
    sql_header: 'set x = 1',
    incremental_predicates: '[id > 0]',
    merge_update_columns: '[id]',
    merge_exclude_columns: '[id]',
    strategy: 'timestamp',
    updated_at: 'ts',
    check_cols: '[id]',
    hard_deletes: 'invalidate',
    invalidate_hard_deletes: 'true',
    dbt_valid_to_current: "'9999-12-31'",
    snapshot_meta_column_names: '{dbt_valid_from: valid_from}',
    target_schema: 'snapshots',
    target_database: 'other_db',
  };
  const projectWith = (config: string) => `name: test_project\nprofile: test_project\nmodels:\n  test_project:\n${config}`;

  it('changes the config fingerprint, and only it, for each config key that changes data', async () => {
    const dir = makeProject({ 'models/one.sql': 'select 1 as id' });
    const base = (await fingerprints(dir)).get('model.test_project.one')!;
    const seen = new Set([base.config]);
    for (const [key, value] of Object.entries(DATA_CONFIG)) {
      writeFileSync(join(dir, 'dbt_project.yml'), projectWith(`    +${key}: ${value}\n`));
      const changed = (await fingerprints(dir)).get('model.test_project.one')!;
      expect([key, changed.sql]).toEqual([key, base.sql]);
      expect([key, seen.has(changed.config)]).toEqual([key, false]);
      expect(changed.own).not.toBe(base.own);
      seen.add(changed.config);
    }
  });

  it('treats a config set to null like one not set', async () => {
    const dir = makeProject({ 'models/one.sql': 'select 1 as id' });
    const base = (await fingerprints(dir)).get('model.test_project.one')!;
    writeFileSync(join(dir, 'dbt_project.yml'), projectWith('    +unique_key: null\n    +tags: [a]\n'));
    expect((await fingerprints(dir)).get('model.test_project.one')!.config).toBe(base.config);
  });

  it('tells two versions of a model with the same SQL apart', async () => {
    const dir = makeProject({
      'models/dim_x_v1.sql': 'select 1 as id',
      'models/dim_x_v2.sql': 'select 1 as id',
      'models/schema.yml': 'version: 2\nmodels:\n  - name: dim_x\n    versions:\n      - v: 1\n      - v: 2\n',
    });
    const all = await fingerprints(dir);
    const [v1, v2] = [all.get('model.test_project.dim_x.v1')!, all.get('model.test_project.dim_x.v2')!];
    expect(v1.sql).toBe(v2.sql);
    expect(v1.config).not.toBe(v2.config);
  });

  it('gives 32 hex digits per fingerprint, for snapshots too', async () => {
    const dir = makeProject({
      'models/one.sql': 'select 1 as id, 1 as updated_at',
      'snapshots/one_history.sql': "{% snapshot one_history %}{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at') }}select * from {{ ref('one') }}{% endsnapshot %}",
    });
    const all = await fingerprints(dir);
    const snapshot = all.get('snapshot.test_project.one_history')!;
    expect(snapshot).toBeDefined();
    for (const fingerprint of [snapshot, all.get('model.test_project.one')!]) {
      for (const value of Object.values(fingerprint)) expect(value).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('tells sources in different databases apart', async () => {
    const source = (database: string) => `version: 2\nsources:\n  - name: erp\n    database: ${database}\n    schema: erp\n    tables:\n      - name: orders\n`;
    const dir = makeProject({ 'models/sources.yml': source('one'), 'models/m.sql': "select * from {{ source('erp', 'orders') }}" });
    const before = (await fingerprints(dir)).get('source.test_project.erp.orders')!;
    writeFileSync(join(dir, 'models/sources.yml'), source('two'));
    expect((await fingerprints(dir)).get('source.test_project.erp.orders')!.sql).not.toBe(before.sql);
  });

  it("hashes a seed's file and a source's relation, and passes both to what reads them", async () => {
    const dir = makeProject({
      'seeds/raw.csv': 'id\n1\n',
      'models/from_seed.sql': "select * from {{ ref('raw') }}",
      'models/from_source.sql': "select * from {{ source('erp', 'orders') }}",
      'models/sources.yml': 'version: 2\nsources:\n  - name: erp\n    schema: erp\n    tables:\n      - name: orders\n',
    });
    const before = await fingerprints(dir);
    expect(before.has('source.test_project.erp.orders')).toBe(true);
    expect(before.get('seed.test_project.raw')!.sql).not.toBe(before.get('model.test_project.from_seed')!.sql);

    writeFileSync(join(dir, 'seeds/raw.csv'), 'id\n2\n');
    writeFileSync(join(dir, 'models/sources.yml'), 'version: 2\nsources:\n  - name: erp\n    schema: erp_v2\n    tables:\n      - name: orders\n');
    const after = await fingerprints(dir);
    expect(after.get('seed.test_project.raw')!.sql).not.toBe(before.get('seed.test_project.raw')!.sql);
    expect(after.get('model.test_project.from_seed')!.own).toBe(before.get('model.test_project.from_seed')!.own);
    expect(after.get('model.test_project.from_seed')!.data).not.toBe(before.get('model.test_project.from_seed')!.data);
    expect(after.get('source.test_project.erp.orders')!.sql).not.toBe(before.get('source.test_project.erp.orders')!.sql);
    expect(after.get('model.test_project.from_source')!.data).not.toBe(before.get('model.test_project.from_source')!.data);
  });

  it('leaves tests out, and does not depend on the order in which parents are listed', async () => {
    const models = { 'models/a.sql': 'select 1 as id', 'models/b.sql': 'select 2 as id' };
    const first = makeProject({ ...models, 'models/c.sql': "select * from {{ ref('a') }} union all select * from {{ ref('b') }}", 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests: [unique]\n' });
    const second = makeProject({ ...models, 'models/c.sql': "-- b first\n{% set x = ref('b') %}select * from {{ ref('a') }} union all select * from {{ x }}" });
    const one = await fingerprints(first);
    const two = await fingerprints(second);
    expect([...one.keys()].every((id) => !id.startsWith('test.'))).toBe(true);
    expect(one.get('model.test_project.c')!.own).toBe(two.get('model.test_project.c')!.own);
    expect(one.get('model.test_project.c')!.data).toBe(two.get('model.test_project.c')!.data);
    // Different parents' data makes different data fingerprints, even for identical SQL.
    writeFileSync(join(second, 'models/b.sql'), 'select 3 as id');
    expect((await fingerprints(second)).get('model.test_project.c')!.data).not.toBe(one.get('model.test_project.c')!.data);
  });
});
