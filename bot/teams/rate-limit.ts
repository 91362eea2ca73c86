/**
 * Per-person limit on DNS checks (bounces diagnosed, `check`, Check again): a sliding window of the
 * last minute. Bounded: the least recently seen people are forgotten first.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly maxPeople = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a check for this person; returns 0 when allowed, else the seconds to wait. */
  take(person: string): number {
    if (this.perMinute <= 0) return 0;
    const t = this.now();
    const recent = (this.hits.get(person) ?? []).filter((x) => t - x < 60_000);
    this.hits.delete(person);
    if (recent.length >= this.perMinute) {
      this.hits.set(person, recent);
      return Math.max(1, Math.ceil((recent[0]! + 60_000 - t) / 1000));
    }
    recent.push(t);
    this.hits.set(person, recent);
    if (this.hits.size > this.maxPeople) this.hits.delete(this.hits.keys().next().value as string);
    return 0;
  }

  get size(): number {
    return this.hits.size;
  }
}
