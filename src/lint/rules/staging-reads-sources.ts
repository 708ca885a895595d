/**
 * SL02 staging-reads-sources: a staging model selects from sources (and seeds, which are raw data
 * loaded from CSV), never from another model. Staging is the one place where raw data is cleaned, one
 * staging model per source table; a staging model that reads a model mixes cleaning with modelling,
 * and its output changes whenever that model does, so the layer stops being a stable base. Joins and
 * unions of staging models belong in the next layer up.
 */
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { isStagingLayer, modelLayer, projectModels } from './project-nodes.js';
import { refCallPlace } from './project-places.js';

const MODEL_LIKE = new Set(['model', 'snapshot']);

export const stagingReadsSources: ProjectRule = {
  code: 'SL02',
  name: 'staging-reads-sources',
  description: 'A staging model reads only sources and seeds, never another model or snapshot.',
  severity: 'warning',
  enabledByDefault: true,
  check(context) {
    const violations: ProjectViolation[] = [];
    for (const node of projectModels(context)) {
      const layer = modelLayer(context, node);
      if (!isStagingLayer(context, layer)) continue;
      for (const parentId of context.graph.parents.get(node.uniqueId) ?? []) {
        const parent = context.graph.nodes.get(parentId);
        if (!parent || !MODEL_LIKE.has(parent.resourceType)) continue;
        violations.push({
          ...refCallPlace(node, parent.name),
          message: `${layer!.layer.name} model '${node.name}' reads ${parent.resourceType} '${parent.name}': ${layer!.layer.name} models read only sources and seeds (move the join to a higher layer)`,
        });
      }
    }
    return violations;
  },
};
