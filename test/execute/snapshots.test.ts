/**
 * Snapshots on DuckDB and on Databricks (the emulator, through the real driver), from one test
 * definition: a source fed three versions — an update, an insert, a hard delete and an unchanged row, then
 * the deleted row coming back — and every row of every snapshot table compared with the rows dbt writes,
 * for both strategies and each hard-delete mode; composite keys, check_cols lists, renamed meta columns,
 * dbt_valid_to_current, YAML snapshots, tests after the snapshot in build, and bad configuration refused
 * (exit 2, file and line) before any SQL.
 *
 * What dbt writes (dbt-adapters' snapshot materialization; dbt-duckdb's and dbt-databricks' macros):
 *  - dbt_scd_id = md5 of the unique key's values and updated_at, as text, joined with '|';
 *  - dbt_updated_at = dbt_valid_from = updated_at: the source column (timestamp strategy) or the time of
 *    the snapshot (check strategy); dbt_valid_to is NULL (or dbt_valid_to_current) while current;
 *  - a changed row closes its version at the new updated_at and gets a new one;
 *  - invalidate closes a deleted row's version at the time of the snapshot; new_record also inserts a
 *    version flagged deleted (scd id: md5 of the closed one's and the time), which the row's return closes
 *    at its updated_at — even when that is earlier than the deletion was seen;
 *  - dbt_is_deleted is the text 'True'/'False' on DuckDB (dbt's default macros), a BOOLEAN on Databricks.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, type Command, type RunSummary } from '../../src/execute/run-task.js';
import { openSession } from '../../src/session.js';
import type { SqlValue } from '../../src/warehouse/warehouse.js';
import { makeProject, runCliAsync } from '../support/project.js';
import { WAREHOUSES, type TestWarehouse } from '../support/warehouses.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const U1 = '2024-01-01 00:00:00';
const U2 = '2024-02-01 00:00:00';
const U3 = '2024-03-01 00:00:00';

/** The source, three times: Ann is updated and Dee inserted, Bob deleted, Cy never changes; then Bob comes back. */
const CUSTOMERS = [
  `id,name,updated_at\n1,Ann,${U1}\n2,Bob,${U1}\n3,Cy,${U1}\n`,
  `id,name,updated_at\n1,Ann B,${U2}\n3,Cy,${U1}\n4,Dee,${U2}\n`,
  `id,name,updated_at\n1,Ann B,${U2}\n2,Bob,${U3}\n3,Cy,${U1}\n4,Dee,${U2}\n`,
];

type HardDeletes = 'ignore' | 'invalidate' | 'new_record';
type Strategy = 'timestamp' | 'check';

/** One snapshot per strategy and hard-delete mode; legacy blocks (target_schema) and dbt 1.9 YAML ones (schema). */
const CASES: Array<{ name: string; strategy: Strategy; hardDeletes: HardDeletes; yaml: boolean; config: string }> = [
  { name: 'ts_ignore', strategy: 'timestamp', hardDeletes: 'ignore', yaml: false, config: "strategy='timestamp', updated_at='updated_at'" },
  { name: 'ts_invalidate_legacy', strategy: 'timestamp', hardDeletes: 'invalidate', yaml: false, config: "strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=True" },
  { name: 'ts_invalidate', strategy: 'timestamp', hardDeletes: 'invalidate', yaml: true, config: 'strategy: timestamp\n      updated_at: updated_at\n      hard_deletes: invalidate' },
  { name: 'ts_new_record', strategy: 'timestamp', hardDeletes: 'new_record', yaml: true, config: 'strategy: timestamp\n      updated_at: updated_at\n      hard_deletes: new_record' },
  { name: 'check_ignore', strategy: 'check', hardDeletes: 'ignore', yaml: true, config: 'strategy: check\n      check_cols: all\n      hard_deletes: ignore' },
  { name: 'check_invalidate_legacy', strategy: 'check', hardDeletes: 'invalidate', yaml: false, config: "strategy='check', check_cols='all', invalidate_hard_deletes=true" },
  { name: 'check_invalidate', strategy: 'check', hardDeletes: 'invalidate', yaml: false, config: "strategy='check', check_cols='all', hard_deletes='invalidate'" },
  { name: 'check_new_record', strategy: 'check', hardDeletes: 'new_record', yaml: false, config: "strategy='check', check_cols='all', hard_deletes='new_record'" },
];

