/**
 * A bounce pasted in two messages: Teams caps a message's length, so a long NDR (the report, then the
 * original message's headers) often comes in parts, and the first part may already be answered when the
 * rest arrives. `continuesReport` says whether the first part's text with the later message appended is
 * the same report told more, so the two can be read as one.
 */
import { findAddresses, sameAddress } from './address';
import type { Bounce, BounceRecipient, ReportedAuthentication } from './types';

function same(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

/** The facts a reader of the report takes from it beyond its recipients, by name: each one a part can add. */
function factsOf(b: Bounce): Record<string, string | undefined> {
  const a = b.authentication;
  return {
    sender: b.sender,
    senderDomain: b.senderDomain,
    sendingIp: b.sendingIp,
    originalMessageId: b.originalMessageId,
    originalSubject: b.originalSubject,
    from: a?.from,
    fromDomain: a?.fromDomain,
    mailFrom: a?.mailFrom,
    mailFromDomain: a?.mailFromDomain,
    signatures: a?.signatures.length ? a.signatures.map((s) => `${s.domain}/${s.selector}`).join(' ') : undefined,
    ...prefixed('reported', a?.reported),
    ...prefixed('quoted', a?.quoted),
  };
}

function prefixed(prefix: string, results: ReportedAuthentication | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(results ?? {}).map(([k, v]) => [`${prefix}.${k}`, v]));
}

function recipientKey(r: BounceRecipient): string {
  return `${(r.address ?? r.name ?? r.domain ?? '').toLowerCase()} ${r.status ?? ''} ${r.replyCode ?? ''}`;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const MESSAGE_ID_FIELD = /^message-id:[ \t]*<?([^>\s]+)>?/im;
const FROM_FIELD = /^from:[ \t]*(.*)$/im;
const ANGLE_BRACKETS = /^<|>$/g;

/**
 * Header lines of another message in the later part: a Message-ID or a From of its own, not the first part's.
 * Read line by line, not as a header block: the rest of a cut block may be one or two fields.
 */
function namesAnotherMessage(first: Bounce, later: string): boolean {
  const id = MESSAGE_ID_FIELD.exec(later)?.[1];
  if (id && first.originalMessageId && !same(id, first.originalMessageId.replace(ANGLE_BRACKETS, ''))) return true;
  const fromLine = FROM_FIELD.exec(later)?.[1];
  const from = fromLine ? findAddresses(fromLine, 1)[0] : undefined;
  const known = first.authentication?.from ?? first.sender;
  return Boolean(from && known && !sameAddress(from, known));
}

const FIELD_LINE = /^[!-9;-~]{1,76}[ \t]*:/;
const HEADING_LINE = /^.{1,80}[:：]$/;

/**
 * The later part starts where a report is cut: in the original message's headers (a field line), or at the
 * heading above them ("Original message headers:", in any language) with a field right under it. A sentence
 * ("thanks", "what does this mean?") is no continuation, whatever the two read as together.
 */
export function startsInHeaders(later: string): boolean {
  const [first = '', second = ''] = later.split('\n').map((l) => l.trim()).filter(Boolean);
  return FIELD_LINE.test(first) || (HEADING_LINE.test(first) && FIELD_LINE.test(second));
}

/**
 * Whether `both` (the first part's text with `later` appended, read as one) is the same report as `first`,
 * told more: the later part starts in the original headers, every recipient and code of the first part is
 * still there with the same code, no fact the first part gave reads differently, the later part names no
 * other message, and it adds something the first part lacked (the sending IP, the sender, authentication
 * results, more recipients). A later message that adds nothing ("thanks", a question) is no continuation.
 */
export function continuesReport(first: Bounce, both: Bounce, later: string): boolean {
  if (!first.isBounce || !both.isBounce || !startsInHeaders(later) || namesAnotherMessage(first, later)) return false;
  const keys = new Set(both.recipients.map(recipientKey));
  if (!first.recipients.every((r) => keys.has(recipientKey(r)))) return false;
  const before = factsOf(first);
  const after = factsOf(both);
  let added = both.recipients.length > first.recipients.length;
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[name] !== undefined && !same(before[name], after[name])) return false;
    if (before[name] === undefined && after[name] !== undefined) added = true;
  }
  return added;
}
