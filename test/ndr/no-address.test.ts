/**
 * Bounces that give no readable address: an X.400 O/R address, a display name, a Notes name, a screen
 * name, or nothing at all. They are still bounces; the recipient keeps what the bounce does say.
 */
import { parseBounce } from '../../bot/ndr';
import { fixtureBytes, fixtureText } from './fixtures';

describe('a bounce without a plain address', () => {
  it("reads the SMTP address inside an X.400 O/R address (dda:SMTP=…)", async () => {
    const b = await parseBounce(fixtureText('layouts', 'x400-gateway.txt'));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]?.address).toBe('dana.berg@contoso.example');
    expect(b.recipients[0]?.diagnostic).toMatch(/^The recipient name is not recognized/);
  });

  it.each([
    ['Exchange 2003, display name with its code', 'exchange2003-name-only.txt', 'Dana Berg', /e-mail account does not exist/],
    ['Lotus Notes, Notes name with a "because:" block', 'notes-name-only.txt', 'Dana Berg/Sales/Contoso', /not listed in Domino Directory/],
  ])('%s: keeps the name and the reason', async (_name, file, name, reason) => {
    const b = await parseBounce(fixtureText('layouts', file));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]?.address).toBeUndefined();
    expect(b.recipients[0]?.name).toBe(name);
    expect(b.recipients[0]?.diagnostic).toMatch(reason);
  });

  it("reads Outlook's top section pasted alone: a display name with its reason on the next line", async () => {
    const text = [
      'Delivery has failed to these recipients or groups:',
      '',
      'Dana Berg',
      "The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.",
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toEqual([expect.objectContaining({ name: 'Dana Berg', status: '5.1.1', statusInferred: true })]);
    expect(b.recipients[0]?.diagnostic).toMatch(/^The email address you entered couldn't be found/);
  });

  it('keeps the status the bounce wrote under a display name', async () => {
    const b = await parseBounce(fixtureText('layouts', 'exchange2003-name-only.txt'));
    expect(b.recipients[0]?.status).toBe('5.1.1');
  });

  it('reads a screen name without a domain, with the reason from the heading', async () => {
    const text = [
      'From: Mail Delivery Subsystem <MAILER-DAEMON@mail.provider.example>',
      'To: ada@godwit.example',
      'Subject: Mail Delivery Problem',
      '',
      'Your mail to the following recipients could not be delivered because they are not accepting mail from ada@godwit.example:',
      '\tdanab2024',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toEqual([{ name: 'danab2024', diagnostic: 'they are not accepting mail from ada@godwit.example', status: '5.7.1', statusInferred: true }]);
  });

  it('reads a screen name in a Sendmail list with its reply', async () => {
    const text = ['   ----- The following addresses had permanent fatal errors -----', 'danab2024', '    (reason: 550 MAILBOX NOT FOUND)', '', '   ----- Transcript of session follows -----', '550 danab2024... User unknown'].join('\n');
    const b = await parseBounce(text);
    expect(b.recipients).toEqual([expect.objectContaining({ name: 'danab2024', replyCode: '550', diagnostic: '550 MAILBOX NOT FOUND' })]);
  });

  it('takes the address from the original headers when the name is a display name there', async () => {
    const text = `${fixtureText('layouts', 'exchange2003-name-only.txt')}\n\nOriginal message headers:\n\nFrom: Ada <ada@godwit.example>\nTo: Dana Berg <dana.berg@contoso.example>, Per Olsen <per@contoso.example>\nSubject: Budget figures\nMessage-ID: <b1@godwit.example>\n`;
    const b = await parseBounce(text);
    expect(b.recipients[0]?.address).toBe('dana.berg@contoso.example');
    expect(b.recipients[0]?.name).toBeUndefined();
  });

  it("says a daemon's failure report whose body was lost is a bounce, with no recipient to show", async () => {
    const b = await parseBounce(fixtureBytes('layouts', 'sendmail-no-message-collected.eml'), { filename: 'returned.eml' });
    expect(b.isBounce).toBe(true);
    expect(b.kind).toBe('bounce');
    expect(b.recipients).toEqual([]);
  });

  it("takes the original's only recipient when the report names none (Postfix: Delivery report unavailable)", async () => {
    const eml = [
      'From: MAILER-DAEMON@relay.godwit.example (Mail Delivery System)',
      'To: ada@godwit.example',
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"',
      '',
      '--r1',
      'Content-Type: text/plain',
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      '\t--- Delivery report unavailable ---',
      '--r1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; relay.godwit.example',
      'X-Postfix-Sender: rfc822; ada@godwit.example',
      '',
      '--r1',
      'Content-Type: message/rfc822',
      '',
      'From: <ada@godwit.example>',
      'To: grace@fabrikam.example',
      'Subject: Hello',
      '',
      'Hi',
      '--r1--',
      '',
    ].join('\r\n');
    const b = await parseBounce(new Uint8Array(Buffer.from(eml)), { filename: 'b.eml' });
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
  });

  it.each([
    [
      'a delivery success notice',
      [
        'From: MAILER-DAEMON@relay.godwit.example',
        'Subject: Successful Mail Delivery Report',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="s1"',
        '',
        '--s1',
        'Content-Type: message/delivery-status',
        '',
        'Final-Recipient: rfc822; grace@fabrikam.example',
        'Action: delivered',
        'Status: 2.0.0',
        '--s1--',
      ].join('\r\n'),
    ],
    ['a note listing names', 'Hi team,\n\nThe following recipients did not get the invite:\n\n  Dana Berg\n  Per Olsen\n\nThanks, Ada'],
  ])('does not call %s a bounce', async (_name, text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(false);
  });
});

describe('a recipient named elsewhere in the bounce', () => {
  it('reads a recipient listed as "Name <address>"', async () => {
    const text = [
      'Your message could not be delivered to the following recipients:',
      '',
      'Dana Berg <dana.berg@contoso.example>',
      '    550 5.1.1 Mailbox does not exist',
      '',
      'For further assistance, please contact <postmaster@relay.godwit.example>',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['dana.berg@contoso.example', '5.1.1']]);
  });

  it("takes the address from a failure subject when the body names none", async () => {
    const text = ['From: MAILER-DAEMON@relay.godwit.example', 'To: ada@godwit.example', 'Subject: Delivery failure: dana.berg@contoso.example', '', 'The message could not be delivered: mailbox unavailable.'].join('\n');
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => r.address)).toEqual(['dana.berg@contoso.example']);
  });
});
