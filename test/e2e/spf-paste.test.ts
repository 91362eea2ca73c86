/**
 * End to end over real sockets: a Teams-shaped message with a pasted 5.7.23 bounce goes to the real
 * restify server; the bot checks the sender's SPF against a real DNS server on 127.0.0.1 and replies,
 * through the connector stub, with one Adaptive Card in the person's language.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { cardTexts, finalCards, markdownTexts, startBot, type BotHarness } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';
import { repoRoot } from '../helpers/shared';

const ZONE: ZoneData = {
  'nospf.example': [{ A: '192.0.2.10' }, { MX: [10, 'mx.nospf.example'] }, { TXT: 'google-site-verification=abc' }],
  'twospf.example': [
    { TXT: 'v=spf1 include:spf.protection.outlook.com -all' },
    { TXT: 'v=spf1 ip4:198.51.100.0/24 ~all' },
    { MX: [10, 'twospf-example.mail.protection.outlook.com'] },
  ],
  'nomsft.example': [{ TXT: ['v=spf1 ip4:198.51.100.0/24 ', 'ip4:203.0.113.7 -all'] }, { MX: [10, 'mx.nomsft.example'] }],
  'good.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'good-example.mail.protection.outlook.com'] }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all' }],
};

const LOCALES: [clientLocale: string, lng: string][] = [
  ['en-US', 'en'],
  ['ja-JP', 'ja'],
  ['zh-CN', 'zh-CN'],
  ['zh-TW', 'zh-TW'],
  ['sv-SE', 'sv'],
  ['fr-FR', 'fr'],
  ['ko-KR', 'ko'],
];

/** Characters only that language's script has: proof the card is not English with a few words swapped. */
const SCRIPT: Record<string, RegExp> = {
  en: /\b(the|and|record)\b/i,
  ja: /[\u3040-\u30FF]/u, // kana
  'zh-CN': /[\u4E00-\u9FFF]/u,
  'zh-TW': /[\u4E00-\u9FFF]/u,
  sv: /[åäöÅÄÖ]/u,
  fr: /[éèàùçêÉ]/u,
  ko: /[\uAC00-\uD7AF]/u,
};

function localeTitle(lng: string): string {
  const json = JSON.parse(readFileSync(path.join(repoRoot, 'locales', lng, 'spf.json'), 'utf8')) as { title: string };
  return json.title;
}

let dns: TestDnsServer;
let bot: BotHarness;

beforeAll(async () => {
  dns = await startDnsServer(ZONE);
  // Three checks per language from the same person, seven languages and more: above the default 20 a minute.
  bot = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '500', SPF_DEADLINE_MS: '4000', RATE_LIMIT_CHECKS_PER_MINUTE: '100' });
});

afterAll(async () => {
  await bot?.close();
  await dns?.stop();
});

async function diagnoseIn(locale: string, domain: string): Promise<{ card: Record<string, unknown>; texts: string[] }> {
  const calls = await bot.say(exoSpfBounceText({ senderDomain: domain }), { locale });
  // One message: the "Checking …" card, updated in place to the result.
  const cards = finalCards(calls);
  expect(cards).toHaveLength(1);
  const card = cards[0]!;
  return { card, texts: cardTexts(card) };
}

describe.each(LOCALES)('a pasted 5.7.23 bounce, Teams client in %s', (clientLocale, lng) => {
  it('with no SPF record: one card in that language saying the domain publishes none', async () => {
    const { card, texts } = await diagnoseIn(clientLocale, 'nospf.example');
    const all = texts.join('\n');
    expect(texts[0]).toBe(localeTitle(lng));
    if (lng !== 'en') expect(texts[0]).not.toBe(localeTitle('en'));
    expect(all).toMatch(SCRIPT[lng]!);
    expect(all).toContain('nospf');
    // Nothing is published, so the only record on the card is the one it suggests publishing.
    expect(texts.filter((t) => t.startsWith('v=spf1'))).toEqual(['v=spf1 include:spf.protection.outlook.com -all']);
    // The cause is the sender's own record: two steps (publish it, wait for DNS and resend), and no message
    // for the receiving side, whose words ("our record is right") would not be true.
    expect(texts.filter((t) => /^\d\. /.test(t))).toHaveLength(2);
    expect(JSON.stringify(card)).not.toContain('postmaster@fabrikam.example');
    expect(card.version).toBe('1.5');
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('with two SPF records: shows both, as published', async () => {
    const { texts } = await diagnoseIn(clientLocale, 'twospf.example');
    expect(texts).toContain('v=spf1 include:spf.protection.outlook.com -all');
    expect(texts).toContain('v=spf1 ip4:198.51.100.0/24 ~all');
    expect(texts.join('\n')).toMatch(SCRIPT[lng]!);
  });

  it('with a record lacking the Microsoft 365 include: shows the record and names the missing include', async () => {
    const { texts } = await diagnoseIn(clientLocale, 'nomsft.example');
    // The two TXT strings are joined without a separator, as RFC 7208 says.
    expect(texts).toContain('v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.7 -all');
    const sentences = texts.filter((t) => t.includes('include:spf.protection.outlook.com'));
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences.join('\n')).toMatch(SCRIPT[lng]!);
  });
});

describe('a domain whose SPF record is right', () => {
  it('puts the problem on the receiving side, with a ready message for its admin', async () => {
    const { card, texts } = await diagnoseIn('en-US', 'good.example');
    expect(texts.join('\n')).toMatch(/The SPF record of good\.example is right: the problem is on the receiving side/);
    expect(texts.join('\n')).toMatch(/Send the message below to the mail admin of fabrikam\.example/);
    const mailto = (card.actions as { type: string; url?: string }[]).find((a) => a.type === 'Action.OpenUrl')!;
    expect(mailto.url).toMatch(/^mailto:postmaster@fabrikam\.example\?subject=/);
    expect(texts.join('\n')).toContain('550 5.7.1 Message rejected: SPF check failed for good.example');
  });
});

describe('bounce text is data, never markup', () => {
  it('shows template expressions and markdown links from the bounce literally', async () => {
    const hostile = '550 5.7.1 ${$root} ${1+1} [click](https://evil.example) **now**';
    const calls = await bot.say(exoSpfBounceText({ senderDomain: 'nomsft.example', remoteText: hostile }));
    const [card] = finalCards(calls);
    const json = JSON.stringify(card);
    const runs = cardTexts(card);
    // The remote server's words appear verbatim in a TextRun (which renders no markdown)…
    expect(runs.some((t) => t.includes(hostile))).toBe(true);
    // …and no element that renders markdown (TextBlock, fact value) carries a live link or emphasis.
    const markdown = markdownTexts(card);
    expect(markdown.length).toBeGreaterThan(5);
    for (const text of markdown) {
      expect(text).not.toMatch(/(^|[^\\])\[click\]\(/);
      expect(text).not.toMatch(/(^|[^\\])\*\*now/);
    }
    // Template expressions in the bounce were not evaluated: "${1+1}" did not become "2".
    expect(json).toContain('${1+1}');
  });
});
