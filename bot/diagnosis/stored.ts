/**
 * A diagnosis as the conversation keeps it: for Check again, Language and escalation. Also what a
 * diagnosis contributes to "what this conversation checked before".
 */
import type { AuthenticationReport } from '../dns/check-authentication';
import type { MailHostReport } from '../dns/check-mail-host';
import type { SpfReport } from '../dns/types';
import type { Diagnosis, PriorCheck } from './types';

/** A Teams message a diagnosis answers: its id, and a digest of what the bot read in it (message-text.ts's readDigest). */
export interface MessageSource {
  messageId: string;
  read: string;
  /** Who sent it (their Entra object id, else their Teams id): the rest of a bounce is read with their own paste only. */
  by?: string;
}

export interface StoredDiagnosis {
  id: string;
  createdAt: string;
  diagnosis: Diagnosis;
  /** The bounce as received, capped, for escalation. */
  raw?: string;
  /** The result card's message id, to update it in place. */
  activityId?: string;
  /** The SPF check before this one, for "what changed" after Check again. */
  previous?: SpfReport;
  /** The recipient domain's mail host check before this one, for "what changed" after Check again. */
  previousMailHost?: MailHostReport;
  /** Every earlier SPF check of this diagnosis (oldest first, bounded), for the escalation record. */
  checks?: SpfReport[];
  /** The case this diagnosis was escalated as. */
  caseId?: string;
  /** The message it answers: when that message is edited, the fresh answer takes this card's place. */
  source?: MessageSource;
}

/** The SPF report a diagnosis rests on, if it checked SPF. */
export function spfReportOf(d: Diagnosis): SpfReport | undefined {
  return 'spf' in d ? d.spf : undefined;
}

/** The recipient domain's mail host check a diagnosis rests on, if its playbook checked it. */
export function mailHostReportOf(d: Diagnosis): MailHostReport | undefined {
  return 'mailHost' in d ? d.mailHost : undefined;
}

/** The authentication (DKIM, DMARC) check a diagnosis rests on, if it made one. */
function authReportOf(d: Diagnosis): AuthenticationReport | undefined {
  return 'auth' in d ? d.auth : undefined;
}

/**
 * Whether a diagnosis rests on any DNS check: only then can Check again ask again (and its card offer it).
 * Every playbook's report counts, whichever kind it is.
 */
export function checksDns(d: Diagnosis): boolean {
  return Boolean(spfReportOf(d) ?? authReportOf(d) ?? mailHostReportOf(d));
}

/** What a card compares a fresh check with: this diagnosis's own reports, as the check before the next one. */
export type EarlierChecks = Pick<StoredDiagnosis, 'previous' | 'previousMailHost'>;

export function earlierChecksOf(d: Diagnosis): EarlierChecks {
  const out: EarlierChecks = {};
  const spf = spfReportOf(d);
  const mailHost = mailHostReportOf(d);
  if (spf) out.previous = spf;
  if (mailHost) out.previousMailHost = mailHost;
  return out;
}

/** The earlier checks a stored diagnosis keeps, for redrawing its card (language, escalation). */
export function keptEarlierChecks(s: StoredDiagnosis): EarlierChecks {
  const out: EarlierChecks = {};
  if (s.previous) out.previous = s.previous;
  if (s.previousMailHost) out.previousMailHost = s.previousMailHost;
  return out;
}

/** Every SPF check a stored diagnosis has seen, oldest first. */
export function allChecks(s: StoredDiagnosis): SpfReport[] {
  const now = spfReportOf(s.diagnosis);
  return [...(s.checks ?? []), ...(now ? [now] : [])];
}

/** What this diagnosis adds to the conversation's memory of checks (the SPF verdict, for "fixed since?"). */
export function priorCheckOf(d: Diagnosis): PriorCheck | undefined {
  const report = spfReportOf(d);
  if (!report || !d.senderDomain) return undefined;
  const p: PriorCheck = { domain: d.senderDomain, at: report.checkedAt, cause: d.verdict.cause };
  if (report.sendingIp) p.ip = report.sendingIp.ip;
  return p;
}
