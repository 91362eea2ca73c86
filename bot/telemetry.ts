/**
 * Optional telemetry on OpenTelemetry, exported to Application Insights by the Azure Monitor distro
 * (`@azure/monitor-opentelemetry`) when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 *
 * What is collected: incoming POST /api/messages requests (not the /healthz and /readyz probes), the bot's
 * own spans (bot/trace.ts: one per turn, the bounce read, each DNS check, each connector call, the
 * diagnosis), and the distro's standard and performance metrics. What is not: logs (the JSON logs stay in
 * the App Service log stream), outgoing HTTP calls recorded by URL (a file download's URL holds a token:
 * the connector calls are spans of bot/trace.ts with no URL instead), Azure SDK calls, and live metrics.
 *
 * Start it before the HTTP server's modules load (bot/index.ts), so the http instrumentation sees them.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from './log';

/** The routes whose requests are recorded: the bot's turns, not the health and readiness probes. */
const TRACED_ROUTES = ['/api/messages'];

let started = false;

export function startTelemetry(connectionString: string | undefined, log: Logger): boolean {
  if (!connectionString || started) return false;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { useAzureMonitor } = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
    // The cloud role Application Insights shows (Application map, cloud_RoleName), unless the host names one.
    process.env.OTEL_SERVICE_NAME ||= 'bounce-doctor';
    // Passed on to @opentelemetry/instrumentation-http (the distro's type names only the common options).
    const http = {
      enabled: true,
      ignoreIncomingRequestHook: (req: IncomingMessage) => !TRACED_ROUTES.includes((req.url ?? '').split('?')[0]!),
      ignoreOutgoingRequestHook: () => true,
    };
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString },
      enableLiveMetrics: false,
      instrumentationOptions: {
        http,
        azureSdk: { enabled: false },
        mongoDb: { enabled: false },
        mySql: { enabled: false },
        postgreSql: { enabled: false },
        redis: { enabled: false },
        redis4: { enabled: false },
      },
    });
    started = true;
    log.info('OpenTelemetry on: traces and metrics to Application Insights');
    return true;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'telemetry not started');
    return false;
  }
}

/** Sends what is still buffered and stops; resolves at once when telemetry is off. */
export async function stopTelemetry(): Promise<void> {
  if (!started) return;
  started = false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { shutdownAzureMonitor } = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  await shutdownAzureMonitor();
}
