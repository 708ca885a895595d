/** target/manifest.json in dbt's shape (v12) for the fields Sluice has. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from '../project/types.js';
import type { Session } from '../session.js';
import { nodeDocument } from '../project/node-document.js';
import { DBT_VERSION } from '../dbt-version.js';

function relationName(session: Session, node: Node): string | null {
  if (node.resourceType === 'exposure' || node.resourceType === 'unit_test' || node.config.materialized === 'ephemeral') return null;
  return session.renderer.dialect.relationName(session.resolver.relationOf(node));
}

function nodeEntry(session: Session, node: Node): Record<string, unknown> {
  return nodeDocument(node, { relation: node.relation, relationName: relationName(session, node) });
}

export function manifestDocument(session: Session): Record<string, unknown> {
  const { graph, project } = session;
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  const exposures: Record<string, unknown> = {};
  const unitTests: Record<string, unknown> = {};
  for (const node of graph.nodes.values()) {
    const entry = nodeEntry(session, node);
    if (node.resourceType === 'source') sources[node.uniqueId] = entry;
    else if (node.resourceType === 'exposure') exposures[node.uniqueId] = entry;
    else if (node.resourceType === 'unit_test') unitTests[node.uniqueId] = { ...entry, model: node.unitTest?.model, given: node.unitTest?.given, expect: node.unitTest?.expect };
    else nodes[node.uniqueId] = entry;
  }
  const sortedMap = (edges: Map<string, Set<string>>) => Object.fromEntries([...edges.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, set]) => [id, [...set].sort()]));
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      dbt_version: DBT_VERSION,
      generator: 'sluice',
      generated_at: new Date().toISOString(),
      invocation_id: session.renderer.invocationId,
      project_name: project.name,
      adapter_type: project.profile.target.type,
    },
    nodes,
    sources,
    macros: Object.fromEntries(
      [...project.macros.values()].map((macro) => [macro.uniqueId, { unique_id: macro.uniqueId, name: macro.name, package_name: macro.packageName, original_file_path: macro.originalFilePath }]),
    ),
    docs: Object.fromEntries([...project.docs.entries()].map(([name, text]) => [`doc.${project.name}.${name}`, { name, block_contents: text }])),
    exposures,
    metrics: {},
    groups: {},
    selectors: {},
    // dbt lists disabled nodes by unique_id, each id with every disabled node of that id.
    disabled: Object.fromEntries(
      [...groupById(project.disabled)].sort(([a], [b]) => a.localeCompare(b)).map(([id, nodes]) => [id, nodes.map((node) => nodeEntry(session, node))]),
    ),
    parent_map: sortedMap(graph.parents),
    child_map: sortedMap(graph.children),
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: unitTests,
  };
}

export function writeManifest(session: Session): string {
  const path = join(session.project.targetPath, 'manifest.json');
  mkdirSync(session.project.targetPath, { recursive: true });
  // Compact, as dbt writes it: indenting a big manifest costs more than everything else a plan does.
  writeFileSync(path, JSON.stringify(manifestDocument(session)));
  return path;
}

function groupById(nodes: Node[]): Map<string, Node[]> {
  const groups = new Map<string, Node[]>();
  for (const node of nodes) groups.set(node.uniqueId, [...(groups.get(node.uniqueId) ?? []), node]);
  return groups;
}
