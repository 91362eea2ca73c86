/**
 * A card that says two things is a bug even when each line is true. Every SPF scenario's card, in all six
 * languages, is read for contradictions with its own verdict: a record step marked ❌ for a cause outside
 * the record, a step that points to a message or record "below" that is not there, a sentence saying the
 * bounce shows no sending IP beside the IP it shows, the High Risk Delivery Pool suspected for an IP that
 * passes, a placeholder left for a missing domain. A card made in one walk (SPF, authentication) says the same
 * as its markdown and plain views made apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { diagnosisCard, diagnosisText, SUPPORTED_LOCALES, viewFor, words, type Locale } from '../../bot/cards';
import { LOCALES_DIR } from '../../bot/cards/i18n';
import type { SpfView } from '../../bot/cards/views/spf';
import type { SpfDiagnosis } from '../../bot/diagnosis/playbooks/spf';
import { RECORD_CAUSES } from '../../bot/diagnosis/spf-verdict';
import { spfReportOf } from '../../bot/diagnosis/stored';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { cardTexts } from '../helpers/http-harness';
import { runScenario, SPF_SCENARIOS, SPF_ZONE } from './spf-scenarios';
import { diagnose, type Diagnosis } from '../../bot/diagnosis';
import { parseBounce } from '../../bot/ndr';
import { checksFor, scenario, SCENARIO_BOUNCES, SCENARIO_ZONE, type ScenarioName } from '../helpers/scenarios';
import type { AuthenticationDiagnosis } from '../../bot/diagnosis/playbooks/authentication';
import type { CardContext } from '../../bot/cards';
import { findingKey } from '../../bot/cards/views/common';
import type { SpfReport } from '../../bot/dns/types';
import { AUTH_SCENARIOS, AUTH_ZONE, runAuthScenario } from './authentication-scenarios';

type Flat = Map<string, string>;
function flatten(obj: unknown, prefix: string, out: Flat = new Map()): Flat {
  if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(obj));
  return out;
}
const spfWords = (lng: string): Flat => flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, lng, 'spf.json'), 'utf8')), '');

const EN = spfWords('en');
/** Step wordings that point at something further down the card, found in the English source. */
const POINTS_BELOW = [...EN].filter(([k, v]) => k.startsWith('steps.') && /\bbelow\b/.test(v)).map(([k, v]) => ({ key: k, to: /message below/.test(v) ? 'message' : 'record' }));
/** Wordings that say the bounce shows no sending IP. */
const NO_IP = [...EN].filter(([, v]) => /doesn't show (the sending IP|which (server|IP))/.test(v)).map(([k]) => k);

/** A wording as a pattern: its own words exactly, any value where it has a placeholder. */
function wording(text: string): RegExp | undefined {
  if (!text) return undefined;
  const pattern = text
    .split(/\{\{[^}]*\}\}/)
    .map((p) => p.replace(/\*\*/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(pattern);
}

/** The longest fixed part of a wording (between placeholders), to find it among a card's texts. */
function stem(text: string): string {
  const parts = text.split(/\{\{[^}]*\}\}/).map((p) => p.trim());
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.length >= 8 ? longest.slice(0, 40) : '';
}

let dns: TestDnsServer;
const diagnoses: [string, SpfDiagnosis][] = [];

beforeAll(async () => {
  dns = await startDnsServer(SPF_ZONE);
  for (const s of SPF_SCENARIOS) diagnoses.push([s.name, (await runScenario(s, dns)) as SpfDiagnosis]);
});
afterAll(() => dns.stop());

it('finds the wordings it watches for in the English source', () => {
  expect(POINTS_BELOW.map((p) => p.to)).toEqual(expect.arrayContaining(['message', 'record']));
  expect(NO_IP.length).toBeGreaterThan(1);
});

describe.each(SUPPORTED_LOCALES.map((l) => [l]))('%s', (locale) => {
  const local = spfWords(locale);
  const view = (d: SpfDiagnosis): SpfView => viewFor('spf').data(words(locale as Locale), d, { diagnosisId: 'd1' }) as SpfView;

  it('says the same in the card made in one walk as in its markdown and plain views made apart', () => {
    // The card and its fallback text come from one walk (views/spf.ts's spfCard); the markdown view and the
    // plain text, from a walk each. Any difference between the two ways would show one person two answers.
    const spf = viewFor('spf');
    const ctx = { diagnosisId: 'd1' };
    for (const [name, d] of diagnoses) {
      const once = spf.card!(locale as Locale, d, ctx);
      expect({ name, data: once.data }).toEqual({ name, data: view(d) });
      expect({ name, text: once.text }).toEqual({ name, text: spf.text(spf.data(words(locale as Locale, 'plain'), d, ctx)) });
    }
  });

  it('marks the record ❌ only when the cause lies in the record', () => {
    for (const [name, d] of diagnoses) {
      const recordStep = view(d).steps.find((s) => s.id === 'verify-spf');
      if (recordStep?.icon === '❌') expect(`${name}: ${d.verdict.cause}`).toMatch(new RegExp(`: (${[...RECORD_CAUSES].join('|')})$`));
    }
  });

  it('points "below" only to a message or a record that is on the card', () => {
    for (const [name, d] of diagnoses) {
      const v = view(d);
      const shown = v.steps.map((s) => s.text);
      for (const p of POINTS_BELOW) {
        const wording = stem(local.get(p.key) ?? '');
        if (!wording || !shown.some((t) => t.includes(wording))) continue;
        expect(`${name}: ${p.key} → ${p.to === 'message' ? Boolean(v.remoteAdmin) : Boolean(v.suggestion)}`).toBe(`${name}: ${p.key} → true`);
      }
    }
  });

  it('never says the bounce shows no sending IP beside the IP it shows', () => {
    const patterns = NO_IP.map((k) => [k, wording(local.get(k) ?? '')] as const).filter((x): x is readonly [string, RegExp] => Boolean(x[1]));
    for (const [name, d] of diagnoses.filter(([, x]) => x.sendingIp)) {
      const texts = cardTexts(diagnosisCard(d, locale as Locale, { diagnosisId: 'd1' }).content);
      for (const [key, re] of patterns) expect(`${name}: ${texts.some((t) => re.test(t)) ? key : ''}`).toBe(`${name}: `);
    }
  });

  it('never suspects the High Risk Delivery Pool for an IP that passes SPF', () => {
    for (const [name, d] of diagnoses.filter(([, x]) => spfReportOf(x)?.ipResult?.result === 'pass')) {
      const hrdp = view(d).steps.filter((s) => s.id === 'check-hrdp');
      expect(`${name}: ${hrdp.map((s) => s.icon).join('')}`).toMatch(/: (✅)*$/);
    }
  });

  it('names the Check again button only on an answer that has it', () => {
    const common = flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'common.json'), 'utf8')), '');
    const button = common.get('actions.checkAgain')!;
    for (const [name, d] of diagnoses) {
      // E-mail and the command line: no button, so no sentence that tells the person to press it.
      expect(`${name}: ${diagnosisText(d, locale as Locale, {}, 'email')}`).not.toContain(button);
    }
    // DNS did not answer: the card says to press Check again, the plain text to try again.
    const timeout = diagnoses.find(([n]) => n === 'DNS does not answer')![1];
    expect(cardTexts(diagnosisCard(timeout, locale as Locale, { diagnosisId: 'd1' }).content).join('\n')).toContain(common.get('retry.button'));
    expect(diagnosisText(timeout, locale as Locale, {}, 'email')).toContain(common.get('retry.later'));
  });

  it('leaves no placeholder where a value is missing', () => {
    for (const [name, d] of diagnoses) {
      for (const t of cardTexts(diagnosisCard(d, locale as Locale, { diagnosisId: 'd1' }).content)) {
        // A lone "?" stood for a missing domain; French puts a no-break space before its question marks.
        expect(`${name}: ${t}`).not.toMatch(/\{\{|\$\{|(^| )\?( |$|[.。])/);
      }
    }
  });
});

describe('Check again after a fix', () => {
  it('says what is right now, not the old problem again', async () => {
    const fixed = diagnoses.find(([n]) => n === 'fixed record after a failed check')![1];
    const before = (await runScenario({ ...SPF_SCENARIOS.find((s) => s.name === 'fixed record after a failed check')!, fixedBetween: false }, dns)) as SpfDiagnosis;
    for (const locale of SUPPORTED_LOCALES) {
      const v = viewFor('spf').data(words(locale), fixed, { diagnosisId: 'd1', previous: before.spf }) as SpfView;
      const oldProblems = before.spf!.findings.filter((f) => f.severity === 'error').map((f) => f.code);
      expect(oldProblems).toContain('m365.include.missing');
      const lines = v.changes!.lines.map((l) => l.text).join('\n');
      // The old finding's sentence ("… doesn't include spf.protection.outlook.com") is not repeated.
      const oldSentence = stem(flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'findings.json'), 'utf8')), '').get('m365.include.missing') ?? '');
      expect(lines).not.toContain(oldSentence);
      expect(lines).toContain(stem(spfWords(locale).get('fixedNow.m365.include.missing') ?? '?'));
    }
  });
});

