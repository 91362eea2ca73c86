/**
 * A code no playbook reads still says what it means: the generic card names the code's standard meaning
 * (RFC 3463 and the registry of enhanced status codes) beside its class, in the person's language.
 */
import { diagnosisCard, diagnosisText } from '../../bot/cards';
import { diagnose } from '../../bot/diagnosis';
import { parseBounce } from '../../bot/ndr';
import { cardTexts } from '../helpers/http-harness';

async function generic(reply: string) {
  const d = await diagnose(await parseBounce(reply), { checks: undefined as never });
  expect(d.playbook).toBe('generic');
  return d;
}

describe('the standard meaning of a code no playbook reads', () => {
  it('is named on the generic card, in the text and on the Adaptive Card', async () => {
    const d = await generic('550 5.6.3 Conversion failed');
    expect(diagnosisText(d, 'en', {}, 'cli')).toContain('In the standard list of codes, 5.6.3 means: conversion was needed but is not supported (not every server uses it that way).');
    expect(cardTexts(diagnosisCard(d, 'en')).join('\n')).toContain('conversion was needed but is not supported');
    expect(diagnosisText(d, 'ja', {}, 'cli')).toContain('標準のコード一覧では、5.6.3 は「変換が必要だがサポートされていない」を意味します');
    // (Zoho's "554 5.7.7 Email policy violation detected" is its policy's refusal, read by the policy playbook.)
    const integrity = await generic('554 5.7.7 Message integrity failure');
    expect(diagnosisText(integrity, 'sv', {}, 'cli')).toContain('I standardlistan över koder betyder 5.7.7: en integritetskontroll av meddelandet misslyckades');
  });

  it('is not invented for a code the registry gives no meaning of its own', async () => {
    const d = await generic('550 5.7.99 Error');
    expect(diagnosisText(d, 'en', {}, 'cli')).not.toContain('standard list of codes');
  });
});
