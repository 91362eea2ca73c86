/**
 * The one way the bot answers with a diagnosis: run it, show its card (new, in place of a prompt or of
 * the clicked card), and remember it and what it concluded. The paste, `check <domain>`, the domain
 * prompt and Check again all come through here.
 *
 * One card when the answer is ready: when the checks finish within a short grace period (answers from
 * the cache, a fast DNS server), the result is the first and only message. Only a slower check shows the
 * typing indicator and a "Checking …" card, which the result then replaces in place.
 */
import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import { checkingCard, diagnosisCard, type CardContext } from '../cards';
import { priorCheckOf, spfReportOf, type EarlierChecks, type MessageSource, type StoredDiagnosis } from '../diagnosis/stored';
import type { Diagnosis } from '../diagnosis/types';
import type { Logger } from '../log';
import { traceDiagnosis } from '../trace';
import { remember, rememberCheck, type BotState } from './state';
import { isCardAction, setInvokeCard, showCardToAll, turnLocale } from './turn';

export interface AnswerRequest {
  diagnosisId: string;
  run: () => Promise<Diagnosis>;
  /** The domain DNS is asked about: a slow check shows "Checking <domain> …" until the answer replaces it. */
  checking?: string;
  /** A card to turn into the answer (the domain prompt, or the clicked result card). */
  cardActivityId?: string;
  /** What is kept with the diagnosis from before: the bounce as pasted, earlier checks, the case. */
  keep?: Pick<StoredDiagnosis, 'raw' | 'caseId' | 'checks'> & EarlierChecks;
  /** The case was resolved since the card was drawn: the redrawn card offers to reopen it. */
  resolvedCase?: CardContext['resolvedCase'];
  /** The case is saved, but no support channel was told of it. */
  caseUnannounced?: boolean;
  /** The message the bounce or the command came in, kept so that an edit of it can replace this card. */
  source?: MessageSource;
}

/** How long a check may take and still answer with one card (ms): measured, see BENCHMARKS.md. */
export const DEFAULT_GRACE_MS = 700;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The promise's outcome if it settles within `ms`, else undefined (it keeps running). */
function settledWithin<T>(p: Promise<T>, ms: number): Promise<Outcome<T> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  const outcome = p.then(
    (value): Outcome<T> => ({ ok: true, value }),
    (error: unknown): Outcome<T> => ({ ok: false, error }),
  );
  return Promise.race([outcome, late]).finally(() => clearTimeout(timer));
}

function valueOf<T>(o: Outcome<T>): T {
  if (!o.ok) throw o.error;
  return o.value;
}

export class Answerer {
  constructor(
    private readonly state: BotState,
    private readonly log: Logger,
    private readonly graceMs = DEFAULT_GRACE_MS,
  ) {}

  async answer(ctx: TurnContext, req: AnswerRequest): Promise<Diagnosis> {
    const locale = turnLocale(ctx);
    const work = traceDiagnosis(req.run);
    // A card action is answered in place by its invoke response whatever the wait: no checking card.
    const quick = req.checking && !isCardAction(ctx) ? await settledWithin(work, this.graceMs) : { ok: true as const, value: await work };
    let activityId = req.cardActivityId;
    let diagnosis: Diagnosis;
    const cardFor = (d: Diagnosis) =>
      diagnosisCard(d, locale, { diagnosisId: req.diagnosisId, previous: req.keep?.previous, previousMailHost: req.keep?.previousMailHost, caseId: req.keep?.caseId, resolvedCase: req.resolvedCase, caseUnannounced: req.caseUnannounced });
    let shown: ReturnType<typeof cardFor>;
    if (quick) {
      diagnosis = valueOf(quick);
      shown = cardFor(diagnosis);
      // The domain prompt answered from its own card: everyone in the chat sees the answer replace the question.
      // Check again: in a group chat or a channel, everyone sees the fresh check replace the stale one.
      if (isCardAction(ctx) && req.checking && activityId) await ctx.updateActivity({ ...MessageFactory.attachment(shown), id: activityId });
      else activityId = await showCardToAll(ctx, shown, activityId, this.log);
    } else {
      // Not ready at once: typing, then "Checking …" (in place of the prompt, if there is one), then the result.
      await ctx.sendActivity({ type: ActivityTypes.Typing });
      const checking = MessageFactory.attachment(checkingCard(locale, req.checking!));
      if (activityId) await ctx.updateActivity({ ...checking, id: activityId });
      else activityId = (await ctx.sendActivity(checking))?.id;
      diagnosis = await work;
      shown = cardFor(diagnosis);
      if (activityId) await ctx.updateActivity({ ...MessageFactory.attachment(shown), id: activityId });
      else activityId = (await ctx.sendActivity(MessageFactory.attachment(shown)))?.id;
    }
    if (isCardAction(ctx)) setInvokeCard(ctx, shown);
    await this.remember(ctx, req, diagnosis, activityId);
    return diagnosis;
  }

  private async remember(ctx: TurnContext, req: AnswerRequest, diagnosis: Diagnosis, activityId: string | undefined): Promise<void> {
    const keep = req.keep ?? {};
    const stored: StoredDiagnosis = { id: req.diagnosisId, createdAt: new Date().toISOString(), diagnosis, activityId };
    if (keep.raw !== undefined) stored.raw = keep.raw;
    if (keep.previous) stored.previous = keep.previous;
    if (keep.previousMailHost) stored.previousMailHost = keep.previousMailHost;
    if (keep.checks?.length) stored.checks = keep.checks;
    if (keep.caseId) stored.caseId = keep.caseId;
    if (req.source) stored.source = req.source;
    await remember(this.state, ctx, stored);
    if (spfReportOf(diagnosis)) await rememberCheck(this.state, ctx, priorCheckOf(diagnosis));
  }
}