/** Every playbook's cards: the scenarios of test/helpers/scenarios.ts, in every language. */
describe('every playbook’s card', () => {
  const namespaces = ['spf', 'authentication', 'recipient', 'mailbox', 'policy', 'transient'];
  const en = new Map(namespaces.map((ns) => [ns, flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', `${ns}.json`), 'utf8')), '')]));
  /** Step wordings that point further down the card, per namespace, and what must be there. */
  const below = namespaces.flatMap((ns) =>
    [...en.get(ns)!].filter(([k, v]) => k.startsWith('steps.') && /\bbelow\b/.test(v)).map(([k, v]) => ({ ns, key: k, to: /message below/.test(v) ? 'message' : 'record' })),
  );
  const all: [string, Diagnosis][] = [];

  beforeAll(async () => {
    const dnsAll = await startDnsServer(SCENARIO_ZONE);
    try {
      for (const name of Object.keys(SCENARIO_BOUNCES) as ScenarioName[]) all.push([name, await scenario(name, dnsAll.address)]);
    } finally {
      await dnsAll.stop();
    }
  });

  it('never points "above": what a card shows first depends on the bounce', () => {
    for (const file of readdirSync(path.join(LOCALES_DIR, 'en')).filter((f) => f.endsWith('.json'))) {
      const above = [...flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, 'en', file), 'utf8')), '')].filter(([, v]) => /\babove\b/i.test(v));
      expect(`${file}: ${above.map(([k]) => k).join(', ')}`).toBe(`${file}: `);
    }
  });

  it('covers every playbook', () => {
    expect(new Set(all.map(([, d]) => d.playbook))).toEqual(new Set(['spf', 'authentication', 'recipient', 'mailbox', 'policy', 'transient', 'generic']));
  });

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s: over a message the queue gave up on, quotes the sending server, not "what the receiving server said"', (locale) => {
    // "Message expired" is the sending server's own report: the card says it never reached the receiving server.
    const [, d] = all.find(([n]) => n === 'expired')!;
    const spf = spfWords(locale);
    const texts = cardTexts(diagnosisCard(d, locale, { diagnosisId: 'd1' }).content);
    expect(texts.filter((t) => t.startsWith(spf.get('remoteSaid')!))).toEqual([]);
    expect(texts).toContain(spf.get('sendingServerSaid'));
    expect(diagnosisText(d, locale, {}, 'email')).toContain(`${spf.get('sendingServerSaid')}`);
  });

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s: lists another recipient whose message expired with the sending server\'s report, not a reply', async (locale) => {
    const bounce = await parseBounce(
      [
        'Reporting-MTA: dns; AM6PR04MB1234.eurprd04.prod.outlook.com',
        '',
        'Final-Recipient: rfc822; nobody@fabrikam.example',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <nobody@fabrikam.example>: Recipient address rejected: User unknown',
        '',
        'Final-Recipient: rfc822; lin@northwind.example',
        'Action: failed',
        'Status: 4.4.7',
        'Diagnostic-Code: smtp; 550 4.4.7 QUEUE.Expired; message expired',
        '',
      ].join('\n'),
    );
    const d = await diagnose(bounce, { checks: { ...checksFor('127.0.0.1:9'), mailHost: undefined } });
    expect(d.recipients.map((r) => r.status)).toEqual(['5.1.1', '4.4.7']);
    const common = flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'common.json'), 'utf8')), '');
    const texts = cardTexts(diagnosisCard(d, locale, { diagnosisId: 'd1' }).content);
    expect(texts).toContain(common.get('codes.sendingServerSaid'));
    expect(diagnosisText(d, locale, {}, 'email')).toContain(common.get('codes.sendingServerSaid'));
  });

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s: points "below" only to what is there, and leaves no placeholder', (locale) => {
    for (const [name, d] of all) {
      const card = diagnosisCard(d, locale, { diagnosisId: 'd1' });
      const texts = cardTexts(card.content);
      for (const t of texts) expect(`${name}: ${t}`).not.toMatch(/\{\{|\$\{|(^| )\?( |$|[.。])|\(\?\)/);
      // An empty value leaves two spaces where a word should be ("Look at  letter by letter"); records keep theirs.
      for (const t of texts.filter((x) => !/ {2}(CNAME|TXT) {2}/.test(x))) expect(`${name}: ${t}`).not.toMatch(/\p{L}[,.:]? {2,}\p{L}/u);
      const local = new Map(namespaces.map((ns) => [ns, flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, `${ns}.json`), 'utf8')), '')]));
      const json = JSON.stringify(card.content);
      const codes = flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'codes.json'), 'utf8')), '');
      const common = flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'common.json'), 'utf8')), '');
      // A message that was delayed or expired was refused by no one: the server is the one last tried.
      if (['delayed', 'expired'].includes(name)) {
        expect(`${name}: ${texts.some((t) => t.startsWith(common.get('facts.remoteServer') ?? '?'))}`).toBe(`${name}: false`);
        expect(`${name}: ${texts.some((t) => t.startsWith(common.get('facts.remoteServerTried') ?? '?'))}`).toBe(`${name}: true`);
      }
      // "Read the remote server's own words below" only above words to read.
      if (texts.some((t) => t.includes(stem(codes.get('generic.fix') ?? '')))) {
        expect(`${name}: ${texts.some((t) => t.includes(common.get('codes.remoteSaid') ?? '?'))}`).toBe(`${name}: true`);
      }
      for (const p of below) {
        const wording = stem(local.get(p.ns)!.get(p.key) ?? '');
        if (!wording || !texts.some((t) => t.includes(wording))) continue;
        const present = p.to === 'message' ? json.includes('postmaster@') || /"mailto:/.test(json) : texts.some((t) => /^(v=spf1|v=DMARC1|selector\d\._domainkey|_dmarc\.)/.test(t) || / {2}(CNAME|TXT) {2}/.test(t));
        expect(`${name}: ${p.ns}:${p.key} → ${present}`).toBe(`${name}: ${p.ns}:${p.key} → true`);
      }
    }
  });
});

