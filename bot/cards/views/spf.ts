/** The SPF result card's data: every sentence chosen here, for one locale and one output. */
import { compareReports } from '../../diagnosis/changes';
import type { Diagnosis, GuidanceStep } from '../../diagnosis/types';
import type { SpfReport } from '../../dns/types';
import type { Words } from '../words';
import { resultActions, type ResultActions } from './result-actions';
import {
  bounceFacts,
  findingLine,
  findingText,
  recipientGroups,
  shortened,
  type Fact,
  type FindingLine,
  type RecipientItem,
} from './common';
import { dnsReason, duration } from './phrases';

/** Where the card stands in the conversation: which stored diagnosis, and the check before this one. */
export interface SpfViewContext {
  diagnosisId?: string;
  previous?: SpfReport;
  /** Escalated as this case (no second escalation from the card). */
  caseId?: string;
  /** The last escalation attempt could not be saved. */
  escalationFailed?: boolean;
}

export interface SpfView extends ResultActions {
  title: string;
  summary: string;
  incomplete: string;
  facts: Fact[];
  remote: { label: string; short: string; full: string } | null;
  changes: { title: string; lines: { text: string }[]; records: { label: string; record: string }[]; ttl: string } | null;
  record: { title: string; note: string; lines: string[] } | null;
  findingsTitle: string;
  findings: FindingLine[];
  suggestion: { title: string; body: string; record: string } | null;
  stepsTitle: string;
  steps: { icon: string; title: string; text: string }[];
  remoteAdmin: { title: string; to: string; subject: string; body: string; mailto: string; mailtoTitle: string } | null;
  otherRecipientsTitle: string;
  otherRecipients: RecipientItem[];
  moreRecipients: string;
  checked: string;
  canCheckAgain: boolean;
}

const STEP_ICONS: Record<GuidanceStep['state'], string> = { problem: '❌', ok: '✅', unknown: '⚠️', todo: '👉' };

/** Findings already told by the record block. */
const SHOWN_ELSEWHERE = new Set(['spf.one']);

function recordBlock(w: Words, spf: SpfReport): SpfView['record'] {
  const domain = spf.domain;
  const title = w.t('spf.recordTitle', { domain });
  switch (spf.published.state) {
    case 'none':
      return { title, note: w.t('spf.recordNone', { domain }), lines: [] };
    case 'one':
      return { title, note: '', lines: spf.published.records };
    case 'several':
      return { title, note: w.t('spf.recordSeveral', { count: spf.published.records.length }), lines: spf.published.records };
    case 'error':
      return { title, note: w.t('spf.recordError', { domain, reason: dnsReason(w, spf.published.error ?? spf.incomplete?.reason) }), lines: [] };
  }
}

function suggestionBlock(w: Words, d: Diagnosis): SpfView['suggestion'] {
  const s = d.spf?.suggestion;
  if (!s) return null;
  const parts = [w.t('spf.suggestionBody')];
  if (s.verified === 'pass' && d.sendingIp) parts.push(w.t('spf.suggestionPasses', { ip: d.sendingIp }));
  parts.push(w.t(s.withinLimits ? 'spf.suggestionLimits' : 'spf.suggestionOverLimits', { lookups: s.lookups, bytes: s.bytes }));
  return { title: w.t('spf.suggestionTitle'), body: parts.join(' '), record: s.record };
}

function recipientDomain(d: Diagnosis): string {
  return d.remoteAdmin?.to.split('@')[1] || d.recipients[0]?.address?.split('@')[1] || '?';
}

function stepLines(w: Words, d: Diagnosis): SpfView['steps'] {
  const domain = d.senderDomain ?? '?';
  return d.steps.map((s) => {
    const base = `spf.steps.${s.id}`;
    let text: string;
    if (s.id === 'check-hrdp') text = `${w.t(`${base}.body`)} ${w.t(`${base}.${s.state === 'todo' ? 'unknown' : s.state}`)}`;
    else text = w.t(`${base}.${s.state}`);
    const titleDomain = s.id === 'contact-remote-admin' ? recipientDomain(d) : domain;
    return { icon: STEP_ICONS[s.state], title: w.t(`${base}.title`, { domain: titleDomain }), text };
  });
}

const SAFE_POSTMASTER = /^postmaster@[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z0-9-]{2,63}$/i;
const MAX_MAILTO = 1800;

