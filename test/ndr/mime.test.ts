/** .eml files: MIME structure, transfer encodings, charsets, RFC 3464 delivery-status parts. */
import { parseBounce, MAX_RECIPIENTS } from '../../bot/ndr';
import { encodeLegacy, quotedPrintable } from '../fixtures/ndr/tools/legacy-encode';
import { bytesOf, DAEMON_HEADERS, multipartReport } from './eml';
import { fixtureBytes } from './fixtures';

function textPart(text: string, charset: string, encoding: 'base64' | 'quoted-printable'): { type: string; headers: string[]; body: string } {
  const bytes = encodeLegacy(text, charset);
  const body = encoding === 'base64' ? Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n') : quotedPrintable(bytes).replace(/\n/g, '\r\n');
  return { type: `text/plain; charset="${charset}"`, headers: [`Content-Transfer-Encoding: ${encoding}`], body };
}

describe('transfer encodings', () => {
  it('joins a quoted-printable soft line break inside the remote reply before reading it', async () => {
    const body = [
      'Diagnostic information for administrators:',
      '',
      'Generating server: AM0PR01MB1234.eurprd01.prod.outlook.com',
      '',
      'kari@contoso.example',
      "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipien=",
      "t not found by SMTP address lookup'",
    ].join('\r\n');
    const eml = multipartReport(DAEMON_HEADERS, [{ type: 'text/plain; charset=us-ascii', headers: ['Content-Transfer-Encoding: quoted-printable'], body }]);
    const b = await parseBounce(bytesOf(eml));
    expect(b.recipients[0]).toMatchObject({ address: 'kari@contoso.example', status: '5.1.10', replyCode: '550' });
    expect(b.recipients[0]?.diagnostic).toContain('Recipient not found by SMTP address lookup');
  });

  it('decodes a base64 text part', async () => {
    const text = '<kari@contoso.example>: host mx.contoso.example[192.0.2.10] said: 550 5.1.1 <kari@contoso.example>: Recipient address rejected: User unknown';
    const eml = multipartReport(DAEMON_HEADERS, [textPart(text, 'utf-8', 'base64')]);
    const b = await parseBounce(bytesOf(eml));
    expect(b.recipients[0]).toMatchObject({ address: 'kari@contoso.example', status: '5.1.1', remoteMta: 'mx.contoso.example' });
  });
});

