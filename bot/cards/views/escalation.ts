/** Card data for escalations: the form on result cards, the requester's case card, the support team's card. */
import { spfReportOf } from '../../diagnosis/stored';
import { diagnosisHeadline } from './registry';
import type { EscalationRecord, Person } from '../../escalation/types';
import type { Words } from '../words';
import type { CardContext } from './context';
import { fact, findingLine, type Fact, type FindingLine } from './common';

export interface EscalateForm {
  intro: string;
  triedLabel: string;
  triedPlaceholder: string;
  urgencyLabel: string;
  urgencies: { title: string; value: string }[];
  submit: string;
}

/** Per locale and output: the same on every result card, and read-only once made. */
const madeForms = new WeakMap<Words, EscalateForm>();

export function escalateForm(w: Words): EscalateForm {
  let made = madeForms.get(w);
  if (!made) madeForms.set(w, (made = Object.freeze(escalateFormOf(w))));
  return made;
}

function escalateFormOf(w: Words): EscalateForm {
  return {
    intro: w.t('escalation:form.intro'),
    triedLabel: w.plain('escalation:form.triedLabel'),
    triedPlaceholder: w.plain('escalation:form.triedPlaceholder'),
    urgencyLabel: w.plain('escalation:form.urgencyLabel'),
    urgencies: (['low', 'normal', 'high'] as const).map((value) => ({ value, title: w.plain(`escalation:form.urgency.${value}`) })),
    submit: w.plain('escalation:form.submit'),
  };
}

function who(p: Person | undefined): string {
  return p?.name ?? p?.aadObjectId ?? '?';
}

function caseFacts(w: Words, r: EscalationRecord, forSupport: boolean): Fact[] {
  const facts: Fact[] = [];
  const add = (key: string, v: string | undefined): void => {
    if (v) facts.push(fact(w, w.plain(`escalation:facts.${key}`), v));
  };
  add('case', r.id);
  add('status', w.plain(`escalation:status.${r.status}`, { name: who(r.owner) }));
  if (forSupport) {
    add('urgency', w.plain(`escalation:form.urgency.${r.notes.urgency}`));
    add('requester', r.requester.email ? `${who(r.requester)} <${r.requester.email}>` : who(r.requester));
    add('tenant', r.requester.tenantId);
    add('channel', r.channelId);
  }
  add('created', w.dateTime(r.createdAt));
  add('domain', r.diagnosis.senderDomain);
  add('codes', [...new Set(r.diagnosis.recipients.map((x) => x.status).filter((s): s is string => Boolean(s)))].join(', ') || undefined);
  if (forSupport) {
    add('recipients', r.diagnosis.recipients.map((x) => x.address).filter((a): a is string => Boolean(a)).slice(0, 10).join(', ') || undefined);
    add('sendingIp', r.diagnosis.sendingIp);
  }
  return facts;
}

export type RequesterCardKind = 'created' | 'no-channel' | 'existing' | 'claimed' | 'question' | 'answered' | 'resolved' | 'late-answer' | 'reopened' | 'save-failed';

export interface RequesterCaseView {
  icon: string;
  title: string;
  body: string;
  facts: Fact[];
  updates: { text: string }[];
  /** The open question; `at` names it, so an answer from a stale copy of the card goes to the question it answers. */
  question: { at: string; label: string; text: string; answerLabel: string; required: string; submit: string } | null;
  caseId: string;
  /** For a case that could not be saved: the escalation to send again. */
  retry: Record<string, unknown> | null;
  retrySubmit: Record<string, unknown> | null;
  retryTitle: string;
}

const ICONS: Record<RequesterCardKind, string> = {
  created: '📨',
  'no-channel': '📁',
  existing: '📨',
  claimed: '🧑‍💻',
  question: '❓',
  answered: '📨',
  resolved: '✅',
  'late-answer': '✅',
  reopened: '📨',
  'save-failed': '⚠️',
};

