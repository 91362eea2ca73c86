/** restify: POST /api/messages through the Bot Framework CloudAdapter, GET /healthz. */
import './restify-warning';
import * as restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from './log';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Logger;
  /** Largest request body accepted; larger ones get 413 before any parsing. */
  maxBodyBytes: number;
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

export function createServer({ adapter, bot, log, maxBodyBytes }: ServerDeps): { server: restify.Server; inFlight: InFlight } {
  const server = restify.createServer({ name: 'bounce-doctor' });
  const inFlight = new InFlight();
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
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

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, cb: () => void) => {
    log.warn({ path: req.path(), status: err.statusCode, error: err.name }, 'request refused');
    cb();
  });
  return { server, inFlight };
}
