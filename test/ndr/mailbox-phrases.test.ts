/**
 * Bounces that give the reason in words only, in the wording of mail systems in several languages:
 * "unknown user" reads as 5.1.1 and "mailbox full" as 5.2.2, marked as inferred. Texts written for
 * these tests in each language's usual phrasing.
 */
import { parseBounce } from '../../bot/ndr';

const cases: [lang: string, intro: string, unknown: string, full: string][] = [
  ['English (Russian providers)', 'Message was not accepted -- invalid mailbox.', 'Local mailbox grace@fabrikam.example is unavailable: user not found', 'Mailbox of this user is full, try again later'],
  ['Russian', 'Ваше письмо не может быть доставлено следующим получателям:', 'Пользователь не найден.', 'Почтовый ящик получателя переполнен.'],
  ['German', 'Ihre Nachricht konnte nicht zugestellt werden an:', 'Benutzer unbekannt', 'Das Postfach des Empfängers ist voll'],
  ['Polish', 'Wiadomość nie mogła zostać dostarczona do:', 'Nieznany użytkownik', 'Skrzynka odbiorcy jest pełna'],
  ['Portuguese', 'A mensagem não pôde ser entregue para:', 'Usuário desconhecido', 'A caixa postal do destinatário está cheia'],
  ['Spanish', 'No se pudo entregar el mensaje a:', 'El usuario no existe', 'El buzón del destinatario está lleno'],
  ['French (Orange)', "Votre message n'a pas pu être remis au destinataire suivant :", "Adresse d'au moins un destinataire invalide", 'Boite du destinataire pleine'],
  ['Italian', 'Il messaggio non è stato recapitato a:', 'Utente sconosciuto', 'La casella del destinatario è piena'],
  ['Chinese', '您发送的邮件无法投递到以下地址：', '收件人不存在', '收件人邮箱已满'],
  ['Korean', '메일을 전달할 수 없습니다.', '존재하지 않는 사용자입니다', '받는 사람의 사서함이 가득 찼습니다'],
  ['Japanese', '以下のアドレスへ配信できませんでした。', '宛先不明', 'メールボックスが一杯です'],
  ['Japanese (its size named)', '以下のアドレスへ配信できませんでした。', '宛先のメールアドレスは存在しません', 'メールボックスの容量がいっぱいです'],
  ['Swedish', 'Meddelandet kunde inte levereras till:', 'Brevlådan finns inte', 'Brevlådan är full'],
];

function bounce(intro: string, reason: string): string {
  return [intro, '', 'grace@fabrikam.example', `    ${reason}`, ''].join('\n');
}

describe.each(cases)('%s', (_lang, intro, unknown, full) => {
  it.each([
    ['unknown user', unknown, '5.1.1'],
    ['mailbox full', full, '5.2.2'],
  ])('%s (%s) reads as %s', async (_what, reason, status) => {
    const b = await parseBounce(bounce(intro, reason));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status, statusInferred: true });
    expect(b.recipients[0]?.diagnostic).toContain(reason);
  });
});

it('never overrides a code the bounce wrote', async () => {
  const b = await parseBounce(bounce('Ihre Nachricht konnte nicht zugestellt werden an:', '550 5.7.1 Benutzer unbekannt oder gesperrt'));
  expect(b.recipients[0]?.status).toBe('5.7.1');
  expect(b.recipients[0]?.statusInferred).toBeUndefined();
});

it('does not infer a status for a message that is not a bounce', async () => {
  const b = await parseBounce('Hi Grace,\n\nmy old address said "user unknown" when I wrote to grace@fabrikam.example.\n\nAda');
  expect(b.isBounce).toBe(false);
});

it.each([
  ['German', 'Die Zustellung an folgende Empfänger wurde verzögert:', 'Die Zustellung wird weiterhin versucht.'],
  ['French', 'La remise au destinataire suivant a été retardée :', 'Le serveur réessaiera plus tard.'],
  ['Japanese', '以下の宛先への配信が遅延しています。', '配信は引き続き試行されます。'],
])('reads a %s delay notice as transient (4.0.0)', async (_lang, intro, after) => {
  const b = await parseBounce([intro, '', 'grace@fabrikam.example', '', after].join('\n'));
  expect(b.isBounce).toBe(true);
  expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status: '4.0.0', statusInferred: true });
});

