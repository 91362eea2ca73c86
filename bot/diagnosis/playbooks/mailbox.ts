/**
 * The recipient's mailbox (5.2.x): full, disabled, over its hourly receive limit, or the message too
 * large for it; and Exchange Online refusing to send at all: the sender's submission quota (its own 5.2.2),
 * its organization's outbound limit, a From address it may not send as (5.2.252). The remote words tell
 * which: other servers use 5.2.2 for a full mailbox.
 */
import { familyPlaybook, step, type FamilyDiagnosis } from '../family';
import { SERVER_LISTED } from '../policy-words';

export type MailboxDiagnosis = FamilyDiagnosis<'mailbox'>;

declare module '../types' {
  interface PlaybookDiagnoses {
    mailbox: MailboxDiagnosis;
  }
}

const FULL = /full|quota|storage|over ?quota|insufficient (?:space|storage)|exceed|voll|plein|pleine|lleno|pieno|cheia|pełn|заполнен|переполнен|容量|満杯|已满|已滿|가득/i;

/** Exchange's words for a From address the sender may not send as (5.2.252). */
const SEND_AS_DENIED = /SendAsDenied|not allowed to send as\b/i;

/** A full mailbox in words that say so on their own (no code, or 5.0.0): the quota, the disk, the space. */
const FULL_ALONE = new RegExp(
  [
    String.raw`\bmail\s?box\s+(?:is\s+)?full\b|\bfull\s+mail\s?box\b|\bover\s?quota\b|\bquota\s+(?:exceeded|violation)\b|\bmailbox\s+(?:size\s+)?limit\s+exceeded\b|\baccount\s+storage\s+limit\b`,
    String.raw`\b(?:over|exceed(?:s|ed)?|would\s+exceed|reached)\s+(?:the\s+|its\s+)?(?:allowed\s+|disk\s+|storage\s+|mailbox\s+)?quota\b|\b(?:disk|diskspace|storage|userdisk|domaindisk)\s*quota\b`,
    String.raw`\b(?:insufficient|not\s+enough|not\s+sufficient|(?:does|do)\s*n[o']t\s+have\s+enough)\s+(?:disk\s+|storage\s+)?(?:space|storage)\b|\bno\s+space\s+left\s+on\s+device\b|\bexceeded\s+storage\s+allocation\b`,
    String.raw`\bmail\s?box\s+would\s+exceed\b|\bspace\s+has\s+been\s+used\s+up\b|\btoo\s+many\s+messages\s+on\s+the\s+server\b`,
  ].join('|'),
  'i',
);
/** A quota on sending is the sender's limit (policy's rate-limited), not the recipient's mailbox. */
const SENDING_QUOTA = /\b(?:sending|relay|outbound|submission|daily\s+message)\s+(?:quota|limit)\b|\bthrottling\s+failure\b/i;
/** The receiving server takes only so much mail an hour for the recipient, and more is arriving. */
const RECEIVING_TOO_FAST = /\breceiving mail (?:at a rate|too fast|too quickly)\b|\bat a rate that prevents additional messages\b|\breceiving too (?:much mail|many messages)\b/i;
/**
 * A full mailbox in words that can mean nothing else, whatever code carries them: qmail says "user over quota"
 * under #5.1.1 (the recipient family leaves it here), a local delivery agent's refusal comes as 5.7.0
 * ("permission denied. Command output: The recipient mailbox has exceeded its disk space limit").
 */
export const OVER_QUOTA =
  /\bmail\s?box\s+(?:is\s+)?full\b|\bfull\s+mail\s?box\b|\bover\s?quota\b|\bmail\s?box\s+(?:has\s+)?exceeded\s+(?:its\s+|the\s+)?(?:disk\s+space|storage|size|quota)\b|\bmail\s?box\s+(?:size\s+)?limit\s+exceeded\b|\bmail\s+file\s+size\s+exceeds\b|\bcannot\s+update\s+mailbox\b[^\n]{0,160}\bfile\s+too\s+large\b|\b(?:disk|diskspace|userdisk)\s*quota\b/i;
