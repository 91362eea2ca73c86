/**
 * Hostile or careless input, and what the logs keep: oversized pastes, rate limits, and no secrets or
 * bounce text at info level.
 */
import { Writable } from 'node:stream';
import { createApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { startConnectorStub, type ConnectorStub } from '../helpers/connector-stub';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { cardTexts, finalCards, startBot, teamsMessage } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({ 'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.contoso.example'] }] });
});
afterAll(() => dns.stop());

const text = (card: unknown): string => cardTexts(card).join('\n');

it('answers a paste over the size cap with a clear "too large", not a crash', async () => {
  const bot = await startBot({ MAX_PASTE_BYTES: '4096' });
  try {
    const cards = finalCards(await bot.say(`${exoSpfBounceText({ senderDomain: 'contoso.example' })}\n${'x'.repeat(8000)}`));
    expect(cards).toHaveLength(1);
    expect(text(cards[0])).toMatch(/too large for me to read/);
  } finally {
    await bot.close();
  }
});

it('refuses a request body far over the cap before reading it (413), and stays up', async () => {
  const bot = await startBot({ MAX_PASTE_BYTES: '4096' });
  try {
    const res = await bot.post(teamsMessage(bot.connector.url, 'y'.repeat(2 * 1024 * 1024)));
    expect(res.status).toBe(413);
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
  } finally {
    await bot.close();
  }
});

it('limits how many checks one person starts per minute, and says how long to wait', async () => {
  const bot = await startBot({ DNS_SERVERS: dns.address, RATE_LIMIT_CHECKS_PER_MINUTE: '2' });
  try {
    for (let i = 0; i < 2; i++) expect(text(finalCards(await bot.say('check contoso.example'))[0])).toMatch(/SPF check of contoso\.example/);
    const limited = text(finalCards(await bot.say('check contoso.example'))[0]);
    expect(limited).toMatch(/Please wait \d+ seconds?/);
    // Someone else is not held back by it.
    const other = await bot.say('check contoso.example', { extra: { from: { id: '29:someone-else', name: 'Grace', aadObjectId: 'aad-grace' } } });
    expect(text(finalCards(other)[0])).toMatch(/SPF check of contoso\.example/);
  } finally {
    await bot.close();
  }
});

describe('logs at info level', () => {
  let connector: ConnectorStub;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

  beforeAll(async () => {
    connector = await startConnectorStub();
  });
  afterAll(() => connector.close());

  it('hold no bounce text, no addresses and no secrets, whatever happened', async () => {
    const secret = 'Sup3r-Secret-Password~value';
    const config = loadConfig({ DNS_SERVERS: dns.address, LOG_LEVEL: 'info', MicrosoftAppPassword: secret });
    const app = createApp(config, createLogger('info', sink));
    const port = await app.listen(0);
    try {
      const post = (activity: Record<string, unknown>): Promise<Response> =>
        fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify(activity) });
      const bounce = exoSpfBounceText({ senderDomain: 'contoso.example', recipient: 'grace.hopper@fabrikam.example', remoteText: '550 5.7.1 Unique-Remote-Words-4711 rejected' });
      await post(teamsMessage(connector.url, bounce));
      await post(teamsMessage(connector.url, 'check contoso.example'));
      await post(teamsMessage(connector.url, 'bonjour, ma boîte grace.hopper@fabrikam.example ne reçoit rien'));
    } finally {
      await app.close();
    }
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(all).not.toContain(secret);
    expect(all).not.toMatch(/grace\.hopper/);
    expect(all).not.toMatch(/ada@contoso/);
    expect(all).not.toContain('Unique-Remote-Words-4711');
    expect(all).not.toContain('Quarterly figures');
  });
});