it('reads a French archived or blocked mailbox as disabled (5.2.1)', async () => {
  const b = await parseBounce(bounce("Votre message n'a pas pu être remis au destinataire suivant :", 'Le compte du destinataire est bloqué'));
  expect(b.recipients[0]).toMatchObject({ status: '5.2.1', statusInferred: true });
});

it('reads a Spanish mailbox closed for disuse as disabled (5.2.1)', async () => {
  const b = await parseBounce(bounce('No se pudo entregar el mensaje a:', 'Esta casilla ha expirado por falta de uso.'));
  expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status: '5.2.1', statusInferred: true });
});

it('reads an account without enough space, or a maildir over its quota, as a full mailbox (5.2.2)', async () => {
  for (const reason of ['Account(s) <grace@fabrikam.example> does not have enough space', "Sorry, the user's maildir has overdrawn his diskspace quota, please try again later."]) {
    const b = await parseBounce(bounce('Delivery to the following recipient failed permanently:', reason));
    expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status: '5.2.2', statusInferred: true });
  }
});

describe('a refusal by policy or block list, with a reply code but no enhanced code', () => {
  it.each([
    ['web.de policy', '554-Transaction failed 554-Reject due to policy restrictions. 554 For explanation visit https://web.de/email/senderguidelines', '554'],
    ['Mimecast anti-spoofing', '550 Rejected by header based Anti-Spoofing policy: grace@fabrikam.example', '550'],
    ['Mimecast envelope block', '550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550', '550'],
    ['Barracuda per-recipient block', '550 permanent failure for one or more recipients (grace@fabrikam.example:blocked)', '550'],
    ['DNS block list', '554 mx.fabrikam.example 203.0.113.66 found on one or more DNSBLs, see http://postmaster.fabrikam.example', '554'],
    ['blocked using a list', '554 Service unavailable; Client host [203.0.113.66] blocked using zen.spamhaus.org', '554'],
  ])('%s reads as 5.7.1, marked as inferred', async (_name, reply, code) => {
    const b = await parseBounce(['<grace@fabrikam.example>: host mx.fabrikam.example[192.0.2.5] said:', `    ${reply} (in reply to RCPT TO command)`].join('\n'));
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'grace@fabrikam.example', status: '5.7.1', statusInferred: true, replyCode: code })]);
  });

  it('reads the same words in a delay notice as 4.7.1', async () => {
    const b = await parseBounce(
      ['This is a warning only. Delivery attempts will continue.', '', '<grace@fabrikam.example>: host mx.fabrikam.example[192.0.2.5] said:', '    451 Temporarily rejected by policy, try later (in reply to RCPT TO command)'].join('\n'),
    );
    expect(b.recipients[0]).toMatchObject({ status: '4.7.1', statusInferred: true, replyCode: '451' });
  });
});

// The receiving mail system's own trouble, in the words servers use when they write no code: RFC 3463's
// "mail system" subject (X.3.x), class 4 when the reply is temporary.
it.each([
  ['554 mail server configuration error', '5.3.0'],
  ['550 Internal system error', '5.3.0'],
  ['451 Requested action aborted: local error in processing', '4.3.0'],
  ['452 queue file write error', '4.3.0'],
  ['552 Mail system full', '5.3.1'],
  // Its local delivery program failing: Postfix's pipe and procmail, Sendmail's mailer.
  ['550 Command died with status 1: "/usr/bin/procmail". Command output: procmail: Unable to treat as directory', '5.3.0'],
  ['554 unknown mailer error 75', '5.3.0'],
])('reads "%s" as the receiving mail system\'s trouble (%s)', async (reply, status) => {
  const b = await parseBounce(
    ['This is the mail system at host relay.contoso.example.', '', 'I am sorry to have to inform you that your message could not', 'be delivered to one or more recipients.', '', `<grace@fabrikam.example>: host mx1.fabrikam.example[192.0.2.20] said: ${reply} (in reply to RCPT TO command)`, ''].join('\n'),
  );
  expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status, statusInferred: true });
});
