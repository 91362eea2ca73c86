/**
 * What real bounces of the sisimai corpus (../shared/bounces, BSD-2-Clause, see its LICENSE) are judged to
 * be: the playbook that takes the primary recipient and the cause its words name, as a mail admin reads
 * them. Each row is a bounce that was once judged as something else (a "User Unknown" under 5.2.1 read as a
 * mailbox that can't take mail, Gmail's "not RFC 5322 compliant" as spam, Sendmail's "Domain of sender
 * address … does not exist" as Exchange Online's restricted sender). No DNS is asked: this is the reading of
 * the reply, before the recipient's domain is checked.
 */
import { readFileSync } from 'node:fs';
import { rankedRecipients } from '../../bot/diagnosis/recipients';
import { parseBounce } from '../../bot/ndr';
import { describeWithShared, sharedPath } from '../helpers/shared';

const ROWS: [file: string, playbook: string, cause: string][] = [
  // An unknown user under a mailbox or policy code.
  ['lhost-postfix-13.eml', 'recipient', 'address-unknown'], // 550 5.2.1 … User Unknown
  ['lhost-powermta-01.eml', 'recipient', 'address-unknown'],
  ['lhost-sendmail-19.eml', 'recipient', 'address-unknown'], // 550 Unknown user, 5.2.0
  ['lhost-sendmail-48.eml', 'recipient', 'address-unknown'], // 550 5.7.1 … Recipient address rejected: User unknown
  ['rfc3464-42.eml', 'recipient', 'address-unknown'], // Gmail: "The email account that you tried to reach does not exist", 5.0.0
  ['rhost-gsuite-02.eml', 'recipient', 'address-unknown'], // "because the address couldn't be found"
  ['lhost-domino-02.eml', 'recipient', 'address-unknown'], // Domino, in Japanese
  // Amazon SES calls a full mailbox an "Unknown address error": its words say full.
  ['lhost-amazonses-03.eml', 'mailbox', 'mailbox-full'],
  ['lhost-dragonfly-08.eml', 'mailbox', 'message-too-large'], // "Message length exceeds administrative limit"
  ['rhost-iua-01.eml', 'mailbox', 'mailbox-disabled'], // "Mailbox is frozen"
  ['lhost-postfix-52.eml', 'mailbox', 'mailbox-disabled'], // Yahoo: "This account has been disabled or discontinued"
  // The sender's address, not the sender's account.
  ['lhost-sendmail-04.eml', 'recipient', 'sender-domain-unknown'], // "Domain of sender address … does not exist"
  ['lhost-postfix-10.eml', 'recipient', 'sender-domain-unknown'],
  ['lhost-exim-45.eml', 'recipient', 'sender-domain-unknown'], // "From: Domain is invalid"
  ['lhost-office365-05.eml', 'recipient', 'sender-rejected'], // the remote server's "501 5.1.8 Sender address rejected"
  // Policy refusals named for what they are.
  ['rhost-google-08.eml', 'policy', 'malformed-message'], // Gmail: "not RFC 5322 compliant … multiple Subject headers"
  ['lhost-postfix-28.eml', 'policy', 'malformed-message'], // "multiple addresses in From: header"
  ['lhost-postfix-58.eml', 'policy', 'judged-spam'], // Gmail: "very low reputation of the sending domain"
  ['lhost-sendmail-44.eml', 'policy', 'malformed-message'], // "552 5.6.0 Headers too large (3 max)"
  ['lhost-gmail-07.eml', 'transient', 'tls-not-offered'], // "500 Remote server does not support TLS (state 6)."
  ['lhost-sendmail-16.eml', 'policy', 'ip-listed'], // T-Online's "(BL)"
  ['rhost-franceptt-06.eml', 'policy', 'ip-listed'], // Orange: "Client host blocked for spamming issues", delisted at csi.cloudmark.com
  ['lhost-amavis-03.eml', 'policy', 'content-rejected'], // "unsolicited bulk e-mail (UBE)"
  ['rhost-gsuite-12.eml', 'policy', 'content-rejected'], // "rejected due to spam classification"
  ['lhost-exim-42.eml', 'policy', 'no-reverse-dns'], // "Reverse DNS lookup for host … failed permanently"
  ['lhost-dragonfly-15.eml', 'policy', 'relay-denied'], // "No relaying"
  ['rhost-mimecast-02.eml', 'policy', 'content-rejected'], // Mimecast's "MCSpamSignature", 5.0.0
  ['lhost-exim-47.eml', 'policy', 'low-reputation'], // "550 Error - Blocked for abuse", 5.7.1 from its DSN
  ['lhost-exim-32.eml', 'policy', 'no-reverse-dns'], // "571 No PTR Record found. Reverse DNS required", no code
  ['lhost-exim-33.eml', 'policy', 'no-reverse-dns'], // Comcast: "must have a PTR record"
  ['lhost-exim-36.eml', 'recipient', 'sender-domain-unknown'], // "550 Unroutable sender address"
  ['lhost-notes-03.eml', 'recipient', 'address-unknown'], // Notes: "User not listed in public Name & Address Book"
  // Google Groups' refusal, in its sender's language, with no code: its own words are the reply.
  ['lhost-googlegroups-02.eml', 'recipient', 'group-refused'], // English
  ['lhost-googlegroups-01.eml', 'recipient', 'group-refused'], // Japanese
  ['lhost-googlegroups-05.eml', 'recipient', 'group-refused'], // German
  ['lhost-postfix-05.eml', 'recipient', 'address-unknown'], // "450 4.1.1 … User unknown in virtual alias table", given up on
  ['lhost-sendmail-08.eml', 'policy', 'no-reverse-dns'], // "450 4.7.1 Access denied. IP name lookup failed", given up on
  // 5.7.25 is RFC 7372's "Reverse DNS validation failed"; Exim's words for it without a code.
  ['lhost-dragonfly-06.eml', 'policy', 'no-reverse-dns'],
  ['lhost-exim-39.eml', 'policy', 'no-reverse-dns'], // "will not accept messages from servers/devices with no reverse DNS"
  // Final bounces with no code that says why, in words that do: the recipient's server never reached,
  // its domain without a mail server, the sending server's retries run out.
  ['lhost-gmail-10.eml', 'transient', 'connection-failed'], // "The recipient server did not accept our requests to connect"
  ['lhost-sendmail-56.eml', 'transient', 'connection-failed'], // "554 … ESMTP not accepting connections", 5.5.0
  ['lhost-x2-03.eml', 'transient', 'connection-failed'], // "unable to connect to remote server … Operation timed out"
  ['lhost-yahoo-09.eml', 'transient', 'dns-failure'], // "No mx record found for domain="
  // RFC 7505's null MX in the sending server's words, under any code: a domain that takes no mail, not a lookup that failed.
  ['lhost-mailru-05.eml', 'recipient', 'recipient-domain-missing'], // Exim: "an MX or SRV record indicated no SMTP service"
  ['rhost-gsuite-03.eml', 'recipient', 'recipient-domain-missing'], // Gmail: "doesn't receive email according to the administrator: returned Null MX", 4.0.0
  // RFC 7505's X.1.10 with Messaging Server's words for it: a domain that takes no mail, not an address a directory lacks.
  ['lhost-messagingserver-10.eml', 'recipient', 'recipient-domain-missing'], // "5.1.10 (host/domain does not accept mail)"
  ['lhost-x3-02.eml', 'transient', 'dns-failure'], // "Could not find a gateway for …" under "Technical details:"
  ['lhost-postfix-34.eml', 'transient', 'dns-failure'], // "Name service error for domain example.com: Host not found, try again", read as 5.1.2
  ['lhost-qmail-13.eml', 'transient', 'dns-failure'], // qmail's "Sorry, I couldn't find any host named …", with its #5.1.2
  ['lhost-opensmtpd-13.eml', 'transient', 'throttled'], // Yahoo's [TSS04] "temporarily deferred due to unexpected volume or user complaints"
  ['lhost-yahoo-13.eml', 'transient', 'expired'], // "Unable to deliver message after multiple retries, giving up."
  ['lhost-imailserver-04.eml', 'transient', 'expired'], // "Delivery failed 20 attempts"
  // Amazon's "Message expired … <421 4.4.2 Connection timed out>": its own code for no answer, not a refusal each time.
  ['lhost-amazonworkmail-05.eml', 'transient', 'expired'],
  // A sending service's own refusal, and sending limits that refuse for good.
  // Yahoo's TSS04 "temporarily deferred due to unexpected volume or user complaints", given up on: the sending IP's reputation.
  ['lhost-postfix-74.eml', 'policy', 'low-reputation'],
  ['lhost-qmail-19.eml', 'policy', 'low-reputation'],
  // cPanel: "The account or domain may not exist, they may be blacklisted, or missing the proper dns entries".
  ['lhost-exim-31.eml', 'recipient', 'address-unknown'],
  // A list of the recipient's own, not a public one: "IP address blacklisted by recipient", an address "that has been blacklisted".
  ['lhost-sendmail-33.eml', 'policy', 'ip-blocked-by-recipient'],
  ['lhost-sendmail-36.eml', 'policy', 'ip-blocked-by-recipient'],
  ['lhost-exim-57.eml', 'recipient', 'sender-rejected'],
  // Smail's "kijitora@neko.nyaan.example.com ... unknown host": the domain has no host, not the mailbox.
  ['rfc3464-37.eml', 'transient', 'dns-failure'],
  ['lhost-postfix-77.eml', 'policy', 'sender-unverified'], // Amazon SES: "Email address is not verified. The following identities failed the check"
  ['rhost-tencent-02.eml', 'policy', 'rate-limited'], // "550 Connection frequency limited", 5.0.0
  ['lhost-exim-56.eml', 'policy', 'rate-limited'], // "You've reached your daily relay quota"
  // Refusals whose code says nothing, in words that do.
  ['lhost-ezweb-08.eml', 'policy', 'ip-listed-outlook-com'], // Hotmail's "SC-004 … messages from … weren't sent", no code
  ['lhost-postfix-42.eml', 'policy', 'policy-other'], // "550 Denied by policy"
  ['lhost-postfix-68.eml', 'policy', 'policy-other'], // Yahoo Japan: "not accepted for policy reasons"
  ['lhost-postfix-65.eml', 'policy', 'client-submission'], // "550 Unauthenticated senders not allowed" (in reply to MAIL FROM)
  ['lhost-sendmail-06.eml', 'policy', 'malformed-message'], // "550 5.6.9 improper use of 8-bit data in message header"
  ['lhost-imailserver-03.eml', 'recipient', 'address-unknown'], // IMail: "Invalid final delivery userid"
  ['lhost-yahoo-14.eml', 'spf', ''], // Yahoo: "554 INVALID IP FOR SENDING MAIL OF DOMAIN …"
  ['rhost-outlook-09.eml', 'spf', ''], // Hotmail: "550 domain [example.com] mismatches client ip"
  ['lhost-mailfoundry-02.eml', 'mailbox', 'mailbox-full'], // "552 sorry, mailbox … is over quota temporarily (#5.1.1)"
  ['rfc3464-09.eml', 'mailbox', 'mailbox-full'], // Postfix's delay notice, 4.3.0: "temporary failure. Command output: Quota exceeded"
  ['rhost-microsoft-05.eml', 'policy', 'low-reputation'], // Outlook.com's 4.7.650 "rate limited due to IP reputation", Action: failed
  ['rhost-gsuite-01.eml', 'recipient', 'address-unknown'], // Gmail's "Address not found" over "550 #5.1.0 Address rejected."
  ['rhost-gsuite-13.eml', 'transient', 'dns-failure'], // Gmail's "DNS Error: … lookup of gmal.com … had no relevant answers", 4.0.0 when it gave up
  ['rhost-gsuite-04.eml', 'transient', 'dns-failure'], // the same with "responded with code NXDOMAIN"
  ['rhost-zoho-02.eml', 'policy', 'policy-other'], // Zoho: "554 5.7.7 Email policy violation detected"
  ['lhost-qmail-12.eml', 'transient', 'dns-failure'], // qmail: "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)"
  ['lhost-messagingserver-05.eml', 'transient', 'dns-failure'], // "Illegal host/domain name found", 5.4.4
  ['lhost-opensmtpd-12.eml', 'transient', 'dns-failure'], // OpenSMTPD's delay for "No MX found for domain", 4.0.0
  ['lhost-sendmail-11.eml', 'transient', 'dns-failure'], // "Deferred: Name server: example.co.jp.: host name lookup failure", then expired (4.4.7)
  // Authentication, and a loop.
  ['lhost-sendmail-59.eml', 'authentication', ''], // Gmail: "does not have authentication information"
  ['rhost-tencent-03.eml', 'authentication', ''], // "550 DMARC check failed", 5.0.0
  ['lhost-domino-03.eml', 'transient', 'routing-loop'], // "Maximum hop count exceeded"
  ['rhost-franceptt-08.eml', 'transient', 'retries-refused'], // "Service refusé, essayez plus tard", not a mailbox
];

