/**
 * The cards of the rule-based families (recipient, mailbox, policy, transient) read as the person reads
 * them: real bounces through the parser, the registry and the test DNS server, then the card's text. Each
 * test names the bounce, what the card used to say, and what it must say now.
 */
import { diagnosisText, type Locale } from '../../bot/cards';
import { diagnose, type Diagnosis } from '../../bot/diagnosis';
import { parseBounce } from '../../bot/ndr';
import { exoNdrText, postfixGaveUpOpening, postfixLaptopReport, quotedHeaders } from '../helpers/bounces';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { checksFor } from '../helpers/scenarios';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({
    'contoso.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'contoso-example.mail.protection.outlook.com'] }],
    'hotmail.com': [{ MX: [2, 'hotmail-com.olc.protection.outlook.com'] }],
    'northwind.example': [{ MX: [10, 'mx1.northwind.example'] }],
    'mx1.northwind.example': [{ A: '192.0.2.25' }],
    'wingtip.example': [{ TXT: 'v=spf1 a:mail.wingtip.example -all' }, { MX: [10, 'mail.wingtip.example'] }],
    'mail.wingtip.example': [{ A: '198.51.100.20' }],
    'brokenmx.example': [{ MX: [10, 'mx.nowhere.example'] }],
    'nullmx.example': [{ MX: [0, '.'] }],
  });
});
afterAll(() => dns.stop());

async function exo(recipient: string, reply: string, remoteHost?: string): Promise<Diagnosis> {
  const text = exoNdrText({ recipient, reply, headers: quotedHeaders(recipient, ['From: Ada Lovelace <ada@contoso.example>']), ...(remoteHost ? { remoteHost } : {}) });
  return diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
}

/** A sender's own Postfix reporting `reply`: still retrying (`delay`), or given up. */
async function postfix(reply: string, delay: boolean): Promise<Diagnosis> {
  const text = postfixLaptopReport({ domain: 'contoso.example', recipient: 'grace@fabrikam.example', reply, dsn: false, delay });
  return diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
}

const card = (d: Diagnosis, locale: Locale = 'en'): string => diagnosisText(d, locale, {}, 'cli');

describe("Outlook.com's own block list (S3150)", () => {
  const S3150 =
    "550 5.7.1 Unfortunately, messages from [198.51.100.7] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors.";

  it('is delisted through Outlook.com, not looked up on a public list such as Spamhaus', async () => {
    const d = await exo('grace@hotmail.com', S3150, 'hotmail-com.olc.protection.outlook.com');
    expect(d.verdict.cause).toBe('ip-listed-outlook-com');
    expect(d.owner).toBe('sender');
    const text = card(d);
    expect(text).toContain('olcsupport.office.com');
    expect(text).not.toContain('Spamhaus');
    expect(text).not.toContain('Look the sending IP address up on the block list the error names');
    expect(card(d, 'ja')).toContain('olcsupport.office.com');
  });
});

describe('a delay for a block list', () => {
  it('says to get the address off the list, not to wait: the retries fail while it is listed', async () => {
    const reply = '450 4.7.1 Service unavailable; Client host [203.0.113.50] blocked using zen.spamhaus.org';
    const d = await postfix(reply, true);
    expect(d.verdict.cause).toBe('ip-listed');
    expect(d.owner).toBe('sender');
    const en = card(d);
    expect(en).toContain('Get the IP off the list');
    expect(en).toContain('This is a temporary error');
    expect(en).not.toContain('Nothing to do yet');
    expect(en).not.toContain('nobody needs to');
  });
});

