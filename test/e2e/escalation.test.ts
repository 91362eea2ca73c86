/**
 * Escalation handoff over real HTTP, with a real Azure Blob Storage emulator (Azurite) behind the bot:
 * durable across restarts and instances, one owner per case, one case per diagnosis, nothing lost when
 * storage or the support channel fails.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { graphGroupMembership } from '../../bot/escalation/graph-groups';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { startConnectorStub, type ConnectorStub, type CreatedConversation } from '../helpers/connector-stub';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { cardTexts, finalCards, startBot, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';
import type { EscalationRecord } from '../../bot/escalation/types';
import { EscalationStore } from '../../bot/escalation/store';

const TEAM = '19:support-team@thread.tacv2';
const CHANNEL = '19:support-channel@thread.tacv2';
const AGENT_1 = { id: '29:agent-1', name: 'Agent One', aadObjectId: 'aad-agent-1', teams: [TEAM] };
const AGENT_2 = { id: '29:agent-2', name: 'Agent Two', aadObjectId: 'aad-agent-2', teams: [TEAM] };
const OUTSIDER = { id: '29:outsider', name: 'Out Sider', aadObjectId: 'aad-outsider', teams: [] };
const REQUESTER = { id: '29:user-ada', name: 'Ada Lovelace', aadObjectId: '00000000-0000-0000-0000-0000000000ad', email: 'ada@contoso.example', teams: [] };

let dns: TestDnsServer;
let azurite: Azurite;
let connector: ConnectorStub;
const running: BotHarness[] = [];

beforeAll(async () => {
  dns = await startDnsServer({ 'contoso.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'contoso-example.mail.protection.outlook.com'] }], 'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all' }] });
  azurite = await startAzurite();
  connector = await startConnectorStub();
  for (const m of [AGENT_1, AGENT_2, OUTSIDER, REQUESTER]) connector.members.set(m.id, m);
}, 60_000);

afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.close()));
  connector.failCreates(0);
});

afterAll(async () => {
  await connector.close();
  await azurite.dispose();
  await dns.stop();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DNS_SERVERS: dns.address,
    DNS_TIMEOUT_MS: '300',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_CONTAINER: 'escalations-test',
    ESCALATION_TEAM_ID: TEAM,
    ESCALATION_CHANNEL_ID: CHANNEL,
    ESCALATION_LOCALE: 'en',
    OUTBOX_RETRY_SECONDS: '3600',
    LOG_LEVEL: process.env.BD_TEST_LOG ?? 'silent',
    ...extra,
  };
}

async function bot(extra: Record<string, string> = {}): Promise<BotHarness> {
  const b = await startBot(env(extra), { connector });
  running.push(b);
  return b;
}

function storeOf(): BlobsStorage {
  return new BlobsStorage(azurite.connectionString, 'escalations-test');
}

async function readCase(id: string): Promise<EscalationRecord | undefined> {
  const items = await storeOf().read([`escalations/${id}`]);
  return items[`escalations/${id}`] as EscalationRecord | undefined;
}

type Card = Record<string, unknown>;

type Member = { id: string; name: string; aadObjectId: string };

async function invoke(b: BotHarness, conversationId: string, replyToId: string, verb: string, data: Record<string, unknown>, from: Member = REQUESTER, conversationType = 'personal'): Promise<Card> {
  const activity = {
    ...teamsMessage(connector.url, '', { conversationId, conversationType: conversationType as 'personal' }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
  const res = await b.post(activity);
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { value: Card }).value;
}

/** A diagnosis in a personal chat: returns its message id and the Escalate action's data. */
async function diagnosed(b: BotHarness, conversationId: string, bounce = exoSpfBounceText({ senderDomain: 'contoso.example' })): Promise<{ messageId: string; diagnosisId: string }> {
  const calls = await b.say(bounce, { conversationId });
  const card = finalCards(calls)[0]!;
  const escalate = (card.actions as Card[]).find((a) => a.type === 'Action.ShowCard' && JSON.stringify(a).includes('"escalate"'))!;
  expect(escalate).toBeDefined();
  const submit = ((escalate.card as Card).actions as Card[])[0]!;
  const messageId = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!.assignedId;
  return { messageId, diagnosisId: (submit.data as { diagnosisId: string }).diagnosisId };
}

