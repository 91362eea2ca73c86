/**
 * `npm run lock:optional`: puts back, in package-lock.json, the platform-specific optional packages a
 * registry mirror does not carry (e.g. @unrs/resolver-binding-darwin-arm64 for jest 30's resolver).
 * npm leaves them out of the lock when it cannot fetch their manifests, and `npm ci` then refuses the lock
 * as out of sync. Each entry records the name, version and platform, so npm skips it on other platforms
 * and fetches it (from a registry that has it) on its own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
  [k: string]: unknown;
}

const OSES = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'sunos', 'openbsd', 'netbsd', 'aix'];
const CPUS = ['arm64', 'arm', 'ia32', 'x64', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32'];

/** os/cpu/libc from a name such as `…-linux-arm-musleabihf` or `…-win32-x64-msvc`. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> {
  const parts = name.split('/').pop()!.split('-');
  const os = parts.find((p) => OSES.includes(p));
  const cpu = parts.find((p) => CPUS.includes(p));
  const out: Pick<LockEntry, 'os' | 'cpu' | 'libc'> = {};
  if (cpu) out.cpu = [cpu];
  if (os) out.os = [os];
  if (os === 'linux') out.libc = [parts.some((p) => p.startsWith('musl')) ? 'musl' : 'glibc'];
  return out;
}

export function addMissingOptional(lock: { packages: Record<string, LockEntry> }): string[] {
  const packages = lock.packages;
  const added: string[] = [];
  for (const [where, entry] of Object.entries(packages)) {
    for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${where}/node_modules/${dep}`;
      const hoisted = `node_modules/${dep}`;
      if (packages[nested] || packages[hoisted]) continue;
      if (!/^\d+\.\d+\.\d+/.test(spec)) continue; // only exact versions can be recorded without resolving
      packages[hoisted] = { version: spec, ...(entry.dev ? { dev: true } : {}), optional: true, ...platformOf(dep) };
      added.push(`${dep}@${spec}`);
    }
  }
  const { '': root, ...rest } = packages;
  lock.packages = { '': root!, ...Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))) };
  return added;
}

if (require.main === module) {
  const file = path.resolve(__dirname, '..', 'package-lock.json');
  const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> };
  const added = addMissingOptional(lock);
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(added.length ? `added ${added.length} optional platform packages:\n  ${added.join('\n  ')}` : 'nothing missing');
}
