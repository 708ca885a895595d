/** Evaluating a selectors.yml definition (src/project/selectors-file.ts) on the graph: set algebra over selections. */
import type { SelectionSpec } from '../project/selectors-file.js';
import type { Graph } from './graph.js';
import { NodeIndex, selectNodes, type SelectOptions } from './selector.js';

/** `index`: the graph's, shared by every criterion of the definition. */
export function evaluateSelection(
  spec: SelectionSpec,
  graph: Graph,
  options: Omit<SelectOptions, 'select' | 'exclude' | 'resourceTypes'>,
  index: NodeIndex = new NodeIndex(graph),
): Set<string> {
  switch (spec.kind) {
    case 'criterion':
      return selectNodes(graph, { ...options, select: [spec.text], indirectSelection: spec.indirectSelection ?? options.indirectSelection }, index);
    case 'union': {
      const union = new Set<string>();
      for (const part of spec.parts) for (const id of evaluateSelection(part, graph, options, index)) union.add(id);
      return union;
    }
    case 'intersection': {
      const [first, ...rest] = spec.parts.map((part) => evaluateSelection(part, graph, options, index));
      return new Set([...(first ?? [])].filter((id) => rest.every((set) => set.has(id))));
    }
    case 'difference': {
      const minus = evaluateSelection(spec.minus, graph, options, index);
      return new Set([...evaluateSelection(spec.base, graph, options, index)].filter((id) => !minus.has(id)));
    }
  }
}
