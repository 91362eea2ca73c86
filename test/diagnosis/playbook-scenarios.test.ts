/**
 * Every row of the code table, and the sub-causes the remote words name, through the real parser, the
 * registry of playbooks and the real DNS checks: which playbook takes the bounce, what it judges the cause
 * to be, and who has to fix it. Written the way the bounce reaches us: Exchange Online's "Remote Server
 * returned '…'" line with the receiving server's own words.
 */
import { diagnosisText } from '../../bot/cards';
import { diagnose, type Diagnosis } from '../../bot/diagnosis';
import { CODE_TABLE } from '../../bot/diagnosis/code-table';
import { parseBounce } from '../../bot/ndr';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { exoNdrText } from '../helpers/bounces';
import { checksFor } from '../helpers/scenarios';

const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'contoso-example.mail.protection.outlook.com'] }],
  '_dmarc.contoso.example': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:dmarc@contoso.example' }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 -all' }],
  'fabrikam.example': [{ MX: [10, 'mx1.fabrikam.example'] }],
  'mx1.fabrikam.example': [{ A: '203.0.113.25' }],
  // A domain whose MX names a host with no address: DNS still fails for it, as the bounces of the DNS rows say.
  'brokenmx.example': [{ MX: [10, 'mx.nowhere.example'] }],
};

interface Row {
  /** The code table entry the row stands for, when it stands for one. */
  entry?: string;
  /** The enhanced code the reply gives; empty for a reply with none ("550 too many invalid recipients"). */
  code: string;
  words: string;
  /** The reply code (550 when not given). */
  replyCode?: string;
  recipient?: string;
  /** The remote host Exchange names above the reply (mx1.fabrikam.example when not given). */
  host?: string;
  playbook: string;
  cause?: string;
  owner?: string;
}

const R = 'grace@fabrikam.example';

