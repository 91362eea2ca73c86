/**
 * DMARC and DKIM rejections, and the codes that mix them with SPF: Gmail's 5.7.26/5.7.27 "unauthenticated",
 * Microsoft's 5.7.509 (DMARC reject), Outlook.com's 5.7.515 (SPF, DKIM and DMARC must all pass), 4.7.26
 * over IPv6, and Exchange wrapping a remote DMARC reject inside 5.7.23. Checks SPF for the envelope domain,
 * the DKIM keys of the signatures (and Microsoft 365's two selectors), the From domain's DMARC record and
 * alignment, and compares them with what the receiving server said it saw.
 */
import type { AuthenticationReport } from '../../dns/check-authentication';
import type { SpfReport } from '../../dns/types';
import type { AuthenticationFacts } from '../../ndr/types';
import { authVerdict, headersSeenIn, tenantDomainOf, type AuthCause, type AuthRule, type AuthVerdict } from '../authentication-verdict';
import { codesAreGeneric } from '../family';
import type { Playbook, PlaybookInput, RecipientFacts } from '../playbook';
import { ownSendingHost } from '../own-host';
import { remoteAdminMessage } from '../remote-admin';
import { spfSteps } from '../spf-steps';
import { DYNAMIC_IP, SENDER_DOMAIN_UNKNOWN } from '../policy-words';
import type { SpfVerdict } from '../spf-verdict';
import type { DiagnosisBase, FixOwner, RecordSuggestion, Step } from '../types';

export interface AuthenticationDiagnosis extends DiagnosisBase<'authentication', AuthCause> {
  /** What the receiving server required. */
  rule: AuthRule;
  /** What the bounce said about authentication (identities, signatures, reported results). */
  authentication?: AuthenticationFacts;
  auth?: AuthenticationReport;
  /** The SPF check of the envelope domain (also `auth.spf`): kept here so SPF-aware parts find it. */
  spf?: SpfReport;
  fromDomain?: string;
  /** Records to publish: a DMARC record, or Microsoft 365's DKIM CNAMEs. (An SPF fix is `spf.suggestion`.) */
  records?: RecordSuggestion;
}

declare module '../types' {
  interface PlaybookDiagnoses {
    authentication: AuthenticationDiagnosis;
  }
}

