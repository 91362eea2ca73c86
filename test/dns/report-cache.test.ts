/**
 * Reports reused while their answers are fresh (bot/dns/report-cache.ts): for the same request only, until
 * the first of its answers expires, never after a failure, never for "Check again", bounded, and saying
 * truthfully when their answers were fetched.
 */
import { dnsChecks } from '../../bot/dns/checks';
import { ReportCache, reused, type Stamped } from '../../bot/dns/report-cache';
import type { DnsResolver, DnsResult } from '../../bot/dns/resolver';
import type { SpfReport } from '../../bot/dns/types';
import { useDnsServer, type ZoneData } from '../helpers/dns-server';

const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'contoso-example.mail.protection.outlook.com'] }, { TTL: 3600 }],
  '_dmarc.contoso.example': [{ TXT: 'v=DMARC1; p=reject' }, { TTL: 3600 }],
  'fabrikam.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { TTL: 3600 }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 -all' }, { TTL: 3600 }],
  'silent.example': ['TIMEOUT'],
};

const dns = useDnsServer(ZONE);
const checksFor = (): ReturnType<typeof dnsChecks> => dnsChecks({ dnsServers: [dns.server.address], dnsTimeoutMs: 300, spfDeadlineMs: 1500 });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('SPF reports through dnsChecks', () => {
  it('reuses the report for the same request: no evaluation, and it says when its answers were fetched', async () => {
    const checks = checksFor();
    const req = { domain: 'contoso.example', ip: '203.0.113.9', microsoft365: true };
    const first = await checks.spf(req);
    expect(first.cachedSince).toBeUndefined();
    await sleep(20);
    const asked = dns.server.queries.length;
    const second = await checks.spf(req);
    expect(dns.server.queries.length).toBe(asked);
    // The same report, checked now, from answers fetched by the first check.
    const unstamped = ({ checkedAt: _checked, cachedSince: _since, ...r }: SpfReport): Omit<SpfReport, 'checkedAt' | 'cachedSince'> => r;
    expect(unstamped(second)).toEqual(unstamped(first));
    expect(Date.parse(second.checkedAt)).toBeGreaterThan(Date.parse(first.checkedAt));
    expect(second.cachedSince).toBe(first.checkedAt);
    // A third reuse still names the first check as when the answers were fetched.
    expect((await checks.spf(req)).cachedSince).toBe(first.checkedAt);
  });

  it('gives another request its own report', async () => {
    const checks = checksFor();
    const a = await checks.spf({ domain: 'contoso.example', ip: '203.0.113.9', microsoft365: true });
    const b = await checks.spf({ domain: 'contoso.example', ip: '198.51.100.7', microsoft365: true });
    const c = await checks.spf({ domain: 'contoso.example', ip: '203.0.113.9', microsoft365: false });
    expect(a.ipResult?.result).toBe('fail');
    expect(b.ipResult?.result).toBe('pass');
    // Not on Microsoft 365 by the bounce's word: the missing include is told from the MX instead.
    expect(c.findings.find((f) => f.code === 'm365.include.missing')?.params.basis).toBe('mx');
    expect(a.findings.find((f) => f.code === 'm365.include.missing')?.params.basis).toBe('bounce');
  });

  it('checks afresh on "Check again", and keeps what it found', async () => {
    const checks = checksFor();
    const req = { domain: 'fabrikam.example', microsoft365: false };
    await checks.spf(req);
    dns.server.setZone({ ...ZONE, 'fabrikam.example': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }, { TTL: 3600 }] });
    const asked = dns.server.queries.length;
    const again = await checks.spf({ ...req, bypassCache: true });
    expect(dns.server.queries.length).toBeGreaterThan(asked);
    expect(again.published.records).toEqual(['v=spf1 ip4:192.0.2.0/24 -all']);
    expect(again.cachedSince).toBeUndefined();
    expect((await checks.spf(req)).published.records).toEqual(['v=spf1 ip4:192.0.2.0/24 -all']);
  });

  it('never keeps a report that rests on a failed answer', async () => {
    const checks = checksFor();
    const first = await checks.spf({ domain: 'silent.example', microsoft365: false });
    expect(first.incomplete).toBeDefined();
    const asked = dns.server.queries.length;
    await checks.spf({ domain: 'silent.example', microsoft365: false });
    expect(dns.server.queries.length).toBeGreaterThan(asked);
  });

  it('reuses the authentication report, its SPF part stamped alike', async () => {
    const checks = checksFor();
    const req = { fromDomain: 'contoso.example', ip: '203.0.113.9', signatures: [{ domain: 'contoso.example', selector: 's1' }], microsoft365: true };
    const first = await checks.authentication(req);
    await sleep(20);
    const second = await checks.authentication(req);
    expect(second.cachedSince).toBe(first.cachedSince ?? first.checkedAt);
    expect(second.spf.cachedSince).toBe(first.spf.cachedSince ?? first.spf.checkedAt);
    expect(Date.parse(second.spf.checkedAt)).toBeGreaterThan(Date.parse(first.spf.checkedAt));
    expect(second.findings).toEqual(first.findings);
    expect(second.keys).toEqual(first.keys);
  });
});