export function requesterCaseView(w: Words, r: EscalationRecord | undefined, kind: RequesterCardKind, retry?: Record<string, unknown>): RequesterCaseView {
  const id = r?.id ?? '';
  const owner = who(r?.owner);
  const base = {
    icon: ICONS[kind],
    facts: r && kind !== 'save-failed' ? caseFacts(w, r, false) : [],
    updates: [] as { text: string }[],
    question: null,
    caseId: id,
    retry: kind === 'save-failed' && retry ? retry : null,
    retrySubmit: kind === 'save-failed' && retry ? { ...retry, verb: 'escalate' } : null,
    retryTitle: w.plain('escalation:requester.retry'),
  };
  switch (kind) {
    case 'save-failed':
      return { ...base, title: w.t('escalation:requester.saveFailedTitle'), body: w.t('escalation:requester.saveFailedBody') };
    case 'created':
      return { ...base, title: w.t('escalation:requester.createdTitle', { id }), body: w.t('escalation:requester.createdBody') };
    case 'no-channel':
      return { ...base, title: w.t('escalation:requester.noChannelTitle', { id }), body: w.t('escalation:requester.noChannelBody', { id }) };
    case 'existing':
      return { ...base, title: w.t('escalation:requester.createdTitle', { id }), body: w.t('escalation:requester.existing', { id }) };
    case 'claimed':
      return { ...base, title: w.t('escalation:requester.claimedTitle', { id, name: owner }), body: w.t('escalation:requester.claimedBody', { name: owner }) };
    case 'reopened':
      return {
        ...base,
        title: w.t('escalation:requester.reopenedTitle', { id }),
        body: r?.supportPost.state === 'not-configured' ? w.t('escalation:requester.noChannelBody', { id }) : w.t('escalation:requester.reopenedBody'),
      };
    case 'late-answer':
      return { ...base, title: w.t('escalation:requester.resolvedTitle', { id }), body: w.t('escalation:requester.lateAnswer', { name: owner }) };
    case 'answered':
      return { ...base, title: w.t('escalation:requester.answeredTitle', { id }), body: w.t('escalation:requester.answeredBody') };
    case 'resolved': {
      const note = [...(r?.history ?? [])].reverse().find((h) => h.event === 'resolved')?.note;
      return {
        ...base,
        title: w.t('escalation:requester.resolvedTitle', { id }),
        body: w.t('escalation:requester.resolvedBody', { name: owner }),
        updates: note ? [{ text: w.t('escalation:requester.resolvedNote', { note }) }] : [],
      };
    }
    case 'question': {
      const open = [...(r?.infoRequests ?? [])].reverse().find((q) => q.answer === undefined);
      return {
        ...base,
        title: w.t('escalation:requester.questionTitle', { id }),
        body: w.t('escalation:requester.questionBody', { name: who(open?.by) }),
        question: open
          ? {
              at: open.at,
              label: w.plain('escalation:requester.questionLabel'),
              text: open.question,
              answerLabel: w.plain('escalation:requester.answerLabel'),
              required: w.plain('escalation:requester.answerRequired'),
              submit: w.plain('escalation:requester.answerSubmit'),
            }
          : null,
      };
    }
  }
}

export interface SupportCaseView {
  title: string;
  /** The diagnosis's verdict in one sentence: the cause support starts from. */
  verdict: string;
  statusLine: string;
  statusColor: string;
  notice: string;
  /** Attention for a refusal, Accent for news that is no error (the case is yours). */
  noticeColor: string;
  facts: Fact[];
  tried: string;
  remoteText: string;
  findings: FindingLine[];
  records: string[];
  checks: string[];
  conversation: { label: string; text: string }[];
  history: string[];
  chatUrl: string;
  caseId: string;
  canClaim: boolean;
  canAsk: boolean;
  canResolve: boolean;
  labels: Record<string, string>;
}

const STATUS_COLORS: Record<EscalationRecord['status'], string> = {
  open: 'Attention',
  claimed: 'Accent',
  'waiting-for-requester': 'Warning',
  resolved: 'Good',
};

