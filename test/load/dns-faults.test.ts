/**
 * DNS faults during a run, against one bot process: the DNS server stops answering, then answers SERVFAIL,
 * then truncates every UDP answer, then is well again. Each phase pastes bounces from domains the bot has
 * not looked up yet (they meet the fault), and again from domains that failed in the phase before (a
 * failure must not be cached), while another person keeps pasting bounces from domains answered before
 * the faults (their answers are in the cache and stay right throughout). What a person sees is checked:
 * one card per bounce saying the check could not finish and why — never a made-up "no record" — and the
 * real record once DNS answers, including after "Check again" on a card that had failed.
 */
import { startDnsServer, type ServerBehaviour, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { cardTexts, finalCards, startBot, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { exoSpfBounceText } from '../helpers/bounces';

const PER_PHASE = 4;
const recordOf = (domain: string): string => `v=spf1 include:spf.protection.outlook.com ip4:192.0.2.${domain.length}/32 -all`;
const domains = (phase: string): string[] => Array.from({ length: PER_PHASE }, (_, i) => `${phase}${i}.faults.example`);

const CACHED = domains('cached');
const FIRST = domains('normal');
const SILENT = domains('silent');
const SERVFAIL = domains('servfail');
const TRUNCATE = domains('truncate');

function zone(): ZoneData {
  const z: ZoneData = { 'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all' }] };
  for (const d of [...CACHED, ...FIRST, ...SILENT, ...SERVFAIL, ...TRUNCATE]) z[d] = [{ TXT: recordOf(d) }, { MX: [10, 'mx.faults.example'] }];
  return z;
}

let dns: TestDnsServer;
let bot: BotHarness;
let people = 0;

beforeAll(async () => {
  dns = await startDnsServer(zone());
  // Short enough to keep the silent phase quick, long enough that a busy machine is not mistaken for silence.
  bot = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '1000', SPF_DEADLINE_MS: '6000' });
}, 30_000);

afterAll(async () => {
  await bot?.close();
  await dns?.stop();
});

const textOf = (card: unknown): string => cardTexts(card).join('\n');

interface Answer {
  domain: string;
  conversationId: string;
  text: string;
  card: Record<string, unknown>;
  messageId: string;
  shape: string;
  from: { id: string; name: string; aadObjectId: string };
}

/** One person pastes one bounce in a personal chat of their own; returns the card they end up seeing. */
async function paste(domain: string): Promise<Answer> {
  const n = ++people;
  const conversationId = `a:faults-${n}`;
  const from = { id: `29:faults-${n}`, name: `Person ${n}`, aadObjectId: `00000000-0000-0000-0003-${String(n).padStart(12, '0')}` };
  const res = await bot.post(teamsMessage(bot.connector.url, exoSpfBounceText({ senderDomain: domain }), { conversationId, extra: { from } }));
  expect(res.status).toBe(200);
  const calls = bot.connector.forConversation(conversationId);
  const cards = finalCards(calls);
  return {
    domain,
    conversationId,
    text: cards.map(textOf).join('\n---\n'),
    card: cards[0] ?? {},
    messageId: calls.find((c) => c.method === 'POST' && c.activity.type === 'message')?.assignedId ?? '',
    shape: calls.map((c) => `${c.method} ${c.activity.type}`).join(', '),
    from,
  };
}

/** One card either way: the result alone when the check was quick, else typing, "Checking …" and its update. */
const ONCE = /^(POST message|POST typing, POST message, PUT message)$/;