/**
 * The authentication card made in one walk (views/authentication.ts's card) against its markdown view and its
 * plain text made apart: every authentication diagnosis the scenario helpers build (strict alignment among
 * them), on a card with and without Check again, after a Check again that changed the SPF record or not,
 * with other recipients (one address with markdown in it), with a check that stopped part-way, and escalated.
 */
describe('the authentication card made in one walk', () => {
  const cases: [string, AuthenticationDiagnosis, CardContext][] = [];

  /** The SPF check before this one, that Check again changed: another record, another finding, another result for the IP. */
  const earlier = (spf: SpfReport): SpfReport => ({
    ...spf,
    checkedAt: '2026-11-15T08:00:00.000Z',
    published: { ...spf.published, state: 'one', records: ['v=spf1 ip4:192.0.2.0/24 -all'] },
    findings: [{ code: 'm365.include.missing', severity: 'error', params: { domain: spf.domain } }],
    ipResult: spf.ipResult && { ...spf.ipResult, result: spf.ipResult.result === 'pass' ? 'fail' : 'pass' },
  });
  /** The same failure for more recipients, grouped: one with another reply, one whose address has markdown in it. */
  const withOthers = (d: AuthenticationDiagnosis): AuthenticationDiagnosis => {
    const r = d.recipients[0]!;
    return { ...d, recipients: [r, { ...r, address: 'lin*_[x]_@northwind.example' }, { ...r, address: 'kim@northwind.example', remoteText: '550 5.7.1 **Rejected** by policy' }] };
  };

  beforeAll(async () => {
    const authDns = await startDnsServer(AUTH_ZONE);
    const playbookDns = await startDnsServer(SCENARIO_ZONE);
    try {
      const found: [string, AuthenticationDiagnosis][] = [];
      for (const s of AUTH_SCENARIOS) found.push([s.name, await runAuthScenario(s, authDns)]);
      for (const name of Object.keys(SCENARIO_BOUNCES) as ScenarioName[]) {
        const d = await scenario(name, playbookDns.address);
        if (d.playbook === 'authentication') found.push([name, d as AuthenticationDiagnosis]);
      }
      for (const [name, d] of found) {
        cases.push([name, d, { diagnosisId: 'd1' }], [`${name} (no Check again)`, d, {}], [`${name} (escalated)`, d, { diagnosisId: 'd1', caseId: 'c1' }]);
        cases.push([`${name} (other recipients)`, withOthers(d), { diagnosisId: 'd1' }]);
        if (d.auth && d.verdict.cause !== 'dns-unavailable') cases.push([`${name} (check stopped part-way)`, { ...d, auth: { ...d.auth, incomplete: { reason: 'timeout' } } }, { diagnosisId: 'd1' }]);
        if (d.spf) cases.push([`${name} (Check again, changed)`, d, { diagnosisId: 'd1', previous: earlier(d.spf) }], [`${name} (Check again, unchanged)`, d, { diagnosisId: 'd1', previous: d.spf }]);
      }
    } finally {
      await Promise.all([authDns.stop(), playbookDns.stop()]);
    }
  });

  it('covers the authentication scenarios, strict alignment among them', () => {
    expect(cases.every(([, d]) => d.playbook === 'authentication')).toBe(true);
    expect(new Set(cases.map(([, d]) => d.verdict.detail?.strict))).toEqual(new Set([undefined, 'spf', 'dkim']));
    const keys = new Set(cases.flatMap(([, d]) => (d.auth?.findings ?? []).map(findingKey)));
    expect([...keys]).toEqual(expect.arrayContaining(['findings:align.spf.no-strict', 'findings:dkim.other-domain-strict']));
    expect(new Set(cases.map(([, d]) => d.verdict.cause)).size).toBeGreaterThan(8);
  });

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s: says the same in the card made in one walk as in its markdown and plain views made apart', (locale) => {
    const auth = viewFor('authentication');
    for (const [name, d, ctx] of cases) {
      const once = auth.card!(locale, d, ctx);
      expect({ name, data: once.data }).toEqual({ name, data: auth.data(words(locale), d, ctx) });
      expect({ name, text: once.text }).toEqual({ name, text: auth.text(auth.data(words(locale, 'plain'), d, ctx)) });
      // The command line and e-mail get the very text the card carries as fallback.
      expect({ name, text: diagnosisText(d, locale, ctx, 'email') }).toEqual({ name, text: once.text });
    }
  });
});