export function supportCaseView(w: Words, r: EscalationRecord, notice = '', noticeColor = 'Attention'): SupportCaseView {
  const spf = spfReportOf(r.diagnosis);
  const remote = r.diagnosis.recipients.find((x) => x.remoteText)?.remoteText ?? '';
  const conversation: SupportCaseView['conversation'] = [];
  for (const q of r.infoRequests) {
    conversation.push({ label: w.plain('escalation:support.question', { name: who(q.by) }), text: q.question });
    if (q.answer !== undefined) conversation.push({ label: w.plain('escalation:support.answer', { name: who(r.requester) }), text: q.answer });
    for (const more of q.moreAnswers ?? []) conversation.push({ label: w.plain('escalation:support.moreAnswer', { name: who(r.requester), time: w.dateTime(more.at) ?? more.at }), text: more.text });
  }
  const open = r.status !== 'resolved';
  return {
    title: w.t('escalation:support.title', { id: r.id }),
    verdict: diagnosisHeadline(r.diagnosis, w),
    statusLine: w.t(`escalation:status.${r.status}`, { name: who(r.owner) }),
    statusColor: STATUS_COLORS[r.status],
    notice,
    noticeColor,
    facts: caseFacts(w, r, true),
    tried: r.notes.tried ?? '',
    remoteText: remote,
    findings: (spf?.findings ?? []).filter((f) => f.severity !== 'ok').map((f) => findingLine(w, f)),
    records: spf?.published.records ?? [],
    checks: r.dnsChecks.map((c) =>
      w.t('escalation:support.check', { time: w.dateTime(c.at) ?? c.at, domain: c.domain, servers: w.list(c.dnsServers.length ? c.dnsServers : ['?']) }),
    ),
    conversation,
    history: r.history.map((h) =>
      // A reopening carries what the requester wrote about the problem coming back.
      h.event === 'reopened' && h.note
        ? w.t('escalation:history.reopenedNote', { time: w.dateTime(h.at) ?? h.at, name: who(h.by), note: h.note })
        : w.t(`escalation:history.${h.event}`, { time: w.dateTime(h.at) ?? h.at, name: who(h.by) }),
    ),
    chatUrl: r.requester.aadObjectId ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(r.requester.aadObjectId)}` : '',
    caseId: r.id,
    canClaim: r.status === 'open',
    canAsk: open,
    canResolve: open,
    labels: {
      tried: w.plain('escalation:support.tried'),
      remoteSaid: w.plain('escalation:support.remoteSaid'),
      findings: w.plain('escalation:support.findings'),
      record: w.plain('escalation:support.record'),
      checks: w.plain('escalation:support.checks'),
      questions: w.plain('escalation:support.questions'),
      history: w.plain('escalation:support.history'),
      openChat: w.plain('escalation:support.openChat', { name: who(r.requester) }),
      claim: w.plain('escalation:support.claim'),
      askInfo: w.plain('escalation:support.askInfo'),
      questionLabel: w.plain('escalation:support.questionLabel'),
      send: w.plain('escalation:support.send'),
      resolve: w.plain('escalation:support.resolve'),
      resolutionLabel: w.plain('escalation:support.resolutionLabel'),
      required: w.plain('escalation:support.required'),
      refresh: w.plain('escalation:support.refresh'),
    },
  };
}

/** The Escalate form as the offer to reopen a resolved case: same fields, its own words. */
export function reopenForm(w: Words, caseId: string): EscalateForm {
  return {
    ...escalateForm(w),
    intro: w.t('escalation:reopen.intro', { id: caseId }),
    triedLabel: w.plain('escalation:reopen.triedLabel'),
    submit: w.plain('escalation:reopen.submit', { id: caseId }),
  };
}

/** The line on a result card saying it was escalated (or its case resolved), or that the escalation could not be saved. */
export function escalationBanner(w: Words, ctx: CardContext): { text: string; style: string } | null {
  if (ctx.resolvedCase) {
    const { id, by, at } = ctx.resolvedCase;
    return { text: w.t('escalation:banner.resolved', { id, name: by ?? '?', time: w.dateTime(at) ?? at }), style: 'good' };
  }
  // Saved with no support channel to post it to: "escalated" would promise more than happened.
  if (ctx.caseId && ctx.caseUnannounced) return { text: w.t('escalation:banner.saved', { id: ctx.caseId }), style: 'warning' };
  if (ctx.caseId) return { text: w.t('escalation:banner.escalated', { id: ctx.caseId }), style: 'accent' };
  if (ctx.escalationFailed) return { text: w.t('escalation:banner.failed'), style: 'attention' };
  return null;
}
