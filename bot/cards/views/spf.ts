/**
 * The SPF result card's data: every sentence chosen here, for one locale, in one output or (for a card and
 * its fallback text) in both at once, and every one of them follows the verdict. The verdict block says the
 * cause and how sure it is; findings are its evidence; the steps say what to do about that cause and
 * nothing else.
 */
import { compareReports } from '../../diagnosis/changes';
import type { SpfDiagnosis } from '../../diagnosis/playbooks/spf';
import { recipientDomain } from '../../diagnosis/remote-admin';
import type { SpfVerdict } from '../../diagnosis/spf-verdict';
import { M365_INCLUDE } from '../../dns/microsoft';
import type { Finding, SpfReport } from '../../dns/types';
import { words, type Twin, type Words } from '../words';
import type { Locale } from '../locale';
import type { CardContext } from './context';
import { bounceFacts, findingLine, findingText, pushOtherRecipientsText, pushRemoteAdminText, pushStepsText, recipientGroups, remoteSaid, STEP_ICONS, type Fact, type FindingLine, type RecipientItem, type RemoteAdminItem, type StepItem } from './common';
import { dnsReason, duration, retryLater } from './phrases';
import { resultActions, type ResultActions } from './result-actions';
import type { PlaybookView } from './playbook-view';

/** The card's words; `T` is a sentence in the output (see `Words`). */
export interface SpfWords<T = string> {
  title: T;
  summary: T;
  verdict: { headline: T; why: T; style: string };
  incomplete: T;
  facts: Fact<T>[];
  /** `heading` is the label as a plain-text heading, punctuated the way the language does it. */
  remote: { label: T; heading: string; short: string; full: string } | null;
  changes: { title: T; lines: { text: T }[]; records: { label: T; record: string }[]; ttl: T } | null;
  record: { title: T; note: T; lines: string[] } | null;
  findingsTitle: T;
  findings: FindingLine<T>[];
  suggestion: { title: T; body: T; record: string } | null;
  stepsTitle: T;
  steps: StepItem<T>[];
  remoteAdmin: RemoteAdminItem<T> | null;
  otherRecipientsTitle: T;
  otherRecipients: RecipientItem<T>[];
  moreRecipients: T;
  checked: T;
  canCheckAgain: boolean;
}

export interface SpfView extends SpfWords, ResultActions {}

const STYLE: Record<SpfVerdict['cause'], string> = {
  'no-record': 'attention',
  'record-invalid': 'attention',
  'm365-not-authorized': 'attention',
  'ip-not-authorized': 'attention',
  'no-senders': 'attention',
  'domain-not-found': 'attention',
  'relay-pool': 'warning',
  'high-risk-delivery-pool': 'warning',
  'dns-unavailable': 'warning',
  'needs-domain': 'warning',
  'fixed-since-bounce': 'good',
  healthy: 'good',
  'receiving-side': 'accent',
};

/** Findings already told elsewhere on the card: the record block shows the record itself. */
const SHOWN_ELSEWHERE = new Set(['spf.one']);

/** SPF lookup costs (`name=n`, `name≥n` a lower bound) as the card says them: the record's own terms by name. */
export function branchLabels(w: Words<unknown>, branches: unknown, domain: string | undefined): string[] {
  if (!Array.isArray(branches)) return [];
  return branches.map((b) => {
    const m = /^(.*?)(=|≥)(\d+)$/.exec(String(b));
    if (!m) return String(b);
    const count = m[2] === '≥' ? `≥${m[3]}` : m[3]!;
    // The record's own a, mx, exists or ptr terms, not an include of the domain by itself.
    return m[1]!.toLowerCase() === domain?.toLowerCase() ? w.plain('spf:branchOwn', { count }) : w.plain('spf:branchCost', { name: m[1], count });
  });
}

