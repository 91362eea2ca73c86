/**
 * Bounce events of sending services pasted as JSON: SendGrid's event webhook (`email`, `event`,
 * `status`, `reason`), Postmark's bounce webhook (`RecordType`, `Email`, `Details`), Mailgun's
 * `failed` event (`recipient`, `delivery-status.code/message`) and the like. Every object that names a
 * recipient and a failure becomes a failed recipient with the status and the words it carries; delivery,
 * open and click events are not failures. (Amazon SES has a shape of its own: `ses.ts`.)
 */
import { cleanAddress, findAddresses } from './address';
import { normaliseCode } from './codes';
import type { BounceFacts, RecipientFinding } from './model';
import { parseReply } from './reply';

type Json = Record<string, unknown>;

const MAX_JSON_CHARS = 2_000_000;
const MAX_EVENTS = 10_000;

/** Event names and types that mean the message did not reach the recipient. */
const FAILURE = /^(?:bounce[ds]?|hard_?bounce|soft_?bounce|dropped|failed|failure|blocked|rejected|deferred|undeliverable|permanent|temporary)$/i;
/** Event names that are other things a service reports; an object carrying one is no failure. */
const OTHER = /^(?:delivered|delivery|processed|open(?:ed)?|click(?:ed)?|sent|accepted|unsubscribe[d]?|spamreport|complaint|group_unsubscribe|group_resubscribe)$/i;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/** A field by any of its spellings (`email`, `Email`, `emailAddress`). */
function field(o: Json, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined) return o[n];
  const lower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k !== undefined) return o[k];
  }
  return undefined;
}

function objectOf(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** The event objects of a paste: one object, an array of them, or an array under `events`/`data`. */
function eventsIn(value: unknown): Json[] {
  if (Array.isArray(value)) return value.slice(0, MAX_EVENTS).flatMap((v) => (objectOf(v) ? [v as Json] : []));
  const o = objectOf(value);
  if (!o) return [];
  for (const key of ['events', 'data', 'items', 'bounces']) if (Array.isArray(o[key])) return eventsIn(o[key]);
  const nested = objectOf(o['event-data']);
  return [nested ?? o];
}

function isFailure(o: Json): boolean {
  const kinds = [field(o, 'event', 'RecordType', 'eventType', 'notificationType'), field(o, 'type', 'Type'), field(o, 'severity')].map(str).filter((k): k is string => Boolean(k));
  if (kinds.some((k) => OTHER.test(k)) && !kinds.some((k) => FAILURE.test(k))) return false;
  return kinds.some((k) => FAILURE.test(k));
}

/** The reply as the service quotes it: its reason, details or delivery status (code and message). */
function replyOf(o: Json): string | undefined {
  const status = objectOf(field(o, 'delivery-status', 'deliveryStatus'));
  if (status) {
    const message = str(status.message) ?? str(status.description);
    const code = str(status.code);
    if (message) return code && !message.startsWith(code) ? `${code} ${message}` : message;
  }
  return str(field(o, 'reason', 'Details', 'diagnosticCode', 'diagnostic-code', 'response', 'error')) ?? str(field(o, 'Description'));
}

export function readEspJson(text: string): BounceFacts | undefined {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed) || trimmed.length > MAX_JSON_CHARS) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  const facts: BounceFacts = { recipients: [] };
  for (const o of eventsIn(value)) {
    const address = cleanAddress(str(field(o, 'email', 'recipient', 'emailAddress', 'Email', 'Recipient')));
    if (!address || !isFailure(o)) continue;
    const finding: RecipientFinding = { source: 'dsn', address };
    const status = normaliseCode(str(field(o, 'status', 'Status')));
    if (status) finding.fieldStatus = status;
    const raw = replyOf(o);
    if (raw) {
      const reply = parseReply(raw.replace(/^\s*smtp\s*;\s*/i, ''));
      finding.diagnostic = reply.text;
      if (reply.status) finding.status = reply.status;
      if (reply.replyCode) finding.replyCode = reply.replyCode;
    }
    const mx = str(objectOf(field(o, 'delivery-status'))?.['mx-host']);
    if (mx) finding.remoteMta = mx;
    facts.recipients.push(finding);
    // The original's From (Postmark's `From`, Mailgun's `message.headers.from`); never the envelope, which is the service's bounce address.
    const fromHeader = str(field(o, 'From')) ?? str(objectOf(objectOf(field(o, 'message'))?.headers)?.from);
    const from = fromHeader ? findAddresses(fromHeader.slice(0, 1000), 1)[0] : undefined;
    if (from && !facts.sender) {
      facts.sender = from;
      facts.senderSource = 'from';
    }
  }
  return facts.recipients.length ? facts : undefined;
}
