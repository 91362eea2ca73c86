/**
 * The set-up several e2e files share: a test DNS server with the file's zone, and a bot whose DNS checks
 * ask it (short timeouts, as a test expects answers at once), started before the file's tests and stopped
 * after them.
 */
import { startDnsServer, type TestDnsServer, type ZoneData } from './dns-server';
import { startBot, type BotHarness } from './http-harness';

/** Registers the hooks; `started` receives the bot and the DNS server once they run. */
export function useBotWithDns(zone: ZoneData, started: (bot: BotHarness, dns: TestDnsServer) => void): void {
  let dns: TestDnsServer | undefined;
  let bot: BotHarness | undefined;
  beforeAll(async () => {
    dns = await startDnsServer(zone);
    bot = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '300', SPF_DEADLINE_MS: '2500' });
    started(bot, dns);
  });
  afterAll(async () => {
    await bot?.close();
    await dns?.stop();
  });
}
