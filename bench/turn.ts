/**
 * One full turn over HTTP: POST /api/messages with a pasted 5.7.23 bounce, until the result card has been
 * delivered to the connector stub (the adapter answers the POST only once the turn is over, and the turn
 * waits for the stub to accept the card). DNS answers are cached after a warm-up, so the checks finish
 * within the answer's grace period and the result card is the turn's one and only connector call (no
 * typing indicator, no "Checking …" card): this measures the bot, not DNS.
 *
 * Measured side by side in one run, with the same client and the same connector stub: the real bot
 * (createApp, memory storage, as `npm start` runs it with no storage configured), a plain echo bot on the
 * same stack (restify via bot/server.ts's createServer, CloudAdapter, an ActivityHandler replying with one
 * small Adaptive Card), and an echo bot making Bounce Doctor's one connector call with its own result card
 * and authenticating as Bounce Doctor does (bot/auth.ts keeps connector clients; botbuilder's own makes them
 * per turn).
 * Each bot runs in a worker thread of its own, so it has an event loop (and, on two cores, a core) to
 * itself, as it would in production; the client, the connector stub and the DNS server share the main
 * thread. Every bot's thread is pinned to the same core, the fastest, and the client's to another: this
 * machine's cores differ in speed by more than the bots do (bench/cores.ts). The bots take turns in
 * mirrored rounds so that drift on this noisy machine falls on all alike.
 *
 * `BENCH_PROF=<dir> npm run bench -- turn` also writes a V8 CPU profile of each bot's thread to <dir>, named
 * for the bot (`bounce-doctor.cpuprofile`, ...), to compare where their turns go.
 */
import { readFileSync } from 'node:fs';
import { performance, PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { cardTexts, finalCards, teamsMessage } from '../test/helpers/http-harness';
import { startConnectorStub, type ConnectorStub } from '../test/helpers/connector-stub';
import { startDnsServer, type ZoneData } from '../test/helpers/dns-server';
import { exoSpfBounceText } from '../test/helpers/bounces';
import type { CardAttachment } from '../bot/cards';
import { allowedCores, coreSpeeds, pinThread, type CoreSpeed } from './cores';

/**
 * `echo` is the baseline: one small card per message. `echo-card` makes the same one connector call
 * as Bounce Doctor on the cached path (POST the result card) with the very same card, made once at start-up:
 * what the stack costs to carry this answer (a card of several KB to serialize, send and log), without
 * reading the bounce, checking SPF, rendering the card or keeping state.
 */
type BotKind = 'bounce-doctor' | 'echo' | 'echo-card';

const CONCURRENCY = [1, 16, 64];
/** Per round; each bot gets four rounds per concurrency level. */
const ROUND_MS = 2000;
/**
 * Each bot serves this many turns (at N = 16) before it is measured. V8 optimizes a function only once it
 * has run often enough, and Bounce Doctor's reader and card views run once per turn: its CPU per turn keeps
 * falling for thousands of turns (3.0 → 1.2–1.5 ms of its own over the first 6000 at N = 1, measured with
 * a longer copy of this bench), while an echo bot's few functions are hot within a few hundred. Measured
 * after a short warm-up, the comparison is a cold bot against a warm one; a bot in production serves far
 * more turns than this. How far a cold bot is from a warm one stays in the report ("Cold and warm").
 */
const WARMUP_TURNS = 8000;
/** The warm-up stops after this long even if a (slow) machine has not served WARMUP_TURNS by then. */
const WARMUP_MAX_MS = 60_000;
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
  /** The core to pin the bot's thread to (see bench/cores.ts), if any. */
  core?: number;
}

/** Event-loop busy and idle time, and the CPU time of the bot's thread (undefined where it cannot be read), ms. */
interface Usage {
  idle: number;
  active: number;
  cpu: number | undefined;
  /** Garbage-collection pauses of the bot's thread, ms: scavenges, and full (mark-compact) collections with the rest. */
  gc: { minor: number; major: number };
}
type ToWorker = { cmd: 'elu' } | { cmd: 'stop' };
type FromWorker = { port: number; pinned: boolean } | { elu: Usage } | { stopped: true };

