/**
 * Diagnoses and the transcript in items of their own (bot/teams/state.ts): a turn writes only what it adds,
 * the conversation item stays small however long the conversation, and what escalation and the card
 * buttons read back is what was remembered, bounded as before. State written before the change still reads.
 */
import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import type { StoredDiagnosis } from '../../bot/diagnosis/stored';
import type { Diagnosis } from '../../bot/diagnosis/types';
import type { SpfReport } from '../../bot/dns/types';
import type { TranscriptEntry } from '../../bot/escalation/types';
import { SnapshotConversationState, SnapshotUserState } from '../../bot/teams/snapshot-state';
import { appendTranscript, conversationData, createBotState, MAX_DIAGNOSES, MAX_TRANSCRIPT, recall, remember, transcriptOf, type BotState } from '../../bot/teams/state';

class CountingStorage extends MemoryStorage {
  writes: StoreItems[] = [];
  constructor(readonly items: Record<string, string> = {}) {
    super(items);
  }
  override write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    return super.write(changes);
  }
}

const CONVERSATION = 'msteams/conversations/c1/';

function setup(items: Record<string, string> = {}): { storage: CountingStorage; state: BotState; turn: () => TurnContext } {
  const storage = new CountingStorage(items);
  const state = createBotState(new SnapshotConversationState(storage), new SnapshotUserState(storage));
  const turn = (): TurnContext =>
    new TurnContext(new TestAdapter(), {
      type: 'message',
      channelId: 'msteams',
      conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'u1', name: 'Ada' },
      recipient: { id: 'bot', name: 'Bounce Doctor' },
      text: 'hello',
    });
  return { storage, state, turn };
}

function report(n: number): SpfReport {
  return { domain: 'contoso.example', checkedAt: `2026-12-01T10:00:0${n}.000Z`, dnsServers: ['127.0.0.1:53'], durationMs: n, published: { state: 'one', records: ['v=spf1 -all'] }, findings: [] };
}

function stored(id: string, extra: Partial<StoredDiagnosis> = {}): StoredDiagnosis {
  const diagnosis = { playbook: 'spf', subject: 'bounce', bounce: { raw: 'x'.repeat(2000) }, spf: report(0) } as unknown as Diagnosis;
  return { id, createdAt: '2026-12-01T10:00:00.000Z', diagnosis, raw: `bounce ${id} ${'y'.repeat(3000)}`, ...extra };
}

const entries = (n: number): TranscriptEntry[] => [
  { at: `t${n}`, from: 'user', text: `paste ${n} ${'p'.repeat(900)}` },
  { at: `t${n}`, from: 'bot', card: `card ${n} ❌ ${'c'.repeat(2000)}` },
];

/** One turn that pastes a bounce: a new diagnosis and two transcript entries. */
async function pasteTurn(s: ReturnType<typeof setup>, n: number): Promise<void> {
  const ctx = s.turn();
  await remember(s.state, ctx, stored(`d${n}`));
  await appendTranscript(s.state, ctx, entries(n));
  await s.state.save(ctx);
}

