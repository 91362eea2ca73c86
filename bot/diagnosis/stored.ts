/**
 * A diagnosis as the conversation keeps it: for Check again, Language and escalation. Also what a
 * diagnosis contributes to "what this conversation checked before".
 */
import type { SpfReport } from '../dns/types';
import type { Diagnosis, PriorCheck } from './types';

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
  /** Every earlier SPF check of this diagnosis (oldest first, bounded), for the escalation record. */
  checks?: SpfReport[];
  /** The case this diagnosis was escalated as. */
  caseId?: string;
}

/** The SPF report a diagnosis rests on, if it checked SPF. */
export function spfReportOf(d: Diagnosis): SpfReport | undefined {
  return 'spf' in d ? d.spf : undefined;
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
