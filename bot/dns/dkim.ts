/**
 * DKIM public keys in DNS (RFC 6376 3.6): `<selector>._domainkey.<domain>`, followed through a CNAME as
 * Microsoft 365 publishes them, read and judged: present, dangling CNAME, revoked (empty p=), too short
 * (< 1024 bits), or with syntax errors (3.6.1). The key's length comes from the key itself (node:crypto).
 */
import { createPublicKey } from 'node:crypto';
import { normalizeName } from './names';
import type { DnsSession } from './spf/session';

export type DkimKeyState = 'ok' | 'missing' | 'dangling-cname' | 'revoked' | 'weak' | 'syntax' | 'dns-error';

export interface DkimKey {
  domain: string;
  selector: string;
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  state: DkimKeyState;
  /** Where the name points, when it is a CNAME (Microsoft 365 publishes its keys so). */
  cname?: string;
  keyType?: string;
  /** The RSA modulus length (or 256 for Ed25519). */
  bits?: number;
  /** What is wrong with the record (3.6.1), as short codes. */
  problems?: string[];
  /** The DNS status behind `missing` / `dns-error`. */
  dnsStatus?: string;
  record?: string;
}

export const MIN_RSA_BITS = 1024;

function tags(record: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of record.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).replace(/\s+/g, ''));
  }
  return out;
}

/** What RFC 6376 3.6.1 forbids or requires in a key record, as codes. */
export function keyProblems(record: string): string[] {
  const out: string[] = [];
  const parts = record.split(';').map((p) => p.trim()).filter(Boolean);
  if (parts.some((p) => !/^[a-z][a-z0-9_]*\s*=/i.test(p))) out.push('not-tag-list');
  const t = tags(record);
  const v = t.get('v');
  if (v !== undefined && (v !== 'DKIM1' || !/^\s*v\s*=/i.test(record))) out.push('bad-version');
  if (!t.has('p')) out.push('p-missing');
  const k = t.get('k')?.toLowerCase();
  if (k !== undefined && k !== 'rsa' && k !== 'ed25519') out.push(`unknown-key-type:${k}`);
  const h = t.get('h');
  if (h !== undefined && !h.split(':').some((a) => a.toLowerCase() === 'sha256')) out.push('no-sha256');
  const p = t.get('p');
  if (p && !/^[A-Za-z0-9+/]+={0,2}$/.test(p)) out.push('p-not-base64');
  return out;
}

/** The key's length in bits, or undefined when the data is not a key node can read. */
export function keyBits(p: string, keyType: string): number | undefined {
  if (keyType === 'ed25519') return Buffer.from(p, 'base64').length === 32 ? 256 : undefined;
  try {
    const key = createPublicKey({ key: Buffer.from(p, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyDetails?.modulusLength;
  } catch {
    try {
      // Some publishers put a bare PKCS#1 RSAPublicKey in p= (RFC 6376 says SubjectPublicKeyInfo).
      const key = createPublicKey({ key: Buffer.from(p, 'base64'), format: 'der', type: 'pkcs1' });
      return key.asymmetricKeyDetails?.modulusLength;
    } catch {
      return undefined;
    }
  }
}

function judge(base: DkimKey, record: string): DkimKey {
  const t = tags(record);
  const keyType = (t.get('k') ?? 'rsa').toLowerCase();
  const problems = keyProblems(record);
  const out: DkimKey = { ...base, record, keyType };
  const p = t.get('p');
  if (p === '') return { ...out, state: 'revoked', ...(problems.length ? { problems } : {}) };
  if (problems.length) return { ...out, state: 'syntax', problems };
  const bits = keyBits(p ?? '', keyType);
  if (bits === undefined) return { ...out, state: 'syntax', problems: ['unreadable-key'] };
  out.bits = bits;
  return { ...out, state: keyType === 'rsa' && bits < MIN_RSA_BITS ? 'weak' : 'ok' };
}

const EMPTY = new Set(['NXDOMAIN', 'NODATA']);

/** Reads one selector's key; never throws. */
export async function dkimKey(session: DnsSession, domain: string, selector: string): Promise<DkimKey> {
  const name = normalizeName(`${selector}._domainkey.${domain}`);
  const base: DkimKey = { domain, selector, name, state: 'missing' };
  // Asked together: the CNAME says where Microsoft 365's key lives; TXT is what a verifier reads.
  const [cname, txt] = await Promise.all([session.query(name, 'CNAME'), session.query(name, 'TXT')]);
  const target = cname.status === 'OK' ? cname.records[0]?.data : undefined;
  if (target) base.cname = normalizeName(target);
  if (txt.status === 'OK') {
    const record = txt.records.map((r) => r.data).find((d) => /(^|;)\s*p\s*=/i.test(d) || /^\s*v\s*=\s*DKIM1/i.test(d));
    if (record !== undefined) return judge(base, record);
    return { ...base, state: base.cname ? 'dangling-cname' : 'missing', dnsStatus: 'NODATA' };
  }
  if (EMPTY.has(txt.status)) return { ...base, state: base.cname ? 'dangling-cname' : 'missing', dnsStatus: txt.status };
  return { ...base, state: 'dns-error', dnsStatus: txt.status };
}

/** Microsoft 365 publishes a custom domain's keys behind `selector1` and `selector2` CNAMEs. */
export const M365_SELECTORS = ['selector1', 'selector2'] as const;

/** A CNAME target Microsoft 365 hands out for DKIM: `…onmicrosoft.com` or the newer `…dkim.mail.microsoft`. */
export function isMicrosoftDkimTarget(target: string | undefined): boolean {
  return Boolean(target && /(\.onmicrosoft\.com|\.dkim\.mail\.microsoft)\.?$/i.test(target));
}
