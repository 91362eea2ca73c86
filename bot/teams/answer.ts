/**
 * The one way the bot answers with a diagnosis: run it, show its card (new, in place of a prompt or of
 * the clicked card, after a "Checking …" card when DNS is asked), and remember it and what it concluded.
 * The paste, `check <domain>`, the domain prompt and Check again all come through here.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { checkingCard, diagnosisCard } from '../cards';
import { priorCheckOf, spfReportOf, type StoredDiagnosis } from '../diagnosis/stored';
import type { Diagnosis } from '../diagnosis/types';
import type { SpfReport } from '../dns/types';
import { remember, rememberCheck, type BotState } from './state';
import { isCardAction, setInvokeCard, showCard, turnLocale } from './turn';

export interface AnswerRequest {
  diagnosisId: string;
  run: () => Promise<Diagnosis>;
  /** The domain DNS is asked about: a "Checking <domain> …" card stands until the answer replaces it. */
  checking?: string;
  /** A card to turn into the answer (the domain prompt, or the clicked result card). */
  cardActivityId?: string;
  /** What is kept with the diagnosis from before: the bounce as pasted, earlier checks, the case. */
  keep?: Pick<StoredDiagnosis, 'raw' | 'caseId' | 'checks'> & { previous?: SpfReport };
}

/** Sends the checking card (or turns the given card into it) and returns its activity id. */
async function sayChecking(ctx: TurnContext, domain: string, cardActivityId: string | undefined): Promise<string | undefined> {
  const card = checkingCard(turnLocale(ctx), domain);
  if (cardActivityId) {
    await ctx.updateActivity({ ...MessageFactory.attachment(card), id: cardActivityId });
    return cardActivityId;
  }
  return (await ctx.sendActivity(MessageFactory.attachment(card)))?.id;
}

export async function answerWithDiagnosis(ctx: TurnContext, state: BotState, req: AnswerRequest): Promise<Diagnosis> {
  let activityId = req.cardActivityId;
  let diagnosis: Diagnosis;
  if (req.checking) {
    // The checks start with the "Checking …" card, not after the connector has taken it.
    [activityId, diagnosis] = await Promise.all([sayChecking(ctx, req.checking, req.cardActivityId), req.run()]);
  } else {
    diagnosis = await req.run();
  }
  const keep = req.keep ?? {};
  const card = diagnosisCard(diagnosis, turnLocale(ctx), { diagnosisId: req.diagnosisId, previous: keep.previous, caseId: keep.caseId });
  if (req.checking) {
    // The checking card is replaced for everyone in the chat, and for whoever clicked, by the invoke's answer.
    if (activityId) await ctx.updateActivity({ ...MessageFactory.attachment(card), id: activityId });
    else activityId = (await ctx.sendActivity(MessageFactory.attachment(card)))?.id;
    if (isCardAction(ctx)) setInvokeCard(ctx, card);
  } else {
    activityId = await showCard(ctx, card, activityId);
  }
  const stored: StoredDiagnosis = { id: req.diagnosisId, createdAt: new Date().toISOString(), diagnosis, activityId };
  if (keep.raw !== undefined) stored.raw = keep.raw;
  if (keep.previous) stored.previous = keep.previous;
  if (keep.checks?.length) stored.checks = keep.checks;
  if (keep.caseId) stored.caseId = keep.caseId;
  await remember(state, ctx, stored);
  if (spfReportOf(diagnosis)) await rememberCheck(state, ctx, priorCheckOf(diagnosis));
  return diagnosis;
}
