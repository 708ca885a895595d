/** The guard: what a statement writes, and refusing writes outside the environment before they run. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { defaultSluiceConfig } from '../../src/project/sluice-config.js';
import { pullRequestEnvironment } from '../../src/plan/environment.js';
import { GuardViolation, checkStatement, guardedWarehouse, writeTargets } from '../../src/plan/guard.js';
import { connectWarehouse } from '../../src/warehouse/connect.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';

const environment = pullRequestEnvironment('pr_7', defaultSluiceConfig());
const open: Warehouse[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

describe('writeTargets', () => {
  it('finds the target of each kind of write, past comments and string literals', () => {
    const sql = [
      "/* sluice run */ create or replace table \"db\".\"sluice_pr_7__main\".\"a\" as select 'insert into main.x' as s",
      'insert into sluice_pr_7__main.b select 1',
      '-- merge into main.y\nmerge into `cat`.`sluice_pr_7__main`.`c` as t using s on t.id = s.id when matched then update set *',
      'create schema if not exists "sluice_pr_7__main"',
      'select * from main.orders',
    ].join(';\n');
    expect(writeTargets(sql).map((target) => [target.verb, target.database, target.schema, target.identifier])).toEqual([
      ['CREATE', 'db', 'sluice_pr_7__main', 'a'],
      ['INSERT', undefined, 'sluice_pr_7__main', 'b'],
      ['MERGE', 'cat', 'sluice_pr_7__main', 'c'],
      ['CREATE SCHEMA', undefined, 'sluice_pr_7__main', undefined],
    ]);
  });

  it('ignores temporary tables, which live in the session', () => {
    expect(writeTargets('create temp table staging (a varchar)')).toEqual([]);
  });
});

describe('checkStatement', () => {
  const refused = (sql: string) => {
    try {
      checkStatement(sql, environment);
    } catch (error) {
      if (error instanceof GuardViolation) return error.message;
      throw error;
    }
    return null;
  };

  it('allows writes inside the environment and reads from anywhere', () => {
    expect(refused('create or replace view "sluice_pr_7__main"."v" as select * from "main"."orders"')).toBeNull();
    expect(refused('select count(*) from main.orders')).toBeNull();
  });

  it('refuses writes to production, to another pull request, and unqualified writes', () => {
    expect(refused('drop table "main"."orders"')).toBe("Refused DROP of main.orders: it is outside environment 'pr_7'");
    expect(refused('insert into sluice_pr_70__main.orders select 1')).toContain("outside environment 'pr_7'");
    expect(refused('delete from orders')).toContain('unqualified');
    expect(refused('create schema main_analytics')).toContain('outside');
  });

  it('refuses statements that would change where later ones write', () => {
    expect(refused('use main')).toContain("'USE'");
    expect(refused("attach 'other.duckdb' as other")).toContain("'ATTACH'");
  });
});

describe('guardedWarehouse', () => {
  it('never sends a refused statement', async () => {
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
    open.push(warehouse);
    const guarded = guardedWarehouse(warehouse, environment);
    await expect(guarded.execute('create table main.victim as select 1 as id')).rejects.toThrow(GuardViolation);
    expect(await warehouse.getRelationType({ schema: 'main', identifier: 'victim' })).toBeNull();
    await guarded.execute('create schema sluice_pr_7__main');
    await guarded.execute('create table sluice_pr_7__main.ok as select 1 as id');
    expect(await warehouse.getRelationType({ schema: 'sluice_pr_7__main', identifier: 'ok' })).toBe('table');
    await expect(guarded.insertRows!({ schema: 'main', identifier: 'victim' }, [{ name: 'id', type: 'integer' }], [[1]])).rejects.toThrow(GuardViolation);
  });
});

