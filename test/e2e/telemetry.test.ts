/**
 * OpenTelemetry to Application Insights, end to end: the bot as a real process (`npm start`'s entry,
 * bot/index.ts) with APPLICATIONINSIGHTS_CONNECTION_STRING whose IngestionEndpoint is a local HTTP server
 * (test/helpers/ingestion-server.ts), the test DNS server and the connector stub. A bounce is pasted over
 * HTTP; on SIGTERM the bot flushes its telemetry, and the test reads what the Azure Monitor exporter sent:
 * the spans by name, their parents, their attributes, and that nothing in any of it is bounce text, an
 * address, a remote server's words, a DNS record or the recipient's domain.
 *
 * The process is preloaded with test/helpers/loopback-only.ts: nothing it attempts leaves the machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exoSpfBounceText } from '../helpers/bounces';
import { startConnectorStub, type ConnectorStub } from '../helpers/connector-stub';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { teamsMessage } from '../helpers/http-harness';
import { startIngestionServer, type Envelope, type IngestionServer } from '../helpers/ingestion-server';
import { REFUSED_PREFIX } from '../helpers/loopback-only';
import { startBotProcess, type BotProcess } from '../load/bot-process';

const SENDER_DOMAIN = 'contoso-otel.example';
const RECIPIENT = 'grace.hopper@fabrikam-otel.example';
const REMOTE_WORDS = 'Ticket QZX7731 sender quarantined by Fabrikam gateway';
const SENDING_IP = '203.0.113.77';
const RECORD = 'v=spf1 ip4:198.51.100.0/24 -all';

const bounce = exoSpfBounceText({ senderDomain: SENDER_DOMAIN, sender: `ada.lovelace@${SENDER_DOMAIN}`, recipient: RECIPIENT, remoteText: `550 5.7.1 ${REMOTE_WORDS}`, sendingIp: SENDING_IP });

/** What must never reach Application Insights: bounce text, addresses, the remote's words, records, other domains. */
const FORBIDDEN = [
  RECIPIENT,
  'fabrikam-otel',
  `ada.lovelace@${SENDER_DOMAIN}`,
  'ada.lovelace',
  'QZX7731',
  'quarantined',
  'Quarterly figures',
  'AM6PR04MB1234',
  'Sender Policy Framework violation',
  SENDING_IP,
  '198.51.100.0',
  'v=spf1',
  'Ada Lovelace',
];

let ingestion: IngestionServer;
let connector: ConnectorStub;
let dns: TestDnsServer;
let bot: BotProcess;
let tmp: string;
let exitCode: number | null;
const conversationId = `a:${randomUUID()}`;

beforeAll(async () => {
  ingestion = await startIngestionServer();
  connector = await startConnectorStub();
  dns = await startDnsServer({ [SENDER_DOMAIN]: [{ TXT: RECORD }, { MX: [10, `mx.${SENDER_DOMAIN}`] }] });
  tmp = mkdtempSync(path.join(tmpdir(), 'bd-otel-'));
  bot = await startBotProcess(
    {
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      // The SDK's own usage statistics go to a fixed Microsoft endpoint: off here (loopback-only would refuse them anyway).
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      NODE_EXTRA_CA_CERTS: ingestion.caFile,
      DNS_SERVERS: dns.address,
      LOG_LEVEL: 'info',
      TMPDIR: tmp,
    },
    60_000,
    { preload: [path.join(__dirname, '..', 'helpers', 'loopback-only.ts')] },
  );

  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(teamsMessage(connector.url, bounce, { conversationId })),
  });
  expect(res.status).toBeLessThan(300);
  // Probes are not recorded: the bot's turns are.
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  // SIGTERM: the bot finishes, flushes its telemetry to the ingestion endpoint, and exits.
  exitCode = await bot.stop();
}, 120_000);

