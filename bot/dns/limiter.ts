/** Caps how many DNS queries are on the wire at once, so one wide SPF tree cannot flood a resolver. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  /** Waits for a slot; resolves to false when `deadline` passes first (the slot is then not taken). */
  acquire(deadline: number): Promise<boolean> {
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.active++;
        resolve(true);
      };
      const timer = setTimeout(
        () => {
          const i = this.waiting.indexOf(wake);
          if (i >= 0) this.waiting.splice(i, 1);
          resolve(false);
        },
        // setTimeout cannot wait longer than 2^31-1 ms (an infinite deadline would fire at once).
        Math.min(Math.max(0, deadline - Date.now()), 2 ** 31 - 1),
      );
      this.waiting.push(wake);
    });
  }

  release(): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) next();
  }
}
