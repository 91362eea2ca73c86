/**
 * Teams delivers an activity again (same `id`, same conversation) when the bot did not acknowledge it in
 * time; the person sent one message and expects one answer. This instance remembers the activities it
 * took, bounded, so a redelivery that arrives while the first is still being answered is caught at once;
 * the conversation state remembers the last few (as it does for e-mail), for a redelivery that reaches
 * another instance after the first turn was saved.
 */
export const MAX_RECENT_ACTIVITIES = 10_000;

export class RecentActivities {
  /** Insertion-ordered: the oldest key is dropped first when the set is full. */
  private readonly keys = new Set<string>();

  constructor(private readonly max = MAX_RECENT_ACTIVITIES) {}

  /** True the first time this activity of this conversation is seen (and it is remembered); false after. */
  first(conversationId: string, activityId: string): boolean {
    const key = `${conversationId}\n${activityId}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.max) {
      const oldest = this.keys.values().next();
      if (!oldest.done) this.keys.delete(oldest.value);
    }
    return true;
  }
}
