/**
 * `checkAuthentication`: what DNS says now about a message's authentication, as a support engineer
 * reviews a DMARC or DKIM rejection. SPF for the envelope domain (and the sending IP), the DKIM keys of
 * the selectors the message was signed with (and, for Microsoft 365 senders, the two selectors Microsoft
 * publishes behind CNAMEs), the From domain's DMARC record, and whether SPF and DKIM align with From.
 * Everything is asked at once under one deadline; never throws.
 */
import { checkSpf, type CheckSpfOptions } from './check-spf';
import { dkimKey, isMicrosoftDkimTarget, M365_SELECTORS, type DkimKey } from './dkim';
import { lookupDmarc, organizationalDomain } from './dmarc';
import { readDomain } from './domain-input';
import { sharedResolver } from './resolvers';
import { DEFAULT_DEADLINE_MS } from './spf/check-host';
import { DnsSession } from './spf/session';
import { finding, sortFindings } from './severity';
import type { DmarcInfo, Finding, SpfReport } from './types';

export interface AuthenticationCheckRequest {
  /** The From domain (RFC 5322.From): whose DMARC policy applies. */
  fromDomain: string;
  /** The envelope domain SPF is checked for (Return-Path); the From domain when unknown. */
  mailFromDomain?: string;
  ip?: string;
  /** With no `ip`: the host that sent the message, whose public address in DNS is tested in its place (see CheckSpfOptions). */
  sendingHost?: string;
  /** DKIM signatures the message carried: each selector's key is read. */
  signatures: { domain: string; selector: string }[];
  /** Sent through Microsoft 365: its two DKIM selectors for the From domain are read too. */
  microsoft365: boolean;
  /** The bounce quoted the message's headers, so `signatures` is what it carried (no signature means unsigned). */
  headersSeen?: boolean;
  bypassCache?: boolean;
}

export type AlignmentMode = 'r' | 's';

export interface AuthenticationReport {
  fromDomain: string;
  mailFromDomain: string;
  /** The bounce showed no envelope domain: SPF was checked for the From domain in its place, which aligns by definition. */
  mailFromAssumed?: true;
  checkedAt: string;
  dnsServers: string[];
  spf: SpfReport;
  dmarc: DmarcInfo;
  /** Keys of the signatures the message carried. */
  keys: DkimKey[];
  /** For Microsoft 365 senders: selector1 and selector2 of the From domain. */
  m365Keys?: DkimKey[];
  /** SPF's domain is the From domain's (relaxed: same organizational domain; strict: the very name). */
  spfAligned: boolean;
  /** The signatures the message carried, and those whose d= aligns with From under the policy's adkim. */
  signatures: { domain: string; selector: string }[];
  alignedSignatures: { domain: string; selector: string }[];
  /** What DNS says about DKIM, DMARC and alignment, as findings; the SPF check's own are in `spf`. */
  findings: Finding[];
  /** When some answers came from the cache: when the oldest was fetched. */
  cachedSince?: string;
  incomplete?: { reason: string };
}

export type CheckAuthenticationOptions = Pick<CheckSpfOptions, 'dnsServers' | 'timeoutMs' | 'deadlineMs' | 'resolver'>;

export function aligned(authDomain: string, fromDomain: string, mode: AlignmentMode): boolean {
  const a = authDomain.toLowerCase().replace(/\.$/, '');
  const b = fromDomain.toLowerCase().replace(/\.$/, '');
  return mode === 's' ? a === b : organizationalDomain(a) === organizationalDomain(b);
}

export async function checkAuthentication(req: AuthenticationCheckRequest, opts: CheckAuthenticationOptions = {}): Promise<AuthenticationReport> {
  const started = Date.now();
  const fromDomain = readDomain(req.fromDomain).domain;
  const mailFromDomain = req.mailFromDomain ? readDomain(req.mailFromDomain).domain : fromDomain;
  const resolver = opts.resolver ?? sharedResolver(opts.dnsServers, opts.timeoutMs);
  const session = new DnsSession(resolver, { deadline: started + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS), bypassCache: req.bypassCache });

  // "Sent through Microsoft 365" speaks of the sender's own domains: an envelope domain of another
  // organization (a sending service's, an outbound gateway's) is not one to ask for Microsoft 365's include
  // on the bounce's word. Its own MX, or a Microsoft sending IP, still makes it a Microsoft 365 sender.
  const ownEnvelope = aligned(mailFromDomain, fromDomain, 'r');
  // The SPF check runs its own session (its own budget and trace); DMARC and DKIM share this one.
  const spf = checkSpf(mailFromDomain, { ...opts, ip: req.ip, sendingHost: req.sendingHost, microsoft365: req.microsoft365 && ownEnvelope, fromDomain, bypassCache: req.bypassCache });
  const dmarc = lookupDmarc(session, fromDomain, fromDomain).catch((err: unknown): DmarcInfo => ({ error: String((err as Error)?.message ?? err) }));
  const signatures = req.signatures.slice(0, 8);
  // Only keys that can count for DMARC are read: a signature of another domain (Microsoft 365's own
  // onmicrosoft.com signature, a vendor's) passes or fails without bearing on the From domain. Both
  // alignment modes are tried before the DMARC record (and its adkim) is known.
  const keys = Promise.all(signatures.filter((s) => aligned(s.domain, fromDomain, 'r')).map((s) => dkimKey(session, s.domain, s.selector)));
  const m365Keys = req.microsoft365 ? Promise.all(M365_SELECTORS.map((s) => dkimKey(session, fromDomain, s))) : undefined;

  const [spfReport, dmarcInfo, keyList, m365List] = await Promise.all([spf, dmarc, keys, m365Keys]);
  const report: AuthenticationReport = {
    fromDomain,
    mailFromDomain,
    checkedAt: new Date(started).toISOString(),
    dnsServers: resolver.servers,
    spf: spfReport,
    dmarc: dmarcInfo,
    keys: keyList,
    spfAligned: aligned(mailFromDomain, fromDomain, dmarcInfo.aspf ?? 'r'),
    signatures,
    alignedSignatures: signatures.filter((s) => aligned(s.domain, fromDomain, dmarcInfo.adkim ?? 'r')),
    findings: [],
  };
  if (m365List) report.m365Keys = m365List;
  if (!req.mailFromDomain) report.mailFromAssumed = true;
  report.findings = sortFindings(authenticationFindings(report, signatures.length > 0, req.headersSeen !== false));
  const cached = [session.oldestCachedAt, spfReport.cachedSince ? Date.parse(spfReport.cachedSince) : undefined].filter((x): x is number => x !== undefined);
  if (cached.length) report.cachedSince = new Date(Math.min(...cached)).toISOString();
  const failed = dmarcInfo.error ?? [...keyList, ...(m365List ?? [])].find((k) => k.state === 'dns-error')?.dnsStatus;
  if (failed) report.incomplete = { reason: failed === 'TIMEOUT' ? 'timeout' : failed.toLowerCase() };
  else if (spfReport.incomplete) report.incomplete = spfReport.incomplete;
  return report;
}

