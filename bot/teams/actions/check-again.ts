/** Check again: the same diagnosis with DNS asked afresh, shown in place with what changed since. */
import { helpCard } from '../../cards';
import { checkDomain, diagnose } from '../../diagnosis';
import { allChecks, spfReportOf } from '../../diagnosis/stored';
import { MAX_CHECKS, priorChecks, recall } from '../state';
import { showCard, turnLocale } from '../turn';
import type { ActionHandler } from './types';

export const checkAgain: ActionHandler = async (ctx, data, env) => {
  const stored = await recall(env.state, ctx, data.diagnosisId);
  const before = stored?.diagnosis;
  const previous = before ? spfReportOf(before) : undefined;
  if (!stored || !before || !previous || before.playbook === 'none') {
    await showCard(ctx, helpCard(turnLocale(ctx)), undefined);
    return;
  }
  if (await env.overLimit(ctx)) return;
  const history = await priorChecks(env.state, ctx);
  await env.answerer.answer(ctx, {
    diagnosisId: stored.id,
    run: () =>
      before.subject === 'check'
        ? checkDomain(before.senderDomain ?? previous.domain, before.sendingIp, env.checks, history, true)
        : diagnose(before.bounce, { checks: env.checks, domain: before.senderDomain, bypassCache: true, history }),
    cardActivityId: ctx.activity.replyToId ?? stored.activityId,
    keep: { raw: stored.raw, caseId: stored.caseId, previous, checks: allChecks(stored).slice(-MAX_CHECKS) },
  });
};
