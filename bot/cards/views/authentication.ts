/**
 * The authentication card (DMARC, DKIM, and SPF as their part): what the receiving server required and
 * said it saw, the verdict, what DNS says now (the SPF record, the DMARC record, the DKIM keys, alignment),
 * the steps, and the records to publish. SPF's causes are worded with SPF's own words, about the envelope
 * domain SPF checks. Like the SPF card's, the walk is generic over the sentence type: strings for `data`, twins
 * for `card`, which makes the card's data and its fallback text in one walk.
 */
import type { AuthenticationDiagnosis } from '../../diagnosis/playbooks/authentication';
import type { SpfDiagnosis } from '../../diagnosis/playbooks/spf';
import { recipientDomain } from '../../diagnosis/remote-admin';
import type { AuthResult } from '../../ndr/types';
import { words, type Twin, type Words } from '../words';
import type { Locale } from '../locale';
import type { CardContext } from './context';
import { bounceFacts, fact, findingLine, icon, otherRecipientsText, recipientGroups, remoteAdminText, remoteSaid, STEP_ICONS, stepsText, type Fact, type FindingLine, type StepItem } from './common';
import type { PlaybookView } from './playbook-view';
import { dnsReason, retryLater } from './phrases';
import { resultActions, type ResultActions } from './result-actions';
import { changesBlock, checkedLine, withLookupLabels, inOutput as spfInOutput, params as spfParams, recordBlock, remoteAdminBlock, stepLines as spfStepLines, suggestionBlock, verdictBlock as spfVerdictBlock, type SpfWords } from './spf';

/** The card's words (`T`: a sentence in the output, see `Words`): the SPF card's blocks, and its own three. */
export interface AuthenticationWords<T = string> extends SpfWords<T> {
  reported: { title: T; line: T } | null;
  dmarcRecord: { title: T; note: T; record: string } | null;
  records: { title: T; note: T; lines: string[] } | null;
}

export interface AuthenticationView extends AuthenticationWords, ResultActions {}

const NS = 'authentication';
const OWN_CAUSES = new Set(['dmarc-no-aligned-pass', 'dkim-not-signing', 'dkim-key-broken', 'dkim-failed', 'dmarc-missing', 'forwarded', 'receiving-side']);
/** Worded here: the authentication causes, and a DMARC record or DKIM key DNS didn't give (SPF's own lookup keeps SPF's words). */
function own(d: AuthenticationDiagnosis): boolean {
  const lookup = d.verdict.detail?.lookup;
  return OWN_CAUSES.has(d.verdict.cause) || (d.verdict.cause === 'dns-unavailable' && (lookup === 'dmarc' || lookup === 'dkim'));
}
const STYLE: Record<string, string> = { forwarded: 'warning', 'receiving-side': 'accent', 'fixed-since-bounce': 'good', 'dns-unavailable': 'warning', 'needs-domain': 'warning' };
/** The same diagnosis seen as an SPF one: SPF's words about the envelope domain (SPF's domain). */
function asSpf(d: AuthenticationDiagnosis): SpfDiagnosis {
  return { ...d, playbook: 'spf', senderDomain: d.spf?.domain ?? d.senderDomain, steps: d.steps.filter((s) => s.ns === 'spf') } as unknown as SpfDiagnosis;
}

function params(w: Words<unknown>, d: AuthenticationDiagnosis): Record<string, unknown> {
  const v = d.verdict.detail ?? {};
  return {
    ...v,
    from: d.fromDomain ?? '',
    mailFrom: d.auth?.mailFromDomain ?? d.fromDomain ?? '',
    ip: d.sendingIp ?? '',
    recipientDomain: recipientDomain(d.recipients[0]) ?? '',
    by: typeof v.by === 'string' ? w.plain(`${NS}:by.${v.by}`) : '',
    reason: dnsReason(w, typeof v.reason === 'string' ? v.reason : undefined),
  };
}

function variantOf(d: AuthenticationDiagnosis): string {
  const v = d.verdict.detail ?? {};
  switch (d.verdict.cause) {
    case 'dmarc-no-aligned-pass':
      if (v.strict === 'spf') return '.spfStrict';
      if (v.strict === 'dkim') return '.dkimStrict';
      return v.spfPasses ? '.spfOtherDomain' : '.noneAligned';
    case 'dkim-not-signing':
      return v.microsoft365 ? '.m365' : '.other';
    case 'dkim-key-broken':
      return `.${String(v.state)}`;
    case 'dkim-failed':
      return v.unseen ? '.unseen' : '.signed';
    case 'dns-unavailable':
      return `.${String(v.lookup)}`;
    default:
      return '';
  }
}

