/**
 * The DNS checks the playbooks ask for, bound to one configuration (servers, timeouts), so the bot, the
 * command line and tests run them alike. SPF and authentication reports are reused for the same request
 * while their answers are fresh (`report-cache.ts`).
 */
import { checkAuthentication, type AuthenticationCheckRequest, type AuthenticationReport } from './check-authentication';
import { checkMailHost, type MailHostReport } from './check-mail-host';
import { checkSpf } from './check-spf';
import { ReportCache, reused, type ReportCacheLimits } from './report-cache';
import type { DnsResolver } from './resolver';
import { sharedResolver } from './resolvers';
import type { SpfReport } from './types';

export interface SpfCheckRequest {
  domain: string;
  ip?: string;
  /** The message left through Microsoft 365 (Exchange Online wrote the bounce). */
  microsoft365: boolean;
  /** No IP in the bounce: the sender's own host that wrote it, whose address stands for the sending IP. */
  sendingHost?: string;
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

export function dnsChecks(s: DnsSettings, limits: ReportCacheLimits = {}): Checks {
  const dnsServers = s.dnsServers.length ? s.dnsServers : undefined;
  const limitsKey = `${s.dnsServers.join(',')}|${s.dnsTimeoutMs}|${s.spfDeadlineMs}`;
  const spfReports = new ReportCache<SpfReport>(limits);
  const authReports = new ReportCache<AuthenticationReport>(limits);
  const resolver = (): DnsResolver | undefined => {
    try {
      return sharedResolver(dnsServers, s.dnsTimeoutMs);
    } catch {
      return undefined; // a server list that does not parse: the check itself reports it, and is not kept
    }
  };
  const spf: SpfChecker = (req) => {
    const run = (r?: DnsResolver): Promise<SpfReport> =>
      checkSpf(req.domain, { ip: req.ip, sendingHost: req.sendingHost, microsoft365: req.microsoft365, dnsServers, timeoutMs: s.dnsTimeoutMs, deadlineMs: s.spfDeadlineMs, bypassCache: req.bypassCache, resolver: r });
    const base = resolver();
    if (!base) return run();
    const key = JSON.stringify([limitsKey, req.domain, req.ip ?? '', req.sendingHost ?? '', req.microsoft365]);
    return spfReports.get(key, base, run, reused, req.bypassCache);
  };
  const authentication: AuthenticationChecker = (req) => {
    const run = (r?: DnsResolver): Promise<AuthenticationReport> =>
      checkAuthentication(req, { dnsServers, timeoutMs: s.dnsTimeoutMs, deadlineMs: s.spfDeadlineMs, resolver: r });
    const base = resolver();
    if (!base) return run();
    const signatures = req.signatures.map((x) => [x.domain, x.selector]);
    const key = JSON.stringify([limitsKey, req.fromDomain, req.mailFromDomain ?? '', req.ip ?? '', req.sendingHost ?? '', req.microsoft365, signatures, req.headersSeen !== false]);
    return authReports.get(key, base, run, (r, now) => ({ ...reused(r, now), spf: reused(r.spf, now) }), req.bypassCache);
  };
  return {
    spf,
    mailHost: (domain, bypassCache) =>
      checkMailHost(domain, {
        dnsServers,
        timeoutMs: s.dnsTimeoutMs,
        deadlineMs: s.spfDeadlineMs,
        bypassCache,
      }),
    authentication,
  };
}
