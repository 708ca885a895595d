/**
 * A modified incremental model in a pull request, on DuckDB and on Databricks (the emulator, through the
 * real driver): by default it continues production's table, so only new rows use the new logic — the
 * report and the comment say so; `--full-refresh-modified` (or ci.full_refresh_modified) rebuilds it;
 * promote says what publishing it means; on_schema_change applies as in dbt.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { WAREHOUSES } from '../support/warehouses.js';

const FACT = (amount: string, extra = '') =>
  [
    "{{ config(materialized='incremental', unique_key='id') }}",
    `select id, ${amount} as amount${extra} from {{ ref('raw_orders') }}`,
    '{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}',
  ].join('\n');

const PROJECT = {
  'seeds/raw_orders.csv': 'id,amount\n1,10\n2,20\n3,30\n',
  'models/fact_orders.sql': FACT('amount'),
};

const out = () => undefined;

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouse = kind.use();

  it('tells the reviewer that a modified incremental model only changed new rows, and rebuilds it with --full-refresh-modified', async () => {
    const dir = await warehouse.makeProject(PROJECT);
    await pipeline.promote({ projectDir: dir, out });
    // New logic, a new column, and one new row in the source.
    writeFileSync(join(dir, 'models/fact_orders.sql'), FACT('amount * 10', ', 1 as version'));
    writeFileSync(join(dir, 'seeds/raw_orders.csv'), 'id,amount\n1,10\n2,20\n3,30\n4,40\n');
    const continued = await pipeline.ci({ projectDir: dir, environment: 'pr_1', out, lint: false });
    const model = continued.report.models.find((candidate) => candidate.name === 'fact_orders')!;
    expect(model.change).toBe('modified');
    expect(model.diff_notes[0]).toBe(
      "Incremental model: only the rows this run added use the new logic; its history was not rebuilt, and columns it adds are left out (on_schema_change: ignore). Rebuild it here with ci --full-refresh-modified; on merge, promote continues production's table the same way unless run with --full-refresh.",
    );
    expect(readFileSync(join(dir, 'target/sluice/report.md'), 'utf8')).toContain('only the rows this run added use the new logic');
    const prSchema = (await warehouse.schemas(dir)).find((schema) => schema.startsWith('sluice_pr_1__'))!;
    expect(await warehouse.tableRows(dir, `${prSchema}.fact_orders`, 'id')).toEqual([
      { id: 1, amount: 10 },
      { id: 2, amount: 20 },
      { id: 3, amount: 30 },
      { id: 4, amount: 400 },
    ]);

    const rebuilt = await pipeline.ci({ projectDir: dir, environment: 'pr_1', out, lint: false, fullRefreshModified: true });
    expect(rebuilt.report.models.find((candidate) => candidate.name === 'fact_orders')!.diff_notes[0]).toMatch(/^Incremental model rebuilt in full here/);
    expect((await warehouse.tableRows(dir, `${prSchema}.fact_orders`, 'id')).map((row) => [row.id, row.amount, row.version])).toEqual([
      [1, 100, 1],
      [2, 200, 1],
      [3, 300, 1],
      [4, 400, 1],
    ]);

    // sluice.yml can make it the default; promote says what publishing the model means.
    writeFileSync(join(dir, 'sluice.yml'), 'ci:\n  full_refresh_modified: true\n');
    const configured = await pipeline.ci({ projectDir: dir, environment: 'pr_1', out, lint: false });
    expect(configured.report.models.find((candidate) => candidate.name === 'fact_orders')!.diff_notes[0]).toMatch(/^Incremental model rebuilt in full here/);
    const lines: string[] = [];
    await pipeline.promote({ projectDir: dir, out: (line) => lines.push(line) });
    expect(lines).toContain("  note: fact_orders is incremental: production's table is continued with the new logic for new rows only; its history is not rebuilt (promote --full-refresh rebuilds it)");
  });

  it('applies on_schema_change as dbt does: ignore, append_new_columns, sync_all_columns (adds and removes), fail', async () => {
    // Delta drops columns only with column mapping by name (dbt-databricks asks the same of a project).
    const mapping = "tblproperties={'delta.columnMapping.mode': 'name'}";
    const model = (mode: string, columns: string) =>
      [`{{ config(materialized='incremental', unique_key='id', on_schema_change='${mode}'${mode === 'sync_all_columns' ? `, ${mapping}` : ''}) }}`, `select id, ${columns} from {{ ref('raw_orders') }}`].join('\n');
    const dir = await warehouse.makeProject({
      ...PROJECT,
      'models/ignored.sql': model('ignore', 'amount, 1 as a'),
      'models/appended.sql': model('append_new_columns', 'amount, 1 as a'),
      'models/synced.sql': model('sync_all_columns', 'amount, 1 as a'),
      'models/failing.sql': model('fail', 'amount, 1 as a'),
    });
    const build = async () => {
      const session = (await import('../../src/session.js')).openSession({ projectDir: dir });
      const connection = await warehouse.connect(dir);
      const { runCommand } = await import('../../src/execute/run-task.js');
      return runCommand(session, connection, 'build', { out });
    };
    expect((await build()).ok).toBe(true);
    for (const [name, mode] of [['ignored', 'ignore'], ['appended', 'append_new_columns'], ['synced', 'sync_all_columns'], ['failing', 'fail']]) {
      writeFileSync(join(dir, `models/${name}.sql`), model(mode, 'amount, 2 as b'));
    }
    const second = await build();
    const columns = async (name: string) => Object.keys((await warehouse.query(dir, `select * from main.${name}`))[0]).sort();
    expect(await columns('ignored')).toEqual(['a', 'amount', 'id']);
    expect(await columns('appended')).toEqual(['a', 'amount', 'b', 'id']);
    expect(await columns('synced')).toEqual(['amount', 'b', 'id']);
    const failing = second.results.find((result) => result.node.name === 'failing')!;
    expect([failing.status, failing.message]).toEqual(['error', expect.stringContaining("The columns of incremental model 'failing' changed (added: b; removed: a)")]);
  });
});
