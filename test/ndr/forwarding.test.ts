/**
 * Forwarded and expanded recipients: the bounce names the final address that failed and the one the
 * sender wrote. Both are kept; the person asking knows the original.
 */
import { parseBounce } from '../../bot/ndr';
import { bytesOf, multipartReport } from './eml';

describe('forwarding chains', () => {
  it.each([
    [
      'Sendmail (expanded from:)',
      ['   ----- The following addresses had permanent fatal errors -----', 'per.olsen@mail.fabrikam.example', '    (expanded from: per@fabrikam.example)', '', '   ----- Transcript of session follows -----', '554 5.4.6 Too many hops 26 (25 max)'],
      'per.olsen@mail.fabrikam.example',
      'per@fabrikam.example',
      '5.4.6',
    ],
    [
      'Postfix (folded "expanded from")',
      [
        'This is the mail system at host relay.fabrikam.example.',
        '',
        '<per.olsen@mail.fabrikam.example> (expanded from',
        '    <per@fabrikam.example>): host mail.fabrikam.example[198.51.100.9] said: 552 5.2.2',
        '    Quota exceeded (in reply to RCPT TO command)',
      ],
      'per.olsen@mail.fabrikam.example',
      'per@fabrikam.example',
      '5.2.2',
    ],
    [
      'Postfix ("expanded from" on the recipient\'s own line, with its reply)',
      [
        'This is the mail system at host relay.fabrikam.example.',
        '',
        '<per.olsen@mail.fabrikam.example> (expanded from <per@fabrikam.example>): host mail.fabrikam.example[198.51.100.9] said: 550 5.1.1 User unknown (in reply to RCPT TO command)',
      ],
      'per.olsen@mail.fabrikam.example',
      'per@fabrikam.example',
      '5.1.1',
    ],
    [
      'Exim (generated from)',
      [
        'A message that you sent could not be delivered to one or more of its',
        'recipients. This is a permanent error. The following address(es) failed:',
        '',
        '  per.olsen@mail.fabrikam.example',
        '    (generated from per@fabrikam.example)',
        '    SMTP error from remote mail server after RCPT TO:<per.olsen@mail.fabrikam.example>:',
        '    550 5.1.1 User unknown',
      ],
      'per.olsen@mail.fabrikam.example',
      'per@fabrikam.example',
      '5.1.1',
    ],
  ])('%s: keeps the final and the original address', async (_name, lines, address, original, status) => {
    const b = await parseBounce(lines.join('\n'));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]).toMatchObject({ address, originalAddress: original, status });
  });

  it('keeps the next recipient after a Postfix line with "expanded from" and its reply', async () => {
    const b = await parseBounce(
      [
        'This is the mail system at host relay.fabrikam.example.',
        '',
        '<grace@fabrikam.example> (expanded from <sales@contoso.example>): host mx1.fabrikam.example[203.0.113.25] said: 550 5.1.1 User unknown (in reply to RCPT TO command)',
        '',
        '<lin@fabrikam.example>: host mx1.fabrikam.example[203.0.113.25] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)',
      ].join('\n'),
    );
    expect(b.recipients.map((r) => [r.address, r.originalAddress, r.status])).toEqual([
      ['grace@fabrikam.example', 'sales@contoso.example', '5.1.1'],
      ['lin@fabrikam.example', undefined, '5.2.2'],
    ]);
  });

  it('reads Original-Recipient in a DSN as the original address', async () => {
    const dsn = ['Final-Recipient: rfc822; per.olsen@mail.fabrikam.example', 'Original-Recipient: rfc822; per@fabrikam.example', 'Action: failed', 'Status: 5.1.1'].join('\n');
    const b = await parseBounce(dsn);
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'per.olsen@mail.fabrikam.example', originalAddress: 'per@fabrikam.example', status: '5.1.1' })]);
  });

  it('does not count the original address as a second failed recipient', async () => {
    const text = [
      'Final-Recipient: rfc822; per.olsen@mail.fabrikam.example',
      'Original-Recipient: rfc822; per@fabrikam.example',
      'Action: failed',
      'Status: 5.2.2',
      '',
      '<per@fabrikam.example>: 552 5.2.2 Quota exceeded',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => [r.address, r.originalAddress])).toEqual([['per.olsen@mail.fabrikam.example', 'per@fabrikam.example']]);
  });

  it('takes the original address when the final one is a local user only ("Originally addressed to")', async () => {
    const text = ['Your message has encountered delivery problems', 'to local user pero.', '(Originally addressed to pero@fabrikam.example)', '', 'User not known'].join('\n');
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]).toMatchObject({ address: 'pero@fabrikam.example', status: '5.1.1' });
  });

  it('takes the original address when the final one is undisclosed (Exim)', async () => {
    const text = [
      'A message that you sent could not be delivered to one or more of its',
      'recipients. This is a permanent error. The following address(es) failed:',
      '',
      '  an undisclosed address',
      '    (generated from per@fabrikam.example)',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => r.address)).toEqual(['per@fabrikam.example']);
  });
});