/** The case of a cause whose "why" has words of its own (tried before the confidence's), if any. */
function specialWhy(v: AuthenticationDiagnosis['verdict']): string | undefined {
  const d = v.detail;
  if (d?.spfPassesNow) return 'spfPassesNow';
  // No headers to show signatures, and no Microsoft 365 selectors to look up: nothing in DNS to speak of.
  if (v.cause === 'dkim-not-signing' && v.confidence === 'likely' && !d?.microsoft365) return 'likelyOther';
  if (d?.unseen) return 'unseen';
  if (d?.failedAs === 'dmarc') return 'dmarcFailed';
  if (d?.selector === 'm365') return 'm365';
  if (d?.sendingHost) return 'fromHost';
  return undefined;
}

function verdictBlock<T>(w: Words<T>, d: AuthenticationDiagnosis, p: Record<string, unknown>): AuthenticationWords<T>['verdict'] {
  const v = d.verdict;
  if (!own(d)) {
    const s = asSpf(d);
    return spfVerdictBlock(w, s, spfParams(w, s));
  }
  const special = specialWhy(v);
  const whyKey = [...(special ? [`${NS}:why.${v.cause}.${special}`] : []), `${NS}:why.${v.cause}.${v.confidence}`, `${NS}:why.${v.cause}.confirmed`].find((k) => w.has(k));
  return {
    headline: w.t(`${NS}:verdict.${v.cause}${variantOf(d)}`, p),
    why: whyKey ? w.t(whyKey, p) : w.empty,
    style: STYLE[v.cause] ?? 'attention',
  };
}

/** A step's title: "Check again" names the button, where there is one; a variant may have its own title. */
function titleOf(w: Words<unknown>, s: AuthenticationDiagnosis['steps'][number], canCheckAgain: boolean): string {
  if (s.id === 'check-again' && !canCheckAgain) return 'titleNoButton';
  return s.variant && w.has(`${NS}:steps.${s.id}.${s.variant}Title`) ? `${s.variant}Title` : 'title';
}

function stepLines<T>(w: Words<T>, d: AuthenticationDiagnosis, p: Record<string, unknown>, canCheckAgain: boolean): StepItem<T>[] {
  if (d.steps.every((s) => s.ns === 'spf')) {
    const s = asSpf(d);
    return spfStepLines(w, s, spfParams(w, s), canCheckAgain);
  }
  return d.steps.map((s, i): StepItem<T> => ({
    id: s.id,
    state: s.state,
    icon: STEP_ICONS[s.state],
    title: w.concat(`${i + 1}. `, w.t(`${NS}:steps.${s.id}.${titleOf(w, s, canCheckAgain)}`, p)),
    text: w.t(`${NS}:steps.${s.id}.${s.variant ?? s.state}`, p),
  }));
}

const resultWord = (w: Words<unknown>, r: AuthResult | undefined): string => (r ? w.plain(`result.${r}`) : w.plain(`${NS}:notReported`));

/** A result with the domain it was for, when the receiving server named it: "pass (relay.example)". */
const resultFor = (w: Words<unknown>, r: AuthResult | undefined, domain: string | undefined): string =>
  r && domain ? w.plain(`${NS}:resultFor`, { result: resultWord(w, r), domain }) : resultWord(w, r);

function reportedBlock<T>(w: Words<T>, d: AuthenticationDiagnosis): AuthenticationWords<T>['reported'] {
  const r = d.authentication?.reported;
  if (!r) return null;
  return { title: w.t(`${NS}:reportedTitle`), line: w.t(`${NS}:reported`, { spf: resultFor(w, r.spf, r.spfDomain), dkim: resultFor(w, r.dkim, r.dkimDomain), dmarc: resultWord(w, r.dmarc) }) };
}

function dmarcBlock<T>(w: Words<T>, d: AuthenticationDiagnosis): AuthenticationWords<T>['dmarcRecord'] {
  const dm = d.auth?.dmarc;
  if (!dm || !d.fromDomain) return null;
  const domain = dm.domain ?? d.fromDomain;
  // A lookup that didn't answer is not "no record".
  const note = dm.record ? w.empty : dm.error ? w.t(`${NS}:unreadable.dmarc`, { domain: d.fromDomain, reason: dnsReason(w, reasonOf(dm.error)) }) : w.t('findings:dmarc.none', { domain: d.fromDomain });
  return { title: w.t(`${NS}:dmarcRecordTitle`, { domain }), note, record: dm.record ?? '' };
}

const reasonOf = (status: string): string => (status === 'TIMEOUT' ? 'timeout' : status.toLowerCase());

