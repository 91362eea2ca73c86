/** Teams' connector throttles (429 with Retry-After) and has bad moments (5xx): replies still arrive, once. */
import { cardTexts, finalCards, startBot, type BotHarness } from '../helpers/http-harness';

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot({});
});
afterAll(() => bot.close());

it('retries a throttled and failing connector with backoff, and delivers each reply exactly once', async () => {
  const conversationId = 'a:retry';
  bot.connector.failActivities([429, 500, 503], 1);
  const started = Date.now();
  const calls = await bot.say('help', { conversationId });
  const cards = finalCards(calls);
  expect(cards).toHaveLength(1);
  expect(cardTexts(cards[0]).join('\n')).toMatch(/Paste a bounce/);
  expect(bot.connector.refused.map((r) => r.status)).toEqual([429, 500, 503]);
  // The Retry-After of the 429 was honoured before trying again.
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});
