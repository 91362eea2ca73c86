/** The domain prompt's own field and button: the waiting dialog takes the answer. */
import { readDomain } from '../../dns/domain-input';
import { CHECK_DIALOG } from '../dialogs/check-dialog';
import { leaveCard } from '../turn';
import type { ActionHandler } from './types';

export const provideDomain: ActionHandler = async (ctx, data, env) => {
  const dc = await env.dialogs.createContext(ctx);
  if (dc.activeDialog) {
    await dc.continueDialog();
    return;
  }
  // No question waits any more (a restart lost it, or a later message moved on): the bounce it was about
  // is gone, but a domain typed in the card still asks for its check, which answers in the card's place.
  // Telling the person to type the domain instead, as this did, only led to the same check one step later
  // (and an older client's click got the help card).
  const typed = readDomain(typeof data.domain === 'string' ? data.domain : '');
  if (typed.ok) {
    await dc.beginDialog(CHECK_DIALOG, { domain: typed.domain });
    return;
  }
  await leaveCard(ctx, 'staleCard');
};
