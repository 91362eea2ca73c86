/**
 * Notices that say the message got through, which people paste when they are unsure: a delivery receipt, a relay
 * notice, a success DSN, a read receipt. None is a bounce, and each is named for what it is.
 */
import { parseBounce } from '../../bot/ndr';
import { helpPlainText } from '../../bot/cards';
import { bytesOf, multipartReport } from './eml';

const SUCCESS_HEADERS = ['From: Mail Delivery System <MAILER-DAEMON@relay.contoso.example>', 'To: ada@contoso.example', 'Subject: Successful Mail Delivery Report'];

const DELIVERED_WORDS = 'Your message was successfully delivered to the destination(s)\r\nlisted below.';
// Postfix's address verification (sendmail -bv): a report the sender asked for, with no message sent.
const VERIFY_WORDS = 'Enclosed is the mail delivery report that you requested.';

function successReport(action: string, words = DELIVERED_WORDS): Uint8Array {
  return bytesOf(
    multipartReport(SUCCESS_HEADERS, [
      { type: 'text/plain; charset=us-ascii', body: `${words}\r\n\r\n<kim@fabrikam.example>: delivery via mx.fabrikam.example[192.0.2.25]:25: 250 2.0.0 Ok: queued` },
      { type: 'message/delivery-status', body: ['Reporting-MTA: dns; relay.contoso.example', '', 'Final-Recipient: rfc822; kim@fabrikam.example', `Action: ${action}`, 'Status: 2.0.0'].join('\r\n') },
    ]),
  );
}

describe('notices that the message got through', () => {
  it.each([
    ['Exchange delivery receipt', 'Delivery is complete to these recipients or groups:\n\nkim@fabrikam.example\n\nSubject: Budget\n'],
    ['Exchange relay notice', 'Relayed: Budget\n\nDelivery to these recipients or groups is complete, but no delivery notification was sent by the destination server:\n\nkim@fabrikam.example\n'],
    ['older delivery receipt', 'Your message has been delivered to the following recipients:\n\nkim@fabrikam.example (kim@fabrikam.example)\n\nSubject: Budget\n'],
    ['delivery status fields pasted', 'Final-Recipient: rfc822; kim@fabrikam.example\nAction: relayed\nStatus: 2.0.0\nRemote-MTA: dns; mx.fabrikam.example\n'],
  ])('calls a pasted %s a delivery notice', async (_name, text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('delivery-notice');
    expect(b.recipients).toEqual([]);
  });

  it.each(['delivered', 'relayed'])('calls a DSN whose recipient was %s a delivery notice, whatever its words', async (action) => {
    const b = await parseBounce(successReport(action, VERIFY_WORDS), { filename: 'receipt.eml' });
    expect(b.kind).toBe('delivery-notice');
  });

  it("leaves an address verification's 'deliverable' out: nothing was sent", async () => {
    const b = await parseBounce(successReport('deliverable', VERIFY_WORDS), { filename: 'verify.eml' });
    expect(b.isBounce).toBe(false);
    expect(b.kind).not.toBe('delivery-notice');
  });

  it.each([
    ['Outlook read receipt', 'Your message\n\n  To: Kim Lee\n  Subject: Budget\n  Sent: Tuesday, December 1, 2026 9:12 AM\n\nwas read on Tuesday, December 1, 2026 9:20 AM.\n'],
    ['deleted unread', 'Your message\n\n  To: Kim Lee\n  Subject: Budget\n\nwas deleted without being read on Tuesday, December 1, 2026 9:20 AM.\n'],
    ['disposition fields pasted', 'Reporting-UA: mail.fabrikam.example; Exchange\nFinal-Recipient: rfc822; kim@fabrikam.example\nDisposition: automatic-action/MDN-sent-automatically; displayed\n'],
  ])('calls a pasted %s a read receipt', async (_name, text) => {
    const b = await parseBounce(text);
    expect(b.kind).toBe('read-receipt');
    expect(b.recipients).toEqual([]);
  });

  it('calls an MDN file a read receipt', async () => {
    const mdn = [
      'From: Kim Lee <kim@fabrikam.example>',
      'To: ada@contoso.example',
      'Subject: Read: Budget',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=disposition-notification; boundary="m1"',
      '',
      '--m1',
      'Content-Type: text/plain',
      '',
      'The message was displayed.',
      '--m1',
      'Content-Type: message/disposition-notification',
      '',
      'Final-Recipient: rfc822; kim@fabrikam.example',
      'Disposition: manual-action/MDN-sent-manually; displayed',
      '--m1--',
      '',
    ].join('\r\n');
    expect((await parseBounce(bytesOf(mdn), { filename: 'read.eml' })).kind).toBe('read-receipt');
  });

  it('still reads a report where one recipient got it and another failed as a bounce', async () => {
    const text = [
      'Delivery is complete to these recipients or groups:',
      '',
      'kim@fabrikam.example',
      '',
      'Delivery has failed to these recipients or groups:',
      '',
      'lee@fabrikam.example',
      "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.kind).toBe('bounce');
    expect(b.recipients.map((r) => r.status)).toContain('5.1.1');
  });

  it('tells the person what each one is, in their language', () => {
    expect(helpPlainText('en', 'teams', { kind: 'delivery-notice' })).toContain('That is a delivery notification, not a bounce');
    expect(helpPlainText('en', 'teams', { kind: 'read-receipt' })).toContain('That is a read receipt, not a bounce');
    expect(helpPlainText('ja', 'teams', { kind: 'read-receipt' })).toContain('開封確認');
  });
});
