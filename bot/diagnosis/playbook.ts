/**
 * The contract of a playbook: which failed recipients it takes (codes and the remote server's words),
 * what it must know before DNS is asked, and how it turns the facts into one verdict and its steps.
 * One file per family in `playbooks/`; the registry finds them there.
 */
import { replyWords } from '../ndr/reply';
import type { Bounce, BounceRecipient } from '../ndr/types';
import type { Checks } from '../dns/checks';
import type { FixOwner, PlaybookDiagnosis, PriorCheck, RecipientDiagnosis, Step } from './types';

/** A failed recipient as the playbooks read it: every code it carries and all the remote words. */
export interface RecipientFacts {
  recipient: BounceRecipient;
  /** Outer code first, then the code of the wrapped remote reply. */
  codes: string[];
  /** The diagnostic and the wrapped reply's text, joined. */
  text: string;
  /** The bounce's sender's domain, when it names one: a reply may name it as the domain that failed. */
  senderDomain?: string;
}

export interface Take {
  /** What the remote words say within the family (`mailbox-full`, `auth-required`, …). */
  subCause?: string;
  /** Who fixes it, when the playbook knows better than the code table. */
  owner?: FixOwner;
  /** What to do first for this cause, and while the sending server still retries, when that differs: what a card says under a recipient beside the main one. */
  step?: Step;
  retryingStep?: Step;
  /** No receiving server answered: the words quoted are the sending server's report. */
  unreached?: true;
}

export interface Plan {
  /** The playbook cannot judge without the sender's domain, and the bounce does not give it: ask. */
  needsDomain: boolean;
  /** The diagnosis asks DNS (so it may take a moment). */
  checksDns: boolean;
  /** The domain the checks are about, when known. */
  domain?: string;
}

export interface PlaybookInput {
  bounce: Bounce;
  /** Every failed recipient, most actionable first; `primary` is the one this playbook was chosen for. */
  recipients: RecipientDiagnosis[];
  primary: RecipientDiagnosis;
  checks: Checks;
  /** The sender's domain when the person told us (the bounce did not say). */
  domain?: string;
  /** "Check again": ask DNS afresh. */
  bypassCache?: boolean;
  /** What this conversation checked before. */
  history: PriorCheck[];
}

export interface Playbook<D extends PlaybookDiagnosis = PlaybookDiagnosis> {
  id: D['playbook'];
  /** Lower is tried first, and a recipient it takes is shown first. */
  rank: number;
  takes(r: RecipientFacts): Take | undefined;
  plan(bounce: Bounce, domain?: string): Plan;
  diagnose(input: PlaybookInput): Promise<D>;
}

/**
 * Exchange's 5.0.350 says only that the remote server returned an error: wrapping a reply with no enhanced code of
 * its own ("-> 550 account closed"), it leaves that reply's words to go by, as a bare 550 does. Not the two
 * meanings Exchange gives the code itself (a Rich Text attachment's "x-dg-ref header is too long", AS345's
 * embedded files), which the code table explains.
 */
function wrapsAnyReply(r: BounceRecipient): boolean {
  return r.status === '5.0.350' && Boolean(r.wrapped) && !r.wrapped?.status && !/x-dg-ref|\bAS\(?345\)?/i.test(r.wrapped?.text ?? '');
}

export function recipientFacts(r: BounceRecipient, senderDomain?: string): RecipientFacts {
  const facts: RecipientFacts = {
    recipient: r,
    codes: wrapsAnyReply(r) ? [] : [r.status, r.wrapped?.status].filter((c): c is string => Boolean(c)),
    // A reply folded from several lines is read without its lines' codes ("The account 550-or domain may not exist").
    text: [r.diagnostic, r.wrapped?.text].filter((t): t is string => Boolean(t)).map(replyWords).join('\n'),
  };
  if (senderDomain) facts.senderDomain = senderDomain;
  return facts;
}
