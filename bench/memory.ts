/**
 * Memory after 10,000 conversations and 1,000 escalations in one process: the real bot (createApp, memory
 * storage as `npm start` uses with no storage configured, no support channel), driven over HTTP through the
 * connector stub, with a DNS server answering for every sender domain. Each conversation is a personal
 * chat of its own person, pasting one 5.7.23 bounce from a domain of its own (so the DNS cache sees 10,000
 * domains); the first 1,000 then escalate their diagnosis (the Action.Execute invoke the card's "Send to
 * support" button sends). Then 1,000 conversations go through the local playground's connector, to show its
 * feed stays bounded.
 *
 * Run with --expose-gc (`npm run bench` does): every figure is taken after a full collection.
 */
import { performance } from 'node:perf_hooks';
import type { MemoryStorage } from 'botbuilder';
import { createApp, type App } from '../bot/app';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/log';
import { MAX_SHARED_RESOLVERS, sharedResolver } from '../bot/dns/resolvers';
import { playgroundOf, CONNECTOR_PATH } from '../bot/playground';
import { DEFAULT_FEED_LIMITS } from '../bot/playground/feed';
import { MAX_DIAGNOSES, MAX_RAW_CHARS, MAX_TRANSCRIPT } from '../bot/teams/state';
import { cardTexts, finalCards, teamsMessage } from '../test/helpers/http-harness';
import { startConnectorStub, type ConnectorStub } from '../test/helpers/connector-stub';
import { startDnsServer, type ZoneData } from '../test/helpers/dns-server';
import { exoSpfBounceText } from '../test/helpers/bounces';

const CONVERSATIONS = 10_000;
const ESCALATIONS = 1_000;
const PLAYGROUND_CONVERSATIONS = 1_000;
const WARMUP = 200;
const CONCURRENCY = 16;
const BATCH = 500;
const DNS_CACHE_MAX = 5000; // bot/dns/resolver.ts defaults, as createApp uses them
const DNS_CACHE_MAX_BYTES = 8 * 2 ** 20;

const domainOf = (i: number): string => `d${i}.mem.example`;
const recordOf = (i: number): string => `v=spf1 ip4:10.${(i >> 8) & 255}.${i & 255}.0/24 include:spf.protection.outlook.com -all`;

function zone(): ZoneData {
  const z: ZoneData = {
    'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 -all' }],
  };
  for (let i = -WARMUP; i < CONVERSATIONS; i++) {
    const name = i < 0 ? `w${-i}.mem.example` : domainOf(i);
    z[name] = [{ TXT: i < 0 ? 'v=spf1 -all' : recordOf(i) }, { MX: [10, 'mx.mem.example'] }];
  }
  return z;
}

interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

const personOf = (i: number): Person => ({ id: `29:mem-${i}`, name: `Person ${i}`, aadObjectId: `00000000-0000-0000-0001-${String(i + 1e6).padStart(12, '0')}` });

interface Snapshot {
  label: string;
  rss: number;
  heapUsed: number;
  external: number;
  storageKeys: { conversations: number; items: number; users: number; escalations: number; other: number };
  /** Characters of JSON MemoryStorage holds. */
  storageChars: number;
  dnsCache: number;
  dnsCacheBytes: number;
  feedConversations: number;
  ms: number;
}

const MiB = (n: number): string => (n / 2 ** 20).toFixed(1);

