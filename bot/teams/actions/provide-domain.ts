/** The domain prompt's own field and button: the waiting dialog takes the answer. */
import { noticeCard } from '../../cards';
import { setInvokeCard, turnLocale } from '../turn';
import type { ActionHandler } from './types';

export const provideDomain: ActionHandler = async (ctx, _data, env) => {
  const dc = await env.dialogs.createContext(ctx);
  if (dc.activeDialog) await dc.continueDialog();
  else setInvokeCard(ctx, noticeCard(turnLocale(ctx), 'askDomain.body'));
};
