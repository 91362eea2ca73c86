/**
 * Teams delivering the same message twice: over real HTTP, with the connector stub and the real test DNS
 * server.
 */
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { cardTexts, finalCards, startBot, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';

const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.contoso.example'] }, { TTL: 600 }],
  'fabrikam.example': [{ MX: [10, 'mx1.fabrikam.example'] }, { TTL: 3600 }],
};

let dns: TestDnsServer;
let bot: BotHarness;

beforeAll(async () => {
  dns = await startDnsServer(ZONE);
  bot = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '300', SPF_DEADLINE_MS: '2500' });
});

afterAll(async () => {
  await bot.close();
  await dns.stop();
});

beforeEach(() => {
  dns.setZone(ZONE);
  dns.setBehaviour('normal');
});

const textOf = (card: unknown): string => cardTexts(card).join('\n');

describe('Teams delivering the same message twice', () => {
  it('answers it once', async () => {
    const conversationId = 'a:redelivered';
    const activity = teamsMessage(bot.connector.url, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId });
    expect((await bot.post(activity)).status).toBeLessThan(300);
    expect((await bot.post(activity)).status).toBeLessThan(300);
    const answers = finalCards(bot.connector.forConversation(conversationId));
    expect(answers).toHaveLength(1);
    expect(textOf(answers[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('answers it once even when the retry comes while the first is still being answered', async () => {
    const conversationId = 'a:redelivered-concurrently';
    const activity = teamsMessage(bot.connector.url, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId });
    const statuses = await Promise.all([bot.post(activity), bot.post(activity)]);
    expect(statuses.every((r) => r.status < 300)).toBe(true);
    expect(finalCards(bot.connector.forConversation(conversationId))).toHaveLength(1);
  });

  it('still answers a new message with the same text, and the same id in another conversation', async () => {
    const text = exoSpfBounceText({ senderDomain: 'contoso.example' });
    const first = teamsMessage(bot.connector.url, text, { conversationId: 'a:same-text' });
    await bot.post(first);
    await bot.post(teamsMessage(bot.connector.url, text, { conversationId: 'a:same-text' }));
    expect(finalCards(bot.connector.forConversation('a:same-text'))).toHaveLength(2);
    await bot.post({ ...first, conversation: { ...(first.conversation as object), id: 'a:same-id-elsewhere' } });
    expect(finalCards(bot.connector.forConversation('a:same-id-elsewhere'))).toHaveLength(1);
  });
});
