/** Turns each input form into `BounceSources`: pasted text, Teams HTML, .eml bytes, .msg bytes. */
import type { BounceSources } from './analyse';
import { decodeBytes } from './charset';
import { classifyHeaders, classifyText, isDmarcReportName, isDmarcReportXml } from './classify';
import { teamsText } from './html';
import { readMime } from './mime';
import { readMsg } from './msg';
import { outlookCopyHeader } from './outlook-header';
import { looksLikeHtml, looksLikeMessage, sniffBytes } from './sniff';
import { clip, MAX_TEXT_CHARS, normaliseText, restoreLineBreaks } from './text';
import type { ParseHint } from './types';
import type { InputView } from './input-view';

export type { InputView } from './input-view';

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const QUOTE_MARK = /^>[ \t]?/;

/**
 * A bounce pasted from a reply or an inline forward that marks each line with "> " (a mail program's quoting):
 * its lines without the marks, when at least half of the text's lines carry one, as many levels deep as all
 * its quoted lines are. A report's own lines starting with ">" (Sendmail's ">>> RCPT TO") are a few of many.
 */
function withoutQuoteMarks(text: string): string {
  // Most texts have no quoted line at all: no need to split them.
  if (!text.startsWith('>') && !text.includes('\n>')) return text;
  let out = text;
  for (let level = 0; level < 3; level++) {
    const lines = out.split('\n');
    const filled = lines.filter((l) => l.trim() !== '');
    const quoted = filled.filter((l) => l.startsWith('>')).length;
    if (quoted < 3 || quoted * 2 < filled.length) return out;
    out = lines.map((l) => l.replace(QUOTE_MARK, '')).join('\n');
  }
  return out;
}

function plainSources(text: string, inputBytes: number, format: BounceSources['format']): BounceSources {
  const clean = withoutQuoteMarks(restoreLineBreaks(normaliseText(clip(text, MAX_TEXT_CHARS))));
  // Outlook's translated "From: / Sent: / To: / Subject:" lines above the NDR are its header, as the
  // English ones are when they read as a message: their To is the report's addressee, not a failed recipient.
  const copied = outlookCopyHeader(clean);
  const src: BounceSources = copied
    ? { format, inputBytes, text: copied.rest, deliveryStatus: [], headers: copied.headers }
    : { format, inputBytes, text: clean, deliveryStatus: [] };
  const kind = classifyText(clean);
  if (kind) src.kindHint = kind;
  return src;
}

async function mimeView(input: Uint8Array | string, inputBytes: number): Promise<InputView> {
  const parts = await readMime(input);
  const src: BounceSources = {
    format: 'eml',
    inputBytes,
    headers: parts.headers,
    text: withoutQuoteMarks(parts.text),
    deliveryStatus: parts.deliveryStatus,
    contentType: parts.contentType,
  };
  if (parts.originalHeaders) src.originalHeaders = parts.originalHeaders;
  const kind = parts.feedbackReport ? 'feedback-report' : (classifyHeaders(parts.headers, parts.contentType) ?? classifyText(parts.text));
  if (kind) src.kindHint = kind;
  return { sources: src, nested: [...parts.attachedMessages, ...parts.attachedMsg] };
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const LEADING_BOM = /^\ufeff/;
const LEADING_SPACE = /^\s+/;
const HTML_CONTENT_TYPE = /html/i;
const TAG_START = /<[a-z/!]/i;

const CR = 0x0d;
const LF = 0x0a;

/**
 * A file saved with classic Mac line ends (a CR alone, no LF anywhere) has, to every reader here, one
 * line: no header block, no MIME part. Its CRs become LFs. A text with any LF is left alone: there a lone
 * CR is a stray byte, not a line end.
 */
function withLineFeeds(text: string): string {
  return text.includes('\r') && !text.includes('\n') ? text.replaceAll('\r', '\n') : text;
}

function bytesWithLineFeeds(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(CR) || bytes.includes(LF)) return bytes;
  return bytes.map((b) => (b === CR ? LF : b));
}

export async function viewOfText(input: string, inputBytes: number, hint?: ParseHint): Promise<InputView> {
  const trimmed = withLineFeeds(input.replace(LEADING_BOM, ''));
  if (looksLikeMessage(trimmed)) {
    try {
      return await mimeView(trimmed.replace(LEADING_SPACE, ''), inputBytes);
    } catch {
      // Not parseable as MIME after all: read it as text.
    }
  }
  // A DMARC aggregate report's XML holds a `<p>` (its published policy) that would read as HTML markup.
  if (isDmarcReportXml(trimmed)) return { sources: { format: 'text', inputBytes, text: clip(trimmed, MAX_TEXT_CHARS), deliveryStatus: [], kindHint: 'dmarc-report' }, nested: [] };
  // Teams says when a message is HTML; otherwise the markup itself tells.
  const html = HTML_CONTENT_TYPE.test(hint?.contentType ?? '') ? TAG_START.test(trimmed) : looksLikeHtml(trimmed);
  // HTML markup can be many times the size of its text; allow it more before clipping.
  const text = teamsText(clip(trimmed, html ? MAX_TEXT_CHARS * 4 : MAX_TEXT_CHARS), html);
  // Teams may deliver a pasted raw message as HTML paragraphs.
  if (html && looksLikeMessage(text.trimStart())) {
    try {
      return await mimeView(text.trimStart(), inputBytes);
    } catch {
      // fall through
    }
  }
  return { sources: plainSources(text, inputBytes, html ? 'html' : 'text'), nested: [] };
}

export async function viewOfBytes(original: Uint8Array, inputBytes: number, hint?: ParseHint): Promise<InputView> {
  const kind = sniffBytes(original, hint);
  // An Outlook .msg or a zip is binary: its CR bytes are data.
  const input = kind === 'msg' || kind === 'zip' || kind === 'binary' || kind === 'empty' ? original : bytesWithLineFeeds(original);
  const kindNow = input === original ? kind : sniffBytes(input, hint);
  switch (kindNow) {
    case 'empty':
      return { sources: { format: 'binary', inputBytes, text: '', deliveryStatus: [], kindHint: 'empty' }, nested: [] };
    case 'zip':
    case 'binary':
      // A zipped or gzipped DMARC aggregate report is told by its name: it is no bounce, but not unreadable junk either.
      return { sources: { format: 'binary', inputBytes, text: '', deliveryStatus: [], kindHint: isDmarcReportName(hint?.filename) ? 'dmarc-report' : 'unreadable' }, nested: [] };
    case 'msg':
      return await readMsg(input, inputBytes);
    case 'eml':
      try {
        return await mimeView(input, inputBytes);
      } catch {
        return { sources: plainSources(decodeBytes(input), inputBytes, 'eml'), nested: [] };
      }
    case 'html': {
      const decoded = decodeBytes(input);
      // An .xml file is sniffed as markup: a DMARC report's is read as the text it is.
      if (isDmarcReportXml(decoded)) return viewOfText(decoded, inputBytes, hint);
      return { sources: plainSources(teamsText(decoded, true), inputBytes, 'html'), nested: [] };
    }
    default:
      return viewOfText(decodeBytes(input), inputBytes, hint);
  }
}

