/**
 * Address verification reports (`sendmail -bv`, Postfix's verify mode) are delivery reports the sender
 * asked for. Postfix writes `Action: deliverable` for an address that would be accepted and
 * `Action: undeliverable` for one that would bounce.
 */
import { parseBounce } from '../../bot/ndr';
import { bytesOf, multipartReport } from './eml';

const HEADERS = [
  'From: MAILER-DAEMON@mx.fabrikam.example (Mail Delivery System)',
  'To: ops@fabrikam.example',
  'Subject: Mail Delivery Status Report',
  'Auto-Submitted: auto-replied',
];

function verifyReport(action: string, status: string, reply: string): Uint8Array {
  return bytesOf(
    multipartReport(HEADERS, [
      {
        type: 'text/plain; charset=us-ascii',
        body: ['Enclosed is the mail delivery report that you requested.', '', '                   The mail system', '', `<grace@contoso.example>: delivery via mx.contoso.example[192.0.2.25]:25: ${reply}`].join('\r\n'),
      },
      {
        type: 'message/delivery-status',
        body: ['Reporting-MTA: dns; mx.fabrikam.example', '', 'Final-Recipient: rfc822; grace@contoso.example', `Action: ${action}`, `Status: ${status}`, `Diagnostic-Code: smtp; ${reply}`].join('\r\n'),
      },
      { type: 'text/rfc822-headers', body: 'From: ops@fabrikam.example\r\nTo: grace@contoso.example\r\nSubject: probe' },
    ]),
  );
}

describe('address verification reports', () => {
  it('does not call a report that an address is deliverable a bounce', async () => {
    const b = await parseBounce(verifyReport('deliverable', '2.1.5', '250 2.1.5 Ok'), { filename: 'verify.eml' });
    expect(b.isBounce).toBe(false);
    expect(b.recipients).toEqual([]);
  });

  it('reads an undeliverable address as a failed recipient', async () => {
    const b = await parseBounce(verifyReport('undeliverable', '5.1.1', '550 5.1.1 No such user'), { filename: 'verify.eml' });
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'grace@contoso.example', status: '5.1.1', replyCode: '550' })]);
  });
});