function remoteAdminBlock(w: Words, d: Diagnosis): SpfView['remoteAdmin'] {
  const m = d.remoteAdmin;
  if (!m) return null;
  const senderDomain = m.senderDomain ?? d.senderDomain ?? '?';
  const subject = w.plain('spf.remoteAdmin.subject', { domain: senderDomain, status: m.status ?? '' });
  const body = w.plain('spf.remoteAdmin.body', {
    senderDomain,
    recipient: m.recipient ?? w.plain('spf.remoteAdmin.unknownRecipient'),
    time: w.dateTime(m.time) ?? w.plain('spf.remoteAdmin.unknownTime'),
    error: m.errorText,
  });
  let mailto = '';
  if (SAFE_POSTMASTER.test(m.to)) {
    mailto = `mailto:${m.to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
    // Mail clients truncate long mailto URLs: fall back to the subject only; the full text stays on the card.
    if (mailto.length > MAX_MAILTO) mailto = `mailto:${m.to}?subject=${encodeURIComponent(subject)}`;
  }
  return {
    title: w.t('spf.remoteAdmin.title'),
    to: m.to ? w.plain('spf.remoteAdmin.to', { to: m.to }) : '',
    subject,
    body,
    mailto,
    mailtoTitle: w.plain('spf.remoteAdmin.mailto'),
  };
}

function changesBlock(w: Words, previous: SpfReport | undefined, now: SpfReport | undefined): SpfView['changes'] {
  if (!previous || !now) return null;
  const c = compareReports(previous, now);
  const time = w.dateTime(previous.checkedAt) ?? previous.checkedAt;
  const ttl = c.ttl !== undefined && c.ttl > 0 ? w.t('changes.ttl', { ttl: duration(w, c.ttl) }) : '';
  if (!c.changed) return { title: w.t('changes.none', { time }), lines: [], records: [], ttl };
  const lines: { text: string }[] = [];
  for (const f of c.findingsFixed) lines.push({ text: `✅ ${w.t('changes.fixed', { text: '\u0000' }).replace('\u0000', findingText(w, f))}` });
  for (const f of c.findingsNew) lines.push({ text: `❗ ${w.t('changes.new', { text: '\u0000' }).replace('\u0000', findingText(w, f))}` });
  if (c.ip) {
    lines.push({
      text: w.t('changes.ipResult', { ip: c.ip.ip, before: w.plain(`result.${c.ip.before}`), after: w.plain(`result.${c.ip.after}`) }),
    });
  }
  const records = [
    ...c.recordsAdded.map((record) => ({ label: w.t('changes.recordAdded'), record })),
    ...c.recordsRemoved.map((record) => ({ label: w.t('changes.recordRemoved'), record })),
  ];
  return { title: w.t('changes.title', { time }), lines, records, ttl };
}

function titleAndSummary(w: Words, d: Diagnosis): { title: string; summary: string } {
  const domain = d.senderDomain;
  if (d.kind === 'check') {
    return {
      title: w.t('check.title', { domain: domain ?? '?' }),
      summary: d.sendingIp ? w.t('check.summaryIp', { domain, ip: d.sendingIp }) : w.t('check.summary', { domain }),
    };
  }
  return {
    title: w.t('spf.title'),
    summary: domain ? w.t('spf.summary', { domain }) : `${w.t('spf.summaryNoDomain')} ${w.t('spf.needsDomain')}`,
  };
}

export function spfView(w: Words, d: Diagnosis, ctx: SpfViewContext = {}): SpfView {
  const spf = d.spf;
  const spfRecipient = d.recipients.find((r) => r.dialog === 'spf');
  const others = recipientGroups(w, d.recipients.filter((r) => r !== spfRecipient));
  const findings = (spf?.findings ?? []).filter((f) => !SHOWN_ELSEWHERE.has(f.code)).map((f) => findingLine(w, f));
  return {
    ...titleAndSummary(w, d),
    incomplete: spf?.incomplete ? w.t('spf.incomplete', { reason: dnsReason(w, spf.incomplete.reason) }) : '',
    facts: bounceFacts(w, d),
    remote: spfRecipient?.remoteText ? { label: w.t('spf.remoteSaid'), ...shortened(spfRecipient.remoteText) } : null,
    changes: changesBlock(w, ctx.previous, spf),
    record: spf ? recordBlock(w, spf) : null,
    findingsTitle: w.t('spf.findingsTitle'),
    findings,
    suggestion: suggestionBlock(w, d),
    stepsTitle: w.t('spf.stepsTitle'),
    steps: stepLines(w, d),
    // The message to the destination's admin says our record is right: offered only when it is.
    remoteAdmin: d.steps.some((s) => s.id === 'verify-spf' && s.state === 'ok') ? remoteAdminBlock(w, d) : null,
    otherRecipientsTitle: w.t('codes.otherRecipients'),
    otherRecipients: others.items,
    moreRecipients: others.more,
    checked: spf ? w.t('spf.checked', { time: w.dateTime(spf.checkedAt) ?? spf.checkedAt, servers: w.list(spf.dnsServers) }) : '',
    canCheckAgain: Boolean(ctx.diagnosisId && spf),
    ...resultActions(w, ctx),
  };
}
