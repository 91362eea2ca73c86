/**
 * `npm start`'s build step: compiles only when the sources changed since the last build, so a second
 * start takes seconds, not the compiler's half minute. The stamp lists every source with its size and
 * modification time; when a source was removed the output is built afresh (its old .js would be loaded:
 * playbooks and views are found by reading their folders).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist', '.build-stamp.json');
const inputs = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function stamp() {
  const files = {};
  for (const f of [...sources(path.join(root, 'bot')), ...inputs.map((i) => path.join(root, i)).filter((p) => existsSync(p))]) {
    const s = statSync(f);
    files[path.relative(root, f)] = `${s.size}:${Math.round(s.mtimeMs)}`;
  }
  return files;
}

const now = stamp();
let before;
try {
  before = JSON.parse(readFileSync(stampFile, 'utf8'));
} catch {
  before = undefined;
}
const same = before && Object.keys(now).length === Object.keys(before).length && Object.entries(now).every(([k, v]) => before[k] === v);
if (same && existsSync(path.join(root, 'dist', 'bot', 'index.js'))) {
  console.log('build: sources unchanged since the last build, not compiling');
  process.exit(0);
}
// A source removed since the last build leaves its compiled file behind: start from an empty output.
if (before && Object.keys(before).some((k) => !(k in now))) rmSync(path.join(root, 'dist'), { recursive: true, force: true });
console.log('build: compiling (tsc -p tsconfig.build.json)…');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(stampFile, JSON.stringify(now));
