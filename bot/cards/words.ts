/**
 * A translator bound to one locale and one output: `markdown` for Adaptive Card TextBlocks (interpolated
 * values escaped), `plain` for TextRuns, fallback text, the command line and e-mail (values verbatim,
 * since nothing there renders markdown).
 */
import type { TFunction } from 'i18next';
import { translator } from './i18n';
import type { Locale } from './locale';

export type Output = 'markdown' | 'plain';

export type Params = Record<string, unknown>;

export interface Words {
  locale: Locale;
  output: Output;
  t(key: string, params?: Params): string;
  /** Always plain, whatever the output: for text that goes into TextRuns or URLs. */
  plain(key: string, params?: Params): string;
  /** A date as the locale writes it, in UTC (bounces and DNS checks are stamped in UTC). */
  dateTime(iso: string | undefined): string | undefined;
  list(items: string[]): string;
}

/** Built once per locale and output: the translator and Intl formatters are costly to make on every card. */
const made = new Map<string, Words>();

export function words(locale: Locale, output: Output = 'markdown'): Words {
  const key = `${locale}|${output}`;
  let w = made.get(key);
  if (!w) {
    w = makeWords(locale, output);
    made.set(key, w);
  }
  return w;
}

function makeWords(locale: Locale, output: Output): Words {
  const t: TFunction = translator(locale);
  // Plain text: translate with placeholder tokens, drop the markdown emphasis of our own wording, then put
  // the values back verbatim (so a value's own asterisks survive).
  const plain = (key: string, params: Params = {}): string => {
    const values: string[] = [];
    const tokens: Params = {};
    for (const [k, v] of Object.entries(params)) {
      if (k === 'count' || typeof v === 'number') {
        tokens[k] = v;
        continue;
      }
      tokens[k] = `\u0000${values.length}\u0000`;
      values.push(String(v));
    }
    const text = t(key, { ...tokens, interpolation: { escapeValue: false } } as never) as unknown as string;
    return text.replace(/\*\*/g, '').replace(/\u0000(\d+)\u0000/g, (_m, i: string) => values[Number(i)] ?? '');
  };
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const listFmt = new Intl.ListFormat(locale, { style: 'short', type: 'conjunction' });
  return {
    locale,
    output,
    t: output === 'plain' ? plain : (key, params = {}) => t(key, params as never) as unknown as string,
    plain,
    dateTime(iso) {
      if (!iso) return undefined;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : `${dateFmt.format(d)} UTC`;
    },
    list: (items) => listFmt.format(items),
  };
}