/** Everything a sentence about this diagnosis may name. */
export function params(w: Words<unknown>, d: SpfDiagnosis): Record<string, unknown> {
  const v = d.verdict.detail ?? {};
  const spf = d.spf;
  const ttl = spf?.published.ttl;
  // The detail's own values first (lists as the language says them), then ours, in this order.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = v[k];
    out[k] = k === 'branches' ? w.list(branchLabels(w, x, d.senderDomain)) : Array.isArray(x) ? w.list(x) : x;
  }
  out.domain = d.senderDomain ?? '';
  out.ip = v.ip ?? d.sendingIp ?? '';
  // The sender's own host whose address in DNS was tested for the sending IP (`host` is Microsoft 365's MX host).
  out.sendingHost = typeof v.host === 'string' ? v.host : '';
  out.recipientDomain = recipientDomain(d.recipients.find((r) => r.playbook === 'spf')) ?? '';
  out.result = spf?.ipResult ? w.plain(`result.${spf.ipResult.result}`) : '';
  out.reason = dnsReason(w, typeof v.reason === 'string' ? v.reason : spf?.incomplete?.reason);
  out.ttl = ttl !== undefined && ttl > 0 ? duration(w, ttl) : '';
  out.since = typeof v.since === 'string' ? (w.dateTime(v.since) ?? v.since) : '';
  out.host = spf?.mailHosts?.find((h) => MAIL_PROTECTION.test(h)) ?? '';
  out.term = v.term ?? (v.ip ? `${String(v.ip).includes(':') ? 'ip6' : 'ip4'}:${String(v.ip)}` : '');
  out.previous = typeof v.previousCause === 'string' ? w.plain(`spf:previous.${v.previousCause}`) : '';
  return out;
}

const MAIL_PROTECTION = /\.mail\.protection\./i;

/** The first key that exists: the most specific wording first. */
function first(w: Words<unknown>, keys: string[]): string {
  return keys.find((k) => w.has(k)) ?? keys[keys.length - 1]!;
}

const WORDS_ALONE = new Set(['needs-domain', 'domain-not-found', 'dns-unavailable']);

export function verdictBlock<T>(w: Words<T>, d: SpfDiagnosis, p: Record<string, unknown>): SpfWords<T>['verdict'] {
  const v = d.verdict;
  const base = v.cause === 'record-invalid' ? `record-invalid.${String(v.detail?.problem ?? 'evaluation')}` : v.cause;
  const atLeast = v.detail?.atLeast === true;
  // A valid record ending in +all: the verdict says it lets every server pass, never just "in order".
  const plusAll = v.detail?.plusAll === true;
  // No SPF record to receivers, but a misspelt one in DNS: the verdict names it.
  const lookalike = typeof v.detail?.lookalike === 'string';
  // Valid but ending in ?all or in no all (a check): not "in order" beside the warning about it.
  const weakAll = v.detail?.weakAll === 'neutral' ? '-neutral-all' : v.detail?.weakAll === 'missing' ? '-no-all' : '';
  // The address tested is the one DNS gives the host that wrote the bounce: the card says whose it is.
  const fromHost = typeof v.detail?.host === 'string' && (v.cause === 'ip-not-authorized' || v.cause === 'receiving-side');
  // Valid, with other warnings about the record (ptr, a dead term …): not "in order" either.
  const caveats = v.detail?.caveats === true;
  const ip = p.ip ? 'Ip' : '';
  // A count known only as a lower bound (the walk stopped in a tree far past the limit) says "at least".
  // Most specific wording first: for a check, then naming the IP, then the cause's own.
  const headlineKey = first(
    w,
    (atLeast ? [`${base}-at-least`, base] : fromHost && v.cause === 'ip-not-authorized' ? [`${base}-host`, base] : plusAll ? [`${base}-plus-all`, base] : lookalike ? [`${base}-lookalike`, base] : weakAll ? [`${base}${weakAll}`, base] : caveats ? [`${base}-caveats`, base] : [base]).flatMap((cause) => [
      ...(d.subject === 'check' ? [`spf:verdictCheck.${cause}${ip}`, `spf:verdictCheck.${cause}`] : []),
      `spf:verdict.${cause}${ip}`,
      `spf:verdict.${cause}`,
    ]),
  );
  // A cause whose words stand alone (nothing was weighed): no "how sure" sentence.
  let why = w.empty;
  if (!WORDS_ALONE.has(v.cause)) {
    // A "likely" verdict beside a sending IP the card shows has its own words (never "the bounce doesn't show it").
    const withIp = v.confidence === 'likely' && Boolean(p.ip);
    const whyKey = first(w, [
      ...(fromHost ? ['spf:why.fromHost'] : []),
      ...(withIp ? [`spf:why.${v.cause}.likelyWithIp`] : []),
      // +all passes any server: "I couldn't test that address" would suggest the IP might fail.
      ...(plusAll && v.confidence === 'likely' ? [`spf:why.${v.cause}.likelyPlusAll`] : []),
      `spf:why.${v.cause}.${v.confidence}.${d.subject}`,
      `spf:why.${v.cause}.${v.confidence}`,
      `spf:why.${v.confidence}.${d.subject}`,
    ]);
    why = w.t(whyKey, p);
  }
  return { headline: w.t(headlineKey, p), why, style: plusAll || weakAll || caveats ? 'warning' : STYLE[v.cause] };
}