describe('charsets seen in real bounces', () => {
  const cases: { charset: string; encoding: 'base64' | 'quoted-printable'; prose: string; reply: string; lang?: string }[] = [
    { charset: 'iso-2022-jp', encoding: 'base64', prose: 'メッセージを配信できませんでした。宛先のメール サーバーが拒否しました。', reply: '550 5.7.1 送信元が拒否されました', lang: 'ja' },
    { charset: 'shift_jis', encoding: 'base64', prose: 'メッセージを配信できませんでした。宛先のメール サーバーが拒否しました。', reply: '550 5.1.1 ユーザーが存在しません', lang: 'ja' },
    { charset: 'euc-jp', encoding: 'base64', prose: 'メッセージを配信できませんでした。宛先のメール サーバーが拒否しました。', reply: '550 5.2.2 メールボックスが一杯です', lang: 'ja' },
    { charset: 'euc-kr', encoding: 'base64', prose: '메시지를 배달하지 못했습니다. 받는 사람의 메일 서버가 거부했습니다.', reply: '550 5.1.1 사용자가 없습니다', lang: 'ko' },
    { charset: 'big5', encoding: 'base64', prose: '無法傳遞您的郵件。收件者的郵件伺服器拒絕了這封郵件。', reply: '550 5.7.1 寄件者遭到拒絕', lang: 'zh-TW' },
    { charset: 'iso-8859-1', encoding: 'quoted-printable', prose: 'Det gick inte att leverera ditt meddelande till mottagaren. Servern avvisade det och det går inte att skicka igen.', reply: '550 5.1.1 Mottagaren är okänd på servern', lang: 'sv' },
    { charset: 'windows-1252', encoding: 'quoted-printable', prose: "Votre message n'a pas pu être remis au destinataire. Le serveur de messagerie l'a rejeté.", reply: '550 5.1.1 Adresse électronique inconnue', lang: 'fr' },
    { charset: 'windows-1250', encoding: 'quoted-printable', prose: 'Zpráva nebyla doručena.', reply: '550 5.1.1 Uživatel neexistuje' },
    { charset: 'iso-8859-2', encoding: 'quoted-printable', prose: 'Wiadomość nie została dostarczona.', reply: '550 5.2.2 Skrzynka odbiorcza jest pełna' },
  ];

  it.each(cases)('$charset ($encoding)', async ({ charset, encoding, prose, reply, lang }) => {
    const text = `${prose}\n\n<kari@contoso.example>:\nhost mx.contoso.example[192.0.2.10] said: ${reply}\n`;
    const eml = multipartReport([...DAEMON_HEADERS.slice(0, 3), 'Date: Mon, 03 Feb 2025 10:00:00 +0100'], [textPart(text, charset, encoding)]);
    const b = await parseBounce(bytesOf(eml));
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]?.address).toBe('kari@contoso.example');
    expect(b.recipients[0]?.diagnostic).toBe(reply);
    if (lang) expect(b.language).toBe(lang);
  });

  it('reads 8-bit EUC-JP text that is labelled ISO-2022-JP (a common carrier mistake)', async () => {
    const prose = 'メッセージを配信できませんでした。宛先アドレスが見つかりませんでした。';
    const body = Buffer.from(encodeLegacy(`${prose}\n\n<kari@contoso.example>\n`, 'euc-jp')).toString('latin1');
    const eml = [...DAEMON_HEADERS, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="ISO-2022-JP"', 'Content-Transfer-Encoding: 7bit', '', body].join('\r\n');
    const b = await parseBounce(bytesOf(eml));
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]?.address).toBe('kari@contoso.example');
    expect(b.language).toBe('ja');
  });
});

