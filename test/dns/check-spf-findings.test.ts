/** Every finding checkSpf reports, each proven on a zone built for it, through the real resolver. */
import { checkSpf, type CheckSpfOptions, type Finding, type SpfReport } from '../../bot/dns';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';

let server: TestDnsServer;

const mx = (host: string) => ({ MX: [10, host] as [number, string] });
const longRecord = `v=spf1 ${Array.from({ length: 30 }, (_, i) => `ip4:198.51.100.${i + 1}`).join(' ')} -all`;

const ZONE: ZoneData = {
  // A stand-in for Microsoft's include, narrower than the real one on purpose (no 52.100.0.0/15).
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip6:2a01:111:f400::/48 -all' }],
  'good.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com ip4:192.0.2.0/24 -all' }, mx('mx.good.example'), { A: '192.0.2.10' }],
  '_dmarc.good.example': [{ TXT: 'v=DMARC1; p=reject; sp=quarantine; aspf=s' }],
  'sub.good.example': [{ TXT: 'v=spf1 -all' }],
  'deprecated.example': [{ TXT: 'v=spf1 ip4:192.0.2.1 -all' }, { SPF: 'v=spf1 ip4:192.0.2.1 -all' }],
  'syntax.example': [{ TXT: 'v=spf1 ip4:192.0.2.1 ipv4:192.0.2.2 -all' }],
  'over.example': [{ TXT: 'v=spf1 include:big1.example include:big2.example a mx -all' }, { A: '192.0.2.30' }, mx('mx.over.example')],
  'mx.over.example': [{ A: '192.0.2.31' }],
  'big1.example': [{ TXT: 'v=spf1 a a a a a ~all' }, { A: '192.0.2.32' }],
  'big2.example': [{ TXT: 'v=spf1 a a a a ~all' }, { A: '192.0.2.33' }],
  'voids.example': [{ TXT: 'v=spf1 a:n1.voids.example a:n2.voids.example a:n3.voids.example -all' }],
  'onevoid.example': [{ TXT: 'v=spf1 a:gone.onevoid.example -all' }],
  'loop.example': [{ TXT: 'v=spf1 include:loop2.example -all' }],
  'loop2.example': [{ TXT: 'v=spf1 include:loop.example -all' }],
  'dup.example': [{ TXT: 'v=spf1 include:_a.dup.example include:_b.dup.example -all' }],
  '_a.dup.example': [{ TXT: 'v=spf1 include:_c.dup.example -all' }],
  '_b.dup.example': [{ TXT: 'v=spf1 include:_c.dup.example -all' }],
  '_c.dup.example': [{ TXT: 'v=spf1 ip4:192.0.2.5 -all' }],
  'norec.example': [{ TXT: 'v=spf1 include:missing.norec.example -all' }],
  'long.example': [{ TXT: longRecord }],
  'plusall.example': [{ TXT: 'v=spf1 +all' }],
  'qall.example': [{ TXT: 'v=spf1 ?all' }],
  'tilde.example': [{ TXT: 'v=spf1 ip4:192.0.2.1 ~all' }],
  // Records that let no server pass: what a domain that sends no mail publishes.
  'nothing.example': [{ TXT: 'v=spf1 -all' }],
  'onlynot.example': [{ TXT: 'v=spf1 -ip4:192.0.2.0/24 -include:spf.protection.outlook.com ~all' }],
  'qnothing.example': [{ TXT: 'v=spf1 ?all' }],
  'redirnothing.example': [{ TXT: 'v=spf1 redirect=nothing.example' }],
  'noall.example': [{ TXT: 'v=spf1 ip4:192.0.2.1' }],
  'redir.example': [{ TXT: 'v=spf1 redirect=deprecated.example' }],
  'ptr.example': [{ TXT: 'v=spf1 ptr -all' }],
  'tenant.example': [{ TXT: 'v=spf1 include:_spf.tenant.example -all' }, mx('mx.tenant.example')],
  '_spf.tenant.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  'nom365.example': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }, mx('mx.nom365.example')],
  'bare.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  'nospf.example': [{ A: '192.0.2.61' }],
  'onm365.example': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }, mx('onm365-example.mail.protection.outlook.com')],
  // The sending IP's reverse name: a sending service, and a host of the sender's own domain.
  '7.2.0.192.in-addr.arpa': [{ PTR: 'o7.ptr.sendgrid.net' }],
  'sendgrid.net': [{ TXT: 'v=spf1 ip4:192.0.2.0/28 -all' }],
  '99.2.0.192.in-addr.arpa': [{ PTR: 'mail.nom365.example' }],
  'mail.nom365.example': [{ A: '192.0.2.99' }],
  '98.2.0.192.in-addr.arpa': [{ PTR: 'spoofed.nom365.example' }],
  'spoofed.nom365.example': [{ A: '192.0.2.1' }],
  'slowinc.example': [{ TXT: 'v=spf1 include:slow.example -all' }],
  'slow.example': ['TIMEOUT'],
};

