/** Each failed recipient with the playbook that takes it, most actionable first. */
import type { Bounce, BounceRecipient } from '../ndr/types';
import { lookupCode, type CodeInfo } from './code-table';
import { recipientFacts } from './playbook';
import { playbookFor, playbooks } from './registry';
import type { RecipientDiagnosis } from './types';

/** The code table's entry for this recipient: the inner (remote) code when Exchange wrapped one it knows better. */
export function codeInfoFor(r: BounceRecipient): CodeInfo | undefined {
  // The address counts as context: a 5.5.0 for someone@hotmail.com is Outlook.com's.
  const text = `${recipientFacts(r).text}\n${r.address ?? ''}`;
  const outer = lookupCode(r.status, text);
  if (outer && !outer.key.startsWith('generic.')) return outer;
  return lookupCode(r.wrapped?.status, text) ?? outer;
}

export function toRecipient(r: BounceRecipient, senderDomain?: string): RecipientDiagnosis {
  const { playbook, take } = playbookFor(r, senderDomain);
  const info = codeInfoFor(r);
  const out: RecipientDiagnosis = {
    address: r.address,
    status: r.status,
    replyCode: r.replyCode,
    playbook: playbook.id,
    codeKey: info?.key,
    owner: take.owner ?? info?.owner ?? 'varies',
    // A 4.x.x is still being retried whatever the entry (5.2.2's covers 4.2.2), except a queue that expired
    // (4.4.7, unless a delay notice gives it) and one the sending server says it stopped retrying.
    transient: r.stillRetrying || (!r.stoppedRetrying && (info?.transient || (/^4\./.test(r.status ?? '') && r.status !== '4.4.7'))) || undefined,
    remoteText: r.wrapped?.text ?? r.diagnostic,
  };
  if (r.wrapped?.status) out.innerStatus = r.wrapped.status;
  if (r.name) out.name = r.name;
  if (r.domain && !r.address) out.domain = r.domain;
  if (r.originalAddress) out.originalAddress = r.originalAddress;
  if (r.statusInferred) out.statusInferred = true;
  if (take.subCause) out.subCause = take.subCause;
  const step = (out.transient && take.retryingStep) || take.step;
  if (step) out.step = step;
  if (take.unreached) out.sendingServerWords = true;
  return out;
}

/** Playbooks in rank order, then permanent failures before temporary ones, then those with a code. */
function rank(r: RecipientDiagnosis, order: Map<string, number>): number {
  const base = (order.get(r.playbook) ?? 99) * 10;
  if (r.status?.startsWith('5.')) return base;
  if (r.status) return base + 1;
  return base + 2;
}

export function rankedRecipients(bounce: Bounce): RecipientDiagnosis[] {
  const order = new Map(playbooks().map((p, i) => [p.id as string, i]));
  return bounce.recipients
    .map((r) => toRecipient(r, bounce.senderDomain))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r, order) - rank(b.r, order) || a.i - b.i)
    .map((x) => x.r);
}
