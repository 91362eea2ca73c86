/**
 * The SPF verdict: one cause, judged from all the facts together (the bounce, DNS as it is now, what
 * this conversation checked before), as a senior mail admin would. Pure: the SPF report is passed in.
 *
 * Order of judgement: what makes the record unreadable or irrelevant first (no domain, no domain in DNS,
 * no answer, relayed mail), then what is wrong in the record itself, then what the sending IP's own
 * evaluation shows, then what can only be inferred when the bounce does not show the sending IP.
 */
import { M365_INCLUDE } from '../dns/microsoft';
import type { Finding, SpfReport } from '../dns/types';
import type { Confidence, PriorCheck, Verdict } from './types';

export const SPF_CAUSES = [
  'no-record',
  'record-invalid',
  'm365-not-authorized',
  'ip-not-authorized',
  'no-senders',
  'relay-pool',
  'high-risk-delivery-pool',
  'fixed-since-bounce',
  'receiving-side',
  'domain-not-found',
  'dns-unavailable',
  'healthy',
  'needs-domain',
] as const;

export type SpfCause = (typeof SPF_CAUSES)[number];

/** Causes that lie in the SPF record: the only ones a step may call a record problem. */
export const RECORD_CAUSES: ReadonlySet<string> = new Set<SpfCause>(['no-record', 'record-invalid', 'm365-not-authorized', 'ip-not-authorized', 'no-senders']);

export type SpfVerdict = Verdict<SpfCause>;

export interface SpfFacts {
  subject: 'bounce' | 'check';
  domain?: string;
  report?: SpfReport;
  /** The message left through Microsoft 365: Exchange Online wrote the bounce. */
  sentByMicrosoft365: boolean;
  history: PriorCheck[];
}

/** Record problems that make receivers give up (permerror), most basic first, with the finding behind each. */
const DEFECTS: { code: Finding['code']; problem: string; top?: boolean }[] = [
  { code: 'spf.multiple', problem: 'several', top: true },
  { code: 'spf.syntax', problem: 'syntax' },
  { code: 'spf.loop', problem: 'loop' },
  { code: 'spf.include.no-record', problem: 'include-no-record' },
  { code: 'spf.multiple', problem: 'include-several' },
  { code: 'spf.lookups.over', problem: 'lookups' },
  { code: 'spf.void-lookups.over', problem: 'voids' },
];

function recordDefect(r: SpfReport): { finding: Finding; problem: string } | undefined {
  for (const d of DEFECTS) {
    const f = r.findings.find((x) => x.code === d.code && (d.code !== 'spf.multiple' || (d.top ? x.params.via === undefined : x.params.via !== undefined)));
    if (f) return { finding: f, problem: d.problem };
  }
  return undefined;
}

/** Finding params the words need, as plain values. */
function defectDetail(f: Finding, problem: string): Record<string, string | number | boolean | string[]> {
  const p = f.params;
  const out: Record<string, string | number | boolean | string[]> = { problem };
  if (typeof p.count === 'number') out.count = p.count;
  // The count is a lower bound (the SPF audit walk stopped in a tree far past the limit).
  if (p.atLeast === true) out.atLeast = true;
  if (typeof p.term === 'string') out.term = p.term;
  if (typeof p.domain === 'string') out.target = p.domain;
  if (typeof p.via === 'string') out.via = p.via;
  if (Array.isArray(p.branches) && p.branches.length) out.branches = p.branches.slice(0, 3);
  // `redirect=` to a name without a record: there is no include to remove, the redirect is what to mend.
  if (problem === 'include-no-record' && p.kind === 'redirect') out.problem = 'redirect-no-record';
  // A misspelt Microsoft 365 include (spf.protection.outlook.con): the fix is that one name, not "remove it".
  if (problem === 'include-no-record' && typeof p.domain === 'string' && looksLikeM365Include(p.domain)) out.correction = M365_INCLUDE;
  return out;
}