function customersProject(): Record<string, string> {
  const files: Record<string, string> = { 'seeds/raw_customers.csv': CUSTOMERS[0] };
  const yamlEntries: string[] = [];
  for (const snapshot of CASES) {
    if (snapshot.yaml) {
      yamlEntries.push(`  - name: ${snapshot.name}\n    relation: ref('raw_customers')\n    config:\n      schema: snapshots\n      unique_key: id\n      ${snapshot.config}`);
    } else {
      files[`snapshots/${snapshot.name}.sql`] = [
        `{% snapshot ${snapshot.name} %}`,
        `{{ config(target_schema='snapshots', unique_key='id', ${snapshot.config}) }}`,
        "select id, name, updated_at from {{ ref('raw_customers') }}",
        '{% endsnapshot %}',
      ].join('\n');
    }
  }
  files['snapshots/snapshots.yml'] = `snapshots:\n${yamlEntries.join('\n')}\n`;
  return files;
}

/** A version of a customer as the snapshot should hold it; `T1`…`T3` stand for the time of each snapshot run. */
interface Version {
  id: number;
  name: string;
  updated_at: string;
  dbt_scd_id: string;
  dbt_updated_at: string;
  dbt_valid_from: string;
  dbt_valid_to: string | null;
  dbt_is_deleted?: boolean;
}

/**
 * The rows dbt's rules give after the three runs. For the timestamp strategy a version starts at the
 * row's updated_at; for the check strategy at the time of the run that saw it (`time(run)`).
 */
function expectedVersions(strategy: Strategy, hardDeletes: HardDeletes, time: (run: number) => string): Version[] {
  const at = (source: string, run: number) => (strategy === 'timestamp' ? source : time(run));
  const version = (id: number, name: string, updatedAt: string, run: number, validTo: string | null): Version => ({
    id,
    name,
    updated_at: updatedAt,
    dbt_scd_id: md5(`${id}|${at(updatedAt, run)}`),
    dbt_updated_at: at(updatedAt, run),
    dbt_valid_from: at(updatedAt, run),
    dbt_valid_to: validTo,
    ...(hardDeletes === 'new_record' ? { dbt_is_deleted: false } : {}),
  });
  const rows = [
    version(1, 'Ann', U1, 1, at(U2, 2)),
    version(1, 'Ann B', U2, 2, null),
    version(3, 'Cy', U1, 1, null),
    version(4, 'Dee', U2, 2, null),
    version(2, 'Bob', U3, 3, null),
  ];
  const bobFirst = version(2, 'Bob', U1, 1, null);
  if (hardDeletes === 'ignore') {
    // The deletion goes unseen: Bob's version stays current until he comes back changed.
    rows.push({ ...bobFirst, dbt_valid_to: at(U3, 3) });
  } else if (hardDeletes === 'invalidate') {
    // Closed when the deletion is seen; his return starts a new version.
    rows.push({ ...bobFirst, dbt_valid_to: time(2) });
  } else {
    // A version flagged deleted from the time the deletion is seen, closed by his return at its
    // updated_at (for the timestamp strategy that is earlier than the deletion was seen: dbt writes it so).
    rows.push({ ...bobFirst, dbt_valid_to: time(2) });
    rows.push({ id: 2, name: 'Bob', updated_at: U1, dbt_scd_id: md5(`${bobFirst.dbt_scd_id}|${time(2)}`), dbt_updated_at: time(2), dbt_valid_from: time(2), dbt_valid_to: at(U3, 3), dbt_is_deleted: true });
  }
  return rows;
}

