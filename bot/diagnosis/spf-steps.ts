/**
 * The steps of the 5.7.23 guidance, derived from the verdict alone: what to fix, what is fine, what to do
 * next. A step calls the record a problem only when the cause lies in the record; the steps that follow a
 * record fix are "wait for DNS, then resend", not the receiving side; the message to the receiving side's
 * admin is offered only when the record is right.
 */
import type { SpfVerdict } from './spf-verdict';
import type { Step } from './types';

export interface SpfStepContext {
  subject: 'bounce' | 'check';
  /** The message left through Microsoft 365 (so the High Risk Delivery Pool is a question at all). */
  m365Sender: boolean;
  /** A record to publish is on the card. */
  hasSuggestion: boolean;
  /** A message for the receiving side's admin is on the card. */
  hasAdminMessage: boolean;
  /** The sending server still retries the message (a deferral in a delay notice): a retry, not a resend, delivers it. */
  retrying?: boolean;
}

const step = (id: string, state: Step['state'], variant?: string): Step => (variant ? { id, state, variant } : { id, state });

/** How a step says the record is right, by what was checked. */
function recordRight(v: SpfVerdict, m365Sender: boolean): Step {
  // Valid, but `+all` lets every server pass: something to change, though not what stopped this message.
  if (v.detail?.plusAll) return step('verify-spf', 'todo', 'plusAll');
  if (v.detail?.weakAll) return step('verify-spf', 'todo', v.detail.weakAll === 'neutral' ? 'neutralAll' : 'noAll');
  // Valid, with warnings of its own: what the check found says what to change.
  if (v.detail?.caveats) return step('verify-spf', 'todo', 'caveats');
  if (v.confidence === 'confirmed' && v.detail?.ip) return step('verify-spf', 'ok', 'ipPasses');
  return step('verify-spf', 'ok', m365Sender ? 'm365' : 'valid');
}

function resend(ctx: SpfStepContext, fixed = false): Step {
  if (ctx.subject === 'check') return step('wait-resend', 'todo', 'check');
  return step(ctx.retrying ? 'wait-retry' : 'wait-resend', 'todo', fixed ? 'fixed' : 'afterFix');
}

export function spfSteps(v: SpfVerdict, ctx: SpfStepContext): Step[] {
  const bounce = ctx.subject === 'bounce';
  switch (v.cause) {
    case 'needs-domain':
      return [step('verify-spf', 'todo', 'needsDomain')];
    case 'domain-not-found':
      return [step('check-domain', 'problem')];
    case 'dns-unavailable':
      return [step('verify-spf', 'unknown', 'dnsUnavailable')];
    case 'no-record':
      // A misspelt record is corrected in place: publishing a second one beside it is not the fix.
      if (v.detail?.lookalike) return [step('verify-spf', 'problem', ctx.hasSuggestion ? 'lookalike' : 'lookalikeNoSuggestion'), resend(ctx)];
      return [step('verify-spf', 'problem', ctx.hasSuggestion ? 'noRecord' : 'noRecordNoSuggestion'), resend(ctx)];
    case 'record-invalid':
      return [step('verify-spf', 'problem', v.detail?.correction ? 'include-typo' : String(v.detail?.problem ?? 'evaluation')), resend(ctx)];
    case 'm365-not-authorized':
      return [step('verify-spf', 'problem', 'addM365'), resend(ctx)];
    case 'no-senders':
      // For a check it may be intended (a domain that sends no mail): a question, not a fault.
      return bounce ? [step('verify-spf', 'problem', 'noSenders'), resend(ctx)] : [step('verify-spf', 'todo', 'noSendersCheck')];
    case 'ip-not-authorized':
      return [step('verify-spf', 'problem', v.detail?.basis === 'service' ? 'ipService' : 'ip'), resend(ctx)];
    case 'relay-pool':
      return [
        step('verify-spf', v.detail?.recordProblems ? 'unknown' : 'ok', v.detail?.recordProblems ? 'relayAlsoBroken' : 'relay'),
        step('find-forwarding', 'todo'),
        step('sign-dkim', 'todo'),
        step('relay-destination', 'todo'),
      ];
    case 'high-risk-delivery-pool': {
      const noMailHost = v.detail?.sign === 'no-mail-host';
      return [
        step('verify-spf', 'ok', 'm365'),
        step('check-hrdp', 'problem', noMailHost ? 'noMailHost' : 'ipNotCovered'),
        ...(noMailHost ? [step('publish-mx', 'todo')] : []),
      ];
    }
    case 'fixed-since-bounce':
      return [step('verify-spf', 'ok', 'fixed'), resend(ctx, true)];
    case 'receiving-side': {
      const steps = [recordRight(v, ctx.m365Sender)];
      if (bounce && ctx.m365Sender) {
        if (v.confidence === 'confirmed') steps.push(step('check-hrdp', 'ok', 'ipPasses'));
        // +all passes every server, that pool's too: no need to know which IP sent the message.
        else steps.push(v.detail?.plusAll ? step('check-hrdp', 'ok', 'plusAll') : step('check-hrdp', 'unknown', 'noIp'));
      }
      steps.push(step('contact-remote-admin', 'todo', ctx.hasAdminMessage ? 'withMessage' : 'noMessage'));
      return steps;
    }
    case 'healthy':
      return [recordRight(v, ctx.m365Sender)];
  }
}
