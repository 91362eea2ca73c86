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

/** A bounce waiting for its sender's domain: the diagnosis dialog's options, and the question card asking for it. */
export interface WaitingBounce extends DiagnosisDialogOptions {
  cardActivityId?: string;
}

/**
 * The bounce whose question "Which domain sent the message?" waits in this dialog state, if one does: read
 * from the state as the dialogs keep it (the waterfall's options, the question's own state inside it).
 */
export function waitingBounceOf(dialogState: unknown): WaitingBounce | undefined {
  type Node = { id?: unknown; state?: { options?: Partial<DiagnosisDialogOptions>; cardActivityId?: unknown; dialogs?: { dialogStack?: unknown } } };
  const stack = (node: unknown): Node[] => (Array.isArray(node) ? (node as Node[]) : []);
  for (const outer of stack((dialogState as { dialogStack?: unknown } | undefined)?.dialogStack)) {
    if (outer.id !== DIAGNOSIS_DIALOG) continue;
    const inner = stack(outer.state?.dialogs?.dialogStack);
    const options = inner.find((n) => n.id === `${DIAGNOSIS_DIALOG}.main`)?.state?.options;
    const question = inner.find((n) => n.id === ASK_DOMAIN)?.state;
    if (!question || !options?.bounce || typeof options.diagnosisId !== 'string') return undefined;
    const cardActivityId = typeof question.cardActivityId === 'string' ? question.cardActivityId : undefined;
    return { ...(options as DiagnosisDialogOptions), cardActivityId };
  }
  return undefined;
}
