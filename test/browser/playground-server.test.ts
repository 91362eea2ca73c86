/**
 * The playground's server side over real HTTP, without a browser: it exists only without credentials,
 * serves the page and the vendor files from node_modules, takes the bot's replies on its connector and
 * streams them to the page, bounded, and does not hold the server open when it closes.
 */
import { readFileSync } from 'node:fs';
import { exoSpfBounceText } from '../helpers/bounces';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { cardTexts, startBot, teamsMessage, type BotHarness } from '../helpers/http-harness';
import { PlaygroundFeed, type FeedListener } from '../../bot/playground/feed';

interface StreamEvent {
  id: number;
  op: string;
  activity: Record<string, unknown> & { type: string; id: string; attachments?: { contentType: string; content: unknown }[] };
}

/** Reads a server-sent event stream with fetch, collecting its events until closed. */
function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const events: StreamEvent[] = [];
  let status = 0;
  let contentType = '';
  let ended = false;
  let opened: () => void = () => undefined;
  const open = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const done = (async () => {
    const res = await fetch(url, { headers, signal: controller.signal });
    status = res.status;
    opened();
    contentType = res.headers.get('content-type') ?? '';
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const id = /^id: (\d+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (id && data) events.push({ id: Number(id), ...(JSON.parse(data) as Omit<StreamEvent, 'id'>) });
        }
      }
    } catch (err) {
      if ((err as Error).name !== 'AbortError') throw err;
    }
    ended = true;
  })().catch((err: Error) => {
    if (err.name !== 'AbortError') throw err;
  });
  return {
    events,
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    get ended() {
      return ended;
    },
    async until(predicate: (events: StreamEvent[]) => boolean, timeoutMs = 10_000): Promise<StreamEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(events)) {
        if (Date.now() > deadline) throw new Error(`stream: condition not met in ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => [e.op, e.activity.type]))}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return events;
    },
    close: () => controller.abort(),
    /** Settles once the server has answered the request (the stream is open). */
    open,
    done,
  };
}

function textOfEvent(e: StreamEvent): string {
  return (e.activity.attachments ?? []).map((a) => cardTexts(a.content).join('\n')).join('\n');
}

describe('with Azure credentials configured', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant-1',
      BotOpenIdMetadata: 'http://127.0.0.1:9/.well-known/openid-configuration',
    });
  });
  afterAll(() => bot.close());

  it('has no playground: GET / and its files are 404, and its connector takes nothing', async () => {
    for (const path of ['/', '/playground/app.js', '/playground/vendor/adaptivecards.min.js', '/playground/samples.json', '/playground/events/a']) {
      expect([path, (await fetch(`${bot.baseUrl}${path}`)).status]).toEqual([path, 404]);
    }
    const res = await fetch(`${bot.baseUrl}/playground/connector/v3/conversations/a/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi' }),
    });
    expect(res.status).toBe(404);
  });
});

