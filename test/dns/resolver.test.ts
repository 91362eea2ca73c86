/** The production resolver against a real DNS server on 127.0.0.1. */
import { createResolver, parseDnsServers } from '../../bot/dns';
import { startDnsServer, useDnsServer, type ZoneData } from '../helpers/dns-server';

const ZONE: ZoneData = {
  'example.com': [{ TXT: ['v=spf1 include:_spf.example.com ', '-all'] }, { A: '192.0.2.10' }, { TTL: 120 }],
  'only-a.example.com': [{ A: '192.0.2.11' }],
  'short.example.com': [{ A: '192.0.2.12', ttl: 1 }],
  'silent.example.com': ['TIMEOUT'],
  // Two large SPF-style TXT answers (a long include list split in 255-byte strings), each about 5.8 KB.
  'big-1.example.com': [{ TXT: Array.from({ length: 24 }, (_, i) => `ip4:198.51.${i}.0/24 `.repeat(12).slice(0, 250)) }, { TTL: 300 }],
  'big-2.example.com': [{ TXT: Array.from({ length: 24 }, (_, i) => `ip4:203.0.${i}.0/24 `.repeat(12).slice(0, 250)) }, { TTL: 300 }],
};

const dns = useDnsServer(ZONE);

function resolverFor(extra: Parameters<typeof createResolver>[0] = {}) {
  return createResolver({ servers: [dns.server.address], timeoutMs: 300, ...extra });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('answers', () => {
  test('joins the strings of a multi-string TXT record with nothing between them', async () => {
    const r = await resolverFor().query('example.com', 'TXT');
    expect(r.status).toBe('OK');
    expect(r.records[0]?.data).toBe('v=spf1 include:_spf.example.com -all');
    expect(r.records[0]?.strings).toEqual(['v=spf1 include:_spf.example.com ', '-all']);
    expect(r.records[0]?.ttl).toBe(120);
    expect(r.transport).toBe('udp');
    expect(r.server).toBe(dns.server.address);
  });

  test('NXDOMAIN and NODATA are told apart, and a name DNS cannot carry is refused without a query', async () => {
    const resolver = resolverFor();
    expect((await resolver.query('missing.example.com', 'TXT')).status).toBe('NXDOMAIN');
    expect((await resolver.query('only-a.example.com', 'TXT')).status).toBe('NODATA');
    const bad = await resolver.query(`${'a'.repeat(64)}.example.com`, 'TXT');
    expect(bad).toMatchObject({ status: 'BADNAME', detail: 'label-too-long' });
    expect(dns.server.queries.map((q) => q.name)).toEqual(['missing.example.com', 'only-a.example.com']);
  });

  test('asks names holding ":" and "/" that node:dns refuses', async () => {
    dns.server.setZone({ '1.2.3.4:x/y.example.com': [{ A: '127.0.0.2' }] });
    const r = await resolverFor().query('1.2.3.4:x/y.example.com', 'A');
    expect(r.records.map((x) => x.data)).toEqual(['127.0.0.2']);
  });

  test('falls back to TCP when the UDP answer is truncated', async () => {
    dns.server.setBehaviour('truncate');
    const r = await resolverFor().query('example.com', 'A');
    expect(r).toMatchObject({ status: 'OK', transport: 'tcp' });
    expect(dns.server.queries.map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });
});

describe('failures', () => {
  test('a server that never answers: one retry, then TIMEOUT naming the server', async () => {
    const r = await resolverFor({ retries: 1 }).query('silent.example.com', 'TXT');
    expect(r).toMatchObject({ status: 'TIMEOUT', server: dns.server.address });
    expect(dns.server.queries.map((q) => q.transport)).toEqual(['udp', 'udp']);
  });

  test('SERVFAIL and REFUSED-style failures are reported, not thrown', async () => {
    dns.server.setBehaviour('servfail');
    const r = await resolverFor().query('example.com', 'TXT');
    expect(r).toMatchObject({ status: 'SERVFAIL', server: dns.server.address, records: [] });
  });

  test('moves on to the next server when the first one is silent', async () => {
    const silent = await startDnsServer({});
    silent.setBehaviour('silent');
    try {
      const r = await createResolver({ servers: [silent.address, dns.server.address], timeoutMs: 200, retries: 0 }).query(
        'example.com',
        'A',
      );
      expect(r).toMatchObject({ status: 'OK', server: dns.server.address });
      expect(silent.queries).toHaveLength(1);
    } finally {
      await silent.stop();
    }
  });

  test('an overall deadline stops a slow query with TIMEOUT (deadline)', async () => {
    dns.server.setDelay(2000);
    const r = await resolverFor({ timeoutMs: 5000 }).query('example.com', 'A', { deadline: Date.now() + 300 });
    expect(r).toMatchObject({ status: 'TIMEOUT', detail: 'deadline' });
  });

  test('an AbortSignal stops a query', async () => {
    dns.server.setBehaviour('silent');
    const ac = new AbortController();
    const p = resolverFor({ timeoutMs: 5000 }).query('example.com', 'A', { signal: ac.signal });
    ac.abort();
    expect(await p).toMatchObject({ status: 'TIMEOUT', detail: 'aborted' });
  });
});

describe('cache', () => {
  test('answers from the cache for the TTL; "check again" bypasses it', async () => {
    const resolver = resolverFor();
    await resolver.query('example.com', 'TXT');
    const cached = await resolver.query('example.com', 'TXT');
    expect(cached.fromCache).toBe(true);
    expect(cached.records[0]?.data).toBe('v=spf1 include:_spf.example.com -all');
    expect(dns.server.queries).toHaveLength(1);

    dns.server.setZone({ 'example.com': [{ TXT: 'v=spf1 -all' }] });
    const fresh = await resolver.query('example.com', 'TXT', { bypassCache: true });
    expect(fresh.fromCache).toBe(false);
    expect(fresh.records[0]?.data).toBe('v=spf1 -all');
    expect(dns.server.queries).toHaveLength(2);
    // The fresh answer replaced the old one in the cache.
    expect((await resolver.query('example.com', 'TXT')).records[0]?.data).toBe('v=spf1 -all');
  });

  test('negative answers are cached for the SOA minimum; failures are not cached', async () => {
    const resolver = resolverFor();
    await resolver.query('missing.example.com', 'A');
    expect((await resolver.query('missing.example.com', 'A')).fromCache).toBe(true);
    dns.server.setBehaviour('servfail');
    await resolver.query('only-a.example.com', 'MX');
    dns.server.setBehaviour('normal');
    expect((await resolver.query('only-a.example.com', 'MX')).status).toBe('NODATA');
  });

  test('an answer is asked again once its TTL has run out', async () => {
    const resolver = resolverFor();
    await resolver.query('short.example.com', 'A');
    await sleep(1100);
    const again = await resolver.query('short.example.com', 'A');
    expect(again.fromCache).toBe(false);
    expect(dns.server.queries).toHaveLength(2);
  });

  test('keeps at most cacheSize answers, dropping the least recently used', async () => {
    const resolver = resolverFor({ cacheSize: 2 });
    await resolver.query('example.com', 'A');
    await resolver.query('only-a.example.com', 'A');
    await resolver.query('example.com', 'A'); // now the most recently used
    await resolver.query('example.com', 'TXT'); // evicts only-a
    expect((await resolver.query('example.com', 'A')).fromCache).toBe(true);
    expect((await resolver.query('only-a.example.com', 'A')).fromCache).toBe(false);
  });

  test('keeps at most cacheBytes of answers: large answers push out the least recently used, small ones stay', async () => {
    const { answerBytes } = await import('../../bot/dns/resolver');
    const resolver = resolverFor({ cacheBytes: 40_000 });
    const small = await resolver.query('example.com', 'A');
    const big1 = await resolver.query('big-1.example.com', 'TXT');
    expect(big1.status).toBe('OK');
    const oneBig = answerBytes('TXT big-1.example.com', big1);
    // The estimate counts every character of the answer, at two bytes each.
    expect(oneBig).toBeGreaterThan(2 * 2 * 5000);
    expect(oneBig).toBeLessThan(40_000);
    expect(answerBytes('A example.com', small)).toBeLessThan(1000);
    await resolver.query('example.com', 'A'); // the small answer is now the most recently used
    await resolver.query('big-2.example.com', 'TXT'); // two big answers do not fit: big-1 goes
    expect((await resolver.query('example.com', 'A')).fromCache).toBe(true);
    expect((await resolver.query('big-2.example.com', 'TXT')).fromCache).toBe(true);
    expect((await resolver.query('big-1.example.com', 'TXT')).fromCache).toBe(false);
  });

  test('an answer larger than the whole budget is answered but not cached', async () => {
    const resolver = resolverFor({ cacheBytes: 10_000 });
    await resolver.query('example.com', 'A');
    expect((await resolver.query('big-1.example.com', 'TXT')).status).toBe('OK');
    expect((await resolver.query('big-1.example.com', 'TXT')).fromCache).toBe(false);
    expect((await resolver.query('example.com', 'A')).fromCache).toBe(true);
  });

  test("one asker's short deadline does not cut short another asker of the same question", async () => {
    dns.server.setDelay(400);
    const resolver = resolverFor({ timeoutMs: 2000 });
    const hurried = resolver.query('example.com', 'A', { deadline: Date.now() + 100 });
    const patient = resolver.query('example.com', 'A');
    expect(await hurried).toMatchObject({ status: 'TIMEOUT', detail: 'deadline' });
    expect(await patient).toMatchObject({ status: 'OK' });
  });

  test('concurrent askers of one question share one query', async () => {
    const resolver = resolverFor();
    const all = await Promise.all([1, 2, 3].map(() => resolver.query('example.com', 'A')));
    expect(all.map((r) => r.records[0]?.data)).toEqual(['192.0.2.10', '192.0.2.10', '192.0.2.10']);
    expect(dns.server.queries).toHaveLength(1);
  });
});

test('caps the queries in flight: with a cap of 1, a second query waits for a silent first one', async () => {
  const resolver = resolverFor({ maxConcurrent: 1, retries: 0 });
  const order: string[] = [];
  const first = resolver.query('silent.example.com', 'A').then((r) => order.push(`silent:${r.status}`));
  const second = resolver.query('example.com', 'A').then((r) => order.push(`example:${r.status}`));
  await Promise.all([first, second]);
  expect(order).toEqual(['silent:TIMEOUT', 'example:OK']);
});

describe('parseDnsServers', () => {
  test('reads host, host:port, [IPv6]:port and bare IPv6; unset means the system default', () => {
    expect(parseDnsServers('1.1.1.1, 127.0.0.1:5353,[::1]:53,2001:db8::1')).toEqual([
      '1.1.1.1',
      '127.0.0.1:5353',
      '[::1]:53',
      '2001:db8::1',
    ]);
    expect(parseDnsServers(undefined)).toEqual([]);
    expect(parseDnsServers('  ')).toEqual([]);
  });

  test('throws a clear error naming a bad entry', () => {
    expect(() => parseDnsServers('1.1.1.1,dns.google')).toThrow(/"dns.google".*not an IP address/);
    expect(() => parseDnsServers('1.1.1.1:99999')).toThrow(/not a port number/);
    expect(() => parseDnsServers('1.1.1.1,,8.8.8.8')).toThrow(/empty entry/);
    expect(() => parseDnsServers('[::1]:x')).toThrow(/not a port number/);
  });
});
