/**
 * A translator bound to one locale and one output: `markdown` for Adaptive Card TextBlocks (interpolated
 * values escaped), `plain` for TextRuns, fallback text, the command line and e-mail (values verbatim,
 * since nothing there renders markdown), or `both`: each sentence as a `Twin` of the two, for a card and
 * its fallback text made in one walk (each sentence chosen and translated once, then filled for each).
 */
import type { TFunction } from 'i18next';
import { getI18n, translator } from './i18n';
import type { Locale } from './locale';
import { escapeMarkdown } from './markdown';

export type Output = 'markdown' | 'plain' | 'both';

export type Params = Record<string, unknown>;

/** One sentence for the card (markdown) and for its plain-text twin. As a parameter, each output takes its own. */
export class Twin {
  constructor(
    readonly md: string,
    readonly plain: string,
  ) {}
}

/** `T` is what a sentence is in this output: a string, or a `Twin` for `both`. */
export interface Words<T = string> {
  locale: Locale;
  output: Output;
  t(key: string, params?: Params): T;
  /** Always plain, whatever the output: for text that goes into TextRuns or URLs. */
  plain(key: string, params?: Params): string;
  /** Whether the locale (or English, its fallback) has this key: for wordings that exist only for some cases. */
  has(key: string): boolean;
  /** A date as the locale writes it, in UTC (bounces and DNS checks are stamped in UTC). */
  dateTime(iso: string | undefined): string | undefined;
  list(items: string[]): string;
  /** Sentences joined as the language does: a space in most, nothing after 。 in Japanese and Chinese. */
  sentences(parts: T[]): T;
  /** No text. */
  empty: T;
  /** A value from the bounce or DNS shown as one: set off on a card (the `value` wording), verbatim in plain text. */
  value(raw: string): T;
  /** `outer`'s `\u0000` replaced by `inner` as it is (a `$&` in an address is text, not a replacement pattern): our own words put into a sentence after its values were escaped. */
  insert(outer: T, inner: T): T;
  /** Constant text and sentences, end to end. */
  concat(...parts: (T | string)[]): T;
}

/** Built once per locale and output: the translator and Intl formatters are costly to make on every card. */
const made = new Map<string, Words<string> | Words<Twin>>();

export function words(locale: Locale, output?: 'markdown' | 'plain'): Words;
export function words(locale: Locale, output: 'both'): Words<Twin>;
export function words(locale: Locale, output: Output = 'markdown'): Words<string> | Words<Twin> {
  const key = `${locale}|${output}`;
  let w = made.get(key);
  if (!w) {
    w = makeWords(locale, output);
    made.set(key, w);
  }
  return w;
}

/** Translations kept per locale; all forgotten when this many are kept (a few hundred keys times the plural counts seen). */
const MAX_TEMPLATES = 4000;
/** Parameter shapes kept per key: the newest are kept. */
const MAX_SHAPES_PER_KEY = 16;
/** Answers to `has` and formatted dates kept per locale and output; cleared when full. */
const MAX_REMEMBERED = 2000;

/** A translation with its string values left out: text, then the name of the value that goes next, and so on. */
type Template = readonly string[];

/**
 * A key's translation for one parameter shape: the parameters' names in order, with the values of the
 * numeric ones (plurals depend on them; a string's value never changes the translation), and the
 * translation as markdown and as plain text (the same places for values in both).
 */
interface Shaped {
  names: string[];
  numbers: (number | undefined)[];
  markdown: Template;
  plain: Template;
}

// `hasOwnProperty` in a for-in over an object's keys is what V8 optimizes best (its enum cache).
const { hasOwnProperty } = Object.prototype;

/** Whether `params` has this shape: the same own keys in the same order, and the same numbers. */
function hasShape(params: Params, s: Shaped): boolean {
  let i = 0;
  for (const k in params) {
    if (!hasOwnProperty.call(params, k)) continue;
    if (s.names[i] !== k) return false;
    const v = params[k];
    const n = s.numbers[i];
    if (typeof v === 'number' ? n === undefined || !Object.is(n, v) : n !== undefined) return false;
    i++;
  }
  return i === s.names.length;
}

/** A UTC time as `toISOString` writes it. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;

/** No parameters: a translation that is the same text on every card. */
const NO_PARAMS: Params = Object.freeze({});

/** Marks where a string value goes in a translation made with placeholders. */
const SLOT = /\u0000(\d+)\u0000/;

const EMPTY_TWIN = new Twin('', '');

