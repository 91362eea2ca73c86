/** Where a result card stands in the conversation: which stored diagnosis, the checks before, the case. */
import type { MailHostReport } from '../../dns/check-mail-host';
import type { SpfReport } from '../../dns/types';

export interface CardContext {
  diagnosisId?: string;
  /** The SPF check before this one, for "what changed" after Check again. */
  previous?: SpfReport;
  /** The recipient domain's mail host check before this one, for "what changed" after Check again. */
  previousMailHost?: MailHostReport;
  /** Escalated as this case (no second escalation from the card). */
  caseId?: string;
  /** The case is saved, but no support channel is set up, so nobody was told of it: the card says so. */
  caseUnannounced?: boolean;
  /** The case of this diagnosis was resolved: the card says by whom and when, and offers to reopen it. */
  resolvedCase?: { id: string; by?: string; at: string };
  /** The last escalation attempt could not be saved. */
  escalationFailed?: boolean;
}
