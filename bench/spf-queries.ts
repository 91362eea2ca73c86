/**
 * Part of `npm run bench -- spf`: DNS queries per SPF check, counted at the test DNS server (its query log)
 * on the same random zones (test/dns/spf-zones.ts, seeded) with the same client IPs, for our checkHost,
 * the same evaluation without asking ahead, mailauth, the audit walk alone, and the bot's full checkSpf
 * (with and without the IP); then hostile zones (the include bomb, a wide flat tree of a: terms); then the
 * time per check on part of the zones, in answer delays.
 * `node -r ts-node/register/transpile-only bench/spf-queries.ts [zones]` prints the section alone.
 */
import { checkSpf, createResolver } from '../bot/dns';
import { startDnsServer, type TestDnsServer } from '../test/helpers/dns-server';
import { aFlood, bombLookups, countQueries, includeBomb, randomSpfCase, type Evaluator, type SpfCase } from '../test/dns/spf-zones';

const SEED = 7208;
const ZONES = 1000;
const BOMB_LEVELS = [2, 3, 4];
/** Zones timed, and the delay the DNS server adds to every answer while timing. */
const TIMED_ZONES = 100;
const DELAY_MS = 20;
const ALL: Evaluator[] = ['ours', 'sequential', 'mailauth', 'audit', 'checkSpf', 'checkSpfNoIp'];
const NAMES: Record<Evaluator, string> = {
  ours: 'bounce-doctor checkHost (asks ahead, bounded)',
  sequential: 'bounce-doctor checkHost without asking ahead',
  mailauth: 'mailauth 4.13.3 spf (one lookup after another)',
  audit: 'bounce-doctor audit walk alone (for the IP)',
  checkSpf: 'bounce-doctor checkSpf (audit walk + evaluation + report)',
  checkSpfNoIp: 'bounce-doctor checkSpf without an IP (audit walk + report)',
};

interface Stats {
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return { mean: xs.reduce((a, b) => a + b, 0) / (xs.length || 1), p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? 0 };
}

type PerEvaluator = Record<Evaluator, number[]>;
const empty = (): PerEvaluator => ({ ours: [], sequential: [], mailauth: [], audit: [], checkSpf: [], checkSpfNoIp: [] });

/** Queries (and, with a delay, milliseconds) per check for the first `zones` zones of the set. */
async function measure(
  zones: number,
  delayMs: number,
  who: Evaluator[],
): Promise<{ queries: PerEvaluator; ms: PerEvaluator; differ: number }> {
  const server = await startDnsServer({}, { delayMs });
  const queries = empty();
  const ms = empty();
  let differ = 0;
  try {
    for (let i = 0; i < zones; i++) {
      const c = randomSpfCase(SEED, i);
      server.setZone(c.zone);
      const results: Partial<Record<Evaluator, string>> = {};
      for (const w of who) {
        const r = await countQueries(server, c, w);
        queries[w].push(r.queries);
        ms[w].push(r.ms);
        results[w] = r.result;
      }
      if (results.ours !== undefined && results.ours !== results.sequential) differ++;
    }
  } finally {
    await server.stop();
  }
  return { queries, ms, differ };
}

/** Queries per evaluator on one hostile zone, and the lookups checkSpf reports for it. */
async function hostile(c: SpfCase, truth: number): Promise<string[]> {
  const server: TestDnsServer = await startDnsServer(c.zone);
  const out: string[] = [];
  try {
    for (const w of ['ours', 'sequential', 'mailauth', 'checkSpf', 'checkSpfNoIp'] as Evaluator[]) out.push(String((await countQueries(server, c, w)).queries));
    const resolver = createResolver({ servers: [server.address], timeoutMs: 2000 });
    const r = await checkSpf(c.helo, { ip: c.ip, resolver });
    out.push(`${r.lookupsAtLeast ? '≥ ' : ''}${r.lookups ?? '?'} (true: ${truth})`);
  } finally {
    await server.stop();
  }
  return out;
}

