/** A diagnosis is data: what was found and what to do, as codes. Cards choose the words per locale. */
import type { Bounce } from '../ndr/types';
import type { SpfReport } from '../dns/types';

/** Which dialog handles a recipient's failure. */
export type DialogId = 'spf' | 'code';

/** Who usually has to act (from the Exchange Online NDR table). */
export type FixOwner = 'sender' | 'recipient-admin' | 'microsoft' | 'varies';

export interface RecipientDiagnosis {
  address?: string;
  status?: string;
  replyCode?: string;
  dialog: DialogId;
  /** Key of the code's entry in the code table (e.g. `5.7.23`, `5.1.1-20`), when known. */
  codeKey?: string;
  owner: FixOwner;
  /** Temporary failure: the sender's server keeps retrying. */
  transient?: boolean;
  /** The remote server's exact words: the wrapped inner reply when there is one. */
  remoteText?: string;
}

export type StepId = 'verify-spf' | 'check-hrdp' | 'contact-remote-admin';
export type StepState = 'problem' | 'ok' | 'unknown' | 'todo';

export interface GuidanceStep {
  id: StepId;
  state: StepState;
}

/** Ready-made message to the destination domain's mail admin (step 3 of the 5.7.23 guidance). */
export interface RemoteAdminMessage {
  /** postmaster@<recipient domain> */
  to: string;
  recipient?: string;
  status?: string;
  /** The detailed external error, verbatim. */
  errorText: string;
  /** When the bounce says the message was sent/rejected. */
  time?: string;
  senderDomain?: string;
  sendingIp?: string;
}

/** `check`: a domain checked on request (`check contoso.com`), with no bounce. */
export type DiagnosisKind = 'spf' | 'code' | 'not-bounce' | 'needs-domain' | 'check';

export interface Diagnosis {
  kind: DiagnosisKind;
  bounce: Bounce;
  /** One per failed recipient, the most actionable first. */
  recipients: RecipientDiagnosis[];
  senderDomain?: string;
  sendingIp?: string;
  spf?: SpfReport;
  steps: GuidanceStep[];
  remoteAdmin?: RemoteAdminMessage;
  /** True when the fix is probably out of the sender's hands: offer escalation prominently. */
  escalationSuggested: boolean;
}
