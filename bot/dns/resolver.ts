/**
 * The production stub resolver: asks the configured recursive servers over UDP (TCP when truncated),
 * with a per-attempt timeout, one retry on UDP loss, an overall deadline, a cap on queries in flight,
 * and a TTL-respecting LRU cache that "check again" can bypass.
 */
import type * as dnsPacket from 'dns-packet';
import { TtlLruCache } from './cache';
import { Limiter } from './limiter';
import { nameProblem, normalizeName } from './names';
import { parseServer, systemServers, type ServerAddress } from './servers';
import { tcpExchange, udpExchange, type Exchange } from './transport';

export type DnsRecordType = 'A' | 'AAAA' | 'TXT' | 'MX' | 'PTR' | 'SPF' | 'CNAME';

/**
 * `OK` has records; `NODATA` is a name without records of that type; `BADNAME` a name DNS cannot carry
 * (nothing was sent); `ERROR` a network error or an rcode other than NXDOMAIN/SERVFAIL/REFUSED.
 */
export type DnsStatus = 'OK' | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'REFUSED' | 'TIMEOUT' | 'BADNAME' | 'ERROR';

export interface DnsRecord {
  name: string;
  ttl: number;
  /** A/AAAA: the address; MX: the exchange; PTR/CNAME: the target; TXT/SPF: the strings joined. */
  data: string;
  /** TXT/SPF: each character-string, as received (a record may have none). */
  strings?: string[];
  /** MX preference. */
  preference?: number;
}

export interface DnsResult {
  name: string;
  type: DnsRecordType;
  status: DnsStatus;
  records: DnsRecord[];
  /** Seconds the result may still be cached (records' TTL, or the negative TTL from the SOA). */
  ttl?: number;
  /** The server that answered; for TIMEOUT/SERVFAIL/REFUSED the last one tried. */
  server?: string;
  transport?: 'udp' | 'tcp';
  fromCache: boolean;
  /** Epoch ms when the answer came from the server (kept with a cached answer: how old it is). */
  receivedAt?: number;
  /** More about a failure: `deadline`, `aborted`, `label-too-long`, an unusual rcode, … */
  detail?: string;
}

export interface QueryOptions {
  /** "Check again": ignore cached answers (the fresh answer is cached). */
  bypassCache?: boolean;
  /** Epoch milliseconds after which the query gives up with TIMEOUT (`detail: 'deadline'`). */
  deadline?: number;
  signal?: AbortSignal;
}

export interface DnsResolver {
  /** The servers asked, in order, as `host:port` / `[v6]:port`. */
  readonly servers: string[];
  query(name: string, type: DnsRecordType, opts?: QueryOptions): Promise<DnsResult>;
  clearCache(): void;
}

export interface ResolverOptions {
  /** `host`, `host:port`, `[v6]:port`; default: the system's servers. */
  servers?: string[];
  /** Wait for one answer from one server, per attempt (default 2000 ms). */
  timeoutMs?: number;
  /** Extra UDP attempts per server after a loss (default 1). */
  retries?: number;
  /** Cached answers kept at most (default 5000). */
  cacheSize?: number;
  /** Bytes the cached answers may hold at most (default 8 MiB), estimated by `answerBytes`. */
  cacheBytes?: number;
  /** Queries on the wire at once at most (default 16). */
  maxConcurrent?: number;
  /** Longest TTL honoured, seconds (default 1 day). */
  maxTtl?: number;
}

const TRUNCATED = 1 << 9;
const RCODES: Record<number, string> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

type Attempt = { result: DnsResult; final: boolean };

class StubResolver implements DnsResolver {
  readonly servers: string[];
  private readonly addrs: ServerAddress[];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly maxTtl: number;
  private readonly cache: TtlLruCache<DnsResult>;
  private readonly limiter: Limiter;
  private readonly inflight = new Map<string, Promise<DnsResult>>();

  constructor(opts: ResolverOptions) {
    const list = opts.servers?.length ? opts.servers : systemServers();
    this.addrs = list.map(parseServer);
    this.servers = this.addrs.map((a) => a.label);
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.retries = opts.retries ?? 1;
    this.maxTtl = opts.maxTtl ?? 86400;
    this.cache = new TtlLruCache<DnsResult>({ maxEntries: opts.cacheSize ?? 5000, maxBytes: opts.cacheBytes ?? 8 * 2 ** 20, sizeOf: answerBytes });
    this.limiter = new Limiter(opts.maxConcurrent ?? 16);
  }

