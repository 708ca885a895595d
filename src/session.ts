/**
 * A session is a loaded, parsed project ready to compile and execute: the project, its renderer, its
 * graph and how refs resolve. Every command starts by opening one.
 */
import { ProblemList } from './errors.js';
import { snapshotSettings } from './execute/snapshot-config.js';
import { RefIndex, buildGraph } from './graph/build-graph.js';
import type { Graph } from './graph/graph.js';
import { loadProject, type LoadOptions } from './project/load.js';
import { loadSluiceConfig, type SluiceConfig } from './project/sluice-config.js';
import type { Node, Project } from './project/types.js';
import { Renderer, type RefResolver } from './templating/renderer.js';
import { dialectFor } from './warehouse/dialects.js';
import type { Relation } from './warehouse/warehouse.js';

export interface Session {
  project: Project;
  renderer: Renderer;
  graph: Graph;
  refs: RefIndex;
  resolver: RefResolver;
  /** sluice.yml, or its defaults. */
  config: SluiceConfig;
  /** Set when a production state is known, for the `state:modified` selector. */
  stateModified?: (uniqueId: string) => boolean;
  /** Set with it, for `state:new`. */
  stateNew?: (uniqueId: string) => boolean;
  /** With `keepGoing`: the nodes that failed to parse or resolve, with their error (compile reports them). */
  nodeErrors: Map<string, unknown>;
}

export interface SessionOptions extends LoadOptions {
  log?: (message: string) => void;
  runStartedAt?: Date;
  invocationId?: string;
  /** Lint: a node that does not render or refers to something unknown is reported here, not thrown. */
  onNodeError?: (node: Node, error: unknown) => void;
  /** Compile: such a node is kept in `nodeErrors` and the rest of the project still loads. */
  keepGoing?: boolean;
}

export function openSession(options: SessionOptions): Session {
  const project = loadProject(options);
  const renderer = new Renderer({
    project,
    dialect: dialectFor(project.profile.target.type),
    log: options.log,
    env: options.env,
    runStartedAt: options.runStartedAt,
    invocationId: options.invocationId,
  });
  const nodeErrors = new Map<string, unknown>();
  const onNodeError = options.onNodeError ?? (options.keepGoing ? (node: Node, error: unknown) => nodeErrors.set(node.uniqueId, nodeErrors.get(node.uniqueId) ?? error) : undefined);
  const graph = buildGraph(project, renderer, onNodeError);
  checkSnapshots(project, onNodeError);
  const refs = new RefIndex(project);
  const resolver: RefResolver = {
    ref: (from, call) => refs.resolveRef(from, call),
    source: (from, sourceName, tableName) => refs.resolveSource(from, sourceName, tableName),
    relationOf: (node: Node): Relation => node.relation,
  };
  renderer.resolver = resolver;
  const config = loadSluiceConfig(project.root, project.warnings);
  return { project, renderer, graph, refs, resolver, config, nodeErrors };
}

/** A snapshot dbt would refuse (no unique_key, an unknown strategy, no check_cols …) stops the command here, before any SQL. */
function checkSnapshots(project: Project, onNodeError?: (node: Node, error: unknown) => void): void {
  const problems = new ProblemList();
  for (const node of project.nodes.values()) {
    if (node.resourceType !== 'snapshot') continue;
    if (onNodeError) {
      try {
        snapshotSettings(node);
      } catch (error) {
        onNodeError(node, error);
      }
    } else problems.attempt(() => snapshotSettings(node));
  }
  problems.throwIfAny();
}

/** Points refs at other relations (an environment, deferral) for what runs next. */
export function useRelations(session: Session, relationOf: (node: Node) => Relation): void {
  const resolver: RefResolver = { ...session.resolver, relationOf };
  session.resolver = resolver;
  session.renderer.resolver = resolver;
}