function caseIdIn(card: Card): string {
  const m = /BD-[2-9A-HJ-NP-Z]{6}/.exec(cardTexts(card).join('\n'));
  expect(m).not.toBeNull();
  return m![0];
}

const text = (card: unknown): string => cardTexts(card).join('\n');

/** A diagnosis escalated from its card: the case id and the support channel post it made. */
async function escalated(b: BotHarness, conversationId: string, through: BotHarness = b): Promise<{ id: string; post: CreatedConversation }> {
  const { messageId, diagnosisId } = await diagnosed(b, conversationId);
  const id = caseIdIn(await invoke(through, conversationId, messageId, 'escalate', { diagnosisId }));
  return { id, post: connector.created.at(-1)! };
}

describe('escalating a diagnosis', () => {
  it('stores the case with everything collected before confirming, and posts it to the support channel', async () => {
    const b = await bot();
    const conversationId = 'a:escalate-basic';
    const { messageId, diagnosisId } = await diagnosed(b, conversationId);
    const createdBefore = connector.created.length;
    const card = await invoke(b, conversationId, messageId, 'escalate', { diagnosisId, tried: 'Ajouté include hier; 送信テスト済み', urgency: 'high' });
    const id = caseIdIn(card);
    expect(text(card)).toMatch(/Escalated to support as case BD-/);

    const record = (await readCase(id))!;
    expect(record.requester).toMatchObject({ name: 'Ada Lovelace', aadObjectId: REQUESTER.aadObjectId, tenantId: 'tenant-1', email: 'ada@contoso.example' });
    expect(record.notes).toEqual({ tried: 'Ajouté include hier; 送信テスト済み', urgency: 'high' });
    expect(record.bounce.raw).toContain('5.7.23');
    expect(record.bounce.parsed.recipients[0]!.address).toBe('grace@fabrikam.example');
    expect(record.dnsChecks).toHaveLength(1);
    expect(record.dnsChecks[0]!.dnsServers).toEqual([dns.address]);
    expect(record.diagnosis.playbook).toBe('spf');
    expect(record.conversation.conversation?.id).toBe(conversationId);
    expect(record.history.map((h) => h.event)).toEqual(['opened']);
    expect(record.transcript.some((t) => t.from === 'user' && t.text?.includes('5.7.23'))).toBe(true);
    expect(record.supportPost).toMatchObject({ state: 'posted' });

    // One support post, into the configured channel, with the remote server's exact words.
    const posts = connector.created.slice(createdBefore);
    expect(posts).toHaveLength(1);
    expect((posts[0]!.params.channelData as { channel: { id: string } }).channel.id).toBe(CHANNEL);
    const supportCard = ((posts[0]!.params.activity as Card).attachments as { content: Card }[])[0]!.content;
    expect(text(supportCard)).toContain(id);
    expect(text(supportCard)).toContain('550 5.7.1 Message rejected: SPF check failed for contoso.example');
    expect(JSON.stringify(supportCard)).toContain(`https://teams.microsoft.com/l/chat/0/0?users=${REQUESTER.aadObjectId}`);
    // The requester also got their own case card.
    const requesterCards = finalCards(connector.forConversation(conversationId));
    expect(requesterCards.some((c) => /is with your support team/.test(text(c)))).toBe(true);
  });

  it('survives a restart: a new bot instance on the same store carries the case on', async () => {
    const first = await bot();
    const conversationId = 'a:escalate-restart';
    const { messageId, diagnosisId } = await diagnosed(first, conversationId);
    const id = caseIdIn(await invoke(first, conversationId, messageId, 'escalate', { diagnosisId, urgency: 'normal' }));
    const post = connector.created.at(-1)!;
    await first.close();
    running.splice(running.indexOf(first), 1);

    const second = await bot();
    const claimed = await invoke(second, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_1, 'channel');
    expect(text(claimed)).toMatch(/Claimed by Agent One/);
    expect((await readCase(id))!.owner?.name).toBe('Agent One');
    // The requester is told in their own chat.
    const told = connector.forConversation(conversationId).filter((c) => c.method === 'POST' && /Agent One is working on it/.test(text(c.activity.attachments?.[0]?.content)));
    expect(told).toHaveLength(1);
  });

  it('is seen by two bot instances on one store, and two agents claiming at once make one owner', async () => {
    const a = await bot();
    const b = await bot();
    const conversationId = 'a:escalate-race';
    // One conversation served by both: diagnosed on one instance, escalated through the other.
    const { id, post } = await escalated(a, conversationId, b);
    const seen = await invoke(b, post.conversationId, post.activityId, 'refreshCase', { caseId: id }, AGENT_2, 'channel');
    expect(text(seen)).toContain(id);

    const [one, two] = await Promise.all([
      invoke(a, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_1, 'channel'),
      invoke(b, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_2, 'channel'),
    ]);
    const record = (await readCase(id))!;
    expect(['Agent One', 'Agent Two']).toContain(record.owner?.name);
    expect(record.history.filter((h) => h.event === 'claimed')).toHaveLength(1);
    const loser = record.owner?.name === 'Agent One' ? two : one;
    expect(text(loser)).toMatch(new RegExp(`${record.owner!.name} claimed this case first`));
  });

  it('makes one case of a double click', async () => {
    const b = await bot();
    const conversationId = 'a:escalate-double';
    const { messageId, diagnosisId } = await diagnosed(b, conversationId);
    const before = connector.created.length;
    const [x, y] = await Promise.all([
      invoke(b, conversationId, messageId, 'escalate', { diagnosisId }),
      invoke(b, conversationId, messageId, 'escalate', { diagnosisId }),
    ]);
    expect(caseIdIn(x)).toBe(caseIdIn(y));
    expect(connector.created.length - before).toBe(1);
  });

  it('says "could not save, try again" when storage is down, writes nothing, and works once it is back', async () => {
    const b = await bot();
    const conversationId = 'a:escalate-outage';
    const { messageId, diagnosisId } = await diagnosed(b, conversationId);
    const before = connector.created.length;
    await azurite.stop();
    let card: Card;
    try {
      card = await invoke(b, conversationId, messageId, 'escalate', { diagnosisId, tried: 'x' });
    } finally {
      await azurite.start();
    }
    expect(text(card)).toMatch(/couldn't save/);
    const retry = (card.actions as Card[]).find((a) => a.verb === 'escalate')!;
    expect(retry.data).toMatchObject({ diagnosisId });
    expect(connector.created.length).toBe(before);
    // Nothing half-written: no case, no outbox entry.
    const items = await storeOf().read(['escalations/outbox']);
    const outbox = (items['escalations/outbox'] as { ids?: string[] } | undefined)?.ids ?? [];
    for (const id of outbox) expect(await readCase(id)).toBeDefined();

    const again = await invoke(b, conversationId, messageId, 'escalate', retry.data as Record<string, unknown>);
    const id = caseIdIn(again);
    expect((await readCase(id))!.supportPost.state).toBe('posted');
  }, 60_000);

  it('keeps a failed support post in the outbox, posts it after a restart, and never twice', async () => {
    const first = await bot();
    const conversationId = 'a:escalate-outbox';
    const { messageId, diagnosisId } = await diagnosed(first, conversationId);
    connector.failCreates(100);
    const before = connector.created.length;
    const id = caseIdIn(await invoke(first, conversationId, messageId, 'escalate', { diagnosisId }));
    expect((await readCase(id))!.supportPost.state).toBe('pending');
    expect(connector.created.length).toBe(before);
    await first.close();
    running.splice(running.indexOf(first), 1);

    connector.failCreates(0);
    const second = await bot(); // start-up runs the outbox
    const deadline = Date.now() + 10_000;
    while ((await readCase(id))!.supportPost.state !== 'posted' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await readCase(id))!.supportPost.state).toBe('posted');
    expect(await second.app.escalations.retryOutbox()).toBe(0);
    const third = await bot();
    expect(await third.app.escalations.retryOutbox()).toBe(0);
    const postsOfCase = connector.created.slice(before).filter((c) => JSON.stringify(c.params).includes(id));
    expect(postsOfCase).toHaveLength(1);
  });
});

