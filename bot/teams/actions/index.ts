/**
 * Card buttons, routed by verb (as the Microsoft 365 Agents SDK's `adaptiveCards.actionExecute(verb,
 * handler)` does): one handler per verb, whether the click came as an Action.Execute invoke or as an
 * older client's Action.Submit message.
 */
import { checkAgain } from './check-again';
import { answerInfo, supportAction } from './case';
import { escalate } from './escalate';
import { provideDomain } from './provide-domain';
import { setLanguage } from './set-language';
import type { ActionHandler } from './types';

export type { ActionEnv, ActionHandler } from './types';

export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  checkAgain,
  setLanguage,
  escalate,
  provideDomain,
  answerInfo,
  claim: supportAction('claim'),
  askInfo: supportAction('askInfo'),
  resolve: supportAction('resolve'),
  refreshCase: supportAction('refreshCase'),
};
