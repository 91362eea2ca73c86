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

function codesOf(text: string): { replyCode?: string; status?: string } {
  const t = text.replace(/^[\s#'"<(]+/, '');
  // The reply code counts when the text starts with it (`550 5.7.1 …`, `550-5.7.1`, `smtp;550 …`).
  const lead = /^(?:(?:smtp|x-postfix|x-unix|x-local)\s*;\s*)?#?([245][0-5]\d)(?:[ -]|$)/i.exec(t);
  const replyCode = lead?.[1] ?? findReplyCode(t.slice(0, 200));
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
