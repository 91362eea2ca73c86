/**
 * The 5.7.23 (SPF) dialog: get the sender's domain (from the bounce, or by asking), say "Checking …" at
 * once, run the checks, and turn that same card into the result.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { checkingCard, diagnosisCard } from '../../cards';
import { diagnose, type SpfChecker } from '../../diagnosis';
import type { Bounce } from '../../ndr/types';
import { remember, type BotState } from '../state';
import { isCardAction, setInvokeCard, turnLocale } from '../turn';
import { ASK_DOMAIN, AskDomainDialog, type AskDomainResult } from './ask-domain-dialog';

export const SPF_DIALOG = 'spf';

export interface SpfDialogOptions {
  diagnosisId: string;
  bounce: Bounce;
  raw?: string;
}

/** Sends the checking card (or turns the clicked card into it) and returns its activity id. */
async function sayChecking(ctx: TurnContext, domain: string, cardActivityId: string | undefined): Promise<string | undefined> {
  const card = checkingCard(turnLocale(ctx), domain);
  if (cardActivityId) {
    await ctx.updateActivity({ ...MessageFactory.attachment(card), id: cardActivityId });
    return cardActivityId;
  }
  return (await ctx.sendActivity(MessageFactory.attachment(card)))?.id;
}

export class SpfDialog extends ComponentDialog {
  constructor(
    private readonly checkSpf: SpfChecker,
    private readonly state: BotState,
  ) {
    super(SPF_DIALOG);
    this.addDialog(new AskDomainDialog());
    this.addDialog(new WaterfallDialog(`${SPF_DIALOG}.main`, [this.domainStep.bind(this), this.checkStep.bind(this)]));
    this.initialDialogId = `${SPF_DIALOG}.main`;
  }

  private async domainStep(step: WaterfallStepContext<SpfDialogOptions>): Promise<DialogTurnResult> {
    const { bounce, diagnosisId } = step.options;
    if (bounce.senderDomain) return step.next({ domain: bounce.senderDomain } satisfies AskDomainResult);
    return step.beginDialog(ASK_DOMAIN, { diagnosisId });
  }

  private async checkStep(step: WaterfallStepContext<SpfDialogOptions>): Promise<DialogTurnResult> {
    const ctx = step.context;
    const { domain, cardActivityId } = step.result as AskDomainResult;
    const { bounce, diagnosisId, raw } = step.options;
    // The checks start with the "Checking …" card, not after the connector has taken it: DNS and the
    // connector are waited on together. The card still goes first and the result replaces it.
    const [activityId, diagnosis] = await Promise.all([sayChecking(ctx, domain, cardActivityId), diagnose(bounce, { checkSpf: this.checkSpf, domain })]);
    const card = diagnosisCard(diagnosis, turnLocale(ctx), { diagnosisId });
    if (activityId) await ctx.updateActivity({ ...MessageFactory.attachment(card), id: activityId });
    else await ctx.sendActivity(MessageFactory.attachment(card));
    if (isCardAction(ctx)) setInvokeCard(ctx, card);
    await remember(this.state, ctx, { id: diagnosisId, createdAt: new Date().toISOString(), diagnosis, raw, activityId });
    return step.endDialog(diagnosis);
  }
}
