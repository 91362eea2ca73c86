/**
 * Card binding (bot/cards/render.ts) gives byte for byte the JSON adaptivecards-templating's own
 * `Template.expand` gives: for every card the bot renders, for the representative diagnoses in every
 * locale, and for the same data with values changed into everything a template can meet (missing, null,
 * empty, numbers, lists, keys differing only in case, `${…}` written in the data).
 */
import { readdirSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import fc from 'fast-check';
import * as render from '../../bot/cards/render';
import * as cards from '../../bot/cards';
import type { Locale } from '../../bot/cards';
import { diagnose } from '../../bot/diagnosis';
import { spfReportOf } from '../../bot/diagnosis/stored';
import { parseBounce } from '../../bot/ndr';
import type { Diagnosis } from '../../bot/diagnosis/types';
import type { EscalationRecord } from '../../bot/escalation/types';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { checksFor, scenario, SCENARIO_BOUNCES, SCENARIO_ZONE, type ScenarioName } from '../helpers/scenarios';

let dns: TestDnsServer;
const diagnoses: Diagnosis[] = [];

beforeAll(async () => {
  dns = await startDnsServer(SCENARIO_ZONE);
  for (const name of Object.keys(SCENARIO_BOUNCES) as ScenarioName[]) diagnoses.push(await scenario(name, dns.address));
  // A code no playbook takes: the generic card.
  const generic = ['Delivery has failed to these recipients or groups:', 'nobody@fabrikam.example', "Remote Server returned '550 5.6.0 Something happened'"];
  diagnoses.push(await diagnose(await parseBounce(generic.join('\n')), { checks: checksFor(dns.address) }));
});
afterAll(() => dns.stop());

/** What adaptivecards-templating itself makes of the template and data, or the error it throws. */
function library(name: string, data: object): string {
  try {
    return JSON.stringify(new ACData.Template(render.cardTemplate(name)).expand({ $root: data }));
  } catch (err) {
    return `throws ${(err as Error).message}`;
  }
}

/** Ours for any data; `ownData` as renderCard binds the views' data (no two keys differing only in case). */
function ours(name: string, data: object, ownData = false): string {
  try {
    return JSON.stringify(render.bindTemplate(name, data, ownData));
  } catch (err) {
    return `throws ${(err as Error).message}`;
  }
}

/** Objects in the data with two keys that differ only in case ("Title" and "title"), by path. */
function caseTwins(data: unknown, at = '$'): string[] {
  if (!data || typeof data !== 'object') return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [k, v] of Object.entries(data)) {
    if (seen.has(k.toLowerCase())) out.push(`${at}.${k}`);
    seen.add(k.toLowerCase());
    out.push(...caseTwins(v, `${at}.${k}`));
  }
  return out;
}

/** Every (template, data) the card functions bind, in one locale. */
function boundData(locale: Locale): [string, object][] {
  const calls: [string, object][] = [];
  const spy = jest.spyOn(render, 'renderCard').mockImplementation((name, data) => {
    calls.push([name, data]);
    return { contentType: render.CARD_CONTENT_TYPE, content: {} };
  });
  try {
    const previous = spfReportOf(diagnoses.find((d) => spfReportOf(d))!);
    for (const d of diagnoses) {
      cards.diagnosisCard(d, locale, { diagnosisId: 'd1' });
      cards.diagnosisCard(d, locale, { diagnosisId: 'd1', previous, caseId: 'BD-7K3M9Q' });
      cards.diagnosisCard(d, locale, { escalationFailed: true });
      cards.diagnosisCard(d, locale, { diagnosisId: 'd1', caseId: 'BD-7K3M9Q', resolvedCase: { id: 'BD-7K3M9Q', by: 'Agent One', at: '2026-11-21T08:00:00.000Z' } });
      cards.diagnosisCard(d, locale, { diagnosisId: 'd1', caseId: 'BD-7K3M9Q', caseUnannounced: true });
    }
    cards.welcomeCard(locale);
    cards.helpCard(locale);
    for (const kind of ['ordinary-message', 'empty', 'auto-reply', 'feedback-report', 'unreadable', 'too-large'] as const) cards.helpCard(locale, { kind, bytes: 1e6 });
    cards.errorCard(locale, 'ab12cd34');
    cards.checkingCard(locale, 'contoso.example');
    cards.messageActionCard(locale);
    cards.askDomainCard(locale, 'd1');
    cards.askDomainCard(locale, 'd1', 'not a domain!', 'check');
    cards.languageCard(locale);
    cards.languageCard(locale, 'language.unknown', { tag: 'xx' });
    cards.noticeCard(locale, 'rateLimit.body', { count: 3 }, 'language.set');
    const d = diagnoses[0]!;
    for (const status of ['open', 'claimed', 'waiting-for-requester', 'resolved'] as const) {
      const record = escalation(d, status);
      cards.supportCaseCard(locale, record, status === 'open' ? '' : 'a notice');
      for (const kind of ['created', 'no-channel', 'existing', 'claimed', 'question', 'answered', 'resolved', 'late-answer', 'reopened', 'save-failed'] as const) {
        cards.requesterCaseCard(locale, record, kind, { diagnosisId: 'd1' });
      }
    }
    cards.requesterCaseCard(locale, undefined, 'save-failed');
  } finally {
    spy.mockRestore();
  }
  return calls;
}

