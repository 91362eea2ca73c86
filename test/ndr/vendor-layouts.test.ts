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
