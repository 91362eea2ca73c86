/** One SMTP reply as it appears in a bounce: its codes, its words, and an inner reply Exchange wrapped. */
import { classesAgree, findReplyCode, firstEnhancedCode, normaliseCode } from './codes';
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

/**
 * The reply code of a reply text: at its start (`550 5.7.1 …`, `550-…`, `550: …`, `smtp;550 …`), else
 * paired with an enhanced code anywhere (`… returned was: 554 5.7.1`), else right after a "said:" or
 * similar colon, else any plausible code near the start.
 */
function replyCodeOf(t: string): string | undefined {
  const lead = /^(?:(?:smtp|x-postfix|x-unix|x-local)\s*;\s*)?#?([245][0-5]\d)(?:[ \-:]|$)/i.exec(t);
  if (lead) return lead[1];
  const paired = /(?<![\w.-])([45][0-5]\d)[ -]#?[45]\.\d{1,3}\.\d{1,3}(?![\d.])/.exec(t);
  if (paired) return paired[1];
  const marked = /(?:said|returned(?: was)?|response(?: was)?|reply|replied|error|failure|deferred|reason)\s*:\s*(?:<<<\s*)?([45][0-5]\d)(?=[ \-:]|$)/i.exec(t);
  if (marked) return marked[1];
  return findReplyCode(t.slice(0, 200));
}

function codesOf(text: string): { replyCode?: string; status?: string } {
  const t = text.replace(/^[\s#'"<(]+/, '');
  const replyCode = replyCodeOf(t);
  const status = normaliseCode(firstEnhancedCode(t));
  return { replyCode: classesAgree(replyCode, status) || !status ? replyCode : undefined, status };
}

/**
 * Reads one reply. Exchange joins its own classification and the remote server's reply with ` -> `
 * (`550 5.7.23 … -> 550 5.7.1 …`): the left side gives the outer codes, the right side becomes `wrapped`.
 */
export function parseReply(raw: string): ParsedReply {
  let text = squash(clip(raw, MAX_DIAGNOSTIC * 2));
  text = text.replace(/^#\s*/, '').replace(/\s*##\s*$/, '').trim();
  const out: ParsedReply = { text: clip(text, MAX_DIAGNOSTIC) };
  const arrow = text.search(/\s->\s*(?=[245]\d\d\b|#?[245]\.\d)/);
  const outerText = arrow >= 0 ? text.slice(0, arrow) : text;
  const outer = codesOf(outerText);
  if (outer.replyCode) out.replyCode = outer.replyCode;
  if (outer.status) out.status = outer.status;
  if (arrow >= 0) {
    const innerText = text.slice(arrow).replace(/^\s*->\s*/, '').trim();
    const inner = codesOf(innerText);
    const wrapped: WrappedReply = { text: clip(innerText, MAX_DIAGNOSTIC) };
    if (inner.status) wrapped.status = inner.status;
    if (inner.replyCode) wrapped.replyCode = inner.replyCode;
    out.wrapped = wrapped;
  }
  return out;
}

/** Copies a reply's codes and wrapped inner reply onto a recipient, leaving absent ones absent. */
export function applyReply(target: { status?: string; replyCode?: string; wrapped?: WrappedReply }, reply: ParsedReply): void {
  if (reply.status) target.status = reply.status;
  if (reply.replyCode) target.replyCode = reply.replyCode;
  if (reply.wrapped) target.wrapped = reply.wrapped;
}