export function recordBlock<T>(w: Words<T>, spf: SpfReport): SpfWords<T>['record'] {
  const domain = spf.domain;
  const title = w.t('spf:recordTitle', { domain });
  switch (spf.published.state) {
    case 'none':
      // The misspelt record is what the person will find in DNS: show it, and why receivers don't count it.
      if (spf.published.lookalike) return { title, note: w.t('spf:recordLookalike', { domain }), lines: [spf.published.lookalike] };
      return { title, note: w.t('spf:recordNone', { domain }), lines: [] };
    case 'one':
      return { title, note: w.empty, lines: spf.published.records };
    case 'several':
      return { title, note: w.t('spf:recordSeveral', { count: spf.published.records.length }), lines: spf.published.records };
    case 'error':
      return { title, note: w.t('spf:recordError', { domain, reason: dnsReason(w, spf.published.error ?? spf.incomplete?.reason) }), lines: [] };
  }
}

/**
 * Evidence for the verdict first, in its order; the rest by severity as the check sorted them. A record that
 * authorizes no server is the fault behind a bounce, but for `check <domain>` only a question (the domain
 * may send no mail): a warning there.
 */
export function findingLines<T>(w: Words<T>, d: SpfDiagnosis): FindingLine<T>[] {
  const all = d.spf?.findings ?? [];
  const evidence = d.verdict.evidence;
  const weight = (f: Finding): number => {
    // Where the tested address came from goes right before what it gave.
    if (f.code === 'ip.from-host') return weight({ ...f, code: 'ip.result' }) - 0.5;
    const i = evidence.indexOf(f.code);
    return i < 0 ? evidence.length : i;
  };
  // Array sort is stable: equal weights keep the check's order.
  // A misspelt Microsoft 365 include: the step says to correct that name; "add the include" beside it would
  // leave the broken one in place.
  const corrected = d.verdict.detail?.correction === M365_INCLUDE;
  return all
    .filter((f) => !SHOWN_ELSEWHERE.has(f.code) && !(corrected && f.code === 'm365.include.missing'))
    .sort((a, b) => weight(a) - weight(b))
    .map((f) => findingLine(w, shownFinding(w, d, f)));
}

/** A finding as this card shows it. */
function shownFinding(w: Words<unknown>, d: SpfDiagnosis, f: Finding): Finding {
  if (d.subject === 'check' && f.code === 'spf.all.only') return { ...f, severity: 'warning' };
  return withLookupLabels(w, f, d.spf?.domain);
}

/** A lookup-count finding with its costs named as the step names them, the record's own terms included. */
export function withLookupLabels(w: Words<unknown>, f: Finding, domain: string | undefined): Finding {
  if (f.code === 'spf.lookups.over' || f.code === 'spf.lookups.ok') return { ...f, params: { ...f.params, branches: branchLabels(w, f.params.branches, domain) } };
  return f;
}