function expectRight(a: Answer): void {
  expect({ domain: a.domain, shape: a.shape }).toEqual({ domain: a.domain, shape: expect.stringMatching(ONCE) });
  expect(a.text).toContain(`SPF record of ${a.domain} in DNS`);
  expect(a.text).toContain(recordOf(a.domain));
  expect(a.text).not.toMatch(/Not known yet: I couldn't read the SPF record|could not finish/);
}

/** The check could not finish, for the stated reason, and the card claims nothing about the record. */
function expectCouldNotCheck(a: Answer, reason: RegExp): void {
  expect({ domain: a.domain, shape: a.shape }).toEqual({ domain: a.domain, shape: expect.stringMatching(ONCE) });
  expect(a.text).toMatch(new RegExp(`Not known yet: I couldn't read the SPF record of ${a.domain.replace(/\./g, '\\.')}`));
  expect(a.text).toMatch(reason);
  // Could not judge: never a ✅, never a cause.
  expect(a.text).not.toMatch(/✅|Cause:/);
  expect(a.text).toContain(`The DNS lookup for ${a.domain} did not finish`);
  expect(a.text).not.toContain(recordOf(a.domain));
  expect(a.text).not.toMatch(/No SPF record is published|doesn't exist in DNS/);
}

const TIMEOUT = /didn't answer in time|took longer than allowed/;
const SERVFAIL_REASON = /reported a failure \\?\(SERVFAIL\\?\)/;

it('says "could not check" with the right reason while DNS fails, serves cached answers meanwhile, and recovers with DNS', async () => {
  // Before the faults: some answers go into the cache.
  (await Promise.all(CACHED.map(paste))).forEach(expectRight);

  // Throughout the run, another stream of people pastes bounces from those domains.
  const background: Answer[] = [];
  const duringFault = new Set<ServerBehaviour>();
  let current: ServerBehaviour = 'normal';
  let running = true;
  const stream = (async () => {
    for (let i = 0; running; i++) {
      const during: ServerBehaviour = current;
      background.push(await paste(CACHED[i % CACHED.length]!));
      if (during === current) duringFault.add(during);
    }
  })();

  const phase = async (behaviour: ServerBehaviour, list: string[]): Promise<Answer[]> => {
    current = behaviour;
    dns.setBehaviour(behaviour);
    // Each phase lasts a moment at least, so that the stream above meets every state of the server.
    const [answers] = await Promise.all([Promise.all(list.map(paste)), new Promise((r) => setTimeout(r, 1000))]);
    return answers;
  };

  try {
    (await phase('normal', FIRST)).forEach(expectRight);

    const silent = await phase('silent', SILENT);
    silent.forEach((a) => expectCouldNotCheck(a, TIMEOUT));

    // SERVFAIL: new domains fail with that reason, and so do the domains that timed out just before.
    (await phase('servfail', [...SERVFAIL, ...SILENT])).forEach((a) => expectCouldNotCheck(a, SERVFAIL_REASON));

    // Truncated UDP answers: the bot asks again over TCP and gets the real records; the domains that got
    // SERVFAIL a moment ago are checked afresh too.
    const tcpBefore = dns.queries.filter((q) => q.transport === 'tcp').length;
    (await phase('truncate', [...TRUNCATE, ...SERVFAIL])).forEach(expectRight);
    const tcp = dns.queries.slice().filter((q) => q.transport === 'tcp');
    expect(tcp.length).toBeGreaterThan(tcpBefore);
    for (const d of TRUNCATE) expect(tcp.some((q) => q.name === d && q.type === 'TXT')).toBe(true);

    // DNS is well again: the domains that timed out are answered...
    (await phase('normal', SILENT)).forEach(expectRight);

    // ...and "Check again" on a card that said "could not finish" turns it into the real result.
    const failed = silent[0]!;
    const check = ((failed.card.actions ?? []) as Record<string, unknown>[]).find((a) => a.verb === 'checkAgain');
    expect(check).toBeDefined();
    const res = await bot.post({
      ...teamsMessage(bot.connector.url, '', { conversationId: failed.conversationId, extra: { from: failed.from } }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      replyToId: failed.messageId,
      value: { action: { type: 'Action.Execute', verb: 'checkAgain', data: check!.data }, trigger: 'manual' },
    });
    expect(res.status).toBe(200);
    const again = textOf((JSON.parse(res.body) as { value: unknown }).value);
    expect(again).toContain(recordOf(failed.domain));
    expect(again).not.toMatch(/Not known yet|could not finish/);
    expect(again).toMatch(/What changed since the check/);
  } finally {
    running = false;
    await stream;
    dns.setBehaviour('normal');
  }

  // The people pasting cached domains all along got their real answers, once each, whatever DNS was doing.
  // (At least one of them started and finished while the server was silent, and one while it failed.)
  expect([...duringFault]).toEqual(expect.arrayContaining(['silent', 'servfail']));
  background.forEach(expectRight);
}, 90_000);
