/** Data for the small cards: welcome, help ("that is not a bounce"), error, notice, checking, prompts. */
import type { BounceKind } from '../../ndr/types';
import type { Words } from '../words';
import { labels, languageChoices } from './common';

export interface HelpView {
  notice: string;
  title: string;
  intro: string;
  waysTitle: string;
  ways: string[];
  exampleTitle: string;
  example: string;
}

export function formatBytes(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb)} MB`;
}

/** Where the help is read: in Teams (paste, files, the message action), on the command line, or by e-mail. */
export type HelpSurface = 'teams' | 'cli' | 'email';

/** The ways to send a bounce that work where the help is read: no chat, button or menu named outside Teams. */
function helpWays(w: Words, surface: HelpSurface): { title: string; ways: string[] } {
  switch (surface) {
    case 'cli':
      return { title: w.t('help.cli.title'), ways: [w.plain('help.cli.wayFile'), w.plain('help.cli.wayStdin'), w.plain('help.cli.wayCheck')] };
    case 'email':
      return { title: w.t('help.email.title'), ways: [w.plain('help.email.wayAttach'), w.plain('help.email.wayPaste'), w.plain('help.email.wayCheck')] };
    case 'teams':
      return { title: w.t('help.title'), ways: [w.t('help.wayPaste'), w.t('help.wayFile'), w.t('help.wayAction'), w.t('help.wayCheck')] };
  }
}

/** `notBounce` says why the input was not read as a bounce; absent for a plain "help". */
export function helpView(w: Words, notBounce?: { kind: BounceKind; bytes?: number }, surface: HelpSurface = 'teams'): HelpView {
  const kind = notBounce?.kind === 'bounce' ? 'ordinary-message' : notBounce?.kind;
  const { title, ways } = helpWays(w, surface);
  return {
    notice: kind ? w.t(`help.notBounce.${kind}`, { size: formatBytes(notBounce?.bytes ?? 0, w.locale) }) : '',
    title,
    intro: w.t('help.intro'),
    waysTitle: w.t('help.waysTitle'),
    ways,
    exampleTitle: w.t('help.exampleTitle'),
    example: w.plain('help.example'),
  };
}

/**
 * `shared`: a channel or a group chat, where Teams gives the bot only the messages that @mention it, so a
 * bounce pasted as the welcome said met silence; there the welcome says to mention it first.
 */
export function welcomeView(w: Words, shared = false): { title: string; body: string; tryIt: string } {
  return { title: w.t('welcome.title'), body: w.t('welcome.body'), tryIt: w.t(shared ? 'welcome.tryItShared' : 'welcome.tryIt') };
}

export function errorView(w: Words, ref: string): { title: string; body: string } {
  return { title: w.t('error.title'), body: w.t('error.body', { ref }) };
}

export function checkingView(w: Words, domain: string): { title: string; body: string } {
  return { title: w.t('checking.title', { domain }), body: w.t('checking.body') };
}

export interface AskDomainView {
  title: string;
  body: string;
  error: string;
  label: string;
  placeholder: string;
  requiredMessage: string;
  value: string;
  diagnosisId: string;
  labels: Record<string, string>;
}

/** Why the domain is asked: the bounce does not name it, or `check` came without one. */
export type AskDomainPurpose = 'bounce' | 'check';

export function askDomainView(w: Words, diagnosisId: string, invalidInput?: string, purpose: AskDomainPurpose = 'bounce'): AskDomainView {
  return {
    title: w.t(purpose === 'check' ? 'askDomain.checkTitle' : 'askDomain.title'),
    body: w.t(purpose === 'check' ? 'askDomain.checkBody' : 'askDomain.body'),
    error: invalidInput !== undefined ? w.t('askDomain.invalid', { input: invalidInput }) : '',
    label: w.plain('askDomain.label'),
    placeholder: w.plain('askDomain.placeholder'),
    requiredMessage: w.plain('askDomain.invalid', { input: '' }),
    value: invalidInput ?? '',
    diagnosisId,
    labels: labels(w),
  };
}

export function languageView(w: Words, notice = ''): { notice: string; locale: string; labels: Readonly<Record<string, string>>; languages: readonly Readonly<{ code: string; name: string }>[] } {
  return { notice, locale: w.locale, labels: labels(w), languages: languageChoices() };
}
