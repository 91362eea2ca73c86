/** Internal shapes passed between the readers (DSN, Exchange text, MTA text patterns) and the merger. */
import type { BounceRecipient, SenderSource } from './types';

export type FindingSource = 'dsn' | 'exchange' | 'text';

/** What one reader learned about one failed recipient. */
export interface RecipientFinding extends BounceRecipient {
  source: FindingSource;
  /** From a DSN `Status:` field: structured, but may be generic (5.0.0). */
  fieldStatus?: string;
  /**
   * Sendmail's `X-Actual-Recipient:` beside Final-Recipient: the address an alias expanded to. The
   * same failure, so another reader naming that address is merged into this recipient (never shown).
   */
  actualAddress?: string;
}

/** Facts about the whole bounce that a reader found. All optional: readers fill what they see. */
export interface BounceFacts {
  recipients: RecipientFinding[];
  reportingMta?: string;
  generatingServer?: string;
  sender?: string;
  senderSource?: SenderSource;
  originalMessageId?: string;
  originalSubject?: string;
  arrivalDate?: string;
}

