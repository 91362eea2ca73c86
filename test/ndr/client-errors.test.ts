/**
 * A mail program's own error, pasted because it looks like a failed delivery: Outlook's send and receive errors,
 * Thunderbird's and Apple Mail's. With no server's reply in it, no server refused anything: it is named for what
 * it is, not "no error code found". With the server's reply, that reply is what to read.
 */
import { parseBounce } from '../../bot/ndr';
import { helpPlainText } from '../../bot/cards';

describe("a mail program's own send error", () => {
  it.each([
    [
      'Outlook cannot reach its SMTP server',
      "Task 'ada@contoso.example - Sending' reported error (0x80042109) : 'Outlook cannot connect to your outgoing (SMTP) e-mail server. If you continue to receive this message, contact your server administrator or Internet service provider (ISP).'",
    ],
    ['Outlook cannot reach Exchange', "Task 'Microsoft Exchange - Sending' reported error (0x80040115) : 'We can't complete this because we can't contact the server right now. Please try again later.'"],
    ['a send/receive error number alone', 'Send/Receive error 0x800CCC0E when I press Send, the mail stays in the Outbox'],
    ['Thunderbird', 'Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) smtp.contoso.example timed out. Try again.'],
    ['Apple Mail', 'Cannot send message using the server smtp.contoso.example.\nThe connection to the server “smtp.contoso.example” on port 587 timed out.'],
  ])('names %s a client error, with no recipient', async (_name, text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('client-error');
    expect(b.recipients).toEqual([]);
  });

  it("reads the server's reply when the error quotes one (guard)", async () => {
    const b = await parseBounce(
      "Task 'ada@contoso.example - Sending' reported error (0x800CCC0F) : 'The connection to the server was interrupted. If this problem continues, contact your server administrator or Internet service provider (ISP). The server responded: 554 5.7.1 <bob@fabrikam.example>: Relay access denied'",
    );
    expect(b.kind).toBe('bounce');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['bob@fabrikam.example', '5.7.1']]);
  });

  it("keeps the program's closing quote out of the server's words", async () => {
    const b = await parseBounce(
      "Task 'ada@contoso.example - Sending' reported error (0x800CCC6A) : 'Your outgoing (SMTP) e-mail server has reported an internal error. The server responded: 451 4.7.0 Temporary server error. Please try again later. PRX4'",
    );
    expect(b.recipients.map((r) => r.diagnostic)).toEqual(['451 4.7.0 Temporary server error. Please try again later. PRX4']);
  });

  it("keeps a server's own quotes (guard)", async () => {
    const b = await parseBounce("<bob@fabrikam.example>: host mx.fabrikam.example[192.0.2.25] said: 550 5.7.1 Sender domain 'contoso.example'\n");
    expect(b.recipients.map((r) => r.diagnostic)).toEqual(["550 5.7.1 Sender domain 'contoso.example'"]);
  });

  it("leaves an error that says the server refused something unnamed, whatever its number (guard)", async () => {
    const b = await parseBounce('Cannot send message using the server smtp.contoso.example.\nThe sender address ada@contoso.example was rejected by the server.');
    expect(b.kind).not.toBe('client-error');
  });

  it("leaves Outlook's own undeliverable report, where Exchange may have refused, unnamed (guard)", async () => {
    const text = [
      'Your message did not reach some or all of the intended recipients.',
      '',
      '      Subject:\tQuarterly figures',
      '',
      'The following recipient(s) cannot be reached:',
      '',
      "      'Bob' on 12/1/2026 9:14 AM",
      '            This message could not be sent. Try sending the message again later, or contact your network administrator.  Error is [0x80070005-00000000-00000000].',
    ].join('\n');
    expect((await parseBounce(text)).kind).not.toBe('client-error');
  });

  it('tells the person it is their mail program, with what to check, in their language', () => {
    expect(helpPlainText('en', 'teams', { kind: 'client-error' })).toContain("That is an error from your own mail program, not a bounce: it couldn't reach your mail server");
    expect(helpPlainText('ja', 'teams', { kind: 'client-error' })).toContain('送信トレイ');
    expect(helpPlainText('zh-TW', 'teams', { kind: 'client-error' })).toContain('寄件匣');
    expect(helpPlainText('ko', 'teams', { kind: 'client-error' })).toContain('보낼 편지함');
  });
});
