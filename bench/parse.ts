/**
 * Parse throughput over the sisimai bounce corpus in ../shared/bounces (sisimai/set-of-emails,
 * BSD-2-Clause, Copyright (C) 2014 azumakuniyuki; see ../shared/bounces/LICENSE) and over this
 * project's localized NDR fixtures. Median of several runs; each run parses every file once.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseBounce } from '../bot/ndr';

const RUNS = 7;
const root = path.resolve(__dirname, '..');
const corpusDir = path.resolve(root, '..', 'shared', 'bounces');
const fixtureDir = path.resolve(root, 'test', 'fixtures', 'ndr');

interface Input {
  name: string;
  data: string | Uint8Array;
  bytes: number;
}

function corpusInputs(): Input[] {
  const out: Input[] = [];
  for (const sub of ['eml', 'eml-crlf']) {
    const dir = path.join(corpusDir, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      const data = new Uint8Array(readFileSync(path.join(dir, f)));
      out.push({ name: `${sub}/${f}`, data, bytes: data.byteLength });
    }
  }
  return out;
}

function fixtureInputs(): Input[] {
  const out: Input[] = [];
  for (const d of readdirSync(fixtureDir).sort()) {
    const p = path.join(fixtureDir, d);
    if (d === 'tools' || !statSync(p).isDirectory()) continue;
    for (const f of readdirSync(p).sort()) {
      const raw = readFileSync(path.join(p, f));
      // Pasted text arrives as a string, files as bytes, as in the bot.
      const data = /\.(txt|html)$/.test(f) ? raw.toString('utf8') : new Uint8Array(raw);
      out.push({ name: `${d}/${f}`, data, bytes: raw.byteLength });
    }
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

interface Result {
  files: number;
  megabytes: number;
  msgPerSec: number;
  mbPerSec: number;
  runMs: number[];
  p50: number;
  p95: number;
  max: number;
  slowest: string;
}

async function measure(inputs: Input[]): Promise<Result> {
  const totalBytes = inputs.reduce((n, i) => n + i.bytes, 0);
  // One warm-up pass so the JIT and lazily built tables do not count against the first run.
  for (const i of inputs) await parseBounce(i.data, { filename: i.name });
  const runMs: number[] = [];
  const perFile = new Map<string, number[]>();
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    for (const i of inputs) {
      const t = performance.now();
      await parseBounce(i.data, { filename: i.name });
      const ms = performance.now() - t;
      const list = perFile.get(i.name) ?? [];
      list.push(ms);
      perFile.set(i.name, list);
    }
    runMs.push(performance.now() - start);
  }
  const medians = [...perFile.entries()].map(([name, ms]) => ({ name, ms: median(ms) }));
  const slowest = medians.reduce((a, b) => (b.ms > a.ms ? b : a), { name: '-', ms: 0 });
  const mid = median(runMs);
  return {
    files: inputs.length,
    megabytes: totalBytes / 1e6,
    msgPerSec: inputs.length / (mid / 1000),
    mbPerSec: totalBytes / 1e6 / (mid / 1000),
    runMs,
    p50: percentile(medians.map((m) => m.ms), 50),
    p95: percentile(medians.map((m) => m.ms), 95),
    max: slowest.ms,
    slowest: slowest.name,
  };
}

function row(label: string, r: Result): string {
  return `| ${label} | ${r.files} | ${r.megabytes.toFixed(2)} | ${r.msgPerSec.toFixed(0)} | ${r.mbPerSec.toFixed(2)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(1)} (${r.slowest}) |`;
}

export async function run(): Promise<string> {
  const lines = ['## Bounce parsing (`parseBounce`)', ''];
  const corpus = corpusInputs();
  const fixtures = fixtureInputs();
  lines.push(
    `Median of ${RUNS} runs after one warm-up pass; each run parses every file once, one after another, on one core. ` +
      'Latency columns are per-file medians across runs. `.msg` files are read in a worker thread (a damaged file cannot hang the bot), which dominates their time.',
    '',
    '| input | files | MB | messages/s | MB/s | p50 ms | p95 ms | slowest ms (file) |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  );
  if (corpus.length) lines.push(row('sisimai corpus (../shared/bounces, BSD-2-Clause)', await measure(corpus)));
  const fixturesNoMsg = fixtures.filter((f) => !f.name.endsWith('.msg'));
  lines.push(row('localized Exchange NDR fixtures (.txt/.html/.eml)', await measure(fixturesNoMsg)));
  const msgs = fixtures.filter((f) => f.name.endsWith('.msg'));
  if (msgs.length) lines.push(row('Outlook .msg fixtures', await measure(msgs)));
  if (!corpus.length) lines.push('', '_The corpus in ../shared/bounces is absent here, so only the fixtures were measured._');
  lines.push('');
  return lines.join('\n');
}
