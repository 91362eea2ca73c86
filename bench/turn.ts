/**
 * One full turn over HTTP: POST /api/messages with a pasted 5.7.23 bounce, until the result card has been
 * delivered to the connector stub (the adapter answers the POST only once the turn is over, and the turn
 * waits for the stub to accept the typing indicator, the "Checking …" card and the PUT that turns it into
 * the result). DNS answers are cached after a warm-up, so this measures the bot, not DNS.
 *
 * Measured side by side in one run, with the same client and the same connector stub: the real bot
 * (createApp, memory storage, as `npm start` runs it with no storage configured), a plain echo bot on the
 * same stack (restify via bot/server.ts's createServer, CloudAdapter, an ActivityHandler replying with one
 * small Adaptive Card), and an echo bot making Bounce Doctor's three connector calls with its cards. Each bot
 * runs in a worker thread of its own, so it has an event loop (and, on two cores, a core) to itself, as it
 * would in production; the client, the connector stub and the DNS server share the main thread. The bots
 * take turns in mirrored rounds so that drift on this noisy machine falls on all alike.
 *
 * `BENCH_PROF=<dir> npm run bench -- turn` also writes a V8 CPU profile of Bounce Doctor's thread to <dir>.
 */
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { cardTexts, finalCards, teamsMessage } from '../test/helpers/http-harness';
import { startConnectorStub, type ConnectorStub } from '../test/helpers/connector-stub';
import { startDnsServer, type ZoneData } from '../test/helpers/dns-server';
import { exoSpfBounceText } from '../test/helpers/bounces';
import type { CardAttachment } from '../bot/cards';

/**
 * `echo` is the baseline: one small card per message. `echo-3` makes the same three connector calls
 * as Bounce Doctor (typing, POST the "Checking …" card, PUT the result card in its place) with the very same
 * cards, made once at start-up: what the stack costs for this conversation shape, without reading the bounce,
 * checking SPF, rendering cards or keeping state.
 */
type BotKind = 'bounce-doctor' | 'echo' | 'echo-3';

const CONCURRENCY = [1, 16, 64];
/** Per round; each bot gets two rounds per concurrency level. */
const ROUND_MS = 2500;
const WARMUP_MS = 3000;
const DOMAIN = 'contoso.example';
const RECORD = 'v=spf1 ip4:198.51.100.0/24 -all';
const TTL = 3600;
const BOUNCE = exoSpfBounceText({ senderDomain: DOMAIN });

const ZONE: ZoneData = {
  [DOMAIN]: [{ TXT: RECORD }, { MX: [10, 'contoso-example.mail.protection.outlook.com'] }, { A: '198.51.100.10' }, { TTL }],
  [`_dmarc.${DOMAIN}`]: [{ TXT: 'v=DMARC1; p=reject' }, { TTL }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 -all' }, { TTL }],
};

// ---------------------------------------------------------------- the bot side (a worker thread)

interface WorkerInput {
  role: 'bench-turn-bot';
  kind: BotKind;
  dns: string;
}

type ToWorker = { cmd: 'elu' } | { cmd: 'stop' };
type FromWorker = { port: number } | { elu: { idle: number; active: number } } | { stopped: true };

async function startBotInWorker(input: WorkerInput): Promise<{ close(): Promise<void>; port: number }> {
  if (input.kind === 'bounce-doctor') {
    const { createApp } = await import('../bot/app');
    const { loadConfig } = await import('../bot/config');
    const { createLogger } = await import('../bot/log');
    // One benchmark conversation starts far more checks a minute than the per-person limit lets a person
    // start (RATE_LIMIT_CHECKS_PER_MINUTE, 20 by default): the limit is off here (0).
    const config = loadConfig({ LOG_LEVEL: 'silent', DNS_SERVERS: input.dns, DNS_TIMEOUT_MS: '2000', RATE_LIMIT_CHECKS_PER_MINUTE: '0' });
    const app = createApp(config, createLogger('silent'));
    const port = await app.listen(0);
    return { port, close: () => app.close() };
  }
  const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, CardFactory } = await import('botbuilder');
  const { createServer } = await import('../bot/server');
  const { createLogger } = await import('../bot/log');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  const same = input.kind === 'echo-3' ? await sameCards(input.dns) : undefined;
  bot.onMessage(async (ctx, next) => {
    if (same) {
      await ctx.sendActivity({ type: 'typing' });
      const sent = await ctx.sendActivity(MessageFactory.attachment(same.checking));
      await ctx.updateActivity({ ...MessageFactory.attachment(same.result), id: sent?.id });
      return next();
    }
    const text = (ctx.activity.text ?? '').slice(0, 80);
    const card = CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Echo', weight: 'Bolder' },
        { type: 'TextBlock', text, wrap: true },
      ],
    });
    await ctx.sendActivity(MessageFactory.attachment(card));
    await next();
  });
  const { server, inFlight } = createServer({ adapter, bot, log: createLogger('silent'), maxBodyBytes: 4 * 1024 * 1024 + 256 * 1024 });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inFlight.drained();
    },
  };
}

