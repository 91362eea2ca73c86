/**
 * A diagnosis is data: the facts, ONE verdict, and the steps that follow from it, as codes. Cards choose
 * the words per locale. Each playbook adds its own diagnosis type to `PlaybookDiagnoses` (declaration
 * merging), so adding a family changes no file but its own.
 */
import type { Bounce } from '../ndr/types';

/**
 * Who usually has to act (from the Exchange Online NDR table). `recipient`: the person the mail was for, in
 * their own settings (a phone carrier's reception filter), not their mail admin.
 */
export type FixOwner = 'sender' | 'recipient' | 'recipient-admin' | 'microsoft' | 'varies';

/** Filled in by each playbook file: `declare module '../types' { interface PlaybookDiagnoses { spf: SpfDiagnosis } }`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlaybookDiagnoses {}

export type PlaybookId = keyof PlaybookDiagnoses & string;

export type Confidence = 'confirmed' | 'likely';

/** Facts are evidence; the verdict is the judgement every step and sentence follows. */
export interface Verdict<C extends string = string> {
  cause: C;
  confidence: Confidence;
  /** Finding codes that support the cause, strongest first. */
  evidence: string[];
  /** Causes the facts exclude, e.g. the High Risk Delivery Pool when the sending IP passes SPF. */
  ruledOut?: string[];
  /** What the words about this verdict need (the record's problem, the term to add, a TTL, …). */
  detail?: Record<string, string | number | boolean | string[]>;
}

/** ❌ the thing to fix · ✅ checked and fine · ⚠️ could not be checked · 👉 something to do. */
export type StepState = 'problem' | 'ok' | 'unknown' | 'todo';

export interface Step {
  /** Locale key under the playbook's `steps.`, e.g. `verify-spf`. */
  id: string;
  /** Whose words: another playbook's namespace when its step is reused (an SPF step in an authentication card). */
  ns?: string;
  state: StepState;
  /** Which wording of the step, when it has several for one state (e.g. `several`, `withMessage`). */
  variant?: string;
}

export interface RecipientDiagnosis {
  address?: string;
  /** The recipient as the bounce names it when it gives no readable address (a display name, a Notes name). */
  name?: string;
  /** No address, but its domain (a question typed in words). */
  domain?: string;
  /** The address the person wrote, when forwarding changed it. */
  originalAddress?: string;
  status?: string;
  /** The bounce gave no code: `status` was read from its words ("user unknown", "mailbox full"). */
  statusInferred?: boolean;
  /** The remote server's own code, when Exchange wrapped its reply (`5.7.23 … -> 5.7.1 …`). */
  innerStatus?: string;
  replyCode?: string;
  /** The playbook that takes this recipient's failure. */
  playbook: PlaybookId;
  /** What the remote words say within the family, e.g. `mailbox-full`, `auth-required`. */
  subCause?: string;
  /** Key of the code's entry in the code table (e.g. `5-7-23`), when known. */
  codeKey?: string;
  owner: FixOwner;
  /** Temporary failure: the sender's server keeps retrying. */
  transient?: boolean;
  /** The remote server's exact words: the wrapped inner reply when there is one. */
  remoteText?: string;
  /** What to do first, as the family that named `subCause` says it (the step its card would show first). */
  step?: Step;
  /** No receiving server answered: `remoteText` is the sending server's report. */
  sendingServerWords?: true;
}

/** Ready-made message to the destination domain's mail admin. */
export interface RemoteAdminMessage {
  /** postmaster@<recipient domain>, or empty when the bounce names no recipient domain. */
  to: string;
  recipient?: string;
  status?: string;
  /** The detailed external error, verbatim. */
  errorText: string;
  /** When the bounce says the message was sent/rejected. */
  time?: string;
  senderDomain?: string;
  sendingIp?: string;
  /** What we checked and can vouch for, and nothing more: the words of the message follow it. */
  checked: 'ip-passes' | 'record-valid-m365' | 'record-valid' | 'spf-aligned' | 'spf-aligned-reported' | 'dkim-aligned';
  checkedAt?: string;
  /** Their server is deferring the message (a temporary refusal the sending server still retries), not rejecting it. */
  deferred?: true;
}

/** DNS records to publish, ready to copy: what the fix is, as records. */
export interface RecordSuggestion {
  kind: 'dmarc' | 'dkim-cnames';
  records: { name: string; type: 'TXT' | 'CNAME'; value: string }[];
  /** A value holds a part only the admin knows (the tenant's initial domain). */
  placeholder?: string;
}

/** What a diagnosis is of: a bounce, or a domain the person asked about (`check contoso.com`). */
export type DiagnosisSubject = 'bounce' | 'check';

export interface DiagnosisBase<P extends string, C extends string> {
  playbook: P;
  subject: DiagnosisSubject;
  bounce: Bounce;
  /** One per failed recipient, the most actionable first. */
  recipients: RecipientDiagnosis[];
  senderDomain?: string;
  sendingIp?: string;
  verdict: Verdict<C>;
  steps: Step[];
  remoteAdmin?: RemoteAdminMessage;
  owner: FixOwner;
  /** True when the fix is probably out of the sender's hands: offer escalation prominently. */
  escalationSuggested: boolean;
}

/** Input that is not a bounce: the help card says what it was instead. */
export interface NotBounceDiagnosis extends Omit<DiagnosisBase<'none', 'not-a-bounce'>, 'subject'> {
  subject: 'not-bounce';
}

export type PlaybookDiagnosis = PlaybookDiagnoses[PlaybookId];
export type Diagnosis = PlaybookDiagnosis | NotBounceDiagnosis;

/** One earlier SPF check in this conversation, for "has it been fixed since?". */
export interface PriorCheck {
  domain: string;
  ip?: string;
  at: string;
  cause: string;
}
