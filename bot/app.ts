/** Builds the whole bot from a config: storage, adapter, bot, server. Used by `npm start` and the tests alike. */
import {
  CloudAdapter,
  ConversationState,
  MessageFactory,
  UserState,
  type Storage,
} from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { botAuthentication } from './auth';
import { checkSpf } from './dns';
import type { SpfChecker } from './diagnosis';
import { errorCard, resolveLocale } from './cards';
import type { Config } from './config';
import { EscalationService } from './escalation/service';
import { EscalationStore } from './escalation/store';
import { createLogger, type Logger } from './log';
import { registerPlayground } from './playground';
import { createServer } from './server';
import { createStorage } from './storage';
import { BounceDoctorBot } from './teams/bounce-bot';
import { createBotState, MAX_RAW_CHARS } from './teams/state';
import { tenantGate } from './teams/tenants';
import { RateLimiter } from './teams/rate-limit';

export interface App {
  server: Server;
  adapter: CloudAdapter;
  log: Logger;
  storage: Storage;
  escalations: EscalationService;
  listen(port?: number): Promise<number>;
  /** Stops taking requests, lets turns in flight finish, stops the outbox timer. */
  close(): Promise<void>;
}

export function spfCheckerFor(config: Config): SpfChecker {
  return (req) =>
    checkSpf(req.domain, {
      ip: req.ip,
      microsoft365: req.microsoft365,
      dnsServers: config.dnsServers.length ? config.dnsServers : undefined,
      timeoutMs: config.dnsTimeoutMs,
      deadlineMs: config.spfDeadlineMs,
      bypassCache: req.bypassCache,
    });
}

export function createApp(config: Config, log: Logger = createLogger(config.logLevel), storageOverride?: Storage): App {
  const auth = botAuthentication(config.auth);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (ctx, err) => {
    log.error({ err, conversation: ctx.activity.conversation?.id }, 'unhandled turn error');
    if (ctx.activity.type === 'message') {
      await ctx.sendActivity(MessageFactory.attachment(errorCard(resolveLocale(ctx.activity.locale), 'turn')));
    }
  };
  if (config.allowedTenants.length) adapter.use(tenantGate(config.allowedTenants, log));

  const storage = storageOverride ?? createStorage({ ...config.storage, managedIdentityClientId: config.auth.appType === 'UserAssignedMSI' ? config.auth.appId : undefined }).storage;
  const escalations = new EscalationService(
    new EscalationStore(storage),
    adapter,
    {
      teamId: config.escalation.teamId,
      channelId: config.escalation.channelId,
      locale: config.escalation.locale,
      supportUserIds: config.escalation.supportUserIds,
      redactTranscript: config.escalation.redactTranscript,
      botAppId: config.auth.appId ?? '',
      maxRawChars: MAX_RAW_CHARS,
    },
    log,
  );
  const bot = new BounceDoctorBot({
    log,
    checkSpf: spfCheckerFor(config),
    state: createBotState(new ConversationState(storage), new UserState(storage)),
    escalations,
    rateLimiter: new RateLimiter(config.checksPerMinute),
    maxPasteBytes: config.maxPasteBytes,
    maxFileBytes: config.maxFileBytes,
    download: { ...config.download, maxBytes: config.maxFileBytes },
  });
  // A pasted bounce is text inside JSON: allow the paste cap plus room for the activity around it.
  const { server, inFlight } = createServer({ adapter, bot, log, maxBodyBytes: config.maxPasteBytes * 2 + 256 * 1024 });
  if (!config.auth.appId) registerPlayground(server, { log });

  let outboxTimer: NodeJS.Timeout | undefined;
  const runOutbox = async (): Promise<void> => {
    try {
      const posted = await escalations.retryOutbox();
      if (posted) log.info({ posted }, 'outbox: escalations posted');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'outbox run failed; will retry');
    }
  };

  return {
    server,
    adapter,
    log,
    storage,
    escalations,
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => {
          if (escalations.supportConfigured) {
            void runOutbox();
            outboxTimer = setInterval(() => void runOutbox(), config.escalation.outboxRetrySeconds * 1000);
            outboxTimer.unref();
          }
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: async () => {
      if (outboxTimer) clearInterval(outboxTimer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inFlight.drained();
    },
  };
}