/** Bounce Doctor's own checking and result cards for the bench bounce, made once. */
async function sameCards(dns: string): Promise<{ checking: CardAttachment; result: CardAttachment }> {
  const { parseBounce } = await import('../bot/ndr');
  const { diagnose } = await import('../bot/diagnosis');
  const { checkingCard, diagnosisCard } = await import('../bot/cards');
  const { dnsChecks } = await import('../bot/dns/checks');
  const { loadConfig } = await import('../bot/config');
  const bounce = await parseBounce(BOUNCE);
  const diagnosis = await diagnose(bounce, { checks: dnsChecks(loadConfig({ DNS_SERVERS: dns })), domain: DOMAIN });
  return { checking: checkingCard('en', DOMAIN), result: diagnosisCard(diagnosis, 'en', { diagnosisId: 'bench' }) };
}

async function workerMain(): Promise<void> {
  const input = workerData as WorkerInput;
  const port = parentPort!;
  const bot = await startBotInWorker(input);
  let mark = performance.eventLoopUtilization();
  port.on('message', (msg: ToWorker) => {
    if (msg.cmd === 'elu') {
      const now = performance.eventLoopUtilization();
      const d = performance.eventLoopUtilization(now, mark);
      mark = now;
      port.postMessage({ elu: { idle: d.idle, active: d.active } } satisfies FromWorker);
    } else if (msg.cmd === 'stop') {
      void bot.close().then(() => {
        port.postMessage({ stopped: true } satisfies FromWorker);
        port.close();
      });
    }
  });
  port.postMessage({ port: bot.port } satisfies FromWorker);
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.role === 'bench-turn-bot') void workerMain();

// ---------------------------------------------------------------- the client side (main thread)

interface BotWorker {
  kind: BotKind;
  url: string;
  /** Event-loop busy time and elapsed time of the bot's thread since the last call, ms. */
  elu(): Promise<{ active: number; idle: number }>;
  stop(): Promise<void>;
}

function spawnBot(kind: BotKind, dns: string): Promise<BotWorker> {
  // The worker loads this same file; ts-node is registered in it the way `npm run bench` registers it here.
  const worker = new Worker(`require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(__filename)});`, {
    eval: true,
    workerData: { role: 'bench-turn-bot', kind, dns } satisfies WorkerInput,
    execArgv: process.env.BENCH_PROF && kind === 'bounce-doctor' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [],
  });
  const next = <T extends FromWorker>(pick: (m: FromWorker) => m is T): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker): void => {
        if (!pick(m)) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(m);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  return next((m): m is { port: number } => 'port' in m).then(({ port }) => ({
    kind,
    url: `http://127.0.0.1:${port}/api/messages`,
    elu: async () => {
      const reply = next((m): m is { elu: { idle: number; active: number } } => 'elu' in m);
      worker.postMessage({ cmd: 'elu' } satisfies ToWorker);
      return (await reply).elu;
    },
    stop: async () => {
      const done = next((m): m is { stopped: true } => 'stopped' in m);
      worker.postMessage({ cmd: 'stop' } satisfies ToWorker);
      await done;
      await worker.terminate();
    },
  }));
}

interface Sample {
  turns: number;
  elapsedMs: number;
  latencies: number[];
  botBusyMs: number;
  clientBusyMs: number;
}


