/** Small phrases: why a DNS check stopped, and a TTL as a person says it. */
import type { Words } from '../words';

const KNOWN_REASONS = new Set(['timeout', 'deadline', 'servfail', 'refused', 'bad-dns-server']);

/** `timeout`, `SERVFAIL`, `invalid-domain:…`, … → a sentence fragment in the locale. */
export function dnsReason<T>(w: Words<T>, reason: string | undefined): T {
  const r = (reason ?? 'other').toLowerCase();
  if (KNOWN_REASONS.has(r)) return w.t(`dnsReason.${r}`);
  if (r.startsWith('invalid-domain')) return w.t('dnsReason.invalid-domain');
  return w.t('dnsReason.other', { code: reason ?? '?' });
}

/**
 * "Try again in a moment": naming the Check again button only where the answer has it (a card from a
 * check), never in e-mail or on the command line, where there is no button to press.
 */
export function retryLater<T>(w: Words<T>, canCheckAgain: boolean): T {
  return w.t(canCheckAgain ? 'retry.button' : 'retry.later');
}

/** A TTL as a person says it: whole hours as hours ("1 hour", not "60 minutes"). */
export function duration(w: Words<unknown>, seconds: number): string {
  if (seconds < 120) return w.plain('duration.seconds', { count: Math.round(seconds) });
  const wholeHours = seconds % 3600 === 0;
  if (seconds < 3600 || (seconds < 2 * 3600 && !wholeHours)) return w.plain('duration.minutes', { count: Math.round(seconds / 60) });
  if (seconds < 2 * 86400) return w.plain('duration.hours', { count: Math.round(seconds / 3600) });
  return w.plain('duration.days', { count: Math.round(seconds / 86400) });
}
