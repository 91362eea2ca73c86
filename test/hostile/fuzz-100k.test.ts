/**
 * 100,000 generated inputs each through parseBounce and the SPF record parser: none throws, none takes
 * longer than a loose per-KB allowance (what that catches is super-linear blow-ups, not slowness).
 * Inputs mix fragments real bounces and records are made of with noise; see test/ndr/property.test.ts
 * and test/dns/spf-parser.property.test.ts for the shaped, heavier property tests.
 */
import fc from 'fast-check';
import { parseBounce } from '../../bot/ndr';
import { parseRecord } from '../../bot/dns/spf/parse';

const RUNS = 100_000;
const BASE_MS = 250;
const MS_PER_KB = 25;

const BOUNCE_PARTS = [
  "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 ",
  'Diagnostic information for administrators:',
  'Generating server: AM6PR04MB1234.eurprd04.prod.outlook.com',
  'Final-Recipient: rfc822; grace@fabrikam.example',
  'Status: 5.0.0',
  'Diagnostic-Code: smtp; 550-5.7.26 Unauthenticated email',
  'Action: failed',
  'From: Ada <ada@contoso.example>',
  'Authentication-Results: spf=fail (sender IP is 203.0.113.9)',
  '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
  'Content-Type: multipart/report; boundary="b"',
  '--b',
  '=?utf-8?B?5Y+X5L+h6ICF?=',
  '<at>Bounce Doctor</at>',
  '<p>',
  '<br>',
  '[203.0.113.5]',
  '5.7.515 Spf= Fail , Dkim= Pass',
  '配信できませんでした',
  '전송 실패',
];

const SPF_PARTS = ['v=spf1', ' ', 'include:', 'a', 'mx', 'ptr', 'ip4:192.0.2.0/24', 'ip6:2001:db8::/32', 'exists:%{i}.%{d}', 'redirect=', 'exp=', '%{l1r-}', '-all', '~all', '?', '+', '/', ':', '.', '%%', '%_', '%-', '//64'];

function pieces(parts: string[], maxParts: number): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.constantFrom(...parts), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('\n', '\r\n', ' ', '\t'));
  return fc.array(piece, { maxLength: maxParts }).map((a) => a.join(''));
}

function withinBound(text: string, ms: number): void {
  const kb = Buffer.byteLength(text, 'utf8') / 1024;
  if (ms > BASE_MS + MS_PER_KB * kb) throw new Error(`${ms.toFixed(0)} ms for ${kb.toFixed(1)} KB: ${JSON.stringify(text.slice(0, 200))}`);
}

test(`parseBounce takes ${RUNS} generated inputs without throwing, each in time`, async () => {
  await fc.assert(
    fc.asyncProperty(pieces(BOUNCE_PARTS, 60), async (text) => {
      const started = performance.now();
      const b = await parseBounce(text);
      withinBound(text, performance.now() - started);
      expect(typeof b.isBounce).toBe('boolean');
    }),
    { numRuns: RUNS },
  );
}, 600_000);

test(`the SPF record parser takes ${RUNS} generated records without throwing, each in time`, () => {
  fc.assert(
    fc.property(pieces(SPF_PARTS, 40), (record) => {
      const started = performance.now();
      const parsed = parseRecord(record);
      withinBound(record, performance.now() - started);
      expect(Array.isArray(parsed.terms)).toBe(true);
    }),
    { numRuns: RUNS },
  );
}, 600_000);
