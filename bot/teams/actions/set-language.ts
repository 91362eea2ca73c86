/** The Language picker on a result card: remember the choice and redraw the card in that language. */
import { diagnosisCard, matchLocale, noticeCard } from '../../cards';
import { recall } from '../state';
import { showCard, turnLocale } from '../turn';
import type { ActionHandler } from './types';

export const setLanguage: ActionHandler = async (ctx, data, env) => {
  const stored = await recall(env.state, ctx, data.diagnosisId);
  const chosen = matchLocale(typeof data.locale === 'string' ? data.locale : undefined);
  if (chosen) await env.setLanguage(ctx, chosen);
  const locale = turnLocale(ctx);
  const card = stored
    ? diagnosisCard(stored.diagnosis, locale, { diagnosisId: stored.id, previous: stored.previous, caseId: stored.caseId })
    : noticeCard(locale, 'language.set');
  await showCard(ctx, card, ctx.activity.replyToId ?? stored?.activityId);
};
