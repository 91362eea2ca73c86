/**
 * Who may claim, question or resolve a case: people named in configuration, or members of the support
 * team's roster in Teams. The requester never handles their own case from the support card.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { GroupMembership } from './graph-groups';
import type { EscalationRecord } from './types';

export interface SupportAccessConfig {
  /** AAD object ids of support agents (in addition to the support team's roster). */
  supportUserIds: string[];
  /** Entra ID groups whose members are support agents (checked through Microsoft Graph). */
  supportGroupIds: string[];
  groups?: GroupMembership;
  /** The support team whose roster counts as "support". */
  teamId?: string;
}

export type AccessDecision = 'allowed' | 'not-member' | 'own-case';

export async function supportAccess(ctx: TurnContext, cfg: SupportAccessConfig, record: EscalationRecord): Promise<AccessDecision> {
  const from = ctx.activity.from;
  if (from?.aadObjectId && from.aadObjectId === record.requester.aadObjectId) return 'own-case';
  if (from?.aadObjectId && cfg.supportUserIds.includes(from.aadObjectId)) return 'allowed';
  if (from?.aadObjectId && cfg.groups && cfg.supportGroupIds.length && (await cfg.groups.isMember(from.aadObjectId, cfg.supportGroupIds))) return 'allowed';
  if (cfg.teamId && from?.id) {
    try {
      const member = await TeamsInfo.getTeamMember(ctx, cfg.teamId, from.id);
      if (member?.id) return 'allowed';
    } catch {
      // Not on the roster (404), or the roster cannot be read: refuse rather than guess.
    }
  }
  return 'not-member';
}
