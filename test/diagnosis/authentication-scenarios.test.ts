/** DMARC and DKIM rejections, scenario by scenario (authentication-scenarios.ts): the cause, its confidence, the steps, the card's words, the records. */
import type { AuthenticationDiagnosis } from '../../bot/diagnosis/playbooks/authentication';
import { diagnosisText, type Locale } from '../../bot/cards';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { AUTH_SCENARIOS, AUTH_ZONE, runAuthScenario } from './authentication-scenarios';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer(AUTH_ZONE);
});
afterAll(() => dns.stop());

describe.each(AUTH_SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
  let d: AuthenticationDiagnosis;
  beforeAll(async () => {
    d = await runAuthScenario(s, dns);
  });

  it(`is judged ${s.expect.cause}`, () => {
    expect(d.playbook).toBe('authentication');
    expect(d.verdict.cause).toBe(s.expect.cause);
    if (s.expect.confidence) expect(d.verdict.confidence).toBe(s.expect.confidence);
  });

  if (s.expect.steps) {
    it('has the steps that follow from it', () => {
      expect(d.steps.map((x) => `${x.id}:${x.state}`)).toEqual(s.expect.steps);
    });
  }

  for (const [locale, lines] of Object.entries(s.card ?? {})) {
    it(`says it in the card (${locale})`, () => {
      const text = diagnosisText(d, locale as Locale);
      for (const line of lines.has ?? []) expect(text).toContain(line);
      for (const line of lines.hasNot ?? []) expect(text).not.toContain(line);
    });
  }

  if (s.expect.records) {
    it('gives the records to publish', () => {
      expect(d.records?.records.map((r) => `${r.name}  ${r.type}  ${r.value}`)).toEqual(s.expect.records);
    });
  }
});
