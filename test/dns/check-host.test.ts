/**
 * checkHost beyond the conformance suite: the trace a card explains from, drafts (recordOverride), the
 * HELO identity, limits across includes and redirects, DNS faults and bad input.
 */
import { checkHost, type CheckHostQuery, type SpfResult } from '../../bot/dns';
import { useDnsServer, type ZoneData } from '../helpers/dns-server';

const ZONE: ZoneData = {
  'example.org': [
    { TXT: ['v=spf1 include:_spf.vendor.example ', 'ip4:198.51.100.0/24 -all exp=why.example.org'], ttl: 600 },
    { A: '198.51.100.7' },
  ],
  'why.example.org': [{ TXT: '%{i} is not allowed to send for %{d} (sender %{l})' }],
  '_spf.vendor.example': [{ TXT: 'v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:5::/48 -all' }],
  'helo.example.org': [{ TXT: 'v=spf1 a -all' }, { A: '192.0.2.25' }],
  'redirect.example.org': [{ TXT: 'v=spf1 ip4:192.0.2.1 redirect=_spf.vendor.example' }],
  // Four lookups before the include, six inside it: a:a.example.org is the eleventh.
  'many.example.org': [
    { TXT: 'v=spf1 a mx a:b.example.org include:six.example.org a:a.example.org mx:m.example.org -all' },
    { A: '198.51.100.7' },
    { MX: [10, 'mx.many.example.org'] },
  ],
  'mx.many.example.org': [{ A: '198.51.100.8' }],
  'b.example.org': [{ A: '192.0.2.77' }],
  'six.example.org': [{ TXT: 'v=spf1 a a a a a a ?all' }, { A: '192.0.2.55' }],
  'voids.example.org': [{ TXT: 'v=spf1 a:gone1.example.org a:gone2.example.org a:gone3.example.org ip4:192.0.2.9 -all' }],
  'timeout.example.org': [{ TXT: 'v=spf1 include:slow.example.org -all' }],
  'slow.example.org': ['TIMEOUT'],
};

const dns = useDnsServer(ZONE);

function check(q: Partial<CheckHostQuery> & { ip: string }): Promise<SpfResult> {
  return checkHost({
    mailFrom: 'alice@example.org',
    helo: 'mx.sender.example',
    dnsServers: [dns.server.address],
    timeoutMs: 300,
    bypassCache: true,
    ...q,
  });
}

const line = (r: SpfResult) => r.trace.terms.map((t) => `${t.depth}:${t.term}=${t.outcome}`);

describe('the trace says which term decided and why the others did not', () => {
  test('a pass through an include: the path from the include down to the matching ip4', async () => {
    const r = await check({ ip: '203.0.113.9' });
    expect(r.result).toBe('pass');
    expect(r.decidingTerm).toMatchObject({ term: 'include:_spf.vendor.example', domain: 'example.org', depth: 0 });
    expect(r.decidingPath?.map((t) => t.term)).toEqual(['include:_spf.vendor.example', 'ip4:203.0.113.0/24']);
    expect(line(r)).toEqual([
      '0:include:_spf.vendor.example=matched',
      '1:ip4:203.0.113.0/24=matched',
      '1:ip6:2001:db8:5::/48=not-reached',
      '1:-all=not-reached',
      '0:ip4:198.51.100.0/24=not-reached',
      '0:-all=not-reached',
    ]);
    expect(r.lookups).toBe(1);
  });

  test('a fail: every term in evaluation order with the reason it did not match, and the exp= text', async () => {
    const r = await check({ ip: '192.0.2.200' });
    expect(r.result).toBe('fail');
    expect(r.explanation).toBe('192.0.2.200 is not allowed to send for example.org (sender alice)');
    expect(r.decidingTerm).toMatchObject({ term: '-all', domain: 'example.org', reason: 'all' });
    const reasons = r.trace.terms.map((t) => [t.term, t.outcome, t.reason]);
    expect(reasons).toEqual([
      ['include:_spf.vendor.example', 'not-matched', 'include-fail'],
      ['ip4:203.0.113.0/24', 'not-matched', 'ip-not-in-range'],
      ['ip6:2001:db8:5::/48', 'not-matched', 'other-ip-version'],
      ['-all', 'matched', 'all'],
      ['ip4:198.51.100.0/24', 'not-matched', 'ip-not-in-range'],
      ['-all', 'matched', 'all'],
    ]);
    expect(r.trace.terms[0]?.nestedResult).toBe('fail');
    expect(r.trace.terms[1]?.checked).toEqual(['203.0.113.0/24']);
  });

  test('every record read is in the trace with its strings and TTL', async () => {
    const r = await check({ ip: '192.0.2.200' });
    const txt = r.trace.records.filter((x) => x.type === 'TXT');
    expect(txt.map((x) => x.name)).toEqual(['example.org', '_spf.vendor.example', 'why.example.org']);
    expect(txt[0]?.strings).toEqual([['v=spf1 include:_spf.vendor.example ', 'ip4:198.51.100.0/24 -all exp=why.example.org']]);
    expect(txt[0]?.ttl).toBe(600);
  });

  test('a syntax error: permerror naming the term and its position', async () => {
    const r = await check({
      ip: '192.0.2.1',
      recordOverride: { domain: 'example.org', record: 'v=spf1 ip4:192.0.2.1 ip4:192.0.2.300 -all' },
    });
    expect(r.result).toBe('permerror');
    expect(r.reason).toBe('syntax:bad-ip4');
    expect(r.decidingTerm).toMatchObject({ term: 'ip4:192.0.2.300', position: 21, outcome: 'error' });
  });
});

