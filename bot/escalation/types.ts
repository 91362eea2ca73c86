/** An escalation record: everything support needs, stored before anything is posted anywhere. */
import type { ConversationReference } from 'botbuilder';
import type { Diagnosis } from '../diagnosis/types';
import type { SpfReport } from '../dns/types';
import type { Locale } from '../cards/locale';

export type CaseStatus = 'open' | 'claimed' | 'waiting-for-requester' | 'resolved';
export type Urgency = 'low' | 'normal' | 'high';

export interface Person {
  name?: string;
  aadObjectId?: string;
  /** Bot Framework user id (29:…), for mentions and roster look-ups. */
  id?: string;
}

/** 'reopened': the requester escalated the same diagnosis again after it was resolved (the problem came back). */
export type CaseEvent = 'opened' | 'claimed' | 'asked' | 'answered' | 'resolved' | 'reopened';

export interface HistoryEntry {
  at: string;
  event: CaseEvent;
  /** Status after the event. */
  status: CaseStatus;
  by?: Person;
  note?: string;
}

export interface InfoRequest {
  at: string;
  by?: Person;
  question: string;
  answer?: string;
  answeredAt?: string;
  /** What the requester sent after the first answer (a second device, more detail): kept, in order. */
  moreAnswers?: { at: string; text: string }[];
}

export interface DnsCheckRecord {
  at: string;
  domain: string;
  dnsServers: string[];
  report: SpfReport;
}

export interface TranscriptEntry {
  at: string;
  from: 'user' | 'bot';
  text?: string;
  /** Cards are kept as their plain-text fallback. */
  card?: string;
}

/** Outbox state of the post to the support channel: pending until the post is known to have succeeded. */
export interface SupportPost {
  state: 'not-configured' | 'pending' | 'posted';
  attempts: number;
  lastError?: string;
  /** The channel thread, once posted: for updating the support card and replying in its thread. */
  reference?: Partial<ConversationReference>;
  activityId?: string;
}

export interface EscalationRecord {
  id: string;
  createdAt: string;
  /** The diagnosis escalated: one case per diagnosis, however often the button is pressed. */
  diagnosisId: string;
  requester: Person & { tenantId?: string; email?: string };
  conversation: Partial<ConversationReference>;
  /** The requester's confirmation card, updated as the case moves. */
  requesterActivityId?: string;
  locale: Locale;
  channelId: string;
  bounce: { raw?: string; rawTruncated: boolean; parsed: Diagnosis['bounce'] };
  dnsChecks: DnsCheckRecord[];
  diagnosis: Diagnosis;
  notes: { tried?: string; urgency: Urgency };
  status: CaseStatus;
  owner?: Person;
  history: HistoryEntry[];
  infoRequests: InfoRequest[];
  transcript: TranscriptEntry[];
  supportPost: SupportPost;
  eTag?: string;
}
