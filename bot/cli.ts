/**
 * `npm run diagnose -- <file | -> [--lang ja] [--json] [--dns host:port,…] [--domain example.com]`
 * `npm run diagnose -- --check <domain> [--ip <address>] [--lang ja] [--json] [--dns …]`
 * The same core as the bot: parse the bounce (or take the domain), check DNS, print the diagnosis with its
 * verdict as text or JSON.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig, parseServerList } from './config';
import { dnsChecks } from './dns/checks';
import { isIP } from 'node:net';
import { checkDomain, diagnose } from './diagnosis';
import { readDomain } from './dns/domain-input';
import { parseBounce } from './ndr';
import { diagnosisText, matchLocale, resolveLocale } from './cards';

const USAGE = `Usage: npm run diagnose -- <bounce file | -> [--lang en|ja|zh-CN|zh-TW|sv|fr|ko] [--json] [--dns host[:port],…] [--domain <sender domain>]
       npm run diagnose -- --check <domain> [--ip <sending IP>] [--lang …] [--json] [--dns …]

Reads a bounce (pasted text, .eml or .msg; '-' reads standard input), checks the sender's DNS and prints
the diagnosis and its verdict. With --check, checks a domain's SPF record without a bounce, as
"check <domain>" does in Teams. DNS_SERVERS in the environment is honoured; --dns overrides it.`;

interface Args {
  file?: string;
  lang?: string;
  json: boolean;
  dns?: string;
  domain?: string;
  check?: string;
  ip?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new ConfigError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--lang') args.lang = value();
    else if (a.startsWith('--lang=')) args.lang = a.slice(7);
    else if (a === '--dns') args.dns = value();
    else if (a === '--domain') args.domain = value();
    else if (a === '--check') args.check = value();
    else if (a === '--ip') args.ip = value();
    else if (a === '-h' || a === '--help') throw new ConfigError('');
    else if (a.startsWith('--')) throw new ConfigError(`unknown option ${a}`);
    else if (args.file === undefined) args.file = a;
    else throw new ConfigError(`only one bounce at a time (got ${args.file} and ${a})`);
  }
  if (args.check !== undefined) {
    if (args.file !== undefined) throw new ConfigError(`--check takes a domain, not a bounce (got ${args.file})`);
    const d = readDomain(args.check);
    if (!d.ok) throw new ConfigError(`--check ${args.check}: not a domain name (${d.reason})`);
    args.check = d.domain;
    if (args.ip !== undefined && !isIP(args.ip)) throw new ConfigError(`--ip ${args.ip}: not an IP address`);
  } else {
    if (args.ip !== undefined) throw new ConfigError('--ip goes with --check <domain>');
    if (args.file === undefined) throw new ConfigError('which bounce? Give a file path, or - for standard input');
  }
  if (args.lang !== undefined && !matchLocale(args.lang)) throw new ConfigError(`--lang ${args.lang}: use en, ja, zh-CN, zh-TW, sv, fr or ko`);
  return args;
}

async function readInput(file: string): Promise<Uint8Array> {
  if (file !== '-') return readFileSync(file);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function main(): Promise<number> {
  let args: Args;
  let config;
  try {
    args = parseArgs(process.argv.slice(2));
    config = loadConfig(process.env);
    if (args.dns !== undefined) config.dnsServers = parseServerList(args.dns, '--dns');
  } catch (err) {
    if (err instanceof ConfigError) {
      if (err.message) console.error(`diagnose: ${err.message}\n`);
      console.error(USAGE);
      return 2;
    }
    throw err;
  }
  const checks = dnsChecks(config);
  if (args.check !== undefined) {
    const diagnosis = await checkDomain(args.check, args.ip, checks);
    if (args.json) process.stdout.write(`${JSON.stringify(diagnosis, null, 2)}\n`);
    else process.stdout.write(`${diagnosisText(diagnosis, resolveLocale(args.lang), {}, 'cli')}\n`);
    return 0;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readInput(args.file!);
  } catch (err) {
    console.error(`diagnose: cannot read ${args.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return 2;
  }
  const bounce = await parseBounce(bytes, args.file === '-' ? {} : { filename: path.basename(args.file!) }, {
    maxTextBytes: config.maxFileBytes,
    maxFileBytes: config.maxFileBytes,
  });
  const diagnosis = await diagnose(bounce, { checks, domain: args.domain });
  if (args.json) {
    process.stdout.write(`${JSON.stringify(diagnosis, null, 2)}\n`);
  } else {
    process.stdout.write(`${diagnosisText(diagnosis, resolveLocale(args.lang, bounce.language), {}, 'cli')}\n`);
  }
  return diagnosis.playbook === 'none' ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`diagnose: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(3);
  },
);
