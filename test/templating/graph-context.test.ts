/**
 * dbt's `graph` in templates: built once for parsing and once for execution however often templates read it
 * (a project's macros read it in every model), each node's document made only when read.
 */
import { describe, expect, it } from '@jest/globals';
import { openSession } from '../../src/session.js';
import { makeProject } from '../support/project.js';

const OWNER_MACRO = [
  '{% macro owner_of(name) %}',
  "{%- set node = graph.get('nodes', {}).get('model.test_project.' ~ name) -%}",
  "{{ return(node.meta.get('owner', 'nobody') if node else 'unknown') }}",
  '{% endmacro %}',
].join('\n');

function project(models: number) {
  const files: Record<string, string> = {
    'macros/owner_of.sql': OWNER_MACRO,
    'models/schema.yml': ['version: 2', 'models:', '  - name: m0', '    meta: {owner: finance}', '    columns:', '      - name: id', '        data_tests: [not_null]'].join('\n'),
  };
  for (let i = 0; i < models; i++) {
    // Each model reads graph twice while parsing (no execute guard, as real macros are written) and twice when rendered.
    files[`models/m${i}.sql`] = `select '{{ owner_of('m0') }}' as owner, '{{ owner_of('m${i}') }}' as own_owner, {{ graph.nodes | length }} as nodes, ${i} as id`;
  }
  return openSession({ projectDir: makeProject(files) });
}

describe('the graph context variable', () => {
  it('is built once while parsing however many models read it, and once more to execute', () => {
    const session = project(12);
    // Parsing rendered every model: 12 models × 3 reads, one graph.
    expect(session.renderer.graphStats.builds).toBe(1);
    const sql = new Map([...session.graph.nodes.values()].filter((node) => node.resourceType === 'model').map((node) => [node.name, session.renderer.renderWithSourceMap(node).sql]));
    expect(session.renderer.graphStats.builds).toBe(2);
    // What the templates read is the project's nodes: 12 models and the test.
    expect(sql.get('m0')).toBe("select 'finance' as owner, 'finance' as own_owner, 13 as nodes, 0 as id");
    expect(sql.get('m5')).toBe("select 'finance' as owner, 'nobody' as own_owner, 13 as nodes, 5 as id");
  });

  it('makes only the node documents a template reads', () => {
    const session = project(30);
    const before = session.renderer.graphStats.documents;
    session.renderer.renderWithSourceMap(session.graph.nodes.get('model.test_project.m7')!);
    // m0 and m7: not the other 28 models nor the test.
    expect(session.renderer.graphStats.documents - before).toBe(2);
  });

  it('gives every read the same objects, as one dict', () => {
    const files = {
      'models/a.sql': [
        "{% set first = graph.nodes['model.test_project.a'] %}",
        "{{ first is sameas graph.nodes['model.test_project.a'] }} {{ graph.nodes is sameas graph.nodes }}",
        " {{ graph.nodes.keys() | list | length }} {{ 'model.test_project.a' in graph.nodes }}",
        " {{ (graph.nodes.values() | map(attribute='name') | list) }} {{ graph.nodes.items() | map('first') | list }}",
      ].join(''),
      'models/b.sql': 'select 1 as id',
    };
    const session = openSession({ projectDir: makeProject(files) });
    expect(session.renderer.renderWithSourceMap(session.graph.nodes.get('model.test_project.a')!).sql).toBe(
      "True True 2 True ['a', 'b'] ['model.test_project.a', 'model.test_project.b']",
    );
  });
});
