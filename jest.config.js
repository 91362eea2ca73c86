// restify reads process.binding('http_parser') as it loads (Node's DEP0111): not printed in the test log,
// in the workers and in the bots the tests start as child processes (they inherit the environment).
// bot/restify-warning.ts does the same for `npm start`, the demo and the CLI.
if (!/--disable-warning=DEP0111/.test(process.env.NODE_OPTIONS ?? '')) {
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--disable-warning=DEP0111'].filter(Boolean).join(' ');
}
// A run of one file stays in this process: the same, here.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const code = rest[0] && typeof rest[0] === 'object' ? rest[0].code : rest[1];
  if (code !== 'DEP0111') emitWarning(warning, ...rest);
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  // Servers (DNS, HTTP) are started per test file; keep two workers on a 2-core machine.
  maxWorkers: 2,
  testTimeout: 30000,
  // No handle is left open when a file ends (a census of process.getActiveResourcesInfo() one second after each
  // file's teardown finds only Jest's own IPC and stdio pipes). What used to trip Jest's 500 ms "failed to exit
  // gracefully" is the worker's exit itself: once its loop is empty, V8 frees a heap of 150–300 MB page by page
  // (strace: ~1,200 munmap calls, 280–320 ms on a busy two-core machine, and past 500 ms when it was reported).
  workerGracefulExitTimeout: 5000,
};
