/**
 * Starts the real bot (restify + CloudAdapter) on a random port with a given environment, and a
 * connector stub for its replies. Tests POST Teams-shaped activities over real sockets.
 */
import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/log';
import type { GroupMembership } from '../../bot/escalation/graph-groups';
import { startConnectorStub, type ConnectorCall, type ConnectorStub } from './connector-stub';

export interface BotHarness {
  baseUrl: string;
  connector: ConnectorStub;
  app: App;
  /** POST an activity to /api/messages; resolves with the HTTP status once the turn has run. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  /** Sends a Teams personal-chat message and returns the connector calls it caused. */
  say(text: string, opts?: MessageOptions): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

export interface MessageOptions {
  locale?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  extra?: Record<string, unknown>;
}

/** Teams gives a chat message the time it arrived, in ms, as its id ("1701234567890"): counted up from now here. */
let nextMessageId = Date.now();

export function teamsMessage(serviceUrl: string, text: string, opts: MessageOptions = {}): Record<string, unknown> {
  const locale = opts.locale ?? 'en-US';
  const conversationId = opts.conversationId ?? `a:${randomUUID()}`;
  return {
    type: 'message',
    id: String(nextMessageId++),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:user-ada', name: 'Ada Lovelace', aadObjectId: '00000000-0000-0000-0000-0000000000ad' },
    conversation: { id: conversationId, conversationType: opts.conversationType ?? 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:bounce-doctor', name: 'Bounce Doctor' },
    text,
    textFormat: 'plain',
    locale,
    entities: [{ type: 'clientInfo', locale, country: 'US', platform: 'Web' }],
    channelData: { tenant: { id: 'tenant-1' } },
    ...opts.extra,
  };
}

export interface StartOptions {
  /** Share one connector stub between several bot instances (it is then not closed with this bot). */
  connector?: ConnectorStub;
  /** Group membership look-ups (Microsoft Graph with a test token; Azure's token service cannot run here). */
  groups?: GroupMembership;
}

export async function startBot(env: Record<string, string | undefined> = {}, opts: StartOptions = {}): Promise<BotHarness> {
  const connector = opts.connector ?? (await startConnectorStub());
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const app = createApp(config, createLogger(config.logLevel), undefined, opts.groups);
  const port = await app.listen(0);
  const baseUrl = `http://127.0.0.1:${port}`;

  const post: BotHarness['post'] = async (activity, headers = {}) => {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    return { status: res.status, body: await res.text() };
  };

  return {
    baseUrl,
    connector,
    app,
    post,
    async say(text, opts = {}) {
      const activity = teamsMessage(connector.url, text, opts);
      const conversationId = (activity.conversation as { id: string }).id;
      const before = connector.forConversation(conversationId).length;
      const res = await post(activity);
      if (res.status >= 300) throw new Error(`POST /api/messages → ${res.status}: ${res.body}`);
      return connector.forConversation(conversationId).slice(before);
    },
    async close() {
      await app.close();
      if (!opts.connector) await connector.close();
    },
  };
}

/** Posts one activity as Teams would and returns the cards the person ends up seeing in its conversation. */
export async function cardsAfter(bot: BotHarness, activity: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const conversationId = (activity.conversation as { id: string }).id;
  const before = bot.connector.forConversation(conversationId).length;
  const res = await bot.post(activity);
  if (res.status !== 200) throw new Error(`POST /api/messages → ${res.status}: ${res.body}`);
  return finalCards(bot.connector.forConversation(conversationId).slice(before));
}

/**
 * What the person ends up seeing: one entry per message the bot posted, holding its latest card (a PUT
 * replaces the card of the message it names).
 */
export function finalCards(calls: ConnectorCall[]): Record<string, unknown>[] {
  const messages = new Map<string, Record<string, unknown> | undefined>();
  for (const c of calls) {
    const card = cardsOf([c])[0];
    if (c.method === 'POST' && c.activity.type === 'message') messages.set(c.assignedId, card);
    if (c.method === 'PUT' && c.activityId && messages.has(c.activityId)) messages.set(c.activityId, card);
  }
  return [...messages.values()].filter((c): c is Record<string, unknown> => c !== undefined);
}

/** The Adaptive Cards among the calls' activities. */
export function cardsOf(calls: ConnectorCall[]): Record<string, unknown>[] {
  return calls.flatMap((c) =>
    (c.activity.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content as Record<string, unknown>),
  );
}

/** Every text a person would read on a card, in order (TextBlocks, TextRuns, facts, action titles). */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string' && (typeof o.value === 'string' || String(o.type ?? '').startsWith('Action.'))) out.push(o.title);
    if (typeof o.value === 'string' && typeof o.title === 'string') out.push(o.value);
    for (const [k, v] of Object.entries(o)) if (k !== 'fallbackText' && typeof v === 'object') walk(v);
  };
  walk(card);
  return out;
}

/** Texts a client renders as markdown: TextBlocks and FactSet values (TextRuns render none). */
export function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { value?: unknown }[]) if (typeof f.value === 'string') out.push(f.value);
    for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
  };
  walk(card);
  return out;
}
