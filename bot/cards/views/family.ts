/**
 * The card of a playbook that judges from the code and the remote words (recipient, mailbox, policy,
 * transient): the cause in the verdict block, the facts, the remote server's words, what DNS says of the
 * recipient's domain when it was checked, the steps for that cause, and the other recipients. Words come
 * from the playbook's own namespace (`locales/<lng>/<id>.json`: title, causes.<cause>, steps.<id>).
 */
import type { FamilyDiagnosis } from '../../diagnosis/family';
import type { MailHostReport } from '../../dns/check-mail-host';
import type { PlaybookDiagnoses, PlaybookId } from '../../diagnosis/types';
import type { Words } from '../words';
import type { CardContext } from './context';
import { bounceFacts, gaveUp, otherRecipientsText, ownerKey, recipientGroups, recipientWords, remoteSaid, STEP_ICONS, stepsText, type Fact, type RecipientItem, type StepItem } from './common';
import type { PlaybookView } from './playbook-view';
import { resultActions, type ResultActions } from './result-actions';

export interface FamilyView extends ResultActions {
  title: string;
  verdict: { headline: string; why: string; style: string };
  facts: Fact[];
  remote: { label: string; heading: string; short: string; full: string } | null;
  mailHost: string;
  /** After Check again: whether the recipient domain's mail host changed since the check before. */
  changes: string;
  stepsTitle: string;
  steps: StepItem[];
  owner: string;
  transient: string;
  otherRecipientsTitle: string;
  otherRecipients: RecipientItem[];
  moreRecipients: string;
  checked: string;
  canCheckAgain: boolean;
}

const WAITING = new Set(['delayed', 'greylisted', 'throttled']);
const STYLE: Record<string, string> = { sender: 'attention', recipient: 'accent', 'recipient-admin': 'accent', microsoft: 'good', varies: 'warning' };

function params(w: Words, d: FamilyDiagnosis<string>): Record<string, unknown> {
  const primary = d.recipients[0];
  return {
    recipient: recipientWords(w, primary),
    // A bounce that names no recipient's address still gets sentences that read: "the recipient's domain".
    recipientDomain: d.verdict.detail?.recipientDomain ?? w.t('recipientDomainUnknown'),
    domain: d.senderDomain ?? '',
    status: primary?.status ?? '',
    ip: d.sendingIp ?? '',
    mx: d.mailHost?.mx.join(', ') ?? '',
    error: d.mailHost?.error ?? '',
  };
}

function mailHostLine(w: Words, m: MailHostReport | undefined, p: Record<string, unknown>): string {
  if (!m) return '';
  // A null MX (RFC 7505) is the domain saying it takes no mail, not a missing record.
  const key = m.state === 'ok' && !m.mx.length ? 'mailHost.okNoMx' : m.nullMx ? 'mailHost.nullMx' : `mailHost.${m.state}`;
  return w.t(key, { ...p, mx: m.mx.join(', '), error: m.error ?? '' });
}

function sameMailHost(a: MailHostReport, b: MailHostReport): boolean {
  const mx = (m: MailHostReport): string => [...m.mx].map((h) => h.toLowerCase()).sort().join(' ');
  return a.state === b.state && mx(a) === mx(b) && (a.error ?? '') === (b.error ?? '');
}

/** After Check again: nothing changed since the check before, or what that check found (the card shows what is found now). */
function changesLine(w: Words, before: MailHostReport | undefined, now: MailHostReport | undefined, p: Record<string, unknown>): string {
  if (!before || !now || before.domain.toLowerCase() !== now.domain.toLowerCase()) return '';
  const time = w.dateTime(before.checkedAt) ?? before.checkedAt;
  if (sameMailHost(before, now)) return w.t('spf:changes.none', { time });
  // The earlier line is already worded for this output: put it in as it is, not escaped a second time.
  return w.t('mailHostChanged', { time, before: '\u0000' }).replace('\u0000', () => mailHostLine(w, before, p));
}