describe('RFC 3464 delivery-status', () => {
  const dsn = [
    'Reporting-MTA: dns; mx.fabrikam.example',
    'X-Postfix-Queue-ID: 4QxY7z1abc',
    'X-Postfix-Sender: rfc822; newsletter-bounces@fabrikam.example',
    'X-Original-Message-ID: <20250203.abc123@fabrikam.example>',
    'Arrival-Date: Mon,  3 Feb 2025 09:58:12 +0100 (CET)',
    '',
    'Final-Recipient: rfc822; kari@contoso.example',
    'Original-Recipient: rfc822;kari@contoso.example',
    'Action: failed',
    'Status: 5.0.0',
    'Remote-MTA: dns; mx.contoso.example',
    'Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; client [192.0.2.77]',
    '    blocked using an SPF policy',
    '',
    'Final-Recipient: rfc822; ola@contoso.example',
    'Action: delayed',
    'Status: 4.4.1',
    'Diagnostic-Code: X-Postfix; connect to mx.contoso.example[192.0.2.10]:25:',
    'Connection timed out',
    '',
    'Final-Recipient: rfc822; per@contoso.example',
    'Action: delivered',
    'Status: 2.0.0',
    '',
  ].join('\r\n');
  const eml = multipartReport(DAEMON_HEADERS, [
    { type: 'text/plain; charset=us-ascii', body: 'This is the mail system at host mx.fabrikam.example.\r\n\r\nYour message could not be delivered.' },
    { type: 'message/delivery-status', body: dsn },
    { type: 'text/rfc822-headers', body: 'Return-Path: <newsletter-bounces@fabrikam.example>\r\nFrom: News <news@fabrikam.example>\r\nSubject: February news\r\nMessage-ID: <20250203.abc123@fabrikam.example>' },
  ]);

  it('gives one entry per failed or delayed recipient and leaves out delivered ones', async () => {
    const b = await parseBounce(bytesOf(eml));
    expect(b.recipients.map((r) => r.address)).toEqual(['kari@contoso.example', 'ola@contoso.example']);
  });

  it('prefers the specific code in Diagnostic-Code over a generic 5.0.0 Status, with continuation lines', async () => {
    const b = await parseBounce(bytesOf(eml));
    const kari = b.recipients[0]!;
    expect(kari.status).toBe('5.7.1');
    expect(kari.replyCode).toBe('550');
    expect(kari.remoteMta).toBe('mx.contoso.example');
    expect(kari.diagnostic).toBe('550 5.7.1 Service unavailable; client [192.0.2.77] blocked using an SPF policy');
    const ola = b.recipients[1]!;
    expect(ola.status).toBe('4.4.1');
    expect(ola.diagnostic).toContain('Connection timed out');
  });

  it('reads the per-message fields and the original headers part', async () => {
    const b = await parseBounce(bytesOf(eml));
    expect(b.reportingMta).toBe('mx.fabrikam.example');
    expect(b.arrivalDate).toBe('2025-02-03T08:58:12.000Z');
    expect(b.originalMessageId).toBe('20250203.abc123@fabrikam.example');
    expect(b.originalSubject).toBe('February news');
    expect(b.sender).toBe('newsletter-bounces@fabrikam.example');
    expect(b.senderSource).toBe('return-path');
    expect(b.sendingIp).toBe('192.0.2.77');
  });

  it('uses X-Postfix-Sender as the envelope sender when the original headers are missing', async () => {
    const noOriginal = multipartReport(DAEMON_HEADERS, [
      { type: 'text/plain', body: 'Delivery failed.' },
      { type: 'message/delivery-status', body: dsn },
    ]);
    const b = await parseBounce(bytesOf(noOriginal));
    expect(b.sender).toBe('newsletter-bounces@fabrikam.example');
    expect(b.senderSource).toBe('envelope');
    expect(b.originalMessageId).toBe('20250203.abc123@fabrikam.example');
  });

  it('reads the original message from a message/rfc822 part as well, and its From when there is no envelope sender', async () => {
    const withMessage = multipartReport(DAEMON_HEADERS, [
      { type: 'text/plain', body: 'Delivery failed.' },
      { type: 'message/delivery-status', body: dsn },
      {
        type: 'message/rfc822',
        body: 'Received: from mail.fabrikam.example (mail.fabrikam.example [203.0.113.9]) by mx.fabrikam.example with ESMTPS id 1; Mon, 3 Feb 2025 09:58:12 +0100\r\nFrom: Mika <mika@fabrikam.example>\r\nSubject: Hello\r\nMessage-ID: <m1@fabrikam.example>\r\n\r\nHello there',
      },
    ]);
    const b = await parseBounce(bytesOf(withMessage));
    expect(b.originalSubject).toBe('Hello');
    expect(b.originalMessageId).toBe('m1@fabrikam.example');
    // SPF checks the envelope sender, so the DSN's X-Postfix-Sender wins over the original From.
    expect(b.sender).toBe('newsletter-bounces@fabrikam.example');
    expect(b.senderSource).toBe('envelope');
    // The remote reply's IP is what the receiver saw; it wins over the Received header.
    expect(b.sendingIp).toBe('192.0.2.77');
    expect(b.sendingIpSource).toBe('remote-reply');
    const withoutEnvelope = await parseBounce(bytesOf(withMessage.replace(/X-Postfix-Sender:[^\r\n]*\r\n/, '')));
    expect(withoutEnvelope.sender).toBe('mika@fabrikam.example');
    expect(withoutEnvelope.senderSource).toBe('from');
  });

  it('keeps each recipient once when the DSN and the text both list it', async () => {
    const twice = multipartReport(DAEMON_HEADERS, [
      { type: 'text/plain', body: '<KARI@contoso.example>: host mx.contoso.example[192.0.2.10] said: 550 5.7.1 Service unavailable' },
      { type: 'message/delivery-status', body: dsn },
    ]);
    const b = await parseBounce(bytesOf(twice));
    expect(b.recipients.filter((r) => r.address?.toLowerCase() === 'kari@contoso.example')).toHaveLength(1);
  });
});

