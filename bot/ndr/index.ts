/**
 * Bounce reading: `parseBounce` takes whatever a support engineer has (pasted text, Teams HTML, an
 * .eml or .msg file) and returns a `Bounce`. Pure: no network, no Bot Framework. Never throws.
 */
import { analyse } from './analyse';
import { sourcesFromBytes, sourcesFromText } from './input';
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
    if (isText) return analyse(sourcesFromText(input, inputBytes, hint));
    return analyse(await sourcesFromBytes(input, inputBytes, hint));
  } catch {
    // A reader bug must not cost the user an answer; say we could not read it.
    return result('unreadable', inputBytes);
  }
}