  clearCache(): void {
    this.cache.clear();
  }

  async query(rawName: string, type: DnsRecordType, opts: QueryOptions = {}): Promise<DnsResult> {
    const name = normalizeName(rawName);
    const problem = nameProblem(name);
    if (problem) return { name, type, status: 'BADNAME', records: [], fromCache: false, detail: problem };
    const key = `${type} ${name}`;
    if (!opts.bypassCache) {
      const hit = this.cache.get(key);
      if (hit) {
        const records = hit.value.records.map((r) => ({ ...r, ttl: Math.min(r.ttl, hit.remainingSec) }));
        return { ...hit.value, records, ttl: hit.remainingSec, fromCache: true };
      }
    }
    // Concurrent askers of the same question share one query (prefetch and evaluation meet here).
    const pending = this.inflight.get(key);
    if (pending) {
      const shared = await pending;
      // Another asker's deadline or abort is not ours: then ask again under our own.
      const gaveUp = shared.status === 'TIMEOUT' && (shared.detail === 'deadline' || shared.detail === 'aborted');
      if (!gaveUp || (opts.deadline ?? Infinity) <= Date.now() || opts.signal?.aborted) return shared;
    }
    const p = this.fetch(name, type, opts).finally(() => {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    });
    this.inflight.set(key, p);
    return p;
  }

  private async fetch(name: string, type: DnsRecordType, opts: QueryOptions): Promise<DnsResult> {
    const deadline = opts.deadline ?? Infinity;
    const base = { name, type, records: [], fromCache: false };
    if (!(await this.limiter.acquire(deadline))) return { ...base, status: 'TIMEOUT', detail: 'deadline' };
    try {
      let last: DnsResult = { ...base, status: 'TIMEOUT', server: this.servers[0] };
      for (const server of this.addrs) {
        for (let attempt = 0; attempt <= this.retries; attempt++) {
          if (opts.signal?.aborted) return { ...base, status: 'TIMEOUT', detail: 'aborted', server: server.label };
          const left = deadline - Date.now();
          if (left <= 0) return { ...base, status: 'TIMEOUT', detail: 'deadline', server: server.label };
          const r = await this.attempt(server, name, type, Math.min(this.timeoutMs, left), opts.signal);
          last = r.result;
          if (r.final) {
            this.remember(r.result);
            return r.result;
          }
          // Only silence is worth a second try at the same server; an error reply would be repeated.
          if (r.result.status !== 'TIMEOUT') break;
        }
      }
      if (last.status === 'TIMEOUT' && Date.now() >= deadline) last = { ...last, detail: 'deadline' };
      return last;
    } finally {
      this.limiter.release();
    }
  }