describe('message structure', () => {
  it('reads an NDR forwarded as an attachment inside an ordinary message', async () => {
    const b = await parseBounce(fixtureBytes('en', 'forwarded-as-attachment.eml'), { filename: 'FW.eml' });
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]).toMatchObject({ address: 'alex.wu@contoso.example', status: '5.7.23' });
    expect(b.microsoft365).toBe(true);
  });

  it("reads the attached NDR when a gateway's own report around it names no failed recipient", async () => {
    const inner = multipartReport(
      ['From: Mail Delivery Subsystem <MAILER-DAEMON@mx.fabrikam.example>', 'To: mika@contoso.example', 'Subject: Returned mail: User unknown', 'Date: Mon, 03 Feb 2025 10:00:00 +0100'],
      [
        { type: 'text/plain', body: '   ----- The following addresses had permanent fatal errors -----\r\ngrace@fabrikam.example' },
        { type: 'message/delivery-status', body: 'Reporting-MTA: dns; mx.fabrikam.example\r\n\r\nFinal-Recipient: rfc822; grace@fabrikam.example\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown' },
      ],
      'inner-1',
    );
    const eml = [
      'From: Mail Delivery Subsystem <MAILER-DAEMON@gw.contoso.example>',
      'To: mika@contoso.example',
      'Subject: Returned mail: see transcript for details',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer-1"',
      '',
      '--outer-1',
      'Content-Type: text/plain',
      '',
      '----- The following addresses had permanent delivery errors -----',
      '',
      '--outer-1',
      'Content-Type: message/rfc822',
      '',
      inner,
      '--outer-1--',
    ].join('\r\n');
    const b = await parseBounce(bytesOf(eml));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'grace@fabrikam.example', status: '5.1.1', replyCode: '550' })]);
  });

  it('reads a text part whose Content-Type folds its charset onto the next line without a semicolon', async () => {
    const eml = [
      'From: "Mail Delivery System" <MAILER-DAEMON@mx.fabrikam.example>',
      'To: mika@contoso.example',
      'Subject: Returned Mail: User unknown',
      'Content-Type: multipart/mixed; boundary="mixed-1"',
      '',
      '--mixed-1',
      'Content-Type: text/plain',
      '   charset="us-ascii"',
      '',
      '---The following addresses had delivery errors---',
      '',
      'grace@fabrikam.example [User unknown]',
      '',
      '--mixed-1',
      'Received: from mail.contoso.example by mx.fabrikam.example; Mon, 3 Feb 2025 10:00:00 +0100',
      'From: Mika <mika@contoso.example>',
      'To: grace@fabrikam.example',
      'Subject: Lunch',
      '',
      'See you at noon.',
      '--mixed-1--',
    ].join('\r\n');
    const b = await parseBounce(bytesOf(eml));
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'grace@fabrikam.example', status: '5.1.1', diagnostic: 'User unknown' })]);
  });

  it("reads an HTML-only report with undeclared 8-bit text, not the returned message's text part after it", async () => {
    // A Chinese provider's bounce (seen in GNU Mailman's test data): the report is HTML with GBK bytes and no
    // charset, and the returned message that follows has a text/plain part of its own.
    const gbk = '\xb6\xd4\xb7\xbd\xb7\xfe\xce\xf1\xc6\xf7';
    const eml = [
      'From: MAILER-DAEMON@mx.fabrikam.example',
      'To: mika@contoso.example',
      'Subject: failure notice',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="mixed-2"',
      '',
      '--mixed-2',
      'Content-Type: text/html',
      '',
      "Hi. This is the deliver program at mx.fabrikam.example.<br>",
      `<font color=red>${gbk} ${gbk} ${gbk} ${gbk}</font><br>`,
      "I'm afraid I wasn't able to deliver your message to the following addresses.<br><br>",
      '',
      'grace@fabrikam.example<br>',
      '',
      'No such user<br>',
      '--mixed-2',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="orig.eml"',
      '',
      'From: Mika <mika@contoso.example>',
      'To: grace@fabrikam.example',
      'Subject: Lunch',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'See you at noon, Otto <otto@contoso.example> says hello.',
      '--mixed-2--',
    ].join('\r\n');
    const b = await parseBounce(bytesOf(eml));
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'grace@fabrikam.example', status: '5.1.1', diagnostic: 'No such user' })]);
  });

  it("takes the words under Gmail's 'The response was:' as the reply of a recipient named only in X-Failed-Recipients", async () => {
    const eml = multipartReport(
      ['From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>', 'To: mika@contoso.example', 'Subject: Delivery Status Notification (Failure)', 'X-Failed-Recipients: team@groups.fabrikam.example'],
      [
        {
          type: 'text/plain; charset="UTF-8"',
          body: [
            '** Message not delivered **',
            '',
            "You're sending this from a different address or alias using the 'Send mail as' feature. The settings for your 'Send mail as' account are misconfigured.",
            '',
            'The response was:',
            'Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability',
          ].join('\r\n'),
        },
      ],
    );
    const b = await parseBounce(bytesOf(eml));
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'team@groups.fabrikam.example', diagnostic: 'Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability' })]);
  });

  it('reads raw message source pasted as text', async () => {
    const source = Buffer.from(fixtureBytes('fr', 'new-layout-5.7.23.eml')).toString('latin1');
    const b = await parseBounce(source);
    expect(b.inputFormat).toBe('eml');
    expect(b.recipients[0]).toMatchObject({ address: 'camille.durand@contoso.example', status: '5.7.23' });
    expect(b.language).toBe('fr');
  });

  it('sniffs a message from its content whatever the file is called', async () => {
    const b = await parseBounce(fixtureBytes('sv', 'new-layout-5.7.23.eml'), { filename: 'bounce.txt', contentType: 'application/octet-stream' });
    expect(b.inputFormat).toBe('eml');
    expect(b.recipients[0]?.status).toBe('5.7.23');
  });

  it('reads the report when the declared boundary never occurs', async () => {
    const eml = [
      ...DAEMON_HEADERS,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="declared"',
      '',
      '--actual',
      'Content-Type: text/plain',
      '',
      '<kari@contoso.example>: host mx.contoso.example[192.0.2.10] said: 550 5.1.1 User unknown',
      '--actual',
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; kari@contoso.example',
      'Action: failed',
      'Status: 5.1.1',
      '--actual--',
    ].join('\r\n');
    const b = await parseBounce(bytesOf(eml));
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'kari@contoso.example', status: '5.1.1' })]);
  });

  it('reads what it can from a truncated message and does not throw', async () => {
    const full = Buffer.from(fixtureBytes('ja', 'new-layout-5.7.23.eml'));
    const dsnAt = full.indexOf('Content-Type: message/delivery-status');
    const cutAfterDsn = await parseBounce(new Uint8Array(full.subarray(0, dsnAt + 400)));
    expect(cutAfterDsn.recipients[0]).toMatchObject({ address: 'sato.kenji@contoso.example', status: '5.7.23' });
    for (const fraction of [0.1, 0.3, 0.5, 0.7]) {
      const b = await parseBounce(new Uint8Array(full.subarray(0, Math.floor(full.length * fraction))));
      expect(['bounce', 'ordinary-message', 'empty', 'unreadable', 'auto-reply']).toContain(b.kind);
    }
  });

  it(`keeps at most ${MAX_RECIPIENTS} of 5,000 recipients, unique, and says how many there were`, async () => {
    const blocks: string[] = ['Reporting-MTA: dns; mx.fabrikam.example', ''];
    const text: string[] = [];
    for (let i = 0; i < 5000; i++) {
      blocks.push(`Final-Recipient: rfc822; user${i}@contoso.example`, 'Action: failed', 'Status: 5.1.1', '');
      text.push(`<user${i}@contoso.example>: host mx.contoso.example[192.0.2.10] said: 550 5.1.1 User unknown`);
    }
    const eml = multipartReport(DAEMON_HEADERS, [
      { type: 'text/plain', body: text.join('\r\n') },
      { type: 'message/delivery-status', body: blocks.join('\r\n') },
    ]);
    const b = await parseBounce(bytesOf(eml));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(MAX_RECIPIENTS);
    expect(b.recipientsTruncated).toBe(true);
    expect(b.recipientCount).toBe(5000);
    expect(new Set(b.recipients.map((r) => r.address)).size).toBe(MAX_RECIPIENTS);
  });
});