const ROWS: Row[] = [
  { entry: '5-7-23', code: '5.7.23', words: 'The message was rejected because of Sender Policy Framework violation', playbook: 'spf', owner: 'recipient-admin' },
  { entry: '4-3-2', code: '4.3.2', words: 'STOREDRV; mailbox server is too busy', playbook: 'transient', cause: 'throttled', owner: 'microsoft' },
  { entry: '4-4-316', code: '4.4.316', words: 'Connection refused [Message=Socket error code 10061]', playbook: 'transient', cause: 'connection-failed', owner: 'recipient-admin' },
  { entry: '4-4-7', code: '4.4.7', words: 'Message delayed; the message expired', playbook: 'transient', cause: 'expired', owner: 'recipient-admin' },
  { entry: '4-4-317', code: '4.4.317', words: 'Cannot connect to remote server [Message=UntrustedRoot]', playbook: 'transient', cause: 'tls-failure', owner: 'recipient-admin' },
  { entry: 'mta-sts', code: '4.7.5', words: 'MTA-STS policy failed', playbook: 'transient', cause: 'tls-failure' },
  { entry: 'mta-sts', code: '5.7.5', words: 'Remote certificate failed MTA-STS validation', playbook: 'generic', cause: 'mta-sts', owner: 'recipient-admin' },
  { entry: '4-5-3', code: '4.5.3', words: 'Too many recipients', playbook: 'transient', cause: 'too-many-recipients', owner: 'sender' },
  { entry: '4-7-26', code: '4.7.26', words: 'Unauthenticated email over IPv6: SPF and DKIM did not pass', playbook: 'authentication' },
  { entry: 'dane', code: '4.7.323', words: 'DANE: TLSA record mismatch', playbook: 'transient', cause: 'tls-failure' },
  { entry: 'dane', code: '5.7.323', words: 'tlsa-invalid: The domain failed DANE validation', playbook: 'generic', cause: 'dane' },
  { entry: 'as-throttle', code: '4.7.500', words: 'Server busy, please try again later from [40.107.22.10]. (AS3215)', playbook: 'transient', cause: 'throttled' },
  { entry: 'ip-suspicious', code: '4.7.850', words: 'Service unavailable, client IP address is temporarily restricted because of suspicious activity', playbook: 'transient', cause: 'throttled' },
  { entry: '5-0-350', code: '5.0.350', words: 'Generic error: x-dg-ref header is too long', playbook: 'generic', cause: '5-0-350' },
  { entry: '5-1-0', code: '5.1.0', words: 'Sender denied', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  // qmail-style servers' 5.1.0 names the recipient they have no mailbox for (as Gmail's report over it says: "the address couldn't be found").
  { code: '5.1.0', words: '#5.1.0 Address rejected grace@fabrikam.example', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  // The sender's domain on a block list under X.1.0: delisting it is the sender's, not a refusal to ask the recipient about.
  { code: '5.1.0', words: 'MXIN506 MailFrom domain is listed in Spamhaus. To request removal from this list see https://www.spamhaus.org/query/lookup/', playbook: 'policy', cause: 'domain-listed', owner: 'sender' },
  { entry: '5-1-8', code: '5.1.8', words: 'Access denied, bad outbound sender', playbook: 'policy', cause: 'sender-restricted', owner: 'sender' },
  { entry: '5-1-10', code: '5.1.10', words: 'RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', playbook: 'recipient', cause: 'recipient-not-found' },
  { entry: '5-1-20', code: '5.1.20', words: 'Multiple From addresses are not allowed without a Sender', playbook: 'generic', cause: '5-1-20' },
  { entry: '5-1-90', code: '5.1.90', words: 'Your message cannot be sent because you have reached your daily limit for message recipients', playbook: 'policy', cause: 'sending-limit' },
  { entry: '5-1-1', code: '5.1.1', words: 'RESOLVER.ADR.RecipNotFound; not found', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  { entry: '5-1-1', code: '5.1.1', words: 'IMCEAEX-_o=ExchangeLabs_ou=Exchange RESOLVER.ADR.ExRecipNotFound; not found', playbook: 'recipient', cause: 'stale-autocomplete' },
  { entry: '5-2-2', code: '5.2.2', words: 'Mailbox full', playbook: 'mailbox', cause: 'mailbox-full', owner: 'recipient-admin' },
  { entry: '5-2-2', code: '5.2.2', words: 'STOREDRV.Submission.Exception:SubmissionQuotaExceededException', playbook: 'mailbox', cause: 'submission-quota', owner: 'sender' },
  // The same exception under the 5.2.0 Exchange Online usually gives it; its "Quota Exceeded" is no full mailbox. Nor is
  // a store that can't open the mailbox ("StoragePermanentException"); a shut-off quota is one (guard).
  { code: '5.2.0', words: 'STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message Cannot submit message.', playbook: 'mailbox', cause: 'submission-quota', owner: 'sender' },
  { code: '5.2.0', words: 'STOREDRV.Deliver.Exception:StoragePermanentException.MapiExceptionNoAccess; Failed to process message due to a permanent exception with message Cannot open mailbox', playbook: 'mailbox', cause: 'mailbox-unavailable' },
  { code: '5.2.0', words: 'STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message Cannot open mailbox', playbook: 'mailbox', cause: 'mailbox-full' },
  // Exchange Online refusing to send at all: the sender's side, under a 5.2.x or a 5.7.x.
  { code: '5.2.252', words: 'SendAsDenied; ada@contoso.example not allowed to send as bob@contoso.example; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied', playbook: 'mailbox', cause: 'send-as-denied', owner: 'sender' },
  { code: '5.7.60', words: 'SMTP; Client does not have permissions to send as this sender', playbook: 'policy', cause: 'send-as-denied', owner: 'sender' },
  {
    code: '5.2.0',
    words: 'STOREDRV.Submission.Exception:OutboundSpamException; Failed to process message due to a permanent exception with message WASCL UserAction verdict is not None. Actual verdict is RefusedQuotaExceeded, ShowTierUpgrade',
    playbook: 'mailbox',
    cause: 'tenant-limit',
    owner: 'sender',
  },
  { entry: '5-2-121', code: '5.2.121', words: "Recipient's per hour message receive limit from specific sender exceeded", playbook: 'mailbox', cause: 'receive-limit' },
  { entry: '5-3-190', code: '5.3.190', words: 'Journaling on-premises messages to Microsoft 365 is not supported', playbook: 'generic', cause: '5-3-190' },
  { entry: '5-4-1', code: '5.4.1', words: 'Recipient address rejected: Access denied', playbook: 'recipient', cause: 'dbeb-rejected' },
  { entry: '5-4-1', code: '5.4.1', words: 'Relay Access Denied', playbook: 'recipient', cause: 'domain-not-accepted', owner: 'recipient-admin' },
  { entry: '5-4-14', code: '5.4.14', words: 'Hop count exceeded - possible mail loop', playbook: 'transient', cause: 'routing-loop' },
  { entry: '5-4-300', code: '5.4.300', words: 'Message expired', playbook: 'transient', cause: 'expired' },
  { entry: '5-5-0', code: '5.5.0', words: 'Requested action not taken: mailbox unavailable (S2017062302). [DM6NAM04FT012.eop-nam04.prod.protection.outlook.com]', playbook: 'recipient', cause: 'consumer-mailbox-unavailable' },
  // 5.5.0 from anyone else is no Outlook.com mailbox: a refusal to read from its words, or an unknown user.
  { code: '5.5.0', words: 'Service refuse. Veuillez essayer plus tard.', playbook: 'generic', cause: 'generic.protocol' },
  { code: '5.5.0', words: 'IP=192.0.2.254 - A problem occurred. (BL)', playbook: 'generic', cause: 'generic.protocol' },
  { code: '5.5.0', words: '<grace@fabrikam.example>: User unknown', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.5.0', words: 'Requested action not taken: mailbox unavailable (in reply to RCPT TO command)', playbook: 'mailbox', cause: 'mailbox-unavailable' },
  { entry: '5-6-11', code: '5.6.11', words: 'SMTPSEND.BareLinefeedsAreIllegal', playbook: 'generic', cause: '5-6-11' },
  // A 5.6.x is the message's form, not a filter's verdict: "Content" in "Invalid MIME Content" is no spam judgment.
  { code: '5.6.211', words: "Invalid MIME Content: Single text value size (32768) exceeded allowed maximum (32768) for the 'X-Custom' header", playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  { code: '5.6.0', words: 'Message content rejected: virus found in attachment', playbook: 'policy', cause: 'content-rejected' },
  // Microsoft 365's outbound spam policy stopped an automatic forward to an outside address: the forwarding organization's to allow, or to investigate.
  { code: '5.7.520', words: 'Access denied, Your organization does not allow external forwarding. Please contact your administrator for further assistance. AS(7555)', playbook: 'policy', cause: 'forwarding-blocked', owner: 'sender' },
  { code: '5.7.1', words: 'Access denied, Your organization does not allow external forwarding. AS(7555)', playbook: 'policy', cause: 'forwarding-blocked', owner: 'sender' },
  { entry: '5-7-12', code: '5.7.12', words: 'Sender was not authenticated by organization', playbook: 'policy', cause: 'auth-required', owner: 'recipient-admin' },
  { entry: '5-7-25', code: '5.7.25', words: 'The sending IPv6 address must have a reverse DNS record', playbook: 'policy', cause: 'no-reverse-dns', owner: 'sender' },
  { entry: '5-7-26', code: '5.7.26', words: 'This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.', playbook: 'authentication' },
  { entry: '5-7-57', code: '5.7.57', words: 'Client not authenticated to send mail', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { entry: '5-7-64', code: '5.7.64', words: 'TenantAttribution; Relay Access Denied', playbook: 'policy', cause: 'relay-denied' },
  { code: '5.7.129', words: "RESOLVER.RST.RestrictedToRecipientsPermission; not authorized to send to recipient because the sender isn't on the recipient's list of senders to accept mail from", playbook: 'policy', cause: 'not-authorized', owner: 'recipient-admin' },
  // Gmail's verdict on the message or the sender's reputation: no block list to get off, no recipient admin to ask.
  { code: '5.7.1', words: 'Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.', playbook: 'policy', cause: 'judged-spam', owner: 'sender' },
  { code: '5.7.1', words: 'Our system has detected that this message is likely suspicious due to the very low reputation of the sending domain.', playbook: 'policy', cause: 'judged-spam', owner: 'sender' },
  // Refused for the sender's reputation with no block list named: nothing to be delisted from.
  { code: '5.7.1', words: '[SR1] Message rejected due to sender reputation', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  // Other servers' 5.1.8 is about the sender's address (its domain), not an Exchange Online account restricted for spam.
  { code: '5.1.8', words: '<root@host1.mx.contoso.example>... Domain of sender address root@host1.mx.contoso.example does not exist', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // The same in the receiving server's language; and another server's 5.1.8 in words the bot doesn't know is no
  // Exchange Online "bad outbound sender" (an account restricted for spam), nor an unknown recipient.
  { code: '5.1.8', words: 'Absenderdomain existiert nicht', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  { code: '5.1.8', words: '送信者のドメインが存在しません', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  { code: '5.1.8', words: 'Nadawca odrzucony', playbook: 'generic', owner: 'varies' },
  // An unknown user under a mailbox code, and Gmail's refusal of a malformed message (not a spam verdict).
  { code: '5.2.1', words: '<grace@fabrikam.example>... User Unknown', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  // Exchange on-premises wraps the remote server's refusal in an address code of its own.
  { code: '5.1.351', words: 'Remote server returned unknown recipient or mailbox unavailable -> 550 Unknown user grace@fabrikam.example', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  // Some servers (GoDaddy's) refuse a block-listed IP, or one over its hourly limit, with an address code.
  { code: '5.1.3', words: 'http://www.spamhaus.org/query/bl?ip=203.0.113.9', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.1.1', words: '<grace@fabrikam.example> - 203.0.113.9 has sent to too many recipients this hour. IB607', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  // …while an address a directory doesn't list is still an unknown address.
  { code: '5.1.1', words: 'User Grace Hopper (grace@fabrikam.example) not listed in Domino Directory', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  // Gmail: the mailbox works, but takes only so much mail an hour.
  { code: '5.2.1', words: 'The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered.', playbook: 'mailbox', cause: 'receiving-too-fast', owner: 'sender' },
  { code: '4.2.1', words: 'The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time.', playbook: 'mailbox', cause: 'receiving-too-fast', owner: 'sender' },
  // Words alone for a full or a closed mailbox, in servers' own phrasing.
  { code: '', words: '552 user has exhausted allowed storage space', playbook: 'mailbox', cause: 'mailbox-full' },
  { code: '', words: '550 mailbox has been discontinued', playbook: 'mailbox', cause: 'mailbox-disabled' },
  // A server that takes no mail for the recipient's domain (its MX points there, the domain isn't set up on it).
  { code: '', words: '550 Recipient is not local', playbook: 'recipient', cause: 'domain-not-accepted', owner: 'recipient-admin' },
  // Chinese providers' own words, with no code: NetEase's explanation of DT:SPM ("identified as spam by the system"), a frozen mailbox, sending too often.
  { code: '', words: '554 发送的邮件内容包含了未被许可的信息，或被系统识别为垃圾邮件', playbook: 'policy', cause: 'content-rejected' },
  { code: '', words: '550 该邮箱已被冻结', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '', words: '550 发信频率过快，请稍后再试', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  // Too many connections in Swedish, Japanese, Korean and Chinese, still retried: a throttle, as "Zu viele Verbindungen" reads.
  { code: '4.7.0', words: 'För många anslutningar', replyCode: '421', playbook: 'transient', cause: 'throttled' },
  { code: '4.7.0', words: '同時接続数が多すぎます', replyCode: '421', playbook: 'transient', cause: 'throttled' },
  { code: '4.7.0', words: '연결이 너무 많습니다', replyCode: '421', playbook: 'transient', cause: 'throttled' },
  { code: '4.7.0', words: '连接数过多', replyCode: '421', playbook: 'transient', cause: 'throttled' },
  // Orange's spam verdict by its reason code, under a mailbox code: the content, not the mailbox.
  { code: '5.2.0', words: 'Mail rejete. Mail rejected. OFR_506 [506]', playbook: 'policy', cause: 'content-rejected' },
  // A spam filter's score that lists SPF among things to check is the filter's verdict, not a failed SPF check; one that says SPF failed is (guard).
  { code: '5.7.1', words: 'Your message failed several antispam checks (SCORING) and was rejected. Make sure your mail server is configured correctly (SPF, HELO, PTR).', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.7.1', words: 'Your message failed several antispam checks (SCORING): SPF check failed for contoso.example.', playbook: 'spf' },
  // An X.400 gateway's own words for a recipient it couldn't deliver to, with no code.
  { code: '', words: 'The recipient was unavailable to take delivery of the message', playbook: 'mailbox', cause: 'mailbox-unavailable' },
  // Exchange's token for a recipient that takes mail from listed senders only, under a code of its own: the owner allows the sender.
  { code: '5.7.13', words: 'Recipient is not allowed to receive mail from this sender (RestrictedToRecipientsPermission)', playbook: 'policy', cause: 'not-authorized', owner: 'recipient-admin' },
  // Alibaba Mail's spam verdict given at RCPT TO, before any content: the sender's behaviour, not the message.
  { code: '', words: '554 Reject by behaviour spam at Rcpt State', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  // NetEase's connection limit (RP:CEL), a rate to slow down, not a failure of no stated kind.
  { code: '', words: '553 RP:CEL 163 mx14 Connection limit exceeded', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  // RFC 3463's 5.7.13, "user account disabled"; Exchange's own 5.7.13 (authentication required) stays the policy playbook's.
  { code: '5.7.13', words: '<grace@fabrikam.example>: Recipient address rejected: Disabled recipient address', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.7.13', words: 'RESOLVER.RST.AuthRequired; authentication required', playbook: 'policy', cause: 'auth-required' },
  // Orange (La Poste) in both its languages, under a code that says nothing more.
  { code: '5.5.0', words: 'Le compte du destinataire est bloque. The recipient account is blocked. LPN007_426', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.2.1', words: 'Esta casilla ha expirado por falta de uso.', playbook: 'mailbox', cause: 'mailbox-disabled' },
  // X.1.0 is any address: when the words name the recipient, it is no refusal of the sender.
  { code: '5.1.0', words: 'Recipient rejected: <grace@fabrikam.example>', playbook: 'generic' },
  // Postfix's maildir delivery says a full mailbox with 5.2.3; 5.2.3's own words still mean a message too large.
  { code: '5.2.3', words: "maildir delivery failed: Sorry, the user's maildir has overdrawn his diskspace quota, please try again later.", playbook: 'mailbox', cause: 'mailbox-full' },
  { code: '5.2.3', words: 'Message length exceeds administrative limit', playbook: 'mailbox', cause: 'message-too-large' },
  { code: '5.0.0', words: 'Account(s) <grace@fabrikam.example> does not have enough space', playbook: 'mailbox', cause: 'mailbox-full' },
  // qmail's words under a code of its own choosing.
  { code: '5.7.17', words: 'sorry, no mailbox here by that name.', playbook: 'recipient', cause: 'address-unknown' },
  // The receiver's own refusal of the sending IP: a home or dynamic address (send through a mail service), or no reason given.
  { code: '5.7.1', words: 'We do not accept mail from dynamic IPs', playbook: 'policy', cause: 'dynamic-ip', owner: 'sender' },
  { code: '5.0.0', words: 'Client host rejected: please use the SMTP server of your ISP', playbook: 'policy', cause: 'dynamic-ip', owner: 'sender' },
  // Outlook.com's (Hotmail's) own words for a dynamic address, under its older reason codes and no enhanced code: no delisting
  // helps, sending through a mail service does. DY-001 speaks of "unauthenticated SMTP e-mail", which is not DMARC's.
  { code: '', words: "550 SC-001 (BAY004-MC1F22) Unfortunately, messages from 203.0.113.9 weren't sent. Please contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP ranges.", recipient: 'grace@hotmail.com', playbook: 'policy', cause: 'dynamic-ip', owner: 'sender' },
  { code: '', words: "550 DY-001 (SNT004-MC1F43) Mail rejected by Outlook.com for policy reasons. We generally do not accept email from dynamic IP's as they are not typically used to deliver unauthenticated SMTP e-mail to an Internet mail server.", recipient: 'grace@hotmail.com', playbook: 'policy', cause: 'dynamic-ip', owner: 'sender' },
  // Its OU-001 with no more words is its block list, as SC-001 without the dynamic words is.
  { code: '', words: '550 OU-001 (SNT004-MC1F43) Mail rejected by Outlook.com for policy reasons.', recipient: 'grace@hotmail.com', playbook: 'policy', cause: 'ip-listed-outlook-com', owner: 'sender' },
  { code: '', words: '550 SC-001 (BAY004-MC1F22) Mail rejected by Outlook.com for policy reasons. Reasons for rejection may be related to content with spam-like characteristics or IP/domain reputation problems.', recipient: 'grace@hotmail.com', playbook: 'policy', cause: 'ip-listed-outlook-com', owner: 'sender' },
  { code: '5.0.0', words: 'Client host rejected: bad sender ip address', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  // The message's form, in words that name nothing else.
  { code: '5.0.0', words: "Transaction failed: Duplicate header 'DKIM-Signature'.", playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  { code: '5.7.1', words: 'This message contain invalid MIME headers', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  // The recipient's own filter turned the sender away.
  { code: '5.0.0', words: 'Message refused due to recipient preferences', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '5.0.0', words: '<grace@fabrikam.example>: Recipient address rejected: User grace@fabrikam.example temporary locked', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.0.0', words: 'This email address is wrong or no longer valid', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.0.0', words: 'This mail server is not a gateway for fabrikam.example', playbook: 'policy', cause: 'relay-denied' },
  // An unknown address in qmail's or vpopmail's words under a policy code; the sender's invalid address is no recipient's.
  { code: '5.7.1', words: 'sorry, this recipient is not in my validrcptto list', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  { code: '5.7.1', words: 'vdeliver: invalid or unknown virtual user', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  { code: '5.7.1', words: 'Sender address is invalid', playbook: 'policy' },
  // Gmail's own words, from its SMTP error reference.
  { code: '5.7.29', words: 'Gmail requires all senders to use TLS/SSL for SMTP connections.', playbook: 'policy', cause: 'tls-required', owner: 'sender' },
  { code: '5.7.9', words: 'Application-specific password required.', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '5.5.1', words: 'Authentication Required.', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '5.6.0', words: 'Mail message is malformed. Not accepted.', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  { code: '5.3.4', words: "Your message exceeded Google's message header size limits.", playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  // X.3.4 is "message too big for system" (RFC 3463) even when the words give no reason.
  { code: '5.3.4', words: 'Transaction failed', playbook: 'mailbox', cause: 'message-too-large', owner: 'sender' },
  // X.1.7 is the sender's address: its missing domain is the sender's, and a syntax refusal is no unknown recipient.
  { code: '5.1.7', words: 'No such domain contoso.example.', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // The rest of X.1.7 (RFC 3463's "bad sender's mailbox address syntax") is the sender's address too, not an
  // unknown recipient (the code table's X.1.x text said "The recipient's address doesn't exist").
  { code: '5.1.7', words: 'The sender address <ada@contoso> is not a valid RFC 5321 address.', playbook: 'recipient', cause: 'sender-address-invalid', owner: 'sender' },
  { code: '5.1.7', words: 'Invalid address', playbook: 'recipient', cause: 'sender-address-invalid', owner: 'sender' },
  { code: '5.1.7', words: '<ada@contoso.example>: Sender address rejected: undeliverable address: host mx.contoso.example said: 550 5.1.1 User unknown', playbook: 'recipient', cause: 'sender-address-invalid' },
  { code: '5.5.2', words: '<scanner>: Sender address rejected: need fully-qualified address', playbook: 'recipient', cause: 'sender-address-invalid', owner: 'sender' },
  // X.1.3, an address the server couldn't read as one: not a mailbox that doesn't exist ("Retype the address" is right,
  // "has no mailbox" isn't). Postfix's bare name under 5.5.2 and Gmail's RFC 5321 words say it too; under 5.1.3, words
  // that say a well-formed address has no mailbox stay unknown (guard).
  { code: '5.1.3', words: 'Bad recipient address syntax', playbook: 'recipient', cause: 'address-malformed', owner: 'sender' },
  { code: '5.1.3', words: 'STOREDRV.Submit; invalid recipient address', playbook: 'recipient', cause: 'address-malformed', owner: 'sender' },
  { code: '5.5.2', words: '<kim>: Recipient address rejected: need fully-qualified address', playbook: 'recipient', cause: 'address-malformed', owner: 'sender' },
  { code: '', words: 'The recipient address <kim@fabrikam> is not a valid RFC-5321 address.', playbook: 'recipient', cause: 'address-malformed', owner: 'sender' },
  { code: '5.1.3', words: '<kim@fabrikam.example>... User unknown', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.1.3', words: 'Odbiorca <kim@fabrikam.example> nie istnieje / Recipient <kim@fabrikam.example> does not exist', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.1.3', words: 'Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.1.3', words: 'Invalid address', playbook: 'recipient', cause: 'address-malformed' },
  // X.1.6 and RFC 5321's 551: the recipient moved to another address. Sendmail writes any 551 as 5.1.6, and
  // "not our customer" is an unknown address all the same (guard).
  { code: '5.1.6', words: '<grace@fabrikam.example>: Recipient address rejected: Destination mailbox has moved, No forwarding address', playbook: 'recipient', cause: 'address-moved', owner: 'sender' },
  { code: '', words: 'User not local; please try <grace@northwind.example>', playbook: 'recipient', cause: 'address-moved', owner: 'sender' },
  { code: '5.1.6', words: 'not our customer', playbook: 'recipient', cause: 'address-unknown' },
  // X.1.4, an address the recipient's directory holds twice: not one that doesn't exist (Domino says so under 5.0.0).
  { code: '5.1.4', words: 'Recipient address ambiguous', playbook: 'recipient', cause: 'address-ambiguous', owner: 'recipient-admin' },
  { code: '5.0.0', words: 'Recipient user name kim (kim@fabrikam.example) not unique.  Several matches found in Domino Directory.', playbook: 'recipient', cause: 'address-ambiguous', owner: 'recipient-admin' },
  // Exchange's own words for it, when its queue gave up: the recipient's directory, or the sender's own for a colleague.
  { code: '4.4.7', words: 'QUEUE.Expired; message expired [LastAttemptedError=AmbiguousRecipientTransientException; Cannot resolve recipient since there are multiple objects with the same proxy address]', playbook: 'recipient', cause: 'address-ambiguous', owner: 'recipient-admin' },
  { code: '4.4.7', words: 'QUEUE.Expired; message expired [LastAttemptedError=AmbiguousRecipientTransientException; Cannot resolve recipient since there are multiple objects with the same proxy address]', recipient: 'kim@contoso.example', playbook: 'recipient', cause: 'address-ambiguous-internal', owner: 'sender' },
  // Exchange's content filter quarantines under a mailbox code.
  { code: '5.2.1', words: 'Content Filter agent quarantined this message', playbook: 'policy', cause: 'content-rejected' },
  // "Spam" said before the content was sent (to MAIL FROM or RCPT TO) is a verdict on the sending server or the sender:
  // nothing in the message changes it. The same words at the end of DATA are the content's (guard).
  { code: '', words: 'resimta-po-01v.sys.comcast.net comcast 203.0.113.9 Comcast block for spam. Please see http://postmaster.comcast.net/smtp-error-codes.php#BL000000 (in reply to MAIL FROM command)', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'Email cannot be delivered. Reason: Email flagged as Spam. (in reply to RCPT TO command)', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  // The same in the languages servers answer in.
  { code: '5.7.1', words: 'Meddelandet avvisades som skräppost (in reply to RCPT TO command)', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: '스팸으로 판단되어 수신이 거부되었습니다 (in reply to RCPT TO command)', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: '迷惑メールと判定されたため受信を拒否しました (in reply to MAIL FROM command)', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'Сообщение отклонено как спам (in reply to RCPT TO command)', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'Сообщение отклонено как спам (in reply to end of DATA command)', playbook: 'policy', cause: 'content-rejected' },
  // A disabled mailbox in the languages servers answer in, as "mailbox disabled" reads.
  { code: '5.2.1', words: 'Postfach deaktiviert', playbook: 'mailbox', cause: 'mailbox-disabled', owner: 'recipient-admin' },
  { code: '5.2.1', words: 'Buzón desactivado', playbook: 'mailbox', cause: 'mailbox-disabled', owner: 'recipient-admin' },
  { code: '5.2.1', words: 'Почтовый ящик отключен', playbook: 'mailbox', cause: 'mailbox-disabled', owner: 'recipient-admin' },
  // A sender refused in German with no code that says more, as "Sender rejected" reads.
  { code: '', words: 'Absender abgelehnt', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '5.7.1', words: 'Email cannot be delivered. Reason: Email flagged as Spam. (in reply to end of DATA command)', playbook: 'policy', cause: 'content-rejected' },
  // Yahoo's words for an address that was closed.
  { code: '5.0.0', words: 'delivery error: dd grace@fabrikam.example is no longer valid. [-20]', playbook: 'recipient', cause: 'address-unknown' },
  // Mail.ru's own block of the sending IP: no public list named, so no delisting to ask for.
  { code: '5.0.0', words: 'Access from ip address 203.0.113.9 blocked. Visit http://win.mail.ru/cgi-bin/support_bl?ip=203.0.113.9', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'This message is not RFC 5322 compliant. There are multiple Subject headers. To reduce the amount of spam sent to Gmail, this message has been blocked.', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  // Postfix's reject_unknown_client_hostname: the sending IP's reverse DNS, the sending side's to publish.
  { code: '4.7.1', words: 'Client host rejected: cannot find your hostname, [203.0.113.9]', playbook: 'policy', cause: 'no-reverse-dns', owner: 'sender' },
  { code: '5.7.1', words: 'Client host rejected: cannot find your reverse hostname, [203.0.113.9]', playbook: 'policy', cause: 'no-reverse-dns', owner: 'sender' },
  // Providers that answer in their own language or words: 163.com's rate limit (451, no enhanced code), its "Sender is not
  // trusted", Daum's "Your IP is blocked by our spam filter" (the sending IP, not the content), and a message judged spam
  // in Chinese with no enhanced code.
  { code: '', words: 'MI:SFQ 发信人在15分钟内的发信数量超过限制', replyCode: '451', playbook: 'transient', cause: 'throttled' },
  { code: '', words: 'HL:IHU 163 mx13,dcCowAAXb4tBDVBg Sender is not trusted', replyCode: '554', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'Your IP is blocked by our spam filter (kim@hanmail.net) [DAUM]', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  // The words that name a refusal for reputation on their own, under the 5.7.1 a DSN gives them (../shared's lhost-exim-47).
  { code: '5.7.1', words: 'Error - Blocked for abuse. See http://fabrikam.example/blocks', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'rejecting open proxy', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '', words: '此邮件被判定为垃圾邮件', replyCode: '554', playbook: 'policy', cause: 'content-rejected' },
  // Google Workspace's SMTP relay refusing a device or server it doesn't know as the account's (under 4.7.0 too: the
  // retries won't get through), and its daily relay limit.
  { code: '4.7.0', words: 'IP not in whitelist for RCPT domain, closing connection.', replyCode: '421', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  { code: '5.7.1', words: "Invalid credentials for relay [203.0.113.9]. The IP address you've registered in your Workspace SMTP Relay service doesn't match domain of the account this email is being sent from.", playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  { code: '5.4.5', words: 'Daily SMTP relay limit exceeded for user.', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  // The sending IP refused in the receiving server's language: on a black list ("lista negra", "ブラックリスト", "黑名单"),
  // blocked with no list named ("adresse IP … bloquée"), too many connections (4.7.0: throttled).
  { code: '5.7.1', words: 'Su dirección IP está en una lista negra', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.7.1', words: 'IPアドレス 203.0.113.9 はブラックリストに登録されています', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.7.1', words: '您的IP已被列入黑名单', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '', words: 'Ihre IP-Adresse steht auf einer Sperrliste', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '', words: 'Uw IP-adres staat op een zwarte lijst', replyCode: '554', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '', words: 'Adres IP znajduje się na czarnej liście', replyCode: '554', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.7.1', words: 'Ваш IP-адрес находится в черном списке', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.7.1', words: 'Votre adresse IP 203.0.113.9 est bloquée', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '4.7.0', words: 'Zu viele Verbindungen von Ihrer IP-Adresse', replyCode: '421', playbook: 'transient', cause: 'throttled' },
  // Yahoo's deferral for an envelope sender whose domain doesn't resolve (451, no enhanced code): the sender's domain.
  { code: '', words: 'Message temporarily deferred due to unresolvable RFC.5321 from domain', replyCode: '451', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // A message too large, and an account that is disabled, in Japanese, Korean and Chinese: with no enhanced code the words
  // infer 5.3.4; under 5.2.1 they say disabled, not just unavailable.
  { code: '', words: 'メッセージのサイズが大きすぎます', replyCode: '552', playbook: 'mailbox', cause: 'message-too-large', owner: 'sender' },
  { code: '', words: '邮件大小超过限制', replyCode: '552', playbook: 'mailbox', cause: 'message-too-large', owner: 'sender' },
  { code: '5.2.1', words: 'アカウントが停止されています', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.2.1', words: '계정이 정지되었습니다', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '', words: '帐号已被冻结', playbook: 'mailbox', cause: 'mailbox-disabled' },
  // Exchange's sentence for an account it restricted from sending, copied without its code: its "spam" is no verdict on
  // the message.
  { code: '', words: "Your message couldn't be delivered because you weren't recognized as a valid sender. The most common reason for this is that your email address is suspected of sending spam and it's no longer allowed to send messages outside of your organization.", playbook: 'policy', cause: 'sender-restricted', owner: 'sender' },
  // Exchange's sentence for a group that takes mail from its organization only, in a report copied without its code.
  { code: '', words: "The group team only accepts messages from people in its organization or on its allowed senders list, and your email address isn't on the list.", playbook: 'policy', cause: 'auth-required', owner: 'recipient-admin' },
  // Relaying refused in the receiving server's language.
  { code: '5.7.1', words: 'Relaying nicht erlaubt', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  { code: '5.7.1', words: 'Relais interdit', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  { code: '5.7.1', words: '中継は許可されていません', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  { code: '5.7.1', words: 'Relay nicht gestattet', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  { code: '5.7.1', words: 'Relä nekas', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  // Postfix's defer_unauth_destination: relaying refused under 4.7.1, which retries never get past.
  { code: '4.7.1', words: '<grace@fabrikam.example>: Relay access denied', replyCode: '454', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  // Policyd's limit on how much the sender may send, under 4.7.1: throttling, not a plain delay.
  { code: '4.7.1', words: '<kim@fabrikam.example>: Recipient address rejected: Policy Rejection- Quota Exceeded', playbook: 'transient', cause: 'throttled' },
  // Words alone, with no enhanced code that says more: a reverse-DNS refusal ("invalid RDNS record"), and a 5.6.x
  // "content rejected" that is the filter's verdict on the content.
  { code: '', words: 'Server access mta.contoso.example forbidden by invalid RDNS record of your mail server (203.0.113.9).', replyCode: '551', playbook: 'policy', cause: 'no-reverse-dns', owner: 'sender' },
  { code: '5.6.1', words: 'Message content rejected', replyCode: '500', playbook: 'policy', cause: 'content-rejected' },
  // Postgrey answers 450 4.2.0: a delay to wait out, not a mailbox that can't take mail.
  { code: '4.2.0', words: 'Greylisted, see http://postgrey.schweikert.ch/help/fabrikam.example.html', playbook: 'transient', cause: 'greylisted' },
  { entry: '5-7-124', code: '5.7.124', words: 'Sender not in allowed-senders list', playbook: 'policy', cause: 'not-authorized' },
  { entry: '5-7-133', code: '5.7.133', words: 'RESOLVER.RST.SenderNotAuthenticatedForGroup', playbook: 'policy', cause: 'auth-required' },
  { entry: '5-7-193', code: '5.7.193', words: 'UserRecipientGroup does not accept external senders', playbook: 'policy', cause: 'auth-required' },
  { entry: '5-7-367', code: '5.7.367', words: 'Remote server returned not permitted to relay -> 554 5.7.1 SPF check failed', playbook: 'spf' },
  { entry: '5-7-501', code: '5.7.501', words: 'Access denied, spam abuse detected', playbook: 'policy', cause: 'sender-banned' },
  { entry: '5-7-504', code: '5.7.504', words: 'Recipient address rejected: Access denied', playbook: 'policy', cause: 'recipient-blocked' },
  { entry: '5-7-506', code: '5.7.506', words: 'Access Denied, Bad HELO', playbook: 'generic', cause: '5-7-506' },
  { entry: '5-7-507', code: '5.7.507', words: 'Access denied, rejected by recipient', playbook: 'policy', cause: 'ip-blocked-by-recipient', owner: 'recipient-admin' },
  { entry: '5-7-508', code: '5.7.508', words: 'Access denied, [$SenderIPAddress] has exceeded permitted limits within $range range', playbook: 'generic', cause: '5-7-508' },
  { entry: '5-7-509', code: '5.7.509', words: 'Access denied, sending domain [contoso.example] does not pass DMARC verification and has a DMARC policy of reject.', playbook: 'authentication' },
  { entry: '5-7-510', code: '5.7.510', words: 'Access denied, contoso.example does not accept email over IPv6', playbook: 'generic', cause: '5-7-510' },
  { entry: '5-7-511', code: '5.7.511', words: 'Access denied, banned sender', playbook: 'policy', cause: 'ip-blocked' },
  { entry: '5-7-512', code: '5.7.512', words: 'Access denied, message must be RFC 5322 section 3.6.2 compliant', playbook: 'generic', cause: '5-7-512' },
  { entry: '5-7-513', code: '5.7.513', words: 'Service unavailable, Client host [203.0.113.9] blocked by fabrikam.example using Customer Block list', playbook: 'policy', cause: 'ip-blocked-by-recipient' },
  { entry: '5-7-515', code: '5.7.515', words: "Access denied, sending domain contoso.example doesn't meet the required authentication level. Spf= Fail , Dkim= Pass , DMARC= Pass", playbook: 'authentication' },
  { entry: '5-7-606', code: '5.7.606', words: 'Access denied, banned sending IP [203.0.113.9]', playbook: 'policy', cause: 'ip-blocked' },
  { entry: '5-7-703', code: '5.7.703', words: 'Your message cannot be delivered because the recipient is blocked by your tenant allow/block list', playbook: 'policy', cause: 'recipient-blocked' },
  { entry: '5-7-705', code: '5.7.705', words: 'Access denied, tenant has exceeded threshold', playbook: 'policy', cause: 'tenant-reputation' },
  { entry: '5-7-750', code: '5.7.750', words: 'Service unavailable. Client blocked from sending from unregistered domains', playbook: 'policy', cause: 'unregistered-domain' },
  { entry: '5-7-1', code: '5.7.1', words: 'RESOLVER.RST.AuthRequired; authentication required', playbook: 'policy', cause: 'auth-required' },
  { entry: '5-7-1', code: '5.7.1', words: 'RESOLVER.RST.NotAuthorized; not authorized', playbook: 'policy', cause: 'not-authorized' },
  { entry: '5-7-1', code: '5.7.1', words: 'Unable to relay', playbook: 'policy', cause: 'relay-denied' },
  { entry: '5-7-1', code: '5.7.1', words: 'Service unavailable; Client host [203.0.113.9] blocked using Spamhaus', playbook: 'policy', cause: 'ip-listed' },
  // One of Microsoft 365's shared outbound servers on the list: Microsoft's to delist, at the sender's admin's request.
  { code: '5.7.1', words: 'Service unavailable; Client host [40.107.22.10] blocked using Spamhaus', playbook: 'policy', cause: 'ip-listed-microsoft', owner: 'sender' },
  // Outlook.com's own list: no public list to look up, Outlook.com's sender support delists.
  { code: '5.7.1', words: "Unfortunately, messages from [203.0.113.9] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).", recipient: 'grace@hotmail.com', playbook: 'policy', cause: 'ip-listed-outlook-com', owner: 'sender' },
  { entry: '5-7-1', code: '5.7.1', words: 'Message rejected as spam by Content Filtering', playbook: 'policy', cause: 'content-rejected' },
  { entry: '5-7-1', code: '5.7.1', words: 'Delivery not authorized, message refused', playbook: 'policy', cause: 'policy-other' },
  { code: '5.7.1', words: 'Email rejected per DMARC policy for contoso.example', playbook: 'authentication' },
  { code: '5.2.1', words: 'The email account that you tried to reach is disabled', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.3.4', words: 'Message size exceeds fixed maximum message size', playbook: 'mailbox', cause: 'message-too-large' },
  // Deferred for a block list: the retries won't get through while it lists the address; reputation alone is throttling.
  { code: '4.7.1', words: 'Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '4.7.650', words: 'The mail server [203.0.113.9] has been temporarily rate limited due to IP reputation. (S775)', playbook: 'transient', cause: 'throttled' },
  { code: '4.7.1', words: 'Greylisted, please try again later', playbook: 'transient', cause: 'greylisted' },
  { code: '4.4.1', words: 'Connection timed out', playbook: 'transient', cause: 'connection-failed' },
  // Postfix's final bounce after a connection that never got an answer, in each of its words: the server was never reached.
  { code: '', words: 'connect to mx1.fabrikam.example[192.0.2.25]:25: No route to host', playbook: 'transient', cause: 'connection-failed' },
  { code: '', words: 'connect to mx1.fabrikam.example[192.0.2.25]:25: Network is unreachable', playbook: 'transient', cause: 'connection-failed' },
  // Too many recipients in words alone, under a catch-all code (docomo's "552 Too many recipients", which sendmail reports as 5.0.0).
  { code: '5.0.0', words: '552 Too many recipients', playbook: 'transient', cause: 'too-many-recipients', owner: 'sender' },
  // A header the message lacks, in a server's words under a catch-all code: the program that wrote the message.
  { code: '5.0.0', words: 'Messages without To: fields are not accepted here', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  // Microsoft 365's Directory-Based Edge Blocking without its 5.4.1, known by its own AS(…) mark; the bare words alone are not enough (guard).
  { code: '', words: '550 Recipient address rejected: Access denied. AS(201806281) [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com]', playbook: 'recipient', cause: 'dbeb-rejected', owner: 'sender' },
  { code: '', words: '550 Recipient address rejected: Access denied', playbook: 'generic' },
  { code: '5.1.1', words: 'User unknown', recipient: 'nobody@nxdomain-typo.example', playbook: 'recipient', cause: 'recipient-domain-missing', owner: 'sender' },
  // The bounce shows that domain's own server answering: it took mail then, whatever DNS says now.
  { code: '5.1.1', words: 'User unknown', recipient: 'nobody@nxdomain-typo.example', host: 'mx.nxdomain-typo.example', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.4.310', words: 'DNS domain does not exist', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // A catch-all code (5.0.0, 5.3.0): the words alone name the cause when they are unmistakable.
  { code: '5.0.0', words: 'Unknown user grace@fabrikam.example', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  { code: '5.3.0', words: "This user doesn't have a fabrikam.example account", playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.0.0', words: 'Mailbox full', playbook: 'mailbox', cause: 'mailbox-full' },
  { code: '5.0.0', words: 'Message too large', playbook: 'mailbox', cause: 'message-too-large' },
  { code: '5.0.0', words: 'Bad SPF records for [contoso.example]', playbook: 'spf', cause: 'receiving-side' },
  { code: '5.0.0', words: 'Administrative prohibition', playbook: 'generic', cause: 'generic.other' },
  // A person's own blocked senders is no public block list: nothing to delist; the recipient is who unblocks the sender.
  { code: '5.7.1', words: "Sender is on user's block list", playbook: 'recipient', cause: 'sender-rejected' },
  { code: '5.7.1', words: '[TSS09] All messages from 203.0.113.9 will be permanently deferred; Retrying will NOT succeed.', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.8', words: 'Username and Password not accepted', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '5.7.1', words: 'Sender address rejected: not logged in', playbook: 'policy', cause: 'client-submission' },
  { code: '5.0.0', words: 'Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: ada@contoso.example', playbook: 'policy', cause: 'sender-unverified', owner: 'sender' },
  // A relay service's own words for a From address not registered in its account, envelope or header.
  { code: '5.0.0', words: 'Envelope from address not authorised', playbook: 'policy', cause: 'sender-unverified', owner: 'sender' },
  { code: '5.7.1', words: 'Header from address is not authorised on this account', playbook: 'policy', cause: 'sender-unverified', owner: 'sender' },
  { code: '5.4.5', words: 'Daily user sending quota exceeded.', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  { code: '5.7.1', words: "You've exceeded your sending limit to this domain", playbook: 'policy', cause: 'rate-limited' },
  // Too many at once, put off (4.x.x): throttling, which lifts by itself.
  { code: '4.7.0', words: 'Too many connections from your IP, try again later', playbook: 'transient', cause: 'throttled' },
  { code: '5.0.0', words: 'Denied by policy', playbook: 'policy', cause: 'policy-other', owner: 'recipient-admin' },
  { code: '5.6.9', words: 'improper use of 8-bit data in message header', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  { code: '5.0.0', words: 'Unauthenticated senders not allowed', playbook: 'policy', cause: 'client-submission' },
  { code: '5.0.0', words: 'domain [contoso.example] mismatches client ip 203.0.113.9', playbook: 'spf' },
  // A bare 550 or 5.0.0: the words alone say an unknown address, a full or disabled mailbox, a message too large.
  { code: '5.0.0', words: 'sorry, no mailbox here by that name. vpopmail (#5.1.1)', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.0.0', words: 'This recipient is not in my validrcptto list', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.0.0', words: 'Benutzer unbekannt', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.0.0', words: 'No such person at this address', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.0.0', words: 'Maildir delivery failed: Userdisk quota exceeded', playbook: 'mailbox', cause: 'mailbox-full' },
  { code: '5.0.0', words: 'Requested mail action aborted: exceeded storage allocation', playbook: 'mailbox', cause: 'mailbox-full' },
  { code: '5.1.1', words: 'user over quota. (#5.1.1)', playbook: 'mailbox', cause: 'mailbox-full' },
  { code: '5.0.0', words: 'Sending quota exceeded', playbook: 'policy', cause: 'rate-limited' },
  { code: '5.0.0', words: 'Max message size exceeded', playbook: 'mailbox', cause: 'message-too-large' },
  { code: '5.0.0', words: 'The account has been suspended', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.0.0', words: 'Recipient rejected: Temporarily inactive', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.0.0', words: 'sorry, that domain isn\'t in my list of allowed rcpthosts (#5.7.1)', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  { code: '5.0.0', words: 'Relaying denied', playbook: 'policy', cause: 'relay-denied' },
  { code: '5.0.0', words: 'The IP address sending this message does not have a PTR record setup', playbook: 'policy', cause: 'no-reverse-dns' },
  { code: '5.0.0', words: 'Rejected - see http://www.spamhaus.org/query/ip/203.0.113.9', playbook: 'policy', cause: 'ip-listed' },
  { code: '5.0.0', words: 'Blacklisted URL in message', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.0.0', words: 'Your message has been rejected because it appears to be spam', playbook: 'policy', cause: 'content-rejected', owner: 'recipient-admin' },
  { code: '5.0.0', words: 'Your message was infected with a virus', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.0.0', words: 'Too many spam complaints from your IP', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.0.0', words: 'Too many concurrent SMTP connections from this IP', playbook: 'policy', cause: 'rate-limited' },
  { code: '5.2.2', words: 'Throttling failure: Daily message quota exceeded.', playbook: 'policy', cause: 'rate-limited' },
  { code: '5.0.0', words: 'Message timed out', playbook: 'transient', cause: 'expired' },
  { code: '5.0.0', words: 'Host name lookup failure', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  { code: '5.0.0', words: 'Connection reset by peer', playbook: 'transient', cause: 'connection-lost' },
  { code: '5.0.0', words: 'mail forwarding loop for grace@fabrikam.example', playbook: 'transient', cause: 'routing-loop' },
  { code: '5.0.0', words: 'Sender verify failed', playbook: 'recipient', cause: 'sender-verify-failed', owner: 'sender' },
  { code: '5.0.0', words: 'STARTTLS is required to send mail', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '5.0.0', words: 'Authentication credentials invalid', playbook: 'policy', cause: 'client-submission' },
  { code: '5.0.0', words: "Your message couldn't be delivered because the sender isn't on the recipient's list of senders to accept mail from", playbook: 'policy', cause: 'not-authorized' },
  { code: '5.0.0', words: 'Executable files are not allowed in compressed files', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.0.0', words: 'Sorry, only members can post: closed mailing list', playbook: 'policy', cause: 'not-authorized', owner: 'recipient-admin' },
  { code: '5.0.0', words: 'Unrouteable address', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  { code: '5.0.0', words: 'We do not accept messages containing images or other attachments', playbook: 'policy', cause: 'content-rejected' },
  // Not a public list of sending servers to be taken off, but the receiving server's own, or a person's: ask them.
  { code: '5.0.0', words: 'Sender is in my black list', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '5.7.1', words: 'Your message was rejected by this user and was not delivered.', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '', words: '550 Your message was rejected by this user and was not delivered', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  // A link in the message on a block list: the content, not the sending server's address to be delisted.
  { code: '5.7.1', words: 'Message contains a URL that is on a block list', playbook: 'policy', cause: 'content-rejected', owner: 'recipient-admin' },
  { code: '5.7.1', words: 'Message contains a URL listed in dbl.spamhaus.org', playbook: 'policy', cause: 'content-rejected', owner: 'recipient-admin' },
  // The sender's domain on a domain list (Spamhaus DBL, Microsoft's S8001): not the sending IP, which another server would change.
  { code: '5.7.1', words: 'Service unavailable; Sender address [ada@contoso.example] blocked using dbl.spamhaus.org; https://www.spamhaus.org/query/dbl?domain=contoso.example', playbook: 'policy', cause: 'domain-listed', owner: 'sender' },
  { code: '5.7.1', words: 'Service unavailable, MailFrom domain is listed in Spamhaus. To request removal from this list see https://www.spamhaus.org/query/lookup/ (S8001)', playbook: 'policy', cause: 'domain-listed', owner: 'sender' },
  { code: '', words: '550 Sender domain is listed in Spamhaus DBL', playbook: 'policy', cause: 'domain-listed', owner: 'sender' },
  // A listing named in the words overrules a code that says something else: a mailbox, a protocol or an unknown 5.7.x code,
  // or the "Connection refused" a server answered with (it answered: the listing is why).
  { code: '5.2.1', words: 'Mailbox unavailable. Your IP address 203.0.113.9 is blacklisted using SPAMHAUS-XBL.', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.5.4', words: 'ETP208 Your IP 203.0.113.9 is listed by Invaluement.', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.7.107', words: 'The IP address was rejected by the sbl.spamhaus.org RBL.', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  // More of the ways servers name a listing (collected by ZoneMTA): "the SPAMMER List", "due to listing in <list>".
  { code: '5.7.1', words: 'You are in the SPAMMER List', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.7.1', words: 'Message rejected due to listing in psbl.surriel.com', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  // The sending IP refused by the server's own rule, no list named: its reputation.
  { code: '5.7.1', words: '203.0.113.9 has been blocked', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '', words: '554 mx1.fabrikam.example bizsmtp IB105. Connection refused. 203.0.113.9 is listed on the Exploits Block List (XBL)', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.5.4', words: 'Your IP 203.0.113.9 address has a bad reputation.', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.25', words: 'Client host rejected: Reverse DNS validation failed', playbook: 'policy', cause: 'no-reverse-dns', owner: 'sender' },
  { code: '5.0.0', words: 'The recipient server did not accept our requests to connect.', playbook: 'transient', cause: 'connection-failed', owner: 'recipient-admin' },
  { code: '5.0.0', words: 'No MX record found for domain=brokenmx.example', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // OpenSMTPD's words for a recipient domain that doesn't exist; the sender's own ("Sender address rejected: Domain does not exist") is not this.
  { code: '5.0.0', words: 'Domain does not exist', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  { code: '5.0.0', words: 'Recipient domain does not exist', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // qmail's own words when DNS knows no host for the recipient's domain.
  { code: '', words: "Sorry, I couldn't find any host by that name. (#5.1.2)", recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // The sending server's failed DNS lookup of the recipient's domain, read as X.1.2: the domain, not the mailbox.
  { code: '5.1.2', words: 'Host or domain name not found. Name service error for name=brokenmx.example type=MX: Host not found, try again', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // A mail system's own trouble (X.3.x, no entry of its own) is the receiving side's to fix, whatever the message.
  { code: '5.3.5', words: '<grace@fabrikam.example>... Internal System Error', playbook: 'generic', cause: 'generic.system', owner: 'recipient-admin' },
  { code: '', words: '554 mail server configuration error', playbook: 'generic', cause: 'generic.system', owner: 'recipient-admin' },
  { code: '5.0.0', words: 'Unable to deliver message after multiple retries, giving up.', playbook: 'transient', cause: 'expired' },
  // Gmail's bulk-sender codes: 4.7.23 is its reverse DNS deferral, not SPF's 5.7.23.
  { code: '4.7.23', words: "The sending IP address for this message doesn't have a PTR record, or the PTR record's forward DNS entry doesn't match the sending IP address.", playbook: 'policy', cause: 'no-reverse-dns', owner: 'sender' },
  // The sender's own address on the receiving server's list: no sending IP to delist, the recipient's side to ask.
  { code: '', words: 'Sorry, your email address has been blacklisted. Please contact the recipient by other means.', replyCode: '553', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  // A filter appliance named by its host, judging the content: not Barracuda's block list of IP addresses.
  { code: '5.7.1', words: 'Message blocked by barracuda.fabrikam.example: spam content in the message', replyCode: '554', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.7.1', words: 'Service unavailable; Client host [198.51.100.7] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=198.51.100.7', replyCode: '554', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  // Its older words for the same deferral name the record as the "pointer (PTR) record".
  { code: '4.7.23', words: 'The sending IP does not match the IP address of the hostname specified in the pointer (PTR) record.', replyCode: '421', playbook: 'policy', cause: 'no-reverse-dns', owner: 'sender' },
  // Google Workspace's recipient requires TLS (its admin's setting): the sending side must use it, nothing to wait for.
  { code: '4.7.0', words: 'TLS required for RCPT domain, closing connection.', replyCode: '421', playbook: 'policy', cause: 'tls-required', owner: 'sender' },
  // RFC 4954's and RFC 5248's codes for a client that must encrypt before it signs in: a device or app, not a server's TLS.
  { code: '5.7.11', words: 'Encryption required for requested authentication mechanism', replyCode: '538', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '5.7.10', words: 'Encryption needed', replyCode: '530', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '4.7.66', words: 'TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls.', replyCode: '421', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '5.7.24', words: 'SPF validation error: the SPF record of the sending domain could not be evaluated', playbook: 'spf' },
  { code: '5.7.28', words: "There's an unusual rate of unsolicited mail originating from your IP address.", playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  // The DKIM domain named as whose mail looks like spam, not as a signature that failed.
  { code: '4.7.28', words: 'Gmail has detected an unusual rate of unsolicited mail originating from your DKIM domain [contoso.example].', playbook: 'transient' },
  { code: '5.7.29', words: "Your email has been blocked because the sender isn't using a TLS connection. Gmail requires all bulk senders to use a TLS connection.", playbook: 'policy', cause: 'tls-required', owner: 'sender' },
  { code: '4.7.29', words: "Your email has been rate limited because this message wasn't sent over a TLS connection.", playbook: 'policy', cause: 'tls-required', owner: 'sender' },
  { code: '5.0.0', words: 'DKIM signature verification failed: body hash mismatch', playbook: 'authentication' },
  // Never reached: nothing to wait for, the destination (and the sending side's own network) to check.
  { code: '5.4.317', words: 'Message expired, cannot connect to remote server', playbook: 'transient', cause: 'connection-failed', owner: 'recipient-admin' },
  { code: '5.4.318', words: 'Message expired, connection refused(Socket error code 10061)', playbook: 'transient', cause: 'connection-failed' },
  { code: '5.7.350', words: 'Remote server returned message detected as spam', playbook: 'policy', cause: 'content-rejected' },
  // Retries that ended on a domain DNS doesn't know: the domain to check, not the refusal.
  { code: '4.4.0', words: 'DNS query failed. The error was: SMTPSEND.DNS.NonExistentDomain; nonexistent domain', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  { code: '5.0.0', words: 'DMARC Policy Reject - https://community.mimecast.com/docs/DOC-1369#550', playbook: 'authentication' },
  { code: '5.0.0', words: 'Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.9', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  { code: '5.7.1', words: 'Your mail could not be delivered because the recipient is only accepting mail from specific email addresses', playbook: 'policy', cause: 'not-authorized', owner: 'recipient-admin' },
  { code: '5.7.1', words: 'Delivery not authorized, message refused: Message is not RFC 2822 compliant', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  { code: '5.7.1', words: 'Sender domain contoso.example has no MX and no A record', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // The sender's domain DNS couldn't resolve for the receiving server, in more of its words.
  { code: '4.1.8', words: 'Domain of sender address ada@contoso.example does not resolve', replyCode: '451', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  { code: '', words: 'Sender address domain has no DNS record', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // An unusual rate of spam from the sending IP, refused for good: its reputation, not the message's content.
  { code: '5.7.1', words: '[IRR] Our system has detected an unusual rate of unsolicited mail originating from your IP address.', replyCode: '554', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.6.0', words: 'Message contains invalid header', replyCode: '554', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  // Orange's refusal of the sender's address, in French and English, with no code that says more.
  { code: '', words: "mwinf5c06 ME Adresse d'expediteur rejetee. Rejected sender address. OFR004_104 [104]", playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  // "Invalid mailbox" beside "account is disabled" (Mail.ru): the mailbox exists and is switched off.
  { code: '', words: 'Message was not accepted -- invalid mailbox.  Local mailbox grace@fabrikam.example is unavailable: account is disabled', playbook: 'mailbox', cause: 'mailbox-disabled', owner: 'recipient-admin' },
  // A block list under 5.2.0, as under 5.2.1: the listing, not the mailbox.
  { code: '5.2.0', words: 'Mailbox unavailable. Your IP address 203.0.113.9 is blacklisted using zen.spamhaus.org', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  // Naver's dormant account (휴면 계정): switched off, not unknown.
  { code: '5.2.1', words: '휴면 계정입니다', playbook: 'mailbox', cause: 'mailbox-disabled', owner: 'recipient-admin' },
  { code: '', words: 'Mailbox space not enough', replyCode: '552', playbook: 'mailbox', cause: 'mailbox-full', owner: 'recipient-admin' },
  // The sending IP refused by its address, with no list named.
  { code: '', words: 'Mail from 203.0.113.9 not allowed, please contact your service provider', replyCode: '553', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  // Postfix's reject_sender_login_mismatch with no enhanced code: the sender's own account may not send as that address.
  { code: '', words: 'Sender address rejected: not owned by user ada@contoso.example', playbook: 'policy', cause: 'sender-login-mismatch', owner: 'sender' },
  { code: '', words: 'SMTP AUTH is required for message submission on port 587', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '', words: 'Attachment not allowed (in reply to end of DATA command)', playbook: 'policy', cause: 'content-rejected' },
  // Postfix's own words for a server that stopped answering in the middle of the conversation, until it gave up.
  { code: '', words: 'conversation with mx1.fabrikam.example[203.0.113.25] timed out while sending RCPT TO', playbook: 'transient', cause: 'connection-lost' },
  { code: '', words: 'lost connection with mx1.fabrikam.example[203.0.113.25] while receiving the initial server greeting', playbook: 'transient', cause: 'connection-lost' },
  { code: '', words: 'User is receiving mail too quickly tnmpmscs', replyCode: '450', playbook: 'mailbox', cause: 'receiving-too-fast', owner: 'sender' },
  { code: '', words: 'Your host is not allowed to connect to this server.', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.105', words: "SenderFilterAgent; Sender denied as sender's email address is on SenderFilterConfig list", replyCode: '554', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '5.7.7', words: 'too many equal X-headers (X-Original-Authentication-Results:)', replyCode: '554', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  // A milter's answer to the DATA under 5.7.9 (elsewhere SMTP AUTH's "mechanism too weak"): the headers, not the sign-in.
  { code: '5.7.9', words: 'Header error', replyCode: '554', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  { code: '5.7.0', words: 'Header error', replyCode: '554', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  // Exim's router, and another server, finding no mail host for the recipient's domain: the domain, not the mailbox.
  { code: '5.1.2', words: 'unrouteable mail domain "brokenmx.example"', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  { code: '5.0.0', words: 'no valid MX hosts found', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // cPanel's recipient check, folded from a multi-line reply with its lines' codes kept: the address, not a block list.
  { code: '', words: 'The mail server could not deliver mail to grace@fabrikam.example.  The account 550-or domain may not exist, they may be blacklisted, or missing the proper dns 550 entries.', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  // Zoho's policy refusal under a mailbox code.
  { code: '5.2.3', words: 'MailPolicy violation Error delivering to mailboxes', replyCode: '554', playbook: 'policy', cause: 'policy-other', owner: 'recipient-admin' },
  // Sendmail's alias loop under an address code: the loop, not an address that doesn't exist.
  { code: '5.1.1', words: 'grace@fabrikam.example... aliasing/forwarding loop broken (11 aliases deep; 10 max)', replyCode: '554', playbook: 'transient', cause: 'routing-loop' },
  // Exim naming the sender's own domain (contoso.example, the From of these bounces) as one that doesn't exist.
  { code: '5.1.0', words: 'neko22nyaan contoso.example does not exist E2110', replyCode: '553', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  { code: '', words: 'contoso.example does not exist', replyCode: '553', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // Not a longer name that ends with it (guard).
  { code: '5.1.1', words: 'mail.contoso.example does not exist', playbook: 'recipient', cause: 'address-unknown' },
  // Yale's phquery: its "nameserver" is the ph directory, not DNS; no match is an address nobody has.
  { code: '', words: '<grace@fabrikam.example>... No matches to nameserver query', playbook: 'recipient', cause: 'address-unknown' },
  // Postfix's reject_unknown_recipient_domain, a temporary 4.1.2 (DNS may answer later): the recipient's domain to check.
  { code: '4.1.2', words: '<grace@brokenmx.example>: Recipient address rejected: Domain not found', replyCode: '450', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // RFC 7505: the sender's domain says it takes no mail (a null MX), so nothing can answer it.
  { code: '5.1.7', words: 'Sender address has null MX', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  { code: '5.7.27', words: 'Sender address has null MX', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // The same code for a sender's domain with no mail server in DNS at all: the domain, not its authentication.
  { code: '5.7.27', words: "The sender's domain doesn't have an MX record or an A record, and the message was rejected.", playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // Exchange Online answering for a domain whose organization has no mail service left, and a partner connector
  // at the recipient's organization that this sender's mail didn't match (TLS certificate or IP addresses).
  { code: '4.4.4', words: 'Mail received as unauthenticated, incoming to a recipient domain configured in a hosted tenant which has no mail-enabled subscriptions.', playbook: 'recipient', cause: 'domain-not-accepted', owner: 'recipient-admin' },
  { code: '5.7.51', words: 'TenantInboundAttribution; Rejecting. There is a partner connector configured that matches the message recipient domain.', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  // Exchange's expiry quoting the receiving server's last temporary refusal: that server was reached and put the
  // message off each time (its words say why), not never reached. A socket error stays 'expired' (guard).
  { code: '4.4.7', words: 'QUEUE.Expired; message expired [Message=450 4.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.9]] [LastAttemptedServerName=mx1.fabrikam.example]', playbook: 'transient', cause: 'retries-refused', owner: 'varies' },
  // A DKIM signature the receiving server requires, named in words alone; the sender on the recipient side's own
  // list of blocked senders (Mimecast's Blocked Senders policy, by envelope or by header From).
  { code: '', words: 'DKIM signature required but not found', playbook: 'authentication' },
  { code: '5.7.1', words: 'Message rejected: missing DKIM signature', playbook: 'authentication' },
  { code: '5.7.1', words: "Message rejected: the sender's domain is on the recipient's blocked senders list", playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '', words: 'Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550', playbook: 'recipient', cause: 'sender-rejected' },
  { code: '', words: 'Rejected by header-based Blocked Senders - block policy for Header From - https://community.mimecast.com/docs/DOC-1369#550', playbook: 'recipient', cause: 'sender-rejected' },
  // A gateway's anti-spoofing policy (Mimecast's, by the From header): its admin's exception, not an unnamed policy.
  { code: '', words: 'Rejected by header based Anti-Spoofing policy: ada@contoso.example - https://community.mimecast.com/docs/DOC-1369#550', playbook: 'policy', cause: 'spoofing-blocked', owner: 'recipient-admin' },
  { code: '5.7.1', words: 'Message blocked by spoofing protection', playbook: 'policy', cause: 'spoofing-blocked' },
  // The receiving server's check of the sender's address failed (Exim's sender verification, Postfix's
  // reject_unverified_sender): the sender's domain or server to fix. The recipient's own check stays the recipient's (guard).
  { code: '', words: 'Verification failed for <ada@contoso.example>; Unrouteable address; Sender verify failed', playbook: 'recipient', cause: 'sender-verify-failed', owner: 'sender' },
  { code: '5.1.0', words: '<ada@contoso.example>: Sender address rejected: undeliverable address: host mail.contoso.example[198.51.100.10] said: 550 5.1.1 User unknown', playbook: 'recipient', cause: 'sender-verify-failed', owner: 'sender' },
  { code: '5.1.1', words: '<grace@fabrikam.example>: Recipient address rejected: undeliverable address: host mx1.fabrikam.example[192.0.2.25] said: 550 5.1.1 User unknown', playbook: 'recipient', cause: 'address-unknown' },
  // RFC 7505's null MX: a recipient domain that takes no mail (X.1.10), and the sender's own (X.7.27, Sendmail's words).
  { code: '5.1.10', replyCode: '556', words: 'Recipient address has null MX', playbook: 'recipient', cause: 'recipient-domain-missing', owner: 'sender' },
  { code: '5.1.10', words: '<grace@fabrikam.example>... Host or domain does not accept mail (nullMX)', playbook: 'recipient', cause: 'recipient-domain-missing' },
  { code: '5.7.27', replyCode: '553', words: '<ada@contoso.example>... Domain of sender address ada@contoso.example does not accept mail (nullMX)', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // A filter's verdict under a mailbox code: the message was blocked, not the mailbox. A blocked account stays the mailbox's (guard).
  { code: '5.2.0', replyCode: '552', words: 'Message blocked due to spam content in the message', playbook: 'policy', cause: 'content-rejected', owner: 'recipient-admin' },
  { code: '5.2.1', replyCode: '550', words: 'The message was blocked: virus found in attachment', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.2.0', replyCode: '552', words: 'This account has been blocked', playbook: 'mailbox', cause: 'mailbox-disabled' },
  // Greylisting that turned away every retry: its admin exempts the sender (the retries came from a pool of addresses).
  { code: '5.4.300', words: 'Message expired -> 451 4.7.1 Greylisted, please try again in 5 minutes', playbook: 'transient', cause: 'greylist-never-passed', owner: 'recipient-admin' },
  { code: '4.4.7', words: 'QUEUE.Expired; message expired [Message=451 4.7.1 Greylisting in action, please come back later] [LastAttemptedServerName=mx1.fabrikam.example]', playbook: 'transient', cause: 'greylist-never-passed', owner: 'recipient-admin' },
  { code: '4.4.7', words: 'QUEUE.Expired; message expired [Message=SocketConnectionRefused, Socket error code 10061] [LastAttemptedServerName=mx1.fabrikam.example]', playbook: 'transient', cause: 'expired' },
  // A quoted 4xx that is the sending side's own "no answer", not a refusal: the server was never reached.
  { code: '4.4.7', words: 'QUEUE.Expired; message expired [Message=421 4.4.2 Connection timed out] [LastAttemptedServerName=mx1.fabrikam.example]', playbook: 'transient', cause: 'expired' },
  // The attempts failed in DNS: the recipient's domain is what to check (its MX points nowhere in this zone).
  { code: '4.4.7', words: 'QUEUE.Expired; message expired [Message=451 4.4.0 DNS query failed]', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // A filter's spam verdict in the language the server answers in: the content, not an unnamed policy.
  { code: '5.7.1', words: '迷惑メールと判定されたため受信を拒否しました', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.7.1', words: '스팸으로 의심되어 수신이 거부되었습니다', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.7.1', words: '您的郵件被判定為垃圾郵件，已被拒收', playbook: 'policy', cause: 'content-rejected' },
  // Yahoo's deferral for the sending IP's volume or complaints: throttling, not a message merely delayed.
  { code: '4.7.0', words: '[TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1', playbook: 'transient', cause: 'throttled' },
  // i.ua's frozen mailbox under 5.2.1: switched off, not merely unavailable.
  { code: '5.2.1', words: 'Mailbox is frozen. See http://mail.fabrikam.example/err/3/', playbook: 'mailbox', cause: 'mailbox-disabled', owner: 'recipient-admin' },
  // Its tag alone, as a person quotes it ("deferred 421 4.7.0 [TSS04]"), says the same.
  { code: '4.7.0', words: '[TSS04]', replyCode: '421', playbook: 'transient', cause: 'throttled' },
  // Gmail's bulk-sender rules, one method each: SPF alone is the SPF playbook's (the record, for the IP Gmail names);
  // DKIM alone wants a passing signature, whatever SPF says.
  { code: '5.7.27', words: "Your email has been blocked because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with SPF.", playbook: 'spf' },
  { code: '4.7.27', words: "Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with SPF.", playbook: 'spf' },
  { code: '5.7.27', words: 'This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. DKIM = did not pass', playbook: 'authentication' },
  // Yahoo's words when the recipient domain has no mail server in DNS.
  { code: '5.0.0', words: 'No MX or A records for brokenmx.example', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure' },
  // Chinese and German providers' own words: 163.com's spam verdict, QQ's rate limits, T-Online's block list ("(BL)").
  { code: '5.0.0', words: 'DT:SPM 163 mx14,QMCowEBJbkNyO1FhuV1gAA--.2S2 1632797554, please see http://mail.163.com/help/help_spam_16.htm', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.0.0', words: 'Ip frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000722', playbook: 'policy', cause: 'rate-limited' },
  { code: '5.0.0', words: 'IP=203.0.113.9 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)', playbook: 'policy', cause: 'ip-listed' },
  // The sending server's greeting (HELO) with no full host name: its own setting to fix.
  { code: '5.5.2', words: '<server>: Helo command rejected: need fully-qualified hostname', playbook: 'policy', cause: 'helo-rejected', owner: 'sender' },
  { code: '5.0.0', words: 'MI:NHD HELO domain is not a valid hostname', playbook: 'policy', cause: 'helo-rejected', owner: 'sender' },
  // Mimecast's, Apple's and Tencent's own words for their refusals, with no code that says more (the providers'
  // phrases as sisimai lists them, used as an evaluation set; written here in our own rows).
  { code: '5.0.0', words: 'DKIM Sender Invalid - envelope rejected', playbook: 'authentication' },
  { code: '5.0.0', words: 'DMARC Sender Invalid - envelope rejected', playbook: 'authentication' },
  { code: '5.0.0', words: '[HM08] Message blocked for failing both SPF and DKIM autentication checks', playbook: 'authentication' },
  { code: '5.0.0', words: 'Local CT IP Reputation - (reject)', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.0.0', words: 'Maximum email size exceeded', playbook: 'mailbox', cause: 'message-too-large', owner: 'sender' },
  { code: '5.0.0', words: 'Message bounced due to Content Examination Policy', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.0.0', words: 'Anti-Spoofing policy - Inbound not allowed', playbook: 'policy', cause: 'spoofing-blocked', owner: 'recipient-admin' },
  { code: '5.0.0', words: 'This route requires encryption (TLS)', playbook: 'policy', cause: 'tls-required', owner: 'sender' },
  { code: '5.0.0', words: 'Incorrect authentication data', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  { code: '5.0.0', words: '[CS01] Message rejected due to excessive volume', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  { code: '5.0.0', words: 'Exceeding outbound thread limit', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  { code: '5.0.0', words: 'Mail is rejected by recipients', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '5.0.0', words: 'grace@fabrikam.example: unknown or illegal alias', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.0.0', words: 'Recipient no longer on server', playbook: 'recipient', cause: 'address-unknown' },
  { code: '5.0.0', words: 'grace@fabrikam.example: inactive email address', playbook: 'mailbox', cause: 'mailbox-disabled' },
  // The sender used TLS, only not one the route accepts: not "mail sent in the clear".
  { code: '5.0.0', words: 'This route requires TLS version 1.2 or greater', playbook: 'generic' },
  // Cox blocks a sending IP that wrote to too many addresses that don't exist: not one unknown address.
  { code: '', words: 'too many invalid recipients', playbook: 'policy', cause: 'invalid-recipients', owner: 'sender' },
  { code: '5.1.1', words: 'Too many invalid recipients', playbook: 'policy', cause: 'invalid-recipients', owner: 'sender' },
  { code: '', words: 'Invalid recipient', playbook: 'recipient', cause: 'address-unknown' },
  { code: '', words: 'Message is looping', playbook: 'transient', cause: 'routing-loop' },
  { code: '5.0.0', words: 'Message threshold exceeded', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  { code: '5.0.0', words: 'Attachment extension is forbidden', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.0.0', words: 'Account storage limit', playbook: 'mailbox', cause: 'mailbox-full' },
  { code: '5.0.0', words: 'rejected - no rDNS', playbook: 'policy', cause: 'no-reverse-dns', owner: 'sender' },
  { code: '5.0.0', words: 'Due to extended inactivity new mail is not currently being accepted for this mailbox', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.0.0', words: 'Message bounced due to organizational settings', playbook: 'policy', cause: 'policy-other' },
  { code: '5.0.0', words: 'Spamming not allowed', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.0.0', words: 'Recipient refuses to accept your mail', playbook: 'recipient', cause: 'sender-rejected' },
  // Words that name the cause under a code that names another (Mail::DeliveryStatus::BounceParser's corpus, as evaluation).
  { code: '', words: 'User [grace@fabrikam.example] does not exist', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  { code: '', words: '550 grace@fabrikam.example does not exist.', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  { code: '5.7.1', words: '<grace@fabrikam.example>: Recipient address rejected: Nonexistent user', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  { code: '', words: '550 Nonexistent mailbox', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  // The sender's domain, in words that would otherwise read as an unknown address: the sender fixes it.
  { code: '', words: '550 Domain of sender address ada@contoso.example does not exist', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  { code: '', words: '550 Sender address rejected: Domain not found', playbook: 'recipient', cause: 'sender-domain-unknown', owner: 'sender' },
  // A server that refuses mail from the sender's domain, named: ask to be allowed. Not a dynamic address (guard).
  { code: '', words: '550 This server does not accept mail from contoso.example', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '', words: '550 We do not accept mail from dynamic IPs', playbook: 'policy', cause: 'dynamic-ip', owner: 'sender' },
  { code: '', words: 'Rcpt <grace@fabrikam.example> does not exist', playbook: 'recipient', cause: 'address-unknown' },
  { code: '', words: 'BAD_RECIPIENT - see https://mail.fabrikam.example/undelivered', playbook: 'recipient', cause: 'address-unknown' },
  { code: '', words: 'No such domain at this location (grace@fabrikam.example)', playbook: 'recipient', cause: 'domain-not-accepted', owner: 'recipient-admin' },
  { code: '5.0.0', words: '65.49.42.68 is not allowed to send mail from contoso.example', playbook: 'spf' },
  { code: '5.1.1', words: 'RCPT TO:<grace@fabrikam.example> max message size exceeded', playbook: 'mailbox', cause: 'message-too-large', owner: 'sender' },
  { code: '5.1.1', words: 'Mailbox size limit exceeded', playbook: 'mailbox', cause: 'mailbox-full' },
  { code: '5.7.1', words: 'Message Rejected Class=size limit=15728640 Subclass=reject size=18571048', playbook: 'mailbox', cause: 'message-too-large' },
  { code: '5.7.0', words: 'permission denied. Command output: The recipient mailbox has exceeded its disk space limit.', playbook: 'mailbox', cause: 'mailbox-full', owner: 'recipient-admin' },
  { code: '5.7.1', words: 'Mail appears to be unsolicited - Score (59) over MessageScoringUpperLimit (50)', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.7.1', words: "You're using a mass mailer, therefore you're bounced.", playbook: 'policy', cause: 'content-rejected' },
  { code: '5.7.3', words: 'CONTENT REJECT:192.168.95.162.2011101001.XXYIvtHf:dspam check', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.7.1', words: 'you are trying to use me [mx1.fabrikam.example] as a relay, but I have not been configured to let you do this', playbook: 'policy', cause: 'relay-denied', owner: 'sender' },
  { code: '', words: 'They are not accepting mail with attachments or embedded images', playbook: 'policy', cause: 'content-rejected' },
  // And flufl.bounce's (GNU Mailman's) test data, as evaluation.
  { code: '5.3.0', words: '<grace@fabrikam.example>... Addressee unknown, relay=[205.208.202.10]', playbook: 'recipient', cause: 'address-unknown' },
  { code: '', words: 'Does not have a final email delivery point, please contact this person by alternate means.', playbook: 'recipient', cause: 'address-unknown' },
  { code: '', words: 'Exceeded Maximum Delivery Attempts. Verify that the recipient address is correct.', playbook: 'transient', cause: 'expired' },
  { code: '', words: 'This mail message has exceeded the maximum incoming message size.', playbook: 'mailbox', cause: 'message-too-large' },
  { code: '', words: 'They are not accepting mail from ada@contoso.example', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  // Exchange's 5.0.350 passing on a reply with no enhanced code: the reply's words say what it is.
  { code: '5.0.350', words: 'Remote server returned an error -> 550 account closed - please contact info@fabrikam.example instead', playbook: 'mailbox', cause: 'mailbox-disabled' },
  { code: '5.0.350', words: 'Remote server returned an error -> 550 User unknown', playbook: 'recipient', cause: 'address-unknown', owner: 'sender' },
  { code: '5.0.350', words: 'Remote server returned an error -> 550 SPF Sender Invalid - envelope rejected', playbook: 'spf' },
  // Unless it is one of Exchange's own meanings of the code, which the code table explains.
  { code: '5.0.350', words: 'Remote server returned an error -> 550 x-dg-ref header is too long.', playbook: 'generic', cause: '5-0-350' },
  { code: '5.0.350', words: 'Remote server returned an error -> 550 Envelope blocked - User Domain Entry', playbook: 'recipient', cause: 'sender-rejected' },
  { code: '', words: 'Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '5.4.6', words: 'Unusual sending activity detected. Please try after sometime.', playbook: 'policy', cause: 'rate-limited', owner: 'sender' },
  { code: '', words: 'Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554', playbook: 'policy', cause: 'ip-blocked-by-recipient', owner: 'recipient-admin' },
  // Orange's reason codes: 506 is its spam filter; an archived mailbox takes no mail.
  { code: '5.7.1', words: 'Mail rejete. Mail rejected. OFR_506 [506]', playbook: 'policy', cause: 'content-rejected' },
  { code: '5.2.1', words: 'Boite du destinataire archivee. Archived recipient. LPN007_420', playbook: 'mailbox', cause: 'mailbox-disabled' },
  // More of sisimai's reason phrases (as evaluation), each in a reply of its own.
  { code: '5.7.1', words: '<ada@contoso.example>: Sender address rejected: not owned by user ada.old@contoso.example', playbook: 'policy', cause: 'sender-login-mismatch', owner: 'sender' },
  { code: '', words: 'You are not allowed to post to this mailing list', playbook: 'policy', cause: 'not-authorized' },
  { code: '', words: 'mail for fabrikam.example loops back to myself', playbook: 'transient', cause: 'routing-loop' },
  { code: '', words: 'Please inspect your SPF settings', playbook: 'spf' },
  { code: '', words: 'Blocked for abuse. See http://att.net/blocks', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'You are not allowed to connect.', playbook: 'policy', cause: 'low-reputation' },
  { code: '5.7.1', words: "Unable to deliver to recipient: sender address is on the recipient's block list", playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  { code: '5.7.1', words: 'Service unavailable, client host blocked', playbook: 'policy', cause: 'low-reputation', owner: 'sender' },
  { code: '5.7.1', words: 'TLS is required for this domain', playbook: 'policy', cause: 'tls-required', owner: 'sender' },
  { code: '5.7.1', words: "Client host '203.0.113.9' rejected: listed as suspicious, bad, or broken", playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  {
    code: '5.7.1',
    words: 'Service unavailable; Client host [203.0.113.9] blocked using FBLW15; To request removal from this list see https://sender.office.com',
    playbook: 'policy',
    cause: 'ip-blocked',
    owner: 'sender',
  },
  // A list named by its DNS zone alone.
  { code: '5.7.1', words: 'Service unavailable; Client host [203.0.113.9] blocked using psbl.surriel.com', playbook: 'policy', cause: 'ip-listed', owner: 'sender' },
  // Postfix's own words for local delivery and for a server that never greeted.
  { code: '', words: 'cannot update mailbox /var/mail/grace for user grace. error writing message: File too large', playbook: 'mailbox', cause: 'mailbox-full', owner: 'recipient-admin' },
  { code: '', words: 'conversation with mx1.fabrikam.example[203.0.113.25] timed out while receiving the initial server greeting', playbook: 'transient', cause: 'connection-lost' },
  // Exim's own words, with no reply from the recipient's server.
  { code: '', words: 'all relevant MX records point to non-existent hosts', recipient: 'grace@brokenmx.example', playbook: 'transient', cause: 'dns-failure', owner: 'recipient-admin' },
  { code: '', words: 'Remote host closed connection in response to initial connection', playbook: 'transient', cause: 'connection-lost' },
  // Reached, then broken off, in other servers' words: Exim's timeout and closed connection, Sendmail's, qmail's, a delay under 4.4.2.
  { code: '', words: 'SMTP timeout after end of data (1843 bytes written)', playbook: 'transient', cause: 'connection-lost' },
  { code: '', words: 'Remote host mx1.fabrikam.example [203.0.113.25] closed connection in response to end of data', playbook: 'transient', cause: 'connection-lost' },
  { code: '', words: 'timeout waiting for input from mx1.fabrikam.example. during client RCPT', playbook: 'transient', cause: 'connection-lost' },
  { code: '', words: 'Connected to 203.0.113.25 but connection died. (#4.4.2)', playbook: 'transient', cause: 'connection-lost' },
  { code: '4.4.2', words: 'lost connection with mx1.fabrikam.example[203.0.113.25] while sending end of data -- message may be sent more than once', playbook: 'transient', cause: 'connection-lost', owner: 'recipient-admin' },
  // Never reached stays so (guards): no connection, or a refusal at connect.
  { code: '', words: 'TEMP_FAILURE: Could not initiate SMTP conversation with any hosts: [mx1.fabrikam.example (1): Connection dropped]', playbook: 'transient', cause: 'connection-failed' },
  { code: '4.4.1', words: 'connect to mx1.fabrikam.example[203.0.113.25]:25: Connection timed out', playbook: 'transient', cause: 'connection-failed' },
  { code: '', words: 'connect to mx1.fabrikam.example[203.0.113.25]:25: Connection refused', playbook: 'transient', cause: 'connection-failed' },
  { code: '', words: 'a TLS session is required, but the server did not offer TLS support', playbook: 'transient', cause: 'tls-not-offered' },
  { code: '', words: 'Cannot send message for 5 days', playbook: 'transient', cause: 'expired' },
  { code: '5.7.1', words: 'sorry, your envelope sender is in my badmailfrom list (#5.7.1)', playbook: 'recipient', cause: 'sender-rejected', owner: 'recipient-admin' },
  // Gmail's "Send mail as" through an SMTP server that offers no sign-in: the sender's own setting.
  { code: '', words: 'Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability', playbook: 'policy', cause: 'client-submission', owner: 'sender' },
  // Gmail's own words from its SMTP error reference.
  { code: '5.7.1', words: 'Messages missing a valid address in From: header, or having no From: header, are not accepted.', playbook: 'policy', cause: 'malformed-message', owner: 'sender' },
  { code: '5.7.1', words: 'Messages missing a valid Message-ID header are not accepted.', playbook: 'policy', cause: 'malformed-message' },
  {
    code: '5.7.1',
    words: "[203.0.113.9] The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead.",
    playbook: 'policy',
    cause: 'dynamic-ip',
    owner: 'sender',
  },
];

function bounceOf(row: Row): string {
  const recipient = row.recipient ?? R;
  return exoNdrText({
    recipient,
    ...(row.host ? { remoteHost: row.host } : {}),
    reply: row.code ? `${row.replyCode ?? '550'} ${row.code} ${row.words}` : `${row.replyCode ?? '550'} ${row.words}`,
    headers: ['From: Ada Lovelace <ada@contoso.example>', 'To: Grace Hopper <grace@fabrikam.example>', 'Subject: Quarterly figures', 'Date: Mon, 16 Nov 2026 09:12:31 +0000'],
  });
}

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer(ZONE);
});
afterAll(() => dns.stop());

async function run(row: Row): Promise<Diagnosis> {
  return diagnose(await parseBounce(bounceOf(row)), { checks: checksFor(dns.address) });
}

describe.each(ROWS.map((r) => [`${r.code} "${r.words.slice(0, 50)}"`, r] as const))('%s', (_name, row) => {
  it(`goes to the ${row.playbook} playbook${row.cause ? `, cause ${row.cause}` : ''}${row.owner ? `, fixed by ${row.owner}` : ''}`, async () => {
    const d = await run(row);
    expect(d.playbook).toBe(row.playbook);
    if (row.cause) expect(d.verdict.cause).toBe(row.cause);
    if (row.owner) expect(d.owner).toBe(row.owner);
    // Every diagnosis names its verdict, and its steps are worded by its own playbook.
    expect(d.verdict.cause).toBeTruthy();
  });
});

it.each([
  ['5.2.2', 'STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message', "Not delivered: your account's sending limit"],
  ['5.2.252', 'SendAsDenied; ada@contoso.example not allowed to send as bob@contoso.example', 'Not delivered: sending as another address'],
  ['5.2.0', 'STOREDRV.Submission.Exception:OutboundSpamException; Actual verdict is RefusedQuotaExceeded, ShowTierUpgrade', "Not delivered: your organization's sending limit"],
  // Not the recipient's mailbox either: the message, which the sender makes smaller.
  ['5.3.4', 'Message size exceeds fixed maximum message size', 'Not delivered: the message is too large'],
])('a cause on the sending side of the mailbox family is titled for itself, not as the recipient\'s mailbox (%s)', async (code, words, title) => {
  const d = await run({ code, words, playbook: 'mailbox' });
  const lines = diagnosisText(d, 'en').split('\n');
  expect(lines[0]).toBe(title);
  expect(diagnosisText(d, 'en')).not.toContain("the recipient's mailbox");
  // And in another language, its own title too.
  expect(diagnosisText(d, 'ja').split('\n')[0]).not.toBe(diagnosisText(await run({ code: '5.2.2', words: 'Mailbox full', playbook: 'mailbox' }), 'ja').split('\n')[0]);
});

it('covers every entry of the code table', () => {
  const covered = new Set(ROWS.map((r) => r.entry));
  expect(CODE_TABLE.map((e) => e.key).filter((k) => !covered.has(k))).toEqual([]);
});

it('does not promise a retry for recipients a final refusal turned away (too many recipients, 5.5.3)', async () => {
  const d = await run({ code: '5.5.3', words: 'Too many recipients', playbook: 'transient' });
  expect(d.verdict.cause).toBe('too-many-recipients');
  const en = diagnosisText(d, 'en');
  expect(en).toContain('The recipients over the limit were refused');
  expect(en).not.toMatch(/the sending server retries the rest later/);
  expect(diagnosisText(d, 'ja')).toContain('上限を超えた受信者は拒否されました');
});

it("tells a Postfix server's login check from Exchange's Send As permission: no Exchange admin center for it", async () => {
  const d = await run({ code: '5.7.1', words: '<ada@contoso.example>: Sender address rejected: not owned by user ada.old@contoso.example', replyCode: '553', playbook: 'policy' });
  expect(d.verdict.cause).toBe('sender-login-mismatch');
  for (const locale of ['en', 'ko'] as const) expect(diagnosisText(d, locale)).not.toMatch(/Exchange/);
  expect(diagnosisText(d, 'en')).toContain('Send from the address of the account you signed in with');
  // Exchange's own refusal keeps its Send As steps (guard).
  const exchange = await run({ code: '5.7.60', words: 'SMTP; Client does not have permissions to send as this sender', playbook: 'policy' });
  expect(diagnosisText(exchange, 'en')).toContain('Send As permission');
});

it('explains a loop of aliases as one, not only as two servers sending mail to each other', async () => {
  const d = await run({ code: '5.1.1', words: 'grace@fabrikam.example... aliasing/forwarding loop broken (11 aliases deep; 10 max)', replyCode: '554', playbook: 'transient' });
  expect(d.verdict.cause).toBe('routing-loop');
  expect(diagnosisText(d, 'en')).toContain('forwarding rules or aliases point to each other');
  expect(diagnosisText(d, 'ja')).toContain('転送ルールやエイリアスが互いを指しています');
});

it("says nothing of waiting for Exchange's final report that the destination refused every connection", async () => {
  const d = await run({ code: '5.4.316', words: "Despite repeated attempts to deliver your message, the recipient's email system refused to accept a connection from your email system.", playbook: 'transient' });
  expect(d.verdict.cause).toBe('connection-failed');
  expect(d.steps.map((s) => s.id)).toEqual(['check-destination', 'check-own-side']);
});
