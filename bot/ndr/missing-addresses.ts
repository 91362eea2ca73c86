/**
 * Addresses for failed recipients the bounce named without one, for a bounce the parser has already
 * recognised: from the bounce's own subject ("Undeliverable mail: user@x"), the one address its own
 * sentences name, or the original message's headers. Used only when no recipient has an address.
 */
import { findAddresses, isDaemonAddress } from './address';
import { HEADER_LINE, saysFromAddress } from './exchange';
import type { HeaderList } from './headers';
import { originalRecipients, originalSenders } from './original';
import type { Bounce } from './types';

export function fillMissingAddresses(
  bounce: Bounce,
  original: HeaderList | undefined,
  subject: string | undefined,
  senders: string[],
  reportText = '',
): void {
  const missing = (): boolean => !bounce.recipients.some((r) => r.address);
  if (!missing()) return;
  if (original) namesFromOriginal(bounce, original);
  if (missing() && subject) fromSubject(bounce, subject, senders);
  if (missing() && reportText) fromReportSentences(bounce, reportText, senders);
  // Postfix's "Delivery report unavailable" names nobody; the original was addressed to one person.
  if (missing() && original) onlyOriginalRecipient(bounce, original);
}

/** The one address a failure subject names (`Delivery failure: user@x`), unless it is a sender's. */
function fromSubject(bounce: Bounce, subject: string, senders: string[]): void {
  const own = new Set(senders.map((a) => a.toLowerCase()));
  const found = findAddresses(subject.slice(0, 1000), 5).filter((a) => !own.has(a.toLowerCase()) && !/^(?:mailer-daemon|postmaster)@/i.test(a));
  if (found.length === 1 && found[0]) setOnly(bounce, found[0]);
}

// Where the server's reply starts (`550 5.1.1 …`, `550-5.1.1 …`, or a 4xx/5xx reply with no enhanced code):
// the report's own sentences come before it. ("551 User not local; please try <b@y>" names no failed recipient.)
const REPLY_LINE = /^[ \t]*(?:[245]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b|[45][0-5]\d[ -][A-Za-z])/m;

/**
 * The one address the report's own sentences name above the server's reply, in whatever language the
 * sentence is ("メールは user@x に配信されませんでした。", "Votre message n'a pas été distribué à user@x"):
 * Gmail and others name the failed recipient only there, in the sender's language.
 */
function fromReportSentences(bounce: Bounce, text: string, senders: string[]): void {
  const own = new Set(senders.map((a) => a.toLowerCase()));
  const head = text.slice(0, 3000);
  const reply = REPLY_LINE.exec(head);
  const found = new Map<string, string>();
  for (const line of head.slice(0, reply ? reply.index : head.length).split('\n')) {
    // A labelled line is a header or a detail; "… from a@x" (Korean a@x에서) names the sender.
    if (HEADER_LINE.test(line) || saysFromAddress(line)) continue;
    for (const a of findAddresses(line, 5)) if (!own.has(a.toLowerCase()) && !isDaemonAddress(a)) found.set(a.toLowerCase(), a);
  }
  const [only] = found.values();
  if (found.size === 1 && only) setOnly(bounce, only);
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
