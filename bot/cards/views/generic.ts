/** The card for codes without their own dialog: each recipient's code, what it means, who fixes it. */
import type { Diagnosis } from '../../diagnosis/types';
import type { Words } from '../words';
import type { SpfViewContext } from './spf';
import { bounceFacts, recipientGroups, type Fact, type RecipientItem } from './common';
import { resultActions, type ResultActions } from './result-actions';

export interface CodeView extends ResultActions {
  title: string;
  facts: Fact[];
  recipients: RecipientItem[];
  moreRecipients: string;
  checked: string;
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
    ...resultActions(w, ctx),
  };
}
