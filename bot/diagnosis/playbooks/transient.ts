/**
 * Temporary trouble and routing: a delay notice or any 4.x.x the sending server is still retrying, a
 * message that expired in the queue (4.4.7), a destination that refuses or never answers, throttling,
 * greylisting, TLS that the destination requires but breaks, routing loops (5.4.6–5.4.20) and DNS
 * failures (5.4.4, 5.4.310). The recipient domain's mail host is checked where DNS could be the cause.
 */
import { codeRange, DNS_LOOKUP_FAILED, familyPlaybook, LOOP, NO_ANSWER, step, type FamilyDiagnosis, type FamilyRule } from '../family';
import { OUTLOOK_COM_RATE, TOO_MANY_CONNECTIONS_LOCALIZED } from '../policy-words';

export type TransientDiagnosis = FamilyDiagnosis<'transient'>;

declare module '../types' {
  interface PlaybookDiagnoses {
    transient: TransientDiagnosis;
  }
}

/**
 * Words that say the recipient's server was never reached: it refused the connection, didn't answer, or was
 * never found.
 */
const NEVER_CONNECTED = new RegExp(
  // A connection that got no answer at all (the family's NO_ANSWER: timed out, refused, no route), and the words servers use for it.
  String.raw`${NO_ANSWER.source}|\bdid not accept our requests to connect\b|\b(?:unable to|cannot|can['’]t) connect to (?:the )?remote (?:server|host)\b|\b(?:host|server) (?:is )?(?:not reachable|unreachable)\b|\bnot accepting connections\b|\ball hosts have been failing\b|\bcould not connect to\b|\bcould not initiate SMTP conversation\b|\bserver did not respond\b|\bcould not connect and send\b|\bservice not available, closing transmission channel\b|\brefused to accept a connection from your email system\b|\b(?:unable|failed) to connect successfully to the destination mail server\b`
    // The same in the other languages' reports ("メールサーバーに接続できなかったため", "无法连接到服务器", "서버에 연결할 수 없어").
    + String.raw`|(?:サーバー?|ホスト)に接続でき(?:ませんでした|なかった|ません)|(?:无法|無法|未能)(?:连接|連接|連線)(?:到|至)?[^。\n]{0,8}(?:服务器|伺服器|主机|主機)|(?:서버|호스트)에\s?(?:연결할\s?수\s?없|연결하지\s?못|접속할\s?수\s?없)`
    + String.raw`|impossible\s+de\s+(?:se\s+connecter|joindre)\s+(?:au|le)\s+serveur|\b(?:kunde\s+inte|gick\s+inte\s+att)\s+ansluta\s+till\b|\bkonnte\s+keine\s+verbindung\b|\bno\s+se\s+pudo\s+conectar\b`,
  'i',
);
/**
 * Words that say the recipient's server was reached and the conversation then broke off before the message was
 * delivered: it stopped answering (Postfix's "conversation with mx… timed out while sending RCPT TO", Exim's "SMTP
 * timeout after end of data", Sendmail's "timeout waiting for input from mx… during client RCPT"), dropped the
 * connection ("lost connection with mx… while sending RCPT TO", "Connection reset by peer", qmail's "Connected to
 * 192.0.2.25 but connection died"), or never greeted after it accepted the connection. RFC 3463's X.4.2.
 */
const BROKE_OFF = new RegExp(
  String.raw`\bconnection (?:dropped|reset by (?:peer|\S+)|was dropped by remote host|died)\b|\bafter initial connection\b|\btimed out while receiving the initial server greeting\b|\blost connection with \S+ while (?:receiving the initial server greeting|performing the [EHL]{2}LO handshake|sending [\w ]{2,24})\b|\bconversation with \S+ timed out while (?:performing|sending|receiving)\b|\bclosed connection in response to (?:initial connection|[\w ]{2,24})\b|\bSMTP timeout after\b|\btimeout waiting for input from \S+ during\b|\bconnected to \S+ but (?:connection died|greeting failed|sender was rejected)\b`,
  'i',
);

