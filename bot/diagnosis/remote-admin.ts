/** The message to the destination's postmaster: the exact error, and only what we checked ourselves. */
import type { Bounce } from '../ndr/types';
import type { RecipientDiagnosis, RemoteAdminMessage } from './types';

function domainOf(address: string | undefined): string | undefined {
  const at = address?.lastIndexOf('@') ?? -1;
  return at > 0 ? address!.slice(at + 1).toLowerCase() : undefined;
}

export function recipientDomain(r: RecipientDiagnosis | undefined): string | undefined {
  return domainOf(r?.address) ?? r?.domain;
}

export function remoteAdminMessage(
  bounce: Bounce,
  r: RecipientDiagnosis | undefined,
  checked: RemoteAdminMessage['checked'],
  facts: { senderDomain?: string; sendingIp?: string; checkedAt?: string },
): RemoteAdminMessage | undefined {
  if (!r) return undefined;
  const errorText = (r.remoteText ?? '').trim() || [r.replyCode, r.status].filter(Boolean).join(' ');
  const to = recipientDomain(r);
  // Nothing to quote and nobody to write to: no message (and no step that points at one).
  if (!errorText || !to) return undefined;
  const m: RemoteAdminMessage = { to: `postmaster@${to}`, errorText, checked };
  if (r.address) m.recipient = r.address;
  if (r.status) m.status = r.status;
  if (bounce.arrivalDate) m.time = bounce.arrivalDate;
  if (facts.senderDomain) m.senderDomain = facts.senderDomain;
  if (facts.sendingIp) m.sendingIp = facts.sendingIp;
  if (facts.checkedAt) m.checkedAt = facts.checkedAt;
  if (r.transient) m.deferred = true;
  return m;
}
