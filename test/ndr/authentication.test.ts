/**
 * What a bounce says about authentication: the original message's From and envelope domains and DKIM
 * signatures, and what the rejecting server reported (Gmail, Outlook.com, Authentication-Results style).
 */
import { fromRemoteWords, signatureOf } from '../../bot/ndr/authentication';
import { parseBounce } from '../../bot/ndr';

describe('what the rejecting server said it saw', () => {
  it.each([
    ['Gmail', 'Authentication results: DKIM = did not pass SPF [contoso.example] with ip: [203.0.113.5] = did not pass', { dkim: 'fail', spf: 'fail', spfDomain: 'contoso.example' }],
    ['Gmail, SPF passing', 'DKIM = did not pass SPF [contoso.example] with ip: [40.107.1.2] = pass', { dkim: 'fail', spf: 'pass' }],
    ['Outlook.com', "doesn't meet the required authentication level. Spf= Fail , Dkim= Pass , DMARC= Pass", { spf: 'fail', dkim: 'pass', dmarc: 'pass' }],
    ['Authentication-Results style', 'spf=softfail smtp.mailfrom=bounce.contoso.example; dkim=none header.d=contoso.example; dmarc=fail', { spf: 'softfail', dkim: 'none', dmarc: 'fail', spfDomain: 'bounce.contoso.example', dkimDomain: 'contoso.example' }],
    ['a DMARC policy reject in words', 'Email rejected per DMARC policy for contoso.example', { dmarc: 'fail' }],
  ])('%s', (_name, text, expected) => {
    expect(fromRemoteWords(text)).toMatchObject(expected);
  });

  it('reads nothing into words that say nothing about authentication', () => {
    expect(fromRemoteWords('550 5.1.1 User unknown')).toEqual({});
  });
});

describe('the original message’s identities', () => {
  it('reads d= and s= of a DKIM-Signature, and refuses what is not a domain or selector', () => {
    expect(signatureOf('v=1; a=rsa-sha256; c=relaxed/relaxed; d=Contoso.Example; s=Selector1; h=from:to; bh=x; b=y')).toEqual({ domain: 'contoso.example', selector: 'selector1' });
    expect(signatureOf('v=1; d=contoso.example')).toBeUndefined();
    expect(signatureOf('v=1; d=not a domain; s=s1')).toBeUndefined();
  });

  it('keeps the From domain, the envelope domain and the signatures from a bounce’s quoted headers', async () => {
    const b = await parseBounce(
      [
        'Delivery has failed to these recipients or groups:',
        'grace@fabrikam.example',
        "Remote Server returned '550 5.7.509 Access denied, sending domain [contoso.example] does not pass DMARC verification and has a DMARC policy of reject.'",
        'Original message headers:',
        '',
        'Return-Path: <bounce-42@mailer.vendor.example>',
        'From: News <news@contoso.example>',
        'DKIM-Signature: v=1; a=rsa-sha256; d=vendor.example; s=k1; bh=x; b=y',
        'ARC-Seal: i=1; a=rsa-sha256; d=forwarder.example; s=arc; cv=none; b=z',
        'To: grace@fabrikam.example',
        'Subject: News',
        '',
      ].join('\n'),
    );
    expect(b.authentication).toMatchObject({
      fromDomain: 'contoso.example',
      mailFromDomain: 'mailer.vendor.example',
      signatures: [{ domain: 'vendor.example', selector: 'k1' }],
      arcSealed: true,
      reported: { dmarc: 'fail' },
    });
  });
});
