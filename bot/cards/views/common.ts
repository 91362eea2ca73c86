/** Pieces several card views share: facts about the bounce, finding sentences, labels, recipients. */
import type { Finding, Severity } from '../../dns/types';
import type { FixOwner, PlaybookDiagnosis, RecipientDiagnosis, Step } from '../../diagnosis/types';
import { recipientDomain } from '../../diagnosis/remote-admin';
import { LOCALE_NAMES, SUPPORTED_LOCALES } from '../locale';
import type { Words } from '../words';

/** A step of a result card, numbered and worded (`T`: a sentence in the output, see `Words`). */
export interface StepItem<T = string> {
  id: string;
  state: Step['state'];
  icon: string;
  title: T;
  text: T;
}

export const STEP_ICONS: Record<Step['state'], string> = { problem: '❌', ok: '✅', unknown: '⚠️', todo: '👉' };

/** The drafted message to the recipient's mail admin, as the card shows it. */
export interface RemoteAdminItem<T = string> {
  title: T;
  to: string;
  subject: string;
  body: string;
  mailto: string;
  mailtoTitle: string;
}

export interface Fact<T = string> {
  title: string;
  value: T;
  /** "Title: value" as plain text, punctuated the way the language does it. */
  line: string;
}

export function fact<T>(w: Words<T>, title: string, raw: string): Fact<T> {
  return { title, value: w.value(raw), line: w.plain('labelValue', { label: title, value: raw }) };
}

export interface FindingLine<T = string> {
  icon: string;
  text: T;
  severity: Severity;
}

export function icon(w: Words<unknown>, severity: Severity): string {
  return w.plain(`verdict.${severity}`);
}

// `hasOwnProperty` in a for-in over an object's keys is what V8 optimizes best (its enum cache).
const { hasOwnProperty } = Object.prototype;

/** Array params read as a list in the locale's own way ("a, b and c"). */
function flattenParams(w: Words<unknown>, params: Finding['params']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in params) {
    if (!hasOwnProperty.call(params, k)) continue;
    const v = params[k];
    out[k] = Array.isArray(v) ? w.list(v.map(String)) : v;
  }
  return out;
}

/** Findings whose count the SPF audit walk may only bound from below (`atLeast`): they say "at least n". */
const AT_LEAST = new Set<string>(['spf.lookups.over', 'spf.void-lookups.over', 'spf.void-lookups.present']);

export function findingKey(f: Finding): string {
  if (f.code === 'ip.result') return `findings:ip.result.${String(f.params.result ?? 'none')}`;
  if (f.params.atLeast === true && AT_LEAST.has(f.code)) return `findings:${f.code}-at-least`;
  // `redirect=` to a name without a record: not an include, and the words must not call it one.
  if (f.code === 'spf.include.no-record' && f.params.kind === 'redirect') return 'findings:spf.include.no-record-redirect';
  // No SPF record to receivers, but one misspelt in DNS: the line names it.
  if (f.code === 'spf.none' && typeof f.params.lookalike === 'string') return 'findings:spf.none-lookalike';
  // The search for Microsoft's include stopped before the end of a tree far past the limits.
  if (f.code === 'm365.include.missing' && f.params.partial === true) return 'findings:m365.include.missing-partial';
  // The include is there, but receivers discard the whole record (several records, permerror).
  if (f.code === 'm365.include.present' && f.params.ignored === true) return 'findings:m365.include.present-ignored';
  // The sending IP passed: the domain's missing mail host did not send this message through the HRDP.
  if (f.code === 'm365.no-a-no-mx' && f.params.passed) return 'findings:m365.no-a-no-mx-passed';
  // Why the domain counts as a Microsoft 365 sender: the bounce, the sending IP, or its MX.
  if (f.code === 'm365.include.missing' && (f.params.basis === 'ip' || f.params.basis === 'mx')) return `findings:m365.include.missing-${f.params.basis}`;
  // No envelope domain in the bounce: SPF was checked for the From domain, an assumption the card names.
  if (f.code === 'align.spf.yes' && f.params.assumed === true) return 'findings:align.spf.assumed';
  // Relaxed alignment of two different names: the card names the organizational domain they share.
  if ((f.code === 'align.spf.yes' || f.code === 'align.dkim.yes') && typeof f.params.org === 'string') return `findings:${f.code}-org`;
  // Not aligned only because the DMARC record asks for strict alignment (aspf=s, adkim=s): the card says so.
  if ((f.code === 'align.spf.no' || f.code === 'dkim.other-domain') && typeof f.params.org === 'string') return `findings:${f.code}-strict`;
  return `findings:${f.code}`;
}

