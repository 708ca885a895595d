/**
 * SL07 documented: every model has a description, and so does every column its YAML lists. The
 * descriptions are what BI users and the next analytics engineer read in the docs and the BI tool; a
 * column listed without one says "this exists" and nothing about what it means. Off by default (most
 * projects document some models and not others): a team turns it on with `lint.rules: { SL07: warning }`.
 */
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { projectModels } from './project-nodes.js';
import { columnPlace, entryPlace } from './project-places.js';

export const documented: ProjectRule = {
  code: 'SL07',
  name: 'documented',
  description: 'Every model has a description, and every column listed in its YAML has one.',
  severity: 'warning',
  enabledByDefault: false,
  check(context) {
    const violations: ProjectViolation[] = [];
    for (const node of projectModels(context)) {
      if (!node.description.trim()) {
        const hint = node.yamlPlace ? 'add a description' : 'describe it in a YAML file (models: - name: … description: …)';
        violations.push({ ...entryPlace(node), message: `model '${node.name}' has no description: ${hint}` });
      }
      for (const column of Object.values(node.columns)) {
        if (column.description.trim()) continue;
        violations.push({ ...columnPlace(node, column), message: `column '${column.name}' of model '${node.name}' has no description` });
      }
    }
    return violations;
  },
};
