/** The Language picker on a result card: remember the choice and redraw the card in that language. */
import { diagnosisCard, matchLocale } from '../../cards';
import { keptEarlierChecks } from '../../diagnosis/stored';
import { recall } from '../state';
import { leaveCard, showCard, turnLocale } from '../turn';
import { caseContext } from './escalate';
import type { ActionHandler } from './types';

export const setLanguage: ActionHandler = async (ctx, data, env) => {
  const stored = await recall(env.state, ctx, data.diagnosisId);
  const chosen = matchLocale(typeof data.locale === 'string' ? data.locale : undefined);
  if (chosen) await env.setLanguage(ctx, chosen);
  // The choice is kept either way; a card whose diagnosis is gone stays as it is, with a note that says so.
  if (!stored) return leaveCard(ctx, 'language.set');
  const card = diagnosisCard(stored.diagnosis, turnLocale(ctx), { diagnosisId: stored.id, ...keptEarlierChecks(stored), ...(await caseContext(env, stored.caseId)) });
  await showCard(ctx, card, ctx.activity.replyToId ?? stored.activityId);
};
