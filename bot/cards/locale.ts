/** Which of our languages to answer in, from whatever tag a client or an NDR gives. Pure, no i18next. */

export const SUPPORTED_LOCALES = ['en', 'ja', 'zh-CN', 'zh-TW', 'sv', 'fr', 'ko'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Native names, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  ja: '日本語',
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
  sv: 'Svenska',
  fr: 'Français',
  ko: '한국어',
};

/**
 * Maps a BCP 47 tag (`ja-JP`, `zh-Hant-HK`, `fr-CA`, `sv_SE`, `KO`) to one of ours, or undefined.
 * Chinese goes by script: Traditional (`zh-Hant*`) and the regions that write it (Taiwan, Hong Kong,
 * Macao) to zh-TW; Simplified (`zh-Hans*`), mainland China, Singapore, Malaysia and a bare `zh` to zh-CN.
 * An explicit script wins over the region (`zh-Hans-HK` is Simplified).
 */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const parts = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const lang = parts[0];
  switch (lang) {
    case 'en':
    case 'ja':
    case 'sv':
    case 'fr':
    case 'ko':
      return lang;
    case 'zh':
      return chineseLocale(parts.slice(1));
    default:
      return undefined;
  }
}

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/** The subtags after `zh`: a script subtag decides; else a Traditional-writing region; else Simplified. */
function chineseLocale(subtags: string[]): Locale {
  if (subtags.includes('hant')) return 'zh-TW';
  if (subtags.includes('hans')) return 'zh-CN';
  return subtags.some((t) => TRADITIONAL_REGIONS.has(t)) ? 'zh-TW' : 'zh-CN';
}

/** First tag that matches one of ours wins; English when none does. */
export function resolveLocale(...candidates: (string | undefined | null)[]): Locale {
  for (const c of candidates) {
    const m = matchLocale(c);
    if (m) return m;
  }
  return 'en';
}