function escalation(d: Diagnosis, status: EscalationRecord['status']): EscalationRecord {
  const at = '2026-11-20T10:00:00.000Z';
  const spf = spfReportOf(d);
  const agent = { name: 'Agent One', aadObjectId: 'aad-agent' };
  return {
    id: 'BD-7K3M9Q',
    createdAt: at,
    diagnosisId: 'd1',
    requester: { name: 'Ada Lovelace', aadObjectId: 'aad-ada', email: 'ada@failsug.example' },
    conversation: {},
    locale: 'en',
    channelId: 'msteams',
    bounce: { raw: 'raw', rawTruncated: true, parsed: d.bounce },
    dnsChecks: spf ? [{ at, domain: spf.domain, dnsServers: spf.dnsServers, report: spf }] : [],
    diagnosis: d,
    notes: { tried: 'Nothing yet.', urgency: 'normal' },
    status,
    owner: status === 'open' ? undefined : agent,
    history: [{ at, event: 'opened', status: 'open' }],
    infoRequests: [{ at, by: agent, question: 'Which IP?', ...(status === 'claimed' ? { answer: '203.0.113.9', answeredAt: at } : {}) }],
    transcript: [{ at, from: 'user', text: 'a bounce' }],
    supportPost: { state: 'pending', attempts: 0 },
  };
}

describe.each(cards.SUPPORTED_LOCALES.map((l) => [l]))('binding in %s', (locale) => {
  it("gives the library's JSON for every card the bot renders", () => {
    const calls = boundData(locale);
    expect([...new Set(calls.map(([name]) => name))].sort()).toEqual(readdirSync(render.CARDS_DIR).map((f) => f.replace(/\.json$/, '')).sort());
    for (const [name, data] of calls) expect([name, ours(name, data)]).toEqual([name, library(name, data)]);
  });

  it('binds view data as the library does when reading properties by name: no view has keys differing only in case', () => {
    for (const [name, data] of boundData(locale)) {
      expect([name, caseTwins(data)]).toEqual([name, []]);
      expect([name, ours(name, data, true)]).toEqual([name, library(name, data)]);
    }
  });
});

/** Values a template may meet where the views put something else. */
/** Values a template can meet; `twins`: objects among them may have keys differing only in case. */
const oddValues = (twins: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(undefined, null, '', 0, 1, 2.5, true, false, [], {}, '${title}', 'a ${b} c', '${count(x) > 0}', 'x'),
    // Inherited properties are not the object's own: templates never see them.
    fc.constant(Object.create({ text: 'inherited', title: 'inherited', style: 'inherited', full: 'inherited' }) as object),
    fc.array(fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined), twins ? fc.record({ text: fc.string(), Text: fc.string() }) : fc.record({ Text: fc.string() })), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...(twins ? ['text', 'Text', 'TEXT'] : ['Text']), 'title', 'style', 'full', 'mailto', 'label'), fc.oneof(fc.string(), fc.constant(null), fc.constant('${text}')), { maxKeys: 4 }),
    fc.string(),
  );

/** A copy of `data` with some values, at any depth, replaced or removed, and some keys repeated in another case. */
function mutate(data: unknown, picks: number[], values: unknown[], twins = true): unknown {
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const i = n++;
      const pick = picks[i % picks.length] ?? 0;
      if (pick === 1) continue;
      if (pick === 2 && twins) out[k.toUpperCase()] = values[i % values.length];
      out[k] = pick === 3 ? values[i % values.length] : walk(x);
    }
    return out;
  };
  return walk(data);
}

/**
 * Every card's data (one per template) with values changed at random into anything a template can meet;
 * `viewShaped`: no key is added beside one differing only in case, as in the views' own data, which is
 * then bound as renderCard binds it (reading properties by name).
 */
function matchesLibraryForAnyValues(viewShaped: boolean): void {
  const samples = new Map<string, object>();
  for (const [name, data] of boundData('en')) if (!samples.has(name)) samples.set(name, data);
  fc.assert(
    fc.property(
      fc.constantFrom(...samples.keys()),
      fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 40 }),
      // View-shaped data has no keys differing only in case, in its values either.
      fc.array(oddValues(!viewShaped), { minLength: 1, maxLength: 10 }),
      (name, picks, values) => {
        const data = mutate(samples.get(name), picks, values, !viewShaped) as object;
        expect(ours(name, data, viewShaped)).toBe(library(name, data));
      },
    ),
    { numRuns: 400 },
  );
}

it("gives the library's JSON, or its error, for data with any values in any place", () => matchesLibraryForAnyValues(false));

it("gives the library's JSON for view-shaped data (no keys differing only in case) with any values in any place, reading by name", () => matchesLibraryForAnyValues(true));

it('never evaluates a data value, even one written as a template expression', () => {
  const data = { title: '${fallbackText}', fallbackText: 'fb', body: "${string('x')} and ${1+1}" };
  const json = ours('notice', data);
  expect(json).toBe(library('notice', data));
  expect(json).toContain('${fallbackText}');
  expect(json).toContain("${string('x')} and ${1+1}");
});
