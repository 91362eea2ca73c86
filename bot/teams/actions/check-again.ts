/**
 * Check again: the same diagnosis with every DNS check its playbook made asked afresh (SPF, DKIM and
 * DMARC, the recipient domain's mail host, …), shown in place with what changed since. A diagnosis that
 * rests on no DNS check has no Check again button; a button whose diagnosis is gone leaves its card as is.
 */
import { checkDomain, diagnose } from '../../diagnosis';
import { allChecks, checksDns, earlierChecksOf, spfReportOf } from '../../diagnosis/stored';
import { MAX_CHECKS, priorChecks, recall } from '../state';
import { leaveCard } from '../turn';
import { caseContext } from './escalate';
import type { ActionHandler } from './types';

export const checkAgain: ActionHandler = async (ctx, data, env) => {
  const stored = await recall(env.state, ctx, data.diagnosisId);
  const before = stored?.diagnosis;
  if (!stored || !before || before.playbook === 'none' || !checksDns(before)) {
    env.log.info({ conversation: ctx.activity.conversation?.id, found: Boolean(stored) }, 'check again: nothing to check');
    await leaveCard(ctx, 'staleCard');
    return;
  }
  if (await env.overLimit(ctx)) return;
  const history = await priorChecks(env.state, ctx);
  // The case as it stands: resolved (the card offers to reopen it), or saved with no channel told.
  const { resolvedCase, caseUnannounced } = await caseContext(env, stored.caseId);
  // A `check <domain>` has no bounce to read again: it is the SPF check of that domain.
  const checkedDomain = before.senderDomain ?? spfReportOf(before)?.domain;
  await env.answerer.answer(ctx, {
    diagnosisId: stored.id,
    run: () =>
      before.subject === 'check' && checkedDomain
        ? checkDomain(checkedDomain, before.sendingIp, env.checks, history, true)
        : diagnose(before.bounce, { checks: env.checks, domain: before.senderDomain, bypassCache: true, history }),
    cardActivityId: ctx.activity.replyToId ?? stored.activityId,
    keep: { raw: stored.raw, caseId: stored.caseId, ...earlierChecksOf(before), checks: allChecks(stored).slice(-MAX_CHECKS) },
    resolvedCase,
    caseUnannounced,
    // The card still answers the message it came from: an edit of that message replaces it.
    source: stored.source,
  });
};
