/**
 * The bot's conversation and user state (bot/teams/snapshot-state.ts) keep botbuilder's contract: what a turn
 * changes is there on the next turn, a turn that changes nothing writes nothing, and clear/delete empty it.
 * Real botbuilder TurnContexts over a real MemoryStorage, counting the writes that reach it.
 */
import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { SnapshotConversationState, SnapshotUserState } from '../../bot/teams/snapshot-state';

class CountingStorage extends MemoryStorage {
  writes: StoreItems[] = [];
  override write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    return super.write(changes);
  }
}

function turn(conversation = 'c1', user = 'u1'): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId: 'msteams',
    conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: user, name: 'Ada' },
    recipient: { id: 'bot', name: 'Bounce Doctor' },
    text: 'hello',
  });
}

describe('conversation state by snapshot', () => {
  it('keeps what a turn changed for the next turn, and writes only turns that changed something', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const data = state.createProperty<{ diagnoses: string[] }>('data');

    const first = turn();
    (await data.get(first, { diagnoses: [] })).diagnoses.push('5.7.23 contoso.example');
    await state.saveChanges(first);
    expect(storage.writes).toHaveLength(1);
    expect(Object.keys(storage.writes[0]!)).toEqual(['msteams/conversations/c1/']);

    const second = turn();
    expect((await data.get(second))?.diagnoses).toEqual(['5.7.23 contoso.example']);
    await state.saveChanges(second);
    expect(storage.writes).toHaveLength(1); // read, not changed: not written

    const third = turn();
    (await data.get(third))!.diagnoses.push('5.1.10 fabrikam.example');
    await state.saveChanges(third);
    await state.saveChanges(third); // a second save in the same turn with nothing new writes nothing
    expect(storage.writes).toHaveLength(2);
    expect((await data.get(turn()))?.diagnoses).toEqual(['5.7.23 contoso.example', '5.1.10 fabrikam.example']);
  });

  it('writes a turn said to change the state at its save, with what it changed, as a turn that changed it would be', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const data = state.createProperty<{ seen: string[] }>('data');
    const ctx = turn();
    state.expectChange(ctx);
    (await data.get(ctx, { seen: [] })).seen.push('a1');
    await state.saveChanges(ctx);
    expect(storage.writes).toHaveLength(1);
    expect((await data.get(turn()))?.seen).toEqual(['a1']);

    // The next turn, not said to change it, reads it and writes nothing.
    const next = turn();
    await data.get(next);
    await state.saveChanges(next);
    expect(storage.writes).toHaveLength(1);
  });

  it('keeps each conversation and each person apart', async () => {
    const storage = new CountingStorage();
    const conversations = new SnapshotConversationState(storage);
    const users = new SnapshotUserState(storage);
    const topic = conversations.createProperty<string>('topic');
    const locale = users.createProperty<string>('locale');

    const a = turn('c1', 'u1');
    await topic.set(a, 'spf');
    await locale.set(a, 'ja');
    await conversations.saveChanges(a);
    await users.saveChanges(a);

    const b = turn('c2', 'u2');
    expect(await topic.get(b)).toBeUndefined();
    expect(await locale.get(b)).toBeUndefined();
    const sameUserElsewhere = turn('c2', 'u1');
    expect(await locale.get(sameUserElsewhere)).toBe('ja');
    expect(await topic.get(sameUserElsewhere)).toBeUndefined();
  });

  it('clear empties the state at the next save; delete removes it from storage', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const topic = state.createProperty<string>('topic');

    const a = turn();
    await topic.set(a, 'spf');
    await state.saveChanges(a);

    const b = turn();
    await state.load(b);
    await state.clear(b);
    await state.saveChanges(b);
    expect(await topic.get(turn())).toBeUndefined();

    const c = turn();
    await topic.set(c, 'again');
    await state.saveChanges(c);
    await state.delete(turn());
    expect(await storage.read(['msteams/conversations/c1/'])).toEqual({});
  });

  it('force writes even an unchanged state', async () => {
    const storage = new CountingStorage();
    const state = new SnapshotConversationState(storage);
    const ctx = turn();
    await state.load(ctx);
    await state.saveChanges(ctx, true);
    expect(storage.writes).toHaveLength(1);
  });
});