function makeWords(locale: Locale, output: Output): Words<string> | Words<Twin> {
  const t: TFunction = translator(locale);
  // i18next resolving a key (fallbacks, plurals, interpolation, escaping) costs tens of microseconds, and a
  // result card and its fallback text ask for a few hundred strings. So each key is translated once per
  // parameter shape, with string values as placeholders (numbers stay real: plurals need them), and
  // the values are put in afterwards: escaped for markdown exactly as i18next's own escape would, or
  // verbatim for plain text, whose template also loses the markdown emphasis of our own wording (so a
  // value's own asterisks survive). A translation is kept split at its placeholders, so putting the values
  // in is a join.
  const shapes = new Map<string, Shaped[]>();
  const elides = locale === 'fr';
  let kept = 0;
  const compile = (key: string, params: Params): Shaped => {
    const tokens: Params = {};
    const names: string[] = [];
    const numbers: (number | undefined)[] = [];
    const strings: string[] = [];
    for (const [k, v] of Object.entries(params)) {
      names.push(k);
      numbers.push(typeof v === 'number' ? v : undefined);
      tokens[k] = typeof v === 'number' ? v : `\u0000${strings.length}\u0000`;
      if (typeof v !== 'number') strings.push(k);
    }
    const text = t(key, { ...tokens, interpolation: { escapeValue: false } } as never) as unknown as string;
    // Split at each placeholder: even places are text, odd places the name of the value that goes there.
    const split = (s: string): Template => s.split(SLOT).map((part, i) => (i % 2 ? (strings[Number(part)] ?? '') : part));
    return { names, numbers, markdown: split(text), plain: split(text.replace(/\*\*/g, '')) };
  };
  const shapeOf = (key: string, params: Params): Shaped => {
    let known = shapes.get(key);
    if (known) {
      for (let i = 0; i < known.length; i++) if (hasShape(params, known[i]!)) return known[i]!;
    }
    const shaped = compile(key, params);
    if (kept >= MAX_TEMPLATES) {
      shapes.clear();
      kept = 0;
      known = undefined;
    }
    if (!known) shapes.set(key, (known = []));
    if (known.length >= MAX_SHAPES_PER_KEY) known.shift();
    else kept++;
    known.push(shaped);
    return shaped;
  };
  const fill = (template: Template, params: Params, plainText: boolean): string => {
    let out = template[0]!;
    for (let i = 1; i < template.length; i += 2) {
      const name = template[i]!;
      const v = params[name];
      const value = v instanceof Twin ? (plainText ? v.plain : v.md) : v === undefined || v === null ? '' : String(v);
      if (elides && elidesBefore(value, name)) out = elide(out);
      out += (plainText ? value : escapeMarkdown(value)) + template[i + 1]!;
    }
    return out;
  };
  const twin = (key: string, params: Params): Twin => {
    const shaped = shapeOf(key, params);
    return new Twin(fill(shaped.markdown, params, false), fill(shaped.plain, params, true));
  };
  // A key asked for with no parameters is the same text every time: kept as that text, in both outputs.
  const whole = new Map<string, Twin>();
  const constant = (key: string): Twin => {
    let text = whole.get(key);
    if (text === undefined) {
      text = twin(key, NO_PARAMS);
      if (whole.size >= MAX_TEMPLATES) whole.clear();
      whole.set(key, text);
    }
    return text;
  };
  const markdown = (key: string, params: Params = NO_PARAMS): string => (params === NO_PARAMS ? constant(key).md : fill(shapeOf(key, params).markdown, params, false));
  const plain = (key: string, params: Params = NO_PARAMS): string => (params === NO_PARAMS ? constant(key).plain : fill(shapeOf(key, params).plain, params, true));
  const listFmt = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const joiner = NO_SPACE_AFTER_FULL_STOP.has(locale) ? '' : ' ';
  const i18n = getI18n();
  const known = new Map<string, boolean>();
  const has = (key: string): boolean => {
    let yes = known.get(key);
    if (yes === undefined) {
      yes = i18n.exists(key, { lng: locale });
      if (known.size >= MAX_REMEMBERED) known.clear();
      known.set(key, yes);
    }
    return yes;
  };
  const list = (items: string[]): string => (CHINESE.has(locale) ? chineseList(items) : listFmt.format(items));
  const format = dateFormatter(locale);
  const dates = new Map<string, string | undefined>();
  const dateTime = (iso: string | undefined): string | undefined => {
    if (!iso) return undefined;
    // Shown to the minute: an ISO time is known by its minute (checks are stamped to the millisecond).
    const key = ISO_TIME.test(iso) ? iso.slice(0, 16) : iso;
    if (dates.has(key)) return dates.get(key);
    const text = format(iso);
    if (dates.size >= MAX_REMEMBERED) dates.clear();
    dates.set(key, text);
    return text;
  };
  const sentences = (parts: string[]): string => parts.filter(Boolean).join(joiner);
  const common = { locale, output, plain, has, dateTime, list };
  if (output === 'both') {
    const both: Words<Twin> = {
      ...common,
      t: (key, params = NO_PARAMS) => (params === NO_PARAMS ? constant(key) : twin(key, params)),
      sentences: (parts) => new Twin(sentences(parts.map((p) => p.md)), sentences(parts.map((p) => p.plain))),
      empty: EMPTY_TWIN,
      value: (raw) => new Twin(markdown('value', { value: raw }), raw),
      insert: (outer, inner) => new Twin(outer.md.replace('\u0000', () => inner.md), outer.plain.replace('\u0000', () => inner.plain)),
      concat: (...parts) => new Twin(parts.map((p) => (p instanceof Twin ? p.md : p)).join(''), parts.map((p) => (p instanceof Twin ? p.plain : p)).join('')),
    };
    return both;
  }
  const isPlain = output === 'plain';
  const one: Words<string> = {
    ...common,
    t: isPlain ? plain : markdown,
    sentences,
    empty: '',
    value: isPlain ? (raw) => raw : (raw) => markdown('value', { value: raw }),
    insert: (outer, inner) => outer.replace('\u0000', () => inner),
    concat: (...parts) => parts.join(''),
  };
  return one;
}

