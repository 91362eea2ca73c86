/** One SMTP reply as it appears in a bounce: its codes, its words, and an inner reply Exchange wrapped. */
import { classesAgree, findReplyCode, firstEnhancedCode, normaliseCode, specificity } from './codes';
import { clip, squash } from './text';
import type { WrappedReply } from './types';

export interface ParsedReply {
  replyCode?: string;
  status?: string;
  /** The reply text, tidied (white space squashed, Exchange's `#…##` markers removed). */
  text: string;
  wrapped?: WrappedReply;
}

/** Longest diagnostic kept; real replies are a few hundred characters, noise can be megabytes. */
export const MAX_DIAGNOSTIC = 2000;

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const REPLY_CODE_OF_RE1 = /^(?:(?:smtp|x-postfix|x-unix|x-local)\s*;\s*)?#?([245][0-5]\d)(?:[ \-:]|$)/i;
const REPLY_CODE_OF_RE2 = /(?<![\w.-])([45][0-5]\d)[ -]#?[45]\.\d{1,3}\.\d{1,3}(?![\d.])/;
const REPLY_CODE_OF_RE3 = /(?:said|returned(?: was)?|response(?: was)?|reply|replied|error|failure|deferred|reason)\s*:\s*(?:<<<\s*)?([45][0-5]\d)(?=[ \-:]|$)/i;

/**
 * The reply code of a reply text: at its start (`550 5.7.1 …`, `550-…`, `550: …`, `smtp;550 …`), else
 * paired with an enhanced code anywhere (`… returned was: 554 5.7.1`), else right after a "said:" or
 * similar colon, else any plausible code near the start.
 */