const AUTH_WORDS = /\bdmarc\b|\bdkim\b|unauthenticated|authentication (?:level|requirements|results|checks?|information)|does not pass (?:dmarc|authentication)|sender is unauthenticated/i;
/** A DMARC failure named outright, under a code that says nothing more (Tencent's "550 DMARC check failed", Mimecast's "550 DMARC Policy Reject"). */
const DMARC_FAILED_ALONE = /\bDMARC (?:check |verification )?fail(?:ed|ure)?\b|\bfailed (?:the )?DMARC\b|\bDMARC policy reject(?:ion)?\b|\brejected (?:by|due to|per) (?:the )?(?:sender['’]s )?DMARC policy\b|\bDMARC sender invalid\b/i;
/**
 * A DKIM signature that failed, named outright under a code that says nothing more ("550 DKIM signature
 * verification failed"), or as Gmail's bulk-sender rule names it under 4.7.30/5.7.30 ("DKIM authentication
 * didn't pass"; RFC 8689 gives X.7.30 to REQUIRETLS, so the code alone says nothing).
 */
const DKIM_FAILED_ALONE = /\bDKIM (?:signature )?(?:verification |validation |check )?fail(?:ed|ure)?\b|\bDKIM authentication (?:did not|didn['’]t) pass\b|\bfailed (?:the )?DKIM\b|\binvalid DKIM signature\b|\bno (?:valid |passing )?DKIM signature\b|\bDKIM signature (?:is )?required\b|\b(?:missing|without an?|lacks an?) (?:valid )?DKIM signature\b|\bbody hash (?:did not verify|mismatch)\b|\bDKIM sender invalid\b/i;
/** Both failed, named outright (Apple's "blocked for failing both SPF and DKIM autentication checks", its own spelling). */
const SPF_AND_DKIM_FAILED_ALONE = /\bfail(?:ed|ing)?\s+(?:both\s+)?SPF\s+and\s+DKIM\b|\bSPF\s+and\s+DKIM\s+(?:both\s+)?fail(?:ed|ure)?\b/i;
const DMARC_WORDS = /\bdmarc\b/i;
/** Gmail's words when a domain's DMARC policy, not its SPF-or-DKIM rule, refused the message. */
const GMAIL_DMARC_WORDS = /DMARC policy|DmarcRejection/i;
const FORWARD_WORDS = /\bforward(?:ed|ing)\b|\barc\b|authenticated received chain/i;

/** RFC 7372: no passing DKIM signature (X.7.20), none acceptable (X.7.21), none of the author's domain (X.7.22). */
const DKIM_CODES = ['5.7.20', '5.7.21', '5.7.22', '4.7.20', '4.7.21', '4.7.22'];
/** Codes that are about authentication whatever the words; others count when the words say DMARC/DKIM. */
const AUTH_CODES = new Set(['5.7.26', '5.7.27', '4.7.26', '5.7.509', '5.7.515', '4.7.27', '5.7.9', ...DKIM_CODES]);
/**
 * Mail flood (RFC 7372's 5.7.28; Gmail's "unusual rate of unsolicited mail originating from your DKIM
 * domain"): the DKIM domain names whose mail is judged as spam, not a signature that failed.
 */
const NOT_AUTH_CODES = new Set(['5.7.28', '4.7.28']);
/**
 * Gmail's bulk-sender rule for SPF alone (4.7.27/5.7.27 "SPF authentication didn't pass"): the SPF playbook's,
 * which evaluates the record for the IP Gmail names. Its "unauthenticated" 5.7.26 names DKIM beside SPF.
 */
const GMAIL_SPF_ONLY = /\bSPF authentication (?:did not|didn['’]t) pass\b/i;
const DKIM_NAMED = /\bdkim\b/i;

/**
 * Yahoo's (and AOL's) authentication rejection names no method: "554 5.7.9 Message not accepted for policy
 * reasons. See https://postmaster.yahooinc.com/error-codes" (Yahoo's help: the message failed DKIM, SPF or
 * DMARC). 5.7.9 elsewhere is SMTP AUTH's "mechanism too weak", so the code counts only with these words.
 */
const YAHOO_POLICY = /not accepted for policy reasons/i;

export function takesAuthentication(r: RecipientFacts): boolean {
  // RFC 7505's 5.7.27 is a sender domain with a null MX (no mail taken), or with no MX or address at all: the
  // domain, not its authentication.
  if (r.codes.includes('5.7.27') && SENDER_DOMAIN_UNKNOWN.test(r.text)) return false;
  if (r.codes.some((c) => c === '5.7.27' || c === '4.7.27') && GMAIL_SPF_ONLY.test(r.text) && !DKIM_NAMED.test(r.text)) return false;
  if (r.codes.some((c) => AUTH_CODES.has(c) && c !== '5.7.9')) return true;
  if (r.codes.includes('5.7.9') && YAHOO_POLICY.test(r.text)) return true;
  // 5.7.23 wrapping "… DMARC …", 5.7.1 "rejected due to DMARC policy", Yahoo's 5.7.9 "… DMARC", 5.7.0 "DKIM …".
  // Not Outlook.com's DY-001, which says dynamic IPs are "not typically used to deliver unauthenticated SMTP e-mail".
  if (r.codes.some((c) => /^[45]\.7\./.test(c) && !NOT_AUTH_CODES.has(c)) && AUTH_WORDS.test(r.text) && !DYNAMIC_IP.test(r.text)) return true;
  return codesAreGeneric(r.codes) && (DMARC_FAILED_ALONE.test(r.text) || DKIM_FAILED_ALONE.test(r.text) || SPF_AND_DKIM_FAILED_ALONE.test(r.text));
}

const IPV6_NAMED = /\bIPv6\b/i;
/** Gmail's words for its 4.7.26: "This mail has been rate limited because it is unauthenticated. Gmail requires …". */
const GMAIL_DEFERRAL = /\brate limited because it is unauthenticated\b|\bGmail requires\b/i;

function ruleOf(codes: string[], text: string): AuthRule {
  if (codes.includes('5.7.515')) return 'all-three';
  // Exchange Online's 4.7.26 is its rule for mail over IPv6; Gmail's is its deferral of unauthenticated mail over either.
  if (codes.includes('4.7.26') && (IPV6_NAMED.test(text) || !GMAIL_DEFERRAL.test(text))) return 'ipv6';
  if (codes.includes('5.7.509')) return 'dmarc';
  // Gmail gives 5.7.26 for its SPF-or-DKIM rule and for a DMARC policy alike: only its DMARC words say which.
  const gmail = codes.some((c) => c === '5.7.26' || c === '5.7.27' || c === '4.7.26');
  if (gmail ? GMAIL_DMARC_WORDS.test(text) : DMARC_WORDS.test(text)) return 'dmarc';
  if (codes.some((c) => DKIM_CODES.includes(c)) || (!gmail && DKIM_FAILED_ALONE.test(text))) return 'dkim';
  return 'spf-or-dkim';
}

const OWNER: Partial<Record<AuthCause, FixOwner>> = { 'receiving-side': 'recipient-admin', forwarded: 'varies', 'dns-unavailable': 'varies' };
const ESCALATE = new Set<AuthCause>(['receiving-side', 'forwarded', 'dns-unavailable', 'high-risk-delivery-pool', 'relay-pool']);

const step = (id: string, state: Step['state'], variant?: string): Step => (variant ? { id, state, variant } : { id, state });
const resend = (): Step => step('wait-resend', 'todo');

/** The steps for the authentication causes; SPF's causes keep SPF's own steps (and words). */
export function authSteps(v: AuthVerdict, hasAdminMessage: boolean): Step[] {
  const d = v.detail ?? {};
  switch (v.cause) {
    case 'dmarc-no-aligned-pass':
      // Only the record's strict alignment refuses the pass: relaxing it (or matching the From domain exactly)
      // is the fix. An envelope on a subdomain of From, the usual advice, is refused the same way under aspf=s.
      if (d.strict === 'spf') return [step('align', 'problem', 'spfStrict'), step('sign-dkim', 'todo', d.microsoft365 ? 'm365' : 'other'), resend()];
      if (d.strict === 'dkim') return [step('align', 'problem', 'dkimStrict'), resend()];
      return [step('align', 'problem', d.spfPasses ? 'spfOtherDomain' : 'noneAligned'), step('sign-dkim', 'todo', d.microsoft365 ? 'm365' : 'other'), step('custom-mail-from', 'todo'), resend()];
    case 'dkim-not-signing':
      return [step('enable-dkim', 'problem', d.microsoft365 ? 'm365' : 'other'), resend()];
    case 'dkim-key-broken':
      return [step('fix-key', 'problem', String(d.state)), resend()];
    case 'dkim-failed':
      // Nothing to publish and wait for: the step ends with the test that shows the fix. With no headers to
      // show what was signed, the step first checks that signing is on.
      return [step('find-change', 'problem', d.unseen ? 'unseen' : undefined)];
    case 'dmarc-missing':
      return [step('publish-dmarc', 'problem'), resend()];
    case 'forwarded':
      return [
        d.recordProblems ? step('record-not-the-fix', 'unknown', 'alsoBroken') : step('record-not-the-fix', 'ok'),
        step('sign-dkim', d.dkimAligned ? 'ok' : 'problem', d.dkimAligned ? 'signing' : d.microsoft365 ? 'm365' : 'other'),
        step('forwarding', 'todo'),
      ];
    case 'dns-unavailable':
      // The DMARC record or a DKIM key didn't answer: check again (SPF's own lookup keeps SPF's step).
      if (d.lookup === 'dmarc' || d.lookup === 'dkim') return [step('check-again', 'unknown', d.lookup)];
      return spfSteps(v as SpfVerdict, { subject: 'bounce', m365Sender: Boolean(d.microsoft365), hasSuggestion: true, hasAdminMessage: false }).map((s) => ({ ...s, ns: 'spf' }));
    case 'receiving-side':
      return [
        step('verify-auth', 'ok', d.by === 'dkim' ? 'dkim' : d.mailFrom === d.from ? 'spfSameDomain' : 'spf'),
        step('contact-remote-admin', 'todo', hasAdminMessage ? 'withMessage' : 'noMessage'),
      ];
    default:
      // SPF's causes, and the domain/DNS ones: SPF's own steps, in SPF's words.
      return spfSteps(v as SpfVerdict, { subject: 'bounce', m365Sender: Boolean(d.microsoft365), hasSuggestion: true, hasAdminMessage: false }).map((s) => ({ ...s, ns: 'spf' }));
  }
}

/** Microsoft 365's two DKIM CNAMEs for the From domain; the tenant's initial domain when the bounce shows it. */
function dkimCnames(from: string, tenant: string | undefined): RecordSuggestion {
  const dashed = from.replace(/\./g, '-');
  const target = tenant ?? '<initial domain>.onmicrosoft.com';
  const s: RecordSuggestion = {
    kind: 'dkim-cnames',
    records: (['selector1', 'selector2'] as const).map((sel) => ({ name: `${sel}._domainkey.${from}`, type: 'CNAME' as const, value: `${sel}-${dashed}._domainkey.${target}` })),
  };
  if (!tenant) s.placeholder = '<initial domain>';
  return s;
}

const dmarcRecord = (from: string): RecordSuggestion => ({ kind: 'dmarc', records: [{ name: `_dmarc.${from}`, type: 'TXT', value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${from}` }] });

function recordsFor(v: AuthVerdict, from: string | undefined, facts: AuthenticationFacts | undefined): RecordSuggestion | undefined {
  if (!from) return undefined;
  if (v.cause === 'dmarc-missing') return dmarcRecord(from);
  if (v.cause === 'dkim-not-signing' && v.detail?.microsoft365) return dkimCnames(from, tenantDomainOf(facts));
  return undefined;
}

/**
 * A message the sending server still retries (a delay notice for Gmail's 4.7.26 to 4.7.32 deferrals): once the fix
 * is in DNS a retry gets it through, so the last step waits for the retries instead of asking to resend.
 */
function retried(steps: Step[], retrying: boolean): Step[] {
  return retrying ? steps.map((s) => (s.id === 'wait-resend' ? step('wait-retry', s.state) : s)) : steps;
}

/** DKIM causes whose steps are worded here: a DMARC step can join them (SPF's causes keep SPF's steps). */
const DKIM_CAUSES = new Set<AuthCause>(['dkim-not-signing', 'dkim-key-broken', 'dkim-failed']);

/**
 * Outlook.com's 5.7.515 wants SPF, DKIM and DMARC: when the verdict is about DKIM and the From domain
 * publishes no DMARC record either, fixing DKIM alone gets the next message refused again. The DMARC record
 * joins the steps, before the resend (when no other records are shown in its place).
 */
function withDmarcStep(steps: Step[], rule: AuthRule, v: AuthVerdict, auth: AuthenticationReport | undefined, hasRecords: boolean): Step[] {
  const dm = auth?.dmarc;
  if (rule !== 'all-three' || !DKIM_CAUSES.has(v.cause) || hasRecords || !dm || dm.record || dm.several || dm.error) return steps;
  const at = steps.findIndex((s) => s.id === 'wait-resend');
  const publish = step('publish-dmarc', 'problem');
  return at < 0 ? [...steps, publish] : [...steps.slice(0, at), publish, ...steps.slice(at)];
}

export const playbook: Playbook<AuthenticationDiagnosis> = {
  id: 'authentication',
  rank: 5,
  takes: (r) => (takesAuthentication(r) ? { owner: 'sender' } : undefined),
  plan: (bounce, domain) => {
    const from = (bounce.authentication?.fromDomain ?? domain ?? bounce.senderDomain)?.toLowerCase();
    return { needsDomain: !from, checksDns: true, domain: from };
  },
  async diagnose(input: PlaybookInput): Promise<AuthenticationDiagnosis> {
    const { bounce, primary } = input;
    const facts = bounce.authentication;
    const text = [primary.remoteText ?? '', ...input.recipients.map((r) => r.remoteText ?? '')].join('\n');
    const codes = [primary.status, primary.innerStatus].filter((c): c is string => Boolean(c));
    const rule = ruleOf(codes, text);
    const fromDomain = (facts?.fromDomain ?? input.domain ?? bounce.senderDomain)?.toLowerCase();
    const mailFromDomain = (facts?.mailFromDomain ?? facts?.reported?.spfDomain ?? (bounce.senderSource === 'return-path' || bounce.senderSource === 'envelope' ? bounce.senderDomain : undefined))?.toLowerCase();
    const auth = fromDomain
      ? await input.checks.authentication({
          fromDomain,
          mailFromDomain,
          ip: bounce.sendingIp,
          // No IP in the bounce, written by the sender's own server: that server's address is tested in its place.
          sendingHost: ownSendingHost(bounce, mailFromDomain ?? fromDomain),
          signatures: facts?.signatures ?? [],
          headersSeen: headersSeenIn(facts),
          microsoft365: bounce.microsoft365,
          bypassCache: input.bypassCache,
        })
      : undefined;
    const v = authVerdict({
      rule,
      fromDomain,
      facts,
      report: auth,
      sentByMicrosoft365: bounce.microsoft365,
      forwardedWords: FORWARD_WORDS.test(text) || Boolean(facts?.arcSealed),
      dmarcWords: DMARC_WORDS.test(text),
      history: input.history,
    });
    if (v.detail && bounce.microsoft365) v.detail.microsoft365 = true;
    // The IP the checks evaluated: the bounce's, or the sender's own server's address read from DNS.
    const sendingIp = bounce.sendingIp ?? (auth?.spf.sendingIp?.host ? auth.spf.sendingIp.ip : undefined);
    const remoteAdmin =
      v.cause === 'receiving-side'
        ? remoteAdminMessage(bounce, primary, v.detail?.by === 'dkim' ? 'dkim-aligned' : auth?.spf.ipResult ? 'spf-aligned' : 'spf-aligned-reported', { senderDomain: fromDomain, sendingIp: bounce.sendingIp, checkedAt: auth?.checkedAt })
        : undefined;
    const d: AuthenticationDiagnosis = {
      playbook: 'authentication',
      subject: 'bounce',
      bounce,
      recipients: input.recipients,
      rule,
      verdict: v,
      steps: retried(authSteps(v, Boolean(remoteAdmin)), primary.transient === true),
      owner: OWNER[v.cause] ?? 'sender',
      escalationSuggested: ESCALATE.has(v.cause),
    };
    if (facts) d.authentication = facts;
    if (auth) {
      d.auth = auth;
      d.spf = auth.spf;
    }
    if (fromDomain) {
      d.fromDomain = fromDomain;
      d.senderDomain = fromDomain;
    }
    if (sendingIp) d.sendingIp = sendingIp;
    if (remoteAdmin) d.remoteAdmin = remoteAdmin;
    const records = recordsFor(v, fromDomain, facts);
    if (records) d.records = records;
    const steps = withDmarcStep(d.steps, rule, v, auth, Boolean(records));
    if (steps !== d.steps && fromDomain) {
      d.steps = steps;
      d.records = dmarcRecord(fromDomain);
    }
    return d;
  },
};
