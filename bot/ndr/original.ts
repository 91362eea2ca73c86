/** The original (bounced) message: who sent it, its id and subject, from its copied headers. */
import { cleanAddress, isDaemonAddress } from './address';
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

/** First address in an address header (`"Name" <a@b>`, `a@b (Name)`). */
export function firstAddressIn(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  return cleanAddress(angle?.[1] ?? value.split(/[\s,]+/).find((t) => t.includes('@')));
}

export function messageIdIn(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /<([^<>\s]{1,250})>/.exec(value) ?? /^\s*([^\s<>]{3,250}@[^\s<>]{1,250})\s*$/.exec(value);
  return m?.[1];
}

/**
 * Reads sender, Message-ID, Subject and Date. The envelope sender (Return-Path) is what SPF checks, so
 * it wins over From; an empty or daemon Return-Path (`<>`) does not count.
 */
export function readOriginal(headers: HeaderList): OriginalMessage {
  const out: OriginalMessage = {};
  const rp = firstAddressIn(headers.get('return-path'));
  const from = firstAddressIn(headers.get('from')) ?? firstAddressIn(headers.get('sender'));
  if (rp && !isDaemonAddress(rp)) {
    out.sender = rp;
    out.senderSource = 'return-path';
  } else if (from) {
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
