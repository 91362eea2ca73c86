/**
 * Asks for the sender's domain when the bounce does not give it. The answer may come typed in the chat
 * or through the card's own field and button; an address is accepted and its domain used.
 */
import { ActivityTypes, MessageFactory } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { askDomainCard } from '../../cards';
import { readDomain } from '../../dns/domain-input';
import { parseCommand } from '../commands';
import { actionData, showCard, turnLocale } from '../turn';

export const ASK_DOMAIN = 'askDomain';

export interface AskDomainOptions {
  diagnosisId: string;
}

export interface AskDomainResult {
  domain: string;
  /** The prompt card, which the check then turns into its result. */
  cardActivityId?: string;
}

interface AskDomainState {
  diagnosisId: string;
  cardActivityId?: string;
}

export class AskDomainDialog extends Dialog<AskDomainOptions> {
  constructor() {
    super(ASK_DOMAIN);
  }

  override async beginDialog(dc: DialogContext, options?: AskDomainOptions): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as AskDomainState;
    state.diagnosisId = options?.diagnosisId ?? '';
    const sent = await dc.context.sendActivity(MessageFactory.attachment(askDomainCard(turnLocale(dc.context), state.diagnosisId)));
    state.cardActivityId = sent?.id;
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as AskDomainState;
    const action = actionData(dc.context);
    let input: string | undefined;
    if (action?.verb === 'provideDomain') input = typeof action.data.domain === 'string' ? action.data.domain : '';
    else if (dc.context.activity.type === ActivityTypes.Message) input = dc.context.activity.text ?? '';
    if (input === undefined) return Dialog.EndOfTurn;

    // "check contoso.com" answers the question too.
    const command = parseCommand(input);
    const answer = readDomain(command?.kind === 'check' ? command.domain : input.trim());
    if (!answer.ok) {
      const card = askDomainCard(turnLocale(dc.context), state.diagnosisId, input.trim().slice(0, 200));
      if (action) await showCard(dc.context, card, state.cardActivityId);
      else await dc.context.sendActivity(MessageFactory.attachment(card));
      return Dialog.EndOfTurn;
    }
    const result: AskDomainResult = { domain: answer.domain, cardActivityId: action ? state.cardActivityId : undefined };
    return dc.endDialog(result);
  }
}