describe('a full mailbox the sending server still retries (4.2.2)', () => {
  it('says the retries deliver it once there is room, and never to resend before a final bounce', async () => {
    const d = await exo('grace@fabrikam.example', '452 4.2.2 The email account that you tried to reach is over quota. - gsmtp');
    expect(d.verdict.cause).toBe('mailbox-full');
    expect(d.steps.map((s) => s.id)).toEqual(['tell-recipient-full', 'no-resend-yet']);
    const en = card(d);
    expect(en).toContain("Don't resend yet");
    expect(en).toContain('This is a temporary error');
    expect(en).not.toContain('Resend once they have made room');
    expect(card(d, 'sv')).toContain('Skicka inte om än');
    // Its title agrees: not delivered yet, not "not delivered" as of a final bounce.
    expect(en.split('\n')[0]).toBe("Not delivered yet: the recipient's mailbox");
    expect(card(d, 'ja').split('\n')[0]).toBe('まだ配信されていません: 受信者のメールボックスの問題');
  });

  it('keeps "resend once they have made room" for a mailbox full for good (5.2.2)', async () => {
    const d = await exo('grace@fabrikam.example', '552 5.2.2 <grace@fabrikam.example>: Mailbox full');
    expect(d.steps.map((s) => s.id)).toEqual(['tell-recipient-full', 'resend-later']);
    expect(card(d)).not.toContain('This is a temporary error');
    expect(card(d).split('\n')[0]).toBe("Not delivered: the recipient's mailbox");
  });

  it("Gmail's deferral of unauthenticated mail the server still retries (4.7.26): held back, fixed in DNS, no resend", async () => {
    const d = await postfix(
      '421-4.7.26 This mail has been rate limited because it is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
      true,
    );
    expect(d.playbook).toBe('authentication');
    // Gmail's rule for every sender, not Exchange Online's 4.7.26 for mail over IPv6.
    expect((d as Diagnosis & { rule?: string }).rule).toBe('spf-or-dkim');
    expect(d.steps.at(-1)?.id).toBe('wait-retry');
    const en = card(d);
    expect(en.split('\n')[0]).toBe("Held back by the recipient's server: the message didn't pass its authentication checks");
    expect(en).toContain('no need to resend');
    expect(en).not.toMatch(/Then resend the message/);
  });

  it("Gmail's SPF deferral the server still retries (4.7.27): held back, and never asked to be resent", async () => {
    const d = await postfix("421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message.", true);
    expect(d.playbook).toBe('spf');
    // The record's fault (the zone here has no record at spf.protection.outlook.com): fixed in DNS, then a retry delivers it.
    expect(d.steps.at(-1)).toMatchObject({ id: 'wait-retry', variant: 'afterFix' });
    const en = card(d);
    expect(en.split('\n')[0]).toBe("Held back by the recipient's server: SPF check failed");
    expect(en).toContain('the sending server keeps retrying');
    expect(en).not.toMatch(/resend the message/i);
    expect(card(d, 'ko').split('\n')[0]).toBe('받는 사람 서버에서 보류됨: SPF 검사 실패');
  });

  describe('an SPF deferral from a domain whose record is right: the receiving side holds it back', () => {
    const reply = "421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message.";
    const report = (delay: boolean) =>
      parseBounce(postfixLaptopReport({ domain: 'wingtip.example', recipient: 'grace@fabrikam.example', reply, dsn: false, delay })).then((b) =>
        diagnose(b, { checks: checksFor(dns.address) }),
      );

    it('says the problem is on the receiving side, and asks their admin about a deferral, never a rejection', async () => {
      const d = await report(true);
      expect([d.playbook, d.verdict.cause]).toEqual(['spf', 'receiving-side']);
      const en = card(d);
      expect(en.split('\n')[0]).toBe("Held back by the recipient's server: SPF check failed");
      expect(en).toContain('the problem is on the receiving side');
      expect(en).toContain('Mail from wingtip.example deferred by your server (SPF, 4.7.27)');
      expect(en).toContain('Your mail server keeps deferring a message from wingtip.example to grace@fabrikam.example');
      expect(en).toContain('our server is still retrying it');
      // The card says "held back" from its title to the message it drafts: no line calls it a rejection.
      expect(en).not.toMatch(/reject/i);
      const fr = card(d, 'fr');
      expect(fr).toContain('Courrier de wingtip.example différé par votre serveur');
      expect(fr).not.toMatch(/rejet/i);
      const ja = card(d, 'ja');
      expect(ja).toContain('wingtip.example からのメールの受信保留について');
      expect(ja).not.toMatch(/受信拒否|拒否されました|拒否の原因/);
    });

    it('a final bounce asks about the rejection (guard)', async () => {
      const d = await report(false);
      expect([d.playbook, d.verdict.cause]).toEqual(['spf', 'receiving-side']);
      const en = card(d);
      expect(en).toContain('Mail from wingtip.example rejected by your server (SPF, 4.7.27)');
      expect(en).toContain('Your mail server rejected a message from wingtip.example');
    });
  });

  // Gmail's 4.7.28, Yahoo's TSS04, 163.com's MI:DMC and Outlook.com's RP-001 given up on: the reputation or the limit to act on; while retried, a wait (guard).
  it.each([
    ['421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address.', 'low-reputation', 'Check your sending reputation'],
    // A mail flood (X.7.28, RFC 7372) in words that name neither reputation nor spam.
    ['421-4.7.28 [203.0.113.9] Our system has detected that this message exceeded the rate that the sending domain is allowed to send. Please slow down.', 'low-reputation', 'Check your sending reputation'],
    ['421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes', 'low-reputation', 'Check your sending reputation'],
    ['451 MI:DMC 163 mx28,QsCowAB3; Too many mails from same sender or IP', 'rate-limited', 'Resend the message once the limit has reset'],
    // Outlook.com's hourly and daily limits (RP-001 to RP-003).
    ["421 RP-001 (BAY004-MC1F41) Unfortunately, some messages from 203.0.113.9 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day.", 'rate-limited', 'Resend the message once the limit has reset'],
    ['451 4.7.651 The mail server [203.0.113.9] has been temporarily rate limited due to IP reputation.', 'low-reputation', 'Check your sending reputation'],
  ])('a deferral given up on is what to act on, %s', async (reply, cause, step) => {
    const gaveUp = await postfix(reply, false);
    expect([gaveUp.playbook, gaveUp.verdict.cause]).toEqual(['policy', cause]);
    expect(card(gaveUp)).toContain(step);
    const retried = await postfix(reply, true);
    expect([retried.playbook, retried.verdict.cause]).toEqual(['transient', 'throttled']);
  });

  it('the same refusal given up on keeps its rejection and the resend (guard)', async () => {
    const d = await postfix('550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has been blocked.', false);
    expect(d.steps.at(-1)?.id).toBe('wait-resend');
    expect(card(d).split('\n')[0]).toMatch(/^Rejected by the recipient's server/);
  });

  it("a policy refusal the server still retries is held back, not refused, in the card's title (4.7.23)", async () => {
    const d = await postfix('421-4.7.23 The sending IP does not match the IP address of the hostname specified in the pointer (PTR) record.', true);
    expect(d.verdict.cause).toBe('no-reverse-dns');
    expect(card(d).split('\n')[0]).toBe("Not delivered yet: held back by the receiving server's policy");
    expect(card(d, 'fr').split('\n')[0]).toBe('Pas encore remis\u00a0: retenu par une stratégie');
  });
});

describe('a delay that lifts by itself', () => {
  it('credits the retries to Microsoft 365 only when Microsoft 365 sent the bounce', async () => {
    const reply = '450 4.7.1 <grace@fabrikam.example>: Recipient address rejected: Greylisted, please try again later';
    const own = await postfix(reply, true);
    expect(own.verdict.cause).toBe('greylisted');
    expect(own.bounce.microsoft365).toBe(false);
    expect(card(own)).toContain('Who fixes it: nobody needs to; the sending server retries by itself');
    expect(card(own)).not.toContain('Microsoft 365 retries');
    expect(card(own, 'fr')).toContain('le serveur d’envoi réessaie de lui-même');

    const exchange = await exo('grace@fabrikam.example', reply);
    expect(exchange.bounce.microsoft365).toBe(true);
    expect(card(exchange)).toContain('Microsoft 365 retries or lifts it by itself');
  });
});

describe("a gateway's anti-spoofing policy", () => {
  it("names the spoofing verdict and the exception its admin can make, not an unnamed policy", async () => {
    const d = await postfix('550 Rejected by header based Anti-Spoofing policy: ada@contoso.example - https://community.mimecast.com/docs/DOC-1369#550 [AbCdEf]', false);
    expect([d.playbook, d.verdict.cause, d.owner]).toEqual(['policy', 'spoofing-blocked', 'recipient-admin']);
    const en = card(d);
    expect(en).toContain("The recipient's mail gateway took the message for a spoof");
    expect(en).toContain('Anti-Spoofing bypass policy');
    expect(en).not.toContain('refused delivery by policy');
    expect(card(d, 'sv')).toContain('Mottagarens e-postgateway tog meddelandet för en förfalskning');
  });
});

describe('greylisting that never let the retries through', () => {
  it("asks the recipient's admin to exempt the sender, not to deal with the words in general", async () => {
    const d = await postfix('450 4.2.0 <grace@fabrikam.example>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/fabrikam.example.html', false);
    expect(d.verdict.cause).toBe('greylist-never-passed');
    expect(d.owner).toBe('recipient-admin');
    const en = card(d);
    expect(en).toContain("The recipient's greylisting never let the message through");
    expect(en).toContain('exempt your sending service from greylisting');
    expect(en).toContain('spf.protection.outlook.com');
    expect(en).not.toContain('Deal with what the receiving server said');
    expect(en).not.toContain('Nothing to do yet');
    expect(card(d, 'ko')).toContain('그레이리스팅');
  });
});

describe('a group of your own organization that takes only authenticated mail (5.7.133)', () => {
  const REPLY = '550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed as sender not authenticated for group';

  it('says the message came in unauthenticated, from a device or an app, not that you write from outside', async () => {
    const d = await exo('all-staff@contoso.example', REPLY);
    expect(d.verdict.cause).toBe('auth-required-internal');
    expect(d.owner).toBe('sender');
    const en = card(d);
    expect(en).toContain('The message reached all-staff@contoso.example as if from outside your organization');
    expect(en).toContain('Send it from a signed-in mailbox');
    expect(en).not.toContain('you write from outside');
    expect(en).not.toContain('Ask to be let in');
    expect(card(d, 'ko')).toContain('로그인한 사서함에서 보내기');
  });

  it('still asks to be let in when the group is another organization’s', async () => {
    const d = await exo('all-staff@fabrikam.example', REPLY);
    expect(d.verdict.cause).toBe('auth-required');
    expect(d.owner).toBe('recipient-admin');
    expect(card(d)).toContain('Ask to be let in');
  });
});

describe('a final bounce for a temporary code (Postfix gave up after retrying)', () => {
  const gaveUp = (reply: string): Promise<Diagnosis> => postfix(reply, false);

  it('says the server gave up and to act on its words, not to wait for retries that ended', async () => {
    const d = await gaveUp('450 4.7.1 <grace@fabrikam.example>: Recipient address rejected: Service is unavailable');
    expect(d.verdict.cause).toBe('retries-refused');
    const en = card(d);
    expect(en).toContain('The sending server gave up: the receiving server kept putting the message off');
    expect(en).toContain('This bounce is final: nothing is retried any more.');
    expect(en).toContain('PTR record');
    expect(en).not.toContain('Nothing to do yet');
    expect(en).not.toContain('This is a temporary error');
    expect(card(d, 'ja')).toContain('このバウンス メッセージは最終的なもので');
  });

  it('reads a temporary reply with no enhanced code as the same final refusal, not as a bounce with no code', async () => {
    const d = await gaveUp('451 Temporary local problem - please try later');
    expect(d.playbook).toBe('transient');
    expect(d.verdict.cause).toBe('retries-refused');
    const en = card(d);
    expect(en).toContain('This bounce is final: nothing is retried any more.');
    expect(en).not.toContain('The bounce gives no error code');
  });

  it('while the server still retries a temporary reply with no enhanced code, says to wait', async () => {
    const d = await postfix('451 Temporary local problem - please try later', true);
    expect(d.playbook).toBe('transient');
    expect(d.verdict.cause).toBe('delayed');
    expect(card(d)).toContain('Nothing to do yet');
  });

  it('names a refusal for the sending IP\'s reverse DNS, and to resend once it is published', async () => {
    const d = await gaveUp('450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.7]');
    expect(d.verdict.cause).toBe('no-reverse-dns');
    expect(d.owner).toBe('sender');
    const en = card(d);
    expect(en).toContain("The sending server has no reverse DNS the receiver accepts");
    expect(en).toContain('Then resend the message.');
    expect(en).not.toContain('a retry gets through');
    expect(en).not.toContain('This is a temporary error');
  });

  it('while the server still retries, says a retry gets through once the reverse DNS is published, not to resend', async () => {
    const d = await postfix('450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.7]', true);
    expect(d.verdict.cause).toBe('no-reverse-dns');
    const en = card(d);
    expect(en).toContain('once the record is published, a retry gets through');
    expect(en).not.toContain('Then resend the message.');
    expect(card(d, 'sv')).toContain('går ett nytt försök igenom');
  });

  it('tells the sender of a full mailbox to resend once there is room, since nothing retries it', async () => {
    const d = await gaveUp('452 4.2.2 The email account that you tried to reach is over quota');
    expect(d.verdict.cause).toBe('mailbox-full');
    const en = card(d);
    expect(en).toContain('Resend once they have made room');
    expect(en).not.toContain("Don't resend yet");
    expect(en).not.toContain('This is a temporary error');
  });
});

describe('a message that expired in the queue', () => {
  it("points to the Remote Connectivity Analyzer's test of the recipient's domain, not the one of the sender's own IP", async () => {
    const d = await exo('grace@fabrikam.example', '550 4.4.7 QUEUE.Expired; message expired');
    expect(d.verdict.cause).toBe('expired');
    expect(card(d)).toContain('Remote Connectivity Analyzer (Inbound SMTP Email test)');
    expect(card(d)).not.toContain('Outbound SMTP');
    expect(card(d, 'fr')).toContain('test de courrier SMTP entrant');
  });
});

describe('a message Postfix stopped trying to deliver because the recipient’s server never answered', () => {
  it('says it expired without claiming how long Microsoft 365 retries', async () => {
    const text = [
      ...postfixGaveUpOpening('mail.contoso.example'),
      '',
      '<grace@hotmail.com>: connect to hotmail-com.olc.protection.outlook.com[192.0.2.25]:25: Connection timed out',
      '',
      'Final-Recipient: rfc822; grace@hotmail.com',
      'Action: failed',
      'Status: 4.4.1',
      'Diagnostic-Code: X-Postfix; connect to hotmail-com.olc.protection.outlook.com[192.0.2.25]:25: Connection timed out',
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.verdict.cause).toBe('expired');
    const en = card(d);
    expect(en).toContain('The sending server kept trying for too long without getting the message to the recipient');
    expect(en).not.toContain('about a day');
    expect(en).not.toContain('Nothing to do yet');
  });
});

describe('a refusal by the sender\'s own server', () => {
  // Exchange Online refusing to send (Send As, an outbound limit, automatic forwarding): the words quoted are its own.
  it.each([
    ['554 5.2.252 SendAsDenied; ada@contoso.example not allowed to send as bob@contoso.example', 'send-as-denied'],
    ['550 5.7.520 Access denied, Your organization does not allow external forwarding. AS(7555)', 'forwarding-blocked'],
    ['550 5.1.90 Your message can\'t be sent because you\'ve reached your daily limit for message recipients', 'sending-limit'],
  ])('quotes %s as what the sending server reported, not the receiving server', async (reply, cause) => {
    const d = await exo('grace@fabrikam.example', reply);
    expect(d.verdict.cause).toBe(cause);
    expect(card(d)).toContain('What the sending server reported');
    expect(card(d)).not.toContain('What the receiving server said');
    expect(card(d, 'ja')).toContain('送信側サーバーの報告');
  });

  it('leaves a receiving server\'s refusal as the receiving server\'s words', async () => {
    const d = await exo('grace@fabrikam.example', '552 5.2.2 mailbox full; STOREDRV.Deliver: mailbox quota exceeded');
    expect(d.verdict.cause).toBe('mailbox-full');
    expect(card(d)).toContain('What the receiving server said');
  });
});

describe('a message no receiving server answered', () => {
  // No receiving server ever answered (no route, no such domain, no TLS offered; Exchange's own "connection refused"):
  // whatever the bounce quotes is the sending server's report.
  it.each([
    ['connect to mx1.northwind.example[192.0.2.25]:25: No route to host', 'grace@northwind.example', 'connection-failed'],
    // northwind.example has mail servers in this zone: the lookup failed only when the message was sent.
    ['Host or domain name not found. Name service error for name=northwind.example type=MX: Host not found, try again', 'grace@northwind.example', 'dns-failure-resolved'],
    ['550 5.4.316 Message expired, connection refused(Socket error code 10061)', 'grace@northwind.example', 'connection-failed'],
  ])('quotes "%s" as what the sending server reported', async (reply, recipient, cause) => {
    const text = [...postfixGaveUpOpening('mail.contoso.example'), '', `<${recipient}>: ${reply}`, ''].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.verdict.cause).toBe(cause);
    expect(card(d)).toContain('What the sending server reported');
    expect(card(d)).not.toContain('What the receiving server said');
    expect(card(d, 'fr')).toContain('Ce qu’a signalé le serveur d’envoi');
  });

  it("names the server Exchange couldn't connect to as the one last tried, not as the one that rejected the message", async () => {
    const d = await exo('grace@northwind.example', '550 5.4.316 Message expired, connection refused(Socket error code 10061)', 'mx1.northwind.example');
    expect(d.verdict.cause).toBe('connection-failed');
    expect(card(d)).toMatch(/Last tried\W+mx1\.northwind\.example/);
    expect(card(d)).not.toContain('Rejected by');
  });
});

