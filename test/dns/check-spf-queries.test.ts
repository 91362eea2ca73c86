/**
 * What the support engineer's check (checkSpf: the audit walk, the evaluation and the report) costs the
 * DNS, counted at the test DNS server, and whether its findings stay true where the audit walk stops.
 * The walk reads a tree of up to 20 lookups whole; past that, what the first 10 lookups reach, in
 * evaluation order, so the same zone gives the same report whatever order the answers come in.
 * Counts, unlike timings, are the same on every run.
 */
import { diagnosisCard, SUPPORTED_LOCALES, words } from '../../bot/cards';
import { checkDomain } from '../../bot/diagnosis';
import { checkSpf, createResolver, type DnsResolver, type Finding, type SpfReport } from '../../bot/dns';
import { AuditWalker, subtreeLookups } from '../../bot/dns/spf/audit';
import { parseClientIp } from '../../bot/dns/spf/ip';
import { DnsSession } from '../../bot/dns/spf/session';
import { useDnsServer, type ZoneData } from '../helpers/dns-server';
import { cardTexts } from '../helpers/http-harness';
import { checksFor } from '../helpers/scenarios';
import { aFlood, bombLookups, countQueries, includeBomb, prng, randomSpfCase } from './spf-zones';

const hosts = (prefix: string, n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `h${from + i}.${prefix}`);
const withA = (names: string[]): ZoneData => Object.fromEntries(names.map((h) => [h, [{ A: '203.0.113.7' }]]));
const spf = (text: string): ZoneData[string] => [{ TXT: `v=spf1 ${text}` }];
const OUTLOOK_MX = { MX: [10, 'tenant-test.mail.protection.outlook.com'] as [number, string] };

/** 20 lookups: t1 = 1, its nine a: terms 2–10, t2 = 11, its nine 12–20 (the last one a name that does not exist). */
const TWENTY = {
  'twenty.test': spf('include:t1.twenty.test include:t2.twenty.test -all'),
  't1.twenty.test': spf(`${hosts('t1.twenty.test', 9).map((h) => `a:${h}`).join(' ')} -all`),
  't2.twenty.test': spf(`${hosts('t2.twenty.test', 8).map((h) => `a:${h}`).join(' ')} a:gone.twenty.test -all`),
  ...withA([...hosts('t1.twenty.test', 9), ...hosts('t2.twenty.test', 8)]),
};

/**
 * 30 lookups: big = 1, its 25 a: terms 2–26 (a name that does not exist at 5 and at 20), late = 27, its
 * three a: terms 28–30. The walk reads big (lookup 1) and counts 27; late (lookup 27, past 20 counted) is
 * never asked, nor anything past the 10th lookup.
 */
const bigHosts = hosts('big.past.test', 25).map((h, i) => (i === 3 || i === 18 ? `gone${i}.past.test` : h));
const PAST = {
  'past.test': spf('include:big.past.test include:late.past.test -all'),
  'big.past.test': spf(`${bigHosts.map((h) => `a:${h}`).join(' ')} -all`),
  'late.past.test': spf(`${hosts('late.past.test', 3).map((h) => `a:${h}`).join(' ')} -all`),
  ...withA([...bigHosts.filter((h) => !h.startsWith('gone')), ...hosts('late.past.test', 3)]),
  // The same shape for a Microsoft 365 tenant whose include sits in the record past the walk's scope.
  'tenant.test': [...spf('include:big.past.test include:_spf.tenant.test -all'), OUTLOOK_MX],
  '_spf.tenant.test': spf('include:spf.protection.outlook.com -all'),
  'spf.protection.outlook.com': spf('ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all'),
};

const ZONE: ZoneData = { ...TWENTY, ...PAST };
const dns = useDnsServer(ZONE);

const asked = (): string[] => dns.server.queries.map((q) => `${q.type} ${q.name}`);
const txtAsked = (): string[] => dns.server.queries.filter((q) => q.type === 'TXT' && !q.name.startsWith('_dmarc.')).map((q) => q.name);
const find = (r: SpfReport, code: string): Finding | undefined => r.findings.find((f) => f.code === code);
const codes = (r: SpfReport): string[] => r.findings.map((f) => f.code);

