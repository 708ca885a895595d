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
