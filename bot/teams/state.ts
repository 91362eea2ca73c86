/**
 * What the bot remembers. User state: the language the person chose. Conversation state: the dialog
 * stack, the SPF checks it made and e-mail ids it has seen, and where its last few diagnoses (for "Check
 * again", "Language" and escalation) and its transcript (for escalation) are kept, bounded in size.
 *
 * Diagnoses and the transcript are the bulk of a conversation (a diagnosis holds the bounce and every SPF
 * report; the transcript every message and card as text), and a turn reads neither: a paste only adds to
 * them. So they live in storage items of their own beside the conversation's, written once when a turn
 * adds or changes one and read only when a turn needs it (a card button, an escalation). The conversation
 * item keeps the few ids and counts that say where they are, so a turn reads and writes a few hundred
 * characters of state where it used to read, compare and write all of it (BENCHMARKS.md).
 *
 *   <conversation key>             the conversation state (dialog stack, `data` below)
 *   <conversation key>diagnosis/<n> one kept diagnosis (n: its place, reused once it is dropped)
 *   <conversation key>transcript/<n> the transcript entries of one turn (n: the turn's number, in a ring)
 *
 * Items are written with the conversation's at the end of the turn (`save`); each says what it holds, so
 * an item left behind by a turn whose conversation write failed is never taken for another.
 */
import { createHash } from 'node:crypto';
import type { ConversationState, StatePropertyAccessor, Storage, StoreItem, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { StoredDiagnosis } from '../diagnosis/stored';
import type { PriorCheck } from '../diagnosis/types';
import type { TranscriptEntry } from '../escalation/types';
import type { Locale } from '../cards/locale';
import { expectsChanges } from './snapshot-state';

export type { StoredDiagnosis } from '../diagnosis/stored';

/** Where a kept diagnosis is: its id and its place among the conversation's diagnosis items. */
export interface DiagnosisRef {
  id: string;
  slot: number;
}

export interface ConversationData {
  /** The kept diagnoses, newest first (state written before diagnoses had items of their own holds them whole). */
  diagnoses: (DiagnosisRef | StoredDiagnosis)[];
  /** The transcript's items: the number the next turn's takes, and how many entries each kept one holds, oldest first. */
  transcriptTurns?: { next: number; entries: number[] };
  /** The transcript as state written before it had items of its own holds it; moved to an item on the next turn. */
  transcript?: TranscriptEntry[];
  /** Activities already handled (channels that redeliver, such as e-mail), as `seenKey` keeps them, newest first. */
  seen: string[];
  /** The SPF checks of this conversation and what they concluded, newest last, bounded; one per domain, IP and conclusion. */
  checked?: PriorCheck[];
}

export interface UserProfile {
  locale?: Locale;
}

export const MAX_DIAGNOSES = 5;
export const MAX_SEEN = 50;
export const MAX_RAW_CHARS = 64 * 1024;
export const MAX_TRANSCRIPT = 40;
export const MAX_CHECKS = 5;
export const MAX_PRIOR_CHECKS = 20;
/** Transcript items in the ring: every kept turn has at least one entry, so MAX_TRANSCRIPT turns cover the last entries. */
const TRANSCRIPT_RING = MAX_TRANSCRIPT + 1;

export interface BotState {
  conversationState: ConversationState;
  userState: UserState;
  dialogState: StatePropertyAccessor<DialogState>;
  conversationData: StatePropertyAccessor<ConversationData>;
  userProfile: StatePropertyAccessor<UserProfile>;
  /** Where the conversation state is kept, and its diagnosis and transcript items with it. */
  storage: Storage;
  save(ctx: TurnContext): Promise<void>;
}

/** A diagnosis item: the stored diagnosis, with an earlier check that is also the last of `checks` kept once. */
type DiagnosisItem = Omit<StoredDiagnosis, 'previous'> & { previous?: StoredDiagnosis['previous']; previousIsLastCheck?: true };

interface TranscriptItem {
  turn: number;
  entries: TranscriptEntry[];
}

/** This turn's items: those to write and to delete at the end of the turn, and those read so far. */
interface TurnItems {
  write: Map<string, StoreItem>;
  remove: Set<string>;
  read: Map<string, StoreItem | undefined>;
}

const ITEMS = Symbol('bounceDoctor.stateItems');

function turnItems(ctx: TurnContext): TurnItems {
  let items = ctx.turnState.get(ITEMS) as TurnItems | undefined;
  if (!items) {
    items = { write: new Map(), remove: new Set(), read: new Map() };
    ctx.turnState.set(ITEMS, items);
  }
  return items;
}

/** The conversation state's own storage (botbuilder keeps it on the BotState it was made with). */
function storageOf(conversationState: ConversationState): Storage {
  return (conversationState as unknown as { storage: Storage }).storage;
}

export function createBotState(conversationState: ConversationState, userState: UserState): BotState {
  const storage = storageOf(conversationState);
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    conversationData: conversationState.createProperty<ConversationData>('data'),
    userProfile: userState.createProperty<UserProfile>('profile'),
    storage,
    async save(ctx) {
      // Items alongside the conversation: one whose write failed is told apart by what it says it holds.
      const { write, remove } = turnItems(ctx);
      const changes = Object.fromEntries(write);
      const dropped = [...remove].filter((k) => !write.has(k));
      write.clear();
      remove.clear();
      await Promise.all([
        Object.keys(changes).length ? storage.write(changes) : undefined,
        dropped.length ? storage.delete(dropped) : undefined,
        conversationState.saveChanges(ctx, false),
      ]);
      await userState.saveChanges(ctx, false);
    },
  };
}