// ---------------------------------------------------------------------------------------------- the cache

interface Report extends Stamped {
  n: number;
  nested?: { list: number[] };
}

/** A resolver answering every question at once with the TTL (or failure) given for its name. */
function fakeResolver(ttls: Record<string, number | undefined>): DnsResolver {
  return {
    servers: ['fake'],
    clearCache: () => undefined,
    query: async (name, type): Promise<DnsResult> => {
      const ttl = ttls[name];
      return ttl === undefined ? { name, type, status: 'TIMEOUT', records: [], fromCache: false } : { name, type, status: 'OK', records: [], ttl, fromCache: false };
    },
  };
}

function setup(limits: { maxEntries?: number; maxBytes?: number } = {}) {
  let clock = 1_000_000;
  const cache = new ReportCache<Report>({ ...limits, now: () => clock });
  let runs = 0;
  const check =
    (names: string[], extra: Partial<Report> = {}) =>
    async (r: DnsResolver): Promise<Report> => {
      runs++;
      await Promise.all(names.map((n) => r.query(n, 'TXT')));
      return { n: runs, checkedAt: new Date(clock).toISOString(), nested: { list: [1, 2] }, ...extra };
    };
  return { cache, check, runs: () => runs, tick: (s: number) => (clock += s * 1000) };
}

describe('ReportCache', () => {
  const resolver = fakeResolver({ long: 3600, short: 5, failed: undefined, zero: 0 });

  it('keeps a report until the first of its answers expires', async () => {
    const { cache, check, runs, tick } = setup();
    await cache.get('k', resolver, check(['long', 'short']), reused);
    tick(4);
    expect((await cache.get('k', resolver, check(['long', 'short']), reused)).n).toBe(1);
    tick(2);
    expect((await cache.get('k', resolver, check(['long', 'short']), reused)).n).toBe(2);
    expect(runs()).toBe(2);
  });

  it('keeps nothing that rests on a failed, zero-TTL or unanswered question, or says it is incomplete', async () => {
    for (const names of [['long', 'failed'], ['long', 'zero'], []]) {
      const { cache, check } = setup();
      await cache.get('k', resolver, check(names), reused);
      expect(cache.size).toBe(0);
    }
    const { cache, check } = setup();
    await cache.get('k', resolver, check(['long'], { incomplete: { reason: 'timeout' } }), reused);
    expect(cache.size).toBe(0);
    const pending: DnsResolver = { ...resolver, query: () => new Promise<DnsResult>(() => undefined) };
    const early = async (r: DnsResolver): Promise<Report> => {
      void r.query('never', 'TXT');
      await resolver.query('long', 'TXT');
      return { n: 1, checkedAt: new Date().toISOString() };
    };
    await cache.get('p', pending, early, reused);
    expect(cache.size).toBe(0);
  });

  it('checks afresh when asked to bypass it, and keeps the fresh report', async () => {
    const { cache, check, runs } = setup();
    await cache.get('k', resolver, check(['long']), reused);
    expect((await cache.get('k', resolver, check(['long']), reused, true)).n).toBe(2);
    expect((await cache.get('k', resolver, check(['long']), reused)).n).toBe(2);
    expect(runs()).toBe(2);
  });

  it('shares one check between asks that arrive while it runs', async () => {
    const { cache, check, runs } = setup();
    const all = await Promise.all([1, 2, 3].map(() => cache.get('k', resolver, check(['long']), reused)));
    expect(runs()).toBe(1);
    expect(all.map((r) => r.n)).toEqual([1, 1, 1]);
  });

  it('is bounded in entries and in bytes, the least recently used going first', async () => {
    const few = setup({ maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) await few.cache.get(k, resolver, few.check(['long']), reused);
    expect(few.cache.size).toBe(2);
    await few.cache.get('a', resolver, few.check(['long']), reused);
    expect(few.runs()).toBe(4);

    const small = setup({ maxBytes: 600 });
    for (const k of ['a', 'b', 'c', 'd', 'e']) await small.cache.get(k, resolver, small.check(['long']), reused);
    expect(small.cache.bytes).toBeLessThanOrEqual(600);
    expect(small.cache.size).toBeLessThan(5);
  });

  it('hands out kept reports frozen, stamped as checked now', async () => {
    const { cache, check, tick } = setup();
    const first = await cache.get('k', resolver, check(['long']), reused);
    tick(60);
    const again = await cache.get('k', resolver, check(['long']), reused);
    expect(Object.isFrozen(first) && Object.isFrozen(first.nested!.list)).toBe(true);
    expect(again.nested).toBe(first.nested);
    expect(Date.parse(again.checkedAt) - Date.parse(first.checkedAt)).toBe(60_000);
    expect(again.cachedSince).toBe(first.checkedAt);
  });
});