export async function queriesSection(zones = ZONES): Promise<string> {
  const { queries, differ } = await measure(zones, 0, ALL);
  const s = Object.fromEntries(ALL.map((w) => [w, stats(queries[w])])) as Record<Evaluator, Stats>;
  const ratio = s.ours.mean / s.mailauth.mean;
  const row = (w: Evaluator): string => {
    const x = s[w];
    return `| ${NAMES[w]} | ${x.mean.toFixed(2)} | ${x.p50} | ${x.p99} | ${x.max} | ${(x.mean / s.mailauth.mean).toFixed(2)} |`;
  };
  const bombs: string[] = [];
  for (const levels of BOMB_LEVELS) bombs.push(`| include bomb, ${levels} levels | ${(await hostile(includeBomb(levels), bombLookups(levels))).join(' | ')} |`);
  bombs.push(`| 10 includes × 40 a: terms | ${(await hostile(aFlood(10, 40), 410)).join(' | ')} |`);
  const timed = await measure(Math.min(TIMED_ZONES, zones), DELAY_MS, ['ours', 'sequential', 'mailauth', 'checkSpf']);
  const rt = (w: Evaluator): string => (stats(timed.ms[w]).mean / DELAY_MS).toFixed(2);
  return [
    '## DNS queries per SPF check',
    '',
    `${zones} random zones (test/dns/spf-zones.ts, seed ${SEED}): include trees with shared targets, loops and ` +
      'missing records, redirects, a/mx/ptr/exists with and without macros, voids, trees past 10 lookups, exp=, ' +
      'syntax errors; the client IP (IPv6 one time in ten) matches early, late or nowhere. Every evaluator ' +
      'sees the same zone and IP, with a fresh resolver; queries are counted at the test DNS server, including ' +
      'any still under way when the result came. mailauth asks A and AAAA for every a term and MX host; ' +
      '"without asking ahead" is our own evaluation one lookup after another, the floor for our evaluator. ' +
      'Target: ours at most 1.15 × mailauth.',
    '',
    '| evaluator | mean | p50 | p99 | max | mean ÷ mailauth |',
    '|---|---|---|---|---|---|',
    ...ALL.map(row),
    '',
    `Ours ÷ mailauth: **${ratio.toFixed(2)}**; ours ÷ our own evaluation without asking ahead: ` +
      `${(s.ours.mean / s.sequential.mean).toFixed(2)}. ` +
      `Results with and without asking ahead differ on ${differ} of ${zones} zones. ` +
      `checkSpf ÷ ours: ${(s.checkSpf.mean / s.ours.mean).toFixed(2)} (mean); every checkSpf also asks the SPF type, ` +
      "A, MX and DMARC of the domain, and the sending IP's PTR when it does not pass (for the suggestion).",
    '',
    '**Hostile zones.** The include bomb: every record includes ten others, each name its own; the evaluation ' +
      'stops at the 11th lookup with permerror. The flat tree: ten includes of forty a: terms each (410 lookups). ' +
      'Targets: ours at most 15 queries; checkSpf at most 15 plus what the report needs besides the evaluation ' +
      '(the 4 queries above, the PTR, and the records of the first 20 lookups while the tree may be that small). ' +
      'The audit walk reads a tree of up to 20 lookups whole, and past that what the first 10 lookups reach: ' +
      'the lookups checkSpf reports are then a lower bound ("at least").',
    '',
    '| zone | ours | ours without asking ahead | mailauth | checkSpf | checkSpf without IP | lookups checkSpf reports |',
    '|---|---|---|---|---|---|---|',
    ...bombs,
    '',
    `**Time per check** on the first ${Math.min(TIMED_ZONES, zones)} of these zones with ${DELAY_MS} ms added to every ` +
      'answer, in answer delays (mean ms ÷ delay, so about the round trips waited): ' +
      `ours ${rt('ours')}, without asking ahead ${rt('sequential')}, mailauth ${rt('mailauth')}, checkSpf ${rt('checkSpf')}.`,
    '',
  ].join('\n');
}

if (require.main === module) {
  void queriesSection(Number(process.argv[2] ?? ZONES)).then((s) => console.log(s));
}