/** Says this turn changes the conversation state if it saves at all (see snapshot-state.ts's `expectChange`). */
export function expectConversationChange(state: BotState, ctx: TurnContext): void {
  if (expectsChanges(state.conversationState)) state.conversationState.expectChange(ctx);
}

export async function conversationData(state: BotState, ctx: TurnContext): Promise<ConversationData> {
  // Once the turn has it, straight from the loaded state: a turn asks for it several times, and each
  // property accessor call is a round of promises for the same object.
  const loaded = state.conversationState.get(ctx)?.data as ConversationData | undefined;
  return loaded ?? state.conversationData.get(ctx, { diagnoses: [], seen: [] });
}

async function itemKey(state: BotState, ctx: TurnContext, name: string): Promise<string> {
  const base = await state.conversationState.getStorageKey(ctx);
  if (!base) throw new Error('no conversation to keep state for');
  // Blob names stop at 1,024 URI-encoded characters: past that an item's name would be cut into the
  // conversation's own, so a very long conversation key is replaced by its hash.
  if (encodeURIComponent(base).length <= 900) return `${base}${name}`;
  return `conversation-items/${createHash('sha256').update(base).digest('hex')}/${name}`;
}

function put(ctx: TurnContext, key: string, item: object): void {
  const items = turnItems(ctx);
  const stored = { ...item, eTag: '*' } as StoreItem;
  items.write.set(key, stored);
  items.read.set(key, stored);
}

/** Items by key: this turn's own, else from storage (read once per turn). */
async function getItems(state: BotState, ctx: TurnContext, keys: string[]): Promise<Map<string, StoreItem | undefined>> {
  const items = turnItems(ctx);
  const missing = keys.filter((k) => !items.read.has(k));
  if (missing.length) {
    const found = await state.storage.read(missing);
    for (const k of missing) items.read.set(k, found[k]);
  }
  return new Map(keys.map((k) => [k, items.read.get(k)]));
}

function isRef(d: DiagnosisRef | StoredDiagnosis): d is DiagnosisRef {
  return !('diagnosis' in d);
}

function toItem(d: StoredDiagnosis): DiagnosisItem {
  const { previous, ...rest } = d;
  if (!previous) return rest;
  // After Check again the earlier check is also the last of the checks kept with it: keep it once.
  const last = d.checks?.[d.checks.length - 1];
  return last === previous ? { ...rest, previousIsLastCheck: true } : { ...rest, previous };
}

