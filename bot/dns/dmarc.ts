/**
 * DMARC context for an SPF check (RFC 7489 6.6.3): the `_dmarc` record of the domain, else of its
 * organizational domain (public suffix list, via tldts), its policy, and whether an SPF pass for the
 * checked domain can align with the message's From domain.
 */
import { getDomain } from 'tldts';
import type { DnsSession } from './spf/session';
import type { DmarcInfo } from './types';

function tags(record: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of record.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return out;
}

const isDmarc = (text: string): boolean => /^v\s*=\s*DMARC1\s*(;|$)/i.test(text);

export function organizationalDomain(domain: string): string {
  return getDomain(domain) ?? domain;
}

/** Relaxed alignment: same organizational domain; strict: the very same name. */
export function spfAligns(spfDomain: string, fromDomain: string, mode: 'r' | 's'): boolean {
  const a = spfDomain.toLowerCase();
  const b = fromDomain.toLowerCase();
  return mode === 's' ? a === b : organizationalDomain(a) === organizationalDomain(b);
}

type Found = { record?: string; error?: string };

async function dmarcAt(session: DnsSession, domain: string): Promise<Found> {
  const r = await session.query(`_dmarc.${domain}`, 'TXT');
  if (r.status === 'NXDOMAIN' || r.status === 'NODATA' || r.status === 'BADNAME') return {};
  if (r.status !== 'OK') return { error: r.status };
  const records = r.records.map((x) => x.data).filter(isDmarc);
  // Several DMARC records are as good as none (RFC 7489 6.6.3).
  return records.length === 1 ? { record: records[0] } : {};
}

export async function lookupDmarc(session: DnsSession, domain: string, fromDomain = domain): Promise<DmarcInfo> {
  const org = organizationalDomain(domain);
  // Both names are asked at once: the fallback costs no extra wait.
  const [own, orgFound] = await Promise.all([dmarcAt(session, domain), org !== domain ? dmarcAt(session, org) : undefined]);
  const info: DmarcInfo = { organizationalDomain: org };
  let found: Found = own;
  let at = domain;
  if (!own.record && !own.error && orgFound) {
    found = orgFound;
    at = org;
  }
  if (found.error) {
    info.error = found.error;
    return info;
  }
  if (!found.record) return info;
  const t = tags(found.record);
  info.domain = at;
  info.record = found.record;
  info.policy = (t.get('p') ?? 'none').toLowerCase();
  if (at !== domain && t.has('sp')) info.subdomainPolicy = (t.get('sp') ?? '').toLowerCase();
  info.aspf = t.get('aspf')?.toLowerCase() === 's' ? 's' : 'r';
  info.spfAlignmentPossible = spfAligns(domain, fromDomain, info.aspf);
  return info;
}
