/**
 * What a conversation remembers between turns, over real HTTP: two bot instances on one store (a
 * MemoryStorage both share, as two instances share Blob storage) and the real DNS test server.
 * - A message delivered again, to the other instance, after the first was answered gets no second answer,
 *   whether its id is a Teams activity id, a long one, or an e-mail's Message-ID, and whether the
 *   conversation's state was written before ids were kept as digests.
 * - What an earlier check found about a domain ("fixed since?") outlives many checks of another domain.
 */
import { MemoryStorage } from 'botbuilder';
import { createApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/log';
import { startConnectorStub, type ConnectorStub } from '../helpers/connector-stub';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { cardTexts, finalCards, teamsMessage } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';

// TTL 0: every check asks DNS afresh, so a record changed between turns is seen at once.
const WITHOUT_MICROSOFT = 'v=spf1 ip4:198.51.100.0/24 -all';
const ZONE: ZoneData = {
  'contoso.example': [{ TXT: WITHOUT_MICROSOFT }, { MX: [10, 'contoso-example.mail.protection.outlook.com'] }, { TTL: 0 }],
  'fixme.example': [{ TXT: WITHOUT_MICROSOFT }, { MX: [10, 'fixme-example.mail.protection.outlook.com'] }, { TTL: 0 }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all' }, { TTL: 0 }],
};

let dns: TestDnsServer;
let connector: ConnectorStub;
let storage: MemoryStorage;
let items: Record<string, string>;
let instances: { app: App; url: string }[];

beforeAll(async () => {
  dns = await startDnsServer(ZONE);
  connector = await startConnectorStub();
});

beforeEach(async () => {
  dns.setZone(ZONE);
  items = {};
  storage = new MemoryStorage(items);
  const config = loadConfig({ LOG_LEVEL: 'silent', DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '500', RATE_LIMIT_CHECKS_PER_MINUTE: '0' });
  instances = [];
  for (let i = 0; i < 2; i++) {
    const app = createApp(config, createLogger('silent'), storage);
    instances.push({ app, url: `http://127.0.0.1:${await app.listen(0)}/api/messages` });
  }
});

afterEach(async () => {
  await Promise.all(instances.map((i) => i.app.close()));
});

afterAll(async () => {
  await connector.close();
  await dns.stop();
});

async function post(instance: number, activity: Record<string, unknown>): Promise<void> {
  const res = await fetch(instances[instance]!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBeLessThan(300);
}

const textOf = (card: unknown): string => cardTexts(card).join('\n');
const answersIn = (conversationId: string): Record<string, unknown>[] => finalCards(connector.forConversation(conversationId));

describe('a message delivered again to the other instance', () => {
  it.each([
    ['a Teams activity id', '1733097600123'],
    ['a long id', `msg-${'7'.repeat(200)}`],
  ])('is answered once when its id is %s', async (_, id) => {
    const conversationId = `a:redelivered-${id.length}`;
    const activity = { ...teamsMessage(connector.url, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId }), id };
    await post(0, activity);
    await post(1, activity);
    expect(answersIn(conversationId)).toHaveLength(1);
    // A new message of the same conversation is still answered, on either instance.
    await post(1, teamsMessage(connector.url, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId }));
    expect(answersIn(conversationId)).toHaveLength(2);
  });

  it('is answered once when it is an e-mail, by its Message-ID', async () => {
    const conversationId = 'email:ada@contoso.example';
    const activity = {
      ...teamsMessage(connector.url, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId }),
      channelId: 'email',
      channelData: { subject: 'FW: Undeliverable: Quarterly figures', messageId: `<${'x'.repeat(120)}@mail.contoso.example>` },
    };
    await post(0, activity);
    await post(1, { ...activity, id: 'another-delivery-id' });
    const replies = connector.forConversation(conversationId).filter((c) => c.activity.type === 'message');
    expect(replies).toHaveLength(1);
  });

  it('is answered once when the conversation state was written before ids were kept as digests', async () => {
    const conversationId = 'a:written-before';
    const id = `msg-${'5'.repeat(60)}`;
    // The state an earlier version saved for this conversation: the activity id kept whole.
    items[`msteams/conversations/${conversationId}/`] = JSON.stringify({ data: { diagnoses: [], seen: [id] }, dialogState: { dialogStack: [] }, eTag: '1' });
    await post(1, { ...teamsMessage(connector.url, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId }), id });
    expect(connector.forConversation(conversationId)).toHaveLength(0);
  });
});

describe('what earlier checks found', () => {
  it('still says "fixed since" for a domain after the conversation checked another one again and again', async () => {
    const conversationId = 'a:many-checks';
    const paste = (domain: string, at: number): Promise<void> => post(at % 2, teamsMessage(connector.url, exoSpfBounceText({ senderDomain: domain }), { conversationId }));
    await paste('fixme.example', 0);
    expect(textOf(answersIn(conversationId)[0])).toMatch(/doesn't authorize Microsoft 365/);
    // More checks of another domain, each finding the same, than the conversation keeps checks.
    for (let i = 0; i < 25; i++) await paste('contoso.example', i);
    dns.setZone({ ...ZONE, 'fixme.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'fixme-example.mail.protection.outlook.com'] }, { TTL: 0 }] });
    await paste('fixme.example', 1);
    const answers = answersIn(conversationId);
    expect(answers).toHaveLength(27);
    expect(textOf(answers[26])).toMatch(/Fixed since the message bounced: the SPF record of fixme\.example is right now/);
  });
});
