/**
 * A message the person edits (Teams' messageUpdate with eventType editMessage, the message's own id and its
 * new text), over real HTTP with the connector stub and the real test DNS server: answered like a new
 * message, its answer replacing the card that answered what the message said before.
 */
import type { TestDnsServer, ZoneData } from '../helpers/dns-server';
import { useBotWithDns } from '../helpers/bot-with-dns';
import { cardTexts, finalCards, startBot, teamsMessage, type BotHarness, type MessageOptions } from '../helpers/http-harness';
import type { ConnectorCall } from '../helpers/connector-stub';
import { exoSpfBounceText } from '../helpers/bounces';

const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.contoso.example'] }],
  'fabrikam.example': [{ MX: [10, 'mx.fabrikam.example'] }],
};
const CONTOSO_RECORD = 'v=spf1 ip4:198.51.100.0/24 -all';
const MENTION = { type: 'mention', text: '<at>Bounce Doctor</at>', mentioned: { id: '28:bounce-doctor', name: 'Bounce Doctor' } };

/** The top of an Exchange NDR, as pasted before the rest: the code, but not who sent the message. */
const HALF = [
  'Delivery has failed to these recipients or groups:',
  'grace@fabrikam.example',
  "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'",
].join('\n');
const FULL = exoSpfBounceText({ senderDomain: 'contoso.example' });

let bot: BotHarness;
let dns: TestDnsServer;
useBotWithDns(ZONE, (b, d) => {
  bot = b;
  dns = d;
});

beforeEach(() => dns.setZone(ZONE));

function textOf(card: unknown): string {
  return cardTexts(card).join('\n');
}

let clock = Date.parse('2026-11-16T10:00:00Z');

/** Posts an activity (to `to`, this file's bot unless said) and returns the connector calls it caused in its conversation. */
async function send(activity: Record<string, unknown>, to: BotHarness = bot): Promise<ConnectorCall[]> {
  const conversationId = (activity.conversation as { id: string }).id;
  const before = to.connector.forConversation(conversationId).length;
  const res = await to.post(activity);
  expect(res.status).toBe(200);
  return to.connector.forConversation(conversationId).slice(before);
}

/** A message as Teams sends it; returns it with the calls it caused. */
async function paste(text: string, opts: MessageOptions): Promise<{ message: Record<string, unknown>; calls: ConnectorCall[] }> {
  const message = teamsMessage(bot.connector.url, text, opts);
  return { message, calls: await send(message) };
}

/** The edit of `message` as Teams sends it: the message's id, its new text, the time of the edit. */
function edited(message: Record<string, unknown>, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...message,
    type: 'messageUpdate',
    text,
    timestamp: new Date((clock += 60_000)).toISOString(),
    channelData: { ...(message.channelData as object), eventType: 'editMessage' },
    ...extra,
  };
}

/** The message the bot posted among the calls (its card: the last one it was given). */
function posted(calls: ConnectorCall[]): ConnectorCall {
  const post = calls.find((c) => c.method === 'POST' && c.activity.type === 'message');
  expect(post).toBeDefined();
  return post!;
}

/** The data of the card's first Action.Execute with this verb (at any depth: the Escalate form is in a ShowCard). */
function actionsData(card: unknown, verb: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb) found.push(o.data as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  expect(found.length).toBeGreaterThan(0);
  return found[0]!;
}

function checkAgainData(card: unknown): Record<string, unknown> {
  return actionsData(card, 'checkAgain');
}

/** Who sees what: the method, the message a call updates, and the card's words. */
function shown(calls: ConnectorCall[]): { method: string; activityId?: string; text: string }[] {
  return calls.filter((c) => c.activity.type === 'message').map((c) => ({ method: c.method, activityId: c.activityId, text: textOf(c.activity.attachments?.[0]?.content) }));
}

