/**
 * From the decoded pieces of a bounce (its own headers, the human-readable text, the delivery-status
 * part, the original message's headers) to a `Bounce`. Every input form ends up here.
 */
import { domainOf, findAddresses, isDaemonAddress, sameAddress } from './address';
import { readExchangeText, isMicrosoftHost } from './exchange';
import { findEmbeddedHeaders, HeaderList, parseHeaderBlock } from './headers';
import { ipFromHeaders, ipFromReplyText } from './ip';
import type { BounceFacts, RecipientFinding } from './model';
import { mergeFindings } from './merge';
import { readOriginal } from './original';
import type { Bounce, BounceKind, InputFormat, SenderSource } from './types';

export interface BounceSources {
  format: InputFormat;
  inputBytes: number;
  /** The bounce message's own headers (for .eml/.msg, or a pasted raw message). */
  headers?: HeaderList;
  /** Human-readable text: text/plain, or text/html converted to text. */
  text: string;
  /** Raw `message/delivery-status` parts. */
  deliveryStatus: string[];
  /** Headers of the original message (`message/rfc822` or `text/rfc822-headers`), when a part held them. */
  originalHeaders?: HeaderList;
  /** The original message's body text, when included (used by some MTAs to quote the reply). */
  contentType?: string;
  /** Set by the caller when the input is known not to be a bounce. */
  kindHint?: BounceKind;
}

/** Extra readers plugged in by later stages (DSN, MTA text patterns, language); keeps this file small. */
export interface Reader {
  (sources: BounceSources): BounceFacts;
}

const readers: Reader[] = [];

export function registerReader(reader: Reader): void {
  readers.push(reader);
}

function dateToIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const cleaned = value
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Exchange's "Created Date" carries no zone and is UTC; so is any other zone-less date here.
  const hasZone = /(?:[+-]\d{2}:?\d{2}|\b(?:UTC|GMT|Z|[ECMP][SD]T|JST|KST|CET|CEST)\b)\s*$/i.test(cleaned) || /T\d\d:\d\d.*Z$/.test(cleaned);
  const t = Date.parse(hasZone ? cleaned : `${cleaned} UTC`) || Date.parse(cleaned);
  if (!Number.isNaN(t)) return new Date(t).toISOString();
  return undefined;
}

