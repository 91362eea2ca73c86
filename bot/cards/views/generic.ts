/** The card for codes no other playbook takes: each recipient's code, what it means, who fixes it. */
import type { GenericDiagnosis } from '../../diagnosis/playbooks/generic';
import type { Words } from '../words';
import type { CardContext } from './context';
import { bounceFacts, codeTitle, recipientGroups, recipientLines, type Fact, type RecipientItem } from './common';
import type { PlaybookView } from './playbook-view';
import { resultActions, type ResultActions } from './result-actions';

export interface GenericView extends ResultActions {
  title: string;
  /** A bounce that names no recipient and no reason: what that means. */
  notice: string;
  facts: Fact[];
  recipients: RecipientItem[];
  moreRecipients: string;
  checked: string;
}

function genericView(w: Words, d: GenericDiagnosis, ctx: CardContext = {}): GenericView {
  const count = d.recipients.length;
  const groups = recipientGroups(w, d.recipients, d.bounce.microsoft365);
  return {
    title: count > 1 ? w.t('codes.titleSeveral', { count }) : w.t('codes.title'),
    notice: count === 0 ? w.t('codes.noRecipients') : '',
    facts: bounceFacts(w, d),
    recipients: groups.items,
    moreRecipients: groups.more,
    checked: '',
    ...resultActions(w, ctx),
  };
}

function genericText(v: GenericView): string {
  const out: string[] = [v.title];
  if (v.notice) out.push('', v.notice);
  if (v.facts.length) out.push('', ...v.facts.map((f) => f.line));
  for (const r of v.recipients) out.push('', ...recipientLines(r));
  if (v.moreRecipients) out.push('', v.moreRecipients);
  return out.join('\n');
}

export const view: PlaybookView<GenericDiagnosis, GenericView> = {
  template: 'generic-result',
  data: genericView,
  text: genericText,
  headline: (w, d) => codeTitle(w, d.recipients[0] ?? { playbook: 'generic', owner: 'varies' }).title,
};