describe('other recipients on the same card', () => {
  // Each is told by what its words named, not by every meaning its code can have: 5.2.2's entry also speaks of
  // a sending quota, 5.4.1's of Exchange's accepted domains and MX records.
  it("says under each recipient its cause's own first step, and whose words the bounce quotes", async () => {
    const text = [
      ...postfixGaveUpOpening('mail.contoso.example'),
      '',
      '<grace@northwind.example>: host mx1.northwind.example[192.0.2.25] said: 550 5.1.1 <grace@northwind.example>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
      '',
      '<kim@northwind.example>: host mx1.northwind.example[192.0.2.25] said: 552 5.2.2 <kim@northwind.example>: Mailbox full (in reply to RCPT TO command)',
      '',
      '<lee@unreachable.northwind.example>: connect to mx.unreachable.northwind.example[192.0.2.99]:25: Connection timed out',
      '',
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.verdict.cause).toBe('address-unknown');
    const en = card(d);
    const kim = en.slice(en.indexOf('kim@northwind.example:'), en.indexOf('lee@unreachable.northwind.example:'));
    expect(kim).toContain('their mailbox is full');
    expect(kim).not.toContain('submission quota');
    const lee = en.slice(en.indexOf('lee@unreachable.northwind.example:'));
    expect(lee).toContain('Remote Connectivity Analyzer');
    expect(lee).not.toContain('Hybrid Configuration Wizard');
    expect(lee).toMatch(/The sending server reported\W+connect to mx\.unreachable/);
    expect(card(d, 'ja')).not.toContain('ハイブリッド構成ウィザード');
  });
});

