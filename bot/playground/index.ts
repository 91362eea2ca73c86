/**
 * The local playground: a chat page at GET / for trying the bot with no Teams and no Azure. Registered only
 * when no Microsoft app id is configured (see bot/app.ts).
 *
 * The page posts Teams-shaped activities to /api/messages with `serviceUrl` pointing at this server's
 * /playground/connector, so the bot's replies (POST) and in-place updates (PUT) arrive here, go into a
 * bounded per-conversation feed, and reach the page over a server-sent event stream.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type * as restify from 'restify';
import type { Logger } from '../log';
import { playgroundAssets, findPageDir, type Asset } from './assets';
import { DEFAULT_FEED_LIMITS, PlaygroundFeed, type FeedEvent, type FeedLimits } from './feed';

export interface PlaygroundOptions {
  log: Logger;
  /** Where index.html, app.js and style.css are; found from this file's location by default. */
  pageDir?: string;
  limits?: Partial<FeedLimits>;
  /** Seconds between keep-alive comments on an idle event stream. */
  heartbeatSeconds?: number;
}

/** A ready-made bounce the page offers as a button that fills the message box (`npm run demo` sets them). */
export interface PlaygroundSample {
  label: string;
  description?: string;
  text: string;
}

export interface Playground {
  feed: PlaygroundFeed;
  samples: PlaygroundSample[];
}

const registered = new WeakMap<restify.Server, Playground>();

/** The playground registered on a server, if any (undefined when credentials are configured). */
export function playgroundOf(server: restify.Server): Playground | undefined {
  return registered.get(server);
}

export const CONNECTOR_PATH = '/playground/connector';
const MAX_CONVERSATION_ID = 256;

/**
 * The page may only load scripts and styles from here and talk to here; cards may show https images.
 * Inline styles are needed by the Adaptive Cards renderer, which sets them on every element it builds.
 */
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function notFound(res: restify.Response, message: string): void {
  res.send(404, { error: { code: 'NotFound', message } });
}

