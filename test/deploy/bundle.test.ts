/**
 * The production bundle, laid out as the App Service zip and the container image hold it (dist/,
 * node_modules/, package.json, cards/, locales/ side by side), built with the real TypeScript build
 * and started with node: it answers /healthz, logs JSON, and stops cleanly on SIGTERM. No Docker engine
 * here, so the Dockerfile itself is checked as text against that layout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BUNDLE_PARTS, buildBundle } from '../../scripts/bundle';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const dockerignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
const readme = readFileSync(path.join(ROOT, 'deploy/README.md'), 'utf8');

/** What the zip and the image both contain, next to node_modules: what `npm run bundle` lays out. */
const BUNDLE: readonly string[] = BUNDLE_PARTS;

let bundle: string;

beforeAll(async () => {
  bundle = mkdtempSync(path.join(tmpdir(), 'bd-bundle-'));
  // `npm run bundle` (scripts/bundle.ts, what the Agents Toolkit's deploy zips) into a folder of its own:
  // the real build (tsconfig.build.json); type errors are `npm run typecheck`'s job, so no type-check here
  // (it emits the same files). Its `npm ci --omit=dev` needs the registry: the repository's node_modules
  // stands in, and the next test checks that the production dependencies are all the bundle needs.
  try {
    buildBundle({ out: bundle, install: false, typeCheck: false });
  } catch (err) {
    throw new Error(`npm run bundle failed:\n${String((err as { stdout?: Buffer }).stdout ?? err)}`);
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(bundle, 'node_modules'), 'dir');
}, 120_000);

afterAll(() => {
  if (bundle) rmSync(bundle, { recursive: true, force: true });
});

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));
}

describe('production bundle', () => {
  it('has the entry point package.json names, and exactly the bundle\'s parts (with the lock file npm ci installs from)', () => {
    expect(existsSync(path.join(bundle, pkg.main))).toBe(true);
    expect(readdirSync(bundle).sort()).toEqual([...BUNDLE, 'node_modules', 'package-lock.json'].sort());
  });

  it('needs only production dependencies (what npm prune --omit=dev leaves)', () => {
    const builtins = new Set(builtinModules);
    const needed = new Set<string>();
    for (const file of jsFiles(path.join(bundle, 'dist'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)) continue;
        needed.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(needed.size).toBeGreaterThan(0);
    for (const name of needed) expect([name, name in pkg.dependencies]).toEqual([name, true]);
  });

  it('starts, answers /healthz and /readyz, logs JSON and exits 0 on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production' };
    const child: ChildProcess = spawn(process.execPath, [pkg.main], { cwd: bundle, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" log line in 15 s\nstdout: ${stdout}\nstderr: ${stderr}`)), 15_000);
        child.stdout!.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /"port":(\d+)/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code} before listening\nstdout: ${stdout}\nstderr: ${stderr}`)));
      });
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', storage: 'memory' }]);

      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exited, new Promise<string>((r) => (timer = setTimeout(() => r('still running 10 s after SIGTERM'), 10_000)))]);
      clearTimeout(timer);
      expect(code).toBe(0);
      const lines = stdout.trim().split('\n');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(lines.map((l) => (JSON.parse(l) as { app?: string }).app)).toEqual(lines.map(() => 'bounce-doctor'));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('Dockerfile', () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const last = stages[stages.length - 1] ?? '';

  it('builds in one stage and runs from a clean Node 20 stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20[\w.-]*$/m);
    expect(stages[0]).toMatch(/npm ci\b/);
    expect(stages[0]).toMatch(/npm run build/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
    expect(last).not.toMatch(/npm (ci|install)/);
  });

  it('copies the same bundle the test above runs, and starts the package entry point', () => {
    for (const part of [...BUNDLE, 'node_modules']) expect([part, new RegExp(`^COPY .*\\b${part.replace('.', '\\.')}\\b`, 'm').test(last)]).toEqual([part, true]);
    expect(last).toContain(`CMD ["node", "${pkg.main}"]`);
  });

  it('runs as a non-root user', () => {
    const user = /^USER (\S+)/m.exec(last)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it('has a HEALTHCHECK on /healthz, on the port the server listens on, bounded in time, run with node', () => {
    const healthcheck = /^HEALTHCHECK ((?:[^\n]*\\\n)*[^\n]*)$/m.exec(last)?.[1] ?? '';
    expect(healthcheck).toMatch(/--interval=\d+s/);
    expect(healthcheck).toMatch(/--timeout=\d+s/);
    expect(healthcheck).toMatch(/--retries=\d+/);
    expect(healthcheck).toMatch(/CMD \["node", "-e", /);
    // Liveness (the process answers), not readiness: /readyz is for the probes that stop traffic.
    expect(healthcheck).toContain('/healthz');
    expect(healthcheck).not.toContain('/readyz');
    // The port: the image's PORT, which the server reads (bot/config.ts), and the one it exposes.
    expect(healthcheck).toContain('process.env.PORT || 3978');
    expect(last).toMatch(/^\s+PORT=3978$/m);
    expect(last).toMatch(/^EXPOSE 3978$/m);
    // Only one: Docker keeps the last HEALTHCHECK, so a second would silently replace this one.
    expect(dockerfile.match(/^HEALTHCHECK /gm)).toHaveLength(1);
  });

  it('keeps secrets and local builds out of the build context', () => {
    for (const entry of ['.env', 'node_modules', 'dist', '.git']) expect([entry, dockerignore.includes(entry)]).toEqual([entry, true]);
  });
});

describe('deploy/README.md zip deploy', () => {
  it('zips the same bundle', () => {
    const zipLine = /^zip -r[^\n]*$/m.exec(readme)?.[0] ?? '';
    for (const part of [...BUNDLE, 'node_modules']) expect([part, zipLine.split(/\s+/).includes(part)]).toEqual([part, true]);
    expect(readme).toMatch(/npm ci[^\n]*&& npm run build && npm prune --omit=dev/);
  });
});
