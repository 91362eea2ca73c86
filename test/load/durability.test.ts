/**
 * Escalations survive the bot process being killed and Azure Blob Storage (Azurite) going away: the bot
 * runs as a real process (bot/index.ts) with its state and cases in Azurite, a support channel configured,
 * the connector stub standing in for Teams. The promise to the person is "a case you saw confirmed is with
 * support": every escalation whose confirmation card came back must be in storage afterwards, posted to
 * the support channel and claimable there. An escalation that was not confirmed (the process died under
 * it, or storage was down) is clicked again, as the person would, and must then be confirmed and stored.
 */
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { startConnectorStub, type ConnectorStub } from '../helpers/connector-stub';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { cardTexts, finalCards, teamsMessage } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';
import type { EscalationRecord } from '../../bot/escalation/types';
import { killAll, startBotProcess, type BotProcess } from './bot-process';

const TEAM = '19:load-support-team@thread.tacv2';
const CHANNEL = '19:load-support-channel@thread.tacv2';
const CONTAINER = 'load-durability';
const AGENT = { id: '29:load-agent', name: 'Agent Load', aadObjectId: 'aad-load-agent', teams: [TEAM] };
const DOMAIN = 'durable.example';
const RECORD = 'v=spf1 include:spf.protection.outlook.com -all';

let dns: TestDnsServer;
let azurite: Azurite;
let connector: ConnectorStub;
let people = 0;

beforeAll(async () => {
  dns = await startDnsServer({
    [DOMAIN]: [{ TXT: RECORD }, { MX: [10, 'durable-example.mail.protection.outlook.com'] }],
    'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all' }],
  });
  azurite = await startAzurite();
  connector = await startConnectorStub();
  connector.members.set(AGENT.id, AGENT);
}, 60_000);

afterAll(async () => {
  await killAll();
  await connector?.close();
  await azurite?.dispose();
  await dns?.stop();
});

function env(): Record<string, string> {
  return {
    DNS_SERVERS: dns.address,
    DNS_TIMEOUT_MS: '1000',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_CONTAINER: CONTAINER,
    ESCALATION_TEAM_ID: TEAM,
    ESCALATION_CHANNEL_ID: CHANNEL,
    ESCALATION_LOCALE: 'en',
    // The outbox runs when the process starts; no periodic run during the test.
    OUTBOX_RETRY_SECONDS: '3600',
  };
}

const storage = (): BlobsStorage => new BlobsStorage(azurite.connectionString, CONTAINER);

async function readCase(id: string): Promise<EscalationRecord | undefined> {
  const items = await storage().read([`escalations/${id}`]);
  return items[`escalations/${id}`] as EscalationRecord | undefined;
}

type Card = Record<string, unknown>;
const textOf = (card: unknown): string => cardTexts(card).join('\n');

interface Chat {
  conversationId: string;
  from: { id: string; name: string; aadObjectId: string };
  messageId: string;
  diagnosisId: string;
}

async function postTo(bot: BotProcess, activity: Record<string, unknown>): Promise<{ status: number; body: string }> {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return { status: res.status, body: await res.text() };
}

/** A person pastes a bounce in their personal chat and gets the diagnosis, with its Escalate button. */
async function diagnosed(bot: BotProcess): Promise<Chat> {
  const n = ++people;
  const conversationId = `a:durable-${n}`;
  const from = { id: `29:durable-${n}`, name: `Requester ${n}`, aadObjectId: `00000000-0000-0000-0004-${String(n).padStart(12, '0')}` };
  const res = await postTo(bot, teamsMessage(connector.url, exoSpfBounceText({ senderDomain: DOMAIN }), { conversationId, extra: { from } }));
  expect(res.status).toBe(200);
  const calls = connector.forConversation(conversationId);
  const card = finalCards(calls)[0]!;
  expect(textOf(card)).toContain(RECORD);
  const escalate = (card.actions as Card[]).find((a) => a.type === 'Action.ShowCard' && JSON.stringify(a).includes('"escalate"'))!;
  const submit = ((escalate.card as Card).actions as Card[])[0]!;
  return {
    conversationId,
    from,
    messageId: calls.find((c) => c.method === 'POST' && c.activity.type === 'message')!.assignedId,
    diagnosisId: (submit.data as { diagnosisId: string }).diagnosisId,
  };
}

type Outcome = { kind: 'confirmed'; caseId: string } | { kind: 'refused'; text: string } | { kind: 'no answer'; error: string };