export function suggestionBlock<T>(w: Words<T>, d: SpfDiagnosis): SpfWords<T>['suggestion'] {
  const s = d.spf?.suggestion;
  // A record to publish only when the record is what to fix.
  if (!s || !['no-record', 'm365-not-authorized', 'ip-not-authorized'].includes(d.verdict.cause)) return null;
  const parts = [w.t(s.replacesLookalike ? 'spf:suggestionLookalike' : s.newRecord ? 'spf:suggestionNew' : 'spf:suggestionBody')];
  if (s.verified === 'pass' && d.sendingIp) parts.push(w.t('spf:suggestionPasses', { ip: d.sendingIp }));
  parts.push(w.t(s.withinLimits ? 'spf:suggestionLimits' : 'spf:suggestionOverLimits', { lookups: s.lookups, bytes: s.bytes }));
  return { title: w.t('spf:suggestionTitle'), body: w.sentences(parts), record: s.record };
}

export function stepLines<T>(w: Words<T>, d: SpfDiagnosis, p: Record<string, unknown>, canCheckAgain: boolean): SpfWords<T>['steps'] {
  const out: StepItem<T>[] = new Array(d.steps.length);
  for (let i = 0; i < d.steps.length; i++) {
    const s = d.steps[i]!;
    const base = `spf:steps.${s.id}`;
    // The steps for the recipient's side name its domain; with none known they say "the recipient's", never the sender's domain.
    const recipientSide = s.id === 'contact-remote-admin' || s.id === 'relay-destination';
    const titleKey = (s.id === 'verify-spf' && !d.senderDomain) || (recipientSide && !p.recipientDomain) ? `${base}.titleNoDomain` : `${base}.title`;
    const titleParams = recipientSide ? { ...p, domain: p.recipientDomain } : p;
    // Wordings that name a TTL have a twin for when DNS gave none.
    const noTtl = Boolean(s.variant && !p.ttl);
    const textKey = first(w, [...(noTtl ? [`${base}.${s.variant}NoTtl`] : []), ...(s.variant ? [`${base}.${s.variant}`] : []), `${base}.${s.state}`]);
    const textParams = s.id === 'contact-remote-admin' ? titleParams : p;
    let text = w.t(textKey, textParams);
    // DNS did not answer: try again (by the button, where there is one), and what a lasting failure means.
    if (s.id === 'verify-spf' && s.variant === 'dnsUnavailable') text = w.sentences([text, retryLater(w, canCheckAgain), w.t(`${base}.dnsUnavailableDown`, p)]);
    if (s.id === 'verify-spf' && s.variant === 'fixed') text = w.t(`spf:nowRight.${String(p.previousCause ?? 'record-invalid')}`, p);
    // The suggestion adds Microsoft 365's include as well: the step says so, or the record would surprise.
    if (s.id === 'verify-spf' && (s.variant === 'ip' || s.variant === 'ipService') && p.m365IncludeToo) text = w.sentences([text, w.t(`${base}.alsoM365`)]);
    out[i] = { id: s.id, state: s.state, icon: STEP_ICONS[s.state], title: w.concat(`${i + 1}. `, w.t(titleKey, titleParams)), text };
  }
  return out;
}

const SAFE_POSTMASTER = /^postmaster@[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z0-9-]{2,63}$/i;
const MAX_MAILTO = 1800;

