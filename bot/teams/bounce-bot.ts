/**
 * The Teams shell around the core: read the bounce from the message, diagnose it, answer with a card
 * in the person's language. Everything that decides lives in bot/ndr, bot/dns and bot/diagnosis.
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, MessageFactory, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { diagnose, type SpfChecker } from '../diagnosis';
import { parseBounce } from '../ndr';
import { diagnosisCard, errorCard, helpCard, resolveLocale, welcomeCard } from '../cards';
import type { Logger } from '../log';
import { messageText } from './message-text';

export interface BotDeps {
  log: Logger;
  checkSpf: SpfChecker;
  maxPasteBytes: number;
  maxFileBytes: number;
}

export class BounceDoctorBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.handleMessage(ctx);
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      const botId = ctx.activity.recipient?.id;
      if (ctx.activity.membersAdded?.some((m) => m.id === botId)) {
        await ctx.sendActivity(MessageFactory.attachment(welcomeCard(resolveLocale(ctx.activity.locale))));
      }
      await next();
    });
  }

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const { log } = this.deps;
    const started = Date.now();
    let locale = resolveLocale(ctx.activity.locale);
    try {
      const text = messageText(ctx.activity);
      if (!text.trim() || /^\s*(help|\?)\s*$/i.test(text)) {
        await ctx.sendActivity(MessageFactory.attachment(helpCard(locale)));
        return;
      }
      await ctx.sendActivity({ type: ActivityTypes.Typing });
      const bounce = await parseBounce(text, undefined, {
        maxTextBytes: this.deps.maxPasteBytes,
        maxFileBytes: this.deps.maxFileBytes,
      });
      locale = resolveLocale(ctx.activity.locale, bounce.language);
      const diagnosis = await diagnose(bounce, { checkSpf: this.deps.checkSpf });
      await ctx.sendActivity(MessageFactory.attachment(diagnosisCard(diagnosis, locale)));
      log.info(
        {
          conversation: ctx.activity.conversation?.id,
          kind: diagnosis.kind,
          codes: diagnosis.recipients.map((r) => r.status).filter(Boolean),
          spf: diagnosis.spf?.published.state,
          ms: Date.now() - started,
        },
        'diagnosed',
      );
    } catch (err) {
      const ref = randomUUID().slice(0, 8);
      log.error({ err, ref, conversation: ctx.activity.conversation?.id }, 'turn failed');
      await ctx.sendActivity(MessageFactory.attachment(errorCard(locale, ref)));
    }
  }
}
