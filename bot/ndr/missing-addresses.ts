/**
 * Addresses for failed recipients the bounce named without one, for a bounce the parser has already
 * recognised: from the bounce's own subject ("Undeliverable mail: user@x") or the original message's
 * headers. Used only when no recipient has an address.
 */
import { findAddresses } from './address';
import type { HeaderList } from './headers';
import { originalRecipients, originalSenders } from './original';
import type { Bounce } from './types';

export function fillMissingAddresses(bounce: Bounce, original: HeaderList | undefined, subject: string | undefined, senders: string[]): void {
  const missing = (): boolean => !bounce.recipients.some((r) => r.address);
  if (!missing()) return;
  if (original) namesFromOriginal(bounce, original);
  if (missing() && subject) fromSubject(bounce, subject, senders);
  // Postfix's "Delivery report unavailable" names nobody; the original was addressed to one person.
  if (missing() && original) onlyOriginalRecipient(bounce, original);
}

/** The one address a failure subject names (`Delivery failure: user@x`), unless it is a sender's. */
function fromSubject(bounce: Bounce, subject: string, senders: string[]): void {
  const own = new Set(senders.map((a) => a.toLowerCase()));
  const found = findAddresses(subject.slice(0, 1000), 5).filter((a) => !own.has(a.toLowerCase()) && !/^(?:mailer-daemon|postmaster)@/i.test(a));
  if (found.length === 1 && found[0]) setOnly(bounce, found[0]);
}

/** Gives `address` to the bounce's only recipient when it has neither address nor name, or makes it the recipient. */
function setOnly(bounce: Bounce, address: string): void {
  if (!bounce.recipients.length) {
    bounce.recipients = [{ address }];
    bounce.recipientCount = 1;
  } else if (bounce.recipients.length === 1 && bounce.recipients[0] && !bounce.recipients[0].address && !bounce.recipients[0].name) {
    bounce.recipients[0].address = address;
  }
}

/**
 * Names the bounce gave instead of addresses, when the original message's headers show them as a
 * display name (or a local part) of exactly one of its recipients.
 */
function namesFromOriginal(bounce: Bounce, original: HeaderList): void {
  const senders = originalSenders(original);
  const candidates = originalRecipients(original).filter((r) => !senders.has(r.address.toLowerCase()));
  for (const r of bounce.recipients) {
    const name = r.name?.toLowerCase();
    const match = name ? candidates.filter((c) => c.name?.toLowerCase() === name || c.address.toLowerCase().startsWith(`${name}@`)) : [];
    if (match.length === 1 && match[0]) {
      r.address = match[0].address;
      delete r.name;
    }
  }
}

/** The original's only recipient, for a bounce that names none. */
function onlyOriginalRecipient(bounce: Bounce, original: HeaderList): void {
  const senders = originalSenders(original);
  const candidates = originalRecipients(original).filter((r) => !senders.has(r.address.toLowerCase()));
  if (candidates.length === 1 && candidates[0]) setOnly(bounce, candidates[0].address);
}
