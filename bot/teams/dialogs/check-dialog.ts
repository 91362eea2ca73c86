/** `check <domain> [ip]`: the SPF checks and their verdict without a bounce; `check` alone asks which domain. */
import { randomUUID } from 'node:crypto';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { checkDomain, type Checks } from '../../diagnosis';
import type { MessageSource } from '../../diagnosis/stored';
import type { Answerer } from '../answer';
import { priorChecks, type BotState } from '../state';
import { ASK_DOMAIN, AskDomainDialog, type AskDomainOptions, type AskDomainResult } from './ask-domain-dialog';

export const CHECK_DIALOG = 'check';

export interface CheckDialogOptions {
  domain?: string;
  ip?: string;
  /** What was typed after `check` that is not a domain. */
  invalid?: string;
  /** The message the command came in. */
  source?: MessageSource;
}

export class CheckDialog extends ComponentDialog {
  constructor(
    private readonly checks: Checks,
    private readonly state: BotState,
    private readonly answerer: Answerer,
    /** The per-person check limit: true when the person must wait (and was told so). */
    private readonly overLimit: (ctx: WaterfallStepContext['context']) => Promise<boolean>,
  ) {
    super(CHECK_DIALOG);
    this.addDialog(new AskDomainDialog());
    this.addDialog(new WaterfallDialog(`${CHECK_DIALOG}.main`, [this.domainStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = `${CHECK_DIALOG}.main`;
  }

  private async domainStep(step: WaterfallStepContext<CheckDialogOptions>): Promise<DialogTurnResult> {
    const { domain, ip, invalid, source } = step.options;
    if (domain) return step.next({ domain, ip } satisfies AskDomainResult);
    return step.beginDialog(ASK_DOMAIN, { diagnosisId: randomUUID(), purpose: 'check', invalidInput: invalid, messageId: source?.messageId } satisfies AskDomainOptions);
  }

  private async answerStep(step: WaterfallStepContext<CheckDialogOptions>): Promise<DialogTurnResult> {
    const ctx = step.context;
    const { domain, ip, cardActivityId } = step.result as AskDomainResult;
    if (await this.overLimit(ctx)) return step.endDialog();
    const history = await priorChecks(this.state, ctx);
    const diagnosis = await this.answerer.answer(ctx, {
      diagnosisId: randomUUID(),
      run: () => checkDomain(domain, ip, this.checks, history),
      checking: domain,
      cardActivityId,
      source: step.options.source,
    });
    return step.endDialog(diagnosis);
  }
}
