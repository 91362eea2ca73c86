/**
 * GET /readyz over real sockets: ready only while storage answers. Memory storage always does; Blob storage
 * is a real Azurite, stopped and started again under the running bot, and the same Azurite with a wrong
 * account key (403, as when the bot's role assignment has not reached Storage yet). /healthz, the liveness
 * check, stays 200 throughout.
 */
import { startAzurite, type Azurite } from '../helpers/azurite';
import { startBot, type BotHarness } from '../helpers/http-harness';

async function get(bot: BotHarness, path: string): Promise<{ status: number; body: Record<string, unknown>; cacheControl: string | null }> {
  const res = await fetch(`${bot.baseUrl}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, cacheControl: res.headers.get('cache-control') };
}

describe('GET /readyz with memory storage', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.close());

  it('is always ready, and never cached', async () => {
    const res = await get(bot, '/readyz');
    expect(res).toEqual({ status: 200, body: { status: 'ready', storage: 'memory' }, cacheControl: 'no-store' });
  });
});

describe('GET /readyz with Azure Blob storage (Azurite)', () => {
  let azurite: Azurite;
  let bot: BotHarness;
  beforeAll(async () => {
    azurite = await startAzurite();
    bot = await startBot({ AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'readyz' });
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await azurite?.dispose();
  });

  it('is ready while the account answers, before the container exists and after', async () => {
    expect(await get(bot, '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', storage: 'blob' } });
    // A turn writes state: the container now exists.
    await bot.say('help');
    expect(await get(bot, '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', storage: 'blob' } });
  });

  it('is not ready while storage is down, stays alive, and is ready again when it is back', async () => {
    await azurite.stop();
    const down = await get(bot, '/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not ready', storage: 'blob' });
    expect(String(down.body.reason)).toMatch(/ECONNREFUSED/);
    expect((await get(bot, '/healthz')).status).toBe(200);

    await azurite.start();
    expect(await get(bot, '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  }, 60_000);
});

describe('GET /readyz when storage refuses the bot', () => {
  let azurite: Azurite;
  let bot: BotHarness;
  beforeAll(async () => {
    azurite = await startAzurite();
    const wrongKey = Buffer.alloc(64, 7).toString('base64');
    bot = await startBot({ AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${wrongKey}`) });
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await azurite?.dispose();
  });

  it('is not ready, with the status storage answered (and no key or URL in the answer)', async () => {
    const res = await get(bot, '/readyz');
    expect(res.status).toBe(503);
    expect(String(res.body.reason)).toMatch(/^status 403\b/);
    expect(JSON.stringify(res.body)).not.toMatch(/AccountKey|127\.0\.0\.1|devstoreaccount1/);
  });
});
