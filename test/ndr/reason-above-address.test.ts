/**
 * Reports that give the reason in a sentence above the failed address, with no code and no server reply:
 * Japanese mobile carriers' ("…メールボックスが一杯で⏎お届けできませんでした。⏎<address>"), and the same shape
 * in Korean, Chinese and English, the sentence wrapped over two lines as the report wrapped it. Read from
 * the paste through the playbooks to the card, with the recipients' domains in a test DNS server. Each used
 * to say "That reads like a bounce, but I couldn't find an error code" (or, in Korean, "not a bounce").
 * The texts were written for these tests.
 */
import { diagnosisText, type Locale } from '../../bot/cards';
import { diagnose, type Diagnosis } from '../../bot/diagnosis';
import { parseBounce } from '../../bot/ndr';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { checksFor } from '../helpers/scenarios';

let dns: TestDnsServer;
beforeAll(async () => {
  const mx = (host: string) => [{ MX: [10, host] as [number, string] }];
  dns = await startDnsServer({
    'docomo.ne.jp': mx('mfsmax.docomo.ne.jp'),
    'mfsmax.docomo.ne.jp': [{ A: '192.0.2.10' }],
    'example.co.jp': mx('mx.example.co.jp'),
    'mx.example.co.jp': [{ A: '192.0.2.11' }],
    'example.co.kr': mx('mx.example.co.kr'),
    'mx.example.co.kr': [{ A: '192.0.2.12' }],
    'example.cn': mx('mx.example.cn'),
    'mx.example.cn': [{ A: '192.0.2.13' }],
    'fabrikam.example': mx('mx.fabrikam.example'),
    'mx.fabrikam.example': [{ A: '192.0.2.14' }],
  });
});
afterAll(() => dns.stop());

async function read(lines: string[]): Promise<Diagnosis> {
  return diagnose(await parseBounce(lines.join('\n')), { checks: checksFor(dns.address) });
}
const card = (d: Diagnosis, locale: Locale = 'en'): string => diagnosisText(d, locale, {}, 'cli');

describe('a reason in the sentence above the failed address', () => {
  it.each([
    ['a Japanese carrier: a full mailbox, over two lines', ['このメールは、送信先のメールボックスが一杯で', 'お届けできませんでした。', '<taro@docomo.ne.jp>'], 'mailbox', 'mailbox-full', 'taro@docomo.ne.jp'],
    ['Japanese: an address that does not exist', ['お客様が送信されたメールは、宛先のメールアドレスが存在しないため、', 'お届けできませんでした。', '', '<hanako@example.co.jp>'], 'recipient', 'address-unknown', 'hanako@example.co.jp'],
    ["Japanese: the recipient's server never answered", ['送信先のメールサーバーに接続できなかったため、', 'メールをお届けできませんでした。', '<hanako@example.co.jp>'], 'transient', 'connection-failed', 'hanako@example.co.jp'],
    ['Korean: a full mailbox', ['메일함 용량이 가득 차서', '메일을 전달하지 못했습니다.', '<minsu@example.co.kr>'], 'mailbox', 'mailbox-full', 'minsu@example.co.kr'],
    ['Chinese: a full mailbox', ['收件人信箱已满，', '邮件无法投递。', '<li@example.cn>'], 'mailbox', 'mailbox-full', 'li@example.cn'],
    ['English, wrapped mid-sentence', ['This message could not be delivered because the recipient', 'mailbox is full.', '', '<grace@fabrikam.example>'], 'mailbox', 'mailbox-full', 'grace@fabrikam.example'],
  ])('%s', async (_name, lines, playbook, cause, recipient) => {
    const d = await read(lines);
    expect([d.playbook, d.verdict.cause]).toEqual([playbook, cause]);
    expect(d.recipients.map((r) => r.address)).toEqual([recipient]);
    // The card quotes the report's whole sentence as the server's words, joined as it was written.
    const quoted = lines.slice(0, lines.findIndex((l) => !l || l.startsWith('<'))).join(/[\u3040-\u9fff\uac00-\ud7af，、]$/.test(lines[0]!) ? '' : ' ');
    expect(card(d)).toContain(quoted);
  });

  it("a Japanese carrier's refusal settings are the recipient's filter, not a missing address", async () => {
    const d = await read(['以下のアドレスへのメールは受信拒否設定によりお届けできませんでした。', 'hanako@docomo.ne.jp']);
    expect([d.playbook, d.verdict.cause]).toEqual(['recipient', 'carrier-filter']);
    const en = card(d);
    expect(en).toContain("The recipient's phone carrier filtered out your message");
    // Its explanation agrees with a report that never said "User unknown".
    expect(en).toContain('often answer "User unknown" for it');
    expect(card(d, 'ja')).toContain('受信設定');
  });

  it('a heading above the address is no reason: the report stays one without details (guard)', async () => {
    const d = await read(['メールをお届けできませんでした。', '', '以下の宛先:', '<taro@docomo.ne.jp>']);
    expect(d.playbook).toBe('none');
    expect(card(d)).toContain("That reads like a bounce, but I couldn't find an error code");
  });

  it('a line above that ends its own sentence is not joined to the reason (guard)', async () => {
    const d = await read(['Subject: Quarterly figures.', 'Delivery to this recipient failed because the mailbox is full.', '<grace@fabrikam.example>']);
    expect(d.verdict.cause).toBe('mailbox-full');
    expect(card(d)).not.toContain('Quarterly figures. Delivery');
  });
});
