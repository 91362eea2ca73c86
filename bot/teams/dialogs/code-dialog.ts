/** Codes without a dialog of their own: one card that says, for each recipient, what the code means and who fixes it. */
import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { diagnosisCard } from '../../cards';
import { diagnose, type SpfChecker } from '../../diagnosis';
import type { Bounce } from '../../ndr/types';
import { remember, type BotState } from '../state';
import { turnLocale } from '../turn';

export const CODE_DIALOG = 'code';

export interface CodeDialogOptions {
  diagnosisId: string;
  bounce: Bounce;
  raw?: string;
}

export class CodeDialog extends ComponentDialog {
  constructor(
    private readonly checkSpf: SpfChecker,
    private readonly state: BotState,
  ) {
    super(CODE_DIALOG);
    this.addDialog(new WaterfallDialog(`${CODE_DIALOG}.main`, [this.answerStep.bind(this)]));
    this.initialDialogId = `${CODE_DIALOG}.main`;
  }

  private async answerStep(step: WaterfallStepContext<CodeDialogOptions>): Promise<DialogTurnResult> {
    const { bounce, diagnosisId, raw } = step.options;
    const diagnosis = await diagnose(bounce, { checkSpf: this.checkSpf });
    const sent = await step.context.sendActivity(MessageFactory.attachment(diagnosisCard(diagnosis, turnLocale(step.context), { diagnosisId })));
    await remember(this.state, step.context, { id: diagnosisId, createdAt: new Date().toISOString(), diagnosis, raw, activityId: sent?.id });
    return step.endDialog(diagnosis);
  }
}
