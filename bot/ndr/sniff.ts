/**
 * What a file or a pasted string is, judged from its content (the name and content type are only
 * tie-breakers: people rename files, and Teams labels everything application/octet-stream).
 */
import { matchesOf } from './matches';
import type { ParseHint } from './types';

export type Sniffed = 'msg' | 'eml' | 'html' | 'text' | 'zip' | 'binary' | 'empty';

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// A message starts with header fields; these are the ones seen first in saved or forwarded mail.
const FIRST_FIELDS =
  /^(?:From [^\n]*\n)?(?:Received|Return-Path|Delivered-To|X-[\w-]+|From|To|Subject|Date|Message-ID|MIME-Version|Content-Type|DKIM-Signature|ARC-[\w-]+|Authentication-Results|Reply-To|Sender|Envelope-To|Original-Recipient|Precedence|Auto-Submitted|Thread-Topic|Thread-Index|Importance|Content-Transfer-Encoding|Feedback-Type|User-Agent|Errors-To|Return-Receipt-To|Status|Content-Class|Content-Language|Accept-Language|Received-SPF|List-[\w-]+|In-Reply-To|References|Comments|Disposition-Notification-To|Organization|Resent-[\w-]+|Mailing-List|Cc|Bcc|Priority)\s*:/i;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const KNOWN_FIELD = /^(?:From|To|Subject|Date|Received|Message-ID|MIME-Version|Content-Type|Return-Path)\s*:/i;

/**
 * True when the text opens with an RFC 5322 header block: two fields when the first is a typical
 * opening field, otherwise three or more fields of which one is a field every message has (a saved
 * file may have lost its first characters, `eturn-path: <>`).
 */
export function looksLikeMessage(text: string): boolean {
  const head = text.slice(0, 16384).replace(/^\s+/, '');
  // Exchange's message trace, pasted ("Date:", "Event:", "Detail: Reason: [{LED=…}]"): labelled lines, no message.
  if (head.includes('[{LED=')) {
    const blank = head.search(/\n[ \t]*\r?\n/);
    if (/\bReason:[ \t]*\[\{LED=/.test(blank < 0 ? head : head.slice(0, blank))) return false;
  }
  let fields = 0;
  let known = false;
  // The lines of `head.split(/\r?\n/)`, read one at a time: most texts settle it on their first lines.
  for (let start = 0; start <= head.length; ) {
    const nl = head.indexOf('\n', start);
    const end = nl < 0 ? head.length : nl;
    const line = head.slice(start, end > start && head.charCodeAt(end - 1) === 13 && nl >= 0 ? end - 1 : end);
    start = nl < 0 ? head.length + 1 : nl + 1;
    if (line === '') break;
    if (/^[!-9;-~]{1,76}:/.test(line)) {
      fields++;
      if (KNOWN_FIELD.test(line)) known = true;
    } else if (!/^[ \t]/.test(line) && !(fields === 0 && /^From /.test(line))) break;
    if (fields >= 2 && FIRST_FIELDS.test(head)) return true;
    if (fields >= 3 && known) return true;
  }
  return false;
}

const HTML_TAG = /<\/?(?:p|div|br|span|at|table|tr|td|b|i|strong|em|font|a|ul|ol|li|pre|blockquote|h[1-6])(?=[\s/>])[^<>]{0,500}>/gi;

export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart();
  if (/^<!doctype html|^<html[\s>]/i.test(head)) return true;
  // Teams sends message text as HTML fragments: <p>, <div>, <br>, <at>, <span>. The tag name ends at white
  // space, `/` or `>`: `<li@fabrikam.example>` and `<b.berg@x>` are bracketed addresses, not tags.
  // Two tags settle it: the search stops at the second. Markup that starts only after several plain lines is
  // quoted in the text (the HTML part of a copied original message under a pasted bounce), not the text's form:
  // read as HTML, the report's line breaks above it would be lost.
  const t = text.slice(0, 65536);
  let tags = 0;
  for (const m of matchesOf(t, HTML_TAG)) {
    if (tags === 0 && linesBefore(t, m.index) >= PLAIN_LINES_BEFORE_MARKUP) return false;
    if (++tags >= 2) return true;
  }
  return false;
}

/** Teams' HTML starts with its markup, or has a line or two before it ("Hi,\n<p>…"), never a report's worth of lines. */
const PLAIN_LINES_BEFORE_MARKUP = 4;

function linesBefore(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end && lines < PLAIN_LINES_BEFORE_MARKUP; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Share of bytes that no text encoding would produce (NUL and most C0 controls). */
function binaryShare(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, 8192);
  if (!n) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b)) bad++;
  }
  return bad / n;
}

export function sniffBytes(bytes: Uint8Array, hint?: ParseHint): Sniffed {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, CFB_MAGIC)) return 'msg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  // UTF-16 text files (a BOM, or every other byte NUL) are text, not binary.
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && binaryShare(bytes) > 0.02) return 'binary';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8192));
  if (looksLikeMessage(head)) return 'eml';
  if (looksLikeHtml(head)) return 'html';
  if (!head.trim() && bytes.length <= 8192) return 'empty';
  const name = hint?.filename?.toLowerCase() ?? '';
  const type = hint?.contentType?.toLowerCase() ?? '';
  if (/\.html?$/.test(name) || type.includes('html')) return 'html';
  return 'text';
}
