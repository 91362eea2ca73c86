/** Per-turn values the handler and the dialogs share through the turn state. */
import { ActivityTypes, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { noticeCard, type CardAttachment, type Locale } from '../cards';
import type { MessageSource } from '../diagnosis/stored';
import type { Logger } from '../log';
import { readDigest } from './input';

const LOCALE = Symbol('bounceDoctor.locale');
const INVOKE_CARD = Symbol('bounceDoctor.invokeCard');
const INVOKE_NOTE = Symbol('bounceDoctor.invokeNote');

/**
 * The Teams client's language: the activity's `locale`, or else the one its clientInfo entity gives. Teams
 * leaves `locale` out of some activities (the iOS client's, some invokes) while clientInfo still says it;
 * the answer then came in English.
 */
export function clientLocale(activity: Activity): string | undefined {
  if (typeof activity.locale === 'string' && activity.locale) return activity.locale;
  const info = (Array.isArray(activity.entities) ? activity.entities : []).find((e) => e?.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof info?.locale === 'string' ? info.locale : undefined;
}

export function setTurnLocale(ctx: TurnContext, locale: Locale): void {
  ctx.turnState.set(LOCALE, locale);
}

export function turnLocale(ctx: TurnContext): Locale {
  return (ctx.turnState.get(LOCALE) as Locale | undefined) ?? 'en';
}

/** The card that answers an Action.Execute invoke: it replaces the clicked card for the person who clicked. */
export function setInvokeCard(ctx: TurnContext, card: CardAttachment): void {
  ctx.turnState.set(INVOKE_CARD, card);
}

export function invokeCard(ctx: TurnContext): CardAttachment | undefined {
  return ctx.turnState.get(INVOKE_CARD) as CardAttachment | undefined;
}

/**
 * A button that can no longer do what it says (its diagnosis is gone, or its verb is unknown): the card
 * stays as it is, for the person who clicked and for everyone else in the chat, and a short message says
 * why and what to do. An Action.Execute invoke is answered with that note instead of a card, which Teams
 * takes as "leave the card alone".
 */
export async function leaveCard(ctx: TurnContext, key: string, params: Record<string, unknown> = {}): Promise<void> {
  const note = noticeCard(turnLocale(ctx), key, params);
  if (isCardAction(ctx)) ctx.turnState.set(INVOKE_NOTE, (note.content as { fallbackText?: string }).fallbackText ?? '');
  await ctx.sendActivity(MessageFactory.attachment(note));
}

/** The note that answers an Action.Execute invoke when the clicked card is to stay as it is. */
export function invokeNote(ctx: TurnContext): string | undefined {
  return ctx.turnState.get(INVOKE_NOTE) as string | undefined;
}

export function isCardAction(ctx: TurnContext): boolean {
  return ctx.activity.type === ActivityTypes.Invoke && ctx.activity.name === 'adaptiveCard/action';
}

/** Data of a card button: Action.Execute (invoke) or its Action.Submit fallback (message with value). */
export function actionData(ctx: TurnContext): { verb?: string; data: Record<string, unknown> } | undefined {
  const value = ctx.activity.value as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object') return undefined;
  if (isCardAction(ctx)) {
    const action = value.action as { verb?: string; data?: Record<string, unknown> } | undefined;
    return { verb: action?.verb, data: action?.data ?? {} };
  }
  if (ctx.activity.type === ActivityTypes.Message && typeof value.verb === 'string') return { verb: value.verb, data: value };
  return undefined;
}

/**
 * Shows a card in place of an earlier one. In an Action.Execute turn the invoke response does it for the
 * person who clicked; otherwise (or additionally, for the others in the chat) the message is updated.
 */
export async function showCard(ctx: TurnContext, card: CardAttachment, activityId: string | undefined): Promise<string | undefined> {
  if (isCardAction(ctx) && (!activityId || activityId === ctx.activity.replyToId)) {
    setInvokeCard(ctx, card);
    return activityId ?? ctx.activity.replyToId;
  }
  if (activityId) {
    await ctx.updateActivity({ ...MessageFactory.attachment(card), id: activityId });
    return activityId;
  }
  const sent = await ctx.sendActivity(MessageFactory.attachment(card));
  return sent?.id;
}

/** A group chat or a channel: people other than the one who clicked see the card. */
function inSharedChat(ctx: TurnContext): boolean {
  const type = ctx.activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel';
}

/**
 * `showCard`, for an answer everyone who sees the card should see (a fresh check, a case sent to support): an
 * invoke response replaces the clicked card for the person who clicked only, so in a group chat or a channel
 * the message is updated too. That update is for the others: if it fails, the person who clicked still has
 * their answer, and the failure is logged, not shown to them.
 */
export async function showCardToAll(ctx: TurnContext, card: CardAttachment, activityId: string | undefined, log: Logger): Promise<string | undefined> {
  const shown = await showCard(ctx, card, activityId);
  if (isCardAction(ctx) && shown && shown === ctx.activity.replyToId && inSharedChat(ctx)) {
    try {
      await ctx.updateActivity({ ...MessageFactory.attachment(card), id: shown });
    } catch (err) {
      log.warn({ conversation: ctx.activity.conversation?.id, err: (err as Error).message }, 'card not updated for the others in the chat');
    }
  }
  return shown;
}

/** A Teams message the person edited (a messageUpdate with the message's own id and its new text). */
export function isMessageEdit(activity: Activity): boolean {
  const data = activity.channelData as { eventType?: unknown } | undefined;
  return activity.type === ActivityTypes.MessageUpdate && activity.channelId === 'msteams' && data?.eventType === 'editMessage';
}

/** The message this turn answers (a message or its edit), for the diagnosis to keep; none for a card button or an action. */
export function messageSource(ctx: TurnContext): MessageSource | undefined {
  const { type, id } = ctx.activity;
  if (!id || (type !== ActivityTypes.Message && !isMessageEdit(ctx.activity)) || actionData(ctx)) return undefined;
  const source: MessageSource = { messageId: id, read: readDigest(ctx.activity) };
  const by = ctx.activity.from?.aadObjectId ?? ctx.activity.from?.id;
  if (by) source.by = by;
  return source;
}

/**
 * The first card this turn sends takes the place of an earlier message instead (the answer to an edited
 * message replaces the answer to what it said before): it updates that message, and whoever sent it gets
 * that message's id back, as from a send, so what follows (a "Checking …" card turning into its result) updates it too.
 */
export function replaceFirstCard(ctx: TurnContext, activityId: string): void {
  let pending = true;
  ctx.onSendActivities(async (_c, activities, next) => {
    const i = pending ? activities.findIndex((a) => a.type === ActivityTypes.Message) : -1;
    if (i < 0) return next();
    pending = false;
    const [first] = activities.splice(i, 1);
    await ctx.updateActivity({ ...first, id: activityId });
    ctx.responded = true;
    const sent = activities.length ? await next() : [];
    sent.splice(i, 0, { id: activityId });
    return sent;
  });
}
