/** Which of our languages to answer in, from whatever tag a client or an NDR gives. Pure, no i18next. */

export const SUPPORTED_LOCALES = ['en', 'ja', 'zh-TW', 'sv', 'fr', 'ko'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Native names, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  ja: '日本語',
  'zh-TW': '繁體中文',
  sv: 'Svenska',
  fr: 'Français',
  ko: '한국어',
};

/**
 * Maps a BCP 47 tag (`ja-JP`, `zh-Hant-HK`, `fr-CA`, `sv_SE`, `KO`) to one of ours, or undefined.
 * Any Chinese variant goes to Traditional Chinese: it is the only Chinese we write, and a reader of
 * Simplified Chinese reads it far better than English.
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
      return 'zh-TW';
    default:
      return undefined;
  }
}

/** First tag that matches one of ours wins; English when none does. */
export function resolveLocale(...candidates: (string | undefined | null)[]): Locale {
  for (const c of candidates) {
    const m = matchLocale(c);
    if (m) return m;
  }
  return 'en';
}