describe('the support card', () => {
  it('only lets the support team act, never the requester on their own case', async () => {
    const b = await bot();
    const conversationId = 'a:support-access';
    const { id, post } = await escalated(b, conversationId);
    const outsider = await invoke(b, post.conversationId, post.activityId, 'resolve', { caseId: id }, OUTSIDER, 'channel');
    expect(text(outsider)).toMatch(/Only members of the support team/);
    const own = await invoke(b, post.conversationId, post.activityId, 'resolve', { caseId: id }, REQUESTER, 'channel');
    expect(text(own)).toMatch(/You opened this case yourself/);
    expect((await readCase(id))!.status).toBe('open');
  });

  it('asks the requester for more info, takes the answer back into the case, and resolves it', async () => {
    const b = await bot();
    const conversationId = 'a:support-flow';
    const { id, post } = await escalated(b, conversationId);

    const asked = await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'Which IP sent the test message?' }, AGENT_1, 'channel');
    expect(text(asked)).toMatch(/Waiting for the requester/);
    const question = connector.forConversation(conversationId).filter((c) => c.method === 'POST' && /support has a question/.test(text(c.activity.attachments?.[0]?.content))).at(-1)!;
    expect(text(question.activity.attachments![0]!.content)).toContain('Which IP sent the test message?');

    const answered = await invoke(b, conversationId, question.assignedId, 'answerInfo', { caseId: id, answer: '40.107.22.10' });
    expect(text(answered)).toMatch(/answer sent/);
    // The support card in the channel was updated with the answer, for everyone.
    const supportUpdates = connector.forConversation(post.conversationId).filter((c) => c.method === 'PUT');
    expect(supportUpdates.length).toBeGreaterThan(0);
    // …the post itself: the message id Teams gave it, not the thread's conversation id.
    expect(supportUpdates.at(-1)!.activityId).toBe(post.activityId);
    expect(text(supportUpdates.at(-1)!.activity.attachments![0]!.content)).toContain('40.107.22.10');

    const resolved = await invoke(b, post.conversationId, post.activityId, 'resolve', { caseId: id, resolution: 'Recipient fixed their SPF evaluation.' }, AGENT_1, 'channel');
    expect(text(resolved)).toMatch(/Resolved by Agent One/);
    const told = finalCards(connector.forConversation(conversationId)).map(text).join('\n');
    expect(told).toMatch(/is resolved/);
    expect(told).toContain('Recipient fixed their SPF evaluation.');
    expect((await readCase(id))!.history.map((h) => h.event)).toEqual(['opened', 'claimed', 'asked', 'answered', 'resolved']);
  });
});