export function registerPlayground(server: restify.Server, opts: PlaygroundOptions): Playground {
  const { log } = opts;
  const feed = new PlaygroundFeed({ ...DEFAULT_FEED_LIMITS, ...opts.limits });
  const heartbeatMs = (opts.heartbeatSeconds ?? 15) * 1000;
  const assets = playgroundAssets(opts.pageDir ?? findPageDir());
  const missing = assets.filter((a) => !a.file).map((a) => a.missing);
  if (missing.length) log.warn({ missing }, 'local playground: some of its files are missing, the page will not work');

  // ---- the page and its files
  const serveAsset = (asset: Asset): restify.RequestHandler => async (_req, res) => {
    if (!asset.file) {
      res.send(503, { error: { code: 'Missing', message: `the playground needs ${asset.missing}` } });
      return;
    }
    const body = await readFile(asset.file);
    const headers: Record<string, string | number> = {
      'content-type': asset.contentType,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (asset.url === '/') headers['content-security-policy'] = PAGE_CSP;
    res.writeHead(200, headers);
    res.end(body);
  };
  for (const asset of assets) server.get(asset.url, serveAsset(asset));
  const playground: Playground = { feed, samples: [] };
  server.get('/playground/samples.json', (_req, res, next) => {
    res.header('cache-control', 'no-cache');
    res.send(200, playground.samples);
    return next();
  });

  // ---- the connector the bot replies to (the `serviceUrl` the page sends)
  const activityIn = (req: restify.Request): Record<string, unknown> | undefined => {
    const body: unknown = req.body;
    return body && typeof body === 'object' && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string'
      ? (body as Record<string, unknown>)
      : undefined;
  };
  const conversationOf = (req: restify.Request): string | undefined => {
    const id = String(req.params?.conversationId ?? '');
    return id && id.length <= MAX_CONVERSATION_ID ? id : undefined;
  };

  const post: restify.RequestHandler = (req, res, next) => {
    const conversationId = conversationOf(req);
    const activity = activityIn(req);
    if (!conversationId || !activity) {
      res.send(400, { error: { code: 'BadArgument', message: 'expected an activity for a conversation' } });
      return next();
    }
    const id = feed.newActivityId();
    const replyToId = req.params?.activityId as string | undefined;
    feed.publish(conversationId, 'post', {
      ...activity,
      id,
      timestamp: activity.timestamp ?? new Date().toISOString(),
      ...(replyToId && !activity.replyToId ? { replyToId } : {}),
    });
    res.send(200, { id });
    return next();
  };
  server.post(`${CONNECTOR_PATH}/v3/conversations/:conversationId/activities`, post);
  server.post(`${CONNECTOR_PATH}/v3/conversations/:conversationId/activities/:activityId`, post);

  server.put(`${CONNECTOR_PATH}/v3/conversations/:conversationId/activities/:activityId`, (req, res, next) => {
    const conversationId = conversationOf(req);
    const activity = activityIn(req);
    const id = String(req.params?.activityId ?? '');
    if (!conversationId || !activity || !id) {
      res.send(400, { error: { code: 'BadArgument', message: 'expected an activity for a conversation' } });
      return next();
    }
    if (!feed.events(conversationId).some((e) => e.activity.id === id)) {
      // Still answered: the page may have dropped an old message, the bot must not fail because of it.
      log.debug({ conversationId, id }, 'playground: update of a message no longer buffered');
    }
    feed.publish(conversationId, 'update', { ...activity, id });
    res.send(200, { id });
    return next();
  });

  server.del(`${CONNECTOR_PATH}/v3/conversations/:conversationId/activities/:activityId`, (req, res, next) => {
    const conversationId = conversationOf(req);
    if (!conversationId) {
      notFound(res, 'no such conversation');
      return next();
    }
    feed.publish(conversationId, 'delete', { type: 'message', id: String(req.params?.activityId ?? '') });
    res.send(200, {});
    return next();
  });

  // A person's details, as Teams answers TeamsInfo.getMember (the bot asks when a case is escalated). The page's
  // person has no directory entry: a name and the ids the page gave, no e-mail address.
  server.get(`${CONNECTOR_PATH}/v3/conversations/:conversationId/members/:memberId`, (req, res, next) => {
    const conversationId = conversationOf(req);
    const memberId = String(req.params?.memberId ?? '');
    if (!conversationId || !memberId || memberId.length > 200) {
      notFound(res, 'no such member');
      return next();
    }
    res.send(200, { id: memberId, name: 'You', userRole: 'user', tenantId: 'playground' });
    return next();
  });

  // ---- the page's event stream: what the bot posted and updated, in order, resumable by Last-Event-ID
  server.get('/playground/events/:conversationId', (req, res, next) => {
    const conversationId = conversationOf(req);
    if (!conversationId) {
      notFound(res, 'no such conversation');
      return next();
    }
    const after = Number(req.header('last-event-id', '0'));
    let ended = false;
    const write = (chunk: string): void => {
      if (!ended) res.write(chunk);
    };
    const end = (): void => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      subscription?.unsubscribe();
      res.end();
    };
    const listener = { send: (e: FeedEvent) => write(`id: ${e.seq}\ndata: ${e.json}\n\n`), end };
    const subscription = feed.subscribe(conversationId, listener, Number.isSafeInteger(after) && after > 0 ? after : 0);
    if (!subscription) {
      res.send(429, { error: { code: 'TooManyListeners', message: 'this conversation is open in too many pages' } });
      return next();
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    write('retry: 2000\n\n');
    for (const e of subscription.backlog) listener.send(e);
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
    heartbeat.unref();
    req.once('close', () => {
      end();
      next(false);
    });
  });

  // Open event streams would keep server.close() waiting for ever: end them first.
  const close = server.close.bind(server);
  server.close = ((callback?: () => unknown) => {
    feed.endAll();
    return close(callback);
  }) as typeof server.close;

  server.server.once('listening', () => {
    const address = server.server.address() as AddressInfo | null;
    if (address) log.info({ url: `http://localhost:${address.port}/` }, `Local playground: open http://localhost:${address.port}/ in a browser`);
  });

  registered.set(server, playground);
  return playground;
}