const OVER_QUOTA_OR_EXCEEDED = new RegExp(`${OVER_QUOTA.source}|\\bquota\\s+exceeded\\b`, 'i');
/** The message is larger than the receiving server takes, in words that say so whatever code carries them. */
export const TOO_LARGE =
  /\bmessage\s+(?:is\s+)?too\s+(?:large|big)\b|\bexceed(?:s|ed)?\s+(?:the\s+)?max(?:imum)?\s+(?:inbound\s+|incoming\s+)?(?:message\s+)?size\b|\bmax(?:imum)?\s+(?:inbound\s+)?(?:message|e-?mail)\s+size\s+exceeded\b|\bmessage\s+(?:length|size)\s+exceeds?\b|\bsize\s+limit\b|\btaille\s+limite\s+du\s+message\b|\bClass=size\b/i;
/** A header over its limit ("message header size limits") is the message's form (policy's malformed-message), not its size. */
const HEADER_OVER_LIMIT = /\bheader\s+(?:name\s+)?(?:size|limit)/i;
/** A full mailbox the sending server still retries (4.2.2): once there is room the retry delivers it, and a resend would arrive twice. */
const FULL_RETRYING = [step('tell-recipient-full', 'todo'), step('no-resend-yet', 'todo')];
const FULL_STEPS = [step('tell-recipient-full', 'todo'), step('resend-later', 'todo')];
const SUBMISSION_QUOTA_STEPS = [step('check-compromise', 'problem'), step('sending-limits', 'todo')];
/**
 * Exchange's store failing to open or write the recipient's mailbox ("STOREDRV.Deliver.Exception:StoragePermanentException
 * … Cannot open mailbox"): the mailbox can't take mail, and the "Storage" in the name is no full one.
 */
const STORE_FAILURE = /\bStorage(?:Permanent|Transient)Exception\b/;

/**
 * A filter's verdict on the message under a mailbox code ("552 5.2.0 Message blocked due to spam content in the
 * message"): the filter blocked the message, not the mailbox; policy's content rule reads it.
 */
const FILTER_VERDICT = /\bspam\b|\bvirus\b|\bmalware\b|\bphish/i;

