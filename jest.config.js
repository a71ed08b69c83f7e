import { availableParallelism } from 'node:os';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // Node's own type stripping (scripts/jest-strip-types.cjs): no TypeScript compiler per worker
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-strip-types.cjs' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // test/real needs running clusters: `npm run test:cluster` (jest.cluster.config.js)
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/real/'],
  testTimeout: 30000,
  // Jest's default (cores - 1) runs the suites one after another on a 2-core machine; many of them
  // mostly wait (fake servers' timeouts, retries, spawned processes, the browser), so two workers
  // there overlap the waiting with the other's work.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  globalSetup: '<rootDir>/scripts/jest-global-setup.cjs',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.cjs',
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.cjs'],
};