describe("Gmail's refusal of mail that came without TLS (5.7.29, 4.7.29)", () => {
  it('says the sending server must use TLS, and to resend once it does', async () => {
    const d = await postfix("550-5.7.29 Your email has been blocked because the sender isn't using a TLS connection. Gmail requires all bulk senders to use a TLS connection.", false);
    expect(d.verdict.cause).toBe('tls-required');
    expect(d.owner).toBe('sender');
    const en = card(d);
    expect(en).toContain('Send with TLS');
    expect(en).toContain('then resend the message');
    expect(card(d, 'ja')).toContain('TLS を使って送信する');
  });

  it('while the server still retries, says a retry gets through once TLS is on, not to resend', async () => {
    const d = await postfix("421-4.7.29 Your email has been rate limited because this message wasn't sent over a TLS connection.", true);
    expect(d.verdict.cause).toBe('tls-required');
    const en = card(d);
    expect(en).toContain('once TLS is on, a retry gets through');
    expect(en).not.toContain('then resend the message');
  });
});

describe("Gmail's deferral for the sending IP's reverse DNS (4.7.23)", () => {
  it('asks for a PTR record, not an SPF fix: 4.7.23 is not 5.7.23', async () => {
    const d = await postfix("421-4.7.23 The sending IP address for this message doesn't have a PTR record, or the PTR record's forward DNS entry doesn't match the sending IP address.", true);
    expect(d.playbook).toBe('policy');
    expect(d.verdict.cause).toBe('no-reverse-dns');
    expect(card(d)).not.toContain('SPF');
  });
});

