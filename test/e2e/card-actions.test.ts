/**
 * Card buttons of the playbooks that judge from the code and the remote words, buttons whose diagnosis is
 * gone, and Teams delivering the same message twice: over real HTTP, with the connector stub and the real
 * test DNS server.
 */
import type { TestDnsServer, ZoneData } from '../helpers/dns-server';
import { useBotWithDns } from '../helpers/bot-with-dns';
import { cardTexts, finalCards, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { exoNdrText, exoSpfBounceText, quotedHeaders } from '../helpers/bounces';
import type { ConnectorCall } from '../helpers/connector-stub';

const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.contoso.example'] }, { TTL: 600 }],
  'fabrikam.example': [{ MX: [10, 'mx1.fabrikam.example'] }, { TTL: 3600 }],
};

let dns: TestDnsServer;
let bot: BotHarness;
useBotWithDns(ZONE, (b, d) => {
  bot = b;
  dns = d;
});

beforeEach(() => {
  dns.setZone(ZONE);
  dns.setBehaviour('normal');
});

const textOf = (card: unknown): string => cardTexts(card).join('\n');

type ConversationType = 'personal' | 'groupChat' | 'channel';

function actionsOf(card: Record<string, unknown>): Record<string, unknown>[] {
  return (card.actions as Record<string, unknown>[] | undefined) ?? [];
}