export function findingText<T>(w: Words<T>, f: Finding): T {
  const params = flattenParams(w, f.params);
  if (f.code === 'ip.result' && f.params.result === 'neutral' && !f.params.term) return w.t('findings:ip.neutralNoTerm', params);
  const text = w.t(findingKey(f), params);
  if (f.code === 'dmarc.policy' && f.params.alignment === false) return w.sentences([text, w.t('findings:dmarc.notAligned', params)]);
  return text;
}

export function findingLine<T>(w: Words<T>, f: Finding): FindingLine<T> {
  return { icon: icon(w, f.severity), text: findingText(w, f), severity: f.severity };
}

export function bounceFacts<T>(w: Words<T>, d: PlaybookDiagnosis): Fact<T>[] {
  const facts: Fact<T>[] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value) facts.push(fact(w, w.plain(`facts.${key}`), value));
  };
  const first = d.recipients[0];
  if (d.recipients.length === 1 && first) {
    add('recipient', recipientLabel(w, first));
    const code = first.replyCode && first.status ? `${first.replyCode} ${first.status}` : String(first.replyCode || first.status || '');
    // A status read from the words is not the server's code: the card says so.
    add('status', code && first.statusInferred ? w.plain('facts.statusInferred', { code }) : code || undefined);
  }
  add('sender', d.bounce.sender);
  add('senderDomain', d.senderDomain);
  // An address read from DNS for the host that wrote the bounce is said as such, not as the bounce's.
  const host = 'spf' in d ? d.spf?.sendingIp?.host : undefined;
  add('sendingIp', host && d.sendingIp ? w.plain('facts.sendingIpOfHost', { ip: d.sendingIp, host }) : d.sendingIp);
  // A delayed or expired message, or one no receiving server answered, was not rejected by that server: it is the one last tried.
  const tried = notRejected(first) || Boolean(first?.sendingServerWords);
  if (d.recipients.length === 1) add(tried ? 'remoteServerTried' : 'remoteServer', d.bounce.recipients[0]?.remoteMta);
  add('reportedBy', d.bounce.reportingMta ?? d.bounce.generatingServer);
  add('time', w.dateTime(d.bounce.arrivalDate));
  return facts;
}

/**
 * Given up after retrying (x.4.7, 5.4.300): the words are the sending server's own queue reporting it, not
 * a reply from the receiving server (which it never reached, or which never accepted the message).
 */
export function gaveUp(r: RecipientDiagnosis | undefined): boolean {
  return /^[45]\.4\.7$|^5\.4\.300$/.test(r?.status ?? '');
}

/** Delayed (4.x.x) or given up after retrying (x.4.7, 5.4.300): no server refused it. */
function notRejected(r: RecipientDiagnosis | undefined): boolean {
  return (r?.status ?? '').startsWith('4.') || gaveUp(r) || r?.replyCode?.[0] === '4';
}

/** Who the recipient is, as the person knows them: the address (and the one they wrote, if forwarding changed it), or the name the bounce gives. */
export function recipientLabel(w: Words<unknown>, r: RecipientDiagnosis): string | undefined {
  if (r.address && r.originalAddress && r.originalAddress !== r.address) return w.plain('facts.recipientForwarded', { address: r.address, original: r.originalAddress });
  if (r.address) return r.address;
  if (r.name) return w.plain('facts.recipientNameOnly', { name: r.name });
  return undefined;
}

