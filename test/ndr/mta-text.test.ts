/**
 * Bounce wording of the common MTAs, as a support engineer would paste it (text only, no DSN part).
 * The samples are written for these tests in each MTA's layout; addresses and hosts are invented.
 */
import { parseBounce } from '../../bot/ndr';
import { postfixDelayOpening, postfixGaveUpOpening } from '../helpers/bounces';
import { bytesOf, DAEMON_HEADERS, multipartReport } from './eml';

const samples: { mta: string; text: string; address: string; status?: string; replyCode?: string; remoteMta?: string; diagnostic?: RegExp }[] = [
  {
    mta: 'Postfix',
    text: [
      'This is the mail system at host relay.fabrikam.example.',
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      '<kari@contoso.example>: host mx1.contoso.example[192.0.2.20] said: 550 5.7.26',
      '    Unauthenticated mail from fabrikam.example is not accepted due to the',
      "    domain's DMARC policy (in reply to end of DATA command)",
    ].join('\n'),
    address: 'kari@contoso.example',
    status: '5.7.26',
    replyCode: '550',
    remoteMta: 'mx1.contoso.example',
    diagnostic: /DMARC policy/,
  },
  {
    // Postfix folds a long reply at a space; when that space follows the code, the code ends its line.
    mta: 'Postfix (reply folded right after the code)',
    text: [
      'This is the mail system at host relay.fabrikam.example.',
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      '<kari@contoso.example>: host mx1.contoso.example[192.0.2.20] said: 550',
      '    5.2.0 Mailbox unavailable or access denied for this recipient (in reply to',
      '    RCPT TO command)',
    ].join('\n'),
    address: 'kari@contoso.example',
    status: '5.2.0',
    replyCode: '550',
    remoteMta: 'mx1.contoso.example',
    diagnostic: /^550 5\.2\.0 Mailbox unavailable .*\(in reply to RCPT TO command\)$/,
  },
  {
    mta: 'Postfix (folded after a bare code)',
    text: [
      'This is the mail system at host relay.fabrikam.example.',
      '',
      '<kari@contoso.example>: host',
      '    mx1.contoso.example[192.0.2.20] said: 550',
      '    <kari@contoso.example>: User unknown (in reply to RCPT TO command)',
    ].join('\n'),
    address: 'kari@contoso.example',
    // No enhanced code: the status is inferred from "User unknown".
    status: '5.1.1',
    replyCode: '550',
    diagnostic: /User unknown/,
  },
  {
    mta: 'Exim',
    text: [
      'This message was created automatically by mail delivery software.',
      '',
      'A message that you sent could not be delivered to one or more of its',
      'recipients. This is a permanent error. The following address(es) failed:',
      '',
      '  ola@contoso.example',
      '    host mx.contoso.example [198.51.100.4]',
      '    SMTP error from remote mail server after RCPT TO:<ola@contoso.example>:',
      '    550 5.1.1 <ola@contoso.example>: mailbox unavailable',
    ].join('\n'),
    address: 'ola@contoso.example',
    status: '5.1.1',
    replyCode: '550',
    remoteMta: 'mx.contoso.example',
  },
  {
    mta: 'Sendmail',
    text: [
      'The original message was received at Tue, 4 Feb 2025 11:02:03 +0900',
      'from client.fabrikam.example [192.0.2.99]',
      '',
      '   ----- The following addresses had permanent fatal errors -----',
      '<per@contoso.example>',
      '    (reason: 552 5.2.2 Mailbox full)',
      '',
      '   ----- Transcript of session follows -----',
      '... while talking to mail.contoso.example.:',
      '>>> RCPT To:<per@contoso.example>',
      '<<< 552 5.2.2 Mailbox full',
      '554 5.0.0 Service unavailable',
    ].join('\n'),
    address: 'per@contoso.example',
    status: '5.2.2',
    replyCode: '552',
    remoteMta: 'mail.contoso.example',
  },
  {
    mta: 'qmail',
    text: [
      'Hi. This is the qmail-send program at mail.fabrikam.example.',
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      '',
      '<lena@contoso.example>:',
      '198.51.100.7 does not like recipient.',
      'Remote host said: 550 No such user here',
      'Giving up on 198.51.100.7.',
    ].join('\n'),
    address: 'lena@contoso.example',
    status: '5.1.1',
    replyCode: '550',
    diagnostic: /No such user here/,
  },
  {
    mta: 'Gmail',
    text: [
      '** Message not delivered **',
      '',
      "Your message wasn't delivered to nils@contoso.example because the remote server rejected it.",
      '',
      'The response from the remote server was:',
      '550 5.7.1 [203.0.113.50] Message rejected by the recipient domain policy',
    ].join('\n'),
    address: 'nils@contoso.example',
    status: '5.7.1',
    replyCode: '550',
  },
  {
    mta: 'Yahoo',
    text: [
      'Sorry, we were unable to deliver your message to the following address.',
      '',
      '<anja@contoso.example>:',
      'Remote host said: 554 5.7.9 Message not accepted for policy reasons [RCPT_TO]',
    ].join('\n'),
    address: 'anja@contoso.example',
    status: '5.7.9',
    replyCode: '554',
  },
  {
    mta: 'OpenSMTPD',
    text: [
      '    Hi!',
      '',
      '    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.',
      '',
      '    An error has occurred while attempting to deliver a message for',
      '    the following list of recipients:',
      '',
      'rolf@contoso.example: 550 5.1.1 recipient rejected',
    ].join('\n'),
    address: 'rolf@contoso.example',
    status: '5.1.1',
    replyCode: '550',
  },
  {
    mta: 'Exchange 2010 (#…## form)',
    text: [
      'Delivery has failed to these recipients or groups:',
      '',
      'sven@contoso.example',
      'The e-mail address you entered could not be found.',
      '',
      'Diagnostic information for administrators:',
      '',
      'Generating server: EXCH01.contoso.example',
      '',
      'sven@contoso.example',
      '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
    ].join('\n'),
    address: 'sven@contoso.example',
    status: '5.1.1',
    replyCode: '550',
    diagnostic: /^550 5\.1\.1 RESOLVER\.ADR\.RecipNotFound; not found$/,
  },
  {
    mta: 'Amazon SES notification (JSON)',
    text: JSON.stringify({
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bouncedRecipients: [{ emailAddress: 'tove@contoso.example', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
        reportingMTA: 'dsn; a1-2.smtp-out.eu-west-1.amazonses.com',
      },
      mail: { source: 'billing@fabrikam.example', messageId: '0102abc', commonHeaders: { subject: 'Invoice' } },
    }),
    address: 'tove@contoso.example',
    status: '5.1.1',
    replyCode: '550',
  },
  {
    // 1&1 (Exim-based) puts the reason in a paragraph of its own under a label: no reply, no code.
    mta: '1&1, the reason under "For the following reason:"',
    text: [
      'This message was created automatically by mail delivery software.',
      '',
      'A message that you sent could not be delivered to one or more of',
      'its recipients. This is a permanent error.',
      '',
      'The following address failed:',
      '',
      'kari@contoso.example',
      '',
      'For the following reason:',
      '',
      'Mailbox quota exceeded. The recipient cannot receive',
      'mail until they delete some of it.',
      '',
      '--- The header of the original message is following. ---',
    ].join('\n'),
    address: 'kari@contoso.example',
    // Inferred from the words: the report gives no code.
    status: '5.2.2',
    diagnostic: /^Mailbox quota exceeded\. The recipient cannot receive mail until they delete some of it\.$/,
  },
];

describe.each(samples)('$mta', (s) => {
  it('reads the failed recipient, the codes and the server', async () => {
    const b = await parseBounce(s.text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    const r = b.recipients[0]!;
    expect(r.address).toBe(s.address);
    expect(r.status).toBe(s.status);
    expect(r.replyCode).toBe(s.replyCode);
    if (s.remoteMta) expect(r.remoteMta).toBe(s.remoteMta);
    if (s.diagnostic) expect(r.diagnostic).toMatch(s.diagnostic);
  });
});

describe('sending IP in the remote reply', () => {
  it.each([
    ['bracketed', '550 5.7.1 Client host [203.0.113.5] blocked using SPF', '203.0.113.5'],
    ['labelled', '550 5.7.23 SPF fail: message sent with ip: [198.51.100.6] is not allowed', '198.51.100.6'],
    ['"sender IP is"', '550 5.7.1 Rejected: sender IP is 192.0.2.200 which fails SPF', '192.0.2.200'],
    ['IPv6', '550 5.7.26 Unauthenticated email from [2001:db8::25] is not accepted', '2001:db8::25'],
  ])('%s', async (_name, reply, ip) => {
    const b = await parseBounce(`<kari@contoso.example>: host mx.contoso.example said: ${reply}`);
    expect(b.sendingIp).toBe(ip);
    expect(b.sendingIpSource).toBe('remote-reply');
  });

  it('ignores private and loopback addresses', async () => {
    const b = await parseBounce('<kari@contoso.example>: host mx.contoso.example[10.0.0.5] said: 550 5.7.1 Client host [127.0.0.1] rejected');
    expect(b.sendingIp).toBeUndefined();
  });
});

describe('a delivery-status part pasted under the report', () => {
  it('keeps its fields out of the remote server’s words', async () => {
    const text = [
      ...postfixGaveUpOpening('mail.contoso.example'),
      '',
      '<grace@fabrikam.example>: host mx.fabrikam.example[192.0.2.25] said: 552 1 Requested mail action aborted, mailbox not found (in reply to RCPT TO command)',
      '',
      'Reporting-MTA: dns; mail.contoso.example',
      '',
      'Final-Recipient: rfc822; grace@fabrikam.example',
      'Action: failed',
      'Status: 5.0.0',
      'Remote-MTA: dns; mx.fabrikam.example',
      'Diagnostic-Code: smtp; 552 1 Requested mail action aborted, mailbox not found',
    ].join('\n');
    const [r] = (await parseBounce(text)).recipients;
    expect(r?.diagnostic).toBe('552 1 Requested mail action aborted, mailbox not found');
    expect(r?.diagnostic).not.toMatch(/Remote-MTA|Diagnostic-Code/);
  });
});

describe("Sendmail's note on the alias under the reason", () => {
  it('is not part of the remote server’s words', async () => {
    const text = [
      '----- The following addresses had permanent fatal errors -----',
      '<person@mailhost.example.com>',
      '    (reason: 550 5.1.1 <person@mailhost.example.com>... User unknown)',
      '    (expanded from: <alias@example.com>)',
    ].join('\n');
    const [r] = (await parseBounce(text)).recipients;
    expect(r).toMatchObject({ address: 'person@mailhost.example.com', originalAddress: 'alias@example.com', status: '5.1.1' });
    expect(r?.diagnostic).toBe('550 5.1.1 <person@mailhost.example.com>... User unknown');
  });
});

describe("Postfix's own words for a recipient, wrapped onto a second line", () => {
  it('keeps the closing bracket of the host they end with', async () => {
    const b = await parseBounce(
      [
        ...postfixDelayOpening('mail.contoso.example'),
        '',
        '<grace@fabrikam.example>: TLS is required, but was not offered by host',
        '    mx1.fabrikam.example[192.0.2.25]',
      ].join('\n'),
    );
    expect(b.recipients[0]?.diagnostic).toBe('TLS is required, but was not offered by host mx1.fabrikam.example[192.0.2.25]');
  });
});

describe("a report's words for a recipient, between the recipient and the report's next rule", () => {
  it('quotes the words alone: not the dots before them, nor the rule that starts the copy of the message', async () => {
    const b = await parseBounce(
      [
        'From: Mail Delivery Subsystem <MAILER-DAEMON@mx1.contoso.example>',
        'To: ada@contoso.example',
        'Subject: mail failed, returning to sender',
        '',
        '|------------------------- Message log follows: -------------------------|',
        ' no valid recipients were found for this message',
        '|------------------------- Failed addresses follow: ---------------------|',
        ' grace@fabrikam.example ... unknown host',
        '|------------------------- Message text follows: ------------------------|',
        'Subject: Quarterly figures',
      ].join('\n'),
    );
    expect(b.recipients.map((r) => [r.address, r.diagnostic])).toEqual([['grace@fabrikam.example', 'unknown host']]);
  });
});

describe('an antivirus banner under a report that gives no reason', () => {
  it('is not the recipient’s words: past the rule that opens it, its paragraph reads as no reason (so no details to read)', async () => {
    const b = await parseBounce(
      [
        'This is an automatically generated Delivery Status Notification.',
        '',
        'Delivery to the following recipients failed.',
        '',
        '       kari@contoso.example',
        '',
        '',
        '',
        '__________ Antivirus information, version 1.1856 (20061106) __________',
        '',
        'This message was checked by the antivirus system',
        'http://antivirus.example',
      ].join('\n'),
    );
    // Read as the recipient's words, the banner would make this a bounce with a reason; the heading above the
    // address is none either, so the report's details are what is missing.
    expect(b.kind).toBe('bounce-without-details');
  });
});

describe("CommuniGate Pro's report: the address quoted and bracketed, the reason on the next line", () => {
  it('reads the recipient with the reason as its words', async () => {
    const eml = multipartReport(DAEMON_HEADERS, [
      { type: 'text/plain; charset="utf-8"', body: ["Failed to deliver to '<kari@contoso.example>'", 'Messages without To: fields are not accepted here'].join('\r\n') },
      { type: 'message/delivery-status', body: ['Reporting-MTA: dns; mx.fabrikam.example', '', 'Original-Recipient: rfc822;<kari@contoso.example>', 'Final-Recipient: system;<>', 'Action: failed', 'Status: 5.0.0'].join('\r\n') },
    ]);
    const b = await parseBounce(bytesOf(eml));
    expect(b.recipients.map((r) => [r.address, r.status, r.diagnostic])).toEqual([['kari@contoso.example', '5.0.0', 'Messages without To: fields are not accepted here']]);
  });
});

describe("an address at the start of a server's reply wrapped over indented lines", () => {
  it("continues Postfix's reply: the sender's address there is no second recipient", async () => {
    const b = await parseBounce(
      [
        'This is the mail system at host relay.contoso.example.',
        '',
        "I'm sorry to have to inform you that your message could not",
        'be delivered to one or more recipients.',
        '',
        '<grace@fabrikam.example>: host mx.fabrikam.example[192.0.2.25] said: 553',
        '    5.1.8 <ada@contoso.example>... Domain of sender address',
        '    ada@contoso.example does not exist (in reply to MAIL FROM',
        '    command)',
      ].join('\n'),
    );
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
    expect(b.recipients[0]?.diagnostic).toBe('553 5.1.8 <ada@contoso.example>... Domain of sender address ada@contoso.example does not exist (in reply to MAIL FROM command)');
  });

  it("but Exim's next recipient, less indented than the reply above it, is one (guard)", async () => {
    const b = await parseBounce(
      [
        'This message was created automatically by mail delivery software.',
        '',
        'A message that you sent could not be delivered to one or more of its',
        'recipients. This is a permanent error. The following address(es) failed:',
        '',
        '  grace@fabrikam.example',
        '    host mx.fabrikam.example [192.0.2.25]',
        '    SMTP error from remote mail server after RCPT TO:<grace@fabrikam.example>:',
        '    550 5.1.1 <grace@fabrikam.example>... User Unknown',
        '  kim@fabrikam.example',
        '    host mx.fabrikam.example [192.0.2.25]',
        '    SMTP error from remote mail server after RCPT TO:<kim@fabrikam.example>:',
        '    552 5.2.2 <kim@fabrikam.example>... Mailbox Full',
      ].join('\n'),
    );
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([
      ['grace@fabrikam.example', '5.1.1'],
      ['kim@fabrikam.example', '5.2.2'],
    ]);
  });
});

describe('reports that say little more than the recipient and the reason, pasted alone', () => {
  it.each([
    ["CommuniGate Pro's", "Failed to deliver to '<kim@fabrikam.example>'\nLOCAL module(account kim) reports:\n account is full (quota exceeded)\n"],
    ["IMail's", 'User mailbox exceeds allowed size: kim@fabrikam.example\n\n\nOriginal message follows.\n\nFrom: ada@contoso.example\nSubject: Figures\n\nHello'],
  ])('%s reads as a full mailbox', async (_name, text) => {
    const b = await parseBounce(text);
    expect(b.kind).toBe('bounce');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['kim@fabrikam.example', '5.2.2']]);
  });

  it("a gateway's banner below a rule of underscores is no recipient's reason", async () => {
    const b = await parseBounce(
      [
        'This is an automatically generated Delivery Status Notification.',
        '',
        'Delivery to the following recipients failed.',
        '',
        '       kim@fabrikam.example',
        '',
        '________________________________________________________________________',
        '**** This email has come from the internet and has been scanned for all viruses and potentially offensive content by a mail gateway ****',
      ].join('\n'),
    );
    // Read as the reason, the banner's "viruses" said the content was refused.
    expect(b.kind).toBe('bounce-without-details');
  });
});

it("a temporary code from an earlier attempt in Sendmail's transcript is not a permanent refusal's status", async () => {
  const b = await parseBounce(
    [
      'The original message was received at Tue, 1 Dec 2026 09:14:00 +0100',
      'from localhost [127.0.0.1]',
      '',
      '   ----- The following addresses had permanent fatal errors -----',
      '<kim@fabrikam.example>',
      '    (reason: 554 Sorry, your message to kim@fabrikam.example cannot be delivered. This account has been disabled.)',
      '',
      '   ----- Transcript of session follows -----',
      '451 4.4.1 reply: read error from mx2.fabrikam.example.',
      '... while talking to mx1.fabrikam.example.:',
      '>>> DATA',
      '<<< 554 Sorry, your message to kim@fabrikam.example cannot be delivered. This account has been disabled.',
    ].join('\n'),
  );
  expect(b.recipients.map((r) => [r.address, r.replyCode, r.status])).toEqual([['kim@fabrikam.example', '554', '5.2.1']]);
});

