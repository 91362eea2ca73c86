/**
 * Forwarded and expanded recipients: the bounce names the final address that failed and the one the
 * sender wrote. Both are kept; the person asking knows the original.
 */
import { parseBounce } from '../../bot/ndr';

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
