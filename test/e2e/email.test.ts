/**
 * The e-mail channel over real HTTP, with the connector stub and the real test DNS server: a bounce or a
 * command (help, check) forwarded to the bot's mailbox gets one HTML reply, in the mail's language, that
 * names only what works by e-mail and says what was read or checked only when something was.
 */
import { randomUUID } from 'node:crypto';
import type { ZoneData } from '../helpers/dns-server';
import { useBotWithDns } from '../helpers/bot-with-dns';
import { teamsMessage, type BotHarness } from '../helpers/http-harness';
import { exoNdrText, exoSpfBounceText, quotedHeaders } from '../helpers/bounces';

const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.contoso.example'] }, { TTL: 600 }],
  'fixed.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'fixed-example.mail.protection.outlook.com'] }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all' }],
};

let bot: BotHarness;
useBotWithDns(ZONE, (b) => {
  bot = b;
});

interface Mail {
  subject?: string;
  /** The message's locale, when the channel gives one. */
  locale?: string;
  attachments?: Record<string, unknown>[];
}

interface Reply {
  html: string;
  text: string;
  subject: string;
}

/** Sends one e-mail as the e-mail channel delivers it and returns the bot's one reply. */
async function mail(body: string, opts: Mail = {}): Promise<Reply> {
  const conversationId = `email:${randomUUID()}@contoso.example`;
  const activity: Record<string, unknown> = {
    ...teamsMessage(bot.connector.url, body, { conversationId }),
    channelId: 'email',
    from: { id: 'ada@contoso.example', name: 'Ada Lovelace' },
    recipient: { id: 'bounce-doctor@contoso.example', name: 'Bounce Doctor' },
    channelData: { subject: opts.subject ?? '', messageId: `<${randomUUID()}@contoso.example>` },
    locale: opts.locale,
    entities: [],
    ...(opts.attachments ? { attachments: opts.attachments } : {}),
  };
  expect((await bot.post(activity)).status).toBeLessThan(300);
  const replies = bot.connector.forConversation(conversationId).filter((c) => c.activity.type === 'message');
  expect(replies).toHaveLength(1);
  const activityOut = replies[0]!.activity;
  const data = activityOut.channelData as { htmlBody: string; subject: string };
  return { html: data.htmlBody, text: String(activityOut.text ?? ''), subject: data.subject };
}

/** What only makes sense in Teams: a chat, a message's menu, a card's button. */
const TEAMS_ONLY = /personal chat|More actions|Diagnose bounce|Check again|privée avec moi|個人チャット|個人聊天|개인 채팅|personlig chatt/;

