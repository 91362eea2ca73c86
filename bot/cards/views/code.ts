/** The card for codes without their own dialog: each recipient's code, what it means, who fixes it. */
import type { Diagnosis } from '../../diagnosis/types';
import type { Words } from '../words';
import type { SpfViewContext } from './spf';
import { escalateForm, escalationBanner, type EscalateForm } from './escalation';
import { bounceFacts, labels, languageChoices, recipientGroups, type Fact, type RecipientItem } from './common';

export interface CodeView {
  title: string;
  facts: Fact[];
  recipients: RecipientItem[];
  moreRecipients: string;
  checked: string;
  diagnosisId: string;
  locale: string;
  labels: Record<string, string>;
  languages: { code: string; name: string }[];
  canEscalate: boolean;
  escalateForm: EscalateForm;
  banner: { text: string; style: string } | null;
}

export function codeView(w: Words, d: Diagnosis, ctx: SpfViewContext = {}): CodeView {
  const count = d.recipients.length;
  const groups = recipientGroups(w, d.recipients);
  return {
    title: count > 1 ? w.t('codes.titleSeveral', { count }) : w.t('codes.title'),
    facts: bounceFacts(w, d),
    recipients: groups.items,
    moreRecipients: groups.more,
    checked: '',
    diagnosisId: ctx.diagnosisId ?? '',
    locale: w.locale,
    labels: labels(w),
    languages: languageChoices(),
    canEscalate: Boolean(ctx.diagnosisId) && !ctx.caseId,
    escalateForm: escalateForm(w),
    banner: escalationBanner(w, ctx),
  };
}