describe('retries that ended on a recipient domain DNS does not know', () => {
  it('checks the recipient domain instead of asking to act on a refusal', async () => {
    const d = await postfix('451 4.4.0 DNS query failed. The error was: SMTPSEND.DNS.NonExistentDomain; nonexistent domain', false);
    expect(d.verdict.cause).toBe('dns-failure');
    expect(d.owner).toBe('recipient-admin');
  });
});

describe("Exchange's delay notice (4.4.7 \"Message delayed\")", () => {
  const notice = [
    'Delivery is delayed to these recipients or groups:',
    '',
    'grace@fabrikam.example (grace@fabrikam.example)',
    '',
    'Subject: Quarterly figures',
    '',
    "This message hasn't been delivered yet. Delivery will continue to be attempted.",
    '',
    "The server will keep trying to deliver this message for the next 1 days, 19 hours and 57 minutes. You'll be notified if the message can't be delivered by that time.",
    '',
    'Diagnostic information for administrators:',
    '',
    'Generating server: AM6PR04MB1234.eurprd04.prod.outlook.com',
    'Receiving server: mx1.fabrikam.example (192.0.2.25)',
    '',
    'grace@fabrikam.example',
    "Server at mx1.fabrikam.example (192.0.2.25) returned '400 4.4.7 Message delayed'",
    '',
    'Original message headers:',
    '',
    ...quotedHeaders('grace@fabrikam.example', ['From: Ada Lovelace <ada@contoso.example>']),
  ].join('\n');

  it('says delivery is still being tried, not that the message expired', async () => {
    const d = await diagnose(await parseBounce(notice), { checks: checksFor(dns.address) });
    expect(d.playbook).toBe('transient');
    expect(d.verdict.cause).toBe('delayed');
    const en = card(d);
    expect(en).toContain('Nothing to do yet');
    expect(en).not.toContain('expired');
  });
});

