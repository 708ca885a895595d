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
  'lint-rules': {
    mutate: ['src/lint/rules/**/*.ts'],
    tests: ['test/lint/sql-rules.test.ts', 'test/lint/project-rules.test.ts', 'test/lint/rule-list.test.ts', 'test/lint/rf02-with.test.ts', 'test/lint/cp01-real-sql.test.ts', 'test/lint/databricks-parse.test.ts', 'test/lint/rule-edges.test.ts'],
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
