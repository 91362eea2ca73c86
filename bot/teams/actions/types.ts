/** What a card button's handler gets: the turn, the button's data, and the bot's services. */
import type { TurnContext } from 'botbuilder';
import type { DialogSet } from 'botbuilder-dialogs';
import type { Locale } from '../../cards';
import type { Checks } from '../../diagnosis';
import type { EscalationService } from '../../escalation/service';
import type { Logger } from '../../log';
import type { Answerer } from '../answer';
import type { BotState } from '../state';

export interface ActionEnv {
  log: Logger;
  checks: Checks;
  state: BotState;
  answerer: Answerer;
  escalations: EscalationService;
  dialogs: DialogSet;
  /** True (and the person told how long to wait) when they started too many checks in the last minute. */
  overLimit(ctx: TurnContext): Promise<boolean>;
  setLanguage(ctx: TurnContext, locale: Locale): Promise<void>;
}

export type ActionData = Record<string, unknown>;

export type ActionHandler = (ctx: TurnContext, data: ActionData, env: ActionEnv) => Promise<void>;
