/**
 * What a check costs the DNS, counted at the test DNS server: asking ahead must stay within what the
 * evaluation can still reach (RFC 7208 4.6.4 sets the limits "to avoid unreasonable load on the DNS"),
 * and must never change a result. Counts, unlike timings, are the same on every run.
 */
import { checkHostIn } from '../../bot/dns/spf/check-host';
import { DnsSession } from '../../bot/dns/spf/session';
import { createResolver, type SpfResult } from '../../bot/dns';
import { useDnsServer, type ZoneData } from '../helpers/dns-server';
import { countQueries, includeBomb, randomSpfCase, threeDeepTree, type SpfCase } from './spf-zones';

const TREE = threeDeepTree('tree.test');

const ZONE: ZoneData = {
  ...TREE,
  'first.test': [
    { TXT: 'v=spf1 ip4:192.0.2.1 include:l1a.tree.test a mx:mx.first.test exists:%{i}.list.test ptr redirect=tree.test' },
  ],
  'inner.test': [{ TXT: 'v=spf1 include:vendor.test include:other.test a:h1.hosts.test -all' }],
  'vendor.test': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 include:never.test -all' }],
  'other.test': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  'voids.test': [{ TXT: `v=spf1 ${Array.from({ length: 9 }, (_, i) => `a:gone${i}.nx.test`).join(' ')} -all` }],
  'ten-a.test': [
    {
      TXT: `v=spf1 ${Array.from({ length: 10 }, (_, i) => `a:h${i + 1}.hosts.test`).join(' ')} a:h11.hosts.test -all`,
    },
  ],
  ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`h${i + 1}.hosts.test`, [{ A: `203.0.113.${i + 1}` }]])),
};

const dns = useDnsServer(ZONE);

const check = (domain: string, ip: string): SpfCase => ({ zone: ZONE, ip, mailFrom: `postmaster@${domain}`, helo: domain });
const names = () => dns.server.queries.map((q) => `${q.type} ${q.name}`);