/** The requester's newest question card in their chat: its text and the answer button's data, as Teams would send it. */
function questionCard(conversationId: string): { text: string; data: Record<string, unknown>; id: string } {
  const call = connector.forConversation(conversationId).filter((c) => c.method === 'POST' && JSON.stringify(c.activity.attachments ?? []).includes('"answerInfo"')).at(-1)!;
  const card = call.activity.attachments![0]!.content as Card;
  const answer = (card.actions as Card[]).find((a) => a.verb === 'answerInfo')!;
  return { text: text(card), data: answer.data as Record<string, unknown>, id: call.assignedId };
}

/** The support card as everyone in the channel now sees it (the newest update of the post). */
function channelCard(post: CreatedConversation): string {
  const updates = connector.forConversation(post.conversationId).filter((c) => c.method === 'PUT');
  return text(updates.at(-1)!.activity.attachments![0]!.content);
}

describe('who owns a case', () => {
  it('makes the agent who asks on an unclaimed case its owner, with the claim in the history, and their own Claim says they have it', async () => {
    const b = await bot();
    const conversationId = 'a:owner-by-asking';
    const { id, post } = await escalated(b, conversationId);

    const asked = await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'Did the bounce come back after Monday?' }, AGENT_1, 'channel');
    expect(text(asked)).toMatch(/This case was unclaimed, so it is now yours/);
    expect(text(asked)).toMatch(/claimed by Agent One/);
    // Everyone in the channel sees the claim in the history, before the question.
    expect(channelCard(post)).toMatch(/claimed by Agent One[\s\S]*Agent One asked the requester/);
    const record = (await readCase(id))!;
    expect(record.owner?.name).toBe('Agent One');
    expect(record.history.map((h) => h.event)).toEqual(['opened', 'claimed', 'asked']);

    const again = await invoke(b, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_1, 'channel');
    expect(text(again)).toMatch(/You already own this case/);
    expect(text(again)).not.toMatch(/claimed this case first/);
    const other = await invoke(b, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_2, 'channel');
    expect(text(other)).toMatch(/Agent One claimed this case first/);
    expect((await readCase(id))!.history.filter((h) => h.event === 'claimed')).toHaveLength(1);
  });

  it.each([
    ['fr', 'Cet incident vous est déjà attribué.'],
    ['ja', 'このケースは既にあなたが担当しています。'],
    ['zh-TW', '您已經是此案例的負責人。'],
    ['sv', 'Du har redan det här ärendet.'],
    ['ko', '이미 담당하고 있는 사례입니다.'],
  ])('tells the owner in %s that the case is already theirs, not that they claimed it before themselves', async (locale, words) => {
    const b = await bot({ ESCALATION_LOCALE: locale });
    const conversationId = `a:owner-${locale}`;
    const { id, post } = await escalated(b, conversationId);
    await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: '?' }, AGENT_1, 'channel');
    const again = await invoke(b, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_1, 'channel');
    expect(text(again)).toContain(words);
  });
});

