/**
 * The authentication verdict (DMARC, DKIM, and SPF as their part): what the rejecting server required,
 * what it said it saw, and what DNS says now, judged together. DMARC passes when SPF or DKIM passes for a
 * domain aligned with the From domain; Gmail and Yahoo want SPF or DKIM to pass at all, and a DMARC record
 * from bulk senders; Outlook.com's high-volume rule (5.7.515) wants SPF, DKIM and DMARC all to pass.
 */
import type { AuthenticationReport } from '../dns/check-authentication';
import { m365KeyPublished } from '../dns/check-authentication';
import { organizationalDomain } from '../dns/dmarc';
import { MIN_RSA_BITS, type DkimKey } from '../dns/dkim';
import type { AuthenticationFacts, AuthResult } from '../ndr/types';
import { RECORD_CAUSES, recordProblemsOf, spfVerdict, type SpfCause } from './spf-verdict';
import type { Confidence, PriorCheck, Verdict } from './types';

export const AUTH_OWN_CAUSES = ['dmarc-no-aligned-pass', 'dkim-not-signing', 'dkim-key-broken', 'dkim-failed', 'dmarc-missing', 'forwarded'] as const;
export type AuthCause = (typeof AUTH_OWN_CAUSES)[number] | SpfCause;
export type AuthVerdict = Verdict<AuthCause>;

/**
 * What the receiving server asked for, from its code and words. `dkim`: a DKIM signature that passes,
 * whatever SPF says (RFC 7372's X.7.20–X.7.22, or a DKIM failure named as the reason).
 */
export type AuthRule = 'dmarc' | 'spf-or-dkim' | 'all-three' | 'ipv6' | 'dkim';

export interface AuthFacts {
  rule: AuthRule;
  fromDomain?: string;
  facts?: AuthenticationFacts;
  report?: AuthenticationReport;
  sentByMicrosoft365: boolean;
  /** The remote words speak of forwarding, or an ARC seal shows a forwarder. */
  forwardedWords: boolean;
  /** The remote words name DMARC. */
  dmarcWords: boolean;
  history: PriorCheck[];
}

const FAILED: ReadonlySet<AuthResult | undefined> = new Set<AuthResult | undefined>(['fail', 'softfail', 'none', 'permerror', 'temperror', 'neutral']);

function verdict(cause: AuthCause, confidence: Confidence, evidence: string[], extra: Partial<AuthVerdict> = {}): AuthVerdict {
  const v: AuthVerdict = { cause, confidence, evidence: [...new Set(evidence)] };
  if (extra.ruledOut?.length) v.ruledOut = [...new Set(extra.ruledOut)];
  if (extra.detail && Object.keys(extra.detail).length) v.detail = extra.detail;
  return v;
}

const BROKEN: ReadonlySet<DkimKey['state']> = new Set<DkimKey['state']>(['missing', 'dangling-cname', 'revoked', 'weak', 'syntax']);

/** The tenant's own onmicrosoft.com domain, when Microsoft 365 signed with it (DKIM off for the custom domain). */
export function tenantDomainOf(facts: AuthenticationFacts | undefined): string | undefined {
  return facts?.signatures.find((s) => s.domain.endsWith('.onmicrosoft.com'))?.domain;
}

/** A lookup the verdict needed didn't answer: not known yet, never "none". */
function unreadable(lookup: 'dmarc' | 'dkim', name: string, status: string, domain: string): AuthVerdict {
  const reason = status === 'TIMEOUT' ? 'timeout' : status.toLowerCase();
  return verdict('dns-unavailable', 'likely', [`${lookup}.dns-error`], { detail: { lookup, name, domain, reason } });
}

/**
 * The bounce quoted the message's own headers, whole enough to tell which DKIM signatures it carried (or
 * that it carried none): not a person's excerpt of From and To.
 */
export function headersSeenIn(facts: AuthenticationFacts | undefined): boolean {
  return Boolean(facts?.signatures.length || (facts?.fromDomain && facts.headersWhole));
}

export function authVerdict(a: AuthFacts): AuthVerdict {
  const v = judge(a);
  // The receiving server's SPF fail against a pass now is evidence beside any verdict built on DNS.
  if (v.cause !== 'dns-unavailable' && v.cause !== 'needs-domain' && spfPassesNowOf(a)) v.evidence = [...new Set([...v.evidence, 'spf.reported-fail-passes-now'])];
  return v;
}

