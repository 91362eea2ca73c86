/** Finding the SPF record(s) among a name's TXT records (RFC 7208 4.5). */
import type { DnsResult } from '../resolver';
import type { TraceRecord } from '../types';
import { parseRecord } from './parse';

/** A TXT record is an SPF record when it is exactly `v=spf1` or starts with `v=spf1 ` (any case). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

/** Written as an SPF record, but not one to receivers: a space or quote in the version, or none after it. */
const LOOKALIKE_VERSION = /^\s*["'“”]?\s*v\s*=\s*spf\s*1\s*/i;

/** The first TXT record meant as SPF that receivers ignore, when the name has no SPF record. */
export function spfLookalike(texts: string[]): string | undefined {
  return texts.find((t) => LOOKALIKE_VERSION.test(t) && !isSpfRecord(t));
}

/** The lookalike with its version written right, or undefined if the rest is not valid SPF either. */
export function correctedLookalike(text: string): string | undefined {
  const rest = text.replace(LOOKALIKE_VERSION, '').replace(/["'“”]\s*$/, '').trim();
  const record = rest ? `v=spf1 ${rest}` : 'v=spf1';
  return parseRecord(record).errors.length ? undefined : record;
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