describe('the requester answering', () => {
  it('keeps a second answer from a stale copy of the question card as a further answer, for support to see', async () => {
    const b = await bot();
    const conversationId = 'a:answer-twice';
    const { id, post } = await escalated(b, conversationId);
    await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'Which IP sent the test message?' }, AGENT_1, 'channel');
    const question = questionCard(conversationId);

    const first = await invoke(b, conversationId, question.id, 'answerInfo', { ...question.data, answer: '40.107.22.10' });
    expect(text(first)).toMatch(/answer sent/);
    // The same card on another device, answered again with more detail.
    const second = await invoke(b, conversationId, question.id, 'answerInfo', { ...question.data, answer: 'Also 40.107.22.11, from the backup relay.' });
    expect(text(second)).toMatch(/answer sent/);
    expect(text(second)).toMatch(/added to the case/);

    const support = channelCard(post);
    expect(support).toContain('40.107.22.10');
    expect(support).toMatch(/Ada Lovelace added[^\n]*\n[^\n]*Also 40\.107\.22\.11, from the backup relay\./);
    const record = (await readCase(id))!;
    expect(record.infoRequests[0]).toMatchObject({ answer: '40.107.22.10', moreAnswers: [{ text: 'Also 40.107.22.11, from the backup relay.' }] });
    expect(record.history.filter((h) => h.event === 'answered')).toHaveLength(2);
    expect(record.status).toBe('claimed');
  });

  it('puts an answer from an old question card under that question, leaving a newer question open', async () => {
    const b = await bot();
    const conversationId = 'a:answer-old-card';
    const { id, post } = await escalated(b, conversationId);
    await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'Which IP?' }, AGENT_1, 'channel');
    const old = questionCard(conversationId);
    await invoke(b, conversationId, old.id, 'answerInfo', { ...old.data, answer: '40.107.22.10' });
    await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'When did it start?' }, AGENT_1, 'channel');

    await invoke(b, conversationId, old.id, 'answerInfo', { ...old.data, answer: 'And the relay 40.107.22.11.' });
    const record = (await readCase(id))!;
    expect(record.infoRequests[0]!.moreAnswers?.map((a) => a.text)).toEqual(['And the relay 40.107.22.11.']);
    expect(record.infoRequests[1]!.answer).toBeUndefined();
    expect(record.status).toBe('waiting-for-requester');
    expect(channelCard(post)).toMatch(/Waiting for the requester/);
  });

  it('tells the requester when the case was resolved before their answer, instead of confirming it', async () => {
    const b = await bot();
    const conversationId = 'a:answer-late';
    const { id, post } = await escalated(b, conversationId);
    await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'Which IP?' }, AGENT_1, 'channel');
    const question = questionCard(conversationId);
    await invoke(b, post.conversationId, post.activityId, 'resolve', { caseId: id, resolution: 'Fixed on our side.' }, AGENT_1, 'channel');

    const late = await invoke(b, conversationId, question.id, 'answerInfo', { ...question.data, answer: '40.107.22.10' });
    expect(text(late)).toMatch(/already resolved by Agent One, so your answer was not added/);
    expect(text(late)).not.toMatch(/answer sent/);
    expect((await readCase(id))!.infoRequests[0]!.answer).toBeUndefined();
  });
});