/** A bounce of the corpus, read as an uploaded .eml. */
const read = (file: string): ReturnType<typeof parseBounce> => parseBounce(new Uint8Array(readFileSync(sharedPath('bounces', 'eml', file))), { filename: file });

describeWithShared(['bounces', 'eml'], 'real bounces judged as a mail admin reads them', () => {
  it.each(ROWS)('%s: %s %s', async (file, playbook, cause) => {
    const bounce = await read(file);
    const primary = rankedRecipients(bounce)[0];
    expect(primary?.playbook).toBe(playbook);
    if (cause) expect(primary?.subCause).toBe(cause);
  });
});

describeWithShared(['bounces', 'eml'], "each recipient's own words from the server, as the delivery-status part gives them", () => {
  // A text line near the address (another recipient's Status comment, an attachment notice) once displaced
  // the Diagnostic-Code because it was longer; a Diagnostic-Code that is only an exit status still does not count.
  it.each([
    ['rfc3464-35.eml', 'mikeneko@neko.example.or.jp', '550 user unknown'],
    ['rhost-aol-04.eml', 'kijitora@example.co.jp', '550 5.1.1 <kijitora@example.co.jp>... User Unknown'],
    ['lhost-barracuda-02.eml', 'kijitora@example.jp', '550 5.7.1 Message content rejected, UBE, id=22220-02-222'],
    ['lhost-sendmail-13.eml', 'kijitora@example.or.jp', '550 5.0.0 <kijitora@example.or.jp>... Insufficient permission'],
  ])('%s: %s', async (file, address, words) => {
    const bounce = await read(file);
    expect(bounce.recipients.find((r) => r.address === address)?.diagnostic).toBe(words);
  });
});
