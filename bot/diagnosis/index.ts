/**
 * diagnose(bounce) → Diagnosis: which playbook, which checks, one verdict, what to do. Pure data; the only
 * I/O is the checks passed in, so the CLI, the bot and tests drive it the same way.
 */
import type { Bounce } from '../ndr/types';
import type { Checks } from '../dns/checks';
import { rankedRecipients } from './recipients';
import { playbook } from './registry';
import type { Diagnosis, NotBounceDiagnosis, PlaybookId, PriorCheck, RecipientDiagnosis } from './types';

export type { Diagnosis, PlaybookId, PriorCheck } from './types';
export type { Checks, SpfChecker, SpfCheckRequest } from '../dns/checks';
export { checkDomain } from './playbooks/spf';
export { noBounce } from './no-bounce';

export interface DiagnoseOptions {
  checks: Checks;
  /** The sender's domain when the person told us (the bounce did not say). */
  domain?: string;
  bypassCache?: boolean;
  /** Earlier checks in this conversation. */
  history?: PriorCheck[];
}

export type Triage =
  | { kind: 'not-bounce' }
  | { kind: 'diagnose'; playbook: PlaybookId; needsDomain: boolean; checksDns: boolean; domain?: string };

/** A bounce that names no recipient at all still failed somewhere: the generic playbook says what it can. */
function primaryOf(recipients: RecipientDiagnosis[]): RecipientDiagnosis {
  return recipients[0] ?? { playbook: 'generic' as PlaybookId, owner: 'varies' };
}

/** Which playbook a bounce needs and what it must know, before any DNS is asked ("Checking …" at once). */
export function triage(bounce: Bounce, domain?: string): Triage {
  if (!bounce.isBounce) return { kind: 'not-bounce' };
  const p = playbook(primaryOf(rankedRecipients(bounce)).playbook);
  return { kind: 'diagnose', playbook: p.id, ...p.plan(bounce, domain) };
}

export function notBounce(bounce: Bounce): NotBounceDiagnosis {
  return {
    playbook: 'none',
    subject: 'not-bounce',
    bounce,
    recipients: [],
    verdict: { cause: 'not-a-bounce', confidence: 'confirmed', evidence: [`kind:${bounce.kind}`] },
    steps: [],
    owner: 'sender',
    escalationSuggested: false,
  };
}

export async function diagnose(bounce: Bounce, opts: DiagnoseOptions): Promise<Diagnosis> {
  if (!bounce.isBounce) return notBounce(bounce);
  const recipients = rankedRecipients(bounce);
  const primary = primaryOf(recipients);
  return playbook(primary.playbook).diagnose({
    bounce,
    recipients,
    primary,
    checks: opts.checks,
    domain: opts.domain,
    bypassCache: opts.bypassCache,
    history: opts.history ?? [],
  });
}
