/** `npm start`: read the environment, start telemetry, build the bot, listen. */
import { ConfigError, loadConfig } from './config';
import { createLogger } from './log';
import { startTelemetry, stopTelemetry } from './telemetry';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  startTelemetry(process.env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim(), log);
  // Loaded after telemetry has started, so its http instrumentation is in place before restify loads.
  const { createApp } = await import('./app');
  const app = createApp(config, log);
  const port = await app.listen();
  const mode = config.auth.appId ? `authenticated (${config.auth.appType})` : 'local, unauthenticated (Bot Framework Emulator)';
  log.info({ port, mode, dnsServers: config.dnsServers.length ? config.dnsServers : 'system' }, `Bounce Doctor listening on http://localhost:${port}/api/messages`);
  // One plain line for the person who ran `npm start`; a deployed container (NODE_ENV=production) keeps stdout
  // to JSON lines only, for the log collector.
  if (process.env.NODE_ENV !== 'production') {
    const local = config.auth.appId ? '' : ` Try it in your browser at http://localhost:${port}/ (the local playground), or connect the Bot Framework Emulator to it.`;
    process.stdout.write(`\nBounce Doctor is running: messages endpoint http://localhost:${port}/api/messages.${local}\n\n`);
  }

  // Graceful shutdown: stop accepting, let turns in flight finish (bounded), send the telemetry still
  // buffered, then exit.
  const stop = (signal: string): void => {
    log.info({ signal }, 'shutting down: finishing turns in flight');
    void app
      .close()
      .then(() => stopTelemetry().catch((err: Error) => log.warn({ err: err.message }, 'telemetry not flushed')))
      .then(() => {
        log.info('stopped');
        process.exit(0);
      });
    setTimeout(() => {
      log.warn('turns still running after 20 s; exiting');
      process.exit(1);
    }, 20_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void main();
