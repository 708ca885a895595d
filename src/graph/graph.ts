/**
 * The project's DAG: nodes and their edges, built from what rendering found (`ref`, `source`,
 * `depends_on`). Tests are children of what they test.
 */
import type { Node } from '../project/types.js';

export interface Graph {
  nodes: Map<string, Node>;
  /** unique_id → the unique_ids it depends on. Every node has an entry. */
  parents: Map<string, Set<string>>;
  /** unique_id → the unique_ids that depend on it. Every node has an entry. */
  children: Map<string, Set<string>>;
}

export function emptyGraph(): Graph {
  return { nodes: new Map(), parents: new Map(), children: new Map() };
}

export function addNode(graph: Graph, node: Node): void {
  graph.nodes.set(node.uniqueId, node);
  if (!graph.parents.has(node.uniqueId)) graph.parents.set(node.uniqueId, new Set());
  if (!graph.children.has(node.uniqueId)) graph.children.set(node.uniqueId, new Set());
}

export function addEdge(graph: Graph, parent: string, child: string): void {
  graph.parents.get(child)!.add(parent);
  graph.children.get(parent)!.add(child);
}

/** Every node reachable by following `edges` from `start`, up to `depth` steps (start excluded). */
export function reachable(edges: Map<string, Set<string>>, start: Iterable<string>, depth = Infinity): Set<string> {
  const seen = new Set<string>();
  let frontier = [...start];
  for (let step = 0; step < depth && frontier.length; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const neighbour of edges.get(id) ?? []) {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

export const ancestors = (graph: Graph, ids: Iterable<string>, depth?: number) => reachable(graph.parents, ids, depth);
export const descendants = (graph: Graph, ids: Iterable<string>, depth?: number) => reachable(graph.children, ids, depth);
