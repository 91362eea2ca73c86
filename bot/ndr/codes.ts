/**
 * RFC 3463 enhanced status codes and SMTP reply codes: finding them in free text and choosing the
 * most specific one. Subjects and details may have 1–3 digits (5.7.23, 5.1.10, 5.7.515).
 */
import { matchesOf } from './matches';

// Not preceded by a digit, dot or letter and not followed by `.digit`, so IP addresses, version
// numbers (15.20.1771.16) and dates (1.2.2019) are not mistaken for codes. A dash may precede it only
// after a reply code (`550-5.7.26`, multi-line replies).
const ENHANCED_SOURCE = String.raw`(?<![\w./=])(?<![^\d\s]-)([245])\.(\d{1,3})\.(\d{1,3})(?![\w\-]|\.\d)`;

export function enhancedCodeRegex(flags = 'g'): RegExp {
  return new RegExp(ENHANCED_SOURCE, flags);
}

/** Shared by the walks below (`matchesOf` keeps no state in it between calls). */
const ENHANCED_ALL = enhancedCodeRegex();

/** All enhanced codes in `text`, in order of appearance. */
export function findEnhancedCodes(text: string): string[] {
  const out: string[] = [];
  for (const m of matchesOf(text, ENHANCED_ALL)) out.push(`${m[1]}.${Number(m[2])}.${Number(m[3])}`);
  return out;
}

/** An enhanced code after a reply code (`550 5.7.1`); made once, since it is stateless. */
const PAIRED = new RegExp(String.raw`(?<!\d)[45]\d\d[ \-]#?` + ENHANCED_SOURCE);

/**
 * The code a reply text stands for: the one paired with a reply code (`550 5.7.1`), unless a later code
 * of the same class in the same text is more specific (`5.1.0 - Unknown address error 550-'5.2.2 … Mailbox Full'`).
 */
export function firstEnhancedCode(text: string): string | undefined {
  const paired = PAIRED.exec(text);
  const pairedCode = paired ? `${paired[1]}.${Number(paired[2])}.${Number(paired[3])}` : undefined;
  const best = mostSpecificFailureCode(text, pairedCode?.[0]);
  if (pairedCode && (!best || specificity(pairedCode) >= specificity(best))) return pairedCode;
  return best;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const REPLY_CODE = /(?<![\w.\-:/=+])([245][0-5]\d)(?=[ -](?:[245]\.\d|[^\d\s])|\s*$)/m;

/**
 * The SMTP reply code in a reply text: `550 5.7.1 …`, `550-5.7.1 …`, `#550 …`, `smtp; 550 …`,
 * `host said: 550 …`. Only codes followed by a space, a dash or end of text count.
 */
export function findReplyCode(text: string): string | undefined {
  const m = REPLY_CODE.exec(text);
  return m?.[1];
}

/** How specific a code is: x.0.0 is generic, x.y.0 half, x.y.z fully specific. */
export function specificity(code: string | undefined): number {
  if (!code) return -1;
  const [, subject, detail] = code.split('.');
  if (subject === '0' && detail === '0') return 0;
  if (detail === '0') return 1;
  return 2;
}

/**
 * Chooses between a status from a structured field (DSN `Status:`) and one in the server's own reply
 * (Diagnostic-Code, `Remote Server returned`). The reply is what the remote server actually said, so it
 * wins unless it is less specific: a generic `5.0.0` field loses to `5.7.1` in the reply, and an
 * MTA's own `4.4.7` (expired) or `5.1.1` summary loses to the `4.7.1` / `5.7.1` the server returned.
 */
export function preferCode(fieldCode: string | undefined, textCode: string | undefined): string | undefined {
  if (!fieldCode) return textCode;
  if (!textCode) return fieldCode;
  return specificity(textCode) >= specificity(fieldCode) ? textCode : fieldCode;
}

/** RFC 3463's subjects are 0–7: Yahoo's "4.16.50" after its "421 4.7.0" is a code of its own, not a more specific one. */
const REGISTERED_SUBJECT = /^\d\.[0-7]\./;

/** The most specific failure code (class 4 or 5, or only `cls`) in order of appearance; ties go to the first. */
export function mostSpecificFailureCode(text: string, cls?: string): string | undefined {
  let best: string | undefined;
  for (const code of findEnhancedCodes(text)) {
    if (code[0] === '2' || (cls && code[0] !== cls) || !REGISTERED_SUBJECT.test(code)) continue;
    if (!best || specificity(code) > specificity(best)) best = code;
  }
  return best;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const ENHANCED_CODE_PARTS = /([245])\.(\d{1,3})\.(\d{1,3})/;

/** Normalises a code written with leading zeros or spaces (`5.07.001`, `#5.1.1`). */
export function normaliseCode(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const m = ENHANCED_CODE_PARTS.exec(code);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : undefined;
}

/** The class digit of a reply code and an enhanced code agree (550 with 5.x.x). */
export function classesAgree(replyCode: string | undefined, status: string | undefined): boolean {
  return !replyCode || !status || replyCode[0] === status[0];
}