async function snapshot(label: string, app: App, dnsServer: string, timeoutMs: number, started: number): Promise<Snapshot> {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Several full collections: V8 also drops the bytecode of functions unused for a few collections (much of
  // it the TypeScript compiler ts-node ran at start-up), which would otherwise shrink the heap between rows.
  if (gc) for (let i = 0; i < 10; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  // The collections above block this thread (client and bot alike) for a while: let idle keep-alive connections
  // close on both sides (the client's pool gives them up after 4 s, restify after 5 s) rather than reuse one the
  // server is closing at that very moment.
  await new Promise((r) => setTimeout(r, 5500));
  // MemoryStorage keeps every item as a JSON string in `memory` (botbuilder-core/lib/memoryStorage.js).
  const memory = (app.storage as MemoryStorage & { memory: Record<string, string | undefined> }).memory;
  const keys = { conversations: 0, items: 0, users: 0, escalations: 0, other: 0 };
  let chars = 0;
  for (const [k, v] of Object.entries(memory)) {
    if (v === undefined) continue;
    chars += v.length;
    // A conversation's own item ends at its key; its diagnoses and transcript turns are items beside it
    // (bot/teams/state.ts), under its key or, for a very long one, under conversation-items/<hash>/.
    if (/\/(diagnosis|transcript)\/\d+$/.test(k)) keys.items++;
    else if (k.includes('/conversations/')) keys.conversations++;
    else if (k.includes('/users/')) keys.users++;
    else if (k.startsWith('escalations/')) keys.escalations++;
    else keys.other++;
  }
  // The shared resolver createApp's SPF checker uses (same servers and timeout → same instance).
  const resolver = sharedResolver([dnsServer], timeoutMs) as unknown as { cache: { size: number; bytes: number } };
  return {
    label,
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external + m.arrayBuffers,
    storageKeys: keys,
    storageChars: chars,
    dnsCache: resolver.cache.size,
    dnsCacheBytes: resolver.cache.bytes,
    feedConversations: playgroundOf(app.server)?.feed.conversationCount ?? 0,
    ms: performance.now() - started,
  };
}

async function post(url: string, activity: Record<string, unknown>): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return { status: res.status, body: await res.text() };
}

/** Runs `work(i)` for every i in [from, to) with `CONCURRENCY` at a time. */
async function pool(from: number, to: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) await work(next++);
    }),
  );
}

interface Diagnosed {
  conversationId: string;
  messageId: string;
  diagnosisId: string;
}

/** One personal chat pasting one bounce; returns what its Escalate button needs. */
async function converse(url: string, connector: ConnectorStub, i: number, domain: string, conversationId: string): Promise<Diagnosed> {
  const from = personOf(i);
  const res = await post(url, teamsMessage(connector.url, exoSpfBounceText({ senderDomain: domain }), { conversationId, extra: { from } }));
  if (res.status >= 300) throw new Error(`POST → ${res.status}`);
  const calls = connector.forConversation(conversationId);
  const cards = finalCards(calls);
  const card = cards[0];
  if (cards.length !== 1 || !card || !cardTexts(card).join('\n').includes(`SPF record of ${domain}`)) {
    throw new Error(`conversation ${conversationId}: expected one result card for ${domain}, got ${cards.map((c) => cardTexts(c).slice(0, 2).join(' / ')).join(' | ')}`);
  }
  const escalate = ((card.actions ?? []) as Record<string, unknown>[]).find((a) => a.type === 'Action.ShowCard' && JSON.stringify(a).includes('"escalate"'));
  const submit = (((escalate?.card as Record<string, unknown> | undefined)?.actions ?? []) as { data?: { diagnosisId?: string } }[])[0];
  const messageId = calls.find((c) => c.method === 'POST' && c.activity.type === 'message')?.assignedId ?? '';
  return { conversationId, messageId, diagnosisId: submit?.data?.diagnosisId ?? '' };
}

