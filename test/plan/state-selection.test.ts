/**
 * `state:modified` and `state:new` answer from one lookup table built with the plan, not from a search of
 * the plan per node (which made selection quadratic on large projects).
 */
import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planAgainstProduction } from '../../src/plan/ci.js';
import * as pipeline from '../../src/pipeline.js';
import { openSession } from '../../src/session.js';
import { WAREHOUSES } from '../support/warehouses.js';

const [duckdb] = WAREHOUSES;

describe('state selection after a plan', () => {
  const warehouse = duckdb.use();

  it('answers state:modified and state:new without searching the plan again', async () => {
    const dir = await warehouse.makeProject({
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select id from {{ ref('a') }}",
    });
    await pipeline.promote({ projectDir: dir, out: () => undefined });
    writeFileSync(join(dir, 'models/a.sql'), 'select 2 as id');
    writeFileSync(join(dir, 'models/c.sql'), 'select 3 as id');
    const session = openSession({ projectDir: dir, target: 'prod' });
    const connection = await warehouse.connect(dir);
    const plan = await planAgainstProduction(session, connection, null);
    // The plan's list may change or be read lazily later: the answers must not depend on searching it.
    plan.nodes = new Proxy([], { get: () => { throw new Error('searched the plan again'); } });
    const modified = ['model.test_project.a', 'model.test_project.b', 'model.test_project.c'].map((id) => session.stateModified!(id));
    const isNew = ['model.test_project.a', 'model.test_project.c'].map((id) => session.stateNew!(id));
    expect([modified, isNew]).toEqual([[true, false, true], [false, true]]);
  });
});