describe('an edited message', () => {
  it('a half-pasted bounce edited into the whole one: the "Which domain?" card turns into the full diagnosis, in place', async () => {
    const { message, calls } = await paste(HALF, { conversationId: 'a:edit-half' });
    const question = posted(calls);
    expect(textOf(question.activity.attachments![0]!.content)).toMatch(/Which domain sent the message/);

    const answer = await send(edited(message, FULL));
    // No second card: the question itself now holds the diagnosis of the whole bounce.
    expect(answer.filter((c) => c.method === 'POST' && c.activity.type === 'message')).toEqual([]);
    const put = answer.filter((c) => c.method === 'PUT');
    expect(put.length).toBeGreaterThan(0);
    expect(put.every((c) => c.activityId === question.assignedId)).toBe(true);
    const cards = finalCards(bot.connector.forConversation('a:edit-half'));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain(CONTOSO_RECORD);
    expect(textOf(cards[0])).not.toMatch(/Which domain/);
  });

  it('a diagnosed bounce edited to another sender: the same card shows the new diagnosis; a check edited to the right domain: the same', async () => {
    const { message, calls } = await paste(exoSpfBounceText({ senderDomain: 'fabrikam.example' }), { conversationId: 'a:edit-diagnosed' });
    const card = posted(calls);
    expect(textOf(card.activity.attachments![0]!.content)).not.toContain(CONTOSO_RECORD);

    const answer = shown(await send(edited(message, FULL)));
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ method: 'PUT', activityId: card.assignedId });
    expect(answer[0]!.text).toContain(CONTOSO_RECORD);

    const check = await paste('check contso.example', { conversationId: 'a:edit-check' });
    const checkCard = posted(check.calls);
    expect(textOf(checkCard.activity.attachments![0]!.content)).toContain('contso.example');
    const fixed = shown(await send(edited(check.message, 'check contoso.example')));
    expect(fixed).toHaveLength(1);
    expect(fixed[0]).toMatchObject({ method: 'PUT', activityId: checkCard.assignedId });
    expect(fixed[0]!.text).toContain(CONTOSO_RECORD);
    expect(fixed[0]!.text).not.toContain('contso.example');
  });

  it('a button of the card as it was before the edit (a client not yet refreshed) no longer brings the old answer back', async () => {
    const conversationId = 'a:edit-stale-button';
    const { message, calls } = await paste(exoSpfBounceText({ senderDomain: 'fabrikam.example' }), { conversationId });
    const card = posted(calls);
    const oldCheck = checkAgainData(card.activity.attachments![0]!.content);
    expect(shown(await send(edited(message, FULL)))[0]).toMatchObject({ method: 'PUT', activityId: card.assignedId });

    const click = { ...teamsMessage(bot.connector.url, '', { conversationId }), type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId: card.assignedId, value: { action: { type: 'Action.Execute', verb: 'checkAgain', data: oldCheck } } };
    const said = shown(await send(click));
    // The card stays as it is (the fresh answer), and the person is told why the button did nothing.
    expect(said.map((c) => c.method)).toEqual(['POST']);
    expect(said[0]!.text).toMatch(/no longer have the bounce behind this card/);
    // Nothing redrew the message with the diagnosis from before the edit.
    const redrawn = bot.connector.forConversation(conversationId).filter((c) => c.method === 'PUT' && c.activityId === card.assignedId);
    expect(redrawn.map((c) => textOf(c.activity.attachments?.[0]?.content)).filter((t) => t.includes('SPF record of fabrikam.example'))).toEqual([]);
  });

  it('a card that shows a case sent to support stays as it is: the edit is answered with a new card', async () => {
    const conversationId = 'a:edit-escalated';
    const { message, calls } = await paste(exoSpfBounceText({ senderDomain: 'fabrikam.example' }), { conversationId });
    const card = posted(calls);
    const escalate = actionsData(card.activity.attachments![0]!.content, 'escalate');
    const res = await bot.post({ ...teamsMessage(bot.connector.url, '', { conversationId }), type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId: card.assignedId, value: { action: { type: 'Action.Execute', verb: 'escalate', data: { ...escalate, tried: 'nothing yet', urgency: 'normal' } } } });
    expect(res.status).toBe(200);
    expect(textOf((JSON.parse(res.body) as { value?: unknown }).value)).toMatch(/support/i);

    const answer = shown(await send(edited(message, FULL)));
    expect(answer).toHaveLength(1);
    expect(answer[0]!.method).toBe('POST');
    expect(answer[0]!.text).toContain(CONTOSO_RECORD);
  });

  it('an edit that leaves the text as it was: no answer; a later real change is answered', async () => {
    const { message, calls } = await paste(FULL, { conversationId: 'a:edit-same' });
    const card = posted(calls);
    expect(await send(edited(message, FULL))).toEqual([]);

    const changed = shown(await send(edited(message, exoSpfBounceText({ senderDomain: 'contoso.example', recipient: 'linus@fabrikam.example' }))));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ method: 'PUT', activityId: card.assignedId });
    expect(changed[0]!.text).toContain('linus@fabrikam.example');
  });

  it('an edit of ordinary chat that stays chat: no answer; edited into a bounce: a new card, a reply to it', async () => {
    const { message, calls } = await paste('hello, can you look at something for me?', { conversationId: 'a:edit-chat' });
    expect(finalCards(calls)).toHaveLength(1); // the help card, as before
    expect(await send(edited(message, 'hello, can you look at a bounce for me?'))).toEqual([]);

    const answer = await send(edited(message, FULL));
    const sent = shown(answer);
    expect(sent).toHaveLength(1);
    // The help card is not a diagnosis the conversation keeps: the diagnosis comes new, in reply to the message.
    expect(sent[0]).toMatchObject({ method: 'POST', activityId: message.id });
    expect(sent[0]!.text).toContain(CONTOSO_RECORD);
  });

  it('an edit delivered twice is answered once', async () => {
    const { message, calls } = await paste(HALF, { conversationId: 'a:edit-twice' });
    const question = posted(calls);
    const edit = edited(message, FULL);
    const first = shown(await send(edit));
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((c) => c.method === 'PUT' && c.activityId === question.assignedId)).toBe(true);
    expect(first.at(-1)!.text).toContain(CONTOSO_RECORD);
    expect(await send(edit)).toEqual([]);
    // And the original message, delivered again after its edit, is still not answered again.
    expect(await send(message)).toEqual([]);
  });

  it('a soft delete, an undelete and an update without channel data: no answer, no error; the message edited after: answered', async () => {
    const { message, calls } = await paste(exoSpfBounceText({ senderDomain: 'fabrikam.example' }), { conversationId: 'a:edit-delete' });
    const card = posted(calls);
    expect(await send({ ...message, type: 'messageDelete', text: undefined, channelData: { ...(message.channelData as object), eventType: 'softDeleteMessage' } })).toEqual([]);
    expect(await send({ ...message, type: 'messageUpdate', channelData: { ...(message.channelData as object), eventType: 'undeleteMessage' } })).toEqual([]);
    expect(await send({ ...message, type: 'messageUpdate', text: FULL, channelData: undefined })).toEqual([]);

    const answer = shown(await send(edited(message, FULL)));
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ method: 'PUT', activityId: card.assignedId });
    expect(answer[0]!.text).toContain(CONTOSO_RECORD);
  });

  it('in a channel: an edit that no longer mentions the bot is not read; one that does replaces the card', async () => {
    const opts: MessageOptions = { conversationId: '19:edits@thread.tacv2', conversationType: 'channel', extra: { entities: [MENTION] } };
    const { message, calls } = await paste(`<at>Bounce Doctor</at> ${exoSpfBounceText({ senderDomain: 'fabrikam.example' })}`, opts);
    const card = posted(calls);

    expect(await send(edited(message, FULL, { entities: [] }))).toEqual([]);

    const answer = shown(await send(edited(message, `<at>Bounce Doctor</at> ${FULL}`, { entities: [MENTION] })));
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ method: 'PUT', activityId: card.assignedId });
    expect(answer[0]!.text).toContain(CONTOSO_RECORD);
  });

  it('a slow check of an edit: the earlier card says "Checking …", then shows the result; no second card', async () => {
    const slow = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '2000', FIRST_ANSWER_GRACE_MS: '100' });
    try {
      const message = teamsMessage(slow.connector.url, exoSpfBounceText({ senderDomain: 'fabrikam.example' }), { conversationId: 'a:edit-slow' });
      const card = posted(await send(message, slow));
      dns.setDelay(250);
      const answer = await send(edited(message, FULL), slow);
      const cards = shown(answer);
      expect(cards.map((c) => [c.method, c.activityId])).toEqual([
        ['PUT', card.assignedId],
        ['PUT', card.assignedId],
      ]);
      expect(cards[0]!.text).toMatch(/Checking contoso\.example/);
      expect(cards[1]!.text).toContain(CONTOSO_RECORD);
    } finally {
      dns.setDelay(0);
      await slow.close();
    }
  });
});
