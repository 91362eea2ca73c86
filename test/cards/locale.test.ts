import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOCALES_DIR } from '../../bot/cards/i18n';
import { words } from '../../bot/cards/words';
import type { Locale } from '../../bot/cards/locale';
import { matchLocale, resolveLocale } from '../../bot/cards/locale';

describe('choosing the answer language', () => {
  it.each([
    ['en-US', 'en'],
    ['ja-JP', 'ja'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-Hant-CN', 'zh-TW'],
    ['zh_TW', 'zh-TW'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-SG', 'zh-CN'],
    ['zh-MY', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['ZH', 'zh-CN'],
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

  it('answers a Simplified Chinese client in Simplified Chinese, not in Traditional', () => {
    expect(resolveLocale('zh-CN')).toBe('zh-CN');
    expect(resolveLocale(undefined, 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale('zh-TW', 'zh-CN')).toBe('zh-TW');
  });

  it('takes the first language it can write, in order of preference', () => {
    expect(resolveLocale('de-DE', 'ja')).toBe('ja');
    expect(resolveLocale('ko-KR', 'ja')).toBe('ko');
  });
});

describe('dates, times and sentences as each language writes them', () => {
  const morning = '2026-12-01T09:12:00Z';
  const evening = '2026-12-01T21:05:00Z';

  it('writes Korean times with 오전/오후, not AM/PM', () => {
    const w = words('ko', 'plain');
    expect(w.dateTime(morning)).toMatch(/오전 9:12/);
    expect(w.dateTime(evening)).toMatch(/오후 9:05/);
    expect(`${w.dateTime(morning)} ${w.dateTime(evening)}`).not.toMatch(/AM|PM/);
  });

  it('writes the first of the month as "1er" in French, other days as numbers', () => {
    expect(words('fr', 'plain').dateTime(morning)).toMatch(/^1er déc\. 2026/);
    expect(words('fr', 'plain').dateTime('2026-12-02T09:12:00Z')).toMatch(/^2 déc\. 2026/);
  });

  it('joins sentences without a space after 。 in Japanese and Chinese, with one elsewhere', () => {
    expect(words('ja').sentences(['一文目です。', '二文目です。'])).toBe('一文目です。二文目です。');
    expect(words('zh-TW').sentences(['第一句。', '第二句。'])).toBe('第一句。第二句。');
    expect(words('zh-CN').sentences(['第一句。', '第二句。'])).toBe('第一句。第二句。');
    expect(words('ko').sentences(['첫 문장입니다.', '둘째 문장입니다.'])).toBe('첫 문장입니다. 둘째 문장입니다.');
    expect(words('en').sentences(['One.', '', 'Two.'])).toBe('One. Two.');
  });

  it('says "uses none" rather than "needs 0" for a record without lookups', () => {
    expect(words('en', 'plain').t('findings:spf.lookups.ok', { count: 0 })).toBe('The record uses none of the 10 DNS lookups SPF allows.');
    expect(words('fr', 'plain').t('findings:spf.lookups.ok', { count: 0 })).toMatch(/n’utilise aucune/);
  });
});

describe('French elision before a value', () => {
  it('writes d’ and qu’ before a domain or a service starting with a vowel, and de before a consonant or a digit', () => {
    const w = words('fr');
    expect(w.t('spf:verdict.healthy', { domain: 'example.com' })).toBe('L’enregistrement SPF d’example.com est en ordre.');
    expect(w.t('spf:verdict.healthy', { domain: 'contoso.com' })).toBe('L’enregistrement SPF de contoso.com est en ordre.');
    expect(w.t('spf:verdict.healthy', { domain: 'hotmail.com' })).toBe('L’enregistrement SPF de hotmail.com est en ordre.');
    expect(w.plain('escalation:support.question', { name: 'Yves' })).toBe('Question d’Yves');
    expect(w.plain('escalation:support.question', { name: 'Yann' })).toBe('Question de Yann');
    expect(words('en').plain('escalation:support.question', { name: 'Ada' })).toBe('Ada asked');
  });
});

describe('punctuation as each language writes it, in every string', () => {
  type Flat = [string, string][];
  const flatten = (o: unknown, prefix = '', out: Flat = []): Flat => {
    if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    else out.push([prefix, String(o)]);
    return out;
  };
  /** Every string of a locale as `file:key → text`, with record syntax in backticks left out. */
  const strings = (lng: string): Flat =>
    readdirSync(path.join(LOCALES_DIR, lng)).flatMap((f) =>
      flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, lng, f), 'utf8'))).map(([k, v]): [string, string] => [`${f}:${k}`, v.replace(/`[^`]*`/g, '')]),
    );
  const offending = (lng: string, re: RegExp): string[] => strings(lng).filter(([, v]) => re.test(v)).map(([k, v]) => `${k} → ${v.match(re)![0]}`);

  it('French: a no-break space before : ; ? ! and inside « » (never a plain one), and the typographic apostrophe', () => {
    // ?all is record syntax and keeps its plain space.
    expect(offending('fr', / [:;!»]| \?(?!all)|« /)).toEqual([]);
    expect(offending('fr', /[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ{]/)).toEqual([]);
    // What the person reads under a 5.1.10 card.
    expect(words('fr', 'plain').t('codes:owner.varies')).toMatch(/^Qui doit agir\u00a0: /);
  });

  it.each(['en', 'ja', 'zh-CN', 'zh-TW', 'sv', 'fr', 'ko'])('%s: braces only as whole {{placeholders}}, none left over from writing the string', (lng) => {
    // A stray `{NB}` (an unformatted template, meant as a no-break space) once reached six French strings.
    expect(offending(lng, /(?<!\{)\{(?!\{)[^{}]*\}(?!\})|\{\{[^{}]*\}(?!\})|(?<!\{)\{[^{}]*\}\}/)).toEqual([]);
  });

  it('Japanese: full-width ？ and ！ after Japanese text', () => {
    expect(offending('ja', /[\u3040-\u30ff\u4e00-\u9fff][?!]/)).toEqual([]);
    expect(words('ja', 'plain').t('common:askDomain.title')).toMatch(/？$/);
  });

  it('Simplified Chinese: full-width punctuation next to Chinese, “ ” for quotes, mainland words and no Traditional characters', () => {
    expect(offending('zh-CN', /[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]/)).toEqual([]);
    expect(offending('zh-CN', /[「」]/)).toEqual([]);
    // Taiwan's words (server, domain, message, settings, file, default, network, policy, tenant, portal, block, pool…)
    // and characters only Traditional Chinese writes: a reader in mainland China notices both at once.
    // (The language names in language.unknown stay as each language writes its own: 繁體中文.)
    const taiwanese = /伺服|网域|讯息|设定|档案|预设|网路|资讯|原则|租用户|入口网站|封锁|系统管理员|集区|[們這來為與於會說時個過還發開關對資訊網郵傳遞錄記設檔預體從後無請輸驗證簽鑰]/;
    expect(offending('zh-CN', taiwanese).filter((hit) => !hit.startsWith('common.json:language.unknown'))).toEqual([]);
    expect(words('zh-CN', 'plain').t('common:language.set')).toBe('从现在起，我会用简体中文回答。');
  });

  it('Korean: no particle that depends on the value right after a value, no space before a parenthesis, ‘ ’ around quoted words', () => {
    expect(offending('ko', /\}\}(이|가|을|를|은|는|와|과|으로|로)(?![가-힣])/)).toEqual([]);
    expect(offending('ko', /[가-힣] \(/)).toEqual([]);
    expect(offending('ko', /[“”"]/)).toEqual([]);
    expect(words('ko', 'plain').t('authentication:spfPassesNow', { domain: 'contoso.com', ip: '203.0.113.5' })).toContain('발신 IP(203.0.113.5)를');
  });
});

describe('a button named inside a sentence', () => {
  // The sentences that tell the person to press a button of the card.
  const SENTENCES: [string, string][] = [
    ['common:retry.button', 'common:actions.checkAgain'],
    ['spf:checkedCached', 'common:actions.checkAgain'],
    ['escalation:requester.lateAnswer', 'common:actions.escalate'],
    ['escalation:banner.failed', 'common:actions.escalate'],
  ];
  const MARKS: Record<string, [string, string]> = { ja: ['[', ']'], 'zh-CN': ['“', '”'], 'zh-TW': ['[', ']'], ko: ['[', ']'], sv: ['”', '”'], fr: ['«\u00a0', '\u00a0»'] };

  it.each(Object.keys(MARKS).map((l) => [l]))('%s marks it as a label, so it does not read as ordinary words', (lng) => {
    const w = words(lng as Locale, 'plain');
    const [open, close] = MARKS[lng]!;
    for (const [sentence, button] of SENTENCES) {
      const text = w.t(sentence, { time: 'T', fetched: 'F', servers: 'S', name: 'Ada', id: 'BD-1' });
      expect(`${sentence}: ${text}`).toContain(`${open}${w.t(button)}${close}`);
    }
  });
});
