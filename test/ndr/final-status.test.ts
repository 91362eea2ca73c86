/**
 * Which code a recipient gets when a bounce shows several: the final outcome over a transcript's
 * earlier attempt, and the remote server's own reply when a relay quotes it inside its summary.
 */
import { parseBounce } from '../../bot/ndr';
import { bytesOf, DAEMON_HEADERS, multipartReport } from './eml';

describe('the final status beats an earlier attempt', () => {
  const transcript = [
    '   ----- The following addresses had permanent fatal errors -----',
    '<grace@fabrikam.example>',
    '',
    '   ----- Transcript of session follows -----',
    '... while talking to mx1.fabrikam.example.:',
    '>>> DATA',
    '<<< 451 4.4.1 reply: read error from mx1.fabrikam.example.',
    '554 5.0.0 Service unavailable',
  ].join('\r\n');

  it.each([
    ['the DSN records the last reply', 'SMTP; 451 4.4.1 reply: read error from mx1.fabrikam.example.'],
    ['the DSN records the final words', 'SMTP; 554 5.0.0 Service unavailable'],
  ])('Status: 5.0.0 with an earlier 451 4.4.1 (%s) is reported as the failure it ended in', async (_name, diagnostic) => {
    const eml = multipartReport(DAEMON_HEADERS, [
      { type: 'text/plain', body: transcript },
      { type: 'message/delivery-status', body: ['Reporting-MTA: dns; mx.fabrikam.example', '', 'Final-Recipient: RFC822; grace@fabrikam.example', 'Action: failed', 'Status: 5.0.0', `Diagnostic-Code: ${diagnostic}`].join('\r\n') },
    ]);
    const b = await parseBounce(bytesOf(eml), { filename: 'returned.eml' });
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]?.status).toBe('5.0.0');
    expect(b.recipients[0]?.replyCode).not.toBe('451');
  });

  it('takes a permanent reply over a temporary Status field when the DSN says the delivery failed', async () => {
    const text = [
      'Final-Recipient: rfc822; grace@fabrikam.example',
      'Action: failed',
      'Status: 4.5.0',
      'Diagnostic-Code: smtp; 550 5.5.0 Service refused, please try later',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.recipients[0]).toMatchObject({ status: '5.5.0', replyCode: '550' });
  });
});

describe('a reply quoted inside a relay summary', () => {
  it.each([
    // [relay summary, status, wrapped status, wrapped text]
    ["5.3.0 - Other mail system problem 554-'5.1.0 Sender denied'", '5.1.0', '5.1.0', '554-5.1.0 Sender denied'],
    ['554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>', '4.4.2', '4.4.2', '421 4.4.2 Connection timed out'],
    ["5.1.0 - Unknown address error 550-'5.2.2 <grace@fabrikam.example>... Mailbox Full' (delivery attempts: 0)", '5.2.2', '5.2.2', '550-5.2.2 <grace@fabrikam.example>... Mailbox Full'],
  ])('%s', async (diagnostic, status, wrappedStatus, wrappedText) => {
    const b = await parseBounce(['Final-Recipient: rfc822; grace@fabrikam.example', 'Action: failed', `Status: ${status[0]}.0.0`, `Diagnostic-Code: smtp; ${diagnostic}`].join('\n'));
    const r = b.recipients[0];
    expect(r?.status).toBe(status);
    expect(r?.wrapped).toMatchObject({ status: wrappedStatus, text: wrappedText });
  });

  it("keeps Exchange's own code outside its -> wrapper", async () => {
    const b = await parseBounce("Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 Rejected'");
    expect(b.recipients[0]?.status).toBe('5.7.23');
    expect(b.recipients[0]?.wrapped?.status).toBe('5.7.1');
  });

  it('does not take a quoted temporary code for a permanent failure', async () => {
    const b = await parseBounce(['Final-Recipient: rfc822; grace@fabrikam.example', 'Action: failed', 'Status: 5.0.0', 'Diagnostic-Code: smtp; 550 5.0.0 Gave up after "451 4.3.0 try again later"'].join('\n'));
    expect(b.recipients[0]?.status).toBe('5.0.0');
    expect(b.recipients[0]?.wrapped).toBeUndefined();
  });
});
