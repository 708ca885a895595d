/**
 * The modules `npm run mutate` mutation-tests: where a silent bug costs most. Each names the files
 * Stryker mutates and the test files that may kill their mutants, so that a module's run takes minutes
 * (the whole suite would take hours per module).
 *
 * `testNamePattern`: which of those files' tests run. For promote and rollback, the Databricks half of
 * the tests written once for both warehouses (`on databricks …`) is skipped: those mutants reach the
 * warehouse through the `Warehouse` interface, the same on both, and DuckDB is the faster. The tests
 * written for Databricks alone (Delta versions, RESTORE, VACUUM) still run on the emulator.
 */
export const MODULES = {
  guard: {
    mutate: ['src/plan/guard.ts'],
    tests: ['test/plan/guard.test.ts'],
  },
  fingerprint: {
    mutate: ['src/graph/fingerprint.ts'],
    tests: ['test/plan/fingerprint.test.ts'],
  },
  'value-diff': {
    mutate: ['src/diff/value-diff-sql.ts', 'src/diff/value-diff.ts', 'src/diff/diff-dialect.ts'],
    tests: ['test/diff/value-diff.test.ts', 'test/diff/value-diff-edges.test.ts', 'test/diff/value-diff-databricks.test.ts'],
  },
  limits: {
    mutate: ['src/report/limits.ts'],
    tests: ['test/report/limits.test.ts', 'test/report/limits-sections.test.ts'],
  },
  // The lint rules, in two runs of about half an hour each: the project rules (graph and YAML) and the
  // SQL rules with what they share (query-shape.ts, unique-violations.ts).
  'lint-project-rules': {
    mutate: [
      'src/lint/rules/documented.ts',
      'src/lint/rules/documented-column-exists.ts',
      'src/lint/rules/hard-coded-relation.ts',
      'src/lint/rules/layer-direction.ts',
      'src/lint/rules/layer-naming.ts',
      'src/lint/rules/primary-key-test.ts',
      'src/lint/rules/project-nodes.ts',
      'src/lint/rules/project-places.ts',
      'src/lint/rules/project-rules.ts',
      'src/lint/rules/source-outside-staging.ts',
      'src/lint/rules/staging-reads-sources.ts',
      'src/lint/rules/unused-source.ts',
    ],
    tests: ['test/lint/project-rules.test.ts', 'test/lint/hard-coded-relation.test.ts', 'test/lint/rule-list.test.ts'],
  },
  'lint-sql-rules': {
    mutate: [
      'src/lint/rules/**/*.ts',
      '!src/lint/rules/{documented,documented-column-exists,hard-coded-relation,layer-direction,layer-naming,primary-key-test,project-nodes,project-places,project-rules,source-outside-staging,staging-reads-sources,unused-source}.ts',
    ],
    tests: ['test/lint/sql-rules.test.ts', 'test/lint/rule-list.test.ts', 'test/lint/rf02-with.test.ts', 'test/lint/cp01-real-sql.test.ts', 'test/lint/databricks-parse.test.ts', 'test/lint/rule-edges.test.ts'],
  },
  rollback: {
    mutate: ['src/plan/rollback.ts'],
    tests: ['test/plan/rollback-mutants.test.ts', 'test/plan/environments.test.ts', 'test/plan/adopt.test.ts', 'test/plan/databricks-publish.test.ts'],
    testNamePattern: '^(?!on databricks )',
    timeoutMS: 30_000,
  },
  promote: {
    mutate: ['src/plan/promote.ts'],
    tests: ['test/plan/promote-mutants.test.ts', 'test/plan/environments.test.ts', 'test/plan/databricks-publish.test.ts'],
    testNamePattern: '^(?!on databricks )',
    timeoutMS: 30_000,
  },
};