/**
 * The receiving server saw SPF fail, and the record passes the same IP now: either the record changed since
 * the bounce, or the message reached the receiver through another hop (forwarding).
 */
function spfPassesNowOf(a: AuthFacts): boolean {
  const reported = a.facts?.reported;
  const spf = a.report?.spf;
  // An address read from DNS for the sender's own server is not the one the receiving server saw.
  if (!reported || !spf || !FAILED.has(reported.spf) || spf.ipResult?.result !== 'pass' || spf.sendingIp?.host) return false;
  return !reported.spfDomain || reported.spfDomain.toLowerCase() === spf.domain;
}

function judge(a: AuthFacts): AuthVerdict {
  const r = a.report;
  const from = a.fromDomain;
  if (!from || !r) return verdict('needs-domain', 'likely', []);
  const spf = r.spf;
  const spfJudged = spfVerdict({ subject: 'bounce', domain: spf.domain, report: spf, sentByMicrosoft365: a.sentByMicrosoft365, history: a.history });
  if (spfJudged.cause === 'domain-not-found' && spf.domain === from) return verdict('domain-not-found', 'confirmed', spfJudged.evidence);
  // A lookup that failed says nothing about the record: never "no DMARC record" or "no key" from it.
  if (spf.published.state === 'error') return verdict('dns-unavailable', 'likely', ['spf.dns-error'], { detail: { lookup: 'spf', reason: spf.incomplete?.reason ?? 'dns-error' } });
  if (r.dmarc.error) return unreadable('dmarc', `_dmarc.${from}`, r.dmarc.error, from);

  const reported = a.facts?.reported ?? {};
  const ipResult = spf.ipResult?.result;
  // With no IP in the bounce, the sender's own server's address from DNS was tested in its place. Its fail
  // says the record misses the server that sent the message (likely, never confirmed); its pass proves less
  // (the server may have reached the receiver over IPv6, or through another hop), so it stands for no pass.
  // The receiving server's own SPF result, when it gives one, wins over either.
  const inferredHost = spf.sendingIp?.host;
  const ipEvaluated = ipResult !== undefined && !inferredHost;
  const inferredFail = inferredHost !== undefined && ipResult !== undefined && ipResult !== 'pass';
  const spfPasses = ipEvaluated ? ipResult === 'pass' : reported.spf !== undefined ? reported.spf === 'pass' : inferredFail ? false : undefined;
  const spfAlignedPass = r.spfAligned && spfPasses === true;
  const headersSeen = headersSeenIn(a.facts);
  const alignedKeys = r.keys.filter((k) => r.alignedSignatures.some((s) => s.domain === k.domain && s.selector === k.selector));
  const brokenKey = alignedKeys.find((k) => BROKEN.has(k.state)) ?? r.m365Keys?.find((k) => k.cname && BROKEN.has(k.state));
  const m365Published = r.m365Keys?.some(m365KeyPublished) ?? false;
  const dkimAlignedPass = alignedKeys.some((k) => k.state === 'ok') && reported.dkim !== 'fail';
  const dkimAligned = dkimAlignedPass || (m365Published && !headersSeen && reported.dkim !== 'fail' && reported.dkim !== 'none');
  const dmarcMissing = !r.dmarc.record && !r.dmarc.several;
  const spfRecordCause = RECORD_CAUSES.has(spfJudged.cause) || spfJudged.cause === 'high-risk-delivery-pool';
  const ip = spf.sendingIp?.ip;
  const base = { from, mailFrom: r.mailFromDomain, ...(ip ? { ip } : {}), ...(inferredHost ? { sendingHost: inferredHost } : {}) };
  const tenant = tenantDomainOf(a.facts);
  // DKIM keys the verdict would lean on that DNS didn't give: the message's own aligned selectors, or
  // Microsoft 365's two when neither is published.
  const keyUnread = alignedKeys.find((k) => k.state === 'dns-error') ?? (m365Published ? undefined : r.m365Keys?.find((k) => k.state === 'dns-error'));
  const keyUnknown = (): AuthVerdict | undefined => (keyUnread ? unreadable('dkim', keyUnread.name, keyUnread.dnsStatus ?? 'dns-error', from) : undefined);

  const notSigning = (confidence: Confidence): AuthVerdict =>
    keyUnknown() ??
    verdict('dkim-not-signing', confidence, [r.m365Keys ? 'dkim.m365.missing' : 'dkim.unsigned', ...(tenant ? ['dkim.other-domain'] : [])], {
      detail: { ...base, microsoft365: Boolean(r.m365Keys), ...(tenant ? { tenant } : {}) },
    });
  const keyBroken = (): AuthVerdict =>
    verdict('dkim-key-broken', 'confirmed', [`dkim.key.${brokenKey!.state}`], {
      detail: {
        ...base,
        name: brokenKey!.name,
        state: brokenKey!.state,
        min: MIN_RSA_BITS,
        ...(brokenKey!.cname ? { cname: brokenKey!.cname } : {}),
        ...(brokenKey!.bits ? { bits: brokenKey!.bits } : {}),
        // One of Microsoft 365's selector records, read for the domain, not a key a signature in the headers names.
        ...(alignedKeys.includes(brokenKey!) ? {} : { selector: 'm365' }),
      },
    });
  const spfCause = (): AuthVerdict => ({ ...spfJudged, evidence: spfJudged.evidence, detail: { ...(spfJudged.detail ?? {}), ...base } });
  // Passes that only the DMARC record's strict alignment refuses: SPF for another name under the From
  // domain's organizational domain (aspf=s), or a signature of one whose key checks out (adkim=s).
  const org = organizationalDomain(from);
  const spfStrictMiss = spfPasses === true && !r.spfAligned && r.dmarc.aspf === 's' && organizationalDomain(r.mailFromDomain) === org;
  const strictSigner =
    r.dmarc.adkim === 's' && !dkimAligned && reported.dkim !== 'fail'
      ? r.keys.find((k) => k.state === 'ok' && k.domain !== from && organizationalDomain(k.domain) === org)?.domain
      : undefined;
  const strict: Record<string, string> = spfStrictMiss ? { strict: 'spf', org } : strictSigner ? { strict: 'dkim', org, signer: strictSigner } : {};
  const notAligned = (): AuthVerdict =>
    keyUnknown() ??
    verdict('dmarc-no-aligned-pass', ipEvaluated ? 'confirmed' : 'likely', ['align.spf.no', ...(alignedKeys.length ? [] : ['dkim.other-domain'])], {
      detail: { ...base, spfPasses: spfPasses === true, policy: r.dmarc.policy ?? 'none', ...strict },
    });
  const missingDmarc = (): AuthVerdict => verdict('dmarc-missing', 'confirmed', ['dmarc.none'], { detail: base });
  // A signature of the From domain whose key DNS publishes, intact, and the receiving server still failed
  // DKIM: the message changed after it was signed (a footer, link rewriting, a list on the way), or it was
  // signed with a key replaced since. Turning signing on, or publishing a key, is not the fix.
  const signedButFailed = reported.dkim === 'fail' && alignedKeys.some((k) => k.state === 'ok');
  // The same when the receiving server says only that DMARC failed: SPF could not pass for the From domain,
  // so the signature with the intact key is the one that must have failed there.
  const dmarcFailedDespiteKey =
    FAILED.has(reported.dmarc) && !spfAlignedPass && !dmarcMissing && reported.dkim !== 'pass' && alignedKeys.some((k) => k.state === 'ok');
  const dkimFailed = (failedAs: 'dkim' | 'dmarc' = signedButFailed ? 'dkim' : 'dmarc'): AuthVerdict =>
    verdict('dkim-failed', 'likely', ['align.dkim.yes'], {
      detail: { ...base, signer: alignedKeys.find((k) => k.state === 'ok')!.domain, ...(failedAs === 'dmarc' ? { failedAs } : {}) },
    });

  // Forwarded or relayed mail cannot pass SPF for the original sender; only DKIM survives the trip. A message
  // the receiving server saw come from Microsoft 365's own outbound pools (not its relay pool) came straight
  // from Microsoft 365, not through a forwarder, whatever the words or an ARC seal (Microsoft 365 seals the
  // mail it sends) suggest: its SPF result is the record's.
  const straightFromMicrosoft365 = a.sentByMicrosoft365 && spf.sendingIp?.network === 'microsoft-365';
  if (spf.sendingIp?.network === 'relay-pool' || (a.forwardedWords && FAILED.has(reported.spf) && !spfAlignedPass && !straightFromMicrosoft365)) {
    return verdict('forwarded', spf.sendingIp?.network === 'relay-pool' ? 'confirmed' : 'likely', [spf.sendingIp?.network === 'relay-pool' ? 'm365.relay-pool' : 'reported.arc'], {
      ruledOut: ['high-risk-delivery-pool'],
      // Forwarding is why this message failed SPF; a record with problems of its own still needs fixing.
      detail: { ...base, dkimAligned, ...(recordProblemsOf(spf) ? { recordProblems: true } : {}) },
    });
  }

  // A signature of the From domain must pass there: SPF's result changes nothing.
  if (a.rule === 'dkim') {
    if (brokenKey) return keyBroken();
    if (alignedKeys.some((k) => k.state === 'ok')) return dkimFailed('dkim');
    // Microsoft 365's keys for From are published, and the bounce shows no headers to tell what was signed:
    // signing may still be off for the domain (the tenant's own domain signs), or the signature broke on the way.
    if (dkimAligned) return keyUnknown() ?? verdict('dkim-failed', 'likely', ['dkim.m365.published'], { detail: { ...base, signer: from, unseen: true } });
    return notSigning(headersSeen || Boolean(r.m365Keys) ? 'confirmed' : 'likely');
  }

  if (a.rule === 'all-three') {
    // Outlook.com names the one that failed: fix that one.
    if (FAILED.has(reported.spf) && spfRecordCause) return spfCause();
    // A working signature that only adkim=s refuses passes DKIM there: DMARC is the one that failed (below).
    if (FAILED.has(reported.dkim) || (!dkimAligned && reported.dkim === undefined && !strictSigner)) return brokenKey ? keyBroken() : signedButFailed ? dkimFailed() : notSigning(headersSeen ? 'confirmed' : 'likely');
    if (FAILED.has(reported.dmarc)) return dmarcMissing ? missingDmarc() : dmarcFailedDespiteKey ? dkimFailed() : notAligned();
    if (dmarcMissing) return missingDmarc();
  }

  if (brokenKey) return keyBroken();
  // The record failed before in this conversation and passes now: wait for DNS, then resend.
  if (spfJudged.cause === 'fixed-since-bounce') return { ...spfJudged, detail: { ...(spfJudged.detail ?? {}), ...base } };
  // Gmail and Yahoo ("SPF or DKIM", and both for bulk senders), and IPv6 mail: a broken SPF record is the
  // first thing to fix; a DKIM signature the receiver missed is the next; then the DMARC record they want.
  if (a.rule === 'spf-or-dkim' || a.rule === 'ipv6') {
    if (spfPasses !== true && spfRecordCause) return spfCause();
    if (signedButFailed && spfPasses !== true) return dkimFailed();
    if (!dkimAligned && (FAILED.has(reported.dkim) || spfPasses !== true)) return notSigning(headersSeen || Boolean(r.m365Keys) ? 'confirmed' : 'likely');
    if (dmarcMissing && a.rule === 'spf-or-dkim') return missingDmarc();
  }
  if (dmarcFailedDespiteKey) return dkimFailed();
  if (spfAlignedPass || dkimAligned) {
    // Bulk-sender rules also want a DMARC record; everything else passes now.
    if (dmarcMissing && (a.dmarcWords || FAILED.has(reported.dmarc))) return missingDmarc();
    const org: Record<string, string> = spfAlignedPass && r.mailFromDomain !== from ? { org: organizationalDomain(from) } : {};
    return verdict('receiving-side', ipEvaluated ? 'confirmed' : 'likely', [spfAlignedPass ? 'align.spf.yes' : 'align.dkim.yes'], {
      ruledOut: ['dmarc-no-aligned-pass', 'dkim-not-signing', 'dkim-key-broken'],
      detail: { ...base, ...org, by: spfAlignedPass ? 'spf' : 'dkim', policy: r.dmarc.policy ?? 'none', ...(spfPassesNowOf(a) ? { spfPassesNow: true } : {}) },
    });
  }
  if (spfRecordCause) return spfCause();
  if (signedButFailed) return dkimFailed();
  if (spfPasses && !r.spfAligned) return notAligned();
  // Signing works, for a name the record's adkim=s refuses: the alignment mode is the fix, not signing.
  if (strictSigner) return notAligned();
  if (a.rule === 'dmarc' && dmarcMissing) return missingDmarc();
  return notSigning(headersSeen || Boolean(r.m365Keys) ? 'confirmed' : 'likely');
}