/** What could not be read, named: the DMARC record, a DKIM key, or (SPF's own words) part of the SPF check. */
function incompleteLine<T>(w: Words<T>, d: AuthenticationDiagnosis, canCheckAgain: boolean): T {
  const a = d.auth;
  if (!a?.incomplete || d.verdict.cause === 'dns-unavailable') return w.empty;
  const key = [...a.keys, ...(a.m365Keys ?? [])].find((k) => k.state === 'dns-error');
  const what = a.dmarc.error
    ? w.t(`${NS}:incomplete.dmarc`, { domain: a.fromDomain, reason: dnsReason(w, reasonOf(a.dmarc.error)) })
    : key
      ? w.t(`${NS}:incomplete.dkim`, { name: key.name, reason: dnsReason(w, reasonOf(key.dnsStatus ?? 'dns-error')) })
      : w.t('spf:incomplete', { reason: dnsReason(w, a.incomplete.reason) });
  return w.sentences([what, retryLater(w, canCheckAgain)]);
}

/** DNS now: DKIM, DMARC and alignment first (the verdict's evidence before the rest), then SPF's problems. */
function findingLines<T>(w: Words<T>, d: AuthenticationDiagnosis): FindingLine<T>[] {
  const auth = d.auth?.findings ?? [];
  const spf = (d.spf?.findings ?? []).filter((f) => f.code === 'ip.result' || f.severity === 'error' || f.code === 'm365.include.present');
  const all = [...auth, ...spf];
  const weight = (code: string): number => {
    const i = d.verdict.evidence.indexOf(code);
    return i < 0 ? d.verdict.evidence.length : i;
  };
  const lines = all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => weight(a.f.code) - weight(b.f.code) || a.i - b.i)
    // A signature that matches the From domain but that the receiving server failed: a fact, not a pass.
    .map(({ f }) => (d.verdict.cause === 'dkim-failed' && f.code === 'align.dkim.yes' ? { ...f, severity: 'info' as const } : f))
    .map((f): { code: string; line: FindingLine<T> } => ({ code: f.code, line: findingLine(w, withLookupLabels(w, f, d.spf?.domain)) }));
  // The receiving server's SPF fail beside our pass for the same IP: reconciled right after the IP's result.
  if (d.verdict.evidence.includes('spf.reported-fail-passes-now')) {
    const at = lines.findIndex((l) => l.code === 'ip.result');
    const line = { icon: icon(w, 'info'), severity: 'info' as const, text: w.t(`${NS}:spfPassesNow`, { domain: d.spf?.domain ?? '', ip: d.sendingIp ?? '' }) };
    lines.splice(at < 0 ? lines.length : at + 1, 0, { code: 'spf.reported-fail-passes-now', line });
  }
  return lines.map((l) => l.line);
}

function recordsBlock<T>(w: Words<T>, d: AuthenticationDiagnosis): AuthenticationWords<T>['records'] {
  const r = d.records;
  if (!r) return null;
  // The placeholder is shown in the reader's language, in the records and in the note alike.
  const placeholder = r.placeholder ? w.plain(`${NS}:placeholder.initialDomain`) : undefined;
  const note = [w.t(`${NS}:recordsNote.${r.kind}`), ...(placeholder ? [w.t(`${NS}:recordsNote.placeholder`, { placeholder })] : [])];
  const value = (v: string): string => (r.placeholder && placeholder ? v.split(r.placeholder).join(placeholder) : v);
  return { title: w.t(`${NS}:recordsTitle.${r.kind}`), note: w.sentences(note), lines: r.records.map((x) => `${x.name}  ${x.type}  ${value(x.value)}`) };
}

/**
 * DMARC protects the From address: it is the card's sender. The envelope sender (MAIL FROM, what SPF checks)
 * is shown apart when it differs. (The SPF card keeps the envelope as its sender: SPF is about that domain.)
 */
