/**
 * What a bounce's words say when it writes no code: the usual reasons ("user unknown", "mailbox
 * full", …) as mail systems word them (English here, other languages in phrases-languages.ts), and
 * whether the bounce is a delay notice (a warning that delivery is still being tried) rather than a
 * final failure. Used only to infer a status for recipients whose bounce gave none.
 */
import { replyWords } from './reply';
import type { Bounce } from './types';
import { LOCALIZED_DELAYED, LOCALIZED_MAIL, LOCALIZED_RETRY, localizedReasons } from './phrases-languages';

// Within one sentence: any character but a line break or a full stop that ends a sentence (the dots
// inside an address or a host name do not).
const S = String.raw`(?:[^.\n]|\.(?=\S))`;

/** The reason "the message expired in the queue" stands for. */
const EXPIRED = '5.4.7';

// Reason → status (class 5; a delay notice turns it into class 4). Checked in this order: a disabled or
// full mailbox is more specific than the "unavailable" or "does not exist" around it.
const ENGLISH_REASONS: [string, RegExp][] = [
  [
    '5.2.2',
    new RegExp(
      [
        String.raw`\bmail\s?box(?:es)?\b${S}{0,40}\b(?:is\s+)?(?:full|over\s?quota|exceeded|at\s+capacity)`,
        String.raw`\b(?:over|exceeded|exceeds|exceeding)\s+(?:its\s+|the\s+|their\s+|his\s+|her\s+)?(?:storage\s+|disk\s+|mailbox\s+)?(?:quota|storage\s+limit|allowed\s+size)`,
        String.raw`\bquota\s+(?:exceeded|reached|full)\b|\binsufficient\s+(?:disk\s+|storage\s+)?(?:space|storage)|out\s+of\s+storage\s+space|\bmail\s?folder\s+is\s+full|\bmail\s?box\s+space\s+(?:is\s+)?(?:not\s+enough|insufficient)\b`,
        String.raw`\b(?:does\s*n[o']t|do\s*n[o']t|not)\s+(?:have\s+)?enough\s+(?:disk\s+|storage\s+)?space\b|\boverdrawn\b${S}{0,30}\bquota\b|\bexhausted\s+(?:(?:the|its|his|her|their|allowed)\s+){0,2}(?:storage|disk|mailbox)\s+(?:space|quota)\b`,
        // Postfix's local delivery to an mbox file at its size limit: "cannot update mailbox … File too large".
        String.raw`\bcannot\s+update\s+mailbox\b[^\n]{0,160}\bfile\s+too\s+large\b`,
      ].join('|'),
      'i',
    ),
  ],
  [
    '5.2.1',
    new RegExp(
      [
        String.raw`\b(?:account|mail\s?box|user)\b${S}{0,30}\b(?:is\s+|has\s+been\s+)?(?:disabled|suspended|inactive|deactivated|locked|frozen|closed|expired|discontinued)\b`,
      ].join('|'),
      'i',
    ),
  ],
  // The sender's domain, which the words for an unknown address below would otherwise take: Sendmail's "Domain of
  // sender address x does not exist", Postfix's "Sender address rejected: Domain not found".
  ['5.1.8', /\bdomain\s+of\s+sender\s+address\b[^\n]{0,300}?\b(?:does\s*n[o']t\s+exist|not\s+found|unknown)\b|\bsender\s+address\s+rejected:\s*domain\s+(?:not\s+found|does\s*n[o']t\s+exist|must\s+exist)\b/i],
  // An address the receiving side couldn't read as one (RFC 3463's X.1.3), before the words for an unknown one below
  // take "invalid recipient address": Exchange's "The format of the email address isn't correct", Postfix's "Bad
  // recipient address syntax", Gmail's "is not a valid RFC-5321 address".
  [
    '5.1.3',
    /\bformat\s+of\s+the\s+e-?mail\s+address\s+(?:isn['’]t|is\s+not)\s+correct\b|\b(?:recipient|destination)\s+(?:mailbox\s+)?address\s+syntax\b|\brecipient\s+address\s+(?:<[^>\n]{0,254}>\s+)?is\s+not\s+a\s+valid\s+RFC[- ]?5321\s+address\b|\binvalid\s+recipient\s+address\s+(?:syntax|format)\b/i,
  ],
  // A domain nobody could find, before the words for an unknown address: Gmail's report heads "Address not found" (in each
  // language) over "the domain x couldn't be found".
  [
    '5.1.2',
    new RegExp(String.raw`\bhost\s+(?:\S+\s+)?(?:unknown|not\s+found)\b|\bunknown\s+host\b|\b(?:domain|host\s?name)\b${S}{0,40}\b(?:not\s+found|does\s+not\s+exist|doesn't\s+exist|unknown|(?:couldn['’]t|could\s+not|can['’]t|cannot)\s+be\s+found)\b|\bno\s+such\s+domain\b|\bunrouteable\s+(?:mail\s+)?domain\b|\bunknown\s+domain\b`, 'i'),
  ],
  [
    '5.1.1',
    new RegExp(
      [
        String.raw`\b(?:user|recipient|addressee)\s+(?:unknown|not\s+found|doesn't\s+exist|does\s+not\s+exist|not\s+known)|\bunknown\s+(?:user|recipient|mailbox|address|local[- ]part)`,
        String.raw`\bno\s+such\s+(?:user|mailbox|recipient|address|account|local\s+user)|\bno\s+valid\s+recipients?\b|\bno\s+mailbox\s+here\b|(?<!\btoo\s+many\s+)\binvalid\s+(?:recipient|mailbox|user|address)|\bnon-?existent\s+(?:user|recipient|mailbox|address|account)\b`,
        String.raw`\b(?:mail\s?box|account|address|e-?mail\s+account)\b${S}{0,40}\b(?:does\s+not|doesn't)\s+exist|\b(?:mail\s?box|recipient|account)\s+not\s+found`,
        String.raw`recipient\s+name\s+is\s+not\s+recognized|not\s+listed\s+in\s+(?:the\s+)?(?:Domino\s+|public\s+Name\s+&\s+Address\s+)?Directory|doesn't\s+have\s+an?\s+[\w.-]+\s+account`,
        String.raw`\bmail\s?box\b${S}{0,60}\b(?:is\s+)?unavailable\b`,
        String.raw`\b(?:address|recipient|mail\s?box|user)\b${S}{0,40}\b(?:couldn't|could\s+not|can't|cannot)\s+be\s+found\b`,
        // Exchange's new layout: "kim wasn't found at contoso.example."
        String.raw`\b(?:wasn't|was\s+not)\s+found\s+(?:at|on|in)\s+[\w-]+(?:\.[\w-]+)+`,
        // cPanel's Exim after a failed recipient check: "The account or domain may not exist, they may be blacklisted, or …".
        String.raw`\bthe\s+account\s+or\s+domain\s+may\s+not\s+exist\b`,
      ].join('|'),
      'i',
    ),
  ],
  [
    '5.3.4',
    new RegExp(String.raw`\bmessage\b${S}{0,30}\btoo\s+(?:big|large)\b|\bsize\s+limit\s+exceeded\b|\b(?:exceeds|exceeded)\s+(?:the\s+)?(?:maximum\s+)?(?:incoming\s+|inbound\s+)?(?:message\s+)?size(?:\s+limit)?\b|\bmessage\s+size\s+exceeds\b`, 'i'),
  ],
  [EXPIRED, /\bcould\s+not\s+(?:be\s+)?deliver(?:ed)?\s+for\s+(?:the\s+last|more\s+than)\b|\bretry\s+time(?:out)?\s+(?:exceeded|expired)\b|\bmessage\s+(?:has\s+)?expired\b/i],
  // Exchange Online's report for a destination that refused every connection until the message expired (its 5.4.316).
  ['5.4.316', /\brefused\s+to\s+accept\s+a\s+connection\s+from\s+your\s+email\s+system\b/i],
  ['5.4.6', /\b(?:mail|routing)\s+loop\b|\btoo\s+many\s+hops\b|\bhop\s+count\s+exceeded\b|\bmessage\s+is\s+looping\b/i],
  // Not a server's own refusal that says why ("554 … Connection refused. 203.0.113.9 is listed on the Exploits Block List").
  ['5.4.1', /\bconnection\s+(?:timed\s+out|refused)\b(?![^\n]{0,120}\b(?:listed|blocked\s+using)\b)|\bno\s+route\s+to\s+host\b|\bnetwork\s+is\s+unreachable\b/i],
  // The receiving mail system's own trouble (RFC 3463's X.3.x), not a refusal of this message: "local configuration
  // error", "internal server error", "queue file write error", "mail system full", and its local delivery program
  // failing ("mailer error", "command died with status 1", procmail's or a pipe's own output).
  ['5.3.1', /\bmail\s+system\s+(?:is\s+)?full\b/i],
  [
    '5.3.0',
    /\b(?:local|mail\s+system|mail\s+server|server|system)\s+config(?:uration)?\s+error\b|\bremote\s+server\s+is\s+misconfigured\b|\binternal\s+(?:server\s+|system\s+)?error\b|\bqueue\s+file\s+write\s+error\b|\btemporary\s+local\s+problem\b|\blocal\s+error\s+in\s+processing\b|\bcan['’]t\s+create\s+(?:user\s+)?output\s+file\b|\bmailer\s+error\b|\bcommand\s+(?:died\s+with\s+status|failed:|output:)|\bprocmail:|\/(?:procmail|maildrop)\b|\bpipe\s+to\s+\|/i,
  ],
  // A failed SPF check in the words of a report that gives no code: Exchange Online's new layout copied down to its
  // owner bar ("… rejected your message because it failed the sender's SPF check", "SPF validation error").
  ['5.7.23', /\bfailed\s+the\s+sender['’]?s?\s+SPF\s+check\b|(?:^|\n)[ \t]*SPF\s+validation\s+error[ \t]*(?:\n|$)/i],
  [
    '5.7.1',
    new RegExp(
      [
        String.raw`\bnot\s+a\s+member\s+of\s+(?:this|the)\s+(?:mailing\s+)?list\b|\bnot\s+accepting\s+(?:e-?mail|mail|messages)\s+from\b|\b(?:sender|message)\s+(?:is\s+|was\s+)?(?:blocked|blacklisted|blocklisted|rejected\s+as\s+spam)\b|\badministrative\s+prohibition\b`,
        // Refused by the receiver's policy or block lists, as gateways word it without an enhanced code:
        // "Reject due to policy restrictions", "Rejected by header based Anti-Spoofing policy",
        // "Envelope blocked", "Client host [ip] blocked using …", "found on one or more DNSBLs",
        // Barracuda's "(user@x:blocked)". (Exim's "administrative prohibition", its ACL's refusal, is above.)
        String.raw`\b(?:reject\w*|refused|denied|blocked|not\s+accepted)\b${S}{0,40}\bpolic(?:y|ies)\b|\bpolicy\s+(?:restrictions?|violation|reasons?)\b`,
        String.raw`\b(?:envelope|connection|client(?:\s+host)?|ip(?:\s+address)?|host|domain|address|recipient)\b${S}{0,30}\b(?:is\s+|was\s+|has\s+been\s+)?(?:blocked|blacklisted|blocklisted)\b`,
        String.raw`\b(?:blocked|blacklisted|blocklisted|listed)\s+(?:using|by|at)\s+\S|\b(?:listed|found)\s+(?:on|in)\s+${S}{0,30}\b(?:DNSBLs?|RBLs?|block\s?lists?|black\s?lists?)\b|@[\w.-]+:blocked\b`,
      ].join('|'),
      'i',
    ),
  ],
];

// Each reason with the other languages' wordings of it added.
const LOCALIZED = localizedReasons(S);
const REASONS: [string, RegExp][] = ENGLISH_REASONS.map(([status, re]) => {
  const more = LOCALIZED[status];
  return [status, more ? new RegExp([re.source, ...more].join('|'), 'i') : re];
});

/**
 * The status the words stand for, or nothing. `temporary`: the bounce is a delay notice (class 4).
 * `delayNotice`: the words are a delay notice's own ("could not be delivered for more than 4 hours"),
 * which count the hours of the delay, not a message that expired.
 */
export function statusFromWords(text: string, temporary: boolean, delayNotice = false): string | undefined {
  const t = text.length > 20_000 ? text.slice(0, 20_000) : text;
  for (const [status, re] of REASONS) {
    if (delayNotice && status === EXPIRED) continue;
    if (re.test(t)) return temporary ? `4${status.slice(1)}` : status;
  }
  return undefined;
}

// A delay notice says delivery is still being tried ("has been delayed", "will be retried", "warning
// only", "temporary problem delivering to"); a final failure says it gave up.
// Said only of mail still being delivered: an MTA's delay notice.
const DELAY_NOTICE = new RegExp(
  String.raw`\bstill\s+(?:awaiting|pending|undelivered|not\s+(?:been\s+)?delivered)\b|\bnot\s+yet\s+been\s+delivered\b|\btemporary\s+(?:problem|failure|error)\s+(?:delivering|while\s+delivering|occurred)|\bwill\s+(?:be\s+retried|continue\s+(?:to\s+)?(?:try|retry|attempt))|\b(?:delivery\s+)?attempts?\s+will\s+continue\b|\bwarning(?:\s+message)?\s+only\b|\bjust\s+a\s+warning\b|\badvisory[- ]only\b|\bhas\s+been\s+postponed\b|\bdelivery\s+incomplete\b|\bdo\s+not\s+need\s+to\s+(?:re-?send|take\s+any\s+action)|^Action\s*:\s*delayed\b|${LOCALIZED_RETRY}`,
  'im',
);

// "Delayed" and "will retry" are said of many things; they count when the same line speaks of mail.
const DELAYED = String.raw`\b(?:has|have)\s+been\s+delayed\b|\b(?:is|was|are|were)\s+delayed\b|\bdelivery\s+delayed\b|\bwill\s+(?:retry|keep\s+trying)\b|\bstill\s+trying\b|${LOCALIZED_DELAYED}`;
const MAIL = String.raw`\b(?:message|mail|e-?mail|delivery|deliver|recipients?)\b|${LOCALIZED_MAIL}`;
const DELAYED_MAIL = new RegExp(String.raw`(?:${MAIL})[^\n]{0,80}?(?:${DELAYED})|(?:${DELAYED})[^\n]{0,80}?(?:${MAIL})`, 'im');

// Every match of DELAYED_MAIL holds a match of DELAYED (same flags): a text without one needs no look for the pair.
const DELAYED_ALONE = new RegExp(DELAYED, 'im');

const FINAL = /(?<!non-?)\bpermanent\s+(?:error|failure|fatal)|\b(?:failed|rejected|refused)\s+permanently\b|(?<!non-?)\bfatal\s+errors?\b|\bgave\s+up\b|\bgiving\s+up\b|\bwill\s+not\s+be\s+retried\b|\bno\s+further\s+(?:delivery\s+)?attempts\b|\bhas\s+been\s+returned\b/i;

/** True when the bounce says delivery is still being tried and nowhere that it gave up. */
export function isDelayNotice(text: string): boolean {
  const t = text.length > 50_000 ? text.slice(0, 50_000) : text;
  return (DELAY_NOTICE.test(t) || (DELAYED_ALONE.test(t) && DELAYED_MAIL.test(t))) && !FINAL.test(t);
}

/**
 * A status for recipients whose bounce wrote no code, from its words (the reasons above): the
 * recipient's own reason, else the report's when it has one recipient; a delay notice with no telling
 * words is `4.0.0`. Marked `statusInferred` so nobody mistakes it for a code the server sent.
 */
export function inferStatuses(bounce: Bounce, humanText: string, delayed: boolean): void {
  for (const r of bounce.recipients) {
    if (r.status) continue;
    const temporary = delayed || r.replyCode?.[0] === '4';
    const status =
      statusFromWords([r.diagnostic, r.wrapped?.text].filter((t): t is string => Boolean(t)).map(replyWords).join('\n'), temporary) ??
      (bounce.recipients.length === 1 ? statusFromWords(humanText, temporary, delayed) : undefined) ??
      (delayed ? '4.0.0' : undefined);
    if (status && (!r.replyCode || r.replyCode[0] === status[0])) {
      r.status = status;
      r.statusInferred = true;
    }
  }
}