beforeAll(async () => {
  server = await startDnsServer(ZONE);
});
afterAll(() => server.stop());

function check(domain: string, extra: CheckSpfOptions = {}): Promise<SpfReport> {
  return checkSpf(domain, { dnsServers: [server.address], timeoutMs: 300, bypassCache: true, ...extra });
}

const find = (r: SpfReport, code: string): Finding | undefined => r.findings.find((f) => f.code === code);
const codes = (r: SpfReport) => r.findings.map((f) => f.code);

describe('the record itself', () => {
  test('the deprecated SPF RR type', async () => {
    const r = await check('deprecated.example');
    expect(find(r, 'spf.deprecated-type')).toMatchObject({ severity: 'info', params: { domain: 'deprecated.example' } });
    expect(find(await check('tilde.example'), 'spf.deprecated-type')).toBeUndefined();
  });

  test('a syntax error with the term and its position', async () => {
    const r = await check('syntax.example');
    expect(find(r, 'spf.syntax')).toMatchObject({
      severity: 'error',
      params: { domain: 'syntax.example', term: 'ipv4:192.0.2.2', position: 21, reason: 'unknown-mechanism' },
    });
  });

  test('a record over 450 bytes (UDP-unsafe), served as several strings', async () => {
    const r = await check('long.example');
    expect(find(r, 'spf.record.too-long')).toMatchObject({
      params: { domain: 'long.example', bytes: Buffer.byteLength(longRecord), limit: 450 },
    });
    expect(find(r, 'spf.string.too-long')).toBeUndefined();
  });

  test('a draft with one string over 255 characters, not split', async () => {
    const r = await check('good.example', { draft: longRecord });
    expect(r.published).toMatchObject({ state: 'one', draft: true, records: [longRecord] });
    expect(find(r, 'spf.string.too-long')).toMatchObject({ params: { domain: 'good.example', length: longRecord.length } });
  });
});

describe('limits', () => {
  test('lookups over 10: counted on, by how much, and which branches cost most', async () => {
    const r = await check('over.example');
    expect(r.lookups).toBe(13);
    expect(find(r, 'spf.lookups.over')).toMatchObject({
      severity: 'error',
      params: { count: 13, limit: 10, over: 3, branches: ['big1.example=6', 'big2.example=5', 'over.example=2'] },
    });
  });

  test('lookups within the limit', async () => {
    expect(find(await check('good.example'), 'spf.lookups.ok')).toMatchObject({ params: { count: 1, limit: 10 } });
  });

  test('void lookups over 2, with the term behind each', async () => {
    const r = await check('voids.example');
    expect(r.voidLookups).toBe(3);
    const f = find(r, 'spf.void-lookups.over');
    expect(f?.params).toMatchObject({ count: 3, limit: 2 });
    expect(f?.params.terms).toEqual([
      'voids.example: a:n1.voids.example (n1.voids.example NXDOMAIN)',
      'voids.example: a:n2.voids.example (n2.voids.example NXDOMAIN)',
      'voids.example: a:n3.voids.example (n3.voids.example NXDOMAIN)',
    ]);
  });

  test('one void lookup: within the limit, still shown', async () => {
    expect(find(await check('onevoid.example'), 'spf.void-lookups.present')).toMatchObject({
      severity: 'warning',
      params: { count: 1 },
    });
  });

  test('an include loop', async () => {
    const r = await check('loop.example');
    expect(find(r, 'spf.loop')).toMatchObject({ severity: 'error', params: { domain: 'loop.example', via: 'loop2.example' } });
  });

  test('a domain included twice in the tree', async () => {
    expect(find(await check('dup.example'), 'spf.include.duplicate')).toMatchObject({
      params: { domain: '_c.dup.example', count: 2 },
    });
  });

  test('an include of a domain without a record', async () => {
    expect(find(await check('norec.example'), 'spf.include.no-record')).toMatchObject({
      severity: 'error',
      params: { domain: 'missing.norec.example', via: 'norec.example' },
    });
  });
});

