/** The SPF result card's data: every sentence chosen here, for one locale and one output. */
import type { Diagnosis, GuidanceStep } from '../../diagnosis/types';
import type { SpfReport } from '../../dns/types';
import type { Words } from '../words';
import { bounceFacts, findingLine, type Fact, type FindingLine } from './common';

export interface SpfView {
  title: string;
  summary: string;
  facts: Fact[];
  remote: { label: string; text: string } | null;
  record: { title: string; note: string; lines: string[] } | null;
  findingsTitle: string;
  findings: FindingLine[];
  suggestion: { title: string; body: string; record: string } | null;
  stepsTitle: string;
  steps: { icon: string; title: string; text: string }[];
  remoteAdmin: { title: string; to: string; subject: string; body: string; mailto: string; mailtoTitle: string } | null;
  checked: string;
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
      return {
        title,
        note: w.t('spf.recordError', { domain, reason: spf.published.error ?? spf.incomplete?.reason ?? '?' }),
        lines: [],
      };
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

function stepLines(w: Words, d: Diagnosis): SpfView['steps'] {
  const domain = d.senderDomain ?? '?';
  const recipientDomain = d.remoteAdmin?.to.split('@')[1] ?? d.recipients[0]?.address?.split('@')[1] ?? '?';
  return d.steps.map((s) => {
    const base = `spf.steps.${s.id}`;
    let text: string;
    if (s.id === 'check-hrdp') text = `${w.t(`${base}.body`)} ${w.t(`${base}.${s.state === 'todo' ? 'unknown' : s.state}`)}`;
    else text = w.t(`${base}.${s.state}`);
    const titleDomain = s.id === 'contact-remote-admin' ? recipientDomain : domain;
    return { icon: STEP_ICONS[s.state], title: w.t(`${base}.title`, { domain: titleDomain }), text };
  });
}

const SAFE_POSTMASTER = /^postmaster@[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z0-9-]{2,63}$/i;
const MAX_MAILTO = 1800;

function remoteAdminBlock(w: Words, d: Diagnosis): SpfView['remoteAdmin'] {
  const m = d.remoteAdmin;
  if (!m) return null;
  const status = m.status ?? '';
  const subject = w.plain('spf.remoteAdmin.subject', { domain: m.senderDomain ?? d.senderDomain ?? '?', status });
  const body = w.plain('spf.remoteAdmin.body', {
    senderDomain: m.senderDomain ?? d.senderDomain ?? '?',
    recipient: m.recipient ?? w.plain('spf.remoteAdmin.unknownRecipient'),
    time: w.dateTime(m.time) ?? w.plain('spf.remoteAdmin.unknownTime'),
    error: m.errorText,
  });
  let mailto = '';
  if (SAFE_POSTMASTER.test(m.to)) {
    mailto = `mailto:${m.to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
    // Mail clients truncate long mailto URLs: fall back to subject only; the text stays on the card.
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

export function spfView(w: Words, d: Diagnosis): SpfView {
  const spf = d.spf;
  const domain = d.senderDomain;
  const first = d.recipients.find((r) => r.dialog === 'spf') ?? d.recipients[0];
  const findings = (spf?.findings ?? []).filter((f) => !SHOWN_ELSEWHERE.has(f.code)).map((f) => findingLine(w, f));
  return {
    title: w.t('spf.title'),
    summary: domain ? w.t('spf.summary', { domain }) : `${w.t('spf.summaryNoDomain')} ${w.t('spf.needsDomain')}`,
    facts: bounceFacts(w, d),
    remote: first?.remoteText ? { label: w.t('spf.remoteSaid'), text: first.remoteText } : null,
    record: spf ? recordBlock(w, spf) : null,
    findingsTitle: w.t('spf.findingsTitle'),
    findings,
    suggestion: suggestionBlock(w, d),
    stepsTitle: w.t('spf.stepsTitle'),
    steps: stepLines(w, d),
    remoteAdmin: d.steps.length ? remoteAdminBlock(w, d) : null,
    checked: spf
      ? w.t('spf.checked', { time: w.dateTime(spf.checkedAt) ?? spf.checkedAt, servers: w.list(spf.dnsServers) })
      : '',
  };
}
