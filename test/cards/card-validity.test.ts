/**
 * Every card × every locale × representative diagnoses: valid against the official Adaptive Card 1.5
 * schema, parsed by the official renderer at 1.5 without problems, under Teams' 28 KB, with no
 * unresolved `${` and no missing locale keys.
 */
import {
  askDomainCard,
  checkingCard,
  messageActionCard,
  diagnosisCard,
  errorCard,
  helpCard,
  languageCard,
  noticeCard,
  requesterCaseCard,
  supportCaseCard,
  welcomeCard,
  SUPPORTED_LOCALES,
  type CardAttachment,
  type Locale,
} from '../../bot/cards';
import { missingKeys } from '../../bot/cards/i18n';
import { spfReportOf } from '../../bot/diagnosis/stored';
import type { Diagnosis } from '../../bot/diagnosis/types';
import type { EscalationRecord } from '../../bot/escalation/types';
import { cardBytes, rendererProblems, schemaErrors, SCHEMA_PARTS, TEAMS_CARD_LIMIT_BYTES } from '../helpers/card-checks';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { cardTexts } from '../helpers/http-harness';
import { scenario, SCENARIO_BOUNCES, SCENARIO_ZONE, type ScenarioName } from '../helpers/scenarios';
import { hasShared } from '../helpers/shared';

let dns: TestDnsServer;
const diagnoses = new Map<ScenarioName, Diagnosis>();

beforeAll(async () => {
  dns = await startDnsServer(SCENARIO_ZONE);
  for (const name of Object.keys(SCENARIO_BOUNCES) as ScenarioName[]) diagnoses.set(name, await scenario(name, dns.address));
});
afterAll(() => dns.stop());

function caseRecord(d: Diagnosis, status: EscalationRecord['status']): EscalationRecord {
  const now = '2026-11-20T10:00:00.000Z';
  const spf = spfReportOf(d);
  return {
    id: 'BD-7K3M9Q',
    createdAt: now,
    diagnosisId: 'd1',
    requester: { name: 'Ada Lovelace', aadObjectId: 'aad-ada', tenantId: 't1', email: 'ada@failsug.example' },
    conversation: {},
    locale: 'en',
    channelId: 'msteams',
    bounce: { raw: 'raw', rawTruncated: false, parsed: d.bounce },
    dnsChecks: spf ? [{ at: now, domain: spf.domain, dnsServers: spf.dnsServers, report: spf }] : [],
    diagnosis: d,
    notes: { tried: 'Added the include yesterday.', urgency: 'high' },
    status,
    owner: status === 'open' ? undefined : { name: 'Agent One' },
    history: [{ at: now, event: 'opened', status: 'open', by: { name: 'Ada Lovelace' } }],
    infoRequests: status === 'waiting-for-requester' ? [{ at: now, by: { name: 'Agent One' }, question: 'Which IP sent it?' }] : [],
    transcript: [],
    supportPost: { state: 'posted', attempts: 1 },
  };
}