describe('a problem that comes back after its case was resolved', () => {
  it.each([['checkAgain'], ['setLanguage']])('offers to reopen on the result card redrawn by %s, as the card now in the chat has no Escalate button', async (verb) => {
    const b = await bot();
    const conversationId = `a:reopen-redrawn-${verb}`;
    const { messageId, diagnosisId } = await diagnosed(b, conversationId);
    const id = caseIdIn(await invoke(b, conversationId, messageId, 'escalate', { diagnosisId, tried: 'Nothing yet' }));
    const post = connector.created.at(-1)!;
    await invoke(b, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_1, 'channel');
    await invoke(b, post.conversationId, post.activityId, 'resolve', { caseId: id, resolution: 'Added the include.' }, AGENT_1, 'channel');

    const redrawn = await invoke(b, conversationId, messageId, verb, { diagnosisId, locale: 'en' });
    expect(text(redrawn)).toMatch(new RegExp(`Case ${id} was resolved by Agent One`));
    expect((redrawn.actions as Card[]).map((a) => a.title)).toContain('Reopen the case');
  });

  it('says who resolved the case and when, offers to reopen it, and reopens it for support with the history', async () => {
    const b = await bot();
    const conversationId = 'a:reopen';
    const { messageId, diagnosisId } = await diagnosed(b, conversationId);
    const id = caseIdIn(await invoke(b, conversationId, messageId, 'escalate', { diagnosisId, tried: 'Nothing yet' }));
    const post = connector.created.at(-1)!;
    await invoke(b, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_1, 'channel');
    await invoke(b, post.conversationId, post.activityId, 'resolve', { caseId: id, resolution: 'Added the include.' }, AGENT_1, 'channel');
    const postsBefore = connector.created.length;

    // Escalate from the diagnosis card as it was before the resolution.
    const offered = await invoke(b, conversationId, messageId, 'escalate', { diagnosisId });
    expect(text(offered)).toMatch(new RegExp(`Case ${id} was resolved by Agent One on .+ UTC\\. If the problem is back, you can reopen it\\.`));
    expect(text(offered)).not.toMatch(/Escalated to support as case/);
    expect(connector.created.length).toBe(postsBefore);
    expect((await readCase(id))!.status).toBe('resolved');
    const reopen = (offered.actions as Card[]).find((a) => a.title === 'Reopen the case')!;
    const submit = ((reopen.card as Card).actions as Card[])[0]!;
    expect(submit.title).toBe(`Reopen case ${id}`);

    const reopened = await invoke(b, conversationId, messageId, 'escalate', { ...(submit.data as Record<string, unknown>), tried: 'It bounced again this morning.', urgency: 'high' });
    expect(text(reopened)).toMatch(`Escalated to support as case ${id}`);
    const record = (await readCase(id))!;
    expect(record.status).toBe('open');
    expect(record.owner).toBeUndefined();
    expect(record.notes.urgency).toBe('high');
    expect(record.history.map((h) => h.event)).toEqual(['opened', 'claimed', 'resolved', 'reopened']);
    expect(record.supportPost.state).toBe('posted');

    // Support sees it come back: a new post in the channel, with the whole history and the requester's words.
    const posts = connector.created.slice(postsBefore);
    expect(posts).toHaveLength(1);
    const supportCard = text(((posts[0]!.params.activity as Card).attachments as { content: Card }[])[0]!.content);
    expect(supportCard).toMatch(/Open: waiting for someone to pick it up/);
    expect(supportCard).toMatch(/resolved by Agent One[\s\S]*reopened by Ada Lovelace, who wrote: It bounced again this morning\./);
    // The earlier post no longer says resolved.
    expect(channelCard(post)).toMatch(/reopened by Ada Lovelace/);
    // The requester is told in their chat.
    expect(finalCards(connector.forConversation(conversationId)).map(text).join('\n')).toMatch(`Case ${id} is open again`);

    // A second click changes nothing; the new post is claimable.
    await invoke(b, conversationId, messageId, 'escalate', { ...(submit.data as Record<string, unknown>), tried: 'again' });
    expect(connector.created.length).toBe(postsBefore + 1);
    expect((await readCase(id))!.history.filter((h) => h.event === 'reopened')).toHaveLength(1);
    const claimed = await invoke(b, posts[0]!.conversationId, posts[0]!.activityId, 'claim', { caseId: id }, AGENT_2, 'channel');
    expect(text(claimed)).toMatch(/Claimed by Agent Two/);
  });

  it.each([
    ['fr', /L’incident BD-\w+ a été résolu par Agent One le .+\. Si le problème est revenu, vous pouvez le rouvrir\./, 'Rouvrir l’incident'],
    ['ja', /ケース BD-\w+ は .+ に Agent One が解決済みにしました。/, 'ケースを再オープン'],
    ['zh-TW', /案例 BD-\w+ 已由 Agent One 於 .+ 解決。/, '重新開啟案例'],
    ['sv', /Ärende BD-\w+ löstes av Agent One den .+\./, 'Öppna ärendet igen'],
    ['ko', /사례 BD-\w+: .+에 Agent One 님이 해결했습니다\./, '사례 다시 열기'],
  ])('offers to reopen a resolved case in %s', async (locale, banner, button) => {
    const b = await bot();
    const conversationId = `a:reopen-${locale}`;
    const { messageId, diagnosisId } = await diagnosed(b, conversationId);
    const id = caseIdIn(await invoke(b, conversationId, messageId, 'escalate', { diagnosisId }));
    const post = connector.created.at(-1)!;
    await invoke(b, post.conversationId, post.activityId, 'resolve', { caseId: id }, AGENT_1, 'channel');
    await b.say(`language ${locale}`, { conversationId });
    const offered = await invoke(b, conversationId, messageId, 'escalate', { diagnosisId });
    expect(text(offered)).toMatch(banner);
    expect((offered.actions as Card[]).some((a) => a.title === button)).toBe(true);
    // The language is the requester's choice in every chat: back to English for the other tests.
    await b.say('language en', { conversationId });
  });
});

