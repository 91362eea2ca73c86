/**
 * The Teams shell around the core: find the bounce in whatever arrived (a paste, a file, a message action,
 * a forwarded e-mail, a typed command), run the dialog for its code, answer in the person's language.
 * Everything that decides lives in bot/ndr, bot/dns and bot/diagnosis.
 */
import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  MessageFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import {
  CARD_CONTENT_TYPE,
  diagnosisCard,
  errorCard,
  helpCard,
  languageCard,
  matchLocale,
  messageActionCard,
  noticeCard,
  requesterCaseCard,
  resolveLocale,
  welcomeCard,
  type CardAttachment,
  type Locale,
} from '../cards';
import { checkDomain, diagnose, triage, type Checks } from '../diagnosis';
// bot/ndr's parseBounce, each call in a span (bot/trace.ts).
import { parseBounce, traceDiagnosis } from '../trace';
import type { Bounce } from '../ndr/types';
import { continuesReport, startsInHeaders } from '../ndr/continuation';
import type { Logger } from '../log';
import type { EscalationService } from '../escalation/service';
import type { TranscriptEntry } from '../escalation/types';
import { ACTIONS, type ActionEnv } from './actions';
import { Answerer } from './answer';
import { parseCommand, type Command } from './commands';
import type { RateLimiter } from './rate-limit';
import { readDomain } from '../dns/domain-input';
import { CHECK_DIALOG, CheckDialog, type CheckDialogOptions } from './dialogs/check-dialog';
import { DIAGNOSIS_DIALOG, DiagnosisDialog, waitingBounceOf, type WaitingBounce } from './dialogs/diagnosis-dialog';
import type { DownloadPolicy } from './download';
import { answerEmail } from './email';
import { waitingQuestionOf } from './dialogs/ask-domain-dialog';
import { fileErrorWords, payloadFileError, pictureError, readBounceInput, readDigest, type BounceInput } from './input';
import { mentionsBot, teamsHtmlLines, typedSeveralLines, typedText } from './message-text';
import { RecentActivities, RecentInvokeAnswers } from './redelivery';
import { answerTo, appendTranscript, conversationData, expectConversationChange, firstSight, forget, MAX_RAW_CHARS, newestDiagnosis, priorChecks, type BotState } from './state';
import {
  actionData,
  clientLocale,
  invokeCard,
  invokeNote,
  isCardAction,
  isMessageEdit,
  leaveCard,
  messageSource,
  replaceFirstCard,
  setInvokeCard,
  setTurnLocale,
  turnLocale,
} from './turn';
import type { MessageSource } from '../diagnosis/stored';

/** How long after its first part was answered the rest of a bounce is still read with it (ms). */
const CONTINUATION_MS = 15 * 60 * 1000;

/**
 * Two messages of one paste read as one text: a line break between them and no blank line, which would end
 * the header block the first part was cut in (the original message's headers, where the sending IP is).
 */
function joinedParts(first: string, later: string): string {
  return `${first.trimEnd()}\n${later.replace(/^\s*\n/, '')}`;
}

export interface BotDeps {
  log: Logger;
  checks: Checks;
  state: BotState;
  escalations: EscalationService;
  rateLimiter: RateLimiter;
  maxPasteBytes: number;
  maxFileBytes: number;
  download: DownloadPolicy;
  /** How long a check may take and still answer with one card (ms). */
  firstAnswerGraceMs?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rawText(input: BounceInput): string | undefined {
  if (input.kind === 'text') return input.text.slice(0, MAX_RAW_CHARS);
  if (input.kind === 'file') return Buffer.from(input.bytes.subarray(0, MAX_RAW_CHARS)).toString('utf8');
  return undefined;
}

export class BounceDoctorBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly actionEnv: ActionEnv;
  private readonly diagnosisDialog: DiagnosisDialog;
  private readonly recent = new RecentActivities();
  private readonly invokeAnswers = new RecentInvokeAnswers<InvokeResponse>();

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogs = new DialogSet(deps.state.dialogState);
    const answerer = new Answerer(deps.state, deps.log, deps.firstAnswerGraceMs);
    this.diagnosisDialog = new DiagnosisDialog(deps.checks, deps.state, answerer);
    this.dialogs.add(this.diagnosisDialog);
    this.dialogs.add(new CheckDialog(deps.checks, deps.state, answerer, (ctx) => this.overLimit(ctx)));
    this.actionEnv = {
      log: deps.log,
      checks: deps.checks,
      state: deps.state,
      answerer,
      escalations: deps.escalations,
      dialogs: this.dialogs,
      overLimit: (ctx) => this.overLimit(ctx),
      setLanguage: (ctx, locale) => this.setLanguage(ctx, locale),
    };

