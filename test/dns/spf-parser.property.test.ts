/**
 * Property tests over the record parser: whatever text a DNS server returns (random, or a valid record
 * mutated), parsing never throws and what it reports points at the record's own text. Records built from
 * the grammar parse cleanly, and a draft record evaluated against real DNS always yields a verdict.
 */
import fc from 'fast-check';
import { checkHost } from '../../bot/dns';
import { parseRecord, type ParsedRecord } from '../../bot/dns/spf/parse';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';

/** What any parse result must satisfy, whatever the input. */
function wellFormed(record: string, p: ParsedRecord): void {
  expect(Array.isArray(p.terms) && Array.isArray(p.errors)).toBe(true);
  for (const t of p.terms) expect(record.slice(t.position, t.position + t.text.length)).toBe(t.text);
  for (const e of p.errors) {
    expect(e.position).toBeGreaterThanOrEqual(0);
    expect(e.position).toBeLessThanOrEqual(record.length);
    expect(typeof e.reason).toBe('string');
  }
}

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'org', 'example', 'xn--zckzah'))
  .map(([ls, tld]) => [...ls, tld].join('.'));
const macro = fc.constantFrom('%{d}', '%{i}', '%{ir}', '%{l1r-}', '%{d2}', '%{s}', '%{o}', '%{h}', '%{v}', '%{p}', '%%', '%_', '%-');
const domainSpec = fc.oneof(domain, fc.tuple(macro, fc.constant('.'), domain).map((x) => x.join('')));
const qualifier = fc.constantFrom('', '+', '-', '~', '?');
const cidr4 = fc.option(fc.integer({ min: 0, max: 32 }).map((n) => `/${n}`), { nil: '' });
const cidr6 = fc.option(fc.integer({ min: 0, max: 128 }).map((n) => `//${n}`), { nil: '' });

const mechanism = fc.oneof(
  fc.constant('all'),
  domainSpec.map((d) => `include:${d}`),
  domainSpec.map((d) => `exists:${d}`),
  fc.tuple(fc.option(domainSpec.map((d) => `:${d}`), { nil: '' }), cidr4, cidr6).map(([d, a, b]) => `a${d}${a}${b}`),
  fc.tuple(fc.option(domainSpec.map((d) => `:${d}`), { nil: '' }), cidr4, cidr6).map(([d, a, b]) => `mx${d}${a}${b}`),
  fc.option(domainSpec.map((d) => `:${d}`), { nil: '' }).map((d) => `ptr${d}`),
  fc.tuple(fc.ipV4(), cidr4).map(([ip, c]) => `ip4:${ip}${c}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([ip, c]) => `ip6:${ip}/${c}`),
);
const directive = fc.tuple(qualifier, mechanism).map(([q, m]) => q + m);
const unknownModifier = fc.tuple(label, fc.stringMatching(/^[a-z0-9.:/]{0,12}$/)).map(([n, v]) => `${n}=${v}`);
const validRecord = fc
  .tuple(
    fc.array(directive, { maxLength: 12 }),
    fc.option(domainSpec.map((d) => `redirect=${d}`), { nil: undefined }),
    fc.option(domainSpec.map((d) => `exp=${d}`), { nil: undefined }),
    fc.array(unknownModifier, { maxLength: 2 }),
    fc.integer({ min: 1, max: 3 }),
  )
  .map(([ds, redirect, exp, unknown, spaces]) => {
    const terms = [...ds, ...(redirect ? [redirect] : []), ...(exp ? [exp] : []), ...unknown];
    return { record: ['v=spf1', ...terms].join(' '.repeat(spaces)), count: terms.length };
  });

/** One edit: insert, delete or replace a character (any Unicode, control characters included). */
const edit = fc.tuple(
  fc.nat(),
  fc.constantFrom('insert', 'delete', 'replace'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
);
const mutated = fc
  .tuple(validRecord, fc.array(edit, { minLength: 1, maxLength: 4 }))
  .map(([{ record }, edits]) => {
    let s = record;
    for (const [at, kind, text] of edits) {
      const i = s.length ? at % s.length : 0;
      const tail = kind === 'insert' ? s.slice(i) : s.slice(i + 1);
      s = s.slice(0, i) + (kind === 'delete' ? '' : text) + tail;
    }
    return s;
  });

test('random text never makes the parser throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }).map((s) => `v=spf1 ${s}`)), (s) => {
      wellFormed(s, parseRecord(s));
    }),
    { numRuns: 2000 },
  );
});

test('mutated records never make the parser throw', () => {
  fc.assert(
    fc.property(mutated, (s) => {
      wellFormed(s, parseRecord(s));
    }),
    { numRuns: 2000 },
  );
});

test('records built from the grammar parse without errors, every term found where it is written', () => {
  fc.assert(
    fc.property(validRecord, ({ record, count }) => {
      const p = parseRecord(record);
      expect(p.errors).toEqual([]);
      expect(p.terms).toHaveLength(count);
      wellFormed(record, p);
    }),
    { numRuns: 1000 },
  );
});

describe('evaluating random drafts against a real DNS server', () => {
  let server: TestDnsServer;
  beforeAll(async () => {
    server = await startDnsServer({ 'example.com': [{ A: '192.0.2.1' }, { MX: [10, 'example.com'] }] });
  });
  afterAll(() => server.stop());

  test('always yields one of the seven verdicts, never a throw', async () => {
    const verdicts = ['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror'];
    await fc.assert(
      fc.asyncProperty(fc.oneof(validRecord.map((r) => r.record), mutated), fc.oneof(fc.ipV4(), fc.ipV6()), async (record, ip) => {
        const r = await checkHost({
          ip,
          mailFrom: 'someone@example.com',
          helo: 'example.com',
          dnsServers: [server.address],
          timeoutMs: 300,
          recordOverride: { domain: 'example.com', record },
        });
        expect(verdicts).toContain(r.result);
      }),
      { numRuns: 60 },
    );
  });
});
