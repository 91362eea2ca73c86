/**
 * The bot as a real process, as `npm start` runs it (bot/index.ts, from source through ts-node), on a free
 * loopback port, with an environment of the test's choosing and nothing inherited from the shell that
 * could change its behaviour (no app id, no storage account).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../helpers/ports';

const repoRoot = path.resolve(__dirname, '..', '..');

export interface BotProcess {
  port: number;
  url: string;
  /** stdout and stderr so far (JSON logs), for failure messages. */
  output(): string;
  /** SIGKILL: no graceful shutdown, turns in flight die with the process. */
  kill(): Promise<void>;
  /** SIGTERM, as App Service and Docker stop it: resolves with the exit code once it has exited. */
  stop(): Promise<number | null>;
}

export interface BotProcessOptions {
  /** Modules to preload (`node -r`) after ts-node, e.g. test/helpers/loopback-only.ts. */
  preload?: string[];
}

const running = new Set<ChildProcess>();

/** Kills every bot process still running (for afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

async function startOnce(env: Record<string, string>, port: number, timeoutMs: number, opts: BotProcessOptions): Promise<BotProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...(opts.preload ?? []).flatMap((m) => ['-r', m]), 'bot/index.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_resolve, reject) => child.once('exit', (code, signal) => reject(new Error(`bot exited (${code ?? signal}) before it was healthy:\n${out}`))));
  exited.catch(() => undefined);
  const healthy = (async () => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`bot not healthy after ${timeoutMs} ms:\n${out}`);
  })();
  await Promise.race([healthy, exited]);
  return {
    port,
    url,
    output: () => out,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** Starts the bot and waits for GET /healthz; a port taken in the meantime means another try on another. */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 45_000, opts: BotProcessOptions = {}): Promise<BotProcess> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(env, await freePort(), timeoutMs, opts);
    } catch (err) {
      last = err;
      if (!String(err).includes('EADDRINUSE')) throw err;
    }
  }
  throw last;
}
