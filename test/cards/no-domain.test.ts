/**
 * A bounce or a question that names no sender's domain (the bot asks for it first), or a reply pasted with no
 * recipient's address: its card speaks of "the domain in the From address" or "the recipient's domain", never
 * of an empty name, in every language. Through the real parser, the
 * playbooks and a real (empty) DNS zone.
 */
import { diagnosisText, SUPPORTED_LOCALES } from '../../bot/cards';
import { diagnose } from '../../bot/diagnosis';
import { parseBounce } from '../../bot/ndr';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { checksFor } from '../helpers/scenarios';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({});
});
afterAll(() => dns.stop());

// What an empty name leaves in a sentence: two spaces, a comma, full stop, colon or semicolon after a space (French
// puts a no-break space before its colons), empty quotes or brackets.
const EMPTY_NAME = /\s[,.，、]|\*\*\s*\*\*|\(\s*\)|「」|“”|""|\s의\s|\S[ \u00a0]{2,}\S| [:;]/;

describe.each([
  ['DMARC (5.7.509)', 'Our users get NDR 550 5.7.509 when mailing fabrikam.example'],
  ['SPF or DKIM (5.7.26)', '550 5.7.26 This mail has been blocked because the sender is unauthenticated.'],
  ['all three (5.7.515)', '550 5.7.515 Access denied, sending domain does not meet the required authentication level.'],
  ['IPv6 (4.7.26)', '421 4.7.26 This mail has been rate limited because it is unauthenticated.'],
])('%s, with no sender domain', (_name, text) => {
  it.each(SUPPORTED_LOCALES.map((l) => [l]))('reads with no empty name (%s)', async (locale) => {
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.playbook).toBe('authentication');
    const lines = diagnosisText(d, locale, {}, 'cli').split('\n').filter((l) => l.trim());
    expect(lines.filter((l) => EMPTY_NAME.test(l))).toEqual([]);
  });
});

describe.each([
  ['a recipient domain DNS does not know (5.4.310)', '550 5.4.310 DNS domain does not exist', 'transient'],
  ['a domain the receiving server does not take mail for (5.4.1)', '550 5.4.1 Relay Access Denied', 'recipient'],
  ['a message that could not be routed (5.4.0)', '550 5.4.0 no route', 'transient'],
])('%s, pasted with no recipient address', (_name, text, playbook) => {
  it.each(SUPPORTED_LOCALES.map((l) => [l]))('reads with no empty name (%s)', async (locale) => {
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.playbook).toBe(playbook);
    const lines = diagnosisText(d, locale, {}, 'cli').split('\n').filter((l) => l.trim() && !l.includes(text));
    expect(lines.filter((l) => EMPTY_NAME.test(l))).toEqual([]);
  });
});

/** The sender's domain with a valid record (the receiving side is then what to contact), for the tests below. */
const SENDER_ZONE: ZoneData = { 'contoso.example': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'mx.contoso.example'] }] };

/** The diagnosis of `text` with the sender's domain in DNS, and its card in `locale`. */
async function cardWithSender(text: string, locale: (typeof SUPPORTED_LOCALES)[number]): Promise<{ cause: string; steps: string[]; text: string }> {
  dns.setZone(SENDER_ZONE);
  try {
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    return { cause: d.verdict.cause, steps: d.steps.map((s) => s.id), text: diagnosisText(d, locale, {}, 'cli') };
  } finally {
    dns.setZone({});
  }
}

describe('a question that names the recipient only by its domain', () => {
  it.each(SUPPORTED_LOCALES.map((l) => [l]))('addresses the admin of that domain (%s)', async (locale) => {
    const card = await cardWithSender('Getting 550 5.7.23 when sending from contoso.example to fabrikam.example', locale);
    expect(card.cause).toBe('receiving-side');
    expect(card.text).toContain('postmaster@fabrikam.example');
    const lines = card.text.split('\n').filter((l) => l.trim());
    expect(lines.filter((l) => EMPTY_NAME.test(l))).toEqual([]);
  });
});

describe('an SPF rejection pasted with no recipient, naming the sender’s domain', () => {
  it.each(SUPPORTED_LOCALES.map((l) => [l]))('the step for the receiving side never names the sender’s domain as theirs (%s)', async (locale) => {
    const card = await cardWithSender('550 5.7.23 SPF check failed for contoso.example', locale);
    expect(card.cause).toBe('receiving-side');
    expect(card.steps).toContain('contact-remote-admin');
    const step = card.text.split('\n').find((l) => /^\S+ 2\. /.test(l));
    expect(step).toBeDefined();
    expect(step).not.toContain('contoso.example');
  });
});
