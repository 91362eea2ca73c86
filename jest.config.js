/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  // Servers (DNS, HTTP) are started per test file; keep two workers on a 2-core machine.
  maxWorkers: 2,
  testTimeout: 30000,
};