describe('policy strength', () => {
  test.each([
    ['plusall.example', 'spf.all.pass', 'warning'],
    ['qall.example', 'spf.all.neutral', 'warning'],
    ['tilde.example', 'spf.all.softfail', 'info'],
    ['deprecated.example', 'spf.all.fail', 'ok'],
    ['noall.example', 'spf.all.missing', 'warning'],
  ])('%s → %s', async (domain, code, severity) => {
    expect(find(await check(domain), code)).toMatchObject({ severity });
  });

  test('the all of a redirect target counts as the record’s', async () => {
    const r = await check('redir.example');
    expect(find(r, 'spf.all.fail')).toMatchObject({ params: { domain: 'deprecated.example', term: '-all' } });
    expect(find(r, 'spf.all.missing')).toBeUndefined();
  });

  test('a record of nothing but -all authorizes no server, said in place of the -all line', async () => {
    const r = await check('nothing.example');
    expect(find(r, 'spf.all.only')).toMatchObject({ severity: 'error', params: { domain: 'nothing.example', term: '-all', record: 'v=spf1 -all' } });
    expect(find(r, 'spf.all.fail')).toBeUndefined();
  });

  test('terms that only say "not these" authorize no server either', async () => {
    expect(find(await check('onlynot.example'), 'spf.all.only')).toMatchObject({ params: { term: '~all' } });
  });

  test('a record that lists a server, a neutral ?all, or a redirect is not said to authorize none', async () => {
    for (const domain of ['tilde.example', 'qnothing.example', 'redirnothing.example', 'good.example']) {
      expect(find(await check(domain), 'spf.all.only')).toBeUndefined();
    }
  });

  test('ptr present', async () => {
    expect(find(await check('ptr.example'), 'spf.ptr')).toMatchObject({ severity: 'warning', params: { term: 'ptr' } });
  });
});

describe('Microsoft 365 and the sending IP', () => {
  test('a tenant whose record reaches the Microsoft include through another include', async () => {
    const r = await check('tenant.example', { microsoft365: true });
    expect(find(r, 'm365.include.present')).toMatchObject({ params: { domain: 'tenant.example', via: '_spf.tenant.example' } });
    expect(find(r, 'm365.include.missing')).toBeUndefined();
  });

  test('a Microsoft sending IP, no Microsoft include: missing, and a verified suggestion', async () => {
    const r = await check('nom365.example', { ip: '40.107.5.5' });
    expect(find(r, 'm365.include.missing')).toMatchObject({ severity: 'error' });
    expect(find(r, 'ip.result')).toMatchObject({ params: { ip: '40.107.5.5', result: 'fail', term: '-all' } });
    expect(r.suggestion).toMatchObject({
      record: 'v=spf1 ip4:192.0.2.0/24 include:spf.protection.outlook.com -all',
      edits: ['add-include:spf.protection.outlook.com'],
      verified: 'pass',
      lookups: 1,
      withinLimits: true,
    });
  });

  test('an IP in the relay pool: the fix is forwarding/DKIM, so no IP is added to the record', async () => {
    const r = await check('good.example', { ip: '40.95.3.4' });
    expect(find(r, 'm365.relay-pool')).toMatchObject({ params: { ip: '40.95.3.4', range: '40.95.0.0/16' } });
    expect(r.suggestion).toBeUndefined();
  });

  test('a Microsoft outbound IP the record does not cover: likely the High Risk Delivery Pool', async () => {
    const r = await check('good.example', { ip: '52.100.1.1' });
    expect(find(r, 'm365.ip-not-covered')).toMatchObject({ params: { ip: '52.100.1.1', domain: 'good.example' } });
    expect(r.suggestion).toBeUndefined();
  });

  test('a tenant domain with no A and no MX record', async () => {
    const r = await check('bare.example', { microsoft365: true });
    expect(find(r, 'm365.no-a-no-mx')).toMatchObject({ severity: 'error', params: { domain: 'bare.example' } });
    expect(find(await check('good.example', { microsoft365: true }), 'm365.no-a-no-mx')).toBeUndefined();
    // The sending IP passed: not through the High Risk Delivery Pool, so only a warning that says so.
    const passed = await check('bare.example', { microsoft365: true, ip: '40.107.9.9' });
    expect(find(passed, 'm365.no-a-no-mx')).toMatchObject({ severity: 'warning', params: { passed: true, ip: '40.107.9.9' } });
  });

  test('an MX on Exchange Online makes the domain a Microsoft 365 sender, with no bounce saying so', async () => {
    const r = await check('onm365.example');
    expect(find(r, 'm365.mx')).toMatchObject({ severity: 'info', params: { host: 'onm365-example.mail.protection.outlook.com' } });
    expect(find(r, 'm365.include.missing')).toMatchObject({ severity: 'error', params: { basis: 'mx' } });
    expect(r.mailHosts).toEqual(['onm365-example.mail.protection.outlook.com']);
    expect(r.suggestion?.record).toBe('v=spf1 ip4:192.0.2.0/24 include:spf.protection.outlook.com -all');
  });

  test('the term for an IP the record does not list: service include, own host (a:), or the address', async () => {
    const zoneRecord = 'v=spf1 ip4:198.51.100.0/24 -all';
    server.setZone({ ...ZONE, 'nom365.example': [{ TXT: zoneRecord }, mx('mx.nom365.example')] });
    try {
      const service = await check('nom365.example', { ip: '192.0.2.7' });
      expect(service.suggestion).toMatchObject({ edits: ['add-include:sendgrid.net'], verified: 'pass', authorizedBy: { basis: 'service', service: 'SendGrid', host: 'o7.ptr.sendgrid.net' } });
      const host = await check('nom365.example', { ip: '192.0.2.99' });
      expect(host.suggestion).toMatchObject({ edits: ['add-a:mail.nom365.example'], verified: 'pass', authorizedBy: { basis: 'host' } });
      // A reverse name that does not resolve back to the address proves nothing: the address itself.
      const spoofed = await check('nom365.example', { ip: '192.0.2.98' });
      expect(spoofed.suggestion).toMatchObject({ edits: ['add-ip4:192.0.2.98'], verified: 'pass', authorizedBy: { basis: 'address' } });
    } finally {
      server.setZone(ZONE);
    }
  });

  test('the sending IP passes: the term that matched', async () => {
    const r = await check('good.example', { ip: '192.0.2.44' });
    expect(find(r, 'ip.result')).toMatchObject({
      severity: 'ok',
      params: { ip: '192.0.2.44', result: 'pass', term: 'ip4:192.0.2.0/24', domain: 'good.example' },
    });
    expect(r.ipResult?.decidingTerm?.term).toBe('ip4:192.0.2.0/24');
    expect(r.suggestion).toBeUndefined();
  });

  test('an IP that is not an IP address: said so, and the rest of the check still runs', async () => {
    const r = await check('good.example', { ip: '999.1.1.1' });
    expect(find(r, 'ip.invalid')).toMatchObject({ params: { ip: '999.1.1.1' } });
    expect(r.ipResult).toBeUndefined();
    expect(codes(r)).toContain('spf.lookups.ok');
  });
});

