/**
 * RFC 3464 delivery-status notifications: a per-message block (Reporting-MTA, Arrival-Date, …) and
 * one block per recipient (Final-Recipient, Action, Status, Remote-MTA, Diagnostic-Code). Read from a
 * `message/delivery-status` part, or from text where an MTA or a person pasted the fields inline.
 */
import { cleanAddress } from './address';
import { normaliseCode } from './codes';
import type { BounceFacts, RecipientFinding } from './model';
import { applyReply, parseReply } from './reply';
import { clip, squash } from './text';

interface DsnRecipient {
  finalRecipient?: string;
  originalRecipient?: string;
  actualRecipient?: string;
  action?: string;
  status?: string;
  remoteMta?: string;
  diagnostic?: string;
}

const RECIPIENT_FIELDS = new Set([
  'final-recipient',
  'original-recipient',
  'x-actual-recipient',
  'action',
  'status',
  'remote-mta',
  'diagnostic-code',
  'last-attempt-date',
  'will-retry-until',
  'final-log-id',
  'x-supplementary-info',
  'x-display-name',
]);

/** Splits `type; value` (e.g. `rfc822; a@b`, `dns; mx.example.com`, `smtp; 550 …`). */
function typed(value: string): string {
  const m = /^\s*[\w.+-]{1,20}\s*;\s*([\s\S]*)$/.exec(value);
  return (m ? m[1] ?? '' : value).trim();
}

interface Field {
  name: string;
  value: string;
}

/**
 * Fields with folding, and with the leniency real bounces need: a Diagnostic-Code continued on
 * unindented lines (seen in Postfix and Exchange output) keeps collecting until the next field name.
 */
