/** What every result card (SPF or other codes) carries for its buttons: Language, Escalate, the banner. */
import type { Words } from '../words';
import { labels, languageChoices } from './common';
import { escalateForm, escalationBanner, type EscalateForm } from './escalation';
import type { CardContext } from './context';

export interface ResultActions {
  diagnosisId: string;
  locale: string;
  labels: Record<string, string>;
  languages: { code: string; name: string }[];
  canEscalate: boolean;
  escalateForm: EscalateForm;
  banner: { text: string; style: string } | null;
}

export function resultActions(w: Words, ctx: CardContext): ResultActions {
  return {
    diagnosisId: ctx.diagnosisId ?? '',
    locale: w.locale,
    labels: labels(w),
    languages: languageChoices(),
    canEscalate: Boolean(ctx.diagnosisId) && !ctx.caseId,
    escalateForm: escalateForm(w),
    banner: escalationBanner(w, ctx),
  };
}
