/**
 * The 5.7.23 conversation and every way a bounce reaches the bot, over real HTTP with the connector
 * stub and the real test DNS server.
 */
import { gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { cardTexts, finalCards, startBot, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';

const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.contoso.example'] }, { TTL: 600 }],
  'changing.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.changing.example'] }, { TTL: 600 }],
  'slowanswer.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.slowanswer.example'] }],
  'fixed.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'fixed-example.mail.protection.outlook.com'] }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all' }],
};

let dns: TestDnsServer;
let bot: BotHarness;
let files: Server;
let filesUrl: string;
const served = new Map<string, Buffer>();

beforeAll(async () => {
  dns = await startDnsServer(ZONE);
  files = createServer((req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/redirect-out')) {
      res.writeHead(302, { location: 'http://evil.example/file.eml' });
      res.end();
      return;
    }
    const body = served.get(path);
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream' });
    res.end(body ?? '');
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  bot = await startBot({
    DNS_SERVERS: dns.address,
    DNS_TIMEOUT_MS: '300',
    SPF_DEADLINE_MS: '2500',
    ALLOWED_DOWNLOAD_HOSTS: '127.0.0.1',
    ALLOW_HTTP_DOWNLOADS: 'true',
    MAX_FILE_BYTES: String(64 * 1024),
  });
});

afterAll(async () => {
  await bot.close();
  await dns.stop();
  await new Promise<void>((r) => files.close(() => r()));
});

beforeEach(() => {
  dns.setZone(ZONE);
  dns.setBehaviour('normal');
});

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function textOf(card: unknown): string {
  return cardTexts(card).join('\n');
}

/** POST an Action.Execute invoke as Teams sends it when a card button is clicked; returns the replacing card. */
async function clickExecute(
  conversationId: string,
  replyToId: string,
  verb: string,
  data: Record<string, unknown>,
  locale = 'en-US',
): Promise<Record<string, unknown>> {
  const activity = {
    ...teamsMessage(bot.connector.url, '', { conversationId, locale }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
  const res = await bot.post(activity);
  expect(res.status).toBe(200);
  const body = JSON.parse(res.body) as { statusCode: number; type: string; value: Record<string, unknown> };
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}

function actionsOf(card: Record<string, unknown>): Record<string, unknown>[] {
  return (card.actions as Record<string, unknown>[] | undefined) ?? [];
}

describe('the SPF dialog', () => {
  it('answers with the result card alone when the check is quick: no typing, no "Checking …" card', async () => {
    const conversationId = 'a:quick-answer';
    const calls = await bot.say(exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId });
    expect(calls.map((c) => `${c.method} ${c.activity.type}`)).toEqual(['POST message']);
    expect(textOf(calls[0]!.activity.attachments![0]!.content)).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('for a slow check, types, says "Checking …", then turns that same card into the result', async () => {
    const conversationId = 'a:checking-sequence';
    // A DNS server that answers after 250 ms, and a bot whose grace period is shorter than that.
    const slow = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '2000', FIRST_ANSWER_GRACE_MS: '100' });
    dns.setDelay(250);
    try {
      const calls = await slow.say(exoSpfBounceText({ senderDomain: 'slowanswer.example' }), { conversationId });
      expect(calls[0]!.activity.type).toBe('typing');
      const posts = calls.filter((c) => c.method === 'POST' && c.activity.type === 'message');
      const puts = calls.filter((c) => c.method === 'PUT');
      expect(posts).toHaveLength(1);
      expect(textOf(posts[0]!.activity.attachments![0]!.content)).toMatch(/Checking slowanswer\.example/);
      expect(puts).toHaveLength(1);
      expect(puts[0]!.activityId).toBe(posts[0]!.assignedId);
      expect(textOf(puts[0]!.activity.attachments![0]!.content)).toContain('v=spf1 ip4:198.51.100.0/24 -all');
    } finally {
      dns.setDelay(0);
      await slow.close();
    }
  });

  it('asks for the domain when the bounce does not say it, and continues with the typed answer', async () => {
    const conversationId = 'a:missing-domain-typed';
    const bounce = [
      'Delivery has failed to these recipients or groups:',
      'grace@fabrikam.example',
      "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'",
    ].join('\n');
    const first = finalCards(await bot.say(bounce, { conversationId }));
    expect(first).toHaveLength(1);
    expect(textOf(first[0])).toMatch(/Which domain sent the message/);
    expect(JSON.stringify(first[0])).toContain('"Input.Text"');

    const bad = finalCards(await bot.say('not a domain!', { conversationId }));
    expect(textOf(bad[0])).toMatch(/isn't a domain name/);

    const answer = finalCards(await bot.say('ada@contoso.example', { conversationId }));
    expect(answer).toHaveLength(1);
    expect(textOf(answer[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it.each([
    ["it's ada@contoso.example I think", 'a:answer-words-1'],
    ['From: Ada Lovelace, ada@contoso.example', 'a:answer-words-2'],
    ['contoso.example.', 'a:answer-words-3'],
    ['送信元は contoso.example です', 'a:answer-words-4'],
  ])('takes the domain from a few words around it: %s', async (answer, conversationId) => {
    const extra = { from: { id: `29:${conversationId}`, name: 'Lee', aadObjectId: `00000000-0000-0000-0000-${conversationId.slice(-1).padStart(12, '0')}` } };
    const top = "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'";
    expect(textOf(finalCards(await bot.say(top, { conversationId, extra }))[0])).toMatch(/Which domain sent the message/);
    const cards = finalCards(await bot.say(answer, { conversationId, extra }));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('an answer that names two domains, or none, is asked again (guard)', async () => {
    const conversationId = 'a:answer-words-two';
    const extra = { from: { id: '29:answer-two', name: 'Lee', aadObjectId: '00000000-0000-0000-0000-0000000000b2' } };
    await bot.say("Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'", { conversationId, extra });
    expect(textOf(finalCards(await bot.say('contoso.example or fabrikam.example?', { conversationId, extra }))[0])).toMatch(/Which domain sent the message/);
    expect(textOf(finalCards(await bot.say('not sure, e.g. the main one', { conversationId, extra }))[0])).toMatch(/Which domain sent the message/);
  });

  describe('a bounce pasted in two messages (Teams caps a message’s length)', () => {
    const top = [
      'Delivery has failed to these recipients or groups:',
      'grace@fabrikam.example',
      "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'",
    ].join('\n');
    const headers = [
      'Original message headers:',
      '',
      'Received: from AM6PR04MB1234.eurprd04.prod.outlook.com ([fe80::1]) by AM6PR04MB1234.eurprd04.prod.outlook.com',
      ' ([fe80::1%5]) with mapi id 15.20.7000.000; Mon, 16 Nov 2026 09:12:33 +0000',
      'From: Ada Lovelace <ada@contoso.example>',
      'To: Grace Hopper <grace@fabrikam.example>',
      'Subject: Quarterly figures',
      'Date: Mon, 16 Nov 2026 09:12:31 +0000',
      'Message-ID: <AM6PR04MB1234ABCD@AM6PR04MB1234.eurprd04.prod.outlook.com>',
      'MIME-Version: 1.0',
    ].join('\n');
    const extra = { from: { id: '29:two-parts', name: 'Kim', aadObjectId: '00000000-0000-0000-0000-00000000002a' } };

    it('the second part, naming the sender, answers "Which domain?": the question turns into the diagnosis of both', async () => {
      const conversationId = 'a:two-parts';
      const asked = await bot.say(top, { conversationId, extra });
      expect(textOf(finalCards(asked)[0])).toMatch(/Which domain sent the message/);
      const question = asked.find((c) => c.method === 'POST' && c.activity.type === 'message')!;

      const calls = await bot.say(headers, { conversationId, extra });
      // No new card saying the second part is no bounce: the question's own message now holds the answer.
      expect(calls.filter((c) => c.method === 'POST' && c.activity.type === 'message')).toEqual([]);
      const puts = calls.filter((c) => c.method === 'PUT' && c.activityId === question.assignedId);
      expect(puts.length).toBeGreaterThan(0);
      const answer = textOf(puts[puts.length - 1]!.activity.attachments![0]!.content);
      expect(answer).toContain('v=spf1 ip4:198.51.100.0/24 -all');
      expect(answer).toContain('ada@contoso.example');
      expect(answer).toContain('grace@fabrikam.example');
      expect(answer).not.toMatch(/Which domain sent the message/);
    });

    it('a second part that leaves the sender unknown starts over, as any paste does (guard)', async () => {
      const conversationId = 'a:two-parts-no-sender';
      await bot.say(top, { conversationId, extra });
      const noSender = headers.replace(/^From: .*\n/m, '').replace(/^To: .*\n/m, '');
      const cards = finalCards(await bot.say(noSender, { conversationId, extra }));
      expect(cards).toHaveLength(1);
      expect(textOf(cards[0])).not.toContain('v=spf1');
    });
  });

  describe('the rest of a bounce pasted after its first part was answered', () => {
    // The NDR cut where Teams might cut it: the report and the original headers down to the Message-ID, then the
    // rest of the headers (the sending IP, in Authentication-Results) in a message of its own.
    const whole = exoSpfBounceText({ senderDomain: 'contoso.example', sendingIp: '198.51.100.7' });
    const cut = whole.indexOf('Authentication-Results:');
    const [head, rest] = [whole.slice(0, cut), whole.slice(cut)];
    const person = (n: number) => ({ from: { id: `29:rest-${n}`, name: 'Noor', aadObjectId: `00000000-0000-0000-0000-0000000003${String(n).padStart(2, '0')}` } });
    const posted = (calls: Awaited<ReturnType<BotHarness['say']>>) => calls.filter((c) => c.method === 'POST' && c.activity.type === 'message');

    it('is read with the first part: the answer of both comes below it, and the first card points to it', async () => {
      const conversationId = 'a:rest-after-answer';
      const extra = person(1);
      const firstCalls = await bot.say(head, { conversationId, extra });
      const firstCard = posted(firstCalls)[0]!;
      expect(textOf(firstCard.activity.attachments![0]!.content)).not.toContain('198.51.100.7');

      const calls = await bot.say(rest, { conversationId, extra });
      const answer = posted(calls);
      expect(answer).toHaveLength(1);
      const text = textOf(answer[0]!.activity.attachments![0]!.content);
      expect(text).toContain('198.51.100.7');
      expect(text).toContain('v=spf1 ip4:198.51.100.0/24 -all');
      expect(text).toContain('grace@fabrikam.example');
      expect(text).not.toMatch(/doesn't look like a bounce/);
      const update = calls.find((c) => c.method === 'PUT' && c.activityId === firstCard.assignedId);
      expect(textOf(update!.activity.attachments![0]!.content)).toMatch(/rest of this bounce came in your next message\. My answer below is based on both parts/);

      // The first card's Check again no longer brings its partial answer back.
      const diagnosisId = /"diagnosisId":"([^"]+)"/.exec(JSON.stringify(firstCard.activity.attachments![0]!.content))?.[1];
      expect(diagnosisId).toBeDefined();
      const stale = finalCards(await bot.say('', { conversationId, extra: { ...extra, value: { verb: 'checkAgain', diagnosisId } } }));
      expect(stale).toHaveLength(1);
      expect(textOf(stale[0])).toMatch(/I no longer have the bounce behind this card/);
    });

    it('in a group chat, is not taken from someone else (guard): the first card stays', async () => {
      const conversationId = '19:rest-group@thread.v2';
      const mention = { type: 'mention', text: '<at>Bounce Doctor</at>', mentioned: { id: '28:bounce-doctor', name: 'Bounce Doctor' } };
      const say = (text: string, n: number) => bot.say(`<at>Bounce Doctor</at> ${text}`, { conversationId, conversationType: 'groupChat', extra: { ...person(n), entities: [mention] } });
      const firstCard = posted(await say(head, 40))[0]!;
      const calls = await say(rest, 41);
      expect(calls.filter((c) => c.method === 'PUT' && c.activityId === firstCard.assignedId)).toEqual([]);
      expect(posted(calls).map((c) => textOf(c.activity.attachments![0]!.content)).join('\n')).not.toContain('198.51.100.7');
      // The same person's rest is read with it.
      const own = posted(await say(rest, 40));
      expect(own.map((c) => textOf(c.activity.attachments![0]!.content)).join('\n')).toContain('198.51.100.7');
    });

    it.each([
      ['a reply that adds nothing', 'thanks, looking into it'],
      ['the headers of another message', 'Received: from mail.example.net by mx.example.org; Mon, 16 Nov 2026 10:00:00 +0000\nMessage-ID: <other-message@example.net>\nAuthentication-Results: spf=pass (sender IP is 192.0.2.44) smtp.mailfrom=example.net;'],
    ])('is not taken from %s (guard): that message gets its own answer, and the first card stays', async (_what, later, n = later.length) => {
      const conversationId = `a:rest-guard-${n}`;
      const extra = person(n % 90);
      const firstCard = posted(await bot.say(head, { conversationId, extra }))[0]!;
      const calls = await bot.say(later, { conversationId, extra });
      expect(calls.filter((c) => c.method === 'PUT' && c.activityId === firstCard.assignedId)).toEqual([]);
      const cards = posted(calls);
      expect(cards).toHaveLength(1);
      expect(textOf(cards[0]!.activity.attachments![0]!.content)).toMatch(/doesn't look like a bounce/);
    });
  });

  it.each([
    ['Getting 550 5.7.23 when sending from ada@contoso.example to grace@fabrikam.example, can you check?', 'en-US', 'v=spf1 ip4:198.51.100.0/24 -all'],
    ['Why does mail from contoso.example to grace@fabrikam.example fail with 550 5.7.23?', 'en-US', 'v=spf1 ip4:198.51.100.0/24 -all'],
    ['ada@contoso.example から grace@fabrikam.example に送ると 5.7.23 で返ってきます', 'ja-JP', 'v=spf1 ip4:198.51.100.0/24 -all'],
  ])('a question typed in words that names the sender is checked at once, without asking which domain: %s', async (question, locale, record) => {
    // A person of its own: the checks of the other tests' person count against a per-person limit.
    const from = { id: `29:typed-${question.length}`, name: 'Sam', aadObjectId: `00000000-0000-0000-0000-${String(question.length).padStart(12, '0')}` };
    const cards = finalCards(await bot.say(question, { conversationId: `a:typed-${locale}-${question.length}`, locale, extra: { from } }));
    expect(cards).toHaveLength(1);
    const text = textOf(cards[0]);
    expect(text).not.toMatch(/Which domain sent the message|どのドメイン/);
    expect(text).toContain(record);
    expect(text).toContain('contoso.example');
    expect(text).toContain('grace@fabrikam.example');
  });

  it('takes the domain from the prompt card itself (Action.Execute) and answers in place', async () => {
    const conversationId = 'a:missing-domain-card';
    const calls = await bot.say("Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'", {
      conversationId,
    });
    const prompt = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!;
    const replaced = await clickExecute(conversationId, prompt.assignedId, 'provideDomain', { domain: 'contoso.example' });
    expect(textOf(replaced)).toContain('v=spf1 ip4:198.51.100.0/24 -all');
    // The prompt message itself was updated too (first to "Checking …"), so nobody is left looking at the question.
    const puts = bot.connector.forConversation(conversationId).filter((c) => c.method === 'PUT' && c.activityId === prompt.assignedId);
    expect(puts.length).toBeGreaterThan(0);
  });

  it('"Check again" reads DNS afresh and shows what changed, with the TTL warning', async () => {
    const conversationId = 'a:check-again';
    const calls = await bot.say(exoSpfBounceText({ senderDomain: 'changing.example' }), { conversationId });
    const card = finalCards(calls)[0]!;
    const check = actionsOf(card).find((a) => a.verb === 'checkAgain')!;
    expect(check).toBeDefined();
    expect(check.fallback).toMatchObject({ type: 'Action.Submit' });
    const messageId = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!.assignedId;

    dns.setZone({ ...ZONE, 'changing.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 include:spf.protection.outlook.com -all' }, { MX: [10, 'mx.changing.example'] }, { TTL: 600 }] });
    const again = await clickExecute(conversationId, messageId, 'checkAgain', check.data as Record<string, unknown>);
    const text = textOf(again);
    expect(text).toMatch(/What changed since the check at/);
    expect(text).toContain('v=spf1 ip4:198.51.100.0/24 include:spf.protection.outlook.com -all');
    // The verdict says it is fixed now and what is now right; the advice is to wait out the TTL and resend,
    // not to write to the receiving side (the record was wrong when the message bounced).
    expect(text).toMatch(/Fixed since the message bounced/);
    expect(text).toMatch(/The record includes spf\.protection\.outlook\.com now/);
    expect(text).toMatch(/Wait that long, then resend the message/);
    expect(text).not.toMatch(/receiving side|message below/);
    expect(text).toMatch(/10 minutes/); // TTL 600 s
  });

  it('says the check could not finish, and why, when the DNS server never answers', async () => {
    dns.setBehaviour('silent');
    const cards = finalCards(await bot.say(exoSpfBounceText({ senderDomain: 'silent.example' }), { conversationId: 'a:dns-silent' }));
    expect(cards).toHaveLength(1);
    const text = textOf(cards[0]);
    expect(text).toMatch(/could not finish/);
    expect(text).toMatch(/didn't answer in time|took longer than allowed/);
  });
});

describe('language', () => {
  it('switches with the card button and answers in the new language from then on', async () => {
    const conversationId = 'a:language-button';
    const calls = await bot.say(exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId });
    const card = finalCards(calls)[0]!;
    const show = actionsOf(card).find((a) => a.type === 'Action.ShowCard')!;
    const apply = (show.card as { actions: Record<string, unknown>[] }).actions[0]!;
    const messageId = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!.assignedId;
    const replaced = await clickExecute(conversationId, messageId, 'setLanguage', { ...(apply.data as object), locale: 'ja' });
    expect(textOf(replaced)).toMatch(/[\u3040-\u30FF]/u);
    // The choice sticks: the next bounce from the same person (an English Teams client) is answered in Japanese.
    const next = finalCards(await bot.say(exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId: 'a:language-after' }));
    expect(textOf(next[0])).toMatch(/[\u3040-\u30FF]/u);
    await bot.say('language en', { conversationId });
  });

  it('switches with a typed command in any of its languages', async () => {
    const calls = await bot.say('langue fr', { conversationId: 'a:language-typed' });
    expect(textOf(finalCards(calls)[0])).toMatch(/français/i);
    await bot.say('language en', { conversationId: 'a:language-typed' });
  });
});

describe('other codes and several recipients', () => {
  it('explains a code without its own dialog: meaning, who fixes it, what to do', async () => {
    const bounce = ['Delivery has failed to these recipients or groups:', 'nobody@fabrikam.example', "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'"].join('\n');
    const cards = finalCards(await bot.say(bounce, { conversationId: 'a:other-code' }));
    expect(cards).toHaveLength(1);
    const text = textOf(cards[0]);
    expect(text).toMatch(/doesn't exist/);
    expect(text).toMatch(/Who fixes it/);
    expect(text).toContain('RESOLVER.ADR.RecipNotFound');
  });

  it('speaks to each recipient on one card, the SPF failure first', async () => {
    const bounce = [
      'Reporting-MTA: dns; AM6PR04MB1234.eurprd04.prod.outlook.com',
      '',
      'Final-Recipient: rfc822; nobody@fabrikam.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <nobody@fabrikam.example>: Recipient address rejected: User unknown',
      '',
      'Final-Recipient: rfc822; grace@tailspin.example',
      'Action: failed',
      'Status: 5.7.23',
      'Diagnostic-Code: smtp; 550 5.7.23 The message was rejected because of Sender Policy Framework violation',
      '',
      'Original message headers:',
      '',
      'From: Ada <ada@contoso.example>',
      'To: nobody@fabrikam.example, grace@tailspin.example',
      'Subject: Plans',
    ].join('\n');
    const cards = finalCards(await bot.say(bounce, { conversationId: 'a:several' }));
    expect(cards).toHaveLength(1);
    const text = textOf(cards[0]);
    expect(text.indexOf('SPF')).toBeLessThan(text.indexOf('nobody@fabrikam.example'));
    expect(text).toContain('nobody@fabrikam.example');
    expect(text).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });
});

describe('every way in', () => {
  it('reads a bounce @mentioned in a channel, without the mention', async () => {
    const text = `<at>Bounce Doctor</at> ${exoSpfBounceText({ senderDomain: 'contoso.example' })}`;
    const cards = finalCards(
      await bot.say(text, {
        conversationId: '19:channel@thread.tacv2',
        conversationType: 'channel',
        extra: { entities: [{ type: 'mention', text: '<at>Bounce Doctor</at>', mentioned: { id: '28:bounce-doctor', name: 'Bounce Doctor' } }] },
      }),
    );
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('reads a .eml file sent in a personal chat', async () => {
    const eml = [
      'From: postmaster@outlook.example',
      'To: ada@contoso.example',
      'Subject: Undeliverable: Quarterly figures',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      exoSpfBounceText({ senderDomain: 'contoso.example' }),
    ].join('\r\n');
    served.set('/files/bounce.eml', Buffer.from(eml));
    const attachment = {
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name: 'bounce.eml',
      content: { downloadUrl: `${filesUrl}/files/bounce.eml`, uniqueId: 'x', fileType: 'eml' },
    };
    const cards = finalCards(await bot.say('', { conversationId: 'a:file', extra: { attachments: [attachment] } }));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('refuses a file larger than the cap, saying so', async () => {
    served.set('/files/big.eml', Buffer.alloc(128 * 1024, 'a'));
    const attachment = { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'big.eml', content: { downloadUrl: `${filesUrl}/files/big.eml`, fileType: 'eml' } };
    const text = textOf(finalCards(await bot.say('', { conversationId: 'a:bigfile', extra: { attachments: [attachment] } }))[0]);
    expect(text).toMatch(/larger than/);
  });

  it('does not download from hosts outside the allow-list, nor follow redirects to them', async () => {
    const outside = { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'x.eml', content: { downloadUrl: 'https://evil.example/x.eml', fileType: 'eml' } };
    const text = textOf(finalCards(await bot.say('', { conversationId: 'a:outside', extra: { attachments: [outside] } }))[0]);
    expect(text).toMatch(/only download files from Microsoft 365/);
    expect(text).toContain('evil.example');
    const redirect = { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'y.eml', content: { downloadUrl: `${filesUrl}/redirect-out`, fileType: 'eml' } };
    const text2 = textOf(finalCards(await bot.say('', { conversationId: 'a:redirect', extra: { attachments: [redirect] } }))[0]);
    expect(text2).toMatch(/only download files from Microsoft 365/);
  });

  it('says a DMARC aggregate report sent as its gzipped file is one, not a bounce', async () => {
    const name = 'fabrikam.example!contoso.example!1764547200!1764633599.xml.gz';
    const xml = '<?xml version="1.0"?><feedback><report_metadata><org_name>fabrikam.example</org_name></report_metadata><policy_published><domain>contoso.example</domain><p>none</p></policy_published></feedback>';
    served.set(`/files/${name}`, gzipSync(Buffer.from(xml)));
    const report = { contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl: `${filesUrl}/files/${encodeURIComponent(name)}`, fileType: 'gz' } };
    const text = textOf(finalCards(await bot.say('', { conversationId: 'a:dmarc-report', extra: { attachments: [report] } }))[0]);
    expect(text).toContain('That is a DMARC aggregate report, not a bounce');
  });

  it("asks for a bounce's details when the paste has none, and names a mail program's own error, in Teams' HTML", async () => {
    const without = textOf(finalCards(await bot.say('<p>This message could not be delivered.</p>', { conversationId: 'a:without-details' }))[0]);
    expect(without).toContain("That reads like a bounce, but I couldn't find an error code");
    const client = textOf(
      finalCards(await bot.say("<p>Task 'ada@contoso.example - Sending' reported error (0x800CCC0E) : 'Outlook cannot connect to your outgoing (SMTP) e-mail server.'</p>", { conversationId: 'a:client-error' }))[0],
    );
    expect(client).toContain('That is an error from your own mail program, not a bounce');
  });

  it('says which files it reads when sent something else', async () => {
    const pdf = { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'report.pdf', content: { downloadUrl: `${filesUrl}/files/report.pdf`, fileType: 'pdf' } };
    const text = textOf(finalCards(await bot.say('', { conversationId: 'a:pdf', extra: { attachments: [pdf] } }))[0]);
    expect(text).toMatch(/\.eml or \.msg/);
  });

  it('says it cannot read a picture of a bounce, pasted or attached, and how to send the bounce instead', async () => {
    const url = `${filesUrl}/files/shot.png`;
    const pictures: [string, Record<string, unknown>][] = [
      // Pasted into the compose box: the image, and the message's HTML holding it.
      ['a:pasted-picture', { attachments: [{ contentType: 'image/png', contentUrl: url }, { contentType: 'text/html', content: `<div><div><span><img src="${url}" width="600"></span></div></div>` }] }],
      ['a:attached-picture', { attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'Screenshot 2026-12-01 091233.png', content: { downloadUrl: url, fileType: 'png' } }] }],
      ['a:html-picture', { text: `<img src="${url}">`, attachments: [{ contentType: 'text/html', content: `<p><img src="${url}"></p><p>&nbsp;</p>` }] }],
    ];
    for (const [conversationId, extra] of pictures) {
      const calls = await bot.say('', { conversationId, extra });
      const cards = finalCards(calls);
      expect(cards).toHaveLength(1);
      expect(textOf(cards[0])).toMatch(/can't read text in images\. Paste the text of the bounce instead, or attach the bounce email itself/);
      // Nothing is downloaded, so nothing to wait for: no typing indicator first.
      expect(calls.filter((c) => c.activity.type === 'typing')).toHaveLength(0);
    }
    const ja = await bot.say('', { conversationId: 'a:picture-ja', locale: 'ja-JP', extra: { ...pictures[0]![1], from: { id: '29:user-kenji', name: 'Kenji' } } });
    expect(textOf(finalCards(ja)[0])).toMatch(/画像に含まれる文字は読み取れません/);
    // Words beside the picture that are no bounce ("see the screenshot") get the same answer.
    const words = await bot.say('I get this every time I write to Grace, see the screenshot', { conversationId: 'a:picture-words', extra: pictures[0]![1] });
    expect(textOf(finalCards(words)[0])).toMatch(/can't read text in images/);
  });

  it('reads the bounce beside a picture: pasted text with a logo, or a file with a screenshot', async () => {
    // Another person: the checks this starts count against their own per-minute limit, not Ada's.
    const from = { id: '29:user-per', name: 'Per Olsen' };
    const logo = { contentType: 'image/png', contentUrl: `${filesUrl}/files/logo.png` };
    const pasted = finalCards(await bot.say(exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId: 'a:text-and-logo', extra: { attachments: [logo], from } }));
    expect(pasted).toHaveLength(1);
    expect(textOf(pasted[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
    const eml = ['From: postmaster@outlook.example', 'To: ada@contoso.example', 'Subject: Undeliverable: Quarterly figures', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', exoSpfBounceText({ senderDomain: 'contoso.example' })].join('\r\n');
    served.set('/files/with-shot.eml', Buffer.from(eml));
    const screenshot = { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'screenshot.png', content: { downloadUrl: `${filesUrl}/files/shot.png`, fileType: 'png' } };
    const file = { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'bounce.eml', content: { downloadUrl: `${filesUrl}/files/with-shot.eml`, fileType: 'eml' } };
    const read = finalCards(await bot.say('', { conversationId: 'a:file-and-shot', extra: { attachments: [screenshot, file], from } }));
    expect(read).toHaveLength(1);
    expect(textOf(read[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('diagnoses the message a person runs "Diagnose bounce" on', async () => {
    const conversationId = 'a:message-action';
    const activity = {
      ...teamsMessage(bot.connector.url, '', { conversationId }),
      type: 'invoke',
      name: 'composeExtension/submitAction',
      text: undefined,
      value: {
        commandId: 'diagnoseBounce',
        commandContext: 'message',
        // Teams sends the message as HTML: text escaped, lines as <br>.
        messagePayload: { id: 'm1', body: { contentType: 'html', content: `<p>${escapeHtml(exoSpfBounceText({ senderDomain: 'contoso.example' })).split('\n').join('<br>')}</p>` } },
      },
    };
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    const cards = finalCards(bot.connector.forConversation(conversationId));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('answers "Diagnose bounce" on a shared file or a picture with what to send instead', async () => {
    const run = async (conversationId: string, messagePayload: Record<string, unknown>): Promise<string> => {
      const activity = {
        ...teamsMessage(bot.connector.url, '', { conversationId }),
        type: 'invoke',
        name: 'composeExtension/submitAction',
        text: undefined,
        value: { commandId: 'diagnoseBounce', commandContext: 'message', messagePayload: { id: 'm1', ...messagePayload } },
      };
      expect((await bot.post(activity)).status).toBe(200);
      const cards = finalCards(bot.connector.forConversation(conversationId));
      expect(cards).toHaveLength(1);
      return textOf(cards[0]);
    };
    // A file shared in a chat is stored in SharePoint: the message holds a reference to it, not the file.
    const shared = await run('a:action-on-file', {
      body: { contentType: 'html', content: '<attachment id="a1"></attachment>' },
      attachments: [{ id: 'a1', contentType: 'reference', contentUrl: 'https://contoso.sharepoint.com/sites/IT/Shared%20Documents/General/Undeliverable.eml', name: 'Undeliverable.eml' }],
    });
    expect(shared).toMatch(/“Undeliverable\.eml” is a file shared in the chat, and I can't open files stored there\. Send the file to me in a personal chat, or paste the text of the bounce/);
    const picture = await run('a:action-on-picture', {
      body: { contentType: 'html', content: '<div><img src="https://graph.microsoft.com/v1.0/chats/19:chat/messages/1/hostedContents/aWQ=/$value" width="600"></div>' },
      attachments: [],
    });
    expect(picture).toMatch(/can't read text in images/);
  });

  it('answers a forwarded e-mail with an HTML e-mail, once even if redelivered', async () => {
    const conversationId = 'email:ada@contoso.example';
    const activity = {
      ...teamsMessage(bot.connector.url, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId }),
      channelId: 'email',
      id: 'email-message-1',
      channelData: { subject: 'FW: Undeliverable: Quarterly figures', messageId: '<abc@contoso.example>' },
    };
    expect((await bot.post(activity)).status).toBeLessThan(300);
    expect((await bot.post(activity)).status).toBeLessThan(300);
    const replies = bot.connector.forConversation(conversationId).filter((c) => c.activity.type === 'message');
    expect(replies).toHaveLength(1);
    const data = replies[0]!.activity.channelData as { htmlBody: string; subject: string };
    expect(data.subject).toContain('Quarterly figures');
    expect(data.htmlBody).toContain('v=spf1 ip4:198.51.100.0/24 -all');
    expect(data.htmlBody).toMatch(/<p>|<br>/);
    expect(replies[0]!.activity.attachments ?? []).toHaveLength(0);
  });

  it('checks a domain typed alone, or with check and an IP, without a bounce', async () => {
    const bare = textOf(finalCards(await bot.say('fixed.example', { conversationId: 'a:bare' }))[0]);
    expect(bare).toMatch(/SPF check of fixed\.example/);
    expect(bare).toContain('v=spf1 include:spf.protection.outlook.com -all');
    const withIp = textOf(finalCards(await bot.say('check fixed.example 40.107.1.2', { conversationId: 'a:check-ip' }))[0]);
    expect(withIp).toContain('40.107.1.2');
    expect(withIp).toMatch(/passes/);
  });

  it('reads commands as people type them: trailing punctuation, full-width letters, a URL or an address to check', async () => {
    // A person of their own: no language chosen earlier in this file, and checks of their own under the rate limit.
    const extra = { from: { id: '29:user-sven', name: 'Sven', aadObjectId: '00000000-0000-0000-0000-00000000005e' } };
    const help = textOf(finalCards(await bot.say('Hjälp!', { conversationId: 'a:help-bang', locale: 'sv-SE', extra }))[0]);
    expect(help).toMatch(/Klistra in ett studsmeddelande/);
    expect(help).not.toMatch(/inte ut som ett studsmeddelande/);
    const question = textOf(finalCards(await bot.say('ヘルプ？', { conversationId: 'a:help-question', locale: 'ja-JP', extra }))[0]);
    expect(question).toMatch(/バウンス メッセージを貼り付けていただければ診断します/);
    const wide = textOf(finalCards(await bot.say('ｃｈｅｃｋ fixed.example', { conversationId: 'a:check-wide', extra }))[0]);
    expect(wide).toMatch(/SPF check of fixed\.example/);
    const url = textOf(finalCards(await bot.say('check https://fixed.example/x', { conversationId: 'a:check-url', extra }))[0]);
    expect(url).toMatch(/SPF check of fixed\.example/);
    expect(url).toContain('v=spf1 include:spf.protection.outlook.com -all');
    const address = textOf(finalCards(await bot.say('check <grace@Fixed.Example>', { conversationId: 'a:check-address', extra }))[0]);
    expect(address).toMatch(/SPF check of fixed\.example/);
    // A colon after the word, a comma between the values: how people write in French and Japanese too.
    const colon = textOf(finalCards(await bot.say('Vérifier : fixed.example, 40.107.1.2', { conversationId: 'a:check-colon', locale: 'fr-FR', extra }))[0]);
    expect(colon).toContain('v=spf1 include:spf.protection.outlook.com -all');
    expect(colon).toContain('40.107.1.2');
    const wideColon = textOf(finalCards(await bot.say('チェック：fixed.example', { conversationId: 'a:check-wide-colon', locale: 'ja-JP', extra }))[0]);
    expect(wideColon).toContain('v=spf1 include:spf.protection.outlook.com -all');
  });

  it('asks "Which domain?" for check alone or with something that is not a domain, then checks the answer', async () => {
    const conversationId = 'a:check-ask';
    const asked = finalCards(await bot.say('check', { conversationId }));
    expect(asked).toHaveLength(1);
    expect(textOf(asked[0])).toMatch(/Which domain should I check\?/);
    expect(JSON.stringify(asked[0])).toContain('"Input.Text"');
    const bad = textOf(finalCards(await bot.say('check localhost', { conversationId: 'a:check-ask-bad' }))[0]);
    expect(bad).toMatch(/Which domain should I check\?/);
    expect(bad).toMatch(/“localhost” isn't a domain name/);
    // The answer, with the sending IP after it, is checked as "check <domain> <ip>" would be.
    const answer = textOf(finalCards(await bot.say('fixed.example 40.107.1.2', { conversationId }))[0]);
    expect(answer).toMatch(/SPF check of fixed\.example/);
    expect(answer).toMatch(/40\.107\.1\.2 may send mail for it/);
  });

  it('takes the domain to check, and its IP, from a few words around them', async () => {
    const conversationId = 'a:check-ask-words';
    const extra = { from: { id: '29:check-words', name: 'Ola', aadObjectId: '00000000-0000-0000-0000-0000000004a1' } };
    expect(textOf(finalCards(await bot.say('check', { conversationId, extra }))[0])).toMatch(/Which domain should I check\?/);
    const answer = textOf(finalCards(await bot.say('it is fixed.example, the server was 40.107.1.2.', { conversationId, extra }))[0]);
    expect(answer).toMatch(/SPF check of fixed\.example/);
    expect(answer).toMatch(/40\.107\.1\.2 may send mail for it/);
    // Two servers named: which one to test is not said, so the question is asked again (guard).
    await bot.say('check', { conversationId, extra });
    expect(textOf(finalCards(await bot.say('fixed.example from 40.107.1.2 or 203.0.113.9', { conversationId, extra }))[0])).toMatch(/Which domain should I check\?/);
  });

  it('says when a result came from the DNS cache, and Check again asks afresh', async () => {
    // A domain of its own, whose every answer (record, MX, DMARC) the first check fetches afresh.
    const zone = { ...ZONE, 'cachedtwice.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.cachedtwice.example'] }] };
    dns.setZone(zone as ZoneData);
    const first = textOf(finalCards(await bot.say('check cachedtwice.example', { conversationId: 'a:cache-1' }))[0]);
    expect(first).toMatch(/using DNS server/);
    expect(first).not.toMatch(/cached since/);
    const calls = await bot.say('check cachedtwice.example', { conversationId: 'a:cache-2' });
    const second = finalCards(calls)[0]!;
    expect(textOf(second)).toMatch(/with DNS answers cached since .* UTC/);
    const check = actionsOf(second).find((a) => a.verb === 'checkAgain')!;
    const messageId = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!.assignedId;
    const again = textOf(await clickExecute('a:cache-2', messageId, 'checkAgain', check.data as Record<string, unknown>));
    expect(again).not.toMatch(/cached since/);
    expect(again).toMatch(/Nothing has changed since the check at/);
  });
});