/** Words for a recipient domain DNS gives no mail server for: no MX, a null MX (RFC 7505), no such host. */
const NO_MAIL_SERVER = new RegExp(
  String.raw`\bno MX (?:or A )?(?:records? )?(?:found )?for\b|\bcould(?:n't| not) find a mail exchanger or IP address\b|\bMX or SRV record indicated no SMTP service\b|\bnull MX\b|\bdomain is not reachable\b|${DNS_LOOKUP_FAILED.source}|\bno such domain\b|\bhost name lookup failure\b|\bmalformed (?:or unexpected )?name server reply\b|\bunable to resolve route\b|\bDNS records for the destination computer could not be found\b|\b(?:host|domain|host\/domain) does not accept mail\b|\bdoes not accept mail \(nullmx\)|\bcould not find a gateway for\b|\bunknown host\b|\bunroute?able (?:address|mail domain)\b|\bno valid MX hosts? found\b|\bname or service not known\b|\brecipient domain must exist\b|\ball relevant MX records point to non-existent hosts\b|\bhost lookup did not complete\b|^\s*(?:[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\s+)?)?domain does not exist\b|\brecipient domain does not exist\b|\billegal host\/domain name found\b`,
  'i',
);
/** A final bounce that says the sending server stopped retrying, and no more. */
const GAVE_UP = /\bgiving up\b|\bgave up\b|\bdelivery (?:time )?expired\b|\bmessage timed out\b|\bnot reachable within the allowed queue period\b|\bhave been failing for a long time\b|\bafter a long failure period\b|\bnot been collected after\b|\bdelivery failed \d+ attempts\b|\bafter multiple retries\b|\b(?:in|on) the queue too long\b|\bretry timeout exceeded\b|\bcannot send message for \d+ (?:days?|hours?)\b|\bexceeded (?:the )?maximum (?:number of )?delivery attempts\b|\bmaximum delivery attempts exceeded\b|\bcould not be delivered for too long\b|\bwill be deleted from (?:the )?queue\b|\benvelope expired\b/i;

/**
 * TLS that the sending side requires for the domain (its own setting, or the domain's MTA-STS policy) and the
 * recipient's server doesn't offer: Postfix's "TLS is required, but was not offered by host …".
 */