describe('in local mode', () => {
  let bot: BotHarness;
  let dns: TestDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({
      'contoso.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.contoso.example'] }],
      'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all' }],
    });
    // No grace period: every check shows "Checking …" first, the update in place is what is streamed.
    bot = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '500', SPF_DEADLINE_MS: '3000', FIRST_ANSWER_GRACE_MS: '0' });
  });
  afterAll(async () => {
    await bot.close();
    await dns.stop();
  });

  it('serves the page with a strict content security policy', async () => {
    const res = await fetch(`${bot.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('/playground/vendor/adaptivecards.min.js');
    expect(html).toContain('/playground/app.js');
  });

  it('serves the renderer, markdown-it and the Teams host config straight from node_modules', async () => {
    const vendor: [string, string, RegExp][] = [
      ['/playground/vendor/adaptivecards.min.js', 'adaptivecards/dist/adaptivecards.min.js', /javascript/],
      ['/playground/vendor/markdown-it.min.js', 'markdown-it/dist/markdown-it.min.js', /javascript/],
      ['/playground/vendor/teams-light.json', 'adaptivecards-designer/lib/hostConfigs/microsoft-teams-light.json', /json/],
      ['/playground/vendor/teams-container-light.css', 'adaptivecards-designer/dist/containers/teams-container-light.css', /css/],
    ];
    for (const [url, request, type] of vendor) {
      const res = await fetch(`${bot.baseUrl}${url}`);
      expect([url, res.status]).toEqual([url, 200]);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(require.resolve(request)))).toBe(true);
    }
  });

  it('streams the bot’s replies to the page: the checking card, then its update in place, in order', async () => {
    const conversationId = 'playground:stream-test';
    const stream = openStream(`${bot.baseUrl}/playground/events/${encodeURIComponent(conversationId)}`);
    const serviceUrl = `${bot.baseUrl}/playground/connector`;
    const res = await bot.post(teamsMessage(serviceUrl, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId }));
    expect(res.status).toBe(200);
    const events = await stream.until((ev) => ev.some((e) => e.op === 'update'));
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    const posted = events.find((e) => e.op === 'post' && e.activity.type === 'message')!;
    expect(textOfEvent(posted)).toMatch(/Checking contoso\.example/);
    const update = events.find((e) => e.op === 'update')!;
    expect(update.activity.id).toBe(posted.activity.id);
    expect(textOfEvent(update)).toContain('v=spf1 ip4:198.51.100.0/24 -all');

    // A reconnecting page (Last-Event-ID) gets only what it missed; the bot's Check again answers the invoke.
    const resumed = openStream(`${bot.baseUrl}/playground/events/${encodeURIComponent(conversationId)}`, { 'last-event-id': String(posted.id) });
    await resumed.until((ev) => ev.length > 0);
    expect(resumed.events[0]!.id).toBe(posted.id + 1);
    const content = update.activity.attachments![0]!.content as { actions: { verb?: string; data?: unknown }[] };
    const check = content.actions.find((a) => a.verb === 'checkAgain')!;
    const invoke = await bot.post({
      ...teamsMessage(serviceUrl, '', { conversationId }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      replyToId: posted.activity.id,
      value: { action: { type: 'Action.Execute', verb: 'checkAgain', data: check.data }, trigger: 'manual' },
    });
    expect(invoke.status).toBe(200);
    expect(JSON.parse(invoke.body)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    stream.close();
    resumed.close();
  });

  it('answers the bot’s member look-up as Teams does, so escalating from the playground asks nothing it cannot answer', async () => {
    const member = await fetch(`${bot.baseUrl}/playground/connector/v3/conversations/playground%3Ax/members/29%3Aplayground-1`);
    expect(member.status).toBe(200);
    expect(await member.json()).toMatchObject({ id: '29:playground-1', name: 'You' });

    const conversationId = 'playground:escalate-test';
    const serviceUrl = `${bot.baseUrl}/playground/connector`;
    const stream = openStream(`${bot.baseUrl}/playground/events/${encodeURIComponent(conversationId)}`);
    await bot.post(teamsMessage(serviceUrl, exoSpfBounceText({ senderDomain: 'contoso.example' }), { conversationId }));
    // The result card (posted at once when the check is quick, or as the update of "Checking …").
    const hasEscalate = (e: StreamEvent): boolean => JSON.stringify(e.activity.attachments ?? []).includes('"escalate"');
    await stream.until((ev) => ev.some(hasEscalate));
    const card = stream.events.find(hasEscalate)!;
    const actions = (card.activity.attachments![0]!.content as { actions: { title?: string; card?: { actions: { verb?: string; data?: unknown }[] } }[] }).actions;
    const form = actions.find((a) => a.card?.actions.some((x) => x.verb === 'escalate'))!.card!.actions.find((x) => x.verb === 'escalate')!;
    const invoke = await bot.post({
      ...teamsMessage(serviceUrl, '', { conversationId }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      replyToId: card.activity.id,
      value: { action: { type: 'Action.Execute', verb: 'escalate', data: { ...(form.data as object), tried: 'nothing yet', urgency: 'normal' } }, trigger: 'manual' },
    });
    expect(invoke.status).toBe(200);
    // The case is saved and the person is told its id, in a message of its own.
    await stream.until((ev) => ev.some((e) => e.op === 'post' && /BD-[A-Z0-9]{6}/.test(textOfEvent(e))));
    stream.close();
  });

  it('refuses what is not an activity on its connector', async () => {
    const res = await fetch(`${bot.baseUrl}/playground/connector/v3/conversations/x/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(['not', 'an', 'activity']),
    });
    expect(res.status).toBe(400);
  });

  it('does not keep the server from closing while a page is listening', async () => {
    const other = await startBot({ DNS_SERVERS: dns.address });
    const stream = openStream(`${other.baseUrl}/playground/events/closing`);
    await stream.open;
    expect(stream.status).toBe(200);
    // Closing finishes (the test would time out otherwise) and ends the page's stream.
    await other.close();
    await stream.done;
    expect(stream.ended).toBe(true);
  });
});

describe('the feed behind the event stream', () => {
  const listener = (): FeedListener & { got: number[]; ended: boolean } => {
    const l = {
      got: [] as number[],
      ended: false,
      send: (e: { seq: number }) => void l.got.push(e.seq),
      end: () => void (l.ended = true),
    };
    return l;
  };

  it('keeps at most so many events and bytes per conversation, always the newest', () => {
    const feed = new PlaygroundFeed({ maxConversations: 5, maxEventsPerConversation: 3, maxBytesPerConversation: 10_000, maxListenersPerConversation: 2 });
    for (let i = 0; i < 10; i++) feed.publish('c', 'post', { type: 'message', text: `m${i}` });
    expect(feed.events('c').map((e) => e.seq)).toEqual([8, 9, 10]);
    feed.publish('c', 'post', { type: 'message', text: 'x'.repeat(20_000) });
    expect(feed.events('c').map((e) => e.seq)).toEqual([11]);
  });

  it('drops the least recently used conversation, ending its streams', () => {
    const feed = new PlaygroundFeed({ maxConversations: 2, maxEventsPerConversation: 10, maxBytesPerConversation: 10_000, maxListenersPerConversation: 2 });
    const first = listener();
    feed.subscribe('a', first);
    feed.publish('b', 'post', { type: 'message' });
    feed.publish('a', 'post', { type: 'message' });
    feed.publish('c', 'post', { type: 'message' });
    expect(feed.conversationCount).toBe(2);
    expect(feed.events('b')).toHaveLength(0);
    expect(first.got).toEqual([1]);
    expect(first.ended).toBe(false);
    feed.publish('d', 'post', { type: 'message' });
    expect(first.ended).toBe(true);
  });

  it('replays what a listener missed and limits listeners per conversation', () => {
    const feed = new PlaygroundFeed({ maxConversations: 2, maxEventsPerConversation: 10, maxBytesPerConversation: 10_000, maxListenersPerConversation: 1 });
    for (let i = 0; i < 4; i++) feed.publish('a', 'post', { type: 'message' });
    const l = listener();
    const sub = feed.subscribe('a', l, 2)!;
    expect(sub.backlog.map((e) => e.seq)).toEqual([3, 4]);
    expect(feed.subscribe('a', listener())).toBeUndefined();
    sub.unsubscribe();
    expect(feed.subscribe('a', listener())).toBeDefined();
  });
});