function facts<T>(w: Words<T>, d: AuthenticationDiagnosis): Fact<T>[] {
  const a = d.authentication;
  const from = a?.from;
  const envelope = a?.mailFrom ?? (d.bounce.senderSource === 'return-path' || d.bounce.senderSource === 'envelope' ? d.bounce.sender : undefined);
  const senderTitle = w.plain('facts.sender');
  const base = bounceFacts(w, d).filter((f) => f.title !== w.plain('facts.senderDomain'));
  const out: Fact<T>[] = [];
  const add = (key: string, value: string | undefined, to: Fact<T>[] = out): void => {
    if (value) to.push(fact(w, w.plain(`${NS}:${key}`), value));
  };
  for (const f of base) {
    if (f.title !== senderTitle) out.push(f);
    else if (from) {
      out.push(fact(w, senderTitle, from));
      if (envelope && envelope.toLowerCase() !== from.toLowerCase()) add('mailFrom', envelope);
    } else if (envelope && d.bounce.sender === envelope) add('mailFrom', envelope);
    else out.push(f);
  }
  if (!from) add('fromDomain', d.fromDomain);
  const envelopeDomain = envelope?.split('@').pop()?.toLowerCase();
  if (d.auth && d.auth.mailFromDomain !== d.fromDomain && d.auth.mailFromDomain !== envelopeDomain) add('mailFromDomain', d.auth.mailFromDomain);
  add('signatures', (d.authentication?.signatures ?? []).map((s) => `d=${s.domain} s=${s.selector}`).join(', '));
  return out;
}

/** The card's words, each sentence chosen once: strings in one output, or twins for a card and its fallback text. */
function authenticationWords<T>(w: Words<T>, d: AuthenticationDiagnosis, ctx: CardContext): AuthenticationWords<T> {
  const p = params(w, d);
  const primary = d.recipients[0];
  const others = recipientGroups(w, d.recipients.slice(1), d.bounce.microsoft365);
  const spfCause = !own(d);
  const canCheckAgain = Boolean(ctx.diagnosisId && d.auth);
  const incomplete = incompleteLine(w, d, canCheckAgain);
  return {
    // A deferral the sending server still retries is held back, not rejected.
    title: w.t(primary?.transient ? `${NS}:titleRetrying` : `${NS}:title.${d.rule}`),
    // A bounce that names no From domain (the question asked first) says "the domain in the From address".
    summary: w.t(`${NS}:${d.fromDomain ? 'summary' : 'summaryNoDomain'}.${d.rule}`, p),
    verdict: verdictBlock(w, d, p),
    incomplete,
    facts: facts(w, d),
    remote: remoteSaid(w, 'spf:remoteSaid', primary),
    reported: reportedBlock(w, d),
    changes: changesBlock(w, ctx.previous, d.spf),
    record: d.spf && d.verdict.cause !== 'domain-not-found' ? recordBlock(w, d.spf) : null,
    dmarcRecord: dmarcBlock(w, d),
    findingsTitle: w.t(`${NS}:dnsTitle`),
    findings: findingLines(w, d),
    stepsTitle: w.t('spf:stepsTitle'),
    steps: stepLines(w, d, p, canCheckAgain),
    suggestion: spfCause ? suggestionBlock(w, asSpf(d)) : null,
    records: recordsBlock(w, d),
    remoteAdmin: remoteAdminBlock(w, d, NS),
    otherRecipientsTitle: w.t('codes.otherRecipients'),
    otherRecipients: others.items,
    moreRecipients: others.more,
    checked: checkedLine(w, d.spf ? { ...d.spf, cachedSince: d.auth?.cachedSince } : undefined, canCheckAgain),
    canCheckAgain,
  };
}

/** The card's data in one output (the view's `data`; `diagnosisHeadline` and tests read it). */
function data(w: Words, d: AuthenticationDiagnosis, ctx: CardContext = {}): AuthenticationView {
  return Object.assign(authenticationWords(w, d, ctx), resultActions(w, ctx));
}

/** The card's words in one output, taken from their twins: the SPF card's blocks, then this card's own. */
function inOutput(v: AuthenticationWords<Twin>, side: 'md' | 'plain'): AuthenticationWords {
  const s = (t: Twin): string => t[side];
  const { reported, dmarcRecord, records } = v;
  return Object.assign(spfInOutput(v, side), {
    reported: reported && { title: s(reported.title), line: s(reported.line) },
    dmarcRecord: dmarcRecord && { title: s(dmarcRecord.title), note: s(dmarcRecord.note), record: dmarcRecord.record },
    records: records && { title: s(records.title), note: s(records.note), lines: records.lines },
  });
}

/** The card's data and its fallback text from one walk: each sentence chosen and filled once, in both outputs. */
function card(locale: Locale, d: AuthenticationDiagnosis, ctx: CardContext = {}): { data: AuthenticationView; text: string } {
  const both = authenticationWords(words(locale, 'both'), d, ctx);
  return { data: Object.assign(inOutput(both, 'md'), resultActions(words(locale), ctx)), text: text(inOutput(both, 'plain')) };
}

/** The plain-text twin: the card's fallback text, the command line, and e-mail. */
function text(v: AuthenticationWords): string {
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
  card,
  headline: (w, d) => verdictBlock(w, d, params(w, d)).headline,
};
