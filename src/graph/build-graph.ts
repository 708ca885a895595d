/**
 * From loaded nodes to the DAG: a parse-time render of every node (its refs, sources and in-file
 * config), dbt's schema and alias naming, ref resolution with "did you mean", and cycle detection.
 */
import { ProblemList, SluiceError, didYouMean } from '../errors.js';
import { setAsideDisabled } from '../project/load.js';
import { mergeConfig } from '../project/config.js';
import type { Node, Project, RefCall } from '../project/types.js';
import type { Renderer } from '../templating/renderer.js';
import type { Relation } from '../warehouse/warehouse.js';
import { addEdge, addNode, emptyGraph, type Graph } from './graph.js';

const RENDERED_TYPES = new Set(['model', 'snapshot', 'test', 'analysis']);

/**
 * `onNodeError`: lint's tolerant load — a node that does not render, or refers to something unknown, is
 * reported there and kept without those edges, instead of failing the whole project.
 */
export function buildGraph(project: Project, renderer: Renderer, onNodeError?: (node: Node, error: unknown) => void): Graph {
  // Without onNodeError, every node's problem is collected and all are reported together.
  const problems = new ProblemList();
  const tolerate = <T>(node: Node, work: () => T, fallback: T): T => {
    try {
      return work();
    } catch (error) {
      if (onNodeError) onNodeError(node, error);
      else if (error instanceof SluiceError) problems.add(error);
      else throw error;
      return fallback;
    }
  };
  for (const node of [...project.nodes.values(), ...project.sameIdCandidates]) {
    if (node.testMetadata) {
      // A generic test's definition may call config(); the YAML entry's config still wins over it.
      const captured = tolerate(node, () => renderer.parseGenericTest(node), { refs: [], sources: [], config: {}, macros: [] });
      if (Object.keys(captured.config).length) {
        mergeConfig(node.config, captured.config);
        mergeConfig(node.config, node.testMetadata.entryConfig ?? {});
      }
      node.dependsOn.macros = [...new Set([...captured.macros, 'macro.dbt.get_where_subquery'])].sort();
      continue;
    }
    if (!RENDERED_TYPES.has(node.resourceType) || node.language === 'python') continue;
    const capture = tolerate(node, () => renderer.parse(node), { refs: [], sources: [], config: {}, macros: [] });
    node.refs = capture.refs;
    node.sources = capture.sources;
    node.dependsOn.macros = [...new Set(capture.macros)].sort();
    mergeConfig(node.config, capture.config);
  }
  problems.attempt(() => setAsideDisabled(project, true));
  // dbt disables a test whose model (or source) is disabled.
  for (const node of [...project.nodes.values()]) {
    if ((node.resourceType === 'test' || node.resourceType === 'unit_test') && node.attachedNode && !project.nodes.has(node.attachedNode)) {
      project.nodes.delete(node.uniqueId);
      project.disabled.push(node);
    }
  }
  for (const node of project.nodes.values()) {
    node.tags = [...new Set([...(node.config.tags ?? []), ...node.tags])];
    if (node.config.meta && Object.keys(node.config.meta).length) node.meta = { ...node.meta, ...(node.config.meta as Record<string, unknown>) };
  }
  const naming = new RelationNaming(project, renderer);
  for (const node of project.nodes.values()) {
    if (node.resourceType !== 'source' && node.resourceType !== 'exposure' && node.resourceType !== 'unit_test') node.relation = tolerate(node, () => naming.relationFor(node), node.relation);
  }
  const seedOfSource = seedsBehindSources(project);
  const resolver = new RefIndex(project);
  const graph = emptyGraph();
  for (const node of project.nodes.values()) addNode(graph, node);
  for (const node of project.nodes.values()) {
    const parents = new Set<string>();
    for (const ref of node.refs) {
      const parent = tolerate(node, () => resolver.resolveRef(node, ref).uniqueId, null);
      if (parent) parents.add(parent);
    }
    for (const [sourceName, tableName] of node.sources) {
      const parent = tolerate(node, () => resolver.resolveSource(node, sourceName, tableName).uniqueId, null);
      if (parent) parents.add(parent);
    }
    if (node.attachedNode && node.resourceType === 'unit_test') parents.add(node.attachedNode);
    if (node.attachedNode && node.resourceType === 'test') parents.add(node.attachedNode);
    const seed = seedOfSource.get(node.uniqueId);
    if (seed) parents.add(seed);
    node.dependsOn.nodes = [...parents].sort();
    for (const parent of parents) addEdge(graph, parent, node.uniqueId);
  }
  problems.throwIfAny();
  assertAcyclic(graph);
  return graph;
}

