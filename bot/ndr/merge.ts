/**
 * Merging what the readers found into one entry per failed recipient. Several readers often see the
 * same recipient (the DSN part, the Exchange text, an MTA's own wording); each field takes the best
 * source, and the status is the most specific code among them.
 */
import { preferCode, specificity } from './codes';
import type { RecipientFinding } from './model';
import type { BounceRecipient } from './types';

/** Most recipients kept in one Bounce; a 5,000-recipient bounce would only flood the card. */
export const MAX_RECIPIENTS = 500;

const RANK: Record<RecipientFinding['source'], number> = { dsn: 0, exchange: 1, text: 2 };

/** The most specific status the replies gave; ties go to the most structured source (sorted first). */
function bestTextStatus(findings: RecipientFinding[]): string | undefined {
  let best: string | undefined;
  for (const f of findings) {
    if (f.status && (!best || specificity(f.status) > specificity(best))) best = f.status;
  }
  return best;
}

function mergeGroup(findings: RecipientFinding[]): BounceRecipient {
  const sorted = [...findings].sort((a, b) => RANK[a.source] - RANK[b.source]);
  const out: BounceRecipient = {};
  const address = sorted.find((f) => f.address)?.address;
  if (address) out.address = address;
  const name = sorted.find((f) => f.name)?.name;
  if (name && !address) out.name = name;
  const originalAddress = sorted.find((f) => f.originalAddress && f.originalAddress.toLowerCase() !== address?.toLowerCase())?.originalAddress;
  if (originalAddress) out.originalAddress = originalAddress;
  // The final outcome's class: a permanent failure anywhere in what was recorded is final (retries
  // come before it, so a transcript's `451 4.4.1` is an earlier attempt), else the Status field's.
  const codes = [sorted.find((f) => f.fieldStatus)?.fieldStatus, ...sorted.map((f) => f.status)].filter((c): c is string => !!c);
  const finalClass = codes.some((c) => c.startsWith('5.')) ? '5' : codes[0]?.[0];
  const sameClass = (c: string | undefined): boolean => !c || !finalClass || c[0] === finalClass;
  const field = sorted.find((f) => f.fieldStatus && sameClass(f.fieldStatus))?.fieldStatus;
  // The server's reply as a DSN or Exchange recorded it may override the Status field; a code the
  // generic text reader found (often a transcript or summary line) only when it is more specific.
  let status = preferCode(field, bestTextStatus(sorted.filter((f) => f.source !== 'text' && sameClass(f.status))));
  const loose = bestTextStatus(sorted.filter((f) => f.source === 'text' && sameClass(f.status)));
  if (loose && (!status || specificity(loose) > specificity(status))) status = loose;
  if (status) out.status = status;
  if (status?.startsWith('4.') && sorted.some((f) => f.stoppedRetrying)) out.stoppedRetrying = true;
  // Inferred only when every finding that gave this status inferred it.
  const givers = sorted.filter((f) => f.status === status || f.fieldStatus === status);
  if (status && givers.length && givers.every((f) => f.statusInferred)) out.statusInferred = true;
  // The reply code that goes with the chosen status, else the first one seen.
  const replyCode =
    sorted.find((f) => f.replyCode && f.status === status)?.replyCode ?? sorted.find((f) => f.replyCode)?.replyCode;
  // Of another class only when one reply wrote both (`550 4.4.7 QUEUE.Expired`, see reply.ts).
  const pairedInOneReply = sorted.some((f) => f.replyCode === replyCode && f.status === status);
  if (replyCode && (!status || replyCode[0] === status[0] || pairedInOneReply)) out.replyCode = replyCode;
  const remoteMta = sorted.find((f) => f.remoteMta)?.remoteMta;
  if (remoteMta) out.remoteMta = remoteMta;
  // The remote server's words: a wrapped Exchange reply carries both sides, so it wins; then the
  // longest diagnostic (DSN Diagnostic-Code is often a truncated copy of the text's reply). Beside a
  // DSN's, a text reader's line counts only as a longer copy of it: a line near the address in the
  // text (another recipient's Status comment, a summary) is not this recipient's reply.
  const withWrap = sorted.find((f) => f.wrapped);
  // (A Diagnostic-Code of words: Sendmail's `X-Unix; 77` is an exit status, not the server's reply.)
  const fromDsn = sorted.find((f) => f.source === 'dsn' && /[a-z]{2}/i.test(f.diagnostic ?? ''))?.diagnostic;
  const diagnostics = sorted
    .filter((f) => !fromDsn || f.source !== 'text' || copies(f.diagnostic, fromDsn))
    .map((f) => f.diagnostic)
    .filter((d): d is string => !!d && !!d.trim());
  const diagnostic = withWrap?.diagnostic ?? diagnostics.sort((a, b) => b.length - a.length)[0];
  if (diagnostic) out.diagnostic = diagnostic;
  if (withWrap?.wrapped) out.wrapped = withWrap.wrapped;
  return out;
}

