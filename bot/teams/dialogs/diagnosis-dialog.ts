/**
 * Every playbook's conversation: get the sender's domain when the playbook needs it and the bounce does
 * not give it (by asking), then answer with the diagnosis, turning the prompt into the result.
 */
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { diagnose, triage, type Checks, type Diagnosis } from '../../diagnosis';
import type { MessageSource } from '../../diagnosis/stored';
import type { Bounce } from '../../ndr/types';
import type { Answerer } from '../answer';
import { priorChecks, type BotState } from '../state';
import { ASK_DOMAIN, AskDomainDialog, type AskDomainOptions, type AskDomainResult } from './ask-domain-dialog';

export const DIAGNOSIS_DIALOG = 'diagnosis';

export interface DiagnosisDialogOptions {
  diagnosisId: string;
  bounce: Bounce;
  raw?: string;
  /** The message the bounce came in. */
  source?: MessageSource;
}

export class DiagnosisDialog extends ComponentDialog {
  constructor(
    private readonly checks: Checks,
    private readonly state: BotState,
    private readonly answerer: Answerer,
  ) {
    super(DIAGNOSIS_DIALOG);
    this.addDialog(new AskDomainDialog());
    this.addDialog(new WaterfallDialog(`${DIAGNOSIS_DIALOG}.main`, [this.domainStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = `${DIAGNOSIS_DIALOG}.main`;
  }

  private async domainStep(step: WaterfallStepContext<DiagnosisDialogOptions>): Promise<DialogTurnResult> {
    const { bounce, diagnosisId, source } = step.options;
    const plan = triage(bounce);
    if (plan.kind === 'diagnose' && plan.needsDomain) return step.beginDialog(ASK_DOMAIN, { diagnosisId, messageId: source?.messageId } satisfies AskDomainOptions);
    return step.next({ domain: plan.kind === 'diagnose' ? plan.domain : undefined } satisfies Partial<AskDomainResult>);
  }

  private async answerStep(step: WaterfallStepContext<DiagnosisDialogOptions>): Promise<DialogTurnResult> {
    const { domain, cardActivityId } = step.result as Partial<AskDomainResult>;
    return step.endDialog(await this.answer(step.context, step.options, domain, cardActivityId));
  }

  /** The diagnosis, shown and remembered: the dialog's last step, and all of it when the bounce names the domain. */
  async answer(ctx: TurnContext, { bounce, diagnosisId, raw, source }: DiagnosisDialogOptions, domain?: string, cardActivityId?: string): Promise<Diagnosis> {
    const plan = triage(bounce, domain);
    const history = await priorChecks(this.state, ctx);
    return this.answerer.answer(ctx, {
      diagnosisId,
      run: () => diagnose(bounce, { checks: this.checks, domain, history }),
      checking: plan.kind === 'diagnose' && plan.checksDns ? plan.domain : undefined,
      cardActivityId,
      keep: { raw },
      source,
    });
  }
}
