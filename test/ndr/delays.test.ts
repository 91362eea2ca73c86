/**
 * Delay notices ("still trying, no need to resend") are transient bounces. When they write no code,
 * the recipient still gets a class-4 status, marked as inferred.
 */
import { parseBounce } from '../../bot/ndr';

describe('delay notices without codes', () => {
  it.each([
    [
      'Gmail-style',
      [
        'Delivery to the following recipient has been delayed:',
        '',
        '     grace@fabrikam.example',
        '',
        'Message will be retried for 2 more day(s)',
        '',
        'Technical details of temporary failure:',
        'The recipient server did not accept our requests to connect.',
      ],
      '4.0.0',
    ],
    [
      'Exchange-style',
      ['Your message has been delayed and is still awaiting delivery', 'to the following recipient(s):', '', 'grace@fabrikam.example', '', 'Message delayed'],
      '4.0.0',
    ],
    [
      '"temporary problem delivering to", with a reason in words',
      [
        'This is the mail delivery agent at relay.godwit.example.',
        'There was a temporary problem delivering to grace@fabrikam.example: the mailbox is full.',
        "I will keep trying; you'll be told if the delivery fails permanently.",
      ],
      '4.2.2',
    ],
    [
      'Sendmail warning',
      [
        '    **********************************************',
        '    **      THIS IS A WARNING MESSAGE ONLY      **',
        '    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **',
        '    **********************************************',
        '',
        '   ----- The following addresses had transient non-fatal errors -----',
        '<grace@fabrikam.example>',
        '',
        '   ----- Transcript of session follows -----',
        '<grace@fabrikam.example>... Deferred: Connection timed out with mx1.fabrikam.example.',
        'Warning: message still undelivered after 4 hours',
      ],
      '4.4.1',
    ],
  ])('%s: a transient bounce with its recipient', async (_name, lines, status) => {
    const b = await parseBounce(lines.join('\n'));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status, statusInferred: true });
  });

  it('reads Action: delayed without a Status field as 4.0.0', async () => {
    const b = await parseBounce(['Reporting-MTA: dns; relay.godwit.example', '', 'Final-Recipient: rfc822; grace@fabrikam.example', 'Action: delayed'].join('\n'));
    expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status: '4.0.0', statusInferred: true });
  });

  it('keeps a code the notice did write, and does not mark it inferred', async () => {
    const b = await parseBounce('Delivery to the following recipient has been delayed:\n\n  grace@fabrikam.example\n\n  451 4.7.1 Greylisted, please try again later');
    expect(b.recipients[0]?.status).toBe('4.7.1');
    expect(b.recipients[0]?.statusInferred).toBeUndefined();
  });

  it('does not read a final failure that mentions earlier retries as a delay', async () => {
    const b = await parseBounce(
      'A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  grace@fabrikam.example\n    mailbox is full: retry timeout exceeded',
    );
    expect(b.recipients[0]).toMatchObject({ status: '5.2.2', statusInferred: true });
  });
});

it.each([
  ['an order update', 'Hi Ada,\n\nYour order has been delayed by the carrier.\n\nContact: support@shop.example\n\nThe Shop'],
  ['a note about a meeting', 'The meeting is delayed to 3 pm.\nOrganiser: grace@fabrikam.example'],
])('does not read %s as a delay notice', async (_name, text) => {
  const b = await parseBounce(text);
  expect(b.isBounce).toBe(false);
});

describe("Exchange's delay notice in Swedish and Dutch, with its 4.4.7 \"Message delayed\"", () => {
  it.each([
    ['Swedish', 'Leveransen till följande mottagare eller grupper har fördröjts:', 'Meddelandet har inte levererats än. Leveransförsöken fortsätter.'],
    ['Dutch', 'De bezorging bij deze ontvangers of groepen is vertraagd:', 'Dit bericht is nog niet bezorgd. Er wordt nog steeds geprobeerd het bericht te bezorgen.'],
  ])('%s: the recipient is still being retried, not given up on', async (_lang, heading, words) => {
    const b = await parseBounce(
      [heading, '', 'grace@fabrikam.example (grace@fabrikam.example)', '', words, '', 'grace@fabrikam.example', "Server at mx1.fabrikam.example (192.0.2.25) returned '400 4.4.7 Message delayed'"].join('\n'),
    );
    expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status: '4.4.7', stillRetrying: true });
  });
});
