/**
 * Optional Application Insights, when APPLICATIONINSIGHTS_CONNECTION_STRING is set: requests, exceptions
 * and performance counters only. Console output is not collected (the JSON logs stay in the App Service
 * log stream), nor outgoing dependencies, whose URLs can hold file download tokens.
 */
import type { Logger } from './log';

export function startTelemetry(connectionString: string | undefined, log: Logger): boolean {
  if (!connectionString) return false;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const appInsights = require('applicationinsights') as typeof import('applicationinsights');
    appInsights
      .setup(connectionString)
      .setAutoCollectConsole(false, false)
      .setAutoCollectDependencies(false)
      .setAutoCollectRequests(true)
      .setAutoCollectExceptions(true)
      .setAutoCollectPerformance(true, false)
      .setSendLiveMetrics(false)
      .start();
    appInsights.defaultClient.context.tags[appInsights.defaultClient.context.keys.cloudRole] = 'bounce-doctor';
    log.info('Application Insights telemetry on');
    return true;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'Application Insights not started');
    return false;
  }
}
