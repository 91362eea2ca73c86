/**
 * What a person sees when the bot's storage (Azure Blob Storage, here Azurite) stops answering in the
 * middle of a conversation: one apology with a reference the support team can find in the logs.
 */
import { startAzurite, type Azurite } from '../helpers/azurite';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { cardTexts, finalCards, startBot, type BotHarness } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';

let dns: TestDnsServer;
let azurite: Azurite;
let bot: BotHarness;

beforeAll(async () => {
  dns = await startDnsServer({ 'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }] });
  azurite = await startAzurite();
  bot = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '300', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'outage-test' });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await azurite?.dispose();
  await dns?.stop();
});

describe('storage stops answering', () => {
  it('answers a pasted bounce with one "something went wrong" card whose reference is an id, not the word "turn"', async () => {
    // The conversation works while storage answers.
    const first = finalCards(await bot.say('help', { conversationId: 'a:outage', locale: 'ja-JP' }));
    expect(first).toHaveLength(1);
    await azurite.stop();
    try {
      const calls = await bot.say(exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId: 'a:outage', locale: 'ja-JP' });
      const cards = finalCards(calls);
      expect(cards).toHaveLength(1);
      const text = cardTexts(cards[0]).join('\n');
      expect(text).toMatch(/問題が発生しました/);
      // The reference to quote to support is the one logged with the error.
      expect(text).toMatch(/参照番号 [0-9a-f]{8}/);
      expect(text).not.toMatch(/turn/);
    } finally {
      await azurite.start();
    }
  }, 60_000);
});
