/**
 * Facts the diagnosis needs from the remote server's own words when the original headers were not
 * pasted: the sender's domain (SPF and DMARC rejections name it) and the sending IP, never the
 * receiving server's address. Replies are written for these tests in each vendor's style.
 */
import { parseBounce } from '../../bot/ndr';
import { ipFromReplyText } from '../../bot/ndr/ip';

/** A Postfix bounce as pasted: the recipient, the receiving host, the reply. */
function postfix(reply: string, host = 'mx1.fabrikam.example[203.0.113.25]'): string {
  return [
    'This is the mail system at host relay.godwit.example.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients.',
    '',
    `<grace@fabrikam.example>: host ${host} said: ${reply}`,
  ].join('\n');
}

describe('sender domain from the remote server words', () => {
  it.each([
    ['Postfix policy: not permitted to send mail for', '550 5.7.1 <grace@fabrikam.example>: Recipient address rejected: 203.0.113.5 is not permitted to send mail for godwit.example'],
    ['Exim: SPF check failed for', '550 5.7.23 SPF check failed for godwit.example (the sending host is not authorised)'],
    ['Gmail: SPF [domain] with ip', '550-5.7.26 This mail has been blocked because the sender is unauthenticated. SPF [godwit.example] with ip: [203.0.113.5] = did not pass'],
    ['Gmail: SPF check for [domain]', '550-5.7.26 For this message, DKIM checks did not pass and SPF check for [godwit.example] did not pass with ip: [203.0.113.5].'],
    ['Received-SPF wording', '550 5.7.1 Rejected: domain of godwit.example does not designate 203.0.113.5 as permitted sender'],
    ['Sender domain …', '554 5.7.1 Sender domain godwit.example has no valid SPF record and is blocked'],
    ['Microsoft: sending domain', '550 5.7.509 Access denied, sending domain godwit.example does not pass DMARC verification and has a DMARC policy of reject.'],
    ['Authentication-Results quoted', '550 5.7.1 Rejected by policy (spf=fail smtp.mailfrom=godwit.example; dkim=none)'],
    ['best guess record for domain of', '550 5.7.1 Rejected: neither permitted nor denied by best guess record for domain of godwit.example'],
    ['Gmail DMARC', "550-5.7.26 Unauthenticated email from godwit.example is not accepted due to domain's DMARC policy."],
  ])('%s', async (_name, reply) => {
    const b = await parseBounce(postfix(reply));
    expect(b.isBounce).toBe(true);
    expect(b.senderDomain).toBe('godwit.example');
    expect(b.senderSource).toBe('text');
    expect(b.sender).toBeUndefined();
  });

  it('takes the whole address when the words give one (the SPF explanation URL)', async () => {
    const b = await parseBounce(
      postfix('550 5.7.23 <grace@fabrikam.example>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=ada@godwit.example;ip=203.0.113.5;r=mx1.fabrikam.example'),
    );
    expect(b.sender).toBe('ada@godwit.example');
    expect(b.senderDomain).toBe('godwit.example');
    expect(b.senderSource).toBe('text');
    expect(b.sendingIp).toBe('203.0.113.5');
  });

  it("reads Exim's transcript line (after MAIL FROM:<…>)", async () => {
    const text = [
      'A message that you sent could not be delivered to one or more of its',
      'recipients. This is a permanent error. The following address(es) failed:',
      '',
      '  grace@fabrikam.example',
      '    host mx1.fabrikam.example [203.0.113.25]',
      '    SMTP error from remote mail server after MAIL FROM:<ada@godwit.example> SIZE=2048:',
      '    550 5.7.1 Sender rejected by local policy',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.sender).toBe('ada@godwit.example');
    expect(b.senderDomain).toBe('godwit.example');
    expect(b.sendingIp).toBeUndefined();
  });

  it.each([
    ["the recipient's domain", '550 5.7.1 SPF check failed for fabrikam.example', 'mx1.fabrikam.example[203.0.113.25]'],
    ["a host under the recipient's domain", '550 5.7.1 domain of mx1.fabrikam.example does not accept mail', 'mx1.fabrikam.example[203.0.113.25]'],
    ["the remote server's host name", '550 5.7.1 SPF check failed for filter.mailhost.example', 'filter.mailhost.example[203.0.113.25]'],
  ])('never takes %s for it', async (_name, reply, host) => {
    const b = await parseBounce(postfix(reply, host));
    expect(b.isBounce).toBe(true);
    expect(b.senderDomain).toBeUndefined();
  });

  it('leaves the original headers in charge when they were pasted', async () => {
    const text = `${postfix('550 5.7.23 SPF check failed for godwit.example')}\n\n--- Below this line is a copy of the message.\n\nReturn-Path: <bounces@mailer.godwit.example>\nFrom: Ada <ada@godwit.example>\nTo: grace@fabrikam.example\nSubject: Hello\n`;
    const b = await parseBounce(text);
    expect(b.sender).toBe('bounces@mailer.godwit.example');
    expect(b.senderSource).toBe('return-path');
  });
});

