import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DatabricksDialect, isRetrySafe } from '../../src/warehouse/databricks/databricks-dialect.js';
import { DatabricksWarehouse } from '../../src/warehouse/databricks/databricks-warehouse.js';
import type { Relation } from '../../src/warehouse/warehouse.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../support/databricks-emulator/index.js';

const dialect = new DatabricksDialect();

describe('Databricks dialect: SQL text', () => {
  it('quotes identifiers with backticks and writes three-part names', () => {
    expect(dialect.quoteIdentifier('order')).toBe('`order`');
    expect(dialect.quoteIdentifier('a`b')).toBe('`a``b`');
    expect(dialect.relationName({ database: 'main', schema: 'analytics', identifier: 'dim `x`' })).toBe('`main`.`analytics`.`dim ``x```');
    expect(dialect.relationName({ schema: 's', identifier: 't' })).toBe('`s`.`t`');
  });

  it("writes Spark string literals: backslash and quote escaped with a backslash ('' would be two literals)", () => {
    expect(dialect.literal("O'Brien")).toBe("'O\\'Brien'");
    expect(dialect.literal('C:\\temp\\')).toBe("'C:\\\\temp\\\\'");
    expect(dialect.literal("\\'")).toBe("'\\\\\\''");
    expect(dialect.literal(null)).toBe('NULL');
    expect(dialect.literal(true)).toBe('TRUE');
    expect(dialect.literal(-12.5)).toBe('-12.5');
    expect(dialect.literal(Number.POSITIVE_INFINITY)).toBe("CAST('Infinity' AS DOUBLE)");
  });

  it('maps seed types, and merges by default', () => {
    expect(['integer', 'number', 'date', 'timestamp', 'boolean', 'text'].map((t) => dialect.seedColumnType(t as never))).toEqual([
      'bigint',
      'double',
      'date',
      'timestamp',
      'boolean',
      'string',
    ]);
    expect(dialect.defaultIncrementalStrategy).toBe('merge');
    expect([...dialect.incrementalStrategies].sort()).toEqual(['append', 'delete+insert', 'merge']);
    expect(dialect.cast("'1'", 'int')).toBe("CAST('1' AS int)");
  });

  it('writes Delta DDL and DML', () => {
    const t: Relation = { database: 'main', schema: 's', identifier: 't' };
    const src: Relation = { database: 'main', schema: 's', identifier: 't__tmp' };
    expect(dialect.createSchema('main', 's')).toBe('CREATE SCHEMA IF NOT EXISTS `main`.`s`');
    expect(dialect.dropSchema('main', 's')).toBe('DROP SCHEMA IF EXISTS `main`.`s` CASCADE');
    expect(dialect.createTableAs(t, 'select 1')).toBe('CREATE OR REPLACE TABLE `main`.`s`.`t` USING DELTA\nAS\nselect 1');
    expect(
      dialect.createTableAs(t, 'select 1', { partitionBy: ['day'], clusterBy: ['id'], location: "s3://b/it's", comment: 'Orders', properties: { 'delta.appendOnly': 'true' } }),
    ).toBe(
      [
        'CREATE OR REPLACE TABLE `main`.`s`.`t` USING DELTA',
        'PARTITIONED BY (`day`)',
        'CLUSTER BY (`id`)',
        "LOCATION 's3://b/it\\'s'",
        "COMMENT 'Orders'",
        "TBLPROPERTIES ('delta.appendOnly' = 'true')",
        'AS',
        'select 1',
      ].join('\n'),
    );
    expect(dialect.alterViewAs(t, 'select 2')).toBe('ALTER VIEW `main`.`s`.`t` AS\nselect 2');
    expect(dialect.grant(t, 'table', 'select', 'data-readers')).toBe('GRANT SELECT ON TABLE `main`.`s`.`t` TO `data-readers`');
    expect(() => dialect.grant(t, 'table', 'select; drop', 'x')).toThrow('Not a privilege');
    expect(dialect.createViewAs(t, 'select 1')).toBe('CREATE OR REPLACE VIEW `main`.`s`.`t` AS\nselect 1');
    expect(dialect.createTable(t, [{ name: 'id', type: 'bigint' }])).toBe('CREATE OR REPLACE TABLE `main`.`s`.`t` (`id` bigint) USING DELTA');
    expect(dialect.dropRelation(t, 'view')).toBe('DROP VIEW IF EXISTS `main`.`s`.`t`');
    expect(dialect.renameRelation(t, 't2', 'table')).toBe('ALTER TABLE `main`.`s`.`t` RENAME TO `main`.`s`.`t2`');
    expect(dialect.insertFrom(t, src, ['a'])).toBe('INSERT INTO `main`.`s`.`t` (`a`)\nSELECT `a` FROM `main`.`s`.`t__tmp`');
    expect(dialect.deleteInsert(t, src, ['a', 'b'], ['a', 'b', 'c'])[0]).toBe(
      'DELETE FROM `main`.`s`.`t`\nWHERE (`a`, `b`) IN (SELECT `a`, `b` FROM `main`.`s`.`t__tmp`)',
    );
    expect(dialect.merge(t, src, ['id'], ['id', 'v'])).toBe(
      [
        'MERGE INTO `main`.`s`.`t` AS DBT_INTERNAL_DEST',
        'USING `main`.`s`.`t__tmp` AS DBT_INTERNAL_SOURCE',
        'ON DBT_INTERNAL_DEST.`id` = DBT_INTERNAL_SOURCE.`id`',
        'WHEN MATCHED THEN UPDATE SET `v` = DBT_INTERNAL_SOURCE.`v`',
        'WHEN NOT MATCHED THEN INSERT (`id`, `v`) VALUES (DBT_INTERNAL_SOURCE.`id`, DBT_INTERNAL_SOURCE.`v`)',
      ].join('\n'),
    );
    expect(dialect.addColumns(t, [{ name: 'x', type: 'int' }, { name: 'y', type: 'string' }])).toBe('ALTER TABLE `main`.`s`.`t` ADD COLUMNS (`x` int, `y` string)');
    expect(dialect.cloneTable(t, src)).toBe('CREATE OR REPLACE TABLE `main`.`s`.`t` SHALLOW CLONE `main`.`s`.`t__tmp`');
    expect(dialect.cloneTable(t, src, { shallow: false, version: 3 })).toBe('CREATE OR REPLACE TABLE `main`.`s`.`t` DEEP CLONE `main`.`s`.`t__tmp` VERSION AS OF 3');
    expect(dialect.restoreTable(t, 7)).toBe('RESTORE TABLE `main`.`s`.`t` TO VERSION AS OF 7');
    expect(() => dialect.restoreTable(t, -1)).toThrow(/version/);
  });

  it('says which statements are safe to send twice', () => {
    const safe = [
      'SELECT 1',
      '/* sluice run_id=x */ (SELECT 1)',
      'with a as (select 1) select * from a',
      'SHOW SCHEMAS IN `main`',
      'DESCRIBE TABLE `main`.`s`.`t`',
      dialect.createSchema('main', 's'),
      dialect.createTableAs({ schema: 's', identifier: 't' }, 'select 1'),
      dialect.createViewAs({ schema: 's', identifier: 't' }, 'select 1'),
      'CREATE TABLE IF NOT EXISTS `main`.`s`.`t` (a int)',
      dialect.cloneTable({ schema: 's', identifier: 't' }, { schema: 's', identifier: 'u' }),
      dialect.dropSchema('main', 's'),
      dialect.dropRelation({ schema: 's', identifier: 't' }, 'table'),
      dialect.restoreTable({ schema: 's', identifier: 't' }, 3),
      'SET STATEMENT_TIMEOUT = 60',
    ];
    const unsafe = [
      'INSERT INTO t VALUES (1)',
      'WITH n AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM n',
      dialect.merge({ schema: 's', identifier: 't' }, { schema: 's', identifier: 'u' }, ['id'], ['id']),
      'DELETE FROM t',
      'UPDATE t SET a = 1',
      'CREATE TABLE t (a int)',
      'DROP TABLE t',
      dialect.renameRelation({ schema: 's', identifier: 't' }, 'u', 'table'),
      dialect.addColumns({ schema: 's', identifier: 't' }, [{ name: 'x', type: 'int' }]),
      'TRUNCATE TABLE t',
    ];
    expect(safe.filter((sql) => !isRetrySafe(sql))).toEqual([]);
    expect(unsafe.filter((sql) => isRetrySafe(sql))).toEqual([]);
  });
});

