/**
 * An LRU whose entries expire after their own TTL, for DNS answers, bounded both in entries and in bytes: a
 * TXT answer over TCP can be tens of KiB, so a count alone would let a few thousand large answers hold
 * hundreds of MiB. A Map keeps insertion order, so re-inserting on every hit makes the first key the least
 * recently used one.
 */
export interface CacheLimits<V> {
  maxEntries: number;
  /** Bytes the cached values may hold at most, as `sizeOf` estimates them. */
  maxBytes: number;
  sizeOf: (key: string, value: V) => number;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  bytes: number;
}

export class TtlLruCache<V> {
  private readonly map = new Map<string, Entry<V>>();
  private held = 0;
  private readonly now: () => number;

  constructor(private readonly limits: CacheLimits<V>) {
    this.now = limits.now ?? Date.now;
  }

  get size(): number {
    return this.map.size;
  }

  /** Estimated bytes held by the cached values. */
  get bytes(): number {
    return this.held;
  }

  /** The value and the seconds it has left, or undefined when absent or expired. */
  get(key: string): { value: V; remainingSec: number } | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    const left = hit.expiresAt - this.now();
    if (left <= 0) {
      this.remove(key, hit);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, hit);
    return { value: hit.value, remainingSec: Math.ceil(left / 1000) };
  }

  set(key: string, value: V, ttlSec: number): void {
    if (ttlSec <= 0 || this.limits.maxEntries <= 0) return;
    const bytes = this.limits.sizeOf(key, value);
    const old = this.map.get(key);
    if (old) this.remove(key, old);
    // One answer larger than the whole budget is not kept (it would empty the cache for itself).
    if (bytes > this.limits.maxBytes) return;
    this.map.set(key, { value, expiresAt: this.now() + ttlSec * 1000, bytes });
    this.held += bytes;
    while (this.map.size > this.limits.maxEntries || this.held > this.limits.maxBytes) {
      const oldest = this.map.entries().next().value;
      if (!oldest) break;
      this.remove(oldest[0], oldest[1]);
    }
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }

  private remove(key: string, entry: Entry<V>): void {
    this.map.delete(key);
    this.held -= entry.bytes;
  }
}
