/**
 * SL06 primary-key-test: every model that is built (not ephemeral) has its key tested, by either
 * - one column (or a model-level `column_name` expression) with both a `unique` and a `not_null` test, or
 * - a `dbt_utils.unique_combination_of_columns` test, for keys of several columns.
 * A `unique_key` config or `meta.primary_key` alone does not count: it declares a key but tests nothing;
 * the finding names it, so the fix is to test those columns. Without a tested key, duplicated rows go
 * unnoticed, incremental merges multiply them, and Sluice's data diff has no key to compare rows by.
 */
import { primaryKeyFor } from '../../diff/primary-key.js';
import type { Node } from '../../project/types.js';
import type { ProjectRule, ProjectViolation } from '../rule.js';
import { projectModels } from './project-nodes.js';
import { entryPlace } from './project-places.js';

/** The tested column of a generic test: the column it is listed under, or its `column_name` argument. */
function testedColumn(test: Node): string | undefined {
  const argument = test.testMetadata?.kwargs.column_name;
  return (test.columnName ?? (typeof argument === 'string' ? argument : undefined))?.trim().toLowerCase();
}

function hasKeyTest(tests: Node[]): boolean {
  const unique = new Set<string>();
  const notNull = new Set<string>();
  for (const test of tests) {
    const { name, namespace } = test.testMetadata!;
    if (name === 'unique_combination_of_columns' && namespace === 'dbt_utils') return true;
    const column = testedColumn(test);
    if (column === undefined) continue;
    if (name === 'unique') unique.add(column);
    else if (name === 'not_null') notNull.add(column);
  }
  for (const column of unique) if (notNull.has(column)) return true;
  return false;
}

export const primaryKeyTest: ProjectRule = {
  code: 'SL06',
  name: 'primary-key-test',
  description: 'Every built model has a primary-key test: a column with unique and not_null tests, or dbt_utils.unique_combination_of_columns.',
  severity: 'warning',
  enabledByDefault: true,
  check(context) {
    const testsOf = new Map<string, Node[]>();
    for (const node of context.graph.nodes.values()) {
      if (node.resourceType !== 'test' || !node.testMetadata || !node.attachedNode) continue;
      const tests = testsOf.get(node.attachedNode);
      if (tests) tests.push(node);
      else testsOf.set(node.attachedNode, [node]);
    }
    const violations: ProjectViolation[] = [];
    for (const node of projectModels(context)) {
      if (node.config.materialized === 'ephemeral' || hasKeyTest(testsOf.get(node.uniqueId) ?? [])) continue;
      const declared = primaryKeyFor({ uniqueKey: node.config.unique_key, meta: node.meta });
      const advice = declared
        ? `test its key ${declared.columns.join(', ')} (from ${declared.source}) with ${declared.columns.length > 1 ? 'dbt_utils.unique_combination_of_columns' : 'unique and not_null'}`
        : 'give its key column unique and not_null tests';
      violations.push({ ...entryPlace(node), message: `model '${node.name}' has no primary-key test: ${advice}` });
    }
    return violations;
  },
};
