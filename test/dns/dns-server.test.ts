/**
 * The test DNS server answers the way the conformance suite's authors meant their zone data, asked
 * through the production resolver over real sockets.
 */
import { createResolver, type DnsResolver } from '../../bot/dns';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';

let server: TestDnsServer;
let resolver: DnsResolver;

beforeAll(async () => {
  server = await startDnsServer({});
});
afterAll(() => server.stop());
beforeEach(() => {
  server.setBehaviour('normal');
  server.setDelay(0);
  server.queries.length = 0;
  // No cache between tests: each one sees the zone it set.
  resolver = createResolver({ servers: [server.address], timeoutMs: 300, retries: 0, cacheSize: 0 });
});

test('listens on 127.0.0.1 with one port for UDP and TCP', () => {
  expect(server.host).toBe('127.0.0.1');
  expect(server.address).toBe(`127.0.0.1:${server.port}`);
  expect(server.port).toBeGreaterThan(0);
});

test('serves A, AAAA, MX, PTR and TXT records, names in any case', async () => {
  server.setZone({
    'Mail.Example.com': [{ A: '192.0.2.1' }, { AAAA: '2001:db8::1' }],
    'example.com': [{ MX: [10, 'Mail.Example.com.'] }, { TXT: 'hello' }],
    '1.2.0.192.in-addr.arpa': [{ PTR: 'mail.example.com.' }],
  });
  expect((await resolver.query('mail.EXAMPLE.com', 'A')).records.map((r) => r.data)).toEqual(['192.0.2.1']);
  expect((await resolver.query('mail.example.com', 'AAAA')).records.map((r) => r.data)).toEqual(['2001:db8::1']);
  const mx = await resolver.query('example.com', 'MX');
  expect(mx.records.map((r) => [r.preference, r.data])).toEqual([[10, 'mail.example.com']]);
  expect((await resolver.query('1.2.0.192.in-addr.arpa', 'PTR')).records[0]?.data).toBe('mail.example.com');
  expect((await resolver.query('example.com', 'TXT')).records[0]?.strings).toEqual(['hello']);
});

test('tells a name that does not exist (NXDOMAIN) from one without that type (NODATA)', async () => {
  server.setZone({ 'a.example.com': [{ A: '192.0.2.1' }], 'deep.b.example.com': [{ A: '192.0.2.2' }] });
  expect((await resolver.query('a.example.com', 'TXT')).status).toBe('NODATA');
  expect((await resolver.query('nope.example.com', 'A')).status).toBe('NXDOMAIN');
  // b.example.com has a name below it, so it exists without data.
  expect((await resolver.query('b.example.com', 'A')).status).toBe('NODATA');
});

test('serves multi-string and zero-string TXT records as such', async () => {
  server.setZone({ 'null.example.com': [{ TXT: ['v=spf1 ip4:', '192.0.2.5 -all'] }, { TXT: [] }] });
  const r = await resolver.query('null.example.com', 'TXT');
  expect(r.records.map((x) => x.strings)).toEqual([['v=spf1 ip4:', '192.0.2.5 -all'], []]);
  expect(r.records.map((x) => x.data)).toEqual(['v=spf1 ip4:192.0.2.5 -all', '']);
});

test('splits a string longer than 255 bytes into 255-byte pieces', async () => {
  const long = 'x'.repeat(300);
  server.setZone({ 'long.example.com': [{ TXT: long }] });
  const r = await resolver.query('long.example.com', 'TXT');
  expect(r.records[0]?.strings?.map((s) => s.length)).toEqual([255, 45]);
  expect(r.records[0]?.data).toBe(long);
});

test('serves an SPF entry as type SPF, and as TXT only when the name has no TXT entry', async () => {
  server.setZone({
    'spfonly.example.com': [{ SPF: 'v=spf1 -all' }],
    'both.example.com': [{ SPF: 'v=spf1 +all' }, { TXT: 'v=spf1 -all' }],
    'none.example.com': [{ SPF: 'v=spf1 -all' }, { TXT: 'NONE' }],
  });
  expect((await resolver.query('spfonly.example.com', 'TXT')).records.map((r) => r.data)).toEqual(['v=spf1 -all']);
  expect((await resolver.query('spfonly.example.com', 'SPF')).records.map((r) => r.data)).toEqual(['v=spf1 -all']);
  expect((await resolver.query('both.example.com', 'TXT')).records.map((r) => r.data)).toEqual(['v=spf1 -all']);
  expect((await resolver.query('none.example.com', 'TXT')).status).toBe('NODATA');
  expect((await resolver.query('none.example.com', 'SPF')).records.map((r) => r.data)).toEqual(['v=spf1 -all']);
});