/** `concurrency` conversations, each posting one bounce after another until `ms` have passed. */
async function round(bot: BotWorker, connector: ConnectorStub, concurrency: number, ms: number, tag: string): Promise<Sample> {
  connector.calls.length = 0;
  const latencies: number[] = [];
  const conversations: string[] = [];
  await bot.elu();
  const clientMark = performance.eventLoopUtilization();
  const started = performance.now();
  const end = started + ms;
  const loop = async (i: number): Promise<void> => {
    const conversationId = `a:bench-${tag}-${bot.kind}-${concurrency}-${i}`;
    // A personal chat: its own person.
    const from = { id: `29:bench-user-${i}`, name: `Bench User ${i}`, aadObjectId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}` };
    conversations.push(conversationId);
    while (performance.now() < end) {
      const body = JSON.stringify(teamsMessage(connector.url, BOUNCE, { conversationId, extra: { from } }));
      const t0 = performance.now();
      const res = await fetch(bot.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`${bot.kind}: POST /api/messages → ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
  const elapsedMs = performance.now() - started;
  const clientBusyMs = performance.eventLoopUtilization(performance.eventLoopUtilization(), clientMark).active;
  const botBusyMs = (await bot.elu()).active;
  verify(bot.kind, connector, conversations, latencies.length);
  connector.calls.length = 0;
  return { turns: latencies.length, elapsedMs, latencies, botBusyMs, clientBusyMs };
}

/** Every turn's answer reached the stub, in its own conversation, saying the right thing. */
function verify(kind: BotKind, connector: ConnectorStub, conversations: string[], turns: number): void {
  const messages = connector.calls.filter((c) => c.activity.type === 'message');
  if (kind === 'echo') {
    if (messages.length !== turns) throw new Error(`echo: ${turns} turns but ${messages.length} replies`);
    return;
  }
  const puts = connector.calls.filter((c) => c.method === 'PUT').length;
  if (puts !== turns) throw new Error(`${kind}: ${turns} turns but ${puts} card updates`);
  if (kind === 'echo-3') return;
  let results = 0;
  for (const id of conversations) {
    const cards = finalCards(connector.forConversation(id));
    for (const card of cards) {
      const text = cardTexts(card).join('\n');
      if (!text.includes(RECORD) || !text.includes(`SPF record of ${DOMAIN}`)) throw new Error(`bounce-doctor: a result card without the record: ${text.slice(0, 300)}`);
      results++;
    }
  }
  if (results !== turns) throw new Error(`bounce-doctor: ${turns} turns but ${results} result cards`);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function merge(samples: Sample[]): Sample {
  return samples.reduce(
    (a, s) => ({
      turns: a.turns + s.turns,
      elapsedMs: a.elapsedMs + s.elapsedMs,
      latencies: a.latencies.concat(s.latencies),
      botBusyMs: a.botBusyMs + s.botBusyMs,
      clientBusyMs: a.clientBusyMs + s.clientBusyMs,
    }),
    { turns: 0, elapsedMs: 0, latencies: [], botBusyMs: 0, clientBusyMs: 0 },
  );
}

export async function run(): Promise<string> {
  const dns = await startDnsServer(ZONE);
  const connector = await startConnectorStub();
  const bots = {
    echo: await spawnBot('echo', dns.address),
    same: await spawnBot('echo-3', dns.address),
    real: await spawnBot('bounce-doctor', dns.address),
  };
  try {
    // Warm-up: JIT, connection pools, and every DNS answer the check needs into the bot's cache.
    for (const b of [bots.echo, bots.same, bots.real]) await round(b, connector, 16, WARMUP_MS, 'warmup');
    const queriesBefore = dns.queries.length;

    const rows: string[] = [];
    const ratios: number[] = [];
    const sameRatios: number[] = [];
    /** The same-calls echo bot against the plain one: the most any bot with these three calls could reach. */
    const sameBound: number[] = [];
    const cpu: string[] = [];
    for (const c of CONCURRENCY) {
      const samples: Record<keyof typeof bots, Sample[]> = { echo: [], same: [], real: [] };
      // Mirrored order, so that drift over the run falls on all three alike.
      for (const name of ['echo', 'same', 'real', 'real', 'same', 'echo'] as const) {
        samples[name].push(await round(bots[name], connector, c, ROUND_MS, `r${samples[name].length + 1}`));
      }
      const e = merge(samples.echo);
      const s3 = merge(samples.same);
      const r = merge(samples.real);
      const rate = (s: Sample): number => (s.turns / s.elapsedMs) * 1000;
      const perTurn = (s: Sample): number => s.botBusyMs / s.turns;
      ratios.push(rate(r) / rate(e));
      sameRatios.push(rate(r) / rate(s3));
      sameBound.push(rate(s3) / rate(e));
      cpu.push(`${(perTurn(r) - perTurn(s3)).toFixed(2)} ms at N = ${c}`);
      const row = (name: string, s: Sample, vsEcho: string, vsSame: string): string => {
        const sorted = [...s.latencies].sort((x, y) => x - y);
        return (
          `| ${c} | ${name} | ${s.turns} | ${rate(s).toFixed(0)} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ` +
          `${((s.botBusyMs / s.elapsedMs) * 100).toFixed(0)} % | ${perTurn(s).toFixed(2)} | ${((s.clientBusyMs / s.elapsedMs) * 100).toFixed(0)} % | ${vsEcho} | ${vsSame} |`
        );
      };
      rows.push(
        row('echo bot', e, '', ''),
        row('echo bot, same three calls', s3, (rate(s3) / rate(e)).toFixed(2), ''),
        row('Bounce Doctor', r, `**${(rate(r) / rate(e)).toFixed(2)}**`, `**${(rate(r) / rate(s3)).toFixed(2)}**`),
      );
    }
    const dnsDuring = dns.queries.length - queriesBefore;
    const worst = Math.min(...ratios);
    const worstSame = Math.min(...sameRatios);
    return [
      '## One full turn over HTTP: Bounce Doctor against an echo bot',
      '',
      `POST \`/api/messages\` with a pasted Exchange Online 5.7.23 bounce from ${DOMAIN} (${Buffer.byteLength(BOUNCE)} bytes of text), ` +
        'until the result card has reached the connector stub: Bounce Doctor sends a typing indicator, POSTs the "Checking …" card and ' +
        'PUTs the result in its place (the sequence the conversation issue asks for), and the adapter answers the POST once that is done. ' +
        'Two baselines on the same stack (restify server from `bot/server.ts`, CloudAdapter, an ActivityHandler): the **echo bot** ' +
        'the issue names, which POSTs one small Adaptive Card, and an **echo bot making the same three calls** with Bounce Doctor\'s ' +
        'own checking and result cards for this bounce, made once at start-up (so it reads nothing, checks nothing, renders nothing ' +
        'and keeps no state). Each bot runs in a worker thread of its own; the HTTP client (Node `fetch`), the connector stub ' +
        '(`test/helpers/connector-stub.ts`) and the DNS server share the main thread. N conversations each post one bounce after ' +
        `another; each bot gets two rounds of ${ROUND_MS / 1000} s per N, in mirrored order (echo, same calls, Bounce Doctor, Bounce ` +
        `Doctor, same calls, echo) after a ${WARMUP_MS / 1000} s warm-up each. Each conversation is a personal chat ` +
        'with its own person; the per-person check limit is off (`RATE_LIMIT_CHECKS_PER_MINUTE=0`), since one of these ' +
        'conversations starts hundreds of checks a minute. Every turn is checked afterwards: ' +
        'one result card per turn, in its own conversation, showing the record, and one update per turn. ' +
        `DNS queries reaching the DNS server while measuring: ${dnsDuring} (all answers came from the bot's cache).`,
      '',
      '"bot busy" is the event-loop utilisation of the bot\'s thread (100 % = that thread is the bottleneck); "ms CPU/turn" is its ' +
        'busy time divided by the turns it served; "client busy" is the same for the thread running the client and the stub.',
      '',
      '| N | bot | turns | turns/s | p50 ms | p99 ms | bot busy | ms CPU/turn | client busy | throughput vs echo | vs same three calls |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Target: at least 0.8 of the echo bot's throughput. Lowest ratio in this run: ${worst.toFixed(2)} ` +
        `(${worst >= 0.8 ? 'met' : 'missed'}). Against the echo bot making the same three connector calls: ${worstSame.toFixed(2)}. ` +
        `Bounce Doctor's own work (reading the bounce, the cached SPF check, two cards in two outputs, state) costs ${cpu.join(', ')} ` +
        'of CPU per turn over those calls.' +
        (Math.max(...sameBound) < 0.8
          ? ` The three calls alone reach ${Math.min(...sameBound).toFixed(2)}–${Math.max(...sameBound).toFixed(2)} of the echo bot's ` +
            'throughput, so no bot that sends the typing indicator, the checking card and its update can meet the target on this ' +
            'stack; what is left to Bounce Doctor is the gap to the second baseline.'
          : ''),
      '',
    ].join('\n');
  } finally {
    await bots.echo.stop();
    await bots.same.stop();
    await bots.real.stop();
    await connector.close();
    await dns.stop();
  }
}
