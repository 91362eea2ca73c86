/** Data for the small cards: welcome, help (also the "that is not a bounce" answer) and error. */
import type { BounceKind } from '../../ndr/types';
import type { Words } from '../words';

export interface HelpView {
  notice: string;
  title: string;
  intro: string;
  waysTitle: string;
  ways: string[];
  exampleTitle: string;
  example: string;
}

function formatBytes(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb)} MB`;
}

/** `notBounce` says why the input was not read as a bounce; absent for a plain "help". */
export function helpView(w: Words, notBounce?: { kind: BounceKind; bytes?: number }): HelpView {
  const kind = notBounce?.kind === 'bounce' ? 'ordinary-message' : notBounce?.kind;
  return {
    notice: kind ? w.t(`help.notBounce.${kind}`, { size: formatBytes(notBounce?.bytes ?? 0, w.locale) }) : '',
    title: w.t('help.title'),
    intro: w.t('help.intro'),
    waysTitle: w.t('help.waysTitle'),
    ways: [w.t('help.wayPaste'), w.t('help.wayFile'), w.t('help.wayAction'), w.t('help.wayCheck')],
    exampleTitle: w.t('help.exampleTitle'),
    example: w.plain('help.example'),
  };
}

export function welcomeView(w: Words): { title: string; body: string; tryIt: string } {
  return { title: w.t('welcome.title'), body: w.t('welcome.body'), tryIt: w.t('welcome.tryIt') };
}

export function errorView(w: Words, ref: string): { title: string; body: string } {
  return { title: w.t('error.title'), body: w.t('error.body', { ref }) };
}
