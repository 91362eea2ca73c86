/**
 * Finished reports, reused for the same request while every DNS answer they rest on is still fresh.
 *
 * With the answers cached, a check is still a whole evaluation (the record tree walked, the IP evaluated,
 * the findings and the suggestion worked out) and gives the same report each time until an answer
 * expires. So the report itself is kept, keyed by everything the check was asked (domain, IP, Microsoft
 * 365, …, and the servers and limits it runs with), until the earliest of its answers expires. A report
 * that rests on a failed or unanswered question, or that says it is incomplete, is never kept. "Check
 * again" (`bypassCache`) always checks afresh (and keeps the fresh report).
 *
 * A reused report is what checking again from the cached answers would say: checked now, with answers
 * cached since they were fetched (`cachedSince`: the original's, or, when it fetched them itself, its check
 * time). Bounded in entries and in bytes like the answers' own cache (`cache.ts`). Kept reports are frozen:
 * one object is handed to every turn that reuses it.
 */
import { TtlLruCache } from './cache';
import type { DnsResolver, DnsResult } from './resolver';

export interface ReportCacheLimits {
  /** Reports kept at most (default 1000). */
  maxEntries?: number;
  /** Bytes the kept reports may hold at most, as their JSON at two bytes a character (default 4 MiB). */
  maxBytes?: number;
  now?: () => number;
}

/** What a report needs to be reused truthfully: when it was checked, and since when its answers were cached. */
export interface Stamped {
  checkedAt: string;
  cachedSince?: string;
  incomplete?: { reason: string };
}

/**
 * The resolver a check asks through, noting how long every answer it got may still be used: the report
 * can be kept as long as the shortest of them, and not at all if one failed or is still awaited.
 */
class Recorder implements DnsResolver {
  private pending = 0;
  private failed = false;
  private expiresAt = Infinity;

  constructor(
    private readonly base: DnsResolver,
    private readonly now: () => number,
  ) {}

  get servers(): string[] {
    return this.base.servers;
  }

  query(...args: Parameters<DnsResolver['query']>): Promise<DnsResult> {
    this.pending++;
    return this.base.query(...args).then(
      (r) => {
        this.pending--;
        if (r.ttl === undefined || r.ttl <= 0) this.failed = true;
        else this.expiresAt = Math.min(this.expiresAt, this.now() + r.ttl * 1000);
        return r;
      },
      (err: unknown) => {
        this.pending--;
        this.failed = true;
        throw err;
      },
    );
  }

  clearCache(): void {
    this.base.clearCache();
  }

  /** Seconds the report may be kept: 0 when it rests on an answer that failed, or on none yet. */
  keepSeconds(): number {
    if (this.failed || this.pending > 0 || this.expiresAt === Infinity) return 0;
    return Math.floor((this.expiresAt - this.now()) / 1000);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The report as a check from the cached answers would give it now. */
export function reused<R extends Stamped>(r: R, now: number): R {
  return { ...r, checkedAt: new Date(now).toISOString(), cachedSince: r.cachedSince ?? r.checkedAt };
}

export class ReportCache<R extends Stamped> {
  private readonly cache: TtlLruCache<R>;
  private readonly inflight = new Map<string, Promise<R>>();
  private readonly now: () => number;

  constructor(limits: ReportCacheLimits = {}) {
    this.now = limits.now ?? Date.now;
    this.cache = new TtlLruCache<R>({
      maxEntries: limits.maxEntries ?? 1000,
      maxBytes: limits.maxBytes ?? 4 * 2 ** 20,
      sizeOf: (key, r) => 2 * (key.length + JSON.stringify(r).length),
      now: this.now,
    });
  }

  get size(): number {
    return this.cache.size;
  }

  get bytes(): number {
    return this.cache.bytes;
  }

  /**
   * The report for `key`: a kept one, reused; or `check` run through `resolver` (wrapped, to see its
   * answers), and kept if it may be. Concurrent asks for the same key share one check.
   */
  async get(key: string, resolver: DnsResolver, check: (resolver: DnsResolver) => Promise<R>, reuse: (r: R, now: number) => R, bypassCache = false): Promise<R> {
    if (!bypassCache) {
      const hit = this.cache.get(key);
      if (hit) return reuse(hit.value, this.now());
      const shared = this.inflight.get(key);
      if (shared) return shared;
    }
    const recorder = new Recorder(resolver, this.now);
    const run = check(recorder).then((report) => {
      const seconds = report.incomplete ? 0 : recorder.keepSeconds();
      if (seconds > 0) this.cache.set(key, deepFreeze(report), seconds);
      return report;
    });
    if (!bypassCache) {
      this.inflight.set(key, run);
      void run.finally(() => this.inflight.delete(key)).catch(() => undefined);
    }
    return run;
  }

  clear(): void {
    this.cache.clear();
  }
}
