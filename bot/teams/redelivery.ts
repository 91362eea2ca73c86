/**
 * Teams delivers an activity again (same `id`, same conversation) when the bot did not acknowledge it in
 * time; the person sent one message and expects one answer. This instance remembers the activities it
 * took, bounded, so a redelivery that arrives while the first is still being answered is caught at once;
 * the conversation state remembers the last few (as it does for e-mail), for a redelivery that reaches
 * another instance after the first turn was saved.
 */
export const MAX_RECENT_ACTIVITIES = 10_000;

export class RecentActivities {
  private readonly keys = new Set<string>();
  /**
   * The same keys in the order they came, in a ring: the slot the next key takes holds the oldest. (Dropping
   * the first of an insertion-ordered Set instead walks past the deleted entries at its front: 1.4 µs a call
   * before the set fills, 5.9 µs after.)
   */
  private readonly order: string[] = [];
  private next = 0;

  constructor(private readonly max = MAX_RECENT_ACTIVITIES) {}

  /** True the first time this activity of this conversation is seen (and it is remembered); false after. */
  first(conversationId: string, activityId: string): boolean {
    const key = `${conversationId}\n${activityId}`;
    if (this.keys.has(key)) return false;
    if (this.order.length < this.max) this.order.push(key);
    else {
      this.keys.delete(this.order[this.next]!);
      this.order[this.next] = key;
      this.next = (this.next + 1) % this.max;
    }
    this.keys.add(key);
    return true;
  }
}

/**
 * The answers to recent invokes (a card button, "Diagnose bounce"), by conversation and activity id. An invoke
 * delivered again must still get an HTTP answer, and the right one is the first delivery's: running it again
 * posted the diagnosis or the note to the chat a second time. A copy that arrives while the first is still
 * being answered waits for that answer. Bounded: the oldest answer is dropped first (a card each, so fewer
 * than the message ids above).
 */
export class RecentInvokeAnswers<T> {
  private readonly answers = new Map<string, Promise<T | undefined>>();

  constructor(private readonly max = 256) {}

  /** The answer given (or being given) to this invoke, if it was delivered before. */
  earlier(conversationId: string, activityId: string): Promise<T | undefined> | undefined {
    return this.answers.get(`${conversationId}\n${activityId}`);
  }

  /** Remembers the answer being given; an answer that fails is forgotten, so a retry runs afresh. */
  keep(conversationId: string, activityId: string, answer: Promise<T>): void {
    const key = `${conversationId}\n${activityId}`;
    const kept = answer.catch(() => {
      if (this.answers.get(key) === kept) this.answers.delete(key);
      return undefined;
    });
    this.answers.set(key, kept);
    if (this.answers.size > this.max) this.answers.delete(this.answers.keys().next().value!);
  }
}