describe('a final Postfix report for a server that refused the connection', () => {
  it("says the recipient's server couldn't be reached, not that it doesn't take mail for the domain", async () => {
    const text = [
      ...postfixGaveUpOpening('mail.contoso.example'),
      '',
      '<grace@northwind.example>: connect to mx1.northwind.example[192.0.2.25]:25: Connection refused',
      '',
      ...quotedHeaders('grace@northwind.example', ['From: Ada Lovelace <ada@contoso.example>']),
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.playbook).toBe('transient');
    expect(d.verdict.cause).toBe('connection-failed');
    expect(card(d)).not.toContain("doesn't take mail for");
  });
});

describe('a report that says delivery failed permanently, for a temporary code', () => {
  it('says nothing is retried any more, not that delivery is only delayed', async () => {
    const text = [
      'Delivery to the following recipient failed permanently:',
      '',
      '     grace@northwind.example',
      '',
      'Technical details of permanent failure:',
      '421 4.7.0 Temporary System Problem. Try again later.',
      '',
      ...quotedHeaders('grace@northwind.example', ['From: Ada Lovelace <ada@contoso.example>']),
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.verdict.cause).toBe('retries-refused');
    const en = card(d);
    expect(en).toContain('This bounce is final: nothing is retried any more.');
    expect(en).not.toContain('Nothing to do yet');
    // A connection limit it gave up on is that limit, final too.
    const limit = await diagnose(await parseBounce(text.replace('Temporary System Problem. Try again later.', 'Too many connections from your IP, try again later')), { checks: checksFor(dns.address) });
    expect(limit.verdict.cause).toBe('rate-limited');
    expect(card(limit)).toContain('Nothing retries it.');
    expect(card(limit)).not.toContain('Nothing to do yet');
  });
});

describe('TLS the sending side requires and the recipient\'s server does not offer', () => {
  it('asks the recipient\'s admin to turn TLS on, and says the requirement may be your own', async () => {
    const d = await postfix('TLS is required, but was not offered by host mx1.fabrikam.example[192.0.2.25]', true);
    expect(d.playbook).toBe('transient');
    expect(d.verdict.cause).toBe('tls-not-offered');
    expect(d.owner).toBe('recipient-admin');
    const en = card(d);
    expect(en).toContain("Ask the recipient's mail admin to turn on TLS");
    expect(en).toContain('Check whether the requirement is yours');
    expect(card(d, 'ko')).toContain('STARTTLS');
  });
});