const TIMESTAMPS = ['updated_at', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'];

describe('snapshots in the project', () => {
  it("are named as dbt names them: target_schema/target_database as written, schema through generate_schema_name; the fqn holds the file's name", () => {
    const dir = makeProject({
      'macros/naming.sql': "{% macro generate_schema_name(custom_schema_name, node) -%}custom_{{ custom_schema_name or target.schema }}{%- endmacro %}",
      'seeds/raw_customers.csv': CUSTOMERS[0],
      'snapshots/legacy/customers.sql': "{% snapshot customers_legacy %}\n{{ config(target_schema='snaps', target_database='archive', unique_key='id', strategy='timestamp', updated_at='updated_at') }}\nselect * from {{ ref('raw_customers') }}\n{% endsnapshot %}\n",
      'snapshots/yaml/defined.yml': "snapshots:\n  - name: customers_yaml\n    relation: ref('raw_customers')\n    config:\n      schema: snaps\n      unique_key: id\n      strategy: check\n      check_cols: [name]\n",
    });
    const session = openSession({ projectDir: dir });
    const legacy = session.graph.nodes.get('snapshot.test_project.customers_legacy')!;
    expect(legacy.relation).toEqual({ database: 'archive', schema: 'snaps', identifier: 'customers_legacy' });
    expect(legacy.fqn).toEqual(['test_project', 'legacy', 'customers', 'customers_legacy']);
    const yaml = session.graph.nodes.get('snapshot.test_project.customers_yaml')!;
    expect(yaml.relation).toMatchObject({ schema: 'custom_snaps', identifier: 'customers_yaml' });
    expect(yaml.fqn).toEqual(['test_project', 'yaml', 'customers_yaml']);
    expect(yaml.dependsOn.nodes).toEqual(['seed.test_project.raw_customers']);
    expect(yaml.originalFilePath).toBe('snapshots/yaml/defined.yml');
  });
});

describe.each(WAREHOUSES)('on $name', (kind) => {
  const warehouse: TestWarehouse = kind.use();
  /** The flag as each adapter's dbt writes it. */
  const deletedFlag = (deleted: boolean): SqlValue => (warehouse.name === 'duckdb' ? (deleted ? 'True' : 'False') : deleted);
  /** The warehouse's `snapshot_get_time()` now, as text: runs are placed between two readings of it. */
  const nowSql = warehouse.name === 'duckdb' ? 'select cast(cast(now() as timestamp) as varchar) as now' : 'select cast(current_timestamp() as string) as now';

  async function run(dir: string, command: Command): Promise<{ summary: RunSummary; lines: string[] }> {
    const lines: string[] = [];
    const session = openSession({ projectDir: dir, log: (line) => lines.push(line) });
    const connection = await warehouse.connect(dir);
    try {
      const summary = await runCommand(session, connection, command, { out: (line) => lines.push(line) });
      return { summary, lines };
    } finally {
      await connection.close();
    }
  }

  const now = async (dir: string) => String((await warehouse.query(dir, nowSql))[0].now);

  /** Every row of a snapshot table, its timestamps as the warehouse writes them as text (what dbt_scd_id hashes). */
  function snapshotRows(dir: string, relation: string, columns: string[], timestamps: string[]): Promise<Record<string, SqlValue>[]> {
    const select = columns.map((column) => (timestamps.includes(column) ? `cast(${column} as string) as ${column}` : column)).join(', ');
    return warehouse.query(dir, `select ${select} from ${relation}`);
  }

  /** The times a snapshot table holds that no source row does: each run's own, one per run that wrote one. */
  function snapshotTimes(rows: Record<string, SqlValue>[], sourceTimes: string[]): string[] {
    const times = new Set<string>();
    for (const row of rows) for (const column of ['dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to']) if (typeof row[column] === 'string' && !sourceTimes.includes(row[column] as string)) times.add(row[column] as string);
    return [...times].sort();
  }

  const byContent = (rows: Array<Record<string, unknown>>) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it('writes the rows dbt writes, for both strategies and every hard-delete mode, over three versions of the source', async () => {
    const dir = await warehouse.makeProject(customersProject());
    const windows: Array<[string, string]> = [];
    for (const [index, csv] of CUSTOMERS.entries()) {
      writeFileSync(join(dir, 'seeds/raw_customers.csv'), csv);
      expect((await run(dir, 'seed')).summary.ok).toBe(true);
      const before = await now(dir);
      // The first run goes through the CLI, as a user runs it.
      if (index === 0) {
        const cli = await runCliAsync(['snapshot', '--project-dir', dir]);
        expect(cli.code).toBe(0);
        expect(cli.stdout).toContain('OK    snapshot snapshots.ts_ignore');
        expect(cli.stdout).toMatch(/snapshot main_snapshots\.ts_invalidate \.+ \[CREATE TABLE 3/);
      } else {
        const { summary } = await run(dir, 'snapshot');
        expect(summary.results.map((result) => [result.node.name, result.status])).toEqual(CASES.map((snapshot) => [snapshot.name, 'success']).sort());
      }
      windows.push([before, await now(dir)]);
    }

    for (const snapshot of CASES) {
      const relation = `${snapshot.yaml ? 'main_snapshots' : 'snapshots'}.${snapshot.name}`;
      const metaColumns = ['dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to', ...(snapshot.hardDeletes === 'new_record' ? ['dbt_is_deleted'] : [])];
      const columns = ['id', 'name', 'updated_at', ...metaColumns];
      // The table's columns: the query's, then dbt's meta columns in dbt's order.
      const connection = await warehouse.connect(dir);
      const [schema, identifier] = relation.split('.');
      expect(((await connection.getColumns({ database: warehouse.database(dir), schema, identifier })) ?? []).map((column) => column.name)).toEqual(columns);
      await connection.close();

      const actual = await snapshotRows(dir, relation, columns, TIMESTAMPS);
      // Each run's time lies within that run (and so after the run before).
      const tokens = new Map<number, string>();
      for (const time of snapshotTimes(actual, [U1, U2, U3])) {
        const runNumber = windows.findIndex(([from, to]) => from <= time && time <= to) + 1;
        expect([snapshot.name, time, runNumber > 0 && !tokens.has(runNumber)]).toEqual([snapshot.name, time, true]);
        tokens.set(runNumber, time);
      }
      const expected = expectedVersions(snapshot.strategy, snapshot.hardDeletes, (runNumber) => tokens.get(runNumber) ?? `<time of run ${runNumber}>`).map((version) => ({
        ...version,
        ...(version.dbt_is_deleted === undefined ? {} : { dbt_is_deleted: deletedFlag(version.dbt_is_deleted) }),
      }));
      expect([snapshot.name, byContent(actual)]).toEqual([snapshot.name, byContent(expected)]);
    }
  });

  it('keys versions on several columns, checks a list of columns, renames the meta columns and marks current versions with dbt_valid_to_current; its tests run after it in build', async () => {
    const versions = [
      'order_id,line,status,note\n1,1,placed,a\n1,2,placed,b\n2,1,placed,c\n',
      // 1/1 ships; only 1/2's note changes (not a checked column); 2/1 is deleted.
      'order_id,line,status,note\n1,1,shipped,a\n1,2,placed,b2\n',
      // 2/1 comes back.
      'order_id,line,status,note\n1,1,shipped,a\n1,2,placed,b2\n2,1,placed,c\n',
    ];
    const dir = await warehouse.makeProject({
      'seeds/order_lines.csv': versions[0],
      'models/sources.yml': 'sources:\n  - name: shop\n    schema: main\n    tables:\n      - name: order_lines\n',
      'snapshots/orders.yml': [
        'snapshots:',
        '  - name: order_lines_history',
        "    relation: source('shop', 'order_lines')",
        '    config:',
        '      schema: history',
        '      unique_key: [order_id, line]',
        '      strategy: check',
        '      check_cols: [status]',
        '      hard_deletes: new_record',
        `      dbt_valid_to_current: "cast('9999-12-31' as timestamp)"`,
        '      snapshot_meta_column_names:',
        '        dbt_valid_from: valid_from',
        '        dbt_valid_to: valid_to',
        '        dbt_scd_id: version_id',
        '        dbt_updated_at: recorded_at',
        '        dbt_is_deleted: is_deleted',
        '    columns:',
        '      - name: version_id',
        '        data_tests: [unique, not_null]',
        '      - name: order_id',
        '        data_tests: [not_null]',
        '',
      ].join('\n'),
    });
    const windows: Array<[string, string]> = [];
    for (const csv of versions) {
      writeFileSync(join(dir, 'seeds/order_lines.csv'), csv);
      const before = await now(dir);
      const { summary } = await run(dir, 'build');
      windows.push([before, await now(dir)]);
      const statuses = Object.fromEntries(summary.results.map((result) => [result.node.name, result.status]));
      expect(statuses).toEqual({
        order_lines: 'success',
        order_lines_history: 'success',
        unique_order_lines_history_version_id: 'pass',
        not_null_order_lines_history_version_id: 'pass',
        not_null_order_lines_history_order_id: 'pass',
      });
    }
    // A YAML snapshot's schema goes through generate_schema_name; its SQL compiles under its YAML file.
    const columns = ['order_id', 'line', 'status', 'note', 'version_id', 'recorded_at', 'valid_from', 'valid_to', 'is_deleted'];
    const actual = await snapshotRows(dir, 'main_history.order_lines_history', columns, ['recorded_at', 'valid_from', 'valid_to']);
    const times = snapshotTimes(actual.map((row) => ({ dbt_updated_at: row.recorded_at, dbt_valid_from: row.valid_from, dbt_valid_to: row.valid_to })), ['9999-12-31 00:00:00']);
    expect(times).toHaveLength(3);
    times.forEach((time, index) => expect(windows[index][0] <= time && time <= windows[index][1]).toBe(true));
    const [t1, t2, t3] = times;
    const current = '9999-12-31 00:00:00';
    const version = (orderId: number, line: number, status: string, note: string, from: string, to: string, deleted = false, id = md5(`${orderId}|${line}|${from}`)) => ({
      order_id: orderId,
      line,
      status,
      note,
      version_id: id,
      recorded_at: from,
      valid_from: from,
      valid_to: to,
      is_deleted: deletedFlag(deleted),
    });
    expect(byContent(actual)).toEqual(
      byContent([
        version(1, 1, 'placed', 'a', t1, t2),
        version(1, 1, 'shipped', 'a', t2, current),
        // Only the note changed: not a checked column, so no new version (and the old note stays).
        version(1, 2, 'placed', 'b', t1, current),
        version(2, 1, 'placed', 'c', t1, t2),
        // The deleted version repeats the last values and is current until 2/1 comes back.
        version(2, 1, 'placed', 'c', t2, t3, true, md5(`${md5(`2|1|${t1}`)}|${t2}`)),
        version(2, 1, 'placed', 'c', t3, current),
      ]),
    );
    expect(existsSync(join(dir, 'target/compiled/test_project/snapshots/orders.yml/order_lines_history.sql'))).toBe(true);
  });

  it('adds the columns the query gains; with check_cols: all a new column makes every row a new version, as in dbt', async () => {
    const dir = await warehouse.makeProject({
      'seeds/raw_customers.csv': 'id,name\n1,Ann\n2,Bob\n',
      'snapshots/tiers.sql': "{% snapshot tiers %}\n{{ config(unique_key='id', strategy='check', check_cols='all') }}\nselect * from {{ ref('raw_customers') }}\n{% endsnapshot %}\n",
    });
    expect((await run(dir, 'build')).summary.ok).toBe(true);
    writeFileSync(join(dir, 'seeds/raw_customers.csv'), 'id,name,tier\n1,Ann,gold\n2,Bob,silver\n');
    expect((await run(dir, 'build')).summary.ok).toBe(true);
    const connection = await warehouse.connect(dir);
    expect(((await connection.getColumns({ database: warehouse.database(dir), schema: 'main', identifier: 'tiers' })) ?? []).map((column) => column.name)).toEqual([
      'id', 'name', 'dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to', 'tier',
    ]);
    await connection.close();
    const rows = await warehouse.query(dir, 'select id, tier, dbt_valid_to is null as current from main.tiers order by id, dbt_valid_from');
    expect(rows).toEqual([
      { id: 1, tier: null, current: false },
      { id: 1, tier: 'gold', current: true },
      { id: 2, tier: null, current: false },
      { id: 2, tier: 'silver', current: true },
    ]);
  });

  it("applies changes as the adapter's dbt does: a deleted row back with its old updated_at gets a new version on DuckDB, none on Databricks", async () => {
    // dbt-duckdb closes versions with an UPDATE and inserts every new one; dbt-databricks MERGEs on
    // dbt_scd_id, so a version whose id the table already holds (here the closed one's) is not inserted.
    const versions = [`id,name,updated_at\n1,Ann,${U1}\n2,Bob,${U1}\n`, `id,name,updated_at\n2,Bob,${U1}\n`, `id,name,updated_at\n1,Ann,${U1}\n2,Bob,${U1}\n`];
    const dir = await warehouse.makeProject({
      'seeds/raw_customers.csv': versions[0],
      'snapshots/back.sql': "{% snapshot back %}\n{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='invalidate') }}\nselect * from {{ ref('raw_customers') }}\n{% endsnapshot %}\n",
    });
    for (const csv of versions) {
      writeFileSync(join(dir, 'seeds/raw_customers.csv'), csv);
      expect((await run(dir, 'build')).summary.ok).toBe(true);
    }
    const ann = await warehouse.query(dir, 'select dbt_scd_id, dbt_valid_to is null as current from main.back where id = 1 order by dbt_valid_to');
    const id = md5(`1|${U1}`);
    if (warehouse.name === 'duckdb') expect(ann).toEqual([{ dbt_scd_id: id, current: false }, { dbt_scd_id: id, current: true }]);
    else expect(ann).toEqual([{ dbt_scd_id: id, current: false }]);
  });

  it('refuses a snapshot without unique_key, with an unknown strategy or without check_cols: exit 2 with file and line, before any SQL', async () => {
    const dir = await warehouse.makeProject({
      'seeds/raw_customers.csv': CUSTOMERS[0],
      'snapshots/no_key.sql': "{% snapshot no_key %}\n{{ config(strategy='timestamp', updated_at='updated_at') }}\nselect * from {{ ref('raw_customers') }}\n{% endsnapshot %}\n",
      'snapshots/no_check_cols.sql': "-- lines before the block count\n\n{% snapshot no_check_cols %}\nselect * from {{ ref('raw_customers') }}\n{{ config(unique_key='id', strategy='check') }}\n{% endsnapshot %}\n",
      'snapshots/more.yml': "snapshots:\n  - name: with_latest\n    relation: ref('raw_customers')\n    config:\n      unique_key: id\n      strategy: latest\n",
    });
    const statementsBefore = warehouse.emulator?.statements.length ?? 0;
    const result = await runCliAsync(['build', '--project-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Snapshot 'no_key': no 'unique_key' is configured");
    expect(result.stderr).toContain('at snapshots/no_key.sql:2');
    expect(result.stderr).toContain("Snapshot 'no_check_cols': the check strategy needs 'check_cols'");
    expect(result.stderr).toContain('at snapshots/no_check_cols.sql:5');
    expect(result.stderr).toContain("Snapshot 'with_latest': unknown strategy 'latest'");
    expect(result.stderr).toContain('at snapshots/more.yml:2');
    // Nothing reached the warehouse: no DuckDB file was made, the emulator received no statement.
    if (warehouse.name === 'duckdb') expect(existsSync(join(dir, 'target/test.duckdb'))).toBe(false);
    else expect(warehouse.emulator!.statements.length).toBe(statementsBefore);
  });
});