/**
 * CPU time of the calling thread, ms: Linux's scheduler statistics for this thread (nanoseconds on a CPU).
 * Unlike event-loop utilisation it does not count time the thread was ready but waiting for a core, which
 * on a loaded machine is most of the difference between the two.
 */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

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
  const same = input.kind === 'echo-card' ? await sameCard(input.dns) : undefined;
  // The echo bot is botbuilder's own, stock; the same-card one authenticates as Bounce Doctor does (bot/auth.ts,
  // which keeps connector clients), so that what Bounce Doctor spends beyond it is its own work.
  const auth = same ? (await import('../bot/auth')).botAuthentication((await import('../bot/config')).loadConfig({}).auth) : new ConfigurationBotFrameworkAuthentication({});
  const adapter = new CloudAdapter(auth);
  const bot = new ActivityHandler();
  bot.onMessage(async (ctx, next) => {
    if (same) {
      await ctx.sendActivity(MessageFactory.attachment(same));
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

/** Bounce Doctor's own result card for the bench bounce, made once. */
async function sameCard(dns: string): Promise<CardAttachment> {
  const { parseBounce } = await import('../bot/ndr');
  const { diagnose } = await import('../bot/diagnosis');
  const { diagnosisCard } = await import('../bot/cards');
  const { dnsChecks } = await import('../bot/dns/checks');
  const { loadConfig } = await import('../bot/config');
  const bounce = await parseBounce(BOUNCE);
  const diagnosis = await diagnose(bounce, { checks: dnsChecks(loadConfig({ DNS_SERVERS: dns })), domain: DOMAIN });
  return diagnosisCard(diagnosis, 'en', { diagnosisId: 'bench' });
}

async function workerMain(): Promise<void> {
  const input = workerData as WorkerInput;
  const port = parentPort!;
  const pinned = input.core !== undefined && pinThread([input.core]);
  const bot = await startBotInWorker(input);
  let mark = performance.eventLoopUtilization();
  let cpuMark = threadCpuMs();
  // GC pauses of this thread (each worker has its own heap): how much of a bot's CPU per turn is collecting garbage.
  let gc = { minor: 0, major: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) gc.minor += e.duration;
      else gc.major += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  port.on('message', (msg: ToWorker) => {
    if (msg.cmd === 'elu') {
      const now = performance.eventLoopUtilization();
      const d = performance.eventLoopUtilization(now, mark);
      const cpu = threadCpuMs();
      mark = now;
      port.postMessage({ elu: { idle: d.idle, active: d.active, cpu: cpu !== undefined && cpuMark !== undefined ? cpu - cpuMark : undefined, gc } } satisfies FromWorker);
      cpuMark = cpu;
      gc = { minor: 0, major: 0 };
    } else if (msg.cmd === 'stop') {
      void bot.close().then(() => {
        port.postMessage({ stopped: true } satisfies FromWorker);
        port.close();
      });
    }
  });
  port.postMessage({ port: bot.port, pinned } satisfies FromWorker);
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.role === 'bench-turn-bot') void workerMain();

// ---------------------------------------------------------------- the client side (main thread)

interface BotWorker {
  kind: BotKind;
  /** Its thread runs on the core it was given. */
  pinned: boolean;
  url: string;
  /** Event-loop busy and idle time, and CPU time, of the bot's thread since the last call, ms. */
  elu(): Promise<Usage>;
  stop(): Promise<void>;
}

function spawnBot(kind: BotKind, dns: string, core: number | undefined): Promise<BotWorker> {
  // The worker loads this same file; ts-node is registered in it the way `npm run bench` registers it here.
  const worker = new Worker(`require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(__filename)});`, {
    eval: true,
    workerData: { role: 'bench-turn-bot', kind, dns, core } satisfies WorkerInput,
    execArgv: process.env.BENCH_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`, `--cpu-prof-name=${kind}.cpuprofile`]
      : [],
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
  return next((m): m is { port: number; pinned: boolean } => 'port' in m).then(({ port, pinned }) => ({
    kind,
    pinned,
    url: `http://127.0.0.1:${port}/api/messages`,
    elu: async () => {
      const reply = next((m): m is { elu: Usage } => 'elu' in m);
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
  /** CPU time of the bot's thread, ms (NaN where it cannot be read). */
  botCpuMs: number;
  /** GC pauses of the bot's thread, ms: scavenges, and the rest (mark-compact). */
  botGcMinorMs: number;
  botGcMajorMs: number;
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
  const usage = await bot.elu();
  const botBusyMs = usage.active;
  const botCpuMs = usage.cpu ?? NaN;
  const { minor: botGcMinorMs, major: botGcMajorMs } = usage.gc;
  verify(bot.kind, connector, conversations, latencies.length);
  connector.calls.length = 0;
  return { turns: latencies.length, elapsedMs, latencies, botBusyMs, botCpuMs, botGcMinorMs, botGcMajorMs, clientBusyMs };
}

/**
 * Every turn made exactly one connector call, a POSTed message (for Bounce Doctor: the cached path's shape,
 * no typing indicator, no "Checking …" card, no update), and its answer reached the stub, in its own
 * conversation, saying the right thing.
 */
function verify(kind: BotKind, connector: ConnectorStub, conversations: string[], turns: number): void {
  const calls = connector.calls.length;
  const posts = connector.calls.filter((c) => c.method === 'POST' && c.activity.type === 'message').length;
  if (calls !== turns || posts !== turns) throw new Error(`${kind}: ${turns} turns but ${calls} connector calls (${posts} messages POSTed)`);
  if (kind !== 'bounce-doctor') return;
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
      botCpuMs: a.botCpuMs + s.botCpuMs,
      botGcMinorMs: a.botGcMinorMs + s.botGcMinorMs,
      botGcMajorMs: a.botGcMajorMs + s.botGcMajorMs,
      clientBusyMs: a.clientBusyMs + s.clientBusyMs,
    }),
    { turns: 0, elapsedMs: 0, latencies: [], botBusyMs: 0, botCpuMs: 0, botGcMinorMs: 0, botGcMajorMs: 0, clientBusyMs: 0 },
  );
}

interface WarmUp {
  /** Its first round (cold) and its last (warm). */
  first: Sample;
  last: Sample;
  turns: number;
  ms: number;
}

/** Rounds at N = 16 until the bot has served WARMUP_TURNS turns (or WARMUP_MAX_MS have passed). */
async function warmUp(bot: BotWorker, connector: ConnectorStub): Promise<WarmUp> {
  const rounds: Sample[] = [];
  const started = performance.now();
  let turns = 0;
  while (turns < WARMUP_TURNS && performance.now() - started < WARMUP_MAX_MS) {
    const s = await round(bot, connector, 16, ROUND_MS, `warmup${rounds.length}`);
    rounds.push(s);
    turns += s.turns;
  }
  return { first: rounds[0]!, last: rounds[rounds.length - 1]!, turns, ms: performance.now() - started };
}

/** One pass of rounds at each N; it runs twice. */
const ORDER = ['echo', 'same', 'real', 'real', 'same', 'echo'] as const;

const BOT_NAMES = { echo: 'echo bot', same: 'echo bot, same card', real: 'Bounce Doctor' } as const;

/** CPU time of the bot's thread per turn where Linux tells it; otherwise event-loop busy time, which counts waiting for a core too. */
function cpuPerTurn(s: Sample): number {
  return (Number.isNaN(s.botCpuMs) ? s.botBusyMs : s.botCpuMs) / s.turns;
}

/** What the issue asks of the cached path: this share of the echo bot's throughput, and this much CPU of its own. */
const TARGET_RATIO = 0.5;
const TARGET_CPU_MS = 1;

/** Where the threads run: every bot on the fastest core, the client on the next (bench/cores.ts). `BENCH_PIN=0`: anywhere. */
interface Placement {
  botCore: number;
  clientCore: number;
  before: CoreSpeed[];
  all: number[];
}

function place(): Placement | undefined {
  if (process.env.BENCH_PIN === '0') return undefined;
  const all = allowedCores();
  const before = coreSpeeds();
  if (!all || !before || !pinThread([before[1]!.core])) return undefined;
  return { botCore: before[0]!.core, clientCore: before[1]!.core, before, all };
}

function speedsText(speeds: CoreSpeed[]): string {
  const fastest = speeds[0]!.ms;
  return speeds.map((s) => `cpu${s.core} ${s.ms.toFixed(2)} ms (${(s.ms / fastest).toFixed(2)}×)`).join(', ');
}

function placementText(p: Placement | undefined, after: CoreSpeed[] | undefined, bots: BotWorker[]): string {
  if (!p) {
    return process.env.BENCH_PIN === '0'
      ? 'Threads ran where the scheduler put them (`BENCH_PIN=0`).'
      : 'Threads ran where the scheduler put them: this machine does not let the bench pin them (Linux `taskset` and /proc are needed), so a bot may have run on a slower core than another.';
  }
  const all = bots.every((b) => b.pinned);
  return (
    `Every bot's thread ran pinned to cpu${p.botCore} and the client's to cpu${p.clientCore}, so that the bots are compared on the ` +
    'same core' +
    (all ? '' : ` (except ${bots.filter((b) => !b.pinned).map((b) => b.kind).join(', ')}, which could not be pinned)`) +
    ': the cores of this shared machine are not always equally fast, and their speeds change during a run. The same work (objects, ' +
    `JSON, regular expressions: \`bench/cores.ts\`) timed on each core before the run: ${speedsText(p.before)}` +
    (after ? `; after it: ${speedsText(after)}.` : '.')
  );
}

export async function run(): Promise<string> {
  const placement = place();
  const dns = await startDnsServer(ZONE);
  const connector = await startConnectorStub();
  const bots = {
    echo: await spawnBot('echo', dns.address, placement?.botCore),
    same: await spawnBot('echo-card', dns.address, placement?.botCore),
    real: await spawnBot('bounce-doctor', dns.address, placement?.botCore),
  };
  let after: CoreSpeed[] | undefined;
  try {
    // Warm-up: JIT, connection pools, and every DNS answer the check needs into the bot's cache.
    const warm = { echo: await warmUp(bots.echo, connector), same: await warmUp(bots.same, connector), real: await warmUp(bots.real, connector) };
    const queriesBefore = dns.queries.length;

    const rows: string[] = [];
    const ratios: number[] = [];
    const sameRatios: number[] = [];
    /** Bounce Doctor's CPU time per turn over each baseline's, ms. */
    const overEcho: number[] = [];
    const overSame: number[] = [];
    for (const c of CONCURRENCY) {
      const samples: Record<keyof typeof bots, Sample[]> = { echo: [], same: [], real: [] };
      // Mirrored order, twice, so that drift over the run, and a noisy neighbour's burst, fall on all three alike.
      for (const name of [...ORDER, ...ORDER] as const) {
        samples[name].push(await round(bots[name], connector, c, ROUND_MS, `r${samples[name].length + 1}`));
      }
      const e = merge(samples.echo);
      const s1 = merge(samples.same);
      const r = merge(samples.real);
      const rate = (s: Sample): number => (s.turns / s.elapsedMs) * 1000;
      const busyPerTurn = (s: Sample): number => s.botBusyMs / s.turns;
      ratios.push(rate(r) / rate(e));
      sameRatios.push(rate(r) / rate(s1));
      overEcho.push(cpuPerTurn(r) - cpuPerTurn(e));
      overSame.push(cpuPerTurn(r) - cpuPerTurn(s1));
      const row = (name: string, s: Sample, vsEcho: string, vsSame: string, own: string): string => {
        const sorted = [...s.latencies].sort((x, y) => x - y);
        return (
          `| ${c} | ${name} | ${s.turns} | ${rate(s).toFixed(0)} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ` +
          `${((s.botBusyMs / s.elapsedMs) * 100).toFixed(0)} % | ${busyPerTurn(s).toFixed(2)} | ${cpuPerTurn(s).toFixed(2)} | ` +
          `${(s.botGcMinorMs / s.turns).toFixed(2)} / ${(s.botGcMajorMs / s.turns).toFixed(2)} | ` +
          `${((s.clientBusyMs / s.elapsedMs) * 100).toFixed(0)} % | ${vsEcho} | ${vsSame} | ${own} |`
        );
      };
      rows.push(
        row('echo bot', e, '', '', ''),
        row('echo bot, same card', s1, (rate(s1) / rate(e)).toFixed(2), '', ''),
        row('Bounce Doctor', r, `**${(rate(r) / rate(e)).toFixed(2)}**`, (rate(r) / rate(s1)).toFixed(2), `**${(cpuPerTurn(r) - cpuPerTurn(e)).toFixed(2)}** / ${(cpuPerTurn(r) - cpuPerTurn(s1)).toFixed(2)}`),
      );
    }
    const dnsDuring = dns.queries.length - queriesBefore;
    if (placement) {
      // Timed again while the client's core is free of the client, then the main thread may run anywhere again.
      pinThread(placement.all);
      after = coreSpeeds();
    }
    const worst = Math.min(...ratios);
    const worstCpu = Math.max(...overEcho);
    const ms = (xs: number[]): string => xs.map((x, i) => `${x.toFixed(2)} ms at N = ${CONCURRENCY[i]}`).join(', ');
    return [
      '## One full turn over HTTP: Bounce Doctor against an echo bot',
      '',
      `POST \`/api/messages\` with a pasted Exchange Online 5.7.23 bounce from ${DOMAIN} (${Buffer.byteLength(BOUNCE)} bytes of text), ` +
        'until the result card has reached the connector stub. Every DNS answer the check needs is cached after the warm-up, so the ' +
        'check finishes within the answer\'s grace period and Bounce Doctor answers with **one connector call, the result card alone** ' +
        '(no typing indicator, no "Checking …" card, no update: `bot/teams/answer.ts`); the adapter answers the POST once it is done. ' +
        'Two baselines on the same stack (restify server from `bot/server.ts`, CloudAdapter, an ActivityHandler), each making that ' +
        'same single call: the **echo bot** the issue names, which POSTs one small Adaptive Card, and an **echo bot POSTing the same ' +
        'card**, Bounce Doctor\'s own result card for this bounce made once at start-up (so it reads nothing, checks nothing, renders ' +
        'nothing and keeps no state, but serializes and sends the same several KB). The echo bot authenticates with botbuilder\'s ' +
        'own `ConfigurationBotFrameworkAuthentication`, which makes a new connector client and user-token client for every turn; ' +
        'the same-card echo bot with Bounce Doctor\'s (`bot/auth.ts`), which makes them once and keeps them, so that what Bounce ' +
        'Doctor spends beyond it is its own work. Each bot runs in a worker thread of its own; the ' +
        'HTTP client (Node `fetch`), the connector stub (`test/helpers/connector-stub.ts`) and the DNS server share the main thread. ' +
        `N conversations each post one bounce after another; each bot gets four rounds of ${ROUND_MS / 1000} s per N, in mirrored order ` +
        `twice (echo, same card, Bounce Doctor, Bounce Doctor, same card, echo), after each has served ${WARMUP_TURNS} turns at N = 16 ` +
        `(or for ${WARMUP_MAX_MS / 1000} s) to warm up: see "Cold and warm" below. Each conversation ` +
        'is a personal chat with its own person, so its state soon holds as much as it ever will (the last diagnoses, the transcript); ' +
        'the per-person check limit is off (`RATE_LIMIT_CHECKS_PER_MINUTE=0`), since one of these conversations starts hundreds of ' +
        'checks a minute. Every turn is checked afterwards: exactly one connector call per turn, a POSTed message, and for Bounce ' +
        'Doctor one result card per turn, in its own conversation, showing the record. ' +
        `DNS queries reaching the DNS server while measuring: ${dnsDuring} (all answers came from the bot's cache).`,
      '',
      '"bot busy" is the event-loop utilisation of the bot\'s thread (100 % = that thread is the bottleneck) and "ms busy/turn" that ' +
        'busy time divided by the turns it served: wall-clock time, so on a loaded machine it also counts the time the thread waited ' +
        'for a core. "ms CPU/turn" is the CPU time of the bot\'s thread (`/proc/thread-self/schedstat`) divided by the turns, which ' +
        'does not (nor does it count V8\'s helper threads, which do part of the garbage collection, for any of the bots); "own ms ' +
        'CPU/turn" is Bounce Doctor\'s over the echo bot\'s / over the same-card echo bot\'s; "GC ms/turn" the garbage-collection ' +
        'pauses of the bot\'s thread per turn (scavenges of the young generation / full collections), part of its CPU; "client busy" is the event-loop ' +
        'utilisation of the thread running the client and the stub.',
      '',
      placementText(placement, after, Object.values(bots)),
      '',
      '| N | bot | turns | turns/s | p50 ms | p99 ms | bot busy | ms busy/turn | ms CPU/turn | GC ms/turn (scavenge / full) | client busy | throughput vs echo | vs same card | own ms CPU/turn (vs echo / vs same card) |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      '### Cold and warm',
      '',
      `The warm-up, per bot: its first round of ${ROUND_MS / 1000} s at N = 16, straight after start-up (DNS answers not yet cached ` +
        `for Bounce Doctor's first turns), and its last, after the turns shown. Bounce Doctor's code is optimized by V8 only after ` +
        'thousands of turns; the measurement above starts after the last row.',
      '',
      '| bot | warm-up turns | s | first round: turns/s | ms CPU/turn | last round: turns/s | ms CPU/turn |',
      '|---|---|---|---|---|---|---|',
      ...(Object.keys(warm) as (keyof typeof warm)[]).map((k) => {
        const w = warm[k];
        const rate = (s: Sample): string => ((s.turns / s.elapsedMs) * 1000).toFixed(0);
        return `| ${BOT_NAMES[k]} | ${w.turns} | ${(w.ms / 1000).toFixed(0)} | ${rate(w.first)} | ${cpuPerTurn(w.first).toFixed(2)} | ${rate(w.last)} | ${cpuPerTurn(w.last).toFixed(2)} |`;
      }),
      '',
      `Own CPU per turn over the echo bot in the warm-up: ${(cpuPerTurn(warm.real.first) - cpuPerTurn(warm.echo.first)).toFixed(2)} ms in the first round, ` +
        `${(cpuPerTurn(warm.real.last) - cpuPerTurn(warm.echo.last)).toFixed(2)} ms in the last.`,
      '',
      `Targets (issue 15, cached path): at least ${TARGET_RATIO} of the echo bot's throughput at every N, and under ${TARGET_CPU_MS} ms ` +
        `of Bounce Doctor's own CPU per turn over the echo bot's. Lowest throughput ratio in this run: ${worst.toFixed(2)} ` +
        `(${worst >= TARGET_RATIO ? 'met' : 'missed'}); against the echo bot POSTing the same card: ${Math.min(...sameRatios).toFixed(2)}. ` +
        `Own CPU per turn over the echo bot: ${ms(overEcho)} (${worstCpu < TARGET_CPU_MS ? 'met' : 'missed'}); over the same-card ` +
        `echo bot, that is, reading the bounce, the cached SPF check, rendering the card and its fallback text, the transcript and ` +
        `state: ${ms(overSame)}.`,
      '',
    ].join('\n');
  } finally {
    if (placement) pinThread(placement.all);
    await bots.echo.stop();
    await bots.same.stop();
    await bots.real.stop();
    await connector.close();
    await dns.stop();
  }
}
