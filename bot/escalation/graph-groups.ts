/**
 * Support-team membership by Entra ID group, through Microsoft Graph's checkMemberGroups. The bot's
 * identity needs the GroupMember.Read.All application permission. Answers are cached for a few minutes
 * (bounded), and any failure counts as "not a member": refuse rather than guess.
 */
export interface GroupMembership {
  isMember(aadObjectId: string, groupIds: string[]): Promise<boolean>;
}

export interface GraphOptions {
  baseUrl: string;
  getToken: () => Promise<string>;
  timeoutMs?: number;
  cacheMs?: number;
}

const MAX_CACHE = 5000;

export function graphGroupMembership(opts: GraphOptions): GroupMembership {
  const cache = new Map<string, { member: boolean; at: number }>();
  const ttl = opts.cacheMs ?? 5 * 60_000;
  return {
    async isMember(aadObjectId, groupIds) {
      if (!groupIds.length || !/^[0-9a-f-]{36}$/i.test(aadObjectId)) return false;
      const key = `${aadObjectId}|${groupIds.join(',')}`;
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < ttl) return hit.member;
      let member = false;
      try {
        const res = await fetch(`${opts.baseUrl.replace(/\/$/, '')}/v1.0/users/${encodeURIComponent(aadObjectId)}/checkMemberGroups`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await opts.getToken()}`, 'content-type': 'application/json' },
          body: JSON.stringify({ groupIds }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
        });
        if (res.ok) member = (((await res.json()) as { value?: string[] }).value ?? []).length > 0;
      } catch {
        member = false;
      }
      cache.delete(key);
      cache.set(key, { member, at: Date.now() });
      if (cache.size > MAX_CACHE) cache.delete(cache.keys().next().value as string);
      return member;
    },
  };
}
