/**
 * 100,000 generated inputs each through parseBounce and the SPF record parser: none throws, and each
 * result keeps its contract. Inputs mix fragments real bounces and records are made of with noise; see
 * test/ndr/property.test.ts and test/dns/spf-parser.property.test.ts for the shaped property tests. What
 * each input costs per KB (super-linear blow-ups) is measured by `npm run bench -- hostile`, not here: a
 * test asserts behaviour, never a wall-clock figure.
 */
import fc from 'fast-check';
import { parseBounce } from '../../bot/ndr';
import { parseRecord } from '../../bot/dns/spf/parse';
import { BOUNCE_PARTS, pieces, SPF_PARTS } from '../helpers/generated-inputs';

const RUNS = 100_000;

test(`parseBounce takes ${RUNS} generated inputs without throwing`, async () => {
  await fc.assert(
    fc.asyncProperty(pieces(BOUNCE_PARTS, 60), async (text) => {
      const b = await parseBounce(text);
      expect(b.isBounce).toBe(b.kind === 'bounce');
      if (!b.isBounce) expect(b.recipients).toEqual([]);
    }),
    { numRuns: RUNS },
  );
}, 600_000);

test(`the SPF record parser takes ${RUNS} generated records without throwing`, () => {
  fc.assert(
    fc.property(pieces(SPF_PARTS, 40), (record) => {
      const parsed = parseRecord(record);
      expect(Array.isArray(parsed.terms)).toBe(true);
      // Every error names a position inside the record.
      for (const e of parsed.errors) expect(e.position).toBeLessThanOrEqual(record.length);
    }),
    { numRuns: RUNS },
  );
}, 600_000);