/** Every card the bot can send, for one locale. */
function allCards(locale: Locale): [string, CardAttachment][] {
  const cards: [string, CardAttachment][] = [];
  for (const [name, d] of diagnoses) {
    cards.push([`result: ${name}`, diagnosisCard(d, locale, { diagnosisId: 'd1' })]);
    cards.push([`result after check again: ${name}`, diagnosisCard(d, locale, { diagnosisId: 'd1', previous: spfReportOf(diagnoses.get('none')!) })]);
  }
  const spf = diagnoses.get('fail with suggestion')!;
  cards.push(['result escalated', diagnosisCard(spf, locale, { diagnosisId: 'd1', caseId: 'BD-7K3M9Q' })]);
  cards.push(['result whose case was resolved', diagnosisCard(spf, locale, { diagnosisId: 'd1', caseId: 'BD-7K3M9Q', resolvedCase: { id: 'BD-7K3M9Q', by: 'Agent One', at: '2026-11-21T08:00:00.000Z' } })]);
  cards.push(['result whose case no support channel was told of', diagnosisCard(spf, locale, { diagnosisId: 'd1', caseId: 'BD-7K3M9Q', caseUnannounced: true })]);
  cards.push(['result escalation failed', diagnosisCard(spf, locale, { diagnosisId: 'd1', escalationFailed: true })]);
  cards.push(['welcome', welcomeCard(locale)], ['welcome in a channel', welcomeCard(locale, true)], ['help', helpCard(locale)], ['error', errorCard(locale, 'ab12cd34')]);
  cards.push(['Diagnose bounce window', messageActionCard(locale).card]);
  for (const kind of ['ordinary-message', 'empty', 'auto-reply', 'challenge', 'feedback-report', 'unreadable', 'too-large'] as const) {
    cards.push([`not a bounce: ${kind}`, helpCard(locale, { kind, bytes: 30 * 1024 * 1024 })]);
  }
  cards.push(['checking', checkingCard(locale, 'contoso.example')]);
  cards.push(['ask domain', askDomainCard(locale, 'd1')], ['ask domain, invalid', askDomainCard(locale, 'd1', 'not a domain!')]);
  cards.push(['language', languageCard(locale)], ['language set', noticeCard(locale, 'language.set')]);
  cards.push(['file refused', noticeCard(locale, 'files.failed.host-not-allowed', { name: 'x.eml', host: 'evil.example' })]);
  for (const kind of ['created', 'no-channel', 'existing', 'claimed', 'question', 'answered', 'resolved', 'late-answer', 'reopened', 'save-failed'] as const) {
    const status = kind === 'question' ? 'waiting-for-requester' : kind === 'resolved' || kind === 'late-answer' ? 'resolved' : kind === 'claimed' ? 'claimed' : 'open';
    cards.push([`case for requester: ${kind}`, requesterCaseCard(locale, caseRecord(spf, status), kind, { diagnosisId: 'd1' })]);
  }
  for (const status of ['open', 'claimed', 'waiting-for-requester', 'resolved'] as const) {
    cards.push([`case for support: ${status}`, supportCaseCard(locale, caseRecord(spf, status), status === 'open' ? '' : 'notice')]);
  }
  return cards;
}

describe.each(SUPPORTED_LOCALES.map((l) => [l]))('cards in %s', (locale) => {
  it('are valid Adaptive Cards 1.5 for the official renderer, small enough for Teams, fully bound', () => {
    const problems: string[] = [];
    for (const [name, card] of allCards(locale)) {
      const content = card.content;
      expect(content.version).toBe('1.5');
      expect(typeof content.fallbackText).toBe('string');
      expect((content.fallbackText as string).trim().length).toBeGreaterThan(3);
      const json = JSON.stringify(content);
      if (json.includes('${')) problems.push(`${name}: unresolved template expression`);
      const bytes = cardBytes(content);
      if (bytes > TEAMS_CARD_LIMIT_BYTES) problems.push(`${name}: ${bytes} bytes, over Teams' limit`);
      for (const p of rendererProblems(content)) problems.push(`${name}: renderer: ${p}`);
      for (const e of schemaErrors(content) ?? []) problems.push(`${name}: schema: ${e}`);
      if (cardTexts(content).some((t) => t === '')) problems.push(`${name}: an empty text block`);
    }
    expect(problems).toEqual([]);
    expect([...missingKeys]).toEqual([]);
  });
});

describe('long content', () => {
  it('shows the start of a long remote error with a toggle for the rest, never cutting it silently', () => {
    const card = diagnosisCard(diagnoses.get('long remote error')!, 'en', { diagnosisId: 'd1' }).content;
    const json = JSON.stringify(card);
    expect(json).toContain('Action.ToggleVisibility');
    const full = diagnoses.get('long remote error')!.recipients[0]!.remoteText!;
    expect(cardTexts(card)).toContain(full);
  });

  it('keeps a bounce with 500 recipients under the limit and says how many are not shown', () => {
    const card = diagnosisCard(diagnoses.get('five hundred recipients')!, 'en', { diagnosisId: 'd1' }).content;
    expect(cardBytes(card)).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
    expect(cardTexts(card).join('\n')).toMatch(/and \d+ more recipients not shown/);
  });
});

it('reads the official schema from ../shared (or says it is skipped)', () => {
  if (!hasShared(...SCHEMA_PARTS)) {
    console.warn('Adaptive Card schema validation skipped: ../shared/adaptive-cards is absent');
    return;
  }
  expect(schemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NoSuchElement' }] })?.length).toBeGreaterThan(0);
});
