/** Shapes of pasted bounces that once lost the sender: a short header block, a paste with a few HTML tags. */
import { parseBounce } from '../../bot/ndr';
import { exoNdrText, exoSpfBounceText } from '../helpers/bounces';

describe('the original message headers under their heading', () => {
  it('two fields (From and Subject) are enough under "Original message headers:"', async () => {
    const b = await parseBounce(
      [
        'Reporting-MTA: dns; AM6PR04MB1234.eurprd04.prod.outlook.com',
        '',
        'Final-Recipient: rfc822; grace@fabrikam.example',
        'Action: failed',
        'Status: 5.7.23',
        'Diagnostic-Code: smtp; 550 5.7.23 The message was rejected because of Sender Policy Framework violation',
        '',
        'Original message headers:',
        '',
        'From: Ada <ada@contoso.example>',
        'Subject: Plans',
        '',
      ].join('\n'),
    );
    expect(b.senderDomain).toBe('contoso.example');
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
  });

  it("two fields under the server's reply, with no heading, are the original's when From gives an address", async () => {
    // Gmail's report as copied from its page: the reply, then the returned message's From and To.
    const b = await parseBounce(
      [
        'Message blocked',
        '',
        'Your message to grace@gmail.com has been blocked. See technical details below for more information.',
        '',
        'The response from the remote server was:',
        "550-5.7.30 Your email has been blocked because DKIM authentication didn't pass for this message. - gsmtp",
        '',
        'From: Ada Lovelace <ada@contoso.example>',
        'To: grace@gmail.com',
        '',
      ].join('\n'),
    );
    expect(b.sender).toBe('ada@contoso.example');
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@gmail.com']);
  });

  it('two header-like lines in prose, with no heading above them, are not taken for the original', async () => {
    const b = await parseBounce(
      ['Hi, this bounced:', 'From: our newsletter tool', 'Subject: the usual', '', "Remote Server returned '550 5.1.1 User unknown'", ''].join('\n'),
    );
    expect(b.sender).toBeUndefined();
  });
});

describe('a plain-text bounce with a few HTML tags in it', () => {
  it('keeps the addresses written in angle brackets', async () => {
    const text = exoSpfBounceText({ senderDomain: 'contoso.example' }).replace('SPF check failed for contoso.example', 'SPF check <b>failed</b> for <i>contoso.example</i>');
    const b = await parseBounce(text);
    expect(b.sender).toBe('ada@contoso.example');
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
  });

  it('read as HTML when the markup starts at the top, keeps them too', async () => {
    const text = `<p>Fwd:</p><p>${exoSpfBounceText({ senderDomain: 'contoso.example' }).split('\n').join('<br>')}</p>`;
    const b = await parseBounce(text);
    expect(b.inputFormat).toBe('html');
    expect(b.sender).toBe('ada@contoso.example');
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
  });

  it("is not read as HTML for the HTML part of the copied original below it: the report's lines stay lines", async () => {
    const text = [
      'Sorry, we were unable to deliver your message to the following address.',
      '',
      '<grace@fabrikam.example>:',
      'Remote host said:',
      '552 5.2.2 <grace@fabrikam.example>... Mailbox Full',
      '[RCPT_TO]',
      '',
      '--- Below this line is a copy of the message.',
      '',
      'From: Ada <ada@contoso.example>',
      'To: grace@fabrikam.example',
      'Subject: Figures',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<html><body><div dir="ltr"><p>See the figures.</p></div></body></html>',
      '--b1--',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.inputFormat).toBe('text');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['grace@fabrikam.example', '5.2.2']]);
  });
});

describe('an address the report labels as the sender', () => {
  it.each(['Afzenderadres:', 'Sender Address:', 'Adresse de l’expéditeur :', '送信者のアドレス:'])('after "%s" is never a failed recipient', async (label) => {
    const b = await parseBounce(
      [
        'Uw bericht aan info@aannemer.example kan niet worden bezorgd.',
        'Statuscode: 550 5.7.23',
        `${label}     planning@contoso.example`,
        'Geadresseerde:     info@aannemer.example',
        'Gerapporteerde fout:     550 5.7.23 The message was rejected because of Sender Policy Framework violation',
        '',
      ].join('\n'),
    );
    expect(b.recipients.map((r) => r.address)).toEqual(['info@aannemer.example']);
  });
});

describe('a bounce typed or pasted through a Japanese or Chinese input method', () => {
  it('reads full-width digits and letters as the code they are', async () => {
    const b = await parseBounce('<ｙａｍａｄａ＠ｅｘａｍｐｌｅ－ｊｐ.example>: host mx.example-jp.example[192.0.2.7] said: ５５０ ５．１．１ Ｕｓｅｒ ｕｎｋｎｏｗｎ（宛先不明）');
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => [r.status, r.replyCode])).toEqual([['5.1.1', '550']]);
  });
});

