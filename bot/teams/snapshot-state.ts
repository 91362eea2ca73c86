/**
 * Bot state that notices a change by comparing JSON snapshots of the state, where botbuilder's `BotState`
 * hashes it (a replacer-walked copy through SHA-256) once on load, once before saving and once after.
 * For a conversation that held its last diagnoses and transcript (about 44 thousand characters, before those
 * moved to items of their own in bot/teams/state.ts) the three hashes were the largest share of a turn's own
 * CPU (BENCHMARKS.md); a snapshot costs one native `JSON.stringify` on load and one on save. Same storage
 * keys, the same write-if-changed behaviour, and `eTag: '*'` on write (last writer wins), as botbuilder's own.
 */
import { ConversationState, UserState, type BotState, type Storage, type TurnContext } from 'botbuilder';

interface Cached {
  state: Record<string, unknown>;
  /** The state as last read or written, without its eTag; `undefined` when it was never read. */
  json: string | undefined;
}

// TypeScript's mixin rule: a base class constructor typed with a single `any[]` rest parameter.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type StateClass = new (...args: any[]) => BotState;

function snapshot(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/** A state whose caller can say a turn changes it, sparing the snapshot that would only be compared and dropped. */
export interface ChangeExpecting {
  /** This turn, if it saves at all, changes the state: loaded after this, it is written at the save without a comparison. */
  expectChange(ctx: TurnContext): void;
}

export function expectsChanges(state: object): state is ChangeExpecting {
  return typeof (state as Partial<ChangeExpecting>).expectChange === 'function';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withSnapshots<T extends StateClass>(Base: T): T & (new (...args: any[]) => ChangeExpecting) {
  const cacheKey = Symbol(`${Base.name} snapshot`);
  const changeKey = Symbol(`${Base.name} changes`);
  // botbuilder's own storage and key factory, kept by the base class for its subclasses.
  type Internals = { storage: Storage; storageKey: (ctx: TurnContext) => Promise<string> | string };
  return class extends Base {
    override async load(ctx: TurnContext, force = false): Promise<Record<string, unknown>> {
      const cached = ctx.turnState.get(cacheKey) as Cached | undefined;
      if (cached && !force) return cached.state;
      const self = this as unknown as Internals;
      const key = await self.storageKey(ctx);
      const items = await self.storage.read([key]);
      const state = (items[key] ?? {}) as Record<string, unknown>;
      // A state this turn is known to change is written anyway: a snapshot would only be compared and dropped.
      ctx.turnState.set(cacheKey, { state, json: ctx.turnState.get(changeKey) ? undefined : snapshot(state) } satisfies Cached);
      return state;
    }

    expectChange(ctx: TurnContext): void {
      ctx.turnState.set(changeKey, true);
    }

    override async saveChanges(ctx: TurnContext, force = false): Promise<void> {
      let cached = ctx.turnState.get(cacheKey) as Cached | undefined;
      if (!cached && !force) return;
      cached ??= { state: {}, json: undefined };
      const known = !force && cached.json === undefined && Boolean(ctx.turnState.get(changeKey));
      const now = known ? undefined : snapshot(cached.state);
      if (!force && !known && now === cached.json) return;
      const self = this as unknown as Internals;
      const key = await self.storageKey(ctx);
      cached.state.eTag = '*';
      await self.storage.write({ [key]: cached.state });
      cached.json = now;
      ctx.turnState.set(cacheKey, cached);
    }

    override clear(ctx: TurnContext): Promise<void> {
      // Written as empty at the next save, as botbuilder's clear does.
      ctx.turnState.set(cacheKey, { state: {}, json: undefined } satisfies Cached);
      return Promise.resolve();
    }

    override async delete(ctx: TurnContext): Promise<void> {
      ctx.turnState.delete(cacheKey);
      const self = this as unknown as Internals;
      await self.storage.delete([await self.storageKey(ctx)]);
    }

    override get(ctx: TurnContext): Record<string, unknown> | undefined {
      return (ctx.turnState.get(cacheKey) as Cached | undefined)?.state;
    }
  };
}

export const SnapshotConversationState = withSnapshots(ConversationState);
export const SnapshotUserState = withSnapshots(UserState);
