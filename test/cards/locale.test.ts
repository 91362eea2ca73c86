import { matchLocale, resolveLocale } from '../../bot/cards/locale';

describe('choosing the answer language', () => {
  it.each([
    ['en-US', 'en'],
    ['ja-JP', 'ja'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['sv-SE', 'sv'],
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['ko-KR', 'ko'],
    ['KO', 'ko'],
    ['sv_FI', 'sv'],
  ])('%s is answered in %s', (tag, expected) => {
    expect(matchLocale(tag)).toBe(expected);
  });

  it('answers in English when the client language is one we do not write', () => {
    expect(resolveLocale('de-DE')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
    expect(resolveLocale('')).toBe('en');
  });

  it('takes the first language it can write, in order of preference', () => {
    expect(resolveLocale('de-DE', 'ja')).toBe('ja');
    expect(resolveLocale('ko-KR', 'ja')).toBe('ko');
  });
});
