/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 120_000,
  // Integration suites share one local dev server per file; run files one at a time on 2 cores.
  maxWorkers: 1,
};
