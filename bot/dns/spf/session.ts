/**
 * The DNS view of one check: every question is asked at most once (so a prefetch and the evaluation
 * that later needs the answer share one query, and all parts of a check see the same data), all under
 * one deadline. Prefetches have their own budget so a hostile record cannot make a check flood DNS.
 */
import { normalizeName } from '../names';
import type { DnsRecordType, DnsResolver, DnsResult } from '../resolver';

export interface SessionOptions {
  /** Epoch ms after which every query answers TIMEOUT (`detail: 'deadline'`). */
  deadline: number;
  bypassCache?: boolean;
  signal?: AbortSignal;
  /** Queries a check may start ahead of need (default 60). */
  prefetchBudget?: number;
}

export class DnsSession {
  private readonly memo = new Map<string, Promise<DnsResult>>();
  private readonly answers = new Map<string, DnsResult>();
  private readonly listeners = new Set<() => void>();
  private prefetchLeft: number;
  /** Epoch ms of the oldest answer this check took from the cache, if it took any. */
  oldestCachedAt?: number;

  constructor(
    readonly resolver: DnsResolver,
    readonly opts: SessionOptions,
  ) {
    this.prefetchLeft = opts.prefetchBudget ?? 60;
  }

  get deadline(): number {
    return this.opts.deadline;
  }

  query(name: string, type: DnsRecordType): Promise<DnsResult> {
    const key = `${type} ${normalizeName(name)}`;
    let p = this.memo.get(key);
    if (!p) {
      p = this.resolver.query(name, type, {
        deadline: this.opts.deadline,
        bypassCache: this.opts.bypassCache,
        signal: this.opts.signal,
      });
      void p.then((r) => {
        if (r.fromCache && r.receivedAt !== undefined) this.oldestCachedAt = Math.min(this.oldestCachedAt ?? Infinity, r.receivedAt);
      });
      this.memo.set(key, p);
      // Registered before any caller's own continuation: listeners see the answer first.
      void p.then(
        (r) => {
          this.answers.set(key, r);
          for (const f of [...this.listeners]) f();
        },
        () => undefined,
      );
    }
    return p;
  }

  /** The answer to a question already asked and answered in this session, if any. */
  settled(name: string, type: DnsRecordType): DnsResult | undefined {
    return this.answers.get(`${type} ${normalizeName(name)}`);
  }

  /** Calls `f` after each answer arrives; returns the function that stops it. */
  onAnswer(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  /** Starts a query the check will probably need; false when the budget is spent. */
  prefetch(name: string, type: DnsRecordType): Promise<DnsResult> | undefined {
    const key = `${type} ${normalizeName(name)}`;
    const known = this.memo.get(key);
    if (known) return known;
    if (this.prefetchLeft <= 0 || Date.now() >= this.opts.deadline) return undefined;
    this.prefetchLeft--;
    return this.query(name, type);
  }
}
