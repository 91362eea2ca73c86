/**
 * `npm run diagnose -- <file | -> [--lang ja] [--json] [--dns host:port,…] [--domain example.com]`
 * The same core as the bot: parse the bounce, check DNS, print the diagnosis as text or JSON.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig, parseServerList } from './config';
import { spfCheckerFor } from './app';
import { diagnose } from './diagnosis';
import { parseBounce } from './ndr';
import { diagnosisText, matchLocale, resolveLocale } from './cards';

const USAGE = `Usage: npm run diagnose -- <bounce file | -> [--lang en|ja|zh-TW|sv|fr|ko] [--json] [--dns host[:port],…] [--domain <sender domain>]

Reads a bounce (pasted text, .eml or .msg; '-' reads standard input), checks the sender's SPF in DNS
and prints the diagnosis. DNS_SERVERS in the environment is honoured; --dns overrides it.`;

interface Args {
  file?: string;
  lang?: string;
  json: boolean;
  dns?: string;
  domain?: string;
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
    else if (a === '-h' || a === '--help') throw new ConfigError('');
    else if (a.startsWith('--')) throw new ConfigError(`unknown option ${a}`);
    else if (args.file === undefined) args.file = a;
    else throw new ConfigError(`only one bounce at a time (got ${args.file} and ${a})`);
  }
  if (args.file === undefined) throw new ConfigError('which bounce? Give a file path, or - for standard input');
  if (args.lang !== undefined && !matchLocale(args.lang)) throw new ConfigError(`--lang ${args.lang}: use en, ja, zh-TW, sv, fr or ko`);
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
  const diagnosis = await diagnose(bounce, { checkSpf: spfCheckerFor(config), domain: args.domain });
  if (args.json) {
    process.stdout.write(`${JSON.stringify(diagnosis, null, 2)}\n`);
  } else {
    process.stdout.write(`${diagnosisText(diagnosis, resolveLocale(args.lang, bounce.language))}\n`);
  }
  return diagnosis.kind === 'not-bounce' ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`diagnose: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(3);
  },
);
