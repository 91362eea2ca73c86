/**
 * A real DNS server for tests: UDP and TCP on 127.0.0.1, one random free port for both, answering from
 * zone data held in memory. Production resolver code talks to it exactly as it talks to a real server.
 *
 * Zone data has the shape of the OpenSPF suite's `zonedata` (../shared/spf/rfc7208-tests.yml), so the
 * conformance test passes it straight through:
 *   { 'example.com': [ { TXT: 'v=spf1 -all' }, { A: '192.0.2.1' }, { MX: [10, 'mx.example.com'] }, 'TIMEOUT' ] }
 * - `TXT: 'text'` is one record of one string; `TXT: ['a', 'b']` one record of two strings; `TXT: []` one
 *   record with no string at all; `TXT: 'NONE'` means "no TXT record" (and stops SPF→TXT copying).
 *   Strings over 255 bytes are cut into 255-byte pieces, as a zone compiler would require.
 * - `SPF: …` is served as type 99, and also as TXT when the name has no TXT entry (the suite's convention).
 * - `'TIMEOUT'`: the name never answers for record types not listed before it.
 * - A name absent from the zone whose first label is `error` never answers.
 * - Names are case-insensitive. A name with no data but with names below it is NODATA, not NXDOMAIN.
 * - CNAMEs are followed inside the zone (like a recursive server would); a CNAME loop gives SERVFAIL.
 * TTLs: every record has TTL 300 unless the name has a `{ TTL: n }` entry (default for that name) or the
 * entry itself carries `ttl` (e.g. `{ A: '192.0.2.1', ttl: 5 }`). NXDOMAIN/NODATA carry an SOA whose
 * minimum (the negative-caching TTL, RFC 2308) is the name's TTL, or 300 for absent names.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';

type Ttl = { ttl?: number };
export type ZoneEntry =
  | ({ TXT: string | string[] } & Ttl)
  | ({ SPF: string | string[] } & Ttl)
  | ({ A: string } & Ttl)
  | ({ AAAA: string } & Ttl)
  | ({ MX: [number, string] } & Ttl)
  | ({ PTR: string } & Ttl)
  | ({ CNAME: string } & Ttl)
  | { TTL: number }
  | 'TIMEOUT';

export type ZoneData = Record<string, ZoneEntry[]>;

export type ServerBehaviour = 'normal' | 'silent' | 'servfail' | 'truncate';

export interface QueryLog {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface TestDnsServer {
  host: '127.0.0.1';
  port: number;
  address: string;
  setZone(z: ZoneData): void;
  setDelay(ms: number): void;
  setBehaviour(b: ServerBehaviour): void;
  queries: QueryLog[];
  stop(): Promise<void>;
}

const DEFAULT_TTL = 300;
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;
const FLAGS = dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE;

function norm(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

/** One TXT/SPF record's character-strings as the wire carries them. */
function txtStrings(v: string | string[]): Buffer[] {
  const list = Array.isArray(v) ? v : [v];
  const out: Buffer[] = [];
  for (const s of list) {
    const b = Buffer.from(s, 'utf8');
    if (b.length <= 255) out.push(b);
    else for (let i = 0; i < b.length; i += 255) out.push(b.subarray(i, i + 255));
  }
  return out;
}

type Answer = dnsPacket.Answer;
type Lookup = { kind: 'answer'; answers: Answer[] } | { kind: 'nxdomain' | 'nodata' | 'servfail' } | { kind: 'silent' };

class Zone {
  private readonly names = new Map<string, ZoneEntry[]>();

  constructor(data: ZoneData) {
    for (const [name, entries] of Object.entries(data)) {
      const key = norm(name);
      this.names.set(key, [...(this.names.get(key) ?? []), ...entries]);
    }
  }

  private hasBelow(name: string): boolean {
    for (const k of this.names.keys()) if (k.endsWith(`.${name}`)) return true;
    return false;
  }

  private negativeTtl(name: string): number {
    const entries = this.names.get(name) ?? [];
    for (const e of entries) if (typeof e === 'object' && 'TTL' in e) return e.TTL;
    return DEFAULT_TTL;
  }

  soa(name: string): Answer {
    const ttl = this.negativeTtl(name);
    return {
      type: 'SOA',
      name: name.split('.').slice(-2).join('.') || '.',
      ttl,
      data: { mname: 'ns.test.', rname: 'hostmaster.test.', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: ttl },
    };
  }

