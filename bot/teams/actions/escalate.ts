/**
 * "Escalate to support": the case is saved before anything is confirmed. The result card says it was
 * escalated (or that saving failed, with the button still there); the case card follows as a new message.
 */
import { MessageFactory } from 'botbuilder';
import { diagnosisCard, requesterCaseCard, type CardContext } from '../../cards';
import { keptEarlierChecks } from '../../diagnosis/stored';
import { recall, remember, transcriptOf } from '../state';
import { leaveCard, showCard, showCardToAll, turnLocale } from '../turn';
import type { EscalationRecord } from '../../escalation/types';
import type { ActionEnv, ActionHandler } from './types';

/** Who resolved a case and when, for the result card's banner. */
export function resolvedCaseOf(record: EscalationRecord): { id: string; by?: string; at: string } {
  const last = [...record.history].reverse().find((h) => h.event === 'resolved');
  return { id: record.id, by: last?.by?.name ?? record.owner?.name, at: last?.at ?? record.createdAt };
}

/**
 * The case part of a redrawn result card: its id, and who resolved it when it is resolved, so that the
 * card offers to reopen it (the card may have been drawn while the case was still open).
 */
export async function caseContext(env: ActionEnv, caseId: string | undefined): Promise<Pick<CardContext, 'caseId' | 'resolvedCase' | 'caseUnannounced'>> {
  if (!caseId) return {};
  const record = await env.escalations.caseOf(caseId);
  if (record?.status === 'resolved') return { caseId, resolvedCase: resolvedCaseOf(record) };
  return unannounced(record) ? { caseId, caseUnannounced: true } : { caseId };
}

/** Saved, but with no support channel set up to post it to. */
function unannounced(record: EscalationRecord | undefined): boolean {
  return record?.supportPost.state === 'not-configured';
}

export const escalate: ActionHandler = async (ctx, data, env) => {
  const locale = turnLocale(ctx);
  const stored = await recall(env.state, ctx, data.diagnosisId);
  if (!stored) {
    await leaveCard(ctx, 'staleCard');
    return;
  }
  const cardId = ctx.activity.replyToId ?? stored.activityId;
  const transcript = await transcriptOf(env.state, ctx);
  const outcome = await env.escalations.escalate(ctx, stored, { tried: data.tried, urgency: data.urgency, reopen: data.reopen }, locale, transcript);
  const context = { diagnosisId: stored.id, ...keptEarlierChecks(stored) };
  if (outcome.kind === 'save-failed') {
    await showCard(ctx, diagnosisCard(stored.diagnosis, locale, { ...context, caseId: stored.caseId, escalationFailed: true }), cardId);
    return;
  }
  const { record } = outcome;
  if (outcome.kind === 'resolved') {
    // Resolved since: who resolved it and when, and the Escalate form now reopens it.
    await showCard(ctx, diagnosisCard(stored.diagnosis, locale, { ...context, caseId: record.id, resolvedCase: resolvedCaseOf(record) }), cardId);
    return;
  }
  // Everyone in a group chat or a channel sees that the case went to support, not a button that sends it again.
  await showCardToAll(ctx, diagnosisCard(stored.diagnosis, locale, { ...context, caseId: record.id, caseUnannounced: unannounced(record) }), cardId, env.log);
  // The case is saved and confirmed: what follows may fail without making it look unsaved.
  try {
    await remember(env.state, ctx, { ...stored, caseId: record.id });
    if (outcome.kind !== 'existing') {
      const sent = await ctx.sendActivity(MessageFactory.attachment(requesterCaseCard(locale, record, outcome.kind)));
      await env.escalations.rememberRequesterCard(record.id, sent?.id, outcome.kind === 'reopened');
    }
  } catch (err) {
    env.log.warn({ case: record.id, err: (err as Error).message }, 'case saved; its follow-up message failed');
  }
};