/** Runs `fn` with `zone` served, then the test zone again. */
async function withZone(zone: ZoneData, fn: () => Promise<void>): Promise<void> {
  dns.server.setZone(zone);
  try {
    await fn();
  } finally {
    dns.server.setZone(ZONE);
  }
}

/** The include bomb for a Microsoft 365 tenant (its MX on Exchange Online). */
function tenantBomb(levels: number): ZoneData {
  const bomb = includeBomb(levels);
  return { ...bomb.zone, 'bomb.test': [...(bomb.zone['bomb.test'] ?? []), OUTLOOK_MX] };
}

/** checkSpf with a fresh cache; the queries it sent are in `dns.server.queries`. */
async function check(domain: string, opts: { ip?: string; microsoft365?: boolean; resolver?: DnsResolver } = {}): Promise<SpfReport> {
  dns.server.queries.length = 0;
  const resolver = opts.resolver ?? createResolver({ servers: [dns.server.address], timeoutMs: 2000 });
  return checkSpf(domain, { resolver, ip: opts.ip, microsoft365: opts.microsoft365 });
}

describe('the walk reads a tree of up to 20 lookups whole', () => {
  test('20 lookups: every record read and every term asked about, past the 10th lookup too', async () => {
    const r = await check('twenty.test');
    expect(r.lookups).toBe(20);
    expect(r.lookupsAtLeast).toBeUndefined();
    expect(find(r, 'spf.lookups.over')).toMatchObject({ params: { count: 20, over: 10, branches: ['t1.twenty.test=10', 't2.twenty.test=10'] } });
    expect(find(r, 'spf.lookups.over')?.params.atLeast).toBeUndefined();
    // The void name is the 20th lookup: found, and the count is exact.
    expect(find(r, 'spf.void-lookups.present')?.params).toEqual({
      count: 1,
      limit: 2,
      terms: ['t2.twenty.test: a:gone.twenty.test (gone.twenty.test NXDOMAIN)'],
    });
    // Without an IP: each name's A, and AAAA only for the name without A.
    expect(asked().filter((q) => /^(A|AAAA) (h\d|gone)/.test(q)).sort()).toEqual(
      [...hosts('t1.twenty.test', 9), ...hosts('t2.twenty.test', 8), 'gone.twenty.test'].map((h) => `A ${h}`).concat('AAAA gone.twenty.test').sort(),
    );
  });
});

describe('past 20 lookups: what the first 10 reach, and "at least"', () => {
  test('a record past the scope is not read, terms past the 10th lookup are not asked, and the findings say so', async () => {
    const r = await check('past.test', { ip: '192.0.2.1' });
    // late's record is asked ahead while big's is not in yet (as small trees are read a level at a time;
    // the evaluation's own prefetcher asks it too), but it is left out of the report.
    expect(txtAsked().sort()).toEqual(['big.past.test', 'late.past.test', 'past.test']);
    // a: terms at lookups 2–10 only (gone3 is the 5th lookup); gone18 (the 20th) and late's never.
    const a = asked().filter((q) => q.startsWith('A ') && q.includes('.past.test'));
    expect(a.sort()).toEqual(bigHosts.slice(0, 9).map((h) => `A ${h}`).sort());
    expect(r).toMatchObject({ lookups: 27, lookupsAtLeast: true, voidLookups: 1, voidLookupsAtLeast: true });
    expect(find(r, 'spf.lookups.over')?.params).toEqual({
      count: 27,
      limit: 10,
      over: 17,
      atLeast: true,
      branches: ['big.past.test=26', 'late.past.test≥1'],
    });
    expect(find(r, 'spf.void-lookups.present')?.params).toEqual({
      count: 1,
      limit: 2,
      terms: ['big.past.test: a:gone3.past.test (gone3.past.test NXDOMAIN)'],
      atLeast: true,
      checked: 10,
    });
    // Nothing is claimed about the record not read.
    expect(codes(r)).not.toContain('spf.include.no-record');
    expect(r.ipResult).toMatchObject({ result: 'permerror', reason: 'lookup-limit' });
  });

  test('a Microsoft 365 tenant: records past the scope are read, TXT only, until Microsoft’s include appears', async () => {
    const r = await check('tenant.test', { ip: '192.0.2.1' });
    expect(find(r, 'm365.include.present')).toMatchObject({ params: { domain: 'tenant.test', via: '_spf.tenant.test' } });
    expect(codes(r)).not.toContain('m365.include.missing');
    // One record more than the walk reads for anyone else, and none of its terms asked about.
    expect(txtAsked().sort()).toEqual(['_spf.tenant.test', 'big.past.test', 'tenant.test']);
    expect(find(r, 'spf.lookups.over')?.params).toMatchObject({ count: 28, atLeast: true, branches: ['big.past.test=26', '_spf.tenant.test≥2'] });
  });
});