const TLS_NOT_OFFERED =
  /\bTLS is required,? but (?:was )?not (?:offered|advertised|available)\b|\b(?:STARTTLS|TLS) (?:is |was )?not (?:offered|advertised|supported)(?: by)?\b|\bdoes(?: not|n['’]t) (?:support|offer) (?:STARTTLS|TLS)\b|\bRemote server does not support TLS\b|\bTLS session is required,? but the server did not offer TLS\b/i;

/** The receiving server's greylisting: "Greylisted, see http://postgrey…", "greylisting in action", "grey-listed". */
const GREYLISTED = /gr[ea]y[ -]?list/i;

/**
 * Greylisting that turned away every retry until the sending server gave up: it takes each retry from another
 * address of a sending pool (Microsoft 365's, Google's) for a new sender. Its admin exempts the sender; waiting
 * longer would not help.
 */
const GREYLIST_NEVER_PASSED: Pick<FamilyRule, 'cause' | 'owner' | 'steps'> = {
  cause: 'greylist-never-passed',
  owner: 'recipient-admin',
  steps: [step('exempt-from-greylisting', 'todo')],
};

/** A temporary refusal the receiving server gave, quoted in an expiry notice: `[Message=451 …]`, `-> 451 …`, `<451 …>`. */
const LAST_REFUSAL_QUOTED = /\[(?:Message|LastAttemptedError)=\s*4\d\d[ -]|->\s*4\d\d[ -]|<4\d\d[ -]/i;
/**
 * A quoted 4xx that is the sending side's own "no answer" ("421 4.4.2 Connection timed out", "451 4.4.0 DNS query
 * failed"): no server refused anything, as `stoppedAs` reads the same words for a report that gave up.
 */
const NOT_A_REFUSAL = new RegExp(`${NO_ANSWER.source}|${DNS_LOOKUP_FAILED.source}`, 'i');

/** A message going round: a loop or too many hops. */

/**
 * The receiving server's limit on how much the sender may send, in words: throttling, a rate limit; Policyd's (cluebringer's)
 * "Policy Rejection- Quota Exceeded"; too many connections, in German, French, Spanish and Italian; 163.com's "MI:SFQ 发信人在15分钟内的发信数量超过限制" (the sender sent more in 15
 * minutes than it allows) and "频率限制".
 */
const SENDING_RATE = new RegExp(
  String.raw`throttl|rate limit|\btoo many (?:e-?mails|mails|messages) from\b|${TOO_MANY_CONNECTIONS_LOCALIZED.source}|${OUTLOOK_COM_RATE.source}|\bpolicy rejection-?\s*quota exceeded\b|(?:发信|發信|发送|發送)[^\n]{0,20}(?:超过|超過)[^\n]{0,6}限制|(?:频率|頻率)(?:限制|过高|過高)`,
  'i',
);

/** What every reading of a DNS failure shares: no server was reached, and the recipient's domain is what to check. */
const DNS_FAILURE: Pick<FamilyRule, 'cause' | 'unreached' | 'owner' | 'steps' | 'checksRecipientDomain'> = {
  cause: 'dns-failure',
  unreached: true,
  owner: 'recipient-admin',
  steps: [step('check-recipient-domain', 'todo')],
  checksRecipientDomain: true,
};

export const playbook = familyPlaybook({
  id: 'transient',
  rank: 40,
  rules: [
    // Final bounces whose code says nothing more, by their words (the order says which reason is told first):
    // nothing to wait for, the recipient's server or domain is what to look at.
    { cause: 'connection-failed', unreached: true, codes: [], wordsAlone: NEVER_CONNECTED, owner: 'recipient-admin', steps: [step('check-destination', 'todo'), step('check-own-side', 'todo')], checksRecipientDomain: true },
    { cause: 'connection-lost', unreached: true, codes: [], wordsAlone: BROKE_OFF, owner: 'recipient-admin', steps: [step('check-destination', 'todo'), step('check-own-side', 'todo')], checksRecipientDomain: true },
    { ...DNS_FAILURE, codes: [], wordsAlone: NO_MAIL_SERVER },
    { cause: 'expired', unreached: true, codes: [], wordsAlone: GAVE_UP, owner: 'recipient-admin', steps: [step('check-destination', 'todo'), step('check-own-side', 'todo')], checksRecipientDomain: true },
    // Words that name the cause, whether retries are still going or stopped.
    {
      cause: 'tls-not-offered',
      unreached: true,
      codes: [/^[45]\.[047]\.\d{1,3}$/],
      words: TLS_NOT_OFFERED,
      wordsAlone: TLS_NOT_OFFERED,
      owner: 'recipient-admin',
      steps: [step('ask-recipient-starttls', 'todo'), step('own-tls-requirement', 'todo')],
    },
    // DNS that gives the recipient domain no mail server, whether retries are still going or stopped: the
    // domain is what to check (a DNS check says whether it exists), not the refusal.
    {
      ...DNS_FAILURE,
      codes: ['5.4.4', '5.4.310', '5.4.312', '4.4.3', '5.1.2', '4.1.2', '4.4.0', '5.4.0', '5.4.3'],
      words: new RegExp(String.raw`${NO_MAIL_SERVER.source}|\bDNS\b|host not found|domain not found|domain (?:does not|doesn't|not) exist|unable to route|no MX|name (?:server|resolution)|unrouteable|NXDOMAIN|\binvalid domain\b`, 'i'),
    },
    // The same under a code that says nothing (Gmail's "DNS Error: … DNS type 'mx' lookup of gmal.com responded with
    // code NXDOMAIN" comes as 4.0.0 when it gave up, OpenSMTPD's delay for "No MX found for domain" as 4.0.0 too): the
    // lookup's own words, not the loose "DNS" above.
    { ...DNS_FAILURE, codes: ['4.0.0', '5.0.0'], words: new RegExp(String.raw`${NO_MAIL_SERVER.source}|\bDNS type '(?:mx|a|aaaa)' lookup of\b`, 'i') },
    // A final bounce after the recipient's server was never reached, with a routing code (Exchange's 5.4.317
    // and 5.4.318 "Message expired, cannot connect … / connection refused"): nothing to wait for.
    { cause: 'connection-failed', unreached: true, codes: [/^5\.4\.\d{1,3}$/], words: NEVER_CONNECTED, owner: 'recipient-admin', steps: [step('check-destination', 'todo'), step('check-own-side', 'todo')], checksRecipientDomain: true },
    { cause: 'connection-lost', unreached: true, codes: [/^5\.4\.\d{1,3}$/], words: BROKE_OFF, owner: 'recipient-admin', steps: [step('check-destination', 'todo'), step('check-own-side', 'todo')], checksRecipientDomain: true },
    // An expiry whose attempts failed in DNS (Sendmail's "Deferred: Name server: example.co.jp.: host name lookup
    // failure … Message could not be delivered for 8 hours"): the recipient's domain is what to check, not the queue.
    { ...DNS_FAILURE, codes: ['4.4.7', '5.4.7', '5.4.300'], words: NO_MAIL_SERVER, final: true },
    // A 4.x.x the sending server stopped retrying: a final bounce, not a delay to wait out.
    { ...GREYLIST_NEVER_PASSED, codes: [/^4\.\d{1,3}\.\d{1,3}$/], words: GREYLISTED, stopped: 'refused' },
    { cause: 'retries-refused', codes: [/^4\.\d{1,3}\.\d{1,3}$/], stopped: 'refused', owner: 'varies', steps: [step('act-on-refusal', 'todo')] },
    { cause: 'expired', unreached: true, codes: [/^4\.\d{1,3}\.\d{1,3}$/], stopped: 'unreached', owner: 'recipient-admin', steps: [step('check-destination', 'todo'), step('check-own-side', 'todo')], checksRecipientDomain: true },
    // Exchange's expiry that quotes the receiving server's last temporary refusal ("4.4.7 QUEUE.Expired; message
    // expired [Message=450 4.7.1 Client host rejected: cannot find your reverse hostname …]", "5.4.300 Message
    // expired -> 451 4.7.1 …"): that server was reached each time and put the message off; its words say why.
    { ...GREYLIST_NEVER_PASSED, codes: ['4.4.7', '5.4.7', '5.4.300'], words: GREYLISTED, final: true },
    { cause: 'retries-refused', codes: ['4.4.7', '5.4.7', '5.4.300'], words: LAST_REFUSAL_QUOTED, unless: NOT_A_REFUSAL, owner: 'varies', final: true, steps: [step('act-on-refusal', 'todo')] },
    {
      cause: 'expired',
      unreached: true,
      codes: ['4.4.7', '5.4.7', '5.4.300', '4.4.2'],
      words: /expired|gave up|giving up|too long|retry timeout|could not be delivered within|message expired/i,
      owner: 'recipient-admin',
      final: true,
      steps: [step('check-destination', 'todo'), step('check-own-side', 'todo')],
      checksRecipientDomain: true,
    },
    // Exchange's delay notice gives 4.4.7 too ("Message delayed"): not expired while it is still retried.
    { cause: 'expired', unreached: true, codes: ['4.4.7', '5.4.7', '5.4.300'], final: true, owner: 'recipient-admin', steps: [step('check-destination', 'todo'), step('check-own-side', 'todo')], checksRecipientDomain: true },
    {
      cause: 'routing-loop',
      codes: [codeRange('5', 4, 6, 20)],
      // Other servers' words for it, under 5.4.0 or no code that says more (Domino's "Maximum hop count exceeded").
      wordsAlone: LOOP,
      owner: 'varies',
      steps: [step('fix-loop', 'todo')],
    },
    // Under 5.4.x, and under an address code Sendmail gives its "aliasing/forwarding loop broken (11 aliases deep; 10 max)".
    { cause: 'routing-loop', codes: [/^5\.4\.\d{1,3}$/, /^5\.1\.\d{1,3}$/], words: LOOP, owner: 'varies', steps: [step('fix-loop', 'todo')] },
    {
      cause: 'tls-failure',
      unreached: true,
      codes: ['4.4.317', '4.7.5', '4.4.8', codeRange('4', 7, 321, 325)],
      owner: 'recipient-admin',
      transient: true,
      steps: [step('tell-recipient-tls', 'todo')],
    },
    {
      cause: 'greylisted',
      codes: [/^4\.\d{1,3}\.\d{1,3}$/],
      words: GREYLISTED,
      owner: 'microsoft',
      transient: true,
      steps: [step('wait', 'todo')],
    },
    // A mail flood (RFC 7372's X.7.28: Gmail's rate limit for an unusual rate of spam from the sender's IP or DKIM domain),
    // whatever its words.
    { cause: 'throttled', codes: ['4.7.28'], owner: 'microsoft', transient: true, steps: [step('wait', 'todo'), step('throttle-own-side', 'todo')] },
    {
      cause: 'throttled',
      // Yahoo's TSS04/TS01 "temporarily deferred due to unexpected volume or user complaints" is the same (its tag alone says so).
      codes: ['4.3.2', codeRange('4', 7, 500, 699), codeRange('4', 7, 850, 899), '4.7.0', '4.7.1', '4.2.1'],
      words: new RegExp(`AS\\(\\d+\\)|\\[TSS?0[1-4]\\]|too many|temporarily (?:restricted|blocked|deferred)|deferred due to|try again|suspicious|unusual rate of unsolicited|${SENDING_RATE.source}`, 'i'),
      owner: 'microsoft',
      transient: true,
      steps: [step('wait', 'todo'), step('throttle-own-side', 'todo')],
    },
    { cause: 'throttled', codes: ['4.3.2', codeRange('4', 7, 500, 699), codeRange('4', 7, 850, 899)], owner: 'microsoft', transient: true, steps: [step('wait', 'todo')] },
    // Reached, then broken off (under 4.4.2 by RFC 3463, under 4.4.1 or 4.4.0 by some servers): the words say so.
    {
      cause: 'connection-lost',
      unreached: true,
      codes: ['4.4.316', '4.4.1', '4.4.2', '4.4.0', '5.4.316', '4.0.0'],
      words: BROKE_OFF,
      owner: 'recipient-admin',
      transient: true,
      steps: [step('wait', 'todo'), step('check-destination', 'todo')],
      checksRecipientDomain: true,
    },
    {
      cause: 'connection-failed',
      unreached: true,
      codes: ['4.4.316', '4.4.1', '4.4.2', '4.4.0', '5.4.316'],
      owner: 'recipient-admin',
      transient: true,
      steps: [step('wait', 'todo'), step('check-destination', 'todo')],
      checksRecipientDomain: true,
    },
    // A delay notice with no code that says more, in words that say the server wasn't reached (Gmail's "did not accept our requests to connect").
    { cause: 'connection-failed', unreached: true, codes: ['4.0.0'], words: NEVER_CONNECTED, owner: 'recipient-admin', transient: true, steps: [step('wait', 'todo'), step('check-destination', 'todo')], checksRecipientDomain: true },
    // The same refusal in words alone, under a code that says nothing more (docomo's "552 Too many recipients" under 5.0.0).
    { cause: 'too-many-recipients', codes: ['4.5.3', '5.5.3'], wordsAlone: /\btoo many recipients\b/i, owner: 'sender', transient: true, steps: [step('split-recipients', 'todo')] },
    // The same limit named in words, under a 4xx with no code that says more ("451 MI:SFQ …").
    { cause: 'throttled', codes: ['4.0.0', '4.3.0'], words: SENDING_RATE, owner: 'microsoft', transient: true, steps: [step('wait', 'todo'), step('throttle-own-side', 'todo')] },
    { cause: 'delayed', codes: [/^4\.\d{1,3}\.\d{1,3}$/], owner: 'microsoft', transient: true, steps: [step('wait', 'todo')] },
    { cause: 'routing-other', codes: [/^5\.4\.\d{1,3}$/], owner: 'recipient-admin', steps: [step('check-destination', 'todo')], checksRecipientDomain: true },
  ],
  missingDomain: { cause: 'recipient-domain-missing', owner: 'sender', steps: [step('fix-recipient-domain', 'problem')] },
  // The sending server's lookup failed, but DNS answers for the domain now: it was missing or broken for a while.
  resolvesNow: {
    causes: ['dns-failure'],
    cause: 'dns-failure-resolved',
    final: { owner: 'sender', steps: [step('resend-domain-found', 'todo')] },
    // As the family's other delays: the sending server retries by itself.
    retrying: { owner: 'microsoft', steps: [step('wait-domain-found', 'todo')] },
  },
});
