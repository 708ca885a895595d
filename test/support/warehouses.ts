/**
 * The warehouses the integration suites run on, from one test definition:
 *
 *   describe.each(WAREHOUSES)('on $name', (kind) => {
 *     const warehouse = kind.use();                 // registers the describe block's hooks
 *     it('builds', async () => {
 *       const dir = await warehouse.makeProject({ 'models/one.sql': 'select 1 as id' });
 *       await runCliAsync(['run', '--project-dir', dir]);
 *       expect(await warehouse.query(dir, 'select id from main.one')).toEqual([{ id: 1 }]);
 *     });
 *   });
 *
 * DuckDB: a database file in the project folder. Databricks: the local emulator (test/support/
 * databricks-emulator) through the real `@databricks/sql` driver — one emulator per describe block, and
 * a catalog of its own for every project, so that schemas and Sluice's state never leak between tests.
 * Both build into schema `main`. The helpers connect the way Sluice does (`connectWarehouse` with the
 * project's profile target), so a test's own SQL takes the same path as Sluice's.
 */
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { loadProfile } from '../../src/project/profiles.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import { resolveTargetPaths } from '../../src/warehouse/target-paths.js';
import type { SqlValue, Warehouse } from '../../src/warehouse/warehouse.js';
import { startDatabricksEmulator, type DatabricksEmulator } from './databricks-emulator/index.js';
import { makeProject, PROFILE_NAME } from './project.js';

export type WarehouseName = 'duckdb' | 'databricks';

export interface ProfileOptions {
  /** The target's threads (default 2). */
  threads?: number;
}

/** What a test uses: a fresh place per project, and ways to look at it that do not assume DuckDB. */
export interface TestWarehouse {
  readonly name: WarehouseName;
  /** information_schema.tables' `table_type` of a table on this warehouse (a view is `VIEW` on both). */
  readonly tableType: string;
  /** The running emulator, on Databricks (faults, the statement log); undefined on DuckDB. */
  readonly emulator: DatabricksEmulator | undefined;
  /** profiles.yml text (profile `test_project`, target `prod`, schema `main`) for a new, empty place. */
  profile(options?: ProfileOptions): Promise<string>;
  /** A project in a temp folder (see `makeProject`) whose profiles.yml points at a new, empty place. */
  makeProject(files: Record<string, string>, options?: ProfileOptions): Promise<string>;
  /** The database (Databricks: catalog) the project's profile names, if it names one. */
  database(dir: string): string | undefined;
  /** A connection to the project's warehouse, closed after the test (close it earlier to let a child process in). */
  connect(dir: string): Promise<Warehouse>;
  /** Runs a query on the project's warehouse in a connection of its own. */
  query(dir: string, sql: string): Promise<Record<string, SqlValue>[]>;
  execute(dir: string, sql: string): Promise<void>;
  /** Schemas of the project's database (catalog), sorted. */
  schemas(dir: string): Promise<string[]>;
  /** Every row of a table or view (`schema.identifier`), ordered by `orderBy`. */
  tableRows(dir: string, relation: string, orderBy: string): Promise<Record<string, SqlValue>[]>;
}

export interface WarehouseKind {
  readonly name: WarehouseName;
  /** Registers the hooks of the enclosing describe block (an emulator for Databricks) and returns what its tests use. */
  use(): TestWarehouse;
}

type Place = (options: ProfileOptions) => Promise<string>;

