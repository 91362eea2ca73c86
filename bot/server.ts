/** restify: POST /api/messages through the Bot Framework CloudAdapter, GET /healthz. */
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

export function createServer({ adapter, bot, log, maxBodyBytes }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'bounce-doctor' });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (ctx) => bot.run(ctx));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number }, cb: () => void) => {
    log.warn({ path: req.path(), status: err.statusCode, error: err.name }, 'request refused');
    cb();
  });
  return server;
}