/** POST an Action.Execute invoke as Teams sends it when a card button is clicked; returns the invoke's answer. */
async function click(conversationId: string, replyToId: string, verb: string, data: Record<string, unknown>, conversationType: ConversationType = 'personal', from?: Record<string, unknown>): Promise<{ type: string; value: unknown }> {
  const activity = {
    ...teamsMessage(bot.connector.url, '', { conversationId, conversationType, extra: from ? { from } : {} }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
  const res = await bot.post(activity);
  expect(res.status).toBe(200);
  const body = JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
  expect(body.statusCode).toBe(200);
  return body;
}

/** Pastes a bounce; returns the result card and the id of the message that holds it. */
async function paste(text: string, conversationId: string, conversationType: ConversationType = 'personal', from?: Record<string, unknown>): Promise<{ card: Record<string, unknown>; messageId: string }> {
  const calls = await bot.say(text, { conversationId, conversationType, extra: from ? { from } : {} });
  const cards = finalCards(calls);
  expect(cards).toHaveLength(1);
  return { card: cards[0]!, messageId: calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!.assignedId };
}

/** The recipient's domain: each case its own, since a fresh answer from Check again is cached for the next paste. */
const exchangeUnknownUser = (domain: string): string =>
  exoNdrText({
    recipient: `grace@${domain}`,
    reply: '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found',
    headers: quotedHeaders(`grace@${domain}`, ['From: Ada Lovelace <ada@contoso.example>']),
  });

const exchangeExpired = (domain: string): string =>
  exoNdrText({
    recipient: `grace@${domain}`,
    reply: '450 4.4.7 Message delayed; QUEUE.Expired; message expired',
    headers: quotedHeaders(`grace@${domain}`, ['From: Ada Lovelace <ada@contoso.example>']),
  });

const postfixUnknownUser = (domain: string): string =>
  [
    'This is the mail system at host mail.contoso.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    "be delivered to one or more recipients. It's attached below.",
    '',
    '                   The mail system',
    '',
    `<grace@${domain}>: host mx1.${domain}[203.0.113.25] said: 550 5.1.1`,
    `    <grace@${domain}>: Recipient address rejected: User unknown in virtual`,
    '    mailbox table (in reply to RCPT TO command)',
    '',
  ].join('\n');

const CASES: [string, (domain: string) => string, RegExp][] = [
  ['an Exchange 5.1.1 RESOLVER.ADR.RecipNotFound', exchangeUnknownUser, /Not delivered to the recipient/],
  ['an Exchange 4.4.7 QUEUE.Expired', exchangeExpired, /The message expired before it could be delivered/],
  ['a Postfix 5.1.1', postfixUnknownUser, /Not delivered to the recipient/],
];

describe('Check again on a card that checked the recipient domain', () => {
  it.each(CASES.map(([name, text, title], i) => [name, text, title, i] as const))(
    '%s: asks the mail host afresh and updates the card in place with what changed',
    async (_name, text, title, i) => {
      const conversationId = `a:family-check-again-${i}`;
      const domain = `moving${i}.example`;
      // Each MX host has an address: a domain whose MX points nowhere would read otherwise.
      const zone: ZoneData = { ...ZONE, [domain]: [{ MX: [10, `mx1.${domain}`] }, { TTL: 3600 }], [`mx1.${domain}`]: [{ A: '192.0.2.60' }] };
      dns.setZone(zone);
      const { card, messageId } = await paste(text(domain), conversationId);
      expect(textOf(card)).toMatch(title);
      expect(textOf(card)).toContain(`${domain} receives mail at mx1.${domain}`);
      const check = actionsOf(card).find((a) => a.verb === 'checkAgain');
      expect(check).toBeDefined();

      // Nothing changed: the same card, saying so; never the help card.
      const same = await click(conversationId, messageId, 'checkAgain', check!.data as Record<string, unknown>);
      expect(same.type).toBe('application/vnd.microsoft.card.adaptive');
      const sameText = textOf(same.value);
      expect(sameText).toMatch(title);
      expect(sameText).toMatch(/Nothing has changed since the check at/);
      expect(sameText).not.toMatch(/Paste a bounce and I'll diagnose it/);

      // The domain moved its mail (within the old answer's hour-long TTL): Check again asks DNS, not its cache.
      dns.setZone({ ...zone, [domain]: [{ MX: [10, `moving${i}-example.mail.protection.outlook.com`] }, { TTL: 3600 }], [`moving${i}-example.mail.protection.outlook.com`]: [{ A: '192.0.2.61' }] });
      const moved = await click(conversationId, messageId, 'checkAgain', check!.data as Record<string, unknown>);
      const movedText = textOf(moved.value);
      expect(movedText).toContain(`${domain} receives mail at moving${i}-example.mail.protection.outlook.com.`);
      expect(movedText).toMatch(/This has changed since the check at [^\n]+\. At that check: /);
      expect(movedText).toContain(`At that check: ${domain} receives mail at mx1.${domain}.`);
      // The card of the message itself was not swapped for anything else along the way.
      const posted = bot.connector.forConversation(conversationId).filter((c) => c.method === 'POST' && c.activity.type === 'message');
      expect(posted).toHaveLength(1);
    },
  );

  it('does not offer Check again on a card whose diagnosis checked nothing in DNS', async () => {
    const mailboxFull = exoNdrText({
      recipient: 'grace@fabrikam.example',
      reply: '552 5.2.2 mailbox full; STOREDRV.Deliver: mailbox quota exceeded',
      headers: quotedHeaders('grace@fabrikam.example', ['From: Ada Lovelace <ada@contoso.example>']),
    });
    const { card } = await paste(mailboxFull, 'a:family-no-dns');
    expect(textOf(card)).not.toMatch(/receives mail at/);
    expect(actionsOf(card).map((a) => a.verb)).not.toContain('checkAgain');
    // Escalation is still there.
    expect(actionsOf(card).length).toBeGreaterThan(0);
  });
});

describe('Check again where several people see the card', () => {
  // The invoke response replaces the card for the person who clicked only: in a group chat or a channel the
  // message itself is updated too, so nobody else is left reading the stale check. Language stays personal.
  // Each test is another person, each with checks of their own to start under the per-person limit.
  let people = 0;
  let person: Record<string, unknown>;
  beforeEach(() => {
    people += 1;
    person = { id: `29:user-shared-${people}`, name: `Person ${people}`, aadObjectId: `00000000-0000-0000-0000-${String(people).padStart(12, '0')}` };
  });
  it.each([
    ['a group chat', 'groupChat', '19:check-again-group@thread.v2', 1],
    ['a channel', 'channel', '19:check-again-channel@thread.tacv2;messageid=1701', 1],
    ['a personal chat', 'personal', 'a:check-again-personal', 0],
  ] as const)('in %s, the fresh answer reaches everyone who sees the card (%s: the message is updated only where others see it)', async (_name, type, conversationId, updates) => {
    const domain = `shared-${type.toLowerCase()}.example`;
    const outlook: ZoneData = { 'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 -all' }, { TTL: 3600 }] };
    dns.setZone({ ...ZONE, ...outlook, [domain]: [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, `mx.${domain}`] }, { TTL: 600 }] });
    const { card, messageId } = await paste(exoSpfBounceText({ senderDomain: domain }), conversationId, type, person);
    const check = actionsOf(card).find((a) => a.verb === 'checkAgain')!;
    const before = bot.connector.forConversation(conversationId).length;

    dns.setZone({ ...ZONE, ...outlook, [domain]: [{ TXT: 'v=spf1 ip4:198.51.100.0/24 include:spf.protection.outlook.com -all' }, { MX: [10, `mx.${domain}`] }, { TTL: 600 }] });
    const answer = await click(conversationId, messageId, 'checkAgain', check.data as Record<string, unknown>, type, person);
    expect(textOf(answer.value)).toMatch(/Fixed since the message bounced/);
    const calls = bot.connector.forConversation(conversationId).slice(before);
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(updates);
    for (const put of puts) {
      // The message that holds the card, with the very card the clicker got back.
      expect(put.activityId).toBe(messageId);
      expect(put.activity.attachments?.[0]?.content).toEqual(answer.value);
    }
    // No new message either way: the answer is in place.
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('in a group chat, the person who clicked gets the fresh check even when the message cannot be updated for the others', async () => {
    const conversationId = '19:check-again-refused@thread.v2';
    const { card, messageId } = await paste(exoSpfBounceText({ senderDomain: 'contoso.example' }), conversationId, 'groupChat', person);
    const check = actionsOf(card).find((a) => a.verb === 'checkAgain')!;
    // Teams refuses the update (the bot may no longer edit messages in this chat).
    bot.connector.failActivities([403]);
    const answer = await click(conversationId, messageId, 'checkAgain', check.data as Record<string, unknown>, 'groupChat', person);
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(answer.value)).toMatch(/Nothing has changed since the check at/);
    expect(bot.connector.refused.at(-1)).toMatchObject({ status: 403, conversationId });
  });

  it('in a group chat, a case sent to support shows as sent to everyone, so nobody sends it again', async () => {
    const conversationId = '19:escalate-group@thread.v2';
    const { card, messageId } = await paste(exoSpfBounceText({ senderDomain: 'contoso.example' }), conversationId, 'groupChat', person);
    const escalate = actionsOf(card).find((a) => a.type === 'Action.ShowCard' && JSON.stringify(a).includes('"escalate"'))!;
    const send = (escalate.card as { actions: Record<string, unknown>[] }).actions.find((a) => a.verb === 'escalate')!;
    const before = bot.connector.forConversation(conversationId).length;
    const answer = await click(conversationId, messageId, 'escalate', { ...(send.data as object), tried: 'resent it twice', urgency: 'normal' }, 'groupChat', person);
    const calls = bot.connector.forConversation(conversationId).slice(before);
    const put = calls.find((c) => c.method === 'PUT' && c.activityId === messageId);
    expect(put?.activity.attachments?.[0]?.content).toEqual(answer.value);
    // The card everyone sees no longer offers to send it.
    expect(JSON.stringify(answer.value)).not.toContain('"verb":"escalate"');
  });

  it('in a group chat, a language choice redraws the card for the person who chose it only', async () => {
    const conversationId = '19:language-group@thread.v2';
    const { card, messageId } = await paste(exoSpfBounceText({ senderDomain: 'contoso.example' }), conversationId, 'groupChat', person);
    const show = actionsOf(card).find((a) => a.type === 'Action.ShowCard')!;
    const apply = (show.card as { actions: Record<string, unknown>[] }).actions[0]!;
    const before = bot.connector.forConversation(conversationId).length;
    // Grace, not Ada who pasted it: the choice is hers (and kept for her, not for the tests after this one).
    const grace = { id: '29:user-grace', name: 'Grace Hopper', aadObjectId: '00000000-0000-0000-0000-00000000000a' };
    const answer = await click(conversationId, messageId, 'setLanguage', { ...(apply.data as object), locale: 'ja' }, 'groupChat', grace);
    expect(textOf(answer.value)).toMatch(/[ぁ-んァ-ン]/);
    expect(bot.connector.forConversation(conversationId).slice(before).filter((c) => c.method === 'PUT')).toHaveLength(0);
  });
});