    this.onMessage(async (ctx, next) => {
      await this.guarded(ctx, () => this.handleMessage(ctx));
      await next();
    });
    this.onTeamsMessageEditEvent(async (ctx, next) => {
      await this.guarded(ctx, () => this.handleEdit(ctx));
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      const botId = ctx.activity.recipient?.id;
      if (ctx.activity.membersAdded?.some((m) => m.id === botId)) {
        const type = ctx.activity.conversation?.conversationType;
        await ctx.sendActivity(MessageFactory.attachment(welcomeCard(await this.localeFor(ctx), type === 'channel' || type === 'groupChat')));
      }
      await next();
    });
  }

  /** Keeps a bounded transcript for escalations, and saves state after every turn, whatever happened in it. */
  override async run(ctx: TurnContext): Promise<void> {
    if (await this.isRedelivery(ctx)) {
      this.deps.log.info({ conversation: ctx.activity.conversation?.id, type: ctx.activity.type }, 'redelivery ignored');
      return;
    }
    const entries: TranscriptEntry[] = [];
    const said = ctx.activity.text ? { at: new Date().toISOString(), from: 'user' as const, text: ctx.activity.text.slice(0, 4000) } : undefined;
    const edit = isMessageEdit(ctx.activity);
    if (said && ctx.activity.type === ActivityTypes.Message) entries.push(said);
    ctx.onSendActivities(async (_c, activities, next) => {
      for (const a of activities) {
        if (a.type !== ActivityTypes.Message) continue;
        const card = a.attachments?.find((x) => x.contentType === CARD_CONTENT_TYPE)?.content as { fallbackText?: string } | undefined;
        entries.push({ at: new Date().toISOString(), from: 'bot', text: a.text, card: card?.fallbackText?.slice(0, 4000) });
      }
      return next();
    });
    await super.run(ctx);
    // An edit the bot answered is part of the conversation (the case's transcript shows what was answered);
    // one it did not answer is not.
    if (said && edit && entries.length) entries.unshift(said);
    try {
      if (ctx.activity.channelId !== 'email') await appendTranscript(this.deps.state, ctx, entries);
    } catch (err) {
      // Storage unreachable: the turn has said what it could (an error card, if it failed too); losing
      // its transcript lines must not add a second apology.
      this.deps.log.warn({ conversation: ctx.activity.conversation?.id, err: (err as Error).message }, 'transcript not kept');
    }
    try {
      await this.deps.state.save(ctx);
    } catch (err) {
      // Two turns of one conversation at once (a double click): the other turn's state stands. Cases and
      // their updates live in the escalation store, with their own concurrency control.
      this.deps.log.warn({ conversation: ctx.activity.conversation?.id, err: (err as Error).message }, 'conversation state not saved');
    }
  }

  /**
   * A message Teams delivers again (same id in the same conversation) was answered already: one answer per
   * message (invokes: see onInvokeActivity). E-mail keys its redeliveries on the e-mail's own Message-ID (see email.ts).
   * An edit carries the id of the message it changes, which was seen when the message came: it is keyed on
   * that id, the edit's time and what it says, so each edit is answered, and each once.
   */
  private async isRedelivery(ctx: TurnContext): Promise<boolean> {
    const { type, channelId, id: activityId, conversation } = ctx.activity;
    const edit = isMessageEdit(ctx.activity);
    // A conversationUpdate is answered too (the welcome when the bot is added): once, like a message.
    if ((type !== ActivityTypes.Message && type !== ActivityTypes.ConversationUpdate && !edit) || channelId === 'email' || !activityId || !conversation?.id) return false;
    const at = ctx.activity.timestamp as Date | string | undefined;
    const id = edit ? `edit\n${activityId}\n${at instanceof Date ? at.toISOString() : String(at ?? '')}\n${readDigest(ctx.activity)}` : activityId;
    if (!this.recent.first(conversation.id, id)) return true;
    // Either this id is new, and goes into `seen` below, or the turn ends here unsaved.
    expectConversationChange(this.deps.state, ctx);
    try {
      const data = await conversationData(this.deps.state, ctx);
      if (!firstSight(data, id)) return true;
    } catch {
      // Storage unreachable: this instance's memory stands, and the turn says what it can.
    }
    return false;
  }

  /** botbuilder reads `channelData.eventType` of every Teams message update: one that came without channelData threw. */
  protected override async dispatchMessageUpdateActivity(ctx: TurnContext): Promise<void> {
    if (ctx.activity.channelId === 'msteams' && !isRecord(ctx.activity.channelData)) return;
    await super.dispatchMessageUpdateActivity(ctx);
  }

  /** As above, for a message deleted. */
  protected override async dispatchMessageDeleteActivity(ctx: TurnContext): Promise<void> {
    if (ctx.activity.channelId === 'msteams' && !isRecord(ctx.activity.channelData)) return;
    await super.dispatchMessageDeleteActivity(ctx);
  }

  /** The person's choice, then the Teams client's language, then the NDR's language, then English. */
  private async localeFor(ctx: TurnContext, ...bounceLanguages: (string | undefined)[]): Promise<Locale> {
    let chosen: string | undefined;
    try {
      chosen = (await this.deps.state.userProfile.get(ctx, {})).locale;
    } catch {
      // Storage unreachable: still answer, in the client's language.
    }
    const locale = resolveLocale(chosen, clientLocale(ctx.activity), ...bounceLanguages);
    setTurnLocale(ctx, locale);
    return locale;
  }

  /** No stack trace ever reaches the person: an error card with a reference to quote instead. */
  private async guarded(ctx: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      const ref = randomUUID().slice(0, 8);
      this.deps.log.error({ err, ref, conversation: ctx.activity.conversation?.id }, 'turn failed');
      const card = errorCard(turnLocale(ctx), ref);
      if (isCardAction(ctx)) setInvokeCard(ctx, card);
      else await ctx.sendActivity(MessageFactory.attachment(card));
    }
  }

  /**
   * A message the person edited: answered as a new message with its new text, by handleMessage, when it is
   * a bounce or a command; an edit of anything else (chat, or a bounce edited into chat) is not answered.
   *
   * Where the answer goes. The conversation keeps, with each diagnosis, its card's id and the message it
   * answers; a question waiting for a domain keeps its card and the message that needs it. When one of
   * them answers the edited message, the fresh answer replaces that card in place, as Check again does:
   * the chat keeps one answer beside the message, and it answers what the message says now, so no card is
   * left saying something else about it; the earlier diagnosis is then dropped with its card. A card that
   * shows a case sent to support is not replaced: the case stays as it was sent, and the fresh answer comes
   * as a new card. When neither does (the earlier answer was no diagnosis, such as
   * the help card or a notice, or it is no longer kept: five per conversation), nothing says which card
   * answered the message, and replacing a guess could overwrite an answer to another one: the fresh answer
   * comes as a new card, a reply to the edited message and the newest in the chat.
   */
  private async handleEdit(ctx: TurnContext): Promise<void> {
    const { activity } = ctx;
    const type = activity.conversation?.conversationType;
    // In a group chat or a channel the bot reads only what mentions it, an edit as a message.
    if (!activity.id || ((type === 'channel' || type === 'groupChat') && !mentionsBot(activity))) return;
    const earlier = await answerTo(this.deps.state, ctx, activity.id);
    if (earlier?.source?.read === readDigest(activity)) {
      this.deps.log.info({ conversation: activity.conversation?.id }, 'edit changes nothing read');
      return;
    }
    const card = earlier?.caseId ? undefined : (earlier?.activityId ?? waitingQuestionOf(await this.deps.state.dialogState.get(ctx, { dialogStack: [] }), activity.id));
    if (card) replaceFirstCard(ctx, card);
    await this.handleMessage(ctx, true);
    // The earlier diagnosis's card now shows the fresh one: it is no longer kept, so no button drawn
    // before the edit (a client that had not refreshed) can bring the old answer back into that card.
    if (earlier && card === earlier.activityId) {
      const now = await answerTo(this.deps.state, ctx, activity.id);
      if (now && now.id !== earlier.id && now.activityId === card) await forget(this.deps.state, ctx, earlier.id);
    }
  }

  /** A message, or (`edit`) a message edited: then only a bounce or a command is answered, and no question waiting takes it as its answer. */
  private async handleMessage(ctx: TurnContext, edit = false): Promise<void> {
    const locale = await this.localeFor(ctx);
    if (ctx.activity.channelId === 'email') return this.handleEmail(ctx);
    const source = messageSource(ctx);

    // An Action.Submit fallback from an older client carries the button's verb in `value`. The domain
    // prompt's goes to the question that waits for it (below), or, if none waits, to its handler.
    const action = edit ? undefined : actionData(ctx);
    if (action?.verb && (action.verb !== 'provideDomain' || !(await this.dialogActive(ctx)))) return this.handleAction(ctx, action.verb, action.data);

    // A command is read from what was typed: in channels and group chats the HTML copy is no command.
    const typed = typedText(ctx.activity);
    const command = parseCommand(typed);
    // The bounce whose "Which domain?" this message may complete (read before the question is cancelled).
    let waiting: WaitingBounce | undefined;
    // An edit of an earlier message is no answer to the question asked since.
    if (!edit && (await this.dialogActive(ctx))) {
      const dc = await this.dialogs.createContext(ctx);
      // A new bounce or a command while we wait for a domain starts over; anything else answers the question.
      // Measured on what was typed: the HTML copy of a short answer can be long (a quoted reply's
      // <blockquote> with the question's preview, styled spans, a mention's markup). A domain is one line: a
      // bounce of a few lines (the code and the recipient) was taken for a wrong domain, and the card for
      // the first bounce then showed the second one's diagnosis.
      const startsOver = Boolean(command && command.kind !== 'check') || typed.length > 300 || typedSeveralLines(ctx.activity);
      if (!startsOver) {
        const result = await dc.continueDialog();
        if (result.status !== DialogTurnStatus.empty) return;
      }
      if (!command) waiting = waitingBounceOf(await this.deps.state.dialogState.get(ctx, { dialogStack: [] }));
      await dc.cancelAllDialogs();
    }
    if (command) return this.handleCommand(ctx, command, source);

    // A file takes a download before anything can be said: show that the bot is at it. A paste is
    // answered at once (the answer sends typing itself when its checks are slow), and so is a file it won't read.
    const input = await readBounceInput(ctx.activity, this.deps.download, async () => {
      await ctx.sendActivity({ type: ActivityTypes.Typing });
    });
    // What the file or picture of an edited message is was said when it came.
    if (input.kind === 'file-error') return edit ? undefined : this.sayFileError(ctx, input);
    if (input.kind === 'text' && !input.text.trim() && !ctx.activity.attachments?.length) {
      if (!edit) await ctx.sendActivity(MessageFactory.attachment(helpCard(locale)));
      return;
    }
    const bounce = await this.parse(input);
    if (waiting && input.kind === 'text' && (await this.completesWaitingBounce(ctx, waiting, input.text, bounce))) return;
    if (!edit && !waiting && input.kind === 'text' && bounce.kind === 'ordinary-message' && (await this.completesAnsweredBounce(ctx, input.text, source))) return;
    // A screenshot, with words that are no bounce: say why the picture itself can't be read.
    const picture = bounce.isBounce || edit ? undefined : pictureError(input);
    if (picture) return this.sayFileError(ctx, picture);
    await this.startDiagnosis(ctx, bounce, rawText(input), source, edit);
  }

  /**
   * The rest of a bounce pasted in two messages (Teams caps a message's length, so a long NDR comes in
   * parts): when "Which domain sent the message?" waited for the first part, a second part that is no
   * bounce of its own (`alone`) but completes the first (the original message's headers, naming the
   * sender) answers the question: the question card turns into the diagnosis of both parts, read together.
   * A second part that is a bounce of its own, or that still leaves the domain unknown, is read on its own.
   */
  private async completesWaitingBounce(ctx: TurnContext, waiting: WaitingBounce, text: string, alone: Bounce): Promise<boolean> {
    if (waiting.raw === undefined || (alone.isBounce && alone.recipients.some((r) => r.status || r.replyCode))) return false;
    const both = joinedParts(waiting.raw, text);
    const bounce = await this.parse({ kind: 'text', text: both });
    const plan = triage(bounce);
    if (plan.kind !== 'diagnose' || plan.needsDomain) return false;
    this.deps.log.info({ conversation: ctx.activity.conversation?.id, playbook: plan.playbook }, 'bounce completed by its second part');
    if (plan.checksDns && (await this.overLimit(ctx))) return true;
    await this.localeFor(ctx, bounce.language);
    const options = { diagnosisId: waiting.diagnosisId, bounce, raw: both.slice(0, MAX_RAW_CHARS), source: waiting.source };
    await this.diagnosisDialog.answer(ctx, options, plan.domain, waiting.cardActivityId);
    return true;
  }

  /**
   * The rest of a bounce whose first part was answered already: a later message that is no bounce of its
   * own but, appended to the conversation's newest diagnosed paste (the same person's, of the last
   * CONTINUATION_MS), is the same report told more (`continuesReport`: the original headers with the sending
   * IP, the sender, authentication results). Both parts are diagnosed together, answered below this message
   * where the person looks; the first part's card, which no longer holds the whole answer, says so and
   * points down, and its diagnosis is dropped so that its buttons can't bring the partial answer back. A card
   * that shows a case sent to support stays as it was sent.
   */
  private async completesAnsweredBounce(ctx: TurnContext, text: string, source: MessageSource | undefined): Promise<boolean> {
    // Ordinary chat ("thanks", a question) is no rest of a report: answered without reading the kept diagnosis.
    if (!startsInHeaders(text)) return false;
    const last = await newestDiagnosis(this.deps.state, ctx);
    const first = last?.diagnosis.bounce;
    if (!last || last.raw === undefined || last.raw.length >= MAX_RAW_CHARS || last.diagnosis.subject !== 'bounce' || !first) return false;
    if (first.inputFormat === 'eml' || first.inputFormat === 'msg' || !(Date.now() - Date.parse(last.createdAt) <= CONTINUATION_MS)) return false;
    // In a group chat or a channel, someone else's message is not the rest of this person's paste.
    if (last.source?.by && source?.by && last.source.by !== source.by) return false;
    const both = joinedParts(last.raw, text);
    const bounce = await this.parse({ kind: 'text', text: both });
    const plan = triage(bounce);
    if (plan.kind !== 'diagnose' || plan.needsDomain || !continuesReport(first, bounce, text)) return false;
    this.deps.log.info({ conversation: ctx.activity.conversation?.id, playbook: plan.playbook }, 'bounce completed after its answer');
    if (plan.checksDns && (await this.overLimit(ctx))) return true;
    await this.localeFor(ctx, bounce.language);
    await this.diagnosisDialog.answer(ctx, { diagnosisId: randomUUID(), bounce, raw: both.slice(0, MAX_RAW_CHARS), source }, plan.domain);
    if (last.caseId || !last.activityId) return true;
    try {
      await ctx.updateActivity({ ...MessageFactory.attachment(noticeCard(turnLocale(ctx), 'continued.replaced')), id: last.activityId });
      await forget(this.deps.state, ctx, last.id);
    } catch (err) {
      // The answer of both parts is shown; the first part's card keeps its partial answer and its buttons.
      this.deps.log.warn({ conversation: ctx.activity.conversation?.id, err: (err as Error).message }, 'first part card not updated');
    }
    return true;
  }

  /** True (and the person told how long to wait) when they started too many checks in the last minute. */
  private async overLimit(ctx: TurnContext): Promise<boolean> {
    const from = ctx.activity.from;
    const wait = this.deps.rateLimiter.take(from?.aadObjectId ?? from?.id ?? ctx.activity.conversation?.id ?? 'anonymous');
    if (!wait) return false;
    this.deps.log.warn({ conversation: ctx.activity.conversation?.id }, 'check rate limit reached');
    const card = noticeCard(turnLocale(ctx), 'rateLimit.body', { count: wait });
    if (isCardAction(ctx)) setInvokeCard(ctx, card);
    else await ctx.sendActivity(MessageFactory.attachment(card));
    return true;
  }

  /**
   * Runs the dialog a bounce needs (SPF, or the generic code card), or says why it is not a bounce (but not
   * to an edit: see handleEdit). `source`: the message it came in.
   */
  private async startDiagnosis(ctx: TurnContext, bounce: Bounce, raw: string | undefined, source?: MessageSource, edit = false): Promise<void> {
    const answerLocale = await this.localeFor(ctx, bounce.language);
    const plan = triage(bounce);
    this.deps.log.info(
      { conversation: ctx.activity.conversation?.id, playbook: plan.kind === 'diagnose' ? plan.playbook : plan.kind, codes: bounce.recipients.map((r) => r.status).filter(Boolean).slice(0, 10), bytes: bounce.inputBytes },
      'bounce read',
    );
    if (plan.kind === 'not-bounce') {
      if (edit) return;
      await ctx.sendActivity(MessageFactory.attachment(helpCard(answerLocale, { kind: bounce.kind, bytes: bounce.inputBytes })));
      return;
    }
    if (plan.checksDns && (await this.overLimit(ctx))) return;
    const options = { diagnosisId: randomUUID(), bounce, raw, source };
    // Only a bounce that does not name the domain needs the dialog, to ask for it: the others are answered
    // at once, as the dialog's last step would (its steps cost a dialog context each, most of a turn's
    // dialog work). A dialog context is made only to cancel a waiting dialog or to start one.
    if (plan.needsDomain || (await this.dialogActive(ctx))) {
      const dc = await this.dialogs.createContext(ctx);
      await dc.cancelAllDialogs();
      if (plan.needsDomain) {
        await dc.beginDialog(DIAGNOSIS_DIALOG, options);
        return;
      }
    }
    await this.diagnosisDialog.answer(ctx, options, plan.domain);
  }

  /**
   * Whether a dialog waits in this conversation, read from the dialog state as `createContext` reads it
   * (the same default, so the saved state is the same). Making a dialog context costs some 40 µs (its
   * state manager, its memory scopes), spent on most turns only to find no dialog waiting.
   */
  private async dialogActive(ctx: TurnContext): Promise<boolean> {
    const state = await this.deps.state.dialogState.get(ctx, { dialogStack: [] });
    // As a dialog context would: a stack that is not a list is an empty one.
    if (!Array.isArray(state.dialogStack)) state.dialogStack = [];
    return state.dialogStack.length > 0;
  }

  private parse(input: BounceInput): Promise<Bounce> {
    const limits = { maxTextBytes: this.deps.maxPasteBytes, maxFileBytes: this.deps.maxFileBytes };
    if (input.kind === 'file') return parseBounce(input.bytes, { filename: input.filename, contentType: input.contentType }, limits);
    return parseBounce(input.kind === 'text' ? input.text : '', undefined, limits);
  }

  private async sayFileError(ctx: TurnContext, input: Extract<BounceInput, { kind: 'file-error' }>): Promise<void> {
    this.deps.log.info({ conversation: ctx.activity.conversation?.id, reason: input.reason }, 'file not read');
    const { key, params } = fileErrorWords(input, this.deps.maxFileBytes, turnLocale(ctx));
    await ctx.sendActivity(MessageFactory.attachment(noticeCard(turnLocale(ctx), key, params)));
  }

  private async handleCommand(ctx: TurnContext, command: Command, source?: MessageSource): Promise<void> {
    const locale = turnLocale(ctx);
    switch (command.kind) {
      case 'help':
        await ctx.sendActivity(MessageFactory.attachment(helpCard(locale)));
        return;
      case 'language': {
        if (!command.tag) {
          await ctx.sendActivity(MessageFactory.attachment(languageCard(locale)));
          return;
        }
        const chosen = matchLocale(command.tag);
        if (!chosen) {
          await ctx.sendActivity(MessageFactory.attachment(languageCard(locale, 'language.unknown', { tag: command.tag })));
          return;
        }
        await this.setLanguage(ctx, chosen);
        await ctx.sendActivity(MessageFactory.attachment(noticeCard(chosen, 'language.set')));
        return;
      }
      case 'check-invalid':
        await ctx.sendActivity(MessageFactory.attachment(noticeCard(locale, 'check.invalid', { input: command.input.slice(0, 200) })));
        return;
      case 'check': {
        // The dialog takes the check from the per-person limit once it has the domain (it may have to ask).
        const dc = await this.dialogs.createContext(ctx);
        await dc.cancelAllDialogs();
        await dc.beginDialog(CHECK_DIALOG, { domain: command.domain, ip: command.ip, invalid: command.invalid?.slice(0, 200), source } satisfies CheckDialogOptions);
        return;
      }
    }
  }

  private async setLanguage(ctx: TurnContext, locale: Locale): Promise<void> {
    const profile = await this.deps.state.userProfile.get(ctx, {});
    profile.locale = locale;
    await this.deps.state.userProfile.set(ctx, profile);
    setTurnLocale(ctx, locale);
  }

  /** Card buttons, by verb (see actions/): the same handler for an invoke and for an Action.Submit fallback. */
  private async handleAction(ctx: TurnContext, verb: string, data: Record<string, unknown>): Promise<void> {
    const handler = Object.hasOwn(ACTIONS, verb) ? ACTIONS[verb] : undefined;
    if (!handler) {
      // A button of an older card, most likely: what it showed stays, and the person hears why nothing happened.
      this.deps.log.warn({ verb }, 'unknown card action');
      await leaveCard(ctx, 'unknownButton');
      return;
    }
    await handler(ctx, data, this.actionEnv);
  }

  /** Every invoke: answered once, however often Teams delivers it (see RecentInvokeAnswers). */
  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    const { id, conversation } = ctx.activity;
    if (!id || !conversation?.id) return this.answerInvoke(ctx);
    const earlier = this.invokeAnswers.earlier(conversation.id, id);
    const answer = earlier && (await earlier);
    if (answer) {
      this.deps.log.info({ conversation: conversation.id, name: ctx.activity.name }, 'invoke redelivery answered as before');
      return answer;
    }
    const answering = this.answerInvoke(ctx);
    this.invokeAnswers.keep(conversation.id, id, answering);
    return answering;
  }

  /**
   * An Action.Execute whose `value` is missing or not the shape Universal Actions define (no `action`, an
   * action that is not an object, `data` that is not an object) is still a click on a card: botbuilder
   * answered it 400 or 501, which Teams shows on the card as an error with nothing to do about it. It is read
   * as a button without a known verb instead: the card stays, and the person is told why nothing happened.
   */
  private async answerInvoke(ctx: TurnContext): Promise<InvokeResponse> {
    if (ctx.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(ctx);
    const value = isRecord(ctx.activity.value) ? ctx.activity.value : {};
    const action = isRecord(value.action) ? value.action : {};
    const normalised = {
      ...value,
      action: { ...action, type: 'Action.Execute', verb: typeof action.verb === 'string' ? action.verb : '', data: isRecord(action.data) ? action.data : {} },
    } as AdaptiveCardInvokeValue;
    ctx.activity.value = normalised;
    const response = await this.onAdaptiveCardInvoke(ctx, normalised);
    return { status: response.statusCode, body: response };
  }

  /** Action.Execute (Universal Actions): answer with the card that replaces the clicked one. */
  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.localeFor(ctx);
    await this.guarded(ctx, async () => {
      const verb = value.action?.verb;
      const data = (value.action?.data ?? {}) as Record<string, unknown>;
      if (verb === 'escalate') {
        // Nothing may look confirmed unless it was saved: any storage failure says so, with a way to retry.
        try {
          await this.handleAction(ctx, verb, data);
        } catch (err) {
          this.deps.log.error({ err: (err as Error).message, conversation: ctx.activity.conversation?.id }, 'escalation failed');
          setInvokeCard(ctx, requesterCaseCard(turnLocale(ctx), undefined, 'save-failed', data));
        }
        return;
      }
      await this.handleAction(ctx, verb ?? '', data);
    });
    const card = invokeCard(ctx);
    if (card) return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card.content };
    // No card to show: the clicked card stays as it is (a message answer never replaces it); the note
    // was also sent to the chat, where every client shows it.
    // Universal Actions define a message answer's value as the text itself; botbuilder types every value as an object.
    const note = invokeNote(ctx) ?? '';
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: note as unknown as AdaptiveCardInvokeResponse['value'] };
  }

  /**
   * The "Diagnose bounce" window, when a client asks the bot for it (the manifest declares the form itself,
   * `fetchTask: false`, but a client or an older app package may still fetch it): the same optional domain
   * field, which comes back as the submit below. Without this Teams got a 501 and showed an error.
   */
  protected override async handleTeamsMessagingExtensionFetchTask(ctx: TurnContext): Promise<MessagingExtensionActionResponse> {
    const { title, card } = messageActionCard(await this.localeFor(ctx));
    return { task: { type: 'continue', value: { title, card } } };
  }

  /**
   * "Diagnose bounce" on any Teams message: the same conversation as a paste, in the chat the message is
   * in. Where the bot is not a member of that chat, the result shows in the action's own window instead.
   */
  protected override async handleTeamsMessagingExtensionSubmitAction(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    await this.localeFor(ctx);
    const body = action.messagePayload?.body;
    const isHtml = body?.contentType === 'html';
    const text = isHtml ? teamsHtmlLines(body?.content ?? '') : (body?.content ?? '');
    const bounce = await parseBounce(text, { contentType: isHtml ? 'text/html' : 'text/plain' }, { maxTextBytes: this.deps.maxPasteBytes, maxFileBytes: this.deps.maxFileBytes });
    // The action's optional "sender's domain" field, for bounces that do not say it.
    const typed = readDomain(typeof (action.data as { domain?: unknown } | undefined)?.domain === 'string' ? (action.data as { domain: string }).domain : '');
    if (typed.ok && !bounce.senderDomain) {
      bounce.senderDomain = typed.domain;
      bounce.senderSource = 'text';
    }
    // No bounce in the words, but a picture or a file: say what to send instead of the help card.
    const fileError = bounce.isBounce ? undefined : payloadFileError(action.messagePayload);
    const fileNotice = (): CardAttachment => {
      const { key, params } = fileErrorWords(fileError!, this.deps.maxFileBytes, turnLocale(ctx));
      return noticeCard(turnLocale(ctx), key, params);
    };
    try {
      if (fileError) await ctx.sendActivity(MessageFactory.attachment(fileNotice()));
      else await this.startDiagnosis(ctx, bounce, text.slice(0, MAX_RAW_CHARS));
      return {};
    } catch (err) {
      this.deps.log.info({ error: (err as Error).name }, 'message action answered in its own window');
      const locale = await this.localeFor(ctx, bounce.language);
      const card = fileError
        ? fileNotice()
        : bounce.isBounce
          ? diagnosisCard(await traceDiagnosis(async () => diagnose(bounce, { checks: this.deps.checks, history: await priorChecks(this.deps.state, ctx) })), locale)
          : helpCard(locale, { kind: bounce.kind, bytes: bounce.inputBytes });
      return { task: { type: 'continue', value: { title: 'Bounce Doctor', card } } };
    }
  }

  /** A bounce or a command by e-mail: one HTML reply per message, even when the channel delivers it twice. */
  private handleEmail(ctx: TurnContext): Promise<void> {
    return answerEmail(ctx, {
      state: this.deps.state,
      log: this.deps.log,
      download: this.deps.download,
      maxFileBytes: this.deps.maxFileBytes,
      parse: (input) => this.parse(input),
      diagnose: (bounce) => traceDiagnosis(() => diagnose(bounce, { checks: this.deps.checks })),
      check: (domain, ip) => traceDiagnosis(() => checkDomain(domain, ip, this.deps.checks)),
      checkWait: () => this.deps.rateLimiter.take(ctx.activity.from?.id ?? ctx.activity.conversation?.id ?? 'anonymous'),
      localeFor: (...languages) => this.localeFor(ctx, ...languages),
    });
  }
}