/** The person presses "Send to support"; what they see back. */
async function escalate(bot: BotProcess, chat: Chat): Promise<Outcome> {
  const activity = {
    ...teamsMessage(connector.url, '', { conversationId: chat.conversationId, extra: { from: chat.from } }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId: chat.messageId,
    value: { action: { type: 'Action.Execute', verb: 'escalate', data: { diagnosisId: chat.diagnosisId, urgency: 'high', tried: 'Nothing yet' } }, trigger: 'manual' },
  };
  let res: { status: number; body: string };
  try {
    res = await postTo(bot, activity);
  } catch (err) {
    return { kind: 'no answer', error: (err as Error).message };
  }
  if (res.status !== 200) return { kind: 'no answer', error: `HTTP ${res.status}` };
  const text = textOf((JSON.parse(res.body) as { value?: unknown }).value);
  const confirmed = /Escalated to support as case (BD-[2-9A-HJ-NP-Z]{6})/.exec(text);
  if (confirmed) return { kind: 'confirmed', caseId: confirmed[1]! };
  if (/couldn't save/.test(text)) return { kind: 'refused', text };
  throw new Error(`unexpected answer to an escalation: ${text.slice(0, 500)}`);
}

/** The support card posted to the channel for a case (the first, if ever there were two). */
function supportPostOf(caseId: string): { conversationId: string; activityId: string } | undefined {
  const post = connector.created.find((c) => JSON.stringify(c.params).includes(caseId));
  return post && { conversationId: post.conversationId, activityId: post.activityId };
}

async function claim(bot: BotProcess, caseId: string): Promise<string> {
  const post = supportPostOf(caseId)!;
  const activity = {
    ...teamsMessage(connector.url, '', { conversationId: post.conversationId, conversationType: 'channel' }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    from: { id: AGENT.id, name: AGENT.name, aadObjectId: AGENT.aadObjectId },
    replyToId: post.activityId,
    value: { action: { type: 'Action.Execute', verb: 'claim', data: { caseId } }, trigger: 'manual' },
  };
  const res = await postTo(bot, activity);
  expect(res.status).toBe(200);
  return textOf((JSON.parse(res.body) as { value?: unknown }).value);
}

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const outboxEmpty = async (): Promise<boolean> => {
  const items = await storage().read(['escalations/outbox']);
  return ((items['escalations/outbox'] as { ids?: string[] } | undefined)?.ids ?? []).length === 0;
};

/** Every confirmed case is stored as confirmed, for that person's diagnosis, and is in the support channel. */
async function expectKept(confirmed: Map<Chat, string>): Promise<void> {
  for (const [chat, caseId] of confirmed) {
    const record = await readCase(caseId);
    expect({ caseId, stored: record !== undefined }).toEqual({ caseId, stored: true });
    expect(record!.diagnosisId).toBe(chat.diagnosisId);
    expect(record!.requester.aadObjectId).toBe(chat.from.aadObjectId);
    expect(record!.conversation.conversation?.id).toBe(chat.conversationId);
    expect(record!.notes.urgency).toBe('high');
    expect(supportPostOf(caseId)).toBeDefined();
  }
}

let survivor: BotProcess | undefined;

it('keeps every confirmed escalation when the bot process is killed, and the restarted bot lets support claim them', async () => {
  const first = await startBotProcess(env());
  const chats = await Promise.all(Array.from({ length: 10 }, () => diagnosed(first)));

  // One escalation, confirmed, then the process is killed outright.
  const one = await escalate(first, chats[0]!);
  expect(one.kind).toBe('confirmed');
  const confirmed = new Map<Chat, string>([[chats[0]!, (one as { caseId: string }).caseId]]);

  // More escalations in flight: the process is killed the moment the first of them is confirmed.
  const rest = chats.slice(1);
  let killed: Promise<void> | undefined;
  const outcomes = await Promise.all(
    rest.map(async (chat, i) => {
      await new Promise((r) => setTimeout(r, i * 25));
      if (killed) return { kind: 'no answer', error: 'not sent: process gone' } as Outcome;
      const outcome = await escalate(first, chat);
      if (outcome.kind === 'confirmed') killed ??= first.kill();
      return outcome;
    }),
  );
  await (killed ?? first.kill());
  rest.forEach((chat, i) => {
    const o = outcomes[i]!;
    if (o.kind === 'confirmed') confirmed.set(chat, o.caseId);
  });
  expect(outcomes.some((o) => o.kind !== 'confirmed')).toBe(true); // the kill did cut some short

  // A new process on the same storage. At start-up it posts what the old one left in its outbox.
  const second = await startBotProcess(env());
  survivor = second;
  await until('the outbox to be posted', outboxEmpty);
  await expectKept(confirmed);

  // Support claims each confirmed case from its card in the channel, on the new process.
  for (const caseId of confirmed.values()) {
    expect(await claim(second, caseId)).toMatch(/Claimed by Agent Load/);
    expect((await readCase(caseId))!.owner?.name).toBe('Agent Load');
  }

  // Whoever saw no confirmation presses the button again: now it is confirmed, stored and posted.
  const retried = new Map<Chat, string>();
  for (const [i, chat] of rest.entries()) {
    if (outcomes[i]!.kind === 'confirmed') continue;
    const again = await escalate(second, chat);
    expect(again).toMatchObject({ kind: 'confirmed' });
    retried.set(chat, (again as { caseId: string }).caseId);
  }
  await expectKept(retried);
}, 120_000);

it('keeps every confirmed escalation while Azure Storage stops and starts during a batch', async () => {
  const bot = survivor ?? (await startBotProcess(env()));
  const chats = await Promise.all(Array.from({ length: 9 }, () => diagnosed(bot)));
  const confirmed = new Map<Chat, string>();
  const refused: Chat[] = [];
  const record = (chat: Chat, o: Outcome): void => {
    if (o.kind === 'confirmed') confirmed.set(chat, o.caseId);
    else refused.push(chat);
  };

  // Three before the outage.
  for (const chat of chats.slice(0, 3)) record(chat, await escalate(bot, chat));
  expect(confirmed.size).toBe(3);

  // Storage stops while the next ones are being sent, and comes back while the last are still in flight.
  const during = chats.slice(3);
  const stopping = azurite.stop();
  const inFlight = during.map(async (chat, i) => {
    await new Promise((r) => setTimeout(r, i * 300));
    record(chat, await escalate(bot, chat));
  });
  await stopping;
  await new Promise((r) => setTimeout(r, 500));
  await azurite.start();
  await Promise.all(inFlight);
  expect(refused.length).toBeGreaterThan(0); // some people were told "couldn't save"

  await expectKept(confirmed);

  // Those told "couldn't save" try again once storage is back: confirmed and kept.
  const retried = new Map<Chat, string>();
  for (const chat of refused) {
    const again = await escalate(bot, chat);
    expect(again).toMatchObject({ kind: 'confirmed' });
    retried.set(chat, (again as { caseId: string }).caseId);
  }
  await expectKept(retried);
}, 90_000);