/** The message for the receiving side's admin; `ns` words its subject, body and what was checked. */
export function remoteAdminBlock<T>(w: Words<T>, d: Pick<SpfDiagnosis, 'remoteAdmin' | 'senderDomain'>, ns = 'spf'): SpfWords<T>['remoteAdmin'] {
  const m = d.remoteAdmin;
  if (!m) return null;
  const senderDomain = m.senderDomain ?? d.senderDomain ?? '';
  // A deferral is asked about as one: their server holds the message back, ours still retries.
  const subject = w.plain(m.deferred ? `${ns}:remoteAdmin.subjectDeferred` : `${ns}:remoteAdmin.subject`, { domain: senderDomain, status: m.status ?? '' });
  const checked = w.plain(`${ns}:remoteAdmin.checked.${m.checked}`, { ip: m.sendingIp ?? '', time: w.dateTime(m.checkedAt) ?? '' });
  const body = w.plain(m.deferred ? `${ns}:remoteAdmin.bodyDeferred` : `${ns}:remoteAdmin.body`, {
    senderDomain,
    recipient: m.recipient ?? w.plain('spf:remoteAdmin.unknownRecipient'),
    time: w.dateTime(m.time) ?? w.plain('spf:remoteAdmin.unknownTime'),
    checked,
    error: m.errorText,
  });
  let mailto = '';
  if (SAFE_POSTMASTER.test(m.to)) {
    mailto = `mailto:${m.to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
    // Mail clients truncate long mailto URLs: fall back to the subject only; the full text stays on the card.
    if (mailto.length > MAX_MAILTO) mailto = `mailto:${m.to}?subject=${encodeURIComponent(subject)}`;
  }
  return {
    title: w.t('spf:remoteAdmin.title'),
    to: m.to ? w.plain('spf:remoteAdmin.to', { to: m.to }) : '',
    subject,
    body,
    mailto,
    mailtoTitle: w.plain('spf:remoteAdmin.mailto'),
  };
}

/** What is right now that was wrong before, said as what is right (not the old problem again). */
function fixedLine<T>(w: Words<T>, f: Finding, now: SpfReport): T {
  const key = `spf:fixedNow.${f.code}`;
  const p = { ...f.params, domain: now.domain, count: now.lookups ?? 0 };
  return w.has(key) ? w.t(key, p) : w.insert(w.t('spf:changes.noLongerFound', { text: '\u0000' }), findingText(w, f));
}

export function changesBlock<T>(w: Words<T>, previous: SpfReport | undefined, now: SpfReport | undefined): SpfWords<T>['changes'] {
  if (!previous || !now) return null;
  const c = compareReports(previous, now);
  const time = w.dateTime(previous.checkedAt) ?? previous.checkedAt;
  const ttl = c.ttl !== undefined && c.ttl > 0 ? w.t('spf:changes.ttl', { ttl: duration(w, c.ttl) }) : w.empty;
  if (!c.changed) return { title: w.t('spf:changes.none', { time }), lines: [], records: [], ttl: w.empty };
  const lines: { text: T }[] = [];
  if (c.ip) {
    const key = c.ip.after === 'pass' ? 'spf:changes.ipNowPasses' : 'spf:changes.ipResult';
    lines.push({ text: w.concat(c.ip.after === 'pass' ? '✅ ' : '❗ ', w.t(key, { ip: c.ip.ip, before: w.plain(`result.${c.ip.before}`), after: w.plain(`result.${c.ip.after}`) })) });
  }
  for (const f of c.findingsFixed) if (f.code !== 'ip.result') lines.push({ text: w.concat('✅ ', fixedLine(w, f, now)) });
  for (const f of c.findingsNew) {
    if (f.code !== 'ip.result') lines.push({ text: w.concat('❗ ', w.insert(w.t('spf:changes.new', { text: '\u0000' }), findingText(w, f))) });
  }
  const records = [
    ...c.recordsAdded.map((record) => ({ label: w.t('spf:changes.recordAdded'), record })),
    ...c.recordsRemoved.map((record) => ({ label: w.t('spf:changes.recordRemoved'), record })),
  ];
  return { title: w.t('spf:changes.title', { time }), lines, records, ttl };
}

function titleAndSummary<T>(w: Words<T>, d: SpfDiagnosis): { title: T; summary: T } {
  const domain = d.senderDomain;
  if (d.subject === 'check') {
    return {
      title: w.t('spf:check.title', { domain: domain ?? '' }),
      summary: d.sendingIp ? w.t('spf:check.summaryIp', { domain, ip: d.sendingIp }) : w.t('spf:check.summary', { domain }),
    };
  }
  // A deferral the sending server still retries is held back, not rejected.
  if (d.recipients[0]?.transient) {
    return { title: w.t('spf:titleRetrying'), summary: domain ? w.t('spf:summaryRetrying', { domain }) : w.t('spf:summaryNoDomainRetrying') };
  }
  return { title: w.t('spf:title'), summary: domain ? w.t('spf:summary', { domain }) : w.t('spf:summaryNoDomain') };
}

/** When and with which DNS server; a cached answer names Check again only where the answer has that button. */
export function checkedLine<T>(w: Words<T>, spf: SpfReport | undefined, canCheckAgain: boolean): T {
  if (!spf) return w.empty;
  const time = w.dateTime(spf.checkedAt) ?? spf.checkedAt;
  const servers = w.list(spf.dnsServers);
  if (spf.cachedSince) {
    return w.t(canCheckAgain ? 'spf:checkedCached' : 'spf:checkedCachedNoButton', { time, fetched: w.dateTime(spf.cachedSince) ?? spf.cachedSince, servers });
  }
  return w.t('spf:checked', { time, servers });
}

/** The card's words, each sentence chosen once: strings in one output, or twins for a card and its fallback text. */
function spfWords<T>(w: Words<T>, d: SpfDiagnosis, ctx: CardContext): SpfWords<T> {
  const spf = d.spf;
  const spfRecipient = d.recipients.find((r) => r.playbook === 'spf');
  const others = recipientGroups(w, d.recipients.filter((r) => r !== spfRecipient), d.bounce.microsoft365);
  const p = params(w, d);
  // A check that stopped part-way: said in the verdict when that is the cause, else as a note.
  const canCheckAgain = Boolean(ctx.diagnosisId && spf);
  const incomplete = spf?.incomplete && d.verdict.cause !== 'dns-unavailable' ? w.sentences([w.t('spf:incomplete', { reason: dnsReason(w, spf.incomplete.reason) }), retryLater(w, canCheckAgain)]) : w.empty;
  const { title, summary } = titleAndSummary(w, d);
  return {
    title,
    summary,
    verdict: verdictBlock(w, d, p),
    incomplete,
    facts: bounceFacts(w, d),
    remote: remoteSaid(w, 'spf:remoteSaid', spfRecipient),
    changes: changesBlock(w, ctx.previous, spf),
    record: spf && d.verdict.cause !== 'domain-not-found' ? recordBlock(w, spf) : null,
    findingsTitle: w.t('spf:findingsTitle'),
    findings: findingLines(w, d),
    suggestion: suggestionBlock(w, d),
    stepsTitle: w.t('spf:stepsTitle'),
    steps: stepLines(w, d, p, canCheckAgain),
    remoteAdmin: remoteAdminBlock(w, d),
    otherRecipientsTitle: w.t('codes.otherRecipients'),
    otherRecipients: others.items,
    moreRecipients: others.more,
    checked: checkedLine(w, spf, canCheckAgain),
    canCheckAgain,
  };
}

/** The card's data in one output (the views' `data`; tests read it). */
function spfView(w: Words, d: SpfDiagnosis, ctx: CardContext = {}): SpfView {
  return Object.assign(spfWords(w, d, ctx), resultActions(w, ctx));
}

/**
 * The card's words in one output, taken from their twins. Every property spelled out: a generic copy (a
 * loop over each object's keys) cost more than the second walk it saves.
 */
export function inOutput(v: SpfWords<Twin>, side: 'md' | 'plain'): SpfWords {
  const s = (t: Twin): string => t[side];
  const { verdict, remote, changes, record, suggestion, remoteAdmin } = v;
  return {
    title: s(v.title),
    summary: s(v.summary),
    verdict: { headline: s(verdict.headline), why: s(verdict.why), style: verdict.style },
    incomplete: s(v.incomplete),
    facts: v.facts.map((f) => ({ title: f.title, value: s(f.value), line: f.line })),
    remote: remote && { label: s(remote.label), heading: remote.heading, short: remote.short, full: remote.full },
    changes: changes && {
      title: s(changes.title),
      lines: changes.lines.map((l) => ({ text: s(l.text) })),
      records: changes.records.map((r) => ({ label: s(r.label), record: r.record })),
      ttl: s(changes.ttl),
    },
    record: record && { title: s(record.title), note: s(record.note), lines: record.lines },
    findingsTitle: s(v.findingsTitle),
    findings: v.findings.map((f) => ({ icon: f.icon, text: s(f.text), severity: f.severity })),
    suggestion: suggestion && { title: s(suggestion.title), body: s(suggestion.body), record: suggestion.record },
    stepsTitle: s(v.stepsTitle),
    steps: v.steps.map((x) => ({ id: x.id, state: x.state, icon: x.icon, title: s(x.title), text: s(x.text) })),
    remoteAdmin: remoteAdmin && { title: s(remoteAdmin.title), to: remoteAdmin.to, subject: remoteAdmin.subject, body: remoteAdmin.body, mailto: remoteAdmin.mailto, mailtoTitle: remoteAdmin.mailtoTitle },
    otherRecipientsTitle: s(v.otherRecipientsTitle),
    otherRecipients: v.otherRecipients.map((r) => ({
      heading: s(r.heading),
      addresses: s(r.addresses),
      meaning: s(r.meaning),
      fix: s(r.fix),
      owner: s(r.owner),
      transient: s(r.transient),
      remoteLabel: r.remoteLabel,
      remoteHeading: r.remoteHeading,
      remote: r.remote,
      expandLabel: r.expandLabel,
    })),
    moreRecipients: s(v.moreRecipients),
    checked: s(v.checked),
    canCheckAgain: v.canCheckAgain,
  };
}

/** The card's data and its fallback text from one walk: each sentence chosen and filled once, in both outputs. */
function spfCard(locale: Locale, d: SpfDiagnosis, ctx: CardContext = {}): { data: SpfView; text: string } {
  const both = spfWords(words(locale, 'both'), d, ctx);
  return { data: Object.assign(inOutput(both, 'md'), resultActions(words(locale), ctx)), text: spfText(inOutput(both, 'plain')) };
}

/** The plain-text twin: the card's fallback text, the command line, and e-mail. */
function spfText(v: SpfWords): string {
  const out: string[] = [v.title, '', v.summary, '', v.verdict.headline];
  if (v.verdict.why) out.push(v.verdict.why);
  if (v.incomplete) out.push('', v.incomplete);
  if (v.facts.length) {
    out.push('');
    for (const f of v.facts) out.push(f.line);
  }
  if (v.remote) out.push('', v.remote.heading, `  ${v.remote.full || v.remote.short}`);
  if (v.changes) {
    out.push('', v.changes.title);
    for (const l of v.changes.lines) out.push(l.text);
    for (const r of v.changes.records) out.push(r.label, `  ${r.record}`);
    if (v.changes.ttl) out.push(v.changes.ttl);
  }
  if (v.record) {
    out.push('', v.record.title);
    if (v.record.note) out.push(v.record.note);
    for (const line of v.record.lines) out.push(`  ${line}`);
  }
  if (v.findings.length) {
    out.push('', v.findingsTitle);
    for (const f of v.findings) out.push(`${f.icon} ${f.text}`);
  }
  pushStepsText(out, v.stepsTitle, v.steps);
  // After the steps, which point to it ("the suggested record below").
  if (v.suggestion) out.push('', v.suggestion.title, v.suggestion.body, `  ${v.suggestion.record}`);
  pushRemoteAdminText(out, v.remoteAdmin);
  pushOtherRecipientsText(out, v.otherRecipientsTitle, v.otherRecipients, v.moreRecipients);
  if (v.checked) out.push('', v.checked);
  return out.join('\n');
}

export const view: PlaybookView<SpfDiagnosis, SpfView> = {
  template: 'spf-result',
  data: spfView,
  text: spfText,
  card: spfCard,
  headline: (w, d) => verdictBlock(w, d, params(w, d)).headline,
};