/** The helpers both warehouses share, given how each makes a place for a project. */
function testWarehouse(name: WarehouseName, tableType: string, place: Place, emulator: () => DatabricksEmulator | undefined): TestWarehouse {
  const open: Warehouse[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });
  const profileOf = (dir: string) => loadProfile({ projectDir: dir, profilesDir: dir, profileName: PROFILE_NAME });
  const connectTo = async (dir: string): Promise<Warehouse> => {
    const profile = profileOf(dir);
    return connectWarehouse(resolveTargetPaths(profile.target, dir), { profileFile: profile.file });
  };
  const withConnection = async <T>(dir: string, work: (warehouse: Warehouse) => Promise<T>): Promise<T> => {
    // A connection per call: a DuckDB file admits one process at a time, and the CLI runs in another.
    const warehouse = await connectTo(dir);
    try {
      return await work(warehouse);
    } finally {
      await warehouse.close();
    }
  };
  return {
    name,
    tableType,
    get emulator() {
      return emulator();
    },
    profile: (options = {}) => place(options),
    async makeProject(files, options = {}) {
      return makeProject({ 'profiles.yml': await place(options), ...files });
    },
    database: (dir) => {
      const { database } = profileOf(dir).target;
      return typeof database === 'string' ? database : undefined;
    },
    async connect(dir) {
      const warehouse = await connectTo(dir);
      open.push(warehouse);
      return warehouse;
    },
    query: (dir, sql) => withConnection(dir, async (warehouse) => (await warehouse.query(sql)).rows),
    execute: (dir, sql) => withConnection(dir, async (warehouse) => void (await warehouse.execute(sql))),
    schemas: (dir) => withConnection(dir, async (warehouse) => (await warehouse.listSchemas()).sort()),
    tableRows: (dir, relation, orderBy) => withConnection(dir, async (warehouse) => (await warehouse.query(`select * from ${relation} order by ${orderBy}`)).rows),
  };
}

function profileText(output: Record<string, string | number>): string {
  const lines = Object.entries(output).map(([key, value]) => `      ${key}: ${typeof value === 'string' ? JSON.stringify(value) : value}`);
  // Named `prod`, so the environment commands take it for production: see production-target.ts.
  return `${PROFILE_NAME}:\n  target: prod\n  outputs:\n    prod:\n${lines.join('\n')}\n`;
}

const duckdb: WarehouseKind = {
  name: 'duckdb',
  use: () =>
    testWarehouse(
      'duckdb',
      'BASE TABLE',
      // Each project has its own folder, so its own database file.
      async ({ threads = 2 }) => profileText({ type: 'duckdb', path: 'target/test.duckdb', schema: 'main', threads }),
      () => undefined,
    ),
};

const databricks: WarehouseKind = {
  name: 'databricks',
  use() {
    let emulator: DatabricksEmulator | undefined;
    let catalogs: string[] = [];
    let made = 0;
    // Registered first, so that its afterEach closes the test's connections before the catalogs go.
    const warehouse = testWarehouse(
      'databricks',
      'MANAGED',
      async ({ threads = 2 }) => {
        if (!emulator) throw new Error('The Databricks emulator is not running: call use() inside a describe block');
        const catalog = `sluice_test_${++made}`;
        await emulator.run(`CREATE CATALOG ${catalog}`);
        catalogs.push(catalog);
        const target = emulator.target();
        return profileText({
          type: 'databricks',
          host: String(target.host),
          port: Number(target.port),
          http_path: String(target.http_path),
          token: String(target.token),
          ca_cert: String(target.ca_cert),
          catalog,
          schema: 'main',
          threads,
          // The emulator answers from this test process, which a busy machine can make slow to answer.
          connect_timeout: 30,
        });
      },
      () => emulator,
    );
    beforeAll(async () => {
      emulator = await startDatabricksEmulator();
    });
    afterEach(async () => {
      // The next test sees only its own faults and statements.
      emulator?.faults.clear();
      for (const log of [emulator?.requests, emulator?.statements, emulator?.cancelled]) log?.splice(0);
      for (const catalog of catalogs) await emulator?.run(`DROP CATALOG IF EXISTS ${catalog} CASCADE`);
      catalogs = [];
    });
    afterAll(async () => {
      await emulator?.stop();
      emulator = undefined;
    });
    return warehouse;
  },
};

export const WAREHOUSES: WarehouseKind[] = [duckdb, databricks];