describe('French names', () => {
  it('elides "de" before a name starting with a vowel or a mute h, and keeps it before a consonant', async () => {
    const HELENE = { id: '29:agent-helene', name: 'Hélène Martin', aadObjectId: 'aad-agent-helene', teams: [TEAM] };
    const BERNARD = { id: '29:agent-bernard', name: 'Bernard Roy', aadObjectId: 'aad-agent-bernard', teams: [TEAM] };
    connector.members.set(HELENE.id, HELENE);
    connector.members.set(BERNARD.id, BERNARD);
    const b = await bot({ ESCALATION_LOCALE: 'fr' });
    const conversationId = 'a:french-elision';
    const { id, post } = await escalated(b, conversationId);
    await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'Quelle adresse IP ?' }, AGENT_1, 'channel');
    const q1 = questionCard(conversationId);
    await invoke(b, conversationId, q1.id, 'answerInfo', { ...q1.data, answer: '40.107.22.10' });
    await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'Depuis quand ?' }, HELENE, 'channel');
    await invoke(b, post.conversationId, post.activityId, 'askInfo', { caseId: id, question: 'Quel relais ?' }, BERNARD, 'channel');
    const support = channelCard(post);
    expect(support).toContain('Question d’Agent One');
    expect(support).toContain('Réponse d’Ada Lovelace');
    expect(support).toContain('Question d’Hélène Martin');
    expect(support).toContain('Question de Bernard Roy');
    expect(support).not.toMatch(/\bde [AEIOUÉ]/);
  });
});