function replyCodeOf(t: string): string | undefined {
  const lead = REPLY_CODE_OF_RE1.exec(t);
  if (lead) return lead[1];
  const paired = REPLY_CODE_OF_RE2.exec(t);
  if (paired) return paired[1];
  const marked = REPLY_CODE_OF_RE3.exec(t);
  if (marked) return marked[1];
  return findReplyCode(t.slice(0, 200));
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const CODES_OF_RE1 = /^[\s#'"<(]+/;
const CODES_OF_RE2 = /(?<![\w.-])([245]\d\d)[ -]#?([245]\.\d{1,3}\.\d{1,3})(?![\d.])/;

function codesOf(text: string): { replyCode?: string; status?: string } {
  const t = text.replace(CODES_OF_RE1, '');
  const replyCode = replyCodeOf(t);
  const status = normaliseCode(firstEnhancedCode(t));
  // Codes of different classes are kept together only when the server wrote them side by side:
  // Exchange's `550 4.4.7 QUEUE.Expired` is a final 550 for a message whose delivery attempts all
  // failed temporarily. Elsewhere they were read from different replies.
  const pair = CODES_OF_RE2.exec(t);
  const together = !!pair && pair[1] === replyCode && normaliseCode(pair[2]) === status;
  return { replyCode: classesAgree(replyCode, status) || !status || together ? replyCode : undefined, status };
}

// A reply quoted inside another one: `<421 4.4.2 Connection timed out>`, `554-'5.1.0 Sender denied'`,
// `"550 5.7.1 …"`. The quote or bracket is what tells it from a multi-line reply's continuation.
const QUOTED_INNER = /(?:[<'"([][ \t]*([245]\d\d)[ -]['"]?|(?<![\w.])([245]\d\d)[ -]['"])#?([245]\.\d{1,3}\.\d{1,3})(?![\d.])/;

const CLOSING: Record<string, string> = { '<': '>', "'": "'", '"': '"', '(': ')', '[': ']' };

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const QUOTED_INNER_RE1 = /[245]\.\d{1,3}\.\d{1,3}/;
const QUOTED_INNER_RE2 = /^[245]\d\d[ -](['"])/;
const QUOTED_INNER_RE3 = /^([245]\d\d[ -])['"]/;

/** The reply another MTA quoted inside its own, or nothing. */
function quotedInner(text: string): WrappedReply | undefined {
  // The inner reply comes after the outer codes; search past them.
  const from = Math.max(0, text.search(QUOTED_INNER_RE1)) + 1;
  const m = QUOTED_INNER.exec(text.slice(from));
  if (!m || m.index === undefined) return undefined;
  const status = normaliseCode(m[3]);
  const replyCode = m[1] ?? m[2];
  if (!status) return undefined;
  const open = m[0][0] ?? '';
  let inner = text.slice(from + m.index + (CLOSING[open] ? 1 : 0)).trim();
  const close = CLOSING[open] ? inner.lastIndexOf(CLOSING[open]) : -1;
  // The quote opened after the code (`554-'5.1.0 …'`) closes at the end too.
  const quote = QUOTED_INNER_RE2.exec(inner)?.[1];
  if (close > 0) inner = inner.slice(0, close);
  else if (quote && inner.lastIndexOf(quote) > 4) inner = inner.slice(0, inner.lastIndexOf(quote));
  inner = inner.replace(QUOTED_INNER_RE3, '$1').trim();
  const wrapped: WrappedReply = { text: clip(inner, MAX_DIAGNOSTIC), status };
  if (replyCode) wrapped.replyCode = replyCode;
  return wrapped;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const PARSE_REPLY_RE1 = /^#\s*/;
const PARSE_REPLY_RE2 = /\s*##\s*$/;
const PARSE_REPLY_RE3 = /\s->\s*(?=[245]\d\d\b|#?[245]\.\d)/;
const PARSE_REPLY_RE4 = /^\s*->\s*/;

/**
 * Reads one reply. Exchange joins its own classification and the remote server's reply with ` -> `
 * (`550 5.7.23 … -> 550 5.7.1 …`): the left side gives the outer codes, the right side becomes `wrapped`.
 * Other relays quote the remote reply inside their own summary (`554 4.4.7 Message expired … <421 4.4.2
 * Connection timed out>`, `5.3.0 … 554-'5.1.0 Sender denied'`): the quoted reply becomes `wrapped`, and
 * its code is the status unless the relay's own is more specific, since the relay's is a summary.
 */
export function parseReply(raw: string): ParsedReply {
  let text = squash(clip(raw, MAX_DIAGNOSTIC * 2));
  text = text.replace(PARSE_REPLY_RE1, '').replace(PARSE_REPLY_RE2, '').trim();
  const out: ParsedReply = { text: clip(text, MAX_DIAGNOSTIC) };
  const arrow = text.search(PARSE_REPLY_RE3);
  const outerText = arrow >= 0 ? text.slice(0, arrow) : text;
  const outer = codesOf(outerText);
  if (outer.replyCode) out.replyCode = outer.replyCode;
  if (outer.status) out.status = outer.status;
  if (arrow >= 0) {
    const innerText = text.slice(arrow).replace(PARSE_REPLY_RE4, '').trim();
    const inner = codesOf(innerText);
    const wrapped: WrappedReply = { text: clip(innerText, MAX_DIAGNOSTIC) };
    if (inner.status) wrapped.status = inner.status;
    if (inner.replyCode) wrapped.replyCode = inner.replyCode;
    out.wrapped = wrapped;
    return out;
  }
  const quoted = outer.status ? quotedInner(text) : undefined;
  if (quoted?.status && outer.status && quoted.status[0] === outer.status[0]) {
    out.wrapped = quoted;
    const outerOwn = normaliseCode(firstEnhancedCode(text.slice(0, text.indexOf(quoted.text.slice(0, 12)))));
    if (specificity(quoted.status) >= specificity(outerOwn ?? outer.status)) {
      out.status = quoted.status;
      if (quoted.replyCode) out.replyCode = quoted.replyCode;
    }
  }
  return out;
}

/** Copies a reply's codes and wrapped inner reply onto a recipient, leaving absent ones absent. */
export function applyReply(target: { status?: string; replyCode?: string; wrapped?: WrappedReply }, reply: ParsedReply): void {
  if (reply.status) target.status = reply.status;
  if (reply.replyCode) target.replyCode = reply.replyCode;
  if (reply.wrapped) target.wrapped = reply.wrapped;
}
