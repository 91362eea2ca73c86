/**
 * Activities shaped as Teams really sends them, over real HTTP with the connector stub and the real test
 * DNS server: the HTML copy that comes with every channel and group-chat message (a paragraph per line,
 * the @mention inside), and the message action's invokes.
 */
import type { ZoneData } from '../helpers/dns-server';
import { useBotWithDns } from '../helpers/bot-with-dns';
import { cardsAfter, cardTexts, finalCards, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';
import { rendererProblems, schemaErrors } from '../helpers/card-checks';

const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.contoso.example'] }, { TTL: 600 }],
};

const TEAM = '19:it-helpdesk@thread.tacv2';
const BOT = { id: '28:bounce-doctor', name: 'Bounce Doctor' };

let bot: BotHarness;
useBotWithDns(ZONE, (b) => {
  bot = b;
});

const textOf = (card: unknown): string => cardTexts(card).join('\n');

/** A 5.7.23 bounce that does not say the sender's domain: the bot asks for it. */
const NO_DOMAIN = [
  'Delivery has failed to these recipients or groups:',
  'grace@fabrikam.example',
  "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'",
].join('\n');

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Teams' composer HTML: every line a paragraph of its own, an empty line `<p>&nbsp;</p>`. */
function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => `<p>${escapeHtml(line) || '&nbsp;'}</p>`)
    .join('\n');
}

/** A message that @mentions the bot in a channel or group chat, with the HTML copy Teams sends beside the text. */
function mentioning(text: string, conversationId: string, conversationType: 'channel' | 'groupChat', locale = 'en-US'): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return teamsMessage(bot.connector.url, `${mention} ${text}`, {
    conversationId,
    conversationType,
    locale,
    extra: {
      textFormat: 'plain',
      entities: [
        { type: 'mention', mentioned: BOT, text: mention },
        { type: 'clientInfo', locale, country: 'US', platform: 'Windows', timezone: 'Europe/London' },
      ],
      attachments: [{ contentType: 'text/html', content: `<div>${paragraphs(`${mention} ${text}`).replace(escapeHtml(mention), mention)}</div>` }],
      channelData:
        conversationType === 'channel'
          ? { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'IT helpdesk' }, channel: { id: TEAM, name: 'General' }, teamsTeamId: TEAM, teamsChannelId: TEAM }
          : { tenant: { id: 'tenant-1' } },
    },
  });
}

function send(activity: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  return cardsAfter(bot, activity);
}