describe('a report from a mail daemon, without the original headers', () => {
  const report = (to: string): string =>
    `From: Mail Delivery System <MAILER-DAEMON@mx1.fabrikam.example>\nTo: ${to}\nSubject: Undelivered Mail Returned to Sender\n\n<bob@contoso.example>: host mx.contoso.example[198.51.100.10] said: 550 5.7.26 Unauthenticated email is not accepted (in reply to end of DATA command)\n`;

  it('names the sender by its own To: a report goes to the envelope sender', async () => {
    const b = await parseBounce(report('Ada <ada@fabrikam.example>'));
    expect([b.sender, b.senderDomain, b.senderSource]).toEqual(['ada@fabrikam.example', 'fabrikam.example', 'envelope']);
  });

  it('does not when it was sent to several, or by a person who forwarded it', async () => {
    expect((await parseBounce(report('ada@fabrikam.example, it@fabrikam.example'))).senderDomain).toBeUndefined();
    const forwarded = report('bounce-doctor@contoso.example').replace('Mail Delivery System <MAILER-DAEMON@mx1.fabrikam.example>', 'Ada <ada@fabrikam.example>');
    expect((await parseBounce(forwarded)).sender).not.toBe('bounce-doctor@contoso.example');
  });
});

describe('a bounce of a message that itself quoted an NDR', () => {
  // A user forwarded an Exchange NDR to a helpdesk whose server bounced the forward: the report is
  // Postfix's, and the Exchange NDR below is only part of the returned message.
  const text = [
    'This is the mail system at host mx.helpdesk-provider.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients. It\'s attached below.',
    '',
    '<tickets@helpdesk-provider.example>: host ticketing.helpdesk-provider.example[192.0.2.200] said: 552',
    '    5.3.4 Message size exceeds fixed limit (in reply to end of DATA command)',
    '',
    '--- original message follows ---',
    '',
    'From: Sam Patel <s.patel@contoso.example>',
    'To: tickets@helpdesk-provider.example',
    'Subject: FW: Undeliverable: Contract draft',
    '',
    'Can you check why this keeps bouncing?',
    '',
    'Delivery has failed to these recipients or groups:',
    '',
    'legal@client-firm.example',
    '',
    'Diagnostic information for administrators:',
    '',
    'Generating server: CH2PR11MB4421.namprd11.prod.outlook.com',
    '',
    'legal@client-firm.example',
    "Remote Server returned '550 5.1.1 <legal@client-firm.example>: Recipient address rejected: User unknown'",
  ].join('\n');

  it("reads the report's own recipient and reply, not the quoted NDR's", async () => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => [r.address, r.status, r.replyCode])).toEqual([['tickets@helpdesk-provider.example', '5.3.4', '552']]);
    // The report's own writer, never the quoted NDR's Microsoft 365 server.
    expect(b.generatingServer).toBe('mx.helpdesk-provider.example');
    expect(b.microsoft365).toBe(false);
  });

  it('takes the sender from the returned message, not from the NDR quoted in it', async () => {
    const b = await parseBounce(text);
    expect(b.sender).toBe('s.patel@contoso.example');
  });

  it('still reads an Exchange NDR that a person forwarded with a note above it', async () => {
    const b = await parseBounce(['Can you check this one?', '', '-----Original Message-----', ...text.split('\n').slice(16)].join('\n'));
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['legal@client-firm.example', '5.1.1']]);
  });
});

describe("Gmail's report as pasted from the message, with the server's words under a label", () => {
  const report = (gap: string): string =>
    [
      'Delivery incomplete',
      "There was a temporary problem delivering your message to grace@fabrikam.example. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.",
      'LEARN MORE',
      ...(gap ? [''] : []),
      'The response was:',
      'The recipient server did not accept our requests to connect. [mx1.fabrikam.example 192.0.2.25: timed out]',
    ].join('\n');

  it.each([['right under the sentence', ''], ['after a blank line', ' ']])('quotes the server, not Gmail\'s own sentence (%s)', async (_name, gap) => {
    const b = await parseBounce(report(gap));
    expect(b.recipients[0]?.address).toBe('grace@fabrikam.example');
    expect(b.recipients[0]?.diagnostic).toBe('The recipient server did not accept our requests to connect. [mx1.fabrikam.example 192.0.2.25: timed out]');
  });
});

