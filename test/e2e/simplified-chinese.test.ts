/**
 * Simplified Chinese end to end over real sockets: an Exchange Online NDR as Exchange writes it in zh-CN,
 * pasted into Teams, is answered in Simplified Chinese, whether the client says zh-CN or gives no usable
 * language at all (the NDR's own language then decides); and 简体中文 chosen in the language picker sticks.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseBounce } from '../../bot/ndr';
import type { ZoneData } from '../helpers/dns-server';
import { useBotWithDns } from '../helpers/bot-with-dns';
import { cardsAfter, cardTexts, finalCards, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { exoSpfBounceText, exoZhCnSpfNdrText } from '../helpers/bounces';
import { repoRoot } from '../helpers/shared';

const ZONE: ZoneData = {
  'fabrikam.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.fabrikam.example'] }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all' }],
};

/** Sent from a Microsoft 365 address that fabrikam.example's record does not cover. */
const ZH_CN_NDR = exoZhCnSpfNdrText('40.107.22.10', 'mx.contoso.example');

function spfTitle(lng: string): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'locales', lng, 'spf.json'), 'utf8')) as { title: string }).title;
}

const textOf = (card: unknown): string => cardTexts(card).join('\n');

let bot: BotHarness;
useBotWithDns(ZONE, (b) => {
  bot = b;
});

describe('a Simplified Chinese Exchange Online NDR pasted into Teams', () => {
  it('is read as Simplified Chinese, with its recipient, code and sender', async () => {
    const b = await parseBounce(ZH_CN_NDR);
    expect([b.language, b.senderDomain, b.recipients.map((r) => [r.address, r.status])]).toEqual(['zh-CN', 'fabrikam.example', [['wang@contoso.example', '5.7.23']]]);
  });

  it('from a zh-CN Teams client: one card in Simplified Chinese, with mainland terms, naming what the record lacks', async () => {
    const cards = finalCards(await bot.say(ZH_CN_NDR, { locale: 'zh-CN', conversationId: 'a:zh-cn-client' }));
    expect(cards).toHaveLength(1);
    const texts = cardTexts(cards[0]);
    expect(texts[0]).toBe(spfTitle('zh-CN'));
    expect(texts[0]).not.toBe(spfTitle('zh-TW'));
    const all = texts.join('\n');
    expect(all).toContain('include:spf.protection.outlook.com');
    expect(all).toMatch(/SPF 记录/);
    expect(all).not.toMatch(/記錄|網域|伺服器/);
    expect(JSON.stringify(cards[0])).not.toContain('${');
  });

  it('from a client that gives no language: answered in Simplified Chinese, the language of the NDR', async () => {
    const message = teamsMessage(bot.connector.url, ZH_CN_NDR, { conversationId: 'a:zh-cn-no-locale' });
    const { locale: _dropped, ...noLocale } = message;
    const cards = await cardsAfter(bot, { ...noLocale, from: { id: '29:zh-cn-no-locale', name: '张伟' }, entities: [] });
    expect(cards).toHaveLength(1);
    expect(cardTexts(cards[0])[0]).toBe(spfTitle('zh-CN'));
  });

  it("from a Traditional Chinese client: the client's language still comes first", async () => {
    const cards = finalCards(await bot.say(ZH_CN_NDR, { locale: 'zh-TW', conversationId: 'a:zh-tw-client' }));
    expect(cardTexts(cards[0])[0]).toBe(spfTitle('zh-TW'));
  });

  it.each(['zh-Hans-CN', 'zh-SG'])('from a %s client: answered in Simplified Chinese, not Traditional', async (locale) => {
    const cards = finalCards(await bot.say(exoSpfBounceText({ senderDomain: 'fabrikam.example' }), { locale, conversationId: `a:${locale}` }));
    expect(cardTexts(cards[0])[0]).toBe(spfTitle('zh-CN'));
  });
});

describe('choosing 简体中文 in the language picker', () => {
  it('is offered beside 繁體中文, and answers in Simplified Chinese from then on', async () => {
    const conversationId = 'a:zh-cn-picker';
    const calls = await bot.say(exoSpfBounceText({ senderDomain: 'fabrikam.example' }), { conversationId });
    const card = finalCards(calls)[0]!;
    const show = (card.actions as Record<string, unknown>[]).find((a) => a.type === 'Action.ShowCard' && JSON.stringify(a.card).includes('"value":"zh-TW"'))!;
    const picker = JSON.stringify(show.card);
    expect(picker).toContain('"title":"简体中文","value":"zh-CN"');
    expect(picker).toContain('"title":"繁體中文","value":"zh-TW"');

    const apply = (show.card as { actions: Record<string, unknown>[] }).actions[0]!;
    const messageId = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!.assignedId;
    const res = await bot.post({
      ...teamsMessage(bot.connector.url, '', { conversationId }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      replyToId: messageId,
      value: { action: { type: 'Action.Execute', verb: 'setLanguage', data: { ...(apply.data as object), locale: 'zh-CN' } }, trigger: 'manual' },
    });
    expect(res.status).toBe(200);
    const replaced = (JSON.parse(res.body) as { value: Record<string, unknown> }).value;
    expect(cardTexts(replaced)[0]).toBe(spfTitle('zh-CN'));

    // The choice sticks: the next bounce from the same person, still on an English Teams client, is answered in zh-CN.
    const next = finalCards(await bot.say(exoSpfBounceText({ senderDomain: 'fabrikam.example' }), { conversationId: 'a:zh-cn-picker-after' }));
    expect(cardTexts(next[0])[0]).toBe(spfTitle('zh-CN'));
    await bot.say('language en', { conversationId });
  });

  it('"语言 zh-CN" typed in Simplified Chinese says so in Simplified Chinese', async () => {
    const cards = finalCards(await bot.say('语言 zh-CN', { conversationId: 'a:zh-cn-typed' }));
    expect(textOf(cards[0])).toContain('从现在起，我会用简体中文回答。');
    await bot.say('language en', { conversationId: 'a:zh-cn-typed' });
  });
});