describe("a recipient domain whose null MX says it takes no mail (RFC 7505)", () => {
  it('says the domain takes no mail, from the bounce and from DNS, and quotes the sending server', async () => {
    const text = [
      ...postfixGaveUpOpening('mail.contoso.example'),
      '',
      '<grace@nullmx.example>: Domain nullmx.example does not accept mail (nullMX)',
      '',
      'Final-Recipient: rfc822; grace@nullmx.example',
      'Action: failed',
      'Status: 5.1.10',
      'Diagnostic-Code: X-Postfix; Domain nullmx.example does not accept mail (nullMX)',
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect([d.playbook, d.verdict.cause, d.owner]).toEqual(['recipient', 'recipient-domain-missing', 'sender']);
    const en = card(d);
    expect(en).toContain('nullmx.example says in DNS that it takes no mail at all (a null MX record).');
    expect(en).not.toContain('exists in DNS but has no mail server');
    expect(en).toContain('What the sending server reported');
    expect(card(d, 'zh-TW')).toContain('nullmx.example 在 DNS 中宣告它不接收任何郵件');
  });
});

describe('a recipient server that was reached and then stopped answering', () => {
  // Postfix's report of a conversation that timed out after the server had answered: the card must not say it couldn't connect.
  it('says the conversation broke off, not that the server refused the connection or never answered', async () => {
    const text = [
      ...postfixGaveUpOpening('mail.contoso.example'),
      '',
      '<grace@northwind.example>: conversation with mx1.northwind.example[192.0.2.25] timed out while sending RCPT TO',
      '',
      ...quotedHeaders('grace@northwind.example', ['From: Ada Lovelace <ada@contoso.example>']),
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.verdict.cause).toBe('connection-lost');
    const en = card(d);
    expect(en).toContain("The recipient's server stopped answering");
    expect(en).toContain("reached the recipient's mail server");
    expect(en).not.toMatch(/couldn't connect|refused the connection/);
    expect(en).toContain('What the sending server reported');
    expect(d.steps.map((s) => s.id)).toEqual(['check-destination', 'check-own-side']);
    expect(card(d, 'ja')).toContain('通信が途中で切れました');
  });

  it('says, for one it gave up on, that it expired without getting the message through, not without reaching the server', async () => {
    const text = [
      ...postfixGaveUpOpening('mail.contoso.example'),
      '',
      '<grace@northwind.example>: conversation with mx1.northwind.example[192.0.2.25] timed out while sending RCPT TO',
      '',
      'Final-Recipient: rfc822; grace@northwind.example',
      'Action: failed',
      'Status: 4.4.2',
      'Diagnostic-Code: X-Postfix; conversation with mx1.northwind.example[192.0.2.25] timed out while sending RCPT TO',
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.verdict.cause).toBe('expired');
    const en = card(d);
    expect(en).toContain('without getting the message to the recipient');
    expect(en).not.toContain('without reaching');
    expect(card(d, 'sv')).toContain('utan att få fram meddelandet');
  });
});

describe("Gmail's delay notice for a server it can't connect to", () => {
  it("says the recipient's server can't be reached while Gmail keeps retrying", async () => {
    const text = [
      'Delivery incomplete',
      "There was a temporary problem delivering your message to grace@northwind.example. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.",
      '',
      'The response was:',
      'The recipient server did not accept our requests to connect. Learn more at https://support.google.com/mail/answer/7720 [mx1.northwind.example 192.0.2.25: timed out]',
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    expect(d.verdict.cause).toBe('connection-failed');
    const en = card(d);
    expect(en).toContain("The recipient's server can't be reached");
    expect(en).toContain('The recipient server did not accept our requests to connect');
    expect(en).not.toContain('Gmail will retry for 46 more hours');
  });
});

describe("a refusal of the sending server's greeting (HELO)", () => {
  it('asks for a full host name in DNS, and while the server retries, not to resend', async () => {
    const d = await postfix('450 4.7.1 <mail.local>: Helo command rejected: Host not found', true);
    expect(d.verdict.cause).toBe('helo-rejected');
    expect(d.owner).toBe('sender');
    const en = card(d);
    expect(en).toContain('Give the sending server a proper host name');
    expect(en).toContain('there is no need to resend');
    expect(card(d, 'sv')).toContain('HELO');
  });
});

describe("Exchange Online's 501 5.1.7 to a scanner sending with an invalid address", () => {
  it('is the sender address to fix, not a recipient address that does not exist', async () => {
    const d = diagnose(await parseBounce('501 5.1.7 Invalid address'), { checks: checksFor(dns.address) });
    const text = card(await d);
    expect(text).toContain("The receiving server refuses the sender's address as invalid");
    expect(text).toContain('Send from a full address that receives mail');
    expect(text).not.toContain("The recipient's address doesn't exist");
    expect(card(await d, 'sv')).toContain('Den mottagande servern avvisar avsändaradressen som ogiltig');
  });
});

describe("reports whose few words name the cause (OpenSMTPD's, Exim's)", () => {
  const read = async (lines: string[]) => diagnose(await parseBounce(lines.join('\n')), { checks: checksFor(dns.address) });
  /** The copy of the message each report ends with. */
  const ORIGINAL = ['From: Ada <ada@contoso.example>', 'To: grace@northwind.example', 'Subject: Quarterly figures'];

  it("OpenSMTPD's 'Envelope expired' is a message the sending server gave up on, not a failure of no stated kind", async () => {
    const d = await read([
      'Hi!',
      '',
      'This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.',
      '',
      'An error has occurred while attempting to deliver a message for',
      'the following list of recipients:',
      '',
      'grace@northwind.example: Envelope expired',
      '',
      'Below is a copy of the original message:',
      '',
      ...ORIGINAL,
    ]);
    expect([d.playbook, d.verdict.cause]).toEqual(['transient', 'expired']);
  });

  it("Exim's 'malformed address: … may not follow …' is an address written wrong in the message, the sender's to fix", async () => {
    const d = await read([
      'This message was created automatically by mail delivery software.',
      '',
      'A message that you sent contained one or more recipient addresses that were',
      'incorrectly constructed:',
      '',
      '  grace@northwind.example <kim@northwind.example>: malformed address: <kim@northwind.example> may not follow grace@northwind.example',
      '',
      'This address has been ignored. The other addresses in the message were',
      'syntactically valid and have been passed on for an attempt at delivery.',
      '',
      '------ This is a copy of your message, including all the headers. ------',
      ...ORIGINAL,
    ]);
    expect([d.playbook, d.verdict.cause, d.owner]).toEqual(['recipient', 'address-malformed', 'sender']);
  });

  it("Exim's '500 Line limit exceeded' after the message's data is the message's form to fix", async () => {
    const d = await read([
      'This message was created automatically by mail delivery software.',
      '',
      'A message that you sent could not be delivered to one or more of its',
      'recipients. This is a permanent error. The following address(es) failed:',
      '',
      '  grace@northwind.example',
      '    host mx1.northwind.example [192.0.2.25]',
      '    SMTP error from remote mail server after end of data:',
      '    500 Line limit exceeded',
      '',
      '------ This is a copy of the message, including all the headers. ------',
      ...ORIGINAL,
    ]);
    expect([d.playbook, d.verdict.cause, d.owner]).toEqual(['policy', 'malformed-message', 'sender']);
  });
});

describe("the recipient's domain the sending server couldn't find, which DNS finds now", () => {
  const read = async (lines: string[]) => diagnose(await parseBounce(lines.join('\n')), { checks: checksFor(dns.address) });
  /** Sendmail's transcript for a domain its DNS lookup said does not exist ("Host unknown"), under no enhanced code. */
  const sendmailHostUnknown = (domain: string) => [
    '   ----- Transcript of session follows -----',
    `550 ${domain} (smtp)... 550 Host unknown`,
    `554 <grace@${domain}>... 550 Host unknown (Authoritative answer from name server)`,
    '',
    '   ----- Unsent message follows -----',
    'From: Ada <ada@contoso.example>',
    `To: grace@${domain}`,
    'Subject: Quarterly figures',
  ];

  it("was a failed lookup, not a mailbox that doesn't exist: resend it", async () => {
    const d = await read(sendmailHostUnknown('northwind.example'));
    expect([d.playbook, d.verdict.cause, d.owner]).toEqual(['transient', 'dns-failure-resolved', 'sender']);
    const en = card(d);
    expect(en).toContain("The recipient's domain couldn't be found when the message was sent");
    expect(en).toContain('northwind.example can be found now: resend the message');
    // It used to say the mailbox doesn't exist, and then that the domain's DNS records are missing beside the line showing them.
    expect(en).not.toContain("The recipient's address doesn't exist");
    expect(en).not.toContain('its DNS records are missing or broken.');
    expect(card(d, 'fr')).toContain('Renvoyez le message');
  });

  it('a domain whose MX still names a host with no address is the domain\'s DNS to fix, and the card says why', async () => {
    const d = await read(sendmailHostUnknown('brokenmx.example'));
    expect([d.playbook, d.verdict.cause, d.owner]).toEqual(['transient', 'dns-failure', 'recipient-admin']);
    const en = card(d);
    expect(en).toContain('The MX records of brokenmx.example point to hosts with no address in DNS (mx.nowhere.example)');
    expect(en).toContain('its mail admin must fix its MX records');
    expect(card(d, 'ja')).toContain('DNS 上のアドレスがない');
  });

  it('a domain DNS still has no record of is the domain to correct (guard)', async () => {
    const d = await read(sendmailHostUnknown('nowhere.example'));
    expect([d.playbook, d.verdict.cause]).toEqual(['transient', 'recipient-domain-missing']);
  });

  it('while the sending server still retries, its next attempt finds the domain: no resend', async () => {
    const d = await read([
      'This is the mail system at host mail.contoso.example.',
      '',
      '####################################################################',
      '# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #',
      '####################################################################',
      '',
      'Your message could not be delivered for more than 4 hour(s).',
      'It will be retried until it is 5 day(s) old.',
      '',
      '<grace@northwind.example>: Host or domain name not found. Name service error for',
      '    name=northwind.example type=MX: Host not found, try again',
      '',
      'Reporting-MTA: dns; mail.contoso.example',
      '',
      'Final-Recipient: rfc822; grace@northwind.example',
      'Action: delayed',
      'Status: 4.4.3',
      'Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error',
      '    for name=northwind.example type=MX: Host not found, try again',
      '',
    ]);
    expect([d.playbook, d.verdict.cause]).toEqual(['transient', 'dns-failure-resolved']);
    expect(d.steps.map((s) => s.id)).toEqual(['wait-domain-found']);
    const en = card(d);
    expect(en).toContain('no need to resend it');
    expect(en).toContain('Who fixes it: nobody needs to; the sending server retries by itself');
    expect(en).not.toMatch(/resend the message/i);
  });
});

describe("Sendmail's report with an empty reason", () => {
  it("quotes the transcript's last reply, never the empty label '(reason: )' as the server's words", async () => {
    const text = [
      'The original message was received at Mon, 16 Nov 2026 09:12:31 +0900',
      'from laptop.contoso.example [203.0.113.50]',
      '',
      '   ----- The following addresses had permanent fatal errors -----',
      '<grace@northwind.example>',
      '    (reason: )',
      '',
      '   ----- Transcript of session follows -----',
      '... while talking to mx1.northwind.example.:',
      '<<< 421',
      '<grace@northwind.example>... Deferred: 421',
      'Message could not be delivered for 8 hours',
      'Message will be deleted from queue',
    ].join('\n');
    const d = await diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
    const en = card(d);
    expect(en).not.toMatch(/^ {2}reason:\s*$/m);
    expect(en).toContain('Deferred: 421');
    expect(d.playbook).toBe('transient');
  });
});