export function analyse(src: BounceSources): Bounce {
  const facts: BounceFacts[] = [readExchangeText(src.text), ...readers.map((r) => r(src))];
  const findings: RecipientFinding[] = facts.flatMap((f) => f.recipients);

  // The original message's headers: from a MIME part, else embedded in the text.
  let original = src.originalHeaders;
  if (!original || original.size === 0) {
    const embedded = findEmbeddedHeaders(src.text, firstDiagnosticIndex(src.text));
    if (embedded) original = parseHeaderBlock(embedded.block);
  }
  const orig = original ? readOriginal(original) : {};

  const bounce: Bounce = {
    isBounce: false,
    kind: 'ordinary-message',
    recipients: [],
    microsoft365: false,
    inputBytes: src.inputBytes,
    inputFormat: src.format,
  };

  const merged = mergeFindings(findings.filter((f) => !isDaemonAddress(f.address) || f.status));
  bounce.recipients = merged.recipients;
  if (merged.truncated) bounce.recipientsTruncated = true;
  if (merged.total) bounce.recipientCount = merged.total;

  // Sender: the original message's envelope / From beats what the NDR text says, except that a
  // DSN's X-Postfix-Sender or Original-Envelope sender (read by the DSN reader) is the envelope itself.
  const factSender = facts.find((f) => f.sender && f.senderSource === 'envelope') ?? facts.find((f) => f.sender);
  let sender: string | undefined;
  let senderSource: SenderSource | undefined;
  if (orig.sender && orig.senderSource === 'return-path') {
    sender = orig.sender;
    senderSource = orig.senderSource;
  } else if (factSender?.sender && factSender.senderSource === 'envelope') {
    sender = factSender.sender;
    senderSource = 'envelope';
  } else if (orig.sender) {
    sender = orig.sender;
    senderSource = orig.senderSource;
  } else if (factSender?.sender) {
    sender = factSender.sender;
    senderSource = factSender.senderSource;
  }
  if (sender && bounce.recipients.some((r) => sameAddress(r.address, sender))) {
    // A sender equal to a failed recipient is a misread; drop it rather than mislead.
    sender = undefined;
    senderSource = undefined;
  }
  if (sender) {
    bounce.sender = sender;
    const d = domainOf(sender);
    if (d) bounce.senderDomain = d;
    if (senderSource) bounce.senderSource = senderSource;
  }

  // Sending IP: what the remote server said it saw, else the original headers.
  for (const r of bounce.recipients) {
    const ip = ipFromReplyText(r.wrapped?.text ?? '') ?? ipFromReplyText(r.diagnostic ?? '');
    if (ip) {
      bounce.sendingIp = ip;
      bounce.sendingIpSource = 'remote-reply';
      break;
    }
  }
  if (!bounce.sendingIp && original) {
    const fromHeaders = ipFromHeaders(original);
    if (fromHeaders) {
      bounce.sendingIp = fromHeaders.ip;
      bounce.sendingIpSource = fromHeaders.source;
    }
  }

  const pick = <K extends keyof BounceFacts>(k: K): BounceFacts[K] | undefined => facts.find((f) => f[k] !== undefined)?.[k];
  const reportingMta = pick('reportingMta');
  if (reportingMta) bounce.reportingMta = reportingMta;
  const generatingServer = pick('generatingServer') ?? reportingMta;
  if (generatingServer) bounce.generatingServer = generatingServer;
  const messageId = orig.messageId ?? pick('originalMessageId');
  if (messageId) bounce.originalMessageId = messageId;
  const subject = orig.subject ?? pick('originalSubject');
  if (subject) bounce.originalSubject = subject;
  const arrival = dateToIso(pick('arrivalDate')) ?? dateToIso(orig.date);
  if (arrival) bounce.arrivalDate = arrival;

  bounce.microsoft365 = isMicrosoft365(src, bounce);

  const hasCodes = bounce.recipients.some((r) => r.status || r.replyCode);
  if (src.kindHint && src.kindHint !== 'bounce' && !hasCodes) {
    bounce.kind = src.kindHint;
  } else if (bounce.recipients.length && (hasCodes || bounce.recipients.some((r) => r.diagnostic))) {
    bounce.isBounce = true;
    bounce.kind = 'bounce';
  } else {
    bounce.kind = src.kindHint ?? (src.text.trim() ? 'ordinary-message' : 'empty');
    bounce.recipients = [];
    delete bounce.recipientCount;
    delete bounce.recipientsTruncated;
  }
  return bounce;
}

/** Where the administrators' part starts, so the embedded-header search skips the user-facing prose. */
function firstDiagnosticIndex(text: string): number {
  const m = /Remote Server returned|Diagnostic information for administrators|Original message headers|Original Message Headers|Message Hops/i.exec(text);
  return m?.index ?? 0;
}

function isMicrosoft365(src: BounceSources, bounce: Bounce): boolean {
  const h = src.headers;
  if (h) {
    if (h.hasPrefix('x-ms-exchange-') && /outlook\.com|exchangelabs\.com/i.test([...h.all('received'), h.get('message-id') ?? ''].join(' ')))
      return true;
    if (h.has('x-ms-exchange-message-is-ndr') && h.hasPrefix('x-ms-exchange-crosstenant-')) return true;
  }
  if (/\.prod\.outlook\.com|\.prod\.exchangelabs\.com|\.protection\.outlook\.com/i.test(bounce.generatingServer ?? '')) return true;
  if (/\.prod\.outlook\.com|\.prod\.exchangelabs\.com/i.test(bounce.reportingMta ?? '')) return true;
  if (isMicrosoftHost(bounce.generatingServer) && /outlook\.com/i.test(bounce.generatingServer ?? '')) return true;
  return false;
}

/** Exposed for the text readers: every address in a text, minus daemons. */
export function ordinaryAddresses(text: string): string[] {
  return findAddresses(text).filter((a) => !isDaemonAddress(a));
}
