/**
 * Delivery refused by policy: a group or mailbox that takes mail only from inside its organization
 * (RESOLVER.RST.AuthRequired, 5.7.12, 5.7.13x, 5.7.193), a restricted or moderated group (NotAuthorized,
 * 5.7.124), a device or app that did not authenticate to submit (5.7.57), relaying, banned senders and
 * blocked IPs (5.7.501–513, 5.7.606–649, blocklists), a restricted account (5.1.8, 5.1.90), a tenant held
 * back for reputation or unregistered domains (5.7.705/708, 5.7.750), and content filters.
 */
import { codeRange, familyPlaybook, step, type FamilyDiagnosis } from '../family';
import {
  LISTED,
  SENDER_UNVERIFIED,
  RATE_LIMITED,
  RELAY_ALONE,
  DOMAIN_LISTED,
  DYNAMIC_IP,
  MESSAGE_FORM_MORE,
  REPUTATION_ALONE,
  CONTENT_ALONE,
  OUTLOOK_COM_BLOCK,
  HEADER_8BIT,
  BY_POLICY,
  NOT_AN_IP_LISTING,
  FORWARDING_BLOCKED,
  SENDER_TLS,
  MESSAGE_FORM,
  HELO_REJECTED,
  TOO_MANY_INVALID,
  BEFORE_CONTENT,
} from '../policy-words';

export type PolicyDiagnosis = FamilyDiagnosis<'policy'>;

declare module '../types' {
  interface PlaybookDiagnoses {
    policy: PolicyDiagnosis;
  }
}

const GENERIC_POLICY = ['5.7.1', '5.7.0', '5.7.606'];
/** A gateway's anti-spoofing policy refused the From address: Mimecast's "Anti-Spoofing policy", others' "spoofing protection". */
const SPOOFING_BLOCKED = /\banti-?spoofing policy\b|\b(?:rejected|blocked) (?:by|due to) (?:the )?(?:anti-?)?spoof(?:ing)? (?:policy|protection|filter)\b|\bspoofing protection\b/i;
/**
 * Codes that say something other than a listing (a mailbox, the protocol, a 5.7.x of the server's own), which the words
 * of a block list overrule: "5.2.1 Mailbox unavailable. Your IP address … is blacklisted", "5.5.4 … listed by Invaluement".
 */