  private async attempt(
    server: ServerAddress,
    name: string,
    type: DnsRecordType,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Attempt> {
    const base = { name, type, records: [] as DnsRecord[], fromCache: false, server: server.label };
    let transport: 'udp' | 'tcp' = 'udp';
    const started = Date.now();
    let ex = await abortable(udpExchange(server, name, type, timeoutMs), signal);
    if (ex.ok && ((ex.packet.flags ?? 0) & TRUNCATED) !== 0) {
      transport = 'tcp';
      ex = await abortable(tcpExchange(server, name, type, Math.max(1, timeoutMs - (Date.now() - started))), signal);
    }
    if (!ex.ok) {
      const status = ex.why === 'timeout' ? 'TIMEOUT' : 'ERROR';
      return { result: { ...base, status, transport, detail: ex.why === 'timeout' ? undefined : 'network' }, final: false };
    }
    const packet = ex.packet;
    const rcode = RCODES[(packet.flags ?? 0) & 0xf] ?? `RCODE${(packet.flags ?? 0) & 0xf}`;
    if (rcode === 'SERVFAIL' || rcode === 'REFUSED') return { result: { ...base, status: rcode, transport }, final: false };
    const receivedAt = Date.now();
    if (rcode === 'NXDOMAIN') {
      return { result: { ...base, status: 'NXDOMAIN', transport, ttl: negativeTtl(packet), receivedAt }, final: true };
    }
    if (rcode !== 'NOERROR') return { result: { ...base, status: 'ERROR', transport, detail: rcode }, final: false };
    const records = extract(packet, name, type);
    if (!records.length) return { result: { ...base, status: 'NODATA', transport, ttl: negativeTtl(packet), receivedAt }, final: true };
    const ttl = Math.min(this.maxTtl, ...records.map((r) => r.ttl));
    return { result: { ...base, status: 'OK', records, transport, ttl, receivedAt }, final: true };
  }

  private remember(r: DnsResult): void {
    if (r.ttl !== undefined && r.ttl > 0) this.cache.set(`${r.type} ${r.name}`, r, Math.min(r.ttl, this.maxTtl));
  }
}

/**
 * What a cached answer costs in memory, roughly: its strings at two bytes a character (the key, the names,
 * each record's data and, for TXT, its character-strings as well) plus a fixed cost per object.
 */
export function answerBytes(key: string, r: DnsResult): number {
  let chars = key.length + r.name.length;
  for (const rec of r.records) {
    chars += rec.name.length + rec.data.length;
    for (const s of rec.strings ?? []) chars += s.length;
  }
  return 2 * chars + 160 + 120 * r.records.length;
}

function abortable(p: Promise<Exchange>, signal?: AbortSignal): Promise<Exchange> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve({ ok: false, why: 'timeout' });
  return new Promise<Exchange>((resolve) => {
    const onAbort = (): void => resolve({ ok: false, why: 'timeout' });
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then((r) => {
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    });
  });
}

/** RFC 2308: a negative answer may be cached for min(SOA TTL, SOA minimum); without an SOA, not at all. */
function negativeTtl(packet: dnsPacket.Packet): number | undefined {
  const soa = packet.authorities?.find((a) => a.type === 'SOA') as dnsPacket.SoaAnswer | undefined;
  if (!soa) return undefined;
  return Math.min(soa.ttl ?? 0, soa.data.minimum ?? 0);
}

/** Character-strings of TXT/SPF rdata (type 99 arrives as raw bytes: length-prefixed strings). */
function textStrings(data: unknown): string[] {
  if (Array.isArray(data)) return data.map((b) => (Buffer.isBuffer(b) ? b.toString('utf8') : String(b)));
  if (Buffer.isBuffer(data)) {
    const out: string[] = [];
    for (let i = 0; i < data.length; ) {
      const len = data[i] ?? 0;
      out.push(data.subarray(i + 1, i + 1 + len).toString('utf8'));
      i += len + 1;
    }
    return out;
  }
  return typeof data === 'string' ? [data] : [];
}

/** Records of `type` for `name`, following any CNAME chain the server put in the answer section. */
function extract(packet: dnsPacket.Packet, name: string, type: DnsRecordType): DnsRecord[] {
  const answers = (packet.answers ?? []) as dnsPacket.Answer[];
  const aliases = new Set([name]);
  if (type !== 'CNAME') {
    for (let grew = true; grew; ) {
      grew = false;
      for (const a of answers) {
        if (a.type === 'CNAME' && aliases.has(normalizeName(a.name))) {
          const target = normalizeName(a.data);
          if (!aliases.has(target)) {
            aliases.add(target);
            grew = true;
          }
        }
      }
    }
  }
  const out: DnsRecord[] = [];
  for (const a of answers) {
    const t = a.type as string;
    if (t !== type || !aliases.has(normalizeName(a.name))) continue;
    const ttl = (a as { ttl?: number }).ttl ?? 0;
    const owner = normalizeName(a.name);
    if (t === 'TXT' || t === 'SPF') {
      const strings = textStrings((a as { data: unknown }).data);
      out.push({ name: owner, ttl, data: strings.join(''), strings });
    } else if (a.type === 'MX') {
      out.push({ name: owner, ttl, data: normalizeName(a.data.exchange), preference: a.data.preference ?? 0 });
    } else if (a.type === 'A' || a.type === 'AAAA' || a.type === 'PTR' || a.type === 'CNAME') {
      out.push({ name: owner, ttl, data: a.type === 'A' || a.type === 'AAAA' ? a.data : normalizeName(a.data) });
    }
  }
  return out;
}

export function createResolver(opts: ResolverOptions = {}): DnsResolver {
  return new StubResolver(opts);
}
