import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DuckDBDialect } from '../../src/warehouse/duckdb/duckdb-dialect.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb/duckdb-warehouse.js';
import type { Relation } from '../../src/warehouse/warehouse.js';

const dialect = new DuckDBDialect();

describe('DuckDB dialect: SQL text', () => {
  it('quotes identifiers and relation names', () => {
    expect(dialect.quoteIdentifier('order')).toBe('"order"');
    expect(dialect.quoteIdentifier('a"b')).toBe('"a""b"');
    expect(dialect.relationName({ schema: 'analytics', identifier: 'dim "x"' })).toBe('"analytics"."dim ""x"""');
    expect(dialect.relationName({ database: 'sluice', schema: 's', identifier: 't' })).toBe('"sluice"."s"."t"');
  });

  it('writes literals', () => {
    expect(dialect.literal(null)).toBe('NULL');
    expect(dialect.literal(true)).toBe('TRUE');
    expect(dialect.literal(false)).toBe('FALSE');
    expect(dialect.literal(-12.5)).toBe('-12.5');
    expect(dialect.literal("O'Brien")).toBe("'O''Brien'");
    expect(dialect.literal(Number.NaN)).toBe("CAST('NaN' AS DOUBLE)");
  });

  it('maps seed types and strategies', () => {
    expect(['integer', 'number', 'date', 'timestamp', 'boolean', 'text'].map((t) => dialect.seedColumnType(t as never))).toEqual([
      'INTEGER',
      'DOUBLE',
      'DATE',
      'TIMESTAMP',
      'BOOLEAN',
      'VARCHAR',
    ]);
    expect(dialect.defaultIncrementalStrategy).toBe('delete+insert');
    expect([...dialect.incrementalStrategies].sort()).toEqual(['append', 'delete+insert', 'merge']);
    expect(dialect.cast("'1'", 'INTEGER')).toBe("CAST('1' AS INTEGER)");
  });

  it('writes DDL and DML', () => {
    const t: Relation = { schema: 's', identifier: 't' };
    const src: Relation = { schema: 's', identifier: 't__tmp' };
    expect(dialect.createSchema('db', 's')).toBe('CREATE SCHEMA IF NOT EXISTS "db"."s"');
    expect(dialect.dropSchema(undefined, 's')).toBe('DROP SCHEMA IF EXISTS "s" CASCADE');
    expect(dialect.createTableAs(t, 'select 1')).toBe('CREATE OR REPLACE TABLE "s"."t" AS\nselect 1');
    expect(dialect.createViewAs(t, 'select 1')).toBe('CREATE OR REPLACE VIEW "s"."t" AS\nselect 1');
    expect(dialect.createTable(t, [{ name: 'id', type: 'INTEGER' }])).toBe('CREATE OR REPLACE TABLE "s"."t" ("id" INTEGER)');
    expect(dialect.dropRelation(t, 'view')).toBe('DROP VIEW IF EXISTS "s"."t"');
    expect(dialect.dropRelation(t, 'table')).toBe('DROP TABLE IF EXISTS "s"."t"');
    expect(dialect.renameRelation(t, 't2', 'table')).toBe('ALTER TABLE "s"."t" RENAME TO "t2"');
    expect(dialect.renameRelation(t, 't2', 'view')).toBe('ALTER VIEW "s"."t" RENAME TO "t2"');
    expect(dialect.insertValues(t, ['a', 'b'], [['1', "'x'"], ['2', 'NULL']])).toBe(
      'INSERT INTO "s"."t" ("a", "b") VALUES\n(1, \'x\'),\n(2, NULL)',
    );
    expect(dialect.insertFrom(t, src, ['a'])).toBe('INSERT INTO "s"."t" ("a")\nSELECT "a" FROM "s"."t__tmp"');
    expect(dialect.deleteInsert(t, src, ['a', 'b'], ['a', 'b', 'c'])[0]).toBe(
      'DELETE FROM "s"."t"\nWHERE ("a", "b") IN (SELECT "a", "b" FROM "s"."t__tmp")',
    );
    expect(dialect.deleteInsert(t, src, [], ['a'])).toEqual([dialect.insertFrom(t, src, ['a'])]);
    expect(dialect.merge(t, src, ['id'], ['id', 'v'])).toBe(
      [
        'MERGE INTO "s"."t" AS DBT_INTERNAL_DEST',
        'USING "s"."t__tmp" AS DBT_INTERNAL_SOURCE',
        'ON DBT_INTERNAL_DEST."id" = DBT_INTERNAL_SOURCE."id"',
        'WHEN MATCHED THEN UPDATE SET "v" = DBT_INTERNAL_SOURCE."v"',
        'WHEN NOT MATCHED THEN INSERT ("id", "v") VALUES (DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."v")',
      ].join('\n'),
    );
    expect(dialect.addColumns(t, [{ name: 'x', type: 'INTEGER' }])).toBe('ALTER TABLE "s"."t" ADD COLUMN "x" INTEGER');
  });
});

