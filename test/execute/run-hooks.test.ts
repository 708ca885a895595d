/**
 * What dbt teams run around their builds: on-run-start / on-run-end hooks (with results and schemas),
 * run-operation, and docs blocks in descriptions — on DuckDB and on Databricks (the emulator, through
 * the real driver).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectErrors, SluiceError } from '../../src/errors.js';
import { openSession } from '../../src/session.js';
import { makeProject, runCliAsync } from '../support/project.js';
import { WAREHOUSES } from '../support/warehouses.js';

const PROJECT_FILE = (hooks: string) => ['name: test_project', 'profile: test_project', hooks].join('\n');

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouse = kind.use();

  it('runs on-run-start before the nodes and on-run-end after them, with the results and schemas of the run', async () => {
    const dir = await warehouse.makeProject({
      'dbt_project.yml': PROJECT_FILE(
        [
          'on-run-start:',
          "  - create table if not exists {{ target.schema }}.audit_log (event string, detail string)",
          'on-run-end:',
          "  - \"insert into {{ target.schema }}.audit_log {% for r in results %}{% if not loop.first %} union all {% endif %}select 'result', '{{ r.node.name }}:{{ r.status }}'{% endfor %}\"",
          "  - \"insert into {{ target.schema }}.audit_log select 'schemas', '{{ schemas | join(',') }}'\"",
        ].join('\n'),
      ).replace(/ string/g, kind.name === 'duckdb' ? ' varchar' : ' string'),
      'models/orders.sql': 'select 1 as id',
      'models/customers.sql': "select * from {{ ref('orders') }}",
    });
    const result = await runCliAsync(['run', '--project-dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout.indexOf('OK    hook test_project.on-run-start.0')).toBeLessThan(result.stdout.indexOf('orders'));
    expect(result.stdout).toContain('OK    hook test_project.on-run-end.1');
    expect(await warehouse.query(dir, 'select event, detail from main.audit_log order by event, detail')).toEqual([
      { event: 'result', detail: 'customers:success' },
      { event: 'result', detail: 'orders:success' },
      { event: 'schemas', detail: 'main' },
    ]);
  });

  it('skips every node when an on-run-start hook fails, and exits 1', async () => {
    const dir = await warehouse.makeProject({
      'dbt_project.yml': PROJECT_FILE('on-run-start: "select * from main.no_such_table"'),
      'models/orders.sql': 'select 1 as id',
    });
    const result = await runCliAsync(['run', '--project-dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ERROR hook test_project.on-run-start.0');
    expect(result.stdout).toMatch(/SKIP\s+\w+ model main\.orders/);
  });

  it('runs a macro with run-operation and its arguments; a macro that fails is exit 1, an unknown one exit 2', async () => {
    const dir = await warehouse.makeProject({
      'macros/ops.sql': [
        '{% macro make_table(name, rows) %}',
        '  {% do adapter.drop_relation(api.Relation.create(database=target.database, schema=target.schema, identifier=name)) %}',
        '  {% do adapter.create_schema(api.Relation.create(database=target.database, schema=target.schema)) %}',
        '  {% set values = [] %}{% for n in range(rows) %}{% do values.append("(" ~ n ~ ")") %}{% endfor %}',
        '  {% do run_query("create table main." ~ name ~ " as select * from (values " ~ values | join(", ") ~ ") as t(n)") %}',
        "  {{ log('made ' ~ name, info=True) }}",
        '{% endmacro %}',
        "{% macro broken() %}{{ exceptions.raise_compiler_error('nope') }}{% endmacro %}",
        '{% macro drop_relation_then() %}{% do adapter.drop_relation(api.Relation.create(database=target.database, schema="scratch", identifier="t")) %}{{ scratch(false) }}{% endmacro %}',
        '{% macro scratch(keep) %}{% set schema = api.Relation.create(database=target.database, schema="scratch") %}',
        '  {% do adapter.create_schema(schema) %}{% do run_query("create table scratch.t as select 1 as n") %}',
        '  {% if not keep %}{% do adapter.drop_schema(schema) %}{% endif %}',
        '{% endmacro %}',
      ].join('\n'),
    });
    const ran = await runCliAsync(['run-operation', 'make_table', '--project-dir', dir, '--args', '{name: numbers, rows: 3}']);
    expect(ran.stdout).toContain('made numbers');
    expect(ran.code).toBe(0);
    expect(await warehouse.query(dir, 'select count(*) as n from main.numbers')).toEqual([{ n: 3 }]);
    const failed = await runCliAsync(['run-operation', 'broken', '--project-dir', dir]);
    expect([failed.code, failed.stdout.includes('Encountered an error while running operation: Compilation error: nope')]).toEqual([1, true]);
    const unknown = await runCliAsync(['run-operation', 'make_tabel', '--project-dir', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("did you mean 'make_table'?");
    // A schema made, and dropped with what is in it.
    expect((await runCliAsync(['run-operation', 'scratch', '--project-dir', dir, '--args', '{keep: true}'])).code).toBe(0);
    expect(await warehouse.query(dir, 'select n from scratch.t')).toEqual([{ n: 1 }]);
    const again = await runCliAsync(['run-operation', 'scratch', '--project-dir', dir, '--args', '{keep: false}']);
    expect([again.code, again.stdout.includes('Encountered an error while running operation: Database Error')]).toEqual([1, true]);
    expect((await runCliAsync(['run-operation', 'drop_relation_then', '--project-dir', dir])).code).toBe(0);
    await expect(warehouse.query(dir, 'select n from scratch.t')).rejects.toThrow(/scratch/);
  });
});

describe('docs blocks', () => {
  it("renders doc('name') in YAML descriptions into the manifest", async () => {
    const dir = makeProject({
      'models/docs.md': '{% docs orders_doc %}\nOne row per **order**.\n{% enddocs %}',
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': ['version: 2', 'models:', '  - name: orders', "    description: \"{{ doc('orders_doc') }}\"", '    columns:', '      - name: id', "        description: 'Key: {{ doc(\"orders_doc\") }}'"].join('\n'),
    });
    const session = openSession({ projectDir: dir });
    const orders = session.graph.nodes.get('model.test_project.orders')!;
    expect(orders.description).toBe('One row per **order**.');
    expect(orders.columns.id.description).toBe('Key: One row per **order**.');
    expect((await runCliAsync(['ls', '--project-dir', dir])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.test_project.orders'].description).toBe('One row per **order**.');
  });

  it('reads docs blocks from every source path, or only from docs-paths when it is set', () => {
    const files = {
      'seeds/seeds.md': '{% docs seed_doc %}From seeds.{% enddocs %}',
      'macros/macros.md': '{% docs macro_doc %}From macros.{% enddocs %}',
      'docs/more.md': '{% docs docs_doc %}From docs.{% enddocs %}',
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': ['version: 2', 'models:', '  - name: orders', "    description: \"{{ doc('seed_doc') }} {{ doc('macro_doc') }}\""].join('\n'),
    };
    const orders = openSession({ projectDir: makeProject(files) }).graph.nodes.get('model.test_project.orders')!;
    expect(orders.description).toBe('From seeds. From macros.');
    const onlyDocs = makeProject({
      ...files,
      'dbt_project.yml': PROJECT_FILE('docs-paths: ["docs"]'),
      'models/schema.yml': ['version: 2', 'models:', '  - name: orders', "    description: \"{{ doc('docs_doc') }}\"", '  - name: other', "    description: \"{{ doc('seed_doc') }}\""].join('\n'),
      'models/other.sql': 'select 1 as id',
    });
    const problems = (() => {
      try {
        openSession({ projectDir: onlyDocs });
        return [];
      } catch (caught) {
        return caught instanceof ProjectErrors ? caught.problems.map((problem) => problem.message) : [(caught as Error).message];
      }
    })();
    expect(problems).toEqual(["Documentation block 'seed_doc' not found"]);
  });

  it('names an unknown docs block with the file and line, and a did-you-mean', () => {
    const dir = makeProject({
      'models/docs.md': '{% docs orders_doc %}x{% enddocs %}',
      'models/orders.sql': 'select 1 as id',
      'models/schema.yml': ['version: 2', 'models:', '  - name: orders', "    description: \"{{ doc('order_doc') }}\""].join('\n'),
    });
    let error: SluiceError | undefined;
    try {
      openSession({ projectDir: dir });
    } catch (caught) {
      error = caught instanceof ProjectErrors ? caught.problems[0] : (caught as SluiceError);
    }
    expect([error?.message, error?.file, error?.line, error?.hint]).toEqual(["Documentation block 'order_doc' not found", 'models/schema.yml', 3, "did you mean 'orders_doc'?"]);
  });
});
