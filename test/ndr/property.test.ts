/**
 * Property tests: parseBounce never throws and keeps its contract, over 10,000+ generated inputs per run
 * mixed from real fragments (this project's fixtures and, when ../shared is present, lines of the sisimai
 * corpus, BSD-2-Clause) and noise. How long inputs take, and whether time grows linearly with size, is
 * measured by `npm run bench -- hostile`: a test asserts behaviour, never a wall-clock figure.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseBounce } from '../../bot/ndr';
import type { Bounce } from '../../bot/ndr/types';
import { hasShared, sharedPath } from '../helpers/shared';
import { fixtureDir } from './fixtures';

const RUNS = { fragments: 4000, bytes: 2500, mutations: 2500, repeats: 1000 };

function fixtureFiles(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(fixtureDir)) {
    const p = path.join(fixtureDir, d);
    if (d === 'tools' || !statSync(p).isDirectory()) continue;
    for (const f of readdirSync(p)) out.push(path.join(p, f));
  }
  return out;
}

const files = fixtureFiles();
const fixtureTexts = files.filter((f) => /\.(txt|html)$/.test(f)).map((f) => readFileSync(f, 'utf8'));
const fixtureBinaries = files.filter((f) => /\.(eml|msg)$/.test(f)).map((f) => new Uint8Array(readFileSync(f)));

function corpusLines(): string[] {
  if (!hasShared('bounces', 'eml')) return [];
  const dir = sharedPath('bounces', 'eml');
  const lines: string[] = [];
  for (const f of readdirSync(dir).slice(0, 400)) {
    for (const l of readFileSync(path.join(dir, f), 'latin1').split('\n')) if (l.trim() && l.length < 300) lines.push(l);
  }
  return lines;
}

const TOKENS = [
  "Remote Server returned '",
  '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 ',
  '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
  'Final-Recipient: rfc822; ',
  'Diagnostic-Code: smtp; 550-5.7.26 ',
  'Status: 5.0.0',
  'Action: failed',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="x"',
  '--x',
  'Content-Type: message/delivery-status',
  'Content-Transfer-Encoding: quoted-printable',
  '=?iso-2022-jp?B?GyRCR1s/LklURz0bKEI=?=',
  '=\r\n',
  '<at id="0">Bot</at>',
  '<div><p><table><tr><td>',
  'kari@contoso.example',
  '<mailto:kari@contoso.example>',
  '[203.0.113.5]',
  'with ip: [2001:db8::1]',
  'Generating server: X.prod.outlook.com',
  'Reported error:',
  '管理者向けの診断情報:',
  '원본 메시지 헤더',
  'Serveur de génération :',
  '"quoted..local"@example.org',
  '\u0000\u0001\u00ff\ufffd',
  '\u200b',
];

const lines = [...new Set([...fixtureTexts.flatMap((t) => t.split('\n')), ...corpusLines(), ...TOKENS])];

let runs = 0;

async function checkOne(input: string | Uint8Array, hint?: { filename?: string }): Promise<Bounce> {
  const b = await parseBounce(input, hint);
  runs++;
  // Whatever the input, the result keeps the contract.
  expect(typeof b.isBounce).toBe('boolean');
  expect(Array.isArray(b.recipients)).toBe(true);
  expect(b.isBounce).toBe(b.kind === 'bounce');
  if (!b.isBounce) expect(b.recipients).toEqual([]);
  return b;
}

const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...lines) },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...TOKENS) },
);
const separator = fc.constantFrom('\n', '\r\n', ' ', '', '\n\n', '\t');
const document = fc.tuple(fc.array(fragment, { maxLength: 60 }), fc.array(separator, { minLength: 1, maxLength: 4 })).map(([parts, seps]) =>
  parts.map((p, i) => p + (seps[i % seps.length] ?? '\n')).join(''),
);

describe('parseBounce on generated input', () => {
  it('never throws on text mixed from real fragments and noise, pasted or as a file', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.boolean(), async (doc, asFile) => {
        await checkOne(asFile ? new Uint8Array(Buffer.from(doc, 'utf8')) : doc, asFile ? { filename: 'x.eml' } : undefined);
      }),
      { numRuns: RUNS.fragments },
    );
  }, 600_000);

  it('never throws on raw bytes, including ones that start like a message, a .msg or a zip', async () => {
    const prefix = fc.constantFrom(
      new Uint8Array(0),
      new Uint8Array(Buffer.from('From: MAILER-DAEMON@x.example\r\nSubject: Undelivered\r\nContent-Type: multipart/report; boundary="q"\r\n\r\n--q\r\n')),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
      new Uint8Array([0xef, 0xbb, 0xbf]),
      new Uint8Array([0xff, 0xfe]),
    );
    await fc.assert(
      fc.asyncProperty(prefix, fc.uint8Array({ maxLength: 4000 }), async (head, tail) => {
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        await checkOne(bytes, { filename: 'x.eml' });
      }),
      { numRuns: RUNS.bytes },
    );
  }, 600_000);

  it('never throws on real bounces that were cut, spliced with noise or had bytes flipped', async () => {
    const mutation = fc.record({
      index: fc.nat({ max: fixtureBinaries.length + fixtureTexts.length - 1 }),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      insert: fc.uint8Array({ maxLength: 300 }),
      flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const source =
          m.index < fixtureBinaries.length ? (fixtureBinaries[m.index] as Uint8Array) : new Uint8Array(Buffer.from(fixtureTexts[m.index - fixtureBinaries.length] ?? ''));
        const cut = source.subarray(0, Math.floor(source.length * (0.2 + 0.8 * m.cut)));
        const at = Math.floor(cut.length * m.at);
        const out = new Uint8Array(cut.length + m.insert.length);
        out.set(cut.subarray(0, at));
        out.set(m.insert, at);
        out.set(cut.subarray(at), at + m.insert.length);
        for (const [pos, value] of m.flips) out[Math.floor(pos * (out.length - 1))] = value;
        await checkOne(out, { filename: 'x.eml' });
        await checkOne(Buffer.from(out).toString('latin1'));
      }),
      { numRuns: RUNS.mutations / 2 },
    );
  }, 600_000);

  it('stays linear on long repetitive input (the shape that makes regular expressions backtrack)', async () => {
    const repeated = fc.tuple(fc.constantFrom(...TOKENS, 'a', '.', ' ', '@', 'aaaa@', 'a.', 'a@a.', '5.5.', '550 ', '5.7.1 ', '[1.2.3.4]', '<a@b.c>', '<', '<p', "'", '-', '- ', '=', '#', '*', '>', '\n', ' \n', 'x: ', '::', '\t\t', '\u3000'), fc.integer({ min: 100, max: 20_000 }), fc.boolean());
    await fc.assert(
      fc.asyncProperty(repeated, async ([unit, times, asFile]) => {
        const text = unit.repeat(Math.min(times, Math.floor(400_000 / Math.max(unit.length, 1))));
        await checkOne(asFile ? new Uint8Array(Buffer.from(text)) : text);
      }),
      { numRuns: RUNS.repeats },
    );
  }, 600_000);

  it('ran at least 10,000 generated inputs', () => {
    expect(runs).toBeGreaterThanOrEqual(10_000);
  });
});