/** A Microsoft 365 selector that points where Microsoft publishes keys, and the key is there. */
export function m365KeyPublished(k: DkimKey): boolean {
  return k.state === 'ok' && isMicrosoftDkimTarget(k.cname);
}

const KEY_SEVERITY: Record<DkimKey['state'], Finding['severity']> = {
  ok: 'ok',
  missing: 'error',
  'dangling-cname': 'error',
  revoked: 'error',
  weak: 'error',
  syntax: 'error',
  'dns-error': 'warning',
};

function keyFinding(k: DkimKey): Finding {
  return finding(`dkim.key.${k.state}`, KEY_SEVERITY[k.state], {
    name: k.name,
    selector: k.selector,
    domain: k.domain,
    cname: k.cname,
    bits: k.bits,
    min: 1024,
    problems: k.problems,
    error: k.dnsStatus,
  });
}

/** Two different names that align only in relaxed mode: the organizational domain they share, to name it. */
function sharedOrg(a: string, b: string): { org?: string } {
  return a === b ? {} : { org: organizationalDomain(a) };
}

/** DKIM keys, Microsoft 365's selectors, DMARC's own record problems, and alignment, as findings. */
function authenticationFindings(r: AuthenticationReport, signed: boolean, headersSeen: boolean): Finding[] {
  const out: Finding[] = [];
  const from = r.fromDomain;
  const d = r.dmarc;
  if (d.several) out.push(finding('dmarc.several', 'error', { domain: from, count: d.several }));
  if (d.problems?.length) out.push(finding('dmarc.problems', 'error', { domain: d.domain ?? from, problems: d.problems }));
  for (const k of r.keys) out.push(keyFinding(k));
  if (r.m365Keys) {
    const published = r.m365Keys.filter(m365KeyPublished);
    const told = new Set(r.keys.map((k) => k.name));
    if (published.length) out.push(finding('dkim.m365.published', 'ok', { domain: from }));
    else if (r.m365Keys.every((k) => k.state === 'missing' && !k.cname)) out.push(finding('dkim.m365.missing', 'warning', { domain: from, selectors: r.m365Keys.map((k) => k.name) }));
    else for (const k of r.m365Keys.filter((x) => x.state !== 'ok' && x.state !== 'missing' && !told.has(x.name))) out.push(keyFinding(k));
  }
  if (signed && !r.alignedSignatures.length) {
    // Signed by another name under the From domain's organizational domain, which only strict alignment refuses.
    const strictMiss = d.adkim === 's' && r.signatures.some((s) => aligned(s.domain, from, 'r'));
    out.push(finding('dkim.other-domain', 'warning', { domain: from, signers: [...new Set(r.signatures.map((s) => s.domain))], mode: d.adkim ?? 'r', ...(strictMiss ? { org: organizationalDomain(from) } : {}) }));
  } else if (!signed && headersSeen && r.keys.length === 0 && !r.m365Keys?.some(m365KeyPublished)) {
    // Only headers the bounce quoted can show that the message carried no signature.
    out.push(finding('dkim.unsigned', 'info', { domain: from }));
  }
  // A matching signature counts for DMARC only if its key checks out.
  for (const s of r.alignedSignatures) {
    if (r.keys.some((k) => k.domain === s.domain && k.selector === s.selector && k.state === 'ok')) out.push(finding('align.dkim.yes', 'ok', { signer: s.domain, from, mode: d.adkim ?? 'r', ...sharedOrg(s.domain, from) }));
  }
  // Aligned: the organizational domain two different names share. Not aligned only because the record asks
  // for strict alignment: the one they share all the same, which the card names beside aspf=s.
  const strictMiss = !r.spfAligned && d.aspf === 's' && aligned(r.mailFromDomain, from, 'r');
  const spfParams = { mailFrom: r.mailFromDomain, from, mode: d.aspf ?? 'r', ...(r.spfAligned || strictMiss ? sharedOrg(r.mailFromDomain, from) : {}) };
  // With no envelope domain in the bounce, "aligned" is only the assumption SPF was checked under: a mail
  // service sending with a bounce address of its own passes SPF for its domain, which doesn't count for From.
  if (r.mailFromAssumed) out.push(finding('align.spf.yes', 'info', { ...spfParams, assumed: true }));
  else out.push(r.spfAligned ? finding('align.spf.yes', 'ok', spfParams) : finding('align.spf.no', 'warning', spfParams));
  return out;
}