/** Per locale and output: the same on every card, and read-only once made (binding only reads card data). */
const madeLabels = new WeakMap<Words, Readonly<Record<string, string>>>();

/** Button and picker labels, and the languages offered. */
export function labels(w: Words): Readonly<Record<string, string>> {
  let made = madeLabels.get(w);
  if (!made) madeLabels.set(w, (made = Object.freeze(labelsOf(w))));
  return made;
}

function labelsOf(w: Words): Record<string, string> {
  return {
    checkAgain: w.plain('actions.checkAgain'),
    language: w.plain('actions.language'),
    apply: w.plain('actions.apply'),
    check: w.plain('actions.check'),
    escalate: w.plain('actions.escalate'),
    languagePicker: w.plain('language.pickerTitle'),
    expand: w.plain('actions.expand'),
  };
}

const LANGUAGE_CHOICES: readonly Readonly<{ code: string; name: string }>[] = Object.freeze(SUPPORTED_LOCALES.map((code) => Object.freeze({ code, name: LOCALE_NAMES[code] })));

export function languageChoices(): readonly Readonly<{ code: string; name: string }>[] {
  return LANGUAGE_CHOICES;
}

/** Long server replies show their start, with a toggle for the rest (cards must stay under 28 KB). */
export const SHORT_TEXT = 600;
export const MAX_FULL_TEXT = 6000;
export const MAX_GROUPS = 8;
const MAX_ADDRESSES = 5;