describe('identities and drafts', () => {
  test('an empty MAIL FROM checks the HELO name', async () => {
    const r = await check({ ip: '192.0.2.25', mailFrom: '', helo: 'helo.example.org' });
    expect(r).toMatchObject({ result: 'pass', domain: 'helo.example.org' });
    expect(r.decidingTerm?.target).toBe('helo.example.org');
  });

  test('recordOverride evaluates a draft in place of the published record, against the same DNS', async () => {
    const published = await check({ ip: '192.0.2.50' });
    expect(published.result).toBe('fail');
    const draft = await check({
      ip: '192.0.2.50',
      recordOverride: { domain: 'example.org', record: 'v=spf1 include:_spf.vendor.example ip4:192.0.2.50 -all' },
    });
    expect(draft.result).toBe('pass');
    expect(draft.trace.records[0]).toMatchObject({ name: 'example.org', draft: true });
    // The include is still read from DNS.
    expect(draft.trace.records.some((x) => x.name === '_spf.vendor.example' && !x.draft)).toBe(true);
  });

  test('a redirect hands the verdict to the target record', async () => {
    const r = await check({ ip: '203.0.113.77', mailFrom: 'bob@redirect.example.org' });
    expect(r.result).toBe('pass');
    expect(r.decidingPath?.map((t) => t.term)).toEqual(['redirect=_spf.vendor.example', 'ip4:203.0.113.0/24']);
    expect(r.decidingTerm?.term).toBe('ip4:203.0.113.0/24');
  });
});

describe('limits', () => {
  test('lookups are counted across includes: the 11th lookup is a permerror', async () => {
    const r = await check({ ip: '192.0.2.1', mailFrom: 'x@many.example.org' });
    expect(r).toMatchObject({ result: 'permerror', reason: 'lookup-limit', lookups: 11 });
    expect(r.decidingTerm).toMatchObject({ term: 'a:a.example.org', lookupNumber: 11, outcome: 'error' });
  });

  test('a third void lookup is a permerror; each void term is marked', async () => {
    const r = await check({ ip: '192.0.2.9', mailFrom: 'x@voids.example.org' });
    expect(r).toMatchObject({ result: 'permerror', reason: 'void-limit', voidLookups: 3 });
    expect(r.trace.terms.filter((t) => t.voidLookup).map((t) => t.term)).toEqual([
      'a:gone1.example.org',
      'a:gone2.example.org',
      'a:gone3.example.org',
    ]);
  });

  test('evaluation stops at the first match even though later names were fetched ahead', async () => {
    const r = await check({ ip: '198.51.100.7', mailFrom: 'x@many.example.org' });
    expect(r.result).toBe('pass');
    expect(r.lookups).toBe(1);
    expect(r.trace.terms.filter((t) => t.outcome === 'not-reached')).toHaveLength(6);
  });
});

describe('DNS faults give temperror or none with the reason named', () => {
  test('an include whose name never answers: temperror, dns-timeout', async () => {
    const r = await check({ ip: '192.0.2.1', mailFrom: 'x@timeout.example.org' });
    expect(r).toMatchObject({ result: 'temperror', reason: 'dns-timeout' });
    expect(r.decidingTerm?.term).toBe('include:slow.example.org');
  });

  test('a server that never answers at all: temperror', async () => {
    dns.server.setBehaviour('silent');
    const r = await check({ ip: '192.0.2.1' });
    expect(r).toMatchObject({ result: 'temperror', reason: 'dns-timeout' });
    expect(r.trace.records[0]).toMatchObject({ name: 'example.org', error: 'TIMEOUT' });
  });

  test('SERVFAIL: temperror, dns-servfail', async () => {
    dns.server.setBehaviour('servfail');
    expect(await check({ ip: '192.0.2.1' })).toMatchObject({ result: 'temperror', reason: 'dns-servfail' });
  });

  test('truncated UDP answers: the check goes on over TCP and gets it right', async () => {
    dns.server.setBehaviour('truncate');
    const r = await check({ ip: '203.0.113.9' });
    expect(r.result).toBe('pass');
    expect(dns.server.queries.some((q) => q.transport === 'tcp')).toBe(true);
  });

  test('a domain that does not exist: none', async () => {
    expect(await check({ ip: '192.0.2.1', mailFrom: 'x@nowhere.example.org' })).toMatchObject({
      result: 'none',
      reason: 'nxdomain',
    });
  });

  test('a slow server hitting the overall deadline: temperror, deadline', async () => {
    dns.server.setDelay(400);
    const r = await check({ ip: '192.0.2.200', timeoutMs: 1000, deadlineMs: 600 });
    expect(r).toMatchObject({ result: 'temperror', reason: 'deadline' });
  });
});

describe('bad input never throws', () => {
  test.each([
    [{ ip: 'not-an-ip' }, 'none', 'invalid-ip'],
    [{ ip: '192.0.2.1', mailFrom: 'x@[192.0.2.1]' }, 'none', 'invalid-domain:domain-literal'],
    [{ ip: '192.0.2.1', mailFrom: '', helo: 'localhost' }, 'none', 'invalid-domain:not-fqdn'],
    [{ ip: '192.0.2.1', mailFrom: 'x@a..b.example' }, 'none', 'invalid-domain:empty-label'],
    [{ ip: '192.0.2.1', dnsServers: ['dns.example'] }, 'temperror', undefined],
  ] as [Partial<CheckHostQuery> & { ip: string }, string, string | undefined][])('%j', async (q, result, reason) => {
    const r = await check(q);
    expect(r.result).toBe(result);
    if (reason) expect(r.reason).toBe(reason);
  });

  test('values of the wrong type', async () => {
    const r = await check({ ip: 42 as unknown as string, mailFrom: undefined as unknown as string });
    expect(r.result).toBe('none');
  });
});