test("TIMEOUT: a name never answers for types not listed before it; absent 'error.' names never answer", async () => {
  server.setZone({ 'slow.example.com': [{ TXT: 'v=spf1 -all' }, 'TIMEOUT'] });
  expect((await resolver.query('slow.example.com', 'TXT')).status).toBe('OK');
  const a = await resolver.query('slow.example.com', 'A');
  expect(a.status).toBe('TIMEOUT');
  expect(a.server).toBe(server.address);
  expect((await resolver.query('error.example.com', 'A')).status).toBe('TIMEOUT');
  expect((await resolver.query('other.example.com', 'A')).status).toBe('NXDOMAIN');
});

test('follows CNAMEs inside the zone; a CNAME loop is SERVFAIL', async () => {
  server.setZone({
    'b.example.org': [{ CNAME: 'a.example.org' }],
    'a.example.org': [{ TXT: 'v=spf1 -all' }],
    'loop.example.com': [{ CNAME: 'CNAME.example.com.' }],
    'cname.example.com': [{ CNAME: 'CNAME.example.com.' }],
  });
  const r = await resolver.query('b.example.org', 'TXT');
  expect(r.records.map((x) => [x.name, x.data])).toEqual([['a.example.org', 'v=spf1 -all']]);
  expect((await resolver.query('loop.example.com', 'A')).status).toBe('SERVFAIL');
});

test('TTLs: 300 by default, a per-name default, and a per-entry value', async () => {
  server.setZone({
    'd.example.com': [{ A: '192.0.2.1' }],
    'n.example.com': [{ TTL: 60 }, { A: '192.0.2.2' }, { A: '192.0.2.3', ttl: 5 }],
  });
  expect((await resolver.query('d.example.com', 'A')).records[0]?.ttl).toBe(300);
  const n = await resolver.query('n.example.com', 'A');
  expect(n.records.map((r) => r.ttl)).toEqual([60, 5]);
  expect((await resolver.query('n.example.com', 'TXT')).ttl).toBe(60);
});

test('truncates big UDP answers so the client asks again over TCP', async () => {
  const many = Array.from({ length: 40 }, (_, i) => ({ TXT: `record number ${i} ${'y'.repeat(40)}` }));
  server.setZone({ 'big.example.com': many });
  const r = await resolver.query('big.example.com', 'TXT');
  expect(r.records).toHaveLength(40);
  expect(r.transport).toBe('tcp');
  expect(server.queries.map((q) => q.transport)).toEqual(['udp', 'tcp']);
});

test("behaviours: 'silent' never answers, 'servfail' fails everything, 'truncate' forces TCP", async () => {
  server.setZone({ 'x.example.com': [{ A: '192.0.2.9' }] });
  server.setBehaviour('silent');
  expect((await resolver.query('x.example.com', 'A')).status).toBe('TIMEOUT');
  server.setBehaviour('servfail');
  expect((await resolver.query('x.example.com', 'A')).status).toBe('SERVFAIL');
  server.setBehaviour('truncate');
  server.queries.length = 0;
  const r = await resolver.query('x.example.com', 'A');
  expect(r.records.map((x) => x.data)).toEqual(['192.0.2.9']);
  expect(server.queries).toEqual([
    { name: 'x.example.com', type: 'A', transport: 'udp' },
    { name: 'x.example.com', type: 'A', transport: 'tcp' },
  ]);
});

test('a delay holds every answer back', async () => {
  server.setZone({ 'x.example.com': [{ A: '192.0.2.9' }] });
  server.setDelay(1000);
  // The answer comes after the client stopped waiting.
  expect((await resolver.query('x.example.com', 'A')).status).toBe('TIMEOUT');
  server.setDelay(0);
  expect((await resolver.query('x.example.com', 'A')).status).toBe('OK');
});
