/** The cards the bot sends, each bound for one locale, and their plain-text twins. */
import type { Diagnosis, PlaybookDiagnosis } from '../diagnosis/types';
import { viewFor } from './views/registry';
import type { BounceKind } from '../ndr/types';
import { renderCard, type CardAttachment } from './render';
import { helpText } from './text';
import type { CardContext } from './views/context';
import { askDomainView, checkingView, errorView, helpView, languageView, welcomeView, type AskDomainPurpose, type HelpSurface } from './views/simple';
import { words, type Words } from './words';
import { requesterCaseView, supportCaseView, type RequesterCardKind } from './views/escalation';
import type { EscalationRecord } from '../escalation/types';
import type { Locale } from './locale';

export { CARD_CONTENT_TYPE, type CardAttachment } from './render';
export { resolveLocale, matchLocale, SUPPORTED_LOCALES, LOCALE_NAMES, type Locale } from './locale';
export { words, type Words } from './words';
export type { CardContext } from './views/context';
export type { HelpSurface } from './views/simple';
export { viewFor, diagnosisHeadline } from './views/registry';

function notBounceNotice(d: Diagnosis): { kind: BounceKind; bytes?: number } {
  return { kind: d.bounce.kind, bytes: d.bounce.inputBytes };
}

/** The plain-text answer: a card's fallback text, the command line (`surface: 'cli'`), e-mail (`'email'`). */
export function diagnosisText(d: Diagnosis, locale: Locale, ctx: CardContext = {}, surface: HelpSurface = 'teams'): string {
  const w = words(locale, 'plain');
  if (d.playbook === 'none') return helpText(helpView(w, notBounceNotice(d), surface));
  const v = viewFor(d.playbook);
  // A view that makes its card and text in one walk gives the very text its card carries as fallback.
  if (v.card) return v.card(locale, d as PlaybookDiagnosis, ctx).text;
  return v.text(v.data(w, d as PlaybookDiagnosis, ctx));
}

/**
 * The card's data with its fallback text added last. The view is built for this card alone, so the text is
 * set on it rather than copied with `{ ...view, fallbackText }`: V8 copies a view of a few dozen properties
 * into a literal that goes on with more properties several microseconds slower.
 */
function withFallback<T extends object>(view: T, fallbackText: string): T & { fallbackText: string } {
  return Object.assign(view, { fallbackText });
}

export function diagnosisCard(d: Diagnosis, locale: Locale, ctx: CardContext = {}): CardAttachment {
  if (d.playbook === 'none') return helpCard(locale, notBounceNotice(d));
  const v = viewFor(d.playbook);
  if (v.card) {
    const { data, text } = v.card(locale, d as PlaybookDiagnosis, ctx);
    return renderCard(v.template, withFallback(data, text));
  }
  const fallbackText = v.text(v.data(words(locale, 'plain'), d as PlaybookDiagnosis, ctx));
  return renderCard(v.template, withFallback(v.data(words(locale), d as PlaybookDiagnosis, ctx), fallbackText));
}

/** The help as plain text, with the ways to send a bounce that work on `surface`. */
export function helpPlainText(locale: Locale, surface: HelpSurface, notBounce?: { kind: BounceKind; bytes?: number }): string {
  return helpText(helpView(words(locale, 'plain'), notBounce, surface));
}

export function helpCard(locale: Locale, notBounce?: { kind: BounceKind; bytes?: number }): CardAttachment {
  const fallbackText = helpText(helpView(words(locale, 'plain'), notBounce));
  return renderCard('help', { ...helpView(words(locale), notBounce), fallbackText });
}

/** Title and body, both plain, become the fallback text. */
function simple(name: Parameters<typeof renderCard>[0], view: (w: Words) => { title: string; body: string }, locale: Locale): CardAttachment {
  const plain = view(words(locale, 'plain'));
  return renderCard(name, { ...view(words(locale)), fallbackText: [plain.title, plain.body].filter(Boolean).join('\n') });
}

export function welcomeCard(locale: Locale, shared = false): CardAttachment {
  const v = welcomeView(words(locale, 'plain'), shared);
  return renderCard('welcome', { ...welcomeView(words(locale), shared), fallbackText: `${v.title}\n${v.body}\n${v.tryIt}` });
}

export function errorCard(locale: Locale, ref: string): CardAttachment {
  return simple('error', (w) => errorView(w, ref), locale);
}

export function checkingCard(locale: Locale, domain: string): CardAttachment {
  return simple('checking', (w) => checkingView(w, domain), locale);
}

/** A short message card: `key` names a locale string, `params` its values (escaped as user text). */
export function noticeCard(locale: Locale, key: string, params: Record<string, unknown> = {}, titleKey?: string): CardAttachment {
  return simple('notice', (w) => ({ title: titleKey ? w.t(titleKey, params) : '', body: w.t(key, params) }), locale);
}

export function askDomainCard(locale: Locale, diagnosisId: string, invalidInput?: string, purpose: AskDomainPurpose = 'bounce'): CardAttachment {
  const plain = askDomainView(words(locale, 'plain'), diagnosisId, invalidInput, purpose);
  return renderCard('ask-domain', {
    ...askDomainView(words(locale), diagnosisId, invalidInput, purpose),
    fallbackText: [plain.title, plain.body, plain.error].filter(Boolean).join('\n'),
  });
}

export function languageCard(locale: Locale, noticeKey?: string, params: Record<string, unknown> = {}): CardAttachment {
  const w = words(locale);
  const notice = noticeKey ? w.t(noticeKey, params) : '';
  return renderCard('language', { ...languageView(w, notice), fallbackText: words(locale, 'plain').plain('language.pickerTitle') });
}

export type { RequesterCardKind } from './views/escalation';

/** The requester's view of their case: created, claimed, a question to answer, resolved, or not saved. */
export function requesterCaseCard(locale: Locale, record: EscalationRecord | undefined, kind: RequesterCardKind, retry?: Record<string, unknown>): CardAttachment {
  const plain = requesterCaseView(words(locale, 'plain'), record, kind, retry);
  const fallbackText = [plain.title, plain.body, ...plain.facts.map((f) => f.line), plain.question?.text ?? ''].filter(Boolean).join('\n');
  return renderCard('escalation-requester', { ...requesterCaseView(words(locale), record, kind, retry), fallbackText });
}

/** The support team's card for a case, with everything collected and the Claim / Ask / Resolve buttons. */
export function supportCaseCard(locale: Locale, record: EscalationRecord, notice = '', noticeColor: 'Attention' | 'Accent' = 'Attention'): CardAttachment {
  const plain = supportCaseView(words(locale, 'plain'), record, notice, noticeColor);
  const fallbackText = [plain.title, plain.statusLine, plain.verdict, ...plain.facts.map((f) => f.line), plain.remoteText].filter(Boolean).join('\n');
  return renderCard('escalation-support', { ...supportCaseView(words(locale), record, notice, noticeColor), fallbackText });
}

/**
 * The "Diagnose bounce" window, for a client that asks the bot for it (composeExtension/fetchTask): the
 * same optional field the app manifest declares, submitted as the message action with the message.
 */
export function messageActionCard(locale: Locale): { title: string; card: CardAttachment } {
  const plain = words(locale, 'plain');
  const title = plain.plain('messageAction.title');
  const card = renderCard('message-action', {
    hint: words(locale).t('messageAction.domainHint'),
    label: plain.plain('messageAction.domainLabel'),
    placeholder: plain.plain('askDomain.placeholder'),
    submit: title,
    fallbackText: plain.plain('messageAction.domainHint'),
  });
  return { title, card };
}
