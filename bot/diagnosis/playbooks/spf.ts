/**
 * 5.7.23 and its SPF variants: the receiving server rejected the message because it failed the SPF check
 * of the sender's domain. Checks the domain's SPF in DNS (for the sending IP when the bounce shows it)
 * and judges one cause from everything together.
 */
import type { SpfReport } from '../../dns/types';
import type { Bounce } from '../../ndr/types';
import type { Checks } from '../../dns/checks';
import { noBounce } from '../no-bounce';
import { ownSendingHost } from '../own-host';
import { codesAreGeneric } from '../family';
import type { Playbook, PlaybookInput, RecipientFacts } from '../playbook';
import { remoteAdminMessage } from '../remote-admin';
import { spfSteps } from '../spf-steps';
import { spfVerdict, type SpfCause, type SpfVerdict } from '../spf-verdict';
import type { DiagnosisBase, DiagnosisSubject, FixOwner, PriorCheck, RecipientDiagnosis, RemoteAdminMessage } from '../types';

export interface SpfDiagnosis extends DiagnosisBase<'spf', SpfCause> {
  spf?: SpfReport;
}

declare module '../types' {
  interface PlaybookDiagnoses {
    spf: SpfDiagnosis;
  }
}

const SPF_WORDS = /\bspf\b|sender policy framework/i;

/**
 * Gmail's 4.7.23 is about the sending IP's reverse DNS, not SPF: "doesn't have a PTR record, or the PTR
 * record's forward DNS entry doesn't match", or in its older words "doesn't match the IP address of the hostname
 * specified in the pointer (PTR) record". The policy playbook's reverse DNS cause takes it.
 */
const REVERSE_DNS_WORDS = /\bPTR\b|\bpointer record\b|\breverse DNS\b|\brDNS\b/i;

/**
 * 5.7.23 always, and 5.7.24 and 4.7.24 (RFC 7372's "SPF validation error": a record that can't be
 * evaluated); 4.7.23 unless its words are about reverse DNS; 5.1.0, 5.7.1, 5.7.367 and Gmail's
 * 4.7.27/5.7.27 when the remote words say SPF is what failed. (The codes that mix SPF with DKIM and DMARC,
 * and any reply naming DMARC or DKIM, go to the authentication playbook, which is tried first and judges
 * SPF as its part.)
 */
export function isSpfFailure(r: RecipientFacts): boolean {
  for (const code of r.codes) {
    if (code === '5.7.23' || code === '5.7.24' || code === '4.7.24') return true;
    if (code === '4.7.23' && !REVERSE_DNS_WORDS.test(r.text)) return true;
    if (['5.1.0', '5.7.1', '5.7.0', '5.7.367', '5.7.27', '4.7.27'].includes(code) && SPF_WORDS.test(r.text) && !spfOnlyAdvised(r.text)) return true;
  }
  // A rejection whose code names no cause (`550 Bad SPF records for …`, `5.0.0`), in words only a failed SPF check uses.
  return codesAreGeneric(r.codes) && r.recipient.replyCode?.[0] === '5' && (SPF_FAILED.test(r.text) || IP_NOT_FOR_DOMAIN.test(r.text));
}

/**
 * Other words for the same failure: the sending IP isn't one the domain sends from (Yahoo's and Hotmail's older
 * ones; SPF libraries' "<ip> is not allowed to send mail from <domain>", "does not designate <ip> as permitted sender").
 */
const IP_NOT_FOR_DOMAIN = /\bmismatches client ip\b|\binvalid ip for sending mail of domain\b|\bis not allowed to send mail from\b|\binspect your spf settings\b|\bdoes not designate \S+ as permitted sender\b/i;

const SPF_FAILED = /\bSPF\b[^\n]{0,40}?\b(?:fail(?:ed|ure)?|bad|invalid|not\s+(?:pass|permitted|authori[sz]ed)|reject(?:ed)?|check\s+failed)\b|\b(?:fail(?:ed)?|bad|invalid|reject(?:ed)?)\b[^\n]{0,20}?\bSPF\b|sender\s+policy\s+framework/i;

/** A spam filter's score: a reply that then names SPF among things to check ("(spf, HELO, PTR)") isn't an SPF failure. */
const SPAM_SCORING = /\bantispam checks\b|\bspam (?:score|scoring|points)\b|\(SCORING\)/i;

function spfOnlyAdvised(text: string): boolean {
  return SPAM_SCORING.test(text) && !SPF_FAILED.test(text) && !IP_NOT_FOR_DOMAIN.test(text);
}