describe('every kind of write, in upper case too', () => {
  const violation = (sql: string): GuardViolation => {
    try {
      checkStatement(sql, environment);
    } catch (error) {
      if (error instanceof GuardViolation) return error;
      throw error;
    }
    throw new Error(`not refused: ${sql}`);
  };

  it.each([
    ['CREATE OR REPLACE SCHEMA main', 'CREATE SCHEMA', 'main'],
    ['DROP SCHEMA IF EXISTS main', 'DROP SCHEMA', 'main'],
    ['DROP DATABASE main', 'DROP SCHEMA', 'main'],
    ['CREATE OR REPLACE TABLE main.t AS SELECT 1', 'CREATE', 'main.t'],
    ['CREATE MATERIALIZED VIEW IF NOT EXISTS main.t AS SELECT 1', 'CREATE', 'main.t'],
    ['CREATE TRANSIENT TABLE main.t (a INT)', 'CREATE', 'main.t'],
    ['REPLACE TABLE main.t AS SELECT 1', 'REPLACE TABLE', 'main.t'],
    ['DROP TABLE IF EXISTS main.t', 'DROP', 'main.t'],
    ['DROP MATERIALIZED VIEW main.t', 'DROP', 'main.t'],
    ['ALTER TABLE IF EXISTS main.t RENAME TO u', 'ALTER', 'main.t'],
    ['ALTER VIEW main.t AS SELECT 2', 'ALTER', 'main.t'],
    ['INSERT INTO main.t SELECT 1', 'INSERT', 'main.t'],
    ['INSERT OVERWRITE TABLE main.t SELECT 1', 'INSERT', 'main.t'],
    ['MERGE WITH SCHEMA EVOLUTION INTO main.t USING s ON t.id = s.id WHEN MATCHED THEN DELETE', 'MERGE', 'main.t'],
    ['DELETE FROM main.t WHERE 1 = 1', 'DELETE', 'main.t'],
    ['UPDATE main.t SET a = 1', 'UPDATE', 'main.t'],
    ['TRUNCATE TABLE main.t', 'TRUNCATE', 'main.t'],
    ['TRUNCATE main.t', 'TRUNCATE', 'main.t'],
    ['RESTORE TABLE main.t TO VERSION AS OF 1', 'RESTORE', 'main.t'],
    ["COPY INTO main.t FROM '/data'", 'COPY INTO', 'main.t'],
    ["COMMENT ON TABLE main.t IS 'x'", 'COMMENT ON', 'main.t'],
    ["COMMENT ON VIEW main.t IS 'x'", 'COMMENT ON', 'main.t'],
    ["COMMENT ON COLUMN main.t.a IS 'x'", 'COMMENT ON COLUMN', 'main.t'],
  ])('%s is a %s of %s', (sql, verb, where) => {
    expect(violation(sql).message).toBe(`Refused ${verb} of ${where}: it is outside environment 'pr_7'`);
    expect(writeTargets(sql.toLowerCase()).map((target) => target.verb)).toEqual([verb]);
  });

  it('says what was refused and why, with the statement and a hint', () => {
    const error = violation('DROP TABLE main.t');
    expect(error.name).toBe('GuardViolation');
    expect(error.statement).toBe('DROP TABLE main.t');
    expect(error.hint).toBe('a hook, macro or run_query of the project (or a bug in Sluice) tried to write outside the environment: nothing was executed');
  });

  it('refuses a statement it cannot check, naming its first 80 characters', () => {
    const long = `CALL do_something(${'x'.repeat(100)})`;
    const error = violation(`select 1;\n  ${long}  `);
    expect(error.message).toBe(`Refused a statement the guard cannot check: ${long.slice(0, 80)}`);
    expect(error.statement).toBe(long);
    // Spark statements that write but that the guard does not know, though they name a harmless word later on.
    expect(violation('ANALYZE TABLE main.t COMPUTE STATISTICS').message).toContain('cannot check');
    expect(violation('CACHE TABLE main.t AS SELECT 1').message).toContain('cannot check');
    // A word that only ends like a forbidden statement is not that statement.
    expect(violation('unload main.t').message).toBe('Refused a statement the guard cannot check: unload main.t');
  });

  it('names a refused statement by its first word, trimmed, and keeps its own text', () => {
    const error = violation('select 1;\n  USE main ;');
    expect(error.message).toBe("Refused a 'USE' statement in a pull request environment");
    expect(error.statement).toBe('USE main');
    expect(violation("/* setup */ select ';' as s;\nPRAGMA threads=4").statement).toBe('PRAGMA threads=4');
    expect(violation("-- setup; here\nselect 1;\nPRAGMA threads=4").statement).toBe('PRAGMA threads=4');
  });

  it('lets through reads, transactions and names that only contain a forbidden word', () => {
    for (const sql of ['select amount as load from main.t', 'SELECT x.use FROM main.t AS x', 'begin; commit', 'VALUES (1)', 'explain select 1', '(select 1)', 'select 1;; select 2;  ']) {
      expect(writeTargets(sql)).toEqual([]);
    }
  });
});

