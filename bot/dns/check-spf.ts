/**
 * `checkSpf`: the support engineer's view of one domain's SPF, optionally for the sending IP of a
 * bounce. Everything independent is asked at once under one deadline (record tree, DMARC, A/MX, the
 * SPF RR type); the IP evaluation shares the same answers. Never throws: every failure is data.
 */
import { lookupDmarc } from './dmarc';
import { readDomain } from './domain-input';
import { M365_INCLUDE, M365_MX, microsoftNetworkOf } from './microsoft';
import type { DnsResolver, DnsResult } from './resolver';
import { sharedResolver } from './resolvers';
import { finding, sortFindings } from './severity';
import { dmarcFinding, ipFinding, m365Include, recordFindings } from './spf-findings';
import { AuditWalker, subtreeLookups, voidCount, type AuditNode } from './spf/audit';
import { checkHostIn, DEFAULT_DEADLINE_MS } from './spf/check-host';
import { parseClientIp, type ClientIp } from './spf/ip';
import { correctedLookalike, spfFromTxt, spfLookalike } from './spf/record';
import { DnsSession } from './spf/session';
import { suggest } from './suggest';
import type { Finding, SpfReport } from './types';

export interface CheckSpfOptions {
  /** The sending IP from the bounce, when known. */
  ip?: string;
  /**
   * No IP in the bounce, but the host that wrote it tried to deliver the message (the sender's own server,
   * refused over SMTP): its address in DNS is tested in place of the sending IP, and the report says so.
   */
  sendingHost?: string;
  /**
   * The sender is a Microsoft 365 tenant (from the bounce). A sending IP in Exchange Online's outbound
   * ranges says the same. For a tenant the report says whether `include:spf.protection.outlook.com` is
   * reached anywhere in the record tree (`m365.include.present`, ok) or not (`m365.include.missing`,
   * error, and the suggestion adds it). For anyone else only its presence is noted, never its absence.
   */
  microsoft365?: boolean;
  dnsServers?: string[];
  /** Per-attempt DNS timeout (default 2000 ms). */
  timeoutMs?: number;
  /** Budget for the whole check (default 8000 ms, well under the 15 s Teams allows). */
  deadlineMs?: number;
  /** "Check again": do not use cached answers. */
  bypassCache?: boolean;
  resolver?: DnsResolver;
  /** The message's From domain, for DMARC alignment (default: the domain checked). */
  fromDomain?: string;
  /** Check this record as if it were published ("what if I publish this?"). */
  draft?: string;
}

/** Results that come from a finished evaluation: the IP is then known not to be covered. */
const NOT_COVERED: ReadonlySet<string> = new Set(['fail', 'softfail', 'neutral', 'none']);
/** Record problems that make receivers give up on the whole record (permerror). */
const RECORD_DEFECTS: ReadonlySet<string> = new Set(['spf.multiple', 'spf.syntax', 'spf.loop', 'spf.include.no-record', 'spf.lookups.over', 'spf.void-lookups.over']);

const SPF_RR_GRACE_MS = 250;

/** The value of `p` if it settles within `ms`, else undefined. */
function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const isEmpty = (r: DnsResult | undefined): boolean => r?.status === 'NXDOMAIN' || r?.status === 'NODATA';

function incompleteReason(r: DnsResult): string {
  if (r.detail === 'deadline' || r.detail === 'aborted') return 'deadline';
  return r.status === 'TIMEOUT' ? 'timeout' : r.status.toLowerCase();
}

