/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // ts-jest rewrites our `.ts` import specifiers to `.js`; map them back to the sources.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // test/real needs running clusters: `npm run test:cluster` (jest.cluster.config.js)
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/real/'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.cjs',
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
