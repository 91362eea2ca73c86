/** Where a result card stands in the conversation: which stored diagnosis, the check before, the case. */
import type { SpfReport } from '../../dns/types';

export interface CardContext {
  diagnosisId?: string;
  /** The SPF check before this one, for "what changed" after Check again. */
  previous?: SpfReport;
  /** Escalated as this case (no second escalation from the card). */
  caseId?: string;
  /** The last escalation attempt could not be saved. */
  escalationFailed?: boolean;
}