const LISTING_OVERRULES = ['5.2.1', '5.2.0', /^5\.5\.\d{1,3}$/, /^5\.7\.\d{1,3}$/];
/** An address code (5.1.1, 5.1.3), which some servers give a block list or a rate limit: with the words that say so. */
const ADDRESS_CODE = /^5\.1\.\d{1,3}$/;
const DELIST = [step('delist-blocklist', 'problem'), step('check-ip-reputation', 'todo')];
const MICROSOFT_DELIST = [step('delist-microsoft', 'problem'), step('check-ip-reputation', 'todo')];
/** Exchange Online's words for an account it restricted from sending, as its report writes them for the sender. */
const RESTRICTED_SENDER = /\bweren['’]t recognized as a valid sender\b|\bno longer allowed to send messages outside of your organization\b/i;
/** A spam verdict given before the message's content was sent. */
const SPAM_BEFORE_CONTENT = new RegExp(`^(?=[\\s\\S]*(?:${BEFORE_CONTENT.source}))[\\s\\S]*(?:\\bspam|skräppost|pourriel|迷惑メール|스팸|垃圾(?:邮件|郵件)|спам)`, 'i');
const REPUTATION_STEPS = [step('authenticate-mail', 'todo'), step('check-reputation', 'todo'), step('ask-recipient-admin', 'todo')];
/** Microsoft's own block list of sending IPs, by its list names (FBLW15) or its delist portal. */
const MICROSOFT_BLOCK_LIST = /\bblocked using FBL\w*\b|\bsender\.office\.com\b/i;
const NOT_OWNED_BY_LOGIN = /\bnot owned by user\b/i;
const HOST_NOT_ALLOWED = /\bhost network not allowed\b|\bIP address (?:black|block)-?listed by (?:the )?recipient\b/i;
const CONTENT_STEPS = [step('review-content', 'todo'), step('ask-recipient-admin', 'todo')];
const FORWARDING_STEPS = [step('allow-forwarding', 'problem'), step('unexpected-forwarding', 'todo')];

/** "Spam" and "virus" as servers write them in Japanese, Korean, Chinese, Swedish and French. */
const SPAM_LOCALIZED = String.raw`スパム|迷惑メール|ウイルス|스팸|바이러스|垃圾(?:郵件|邮件|信)|病毒|skräppost|pourriel|courriel indésirable|спам|вирус`;
/** The message itself judged spam, in those languages: "迷惑メールと判定", "判定为垃圾邮件", "스팸으로 분류". ("スパム" alone also refuses IPs.) */
const SPAM_JUDGED_LOCALIZED = String.raw`迷惑メール(?:と判定|として(?:拒否|判定|扱))|(?:avvisades|klassades|stoppades)\s+som\s+(?:skräppost|spam)|(?:判定|识别|識別|认定|認定)[为為]垃圾(?:邮件|郵件)|스팸으로\s?(?:분류|판정|간주)|(?:отклонено|отвергнуто|распознано|определено|помечено)\s+как\s+спам`;

export const playbook = familyPlaybook({
  id: 'policy',
  rank: 30,
  // A recipient of the sender's own organization that takes only authenticated mail: the message reached it
  // unauthenticated, as from outside (a device, an app, direct send), which is the sender's side to change.
  sameOrganization: { causes: ['auth-required'], cause: 'auth-required-internal', owner: 'sender', steps: [step('send-authenticated', 'problem')] },
  rules: [
    {
      cause: 'auth-required',
      codes: ['5.7.133', '5.7.134', '5.7.135', '5.7.136', '5.7.13', '5.7.12', '5.7.193'],
      // Exchange's token for a recipient that takes mail from listed senders only names that restriction instead.
      unless: /\bRestrictedToRecipientsPermission\b/,
      owner: 'recipient-admin',
      steps: [step('ask-owner-allow-external', 'todo')],
    },
    {
      cause: 'auth-required',
      codes: GENERIC_POLICY,
      words: /RESOLVER\.RST\.AuthRequired|authentication required|not authenticated|(?:only|internal) (?:senders|users)|accepts? (?:mail|messages) only from|external senders/i,
      // Exchange's own sentence for a group that takes mail from its organization only, in a report copied without its
      // code: "The group x only accepts messages from people in its organization or on its allowed senders list".
      wordsAlone: /\bonly accepts messages from people in its organization\b/i,
      owner: 'recipient-admin',
      steps: [step('ask-owner-allow-external', 'todo')],
    },
    {
      cause: 'not-authorized',
      codes: ['5.7.124'],
      owner: 'recipient-admin',
      steps: [step('ask-owner-allow-sender', 'todo')],
    },
    // Exchange's own resolver token names the restriction whatever 5.7.x carries it (5.7.129 and others).
    {
      cause: 'not-authorized',
      codes: [/^5\.7\.\d{1,3}$/],
      words: /RESOLVER\.RST\.(?:NotAuthorized|RestrictedToRecipientsPermission)\b|\bRestrictedToRecipientsPermission\b/,
      owner: 'recipient-admin',
      steps: [step('ask-owner-allow-sender', 'todo')],
    },
    {
      cause: 'not-authorized',
      codes: GENERIC_POLICY,
      // Gmail's "The IP you're using … is not authorized to send email directly to our servers" is about the sending IP (dynamic-ip).
      unless: DYNAMIC_IP,
      words: /RESOLVER\.RST\.NotAuthorized|not authorized to send|not (?:on|in) the (?:allowed|accepted) senders|delivery restrictions|restricted (?:group|distribution)|moderat|only accepting mail from specific (?:e-?mail )?addresses/i,
      // A reply that says the same with no enhanced code.
      wordsAlone: /\bisn['’]t on the recipient['’]s list of senders\b|\bnot (?:on|in) the (?:allowed|accepted) senders\b|\bmembers-only list\b|\bclosed mailing list\b|\bnot allowed to post to this (?:mailing )?list\b|\bnot subscribed to this (?:group|list)\b/i,
      owner: 'recipient-admin',
      steps: [step('ask-owner-allow-sender', 'todo')],
    },
    // An authenticated client sending with a From address its account may not send as.
    { cause: 'send-as-denied', codes: ['5.7.60'], refusedBySender: true, owner: 'sender', steps: [step('get-send-as', 'problem')] },
    // Postfix's reject_sender_login_mismatch ("Sender address rejected: not owned by user …"), under 5.7.1 or no code
    // that says more: the login may not use that sender address, a setting of the sender's own server (not Exchange's Send As).
    { cause: 'sender-login-mismatch', codes: GENERIC_POLICY, words: NOT_OWNED_BY_LOGIN, wordsAlone: NOT_OWNED_BY_LOGIN, refusedBySender: true, owner: 'sender', steps: [step('send-as-login', 'problem')] },
    { cause: 'send-as-denied', codes: GENERIC_POLICY, words: /SendAsDenied|permissions? to send as this sender|not allowed to send as\b/i, refusedBySender: true, owner: 'sender', steps: [step('get-send-as', 'problem')] },
    // The sending service's own refusal: it sends only from identities verified in its account.
    { cause: 'sender-unverified', codes: GENERIC_POLICY, words: SENDER_UNVERIFIED, wordsAlone: SENDER_UNVERIFIED, refusedBySender: true, owner: 'sender', steps: [step('verify-sender-identity', 'problem')] },
    {
      cause: 'client-submission',
      // 5.7.8 is RFC 4954's "authentication credentials invalid", 5.7.11 its "encryption required for requested
      // authentication mechanism", and 5.7.10 RFC 5248's "encryption needed" (for that mechanism): a client signing in.
      // 4.7.66: Exchange Online's refusal of a client still on TLS 1.0 or 1.1, which no retry gets past.
      codes: ['5.7.57', '5.7.139', '5.7.8', '5.7.10', '5.7.11', '4.7.66'],
      refusedBySender: true,
      owner: 'sender',
      steps: [step('fix-device-auth', 'problem')],
    },
    {
      cause: 'client-submission',
      // Gmail's own for a client signing in: 5.7.9 "Application-specific password required", 5.7.14 "Please log in through your web browser".
      codes: ['5.7.0', '5.7.3', '5.7.1', '5.5.1', '5.7.9', '5.7.14'],
      words: /SMTP ?AUTH|client was not authenticated|must issue a STARTTLS|STARTTLS is required|authentication unsuccessful|SmtpClientAuthentication|sender address rejected: not logged in\b|application-specific password required|log in (?:with|through) your web browser|^\s*(?:[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\s+)?)?authentication required\b/im,
      // A server that wants the client to sign in first, in words alone (no enhanced code).
      wordsAlone:
        /\bunauthenticated senders not allowed\b|\bauthentication (?:credentials invalid|failure|failed|(?:is )?required)\b|\bSMTP ?AUTH (?:is )?required\b|\bSTARTTLS is required\b|\bmust issue a STARTTLS\b|\bTLS required but not supported\b|\bauthentication turned on in your email client\b|\bincorrect authentication data\b|\bsubmitter failed to authenticate\b|\bdoes not advertise AUTH capability\b/i,
      refusedBySender: true,
      owner: 'sender',
      steps: [step('fix-device-auth', 'problem')],
    },
    {
      cause: 'relay-denied',
      // Exchange Online's 5.7.64 "TenantAttribution" (the inbound connector for the sender's own servers no longer
      // matches them) and 5.7.51 "TenantInboundAttribution" (a partner connector at the recipient's organization
      // wants this sender's mail over TLS with its certificate, or from its IP addresses, and it came otherwise).
      // Google's relay answers a device it doesn't know with 4.7.0 too ("IP not in whitelist for RCPT domain"): the retries
      // won't get through.
      codes: ['5.7.1', '5.7.0', '5.7.54', '5.7.64', '5.7.51', '5.4.1', '4.7.0', '4.7.1'],
      words: new RegExp(`${RELAY_ALONE.source}|Tenant(?:Inbound)?Attribution`, 'i'),
      wordsAlone: RELAY_ALONE,
      owner: 'sender',
      steps: [step('fix-relay', 'problem')],
    },
    // The receiving server wants the sending IP's reverse DNS: a PTR record naming a host that points back to it.
    // 5.7.25 is that refusal's own code (RFC 7372).
    { cause: 'no-reverse-dns', codes: ['5.7.25', '4.7.25'], owner: 'sender', steps: [step('fix-reverse-dns', 'problem')], retrying: [step('fix-reverse-dns', 'problem', 'retrying')] },
    {
      cause: 'no-reverse-dns',
      codes: [...GENERIC_POLICY, /^4\.7\.\d{1,3}$/],
      words: /cannot find your (?:reverse )?hostname|reverse (?:DNS|hostname|lookup|name)|\bPTR\)? record|\brDNS\b|\bIP name lookup failed\b/i,
      wordsAlone: /\bno PTR record\b|\breverse DNS (?:required|validation failed)\b|\bmust have a PTR record\b|cannot find your (?:reverse )?hostname|\bwith no reverse DNS\b|\bip name lookup failed\b|\b(?:bad|missing)\s+(?:dns\s+)?ptr\s+(?:resource\s+)?records?\b|\bdoes not have a ptr record\b|\bptr record setup\b|\bfix reverse dns\b|\breverse (?:dns|lookup)\s+(?:failed|rejected)\b|\bcustom reverse dns\b|\bforward dns entry does not point to the sending ip\b|\bpointer \(PTR\) record\b|\bno\s+rdns\b|\binvalid\s+rdns\b/i,
      owner: 'sender',
      steps: [step('fix-reverse-dns', 'problem')],
      // Deferred (4.7.x), not given up on: the sending server's next retry gets through once the record is there.
      retrying: [step('fix-reverse-dns', 'problem', 'retrying')],
    },
    // Mail that came in the clear where the receiving server wants TLS: the sending server's outbound setting.
    // (RFC 8617 gives 5.7.29 to ARC, so the code counts only with these words.)
    {
      cause: 'tls-required',
      // 4.7.0: Google Workspace's "TLS required for RCPT domain", its recipient's admin having made TLS a must.
      codes: ['5.7.29', '4.7.29', ...GENERIC_POLICY, '4.7.0', '4.7.1'],
      words: SENDER_TLS,
      wordsAlone: SENDER_TLS,
      owner: 'sender',
      steps: [step('use-tls', 'problem')],
      retrying: [step('use-tls', 'problem', 'retrying')],
    },
    // The sending server greeted with a name that is no full host name in DNS (Postfix's reject_invalid_helo_hostname
    // and reject_unknown_helo_hostname): the sending server's setting.
    {
      cause: 'helo-rejected',
      codes: [...GENERIC_POLICY, '5.5.2', /^4\.7\.\d{1,3}$/],
      words: HELO_REJECTED,
      wordsAlone: HELO_REJECTED,
      owner: 'sender',
      steps: [step('fix-helo', 'problem')],
      retrying: [step('fix-helo', 'problem', 'retrying')],
    },
    // Exchange Online's own refusal of a sender it restricted for spam; other servers' 5.1.8 is about the address (recipient family).
    { cause: 'sender-restricted', codes: ['5.1.8'], words: /bad outbound sender|\bAS\(4200\d\)/i, refusedBySender: true, owner: 'sender', steps: [step('secure-account', 'problem'), step('release-restricted', 'todo')] },
    // Exchange's own sentence for it, in a report copied without its code: "… you weren't recognized as a valid sender. The
    // most common reason for this is that your email address is suspected of sending spam and it's no longer allowed to
    // send messages outside of your organization." (Its "spam" is no verdict on the message.)
    { cause: 'sender-restricted', codes: [...GENERIC_POLICY, '5.1.8'], words: RESTRICTED_SENDER, wordsAlone: RESTRICTED_SENDER, refusedBySender: true, owner: 'sender', steps: [step('secure-account', 'problem'), step('release-restricted', 'todo')] },
    { cause: 'sending-limit', codes: ['5.1.90'], refusedBySender: true, owner: 'sender', steps: [step('secure-account', 'problem'), step('sending-limits', 'todo')] },
    { cause: 'sender-banned', codes: [codeRange('5', 7, 501, 503)], refusedBySender: true, owner: 'sender', steps: [step('secure-account', 'problem'), step('contact-microsoft', 'todo')] },
    { cause: 'recipient-blocked', codes: ['5.7.504', '5.7.505', '5.7.703'], owner: 'sender', steps: [step('check-block-list', 'problem')] },
    {
      cause: 'ip-blocked',
      codes: ['5.7.511', codeRange('5', 7, 606, 649)],
      owner: 'sender',
      steps: MICROSOFT_DELIST,
    },
    // The same list under a generic code: Exchange Online Protection's "Client host [ip] blocked using FBLW15; To request
    // removal from this list see https://sender.office.com".
    { cause: 'ip-blocked', codes: GENERIC_POLICY, words: MICROSOFT_BLOCK_LIST, wordsAlone: MICROSOFT_BLOCK_LIST, owner: 'sender', steps: MICROSOFT_DELIST },
    { cause: 'ip-blocked-by-recipient', codes: ['5.7.507', '5.7.513'], owner: 'recipient-admin', steps: [step('ask-recipient-unblock', 'todo')] },
    // Mimecast's "Host network not allowed", "IP address blacklisted by recipient": the recipient organization's own
    // policy refuses the sending IP, not a public list.
    { cause: 'ip-blocked-by-recipient', codes: GENERIC_POLICY, words: HOST_NOT_ALLOWED, wordsAlone: HOST_NOT_ALLOWED, owner: 'recipient-admin', steps: [step('ask-recipient-unblock', 'todo')] },
    // Outlook.com's own block list (S3140, S3150): no public list holds it; Outlook.com's sender support delists.
    // Not when it says the sending IP is a dynamic one (Hotmail's SC-001 "does not relay dynamically-assigned IP
    // ranges"): no delisting changes that, sending through a mail service does (dynamic-ip below).
    {
      cause: 'ip-listed-outlook-com',
      codes: [...GENERIC_POLICY, ...LISTING_OVERRULES],
      unless: DYNAMIC_IP,
      words: OUTLOOK_COM_BLOCK,
      // Hotmail's older SC-00x refusals come with no enhanced code.
      wordsAlone: OUTLOOK_COM_BLOCK,
      owner: 'sender',
      steps: [step('delist-outlook-com', 'problem'), step('check-ip-reputation', 'todo')],
    },
    // Headers that break RFC 5322 (two Subject headers, several addresses in From): the program that wrote the message.
    {
      cause: 'malformed-message',
      codes: GENERIC_POLICY,
      words: /not RFC ?(?:5322|2822) compliant|\bmultiple (?:(?:[45]\d\d[ -][245]\.\d{1,3}\.\d{1,3} )?addresses in (?:the )?From|(?:From|Subject|Date|Message-ID|Sender|To) headers)\b|\bmissing (?:a |the )?(?:valid )?(?:address in )?(?:Date|Message-ID|From):? header\b|\bhaving no From:? header\b/i,
      owner: 'sender',
      steps: [step('fix-message-format', 'problem')],
    },
    { cause: 'malformed-message', codes: [...GENERIC_POLICY, /^5\.6\.\d{1,3}$/], words: HEADER_8BIT, owner: 'sender', steps: [step('fix-message-format', 'problem')] },
    // Exchange's "Invalid MIME Content" (5.6.211: a header or line over its size limit) and other media errors
    // about the message's form, which the program that wrote it decides.
    { cause: 'malformed-message', codes: [/^5\.6\.\d{1,3}$/], words: MESSAGE_FORM, owner: 'sender', steps: [step('fix-message-format', 'problem')] },
    // The same, in words that name nothing else, under any of those codes or none ("554 Transaction failed: Duplicate header 'DKIM-Signature'").
    {
      cause: 'malformed-message',
      // 5.7.7: RFC 3463's message integrity failure ("554 5.7.7 too many equal X-headers"); 5.7.9 as some servers answer
      // the DATA ("554 5.7.9 Header error"; elsewhere it is SMTP AUTH's "mechanism too weak", which these words don't say).
      codes: [...GENERIC_POLICY, /^5\.6\.\d{1,3}$/, '5.3.4', '5.7.7', '5.7.9'],
      words: MESSAGE_FORM_MORE,
      wordsAlone: new RegExp(`${MESSAGE_FORM_MORE.source}|${MESSAGE_FORM.source}|${HEADER_8BIT.source}`, 'i'),
      owner: 'sender',
      steps: [step('fix-message-format', 'problem')],
    },
    // Gmail's own verdict on the message or on the sender's reputation, with no block list to be taken off: the
    // sending side's authentication, reputation and content are what change it.
    {
      cause: 'judged-spam',
      codes: GENERIC_POLICY,
      words: /likely unsolicited mail|(?:very )?low reputation of the sending (?:domain|IP)/i,
      owner: 'sender',
      steps: [step('authenticate-mail', 'todo'), step('check-reputation', 'todo'), step('review-content', 'todo')],
    },
    // A home or dynamic IP address sending straight to the recipient's server: send through a mail service instead.
    { cause: 'dynamic-ip', codes: GENERIC_POLICY, words: DYNAMIC_IP, wordsAlone: DYNAMIC_IP, owner: 'sender', steps: [step('send-through-mail-service', 'problem')] },
    // The sender's domain on a domain list: delisting the IP, or sending from another server, changes nothing. A link
    // in the message on such a list is the content's (content-rejected).
    {
      cause: 'domain-listed',
      codes: [...GENERIC_POLICY, ADDRESS_CODE, ...LISTING_OVERRULES, /^4\.7\.\d{1,3}$/],
      words: DOMAIN_LISTED,
      wordsAlone: DOMAIN_LISTED,
      unless: NOT_AN_IP_LISTING,
      owner: 'sender',
      steps: [step('delist-domain', 'problem'), step('authenticate-mail', 'todo')],
    },
    { cause: 'ip-listed', codes: [...GENERIC_POLICY, ADDRESS_CODE], words: LISTED, wordsAlone: LISTED, unless: NOT_AN_IP_LISTING, owner: 'sender', steps: DELIST },
    // The same listing under a code that says something else, which the words overrule: a mailbox code ("5.2.1 Mailbox
    // unavailable. Your IP address … is blacklisted"), a protocol one ("5.5.4 … Your IP … is listed by Invaluement"),
    // or a 5.7.x of the server's own ("5.7.107 The IP address was rejected by the sbl.spamhaus.org RBL").
    { cause: 'ip-listed', codes: LISTING_OVERRULES, words: LISTED, unless: NOT_AN_IP_LISTING, owner: 'sender', steps: DELIST },
    // Mail to too many addresses that don't exist, the way a spammer's list looks: the list is what to fix, and
    // the block lifts by itself. Under an address code too: the words are not about this recipient's address.
    { cause: 'invalid-recipients', codes: [...GENERIC_POLICY, ADDRESS_CODE], words: TOO_MANY_INVALID, wordsAlone: TOO_MANY_INVALID, owner: 'sender', steps: [step('clean-list', 'problem')] },
    // Mail flood (RFC 7372's X.7.28: Gmail's "unusual rate of unsolicited mail" from the sender's IP or DKIM domain, and its
    // other texts for it), whatever the words: refused, or deferred until the sending server gave up. The reputation is
    // what to act on, not a wait (while retrying, the transient family's throttling says to wait).
    { cause: 'low-reputation', codes: ['5.7.28'], owner: 'sender', steps: REPUTATION_STEPS },
    { cause: 'low-reputation', codes: ['4.7.28'], stopped: 'refused', owner: 'sender', steps: REPUTATION_STEPS },
    // The low-reputation deferrals (Gmail's 4.7.0 "very low reputation of the sending IP address", Microsoft's 4.7.650
    // "rate limited due to IP reputation", Yahoo's TSS04/TS01 "temporarily deferred due to unexpected volume or user
    // complaints"), given up on after the retries, likewise.
    {
      cause: 'low-reputation',
      codes: ['4.7.0', '4.7.1', '4.7.650', '4.7.651'],
      stopped: 'refused',
      words: /\breputation\b|\bunusual rate of unsolicited\b|\bunsolicited mail originating from your\b|\buser complaints\b|\[TSS?0[1-4]\]/i,
      owner: 'sender',
      steps: REPUTATION_STEPS,
    },
    // A sending limit the receiving server kept applying until the sending server gave up (163.com's "451 MI:DMC … Too
    // many mails from same sender or IP", "421 … too many connections"): resend once it lifts, and send less.
    { cause: 'rate-limited', codes: ['4.0.0', '4.3.0', '4.3.2', '4.4.5', '4.7.0', '4.7.1'], stopped: 'refused', words: RATE_LIMITED, owner: 'sender', steps: [step('resend-after-limit', 'todo'), step('send-less', 'todo')] },
    // Refused for the sender's reputation, with no block list named: nothing to be taken off, the sending side's
    // authentication and reputation are what change it (or the recipient's admin lets it through).
    {
      cause: 'low-reputation',
      codes: [...GENERIC_POLICY, '5.7.2'],
      // Yahoo's TSS09 refuses the sending IP for good, for its reputation and complaints (its words don't say so).
      // The words that name it on their own count under these codes too ("550 5.7.1 … Blocked for abuse").
      words: new RegExp(`reputation|\\[TSS09\\]|will be permanently deferred|${REPUTATION_ALONE.source}`, 'i'),
      wordsAlone: REPUTATION_ALONE,
      owner: 'sender',
      steps: REPUTATION_STEPS,
    },
    // The same under a protocol code the words overrule ("554 5.5.4 Your IP … address has a bad reputation").
    { cause: 'low-reputation', codes: [/^5\.5\.\d{1,3}$/], words: REPUTATION_ALONE, owner: 'sender', steps: REPUTATION_STEPS },
    // Deferred (4.7.x) for a listing: the retries don't get through while the address is listed. ("Reputation"
    // alone is throttling here, which lifts by itself: Microsoft's 4.7.650, Gmail's 4.7.0.)
    { cause: 'ip-listed', codes: [/^4\.7\.\d{1,3}$/], words: LISTED, unless: NOT_AN_IP_LISTING, owner: 'sender', steps: DELIST },
    { cause: 'tenant-reputation', codes: ['5.7.705', '5.7.708'], refusedBySender: true, owner: 'sender', steps: [step('secure-account', 'problem'), step('contact-microsoft', 'todo')] },
    { cause: 'unregistered-domain', codes: ['5.7.750'], refusedBySender: true, owner: 'sender', steps: [step('register-domains', 'problem')] },
    // Microsoft 365's outbound spam policy turns automatic forwarding to outside addresses off by default; an
    // inbox rule or a forwarding address that nobody set up is also a sign of a compromised mailbox.
    { cause: 'forwarding-blocked', codes: ['5.7.520'], wordsAlone: FORWARDING_BLOCKED, refusedBySender: true, owner: 'sender', steps: FORWARDING_STEPS },
    { cause: 'forwarding-blocked', codes: GENERIC_POLICY, words: FORWARDING_BLOCKED, refusedBySender: true, owner: 'sender', steps: FORWARDING_STEPS },
    // "Spam" said before the content was sent (to MAIL FROM or RCPT TO: Comcast's "554 … Comcast block for spam … BL000000"
    // to MAIL FROM) is a verdict on the sending server or the sender, which nothing in the message can change.
    { cause: 'low-reputation', codes: GENERIC_POLICY, words: SPAM_BEFORE_CONTENT, wordsAlone: SPAM_BEFORE_CONTENT, owner: 'sender', steps: REPUTATION_STEPS },
    {
      cause: 'content-rejected',
      // 5.7.350: Exchange passing on a remote server's content verdict.
      codes: [...GENERIC_POLICY, '5.7.350'],
      // The words that name a filter's verdict on their own count under these codes too ("appears to be unsolicited",
      // "mass mailer"), and in the languages servers answer in (迷惑メール, 스팸, 垃圾郵件, skräppost, pourriel).
      words: new RegExp(`spam|content|virus|malware|phish|suspicious|attachment|\\bURL\\b|link|unsolicited bulk|\\bUBE\\b|${CONTENT_ALONE.source}|${SPAM_LOCALIZED}`, 'i'),
      wordsAlone: new RegExp(`\\brejected due to spam\\b|\\bspam classification\\b|\\bscored as spam\\b|SpamSignature\\b|${CONTENT_ALONE.source}|${SPAM_JUDGED_LOCALIZED}`, 'i'),
      // "dynamic/zombied/spam IPs blocked" is about the sending address, not the message; so is any verdict given before
      // the message was sent.
      unless: new RegExp(`\\bips?\\s+(?:(?:are|is|has\\s+been|was)\\s+)?blocked\\b|\\bip\\s+address(?:es)?\\s+(?:are\\s+)?blocked\\b|${BEFORE_CONTENT.source}`, 'i'),
      owner: 'recipient-admin',
      steps: CONTENT_STEPS,
    },
    // Orange's and La Poste's spam verdict by its reason code, under a mailbox code ("550 5.2.0 Mail rejete. Mail rejected. OFR_506").
    { cause: 'content-rejected', codes: [/^5\.2\.\d{1,3}$/], words: /\b(?:OFR|LPN|OUK)\d{0,3}_506\b/i, owner: 'recipient-admin', steps: CONTENT_STEPS },
    // RFC 3463's X.7.3 is a security conversion, which some filters give their verdict on the content ("553 5.7.3 CONTENT REJECT … dspam check").
    { cause: 'content-rejected', codes: ['5.7.3'], words: CONTENT_ALONE, owner: 'recipient-admin', steps: CONTENT_STEPS },
    // A 5.6.x is a media error, about the message's form ("Invalid MIME Content", a header over its size
    // limit, bare line feeds): a filter's verdict on what it contains only when the words say so.
    {
      cause: 'content-rejected',
      // Exchange's content filter quarantines under 5.2.1 ("Content Filter agent quarantined this message"); other
      // filters block under 5.2.0 ("552 5.2.0 Message blocked due to spam content in the message").
      codes: [/^5\.6\.\d+$/, '5.2.1', '5.2.0'],
      words: /spam|virus|malware|phish|suspicious|unsafe|content filter agent quarantined|\bcontent\s+(?:rejected|denied)\b/i,
      owner: 'recipient-admin',
      steps: CONTENT_STEPS,
    },
    // A sending limit under other codes: Gmail's for an account comes as 5.4.5 (mail system congestion), Amazon
    // SES's throttling as 5.2.2 (which the mailbox family leaves to this rule), Zoho's "Unusual sending activity" as
    // 5.4.6 (which is no routing loop).
    { cause: 'rate-limited', codes: [...GENERIC_POLICY, '5.4.5', '5.4.6', '5.2.2', ADDRESS_CODE], words: RATE_LIMITED, wordsAlone: RATE_LIMITED, owner: 'sender', steps: [step('resend-after-limit', 'todo'), step('send-less', 'todo')] },
    // A gateway's anti-spoofing policy: mail from outside whose From uses a domain it protects (Mimecast's "Rejected by header
    // based Anti-Spoofing policy"). Its admin can let a service that sends for the domain through.
    { cause: 'spoofing-blocked', codes: GENERIC_POLICY, words: SPOOFING_BLOCKED, wordsAlone: SPOOFING_BLOCKED, owner: 'recipient-admin', steps: [step('ask-spoofing-exception', 'todo')] },
    // Zoho's "554 5.7.7 Email policy violation detected": its filter's refusal under RFC 3463's message-integrity code,
    // and its "554 5.2.3 MailPolicy violation" under a mailbox code.
    { cause: 'policy-other', codes: ['5.7.7', '5.2.3'], words: BY_POLICY, owner: 'recipient-admin', steps: [step('read-remote-words', 'todo'), step('ask-recipient-admin', 'todo')] },
    { cause: 'policy-other', codes: ['5.7.1', '5.7.0'], wordsAlone: BY_POLICY, owner: 'recipient-admin', steps: [step('read-remote-words', 'todo'), step('ask-recipient-admin', 'todo')] },
  ],
  // A public block list that lists one of Microsoft 365's shared outbound addresses: Microsoft delists it,
  // at the request of the sender's admin (support), who is offered the case.
  microsoftSender: {
    causes: ['ip-listed'],
    cause: 'ip-listed-microsoft',
    owner: 'sender',
    escalate: true,
    steps: [step('report-listing', 'todo'), step('ask-recipient-allow', 'todo'), step('check-outbound-spam', 'todo')],
  },
});