describe('asking ahead stays within what the evaluation can reach', () => {
  test('a record whose ip4 matches first asks nothing beyond its own TXT', async () => {
    const r = await countQueries(dns.server, check('first.test', '192.0.2.1'), 'ours');
    expect(r).toMatchObject({ result: 'pass', queries: 1 });
    expect(names()).toEqual(['TXT first.test']);
  });

  test('a match inside an include: nothing behind it is asked once its record is read', async () => {
    const r = await countQueries(dns.server, check('inner.test', '192.0.2.77'), 'ours');
    expect(r.result).toBe('pass');
    // other.test and a:h1 were asked with vendor.test, before its match was known; include:never.test,
    // behind the matching ip4 in vendor.test's record, never was.
    expect(new Set(names())).toEqual(new Set(['TXT inner.test', 'TXT vendor.test', 'TXT other.test', 'A h1.hosts.test']));
    expect(r.queries).toBe(4);
  });

  test.each([2, 3, 4])('an include bomb (10 includes per record, %i levels) costs at most 15 queries', async (levels) => {
    const bomb = includeBomb(levels);
    dns.server.setZone(bomb.zone);
    const r = await countQueries(dns.server, bomb, 'ours');
    expect(r.result).toBe('permerror');
    expect(r.queries).toBeLessThanOrEqual(15);
    // A sequential evaluator asks the top record and the ten records it reaches before the 11th lookup.
    expect(await countQueries(dns.server, bomb, 'sequential')).toMatchObject({ result: 'permerror', queries: 11 });
  });

  test('ten a: terms and an eleventh: never more than an evaluation that matches nothing asks', async () => {
    const none = await countQueries(dns.server, check('ten-a.test', '192.0.2.200'), 'ours');
    expect(none).toMatchObject({ result: 'permerror', queries: 11 });
    dns.server.queries.length = 0;
    const early = await countQueries(dns.server, check('ten-a.test', '203.0.113.1'), 'ours');
    expect(early.result).toBe('pass');
    expect(names()).not.toContain('A h11.hosts.test');
    expect(early.queries).toBeLessThanOrEqual(11);
  });

  test('names that do not exist: the third void lookup ends the check, and nothing past it is asked', async () => {
    const r = await countQueries(dns.server, check('voids.test', '192.0.2.1'), 'ours');
    expect(r).toMatchObject({ result: 'permerror', queries: 4 });
    expect(names()).toEqual(['TXT voids.test', 'A gone0.nx.test', 'A gone1.nx.test', 'A gone2.nx.test']);
  });

  test('a small tree: each of its nine records is asked once, and nothing else', async () => {
    const r = await countQueries(dns.server, check('tree.test', '192.0.2.99'), 'ours');
    expect(r).toMatchObject({ result: 'fail', queries: 9 });
    expect(new Set(names()).size).toBe(9);
  });

  test('while the evaluation waits for one record, the rest of a small tree is already asked', async () => {
    // l3a.tree.test never answers: the evaluation stops there (temperror), yet every other record of the
    // tree, needed next if l3a matched nothing, was asked in the meantime.
    dns.server.setZone({ ...ZONE, 'l3a.tree.test': ['TIMEOUT'] });
    const resolver = createResolver({ servers: [dns.server.address], timeoutMs: 300, retries: 0 });
    const session = new DnsSession(resolver, { deadline: Date.now() + 5000 });
    const r = await checkHostIn(session, check('tree.test', '192.0.2.99'));
    expect(r.result).toBe('temperror');
    expect(new Set(names())).toEqual(new Set(Object.keys(TREE).map((n) => `TXT ${n}`)));
  });

  test('while the evaluation waits in an include bomb, only the next record is asked', async () => {
    const bomb = includeBomb(3);
    dns.server.setZone({ ...bomb.zone, 'b0.b0.bomb.test': ['TIMEOUT'] });
    const resolver = createResolver({ servers: [dns.server.address], timeoutMs: 300, retries: 0 });
    const r = await checkHostIn(new DnsSession(resolver, { deadline: Date.now() + 5000 }), bomb);
    expect(r.result).toBe('temperror');
    expect(names()).toEqual(['TXT bomb.test', 'TXT b0.bomb.test', 'TXT b0.b0.bomb.test']);
  });
});

describe('random zones (seeded): asking ahead changes no result and stays near a sequential evaluator', () => {
  const ZONES = 150;
  // TTLs count down between the two runs; everything else must be the same.
  const strip = (r: SpfResult) => ({
    ...r,
    trace: { ...r.trace, records: r.trace.records.map((x) => ({ ...x, ttl: undefined })) },
  });

  test(`on ${ZONES} generated zones, results, counts and traces equal those without asking ahead`, async () => {
    for (let i = 0; i < ZONES; i++) {
      const c = randomSpfCase(15, i);
      dns.server.setZone(c.zone);
      const run = (prefetch: boolean) => {
        const resolver = createResolver({ servers: [dns.server.address], timeoutMs: 2000 });
        return checkHostIn(new DnsSession(resolver, { deadline: Date.now() + 8000 }), c, { prefetch });
      };
      const [ahead, plain] = [await run(true), await run(false)];
      expect({ zone: i, ...strip(ahead) }).toEqual({ zone: i, ...strip(plain) });
    }
  });

  test(`on ${ZONES} generated zones, fewer queries in all than mailauth asks, one lookup after another`, async () => {
    const total = { ours: 0, mailauth: 0 };
    for (let i = 0; i < ZONES; i++) {
      const c = randomSpfCase(16, i);
      dns.server.setZone(c.zone);
      total.ours += (await countQueries(dns.server, c, 'ours')).queries;
      total.mailauth += (await countQueries(dns.server, c, 'mailauth')).queries;
    }
    expect(total.ours).toBeLessThanOrEqual(total.mailauth);
  });
});
