/**
 * Random SPF zones for counting DNS queries (bench/spf-queries.ts) and for checking that prefetching never
 * changes a result (test/dns/spf-queries.test.ts). Seeded, so every run sees the same zones.
 *
 * Each zone has one sender domain (`sender.test`) whose record tree mixes what real trees and hostile ones
 * hold: includes (shared targets, loops, missing records), redirects, a/mx/ptr/exists with and without
 * macros, ip4/ip6 ranges, names that come back empty (void lookups), trees past 10 lookups, exp=, syntax
 * errors and several records. The client IP matches early, late or nowhere; one in ten checks is IPv6.
 */
import { promises as dns } from 'node:dns';
import { checkSpf, createResolver, type DnsResolver } from '../../bot/dns';
import { AuditWalker } from '../../bot/dns/spf/audit';
import { checkHostIn } from '../../bot/dns/spf/check-host';
import { parseClientIp } from '../../bot/dns/spf/ip';
import { DnsSession } from '../../bot/dns/spf/session';
import type { TestDnsServer, ZoneData, ZoneEntry } from '../helpers/dns-server';

export interface SpfCase {
  zone: ZoneData;
  ip: string;
  mailFrom: string;
  helo: string;
}

/** Mulberry32: small, fast and good enough to pick shapes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENDER = 'sender.test';
const V4 = Array.from({ length: 12 }, (_, i) => `192.0.2.${10 + i * 7}`);
const V6 = Array.from({ length: 6 }, (_, i) => `2001:db8:${i + 1}::${(i + 1) * 3}`);

class ZoneBuilder {
  readonly zone: ZoneData = {};
  private records = 0;
  private hosts = 0;
  private gone = 0;
  /** Record domains made so far, for includes that share a target or loop back. */
  private readonly made: string[] = [];

  constructor(
    private readonly r: () => number,
    /** How likely a term is an include or redirect: the size of the tree. */
    private readonly branchiness: number,
    private readonly maxDepth: number,
    private readonly v6: boolean,
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)] as T;
  }

  private chance(p: number): boolean {
    return this.r() < p;
  }

  private add(name: string, ...entries: ZoneEntry[]): void {
    (this.zone[name] ??= []).push(...entries);
  }

  private addr(): string {
    return this.v6 && this.chance(0.5) ? this.pick(V6) : this.pick(V4);
  }

  /** A host name with addresses, or (sometimes) one that does not exist or has none: a void lookup. */
  private host(): string {
    if (this.chance(0.15)) return this.chance(0.5) ? `gone${++this.gone}.nx.test` : `bare${++this.gone}.hosts.test`;
    const name = `h${++this.hosts}.hosts.test`;
    const n = 1 + Math.floor(this.r() * 3);
    for (let i = 0; i < n; i++) {
      const a = this.addr();
      this.add(name, a.includes(':') ? { AAAA: a } : { A: a });
    }
    if (this.chance(0.3)) this.add(name, { AAAA: this.pick(V6) });
    return name;
  }

  private qualifier(): string {
    return this.pick(['', '', '', '', '+', '-', '~', '?']);
  }

  private ipTerm(): string {
    if (this.chance(0.12)) {
      const a = this.pick(V6);
      return `ip6:${a}${this.chance(0.5) ? '/48' : ''}`;
    }
    const a = this.pick(V4);
    return `ip4:${a}${this.chance(0.3) ? this.pick(['/24', '/28', '/30', '/31']) : ''}`;
  }

  /** An include/redirect target: a new record, an existing one (shared or, rarely, a loop), or nothing. */
  private target(depth: number): string {
    if (this.made.length && this.chance(0.08)) return this.pick(this.made);
    if (this.chance(0.04)) return `missing${++this.gone}.spf.test`;
    const name = `r${++this.records}.spf.test`;
    this.record(name, depth + 1);
    return name;
  }

  private term(domain: string, depth: number): string {
    const q = this.qualifier();
    const deeper = depth < this.maxDepth;
    const x = this.r();
    if (deeper && x < this.branchiness) return `${q}include:${this.target(depth)}`;
    const y = this.r();
    if (y < 0.42) return `${q}${this.ipTerm()}`;
    if (y < 0.62) {
      if (this.chance(0.3)) {
        for (const a of [this.addr(), this.addr()]) this.add(domain, a.includes(':') ? { AAAA: a } : { A: a });
        return `${q}a${this.chance(0.3) ? '/24' : ''}`;
      }
      return `${q}a:${this.host()}${this.chance(0.2) ? '/28' : ''}`;
    }
    if (y < 0.76) {
      const mxName = this.chance(0.5) ? domain : `m${++this.hosts}.mx.test`;
      if (this.chance(0.85)) {
        const n = 1 + Math.floor(this.r() * 3);
        for (let i = 0; i < n; i++) this.add(mxName, { MX: [10 * (i + 1), this.host()] });
      }
      return `${q}mx${mxName === domain ? '' : `:${mxName}`}`;
    }
    if (y < 0.9) {
      // exists with macros: the client IP (forward or reversed) or the local part, under a list zone.
      const form = this.pick(['%{i}._ip.%{d}', '%{ir}.%{v}._rev.%{d}', '%{l}._user.%{o}', '%{h}._helo.example.test']);
      if (this.chance(0.4)) {
        const ip = this.pick(V4);
        const name = form
          .replace('%{i}', ip)
          .replace('%{ir}', ip.split('.').reverse().join('.'))
          .replace('%{v}', 'in-addr')
          .replace('%{l}', 'postmaster')
          .replace('%{h}', SENDER)
          .replace('%{d}', domain)
          .replace('%{o}', SENDER);
        this.add(name, { A: '127.0.0.2' });
      }
      return `${q}exists:${form}`;
    }
    if (y < 0.95) return `${q}a:%{l}.%{d2}${this.chance(0.5) ? '' : '/24'}`;
    return `${q}ptr${this.chance(0.5) ? '' : ':hosts.test'}`;
  }

  record(domain: string, depth: number): void {
    this.made.push(domain);
    const n = 1 + Math.floor(this.r() * (depth === 0 ? 7 : 5));
    const terms = ['v=spf1'];
    for (let i = 0; i < n; i++) terms.push(this.term(domain, depth));
    const end = this.r();
    if (end < 0.68) terms.push(this.pick(['-all', '~all', '?all', '-all', '~all', '+all']));
    else if (end < 0.9 && depth < this.maxDepth) terms.push(`redirect=${this.target(depth)}`);
    if (this.chance(0.06)) terms.push('exp=why.sender.test');
    if (this.chance(0.02)) {
      const bad = this.pick(['ip4:300.1.1.1', 'foo:bar', 'a:']);
      terms.splice(1 + Math.floor(this.r() * (terms.length - 1)), 0, bad);
    }
    this.add(domain, { TXT: terms.join(' ') });
    if (this.chance(0.01)) this.add(domain, { TXT: 'v=spf1 -all' });
  }
}

