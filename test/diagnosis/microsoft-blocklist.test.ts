/**
 * A public block list that lists the sending IP: when the address is one of Microsoft 365's shared outbound
 * servers, it is not the sender's to clean up or delist. Microsoft delists it when the sender's admin reports
 * it, so the card says that and offers the case to support; any other address keeps the delisting steps.
 */
import { diagnosisText } from '../../bot/cards';
import type { Diagnosis } from '../../bot/diagnosis/types';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { scenario, SCENARIO_ZONE } from '../helpers/scenarios';

let dns: TestDnsServer;
let microsoft: Diagnosis;
let own: Diagnosis;
beforeAll(async () => {
  dns = await startDnsServer(SCENARIO_ZONE);
  microsoft = await scenario('blocklisted Microsoft 365 IP', dns.address);
  own = await scenario('blocklisted IP', dns.address);
});
afterAll(() => dns.stop());

test('a Microsoft 365 address on Spamhaus: report it to Microsoft, never "get the IP off the list"', () => {
  expect(microsoft.verdict.cause).toBe('ip-listed-microsoft');
  expect(microsoft.steps.map((s) => s.id)).toEqual(['report-listing', 'ask-recipient-allow', 'check-outbound-spam']);
  expect(microsoft.escalationSuggested).toBe(true);
  const text = diagnosisText(microsoft, 'en');
  expect(text).toContain('40.107.22.10');
  expect(text).toContain('Report the listing to Microsoft');
  expect(text).not.toContain('Get the IP off the list');
  expect(text).not.toContain('clean up what made it send spam');
});

test('the High Risk Delivery Pool is named as Microsoft names it in each language', () => {
  const terms = { en: 'High Risk Delivery Pool', ja: '高リスク配信プール', 'zh-CN': '高风险传递池', 'zh-TW': '高風險傳遞集區', sv: 'högriskleveranspool', fr: 'pool de remise à haut risque', ko: '위험성이 높은 배달 풀' } as const;
  for (const [locale, term] of Object.entries(terms)) expect(diagnosisText(microsoft, locale as keyof typeof terms)).toContain(term);
});

test('any other address on the list keeps the delisting steps', () => {
  expect(own.verdict.cause).toBe('ip-listed');
  expect(own.steps.map((s) => s.id)).toEqual(['delist-blocklist', 'check-ip-reputation']);
  expect(diagnosisText(own, 'en')).toContain('Get the IP off the list');
});
