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
  /** The resolved case this escalation reopens (the card offered it): without it, a resolved case is only shown. */
  reopen?: unknown;
}

/**
 * 'resolved': this diagnosis's case was resolved, and the escalation did not ask to reopen it (a card from
 * before the resolution): the requester is shown who resolved it and when, and offered to reopen it.
 * 'reopened': it asked to, and the case is open again, back in the support channel with its history.
 */
export type EscalateOutcome =
  | { kind: 'created' | 'no-channel' | 'existing' | 'resolved' | 'reopened'; record: EscalationRecord }
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
      if (existing) return await this.again(ctx, existing, form);
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
      if (!result.created) return await this.again(ctx, record, form);
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

  /** The diagnosis was escalated before: the case as it stands, or reopened when the requester asked for that. */
  private async again(ctx: TurnContext, existing: EscalationRecord, form: EscalateForm): Promise<EscalateOutcome> {
    if (existing.status !== 'resolved') return { kind: 'existing', record: existing };
    if (form.reopen !== existing.id) return { kind: 'resolved', record: existing };
    return this.reopen(ctx, existing, form);
  }

  /**
   * Reopens a resolved case: open again with no owner, the requester's words and urgency in its history,
   * and posted to the support channel afresh (through the outbox, as a new case is) so the team sees it come
   * back; the earlier post is brought up to date. A second click finds it open and changes nothing.
   */
  private async reopen(ctx: TurnContext, existing: EscalationRecord, form: EscalateForm): Promise<EscalateOutcome> {
    const by = person(ctx);
    const now = new Date().toISOString();
    let earlier: EscalationRecord['supportPost'] | undefined;
    if (this.supportConfigured) await this.store.addToOutbox(existing.id);
    const { record, changed } = await this.store.update(existing.id, (r) => {
      if (r.status !== 'resolved') return 'unchanged';
      earlier = r.supportPost;
      r.status = 'open';
      delete r.owner;
      r.notes.urgency = URGENCIES.find((u) => u === form.urgency) ?? r.notes.urgency;
      r.history.push({ at: now, event: 'reopened', status: 'open', by: { ...by, name: by.name ?? r.requester.name }, note: text(form.tried, 2000) });
      r.supportPost = { state: this.supportConfigured ? 'pending' : 'not-configured', attempts: 0 };
      return r;
    });
    if (!changed) return { kind: record.status === 'resolved' ? 'resolved' : 'existing', record };
    this.log.info({ case: record.id, urgency: record.notes.urgency }, 'escalation reopened');
    if (earlier) await this.refreshSupportCard({ ...record, supportPost: earlier });
    if (!this.supportConfigured) return { kind: 'reopened', record };
    await this.post(ctx, record);
    const latest = await this.store.get(record.id).catch(() => undefined);
    return { kind: 'reopened', record: latest ?? record };
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
  /** The case as it stands, for a result card redrawn later (Check again, Language); undefined if storage fails. */
  async caseOf(id: string): Promise<EscalationRecord | undefined> {
    return this.store.get(id).catch(() => undefined);
  }

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
    let claimedNow = false;
    const { record: updated, changed } = await this.store.update(id, (r) => {
      refused = '';
      claimedNow = false;
      if (r.status === 'resolved') {
        refused = 'alreadyResolved';
        return 'unchanged';
      }
      /** Whoever acts first on an unclaimed case owns it, and the history says so. */
      const claimIfUnowned = (): void => {
        if (r.owner) return;
        r.owner = by;
        r.status = 'claimed';
        r.history.push({ at: now, event: 'claimed', status: 'claimed', by });
        claimedNow = true;
      };
      if (verb === 'claim') {
        if (r.owner || r.status !== 'open') {
          refused = samePerson(r.owner, by) ? 'alreadyYours' : 'alreadyClaimed';
          return 'unchanged';
        }
        claimIfUnowned();
      } else if (verb === 'askInfo') {
        const question = text(data.question, 2000);
        if (!question) return 'unchanged';
        claimIfUnowned();
        r.infoRequests.push({ at: now, by, question });
        r.status = 'waiting-for-requester';
        r.history.push({ at: now, event: 'asked', status: r.status, by });
      } else if (verb === 'resolve') {
        claimIfUnowned();
        r.status = 'resolved';
        r.history.push({ at: now, event: 'resolved', status: 'resolved', by, note: text(data.resolution, 2000) });
      } else return 'unchanged';
      return r;
    });
    if (!changed) {
      if (!refused) return supportCaseCard(locale, updated);
      return supportCaseCard(locale, updated, noticeText(locale, refused, updated.owner?.name), refused === 'alreadyYours' ? 'Accent' : 'Attention');
    }
    this.log.info({ case: id, verb, status: updated.status }, 'escalation updated');

    const card = supportCaseCard(locale, updated);
    // Everyone in the channel sees the new state, not only the person who clicked.
    if (ctx.activity.replyToId) await ctx.updateActivity({ ...MessageFactory.attachment(card), id: ctx.activity.replyToId }).catch(() => undefined);
    await this.tellRequester(updated, verb === 'claim' ? 'claimed' : verb === 'askInfo' ? 'question' : 'resolved');
    // The person who asked (or resolved) an unclaimed case is told it is theirs now.
    return claimedNow && verb !== 'claim' ? supportCaseCard(locale, updated, noticeText(locale, 'claimedByActing'), 'Accent') : card;
  }

  /**
   * The requester answers a question from support: it goes into the case and the support card. The card
   * names its question; an answer to a question already answered (a second device, a stale copy) is kept as
   * a further answer, never dropped. A case resolved meanwhile takes no answer, and the requester is told so.
   */
  async requesterAnswer(ctx: TurnContext, data: Record<string, unknown>, locale: Locale): Promise<CardAttachment> {
    const id = typeof data.caseId === 'string' ? data.caseId : '';
    const answer = text(data.answer, 4000);
    const questionAt = typeof data.questionAt === 'string' ? data.questionAt : '';
    const record = await this.store.get(id);
    if (!record || !answer) return requesterCaseCard(locale, record, record ? 'question' : 'save-failed');
    const now = new Date().toISOString();
    let outcome = 'none' as 'answered' | 'late-answer' | 'none';
    const { record: updated } = await this.store.update(id, (r) => {
      outcome = 'none';
      if (r.status === 'resolved') {
        outcome = 'late-answer';
        return 'unchanged';
      }
      const asked = (questionAt && r.infoRequests.find((q) => q.at === questionAt)) || [...r.infoRequests].reverse().find((q) => q.answer === undefined) || r.infoRequests.at(-1);
      if (!asked) return 'unchanged';
      if (asked.answer === undefined) {
        asked.answer = answer;
        asked.answeredAt = now;
      } else (asked.moreAnswers ??= []).push({ at: now, text: answer });
      // Still waiting while another question is open.
      r.status = r.infoRequests.some((q) => q.answer === undefined) ? 'waiting-for-requester' : r.owner ? 'claimed' : 'open';
      r.history.push({ at: now, event: 'answered', status: r.status, by: r.requester });
      outcome = 'answered';
      return r;
    });
    if (outcome === 'late-answer') return requesterCaseCard(locale, updated, 'late-answer');
    if (outcome === 'none') return requesterCaseCard(locale, updated, updated.status === 'waiting-for-requester' ? 'question' : 'existing');
    await this.refreshSupportCard(updated);
    return requesterCaseCard(locale, updated, 'answered');
  }

  /** Updates the support channel's card from outside its own turn (e.g. after the requester answered). */
  private async refreshSupportCard(record: EscalationRecord): Promise<void> {
    const post = record.supportPost;
    if (post.state !== 'posted' || !post.reference || !post.activityId) return;
    // Cases posted before the post's id was read right hold the thread id: postIdOf reads both.
    const postId = postIdOf(post.activityId);
    try {
      await this.adapter.continueConversationAsync(this.cfg.botAppId, post.reference as ConversationReference, async (ctx) => {
        await ctx.updateActivity({ ...MessageFactory.attachment(supportCaseCard(this.cfg.locale, record)), id: postId });
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

  /** The requester's case card that follows the case; a reopened case follows its newest card. */
  async rememberRequesterCard(id: string, activityId: string | undefined, replace = false): Promise<void> {
    if (!activityId) return;
    await this.store.update(id, (r) => (r.requesterActivityId && !replace ? 'unchanged' : { ...r, requesterActivityId: activityId })).catch(() => undefined);
  }
}

/**
 * Starts a new thread in a Teams channel. With an app id this is TeamsInfo.sendMessageToTeamsChannel; in
 * local mode (no app id, Emulator and tests) the same conversation parameters go through the adapter
 * directly, since TeamsInfo's app-id-less path needs the retired BotFrameworkAdapter.
 */
async function postToChannel(ctx: TurnContext, activity: Activity, channelId: string, botAppId: string): Promise<[Partial<ConversationReference>, string]> {
  const [reference, id] = await createChannelThread(ctx, activity, channelId, botAppId);
  return [reference, postIdOf(id)];
}

/**
 * The id of a new thread's first post. With the CloudAdapter, botbuilder hands back the new thread's
 * conversation id (`19:…@thread.tacv2;messageid=<post id>`) where the post's id belongs (it drops the
 * connector's `activityId`); updating the post with that id missed it, so the support card never showed
 * the requester's answer. The post's id is the thread id's `messageid`.
 */
export function postIdOf(id: string): string {
  const m = /;messageid=([^;]+)$/.exec(id);
  return m ? m[1]! : id;
}

async function createChannelThread(ctx: TurnContext, activity: Activity, channelId: string, botAppId: string): Promise<[Partial<ConversationReference>, string]> {
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

/** The same person: by Entra ID object id when both have one, else by Bot Framework user id. */
function samePerson(a: Person | undefined, b: Person | undefined): boolean {
  if (!a || !b) return false;
  if (a.aadObjectId && b.aadObjectId) return a.aadObjectId === b.aadObjectId;
  return Boolean(a.id && a.id === b.id);
}

/** A notice on the support card, in the support team's language. */
function noticeText(locale: Locale, key: string, name?: string): string {
  return words(locale).t(`escalation:support.${key}`, { name: name ?? '?' });
}