function familyTitleKey(w: Words, ns: string, cause: string, retrying: boolean): string {
  if (w.has(`${ns}:causes.${cause}.cardTitle`)) return `${ns}:causes.${cause}.cardTitle`;
  return retrying && w.has(`${ns}:titleRetrying`) ? `${ns}:titleRetrying` : `${ns}:title`;
}

export function familyView<P extends PlaybookId>(ns: P): PlaybookView<PlaybookDiagnoses[P], FamilyView> {
  const headline = (w: Words, d: PlaybookDiagnoses[P]): string => w.t(`${ns}:causes.${d.verdict.cause}.title`, params(w, d as unknown as FamilyDiagnosis<string>));
  const data = (w: Words, dx: PlaybookDiagnoses[P], ctx: CardContext = {}): FamilyView => {
    const d = dx as unknown as FamilyDiagnosis<string>;
    const p = params(w, d);
    const primary = d.recipients[0];
    const others = recipientGroups(w, d.recipients.slice(1), d.bounce.microsoft365);
    // The causes that are about waiting say so themselves.
    const transient = primary?.transient && !WAITING.has(d.verdict.cause) ? w.t('codes:transient') : '';
    // The sending server's words: a message its queue gave up on, one it refused to send at all, or one that never
    // reached a receiving server that could have said anything.
    const remoteKey =
      gaveUp(primary) || primary?.sendingServerWords || d.verdict.detail?.refusedBy === 'sending-server' ? 'spf:sendingServerSaid' : 'spf:remoteSaid';
    return {
      // A cause on the sending side of a family named for the recipient's side has a title of its own; so does a
      // message the sending server is still retrying ("Not delivered yet"), whose card says not to resend.
      title: w.t(familyTitleKey(w, ns, d.verdict.cause, primary?.transient === true)),
      verdict: { headline: headline(w, dx), why: w.t(`${ns}:causes.${d.verdict.cause}.why`, p), style: STYLE[d.owner] ?? 'emphasis' },
      facts: bounceFacts(w, dx),
      // A message the queue gave up on: the words are the sending server's, not the receiving server's reply.
      remote: remoteSaid(w, remoteKey, primary),
      mailHost: mailHostLine(w, d.mailHost, p),
      changes: changesLine(w, ctx.previousMailHost, d.mailHost, p),
      stepsTitle: w.t('spf:stepsTitle'),
      steps: d.steps.map((s, i) => ({
        id: s.id,
        state: s.state,
        icon: STEP_ICONS[s.state],
        title: `${i + 1}. ${w.t(`${ns}:steps.${s.id}.title`, p)}`,
        text: w.t(`${ns}:steps.${s.id}.${s.variant ?? s.state}`, p),
      })),
      owner: w.t(ownerKey(d.owner, { microsoft365: d.bounce.microsoft365 })),
      transient,
      otherRecipientsTitle: w.t('codes.otherRecipients'),
      otherRecipients: others.items,
      moreRecipients: others.more,
      checked: d.mailHost ? w.t('familyChecked', { time: w.dateTime(d.mailHost.checkedAt) ?? d.mailHost.checkedAt, servers: w.list(d.mailHost.dnsServers) }) : '',
      canCheckAgain: Boolean(ctx.diagnosisId && d.mailHost),
      ...resultActions(w, ctx),
    };
  };
  const text = (v: FamilyView): string => {
    const out: string[] = [v.title, '', v.verdict.headline];
    if (v.verdict.why) out.push(v.verdict.why);
    if (v.facts.length) out.push('', ...v.facts.map((f) => f.line));
    if (v.remote) out.push('', v.remote.heading, `  ${v.remote.full || v.remote.short}`);
    if (v.mailHost) out.push('', v.mailHost);
    if (v.changes) out.push(v.changes);
    out.push(...stepsText(v.stepsTitle, v.steps));
    out.push('', v.owner);
    if (v.transient) out.push(v.transient);
    out.push(...otherRecipientsText(v.otherRecipientsTitle, v.otherRecipients, v.moreRecipients));
    if (v.checked) out.push('', v.checked);
    return out.join('\n');
  };
  return { template: 'family-result', data, text, headline };
}
