/**
 * What the load/render/plan benchmark measures, as one library call: load the project, parse-render
 * every node, build the graph, compile every model's SQL (execute mode, no warehouse) and order them.
 */
import { openSession } from '../session.js';
import { buildOrder } from '../graph/build-order.js';

export interface PlanSummary {
  nodes: number;
  models: number;
  compiledBytes: number;
}

export function planProject(projectDir: string): PlanSummary {
  const session = openSession({ projectDir, log: () => undefined });
  const order = buildOrder(session.graph);
  let compiledBytes = 0;
  let models = 0;
  for (const id of order) {
    const node = session.graph.nodes.get(id)!;
    if (node.resourceType !== 'model') continue;
    models++;
    compiledBytes += session.renderer.renderSync(node).length;
  }
  return { nodes: session.graph.nodes.size, models, compiledBytes };
}
