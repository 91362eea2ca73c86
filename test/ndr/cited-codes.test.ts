/**
 * People write about bounces: a newsletter about deliverability, a colleague describing a bounce they
 * deleted, a postmaster answering a complaint. A code they cite in a sentence is not a server's reply,
 * so such a message is no bounce. Texts written for these tests.
 */
import { parseBounce } from '../../bot/ndr';

describe('a code cited in a sentence', () => {
  it.each([
    [
      'a newsletter citing an example error',
      [
        'Subject: 5 ways to improve your email delivery',
        '',
        '1. Authenticate everything. Gmail and Yahoo now reject unauthenticated bulk mail with errors like 550-5.7.26.',
        '2. Clean your list. Hard bounces ("mailbox does not exist", "user unknown") hurt your sender reputation.',
      ],
    ],
    [
      'a colleague recalling a bounce',
      [
        'Hi team,',
        '',
        'Kevin still can\'t email anyone at northwind-traders.example. He said the bounce mentioned something like "550 5.7.1 access denied" but he deleted it.',
        '',
        'Thanks,',
        'Helen',
      ],
    ],
    [
      'a postmaster answering a complaint',
      [
        'Hello,',
        '',
        'We have reviewed the rejections you reported (550 5.7.1 from our inbound gateway) and removed 203.0.113.25 from our block list.',
        'If you continue to see bounces, please reply with the full NDR.',
        '',
        'Fabrikam Postmaster',
        'postmaster@fabrikam.example',
      ],
    ],
    ['a help text giving an example', ['If a message is refused, e.g. 5.7.1, the sender should contact the recipient by phone.']],
    ['a German newsletter citing an error', ['Tipps für Ihre Zustellbarkeit: Vermeiden Sie Fehler wie 550 5.7.26, indem Sie DMARC einrichten.']],
    ['a French newsletter citing an error', ['Conseil : évitez les erreurs comme 550 5.7.26 en configurant DMARC.']],
  ])('%s is not a bounce', async (_name, lines) => {
    const b = await parseBounce(lines.join('\n'));
    expect(b.isBounce).toBe(false);
    expect(b.recipients).toEqual([]);
  });

  it.each([
    ['a pasted reply alone', 'smtp; 550 5.1.1 <grace@fabrikam.example>: Recipient address rejected: User unknown', '5.1.1'],
    ['qmail putting the code after the words', '<grace@fabrikam.example>:\nSorry, the user is over quota (#5.2.2)', '5.2.2'],
    ['a reply that reads like an example', '<grace@fabrikam.example>:\nThe mail server did not like the message (#5.7.1)', '5.7.1'],
  ])('still reads %s', async (_name, text, status) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]?.status).toBe(status);
  });
});

describe('a reference list of codes', () => {
  it('a help article explaining codes one per line is not a bounce', async () => {
    const b = await parseBounce(
      [
        'Understanding common NDR codes',
        '',
        'When a message cannot be delivered, the sender receives a non-delivery report. The status code tells you why.',
        '',
        '550 5.1.1 - The recipient address does not exist.',
        '552 5.2.2 - The recipient mailbox is full.',
        '550 5.7.1 - Delivery not authorized; the message was refused by policy.',
        '4.4.7 - The message expired in the queue.',
      ].join('\n'),
    );
    expect(b.isBounce).toBe(false);
  });

  it("still reads a pasted reply whose continuation lines repeat one code (Gmail's 550-5.7.26)", async () => {
    const b = await parseBounce(
      ['550-5.7.26 Unauthenticated email from fabrikam.example is not accepted due to', "550-5.7.26 domain's DMARC policy. Please contact the administrator of", '550 5.7.26 fabrikam.example domain if this was a legitimate mail.'].join('\n'),
    );
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]).toMatchObject({ status: '5.7.26', replyCode: '550' });
  });

  it('still reads each recipient of a bounce that lists three codes with their addresses', async () => {
    const b = await parseBounce(
      [
        '   ----- Transcript of session follows -----',
        '550 5.1.1 <grace@fabrikam.example>... User unknown',
        '552 5.2.2 <kim@fabrikam.example>... Mailbox full',
        '554 5.7.1 <lee@fabrikam.example>... Relaying denied',
      ].join('\n'),
    );
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([
      ['grace@fabrikam.example', '5.1.1'],
      ['kim@fabrikam.example', '5.2.2'],
      ['lee@fabrikam.example', '5.7.1'],
    ]);
  });
});
