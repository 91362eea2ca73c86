/** The original (bounced) message: who sent it, its id and subject, from its copied headers. */
import { cleanAddress, findAddresses, isDaemonAddress, isMailerDaemon } from './address';
import type { HeaderList } from './headers';
import type { SenderSource } from './types';
import { clip } from './text';

export interface OriginalMessage {
  sender?: string;
  senderSource?: SenderSource;
  messageId?: string;
  subject?: string;
  date?: string;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const ANGLE_ADDRESS = /<([^<>\s]+@[^<>\s]+)>/;
const COMMA_OR_SPACE = /[\s,]+/;

/** First address in an address header (`"Name" <a@b>`, `a@b (Name)`). */
export function firstAddressIn(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const angle = ANGLE_ADDRESS.exec(value);
  return cleanAddress(angle?.[1] ?? value.split(COMMA_OR_SPACE).find((t) => t.includes('@')));
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const ANGLE_MESSAGE_ID = /<([^<>\s]{1,250})>/;
const BARE_MESSAGE_ID = /^\s*([^\s<>]{3,250}@[^\s<>]{1,250})\s*$/;

export function messageIdIn(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = ANGLE_MESSAGE_ID.exec(value) ?? BARE_MESSAGE_ID.exec(value);
  return m?.[1];
}

/** The first address of each sender field. */
export interface SenderFields {
  from?: string | undefined;
  returnPath?: string | undefined;
  sender?: string | undefined;
}

/**
 * Read once per bounce: the original sender, the addresses kept out of the failed recipients and the
 * authentication facts all need them.
 */
export function senderFields(headers: HeaderList): SenderFields {
  return {
    from: firstAddressIn(headers.get('from')),
    returnPath: firstAddressIn(headers.get('return-path')),
    sender: firstAddressIn(headers.get('sender')),
  };
}

/**
 * Reads sender, Message-ID, Subject and Date. The envelope sender (Return-Path) is what SPF checks, so
 * it wins over From; an empty or daemon Return-Path (`<>`) does not count, nor a mailer daemon's From.
 */
export function readOriginal(headers: HeaderList, fields: SenderFields = senderFields(headers)): OriginalMessage {
  const out: OriginalMessage = {};
  const rp = fields.returnPath;
  const from = fields.from ?? fields.sender;
  if (rp && !isDaemonAddress(rp)) {
    out.sender = rp;
    out.senderSource = 'return-path';
  } else if (from && !isMailerDaemon(from)) {
    // A mailer daemon's From is a report's own header (a forwarded bounce's), never the sender of the message it reports on.
    out.sender = from;
    out.senderSource = 'from';
  }
  const id = messageIdIn(headers.get('message-id'));
  if (id) out.messageId = id;
  const subject = headers.get('subject');
  if (subject !== undefined && subject.trim()) out.subject = clip(subject.trim(), 500);
  const date = headers.get('date');
  if (date) out.date = date;
  return out;
}

export interface NamedAddress {
  name?: string;
  address: string;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const ADDRESS_LIST_ENTRY = /(?:"[^"]*"|<[^>]*>|\([^)]*\)|[^,"<(])+/g;
const ANGLE_BRACKETED = /<([^<>]*)>/;
const PAREN_COMMENTS = /\([^)]*\)/g;
const PAREN_COMMENT = /\(([^)]*)\)/;
const OUTER_QUOTES_AND_SPACE = /^[\s"']+|[\s"']+$/g;

/** `"Berg, Dana" <dana@x>, per@y (Per Olsen)` to its entries; commas inside quotes or brackets do not split. */
export function addressList(value: string | undefined, max = 200): NamedAddress[] {
  const out: NamedAddress[] = [];
  if (!value) return out;
  for (const part of value.slice(0, 20_000).match(ADDRESS_LIST_ENTRY) ?? []) {
    if (out.length >= max) break;
    const angle = ANGLE_BRACKETED.exec(part);
    const address = cleanAddress(angle?.[1] ?? part.replace(PAREN_COMMENTS, ''));
    if (!address) continue;
    const rawName = angle ? part.slice(0, angle.index) : PAREN_COMMENT.exec(part)?.[1];
    const name = rawName?.replace(OUTER_QUOTES_AND_SPACE, '').trim();
    out.push(name ? { name, address } : { address });
  }
  return out;
}

const SENDER_FIELDS = ['from', 'return-path', 'sender'];
const RECIPIENT_FIELDS = ['to', 'cc', 'bcc', 'delivered-to', 'x-original-to', 'envelope-to', 'resent-to'];

/** Who the original message was addressed to (To, Cc, Bcc and the delivery headers), without repeats. */
export function originalRecipients(headers: HeaderList): NamedAddress[] {
  const seen = new Set<string>();
  const out: NamedAddress[] = [];
  for (const field of RECIPIENT_FIELDS) {
    for (const entry of addressList(headers.all(field).join(','))) {
      const key = entry.address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entry);
    }
  }
  return out;
}

/** Addresses the original message was both from and to: a test sent to yourself. */
export function selfAddressedIn(headers: HeaderList): Set<string> {
  const senders = SENDER_FIELDS.flatMap((k) => findAddresses(headers.all(k).join(','))).map((a) => a.toLowerCase());
  const recipients = new Set(originalRecipients(headers).map((r) => r.address.toLowerCase()));
  return new Set(senders.filter((a) => recipients.has(a)));
}

/** The original message's senders (From, Return-Path, Sender), lower-case. */
export function originalSenders(headers: HeaderList): Set<string> {
  return new Set(SENDER_FIELDS.flatMap((k) => findAddresses(headers.all(k).join(','))).map((a) => a.toLowerCase()));
}
