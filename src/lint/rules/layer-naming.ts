/**
 * SL01 layer-naming: a model in a layer's folder carries one of that layer's name prefixes (`stg_` in
 * staging, `dim_`/`fact_`/`mart_` in analytics…). The prefix is how analysts and BI users tell, from a
 * table name alone, whether they are looking at cleaned raw data or at a modelled star schema, and it
 * keeps the warehouse's schemas sorted the way the project is layered. Layers and prefixes come from
 * `lint.layers` in sluice.yml; a layer without prefixes is not checked.
 */
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { modelLayer, projectModels } from './project-nodes.js';

export const layerNaming: ProjectRule = {
  code: 'SL01',
  name: 'layer-naming',
  description: "A model in a layer's folder has a name that starts with one of the layer's prefixes.",
  severity: 'warning',
  enabledByDefault: true,
  check(context) {
    const violations: ProjectViolation[] = [];
    for (const node of projectModels(context)) {
      const layer = modelLayer(context, node)?.layer;
      if (!layer || !layer.prefixes.length) continue;
      const name = node.name.toLowerCase();
      if (layer.prefixes.some((prefix) => name.startsWith(prefix.toLowerCase()))) continue;
      violations.push({
        file: node.originalFilePath,
        line: 1,
        column: 1,
        message: `model '${node.name}' is in the ${layer.name} layer, so its name should start with ${layer.prefixes.join(' or ')}`,
      });
    }
    return violations;
  },
};
