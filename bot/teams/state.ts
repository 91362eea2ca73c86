/**
 * What the bot remembers. User state: the language the person chose. Conversation state: the dialog
 * stack, and the last few diagnoses (for "Check again", "Language" and escalation), bounded in size.
 */
import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { StoredDiagnosis } from '../diagnosis/stored';
import type { PriorCheck } from '../diagnosis/types';
import type { Locale } from '../cards/locale';

export type { StoredDiagnosis } from '../diagnosis/stored';

export interface ConversationData {
  diagnoses: StoredDiagnosis[];
  /** The conversation so far, bounded, for escalation records. */
  transcript?: import('../escalation/types').TranscriptEntry[];
  /** Ids of activities already handled (channels that redeliver, such as e-mail). */
  seen: string[];
  /** The SPF checks of this conversation and what they concluded, newest last, bounded. */
  checked?: PriorCheck[];
}

export interface UserProfile {
  locale?: Locale;
}

export const MAX_DIAGNOSES = 5;
export const MAX_SEEN = 50;
export const MAX_RAW_CHARS = 64 * 1024;
export const MAX_TRANSCRIPT = 40;
export const MAX_CHECKS = 5;
export const MAX_PRIOR_CHECKS = 20;

export interface BotState {
  conversationState: ConversationState;
  userState: UserState;
  dialogState: StatePropertyAccessor<DialogState>;
  conversationData: StatePropertyAccessor<ConversationData>;
  userProfile: StatePropertyAccessor<UserProfile>;
  save(ctx: TurnContext): Promise<void>;
}

export function createBotState(conversationState: ConversationState, userState: UserState): BotState {
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    conversationData: conversationState.createProperty<ConversationData>('data'),
    userProfile: userState.createProperty<UserProfile>('profile'),
    async save(ctx) {
      await conversationState.saveChanges(ctx, false);
      await userState.saveChanges(ctx, false);
    },
  };
}

export async function conversationData(state: BotState, ctx: TurnContext): Promise<ConversationData> {
  return state.conversationData.get(ctx, { diagnoses: [], seen: [] });
}

export async function remember(state: BotState, ctx: TurnContext, entry: StoredDiagnosis): Promise<void> {
  const data = await conversationData(state, ctx);
  data.diagnoses = [entry, ...data.diagnoses.filter((d) => d.id !== entry.id)].slice(0, MAX_DIAGNOSES);
}

/** Remembers what a diagnosis concluded about a domain, for the next check's "fixed since?". */
export async function rememberCheck(state: BotState, ctx: TurnContext, check: PriorCheck | undefined): Promise<void> {
  if (!check) return;
  const data = await conversationData(state, ctx);
  data.checked = [...(data.checked ?? []), check].slice(-MAX_PRIOR_CHECKS);
}

export async function priorChecks(state: BotState, ctx: TurnContext): Promise<PriorCheck[]> {
  return (await conversationData(state, ctx)).checked ?? [];
}

export async function recall(state: BotState, ctx: TurnContext, id: unknown): Promise<StoredDiagnosis | undefined> {
  const data = await conversationData(state, ctx);
  return typeof id === 'string' ? data.diagnoses.find((d) => d.id === id) : undefined;
}