describe('statements, comments and literals', () => {
  const targets = (sql: string) => writeTargets(sql).map((target) => `${target.verb} ${[target.database, target.schema, target.identifier].filter(Boolean).join('.')}`);

  it('does not split on a semicolon inside a literal, a comment or an escaped quote', () => {
    expect(targets("select 'a; use main' as s")).toEqual([]);
    expect(targets("select 'it\\'s; use main' as s")).toEqual([]);
    expect(targets("select 'it''s; use main' as s")).toEqual([]);
    expect(targets('select 1 -- ; use main')).toEqual([]);
    expect(targets('select 1 /* ; use main */')).toEqual([]);
    expect(targets('select 1 /*/ ; use main */')).toEqual([]);
    expect(targets('select 1 /* never closed; use main')).toEqual([]);
    expect(targets("select 'never closed; use main")).toEqual([]);
  });

  it('ends a literal at its closing quote, an empty literal too', () => {
    expect(() => writeTargets("select '' as a; use main")).toThrow("Refused a 'USE' statement");
    expect(() => writeTargets("select 'a' as a; use main")).toThrow("Refused a 'USE' statement");
    expect(() => writeTargets("select 'a\\\\'; use main")).toThrow("Refused a 'USE' statement");
    expect(() => writeTargets("select '")).not.toThrow();
  });

  it('ends a line comment at the line break, and a block comment at its end', () => {
    expect(targets('-- note\ninsert into s.t select 1')).toEqual(['INSERT s.t']);
    expect(targets('/* a\nb */ insert into s.t select 1 -- trailing')).toEqual(['INSERT s.t']);
    expect(targets("select 4 / 2; drop table s.t")).toEqual(['DROP s.t']);
    expect(targets('select 5 - 2; drop table s.t')).toEqual(['DROP s.t']);
    expect(targets("select 'x' /* c */; drop table s.t")).toEqual(['DROP s.t']);
  });

  it('reads quoted names with escaped quotes, and a schema in a catalog', () => {
    expect(writeTargets('create table "s"."we""ird" (a int)')[0]).toMatchObject({ schema: 's', identifier: 'we"ird' });
    expect(writeTargets('create table `s`.`we``ird` (a int)')[0]).toMatchObject({ schema: 's', identifier: 'we`ird' });
    expect(writeTargets('create schema "cat"."sluice_pr_7__main"')).toEqual([{ kind: 'schema', verb: 'CREATE SCHEMA', database: 'cat', schema: 'sluice_pr_7__main' }]);
    expect(writeTargets('create schema sluice_pr_7__main')).toEqual([{ kind: 'schema', verb: 'CREATE SCHEMA', database: undefined, schema: 'sluice_pr_7__main' }]);
  });
});

describe('guardedWarehouse, every path', () => {
  it('checks each statement of a transaction before any runs, and runs allowed ones', async () => {
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
    open.push(warehouse);
    const guarded = guardedWarehouse(warehouse, environment);
    expect(guarded.transaction).toBeDefined();
    await expect(guarded.transaction!(['create schema sluice_pr_7__main', 'create table main.victim as select 1 as id'])).rejects.toThrow(GuardViolation);
    expect(await warehouse.listSchemas()).not.toContain('sluice_pr_7__main');
    await guarded.transaction!(['create schema sluice_pr_7__main', 'create table sluice_pr_7__main.ok as select 1 as id']);
    expect(await warehouse.getRelationType({ schema: 'sluice_pr_7__main', identifier: 'ok' })).toBe('table');
  });

  it('refuses query() writes, and answers its reads', async () => {
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
    open.push(warehouse);
    const guarded = guardedWarehouse(warehouse, environment);
    await expect(guarded.query('create table main.victim as select 1 as id')).rejects.toThrow(GuardViolation);
    expect((await guarded.query('select 41 + 1 as answer')).rows).toEqual([{ answer: 42 }]);
  });

  it('bulk-inserts inside the environment, and refuses elsewhere with the relation named', async () => {
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 1, path: ':memory:' });
    open.push(warehouse);
    await warehouse.execute('create schema sluice_pr_7__main');
    await warehouse.execute('create table sluice_pr_7__main.t (id integer)');
    await warehouse.execute('create table main.victim (id integer)');
    const guarded = guardedWarehouse(warehouse, environment);
    await guarded.insertRows!({ schema: 'sluice_pr_7__main', identifier: 't' }, [{ name: 'id', type: 'integer' }], [[1], [2]]);
    expect((await warehouse.query('select count(*)::int as n from sluice_pr_7__main.t')).rows).toEqual([{ n: 2 }]);
    await expect(guarded.insertRows!({ schema: 'main', identifier: 'victim' }, [{ name: 'id', type: 'integer' }], [[1]])).rejects.toThrow(
      "Refused a bulk insert into main.victim: it is outside environment 'pr_7'",
    );
    await expect(guarded.insertRows!({ schema: 'main', identifier: 'victim' }, [{ name: 'id', type: 'integer' }], [[1]])).rejects.toMatchObject({ statement: 'insertRows' });
  });
});
