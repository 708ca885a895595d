/**
 * SL03 source-outside-staging: only models in the staging layer (the lowest layer in sluice.yml) read
 * sources. A mart or dimension that reads raw data directly skips the cleaning that staging does (types,
 * names, codes), so two models can disagree about the same source, and a change in the raw data reaches
 * BI users without passing the staging tests. Models in no layer count as outside staging; without a
 * staging layer in effect (layers-in-effect.ts) the rule has nothing to check.
 */
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { isStagingLayer, modelLayer, projectModels, stagingLayer } from './project-nodes.js';
import { sourceCallPlace } from './project-places.js';

export const sourceOutsideStaging: ProjectRule = {
  code: 'SL03',
  name: 'source-outside-staging',
  description: 'No model outside the staging layer reads a source directly: it reads the staging model instead.',
  severity: 'warning',
  enabledByDefault: true,
  check(context) {
    const violations: ProjectViolation[] = [];
    const staging = stagingLayer(context);
    if (!staging) return violations;
    for (const node of projectModels(context)) {
      const layer = modelLayer(context, node);
      if (isStagingLayer(context, layer)) continue;
      for (const parentId of context.graph.parents.get(node.uniqueId) ?? []) {
        const parent = context.graph.nodes.get(parentId);
        if (parent?.resourceType !== 'source') continue;
        const where = layer ? `${layer.layer.name} model` : 'model';
        violations.push({
          ...sourceCallPlace(node, parent.sourceName ?? '', parent.name),
          message: `${where} '${node.name}' reads source '${parent.sourceName}.${parent.name}' directly: read it through a ${staging.name} model`,
        });
      }
    }
    return violations;
  },
};
