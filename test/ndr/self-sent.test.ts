/**
 * A test message sent to yourself: the original sender is also the failed recipient. The parser must
 * keep both, since that is exactly the case a support engineer asks about.
 */
import { parseBounce } from '../../bot/ndr';
import { bytesOf, multipartReport } from './eml';

const POSTFIX_TEXT = [
  'This is the mail system at host relay.godwit.example.',
  '',
  "I'm sorry to have to inform you that your message could not",
  'be delivered to one or more recipients.',
  '',
  '<ada@godwit.example>: host mx1.filter.example[198.51.100.20] said: 550 5.7.23',
  '    SPF validation failed for godwit.example (in reply to end of DATA command)',
  '',
];

const ORIGINAL = ['Return-Path: <ada@godwit.example>', 'From: Ada <ada@godwit.example>', 'To: Ada <ada@godwit.example>', 'Subject: SPF test', 'Message-ID: <t1@godwit.example>'];

describe('a test sent to yourself', () => {
  it('keeps the recipient and the sender when the report is text with the original below it', async () => {
    const b = await parseBounce([...POSTFIX_TEXT, '--- Below this line is a copy of the message.', '', ...ORIGINAL, '', 'test'].join('\n'));
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['ada@godwit.example', '5.7.23']]);
    expect(b.sender).toBe('ada@godwit.example');
    expect(b.senderDomain).toBe('godwit.example');
  });

  it('keeps both when a DSN names the sender as the failed recipient', async () => {
    const eml = multipartReport(
      ['From: MAILER-DAEMON@relay.godwit.example', 'To: ada@godwit.example', 'Subject: Undelivered Mail Returned to Sender'],
      [
        { type: 'text/plain', body: POSTFIX_TEXT.join('\r\n') },
        {
          type: 'message/delivery-status',
          body: ['Reporting-MTA: dns; relay.godwit.example', 'X-Postfix-Sender: rfc822; ada@godwit.example', '', 'Final-Recipient: rfc822; ada@godwit.example', 'Action: failed', 'Status: 5.7.23', 'Diagnostic-Code: smtp; 550 5.7.23 SPF validation failed for godwit.example'].join('\r\n'),
        },
        { type: 'text/rfc822-headers', body: ['From: Ada <ada@godwit.example>', 'To: grace@fabrikam.example', 'Bcc: ada@godwit.example', 'Subject: SPF test'].join('\r\n') },
      ],
    );
    const b = await parseBounce(bytesOf(eml), { filename: 'bounce.eml' });
    expect(b.recipients.map((r) => r.address)).toEqual(['ada@godwit.example']);
    expect(b.recipients[0]?.status).toBe('5.7.23');
    expect(b.sender).toBe('ada@godwit.example');
  });

  it('still does not read the original sender as a recipient when the message went to someone else', async () => {
    const text = [
      ...POSTFIX_TEXT.slice(0, 5),
      '<grace@fabrikam.example>: host mx1.fabrikam.example[198.51.100.20] said: 550 5.1.1 User unknown',
      '',
      '--- Below this line is a copy of the message.',
      '',
      'Return-Path: <ada@godwit.example>',
      'From: Ada <ada@godwit.example>',
      'To: Grace <grace@fabrikam.example>',
      'Subject: Hello',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
    expect(b.sender).toBe('ada@godwit.example');
  });
});
