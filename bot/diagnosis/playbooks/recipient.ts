/**
 * The recipient's address: unknown (5.1.x), not found by Exchange Online (5.1.10), refused by
 * Directory-Based Edge Blocking or because the destination does not take mail for that domain (5.4.1),
 * an Outlook.com address that does not exist (5.5.0), a sender the destination refuses (5.1.0). The
 * recipient's domain is checked in DNS: a domain that does not exist is a typo, not a missing mailbox.
 */
import { OUTLOOK_COM } from '../code-table';
import { familyPlaybook, step, type FamilyDiagnosis } from '../family';

export type AddressDiagnosis = FamilyDiagnosis<'recipient'>;

declare module '../types' {
  interface PlaybookDiagnoses {
    recipient: AddressDiagnosis;
  }
}

const ADDRESS_CODES = /^5\.1\.(?:[1-79]|1[1-9])$/;

export const playbook = familyPlaybook({
  id: 'recipient',
  rank: 20,
  rules: [
    // A stale entry of Outlook's autocomplete: an X.500 / IMCEAEX address that no longer resolves.
    {
      cause: 'stale-autocomplete',
      codes: [ADDRESS_CODES, '5.1.10'],
      words: /IMCEAEX|legacyExchangeDN|\bX500\b|ExRecipNotFound/i,
      owner: 'sender',
      steps: [step('clear-autocomplete', 'problem'), step('retype-address', 'todo')],
    },
    {
      cause: 'recipient-not-found',
      codes: ['5.1.10'],
      owner: 'varies',
      steps: [step('check-address', 'todo'), step('recipient-admin-mailbox', 'todo'), step('backscatter', 'todo')],
      checksRecipientDomain: true,
    },
    {
      cause: 'dbeb-rejected',
      codes: ['5.4.1'],
      words: /recipient address rejected|(?<!relay )access denied/i,
      owner: 'sender',
      steps: [step('check-address', 'problem'), step('recipient-admin-mailbox', 'todo')],
    },
    {
      cause: 'domain-not-accepted',
      codes: ['5.4.1'],
      owner: 'recipient-admin',
      steps: [step('recipient-admin-accepted-domain', 'todo')],
      checksRecipientDomain: true,
    },
    {
      cause: 'consumer-mailbox-unavailable',
      codes: ['5.5.0'],
      // Outlook.com's wording, from Outlook.com (its front end or reason code in the reply).
      words: new RegExp(String.raw`^(?=[\s\S]*(?:${OUTLOOK_COM.source}))[\s\S]*(?:mailbox unavailable|requested action not taken|does not exist|no such)`, 'i'),
      owner: 'sender',
      steps: [step('check-address', 'problem'), step('ask-another-way', 'todo')],
      checksRecipientDomain: true,
    },
    {
      cause: 'sender-rejected',
      codes: ['5.1.0'],
      owner: 'recipient-admin',
      steps: [step('ask-to-allow-sender', 'todo')],
    },
    {
      cause: 'address-unknown',
      codes: [ADDRESS_CODES],
      wordsAlone:
        /\b(?:user|recipient|mailbox|address|account)\s+(?:is\s+)?(?:unknown|not\s+found|does\s*n[o']t\s+exist)\b|\b(?:unknown|invalid|no\s+such)\s+(?:user|recipient|mailbox|address|account)\b|\bdoes\s*n[o']t\s+have\s+an?\s+[\w.-]+\s+account\b/i,
      owner: 'sender',
      steps: [step('check-address', 'problem'), step('ask-another-way', 'todo'), step('backscatter', 'todo')],
      checksRecipientDomain: true,
    },
  ],
  missingDomain: { cause: 'recipient-domain-missing', owner: 'sender', steps: [step('fix-recipient-domain', 'problem')] },
});
