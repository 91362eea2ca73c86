/** Bounce events of sending services, pasted as JSON (written for these tests in each service's documented shape). */
import { parseBounce } from '../../bot/ndr';

const rows = (b: Awaited<ReturnType<typeof parseBounce>>): [string | undefined, string | undefined, string | undefined][] =>
  b.recipients.map((r) => [r.address, r.status, r.replyCode]);

describe('JSON bounce events', () => {
  it('SendGrid: each bounce event of the array is a failed recipient; a delivered event is not', async () => {
    const events = [
      { email: 'bad.address@corp-mail.example', event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 <bad.address@corp-mail.example>: Recipient address rejected: User unknown' },
      { email: 'ok@corp-mail.example', event: 'delivered', response: '250 OK' },
      { email: 'blocked@strict-isp.example', event: 'bounce', type: 'blocked', status: '5.7.1', reason: '554 5.7.1 Service unavailable; Client host [167.89.1.2] blocked using zen.spamhaus.org' },
    ];
    const b = await parseBounce(JSON.stringify(events, null, 2));
    expect(b.isBounce).toBe(true);
    expect(rows(b)).toEqual([
      ['bad.address@corp-mail.example', '5.1.1', '550'],
      ['blocked@strict-isp.example', '5.7.1', '554'],
    ]);
  });

  it('Postmark: the bounce record, with the sender from its From field', async () => {
    const b = await parseBounce(
      JSON.stringify({ RecordType: 'Bounce', Type: 'HardBounce', Email: 'john.nobody@gmail.example', From: 'sender@saasco.example', Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.', Description: 'The server was unable to deliver your message.' }),
    );
    expect(rows(b)).toEqual([['john.nobody@gmail.example', '5.1.1', '550']]);
    expect(b.recipients[0]?.diagnostic).toContain('does not exist');
    expect(b.senderDomain).toBe('saasco.example');
  });

  it('Mailgun: the reply code and message of delivery-status, the MX that answered, the original From (not the bounce envelope)', async () => {
    const b = await parseBounce(
      JSON.stringify({
        event: 'failed',
        severity: 'permanent',
        recipient: 'ghost.user@gmail.example',
        envelope: { sender: 'bounce+abc123@mg.saasco.example' },
        'delivery-status': { code: 550, message: '5.1.1 The email account that you tried to reach does not exist.', 'mx-host': 'gmail-smtp-in.l.google.example' },
        message: { headers: { from: 'SaaSco <hello@saasco.example>', to: 'ghost.user@gmail.example' } },
      }),
    );
    expect(rows(b)).toEqual([['ghost.user@gmail.example', '5.1.1', '550']]);
    expect(b.recipients[0]?.remoteMta).toBe('gmail-smtp-in.l.google.example');
    expect(b.sender).toBe('hello@saasco.example');
  });

  it('events that are all deliveries, opens or clicks are not a bounce', async () => {
    const b = await parseBounce(JSON.stringify([{ email: 'a@x.example', event: 'delivered' }, { email: 'a@x.example', event: 'open' }]));
    expect(b.isBounce).toBe(false);
    expect(b.recipients).toEqual([]);
  });

  it('broken JSON is read as text: the code in it still counts', async () => {
    const b = await parseBounce('[{"email": "a@x.example", "event": "bounce", "reason": "550 5.1.1 User unknown"');
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => r.status)).toEqual(['5.1.1']);
  });
});
