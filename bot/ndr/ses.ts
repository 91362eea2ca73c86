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
  bounce?: { bouncedRecipients?: unknown; reportingMTA?: unknown; timestamp?: unknown };
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

function parseNotification(text: string): SesNotification | undefined {
  const at = text.search(/\{\s*"(?:notificationType|eventType)"\s*:/);
  if (at < 0) return undefined;
  // SNS folds long lines as `!` + newline + space; undo it before parsing.
  const json = balancedObject(text.replace(/!\n /g, ''), at);
  if (!json) return undefined;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as SesNotification) : undefined;
  } catch {
    return undefined;
  }
}

export interface SesResult {
  facts: BounceFacts;
  kind?: BounceKind;
}

export function readSesJson(text: string): SesResult | undefined {
  if (!text.includes('"notificationType"') && !text.includes('"eventType"')) return undefined;
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
  if (type !== 'Bounce') return { facts, kind: 'ordinary-message' };
  const mta = str(n.bounce?.reportingMTA)?.replace(/^\w+;\s*/, '');
  if (mta) facts.reportingMta = mta;
  const list = Array.isArray(n.bounce?.bouncedRecipients) ? (n.bounce?.bouncedRecipients as SesRecipient[]) : [];
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
    if (finding.address || finding.fieldStatus) facts.recipients.push(finding);
  }
  return { facts };
}
