/**
 * The authentication card (DMARC, DKIM, and SPF as their part): what the receiving server required and
 * said it saw, the verdict, what DNS says now (the SPF record, the DMARC record, the DKIM keys, alignment),
 * the steps, and the records to publish. SPF's causes are worded with SPF's own words, about the envelope
 * domain SPF checks.
 */
import type { AuthenticationDiagnosis } from '../../diagnosis/playbooks/authentication';
import type { SpfDiagnosis } from '../../diagnosis/playbooks/spf';
import { recipientDomain } from '../../diagnosis/remote-admin';
import type { AuthResult } from '../../ndr/types';
import type { Words } from '../words';
import type { CardContext } from './context';
import { bounceFacts, fact, findingLine, otherRecipientsText, recipientGroups, remoteAdminText, shortened, STEP_ICONS, stepsText, type Fact, type FindingLine, type RecipientItem } from './common';
import type { PlaybookView } from './playbook-view';
import { resultActions, type ResultActions } from './result-actions';
import { changesBlock, checkedLine, params as spfParams, recordBlock, remoteAdminBlock, stepLines as spfStepLines, suggestionBlock, verdictBlock as spfVerdictBlock, type SpfView } from './spf';

export interface AuthenticationView extends ResultActions {
  title: string;
  summary: string;
  verdict: { headline: string; why: string; style: string };
  incomplete: string;
  facts: Fact[];
  remote: SpfView['remote'];
  reported: { title: string; line: string } | null;
  changes: SpfView['changes'];
  record: SpfView['record'];
  dmarcRecord: { title: string; note: string; record: string } | null;
  findingsTitle: string;
  findings: FindingLine[];
  stepsTitle: string;
  steps: SpfView['steps'];
  suggestion: SpfView['suggestion'];
  records: { title: string; note: string; lines: string[] } | null;
  remoteAdmin: SpfView['remoteAdmin'];
  otherRecipientsTitle: string;
  otherRecipients: RecipientItem[];
  moreRecipients: string;
  checked: string;
  canCheckAgain: boolean;
}

const NS = 'authentication';
const OWN = new Set(['dmarc-no-aligned-pass', 'dkim-not-signing', 'dkim-key-broken', 'dmarc-missing', 'forwarded', 'receiving-side']);
const STYLE: Record<string, string> = { forwarded: 'warning', 'receiving-side': 'accent', 'fixed-since-bounce': 'good', 'dns-unavailable': 'warning', 'needs-domain': 'warning' };
/** The same diagnosis seen as an SPF one: SPF's words about the envelope domain (SPF's domain). */
function asSpf(d: AuthenticationDiagnosis): SpfDiagnosis {
  return { ...d, playbook: 'spf', senderDomain: d.spf?.domain ?? d.senderDomain, steps: d.steps.filter((s) => s.ns === 'spf') } as unknown as SpfDiagnosis;
}

function params(w: Words, d: AuthenticationDiagnosis): Record<string, unknown> {
  const v = d.verdict.detail ?? {};
  return {
    ...v,
    from: d.fromDomain ?? '',
    mailFrom: d.auth?.mailFromDomain ?? d.fromDomain ?? '',
    ip: d.sendingIp ?? '',
    recipientDomain: recipientDomain(d.recipients[0]) ?? '',
    by: typeof v.by === 'string' ? w.plain(`${NS}:by.${v.by}`) : '',
  };
}

function variantOf(d: AuthenticationDiagnosis): string {
  const v = d.verdict.detail ?? {};
  switch (d.verdict.cause) {
    case 'dmarc-no-aligned-pass':
      return v.spfPasses ? '.spfOtherDomain' : '.noneAligned';
    case 'dkim-not-signing':
      return v.microsoft365 ? '.m365' : '.other';
    case 'dkim-key-broken':
      return `.${String(v.state)}`;
    default:
      return '';
  }
}

