/** What every result card (SPF or other codes) carries for its buttons: Language, Escalate, the banner. */
import type { Words } from '../words';
import { labels, languageChoices } from './common';
import { escalateForm, escalationBanner, reopenForm, type EscalateForm } from './escalation';
import type { CardContext } from './context';

export interface ResultActions {
  diagnosisId: string;
  locale: string;
  labels: Record<string, string>;
  languages: readonly Readonly<{ code: string; name: string }>[];
  canEscalate: boolean;
  escalateForm: EscalateForm;
  /** The resolved case the Escalate form reopens ('' for a new escalation). */
  reopen: string;
  banner: { text: string; style: string } | null;
}

export function resultActions(w: Words, ctx: CardContext): ResultActions {
  const reopen = ctx.resolvedCase?.id ?? '';
  return {
    diagnosisId: ctx.diagnosisId ?? '',
    locale: w.locale,
    labels: reopen ? { ...labels(w), escalate: w.plain('escalation:reopen.button') } : labels(w),
    languages: languageChoices(),
    // A diagnosis escalates once; after its case is resolved, the same button reopens it.
    canEscalate: Boolean(ctx.diagnosisId) && (!ctx.caseId || Boolean(reopen)),
    escalateForm: reopen ? reopenForm(w, reopen) : escalateForm(w),
    reopen,
    banner: escalationBanner(w, ctx),
  };
}
