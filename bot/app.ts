/** Builds the whole bot from a config: adapter, bot, server. Used by `npm start` and the tests alike. */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, MessageFactory, UserState, type Storage } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { checkSpf } from './dns';
import type { SpfChecker } from './diagnosis';
import { errorCard, resolveLocale } from './cards';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { createServer } from './server';
import { BounceDoctorBot } from './teams/bounce-bot';
import { createBotState } from './teams/state';

export interface App {
  server: Server;
  adapter: CloudAdapter;
  log: Logger;
  listen(port?: number): Promise<number>;
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

export function createApp(config: Config, log: Logger = createLogger(config.logLevel), storage: Storage = new MemoryStorage()): App {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.auth.appId,
    MicrosoftAppPassword: config.auth.appPassword,
    MicrosoftAppType: config.auth.appType,
    MicrosoftAppTenantId: config.auth.tenantId,
    ...(config.auth.openIdMetadataUrl ? { BotOpenIdMetadata: config.auth.openIdMetadataUrl } : {}),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (ctx, err) => {
    log.error({ err, conversation: ctx.activity.conversation?.id }, 'unhandled turn error');
    if (ctx.activity.type === 'message') {
      await ctx.sendActivity(MessageFactory.attachment(errorCard(resolveLocale(ctx.activity.locale), 'turn')));
    }
  };
  const bot = new BounceDoctorBot({
    log,
    checkSpf: spfCheckerFor(config),
    state: createBotState(new ConversationState(storage), new UserState(storage)),
    maxPasteBytes: config.maxPasteBytes,
    maxFileBytes: config.maxFileBytes,
    download: { ...config.download, maxBytes: config.maxFileBytes },
  });
  // A pasted bounce is text inside JSON: allow the paste cap plus room for the activity around it.
  const server = createServer({ adapter, bot, log, maxBodyBytes: config.maxPasteBytes * 2 + 256 * 1024 });

  return {
    server,
    adapter,
    log,
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