/**
 * French elision where our words meet a value: "de", "que" (and "lorsque", "puisque", "jusque") lose their
 * e before a vowel sound, so "Question de {{name}}" gives "Question d’Agent One" and "l’enregistrement SPF
 * de {{domain}}" gives "… d’example.com". A value is a name, a domain, an address, a time or a number:
 * it elides when it starts with a vowel (y only before a consonant: Yves but Yann), and a person's name
 * (`name`) also before h, which in first names is mute (d’Hélène, d’Hugo). Digits never elide.
 */
const ELIDING_WORD = /(?:^|[^\p{L}])(?:[dD]e|[qQ]ue|lorsque|puisque|jusque) $/u;

function elidesBefore(value: string, name: string): boolean {
  const first = value.normalize('NFD').charAt(0).toLowerCase();
  if (!first) return false;
  if ('aeiou'.includes(first)) return true;
  if (first === 'y') return !/^[aeiouy]/i.test(value.normalize('NFD').charAt(1));
  return first === 'h' && name === 'name';
}

function elide(text: string): string {
  return ELIDING_WORD.test(text) ? `${text.slice(0, -2)}’` : text;
}

/** A–B–C as Chinese (Taiwan and the mainland alike) writes a list: 、 between items, 和 before the last, spaced from Latin words. */
function chineseList(items: string[]): string {
  if (items.length < 2) return items.join('');
  const spaced = (s: string): boolean => /[A-Za-z0-9.]$/.test(s);
  const last = items[items.length - 1]!;
  const head = items.slice(0, -1).join('、');
  return `${head}${spaced(head) ? ' ' : ''}和${/^[A-Za-z0-9]/.test(last) ? ' ' : ''}${last}`;
}

/** Scripts that end a sentence with 。 and put no space before the next one. */
const NO_SPACE_AFTER_FULL_STOP = new Set<Locale>(['ja', 'zh-CN', 'zh-TW']);

const CHINESE = new Set<Locale>(['zh-CN', 'zh-TW']);

/**
 * Intl's medium date and short time, in UTC, with what ICU gets wrong for our languages put right:
 * Korean writes 오전/오후 (Node's ICU gives AM/PM) and its long date, French writes the first of the month "1er".
 */
export function dateFormatter(locale: Locale): (iso: string | undefined) => string | undefined {
  // Korean's medium date ("2025. 3. 14.") opens a sentence like a numbered list item, which markdown would
  // render as one or the card would have to escape; the long date ("2025년 3월 14일") reads as naturally.
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: locale === 'ko' ? 'long' : 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return (iso) => {
    if (!iso) return undefined;
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const parts = fmt.formatToParts(d).map((p) => {
      if (locale === 'ko' && p.type === 'dayPeriod') return p.value.toUpperCase() === 'AM' ? '오전' : p.value.toUpperCase() === 'PM' ? '오후' : p.value;
      if (locale === 'fr' && p.type === 'day' && p.value === '1') return '1er';
      return p.value;
    });
    return `${parts.join('')} UTC`;
  };
}