function verdictBlock(w: Words, d: AuthenticationDiagnosis, p: Record<string, unknown>): AuthenticationView['verdict'] {
  const v = d.verdict;
  if (!OWN.has(v.cause)) {
    const s = asSpf(d);
    return spfVerdictBlock(w, s, spfParams(w, s));
  }
  const whyKey = [`${NS}:why.${v.cause}.${v.confidence}`, `${NS}:why.${v.cause}.confirmed`].find((k) => w.has(k));
  return {
    headline: w.t(`${NS}:verdict.${v.cause}${variantOf(d)}`, p),
    why: whyKey ? w.t(whyKey, p) : '',
    style: STYLE[v.cause] ?? 'attention',
  };
}

function stepLines(w: Words, d: AuthenticationDiagnosis, p: Record<string, unknown>): SpfView['steps'] {
  if (d.steps.every((s) => s.ns === 'spf')) {
    const s = asSpf(d);
    return spfStepLines(w, s, spfParams(w, s));
  }
  return d.steps.map((s, i) => ({
    id: s.id,
    state: s.state,
    icon: STEP_ICONS[s.state],
    title: `${i + 1}. ${w.t(`${NS}:steps.${s.id}.title`, p)}`,
    text: w.t(`${NS}:steps.${s.id}.${s.variant ?? s.state}`, p),
  }));
}

const resultWord = (w: Words, r: AuthResult | undefined): string => (r ? w.plain(`result.${r}`) : w.plain(`${NS}:notReported`));

function reportedBlock(w: Words, d: AuthenticationDiagnosis): AuthenticationView['reported'] {
  const r = d.authentication?.reported;
  if (!r) return null;
  return { title: w.t(`${NS}:reportedTitle`), line: w.t(`${NS}:reported`, { spf: resultWord(w, r.spf), dkim: resultWord(w, r.dkim), dmarc: resultWord(w, r.dmarc) }) };
}

function dmarcBlock(w: Words, d: AuthenticationDiagnosis): AuthenticationView['dmarcRecord'] {
  const dm = d.auth?.dmarc;
  if (!dm || !d.fromDomain) return null;
  const domain = dm.domain ?? d.fromDomain;
  return { title: w.t(`${NS}:dmarcRecordTitle`, { domain }), note: dm.record ? '' : w.t('findings:dmarc.none', { domain: d.fromDomain }), record: dm.record ?? '' };
}

/** DNS now: DKIM, DMARC and alignment first (the verdict's evidence before the rest), then SPF's problems. */
function findingLines(w: Words, d: AuthenticationDiagnosis): FindingLine[] {
  const auth = d.auth?.findings ?? [];
  const spf = (d.spf?.findings ?? []).filter((f) => f.code === 'ip.result' || f.severity === 'error' || f.code === 'm365.include.present');
  const all = [...auth, ...spf];
  const weight = (code: string): number => {
    const i = d.verdict.evidence.indexOf(code);
    return i < 0 ? d.verdict.evidence.length : i;
  };
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => weight(a.f.code) - weight(b.f.code) || a.i - b.i)
    .map(({ f }) => findingLine(w, f));
}

function recordsBlock(w: Words, d: AuthenticationDiagnosis): AuthenticationView['records'] {
  const r = d.records;
  if (!r) return null;
  const note = [w.t(`${NS}:recordsNote.${r.kind}`), ...(r.placeholder ? [w.t(`${NS}:recordsNote.placeholder`, { placeholder: r.placeholder })] : [])];
  return { title: w.t(`${NS}:recordsTitle.${r.kind}`), note: w.sentences(note), lines: r.records.map((x) => `${x.name}  ${x.type}  ${x.value}`) };
}

function facts(w: Words, d: AuthenticationDiagnosis): Fact[] {
  const out = bounceFacts(w, d).filter((f) => f.title !== w.plain('facts.senderDomain'));
  const add = (key: string, value: string | undefined): void => {
    if (value) out.push(fact(w, w.plain(`${NS}:${key}`), value));
  };
  add('fromDomain', d.fromDomain);
  if (d.auth && d.auth.mailFromDomain !== d.fromDomain) add('mailFromDomain', d.auth.mailFromDomain);
  add('signatures', (d.authentication?.signatures ?? []).map((s) => `d=${s.domain} s=${s.selector}`).join(', '));
  return out;
}

