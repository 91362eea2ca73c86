/**
 * What the bot has said in each playground conversation, as an ordered list of events (a message posted,
 * updated or deleted), kept in memory for the page's event stream. Everything is bounded: conversations
 * (least recently used go first), events and bytes per conversation, listeners per conversation.
 */

export type FeedOp = 'post' | 'update' | 'delete';

export interface FeedEvent {
  /** 1, 2, 3 … within its conversation: the event stream's id, so a reconnecting page resumes after it. */
  seq: number;
  op: FeedOp;
  activity: Record<string, unknown>;
  /** Size of the event as sent on the stream. */
  json: string;
}

export interface FeedLimits {
  maxConversations: number;
  maxEventsPerConversation: number;
  maxBytesPerConversation: number;
  maxListenersPerConversation: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxConversations: 50,
  maxEventsPerConversation: 100,
  maxBytesPerConversation: 2 * 1024 * 1024,
  maxListenersPerConversation: 4,
};

export interface FeedListener {
  send(event: FeedEvent): void;
  /** The conversation was dropped or the server is closing: end the stream. */
  end(): void;
}

interface Conversation {
  events: FeedEvent[];
  bytes: number;
  nextSeq: number;
  listeners: Set<FeedListener>;
}

export class PlaygroundFeed {
  private readonly conversations = new Map<string, Conversation>();
  private nextActivity = 1;

  constructor(readonly limits: FeedLimits = DEFAULT_FEED_LIMITS) {}

  /** A new id for an activity the bot posts, unique for the life of the server. */
  newActivityId(): string {
    return `pg-${this.nextActivity++}`;
  }

  get conversationCount(): number {
    return this.conversations.size;
  }

  /** The buffered events of a conversation (for tests and diagnostics). */
  events(conversationId: string): readonly FeedEvent[] {
    return this.conversations.get(conversationId)?.events ?? [];
  }

  publish(conversationId: string, op: FeedOp, activity: Record<string, unknown>): FeedEvent {
    const conv = this.touch(conversationId);
    const seq = conv.nextSeq++;
    const event: FeedEvent = { seq, op, activity, json: JSON.stringify({ op, activity }) };
    conv.events.push(event);
    conv.bytes += event.json.length;
    // Keep the newest event even when it alone is over the byte budget: the page must see it once.
    while (conv.events.length > 1 && (conv.events.length > this.limits.maxEventsPerConversation || conv.bytes > this.limits.maxBytesPerConversation)) {
      conv.bytes -= conv.events.shift()!.json.length;
    }
    for (const l of conv.listeners) l.send(event);
    return event;
  }

  /**
   * Adds a listener and returns the events it missed (those after `afterSeq`, or all buffered ones), or
   * undefined when the conversation already has as many listeners as allowed.
   */
  subscribe(conversationId: string, listener: FeedListener, afterSeq = 0): { backlog: FeedEvent[]; unsubscribe: () => void } | undefined {
    const conv = this.touch(conversationId);
    if (conv.listeners.size >= this.limits.maxListenersPerConversation) return undefined;
    conv.listeners.add(listener);
    return {
      backlog: conv.events.filter((e) => e.seq > afterSeq),
      unsubscribe: () => conv.listeners.delete(listener),
    };
  }

  /** Ends every stream (the server is closing). */
  endAll(): void {
    for (const conv of this.conversations.values()) {
      for (const l of conv.listeners) l.end();
      conv.listeners.clear();
    }
  }

  /** The conversation, created if new, moved to the most recently used end; the oldest dropped when over the cap. */
  private touch(conversationId: string): Conversation {
    let conv = this.conversations.get(conversationId);
    if (conv) this.conversations.delete(conversationId);
    else conv = { events: [], bytes: 0, nextSeq: 1, listeners: new Set() };
    this.conversations.set(conversationId, conv);
    while (this.conversations.size > this.limits.maxConversations) {
      const [oldestId, oldest] = this.conversations.entries().next().value as [string, Conversation];
      for (const l of oldest.listeners) l.end();
      this.conversations.delete(oldestId);
    }
    return conv;
  }
}
