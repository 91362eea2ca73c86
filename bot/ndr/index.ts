/**
 * Bounce reading: `parseBounce` takes whatever a support engineer has (pasted text, Teams HTML, an
 * .eml or .msg file) and returns a `Bounce`. Pure: no network, no Bot Framework. Never throws.
 */
import { analyse } from './analyse';
import { viewOfBytes, viewOfText, type InputView } from './input';
import type { Bounce, ParseHint, ParseOptions } from './types';

export type { Bounce, BounceKind, BounceRecipient, ParseHint, ParseOptions, WrappedReply } from './types';
export { MAX_RECIPIENTS } from './merge';

export const DEFAULT_MAX_TEXT_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

function result(kind: Bounce['kind'], inputBytes: number, extra: Partial<Bounce> = {}): Bounce {
  return { isBounce: false, kind, recipients: [], microsoft365: false, inputBytes, ...extra };
}

/** UTF-8 size of a string, without encoding it. */
function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export async function parseBounce(input: string | Uint8Array, hint?: ParseHint, options?: ParseOptions): Promise<Bounce> {
  const isText = typeof input === 'string';
  const cap = isText
    ? (options?.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES)
    : (options?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  // A string's UTF-8 size is at least its length, so the cheap check comes first.
  if (isText && input.length > cap) return result('too-large', utf8Length(input), { sizeLimit: cap, inputFormat: 'text' });
  if (input === null || input === undefined || (!isText && !(input instanceof Uint8Array))) return result('unreadable', 0);
  const inputBytes = isText ? utf8Length(input) : input.byteLength;
  if (inputBytes > cap) return result('too-large', inputBytes, { sizeLimit: cap, inputFormat: isText ? 'text' : 'binary' });
  try {
    const view = isText ? await viewOfText(input, inputBytes, hint) : await viewOfBytes(input, inputBytes, hint);
    return await analyseView(view, 0);
  } catch {
    // A reader bug must not cost the user an answer; say we could not read it.
    return result('unreadable', inputBytes);
  }
}

/** Most levels of forwarded-NDR-inside-a-message unwrapped. */
const MAX_NESTING = 3;
const MAX_NESTED_TRIED = 5;

/** Some recipient has a code: the report said what failed. */
function answered(b: Bounce): boolean {
  return b.recipients.some((r) => r.status || r.replyCode);
}

/**
 * Reads a view; when it is not a bounce but carries attached messages (an NDR forwarded as an
 * attachment), the first attached message that is a bounce answers instead. So does an attached
 * bounce with codes when the outer report gives none: a gateway's notice around the NDR it received.
 */
async function analyseView(view: InputView, depth: number): Promise<Bounce> {
  const bounce = analyse(view.sources);
  if ((bounce.isBounce && answered(bounce)) || depth >= MAX_NESTING || !view.nested.length) return bounce;
  for (const bytes of view.nested.slice(0, MAX_NESTED_TRIED)) {
    try {
      const inner = await analyseView(await viewOfBytes(bytes, bytes.byteLength), depth + 1);
      if (inner.isBounce && (!bounce.isBounce || answered(inner))) return { ...inner, inputBytes: bounce.inputBytes, inputFormat: bounce.inputFormat ?? inner.inputFormat };
    } catch {
      // An unreadable attachment leaves the outer answer standing.
    }
  }
  return bounce;
}
