/**
 * Source freshness end to end, on DuckDB and on Databricks (the emulator, through the real driver): source
 * tables whose rows were loaded at known times before now, `sluice source freshness` (statuses, sources.json,
 * exit codes), `ci` reporting the freshness of what it reads in report.json and the comment, and the deploy
 * gate `promote.require_fresh_sources` — plus bad freshness configs, refused before any SQL.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pipeline from '../../src/pipeline.js';
import { loadProject } from '../../src/project/load.js';
import type { Report } from '../../src/report/report-json.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { DatabricksDialect } from '../../src/warehouse/databricks/databricks-dialect.js';
import { DuckDBDialect } from '../../src/warehouse/duckdb/duckdb-dialect.js';
import { makeProject, runCli, runCliAsync } from '../support/project.js';
import { WAREHOUSES, type TestWarehouse } from '../support/warehouses.js';

const HOUR = 3600;
const out = () => undefined;

/** `2026-12-06 10:00:00`: the UTC wall time `hours` ago, written without a zone (dbt reads it as UTC). */
function utcWallTime(hours: number): string {
  return new Date(Date.now() - hours * HOUR * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The same instant as a wall time in India (+05:30) with its offset. */
function indiaTime(hours: number): string {
  return `${new Date(Date.now() - hours * HOUR * 1000 + 5.5 * HOUR * 1000).toISOString().slice(0, 19).replace('T', ' ')}+05:30`;
}

interface RawTable {
  name: string;
  /** Rows as [loaded_at (a literal), kind]. */
  rows: Array<[string, string]>;
  /** The loaded_at column holds instants (TIMESTAMPTZ on DuckDB; Databricks' timestamp always does). */
  instant?: boolean;
}

/** Creates schema `raw` with the tables, their rows loaded at the given times. */
async function loadRawTables(warehouse: TestWarehouse, dir: string, tables: RawTable[]): Promise<void> {
  const connection: Warehouse = await warehouse.connect(dir);
  const { dialect } = connection;
  const database = warehouse.database(dir);
  await connection.execute(dialect.createSchema(database, 'raw'));
  for (const table of tables) {
    const relation = { database, schema: 'raw', identifier: table.name };
    const instantType = warehouse.name === 'duckdb' ? 'TIMESTAMPTZ' : 'timestamp';
    await connection.execute(
      dialect.createTable(relation, [
        { name: 'id', type: dialect.seedColumnType('integer') },
        { name: 'kind', type: dialect.seedColumnType('text') },
        { name: 'loaded_at', type: table.instant ? instantType : dialect.seedColumnType('timestamp') },
      ]),
    );
    if (!table.rows.length) continue;
    const instant = (text: string) => (warehouse.name === 'duckdb' ? `CAST('${text}' AS TIMESTAMPTZ)` : `TIMESTAMP '${text}'`);
    const values = table.rows.map(([loadedAt, kind], index) => [String(index + 1), dialect.literal(kind), table.instant ? instant(loadedAt) : `TIMESTAMP '${loadedAt}'`]);
    await connection.execute(dialect.insertValues(relation, ['id', 'kind', 'loaded_at'], values));
  }
  await connection.close();
}

/** Source erp: warn after a day, error after two, on `loaded_at`; its first tables, orders and customers. */
const ERP_SOURCE = `version: 2
sources:
  - name: erp
    schema: raw
    loaded_at_field: loaded_at
    freshness:
      warn_after: {count: 24, period: hour}
      error_after: {count: 48, period: hour}
    tables:
      - name: orders
      - name: customers
`;

const SOURCES_YML = `${ERP_SOURCE}      - name: trips
      - name: shipments
        freshness:
          error_after: {count: 72, period: hour}
      - name: returns
        freshness: null
      - name: events
      - name: filtered
        freshness:
          filter: "kind = 'new'"
      - name: never
      - name: missing
  - name: api
    schema: raw
    config:
      loaded_at_field: loaded_at
      freshness:
        warn_after: {count: 1, period: day}
    tables:
      - name: rates
      - name: fx
        config:
          freshness:
            warn_after: {count: 1, period: hour}
      - name: audit
        loaded_at_query: "select max(loaded_at) from raw.audit where kind = 'done'"
  - name: crm
    schema: raw
    loaded_at_field: loaded_at
    tables:
      - name: accounts
`;

const FRESHNESS_TABLES: RawTable[] = [
  { name: 'orders', rows: [[utcWallTime(40), 'old'], [utcWallTime(30), 'new']] },
  { name: 'customers', rows: [[utcWallTime(2), 'new']] },
  { name: 'trips', rows: [[utcWallTime(50), 'new']] },
  { name: 'shipments', rows: [[utcWallTime(50), 'new']] },
  { name: 'returns', rows: [[utcWallTime(500), 'new']] },
  // 26 hours ago, written as India's wall time: read as a naive time it would look 20.5 hours old.
  { name: 'events', rows: [[indiaTime(26), 'new']], instant: true },
  { name: 'filtered', rows: [[utcWallTime(60), 'new'], [utcWallTime(1), 'old']] },
  { name: 'never', rows: [] },
  { name: 'rates', rows: [[utcWallTime(3), 'new']] },
  { name: 'fx', rows: [[utcWallTime(3), 'new']] },
  { name: 'audit', rows: [[utcWallTime(30), 'done'], [utcWallTime(1), 'pending']] },
  { name: 'accounts', rows: [[utcWallTime(900), 'new']] },
];

/** A pull request's worth of project: two sources read by one model each, one warn (30 h) and one error (72 h). */
const DEPLOY_PROJECT = {
  'models/sources.yml': ERP_SOURCE,
  'models/stg_orders.sql': "select id, kind from {{ source('erp', 'orders') }}",
  'models/stg_customers.sql': "select id, kind from {{ source('erp', 'customers') }}",
};
const DEPLOY_TABLES: RawTable[] = [
  { name: 'orders', rows: [[utcWallTime(30), 'new']] },
  { name: 'customers', rows: [[utcWallTime(72), 'new']] },
];

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

describe.each(WAREHOUSES)('source freshness on $name', (kind) => {
  const warehouse = kind.use();
  // The CLI runs in India's time zone: a loaded_at without a zone must still read as UTC.
  const env = { TZ: 'Asia/Kolkata' };

  it('checks each source table with a rule: pass, warn, error, filter, per-table override, config rules, loaded_at_query, runtime error', async () => {
    const dir = await warehouse.makeProject({ 'models/sources.yml': SOURCES_YML });
    await loadRawTables(warehouse, dir, FRESHNESS_TABLES);
    const run = await runCliAsync(['source', 'freshness', '--project-dir', dir], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);

    const document = readJson<{ metadata: Record<string, unknown>; results: Array<Record<string, unknown>>; elapsed_time: number }>(join(dir, 'target', 'sources.json'));
    const statuses = Object.fromEntries(document.results.map((result) => [String(result.unique_id).replace('source.test_project.', ''), result.status]));
    expect(statuses).toEqual({
      'api.audit': 'warn',
      'api.fx': 'warn',
      'api.rates': 'pass',
      'erp.customers': 'pass',
      'erp.events': 'warn',
      'erp.filtered': 'error',
      'erp.missing': 'runtime error',
      'erp.never': 'error',
      'erp.orders': 'warn',
      'erp.shipments': 'warn',
      'erp.trips': 'error',
    });
    // Printed one line per table as dbt prints them, with why for the ones that are not fresh.
    expect(run.stdout).toMatch(/\d+ of 11 WARN freshness of erp\.orders \.+ \[WARN in \d+\.\d+s\]/);
    expect(run.stdout).toMatch(/\d+ of 11 ERROR STALE freshness of erp\.trips \.+ \[ERROR STALE in \d+\.\d+s\]/);
    expect(run.stdout).toMatch(/\d+ of 11 ERROR freshness of erp\.missing \.+ \[ERROR in/);
    expect(run.stdout).toMatch(/\d+ of 11 PASS freshness of erp\.customers/);
    expect(run.stdout).toContain('source erp.orders last loaded 30 h ago (warn after 24 h)');
    expect(run.stdout).toContain('source erp.trips last loaded 50 h ago (error after 48 h)');
    expect(run.stdout).toContain('source erp.never was never loaded: no row has a loaded_at value (error after 48 h)');
    expect(run.stdout).toContain('PASS=2 WARN=5 ERROR=4 TOTAL=11');

    // sources.json in dbt's v3 shape.
    expect(document.metadata).toMatchObject({ dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json', dbt_version: expect.any(String), invocation_id: expect.any(String), env: {} });
    expect(document.metadata.generated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/);
    expect(typeof document.elapsed_time).toBe('number');
    const orders = document.results.find((result) => result.unique_id === 'source.test_project.erp.orders')!;
    expect(Object.keys(orders).sort()).toEqual(
      ['adapter_response', 'criteria', 'execution_time', 'max_loaded_at', 'max_loaded_at_time_ago_in_s', 'snapshotted_at', 'status', 'thread_id', 'timing', 'unique_id'].sort(),
    );
    // The newest row (30 h ago), in UTC whatever the time zone the CLI ran in.
    expect(String(orders.max_loaded_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    expect(Math.abs(Date.parse(String(orders.max_loaded_at)) - (Date.now() - 30 * HOUR * 1000))).toBeLessThan(5 * 60 * 1000);
    expect(Math.abs(Date.parse(String(orders.snapshotted_at)) - Date.now())).toBeLessThan(5 * 60 * 1000);
    expect(orders.max_loaded_at_time_ago_in_s).toBeGreaterThan(30 * HOUR - 300);
    expect(orders.max_loaded_at_time_ago_in_s).toBeLessThan(30 * HOUR + 300);
    expect(orders.criteria).toEqual({ warn_after: { count: 24, period: 'hour' }, error_after: { count: 48, period: 'hour' }, filter: null });
    expect(orders.thread_id).toMatch(/^Thread-\d+$/);
    expect((orders.timing as Array<{ name: string }>).map((step) => step.name)).toEqual(['compile', 'execute']);
    expect(typeof orders.execution_time).toBe('number');
    // The table's rule refines the source's threshold by threshold; filter and config rules too.
    const byId = (id: string) => document.results.find((result) => result.unique_id === `source.test_project.${id}`)!;
    expect(byId('erp.shipments').criteria).toEqual({ warn_after: { count: 24, period: 'hour' }, error_after: { count: 72, period: 'hour' }, filter: null });
    expect(byId('erp.filtered').criteria).toMatchObject({ filter: "kind = 'new'" });
    expect(byId('erp.filtered').max_loaded_at_time_ago_in_s).toBeGreaterThan(60 * HOUR - 300);
    expect(byId('api.fx').criteria).toEqual({ warn_after: { count: 1, period: 'hour' }, error_after: { count: null, period: null }, filter: null });
    expect(byId('api.audit').max_loaded_at_time_ago_in_s).toBeGreaterThan(30 * HOUR - 300);
    // An empty table was loaded "never": dbt writes the first instant of year 1.
    expect(byId('erp.never').max_loaded_at).toBe('0001-01-01T00:00:00+00:00');
    expect(byId('erp.missing')).toEqual({ unique_id: 'source.test_project.erp.missing', error: expect.stringMatching(/missing/i), status: 'runtime error' });
    // `freshness: null` and a source without a rule are not checked at all.
    expect(statuses).not.toHaveProperty('erp.returns');
    expect(statuses).not.toHaveProperty('crm.accounts');

    // --select (dbt's source: method) and --output; warnings alone exit 0.
    const selected = await runCliAsync(['source', 'freshness', '--project-dir', dir, '--select', 'source:api', '--exclude', 'source:api.audit', '-o', join(dir, 'fresh.json')], { env });
    expect(selected.code).toBe(0);
    const fresh = readJson<{ results: Array<{ unique_id: string; status: string }> }>(join(dir, 'fresh.json'));
    expect(fresh.results.map((result) => [result.unique_id, result.status])).toEqual([
      ['source.test_project.api.fx', 'warn'],
      ['source.test_project.api.rates', 'pass'],
    ]);
  });

  it('ci reports the freshness of the sources its build reads in report.json and the comment; promote does not block by default', async () => {
    const dir = await warehouse.makeProject(DEPLOY_PROJECT);
    await loadRawTables(warehouse, dir, DEPLOY_TABLES);
    const first = await pipeline.promote({ projectDir: dir, out });
    // A source past error_after is reported, and by default never stops a deploy.
    expect(first.status).toBe('published');
    expect(first.report!.freshness!.map((entry) => [entry.table, entry.status])).toEqual([
      ['customers', 'error'],
      ['orders', 'warn'],
    ]);

    writeFileSync(join(dir, 'models/stg_orders.sql'), "select id, kind, 1 as version from {{ source('erp', 'orders') }}");
    const ci = await pipeline.ci({ projectDir: dir, environment: 'pr_1', out, lint: false });
    expect(ci.report.ok).toBe(true);
    const report = readJson<Report>(ci.reportPath);
    // Only what the pull request builds is read: erp.customers is not.
    expect(report.freshness).toEqual([
      {
        source: 'erp',
        table: 'orders',
        unique_id: 'source.test_project.erp.orders',
        status: 'warn',
        max_loaded_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        age_seconds: expect.any(Number),
        warn_after: { count: 24, period: 'hour' },
        error_after: { count: 48, period: 'hour' },
        filter: null,
        message: null,
      },
    ]);
    expect(Math.abs(report.freshness![0].age_seconds! - 30 * HOUR)).toBeLessThan(300);
    const comment = readFileSync(join(dir, 'target', 'sluice', 'report.md'), 'utf8');
    expect(comment).toContain('⚠️ source `erp.orders` last loaded 30 h ago (warn after 24 h)');
    // Near the top: before the models' table.
    expect(comment.indexOf('erp.orders')).toBeLessThan(comment.indexOf('stg_orders'));
    const summary = readFileSync(join(dir, 'target', 'sluice', 'summary.md'), 'utf8');
    expect(summary).toContain('### Source freshness');
  });

  it('promote.require_fresh_sources stops a deploy that reads a stale source before anything is built', async () => {
    const dir = await warehouse.makeProject({ ...DEPLOY_PROJECT, 'sluice.yml': 'promote:\n  require_fresh_sources: true\n' });
    await loadRawTables(warehouse, dir, DEPLOY_TABLES);
    const blocked = await runCliAsync(['promote', '--project-dir', dir], { env });
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('Not published: promote.require_fresh_sources stops a deploy that reads a stale source');
    expect(blocked.stdout).toContain('source erp.customers last loaded 72 h ago (error after 48 h)');
    // A warning does not stop it at this level.
    expect(blocked.stdout).not.toMatch(/^ {2}source erp\.orders/m);
    // Production untouched: nothing built, no audit schemas, no deployment.
    const connection = await warehouse.connect(dir);
    const database = warehouse.database(dir);
    expect(await connection.getRelationType({ database, schema: 'main', identifier: 'stg_orders' })).toBeNull();
    expect((await warehouse.schemas(dir)).filter((schema) => schema.startsWith('sluice_audit'))).toEqual([]);
    await connection.close();
    expect(await pipeline.deployments({ projectDir: dir, out })).toEqual([]);
    // Promote's own report (the pull request's report.json is not its to write).
    const report = readJson<Report>(join(dir, 'target', 'sluice', 'promote.json'));
    expect(report.ok).toBe(false);
    expect(report.freshness!.map((entry) => [entry.table, entry.status])).toEqual([
      ['customers', 'error'],
      ['orders', 'warn'],
    ]);
    expect(readFileSync(join(dir, 'target', 'sluice', 'promote.md'), 'utf8')).toContain('❌ source `erp.customers` last loaded 72 h ago (error after 48 h)');

    // `warn` stops on warnings too; once only a warning is left, `true` lets it through.
    writeFileSync(join(dir, 'models/stg_customers.sql'), "select 1 as id, 'x' as kind");
    writeFileSync(join(dir, 'sluice.yml'), 'promote:\n  require_fresh_sources: warn\n');
    const warned = await pipeline.promote({ projectDir: dir, out });
    expect(warned.status).toBe('failed');
    expect(warned.failures).toEqual(['source erp.orders last loaded 30 h ago (warn after 24 h); newest value ' + warned.report!.freshness![0].max_loaded_at]);
    writeFileSync(join(dir, 'sluice.yml'), 'promote:\n  require_fresh_sources: error\n');
    const published = await pipeline.promote({ projectDir: dir, out });
    expect(published.status).toBe('published');
    expect(await warehouse.tableRows(dir, 'main.stg_orders', 'id')).toEqual([{ id: 1, kind: 'new' }]);
  });

  it('refuses a bad freshness config with its file and line before any SQL', async () => {
    const dir = await warehouse.makeProject({
      'models/sources.yml': 'version: 2\nsources:\n  - name: erp\n    loaded_at_field: loaded_at\n    freshness:\n      warn_after: {count: 1, period: fortnight}\n    tables:\n      - name: orders\n',
    });
    const run = await runCliAsync(['source', 'freshness', '--project-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('freshness warn_after.period must be minute, hour or day, got "fortnight"');
    expect(run.stderr).toContain('models/sources.yml:6');
    expect(warehouse.emulator?.statements ?? []).toEqual([]);
    if (warehouse.name === 'duckdb') expect(existsSync(join(dir, 'target', 'test.duckdb'))).toBe(false);
  });
});

describe('bad freshness configs and gate settings', () => {
  it('are exit 2 with the file and line of each problem', () => {
    const dir = makeProject({
      'models/a.yml': 'version: 2\nsources:\n  - name: a\n    tables:\n      - name: t\n        loaded_at_field: loaded_at\n        freshness:\n          error_after:\n            count: twelve\n            period: hour\n',
      'models/b.yml': "version: 2\nsources:\n  - name: b\n    tables:\n      - name: t\n        loaded_at_field: ''\n",
      'models/c.yml': 'version: 2\nsources:\n  - name: c\n    config:\n      freshness: every day\n    tables:\n      - name: t\n',
      'models/d.yml': 'version: 2\nsources:\n  - name: d\n    tables:\n      - name: t\n        loaded_at_field: loaded_at\n        loaded_at_query: select 1\n',
    });
    const run = runCli(['source', 'freshness', '--project-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('freshness error_after.count must be a whole number, got "twelve"\n  at models/a.yml:9');
    expect(run.stderr).toContain("loaded_at_field cannot be an empty string\n  at models/b.yml:6");
    expect(run.stderr).toContain('freshness must be a mapping of warn_after, error_after and filter (or null), got "every day"\n  at models/c.yml:5');
    expect(run.stderr).toContain('A source table cannot set both loaded_at_field and loaded_at_query\n  at models/d.yml:7');
    expect(existsSync(join(dir, 'target', 'test.duckdb'))).toBe(false);
  });

  it("are found in dbt_project.yml's sources tree too, where they apply", () => {
    const dir = makeProject({
      'dbt_project.yml': 'name: test_project\nprofile: test_project\nsources:\n  test_project:\n    +freshness:\n      error_after: {count: 2, period: week}\n',
      'models/a.yml': 'version: 2\nsources:\n  - name: a\n    loaded_at_field: loaded_at\n    tables:\n      - name: t\n',
    });
    const run = runCli(['source', 'freshness', '--project-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('freshness error_after.period must be minute, hour or day, got "week"\n  at dbt_project.yml:6');
  });

  it('rejects a require_fresh_sources that is not true, false, error or warn', () => {
    const dir = makeProject({ 'sluice.yml': 'promote:\n  keep_versions: 2\n  require_fresh_sources: sometimes\n', 'models/a.sql': 'select 1 as id' });
    const run = runCli(['promote', '--project-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('promote.require_fresh_sources must be true (or error), warn or false, got "sometimes"\n  at sluice.yml:3');
  });
});

describe('freshness rules as dbt resolves them', () => {
  const rules = (sources: string, projectFile = 'name: test_project\nprofile: test_project\n') => {
    const project = loadProject({ projectDir: makeProject({ 'dbt_project.yml': projectFile, 'models/sources.yml': `version: 2\nsources:\n${sources}` }) });
    return Object.fromEntries(
      [...project.nodes.values()].filter((node) => node.resourceType === 'source').map((node) => [node.name, { freshness: node.freshness, field: node.loadedAtField, query: node.loadedAtQuery }]),
    );
  };
  const time = (count: number | null, period: string | null) => ({ count, period });

  it('merges the source, its config, the table and its config threshold by threshold; null turns it off and a table can turn it back on', () => {
    const resolved = rules(`  - name: erp
    freshness: {warn_after: {count: 1, period: day}, error_after: {count: 2, period: day}, filter: "x > 0"}
    loaded_at_field: loaded_at
    tables:
      - name: same
      - name: warn_only
        config: {freshness: {error_after: null}}
      - name: turned_off
        freshness: null
      - name: own_field
        loaded_at_field: synced_at
      - name: no_field
        loaded_at_field: null
  - name: quiet
    freshness: null
    tables:
      - name: back_on
        freshness: {warn_after: {count: 3, period: minute}}
      - name: still_off
`);
    expect(resolved.same).toEqual({ freshness: { warn_after: time(1, 'day'), error_after: time(2, 'day'), filter: 'x > 0' }, field: 'loaded_at', query: undefined });
    expect(resolved.warn_only.freshness).toEqual({ warn_after: time(1, 'day'), error_after: null, filter: 'x > 0' });
    expect(resolved.turned_off.freshness).toBeNull();
    expect(resolved.own_field.field).toBe('synced_at');
    expect(resolved.no_field.field).toBeUndefined();
    expect(resolved.back_on.freshness).toEqual({ warn_after: time(3, 'minute'), error_after: time(null, null), filter: null });
    expect(resolved.still_off.freshness).toBeNull();
  });

  it("falls back to dbt_project.yml's +freshness only when the YAML sets no rule", () => {
    const resolved = rules(
      `  - name: erp
    tables:
      - name: from_project
      - name: from_yaml
        freshness: {warn_after: {count: 5, period: hour}}
`,
      'name: test_project\nprofile: test_project\nsources:\n  test_project:\n    +freshness:\n      error_after: {count: 1, period: day}\n',
    );
    expect(resolved.from_project.freshness).toEqual({ warn_after: time(null, null), error_after: time(1, 'day'), filter: null });
    expect(resolved.from_yaml.freshness).toEqual({ warn_after: time(5, 'hour'), error_after: time(null, null), filter: null });
  });
});

describe('the freshness query in each dialect', () => {
  const relation = { database: 'prod', schema: 'raw', identifier: 'orders' };

  it('reads the newest loaded_at and the time now as microseconds since the epoch, in the warehouse', () => {
    expect(new DuckDBDialect().freshnessQuery({ relation, field: 'loaded_at', filter: "kind = 'new'" })).toBe(
      'select\n  epoch_us(max(loaded_at)) as max_loaded_at,\n  epoch_us(current_timestamp) as snapshotted_at\nfrom "prod"."raw"."orders"\nwhere kind = \'new\'',
    );
    expect(new DatabricksDialect().freshnessQuery({ relation, field: 'loaded_at', filter: null })).toBe(
      'select\n  unix_micros(max(loaded_at)) as max_loaded_at,\n  unix_micros(current_timestamp()) as snapshotted_at\nfrom `prod`.`raw`.`orders`',
    );
  });

  it('wraps a loaded_at_query, closing it on a line of its own', () => {
    expect(new DatabricksDialect().freshnessQuery({ query: 'select max(ts) from raw.audit -- the audit log;\n' })).toBe(
      'with source_query as (\nselect max(ts) from raw.audit -- the audit log\n)\nselect\n  unix_micros((select * from source_query)) as max_loaded_at,\n  unix_micros(current_timestamp()) as snapshotted_at',
    );
  });
});