/** Zone number `index` of the set made from `seed`: the same arguments give the same case. */
export function randomSpfCase(seed: number, index: number): SpfCase {
  const r = prng(seed * 1_000_003 + index);
  const size = r();
  // Most trees are small; one in five is large enough to pass 10 lookups.
  const branchiness = size < 0.5 ? 0.12 : size < 0.8 ? 0.25 : 0.4;
  const maxDepth = size < 0.5 ? 2 : size < 0.8 ? 3 : 5;
  const v6 = r() < 0.1;
  const b = new ZoneBuilder(r, branchiness, maxDepth, v6);
  b.record(SENDER, 0);
  b.zone['why.sender.test'] = [{ TXT: '%{i} may not send for %{d}' }];
  // PTR for the client: sometimes pointing at a name that has the address back.
  const pool = v6 ? [...V6, ...V4.slice(0, 2)] : V4;
  const ip = r() < 0.8 ? (pool[Math.floor(r() * pool.length)] ?? '192.0.2.1') : v6 ? '2001:db8:ff::1' : '198.51.100.200';
  if (r() < 0.3) {
    const reverse = ip.includes(':')
      ? undefined
      : `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
    if (reverse) {
      b.zone[reverse] = [{ PTR: 'mail.hosts.test' }];
      b.zone['mail.hosts.test'] = [{ A: ip }];
    }
  }
  return { zone: b.zone, ip, mailFrom: `postmaster@${SENDER}`, helo: SENDER };
}

/**
 * A tree three includes deep under `domain` (nine records, eight include lookups) that lists no address
 * from 192.0.2.0/24: top → l1a, l1b → l2a, l2b, l2c → l3a, l3b, l3c.
 */
export function threeDeepTree(domain: string): ZoneData {
  const spf = (text: string): ZoneEntry[] => [{ TXT: `v=spf1 ${text.replace(/\b(l\d\w)\b/g, `$1.${domain}`)}` }];
  return {
    [domain]: spf('include:l1a include:l1b -all'),
    [`l1a.${domain}`]: spf('include:l2a include:l2b ip4:198.51.100.1 -all'),
    [`l1b.${domain}`]: spf('include:l2c ~all'),
    [`l2a.${domain}`]: spf('include:l3a ip4:198.51.100.2 -all'),
    [`l2b.${domain}`]: spf('include:l3b -all'),
    [`l2c.${domain}`]: spf('include:l3c -all'),
    [`l3a.${domain}`]: spf('ip4:203.0.113.1 -all'),
    [`l3b.${domain}`]: spf('ip4:203.0.113.2 -all'),
    [`l3c.${domain}`]: spf('ip4:203.0.113.3 -all'),
  };
}

/**
 * The include bomb: every record includes `width` others, `levels` deep (each name its own), so an
 * evaluation that matches nothing stops at the eleventh lookup (permerror) after 11 TXT queries.
 */
export function includeBomb(levels: number, width = 10): SpfCase {
  const zone: ZoneData = {};
  const make = (name: string, level: number): void => {
    if (level === levels) {
      zone[name] = [{ TXT: 'v=spf1 ip4:203.0.113.1 -all' }];
      return;
    }
    const children = Array.from({ length: width }, (_, i) => `b${i}.${name}`);
    zone[name] = [{ TXT: `v=spf1 ${children.map((c) => `include:${c}`).join(' ')} -all` }];
    for (const c of children) make(c, level + 1);
  };
  make('bomb.test', 0);
  return { zone, ip: '192.0.2.99', mailFrom: 'postmaster@bomb.test', helo: 'bomb.test' };
}

/** The true lookup count of `includeBomb(levels, width)`: every record above the leaves has `width` includes. */
export function bombLookups(levels: number, width = 10): number {
  let records = 0;
  for (let l = 0, n = 1; l < levels; l++, n *= width) records += n;
  return records * width;
}

/**
 * Wide and flat: a record of `includes` includes, each to a record of `terms` a: terms whose names have an
 * address (none of them the client's), so an evaluation stops at the 11th lookup (permerror).
 */
export function aFlood(includes = 10, terms = 40): SpfCase {
  const zone: ZoneData = {};
  const inc = Array.from({ length: includes }, (_, i) => `r${i}.flood.test`);
  zone['flood.test'] = [{ TXT: `v=spf1 ${inc.map((d) => `include:${d}`).join(' ')} -all` }];
  for (const d of inc) {
    const hosts = Array.from({ length: terms }, (_, j) => `h${j}.${d}`);
    zone[d] = [{ TXT: `v=spf1 ${hosts.map((h) => `a:${h}`).join(' ')} -all` }];
    for (const h of hosts) zone[h] = [{ A: '203.0.113.1' }];
  }
  return { zone, ip: '192.0.2.99', mailFrom: 'postmaster@flood.test', helo: 'flood.test' };
}

/**
 * Who answers: `ours` is checkHost (asking ahead, bounded), `sequential` the same evaluation without asking
 * ahead (one lookup after another: the floor for our evaluator), `mailauth` mailauth's spf (sequential;
 * it asks A and AAAA for every a and MX host), `checkSpf` the bot's full check (the audit walk and the
 * evaluation on one session, with DMARC, A, MX, the SPF type and the suggestion), `checkSpfNoIp` the same
 * without a sending IP, `audit` the audit walk alone (for the IP).
 */
export type Evaluator = 'ours' | 'sequential' | 'mailauth' | 'checkSpf' | 'checkSpfNoIp' | 'audit';

type MailauthSpf = (opts: {
  sender: string;
  ip: string;
  helo: string;
  mta: string;
  resolver: (name: string, type: string) => Promise<unknown>;
}) => Promise<{ status: { result: string } }>;

/** mailauth's spf for the case, with a resolver of its own (c-ares, no cache shared with anything). */
export async function mailauthSpf(server: string, c: SpfCase): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spf } = require('mailauth/lib/spf') as { spf: MailauthSpf };
  const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([server]);
  const r = await spf({
    sender: c.mailFrom,
    ip: c.ip,
    helo: c.helo,
    mta: 'bench.local',
    resolver: (name, type) => resolver.resolve(name, type),
  });
  return r.status.result;
}

/** A fresh resolver (empty cache) whose queries can all be awaited, so none lands in the next count. */
function trackedResolver(server: TestDnsServer): { resolver: DnsResolver; settled: () => Promise<void> } {
  const inner = createResolver({ servers: [server.address], timeoutMs: 2000 });
  const pending = new Set<Promise<unknown>>();
  const resolver: DnsResolver = {
    servers: inner.servers,
    clearCache: () => inner.clearCache(),
    query(name, type, opts) {
      const p = inner.query(name, type, opts);
      pending.add(p);
      void p.finally(() => pending.delete(p));
      return p;
    },
  };
  const settled = async (): Promise<void> => {
    while (pending.size) await Promise.allSettled([...pending]);
  };
  return { resolver, settled };
}

/**
 * Runs one check with `who` against the zone already served: its result, the queries it sent (including
 * any still under way when the result came) and the milliseconds until the result.
 */
export async function countQueries(
  server: TestDnsServer,
  c: SpfCase,
  who: Evaluator,
): Promise<{ result: string; queries: number; ms: number }> {
  const before = server.queries.length;
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  let result: string;
  let ms: number;
  if (who === 'mailauth') {
    result = await mailauthSpf(server.address, c);
    ms = elapsed();
  } else {
    const { resolver, settled } = trackedResolver(server);
    const domain = c.mailFrom.split('@').pop() ?? c.helo;
    if (who === 'checkSpf' || who === 'checkSpfNoIp') {
      const r = await checkSpf(domain, { ip: who === 'checkSpf' ? c.ip : undefined, resolver });
      result = r.ipResult?.result ?? r.published.state;
    } else if (who === 'audit') {
      const session = new DnsSession(resolver, { deadline: Date.now() + 8000 });
      const top = await new AuditWalker(session, { ip: parseClientIp(c.ip) }).walk(domain);
      result = top.state;
    } else {
      const session = new DnsSession(resolver, { deadline: Date.now() + 8000 });
      const r = await checkHostIn(session, c, { prefetch: who === 'ours' });
      result = r.result;
    }
    ms = elapsed();
    await settled();
  }
  return { result, queries: server.queries.length - before, ms };
}
