/**
 * .eml (and raw message source pasted as text) through postal-mime. postal-mime keeps a report's
 * `message/delivery-status` and `message/rfc822` / `text/rfc822-headers` parts out of the body text,
 * so each can be read for what it is.
 */
import PostalMime from 'postal-mime';
import { decodeBytes, decodeMimeWords } from './charset';
import { HeaderList, parseHeaderBlock, type HeaderField } from './headers';
import { htmlToText } from './html';
import { looksLikeHtml } from './sniff';
import { clip, MAX_TEXT_CHARS, normaliseText, restoreLineBreaks } from './text';

export interface MimeParts {
  headers: HeaderList;
  /** Human-readable text (text/plain, else the HTML converted). */
  text: string;
  deliveryStatus: string[];
  feedbackReport: boolean;
  /** Headers of the original message, from a message/rfc822 or text/rfc822-headers part. */
  originalHeaders?: HeaderList;
  /** Attached messages (message/rfc822, .eml files): a forwarded NDR may be one of them. */
  attachedMessages: Uint8Array[];
  /** Attached Outlook items (.msg files). */
  attachedMsg: Uint8Array[];
  contentType: string;
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** Header block at the start of a message part (everything before the first blank line). */
function headerBlockOf(bytes: Uint8Array): HeaderList {
  const text = normaliseText(decodeBytes(bytes.subarray(0, 256 * 1024)));
  return parseHeaderBlock(text.replace(/^\s+/, ''));
}

const ORIGINAL_TYPES = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers', 'message/partial']);
const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/delivery-status', 'message/x-delivery-status']);

/** Bounded so that a huge or hostile message cannot make the parse slow. */
const POSTAL_OPTIONS = {
  rfc822Attachments: true,
  attachmentEncoding: 'arraybuffer' as const,
  maxNestingDepth: 50,
  maxHeadersSize: 4 * 1024 * 1024,
};

export async function readMime(input: Uint8Array | string): Promise<MimeParts> {
  const email = await PostalMime.parse(input, POSTAL_OPTIONS);
  const fields: HeaderField[] = email.headers.map((h) => ({ name: h.key, value: decodeMimeWords(h.value.replace(/\s+/g, ' ').trim()) }));
  const headers = new HeaderList(fields);
  const contentType = (headers.get('content-type') ?? 'text/plain').toLowerCase();

  let text = email.text ?? '';
  // postal-mime fills `text` from the HTML when there is no text/plain part, naively (style sheets
  // included); convert the HTML properly instead.
  if (email.html && (!text.trim() || !hasPlainPart(input, contentType))) text = htmlToText(email.html);
  else if (email.html && !/\b[245]\.\d{1,3}\.\d{1,3}\b|\b[245]\d\d\b/.test(text) && /\b[245]\.\d{1,3}\.\d{1,3}\b/.test(email.html)) {
    // Some MTAs put the words only in the HTML alternative.
    text = `${text}\n${htmlToText(email.html)}`;
  }

  const parts: MimeParts = {
    headers,
    text: '',
    deliveryStatus: [],
    feedbackReport: /report-type\s*=\s*"?feedback-report/i.test(contentType),
    attachedMessages: [],
    attachedMsg: [],
    contentType,
  };
  const extraText: string[] = [];
  for (const a of email.attachments) {
    // The media type is the first token: some MTAs fold parameters on without a `;`
    // (`text/plain⏎   charset="…"`), which postal-mime keeps as part of the type.
    const type = a.mimeType.toLowerCase().split(/[\s;]/, 1)[0] ?? '';
    const bytes = toBytes(a.content);
    const name = a.filename?.toLowerCase() ?? '';
    if (DSN_TYPES.has(type)) {
      parts.deliveryStatus.push(normaliseText(decodeBytes(bytes.subarray(0, 4 * 1024 * 1024))));
    } else if (type === 'message/feedback-report') {
      parts.feedbackReport = true;
    } else if (ORIGINAL_TYPES.has(type) || name.endsWith('.eml')) {
      if (!parts.originalHeaders) {
        const h = headerBlockOf(bytes);
        if (h.size) parts.originalHeaders = h;
      }
      parts.attachedMessages.push(bytes);
    } else if (name.endsWith('.msg') || type === 'application/vnd.ms-outlook') {
      parts.attachedMsg.push(bytes);
    } else if (type === 'text/plain' && bytes.length < 512 * 1024) {
      // Text attachments (details.txt and the like) sometimes hold the only diagnostic.
      extraText.push(decodeBytes(bytes));
    } else if (type === 'text/html' && bytes.length < 1024 * 1024 && !email.text && !email.html) {
      extraText.push(htmlToText(decodeBytes(bytes)));
    }
  }
  const replacement = (text.match(/\ufffd/g) ?? []).length;
  if (replacement > 3 && typeof input !== 'string' && !contentType.startsWith('multipart/')) {
    // A wrong charset label (8-bit EUC-JP declared as ISO-2022-JP is common in Japanese carriers'
    // bounces) leaves replacement characters; the raw body decoded by guessing reads better. Not a
    // multipart's: its raw body holds every part, the returned message too, which is not the report.
    const raw = rawBody(input);
    // An undeclared HTML body (a Chinese NDR sent as bare 8-bit HTML) is converted like any HTML part.
    const guessed = looksLikeHtml(raw) ? htmlToText(raw) : raw;
    if ((guessed.match(/\ufffd/g) ?? []).length < replacement / 2) text = guessed;
  }
  if (!text.trim() && !extraText.length && !parts.deliveryStatus.length && !parts.originalHeaders) {
    // A broken structure (a boundary that never occurs, a multipart without one): postal-mime finds
    // no parts, but the raw body still holds the report. Read it as text.
    extraText.push(rawBody(input));
  }
  parts.text = restoreLineBreaks(normaliseText(clip([text, ...extraText].join('\n'), MAX_TEXT_CHARS)));
  return parts;
}

/** The body of a raw message (after the first blank line), decoded as text. */
function rawBody(input: Uint8Array | string): string {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const bytes = input.subarray(0, 4 * 1024 * 1024);
    const split = bodyStart(bytes);
    text = `\n\n${decodeBytes(bytes.subarray(split))}`;
  }
  const m = /\r?\n\r?\n/.exec(text);
  const body = m ? text.slice(m.index + m[0].length) : '';
  // Drop boundary lines and the Content-* headers right after them: they are structure, not report.
  return body.replace(/^--\S+\r?\n(?:Content-[\w-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n|\w+=[^\n]*\r?\n)*)*/gm, '').replace(/^--\S+--?\s*$/gm, '');
}

/** Offset of the first byte after the header block's blank line. */
function bodyStart(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x0a && (bytes[i + 1] === 0x0a || (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a))) return i + (bytes[i + 1] === 0x0a ? 2 : 3);
  }
  return bytes.length;
}

/** Whether the message has a text/plain part (explicit, or a top level without a Content-Type). */
function hasPlainPart(input: Uint8Array | string, topType: string): boolean {
  if (topType.startsWith('text/plain')) return true;
  const head = typeof input === 'string' ? input.slice(0, 8 * 1024 * 1024) : new TextDecoder('latin1').decode(input.subarray(0, 8 * 1024 * 1024));
  return /^content-type:\s*text\/plain/im.test(head);
}
