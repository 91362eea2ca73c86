/**
 * The app's own words in Teams (name, description, command menu, "Diagnose bounce") in the seven languages
 * the bot speaks: every string in every file, translated, and every localized command one the bot
 * actually understands when a person picks it from the menu.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { helpCard } from '../../bot/cards';
import { matchLocale, SUPPORTED_LOCALES, type Locale } from '../../bot/cards/locale';
import { cardTexts } from '../helpers/http-harness';
import { parseCommand } from '../../bot/teams/commands';
import { APP_PACKAGE_DIR, localizationFiles, localizationSchemaErrors, type Manifest } from '../../scripts/package';

type Strings = Record<string, string>;

const manifest = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as Manifest;
const files = localizationFiles(manifest);
const strings = new Map<string, Strings>(files.map(({ languageTag, file }) => [languageTag, JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, file), 'utf8')) as Strings]));
const english = strings.get('en')!;
const others = files.map((f) => f.languageTag).filter((tag) => tag !== 'en');

/** Product names stay as they are in every language. */
const PRODUCT_NAMES = new Set(['name.short']);

/** The value at a localization key such as `bots[0].commandLists[1].commands[2].title` in the manifest. */
function at(obj: unknown, key: string): unknown {
  const parts = key.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node: unknown = obj;
  for (const part of parts) {
    if (node === undefined || node === null) return undefined;
    node = part.startsWith('[') ? (node as unknown[])[Number(part.slice(1, -1))] : (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Every string of the manifest that Teams shows and lets a localization file replace. */
function localizableKeys(m: Record<string, any>): string[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
  m.bots.forEach((bot: { commandLists: { commands: unknown[] }[] }, b: number) =>
    bot.commandLists.forEach((list, l) =>
      list.commands.forEach((_c, c) => keys.push(`bots[${b}].commandLists[${l}].commands[${c}].title`, `bots[${b}].commandLists[${l}].commands[${c}].description`)),
    ),
  );
  m.composeExtensions.forEach((ext: { commands: { parameters?: unknown[] }[] }, e: number) =>
    ext.commands.forEach((cmd, c) => {
      keys.push(`composeExtensions[${e}].commands[${c}].title`, `composeExtensions[${e}].commands[${c}].description`);
      (cmd.parameters ?? []).forEach((_p, p) => keys.push(`composeExtensions[${e}].commands[${c}].parameters[${p}].title`, `composeExtensions[${e}].commands[${c}].parameters[${p}].description`));
    }),
  );
  return keys;
}

const KEYS = localizableKeys(manifest);

describe('Teams app localization', () => {
  it('covers exactly the languages the bot answers in', () => {
    expect(files.map((f) => f.languageTag).sort()).toEqual([...SUPPORTED_LOCALES].sort());
    expect(manifest.localizationInfo?.defaultLanguageTag).toBe('en');
  });

  it.each(files.map((f) => [f.file, f.languageTag]))('%s is valid against the Teams localization schema', (_file, tag) => {
    expect(localizationSchemaErrors(strings.get(tag)!)).toEqual([]);
  });

  it.each(files.map((f) => [f.file, f.languageTag]))('%s has every localizable string of the manifest, and nothing else', (_file, tag) => {
    const keys = Object.keys(strings.get(tag)!).filter((k) => k !== '$schema');
    expect(keys.sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) expect(strings.get(tag)![key]?.trim()).toBeTruthy();
  });

  it('en.json says what the manifest says', () => {
    for (const key of KEYS) expect([key, english[key]]).toEqual([key, at(manifest, key)]);
  });

  it.each(others)('%s is translated: no English left but the product name', (tag) => {
    const t = strings.get(tag)!;
    for (const key of KEYS) {
      if (PRODUCT_NAMES.has(key)) expect(t[key]).toBe(english[key]);
      else expect([key, t[key]]).not.toEqual([key, english[key]]);
    }
  });

  it.each([...strings.keys()])('%s: each command title from the menu is a command the bot understands', (tag) => {
    const t = strings.get(tag)!;
    const expected = ['help', 'language', 'check'];
    for (const key of KEYS.filter((k) => /^bots\[0\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(k))) {
      const index = Number(/commands\[(\d+)\]/.exec(key)![1]);
      const title = t[key]!;
      // Teams inserts the title; "check" then needs the domain the person types after it.
      const typed = expected[index] === 'check' ? `${title} contoso.com` : title;
      expect([tag, title, parseCommand(typed)?.kind]).toEqual([tag, title, expected[index]]);
    }
  });

  it.each([...strings.keys()])('%s: the examples in command descriptions work as typed', (tag) => {
    const t = strings.get(tag)!;
    const checkTitle = t['bots[0].commandLists[0].commands[2].title']!;
    const checkExample = `${checkTitle} contoso.com 203.0.113.5`;
    expect(t['bots[0].commandLists[0].commands[2].description']).toContain(checkExample);
    // The command word also says which language it was typed in; the app's language is one it may be.
    const parsed = parseCommand(checkExample);
    expect(parsed).toMatchObject({ kind: 'check', domain: 'contoso.com', ip: '203.0.113.5' });
    expect([tag, matchLocale((parsed as { language?: string } | undefined)?.language ?? '')]).toEqual([tag, matchLocale(tag)]);
    // "language ja": the example among the words, which picks one of the bot's languages.
    const languageTitle = t['bots[0].commandLists[0].commands[1].title']!;
    const examples = [...t['bots[0].commandLists[0].commands[1].description']!.matchAll(new RegExp(`${languageTitle} ([a-zA-Z-]+)`, 'g'))].map((m) => m[0]);
    const working = examples.filter((typed) => {
      const parsed = parseCommand(typed);
      return parsed?.kind === 'language' && matchLocale(parsed.tag) !== undefined;
    });
    expect([tag, working.length > 0]).toEqual([tag, true]);
  });

  it.each([...strings.keys()])('%s: the help card names "Diagnose bounce" as the message menu shows it', (tag) => {
    // The help says where to click (… › More actions › Diagnose bounce): the last step is this app's entry.
    const title = strings.get(tag)!['composeExtensions[0].commands[0].title']!;
    const help = cardTexts(helpCard(matchLocale(tag) as Locale).content).join('\n');
    const named = /›\s*\*\*([^*]+)\*\*[^›]*$/m.exec(help.split('\n').find((line) => line.includes('›')) ?? '')?.[1];
    expect([tag, named]).toEqual([tag, title]);
  });
});
