/** The HTTP surface over real sockets: health, authentication, and answers that are not diagnoses. */
import { generateKeyPairSync } from 'node:crypto';
import { cardsOf, cardTexts, startBot, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { startOpenIdServer, type OpenIdServer } from '../helpers/openid-server';
import { startConnectorStub, type ConnectorStub } from '../helpers/connector-stub';

const APP_ID = '11111111-2222-3333-4444-555555555555';

describe('with Azure credentials configured', () => {
  let bot: BotHarness;
  let openid: OpenIdServer;
  beforeAll(async () => {
    openid = await startOpenIdServer();
    bot = await startBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant-1',
      BotOpenIdMetadata: openid.metadataUrl,
    });
  });
  afterAll(async () => {
    await bot.close();
    await openid.close();
  });

  it('refuses an activity with no Bot Framework token (401) and sends nothing', async () => {
    const res = await bot.post(teamsMessage(bot.connector.url, 'help'));
    expect(res.status).toBe(401);
    expect(bot.connector.calls).toHaveLength(0);
  });

  it('refuses an activity with an unsigned token (401)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: openid.issuer, aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    const res = await bot.post(teamsMessage(bot.connector.url, 'help'), { authorization: `Bearer ${header}.${payload}.` });
    expect(res.status).toBe(401);
    expect(bot.connector.calls).toHaveLength(0);
  });

  const claims = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    iss: openid.issuer,
    aud: APP_ID,
    serviceurl: bot.connector.url,
    nbf: Math.floor(Date.now() / 1000) - 60,
    exp: Math.floor(Date.now() / 1000) + 600,
    ...over,
  });
  /** An invoke the bot answers in the HTTP response, sending nothing: proves what the token alone decides. */
  const invoke = (): Record<string, unknown> => ({
    ...teamsMessage(bot.connector.url, ''),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: { action: { type: 'Action.Execute', verb: 'refreshCase', data: { caseId: 'BD-NOPE22' } } },
  });

  it('accepts a valid Bot Framework token (the control for the refusals)', async () => {
    const res = await bot.post(invoke(), { authorization: `Bearer ${openid.sign(claims())}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/BD-NOPE22/);
  });

  it('refuses an expired token (401)', async () => {
    const res = await bot.post(invoke(), { authorization: `Bearer ${openid.sign(claims({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }))}` });
    expect(res.status).toBe(401);
  });

  it('refuses a token for another bot (wrong audience, 401)', async () => {
    const res = await bot.post(invoke(), { authorization: `Bearer ${openid.sign(claims({ aud: '99999999-0000-0000-0000-000000000000' }))}` });
    expect(res.status).toBe(401);
  });

  it('refuses a token issued for another service URL (401)', async () => {
    const res = await bot.post(invoke(), { authorization: `Bearer ${openid.sign(claims({ serviceurl: 'https://evil.example/' }))}` });
    expect(res.status).toBe(401);
  });

  it('refuses a token signed by a key Bot Framework does not publish (401)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = openid.sign({ iss: openid.issuer, aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600 }, { key: privateKey });
    const res = await bot.post(teamsMessage(bot.connector.url, 'help'), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(bot.connector.calls).toHaveLength(0);
  });
});

describe('in local mode (no credentials)', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot({});
  });
  afterAll(() => bot.close());

  it('reports healthy on /healthz', async () => {
    const res = await fetch(`${bot.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers text that is not a bounce with a help card saying what it needs', async () => {
    const calls = await bot.say('Hi! Can you look at why my mail to the bank keeps failing?');
    const cards = cardsOf(calls);
    expect(cards).toHaveLength(1);
    const texts = cardTexts(cards[0]);
    expect(texts[0]).toMatch(/doesn't look like a bounce/);
    expect(texts.join('\n')).toMatch(/Remote Server returned/);
  });

  it('answers an empty message with help, not silence', async () => {
    const calls = await bot.say('   ');
    expect(cardsOf(calls)).toHaveLength(1);
  });

  it('answers in the client language when the text is not a bounce', async () => {
    const calls = await bot.say('bonjour', { locale: 'fr-FR' });
    const texts = cardTexts(cardsOf(calls)[0]);
    expect(texts.join('\n')).toMatch(/[éèàç]/);
  });

  it("answers each conversation at its own service URL, whichever regions' turns come between", async () => {
    // Connector clients are kept per service URL (bot/auth.ts), at most 32: 34 regions, then the first again.
    const regions: ConnectorStub[] = [];
    const elsewhere = bot.connector.calls.length;
    try {
      for (let i = 0; i < 34; i++) regions.push(await startConnectorStub());
      const turns = [...regions, ...regions.slice(0, 2)];
      for (const [i, region] of turns.entries()) {
        const activity = teamsMessage(region.url, 'hello', { conversationId: `a:region-${i}` });
        expect((await bot.post(activity)).status).toBeLessThan(300);
        expect(cardsOf(region.forConversation(`a:region-${i}`))).toHaveLength(1);
      }
      expect(regions.map((r) => r.calls.length)).toEqual(regions.map((_, i) => (i < 2 ? 2 : 1)));
      expect(bot.connector.calls).toHaveLength(elsewhere);
    } finally {
      await Promise.all(regions.map((r) => r.close()));
    }
  });

  it('greets the person when the bot is installed', async () => {
    const activity: Record<string, unknown> = {
      ...teamsMessage(bot.connector.url, ''),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: '28:bounce-doctor' }],
    };
    const res = await bot.post(activity);
    expect(res.status).toBeLessThan(300);
    const conversationId = (activity.conversation as { id: string }).id;
    const cards = cardsOf(bot.connector.forConversation(conversationId));
    expect(cards).toHaveLength(1);
    expect(cardTexts(cards[0])[0]).toMatch(/Bounce Doctor/);
  });
});

describe('with ALLOWED_TENANTS', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot({ ALLOWED_TENANTS: 'tenant-allowed' });
  });
  afterAll(() => bot.close());

  it('refuses activities from other tenants politely, and serves its own', async () => {
    const refused = cardTexts(cardsOf(await bot.say('help'))[0]).join('\n');
    expect(refused).toMatch(/isn't available for your organization/);
    const served = await bot.say('help', { extra: { channelData: { tenant: { id: 'tenant-allowed' } }, conversation: { id: 'a:allowed', conversationType: 'personal', tenantId: 'tenant-allowed' } } });
    expect(cardTexts(cardsOf(served)[0]).join('\n')).toMatch(/Paste a bounce/);
  });

  it.each(['composeExtension/fetchTask', 'composeExtension/submitAction'])(
    'refuses "Diagnose bounce" (%s) with the refusal in its window: a task answer, not a card button\'s answer Teams cannot show there',
    async (name) => {
      const res = await bot.post({
        ...teamsMessage(bot.connector.url, ''),
        type: 'invoke',
        name,
        text: undefined,
        value: { commandId: 'diagnoseBounce', commandContext: 'message', messagePayload: { id: '1', body: { contentType: 'text', content: 'help' } } },
      });
      expect(res.status).toBe(200);
      const task = (JSON.parse(res.body) as { task?: { type: string; value: { card: { contentType: string; content: unknown } } } }).task;
      expect(task?.type).toBe('continue');
      expect(task?.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardTexts(task?.value.card.content).join('\n')).toMatch(/isn't available for your organization/);
    },
  );
});
