/**
 * ALLOWED_TENANTS: Teams activities from other Microsoft 365 tenants get a polite refusal and nothing
 * else. Middleware, so no handler, dialog or storage runs for them. Channels that carry no tenant (the
 * e-mail channel) are not Teams tenants' to gate: who may write to the bot's mailbox is set in Exchange.
 */
import { ActivityTypes, MessageFactory, type Middleware, type TurnContext } from 'botbuilder';
import { noticeCard, resolveLocale } from '../cards';
import type { Logger } from '../log';
import { clientLocale } from './turn';

export function tenantOf(ctx: TurnContext): string | undefined {
  const a = ctx.activity as typeof ctx.activity & { channelData?: { tenant?: { id?: string } } };
  return a.channelData?.tenant?.id ?? a.conversation?.tenantId;
}

export function tenantGate(allowed: string[], log: Logger): Middleware {
  const set = new Set(allowed.map((t) => t.toLowerCase()));
  return {
    async onTurn(ctx, next) {
      if (ctx.activity.channelId !== 'msteams') return next();
      const tenant = tenantOf(ctx)?.toLowerCase();
      if (tenant && set.has(tenant)) return next();
      log.warn({ tenant: tenant ?? 'none', type: ctx.activity.type }, 'activity from a tenant not allowed');
      const card = noticeCard(resolveLocale(clientLocale(ctx.activity)), 'tenant.refused');
      if (ctx.activity.type === ActivityTypes.Message) await ctx.sendActivity(MessageFactory.attachment(card));
      else if (ctx.activity.type === ActivityTypes.Invoke) {
        // "Diagnose bounce" opens a window, which shows only a task answer: given a card button's answer,
        // Teams showed its own error there instead of the refusal.
        const body = /^(?:composeExtension|task)\//.test(ctx.activity.name ?? '')
          ? { task: { type: 'continue', value: { title: 'Bounce Doctor', card } } }
          : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content };
        await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
      }
    },
  };
}
