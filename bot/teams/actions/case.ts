/** The case cards' buttons: the support team's Claim / Ask for more info / Resolve / Refresh, and the requester's answer. */
import { showCard, turnLocale } from '../turn';
import type { ActionHandler } from './types';

export const supportAction =
  (verb: 'claim' | 'askInfo' | 'resolve' | 'refreshCase'): ActionHandler =>
  async (ctx, data, env) => {
    await showCard(ctx, await env.escalations.supportAction(ctx, verb, data), ctx.activity.replyToId);
  };

export const answerInfo: ActionHandler = async (ctx, data, env) => {
  await showCard(ctx, await env.escalations.requesterAnswer(ctx, data, turnLocale(ctx)), ctx.activity.replyToId);
};
