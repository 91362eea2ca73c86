/**
 * `npm run demo`: the bot and the local playground, with a DNS server of its own serving a few demo
 * domains, so a real diagnosis works on a machine without internet. Nothing here talks to the network
 * beyond 127.0.0.1.
 *
 *   broken.example  SPF record without include:spf.protection.outlook.com (Microsoft 365 mail fails SPF)
 *   fixed.example   the corrected record: the bounce is the receiving side's problem
 *   relay.example   correct record, but the bounce shows a sending IP in Microsoft 365's relay pool
 *
 * Type `fix` in the terminal to publish the corrected record for broken.example (then click Check again),
 * `break` to undo it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { createApp } from '../bot/app';
import { ConfigError, loadConfig } from '../bot/config';
import { createLogger } from '../bot/log';
import { playgroundOf } from '../bot/playground';
import { exoSpfBounceText } from '../test/helpers/bounces';
import { startDnsServer, type ZoneData } from '../test/helpers/dns-server';

const M365_SPF = 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip4:52.102.0.0/16 ip4:104.47.0.0/17 ip6:2a01:111:f400::/48 -all';
const BROKEN = 'v=spf1 ip4:198.51.100.0/24 -all';
const FIXED = 'v=spf1 ip4:198.51.100.0/24 include:spf.protection.outlook.com -all';

function zones(brokenIsFixed: boolean): ZoneData {
  const domain = (name: string, spf: string): ZoneData => ({
    [name]: [{ TXT: spf }, { MX: [10, `${name.replace('.', '-')}.mail.protection.outlook.com`] }, { TTL: 300 }],
    [`_dmarc.${name}`]: [{ TXT: `v=DMARC1; p=quarantine; rua=mailto:dmarc@${name}` }],
  });
  return {
    ...domain('broken.example', brokenIsFixed ? FIXED : BROKEN),
    ...domain('fixed.example', FIXED),
    ...domain('relay.example', 'v=spf1 include:spf.protection.outlook.com -all'),
    'spf.protection.outlook.com': [{ TXT: M365_SPF }],
    'fabrikam.example': [{ MX: [10, 'mx1.fabrikam.example'] }],
    'mx1.fabrikam.example': [{ A: '203.0.113.25' }],
  };
}

const SAMPLES = [
  { label: 'broken.example', description: 'SPF record without include:spf.protection.outlook.com', text: exoSpfBounceText({ senderDomain: 'broken.example' }) },
  { label: 'fixed.example', description: 'A correct record: the receiving side needs to look', text: exoSpfBounceText({ senderDomain: 'fixed.example', sendingIp: '40.107.22.10' }) },
  { label: 'relay.example', description: 'Sent through the relay pool 40.95.0.0/16', text: exoSpfBounceText({ senderDomain: 'relay.example', sendingIp: '40.95.12.34' }) },
];

/** The bounces as files, to copy from or to attach in the playground. */
function writeSampleFiles(): string {
  const dir = path.join(os.tmpdir(), 'bounce-doctor-demo');
  mkdirSync(dir, { recursive: true });
  for (const s of SAMPLES) {
    const name = s.label.split('.')[0]!;
    writeFileSync(path.join(dir, `${name}.txt`), s.text);
    const eml = [
      'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.onmicrosoft.com>',
      `To: Ada Lovelace <ada@${s.label}>`,
      'Subject: Undeliverable: Quarterly figures',
      'Date: Mon, 16 Nov 2026 09:12:34 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      s.text,
    ].join('\r\n');
    writeFileSync(path.join(dir, `${name}.eml`), eml);
  }
  return dir;
}

async function main(): Promise<void> {
  const dns = await startDnsServer(zones(false));
  const credentials = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId'].filter((k) => process.env[k]);
  let config;
  try {
    config = loadConfig({
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      DNS_SERVERS: dns.address,
      MicrosoftAppId: undefined,
      MicrosoftAppPassword: undefined,
      MicrosoftAppTenantId: undefined,
    });
  } catch (err) {
    await dns.stop();
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const app = createApp(config, createLogger(config.logLevel));
  const playground = playgroundOf(app.server);
  if (playground) playground.samples = SAMPLES;
  let port: number;
  try {
    port = await app.listen();
  } catch (err) {
    await dns.stop();
    const code = (err as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `Port ${config.port} is taken. Try: PORT=3979 npm run demo` : `Could not start: ${(err as Error).message}`);
    process.exit(1);
  }
  const dir = writeSampleFiles();
  const url = `http://localhost:${port}/`;

  console.log(`
Bounce Doctor demo: everything runs on this machine, no internet needed.

  Open        ${url}   (the local playground)
  Emulator    ${url}api/messages   (Bot Framework Emulator, no app id or password)
  DNS         ${dns.address}   serving broken.example, fixed.example, relay.example

Paste a bounce into the playground, or click one of its "Demo bounces" buttons:
  ${path.join(dir, 'broken.txt')}   SPF record without include:spf.protection.outlook.com
  ${path.join(dir, 'fixed.txt')}    the record is right: the receiving side has to look
  ${path.join(dir, 'relay.txt')}    sent from 40.95.12.34, Microsoft 365's relay pool
Or attach ${path.join(dir, 'broken.eml')} with "Attach .eml", or type: check broken.example
${credentials.length ? `\n(${credentials.join(', ')} ignored: the demo always runs locally.)\n` : ''}
In this terminal: "fix" publishes the corrected record for broken.example (then click Check again),
"break" puts the broken one back. Ctrl+C stops.
`);

  const stop = async (): Promise<void> => {
    await Promise.race([Promise.all([app.close(), dns.stop()]), new Promise((r) => setTimeout(r, 3000))]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  if (process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin });
    rl.on('line', (line) => {
      const command = line.trim().toLowerCase();
      if (command === 'fix') {
        dns.setZone(zones(true));
        console.log(`broken.example now publishes: ${FIXED}`);
      } else if (command === 'break') {
        dns.setZone(zones(false));
        console.log(`broken.example now publishes: ${BROKEN}`);
      } else if (command) {
        console.log('Commands: fix, break (Ctrl+C stops the demo)');
      }
    });
    rl.on('close', () => void stop());
  }
}

void main();
