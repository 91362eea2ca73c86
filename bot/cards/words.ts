/**
 * A translator bound to one locale and one output: `markdown` for Adaptive Card TextBlocks (interpolated
 * values escaped), `plain` for TextRuns, fallback text, the command line and e-mail (values verbatim,
 * since nothing there renders markdown).
 */
import type { TFunction } from 'i18next';
import { translator } from './i18n';
import type { Locale } from './locale';
import { escapeMarkdown } from './markdown';

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

/** Templates kept per locale and output; cleared when full (a few hundred keys times the plural counts seen). */
const MAX_TEMPLATES = 4000;

function makeWords(locale: Locale, output: Output): Words {
  const t: TFunction = translator(locale);
  // i18next resolving a key (fallbacks, plurals, interpolation, escaping) costs tens of microseconds, and a
  // result card and its fallback text ask for a few hundred strings. So each key is translated once per
  // parameter shape, with string values as placeholder tokens (numbers stay real: plurals need them), and
  // the values are put in afterwards: escaped for markdown exactly as i18next's own escape would, or
  // verbatim for plain text, whose template also loses the markdown emphasis of our own wording (so a
  // value's own asterisks survive).
  const templates = new Map<string, string>();
  const translate = (key: string, params: Params, plainText: boolean): string => {
    const values: string[] = [];
    const tokens: Params = {};
    let shape = `${plainText ? 'p' : 'm'}\u0001${key}`;
    for (const [k, v] of Object.entries(params)) {
      if (typeof v === 'number') {
        tokens[k] = v;
        shape += `\u0001${k}=${v}`;
        continue;
      }
      tokens[k] = `\u0000${values.length}\u0000`;
      values.push(v === undefined || v === null ? '' : String(v));
      shape += `\u0001${k}`;
    }
    let template = templates.get(shape);
    if (template === undefined) {
      template = t(key, { ...tokens, interpolation: { escapeValue: false } } as never) as unknown as string;
      if (plainText) template = template.replace(/\*\*/g, '');
      if (templates.size >= MAX_TEMPLATES) templates.clear();
      templates.set(shape, template);
    }
    if (!values.length) return template;
    return template.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => {
      const value = values[Number(i)] ?? '';
      return plainText ? value : escapeMarkdown(value);
    });
  };
  const plain = (key: string, params: Params = {}): string => translate(key, params, true);
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const listFmt = new Intl.ListFormat(locale, { style: 'short', type: 'conjunction' });
  return {
    locale,
    output,
    t: output === 'plain' ? plain : (key, params = {}) => translate(key, params, false),
    plain,
    dateTime(iso) {
      if (!iso) return undefined;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : `${dateFmt.format(d)} UTC`;
    },
    list: (items) => listFmt.format(items),
  };
}
