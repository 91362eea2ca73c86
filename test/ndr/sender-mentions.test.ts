/**
 * A snippet that names the sender right after the remote server's reply (`Sender: a@x`, `from <a@x>`)
 * names the sender, not another failed recipient. The samples are written for these tests.
 */
import { parseBounce } from '../../bot/ndr';

const EXIM_HEAD = [
  'Mail delivery failed: returning message to sender',
  '',
  'The following address failed:',
  '',
  '  frontdesk@harbor-hotel.example',
  '    SMTP error from remote mail server after RCPT TO:<frontdesk@harbor-hotel.example>:',
  '    550 5.1.1 No such user here',
];
const POSTFIX_HEAD = ['<bob@fabrikam.example>: host mx.fabrikam.example[192.0.2.1] said: 550 5.1.1 user unknown (in reply to RCPT TO command)'];

describe('the sender named after the remote reply', () => {
  it.each([
    ['from <a@x> under an Exim reply', [...EXIM_HEAD, '    from <alice@contoso.example>'], 'frontdesk@harbor-hotel.example'],
    ['from <a@x> under a Postfix reply', [...POSTFIX_HEAD, 'from <alice@contoso.example>'], 'bob@fabrikam.example'],
    ['Message from <a@x>', [...POSTFIX_HEAD, 'Message from <alice@contoso.example>'], 'bob@fabrikam.example'],
    ['Sender <a@x>', [...POSTFIX_HEAD, '  Sender <alice@contoso.example>'], 'bob@fabrikam.example'],
    ['Sender: a@x', [...POSTFIX_HEAD, 'Sender: alice@contoso.example'], 'bob@fabrikam.example'],
    ['Sender: Name <a@x>', [...POSTFIX_HEAD, 'Sender: Alice Smith <alice@contoso.example>'], 'bob@fabrikam.example'],
  ])('%s is the sender, not a recipient', async (_name, lines, recipient) => {
    const b = await parseBounce(lines.join('\n'));
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => r.address)).toEqual([recipient]);
    expect(b.sender).toBe('alice@contoso.example');
    expect(b.senderDomain).toBe('contoso.example');
  });

  it('keeps the address Postfix shows a recipient was expanded from as that recipient, not a sender', async () => {
    const b = await parseBounce(
      [
        '<bob@fabrikam.example> (expanded from <sales@fabrikam.example>): host mx.fabrikam.example[192.0.2.1]',
        '    said: 550 5.1.1 user unknown (in reply to RCPT TO command)',
      ].join('\n'),
    );
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'bob@fabrikam.example', originalAddress: 'sales@fabrikam.example' })]);
    expect(b.sender).toBeUndefined();
  });
});

describe('the sender named in the words, and a recipient', () => {
  it('"Sent by: a@x" under the reply names the sender', async () => {
    const b = await parseBounce(['bob@fabrikam.example', '550 5.1.1 User unknown', 'Sent by: alice@contoso.example'].join('\n'));
    expect(b.recipients.map((r) => r.address)).toEqual(['bob@fabrikam.example']);
    expect(b.sender).toBe('alice@contoso.example');
  });

  it('keeps the recipient the reply itself names, with the sender named below it', async () => {
    const b = await parseBounce(['550 5.1.1 <bob@fabrikam.example>: Recipient address rejected: User unknown', 'from <alice@contoso.example>'].join('\n'));
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['bob@fabrikam.example', '5.1.1']]);
    expect(b.sender).toBe('alice@contoso.example');
  });

  it('a test sent to yourself: the sender named below the reply is also the failed recipient', async () => {
    const b = await parseBounce(['<alice@contoso.example>: host mx.contoso.example[192.0.2.1] said: 550 5.7.23 SPF validation failed (in reply to end of DATA command)', 'from <alice@contoso.example>'].join('\n'));
    expect(b.recipients.map((r) => [r.address, r.status, r.replyCode])).toEqual([['alice@contoso.example', '5.7.23', '550']]);
    expect(b.sender).toBe('alice@contoso.example');
  });
});
