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

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const LEADING_REPLY_CODE = /^\s*([245]\d\d)[ -]/;
const INLINE_LINE_CODE = /(?<=\S)\s+([245]\d\d)[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?/g;

/**
 * The words of a multi-line reply that a report folded into one line, without the code each of its lines kept
 * ("550-The mail server could not deliver mail to … The account 550-or domain may not exist"): the phrases that
 * name a cause run across them. Only the reply's own code is taken out.
 */
export function replyWords(text: string): string {
  const code = LEADING_REPLY_CODE.exec(text)?.[1];
  if (!code || !text.includes(code, 4)) return text;
  return text.replace(INLINE_LINE_CODE, (whole, c: string) => (c === code ? ' ' : whole));
}

/** Longest diagnostic kept; real replies are a few hundred characters, noise can be megabytes. */
export const MAX_DIAGNOSTIC = 2000;

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const REPLY_CODE_AT_START = /^(?:(?:smtp|x-postfix|x-unix|x-local)\s*;\s*)?#?([245][0-5]\d)(?:[ \-:]|$)/i;
const FAILURE_CODE_PAIR = /(?<![\w.-])([45][0-5]\d)[ -]#?[45]\.\d{1,3}\.\d{1,3}(?![\d.])/;
const REPLY_CODE_AFTER_LABEL = /(?:said|returned(?: was)?|response(?: was)?|reply|replied|error|failure|deferred|reason)\s*:\s*(?:<<<\s*)?([45][0-5]\d)(?=[ \-:]|$)/i;

/**
 * The reply code of a reply text: at its start (`550 5.7.1 …`, `550-…`, `550: …`, `smtp;550 …`), else
 * paired with an enhanced code anywhere (`… returned was: 554 5.7.1`), else right after a "said:" or
 * similar colon, else any plausible code near the start.
 */
function replyCodeOf(t: string): string | undefined {
  const lead = REPLY_CODE_AT_START.exec(t);
  if (lead) return lead[1];
  const paired = FAILURE_CODE_PAIR.exec(t);
  if (paired) return paired[1];
  // Every match has a colon: a long reply without one is not searched for it.
  const marked = t.includes(':') ? REPLY_CODE_AFTER_LABEL.exec(t) : null;
  if (marked) return marked[1];
  return findReplyCode(t.slice(0, 200));
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const LEADING_QUOTES_AND_BRACKETS = /^[\s#'"<(]+/;
const CODE_PAIR = /(?<![\w.-])([245]\d\d)[ -]#?([245]\.\d{1,3}\.\d{1,3})(?![\d.])/;

function codesOf(text: string): { replyCode?: string; status?: string } {
  const t = text.replace(LEADING_QUOTES_AND_BRACKETS, '');
  const replyCode = replyCodeOf(t);
  const status = normaliseCode(firstEnhancedCode(t));
  // Codes of different classes are kept together only when the server wrote them side by side:
  // Exchange's `550 4.4.7 QUEUE.Expired` is a final 550 for a message whose delivery attempts all
  // failed temporarily. Elsewhere they were read from different replies.
  const pair = CODE_PAIR.exec(t);
  const together = !!pair && pair[1] === replyCode && normaliseCode(pair[2]) === status;
  return { replyCode: classesAgree(replyCode, status) || !status || together ? replyCode : undefined, status };
}

// A reply quoted inside another one: `<421 4.4.2 Connection timed out>`, `554-'5.1.0 Sender denied'`,
// `"550 5.7.1 …"`. The quote or bracket is what tells it from a multi-line reply's continuation.
const QUOTED_INNER = /(?:[<'"([][ \t]*([245]\d\d)[ -]['"]?|(?<![\w.])([245]\d\d)[ -]['"])#?([245]\.\d{1,3}\.\d{1,3})(?![\d.])/;

const CLOSING: Record<string, string> = { '<': '>', "'": "'", '"': '"', '(': ')', '[': ']' };

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const ENHANCED_CODE = /[245]\.\d{1,3}\.\d{1,3}/;
const CODE_THEN_QUOTE = /^[245]\d\d[ -](['"])/;
const QUOTE_AFTER_CODE = /^([245]\d\d[ -])['"]/;

/** The reply another MTA quoted inside its own, or nothing. */
function quotedInner(text: string): WrappedReply | undefined {
  // The inner reply comes after the outer codes; search past them.
  const from = Math.max(0, text.search(ENHANCED_CODE)) + 1;
  const m = QUOTED_INNER.exec(text.slice(from));
  if (!m || m.index === undefined) return undefined;
  const status = normaliseCode(m[3]);
  const replyCode = m[1] ?? m[2];
  if (!status) return undefined;
  const open = m[0][0] ?? '';
  let inner = text.slice(from + m.index + (CLOSING[open] ? 1 : 0)).trim();
  const close = CLOSING[open] ? inner.lastIndexOf(CLOSING[open]) : -1;
  // The quote opened after the code (`554-'5.1.0 …'`) closes at the end too.
  const quote = CODE_THEN_QUOTE.exec(inner)?.[1];
  if (close > 0) inner = inner.slice(0, close);
  else if (quote && inner.lastIndexOf(quote) > 4) inner = inner.slice(0, inner.lastIndexOf(quote));
  inner = inner.replace(QUOTE_AFTER_CODE, '$1').trim();
  const wrapped: WrappedReply = { text: clip(inner, MAX_DIAGNOSTIC), status };
  if (replyCode) wrapped.replyCode = replyCode;
  return wrapped;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const LEADING_HASH = /^#\s*/;
const TRAILING_DOUBLE_HASH = /\s*##\s*$/;
const ARROW_BEFORE_CODE = /\s->\s*(?=[245]\d\d\b|#?[245]\.\d)/;
const LEADING_ARROW = /^\s*->\s*/;

/**
 * Reads one reply. Exchange joins its own classification and the remote server's reply with ` -> `
 * (`550 5.7.23 … -> 550 5.7.1 …`): the left side gives the outer codes, the right side becomes `wrapped`.
 * Other relays quote the remote reply inside their own summary (`554 4.4.7 Message expired … <421 4.4.2
 * Connection timed out>`, `5.3.0 … 554-'5.1.0 Sender denied'`): the quoted reply becomes `wrapped`, and
 * its code is the status unless the relay's own is more specific, since the relay's is a summary.
 */
export function parseReply(raw: string): ParsedReply {
  let text = squash(clip(raw, MAX_DIAGNOSTIC * 2));
  // Both patterns hold a literal that most replies lack; the search at every position is skipped then.
  text = text.replace(LEADING_HASH, '');
  if (text.includes('##')) text = text.replace(TRAILING_DOUBLE_HASH, '');
  text = text.trim();
  const out: ParsedReply = { text: clip(text, MAX_DIAGNOSTIC) };
  const arrow = text.includes('->') ? text.search(ARROW_BEFORE_CODE) : -1;
  const outerText = arrow >= 0 ? text.slice(0, arrow) : text;
  const outer = codesOf(outerText);
  if (outer.replyCode) out.replyCode = outer.replyCode;
  if (outer.status) out.status = outer.status;
  if (arrow >= 0) {
    const innerText = text.slice(arrow).replace(LEADING_ARROW, '').trim();
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