describe('support agents by Entra ID group (Microsoft Graph, served locally)', () => {
  const GROUP = '6f1c2b3a-0000-4000-8000-00000000beef';
  const AGENT_3 = { id: '29:agent-3', name: 'Agent Three', aadObjectId: '33333333-3333-4333-8333-333333333333' };
  const STRANGER = { id: '29:stranger', name: 'Stranger', aadObjectId: '44444444-4444-4444-8444-444444444444' };
  let graph: Server;
  let graphUrl: string;
  const asked: { auth?: string; user: string; groups: string[] }[] = [];

  beforeAll(async () => {
    graph = createServer((req, res) => {
      const m = /^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/.exec(req.url ?? '');
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const groups = (JSON.parse(body || '{}') as { groupIds?: string[] }).groupIds ?? [];
        asked.push({ auth: req.headers.authorization, user: decodeURIComponent(m?.[1] ?? ''), groups });
        const member = m && decodeURIComponent(m[1]!) === AGENT_3.aadObjectId;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ value: member ? groups : [] }));
      });
    });
    await new Promise<void>((r) => graph.listen(0, '127.0.0.1', r));
    graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => graph.close(() => r())));

  it('lets group members handle cases and refuses everyone else', async () => {
    const groups = graphGroupMembership({ baseUrl: graphUrl, getToken: async () => 'graph-test-token' });
    const b = await startBot(env({ SUPPORT_GROUP_IDS: GROUP }), { connector, groups });
    running.push(b);
    const conversationId = 'a:group-access';
    const { id, post } = await escalated(b, conversationId);
    const refused = await invoke(b, post.conversationId, post.activityId, 'claim', { caseId: id }, STRANGER, 'channel');
    expect(text(refused)).toMatch(/Only members of the support team/);
    const claimed = await invoke(b, post.conversationId, post.activityId, 'claim', { caseId: id }, AGENT_3, 'channel');
    expect(text(claimed)).toMatch(/Claimed by Agent Three/);
    expect(asked.find((a) => a.user === AGENT_3.aadObjectId)).toMatchObject({ auth: 'Bearer graph-test-token', groups: [GROUP] });
  });
});

describe('without a support channel, and outside Teams', () => {
  it('still saves the case and tells the requester the case id and what to do', async () => {
    const b = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '300', TRANSCRIPT_REDACT_ADDRESSES: 'true' }, { connector });
    running.push(b);
    const conversationId = 'a:no-channel';
    const bounce = exoSpfBounceText({ senderDomain: 'contoso.example', recipient: 'grace@fabrikam.example' });
    const { messageId, diagnosisId } = await diagnosed(b, conversationId, bounce);
    const before = connector.created.length;
    const result = await invoke(b, conversationId, messageId, 'escalate', { diagnosisId });
    expect(connector.created.length).toBe(before);
    const card = finalCards(connector.forConversation(conversationId)).map(text).find((t) => /is saved/.test(t))!;
    expect(card).toMatch(/quote case BD-/);
    // The result card agrees: saved, nobody told; not "escalated to support". So does its redrawn copy.
    expect(text(result)).toMatch(/Saved as case BD-[2-9A-HJ-NP-Z]{6}\. No support channel is set up, so nobody was notified/);
    expect(text(result)).not.toMatch(/Escalated to support/);
    const again = await invoke(b, conversationId, messageId, 'checkAgain', { diagnosisId });
    expect(text(again)).toMatch(/Saved as case BD-/);
    expect(text(again)).not.toMatch(/Escalated to support/);
    // The transcript kept with the case hides other people's addresses, not the requester's own.
    const id = /BD-[2-9A-HJ-NP-Z]{6}/.exec(card)![0];
    const record = (await new EscalationStore(b.app.storage).get(id))!;
    const kept = JSON.stringify(record.transcript);
    expect(kept).toContain('ada@contoso.example');
    expect(kept).not.toContain('grace@fabrikam.example');
    expect(kept).toContain('[address]');
  });

  it('emits the Bot Framework handoff event on channels that take one, and never to Teams', async () => {
    const b = await bot();
    const conversationId = 'dl:handoff';
    const calls = await b.say(exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId, extra: { channelId: 'directline' } });
    const card = finalCards(calls)[0]!;
    const submit = (((card.actions as Card[]).find((a) => JSON.stringify(a).includes('"escalate"'))!.card as Card).actions as Card[])[0]!;
    const messageId = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!.assignedId;
    const activity = {
      ...teamsMessage(connector.url, '', { conversationId }),
      channelId: 'directline',
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      replyToId: messageId,
      value: { action: { type: 'Action.Execute', verb: 'escalate', data: submit.data } },
    };
    expect((await b.post(activity)).status).toBe(200);
    const events = connector.forConversation(conversationId).filter((c) => c.activity.type === 'event');
    expect(events).toHaveLength(1);
    expect(events[0]!.activity.name).toBe('handoff.initiate');
    expect(JSON.stringify(events[0]!.activity.value)).toMatch(/BD-/);
    // Teams conversations in the other tests got no event at all.
    expect(connector.calls.filter((c) => c.activity.type === 'event' && !c.conversationId.startsWith('dl:'))).toHaveLength(0);
  });
});
