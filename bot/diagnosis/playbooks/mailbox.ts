/**
 * The recipient's mailbox (5.2.x): full, disabled, over its hourly receive limit, or the message too
 * large for it; and Exchange Online refusing to send at all: the sender's submission quota (its own 5.2.2),
 * its organization's outbound limit, a From address it may not send as (5.2.252). The remote words tell
 * which: other servers use 5.2.2 for a full mailbox.
 */
import { familyPlaybook, step, type FamilyDiagnosis } from '../family';

export type MailboxDiagnosis = FamilyDiagnosis<'mailbox'>;

declare module '../types' {
  interface PlaybookDiagnoses {
    mailbox: MailboxDiagnosis;
  }
}

const FULL = /full|quota|storage|over ?quota|insufficient (?:space|storage)|exceed|voll|plein|pleine|lleno|pieno|cheia|pełn|заполнен|переполнен|容量|満杯|已满|已滿|가득/i;

/** Exchange's words for a From address the sender may not send as (5.2.252). */
const SEND_AS_DENIED = /SendAsDenied|not allowed to send as\b/i;

/** A full mailbox the sending server still retries (4.2.2): once there is room the retry delivers it, and a resend would arrive twice. */
const FULL_RETRYING = [step('tell-recipient-full', 'todo'), step('no-resend-yet', 'todo')];

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
    {
      cause: 'submission-quota',
      codes: ['5.2.2', '4.2.2'],
      words: /submission ?quota|SubmissionQuotaExceeded|sending (?:quota|limit)|recipient rate limit|message rate limit/i,
      refusedBySender: true,
      owner: 'sender',
      steps: [step('check-compromise', 'problem'), step('sending-limits', 'todo')],
    },
    {
      cause: 'mailbox-full',
      codes: ['5.2.2', '4.2.2', '5.2.0', '4.2.0', '5.2.1'],
      words: FULL,
      wordsAlone: /\bmail\s?box\s+(?:is\s+)?full\b|\bover\s?quota\b|\bquota\s+exceeded\b|\bmailbox\s+(?:size\s+)?limit\s+exceeded\b|\binsufficient\s+(?:space|storage)\b/i,
      owner: 'recipient-admin',
      steps: [step('tell-recipient-full', 'todo'), step('resend-later', 'todo')],
      retrying: FULL_RETRYING,
    },
    {
      cause: 'message-too-large',
      codes: ['5.3.4', '5.2.3', '4.3.4', '5.3.0', '5.2.0'],
      wordsAlone: /\bmessage\s+(?:is\s+)?too\s+(?:large|big)\b|\bexceeds?\s+(?:the\s+)?maximum\s+(?:message\s+)?size\b/i,
      words: /too (?:large|big)|size (?:limit|exceed)|exceeds? (?:the )?(?:maximum|size)|message size|length exceeds|exceeds (?:the )?(?:administrative )?limit/i,
      owner: 'sender',
      steps: [step('make-smaller', 'problem')],
    },
    {
      cause: 'mailbox-disabled',
      codes: ['5.2.1', '4.2.1', '5.2.0'],
      words: /disabled|inactive|suspended|deactivated|not accepting|closed|blocked|locked|gesperrt|désactivé/i,
      wordsAlone: /\bmailbox (?:is )?(?:frozen|disabled|suspended)\b|\baccount (?:has been |is )?(?:disabled|suspended|discontinued|deactivated)\b/i,
      owner: 'recipient-admin',
      steps: [step('ask-another-way', 'todo')],
    },
    {
      cause: 'receive-limit',
      codes: ['5.2.121', '5.2.122', '4.2.121', '4.2.122'],
      owner: 'sender',
      steps: [step('slow-down', 'todo')],
    },
    // No words to tell: most servers outside Exchange Online mean a full mailbox by 5.2.2.
    {
      cause: 'mailbox-full',
      codes: ['5.2.2', '4.2.2'],
      owner: 'recipient-admin',
      steps: [step('tell-recipient-full', 'todo'), step('resend-later', 'todo')],
      retrying: FULL_RETRYING,
    },
    {
      cause: 'mailbox-unavailable',
      codes: [/^[45]\.2\.\d{1,3}$/],
      // Greylisting under a 4.2.0 (Postgrey's default) is a delay to wait out, not a mailbox that can't take mail;
      // nor is a server that turns every connection away for now ("Service refusé, essayez plus tard").
      unless: /gr[ea]y ?list|service refus|try (?:again )?later|essayer plus tard/i,
      // RFC 5321's own words for a refused recipient, under a code that says no more (5.5.0, 5.0.0).
      wordsAlone: /\bmailbox\s+unavailable\b/i,
      owner: 'recipient-admin',
      steps: [step('ask-another-way', 'todo')],
    },
  ],
});
