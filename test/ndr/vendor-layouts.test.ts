/**
 * Layouts of particular mail systems where no recipient used to be found: SMS/MMS gateways, fml
 * mailing lists, 1&1, an unnamed MTA that brackets its reasons (sisimai's "X1") and the DragonFly
 * Mail Agent. Fixtures written for these tests in each system's layout.
 */
import { parseBounce } from '../../bot/ndr';
import { fixtureBytes } from './fixtures';

describe('vendor layouts', () => {
  it.each([
    ['SMS gateway, "Message details" with RCPT TO', 'sms-gateway-message-details.eml', [['5551230000@sms.carrier.example', '5.1.1']], /no such user here/],
    ['MMS gateway, "Error:" line and the original below', 'mms-gateway-original-message.eml', [['5551230000@mms.carrier.example', '5.1.1']], /No valid recipients/],
    ['fml: not a member of the list', 'fml-not-member.eml', [['team-meeting@lists.fabrikam.example', '5.7.1']], /not a member of this mailing list/],
    ['1&1: "For the following reason:"', 'einsundeins-reason.eml', [['grace@fabrikam.example', '5.3.4']], /^Mail size limit exceeded/],
    ['1&1: remote server reply', 'einsundeins-remote.eml', [['grace@fabrikam.example', '5.2.0']], /^550 5\.2\.0 Message rejected/],
    ['bracketed reasons', 'x1-bracketed-reasons.eml', [['grace@fabrikam.example', '5.1.1'], ['per@fabrikam.example', '5.2.2']], /^User unknown$/],
    ['DragonFly Mail Agent, expired', 'dragonfly-expired.eml', [['grace@fabrikam.example', '5.4.7']], /Could not deliver for the last 432000 seconds/],
    ['DragonFly Mail Agent, DNS failure', 'dragonfly-dns.eml', [['grace@fabrikam.example', '5.1.2']], /DNS lookup failure/],
  ])('%s', async (_name, file, expected, reason) => {
    const b = await parseBounce(fixtureBytes('layouts', file), { filename: file });
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual(expected);
    expect(b.recipients[0]?.diagnostic).toMatch(reason);
  });

  it("does not take a mailing list's help address for a recipient", async () => {
    const b = await parseBounce(fixtureBytes('layouts', 'fml-not-member.eml'));
    expect(b.recipients.map((r) => r.address)).not.toContain('team-meeting-ctl@lists.fabrikam.example');
  });
});

describe('a recipient listed with its display name', () => {
  it('reads a CRM bounce notice that labels the contact by name with the address in parentheses', async () => {
    const b = await parseBounce(
      [
        'Hard bounce',
        '',
        'Contact: Emma Walsh (emma.walsh@architects-dublin.example)',
        'Email: December product update',
        '',
        "Response from the recipient's server:",
        '550 5.1.1 The email account that you tried to reach does not exist.',
      ].join('\n'),
    );
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => [r.address, r.status, r.replyCode])).toEqual([['emma.walsh@architects-dublin.example', '5.1.1', '550']]);
  });

  it('reads "Name (address)" alone on its line, as Exchange lists recipients, with the reason below it', async () => {
    const b = await parseBounce(['Delivery has failed to these recipients or groups:', '', 'Marta Gil (mgil@asesoria-valencia.example)', 'The recipient mailbox is full.'].join('\n'));
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'mgil@asesoria-valencia.example', status: '5.2.2', diagnostic: 'The recipient mailbox is full.' })]);
  });

  it('keeps the label, not the name, as the reason when no reply follows', async () => {
    const b = await parseBounce(['Delivery has failed:', '', 'Mailbox unavailable: Dana Berg <dana@fabrikam.example>'].join('\n'));
    expect(b.recipients[0]).toMatchObject({ address: 'dana@fabrikam.example', diagnostic: 'Mailbox unavailable' });
  });
});

describe("Exchange 5.5/2000's summary of the message above the failed recipients", () => {
  it('takes the recipients below "did not reach", not the To: line that quotes the original', async () => {
    const b = await parseBounce(
      [
        'From: System Administrator <postmaster@fabrikam.example>',
        'To: mika@contoso.example',
        'Subject: Undeliverable: Quarterly figures',
        '',
        'Your message',
        '',
        '  To:      team@contoso.example',
        '  Subject: Quarterly figures',
        '  Sent:    Mon, 3 Feb 2025 10:00:00 +0100',
        '',
        'did not reach the following recipient(s):',
        '',
        'grace@fabrikam.example on Mon, 3 Feb 2025 10:00:05 +0100',
        '    The recipient name is not recognized',
        '    MSEXCH:IMS:Fabrikam:Site:MAIL1 0 (000C05A6) Unknown Recipient',
      ].join('\n'),
    );
    expect(b.isBounce).toBe(true);
    expect(b.recipients.map((r) => r.address)).toEqual(['grace@fabrikam.example']);
  });
});