export const playbook = familyPlaybook({
  id: 'mailbox',
  rank: 25,
  rules: [
    // Exchange Online refusing to send at all (STOREDRV.Submission): the sender's side, whatever 5.2.x it carries.
    { cause: 'send-as-denied', codes: ['5.2.252'], wordsAlone: SEND_AS_DENIED, refusedBySender: true, owner: 'sender', steps: [step('get-send-as', 'problem')] },
    { cause: 'send-as-denied', codes: [/^5\.2\.\d{1,3}$/], words: SEND_AS_DENIED, refusedBySender: true, owner: 'sender', steps: [step('get-send-as', 'problem')] },
    {
      cause: 'tenant-limit',
      codes: [/^5\.2\.\d{1,3}$/],
      words: /OutboundSpamException|RefusedQuotaExceeded|TenantOutboundLimit/i,
      refusedBySender: true,
      owner: 'sender',
      steps: [step('check-compromise', 'problem'), step('raise-tenant-limit', 'todo')],
    },
    // Exchange's own name for it, whatever 5.2.x its store driver gives ("554 5.2.0 STOREDRV.Submission.Exception:
    // SubmissionQuotaExceededException"): the words for a full mailbox below would take its "Quota Exceeded".
    { cause: 'submission-quota', codes: [/^[45]\.2\.\d{1,3}$/], words: /\bSTOREDRV\.Submission\.Exception:SubmissionQuotaExceeded/i, refusedBySender: true, owner: 'sender', steps: SUBMISSION_QUOTA_STEPS },
    {
      cause: 'submission-quota',
      codes: ['5.2.2', '4.2.2'],
      words: /submission ?quota|SubmissionQuotaExceeded|sending (?:quota|limit)|recipient rate limit|message rate limit/i,
      refusedBySender: true,
      owner: 'sender',
      steps: SUBMISSION_QUOTA_STEPS,
    },
    {
      cause: 'mailbox-full',
      codes: ['5.2.2', '4.2.2', '5.2.0', '4.2.0', '5.2.1'],
      words: FULL,
      wordsAlone: FULL_ALONE,
      // A sending quota is the sender's limit, not the recipient's mailbox.
      unless: new RegExp(`${SENDING_QUOTA.source}|${STORE_FAILURE.source}`, 'i'),
      owner: 'recipient-admin',
      steps: FULL_STEPS,
      retrying: FULL_RETRYING,
    },
    // Postfix's maildir delivery gives 5.2.3 for a maildir over its quota ("has overdrawn his diskspace quota").
    { cause: 'mailbox-full', codes: ['5.2.3', '4.2.3'], words: /\bquota\b/i, unless: SENDING_QUOTA, owner: 'recipient-admin', steps: FULL_STEPS, retrying: FULL_RETRYING },
    // A full mailbox under an address or policy code: qmail's "user over quota" under #5.1.1, a delivery agent's 5.7.0.
    { cause: 'mailbox-full', codes: [/^5\.1\.\d{1,3}$/, '5.7.0', '5.7.1'], words: OVER_QUOTA, unless: SENDING_QUOTA, owner: 'recipient-admin', steps: FULL_STEPS, retrying: FULL_RETRYING },
    // Or under the mail system's "other" code: Postfix's 4.3.0 for a local delivery command that failed ("temporary
    // failure. Command output: Quota exceeded"), in a delay notice too.
    { cause: 'mailbox-full', codes: ['4.3.0', '5.3.0'], words: OVER_QUOTA_OR_EXCEEDED, unless: SENDING_QUOTA, owner: 'recipient-admin', steps: FULL_STEPS, retrying: FULL_RETRYING },
    // The size, under an address or policy code ("550 5.1.1 RCPT TO:<…> max message size exceeded", "554 5.7.1 Message Rejected Class=size").
    { cause: 'message-too-large', codes: [/^5\.1\.\d{1,3}$/, '5.7.0', '5.7.1'], words: TOO_LARGE, unless: HEADER_OVER_LIMIT, owner: 'sender', steps: [step('make-smaller', 'problem')] },
    {
      cause: 'message-too-large',
      codes: ['5.3.4', '5.2.3', '4.3.4', '5.3.0', '5.2.0'],
      wordsAlone: TOO_LARGE,
      words: /too (?:large|big)|size (?:limit|exceed)|exceeds? (?:the )?(?:maximum|size)|message size|length exceeds|exceeds (?:the )?(?:administrative )?limit|limit of \S+ attachments/i,
      unless: HEADER_OVER_LIMIT,
      owner: 'sender',
      steps: [step('make-smaller', 'problem')],
    },
    // Gmail's "The user you are trying to contact is receiving mail at a rate that prevents additional messages
    // from being delivered": the mailbox works, only too much arrives for it now.
    // The same with no code that says more ("450 User is receiving mail too quickly").
    { cause: 'receiving-too-fast', codes: ['5.2.1', '4.2.1', '5.2.0', '4.2.0', '4.0.0'], words: RECEIVING_TOO_FAST, wordsAlone: RECEIVING_TOO_FAST, owner: 'sender', steps: [step('slow-down', 'todo')] },
    // RFC 3463's X.7.13 is "user account disabled" (Exchange's 5.7.13, with no such words, is the policy playbook's).
    {
      cause: 'mailbox-disabled',
      codes: ['5.2.1', '4.2.1', '5.2.0', '5.7.13'],
      words: /disabled|inactive|suspended|deactivated|discontinued|not accepting|closed|blocked|locked|frozen|expired|archived|gesperrt|désactivé|archivée?|expirad[oa]|caducad[oa]|(?:アカウント|メールボックス)[^。\n]{0,6}(?:停止|無効)|(?:账户|帐户|帳戶|账号|帐号|帳號|邮箱|郵箱|信箱)[^。\n]{0,4}(?:冻结|凍結|停用)|(?:계정|사서함|메일함)[^.\n]{0,4}(?:정지|비활성)|휴면\s?(?:계정|사서함|상태)|inaktiverad|avstängd|spärrad|deaktiviert|desactivad[oa]|deshabilitad[oa]|disattivat[ao]|disabilitat[ao]|desativad[ao]|gedeactiveerd|zablokowan[aey]|отключ[её]н|заблокирован/i,
      wordsAlone:
        /\bmailbox (?:is )?(?:frozen|disabled|suspended)\b|\baccount (?:has been |is )?(?:disabled|suspended|discontinued|deactivated|closed)\b|\b(?:is|has been)\s+(?:currently\s+)?suspended\b|\binactive\s+(?:account|user|mailbox|e-?mail\s+address)\b|\b(?:account|user|mailbox|recipient)\s+(?:is\s+)?(?:inactive|deactivated|terminated|not\s+active)\b|\bdeactivated\s+mailbox\b|\brecipient\s+rejected:\s*temporarily\s+inactive\b|\bno\s+longer\s+accepts\s+mail\b|\bnot\s+accepting\s+any\s+mail\b|\bdue\s+to\s+extended\s+inactivity\b|\bmail\s+receiving\s+disabled\b|\brecipient(?:['’]s)?\s+account\s+(?:is|has\s+been)\s+(?:blocked|locked)\b|\barchived\s+recipient\b|\brecipient\s+suspend(?:ed)?\s+the\s+service\b|\btemporar(?:il)?y\s+locked\b/i,
      unless: FILTER_VERDICT,
      owner: 'recipient-admin',
      steps: [step('ask-another-way', 'todo')],
    },
    {
      cause: 'receive-limit',
      codes: ['5.2.121', '5.2.122', '4.2.121', '4.2.122'],
      owner: 'sender',
      steps: [step('slow-down', 'todo')],
    },
    // No words to tell: X.3.4 is "message too big for system" (RFC 3463) whoever sends it.
    { cause: 'message-too-large', codes: ['5.3.4', '4.3.4'], unless: HEADER_OVER_LIMIT, owner: 'sender', steps: [step('make-smaller', 'problem')] },
    // No words to tell: most servers outside Exchange Online mean a full mailbox by 5.2.2.
    {
      cause: 'mailbox-full',
      codes: ['5.2.2', '4.2.2'],
      unless: SENDING_QUOTA,
      owner: 'recipient-admin',
      steps: FULL_STEPS,
      retrying: FULL_RETRYING,
    },
    {
      cause: 'mailbox-unavailable',
      codes: [/^[45]\.2\.\d{1,3}$/],
      // Greylisting under a 4.2.0 (Postgrey's default) is a delay to wait out, not a mailbox that can't take mail;
      // nor is a server that turns every connection away for now ("Service refusé, essayez plus tard").
      // A sending quota is the sender's limit, whatever 5.2.x carries it (Amazon SES's "Throttling failure").
      // Nor a content filter's quarantine under 5.2.1 (policy's content-rejected).
      // Nor the sending IP on a block list, which a mailbox code sometimes carries (policy's ip-listed), nor
      // Orange's and La Poste's spam verdict ("550 5.2.0 Mail rejete. Mail rejected. OFR_506": policy's content-rejected),
      // nor Zoho's "554 5.2.3 MailPolicy violation" (policy's), nor a filter's verdict on the message.
      unless: new RegExp(`gr[ea]y ?list|service refus|try (?:again )?later|essayer plus tard|quarantined|\\b(?:OFR|LPN|OUK)\\d{0,3}_506\\b|\\bMailPolicy violation\\b|${SENDING_QUOTA.source}|${SERVER_LISTED.source}|${FILTER_VERDICT.source}`, 'i'),
      // RFC 5321's own words for a refused recipient, under a code that says no more (5.5.0, 5.0.0), and X.400
      // gateways' "The recipient was unavailable to take delivery of the message".
      wordsAlone: /\bmailbox\s+unavailable\b|\brecipient\s+was\s+unavailable\s+to\s+take\s+delivery\b/i,
      owner: 'recipient-admin',
      steps: [step('ask-another-way', 'todo')],
    },
  ],
});