export async function checkSpf(domainInput: string, opts: CheckSpfOptions = {}): Promise<SpfReport> {
  const started = Date.now();
  const checkedAt = new Date(started).toISOString();
  const findings: Finding[] = [];
  let resolver: DnsResolver;
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
  try {
    if (!input.ok) {
      findings.push(finding('domain.invalid', 'error', { domain: input.domain, reason: input.reason }));
      report.published = { state: 'error', records: [], error: 'BADNAME' };
      report.incomplete = { reason: `invalid-domain:${input.reason}` };
      return done();
    }
    const session = new DnsSession(resolver, { deadline: started + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS), bypassCache: opts.bypassCache });
    try {
      await checkDomainSpf(report, findings, input.domain, opts, session);
    } finally {
      // Answers taken from the cache: the card says when they were fetched, not "just now".
      if (session.oldestCachedAt !== undefined) report.cachedSince = new Date(session.oldestCachedAt).toISOString();
    }
  } catch (err) {
    // A bug must not take the dialog down: say the check is incomplete instead.
    report.incomplete = { reason: `internal-error:${(err as Error)?.message ?? String(err)}` };
  }
  return done();
}

/**
 * The address a host would send from: its first IPv4 address, else its first IPv6 one. A server with
 * both usually reaches another server's MX over IPv4 unless both have IPv6; the bounce doesn't say,
 * so the card says whose address it tested. Undefined when DNS has none (or doesn't answer in time).
 */
async function hostAddress(session: DnsSession, host: string): Promise<ClientIp | undefined> {
  const [a, aaaa] = await Promise.all([session.query(host, 'A'), session.query(host, 'AAAA')]);
  for (const answer of [a, aaaa]) {
    if (answer.status !== 'OK') continue;
    for (const r of answer.records) {
      const ip = parseClientIp(r.data);
      // An internal name's private address is not what another server saw: no address stands in then.
      if (ip && !NOT_SEEN_OUTSIDE.has(ip.addr.range())) return ip;
    }
  }
  return undefined;
}

/** Address ranges no server on the internet sees a connection come from. */
const NOT_SEEN_OUTSIDE: ReadonlySet<string> = new Set(['private', 'loopback', 'linkLocal', 'uniqueLocal', 'carrierGradeNat', 'unspecified']);