const OWNER: Record<SpfCause, FixOwner> = {
  'no-record': 'sender',
  'record-invalid': 'sender',
  'm365-not-authorized': 'sender',
  'ip-not-authorized': 'sender',
  'no-senders': 'sender',
  'relay-pool': 'varies',
  'high-risk-delivery-pool': 'sender',
  'fixed-since-bounce': 'sender',
  'receiving-side': 'recipient-admin',
  'domain-not-found': 'sender',
  'dns-unavailable': 'varies',
  healthy: 'sender',
  'needs-domain': 'sender',
};

/** Out of the sender's hands, or needing someone who can look further: offer escalation prominently. */
const ESCALATE: ReadonlySet<SpfCause> = new Set<SpfCause>(['receiving-side', 'high-risk-delivery-pool', 'relay-pool', 'dns-unavailable']);

function adminChecked(v: SpfVerdict, report: SpfReport | undefined): RemoteAdminMessage['checked'] {
  if (v.confidence === 'confirmed' && report?.ipResult?.result === 'pass') return 'ip-passes';
  return report?.findings.some((f) => f.code === 'm365.include.present') ? 'record-valid-m365' : 'record-valid';
}

interface SpfJudgement {
  subject: DiagnosisSubject;
  bounce: Bounce;
  recipients: RecipientDiagnosis[];
  primary?: RecipientDiagnosis;
  domain?: string;
  report?: SpfReport;
  history: PriorCheck[];
}

/** From the facts to the diagnosis: the verdict first, then everything the card says, from it. */
export function judgeSpf(j: SpfJudgement): SpfDiagnosis {
  const sentByMicrosoft365 = j.bounce.microsoft365;
  const v = spfVerdict({ subject: j.subject, domain: j.domain, report: j.report, sentByMicrosoft365, history: j.history });
  const sendingIp = j.report?.sendingIp?.ip ?? j.bounce.sendingIp;
  const m365Sender =
    sentByMicrosoft365 || j.report?.sendingIp?.network === 'microsoft-365' || Boolean(j.report?.findings.some((f) => f.code === 'm365.mx'));
  const remoteAdmin =
    v.cause === 'receiving-side'
      ? remoteAdminMessage(j.bounce, j.primary, adminChecked(v, j.report), { senderDomain: j.domain, sendingIp, checkedAt: j.report?.checkedAt })
      : undefined;
  const d: SpfDiagnosis = {
    playbook: 'spf',
    subject: j.subject,
    bounce: j.bounce,
    recipients: j.recipients,
    verdict: v,
    steps: spfSteps(v, {
      subject: j.subject,
      m365Sender,
      hasSuggestion: Boolean(j.report?.suggestion),
      hasAdminMessage: Boolean(remoteAdmin),
      retrying: j.primary?.transient === true,
    }),
    owner: OWNER[v.cause],
    escalationSuggested: j.subject === 'bounce' && ESCALATE.has(v.cause),
  };
  if (j.domain) d.senderDomain = j.domain;
  if (sendingIp) d.sendingIp = sendingIp;
  if (j.report) d.spf = j.report;
  if (remoteAdmin) d.remoteAdmin = remoteAdmin;
  return d;
}

export const playbook: Playbook<SpfDiagnosis> = {
  id: 'spf',
  rank: 10,
  takes: (r) => (isSpfFailure(r) ? { owner: 'sender' } : undefined),
  plan: (bounce, domain) => {
    const d = (domain ?? bounce.senderDomain)?.toLowerCase();
    return { needsDomain: !d, checksDns: true, domain: d };
  },
  async diagnose(input: PlaybookInput): Promise<SpfDiagnosis> {
    const { bounce } = input;
    const domain = (input.domain ?? bounce.senderDomain)?.toLowerCase();
    const report = domain
      ? await input.checks.spf({ domain, ip: bounce.sendingIp, sendingHost: ownSendingHost(bounce, domain), microsoft365: bounce.microsoft365, bypassCache: input.bypassCache })
      : undefined;
    return judgeSpf({ subject: 'bounce', bounce, recipients: input.recipients, primary: input.primary, domain, report, history: input.history });
  },
};

/** `check <domain> [ip]`: the same checks and judgement without a bounce. */
export async function checkDomain(domain: string, ip: string | undefined, checks: Checks, history: PriorCheck[] = [], bypassCache = false): Promise<SpfDiagnosis> {
  const report = await checks.spf({ domain, ip, microsoft365: false, bypassCache });
  return judgeSpf({ subject: 'check', bounce: noBounce(), recipients: [], domain: report.domain, report, history });
}
