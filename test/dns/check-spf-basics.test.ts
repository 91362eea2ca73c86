/** checkSpf on the published record: none, one, several, DNS failures, bad input. Never a crash. */
import { checkSpf, createResolver, type SpfReport } from '../../bot/dns';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';

let server: TestDnsServer;

const ZONE: ZoneData = {
  'one.example': [{ TXT: 'v=spf1 ip4:192.0.2.1 -all' }, { TXT: 'google-site-verification=abc' }, { MX: [10, 'mx.one.example'] }],
  'two.example': [{ TXT: 'v=spf1 -all' }, { TXT: 'v=spf1 ~all' }],
  'nospf.example': [{ TXT: 'hello' }, { A: '192.0.2.7' }],
  'm365.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [0, 'm365-example.mail.protection.outlook.com'] }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all' }],
  'slow.example': ['TIMEOUT'],
};

beforeAll(async () => {
  server = await startDnsServer(ZONE);
});
afterAll(() => server.stop());
beforeEach(() => {
  server.setBehaviour('normal');
});

const opts = () => ({ dnsServers: [server.address], timeoutMs: 300, bypassCache: true });
const codes = (r: SpfReport) => r.findings.map((f) => f.code);

test('one record: published with its TTL', async () => {
  const r = await checkSpf('one.example', opts());
  expect(r.published).toEqual({ state: 'one', records: ['v=spf1 ip4:192.0.2.1 -all'], ttl: 300 });
  expect(codes(r)).toContain('spf.one');
  expect(r.dnsServers).toEqual([server.address]);
  expect(r.incomplete).toBeUndefined();
});

test('several records: state several, an error finding with all of them', async () => {
  const r = await checkSpf('Two.Example.', opts());
  expect(r.domain).toBe('two.example');
  expect(r.published.state).toBe('several');
  const f = r.findings.find((x) => x.code === 'spf.multiple');
  expect(f).toMatchObject({ severity: 'error', params: { domain: 'two.example', count: 2 } });
  expect(f?.params.records).toEqual(['v=spf1 -all', 'v=spf1 ~all']);
});

test('no SPF among TXT records: none', async () => {
  const r = await checkSpf('nospf.example', opts());
  expect(r.published.state).toBe('none');
  expect(codes(r)[0]).toBe('spf.none');
});

test('a domain that does not exist: none, with a finding saying so', async () => {
  const r = await checkSpf('does-not-exist.example', opts());
  expect(r.published.state).toBe('none');
  expect(r.findings[0]).toMatchObject({ code: 'domain.not-found', severity: 'error', params: { domain: 'does-not-exist.example' } });
});

test('a DNS server that never answers: error with reason timeout, within the deadline', async () => {
  server.setBehaviour('silent');
  const r = await checkSpf('one.example', { ...opts(), deadlineMs: 1500 });
  expect(r.published.state).toBe('error');
  expect(r.published.error).toBe('TIMEOUT');
  expect(r.incomplete?.reason).toBe('timeout');
  expect(r.findings[0]).toMatchObject({ code: 'spf.dns-error', params: { error: 'TIMEOUT', server: server.address } });
});

test('SERVFAIL: error naming it', async () => {
  server.setBehaviour('servfail');
  const r = await checkSpf('one.example', opts());
  expect(r.published).toMatchObject({ state: 'error', error: 'SERVFAIL' });
  expect(r.incomplete?.reason).toBe('servfail');
});

test.each([
  ['', 'empty-name'],
  ['localhost', 'not-fqdn'],
  ['a..example.com', 'empty-label'],
  [`${'x'.repeat(64)}.example.com`, 'label-too-long'],
  ['192.0.2.1', 'ip-literal'],
  ['exa mple.com', 'bad-characters'],
])('bad input %j: a finding and an incomplete reason, never a throw', async (input, reason) => {
  const r = await checkSpf(input, opts());
  expect(r.findings[0]).toMatchObject({ code: 'domain.invalid', params: { reason } });
  expect(r.incomplete?.reason).toBe(`invalid-domain:${reason}`);
  expect(server.queries.filter((q) => q.name === input)).toHaveLength(0);
});

test('not even a string, or a bad DNS server list: still a report', async () => {
  const r = await checkSpf(undefined as unknown as string, opts());
  expect(r.findings[0]?.code).toBe('domain.invalid');
  const bad = await checkSpf('one.example', { dnsServers: ['not-an-ip'] });
  expect(bad.incomplete?.reason).toBe('bad-dns-server');
});

test('an e-mail address is checked for its domain; Unicode names go out as punycode', async () => {
  const r = await checkSpf('postmaster@one.example', opts());
  expect(r.domain).toBe('one.example');
  expect(r.published.state).toBe('one');
  const idn = await checkSpf('bücher.example', opts());
  expect(idn.domain).toBe('xn--bcher-kva.example');
});

test('Microsoft 365 tenant: include present or missing', async () => {
  const present = await checkSpf('m365.example', { ...opts(), microsoft365: true });
  expect(present.findings.find((f) => f.code.startsWith('m365.include'))).toMatchObject({ code: 'm365.include.present' });
  const missing = await checkSpf('one.example', { ...opts(), microsoft365: true });
  expect(missing.findings.find((f) => f.code.startsWith('m365.include'))).toMatchObject({
    code: 'm365.include.missing',
    severity: 'error',
    params: { basis: 'bounce' },
  });
  // Not said to be a tenant and no Microsoft include: nothing about Microsoft 365.
  const silent = await checkSpf('one.example', opts());
  expect(silent.findings.some((f) => f.code.startsWith('m365.'))).toBe(false);
});

test('a resolver can be passed in and is used', async () => {
  const resolver = createResolver({ servers: [server.address], timeoutMs: 300 });
  server.queries.length = 0;
  const r = await checkSpf('one.example', { resolver });
  expect(r.published.state).toBe('one');
  expect(server.queries.length).toBeGreaterThan(0);
});
