/**
 * restify: POST /api/messages through the Bot Framework CloudAdapter; GET /healthz (liveness: the process
 * answers) and GET /readyz (readiness: storage answers and the bot is not shutting down), for App Service's
 * health check and Kubernetes' probes.
 */
import './restify-warning';
import * as restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from './log';
import type { Readiness, StorageKind } from './storage';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Logger;
  /** Largest request body accepted; larger ones get 413 before any parsing. */
  maxBodyBytes: number;
  /** Whether storage answers (GET /readyz); absent: always. */
  storageReady?: () => Promise<Readiness>;
  /** Named in /readyz's answer. */
  storageKind?: StorageKind;
}

/** Turns being processed, so a shutdown can wait for them to finish. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];
  enter(): void {
    this.count++;
  }
  leave(): void {
    this.count--;
    if (this.count === 0) for (const w of this.waiters.splice(0)) w();
  }
  get size(): number {
    return this.count;
  }
  drained(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * What makes a body no activity the bot can answer: no type, no conversation, or no service URL to answer
 * at. botbuilder ran such a turn anyway and answered 500 with its own error text ("Cannot read properties
 * of undefined"), and without a service URL it sent the answer to the public Bot Framework service. A
 * channel always sends all three; this is a bad request, said so.
 */
function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not an activity';
  const a = body as { type?: unknown; conversation?: { id?: unknown } | null; serviceUrl?: unknown };
  if (typeof a.type !== 'string' || !a.type) return 'the activity has no type';
  if (typeof a.conversation !== 'object' || a.conversation === null || typeof a.conversation.id !== 'string' || !a.conversation.id) return 'the activity has no conversation id';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\/[^/\s]/i.test(a.serviceUrl)) return 'the activity has no service URL';
  return undefined;
}

export interface Readyz {
  /** From now on /readyz answers 503: the bot is shutting down and should get no new turns. */
  drain(): void;
}

export function createServer({ adapter, bot, log, maxBodyBytes, storageReady, storageKind = 'memory' }: ServerDeps): { server: restify.Server; inFlight: InFlight; readyz: Readyz } {
  const server = restify.createServer({ name: 'bounce-doctor' });
  const inFlight = new InFlight();
  let draining = false;
  let wasReady = true;
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const problem = activityProblem(req.body);
    if (problem) {
      log.warn({ problem }, 'activity refused');
      res.send(400, { error: { code: 'BadRequest', message: problem } });
      return;
    }
    inFlight.enter();
    try {
      await adapter.process(req, res, (ctx) => bot.run(ctx));
    } finally {
      inFlight.leave();
    }
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  server.get('/readyz', async (_req, res) => {
    const storage: Readiness = draining ? { ready: false, reason: 'shutting down' } : storageReady ? await storageReady() : { ready: true };
    if (storage.ready !== wasReady && !draining) {
      if (storage.ready) log.info({ storage: storageKind }, 'ready: storage answers again');
      else log.warn({ storage: storageKind, reason: storage.reason }, 'not ready: storage does not answer');
    }
    wasReady = storage.ready;
    res.header('cache-control', 'no-store');
    if (storage.ready) res.send(200, { status: 'ready', storage: storageKind });
    else res.send(503, { status: 'not ready', storage: storageKind, reason: storage.reason });
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, cb: () => void) => {
    log.warn({ path: req.path(), status: err.statusCode, error: err.name }, 'request refused');
    cb();
  });
  return { server, inFlight, readyz: { drain: () => void (draining = true) } };
}
