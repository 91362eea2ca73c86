/**
 * Escalation handoff: the case is stored first (with its outbox entry), then posted to the support
 * channel; every status change updates the support card for everyone and tells the requester
 * proactively. A post that failed stays in the outbox and is retried, after a restart too.
 */
import {
  EventFactory,
  MessageFactory,
  TeamsInfo,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import { noticeCard, requesterCaseCard, supportCaseCard, words, type CardAttachment, type Locale } from '../cards';
import type { Logger } from '../log';
import { allChecks, type StoredDiagnosis } from '../diagnosis/stored';
import { supportAccess, type SupportAccessConfig } from './access';
import { caseIdFor, EscalationStore } from './store';
import { redactTranscript } from './transcript';
import type { EscalationRecord, Person, TranscriptEntry, Urgency } from './types';

export interface EscalationConfig extends SupportAccessConfig {
  channelId?: string;
  locale: Locale;
  redactTranscript: boolean;
  /** Bot app id for proactive messages ('' in local mode). */
  botAppId: string;
  maxRawChars: number;
}

export interface EscalateForm {
  tried?: unknown;
  urgency?: unknown;
}

export type EscalateOutcome =
  | { kind: 'created' | 'no-channel' | 'existing'; record: EscalationRecord }
  | { kind: 'save-failed' };

function person(ctx: TurnContext): Person {
  const f = ctx.activity.from;
  return { name: f?.name, aadObjectId: f?.aadObjectId, id: f?.id };
}

function tenantOf(ctx: TurnContext): string | undefined {
  const a = ctx.activity as Activity & { channelData?: { tenant?: { id?: string } } };
  return a.conversation?.tenantId ?? a.channelData?.tenant?.id;
}

function text(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;
}

const URGENCIES: Urgency[] = ['low', 'normal', 'high'];

export class EscalationService {
  constructor(
    private readonly store: EscalationStore,
    private readonly adapter: CloudAdapter,
    private readonly cfg: EscalationConfig,
    private readonly log: Logger,
  ) {}

  get supportConfigured(): boolean {
    return Boolean(this.cfg.teamId && this.cfg.channelId);
  }

  async escalate(
    ctx: TurnContext,
    stored: StoredDiagnosis,
    form: EscalateForm,
    locale: Locale,
    transcript: TranscriptEntry[],
  ): Promise<EscalateOutcome> {
    const conversation = TurnContext.getConversationReference(ctx.activity);
    const id = caseIdFor(conversation.conversation?.id ?? '', stored.id);
    let record: EscalationRecord;
    try {
      const existing = await this.store.get(id);
      if (existing) return { kind: 'existing', record: existing };
      const requester = { ...person(ctx), tenantId: tenantOf(ctx), email: await this.requesterEmail(ctx) };
      const now = new Date().toISOString();
      const checks = allChecks(stored);
      const raw = stored.raw;
      const urgency = URGENCIES.find((u) => u === form.urgency) ?? 'normal';
      const draft: EscalationRecord = {
        id,
        createdAt: now,
        diagnosisId: stored.id,
        requester,
        conversation,
        locale,
        channelId: ctx.activity.channelId,
        bounce: { raw, rawTruncated: (raw?.length ?? 0) >= this.cfg.maxRawChars, parsed: stored.diagnosis.bounce },
        dnsChecks: checks.map((r) => ({ at: r.checkedAt, domain: r.domain, dnsServers: r.dnsServers, report: r })),
        diagnosis: stored.diagnosis,
        notes: { tried: text(form.tried, 2000), urgency },
        status: 'open',
        history: [{ at: now, event: 'opened', status: 'open', by: requester }],
        infoRequests: [],
        transcript: this.cfg.redactTranscript ? redactTranscript(transcript, requester.email) : transcript,
        supportPost: { state: this.supportConfigured ? 'pending' : 'not-configured', attempts: 0 },
      };
      const result = await this.store.create(draft);
      record = result.record;
      // Another click (or instance) created it a moment earlier: that one posts, this one only confirms.
      if (!result.created) return { kind: 'existing', record };
    } catch (err) {
      this.log.error({ err: (err as Error).message, case: id }, 'escalation not saved');
      return { kind: 'save-failed' };
    }
    this.log.info({ case: id, urgency: record.notes.urgency, channel: record.channelId }, 'escalation created');
    if (ctx.activity.channelId !== 'msteams') await this.emitHandoff(ctx, record);
    if (!this.supportConfigured) return { kind: 'no-channel', record };
    await this.post(ctx, record);
    // The case is saved: a failing re-read must not make it look unsaved.
    const latest = await this.store.get(id).catch(() => undefined);
    return { kind: 'created', record: latest ?? record };
  }

  /** Agent hubs (Direct Line, Omnichannel) take over on the standard handoff event; Teams rejects events. */
  private async emitHandoff(ctx: TurnContext, record: EscalationRecord): Promise<void> {
    try {
      const activities = record.transcript.map(
        (t) => ({ type: 'message', text: t.text ?? t.card ?? '', timestamp: t.at, from: { id: t.from, role: t.from === 'bot' ? 'bot' : 'user' } }) as unknown as Activity,
      );
      const context = { caseId: record.id, status: record.status, urgency: record.notes.urgency, senderDomain: record.diagnosis.senderDomain, codes: record.diagnosis.recipients.map((r) => r.status) };
      await ctx.sendActivity(EventFactory.createHandoffInitiation(ctx, context, { activities }));
    } catch (err) {
      this.log.warn({ case: record.id, err: (err as Error).message }, 'handoff event not sent');
    }
  }

  private async requesterEmail(ctx: TurnContext): Promise<string | undefined> {
    if (ctx.activity.channelId !== 'msteams' || !ctx.activity.from?.id) return undefined;
    try {
      const member = await TeamsInfo.getMember(ctx, ctx.activity.from.id);
      return member.email ?? member.userPrincipalName ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Posts the support card (once: only while the outbox says pending) and records where it went. */
  private async post(ctx: TurnContext, record: EscalationRecord): Promise<void> {
    if (record.supportPost.state !== 'pending' || !this.cfg.channelId) return;
    try {
      const card = supportCaseCard(this.cfg.locale, record);
      const [reference, activityId] = await postToChannel(ctx, MessageFactory.attachment(card) as Activity, this.cfg.channelId, this.cfg.botAppId);
      await this.store.update(record.id, (r) => {
        r.supportPost = { state: 'posted', attempts: r.supportPost.attempts + 1, reference, activityId };
        return r;
      });
      await this.store.removeFromOutbox(record.id);
      this.log.info({ case: record.id }, 'escalation posted to the support channel');
    } catch (err) {
      this.log.warn({ case: record.id, err: (err as Error).message }, 'support channel post failed; left in the outbox');
      await this.store
        .update(record.id, (r) => {
          r.supportPost = { ...r.supportPost, attempts: r.supportPost.attempts + 1, lastError: (err as Error).message.slice(0, 200) };
          return r;
        })
        .catch(() => undefined);
    }
  }

  /** Posts what the outbox still holds: at start-up, and now and then while running. */
  async retryOutbox(): Promise<number> {
    let posted = 0;
    for (const id of await this.store.outbox()) {
      const record = await this.store.get(id);
      if (!record || record.supportPost.state !== 'pending') {
        await this.store.removeFromOutbox(id);
        continue;
      }
      await this.adapter.continueConversationAsync(this.cfg.botAppId, record.conversation, async (ctx) => {
        await this.post(ctx, record);
      });
      if ((await this.store.get(id))?.supportPost.state === 'posted') posted++;
    }
    return posted;
  }

  /** Claim, Ask for more info, Resolve, and the card's own refresh. Returns the card for the person who clicked. */
  async supportAction(ctx: TurnContext, verb: string, data: Record<string, unknown>): Promise<CardAttachment> {
    const locale = this.cfg.locale;
    const id = typeof data.caseId === 'string' ? data.caseId : '';
    const record = await this.store.get(id);
    if (!record) return noticeCard(locale, 'escalation:support.notFound', { id: id.slice(0, 40) });
    if (verb === 'refreshCase') return supportCaseCard(locale, record);

    const access = await supportAccess(ctx, this.cfg, record);
    if (access !== 'allowed') return supportCaseCard(locale, record, noticeText(locale, access === 'own-case' ? 'ownCase' : 'notMember'));

    const by = person(ctx);
    const now = new Date().toISOString();
    let refused = '';
    const { record: updated, changed } = await this.store.update(id, (r) => {
      if (r.status === 'resolved') {
        refused = 'alreadyResolved';
        return 'unchanged';
      }
      if (verb === 'claim') {
        if (r.status !== 'open') {
          refused = 'alreadyClaimed';
          return 'unchanged';
        }
        r.owner = by;
        r.status = 'claimed';
        r.history.push({ at: now, event: 'claimed', status: 'claimed', by });
      } else if (verb === 'askInfo') {
        const question = text(data.question, 2000);
        if (!question) return 'unchanged';
        r.owner ??= by;
        r.infoRequests.push({ at: now, by, question });
        r.status = 'waiting-for-requester';
        r.history.push({ at: now, event: 'asked', status: r.status, by });
      } else if (verb === 'resolve') {
        r.owner ??= by;
        r.status = 'resolved';
        r.history.push({ at: now, event: 'resolved', status: 'resolved', by, note: text(data.resolution, 2000) });
      } else return 'unchanged';
      return r;
    });
    if (!changed) return supportCaseCard(locale, updated, refused ? noticeText(locale, refused, updated.owner?.name) : '');
    this.log.info({ case: id, verb, status: updated.status }, 'escalation updated');

    const card = supportCaseCard(locale, updated);
    // Everyone in the channel sees the new state, not only the person who clicked.
    if (ctx.activity.replyToId) await ctx.updateActivity({ ...MessageFactory.attachment(card), id: ctx.activity.replyToId }).catch(() => undefined);
    await this.tellRequester(updated, verb === 'claim' ? 'claimed' : verb === 'askInfo' ? 'question' : 'resolved');
    return card;
  }

  /** The requester answers a question from support: it goes into the case and the support card. */
  async requesterAnswer(ctx: TurnContext, data: Record<string, unknown>, locale: Locale): Promise<CardAttachment> {
    const id = typeof data.caseId === 'string' ? data.caseId : '';
    const answer = text(data.answer, 4000);
    const record = await this.store.get(id);
    if (!record || !answer) return requesterCaseCard(locale, record, record ? 'question' : 'save-failed');
    const now = new Date().toISOString();
    const { record: updated } = await this.store.update(id, (r) => {
      const open = [...r.infoRequests].reverse().find((q) => q.answer === undefined);
      if (!open || r.status === 'resolved') return 'unchanged';
      open.answer = answer;
      open.answeredAt = now;
      r.status = r.owner ? 'claimed' : 'open';
      r.history.push({ at: now, event: 'answered', status: r.status, by: r.requester });
      return r;
    });
    await this.refreshSupportCard(updated);
    return requesterCaseCard(locale, updated, 'answered');
  }

  /** Updates the support channel's card from outside its own turn (e.g. after the requester answered). */
  private async refreshSupportCard(record: EscalationRecord): Promise<void> {
    const post = record.supportPost;
    if (post.state !== 'posted' || !post.reference || !post.activityId) return;
    try {
      await this.adapter.continueConversationAsync(this.cfg.botAppId, post.reference as ConversationReference, async (ctx) => {
        await ctx.updateActivity({ ...MessageFactory.attachment(supportCaseCard(this.cfg.locale, record)), id: post.activityId });
      });
    } catch (err) {
      this.log.warn({ case: record.id, err: (err as Error).message }, 'support card not updated');
    }
  }

  /** Tells the requester, in their language, in their own chat: a new message, and their case card updated. */
  private async tellRequester(record: EscalationRecord, kind: 'claimed' | 'question' | 'resolved'): Promise<void> {
    try {
      await this.adapter.continueConversationAsync(this.cfg.botAppId, record.conversation as ConversationReference, async (ctx) => {
        await ctx.sendActivity(MessageFactory.attachment(requesterCaseCard(record.locale, record, kind)));
        if (record.requesterActivityId) {
          const status = kind === 'question' ? 'claimed' : kind;
          await ctx
            .updateActivity({ ...MessageFactory.attachment(requesterCaseCard(record.locale, record, status)), id: record.requesterActivityId })
            .catch(() => undefined);
        }
      });
    } catch (err) {
      this.log.warn({ case: record.id, err: (err as Error).message }, 'requester not notified');
    }
  }

  async rememberRequesterCard(id: string, activityId: string | undefined): Promise<void> {
    if (!activityId) return;
    await this.store.update(id, (r) => (r.requesterActivityId ? 'unchanged' : { ...r, requesterActivityId: activityId })).catch(() => undefined);
  }
}

/**
 * Starts a new thread in a Teams channel. With an app id this is TeamsInfo.sendMessageToTeamsChannel; in
 * local mode (no app id, Emulator and tests) the same conversation parameters go through the adapter
 * directly, since TeamsInfo's app-id-less path needs the retired BotFrameworkAdapter.
 */
async function postToChannel(ctx: TurnContext, activity: Activity, channelId: string, botAppId: string): Promise<[Partial<ConversationReference>, string]> {
  if (botAppId) return TeamsInfo.sendMessageToTeamsChannel(ctx, activity, channelId, botAppId);
  let reference: Partial<ConversationReference> = {};
  let activityId = '';
  const params = { isGroup: true, channelData: { channel: { id: channelId } }, activity } as never;
  await (ctx.adapter as CloudAdapter).createConversationAsync('', 'msteams', ctx.activity.serviceUrl, '', params, async (c) => {
    reference = TurnContext.getConversationReference(c.activity);
    activityId = c.activity.id ?? '';
  });
  return [reference, activityId];
}

/** A notice on the support card, in the support team's language. */
function noticeText(locale: Locale, key: string, name?: string): string {
  return words(locale).t(`escalation:support.${key}`, { name: name ?? '?' });
}
