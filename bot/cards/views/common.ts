/** Pieces several card views share: facts about the bounce, finding sentences, verdict icons. */
import type { Finding, Severity } from '../../dns/types';
import type { Diagnosis } from '../../diagnosis/types';
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
  for (const [k, v] of Object.entries(params)) out[k] = Array.isArray(v) ? w.list(v) : v;
  return out;
}

export function findingKey(f: Finding): string {
  if (f.code === 'ip.result') return `findings:ip.result.${String(f.params.result ?? 'none')}`;
  return `findings:${f.code}`;
}

export function findingLine(w: Words, f: Finding): FindingLine {
  return { icon: icon(w, f.severity), text: w.t(findingKey(f), flattenParams(w, f.params)), severity: f.severity };
}

export function bounceFacts(w: Words, d: Diagnosis): Fact[] {
  const facts: Fact[] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value) facts.push({ title: w.plain(`facts.${key}`), value: w.output === 'markdown' ? w.t('value', { value }) : value });
  };
  const first = d.recipients[0];
  add('recipient', first?.address);
  add('status', [first?.replyCode, first?.status].filter(Boolean).join(' ') || undefined);
  add('sender', d.bounce.sender);
  add('senderDomain', d.senderDomain);
  add('sendingIp', d.sendingIp);
  add('remoteServer', d.bounce.recipients[0]?.remoteMta);
  add('reportedBy', d.bounce.reportingMta ?? d.bounce.generatingServer);
  add('time', w.dateTime(d.bounce.arrivalDate));
  return facts;
}