/** A reply that is only its codes ("550 5.7.23", as a typed question gives it) says nothing the error code fact doesn't. */
const ONLY_CODES = /^\s*(?:[245]\d\d(?:[ -]#?[245]\.\d{1,3}\.\d{1,3})?|#?[245]\.\d{1,3}\.\d{1,3})\s*$/;

/** What the receiving server said in words, to quote under its own heading: none when it said only the code. */
export function serverWords(r: Pick<RecipientDiagnosis, 'remoteText'> | undefined): string | undefined {
  const text = r?.remoteText?.trim();
  return text && !ONLY_CODES.test(text) ? r!.remoteText : undefined;
}

/** "What the receiving server said" (or `labelKey`'s own heading) and its words, when it said more than the code. */
export function remoteSaid<T>(w: Words<T>, labelKey: string, r: Pick<RecipientDiagnosis, 'remoteText'> | undefined) {
  const said = serverWords(r);
  return said ? { label: w.t(labelKey), heading: w.plain('labelOnly', { label: w.plain(labelKey) }), ...shortened(said) } : null;
}

export function shortened(text: string): { short: string; full: string } {
  if (text.length <= SHORT_TEXT) return { short: text, full: '' };
  const full = text.length > MAX_FULL_TEXT ? `${text.slice(0, MAX_FULL_TEXT)}…` : text;
  return { short: `${text.slice(0, SHORT_TEXT)}…`, full };
}

export interface RecipientItem<T = string> {
  heading: T;
  addresses: T;
  meaning: T;
  fix: T;
  owner: T;
  transient: T;
  remoteLabel: string;
  /** The label as a plain-text heading ("… said:"), punctuated as the language does it. */
  remoteHeading: string;
  remote: { short: string; full: string };
  expandLabel: string;
}

export function codeTitle<T>(w: Words<T>, r: RecipientDiagnosis): { title: T; meaning: T; fix: T } {
  const key = r.codeKey;
  const status = [r.replyCode, r.status].filter(Boolean).join(' ');
  // A family that named the cause from the remote words says it better than the code table's entry.
  const cause = r.subCause ? `${r.playbook}:causes.${r.subCause}` : undefined;
  // "Read the server's words below" needs words to read.
  const genericFix = (): T => (serverWords(r) ? w.t('codes:generic.fix') : w.t('codes:generic.fixNoReply'));
  if (cause && w.has(`${cause}.title`)) {
    const p = { recipient: recipientWords(w, r), recipientDomain: recipientDomain(r) ?? '' };
    // The family's own first step for that cause: the code table's fix speaks of the code's every meaning (5.2.2's a
    // full mailbox or a sending quota; 5.4.1's Exchange's accepted domains), not of the one the words named.
    const step = r.step;
    const fix = step
      ? w.t(`${step.ns ?? r.playbook}:steps.${step.id}.${step.variant ?? step.state}`, p)
      : key && !key.startsWith('generic.')
        ? w.t(`codes:${key}.fix`)
        : genericFix();
    const causeTitle = w.t(`${cause}.title`, p);
    const title = status ? w.insert(w.t('common:codes.titleWithStatus', { title: '\u0000', status }), causeTitle) : causeTitle;
    return { title, meaning: w.t(`${cause}.why`, p), fix };
  }
  if (!key) return { title: status ? w.t('codes:generic.title', { status }) : w.t('codes:generic.titleNoCode'), meaning: w.t('common:codes.noCode'), fix: genericFix() };
  if (key.startsWith('generic.')) {
    const standard = standardMeaning(w, r.status);
    const meaning = standard ? w.sentences([w.t(`codes:${key}`), standard]) : w.t(`codes:${key}`);
    return { title: w.t('codes:generic.title', { status }), meaning, fix: genericFix() };
  }
  return { title: w.insert(w.t('common:codes.titleWithStatus', { title: '\u0000', status }), w.t(`codes:${key}.title`)), meaning: w.t(`codes:${key}.meaning`), fix: w.t(`codes:${key}.fix`) };
}

// An enhanced status code, read for its subject and detail (the class, 4 or 5, doesn't change the meaning).
const ENHANCED_PARTS = /^[45]\.(\d{1,3})\.(\d{1,3})$/;

/**
 * What the code means in the registry of enhanced status codes (RFC 3463 and its successors), for a code
 * no playbook reads: a mail admin knows 5.6.3 as "conversion required but not supported" without the words.
 */
function standardMeaning<T>(w: Words<T>, status: string | undefined): T | undefined {
  const m = status ? ENHANCED_PARTS.exec(status) : null;
  const key = m ? `codes:standard.${m[1]}-${m[2]}` : undefined;
  return key && w.has(key) ? w.t('codes:standard.line', { code: status, meaning: w.plain(key) }) : undefined;
}

/** The recipient as a sentence names it: the address, else the name the bounce gives, else words saying the bounce shows none. */
export function recipientWords(w: Words<unknown>, r: Pick<RecipientDiagnosis, 'address' | 'name'> | undefined): string {
  return r?.address ?? r?.name ?? w.plain('common:codes.addressUnknown');
}

/**
 * "Who fixes it": nobody, when Microsoft 365 retries or lifts it, says so only of a bounce Microsoft 365
 * sent; any other sending server retries by itself. `reply: false`: the bounce gives no words to tell by.
 */
export function ownerKey(owner: FixOwner, o: { microsoft365: boolean; reply?: boolean }): string {
  if (owner === 'varies' && o.reply === false) return 'codes:owner.variesNoReply';
  if (owner === 'microsoft' && !o.microsoft365) return 'codes:owner.retriesItself';
  return `codes:owner.${owner}`;
}

/** Recipients that failed the same way are told once, with their addresses listed. */
export function recipientGroups<T>(w: Words<T>, recipients: RecipientDiagnosis[], microsoft365: boolean): { items: RecipientItem<T>[]; more: T } {
  if (!recipients.length) return { items: [], more: w.empty };
  const groups = new Map<string, RecipientDiagnosis[]>();
  for (const r of recipients) {
    const key = [r.codeKey, r.status, r.replyCode, r.remoteText].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const all = [...groups.values()];
  const shown = all.slice(0, MAX_GROUPS);
  const hidden = all.slice(MAX_GROUPS).reduce((n, g) => n + g.length, 0);
  const items = shown.map((group): RecipientItem<T> => {
    const first = group[0]!;
    const { title, meaning, fix } = codeTitle(w, first);
    const remoteKey = gaveUp(first) || first.sendingServerWords ? 'common:codes.sendingServerSaid' : 'common:codes.remoteSaid';
    const addresses = group.map((r) => r.address ?? r.name).filter((a): a is string => Boolean(a));
    let heading = title;
    let list = w.empty;
    if (addresses.length === 1) {
      // The title is our own wording: insert it after the address has been escaped.
      heading = w.insert(w.t('common:codes.recipientHeading', { address: addresses[0], title: '\u0000' }), title);
    } else if (addresses.length > 1) {
      const head = w.list(addresses.slice(0, MAX_ADDRESSES));
      const rest = addresses.length - MAX_ADDRESSES;
      list = rest > 0 ? w.insert(w.t('common:codes.andMore', { list: '\u0000', count: rest }), w.value(head)) : w.value(head);
    }
    return {
      heading,
      addresses: list,
      meaning,
      fix,
      owner: w.t(ownerKey(first.owner, { microsoft365, reply: Boolean(serverWords(first)) })),
      transient: first.transient ? w.t('codes:transient') : w.empty,
      remoteLabel: w.plain(remoteKey),
      remoteHeading: w.plain('common:labelOnly', { label: w.plain(remoteKey) }),
      remote: shortened(serverWords(first) ?? ''),
      expandLabel: w.plain('common:actions.expand'),
    };
  });
  return { items, more: hidden > 0 ? w.t('common:codes.moreRecipients', { count: hidden }) : w.empty };
}

/** A recipient group as plain-text lines (fallback text, the command line, e-mail). */
export function recipientLines(r: RecipientItem): string[] {
  const out = [r.heading];
  if (r.addresses) out.push(r.addresses);
  out.push(r.meaning, r.fix, r.owner);
  if (r.transient) out.push(r.transient);
  if (r.remote.short) out.push(r.remoteHeading, `  ${r.remote.full || r.remote.short}`);
  return out;
}

/** The steps as plain-text lines, after a blank line and their title; nothing when there are none. */
export function stepsText(title: string, steps: readonly StepItem[]): string[] {
  return pushStepsText([], title, steps);
}

/** `stepsText`, added to `out`. */
export function pushStepsText(out: string[], title: string, steps: readonly StepItem[]): string[] {
  if (!steps.length) return out;
  out.push('', title);
  for (const s of steps) out.push(`${s.icon} ${s.title}`, `   ${s.text}`);
  return out;
}

/** The drafted admin message as plain-text lines. */
export function remoteAdminText(m: RemoteAdminItem | null): string[] {
  return pushRemoteAdminText([], m);
}

/** `remoteAdminText`, added to `out`. */
export function pushRemoteAdminText(out: string[], m: RemoteAdminItem | null): string[] {
  if (!m) return out;
  out.push('', m.title);
  if (m.to) out.push(m.to);
  out.push(m.subject, '', m.body);
  return out;
}

/** The other recipients' groups as plain-text lines, and the "and N more" line. */
export function otherRecipientsText(title: string, items: readonly RecipientItem[], more: string): string[] {
  return pushOtherRecipientsText([], title, items, more);
}

/** `otherRecipientsText`, added to `out`. */
export function pushOtherRecipientsText(out: string[], title: string, items: readonly RecipientItem[], more: string): string[] {
  if (!items.length) return out;
  out.push('', title);
  for (const r of items) out.push('', ...recipientLines(r));
  if (more) out.push(more);
  return out;
}
