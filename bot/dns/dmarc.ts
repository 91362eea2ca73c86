/**
 * DMARC (RFC 7489): the `_dmarc` record of the domain, else of its organizational domain (6.6.3, public
 * suffix list via tldts), its tags read and checked (6.3), and identifier alignment (3.1): whether an SPF
 * pass for the envelope domain, or a DKIM signature's d=, counts for the From domain.
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

type Found = { record?: string; error?: string; several?: number };

const POLICIES = new Set(['none', 'quarantine', 'reject']);

/** Tag-value problems a receiver would trip over (6.3): what is wrong, as short codes with the tag. */
export function dmarcProblems(record: string): string[] {
  const t = tags(record);
  const out: string[] = [];
  if (!/^\s*v\s*=\s*DMARC1\s*(;|$)/i.test(record)) out.push('v-first');
  const p = t.get('p')?.toLowerCase();
  if (p === undefined) out.push('p-missing');
  else if (!POLICIES.has(p)) out.push(`p-invalid:${p}`);
  const sp = t.get('sp')?.toLowerCase();
  if (sp !== undefined && !POLICIES.has(sp)) out.push(`sp-invalid:${sp}`);
  const pct = t.get('pct');
  if (pct !== undefined && !/^(100|[1-9]?\d)$/.test(pct)) out.push(`pct-invalid:${pct}`);
  for (const k of ['adkim', 'aspf']) {
    const v = t.get(k)?.toLowerCase();
    if (v !== undefined && v !== 'r' && v !== 's') out.push(`${k}-invalid:${v}`);
  }
  for (const k of ['rua', 'ruf']) {
    const v = t.get(k);
    if (v !== undefined && !v.split(',').every((u) => /^\s*mailto:[^\s@]+@[^\s@]+/i.test(u))) out.push(`${k}-invalid`);
  }
  return out;
}

/** `mailto:` addresses of a rua/ruf tag, without size limits. */
function reportAddresses(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((u) => /^\s*mailto:([^!\s]+)/i.exec(u)?.[1] ?? '')
    .filter(Boolean);
}

async function dmarcAt(session: DnsSession, domain: string): Promise<Found> {
  const r = await session.query(`_dmarc.${domain}`, 'TXT');
  if (r.status === 'NXDOMAIN' || r.status === 'NODATA' || r.status === 'BADNAME') return {};
  if (r.status !== 'OK') return { error: r.status };
  const records = r.records.map((x) => x.data).filter(isDmarc);
  // Several DMARC records are as good as none (RFC 7489 6.6.3).
  if (records.length > 1) return { several: records.length };
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
  if (found.several) {
    info.several = found.several;
    return info;
  }
  if (!found.record) return info;
  const t = tags(found.record);
  info.domain = at;
  info.record = found.record;
  info.policy = (t.get('p') ?? 'none').toLowerCase();
  if (at !== domain && t.has('sp')) info.subdomainPolicy = (t.get('sp') ?? '').toLowerCase();
  info.aspf = t.get('aspf')?.toLowerCase() === 's' ? 's' : 'r';
  info.adkim = t.get('adkim')?.toLowerCase() === 's' ? 's' : 'r';
  const pct = Number(t.get('pct') ?? '100');
  info.pct = Number.isFinite(pct) ? pct : 100;
  info.rua = reportAddresses(t.get('rua'));
  info.ruf = reportAddresses(t.get('ruf'));
  info.problems = dmarcProblems(found.record);
  info.spfAlignmentPossible = spfAligns(domain, fromDomain, info.aspf);
  return info;
}
