/** `checkSpf`: the support engineer's view of one domain's SPF. Never throws: every failure is data. */
import { readDomain } from './domain-input';
import type { DnsResolver } from './resolver';
import { sharedResolver } from './resolvers';
import { finding, sortFindings } from './severity';
import { fetchSpf } from './spf/record';
import type { Finding, SpfReport } from './types';

export interface CheckSpfOptions {
  /** The sending IP from the bounce, when known. */
  ip?: string;
  /** The sender is a Microsoft 365 tenant (from the bounce). */
  microsoft365?: boolean;
  dnsServers?: string[];
  /** Per-attempt DNS timeout (default 2000 ms). */
  timeoutMs?: number;
  /** Budget for the whole check (default 8000 ms, well under the 15 s Teams allows). */
  deadlineMs?: number;
  /** "Check again": do not use cached answers. */
  bypassCache?: boolean;
  resolver?: DnsResolver;
}

export const DEFAULT_DEADLINE_MS = 8000;
export const M365_INCLUDE = 'spf.protection.outlook.com';

export async function checkSpf(domainInput: string, opts: CheckSpfOptions = {}): Promise<SpfReport> {
  const started = Date.now();
  const checkedAt = new Date(started).toISOString();
  const findings: Finding[] = [];
  let resolver: DnsResolver | undefined;
  try {
    resolver = opts.resolver ?? sharedResolver(opts.dnsServers, opts.timeoutMs);
  } catch (err) {
    return {
      domain: String(domainInput),
      checkedAt,
      dnsServers: opts.dnsServers ?? [],
      durationMs: 0,
      published: { state: 'error', records: [], error: 'BAD-SERVER' },
      findings: [finding('spf.dns-error', 'error', { domain: String(domainInput), error: (err as Error).message })],
      incomplete: { reason: 'bad-dns-server' },
    };
  }
  const input = readDomain(domainInput);
  const report: SpfReport = {
    domain: input.domain,
    checkedAt,
    dnsServers: resolver.servers,
    durationMs: 0,
    published: { state: 'none', records: [] },
    findings,
  };
  const done = (): SpfReport => {
    report.findings = sortFindings(findings);
    report.durationMs = Date.now() - started;
    return report;
  };
  if (!input.ok) {
    findings.push(finding('domain.invalid', 'error', { domain: input.domain, reason: input.reason }));
    report.published = { state: 'error', records: [], error: 'BADNAME' };
    report.incomplete = { reason: `invalid-domain:${input.reason}` };
    return done();
  }
  const domain = input.domain;
  const deadline = started + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const spf = await fetchSpf(resolver, domain, { deadline, bypassCache: opts.bypassCache });
  report.published = { state: spf.state, records: spf.records };
  if (spf.ttl !== undefined) report.published.ttl = spf.ttl;
  if (spf.state === 'error') {
    const error = spf.dns.status;
    report.published.error = error;
    findings.push(finding('spf.dns-error', 'error', { domain, error, server: spf.dns.server }));
    report.incomplete = { reason: error === 'TIMEOUT' ? 'timeout' : error.toLowerCase() };
    return done();
  }
  if (spf.dns.status === 'NXDOMAIN') findings.push(finding('domain.not-found', 'error', { domain }));
  else if (spf.state === 'none') findings.push(finding('spf.none', 'error', { domain }));
  else if (spf.state === 'several') {
    findings.push(finding('spf.multiple', 'error', { domain, count: spf.records.length, records: spf.records }));
  } else findings.push(finding('spf.one', 'ok', { domain, record: spf.records[0] }));

  const hasM365 = spf.records.some((r) => r.toLowerCase().split(/\s+/).some((t) => /^[+]?include:spf\.protection\.outlook\.com\.?$/.test(t)));
  if (spf.dns.status !== 'NXDOMAIN' && (opts.microsoft365 || hasM365)) {
    findings.push(
      hasM365 ? finding('m365.include.present', 'ok', { domain }) : finding('m365.include.missing', 'error', { domain }),
    );
  }
  return done();
}
