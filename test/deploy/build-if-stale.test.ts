/**
 * `npm start` compiles only when the sources changed: the real script, run with node on a small project
 * of its own (a copy of the script beside two sources and the project's TypeScript).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/shared';

const run = promisify(execFile);
let dir: string;

// Each build starts the TypeScript compiler: seconds each on a busy two-core machine.
jest.setTimeout(120_000);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bd-build-'));
  mkdirSync(path.join(dir, 'scripts'));
  mkdirSync(path.join(dir, 'bot', 'extra'), { recursive: true });
  copyFileSync(path.join(repoRoot, 'scripts', 'build-if-stale.mjs'), path.join(dir, 'scripts', 'build-if-stale.mjs'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), '{"name":"x","private":true}');
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022'], types: [], module: 'commonjs', strict: true, outDir: 'dist', rootDir: '.' } }));
  writeFileSync(path.join(dir, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json', include: ['bot/**/*.ts'] }));
  writeFileSync(path.join(dir, 'bot', 'index.ts'), 'export const answer: number = 42;\n');
  writeFileSync(path.join(dir, 'bot', 'extra', 'gone.ts'), 'export const gone = true;\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const build = async (): Promise<string> => (await run(process.execPath, [path.join(dir, 'scripts', 'build-if-stale.mjs')], { cwd: dir })).stdout;

it('compiles the first time, skips while nothing changed, compiles again after a change', async () => {
  expect(await build()).toMatch(/compiling/);
  expect(existsSync(path.join(dir, 'dist', 'bot', 'index.js'))).toBe(true);
  expect(await build()).toMatch(/unchanged since the last build, not compiling/);
  writeFileSync(path.join(dir, 'bot', 'index.ts'), 'export const answer: number = 43;\n');
  // A later modification time, whatever the file system's clock resolution.
  const later = new Date(Date.now() + 5000);
  utimesSync(path.join(dir, 'bot', 'index.ts'), later, later);
  expect(await build()).toMatch(/compiling/);
});

it('builds afresh when a source was removed, so its old output is not loaded', async () => {
  await build();
  expect(existsSync(path.join(dir, 'dist', 'bot', 'extra', 'gone.js'))).toBe(true);
  rmSync(path.join(dir, 'bot', 'extra', 'gone.ts'));
  expect(await build()).toMatch(/compiling/);
  expect(existsSync(path.join(dir, 'dist', 'bot', 'extra', 'gone.js'))).toBe(false);
  expect(existsSync(path.join(dir, 'dist', 'bot', 'index.js'))).toBe(true);
});