function data(w: Words, d: AuthenticationDiagnosis, ctx: CardContext = {}): AuthenticationView {
  const p = params(w, d);
  const primary = d.recipients[0];
  const others = recipientGroups(w, d.recipients.slice(1));
  const spfCause = !OWN.has(d.verdict.cause);
  const incomplete = d.auth?.incomplete && d.verdict.cause !== 'dns-unavailable' ? w.t('spf:incomplete', { reason: d.auth.incomplete.reason }) : '';
  return {
    title: w.t(`${NS}:title.${d.rule}`),
    summary: w.t(`${NS}:summary.${d.rule}`, p),
    verdict: verdictBlock(w, d, p),
    incomplete,
    facts: facts(w, d),
    remote: primary?.remoteText ? { label: w.t('spf:remoteSaid'), heading: w.plain('labelOnly', { label: w.plain('spf:remoteSaid') }), ...shortened(primary.remoteText) } : null,
    reported: reportedBlock(w, d),
    changes: changesBlock(w, ctx.previous, d.spf),
    record: d.spf && d.verdict.cause !== 'domain-not-found' ? recordBlock(w, d.spf) : null,
    dmarcRecord: dmarcBlock(w, d),
    findingsTitle: w.t(`${NS}:dnsTitle`),
    findings: findingLines(w, d),
    stepsTitle: w.t('spf:stepsTitle'),
    steps: stepLines(w, d, p),
    suggestion: spfCause ? suggestionBlock(w, asSpf(d)) : null,
    records: recordsBlock(w, d),
    remoteAdmin: remoteAdminBlock(w, d, NS),
    otherRecipientsTitle: w.t('codes.otherRecipients'),
    otherRecipients: others.items,
    moreRecipients: others.more,
    checked: checkedLine(w, d.spf ? { ...d.spf, cachedSince: d.auth?.cachedSince } : undefined),
    canCheckAgain: Boolean(ctx.diagnosisId && d.auth),
    ...resultActions(w, ctx),
  };
}

function text(v: AuthenticationView): string {
  const out: string[] = [v.title, '', v.summary, '', v.verdict.headline];
  if (v.verdict.why) out.push(v.verdict.why);
  if (v.incomplete) out.push('', v.incomplete);
  if (v.facts.length) out.push('', ...v.facts.map((f) => f.line));
  if (v.remote) out.push('', v.remote.heading, `  ${v.remote.full || v.remote.short}`);
  if (v.reported) out.push('', v.reported.title, v.reported.line);
  if (v.changes) out.push('', v.changes.title, ...v.changes.lines.map((l) => l.text));
  if (v.record) out.push('', v.record.title, ...(v.record.note ? [v.record.note] : []), ...v.record.lines.map((l) => `  ${l}`));
  if (v.dmarcRecord) out.push('', v.dmarcRecord.title, ...(v.dmarcRecord.note ? [v.dmarcRecord.note] : []), ...(v.dmarcRecord.record ? [`  ${v.dmarcRecord.record}`] : []));
  if (v.findings.length) out.push('', v.findingsTitle, ...v.findings.map((f) => `${f.icon} ${f.text}`));
  out.push(...stepsText(v.stepsTitle, v.steps));
  if (v.suggestion) out.push('', v.suggestion.title, v.suggestion.body, `  ${v.suggestion.record}`);
  if (v.records) out.push('', v.records.title, v.records.note, ...v.records.lines.map((l) => `  ${l}`));
  out.push(...remoteAdminText(v.remoteAdmin));
  out.push(...otherRecipientsText(v.otherRecipientsTitle, v.otherRecipients, v.moreRecipients));
  if (v.checked) out.push('', v.checked);
  return out.join('\n');
}

export const view: PlaybookView<AuthenticationDiagnosis, AuthenticationView> = {
  template: 'authentication-result',
  data,
  text,
  headline: (w, d) => verdictBlock(w, d, params(w, d)).headline,
};