describe('sending IP: the client, never the receiving server', () => {
  // Replies that attribute an address to the sender (or leave a bracketed one unattributed).
  it.each([
    ['Gmail labelled', 'SPF [godwit.example] with ip: [203.0.113.5] = did not pass', '203.0.113.5'],
    ['Authentication-Results', 'spf=fail (sender IP is 203.0.113.5) smtp.mailfrom=godwit.example', '203.0.113.5'],
    ['Received-SPF', 'SoftFail (mx1.fabrikam.example: domain of transitioning godwit.example does not designate 203.0.113.5 as permitted sender) client-ip=203.0.113.5;', '203.0.113.5'],
    ['Postfix RBL', '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.example', '203.0.113.5'],
    ['Yahoo deferral', '421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume', '203.0.113.5'],
    ['Gmail rate limit', '421-4.7.0 [203.0.113.5      15] Our system has detected an unusual rate of unsolicited mail', '203.0.113.5'],
    ['listed', '550 5.7.1 Rejected because 203.0.113.5 is listed at a DNS blocklist', '203.0.113.5'],
    ['reverse DNS', '550 5.7.25 Reverse DNS lookup for host 203.0.113.5 failed permanently', '203.0.113.5'],
    ['unattributed bracketed', '550 5.7.1 [203.0.113.5] Message rejected by policy', '203.0.113.5'],
    ['IPv6 bracketed', '550 5.7.26 Unauthenticated email from [2001:db8::25] is not accepted', '2001:db8::25'],
    ['SPF, for the domain (ip)', '550 5.7.1 SPF check failed for godwit.example (203.0.113.5)', '203.0.113.5'],
    ['SPF, for client ip', '550 5.7.1 Rejected: SPF (godwit.example) failed for client 203.0.113.5', '203.0.113.5'],
    ['SPF, ip not permitted', '550 5.7.1 Message rejected due to SPF policy violation (203.0.113.5 not permitted for godwit.example)', '203.0.113.5'],
    // The receiving host and the client in one text: the client's address wins.
    ['both', 'host mx1.fabrikam.example[203.0.113.25] said: 550 5.7.1 Client host [198.51.100.7] blocked', '198.51.100.7'],
  ])('takes the sender address (%s)', (_name, text, ip) => {
    expect(ipFromReplyText(text)).toBe(ip);
  });

  // Texts whose only address belongs to the receiving server.
  it.each([
    ['Postfix host … said', 'host mx1.fabrikam.example[203.0.113.25] said: 550 5.1.1 <grace@fabrikam.example>: Recipient address rejected: User unknown'],
    ['Exim host … [ip]', 'host mx1.fabrikam.example [203.0.113.25]: 550 5.1.1 mailbox unavailable'],
    ['Exchange Remote Server at', "Remote Server at mx1.fabrikam.example (203.0.113.25) returned '550 4.4.7 QUEUE.Expired; message expired'"],
    ['Exchange last endpoint', '451 4.4.0 Primary target IP address responded with: "421 4.4.0 Unable to connect." The last endpoint attempted was 203.0.113.25:25'],
    ['Postfix connect to', 'connect to mx1.fabrikam.example[203.0.113.25]:25: Connection timed out'],
    ['Remote-MTA', 'Remote-MTA: dns; mx1.fabrikam.example [203.0.113.25]'],
    ['Microsoft organization', 'The following organization rejected your message: mx1.fabrikam.example [203.0.113.25].'],
    ['qmail', '203.0.113.25 does not like recipient. Remote host said: 550 No such user here'],
    ['qmail giving up', 'Connected to 203.0.113.25 but sender was rejected. Giving up on 203.0.113.25.'],
    ['Postfix lost connection', 'lost connection with mx1.fabrikam.example[203.0.113.25] while receiving the initial server greeting'],
    ['Gmail socket error (an address with port 25)', 'The recipient server did not accept our requests to connect. [(0) mx1.fabrikam.example. [203.0.113.25]:25: socket error]'],
    ['IPv6 endpoint with port 25', 'The recipient server did not accept our requests to connect. [mx1.fabrikam.example. [2001:db8::25]:25: timed out]'],
    ['bare and parenthesised without a label', '550 5.7.1 mx1.fabrikam.example (203.0.113.25) 203.0.113.26 rejected'],
    ['the receiving server named before an SPF failure', '550 5.7.1 mx1.fabrikam.example (203.0.113.25) SPF check failed'],
  ])('takes nothing from %s', (_name, text) => {
    expect(ipFromReplyText(text)).toBeUndefined();
  });

  it('never takes an address the report gives to the receiving server, even bracketed in the reply', async () => {
    const text = [
      'Reporting-MTA: dns; relay.godwit.example',
      '',
      'Final-Recipient: rfc822; grace@fabrikam.example',
      'Action: failed',
      'Status: 5.7.1',
      'Remote-MTA: dns; mx1.fabrikam.example [203.0.113.25]',
      'Diagnostic-Code: smtp; 550 5.7.1 [203.0.113.25] Message refused by policy',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.sendingIp).toBeUndefined();
  });

  it('reads the client address from a pasted Postfix DSN whose diagnostic names the receiving host', async () => {
    const text = [
      'Final-Recipient: rfc822; grace@fabrikam.example',
      'Action: failed',
      'Status: 5.7.1',
      'Diagnostic-Code: X-Postfix; host mx1.fabrikam.example[203.0.113.25] said: 554 5.7.1',
      '    Service unavailable; Client host [198.51.100.7] blocked using bl.example',
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.sendingIp).toBe('198.51.100.7');
    expect(b.sendingIpSource).toBe('remote-reply');
  });
});
