/** Email addresses in bounce text: finding, cleaning and comparing them. */
import { matchesOf } from './matches';

// Deliberately narrower than RFC 5321: bounce text wraps addresses in <>, (), quotes, `mailto:`,
// and the cases worth reading are ordinary mailbox@domain addresses.
const LOCAL = String.raw`[A-Za-z0-9!#$%&'*+/=?^_\`{|}~\-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_\`{|}~\-]+)*`;
const QUOTED_LOCAL = String.raw`"[^"\r\n]{1,64}"`;
// Letters of internationalized domain names, without the punctuation that ends an address in running text:
// Latin-1 and general punctuation (no-break space, « », ’, ”), CJK punctuation (。、「」) and the full-width
// forms of ASCII punctuation (，：（）).
const IDN = String.raw`\u00c0-\u1fff\u2070-\u2fff\u3040-\ufeff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffff`;
// An ASCII top-level domain ends where the letters of another script begin: a Korean particle or Japanese
// word written on to the address ("…@contoso.com에", "…@contoso.com宛て") is not part of it.
const DOMAIN = String.raw`(?:[A-Za-z0-9${IDN}](?:[A-Za-z0-9${IDN}\-]{0,61}[A-Za-z0-9${IDN}])?\.)+(?:[A-Za-z][A-Za-z0-9\-]{0,62}(?![A-Za-z0-9\-])|[${IDN}][A-Za-z0-9${IDN}\-]{0,62})|\[[0-9.:A-Fa-f]+\]`;
// The lookbehind makes a match start only where a local part can start, so a long run of
// address characters without an `@` costs linear time instead of quadratic.
export const ADDRESS_SOURCE = String.raw`(?:${QUOTED_LOCAL}|(?<![A-Za-z0-9!#$%&'*+/=?^_\`{|}~.\-])${LOCAL})@(?:${DOMAIN})`;

export function addressRegex(flags = 'g'): RegExp {
  return new RegExp(ADDRESS_SOURCE, flags);
}

// Made once: a non-global regex keeps no state between `exec` calls, and `matchesOf` sets the global one's
// position at every step, so both can be shared (building them per call showed in profiles).
const ADDRESS = addressRegex('');
const ADDRESS_ALL = addressRegex();

const WHOLE = new RegExp(String.raw`^(?:${ADDRESS_SOURCE})$`);

const QUOTED_WHOLE = new RegExp(String.raw`^${QUOTED_LOCAL}@(?:${DOMAIN})`);
const BARE_HOST = /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64})@([A-Za-z0-9][A-Za-z0-9-]{0,62})$/;

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const ADDRESS_TYPE_PREFIX = /^(?:rfc822|smtp|x400|mailto|unknown|utf-8|x-unknown)\s*[;:]\s*/i;
const OUTER_BRACKETS_AND_PUNCTUATION = /^[<([\s]+|[>)\],;:\s]+$/g;
const TRAILING_DOTS = /\.+$/;
const OUTER_QUOTES = /^["']+|["'.]+$/g;

/**
 * Lower-cases the domain, strips `mailto:`, brackets, quotes and trailing punctuation; undefined when
 * not an address. `bareHost` accepts a dot-less domain (`user@mailhub0`), which only structured DSN
 * fields are trusted to contain.
 */
export function cleanAddress(raw: string | undefined, options?: { bareHost?: boolean }): string | undefined {
  // Every form accepted below has an `@`, and the clean-up only removes characters.
  if (!raw || !raw.includes('@')) return undefined;
  let s = raw.trim();
  // `rfc822; <a@b>`, `mailto:a@b`, `SMTP:a@b`
  if (s.includes(':') || s.includes(';')) s = s.replace(ADDRESS_TYPE_PREFIX, '');
  s = s.replace(OUTER_BRACKETS_AND_PUNCTUATION, '');
  if (s.length > 320) return undefined;
  // A quoted local part (`"john..doe"@example.com`) keeps its quotes.
  const quoted = QUOTED_WHOLE.exec(s);
  if (quoted) return withLowerDomain(quoted[0].replace(TRAILING_DOTS, ''));
  s = s.replace(OUTER_QUOTES, '');
  const m = ADDRESS.exec(s);
  if (!m) {
    const bare = options?.bareHost ? BARE_HOST.exec(s) : null;
    return bare ? `${bare[1]}@${(bare[2] ?? '').toLowerCase()}` : undefined;
  }
  const addr = m[0].replace(TRAILING_DOTS, '');
  const at = addr.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = addr.slice(at + 1);
  if (!domain.includes('.') && !domain.startsWith('[')) return undefined;
  const out = withLowerDomain(addr);
  return WHOLE.test(out) ? out : undefined;
}

function withLowerDomain(addr: string): string {
  const at = addr.lastIndexOf('@');
  return `${addr.slice(0, at)}@${addr.slice(at + 1).toLowerCase()}`;
}

/** Every distinct address in `text`, in order of appearance. */
export function findAddresses(text: string, limit = 10_000): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  // Every address has an `@`.
  if (!text.includes('@')) return out;
  for (const m of matchesOf(text, ADDRESS_ALL)) {
    const a = cleanAddress(m[0]);
    if (!a) continue;
    const key = a.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
    if (out.length >= limit) break;
  }
  return out;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const OUTER_SQUARE_BRACKETS = /^\[|\]$/g;

/** The domain part of an address, lower-case. */
export function domainOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  if (at < 0) return undefined;
  const d = address.slice(at + 1).toLowerCase().replace(OUTER_SQUARE_BRACKETS, '');
  return d || undefined;
}

/** Addresses are compared case-insensitively (local parts are case-sensitive in theory, never in practice). */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const DAEMON_ADDRESS = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|maildelivery|mail\.delivery|mdaemon|double-bounce|root|nobody|noreply-dmarc-support|microsoftexchange[0-9a-f]{32})@/i;

/**
 * Exchange's NDRs explain a malformed address with an example of a correct one ("A correct address looks like
 * this: someone@example.com", in every language they are written in): an example, never a failed recipient.
 */
export const PLACEHOLDER_ADDRESS = 'someone@example.com';

export function isPlaceholderAddress(address: string | undefined): boolean {
  return !!address && address.toLowerCase() === PLACEHOLDER_ADDRESS;
}

/** Mailbox names that send bounces rather than receive them. */
export function isDaemonAddress(address: string | undefined): boolean {
  if (!address) return false;
  return DAEMON_ADDRESS.test(
    address,
  );
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const MAILER_DAEMON_ADDRESS = /^(?:mailer-daemon|mail-daemon|mailerdaemon|mdaemon|double-bounce|microsoftexchange[0-9a-f]{32})@/i;

/** Mailer daemons only (not postmaster@, which is sometimes the failed recipient itself). */
export function isMailerDaemon(address: string | undefined): boolean {
  // Exchange's own system mailbox, MicrosoftExchange<32 hex digits>@, sends its NDRs.
  return !!address && MAILER_DAEMON_ADDRESS.test(address);
}