describe('commands typed in a channel or a group chat, which Teams sends with an HTML copy', () => {
  it.each([
    ['channel', `${TEAM};messageid=1764624000001`],
    ['groupChat', '19:4f1c2a@thread.v2'],
  ] as const)('in a %s, "@Bounce Doctor help" shows the help, not "that doesn\'t look like a bounce"', async (type, conversationId) => {
    const cards = await send(mentioning('help', conversationId, type));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(/Paste a bounce and I'll diagnose it/);
    expect(textOf(cards[0])).not.toMatch(/doesn't look like a bounce/);
  });

  it('in a channel, "@Bounce Doctor check contoso.example" checks the domain', async () => {
    const cards = await send(mentioning('check contoso.example', `${TEAM};messageid=1764624000002`, 'channel'));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(/SPF check of contoso\.example/);
    expect(textOf(cards[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('in a group chat, "@Bounce Doctor langue" in French opens the language picker in French', async () => {
    const cards = await send(mentioning('langue', '19:5a2b3c@thread.v2', 'groupChat', 'fr-FR'));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(/Dans quelle langue dois-je vous répondre/);
  });
});

describe("a bounce in Teams' HTML, a paragraph per line", () => {
  const bounce = exoSpfBounceText({ senderDomain: 'contoso.example', sendingIp: '203.0.113.9' });

  function expectHeadersRead(card: Record<string, unknown> | undefined): void {
    const text = textOf(card);
    // From the quoted headers: the sender, the IP the receiving server reported, and when it was sent.
    expect(text).toMatch(/Sender\nada@contoso\.example/);
    expect(text).toMatch(/Sending IP\n203\.0\.113\.9/);
    expect(text).toMatch(/Time\nNov 16, 2026/);
    expect(text).toMatch(/Cause: the SPF record of contoso\.example doesn't authorize 203\.0\.113\.9/);
    expect(text).toMatch(/Confirmed: I evaluated the record for 203\.0\.113\.9/);
  }

  it('pasted with an @mention in a group chat: the same card as in a personal chat, headers read', async () => {
    const personal = finalCards(await bot.say(bounce, { conversationId: 'a:html-personal' }));
    expectHeadersRead(personal[0]);
    const group = await send(mentioning(bounce, '19:6d7e8f@thread.v2', 'groupChat'));
    expect(group).toHaveLength(1);
    expectHeadersRead(group[0]);
  });

  it('"Diagnose bounce" on such a message in a channel reads its headers too', async () => {
    const conversationId = `${TEAM};messageid=1764624000003`;
    const activity = {
      ...teamsMessage(bot.connector.url, '', { conversationId, conversationType: 'channel' }),
      type: 'invoke',
      name: 'composeExtension/submitAction',
      text: undefined,
      channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM }, channel: { id: TEAM }, source: { name: 'message' } },
      value: {
        commandId: 'diagnoseBounce',
        commandContext: 'message',
        data: { domain: '' },
        messagePayload: { id: '1764624000003', messageType: 'message', body: { contentType: 'html', content: paragraphs(bounce) }, attachments: [], mentions: [] },
      },
    };
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    const cards = finalCards(bot.connector.forConversation(conversationId));
    expect(cards).toHaveLength(1);
    expectHeadersRead(cards[0]);
  });
});

describe('"Diagnose bounce" when Teams fetches its window (composeExtension/fetchTask)', () => {

  function actionInvoke(name: string, conversationId: string, locale: string, data?: Record<string, unknown>): Record<string, unknown> {
    return {
      ...teamsMessage(bot.connector.url, '', { conversationId, locale }),
      type: 'invoke',
      name,
      text: undefined,
      value: {
        commandId: 'diagnoseBounce',
        commandContext: 'message',
        context: { theme: 'default' },
        ...(data ? { data } : {}),
        messagePayload: { id: '1764624000010', messageType: 'message', body: { contentType: 'text', content: NO_DOMAIN }, attachments: [], mentions: [] },
      },
    };
  }

  it.each([
    ['en-US', 'Diagnose bounce', "Sender's domain (optional)"],
    ['ja-JP', 'バウンスを診断', '送信者のドメイン (省略可)'],
    ['fr-FR', 'Diagnostiquer le rebond', 'Domaine expéditeur (facultatif)'],
  ])('in %s, answers with the form in the person\'s language (not a 501), and its submit diagnoses with the typed domain', async (locale, title, label) => {
    const conversationId = `a:fetch-task-${locale}`;
    const res = await bot.post(actionInvoke('composeExtension/fetchTask', conversationId, locale));
    expect(res.status).toBe(200);
    const task = (JSON.parse(res.body) as { task: { type: string; value: { title: string; card: { content: Record<string, unknown> } } } }).task;
    expect(task.type).toBe('continue');
    expect(task.value.title).toBe(title);
    const card = task.value.card.content;
    expect(rendererProblems(card)).toEqual([]);
    expect(schemaErrors(card) ?? []).toEqual([]);
    const input = (card.body as Record<string, unknown>[]).find((e) => e.type === 'Input.Text')!;
    expect(input).toMatchObject({ id: 'domain', label });
    expect((card.actions as Record<string, unknown>[])[0]).toMatchObject({ type: 'Action.Submit', title });

    // What the window sends back: the field's value, with the message.
    const submitted = await bot.post(actionInvoke('composeExtension/submitAction', conversationId, locale, { domain: 'contoso.example' }));
    expect(submitted.status).toBe(200);
    const cards = finalCards(bot.connector.forConversation(conversationId));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });
});

describe('the domain prompt of "check"', () => {
  it('asks again without calling "check" a wrong domain when the person types check once more, and names only what followed it', async () => {
    const conversationId = 'a:check-twice';
    const first = finalCards(await bot.say('check', { conversationId }));
    expect(textOf(first[0])).toMatch(/Which domain should I check\?/);
    const again = textOf(finalCards(await bot.say('check', { conversationId }))[0]);
    expect(again).toMatch(/Which domain should I check\?/);
    expect(again).not.toMatch(/isn't a domain name/);
    const wrong = textOf(finalCards(await bot.say('check foo bar', { conversationId }))[0]);
    expect(wrong).toMatch(/“foo bar” isn't a domain name/);
    const answered = textOf(finalCards(await bot.say('contoso.example', { conversationId }))[0]);
    expect(answered).toMatch(/SPF check of contoso\.example/);
  });
});

describe('an answer to "Which domain?" sent as a reply that quotes the question', () => {
  const preview = "Which domain sent the message? The bounce doesn't say which domain the message was sent from. Type the sender's domain or email address and I'll check its SPF record.";

  /** Teams' reply: the text is what was typed; the HTML copy starts with the quoted message (a preview of it). */
  function quotingReply(text: string, conversationId: string): Record<string, unknown> {
    const quote = [
      '<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="1764624000123">',
      `<strong itemprop="mri" itemid="${BOT.id}">${BOT.name}</strong><span itemprop="time" itemid="1764624000123"></span>`,
      `<p itemprop="preview">${escapeHtml(preview)}</p>`,
      '</blockquote>',
    ].join('\r\n');
    return teamsMessage(bot.connector.url, text, { conversationId, extra: { attachments: [{ contentType: 'text/html', content: `${quote}\r\n<p>${escapeHtml(text)}</p>` }] } });
  }

  it('is read as the answer: a wrong one is asked about again, not taken for a new bounce, and a right one checked', async () => {
    const conversationId = 'a:quoted-answer';
    expect(textOf(finalCards(await bot.say(NO_DOMAIN, { conversationId }))[0])).toMatch(/Which domain sent the message\?/);
    const wrong = await send(quotingReply('not a domain!', conversationId));
    expect(wrong).toHaveLength(1);
    expect(textOf(wrong[0])).toMatch(/“not a domain!” isn't a domain name/);
    expect(textOf(wrong[0])).not.toMatch(/doesn't look like a bounce/);
    const right = await send(quotingReply('ada@contoso.example', conversationId));
    expect(right).toHaveLength(1);
    expect(textOf(right[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });
});

describe('a bounce sent with textFormat xml (the text itself is the HTML, a paragraph per line)', () => {
  it('reads the quoted headers as from the HTML copy: sender, sending IP and time', async () => {
    const bounce = exoSpfBounceText({ senderDomain: 'contoso.example', sendingIp: '203.0.113.9' });
    const cards = await send(teamsMessage(bot.connector.url, paragraphs(bounce), { conversationId: 'a:xml-bounce', extra: { textFormat: 'xml' } }));
    expect(cards).toHaveLength(1);
    const text = textOf(cards[0]);
    expect(text).toMatch(/Sender\nada@contoso\.example/);
    expect(text).toMatch(/Sending IP\n203\.0\.113\.9/);
    expect(text).toMatch(/Cause: the SPF record of contoso\.example doesn't authorize 203\.0\.113\.9/);
  });
});

describe('a bounce in plain text with the entities Teams escapes (&#39; &quot; &lt; &gt; &amp;)', () => {
  it('reads the quotes as quotes: the server\'s reply alone, and the sender named after it', async () => {
    const text = 'Remote Server returned &#39;550 5.7.23 The message was rejected because of Sender Policy Framework violation&#39; when sending from &lt;ada@contoso.example&gt; to grace@fabrikam.example';
    const cards = await send(teamsMessage(bot.connector.url, text, { conversationId: 'a:entities', extra: { textFormat: 'plain' } }));
    expect(cards).toHaveLength(1);
    const card = textOf(cards[0]);
    expect(card).not.toMatch(/Which domain sent the message/);
    expect(card).toContain('v=spf1 ip4:198.51.100.0/24 -all');
    expect(card).not.toContain('&#39;');
    expect(card).not.toContain('&lt;');
  });
});

describe('a bounce pasted as a quote (<blockquote>): the quoted lines are read as its lines', () => {
  const bounce = exoSpfBounceText({ senderDomain: 'contoso.example', sendingIp: '203.0.113.9' });
  const quoted = `<blockquote>${paragraphs(bounce)}</blockquote>\n<p>Can someone tell me what this means?</p>`;

  function expectQuotedHeadersRead(card: Record<string, unknown> | undefined): void {
    const text = textOf(card);
    expect(text).toMatch(/Sender\nada@contoso\.example/);
    expect(text).toMatch(/Sending IP\n203\.0\.113\.9/);
    // Not "doesn't authorize Microsoft 365", guessed because the quoted Authentication-Results went unread.
    expect(text).toMatch(/Cause: the SPF record of contoso\.example doesn't authorize 203\.0\.113\.9/);
  }

  it('in a group chat message that @mentions the bot, from the HTML copy', async () => {
    const conversationId = '19:quote-paste@thread.v2';
    const activity = mentioning(`${bounce}\nCan someone tell me what this means?`, conversationId, 'groupChat');
    (activity.attachments as { content: string }[])[0]!.content = `<div><at>${BOT.name}</at> ${quoted}</div>`;
    const cards = await send(activity);
    expect(cards).toHaveLength(1);
    expectQuotedHeadersRead(cards[0]);
  });

  it('with "Diagnose bounce" on that message', async () => {
    const conversationId = `${TEAM};messageid=1764624000020`;
    const res = await bot.post({
      ...teamsMessage(bot.connector.url, '', { conversationId, conversationType: 'channel' }),
      type: 'invoke',
      name: 'composeExtension/submitAction',
      text: undefined,
      value: { commandId: 'diagnoseBounce', commandContext: 'message', messagePayload: { id: '1764624000020', messageType: 'message', body: { contentType: 'html', content: quoted } } },
    });
    expect(res.status).toBe(200);
    const cards = finalCards(bot.connector.forConversation(conversationId));
    expect(cards).toHaveLength(1);
    expectQuotedHeadersRead(cards[0]);
  });
});

describe('an Action.Execute whose value is missing or garbled', () => {
  const UNKNOWN = 'This button belongs to a card I no longer handle, so nothing changed. Paste the bounce again for a fresh card.';
  it.each([
    ['no value at all', undefined],
    ['a value without an action', {}],
    ['an action that is not an object', { action: 'checkAgain' }],
    ['an action typed Action.Submit', { action: { type: 'Action.Submit', verb: 'doSomethingNew', data: {} } }],
  ])('(%s) is answered 200 with a note, the card kept, not a 400 or 501 Teams shows as an error', async (_name, value) => {
    const conversationId = `a:garbled-${_name.replace(/\W+/g, '-')}`;
    const res = await bot.post({ ...teamsMessage(bot.connector.url, '', { conversationId }), type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId: 'activity-1', value });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: UNKNOWN });
    const calls = bot.connector.forConversation(conversationId);
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    expect(finalCards(calls).map(textOf)).toEqual([UNKNOWN]);
  });
});

describe('Teams delivering an activity the bot answers twice (the same id)', () => {
  it('welcomes once when the bot is added', async () => {
    const conversationId = 'a:welcome-twice';
    const added = { ...teamsMessage(bot.connector.url, '', { conversationId }), id: 'f:added-1', type: 'conversationUpdate', text: undefined, membersAdded: [{ id: BOT.id }] };
    expect((await bot.post(added)).status).toBe(200);
    expect((await bot.post(added)).status).toBe(200);
    const cards = finalCards(bot.connector.forConversation(conversationId));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(/Hi, I'm Bounce Doctor/);
  });

  it('posts one diagnosis for "Diagnose bounce", and answers both deliveries alike, also when they overlap', async () => {
    const bounce = exoSpfBounceText({ senderDomain: 'contoso.example', sendingIp: '203.0.113.9' });
    for (const [conversationId, overlap] of [['a:action-twice', false], ['a:action-twice-overlapping', true]] as const) {
      const invoke = {
        ...teamsMessage(bot.connector.url, '', { conversationId }),
        id: `f:action-${conversationId}`,
        type: 'invoke',
        name: 'composeExtension/submitAction',
        text: undefined,
        value: { commandId: 'diagnoseBounce', commandContext: 'message', messagePayload: { id: '1764624000030', messageType: 'message', body: { contentType: 'html', content: paragraphs(bounce) } } },
      };
      const answers = overlap ? await Promise.all([bot.post(invoke), bot.post(invoke)]) : [await bot.post(invoke), await bot.post(invoke)];
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers[1]!.body).toBe(answers[0]!.body);
      const cards = finalCards(bot.connector.forConversation(conversationId));
      expect(cards).toHaveLength(1);
      expect(textOf(cards[0])).toMatch(/Cause: the SPF record of contoso\.example doesn't authorize 203\.0\.113\.9/);
    }
  });

  it('says once why a card button did nothing, and gives the redelivery the same answer', async () => {
    const conversationId = 'a:click-twice';
    const click = { ...teamsMessage(bot.connector.url, '', { conversationId }), id: 'f:click-1', type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId: 'activity-1', value: { action: { type: 'Action.Execute', verb: 'doSomethingNew', data: {} } } };
    const first = await bot.post(click);
    const second = await bot.post(click);
    expect(second).toEqual(first);
    expect(finalCards(bot.connector.forConversation(conversationId))).toHaveLength(1);
  });
});

describe('a body that is no activity the bot can answer', () => {
  const valid = (): Record<string, unknown> => teamsMessage(bot.connector.url, 'help', { conversationId: 'a:not-an-activity' });
  it.each([
    ['no type', (a: Record<string, unknown>) => ({ ...a, type: undefined })],
    ['no conversation', (a: Record<string, unknown>) => ({ ...a, conversation: undefined })],
    ['no service URL', (a: Record<string, unknown>) => ({ ...a, serviceUrl: undefined })],
    ['an empty object', () => ({})],
  ])('(%s) is a 400 that names what is missing, not a 500 with the code\'s own error, and nothing is sent', async (_name, broken) => {
    const before = bot.connector.calls.length;
    const res = await bot.post(broken(valid()));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'BadRequest', message: expect.stringMatching(/^the (body|activity) /) } });
    expect(bot.connector.calls.length).toBe(before);
  });
});

describe('the domain prompt\'s button when its question no longer waits', () => {
  const GONE = "I no longer have the bounce behind this card, so I can't do that. Paste it again and I'll check it.";
  /** The prompt's Check button as Teams sends it: Action.Execute, or an older client's Action.Submit. */
  function checkButton(conversationId: string, replyToId: string, data: Record<string, unknown>, submit = false): Record<string, unknown> {
    const base = teamsMessage(bot.connector.url, '', { conversationId });
    if (submit) return { ...base, replyToId, value: { ...data, verb: 'provideDomain' } };
    return { ...base, type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId, value: { action: { type: 'Action.Execute', verb: 'provideDomain', data }, trigger: 'manual' } };
  }

  it.each([
    ['Action.Execute', false],
    ['Action.Submit', true],
  ])('(%s, state lost) checks the domain typed in the card instead of asking for it again or showing the help', async (_name, submit) => {
    const conversationId = `a:prompt-lost-${String(submit)}`;
    const res = await bot.post(checkButton(conversationId, 'activity-lost', { diagnosisId: 'lost-in-a-restart', domain: 'contoso.example' }, submit));
    expect(res.status).toBe(200);
    const shown = submit
      ? finalCards(bot.connector.forConversation(conversationId))
      : [(JSON.parse(res.body) as { value: Record<string, unknown> }).value];
    expect(shown).toHaveLength(1);
    expect(textOf(shown[0])).toMatch(/SPF check of contoso\.example/);
    expect(textOf(shown[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('(state lost, nothing typed) keeps the card and says the bounce is gone', async () => {
    const conversationId = 'a:prompt-lost-empty';
    const res = await bot.post(checkButton(conversationId, 'activity-lost', { diagnosisId: 'lost-in-a-restart', domain: '' }));
    expect(JSON.parse(res.body)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: GONE });
  });

  it("of an earlier bounce's question does not answer the later one's: each card keeps its own bounce", async () => {
    const conversationId = 'a:two-prompts';
    const ask = async (recipient: string): Promise<{ messageId: string; diagnosisId: string }> => {
      const calls = await bot.say(NO_DOMAIN.replace('grace@fabrikam.example', recipient), { conversationId });
      const post = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!;
      const card = finalCards([post])[0]!;
      expect(textOf(card)).toMatch(/Which domain sent the message\?/);
      // A short bounce pasted while the first question waits is a new bounce, not a wrong domain.
      expect(textOf(card)).not.toMatch(/isn't a domain name/);
      const execute = JSON.stringify(card).match(/"verb":"provideDomain","title":"[^"]*","data":\{"diagnosisId":"([^"]+)"/);
      return { messageId: post.assignedId, diagnosisId: execute![1]! };
    };
    const first = await ask('grace@fabrikam.example');
    const second = await ask('alan@fabrikam.example');

    const stale = await bot.post(checkButton(conversationId, first.messageId, { diagnosisId: first.diagnosisId, domain: 'contoso.example' }));
    expect(JSON.parse(stale.body)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: GONE });
    expect(bot.connector.forConversation(conversationId).filter((c) => c.method === 'PUT')).toHaveLength(0);

    // The later question still waits, and its own button answers it.
    const answered = await bot.post(checkButton(conversationId, second.messageId, { diagnosisId: second.diagnosisId, domain: 'contoso.example' }));
    const card = (JSON.parse(answered.body) as { value: Record<string, unknown> }).value;
    expect(textOf(card)).toContain('alan@fabrikam.example');
    expect(textOf(card)).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });
});

describe('commands with characters that show nothing around them (right-to-left marks, zero-width spaces)', () => {
  it.each([
    ['a right-to-left mark before help', '\u200fhelp', /Paste a bounce and I'll diagnose it/],
    ['zero-width spaces around help', '\u200bhelp\u200b', /Paste a bounce and I'll diagnose it/],
    ['a left-to-right embedding around the domain of a check', 'check \u202acontoso.example\u202c', /SPF check of contoso\.example/],
  ])('%s is still the command', async (_name, text, expected) => {
    const cards = finalCards(await bot.say(text));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(expected);
    expect(textOf(cards[0])).not.toMatch(/doesn't look like a bounce/);
  });

  it('a mention Teams writes with an id (<at id="0">) in the HTML copy of a message whose text came empty is no part of the command', async () => {
    const conversationId = '19:mention-with-id@thread.v2';
    const activity = mentioning('help', conversationId, 'groupChat');
    activity.text = '';
    (activity.attachments as { content: string }[])[0]!.content = `<p><at id="0">${BOT.name}</at> help</p>`;
    const cards = await send(activity);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(/Paste a bounce and I'll diagnose it/);
    expect(textOf(cards[0])).not.toMatch(/doesn't look like a bounce/);
  });
});

describe('an activity without `locale`, whose clientInfo says the language (as some Teams clients send it)', () => {
  function withoutLocale(activity: Record<string, unknown>, locale: string, user: string): Record<string, unknown> {
    const { locale: _dropped, ...rest } = activity;
    return { ...rest, from: { id: user, name: 'Someone new' }, entities: [{ type: 'clientInfo', locale, country: 'JP', platform: 'iOS' }] };
  }

  it('is answered in that language, not in English', async () => {
    const conversationId = 'a:client-info-ja';
    const cards = await send(withoutLocale(teamsMessage(bot.connector.url, 'help', { conversationId }), 'ja-JP', '29:client-info-ja'));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(/バウンス メッセージを貼り付けていただければ診断します/);
  });

  it('opens the "Diagnose bounce" window in that language', async () => {
    const activity = {
      ...teamsMessage(bot.connector.url, '', { conversationId: 'a:client-info-ko' }),
      type: 'invoke',
      name: 'composeExtension/fetchTask',
      text: undefined,
      value: { commandId: 'diagnoseBounce', commandContext: 'message', messagePayload: { id: '1', body: { contentType: 'text', content: NO_DOMAIN } } },
    };
    const res = await bot.post(withoutLocale(activity, 'ko-KR', '29:client-info-ko'));
    expect(res.status).toBe(200);
    const task = (JSON.parse(res.body) as { task: { value: { title: string } } }).task;
    expect(task.value.title).not.toBe('Diagnose bounce');
    expect(task.value.title).toMatch(/[\uac00-\ud7a3]/);
  });
});

describe('the welcome when the bot is added where Teams gives it only the messages that @mention it', () => {
  it.each([
    ['a team (its General channel)', 'channel', TEAM, 'en-US', /mention me first: type \*\*@Bounce Doctor\*\*/],
    ['a group chat', 'groupChat', '19:welcome-group@thread.v2', 'fr-FR', /mentionnez-moi d’abord\u00a0: tapez \*\*@Bounce Doctor\*\*/],
  ] as const)('in %s, says to mention it first, not just "paste a bounce here" (which met silence)', async (_name, conversationType, conversationId, locale, expected) => {
    const added = {
      ...teamsMessage(bot.connector.url, '', { conversationId, conversationType, locale }),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: BOT.id }],
      channelData: conversationType === 'channel' ? { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'IT helpdesk' }, eventType: 'teamMemberAdded' } : { tenant: { id: 'tenant-1' } },
    };
    const cards = await send(added);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toMatch(expected);
  });

  it('in a personal chat, keeps the plain "paste it here"', async () => {
    const cards = await send({ ...teamsMessage(bot.connector.url, '', { conversationId: 'a:welcome-personal' }), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: BOT.id }] });
    expect(textOf(cards[0])).toMatch(/Try it: paste the whole bounce/);
    expect(textOf(cards[0])).not.toMatch(/mention me/);
  });
});
