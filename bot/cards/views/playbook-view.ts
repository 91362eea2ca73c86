/**
 * What a playbook's view gives the card layer: its template (`cards/<template>.json`), the template's
 * data for one locale, the plain-text twin of that data, and the verdict in one sentence (for the support
 * team's case card). Found by playbook id: `views/<id>.ts` exports `view`.
 */
import type { PlaybookDiagnosis } from '../../diagnosis/types';
import type { Words } from '../words';
import type { CardContext } from './context';
import type { Locale } from '../locale';

export interface PlaybookView<D extends PlaybookDiagnosis = PlaybookDiagnosis, V extends object = object> {
  template: string;
  data(w: Words, d: D, ctx: CardContext): V;
  text(v: V): string;
  headline(w: Words, d: D): string;
  /** `data` (markdown) and `text` together, from one walk, where the view can make both at once. */
  card?(locale: Locale, d: D, ctx: CardContext): { data: V; text: string };
}
