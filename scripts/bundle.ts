/**
 * `npm run bundle`: lays out the production bundle App Service runs, in deploy/build/app/ (git-ignored):
 * dist/ (the TypeScript build), package.json, package-lock.json, cards/, locales/, and node_modules/ with
 * the production dependencies only (`npm ci --omit=dev --ignore-scripts`, as deploy/README.md explains).
 * The Microsoft 365 Agents Toolkit's deploy (m365agents.yml) zip-deploys that folder; the hand-run path in
 * deploy/README.md zips the same five things.
 *
 * Usage: npm run bundle [-- --out <folder>] [-- --no-install]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const DEFAULT_BUNDLE_DIR = path.join(ROOT, 'deploy', 'build', 'app');
/** What the bundle holds beside node_modules, as the zip and the Docker image do. */
export const BUNDLE_PARTS = ['dist', 'package.json', 'cards', 'locales'] as const;

export interface BundleOptions {
  out?: string;
  /** Install the production dependencies (default true); false leaves node_modules out. */
  install?: boolean;
  /** Type-check while compiling (default true); `npm run typecheck` does it anyway, tests skip it. */
  typeCheck?: boolean;
}

export function buildBundle({ out = DEFAULT_BUNDLE_DIR, install = true, typeCheck = true }: BundleOptions = {}): string {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(out, 'dist'), ...(typeCheck ? [] : ['--noCheck'])], { cwd: ROOT, stdio: 'pipe' });
  for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(ROOT, file), path.join(out, file));
  for (const dir of ['cards', 'locales']) cpSync(path.join(ROOT, dir), path.join(out, dir), { recursive: true });
  if (install) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: out, stdio: 'inherit', shell: process.platform === 'win32' });
  }
  return out;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  let out = DEFAULT_BUNDLE_DIR;
  let install = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = path.resolve(argv[++i]!);
    else if (argv[i] === '--no-install') install = false;
    else {
      console.error(`npm run bundle: unknown argument "${argv[i]}". Usage: npm run bundle [-- --out <folder>] [-- --no-install]`);
      process.exit(2);
    }
  }
  const dir = buildBundle({ out, install });
  console.log(`wrote ${path.relative(process.cwd(), dir) || dir}: ${[...BUNDLE_PARTS, ...(install ? ['node_modules'] : [])].join(', ')}`);
}
