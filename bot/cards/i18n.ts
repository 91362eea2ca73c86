/**
 * i18next set up once for every locale from `locales/<lng>/<namespace>.json`.
 * Interpolated values are escaped for Adaptive Card markdown by i18next itself, so user or bounce text
 * passed as a parameter can never become a link, emphasis or a list.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { SUPPORTED_LOCALES, type Locale } from './locale';
import { escapeMarkdown } from './markdown';
import { projectDir } from '../paths';

export const LOCALES_DIR = projectDir('locales', 'en', __dirname);

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function loadResources(): { resources: Resources; namespaces: string[] } {
  const resources: Resources = {};
  const namespaces = new Set<string>();
  for (const lng of SUPPORTED_LOCALES) {
    const dir = path.join(LOCALES_DIR, lng);
    resources[lng] = {};
    if (!existsSync(dir)) continue; // falls back to English; the locale parity test fails loudly instead
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const ns = file.slice(0, -'.json'.length);
      namespaces.add(ns);
      resources[lng][ns] = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    }
  }
  return { resources, namespaces: [...namespaces] };
}

/** Keys asked for that no locale had: tests assert this stays empty. */
export const missingKeys = new Set<string>();

let instance: i18n | undefined;

export function getI18n(): i18n {
  if (instance) return instance;
  const { resources, namespaces } = loadResources();
  const inst = i18next.createInstance();
  void inst.init({
    initAsync: false,
    resources,
    ns: namespaces,
    defaultNS: 'common',
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LOCALES],
    load: 'currentOnly',
    returnNull: false,
    saveMissing: true,
    missingKeyHandler: (lngs, ns, key) => {
      missingKeys.add(`${lngs.join(',')}:${ns}:${key}`);
    },
    interpolation: { escapeValue: true, escape: escapeMarkdown },
    showSupportNotice: false, // no advertisement on stdout: the CLI's output is the diagnosis
  } as Parameters<i18n['init']>[0]);
  instance = inst;
  return inst;
}

export function translator(locale: Locale): TFunction {
  return getI18n().getFixedT(locale);
}
