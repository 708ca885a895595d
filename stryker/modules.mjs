/**
 * The modules `npm run mutate` mutation-tests: where a silent bug costs most. Each names the files
 * Stryker mutates and the test files that may kill their mutants, so that a module's run takes minutes
 * (the whole suite would take hours per module).
 *
 * `onlyDuckDb`: the tests run on DuckDB only (the Databricks emulator's half of a shared test
 * definition is skipped), which keeps the mutants meaningful: promote and rollback reach the warehouse
 * through the `Warehouse` interface, the same on both.
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
    tests: ['test/diff/value-diff.test.ts', 'test/diff/value-diff-databricks.test.ts'],
  },
  limits: {
    mutate: ['src/report/limits.ts'],
    tests: ['test/report/limits.test.ts'],
  },
  'lint-rules': {
    mutate: ['src/lint/rules/**/*.ts'],
    tests: ['test/lint/sql-rules.test.ts', 'test/lint/project-rules.test.ts'],
  },
  rollback: {
    mutate: ['src/plan/rollback.ts'],
    tests: ['test/plan/rollback-mutants.test.ts', 'test/plan/environments.test.ts'],
    onlyDuckDb: true,
  },
  promote: {
    mutate: ['src/plan/promote.ts'],
    tests: ['test/plan/promote-mutants.test.ts', 'test/plan/environments.test.ts'],
    onlyDuckDb: true,
  },
};
