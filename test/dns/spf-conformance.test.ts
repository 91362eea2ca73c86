/**
 * RFC 7208 conformance: the OpenSPF test suite (../shared/spf/rfc7208-tests.yml, BSD-style licence beside
 * it). Each scenario's zonedata is served by the project's test DNS server and every test runs checkHost
 * over real UDP/TCP, comparing the result (the suite sometimes allows several) and the explanation.
 */
import { readFileSync } from 'node:fs';
import { loadAll } from 'js-yaml';
import { checkHost } from '../../bot/dns';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { describeWithShared, hasShared, sharedPath } from '../helpers/shared';

interface SuiteTest {
  description?: string;
  spec?: string | string[];
  helo: string;
  host: string;
  mailfrom: string;
  result: string | string[];
  explanation?: string;
}

interface Scenario {
  description: string;
  tests: Record<string, SuiteTest>;
  zonedata?: ZoneData;
}

const SUITE = ['spf', 'rfc7208-tests.yml'];
const scenarios: Scenario[] = hasShared(...SUITE)
  ? (loadAll(readFileSync(sharedPath(...SUITE), 'utf8')) as Scenario[]).filter((s) => s && s.tests)
  : [];

describeWithShared(SUITE, 'RFC 7208 conformance (OpenSPF suite)', () => {
  let server: TestDnsServer;

  beforeAll(async () => {
    server = await startDnsServer({});
  });
  afterAll(() => server.stop());

  test('the suite holds the 203 tests it is known for', () => {
    const count = scenarios.reduce((n, s) => n + Object.keys(s.tests).length, 0);
    expect(count).toBe(203);
  });

  for (const scenario of scenarios) {
    describe(scenario.description, () => {
      for (const [name, t] of Object.entries(scenario.tests)) {
        test(name, async () => {
          server.setZone(scenario.zonedata ?? {});
          const r = await checkHost({
            ip: t.host,
            mailFrom: t.mailfrom,
            helo: t.helo,
            dnsServers: [server.address],
            // Small per-attempt timeouts keep the suite's TIMEOUT names quick.
            timeoutMs: 300,
            bypassCache: true,
          });
          const allowed = Array.isArray(t.result) ? t.result : [t.result];
          expect(allowed).toContain(r.result);
          if (t.explanation === 'DEFAULT') {
            // DEFAULT: the implementation's own wording, i.e. no exp= text was used.
            expect(r.explanation).toBeUndefined();
          } else if (t.explanation !== undefined) {
            expect(r.explanation).toBe(t.explanation);
          }
        });
      }
    });
  }
});
