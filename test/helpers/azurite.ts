/**
 * A real Azure Blob Storage emulator (Azurite, from npm) on a free loopback port, its data in a temp
 * folder. It can be stopped and started again on the same port and data, to test storage outages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './shared';
import { freePort } from './ports';

/** Azurite's documented development account (public, fixed, local only). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  const location = mkdtempSync(path.join(tmpdir(), 'bd-azurite-'));
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const bin = path.join(repoRoot, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
    child = spawn(process.execPath, [bin, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', location, '--silent', '--disableTelemetry', '--skipApiVersionCheck', '--loose'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`Azurite did not start: ${out}`)), 20_000);
      const onData = (d: Buffer): void => {
        out += d.toString();
        if (out.match(/successfully listens/i)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited (${code}): ${out}`));
      });
    });
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    // A clean stop: Azurite writes its metadata database on exit (a SIGKILL loses its last seconds).
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  };

  await start();
  return {
    port,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(location, { recursive: true, force: true });
    },
  };
}
