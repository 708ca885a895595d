/**
 * SL09 unused-source: every source table declared in YAML is read by something: a model, a snapshot,
 * an exposure, or a test other than the source's own tests. A declared table nobody reads still has
 * its tests and freshness checks run on every deploy, and it tells readers the project depends on data
 * it does not use.
 */
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { entryPlace } from './project-places.js';

export const unusedSource: ProjectRule = {
  code: 'SL09',
  name: 'unused-source',
  description: 'Every declared source table is read by a model, snapshot, exposure or test of something else.',
  severity: 'warning',
  enabledByDefault: true,
  check(context) {
    const violations: ProjectViolation[] = [];
    for (const node of context.graph.nodes.values()) {
      if (node.resourceType !== 'source' || node.packageName !== context.project.name) continue;
      let read = false;
      for (const childId of context.graph.children.get(node.uniqueId) ?? []) {
        const child = context.graph.nodes.get(childId);
        if (child && !(child.resourceType === 'test' && child.attachedNode === node.uniqueId)) {
          read = true;
          break;
        }
      }
      if (read) continue;
      violations.push({
        ...entryPlace(node),
        message: `source '${node.sourceName}.${node.name}' is declared but nothing reads it: read it with {{ source('${node.sourceName}', '${node.name}') }} or remove it`,
      });
    }
    return violations;
  },
};