function fromItem(item: StoreItem): StoredDiagnosis {
  const { eTag: _eTag, previousIsLastCheck, ...rest } = item as DiagnosisItem & { eTag?: string };
  const stored: StoredDiagnosis = rest;
  if (previousIsLastCheck && rest.checks?.length) stored.previous = rest.checks[rest.checks.length - 1];
  return stored;
}

export async function remember(state: BotState, ctx: TurnContext, entry: StoredDiagnosis): Promise<void> {
  const data = await conversationData(state, ctx);
  const kept = data.diagnoses.filter((d) => d.id !== entry.id).slice(0, MAX_DIAGNOSES - 1);
  const before = data.diagnoses.find((d) => d.id === entry.id);
  const used = new Set(kept.filter(isRef).map((d) => d.slot));
  if (before && isRef(before)) used.add(before.slot);
  const free = (): number => {
    let slot = 0;
    while (used.has(slot)) slot++;
    used.add(slot);
    return slot;
  };
  const refs: DiagnosisRef[] = [];
  const write = async (d: StoredDiagnosis, slot: number): Promise<DiagnosisRef> => {
    put(ctx, await itemKey(state, ctx, `diagnosis/${slot}`), toItem(d));
    return { id: d.id, slot };
  };
  refs.push(await write(entry, before && isRef(before) ? before.slot : free()));
  // Diagnoses kept whole by older state move to items of their own.
  for (const d of kept) refs.push(isRef(d) ? d : await write(d, free()));
  data.diagnoses = refs;
}

/** Drops a kept diagnosis (its card now shows another): its buttons then get "no longer available". */
export async function forget(state: BotState, ctx: TurnContext, id: string): Promise<void> {
  const data = await conversationData(state, ctx);
  const gone = data.diagnoses.find((d) => d.id === id);
  if (!gone) return;
  data.diagnoses = data.diagnoses.filter((d) => d !== gone);
  if (isRef(gone)) turnItems(ctx).remove.add(await itemKey(state, ctx, `diagnosis/${gone.slot}`));
}

/**
 * An id as `seen` keeps it: a short one (a Teams activity id) as it is, a longer one (an e-mail's Message-ID,
 * a GUID) as a digest of fixed size. The conversation item is read and written on every turn; fifty
 * Message-IDs would make it kilobytes.
 */
export function seenKey(id: string): string {
  return id.length <= 24 ? id : `h:${createHash('sha256').update(id).digest('base64url').slice(0, 22)}`;
}

/**
 * True the first time this conversation sees the activity or e-mail with this id, which it then remembers;
 * false when it handled it before (state written before digests holds the id whole).
 */
export function firstSight(data: ConversationData, id: string): boolean {
  const key = seenKey(id);
  if (data.seen.includes(key) || (key !== id && data.seen.includes(id))) return false;
  data.seen = [key, ...data.seen].slice(0, MAX_SEEN);
  return true;
}

/** Two checks that say the same about a domain: the newer stands for both (what "fixed since?" asks depends on no more). */
function sameConclusion(a: PriorCheck, b: PriorCheck): boolean {
  return a.domain.toLowerCase() === b.domain.toLowerCase() && a.cause === b.cause && a.ip === b.ip;
}

/**
 * Remembers what a diagnosis concluded about a domain, for the next check's "fixed since?". A check that
 * concludes what an earlier one did replaces it: a person who pastes the same bounce ten times leaves one
 * entry, not ten, and the bound keeps more of the conversation's different checks.
 */
export async function rememberCheck(state: BotState, ctx: TurnContext, check: PriorCheck | undefined): Promise<void> {
  if (!check) return;
  const data = await conversationData(state, ctx);
  data.checked = [...(data.checked ?? []).filter((c) => !sameConclusion(c, check)), check].slice(-MAX_PRIOR_CHECKS);
}

export async function priorChecks(state: BotState, ctx: TurnContext): Promise<PriorCheck[]> {
  return (await conversationData(state, ctx)).checked ?? [];
}

