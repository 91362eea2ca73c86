/**
 * The DNS checks the playbooks ask for, bound to one configuration (servers, timeouts), so the bot, the
 * command line and tests run them alike.
 */
import { checkAuthentication, type AuthenticationCheckRequest, type AuthenticationReport } from './check-authentication';
import { checkMailHost, type MailHostReport } from './check-mail-host';
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

export type AuthenticationChecker = (req: AuthenticationCheckRequest) => Promise<AuthenticationReport>;

export type MailHostChecker = (domain: string, bypassCache?: boolean) => Promise<MailHostReport>;

export interface Checks {
  spf: SpfChecker;
  authentication: AuthenticationChecker;
  /** Whether a (recipient) domain exists and takes mail. */
  mailHost?: MailHostChecker;
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
    mailHost: (domain, bypassCache) =>
      checkMailHost(domain, {
        dnsServers: s.dnsServers.length ? s.dnsServers : undefined,
        timeoutMs: s.dnsTimeoutMs,
        deadlineMs: s.spfDeadlineMs,
        bypassCache,
      }),
    authentication: (req) =>
      checkAuthentication(req, {
        dnsServers: s.dnsServers.length ? s.dnsServers : undefined,
        timeoutMs: s.dnsTimeoutMs,
        deadlineMs: s.spfDeadlineMs,
      }),
  };
}
