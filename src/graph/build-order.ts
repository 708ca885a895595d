/** A topological order of the graph (Kahn's algorithm, ties broken by unique_id for determinism). */
import type { Graph } from './graph.js';

export function buildOrder(graph: Graph): string[] {
  const remaining = new Map<string, number>();
  for (const [id, parents] of graph.parents) remaining.set(id, parents.size);
  const ready = [...remaining.entries()].filter(([, count]) => count === 0).map(([id]) => id).sort();
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    const released: string[] = [];
    for (const child of graph.children.get(id) ?? []) {
      const count = remaining.get(child)! - 1;
      remaining.set(child, count);
      if (count === 0) released.push(child);
    }
    ready.push(...released.sort());
  }
  return order;
}
