/**
 * The DNS checks the playbooks ask for, bound to one configuration (servers, timeouts), so the bot, the
 * command line and tests run them alike.
 */
import { checkSpf } from './check-spf';
import type { SpfReport } from './types';

export interface SpfCheckRequest {
  domain: string;
  ip?: string;
  /** The message left through Microsoft 365 (Exchange Online wrote the bounce). */
  microsoft365: boolean;
  /** "Check again": ask DNS afresh rather than answer from the cache. */
  bypassCache?: boolean;
}

export type SpfChecker = (req: SpfCheckRequest) => Promise<SpfReport>;

export interface Checks {
  spf: SpfChecker;
}

export interface DnsSettings {
  /** Empty: the system's servers. */
  dnsServers: string[];
  dnsTimeoutMs: number;
  spfDeadlineMs: number;
}

export function dnsChecks(s: DnsSettings): Checks {
  return {
    spf: (req) =>
      checkSpf(req.domain, {
        ip: req.ip,
        microsoft365: req.microsoft365,
        dnsServers: s.dnsServers.length ? s.dnsServers : undefined,
        timeoutMs: s.dnsTimeoutMs,
        deadlineMs: s.spfDeadlineMs,
        bypassCache: req.bypassCache,
      }),
  };
}
