/**
 * Known NDR codes (Exchange Online's table, plus common codes of other receivers): which entry explains a
 * status code, who usually fixes it, and whether it is about authentication. The words live in
 * `locales/<lng>/codes.json` under the entry's key; see ../shared/notes/exchange-ndr-codes.md.
 */
import type { FixOwner } from './types';

export interface CodeEntry {
  key: string;
  owner: FixOwner;
  /** Temporary: the sending server keeps retrying. */
  transient?: boolean;
  /** Authentication (SPF/DKIM/DMARC) is involved. */
  auth?: boolean;
  /** Matches an enhanced status code, and optionally the remote text. */
  match: (status: string, text: string) => boolean;
}

type Code = [number, number, number];

function parse(status: string): Code | undefined {
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const is = (...codes: string[]) => (s: string) => codes.includes(s);

const range = (cls: number, subject: number, from: number, to: number) => (s: string) => {
  const c = parse(s);
  return c !== undefined && c[0] === cls && c[1] === subject && c[2] >= from && c[2] <= to;
};

/** Outlook.com and Hotmail: their domains, their front ends, or their `(S3150)`-style reason codes. */
export const OUTLOOK_COM = /\b(?:outlook|hotmail|live|msn)\.[a-z.]{2,6}\b|\bprotection\.outlook\.com\b|\(S\d{4,}\)/i;

// Words, in any script, once the addresses are taken out.
const WORDS = /\p{L}{2,}/u;
const ADDRESSES = /\S+@\S+/g;
/** Exchange Online's words for its 5.1.8: a sending account it restricted for spam. */
const MICROSOFT_5_1_8 = /\bbad outbound sender\b|\bAS\(\d+\)|\boutbound spam\b|\brestricted (?:users|entities)\b/i;

/** First match wins: specific entries before ranges. */
export const CODE_TABLE: CodeEntry[] = [
  { key: '5-7-23', owner: 'sender', auth: true, match: is('5.7.23', '4.7.23') },
  { key: '4-3-2', owner: 'microsoft', transient: true, match: is('4.3.2') },
  { key: '4-4-316', owner: 'recipient-admin', transient: true, match: is('4.4.316') },
  { key: '4-4-7', owner: 'recipient-admin', match: is('4.4.7', '5.4.7') },
  { key: '4-4-317', owner: 'recipient-admin', transient: true, match: is('4.4.317') },
  { key: 'mta-sts', owner: 'recipient-admin', match: is('4.4.8', '4.7.5', '5.7.5') },
  { key: '4-5-3', owner: 'sender', transient: true, match: is('4.5.3') },
  { key: '4-7-26', owner: 'sender', auth: true, transient: true, match: is('4.7.26') },
  { key: 'dane', owner: 'recipient-admin', match: (s) => range(4, 7, 321, 325)(s) || range(5, 7, 321, 325)(s) },
  { key: 'as-throttle', owner: 'sender', transient: true, match: range(4, 7, 500, 699) },
  { key: 'ip-suspicious', owner: 'microsoft', transient: true, match: range(4, 7, 850, 899) },
  { key: '5-0-350', owner: 'varies', match: is('5.0.350') },
  { key: '5-1-0', owner: 'sender', match: is('5.1.0') },
  // Exchange Online's 5.1.8 is its own "bad outbound sender" (a restricted account); another server's X.1.8 is RFC 3463's
  // "bad sender's system address", which this entry's words don't explain: only with Microsoft's words, or none.
  { key: '5-1-8', owner: 'sender', match: (s, t) => s === '5.1.8' && (MICROSOFT_5_1_8.test(t) || !WORDS.test(t.replace(ADDRESSES, ''))) },
  { key: '5-1-10', owner: 'varies', match: is('5.1.10') },
  { key: '5-1-20', owner: 'sender', match: is('5.1.20') },
  { key: '5-1-90', owner: 'sender', match: is('5.1.90') },
  // Not 5.1.7 or 5.1.8, the sender's own address and system (RFC 3463): the recipient family reads them, and another
  // server's 5.1.8 in words it doesn't know is told by its standard meaning.
  { key: '5-1-1', owner: 'sender', match: (s) => s !== '5.1.7' && s !== '5.1.8' && range(5, 1, 1, 19)(s) },
  { key: '5-2-2', owner: 'varies', match: is('5.2.2', '4.2.2') },
  { key: '5-2-121', owner: 'sender', match: is('5.2.121', '5.2.122', '4.2.121', '4.2.122') },
  { key: '5-3-190', owner: 'recipient-admin', match: is('5.3.190') },
  { key: '5-4-1', owner: 'recipient-admin', match: is('5.4.1') },
  { key: '5-4-14', owner: 'varies', match: range(5, 4, 6, 20) },
  { key: '5-4-300', owner: 'recipient-admin', match: is('5.4.300') },
  // Outlook.com's own reading of 5.5.0; elsewhere 5.5.0 is any protocol-level refusal (try later, blocklist…).
  { key: '5-5-0', owner: 'sender', match: (s, text) => s === '5.5.0' && OUTLOOK_COM.test(text) },
  { key: '5-6-11', owner: 'varies', match: is('5.6.11') },
  { key: '5-7-12', owner: 'recipient-admin', match: is('5.7.12') },
  { key: '5-7-25', owner: 'sender', match: is('5.7.25') },
  { key: '5-7-26', owner: 'sender', auth: true, match: is('5.7.26', '5.7.27') },
  { key: '5-7-57', owner: 'sender', match: is('5.7.57') },
  { key: '5-7-64', owner: 'sender', match: is('5.7.64') },
  { key: '5-7-124', owner: 'recipient-admin', match: is('5.7.124') },
  { key: '5-7-133', owner: 'recipient-admin', match: is('5.7.13', '5.7.133', '5.7.134', '5.7.135', '5.7.136') },
  { key: '5-7-193', owner: 'recipient-admin', match: is('5.7.193') },
  { key: '5-7-367', owner: 'varies', auth: true, match: is('5.7.367') },
  { key: '5-7-501', owner: 'sender', match: range(5, 7, 501, 503) },
  { key: '5-7-504', owner: 'sender', match: is('5.7.504', '5.7.505') },
  { key: '5-7-506', owner: 'sender', match: is('5.7.506') },
  { key: '5-7-507', owner: 'recipient-admin', match: is('5.7.507') },
  { key: '5-7-508', owner: 'sender', match: is('5.7.508') },
  { key: '5-7-509', owner: 'sender', auth: true, match: is('5.7.509') },
  { key: '5-7-510', owner: 'sender', match: is('5.7.510') },
  { key: '5-7-511', owner: 'sender', match: is('5.7.511') },
  { key: '5-7-512', owner: 'sender', match: is('5.7.512') },
  { key: '5-7-513', owner: 'recipient-admin', match: is('5.7.513') },
  { key: '5-7-515', owner: 'sender', auth: true, match: is('5.7.515') },
  { key: '5-7-606', owner: 'sender', match: range(5, 7, 606, 649) },
  { key: '5-7-703', owner: 'sender', match: is('5.7.703') },
  { key: '5-7-705', owner: 'sender', match: is('5.7.705', '5.7.708') },
  { key: '5-7-750', owner: 'sender', match: is('5.7.750') },
  { key: '5-7-1', owner: 'recipient-admin', match: is('5.7.1', '5.7.0') },
];

/** RFC 3463 subjects, for codes no entry knows: what kind of trouble it is. */
const SUBJECT_KEYS: Record<number, string> = {
  0: 'other',
  1: 'address',
  2: 'mailbox',
  3: 'system',
  4: 'network',
  5: 'protocol',
  6: 'content',
  7: 'policy',
};

export interface CodeInfo {
  /** Locale key under `codes:` — a table entry, or `generic.<subject>`. */
  key: string;
  owner: FixOwner;
  transient: boolean;
  auth: boolean;
}

export function lookupCode(status: string | undefined, text = ''): CodeInfo | undefined {
  if (!status) return undefined;
  const entry = CODE_TABLE.find((e) => e.match(status, text));
  if (entry) return { key: entry.key, owner: entry.owner, transient: Boolean(entry.transient), auth: Boolean(entry.auth) };
  const c = parse(status);
  if (!c) return undefined;
  return {
    key: `generic.${SUBJECT_KEYS[c[1]] ?? 'other'}`,
    // X.3.x is the mail system that answered (its configuration, its disk, its mailer): the recipient's side,
    // whatever the message. The other subjects can lie on either side.
    owner: c[1] === 3 ? 'recipient-admin' : 'varies',
    transient: c[0] === 4,
    auth: false,
  };
}