describe('DuckDB dialect: statements run on DuckDB', () => {
  let warehouse: DuckDBWarehouse;
  const target: Relation = { schema: 'analytics', identifier: 'orders' };
  const source: Relation = { schema: 'analytics', identifier: 'orders__tmp' };
  const rows = async (relation: Relation) =>
    (await warehouse.query(`SELECT * FROM ${dialect.relationName(relation)} ORDER BY ALL`)).rows;

  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:', threads: 1 });
  });
  afterAll(() => warehouse.close());

  beforeEach(async () => {
    await warehouse.execute(dialect.dropSchema(undefined, 'analytics'));
    await warehouse.execute(dialect.createSchema('memory', 'analytics'));
    await warehouse.execute(dialect.createTableAs(target, "select * from (values (1, 1, 'old'), (1, 2, 'old'), (2, 1, 'old')) v(k1, k2, status)"));
    await warehouse.execute(dialect.createTableAs(source, "select * from (values (1, 2, 'new'), (3, 1, 'new')) v(k1, k2, status)"));
  });

  it('creates a table with its row count, a view, and drops them', async () => {
    const created = await warehouse.execute(dialect.createTableAs({ schema: 'analytics', identifier: 'numbers' }, 'select * from range(7)'));
    expect(created.rowsAffected).toBe(7);
    await warehouse.execute(dialect.createViewAs({ schema: 'analytics', identifier: 'v' }, 'select count(*) as n from analytics.numbers'));
    expect((await warehouse.query('select n from analytics.v')).rows).toEqual([{ n: 7 }]);
    await warehouse.execute(dialect.dropRelation({ schema: 'analytics', identifier: 'v' }, 'view'));
    await warehouse.execute(dialect.dropRelation({ schema: 'analytics', identifier: 'numbers' }, 'table'));
    expect((await warehouse.listRelations(undefined, 'analytics')).map((r) => r.identifier)).toEqual(['orders', 'orders__tmp']);
  });

  it('merges on a composite key: updates matched rows, inserts the others', async () => {
    const result = await warehouse.execute(dialect.merge(target, source, ['k1', 'k2'], ['k1', 'k2', 'status']));
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

  it('deletes then inserts on a composite key', async () => {
    for (const sql of dialect.deleteInsert(target, source, ['k1', 'k2'], ['k1', 'k2', 'status'])) await warehouse.execute(sql);
    expect(await rows(target)).toEqual([
      { k1: 1, k2: 1, status: 'old' },
      { k1: 1, k2: 2, status: 'new' },
      { k1: 2, k2: 1, status: 'old' },
      { k1: 3, k2: 1, status: 'new' },
    ]);
  });

  it('deletes then inserts on a single key', async () => {
    for (const sql of dialect.deleteInsert(target, source, ['k1'], ['k1', 'k2', 'status'])) await warehouse.execute(sql);
    expect(await rows(target)).toEqual([
      { k1: 1, k2: 2, status: 'new' },
      { k1: 2, k2: 1, status: 'old' },
      { k1: 3, k2: 1, status: 'new' },
    ]);
  });

  it('appends with the columns named, in any order', async () => {
    const result = await warehouse.execute(dialect.insertFrom(target, source, ['status', 'k1', 'k2']));
    expect(result.rowsAffected).toBe(2);
    expect(await rows(target)).toHaveLength(5);
  });

  it('renames tables and views', async () => {
    await warehouse.execute(dialect.renameRelation(target, 'orders__backup', 'table'));
    await warehouse.execute(dialect.createViewAs({ schema: 'analytics', identifier: 'v1' }, 'select 1 as x'));
    await warehouse.execute(dialect.renameRelation({ schema: 'analytics', identifier: 'v1' }, 'v2', 'view'));
    expect(await warehouse.listRelations(undefined, 'analytics')).toEqual([
      { identifier: 'orders__backup', type: 'table' },
      { identifier: 'orders__tmp', type: 'table' },
      { identifier: 'v2', type: 'view' },
    ]);
  });

  it('adds columns', async () => {
    await warehouse.execute(
      dialect.addColumns(target, [
        { name: 'amount', type: 'DECIMAL(18,2)' },
        { name: 'Note "1"', type: 'VARCHAR' },
      ]),
    );
    expect(await warehouse.getColumns(target)).toEqual([
      { name: 'k1', type: 'INTEGER' },
      { name: 'k2', type: 'INTEGER' },
      { name: 'status', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(18,2)' },
      { name: 'Note "1"', type: 'VARCHAR' },
    ]);
  });

  it('inserts literal values with quotes, NULLs, booleans and casts', async () => {
    const people: Relation = { database: 'memory', schema: 'analytics', identifier: 'people' };
    await warehouse.execute(
      dialect.createTable(people, [
        { name: 'name', type: 'VARCHAR' },
        { name: 'active', type: 'BOOLEAN' },
        { name: 'born', type: 'DATE' },
        { name: 'score', type: 'DOUBLE' },
      ]),
    );
    const values = [
      ["O'Brien", true, '1980-02-29', 1.5],
      [`it's "quoted"; -- not a comment`, false, null, null],
      [null, null, '2000-01-01', -3],
    ] as const;
    const literals = values.map(([name, active, born, score]) => [
      dialect.literal(name),
      dialect.literal(active),
      born === null ? 'NULL' : dialect.cast(dialect.literal(born), 'DATE'),
      dialect.literal(score),
    ]);
    const result = await warehouse.execute(dialect.insertValues(people, ['name', 'active', 'born', 'score'], literals));
    expect(result.rowsAffected).toBe(3);
    expect((await warehouse.query('select * from analytics.people order by score nulls first')).rows).toEqual([
      { name: `it's "quoted"; -- not a comment`, active: false, born: null, score: null },
      { name: null, active: null, born: '2000-01-01', score: -3 },
      { name: "O'Brien", active: true, born: '1980-02-29', score: 1.5 },
    ]);
  });

  it('drops a schema with what it holds', async () => {
    await warehouse.execute(dialect.dropSchema('memory', 'analytics'));
    expect(await warehouse.listSchemas()).toEqual(['main']);
  });
});
