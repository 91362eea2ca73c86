/** Status codes as a support engineer sees them: 1-3 digit subjects and details, and numbers that are not codes. */
import { parseBounce } from '../../bot/ndr';

async function statusOf(reply: string): Promise<string | undefined> {
  const b = await parseBounce(`<kari@contoso.example>: host mx.contoso.example[192.0.2.10] said: ${reply}`);
  return b.recipients[0]?.status;
}

describe('enhanced status codes (RFC 3463)', () => {
  it.each([
    ['550 5.7.23 The message was rejected because of Sender Policy Framework violation', '5.7.23'],
    ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', '5.1.10'],
    ['550 5.7.515 Access denied, sending domain does not meet the required authentication level', '5.7.515'],
    ['451 4.7.650 The mail server has been temporarily rate limited due to IP reputation', '4.7.650'],
    ['550-5.7.26 This mail has been blocked because the sender is unauthenticated', '5.7.26'],
    ['554 Message rejected (#5.7.1)', '5.7.1'],
    // Yahoo's own "4.16.50" names no RFC 3463 subject (0–7): the 4.7.0 beside the reply code stands.
    ['421 4.7.0 [GL01] Message from (203.0.113.9) temporarily deferred - 4.16.50. Please refer to https://postmaster.example/errors', '4.7.0'],
  ])('%s → %s', async (reply, code) => {
    expect(await statusOf(reply)).toBe(code);
  });

  it('does not take version numbers, IP addresses or dates for codes', async () => {
    const b = await parseBounce(
      'Received: by 10.5.1.1 with Microsoft SMTP Server id 15.20.1771.16 on 1.2.2025\nSent from 5.5.5.5, build 5.1.2.3',
    );
    expect(b.isBounce).toBe(false);
  });

  it('takes the more specific code when an MTA wraps the remote reply (5.1.0 around 5.2.2)', async () => {
    expect(await statusOf("5.1.0 - Unknown address error 550-'5.2.2 <kari@contoso.example>... Mailbox Full'")).toBe('5.2.2');
  });

  it('keeps the reply code only when its class agrees with the status', async () => {
    const b = await parseBounce('<kari@contoso.example>: host mx.contoso.example said: 250 2.0.0 ok; then 550 5.1.1 user unknown');
    expect(b.recipients[0]).toMatchObject({ status: '5.1.1', replyCode: '550' });
  });
});