describe('the include bomb', () => {
  test.each([2, 3, 4])('%i levels: the records the evaluation reads (and two more at 2 levels), and "at least"', async (levels) => {
    const bomb = includeBomb(levels);
    await withZone(bomb.zone, async () => {
      const r = await check('bomb.test', { ip: bomb.ip });
      // The first 10 lookups reach 10 records below the top; at 2 levels, 20 lookups counted so far, the
      // walk reads on while the tree may still be that small: b9.b0 (the 11th) and b1 (the 12th).
      const expected = levels === 2 ? 13 : 11;
      expect(txtAsked()).toHaveLength(expected);
      expect(await countQueries(dns.server, bomb, 'sequential')).toMatchObject({ queries: 11 });
      // All of checkSpf: those records, the SPF type, A, MX and DMARC of the domain, and the PTR of the IP
      // for the suggestion (the result is not pass).
      expect((await countQueries(dns.server, bomb, 'checkSpf')).queries).toBe(expected + 5);
      const over = find(r, 'spf.lookups.over');
      expect(over?.params.atLeast).toBe(true);
      expect(r.lookups).toBeGreaterThan(20);
      expect(r.lookups).toBeLessThanOrEqual(bombLookups(levels));
      // b0 holds the first 10 lookups: whole at 2 levels (11), a lower bound deeper (its records of levels
      // 1 to levels−1 read, 10 lookups each, plus its own include: 1 + 10 × (levels − 1)).
      const b0 = levels === 2 ? 'b0.bomb.test=11' : `b0.bomb.test≥${1 + 10 * (levels - 1)}`;
      expect(over?.params.branches).toEqual(expect.arrayContaining([b0, 'b9.bomb.test≥1']));
      // No finding about what was not read: no missing record, no all, no duplicate.
      for (const code of ['spf.include.no-record', 'spf.all.missing', 'spf.include.duplicate', 'spf.dns-error']) expect(codes(r)).not.toContain(code);
      expect(r.ipResult).toMatchObject({ result: 'permerror', reason: 'lookup-limit' });
    });
  });

  test('a tenant bomb (1,111 records): the search for Microsoft’s include stops at 40 records and says so', async () => {
    await withZone(tenantBomb(4), async () => {
      const r = await check('bomb.test');
      expect(txtAsked()).toHaveLength(40);
      expect(find(r, 'm365.include.missing')).toMatchObject({ severity: 'error', params: { domain: 'bomb.test', basis: 'mx', partial: true, records: 40 } });
      expect(find(r, 'spf.lookups.over')?.params.atLeast).toBe(true);
      expect(r.lookups).toBeLessThanOrEqual(bombLookups(4));
    });
  });
});

test('10 includes × 40 a: terms: two records and the nine a: terms of the first 10 lookups', async () => {
  await withZone(aFlood(10, 40).zone, async () => {
    for (const ip of ['192.0.2.99', undefined]) {
      const r = await check('flood.test', { ip });
      expect(txtAsked().sort()).toEqual(['flood.test', 'r0.flood.test']);
      const a = asked().filter((q) => /^(A|AAAA) h\d+\.r\d/.test(q));
      expect(a.sort()).toEqual(hosts('r0.flood.test', 9).map((h) => `A ${h}`).sort());
      expect(find(r, 'spf.lookups.over')?.params).toMatchObject({ count: 50, atLeast: true });
      expect((find(r, 'spf.lookups.over')?.params.branches as string[])[0]).toBe('r0.flood.test=41');
    }
  });
});

