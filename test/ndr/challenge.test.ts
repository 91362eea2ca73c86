/**
 * Challenge-response messages ("confirm you are a human") are not bounces, even when dressed as a
 * DSN with a 4.7.0 Status: the message is held until the sender answers, not rejected.
 */
import { parseBounce } from '../../bot/ndr';
import { fixtureBytes } from './fixtures';

describe('challenge-response messages', () => {
  it('says a challenge dressed as a DSN is a challenge, not a bounce', async () => {
    const b = await parseBounce(fixtureBytes('layouts', 'challenge-dsn.eml'), { filename: 'challenge.eml' });
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('challenge');
    expect(b.recipients).toEqual([]);
  });

  it.each([
    ['protected mailbox', 'This mailbox is protected by MailScreen. Please click on the link below to have your address added to the recipient\'s allowed list:\n\nhttps://mailscreen.example/v/77'],
    ['held for an unverified sender', 'Your message to lin@fabrikam.example is being held because your address is not yet on the recipient\'s list of verified senders. Reply to this message to confirm.'],
    ['delivered once you verify', 'Hello,\nI am protecting myself from spam. Please click the link below to complete the verification process. You have to do this only once.\nhttps://verify.example/v?id=123\nYour message will be delivered once you verify.'],
    ['approved senders only', 'I now allow incoming messages only from senders I have approved beforehand. Click below to be added to my list of approved senders.\n\nhttps://spamarrest.example/v/3'],
    ['waitlisted', 'Hello Ada,\n\nYour message about "Budget" has been waitlisted.\nPlease add yourself to my guest list so your messages will go to my inbox.\n\nhttps://screening.example/g/12'],
  ])('says a pasted challenge (%s) is a challenge', async (_name, text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('challenge');
  });

  it("still calls Exchange Online's report a bounce when its fix names the group's list of allowed senders", async () => {
    const text = [
      "Your message to team@contoso.example couldn't be delivered.",
      'The group team only accepts messages from people on its list of allowed senders.',
      'Ada        Office 365        team',
      'Action Required                Recipient',
      'Not authorized to send to group',
      '',
      'How to Fix It',
      'Ask the group owner to add your email address to the list of allowed senders.',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.kind).toBe('bounce');
    expect(b.recipients[0]).toMatchObject({ address: 'team@contoso.example' });
  });

  it('still calls a server rejection that asks for confirmation a bounce', async () => {
    const text = [
      'This is the mail system at host relay.godwit.example.',
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      '<grace@fabrikam.example>: host mx1.fabrikam.example[203.0.113.25] said: 550 Your server requires',
      '    confirmation. Visit https://mx1.fabrikam.example/allow to confirm you are not a spammer. (in reply to RCPT TO command)',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', replyCode: '550' });
  });
});
