/** Pieces several card views share: facts about the bounce, finding sentences, labels, recipients. */
import type { Finding, Severity } from '../../dns/types';
import type { Diagnosis, RecipientDiagnosis } from '../../diagnosis/types';
import { LOCALE_NAMES, SUPPORTED_LOCALES } from '../locale';
import type { Words } from '../words';

export interface Fact {
  title: string;
  value: string;
}

export interface FindingLine {
  icon: string;
  text: string;
  severity: Severity;
}

export function icon(w: Words, severity: Severity): string {
  return w.plain(`verdict.${severity}`);
}

/** Array params read as a list in the locale's own way ("a, b and c"). */
function flattenParams(w: Words, params: Finding['params']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = Array.isArray(v) ? w.list(v.map(String)) : v;
  return out;
}

export function findingKey(f: Finding): string {
  if (f.code === 'ip.result') return `findings:ip.result.${String(f.params.result ?? 'none')}`;
  return `findings:${f.code}`;
}

export function findingText(w: Words, f: Finding): string {
  const params = flattenParams(w, f.params);
  if (f.code === 'ip.result' && f.params.result === 'neutral' && !f.params.term) return w.t('findings:ip.neutralNoTerm', params);
  const text = w.t(findingKey(f), params);
  if (f.code === 'dmarc.policy' && f.params.alignment === false) return `${text} ${w.t('findings:dmarc.notAligned', params)}`;
  return text;
}

export function findingLine(w: Words, f: Finding): FindingLine {
  return { icon: icon(w, f.severity), text: findingText(w, f), severity: f.severity };
}

/** A value shown as a fact: escaped for markdown when the output renders it. */
function factValue(w: Words, value: string): string {
  return w.output === 'markdown' ? w.t('value', { value }) : value;
}

export function bounceFacts(w: Words, d: Diagnosis): Fact[] {
  const facts: Fact[] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value) facts.push({ title: w.plain(`facts.${key}`), value: factValue(w, value) });
  };
  const first = d.recipients[0];
  if (d.recipients.length === 1) {
    add('recipient', first?.address);
    add('status', [first?.replyCode, first?.status].filter(Boolean).join(' ') || undefined);
  }
  add('sender', d.bounce.sender);
  add('senderDomain', d.senderDomain);
  add('sendingIp', d.sendingIp);
  if (d.recipients.length === 1) add('remoteServer', d.bounce.recipients[0]?.remoteMta);
  add('reportedBy', d.bounce.reportingMta ?? d.bounce.generatingServer);
  add('time', w.dateTime(d.bounce.arrivalDate));
  return facts;
}

/** Button and picker labels, and the languages offered. */
export function labels(w: Words): Record<string, string> {
  return {
    checkAgain: w.plain('actions.checkAgain'),
    language: w.plain('actions.language'),
    apply: w.plain('actions.apply'),
    check: w.plain('actions.check'),
    escalate: w.plain('actions.escalate'),
    languagePicker: w.plain('language.pickerTitle'),
  };
}

export function languageChoices(): { code: string; name: string }[] {
  return SUPPORTED_LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] }));
}

export interface RecipientItem {
  heading: string;
  meaning: string;
  fix: string;
  owner: string;
  transient: string;
  remoteLabel: string;
  remoteText: string;
}

export function recipientItem(w: Words, r: RecipientDiagnosis): RecipientItem {
  const key = r.codeKey;
  const status = [r.replyCode, r.status].filter(Boolean).join(' ');
  let title: string;
  let meaning: string;
  let fix: string;
  if (!key) {
    title = w.t('codes:generic.title', { status: status || '?' });
    meaning = w.t('common:codes.noCode');
    fix = w.t('codes:generic.fix');
  } else if (key.startsWith('generic.')) {
    title = w.t('codes:generic.title', { status });
    meaning = w.t(`codes:${key}`);
    fix = w.t('codes:generic.fix');
  } else {
    title = `${w.t(`codes:${key}.title`)} (${status})`;
    meaning = w.t(`codes:${key}.meaning`);
    fix = w.t(`codes:${key}.fix`);
  }
  const heading = r.address ? w.t('common:codes.recipientHeading', { address: r.address, title: '\u0000' }) : '\u0000';
  return {
    // The title is our own wording (already escaped where needed): insert it after escaping the address.
    heading: heading.replace('\u0000', title),
    meaning,
    fix,
    owner: w.t(`codes:owner.${r.owner}`),
    transient: r.transient ? w.t('codes:transient') : '',
    remoteLabel: w.plain('common:codes.remoteSaid'),
    remoteText: r.remoteText ?? '',
  };
}