afterAll(async () => {
  await bot?.kill();
  await ingestion?.close();
  await connector?.close();
  await dns?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const spans = (): Envelope[] => ingestion.envelopes.filter((e) => e.data?.baseType === 'RequestData' || e.data?.baseType === 'RemoteDependencyData');
const named = (name: string): Envelope[] => spans().filter((e) => e.data?.baseData?.name === name);
const one = (name: string): Envelope => {
  const found = named(name);
  expect([name, found.length]).toEqual([name, 1]);
  return found[0]!;
};
const props = (e: Envelope): Record<string, string> => e.data?.baseData?.properties ?? {};
const idOf = (e: Envelope): string => String(e.data?.baseData?.id);
const parentOf = (e: Envelope): string | undefined => e.tags?.['ai.operation.parentId'];

it('answered the person and stopped cleanly', () => {
  expect(exitCode).toBe(0);
  expect(connector.forConversation(conversationId).length).toBeGreaterThan(0);
});

it('sent its telemetry to the IngestionEndpoint of the connection string', () => {
  expect(ingestion.paths.length).toBeGreaterThan(0);
  for (const p of ingestion.paths) expect(p).toMatch(/^\/v2(\.1)?\/track/);
  for (const e of ingestion.envelopes) expect(e.iKey).toBe('00000000-0000-0000-0000-00000000b0dc');
});

it('records the request, the turn, the bounce read, the diagnosis, its DNS check and the connector calls, as one trace', () => {
  const request = one('POST /api/messages');
  expect(request.data?.baseType).toBe('RequestData');
  const turn = one('bot.turn');
  const parse = one('bounce.parse');
  const diagnosis = one('bot.diagnosis');
  const spf = one('dns.spf');
  const sends = named('connector.send');
  expect(sends.length).toBeGreaterThan(0);

  const operation = request.tags?.['ai.operation.id'];
  expect(operation).toBeTruthy();
  for (const e of [turn, parse, diagnosis, spf, ...sends]) expect(e.tags?.['ai.operation.id']).toBe(operation);
  expect(parentOf(turn)).toBe(idOf(request));
  expect(parentOf(parse)).toBe(idOf(turn));
  expect(parentOf(diagnosis)).toBe(idOf(turn));
  expect(parentOf(spf)).toBe(idOf(diagnosis));
  for (const s of sends) expect([idOf(turn), idOf(diagnosis)]).toContain(parentOf(s));
  // Nothing else was recorded: no probes, no outgoing HTTP by URL, no storage calls.
  const names = new Set(spans().map((e) => e.data?.baseData?.name));
  for (const n of names) expect(['POST /api/messages', 'bot.turn', 'bounce.parse', 'bot.diagnosis', 'dns.spf', 'dns.authentication', 'dns.mail_host', 'connector.send', 'connector.update']).toContain(n);
});

it('carries the codes, the playbook, the verdict cause and timings', () => {
  const turn = props(one('bot.turn'));
  expect(turn['bot.activity.type']).toBe('message');
  expect(turn['bot.channel']).toBe('msteams');
  expect(turn['bounce.codes']).toContain('5.7.23');
  expect(turn['bounce.sender_domain']).toBe(SENDER_DOMAIN);
  expect(turn['diagnosis.playbook']).toBe('spf');
  expect(turn['diagnosis.verdict.cause']).toMatch(/^[a-z0-9-]+$/);
  expect(Number(turn.duration_ms)).toBeGreaterThanOrEqual(0);

  const parse = props(one('bounce.parse'));
  expect(parse['bounce.is_bounce']).toBe('true');
  expect(parse['bounce.codes']).toContain('5.7.23');
  // The size the bot itself logged for this bounce (the paste as the message carried it).
  const logged = /"msg":"bounce read"/.test(bot.output()) ? Number(/"bytes":(\d+),"msg":"bounce read"/.exec(bot.output())?.[1]) : NaN;
  expect(Number(parse['bounce.input_bytes'])).toBe(logged);

  const diagnosis = props(one('bot.diagnosis'));
  expect(diagnosis['diagnosis.playbook']).toBe('spf');
  expect(diagnosis['diagnosis.verdict.cause']).toBe(turn['diagnosis.verdict.cause']);

  const spf = props(one('dns.spf'));
  expect(spf['spf.published']).toBe('one');
  expect(spf['spf.result']).toBe('fail');
  expect(Number(spf['dns.check_ms'])).toBeGreaterThanOrEqual(0);
  for (const e of spans()) expect([e.data?.baseData?.name, typeof e.data?.baseData?.duration]).toEqual([e.data?.baseData?.name, 'string']);
  for (const e of spans().filter((x) => x.data?.baseType === 'RemoteDependencyData')) expect(Number(props(e).duration_ms)).toBeGreaterThanOrEqual(0);
});

it('sends no bounce text, address, remote words, record or recipient domain, in any span, metric or header', () => {
  // Each word is really there to leak: in the bounce pasted, or in the DNS record the check read.
  for (const word of FORBIDDEN) expect([word, bounce.includes(word) || RECORD.includes(word)]).toEqual([word, true]);
  const all = ingestion.bodies.join('\n');
  expect(all.length).toBeGreaterThan(0);
  for (const word of FORBIDDEN) expect([word, all.toLowerCase().includes(word.toLowerCase())]).toEqual([word, false]);
});

it('attempted no connection beyond this machine except the distro’s Azure VM metadata probe, which was refused', () => {
  const refused = bot
    .output()
    .split('\n')
    .filter((l) => l.startsWith(REFUSED_PREFIX))
    .map((l) => l.slice(REFUSED_PREFIX.length));
  for (const target of refused) expect(target).toBe('169.254.169.254:80');
});
