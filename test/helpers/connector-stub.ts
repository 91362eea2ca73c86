/**
 * A local stand-in for the Bot Framework connector service (Teams' serviceUrl): records every activity
 * the bot sends (POST) or updates (PUT) so tests see exactly what a Teams client would receive.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** For replies and updates: the activity id in the URL. */
  activityId?: string;
  activity: Record<string, unknown> & { type?: string; attachments?: { contentType: string; content: unknown }[]; id?: string };
  /** Id the stub gave the sent activity. */
  assignedId: string;
  authorization?: string;
}

export interface CreatedConversation {
  conversationId: string;
  activityId: string;
  params: Record<string, unknown>;
}

export interface ConnectorStub {
  url: string;
  calls: ConnectorCall[];
  /** Conversations the bot created (TeamsInfo.sendMessageToTeamsChannel posts a new channel thread this way). */
  created: CreatedConversation[];
  /** Users the stub knows, by Bot Framework id, for member and roster look-ups. */
  members: Map<string, { id: string; name: string; aadObjectId?: string; email?: string; teams: string[] }>;
  /** The next `n` conversation creations fail with this HTTP status (e.g. 500). */
  failCreates(n: number, status?: number): void;
  /**
   * The next activity sends/updates answer these statuses in turn instead of accepting the activity
   * (429 comes with `Retry-After: retryAfterSeconds`). Refused attempts are counted, not recorded.
   */
  failActivities(statuses: number[], retryAfterSeconds?: number): void;
  refused: { status: number; conversationId: string }[];
  /** Calls for one conversation, in arrival order. */
  forConversation(conversationId: string): ConnectorCall[];
  /** Resolves when `count` calls for the conversation have arrived (or rejects after `timeoutMs`). */
  waitFor(conversationId: string, count: number, timeoutMs?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;
const CREATE = /^\/v3\/conversations\/?(?:\?.*)?$/;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)\/?(?:\?.*)?$/;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const calls: ConnectorCall[] = [];
  const created: CreatedConversation[] = [];
  const members: ConnectorStub['members'] = new Map();
  const waiters: (() => void)[] = [];
  let next = 1;
  let createFailures = 0;
  let activityFailures: number[] = [];
  let retryAfter = 1;
  const refused: { status: number; conversationId: string }[] = [];
  let createFailStatus = 500;
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '';
      if (req.method === 'POST' && url.match(CREATE)) {
        const params = await readJson(req);
        if (createFailures > 0) {
          createFailures--;
          json(res, createFailStatus, { error: { code: 'ServiceError', message: 'stub failure' } });
          return;
        }
        // As in Teams: the new thread's id ends in ;messageid=<the id of its first post>.
        const activityId = `activity-${next++}`;
        const conversationId = `19:thread-${activityId}@thread.tacv2;messageid=${activityId}`;
        created.push({ conversationId, activityId, params });
        const activity = (params.activity ?? {}) as ConnectorCall['activity'];
        calls.push({ method: 'POST', conversationId, activity, assignedId: activityId, authorization: req.headers.authorization });
        json(res, 201, { id: conversationId, activityId });
        for (const w of waiters.splice(0)) w();
        return;
      }
      const member = MEMBER.exec(url);
      if (req.method === 'GET' && member) {
        const conversation = decodeURIComponent(member[1]!);
        const user = members.get(decodeURIComponent(member[2]!));
        // A team id asks for the team roster; anything else is the user's own chat.
        if (!user || (conversation.startsWith('19:') && !user.teams.includes(conversation))) {
          json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } });
          return;
        }
        json(res, 200, { id: user.id, name: user.name, aadObjectId: user.aadObjectId, email: user.email, userPrincipalName: user.email });
        return;
      }
      const m = ROUTE.exec(url);
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: `${req.method} ${req.url}` } }));
        return;
      }
      const activity = (await readJson(req)) as ConnectorCall['activity'];
      const failure = activityFailures.shift();
      if (failure !== undefined) {
        refused.push({ status: failure, conversationId: decodeURIComponent(m[1]!) });
        res.writeHead(failure, { 'content-type': 'application/json', ...(failure === 429 ? { 'retry-after': String(retryAfter) } : {}) });
        res.end(JSON.stringify({ error: { code: failure === 429 ? 'Throttled' : 'ServiceError', message: 'stub refusal' } }));
        return;
      }
      const assignedId = req.method === 'PUT' ? decodeURIComponent(m[2] ?? '') : `activity-${next++}`;
      calls.push({
        method: req.method,
        conversationId: decodeURIComponent(m[1]!),
        activityId: m[2] ? decodeURIComponent(m[2]) : undefined,
        activity,
        assignedId,
        authorization: req.headers.authorization,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: assignedId }));
      for (const w of waiters.splice(0)) w();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const forConversation = (id: string): ConnectorCall[] => calls.filter((c) => c.conversationId === id);
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    created,
    members,
    refused,
    failActivities(statuses, seconds = 1) {
      activityFailures = [...statuses];
      retryAfter = seconds;
    },
    failCreates(n, status = 500) {
      createFailures = n;
      createFailStatus = status;
    },
    forConversation,
    async waitFor(conversationId, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (forConversation(conversationId).length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`waited ${timeoutMs} ms for ${count} calls to ${conversationId}, got ${forConversation(conversationId).length}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 200));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return forConversation(conversationId);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
