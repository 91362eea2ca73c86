/**
 * Accuracy over the 377 real bounces of the sisimai corpus in ../shared/bounces
 * (sisimai/set-of-emails, BSD-2-Clause, Copyright (C) 2014 azumakuniyuki; see ../shared/bounces/LICENSE).
 * Skipped, and says so, when ../shared is not beside the project.
 */
import { readFileSync } from 'node:fs';
import { parseBounce } from '../../bot/ndr';
import { describeWithShared, sharedPath } from '../helpers/shared';
import { emptyScore, isNonBounceFile, loadExpected, percent, scoreFile, type Score } from './corpus';

describeWithShared(['bounces', 'expected.json'], 'sisimai bounce corpus', () => {
  let score: Score;

  beforeAll(async () => {
    const expected = loadExpected(sharedPath('bounces'));
    score = emptyScore();
    for (const [file, exp] of Object.entries(expected)) {
      const bytes = new Uint8Array(readFileSync(sharedPath('bounces', file)));
      scoreFile(score, file, exp, await parseBounce(bytes, { filename: file }));
    }
    const lines = [
      `status ${score.statusHits}/${score.statusRows} (${percent(score.statusHits, score.statusRows).toFixed(1)}%), ` +
        `recipient ${score.recipientHits}/${score.recipientRows} (${percent(score.recipientHits, score.recipientRows).toFixed(1)}%), ` +
        `non-bounce ${score.nonBounceHits}/${score.nonBounceFiles}`,
      ...score.misses.map((m) => `  miss ${m.what}: ${m.file} expected ${m.expected}, got ${m.got}`),
    ];
    // The misses are part of the result: print them so a regression shows what changed.
    console.log(lines.join('\n'));
  });

  it('reads the enhanced status code right on at least 98% of rows that show it', () => {
    expect(score.statusRows).toBeGreaterThan(250);
    expect(percent(score.statusHits, score.statusRows)).toBeGreaterThanOrEqual(98);
  });

  it('finds the failed recipient on at least 95% of rows that show it', () => {
    expect(score.recipientRows).toBeGreaterThan(300);
    expect(percent(score.recipientHits, score.recipientRows)).toBeGreaterThanOrEqual(95);
  });

  it('says feedback reports (arf-*) and auto-replies (rfc3834-*) are not bounces', () => {
    const files = Object.keys(loadExpected(sharedPath('bounces'))).filter(isNonBounceFile);
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(score.nonBounceFiles).toBe(files.length);
    expect(score.misses.filter((m) => m.what === 'non-bounce')).toEqual([]);
  });

  it('tells which kind the non-bounces are', async () => {
    const arf = await parseBounce(new Uint8Array(readFileSync(sharedPath('bounces', 'eml', 'arf-01.eml'))));
    expect(arf.kind).toBe('feedback-report');
    const vacation = await parseBounce(new Uint8Array(readFileSync(sharedPath('bounces', 'eml', 'rfc3834-01.eml'))));
    expect(vacation.kind).toBe('auto-reply');
  });

  // A person's inline forward with every line quoted ("> "), and a carrier's wrapper that copies the mail
  // daemon's header above the report: the sender is the returned message's, never the daemon's.
  it.each([
    ['lhost-sendmail-14.eml', 'shironeko@example.jp'],
    ['lhost-postfix-49.eml', 'kijitora-neko@example.com'],
  ])("names the sender of %s as the returned message's", async (file, sender) => {
    const bounce = await parseBounce(new Uint8Array(readFileSync(sharedPath('bounces', 'eml', file))));
    expect(bounce.sender).toBe(sender);
    const expected = loadExpected(sharedPath('bounces'))[`eml/${file}`]?.expected[0];
    expect(bounce.senderDomain).toBe(expected?.sender_domain ?? sender.split('@')[1]);
  });
});