export async function run(): Promise<string> {
  const dns = await startDnsServer(zone());
  const connector = await startConnectorStub();
  const timeoutMs = 2000;
  const config = loadConfig({ LOG_LEVEL: 'silent', DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: String(timeoutMs) });
  const app = createApp(config, createLogger('silent'));
  const base = `http://127.0.0.1:${await app.listen(0)}`;
  const url = `${base}/api/messages`;
  const started = performance.now();
  const progress = (s: string): void => void process.stderr.write(`bench: memory: ${s}\n`);
  const snaps: Snapshot[] = [];
  try {
    // Warm-up: JIT, templates, i18n resources, connection pools.
    for (let i = 0; i < WARMUP; i += BATCH) {
      await pool(i, Math.min(WARMUP, i + BATCH), async (k) => void (await converse(url, connector, 1e6 + k, `w${k + 1}.mem.example`, `a:mem-warm-${k}`)));
      connector.calls.length = 0;
    }
    snaps.push(await snapshot(`after warm-up (${WARMUP} conversations)`, app, dns.address, timeoutMs, started));

    const toEscalate: Diagnosed[] = [];
    for (let i = 0; i < CONVERSATIONS; i += BATCH) {
      await pool(i, Math.min(CONVERSATIONS, i + BATCH), async (k) => {
        const d = await converse(url, connector, k, domainOf(k), `a:mem-${k}`);
        if (k < ESCALATIONS) toEscalate[k] = d;
      });
      // The stub keeps every call; the bench only needs the current batch's.
      connector.calls.length = 0;
      if ((i + BATCH) % 2500 === 0) progress(`${i + BATCH} conversations`);
    }
    snaps.push(await snapshot(`after ${CONVERSATIONS.toLocaleString('en')} conversations`, app, dns.address, timeoutMs, started));

    let confirmed = 0;
    for (let i = 0; i < ESCALATIONS; i += BATCH) {
      await pool(i, Math.min(ESCALATIONS, i + BATCH), async (k) => {
        const d = toEscalate[k]!;
        const activity = {
          ...teamsMessage(connector.url, '', { conversationId: d.conversationId, extra: { from: personOf(k) } }),
          type: 'invoke',
          name: 'adaptiveCard/action',
          text: undefined,
          replyToId: d.messageId,
          value: { action: { type: 'Action.Execute', verb: 'escalate', data: { diagnosisId: d.diagnosisId, tried: 'Checked the record twice.', urgency: 'normal' } }, trigger: 'manual' },
        };
        const res = await post(url, activity);
        const text = cardTexts((JSON.parse(res.body) as { value?: unknown }).value).join('\n');
        if (res.status !== 200 || !/BD-[2-9A-HJ-NP-Z]{6}/.test(text)) throw new Error(`escalation ${k}: ${res.status} ${text.slice(0, 200)}`);
        confirmed++;
      });
      connector.calls.length = 0;
    }
    snaps.push(await snapshot(`after ${ESCALATIONS.toLocaleString('en')} escalations`, app, dns.address, timeoutMs, started));

    // The playground's own connector (local mode): its feed keeps the last 50 conversations only.
    const playgroundConnector = `${base}${CONNECTOR_PATH}`;
    await pool(0, PLAYGROUND_CONVERSATIONS, async (k) => {
      const res = await post(url, teamsMessage(playgroundConnector, exoSpfBounceText({ senderDomain: domainOf(k) }), { conversationId: `pg-mem-${k}`, extra: { from: personOf(k + 2e6) } }));
      if (res.status >= 300) throw new Error(`playground POST → ${res.status}`);
    });
    snaps.push(await snapshot(`after ${PLAYGROUND_CONVERSATIONS.toLocaleString('en')} playground conversations`, app, dns.address, timeoutMs, started));

    const [warm, conv, esc, pg] = snaps as [Snapshot, Snapshot, Snapshot, Snapshot];
    const perConversation = (conv.storageChars - warm.storageChars) / CONVERSATIONS;
    const perEscalation = (esc.storageChars - conv.storageChars) / ESCALATIONS;
    const heapPerConversation = (conv.heapUsed - warm.heapUsed) / CONVERSATIONS;
    const heapPerEscalation = (esc.heapUsed - conv.heapUsed) / ESCALATIONS;
    const row = (s: Snapshot): string =>
      `| ${s.label} | ${MiB(s.rss)} | ${MiB(s.heapUsed)} | ${MiB(s.external)} | ${s.storageKeys.conversations} / ${s.storageKeys.items} / ${s.storageKeys.users} / ${s.storageKeys.escalations} | ` +
      `${(s.storageChars / 1e6).toFixed(1)} | ${s.dnsCache} / ${(s.dnsCacheBytes / 2 ** 20).toFixed(1)} | ${s.feedConversations} | ${(s.ms / 1000).toFixed(0)} |`;
    const gcNote = (globalThis as { gc?: unknown }).gc ? 'after `global.gc()`' : '**without** `global.gc()` (run node with --expose-gc for settled figures)';
    return [
      '## Memory after 10,000 conversations and 1,000 escalations',
      '',
      `One process: the real bot (createApp, memory storage, no support channel), the connector stub, the DNS server and the ` +
        `HTTP client. ${CONVERSATIONS.toLocaleString('en')} personal chats, each its own person pasting one 5.7.23 bounce from a ` +
        `sender domain of its own (${CONCURRENCY} at a time); then the first ${ESCALATIONS.toLocaleString('en')} press "Send to support" ` +
        `(${confirmed} confirmed with a case id); then ${PLAYGROUND_CONVERSATIONS.toLocaleString('en')} more conversations answered through the ` +
        `local playground's connector. Figures ${gcNote}; MiB. "state" counts the items in the bot's MemoryStorage ` +
        '(conversations / their kept diagnoses and transcript turns / people / escalation records and the outbox) and the millions of characters of JSON they hold. RSS includes ' +
        'the TypeScript compiler ts-node keeps loaded (the bench runs from source), and the client, stub and DNS server ' +
        `(a zone of ${(CONVERSATIONS + WARMUP).toLocaleString('en')} names); compare the rows, not the absolute figures.`,
      '',
      '| after | RSS | heap used | external | state items | state (M chars) | DNS cache entries / MiB | playground feed conversations | s |',
      '|---|---|---|---|---|---|---|---|---|',
      ...snaps.map(row),
      '',
      'What grows, and why:',
      '',
      `- **Conversation state, by design.** MemoryStorage keeps every conversation's and every person's state for the life of ` +
        `the process, as JSON strings: ${(perConversation / 1000).toFixed(1)} thousand characters per conversation here, and the heap ` +
        `grew ${(heapPerConversation / 1024).toFixed(1)} KiB per conversation (its own item, and its diagnoses and transcript ` +
        `turns in items beside it). Bounded per conversation (last ${MAX_DIAGNOSES} ` +
        `diagnoses, each with its bounce text up to ${MAX_RAW_CHARS / 1024} Ki characters; last ${MAX_TRANSCRIPT} transcript ` +
        'entries), not in the number of conversations. Memory storage is for trying the bot; production sets ' +
        '`AZURE_STORAGE_CONNECTION_STRING` or `AZURE_STORAGE_ACCOUNT_URL`, and then none of this stays in the process.',
      `- **Escalation records**, also in MemoryStorage without a storage account: ${(perEscalation / 1000).toFixed(1)} thousand ` +
        `characters of JSON per case (the bounce, every DNS report, the transcript); the heap grew ` +
        `${(heapPerEscalation / 1024).toFixed(1)} KiB per escalation. More than the characters suggest, because of how V8 keeps ` +
        'these strings (seen in heap snapshots): a string from `JSON.stringify` stays a tree of one-byte pieces until something ' +
        'reads it; the first read (escalating reads the conversation\'s state, and the case is read back after it is written) ' +
        'flattens it into one copy, and a single character outside Latin-1 (the "…" of "Checking …" in the transcript) makes ' +
        'that copy two bytes per character. A conversation that is read again costs up to twice its first figure.',
      `- **DNS cache: bounded.** ${esc.dnsCache} entries holding about ${(esc.dnsCacheBytes / 2 ** 20).toFixed(1)} MiB after ` +
        `${CONVERSATIONS.toLocaleString('en')} sender domains: the resolver's LRU (\`bot/dns/cache.ts\`) holds at most ` +
        `${DNS_CACHE_MAX} answers and ${DNS_CACHE_MAX_BYTES / 2 ** 20} MiB of them (as \`answerBytes\` estimates: two bytes a ` +
        'character), so a few thousand large TXT answers (tens of KiB each over TCP) cannot hold more; ' +
        `\`bot/dns/resolvers.ts\` keeps at most ${MAX_SHARED_RESOLVERS} resolvers (one per DNS server list and timeout; \`npm start\` uses one).`,
      `- **Playground feed: bounded.** ${pg.feedConversations} conversations kept after ${PLAYGROUND_CONVERSATIONS.toLocaleString('en')}: ` +
        `\`bot/playground/feed.ts\` keeps the ${DEFAULT_FEED_LIMITS.maxConversations} most recently used conversations, each at most ` +
        `${DEFAULT_FEED_LIMITS.maxEventsPerConversation} events and ${MiB(DEFAULT_FEED_LIMITS.maxBytesPerConversation)} MiB, and ` +
        `${DEFAULT_FEED_LIMITS.maxListenersPerConversation} listeners (worst case about ` +
        `${MiB(DEFAULT_FEED_LIMITS.maxConversations * DEFAULT_FEED_LIMITS.maxBytesPerConversation)} MiB). It exists only without a Microsoft app id.`,
      '- **Other per-process maps: bounded.** The per-person check limiter (`bot/teams/rate-limit.ts`) forgets the least ' +
        'recently seen people beyond 10,000, each holding at most a minute of timestamps; the card templates\' JSON is read once per card ' +
        'name (eleven); the escalation outbox list keeps its last 1,000 ids.',
      '',
    ].join('\n');
  } finally {
    await app.close();
    await connector.close();
    await dns.stop();
  }
}
