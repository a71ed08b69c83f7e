// `npm run test:cluster`: the suites under test/real, against real control planes that
// scripts/jest-cluster-setup.cjs builds (cached) and starts, and scripts/jest-cluster-teardown.cjs
// stops. One worker: the suites share the clusters (each works in namespaces of its own) and the
// control plane needs the CPU. See docs/testing.md.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/test/real/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 180000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/scripts/jest-cluster-setup.cjs',
  globalTeardown: '<rootDir>/scripts/jest-cluster-teardown.cjs',
};