/** Squeezed of white space and reply-code continuations (`550-5.7.1 `), for comparing two copies of a reply. */
function squeezed(text: string): string {
  return text.replace(/\b[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3}\s)?/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `text` holds the same reply as `dsn` (the whole of it, or the start a truncated Diagnostic-Code kept). */
function copies(text: string | undefined, dsn: string): boolean {
  if (!text) return false;
  const head = squeezed(dsn).slice(0, 40);
  return head.length > 0 && squeezed(text).includes(head);
}

function withoutOriginal(f: RecipientFinding): RecipientFinding {
  // Its "(expanded from: …)" names the alias, which is now the address.
  const { originalAddress: _original, ...rest } = f;
  return rest;
}

export interface MergedRecipients {
  recipients: BounceRecipient[];
  total: number;
  truncated: boolean;
}

/**
 * Groups findings by address (case-insensitively). Findings without an address join the single
 * addressed recipient when there is exactly one; otherwise they stand alone, unless addressed
 * findings already carry codes.
 */
export function mergeFindings(findings: RecipientFinding[], max = MAX_RECIPIENTS): MergedRecipients {
  const groups = new Map<string, RecipientFinding[]>();
  const loose: RecipientFinding[] = [];
  // An address another finding names as its original (`(expanded from: <b@y>)`, Original-Recipient)
  // is that recipient, seen before the forward: it joins the final address's group.
  const finalOf = new Map<string, string>();
  for (const f of findings) if (f.address && f.originalAddress) finalOf.set(f.originalAddress.toLowerCase(), f.address);
  for (const [original, final] of finalOf) if (finalOf.has(final.toLowerCase())) finalOf.delete(original);
  // The other way round for Sendmail's X-Actual-Recipient: the address an alias expanded to (which its
  // text lists, with "(expanded from: <alias>)", and its transcript quotes) is the DSN's Final-Recipient,
  // the address the sender wrote. The DSN settles which one is reported.
  const aliasOf = new Map<string, string>();
  for (const f of findings) if (f.address && f.actualAddress) aliasOf.set(f.actualAddress.toLowerCase(), f.address);
  // Unless the DSN also reports that address in a group of its own: then it is a failure of its own.
  for (const f of findings) if (f.fieldStatus && f.address && !f.actualAddress) aliasOf.delete(f.address.toLowerCase());
  for (const [original, final] of finalOf) if (aliasOf.has(final.toLowerCase())) finalOf.delete(original);
  for (const raw of findings) {
    const seen = raw.address?.toLowerCase();
    const alias = seen ? aliasOf.get(seen) : undefined;
    const final = seen ? finalOf.get(seen) : undefined;
    let f = raw;
    if (alias) f = { ...withoutOriginal(raw), address: alias };
    else if (final && raw.address) f = { ...raw, address: final, originalAddress: raw.address };
    // A recipient known by name only is a recipient of its own; findings with neither are loose.
    const key = f.address?.toLowerCase() ?? (f.name ? `name:${f.name.toLowerCase()}` : undefined);
    if (!key) {
      loose.push(f);
      continue;
    }
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  if (loose.length) {
    const only = groups.size === 1 ? [...groups.values()][0] : undefined;
    if (only) only.push(...loose);
    else if (groups.size === 0) groups.set('', loose);
    else {
      // Several recipients and an unattributed reply: give it to those that have no codes of their own.
      for (const g of groups.values()) if (!g.some((f) => f.status || f.replyCode)) g.push(...loose);
    }
  }
  const total = groups.size;
  const recipients: BounceRecipient[] = [];
  for (const g of groups.values()) {
    if (recipients.length >= max) break;
    recipients.push(mergeGroup(g));
  }
  return { recipients, total, truncated: total > max };
}