describe("an Exchange Online report forwarded from Outlook, with Outlook's header above it", () => {
  const header = [
    'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.example>',
    'Sent: Monday, November 16, 2026 9:12 AM',
    'To: Ada Lovelace <ada@contoso.example>',
    'Subject: Undeliverable: Quarterly figures',
  ];
  // Exchange's classic layout, without the original message's headers.
  const report = exoNdrText({
    recipient: 'grace@fabrikam.example',
    recipientLine: 'grace@fabrikam.example (grace@fabrikam.example)',
    explanation: "Your message wasn't delivered because the recipient's email provider rejected it.",
    reply: '550 5.7.23 The message was rejected because of Sender Policy Framework violation',
    headers: [],
  })
    .split('\n')
    .slice(0, -4);

  it("names the sender by the report's To: Exchange Online's reports come from its MicrosoftExchange mailbox", async () => {
    const b = await parseBounce([...header, '', ...report].join('\n'));
    expect([b.sender, b.senderDomain]).toEqual(['ada@contoso.example', 'contoso.example']);
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
  });

  it('does so under a note the person wrote above it too', async () => {
    const b = await parseBounce(['Hi team, I keep getting this when I email Fabrikam.', '', 'Can you check?', '', ...header, '', ...report].join('\n'));
    expect([b.sender, b.senderDomain]).toEqual(['ada@contoso.example', 'contoso.example']);
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
    expect(b.recipients[0]?.status).toBe('5.7.23');
  });

  it("never takes the original message's headers in the report for Outlook's header", async () => {
    const b = await parseBounce(
      ['Please look at this one.', '', 'From: Ada Lovelace <ada@contoso.example>', 'To: Grace Hopper <grace@fabrikam.example>', 'Subject: Quarterly figures', '', ...report].join('\n'),
    );
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
    expect(b.recipients[0]?.status).toBe('5.7.23');
  });
});

describe("a server's reply pasted alone, with no enhanced status code", () => {
  it.each([
    ['554 Service unavailable; Client host [203.0.113.9] blocked using Barracuda Reputation; https://www.barracudanetworks.com/reputation/?ip=203.0.113.9', '554', '5.7.1'],
    ['550 Administrative prohibition', '550', '5.7.1'],
    ['554 mx2.fabrikam.example fabrikam 203.0.113.9 found on one or more DNSBLs, see https://postmaster.fabrikam.example/codes#BL000001', '554', '5.7.1'],
    ['451 Internal resource temporarily unavailable', '451', undefined],
    // In the language the server answers in: unknown user, in German, French, Japanese and Traditional Chinese.
    ['550 Benutzer unbekannt', '550', '5.1.1'],
    ['550 Utilisateur inconnu', '550', '5.1.1'],
    ['550 ユーザーが存在しません', '550', '5.1.1'],
    ['550 該帳號不存在', '550', '5.1.1'],
    ['552 メールボックスがいっぱいです', '552', '5.2.2'],
    ['554 Nachricht abgelehnt', '554', undefined],
  ])('reads %j as a bounce with its reply', async (text, replyCode, status) => {
    const b = await parseBounce(text);
    expect(b.kind).toBe('bounce');
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]).toMatchObject({ replyCode, diagnostic: text });
    expect(b.recipients[0]?.status).toBe(status);
  });

  it("takes RFC 5321's 551 'please try <b@y>' for where the recipient moved to, not for the recipient", async () => {
    const b = await parseBounce('551 User not local; please try <kim@northwind.example>');
    expect(b.kind).toBe('bounce');
    expect(b.recipients).toEqual([expect.objectContaining({ replyCode: '551' })]);
    expect(b.recipients[0]?.address).toBeUndefined();
  });

  it('leaves a chat message that only opens with a number alone', async () => {
    for (const text of ['550 people signed up for the webinar', '421 new tickets this week, most of them printers']) {
      expect((await parseBounce(text)).kind).toBe('ordinary-message');
    }
  });
});

describe('a reply that quotes the recipient as the sender wrote it, no address at all (X.1.3)', () => {
  it('names the recipient by that text', async () => {
    const b = await parseBounce('553 5.1.3 The recipient address <kim@fabrikam> is not a valid RFC-5321 address. Learn more at https://support.google.com/mail/answer/6596 - gsmtp');
    expect(b.kind).toBe('bounce');
    expect(b.recipients).toEqual([expect.objectContaining({ name: 'kim@fabrikam', status: '5.1.3' })]);
    expect(b.recipients[0]?.address).toBeUndefined();
  });

  it('leaves an address that is one to the address readers, and a sender named the same way unnamed', async () => {
    const wellFormed = await parseBounce('553 5.1.3 The recipient address <kim@fabrikam.example> is not a valid RFC-5321 address.');
    expect(wellFormed.recipients[0]).toMatchObject({ address: 'kim@fabrikam.example' });
    const sender = await parseBounce('553 5.1.3 <ada@contoso>: Sender address rejected: need fully-qualified address');
    expect(sender.recipients[0]?.name).toBeUndefined();
  });
});

