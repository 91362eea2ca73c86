/**
 * Whether the recipient's domain can receive mail, as DNS answers now, against a real DNS server: its MX
 * records, the addresses of the hosts they name, or the domain's own address with no MX.
 */
import { checkMailHost } from '../../bot/dns/check-mail-host';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({
    'northwind.example': [{ MX: [10, 'mx1.northwind.example'] }, { MX: [20, 'mx2.northwind.example'] }],
    'mx2.northwind.example': [{ AAAA: '2001:db8::25' }],
    'nowhere-mx.example': [{ MX: [10, 'mx.gone.example'] }, { MX: [20, 'mx2.gone.example'] }],
    'gone.example': [{ A: '192.0.2.30' }],
    'slow-mx.example': [{ MX: [10, 'error.slow-mx.example'] }],
    'implicit.example': [{ A: '192.0.2.40' }],
    'nullmx.example': [{ MX: [0, '.'] }],
  });
});
afterAll(() => dns.stop());

const check = (domain: string) => checkMailHost(domain, { dnsServers: [dns.address], timeoutMs: 300, deadlineMs: 2000, bypassCache: true });

it('takes mail when one of its MX hosts has an address (the first one has none)', async () => {
  const r = await check('northwind.example');
  expect(r.state).toBe('ok');
  expect(r.mx).toEqual(['mx1.northwind.example', 'mx2.northwind.example']);
});

it('takes no mail when no host its MX records name has an address', async () => {
  const r = await check('nowhere-mx.example');
  expect(r.state).toBe('mx-without-address');
  expect(r.mx).toEqual(['mx.gone.example', 'mx2.gone.example']);
});

it("a host whose lookup gets no answer proves nothing: the domain isn't said to take no mail (guard)", async () => {
  expect((await check('slow-mx.example')).state).toBe('ok');
});

it('reads the rest as before: no MX but an address, a null MX, no such domain (guards)', async () => {
  expect((await check('implicit.example')).state).toBe('ok');
  expect((await check('nullmx.example')).state).toBe('no-mail-host');
  expect((await check('absent.example')).state).toBe('nxdomain');
});
