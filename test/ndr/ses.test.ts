/**
 * Amazon SES notifications as JSON (the mailbox simulator's bounce@ and success@ among them): plain,
 * pretty-printed with the keys in another order, or inside an SNS envelope.
 */
import { parseBounce } from '../../bot/ndr';

describe('Amazon SES notifications (mailbox simulator)', () => {
  const bounce = {
    notificationType: 'Bounce',
    bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'bounce@simulator.amazonses.com' }], timestamp: '2025-02-19T10:11:12.000Z' },
    mail: { source: 'ada@godwit.example', messageId: '0100abc', destination: ['bounce@simulator.amazonses.com'] },
  };

  it('reads a bounce without a status as the class SES gives it', async () => {
    const b = await parseBounce(JSON.stringify(bounce));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'bounce@simulator.amazonses.com', status: '5.0.0', statusInferred: true })]);
    expect(b.sender).toBe('ada@godwit.example');
  });

  it.each([
    ['Permanent', 'NoEmail', '5.1.1'],
    ['Transient', 'MailboxFull', '4.2.2'],
    ['Transient', 'General', '4.0.0'],
  ])('%s / %s → %s', async (bounceType, bounceSubType, status) => {
    const b = await parseBounce(JSON.stringify({ ...bounce, bounce: { ...bounce.bounce, bounceType, bounceSubType } }));
    expect(b.recipients[0]?.status).toBe(status);
  });

  it('keeps the status SES did give', async () => {
    const withStatus = { ...bounce, bounce: { ...bounce.bounce, bouncedRecipients: [{ emailAddress: 'bounce@simulator.amazonses.com', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] } };
    const b = await parseBounce(JSON.stringify(withStatus));
    expect(b.recipients[0]).toMatchObject({ status: '5.1.1', replyCode: '550' });
    expect(b.recipients[0]?.statusInferred).toBeUndefined();
  });

  it('reads the notification inside an SNS envelope', async () => {
    const envelope = { Type: 'Notification', MessageId: 'm-1', TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-bounces', Message: JSON.stringify(bounce) };
    const b = await parseBounce(JSON.stringify(envelope, null, 2));
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]?.address).toBe('bounce@simulator.amazonses.com');
  });

  it('reads pretty-printed JSON whose type is not the first key', async () => {
    const { notificationType, ...rest } = bounce;
    const b = await parseBounce(JSON.stringify({ mail: rest.mail, bounce: rest.bounce, notificationType }, null, 2));
    expect(b.recipients[0]?.address).toBe('bounce@simulator.amazonses.com');
  });

  it('says a delivery notice (success@) is not a bounce', async () => {
    const delivery = { notificationType: 'Delivery', delivery: { recipients: ['success@simulator.amazonses.com'], smtpResponse: '250 2.6.0 Message received' }, mail: bounce.mail };
    const b = await parseBounce(JSON.stringify(delivery));
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('delivery-notice');
  });
});
