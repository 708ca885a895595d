/**
 * StrykerJS for one module of stryker/modules.mjs, named by the MODULE environment variable:
 * `MODULE=guard npx stryker run`. `npm run mutate` (scripts/mutate.mjs) runs them one after the other.
 * Jest runs the tests as ESM (hence --experimental-vm-modules), only the module's own test files.
 */
import { writeFileSync } from 'node:fs';
import { MODULES } from './stryker/modules.mjs';

const name = process.env.MODULE;
const module = MODULES[name];
if (!module) {
  throw new Error(`Set MODULE to one of: ${Object.keys(MODULES).join(', ')} (got ${name ?? 'nothing'})`);
}

// The TypeScript checker's program: the module's files and what they import, not the tests nor what
// imports the module, so that checking a mutant re-checks little. Written for this run, not committed.
const checkerTsconfig = `stryker/tsconfig.${name}.generated.json`;
writeFileSync(
  checkerTsconfig,
  `${JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..' }, include: module.mutate.filter((file) => !file.startsWith('!')).map((file) => `../${file}`) }, null, 2)}\n`,
);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  mutate: module.mutate,
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      testMatch: module.tests.map((file) => `<rootDir>/${file}`),
      ...(module.testNamePattern ? { testNamePattern: module.testNamePattern } : {}),
    },
    enableFindRelatedTests: false,
  },
  checkers: ['typescript'],
  tsconfigFile: checkerTsconfig,
  coverageAnalysis: 'perTest',
  // Two cores, shared with other test runs.
  concurrency: 1,
  // Added to the covering tests' own time: a mutant that loops forever costs this much.
  timeoutMS: module.timeoutMS ?? 5_000,
  // Built output, the Action's bundle and generated files are not needed by the tests run here
  // (the CLI that some tests spawn runs lib/, which stays).
  ignorePatterns: ['dist', '.bench-build', 'target', 'logs', 'reports', '*.duckdb', '*.duckdb.wal'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: 80 },
};