describe('Databricks dialect: statements run through the driver on the emulator', () => {
  let emulator: DatabricksEmulator;
  let warehouse: DatabricksWarehouse;
  const target: Relation = { schema: 'analytics', identifier: 'orders' };
  const source: Relation = { schema: 'analytics', identifier: 'orders__tmp' };
  const rows = async (relation: Relation) => (await warehouse.query(`SELECT * FROM ${dialect.relationName({ database: 'main', ...relation })} ORDER BY k1, k2`)).rows;

  beforeAll(async () => {
    emulator = await startDatabricksEmulator();
    warehouse = await DatabricksWarehouse.open({ target: emulator.target() });
  });
  afterAll(async () => {
    await warehouse?.close();
    await emulator?.stop();
  });

  beforeEach(async () => {
    await warehouse.execute(dialect.dropSchema('main', 'analytics'));
    await warehouse.execute(dialect.createSchema('main', 'analytics'));
    await warehouse.execute(dialect.createTableAs({ database: 'main', ...target }, "select * from values (1, 1, 'old'), (1, 2, 'old'), (2, 1, 'old') as v(k1, k2, status)"));
    await warehouse.execute(dialect.createTableAs({ database: 'main', ...source }, "select * from values (1, 2, 'new'), (3, 1, 'new') as v(k1, k2, status)"));
  });

  it('creates a table with its row count, a view, and drops them', async () => {
    const numbers = { database: 'main', schema: 'analytics', identifier: 'numbers' };
    expect((await warehouse.execute(dialect.createTableAs(numbers, 'select id from range(7) as r(id)'))).rowsAffected).toBe(7);
    await warehouse.execute(dialect.createViewAs({ database: 'main', schema: 'analytics', identifier: 'v' }, 'select count(*) as n from main.analytics.numbers'));
    expect((await warehouse.query('select n from main.analytics.v')).rows).toEqual([{ n: 7 }]);
    await warehouse.execute(dialect.dropRelation({ schema: 'analytics', identifier: 'v' }, 'view'));
    await warehouse.execute(dialect.dropRelation({ schema: 'analytics', identifier: 'numbers' }, 'table'));
    expect((await warehouse.listRelations(undefined, 'analytics')).map((r) => r.identifier)).toEqual(['orders', 'orders__tmp']);
  });

  it('merges on a composite key: updates matched rows, inserts the others', async () => {
    const result = await warehouse.execute(dialect.merge({ database: 'main', ...target }, { database: 'main', ...source }, ['k1', 'k2'], ['k1', 'k2', 'status']));
    expect(result.rowsAffected).toBe(2);
    expect(await rows(target)).toEqual([
      { k1: 1, k2: 1, status: 'old' },
      { k1: 1, k2: 2, status: 'new' },
      { k1: 2, k2: 1, status: 'old' },
      { k1: 3, k2: 1, status: 'new' },
    ]);
  });

  it('merges without a key by inserting every row', async () => {
    await warehouse.execute(dialect.merge(target, source, [], ['k1', 'k2', 'status']));
    expect(await rows(target)).toHaveLength(5);
  });

  it('refuses, as Delta does, a merge whose source has duplicate keys', async () => {
    await warehouse.execute("INSERT INTO main.analytics.orders__tmp VALUES (1, 2, 'newer')");
    const error = await warehouse.execute(dialect.merge(target, source, ['k1', 'k2'], ['k1', 'k2', 'status'])).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE.*SQLSTATE: 21506/);
    expect(await rows(target)).toHaveLength(3);
  });

  it('deletes then inserts on a composite key, and on a single key', async () => {
    for (const sql of dialect.deleteInsert(target, source, ['k1', 'k2'], ['k1', 'k2', 'status'])) await warehouse.execute(sql);
    expect(await rows(target)).toEqual([
      { k1: 1, k2: 1, status: 'old' },
      { k1: 1, k2: 2, status: 'new' },
      { k1: 2, k2: 1, status: 'old' },
      { k1: 3, k2: 1, status: 'new' },
    ]);
    for (const sql of dialect.deleteInsert(target, source, ['k1'], ['k1', 'k2', 'status'])) await warehouse.execute(sql);
    expect(await rows(target)).toEqual([
      { k1: 1, k2: 2, status: 'new' },
      { k1: 2, k2: 1, status: 'old' },
      { k1: 3, k2: 1, status: 'new' },
    ]);
  });

  it('appends with the columns named, in any order', async () => {
    expect((await warehouse.execute(dialect.insertFrom(target, source, ['status', 'k1', 'k2']))).rowsAffected).toBe(2);
    expect(await rows(target)).toHaveLength(5);
  });

  it('renames tables and views within their schema', async () => {
    await warehouse.execute(dialect.renameRelation({ database: 'main', ...target }, 'orders__backup', 'table'));
    await warehouse.execute(dialect.createViewAs({ database: 'main', schema: 'analytics', identifier: 'v1' }, 'select 1 as x'));
    await warehouse.execute(dialect.renameRelation({ database: 'main', schema: 'analytics', identifier: 'v1' }, 'v2', 'view'));
    expect(await warehouse.listRelations('main', 'analytics')).toEqual([
      { identifier: 'orders__backup', type: 'table' },
      { identifier: 'orders__tmp', type: 'table' },
      { identifier: 'v2', type: 'view' },
    ]);
  });

  it('adds columns in one statement', async () => {
    await warehouse.execute(
      dialect.addColumns({ database: 'main', ...target }, [
        { name: 'amount', type: 'decimal(18,2)' },
        { name: 'Note `1`', type: 'string' },
      ]),
    );
    expect(await warehouse.getColumns(target)).toEqual([
      { name: 'k1', type: 'int' },
      { name: 'k2', type: 'int' },
      { name: 'status', type: 'string' },
      { name: 'amount', type: 'decimal(18,2)' },
      { name: 'Note `1`', type: 'string' },
    ]);
  });

  it('inserts literal values with NULLs, booleans and casts', async () => {
    const people: Relation = { database: 'main', schema: 'analytics', identifier: 'people' };
    await warehouse.execute(
      dialect.createTable(people, [
        { name: 'name', type: dialect.seedColumnType('text') },
        { name: 'active', type: dialect.seedColumnType('boolean') },
        { name: 'born', type: dialect.seedColumnType('date') },
        { name: 'score', type: dialect.seedColumnType('number') },
        { name: 'visits', type: dialect.seedColumnType('integer') },
      ]),
    );
    const literals = [
      [dialect.literal("O'Brien"), dialect.literal(true), dialect.cast(dialect.literal('1980-02-29'), 'date'), dialect.literal(1.5), dialect.literal(2 ** 53 + 2)],
      [dialect.literal(null), dialect.literal(false), 'NULL', dialect.literal(-3), dialect.literal(null)],
    ];
    expect((await warehouse.execute(dialect.insertValues(people, ['name', 'active', 'born', 'score', 'visits'], literals))).rowsAffected).toBe(2);
    expect((await warehouse.query('select * from main.analytics.people order by score')).rows).toEqual([
      { name: null, active: false, born: null, score: -3, visits: null },
      { name: "O'Brien", active: true, born: '1980-02-29', score: 1.5, visits: '9007199254740994' },
    ]);
  });

  it('drops a schema with what it holds', async () => {
    await warehouse.execute(dialect.dropSchema('main', 'analytics'));
    expect(await warehouse.listSchemas()).not.toContain('analytics');
  });
});
