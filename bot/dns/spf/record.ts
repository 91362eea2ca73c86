/** Finding the SPF record(s) among a name's TXT records (RFC 7208 4.5). */
import type { DnsResult } from '../resolver';
import type { TraceRecord } from '../types';

/** A TXT record is an SPF record when it is exactly `v=spf1` or starts with `v=spf1 ` (any case). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

export interface FetchedSpf {
  /** `none` also covers NXDOMAIN (see `dns`). */
  state: 'none' | 'one' | 'several' | 'error';
  /** The SPF records, strings joined. */
  records: string[];
  /** Each SPF record's character-strings, as published. */
  strings: string[][];
  ttl?: number;
  /** The TXT answer as the resolver gave it. */
  dns: DnsResult;
  trace: TraceRecord;
}

/** Why an answer makes the evaluation a temperror, or undefined when it is an answer (empty ones too). */
export function dnsFailure(r: DnsResult): string | undefined {
  if (r.status === 'OK' || r.status === 'NXDOMAIN' || r.status === 'NODATA' || r.status === 'BADNAME') return undefined;
  return r.detail === 'deadline' || r.detail === 'aborted' ? 'deadline' : `dns-${r.status.toLowerCase()}`;
}

/** A void lookup (RFC 7208 4.6.4): the name does not exist or has no records of the type. */
export const isVoid = (r: DnsResult): boolean => r.status === 'NXDOMAIN' || r.status === 'NODATA';

/** What the trace shows for one DNS answer. */
export function traceRecord(r: DnsResult): TraceRecord {
  const t: TraceRecord = {
    name: r.name,
    type: r.type,
    strings: r.records.map((rec) => rec.strings ?? [rec.data]),
  };
  if (r.ttl !== undefined) t.ttl = r.ttl;
  if (r.status !== 'OK') t.error = r.status;
  return t;
}

export function spfFromTxt(dns: DnsResult): FetchedSpf {
  const trace = traceRecord(dns);
  const base = { dns, trace, ttl: dns.ttl };
  if (dns.status === 'NXDOMAIN' || dns.status === 'NODATA') return { ...base, state: 'none', records: [], strings: [] };
  if (dns.status !== 'OK') return { ...base, state: 'error', records: [], strings: [] };
  const spf = dns.records.filter((r) => isSpfRecord(r.data));
  const state = spf.length === 0 ? 'none' : spf.length === 1 ? 'one' : 'several';
  return { ...base, state, records: spf.map((r) => r.data), strings: spf.map((r) => r.strings ?? [r.data]) };
}