describe('conversation items', () => {
  it('writes a small conversation item however long the conversation, and each diagnosis and turn once', async () => {
    const s = setup();
    for (let n = 0; n < 30; n++) await pasteTurn(s, n);
    const last = s.storage.writes.slice(-2).flatMap((w) => Object.entries(w));
    const conversation = last.find(([k]) => k === CONVERSATION)!;
    expect(JSON.stringify(conversation[1]).length).toBeLessThan(600);
    // The last turn wrote its own diagnosis and transcript items, and nothing older.
    expect(last.map(([k]) => k).sort()).toEqual([CONVERSATION, `${CONVERSATION}diagnosis/4`, `${CONVERSATION}transcript/${29 % (MAX_TRANSCRIPT + 1)}`].sort());
    // Storage holds the conversation, its kept diagnoses and the turns of its last MAX_TRANSCRIPT entries: nothing older.
    const held = Object.keys(s.storage.items).filter((k) => k.startsWith(CONVERSATION) && s.storage.items[k] !== undefined);
    expect(held.filter((k) => k.includes('/diagnosis/'))).toHaveLength(MAX_DIAGNOSES);
    expect(held.filter((k) => k.includes('/transcript/'))).toHaveLength(MAX_TRANSCRIPT / 2);
  });

  it('reads back the last diagnoses and the last transcript entries, as the whole state used to keep them', async () => {
    const s = setup();
    let all: TranscriptEntry[] = [];
    for (let n = 0; n < 27; n++) {
      await pasteTurn(s, n);
      all = [...all, ...entries(n)].slice(-MAX_TRANSCRIPT);
    }
    const ctx = s.turn();
    for (let n = 0; n < 27; n++) {
      const d = await recall(s.state, ctx, `d${n}`);
      if (n < 27 - MAX_DIAGNOSES) expect(d).toBeUndefined();
      else expect(d).toEqual(stored(`d${n}`));
    }
    expect((await conversationData(s.state, ctx)).diagnoses.map((d) => d.id)).toEqual(['d26', 'd25', 'd24', 'd23', 'd22']);
    expect(await transcriptOf(s.state, ctx)).toEqual(all);
  });

  it('updates a diagnosis in its place, and keeps an earlier check that is also the last of its checks once', async () => {
    const s = setup();
    await pasteTurn(s, 1);
    await pasteTurn(s, 2);
    const ctx = s.turn();
    const before = (await recall(s.state, ctx, 'd1'))!;
    const checks = [report(1), report(2)];
    await remember(s.state, ctx, { ...before, caseId: 'BD-7K3M9Q', previous: checks[1], checks });
    await s.state.save(ctx);
    const item = [...s.storage.writes].reverse().find((w) => `${CONVERSATION}diagnosis/0` in w)![`${CONVERSATION}diagnosis/0`] as Record<string, unknown>;
    expect(item.caseId).toBe('BD-7K3M9Q');
    expect(item.previous).toBeUndefined();
    const again = (await recall(s.state, s.turn(), 'd1'))!;
    expect(again).toEqual({ ...before, caseId: 'BD-7K3M9Q', previous: report(2), checks });
    expect((await conversationData(s.state, s.turn())).diagnoses.map((d) => d.id)).toEqual(['d1', 'd2']);
  });

  it('sees what this turn remembered before it is saved', async () => {
    const s = setup();
    const ctx = s.turn();
    await remember(s.state, ctx, stored('d1'));
    await appendTranscript(s.state, ctx, entries(1));
    expect(await recall(s.state, ctx, 'd1')).toEqual(stored('d1'));
    expect(await transcriptOf(s.state, ctx)).toEqual(entries(1));
  });

  it('never takes an item for another: a diagnosis whose item was not written is forgotten', async () => {
    const s = setup();
    await pasteTurn(s, 1);
    // A turn whose items were lost while its conversation item was written.
    s.storage.items[`${CONVERSATION}diagnosis/0`] = JSON.stringify({ id: 'other', eTag: '1' });
    s.storage.items[`${CONVERSATION}transcript/0`] = JSON.stringify({ turn: 99, entries: entries(99), eTag: '1' });
    const ctx = s.turn();
    expect(await recall(s.state, ctx, 'd1')).toBeUndefined();
    expect(await transcriptOf(s.state, ctx)).toEqual([]);
  });

  it('reads state written with whole diagnoses and transcript, and moves them to items on the next turn', async () => {
    const old: TranscriptEntry[] = [...entries(1), ...entries(2)];
    const legacy = { dialogState: { dialogStack: [] }, data: { diagnoses: [stored('d1'), stored('d2')], seen: [], transcript: old }, eTag: '1' };
    const s = setup({ [CONVERSATION]: JSON.stringify(legacy) });
    const ctx = s.turn();
    expect(await recall(s.state, ctx, 'd2')).toEqual(stored('d2'));
    expect(await transcriptOf(s.state, ctx)).toEqual(old);
    await remember(s.state, ctx, stored('d3'));
    await appendTranscript(s.state, ctx, entries(3));
    await s.state.save(ctx);
    const next = s.turn();
    const data = await conversationData(s.state, next);
    expect(data.transcript).toBeUndefined();
    expect(data.diagnoses.every((d) => !('diagnosis' in d))).toBe(true);
    expect(await recall(s.state, next, 'd1')).toEqual(stored('d1'));
    expect(await recall(s.state, next, 'd3')).toEqual(stored('d3'));
    expect(await transcriptOf(s.state, next)).toEqual([...old, ...entries(3)]);
  });
});
