/** Builds the whole bot from a config: storage, adapter, bot, server. Used by `npm start` and the tests alike. */
import {
  CloudAdapter,
  MemoryStorage,
  MessageFactory,
  type Storage,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { botAuthentication } from './auth';
import { graphGroupMembership, type GroupMembership } from './escalation/graph-groups';
import { dnsChecks } from './dns/checks';
import { errorCard, resolveLocale } from './cards';
import type { Config } from './config';
import { EscalationService } from './escalation/service';
import { EscalationStore } from './escalation/store';
import { createLogger, type Logger } from './log';
import { registerPlayground } from './playground';
import { createServer } from './server';
import { tracedChecks, turnTracing } from './trace';
import { createStorage, storageReadiness, type StorageKind } from './storage';
import { BounceDoctorBot } from './teams/bounce-bot';
import { createBotState, MAX_RAW_CHARS } from './teams/state';
import { SnapshotConversationState, SnapshotUserState } from './teams/snapshot-state';
import { tenantGate } from './teams/tenants';
import { clientLocale } from './teams/turn';
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

/** A Graph token for the bot's own identity: the managed identity, or the single-tenant app's secret. */
function graphToken(config: Config): () => Promise<string> {
  const scope = 'https://graph.microsoft.com/.default';
  const credential =
    config.auth.appType === 'UserAssignedMSI'
      ? new ManagedIdentityCredential({ clientId: config.auth.appId ?? '' })
      : config.auth.appId && config.auth.appPassword && config.auth.tenantId
        ? new ClientSecretCredential(config.auth.tenantId, config.auth.appId, config.auth.appPassword)
        : undefined;
  return async () => {
    if (!credential) throw new Error('no identity to call Microsoft Graph with');
    return (await credential.getToken(scope)).token;
  };
}

export function createApp(config: Config, log: Logger = createLogger(config.logLevel), storageOverride?: Storage, groupsOverride?: GroupMembership): App {
  const auth = botAuthentication(config.auth);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (ctx, err) => {
    // The reference the card asks the person to quote is the one logged with the error.
    const ref = randomUUID().slice(0, 8);
    log.error({ err, ref, conversation: ctx.activity.conversation?.id }, 'unhandled turn error');
    // A turn that already answered (its own error card, or its result) gets no second message.
    if (ctx.activity.type === 'message' && !ctx.responded) {
      await ctx.sendActivity(MessageFactory.attachment(errorCard(resolveLocale(clientLocale(ctx.activity)), ref)));
    }
  };
  // First: the turn's span covers everything the other middleware and the bot do.
  adapter.use(turnTracing());
  if (config.allowedTenants.length) adapter.use(tenantGate(config.allowedTenants, log));

  const created = storageOverride ? undefined : createStorage({ ...config.storage, managedIdentityClientId: config.auth.appType === 'UserAssignedMSI' ? config.auth.appId : undefined });
  const storage = storageOverride ?? created!.storage;
  const storageKind: StorageKind = created?.kind ?? (storageOverride instanceof MemoryStorage ? 'memory' : 'blob');
  const escalations = new EscalationService(
    new EscalationStore(storage),
    adapter,
    {
      teamId: config.escalation.teamId,
      channelId: config.escalation.channelId,
      locale: config.escalation.locale,
      supportUserIds: config.escalation.supportUserIds,
      supportGroupIds: config.escalation.supportGroupIds,
      groups: groupsOverride ?? (config.escalation.supportGroupIds.length ? graphGroupMembership({ baseUrl: config.escalation.graphBaseUrl, getToken: graphToken(config) }) : undefined),
      redactTranscript: config.escalation.redactTranscript,
      botAppId: config.auth.appId ?? '',
      maxRawChars: MAX_RAW_CHARS,
    },
    log,
  );
  const bot = new BounceDoctorBot({
    log,
    checks: tracedChecks(dnsChecks(config)),
    state: createBotState(new SnapshotConversationState(storage), new SnapshotUserState(storage)),
    escalations,
    rateLimiter: new RateLimiter(config.checksPerMinute),
    maxPasteBytes: config.maxPasteBytes,
    maxFileBytes: config.maxFileBytes,
    download: { ...config.download, maxBytes: config.maxFileBytes },
    firstAnswerGraceMs: config.firstAnswerGraceMs,
  });
  // A pasted bounce is text inside JSON: allow the paste cap plus room for the activity around it.
  const { server, inFlight, readyz } = createServer({ adapter, bot, log, maxBodyBytes: config.maxPasteBytes * 2 + 256 * 1024, storageReady: storageReadiness(storage), storageKind });
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
      readyz.drain();
      if (outboxTimer) clearInterval(outboxTimer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inFlight.drained();
    },
  };
}