/**
 * A source whose table is loaded by one of the project's seeds depends on that seed, so that `build`
 * loads the seed before anything reads the source (dbt leaves this edge out and races).
 */
function seedsBehindSources(project: Project): Map<string, string> {
  const key = (relation: Relation) => `${relation.schema}.${relation.identifier}`.toLowerCase();
  const seeds = new Map<string, Node>();
  for (const node of project.nodes.values()) if (node.resourceType === 'seed') seeds.set(key(node.relation), node);
  const links = new Map<string, string>();
  for (const node of project.nodes.values()) {
    if (node.resourceType !== 'source') continue;
    const seed = seeds.get(key(node.relation));
    const sameDatabase = !seed || !seed.relation.database || !node.relation.database || seed.relation.database.toLowerCase() === node.relation.database.toLowerCase();
    if (seed && sameDatabase) links.set(node.uniqueId, seed.uniqueId);
  }
  return links;
}

/**
 * dbt's generate_database/schema/alias_name. dbt calls the root project's macro when it has one, else the
 * node's own package's, else its own; the built-in rules run here without rendering when neither the root
 * nor the package overrides the macro or its `default__`/adapter implementations.
 */
class RelationNaming {
  private readonly overridden = new Map<string, Record<'schema' | 'alias' | 'database', boolean>>();

  constructor(
    private readonly project: Project,
    private readonly renderer: Renderer,
  ) {}

  private overridesOf(packageName: string): Record<'schema' | 'alias' | 'database', boolean> {
    let overrides = this.overridden.get(packageName);
    if (!overrides) {
      const defines = (component: string) => this.renderer.overridesGenerateName(`generate_${component}_name`, packageName);
      overrides = { schema: defines('schema'), alias: defines('alias'), database: defines('database') };
      this.overridden.set(packageName, overrides);
    }
    return overrides;
  }

  relationFor(node: Node): Relation {
    const target = this.project.profile.target;
    const custom = (key: 'schema' | 'alias' | 'database') => {
      const value = node.config[key];
      return value === undefined || value === null ? null : String(value);
    };
    const viaMacro = (name: string, value: string | null) => String(this.renderer.callGenerateName(name, [value, nodeDict(node)], node)).trim();
    const overridden = this.overridesOf(node.packageName);
    const schema = overridden.schema
      ? viaMacro('generate_schema_name', custom('schema'))
      : custom('schema') === null
        ? String(target.schema).trim()
        : `${String(target.schema).trim()}_${custom('schema')!.trim()}`;
    let identifier: string;
    if (overridden.alias) identifier = viaMacro('generate_alias_name', custom('alias'));
    else if (custom('alias')) identifier = custom('alias')!.trim();
    else if (node.version) identifier = `${node.name}_v${node.version.replace(/\./g, '_')}`;
    else identifier = node.resourceType === 'test' ? node.relation.identifier || node.name : node.name;
    const database = overridden.database ? viaMacro('generate_database_name', custom('database')) : (custom('database') ?? (target.database as string | undefined));
    if (!schema) {
      throw new SluiceError(`The schema of '${node.name}' came out empty`, { file: node.originalFilePath, hint: 'check generate_schema_name and the target schema' });
    }
    // A snapshot's legacy target_schema/target_database are used as written, past generate_*_name (as in dbt).
    const snapshotTarget = (key: string) => (node.resourceType === 'snapshot' && node.config[key] ? String(node.config[key]).trim() : undefined);
    return { database: snapshotTarget('target_database') ?? (database || undefined), schema: snapshotTarget('target_schema') ?? schema, identifier };
  }
}

function nodeDict(node: Node): Record<string, unknown> {
  return { name: node.name, unique_id: node.uniqueId, resource_type: node.resourceType, package_name: node.packageName, version: node.version ?? null, config: node.config, fqn: node.fqn, path: node.path, original_file_path: node.originalFilePath, tags: node.tags };
}

