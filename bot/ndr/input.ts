/** Turns each input form into `BounceSources`: pasted text, Teams HTML, .eml bytes, .msg bytes. */
import type { BounceSources } from './analyse';
import { decodeBytes } from './charset';
import { normaliseText, restoreLineBreaks } from './text';
import type { ParseHint } from './types';

export function sourcesFromText(input: string, inputBytes: number, _hint?: ParseHint): BounceSources {
  const text = restoreLineBreaks(normaliseText(input));
  return { format: 'text', inputBytes, text, deliveryStatus: [] };
}

export async function sourcesFromBytes(input: Uint8Array, inputBytes: number, hint?: ParseHint): Promise<BounceSources> {
  return sourcesFromText(decodeBytes(input), inputBytes, hint);
}
