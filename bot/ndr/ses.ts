/**
 * Amazon SES notifications delivered by email through SNS: a JSON document (`notificationType`
 * Bounce, Complaint or Delivery) instead of a DSN. Bounce lists `bouncedRecipients` with their
 * status and diagnostic; Complaint is a feedback report; Delivery is a success notice.
 */
import { cleanAddress } from './address';
import { normaliseCode } from './codes';
import type { BounceFacts, RecipientFinding } from './model';
import { parseReply } from './reply';
import type { BounceKind } from './types';

interface SesRecipient {
  emailAddress?: unknown;
  action?: unknown;
  status?: unknown;
  diagnosticCode?: unknown;
}

interface SesNotification {
  notificationType?: unknown;
  eventType?: unknown;
  bounce?: { bouncedRecipients?: unknown; reportingMTA?: unknown; timestamp?: unknown; bounceType?: unknown; bounceSubType?: unknown };
  mail?: { source?: unknown; messageId?: unknown; commonHeaders?: { subject?: unknown }; timestamp?: unknown };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The JSON object that starts at `start`, by brace matching (strings respected). */
function balancedObject(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length && i < start + 1_000_000; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

function parseObject(text: string, start: number): Record<string, unknown> | undefined {
  const json = balancedObject(text, start);
  if (!json) return undefined;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The notification object, wherever its type key sits in it (pretty-printed or reordered JSON), or
 * inside an SNS envelope (`{"Type":"Notification", "Message":"{\"notificationType\":…}"}`), where
 * the notification is a JSON string of its own.
 */
function parseNotification(raw: string, depth = 0): SesNotification | undefined {
  // SNS folds long lines as `!` + newline + space; undo it before parsing.
  const text = raw.replace(/!\n /g, '');
  const key = text.search(/"(?:notificationType|eventType)"\s*:/);
  if (key >= 0) {
    // The object that holds the key: try the braces before it, nearest first.
    for (let at = text.lastIndexOf('{', key), tries = 0; at >= 0 && tries < 20; at = text.lastIndexOf('{', at - 1), tries++) {
      const v = parseObject(text, at);
      if (v && (typeof v.notificationType === 'string' || typeof v.eventType === 'string')) return v as SesNotification;
    }
  }
  const envelope = depth === 0 ? text.search(/\{\s*"Type"\s*:\s*"Notification"/) : -1;
  if (envelope >= 0) {
    const message = parseObject(text, envelope)?.Message;
    if (typeof message === 'string') return parseNotification(message, depth + 1);
  }
  return undefined;
}

export interface SesResult {
  facts: BounceFacts;
  kind?: BounceKind;
}

export function readSesJson(text: string): SesResult | undefined {
  if (!/\\?"(?:notificationType|eventType)\\?"/.test(text)) return undefined;
  const n = parseNotification(text);
  if (!n) return undefined;
  const type = str(n.notificationType) ?? str(n.eventType);
  const facts: BounceFacts = { recipients: [] };
  const source = cleanAddress(str(n.mail?.source));
  if (source) {
    facts.sender = source;
    facts.senderSource = 'envelope';
  }
  const id = str(n.mail?.messageId);
  if (id) facts.originalMessageId = id;
  const subject = str(n.mail?.commonHeaders?.subject);
  if (subject) facts.originalSubject = subject;
  const when = str(n.mail?.timestamp);
  if (when) facts.arrivalDate = when;
  if (type === 'Complaint') return { facts, kind: 'feedback-report' };
  // Amazon SES's notice that the receiving server took the message.
  if (type === 'Delivery') return { facts, kind: 'delivery-notice' };
  if (type !== 'Bounce') return { facts, kind: 'ordinary-message' };
  const mta = str(n.bounce?.reportingMTA)?.replace(/^\w+;\s*/, '');
  if (mta) facts.reportingMta = mta;
  const list = Array.isArray(n.bounce?.bouncedRecipients) ? (n.bounce?.bouncedRecipients as SesRecipient[]) : [];
  const fromType = statusFromBounceType(str(n.bounce?.bounceType), str(n.bounce?.bounceSubType));
  for (const r of list.slice(0, 10_000)) {
    const finding: RecipientFinding = { source: 'dsn' };
    const address = cleanAddress(str(r.emailAddress));
    if (address) finding.address = address;
    const status = normaliseCode(str(r.status));
    if (status) finding.fieldStatus = status;
    const diag = str(r.diagnosticCode);
    if (diag) {
      const reply = parseReply(diag.replace(/^\s*[\w-]+;\s*/, ''));
      finding.diagnostic = reply.text;
      if (reply.status) finding.status = reply.status;
      if (reply.replyCode) finding.replyCode = reply.replyCode;
    }
    // The mailbox simulator and some rejections give no status: SES's own classification does.
    if (!finding.fieldStatus && !finding.status && fromType) {
      finding.fieldStatus = fromType;
      finding.statusInferred = true;
    }
    if (finding.address || finding.fieldStatus) facts.recipients.push(finding);
  }
  return { facts };
}

// SES bounce sub-types and the status subject/detail they stand for; the class comes from bounceType.
const SUB_TYPES: Record<string, string> = {
  NoEmail: '1.1',
  MailboxFull: '2.2',
  MessageTooLarge: '3.4',
  ContentRejected: '7.1',
  AttachmentRejected: '7.1',
};

/** `Permanent`/`NoEmail` → 5.1.1, `Transient`/`MailboxFull` → 4.2.2, `Permanent`/`General` → 5.0.0. */
function statusFromBounceType(type: string | undefined, subType: string | undefined): string | undefined {
  const cls = type === 'Permanent' ? '5' : type === 'Transient' ? '4' : undefined;
  if (!cls) return undefined;
  return `${cls}.${SUB_TYPES[subType ?? ''] ?? '0.0'}`;
}