describe('the e-mail channel', () => {
  it('answers "help" with the ways that work by e-mail, and no footer about a bounce it never read', async () => {
    const reply = await mail('help');
    expect(reply.text).toMatch(/Forward me a bounce and I'll diagnose it/);
    expect(reply.text).toMatch(/forwarded to me as an attachment/);
    expect(reply.text).toMatch(/pasted into the body of your mail/);
    expect(reply.text).toMatch(/check contoso\.com as the message or the subject/);
    expect(reply.text).not.toMatch(TEAMS_ONLY);
    expect(reply.text).not.toMatch(/doesn't look like a bounce/);
    expect(reply.text).not.toMatch(/read the bounce you forwarded|checked DNS/);
  });

  it.each([
    ['ヘルプ', 'バウンス メッセージを転送していただければ診断します'],
    ['使い方。', 'バウンス メッセージを転送していただければ診断します'],
    ['幫助', '把退信轉寄給我，我來幫您診斷'],
    ['Hjälp!', 'Vidarebefordra ett studsmeddelande till mig så ställer jag diagnosen'],
    ['aide', 'Transférez-moi un message de rebond, je m’occupe du diagnostic'],
    ['도움말', '반송 메시지를 전달해 주시면 진단해 드립니다'],
  ])('answers %s with the e-mail help in the language it was written in', async (word, title) => {
    const reply = await mail(word);
    expect(reply.text).toContain(title);
    expect(reply.text).not.toMatch(TEAMS_ONLY);
    expect(reply.html).not.toMatch(/Bounce Doctor (read|a lu|が|가|har läst|已)/);
  });

  it('checks a domain sent as "check <domain>", in the body or the subject, and says it checked DNS', async () => {
    const body = await mail('check contoso.example', { subject: 'SPF question' });
    expect(body.text).toMatch(/SPF check of contoso\.example/);
    expect(body.text).toContain('v=spf1 ip4:198.51.100.0/24 -all');
    expect(body.text).toMatch(/Bounce Doctor checked contoso\.example in DNS\.$/);
    // The check line gives the time (and whether answers came from the cache): the footer claims no "just now".
    expect(body.text).not.toMatch(/just now/);
    expect(body.text).not.toMatch(/read the bounce you forwarded|doesn't look like a bounce/);
    expect(body.text).not.toMatch(TEAMS_ONLY);

    // Empty body, the command as the (replied-to) subject, with an IP to test.
    const subject = await mail('', { subject: 'RE: check https://fixed.example/spf 40.107.1.2' });
    expect(subject.text).toMatch(/SPF check of fixed\.example/);
    expect(subject.text).toMatch(/40\.107\.1\.2 may send mail for it/);

    // A signature under the command does not hide it.
    const signed = await mail('check fixed.example\n\n--\nAda Lovelace\nContoso IT');
    expect(signed.text).toMatch(/SPF check of fixed\.example/);
  });

  it('answers a check in the message\'s locale, else in the language of the command word', async () => {
    expect((await mail('check fixed.example', { locale: 'fr-FR' })).text).toMatch(/Vérification SPF de fixed\.example/);
    const ja = await mail('', { subject: 'チェック fixed.example' });
    expect(ja.text).toMatch(/fixed\.example の SPF チェック/);
    expect(ja.text).toMatch(/Bounce Doctor が DNS で fixed\.example を確認しました。$/);
    expect((await mail('kontrollera fixed.example')).text).toMatch(/SPF-kontroll av fixed\.example/);
  });

  it('asks for a domain by e-mail when "check" came without one', async () => {
    const reply = await mail('check');
    expect(reply.text).toMatch(/Which domain should I check\?/);
    expect(reply.text).toMatch(/Send check followed by a domain or an email address, as the message or the subject/);
    expect(reply.text).not.toMatch(/Type a domain|checked DNS/);
    const bad = await mail('check localhost');
    expect(bad.text).toMatch(/“localhost” isn't a domain name/);
  });

  it('says what is not a bounce with the e-mail ways, in the language of the mail', async () => {
    const en = await mail('Hi, could you have a look at why my mail to the Fabrikam team keeps going nowhere? Thanks, Ada');
    expect(en.text).toMatch(/doesn't look like a bounce/);
    expect(en.text).toMatch(/forwarded to me as an attachment/);
    expect(en.text).not.toMatch(TEAMS_ONLY);
    expect(en.text).not.toMatch(/read the bounce you forwarded|checked DNS/);
    const ja = await mail('こんにちは。先週から取引先へのメールが届かないようなのですが、原因を調べていただけますか。よろしくお願いします。');
    expect(ja.text).toContain('バウンス メッセージを転送していただければ診断します');
  });

  it('says it read the bounce and checked DNS under a diagnosis, and the body starts with no empty line', async () => {
    const reply = await mail(exoSpfBounceText({ senderDomain: 'contoso.example' }), { subject: 'FW: Undeliverable: Quarterly figures' });
    expect(reply.text).toContain('v=spf1 ip4:198.51.100.0/24 -all');
    expect(reply.text).toMatch(/Bounce Doctor read the bounce you forwarded and checked DNS for it/);
    expect(reply.html).toMatch(/^<div[^>]*>\n<h2[^>]*>[^<]+<\/h2>\n<p>[^<\n]/);
    expect(reply.html).not.toMatch(/<p>\s*<br>/);
  });

  it('says it read a bounce without claiming a DNS check when its diagnosis needs none', async () => {
    const full = exoNdrText({ recipient: 'grace@fabrikam.example', reply: '552 5.2.2 mailbox full; STOREDRV.Deliver: mailbox quota exceeded', headers: quotedHeaders('grace@fabrikam.example', ['From: Ada Lovelace <ada@contoso.example>']) });
    const reply = await mail(full);
    expect(reply.text).toMatch(/Bounce Doctor read the bounce you forwarded\. Reply with another bounce/);
    expect(reply.text).not.toMatch(/checked DNS/);
  });

  it('never offers a Check again button by e-mail, even when the answer came from the DNS cache', async () => {
    const bounce = exoSpfBounceText({ senderDomain: 'contoso.example' });
    await mail(bounce);
    const second = await mail(bounce);
    expect(second.text).toMatch(/cached since/);
    expect(second.text).not.toMatch(/Check again/);
    const fr = await mail('vérifier contoso.example', { locale: 'fr-FR' });
    expect(fr.text).toMatch(/mises en cache depuis/);
    expect(fr.text).not.toMatch(/Vérifier à nouveau/);
  });

  it('reads a forwarded bounce whatever picture comes with it, and says a screenshot alone cannot be read', async () => {
    const signature = [{ contentType: 'image/png', name: 'image001.png', contentUrl: 'https://attachments.example/image001.png' }];
    const bounce = await mail(exoSpfBounceText({ senderDomain: 'contoso.example' }), { subject: 'FW: Undeliverable: Quarterly figures', attachments: signature });
    expect(bounce.text).toContain('v=spf1 ip4:198.51.100.0/24 -all');
    const shot = await mail('Hi, I get this every time I write to Grace. Screenshot attached.', { subject: 'Bounce', attachments: [{ contentType: 'image/png', name: 'Screenshot.png', contentUrl: 'https://attachments.example/s.png' }] });
    expect(shot.text).toMatch(/can't read text in images\. Paste the text of the bounce instead, or attach the bounce email itself/);
    expect(shot.text).not.toMatch(TEAMS_ONLY);
  });
});