export async function recall(state: BotState, ctx: TurnContext, id: unknown): Promise<StoredDiagnosis | undefined> {
  const data = await conversationData(state, ctx);
  const ref = typeof id === 'string' ? data.diagnoses.find((d) => d.id === id) : undefined;
  if (!ref || !isRef(ref)) return ref;
  const key = await itemKey(state, ctx, `diagnosis/${ref.slot}`);
  const item = (await getItems(state, ctx, [key])).get(key);
  // A place holds another diagnosis when the write that would have put this one there failed.
  return item && (item as Partial<DiagnosisItem>).id === ref.id ? fromItem(item) : undefined;
}

/** The conversation's newest kept diagnosis: the last one answered (a paste, a check, Check again). */
export async function newestDiagnosis(state: BotState, ctx: TurnContext): Promise<StoredDiagnosis | undefined> {
  const data = await conversationData(state, ctx);
  return recall(state, ctx, data.diagnoses[0]?.id);
}

/**
 * The newest kept diagnosis that answers this message (see StoredDiagnosis.source): its items read at once,
 * only when a message is edited.
 */
export async function answerTo(state: BotState, ctx: TurnContext, messageId: string): Promise<StoredDiagnosis | undefined> {
  const data = await conversationData(state, ctx);
  const refs = data.diagnoses.filter(isRef);
  const keys = await Promise.all(refs.map((r) => itemKey(state, ctx, `diagnosis/${r.slot}`)));
  const items = await getItems(state, ctx, keys);
  for (const d of data.diagnoses) {
    const i = refs.indexOf(d as DiagnosisRef);
    const item = i < 0 ? undefined : items.get(keys[i]!);
    const stored = i < 0 ? (d as StoredDiagnosis) : item && (item as Partial<DiagnosisItem>).id === d.id ? fromItem(item) : undefined;
    if (stored?.source?.messageId === messageId) return stored;
  }
  return undefined;
}

/** Adds this turn's messages and cards to the transcript: one item for the turn, the oldest dropped past the limit. */
export async function appendTranscript(state: BotState, ctx: TurnContext, entries: TranscriptEntry[]): Promise<void> {
  if (!entries.length) return;
  const data = await conversationData(state, ctx);
  const turns = data.transcriptTurns ?? { next: 0, entries: [] };
  const add = async (list: TranscriptEntry[]): Promise<void> => {
    put(ctx, await itemKey(state, ctx, `transcript/${turns.next % TRANSCRIPT_RING}`), { turn: turns.next, entries: list } satisfies TranscriptItem);
    turns.next++;
    turns.entries.push(list.length);
  };
  if (data.transcript?.length) await add(data.transcript.slice(-MAX_TRANSCRIPT));
  delete data.transcript;
  await add(entries);
  // Turns no longer needed for the last MAX_TRANSCRIPT entries are dropped, their items deleted.
  let total = turns.entries.reduce((a, b) => a + b, 0);
  while (turns.entries.length > 1 && total - turns.entries[0]! >= MAX_TRANSCRIPT) {
    const oldest = turns.next - turns.entries.length;
    total -= turns.entries.shift()!;
    turnItems(ctx).remove.add(await itemKey(state, ctx, `transcript/${oldest % TRANSCRIPT_RING}`));
  }
  data.transcriptTurns = turns;
}

/** The conversation so far (its last MAX_TRANSCRIPT entries), for an escalation. */
export async function transcriptOf(state: BotState, ctx: TurnContext): Promise<TranscriptEntry[]> {
  const data = await conversationData(state, ctx);
  const turns = data.transcriptTurns;
  if (!turns) return data.transcript ?? [];
  const first = turns.next - turns.entries.length;
  const numbers = turns.entries.map((_, i) => first + i);
  const keys = await Promise.all(numbers.map((n) => itemKey(state, ctx, `transcript/${n % TRANSCRIPT_RING}`)));
  const items = await getItems(state, ctx, keys);
  const entries = numbers.flatMap((n, i) => {
    const item = items.get(keys[i]!) as Partial<TranscriptItem> | undefined;
    return item?.turn === n && item.entries ? item.entries : [];
  });
  return [...(data.transcript ?? []), ...entries].slice(-MAX_TRANSCRIPT);
}
