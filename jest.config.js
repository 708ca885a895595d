/** Tests are TypeScript run as ESM through SWC; `npm test` starts Node with --experimental-vm-modules. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  testTimeout: 60000,
  // Temp project folders made with test/support/project.ts's makeProject are removed after each file.
  setupFilesAfterEnv: ['<rootDir>/test/support/cleanup.ts'],
};