describe('a button whose diagnosis is gone, or that the bot does not know', () => {
  /** The bot's calls in this conversation after `before`: what the person saw happen. */
  const after = (conversationId: string, before: number): ConnectorCall[] => bot.connector.forConversation(conversationId).slice(before);

  const GONE = "I no longer have the bounce behind this card, so I can't do that. Paste it again and I'll check it";
  const UNKNOWN = 'This button belongs to a card I no longer handle, so nothing changed. Paste the bounce again for a fresh card';
  it.each([
    ['Check again on a diagnosis the bot no longer has', 'checkAgain', { diagnosisId: 'forgotten-after-restart' }, GONE],
    ['Escalate on a diagnosis the bot no longer has', 'escalate', { diagnosisId: 'forgotten-after-restart', tried: 'resent it' }, GONE],
    // Not "the bounce is gone": the bounce may well be there; the button is what the bot does not know.
    ['a verb from another version of the card', 'doSomethingNew', { diagnosisId: 'whatever' }, UNKNOWN],
  ])('%s leaves the card as it is and says why in a message', async (_name, verb, data, why) => {
    const conversationId = `a:stale-${verb}`;
    const { messageId } = await paste(exoSpfBounceText({ senderDomain: 'contoso.example' }), conversationId);
    const before = bot.connector.forConversation(conversationId).length;

    const answer = await click(conversationId, messageId, verb, data);
    // A message answer, not a card: Teams keeps the clicked card.
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(answer.value)).toContain(why.slice(0, 40));
    const calls = after(conversationId, before);
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    const notes = finalCards(calls);
    expect(notes).toHaveLength(1);
    expect(textOf(notes[0])).toContain(why);
    expect(textOf(notes[0])).not.toMatch(/Paste a bounce and I'll diagnose it/);
  });

  it('says so in the person\'s language', async () => {
    const conversationId = 'a:stale-ja';
    const activity = {
      ...teamsMessage(bot.connector.url, '', { conversationId, locale: 'ja-JP' }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      replyToId: 'some-old-card',
      value: { action: { type: 'Action.Execute', verb: 'checkAgain', data: { diagnosisId: 'gone' } }, trigger: 'manual' },
    };
    const res = await bot.post(activity);
    expect(JSON.parse(res.body)).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(textOf(finalCards(bot.connector.forConversation(conversationId))[0])).toMatch(/もう一度貼り付けていただければ確認します/);
  });

  it('from an older client (Action.Submit), answers with the note and no help card', async () => {
    const conversationId = 'a:stale-submit';
    const calls = await bot.say('', { conversationId, extra: { value: { verb: 'checkAgain', diagnosisId: 'gone' } } });
    const cards = finalCards(calls);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(/I no longer have the bounce behind this card/);
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });
});

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
