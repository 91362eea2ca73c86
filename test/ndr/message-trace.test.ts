/**
 * Exchange Online's message trace, pasted by an admin instead of a bounce: the failed event's
 * `Reason: [{LED=…};{MSG=};{FQDN=…};{IP=…};{LRT=}]`. Texts written for these tests in the admin center's
 * and Get-MessageTraceDetail's shapes; hosts and addresses are invented.
 */
import { parseBounce } from '../../bot/ndr';
import { exoNdrText } from '../helpers/bounces';

const LED_SPF =
  'Reason: [{LED=550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 SPF check failed for contoso.example};{MSG=};{FQDN=mx1.fabrikam.example};{IP=192.0.2.25};{LRT=}]. OutboundProxyTargetIP: 192.0.2.25. OutboundProxyTargetHostName: mx1.fabrikam.example';

const detail = ['Date: 11/16/2026 9:12:35 AM', 'Event: Fail', 'Action:', `Detail: ${LED_SPF}`].join('\n');

describe("a message trace's failed event", () => {
  it('reads as the bounce it stands for: the failing reply, its wrapped remote reply and the host that gave it', async () => {
    const b = await parseBounce(detail);
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]).toMatchObject({ status: '5.7.23', replyCode: '550', remoteMta: 'mx1.fabrikam.example', wrapped: { status: '5.7.1', text: '550 5.7.1 SPF check failed for contoso.example' } });
    expect(b.senderDomain).toBe('contoso.example');
  });

  it("never takes the receiving server's address for the sending IP", async () => {
    expect((await parseBounce(detail)).sendingIp).toBeUndefined();
  });

  it('reads the same from a .txt file as from a paste', async () => {
    const b = await parseBounce(new TextEncoder().encode(detail), { filename: 'trace.txt', contentType: 'text/plain' });
    expect(b.recipients[0]).toMatchObject({ status: '5.7.23', remoteMta: 'mx1.fabrikam.example' });
  });

  it('names the recipient and the sender the trace lists, and quotes the reply alone', async () => {
    const b = await parseBounce(
      [
        'Message trace details',
        'Sender: ada@contoso.example',
        'Recipient: grace@fabrikam.example',
        'Subject: Quarterly figures',
        'Status: Failed',
        '',
        '11/16/2026 9:12 AM  Receive  Message received by: AM6PR04MB1234.eurprd04.prod.outlook.com',
        '11/16/2026 9:12 AM  Fail  Reason: [{LED=550 5.1.1 <grace@fabrikam.example>: Recipient address rejected: User unknown};{MSG=};{FQDN=mx1.fabrikam.example};{IP=192.0.2.25};{LRT=}].',
      ].join('\n'),
    );
    expect(b.sender).toBe('ada@contoso.example');
    expect(b.recipients).toEqual([
      expect.objectContaining({ address: 'grace@fabrikam.example', status: '5.1.1', remoteMta: 'mx1.fabrikam.example', diagnostic: '550 5.1.1 <grace@fabrikam.example>: Recipient address rejected: User unknown' }),
    ]);
  });
});

it("leaves an NDR that quotes the same fields inside its own reply to the NDR's reader", async () => {
  const b = await parseBounce(
    exoNdrText({
      recipient: 'grace@fabrikam.example',
      reply: '550 4.4.7 QUEUE.Expired; message expired [{LED=441 4.4.1 Error encountered while communicating with primary target IP address};{MSG=};{FQDN=mx1.fabrikam.example};{IP=192.0.2.25}]',
      headers: ['From: Ada Lovelace <ada@contoso.example>', 'To: grace@fabrikam.example', 'Subject: Quarterly figures'],
    }),
  );
  expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status: '4.4.7', replyCode: '550' });
});
