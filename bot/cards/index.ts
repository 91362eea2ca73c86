/** The cards the bot sends, each bound for one locale, and their plain-text twins. */
import type { Diagnosis } from '../diagnosis/types';
import type { BounceKind } from '../ndr/types';
import { renderCard, type CardAttachment } from './render';
import { helpText, spfText } from './text';
import { errorView, helpView, welcomeView } from './views/simple';
import { spfView } from './views/spf';
import { words } from './words';
import type { Locale } from './locale';

export { CARD_CONTENT_TYPE, type CardAttachment } from './render';
export { resolveLocale, matchLocale, SUPPORTED_LOCALES, type Locale } from './locale';

export function diagnosisText(d: Diagnosis, locale: Locale): string {
  if (d.kind === 'not-bounce') return helpText(helpView(words(locale, 'plain'), { kind: d.bounce.kind, bytes: d.bounce.inputBytes }));
  return spfText(spfView(words(locale, 'plain'), d));
}

export function diagnosisCard(d: Diagnosis, locale: Locale): CardAttachment {
  if (d.kind === 'not-bounce') return helpCard(locale, { kind: d.bounce.kind, bytes: d.bounce.inputBytes });
  return renderCard('spf-result', { ...spfView(words(locale), d), fallbackText: diagnosisText(d, locale) });
}

export function helpCard(locale: Locale, notBounce?: { kind: BounceKind; bytes?: number }): CardAttachment {
  const fallbackText = helpText(helpView(words(locale, 'plain'), notBounce));
  return renderCard('help', { ...helpView(words(locale), notBounce), fallbackText });
}

export function welcomeCard(locale: Locale): CardAttachment {
  const v = welcomeView(words(locale, 'plain'));
  return renderCard('welcome', { ...welcomeView(words(locale)), fallbackText: `${v.title}\n${v.body}\n${v.tryIt}` });
}

export function errorCard(locale: Locale, ref: string): CardAttachment {
  const v = errorView(words(locale, 'plain'), ref);
  return renderCard('error', { ...errorView(words(locale), ref), fallbackText: `${v.title}\n${v.body}` });
}