test('on the card, in every language: "at least" in the verdict and in the finding, and Microsoft’s include searched in part', async () => {
  await withZone(tenantBomb(3), async () => {
    const d = await checkDomain('bomb.test', includeBomb(3).ip, checksFor(dns.server.address), [], true);
    expect(d.verdict).toMatchObject({ cause: 'record-invalid', detail: { problem: 'lookups', atLeast: true } });
    /** The longest fixed part of a wording, to find it among a card's texts. */
    const stem = (text: string): string => text.split(/\{\{[^}]*\}\}/).reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '');
    for (const locale of SUPPORTED_LOCALES) {
      const texts = cardTexts(diagnosisCard(d, locale, { diagnosisId: 'd1' }).content).join('\n');
      const w = words(locale, 'plain');
      for (const key of ['spf:verdictCheck.record-invalid.lookups-at-least', 'findings:spf.lookups.over-at-least', 'findings:m365.include.missing-partial']) {
        const raw = w.t(key, Object.fromEntries(['domain', 'count', 'over', 'branches', 'records'].map((k) => [k, `{{${k}}}`])));
        expect(`${locale} ${key}: ${texts.includes(stem(raw))}`).toBe(`${locale} ${key}: true`);
      }
      expect(texts).not.toMatch(/\{\{|\$\{/);
    }
  });
});

describe('random zones (seeded)', () => {
  const ZONES = 120;

  /** A resolver whose answers come back after a random pause: another order every run. */
  function jittery(seed: number): DnsResolver {
    const inner = createResolver({ servers: [dns.server.address], timeoutMs: 2000 });
    const r = prng(seed);
    return {
      servers: inner.servers,
      clearCache: () => inner.clearCache(),
      async query(name, type, opts) {
        const pause = Math.floor(r() * 4);
        const answer = await inner.query(name, type, opts);
        await new Promise((resolve) => setTimeout(resolve, pause));
        return answer;
      },
    };
  }
  const same = (r: SpfReport) => ({
    findings: r.findings,
    lookups: r.lookups,
    voidLookups: r.voidLookups,
    lookupsAtLeast: r.lookupsAtLeast,
    voidLookupsAtLeast: r.voidLookupsAtLeast,
    result: r.ipResult?.result,
    suggestion: r.suggestion?.record,
  });

  test(`on ${ZONES} zones, the report is the same whatever order the answers come in`, async () => {
    for (let i = 0; i < ZONES; i++) {
      const c = randomSpfCase(17, i);
      dns.server.setZone(c.zone);
      const ip = i % 3 ? c.ip : undefined;
      const a = same(await check('sender.test', { ip, resolver: jittery(i) }));
      const b = same(await check('sender.test', { ip, resolver: jittery(i + 1_000) }));
      expect({ zone: i, ...b }).toEqual({ zone: i, ...a });
    }
    dns.server.setZone(ZONE);
  });

  test(`on ${ZONES} zones, the audit walk reads at most 21 records and asks about at most 20 terms`, async () => {
    for (let i = 0; i < ZONES; i++) {
      const c = randomSpfCase(18, i);
      dns.server.setZone(c.zone);
      for (const ip of [parseClientIp(c.ip), undefined]) {
        dns.server.queries.length = 0;
        // Every query counted, those still under way when the walk returns (asked ahead) too.
        const inner = createResolver({ servers: [dns.server.address], timeoutMs: 2000 });
        const pending: ReturnType<DnsResolver['query']>[] = [];
        const resolver: DnsResolver = { ...inner, query: (n, t, o) => pending[pending.push(inner.query(n, t, o)) - 1]! };
        const top = await new AuditWalker(new DnsSession(resolver, { deadline: Date.now() + 8000 }), { ip }).walk('sender.test');
        await Promise.allSettled(pending);
        const txt = dns.server.queries.filter((q) => q.type === 'TXT').length;
        const other = dns.server.queries.length - txt;
        expect({ zone: i, txt: Math.min(txt, 21), other: Math.min(other, ip ? 20 : 40) }).toEqual({ zone: i, txt, other });
        // Lower bounds only where the tree is past 20 lookups.
        if (top.scope?.complete === false) expect(subtreeLookups(top)).toBeGreaterThan(20);
      }
    }
    dns.server.setZone(ZONE);
  });
});
