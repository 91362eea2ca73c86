/**
 * East Asian bounces that do not say their charset: GB18030, Big5, EUC-KR and Shift_JIS decode each
 * other's bytes without errors, so the decoding whose text is made of everyday characters must win,
 * and the language follows from the text. Texts written for these tests.
 */
import { parseBounce } from '../../bot/ndr';
import { encodeLegacy } from '../fixtures/ndr/tools/legacy-encode';

const cases: [charset: string, language: string, prose: string, reply: string][] = [
  ['gb18030', 'zh-CN', '系统通知：由于对方服务器拒绝，您发送的邮件无法投递到以下收件人，已被退回。', '550 5.1.1 收件人不存在'],
  ['big5', 'zh-TW', '系統通知：由於對方伺服器拒絕，您的郵件無法傳遞給下列收件者，已被退回。', '550 5.1.1 收件者不存在'],
  ['euc-kr', 'ko', '시스템 알림: 상대방 서버가 거부하여 다음 받는 사람에게 메일을 보내지 못했습니다.', '550 5.1.1 존재하지 않는 사용자입니다'],
  ['shift_jis', 'ja', 'システムからのお知らせ：相手先のサーバーが拒否したため、以下の宛先にメールを届けることができませんでした。', '550 5.1.1 宛先のユーザーが存在しません'],
  ['euc-jp', 'ja', 'システムからのお知らせ：相手先のサーバーが拒否したため、以下の宛先にメールを届けることができませんでした。', '550 5.1.1 宛先のユーザーが存在しません'],
];

function html(prose: string, reply: string): string {
  return `<html><body><p>${prose}</p><p>&lt;kari@contoso.example&gt;: host mx.contoso.example[192.0.2.10] said: ${reply}</p></body></html>`;
}

describe.each(cases)('%s without a declared charset', (charset, language, prose, reply) => {
  it('reads an HTML file right and tells its language', async () => {
    const b = await parseBounce(encodeLegacy(html(prose, reply), charset), { filename: 'ndr.html' });
    expect(b.isBounce).toBe(true);
    expect(b.language).toBe(language);
    expect(b.recipients[0]).toMatchObject({ address: 'kari@contoso.example', status: '5.1.1', diagnostic: reply });
  });

  it('reads an .eml whose text/html part has no charset', async () => {
    const head = 'From: MAILER-DAEMON@mx.godwit.example\r\nSubject: Undelivered Mail\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: 8bit\r\n\r\n';
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from(encodeLegacy(html(prose, reply), charset))]);
    const b = await parseBounce(new Uint8Array(bytes), { filename: 'ndr.eml' });
    expect(b.language).toBe(language);
    expect(b.recipients[0]?.diagnostic).toBe(reply);
  });
});

it('still reads undeclared Latin-1 as Latin-1', async () => {
  const text = "Votre message n'a pas pu être remis au destinataire.\n\n<kari@contoso.example>: host mx.contoso.example[192.0.2.10] said: 550 5.1.1 Adresse électronique inconnue\n";
  const b = await parseBounce(encodeLegacy(text, 'windows-1252'), { filename: 'ndr.txt' });
  expect(b.language).toBe('fr');
  expect(b.recipients[0]?.diagnostic).toBe('550 5.1.1 Adresse électronique inconnue');
});
