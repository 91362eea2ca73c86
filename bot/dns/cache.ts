/**
 * A size-bounded LRU whose entries expire after their own TTL, for DNS answers. A Map keeps insertion
 * order, so re-inserting on every hit makes the first key the least recently used one.
 */
export class TtlLruCache<V> {
  private readonly map = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The value and the seconds it has left, or undefined when absent or expired. */
  get(key: string): { value: V; remainingSec: number } | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    const left = hit.expiresAt - this.now();
    if (left <= 0) {
      this.map.delete(key);
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, hit);
    return { value: hit.value, remainingSec: Math.ceil(left / 1000) };
  }

  set(key: string, value: V, ttlSec: number): void {
    if (ttlSec <= 0 || this.maxEntries <= 0) return;
    this.map.delete(key);
    this.map.set(key, { value, expiresAt: this.now() + ttlSec * 1000 });
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }

  clear(): void {
    this.map.clear();
  }
}
