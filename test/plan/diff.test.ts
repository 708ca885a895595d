/**
 * `ci` and `diff` fill report.json with the data diff against production, on data whose differences are
 * known: row counts, schema, values by key with samples, a profile without a key, masked PII, and the
 * breaking changes a removed column causes downstream.
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { makeProject } from '../support/project.js';

const out = () => undefined;

const PROJECT = {
  'models/customers.sql': "{{ config(materialized='table') }}select * from (values (1, 'ann@x.org', 'EU', 10), (2, 'bob@x.org', 'EU', 20), (3, 'cy@x.org', 'US', 30), (4, 'di@x.org', 'US', 40)) as t(id, email, region, spend)",
  'models/by_region.sql': "{{ config(materialized='table') }}select region, sum(spend) as spend from {{ ref('customers') }} group by region",
  'models/events.sql': "{{ config(materialized='table') }}select * from (values ('a', 1), ('b', 2)) as t(kind, n)",
  'models/schema.yml': `version: 2
models:
  - name: customers
    columns:
      - name: id
        tests: [unique, not_null]
      - name: email
        meta: {pii: true}
exposures:
  - name: region_dashboard
    type: dashboard
    owner: {name: BI}
    depends_on: [ref('by_region')]
`,
};

describe('the data diff in the report', () => {
  it('counts exactly what changed, by key, with samples and masked PII', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    // id 1: spend changes; id 2: email changes (masked); id 4 removed; id 5 added; a column added.
    writeFileSync(
      join(dir, 'models/customers.sql'),
      "{{ config(materialized='table') }}select *, spend > 15 as big from (values (1, 'ann@x.org', 'EU', 11), (2, 'bob@y.org', 'EU', 20), (3, 'cy@x.org', 'US', 30), (5, 'ed@x.org', 'EU', 50)) as t(id, email, region, spend)",
    );
    writeFileSync(join(dir, 'models/events.sql'), "{{ config(materialized='table') }}select * from (values ('a', 1), ('b', 3), ('c', 3)) as t(kind, n)");
    const result = await pipeline.ci({ projectDir: dir, environment: 'pr_2', out });
    const customers = result.report.models.find((model) => model.name === 'customers')!;
    expect(customers.rows).toEqual({ base: 4, env: 4 });
    expect(customers.schema).toMatchObject({ added: ['big'], removed: [], changed: [] });
    expect(customers.values).toMatchObject({ key: ['id'], only_base: 1, only_env: 1, changed_rows: 2, columns: { spend: 1, email: 1 } });
    const emailSample = customers.values!.samples.flatMap((sample) => sample.columns).find((column) => column.name === 'email');
    expect(emailSample).toEqual({ name: 'email', base: '•••', env: '•••' });
    expect(JSON.stringify(result.report)).not.toContain('bob@y.org');
    const byRegion = result.report.models.find((model) => model.name === 'by_region')!;
    expect(byRegion.rows).toEqual({ base: 2, env: 2 });
    expect(byRegion.values).toBeNull();
    expect(byRegion.profile).not.toBeNull();
    expect(byRegion.diff_notes.join(' ')).toContain('No primary key');
    const events = result.report.models.find((model) => model.name === 'events')!;
    expect(events.rows).toEqual({ base: 2, env: 3 });
    expect(result.report.breaking).toEqual([]);
  });

  it('calls out a removed column that a downstream model reads', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/customers.sql'), "{{ config(materialized='table') }}select * from (values (1, 'ann@x.org', 10), (2, 'bob@x.org', 20)) as t(id, email, spend)");
    // by_region still reads region: it breaks (the build fails), and the report says why first.
    const result = await pipeline.ci({ projectDir: dir, environment: 'pr_3', out });
    expect(result.report.breaking).toEqual([{ model: 'customers', column: 'region', change: 'removed', read_by: ['by_region'] }]);
  });

  it('calls out a removed or retyped column that an exposure declares it reads', async () => {
    const dir = makeProject({
      ...PROJECT,
      'models/exposures.yml': `version: 2
exposures:
  - name: crm_export
    type: application
    owner: {name: CRM}
    depends_on: [ref('customers')]
    meta:
      columns: [email, spend]
`,
    });
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(
      join(dir, 'models/customers.sql'),
      "{{ config(materialized='table') }}select id, region, cast(spend as varchar) as spend from (values (1, 'EU', 10)) as t(id, region, spend)",
    );
    const result = await pipeline.ci({ projectDir: dir, environment: 'pr_5', out });
    expect(result.report.breaking).toEqual([
      { model: 'customers', column: 'email', change: 'removed', read_by: ['exposure crm_export'] },
      { model: 'customers', column: 'spend', change: 'retyped (INTEGER → VARCHAR)', read_by: ['by_region', 'exposure crm_export'] },
    ]);
  });

  it('diffs on its own what ci built, and says what is missing', async () => {
    const dir = makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    writeFileSync(join(dir, 'models/events.sql'), "{{ config(materialized='table') }}select * from (values ('a', 1)) as t(kind, n)");
    // An environment never built: nothing to diff (test/plan/production-target.test.ts checks the CLI's exit 2).
    await expect(pipeline.diff({ projectDir: dir, environment: 'pr_4', out })).rejects.toThrow("Environment 'pr_4' does not exist");
    await pipeline.ci({ projectDir: dir, environment: 'pr_4', out });
    const after = await pipeline.diff({ projectDir: dir, environment: 'pr_4', out });
    expect(after.report.models.find((model) => model.name === 'events')!.rows).toEqual({ base: 2, env: 1 });
    // A model changed since ci ran is said to be missing from the environment.
    writeFileSync(join(dir, 'models/by_region.sql'), "{{ config(materialized='table') }}select region, count(*) as n from {{ ref('customers') }} group by region");
    const lines: string[] = [];
    const later = await pipeline.diff({ projectDir: dir, environment: 'pr_4', out: (line) => lines.push(line) });
    expect(lines.join('\n')).toContain('Not built in pr_4 (run sluice ci first): by_region');
    expect(later.report.models.find((model) => model.name === 'by_region')!.rows).toBeNull();
  });
});
