/**
 * Structured JSON logs. Bounce content and addresses are never logged at info level; the redaction
 * list is a second line of defence for secrets that might ride along on an object.
 */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'bounce-doctor' },
      redact: {
        paths: ['*.authorization', '*.Authorization', '*.password', '*.appPassword', '*.MicrosoftAppPassword', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