describe("the top of Exchange Online's report alone, down to its owner bar", () => {
  it("reads a destination that refused every connection as Exchange's 5.4.316, a final failure", async () => {
    const b = await parseBounce(
      [
        "Your message to kim@fabrikam.example couldn't be delivered.",
        "Despite repeated attempts to deliver your message, the recipient's email system refused to accept a connection from your email system.",
        'Ada        Office 365        fabrikam.example',
        'Action Required                Recipient',
      ].join('\n'),
    );
    expect(b.recipients[0]).toMatchObject({ address: 'kim@fabrikam.example', status: '5.4.316', statusInferred: true });
  });

  it('reads a failed SPF check in its words as 5.7.23', async () => {
    const b = await parseBounce(
      [
        "Your message to kim@fabrikam.example couldn't be delivered.",
        "The recipient's email system rejected your message because it failed the sender's SPF check.",
        'Ada        Office 365        fabrikam.example',
        'Sender                Action Required',
        'SPF validation error',
      ].join('\n'),
    );
    expect(b.kind).toBe('bounce');
    expect(b.recipients[0]).toMatchObject({ address: 'kim@fabrikam.example', status: '5.7.23', statusInferred: true });
  });
});

describe("Outlook's send error, pasted", () => {
  it('takes the account it names for the sender, never for a recipient', async () => {
    const b = await parseBounce(
      "Task 'ada@contoso.example - Sending' reported error (0x800CCC69) : 'The server responded with an error. Account: 'ada@contoso.example', Server: 'smtp.contoso.example', Protocol: SMTP, Server Response: '550 5.7.60 SMTP; Client does not have permissions to send as this sender', Port: 587, Secure(SSL): No, Server Error: 550, Error Number: 0x800CCC69'",
    );
    expect(b.kind).toBe('bounce');
    expect(b.sender).toBe('ada@contoso.example');
    expect(b.recipients.map((r) => r.address)).not.toContain('ada@contoso.example');
    expect(b.recipients[0]?.status).toBe('5.7.60');
  });

  it('still takes the recipient the server names in its reply', async () => {
    const b = await parseBounce(
      "Task 'ada@contoso.example - Sending' reported error (0x800CCC78) : 'Cannot send the message. Verify the email address in your account properties.  The server responded: 554 5.7.1 <kim@fabrikam.example>: Relay access denied'",
    );
    expect(b.sender).toBe('ada@contoso.example');
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'kim@fabrikam.example', status: '5.7.1' })]);
  });
});

describe('a bounce a person forwarded or replied to, as a mail program quotes it', () => {
  const postfix = [
    'This is the mail system at host mail.contoso.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients.',
    '',
    '<grace@fabrikam.example>: host mx1.fabrikam.example[192.0.2.25] said: 550 5.1.1',
    '    <grace@fabrikam.example>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
    '',
    'Reporting-MTA: dns; mail.contoso.example',
    'X-Postfix-Sender: rfc822; ada@contoso.example',
    '',
    'Final-Recipient: rfc822; grace@fabrikam.example',
    'Action: failed',
    'Status: 5.1.1',
  ];
  const forwardHeader = [
    '-----Original Message-----',
    'From: Mail Delivery System <MAILER-DAEMON@mail.contoso.example>',
    'Sent: Tuesday, December 1, 2026 9:14 AM',
    'To: ada@contoso.example',
    'Subject: Undelivered Mail Returned to Sender',
  ];

  it('reads every line marked "> " as the report\'s own: its recipient, code and sender', async () => {
    const b = await parseBounce(['Can you look at this?', '', ...postfix.map((l) => `> ${l}`)].join('\n'));
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['grace@fabrikam.example', '5.1.1']]);
    expect(b.sender).toBe('ada@contoso.example');
  });

  it("never names the mail daemon of the report's own copied header as the sender: the report went to the sender", async () => {
    const body = postfix.filter((l) => !l.startsWith('X-Postfix-Sender'));
    const b = await parseBounce(['Hi team, I keep getting this.', '', ...forwardHeader, '', ...body].join('\n'));
    expect([b.sender, b.senderDomain]).toEqual(['ada@contoso.example', 'contoso.example']);
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
  });

  it("leaves a report's own lines that start with '>' as they are (Sendmail's transcript, guard)", async () => {
    const b = await parseBounce(
      [
        '   ----- The following addresses had permanent fatal errors -----',
        '<grace@fabrikam.example>',
        '    (reason: 550 5.1.1 <grace@fabrikam.example>... User unknown)',
        '',
        '   ----- Transcript of session follows -----',
        '... while talking to mx1.fabrikam.example.:',
        '>>> DATA',
        '<<< 550 5.1.1 <grace@fabrikam.example>... User unknown',
        '550 5.1.1 <grace@fabrikam.example>... User unknown',
        '<<< 503 5.0.0 Need RCPT (recipient)',
      ].join('\n'),
    );
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['grace@fabrikam.example', '5.1.1']]);
    expect(b.recipients[0]?.diagnostic).toContain('User unknown');
  });
});
