/** The conversation kept for a case: messages and cards as text, optionally without other people's addresses. */
import type { TranscriptEntry } from './types';

const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Replaces every e-mail address except the requester's own. */
export function redactAddresses(text: string, keep: string | undefined): string {
  const own = keep?.toLowerCase();
  return text.replace(ADDRESS, (a) => (own && a.toLowerCase() === own ? a : '[address]'));
}

export function redactTranscript(entries: TranscriptEntry[], keep: string | undefined): TranscriptEntry[] {
  return entries.map((e) => ({
    ...e,
    ...(e.text !== undefined ? { text: redactAddresses(e.text, keep) } : {}),
    ...(e.card !== undefined ? { card: redactAddresses(e.card, keep) } : {}),
  }));
}