/** Every part of the check for a valid domain name, filling in `report` and `findings`. */
async function checkDomainSpf(
  report: SpfReport,
  findings: Finding[],
  domain: string,
  opts: CheckSpfOptions,
  session: DnsSession,
): Promise<void> {
  let ip: ClientIp | undefined;
  if (opts.ip !== undefined && opts.ip !== '') {
    ip = parseClientIp(opts.ip);
    if (!ip) findings.push(finding('ip.invalid', 'warning', { ip: String(opts.ip) }));
  }
  const host = !ip && opts.sendingHost ? opts.sendingHost : undefined;
  if (host) ip = await hostAddress(session, host);
  const microsoft = ip ? microsoftNetworkOf(ip) : undefined;
  const relay = microsoft?.network === 'relay-pool' ? microsoft.range : undefined;
  const microsoftIp = microsoft?.network === 'microsoft-365' ? microsoft.range : undefined;
  if (ip) report.sendingIp = { ip: ip.text, network: microsoft?.network ?? 'other', range: microsoft?.range, ...(host ? { host } : {}) };
  if (ip && host) findings.push(finding('ip.from-host', 'info', { ip: ip.text, host }));
  const override = opts.draft !== undefined ? { domain, record: opts.draft } : undefined;

  // Everything independent starts now; the session shares answers between them.
  const txt = session.query(domain, 'TXT');
  const spfRr = session.query(domain, 'SPF');
  // MX says whether the domain is on Microsoft 365; A and MX together whether it has any mail host at all.
  const addr = Promise.all([session.query(domain, 'A'), session.query(domain, 'MX')]);
  const dmarc = lookupDmarc(session, domain, opts.fromDomain ? readDomain(opts.fromDomain).domain : domain);
  // Both are bounded in evaluation order (the audit walk: the first 10 lookups, the whole tree up to 20;
  // the evaluation asks ahead only for what it can still reach) and share every answer.
  const audit = new AuditWalker(session, { ip, override }).walk(domain);
  const connection = { ip: ip?.text ?? '', mailFrom: `postmaster@${domain}`, helo: domain, recordOverride: override };
  const evaluation = ip ? checkHostIn(session, connection) : undefined;

  // Work left running after an early return must not surface as an unhandled rejection.
  for (const p of [spfRr, addr, dmarc, audit, evaluation]) void p?.catch(() => undefined);

  const spf = spfFromTxt(await txt);
  if (override) {
    report.published = { state: 'one', records: [override.record], draft: true };
  } else {
    report.published = { state: spf.state, records: spf.records };
    if (spf.ttl !== undefined) report.published.ttl = spf.ttl;
  }
  if (!override && spf.state === 'error') {
    const error = spf.dns.status;
    report.published.error = error;
    findings.push(finding('spf.dns-error', 'error', { domain, error, server: spf.dns.server }));
    report.incomplete = { reason: incompleteReason(spf.dns) };
    return;
  }
  if (!override && spf.dns.status === 'NXDOMAIN') {
    findings.push(finding('domain.not-found', 'error', { domain }));
    return;
  }
  // A record meant as SPF but misspelt (`v=spf 1`): receivers see none, the person sees one. Both are said.
  const lookalike = !override && spf.state === 'none' ? spfLookalike(spf.dns.records.map((r) => r.data)) : undefined;
  if (lookalike) report.published.lookalike = lookalike;
  if (!override && spf.state === 'none') findings.push(finding('spf.none', 'error', lookalike ? { domain, lookalike } : { domain }));
  else if (!override && spf.state === 'several') {
    findings.push(finding('spf.multiple', 'error', { domain, count: spf.records.length, records: spf.records }));
  } else findings.push(finding('spf.one', 'ok', { domain, record: report.published.records[0] }));

  const [walked, ipResult, dmarcInfo, [a, mx]] = await Promise.all([audit, evaluation, dmarc, addr]);
  let top = walked;
  if (mx.status === 'OK') report.mailHosts = mx.records.map((r) => r.data).filter(Boolean);
  const m365Mx = report.mailHosts?.find((h) => M365_MX.test(h));
  if (m365Mx) findings.push(finding('m365.mx', 'info', { domain, host: m365Mx }));
  const tenant = !!opts.microsoft365 || !!microsoftIp || !!m365Mx;
  // A tenant's include may sit in a record past the walk's scope: read on (TXT only, one record after
  // another, up to the walk's record budget) until it appears. Everything already read is reused.
  if (tenant && top.state === 'record' && top.scope && !top.scope.complete && !m365Include(top)) {
    top = await new AuditWalker(session, { ip, override, search: M365_INCLUDE }).walk(domain);
  }
  // Some servers never answer type 99: it only adds a note, so it gets a short grace, not the deadline.
  const spfType = await within(spfRr, SPF_RR_GRACE_MS);

  if (ipResult && ip) {
    report.ipResult = { ...ipResult, ip: ip.text };
    if (relay) findings.push(finding('m365.relay-pool', 'error', { ip: ip.text, range: relay }));
    findings.push(ipFinding(ip.text, ipResult));
    if (ipResult.result === 'temperror') report.incomplete ??= { reason: ipResult.reason ?? 'temperror' };
  }

  const hasRecord = top.state === 'record';
  const m365 = hasRecord ? m365Include(top) : undefined;
  // With several records nothing is walked; the include written in one of them still counts as present.
  const m365Written = spf.records.some((r) => r.toLowerCase().split(' ').includes(`include:${M365_INCLUDE}`));
  if (tenant) {
    if (m365 || m365Written) findings.push(finding('m365.include.present', 'ok', { domain, via: m365?.parent ?? domain }));
    // With no record at all, spf.none says it; "the record doesn't include …" would speak of a record that is not there.
    else if (spf.state !== 'none' || override) {
      const params = { domain, basis: opts.microsoft365 ? 'bounce' : microsoftIp ? 'ip' : 'mx', ip: microsoftIp ? ip?.text : undefined };
      // Not in the records read, and the tree goes on past them: say how far the search went.
      const partial = hasRecord && top.scope && !top.scope.complete ? { partial: true, records: top.scope.records } : {};
      findings.push(finding('m365.include.missing', 'error', { ...params, ...partial }));
    }
    // Only an evaluation that reached a result says the IP is not covered; a permerror says nothing of it.
    if (microsoftIp && (m365 || m365Written) && ipResult && NOT_COVERED.has(ipResult.result)) {
      findings.push(finding('m365.ip-not-covered', 'error', { ip: ip?.text, domain, range: microsoftIp }));
    }
    // Such domains' mail goes out through the High Risk Delivery Pool, unless this very IP passed.
    if (isEmpty(a) && isEmpty(mx)) {
      const passed = ipResult?.result === 'pass';
      findings.push(finding('m365.no-a-no-mx', passed ? 'warning' : 'error', { domain, ip: passed ? ip?.text : undefined, passed }));
    }
  } else if (m365) {
    findings.push(finding('m365.include.present', 'ok', { domain, via: m365.parent }));
  }

  if (hasRecord) {
    findings.push(...recordFindings(top));
    report.lookups = subtreeLookups(top);
    report.voidLookups = voidCount(top);
    if (top.scope && !top.scope.complete) report.lookupsAtLeast = true;
    if (top.scope && !top.scope.voidsComplete) report.voidLookupsAtLeast = true;
    const failed = treeFailure(top);
    if (failed) report.incomplete ??= { reason: failed };
  }
  if (spfType?.status === 'OK' && spfType.records.length) {
    findings.push(finding('spf.deprecated-type', spf.state === 'none' ? 'warning' : 'info', { domain }));
  }

  // Receivers discard a record with such a defect: the include in it authorizes nobody until it is mended.
  if (ipResult?.result === 'permerror' || findings.some((f) => RECORD_DEFECTS.has(f.code) && f.severity === 'error')) {
    for (const f of findings) if (f.code === 'm365.include.present') Object.assign(f, { severity: 'warning', params: { ...f.params, ignored: true } });
  }

  report.dmarc = dmarcInfo;
  const d = dmarcFinding(domain, dmarcInfo);
  if (d) findings.push(d);

  const needsIp = !!ipResult && ipResult.result !== 'pass' && !relay;
  // The misspelt record, its version written right, is what to build on: it holds the person's senders.
  const fixed = lookalike ? correctedLookalike(lookalike) : undefined;
  const fixedHasM365 = fixed?.toLowerCase().split(' ').includes(`include:${M365_INCLUDE}`) ?? false;
  const needsInclude = tenant && !m365 && !m365Written && !fixedHasM365;
  const current = override?.record ?? (spf.state === 'one' ? spf.records[0] : fixed);
  if ((needsIp || needsInclude || fixed) && (current !== undefined || spf.state === 'none')) {
    const s = await suggest({
      session,
      domain,
      current,
      ip: relay ? undefined : ip,
      required: needsInclude ? [`include:${M365_INCLUDE}`] : [],
      mayAddIp: !microsoftIp,
      // The IP was evaluated against no record, not against the corrected one.
      currentResult: relay || fixed ? undefined : ipResult?.result,
      replacesLookalike: Boolean(fixed),
    });
    if (s) {
      report.suggestion = s;
      if (s.strings && s.strings.length > 1) {
        findings.push(finding('spf.string.too-long', 'info', { domain, length: s.bytes, suggestion: true }));
      }
    }
  }
}

/** The first DNS failure met while walking the tree (it makes the counts a lower bound). */
function treeFailure(top: AuditNode): string | undefined {
  const stack = [top];
  while (stack.length) {
    const n = stack.shift();
    if (!n) break;
    if (n.state === 'error') return n.error === 'TIMEOUT' ? 'timeout' : (n.error ?? 'dns-error').toLowerCase();
    stack.push(...n.children);
  }
  return undefined;
}