/** Finds what `ref()` and `source()` point at, with dbt's search order: root, the node's package, any. */
export class RefIndex {
  private readonly byName = new Map<string, Node[]>();
  private readonly sources = new Map<string, Node[]>();

  constructor(private readonly project: Project) {
    for (const node of project.nodes.values()) {
      if (node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot') {
        const list = this.byName.get(node.name) ?? [];
        list.push(node);
        this.byName.set(node.name, list);
      } else if (node.resourceType === 'source') {
        const key = `${node.sourceName}.${node.name}`;
        const list = this.sources.get(key) ?? [];
        list.push(node);
        this.sources.set(key, list);
      }
    }
  }

  private ordered<T extends Node>(candidates: T[], from: Node): T[] {
    // dbt's behaviour flag require_ref_prefers_node_package_to_root puts the node's own package first.
    const flags = this.project.projectFile.flags as Record<string, unknown> | undefined;
    const packageFirst = flags?.require_ref_prefers_node_package_to_root === true;
    const rank = (node: Node) =>
      packageFirst
        ? node.packageName === from.packageName ? 0 : node.packageName === this.project.name ? 1 : 2
        : node.packageName === this.project.name ? 0 : node.packageName === from.packageName ? 1 : 2;
    return [...candidates].sort((a, b) => rank(a) - rank(b));
  }

  resolveRef(from: Node, ref: RefCall): Node {
    let candidates = this.byName.get(ref.name) ?? [];
    if (ref.package) candidates = candidates.filter((node) => node.packageName === ref.package);
    if (ref.version !== undefined) candidates = candidates.filter((node) => node.version === ref.version);
    else candidates = candidates.filter((node) => !node.version || node.version === node.latestVersion);
    const found = this.ordered(candidates, from)[0];
    if (found) return found;
    const known = [...this.byName.keys()];
    const described = `ref(${ref.package ? `'${ref.package}', ` : ''}'${ref.name}'${ref.version !== undefined ? `, v=${ref.version}` : ''})`;
    throw new SluiceError(`${from.resourceType} '${from.name}' depends on ${described}, which was not found`, {
      file: from.yamlPlace && from.resourceType !== 'model' ? from.yamlPlace.file : from.originalFilePath,
      line: from.yamlPlace && from.resourceType !== 'model' ? from.yamlPlace.line : lineOfCall(from.rawCode, ref.name),
      hint: didYouMean(ref.name, known) ?? (ref.version !== undefined ? `check the versions of '${ref.name}'` : 'check the model name'),
    });
  }

  resolveSource(from: Node, sourceName: string, tableName: string): Node {
    const found = this.ordered(this.sources.get(`${sourceName}.${tableName}`) ?? [], from)[0];
    if (found) return found;
    const known = [...this.sources.keys()];
    throw new SluiceError(`${from.resourceType} '${from.name}' depends on source('${sourceName}', '${tableName}'), which was not found`, {
      file: from.yamlPlace && from.resourceType !== 'model' ? from.yamlPlace.file : from.originalFilePath,
      line: from.yamlPlace && from.resourceType !== 'model' ? from.yamlPlace.line : lineOfCall(from.rawCode, tableName),
      hint: didYouMean(`${sourceName}.${tableName}`, known) ?? 'declare the table under sources: in a YAML file',
    });
  }
}

function lineOfCall(rawCode: string, name: string): number | undefined {
  const index = rawCode.search(new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`));
  return index < 0 ? undefined : rawCode.slice(0, index).split('\n').length;
}

/** Throws with the cycle's path if the graph has one. */
export function assertAcyclic(graph: Graph): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const child of [...(graph.children.get(id) ?? [])].sort()) {
      const seen = state.get(child);
      if (seen === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(child)), child].map((item) => graph.nodes.get(item)?.name ?? item);
        const first = graph.nodes.get(child);
        throw new SluiceError(`Found a cycle: ${cycle.join(' --> ')}`, {
          file: first?.originalFilePath,
          hint: 'a model cannot depend on itself through its refs: break one of these refs',
        });
      }
      if (!seen) visit(child);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of [...graph.nodes.keys()].sort()) if (!state.has(id)) visit(id);
}