// Sendmail's DSN names the alias the sender wrote in Final-Recipient and the address it expanded to in
// X-Actual-Recipient; its text lists the expanded address "(expanded from: <alias>)" and its transcript
// quotes it. One failure: reported as the Final-Recipient (the expanded address has no field of its own).
describe("Sendmail's X-Actual-Recipient", () => {
  const headers = [
    'From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.com>',
    'To: <sender@contoso.example>',
    'Subject: Returned mail: see transcript for details',
    'Date: Mon, 03 Feb 2025 10:00:00 +0100',
  ];
  const human = (listed: string[], transcript: string[]): string =>
    [
      'The original message was received at Mon, 3 Feb 2025 09:59:58 +0100',
      'from mail.contoso.example [192.0.2.10]',
      '',
      '   ----- The following addresses had permanent fatal errors -----',
      ...listed,
      '',
      '   ----- Transcript of session follows -----',
      ...transcript,
    ].join('\r\n');
  const userUnknown = [
    '... while talking to mailhost.example.com.:',
    '>>> RCPT To:<person@mailhost.example.com>',
    '<<< 550 5.1.1 <person@mailhost.example.com>... User unknown',
    '550 5.1.1 <person@mailhost.example.com>... User unknown',
  ];
  const dsn = (recipientFields: string[], status = '5.1.1', diagnostic = 'SMTP; 550 5.1.1 <person@mailhost.example.com>... User unknown'): string =>
    [
      'Reporting-MTA: dns; relay.example.com',
      'Arrival-Date: Mon, 3 Feb 2025 09:59:58 +0100',
      '',
      ...recipientFields,
      'Action: failed',
      `Status: ${status}`,
      'Remote-MTA: DNS; mailhost.example.com',
      `Diagnostic-Code: ${diagnostic}`,
    ].join('\r\n');
  const report = (text: string, status: string): Uint8Array =>
    bytesOf(multipartReport(headers, [{ type: 'text/plain', body: text }, { type: 'message/delivery-status', body: status }]));
  const aliasFields = ['Final-Recipient: RFC822; alias@example.com', 'X-Actual-Recipient: RFC822; person@mailhost.example.com'];

  it.each([
    ['the text lists the expanded address', ['person@mailhost.example.com', '    (reason: 550 5.1.1 <person@mailhost.example.com>... User unknown)', '    (expanded from: <alias@example.com>)']],
    ['the text lists the alias', ['<alias@example.com>', '    (reason: 550 5.1.1 <person@mailhost.example.com>... User unknown)', '    (expanded from: <alias@example.com>)']],
    ['the alias is a local name', ['person@mailhost.example.com', '    (reason: 550 5.1.1 <person@mailhost.example.com>... User unknown)', '    (expanded from: alias)']],
  ])('one failure, not two recipients, when %s', async (_name, listed) => {
    const b = await parseBounce(report(human(listed, userUnknown), dsn(aliasFields)), { filename: 'returned.eml' });
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'alias@example.com', status: '5.1.1', replyCode: '550' })]);
    expect(b.recipients[0]?.originalAddress).toBeUndefined();
  });

  it('keeps X-Actual-Recipient in its group when it comes before Final-Recipient', async () => {
    const b = await parseBounce(report(human(['<alias@example.com>'], userUnknown), dsn([...aliasFields].reverse())), { filename: 'returned.eml' });
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['alias@example.com', '5.1.1']]);
  });

  it('keeps each recipient of a DSN whose groups all carry X-Actual-Recipient', async () => {
    const dana = ['', 'Final-Recipient: RFC822; dana@contoso.example', 'X-Actual-Recipient: RFC822; dana@contoso.example', 'Action: failed', 'Status: 5.2.2'];
    const fields = `${dsn(aliasFields)}\r\n${dana.join('\r\n')}`;
    const b = await parseBounce(report(human(['<alias@example.com>', '<dana@contoso.example>', '    (reason: 552 5.2.2 Mailbox full)'], userUnknown), fields), { filename: 'returned.eml' });
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([
      ['alias@example.com', '5.1.1'],
      ['dana@contoso.example', '5.2.2'],
    ]);
  });

  it('keeps the expanded address apart when the DSN reports it in a group of its own', async () => {
    const text = [...aliasFields, 'Action: failed', 'Status: 5.1.1', '', 'Final-Recipient: RFC822; person@mailhost.example.com', 'Action: failed', 'Status: 5.2.2'].join('\n');
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([
      ['alias@example.com', '5.1.1'],
      ['person@mailhost.example.com', '5.2.2'],
    ]);
  });

  it.each([
    ['X-Unix; |/usr/local/bin/procmail -Y -a $EXTENSION', '"|/usr/local/bin/procmail -Y -a $EXTENSION"'],
    ['X-Unix; |/usr/bin/procmail -f- -a person@mailhost.example.com', '"|/usr/bin/procmail -f- -a person@mailhost.example.com"'],
    ['RFC822; |exec /usr/bin/procmail -f- #person@mailhost.example.com', '"|exec /usr/bin/procmail -f- #person"'],
  ])('a delivery to a program (%s) is the alias failing, never an address read from the command', async (actual, listed) => {
    const text = human([listed, '    (expanded from: <alias@example.com>)'], [`554 5.3.0 ${listed}... unknown mailer error 73`]);
    const b = await parseBounce(report(text, dsn(['Final-Recipient: RFC822; alias@example.com', `X-Actual-Recipient: ${actual}`], '5.3.0', 'X-Unix; 73')), { filename: 'returned.eml' });
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['alias@example.com', '5.3.0']]);
  });

  it('reads no address out of a program named before the Final-Recipient', async () => {
    const fields = ['X-Actual-Recipient: X-Unix; |/usr/bin/procmail -f- -a person@mailhost.example.com', 'Final-Recipient: RFC822; alias@example.com'];
    const b = await parseBounce(report(human(['<alias@example.com>'], ['554 5.3.0 unknown mailer error 73']), dsn(fields, '5.3.0', 'X-Unix; 73')), { filename: 'returned.eml' });
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['alias@example.com', '5.3.0']]);
  });

  it('reads no address out of a program named as the Final-Recipient', async () => {
    const b = await parseBounce(['Final-Recipient: RFC822; |/usr/bin/procmail -a person@mailhost.example.com', 'Action: failed', 'Status: 5.3.0'].join('\n'));
    expect(b.recipients.some((r) => r.address)).toBe(false);
  });
});
