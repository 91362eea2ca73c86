/**
 * What hostile input costs: parseBounce and the SPF record parser per KB, on generated inputs (the fuzz
 * tests' fragments and noise) and on shapes that make careless regexes or parsers super-linear. The tests
 * prove these inputs never crash; how long they take is measured here, since a timing is not behaviour.
 */
import fc from 'fast-check';
import { parseRecord } from '../bot/dns/spf/parse';
import { parseBounce } from '../bot/ndr';
import { BOUNCE_PARTS, pieces, SPF_PARTS } from '../test/helpers/generated-inputs';

const SAMPLES = 10_000;

/** Shapes that once were, or easily become, quadratic: long runs of one character, deep nesting, repetition. */
function pathological(): { name: string; text: string }[] {
  const kb = (n: number, unit: string): string => unit.repeat(Math.ceil((n * 1024) / unit.length));
  return [
    { name: 'newlines (400 KB)', text: kb(400, '\n') },
    { name: 'spaces and tabs (400 KB)', text: kb(400, ' \t') },
    { name: 'one long line of digits and dots (200 KB)', text: kb(200, '5.7.') },
    { name: '"Remote Server returned" repeated (200 KB)', text: kb(200, "Remote Server returned '550 5.7.23 x' ") },
    { name: 'nested HTML (200 KB)', text: `<html>${kb(100, '<div>')}x${kb(100, '</div>')}</html>` },
    { name: 'unclosed angle brackets (200 KB)', text: kb(200, '<a@') },
    { name: 'DSN field names without values (200 KB)', text: kb(200, 'Status: \nAction: \n') },
    { name: 'brackets and IP fragments (200 KB)', text: kb(200, '[203.0.113.') },
  ];
}

function msPerKb(bytes: number, ms: number): number {
  return ms / Math.max(bytes / 1024, 0.001);
}

async function timeBounce(text: string): Promise<number> {
  const t0 = performance.now();
  await parseBounce(text);
  return performance.now() - t0;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

export async function run(): Promise<string> {
  const rows: string[] = [];
  for (const p of pathological()) {
    const bytes = Buffer.byteLength(p.text);
    await timeBounce(p.text); // warm-up
    const ms = Math.min(await timeBounce(p.text), await timeBounce(p.text));
    rows.push(`| parseBounce: ${p.name} | ${(bytes / 1024).toFixed(0)} | ${ms.toFixed(1)} | ${msPerKb(bytes, ms).toFixed(3)} |`);
  }
  const record = `v=spf1 ${'ip4:192.0.2.1 '.repeat(3000)}-all`;
  const t0 = performance.now();
  parseRecord(record);
  const recordMs = performance.now() - t0;
  rows.push(`| SPF parser: 3,000 ip4 terms | ${(Buffer.byteLength(record) / 1024).toFixed(0)} | ${recordMs.toFixed(1)} | ${msPerKb(Buffer.byteLength(record), recordMs).toFixed(3)} |`);

  const bounceCosts: number[] = [];
  for (const text of fc.sample(pieces(BOUNCE_PARTS, 60), { numRuns: SAMPLES, seed: 42 })) bounceCosts.push(msPerKb(Buffer.byteLength(text), await timeBounce(text)));
  const recordCosts: number[] = [];
  for (const r of fc.sample(pieces(SPF_PARTS, 40), { numRuns: SAMPLES, seed: 42 })) {
    const t = performance.now();
    parseRecord(r);
    recordCosts.push(msPerKb(Buffer.byteLength(r), performance.now() - t));
  }
  const gen = (name: string, xs: number[]): string =>
    `| ${name} | ${SAMPLES} | ${quantile(xs, 0.5).toFixed(3)} | ${quantile(xs, 0.99).toFixed(3)} | ${Math.max(...xs).toFixed(3)} |`;
  return [
    '## Hostile input: cost per KB',
    '',
    'Shapes that make careless regexes and parsers super-linear, each timed once warm (best of two). A linear',
    'parser keeps ms/KB flat as the input grows; the tests only prove these inputs never crash.',
    '',
    '| input | KB | ms | ms/KB |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    `Generated inputs (the fuzz tests' fragments and noise, fast-check seed 42), ms per KB:`,
    '',
    '| parser | inputs | p50 | p99 | worst |',
    '|---|---:|---:|---:|---:|',
    gen('parseBounce', bounceCosts),
    gen('SPF record parser', recordCosts),
    '',
  ].join('\n');
}