function fieldsOf(text: string, maxFields: number): Field[] {
  const out: Field[] = [];
  let current: Field | undefined;
  for (const line of text.split('\n')) {
    if (out.length >= maxFields) break;
    const m = /^([A-Za-z][\w-]{1,40})\s*:\s?(.*)$/.exec(line);
    if (m && !/^[ \t]/.test(line)) {
      current = { name: (m[1] ?? '').toLowerCase(), value: m[2] ?? '' };
      out.push(current);
      continue;
    }
    if (!line.trim()) {
      // A blank line ends a field; it also separates recipient blocks.
      current = undefined;
      out.push({ name: '', value: '' });
      continue;
    }
    if (current && (/^[ \t]/.test(line) || current.name === 'diagnostic-code') && current.value.length < 8000) {
      current.value += ` ${line.trim()}`;
    }
  }
  return out;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const RECIPIENT_STATUS_FIELD = /^(?:Final|Original)-Recipient\s*:|^Action\s*:|^Status\s*:\s*[245]\./im;
const REPORTING_MTA_FIELD = /^Reporting-MTA\s*:/im;
const SPACE_OR_PAREN = /[\s(]/;
const OUTER_SQUARE_BRACKETS = /^\[|\]$/g;
const TRAILING_DOT = /\.$/;
const WHITESPACE_CHAR = /\s/;
const ANGLE_BRACKETED_ID = /<([^<>\s]+)>/;

/** Reads every DSN field group in `text`. Returns nothing when no recipient fields are present. */
export function readDeliveryStatus(text: string, maxRecipients = 10_000): BounceFacts {
  const facts: BounceFacts = { recipients: [] };
  if (!RECIPIENT_STATUS_FIELD.test(text)) {
    // Per-message fields alone still name the reporting MTA.
    if (!REPORTING_MTA_FIELD.test(text)) return facts;
  }
  const fields = fieldsOf(text, maxRecipients * 12 + 100);
  const recipients: DsnRecipient[] = [];
  let cur: DsnRecipient | undefined;
  const startNew = (): DsnRecipient => {
    cur = {};
    recipients.push(cur);
    return cur;
  };
  for (const f of fields) {
    if (f.name === '') {
      cur = undefined;
      continue;
    }
    const v = f.value.trim();
    if (RECIPIENT_FIELDS.has(f.name)) {
      if (recipients.length > maxRecipients) break;
      let r = cur;
      switch (f.name) {
        case 'final-recipient':
          // Original-Recipient and X-Actual-Recipient may come before or after Final-Recipient in the same group.
          if (!r || r.finalRecipient || ((r.originalRecipient || r.actualRecipient) && (r.action || r.status))) r = startNew();
          r.finalRecipient = typed(v);
          break;
        case 'x-actual-recipient':
          // Sendmail's address after alias expansion: the same recipient as the group's Final-Recipient.
          if (!r || r.actualRecipient || (r.originalRecipient && !r.finalRecipient && (r.action || r.status))) r = startNew();
          r.actualRecipient = v;
          break;
        case 'original-recipient':
          if (!r || r.originalRecipient || (r.finalRecipient && (r.action || r.status))) r = startNew();
          r.originalRecipient = typed(v);
          break;
        case 'action':
          r = r ?? startNew();
          r.action = v.toLowerCase().split(SPACE_OR_PAREN)[0];
          break;
        case 'status':
          r = r ?? startNew();
          r.status = normaliseCode(v);
          break;
        case 'remote-mta':
          r = r ?? startNew();
          r.remoteMta = typed(v).replace(OUTER_SQUARE_BRACKETS, '').replace(TRAILING_DOT, '').split(WHITESPACE_CHAR)[0];
          break;
        case 'diagnostic-code':
          r = r ?? startNew();
          r.diagnostic = typed(v);
          break;
        default:
          break;
      }
      continue;
    }
    switch (f.name) {
      case 'reporting-mta': {
        const host = typed(v).split(WHITESPACE_CHAR)[0]?.replace(TRAILING_DOT, '');
        if (host && !facts.reportingMta) facts.reportingMta = host;
        break;
      }
      case 'arrival-date':
        if (!facts.arrivalDate && v) facts.arrivalDate = v;
        break;
      case 'x-postfix-sender':
      case 'x-original-sender':
      case 'x-envelope-from':
      case 'original-envelope-from': {
        const a = cleanAddress(typed(v));
        if (a && !facts.sender) {
          facts.sender = a;
          facts.senderSource = 'envelope';
        }
        break;
      }
      case 'x-original-message-id':
      case 'original-message-id': {
        const id = ANGLE_BRACKETED_ID.exec(v)?.[1] ?? v.trim();
        if (id && !facts.originalMessageId) facts.originalMessageId = id;
        break;
      }
      default:
        break;
    }
  }
  for (const r of recipients) {
    const finding = toFinding(r);
    if (finding) facts.recipients.push(finding);
  }
  return facts;
}

function toFinding(r: DsnRecipient): RecipientFinding | undefined {
  // Delivered, relayed and expanded recipients are successes a DSN may also list; `deliverable` is
  // an address verification report's.
  if (r.action && /^(?:delivered|relayed|expanded|deliverable)$/.test(r.action)) return undefined;
  if (r.status?.startsWith('2.')) return undefined;
  // Final-Recipient is the address that failed (even a local `user@mailhub0`); Original-Recipient is
  // only a fallback when Final-Recipient is unreadable, and X-Actual-Recipient (what an alias expanded
  // to) when both are.
  const actual = actualAddress(r.actualRecipient);
  const address = recipientAddress(r.finalRecipient) ?? recipientAddress(r.originalRecipient) ?? actual;
  if (!address && !r.status && !r.diagnostic) return undefined;
  const finding: RecipientFinding = { source: 'dsn' };
  if (address) finding.address = address;
  // Original-Recipient differs from Final-Recipient when an alias or a forward changed the address.
  const original = recipientAddress(r.originalRecipient);
  if (address && original && original.toLowerCase() !== address.toLowerCase()) finding.originalAddress = original;
  if (address && actual && actual.toLowerCase() !== address.toLowerCase()) finding.actualAddress = actual;
  if (r.status) finding.fieldStatus = r.status;
  if (r.action === 'failed' && r.status?.startsWith('4.')) finding.stoppedRetrying = true;
  if (r.remoteMta && r.remoteMta.length <= 253) finding.remoteMta = r.remoteMta;
  if (r.diagnostic) {
    const reply = parseReply(r.diagnostic);
    if (reply.text) finding.diagnostic = clip(squash(reply.text), 2000);
    applyReply(finding, reply);
  }
  return finding;
}

/** A recipient field's address; none for a program (`|/usr/bin/procmail -a …`), whose arguments may look like one. */
function recipientAddress(value: string | undefined): string | undefined {
  return value && !/^["']?\|/.test(value) ? cleanAddress(value, { bareHost: true }) : undefined;
}

/** An X-Actual-Recipient's address: none for `X-Unix; …` (a program or a file). */
function actualAddress(value: string | undefined): string | undefined {
  return value && !/^\s*x-unix\s*;/i.test(value) ? recipientAddress(typed(value)) : undefined;
}