  lookup(qname: string, qtype: string, depth = 0): Lookup {
    const name = norm(qname);
    const entries = this.names.get(name);
    if (!entries) {
      if (name.split('.')[0] === 'error') return { kind: 'silent' };
      return { kind: this.hasBelow(name) ? 'nodata' : 'nxdomain' };
    }
    let nameTtl = DEFAULT_TTL;
    for (const e of entries) if (typeof e === 'object' && 'TTL' in e) nameTtl = e.TTL;
    const hasTxt = entries.some((e) => typeof e === 'object' && 'TXT' in e);
    const answers: Answer[] = [];
    for (const e of entries) {
      if (e === 'TIMEOUT') {
        if (answers.length === 0) return { kind: 'silent' };
        break;
      }
      if ('TTL' in e) continue;
      const ttl = e.ttl ?? nameTtl;
      if ('CNAME' in e) {
        if (qtype === 'CNAME') {
          answers.push({ type: 'CNAME', name, ttl, data: norm(e.CNAME) });
          continue;
        }
        if (depth >= 8) return { kind: 'servfail' };
        const rest = this.lookup(e.CNAME, qtype, depth + 1);
        const cname: Answer = { type: 'CNAME', name, ttl, data: norm(e.CNAME) };
        if (rest.kind === 'answer') return { kind: 'answer', answers: [cname, ...rest.answers] };
        if (rest.kind === 'nodata' || rest.kind === 'nxdomain') return { kind: 'answer', answers: [cname] };
        return rest;
      }
      if ('TXT' in e) {
        if (qtype === 'TXT' && e.TXT !== 'NONE') answers.push({ type: 'TXT', name, ttl, data: txtStrings(e.TXT) });
      } else if ('SPF' in e) {
        if (qtype === 'SPF') answers.push({ type: 'SPF' as 'NULL', name, ttl, data: spfRdata(e.SPF) });
        if (qtype === 'TXT' && !hasTxt) answers.push({ type: 'TXT', name, ttl, data: txtStrings(e.SPF) });
      } else if ('A' in e) {
        if (qtype === 'A') answers.push({ type: 'A', name, ttl, data: e.A });
      } else if ('AAAA' in e) {
        if (qtype === 'AAAA') answers.push({ type: 'AAAA', name, ttl, data: e.AAAA });
      } else if ('MX' in e) {
        if (qtype === 'MX') answers.push({ type: 'MX', name, ttl, data: { preference: e.MX[0], exchange: norm(e.MX[1]) } });
      } else if ('PTR' in e) {
        if (qtype === 'PTR') answers.push({ type: 'PTR', name, ttl, data: norm(e.PTR) });
      }
    }
    return answers.length ? { kind: 'answer', answers } : { kind: 'nodata' };
  }
}

/** Type 99 rdata is TXT's wire format: length-prefixed character-strings. */
function spfRdata(v: string | string[]): Buffer {
  return Buffer.concat(txtStrings(v).map((b) => Buffer.concat([Buffer.from([b.length]), b])));
}

export async function startDnsServer(zone: ZoneData, opts: { delayMs?: number } = {}): Promise<TestDnsServer> {
  let current = new Zone(zone);
  let delayMs = opts.delayMs ?? 0;
  let behaviour: ServerBehaviour = 'normal';
  const queries: QueryLog[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  let stopped = false;

  /** The encoded reply to one query, or null to stay silent. */
  function respond(msg: Buffer, transport: 'udp' | 'tcp'): Buffer | null {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return null;
    }
    const q = query.questions?.[0];
    if (!q) return null;
    queries.push({ name: q.name, type: q.type, transport });
    if (behaviour === 'silent') return null;
    const base = { id: query.id, type: 'response' as const, questions: [q] };
    if (behaviour === 'servfail') return dnsPacket.encode({ ...base, flags: FLAGS | RCODE.SERVFAIL });
    if (behaviour === 'truncate' && transport === 'udp') {
      return dnsPacket.encode({ ...base, flags: FLAGS | dnsPacket.TRUNCATED_RESPONSE });
    }
    const found = current.lookup(q.name, q.type);
    if (found.kind === 'silent') return null;
    let out: Buffer;
    if (found.kind === 'servfail') out = dnsPacket.encode({ ...base, flags: FLAGS | RCODE.SERVFAIL });
    else if (found.kind === 'answer') out = dnsPacket.encode({ ...base, flags: FLAGS, answers: found.answers });
    else {
      const rcode = found.kind === 'nxdomain' ? RCODE.NXDOMAIN : RCODE.NOERROR;
      out = dnsPacket.encode({ ...base, flags: FLAGS | rcode, authorities: [current.soa(norm(q.name))] });
    }
    if (transport === 'udp') {
      const opt = query.additionals?.find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
      const limit = Math.max(512, opt?.udpPayloadSize ?? 512);
      if (out.length > limit) return dnsPacket.encode({ ...base, flags: FLAGS | dnsPacket.TRUNCATED_RESPONSE });
    }
    return out;
  }

  function later(fn: () => void): void {
    if (stopped) return;
    if (delayMs <= 0) return fn();
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, delayMs);
    timers.add(t);
  }

  const { udp, tcp, port } = await bindBoth();

  udp.on('message', (msg, rinfo) => {
    const reply = respond(msg, 'udp');
    if (reply) later(() => udp.send(reply, rinfo.port, rinfo.address));
  });

  tcp.on('connection', (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < len + 2) break;
        const msg = buf.subarray(2, len + 2);
        buf = buf.subarray(len + 2);
        const reply = respond(msg, 'tcp');
        if (reply) {
          const framed = Buffer.concat([Buffer.from([reply.length >> 8, reply.length & 0xff]), reply]);
          later(() => {
            if (!sock.destroyed) sock.write(framed);
          });
        }
      }
    });
  });

  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    setZone(z) {
      current = new Zone(z);
    },
    setDelay(ms) {
      delayMs = ms;
    },
    setBehaviour(b) {
      behaviour = b;
    },
    queries,
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

/** UDP on a random port, then TCP on the same number; retried when TCP finds the number taken. */
async function bindBoth(): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve());
    });
    const port = udp.address().port;
    const tcp = net.createServer();
    const ok = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      udp.on('error', () => undefined);
      return { udp, tcp, port };
    }
    await new Promise<void>((resolve) => udp.close(() => resolve()));
  }
  throw new Error('test DNS server: no free port for both UDP and TCP');
}

/**
 * A test DNS server for one test file: started once, reset to `zone` before each test (normal behaviour,
 * no delay, empty query log), stopped at the end. Call it at the top level of the file.
 */
export function useDnsServer(zone: ZoneData): { readonly server: TestDnsServer } {
  const handle = {} as { server: TestDnsServer };
  beforeAll(async () => {
    handle.server = await startDnsServer(zone);
  });
  afterAll(() => handle.server?.stop());
  beforeEach(() => {
    handle.server.setZone(zone);
    handle.server.setBehaviour('normal');
    handle.server.setDelay(0);
    handle.server.queries.length = 0;
  });
  return handle;
}
