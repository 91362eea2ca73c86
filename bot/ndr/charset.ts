/** Bytes to text: declared charsets first, then a guess for undeclared legacy encodings. */
import PostalMime from 'postal-mime';
import { cjkPlausibility } from './cjk-plausibility';

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(label: string): TextDecoder | null {
  const key = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (decoders.has(key)) return decoders.get(key) ?? null;
  let d: TextDecoder | null = null;
  const aliases: Record<string, string> = {
    'ks_c_5601-1987': 'euc-kr',
    ks_c_5601: 'euc-kr',
    cp949: 'euc-kr',
    'x-sjis': 'shift_jis',
    sjis: 'shift_jis',
    cp932: 'shift_jis',
    'windows-31j': 'shift_jis',
    'big5-hkscs': 'big5',
    cp950: 'big5',
    'x-euc-tw': 'big5',
    utf8: 'utf-8',
    'iso-2022-jp-1': 'iso-2022-jp',
    'iso-2022-jp-2': 'iso-2022-jp',
    'iso-2022-jp-3': 'iso-2022-jp',
  };
  try {
    d = new TextDecoder(aliases[key] ?? key, { fatal: false });
  } catch {
    d = null;
  }
  decoders.set(key, d);
  return d;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Counts replacement characters, to compare candidate decodings. */
function badness(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) n += 4;
    else if (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) n += 1;
  }
  return n;
}

/**
 * Guesses the encoding of undeclared bytes: BOMs, ISO-2022-JP escape sequences, valid UTF-8, and
 * otherwise the East Asian legacy encoding whose text is most plausible, else windows-1252.
 */
export function guessCharset(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  let high = 0;
  let esc = false;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] as number;
    if (b >= 0x80) high++;
    else if (b === 0x1b && (sample[i + 1] === 0x24 || sample[i + 1] === 0x28)) esc = true;
  }
  if (high === 0) return esc ? 'iso-2022-jp' : 'utf-8';
  // A truncated sample may cut a UTF-8 sequence; trim up to three trailing bytes before checking.
  let end = sample.length;
  if (sample !== bytes) while (end > sample.length - 4 && ((sample[end - 1] as number) & 0xc0) === 0x80) end--;
  if (sample !== bytes && ((sample[end - 1] as number) & 0xc0) === 0xc0) end--;
  if (isValidUtf8(sample.subarray(0, end))) return 'utf-8';
  // The East Asian encodings decode each other's bytes with few errors, so among those that decode
  // cleanly the one whose text is made of everyday characters wins (see cjk-plausibility.ts).
  // Legacy multi-byte decodings of Latin text err or give rare characters; Latin-1 never errs.
  let best = 'windows-1252';
  let bestPlausibility = MIN_PLAUSIBILITY;
  for (const cs of ['gb18030', 'big5', 'euc-kr', 'shift_jis', 'euc-jp']) {
    const d = decoderFor(cs);
    if (!d) continue;
    const text = d.decode(sample);
    if (badness(text) > Math.max(2, high / 50)) continue;
    const plausibility = cjkPlausibility(text, cs);
    if (plausibility > bestPlausibility) {
      best = cs;
      bestPlausibility = plausibility;
    }
  }
  return best;
}

/** Below this share of everyday characters a decoding is noise, and the bytes are taken as Latin-1. */
const MIN_PLAUSIBILITY = 0.3;

/** Decodes bytes with the declared charset when it is known, otherwise with a guessed one. Never throws. */
export function decodeBytes(bytes: Uint8Array, charset?: string): string {
  const declared = charset ? decoderFor(charset) : null;
  if (declared) {
    // A declared us-ascii that actually carries 8-bit text is common in bounces: fall back to a guess.
    if (!/^(?:us-)?ascii$/i.test(charset ?? '') || !bytes.some((b) => b >= 0x80)) return declared.decode(bytes);
  }
  const guessed = decoderFor(guessCharset(bytes)) ?? new TextDecoder('utf-8');
  return guessed.decode(bytes);
}

/** RFC 2047 encoded words (`=?iso-2022-jp?B?…?=`) to text; leaves the input as it is on failure. */
export function decodeMimeWords(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return PostalMime.decodeWords(value);
  } catch {
    return value;
  }
}
