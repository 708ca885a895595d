/**
 * SL04 layer-direction: data flows up the layers (staging → intermediate → analytics, as listed in
 * sluice.yml, lowest first); a model never refs a model of a higher layer. A staging model that reads a
 * mart ties the base of the project to its top: every change to the mart rebuilds what the mart is built
 * from, and the next step is a cycle. It is an error because no layering survives it.
 */
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { modelLayer, projectModels } from './project-nodes.js';
import { refCallPlace } from './project-places.js';

export const layerDirection: ProjectRule = {
  code: 'SL04',
  name: 'layer-direction',
  description: 'No model refs a model in a higher layer: refs go from higher layers down to lower ones.',
  severity: 'error',
  enabledByDefault: true,
  check(context) {
    const violations: ProjectViolation[] = [];
    for (const node of projectModels(context)) {
      const layer = modelLayer(context, node);
      if (!layer) continue;
      for (const parentId of context.graph.parents.get(node.uniqueId) ?? []) {
        const parent = context.graph.nodes.get(parentId);
        if (parent?.resourceType !== 'model') continue;
        const parentLayer = modelLayer(context, parent);
        if (!parentLayer || parentLayer.rank <= layer.rank) continue;
        violations.push({
          ...refCallPlace(node, parent.name),
          message: `${layer.layer.name} model '${node.name}' reads '${parent.name}' from the higher ${parentLayer.layer.name} layer: a layer reads only its own and lower layers`,
        });
      }
    }
    return violations;
  },
};
