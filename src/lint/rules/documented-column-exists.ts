/**
 * SL08 documented-column-exists: every column a model's YAML documents is one the model produces. A
 * documented column that does not exist is a lie in the docs that BI users trust: they build on a field
 * that is not there, and any test on it fails only once the model is built. It is an error, because the
 * check is certain when it runs: the output columns come from SQL that parsed and names every column
 * (`context.outputColumns`); when they are unknown (`select *`, SQL the parser does not understand) the
 * model is skipped.
 */
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { projectModels } from './project-nodes.js';
import { columnPlace } from './project-places.js';

export const documentedColumnExists: ProjectRule = {
  code: 'SL08',
  name: 'documented-column-exists',
  description: "Every column documented in a model's YAML is a column the model's SQL produces.",
  severity: 'error',
  enabledByDefault: true,
  readsFileResults: true,
  check(context) {
    const violations: ProjectViolation[] = [];
    for (const node of projectModels(context)) {
      const documentedColumns = Object.values(node.columns);
      if (!documentedColumns.length) continue;
      const output = context.outputColumns(node);
      if (!output) continue;
      const produced = new Set(output.map((name) => name.toLowerCase()));
      for (const column of documentedColumns) {
        if (produced.has(column.name.toLowerCase())) continue;
        violations.push({
          ...columnPlace(node, column),
          message: `column '${column.name}' is documented for model '${node.name}', which does not produce it (it produces ${output.join(', ')})`,
        });
      }
    }
    return violations;
  },
};