describe('suggested record', () => {
  test('adds ip4 before all, proves the IP passes, and keeps everything else', async () => {
    const r = await check('good.example', { ip: '203.0.113.50' });
    expect(r.suggestion).toMatchObject({
      record: 'v=spf1 include:spf.protection.outlook.com ip4:192.0.2.0/24 ip4:203.0.113.50 -all',
      edits: ['add-ip4:203.0.113.50'],
      verified: 'pass',
      withinLimits: true,
    });
  });

  test('when the record is already over the limits: says so, with the costliest branches', async () => {
    const r = await check('over.example', { ip: '203.0.113.50' });
    // The new ip4 sits after 13 lookups: evaluation stops at the 11th, so even the draft is a permerror.
    expect(r.suggestion).toMatchObject({ verified: 'permerror', lookups: 13, withinLimits: false });
    expect(r.suggestion?.branches?.[0]).toBe('big1.example=6');
  });

  test('a domain without a record gets a new one', async () => {
    const r = await check('nospf.example', { ip: '2001:db8::61' });
    expect(r.suggestion).toMatchObject({ record: 'v=spf1 ip6:2001:db8::61 -all', newRecord: true, verified: 'pass' });
  });
});

describe('DMARC context', () => {
  test("the domain's own record, strict alignment", async () => {
    const r = await check('good.example');
    expect(r.dmarc).toMatchObject({ domain: 'good.example', policy: 'reject', aspf: 's', spfAlignmentPossible: true });
    expect(find(r, 'dmarc.policy')).toMatchObject({ params: { policy: 'reject', alignment: true } });
  });

  test('a subdomain falls back to the organizational domain and its sp= policy', async () => {
    const r = await check('sub.good.example');
    expect(r.dmarc).toMatchObject({ domain: 'good.example', organizationalDomain: 'good.example', subdomainPolicy: 'quarantine' });
    expect(find(r, 'dmarc.policy')?.params.policy).toBe('quarantine');
  });

  test('strict alignment with a different From domain cannot align', async () => {
    const r = await check('sub.good.example', { fromDomain: 'good.example' });
    expect(find(r, 'dmarc.policy')).toMatchObject({ severity: 'warning', params: { alignment: false } });
  });

  test('no DMARC record', async () => {
    expect(find(await check('tilde.example'), 'dmarc.none')).toMatchObject({ params: { domain: 'tilde.example' } });
  });
});

test('an include that times out: the check says it is incomplete and names the domain', async () => {
  const r = await check('slowinc.example');
  expect(find(r, 'spf.dns-error')).toMatchObject({ params: { domain: 'slow.example', error: 'TIMEOUT' } });
  expect(r.incomplete?.reason).toBe('timeout');
});

test('findings come most important first: error, warning, info, ok', async () => {
  const rank = { error: 0, warning: 1, info: 2, ok: 3 };
  for (const d of ['over.example', 'nom365.example', 'ptr.example', 'voids.example']) {
    const r = await check(d, { ip: '40.107.5.5' });
    const ranks = r.findings.map((f) => rank[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(r.findings[0]?.severity).toBe('error');
  }
});
