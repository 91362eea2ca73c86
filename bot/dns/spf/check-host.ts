/**
 * `checkHost`: the RFC 7208 check_host() for one connection (IP, MAIL FROM, HELO), with its trace.
 * Never throws: bad input, DNS failure and the deadline all come back as results with a reason.
 */
import { hostname } from 'node:os';
import { nameProblem, normalizeName } from '../names';
import type { DnsResolver } from '../resolver';
import { sharedResolver } from '../resolvers';
import type { SpfResult, TraceTerm } from '../types';
import { Evaluator } from './evaluate';
import { parseClientIp } from './ip';
import { DnsSession } from './session';

export interface CheckHostQuery {
  ip: string;
  /** MAIL FROM; empty means the HELO identity is checked (RFC 7208 2.3/2.4). */
  mailFrom: string;
  helo: string;
  /** `host` or `host:port` (`[v6]:port`); default: the system's servers. */
  dnsServers?: string[];
  /** Wait per DNS attempt (default 2000 ms). */
  timeoutMs?: number;
  /** Evaluate this draft in place of the record published at `domain` ("what if I publish this?"). */
  recordOverride?: { domain: string; record: string };
  /** Budget for the whole check (default 8000 ms); past it the result is temperror (`reason: 'deadline'`). */
  deadlineMs?: number;
  bypassCache?: boolean;
  resolver?: DnsResolver;
  /** `%{r}` in explanations: this checker's host name (default: the machine's). */
  receiver?: string;
}

export const DEFAULT_DEADLINE_MS = 8000;

interface Identity {
  domain: string;
  local: string;
}

/** RFC 7208 4.1/4.3: the domain to check and the local-part, from MAIL FROM or else HELO. */
export function identity(mailFrom: string, helo: string): Identity {
  const from = (typeof mailFrom === 'string' ? mailFrom : '').trim().replace(/^<(.*)>$/, '$1');
  if (!from) return { domain: (typeof helo === 'string' ? helo : '').trim(), local: 'postmaster' };
  const at = from.lastIndexOf('@');
  if (at < 0) return { domain: from, local: 'postmaster' };
  return { domain: from.slice(at + 1), local: from.slice(0, at) || 'postmaster' };
}

/** RFC 7208 4.3: a malformed domain, or one that is not fully qualified, gives `none` without any query. */
export function identityProblem(domain: string): string | undefined {
  const d = domain.replace(/\.$/, '');
  if (!d) return 'empty-name';
  if (/^\[.*\]$/.test(d)) return 'domain-literal';
  const problem = nameProblem(d);
  if (problem) return problem;
  if (!d.includes('.')) return 'not-fqdn';
  if (/[\s\x00-\x1f\x7f]/.test(d)) return 'bad-characters';
  return undefined;
}

function emptyResult(domain: string, result: SpfResult['result'], reason: string): SpfResult {
  return { result, reason, domain, lookups: 0, voidLookups: 0, trace: { records: [], terms: [] } };
}

/** The first deciding term that is not a redirect: for a redirect, the target's term decided. */
function decidingTerm(path: TraceTerm[]): TraceTerm | undefined {
  return path.find((t) => !/^redirect=/i.test(t.term));
}

/** check_host() on a session shared with other parts of a check (checkSpf uses it directly). */
export async function checkHostIn(
  session: DnsSession,
  q: Pick<CheckHostQuery, 'ip' | 'mailFrom' | 'helo' | 'recordOverride' | 'receiver'>,
  opts: { prefetch?: boolean } = {},
): Promise<SpfResult> {
  const id = identity(q.mailFrom, q.helo);
  const domain = normalizeName(id.domain);
  try {
    const ip = parseClientIp(q.ip);
    if (!ip) return emptyResult(domain, 'none', 'invalid-ip');
    const problem = identityProblem(id.domain);
    if (problem) return emptyResult(domain, 'none', `invalid-domain:${problem}`);
    const evaluator = new Evaluator({
      session,
      ip,
      sender: `${id.local}@${domain}`,
      local: id.local,
      senderDomain: domain,
      helo: typeof q.helo === 'string' ? q.helo.trim() : '',
      receiver: q.receiver ?? hostname(),
      now: Math.floor(Date.now() / 1000),
      override: q.recordOverride,
      prefetch: opts.prefetch,
    });
    const out = await evaluator.run(domain);
    const result: SpfResult = {
      result: out.result,
      domain,
      lookups: out.lookups,
      voidLookups: out.voidLookups,
      trace: out.trace,
    };
    if (out.explanation !== undefined) result.explanation = out.explanation;
    if (out.reason) result.reason = out.reason;
    if (out.decidingPath.length) {
      result.decidingPath = out.decidingPath;
      result.decidingTerm = decidingTerm(out.decidingPath);
    }
    return result;
  } catch (err) {
    // A bug must not take the bot down; say so in the result instead.
    return emptyResult(domain, 'temperror', `internal-error:${(err as Error)?.message ?? String(err)}`);
  }
}

export async function checkHost(q: CheckHostQuery): Promise<SpfResult> {
  let resolver: DnsResolver;
  try {
    resolver = q.resolver ?? sharedResolver(q.dnsServers, q.timeoutMs);
  } catch (err) {
    return emptyResult(identity(q.mailFrom, q.helo).domain, 'temperror', `bad-dns-server:${(err as Error).message}`);
  }
  const session = new DnsSession(resolver, {
    deadline: Date.now() + (q.deadlineMs ?? DEFAULT_DEADLINE_MS),
    bypassCache: q.bypassCache,
  });
  return checkHostIn(session, q);
}
