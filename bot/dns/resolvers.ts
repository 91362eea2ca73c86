/**
 * Resolvers shared across checks, one per server list and timeout, so answers stay cached between
 * bounces (the cache is the point: the same sender domains come back again and again).
 */
import { createResolver, type DnsResolver } from './resolver';

const shared = new Map<string, DnsResolver>();
export const MAX_SHARED_RESOLVERS = 8;

export function sharedResolver(servers: string[] | undefined, timeoutMs: number | undefined): DnsResolver {
  const key = `${(servers ?? []).join(',')}|${timeoutMs ?? ''}`;
  let r = shared.get(key);
  if (!r) {
    if (shared.size >= MAX_SHARED_RESOLVERS) shared.clear();
    r = createResolver({ servers, timeoutMs });
    shared.set(key, r);
  }
  return r;
}
