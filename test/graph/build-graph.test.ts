/** The graph from rendered refs: edges, unknown refs with a suggestion, cycles with their path. */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { buildOrder } from '../../src/graph/build-order.js';
import { openSession } from '../../src/session.js';
import { makeProject } from '../support/project.js';

function errorOf(work: () => unknown): SluiceError {
  try {
    work();
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('expected a SluiceError');
}

describe('building the graph', () => {
  it('links refs, sources and tests, and orders them', () => {
    const dir = makeProject({
      'models/stg.sql': "select * from {{ source('raw', 'events') }}",
      'models/mart.sql': "{% for i in range(2) %}{% endfor %}select * from {{ ref('stg') }}",
      'models/schema.yml': 'version: 2\nsources:\n  - name: raw\n    tables: [{name: events}]\nmodels:\n  - name: mart\n    columns:\n      - name: id\n        tests: [unique]\n',
    });
    const { graph } = openSession({ projectDir: dir });
    expect([...graph.parents.get('model.test_project.mart')!]).toEqual(['model.test_project.stg']);
    expect([...graph.parents.get('model.test_project.stg')!]).toEqual(['source.test_project.raw.events']);
    const test = [...graph.nodes.values()].find((node) => node.resourceType === 'test')!;
    expect([...graph.parents.get(test.uniqueId)!]).toEqual(['model.test_project.mart']);
    const order = buildOrder(graph);
    expect(order.indexOf('model.test_project.stg')).toBeLessThan(order.indexOf('model.test_project.mart'));
  });

  it('suggests the closest name for an unknown ref, with the line', () => {
    const dir = makeProject({
      'models/customers.sql': 'select 1 as id',
      'models/orders.sql': "select *\nfrom {{ ref('customer') }}",
    });
    const error = errorOf(() => openSession({ projectDir: dir }));
    expect(error.message).toBe("model 'orders' depends on ref('customer'), which was not found");
    expect(error.file).toBe('models/orders.sql');
    expect(error.line).toBe(2);
    expect(error.hint).toBe("did you mean 'customers'?");
  });

  it('rejects an unknown source with a suggestion', () => {
    const dir = makeProject({
      'models/a.sql': "select * from {{ source('raw', 'order') }}",
      'models/schema.yml': 'version: 2\nsources:\n  - name: raw\n    tables: [{name: orders}]\n',
    });
    const error = errorOf(() => openSession({ projectDir: dir }));
    expect(error.message).toContain("source('raw', 'order'), which was not found");
    expect(error.hint).toContain("'raw.orders'");
  });

  it('prints the path of a cycle', () => {
    const dir = makeProject({
      'models/a.sql': "select * from {{ ref('c') }}",
      'models/b.sql': "select * from {{ ref('a') }}",
      'models/c.sql': "select * from {{ ref('b') }}",
    });
    const error = errorOf(() => openSession({ projectDir: dir }));
    expect(error.message).toBe('Found a cycle: a --> b --> c --> a');
  });

  it('takes config() from the model file over the project file', () => {
    const dir = makeProject({
      'dbt_project.yml': 'name: test_project\nprofile: test_project\nmodels:\n  +materialized: table\n',
      'models/a.sql': "{{ config(materialized='view', tags=['x']) }}select 1",
    });
    const { graph } = openSession({ projectDir: dir });
    const node = graph.nodes.get('model.test_project.a')!;
    expect(node.config.materialized).toBe('view');
    expect(node.tags).toEqual(['x']);
  });

  it('reports a Jinja syntax error with file and line before any SQL runs', () => {
    const dir = makeProject({ 'models/a.sql': 'select 1\n{% if true %}\nselect 2\n' });
    const error = errorOf(() => openSession({ projectDir: dir }));
    expect(error.file).toBe('models/a.sql');
    expect(error.line).toBeGreaterThanOrEqual(2);
  });
});