/** A name a few keystrokes from Microsoft 365's include, but not it. */
function looksLikeM365Include(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n !== M365_INCLUDE && editDistance(n, M365_INCLUDE) <= 3;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The record has problems of its own, whatever happened to this message: none or several published, a
 * defect receivers give up on, or Microsoft 365's include missing for a Microsoft 365 sender.
 */
export function recordProblemsOf(r: SpfReport): boolean {
  return r.published.state !== 'one' || Boolean(recordDefect(r)) || r.findings.some((x) => x.code === 'm365.include.missing');
}

const dnsReasonOf = (r: SpfReport): string => r.incomplete?.reason ?? r.published.error ?? r.ipResult?.reason ?? 'temperror';

/** An earlier check in this conversation saw the record at fault for this domain (and this IP, if both name one). */
function failedBefore(f: SpfFacts, ip: string | undefined): PriorCheck | undefined {
  const domain = f.domain?.toLowerCase();
  return [...f.history]
    .reverse()
    .find((h) => h.domain.toLowerCase() === domain && RECORD_CAUSES.has(h.cause) && (h.cause !== 'ip-not-authorized' || !ip || !h.ip || h.ip === ip));
}

function verdict(cause: SpfCause, confidence: Confidence, evidence: string[], extra: Partial<SpfVerdict> = {}): SpfVerdict {
  const v: SpfVerdict = { cause, confidence, evidence: [...new Set(evidence)] };
  if (extra.ruledOut?.length) v.ruledOut = extra.ruledOut;
  if (extra.detail && Object.keys(extra.detail).length) v.detail = extra.detail;
  return v;
}

/** Warnings about the record itself that a valid record can carry: it works, but is not "in order". */
const RECORD_CAVEATS: Finding['code'][] = ['spf.ptr', 'spf.void-lookups.present', 'spf.include.duplicate', 'spf.record.too-long', 'spf.string.too-long'];

const NOT_THE_RECORD: SpfCause[] = ['no-record', 'record-invalid', 'm365-not-authorized', 'ip-not-authorized', 'no-senders'];

export function spfVerdict(f: SpfFacts): SpfVerdict {
  const v = judge(f);
  // An IP that passes SPF was neither in the High Risk Delivery Pool nor relayed, whatever else is true.
  if (f.report?.ipResult?.result === 'pass') {
    const ruledOut = [...new Set([...(v.ruledOut ?? []), 'relay-pool', 'high-risk-delivery-pool'])];
    return { ...v, ruledOut };
  }
  return v;
}

function judge(f: SpfFacts): SpfVerdict {
  const r = f.report;
  if (!f.domain || !r) return verdict('needs-domain', 'likely', []);
  const has = (code: Finding['code']): Finding | undefined => r.findings.find((x) => x.code === code);
  const ip = r.sendingIp;
  const result = r.ipResult?.result;
  const evaluated = result !== undefined;
  const ipEvidence = evaluated ? ['ip.result'] : [];
  // An address read from DNS for the host that wrote the bounce stands for the sending IP: likely, never confirmed.
  const inferred = Boolean(ip?.host);
  const sure: Confidence = inferred ? 'likely' : 'confirmed';
  const ipDetail: Record<string, string> = ip ? { ip: ip.ip, ...(ip.host ? { host: ip.host } : {}) } : {};

  if (has('domain.invalid') || has('domain.not-found')) {
    return verdict('domain-not-found', 'confirmed', [has('domain.invalid') ? 'domain.invalid' : 'domain.not-found']);
  }
  if (r.published.state === 'error') return verdict('dns-unavailable', 'likely', ['spf.dns-error'], { detail: { reason: dnsReasonOf(r) } });

  const defect = recordDefect(r);
  const includeMissing = Boolean(has('m365.include.missing'));

  // Relayed mail fails SPF whatever the record says: the record is not this message's problem.
  if (ip?.network === 'relay-pool') {
    const recordFine = !recordProblemsOf(r);
    return verdict('relay-pool', 'confirmed', ['m365.relay-pool', ...ipEvidence], {
      ruledOut: ['high-risk-delivery-pool', ...(recordFine ? NOT_THE_RECORD : [])],
      detail: { ...ipDetail, range: ip.range ?? '40.95.0.0/16', recordProblems: !recordFine },
    });
  }

  if (r.published.state === 'none') {
    // A misspelt record is "no record" to receivers; the card names the record the person will find in DNS.
    const lookalike: Record<string, string> = r.published.lookalike ? { lookalike: r.published.lookalike } : {};
    return verdict('no-record', evaluated ? 'confirmed' : 'likely', ['spf.none', ...ipEvidence], { detail: { ...ipDetail, ...lookalike } });
  }
  if (defect) {
    return verdict('record-invalid', result === 'permerror' ? 'confirmed' : 'likely', [defect.finding.code, ...(result === 'permerror' ? ipEvidence : [])], {
      detail: { ...defectDetail(defect.finding, defect.problem), ...ipDetail },
    });
  }
  if (result === 'permerror') {
    // Evaluation met an error the walk of the published record did not (a macro, an mx with too many names).
    return verdict('record-invalid', 'confirmed', ['ip.result'], { detail: { problem: 'evaluation', code: r.ipResult?.reason ?? 'permerror', ...ipDetail } });
  }
  if (r.incomplete || result === 'temperror') {
    return verdict('dns-unavailable', 'likely', ['spf.dns-error', ...ipEvidence], { detail: { reason: dnsReasonOf(r) } });
  }

  const prior = failedBefore(f, ip?.ip);
  const ttl = r.published.ttl;
  const fixed = (confidence: Confidence, evidence: string[]): SpfVerdict =>
    verdict('fixed-since-bounce', confidence, [...evidence, 'history.failed'], {
      ruledOut: confidence === 'confirmed' ? ['high-risk-delivery-pool', 'relay-pool'] : [],
      detail: { previousCause: prior!.cause, since: prior!.at, ...(ttl !== undefined ? { ttl } : {}), ...ipDetail },
    });

  // `+all` passes every server: it cannot cause a rejection, but a record that protects nothing is not
  // "in order", and the card must say so beside the verdict, not only in a finding.
  const plusAll: Record<string, boolean> = has('spf.all.pass') ? { plusAll: true } : {};
  const plusAllEvidence = has('spf.all.pass') ? ['spf.all.pass'] : [];
  // A record that ends in ?all or in no all asks receivers to distrust no one: valid, but "in order" or
  // "right" beside the warning to end it in -all or ~all would say two things.
  const weakAll: Record<string, string> = has('spf.all.neutral') ? { weakAll: 'neutral' } : has('spf.all.missing') ? { weakAll: 'missing' } : {};
  // So do the record's other warnings (ptr, a dead term, an include twice, a record too long for one answer).
  const caveats: Record<string, boolean> = RECORD_CAVEATS.some((c) => has(c)) ? { caveats: true } : {};

  if (result === 'pass') {
    if (prior) return fixed(sure, ['ip.result']);
    const ruledOut: SpfCause[] = [...NOT_THE_RECORD, 'relay-pool', 'high-risk-delivery-pool'];
    return verdict(f.subject === 'check' ? 'healthy' : 'receiving-side', sure, ['ip.result', 'spf.one', ...plusAllEvidence], { ruledOut, detail: { ...ipDetail, ...plusAll, ...weakAll, ...caveats } });
  }

  if (ip?.network === 'microsoft-365') {
    if (includeMissing) return verdict('m365-not-authorized', 'confirmed', ['m365.include.missing', 'ip.result'], { detail: ipDetail });
    return verdict('high-risk-delivery-pool', 'confirmed', ['m365.ip-not-covered', 'ip.result'], {
      ruledOut: NOT_THE_RECORD,
      detail: { ...ipDetail, sign: 'ip-not-covered', range: ip.range ?? '' },
    });
  }

  if (ip && evaluated) {
    const by = r.suggestion?.authorizedBy;
    return verdict('ip-not-authorized', sure, ['ip.result', ...(includeMissing ? ['m365.include.missing'] : [])], {
      ruledOut: ['relay-pool', 'high-risk-delivery-pool'],
      detail: {
        ...ipDetail,
        result: result ?? '',
        ...(by ? { term: by.term, basis: by.basis } : {}),
        ...(by?.service ? { service: by.service } : {}),
        ...(includeMissing ? { m365IncludeToo: true } : {}),
      },
    });
  }

  // No sending IP: judge from the record and from how the message was sent.
  const m365Sender = f.sentByMicrosoft365 || Boolean(has('m365.mx'));
  if (m365Sender && includeMissing) {
    return verdict('m365-not-authorized', 'likely', ['m365.include.missing', ...(f.sentByMicrosoft365 ? [] : ['m365.mx'])]);
  }
  const noMailHost = r.findings.find((x) => x.code === 'm365.no-a-no-mx' && x.severity === 'error');
  if (m365Sender && noMailHost && f.subject === 'bounce') {
    return verdict('high-risk-delivery-pool', 'likely', ['m365.no-a-no-mx'], { ruledOut: NOT_THE_RECORD, detail: { sign: 'no-mail-host' } });
  }
  // A record that lets no server pass fails this message whichever server sent it: no IP needed.
  const onlyAll = has('spf.all.only');
  if (onlyAll) {
    return verdict('no-senders', 'confirmed', ['spf.all.only'], { detail: { term: String(onlyAll.params.term ?? '-all') } });
  }
  if (prior) return fixed('likely', ['spf.one']);
  return verdict(f.subject === 'check' ? 'healthy' : 'receiving-side', 'likely', ['spf.one', ...(has('m365.include.present') ? ['m365.include.present'] : []), ...plusAllEvidence], {
    // +all passes whichever server sent it, the High Risk Delivery Pool's and the relay pool's included.
    ruledOut: [...NOT_THE_RECORD.filter((c) => c !== 'ip-not-authorized'), ...(plusAll.plusAll ? (['high-risk-delivery-pool', 'relay-pool'] as SpfCause[]) : [])],
    detail: { ...plusAll, ...weakAll, ...caveats },
  });
}
